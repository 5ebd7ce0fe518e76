//! Compiling the shipped riktlinjer: Markdown in, checked table bytes and rule tests out.
//!
//! This times the whole `compile`: parsing, name resolution, type checks, encoding, decoding
//! through the core, the static checks (shadowed and never-true rules) and the riktlinje's own
//! rule tests. `compile/kristianstad_times/N` and `compile/exempelkommun_times/N` compile
//! Kristianstad's and Exempelkommun's riktlinjer made N = 1, 2, 5 and 10 times as large
//! (`riktlinjer_library::scaled`), to show how compiling grows with a riktlinje's size; ten
//! times is what the core holds on a 64-bit machine. Figures are in `benches/README.md`; CI
//! only compiles this.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn benches(c: &mut Criterion) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/exempelkommun/2025-11-01.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    assert!(
        riktlinjer_compiler::compile(&text).bytes.is_some(),
        "the shipped riktlinje compiles"
    );
    c.bench_function("compile/exempelkommun_2025_11_01", |b| {
        b.iter(|| {
            riktlinjer_compiler::compile(black_box(&text))
                .bytes
                .map(|bytes| bytes.len())
        })
    });

    for kommun in ["kristianstad/2025-07-01.md", "exempelkommun/2025-11-01.md"] {
        scaled(c, kommun);
    }
}

/// Compiling the shipped riktlinje at `path` made 1, 2, 5 and 10 times as large.
fn scaled(c: &mut Criterion, path: &str) {
    let name = path.split('/').next().unwrap_or(path);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../rules")
        .join(path);
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut group = c.benchmark_group(format!("compile/{name}_times"));
    for times in [1, 2, 5, 10] {
        let text = riktlinjer_library::scaled::scaled_riktlinje(&source, times)
            .unwrap_or_else(|error| panic!("{error}"));
        let compiled = riktlinjer_compiler::compile(&text);
        assert!(
            compiled.diagnostics.is_empty(),
            "{name} {times} times: {:?}",
            compiled.diagnostics
        );
        group.bench_with_input(BenchmarkId::from_parameter(times), &text, |b, text| {
            b.iter(|| {
                riktlinjer_compiler::compile(black_box(text))
                    .bytes
                    .map(|bytes| bytes.len())
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = compile_benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(compile_benches);
