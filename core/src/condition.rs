//! Conditions in three-valued logic: the stack machine that runs a rule's condition code
//! ([`condition`], [`atgard_condition`]), and the choice between it and a rule's flat form.
//!
//! A missing fact is unknown, never guessed: logic is Kleene's, so an unknown value makes a
//! condition unknown unless the rest decides it, and the first missing fact is named.
//! This module holds no order between rules (`insats`, `skyddsatgard`) and no flat form
//! (`flat`).

use crate::case::{FactId, Facts};
use crate::date::Date;
use crate::decode::{RuleIdx, Table};
use crate::flat::Truth;
use crate::limits::MAX_STACK;
use crate::table::{AtgardRule, OP_SIZE, Op, Rule};

/// Runs one rule's condition against `facts` on `as_of`, in three-valued logic.
///
/// For a rule of `table` every instruction is valid, since [`Table::decode`] checked it; a rule
/// of another table whose code does not lie in this one's is unknown, never a panic.
pub fn condition(table: &Table<'_>, rule: &Rule<'_>, facts: &Facts, as_of: Date) -> Truth {
    run_code(table, rule.code_start, rule.code_len, facts, as_of)
}

/// Runs the condition of a rule about skyddsåtgärder, as [`condition`] does for an insats's.
pub fn atgard_condition(
    table: &Table<'_>,
    rule: &AtgardRule<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    run_code(table, rule.code_start, rule.code_len, facts, as_of)
}

/// [`condition`] of the rule `rule` with index `rule_idx` in the table: by its flat form when it
/// has one (see `flat`), otherwise on the stack machine; the result is the same.
#[inline]
pub(crate) fn rule_condition(
    table: &Table<'_>,
    rule_idx: RuleIdx,
    rule: &Rule<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    match table.flat(rule_idx) {
        Some(conjunction) => conjunction.evaluate(facts),
        None => condition(table, rule, facts, as_of),
    }
}

/// Runs condition `code` on the stack machine; `table` gives the parameters' values.
pub(crate) fn run_ops(table: &Table<'_>, code: &[u8], facts: &Facts, as_of: Date) -> Truth {
    const PUSH: u8 = Op::Push as u8;
    const FACT: u8 = Op::Fact as u8;
    const PARAM: u8 = Op::Param as u8;
    const NOT: u8 = Op::Not as u8;
    const CONTAINS: u8 = Op::Contains as u8;
    const EQ: u8 = Op::Eq as u8;
    const NE: u8 = Op::Ne as u8;
    const LT: u8 = Op::Lt as u8;
    const LE: u8 = Op::Le as u8;
    const GT: u8 = Op::Gt as u8;
    const GE: u8 = Op::Ge as u8;
    const AND: u8 = Op::And as u8;
    const OR: u8 = Op::Or as u8;

    let (instructions, []) = code.as_chunks::<OP_SIZE>() else {
        return Truth::Unknown(None);
    };
    // One pass, one dispatch per instruction: a push writes the next slot, an operator rewrites
    // the slot of its (left) operand in place.
    let mut stack: [Option<i32>; MAX_STACK] = [None; MAX_STACK];
    let mut depth = 0usize;
    let mut first_missing: Option<FactId> = None;
    for &[opcode, a, b, c, d] in instructions {
        let operand = i32::from_le_bytes([a, b, c, d]);
        let pushed = match opcode {
            PUSH => Some(operand),
            FACT => {
                let value = usize::try_from(operand)
                    .ok()
                    .and_then(|index| facts.get_index(index));
                if value.is_none() && first_missing.is_none() {
                    first_missing = u8::try_from(operand).ok().and_then(FactId::from_index);
                }
                value
            }
            PARAM => usize::try_from(operand)
                .ok()
                .and_then(|position| table.params().get(position))
                .and_then(|param| param.value_on(as_of)),
            NOT | CONTAINS => {
                let Some(slot) = depth.checked_sub(1).and_then(|top| stack.get_mut(top)) else {
                    return Truth::Unknown(None);
                };
                *slot = if opcode == NOT {
                    slot.map(|value| i32::from(value == 0))
                } else {
                    let bit = u32::try_from(operand)
                        .ok()
                        .and_then(|bit| 1i32.checked_shl(bit));
                    slot.zip(bit).map(|(set, bit)| i32::from(set & bit != 0))
                };
                continue;
            }
            _ => {
                let Some(top) = depth.checked_sub(1) else {
                    return Truth::Unknown(None);
                };
                let (Some(right), Some(left)) = (
                    stack.get(top).copied(),
                    top.checked_sub(1).and_then(|below| stack.get_mut(below)),
                ) else {
                    return Truth::Unknown(None);
                };
                *left = match opcode {
                    EQ => compare(*left, right, |l, r| l == r),
                    NE => compare(*left, right, |l, r| l != r),
                    LT => compare(*left, right, |l, r| l < r),
                    LE => compare(*left, right, |l, r| l <= r),
                    GT => compare(*left, right, |l, r| l > r),
                    GE => compare(*left, right, |l, r| l >= r),
                    // Kleene logic: a known false decides a conjunction, a known true a
                    // disjunction.
                    AND => match (*left, right) {
                        (Some(0), _) | (_, Some(0)) => Some(0),
                        (Some(_), Some(_)) => Some(1),
                        _ => None,
                    },
                    OR => match (*left, right) {
                        (Some(l), _) if l != 0 => Some(1),
                        (_, Some(r)) if r != 0 => Some(1),
                        (Some(_), Some(_)) => Some(0),
                        _ => None,
                    },
                    _ => return Truth::Unknown(None),
                };
                depth = top;
                continue;
            }
        };
        let Some(slot) = stack.get_mut(depth) else {
            return Truth::Unknown(None);
        };
        *slot = pushed;
        depth = depth.wrapping_add(1);
    }
    match (depth, stack.first().copied().flatten()) {
        (1, Some(0)) => Truth::False,
        (1, Some(_)) => Truth::True,
        _ => Truth::Unknown(first_missing),
    }
}

fn run_code(
    table: &Table<'_>,
    code_start: u32,
    code_len: u32,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    let code = usize::try_from(code_start)
        .ok()
        .zip(usize::try_from(code_len).ok())
        .and_then(|(start, len)| table.code().get(start..start.checked_add(len)?));
    match code {
        Some(code) => run_ops(table, code, facts, as_of),
        None => Truth::Unknown(None),
    }
}

/// A comparison of two values that may be unknown: unknown when either is.
#[inline]
fn compare(left: Option<i32>, right: Option<i32>, holds: impl Fn(i32, i32) -> bool) -> Option<i32> {
    let (left, right) = left.zip(right)?;
    Some(i32::from(holds(left, right)))
}
