//! A riktlinje several times the size of a real one, for measuring how compiling and evaluating
//! grow with a riktlinje's size (`benches/compile.rs`).
//!
//! Copy `n` (from 2 to `times`) repeats the riktlinje's text after its front matter: every
//! insats under the id `<id>_<n>`, every rule under `<id>-K<n>`, and the rule tests, schablon
//! components and properties of those insatser with their references renamed the same way.
//! What a riktlinje declares once (facts, parameters, kinds of skyddsåtgärd and the rules about
//! them) is not repeated. An insats the national baseline has rules for keeps them in its copies
//! through `slag`, so every copy decides as the original does and its rule tests hold for the
//! copies too.

use std::collections::HashSet;

use riktlinjer_core::Table;
use riktlinjer_core::table::Ursprung;

/// Why a riktlinje could not be made larger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaleError {
    /// The riktlinje itself does not compile, so there is nothing sound to copy.
    DoesNotCompile,
    /// It has no front matter (`---` … `---`) to keep at the top.
    NoFrontMatter,
}

impl std::fmt::Display for ScaleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::DoesNotCompile => crate::texts::FORSTORAD_KOMPILERAR_INTE,
            Self::NoFrontMatter => crate::texts::FORSTORAD_SAKNAR_HUVUD,
        })
    }
}

impl std::error::Error for ScaleError {}

/// `source` with `times - 1` renamed copies of its insatser and their rules appended (see the
/// module documentation); `source` itself when `times` is 0 or 1.
///
/// # Errors
/// [`ScaleError`] when `source` does not compile or has no front matter.
pub fn scaled_riktlinje(source: &str, times: u32) -> Result<String, ScaleError> {
    let compiled = riktlinjer_compiler::compile(source);
    let bytes = compiled.bytes.ok_or(ScaleError::DoesNotCompile)?;
    let table = Table::decode(&bytes).map_err(|_| ScaleError::DoesNotCompile)?;
    let names = Names::of(&table);
    let body = body_of(source).ok_or(ScaleError::NoFrontMatter)?;
    let mut out = String::with_capacity(source.len().saturating_mul(times.max(1) as usize));
    out.push_str(source);
    for n in 2..=times {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        copy_body(body, n, &names, &mut out);
    }
    Ok(out)
}

/// The ids a copy renames, and the insatser the baseline has rules for.
struct Names {
    insatser: HashSet<String>,
    rules: HashSet<String>,
    with_law: HashSet<String>,
}

impl Names {
    fn of(table: &Table<'_>) -> Self {
        let insatser = table
            .insatser()
            .iter()
            .map(|insats| insats.id.to_owned())
            .collect();
        let mut rules = HashSet::new();
        let mut with_law = HashSet::new();
        for rule in table.rules() {
            match rule.ursprung {
                Ursprung::Riktlinje => {
                    rules.insert(rule.id.to_owned());
                }
                Ursprung::Lag => {
                    if let Some(insats) = table.insatser().get(usize::from(rule.insats)) {
                        with_law.insert(insats.id.to_owned());
                    }
                }
            }
        }
        Self {
            insatser,
            rules,
            with_law,
        }
    }
}

/// The text after the front matter.
fn body_of(source: &str) -> Option<&str> {
    let rest = source.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    rest.get(end + "\n---\n".len()..)
}

/// Appends copy `n` of `body` to `out`.
fn copy_body(body: &str, n: u32, names: &Names, out: &mut String) {
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        if let Some(kind) = line.strip_prefix("```") {
            let mut block = Vec::new();
            for inner in lines.by_ref() {
                if inner == "```" {
                    break;
                }
                block.push(inner);
            }
            copy_block(kind.trim(), &block, n, names, out);
        } else if line.starts_with('#') {
            out.push_str(line);
            out.push_str(&format!(" ({n})\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
}

/// Appends the copy of one fenced block of `kind`, or nothing when the block is declared once.
fn copy_block(kind: &str, block: &[&str], n: u32, names: &Names, out: &mut String) {
    if !matches!(
        kind,
        "insats" | "regel" | "regeltest" | "schablon" | "egenskap"
    ) {
        return;
    }
    let records: Vec<Vec<String>> = block
        .split(|line| line.trim().is_empty())
        .filter(|record| !record.is_empty())
        .filter(|record| !record.iter().any(|line| line.starts_with("åtgärd:")))
        .map(|record| copy_record(kind, record, n, names))
        .collect();
    if records.is_empty() {
        return;
    }
    out.push_str("```");
    out.push_str(kind);
    out.push('\n');
    for (record_idx, record) in records.iter().enumerate() {
        if record_idx > 0 {
            out.push('\n');
        }
        for line in record {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str("```\n");
}

/// One record of a block, its ids and references renamed for copy `n`.
fn copy_record(kind: &str, record: &[&str], n: u32, names: &Names) -> Vec<String> {
    let has_slag = record.iter().any(|line| line.starts_with("slag:"));
    let mut copied = Vec::with_capacity(record.len() + 1);
    for line in record {
        let Some((key, value)) = line.split_once(':') else {
            copied.push((*line).to_owned());
            continue;
        };
        if line.starts_with(char::is_whitespace) {
            copied.push((*line).to_owned());
            continue;
        }
        let value = value.trim();
        match (kind, key) {
            ("insats", "id") => {
                copied.push(format!("id: {value}_{n}"));
                if !has_slag && names.with_law.contains(value) {
                    copied.push(format!("slag: {value}"));
                }
            }
            ("regel", "id") => copied.push(format!("id: {value}-K{n}")),
            ("regeltest", "skäl") => {
                let ids = renamed(value, &names.rules, |id| format!("{id}-K{n}"));
                copied.push(format!("{key}: {ids}"));
            }
            (_, "insats") => {
                let ids = renamed(value, &names.insatser, |id| format!("{id}_{n}"));
                copied.push(format!("{key}: {ids}"));
            }
            _ => copied.push((*line).to_owned()),
        }
    }
    copied
}

/// A comma-separated list with the ids in `known` renamed by `rename`.
fn renamed(list: &str, known: &HashSet<String>, rename: impl Fn(&str) -> String) -> String {
    list.split(',')
        .map(str::trim)
        .map(|id| {
            if known.contains(id) {
                rename(id)
            } else {
                id.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use riktlinjer_core::{Date, Outcome, evaluate};

    use crate::testing::shipped_text as shipped;

    /// The shipped riktlinje `path` compiled once and made `times` as large: the larger one
    /// compiles without a fault, every one of its rule tests passes, and it has `times` as
    /// many insatser and rules. The two tables' bytes, and how many rule tests each ran.
    fn once_and_scaled(path: &str, times: u32) -> ((Vec<u8>, usize), (Vec<u8>, usize)) {
        let source = shipped(path);
        let once = riktlinjer_compiler::compile(&source);
        let scaled = riktlinjer_compiler::compile(
            &scaled_riktlinje(&source, times).unwrap_or_else(|error| panic!("{error}")),
        );
        assert!(scaled.diagnostics.is_empty(), "{:?}", scaled.diagnostics);
        assert!(!once.rule_tests.is_empty());
        assert!(scaled.rule_tests.iter().all(|test| test.godkant));
        let once_bytes = once.bytes.unwrap_or_else(|| panic!("no table"));
        let scaled_bytes = scaled.bytes.unwrap_or_else(|| panic!("no table"));
        {
            let first = Table::decode(&once_bytes).unwrap_or_else(|error| panic!("{error}"));
            let larger = Table::decode(&scaled_bytes).unwrap_or_else(|error| panic!("{error}"));
            let times = usize::try_from(times).unwrap_or(usize::MAX);
            assert_eq!(larger.insatser().len(), times * first.insatser().len());
            assert_eq!(larger.rules().len(), times * first.rules().len());
        }
        (
            (once_bytes, once.rule_tests.len()),
            (scaled_bytes, scaled.rule_tests.len()),
        )
    }

    /// How many times the shipped riktlinjer the core holds on the machine the tests run on
    /// (`limits`): ten times on a 64-bit one, four times on a 32-bit one.
    const LARGEST: u32 = if cfg!(target_pointer_width = "64") {
        10
    } else {
        4
    };

    #[test]
    fn the_largest_riktlinje_has_that_many_times_its_insatser_and_rules_and_decides_alike() {
        // Kristianstad's riktlinje is a schablon table of two insatser and 15 components; ten
        // times it is 150 components, four times 60.
        let ((once_bytes, once_tests), (times_bytes, times_tests)) =
            once_and_scaled("kristianstad/2025-07-01.md", LARGEST);
        assert_eq!(times_tests, LARGEST as usize * once_tests);
        let once = Table::decode(&once_bytes).unwrap_or_else(|error| panic!("{error}"));
        let times = Table::decode(&times_bytes).unwrap_or_else(|error| panic!("{error}"));
        // The same ansökan for an insats and for each of its copies has the same outcome.
        let case = |insats: &str| {
            format!(
                r#"{{"schema_version":1,"person":{{"fodelsedatum":"1938-01-10","folkbokford_i_kommunen":true,"bor_ensam":true}},"ansokningar":[{{"insats":"{insats}","ansokningsdatum":"2026-01-15","utan_behovsprovning":false}}]}}"#
            )
        };
        let as_of = Date::parse("2026-02-15").unwrap_or_else(|error| panic!("{error}"));
        let outcome = |id: &str| -> Option<Outcome> {
            let input = crate::case::from_json_for(&case(id), &times).ok()?;
            let evaluation = evaluate(&times, &input.case, as_of).ok()?;
            evaluation
                .provningar
                .first()
                .map(|provning| provning.outcome)
        };
        for insats in once.insatser() {
            let original = outcome(insats.id);
            assert!(original.is_some(), "{}", insats.id);
            for n in 2..=LARGEST {
                assert_eq!(
                    outcome(&format!("{}_{n}", insats.id)),
                    original,
                    "{}",
                    insats.id
                );
            }
        }
    }

    #[test]
    fn the_copies_of_an_insats_the_law_has_rules_for_keep_them() {
        let source = "---\nid: test-2026-01-01\nkommun: Testkommun\nnämnd: Socialnämnden\ngiltig_från: 2026-01-01\nstatus: antagen\nbygger_på: sverige\n---\n\n# 1 Daglig verksamhet\n\n```insats\nid: daglig_verksamhet\nnamn: Daglig verksamhet\nlag: LSS\nlagrum: 9 § 10 LSS\nannars: uppfyller_inte\n```\n\n```regel\nid: DV-1\ninsats: daglig_verksamhet\nnär: ålder < 20\nutfall: uppfyller_inte\nlagrum: 9 § 10 LSS\nskäl: Kommunens norm.\n```\n\n```regeltest\nfall: Ung\ninsats: daglig_verksamhet\ndatum: 2026-02-01\nfakta: personkrets = 1, ålder = 19, behov_tillgodoses_på_annat_sätt = nej, studerar = nej, förvärvsarbetar = nej\nväntat: uppfyller_inte\nskäl: DV-1\n```\n";
        let once = riktlinjer_compiler::compile(source);
        assert!(once.diagnostics.is_empty(), "{:?}", once.diagnostics);
        let thrice = scaled_riktlinje(source, 3).unwrap_or_else(|error| panic!("{error}"));
        assert!(
            thrice.contains("id: daglig_verksamhet_3\nslag: daglig_verksamhet\n"),
            "{thrice}"
        );
        assert!(thrice.contains("skäl: DV-1-K3\n"), "{thrice}");
        let compiled = riktlinjer_compiler::compile(&thrice);
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics
        );
        assert_eq!(compiled.rule_tests.len(), 3);
        assert!(compiled.rule_tests.iter().all(|test| test.godkant));
        let once_bytes = once.bytes.unwrap_or_else(|| panic!("no table"));
        let bytes = compiled.bytes.unwrap_or_else(|| panic!("no table"));
        let once = Table::decode(&once_bytes).unwrap_or_else(|error| panic!("{error}"));
        let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
        let of_law = |table: &Table<'_>, insats: &str| {
            table
                .rules()
                .iter()
                .filter(|rule| rule.ursprung == Ursprung::Lag)
                .filter(|rule| {
                    table
                        .insatser()
                        .get(usize::from(rule.insats))
                        .is_some_and(|found| found.id == insats)
                })
                .map(|rule| rule.id.to_owned())
                .collect::<Vec<String>>()
        };
        let law = of_law(&once, "daglig_verksamhet");
        assert!(!law.is_empty());
        assert_eq!(of_law(&table, "daglig_verksamhet_2"), law);
        assert_eq!(of_law(&table, "daglig_verksamhet_3"), law);
    }

    #[test]
    fn the_largest_example_kommun_riktlinje_compiles_and_its_copies_pass_the_rule_tests() {
        // Exempelkommun's 2025-11-01 with the law's rules is 227 rules and 23 insatser; ten
        // times that (2 270 and 230) is within what the core holds on a 64-bit machine, and
        // every copy decides its rule tests as the original does. The rule tests of the
        // insatser are copied with them; those about skyddsåtgärder, which are declared once,
        // are not.
        let ((_, once_tests), (_, times_tests)) =
            once_and_scaled("exempelkommun/2025-11-01.md", LARGEST);
        assert!(times_tests > once_tests);
    }

    #[test]
    fn a_riktlinje_past_the_core_s_capacity_is_refused_naming_it() {
        // Two copies more than the largest is 2 724 rules and 276 insatser on a 64-bit machine
        // (1 362 and 138 on a 32-bit one), more than the core holds of either, and `check`
        // says so with both figures.
        let times = LARGEST + 2;
        let larger = scaled_riktlinje(&shipped("exempelkommun/2025-11-01.md"), times)
            .unwrap_or_else(|error| panic!("{error}"));
        let compiled = riktlinjer_compiler::compile(&larger);
        assert!(compiled.bytes.is_none());
        let messages: Vec<&str> = compiled
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.message.as_str())
            .collect();
        let rules = format!(
            "riktlinjen har {} regler; kärnan rymmer {}",
            227 * times,
            riktlinjer_core::limits::MAX_RULES
        );
        let insatser = format!(
            "riktlinjen har {} insatser; kärnan rymmer {}",
            23 * times,
            riktlinjer_core::limits::MAX_INSATSER
        );
        assert!(messages.contains(&rules.as_str()), "{messages:?}");
        assert!(messages.contains(&insatser.as_str()), "{messages:?}");
    }

    #[test]
    fn a_riktlinje_without_front_matter_or_that_does_not_compile_is_refused() {
        assert_eq!(
            scaled_riktlinje("# Bara rubrik\n", 2),
            Err(ScaleError::DoesNotCompile)
        );
        let source = shipped("kristianstad/2025-07-01.md");
        assert_eq!(scaled_riktlinje(&source, 1).as_ref(), Ok(&source));
    }
}
