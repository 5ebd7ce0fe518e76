//! The prövning of one insats: its rules, tried in the order documented in
//! `rules/README.md`, give the outcome, the omfattning and the reasons.
//!
//! Every `lagen_hindrar` rule comes first, then the deciding rules in written order (first
//! hit), then the insats's `annars`; `upplysning` rules add their reason whenever they hold.
//! This module holds no condition logic (`condition`), no skyddsåtgärder (`skyddsatgard`) and
//! no frister (`case_frister`).

use crate::case::{Builtin, Facts};
use crate::condition::rule_condition;
use crate::date::Date;
use crate::decode::{InsatsIdx, RuleIdx, Table};
use crate::error::EvaluateError;
use crate::evaluation::{InsatsEvaluation, MessageId, Reason, Role};
use crate::flat::Truth;
use crate::omfattning::{Computation, compute};
use crate::table::{Outcome, RuleKind};

/// Evaluates one insats of `table` against prepared facts.
///
/// This is the step the riktlinje's own rule tests and the compiler's checks run; `evaluate`
/// runs it once per application.
///
/// # Errors
/// As [`evaluate`](crate::evaluate()).
pub fn evaluate_insats(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
) -> Result<InsatsEvaluation, EvaluateError> {
    let mut result = InsatsEvaluation::of(Some(insats_idx));
    evaluate_insats_into(table, insats_idx, facts, as_of, &mut result)?;
    Ok(result)
}

/// [`evaluate_insats`] into `result`, which holds no reasons yet: `evaluate` fills each
/// prövning where it lies in the evaluation instead of moving it there.
pub(crate) fn evaluate_insats_into(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<(), EvaluateError> {
    let rules = table.rule_indices_of(insats_idx);

    let mut barred = false;
    let mut undecided_bar: Option<Reason> = None;
    for (rule_idx, rule) in rules.clone() {
        if rule.utfall != RuleKind::LagenHindrar {
            continue;
        }
        match rule_condition(table, rule_idx, rule, facts, as_of) {
            Truth::True => {
                // The first bar decides; every further one is named beside it.
                let role = if barred {
                    Role::EjUppfylldNorm
                } else {
                    Role::Avgorande
                };
                barred = true;
                push(
                    result,
                    MessageId::RegelUppfylld,
                    role,
                    rule_number(rule_idx),
                    None,
                )?;
            }
            Truth::Unknown(fact) if undecided_bar.is_none() => {
                undecided_bar = Some(Reason {
                    message: MessageId::LagenHindrarKanInteUteslutas,
                    role: Role::Avgorande,
                    rule_idx: rule_number(rule_idx),
                    fact,
                });
            }
            Truth::Overflow if undecided_bar.is_none() => {
                undecided_bar = Some(Reason {
                    message: MessageId::BerakningForStor,
                    role: Role::Avgorande,
                    rule_idx: rule_number(rule_idx),
                    fact: None,
                });
            }
            Truth::Unknown(_) | Truth::Overflow | Truth::False => {}
        }
    }

    if barred {
        result.outcome = Outcome::LagenHindrar;
    } else {
        let mut decided = false;
        for (rule_idx, rule) in rules.clone() {
            let outcome = match rule.utfall {
                RuleKind::Uppfyller => Outcome::Uppfyller,
                RuleKind::UppfyllerInte => Outcome::UppfyllerInte,
                RuleKind::IndividuellBedomning => Outcome::KraverIndividuellBedomning,
                RuleKind::LagenHindrar | RuleKind::Upplysning => continue,
            };
            match rule_condition(table, rule_idx, rule, facts, as_of) {
                Truth::True => {
                    result.outcome = outcome;
                    result.omfattning = rule.omfattning;
                    push(
                        result,
                        MessageId::RegelUppfylld,
                        Role::Avgorande,
                        rule_number(rule_idx),
                        None,
                    )?;
                    decided = true;
                    break;
                }
                Truth::Unknown(fact) => {
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(
                        result,
                        MessageId::UppgiftSaknas,
                        Role::Avgorande,
                        rule_number(rule_idx),
                        fact,
                    )?;
                    decided = true;
                    break;
                }
                Truth::Overflow => {
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(
                        result,
                        MessageId::BerakningForStor,
                        Role::Avgorande,
                        rule_number(rule_idx),
                        None,
                    )?;
                    decided = true;
                    break;
                }
                Truth::False => {}
            }
        }
        if !decided {
            result.outcome = table
                .insats(insats_idx)
                .map_or(Outcome::KraverIndividuellBedomning, |insats| insats.annars);
            push(
                result,
                MessageId::IngenRegelPassar,
                Role::Avgorande,
                None,
                None,
            )?;
        }
        computed_omfattning(table, insats_idx, facts, as_of, result)?;
        if let Some(reason) = undecided_bar {
            overridden(table, result);
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            result
                .reasons
                .push(reason)
                .map_err(|_| EvaluateError::TooManyReasons)?;
        }
    }

    for (rule_idx, rule) in rules {
        if rule.utfall == RuleKind::Upplysning
            && rule_condition(table, rule_idx, rule, facts, as_of) == Truth::True
        {
            push(
                result,
                MessageId::RegelUppfylld,
                Role::Upplysning,
                rule_number(rule_idx),
                None,
            )?;
        }
    }

    Ok(())
}

/// Gives the deciding reason of `result` the role it keeps once something later decides
/// instead (the schablon, or a bar of the law that cannot be ruled out): a norm the ansökan
/// does not meet stays one, a missing fact stays one, and a rule that would have let the
/// ansökan meet the riktlinje, or the insats's `annars`, only informs.
fn overridden(table: &Table<'_>, result: &mut InsatsEvaluation) {
    for reason in &mut result.reasons {
        if reason.role != Role::Avgorande {
            continue;
        }
        let kind = reason
            .rule_idx
            .and_then(|rule_idx| table.rules().get(usize::from(rule_idx)))
            .map(|rule| rule.utfall);
        reason.role = match (reason.message, kind) {
            (MessageId::UppgiftSaknas | MessageId::SchablonUppgiftSaknas, _) => Role::SaknadUppgift,
            (MessageId::RegelUppfylld, Some(RuleKind::UppfyllerInte | RuleKind::LagenHindrar))
            | (MessageId::OmfattningOverSchablon, _) => Role::EjUppfylldNorm,
            _ => Role::Upplysning,
        };
    }
}

/// Computes the omfattning of an insats with schablon components and weighs the sökt
/// omfattning against it, once the rules have decided.
///
/// The computed figure is rounded here, and only here, to the insats's decimals (half away from
/// zero, [`crate::num::Num::round_to`]); the sökt omfattning is compared with that rounded
/// figure. An outcome of uppfyller becomes uppfyller inte when more is sökt than the schablon
/// gives, and kräver individuell bedömning when the schablon cannot be computed; without a
/// sökt omfattning, the computed figure is the omfattning the riktlinje gives.
fn computed_omfattning(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<(), EvaluateError> {
    let Some(computation) = compute(table, insats_idx, facts, as_of) else {
        return Ok(());
    };
    let decimals = table
        .insats(insats_idx)
        .map_or(0, |insats| insats.decimals.min(3));
    let rounded = match computation {
        Computation::Known(value) => value.round_to(decimals).and_then(|rounded| {
            rounded.checked_mul(10i64.checked_pow(u32::from(3u8.saturating_sub(decimals)))?)
        }),
        Computation::Unknown(_) | Computation::Overflow => None,
    };
    result.beraknad = rounded;
    if result.outcome != Outcome::Uppfyller {
        return Ok(());
    }
    match (computation, rounded) {
        (Computation::Known(_), Some(beraknad)) => {
            let sokt = table
                .builtin_slot(Builtin::SoktOmfattning)
                .and_then(|slot| facts.get(slot));
            match sokt {
                Some(sokt) if sokt > beraknad => {
                    overridden(table, result);
                    result.outcome = Outcome::UppfyllerInte;
                    result.omfattning = Some(beraknad);
                    push(
                        result,
                        MessageId::OmfattningOverSchablon,
                        Role::Avgorande,
                        None,
                        None,
                    )?;
                }
                _ => {
                    result.omfattning = result.omfattning.or(Some(beraknad));
                }
            }
        }
        (Computation::Unknown(fact), _) => {
            overridden(table, result);
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            push(
                result,
                MessageId::SchablonUppgiftSaknas,
                Role::Avgorande,
                None,
                fact,
            )?;
        }
        (Computation::Known(_) | Computation::Overflow, _) => {
            overridden(table, result);
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            push(
                result,
                MessageId::BerakningForStor,
                Role::Avgorande,
                None,
                None,
            )?;
        }
    }
    Ok(())
}

pub(crate) fn push(
    result: &mut InsatsEvaluation,
    message: MessageId,
    role: Role,
    rule_idx: Option<u16>,
    fact: Option<u16>,
) -> Result<(), EvaluateError> {
    result
        .reasons
        .push(Reason {
            message,
            role,
            rule_idx,
            fact,
        })
        .map_err(|_| EvaluateError::TooManyReasons)
}

/// A rule's index as a reason holds it.
#[inline]
fn rule_number(rule_idx: RuleIdx) -> Option<u16> {
    u16::try_from(rule_idx.index()).ok()
}
