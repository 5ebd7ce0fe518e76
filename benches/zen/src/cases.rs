//! What both comparisons share (the compiled riktlinje, the prövningsdag, the JDM graphs, the
//! generated population), and the trygghetslarm comparison: its cases and each engine's answer
//! in one comparable shape.
//!
//! The trygghetslarm cases are every combination of the four facts its rules read (each
//! unknown, no or yes: 81 cases) followed by the facts of the people with a trygghetslarm
//! beslut in a generated population (`riktlinjer generera`, seed 1), so every row of the
//! decision table is hit. Every person is 80 years old, so the law's rules on children, which
//! the core tries first for this insats, are false; the JDM table leaves them out.

use std::path::Path;
use std::sync::Arc;

use riktlinjer_core::{Case, Date, MessageId, Outcome, Table, evaluate};
use serde_json::{Value, json};

/// The facts of one case: behov tillgodoses på annat sätt, kan använda larm, bor ensam, and
/// whether the behov (IBIC) include trygghet; `None` is unknown.
pub type Facts = [Option<bool>; 4];

/// One engine's answer: utfall, deciding rule, omfattning (in thousandths of the insats's unit)
/// and the missing fact.
pub type Answer = (String, Option<String>, Option<i64>, Option<String>);

/// The prövningsdag of every case.
pub const AS_OF: &str = "2026-02-01";

/// The prövningsdag as the core reads it.
pub fn as_of() -> Date {
    Date::parse(AS_OF).unwrap_or_else(|error| panic!("{AS_OF}: {error}"))
}

/// The birth date of every trygghetslarm case: 80 years old on the prövningsdag, so that the law's
/// rules on children (which come first for trygghetslarm, an insats for personliga behov) are
/// false.
const FODELSEDATUM: &str = "1946-01-01";

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

/// A JDM graph of this folder, as zen reads it.
pub fn read_jdm(name: &str) -> Arc<zen_engine::model::GraphContent> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    Arc::new(
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display())),
    )
}

/// The trygghetslarm JDM graph.
pub fn jdm() -> Arc<zen_engine::model::GraphContent> {
    read_jdm("trygghetslarm.json")
}

/// The cases of a generated population (`riktlinjer generera`, seed 1), one JSON text each.
pub fn generated_lines(n_generated: u64) -> Vec<String> {
    let mut bytes = Vec::new();
    riktlinjer_library::generate::generate(
        &mut bytes,
        n_generated,
        1,
        riktlinjer_library::generate::PopulationFormat::Jsonl,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    String::from_utf8(bytes)
        .unwrap_or_else(|error| panic!("the generated population is not UTF-8: {error}"))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every combination of the four facts, then the generated population's: the facts of each
/// person with a beslut on trygghetslarm.
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
    for line in generated_lines(n_generated) {
        let case: Value = serde_json::from_str(&line)
            .unwrap_or_else(|error| panic!("a generated case is not JSON: {error}"));
        let has_trygghetslarm = case["beslut"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|beslut| beslut["insats"] == "trygghetslarm");
        if has_trygghetslarm {
            let person = &case["person"];
            facts.push([
                person["behov_tillgodoses_pa_annat_satt"].as_bool(),
                person["kan_anvanda_larm"].as_bool(),
                person["bor_ensam"].as_bool(),
                person["behov"]
                    .as_array()
                    .map(|behov| behov.iter().any(|livsomrade| livsomrade == "trygghet")),
            ]);
        }
    }
    facts
}

/// The core's case for `facts`: one ansökan on trygghetslarm, read and bound to the table's
/// catalogue as `riktlinjer eval` reads one.
pub fn case_of(table: &Table<'_>, facts: &Facts) -> Case {
    let mut person = json!({ "fodelsedatum": FODELSEDATUM });
    for (key, value) in [
        ("behov_tillgodoses_pa_annat_satt", facts[0]),
        ("kan_anvanda_larm", facts[1]),
        ("bor_ensam", facts[2]),
    ] {
        if let Some(value) = value {
            person[key] = json!(value);
        }
    }
    if let Some(trygghet) = facts[3] {
        person["behov"] = if trygghet {
            json!(["hemliv", "trygghet"])
        } else {
            json!(["hemliv"])
        };
    }
    bound(
        table,
        &json!({
            "schema_version": 1,
            "person": person,
            "ansokningar": [{ "insats": "trygghetslarm" }],
        }),
    )
}

/// The case `json` read through the case contract and bound to `table`'s catalogue, as `eval`
/// and the service read a case; a case the contract refuses stops the comparison.
pub fn bound(table: &Table<'_>, json: &Value) -> Case {
    let text = json.to_string();
    let input = riktlinjer_library::case::from_json_for(&text, table)
        .unwrap_or_else(|error| panic!("{text}: {error}"));
    *input.case
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
    let provning = evaluation
        .provningar
        .first()
        .unwrap_or_else(|| panic!("no prövning of {case:?}"));
    let reason = provning.reasons.first().copied();
    let rule = reason
        .and_then(|reason| reason.rule_idx)
        .and_then(|index| table.rules().get(usize::from(index)))
        .map(|rule| rule.id.to_owned());
    let missing = reason
        .filter(|reason| reason.message == MessageId::UppgiftSaknas)
        .and_then(|reason| reason.fact)
        .map(|fact| {
            table
                .fact(fact)
                .map(|fact| fact.name.to_owned())
                .unwrap_or_else(|| panic!("no fact in slot {fact}"))
        });
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
        text("utfall").unwrap_or_else(|| panic!("zen gave no utfall: {result}")),
        text("regel"),
        result
            .get("omfattning")
            .and_then(Value::as_i64)
            .map(|value| value * 1000),
        text("saknas"),
    )
}
