//! The cases both engines evaluate, and each engine's answer in one comparable shape.
//!
//! The cases are every combination of the four facts the trygghetslarm rules read (each
//! unknown, no or yes: 81 cases) followed by the trygghetslarm decisions of a generated
//! population (`riktlinjer generera`, seed 1), so every row of the decision table is hit.

use std::path::Path;
use std::sync::Arc;

use riktlinjer_core::{Ansokan, Case, Date, Livsomrade, MessageId, Outcome, Table, evaluate};
use serde_json::{Value, json};

/// The facts of one case: behov tillgodoses på annat sätt, kan använda larm, bor ensam, and
/// whether the behov (IBIC) include trygghet; `None` is unknown.
pub type Facts = [Option<bool>; 4];

/// One engine's answer: utfall, deciding rule, omfattning and the missing fact.
pub type Answer = (String, Option<String>, Option<u32>, Option<String>);

/// The shipped 2025-11-01 riktlinje, compiled.
pub fn shipped_table() -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/exempelkommun/2025-11-01.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    riktlinjer_compiler::compile(&text)
        .bytes
        .unwrap_or_else(|| panic!("{} does not compile", path.display()))
}

/// The JDM graph, as zen reads it.
pub fn jdm() -> Arc<zen_engine::model::GraphContent> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("trygghetslarm.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    Arc::new(
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display())),
    )
}

/// Every combination of the four facts, then the generated population's.
pub fn all_facts(n_generated: u64) -> Vec<Facts> {
    let values = [None, Some(false), Some(true)];
    let mut facts = Vec::new();
    for a in values {
        for b in values {
            for c in values {
                for d in values {
                    facts.push([a, b, c, d]);
                }
            }
        }
    }
    let mut bytes = Vec::new();
    riktlinjer_library::generate::generate(
        &mut bytes,
        n_generated,
        1,
        riktlinjer_library::generate::PopulationFormat::Jsonl,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    for line in String::from_utf8_lossy(&bytes).lines() {
        let input =
            riktlinjer_library::case::from_json(line).unwrap_or_else(|error| panic!("{error}"));
        if input
            .case
            .beslut
            .iter()
            .any(|beslut| beslut.insats.as_str() == "trygghetslarm")
        {
            let person = &input.case.person;
            facts.push([
                person.behov_tillgodoses_pa_annat_satt,
                person.kan_anvanda_larm,
                person.bor_ensam,
                person
                    .behov
                    .map(|behov| behov.contains(Livsomrade::Trygghet)),
            ]);
        }
    }
    facts
}

/// The core's case for `facts`: one ansökan on trygghetslarm.
pub fn case_of(facts: &Facts) -> Case {
    let mut case = Case::default();
    case.person.behov_tillgodoses_pa_annat_satt = facts[0];
    case.person.kan_anvanda_larm = facts[1];
    case.person.bor_ensam = facts[2];
    case.person.behov = facts[3].map(|trygghet| {
        let behov = riktlinjer_core::Livsomraden::default().with(Livsomrade::Hemliv);
        if trygghet {
            behov.with(Livsomrade::Trygghet)
        } else {
            behov
        }
    });
    let mut ansokan = Ansokan::default();
    let _ = ansokan.insats.push_str("trygghetslarm");
    let _ = case.ansokningar.push(ansokan);
    case
}

/// zen's input for `facts`.
pub fn context_of(facts: &Facts) -> Value {
    json!({
        "behov_tillgodoses_pa_annat_satt": facts[0],
        "kan_anvanda_larm": facts[1],
        "bor_ensam": facts[2],
        "trygghet": facts[3],
    })
}

/// The core's answer in the comparable shape.
pub fn core_answer(table: &Table<'_>, case: &Case, as_of: Date) -> Answer {
    let evaluation = evaluate(table, case, as_of).unwrap_or_else(|error| panic!("{error}"));
    let provning = &evaluation.provningar[0];
    let reason = provning.reasons.first().copied();
    let rule = reason
        .and_then(|reason| reason.rule_idx)
        .and_then(|index| table.rules().get(usize::from(index)))
        .map(|rule| rule.id.to_owned());
    let missing = reason
        .filter(|reason| reason.message == MessageId::UppgiftSaknas)
        .and_then(|reason| reason.fact)
        .map(|fact| riktlinjer_compiler::names::fact_name(fact).to_owned());
    let utfall = match provning.outcome {
        Outcome::Uppfyller => "uppfyller",
        Outcome::UppfyllerInte => "uppfyller_inte",
        Outcome::LagenHindrar => "lagen_hindrar",
        Outcome::KraverIndividuellBedomning => "kraver_individuell_bedomning",
    };
    (utfall.to_owned(), rule, provning.omfattning, missing)
}

/// zen's answer in the comparable shape.
pub fn zen_answer(result: &Value) -> Answer {
    let text = |key: &str| result.get(key).and_then(Value::as_str).map(str::to_owned);
    (
        text("utfall").unwrap_or_default(),
        text("regel"),
        result
            .get("omfattning")
            .and_then(Value::as_u64)
            .map(|value| value as u32),
        text("saknas"),
    )
}
