//! Evaluations for people and for programs: Swedish prose and the JSON contract.
//!
//! The JSON shape is the documented contract a case system reads (README, `docs/`): the
//! riktlinje version (id and content hash), each application's outcome with its reasons, each
//! reason with its `lagrum`, section and text, the frister, and for each skyddsåtgärd its outcome
//! with its reasons.
//! The text form is what a handläggare reads: outcome per insats, reasons with lagrum and
//! section, the skyddsåtgärder with each reason (every missing step of the rutin on its own
//! line), frister with their last days.
//! Neither form contains the person's identity fields.

use std::fmt::Write as _;

use riktlinjer_compiler::compile::paragrafer;
use riktlinjer_core::evaluation::Subject;
use riktlinjer_core::{
    AtgardOutcome, Counterfactual, Enhet, Evaluation, Finding, FristStatus, InsatsEvaluation,
    LineStatus, MessageId, Num, Outcome, Reason, Role, SkyddsatgardEvaluation, Table, Ursprung,
};
use serde_json::Value;

use crate::answer;
use crate::case::CaseInput;
use crate::texts;

/// The two forms an answer is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Swedish text for a handläggare.
    Text,
    /// JSON for a case system.
    Json,
}

/// The evaluation as the typed answer a case system reads.
pub fn answer(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
) -> answer::Evaluation {
    let provningar = evaluation
        .provningar
        .iter()
        .map(|provning| {
            let ansokan = input
                .case
                .ansokningar
                .get(usize::from(provning.ansokan_idx));
            let insats = provning
                .insats_idx
                .and_then(|index| table.insatser().get(usize::from(index)));
            let facts = compared_facts(table, input, evaluation, provning);
            let skal = provning
                .reasons
                .iter()
                .map(|reason| {
                    let rule = reason
                        .rule_idx
                        .and_then(|index| table.rules().get(usize::from(index)));
                    let fact = fact_name(table, reason);
                    let text = reason_text(table, input, provning, reason);
                    let cited = rule
                        .map(|rule| rule.lagrum)
                        .or(insats.map(|insats| insats.lagrum))
                        .map(|lagrum| cited_on(lagrum, evaluation.as_of));
                    answer::Reason {
                        typ: texts::message_code(reason.message).to_owned(),
                        roll: answer::RoleCode(reason.role),
                        regel: rule.map(|rule| rule.id.to_owned()),
                        lagrum: cited.as_ref().map(|cited| cited.lagrum.clone()),
                        lagrum_i_riktlinjen: cited
                            .and_then(|cited| cited.i_riktlinjen)
                            .map(|(lagrum, _)| lagrum),
                        avsnitt: rule.map(|rule| rule.avsnitt.to_owned()),
                        ursprung: answer::UrsprungCode(
                            rule.map_or(Ursprung::Riktlinje, |rule| rule.ursprung),
                        ),
                        text,
                        uppgift: fact.map(str::to_owned),
                        uppgift_beskrivning: fact_description(table, reason).map(str::to_owned),
                        jamforelser: compared(table, &facts, reason, evaluation.as_of),
                    }
                })
                .collect();
            let (berakning, innefattar) = explained(table, input, evaluation, provning);
            answer::InsatsEvaluation {
                // An id the case sent is repeated only when it has the form of a code: a
                // mapping slip could put a personnummer in its place.
                insats: ansokan
                    .and_then(|ansokan| texts::shown_code(&ansokan.insats))
                    .map(str::to_owned),
                insats_namn: insats.map(|insats| insats.namn.to_owned()),
                lag: insats.map(|insats| texts::lag_label(insats.lag).to_owned()),
                lagrum: insats.map(|insats| cited_on(insats.lagrum, evaluation.as_of).lagrum),
                utfall: answer::OutcomeCode(provning.outcome),
                utfall_text: texts::outcome_label(provning.outcome).to_owned(),
                omfattning: provning
                    .omfattning
                    .map(|varde| omfattning(varde, insats.map(|insats| insats.enhet))),
                beraknad_omfattning: provning
                    .beraknad
                    .map(|varde| omfattning(varde, insats.map(|insats| insats.enhet))),
                berakning,
                innefattar,
                skal,
                utelamnade_skal: u32::from(provning.omitted),
                vad_andrar: None,
            }
        })
        .collect();
    let frister = evaluation
        .frister
        .iter()
        .map(|frist| {
            let (avser, index) = match frist.subject {
                Subject::Beslut(index) => ("beslut", Some(index)),
                Subject::Ansokan(index) => ("ansokan", Some(index)),
                Subject::Barnarende => ("barnarende", None),
                Subject::Skyddsatgard(index) => ("skyddsatgard", Some(index)),
                Subject::SkyddatBoende => ("skyddat_boende", None),
            };
            answer::Frist {
                typ: texts::frist_code(frist.kind).to_owned(),
                namn: frist.kind.name().to_owned(),
                lagrum: frist.lagrum.text().to_owned(),
                avser: avser.to_owned(),
                index: index.map(u32::from),
                start: frist.start.to_string(),
                nominell_sista_dag: frist.nominal.to_string(),
                sista_dag: frist.sista_dag.to_string(),
                dagen_avser: texts::frist_day_code(frist.kind).to_owned(),
                flyttad_eftersom: frist.moved_because.map(|kind| kind.to_string()),
                status: status_code(frist.status).to_owned(),
                status_text: texts::frist_status_text(frist.kind, frist.status),
            }
        })
        .collect();
    answer::Evaluation {
        schema_version: 1,
        arende_id: input.arende_id.clone(),
        skyddade_personuppgifter: is_skyddad(input),
        riktlinje: answer::RiktlinjeRef {
            id: evaluation.riktlinje_id.to_owned(),
            kommun: table.meta().kommun.to_owned(),
            giltig_fran: table.meta().giltig_fran.to_string(),
            status: answer::StatusCode(table.meta().status),
            innehallshash: hash_hex(&evaluation.content_hash),
            grund: table.meta().grund.map(|grund| {
                let version = crate::grund::in_force(table, evaluation.as_of);
                answer::GrundRef {
                    id: version
                        .as_ref()
                        .map_or_else(|| grund.id.to_owned(), |version| version.id.clone()),
                    giltig_fran: version.map(|version| version.giltig_fran.to_string()),
                    innehallshash: hash_hex(&grund.hash),
                }
            }),
        },
        provningsdag: evaluation.as_of.to_string(),
        provningar,
        frister,
        skyddsatgarder: skyddsatgarder_answer(table, input, evaluation),
    }
}

/// The evaluation as the JSON value of the contract: [`answer()`], written with its keys in
/// order.
pub fn to_json(table: &Table<'_>, input: &CaseInput, evaluation: &Evaluation<'_>) -> Value {
    serde_json::to_value(answer(table, input, evaluation)).unwrap_or_default()
}

/// Adds to each prövning of `answer` what would make its ansökan meet the riktlinje: a search
/// of its own per ansökan ([`riktlinjer_core::counterfactual()`]), which a plain evaluation does
/// not pay for.
///
/// # Errors
/// As [`riktlinjer_core::counterfactual()`]; unreachable for the case the evaluation was made of.
pub fn add_counterfactuals(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
    answer: &mut answer::Evaluation,
) -> Result<(), riktlinjer_core::EvaluateError> {
    for (provning, shown) in evaluation.provningar.iter().zip(&mut answer.provningar) {
        shown.vad_andrar = Some(counterfactual_of(table, input, evaluation, provning)?);
    }
    Ok(())
}

/// What would change the outcome of one prövning of the evaluation, as the answer writes it.
fn counterfactual_of(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
    provning: &InsatsEvaluation,
) -> Result<answer::Counterfactual, riktlinjer_core::EvaluateError> {
    let found = riktlinjer_core::counterfactual(
        table,
        &input.case,
        usize::from(provning.ansokan_idx),
        evaluation.as_of,
    )?;
    Ok(counterfactual_answer(table, &found))
}

/// A counterfactual as the answer writes it.
fn counterfactual_answer(table: &Table<'_>, found: &Counterfactual) -> answer::Counterfactual {
    let (resultat, andringar) = match &found.finding {
        Finding::AlreadyMet => ("redan_uppfylld", Vec::new()),
        Finding::NoChange => ("ingen_andring", Vec::new()),
        Finding::Change(changes) => (
            "andring",
            changes
                .iter()
                .map(|change| {
                    let fact = table.fact(change.fact);
                    let kind = fact.map(|fact| fact.kind);
                    answer::FactChange {
                        uppgift: fact.map_or_else(String::new, |fact| fact.name.to_owned()),
                        beskrivning: fact
                            .map(|fact| fact.beskrivning)
                            .filter(|text| !text.is_empty())
                            .map(str::to_owned),
                        fran: change.from.map(|value| texts::fact_value_text(kind, value)),
                        till: texts::fact_value_text(kind, change.to),
                    }
                })
                .collect(),
        ),
    };
    let text = texts::counterfactual_text(
        resultat,
        &andringar
            .iter()
            .map(|change| {
                (
                    change.uppgift.as_str(),
                    change.fran.as_deref(),
                    change.till.as_str(),
                )
            })
            .collect::<Vec<_>>(),
    );
    answer::Counterfactual {
        resultat: resultat.to_owned(),
        andringar,
        text,
        provningar: found.tries,
    }
}

/// The kind's name as the riktlinje writes it, or the case's id for a kind it does not declare.
fn atgard_name(table: &Table<'_>, input: &CaseInput, result: &SkyddsatgardEvaluation) -> String {
    let atgard = result
        .atgard_idx
        .and_then(|index| table.atgarder().get(usize::from(index)));
    match atgard {
        Some(atgard) => atgard.namn.to_owned(),
        None => input
            .case
            .skyddsatgarder
            .get(usize::from(result.skyddsatgard_idx))
            .and_then(|atgard| texts::shown_code(&atgard.typ))
            .map_or_else(|| texts::OKAND_ATGARD.to_owned(), str::to_owned),
    }
}

/// The name of the fact a reason concerns, as the riktlinje's catalogue writes it.
fn fact_name<'t>(table: &'t Table<'_>, reason: &Reason) -> Option<&'t str> {
    reason
        .fact
        .and_then(|slot| table.fact(slot))
        .map(|fact| fact.name)
}

/// The facts of a prövning, when one of its reasons shows the figures a rule compares (a rule
/// that decides or that the ansökan does not meet); none otherwise, so a prövning that needs
/// none prepares none.
fn compared_facts(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
    provning: &InsatsEvaluation,
) -> Option<riktlinjer_core::Facts> {
    let shows = provning
        .reasons
        .iter()
        .any(|reason| shows_figures(table, reason));
    if !shows {
        return None;
    }
    riktlinjer_core::ansokan_facts(
        table,
        &input.case,
        usize::from(provning.ansokan_idx),
        evaluation.as_of,
    )
}

/// Whether a reason shows the figures its rule compares: a rule of the riktlinje that decides
/// or that the ansökan does not meet.
fn shows_figures(table: &Table<'_>, reason: &Reason) -> bool {
    reason.message == MessageId::RegelUppfylld
        && matches!(reason.role, Role::Avgorande | Role::EjUppfylldNorm)
        && reason
            .rule_idx
            .is_some_and(|index| table.rules().get(usize::from(index)).is_some())
}

/// The figures a reason's rule compares, each with the case's value.
fn compared(
    table: &Table<'_>,
    facts: &Option<riktlinjer_core::Facts>,
    reason: &Reason,
    as_of: riktlinjer_core::Date,
) -> Vec<answer::Jamforelse> {
    let (Some(facts), Some(rule)) = (
        facts.as_ref().filter(|_| shows_figures(table, reason)),
        reason
            .rule_idx
            .and_then(|index| table.rules().get(usize::from(index))),
    ) else {
        return Vec::new();
    };
    riktlinjer_core::figures(table, rule, as_of)
        .filter_map(|figure| {
            let fact = table.fact(figure.fact)?;
            let kind = Some(fact.kind);
            Some(answer::Jamforelse {
                uppgift: fact.name.to_owned(),
                varde: facts
                    .get(usize::from(figure.fact))
                    .map(|value| texts::fact_value_text(kind, value)),
                jamforelse: figure.comparison.symbol().to_owned(),
                grans: texts::fact_value_text(kind, figure.figure),
            })
        })
        .collect()
}

/// What the fact a reason concerns means, as the riktlinje's catalogue describes it.
fn fact_description<'t>(table: &'t Table<'_>, reason: &Reason) -> Option<&'t str> {
    reason
        .fact
        .and_then(|slot| table.fact(slot))
        .map(|fact| fact.beskrivning)
        .filter(|beskrivning| !beskrivning.is_empty())
}

/// The text of a reason of a prövning: the rule's own, or the engine's sentence (with the sökt
/// and computed figures when the sökt omfattning is above the schablon).
fn reason_text(
    table: &Table<'_>,
    input: &CaseInput,
    provning: &InsatsEvaluation,
    reason: &Reason,
) -> String {
    let rule = reason
        .rule_idx
        .and_then(|index| table.rules().get(usize::from(index)));
    let insats = provning
        .insats_idx
        .and_then(|index| table.insatser().get(usize::from(index)));
    let sokt = input
        .case
        .ansokningar
        .get(usize::from(provning.ansokan_idx))
        .and_then(|ansokan| ansokan.sokt_omfattning);
    match (reason.message, rule) {
        (MessageId::RegelUppfylld, Some(rule)) => rule.skal.to_owned(),
        (MessageId::UppgiftSaknas, _) if reason.role == Role::SaknadUppgift => {
            texts::further_missing_fact_text(
                rule.map(|rule| rule.id),
                fact_name(table, reason),
                fact_description(table, reason),
            )
        }
        (MessageId::OmfattningOverSchablon, _) => match (sokt, provning.beraknad, insats) {
            (Some(sokt), Some(beraknad), Some(insats)) => {
                texts::over_schablon_text(sokt, beraknad, insats.enhet)
            }
            _ => texts::message_text(reason.message, None, None),
        },
        (message, rule) => {
            let fact = fact_name(table, reason);
            let text = texts::message_text(message, rule.map(|rule| rule.id), fact);
            // A missing fact is named with what it means, so the handläggare knows what to ask.
            match (fact, fact_description(table, reason)) {
                (Some(fact), Some(beskrivning)) => text.replacen(
                    &format!("«{fact}»"),
                    &format!("«{fact}» ({})", beskrivning.trim_end_matches('.')),
                    1,
                ),
                _ => text,
            }
        }
    }
}

/// An omfattning in thousandths of `enhet`, as the answer writes it.
fn omfattning(thousandths: i64, enhet: Option<Enhet>) -> answer::Omfattning {
    answer::Omfattning {
        varde: thousandths_f64(thousandths),
        text: texts::decimal_text(thousandths),
        enhet: enhet.map(|enhet| texts::enhet_code(enhet).to_owned()),
    }
}

/// Thousandths as a JSON number; exact in the shortest form JSON writes (at most three decimals).
pub fn thousandths_f64(thousandths: i64) -> f64 {
    // The division rounds to the nearest double, whose shortest form is the decimal itself.
    thousandths as f64 / 1_000.0
}

/// An exact number rounded to thousandths, as a JSON number.
fn num_f64(value: Num) -> Option<f64> {
    value.to_thousandths().map(thousandths_f64)
}

/// What explains a prövning beyond its reasons: the lines of its computed omfattning, in
/// written order, and what its insats includes in this case (its properties whose condition
/// holds; an unknown condition is left out, since the riktlinje cannot say it applies).
/// The prövning's facts are prepared once for both, and not at all for an insats with neither
/// schablon nor properties.
fn explained(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
    provning: &InsatsEvaluation,
) -> (Vec<answer::BerakningRad>, Vec<answer::Egenskap>) {
    let Some((insats_idx, insats)) = provning
        .insats_idx
        .and_then(|index| table.insats_indices().nth(usize::from(index)))
    else {
        return (Vec::new(), Vec::new());
    };
    if insats.n_components == 0 && insats.n_properties == 0 {
        return (Vec::new(), Vec::new());
    }
    let Some(facts) = riktlinjer_core::ansokan_facts(
        table,
        &input.case,
        usize::from(provning.ansokan_idx),
        evaluation.as_of,
    ) else {
        return (Vec::new(), Vec::new());
    };
    let per_unit = Num::new(insats.to_canonical.0, insats.to_canonical.1);
    let mut lines = Vec::new();
    riktlinjer_core::compute_with(table, insats_idx, &facts, evaluation.as_of, |line| {
        let Some(component) = table.components().get(usize::from(line.component)) else {
            return;
        };
        let status = match line.status {
            LineStatus::Raknas => "raknas",
            LineStatus::GallerInte => "galler_inte",
            LineStatus::IngarI => "ingar_i_annat",
            LineStatus::Okand(_) => "uppgift_saknas",
            LineStatus::Overflow => "for_stor",
        };
        let delsumma = line
            .subtotal
            .zip(per_unit)
            .and_then(|(subtotal, per_unit)| subtotal.checked_div(per_unit))
            .and_then(num_f64);
        lines.push(answer::BerakningRad {
            schablon: component.id.to_owned(),
            namn: component.namn.to_owned(),
            status: status.to_owned(),
            tid: component.tid_enhet.to_owned(),
            antal: component.antal_enhet.to_owned(),
            minuter: line.tid.and_then(num_f64),
            tillfallen_per_ar: line.antal.and_then(num_f64),
            minuter_per_ar: line.subtotal.and_then(num_f64),
            delsumma,
            begransad: line.begransad,
            delad: line.delad,
        });
    });
    let included = table
        .properties_of(insats_idx)
        .iter()
        .filter(|property| {
            riktlinjer_core::property_holds(table, property, &facts, evaluation.as_of)
                == riktlinjer_core::Truth::True
        })
        .map(|property| answer::Egenskap {
            namn: property.namn.to_owned(),
            text: property.text.to_owned(),
            varde: (!property.varde.is_empty()).then(|| property.varde.to_owned()),
            avsnitt: property.avsnitt.to_owned(),
        })
        .collect();
    (lines, included)
}

/// One reason about a skyddsåtgärd: its rule (if any), lagrum, section and text.
struct AtgardReason<'t> {
    rule_id: Option<&'t str>,
    lagrum: Option<&'t str>,
    avsnitt: Option<&'t str>,
    /// The riktlinje's for a rule's reason; the law's for one the engine gives from the law
    /// alone (no lagstöd for tvång, say).
    ursprung: Ursprung,
    text: String,
    fact: Option<&'t str>,
}

fn atgard_reason<'t>(table: &'t Table<'_>, reason: &Reason) -> AtgardReason<'t> {
    let rule = reason
        .rule_idx
        .and_then(|index| table.atgard_rules().get(usize::from(index)));
    let fact = fact_name(table, reason);
    AtgardReason {
        rule_id: rule.map(|rule| rule.id),
        lagrum: rule
            .map(|rule| rule.lagrum)
            .or_else(|| reason.message.lagrum().map(|lagrum| lagrum.text())),
        avsnitt: rule.map(|rule| rule.avsnitt),
        ursprung: match (rule, reason.message.lagrum()) {
            (None, Some(_)) => Ursprung::Lag,
            _ => Ursprung::Riktlinje,
        },
        text: texts::atgard_message_text(
            reason.message,
            rule.map(|rule| rule.id),
            rule.map(|rule| rule.skal),
            fact,
        ),
        fact,
    }
}

/// A rule's lagrum as cited on `day`: the paragraph in force, when the one the riktlinje
/// cites has been repealed by then (the national baseline's map).
fn cited_on(lagrum: &str, day: riktlinjer_core::Date) -> paragrafer::Citation {
    paragrafer::in_force(lagrum, day, paragrafer::baseline())
}

/// [`cited_on`] for text: the lagrum in force, and what the riktlinje cites when that differs.
fn cited_text(lagrum: &str, day: riktlinjer_core::Date) -> String {
    let cited = cited_on(lagrum, day);
    match cited.i_riktlinjen {
        Some((written, fran)) => texts::riktlinjen_hanvisar_till_som(&cited.lagrum, &written, fran),
        None => cited.lagrum,
    }
}

fn skyddsatgarder_answer(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
) -> Vec<answer::Skyddsatgard> {
    evaluation
        .skyddsatgarder
        .iter()
        .map(|result| {
            let atgard = result
                .atgard_idx
                .and_then(|index| table.atgarder().get(usize::from(index)));
            let typ = input
                .case
                .skyddsatgarder
                .get(usize::from(result.skyddsatgard_idx))
                .and_then(|skyddsatgard| texts::shown_code(&skyddsatgard.typ))
                .map(str::to_owned);
            let skal = result
                .reasons
                .iter()
                .map(|reason| {
                    let shown = atgard_reason(table, reason);
                    let cited = shown
                        .lagrum
                        .map(|lagrum| cited_on(lagrum, evaluation.as_of));
                    answer::Reason {
                        typ: texts::message_code(reason.message).to_owned(),
                        roll: answer::RoleCode(reason.role),
                        regel: shown.rule_id.map(str::to_owned),
                        lagrum: cited.as_ref().map(|cited| cited.lagrum.clone()),
                        lagrum_i_riktlinjen: cited
                            .and_then(|cited| cited.i_riktlinjen)
                            .map(|(lagrum, _)| lagrum),
                        avsnitt: shown.avsnitt.map(str::to_owned),
                        ursprung: answer::UrsprungCode(shown.ursprung),
                        text: shown.text,
                        uppgift: shown.fact.map(str::to_owned),
                        uppgift_beskrivning: fact_description(table, reason).map(str::to_owned),
                        jamforelser: Vec::new(),
                    }
                })
                .collect();
            answer::Skyddsatgard {
                index: u32::from(result.skyddsatgard_idx),
                typ,
                typ_namn: atgard.map(|atgard| atgard.namn.to_owned()),
                lagrum: atgard.map(|atgard| cited_on(atgard.lagrum, evaluation.as_of).lagrum),
                utfall: texts::atgard_outcome_code(result.outcome).to_owned(),
                utfall_text: texts::atgard_outcome_label(result.outcome).to_owned(),
                skal,
            }
        })
        .collect()
}

/// Whether the person has skyddade personuppgifter of any level: such a record is marked in
/// every output, and nothing that could identify the person or reveal an address is shown.
pub fn is_skyddad(input: &CaseInput) -> bool {
    !matches!(
        input.case.person.skyddade_personuppgifter,
        None | Some(riktlinjer_core::SkyddadePersonuppgifter::Ingen)
    )
}

fn status_code(status: FristStatus) -> &'static str {
    match status {
        FristStatus::Loper => "loper",
        FristStatus::GarUtInom { .. } => "gar_ut_snart",
        FristStatus::Overskriden { .. } => "overskriden",
        FristStatus::Upplysning => "upplysning",
    }
}

/// The content hash as lowercase hexadecimal.
pub fn hash_hex(hash: &[u8; 32]) -> String {
    hash.iter()
        .fold(String::with_capacity(64), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

/// The evaluation as Swedish prose for a handläggare.
pub fn to_text(table: &Table<'_>, input: &CaseInput, evaluation: &Evaluation<'_>) -> String {
    let mut out = String::new();
    let meta = table.meta();
    let _ = writeln!(
        out,
        "{}",
        texts::provning_enligt_giltig_fran(
            evaluation.as_of,
            if meta.titel.is_empty() {
                "riktlinjen"
            } else {
                meta.titel
            },
            meta.riktlinje_id,
            meta.giltig_fran,
            texts::status_label(meta.status)
        )
    );
    if let Some(id) = &input.arende_id {
        let _ = writeln!(out, "{}", texts::arende(id));
    }
    if is_skyddad(input) {
        let _ = writeln!(out, "{}", texts::SKYDDADE_PERSONUPPGIFTER_UPPGIFTER_SOM);
    }
    let _ = writeln!(
        out,
        "{}",
        texts::innehallshash(hash_hex(&evaluation.content_hash))
    );
    if let Some(grund) = table.meta().grund {
        let id = crate::grund::in_force(table, evaluation.as_of)
            .map_or_else(|| grund.id.to_owned(), |version| version.id);
        let _ = writeln!(
            out,
            "{}",
            texts::nationell_grund_innehallshash(id, hash_hex(&grund.hash))
        );
    }
    if evaluation.provningar.is_empty() && evaluation.skyddsatgarder.is_empty() {
        let _ = writeln!(out, "{}", texts::ARENDET_INNEHALLER_INGEN_ANSOKAN);
    }
    for provning in &evaluation.provningar {
        let ansokan = input
            .case
            .ansokningar
            .get(usize::from(provning.ansokan_idx));
        let insats = provning
            .insats_idx
            .and_then(|index| table.insatser().get(usize::from(index)));
        let name = insats.map_or_else(
            || {
                ansokan
                    .and_then(|ansokan| texts::shown_code(&ansokan.insats))
                    .map_or(texts::OKAND_INSATS.to_owned(), str::to_owned)
            },
            |insats| {
                format!(
                    "{} ({})",
                    insats.namn,
                    cited_text(insats.lagrum, evaluation.as_of)
                )
            },
        );
        let _ = writeln!(out, "\n{name}");
        let _ = writeln!(out, "  Utfall: {}", texts::outcome_label(provning.outcome));
        if let (Some(value), Some(insats)) = (provning.omfattning, insats) {
            let _ = writeln!(
                out,
                "{}",
                texts::omfattning_enligt_riktlinjen(
                    texts::decimal_text(value),
                    texts::enhet_after(value, insats.enhet)
                )
            );
        }
        let (lines, included) = explained(table, input, evaluation, provning);
        if let (Some(value), Some(insats)) = (provning.beraknad, insats) {
            let _ = writeln!(
                out,
                "{}",
                texts::beraknad_omfattning_enligt_schablonen(
                    texts::decimal_text(value),
                    texts::enhet_after(value, insats.enhet)
                )
            );
        }
        // The lines that count; those that do not apply are in the JSON answer.
        for line in lines.iter().filter(|line| line.status != "galler_inte") {
            let _ = writeln!(
                out,
                "    {}",
                texts::breakdown_line(line, insats.map(|i| i.enhet))
            );
        }
        if !included.is_empty() {
            let _ = writeln!(out, "{}", texts::INSATSEN_INNEFATTAR);
            for property in &included {
                let value = property
                    .varde
                    .as_deref()
                    .map_or_else(String::new, |value| format!(": {value}"));
                let _ = writeln!(out, "    {}{value}. {}", property.namn, property.text);
            }
        }
        let facts = compared_facts(table, input, evaluation, provning);
        for reason in &provning.reasons {
            let rule = reason
                .rule_idx
                .and_then(|index| table.rules().get(usize::from(index)));
            let role = texts::role_label(reason.role);
            match (reason.message, rule) {
                (MessageId::RegelUppfylld, Some(rule)) => {
                    let _ = writeln!(
                        out,
                        "  - {role}: {} [{}{}; {}, avsnitt {}]{}",
                        rule.skal,
                        match rule.ursprung {
                            Ursprung::Lag => texts::LAGENS_REGEL,
                            Ursprung::Riktlinje => "",
                        },
                        rule.id,
                        cited_text(rule.lagrum, evaluation.as_of),
                        rule.avsnitt,
                        texts::comparisons_text(&compared(table, &facts, reason, evaluation.as_of))
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "  - {role}: {}",
                        reason_text(table, input, provning, reason)
                    );
                }
            }
        }
        if provning.outcome == Outcome::UppfyllerInte {
            let _ = writeln!(out, "{}", texts::RIKTLINJEN_AR_VAGLEDANDE_ANSOKAN);
        }
    }
    skyddsatgarder_text(&mut out, table, input, evaluation);
    if !evaluation.frister.is_empty() {
        let _ = writeln!(out, "\nFrister");
        for frist in &evaluation.frister {
            let moved = frist
                .moved_because
                .map(|kind| texts::ar_flyttad_enligt_lagen(frist.nominal, kind))
                .unwrap_or_default();
            let subject = match frist.subject {
                Subject::Beslut(index) => input
                    .case
                    .beslut
                    .get(usize::from(index))
                    .map(|beslut| texts::beslut_om(insats_name(table, &beslut.insats)))
                    .unwrap_or_default(),
                Subject::Ansokan(index) => input
                    .case
                    .ansokningar
                    .get(usize::from(index))
                    .map(|ansokan| texts::ansokan_om(insats_name(table, &ansokan.insats)))
                    .unwrap_or_default(),
                Subject::Barnarende => String::new(),
                Subject::Skyddsatgard(index) => evaluation
                    .skyddsatgarder
                    .iter()
                    .find(|result| result.skyddsatgard_idx == index)
                    .map(|result| {
                        format!(" ({})", atgard_name(table, input, result).to_lowercase())
                    })
                    .unwrap_or_default(),
                Subject::SkyddatBoende => String::new(),
            };
            let _ = writeln!(
                out,
                "  - {}{subject}: {} {}{moved}, {} [{}]",
                capitalize(frist.kind.name()),
                texts::frist_day_label(frist.kind),
                frist.sista_dag,
                texts::frist_status_text(frist.kind, frist.status),
                frist.lagrum.text()
            );
        }
    }
    out
}

/// The evaluation as Swedish prose, as [`to_text`], with what would make each ansökan meet the
/// riktlinje after its prövning's reasons.
///
/// # Errors
/// As [`add_counterfactuals`].
pub fn to_text_with_counterfactuals(
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
) -> Result<String, riktlinjer_core::EvaluateError> {
    let mut out = to_text(table, input, evaluation);
    let mut section = String::new();
    for provning in &evaluation.provningar {
        let shown = counterfactual_of(table, input, evaluation, provning)?;
        let name = provning
            .insats_idx
            .and_then(|index| table.insatser().get(usize::from(index)))
            .map_or(texts::OKAND_INSATS, |insats| insats.namn);
        let _ = writeln!(section, "  - {name}: {}", shown.text);
    }
    if !section.is_empty() {
        let _ = write!(out, "{}", texts::vad_som_skulle_andra(&section));
    }
    Ok(out)
}

/// The "Skyddsåtgärder" section: per skyddsåtgärd its outcome and every reason, each with its
/// rule, lagrum and section.
fn skyddsatgarder_text(
    out: &mut String,
    table: &Table<'_>,
    input: &CaseInput,
    evaluation: &Evaluation<'_>,
) {
    if evaluation.skyddsatgarder.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nSkyddsåtgärder");
    for result in &evaluation.skyddsatgarder {
        let _ = writeln!(
            out,
            "\n{}\n  Utfall: {}",
            atgard_name(table, input, result),
            texts::atgard_outcome_label(result.outcome)
        );
        for reason in &result.reasons {
            let shown = atgard_reason(table, reason);
            let source = match (shown.rule_id, shown.lagrum, shown.avsnitt) {
                (Some(id), Some(lagrum), Some(avsnitt)) => {
                    let lagrum = cited_text(lagrum, evaluation.as_of);
                    format!(" [{id}; {lagrum}, avsnitt {avsnitt}]")
                }
                (None, Some(lagrum), _) => {
                    format!(" [{}]", cited_text(lagrum, evaluation.as_of))
                }
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  - {}: {}{source}",
                texts::role_label(reason.role),
                shown.text
            );
        }
        match result.outcome {
            AtgardOutcome::TillatenMedSamtycke => {
                let _ = writeln!(out, "{}", texts::SAMTYCKET_GALLER_BARA_SA);
            }
            AtgardOutcome::RutinEjFoljd => {
                let _ = writeln!(out, "{}", texts::ATGARDEN_FAR_INTE_ANVANDAS);
            }
            AtgardOutcome::EjTillaten | AtgardOutcome::KraverJuridiskBedomning => {}
        }
    }
}

/// The insats's name in lower case as the riktlinje writes it, or its id when the riktlinje does
/// not describe it.
fn insats_name(table: &Table<'_>, id: &str) -> String {
    table
        .insatser()
        .iter()
        .find(|insats| insats.id == id)
        .map_or_else(
            || texts::shown_code(id).map_or(texts::OKAND_INSATS.to_owned(), str::to_owned),
            |insats| insats.namn.to_lowercase(),
        )
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
