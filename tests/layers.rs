//! The layers hold: dependencies run one way (CLI → server → library → compiler → core, and
//! the C library beside the server, on the library), only the CLI knows clap and process exit
//! codes.
//!
//! Read from `cargo metadata` (the declared dependencies) and from the source (`use` lines and
//! paths), so neither a manifest nor a stray `riktlinjer_server::` in the library can add an
//! upward edge. It reads files and runs `cargo metadata` only.

use std::process::Command;

use serde_json::Value;

use crate::{read, root};

/// The crates from the bottom layer up, with their source folders.
const LAYERS: [(&str, &str); 6] = [
    ("riktlinjer-core", "core/src"),
    ("riktlinjer-compiler", "std-adapter/compiler/src"),
    ("riktlinjer-library", "std-adapter/library/src"),
    ("riktlinjer-server", "std-adapter/server/src"),
    ("riktlinjer-ffi", "std-adapter/ffi/src"),
    ("riktlinjer", "std-adapter/cli/src"),
];

/// Each crate's layer: a crate may use only crates of a lower layer. The HTTP service and the
/// C library are two ways into the same library, side by side: neither may use the other, and
/// nothing uses the C library (it is for programs not written in Rust).
fn rank(package: &str) -> Option<usize> {
    match package {
        "riktlinjer-core" => Some(0),
        "riktlinjer-compiler" => Some(1),
        "riktlinjer-library" => Some(2),
        "riktlinjer-server" | "riktlinjer-ffi" => Some(3),
        "riktlinjer" => Some(4),
        _ => None,
    }
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .unwrap_or_else(|error| panic!("cargo metadata kunde inte köras: {error}"));
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("cargo metadata: {error}"))
}

/// Every Rust file under `dir` with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![root().join(dir)];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = read(&path);
                found.push((path.display().to_string(), text));
            }
        }
    }
    assert!(!found.is_empty(), "{dir} har inga källfiler");
    found
}

#[test]
fn declared_dependencies_run_one_way() {
    let metadata = metadata();
    let packages = metadata["packages"]
        .as_array()
        .unwrap_or_else(|| panic!("cargo metadata utan paket"));
    let mut n_checked = 0;
    let mut upward = Vec::new();
    for package in packages {
        let name = package["name"].as_str().unwrap_or_default();
        let Some(own) = rank(name) else {
            continue;
        };
        let to_ffi = |target: &str| target == "riktlinjer-ffi" && name != target;
        n_checked += 1;
        for dependency in package["dependencies"].as_array().into_iter().flatten() {
            let target = dependency["name"]
                .as_str()
                .unwrap_or_else(|| panic!("cargo metadata: ett beroende utan namn i {name}"));
            let normal = dependency["kind"].is_null();
            if let Some(other) = rank(target)
                && (normal && other >= own || to_ffi(target))
            {
                upward.push(format!("{name} → {target}"));
            }
            if target == "clap" && name != "riktlinjer" {
                upward.push(format!("{name} beror på clap; bara CLI-lådan får"));
            }
        }
    }
    assert_eq!(n_checked, LAYERS.len(), "alla lager finns i arbetsytan");
    assert!(upward.is_empty(), "beroenden uppåt: {upward:?}");
}

#[test]
fn source_uses_only_lower_layers() {
    let mut problems = Vec::new();
    for (name, dir) in LAYERS {
        let own = rank(name).unwrap_or_default();
        for (path, text) in sources(dir) {
            for (other_name, _) in LAYERS {
                let other = rank(other_name).unwrap_or_default();
                let crate_path = format!("{}::", other_name.replace('-', "_"));
                let upward = other_name != name && (other >= own || other_name == "riktlinjer-ffi");
                if upward && text.contains(&crate_path) {
                    problems.push(format!("{path}: {name} nämner {crate_path}"));
                }
            }
            if name != "riktlinjer" && text.contains("clap::") {
                problems.push(format!("{path}: clap utanför CLI-lådan"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn only_the_cli_knows_exit_codes() {
    let mut problems = Vec::new();
    for (name, dir) in LAYERS.iter().filter(|(name, _)| *name != "riktlinjer") {
        for (path, text) in sources(dir) {
            for (line_number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                let exits = code.contains("ExitCode")
                    || code.contains("process::exit")
                    || code.contains("-> Exit")
                    || code.contains("Result<Exit")
                    || code.contains("enum Exit");
                if exits {
                    problems.push(format!("{path}:{}: {name}: {line}", line_number + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
