//! Reading one spreadsheet cell by its field's type.
//!
//! A cell is text; what it means comes from the contract, never from the column's name: a
//! `Bool` takes `ja`, `nej`, `true`, `false`, `1`, `0` or `x`; an `Int` may use spaces as
//! thousands separators (Swedish Excel writes `1 000`); a `Set` is its words separated by
//! commas (`hemliv, trygghet`). An empty cell is an unknown fact and is not read at all.
//! Splitting a line into cells, and which column is which field, is the reader's work.

use super::{Field, Ty, Value};
use crate::texts;

/// A ja/nej cell: `ja`, `nej`, `true`, `false`, `1`, `0` or `x`, in any case.
pub fn flag(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "ja" | "true" | "x" | "1" => Some(true),
        "nej" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A number cell without the spaces Swedish Excel writes between thousands (`1 000`).
pub fn without_spaces(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

/// The fault of a ja/nej cell that is none of the words.
pub const NOT_A_FLAG: &str = texts::SKA_VARA_JA_ELLER;

/// The value of one non-empty, trimmed cell for `field`.
///
/// # Errors
/// What is wrong, in Swedish, without repeating the cell (the column is named by the caller).
pub fn cell<T>(field: &Field<T>, text: &str) -> Result<Value, String> {
    match &field.ty {
        Ty::Bool => flag(text)
            .map(Value::Bool)
            .ok_or_else(|| NOT_A_FLAG.to_owned()),
        Ty::Int { min, max } => {
            let digits = without_spaces(text);
            match digits.parse::<i64>() {
                Ok(value) if (*min..=*max).contains(&value) => Ok(Value::Int(value)),
                _ => Err(texts::ska_vara_ett_heltal(min, max)),
            }
        }
        Ty::Const(expected) => match text.parse::<i64>() {
            Ok(value) if u64::try_from(value).ok() == Some(*expected) => Ok(Value::Int(value)),
            _ => Err(texts::DENNA_SCHEMAVERSION_STODS_INTE.to_owned()),
        },
        Ty::Date => riktlinjer_core::Date::parse(text)
            .map(Value::Date)
            .map_err(crate::texts::date_fault),
        Ty::Choice(words) => words
            .index(text)
            .map(Value::Word)
            .ok_or_else(|| words.not_one_of(text)),
        Ty::Set(words) => {
            let mut mask = 0u64;
            for item in text
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
            {
                let bit = words.index(item).ok_or_else(|| words.not_one_of(item))?;
                mask |= 1u64 << (bit % 64);
            }
            Ok(Value::Set(mask))
        }
        Ty::Text | Ty::Id { .. } => Ok(Value::text(text)),
        Ty::Decimal => {
            let digits = without_spaces(text);
            match super::thousandths(&digits) {
                Some(thousandths) if thousandths >= 0 => Ok(Value::Decimal(thousandths)),
                _ => Err(texts::SKA_VARA_ETT_TAL_FRAN.to_owned()),
            }
        }
        Ty::Object(_) | Ty::List(..) | Ty::Raw(_) => Err(texts::KAN_INTE_SKRIVAS_I.to_owned()),
    }
}
