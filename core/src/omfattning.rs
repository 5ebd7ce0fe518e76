//! Computed omfattning: the sum of an insats's schablon components, each a time × how often.
//!
//! A component applies when its condition holds; it counts nothing when a component it is
//! included in applies ("bäddning ingår i morgonhjälp"); its subtotal is its time (minutes per
//! tillfälle) times its frequency (tillfällen per år), or its time alone when that is already
//! per år; a cap (`högst`) bounds the subtotal; a shared component (makar som båda har
//! service) counts half. The sum is in minutes per år, exact, and is turned into the insats's
//! unit by the table's exact factor; it is rounded only where it is shown or compared
//! ([`Num::round_to`], once, in `insats`, through `compute_rounded`).
//! A missing fact makes the sum unknown (the first is named); an overflow is an outcome of its
//! own, never a wrong number.

use serde::Serialize;

use crate::case::Facts;
use crate::condition::{Quantity, flat_truth, holds, value_of};
use crate::date::Date;
use crate::decode::{InsatsIdx, Table};
use crate::flat::{Conjunction, Truth};
use crate::num::Num;
use crate::table::Component;

/// What the components of an insats add up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Computation<T = Num> {
    /// The omfattning, exact, in the insats's unit (or as the evaluator keeps it: rounded).
    Known(T),
    /// A fact a component needs is missing: the first, by slot, when there is one.
    Unknown(Option<u16>),
    /// A figure overflowed the core's numbers.
    Overflow,
}

impl<T> Computation<T> {
    /// The known value turned by `turn`, an overflow where `turn` gives none.
    pub(crate) fn and_then_known<U>(self, turn: impl FnOnce(T) -> Option<U>) -> Computation<U> {
        match self {
            Computation::Known(value) => {
                turn(value).map_or(Computation::Overflow, Computation::Known)
            }
            Computation::Unknown(fact) => Computation::Unknown(fact),
            Computation::Overflow => Computation::Overflow,
        }
    }
}

/// How one component counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LineStatus {
    /// Its condition holds: its subtotal counts.
    Raknas,
    /// Its condition does not hold: it counts nothing.
    GallerInte,
    /// The component it is included in applies: it counts nothing of its own.
    IngarI,
    /// A fact it needs is missing (the slot, when there is one).
    Okand(Option<u16>),
    /// A figure overflowed.
    Overflow,
}

/// One line of a breakdown: a component, its schablon, how often, and what it adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The component's index in [`Table::components`].
    pub component: u16,
    /// How it counted.
    pub status: LineStatus,
    /// Its time: minutes per tillfälle, or minutes per år when it has no frequency.
    pub tid: Option<Num>,
    /// How often, in tillfällen per år; `None` when the time is per år or unknown.
    pub antal: Option<Num>,
    /// What it adds, in minutes per år (zero when it does not count).
    pub subtotal: Option<Num>,
    /// Its cap bounded the subtotal.
    pub begransad: bool,
    /// It is shared, and so counted half.
    pub delad: bool,
}

/// The omfattning insats `insats_idx` computes from its components, or `None` when it has none
/// or none of them applies to the case.
pub fn compute(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
) -> Option<Computation> {
    compute_with(table, insats_idx, facts, as_of, |_| {})
}

/// As [`compute`], and gives each component's [`Line`] to `line`, in written order.
pub fn compute_with(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    line: impl FnMut(Line),
) -> Option<Computation> {
    let sum = sum_with::<true>(table, insats_idx, facts, as_of, line)?;
    Some(sum.and_then_known(|(total, factor)| total.checked_div(factor)))
}

/// [`compute`]'s omfattning rounded to `decimals` places ([`Num::round_to`]), as the evaluator
/// shows and compares it; an overflow where the rounding overflows.
pub(crate) fn compute_rounded(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    decimals: u8,
) -> Option<Computation<i64>> {
    let sum = sum_with::<false>(table, insats_idx, facts, as_of, |_| {})?;
    Some(sum.and_then_known(|(total, factor)| total.rounded_quotient(factor, decimals)))
}

/// The components' sum in minutes per år with the factor that turns it into the insats's unit
/// (the omfattning is their quotient), giving each component's [`Line`] to `line`: in full
/// with a `BREAKDOWN`, otherwise with its status and subtotal only.
fn sum_with<const BREAKDOWN: bool>(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    mut line: impl FnMut(Line),
) -> Option<Computation<(Num, Num)>> {
    let insats = table.insats(insats_idx)?;
    let (first, components) = table.components_of(insats_idx);
    if components.is_empty() {
        return None;
    }
    let mut total = Some(Num::ZERO);
    let mut missing: Option<Option<u16>> = None;
    let mut overflow = false;
    let mut applies = false;
    for (offset, component) in (0u16..).zip(components) {
        let index = first.saturating_add(offset);
        let counted = component_line::<BREAKDOWN>(table, index, component, facts, as_of);
        let counted = Line {
            component: index,
            ..counted
        };
        match counted.status {
            LineStatus::Okand(fact) => {
                missing.get_or_insert(fact);
            }
            LineStatus::Overflow => overflow = true,
            LineStatus::Raknas | LineStatus::GallerInte | LineStatus::IngarI => {
                applies |= counted.status == LineStatus::Raknas;
                total = total
                    .zip(counted.subtotal)
                    .and_then(|(sum, part)| sum.checked_add(part));
                if total.is_none() {
                    overflow = true;
                }
            }
        }
        line(counted);
    }
    if overflow {
        return Some(Computation::Overflow);
    }
    if let Some(fact) = missing {
        return Some(Computation::Unknown(fact));
    }
    if !applies {
        // No component applies (an insats given without individual behovsprövning, say): the
        // schablon says nothing about this case.
        return None;
    }
    let factor = Num::new(insats.to_canonical.0, insats.to_canonical.1);
    Some(match total.zip(factor) {
        Some(sum) => Computation::Known(sum),
        None => Computation::Overflow,
    })
}

/// Whether `property` (something an insats includes) holds for the case: it is shown with the
/// prövning when it does. An unconditional property always holds.
pub fn property_holds(
    table: &Table<'_>,
    property: &crate::table::Property<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    holds(table, property.villkor, facts, as_of)
}

/// Runs condition `code` of a component, by its flat form when it has one; inlined into the
/// loop over the components, which keeps the facts and the table in registers across it.
#[inline(always)]
fn component_holds(
    table: &Table<'_>,
    flat: Option<crate::flat::Tests<'_>>,
    code: crate::table::Code,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    match flat {
        Some(conjunction) => flat_truth(table, conjunction, facts, as_of),
        None => holds(table, code, facts, as_of),
    }
}

/// One component's line; its `component` index is the caller's to set. Without a
/// `BREAKDOWN`, its time and frequency may be left out: only its status and subtotal count.
///
/// Inlined into the loop of [`sum_with`], its only caller: a schablon has a handful of
/// components, and a call per component returned a `Line` through memory and kept the loop's
/// facts and table in registers across none of them.
#[inline(always)]
fn component_line<const BREAKDOWN: bool>(
    table: &Table<'_>,
    index: u16,
    component: &Component<'_>,
    facts: &Facts,
    as_of: Date,
) -> Line {
    let flat = table.component_flat(index);
    let mut line = Line {
        component: 0,
        status: LineStatus::Raknas,
        tid: None,
        antal: None,
        subtotal: None,
        begransad: false,
        delad: false,
    };
    let nothing = |mut line: Line, status: LineStatus| {
        line.status = status;
        if matches!(status, LineStatus::GallerInte | LineStatus::IngarI) {
            line.subtotal = Some(Num::ZERO);
        }
        line
    };
    match component_holds(
        table,
        flat.villkor.as_ref().map(Conjunction::view),
        component.villkor,
        facts,
        as_of,
    ) {
        Truth::True => {}
        Truth::False => return nothing(line, LineStatus::GallerInte),
        Truth::Unknown(fact) => return nothing(line, LineStatus::Okand(fact)),
        Truth::Overflow => return nothing(line, LineStatus::Overflow),
    }
    if let Some((including_idx, including)) = component.ingar_i.and_then(|index| {
        table
            .components()
            .get(usize::from(index))
            .map(|including| (index, including))
    }) {
        let flat_including = table
            .component_flat(including_idx)
            .villkor
            .as_ref()
            .map(Conjunction::view);
        match component_holds(table, flat_including, including.villkor, facts, as_of) {
            Truth::True => return nothing(line, LineStatus::IngarI),
            Truth::False => {}
            Truth::Unknown(fact) => return nothing(line, LineStatus::Okand(fact)),
            Truth::Overflow => return nothing(line, LineStatus::Overflow),
        }
    }
    let figure = |quantity: Option<Quantity>, code| match quantity {
        Some(quantity) => quantity.value(facts),
        None => value_of(table, code, facts, as_of),
    };
    let subtotal = match flat.subtotal.filter(|_| !BREAKDOWN) {
        // Without a breakdown, the time and the frequency folded into one when the table was
        // read: one multiplication, with the same value and the same overflow.
        Some(product) => {
            let run = product.value(facts);
            if run.overflow {
                return nothing(line, LineStatus::Overflow);
            }
            match run.value {
                Some(product) => Some(product),
                None => return nothing(line, LineStatus::Okand(run.missing)),
            }
        }
        None => {
            let tid = figure(flat.tid, component.tid);
            line.tid = tid.value;
            let antal = if component.antal.is_empty() {
                None
            } else {
                Some(figure(flat.antal, component.antal))
            };
            line.antal = antal.and_then(|antal| antal.value);
            // The time first, then the frequency: the first that overflows or is missing
            // decides.
            if tid.overflow {
                return nothing(line, LineStatus::Overflow);
            }
            let Some(time) = tid.value else {
                return nothing(line, LineStatus::Okand(tid.missing));
            };
            match antal {
                None => Some(time),
                Some(run) if run.overflow => return nothing(line, LineStatus::Overflow),
                Some(run) => match run.value {
                    Some(count) => time.checked_mul(count),
                    None => return nothing(line, LineStatus::Okand(run.missing)),
                },
            }
        }
    };
    let Some(mut subtotal) = subtotal else {
        return nothing(line, LineStatus::Overflow);
    };
    if !component.hogst.is_empty() {
        let cap = figure(flat.hogst, component.hogst);
        match cap.value {
            Some(cap) if subtotal > cap => {
                subtotal = cap;
                line.begransad = true;
            }
            Some(_) => {}
            None if cap.overflow => return nothing(line, LineStatus::Overflow),
            None => return nothing(line, LineStatus::Okand(cap.missing)),
        }
    }
    if component.delas.is_empty() {
        line.subtotal = Some(subtotal);
        return line;
    }
    match component_holds(
        table,
        flat.delas.as_ref().map(Conjunction::view),
        component.delas,
        facts,
        as_of,
    ) {
        Truth::True => {
            let Some(half) = subtotal.checked_div(Num::whole(2)) else {
                return nothing(line, LineStatus::Overflow);
            };
            subtotal = half;
            line.delad = true;
        }
        Truth::False => {}
        Truth::Unknown(fact) => return nothing(line, LineStatus::Okand(fact)),
        Truth::Overflow => return nothing(line, LineStatus::Overflow),
    }
    line.subtotal = Some(subtotal);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Ansokan, Case};
    use crate::evaluate::evaluate;
    use crate::evaluation::MessageId;
    use crate::table::{Lag, Op, Outcome};
    use crate::testing::{self, ComponentSpec, TableSpec, d, insats, slot_of};

    /// Hemtjänst in timmar per månad (one decimal) with four components over the test
    /// catalogue:
    /// - dusch: 40 minutes `a_antal` times a week, when `p_flagga_a`;
    /// - bäddning: 10 minutes a day, included in dusch when dusch applies;
    /// - fönsterputs: 3 hours a year, shared when `p_flagga_b`;
    /// - promenad: 45 minutes `p_tal` times a week, at most 2 h 15 min a week.
    fn hemtjanst() -> TableSpec {
        let mut spec = TableSpec::with_insatser(&[("hemtjanst", Lag::SoL)]);
        if let Some(insats) = spec.insatser.first_mut() {
            insats.annars = Outcome::Uppfyller;
            insats.decimals = 1;
            // One hour a month is 60 · 12 minutes a year.
            insats.to_canonical = (720, 1);
        }
        let fact = |name: &str| Op::Fact.encode(i32::from(slot_of(name))).to_vec();
        let number = |spec: &mut TableSpec, num: i64, den: i64| {
            let index = spec.add_number(num, den);
            let code = Op::Num.encode(index).to_vec();
            spec.add_code(&code)
        };
        let weekly = |spec: &mut TableSpec, name: &str| {
            let index = spec.add_number(52, 1);
            let mut code = fact(name);
            code.extend(Op::Num.encode(index));
            code.extend(Op::Mul.encode(0));
            spec.add_code(&code)
        };
        let villkor = spec.add_code(&fact("p_flagga_a"));
        let tid = number(&mut spec, 40, 1);
        let antal = weekly(&mut spec, "a_antal");
        spec.add_component(ComponentSpec {
            insats: 0,
            id: "dusch".into(),
            villkor,
            tid,
            antal,
            hogst: Default::default(),
            delas: Default::default(),
            ingar_i: None,
        });
        let tid = number(&mut spec, 10, 1);
        let antal = number(&mut spec, 364, 1);
        spec.add_component(ComponentSpec {
            insats: 0,
            id: "bäddning".into(),
            villkor: Default::default(),
            tid,
            antal,
            hogst: Default::default(),
            delas: Default::default(),
            ingar_i: Some(0),
        });
        let tid = number(&mut spec, 180, 1);
        let delas = spec.add_code(&fact("p_flagga_b"));
        spec.add_component(ComponentSpec {
            insats: 0,
            id: "fönsterputs".into(),
            villkor: Default::default(),
            tid,
            antal: Default::default(),
            hogst: Default::default(),
            delas,
            ingar_i: None,
        });
        let tid = number(&mut spec, 45, 1);
        let antal = weekly(&mut spec, "p_tal");
        let hogst = number(&mut spec, 135 * 52, 1);
        spec.add_component(ComponentSpec {
            insats: 0,
            id: "promenad".into(),
            villkor: Default::default(),
            tid,
            antal,
            hogst,
            delas: Default::default(),
            ingar_i: None,
        });
        spec
    }

    /// The prövning of hemtjänst for a person with these facts, applying for `sokt`
    /// thousandths of an hour a month.
    fn provning(
        person: &[(&str, i64)],
        ansokan: &[(&str, i64)],
        sokt: Option<i64>,
    ) -> crate::evaluation::InsatsEvaluation {
        let bytes = hemtjanst().encode();
        let table = testing::decoded(&bytes);
        let mut case = Case::default();
        for (name, value) in person {
            assert!(case.person.facts.set(slot_of(name), *value).is_ok());
        }
        let mut application = Ansokan {
            insats: insats("hemtjanst"),
            sokt_omfattning: sokt,
            ..Ansokan::default()
        };
        for (name, value) in ansokan {
            assert!(application.facts.set(slot_of(name), *value).is_ok());
        }
        assert!(case.ansokningar.push(application).is_ok());
        let evaluation = evaluate(&table, &case, d("2026-02-01"));
        assert!(evaluation.is_ok(), "{evaluation:?}");
        let provning = evaluation
            .ok()
            .and_then(|evaluation| evaluation.provningar.first().cloned());
        assert!(provning.is_some());
        provning.unwrap_or_else(|| crate::evaluation::InsatsEvaluation::of(None))
    }

    proptest::proptest! {
        /// The evaluator's rounded omfattning, which reads each component's time and frequency
        /// folded into one, is the breakdown's sum rounded: for any facts, the same figure, the
        /// same missing fact and the same overflow.
        #[test]
        fn the_rounded_omfattning_is_the_breakdowns_sum_rounded(
            values in proptest::collection::vec(
                proptest::option::weighted(
                    0.85,
                    proptest::prop_oneof![
                        -3i64..8,
                        proptest::prelude::Just(i64::MAX),
                        proptest::prelude::Just(i64::MIN),
                        proptest::prelude::any::<i64>(),
                    ],
                ),
                testing::N_TEST_FACTS,
            ),
        ) {
            let bytes = hemtjanst().encode();
            let table = testing::decoded(&bytes);
            let Some(insats_idx) = table.insats_index("hemtjanst") else {
                return Err(proptest::test_runner::TestCaseError::fail("no hemtjanst"));
            };
            let mut facts = Facts::new();
            for (slot, value) in values.iter().enumerate() {
                facts.set_opt(slot, *value);
            }
            let as_of = d("2026-02-01");
            let from_breakdown = compute(&table, insats_idx, &facts, as_of)
                .map(|sum| sum.and_then_known(|sum| sum.round_to(1)));
            proptest::prop_assert_eq!(
                compute_rounded(&table, insats_idx, &facts, as_of, 1),
                from_breakdown
            );
        }
    }

    #[test]
    fn schablon_times_frequency_sums_exactly_and_rounds_once() {
        // Dusch twice a week: 40 · 2 · 52 = 4 160 minutes a year; bäddning included in it;
        // fönsterputs 180; promenad three times a week, 135 · 3 · 52 = 21 060 capped at
        // 135 · 52 = 7 020. Sum 11 360 minutes a year = 15,777… hours a month: 15,8.
        let provning = provning(
            &[("p_flagga_a", 1), ("p_flagga_b", 0), ("p_tal", 3)],
            &[("a_antal", 2)],
            None,
        );
        assert_eq!(provning.beraknad, Some(15_800));
        assert_eq!(provning.outcome, Outcome::Uppfyller);
        assert_eq!(provning.omfattning, Some(15_800));
    }

    #[test]
    fn included_shared_and_capped_components_show_in_the_breakdown() {
        let bytes = hemtjanst().encode();
        let table = testing::decoded(&bytes);
        let mut case = Case::default();
        for (name, value) in [("p_flagga_a", 0), ("p_flagga_b", 1), ("p_tal", 1)] {
            assert!(case.person.facts.set(slot_of(name), value).is_ok());
        }
        let application = Ansokan {
            insats: insats("hemtjanst"),
            ..Ansokan::default()
        };
        assert!(case.ansokningar.push(application).is_ok());
        let facts = crate::facts::ansokan_facts(&table, &case, 0, d("2026-02-01"));
        assert!(facts.is_some());
        let Some(facts) = facts else { return };
        let insats_idx = table.insats_index("hemtjanst");
        assert!(insats_idx.is_some(), "hemtjanst saknas i testtabellen");
        let Some(insats_idx) = insats_idx else { return };
        let mut lines = std::vec::Vec::new();
        let total = compute_with(&table, insats_idx, &facts, d("2026-02-01"), |line| {
            lines.push(line)
        });
        let statuses: std::vec::Vec<_> = lines.iter().map(|line| line.status).collect();
        assert_eq!(
            statuses,
            [
                LineStatus::GallerInte,
                LineStatus::Raknas,
                LineStatus::Raknas,
                LineStatus::Raknas
            ]
        );
        // Without dusch, bäddning counts: 10 · 364 = 3 640; fönsterputs shared: 90; promenad
        // once a week: 45 · 52 = 2 340, under its cap. Sum 6 070 minutes a year.
        let subtotals: std::vec::Vec<_> = lines.iter().map(|line| line.subtotal).collect();
        assert_eq!(
            subtotals,
            [
                Some(Num::ZERO),
                Some(Num::whole(3_640)),
                Some(Num::whole(90)),
                Some(Num::whole(2_340))
            ]
        );
        assert!(lines.get(2).is_some_and(|line| line.delad));
        assert_eq!(total, Num::new(6_070, 720).map(Computation::Known));
    }

    #[test]
    fn more_sokt_than_the_schablon_gives_does_not_meet_the_riktlinje() {
        // 15,8 computed; 16 sökt is more, 15,8 is not.
        let facts = [("p_flagga_a", 1), ("p_flagga_b", 0), ("p_tal", 3)];
        let over = provning(&facts, &[("a_antal", 2)], Some(16_000));
        assert_eq!(over.outcome, Outcome::UppfyllerInte);
        assert!(
            over.reasons
                .iter()
                .any(|reason| reason.message == MessageId::OmfattningOverSchablon)
        );
        let equal = provning(&facts, &[("a_antal", 2)], Some(15_800));
        assert_eq!(equal.outcome, Outcome::Uppfyller);
        assert_eq!(equal.omfattning, Some(15_800));
    }

    #[test]
    fn a_missing_frequency_needs_an_individual_assessment_and_names_the_fact() {
        let provning = provning(&[("p_flagga_a", 1), ("p_tal", 1)], &[], None);
        assert_eq!(provning.outcome, Outcome::KraverIndividuellBedomning);
        assert_eq!(provning.beraknad, None);
        let reason = provning
            .reasons
            .iter()
            .find(|reason| reason.message == MessageId::SchablonUppgiftSaknas);
        // Dusch's frequency is the first missing (fönsterputs's sharing is missing too).
        assert_eq!(
            reason.and_then(|reason| reason.fact),
            Some(slot_of("a_antal"))
        );
    }

    #[test]
    fn an_overflow_is_an_outcome_not_a_wrong_number() {
        let provning = provning(
            &[("p_flagga_a", 1), ("p_flagga_b", 0), ("p_tal", 1)],
            &[("a_antal", i64::MAX / 2)],
            None,
        );
        assert_eq!(provning.outcome, Outcome::KraverIndividuellBedomning);
        assert!(
            provning
                .reasons
                .iter()
                .any(|reason| reason.message == MessageId::BerakningForStor)
        );
    }
}
