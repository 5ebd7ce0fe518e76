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

use riktlinjer_core::evaluation::Subject;
use riktlinjer_core::{
    AtgardOutcome, Evaluation, FristStatus, Outcome, Reason, SkyddsatgardEvaluation, Table,
};
use serde_json::Value;

use riktlinjer_compiler::names;

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
            let skal = provning
                .reasons
                .iter()
                .map(|reason| {
                    let rule = reason
                        .rule_idx
                        .and_then(|index| table.rules().get(usize::from(index)));
                    let fact = reason.fact.map(names::fact_name);
                    let text = match (reason.message, rule) {
                        (riktlinjer_core::MessageId::RegelUppfylld, Some(rule)) => {
                            rule.skal.to_owned()
                        }
                        (message, rule) => {
                            texts::message_text(message, rule.map(|rule| rule.id), fact)
                        }
                    };
                    answer::Reason {
                        typ: texts::message_code(reason.message).to_owned(),
                        regel: rule.map(|rule| rule.id.to_owned()),
                        lagrum: rule
                            .map(|rule| rule.lagrum)
                            .or(insats.map(|insats| insats.lagrum))
                            .map(str::to_owned),
                        avsnitt: rule.map(|rule| rule.avsnitt.to_owned()),
                        text,
                        uppgift: fact.map(str::to_owned),
                    }
                })
                .collect();
            answer::InsatsEvaluation {
                insats: ansokan.map(|ansokan| ansokan.insats.to_string()),
                insats_namn: insats.map(|insats| insats.namn.to_owned()),
                lag: insats.map(|insats| texts::lag_label(insats.lag).to_owned()),
                lagrum: insats.map(|insats| insats.lagrum.to_owned()),
                utfall: answer::OutcomeCode(provning.outcome),
                utfall_text: texts::outcome_label(provning.outcome).to_owned(),
                omfattning: provning.omfattning.map(|varde| answer::Omfattning {
                    varde,
                    enhet: insats.map(|insats| texts::enhet_code(insats.enhet).to_owned()),
                }),
                skal,
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
            .map_or_else(
                || "okänd åtgärd".to_owned(),
                |atgard| atgard.typ.to_string(),
            ),
    }
}

/// One reason about a skyddsåtgärd: its rule (if any), lagrum, section and text.
struct AtgardReason<'t> {
    rule_id: Option<&'t str>,
    lagrum: Option<&'t str>,
    avsnitt: Option<&'t str>,
    text: String,
    fact: Option<&'static str>,
}

fn atgard_reason<'t>(table: &'t Table<'_>, reason: &Reason) -> AtgardReason<'t> {
    let rule = reason
        .rule_idx
        .and_then(|index| table.atgard_rules().get(usize::from(index)));
    let fact = reason.fact.map(names::fact_name);
    AtgardReason {
        rule_id: rule.map(|rule| rule.id),
        lagrum: rule
            .map(|rule| rule.lagrum)
            .or_else(|| reason.message.lagrum().map(|lagrum| lagrum.text())),
        avsnitt: rule.map(|rule| rule.avsnitt),
        text: texts::atgard_message_text(
            reason.message,
            rule.map(|rule| rule.id),
            rule.map(|rule| rule.skal),
            fact,
        ),
        fact,
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
                .map(|skyddsatgard| skyddsatgard.typ.to_string());
            let skal = result
                .reasons
                .iter()
                .map(|reason| {
                    let shown = atgard_reason(table, reason);
                    answer::Reason {
                        typ: texts::message_code(reason.message).to_owned(),
                        regel: shown.rule_id.map(str::to_owned),
                        lagrum: shown.lagrum.map(str::to_owned),
                        avsnitt: shown.avsnitt.map(str::to_owned),
                        text: shown.text,
                        uppgift: shown.fact.map(str::to_owned),
                    }
                })
                .collect();
            answer::Skyddsatgard {
                index: u32::from(result.skyddsatgard_idx),
                typ,
                typ_namn: atgard.map(|atgard| atgard.namn.to_owned()),
                lagrum: atgard.map(|atgard| atgard.lagrum.to_owned()),
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
        "Prövning {} enligt {} ({}, giltig från {}, {})",
        evaluation.as_of,
        if meta.titel.is_empty() {
            "riktlinjen"
        } else {
            meta.titel
        },
        meta.riktlinje_id,
        meta.giltig_fran,
        texts::status_label(meta.status)
    );
    if let Some(id) = &input.arende_id {
        let _ = writeln!(out, "Ärende: {id}");
    }
    if is_skyddad(input) {
        let _ = writeln!(
            out,
            "Skyddade personuppgifter: uppgifter som kan röja den enskildes identitet eller adress visas inte (21 kap. 3 § och 26 kap. 1 § OSL)."
        );
    }
    let _ = writeln!(out, "Innehållshash: {}", hash_hex(&evaluation.content_hash));
    if evaluation.provningar.is_empty() && evaluation.skyddsatgarder.is_empty() {
        let _ = writeln!(out, "\nÄrendet innehåller ingen ansökan att pröva.");
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
                ansokan.map_or("okänd insats".to_owned(), |ansokan| {
                    ansokan.insats.to_string()
                })
            },
            |insats| format!("{} ({})", insats.namn, insats.lagrum),
        );
        let _ = writeln!(out, "\n{name}");
        let _ = writeln!(out, "  Utfall: {}", texts::outcome_label(provning.outcome));
        if let (Some(value), Some(insats)) = (provning.omfattning, insats) {
            let _ = writeln!(
                out,
                "  Omfattning enligt riktlinjen: {value} {}",
                texts::enhet_label(insats.enhet)
            );
        }
        for reason in &provning.reasons {
            let rule = reason
                .rule_idx
                .and_then(|index| table.rules().get(usize::from(index)));
            let fact = reason.fact.map(names::fact_name);
            match (reason.message, rule) {
                (riktlinjer_core::MessageId::RegelUppfylld, Some(rule)) => {
                    let _ = writeln!(
                        out,
                        "  - {} [{}; {}, avsnitt {}]",
                        rule.skal, rule.id, rule.lagrum, rule.avsnitt
                    );
                }
                (message, rule) => {
                    let _ = writeln!(
                        out,
                        "  - {}",
                        texts::message_text(message, rule.map(|rule| rule.id), fact)
                    );
                }
            }
        }
        if provning.outcome == Outcome::UppfyllerInte {
            let _ = writeln!(
                out,
                "  Riktlinjen är vägledande: ansökan ska ändå prövas individuellt."
            );
        }
    }
    skyddsatgarder_text(&mut out, table, input, evaluation);
    if !evaluation.frister.is_empty() {
        let _ = writeln!(out, "\nFrister");
        for frist in &evaluation.frister {
            let moved = frist
                .moved_because
                .map(|kind| {
                    format!(
                        " ({} är {kind}; flyttad enligt 2 § lagen (1930:173))",
                        frist.nominal
                    )
                })
                .unwrap_or_default();
            let subject = match frist.subject {
                Subject::Beslut(index) => input
                    .case
                    .beslut
                    .get(usize::from(index))
                    .map(|beslut| format!(" (beslut om {})", insats_name(table, &beslut.insats)))
                    .unwrap_or_default(),
                Subject::Ansokan(index) => input
                    .case
                    .ansokningar
                    .get(usize::from(index))
                    .map(|ansokan| format!(" (ansökan om {})", insats_name(table, &ansokan.insats)))
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
                "  - {}{subject}: sista dag {}{moved}, {} [{}]",
                capitalize(frist.kind.name()),
                frist.sista_dag,
                texts::frist_status_text(frist.kind, frist.status),
                frist.lagrum.text()
            );
        }
    }
    out
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
                    format!(" [{id}; {lagrum}, avsnitt {avsnitt}]")
                }
                (None, Some(lagrum), _) => format!(" [{lagrum}]"),
                _ => String::new(),
            };
            let _ = writeln!(out, "  - {}{source}", shown.text);
        }
        match result.outcome {
            AtgardOutcome::TillatenMedSamtycke => {
                let _ = writeln!(
                    out,
                    "  Samtycket gäller bara så länge den enskilde står fast vid det; följ upp enligt rutinen och genast om det återkallas."
                );
            }
            AtgardOutcome::RutinEjFoljd => {
                let _ = writeln!(
                    out,
                    "  Åtgärden får inte användas förrän varje steg ovan är gjort och dokumenterat."
                );
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
        .map_or_else(|| id.to_owned(), |insats| insats.namn.to_lowercase())
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
