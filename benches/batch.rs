//! Batch re-evaluation end to end: a generated kommun of 5 000 cases in, the worklist out, and
//! the national run of 1 000 000 cases in, the worklist written to a file.
//!
//! Each population is written once by the generator (seed 1, JSON Lines) to a temporary folder;
//! each iteration streams it through `batch::run` (reading, parsing, converting gällande beslut,
//! evaluating under the shipped 2025-01-01 and 2025-11-01 versions on all cores, writing the
//! changed cases in input order). The national run takes seconds an iteration, so its ten
//! samples are one iteration each (about 30 s in all, and 600 MB of population in the temporary
//! folder while it runs); its peak memory is measured with the binary and `/usr/bin/time -v`, as
//! `benches/README.md` describes. CI only compiles this.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use riktlinjer_core::{Date, Table};
use riktlinjer_library::batch::{Context, run};
use riktlinjer_library::generate::{PopulationFormat, generate};

const N_CASES: u64 = 5_000;

/// The cases of the national run.
const N_NATIONAL: u64 = 1_000_000;

fn table(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../rules/exempelkommun")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    riktlinjer_compiler::compile(&text)
        .bytes
        .unwrap_or_else(|| panic!("{} does not compile", path.display()))
}

/// Writes a generated population of `n` cases (seed 1) into `dir`.
fn population(dir: &Path, n: u64) -> PathBuf {
    let cases = dir.join(format!("kommun-{n}.jsonl"));
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&cases)
            .unwrap_or_else(|error| panic!("{}: {error}", cases.display())),
    );
    generate(&mut file, n, 1, PopulationFormat::Jsonl).unwrap_or_else(|error| panic!("{error}"));
    file.flush()
        .unwrap_or_else(|error| panic!("{}: {error}", cases.display()));
    cases
}

fn benches(c: &mut Criterion) {
    let (old_bytes, new_bytes) = (table("2025-01-01.md"), table("2025-11-01.md"));
    let (Ok(old), Ok(new)) = (Table::decode(&old_bytes), Table::decode(&new_bytes)) else {
        panic!("the shipped tables do not decode");
    };
    let as_of = Date::parse("2025-11-01").unwrap_or(Date::EPOCH);
    let context = Context::new(&old, &new, as_of);
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("a temporary folder: {error}"));
    let cases = population(dir.path(), N_CASES);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);

    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(N_CASES));
    group.sample_size(10);
    group.bench_function("omprovning_5000_cases", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(4 << 20);
            let summary = run(&context, &cases, threads, &mut out, &|_| {})
                .unwrap_or_else(|error| panic!("{error:?}"));
            assert_eq!(summary.read, N_CASES);
            out.len()
        })
    });
    group.finish();

    // The national run, as `riktlinjer omprovning` makes it: the worklist into a file. Its
    // population is written only when the bench runs, not when a filter passes it over.
    let national = std::sync::OnceLock::new();
    let worklist = dir.path().join("andringar.jsonl");
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(N_NATIONAL));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("omprovning_1000000_cases", |b| {
        let national = national.get_or_init(|| population(dir.path(), N_NATIONAL));
        b.iter(|| {
            let file = std::fs::File::create(&worklist)
                .unwrap_or_else(|error| panic!("{}: {error}", worklist.display()));
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            let summary = run(&context, national, threads, &mut out, &|_| {})
                .unwrap_or_else(|error| panic!("{error:?}"));
            out.flush()
                .unwrap_or_else(|error| panic!("{}: {error}", worklist.display()));
            assert_eq!((summary.read, summary.rejected), (N_NATIONAL, 0));
            summary.changed
        })
    });
    group.finish();
}

criterion_group! {
    name = batch_benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    targets = benches
}
criterion_main!(batch_benches);
