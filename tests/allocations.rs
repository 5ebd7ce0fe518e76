//! Zero heap allocations per evaluation, counted with a `#[global_allocator]`.
//!
//! This is the one integration test binary besides `end_to_end` (CONTRIBUTING.md, "Tests"): a global
//! allocator replaces the allocator of its whole binary, and the counts are global, so the
//! measurement must not share a process with tests that allocate on other threads. The binary
//! therefore holds a single test, and the counting allocator comes from `stats_alloc` (its
//! `unsafe impl GlobalAlloc` lives in that crate; `unsafe` stays forbidden here).
//!
//! It counts what the README promises: `riktlinjer_core::evaluate` of a typical case against
//! the shipped 2025-11-01 table, with reasons and frister, allocates nothing; nor does the
//! batch's per-case step (the conversion of gällande beslut to prövningar and the evaluation
//! under two versions). Reading JSON and writing the worklist do allocate, outside this count.
//! Nor does a full motivering (every unmet norm and missing fact of an ansökan that does not
//! meet the riktlinje) or the search for what would change its outcome
//! (`riktlinjer_core::counterfactual`).

use std::alloc::System;
use std::path::Path;

use riktlinjer_core::{
    Date, Evaluation, Finding, Table, counterfactual, evaluate, evaluate_provningar_into,
};
use riktlinjer_library::batch::reprovning_case;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const CASE: &str = r#"{"schema_version":1,"arende_id":"A-1",
  "person":{"fodelsedatum":"1938-04-02","kon":"kvinna","folkbokford_i_kommunen":true,"bor_ensam":true,
    "kan_anvanda_larm":true,"behov_tillgodoses_pa_annat_satt":false,"behov_dygnet_runt":false,
    "behov":["hemliv","personlig_vard","trygghet"]},
  "ansokningar":[{"insats":"hemtjanst_service","ansokningsdatum":"2026-01-12","sokt_omfattning":6,
    "stadning_var_n_vecka":3,"inkop_per_vecka":1,"tvatt_per_manad":2,"utan_behovsprovning":false},
    {"insats":"trygghetslarm","ansokningsdatum":"2026-01-12","sokt_omfattning":1}],
  "beslut":[{"insats":"hemtjanst_service","beslutsdatum":"2024-03-01","delgiven":"2024-03-04",
    "gynnande":true,"tills_vidare":true,"omfattning":8,"verkstalld":"2024-03-15"},
    {"insats":"trygghetslarm","beslutsdatum":"2025-09-01","gynnande":true,"tills_vidare":true,"omfattning":1}]}"#;

/// The shipped example ärende's service: städning every second week and 8 hours a month, two
/// norms and the schablon unmet; and an ansökan whose facts are missing.
const UNMET: &str = r#"{"schema_version":1,
  "person":{"fodelsedatum":"1944-03-02","kon":"man","folkbokford_i_kommunen":true,"bor_ensam":true,
    "behov_tillgodoses_pa_annat_satt":false,"behov":["hemliv"]},
  "ansokningar":[{"insats":"hemtjanst_service","ansokningsdatum":"2026-01-20","sokt_omfattning":8,
    "stadning_var_n_vecka":2,"inkop_per_vecka":1,"tvatt_per_manad":2,"utan_behovsprovning":false},
    {"insats":"hemtjanst_service","ansokningsdatum":"2026-01-20"}]}"#;

fn compiled(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../rules/exempelkommun")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let compiled = riktlinjer_compiler::compile(&text);
    compiled
        .bytes
        .unwrap_or_else(|| panic!("{}: {:?}", path.display(), compiled.diagnostics))
}

#[test]
fn evaluation_and_the_batch_step_allocate_nothing() {
    let old_bytes = compiled("2025-01-01.md");
    let new_bytes = compiled("2025-11-01.md");
    let (Ok(old), Ok(new)) = (Table::decode(&old_bytes), Table::decode(&new_bytes)) else {
        panic!("the shipped tables do not decode");
    };
    let mut input =
        riktlinjer_library::case::from_json(CASE).unwrap_or_else(|error| panic!("{error}"));
    // The 2025-11-01 version declares every fact of 2025-01-01 in the same slot and adds its
    // own after them, so one binding to the newer table serves both here (the older reads no
    // slot past its own); the batch binds to each version in turn.
    riktlinjer_library::case::FactIndex::of(&new)
        .bind(&mut input, riktlinjer_library::case::Binding::Strict)
        .unwrap_or_else(|error| panic!("{error}"));
    for (slot, fact) in old.facts().iter().enumerate() {
        assert_eq!(new.facts().get(slot).map(|f| f.name), Some(fact.name));
    }
    let as_of = Date::parse("2026-02-01").unwrap_or(Date::EPOCH);

    let region = Region::new(GLOBAL);
    let mut n_reasons = 0usize;
    for _ in 0..1_000 {
        let evaluation =
            evaluate(&new, &input.case, as_of).unwrap_or_else(|error| panic!("{error}"));
        n_reasons += evaluation
            .provningar
            .iter()
            .map(|p| p.reasons.len())
            .sum::<usize>();
        std::hint::black_box(&evaluation);
    }
    let evaluations = region.change();
    assert!(n_reasons >= 2_000, "every evaluation gives reasons");
    assert_eq!(
        (evaluations.allocations, evaluations.reallocations),
        (0, 0),
        "evaluate allocated: {evaluations:?}"
    );

    let mut unmet =
        riktlinjer_library::case::from_json(UNMET).unwrap_or_else(|error| panic!("{error}"));
    riktlinjer_library::case::FactIndex::of(&new)
        .bind(&mut unmet, riktlinjer_library::case::Binding::Strict)
        .unwrap_or_else(|error| panic!("{error}"));
    let region = Region::new(GLOBAL);
    let (mut n_further, mut n_flips) = (0usize, 0usize);
    for _ in 0..100 {
        let evaluation =
            evaluate(&new, &unmet.case, as_of).unwrap_or_else(|error| panic!("{error}"));
        n_further += evaluation
            .provningar
            .iter()
            .map(|p| p.reasons.len())
            .sum::<usize>();
        let found =
            counterfactual(&new, &unmet.case, 0, as_of).unwrap_or_else(|error| panic!("{error}"));
        n_flips += usize::from(matches!(found.finding, Finding::Change(_)));
        std::hint::black_box(&found);
    }
    let motivering = region.change();
    assert!(
        n_further >= 100 * 8,
        "every unmet norm and missing fact is named"
    );
    assert_eq!(
        n_flips, 100,
        "a change makes the service meet the riktlinje"
    );
    assert_eq!(
        (motivering.allocations, motivering.reallocations),
        (0, 0),
        "the motivering or the counterfactual allocated: {motivering:?}"
    );

    let (mut before, mut after) = (Evaluation::empty(), Evaluation::empty());
    let region = Region::new(GLOBAL);
    let mut n_changed = 0usize;
    for _ in 0..1_000 {
        let reprovning =
            reprovning_case(&input.case, as_of, &new).unwrap_or_else(|error| panic!("{error}"));
        // As the batch's workers run it: the prövningar only, into two reused evaluations.
        evaluate_provningar_into(&old, &reprovning.case, as_of, &mut before)
            .unwrap_or_else(|error| panic!("{error}"));
        evaluate_provningar_into(&new, &reprovning.case, as_of, &mut after)
            .unwrap_or_else(|error| panic!("{error}"));
        n_changed += before
            .provningar
            .iter()
            .zip(after.provningar.iter())
            .filter(|(old, new)| old.outcome != new.outcome || old.omfattning != new.omfattning)
            .count();
    }
    let batch = region.change();
    assert_eq!(
        n_changed, 1_000,
        "8 hours of service a month no longer meets the riktlinje"
    );
    assert_eq!(
        (batch.allocations, batch.reallocations),
        (0, 0),
        "the batch step allocated: {batch:?}"
    );
}
