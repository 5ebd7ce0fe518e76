//! The evaluator: `evaluate(&table, &case, as_of)` and the steps it is made of.
//!
//! Deterministic and allocation-free; its time is bounded by the size of the table (every rule
//! of an applied-for insats runs at most once, each instruction at most once).
//! The order between rules is the one documented in `rules/README.md`: every `lagen_hindrar`
//! rule first, then the deciding rules in written order (first hit), then the insats's
//! `annars`; `upplysning` rules add their reason whenever they hold.
//! Each skyddsåtgärd of the case is prövad against the riktlinje's rules for its kind
//! (`evaluate_atgard`): every `ej_tillåten` rule first, then the `juridisk_bedömning` and
//! `rutin_ej_följd` rules (each that holds is a reason of its own), then the first
//! `tillåten_med_samtycke` rule that holds; and never "tillåten" unless the case shows the
//! person's own, standing samtycke.
//! The case's frister (`frister`) are computed from its beslut, ansökningar, barnärende,
//! skyddsåtgärder and skyddat boende; the table gives only the lag of each insats and the
//! riktlinje's intervals, and `frist` does the calendar arithmetic.
//! Time is bounded by the case too: each beslut is compared with every other at most once.
//! Nothing here reads a clock, a file or the environment.

use heapless::Vec;

use crate::case::{
    Ansokan, Barnarende, Beslut, Case, FactId, Facts, Giltighet, SamtyckeAv, SkyddatBoende,
    Skyddsatgard,
};
use crate::date::Date;
use crate::error::EvaluateError;
use crate::evaluation::{
    AtgardOutcome, Evaluation, Frist, FristKind, InsatsEvaluation, Lagrum, MessageId, Reason,
    SkyddsatgardEvaluation, Subject,
};
use crate::flat::Truth;
use crate::frist::{self, FristStatus, Period};
use crate::holidays;
use crate::limits::{FRIST_WARNING_DAYS, MAX_FRISTER, MAX_STACK};
use crate::table::{
    AtgardRule, AtgardRuleKind, Lag, OP_SIZE, Op, Outcome, Rule, RuleKind, Table, same_id,
};

/// The name of the parameter by which a riktlinje says whether lag (1930:173) 2 § moves the
/// last day of the förhandsbedömning (SoL 20 kap. 2 §): value 1 moves it, 0 does not.
///
/// Whether the law moves it is unconfirmed; the test `oracle_30_forhandsbedomning` holds both
/// readings.
/// Without the parameter the engine moves it.
/// Either way the frist reports the calendar day as `nominal` and the legal last day as
/// `sista_dag`, and its status runs to `sista_dag`; since [`FRIST_WARNING_DAYS`] is longer than
/// any move, the handläggare is warned by the calendar day, and the frist is overskriden only
/// after the legal last day.
pub const FORHANDSBEDOMNING_PARAM: &str = "förhandsbedömning_flyttas";

/// The name of the parameter by which a riktlinje sets the interval, in months, of the
/// uppföljning of a skyddsåtgärd.
///
/// No statute fixes the interval, so it is the kommun's: without the parameter (or with a value
/// below 1) no regular uppföljning frist is given and the fact `uppföljning_försenad` stays
/// unknown, unless the samtycke was withdrawn.
pub const UPPFOLJNING_SKYDDSATGARD_PARAM: &str = "uppföljning_skyddsåtgärd_månader";

/// The day socialtjänstlagen (2025:400) came into force; before it, frister cite SoL (2001:453).
pub const NY_SOL_IKRAFT: Date = match Date::from_days(20_270) {
    Some(date) => date,
    None => Date::EPOCH,
};

/// Evaluates every application of `case` against `table` on `as_of`.
///
/// The evaluation also lists the case's frister (see [`frister`]).
///
/// # Errors
/// [`EvaluateError::TooManyReasons`] only for a table that did not come through
/// [`Table::decode`], which bounds the reasons per insats.
/// The other variants are unreachable for a [`Case`], whose bounds the evaluation's fit.
///
/// ```
/// use riktlinjer_core::{evaluate, Case, Date, Table};
/// # fn run(bytes: &[u8]) -> Result<(), Box<dyn core::error::Error>> {
/// let table = Table::decode(bytes)?;
/// let evaluation = evaluate(&table, &Case::default(), Date::parse("2026-02-01")?)?;
/// assert!(evaluation.provningar.is_empty());
/// # Ok(()) }
/// ```
pub fn evaluate<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
) -> Result<Evaluation<'t>, EvaluateError> {
    let mut evaluation = Evaluation::empty();
    evaluate_into(table, case, as_of, &mut evaluation)?;
    Ok(evaluation)
}

/// As [`evaluate`], but fills the caller's `evaluation` in place, clearing it first.
///
/// An evaluation is several kilobytes of fixed-capacity vectors; a loop over many cases that
/// reuses one evaluation saves moving a new one out of every call.
/// The result is the same, field for field, as [`evaluate`]'s.
///
/// # Errors
/// As [`evaluate`]; after an error `evaluation` holds a partial result and is to be discarded.
///
/// ```
/// use riktlinjer_core::{evaluate_into, Case, Date, Evaluation, Table};
/// # fn run(bytes: &[u8]) -> Result<(), Box<dyn core::error::Error>> {
/// let table = Table::decode(bytes)?;
/// let mut evaluation = Evaluation::empty();
/// evaluate_into(&table, &Case::default(), Date::parse("2026-02-01")?, &mut evaluation)?;
/// assert!(evaluation.provningar.is_empty());
/// # Ok(()) }
/// ```
pub fn evaluate_into<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
    evaluation: &mut Evaluation<'t>,
) -> Result<(), EvaluateError> {
    frister_into(table, case, as_of, &mut evaluation.frister)?;
    let person = Facts::of_person(&case.person, as_of);
    provningar_into(table, case, as_of, &person, evaluation)?;
    for (skyddsatgard_idx, skyddsatgard) in case.skyddsatgarder.iter().enumerate() {
        let atgard_idx = table.atgard_index(&skyddsatgard.typ);
        let facts = skyddsatgard_facts(table, &person, skyddsatgard, as_of);
        let mut result = evaluate_atgard(table, atgard_idx, &facts, as_of)?;
        result.skyddsatgard_idx =
            u8::try_from(skyddsatgard_idx).map_err(|_| EvaluateError::TooManyAtgardReasons)?;
        evaluation
            .skyddsatgarder
            .push(result)
            .map_err(|_| EvaluateError::TooManyAtgardReasons)?;
    }
    Ok(())
}

/// As [`evaluate_into`], but only the prövningar of the ansökningar: the evaluation's frister
/// and skyddsåtgärder are left empty.
///
/// This is what a re-prövning of existing beslut under two versions compares, and it skips the
/// calendar arithmetic of the frister, which no version changes.
/// Each prövning is the same, field for field, as [`evaluate_into`]'s.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_provningar_into<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
    evaluation: &mut Evaluation<'t>,
) -> Result<(), EvaluateError> {
    evaluation.frister.clear();
    let person = Facts::of_person(&case.person, as_of);
    provningar_into(table, case, as_of, &person, evaluation)
}

/// Fills the evaluation's header and prövningar from the `person`'s facts, clearing its
/// skyddsåtgärder.
fn provningar_into<'t>(
    table: &'t Table<'_>,
    case: &Case,
    as_of: Date,
    person: &Facts,
    evaluation: &mut Evaluation<'t>,
) -> Result<(), EvaluateError> {
    evaluation.riktlinje_id = table.meta.riktlinje_id;
    evaluation.content_hash = table.content_hash;
    evaluation.as_of = as_of;
    evaluation.provningar.clear();
    evaluation.skyddsatgarder.clear();
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        let ansokan_idx =
            u8::try_from(ansokan_idx).map_err(|_| EvaluateError::TooManyAnsokningar)?;
        let insats_idx = table.insats_index(&ansokan.insats);
        let mut empty = InsatsEvaluation::of(insats_idx.unwrap_or(usize::MAX));
        empty.ansokan_idx = ansokan_idx;
        evaluation
            .provningar
            .push(empty)
            .map_err(|_| EvaluateError::TooManyAnsokningar)?;
        let result = evaluation
            .provningar
            .last_mut()
            .ok_or(EvaluateError::TooManyAnsokningar)?;
        match insats_idx {
            Some(insats_idx) => {
                let facts = (*person).with_ansokan(case, ansokan, as_of);
                evaluate_insats_into(table, insats_idx, &facts, as_of, result)?;
            }
            None => push(result, MessageId::OkandInsats, None, None)?,
        }
    }
    Ok(())
}

/// The facts of one skyddsåtgärd on `as_of`: the person's, the case's for the measure
/// ([`Facts::with_skyddsatgard`]), and the two the table gives: `digital_teknik` from the
/// kind's declaration and `uppföljning_försenad` from its uppföljning frister.
pub fn skyddsatgard_facts(
    table: &Table<'_>,
    person: &Facts,
    skyddsatgard: &Skyddsatgard,
    as_of: Date,
) -> Facts {
    let mut facts = person.with_skyddsatgard(skyddsatgard, as_of);
    let atgard = table
        .atgard_index(&skyddsatgard.typ)
        .and_then(|atgard_idx| table.atgarder.get(atgard_idx));
    facts.set_opt(
        FactId::DigitalTeknik,
        atgard.map(|atgard| i32::from(atgard.digital_teknik)),
    );
    facts.set_opt(
        FactId::UppfoljningForsenad,
        uppfoljning_forsenad(table, skyddsatgard, as_of).map(i32::from),
    );
    facts
}

/// Prövar one skyddsåtgärd of kind `atgard_idx` (`None`: a kind the riktlinje does not declare)
/// against prepared facts.
///
/// The order, documented in `rules/README.md`:
/// 1. every `ej_tillåten` rule; if any holds, the outcome is [`AtgardOutcome::EjTillaten`] with
///    each that holds as a reason;
/// 2. otherwise every `juridisk_bedömning` and every `rutin_ej_följd` rule, each that holds a
///    reason of its own (a rutin rule that cannot be tried for a missing fact is a step not
///    shown to be taken: [`MessageId::RutinstegOvisat`]);
/// 3. an `ej_tillåten` or `juridisk_bedömning` rule that cannot be tried, or a
///    `juridisk_bedömning` rule that holds, gives [`AtgardOutcome::KraverJuridiskBedomning`];
///    else a rutin step missing gives [`AtgardOutcome::RutinEjFoljd`];
/// 4. else the first `tillåten_med_samtycke` rule that holds decides; if none holds, or the
///    kind is not declared, the outcome is [`AtgardOutcome::KraverJuridiskBedomning`];
/// 5. an outcome of tillåten stands only if the facts show the person's own samtycke, still
///    accepted and not withdrawn; otherwise it becomes [`AtgardOutcome::EjTillaten`] (the
///    samtycke is known to be missing) or [`AtgardOutcome::KraverJuridiskBedomning`] (unknown);
/// 6. `upplysning` rules add their reason whenever they hold.
///
/// # Errors
/// [`EvaluateError::TooManyAtgardReasons`] only for a table that did not come through
/// [`Table::decode`], which bounds the reasons per kind.
pub fn evaluate_atgard(
    table: &Table<'_>,
    atgard_idx: Option<usize>,
    facts: &Facts,
    as_of: Date,
) -> Result<SkyddsatgardEvaluation, EvaluateError> {
    let mut result = SkyddsatgardEvaluation {
        skyddsatgard_idx: 0,
        atgard_idx: atgard_idx.and_then(|index| u8::try_from(index).ok()),
        outcome: AtgardOutcome::KraverJuridiskBedomning,
        reasons: Vec::new(),
    };
    let reason = |message: MessageId, rule_idx: usize, fact: Option<FactId>| Reason {
        message,
        rule_idx: u16::try_from(rule_idx).ok(),
        fact,
    };
    if atgard_idx.is_none() {
        push_atgard(&mut result, MessageId::OkandAtgard, None, None)?;
    }
    let rules_of = |kind: AtgardRuleKind| {
        table
            .atgard_rules_of(atgard_idx)
            .filter(move |(_, rule)| rule.utfall == kind)
    };

    let mut barred = false;
    let mut undecided: Option<Reason> = None;
    for (rule_idx, rule) in rules_of(AtgardRuleKind::EjTillaten) {
        match atgard_condition(table, rule, facts, as_of) {
            Truth::True => {
                barred = true;
                push_reason(
                    &mut result,
                    reason(MessageId::RegelUppfylld, rule_idx, None),
                )?;
            }
            Truth::Unknown(fact) if undecided.is_none() => {
                undecided = Some(reason(MessageId::UppgiftSaknas, rule_idx, fact));
            }
            Truth::Unknown(_) | Truth::False => {}
        }
    }
    if barred {
        result.outcome = AtgardOutcome::EjTillaten;
    } else {
        let mut juridisk = false;
        for (rule_idx, rule) in rules_of(AtgardRuleKind::JuridiskBedomning) {
            match atgard_condition(table, rule, facts, as_of) {
                Truth::True => {
                    juridisk = true;
                    push_reason(
                        &mut result,
                        reason(MessageId::RegelUppfylld, rule_idx, None),
                    )?;
                }
                Truth::Unknown(fact) if undecided.is_none() => {
                    undecided = Some(reason(MessageId::UppgiftSaknas, rule_idx, fact));
                }
                Truth::Unknown(_) | Truth::False => {}
            }
        }
        // A bar or a juridisk question left open for a missing fact comes before the rutin.
        let open = undecided.is_some();
        if let Some(undecided) = undecided {
            push_reason(&mut result, undecided)?;
        }
        let mut rutin = false;
        for (rule_idx, rule) in rules_of(AtgardRuleKind::RutinEjFoljd) {
            let message = match atgard_condition(table, rule, facts, as_of) {
                Truth::True => (MessageId::RegelUppfylld, None),
                Truth::Unknown(fact) => (MessageId::RutinstegOvisat, fact),
                Truth::False => continue,
            };
            rutin = true;
            push_reason(&mut result, reason(message.0, rule_idx, message.1))?;
        }
        if open || juridisk {
            result.outcome = AtgardOutcome::KraverJuridiskBedomning;
        } else if rutin {
            result.outcome = AtgardOutcome::RutinEjFoljd;
        } else if atgard_idx.is_some() {
            decide_atgard(table, atgard_idx, facts, as_of, &mut result)?;
        }
    }

    for (rule_idx, rule) in rules_of(AtgardRuleKind::Upplysning) {
        if atgard_condition(table, rule, facts, as_of) == Truth::True {
            push_reason(
                &mut result,
                reason(MessageId::RegelUppfylld, rule_idx, None),
            )?;
        }
    }
    Ok(result)
}

/// Steps 4 and 5 of [`evaluate_atgard`]: the first `tillåten_med_samtycke` rule that holds,
/// checked against the person's own samtycke.
fn decide_atgard(
    table: &Table<'_>,
    atgard_idx: Option<usize>,
    facts: &Facts,
    as_of: Date,
    result: &mut SkyddsatgardEvaluation,
) -> Result<(), EvaluateError> {
    let mut decided = false;
    for (rule_idx, rule) in table
        .atgard_rules_of(atgard_idx)
        .filter(|(_, rule)| rule.utfall == AtgardRuleKind::TillatenMedSamtycke)
    {
        let rule_idx = u16::try_from(rule_idx).ok();
        match atgard_condition(table, rule, facts, as_of) {
            Truth::True => {
                result.outcome = AtgardOutcome::TillatenMedSamtycke;
                push_atgard(result, MessageId::RegelUppfylld, rule_idx, None)?;
                decided = true;
                break;
            }
            Truth::Unknown(fact) => {
                result.outcome = AtgardOutcome::KraverJuridiskBedomning;
                push_atgard(result, MessageId::UppgiftSaknas, rule_idx, fact)?;
                decided = true;
                break;
            }
            Truth::False => {}
        }
    }
    if !decided {
        result.outcome = AtgardOutcome::KraverJuridiskBedomning;
        push_atgard(result, MessageId::IngenRegelPassar, None, None)?;
        return Ok(());
    }
    if result.outcome == AtgardOutcome::TillatenMedSamtycke {
        match eget_samtycke(facts) {
            Truth::True => {}
            Truth::False => {
                result.outcome = AtgardOutcome::EjTillaten;
                push_atgard(result, MessageId::EgetSamtyckeSaknas, None, None)?;
            }
            Truth::Unknown(fact) => {
                result.outcome = AtgardOutcome::KraverJuridiskBedomning;
                push_atgard(result, MessageId::EgetSamtyckeSaknas, None, fact)?;
            }
        }
    }
    Ok(())
}

/// Whether the facts show the person's own samtycke to a skyddsåtgärd, still accepted and not
/// withdrawn: the engine's own check, whatever the riktlinje's rules say, since there is no
/// lagstöd for a skyddsåtgärd without it (RF 2 kap. 6 och 8 §§).
pub fn eget_samtycke(facts: &Facts) -> Truth {
    let own = facts
        .get(FactId::SamtyckeAv)
        .map(|av| av == SamtyckeAv::DenEnskilde as i32);
    let accepts = facts
        .get(FactId::AccepterarFortfarande)
        .map(|flag| flag != 0);
    let withdrawn = facts.get(FactId::SamtyckeAterkallat).map(|flag| flag != 0);
    let parts = [
        (FactId::SamtyckeAv, own),
        (FactId::AccepterarFortfarande, accepts),
        (
            FactId::SamtyckeAterkallat,
            withdrawn.map(|withdrawn| !withdrawn),
        ),
    ];
    if parts.iter().any(|(_, holds)| *holds == Some(false)) {
        return Truth::False;
    }
    match parts.iter().find(|(_, holds)| holds.is_none()) {
        Some((fact, _)) => Truth::Unknown(Some(*fact)),
        None => Truth::True,
    }
}

/// The frister of `case` on `as_of`: for each beslut, then each ansökan, then the barnärende.
///
/// A day in the case that lies after `as_of` counts as not yet come: a beslut decided later has
/// no frister yet, and a beslut verkställt later is not verkställt on `as_of`.
/// A frist whose action the case shows as taken on or before `as_of` is left out.
/// The table is read only for the lag of each beslut's insats (SoL or LSS, which picks the
/// lagrum and whether an individuell plan is due) and for [`FORHANDSBEDOMNING_PARAM`].
///
/// Per beslut, in this order:
/// - [`FristKind::Overklagande`] when it was delgiven: three weeks, moved to a vardag;
/// - for a gynnande beslut with a beslutsdatum: [`FristKind::EjVerkstallt`] while it is not
///   verkställt (three months, reportable if not verkställt by the end of the last day), or
///   [`FristKind::RapporteraVerkstallt`] when it was verkställt after those three months;
///   [`FristKind::EjVerkstalltEfterAvbrott`] after an avbrott; [`FristKind::IndividuellPlan`]
///   for an LSS insats in force;
/// - [`FristKind::Tidsbegransat`] for a gynnande beslut with a last day, until a later beslut on
///   the same insats.
///
/// Per ansökan, [`FristKind::Fl12`] until a beslut on the same insats dated on or after the
/// ansökningsdatum.
/// For the barnärende: [`FristKind::Skyddsbedomning`] until it is gjord, and
/// [`FristKind::Forhandsbedomning`] (fourteen days, see [`FORHANDSBEDOMNING_PARAM`]), both
/// until the förhandsbedömning is klar or an utredning is inledd; then
/// [`FristKind::Barnutredning`] (four months, moved to a vardag) until it is avslutad.
///
/// # Errors
/// [`EvaluateError::TooManyFrister`], unreachable: [`MAX_FRISTER`] covers the fullest case.
pub fn frister(
    table: &Table<'_>,
    case: &Case,
    as_of: Date,
) -> Result<Vec<Frist, MAX_FRISTER>, EvaluateError> {
    let mut list = Vec::new();
    frister_into(table, case, as_of, &mut list)?;
    Ok(list)
}

/// [`frister`] into the caller's `list`, cleared first.
fn frister_into(
    table: &Table<'_>,
    case: &Case,
    as_of: Date,
    list: &mut Vec<Frist, MAX_FRISTER>,
) -> Result<(), EvaluateError> {
    list.clear();
    let mut frister = Frister { list, as_of };
    for (beslut_idx, beslut) in case.beslut.iter().enumerate() {
        let beslut_idx = u8::try_from(beslut_idx).map_err(|_| EvaluateError::TooManyFrister)?;
        frister.of_beslut(table, case, beslut, Subject::Beslut(beslut_idx))?;
    }
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        let ansokan_idx = u8::try_from(ansokan_idx).map_err(|_| EvaluateError::TooManyFrister)?;
        frister.of_ansokan(case, ansokan, Subject::Ansokan(ansokan_idx))?;
    }
    if let Some(barnarende) = &case.barnarende {
        frister.of_barnarende(table, barnarende)?;
    }
    for (skyddsatgard_idx, skyddsatgard) in case.skyddsatgarder.iter().enumerate() {
        let subject = Subject::Skyddsatgard(
            u8::try_from(skyddsatgard_idx).map_err(|_| EvaluateError::TooManyFrister)?,
        );
        let uppfoljning = Uppfoljning::of(table, skyddsatgard, as_of);
        for frist in [uppfoljning.regular, uppfoljning.aterkallat]
            .into_iter()
            .flatten()
        {
            frister.add(frist.0, frist.1, subject, frist.2, frist.3, Move::No)?;
        }
    }
    if let Some(skyddat_boende) = &case.skyddat_boende {
        frister.of_skyddat_boende(skyddat_boende)?;
    }
    Ok(())
}

/// The uppföljning frister of one skyddsåtgärd, as (kind, lagrum, start, nominal last day).
struct Uppfoljning {
    /// The regular uppföljning, when the riktlinje sets an interval and the measure has a day to
    /// count from; never for a measure taken in a nödsituation.
    regular: Option<(FristKind, Lagrum, Date, Option<Date>)>,
    /// The uppföljning owed at once after the samtycke was withdrawn, until an uppföljning on
    /// or after that day.
    aterkallat: Option<(FristKind, Lagrum, Date, Option<Date>)>,
    /// Whether the regular uppföljning could be computed (or is not owed).
    regular_known: bool,
}

impl Uppfoljning {
    fn of(table: &Table<'_>, skyddsatgard: &Skyddsatgard, as_of: Date) -> Uppfoljning {
        let happened = |day: Option<Date>| day.filter(|day| *day <= as_of);
        let uppfoljd = happened(skyddsatgard.senast_uppfoljd);
        let aterkallat = happened(skyddsatgard.samtycke.aterkallat)
            .filter(|aterkallat| uppfoljd.is_none_or(|uppfoljd| uppfoljd < *aterkallat))
            .map(|aterkallat| {
                (
                    FristKind::UppfoljningAterkallatSamtycke,
                    Lagrum::Rf2Kap6och8,
                    aterkallat,
                    Some(aterkallat),
                )
            });
        if skyddsatgard.nodsituation == Some(true) {
            return Uppfoljning {
                regular: None,
                aterkallat,
                regular_known: true,
            };
        }
        let months = table
            .params
            .iter()
            .position(|param| param.namn == UPPFOLJNING_SKYDDSATGARD_PARAM)
            .and_then(|param_idx| table.param_value(param_idx, as_of))
            .and_then(|months| u16::try_from(months).ok())
            .filter(|months| *months >= 1);
        let start = uppfoljd.or_else(|| happened(skyddsatgard.beslutsdatum));
        let regular = months.zip(start).map(|(months, start)| {
            (
                FristKind::UppfoljningSkyddsatgard,
                Lagrum::SkyddsatgardRutin,
                start,
                frist::nominal_last_day(start, Period::Manader(months)),
            )
        });
        Uppfoljning {
            regular_known: regular.is_some(),
            regular,
            aterkallat,
        }
    }
}

/// Whether an uppföljning of `skyddsatgard` is overdue on `as_of`: one of its uppföljning
/// frister is överskriden; unknown when the regular one cannot be computed and the other does
/// not decide.
fn uppfoljning_forsenad(
    table: &Table<'_>,
    skyddsatgard: &Skyddsatgard,
    as_of: Date,
) -> Option<bool> {
    let uppfoljning = Uppfoljning::of(table, skyddsatgard, as_of);
    let overdue = |frist: Option<(FristKind, Lagrum, Date, Option<Date>)>| {
        frist
            .and_then(|(_, _, _, nominal)| nominal)
            .is_some_and(|nominal| nominal < as_of)
    };
    if overdue(uppfoljning.aterkallat) || overdue(uppfoljning.regular) {
        Some(true)
    } else if uppfoljning.regular_known {
        Some(false)
    } else {
        None
    }
}

/// Evaluates one insats (by index in the table) against prepared facts.
///
/// This is the step the riktlinje's own rule tests and the compiler's checks run; `evaluate`
/// runs it once per application.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_insats(
    table: &Table<'_>,
    insats_idx: usize,
    facts: &Facts,
    as_of: Date,
) -> Result<InsatsEvaluation, EvaluateError> {
    let mut result = InsatsEvaluation::of(insats_idx);
    evaluate_insats_into(table, insats_idx, facts, as_of, &mut result)?;
    Ok(result)
}

/// [`evaluate_insats`] into `result`, which holds no reasons yet: `evaluate` fills each
/// prövning where it lies in the evaluation instead of moving it there.
fn evaluate_insats_into(
    table: &Table<'_>,
    insats_idx: usize,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<(), EvaluateError> {
    let first_rule = table
        .insatser
        .get(insats_idx)
        .map_or(0, |insats| usize::from(insats.first_rule));
    let rules = table.rules_of(insats_idx);
    let rule_number = |offset: usize| u16::try_from(first_rule.saturating_add(offset)).ok();

    let mut barred = false;
    let mut undecided_bar: Option<Reason> = None;
    for (offset, rule) in rules.iter().enumerate() {
        if rule.utfall != RuleKind::LagenHindrar {
            continue;
        }
        match rule_condition(table, rule_number(offset), rule, facts, as_of) {
            Truth::True => {
                barred = true;
                push(result, MessageId::RegelUppfylld, rule_number(offset), None)?;
            }
            Truth::Unknown(fact) if undecided_bar.is_none() => {
                undecided_bar = Some(Reason {
                    message: MessageId::LagenHindrarKanInteUteslutas,
                    rule_idx: rule_number(offset),
                    fact,
                });
            }
            Truth::Unknown(_) | Truth::False => {}
        }
    }

    if barred {
        result.outcome = Outcome::LagenHindrar;
    } else {
        let mut decided = false;
        for (offset, rule) in rules.iter().enumerate() {
            let outcome = match rule.utfall {
                RuleKind::Uppfyller => Outcome::Uppfyller,
                RuleKind::UppfyllerInte => Outcome::UppfyllerInte,
                RuleKind::IndividuellBedomning => Outcome::KraverIndividuellBedomning,
                RuleKind::LagenHindrar | RuleKind::Upplysning => continue,
            };
            match rule_condition(table, rule_number(offset), rule, facts, as_of) {
                Truth::True => {
                    result.outcome = outcome;
                    result.omfattning = rule.omfattning;
                    push(result, MessageId::RegelUppfylld, rule_number(offset), None)?;
                    decided = true;
                    break;
                }
                Truth::Unknown(fact) => {
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(result, MessageId::UppgiftSaknas, rule_number(offset), fact)?;
                    decided = true;
                    break;
                }
                Truth::False => {}
            }
        }
        if !decided {
            result.outcome = table
                .insatser
                .get(insats_idx)
                .map_or(Outcome::KraverIndividuellBedomning, |insats| insats.annars);
            push(result, MessageId::IngenRegelPassar, None, None)?;
        }
        if let Some(reason) = undecided_bar {
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            result
                .reasons
                .push(reason)
                .map_err(|_| EvaluateError::TooManyReasons)?;
        }
    }

    for (offset, rule) in rules.iter().enumerate() {
        if rule.utfall == RuleKind::Upplysning
            && rule_condition(table, rule_number(offset), rule, facts, as_of) == Truth::True
        {
            push(result, MessageId::RegelUppfylld, rule_number(offset), None)?;
        }
    }
    Ok(())
}

/// Runs one rule's condition against `facts` on `as_of`, in three-valued logic.
///
/// For a table that came through [`Table::decode`] every instruction is valid; any malformed
/// instruction in another table makes the result unknown instead of panicking.
pub fn condition(table: &Table<'_>, rule: &Rule<'_>, facts: &Facts, as_of: Date) -> Truth {
    run_code(table, rule.code_start, rule.code_len, facts, as_of)
}

/// [`condition`] of the rule with index `rule_idx` in the table: by its flat form when the
/// table has one (see [`crate::flat`]), otherwise on the stack machine; the result is the same.
#[inline]
fn rule_condition(
    table: &Table<'_>,
    rule_idx: Option<u16>,
    rule: &Rule<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    match rule_idx.and_then(|rule_idx| table.flat.get(usize::from(rule_idx))) {
        Some(conjunction) => conjunction.evaluate(facts),
        None => condition(table, rule, facts, as_of),
    }
}

/// Runs the condition of a rule about skyddsåtgärder, as [`condition`] does for an insats's.
pub fn atgard_condition(
    table: &Table<'_>,
    rule: &AtgardRule<'_>,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    run_code(table, rule.code_start, rule.code_len, facts, as_of)
}

fn run_code(
    table: &Table<'_>,
    code_start: u32,
    code_len: u32,
    facts: &Facts,
    as_of: Date,
) -> Truth {
    let start = usize::try_from(code_start).unwrap_or(usize::MAX);
    let len = usize::try_from(code_len).unwrap_or(usize::MAX);
    match table.code.get(start..start.saturating_add(len)) {
        Some(code) => run_ops(table, code, facts, as_of),
        None => Truth::Unknown(None),
    }
}

/// Runs condition `code` on the stack machine; `table` gives the parameters' values.
pub(crate) fn run_ops(table: &Table<'_>, code: &[u8], facts: &Facts, as_of: Date) -> Truth {
    const PUSH: u8 = Op::Push as u8;
    const FACT: u8 = Op::Fact as u8;
    const PARAM: u8 = Op::Param as u8;
    const NOT: u8 = Op::Not as u8;
    const CONTAINS: u8 = Op::Contains as u8;
    const EQ: u8 = Op::Eq as u8;
    const NE: u8 = Op::Ne as u8;
    const LT: u8 = Op::Lt as u8;
    const LE: u8 = Op::Le as u8;
    const GT: u8 = Op::Gt as u8;
    const GE: u8 = Op::Ge as u8;
    const AND: u8 = Op::And as u8;
    const OR: u8 = Op::Or as u8;

    let (instructions, []) = code.as_chunks::<OP_SIZE>() else {
        return Truth::Unknown(None);
    };
    // One pass, one dispatch per instruction: a push writes the next slot, an operator rewrites
    // the slot of its (left) operand in place.
    let mut stack: [Option<i32>; MAX_STACK] = [None; MAX_STACK];
    let mut depth = 0usize;
    let mut first_missing: Option<FactId> = None;
    for &[opcode, a, b, c, d] in instructions {
        let operand = i32::from_le_bytes([a, b, c, d]);
        let pushed = match opcode {
            PUSH => Some(operand),
            FACT => {
                let value = usize::try_from(operand)
                    .ok()
                    .and_then(|index| facts.get_index(index));
                if value.is_none() && first_missing.is_none() {
                    first_missing = u8::try_from(operand).ok().and_then(FactId::from_index);
                }
                value
            }
            PARAM => usize::try_from(operand)
                .ok()
                .and_then(|param_idx| table.param_value(param_idx, as_of)),
            NOT | CONTAINS => {
                let Some(slot) = depth.checked_sub(1).and_then(|top| stack.get_mut(top)) else {
                    return Truth::Unknown(None);
                };
                *slot = if opcode == NOT {
                    slot.map(|value| i32::from(value == 0))
                } else {
                    let bit = u32::try_from(operand)
                        .ok()
                        .and_then(|bit| 1i32.checked_shl(bit));
                    slot.zip(bit).map(|(set, bit)| i32::from(set & bit != 0))
                };
                continue;
            }
            _ => {
                let Some(top) = depth.checked_sub(1) else {
                    return Truth::Unknown(None);
                };
                let (Some(right), Some(left)) = (
                    stack.get(top).copied(),
                    top.checked_sub(1).and_then(|below| stack.get_mut(below)),
                ) else {
                    return Truth::Unknown(None);
                };
                *left = match opcode {
                    EQ => compare(*left, right, |l, r| l == r),
                    NE => compare(*left, right, |l, r| l != r),
                    LT => compare(*left, right, |l, r| l < r),
                    LE => compare(*left, right, |l, r| l <= r),
                    GT => compare(*left, right, |l, r| l > r),
                    GE => compare(*left, right, |l, r| l >= r),
                    // Kleene logic: a known false decides a conjunction, a known true a
                    // disjunction.
                    AND => match (*left, right) {
                        (Some(0), _) | (_, Some(0)) => Some(0),
                        (Some(_), Some(_)) => Some(1),
                        _ => None,
                    },
                    OR => match (*left, right) {
                        (Some(l), _) if l != 0 => Some(1),
                        (_, Some(r)) if r != 0 => Some(1),
                        (Some(_), Some(_)) => Some(0),
                        _ => None,
                    },
                    _ => return Truth::Unknown(None),
                };
                depth = top;
                continue;
            }
        };
        let Some(slot) = stack.get_mut(depth) else {
            return Truth::Unknown(None);
        };
        *slot = pushed;
        depth = depth.wrapping_add(1);
    }
    match (depth, stack.first().copied().flatten()) {
        (1, Some(0)) => Truth::False,
        (1, Some(_)) => Truth::True,
        _ => Truth::Unknown(first_missing),
    }
}

/// A comparison of two values that may be unknown: unknown when either is.
#[inline]
fn compare(left: Option<i32>, right: Option<i32>, holds: impl Fn(i32, i32) -> bool) -> Option<i32> {
    let (left, right) = left.zip(right)?;
    Some(i32::from(holds(left, right)))
}

/// The lagrum of the three-month report of a beslut not verkställt, under `lag` (`None` when the
/// insats is not in the riktlinje), citing the SoL in force on `as_of`.
pub fn ej_verkstallt_lagrum(lag: Option<Lag>, as_of: Date) -> Lagrum {
    match lag {
        Some(Lag::Lss) => Lagrum::Lss28f,
        Some(Lag::SoL) if as_of < NY_SOL_IKRAFT => Lagrum::SoL2001Kap16Par6f,
        Some(Lag::SoL) => Lagrum::SoL34Kap1,
        None => Lagrum::OkandLag,
    }
}

/// The lagrum of the report that a reported beslut is verkställt, as [`ej_verkstallt_lagrum`].
pub fn verkstallt_lagrum(lag: Option<Lag>, as_of: Date) -> Lagrum {
    match lag {
        Some(Lag::Lss) => Lagrum::Lss28g,
        Some(Lag::SoL) if as_of < NY_SOL_IKRAFT => Lagrum::SoL2001Kap16Par6g,
        Some(Lag::SoL) => Lagrum::SoL34Kap2,
        None => Lagrum::OkandLag,
    }
}

fn push(
    result: &mut InsatsEvaluation,
    message: MessageId,
    rule_idx: Option<u16>,
    fact: Option<FactId>,
) -> Result<(), EvaluateError> {
    result
        .reasons
        .push(Reason {
            message,
            rule_idx,
            fact,
        })
        .map_err(|_| EvaluateError::TooManyReasons)
}

fn push_reason(result: &mut SkyddsatgardEvaluation, reason: Reason) -> Result<(), EvaluateError> {
    result
        .reasons
        .push(reason)
        .map_err(|_| EvaluateError::TooManyAtgardReasons)
}

fn push_atgard(
    result: &mut SkyddsatgardEvaluation,
    message: MessageId,
    rule_idx: Option<u16>,
    fact: Option<FactId>,
) -> Result<(), EvaluateError> {
    push_reason(
        result,
        Reason {
            message,
            rule_idx,
            fact,
        },
    )
}

/// Whether lag (1930:173) 2 § moves a frist's last day to the next vardag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    /// The last day is the calendar day.
    No,
    /// A last day that is not a vardag moves to the next vardag.
    ToVardag,
}

/// The frister found so far, and the day of prövning.
struct Frister<'l> {
    list: &'l mut Vec<Frist, MAX_FRISTER>,
    as_of: Date,
}

impl Frister<'_> {
    /// `date` if it is on or before the day of prövning: a later day has not come yet.
    fn happened(&self, date: Option<Date>) -> Option<Date> {
        date.filter(|date| *date <= self.as_of)
    }

    fn of_beslut(
        &mut self,
        table: &Table<'_>,
        case: &Case,
        beslut: &Beslut,
        subject: Subject,
    ) -> Result<(), EvaluateError> {
        let as_of = self.as_of;
        if beslut
            .beslutsdatum
            .is_some_and(|beslutsdatum| beslutsdatum > as_of)
        {
            return Ok(());
        }
        if let Some(delgiven) = self.happened(beslut.delgiven) {
            self.add(
                FristKind::Overklagande,
                Lagrum::Fl44,
                subject,
                delgiven,
                frist::nominal_last_day(delgiven, Period::Veckor(3)),
                Move::ToVardag,
            )?;
        }
        if beslut.gynnande != Some(true) {
            return Ok(());
        }
        let lag = table
            .insats_index(&beslut.insats)
            .and_then(|insats_idx| table.insatser.get(insats_idx))
            .map(|insats| insats.lag);
        if let Some(beslutsdatum) = beslut.beslutsdatum {
            let limit = frist::nominal_last_day(beslutsdatum, Period::Manader(3));
            match self.happened(beslut.verkstalld) {
                None => self.add(
                    FristKind::EjVerkstallt,
                    ej_verkstallt_lagrum(lag, as_of),
                    subject,
                    beslutsdatum,
                    limit,
                    Move::No,
                )?,
                Some(verkstalld) if limit.is_some_and(|limit| verkstalld > limit) => {
                    self.push(Frist {
                        kind: FristKind::RapporteraVerkstallt,
                        lagrum: verkstallt_lagrum(lag, as_of),
                        subject,
                        start: verkstalld,
                        nominal: verkstalld,
                        sista_dag: verkstalld,
                        moved_because: None,
                        status: FristStatus::Upplysning,
                    })?;
                }
                Some(_) => {}
            }
            if let Some(avbrott) = self.happened(beslut.avbrott) {
                self.add(
                    FristKind::EjVerkstalltEfterAvbrott,
                    ej_verkstallt_lagrum(lag, as_of),
                    subject,
                    avbrott,
                    frist::nominal_last_day(avbrott, Period::Manader(3)),
                    Move::No,
                )?;
            }
            if lag == Some(Lag::Lss) && beslut.is_in_force(as_of) {
                self.add(
                    FristKind::IndividuellPlan,
                    Lagrum::Lss10,
                    subject,
                    beslutsdatum,
                    frist::nominal_last_day(beslutsdatum, Period::Ar(1)),
                    Move::No,
                )?;
            }
        }
        if let Some(Giltighet::Till(last)) = beslut.giltighet {
            // A later beslut on the same insats is the new prövning.
            let proved_again = beslut.beslutsdatum.is_some_and(|beslutsdatum| {
                case.beslut
                    .iter()
                    .filter(|other| same_id(&other.insats, &beslut.insats))
                    .filter_map(|other| self.happened(other.beslutsdatum))
                    .any(|other| other > beslutsdatum)
            });
            if !proved_again {
                self.add(
                    FristKind::Tidsbegransat,
                    Lagrum::Giltighetstid,
                    subject,
                    beslut.beslutsdatum.unwrap_or(last),
                    Some(last),
                    Move::No,
                )?;
            }
        }
        Ok(())
    }

    fn of_ansokan(
        &mut self,
        case: &Case,
        ansokan: &Ansokan,
        subject: Subject,
    ) -> Result<(), EvaluateError> {
        let Some(inkom) = self.happened(ansokan.ansokningsdatum) else {
            return Ok(());
        };
        let decided = case
            .beslut
            .iter()
            .filter(|beslut| same_id(&beslut.insats, &ansokan.insats))
            .filter_map(|beslut| self.happened(beslut.beslutsdatum))
            .any(|beslutsdatum| beslutsdatum >= inkom);
        if decided {
            return Ok(());
        }
        self.add(
            FristKind::Fl12,
            Lagrum::Fl12,
            subject,
            inkom,
            frist::nominal_last_day(inkom, Period::Manader(6)),
            Move::No,
        )
    }

    fn of_barnarende(
        &mut self,
        table: &Table<'_>,
        barnarende: &Barnarende,
    ) -> Result<(), EvaluateError> {
        let old_sol = self.as_of < NY_SOL_IKRAFT;
        let inledd = self.happened(barnarende.utredning_inledd);
        // An utredning is opened by the decision that ends the förhandsbedömning.
        let bedomd = self.happened(barnarende.forhandsbedomning_klar).is_some() || inledd.is_some();
        if let Some(inkom) = self.happened(barnarende.anmalan_inkom)
            && !bedomd
        {
            let (lagrum_1, lagrum_2) = if old_sol {
                (Lagrum::SoL2001Kap11Par1a, Lagrum::SoL2001Kap11Par1a)
            } else {
                (Lagrum::SoL20Kap1, Lagrum::SoL20Kap2)
            };
            // The skyddsbedömning comes before the förhandsbedömning, so a finished
            // förhandsbedömning shows it done even when the case carries no day for it.
            if self.happened(barnarende.skyddsbedomning_gjord).is_none() {
                self.add(
                    FristKind::Skyddsbedomning,
                    lagrum_1,
                    Subject::Barnarende,
                    inkom,
                    Some(inkom),
                    Move::No,
                )?;
            }
            let rule = match forhandsbedomning_param(table, self.as_of) {
                Some(0) => Move::No,
                _ => Move::ToVardag,
            };
            self.add(
                FristKind::Forhandsbedomning,
                lagrum_2,
                Subject::Barnarende,
                inkom,
                frist::nominal_last_day(inkom, Period::Dagar(14)),
                rule,
            )?;
        }
        if let Some(inledd) = inledd
            && self.happened(barnarende.utredning_avslutad).is_none()
        {
            let lagrum = if old_sol {
                Lagrum::SoL2001Kap11Par2
            } else {
                Lagrum::SoL20Kap3
            };
            self.add(
                FristKind::Barnutredning,
                lagrum,
                Subject::Barnarende,
                inledd,
                frist::nominal_last_day(inledd, Period::Manader(4)),
                Move::ToVardag,
            )?;
        }
        Ok(())
    }

    /// The frister of a child's placement in skyddat boende, until the placement ends:
    /// [`FristKind::OvervagandeSkyddatBoende`] six months from the start or the latest
    /// övervägande (SoL 22 kap. 13 §, before 2025-07-01 SoL (2001:453) 6 kap. 8 §, and lag
    /// (2024:79) 5 kap. 3 § for a placement under that law); [`FristKind::Understallning`] one
    /// week from an omedelbart beslut until it is underställt; [`FristKind::PlaceringInomFyraVeckor`]
    /// four weeks from laga kraft until the placement starts (not moved: the beslut lapses);
    /// [`FristKind::AnsokanInomSexVeckor`] six weeks from the start after fastställelse, until
    /// the application is made.
    fn of_skyddat_boende(&mut self, skyddat_boende: &SkyddatBoende) -> Result<(), EvaluateError> {
        if self.happened(skyddat_boende.placering_avslutad).is_some() {
            return Ok(());
        }
        let subject = Subject::SkyddatBoende;
        let paborjad = self.happened(skyddat_boende.placering_paborjad);
        let lag_2024_79 = skyddat_boende.utan_vardnadshavares_samtycke == Some(true);
        if let Some(paborjad) = paborjad {
            let start = self
                .happened(skyddat_boende.senaste_overvagande)
                .filter(|overvagande| *overvagande >= paborjad)
                .unwrap_or(paborjad);
            let lagrum = if lag_2024_79 {
                Lagrum::Lag2024Nr79Kap5Par3
            } else if self.as_of < NY_SOL_IKRAFT {
                Lagrum::SoL2001Kap6Par8
            } else {
                Lagrum::SoL22Kap13
            };
            self.add(
                FristKind::OvervagandeSkyddatBoende,
                lagrum,
                subject,
                start,
                frist::nominal_last_day(start, Period::Manader(6)),
                Move::No,
            )?;
        }
        if let Some(beslut) = self.happened(skyddat_boende.omedelbart_beslut)
            && self.happened(skyddat_boende.understallt).is_none()
        {
            self.add(
                FristKind::Understallning,
                Lagrum::Lag2024Nr79Kap4Par3,
                subject,
                beslut,
                frist::nominal_last_day(beslut, Period::Veckor(1)),
                Move::ToVardag,
            )?;
        }
        if let Some(laga_kraft) = self.happened(skyddat_boende.laga_kraft)
            && paborjad.is_none()
        {
            self.add(
                FristKind::PlaceringInomFyraVeckor,
                Lagrum::Lag2024Nr79Kap3Par4,
                subject,
                laga_kraft,
                frist::nominal_last_day(laga_kraft, Period::Veckor(4)),
                Move::No,
            )?;
        }
        if self.happened(skyddat_boende.faststallt).is_some()
            && let Some(paborjad) = paborjad
            && self
                .happened(skyddat_boende.ansokan_forvaltningsratten)
                .is_none()
        {
            self.add(
                FristKind::AnsokanInomSexVeckor,
                Lagrum::Lag2024Nr79Kap4Par6,
                subject,
                paborjad,
                frist::nominal_last_day(paborjad, Period::Veckor(6)),
                Move::ToVardag,
            )?;
        }
        Ok(())
    }

    /// Adds a frist that ends on `nominal`, moved as `rule` says, unless its last day lies past
    /// 9999-12-31 (`None`).
    fn add(
        &mut self,
        kind: FristKind,
        lagrum: Lagrum,
        subject: Subject,
        start: Date,
        nominal: Option<Date>,
        rule: Move,
    ) -> Result<(), EvaluateError> {
        let Some(nominal) = nominal else {
            return Ok(());
        };
        let (sista_dag, moved_because) = match rule {
            Move::No => (nominal, None),
            // Most last days are vardagar: one check of the nominal day decides, and the search
            // for the next vardag runs only when the day is moved.
            Move::ToVardag => match holidays::non_vardag(nominal) {
                None => (nominal, None),
                Some(kind) => match frist::next_vardag_on_or_after(nominal) {
                    Some(sista_dag) => (sista_dag, Some(kind)),
                    None => return Ok(()),
                },
            },
        };
        self.push(Frist {
            kind,
            lagrum,
            subject,
            start,
            nominal,
            sista_dag,
            moved_because,
            status: frist::status(sista_dag, self.as_of, FRIST_WARNING_DAYS),
        })
    }

    fn push(&mut self, frist: Frist) -> Result<(), EvaluateError> {
        self.list
            .push(frist)
            .map_err(|_| EvaluateError::TooManyFrister)
    }
}

/// The value of [`FORHANDSBEDOMNING_PARAM`] on `as_of`, if the table sets it.
fn forhandsbedomning_param(table: &Table<'_>, as_of: Date) -> Option<i32> {
    let param_idx = table
        .params
        .iter()
        .position(|param| param.namn == FORHANDSBEDOMNING_PARAM)?;
    table.param_value(param_idx, as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TableSpec};
    use proptest::prelude::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    fn insats(id: &str) -> heapless::String<{ crate::limits::MAX_INSATS_ID_LEN }> {
        let mut out = heapless::String::new();
        let _ = out.push_str(id);
        out
    }

    fn beslut(id: &str, beslutsdatum: &str) -> Beslut {
        Beslut {
            insats: insats(id),
            beslutsdatum: Some(d(beslutsdatum)),
            gynnande: Some(true),
            ..Beslut::default()
        }
    }

    fn case_of(beslut: &[Beslut]) -> Case {
        Case {
            beslut: beslut.iter().cloned().collect(),
            ..Case::default()
        }
    }

    /// One line per frist: kind, subject, lagrum, start..nominal, the move, and the status.
    fn line(frist: &Frist) -> String {
        let moved = match frist.moved_because {
            Some(kind) => format!("→{} ({kind})", frist.sista_dag),
            None if frist.sista_dag != frist.nominal => format!("→{} (?)", frist.sista_dag),
            None => String::new(),
        };
        format!(
            "{:?} {:?} {:?} {}..{}{moved}: {}",
            frist.kind, frist.subject, frist.lagrum, frist.start, frist.nominal, frist.status
        )
    }

    /// The frister of `case` on `as_of` under `table`, one [`line`] each.
    fn check_with(table: &TableSpec, case: &Case, as_of: &str, expect: &[&str]) {
        let table = table.table();
        let evaluation = evaluate(&table, case, d(as_of));
        let got: Vec<String, 128> = match &evaluation {
            Ok(evaluation) => evaluation.frister.iter().map(line).collect(),
            Err(error) => core::iter::once(format!("fel: {error}")).collect(),
        };
        let got: std::vec::Vec<&str> = got.iter().map(String::as_str).collect();
        assert_eq!(got, expect, "på {as_of}");
    }

    /// As [`check_with`], under a table describing one SoL insats (`hemtjanst`,
    /// `sarskilt_boende`) and one LSS insats (`bostad_vuxna`).
    fn check(case: &Case, as_of: &str, expect: &[&str]) {
        let table = TableSpec::with_insatser(&[
            ("hemtjanst", Lag::SoL),
            ("sarskilt_boende", Lag::SoL),
            ("bostad_vuxna", Lag::Lss),
        ]);
        check_with(&table, case, as_of, expect);
    }

    type String = std::string::String;
    type Vec<T, const N: usize> = std::vec::Vec<T>;

    /// Oracle 9: an LSS bostad decided 2025-10-15 and not verkställd is reportable after
    /// 2026-01-15 (28 f §); the individuell plan runs too.
    #[test]
    fn oracle_09_lss_bostad_ej_verkstalld() {
        let case = case_of(&[beslut("bostad_vuxna", "2025-10-15")]);
        check(
            &case,
            "2026-01-15",
            &[
                "EjVerkstallt Beslut(0) Lss28f 2025-10-15..2026-01-15: går ut i dag",
                "IndividuellPlan Beslut(0) Lss10 2025-10-15..2026-10-15: löper",
            ],
        );
        check(
            &case,
            "2026-01-16",
            &[
                "EjVerkstallt Beslut(0) Lss28f 2025-10-15..2026-01-15: överskriden med 1 dag",
                "IndividuellPlan Beslut(0) Lss10 2025-10-15..2026-10-15: löper",
            ],
        );
    }

    /// Oracle 10: the individuell plan is omprövad at least yearly (LSS 10 §); 2026-03-01 is a
    /// söndag, and the day is not moved.
    #[test]
    fn oracle_10_individuell_plan() {
        let mut bostad = beslut("bostad_vuxna", "2025-03-01");
        bostad.verkstalld = Some(d("2025-03-10"));
        let case = case_of(core::slice::from_ref(&bostad));
        let plan = "IndividuellPlan Beslut(0) Lss10 2025-03-01..2026-03-01";
        check(
            &case,
            "2026-02-25",
            &[&format!("{plan}: går ut inom 4 dagar")],
        );
        check(
            &case,
            "2026-03-02",
            &[&format!("{plan}: överskriden med 1 dag")],
        );
        // No plan for a beslut no longer in force, nor for a SoL insats.
        bostad.giltighet = Some(Giltighet::Till(d("2025-12-31")));
        check(
            &case_of(&[bostad]),
            "2026-03-02",
            &[
                "Tidsbegransat Beslut(0) Giltighetstid 2025-03-01..2025-12-31: överskriden med 61 dagar",
            ],
        );
        let mut hemtjanst = beslut("hemtjanst", "2025-03-01");
        hemtjanst.verkstalld = Some(d("2025-03-10"));
        check(&case_of(&[hemtjanst]), "2026-03-02", &[]);
    }

    /// Oracle 12: särskilt boende decided 2025-03-31 under the old SoL, still not verkställt
    /// on 2025-07-01: the three months end 2025-06-30, and the new SoL is cited from its first
    /// day in force.
    #[test]
    fn oracle_12_sol_transition() {
        let boende = beslut("sarskilt_boende", "2025-03-31");
        let case = case_of(core::slice::from_ref(&boende));
        check(
            &case,
            "2025-06-30",
            &["EjVerkstallt Beslut(0) SoL2001Kap16Par6f 2025-03-31..2025-06-30: går ut i dag"],
        );
        check(
            &case,
            "2025-07-01",
            &["EjVerkstallt Beslut(0) SoL34Kap1 2025-03-31..2025-06-30: överskriden med 1 dag"],
        );
        // Verkställt on the last day: in time, nothing to report.
        let mut in_time = boende.clone();
        in_time.verkstalld = Some(d("2025-06-30"));
        check(&case_of(&[in_time]), "2025-09-01", &[]);
        // Verkställt later: report that it is verkställt (34 kap. 2 §).
        let mut late = boende;
        late.verkstalld = Some(d("2025-08-15"));
        let case = case_of(&[late]);
        check(
            &case,
            "2025-09-01",
            &["RapporteraVerkstallt Beslut(0) SoL34Kap2 2025-08-15..2025-08-15: upplysning"],
        );
        // Before the day it was verkställt, it was not.
        check(
            &case,
            "2025-08-14",
            &["EjVerkstallt Beslut(0) SoL34Kap1 2025-03-31..2025-06-30: överskriden med 45 dagar"],
        );
    }

    /// Oracle 13: hemtjänst avbruten 2025-11-30 and not resumed is reportable after 2026-02-28.
    #[test]
    fn oracle_13_avbrott() {
        let mut hemtjanst = beslut("hemtjanst", "2025-01-10");
        hemtjanst.verkstalld = Some(d("2025-01-20"));
        hemtjanst.avbrott = Some(d("2025-11-30"));
        let case = case_of(&[hemtjanst]);
        let avbrott = "EjVerkstalltEfterAvbrott Beslut(0) SoL34Kap1 2025-11-30..2026-02-28";
        check(&case, "2026-02-28", &[&format!("{avbrott}: går ut i dag")]);
        check(
            &case,
            "2026-03-01",
            &[&format!("{avbrott}: överskriden med 1 dag")],
        );
        check(&case, "2025-11-29", &[]);
    }

    /// Oracle 22–28: överklagande within three weeks of delgivning (FL 44 §), moved to the next
    /// vardag by lag (1930:173) 2 §.
    #[test]
    fn oracle_22_to_28_overklagande() {
        let cases = [
            ("2025-12-12", "2026-01-02", "", "löper"),
            (
                "2025-12-03",
                "2025-12-24",
                "→2025-12-29 (julafton)",
                "löper",
            ),
            (
                "2025-12-10",
                "2025-12-31",
                "→2026-01-02 (nyårsafton)",
                "löper",
            ),
            (
                "2026-03-13",
                "2026-04-03",
                "→2026-04-07 (långfredagen)",
                "löper",
            ),
            (
                "2026-05-29",
                "2026-06-19",
                "→2026-06-22 (midsommarafton)",
                "löper",
            ),
            (
                "2026-04-23",
                "2026-05-14",
                "→2026-05-15 (Kristi himmelsfärdsdag)",
                "löper",
            ),
            (
                "2026-12-10",
                "2026-12-31",
                "→2027-01-04 (nyårsafton)",
                "löper",
            ),
        ];
        for (delgiven, nominal, moved, status) in cases {
            // An avslag on an insats the riktlinje does not describe: only the överklagande.
            let avslag = Beslut {
                insats: insats("okand"),
                beslutsdatum: Some(d(delgiven)),
                delgiven: Some(d(delgiven)),
                gynnande: Some(false),
                ..Beslut::default()
            };
            let want =
                format!("Overklagande Beslut(0) Fl44 {delgiven}..{nominal}{moved}: {status}");
            check(&case_of(&[avslag]), delgiven, &[&want]);
        }
        let avslag = Beslut {
            delgiven: Some(d("2025-12-03")),
            gynnande: Some(false),
            ..Beslut::default()
        };
        let case = case_of(&[avslag]);
        let frist = "Overklagande Beslut(0) Fl44 2025-12-03..2025-12-24→2025-12-29 (julafton)";
        check(
            &case,
            "2025-12-24",
            &[&format!("{frist}: går ut inom 5 dagar")],
        );
        check(&case, "2025-12-29", &[&format!("{frist}: går ut i dag")]);
        check(
            &case,
            "2025-12-30",
            &[&format!("{frist}: överskriden med 1 dag")],
        );
        // Not yet delgiven on the day of prövning.
        check(&case, "2025-12-02", &[]);
    }

    /// Oracle 30: an anmälan on 2025-12-17; day 14 is nyårsafton. The engine warns by the
    /// calendar day and flags the förhandsbedömning as overskriden after 2026-01-02.
    #[test]
    fn oracle_30_forhandsbedomning() {
        let case = Case {
            barnarende: Some(Barnarende {
                anmalan_inkom: Some(d("2025-12-17")),
                ..Barnarende::default()
            }),
            ..Case::default()
        };
        let skydd = "Skyddsbedomning Barnarende SoL20Kap1 2025-12-17..2025-12-17";
        let forhand = "Forhandsbedomning Barnarende SoL20Kap2 2025-12-17..2025-12-31\
                       →2026-01-02 (nyårsafton)";
        check(
            &case,
            "2025-12-17",
            &[
                &format!("{skydd}: går ut i dag"),
                &format!("{forhand}: löper"),
            ],
        );
        check(
            &case,
            "2025-12-31",
            &[
                &format!("{skydd}: överskriden med 14 dagar"),
                &format!("{forhand}: går ut inom 2 dagar"),
            ],
        );
        let mut bedomd = case.clone();
        if let Some(barnarende) = &mut bedomd.barnarende {
            barnarende.skyddsbedomning_gjord = Some(d("2025-12-17"));
        }
        check(
            &bedomd,
            "2026-01-02",
            &[&format!("{forhand}: går ut i dag")],
        );
        check(
            &bedomd,
            "2026-01-03",
            &[&format!("{forhand}: överskriden med 1 dag")],
        );
        // A riktlinje that holds 2 § not to apply: the calendar day is the last day.
        let mut table = TableSpec::with_insatser(&[]);
        table
            .params
            .push((FORHANDSBEDOMNING_PARAM.into(), vec![(d("2025-01-01"), 0)]));
        let calendar = "Forhandsbedomning Barnarende SoL20Kap2 2025-12-17..2025-12-31";
        check_with(
            &table,
            &bedomd,
            "2026-01-01",
            &[&format!("{calendar}: överskriden med 1 dag")],
        );
        // A förhandsbedömning that ended, with or without an utredning, ends both frister.
        let mut klar = case.clone();
        if let Some(barnarende) = &mut klar.barnarende {
            barnarende.forhandsbedomning_klar = Some(d("2025-12-20"));
        }
        check(&klar, "2026-01-03", &[]);
    }

    /// Oracle 31: a barnutredning inledd 2025-10-31 is to be finished by 2026-02-28, a lördag,
    /// so by 2026-03-02.
    #[test]
    fn oracle_31_barnutredning() {
        let mut barnarende = Barnarende {
            anmalan_inkom: Some(d("2025-10-20")),
            utredning_inledd: Some(d("2025-10-31")),
            ..Barnarende::default()
        };
        let case = Case {
            barnarende: Some(barnarende),
            ..Case::default()
        };
        let utredning = "Barnutredning Barnarende SoL20Kap3 2025-10-31..2026-02-28\
                         →2026-03-02 (lördag)";
        check(
            &case,
            "2026-02-27",
            &[&format!("{utredning}: går ut inom 3 dagar")],
        );
        check(
            &case,
            "2026-03-03",
            &[&format!("{utredning}: överskriden med 1 dag")],
        );
        barnarende.utredning_avslutad = Some(d("2026-02-20"));
        let case = Case {
            barnarende: Some(barnarende),
            ..Case::default()
        };
        check(&case, "2026-03-03", &[]);
        // Before SoL (2025:400), the old chapter 11 is cited.
        let old = Case {
            barnarende: Some(Barnarende {
                utredning_inledd: Some(d("2025-03-03")),
                ..Barnarende::default()
            }),
            ..Case::default()
        };
        check(
            &old,
            "2025-06-20",
            &["Barnutredning Barnarende SoL2001Kap11Par2 2025-03-03..2025-07-03: löper"],
        );
    }

    /// Oracle 34: an ansökan of 2025-06-01 not decided by 2025-12-01: the party may ask for a
    /// decision (FL 12 §).
    #[test]
    fn oracle_34_fl_12() {
        let mut case = Case::default();
        let ansokan = Ansokan {
            insats: insats("hemtjanst"),
            ansokningsdatum: Some(d("2025-06-01")),
            ..Ansokan::default()
        };
        let _ = case.ansokningar.push(ansokan);
        let fl12 = "Fl12 Ansokan(0) Fl12 2025-06-01..2025-12-01";
        check(&case, "2025-12-01", &[&format!("{fl12}: går ut i dag")]);
        check(
            &case,
            "2025-12-02",
            &[&format!("{fl12}: överskriden med 1 dag")],
        );
        // A beslut on another insats, or an earlier one on the same, does not decide it.
        let mut other = beslut("sarskilt_boende", "2025-07-01");
        other.verkstalld = Some(d("2025-07-02"));
        let mut earlier = beslut("hemtjanst", "2025-01-01");
        earlier.gynnande = Some(false);
        let _ = case.beslut.push(other);
        let _ = case.beslut.push(earlier);
        check(
            &case,
            "2025-12-02",
            &[&format!("{fl12}: överskriden med 1 dag")],
        );
        let mut decided = beslut("hemtjanst", "2025-11-20");
        decided.gynnande = Some(false);
        let _ = case.beslut.push(decided);
        check(&case, "2025-12-02", &[]);
    }

    /// Oracle 20, third bullet: a tidsbegränsat beslut ending 2026-03-31 needs a new prövning.
    #[test]
    fn tidsbegransat_until_proved_again() {
        let mut first = beslut("hemtjanst", "2025-10-01");
        first.verkstalld = Some(d("2025-10-05"));
        first.giltighet = Some(Giltighet::Till(d("2026-03-31")));
        let case = case_of(&[first.clone()]);
        let tid = "Tidsbegransat Beslut(0) Giltighetstid 2025-10-01..2026-03-31";
        check(
            &case,
            "2026-03-25",
            &[&format!("{tid}: går ut inom 6 dagar")],
        );
        let mut second = beslut("hemtjanst", "2026-03-20");
        second.verkstalld = Some(d("2026-04-01"));
        let case = case_of(&[first, second]);
        check(&case, "2026-03-19", &[&format!("{tid}: löper")]);
        check(&case, "2026-04-01", &[]);
    }

    /// Days after the day of prövning have not come: a later beslut has no frister yet.
    #[test]
    fn later_days_have_not_come() {
        let mut later = beslut("hemtjanst", "2026-01-10");
        later.delgiven = Some(d("2026-01-12"));
        check(&case_of(&[later]), "2026-01-09", &[]);
    }

    /// An insats the riktlinje does not describe: SoL or LSS is unknown, and so is the lagrum.
    #[test]
    fn unknown_insats_has_unknown_lag() {
        let case = case_of(&[beslut("okand", "2025-10-15")]);
        check(
            &case,
            "2025-11-01",
            &["EjVerkstallt Beslut(0) OkandLag 2025-10-15..2026-01-15: löper"],
        );
    }

    /// The fullest case gives every frist it can and still fits.
    #[test]
    fn the_fullest_case_fits() {
        let mut full = beslut("bostad_vuxna", "2025-01-01");
        full.delgiven = Some(d("2025-01-02"));
        full.verkstalld = Some(d("2025-06-01"));
        full.avbrott = Some(d("2025-07-01"));
        full.giltighet = Some(Giltighet::Till(d("2026-12-31")));
        let mut case = Case::default();
        for _ in 0..crate::limits::MAX_BESLUT {
            let _ = case.beslut.push(full.clone());
        }
        let ansokan = Ansokan {
            insats: insats("hemtjanst"),
            ansokningsdatum: Some(d("2025-01-01")),
            ..Ansokan::default()
        };
        for _ in 0..crate::limits::MAX_ANSOKNINGAR {
            let _ = case.ansokningar.push(ansokan.clone());
        }
        case.barnarende = Some(Barnarende {
            anmalan_inkom: Some(d("2025-08-01")),
            ..Barnarende::default()
        });
        let atgard = Skyddsatgard {
            typ: insats("sanggrind"),
            beslutsdatum: Some(d("2025-01-01")),
            samtycke: crate::case::Samtycke {
                aterkallat: Some(d("2025-07-01")),
                ..crate::case::Samtycke::default()
            },
            ..Skyddsatgard::default()
        };
        for _ in 0..crate::limits::MAX_SKYDDSATGARDER {
            let _ = case.skyddsatgarder.push(atgard.clone());
        }
        case.skyddat_boende = Some(SkyddatBoende {
            placering_paborjad: Some(d("2025-07-20")),
            omedelbart_beslut: Some(d("2025-07-10")),
            faststallt: Some(d("2025-07-25")),
            ..SkyddatBoende::default()
        });
        let mut table = TableSpec::with_insatser(&[("bostad_vuxna", Lag::Lss)]);
        table.params.push((
            UPPFOLJNING_SKYDDSATGARD_PARAM.into(),
            vec![(d("2025-01-01"), 3)],
        ));
        let table = table.table();
        let frister = frister(&table, &case, d("2025-08-01"));
        let n_frister = frister.as_ref().map(|frister| frister.len());
        let per_beslut = crate::limits::FRISTER_PER_BESLUT;
        let want = crate::limits::MAX_BESLUT * per_beslut
            + crate::limits::MAX_ANSOKNINGAR
            + 2
            + crate::limits::MAX_SKYDDSATGARDER * crate::limits::FRISTER_PER_SKYDDSATGARD
            + 3;
        assert_eq!(n_frister, Ok(want));
        let kinds: std::collections::BTreeSet<FristKind> = frister
            .iter()
            .flatten()
            .filter(|frist| frist.subject == Subject::Beslut(0))
            .map(|frist| frist.kind)
            .collect();
        assert_eq!(kinds.len(), per_beslut, "{kinds:?}");
        assert!(kinds.contains(&FristKind::RapporteraVerkstallt));
        // Not yet verkställt, the beslut gives ej verkställt in place of rapportera verkställt.
        let frister = super::frister(&table, &case, d("2025-05-01"));
        let kinds: std::collections::BTreeSet<FristKind> = frister
            .iter()
            .flatten()
            .filter(|frist| frist.subject == Subject::Beslut(0))
            .map(|frist| frist.kind)
            .collect();
        assert!(kinds.contains(&FristKind::EjVerkstallt), "{kinds:?}");
        assert!(kinds.len() <= per_beslut, "{kinds:?}");
    }

    /// Oracle 32: a child placed in skyddat boende from 2026-01-15: övervägande by 2026-07-15
    /// (SoL 22 kap. 13 §), then six months from each övervägande, until the placement ends.
    #[test]
    fn oracle_32_overvagande_skyddat_boende() {
        let mut boende = SkyddatBoende {
            placering_paborjad: Some(d("2026-01-15")),
            ..SkyddatBoende::default()
        };
        let case_of_boende = |boende: SkyddatBoende| Case {
            skyddat_boende: Some(boende),
            ..Case::default()
        };
        let overvagande =
            "OvervagandeSkyddatBoende SkyddatBoende SoL22Kap13 2026-01-15..2026-07-15";
        check(
            &case_of_boende(boende),
            "2026-07-10",
            &[&format!("{overvagande}: går ut inom 5 dagar")],
        );
        check(
            &case_of_boende(boende),
            "2026-07-16",
            &[&format!("{overvagande}: överskriden med 1 dag")],
        );
        boende.senaste_overvagande = Some(d("2026-07-01"));
        check(
            &case_of_boende(boende),
            "2026-07-16",
            &["OvervagandeSkyddatBoende SkyddatBoende SoL22Kap13 2026-07-01..2027-01-01: löper"],
        );
        // Under lag (2024:79), the same six months under its 5 kap. 3 §.
        boende.utan_vardnadshavares_samtycke = Some(true);
        check(
            &case_of_boende(boende),
            "2026-07-16",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende Lag2024Nr79Kap5Par3 2026-07-01..2027-01-01: löper",
            ],
        );
        boende.placering_avslutad = Some(d("2026-08-01"));
        check(&case_of_boende(boende), "2026-08-01", &[]);
        // Before SoL (2025:400), the old 6 kap. 8 §.
        let old = SkyddatBoende {
            placering_paborjad: Some(d("2025-01-15")),
            ..SkyddatBoende::default()
        };
        check(
            &case_of_boende(old),
            "2025-06-01",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende SoL2001Kap6Par8 2025-01-15..2025-07-15: löper",
            ],
        );
    }

    /// Oracle 33: an omedelbart beslut on 2026-03-02 (a måndag) is to be underställt
    /// förvaltningsrätten by 2026-03-09; then the four and six weeks of lag (2024:79).
    #[test]
    fn oracle_33_understallning_and_the_weeks_of_lag_2024_79() {
        let mut boende = SkyddatBoende {
            utan_vardnadshavares_samtycke: Some(true),
            omedelbart_beslut: Some(d("2026-03-02")),
            ..SkyddatBoende::default()
        };
        let case_of_boende = |boende: SkyddatBoende| Case {
            skyddat_boende: Some(boende),
            ..Case::default()
        };
        let understallning =
            "Understallning SkyddatBoende Lag2024Nr79Kap4Par3 2026-03-02..2026-03-09";
        check(
            &case_of_boende(boende),
            "2026-03-02",
            &[&format!("{understallning}: går ut inom 7 dagar")],
        );
        check(
            &case_of_boende(boende),
            "2026-03-10",
            &[&format!("{understallning}: överskriden med 1 dag")],
        );
        // Underställt, fastställt and placed: apply within six weeks of the start, moved to a
        // vardag (2026-04-29 + 6 weeks is 2026-06-10, a onsdag).
        boende.understallt = Some(d("2026-03-05"));
        boende.faststallt = Some(d("2026-03-12"));
        boende.placering_paborjad = Some(d("2026-04-29"));
        check(
            &case_of_boende(boende),
            "2026-05-01",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende Lag2024Nr79Kap5Par3 2026-04-29..2026-10-29: löper",
                "AnsokanInomSexVeckor SkyddatBoende Lag2024Nr79Kap4Par6 2026-04-29..2026-06-10: löper",
            ],
        );
        boende.ansokan_forvaltningsratten = Some(d("2026-05-20"));
        check(
            &case_of_boende(boende),
            "2026-05-21",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende Lag2024Nr79Kap5Par3 2026-04-29..2026-10-29: löper",
            ],
        );
        // A beslut of förvaltningsrätten with laga kraft 2026-05-29: the placement must start
        // within four weeks, by 2026-06-26; the day is not moved.
        let laga_kraft = SkyddatBoende {
            utan_vardnadshavares_samtycke: Some(true),
            laga_kraft: Some(d("2026-05-29")),
            ..SkyddatBoende::default()
        };
        check(
            &case_of_boende(laga_kraft),
            "2026-06-27",
            &[
                "PlaceringInomFyraVeckor SkyddatBoende Lag2024Nr79Kap3Par4 2026-05-29..2026-06-26: överskriden med 1 dag",
            ],
        );
    }

    /// The uppföljning of a skyddsåtgärd: at the riktlinje's interval from the latest
    /// uppföljning, and at once when the samtycke is withdrawn; none for a nödsituation, none
    /// without an interval.
    #[test]
    fn uppfoljning_of_skyddsatgard() {
        let mut table = TableSpec::with_insatser(&[]);
        table.params.push((
            UPPFOLJNING_SKYDDSATGARD_PARAM.into(),
            vec![(d("2025-01-01"), 3)],
        ));
        let mut atgard = Skyddsatgard {
            typ: insats("sanggrind"),
            beslutsdatum: Some(d("2025-11-30")),
            ..Skyddsatgard::default()
        };
        let case_of_atgard = |atgard: &Skyddsatgard| Case {
            skyddsatgarder: core::iter::once(atgard.clone()).collect(),
            ..Case::default()
        };
        let regular = "UppfoljningSkyddsatgard Skyddsatgard(0) SkyddsatgardRutin";
        check_with(
            &table,
            &case_of_atgard(&atgard),
            "2026-02-28",
            &[&format!("{regular} 2025-11-30..2026-02-28: går ut i dag")],
        );
        atgard.senast_uppfoljd = Some(d("2026-02-20"));
        atgard.samtycke.aterkallat = Some(d("2026-03-02"));
        check_with(
            &table,
            &case_of_atgard(&atgard),
            "2026-03-03",
            &[
                &format!("{regular} 2026-02-20..2026-05-20: löper"),
                "UppfoljningAterkallatSamtycke Skyddsatgard(0) Rf2Kap6och8 2026-03-02..2026-03-02: överskriden med 1 dag",
            ],
        );
        let tabled = table.table();
        let person = Facts::new();
        let forsenad = |atgard: &Skyddsatgard, as_of: &str| {
            skyddsatgard_facts(&tabled, &person, atgard, d(as_of)).get(FactId::UppfoljningForsenad)
        };
        assert_eq!(forsenad(&atgard, "2026-03-02"), Some(0));
        assert_eq!(forsenad(&atgard, "2026-03-03"), Some(1));
        atgard.senast_uppfoljd = Some(d("2026-03-02"));
        assert_eq!(forsenad(&atgard, "2026-03-03"), Some(0));
        assert_eq!(forsenad(&atgard, "2026-06-03"), Some(1));
        // A measure taken once in a nödsituation has no regular uppföljning.
        atgard.nodsituation = Some(true);
        assert_eq!(forsenad(&atgard, "2026-06-03"), Some(0));
        // Without an interval in the riktlinje, overdue or not is unknown.
        let bare = TableSpec::with_insatser(&[]);
        let bare = bare.table();
        atgard.nodsituation = Some(false);
        let facts = skyddsatgard_facts(&bare, &person, &atgard, d("2026-06-03"));
        assert_eq!(facts.get(FactId::UppfoljningForsenad), None);
    }

    /// Condition code for the tests of skyddsåtgärder.
    mod code {
        use crate::case::FactId;
        use crate::table::Op;

        pub fn fact(fact: FactId) -> Vec<u8> {
            Op::Fact.encode(i32::from(fact.index())).to_vec()
        }

        pub fn is(fact_id: FactId, value: i32) -> Vec<u8> {
            let mut code = fact(fact_id);
            code.extend(Op::Push.encode(value));
            code.extend(Op::Eq.encode(0));
            code
        }

        pub fn not(mut code: Vec<u8>) -> Vec<u8> {
            code.extend(Op::Not.encode(0));
            code
        }

        pub fn and(mut left: Vec<u8>, right: Vec<u8>) -> Vec<u8> {
            left.extend(right);
            left.extend(Op::And.encode(0));
            left
        }
    }

    /// A small riktlinje for skyddsåtgärder: two kinds (`sanggrind`, and `gps_larm` as digital
    /// teknik) and a third without a tillåten rule (`balte`).
    fn atgard_table() -> TableSpec {
        use crate::table::{ALLA_ATGARDER, AtgardRuleKind::*};
        use code::{and, fact, is, not};
        let mut spec = TableSpec::with_insatser(&[]);
        spec.atgarder = vec![
            ("sanggrind".into(), false),
            ("gps_larm".into(), true),
            ("balte".into(), false),
        ];
        let ingen = crate::case::SamtyckeAv::Ingen as i32;
        let egen = crate::case::SamtyckeAv::DenEnskilde as i32;
        let alla = ALLA_ATGARDER;
        spec.add_atgard_rule(
            "L-INGEN",
            alla,
            EjTillaten,
            &and(
                is(FactId::SamtyckeAv, ingen),
                not(fact(FactId::Nodsituation)),
            ),
        );
        spec.add_atgard_rule("L-GENERELL", alla, EjTillaten, &fact(FactId::Generell));
        spec.add_atgard_rule(
            "L-KROPP",
            alla,
            EjTillaten,
            &and(fact(FactId::DigitalTeknik), fact(FactId::InutiKroppen)),
        );
        spec.add_atgard_rule(
            "N-AKUT",
            alla,
            JuridiskBedomning,
            &fact(FactId::Nodsituation),
        );
        spec.add_atgard_rule(
            "R-RISK",
            alla,
            RutinEjFoljd,
            &not(fact(FactId::RiskbedomningGjord)),
        );
        spec.add_atgard_rule(
            "R-JOURNAL",
            alla,
            RutinEjFoljd,
            &not(fact(FactId::DokumenteradIJournal)),
        );
        spec.add_atgard_rule(
            "R-MAS",
            alla,
            RutinEjFoljd,
            &not(fact(FactId::MasInformerad)),
        );
        // Deliberately weak: the engine itself must hold the line on the person's own samtycke.
        spec.add_atgard_rule(
            "T",
            0b011,
            TillatenMedSamtycke,
            &is(FactId::SamtyckeAv, egen),
        );
        spec.add_atgard_rule("U-DIGITAL", 0b010, Upplysning, &fact(FactId::DigitalTeknik));
        spec
    }

    fn followed() -> Skyddsatgard {
        Skyddsatgard {
            typ: insats("sanggrind"),
            samtycke: crate::case::Samtycke {
                av: Some(crate::case::SamtyckeAv::DenEnskilde),
                accepterar_fortfarande: Some(true),
                ..crate::case::Samtycke::default()
            },
            riskbedomning: Some(d("2026-01-10")),
            dokumenterad_i_journal: Some(true),
            mas_informerad: Some(true),
            generell: Some(false),
            nodsituation: Some(false),
            inuti_kroppen: Some(false),
            ..Skyddsatgard::default()
        }
    }

    /// The outcome of one skyddsåtgärd and its reasons as `message rule fact`.
    fn check_atgard(atgard: &Skyddsatgard, want: AtgardOutcome, want_reasons: &[&str]) {
        let spec = atgard_table();
        let bytes = spec.encode();
        let table = Table::decode(&bytes);
        assert!(table.is_ok(), "tabellen avvisades: {table:?}");
        let Ok(table) = table else { return };
        let case = Case {
            skyddsatgarder: core::iter::once(atgard.clone()).collect(),
            ..Case::default()
        };
        let evaluation = evaluate(&table, &case, d("2026-02-01"));
        let result = evaluation
            .as_ref()
            .ok()
            .and_then(|e| e.skyddsatgarder.first());
        assert!(result.is_some(), "ingen prövning: {evaluation:?}");
        let Some(result) = result else { return };
        let reasons: Vec<String, 32> = result
            .reasons
            .iter()
            .map(|reason| {
                let rule = reason
                    .rule_idx
                    .and_then(|index| table.atgard_rules.get(usize::from(index)))
                    .map_or("-", |rule| rule.id);
                match reason.fact {
                    Some(fact) => format!("{:?} {rule} {fact:?}", reason.message),
                    None => format!("{:?} {rule}", reason.message),
                }
            })
            .collect();
        assert_eq!(
            (result.outcome, reasons),
            (want, want_reasons.iter().map(|r| (*r).to_owned()).collect()),
            "{atgard:?}"
        );
    }

    /// Every step followed, with the person's own samtycke: tillåten.
    #[test]
    fn atgard_allowed_with_own_samtycke() {
        check_atgard(
            &followed(),
            AtgardOutcome::TillatenMedSamtycke,
            &["RegelUppfylld T"],
        );
    }

    /// Each rule of the law that holds is a reason; the rutin is not looked at.
    #[test]
    fn atgard_barred_lists_every_bar() {
        let mut atgard = followed();
        atgard.samtycke.av = Some(crate::case::SamtyckeAv::Ingen);
        atgard.generell = Some(true);
        atgard.mas_informerad = Some(false);
        check_atgard(
            &atgard,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld L-INGEN", "RegelUppfylld L-GENERELL"],
        );
    }

    /// Each missing step of the rutin is a reason of its own; a step whose fact is missing is
    /// named as not shown.
    #[test]
    fn atgard_rutin_names_each_missing_step() {
        let mut atgard = followed();
        atgard.riskbedomning = None;
        atgard.dokumenterad_i_journal = Some(false);
        atgard.mas_informerad = None;
        check_atgard(
            &atgard,
            AtgardOutcome::RutinEjFoljd,
            &[
                "RegelUppfylld R-RISK",
                "RegelUppfylld R-JOURNAL",
                "RutinstegOvisat R-MAS MasInformerad",
            ],
        );
        // A riskbedömning dated after the day of prövning is not yet made.
        atgard.riskbedomning = Some(d("2026-03-01"));
        atgard.dokumenterad_i_journal = Some(true);
        atgard.mas_informerad = Some(true);
        check_atgard(
            &atgard,
            AtgardOutcome::RutinEjFoljd,
            &["RegelUppfylld R-RISK"],
        );
    }

    /// A nödsituation is for a juridisk bedömning, not a rule of the riktlinje; a bar that
    /// cannot be tried for a missing fact leaves the outcome to a juridisk bedömning too.
    #[test]
    fn atgard_juridisk_bedomning() {
        let mut atgard = followed();
        atgard.samtycke.av = Some(crate::case::SamtyckeAv::Ingen);
        atgard.nodsituation = Some(true);
        check_atgard(
            &atgard,
            AtgardOutcome::KraverJuridiskBedomning,
            &["RegelUppfylld N-AKUT"],
        );
        let mut unknown = followed();
        unknown.samtycke.av = Some(crate::case::SamtyckeAv::Ingen);
        unknown.nodsituation = None;
        check_atgard(
            &unknown,
            AtgardOutcome::KraverJuridiskBedomning,
            &["UppgiftSaknas L-INGEN Nodsituation"],
        );
    }

    /// The engine's own line: a riktlinje rule that would allow a measure the person no longer
    /// accepts, or whose samtycke is withdrawn, does not make it tillåten.
    #[test]
    fn atgard_never_allowed_without_own_standing_samtycke() {
        let mut atgard = followed();
        atgard.samtycke.accepterar_fortfarande = Some(false);
        check_atgard(
            &atgard,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld T", "EgetSamtyckeSaknas -"],
        );
        let mut withdrawn = followed();
        withdrawn.samtycke.aterkallat = Some(d("2026-01-20"));
        check_atgard(
            &withdrawn,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld T", "EgetSamtyckeSaknas -"],
        );
        let mut unknown = followed();
        unknown.samtycke.accepterar_fortfarande = None;
        check_atgard(
            &unknown,
            AtgardOutcome::KraverJuridiskBedomning,
            &[
                "RegelUppfylld T",
                "EgetSamtyckeSaknas - AccepterarFortfarande",
            ],
        );
    }

    /// Digital teknik inside the body is barred; the kind's declaration gives the fact.
    #[test]
    fn atgard_digital_teknik_inside_the_body() {
        let mut gps = followed();
        gps.typ = insats("gps_larm");
        check_atgard(
            &gps,
            AtgardOutcome::TillatenMedSamtycke,
            &["RegelUppfylld T", "RegelUppfylld U-DIGITAL"],
        );
        gps.inuti_kroppen = Some(true);
        check_atgard(
            &gps,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld L-KROPP", "RegelUppfylld U-DIGITAL"],
        );
        // The same fact on a kind that is not digital teknik bars nothing.
        let mut sanggrind = followed();
        sanggrind.inuti_kroppen = Some(true);
        check_atgard(
            &sanggrind,
            AtgardOutcome::TillatenMedSamtycke,
            &["RegelUppfylld T"],
        );
    }

    /// A kind without a tillåten rule, and a kind the riktlinje does not declare, are for a
    /// juridisk bedömning; the rules for every kind still apply to the unknown kind.
    #[test]
    fn atgard_unknown_kind_and_no_deciding_rule() {
        let mut balte = followed();
        balte.typ = insats("balte");
        check_atgard(
            &balte,
            AtgardOutcome::KraverJuridiskBedomning,
            &["IngenRegelPassar -"],
        );
        let mut okand = followed();
        okand.typ = insats("handfangsel");
        check_atgard(
            &okand,
            AtgardOutcome::KraverJuridiskBedomning,
            &["OkandAtgard -"],
        );
        okand.generell = Some(true);
        check_atgard(
            &okand,
            AtgardOutcome::EjTillaten,
            &["OkandAtgard -", "RegelUppfylld L-GENERELL"],
        );
    }

    #[test]
    fn ny_sol_ikraft_is_2025_07_01() {
        assert_eq!(NY_SOL_IKRAFT, d("2025-07-01"));
    }

    proptest! {
        /// Every day from the calendar day of a förhandsbedömning to its moved last day is
        /// within the warning window, so the calendar day is never passed unwarned.
        #[test]
        fn forhandsbedomning_warns_by_the_calendar_day(
            days in d("1990-01-01").days()..=d("2199-12-31").days(),
            after in 0i32..=7,
        ) {
            let inkom = Date::from_days(days).unwrap_or(Date::EPOCH);
            let case = Case {
                barnarende: Some(Barnarende {
                    anmalan_inkom: Some(inkom),
                    skyddsbedomning_gjord: Some(inkom),
                    ..Barnarende::default()
                }),
                ..Case::default()
            };
            let spec = TableSpec::with_insatser(&[]);
            let table = spec.table();
            let nominal = inkom.add_days(14).unwrap_or(Date::MAX);
            let as_of = nominal.add_days(after).unwrap_or(Date::MAX);
            let frister = frister(&table, &case, as_of);
            let frist = frister.as_ref().ok().and_then(|frister| frister.first());
            prop_assert!(frist.is_some());
            let Some(frist) = frist else { return Ok(()) };
            prop_assert_eq!(frist.nominal, nominal);
            if as_of <= frist.sista_dag {
                prop_assert!(matches!(frist.status, FristStatus::GarUtInom { .. }), "{:?}", frist);
            } else {
                prop_assert!(matches!(frist.status, FristStatus::Overskriden { .. }), "{:?}", frist);
            }
        }

        /// Any case under any valid table: no panic, and the same bytes twice.
        #[test]
        fn evaluation_is_total_and_deterministic(
            (spec, case, as_of) in testing::table_spec().prop_flat_map(|spec| {
                let ids = spec.ids();
                let atgard_ids = spec.atgard_ids();
                (Just(spec), testing::case(ids, atgard_ids), testing::date())
            })
        ) {
            check_total(&spec, &case, as_of)?;
        }
    }

    /// The body of `evaluation_is_total_and_deterministic`, apart so its frame is its own.
    fn check_total(spec: &TableSpec, case: &Case, as_of: Date) -> Result<(), TestCaseError> {
        let bytes = spec.encode();
        let table = Table::decode(&bytes);
        prop_assert!(table.is_ok(), "{:?}", table);
        let Ok(table) = table else { return Ok(()) };
        let first = evaluate(&table, case, as_of);
        let second = evaluate(&table, case, as_of);
        let mut provningar = Evaluation::empty();
        let only = evaluate_provningar_into(&table, case, as_of, &mut provningar);
        prop_assert_eq!(only.is_ok(), first.is_ok());
        if let Ok(first) = &first {
            prop_assert_eq!(&provningar.provningar, &first.provningar);
            prop_assert!(provningar.frister.is_empty() && provningar.skyddsatgarder.is_empty());
        }
        prop_assert!(first.is_ok(), "{:?}", first);
        let mut first_buf = [0u8; 16_384];
        let mut second_buf = [0u8; 16_384];
        let first_bytes =
            postcard::to_slice(&first.as_ref().ok(), &mut first_buf).map(|bytes| bytes.to_vec());
        let second_bytes =
            postcard::to_slice(&second.as_ref().ok(), &mut second_buf).map(|bytes| bytes.to_vec());
        prop_assert!(first_bytes.is_ok());
        prop_assert_eq!(first_bytes, second_bytes);
        if let Ok(evaluation) = &first {
            prop_assert_eq!(evaluation.provningar.len(), case.ansokningar.len());
            prop_assert_eq!(evaluation.skyddsatgarder.len(), case.skyddsatgarder.len());
            // Never tillåten without the person's own, standing samtycke.
            for result in &evaluation.skyddsatgarder {
                if result.outcome == AtgardOutcome::TillatenMedSamtycke {
                    let skyddsatgard = case
                        .skyddsatgarder
                        .get(usize::from(result.skyddsatgard_idx));
                    let samtycke = skyddsatgard.map(|skyddsatgard| skyddsatgard.samtycke);
                    prop_assert_eq!(
                        samtycke.and_then(|s| s.av),
                        Some(crate::SamtyckeAv::DenEnskilde)
                    );
                    prop_assert_eq!(samtycke.and_then(|s| s.accepterar_fortfarande), Some(true));
                    prop_assert!(
                        samtycke
                            .and_then(|s| s.aterkallat)
                            .is_none_or(|day| day > as_of)
                    );
                    prop_assert!(result.atgard_idx.is_some());
                }
            }
            for frist in &evaluation.frister {
                prop_assert!(frist.nominal <= frist.sista_dag);
                prop_assert_eq!(
                    frist.moved_because.is_some(),
                    frist.nominal != frist.sista_dag
                );
            }
        }
        Ok(())
    }
}
