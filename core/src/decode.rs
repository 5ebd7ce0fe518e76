//! The validating decoder: bytes → [`Table`], checking every reference once.
//!
//! After [`Table::decode`] returns `Ok`, no accessor or evaluation step can index out of
//! bounds, read a fact that does not exist, or overflow its stack: the evaluator still uses
//! `get()` everywhere, but its fallbacks are unreachable for a decoded table.
//! This module holds no evaluation and no wire types.

use crate::case::FactId;
use crate::error::DecodeError;
use crate::hash::sha256;
use crate::limits::{MAX_INSATS_ID_LEN, MAX_REASONS_PER_INSATS, MAX_RULE_OPS, MAX_STACK};
use crate::table::{FORMAT_VERSION, HEADER_LEN, MAGIC, OP_SIZE, Op, RuleKind, Table};

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
        Ok(table)
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
