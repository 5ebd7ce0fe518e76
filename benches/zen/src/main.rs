//! Checks that zen-engine and riktlinjer-core give the same answer on every case, then times
//! both once (the careful timing is `cargo bench`, in `zen.rs`).

#[path = "cases.rs"]
mod cases;

use std::time::Instant;

use riktlinjer_core::{Date, Table};

fn main() {
    let bytes = cases::shipped_table();
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let as_of = Date::parse("2026-02-01").unwrap_or(Date::EPOCH);
    let facts = cases::all_facts(20_000);
    let core_cases: Vec<_> = facts.iter().map(cases::case_of).collect();
    let contexts: Vec<zen_engine::Variable> = facts
        .iter()
        .map(|facts| cases::context_of(facts).into())
        .collect();
    let mut decision = zen_engine::Decision::from(cases::jdm());
    decision.compile();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|error| panic!("{error}"));

    let mut n_equal = 0usize;
    for ((facts, case), context) in facts.iter().zip(&core_cases).zip(&contexts) {
        let ours = cases::core_answer(&table, case, as_of);
        let response = runtime
            .block_on(decision.evaluate(context.clone()))
            .unwrap_or_else(|error| panic!("{facts:?}: {error:?}"));
        let theirs = cases::zen_answer(&serde_json::Value::from(response.result));
        assert_eq!(ours, theirs, "the engines disagree on {facts:?}");
        n_equal += 1;
    }
    println!("{n_equal} fall: samma utfall, regel, omfattning och saknad uppgift i båda motorerna");

    let rounds = 20;
    // Into one reused evaluation, as the batch runs the core (see `zen.rs`).
    let mut evaluation = riktlinjer_core::Evaluation::empty();
    let start = Instant::now();
    for _ in 0..rounds {
        for case in &core_cases {
            std::hint::black_box(
                riktlinjer_core::evaluate_into(&table, case, as_of, &mut evaluation).ok(),
            );
        }
    }
    let ours = start.elapsed().as_secs_f64() / (rounds * core_cases.len()) as f64;
    // The same with `evaluate`, which returns a new evaluation each time.
    let start = Instant::now();
    for _ in 0..rounds {
        for case in &core_cases {
            std::hint::black_box(riktlinjer_core::evaluate(&table, case, as_of).ok());
        }
    }
    let ours_by_value = start.elapsed().as_secs_f64() / (rounds * core_cases.len()) as f64;
    let start = Instant::now();
    for _ in 0..rounds {
        for context in &contexts {
            std::hint::black_box(runtime.block_on(decision.evaluate(context.clone())).ok());
        }
    }
    let theirs = start.elapsed().as_secs_f64() / (rounds * contexts.len()) as f64;
    println!(
        "riktlinjer-core {:.0} ns per prövning, zen-engine {:.0} ns: {:.1} gånger snabbare",
        ours * 1e9,
        theirs * 1e9,
        theirs / ours
    );
    println!(
        "riktlinjer-core med `evaluate` (ny prövning per anrop) {:.0} ns: {:.1} gånger snabbare",
        ours_by_value * 1e9,
        theirs / ours_by_value
    );
}
