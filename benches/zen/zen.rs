//! riktlinjer-core against zen-engine 2.1.6 on the trygghetslarm rules of the shipped
//! 2025-11-01 riktlinje, expressed for zen as a JDM decision table (`trygghetslarm.json`).
//!
//! Before timing, every case is evaluated by both and the answers (utfall, deciding rule,
//! omfattning, missing fact) must be equal. Each sample evaluates the same batch of cases in
//! each engine; zen runs a precompiled decision on a current-thread tokio runtime, as its own
//! benches do. Not built by CI: run `cargo bench` in this folder (see `benches/README.md`).

#[path = "src/cases.rs"]
mod cases;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use riktlinjer_core::{Date, Table};

fn benches(c: &mut Criterion) {
    let bytes = cases::shipped_table();
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let as_of = Date::parse("2026-02-01").unwrap_or(Date::EPOCH);
    let facts = cases::all_facts(5_000);
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
    for ((facts, case), context) in facts.iter().zip(&core_cases).zip(&contexts) {
        let response = runtime
            .block_on(decision.evaluate(context.clone()))
            .unwrap_or_else(|error| panic!("{facts:?}: {error:?}"));
        assert_eq!(
            cases::core_answer(&table, case, as_of),
            cases::zen_answer(&serde_json::Value::from(response.result)),
            "the engines disagree on {facts:?}"
        );
    }

    let mut group = c.benchmark_group("trygghetslarm");
    group.throughput(Throughput::Elements(core_cases.len() as u64));
    // Into one reused evaluation, as the batch runs the core: `evaluate` would also move the
    // evaluation (several kilobytes) out of every call.
    let mut evaluation = riktlinjer_core::Evaluation::empty();
    group.bench_function("riktlinjer_core", |b| {
        b.iter(|| {
            for case in &core_cases {
                black_box(
                    riktlinjer_core::evaluate_into(&table, black_box(case), as_of, &mut evaluation)
                        .ok(),
                );
            }
        })
    });
    group.bench_function("zen_engine", |b| {
        b.iter(|| {
            for context in &contexts {
                black_box(
                    runtime
                        .block_on(decision.evaluate(black_box(context).clone()))
                        .ok(),
                );
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = zen_benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(10));
    targets = benches
}
criterion_main!(zen_benches);
