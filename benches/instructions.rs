//! The engine's hot paths, each run a fixed number of times inside one function, so that
//! `valgrind --tool=callgrind --toggle-collect='instructions::measure_*'` counts the
//! instructions of exactly those runs: the counts CI holds to their ceilings
//! (`.ci/instructions.py`, ceilings in `benches/instructions.txt`).
//!
//! Instruction counts do not depend on the machine's load, as times do; they change with the
//! code, the compiler and, slightly, the C library's choice of `memcpy` for the processor.
//!
//! `cargo bench --bench instructions` runs every workload once, checking its answer, without
//! valgrind. `instructions <workload>` runs one the number of times it is counted over and
//! prints that number (`calls <n>`): `evaluate_into` and `evaluate_provningar_into` (the typical
//! case of `evaluate.rs` against the shipped 2025-11-01 table), `schablon_into` (Kristianstad's
//! example ärende against its schablon riktlinje: thirteen components), `counterfactual` (what
//! would change the outcome of the example ärende's hemtjänst service, about a hundred
//! prövningar tried), `decode` (the 2025-11-01 table) and `compile` (that riktlinje, its rule
//! tests and static checks included).

use std::hint::black_box;

use riktlinjer_core::{
    Case, Date, EvaluateError, Evaluation, Finding, Table, counterfactual, evaluate_into,
    evaluate_provningar_into,
};

#[path = "shared.rs"]
mod shared;
use shared::{KRISTIANSTAD_EXAMPLE, assert_kristianstad_figures, case_for, compiled, read};

/// The typical case of `evaluate.rs`: two prövningar, three frister.
const CASE: &str = include_str!("typical_case.json");

/// The day of prövning, as in `evaluate.rs`.
const AS_OF: &str = "2026-02-01";

/// What each workload is counted over: enough runs that the setup outside them does not matter,
/// few enough that CI counts them in seconds.
const WORKLOADS: [(&str, u32); 6] = [
    ("evaluate_into", 20_000),
    ("evaluate_provningar_into", 20_000),
    ("schablon_into", 20_000),
    ("counterfactual", 200),
    ("decode", 50),
    ("compile", 5),
];

fn main() {
    // `cargo bench` passes `--bench`; any other first argument names a workload.
    let chosen = std::env::args().nth(1).filter(|arg| !arg.starts_with('-'));
    let source = read("rules/exempelkommun/2025-11-01.md");
    let bytes = riktlinjer_compiler::compile(&source)
        .bytes
        .unwrap_or_else(|| panic!("rules/exempelkommun/2025-11-01.md does not compile"));
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let input = riktlinjer_library::case::from_json_for(CASE, &table)
        .unwrap_or_else(|error| panic!("{error}"));
    let as_of = Date::parse(AS_OF).unwrap_or_else(|error| panic!("{error}"));
    let expected = riktlinjer_core::evaluate(&table, &input.case, as_of)
        .unwrap_or_else(|error| panic!("{error}"));
    // The service's schablon gives 5,7 hours against 6 sökt; three frister.
    assert_eq!(expected.provningar.len(), 2);
    assert_eq!(expected.provningar[0].beraknad, Some(5_700));
    assert_eq!(expected.frister.len(), 3);

    // Kristianstad's example ärende: omvårdnad 20,9 and service 7 hours a month from the
    // schablon, as the example's own test says.
    let schablon_bytes = compiled("rules/kristianstad/2025-07-01.md");
    let schablon_table = Table::decode(&schablon_bytes).unwrap_or_else(|error| panic!("{error}"));
    let schablon_case = case_for(KRISTIANSTAD_EXAMPLE, &schablon_table);
    let schablon_expected = riktlinjer_core::evaluate(&schablon_table, &schablon_case.case, as_of)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_kristianstad_figures(&schablon_expected);

    // The shipped example ärende, whose hemtjänst service two changed facts make meet the
    // riktlinje (as `evaluate.rs` checks).
    let example = case_for("examples/ansokningar-sol-och-lss.json", &table);
    let example_day = Date::parse("2026-02-15").unwrap_or_else(|error| panic!("{error}"));

    let workloads: Vec<(&str, u32)> = match &chosen {
        Some(name) => {
            let found = WORKLOADS.iter().find(|(known, _)| known == name);
            vec![*found.unwrap_or_else(|| {
                let names: Vec<&str> = WORKLOADS.iter().map(|(known, _)| *known).collect();
                panic!("no workload {name}; there are {}", names.join(", "))
            })]
        }
        // Without valgrind: each once, to check that it runs and answers as it should.
        None => WORKLOADS.iter().map(|(name, _)| (*name, 1)).collect(),
    };
    for (name, calls) in workloads {
        let mut evaluation = Evaluation::empty();
        match name {
            "evaluate_into" => {
                measure_into(
                    evaluate_into,
                    (&table, &input.case, as_of),
                    &mut evaluation,
                    calls,
                );
                assert_eq!(evaluation, expected);
            }
            "evaluate_provningar_into" => {
                measure_into(
                    evaluate_provningar_into,
                    (&table, &input.case, as_of),
                    &mut evaluation,
                    calls,
                );
                assert_eq!(evaluation.provningar, expected.provningar);
            }
            "schablon_into" => {
                measure_into(
                    evaluate_into,
                    (&schablon_table, &schablon_case.case, as_of),
                    &mut evaluation,
                    calls,
                );
                assert_eq!(evaluation, schablon_expected);
            }
            "counterfactual" => {
                let tries = measure_counterfactual(&table, &example.case, example_day, calls);
                assert!(tries > 1, "{tries} prövningar tried");
            }
            "decode" => assert_eq!(measure_decode(&bytes, calls), table.rules().len()),
            "compile" => assert_eq!(measure_compile(&source, calls), bytes.len()),
            _ => unreachable!("every workload is matched"),
        }
        println!("{name}: calls {calls}");
    }
}

/// `calls` evaluations by `evaluate` (`evaluate_into` or `evaluate_provningar_into`, each with
/// its own copy of this loop) into one reused evaluation, as a batch fills it.
#[inline(never)]
fn measure_into<'t>(
    evaluate: impl Fn(&'t Table<'t>, &Case, Date, &mut Evaluation<'t>) -> Result<(), EvaluateError>,
    (table, case, as_of): (&'t Table<'t>, &Case, Date),
    evaluation: &mut Evaluation<'t>,
    calls: u32,
) {
    for _ in 0..calls {
        let done = evaluate(
            black_box(table),
            black_box(case),
            black_box(as_of),
            evaluation,
        );
        assert!(done.is_ok(), "{done:?}");
        black_box(&*evaluation);
    }
}

/// The prövningar the last search tried for the example ärende's first ansökan, which a
/// change of two facts makes meet the riktlinje.
#[inline(never)]
fn measure_counterfactual(table: &Table<'_>, case: &Case, as_of: Date, calls: u32) -> u32 {
    let mut tries = 0;
    for _ in 0..calls {
        let found = counterfactual(black_box(table), black_box(case), 0, black_box(as_of))
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(matches!(found.finding, Finding::Change(_)));
        tries = black_box(found.tries);
    }
    tries
}

/// The number of rules the last decoding holds.
#[inline(never)]
fn measure_decode(bytes: &[u8], calls: u32) -> usize {
    let mut rules = 0;
    for _ in 0..calls {
        let table = Table::decode(black_box(bytes)).unwrap_or_else(|error| panic!("{error}"));
        rules = black_box(table.rules().len());
    }
    rules
}

/// The length of the last compiled table.
#[inline(never)]
fn measure_compile(source: &str, calls: u32) -> usize {
    let mut length = 0;
    for _ in 0..calls {
        let compiled = riktlinjer_compiler::compile(black_box(source));
        length = black_box(compiled.bytes.map_or(0, |bytes| bytes.len()));
    }
    length
}
