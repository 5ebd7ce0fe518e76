//! The insatser a case applies for, checked against the riktlinje version chosen to pröva it.
//!
//! A case sent to `riktlinjer eval` or `POST /v1/evaluate` is for that riktlinje: an insats it
//! does not describe is a misspelling or a mapping slip, so it is refused with the JSON pointer
//! of the field and the nearest insats the riktlinje knows, never prövad silently as
//! *kräver individuell bedömning*.
//! An omprövning under two versions reads its beslut leniently instead: there an insats one
//! version does not know is no fault of the case, and its prövning says so (`okand_insats`).
//! This module holds that one check; reading the case is `case`'s, and evaluating it the core's.

use riktlinjer_compiler::names;
use riktlinjer_core::Table;

use crate::case::CaseInput;
use crate::contract::InputError;
use crate::texts;

/// Checks that `table` describes the insats of every ansökan in `input`.
///
/// # Errors
/// An [`InputError`] at `/ansokningar/<n>/insats` for the first ansökan whose insats the
/// riktlinje does not describe, with the nearest id it does (“menade du …?”). The id sent is
/// not repeated: a mapping slip could have put a personnummer in its place.
pub fn check_known(table: &Table<'_>, input: &CaseInput) -> Result<(), InputError> {
    for (index, ansokan) in input.case.ansokningar.iter().enumerate() {
        if table.insats_index(&ansokan.insats).is_some() {
            continue;
        }
        let mut message = texts::riktlinjen_beskriver_ingen_insats(table.meta().riktlinje_id);
        let ids = table.insatser().iter().map(|insats| insats.id);
        match names::suggest(&ansokan.insats, ids) {
            Some(suggestion) => message.push_str(&texts::menade_du(suggestion)),
            None => message.push_str(texts::ANSOKAN_OM_EN_INSATS),
        }
        return Err(InputError {
            pointer: format!("/ansokningar/{index}/insats"),
            column: None,
            message,
            syntax: false,
        });
    }
    Ok(())
}
