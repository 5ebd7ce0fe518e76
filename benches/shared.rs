//! What the benches `evaluate.rs` and `instructions.rs` both read: files from the repository's
//! root, compiled riktlinjer, and the example ärenden bound to a table, each checked before it
//! is timed or counted.

use std::path::Path;

use riktlinjer_core::{Evaluation, Table};
use riktlinjer_library::case::CaseInput;

/// The file at `path` from the repository's root.
pub fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The riktlinje at `path` from the repository's root, compiled.
pub fn compiled(path: &str) -> Vec<u8> {
    riktlinjer_compiler::compile(&read(path))
        .bytes
        .unwrap_or_else(|| panic!("{path} does not compile"))
}

/// The case at `path` from the repository's root, bound to `table`'s catalogue as `eval` and
/// the service bind it.
pub fn case_for(path: &str, table: &Table<'_>) -> CaseInput {
    riktlinjer_library::case::from_json_for(&read(path), table)
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Kristianstad's example ärende (`examples/kristianstad/omvardnad-och-service.json`), to be
/// evaluated against its schablon riktlinje.
pub const KRISTIANSTAD_EXAMPLE: &str = "examples/kristianstad/omvardnad-och-service.json";

/// Checks an evaluation of [`KRISTIANSTAD_EXAMPLE`]: omvårdnad 20,9 and service 7 hours a month
/// from the schablon, as the example's own test says.
pub fn assert_kristianstad_figures(evaluation: &Evaluation<'_>) {
    let beraknad: Vec<Option<i64>> = evaluation
        .provningar
        .iter()
        .map(|provning| provning.beraknad)
        .collect();
    assert_eq!(beraknad, [Some(20_900), Some(7_000)]);
}
