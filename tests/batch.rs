//! Batch work end to end: `riktlinjer diff`, `omprovning` and `generera` as a user runs them.
//!
//! The omprövning between the two shipped versions of Exempelkommun's riktlinje runs on a
//! generated population and must give a classified worklist whose totals add up, the same bytes
//! whatever the number of threads, and an HTML report that a real browser renders (when
//! `chromium` is installed; otherwise that part is skipped with a note). A file with malformed
//! lines is read to the end, and every bad line is reported with its number.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::{create_dir, parse_json, read, run_cli, scratch, stderr, stdout, write_file};

const FROM: &str = "exempelkommun-2025-01-01";
const TO: &str = "exempelkommun-2025-11-01";

/// Writes `antal` generated records (`jsonl` or `csv`) to `path`.
fn generate(path: &Path, antal: u32, seed: u32, format: &str) {
    let output = run_cli(&[
        "generera",
        "--antal",
        &antal.to_string(),
        "--seed",
        &seed.to_string(),
        "--format",
        format,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    write_file(path, &output.stdout);
}

/// Runs `omprovning` from the shipped 2025-01-01 version to 2025-11-01 and returns the exit
/// code, the records of the worklist and the summary text. A refused file leaves no worklist,
/// which gives no records; a worklist that is there but cannot be read fails the test.
fn omprovning(cases: &Path, out: &Path, extra: &[&str]) -> (Option<i32>, Vec<Value>, String) {
    let (cases, out_arg) = (cases.display().to_string(), out.display().to_string());
    let mut args = vec![
        "omprovning",
        "--rules",
        "rules/exempelkommun",
        "--from",
        FROM,
        "--to",
        TO,
        "--cases",
        &cases,
        "--out",
        &out_arg,
    ];
    args.extend_from_slice(extra);
    let output = run_cli(&args);
    let text = match std::fs::read_to_string(out) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => panic!("{}: {error}", out.display()),
    };
    let records = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line}")))
        .collect();
    (
        output.status.code(),
        records,
        format!("{}{}", stdout(&output), stderr(&output)),
    )
}

fn of_type<'a>(records: &'a [Value], typ: &str) -> Vec<&'a Value> {
    records
        .iter()
        .filter(|record| record["typ"] == typ)
        .collect()
}

fn count(value: &Value) -> u64 {
    value.as_u64().unwrap_or(u64::MAX)
}

/// Checks that the summary record's totals add up to `read` and agree with the records.
fn check_totals(records: &[Value], read: u64) -> Value {
    let summa = records.last().cloned().unwrap_or_default();
    assert_eq!(summa["typ"], "summa", "the last record is the summary");
    assert_eq!(count(&summa["lasta"]), read);
    assert_eq!(
        count(&summa["oforandrade"]) + count(&summa["andrade"]) + count(&summa["avvisade"]),
        read,
        "the totals add up: {summa}"
    );
    assert_eq!(
        count(&summa["andrade"]),
        of_type(records, "andrad").len() as u64
    );
    assert_eq!(
        count(&summa["avvisade"]),
        of_type(records, "avvisad").len() as u64
    );
    summa
}

/// Omprövning prövar a gällande beslut against the new version's computed omfattning: a
/// beslut of 6 timmar per månad for städning every third week, inköp once a week and tvätt
/// twice a month met 2025-01-01's riktlinje, and 2025-11-01's schablon gives 5,7. The worklist
/// names the schablon's figure and estimates the change at −0,3 hours; the nämnd's report sums
/// the same −0,3 (in hours, not in thousandths of an hour).
#[test]
fn omprovning_weighs_a_beslut_against_the_new_versions_schablon() {
    let dir = scratch("schablon-omprovning");
    let cases = dir.join("beslut.jsonl");
    write_file(
        &cases,
        r#"{"schema_version":1,"arende_id":"A-1","person":{"fodelsedatum":"1941-05-12","kon":"kvinna","folkbokford_i_kommunen":true,"bor_ensam":true,"kan_anvanda_larm":true,"behov_tillgodoses_pa_annat_satt":false,"behov_dygnet_runt":false,"behov":["hemliv","trygghet"]},"ansokningar":[{"insats":"hemtjanst_service","stadning_var_n_vecka":3,"inkop_per_vecka":1,"tvatt_per_manad":2}],"beslut":[{"insats":"hemtjanst_service","beslutsdatum":"2024-03-01","gynnande":true,"tills_vidare":true,"omfattning":6,"verkstalld":"2024-03-15"}]}
"#,
    );
    let (worklist, report) = (dir.join("andringar.jsonl"), dir.join("rapport.html"));
    let report_arg = report.display().to_string();
    let (code, records, text) = omprovning(&cases, &worklist, &["--report", &report_arg]);
    assert_eq!(code, Some(0), "{text}");
    let changed = of_type(&records, "andrad");
    assert_eq!(changed.len(), 1, "{records:?}");
    let change = &changed[0]["andringar"][0];
    assert_eq!(change["fore"]["utfall"], "uppfyller");
    assert_eq!(change["efter"]["utfall"], "uppfyller_inte");
    assert_eq!(change["efter"]["omfattning"], serde_json::json!(5.7));
    assert_eq!(change["klass"], "kan_inte_andras_till_nackdel");
    assert_eq!(
        change["uppskattad_forandring"],
        serde_json::json!({"varde": -0.3, "enhet": "timmar_per_manad"})
    );
    let html = read(&report);
    let row = "<tr><td>Hemtjänst – serviceinsatser</td><td class=\"num\">−0,3</td><td>timmar per månad</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>";
    assert!(html.contains(row), "{row} saknas i rapporten");
    assert!(!html.contains("−300,0"), "rapporten räknar i tusendelar");
}

#[test]
fn omprovning_of_a_generated_population_gives_a_classified_worklist_and_a_report() {
    let dir = scratch("omprovning");
    let cases = dir.join("population.jsonl");
    generate(&cases, 3_000, 11, "jsonl");
    let out = dir.join("andringar.jsonl");
    let report = dir.join("rapport.html");
    let report_arg = report.display().to_string();
    let (code, records, text) = omprovning(&cases, &out, &["--report", &report_arg]);
    assert_eq!(code, Some(0), "{text}");

    let header = &records[0];
    assert_eq!(header["typ"], "omprovning");
    assert!(
        header["upplysning"]
            .as_str()
            .unwrap_or_default()
            .contains("Inget beslut ändras automatiskt")
    );
    assert_eq!(header["fran"]["id"], FROM);
    assert_eq!(header["provningsdag"], "2025-11-01");
    let summa = check_totals(&records, 3_000);
    assert!(text.contains("Inget beslut ändras automatiskt"), "{text}");
    assert!(text.contains("Lästa ärenden: 3000"), "{text}");

    let mut classes = BTreeSet::new();
    let mut rules = BTreeSet::new();
    for record in of_type(&records, "andrad") {
        assert!(
            record["arende_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("G-"))
        );
        for change in record["andringar"].as_array().into_iter().flatten() {
            classes.insert(change["klass"].as_str().unwrap_or_default().to_owned());
            assert_ne!(change["fore"]["utfall"], Value::Null);
            assert!(
                change["motivering"]
                    .as_str()
                    .is_some_and(|text| !text.is_empty())
            );
            for rule in change["avgorande_regler"].as_array().into_iter().flatten() {
                rules.insert(rule["regel"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
    for class in [
        "kan_inte_andras_till_nackdel",
        "vasentligt_andrade_forhallanden",
        "provas_vid_utgang",
        "kraver_manuell_bedomning",
    ] {
        assert!(
            classes.contains(class),
            "no change classified {class}: {classes:?}"
        );
    }
    for rule in ["HT-S-3", "HT-S-6", "TL-2", "KV-2", "LED-3"] {
        assert!(
            rules.contains(rule),
            "the revision of {rule} was not found: {rules:?}"
        );
    }
    assert!(count(&summa["per_klass"]["kan_inte_andras_till_nackdel"]) > 0);

    // The same bytes whatever the number of threads.
    let single = dir.join("en-trad.jsonl");
    let (_, one_thread, _) = omprovning(&cases, &single, &["--tradar", "1"]);
    assert_eq!(one_thread, records);

    check_report(&report);
}

fn check_report(report: &Path) {
    let html = read(report);
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..html.len().min(200)]
    );
    for part in [
        "<html lang=\"sv\">",
        "<style>",
        "@media print",
        "<h2>Sammanfattning</h2>",
        "Ändringar per insats",
        "Ändringar per åldersgrupp",
        "Uppskattad förändring av beviljad omfattning",
        "Inget beslut ändras automatiskt",
        "37 § FL",
        "14 kap. 9 § SoL",
        "</html>",
    ] {
        assert!(html.contains(part), "the report lacks {part}");
    }
    assert!(html.matches("<svg").count() >= 4, "four charts");
    for outside in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the report loads {outside}: it must be self-contained"
        );
    }
    screenshot(report);
}

/// Renders the report in headless Chromium, when it is installed, and checks the picture.
fn screenshot(report: &Path) {
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    }) else {
        println!(
            "OBS: chromium finns inte; rapporten kontrollerades bara som HTML, inte i en webbläsare"
        );
        return;
    };
    let png = report.with_extension("png");
    let absolute = std::fs::canonicalize(report).unwrap_or_else(|_| report.to_owned());
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--window-size=1100,2400",
            &format!("--screenshot={}", png.display()),
            &format!("file://{}", absolute.display()),
        ])
        .output()
        .unwrap_or_else(|error| panic!("{chromium}: {error}"));
    let bytes = std::fs::read(&png).unwrap_or_default();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
        "no screenshot of the report ({} bytes): {}",
        bytes.len(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_file_with_malformed_lines_is_read_to_the_end_and_every_bad_line_is_reported() {
    let dir = scratch("trasiga-rader");
    let good = dir.join("bra.jsonl");
    generate(&good, 40, 5, "jsonl");
    let lines: Vec<String> = read(&good).lines().map(str::to_owned).collect();
    let bad = [
        (3, "{\"schema_version\":1,\"person\":{\"bor_ensam\":\"ja\"}}".to_owned()),
        (10, "{inte json".to_owned()),
        (17, "{\"schema_version\":1,\"person\":{\"fodelsedatum\":\"1940-02-30\"}}".to_owned()),
        (25, "[1, 2]".to_owned()),
        (44, "{\"schema_version\":1,\"beslut\":[{\"insats\":\"hemtjanst_service\",\"tidsbegransat\":true}]}".to_owned()),
    ];
    let mut text = String::new();
    let mut good_lines = lines.iter();
    for number in 1..=45 {
        if let Some((_, line)) = bad.iter().find(|(at, _)| *at == number) {
            text.push_str(line);
        } else if number == 30 {
            // An empty line is no record.
        } else if let Some(line) = good_lines.next() {
            text.push_str(line);
        }
        text.push('\n');
    }
    let cases = dir.join("blandat.jsonl");
    write_file(&cases, &text);
    let out = dir.join("ut.jsonl");
    let (code, records, summary) = omprovning(&cases, &out, &[]);
    assert_eq!(code, Some(1), "rejected lines give exit 1:\n{summary}");
    check_totals(&records, 44);
    let rejected: Vec<u64> = of_type(&records, "avvisad")
        .iter()
        .map(|record| count(&record["rad"]))
        .collect();
    assert_eq!(rejected, [3, 10, 17, 25, 44]);
    for (line, fragment) in [
        (3, "/person/bor_ensam"),
        (10, "ogiltig JSON"),
        (17, "/person/fodelsedatum"),
        (25, "objekt"),
        (44, "tidsbegransat"),
    ] {
        let reported = format!("rad {line}: ");
        let at = summary
            .find(&reported)
            .unwrap_or_else(|| panic!("rad {line} saknas:\n{summary}"));
        let rest = summary[at..].lines().next().unwrap_or_default();
        assert!(rest.contains(fragment), "{rest}");
    }

    // The same for CSV, with the line number of the row.
    let csv = dir.join("population.csv");
    generate(&csv, 30, 5, "csv");
    let mut rows: Vec<String> = read(&csv).lines().map(str::to_owned).collect();
    rows[4] = rows[4]
        .replacen(";kvinna;", ";okänt;", 1)
        .replacen(";man;", ";okänt;", 1);
    rows[9] = "G-trasig;1940-01-01".to_owned();
    write_file(&csv, rows.join("\r\n") + "\r\n");
    let out = dir.join("ut-csv.jsonl");
    let (code, records, summary) = omprovning(&csv, &out, &[]);
    assert_eq!(code, Some(1), "{summary}");
    check_totals(&records, 30);
    let rejected: Vec<u64> = of_type(&records, "avvisad")
        .iter()
        .map(|record| count(&record["rad"]))
        .collect();
    assert_eq!(rejected, [5, 10], "{summary}");
}

/// The rows of a generated CSV file, header first.
fn csv_rows(dir: &Path, antal: u32, seed: u32) -> Vec<String> {
    let csv = dir.join("genererad.csv");
    generate(&csv, antal, seed, "csv");
    read(&csv).lines().map(str::to_owned).collect()
}

/// The line numbers of the rejected records and the summary's line for each.
fn rejected_lines(records: &[Value], summary: &str) -> Vec<(u64, String)> {
    of_type(records, "avvisad")
        .iter()
        .map(|record| {
            let line = count(&record["rad"]);
            let reported = format!("rad {line}: ");
            let text = summary
                .find(&reported)
                .and_then(|at| summary[at..].lines().next())
                .unwrap_or_default()
                .to_owned();
            (line, text)
        })
        .collect()
}

#[test]
fn a_stray_quote_in_a_csv_line_rejects_that_line_and_every_other_line_is_read() {
    let dir = scratch("citattecken");
    let mut rows = csv_rows(&dir, 100, 1);
    assert_eq!(rows.len(), 101);
    rows[10] = format!("\"{}", rows[10]);
    for (name, ending) in [("lf.csv", "\n"), ("crlf.csv", "\r\n")] {
        let cases = dir.join(name);
        write_file(&cases, rows.join(ending) + ending);
        let out = dir.join(format!("ut-{name}.jsonl"));
        let (code, records, summary) = omprovning(&cases, &out, &[]);
        assert_eq!(code, Some(1), "{summary}");
        assert!(summary.contains("Lästa ärenden: 100"), "{summary}");
        check_totals(&records, 100);
        let rejected = rejected_lines(&records, &summary);
        assert_eq!(rejected.len(), 1, "{summary}");
        assert_eq!(rejected[0].0, 11, "{summary}");
        assert!(
            rejected[0].1.contains("öppnas men stängs aldrig på raden"),
            "{summary}"
        );
    }
}

#[test]
fn csv_line_numbers_are_the_lines_an_editor_shows_after_blank_lines() {
    let dir = scratch("tomma-rader");
    let rows = csv_rows(&dir, 1, 1);
    let bad = rows[1]
        .replacen(";kvinna;", ";X;", 1)
        .replacen(";man;", ";X;", 1);
    assert_ne!(bad, rows[1]);
    let text = [rows[0].as_str(), &rows[1], "", "", &bad, "", &bad, ""].join("\n");
    let cases = dir.join("arenden.csv");
    write_file(&cases, text);
    let (code, records, summary) = omprovning(&cases, &dir.join("ut.jsonl"), &[]);
    assert_eq!(code, Some(1), "{summary}");
    check_totals(&records, 3);
    let rejected = rejected_lines(&records, &summary);
    let lines: Vec<u64> = rejected.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [5, 7], "{summary}");
    assert!(rejected[0].1.contains("kolumn kon"), "{summary}");

    // The IVO report reads the file through the same reader.
    let output = run_cli(&[
        "ivo",
        "--cases",
        &cases.display().to_string(),
        "--kvartal",
        "2025Q4",
        "--rules",
        "rules/exempelkommun",
    ]);
    let errors = stderr(&output);
    let named = format!("{}:5: kolumn kon", cases.display());
    assert!(errors.contains(&named), "{errors}");
    let named = format!("{}:7: kolumn kon", cases.display());
    assert!(errors.contains(&named), "{errors}");
}

#[test]
fn a_csv_header_naming_a_column_twice_refuses_the_file() {
    let dir = scratch("dubbel-kolumn");
    let cases = dir.join("arenden.csv");
    write_file(
        &cases,
        "insats;kon;bor_ensam;kon\ntrygghetslarm;man;ja;kvinna\n",
    );
    let (code, _, summary) = omprovning(&cases, &dir.join("ut.jsonl"), &[]);
    assert_eq!(code, Some(2), "{summary}");
    assert!(
        summary.contains("kolumnen `kon` står två gånger i rubrikraden, som kolumn 2 och 4"),
        "{summary}"
    );
}

#[test]
fn generera_gives_the_same_bytes_for_the_same_seed() {
    let first = run_cli(&["generera", "--antal", "500", "--seed", "42"]);
    let again = run_cli(&["generera", "--antal", "500", "--seed", "42"]);
    let other = run_cli(&["generera", "--antal", "500", "--seed", "43"]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(first.stdout, again.stdout);
    assert_ne!(first.stdout, other.stdout);
    assert_eq!(stdout(&first).lines().count(), 500);
    let csv = run_cli(&[
        "generera", "--antal", "100", "--seed", "42", "--format", "csv",
    ]);
    assert_eq!(stdout(&csv).lines().count(), 101);
    assert!(stdout(&csv).starts_with("arende_id;fodelsedatum;"));
}

#[test]
fn diff_shows_the_changes_of_the_2025_11_01_revision() {
    let text = run_cli(&[
        "diff",
        "rules/exempelkommun/2025-01-01.md",
        "rules/exempelkommun/2025-11-01.md",
    ]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let text = stdout(&text);
    // The 9 b § LSS rules (once PA-1 to PA-3 in each version) are the law's, in the national
    // baseline both versions build on: the nämnd's revision no longer changes them.
    for expected in [
        "regel HT-S-3: villkoret ändrat",
        "städning_var_n_vecka > 0 och städning_var_n_vecka < 3",
        "regel HT-S-6: villkoret ändrat",
        "sökt_omfattning > 6",
        "regel TL-2: ny",
        "regel KV-2: villkoret ändrat",
        "regel LED-3: villkoret ändrat",
    ] {
        assert!(text.contains(expected), "{expected} saknas:\n{text}");
    }
    let json = run_cli(&[
        "diff",
        "--rules",
        "rules/exempelkommun",
        FROM,
        TO,
        "--format",
        "json",
    ]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let value = parse_json(&stdout(&json), "diff --format json");
    assert_eq!(value["fran"]["id"], FROM);
    let changes: BTreeSet<(String, String)> = value["andringar"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|change| {
            (
                change["id"].as_str().unwrap_or_default().to_owned(),
                change["andring"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for (id, kind) in [
        ("HT-S-3", "villkor"),
        ("HT-S-6", "villkor"),
        ("TL-2", "tillagd"),
        ("KV-2", "villkor"),
        ("LED-3", "villkor"),
    ] {
        assert!(
            changes.contains(&(id.to_owned(), kind.to_owned())),
            "{id} {kind} saknas"
        );
    }
    let unknown = run_cli(&[
        "diff",
        "--rules",
        "rules/exempelkommun",
        FROM,
        "exempelkommun-2030-01-01",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("ingen version med id `exempelkommun-2030-01-01`"));
}

#[test]
fn a_forslag_can_be_named_and_is_proved_from_its_giltig_fran() {
    let dir = scratch("forslag");
    let rules = dir.join("rules");
    create_dir(&rules);
    let source = crate::root().join("rules/exempelkommun");
    let old = read(&source.join("2025-01-01.md"));
    let new = read(&source.join("2025-11-01.md"))
        .replacen(
            "id: exempelkommun-2025-11-01",
            "id: exempelkommun-forslag-2026",
            1,
        )
        .replacen("giltig_från: 2025-11-01", "giltig_från: 2026-01-01", 1)
        .replacen("status: antagen", "status: förslag", 1);
    write_file(&rules.join("2025-01-01.md"), old);
    write_file(&rules.join("2026-01-01.md"), new);
    let cases = dir.join("population.jsonl");
    generate(&cases, 300, 3, "jsonl");
    let out = dir.join("ut.jsonl");
    let output = run_cli(&[
        "omprovning",
        "--rules",
        &rules.display().to_string(),
        "--from",
        FROM,
        "--to",
        "exempelkommun-forslag-2026",
        "--cases",
        &cases.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = read(&out);
    let header = parse_json(
        text.lines().next().unwrap_or_default(),
        "arbetslistans första rad",
    );
    assert_eq!(header["till"]["status"], "forslag");
    assert_eq!(header["provningsdag"], "2026-01-01");
    let records: Vec<Value> = text
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    check_totals(&records, 300);
    assert!(!of_type(&records, "andrad").is_empty());
}

/// A case for the IVO report: one person, the beslut given.
fn ivo_case(arende_id: &str, beslut: serde_json::Value) -> String {
    serde_json::json!({
        "schema_version": 1,
        "arende_id": arende_id,
        "person": {"fodelsedatum": "1980-03-02", "kon": "man", "skyddade_personuppgifter": "ingen"},
        "beslut": beslut,
    })
    .to_string()
}

fn ivo_report(
    dir: &std::path::Path,
    lines: &[String],
    kvartal: &str,
    format: &str,
) -> (Option<i32>, String, String) {
    let cases = dir.join(format!("ivo-{kvartal}.jsonl"));
    write_file(&cases, lines.join("\n") + "\n");
    let output = run_cli(&[
        "ivo",
        "--cases",
        &cases.display().to_string(),
        "--kvartal",
        kvartal,
        "--rules",
        "rules/exempelkommun",
        "--format",
        format,
    ]);
    (output.status.code(), stdout(&output), stderr(&output))
}

#[test]
fn a_quarter_before_the_first_riktlinje_version_is_reported_from_the_law() {
    let dir = scratch("ivo-2020");
    let beslut = |insats: &str| serde_json::json!([{"insats": insats, "beslutsdatum": "2019-05-16", "gynnande": true}]);
    let lines = [
        ivo_case("2019-1", beslut("bostad_sarskild_service_vuxna")),
        ivo_case("2019-2", beslut("daglig_verksamhet")),
    ];
    let (code, text, err) = ivo_report(&dir, &lines, "2020Q1", "text");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        text.contains("Ingen version av riktlinjen gällde rapportdagen"),
        "{text}"
    );
    assert!(text.contains("2 ej verkställda beslut"), "{text}");
    assert!(text.contains("28 f § LSS"), "{text}");
    let (_, json, _) = ivo_report(&dir, &lines, "2020Q1", "json");
    let value = parse_json(&json, "ivo --format json");
    assert_eq!(value["riktlinje"]["galler_rapportdagen"], false, "{json}");
    assert_eq!(value["rader"].as_array().map(Vec::len), Some(2), "{json}");
}

#[test]
fn a_beslut_whose_lag_does_not_match_its_insats_is_flagged_in_the_report_and_on_stderr() {
    let dir = scratch("ivo-avvikelse");
    let lines = [ivo_case(
        "A-1",
        serde_json::json!([{
            "insats": "hemtjanst_omvardnad",
            "beslutsdatum": "2025-05-02",
            "gynnande": true,
            "verksamhetsomrade": "lss"
        }]),
    )];
    let (code, text, err) = ivo_report(&dir, &lines, "2025Q4", "text");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        text.contains("OBS: beslutet anges som LSS, men insatsen ges enligt SoL i riktlinjen"),
        "{text}"
    );
    assert!(
        err.contains("varning:") && err.contains("beslutet anges som LSS"),
        "{err}"
    );
    let (_, csv, _) = ivo_report(&dir, &lines, "2025Q4", "csv");
    assert!(csv.contains(";Avvikelse\r\n"), "{csv}");
    assert!(csv.contains("inte en av insatserna i 9 § LSS"), "{csv}");
    let (_, json, _) = ivo_report(&dir, &lines, "2025Q4", "json");
    assert!(
        json.contains("\"avvikelse\": \"beslutet anges som LSS"),
        "{json}"
    );
}

#[test]
fn the_report_for_fullmaktige_has_birth_year_and_kon_only_and_hides_small_counts() {
    let dir = scratch("ivo-fullmaktige");
    let lines = [ivo_case(
        "F-1",
        serde_json::json!([{
            "insats": "hemtjanst_omvardnad",
            "beslutsdatum": "2025-05-02",
            "gynnande": true,
            "anledning_kod": "ovrigt",
            "anledning_text": "Väntar på plats hos Anna Andersson",
            "erbjudanden": [{"datum": "2025-09-01", "text": "Erbjuden plats på Solgården"}]
        }]),
    )];
    let run = |mottagare: &str, format: &str| {
        let cases = dir.join("kvartal.jsonl");
        write_file(&cases, lines.join("\n") + "\n");
        let output = run_cli(&[
            "ivo",
            "--cases",
            &cases.display().to_string(),
            "--kvartal",
            "2025Q4",
            "--rules",
            "rules/exempelkommun",
            "--format",
            format,
            "--mottagare",
            mottagare,
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    let ivo = run("ivo", "text");
    assert!(ivo.contains("19800302-T"), "{ivo}");
    assert!(ivo.contains("Anna Andersson"), "{ivo}");
    for format in ["text", "csv", "json"] {
        let text = run("fullmaktige", format);
        for hidden in ["19800302", "-T", "Anna Andersson", "Solgården"] {
            assert!(!text.contains(hidden), "{format}: `{hidden}`:\n{text}");
        }
        assert!(text.contains("1980"), "{format}: {text}");
        assert!(text.contains("<3"), "{format}: {text}");
    }
    let text = run("fullmaktige", "text");
    assert!(
        text.contains("Till kommunfullmäktige och revisorerna, avidentifierad"),
        "{text}"
    );
    let json = parse_json(
        &run("fullmaktige", "json"),
        "ivo --mottagare fullmaktige --format json",
    );
    assert_eq!(json["mottagare"], "fullmaktige");
    assert_eq!(
        json["statistik"]["totalt"]["ej_verkstallda"], "<3",
        "{json}"
    );
    assert_eq!(json["rader"][0]["kon"], "man", "{json}");
}
