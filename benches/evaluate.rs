//! One evaluation, with reasons, of a typical case against the shipped 2025-11-01 table (as a
//! new value from `evaluate`, and filled in place by `evaluate_into`), and the decoding of that
//! table (the README's figures: "well under a microsecond per case").
//!
//! The case is an 84-year-old living alone who applies for hemtjänst (service) and a
//! trygghetslarm and already has a beslut on hemtjänst: two prövningar, each with its reasons,
//! and the frister of the beslut. Beside it, what would change the outcome
//! (`counterfactual`) for each ansökan of the shipped example ärende
//! (`examples/ansokningar-sol-och-lss.json`: hemtjänst service, which a change of two facts
//! makes meet the riktlinje, and a trygghetslarm, which no change of the ansökan does).
//! Beside them, Kristianstad's schablon riktlinje with its example ärende (omvårdnad and service,
//! thirteen components, eleven facts with a declared value for when a case does not give them).
//! And the same typical case against Exempelkommun's riktlinje made 1, 2, 5 and 10 times as
//! large (`riktlinjer_library::scaled`), its ansökningar and beslut for the last copy of each
//! insats, with the decoding of each table (`evaluate_into/exempelkommun_times/N`,
//! `decode/exempelkommun_times/N`): how an evaluation and a decoding grow with a riktlinje.
//! Figures and the machine they came from are in
//! `benches/README.md`; CI only compiles this (`cargo bench --no-run`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "shared.rs"]
mod shared;
use riktlinjer_core::{Date, Evaluation, Finding, Table, counterfactual, evaluate, evaluate_into};
use shared::{KRISTIANSTAD_EXAMPLE, assert_kristianstad_figures, case_for, compiled, read};

/// The typical case: an 84-year-old living alone applies for hemtjänst (service) and a
/// trygghetslarm and has a beslut on hemtjänst (shared with the instruction counts of
/// `instructions.rs`).
const CASE: &str = include_str!("typical_case.json");

fn shipped_table() -> Vec<u8> {
    compiled("rules/exempelkommun/2025-11-01.md")
}

fn benches(c: &mut Criterion) {
    let bytes = shipped_table();
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    // Bound to the table's catalogue, as `eval` and the service do before they evaluate.
    let input = riktlinjer_library::case::from_json_for(CASE, &table)
        .unwrap_or_else(|error| panic!("{error}"));
    let as_of = Date::parse("2026-02-01").unwrap_or(Date::EPOCH);
    let check = evaluate(&table, &input.case, as_of).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(check.provningar.len(), 2);
    assert!(
        check
            .provningar
            .iter()
            .all(|provning| !provning.reasons.is_empty())
    );
    // The service's schablon is computed: 6 hours sökt against 5,7 from the schablon.
    assert_eq!(check.provningar[0].beraknad, Some(5_700));

    c.bench_function("evaluate/typical_case_with_reasons", |b| {
        b.iter(|| evaluate(black_box(&table), black_box(&input.case), black_box(as_of)))
    });
    // The same evaluation filled into one caller-owned buffer, as a batch does.
    // Filled once before the bench, so that a run filtered to other benches still checks it.
    let mut evaluation = Evaluation::empty();
    evaluate_into(&table, &input.case, as_of, &mut evaluation)
        .unwrap_or_else(|error| panic!("{error}"));
    bench_into(
        c,
        "evaluate_into/typical_case_with_reasons",
        (&table, &input.case, as_of),
        &mut evaluation,
    );
    assert_eq!(evaluation, check);
    let example = case_for("examples/ansokningar-sol-och-lss.json", &table);
    let example_day = Date::parse("2026-02-15").unwrap_or(Date::EPOCH);
    for (ansokan_idx, flips) in [(0, true), (1, false)] {
        let found = counterfactual(&table, &example.case, ansokan_idx, example_day)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(matches!(found.finding, Finding::Change(_)), flips);
        println!(
            "counterfactual of ansökan {ansokan_idx}: {} prövningar",
            found.tries
        );
    }
    for ansokan_idx in [0, 1] {
        c.bench_function(
            &format!("counterfactual/example_ansokan_{ansokan_idx}"),
            |b| {
                b.iter(|| {
                    counterfactual(
                        black_box(&table),
                        black_box(&example.case),
                        black_box(ansokan_idx),
                        black_box(example_day),
                    )
                    .map(|found| found.tries)
                })
            },
        );
    }
    c.bench_function("decode/exempelkommun_2025_11_01", |b| {
        b.iter(|| Table::decode(black_box(&bytes)).map(|table| table.rules().len()))
    });
    schablon_benches(c);
    scaled_benches(c, &check);
}

/// The typical case against Exempelkommun's riktlinje made larger, for the last copy of each
/// insats, which decides as the original (`check`) does; and each table's decoding.
fn scaled_benches(c: &mut Criterion, check: &Evaluation<'_>) {
    let source = read("rules/exempelkommun/2025-11-01.md");
    let as_of = Date::parse("2026-02-01").unwrap_or(Date::EPOCH);
    for times in [1u32, 2, 5, 10] {
        let text = riktlinjer_library::scaled::scaled_riktlinje(&source, times)
            .unwrap_or_else(|error| panic!("{error}"));
        let bytes = riktlinjer_compiler::compile(&text)
            .bytes
            .unwrap_or_else(|| panic!("{times} times does not compile"));
        let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
        let case = if times == 1 {
            CASE.to_owned()
        } else {
            CASE.replace(
                r#""insats":"hemtjanst_service""#,
                &format!(r#""insats":"hemtjanst_service_{times}""#),
            )
            .replace(
                r#""insats":"trygghetslarm""#,
                &format!(r#""insats":"trygghetslarm_{times}""#),
            )
        };
        let input = riktlinjer_library::case::from_json_for(&case, &table)
            .unwrap_or_else(|error| panic!("{error}"));
        let mut evaluation = Evaluation::empty();
        evaluate_into(&table, &input.case, as_of, &mut evaluation)
            .unwrap_or_else(|error| panic!("{error}"));
        let decided = |evaluation: &Evaluation<'_>| -> Vec<_> {
            evaluation
                .provningar
                .iter()
                .map(|provning| (provning.outcome, provning.beraknad, provning.reasons.len()))
                .collect()
        };
        assert_eq!(decided(&evaluation), decided(check), "{times} times");
        assert_eq!(
            evaluation.frister.len(),
            check.frister.len(),
            "{times} times"
        );
        bench_into(
            c,
            &format!("evaluate_into/exempelkommun_times/{times}"),
            (&table, &input.case, as_of),
            &mut evaluation,
        );
        c.bench_function(&format!("decode/exempelkommun_times/{times}"), |b| {
            b.iter(|| Table::decode(black_box(&bytes)).map(|table| table.rules().len()))
        });
    }
}

/// Kristianstad's example ärende, filled in place as a batch does: two prövningar whose
/// omfattning is computed from the schablon.
fn schablon_benches(c: &mut Criterion) {
    let bytes = compiled("rules/kristianstad/2025-07-01.md");
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let input = case_for(KRISTIANSTAD_EXAMPLE, &table);
    let as_of = Date::parse("2026-02-01").unwrap_or(Date::EPOCH);
    let mut evaluation = Evaluation::empty();
    evaluate_into(&table, &input.case, as_of, &mut evaluation)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_kristianstad_figures(&evaluation);
    bench_into(
        c,
        "evaluate_into/kristianstad_schablon",
        (&table, &input.case, as_of),
        &mut evaluation,
    );
}

/// Times `evaluate_into` of one case into the caller's `evaluation`, as a batch fills it.
fn bench_into<'t>(
    c: &mut Criterion,
    name: &str,
    (table, case, as_of): (&'t Table<'t>, &riktlinjer_core::Case, Date),
    evaluation: &mut Evaluation<'t>,
) {
    c.bench_function(name, |b| {
        b.iter(|| {
            evaluate_into(
                black_box(table),
                black_box(case),
                black_box(as_of),
                evaluation,
            )
            .map(|()| black_box(&*evaluation).frister.len())
        })
    });
}

criterion_group! {
    name = evaluate_benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(evaluate_benches);
