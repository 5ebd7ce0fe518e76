//! Batch re-evaluation end to end: a generated kommun of 5 000 cases in, the worklist out.
//!
//! The file is written once by the generator (seed 1, JSON Lines) to a temporary folder; each
//! iteration streams it through `batch::run` (reading, parsing, converting gällande beslut,
//! evaluating under the shipped 2025-01-01 and 2025-11-01 versions on all cores, writing the
//! changed cases in input order). The national run of 1 000 000 cases is too long for
//! criterion's repeated samples and is measured with the binary and `/usr/bin/time -v`, as
//! `benches/README.md` describes. CI only compiles this.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use riktlinjer_core::{Date, Table};
use riktlinjer_library::batch::{Context, run};
use riktlinjer_library::generate::{PopulationFormat, generate};

const N_CASES: u64 = 5_000;

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

fn benches(c: &mut Criterion) {
    let (old_bytes, new_bytes) = (table("2025-01-01.md"), table("2025-11-01.md"));
    let (Ok(old), Ok(new)) = (Table::decode(&old_bytes), Table::decode(&new_bytes)) else {
        panic!("the shipped tables do not decode");
    };
    let as_of = Date::parse("2025-11-01").unwrap_or(Date::EPOCH);
    let context = Context::new(&old, &new, as_of);
    let dir = std::env::temp_dir().join(format!("riktlinjer-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let cases = dir.join("kommun.jsonl");
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&cases)
            .unwrap_or_else(|error| panic!("{}: {error}", cases.display())),
    );
    generate(&mut file, N_CASES, 1, PopulationFormat::Jsonl)
        .unwrap_or_else(|error| panic!("{error}"));
    drop(file);
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
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = batch_benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    targets = benches
}
criterion_main!(batch_benches);
