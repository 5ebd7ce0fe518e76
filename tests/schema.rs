//! The case contract: `schema/case.schema.json` against the adapter's reader and the examples.
//!
//! Every example validates against the schema; a case the schema rejects for an unknown or
//! wrongly typed field the reader rejects too, and the other way round, so the documented
//! contract and the code cannot drift apart.

use riktlinjer::case_input;
use serde_json::{Value, json};

use crate::root;

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/case.schema.json")).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

#[test]
fn the_examples_validate_against_the_schema_and_the_reader() {
    let validator = jsonschema::validator_for(&schema())
        .unwrap_or_else(|error| panic!("schemat är ogiltigt: {error}"));
    let mut n_examples = 0;
    for entry in std::fs::read_dir(root().join("examples"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        n_examples += 1;
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        assert!(case_input::from_value(&value).is_ok(), "{}", path.display());
    }
    assert!(n_examples >= 3);
}

#[test]
fn schema_and_reader_agree_on_bad_cases() {
    let validator = jsonschema::validator_for(&schema()).unwrap_or_else(|error| panic!("{error}"));
    let good = json!({"schema_version": 1, "person": {"bor_ensam": true}, "ansokningar": [{"insats": "trygghetslarm"}]});
    assert!(validator.is_valid(&good));
    assert!(case_input::from_value(&good).is_ok());
    let bad = [
        json!({"schema_version": 2}),
        json!({"schema_version": 1, "okant": 1}),
        json!({"schema_version": 1, "person": {"bor_ensamm": true}}),
        json!({"schema_version": 1, "person": {"personkrets": 4}}),
        json!({"schema_version": 1, "person": {"kon": "annat"}}),
        json!({"schema_version": 1, "person": {"behov": ["flyga"]}}),
        json!({"schema_version": 1, "ansokningar": [{}]}),
        json!({"schema_version": 1, "ansokningar": [{"insats": "x", "sokt_omfattning": -1}]}),
        json!({"schema_version": 1, "beslut": [{"insats": "x", "gynnande": "ja"}]}),
        json!({"schema_version": 1, "skyddsatgarder": [{"syfte": "fallprevention"}]}),
        json!({"schema_version": 1, "skyddsatgarder": [{"typ": "sanggrind", "samtycke": {"av": "grannen"}}]}),
        json!({"schema_version": 1, "skyddsatgarder": [{"typ": "sanggrind", "samtycke": {"given": true}}]}),
        json!({"schema_version": 1, "skyddsatgarder": [{"typ": "sanggrind", "antal_tillfallen": -1}]}),
        json!({"schema_version": 1, "skyddsatgarder": [{"typ": "sanggrind", "boendeform": "hemma"}]}),
        json!({"schema_version": 1, "skyddat_boende": {"placering_paborjad": 20260115}}),
        json!({"schema_version": 1, "skyddat_boende": {"placerad": "2026-01-15"}}),
    ];
    for case in bad {
        assert!(!validator.is_valid(&case), "schemat godtar {case}");
        assert!(
            case_input::from_value(&case).is_err(),
            "läsaren godtar {case}"
        );
    }
}
