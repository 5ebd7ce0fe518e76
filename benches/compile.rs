//! Compiling the shipped riktlinje: Markdown in, checked table bytes and rule tests out.
//!
//! This times the whole `compile`: parsing, name resolution, type checks, encoding, decoding
//! through the core, the static checks (shadowed and never-true rules) and the riktlinje's own
//! rule tests. Figures are in `benches/README.md`; CI only compiles this.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

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
}

criterion_group! {
    name = compile_benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(compile_benches);
