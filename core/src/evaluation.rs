//! The evaluation: what the engine answers for a case, with its reasons.
//!
//! An [`Evaluation`] names the table that produced it (riktlinje id and content hash), the day
//! of prövning, and for each application the outcome, the omfattning the riktlinje sets, and the
//! reasons in order.
//! A reason points into the table (rule id, lagrum, section and text live there) and carries a
//! [`MessageId`] for the engine's own words, which the adapter renders in Swedish.
//! A *beslut* is the legal decision inside the case; the engine never makes one.

use heapless::Vec;
use serde::Serialize;

use crate::case::FactId;
use crate::date::Date;
use crate::limits::{MAX_ANSOKNINGAR, MAX_REASONS_PER_INSATS};
use crate::table::Outcome;

/// The engine's answer for one case on one day under one table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evaluation<'t> {
    /// The id of the riktlinje version that produced it.
    pub riktlinje_id: &'t str,
    /// The content hash of that table.
    pub content_hash: [u8; 32],
    /// The day of prövning.
    pub as_of: Date,
    /// One entry per application, in the case's order.
    pub provningar: Vec<InsatsEvaluation, MAX_ANSOKNINGAR>,
}

/// The outcome for one application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InsatsEvaluation {
    /// The application's index in the case.
    pub ansokan_idx: u8,
    /// The insats's index in the table, or `None` when the riktlinje does not describe it.
    pub insats_idx: Option<u8>,
    /// The outcome.
    pub outcome: Outcome,
    /// The omfattning the deciding rule sets, in the insats's unit.
    pub omfattning: Option<u32>,
    /// The reasons, in the order the rules were tried.
    pub reasons: Vec<Reason, MAX_REASONS_PER_INSATS>,
}

/// One reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What the reason says.
    pub message: MessageId,
    /// The rule it comes from (index into the table's rules), if any.
    pub rule_idx: Option<u16>,
    /// The fact it concerns, if any.
    pub fact: Option<FactId>,
}

/// The engine's own messages; the adapter holds their Swedish texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum MessageId {
    /// The rule's condition holds; its own text is the reason.
    RegelUppfylld,
    /// A fact the rule needs is missing, so the riktlinje cannot decide.
    UppgiftSaknas,
    /// A rule by which the law would bar the insats could not be tried for a missing fact.
    LagenHindrarKanInteUteslutas,
    /// No rule applies; the insats's `annars` outcome holds.
    IngenRegelPassar,
    /// The riktlinje does not describe the insats applied for.
    OkandInsats,
}
