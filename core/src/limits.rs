//! Every capacity of the core, as one documented constant each.
//!
//! The core never allocates, so every collection is a `heapless::Vec` of one of these sizes.
//! The compiler in the std adapter checks a riktlinje against them and reports a diagnostic
//! before a table that does not fit is ever written, so "capacity exceeded" errors in the core
//! are reachable only with hand-made or corrupted tables.
//! This module holds numbers only; what they bound is documented where each is used.

/// Insatser one riktlinje can describe (LSS has ten, a full SoL riktlinje some twenty more).
pub const MAX_INSATSER: usize = 48;

/// Rules in one riktlinje, over all insatser.
pub const MAX_RULES: usize = 320;

/// Named parameters (such as `riktålder`) in one riktlinje.
pub const MAX_PARAMS: usize = 16;

/// Dated values of one parameter (`66 från 2023-01-01, 67 från 2026-01-01` is two).
pub const MAX_PARAM_VALUES: usize = 8;

/// Bytes of condition code in one table (one instruction is [`crate::table::OP_SIZE`] bytes).
pub const MAX_CODE_BYTES: usize = 32_768;

/// Instructions in one rule's condition.
pub const MAX_RULE_OPS: usize = 256;

/// Depth of the evaluation stack a condition may need.
pub const MAX_STACK: usize = 16;

/// Applications (ansökningar) prövade in one case.
pub const MAX_ANSOKNINGAR: usize = 8;

/// Existing decisions (beslut) carried by one case.
pub const MAX_BESLUT: usize = 16;

/// Reasons given for one insats: every `lagen_hindrar` and `upplysning` rule that can hold,
/// plus the deciding reason and one for a missing fact.
pub const MAX_REASONS_PER_INSATS: usize = 16;

/// Frister reported in one evaluation (a handful per beslut).
pub const MAX_FRISTER: usize = 48;

/// Bytes in an insats id such as `bostad_sarskild_service_vuxna`.
pub const MAX_INSATS_ID_LEN: usize = 40;

/// Bytes in any text of a table (names, lagrum, reason texts).
pub const MAX_TEXT_LEN: usize = 2_000;
