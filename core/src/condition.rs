//! Conditions in three-valued logic: the stack machine that runs a rule's condition code
//! ([`condition`], [`atgard_condition`]), and the choice between it and a rule's flat form.
//!
//! A missing fact is unknown, never guessed: logic is Kleene's, so an unknown value makes a
//! condition unknown unless the rest decides it, and the first missing fact is named.
//! This module holds no order between rules (`insats`, `skyddsatgard`) and no flat form
//! (`flat`).

use crate::case::Facts;
use crate::date::Date;
use crate::decode::{RuleIdx, Table};
use crate::flat::{Tests, Truth};
use crate::limits::MAX_STACK;
use crate::num::Num;
use crate::table::{AtgardRule, Code, OP_SIZE, Op, Rule};

/// Runs one rule's condition against `facts` on `as_of`, in three-valued logic.
///
/// For a rule of `table` every instruction is valid, since [`Table::decode`] checked it; a rule
/// of another table whose code does not lie in this one's is unknown, never a panic.
pub fn condition(table: &Table<'_>, rule: &Rule<'_>, facts: &Facts, as_of: Date) -> Truth {
    run_code(table, rule.code_start, rule.code_len, facts, as_of)
}

/// [`condition`] of the rule with index `rule_idx` in `table`: the same answer, by the rule's
/// flat form when it has one (see `flat`), so a loop that asks many rules many times (the
/// compiler's check for rules that can never decide) need not run the stack machine for each.
pub fn rule_truth(table: &Table<'_>, rule_idx: RuleIdx, facts: &Facts, as_of: Date) -> Truth {
    match table.rules().get(rule_idx.index()) {
        Some(rule) => rule_condition(table, rule_idx, rule, facts, as_of),
        None => Truth::Unknown(None),
    }
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
///
/// Inlined into each loop over an insats's rules, which call it for every rule they try.
#[inline(always)]
pub(crate) fn rule_condition(
    table: &Table<'_>,
    rule_idx: RuleIdx,
    rule: &Rule<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    match table.flat(rule_idx) {
        Some(conjunction) => flat_truth(table, conjunction, facts, as_of),
        None => condition(table, rule, facts, as_of),
    }
}

/// The truth of the flat form `conjunction` of a condition of `table`, its parameters read on
/// `as_of`.
#[inline]
pub(crate) fn flat_truth(
    table: &Table<'_>,
    conjunction: Tests<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    conjunction.evaluate_with(facts, |param| table.param_value_at(i32::from(param), as_of))
}

/// What running code on the stack machine left: the value on top, and why it is unknown when
/// it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    /// The single value the code leaves, or `None` when unknown (or the code is not well
    /// formed).
    pub value: Option<Num>,
    /// The first fact, in the order the code reads them, that was unknown.
    pub missing: Option<u16>,
    /// Whether a computation overflowed (its value then counts as unknown).
    pub overflow: bool,
}

/// Runs condition `code` on the stack machine; `table` gives the parameters' values.
pub(crate) fn run_ops(table: &Table<'_>, code: &[u8], facts: &Facts, as_of: Date) -> Truth {
    let run = run_value(table, code, facts, as_of);
    match run.value {
        Some(value) if value == Num::ZERO => Truth::False,
        Some(_) => Truth::True,
        None if run.overflow => Truth::Overflow,
        None => Truth::Unknown(run.missing),
    }
}

/// Runs `code` on the stack machine and gives the value it leaves: a condition's truth (0 or
/// 1) or a computed number (a schablon time, a frequency).
pub(crate) fn run_value(table: &Table<'_>, code: &[u8], facts: &Facts, as_of: Date) -> Run {
    const PUSH: u8 = Op::Push as u8;
    const FACT: u8 = Op::Fact as u8;
    const PARAM: u8 = Op::Param as u8;
    const NUM: u8 = Op::Num as u8;
    const NOT: u8 = Op::Not as u8;
    const NEG: u8 = Op::Neg as u8;
    const CONTAINS: u8 = Op::Contains as u8;
    const SELECT: u8 = Op::Select as u8;
    const EQ: u8 = Op::Eq as u8;
    const NE: u8 = Op::Ne as u8;
    const LT: u8 = Op::Lt as u8;
    const LE: u8 = Op::Le as u8;
    const GT: u8 = Op::Gt as u8;
    const GE: u8 = Op::Ge as u8;
    const AND: u8 = Op::And as u8;
    const OR: u8 = Op::Or as u8;
    const ADD: u8 = Op::Add as u8;
    const SUB: u8 = Op::Sub as u8;
    const MUL: u8 = Op::Mul as u8;
    const DIV: u8 = Op::Div as u8;
    const MIN: u8 = Op::Min as u8;
    const MAX: u8 = Op::Max as u8;

    let mut run = Run {
        value: None,
        missing: None,
        overflow: false,
    };
    let (instructions, []) = code.as_chunks::<OP_SIZE>() else {
        return run;
    };
    // One pass, one dispatch per instruction: a push writes the next slot, an operator rewrites
    // the slot of its (left) operand in place.
    let mut stack: [Option<Num>; MAX_STACK] = [None; MAX_STACK];
    let mut depth = 0usize;
    let truth = |holds: bool| Some(Num::whole(i64::from(holds)));
    for &[opcode, a, b, c, d] in instructions {
        let operand = i32::from_le_bytes([a, b, c, d]);
        let pushed = match opcode {
            PUSH => Some(Num::whole(i64::from(operand))),
            FACT => {
                let value = usize::try_from(operand)
                    .ok()
                    .and_then(|slot| facts.get(slot));
                if value.is_none() && run.missing.is_none() {
                    run.missing = u16::try_from(operand).ok();
                }
                value.map(Num::whole)
            }
            PARAM => table
                .param_value_at(operand, as_of)
                .map(|value| Num::whole(i64::from(value))),
            NUM => table.number(operand),
            NOT | NEG | CONTAINS => {
                let Some(slot) = depth.checked_sub(1).and_then(|top| stack.get_mut(top)) else {
                    return run;
                };
                *slot = match opcode {
                    NOT => slot.and_then(|value| truth(value == Num::ZERO)),
                    NEG => match slot.map(Num::checked_neg) {
                        Some(None) => {
                            run.overflow = true;
                            None
                        }
                        other => other.flatten(),
                    },
                    _ => {
                        let bit = u32::try_from(operand)
                            .ok()
                            .and_then(|bit| 1i64.checked_shl(bit));
                        slot.zip(bit)
                            .and_then(|(set, bit)| truth(set.numerator() & bit != 0))
                    }
                };
                continue;
            }
            SELECT => {
                // Pops the condition, then the value if not, then the value if so.
                let Some(top) = depth.checked_sub(1) else {
                    return run;
                };
                let (Some(condition), Some(otherwise), Some(then_idx)) = (
                    stack.get(top).copied(),
                    top.checked_sub(1)
                        .and_then(|below| stack.get(below))
                        .copied(),
                    top.checked_sub(2),
                ) else {
                    return run;
                };
                let Some(then) = stack.get_mut(then_idx) else {
                    return run;
                };
                *then = match condition {
                    Some(condition) if condition != Num::ZERO => *then,
                    Some(_) => otherwise,
                    // Unknown which: known only when both are the same.
                    None if *then == otherwise => *then,
                    None => None,
                };
                depth = then_idx.saturating_add(1);
                continue;
            }
            _ => {
                let Some(top) = depth.checked_sub(1) else {
                    return run;
                };
                let (Some(right), Some(left)) = (
                    stack.get(top).copied(),
                    top.checked_sub(1).and_then(|below| stack.get_mut(below)),
                ) else {
                    return run;
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
                        (Some(l), _) if l == Num::ZERO => truth(false),
                        (_, Some(r)) if r == Num::ZERO => truth(false),
                        (Some(_), Some(_)) => truth(true),
                        _ => None,
                    },
                    OR => match (*left, right) {
                        (Some(l), _) if l != Num::ZERO => truth(true),
                        (_, Some(r)) if r != Num::ZERO => truth(true),
                        (Some(_), Some(_)) => truth(false),
                        _ => None,
                    },
                    ADD | SUB | MUL | DIV | MIN | MAX => match (*left, right) {
                        (Some(l), Some(r)) => {
                            let result = match opcode {
                                ADD => l.checked_add(r),
                                SUB => l.checked_sub(r),
                                MUL => l.checked_mul(r),
                                DIV => l.checked_div(r),
                                MIN => Some(l.min(r)),
                                _ => Some(l.max(r)),
                            };
                            if result.is_none() {
                                run.overflow = true;
                            }
                            result
                        }
                        _ => None,
                    },
                    _ => return run,
                };
                depth = top;
                continue;
            }
        };
        let Some(slot) = stack.get_mut(depth) else {
            return run;
        };
        *slot = pushed;
        depth = depth.wrapping_add(1);
    }
    if depth == 1 {
        run.value = stack.first().copied().flatten();
    }
    run
}

/// Runs the code `code` of `table` for its value (a schablon component's time or frequency).
///
/// The shapes a schablon's figures take most ([`Quantity`]) are read directly, with the same
/// result as the stack machine.
pub(crate) fn value_of(table: &Table<'_>, code: Code, facts: &Facts, as_of: Date) -> Run {
    let Some(code) = code_of(table, code.start, code.len) else {
        return Run {
            value: None,
            missing: None,
            overflow: false,
        };
    };
    match Quantity::read(code, |index| table.number(index)) {
        Some(quantity) => quantity.value(facts),
        None => run_value(table, code, facts, as_of),
    }
}

/// The shapes a schablon's figures take most, read from their code once: a number; a fact; a
/// fact in its unit, or a fact times a number; a rate over a fact
/// (`1 gånger per vecka / städning_var_n_vecka`).
///
/// [`Table::decode`] reads each component's figures into this form, so that a prövning does
/// not read their code again; its value is the stack machine's (a property test holds them
/// equal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quantity {
    /// A number of the table.
    Number(Num),
    /// A fact's value, in the slot.
    Fact(u16),
    /// A fact's value times a number.
    FactTimes(u16, Num),
    /// A number over a fact's value.
    NumberOver(Num, u16),
}

impl Quantity {
    /// The shape of `code`, when it is one of these; `number` gives the table's number with an
    /// index.
    pub(crate) fn read(code: &[u8], number: impl Fn(i32) -> Option<Num>) -> Option<Quantity> {
        const NUM: u8 = Op::Num as u8;
        const FACT: u8 = Op::Fact as u8;
        const MUL: u8 = Op::Mul as u8;
        const DIV: u8 = Op::Div as u8;
        let operand = |a: u8, b: u8, c: u8, d: u8| i32::from_le_bytes([a, b, c, d]);
        let slot = |a: u8, b: u8, c: u8, d: u8| u16::try_from(operand(a, b, c, d)).ok();
        Some(match *code {
            [NUM, a, b, c, d] => Quantity::Number(number(operand(a, b, c, d))?),
            [FACT, a, b, c, d] => Quantity::Fact(slot(a, b, c, d)?),
            [FACT, a, b, c, d, NUM, e, f, g, h, MUL, _, _, _, _] => {
                Quantity::FactTimes(slot(a, b, c, d)?, number(operand(e, f, g, h))?)
            }
            [NUM, a, b, c, d, FACT, e, f, g, h, DIV, _, _, _, _] => {
                Quantity::NumberOver(number(operand(a, b, c, d))?, slot(e, f, g, h)?)
            }
            _ => return None,
        })
    }

    /// The product of this time and the frequency `antal` (`None`: the time alone) as one
    /// shape, when the time is a whole number above zero and the product of the numbers fits:
    /// read from a table once, so that an evaluation multiplies once per component.
    ///
    /// Its value is the time's value times the frequency's, and it overflows exactly when that
    /// product does: with a whole time of at least 1, a frequency whose numerator overflows
    /// makes the product overflow too, and the product's numerator in lowest terms is no larger
    /// than the time times the number. A time below zero is not folded: the frequency may
    /// overflow at 2⁶³ where the product, negated, is −2⁶³ and fits (−1 times a fact of −2⁶³).
    ///
    /// A fraction over a fact (`1/3 gånger per vecka / städning_var_n_vecka`) is not folded:
    /// its denominator, the fraction's times the fact's value, may overflow where the time's
    /// factor would cancel it from the product (−1/3 over a fact of about −3.5·10¹⁸ overflows,
    /// 245 times the same does not), and the breakdown and the evaluation would then differ. A
    /// whole number over a fact has a denominator no larger than the fact's value.
    pub(crate) fn times(self, antal: Option<Quantity>) -> Option<Quantity> {
        let Quantity::Number(time) = self else {
            return None;
        };
        if !time.is_whole() || time.numerator() <= 0 {
            return None;
        }
        Some(match antal {
            None => Quantity::Number(time),
            Some(Quantity::Number(number)) => Quantity::Number(time.checked_mul(number)?),
            Some(Quantity::Fact(slot)) => Quantity::FactTimes(slot, time),
            Some(Quantity::FactTimes(slot, number)) => {
                Quantity::FactTimes(slot, time.checked_mul(number)?)
            }
            Some(Quantity::NumberOver(number, slot)) if number.is_whole() => {
                Quantity::NumberOver(time.checked_mul(number)?, slot)
            }
            Some(Quantity::NumberOver(..)) => return None,
        })
    }

    /// Its value for `facts`: unknown, naming the fact, when the fact is missing; overflowed
    /// when the product or quotient does not fit (or the quotient is by zero).
    ///
    /// Inlined into the loop over a schablon's components, which reads a time and a frequency
    /// of each.
    #[inline(always)]
    pub(crate) fn value(self, facts: &Facts) -> Run {
        let fact = |slot: u16| match facts.get(usize::from(slot)) {
            Some(value) => Ok(Num::whole(value)),
            None => Err(Run {
                value: None,
                missing: Some(slot),
                overflow: false,
            }),
        };
        let computed = |value: Option<Num>| Run {
            value,
            missing: None,
            overflow: value.is_none(),
        };
        let run = match self {
            Quantity::Number(number) => Ok(Run {
                value: Some(number),
                missing: None,
                overflow: false,
            }),
            Quantity::Fact(slot) => fact(slot).map(|value| computed(Some(value))),
            Quantity::FactTimes(slot, number) => {
                fact(slot).map(|value| computed(value.checked_mul(number)))
            }
            Quantity::NumberOver(number, slot) => {
                fact(slot).map(|value| computed(number.checked_div(value)))
            }
        };
        run.unwrap_or_else(|missing| missing)
    }
}

/// Runs the condition `code` of `table`; empty code always holds.
pub(crate) fn holds(table: &Table<'_>, code: Code, facts: &Facts, as_of: Date) -> Truth {
    if code.is_empty() {
        return Truth::True;
    }
    let Some(code) = code_of(table, code.start, code.len) else {
        return Truth::Unknown(None);
    };
    // A fact compared with a constant (`städning_var_n_vecka > 0`), the commonest condition of
    // a schablon, read directly with the same result as the stack machine.
    const FACT: u8 = Op::Fact as u8;
    const PUSH: u8 = Op::Push as u8;
    if let [FACT, a, b, c, d, PUSH, e, f, g, h, op, _, _, _, _] = *code {
        let slot = i32::from_le_bytes([a, b, c, d]);
        let constant = i64::from(i32::from_le_bytes([e, f, g, h]));
        let compare: Option<fn(&i64, &i64) -> bool> = match op {
            x if x == Op::Eq as u8 => Some(i64::eq),
            x if x == Op::Ne as u8 => Some(i64::ne),
            x if x == Op::Lt as u8 => Some(i64::lt),
            x if x == Op::Le as u8 => Some(i64::le),
            x if x == Op::Gt as u8 => Some(i64::gt),
            x if x == Op::Ge as u8 => Some(i64::ge),
            _ => None,
        };
        if let Some(compare) = compare {
            let value = usize::try_from(slot).ok().and_then(|slot| facts.get(slot));
            return match value {
                Some(value) if compare(&value, &constant) => Truth::True,
                Some(_) => Truth::False,
                None => Truth::Unknown(u16::try_from(slot).ok()),
            };
        }
    }
    run_ops(table, code, facts, as_of)
}

fn code_of<'t>(table: &Table<'t>, start: u32, len: u32) -> Option<&'t [u8]> {
    crate::table::code_at(table.code(), start, len)
}

fn run_code(
    table: &Table<'_>,
    code_start: u32,
    code_len: u32,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    match code_of(table, code_start, code_len) {
        Some(code) => run_ops(table, code, facts, as_of),
        None => Truth::Unknown(None),
    }
}

/// A comparison of two values that may be unknown: unknown when either is.
#[inline]
fn compare(left: Option<Num>, right: Option<Num>, holds: impl Fn(Num, Num) -> bool) -> Option<Num> {
    let (left, right) = left.zip(right)?;
    Some(Num::whole(i64::from(holds(left, right))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, N_TEST_FACTS, TableSpec};
    use proptest::prelude::*;

    /// The shapes `value_of` and `holds` read directly, each with the stack machine's answer.
    fn shape() -> impl Strategy<Value = std::vec::Vec<u8>> {
        let slot = 0..i32::try_from(N_TEST_FACTS).unwrap_or(1);
        let compare = testing::comparison();
        prop_oneof![
            (0i32..3).prop_map(|index| Op::Num.encode(index).to_vec()),
            slot.clone().prop_map(|slot| Op::Fact.encode(slot).to_vec()),
            (slot.clone(), 0i32..3).prop_map(|(slot, index)| {
                [
                    Op::Fact.encode(slot),
                    Op::Num.encode(index),
                    Op::Mul.encode(0),
                ]
                .concat()
            }),
            (slot.clone(), 0i32..3).prop_map(|(slot, index)| {
                [
                    Op::Num.encode(index),
                    Op::Fact.encode(slot),
                    Op::Div.encode(0),
                ]
                .concat()
            }),
            (slot, any::<i32>(), compare).prop_map(|(slot, constant, op)| {
                [
                    Op::Fact.encode(slot),
                    Op::Push.encode(constant),
                    op.encode(0),
                ]
                .concat()
            }),
        ]
    }

    /// A figure's value as a component multiplies a time by a frequency without folding them:
    /// the time first, then the frequency, the first that overflows or is missing deciding.
    fn unfolded(time: Num, antal: Option<Quantity>, facts: &Facts) -> Run {
        let Some(antal) = antal else {
            return Run {
                value: Some(time),
                missing: None,
                overflow: false,
            };
        };
        let count = antal.value(facts);
        match count.value {
            _ if count.overflow => count,
            None => count,
            Some(count) => {
                let value = time.checked_mul(count);
                Run {
                    value,
                    missing: None,
                    overflow: value.is_none(),
                }
            }
        }
    }

    /// A frequency of a fraction over a fact can overflow in its denominator where the time
    /// cancels it: −1/3 over −3 480 363 609 363 095 679 does not fit, and 245 minutes times it
    /// would (the fact is a multiple of 7). A fraction over a fact is therefore not folded; a
    /// whole number over a fact is.
    #[test]
    fn a_fraction_over_a_fact_is_not_folded() {
        let (time, slot) = (Num::whole(245), 0);
        let third = Quantity::NumberOver(Num::reduced(-1, 3), slot);
        let mut facts = Facts::new();
        facts.set(usize::from(slot), -3_480_363_609_363_095_679);
        assert!(unfolded(time, Some(third), &facts).overflow);
        assert_eq!(Quantity::Number(time).times(Some(third)), None);
        assert_eq!(
            Quantity::Number(time).times(Some(Quantity::NumberOver(Num::whole(52), slot))),
            Some(Quantity::NumberOver(Num::whole(12_740), slot))
        );
    }

    /// A time below zero is not folded: −1 times a fact times −1 overflows in the frequency
    /// when the fact is −2⁶³, where the fact times 1 fits; so does −3 times 2/3 of 2⁶².
    #[test]
    fn a_time_below_zero_is_not_folded() {
        let slot = 0;
        for (time, number, fact) in [
            (-1, Num::whole(-1), i64::MIN),
            (-3, Num::reduced(2, 3), 1 << 62),
        ] {
            let (time, antal) = (Num::whole(time), Quantity::FactTimes(slot, number));
            let mut facts = Facts::new();
            facts.set(usize::from(slot), fact);
            assert!(unfolded(time, Some(antal), &facts).overflow);
            assert_eq!(Quantity::Number(time).times(Some(antal)), None);
        }
        let three = Quantity::Number(Num::whole(3));
        assert_eq!(
            three.times(Some(Quantity::FactTimes(slot, Num::reduced(2, 3)))),
            Some(Quantity::FactTimes(slot, Num::whole(2)))
        );
    }

    /// Half a minute, or none, times a fact times 2 is not folded: the fact times 2 overflows
    /// before the time is taken, so the fact times 1 (or times 0) would give a value where the
    /// component overflows.
    #[test]
    fn a_time_of_less_than_one_is_not_folded() {
        let twice = Some(Quantity::FactTimes(0, Num::whole(2)));
        assert_eq!(Quantity::Number(Num::reduced(1, 2)).times(twice), None);
        assert_eq!(Quantity::Number(Num::ZERO).times(twice), None);
        assert_eq!(
            Quantity::Number(Num::whole(3)).times(twice),
            Some(Quantity::FactTimes(0, Num::whole(6)))
        );
    }

    proptest! {
        // The faults this holds off lie at the ends of `i64`, where a few of 256 cases reach:
        // one case costs microseconds, so it tries many.
        #![proptest_config(ProptestConfig::with_cases(8192))]

        /// A whole time above zero folds with any frequency whose number it can multiply (a
        /// fraction over a fact excepted), and the folded figure has the value, the missing fact
        /// and the overflow of the time times the frequency for any value of the fact (none,
        /// zero, or either end of `i64`).
        #[test]
        fn a_folded_time_and_frequency_is_the_time_times_the_frequency(
            time in prop_oneof![Just(0i64), -6i64..6, -1_000i64..1_000, Just(i64::MAX), Just(i64::MIN + 1)],
            time_den in prop_oneof![Just(1i64), 2i64..7],
            number in prop_oneof![-3i64..3, -1_000i64..1_000, Just(i64::MAX), Just(i64::MIN + 1)],
            number_den in prop_oneof![Just(1i64), 2i64..60],
            shape in 0u8..5,
            fact in proptest::option::weighted(
                0.85,
                prop_oneof![-60i64..60, Just(0), Just(i64::MAX), Just(i64::MIN), any::<i64>()],
            ),
        ) {
            let (Some(time), Some(number)) =
                (Num::new(time, time_den), Num::new(number, number_den))
            else {
                return Err(TestCaseError::fail("the test's numbers are fractions"));
            };
            let antal = match shape {
                0 => None,
                1 => Some(Quantity::Number(number)),
                2 => Some(Quantity::Fact(0)),
                3 => Some(Quantity::FactTimes(0, number)),
                _ => Some(Quantity::NumberOver(number, 0)),
            };
            let mut facts = Facts::new();
            facts.set_opt(0, fact);
            match Quantity::Number(time).times(antal) {
                Some(folded) => {
                    prop_assert_eq!(folded.value(&facts), unfolded(time, antal, &facts));
                }
                None => prop_assert!(
                    !time.is_whole()
                        || time.numerator() <= 0
                        || time.checked_mul(number).is_none()
                        || shape == 4 && !number.is_whole()
                ),
            }
        }
    }

    proptest! {
        #[test]
        fn the_direct_readings_are_the_stack_machines(
            code in shape(),
            values in proptest::collection::vec(
                proptest::option::weighted(0.8, prop_oneof![-3i64..6, Just(i64::MAX), Just(0)]),
                N_TEST_FACTS,
            ),
        ) {
            let mut spec = TableSpec::with_insatser(&[]);
            spec.add_number(52, 1);
            spec.add_number(1, 1_000);
            spec.add_number(i64::MAX, 1);
            let range = spec.add_code(&code);
            let bytes = spec.encode();
            let table = testing::decoded(&bytes);
            let mut facts = Facts::new();
            for (slot, value) in values.iter().enumerate() {
                facts.set_opt(slot, *value);
            }
            let as_of = Date::EPOCH;
            prop_assert_eq!(
                value_of(&table, range, &facts, as_of),
                run_value(&table, &code, &facts, as_of)
            );
            prop_assert_eq!(
                holds(&table, range, &facts, as_of),
                run_ops(&table, &code, &facts, as_of)
            );
        }
    }
}
