//! The rule-language compiler of riktlinjer: a riktlinje's Markdown source in, the core's
//! checked table bytes and every diagnostic out.
//!
//! A riktlinje is the document the nämnd adopts, with its rules in fenced blocks beside the
//! prose they encode (`rules/README.md` teaches the language).
//! [`source`] reads the Markdown into blocks with byte spans; [`compile()`] resolves names,
//! checks types and units, emits the condition code, encodes the table, decodes it again
//! through the core's validating decoder and runs the static checks and the riktlinje's own
//! rule tests on that decoded table; [`diagnostic`] holds what it finds as data (file, line,
//! column, a stable code and a Swedish message) and renders it for people.
//!
//! This crate owns the words of the rule language and their mapping to the core's values
//! ([`names`]). It knows nothing of case files, HTTP, the terminal or exit codes, and it
//! evaluates nothing itself: the static checks and rule tests call the core.

pub mod compile;
pub mod diagnostic;
pub mod source;
mod texts;

pub use compile::{Compiled, Identity, RuleTestResult, Ty, compile, expr, names};
pub use diagnostic::{Code, Diagnostic, Located, Severity, Span};
