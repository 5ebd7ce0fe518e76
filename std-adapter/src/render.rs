//! Evaluations for people and for programs: Swedish prose and the JSON contract.
//!
//! The JSON shape is the documented contract a case system reads (README, `docs/`): the
//! riktlinje version (id and content hash), each application's outcome with its reasons, each
//! reason with its `lagrum`, section and text, and the frister.
//! The text form is what a handläggare reads: outcome per insats, reasons with lagrum and
//! section, frister with their last days.
//! Neither form contains the person's identity fields.

use std::fmt::Write as _;

use riktlinjer_core::{Evaluation, FristStatus, Outcome, Table};
use serde_json::{Value, json};

use crate::case_input::CaseInput;
use crate::compile::names;
use crate::texts;

/// The evaluation as the JSON value of the contract.
pub fn to_json(table: &Table<'_>, input: &CaseInput, evaluation: &Evaluation<'_>) -> Value {
    let provningar: Vec<Value> = evaluation
        .provningar
        .iter()
        .map(|provning| {
            let ansokan = input.case.ansokningar.get(usize::from(provning.ansokan_idx));
            let insats = provning.insats_idx.and_then(|index| table.insatser.get(usize::from(index)));
            let reasons: Vec<Value> = provning
                .reasons
                .iter()
                .map(|reason| {
                    let rule = reason.rule_idx.and_then(|index| table.rules.get(usize::from(index)));
                    let fact = reason.fact.map(names::fact_name);
                    let text = match (reason.message, rule) {
                        (riktlinjer_core::MessageId::RegelUppfylld, Some(rule)) => rule.skal.to_owned(),
                        (message, rule) => texts::message_text(message, rule.map(|rule| rule.id), fact),
                    };
                    json!({
                        "typ": texts::message_code(reason.message),
                        "regel": rule.map(|rule| rule.id),
                        "lagrum": rule.map(|rule| rule.lagrum).or(insats.map(|insats| insats.lagrum)),
                        "avsnitt": rule.map(|rule| rule.avsnitt),
                        "text": text,
                        "uppgift": fact,
                    })
                })
                .collect();
            json!({
                "insats": ansokan.map(|ansokan| ansokan.insats.as_str()),
                "insats_namn": insats.map(|insats| insats.namn),
                "lag": insats.map(|insats| texts::lag_label(insats.lag)),
                "lagrum": insats.map(|insats| insats.lagrum),
                "utfall": texts::outcome_code(provning.outcome),
                "utfall_text": texts::outcome_label(provning.outcome),
                "omfattning": provning.omfattning.map(|value| json!({
                    "varde": value,
                    "enhet": insats.map(|insats| texts::enhet_code(insats.enhet)),
                })),
                "skal": reasons,
            })
        })
        .collect();
    let frister: Vec<Value> = evaluation
        .frister
        .iter()
        .map(|frist| {
            let (avser, index) = match frist.subject {
                riktlinjer_core::evaluation::Subject::Beslut(index) => ("beslut", Some(index)),
                riktlinjer_core::evaluation::Subject::Ansokan(index) => ("ansokan", Some(index)),
                riktlinjer_core::evaluation::Subject::Barnarende => ("barnarende", None),
            };
            json!({
                "typ": texts::frist_code(frist.kind),
                "namn": frist.kind.name(),
                "lagrum": frist.lagrum.text(),
                "avser": avser,
                "index": index,
                "start": frist.start.to_string(),
                "nominell_sista_dag": frist.nominal.to_string(),
                "sista_dag": frist.sista_dag.to_string(),
                "flyttad_eftersom": frist.moved_because.map(|kind| kind.to_string()),
                "status": status_code(frist.status),
                "status_text": texts::frist_status_text(frist.kind, frist.status),
            })
        })
        .collect();
    json!({
        "schema_version": 1,
        "arende_id": input.arende_id,
        "skyddade_personuppgifter": is_skyddad(input),
        "riktlinje": {
            "id": evaluation.riktlinje_id,
            "kommun": table.meta.kommun,
            "giltig_fran": table.meta.giltig_fran.to_string(),
            "status": texts::status_code(table.meta.status),
            "innehallshash": hash_hex(&evaluation.content_hash),
        },
        "provningsdag": evaluation.as_of.to_string(),
        "provningar": provningar,
        "frister": frister,
    })
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
    let meta = &table.meta;
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
            "Skyddade personuppgifter: uppgifter som kan röja den enskildes identitet eller adress visas inte (21 kap. 3 § OSL)."
        );
    }
    let _ = writeln!(out, "Innehållshash: {}", hash_hex(&evaluation.content_hash));
    if evaluation.provningar.is_empty() {
        let _ = writeln!(out, "\nÄrendet innehåller ingen ansökan att pröva.");
    }
    for provning in &evaluation.provningar {
        let ansokan = input
            .case
            .ansokningar
            .get(usize::from(provning.ansokan_idx));
        let insats = provning
            .insats_idx
            .and_then(|index| table.insatser.get(usize::from(index)));
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
                .and_then(|index| table.rules.get(usize::from(index)));
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
                riktlinjer_core::evaluation::Subject::Beslut(index) => input
                    .case
                    .beslut
                    .get(usize::from(index))
                    .map(|beslut| format!(" (beslut om {})", insats_name(table, &beslut.insats)))
                    .unwrap_or_default(),
                riktlinjer_core::evaluation::Subject::Ansokan(index) => input
                    .case
                    .ansokningar
                    .get(usize::from(index))
                    .map(|ansokan| format!(" (ansökan om {})", insats_name(table, &ansokan.insats)))
                    .unwrap_or_default(),
                riktlinjer_core::evaluation::Subject::Barnarende => String::new(),
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

/// The insats's name in lower case as the riktlinje writes it, or its id when the riktlinje does
/// not describe it.
fn insats_name(table: &Table<'_>, id: &str) -> String {
    table
        .insatser
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
