//! Skyddade personuppgifter: no identifying field of a skyddad case appears in any output.
//!
//! Each output path gets its own test, run on `examples/skyddade-personuppgifter.json`, which
//! carries a name, a personnummer and an address the way a case system sends them.

use crate::{run_cli, stderr, stdout};

const EXAMPLE: &str = "examples/skyddade-personuppgifter.json";

/// The identifying values of the example, and recognisable parts of them.
fn identifying() -> Vec<&'static str> {
    vec![
        "Siv",
        "Skyddad Exempelsson",
        "19470815",
        "9882",
        "Hemliga gatan",
        "123 45",
        "Exempelstad",
    ]
}

fn assert_nothing_identifying(output: &str, path: &str) {
    for value in identifying() {
        assert!(!output.contains(value), "{path} visar `{value}`:\n{output}");
    }
}

#[test]
fn eval_text_shows_nothing_identifying_and_marks_the_record() {
    let output = run_cli(&[
        "eval",
        "--rules",
        "rules/exempelkommun",
        "--case",
        EXAMPLE,
        "--as-of",
        "2026-02-15",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Skyddade personuppgifter"), "{text}");
    assert_nothing_identifying(&text, "eval --format text");
    assert_nothing_identifying(&stderr(&output), "eval (standard fel)");
}

#[test]
fn eval_json_shows_nothing_identifying_and_marks_the_record() {
    let output = run_cli(&[
        "eval",
        "--rules",
        "rules/exempelkommun",
        "--case",
        EXAMPLE,
        "--as-of",
        "2026-02-15",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(value["skyddade_personuppgifter"], true);
    assert_nothing_identifying(&text, "eval --format json");
}
