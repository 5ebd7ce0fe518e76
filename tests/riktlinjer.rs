//! The shipped riktlinjer: each compiles clean, and every rule test written inside it passes.
//!
//! Also the rule language's own documentation: every example in `rules/README.md` compiles.

use riktlinjer_compiler::compile;
use riktlinjer_compiler::diagnostic::{Sources, render};

use crate::{parse_json, read, read_bytes, root, shipped_sources, write_file};

#[test]
fn every_shipped_riktlinje_compiles_and_passes_its_rule_tests() {
    let sources = shipped_sources();
    assert!(
        sources.len() >= 2,
        "rules/ ska innehålla minst två versioner: {sources:?}"
    );
    for path in sources {
        let text = read(&path);
        let compiled = compile(&text);
        let name = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        assert!(
            compiled.diagnostics.is_empty(),
            "{name} har fel:\n{}",
            render(&Sources::alone(&name, &text), &compiled.diagnostics, false)
        );
        assert!(compiled.bytes.is_some(), "{name}: ingen tabell");
        // Exempelkommun covers every insats; a schablon riktlinje covers its hemtjänst.
        let least = if name.contains("exempelkommun") {
            30
        } else {
            8
        };
        assert!(
            compiled.rule_tests.len() >= least,
            "{name}: bara {} regeltester",
            compiled.rule_tests.len()
        );
        assert!(compiled.rule_tests.iter().all(|test| test.godkant));
    }
}

#[test]
fn a_rule_test_expecting_the_wrong_outcome_fails_naming_file_case_and_rule() {
    let path = shipped_sources()
        .into_iter()
        .rfind(|path| path.to_string_lossy().contains("exempelkommun"))
        .unwrap_or_else(|| panic!("ingen riktlinje för exempelkommun i rules/"));
    let text = read(&path);
    // Turn the first test that expects `lagen_hindrar` into one that expects `uppfyller`.
    let at = text.find("väntat: lagen_hindrar").unwrap_or(0);
    let fall_at = text[..at].rfind("fall: ").unwrap_or(0);
    let fall = text[fall_at + 6..]
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    let changed = format!(
        "{}väntat: uppfyller{}",
        &text[..at],
        &text[at + "väntat: lagen_hindrar".len()..]
    );
    let compiled = compile(&changed);
    assert!(compiled.bytes.is_none());
    let name = path.display().to_string();
    let rendered = render(
        &Sources::alone(&name, &changed),
        &compiled.diagnostics,
        false,
    );
    assert_eq!(compiled.diagnostics.len(), 1, "{rendered}");
    assert!(rendered.contains("R013"), "{rendered}");
    assert!(rendered.contains(&name), "{rendered}");
    assert!(
        rendered.contains(&fall),
        "fallet «{fall}» saknas:\n{rendered}"
    );
    assert!(
        rendered.contains("skälen kom från `"),
        "regeln saknas:\n{rendered}"
    );
    assert!(
        rendered.contains("väntade `uppfyller` men fick `lagen_hindrar`"),
        "{rendered}"
    );
}

/// Collects the fenced blocks of a Markdown text: (info string, content).
fn fenced_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => blocks.extend(current.take()),
            (Some((_, content)), None) => {
                content.push_str(line);
                content.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

#[test]
fn every_example_in_the_rule_language_guide_compiles() {
    let guide = read(&root().join("rules/README.md"));
    let blocks = fenced_blocks(&guide);
    let head = blocks
        .iter()
        .find(|(info, _)| info == "huvud")
        .map(|(_, text)| text.clone());
    let head = head.unwrap_or_else(|| panic!("rules/README.md har inget huvud-block"));
    let mut document = head.clone();
    let mut conditions = Vec::new();
    for (info, content) in &blocks {
        match info.as_str() {
            "insats" | "åtgärd" | "regel" | "parameter" | "regeltest" | "fakta" | "schablon"
            | "egenskap" => {
                document.push_str(&format!("\n```{info}\n{content}```\n"));
            }
            "villkor" => conditions.push(content.trim().to_owned()),
            _ => {}
        }
    }
    assert!(conditions.len() >= 3, "{conditions:?}");
    for (index, condition) in conditions.iter().enumerate() {
        document.push_str(&format!(
            "\n```regel\nid: EX-{index}\ninsats: trygghetslarm\nnär: {condition}\nutfall: upplysning\nlagrum: 11 kap. 1 § SoL\nskäl: Exempel.\n```\n"
        ));
    }
    let compiled = compile(&document);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        render(
            &Sources::alone("rules/README.md (exemplen)", &document),
            &compiled.diagnostics,
            false
        )
    );
    assert!(
        !compiled.rule_tests.is_empty(),
        "guiden ska visa ett regeltest"
    );
}

/// The shipped schablon tables compute the hours of realistic ärenden through the CLI, as a
/// handläggare runs it: each computed figure is the schablon time × frequency of the case.
#[test]
fn schablon_examples_compute_their_hours() {
    let kristianstad = ["rules/kristianstad", "kristianstad-2025-07-01"];
    let exempelkommun = ["rules/exempelkommun", "exempelkommun-2025-11-01"];
    let cases = [
        (
            kristianstad,
            "examples/kristianstad/omvardnad-och-service.json",
            // Omvårdnad: morgon and kväll every day, dusch twice a week: 20,94 → 20,9, as sökt.
            // Service with omvårdnad, the machine in the laundry room: inköp 2 340, städning
            // 70 · 26 = 1 820, tvätt 30 · 24 = 720, fönsterputs 180: 5 060 minutes a year,
            // 7,03 → 7; sökt 10 is more.
            vec![
                ("hemtjanst_omvardnad", "uppfyller", Some(20.9)),
                ("hemtjanst_service", "uppfyller_inte", Some(7.0)),
            ],
        ),
        (
            kristianstad,
            "examples/kristianstad/makar-som-delar-service.json",
            // Shared: (2 340 + 2 340 + 480) / 2 = 2 580 minutes a year, 3,58 → 3,6.
            vec![("hemtjanst_service", "uppfyller", Some(3.6))],
        ),
        (
            exempelkommun,
            "examples/hemtjanst-omvardnad.json",
            // Three visits a day 15 · 3 · 364 = 16 380, natthjälp 5 · 364 = 1 820, dusch
            // 40 · 52 = 2 080: 20 280 minutes a year, 28,17 → 28,2; sökt 32 is more.
            vec![("hemtjanst_omvardnad", "uppfyller_inte", Some(28.2))],
        ),
    ];
    for ([rules, version], path, expected) in cases {
        let value = crate::run_cli_json(&[
            "eval",
            "--rules",
            rules,
            "--version",
            version,
            "--case",
            path,
            "--as-of",
            "2026-02-01",
            "--format",
            "json",
        ]);
        let provningar = value["provningar"].as_array().cloned().unwrap_or_default();
        assert_eq!(provningar.len(), expected.len(), "{path}");
        for (provning, (insats, utfall, beraknad)) in provningar.iter().zip(&expected) {
            assert_eq!(provning["insats"], *insats, "{path}");
            assert_eq!(provning["utfall"], *utfall, "{path} {insats}");
            assert_eq!(
                provning["beraknad_omfattning"]["varde"].as_f64(),
                *beraknad,
                "{path} {insats}"
            );
            assert!(
                !provning["berakning"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .is_empty(),
                "{path}: ingen beräkning"
            );
        }
    }
}

/// The handläggare reads Exempelkommun's omvårdnad schablon line by line, each frequency in the
/// period it was asked in, and the sökt hours above it with both figures.
#[test]
fn exempelkommun_omvardnad_is_shown_line_by_line() {
    let eval = |case: &str| crate::stdout(&crate::eval_on_example_day(case, "text", &[]));
    let text = eval("examples/hemtjanst-omvardnad.json");
    for shown in [
        "Beräknad omfattning enligt schablonen: 28,2 timmar per månad",
        "Morgon-, middags- och kvällshjälp: 15 minuter × 3 gånger per dag = 22,75 timmar per månad",
        "Natthjälp: 5 minuter × 1 gång per dag = 2,53 timmar per månad",
        "Dusch: 40 minuter × 1 gång per vecka = 2,89 timmar per månad",
        "Sökt omfattning är 32 timmar per månad; riktlinjens schablon ger 28,2 timmar per månad",
    ] {
        assert!(text.contains(shown), "{shown} saknas:\n{text}");
    }
    // No tillsyn is asked for (0): a component that does not apply has no line.
    assert!(!text.contains("Tillsyn:"), "{text}");
    // Without the visits the schablon cannot be computed: the line says which, and so does the
    // reason, and the outcome is an individual assessment.
    let example = crate::read(&crate::root().join("examples/hemtjanst-omvardnad.json"));
    let without = example.replace("\"omsorgsbesok_per_dag\": 3,", "");
    assert_ne!(without, example);
    let dir = crate::scratch("omvardnad-utan-besok");
    let path = dir.join("arende.json");
    crate::write_file(&path, &without);
    let text = eval(&path.display().to_string());
    for shown in [
        "Utfall: Kräver individuell bedömning",
        "Morgon-, middags- och kvällshjälp: 15 minuter × omsorgsbesök_per_dag (en uppgift saknas)",
        "Uppgiften «omsorgsbesök_per_dag»",
    ] {
        assert!(text.contains(shown), "{shown} saknas:\n{text}");
    }
}

/// A kommun adds a fact without touching Rust: a riktlinje declares it, a rule reads it, a case
/// gives it, and the name occurs in no source file of the crates.
#[test]
fn a_new_fact_needs_no_rust() {
    let fact = "antal_husdjur_i_hemmet";
    let riktlinje = format!(
        "---\nid: provkommun-2026-01-01\nkommun: Provkommun\nnämnd: Socialnämnden\ngiltig_från: 2026-01-01\nstatus: antagen\nbygger_på: sverige\n---\n\n# 1 Ledsagning\n\n```fakta\nnamn: {fact}\ntyp: heltal\nbeskrivning: Hur många husdjur som bor i hemmet.\n```\n\n```insats\nid: djurhjalp\nnamn: Hjälp med husdjur\nlag: SoL\nlagrum: 11 kap. 1 § SoL\nannars: uppfyller_inte\n```\n\n```regel\nid: D-1\ninsats: djurhjalp\nnär: {fact} >= 1 och bor_ensam\nutfall: uppfyller\nlagrum: 11 kap. 1 § SoL\nskäl: Den som bor ensam med husdjur kan få hjälp med dem.\n```\n"
    );
    let compiled = compile(&riktlinje);
    assert!(
        compiled.diagnostics.is_empty(),
        "{:?}",
        compiled.diagnostics
    );
    let bytes = compiled
        .bytes
        .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics));
    let table = riktlinjer_core::Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let case = r#"{"schema_version":1,"person":{"bor_ensam":true,"antal_husdjur_i_hemmet":2},"ansokningar":[{"insats":"djurhjalp"}]}"#;
    let input = riktlinjer_library::case::from_json_for(case, &table)
        .unwrap_or_else(|error| panic!("{error}"));
    let as_of =
        riktlinjer_core::Date::parse("2026-02-01").unwrap_or_else(|error| panic!("{error}"));
    let evaluation = riktlinjer_core::evaluate(&table, &input.case, as_of)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        evaluation.provningar[0].outcome,
        riktlinjer_core::Outcome::Uppfyller
    );
    // The schema of this riktlinje publishes the fact.
    let schema = riktlinjer_library::case::schema_for(Some(&table));
    assert!(
        schema["properties"]["person"]["properties"][fact].is_object(),
        "{schema}"
    );
    // No source file of the crates names it.
    let mut pending = vec![root().join("core"), root().join("std-adapter")];
    let mut n_files = 0;
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("target") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                n_files += 1;
                let text = read(&path);
                assert!(!text.contains(fact), "{} nämner uppgiften", path.display());
            }
        }
    }
    assert!(n_files > 50, "för få källfiler: {n_files}");
}

#[test]
fn ny_writes_a_riktlinje_on_the_baseline_that_check_passes_and_never_overwrites_one() {
    let dir = crate::scratch("ny");
    let rules = dir.join("rules");
    let rules_arg = rules.to_string_lossy().into_owned();
    let args = [
        "ny",
        "Ödeshögs kommun",
        "--namnd",
        "Omsorgsnämnden",
        "--giltig-fran",
        "2026-07-01",
        "--rules",
        rules_arg.as_str(),
    ];
    let made = crate::run_cli(&args);
    assert_eq!(made.status.code(), Some(0), "{}", crate::stderr(&made));
    let path = rules.join("odeshogs-kommun/2026-07-01.md");
    let text = read(&path);
    assert!(text.contains("bygger_på: sverige"));
    assert!(text.contains("nämnd: Omsorgsnämnden"));
    let path_arg = path.to_string_lossy().into_owned();
    let checked = crate::run_cli(&["check", path_arg.as_str()]);
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}",
        crate::stderr(&checked)
    );
    // A second run would overwrite the authors' work: it is refused, and the file is kept.
    write_file(&path, "egen text");
    let again = crate::run_cli(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(crate::stderr(&again).contains("finns redan"));
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("egen text")
    );
    let bad = crate::run_cli(&["ny", "Kommun\n19470815-9882", "--rules", rules_arg.as_str()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        !crate::stderr(&bad).contains("9882"),
        "{}",
        crate::stderr(&bad)
    );
}

#[test]
fn an_evaluation_names_the_baseline_it_was_compiled_with_and_each_reason_its_origin() {
    let dir = crate::scratch("grund");
    let case = dir.join("arende.json");
    write_file(
        &case,
        r#"{"schema_version":1,"person":{"fodelsedatum":"1938-01-10","personkrets":3,"normalt_aldrande":true,"kan_anvanda_larm":false},"ansokningar":[{"insats":"ledsagarservice","ansokningsdatum":"2026-01-15"},{"insats":"trygghetslarm","ansokningsdatum":"2026-01-15","utan_behovsprovning":false}]}"#,
    );
    let case_arg = case.to_string_lossy().into_owned();
    let answer = crate::run_cli_json(&[
        "eval",
        "--rules",
        "rules/exempelkommun",
        "--case",
        case_arg.as_str(),
        "--as-of",
        "2026-02-15",
        "--format",
        "json",
    ]);
    let source = read_bytes(&root().join("rules/sverige/2019-01-01.md"));
    let hash: String = riktlinjer_core::hash::sha256(&source)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    // On 2026-02-15 the law reads as from 2026-01-01 (riktåldern 67, 9 b § LSS).
    assert_eq!(answer["riktlinje"]["grund"]["id"], "sverige-2026-01-01");
    assert_eq!(answer["riktlinje"]["grund"]["giltig_fran"], "2026-01-01");
    assert_eq!(answer["riktlinje"]["grund"]["innehallshash"], hash.as_str());
    let skal = &answer["provningar"][0]["skal"];
    // The law's rules decide and inform (from the baseline); a riktlinje's norm decides the
    // other insats.
    assert_eq!(skal[0]["regel"], "LSS-1-3");
    assert_eq!(skal[0]["ursprung"], "lag");
    assert_eq!(skal[1]["regel"], "LSS-10");
    assert_eq!(skal[1]["ursprung"], "lag");
    let larm = &answer["provningar"][1]["skal"][0];
    assert_eq!(larm["ursprung"], "riktlinje", "{larm}");
}

#[test]
fn on_each_day_the_riktlinje_in_force_and_the_law_in_force_that_day_apply_together() {
    let dir = crate::scratch("grund-dag");
    let case = dir.join("arende.json");
    write_file(
        &case,
        r#"{"schema_version":1,"person":{"fodelsedatum":"1950-03-01"},"ansokningar":[{"insats":"trygghetslarm","ansokningsdatum":"2025-06-01","utan_behovsprovning":false}]}"#,
    );
    let case_arg = case.to_string_lossy().into_owned();
    let on = |day: &str| -> serde_json::Value {
        let args = [
            "eval",
            "--rules",
            "rules/exempelkommun",
            "--case",
            case_arg.as_str(),
            "--as-of",
            day,
            "--format",
            "json",
        ];
        crate::run_cli_json(&args)
    };
    // The nämnd's version of 2025-01-01 is in force on both days; the law changed between
    // them (socialtjänstlagen 2025:400 from 1 July 2025), and each answer names the law of
    // its day beside the same riktlinje version.
    let before = on("2025-06-30");
    let after = on("2025-09-15");
    for answer in [&before, &after] {
        assert_eq!(answer["riktlinje"]["id"], "exempelkommun-2025-01-01");
    }
    assert_eq!(
        before["riktlinje"]["innehallshash"],
        after["riktlinje"]["innehallshash"]
    );
    assert_eq!(before["riktlinje"]["grund"]["id"], "sverige-2023-07-01");
    assert_eq!(after["riktlinje"]["grund"]["id"], "sverige-2025-07-01");
    assert_eq!(after["riktlinje"]["grund"]["giltig_fran"], "2025-07-01");
    assert_eq!(
        before["riktlinje"]["grund"]["innehallshash"],
        after["riktlinje"]["grund"]["innehallshash"]
    );
}

#[test]
fn check_warns_of_a_version_that_cites_the_old_socialtjanstlag_while_it_is_in_force() {
    let output = crate::run_cli(&["check", "rules/exempelkommun"]);
    // A warning, not a fault: the version was right when the nämnd adopted it.
    assert_eq!(output.status.code(), Some(0), "{}", crate::stderr(&output));
    let warnings = crate::stderr(&output);
    assert!(
        warnings.contains("varning: rules/exempelkommun/2025-01-01.md: 56 regler och insatser hänvisar till 4 kap. 1 § SoL (2001:453), som upphävdes 2025-07-01")
            && warnings.contains("prövningar från den dagen hänvisar till 11 kap. 1 § SoL (2025:400)"),
        "{warnings}"
    );
    // The revision cites the law in force, and is in force only under it.
    assert!(!warnings.contains("2025-11-01.md"), "{warnings}");
}

/// Two ärenden with an adult's application for korttidsvistelse in the summer of 2025, one as an
/// insats without behovsprövning and one with.
pub(crate) const KORTTIDSVISTELSE_UTAN_BEHOVSPROVNING: &str = concat!(
    r#"{"schema_version":1,"arende_id":"L-1","person":{"fodelsedatum":"1941-05-02","folkbokford_i_kommunen":true,"bor_ensam":true,"behov_tillgodoses_pa_annat_satt":false,"behov":["anhorigstod"]},"ansokningar":[{"insats":"korttidsvistelse","ansokningsdatum":"2025-06-10","utan_behovsprovning":true,"sokt_omfattning":7}]}"#,
    "\n",
    r#"{"schema_version":1,"arende_id":"L-2","person":{"fodelsedatum":"1941-05-02","folkbokford_i_kommunen":true,"bor_ensam":true,"behov_tillgodoses_pa_annat_satt":false,"behov":["anhorigstod"]},"ansokningar":[{"insats":"korttidsvistelse","ansokningsdatum":"2025-06-10","utan_behovsprovning":false,"sokt_omfattning":7}]}"#,
    "\n"
);

#[test]
fn a_new_law_text_reprovar_the_beslut_as_a_new_riktlinje_does() {
    let dir = crate::scratch("grund-omprovning");
    let cases = dir.join("arenden.jsonl");
    write_file(&cases, KORTTIDSVISTELSE_UTAN_BEHOVSPROVNING);
    let out = dir.join("arbetslista.jsonl");
    let report = dir.join("rapport.html");
    let output = crate::run_cli(&[
        "omprovning",
        "--rules",
        "rules/exempelkommun",
        "--from",
        "exempelkommun-2025-01-01@sverige-2023-07-01",
        "--to",
        "exempelkommun-2025-01-01@sverige-2025-07-01",
        "--cases",
        &cases.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--report",
        &report.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", crate::stderr(&output));
    let summary = crate::stdout(&output);
    // The same riktlinje on both sides: every change is the law's.
    assert!(
        summary.contains("Av ändringarna mellan versionerna kommer 1 från lagen (den nationella grunden) och 0 från riktlinjen."),
        "{summary}"
    );
    let worklist = read(&out);
    let records: Vec<serde_json::Value> = worklist
        .lines()
        .map(|line| parse_json(line, "arbetslistans rad"))
        .collect();
    let [header, changed, totals] = records.as_slice() else {
        panic!("expected a header, one changed ärende and the totals: {worklist}");
    };
    assert_eq!(header["fran"]["lag"], "sverige-2023-07-01");
    assert_eq!(header["till"]["lag"], "sverige-2025-07-01");
    assert_eq!(header["fran"]["id"], header["till"]["id"]);
    assert_ne!(
        header["fran"]["innehallshash"],
        header["till"]["innehallshash"]
    );
    // Without --as-of, the day the newer law comes into force.
    assert_eq!(header["provningsdag"], "2025-07-01");
    assert_eq!(header["andringar_mellan_versionerna"]["fran_lagen"], 1);
    assert_eq!(header["andringar_mellan_versionerna"]["fran_riktlinjen"], 0);
    // SoL (2001:453) 4 kap. 2 a § let a nämnd give only hemtjänst without behovsprövning; SoL
    // (2025:400) 11 kap. 5 § no longer bars korttidsvistelse, so the riktlinje's own rules
    // decide. The ärende with a behovsprövning is the same under both.
    assert_eq!(changed["arende_id"], "L-1");
    let change = &changed["andringar"][0];
    assert_eq!(change["fore"]["utfall"], "lagen_hindrar");
    assert_eq!(change["fore"]["regler"][0], "SOL-U-2001");
    assert_ne!(change["efter"]["utfall"], "lagen_hindrar");
    assert_eq!(totals["andrade"], 1);
    assert_eq!(totals["oforandrade"], 1);
    let html = read(&report);
    assert!(html.contains("<th>Från</th>"), "{html}");
    assert!(
        html.contains("<td>socialtjänstlag</td><td>–</td><td>lagen</td>"),
        "{html}"
    );
}

#[test]
fn diff_says_which_changes_are_the_law_s_and_which_the_riktlinje_s() {
    let found = crate::run_cli_json(&[
        "diff",
        "--rules",
        "rules/exempelkommun",
        "--format",
        "json",
        "exempelkommun-2025-01-01@sverige-2023-07-01",
        "exempelkommun-2025-11-01",
    ]);
    assert_eq!(found["fran"]["lag"], "sverige-2023-07-01");
    // The newer version follows the law of the day of prövning.
    assert_eq!(found["till"]["lag"], serde_json::Value::Null);
    let changes = found["andringar"]
        .as_array()
        .unwrap_or_else(|| panic!("no andringar: {found}"));
    let of = |id: &str, insats: Option<&str>| -> &serde_json::Value {
        changes
            .iter()
            .find(|change| {
                change["id"] == id && insats.is_none_or(|insats| change["insats"] == insats)
            })
            .unwrap_or_else(|| panic!("no change of {id}: {found}"))
    };
    assert_eq!(of("socialtjänstlag", None)["ursprung"], "lag");
    assert_eq!(of("samtyckesålder", None)["ursprung"], "lag");
    assert_eq!(of("HT-S-3", None)["ursprung"], "riktlinje");
    // The law's rule for bostad i särskild boendeform also stands under the new insats
    // bostad_sarskilt_stod: it is added there, not moved away from särskilt boende.
    let bostad = of("SOL-U-BOSTAD", Some("bostad_sarskilt_stod"));
    assert_eq!(bostad["andring"], "tillagd");
    assert_eq!(bostad["ursprung"], "lag");
    assert!(
        !changes
            .iter()
            .any(|change| change["id"] == "SOL-U-BOSTAD" && change["andring"] != "tillagd"),
        "{found}"
    );
    let (lag, riktlinje): (Vec<_>, Vec<_>) = changes
        .iter()
        .partition(|change| change["ursprung"] == "lag");
    assert!(!lag.is_empty() && !riktlinje.is_empty(), "{found}");
}

#[test]
fn a_version_of_the_law_the_baseline_does_not_have_is_refused_naming_those_it_has() {
    let output = crate::run_cli(&[
        "diff",
        "--rules",
        "rules/exempelkommun",
        "exempelkommun-2025-01-01@sverige-2024-01-01",
        "exempelkommun-2025-11-01",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", crate::stderr(&output));
    let error = crate::stderr(&output);
    assert!(
        error.contains("ingen version av lagen med id `sverige-2024-01-01`"),
        "{error}"
    );
    assert!(
        error.contains("sverige-2023-07-01, sverige-2025-07-01"),
        "{error}"
    );
}
