//! The prövning of one insats: its rules, tried in the order documented in
//! `rules/README.md`, give the outcome, the omfattning and the reasons.
//!
//! Every `lagen_hindrar` rule comes first, then the deciding rules in written order (first
//! hit), then the insats's `annars`; `upplysning` rules add their reason whenever they hold.
//! This module holds no condition logic (`condition`), no skyddsåtgärder (`skyddsatgard`) and
//! no frister (`case_frister`).

use crate::case::{FactId, Facts};
use crate::condition::rule_condition;
use crate::date::Date;
use crate::error::EvaluateError;
use crate::evaluation::{InsatsEvaluation, MessageId, Reason};
use crate::flat::Truth;
use crate::table::{Outcome, RuleKind, Table};

/// Evaluates one insats (by index in the table) against prepared facts.
///
/// This is the step the riktlinje's own rule tests and the compiler's checks run; `evaluate`
/// runs it once per application.
///
/// # Errors
/// As [`evaluate`](crate::evaluate()).
pub fn evaluate_insats(
    table: &Table<'_>,
    insats_idx: usize,
    facts: &Facts,
    as_of: Date,
) -> Result<InsatsEvaluation, EvaluateError> {
    let mut result = InsatsEvaluation::of(insats_idx);
    evaluate_insats_into(table, insats_idx, facts, as_of, &mut result)?;
    Ok(result)
}

/// [`evaluate_insats`] into `result`, which holds no reasons yet: `evaluate` fills each
/// prövning where it lies in the evaluation instead of moving it there.
pub(crate) fn evaluate_insats_into(
    table: &Table<'_>,
    insats_idx: usize,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<(), EvaluateError> {
    let first_rule = table
        .insatser
        .get(insats_idx)
        .map_or(0, |insats| usize::from(insats.first_rule));
    let rules = table.rules_of(insats_idx);
    let rule_number = |offset: usize| u16::try_from(first_rule.saturating_add(offset)).ok();

    let mut barred = false;
    let mut undecided_bar: Option<Reason> = None;
    for (offset, rule) in rules.iter().enumerate() {
        if rule.utfall != RuleKind::LagenHindrar {
            continue;
        }
        match rule_condition(table, rule_number(offset), rule, facts, as_of) {
            Truth::True => {
                barred = true;
                push(result, MessageId::RegelUppfylld, rule_number(offset), None)?;
            }
            Truth::Unknown(fact) if undecided_bar.is_none() => {
                undecided_bar = Some(Reason {
                    message: MessageId::LagenHindrarKanInteUteslutas,
                    rule_idx: rule_number(offset),
                    fact,
                });
            }
            Truth::Unknown(_) | Truth::False => {}
        }
    }

    if barred {
        result.outcome = Outcome::LagenHindrar;
    } else {
        let mut decided = false;
        for (offset, rule) in rules.iter().enumerate() {
            let outcome = match rule.utfall {
                RuleKind::Uppfyller => Outcome::Uppfyller,
                RuleKind::UppfyllerInte => Outcome::UppfyllerInte,
                RuleKind::IndividuellBedomning => Outcome::KraverIndividuellBedomning,
                RuleKind::LagenHindrar | RuleKind::Upplysning => continue,
            };
            match rule_condition(table, rule_number(offset), rule, facts, as_of) {
                Truth::True => {
                    result.outcome = outcome;
                    result.omfattning = rule.omfattning;
                    push(result, MessageId::RegelUppfylld, rule_number(offset), None)?;
                    decided = true;
                    break;
                }
                Truth::Unknown(fact) => {
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(result, MessageId::UppgiftSaknas, rule_number(offset), fact)?;
                    decided = true;
                    break;
                }
                Truth::False => {}
            }
        }
        if !decided {
            result.outcome = table
                .insatser
                .get(insats_idx)
                .map_or(Outcome::KraverIndividuellBedomning, |insats| insats.annars);
            push(result, MessageId::IngenRegelPassar, None, None)?;
        }
        if let Some(reason) = undecided_bar {
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            result
                .reasons
                .push(reason)
                .map_err(|_| EvaluateError::TooManyReasons)?;
        }
    }

    for (offset, rule) in rules.iter().enumerate() {
        if rule.utfall == RuleKind::Upplysning
            && rule_condition(table, rule_number(offset), rule, facts, as_of) == Truth::True
        {
            push(result, MessageId::RegelUppfylld, rule_number(offset), None)?;
        }
    }
    Ok(())
}

pub(crate) fn push(
    result: &mut InsatsEvaluation,
    message: MessageId,
    rule_idx: Option<u16>,
    fact: Option<FactId>,
) -> Result<(), EvaluateError> {
    result
        .reasons
        .push(Reason {
            message,
            rule_idx,
            fact,
        })
        .map_err(|_| EvaluateError::TooManyReasons)
}
