//! The shipped riktlinjer: each compiles clean, and every rule test written inside it passes.
//!
//! Also the rule language's own documentation: every example in `rules/README.md` compiles.

use riktlinjer_compiler::compile;
use riktlinjer_compiler::diagnostic::{Sources, render};

use crate::{root, shipped_sources};

#[test]
fn every_shipped_riktlinje_compiles_and_passes_its_rule_tests() {
    let sources = shipped_sources();
    assert!(
        sources.len() >= 2,
        "rules/ ska innehålla minst två versioner: {sources:?}"
    );
    for path in sources {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
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
        assert!(
            compiled.rule_tests.len() >= 30,
            "{name}: bara {} regeltester",
            compiled.rule_tests.len()
        );
        assert!(compiled.rule_tests.iter().all(|test| test.godkant));
    }
}

#[test]
fn a_rule_test_expecting_the_wrong_outcome_fails_naming_file_case_and_rule() {
    let path = shipped_sources().pop().unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
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
    let guide = std::fs::read_to_string(root().join("rules/README.md")).unwrap_or_default();
    let blocks = fenced_blocks(&guide);
    let head = blocks
        .iter()
        .find(|(info, _)| info == "huvud")
        .map(|(_, text)| text.clone());
    let head = head.unwrap_or_default();
    let mut document = head.clone();
    let mut conditions = Vec::new();
    for (info, content) in &blocks {
        match info.as_str() {
            "insats" | "åtgärd" | "regel" | "parameter" | "regeltest" | "fakta" | "schablon" => {
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
