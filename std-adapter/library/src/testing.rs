//! Helpers for this crate's unit tests: the shipped riktlinjer, read and compiled so that a
//! broken fixture fails the test with its path and its faults.

/// The text of the shipped riktlinje at `path` under `rules/` (`exempelkommun/2025-11-01.md`).
pub(crate) fn shipped_text(path: &str) -> String {
    let path = format!("{}/../../rules/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The shipped riktlinje at `path` under `rules/`, compiled to a table's bytes.
pub(crate) fn shipped_table(path: &str) -> Vec<u8> {
    let compiled = riktlinjer_compiler::compile(&shipped_text(path));
    compiled
        .bytes
        .unwrap_or_else(|| panic!("{path}: {:?}", compiled.diagnostics))
}
