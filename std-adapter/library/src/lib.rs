//! The library of riktlinjer: everything between compiled riktlinjer and the people and systems
//! that use them, with no terminal, no HTTP and no process exit codes.
//!
//! - [`store`]: every version of a kommun's riktlinje with its giltighet, and the one in force
//!   on a day; [`grund`]: the versions of the national baseline under it, and a riktlinje under
//!   the law of another day;
//! - [`case`]: cases as case systems send them (JSON, JSON Lines, CSV, HTTP bodies), declared
//!   once and read one way by [`contract`], with the JSON pointer or CSV column of any fault;
//! - [`render`], [`answer`] and [`texts`]: evaluations for people (Swedish prose) and for
//!   programs (the typed JSON answer, which also describes itself in the OpenAPI document), and
//!   every word the engine adds to a riktlinje's own;
//! - [`frist`]: the frister a handläggare asks about on their own (överklagande, IVO);
//! - [`diff`], [`batch`] and [`report`]: what a revision changes, the omprövning of every
//!   existing beslut, and the reports a nämnd files (IVO, the impact report);
//! - [`insats`]: the insatser a case applies for, checked against the version chosen;
//! - [`generate`]: a synthetic population for tests and benches, and [`scaled`]: a riktlinje
//!   several times the size of a real one, for benches;
//! - [`io`] and [`time`]: Swedish words for I/O faults, and today in Swedish civil time.
//!
//! Rules are evaluated only by `riktlinjer_core`, and riktlinjer are compiled only by
//! `riktlinjer_compiler`; nothing here re-implements either.
//! Functions return typed errors and summaries; the CLI crate alone turns them into exit codes.

pub mod answer;
pub mod batch;
pub mod case;
pub mod contract;
pub mod diff;
pub mod frist;
pub mod generate;
pub mod grund;
pub mod insats;
pub mod io;
pub mod publish;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod scaled;
pub mod store;
#[cfg(test)]
mod testing;
pub mod texts;
pub mod time;
