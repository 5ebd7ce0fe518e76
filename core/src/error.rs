//! The core's errors: one small `Copy` enum per operation, with a Swedish `Display`.
//!
//! Each variant carries the one fact an operator needs to find the fault.
//! Errors of date parsing live with the dates (`DateError`).

use core::fmt;

use crate::texts;

/// Why bytes are not a valid compiled table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Fewer bytes than the header needs.
    Truncated {
        /// The number of bytes given.
        len: usize,
    },
    /// The first four bytes are not `RKLJ`: this is not a compiled table.
    BadMagic,
    /// The table is of another format version than this core reads.
    UnsupportedFormat {
        /// The version in the table.
        found: u16,
    },
    /// The payload's SHA-256 differs from the content hash in the header: the bytes were changed.
    HashMismatch,
    /// The payload could not be read (cut short, or a value out of range or over a capacity).
    Malformed,
    /// Bytes follow the payload.
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// Two insatser have the same id.
    DuplicateInsats {
        /// The index of the second.
        insats: u16,
    },
    /// An insats's rule range does not match the rules grouped under it.
    BadRuleRange {
        /// The index of the insats.
        insats: u16,
    },
    /// A parameter's values are not in increasing order of day.
    BadParam {
        /// The index of the parameter.
        param: u16,
    },
    /// A rule's condition code is out of bounds or malformed.
    BadCode {
        /// The index of the rule.
        rule: u16,
    },
    /// An insats could give more reasons than an evaluation has room for.
    TooManyReasons {
        /// The index of the insats.
        insats: u16,
    },
    /// A kind of skyddsåtgärd has an empty, too long or repeated id.
    BadAtgard {
        /// The index of the kind.
        atgard: u16,
    },
    /// A rule about skyddsåtgärder names a kind that does not exist, or its condition code is
    /// out of bounds or malformed.
    BadAtgardRule {
        /// The index of the rule.
        rule: u16,
    },
    /// A kind of skyddsåtgärd could give more reasons than an evaluation has room for.
    TooManyAtgardReasons {
        /// The index of the kind, or `None` for a kind the riktlinje does not declare (only
        /// the rules for every kind apply to it).
        atgard: Option<u16>,
    },
    /// A schablon component of an insats is out of place, names a component outside its
    /// insats, or its code is out of bounds or malformed.
    BadComponent {
        /// The index of the insats.
        insats: u16,
    },
    /// A property of an insats is out of place or its code is out of bounds or malformed.
    BadProperty {
        /// The index of the insats.
        insats: u16,
    },
    /// A number in the table's number pool has a zero or negative denominator.
    BadNumber,
    /// A list of the table holds more than this build of the core has room for: the table was
    /// compiled where the core holds more (a 64-bit host holds more than a 32-bit target).
    TooLarge {
        /// Which list, as the field of the payload it is (1 the insatser, 3 the rules, and so
        /// on in the order of [`crate::RawTable`]'s fields).
        part: u8,
        /// How many items of it this build holds.
        capacity: u32,
    },
    /// A declared fact has an empty or repeated name, words out of bounds, or a built-in
    /// fact of the wrong kind or declared twice.
    BadFact {
        /// The slot of the fact.
        slot: u16,
    },
}

/// Why a table could not be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// The buffer is too small for the table.
    BufferTooSmall,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        texts::write_decode_error(self, f)
    }
}

impl core::error::Error for DecodeError {}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        texts::write_encode_error(self, f)
    }
}

impl core::error::Error for EncodeError {}

/// Why a case could not be evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvaluateError {
    /// An insats gave more reasons than an evaluation has room for; unreachable, since
    /// [`Table::decode`](crate::Table::decode) bounds the reasons per insats.
    TooManyReasons,
    /// More applications than an evaluation has room for.
    TooManyAnsokningar,
    /// More frister than an evaluation has room for; unreachable for a [`crate::Case`], whose
    /// bounds [`crate::limits::MAX_FRISTER`] covers.
    TooManyFrister,
    /// A skyddsåtgärd gave more reasons, or a case more skyddsåtgärder, than an evaluation has
    /// room for; unreachable, since [`Table::decode`](crate::Table::decode) bounds the reasons
    /// per kind and a [`crate::Case`]'s skyddsåtgärder fit an evaluation.
    TooManyAtgardReasons,
    /// The case has no ansökan with the index asked about (or no room to change one).
    NoSuchAnsokan,
}

impl fmt::Display for EvaluateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        texts::write_evaluate_error(self, f)
    }
}

impl core::error::Error for EvaluateError {}
