//! The evaluator: `evaluate(&table, &case, as_of)` and the steps it is made of.
//!
//! Deterministic and allocation-free; its time is bounded by the size of the table (every rule
//! of an applied-for insats runs at most once, each instruction at most once).
//! The order between rules is the one documented in `rules/README.md`: every `lagen_hindrar`
//! rule first, then the deciding rules in written order (first hit), then the insats's
//! `annars`; `upplysning` rules add their reason whenever they hold.
//! Nothing here reads a clock, a file or the environment.

use crate::case::{Case, FactId, Facts};
use crate::date::Date;
use crate::error::EvaluateError;
use crate::evaluation::{Evaluation, InsatsEvaluation, MessageId, Reason};
use crate::limits::MAX_STACK;
use crate::table::{OP_SIZE, Op, Outcome, Rule, RuleKind, Table};

/// The three-valued result of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// The condition holds.
    True,
    /// The condition does not hold.
    False,
    /// The condition depends on something unknown: the first missing fact, when it is a fact.
    Unknown(Option<FactId>),
}

/// Evaluates every application of `case` against `table` on `as_of`.
///
/// # Errors
/// [`EvaluateError::TooManyReasons`] only for a table that did not come through
/// [`Table::decode`], which bounds the reasons per insats.
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
    let mut evaluation = Evaluation {
        riktlinje_id: table.meta.riktlinje_id,
        content_hash: table.content_hash,
        as_of,
        provningar: heapless::Vec::new(),
    };
    let person = Facts::of_person(&case.person, as_of);
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        let ansokan_idx =
            u8::try_from(ansokan_idx).map_err(|_| EvaluateError::TooManyAnsokningar)?;
        let mut result = match table.insats_index(&ansokan.insats) {
            Some(insats_idx) => {
                let facts = person.with_ansokan(case, ansokan, as_of);
                evaluate_insats(table, insats_idx, &facts, as_of)?
            }
            None => unknown_insats(),
        };
        result.ansokan_idx = ansokan_idx;
        evaluation
            .provningar
            .push(result)
            .map_err(|_| EvaluateError::TooManyAnsokningar)?;
    }
    Ok(evaluation)
}

/// Evaluates one insats (by index in the table) against prepared facts.
///
/// This is the step the riktlinje's own rule tests and the compiler's checks run; `evaluate`
/// runs it once per application.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_insats(
    table: &Table<'_>,
    insats_idx: usize,
    facts: &Facts,
    as_of: Date,
) -> Result<InsatsEvaluation, EvaluateError> {
    let mut result = InsatsEvaluation {
        ansokan_idx: 0,
        insats_idx: u8::try_from(insats_idx).ok(),
        outcome: Outcome::KraverIndividuellBedomning,
        omfattning: None,
        reasons: heapless::Vec::new(),
    };
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
        match condition(table, rule, facts, as_of) {
            Truth::True => {
                barred = true;
                push(
                    &mut result,
                    MessageId::RegelUppfylld,
                    rule_number(offset),
                    None,
                )?;
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
            match condition(table, rule, facts, as_of) {
                Truth::True => {
                    result.outcome = outcome;
                    result.omfattning = rule.omfattning;
                    push(
                        &mut result,
                        MessageId::RegelUppfylld,
                        rule_number(offset),
                        None,
                    )?;
                    decided = true;
                    break;
                }
                Truth::Unknown(fact) => {
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(
                        &mut result,
                        MessageId::UppgiftSaknas,
                        rule_number(offset),
                        fact,
                    )?;
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
            push(&mut result, MessageId::IngenRegelPassar, None, None)?;
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
            && condition(table, rule, facts, as_of) == Truth::True
        {
            push(
                &mut result,
                MessageId::RegelUppfylld,
                rule_number(offset),
                None,
            )?;
        }
    }
    Ok(result)
}

/// Runs one rule's condition against `facts` on `as_of`, in three-valued logic.
///
/// For a table that came through [`Table::decode`] every instruction is valid; any malformed
/// instruction in another table makes the result unknown instead of panicking.
pub fn condition(table: &Table<'_>, rule: &Rule<'_>, facts: &Facts, as_of: Date) -> Truth {
    let start = usize::try_from(rule.code_start).unwrap_or(usize::MAX);
    let len = usize::try_from(rule.code_len).unwrap_or(usize::MAX);
    let Some(code) = table.code.get(start..start.saturating_add(len)) else {
        return Truth::Unknown(None);
    };
    let mut stack: [Option<i32>; MAX_STACK] = [None; MAX_STACK];
    let mut depth = 0usize;
    let mut first_missing: Option<FactId> = None;
    for instruction in code.chunks_exact(OP_SIZE) {
        let [opcode, a, b, c, d] = *instruction else {
            return Truth::Unknown(None);
        };
        let Some(op) = Op::from_byte(opcode) else {
            return Truth::Unknown(None);
        };
        let operand = i32::from_le_bytes([a, b, c, d]);
        let value = match op {
            Op::Push => Some(operand),
            Op::Fact => {
                let fact = u8::try_from(operand).ok().and_then(FactId::from_index);
                let value = fact.and_then(|fact| facts.get(fact));
                if value.is_none() && first_missing.is_none() {
                    first_missing = fact;
                }
                value
            }
            Op::Param => usize::try_from(operand)
                .ok()
                .and_then(|param_idx| table.param_value(param_idx, as_of)),
            Op::Not => {
                let Some(top) = pop(&stack, &mut depth) else {
                    return Truth::Unknown(None);
                };
                top.map(|value| i32::from(value == 0))
            }
            Op::Contains => {
                let Some(top) = pop(&stack, &mut depth) else {
                    return Truth::Unknown(None);
                };
                let bit = u32::try_from(operand)
                    .ok()
                    .and_then(|bit| 1i32.checked_shl(bit));
                top.zip(bit).map(|(set, bit)| i32::from(set & bit != 0))
            }
            Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::And | Op::Or => {
                let (Some(right), Some(left)) = (pop(&stack, &mut depth), pop(&stack, &mut depth))
                else {
                    return Truth::Unknown(None);
                };
                binary(op, left, right)
            }
        };
        let Some(slot) = stack.get_mut(depth) else {
            return Truth::Unknown(None);
        };
        *slot = value;
        depth = depth.saturating_add(1);
    }
    match (depth, stack.first().copied().flatten()) {
        (1, Some(0)) => Truth::False,
        (1, Some(_)) => Truth::True,
        _ => Truth::Unknown(first_missing),
    }
}

fn pop(stack: &[Option<i32>; MAX_STACK], depth: &mut usize) -> Option<Option<i32>> {
    *depth = depth.checked_sub(1)?;
    stack.get(*depth).copied()
}

fn binary(op: Op, left: Option<i32>, right: Option<i32>) -> Option<i32> {
    match op {
        // Kleene logic: a known false decides a conjunction, a known true a disjunction.
        Op::And => match (left, right) {
            (Some(0), _) | (_, Some(0)) => Some(0),
            (Some(_), Some(_)) => Some(1),
            _ => None,
        },
        Op::Or => match (left, right) {
            (Some(l), _) if l != 0 => Some(1),
            (_, Some(r)) if r != 0 => Some(1),
            (Some(_), Some(_)) => Some(0),
            _ => None,
        },
        _ => {
            let (left, right) = left.zip(right)?;
            let holds = match op {
                Op::Eq => left == right,
                Op::Ne => left != right,
                Op::Lt => left < right,
                Op::Le => left <= right,
                Op::Gt => left > right,
                _ => left >= right,
            };
            Some(i32::from(holds))
        }
    }
}

fn push(
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

fn unknown_insats() -> InsatsEvaluation {
    let mut reasons = heapless::Vec::new();
    // An empty vector always has room for one reason.
    let _ = reasons.push(Reason {
        message: MessageId::OkandInsats,
        rule_idx: None,
        fact: None,
    });
    InsatsEvaluation {
        ansokan_idx: 0,
        insats_idx: None,
        outcome: Outcome::KraverIndividuellBedomning,
        omfattning: None,
        reasons,
    }
}
