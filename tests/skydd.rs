//! Skyddsåtgärder, skyddat boende and skyddade personuppgifter, end to end through the CLI.
//!
//! Skyddade personuppgifter: no identifying field of a skyddad case appears in any output.
//! Each output path gets its own test, run on `examples/skyddade-personuppgifter.json`, which
//! carries a name, a personnummer and an address the way a case system sends them, or on
//! `tests/fixtures/skydd-omprovning.jsonl`, the same person among other cases: eval, the IVO
//! report, `omprovning`'s worklist, terminal and HTML report, the API's evaluation and
//! omprövning answers, the audit log and the server's own log.
//! Skyddsåtgärder: oracle cases from Socialstyrelsen's and IVO's guidance and from OSL (a
//! sänggrind without samtycke, a general lock, nödrätt, a skyddad person's report), and the
//! frister of lag (2024:79) for skyddat boende, from case files to the evaluation's JSON and
//! text, against the shipped riktlinje.

use crate::{example, parse_json, read, root, run_cli, stderr, stdout, write_file};

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
    let value = parse_json(&text, "eval --format json");
    assert_eq!(value["skyddade_personuppgifter"], true);
    assert_nothing_identifying(&text, "eval --format json");
}

/// The IVO report's fields for a beslut not verkställt, on top of the example's person: the
/// free text names the address, as a handläggare might write it.
fn ivo_case() -> String {
    let mut case = parse_json(&example_text(), EXAMPLE);
    case["beslut"] = serde_json::json!([{
        "insats": "hemtjanst_omvardnad",
        "beslutsdatum": "2025-09-01",
        "gynnande": true,
        "tills_vidare": true,
        "anledning_kod": "brist_pa_personal",
        "anledning_text": "Ingen personal kan gå till Hemliga gatan 12 på kvällen",
        "erbjudanden": [{ "datum": "2025-12-01", "text": "Siv erbjöds insatsen i Exempelstad; tackade nej" }],
        "rapporterad_tidigare": false
    }]);
    case.to_string()
}

/// The IVO report (issue 4): every format counts the skyddad person's beslut and shows nothing
/// that identifies her; the protection is noted (OSL 26 kap. 1 §).
#[test]
fn ivo_report_shows_nothing_identifying_in_any_format() {
    let dir = crate::scratch("skydd-ivo");
    let cases = dir.join("kvartal.jsonl");
    write_file(&cases, format!("{}\n", ivo_case()));
    let cases = cases.display().to_string();
    for format in ["text", "json", "csv"] {
        let output = run_cli(&[
            "ivo",
            "--cases",
            &cases,
            "--kvartal",
            "2026Q1",
            "--rules",
            "rules/exempelkommun",
            "--format",
            format,
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        assert_nothing_identifying(&text, &format!("ivo --format {format}"));
        assert_nothing_identifying(
            &stderr(&output),
            &format!("ivo --format {format} (standard fel)"),
        );
        // The beslut is reported, marked as skyddad, and counted.
        let marked = match format {
            "text" => text.contains("Varav personer med skyddade personuppgifter: 1."),
            "csv" => text.contains("ej verkställt;;ja;"),
            _ => {
                let value = parse_json(&text, "ivo --format json");
                value.to_string().contains("\"skyddad\":true")
            }
        };
        assert!(marked, "{format}: raden är inte markerad:\n{text}");
    }
}

/// A case file for the batch and HTTP paths: the example's skyddad person with a gällande
/// beslut that the 2025-11-01 version changes, a normal case that also changes, one that does
/// not, and the skyddad person again with a wrong date, so each kind of worklist record is made.
const BATCH_CASES: &str = "tests/fixtures/skydd-omprovning.jsonl";

/// `riktlinjer omprovning` between the two shipped versions on [`BATCH_CASES`], with `extra`.
fn omprovning(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "omprovning",
        "--rules",
        "rules/exempelkommun",
        "--from",
        "exempelkommun-2025-01-01",
        "--to",
        "exempelkommun-2025-11-01",
        "--cases",
        BATCH_CASES,
    ];
    args.extend_from_slice(extra);
    run_cli(&args)
}

/// The worklist's records of the skyddad person are there and marked, so the test sees the
/// path it means to.
fn assert_skyddad_listed(worklist: &str, path: &str) {
    let records: Vec<serde_json::Value> = worklist
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let skyddad = records
        .iter()
        .find(|record| record["arende_id"] == "2026-0777");
    assert_eq!(
        skyddad.map(|record| &record["skyddade_personuppgifter"]),
        Some(&serde_json::Value::Bool(true)),
        "{path}: den skyddade personens ärende saknas eller är inte markerat:\n{worklist}"
    );
    assert!(
        records.iter().any(|record| record["typ"] == "avvisad"),
        "{path}: {worklist}"
    );
}

/// `riktlinjer omprovning`: the worklist, in a file or on standard out, and the summary on the
/// terminal.
#[test]
fn omprovning_worklist_and_terminal_show_nothing_identifying() {
    let dir = crate::scratch("skydd-omprovning");
    let out = dir.join("arbetslista.jsonl");
    let output = omprovning(&["--out", &out.display().to_string()]);
    // One case is rejected, so the exit code says there were problems.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let worklist = read(&out);
    assert_skyddad_listed(&worklist, "omprovning --out");
    assert_nothing_identifying(&worklist, "omprovning --out");
    assert_nothing_identifying(&stdout(&output), "omprovning --out (standard ut)");
    assert_nothing_identifying(&stderr(&output), "omprovning --out (standard fel)");

    let output = omprovning(&[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_skyddad_listed(&stdout(&output), "omprovning (standard ut)");
    assert_nothing_identifying(&stdout(&output), "omprovning (standard ut)");
    assert_nothing_identifying(&stderr(&output), "omprovning (standard fel)");
}

/// `riktlinjer omprovning --report`: the nämnd's HTML report.
#[test]
fn omprovning_report_shows_nothing_identifying() {
    let dir = crate::scratch("skydd-rapport");
    let (out, report) = (dir.join("arbetslista.jsonl"), dir.join("rapport.html"));
    let output = omprovning(&[
        "--out",
        &out.display().to_string(),
        "--report",
        &report.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let html = read(&report);
    assert!(html.contains("<html"), "ingen rapport:\n{html}");
    assert_nothing_identifying(&html, "omprovning --report");
    assert_nothing_identifying(&stdout(&output), "omprovning --report (standard ut)");
}

/// A server on the shipped riktlinjer with a token and an audit log in a scratch folder; the
/// folder's guard comes first, so that it is dropped after the server.
fn server(
    name: &str,
) -> (
    crate::Scratch,
    crate::api::Server,
    crate::api::Token,
    std::path::PathBuf,
) {
    server_with(name, &[])
}

/// As [`server`], with `extra` arguments.
fn server_with(
    name: &str,
    extra: &[&str],
) -> (
    crate::Scratch,
    crate::api::Server,
    crate::api::Token,
    std::path::PathBuf,
) {
    let (dir, token) = crate::api::with_tokens(name);
    let audit = dir.join("granskning.jsonl");
    let tokens = crate::api::path_arg(&dir.join("tokens"));
    let audit_arg = crate::api::path_arg(&audit);
    let mut args = vec![
        "--rules",
        "rules/exempelkommun",
        "--tokens",
        &tokens,
        "--audit",
        &audit_arg,
    ];
    args.extend_from_slice(extra);
    let server = crate::api::Server::start(&dir, &args);
    (dir, server, token, audit)
}

fn example_text() -> String {
    read(&root().join(EXAMPLE))
}

/// The body of `POST /v1/omprovning` for [`BATCH_CASES`].
fn omprovning_body() -> String {
    let text = read(&root().join(BATCH_CASES));
    let arenden: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    assert_eq!(arenden.len(), 4, "{BATCH_CASES}");
    serde_json::json!({
        "fran": "exempelkommun-2025-01-01",
        "till": "exempelkommun-2025-11-01",
        "arenden": arenden,
    })
    .to_string()
}

/// `POST /v1/evaluate`: the answer's body.
#[test]
fn api_evaluate_answer_shows_nothing_identifying() {
    let (_dir, server, token, _) = server("skydd-evaluate");
    let answer = crate::api::post(
        &server,
        "/v1/evaluate?as_of=2026-02-15",
        Some(&token.token),
        example_text().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json["skyddade_personuppgifter"], true);
    assert_nothing_identifying(&answer.body, "POST /v1/evaluate");
}

/// `POST /v1/omprovning`: the worklist in the answer.
#[test]
fn api_omprovning_answer_shows_nothing_identifying() {
    let (_dir, server, token, _) = server("skydd-api-omprovning");
    let answer = crate::api::post(
        &server,
        "/v1/omprovning",
        Some(&token.token),
        omprovning_body().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let skyddad = answer.json["andrade"]
        .as_array()
        .and_then(|andrade| andrade.iter().find(|record| record["index"] == 0));
    assert_eq!(
        skyddad.map(|record| &record["skyddade_personuppgifter"]),
        Some(&serde_json::Value::Bool(true)),
        "{}",
        answer.body
    );
    assert_eq!(answer.json["avvisade"][0]["index"], 3, "{}", answer.body);
    assert_nothing_identifying(&answer.body, "POST /v1/omprovning");
}

/// The audit log: a skyddad person's line has no case id (`null`), is marked `skyddad`, and
/// holds nothing identifying.
#[test]
fn audit_line_of_a_skyddad_person_has_no_case_id_and_nothing_identifying() {
    let (_dir, server, token, audit) = server("skydd-audit");
    let answer = crate::api::post(
        &server,
        "/v1/evaluate?as_of=2026-02-15",
        Some(&token.token),
        example_text().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let text = read(&audit);
    let lines = crate::api::audit_lines(&audit);
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(lines[0]["arende_id"], serde_json::Value::Null, "{text}");
    assert_eq!(lines[0]["skyddad"], true, "{text}");
    assert!(
        !text.contains("2026-0777"),
        "granskningsloggen visar ärendets id:\n{text}"
    );
    assert_nothing_identifying(&text, "granskningsloggen");
}

/// The server's own log (standard error), as lines and as JSON lines, after evaluations, an
/// omprövning and a rejected case of the skyddad person.
#[test]
fn server_log_shows_nothing_identifying() {
    for format in ["text", "json"] {
        let (_dir, server, token, _) =
            server_with(&format!("skydd-serverlogg-{format}"), &["--logg", format]);
        let mut bad = parse_json(&example_text(), EXAMPLE);
        bad["person"]["fodelsedatum"] = serde_json::json!("1947-08-32");
        let requests = [
            ("/v1/evaluate?as_of=2026-02-15", example_text(), 200),
            ("/v1/evaluate", bad.to_string(), 422),
            ("/v1/omprovning", omprovning_body(), 200),
        ];
        for (path, body, status) in requests {
            let answer = crate::api::post(&server, path, Some(&token.token), body.as_bytes());
            assert_eq!(answer.status, status, "{path}: {}", answer.body);
        }
        let log = server.log_text();
        assert!(log.contains("/v1/omprovning"), "{format}: {log}");
        assert_nothing_identifying(&log, &format!("tjänstens logg (--logg {format})"));
        assert!(!log.contains("1947-08-32"), "{format}: {log}");
    }
}

/// Runs `riktlinjer eval --format json` on `case` (JSON text) on `as_of`.
fn eval_json(name: &str, case: &str, as_of: &str) -> serde_json::Value {
    let dir = crate::scratch(name);
    let path = dir.join("arende.json");
    write_file(&path, case);
    let output = run_cli(&[
        "eval",
        "--rules",
        "rules/exempelkommun",
        "--case",
        &path.display().to_string(),
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    parse_json(&stdout(&output), "eval --format json")
}

/// The utfall code and the rule ids of each skyddsåtgärd in an evaluation.
fn atgarder(evaluation: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    let list = evaluation["skyddsatgarder"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|atgard| {
            let rules = atgard["skal"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|skal| skal["regel"].as_str().map(str::to_owned))
                .collect();
            (atgard["utfall"].as_str().unwrap_or("").to_owned(), rules)
        })
        .collect()
}

const SKYDDSATGARD: &str = "examples/skyddsatgard-sanggrind-demens.json";

fn example_evaluation() -> serde_json::Value {
    let text = read(&root().join(SKYDDSATGARD));
    eval_json("skydd-exempel", &text, "2026-03-04")
}

/// Oracle 37: a sänggrind for a resident with demenssjukdom who resists is not allowed, and
/// the anhörig's samtycke does not help; both reasons are given, with their lagrum.
#[test]
fn oracle_37_sanggrind_for_a_resident_who_resists_is_not_allowed() {
    let evaluation = example_evaluation();
    let found = atgarder(&evaluation);
    assert_eq!(found[0].0, "ej_tillaten", "{found:?}");
    assert!(
        found[0].1.contains(&"SKY-2".to_owned()) && found[0].1.contains(&"SKY-3".to_owned()),
        "{found:?}"
    );
    let skal = &evaluation["skyddsatgarder"][0]["skal"][0];
    assert_eq!(skal["lagrum"], "2 kap. 6 och 8 §§ regeringsformen");
    // The larmmatta she consents to herself, with the rutin followed, is allowed.
    assert_eq!(found[1].0, "tillaten_med_samtycke", "{found:?}");
}

/// Oracle 38: a locked entrance for every resident of an LSS gruppbostad is not allowed.
#[test]
fn oracle_38_a_general_locked_entrance_in_an_lss_gruppbostad_is_not_allowed() {
    let case = r#"{"schema_version":1,"person":{"fodelsedatum":"1990-04-01","personkrets":1},
        "skyddsatgarder":[{"typ":"last_dorr","syfte":"begransa_rorelse","samtycke":{"av":"ingen"},
        "generell":true,"nodsituation":false,"boendeform":"lss_bostad","beslutad_av":"enhetschef"}]}"#;
    let found = atgarder(&eval_json("skydd-38", case, "2026-02-15"));
    assert_eq!(found[0].0, "ej_tillaten", "{found:?}");
    for rule in ["SKY-1", "SKY-5", "SKY-6"] {
        assert!(
            found[0].1.contains(&rule.to_owned()),
            "{rule} saknas: {found:?}"
        );
    }
}

/// Oracle 39: holding a resident in a nightgown back at the door once at −20 °C may be excused
/// by nödrätt (a juridisk bedömning); the same as a standing rutin is not allowed.
#[test]
fn oracle_39_nodratt_covers_a_one_off_not_a_standing_rutin() {
    let evaluation = example_evaluation();
    let found = atgarder(&evaluation);
    assert_eq!(
        found[2],
        (
            "kraver_juridisk_bedomning".to_owned(),
            vec!["SKY-N2".to_owned()]
        )
    );
    let text = evaluation["skyddsatgarder"][2]["skal"][0]["lagrum"]
        .as_str()
        .unwrap_or("");
    assert!(text.contains("24 kap. 4 § brottsbalken"), "{text}");
    let standing = r#"{"schema_version":1,"skyddsatgarder":[{"typ":"last_dorr","syfte":"annat",
        "samtycke":{"av":"ingen","accepterar_fortfarande":false},"generell":false,
        "nodsituation":true,"antal_tillfallen":14}]}"#;
    let found = atgarder(&eval_json("skydd-39", standing, "2026-02-15"));
    assert_eq!(found[0].0, "ej_tillaten", "{found:?}");
    assert!(found[0].1.contains(&"SKY-N1".to_owned()), "{found:?}");
    let rutin = r#"{"schema_version":1,"skyddsatgarder":[{"typ":"last_dorr","syfte":"annat",
        "samtycke":{"av":"ingen","accepterar_fortfarande":false},"generell":false,
        "nodsituation":false}]}"#;
    let found = atgarder(&eval_json("skydd-39-rutin", rutin, "2026-02-15"));
    assert_eq!(found[0].0, "ej_tillaten", "{found:?}");
    assert!(found[0].1.contains(&"SKY-1".to_owned()), "{found:?}");
}

/// Oracle 41: a person with sekretessmarkering: no output of the evaluation shows the address
/// or anything else that identifies her, and the record is marked.
#[test]
fn oracle_41_sekretessmarkering_shows_no_address() {
    let identifying = [
        "Greta",
        "Markerad",
        "Exempeldotter",
        "19360311",
        "4028",
        "Lönngatan",
        "234 56",
        "Exempelby",
    ];
    for format in ["text", "json"] {
        let output = run_cli(&[
            "eval",
            "--rules",
            "rules/exempelkommun",
            "--case",
            SKYDDSATGARD,
            "--as-of",
            "2026-03-04",
            "--format",
            format,
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(
            text.contains("Skyddade personuppgifter")
                || text.contains("\"skyddade_personuppgifter\": true"),
            "{text}"
        );
        for value in identifying {
            assert!(
                !text.contains(value),
                "eval --format {format} visar `{value}`:\n{text}"
            );
        }
    }
}

/// Every missing step of the rutin is a reason of its own, in JSON and on its own line in text.
#[test]
fn each_missing_step_of_the_rutin_is_named() {
    let case = r#"{"schema_version":1,"skyddsatgarder":[{"typ":"sanggrind","syfte":"fallprevention",
        "samtycke":{"av":"den_enskilde","accepterar_fortfarande":true},"generell":false,
        "nodsituation":false,"beslutad_av":"sjukskoterska","beslutsdatum":"2026-01-10",
        "alternativ_provade":false,"dokumenterad_i_journal":false}]}"#;
    let found = atgarder(&eval_json("skydd-rutin", case, "2026-02-15"));
    assert_eq!(found[0].0, "rutin_ej_foljd", "{found:?}");
    assert_eq!(
        found[0].1,
        ["SKY-R1", "SKY-R2", "SKY-R3", "SKY-R5", "SKY-R7"],
        "{found:?}"
    );
    let dir = crate::scratch("skydd-rutin-text");
    let path = dir.join("arende.json");
    write_file(&path, case);
    let output = crate::eval_on_example_day(&path.display().to_string(), "text", &[]);
    let text = stdout(&output);
    assert!(text.contains("\nSkyddsåtgärder\n"), "{text}");
    assert!(text.contains("Utfall: Rutinen är inte följd"), "{text}");
    let lines = text.lines().filter(|line| line.contains("[SKY-R")).count();
    assert_eq!(lines, 5, "{text}");
}

/// A withdrawn samtycke: the measure is not allowed, and its uppföljning is due at once.
#[test]
fn a_withdrawn_samtycke_bars_the_measure_and_is_followed_up_at_once() {
    let case = r#"{"schema_version":1,"skyddsatgarder":[{"typ":"gps_larm","syfte":"trygghet",
        "samtycke":{"av":"den_enskilde","accepterar_fortfarande":false,"aterkallat":"2026-02-10"},
        "generell":false,"nodsituation":false,"inuti_kroppen":false,"boendeform":"hemtjanst",
        "beslutsdatum":"2025-12-01","senast_uppfoljd":"2026-01-15"}]}"#;
    let evaluation = eval_json("skydd-aterkallat", case, "2026-02-15");
    let found = atgarder(&evaluation);
    assert_eq!(found[0].0, "ej_tillaten", "{found:?}");
    assert!(found[0].1.contains(&"SKY-4".to_owned()), "{found:?}");
    let frister = evaluation["frister"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let genast = frister
        .iter()
        .find(|frist| frist["typ"] == "uppfoljning_aterkallat_samtycke");
    assert!(genast.is_some(), "{frister:?}");
    let genast = genast.cloned().unwrap_or_default();
    assert_eq!(genast["sista_dag"], "2026-02-10");
    assert_eq!(genast["status"], "overskriden");
    assert_eq!(genast["avser"], "skyddsatgard");
    assert_eq!(genast["lagrum"], "2 kap. 6 och 8 §§ regeringsformen");
}

/// Oracles 32 and 33 from a case file: the övervägande six months after the start of a
/// placement in skyddat boende, and the underställning of an omedelbart beslut within a week.
#[test]
fn oracles_32_and_33_skyddat_boende_frister() {
    let text = example("skyddat-boende-barn.json");
    let evaluation = eval_json("skydd-boende", &text, "2026-03-04");
    let frister: Vec<(String, String)> = evaluation["frister"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|frist| {
            (
                frist["typ"].as_str().unwrap_or("").to_owned(),
                frist["sista_dag"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        frister,
        [
            (
                "overvagande_skyddat_boende".to_owned(),
                "2026-09-02".to_owned()
            ),
            ("understallning".to_owned(), "2026-03-09".to_owned()),
        ]
    );
    let placed = r#"{"schema_version":1,"skyddat_boende":{"placering_paborjad":"2026-01-15"}}"#;
    let evaluation = eval_json("skydd-boende-32", placed, "2026-02-15");
    assert_eq!(evaluation["frister"][0]["sista_dag"], "2026-07-15");
    assert_eq!(
        evaluation["frister"][0]["lagrum"],
        "22 kap. 13 § socialtjänstlagen (2025:400)"
    );
}

/// The engine's own line, through the whole path: a riktlinje's rule cannot make a measure
/// tillåten that the person no longer accepts (the example's rules bar it first, and the
/// engine would too); digital tillsyn with and without the person's own samtycke.
#[test]
fn digital_tillsyn_with_and_without_own_samtycke() {
    let with = r#"{"schema_version":1,"skyddsatgarder":[{"typ":"digital_tillsyn","syfte":"trygghet",
        "samtycke":{"av":"den_enskilde","form":"skriftligt","accepterar_fortfarande":true},
        "generell":false,"nodsituation":false,"inuti_kroppen":false,"boendeform":"hemtjanst",
        "beslutad_av":"bistandshandlaggare","beslutsdatum":"2026-01-10","riskbedomning":"2026-01-05",
        "alternativ_provade":true,"dokumenterad_i_journal":true,"mas_informerad":true}]}"#;
    let found = atgarder(&eval_json("skydd-digital", with, "2026-02-15"));
    assert_eq!(
        found[0],
        (
            "tillaten_med_samtycke".to_owned(),
            vec!["SKY-T1".to_owned()]
        )
    );
    let without = with.replace(r#""av":"den_enskilde""#, r#""av":"anhorig""#);
    let found = atgarder(&eval_json("skydd-digital-utan", &without, "2026-02-15"));
    assert_eq!(found[0].0, "ej_tillaten", "{found:?}");
    let inside = with.replace(r#""inuti_kroppen":false"#, r#""inuti_kroppen":true"#);
    let found = atgarder(&eval_json("skydd-digital-inuti", &inside, "2026-02-15"));
    assert_eq!(
        found[0],
        ("ej_tillaten".to_owned(), vec!["SKY-D1".to_owned()])
    );
}
