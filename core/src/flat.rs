//! The three-valued [`Truth`] of a condition, and conditions in their flat form: most rules
//! test a few facts and require all of them
//! (`ålder >= 65 och bor_ensam och inte behov_tillgodoses_på_annat_sätt`), and a test may ask
//! for one of several values of one fact (`personkrets i [1, 2, 3]`, `behov innehåller hemliv
//! eller behov innehåller trygghet`).
//!
//! [`Table::decode`](crate::Table::decode) reads each rule's condition code once and, when the
//! code is such a conjunction, keeps it as a short list of [`FactTest`]s beside the rule.
//! A disjunction over one fact is one test: the fact is either missing, and so is every part,
//! or known, and the test asks whether its value is among the values (or bits) of a mask.
//! This module holds the flat form, the reading of condition code into it ([`flatten`], which
//! the decoder calls once per rule) and its evaluation; the stack machine is `condition`'s.
//! The evaluator then checks the tests in order and stops at the first that fails, instead of
//! running the code on the stack machine; every other condition runs on the stack machine.
//! The result is the same in every case, the missing fact it names included (a property test
//! holds the two together): Kleene conjunction is false as soon as one test is known false,
//! true when all are known true, and otherwise unknown, naming the first missing fact in the
//! order the code reads them, which is the order of the tests.

use core::fmt;

use heapless::Vec;

use crate::case::Facts;
use crate::condition::Quantity;
use crate::limits::{MAX_FACTS, MAX_FLAT_TESTS, MAX_RULES, MAX_SET_WORDS, MAX_STACK};
use crate::table::{OP_SIZE, Op};

/// The three-valued result of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// The condition holds.
    True,
    /// The condition does not hold.
    False,
    /// The condition depends on something unknown: the first missing fact, when it is a fact.
    Unknown(Option<u16>),
    /// A computation in the condition overflowed: the riktlinje cannot decide, and a person
    /// must.
    Overflow,
}

/// The most tests one flat condition holds; a longer conjunction runs on the stack machine.
pub const MAX_FACT_TESTS: usize = 6;

/// What a [`FactTest`] asks of its fact's value `v`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKind {
    /// `v` is not 0 (a yes/no fact that is yes).
    Holds,
    /// `v == operand`.
    Eq,
    /// `v != operand`.
    Ne,
    /// `v < operand`.
    Lt,
    /// `v <= operand`.
    Le,
    /// `v > operand`.
    Gt,
    /// `v >= operand`.
    Ge,
    /// The set `v` has a value whose bit is set in the mask `operand`: one value
    /// (`behov innehåller hemliv`), or any of several (`behov innehåller hemliv eller behov
    /// innehåller trygghet`).
    AnyBit,
    /// `v` is one of the values 0 to 63 whose bits are set in the mask `operand`
    /// (`personkrets i [1, 2, 3]`).
    In,
}

/// One test of one fact, or of one parameter, possibly negated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FactTest {
    /// The fact's slot in the table's catalogue, or the parameter's index when `param`.
    pub fact: u16,
    /// Whether the test reads a parameter's value on the day of prövning (`riktålder`,
    /// `socialtjänstlag`) rather than a fact.
    pub param: bool,
    /// What is asked of its value.
    pub kind: TestKind,
    /// The number compared with, or the mask of values or bits; the parameter's index when
    /// `against_param`.
    pub operand: i64,
    /// Whether the fact is compared with a parameter's value on the day of prövning
    /// (`ålder_vid_ansökan >= riktålder`) rather than with `operand` itself.
    pub against_param: bool,
    /// Whether the answer is negated (`inte`).
    pub negated: bool,
}

impl FactTest {
    /// Whether the test passes for the value `value`.
    #[inline]
    fn passes(self, value: i64) -> bool {
        let operand = self.operand;
        let holds = match self.kind {
            TestKind::Holds => value != 0,
            TestKind::Eq => value == operand,
            TestKind::Ne => value != operand,
            TestKind::Lt => value < operand,
            TestKind::Le => value <= operand,
            TestKind::Gt => value > operand,
            TestKind::Ge => value >= operand,
            TestKind::AnyBit => value & operand != 0,
            TestKind::In => u32::try_from(value)
                .ok()
                .and_then(|value| operand.checked_shr(value))
                .is_some_and(|bits| bits & 1 != 0),
        };
        holds != self.negated
    }

    /// The values of its fact the test passes, as one closed interval `(low, high)`, when they
    /// are one: a comparison of a fact with a number (`ålder < 18` passes `i64::MIN` to 17), or a
    /// yes/no fact that must be no (`inte studerar` passes 0 to 0).
    ///
    /// A test of a parameter, or of a fact against a parameter, has none: its operand is read on
    /// the day of prövning. Neither has a test that passes no value (`v < i64::MIN`).
    #[inline]
    pub(crate) fn interval(self) -> Option<(i64, i64)> {
        if self.param || self.against_param {
            return None;
        }
        let operand = self.operand;
        Some(match (self.kind, self.negated) {
            (TestKind::Eq, false) => (operand, operand),
            (TestKind::Lt, false) | (TestKind::Ge, true) => (i64::MIN, operand.checked_sub(1)?),
            (TestKind::Le, false) | (TestKind::Gt, true) => (i64::MIN, operand),
            (TestKind::Gt, false) | (TestKind::Le, true) => (operand.checked_add(1)?, i64::MAX),
            (TestKind::Ge, false) | (TestKind::Lt, true) => (operand, i64::MAX),
            (TestKind::Holds, true) => (0, 0),
            _ => return None,
        })
    }

    /// The values of its fact the test passes, as [`Values`], when they are an interval
    /// ([`FactTest::interval`]) or every value but 0 (a yes/no fact that must be yes,
    /// `utan_behovsprövning`).
    #[inline]
    pub(crate) fn values(self) -> Option<Values> {
        match (self.kind, self.negated) {
            (TestKind::Holds, false) if !self.param && !self.against_param => Some(Values {
                low: i64::MIN,
                high: i64::MAX,
                zero: false,
            }),
            _ => self
                .interval()
                .map(|(low, high)| Values::between(low, high)),
        }
    }

    /// The test as a mask of values or of bits, when it asks for one of a few small values of a
    /// fact or for bits of a set: what a disjunction over the same fact can merge.
    fn as_mask(self) -> Option<(TestKind, i64)> {
        if self.param || self.negated || self.against_param {
            return None;
        }
        match self.kind {
            TestKind::Eq => {
                let bit = u32::try_from(self.operand).ok()?;
                (bit < 64).then(|| (TestKind::In, 1i64 << bit))
            }
            TestKind::In | TestKind::AnyBit => Some((self.kind, self.operand)),
            _ => None,
        }
    }

    /// `self` or `other` as one test, when both ask the same fact for values of a mask
    /// (`personkrets = 1 eller personkrets = 2`) or for bits of a set.
    ///
    /// The answer is the same in every case: both read the one fact, so when it is missing
    /// both are unknown, as their disjunction is, naming that fact; when it is known, the
    /// merged mask passes exactly when one of the two does.
    fn or(self, other: FactTest) -> Option<FactTest> {
        if self.fact != other.fact {
            return None;
        }
        let (kind, mask) = self.as_mask()?;
        let (other_kind, other_mask) = other.as_mask()?;
        (kind == other_kind).then_some(FactTest {
            kind,
            operand: mask | other_mask,
            ..self
        })
    }
}

/// Values of one fact: those from `low` to `high` (none when `low > high`), 0 among them only
/// when `zero`. What a conjunction's tests of a fact let through ([`Tests::values_of`]), and
/// what a run of rules does together (`decode`'s guards).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Values {
    pub(crate) low: i64,
    pub(crate) high: i64,
    pub(crate) zero: bool,
}

impl Values {
    /// The values from `low` to `high`.
    pub(crate) fn between(low: i64, high: i64) -> Values {
        Values {
            low,
            high,
            zero: low <= 0 && 0 <= high,
        }
    }

    /// Whether `value` is one of them.
    #[inline]
    pub(crate) fn admit(self, value: i64) -> bool {
        self.low <= value && value <= self.high && (value != 0 || self.zero)
    }

    /// The values of both: the intersection.
    fn and(self, other: Values) -> Values {
        Values {
            low: self.low.max(other.low),
            high: self.high.min(other.high),
            zero: self.zero && other.zero,
        }
    }

    /// Values that hold those of both: the smallest interval over both (where an empty one
    /// holds nothing), with 0 when either has it.
    pub(crate) fn or(self, other: Values) -> Values {
        let (low, high) = match (self.low > self.high, other.low > other.high) {
            (true, _) => (other.low, other.high),
            (_, true) => (self.low, self.high),
            _ => (self.low.min(other.low), self.high.max(other.high)),
        };
        Values {
            low,
            high,
            zero: self.zero || other.zero,
        }
    }

    /// Whether a value is left out: a fact with that value rules the conjunctions out.
    pub(crate) fn leave_one_out(self) -> bool {
        self.low > i64::MIN || self.high < i64::MAX || !self.zero
    }
}

/// A condition that holds when every one of its tests passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conjunction {
    tests: [FactTest; MAX_FACT_TESTS],
    len: u8,
    /// Whether a test compares its fact with a parameter: the loop that reads parameters as
    /// operands runs only for such a conjunction, and every other keeps the plain one.
    param_operands: bool,
}

impl Conjunction {
    const NO_TEST: FactTest = FactTest {
        fact: 0,
        param: false,
        kind: TestKind::Holds,
        operand: 0,
        against_param: false,
        negated: false,
    };

    pub(crate) fn one(test: FactTest) -> Conjunction {
        let mut tests = [Self::NO_TEST; MAX_FACT_TESTS];
        if let Some(first) = tests.first_mut() {
            *first = test;
        }
        Conjunction {
            tests,
            len: 1,
            param_operands: test.against_param,
        }
    }

    /// The tests, in the order the condition reads them.
    pub fn tests(&self) -> &[FactTest] {
        self.tests
            .get(..usize::from(self.len))
            .unwrap_or(&self.tests)
    }

    /// The conjunction as a view of its tests, as a table keeps it.
    #[inline]
    pub(crate) fn view(&self) -> Tests<'_> {
        Tests {
            tests: self.tests(),
            param_operands: self.param_operands,
        }
    }

    /// This conjunction followed by `other`, if both fit in one.
    pub(crate) fn and(mut self, other: &Conjunction) -> Option<Conjunction> {
        for test in other.tests() {
            let slot = self.tests.get_mut(usize::from(self.len))?;
            *slot = *test;
            self.len = self.len.checked_add(1)?;
            self.param_operands |= test.against_param;
        }
        Some(self)
    }

    /// The same tests with those of parameters moved after those of facts, each group in its
    /// order.
    ///
    /// The truth is the same in every case: a conjunction is false when any test is known
    /// false, whatever its place, and a parameter never names a missing fact, so the first
    /// missing fact is still the first in the order the code reads them. A parameter's test
    /// mostly passes (`socialtjänstlag = 2025` on any day after the law came into force) and
    /// costs a lookup by date, while the test of a fact beside it (`ålder < 12`) mostly fails:
    /// testing the facts first decides most conditions without reading a parameter.
    pub(crate) fn parameters_last(self) -> Conjunction {
        let mut ordered = self;
        let facts = self.tests().iter().filter(|test| !test.param);
        let params = self.tests().iter().filter(|test| test.param);
        for (slot, test) in ordered.tests.iter_mut().zip(facts.chain(params)) {
            *slot = *test;
        }
        ordered
    }
}

/// The tests of a conjunction as a table keeps them: borrowed from one list shared by every
/// rule's conjunction, so that a rule costs only the tests it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tests<'t> {
    tests: &'t [FactTest],
    /// Whether a test compares its fact with a parameter (see [`Conjunction`]).
    param_operands: bool,
}

impl<'t> Tests<'t> {
    /// The tests, in the order the condition reads them.
    #[inline]
    pub(crate) fn tests(self) -> &'t [FactTest] {
        self.tests
    }

    /// The values of fact `fact` that can let the conjunction hold: the intersection of the
    /// [`FactTest::values`] of its tests of that fact, when at least one has them.
    ///
    /// When the fact's value is not among them, a test of the fact is known to fail, and so
    /// the conjunction is false, whatever its other tests.
    pub(crate) fn values_of(self, fact: u16) -> Option<Values> {
        self.tests()
            .iter()
            .filter(|test| test.fact == fact)
            .filter_map(|test| test.values())
            .reduce(Values::and)
    }

    /// The condition's truth for `facts`, with no parameter known.
    #[cfg(test)]
    pub fn evaluate(self, facts: &Facts) -> Truth {
        self.evaluate_with(facts, |_| None)
    }

    /// The condition's truth for `facts`, with `param` giving a parameter's value on the day of
    /// prövning (as the stack machine reads it: an unknown parameter makes the condition
    /// unknown without naming a fact).
    #[inline(always)]
    pub fn evaluate_with(self, facts: &Facts, param: impl Fn(u16) -> Option<i32>) -> Truth {
        // One test of a fact against a number, the commonest condition, without the loop.
        if let [test] = self.tests
            && !test.param
            && !self.param_operands
        {
            return match facts.get(usize::from(test.fact)) {
                Some(value) if test.passes(value) => Truth::True,
                Some(_) => Truth::False,
                None => Truth::Unknown(Some(test.fact)),
            };
        }
        if self.param_operands {
            self.run::<true>(facts, param)
        } else {
            self.run::<false>(facts, param)
        }
    }

    /// [`Tests::evaluate_with`], with the reading of parameters as operands compiled in
    /// only when `PARAM_OPERANDS`.
    #[inline(always)]
    fn run<const PARAM_OPERANDS: bool>(
        self,
        facts: &Facts,
        param: impl Fn(u16) -> Option<i32>,
    ) -> Truth {
        let mut first_missing: Option<u16> = None;
        let mut unknown = false;
        for test in self.tests() {
            let value = if test.param {
                param(test.fact).map(i64::from)
            } else {
                facts.get(usize::from(test.fact))
            };
            match value {
                Some(value) => {
                    // A fact compared with a parameter: the parameter's value on the day is the
                    // operand, and with no value that day the test is unknown, naming no fact.
                    let test = if PARAM_OPERANDS && test.against_param {
                        match u16::try_from(test.operand).ok().and_then(&param) {
                            Some(limit) => FactTest {
                                operand: i64::from(limit),
                                ..*test
                            },
                            None => {
                                unknown = true;
                                continue;
                            }
                        }
                    } else {
                        *test
                    };
                    if !test.passes(value) {
                        return Truth::False;
                    }
                }
                None => {
                    unknown = true;
                    if first_missing.is_none() && !test.param {
                        first_missing = Some(test.fact);
                    }
                }
            }
        }
        if unknown {
            Truth::Unknown(first_missing)
        } else {
            Truth::True
        }
    }
}

/// The flat form of every rule's condition that has one, by rule index; derived from the
/// table's code when it is decoded, never written into a table's bytes.
///
/// The tests of every rule lie one after another in one list, and a rule keeps where its own
/// lie: a rule costs the tests it has, not room for the longest conjunction. A rule whose
/// tests no longer fit runs on the stack machine, with the same result.
///
/// Two tables with the same rules are equal whatever their flat forms: this is a cache of the
/// code, not part of what the nämnd adopted.
#[derive(Clone)]
pub(crate) struct FlatConditions {
    /// Where each rule's tests lie in `tests`, by rule index.
    spans: Vec<TestSpan, MAX_RULES>,
    /// The tests of every rule's flat form, in rule order.
    tests: Vec<FactTest, MAX_FLAT_TESTS>,
}

/// Where a rule's tests lie among [`FlatConditions`]'s: none when `len` is 0 (a conjunction
/// has at least one test).
#[derive(Clone, Copy, Debug)]
struct TestSpan {
    start: u16,
    len: u8,
    param_operands: bool,
}

// A span's start is a `u16` and its length a `u8`.
const _: () = assert!(MAX_FLAT_TESTS <= u16::MAX as usize && MAX_FACT_TESTS <= u8::MAX as usize);

impl FlatConditions {
    /// No rule's flat form.
    pub(crate) const fn new() -> FlatConditions {
        FlatConditions {
            spans: Vec::new(),
            tests: Vec::new(),
        }
    }

    /// Forgets every rule's flat form.
    pub(crate) fn clear(&mut self) {
        self.spans.clear();
        self.tests.clear();
    }

    /// Adds the next rule's flat form, if it has one and its tests fit; `false` when there is
    /// no room for another rule.
    pub(crate) fn push(&mut self, conjunction: Option<&Conjunction>) -> bool {
        let span = conjunction.and_then(|conjunction| {
            let span = TestSpan {
                start: u16::try_from(self.tests.len()).ok()?,
                len: u8::try_from(conjunction.tests().len()).ok()?,
                param_operands: conjunction.param_operands,
            };
            // Adds nothing when the tests do not all fit.
            self.tests.extend_from_slice(conjunction.tests()).ok()?;
            Some(span)
        });
        self.spans
            .push(span.unwrap_or(TestSpan {
                start: 0,
                len: 0,
                param_operands: false,
            }))
            .is_ok()
    }

    /// The flat form of the rule with index `rule_idx`, if it has one and it was derived.
    #[inline]
    pub(crate) fn get(&self, rule_idx: usize) -> Option<Tests<'_>> {
        let span = self.spans.get(rule_idx)?;
        if span.len == 0 {
            return None;
        }
        let start = usize::from(span.start);
        Some(Tests {
            tests: self
                .tests
                .get(start..start.saturating_add(usize::from(span.len)))?,
            param_operands: span.param_operands,
        })
    }

    /// How many rules have a flat form, and how many tests they hold together.
    #[cfg(test)]
    pub(crate) fn counts(&self) -> (usize, usize) {
        let flat = self.spans.iter().filter(|span| span.len > 0).count();
        (flat, self.tests.len())
    }
}

impl PartialEq for FlatConditions {
    fn eq(&self, _: &FlatConditions) -> bool {
        true
    }
}

impl Eq for FlatConditions {}

impl fmt::Debug for FlatConditions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flat = self.spans.iter().filter(|span| span.len > 0).count();
        write!(
            f,
            "FlatConditions({flat} of {}, {} tests)",
            self.spans.len(),
            self.tests.len()
        )
    }
}

/// A schablon component's conditions (`när`, `delas`) in their flat forms and its figures
/// (`tid`, `antal`, `högst`) in the shapes read directly, where they have them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlatComponent {
    pub(crate) villkor: Option<Conjunction>,
    pub(crate) delas: Option<Conjunction>,
    pub(crate) tid: Option<Quantity>,
    pub(crate) antal: Option<Quantity>,
    pub(crate) hogst: Option<Quantity>,
    /// The time times the frequency as one shape ([`Quantity::times`]), where they fold into
    /// one: what an evaluation without a breakdown reads instead of both.
    pub(crate) subtotal: Option<Quantity>,
}

/// [`FlatComponent`] of every schablon component, by component index; derived from the code
/// like [`FlatConditions`], and compared as equal for the same reason.
#[derive(Clone, Debug, Default)]
pub(crate) struct FlatComponents(pub(crate) Vec<FlatComponent, { crate::limits::MAX_COMPONENTS }>);

impl PartialEq for FlatComponents {
    fn eq(&self, _: &FlatComponents) -> bool {
        true
    }
}

impl Eq for FlatComponents {}

/// A value on the stack while the code is read.
#[derive(Clone, Copy)]
enum Symbol {
    /// A fact's value as it is.
    Fact(u16),
    /// A parameter's value on the day of prövning.
    Param(u16),
    /// A number in the code.
    Number(i32),
    /// A yes/no answer made of tests.
    Tests(Conjunction),
}

impl Symbol {
    /// The symbol as a yes/no answer: a bare fact holds when it is not 0.
    fn as_tests(self) -> Option<Conjunction> {
        match self {
            Symbol::Fact(fact) => Some(Conjunction::one(FactTest {
                fact,
                param: false,
                kind: TestKind::Holds,
                operand: 0,
                against_param: false,
                negated: false,
            })),
            Symbol::Param(param) => Some(Conjunction::one(FactTest {
                fact: param,
                param: true,
                kind: TestKind::Holds,
                operand: 0,
                against_param: false,
                negated: false,
            })),
            Symbol::Tests(tests) => Some(tests),
            Symbol::Number(_) => None,
        }
    }
}

/// The flat form of condition `code`, or `None` when it is not a conjunction of fact tests
/// and parameter tests (a disjunction over more than one fact or of other comparisons than
/// `=` with a number from 0 to 63 or a set's members, a negated conjunction, more than
/// [`MAX_FACT_TESTS`] tests, or code that is not well formed).
pub(crate) fn flatten(code: &[u8]) -> Option<Conjunction> {
    let (instructions, []) = code.as_chunks::<OP_SIZE>() else {
        return None;
    };
    let mut stack: heapless::Vec<Symbol, MAX_STACK> = heapless::Vec::new();
    for &[opcode, a, b, c, d] in instructions {
        let operand = i32::from_le_bytes([a, b, c, d]);
        let symbol = match Op::from_byte(opcode)? {
            Op::Push => Symbol::Number(operand),
            Op::Fact => {
                let fact = u16::try_from(operand).ok()?;
                if usize::from(fact) >= MAX_FACTS {
                    return None;
                }
                Symbol::Fact(fact)
            }
            Op::Param => {
                let param = u16::try_from(operand).ok()?;
                if usize::from(param) >= crate::limits::MAX_PARAMS {
                    return None;
                }
                Symbol::Param(param)
            }
            Op::Or => {
                let right = stack.pop()?.as_tests()?;
                let left = stack.pop()?.as_tests()?;
                let ([left], [right]) = (left.tests(), right.tests()) else {
                    return None;
                };
                Symbol::Tests(Conjunction::one(left.or(*right)?))
            }
            Op::Num
            | Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Div
            | Op::Neg
            | Op::Min
            | Op::Max
            | Op::Select => return None,
            Op::Not => {
                let tests = stack.pop()?.as_tests()?;
                let [test] = *tests.tests() else {
                    return None;
                };
                Symbol::Tests(Conjunction::one(FactTest {
                    negated: !test.negated,
                    ..test
                }))
            }
            Op::Contains => {
                let Symbol::Fact(fact) = stack.pop()? else {
                    return None;
                };
                if !(0..MAX_SET_WORDS as i32).contains(&operand) {
                    return None;
                }
                Symbol::Tests(Conjunction::one(FactTest {
                    fact,
                    param: false,
                    kind: TestKind::AnyBit,
                    operand: 1i64.checked_shl(u32::try_from(operand).ok()?)?,
                    against_param: false,
                    negated: false,
                }))
            }
            Op::And => {
                let right = stack.pop()?.as_tests()?;
                let left = stack.pop()?.as_tests()?;
                Symbol::Tests(left.and(&right)?)
            }
            op @ (Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge) => {
                // A fact or a parameter on the left; a number, or a parameter compared with a
                // fact, on the right.
                let ((fact, param), operand, against_param) = match (stack.pop()?, stack.pop()?) {
                    (Symbol::Number(number), Symbol::Fact(fact)) => {
                        ((fact, false), i64::from(number), false)
                    }
                    (Symbol::Number(number), Symbol::Param(index)) => {
                        ((index, true), i64::from(number), false)
                    }
                    (Symbol::Param(index), Symbol::Fact(fact)) => {
                        ((fact, false), i64::from(index), true)
                    }
                    _ => return None,
                };
                let kind = match op {
                    Op::Eq => TestKind::Eq,
                    Op::Ne => TestKind::Ne,
                    Op::Lt => TestKind::Lt,
                    Op::Le => TestKind::Le,
                    Op::Gt => TestKind::Gt,
                    _ => TestKind::Ge,
                };
                Symbol::Tests(Conjunction::one(FactTest {
                    fact,
                    param,
                    kind,
                    operand,
                    against_param,
                    negated: false,
                }))
            }
        };
        stack.push(symbol).ok()?;
    }
    match stack.as_slice() {
        [symbol] => symbol.as_tests().map(Conjunction::parameters_last),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::condition::run_ops;
    use crate::date::Date;
    use crate::table::Op;
    use crate::testing::{self, N_TEST_FACTS, TableSpec};

    /// The code of one test of a fact: alone, negated, a set member, or compared with a number.
    fn test_code() -> impl Strategy<Value = std::vec::Vec<u8>> {
        let n_facts = i32::try_from(N_TEST_FACTS).unwrap_or(1);
        let compare = testing::comparison();
        (
            0..n_facts,
            0u8..6,
            -3i32..6,
            proptest::collection::vec(0i32..8, 2..4),
            compare,
            any::<bool>(),
        )
            .prop_map(|(fact, shape, number, values, compare, negated)| {
                let mut code = Op::Fact.encode(fact).to_vec();
                let first = values.first().copied().unwrap_or(0);
                match shape {
                    0 => {}
                    1 => code.extend(Op::Contains.encode(first)),
                    // A disjunction over the one fact: any of a few members of a set
                    // (`behov innehåller a eller behov innehåller b`) …
                    2 => {
                        code.extend(Op::Contains.encode(first));
                        for bit in values.iter().skip(1) {
                            code.extend(Op::Fact.encode(fact));
                            code.extend(Op::Contains.encode(*bit));
                            code.extend(Op::Or.encode(0));
                        }
                    }
                    // … or one of a few small values (`personkrets i [1, 2, 3]`).
                    3 => {
                        code.extend(Op::Push.encode(first));
                        code.extend(Op::Eq.encode(0));
                        for value in values.iter().skip(1) {
                            code.extend(Op::Fact.encode(fact));
                            code.extend(Op::Push.encode(*value));
                            code.extend(Op::Eq.encode(0));
                            code.extend(Op::Or.encode(0));
                        }
                    }
                    _ => {
                        code.extend(Op::Push.encode(number));
                        code.extend(compare.encode(0));
                    }
                }
                if negated {
                    code.extend(Op::Not.encode(0));
                }
                code
            })
    }

    /// The code of one test of a parameter (the third has no value): alone or compared with a
    /// number, perhaps negated.
    fn param_test_code() -> impl Strategy<Value = std::vec::Vec<u8>> {
        let compare = testing::comparison();
        let n_facts = i32::try_from(N_TEST_FACTS).unwrap_or(1);
        (
            0i32..3,
            0u8..3,
            2000i32..2030,
            compare,
            any::<bool>(),
            0..n_facts,
        )
            .prop_map(|(param, shape, number, compare, negated, fact)| {
                let mut code = std::vec::Vec::new();
                match shape {
                    // A parameter alone, or compared with a number …
                    0 => code.extend(Op::Param.encode(param)),
                    1 => {
                        code.extend(Op::Param.encode(param));
                        code.extend(Op::Push.encode(number));
                        code.extend(compare.encode(0));
                    }
                    // … or a fact compared with a parameter (`ålder_vid_ansökan >= riktålder`).
                    _ => {
                        code.extend(Op::Fact.encode(fact));
                        code.extend(Op::Param.encode(param));
                        code.extend(compare.encode(0));
                    }
                }
                if negated {
                    code.extend(Op::Not.encode(0));
                }
                code
            })
    }

    /// A table with two parameters whose values change on a day (the law in force), and no
    /// third.
    fn param_table() -> std::vec::Vec<u8> {
        let mut spec = TableSpec::with_insatser(&[]);
        spec.params.push((
            "lag".into(),
            std::vec![
                (testing::d("2019-01-01"), 2001),
                (testing::d("2025-07-01"), 2025)
            ],
        ));
        spec.params
            .push(("gräns".into(), std::vec![(testing::d("2020-01-01"), 2020)]));
        spec.encode()
    }

    /// A conjunction of 1 to 8 tests of facts and parameters, grouped any way.
    fn conjunction_with_params() -> impl Strategy<Value = (std::vec::Vec<u8>, usize)> {
        prop_oneof![test_code(), param_test_code()]
            .prop_map(|code| (code, 1usize))
            .prop_recursive(3, 8, 2, |inner| {
                (inner.clone(), inner).prop_map(|((mut left, n_left), (right, n_right))| {
                    left.extend(right);
                    left.extend(Op::And.encode(0));
                    (left, n_left.saturating_add(n_right))
                })
            })
    }

    /// A conjunction of 1 to 8 tests, grouped any way.
    fn conjunction_code() -> impl Strategy<Value = (std::vec::Vec<u8>, usize)> {
        test_code()
            .prop_map(|code| (code, 1usize))
            .prop_recursive(3, 8, 2, |inner| {
                (inner.clone(), inner).prop_map(|((mut left, n_left), (right, n_right))| {
                    left.extend(right);
                    left.extend(Op::And.encode(0));
                    (left, n_left.saturating_add(n_right))
                })
            })
    }

    /// Facts with small values, each known or not.
    fn facts() -> impl Strategy<Value = Facts> {
        proptest::collection::vec(proptest::option::weighted(0.7, -3i64..6), N_TEST_FACTS).prop_map(
            |values| {
                let mut facts = Facts::new();
                for (slot, value) in values.into_iter().enumerate() {
                    facts.set_opt(slot, value);
                }
                facts
            },
        )
    }

    fn stack_machine(code: &[u8], facts: &Facts) -> Truth {
        let bytes = TableSpec::with_insatser(&[]).encode();
        run_ops(&testing::decoded(&bytes), code, facts, Date::EPOCH)
    }

    #[test]
    fn a_disjunction_a_parameter_against_a_fact_and_a_negated_conjunction_stay_on_the_stack_machine()
     {
        let fact = |slot: i32| Op::Fact.encode(slot).to_vec();
        let mut or = fact(5);
        or.extend(fact(11));
        or.extend(Op::Or.encode(0));
        assert_eq!(flatten(&or), None);
        // A parameter compared with a fact the other way round (`riktålder <= ålder`).
        let mut param = Op::Param.encode(0).to_vec();
        param.extend(fact(0));
        param.extend(Op::Le.encode(0));
        assert_eq!(flatten(&param), None);
        let mut sum = fact(0);
        sum.extend(Op::Push.encode(1));
        sum.extend(Op::Add.encode(0));
        sum.extend(Op::Push.encode(3));
        sum.extend(Op::Gt.encode(0));
        assert_eq!(flatten(&sum), None);
        let mut not_and = fact(5);
        not_and.extend(fact(11));
        not_and.extend(Op::And.encode(0));
        assert!(flatten(&not_and).is_some());
        not_and.extend(Op::Not.encode(0));
        assert_eq!(flatten(&not_and), None);
        assert_eq!(flatten(&[1, 0, 0]), None);
    }

    /// `left eller right`, as code.
    fn either(mut left: std::vec::Vec<u8>, right: std::vec::Vec<u8>) -> std::vec::Vec<u8> {
        left.extend(right);
        left.extend(Op::Or.encode(0));
        left
    }

    #[test]
    fn a_choice_among_values_of_one_fact_is_one_test() {
        // `inte personkrets i [1, 2, 3]`, as the law's LSS rule reads.
        let mut code = either(
            either(
                testing::compared(4, Op::Eq, 1),
                testing::compared(4, Op::Eq, 2),
            ),
            testing::compared(4, Op::Eq, 3),
        );
        code.extend(Op::Not.encode(0));
        let tests = flatten(&code).map(|flat| flat.tests().to_vec());
        let want = FactTest {
            fact: 4,
            param: false,
            kind: TestKind::In,
            operand: 0b1110,
            against_param: false,
            negated: true,
        };
        assert_eq!(tests, Some(std::vec![want]));
        // Two facts, or a comparison other than `=`, stay on the stack machine.
        let two_facts = either(
            testing::compared(4, Op::Eq, 1),
            testing::compared(5, Op::Eq, 2),
        );
        assert_eq!(flatten(&two_facts), None);
        let above = either(
            testing::compared(4, Op::Eq, 1),
            testing::compared(4, Op::Gt, 7),
        );
        assert_eq!(flatten(&above), None);
    }

    #[test]
    fn a_conjunction_tests_its_facts_before_its_parameters() {
        // `socialtjänstlag = 2025 och ålder < 12 och inte samtycke`, as the law's rules read.
        let mut code = Op::Param.encode(0).to_vec();
        code.extend(Op::Push.encode(2025));
        code.extend(Op::Eq.encode(0));
        code.extend(Op::Fact.encode(3));
        code.extend(Op::Push.encode(12));
        code.extend(Op::Lt.encode(0));
        code.extend(Op::And.encode(0));
        code.extend(Op::Fact.encode(7));
        code.extend(Op::Not.encode(0));
        code.extend(Op::And.encode(0));
        let order: Option<std::vec::Vec<(bool, u16)>> = flatten(&code).map(|flat| {
            flat.tests()
                .iter()
                .map(|test| (test.param, test.fact))
                .collect()
        });
        assert_eq!(order, Some(std::vec![(false, 3), (false, 7), (true, 0)]));
    }

    proptest! {
        /// A conjunction that also tests parameters (a law in force from a day, a parameter with
        /// no value yet) has a flat form too, and on every day it gives what the stack machine
        /// gives.
        #[test]
        fn a_flat_conjunction_with_parameters_answers_as_the_stack_machine(
            (code, n_tests) in conjunction_with_params(),
            facts in facts(),
            day in prop_oneof![Just("2019-06-01"), Just("2025-06-30"), Just("2025-07-01")],
        ) {
            let bytes = param_table();
            let table = testing::decoded(&bytes);
            let as_of = testing::d(day);
            let flat = flatten(&code);
            prop_assert_eq!(flat.is_some(), n_tests <= MAX_FACT_TESTS);
            if let Some(flat) = flat {
                let by_day = |param: u16| table.param_value_at(i32::from(param), as_of);
                prop_assert_eq!(
                    flat.view().evaluate_with(&facts, by_day),
                    run_ops(&table, &code, &facts, as_of)
                );
            }
        }

        /// A conjunction of up to six tests always has a flat form, and it gives what the stack
        /// machine gives: the same truth and the same missing fact.
        #[test]
        fn a_flat_conjunction_answers_as_the_stack_machine(
            (code, n_tests) in conjunction_code(),
            facts in facts(),
        ) {
            let flat = flatten(&code);
            if n_tests <= MAX_FACT_TESTS {
                prop_assert!(flat.is_some(), "{n_tests} tests");
            }
            if let Some(flat) = flat {
                prop_assert_eq!(flat.tests().len(), n_tests);
                prop_assert_eq!(flat.view().evaluate(&facts), stack_machine(&code, &facts));
            }
        }

        /// A test's interval, and its values, hold exactly the values it passes, at the ends of
        /// `i64` too; a comparison with a number within `i64`'s ends always has one, and so has a
        /// yes/no fact that must be yes.
        #[test]
        fn a_test_s_interval_holds_exactly_the_values_it_passes(
            kind in prop_oneof![
                Just(TestKind::Holds),
                Just(TestKind::Eq),
                Just(TestKind::Ne),
                Just(TestKind::Lt),
                Just(TestKind::Le),
                Just(TestKind::Gt),
                Just(TestKind::Ge),
            ],
            operand in prop_oneof![Just(i64::MIN), Just(i64::MIN + 1), Just(i64::MAX - 1), Just(i64::MAX), -4i64..4],
            negated in any::<bool>(),
            value in prop_oneof![Just(i64::MIN), Just(i64::MIN + 1), Just(i64::MAX - 1), Just(i64::MAX), -5i64..5],
        ) {
            let test = FactTest {
                fact: 0,
                param: false,
                kind,
                operand,
                against_param: false,
                negated,
            };
            if let Some(values) = test.values() {
                prop_assert_eq!(values.admit(value), test.passes(value));
            }
            prop_assert_eq!(
                test.values().is_some(),
                test.interval().is_some() || (kind, negated) == (TestKind::Holds, false)
            );
            match test.interval() {
                Some((low, high)) => prop_assert_eq!((low..=high).contains(&value), test.passes(value)),
                None => prop_assert!(
                    matches!((kind, negated), (TestKind::Holds, false) | (TestKind::Ne, _) | (TestKind::Eq, true))
                        || operand == i64::MIN
                        || operand == i64::MAX,
                    "{:?}",
                    test
                ),
            }
        }

        /// The values of two: their intersection admits what both admit, and the values that
        /// hold both admit everything either does.
        #[test]
        fn values_of_two_admit_what_either_or_both_do(
            a in (-4i64..4, -4i64..4, any::<bool>()),
            b in (-4i64..4, -4i64..4, any::<bool>()),
            value in -5i64..5,
        ) {
            let a = Values { low: a.0, high: a.1, zero: a.2 };
            let b = Values { low: b.0, high: b.1, zero: b.2 };
            prop_assert_eq!(a.and(b).admit(value), a.admit(value) && b.admit(value));
            if a.admit(value) || b.admit(value) {
                prop_assert!(a.or(b).admit(value));
            }
        }

        /// A fact whose value is not among a conjunction's values of it makes the conjunction
        /// false, whatever its other tests.
        #[test]
        fn a_value_outside_a_conjunction_s_values_of_a_fact_makes_it_false(
            (code, _) in conjunction_code(),
            facts in facts(),
        ) {
            let Some(flat) = flatten(&code) else { return Ok(()) };
            for test in flat.tests() {
                let value = facts.get(usize::from(test.fact));
                if let (Some(values), Some(value)) = (flat.view().values_of(test.fact), value)
                    && !values.admit(value)
                {
                    prop_assert_eq!(flat.view().evaluate(&facts), Truth::False);
                }
            }
        }

        /// Any condition the compiler could write: when it has a flat form, the answers agree.
        #[test]
        fn any_flattened_condition_answers_as_the_stack_machine(
            code in testing::condition_code(0),
            facts in facts(),
        ) {
            if let Some(flat) = flatten(&code) {
                prop_assert_eq!(flat.view().evaluate(&facts), stack_machine(&code, &facts));
            }
        }
    }
}
