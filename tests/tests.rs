//! The one integration test binary of riktlinjer: the CLI end to end, the shipped riktlinjer
//! with their own rule tests, oracle cases from the law, the table format's contract, and the
//! tidiness of the tree.
//!
//! One binary means one link step (CONTRIBUTING.md, "Tests"); each module holds one boundary's
//! tests.

mod api;
mod audit;
mod batch;
mod cli;
mod format;
mod frist;
mod identitet;
mod layers;
mod oracle;
mod riktlinjer;
mod schema;
mod sida;
mod skydd;
mod tidy;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the `riktlinjer` binary with `args` from the repository root.
fn run_cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riktlinjer"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|error| panic!("riktlinjer kunde inte startas: {error}"))
}

/// Runs the `riktlinjer` binary with `args`, which must succeed, and reads its standard output
/// as JSON.
fn run_cli_json(args: &[&str]) -> serde_json::Value {
    let output = run_cli(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
    serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|error| panic!("{args:?}: {error}: {}", stdout(&output)))
}

/// `riktlinjer eval` of the case file `case` under Exempelkommun's versions on 2026-02-15, the
/// examples' day, in `format`, with the further flags `extra`.
fn eval_on_example_day(case: &str, format: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "eval",
        "--rules",
        "rules/exempelkommun",
        "--case",
        case,
        "--as-of",
        "2026-02-15",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    run_cli(&args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh scratch folder for one test, removed with all it holds when the guard is dropped
/// (kept when the test fails).
///
/// Keep the guard for as long as the folder is used: a server started in it must be dropped
/// (killed) first, so declare the guard before the server.
#[derive(Debug)]
struct Scratch(tempfile::TempDir);

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Scratch {
    /// Keeps the folder of a test that fails, so what it held can be looked at; its path is in
    /// the failure's message wherever a file in it was named.
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.disable_cleanup(true);
        }
    }
}

/// A fresh scratch folder for one test, named `riktlinjer-test-<name>-…` in the temporary
/// folder, so that a folder left behind (by a failing test, or a run killed before its guards
/// were dropped) is recognisable.
fn scratch(name: &str) -> Scratch {
    let prefix = format!("riktlinjer-test-{name}-");
    tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir()
        .map(Scratch)
        .unwrap_or_else(|error| panic!("{prefix}: {error}"))
}

/// Every shipped riktlinje source.
fn shipped_sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let rules = root().join("rules");
    for kommun in std::fs::read_dir(&rules).into_iter().flatten().flatten() {
        if kommun.path().is_dir() {
            for file in std::fs::read_dir(kommun.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                // The national catalogue is no riktlinje of its own: riktlinjer build on it.
                let catalogue = std::fs::read_to_string(file.path())
                    .is_ok_and(|text| text.lines().any(|line| line.starts_with("grund:")));
                if file.path().extension().is_some_and(|ext| ext == "md") && !catalogue {
                    files.push(file.path());
                }
            }
        }
    }
    files.sort();
    files
}

/// The text of the file at `path`; a file that cannot be read fails the test.
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The bytes of the file at `path`; a file that cannot be read fails the test.
fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Writes `contents` to `path` the way a deployment does: whole, under a temporary name, then
/// renamed, so a server that polls the folder never sees it half written. A file that cannot
/// be written fails the test.
fn write_file(path: &Path, contents: impl AsRef<[u8]>) {
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, contents)
        .and_then(|()| std::fs::rename(&temporary, path))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

/// Creates the folder `path` with its parents; a folder that cannot be made fails the test.
fn create_dir(path: &Path) {
    std::fs::create_dir_all(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

/// `text` read as JSON; text that is no JSON fails the test, naming `what` it was.
fn parse_json(text: &str, what: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("{what}: {error}: {text}"))
}

/// The text of the shipped example case `examples/<name>`.
fn example(name: &str) -> String {
    read(&root().join("examples").join(name))
}
