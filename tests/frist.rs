//! `riktlinjer frist` and `riktlinjer ivo` end to end, through the real binary.
//!
//! The överklagande frister of the oracle cases 22–28 (on the command line and streamed on
//! standard input), the IVO frister of oracle cases 9, 12 and 13, the quarter's IVO report on
//! `tests/fixtures/ivo-kvartal.jsonl` in every format (a skyddad person's identity appears in
//! none), an empty quarter, and the individrapport code of oracle case 40.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::{parse_json, read, root, run_cli, scratch, stderr, stdout, write_file};

/// Oracle cases 22–28: delgiven, nominal last day, sista dag.
const OVERKLAGANDE: [(&str, &str, &str); 7] = [
    ("2025-12-12", "2026-01-02", "2026-01-02"),
    ("2025-12-03", "2025-12-24", "2025-12-29"),
    ("2025-12-10", "2025-12-31", "2026-01-02"),
    ("2026-03-13", "2026-04-03", "2026-04-07"),
    ("2026-05-29", "2026-06-19", "2026-06-22"),
    ("2026-04-23", "2026-05-14", "2026-05-15"),
    ("2026-12-10", "2026-12-31", "2027-01-04"),
];

const FIXTURE: &str = "tests/fixtures/ivo-kvartal.jsonl";

/// Identity of the skyddad person in the fixture, and of others, that no output may show.
const NEVER_SHOWN: [&str; 10] = [
    "Hemlig",
    "19720315",
    "9876",
    "Gömda",
    "Hemliga",
    "SKYDD-9",
    "1972",
    "Astrid Exempel",
    "19480203-1122",
    "IVO-1",
];

/// Runs the binary with `input` on standard input.
fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_riktlinjer"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|error| panic!("riktlinjer kunde inte startas: {error}"));
    let bytes = input.as_bytes().to_vec();
    let stdin = child.stdin.take();
    // Written from a thread, so that a full stdout pipe cannot block the write.
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&bytes);
        }
    });
    let output = child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("riktlinjer: {error}"));
    let _ = writer.join();
    output
}

fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{line}: {error}")))
        .collect()
}

fn check_overklagande(value: &Value, (delgiven, nominal, sista_dag): (&str, &str, &str)) {
    assert_eq!(value["delgiven"], delgiven, "{value}");
    assert_eq!(value["nominell_sista_dag"], nominal, "{value}");
    assert_eq!(value["sista_dag"], sista_dag, "{value}");
    assert_eq!(value["flyttad"], nominal != sista_dag, "{value}");
    assert_eq!(
        value["lagrum"], "44 § förvaltningslagen (2017:900)",
        "{value}"
    );
}

#[test]
fn overklagande_oracle_22_to_28_in_one_call() {
    let mut args = vec!["frist", "overklagande", "--format", "json", "--delgiven"];
    args.extend(OVERKLAGANDE.iter().map(|(delgiven, _, _)| *delgiven));
    let output = run_cli(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let values = json_lines(&output);
    assert_eq!(values.len(), OVERKLAGANDE.len());
    for (value, oracle) in values.iter().zip(OVERKLAGANDE) {
        check_overklagande(value, oracle);
    }
    assert_eq!(
        values[1]["skal"],
        "2025-12-24 är julafton; fristen flyttas till nästa vardag, 2025-12-29"
    );
    assert_eq!(
        values[6]["skal"],
        "2026-12-31 är nyårsafton; fristen flyttas till nästa vardag, 2027-01-04"
    );
    let text = run_cli(&["frist", "överklagande", "--delgiven", "2026-03-13"]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let text = stdout(&text);
    for fragment in [
        "senast tisdag 2026-04-07",
        "långfredagen",
        "2 § lagen (1930:173)",
    ] {
        assert!(text.contains(fragment), "{fragment}: {text}");
    }
}

#[test]
fn overklagande_streams_thousands_of_lines_past_a_bad_one() {
    const N_LINES: usize = 6000;
    const BAD_LINE: usize = 3001;
    let mut input = String::new();
    for line in 1..=N_LINES {
        if line == BAD_LINE {
            input.push_str("2025-06-31\n");
        } else {
            input.push_str(OVERKLAGANDE[line % OVERKLAGANDE.len()].0);
            input.push_str(if line % 2 == 0 { "\r\n" } else { "\n" });
        }
    }
    let output = run_with_stdin(
        &[
            "frist",
            "overklagande",
            "--delgiven",
            "-",
            "--format",
            "json",
        ],
        &input,
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let values = json_lines(&output);
    assert_eq!(values.len(), N_LINES - 1);
    let lines = (1..=N_LINES).filter(|line| *line != BAD_LINE);
    for (value, line) in values.iter().zip(lines) {
        check_overklagande(value, OVERKLAGANDE[line % OVERKLAGANDE.len()]);
    }
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!("rad {BAD_LINE}: datumet är inget giltigt datum")),
        "{errors}"
    );
    assert!(
        errors.contains(&format!("1 av {N_LINES} rader")),
        "{errors}"
    );
    assert_eq!(errors.lines().count(), 2, "{errors}");
}

#[test]
fn an_impossible_date_is_named_with_exit_2() {
    let cases: [&[&str]; 4] = [
        &[
            "frist",
            "overklagande",
            "--delgiven",
            "2025-12-03",
            "2025-06-31",
        ],
        &["frist", "ivo", "--beslutsdatum", "2025-06-31"],
        &[
            "frist",
            "ivo",
            "--beslutsdatum",
            "2025-06-01",
            "--avbrott",
            "2025-02-30",
        ],
        &["frist", "overklagande", "--delgiven", "31/12/2025"],
    ];
    for args in cases {
        let output = run_cli(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        // The date is named by its flag, never repeated (it may be part of a personnummer).
        let named = args.last().copied().unwrap_or_default();
        assert!(
            !stderr(&output).contains(named),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("datumet är inget giltigt datum"),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
    let before = run_cli(&[
        "frist",
        "ivo",
        "--beslutsdatum",
        "2025-06-01",
        "--avbrott",
        "2025-05-01",
    ]);
    assert_eq!(before.status.code(), Some(2));
    assert!(
        stderr(&before).contains("ligger före beslutsdatum"),
        "{}",
        stderr(&before)
    );
}

#[test]
fn ivo_frist_oracle_9_12_13() {
    // (args, frist_slut, rapporteras_fran, kvartal, lagrum)
    let cases: [(&[&str], &str, &str, &str, &str); 3] = [
        (
            &["--beslutsdatum", "2025-10-15", "--lag", "lss"],
            "2026-01-15",
            "2026-01-16",
            "2026Q1",
            "28 f § LSS",
        ),
        (
            &["--beslutsdatum", "2025-03-31", "--lag", "sol"],
            "2025-06-30",
            "2025-07-01",
            "2025Q3",
            "34 kap. 1 § socialtjänstlagen (2025:400)",
        ),
        (
            &[
                "--beslutsdatum",
                "2025-09-01",
                "--avbrott",
                "2025-11-30",
                "--lag",
                "sol",
            ],
            "2026-02-28",
            "2026-03-01",
            "2026Q1",
            "34 kap. 1 § socialtjänstlagen (2025:400)",
        ),
    ];
    for (flags, frist_slut, rapporteras_fran, kvartal, lagrum) in cases {
        let mut args = vec!["frist", "ivo", "--format", "json"];
        args.extend(flags);
        let output = run_cli(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let values = json_lines(&output);
        assert_eq!(values.len(), 1);
        let value = &values[0];
        assert_eq!(value["frist_slut"], frist_slut, "{value}");
        assert_eq!(value["rapporteras_fran"], rapporteras_fran, "{value}");
        assert_eq!(value["kvartal"], kvartal, "{value}");
        assert_eq!(value["lagrum"], lagrum, "{value}");
        assert_eq!(value.get("avbrott").is_some(), flags.contains(&"--avbrott"));
    }
    let text = run_cli(&["frist", "ivo", "--beslutsdatum", "2025-03-31"]);
    let text = stdout(&text);
    assert!(text.contains("den 31:e finns inte i juni"), "{text}");
    assert!(text.contains("kvartal 3 2025"), "{text}");
}

fn ivo_report(kvartal: &str, extra: &[&str], format: &str) -> Output {
    let mut args = vec![
        "ivo",
        "--cases",
        FIXTURE,
        "--rules",
        "rules/exempelkommun",
        "--kvartal",
        kvartal,
        "--format",
        format,
    ];
    args.extend(extra);
    run_cli(&args)
}

fn report_json(kvartal: &str, extra: &[&str]) -> Value {
    let output = ivo_report(kvartal, extra, "json");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|error| panic!("{error}"))
}

fn rows(report: &Value) -> Vec<Value> {
    report["rader"].as_array().cloned().unwrap_or_default()
}

fn row_of<'a>(rows: &'a [Value], insats: &str) -> &'a Value {
    rows.iter()
        .find(|row| row["insats"] == insats)
        .unwrap_or_else(|| panic!("ingen rad för {insats}"))
}

#[test]
fn ivo_report_of_a_quarter() {
    let report = report_json("2025Q3", &[]);
    assert_eq!(report["rapportdag"], "2025-09-30");
    assert_eq!(report["arenden"]["lasta"], 11);
    assert_eq!(report["arenden"]["med_fel"], 0);
    let rows = rows(&report);
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|row| {
            (
                row["typ"].as_str().unwrap_or("?"),
                row["insats"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("ej_verkstallt", "sarskilt_boende"),
            ("ej_verkstallt", "boendestod"),
            ("ej_verkstallt", "bostad_sarskild_service_vuxna"),
            ("ej_verkstallt", "kontaktperson_lss"),
            ("ej_verkstallt", "kontaktperson"),
            ("ej_verkstallt_efter_avbrott", "hemtjanst_omvardnad"),
            ("verkstallt", "daglig_verksamhet"),
        ]
    );
    // Oracle 12: beslut 2025-03-31, three months end 2025-06-30, in the Q3 report.
    let boende = row_of(&rows, "sarskilt_boende");
    assert_eq!(boende["beslutsdatum"], "2025-03-31");
    assert_eq!(boende["verksamhetsomrade"], "aldreomsorg");
    assert_eq!(boende["lagrum"], "34 kap. 1 § socialtjänstlagen (2025:400)");
    assert_eq!(boende["dagar"], 183);
    assert_eq!(boende["tid"], "manader_3_till_6");
    assert_eq!(boende["anledning_kod"], "den_enskilde_tackat_nej");
    assert_eq!(boende["erbjudanden"][0]["datum"], "2025-08-04");
    assert_eq!(boende["kon"], "kvinna");
    assert_eq!(boende["fodelsear"], 1948);
    let lss = row_of(&rows, "bostad_sarskild_service_vuxna");
    assert_eq!(lss["verksamhetsomrade"], "lss");
    assert_eq!(lss["lagrum"], "28 f § LSS");
    assert_eq!(lss["tid"], "over_12_manader");
    assert_eq!(
        row_of(&rows, "boendestod")["verksamhetsomrade"],
        "funktionsnedsattning_sol"
    );
    assert_eq!(
        row_of(&rows, "kontaktperson")["verksamhetsomrade"],
        "individ_och_familjeomsorg"
    );
    let avbrott = row_of(&rows, "hemtjanst_omvardnad");
    assert_eq!(avbrott["avbrott"], "2025-05-20");
    assert_eq!(avbrott["dagar"], 133);
    let verkstalld = row_of(&rows, "daglig_verksamhet");
    assert_eq!(verkstalld["verkstalld"], "2025-08-15");
    assert_eq!(verkstalld["rapporterad_tidigare"], true);
    assert_eq!(verkstalld["lagrum"], "28 g § LSS");
    let skyddad = row_of(&rows, "kontaktperson_lss");
    assert_eq!(skyddad["skyddad"], true);
    for field in ["identitetskod", "kon", "fodelsear", "anledning_text"] {
        assert_eq!(skyddad[field], Value::Null, "{field}");
    }
    assert_eq!(skyddad["erbjudanden"][0]["datum"], "2025-06-02");
    assert_eq!(skyddad["erbjudanden"][0]["text"], Value::Null);
    assert_eq!(skyddad["beslutsdatum"], "2025-02-10");
    let total = &report["statistik"]["totalt"];
    assert_eq!(total["ej_verkstallda"], 6);
    assert_eq!(total["manader_3_till_6"], 4);
    assert_eq!(total["manader_6_till_12"], 1);
    assert_eq!(total["over_12_manader"], 1);
    assert_eq!(total["skyddade"], 1);
    assert_eq!(total["verkstallda"], 1);
    assert!(
        report["statistik"]["rader"]
            .as_array()
            .is_some_and(|lines| lines.iter().all(|line| line.get("skyddade").is_none())),
        "skyddade per insats: {}",
        report["statistik"]
    );
}

/// Oracle 9: an LSS bostad decided 2025-10-15 is reportable from 2026-01-16, not on the 15th.
#[test]
fn ivo_report_oracle_9_on_the_day_after_the_three_months() {
    let on = |rapportdag: &str| {
        let report = report_json("2026Q1", &["--rapportdag", rapportdag]);
        rows(&report)
            .iter()
            .any(|row| row["beslutsdatum"] == "2025-10-15" && row["typ"] == "ej_verkstallt")
    };
    assert!(!on("2026-01-15"));
    assert!(on("2026-01-16"));
}

#[test]
fn a_skyddad_person_appears_in_no_output() {
    for format in ["csv", "json", "text"] {
        let output = ivo_report("2025Q3", &[], format);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        // The content hash is hexadecimal and may hold any digits, so its line is left out.
        let all: String = format!("{}{}", stdout(&output), stderr(&output))
            .lines()
            .filter(|line| !line.contains("innehållshash") && !line.contains("innehallshash"))
            .collect::<Vec<_>>()
            .join("\n");
        for secret in NEVER_SHOWN {
            assert!(!all.contains(secret), "{format} visar `{secret}`:\n{all}");
        }
        assert!(
            all.contains("kontaktperson") || all.contains("Kontaktperson"),
            "{format}"
        );
    }
    let text = stdout(&ivo_report("2025Q3", &[], "text"));
    assert!(
        text.contains("21 kap. 3 § offentlighets- och sekretesslagen"),
        "{text}"
    );
}

#[test]
fn csv_opens_in_swedish_excel() {
    let output = ivo_report("2025Q3", &[], "csv");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = &output.stdout;
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "ingen BOM");
    let text = String::from_utf8_lossy(bytes);
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "LF utan CR"
    );
    let header = text
        .lines()
        .find(|line| line.starts_with("Typ;"))
        .unwrap_or_else(|| panic!("ingen rubrikrad:\n{text}"));
    assert!(header.contains(";Identitetskod;Skyddade personuppgifter;Verksamhetsområde;Insats;"));
    let n_columns = header.split(';').count();
    let data: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("ej verkställt") || line.starts_with("verkställt"))
        .collect();
    assert_eq!(data.len(), 7, "{text}");
    for line in data {
        // No free text in the fixture holds a quote, so unquoted semicolons separate cells.
        let mut n_cells = 1;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ';' if !quoted => n_cells += 1,
                _ => {}
            }
        }
        assert_eq!(n_cells, n_columns, "{line}");
    }
    assert!(text.contains("Statistik till fullmäktige"), "{text}");
    assert!(text.contains("\r\nTotalt;;4;1;1;6;1;1\r\n"), "{text}");
}

#[test]
fn an_empty_quarter_says_so_in_words() {
    let dir = scratch("ivo-tom");
    let cases = dir.join("tom.jsonl");
    write_file(
        &cases,
        "{\"schema_version\":1,\"arende_id\":\"T-1\",\"person\":{\"fodelsedatum\":\"1940-01-01\",\"kon\":\"man\"},\"beslut\":[{\"insats\":\"trygghetslarm\",\"beslutsdatum\":\"2025-05-01\",\"gynnande\":true,\"verkstalld\":\"2025-05-05\"}]}\n",
    );
    let cases = cases.display().to_string();
    for format in ["text", "csv", "json"] {
        let output = run_cli(&[
            "ivo",
            "--cases",
            &cases,
            "--kvartal",
            "2025Q3",
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
        assert!(
            text.contains("Inga ej verkställda beslut att rapportera för kvartal 3 2025"),
            "{format}: {text}"
        );
    }
}

#[test]
fn bad_records_are_reported_by_line_and_counted() {
    let dir = scratch("ivo-fel");
    let cases = dir.join("arenden.jsonl");
    let fixture = read(&root().join(FIXTURE));
    let mut lines: Vec<&str> = fixture.lines().take(3).collect();
    lines.insert(
        1,
        "{\"schema_version\":1,\"person\":{\"fodelsedatum\":\"2025-06-31\"}}",
    );
    lines.insert(3, "inte json");
    write_file(&cases, lines.join("\n"));
    let output = run_cli(&[
        "ivo",
        "--cases",
        &cases.display().to_string(),
        "--kvartal",
        "2025Q3",
        "--rules",
        "rules/exempelkommun",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains("arenden.jsonl:2: fältet /person/fodelsedatum"),
        "{errors}"
    );
    assert!(errors.contains("arenden.jsonl:4: ogiltig JSON"), "{errors}");
    assert!(errors.contains("5 ärenden lästa, 2 med fel"), "{errors}");
    let report = parse_json(&stdout(&output), "ivo --format json");
    assert_eq!(report["arenden"]["lasta"], 3);
    assert_eq!(report["arenden"]["med_fel"], 2);
    assert_eq!(rows(&report).len(), 3);
    let summary = report["sammanfattning"].as_str().unwrap_or_default();
    assert!(summary.contains("rapporten är ofullständig"), "{summary}");
}

#[test]
fn ivo_report_reads_swedish_csv_cases() {
    let dir = scratch("ivo-csv");
    let cases = dir.join("arenden.csv");
    write_file(
        &cases,
        "\u{feff}arende_id;fodelsedatum;kon;insats;beslut_beslutsdatum;beslut_gynnande;beslut_anledning_kod;beslut_anledning_text\r\n\
         C-1;1948-02-03;kvinna;sarskilt_boende;2025-03-31;ja;brist_pa_plats;Ingen ledig plats\r\n",
    );
    let output = run_cli(&[
        "ivo",
        "--cases",
        &cases.display().to_string(),
        "--kvartal",
        "2025Q3",
        "--rules",
        "rules/exempelkommun",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = parse_json(&stdout(&output), "ivo --format json");
    let rows = rows(&report);
    assert_eq!(rows.len(), 1, "{report}");
    assert_eq!(rows[0]["anledning_kod"], "brist_pa_plats");
    assert_eq!(rows[0]["anledning_text"], "Ingen ledig plats");
}

/// Oracle 40: `ÅÅÅÅMMDD-T` and three digits, the second even for a kvinna and odd for a man,
/// the same every quarter.
#[test]
fn oracle_40_identitetskod_in_the_report() {
    let code_of = |report: &Value, insats: &str| {
        row_of(&rows(report), insats)["identitetskod"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let q3 = report_json("2025Q3", &[]);
    let q4 = report_json("2025Q4", &[]);
    let kvinna = code_of(&q3, "sarskilt_boende");
    assert_eq!(
        kvinna,
        code_of(&q4, "sarskilt_boende"),
        "stabil mellan kvartal"
    );
    let man = code_of(&q3, "hemtjanst_omvardnad");
    for (code, born, parity) in [(&kvinna, "19480203-T", 0), (&man, "19500101-T", 1)] {
        assert!(code.starts_with(born), "{code}");
        let digits: Vec<u32> = code[born.len()..]
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        assert_eq!(digits.len(), 3, "{code}");
        assert_eq!(code.len(), born.len() + 3, "{code}");
        assert_eq!(digits[1] % 2, parity, "{code}");
    }
}

/// The report's beslut fields are part of the case contract: the fixture validates against the
/// schema, and a wrong code or offer is rejected by the schema and the reader alike.
#[test]
fn the_report_fields_are_in_the_case_schema() {
    let schema = parse_json(
        &read(&root().join("schema/case.schema.json")),
        "schema/case.schema.json",
    );
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|error| panic!("schemat är ogiltigt: {error}"));
    let fixture = read(&root().join(FIXTURE));
    for (line_idx, line) in fixture.lines().enumerate() {
        let value: Value = serde_json::from_str(line).unwrap_or(Value::Null);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|error| format!("{} {error}", error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "rad {}: {errors:?}", line_idx + 1);
        assert!(
            riktlinjer_library::case::from_json(line).is_ok(),
            "rad {}",
            line_idx + 1
        );
    }
    let beslut = |extra: Value| {
        let mut beslut = serde_json::json!({"insats": "sarskilt_boende"});
        if let (Some(beslut), Some(extra)) = (beslut.as_object_mut(), extra.as_object()) {
            beslut.extend(extra.clone());
        }
        serde_json::json!({"schema_version": 1, "beslut": [beslut]})
    };
    let bad = [
        serde_json::json!({"anledning_kod": "brist_pa_tid"}),
        // The schema checks a date's shape only: an impossible day is the reader's to find.
        serde_json::json!({"erbjudanden": [{"datum": "1 juni 2025"}]}),
        serde_json::json!({"erbjudanden": [{"datum": "2025-06-01", "svar": "nej"}]}),
        serde_json::json!({"rapporterad_tidigare": "ja"}),
        serde_json::json!({"verksamhetsomrade": "skola"}),
    ];
    for extra in bad {
        let case = beslut(extra);
        assert!(!validator.is_valid(&case), "schemat godtar {case}");
        assert!(
            riktlinjer_library::case::from_json(&case.to_string()).is_err(),
            "läsaren godtar {case}"
        );
    }
}

#[test]
fn a_beslut_without_gynnande_is_named_not_dropped_in_silence() {
    let dir = scratch("ivo-gynnande");
    let cases = dir.join("arenden.jsonl");
    let lines = [
        r#"{"schema_version":1,"arende_id":"U3","beslut":[{"insats":"hemtjanst_service","beslutsdatum":"2025-01-10"}]}"#,
        r#"{"schema_version":1,"arende_id":"U4","beslut":[{"insats":"hemtjanst_service","beslutsdatum":"2025-01-10","gynnande":true}]}"#,
    ];
    write_file(&cases, lines.join("\n"));
    let output = run_cli(&[
        "ivo",
        "--cases",
        &cases.display().to_string(),
        "--kvartal",
        "2025Q2",
        "--rules",
        "rules/exempelkommun",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "arenden.jsonl:1: beslutet om `hemtjanst_service` från 2025-01-10 saknar uppgift om det är gynnande"
        ),
        "{errors}"
    );
    assert!(!errors.contains("arenden.jsonl:2: beslutet"), "{errors}");
    let report = parse_json(&stdout(&output), "ivo --format json");
    // Only the gynnande beslut is a row; the other was named above.
    assert_eq!(rows(&report).len(), 1, "{report}");
}

#[test]
fn a_byte_order_mark_before_the_first_date_on_standard_in_is_skipped() {
    let output = run_with_stdin(
        &[
            "frist",
            "overklagande",
            "--delgiven",
            "-",
            "--format",
            "json",
        ],
        "\u{feff}2025-12-03\n2025-12-04\n",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2, "{}", stdout(&output));
    assert_eq!(lines[0]["delgiven"], "2025-12-03", "{}", stdout(&output));
}

#[test]
fn the_stream_summary_counts_answered_bad_and_blank_lines_apart() {
    let output = run_with_stdin(
        &[
            "frist",
            "overklagande",
            "--delgiven",
            "-",
            "--format",
            "json",
        ],
        "2025-12-03\n\nx\n2025-12-04\n",
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 2, "{}", stdout(&output));
    assert!(
        stderr(&output).contains(
            "1 av 4 rader på standard in kunde inte läsas; 2 besvarades; 1 tom rad hoppades över"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn frist_ivo_reads_many_beslut_from_standard_in_and_names_a_bad_line_without_its_text() {
    let input = "\u{feff}2025-10-15\n\n2025-11-30;2026-01-10\n19470815-9882\n2026-01-01;Hemliga gatan\n2025-03-31\n";
    let output = run_with_stdin(
        &["frist", "ivo", "--beslutsdatum", "-", "--lag", "lss"],
        input,
    );
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    // Each answer is what the single-date form gives.
    let single = run_cli(&[
        "frist",
        "ivo",
        "--beslutsdatum",
        "2025-11-30",
        "--avbrott",
        "2026-01-10",
        "--lag",
        "lss",
    ]);
    assert_eq!(lines[1], stdout(&single).trim_end(), "{out}");
    assert!(lines[0].contains("2026-01-15"), "{out}");
    assert!(err.contains("standard in, rad 4: beslutsdatum:"), "{err}");
    assert!(err.contains("standard in, rad 5: avbrott:"), "{err}");
    assert!(
        err.contains("2 av 6 rader på standard in kunde inte läsas; 3 besvarades"),
        "{err}"
    );
    assert!(!err.contains("9882") && !err.contains("Hemliga"), "{err}");
    let json = run_with_stdin(
        &["frist", "ivo", "--beslutsdatum", "-", "--format", "json"],
        "2025-10-15\n",
    );
    let value: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or(serde_json::Value::Null);
    assert_eq!(value["rapporteras_fran"], "2026-01-16", "{value}");
    let both = run_cli(&[
        "frist",
        "ivo",
        "--beslutsdatum",
        "-",
        "--avbrott",
        "2026-01-10",
    ]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--avbrott kan bara anges med ett enda beslutsdatum"));
}
