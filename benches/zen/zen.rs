//! riktlinjer-core against zen-engine 2.1.6 on two insatser of the shipped 2025-11-01
//! riktlinje, each expressed for zen as a JDM graph:
//! - trygghetslarm, a decision table (`trygghetslarm.json`);
//! - hemtjanst_service, the law's rules on consent and the riktlinje's rules as two decision
//!   tables, then the omfattning its schablon computes, in an expression node
//!   (`hemtjanst_service.json`).
//!
//! Before timing, every case of the batch is evaluated by both and the answers must be equal.
//! Each sample evaluates the same batch of cases in each engine; zen runs a precompiled decision
//! on a current-thread tokio runtime, as its own benches do. Not built by CI: run `cargo bench`
//! in this folder (see `benches/README.md`).

#[path = "src/cases.rs"]
mod cases;
#[path = "src/hemtjanst_service.rs"]
mod hemtjanst_service;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use riktlinjer_core::{Case, Date, Table};
use tokio::runtime::Runtime;

fn benches(c: &mut Criterion) {
    let bytes = cases::shipped_table();
    let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let as_of = cases::as_of();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|error| panic!("{error}"));

    let facts = cases::all_facts(5_000);
    let core_cases: Vec<_> = facts
        .iter()
        .map(|facts| cases::case_of(&table, facts))
        .collect();
    let contexts: Vec<zen_engine::Variable> = facts
        .iter()
        .map(|facts| cases::context_of(facts).into())
        .collect();
    let mut decision = zen_engine::Decision::from(cases::jdm());
    decision.compile();
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
    compare(
        c,
        "trygghetslarm",
        &table,
        &core_cases,
        as_of,
        &decision,
        &contexts,
        &runtime,
    );

    let batch = hemtjanst_service::timed_batch(&table);
    assert!(
        batch.n_grid > 0 && batch.n_grid < batch.cases.len(),
        "the timed batch holds cases of both the grid and the population"
    );
    let mut decision = zen_engine::Decision::from(hemtjanst_service::jdm());
    decision.compile();
    let examples = hemtjanst_service::examples();
    let example_cases = examples
        .iter()
        .map(|facts| hemtjanst_service::case_of(&table, facts));
    let example_contexts = examples.iter().map(hemtjanst_service::context_of);
    let checked = batch
        .cases
        .iter()
        .cloned()
        .zip(batch.contexts.iter().cloned());
    for (case, context) in checked.chain(example_cases.zip(example_contexts)) {
        assert_eq!(
            hemtjanst_service::core_answer(&table, &case, as_of),
            hemtjanst_service::zen_on(&decision, &runtime, &context),
            "the engines disagree on {context}"
        );
    }
    let contexts: Vec<zen_engine::Variable> = batch.contexts.into_iter().map(Into::into).collect();
    compare(
        c,
        "hemtjanst_service",
        &table,
        &batch.cases,
        as_of,
        &decision,
        &contexts,
        &runtime,
    );
}

/// One group: the core and zen, each over the whole batch per iteration.
#[allow(clippy::too_many_arguments)]
fn compare(
    c: &mut Criterion,
    name: &str,
    table: &Table<'_>,
    core_cases: &[Case],
    as_of: Date,
    decision: &zen_engine::Decision,
    contexts: &[zen_engine::Variable],
    runtime: &Runtime,
) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(core_cases.len() as u64));
    // Into one reused evaluation, as the batch runs the core: `evaluate` would also move the
    // evaluation (several kilobytes) out of every call.
    let mut evaluation = riktlinjer_core::Evaluation::empty();
    group.bench_function("riktlinjer_core", |b| {
        b.iter(|| {
            for case in core_cases {
                black_box(
                    riktlinjer_core::evaluate_into(table, black_box(case), as_of, &mut evaluation)
                        .ok(),
                );
            }
        })
    });
    group.bench_function("zen_engine", |b| {
        b.iter(|| {
            for context in contexts {
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
