//! The evaluation: what the engine answers for a case, with its reasons.
//!
//! An [`Evaluation`] names the table that produced it (riktlinje id and content hash), the day
//! of prövning, for each application the outcome, the omfattning the riktlinje sets, and the
//! reasons in order, the frister of the case with their last days and status, and for each
//! skyddsåtgärd its outcome with its reasons.
//! A reason points into the table (rule id, lagrum, section and text live there) and carries a
//! [`MessageId`] for the engine's own words, which the adapter renders in Swedish.
//! A frist carries its [`Lagrum`], whose citation is written here, next to the law it names.
//! A *beslut* is the legal decision inside the case; the engine never makes one.
//! This module holds the types only: `evaluate` fills them in.

use core::fmt;

use heapless::Vec;
use serde::Serialize;

use crate::case::Facts;
use crate::date::Date;
use crate::decode::InsatsIdx;
use crate::frist::FristStatus;
use crate::holidays::DayKind;
use crate::limits::{
    MAX_ANSOKNINGAR, MAX_FRISTER, MAX_PROVNING_REASONS, MAX_REASONS_PER_ATGARD, MAX_SKYDDSATGARDER,
};
use crate::table::Outcome;
use crate::texts;

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
    /// The frister of the case on the day of prövning: for each beslut in the case's order, then
    /// for each ansökan, then for the barnärende, then for each skyddsåtgärd, then for the
    /// skyddat boende.
    pub frister: Vec<Frist, MAX_FRISTER>,
    /// One entry per skyddsåtgärd, in the case's order.
    pub skyddsatgarder: Vec<SkyddsatgardEvaluation, MAX_SKYDDSATGARDER>,
    /// The facts of the prövning under way: a buffer [`crate::evaluate_into`] reuses, so that
    /// no call fills the table's fact slots anew. Not part of the answer.
    #[serde(skip)]
    pub(crate) scratch: Scratch,
}

/// The evaluator's reused facts buffer inside an [`Evaluation`]: never compared, shown or
/// written.
#[derive(Clone, Default)]
pub(crate) struct Scratch(pub(crate) Facts);

impl PartialEq for Scratch {
    fn eq(&self, _: &Scratch) -> bool {
        true
    }
}

impl Eq for Scratch {}

impl fmt::Debug for Scratch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scratch")
    }
}

impl<'t> Evaluation<'t> {
    /// An evaluation with no table, day or results: the caller-owned buffer that
    /// [`crate::evaluate_into`] fills in place, so a loop over many cases reuses one
    /// evaluation instead of moving a new one (several kilobytes) out of every call.
    pub const fn empty() -> Evaluation<'t> {
        Evaluation {
            riktlinje_id: "",
            content_hash: [0; 32],
            as_of: Date::EPOCH,
            provningar: Vec::new(),
            frister: Vec::new(),
            skyddsatgarder: Vec::new(),
            scratch: Scratch(Facts::new()),
        }
    }
}

/// The outcome for one skyddsåtgärd.
///
/// Its reasons point into [`crate::Table::atgard_rules`] (not into the insatser's rules).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkyddsatgardEvaluation {
    /// The skyddsåtgärd's index in the case.
    pub skyddsatgard_idx: u8,
    /// The kind's index in [`crate::Table::atgarder`], or `None` when the riktlinje does not
    /// declare it.
    pub atgard_idx: Option<u8>,
    /// The outcome.
    pub outcome: AtgardOutcome,
    /// The reasons: every rule that holds, in the order the rules were tried.
    pub reasons: Vec<Reason, MAX_REASONS_PER_ATGARD>,
}

/// The outcome for one skyddsåtgärd.
///
/// There is no "tillåten" without the person's own samtycke: the evaluator checks the samtycke
/// itself before it gives [`AtgardOutcome::TillatenMedSamtycke`], whatever the riktlinje says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum AtgardOutcome {
    /// Tillåten med den enskildes samtycke, and the kommun's rutin is followed.
    TillatenMedSamtycke,
    /// Ej tillåten: there is no lagstöd for it (RF 2 kap. 6 och 8 §§).
    EjTillaten,
    /// The kommun's rutin is not followed; each missing step is a reason of its own.
    RutinEjFoljd,
    /// Kräver juridisk bedömning: the riktlinje cannot decide (nödrätt, a missing fact, a kind
    /// it does not declare).
    KraverJuridiskBedomning,
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
    /// The omfattning the deciding rule sets, or else the computed one when the outcome is
    /// uppfyller, in thousandths of the insats's unit (7,3 timmar per månad is 7 300).
    pub omfattning: Option<i64>,
    /// The omfattning the insats's schablon components compute for this case, rounded to the
    /// insats's decimals, in thousandths of its unit; `None` when the insats has no components
    /// or the computation could not be made (a reason says why).
    pub beraknad: Option<i64>,
    /// The reasons, in the order the rules were tried, then (for an outcome other than
    /// uppfyller) every further norm the ansökan does not meet and every further missing fact,
    /// in the riktlinje's order.
    pub reasons: Vec<Reason, MAX_PROVNING_REASONS>,
    /// How many of `reasons`, at their end, are the further reasons of a full motivering
    /// (further unmet norms and missing facts), beside those the outcome rests on.
    pub n_further: u8,
    /// Further reasons that did not fit in `reasons` (see
    /// [`MAX_FURTHER_REASONS`](crate::limits::MAX_FURTHER_REASONS)).
    pub omitted: u8,
}

impl InsatsEvaluation {
    /// The prövning of the insats with index `insats_idx` (`None` for an insats the riktlinje
    /// does not have) before any rule has run: no reasons yet, so it needs an individual
    /// assessment.
    pub(crate) fn of(insats_idx: Option<InsatsIdx>) -> InsatsEvaluation {
        InsatsEvaluation {
            ansokan_idx: 0,
            insats_idx: insats_idx.and_then(|insats_idx| u8::try_from(insats_idx.index()).ok()),
            outcome: Outcome::KraverIndividuellBedomning,
            omfattning: None,
            beraknad: None,
            reasons: Vec::new(),
            n_further: 0,
            omitted: 0,
        }
    }
}

/// One reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What the reason says.
    pub message: MessageId,
    /// What part the reason plays in the outcome.
    pub role: Role,
    /// The rule it comes from (index into the table's rules), if any.
    pub rule_idx: Option<u16>,
    /// The fact it concerns, by its slot in the table's catalogue, if any.
    pub fact: Option<u16>,
}

/// The part a reason plays in the outcome, so that a page or a case system can tell the reason
/// that decided from one that only informs.
///
/// A prövning of an insats has exactly one [`Role::Avgorande`] reason. A skyddsåtgärd can have
/// several, since every `ej_tillåten` rule and every rutin step that holds decides together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Role {
    /// The reason that gave the outcome: the deciding rule, the law's bar, the schablon, the
    /// missing fact that left the riktlinje unable to decide, or the insats's `annars`.
    Avgorande,
    /// A further rule whose condition holds and that the ansökan does not meet (or a further
    /// bar of the law), beside the deciding one; it changes nothing in the outcome, but a
    /// motivering names it.
    EjUppfylldNorm,
    /// A further fact whose absence leaves a rule of the insats undecided, beside the deciding
    /// reason.
    SaknadUppgift,
    /// A reason that only informs: an `upplysning` rule, or a rule that would have decided had
    /// something else not decided first (the riktlinje's norm before the schablon or the law's
    /// bar overrode it).
    Upplysning,
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
    /// A step of the rutin cannot be shown to be taken, because a fact the rule needs is
    /// missing; the rule's own text names the step.
    RutinstegOvisat,
    /// The riktlinje's rules found the skyddsåtgärd allowed, but the case does not show the
    /// person's own, standing samtycke: no lagstöd for it then (RF 2 kap. 6 och 8 §§).
    EgetSamtyckeSaknas,
    /// The riktlinje does not declare the kind of skyddsåtgärd.
    OkandAtgard,
    /// The sökt omfattning is more than the riktlinje's schablon computes for the case; the
    /// prövning states both.
    OmfattningOverSchablon,
    /// The schablon cannot be computed, because a fact a component needs is missing.
    SchablonUppgiftSaknas,
    /// A figure of a rule or the schablon is too large for the engine to compute exactly, so a
    /// person must judge.
    BerakningForStor,
}

impl MessageId {
    /// The provision the engine's own message rests on, where it cites one.
    pub fn lagrum(self) -> Option<Lagrum> {
        match self {
            MessageId::EgetSamtyckeSaknas => Some(Lagrum::Rf2Kap6och8),
            _ => None,
        }
    }
}

/// One frist of a case: what is to be done, under which lagrum, by which day, and where it
/// stands on the day of prövning.
///
/// A frist whose action the case shows as taken on or before the day of prövning is left out
/// (a beslut verkställt in time has no ej-verkställt frist); a beslut verkställt after its
/// three months gives a [`FristKind::RapporteraVerkstallt`] instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Frist {
    /// What is to be done.
    pub kind: FristKind,
    /// The provision that sets the frist.
    pub lagrum: Lagrum,
    /// The beslut, ansökan or barnärende it belongs to.
    pub subject: Subject,
    /// The day the frist is counted from (the day itself is not counted).
    pub start: Date,
    /// The last day by lag (1930:173) 1 § alone: the calendar day.
    pub nominal: Date,
    /// The last day on which the action may be taken: `nominal`, or the next vardag when
    /// lag (1930:173) 2 § moves it (see [`FristKind`] for which frister it moves).
    pub sista_dag: Date,
    /// Why `nominal` is not a vardag, when the frist was moved to `sista_dag`.
    pub moved_because: Option<DayKind>,
    /// Where the frist stands on the day of prövning, counted to `sista_dag`.
    pub status: FristStatus,
}

/// The kinds of frist the engine computes.
///
/// Lag (1930:173) 2 § moves a last day that is not a vardag only for frister within which a
/// party or the nämnd must act: överklagande, the förhandsbedömning (see
/// [`crate::case_frister::FORHANDSBEDOMNING_PARAM`]) and the barnutredning.
/// The three months of the ej-verkställt reporting, the six months of FL 12 §, the yearly
/// individuell plan and a beslut's last day of validity are not moved: a beslut is reportable
/// when it is not verkställt by the end of the calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FristKind {
    /// Överklagande: three weeks from the day the party was delgiven the beslut (FL 44 §).
    Overklagande,
    /// A gynnande beslut not verkställt: reportable to IVO and the revisorer three months after
    /// the beslutsdatum (SoL 34 kap. 1 §, LSS 28 f §).
    EjVerkstallt,
    /// A beslut whose verkställighet was avbruten: reportable three months after the avbrott.
    EjVerkstalltEfterAvbrott,
    /// A beslut verkställt after its three months: report to IVO that it is verkställt (SoL
    /// 34 kap. 2 §, LSS 28 g §); informational, start and last day are the day it was verkställt.
    RapporteraVerkstallt,
    /// The individuell plan of an LSS insats, to be omprövad at least once a year (LSS 10 §),
    /// counted from the beslutsdatum since the case carries no plan date.
    IndividuellPlan,
    /// An ansökan not decided six months after it came in: the party may ask for a decision
    /// (FL 12 §), and the nämnd then has four weeks.
    Fl12,
    /// A tidsbegränsat beslut's last day: a new prövning is needed before it.
    Tidsbegransat,
    /// The omedelbar skyddsbedömning on an anmälan about a child: genast, on the day it came
    /// in (SoL 20 kap. 1 §).
    Skyddsbedomning,
    /// The förhandsbedömning: within fourteen days of the anmälan (SoL 20 kap. 2 §).
    Forhandsbedomning,
    /// The barnutredning: finished within four months of being inledd (SoL 20 kap. 3 §).
    Barnutredning,
    /// The regular uppföljning of a skyddsåtgärd, at the riktlinje's interval (the parameter
    /// [`crate::case_frister::UPPFOLJNING_SKYDDSATGARD_PARAM`]), counted from the latest
    /// uppföljning or else from the day the measure was decided.
    UppfoljningSkyddsatgard,
    /// The uppföljning owed at once when the person withdraws the samtycke: its last day is the
    /// day of the withdrawal.
    UppfoljningAterkallatSamtycke,
    /// The övervägande of a child's placement in skyddat boende, at least every six months
    /// (SoL 22 kap. 13 §; lag (2024:79) 5 kap. 3 §).
    OvervagandeSkyddatBoende,
    /// An omedelbart beslut on skyddat boende, to be underställt förvaltningsrätten within one
    /// week or it lapses (lag (2024:79) 4 kap. 3–4 §§).
    Understallning,
    /// The placement must start within four weeks of the beslut gaining laga kraft, or it
    /// lapses (lag (2024:79) 3 kap. 4 §); the last day is not moved.
    PlaceringInomFyraVeckor,
    /// After fastställelse of an omedelbart beslut, the nämnd applies for placement within six
    /// weeks of its start (lag (2024:79) 4 kap. 6 §).
    AnsokanInomSexVeckor,
}

/// What a frist belongs to, by its index in the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Subject {
    /// The beslut with this index in [`crate::Case::beslut`].
    Beslut(u8),
    /// The ansökan with this index in [`crate::Case::ansokningar`].
    Ansokan(u8),
    /// The case's [`crate::Barnarende`].
    Barnarende,
    /// The skyddsåtgärd with this index in [`crate::Case::skyddsatgarder`].
    Skyddsatgard(u8),
    /// The case's [`crate::SkyddatBoende`].
    SkyddatBoende,
}

/// The provisions that set the engine's own frister, each with its citation.
///
/// SoL (2025:400) came into force on 2025-07-01 and repealed SoL (2001:453); a frist cites the
/// SoL in force on the day of prövning (16 kap. 6 f § SoL (2001:453) until 2025-06-30, then
/// 34 kap. 1 § SoL (2025:400)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Lagrum {
    /// 44 § förvaltningslagen (2017:900): överklagande within three weeks.
    Fl44,
    /// 12 § förvaltningslagen (2017:900): a party may ask for a decision after six months.
    Fl12,
    /// 34 kap. 1 § SoL (2025:400): ej verkställda beslut.
    SoL34Kap1,
    /// 34 kap. 2 § SoL (2025:400): report when a reported beslut is verkställt.
    SoL34Kap2,
    /// 16 kap. 6 f § SoL (2001:453): ej verkställda beslut, until 2025-06-30.
    SoL2001Kap16Par6f,
    /// 16 kap. 6 g § SoL (2001:453): report when verkställt, until 2025-06-30 (the paragraph
    /// is taken to correspond to 34 kap. 2 § SoL (2025:400), as 6 f–6 h §§ to 34 kap. 1–3 §§;
    /// unconfirmed).
    SoL2001Kap16Par6g,
    /// 28 f § LSS: ej verkställda beslut.
    Lss28f,
    /// 28 g § LSS: report when verkställt.
    Lss28g,
    /// 10 § LSS: individuell plan, omprövad at least once a year.
    Lss10,
    /// The beslut is on an insats the riktlinje does not describe, so whether SoL or LSS applies
    /// is unknown; the three months and the reporting are the same under both.
    OkandLag,
    /// 20 kap. 1 § SoL (2025:400): omedelbar skyddsbedömning.
    SoL20Kap1,
    /// 20 kap. 2 § SoL (2025:400): förhandsbedömning within fourteen days.
    SoL20Kap2,
    /// 20 kap. 3 § SoL (2025:400): barnutredning within four months.
    SoL20Kap3,
    /// 11 kap. 1 a § SoL (2001:453): skyddsbedömning and förhandsbedömning, until 2025-06-30.
    SoL2001Kap11Par1a,
    /// 11 kap. 2 § SoL (2001:453): barnutredning, until 2025-06-30.
    SoL2001Kap11Par2,
    /// The beslut's own giltighetstid: no statute sets it.
    Giltighetstid,
    /// 2 kap. 6 och 8 §§ regeringsformen: protection against påtvingade kroppsliga ingrepp and
    /// frihetsberövanden; without a coercion law, a skyddsåtgärd rests on samtycke alone.
    Rf2Kap6och8,
    /// The kommun's rutin for skyddsåtgärder, at the interval the riktlinje sets: no statute
    /// fixes it.
    SkyddsatgardRutin,
    /// 22 kap. 13 § SoL (2025:400): övervägande at least every six months.
    SoL22Kap13,
    /// 6 kap. 8 § SoL (2001:453) as amended by SFS 2024:85: the same, until 2025-06-30.
    SoL2001Kap6Par8,
    /// 3 kap. 4 § lag (2024:79): the placement starts within four weeks of laga kraft.
    Lag2024Nr79Kap3Par4,
    /// 4 kap. 3 § lag (2024:79): an omedelbart beslut is underställt within one week.
    Lag2024Nr79Kap4Par3,
    /// 4 kap. 6 § lag (2024:79): application within six weeks of the start of placement.
    Lag2024Nr79Kap4Par6,
    /// 5 kap. 3 § lag (2024:79): övervägande at least every six months.
    Lag2024Nr79Kap5Par3,
}

impl Lagrum {
    /// The citation as written in a reason text ("44 § förvaltningslagen (2017:900)").
    pub fn text(self) -> &'static str {
        texts::lagrum(self)
    }
}

impl FristKind {
    /// The Swedish name as written in running text ("överklagande").
    pub fn name(self) -> &'static str {
        texts::frist_kind(self)
    }
}

impl fmt::Display for Lagrum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl fmt::Display for FristKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README states the size of an evaluation; a change of the bounds shows here.
    #[test]
    fn an_evaluation_is_a_bounded_value() {
        let size = core::mem::size_of::<Evaluation<'static>>();
        assert!(size <= 10 * 1024, "{size}");
        assert!(size >= 9 * 1024, "{size}");
    }
}
