//! The validating decoder: bytes → [`Table`], checking every reference once.
//!
//! After [`Table::decode`] returns `Ok`, no accessor or evaluation step can index out of
//! bounds, read a fact that does not exist, or overflow its stack: the evaluator still uses
//! `get()` everywhere, but its fallbacks are unreachable for a decoded table.
//! It also reads each rule's condition into its flat form when it has one ([`crate::flat`]).
//! This module holds no evaluation and no wire types.

use crate::case::FactId;
use crate::error::DecodeError;
use crate::flat::{Conjunction, FactTest, FlatConditions, TestKind};
use crate::hash::sha256;
use crate::limits::{
    MAX_INSATS_ID_LEN, MAX_REASONS_PER_ATGARD, MAX_REASONS_PER_INSATS, MAX_RULE_OPS, MAX_STACK,
};
use crate::table::{
    ALLA_ATGARDER, AtgardRuleKind, FORMAT_VERSION, HEADER_LEN, MAGIC, OP_SIZE, Op, RuleKind, Table,
};

impl<'a> Table<'a> {
    /// Reads and validates a compiled table, borrowing its texts from `bytes`.
    ///
    /// # Errors
    /// A [`DecodeError`] naming the first fault: a short or foreign file, another format
    /// version, a changed byte (content hash), or a reference that points nowhere.
    pub fn decode(bytes: &'a [u8]) -> Result<Table<'a>, DecodeError> {
        let (header, payload) = bytes
            .split_at_checked(HEADER_LEN)
            .ok_or(DecodeError::Truncated { len: bytes.len() })?;
        let (magic, rest) = header.split_at_checked(4).ok_or(DecodeError::BadMagic)?;
        if magic != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let (version, stored_hash) = rest.split_at_checked(2).ok_or(DecodeError::BadMagic)?;
        let found = match version {
            [low, high] => u16::from_le_bytes([*low, *high]),
            _ => return Err(DecodeError::BadMagic),
        };
        if found != FORMAT_VERSION {
            return Err(DecodeError::UnsupportedFormat { found });
        }
        let hash = sha256(payload);
        if stored_hash != hash {
            return Err(DecodeError::HashMismatch);
        }
        let (mut table, trailing) =
            postcard::take_from_bytes::<Table<'a>>(payload).map_err(|_| DecodeError::Malformed)?;
        if !trailing.is_empty() {
            return Err(DecodeError::TrailingBytes {
                count: trailing.len(),
            });
        }
        table.content_hash = hash;
        table.validate()?;
        table.flatten_conditions();
        Ok(table)
    }

    /// Derives the flat form of every rule's condition that has one (see [`crate::flat`]).
    fn flatten_conditions(&mut self) {
        let mut flat = heapless::Vec::new();
        for rule in &self.rules {
            let start = usize::try_from(rule.code_start).unwrap_or(usize::MAX);
            let len = usize::try_from(rule.code_len).unwrap_or(usize::MAX);
            let conjunction = self
                .code
                .get(start..start.saturating_add(len))
                .and_then(flatten);
            // As many as the rules, which are at most `MAX_RULES`.
            let _ = flat.push(conjunction);
        }
        self.flat = FlatConditions(flat);
    }

    fn validate(&self) -> Result<(), DecodeError> {
        let mut next_rule = 0usize;
        for (insats_idx, insats) in self.insatser.iter().enumerate() {
            let index = u16::try_from(insats_idx).unwrap_or(u16::MAX);
            if insats.id.is_empty() || insats.id.len() > MAX_INSATS_ID_LEN {
                return Err(DecodeError::BadRuleRange { insats: index });
            }
            if self
                .insatser
                .iter()
                .take(insats_idx)
                .any(|earlier| earlier.id == insats.id)
            {
                return Err(DecodeError::DuplicateInsats { insats: index });
            }
            if usize::from(insats.first_rule) != next_rule {
                return Err(DecodeError::BadRuleRange { insats: index });
            }
            let rules = self
                .rules
                .get(next_rule..next_rule.saturating_add(usize::from(insats.n_rules)))
                .ok_or(DecodeError::BadRuleRange { insats: index })?;
            if rules
                .iter()
                .any(|rule| usize::from(rule.insats) != insats_idx)
            {
                return Err(DecodeError::BadRuleRange { insats: index });
            }
            let n_listing = rules
                .iter()
                .filter(|rule| matches!(rule.utfall, RuleKind::LagenHindrar | RuleKind::Upplysning))
                .count();
            if n_listing.saturating_add(2) > MAX_REASONS_PER_INSATS {
                return Err(DecodeError::TooManyReasons { insats: index });
            }
            next_rule = next_rule.saturating_add(rules.len());
        }
        if next_rule != self.rules.len() {
            return Err(DecodeError::BadRuleRange {
                insats: u16::try_from(self.insatser.len()).unwrap_or(u16::MAX),
            });
        }
        for (param_idx, param) in self.params.iter().enumerate() {
            let increasing = param
                .values
                .iter()
                .zip(param.values.iter().skip(1))
                .all(|((earlier, _), (later, _))| earlier < later);
            if !increasing {
                return Err(DecodeError::BadParam {
                    param: u16::try_from(param_idx).unwrap_or(u16::MAX),
                });
            }
        }
        for (rule_idx, rule) in self.rules.iter().enumerate() {
            let bad = DecodeError::BadCode {
                rule: u16::try_from(rule_idx).unwrap_or(u16::MAX),
            };
            let start = usize::try_from(rule.code_start).map_err(|_| bad)?;
            let len = usize::try_from(rule.code_len).map_err(|_| bad)?;
            let code = self
                .code
                .get(start..start.checked_add(len).ok_or(bad)?)
                .ok_or(bad)?;
            check_code(code, self.params.len()).map_err(|()| bad)?;
        }
        self.validate_atgarder()
    }

    fn validate_atgarder(&self) -> Result<(), DecodeError> {
        for (atgard_idx, atgard) in self.atgarder.iter().enumerate() {
            let bad = DecodeError::BadAtgard {
                atgard: u16::try_from(atgard_idx).unwrap_or(u16::MAX),
            };
            let repeated = self
                .atgarder
                .iter()
                .take(atgard_idx)
                .any(|earlier| earlier.id == atgard.id);
            if atgard.id.is_empty() || atgard.id.len() > MAX_INSATS_ID_LEN || repeated {
                return Err(bad);
            }
        }
        // Bits for kinds that exist: a mask never names a kind past the declared ones.
        let declared = u32::try_from(self.atgarder.len())
            .ok()
            .and_then(|n| 1u32.checked_shl(n))
            .map_or(u32::MAX, |bit| bit.wrapping_sub(1));
        for (rule_idx, rule) in self.atgard_rules.iter().enumerate() {
            let bad = DecodeError::BadAtgardRule {
                rule: u16::try_from(rule_idx).unwrap_or(u16::MAX),
            };
            let names_kinds = rule.atgarder == ALLA_ATGARDER
                || (rule.atgarder != 0 && rule.atgarder & !declared == 0);
            if !names_kinds {
                return Err(bad);
            }
            let start = usize::try_from(rule.code_start).map_err(|_| bad)?;
            let len = usize::try_from(rule.code_len).map_err(|_| bad)?;
            let code = self
                .code
                .get(start..start.checked_add(len).ok_or(bad)?)
                .ok_or(bad)?;
            check_code(code, self.params.len()).map_err(|()| bad)?;
        }
        // Every kind, and a kind the riktlinje does not declare, fits its reasons.
        let kinds = (0..self.atgarder.len())
            .map(Some)
            .chain(core::iter::once(None));
        for atgard_idx in kinds {
            let n_listing = self
                .atgard_rules_of(atgard_idx)
                .filter(|(_, rule)| rule.utfall != AtgardRuleKind::TillatenMedSamtycke)
                .count();
            if n_listing.saturating_add(4) > MAX_REASONS_PER_ATGARD {
                return Err(DecodeError::TooManyAtgardReasons {
                    atgard: atgard_idx
                        .and_then(|index| u16::try_from(index).ok())
                        .unwrap_or(u16::MAX),
                });
            }
        }
        Ok(())
    }
}

/// Checks that `code` is whole instructions with valid operands that leave exactly one value on
/// a stack never deeper than [`MAX_STACK`].
fn check_code(code: &[u8], n_params: usize) -> Result<(), ()> {
    if code.is_empty() || !code.len().is_multiple_of(OP_SIZE) || code.len() / OP_SIZE > MAX_RULE_OPS
    {
        return Err(());
    }
    let mut depth = 0usize;
    for instruction in code.chunks_exact(OP_SIZE) {
        let [opcode, a, b, c, d] = *instruction else {
            return Err(());
        };
        let op = Op::from_byte(opcode).ok_or(())?;
        let operand = i32::from_le_bytes([a, b, c, d]);
        let valid_operand = match op {
            Op::Fact => u8::try_from(operand)
                .ok()
                .and_then(FactId::from_index)
                .is_some(),
            Op::Param => usize::try_from(operand).is_ok_and(|index| index < n_params),
            Op::Contains => (0..16).contains(&operand),
            _ => true,
        };
        if !valid_operand {
            return Err(());
        }
        let (pops, pushes) = op.pops_and_pushes();
        depth = depth.checked_sub(pops).ok_or(())?.saturating_add(pushes);
        if depth > MAX_STACK {
            return Err(());
        }
    }
    if depth == 1 { Ok(()) } else { Err(()) }
}

/// A value on the stack while the code is read.
#[derive(Clone, Copy)]
enum Symbol {
    /// A fact's value as it is.
    Fact(u8),
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
                kind: TestKind::Holds,
                operand: 0,
                negated: false,
            })),
            Symbol::Tests(tests) => Some(tests),
            Symbol::Number(_) => None,
        }
    }
}

/// The flat form of condition `code`, or `None` when it is not a conjunction of fact tests
/// (a disjunction, a parameter, a negated conjunction, more than
/// [`MAX_FACT_TESTS`](crate::flat::MAX_FACT_TESTS) tests, or code that is not well formed).
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
                let fact = u8::try_from(operand).ok()?;
                FactId::from_index(fact)?;
                Symbol::Fact(fact)
            }
            Op::Param | Op::Or => return None,
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
                if !(0..32).contains(&operand) {
                    return None;
                }
                Symbol::Tests(Conjunction::one(FactTest {
                    fact,
                    kind: TestKind::Contains,
                    operand,
                    negated: false,
                }))
            }
            Op::And => {
                let right = stack.pop()?.as_tests()?;
                let left = stack.pop()?.as_tests()?;
                Symbol::Tests(left.and(&right)?)
            }
            op @ (Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge) => {
                let (Symbol::Number(number), Symbol::Fact(fact)) = (stack.pop()?, stack.pop()?)
                else {
                    return None;
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
                    kind,
                    operand: number,
                    negated: false,
                }))
            }
        };
        stack.push(symbol).ok()?;
    }
    match stack.as_slice() {
        [symbol] => symbol.as_tests(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TableSpec};
    use proptest::prelude::*;

    /// `payload` behind a header with the right magic, version and hash.
    fn with_header(payload: &[u8]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend(FORMAT_VERSION.to_le_bytes());
        bytes.extend(sha256(payload));
        bytes.extend(payload);
        bytes
    }

    fn check(bytes: &[u8], want: Result<(), DecodeError>) {
        assert_eq!(Table::decode(bytes).map(|_| ()), want);
    }

    fn payload(bytes: &[u8]) -> &[u8] {
        bytes.get(HEADER_LEN..).unwrap_or(&[])
    }

    fn cut(bytes: &[u8], len: usize) -> &[u8] {
        bytes.get(..len).unwrap_or(bytes)
    }

    /// `bytes` with byte `at` changed by `xor`.
    fn flipped(bytes: &[u8], at: usize, xor: u8) -> Vec<u8> {
        let mut out = bytes.to_vec();
        if let Some(byte) = out.get_mut(at) {
            *byte ^= xor;
        }
        out
    }

    fn set_n_rules(spec: &mut TableSpec, n_rules: u16) {
        for insats in &mut spec.insatser {
            insats.n_rules = n_rules;
        }
    }

    #[test]
    fn header_faults() {
        let spec = TableSpec::with_insatser(&[("hemtjanst", crate::table::Lag::SoL)]);
        let bytes = spec.encode();
        check(&bytes, Ok(()));
        check(cut(&bytes, 10), Err(DecodeError::Truncated { len: 10 }));
        check(&flipped(&bytes, 0, 1), Err(DecodeError::BadMagic));
        let [version, _] = FORMAT_VERSION.to_le_bytes();
        check(
            &flipped(&bytes, 4, version ^ 9),
            Err(DecodeError::UnsupportedFormat { found: 9 }),
        );
        let mut bad = bytes.clone();
        bad.push(0);
        check(&bad, Err(DecodeError::HashMismatch));
        let mut trailing = payload(&bytes).to_vec();
        trailing.extend([1, 2, 3]);
        check(
            &with_header(&trailing),
            Err(DecodeError::TrailingBytes { count: 3 }),
        );
        check(&with_header(&[]), Err(DecodeError::Malformed));
    }

    #[test]
    fn reference_faults() {
        let spec = TableSpec::with_insatser(&[
            ("hemtjanst", crate::table::Lag::SoL),
            ("hemtjanst", crate::table::Lag::SoL),
        ]);
        check(
            &spec.encode(),
            Err(DecodeError::DuplicateInsats { insats: 1 }),
        );
        let mut spec = TableSpec::with_insatser(&[("hemtjanst", crate::table::Lag::SoL)]);
        set_n_rules(&mut spec, 1);
        check(&spec.encode(), Err(DecodeError::BadRuleRange { insats: 0 }));
        let day = crate::date::Date::EPOCH;
        set_n_rules(&mut spec, 0);
        spec.params
            .push(("riktålder".into(), vec![(day, 66), (day, 67)]));
        check(&spec.encode(), Err(DecodeError::BadParam { param: 0 }));
    }

    proptest! {
        /// A valid table survives encoding and decoding unchanged, and its content hash is the
        /// SHA-256 of its payload.
        #[test]
        fn encode_then_decode_is_the_identity(spec in testing::table_spec()) {
            let bytes = spec.encode();
            let decoded = Table::decode(&bytes);
            prop_assert!(decoded.is_ok(), "{:?}", decoded);
            let Ok(decoded) = decoded else { return Ok(()) };
            let mut want = spec.table();
            want.content_hash = sha256(payload(&bytes));
            prop_assert_eq!(decoded, want);
        }

        /// Any bytes: `Ok` or `Err`, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Table::decode(&bytes);
        }

        /// Any payload behind a valid header reaches the payload decoder and the checks.
        #[test]
        fn arbitrary_payloads_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Table::decode(&with_header(&payload));
        }

        /// A valid payload with one byte changed and the hash made to match: the references
        /// are checked, never trusted.
        #[test]
        fn damaged_payloads_never_panic(
            spec in testing::table_spec(),
            at in any::<prop::sample::Index>(),
            xor in 1u8..,
        ) {
            let bytes = spec.encode();
            let payload = payload(&bytes);
            let damaged = flipped(payload, at.index(payload.len()), xor);
            let _ = Table::decode(&with_header(&damaged));
        }
    }

    proptest! {
        // Each case decodes every prefix of a table: fewer cases keep the run short.
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// One byte flipped anywhere, or the bytes cut anywhere: always `Err`.
        #[test]
        fn flipped_or_truncated_tables_are_rejected(
            spec in testing::table_spec(),
            at in any::<prop::sample::Index>(),
            xor in 1u8..,
        ) {
            let bytes = spec.encode();
            let at = at.index(bytes.len());
            prop_assert!(Table::decode(&flipped(&bytes, at, xor)).is_err(), "byte {} ^ {}", at, xor);
            for len in 0..bytes.len() {
                prop_assert!(Table::decode(cut(&bytes, len)).is_err(), "cut at {}", len);
            }
        }
    }
}
