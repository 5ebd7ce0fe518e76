//! The std adapter of riktlinjer: riktlinje sources in, compiled tables, evaluations and reports out.
//!
//! `source` reads a riktlinje's Markdown, `compile` checks it and emits the core's table,
//! `store` keeps every version of a kommun's riktlinje with its giltighet, `case_input` reads
//! cases as case systems send them, `render` gives evaluations to people (Swedish text) and to
//! programs (JSON), and `cli` ties them to the `riktlinjer` command.
//! Rules are evaluated only by `riktlinjer_core`; nothing here re-implements one.

pub mod audit;
pub mod batch;
pub mod case_fast;
pub mod case_input;
pub mod case_stream;
pub mod cli;
pub mod compile;
pub mod diagnostic;
pub mod diff;
pub mod frist_cli;
pub mod generate;
pub mod http;
pub mod render;
pub mod report;
pub mod source;
pub mod store;
pub mod texts;
