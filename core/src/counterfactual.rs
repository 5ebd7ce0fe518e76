//! What would change the outcome: the smallest change to an ansökan that makes it meet the
//! riktlinje ([`counterfactual()`]), among the facts the riktlinje marks as changeable by the
//! ansökan (`ändras_av_ansökan: ja`: how often, how much); never ålder, personkrets, kön or
//! anything else the enskilde cannot choose.
//!
//! The search tries values the riktlinje itself suggests: each figure a rule of the insats
//! compares a changeable fact with, one step either side of it, zero for a count or an amount, the other
//! answer for a yes/no fact, and for the sökt omfattning the omfattning the schablon computes
//! with the other changes made. It tries one changed fact, then two, then three
//! ([`MAX_CHANGED_FACTS`]), and takes the first count of facts at which any change works, and
//! within it the smallest change (the sum of the changes, each in thousandths of its fact's
//! unit), the first found on a tie. A change that meets the riktlinje only by raising the
//! omfattning the schablon computes (asking for one more tillsyn a day so that the hours sökt
//! fit) is not offered: the search never suggests applying for more help than the ansökan
//! states. So the work is bounded by the table: at most
//! [`MAX_CHANGEABLE_FACTS`] facts of [`MAX_CANDIDATES`] values each.
//! It is a separate entry point: [`crate::evaluate()`] and the batch never pay for it.
//! This module holds the search only; a prövning is `insats`'s.

use heapless::Vec;
use serde::Serialize;

use crate::case::{Builtin, Case, FactKind, FactScope, Facts};
use crate::date::Date;
use crate::decode::{InsatsIdx, Table};
use crate::error::EvaluateError;
use crate::evaluation::InsatsEvaluation;
use crate::facts::{set_ansokan_facts, set_person_facts};
use crate::figure::{figure_at, instructions_of};
use crate::insats::outcome_into;
use crate::limits::{MAX_CANDIDATES, MAX_CHANGEABLE_FACTS, MAX_CHANGED_FACTS};
use crate::table::{Code, Op, Outcome};

/// What would make one ansökan meet the riktlinje.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counterfactual {
    /// The ansökan's index in the case.
    pub ansokan_idx: u8,
    /// What the search found.
    pub finding: Finding,
    /// How many prövningar the search ran: its cost.
    pub tries: u32,
}

/// What the search for a change found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Finding {
    /// The ansökan already meets the riktlinje: nothing is to change.
    AlreadyMet,
    /// The smallest change that makes the ansökan meet the riktlinje, one entry per fact, in
    /// the order the riktlinje's rules first read them.
    Change(Vec<Change, MAX_CHANGED_FACTS>),
    /// No change of up to [`MAX_CHANGED_FACTS`] of the facts the ansökan may change, to the
    /// values the riktlinje's figures suggest, makes it meet the riktlinje: the law bars the
    /// insats, a fact the ansökan cannot change decides, or the riktlinje does not describe the
    /// insats.
    NoChange,
}

/// One fact changed: its slot in the table's catalogue, its value in the case (`None`: not
/// given) and the value that, with the other changes, makes the ansökan meet the riktlinje,
/// as a case gives it (a decimal in thousandths, yes as 1 and no as 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The fact's slot.
    pub fact: u16,
    /// Its value in the case.
    pub from: Option<i64>,
    /// Its value after the change.
    pub to: i64,
}

impl Counterfactual {
    /// Makes the change in `case`, so that evaluating it shows the flip.
    ///
    /// # Errors
    /// [`EvaluateError::NoSuchAnsokan`] when the case has no ansökan at this one's index, or no
    /// room for another fact value.
    pub fn apply_to(&self, table: &Table<'_>, case: &mut Case) -> Result<(), EvaluateError> {
        let Finding::Change(changes) = &self.finding else {
            return Ok(());
        };
        let sokt = table
            .builtin_slot(Builtin::SoktOmfattning)
            .and_then(|slot| u16::try_from(slot).ok());
        for change in changes {
            let scope = table.fact(change.fact).map(|fact| fact.scope);
            let ansokan = case
                .ansokningar
                .get_mut(usize::from(self.ansokan_idx))
                .ok_or(EvaluateError::NoSuchAnsokan)?;
            let stored = if Some(change.fact) == sokt {
                ansokan.sokt_omfattning = Some(change.to);
                Ok(())
            } else if scope == Some(FactScope::Person) {
                case.person.facts.set(change.fact, change.to)
            } else {
                ansokan.facts.set(change.fact, change.to)
            };
            stored.map_err(|_| EvaluateError::NoSuchAnsokan)?;
        }
        Ok(())
    }
}

/// The smallest change to the ansökan with index `ansokan_idx` in `case` that makes it meet
/// the riktlinje on `as_of` (see the module's documentation for how it is found).
///
/// # Errors
/// [`EvaluateError::NoSuchAnsokan`] when the case has no ansökan with that index; otherwise as
/// [`evaluate`](crate::evaluate()).
///
/// ```
/// use riktlinjer_core::{counterfactual, Case, Date, Table};
/// # fn run(bytes: &[u8], case: &Case) -> Result<(), Box<dyn core::error::Error>> {
/// let table = Table::decode(bytes)?;
/// let found = counterfactual(&table, case, 0, Date::parse("2026-02-01")?)?;
/// println!("{:?} after {} prövningar", found.finding, found.tries);
/// # Ok(()) }
/// ```
pub fn counterfactual(
    table: &Table<'_>,
    case: &Case,
    ansokan_idx: usize,
    as_of: Date,
) -> Result<Counterfactual, EvaluateError> {
    let ansokan = case
        .ansokningar
        .get(ansokan_idx)
        .ok_or(EvaluateError::NoSuchAnsokan)?;
    let mut found = Counterfactual {
        ansokan_idx: u8::try_from(ansokan_idx).map_err(|_| EvaluateError::NoSuchAnsokan)?,
        finding: Finding::NoChange,
        tries: 0,
    };
    let Some(insats_idx) = table.insats_index(&ansokan.insats) else {
        return Ok(found);
    };
    let mut facts = Facts::new();
    set_person_facts(table, &mut facts, &case.person, as_of);
    set_ansokan_facts(table, &mut facts, case, ansokan, as_of);
    let mut search = Search {
        table,
        insats_idx,
        as_of,
        facts,
        result: InsatsEvaluation::of(Some(insats_idx)),
        tries: 0,
        beraknad: None,
    };
    if search.outcome()? == Outcome::Uppfyller {
        found.finding = Finding::AlreadyMet;
        found.tries = search.tries;
        return Ok(found);
    }
    search.beraknad = search.result.beraknad;
    let changeable = changeable_facts(table, insats_idx, &search.facts, as_of);
    let n_changeable = changeable.len();
    let most = MAX_CHANGED_FACTS.min(n_changeable);
    for n_changed in 1..=most {
        if let Some(best) = search.best_of(&changeable, n_changed)? {
            found.finding = Finding::Change(best);
            break;
        }
    }
    found.tries = search.tries;
    Ok(found)
}

/// A value to try for a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Candidate {
    /// This value, as the case gives it.
    Value(i64),
    /// The omfattning the schablon computes with the other changes made (for the sökt
    /// omfattning).
    Schablon,
}

/// A fact the search may change, with the values it tries.
struct Changeable {
    slot: u16,
    /// Thousandths of the fact's unit in one step of its value (1 for a decimal, which a case
    /// gives in thousandths; 1 000 for a count or a yes/no).
    scale: u64,
    candidates: Vec<Candidate, MAX_CANDIDATES>,
}

/// The state of one search: the ansökan's facts, changed and restored in place.
struct Search<'a, 't> {
    table: &'a Table<'t>,
    insats_idx: InsatsIdx,
    as_of: Date,
    facts: Facts,
    result: InsatsEvaluation,
    tries: u32,
    /// The omfattning the schablon computes for the ansökan as it stands, when it does: no
    /// change may raise it.
    beraknad: Option<i64>,
}

impl Search<'_, '_> {
    /// The outcome of the prövning with the facts as they now are.
    fn outcome(&mut self) -> Result<Outcome, EvaluateError> {
        self.result = InsatsEvaluation::of(Some(self.insats_idx));
        self.tries = self.tries.saturating_add(1);
        outcome_into(
            self.table,
            self.insats_idx,
            &self.facts,
            self.as_of,
            &mut self.result,
        )?;
        Ok(self.result.outcome)
    }

    /// The smallest change of exactly `n_changed` of the `changeable` facts that makes the
    /// ansökan meet the riktlinje, if any.
    fn best_of(
        &mut self,
        changeable: &[Changeable],
        n_changed: usize,
    ) -> Result<Option<Vec<Change, MAX_CHANGED_FACTS>>, EvaluateError> {
        let mut best: Option<(u64, Vec<Change, MAX_CHANGED_FACTS>)> = None;
        let n_changeable = u32::try_from(changeable.len()).unwrap_or(0);
        let n_masks = 1u32.checked_shl(n_changeable).unwrap_or(0);
        for mask in 1..n_masks {
            if usize::try_from(mask.count_ones()).ok() != Some(n_changed) {
                continue;
            }
            let mut chosen: Vec<&Changeable, MAX_CHANGED_FACTS> = Vec::new();
            for (index, fact) in changeable.iter().enumerate() {
                let bit = u32::try_from(index)
                    .ok()
                    .and_then(|index| 1u32.checked_shl(index))
                    .unwrap_or(0);
                if mask & bit != 0 && chosen.push(fact).is_err() {
                    break;
                }
            }
            // An odometer over the chosen facts' candidates.
            let mut digits: Vec<usize, MAX_CHANGED_FACTS> = Vec::new();
            for _ in &chosen {
                let _ = digits.push(0);
            }
            loop {
                if let Some(changes) = self.try_change(&chosen, &digits)? {
                    let size = size_of(&chosen, &changes);
                    if best.as_ref().is_none_or(|(smallest, _)| size < *smallest) {
                        best = Some((size, changes));
                    }
                }
                if !advance(&chosen, &mut digits) {
                    break;
                }
            }
        }
        Ok(best.map(|(_, changes)| changes))
    }

    /// Makes the change the `digits` choose, tries it and restores the facts: the change, when
    /// it makes the ansökan meet the riktlinje, in the order of `chosen`.
    fn try_change(
        &mut self,
        chosen: &[&Changeable],
        digits: &[usize],
    ) -> Result<Option<Vec<Change, MAX_CHANGED_FACTS>>, EvaluateError> {
        let mut froms: Vec<Option<i64>, MAX_CHANGED_FACTS> = Vec::new();
        let mut schablon: Option<u16> = None;
        for (fact, digit) in chosen.iter().zip(digits) {
            let _ = froms.push(self.facts.get(usize::from(fact.slot)));
            match fact.candidates.get(*digit) {
                Some(Candidate::Value(to)) => self.facts.set(usize::from(fact.slot), *to),
                Some(Candidate::Schablon) => schablon = Some(fact.slot),
                None => {}
            }
        }
        let mut outcome = self.outcome();
        if let (Some(slot), Ok(_)) = (schablon, &outcome) {
            match self.result.beraknad {
                Some(beraknad) if Some(beraknad) != self.facts.get(usize::from(slot)) => {
                    self.facts.set(usize::from(slot), beraknad);
                    outcome = self.outcome();
                }
                // Without a schablon figure, or with the one sökt, there is nothing to try.
                _ => outcome = Ok(Outcome::KraverIndividuellBedomning),
            }
        }
        let mut changes: Vec<Change, MAX_CHANGED_FACTS> = Vec::new();
        for (fact, from) in chosen.iter().zip(&froms) {
            if let Some(to) = self.facts.get(usize::from(fact.slot)) {
                let _ = changes.push(Change {
                    fact: fact.slot,
                    from: *from,
                    to,
                });
            }
            self.facts.set_opt(usize::from(fact.slot), *from);
        }
        // Meeting the riktlinje by a larger schablon is asking for more help, not less.
        let raised = matches!(
            (self.beraknad, self.result.beraknad),
            (Some(before), Some(after)) if after > before
        );
        Ok((outcome? == Outcome::Uppfyller && !raised).then_some(changes))
    }
}

/// Moves the odometer one step: the last digit first, carrying left; `false` once every
/// combination has been tried.
fn advance(chosen: &[&Changeable], digits: &mut [usize]) -> bool {
    for (fact, digit) in chosen.iter().zip(digits.iter_mut()).rev() {
        let next = digit.saturating_add(1);
        if next < fact.candidates.len() {
            *digit = next;
            return true;
        }
        *digit = 0;
    }
    false
}

/// The size of a change: the sum of the changes, each in thousandths of its fact's unit.
fn size_of(chosen: &[&Changeable], changes: &[Change]) -> u64 {
    changes
        .iter()
        .map(|change| {
            let scale = chosen
                .iter()
                .find(|fact| fact.slot == change.fact)
                .map_or(1, |fact| fact.scale);
            change
                .to
                .abs_diff(change.from.unwrap_or(0))
                .saturating_mul(scale)
        })
        .fold(0u64, u64::saturating_add)
}

/// The facts of the insats's rules and schablon that the ansökan may change, in the order the
/// code reads them first, each with the values to try.
fn changeable_facts(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
) -> Vec<Changeable, MAX_CHANGEABLE_FACTS> {
    let mut changeable: Vec<Changeable, MAX_CHANGEABLE_FACTS> = Vec::new();
    let sokt = table.builtin_slot(Builtin::SoktOmfattning);
    let (_, components) = table.components_of(insats_idx);
    let has_schablon = !components.is_empty();
    let rule_codes = table.rules_of(insats_idx).iter().map(|rule| Code {
        start: rule.code_start,
        len: rule.code_len,
    });
    let component_codes = components.iter().flat_map(|component| {
        [
            component.villkor,
            component.tid,
            component.antal,
            component.hogst,
            component.delas,
        ]
    });
    for code in rule_codes.chain(component_codes) {
        let instructions = instructions_of(table, code);
        for (position, [opcode, a, b, c, d]) in instructions.iter().enumerate() {
            if *opcode != Op::Fact as u8 {
                continue;
            }
            let Ok(slot) = u16::try_from(i32::from_le_bytes([*a, *b, *c, *d])) else {
                continue;
            };
            let Some(fact) = table.fact(slot) else {
                continue;
            };
            let is_sokt = sokt == Some(usize::from(slot));
            let may_change = fact.andringsbar
                && (fact.builtin.is_none() || is_sokt)
                && matches!(
                    fact.kind,
                    FactKind::Int | FactKind::Decimal | FactKind::Bool
                );
            if !may_change {
                continue;
            }
            let index = match changeable.iter().position(|known| known.slot == slot) {
                Some(index) => index,
                None => {
                    let scale = if fact.kind == FactKind::Decimal {
                        1
                    } else {
                        1_000
                    };
                    let mut candidates = Vec::new();
                    match fact.kind {
                        FactKind::Bool => {
                            let _ = candidates.push(Candidate::Value(0));
                            let _ = candidates.push(Candidate::Value(1));
                        }
                        // None of a count or an amount; the sökt omfattning tries the
                        // schablon's figure instead.
                        FactKind::Int | FactKind::Decimal if !is_sokt => {
                            let _ = candidates.push(Candidate::Value(0));
                        }
                        _ => {}
                    }
                    if is_sokt && has_schablon {
                        let _ = candidates.push(Candidate::Schablon);
                    }
                    if changeable
                        .push(Changeable {
                            slot,
                            scale,
                            candidates,
                        })
                        .is_err()
                    {
                        continue;
                    }
                    changeable.len().saturating_sub(1)
                }
            };
            let Some(known) = changeable.get_mut(index) else {
                continue;
            };
            if let Some(figure) =
                figure_at(table, instructions, position, as_of).map(|figure| figure.figure)
            {
                let step = if fact.kind == FactKind::Decimal {
                    1_000
                } else {
                    1
                };
                for value in [
                    figure.saturating_sub(step),
                    figure,
                    figure.saturating_add(step),
                ] {
                    let candidate = Candidate::Value(value);
                    if value >= 0 && !known.candidates.contains(&candidate) {
                        let _ = known.candidates.push(candidate);
                    }
                }
            }
        }
    }
    // The schablon weighs the sökt omfattning whether or not a rule reads it.
    let sokt_slot = sokt.and_then(|slot| u16::try_from(slot).ok());
    if let Some(slot) = sokt_slot
        && has_schablon
        && table.fact(slot).is_some_and(|fact| fact.andringsbar)
        && !changeable.iter().any(|known| known.slot == slot)
    {
        let mut candidates = Vec::new();
        let _ = candidates.push(Candidate::Schablon);
        let _ = changeable.push(Changeable {
            slot,
            scale: 1,
            candidates,
        });
    }
    // A value the case already gives is no change.
    for known in &mut changeable {
        let current = facts.get(usize::from(known.slot));
        known
            .candidates
            .retain(|candidate| Some(*candidate) != current.map(Candidate::Value));
    }
    changeable
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate;
    use crate::table::{Enhet, Lag, RuleKind};
    use crate::testing::{self, TableSpec, d, insats, slot_of};
    use proptest::prelude::*;

    proptest! {
        /// Any case under any valid table: a change found is a real flip (the changed case
        /// evaluates to uppfyller), only facts the ansökan may change are changed, and the
        /// search says "already met" exactly when the prövning is uppfyller.
        #[test]
        fn a_change_found_is_a_real_flip(
            (spec, case, as_of) in testing::table_spec().prop_flat_map(|spec| {
                let ids = spec.ids();
                let atgard_ids = spec.atgard_ids();
                (Just(spec), testing::case(ids, atgard_ids), testing::date())
            })
        ) {
            check_flip(&spec, &case, as_of)?;
        }
    }

    /// The body of `a_change_found_is_a_real_flip`, apart so its frame is its own.
    fn check_flip(spec: &TableSpec, case: &Case, as_of: Date) -> Result<(), TestCaseError> {
        let bytes = spec.encode();
        let table = Table::decode(&bytes);
        prop_assert!(table.is_ok(), "{:?}", table);
        let Ok(table) = table else { return Ok(()) };
        let evaluation = evaluate(&table, case, as_of);
        prop_assert!(evaluation.is_ok(), "{:?}", evaluation);
        let Ok(evaluation) = evaluation else {
            return Ok(());
        };
        for provning in &evaluation.provningar {
            let ansokan_idx = usize::from(provning.ansokan_idx);
            let found = counterfactual(&table, case, ansokan_idx, as_of);
            prop_assert!(found.is_ok(), "{:?}", found);
            let Ok(found) = found else { return Ok(()) };
            prop_assert!(found.tries <= 110_000, "{}", found.tries);
            match &found.finding {
                Finding::AlreadyMet => prop_assert_eq!(provning.outcome, Outcome::Uppfyller),
                Finding::NoChange => prop_assert_ne!(provning.outcome, Outcome::Uppfyller),
                Finding::Change(changes) => {
                    prop_assert_ne!(provning.outcome, Outcome::Uppfyller);
                    prop_assert!(!changes.is_empty());
                    for change in changes {
                        let fact = table.fact(change.fact);
                        prop_assert!(fact.is_some_and(|fact| fact.andringsbar), "{:?}", fact);
                        prop_assert_ne!(Some(change.to), change.from);
                    }
                    let mut changed = case.clone();
                    let applied = found.apply_to(&table, &mut changed);
                    prop_assert!(applied.is_ok(), "{:?}", applied);
                    let flipped = evaluate(&table, &changed, as_of);
                    prop_assert!(flipped.is_ok(), "{:?}", flipped);
                    let Ok(flipped) = flipped else { return Ok(()) };
                    prop_assert_eq!(
                        flipped.provningar.get(ansokan_idx).map(|p| p.outcome),
                        Some(Outcome::Uppfyller),
                        "{:?}",
                        changes
                    );
                }
            }
        }
        Ok(())
    }

    /// `fact > figure`, a test of one fact against a number.
    fn above(fact: &str, figure: i32) -> std::vec::Vec<u8> {
        let mut code = Op::Fact.encode(i32::from(slot_of(fact))).to_vec();
        code.extend(Op::Push.encode(figure));
        code.extend(Op::Gt.encode(0));
        code
    }

    /// A table with one insats: a norm on how much the ansökan asks (`a_antal > 2`), a norm on
    /// the person (`p_tal > 2`, which an ansökan cannot change), then a rule that lets it meet
    /// the riktlinje.
    fn table() -> std::vec::Vec<u8> {
        let mut spec = TableSpec::with_insatser(&[]);
        let rules = vec![
            (RuleKind::UppfyllerInte, above("a_antal", 2)),
            (RuleKind::UppfyllerInte, above("p_tal", 2)),
            (RuleKind::Uppfyller, Op::Push.encode(1).to_vec()),
        ];
        spec.add_insats(
            0,
            "hemtjanst".into(),
            Lag::SoL,
            Enhet::Beslut,
            Outcome::KraverIndividuellBedomning,
            rules
                .into_iter()
                .map(|(kind, code)| (kind, None, std::string::String::new(), code))
                .collect(),
        );
        spec.encode()
    }

    fn case_with(a_antal: i64, p_tal: i64) -> Case {
        let mut case = Case::default();
        let _ = case.person.facts.set(slot_of("p_tal"), p_tal);
        let mut ansokan = crate::Ansokan {
            insats: insats("hemtjanst"),
            ..Default::default()
        };
        let _ = ansokan.facts.set(slot_of("a_antal"), a_antal);
        let _ = case.ansokningar.push(ansokan);
        case
    }

    /// A table of three norms on what the ansökan asks (`a_antal > antal`, `a_decimal >
    /// decimal`, `a_flagga`), one on the person (`p_tal > tal`), then a rule that lets the
    /// ansökan meet the riktlinje.
    fn norms(antal: i32, decimal: i32, tal: i32) -> std::vec::Vec<u8> {
        let mut spec = TableSpec::with_insatser(&[]);
        let rules = vec![
            (RuleKind::UppfyllerInte, above("a_antal", antal)),
            (RuleKind::UppfyllerInte, above("a_decimal", decimal)),
            (
                RuleKind::UppfyllerInte,
                Op::Fact.encode(i32::from(slot_of("a_flagga"))).to_vec(),
            ),
            (RuleKind::UppfyllerInte, above("p_tal", tal)),
            (RuleKind::Uppfyller, Op::Push.encode(1).to_vec()),
        ];
        spec.add_insats(
            0,
            "hemtjanst".into(),
            Lag::SoL,
            Enhet::Beslut,
            Outcome::KraverIndividuellBedomning,
            rules
                .into_iter()
                .map(|(kind, code)| (kind, None, std::string::String::new(), code))
                .collect(),
        );
        spec.encode()
    }

    proptest! {
        /// Under norms the ansökan can meet, the search changes exactly the facts that break
        /// one (or are missing), each to the nearest value that meets it, and the change is a
        /// real flip; a norm on the person, or a missing fact about the person, no change of
        /// the ansökan meets.
        #[test]
        fn the_search_changes_exactly_what_breaks_a_norm(
            (antal, decimal, tal) in (0i32..10, 0i32..20_000, 0i32..10),
            values in (
                proptest::option::of(0i64..20),
                proptest::option::of(0i64..40_000),
                proptest::option::of(0i64..=1),
                proptest::option::of(0i64..20),
            ),
        ) {
            let bytes = norms(antal, decimal, tal);
            let table = Table::decode(&bytes);
            prop_assert!(table.is_ok(), "{:?}", table);
            let Ok(table) = table else { return Ok(()) };
            let (a_antal, a_decimal, a_flagga, p_tal) = values;
            let mut case = Case::default();
            let mut ansokan = crate::Ansokan { insats: insats("hemtjanst"), ..Default::default() };
            for (name, value) in [("a_antal", a_antal), ("a_decimal", a_decimal), ("a_flagga", a_flagga)] {
                if let Some(value) = value {
                    let _ = ansokan.facts.set(slot_of(name), value);
                }
            }
            if let Some(p_tal) = p_tal {
                let _ = case.person.facts.set(slot_of("p_tal"), p_tal);
            }
            let _ = case.ansokningar.push(ansokan);
            let as_of = d("2026-02-01");
            let found = counterfactual(&table, &case, 0, as_of);
            prop_assert!(found.is_ok(), "{:?}", found);
            let Ok(found) = found else { return Ok(()) };
            // The nearest value that meets each norm: the figure, or no when it is a flag;
            // for a missing fact, the smallest value that meets it, zero.
            let expected: std::vec::Vec<Change> = [
                ("a_antal", a_antal, i64::from(antal)),
                ("a_decimal", a_decimal, i64::from(decimal)),
                ("a_flagga", a_flagga, 0),
            ]
            .into_iter()
            .filter_map(|(name, value, most)| match value {
                Some(value) if value <= most => None,
                Some(value) => Some(Change { fact: slot_of(name), from: Some(value), to: most }),
                None => Some(Change { fact: slot_of(name), from: None, to: 0 }),
            })
            .collect();
            let person_ok = p_tal.is_some_and(|p_tal| p_tal <= i64::from(tal));
            match &found.finding {
                Finding::Change(changes) => {
                    prop_assert!(person_ok);
                    prop_assert_eq!(changes.as_slice(), expected.as_slice());
                    let mut changed = case.clone();
                    prop_assert!(found.apply_to(&table, &mut changed).is_ok());
                    let flipped = evaluate(&table, &changed, as_of);
                    let outcome = flipped.ok().and_then(|e| e.provningar.first().map(|p| p.outcome));
                    prop_assert_eq!(outcome, Some(Outcome::Uppfyller));
                }
                Finding::AlreadyMet => prop_assert!(person_ok && expected.is_empty()),
                Finding::NoChange => prop_assert!(!person_ok),
            }
        }
    }

    /// Asking for five where the riktlinje gives at most two: the smallest change is to ask
    /// for two; a norm on the person no change of the ansökan can meet.
    #[test]
    fn the_smallest_change_is_to_the_riktlinjes_figure_and_never_to_the_person() {
        let bytes = table();
        let table = Table::decode(&bytes);
        assert!(table.is_ok(), "{table:?}");
        let Ok(table) = table else { return };
        let as_of = d("2026-02-01");
        let found = counterfactual(&table, &case_with(5, 0), 0, as_of);
        assert!(found.is_ok(), "{found:?}");
        let Ok(found) = found else { return };
        let expected = Change {
            fact: slot_of("a_antal"),
            from: Some(5),
            to: 2,
        };
        assert_eq!(
            found.finding,
            Finding::Change(Vec::from_slice(&[expected]).unwrap_or_default())
        );
        let barred = counterfactual(&table, &case_with(5, 7), 0, as_of);
        assert_eq!(barred.map(|found| found.finding), Ok(Finding::NoChange));
        let met = counterfactual(&table, &case_with(1, 0), 0, as_of);
        assert_eq!(met.map(|found| found.finding), Ok(Finding::AlreadyMet));
        let none = counterfactual(&table, &case_with(1, 0), 1, as_of);
        assert_eq!(
            none.map(|found| found.finding),
            Err(EvaluateError::NoSuchAnsokan)
        );
    }
}
