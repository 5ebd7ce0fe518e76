//! Checks that zen-engine and riktlinjer-core give the same answer on every case, then times
//! both once (the careful timing is `cargo bench`, in `zen.rs`).
//!
//! Two comparisons: trygghetslarm (a small decision table) and hemtjanst_service (the law's
//! rules on consent, the riktlinje's rules and the omfattning its schablon computes).
//! `cargo run --release -- trygghetslarm` or `-- hemtjanst_service` runs one of them.

#[path = "cases.rs"]
mod cases;
#[path = "hemtjanst_service.rs"]
mod hemtjanst_service;

use std::time::Instant;

use riktlinjer_core::{Case, Date, Table};
use tokio::runtime::Runtime;

fn main() {
    let bytes = cases::shipped_table();
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let only = std::env::args().nth(1);
    let runs = |name: &str| only.as_deref().is_none_or(|only| only == name);
    if runs("trygghetslarm") {
        trygghetslarm(&table, &runtime);
    }
    if runs("hemtjanst_service") {
        hemtjanst_service(&table, &runtime);
    }
}

fn trygghetslarm(table: &Table<'_>, runtime: &Runtime) {
    println!("Trygghetslarm");
    let as_of = cases::as_of();
    let facts = cases::all_facts(20_000);
    let core_cases: Vec<_> = facts
        .iter()
        .map(|facts| cases::case_of(table, facts))
        .collect();
    let contexts: Vec<zen_engine::Variable> = facts
        .iter()
        .map(|facts| cases::context_of(facts).into())
        .collect();
    let mut decision = zen_engine::Decision::from(cases::jdm());
    decision.compile();

    let mut n_equal = 0usize;
    for ((facts, case), context) in facts.iter().zip(&core_cases).zip(&contexts) {
        let ours = cases::core_answer(table, case, as_of);
        let response = runtime
            .block_on(decision.evaluate(context.clone()))
            .unwrap_or_else(|error| panic!("{facts:?}: {error:?}"));
        let theirs = cases::zen_answer(&serde_json::Value::from(response.result));
        assert_eq!(ours, theirs, "the engines disagree on {facts:?}");
        n_equal += 1;
    }
    println!(
        "  {n_equal} fall: samma utfall, regel, omfattning och saknad uppgift i båda motorerna"
    );
    time(table, &core_cases, as_of, &decision, &contexts, runtime, 20);
}

fn hemtjanst_service(table: &Table<'_>, runtime: &Runtime) {
    println!("Hemtjänst – serviceinsatser");
    let as_of = cases::as_of();
    let mut decision = zen_engine::Decision::from(hemtjanst_service::jdm());
    decision.compile();

    for facts in hemtjanst_service::examples() {
        let context = hemtjanst_service::context_of(&facts);
        let ours = hemtjanst_service::core_answer(
            table,
            &hemtjanst_service::case_of(table, &facts),
            as_of,
        );
        let response = runtime
            .block_on(decision.evaluate(context.clone().into()))
            .unwrap_or_else(|error| panic!("{context}: {error:?}"));
        println!("  Fall: {context}");
        println!("    riktlinjer-core: {ours:?}");
        println!(
            "    zen-engine:      {}",
            serde_json::Value::from(response.result)
        );
    }

    // Every case of the whole grid and of a larger population is checked.
    let (facts, n_grid) = hemtjanst_service::all_facts(20_000, 1);
    let mut n_equal = 0usize;
    let mut by_answer = std::collections::BTreeMap::<(String, String), usize>::new();
    for facts in &facts {
        let case = hemtjanst_service::case_of(table, facts);
        let ours = hemtjanst_service::core_answer(table, &case, as_of);
        let context = hemtjanst_service::context_of(facts);
        let theirs = hemtjanst_service::zen_on(&decision, runtime, &context);
        assert_eq!(ours, theirs, "the engines disagree on {context}");
        *by_answer.entry((ours.utfall, ours.avgorande)).or_default() += 1;
        n_equal += 1;
    }
    println!(
        "  {n_equal} fall ({n_grid} ur rutnätet, {} ur populationen): samma utfall, avgörande regel, \
         omfattning och beräknad omfattning i båda motorerna",
        n_equal - n_grid
    );
    for ((utfall, avgorande), n) in &by_answer {
        println!("    {utfall:<30} {avgorande:<12} {n:>7}");
    }

    // The timed batch, the same as `cargo bench` times.
    let batch = hemtjanst_service::timed_batch(table);
    let contexts: Vec<zen_engine::Variable> = batch.contexts.into_iter().map(Into::into).collect();
    println!(
        "  Tidtagning på {} fall ({} ur rutnätet, {} ur populationen)",
        batch.cases.len(),
        batch.n_grid,
        batch.cases.len() - batch.n_grid
    );
    time(table, &batch.cases, as_of, &decision, &contexts, runtime, 5);
}

/// Times the core into one reused evaluation, the core with `evaluate`, and zen, `rounds` times
/// over the batch, and prints the times per case.
fn time(
    table: &Table<'_>,
    core_cases: &[Case],
    as_of: Date,
    decision: &zen_engine::Decision,
    contexts: &[zen_engine::Variable],
    runtime: &Runtime,
    rounds: usize,
) {
    // Into one reused evaluation, as the batch runs the core (see `zen.rs`).
    let mut evaluation = riktlinjer_core::Evaluation::empty();
    let start = Instant::now();
    for _ in 0..rounds {
        for case in core_cases {
            std::hint::black_box(
                riktlinjer_core::evaluate_into(table, case, as_of, &mut evaluation).ok(),
            );
        }
    }
    let ours = start.elapsed().as_secs_f64() / (rounds * core_cases.len()) as f64;
    // The same with `evaluate`, which returns a new evaluation each time.
    let start = Instant::now();
    for _ in 0..rounds {
        for case in core_cases {
            std::hint::black_box(riktlinjer_core::evaluate(table, case, as_of).ok());
        }
    }
    let ours_by_value = start.elapsed().as_secs_f64() / (rounds * core_cases.len()) as f64;
    let start = Instant::now();
    for _ in 0..rounds {
        for context in contexts {
            std::hint::black_box(runtime.block_on(decision.evaluate(context.clone())).ok());
        }
    }
    let theirs = start.elapsed().as_secs_f64() / (rounds * contexts.len()) as f64;
    println!(
        "  riktlinjer-core {:.0} ns per prövning, zen-engine {:.0} ns: {:.1} gånger snabbare",
        ours * 1e9,
        theirs * 1e9,
        theirs / ours
    );
    println!(
        "  riktlinjer-core med `evaluate` (ny prövning per anrop) {:.0} ns: {:.1} gånger snabbare",
        ours_by_value * 1e9,
        theirs / ours_by_value
    );
}
