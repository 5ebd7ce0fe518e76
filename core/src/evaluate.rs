//! The evaluator's entry points, [`evaluate`], [`evaluate_into`] and
//! [`evaluate_provningar_into`], and the order of one evaluation: the case's frister, then one
//! prövning per ansökan, then one per skyddsåtgärd.
//!
//! Deterministic and allocation-free; its time is bounded by the size of the table (every rule
//! of an applied-for insats runs at most once, each instruction at most once) and by the case.
//! This module holds no rule logic of its own: the rules of one insats are tried in `insats`,
//! those of a skyddsåtgärd in `skyddsatgard`, a condition runs in `condition`, and the case's
//! frister are computed in `case_frister`.
//! Nothing here reads a clock, a file or the environment.

use crate::case::{Case, Facts};
use crate::case_frister::frister_into;
use crate::date::Date;
use crate::decode::Table;
use crate::error::EvaluateError;
use crate::evaluation::{Evaluation, InsatsEvaluation, MessageId, Role};
use crate::facts::{AgeOnDay, set_ansokan_facts_with, set_person_facts, skyddsatgard_facts};
use crate::insats::{evaluate_insats_into, push};
use crate::skyddsatgard::evaluate_atgard;

/// Evaluates every application of `case` against `table` on `as_of`.
///
/// The evaluation also lists the case's frister (see [`frister`](crate::case_frister::frister)).
///
/// # Errors
/// None in practice: [`Table::decode`] bounds the reasons per insats and per kind of
/// skyddsåtgärd, and a [`Case`]'s bounds fit an evaluation's.
/// The variants of [`EvaluateError`] are kept so that a broken bound is an `Err`, not a panic.
///
/// ```
/// use riktlinjer_core::{evaluate, Case, Date, Table};
/// # fn run(bytes: &[u8]) -> Result<(), Box<dyn core::error::Error>> {
/// let table = Table::decode(bytes)?;
/// let evaluation = evaluate(&table, &Case::default(), Date::parse("2026-02-01")?)?;
/// assert!(evaluation.provningar.is_empty());
/// # Ok(()) }
/// ```
pub fn evaluate<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
) -> Result<Evaluation<'t>, EvaluateError> {
    let mut evaluation = Evaluation::empty();
    evaluate_into(table, case, as_of, &mut evaluation)?;
    Ok(evaluation)
}

/// As [`evaluate`], but fills the caller's `evaluation` in place, clearing it first.
///
/// An evaluation is several kilobytes of fixed-capacity vectors; a loop over many cases that
/// reuses one evaluation saves moving a new one out of every call.
/// The result is the same, field for field, as [`evaluate`]'s.
///
/// # Errors
/// As [`evaluate`]; after an error `evaluation` holds a partial result and is to be discarded.
///
/// ```
/// use riktlinjer_core::{evaluate_into, Case, Date, Evaluation, Table};
/// # fn run(bytes: &[u8]) -> Result<(), Box<dyn core::error::Error>> {
/// let table = Table::decode(bytes)?;
/// let mut evaluation = Evaluation::empty();
/// evaluate_into(&table, &Case::default(), Date::parse("2026-02-01")?, &mut evaluation)?;
/// assert!(evaluation.provningar.is_empty());
/// # Ok(()) }
/// ```
pub fn evaluate_into<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
    evaluation: &mut Evaluation<'t>,
) -> Result<(), EvaluateError> {
    frister_into(table, case, as_of, &mut evaluation.frister)?;
    let mut parts = Parts::of(evaluation);
    set_person_facts(table, parts.facts, &case.person, as_of);
    provningar_into(table, case, as_of, &mut parts)?;
    for (skyddsatgard_idx, skyddsatgard) in case.skyddsatgarder.iter().enumerate() {
        let atgard_idx = table.atgard_index(&skyddsatgard.typ);
        let facts = skyddsatgard_facts(table, parts.facts, skyddsatgard, as_of);
        let mut result = evaluate_atgard(table, atgard_idx, &facts, as_of)?;
        result.skyddsatgard_idx =
            u8::try_from(skyddsatgard_idx).map_err(|_| EvaluateError::TooManyAtgardReasons)?;
        parts
            .skyddsatgarder
            .push(result)
            .map_err(|_| EvaluateError::TooManyAtgardReasons)?;
    }
    Ok(())
}

/// As [`evaluate_into`], but only the prövningar of the ansökningar: the evaluation's frister
/// and skyddsåtgärder are left empty.
///
/// This is what a re-prövning of existing beslut under two versions compares, and it skips the
/// calendar arithmetic of the frister, which no version changes.
/// Each prövning is the same, field for field, as [`evaluate_into`]'s.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_provningar_into<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
    evaluation: &mut Evaluation<'t>,
) -> Result<(), EvaluateError> {
    evaluation.frister.clear();
    let mut parts = Parts::of(evaluation);
    set_person_facts(table, parts.facts, &case.person, as_of);
    provningar_into(table, case, as_of, &mut parts)
}

/// The parts of an evaluation the prövningar fill, borrowed apart so that the reused facts
/// buffer and the results can be written at once.
struct Parts<'e, 't> {
    riktlinje_id: &'e mut &'t str,
    content_hash: &'e mut [u8; 32],
    as_of: &'e mut Date,
    provningar: &'e mut heapless::Vec<InsatsEvaluation, { crate::limits::MAX_ANSOKNINGAR }>,
    skyddsatgarder: &'e mut heapless::Vec<
        crate::evaluation::SkyddsatgardEvaluation,
        { crate::limits::MAX_SKYDDSATGARDER },
    >,
    facts: &'e mut Facts,
}

impl<'e, 't> Parts<'e, 't> {
    fn of(evaluation: &'e mut Evaluation<'t>) -> Parts<'e, 't> {
        let Evaluation {
            riktlinje_id,
            content_hash,
            as_of,
            provningar,
            frister: _,
            skyddsatgarder,
            scratch,
        } = evaluation;
        Parts {
            riktlinje_id,
            content_hash,
            as_of,
            provningar,
            skyddsatgarder,
            facts: &mut scratch.0,
        }
    }
}

/// Fills the evaluation's header and prövningar from its facts buffer, which holds the person's
/// facts (and, after the call, the last application's: [`set_ansokan_facts_with`] keeps only the
/// person's slots as it moves to the next), clearing its skyddsåtgärder.
fn provningar_into<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
    parts: &mut Parts<'_, 't>,
) -> Result<(), EvaluateError> {
    *parts.riktlinje_id = table.meta().riktlinje_id;
    *parts.content_hash = table.content_hash();
    *parts.as_of = as_of;
    parts.provningar.clear();
    parts.skyddsatgarder.clear();
    let facts = &mut *parts.facts;
    // The ålder at an ansökningsdag, counted once for the ansökningar that share the day.
    let mut ages = AgeOnDay::default();
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        let ansokan_idx =
            u8::try_from(ansokan_idx).map_err(|_| EvaluateError::TooManyAnsokningar)?;
        let insats_idx = table.insats_index(&ansokan.insats);
        let mut empty = InsatsEvaluation::of(insats_idx);
        empty.ansokan_idx = ansokan_idx;
        parts
            .provningar
            .push(empty)
            .map_err(|_| EvaluateError::TooManyAnsokningar)?;
        let result = parts
            .provningar
            .last_mut()
            .ok_or(EvaluateError::TooManyAnsokningar)?;
        match insats_idx {
            Some(insats_idx) => {
                set_ansokan_facts_with(table, facts, case, ansokan, as_of, &mut ages);
                evaluate_insats_into(table, insats_idx, facts, as_of, result)?;
            }
            None => push(result, MessageId::OkandInsats, Role::Avgorande, None, None)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::AtgardOutcome;
    use crate::testing::{self, TableSpec};
    use proptest::prelude::*;

    proptest! {
        /// Any case under any valid table: no panic, and the same bytes twice.
        #[test]
        fn evaluation_is_total_and_deterministic(
            (spec, case, as_of) in testing::table_spec().prop_flat_map(|spec| {
                let ids = spec.ids();
                let atgard_ids = spec.atgard_ids();
                (Just(spec), testing::case(ids, atgard_ids), testing::date())
            })
        ) {
            check_total(&spec, &case, as_of)?;
        }

        /// An evaluation filled in place over one that holds another case's (more or fewer
        /// prövningar, with their reasons) is the same, field for field, as a new one.
        #[test]
        fn an_evaluation_filled_over_another_case_s_is_a_new_one(
            (spec, earlier, case, as_of) in testing::table_spec().prop_flat_map(|spec| {
                let ids = spec.ids();
                let atgard_ids = spec.atgard_ids();
                (
                    Just(spec),
                    testing::case(ids.clone(), atgard_ids.clone()),
                    testing::case(ids, atgard_ids),
                    testing::date(),
                )
            })
        ) {
            let bytes = spec.encode();
            let table = Table::decode(&bytes);
            prop_assert!(table.is_ok(), "{:?}", table);
            let Ok(table) = table else { return Ok(()) };
            let fresh = evaluate(&table, &case, as_of);
            prop_assert!(fresh.is_ok(), "{:?}", fresh);
            let mut reused = Evaluation::empty();
            prop_assert!(evaluate_into(&table, &earlier, as_of, &mut reused).is_ok());
            prop_assert!(evaluate_into(&table, &case, as_of, &mut reused).is_ok());
            prop_assert_eq!(Ok(&reused), fresh.as_ref());
            let mut only = Evaluation::empty();
            prop_assert!(evaluate_provningar_into(&table, &earlier, as_of, &mut only).is_ok());
            prop_assert!(evaluate_provningar_into(&table, &case, as_of, &mut only).is_ok());
            if let Ok(fresh) = &fresh {
                prop_assert_eq!(&only.provningar, &fresh.provningar);
            }
        }
    }

    /// The body of `evaluation_is_total_and_deterministic`, apart so its frame is its own.
    fn check_total(spec: &TableSpec, case: &Case, as_of: Date) -> Result<(), TestCaseError> {
        let bytes = spec.encode();
        let table = Table::decode(&bytes);
        prop_assert!(table.is_ok(), "{:?}", table);
        let Ok(table) = table else { return Ok(()) };
        let first = evaluate(&table, case, as_of);
        let second = evaluate(&table, case, as_of);
        let mut provningar = Evaluation::empty();
        let only = evaluate_provningar_into(&table, case, as_of, &mut provningar);
        prop_assert_eq!(only.is_ok(), first.is_ok());
        if let Ok(first) = &first {
            prop_assert_eq!(&provningar.provningar, &first.provningar);
            prop_assert!(provningar.frister.is_empty() && provningar.skyddsatgarder.is_empty());
            // The outcome alone is the full prövning's outcome.
            for (ansokan_idx, provning) in first.provningar.iter().enumerate() {
                let insats_idx = case
                    .ansokningar
                    .get(ansokan_idx)
                    .and_then(|ansokan| table.insats_index(&ansokan.insats));
                let facts = crate::facts::ansokan_facts(&table, case, ansokan_idx, as_of);
                if let (Some(insats_idx), Some(facts)) = (insats_idx, facts) {
                    let outcome = crate::insats::outcome_of(&table, insats_idx, &facts, as_of);
                    prop_assert_eq!(outcome, Ok(provning.outcome));
                }
            }
        }
        prop_assert!(first.is_ok(), "{:?}", first);
        let mut first_buf = [0u8; 16_384];
        let mut second_buf = [0u8; 16_384];
        let first_bytes =
            postcard::to_slice(&first.as_ref().ok(), &mut first_buf).map(|bytes| bytes.to_vec());
        let second_bytes =
            postcard::to_slice(&second.as_ref().ok(), &mut second_buf).map(|bytes| bytes.to_vec());
        prop_assert!(first_bytes.is_ok());
        prop_assert_eq!(first_bytes, second_bytes);
        if let Ok(evaluation) = &first {
            prop_assert_eq!(evaluation.provningar.len(), case.ansokningar.len());
            // Every prövning names exactly one reason as the one that gave its outcome.
            for provning in &evaluation.provningar {
                let deciding = provning
                    .reasons
                    .iter()
                    .filter(|reason| reason.role == crate::Role::Avgorande)
                    .count();
                prop_assert_eq!(deciding, 1, "{:?}", provning);
            }
            prop_assert_eq!(evaluation.skyddsatgarder.len(), case.skyddsatgarder.len());
            // Never tillåten without the person's own, standing samtycke.
            for result in &evaluation.skyddsatgarder {
                if result.outcome == AtgardOutcome::TillatenMedSamtycke {
                    let skyddsatgard = case
                        .skyddsatgarder
                        .get(usize::from(result.skyddsatgard_idx));
                    let samtycke = skyddsatgard.map(|skyddsatgard| skyddsatgard.samtycke);
                    prop_assert_eq!(
                        samtycke.and_then(|s| s.av),
                        Some(crate::SamtyckeAv::DenEnskilde)
                    );
                    prop_assert_eq!(samtycke.and_then(|s| s.accepterar_fortfarande), Some(true));
                    prop_assert!(
                        samtycke
                            .and_then(|s| s.aterkallat)
                            .is_none_or(|day| day > as_of)
                    );
                    prop_assert!(result.atgard_idx.is_some());
                }
            }
            for frist in &evaluation.frister {
                prop_assert!(frist.nominal <= frist.sista_dag);
                prop_assert_eq!(
                    frist.moved_because.is_some(),
                    frist.nominal != frist.sista_dag
                );
            }
        }
        Ok(())
    }
}
