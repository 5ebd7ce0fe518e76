//! The facts of one prövning, by the table's slots: the values the case gives for the
//! catalogue's facts, and the facts the engine derives itself ([`Builtin`]).
//!
//! A case carries catalogue values by slot ([`crate::case::FactValues`]); a value whose slot the
//! table does not have, or whose fact describes another part of the case, is left out, never
//! guessed. Builtins the table's catalogue does not declare are not filled: no rule can read
//! them.
//! This module holds no condition logic (`condition`) and no order between rules.

use crate::case::{Ansokan, Builtin, Case, FactScope, FactValue, Facts, Person, Skyddsatgard};
use crate::case_frister::uppfoljning_forsenad;
use crate::date::Date;
use crate::decode::Table;
use crate::table::same_id;

/// The person's facts on `as_of`: the catalogue's facts about the person, ålder, kön and
/// skyddade personuppgifter.
pub fn person_facts(table: &Table<'_>, person: &Person, as_of: Date) -> Facts {
    let mut facts = Facts::new();
    set_person_facts(table, &mut facts, person, as_of);
    facts
}

/// As [`person_facts`], into `facts`, which is cleared first: the evaluator reuses one buffer.
pub fn set_person_facts(table: &Table<'_>, facts: &mut Facts, person: &Person, as_of: Date) {
    facts.clear_all();
    set_values(table, facts, person.facts.iter(), FactScope::Person);
    table.fill_defaults(facts, FactScope::Person);
    let age = person
        .fodelsedatum
        .and_then(|born| born.age_on(as_of))
        .map(i64::from);
    set_builtin(table, facts, Builtin::Alder, age);
    set_builtin(table, facts, Builtin::Kon, person.kon.map(|kon| kon as i64));
    set_builtin(
        table,
        facts,
        Builtin::SkyddadePersonuppgifter,
        person.skyddade_personuppgifter.map(|level| level as i64),
    );
}

/// Turns `facts`, which hold the person's facts and perhaps another application's, into the
/// facts of the prövning of `ansokan` on `as_of`: the slots of the person are kept, every other
/// slot is replaced.
pub fn set_ansokan_facts(
    table: &Table<'_>,
    facts: &mut Facts,
    case: &Case,
    ansokan: &Ansokan,
    as_of: Date,
) {
    set_ansokan_facts_with(table, facts, case, ansokan, as_of, &mut AgeOnDay::default());
}

/// The ålder at an ansökningsdag, kept for the next ansökan: the ansökningar of a case mostly
/// share their day, and the age is the same for every ansökan with the same födelsedatum and
/// day, so it is counted once (two calendar conversions) instead of once per ansökan.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AgeOnDay(Option<(Date, Date, Option<i64>)>);

impl AgeOnDay {
    /// The age on `applied` of a person born on `born`, from the last call when it asked the
    /// same.
    #[inline]
    fn age(&mut self, born: Option<Date>, applied: Option<Date>) -> Option<i64> {
        let (born, applied) = born.zip(applied)?;
        match self.0 {
            Some((last_born, last_applied, age))
                if (last_born, last_applied) == (born, applied) =>
            {
                age
            }
            _ => {
                let age = born.age_on(applied).map(i64::from);
                self.0 = Some((born, applied, age));
                age
            }
        }
    }
}

/// As [`set_ansokan_facts`], taking the ålder at the ansökningsdag from `ages` when the last
/// ansökan had the same day: the evaluator's loop over the ansökningar keeps one.
pub(crate) fn set_ansokan_facts_with(
    table: &Table<'_>,
    facts: &mut Facts,
    case: &Case,
    ansokan: &Ansokan,
    as_of: Date,
    ages: &mut AgeOnDay,
) {
    facts.keep_only(table.person_slots());
    set_values(table, facts, ansokan.facts.iter(), FactScope::Ansokan);
    table.fill_defaults(facts, FactScope::Ansokan);
    let age_at_application = ages.age(case.person.fodelsedatum, ansokan.ansokningsdatum);
    set_builtin(table, facts, Builtin::AlderVidAnsokan, age_at_application);
    set_builtin(
        table,
        facts,
        Builtin::Ansokningsdatum,
        ansokan.ansokningsdatum.map(|day| i64::from(day.days())),
    );
    set_builtin(
        table,
        facts,
        Builtin::SoktOmfattning,
        ansokan.sokt_omfattning,
    );
    let in_force = case
        .beslut
        .iter()
        .find(|beslut| same_id(&beslut.insats, &ansokan.insats) && beslut.is_in_force(as_of));
    set_builtin(
        table,
        facts,
        Builtin::HarGallandeBeslut,
        Some(i64::from(in_force.is_some())),
    );
    set_builtin(
        table,
        facts,
        Builtin::BeviljadOmfattning,
        in_force.and_then(|beslut| beslut.omfattning),
    );
}

/// The facts of the prövning of the application with index `ansokan_idx` in `case`, on `as_of`,
/// as the evaluator prepares them: for a caller that explains one prövning (its breakdown).
/// `None` when the case has no such application.
pub fn ansokan_facts(
    table: &Table<'_>,
    case: &Case,
    ansokan_idx: usize,
    as_of: Date,
) -> Option<Facts> {
    let ansokan = case.ansokningar.get(ansokan_idx)?;
    let mut facts = person_facts(table, &case.person, as_of);
    set_ansokan_facts(table, &mut facts, case, ansokan, as_of);
    Some(facts)
}

/// The facts of one skyddsåtgärd on `as_of`: the person's, the case's for the measure, and the
/// two the table gives: `digital_teknik` from the kind's declaration and `uppföljning_försenad`
/// from its uppföljning frister.
pub fn skyddsatgard_facts(
    table: &Table<'_>,
    person: &Facts,
    skyddsatgard: &Skyddsatgard,
    as_of: Date,
) -> Facts {
    let mut facts = person.clone();
    facts.keep_only(table.person_slots());
    let samtycke = &skyddsatgard.samtycke;
    let happened = |day: Option<Date>| Some(i64::from(day.is_some_and(|day| day <= as_of)));
    let flag = |flag: Option<bool>| flag.map(i64::from);
    let values = [
        (Builtin::Syfte, skyddsatgard.syfte.map(|value| value as i64)),
        (Builtin::SamtyckeAv, samtycke.av.map(|value| value as i64)),
        (
            Builtin::Samtyckesform,
            samtycke.form.map(|value| value as i64),
        ),
        (
            Builtin::Samtyckesdatum,
            samtycke.datum.map(|day| i64::from(day.days())),
        ),
        (Builtin::SamtyckeAterkallat, happened(samtycke.aterkallat)),
        (
            Builtin::BeslutadAv,
            skyddsatgard.beslutad_av.map(|value| value as i64),
        ),
        (
            Builtin::RiskbedomningGjord,
            happened(skyddsatgard.riskbedomning),
        ),
        (
            Builtin::AccepterarFortfarande,
            flag(samtycke.accepterar_fortfarande),
        ),
        (
            Builtin::AlternativProvade,
            flag(skyddsatgard.alternativ_provade),
        ),
        (
            Builtin::DokumenteradIJournal,
            flag(skyddsatgard.dokumenterad_i_journal),
        ),
        (Builtin::MasInformerad, flag(skyddsatgard.mas_informerad)),
        (Builtin::Generell, flag(skyddsatgard.generell)),
        (Builtin::Nodsituation, flag(skyddsatgard.nodsituation)),
        (Builtin::InutiKroppen, flag(skyddsatgard.inuti_kroppen)),
        (
            Builtin::AntalTillfallen,
            skyddsatgard.antal_tillfallen.map(i64::from),
        ),
        (
            Builtin::Boendeform,
            skyddsatgard.boendeform.map(|value| value as i64),
        ),
    ];
    for (builtin, value) in values {
        set_builtin(table, &mut facts, builtin, value);
    }
    let atgard = table
        .atgard_index(&skyddsatgard.typ)
        .and_then(|atgard_idx| table.atgard(atgard_idx));
    set_builtin(
        table,
        &mut facts,
        Builtin::DigitalTeknik,
        atgard.map(|atgard| i64::from(atgard.digital_teknik)),
    );
    set_builtin(
        table,
        &mut facts,
        Builtin::UppfoljningForsenad,
        uppfoljning_forsenad(table, skyddsatgard, as_of).map(i64::from),
    );
    facts
}

/// Sets the values of `scope` among `values`; a slot the table does not have, or of another
/// scope, or a builtin's, is left alone.
fn set_values(
    table: &Table<'_>,
    facts: &mut Facts,
    values: impl Iterator<Item = FactValue>,
    scope: FactScope,
) {
    for FactValue { slot, value } in values {
        if table.is_given(slot, scope) {
            facts.set(usize::from(slot), value);
        }
    }
}

/// Sets `builtin`'s slot, when the catalogue declares it, to `value` (unknown for `None`).
#[inline]
fn set_builtin(table: &Table<'_>, facts: &mut Facts, builtin: Builtin, value: Option<i64>) {
    if let Some(slot) = table.builtin_slot(builtin) {
        facts.set_opt(slot, value);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::table::Lag;
    use crate::testing::{self, TableSpec};

    /// A fact's declared value for when a case does not give it fills that fact in the prövning
    /// of its own part of the case, never a fact of another part, and never over a value the
    /// case gives.
    #[test]
    fn a_declared_default_fills_its_own_part_of_the_case_only() {
        let spec = TableSpec::with_insatser(&[("hemtjanst", Lag::SoL)]);
        let mut raw = spec.raw();
        let (p_tal, a_antal) = (testing::slot_of("p_tal"), testing::slot_of("a_antal"));
        for (slot, value) in [(p_tal, 7), (a_antal, 2)] {
            let fact = raw.facts.get_mut(usize::from(slot));
            assert!(fact.is_some(), "uppgiften saknas i testkatalogen");
            if let Some(fact) = fact {
                fact.saknas = Some(value);
            }
        }
        let bytes = testing::encoded(&raw);
        let table = testing::decoded(&bytes);
        let as_of = testing::d("2026-02-01");

        let mut case = Case::default();
        for given in [Some(5), None] {
            let mut ansokan = Ansokan {
                insats: testing::insats("hemtjanst"),
                ..Ansokan::default()
            };
            if let Some(value) = given {
                assert_eq!(ansokan.facts.set(a_antal, value), Ok(()));
            }
            assert!(case.ansokningar.push(ansokan).is_ok());
        }
        let person = person_facts(&table, &case.person, as_of);
        assert_eq!(person.get(usize::from(p_tal)), Some(7));
        assert_eq!(person.get(usize::from(a_antal)), None);
        let given = ansokan_facts(&table, &case, 0, as_of);
        let missing = ansokan_facts(&table, &case, 1, as_of);
        let value = |facts: &Option<Facts>, slot: u16| {
            facts
                .as_ref()
                .and_then(|facts| facts.get(usize::from(slot)))
        };
        assert_eq!(value(&given, a_antal), Some(5));
        assert_eq!(value(&missing, a_antal), Some(2));
        assert_eq!(value(&missing, p_tal), Some(7));

        assert_eq!(case.person.facts.set(p_tal, 3), Ok(()));
        assert_eq!(
            person_facts(&table, &case.person, as_of).get(usize::from(p_tal)),
            Some(3)
        );
    }

    proptest! {
        /// The age kept for the next ansökan is the age counted afresh, whatever days and
        /// födelsedatum follow one another (the same, another, or missing).
        #[test]
        fn an_age_kept_for_the_next_ansokan_is_the_age_counted_afresh(
            days in proptest::collection::vec(
                (
                    proptest::option::weighted(0.9, testing::date()),
                    proptest::option::weighted(0.9, testing::date()),
                    any::<bool>(),
                ),
                1..8,
            ),
        ) {
            let mut ages = AgeOnDay::default();
            let mut last: Option<(Option<Date>, Option<Date>)> = None;
            for (born, applied, repeat) in days {
                // Often the same day again, as the ansökningar of one case are.
                let (born, applied) = match last {
                    Some(previous) if repeat => previous,
                    _ => (born, applied),
                };
                let fresh = born
                    .zip(applied)
                    .and_then(|(born, applied)| born.age_on(applied))
                    .map(i64::from);
                prop_assert_eq!(ages.age(born, applied), fresh);
                last = Some((born, applied));
            }
        }
    }
}
