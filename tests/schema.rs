//! The case contract: `schema/case.schema.json` against the adapter's reader and the examples.
//!
//! Every example validates against the schema; a case the schema rejects for an unknown or
//! wrongly typed field the reader rejects too, and the other way round, so the documented
//! contract and the code cannot drift apart.
//! The only cases the reader rejects beyond the schema are those JSON Schema cannot express: a
//! key given twice, and dates that cannot both be true.

use riktlinjer_library::case;
use serde_json::{Value, json};

use crate::{example, parse_json, read, root, write_file};

fn schema() -> Value {
    parse_json(
        &read(&root().join("schema/case.schema.json")),
        "schema/case.schema.json",
    )
}

/// The published schema is what the contract generates (`riktlinjer schema`), so the file a
/// case system reads and the reader cannot drift apart.
#[test]
fn the_schema_file_is_what_the_contract_generates() {
    assert_eq!(
        schema(),
        case::schema(),
        "schema/case.schema.json är inaktuell; skriv om den med `riktlinjer schema > schema/case.schema.json`"
    );
}

#[test]
fn the_examples_validate_against_the_schema_and_the_reader() {
    // The examples are Exempelkommun's ärenden: they validate against the schema of its
    // catalogue, which `riktlinjer schema --rules rules/exempelkommun` writes.
    let store = riktlinjer_library::store::Store::load(&root().join("rules/exempelkommun"))
        .unwrap_or_else(|error| panic!("{error}"));
    let version = store
        .versions
        .last()
        .unwrap_or_else(|| panic!("ingen version"));
    let table = version.table().unwrap_or_else(|error| panic!("{error}"));
    let validator = jsonschema::validator_for(&case::schema_for(Some(&table)))
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
        let text = read(&path);
        let value = parse_json(&text, &path.display().to_string());
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        assert!(
            case::from_json_for(&text, &table).is_ok(),
            "{}",
            path.display()
        );
    }
    assert!(n_examples >= 3);
}

#[test]
fn schema_and_reader_agree_on_bad_cases() {
    let validator = jsonschema::validator_for(&schema()).unwrap_or_else(|error| panic!("{error}"));
    let good = json!({"schema_version": 1, "person": {"bor_ensam": true}, "ansokningar": [{"insats": "trygghetslarm"}]});
    assert!(validator.is_valid(&good));
    // The reader keeps the catalogue's facts as read; binding to the national catalogue is
    // what checks them, as `eval` binds to the riktlinje's.
    let compiled = riktlinjer_compiler::compile::nationell_katalog();
    let bytes = compiled
        .bytes
        .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics));
    let national = riktlinjer_core::Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let facts = case::FactIndex::of(&national);
    let read = |value: &Value| {
        case::from_json(&value.to_string()).and_then(|mut input| {
            facts.bind(&mut input, case::Binding::Strict)?;
            Ok(input)
        })
    };
    assert!(read(&good).is_ok());
    let bad = [
        json!({"schema_version": 2}),
        json!({"schema_version": 1, "okant": 1}),
        json!({"schema_version": 1, "person": {"bor_ensamm": true}}),
        json!({"schema_version": 1, "person": {"personkrets": 1.5}}),
        json!({"schema_version": 1, "person": {"alder": 80}}),
        json!({"schema_version": 1, "ansokningar": [{"insats": "x", "bor_ensam": true}]}),
        json!({"schema_version": 1, "ansokningar": [{"insats": "x", "sokt_omfattning": "7,3456"}]}),
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
        assert!(read(&case).is_err(), "läsaren godtar {case}");
    }
}

/// What JSON Schema cannot say, the reader refuses on its own, naming the field: a key given
/// twice (the schema sees only the last value) and dates that cannot both be true.
#[test]
fn the_reader_refuses_what_the_schema_cannot_express() {
    let validator = jsonschema::validator_for(&schema()).unwrap_or_else(|error| panic!("{error}"));
    let cases = [
        (
            r#"{"schema_version":1,"person":{"personkrets":1,"personkrets":3},"ansokningar":[{"insats":"daglig_verksamhet"}]}"#,
            "/person/personkrets",
            "fältet förekommer två gånger",
        ),
        (
            r#"{"schema_version":1,"beslut":[{"insats":"trygghetslarm","beslutsdatum":"2025-01-01","delgiven":"2024-12-01","gynnande":false}]}"#,
            "/beslut/0/delgiven",
            "före beslutsdatum,",
        ),
        (
            r#"{"schema_version":1,"person":{"fodelsedatum":"2021-03-01"},"ansokningar":[{"insats":"trygghetslarm","ansokningsdatum":"2021-02-01"}]}"#,
            "/ansokningar/0/ansokningsdatum",
            "före födelsedatum,",
        ),
    ];
    let dir = crate::scratch("schema-kan-inte");
    for (text, pointer, fragment) in cases {
        let value = parse_json(text, "ärendet");
        assert!(validator.is_valid(&value), "{text}");
        let error = case::from_json(text).err();
        assert_eq!(error.as_ref().map(|e| e.pointer.as_str()), Some(pointer));
        let message = error.map(|e| e.message).unwrap_or_default();
        assert!(message.contains(fragment), "{text}: {message}");

        // `eval --case` says the same, and gives no evaluation.
        let case = dir.join("arende.json");
        write_file(&case, text);
        let output = crate::run_cli(&[
            "eval",
            "--rules",
            "rules/exempelkommun",
            "--case",
            &case.display().to_string(),
            "--as-of",
            "2025-11-01",
        ]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = crate::stderr(&output);
        assert!(
            stderr.contains(pointer) && stderr.contains(fragment),
            "{stderr}"
        );
    }
}

/// A byte order mark before a case (as Windows editors write it) is not part of the JSON.
#[test]
fn a_byte_order_mark_before_a_case_is_skipped() {
    let text = example("trygghetslarm.json");
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(case::from_json(&with_bom), case::from_json(&text));
    assert!(case::from_json(&with_bom).is_ok());
    assert!(case::parse_json(&with_bom).is_ok());
}

/// Validates `value` against component `component` of the OpenAPI document, with every `$ref`
/// resolved inside the document.
fn validate_against(document: &Value, component: &str, value: &Value) -> Vec<String> {
    let schema = json!({
        "$ref": format!("#/components/schemas/{component}"),
        "components": document["components"],
    });
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|error| panic!("komponenten {component} är ogiltig: {error}"));
    validator
        .iter_errors(value)
        .map(|error| format!("{} {error}", error.instance_path()))
        .collect()
}

/// The answers the service and the CLI write are what the OpenAPI document says: every
/// evaluation of every example on three days, and the frist answers, validate against the
/// document's own components, which are generated from the types that write them.
#[test]
fn answers_validate_against_the_openapi_document() {
    let document = riktlinjer_server::openapi_document();
    let store = riktlinjer_library::store::Store::load(&root().join("rules/exempelkommun"))
        .unwrap_or_else(|error| panic!("{error}"));
    let mut n_answers = 0;
    let examples = std::fs::read_dir(root().join("examples"))
        .unwrap_or_else(|error| panic!("examples: {error}"));
    for entry in examples.flatten() {
        let path = entry.path();
        // A folder holds another kommun's ärenden (tests/riktlinjer.rs evaluates them).
        if path.is_dir() {
            continue;
        }
        let text = read(&path);
        for day in ["2025-03-01", "2026-02-15", "2027-06-01"] {
            let as_of = riktlinjer_core::Date::parse(day).unwrap_or_else(|error| panic!("{error}"));
            let version = store
                .in_force(as_of)
                .unwrap_or_else(|| panic!("ingen version gäller {day}"));
            let table = version.table().unwrap_or_else(|error| panic!("{error}"));
            let input =
                case::from_json_for(&text, &table).unwrap_or_else(|error| panic!("{error}"));
            let evaluation = riktlinjer_core::evaluate(&table, &input.case, as_of)
                .unwrap_or_else(|error| panic!("{error}"));
            let value = riktlinjer_library::render::to_json(&table, &input, &evaluation);
            let errors = validate_against(&document, "Utvardering", &value);
            assert!(errors.is_empty(), "{} {day}: {errors:?}", path.display());
            n_answers += 1;
            // With what would change each outcome, as `vad_andrar=ja` answers.
            let mut answer = riktlinjer_library::render::answer(&table, &input, &evaluation);
            riktlinjer_library::render::add_counterfactuals(
                &table,
                &input,
                &evaluation,
                &mut answer,
            )
            .unwrap_or_else(|error| panic!("{error}"));
            let value = serde_json::to_value(&answer).unwrap_or_else(|error| panic!("{error}"));
            let errors = validate_against(&document, "Utvardering", &value);
            assert!(
                errors.is_empty(),
                "{} {day} vad_andrar: {errors:?}",
                path.display()
            );
        }
    }
    assert!(n_answers >= 24, "{n_answers}");
    let date =
        |text: &str| riktlinjer_core::Date::parse(text).unwrap_or_else(|error| panic!("{error}"));
    let overklagande = riktlinjer_library::frist::overklagande_of(date("2025-12-03"))
        .unwrap_or_else(|error| panic!("{error}"));
    let value = serde_json::to_value(&overklagande).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        validate_against(&document, "OverklagandeSvar", &value),
        Vec::<String>::new()
    );
    for avbrott in [None, Some(date("2025-11-30"))] {
        let ivo = riktlinjer_library::frist::ivo_of(date("2025-10-31"), avbrott, None)
            .unwrap_or_else(|error| panic!("{error}"));
        let value = serde_json::to_value(&ivo).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            validate_against(&document, "IvoSvar", &value),
            Vec::<String>::new()
        );
    }
}
