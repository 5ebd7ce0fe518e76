//! The compiled table as a contract: golden bytes, and rejection of every damaged table.
//!
//! `tests/fixtures/golden.bin` is the table of `tests/fixtures/golden.md`, byte for byte: a
//! change to the format (a reordered field, a new variant) changes these bytes and must come
//! with a higher `FORMAT_VERSION`.
//! `tests/fixtures/exempelkommun.bin` is the shipped riktlinje's table that the freestanding
//! no_std check embeds; it must stay the table of the current source.

use riktlinjer_compiler::compile;
use riktlinjer_core::table::{FORMAT_VERSION, HEADER_LEN};
use riktlinjer_core::{DecodeError, Table};

use crate::{read, read_bytes, root, run_cli, scratch, stderr, write_file};

fn fixture(name: &str) -> Vec<u8> {
    read_bytes(&root().join("tests/fixtures").join(name))
}

fn compiled(path: &str) -> Vec<u8> {
    let compiled = compile(&read(&root().join(path)));
    compiled
        .bytes
        .unwrap_or_else(|| panic!("{path}: {:?}", compiled.diagnostics))
}

#[test]
fn golden_bytes_are_unchanged() {
    let golden = fixture("golden.bin");
    assert!(!golden.is_empty());
    assert!(
        compiled("tests/fixtures/golden.md") == golden,
        "tabellformatet har ändrats: höj FORMAT_VERSION och skriv om tests/fixtures/golden.bin med `riktlinjer compile tests/fixtures/golden.md -o tests/fixtures/golden.bin`"
    );
    let table = Table::decode(&golden);
    assert!(table.is_ok(), "{table:?}");
}

#[test]
fn the_embedded_table_is_the_shipped_riktlinje() {
    assert!(
        compiled("rules/exempelkommun/2025-11-01.md") == fixture("exempelkommun.bin"),
        "tests/fixtures/exempelkommun.bin är inaktuell: skriv om med `riktlinjer compile rules/exempelkommun/2025-11-01.md -o tests/fixtures/exempelkommun.bin`"
    );
}

#[test]
fn truncated_tables_are_rejected() {
    let golden = fixture("golden.bin");
    for len in 0..golden.len() {
        let result = Table::decode(&golden[..len]);
        let expected_kind = if len < HEADER_LEN {
            matches!(result, Err(DecodeError::Truncated { .. }))
        } else {
            matches!(result, Err(DecodeError::HashMismatch))
        };
        assert!(expected_kind, "längd {len}: {result:?}");
    }
}

#[test]
fn every_flipped_byte_is_rejected() {
    let golden = fixture("golden.bin");
    for index in 0..golden.len() {
        for bit in [0x01u8, 0x80] {
            let mut damaged = golden.clone();
            damaged[index] ^= bit;
            assert!(
                Table::decode(&damaged).is_err(),
                "byte {index} bit {bit:#x} gick igenom"
            );
        }
    }
}

#[test]
fn another_format_version_is_rejected() {
    let mut other = fixture("golden.bin");
    let next = FORMAT_VERSION + 1;
    other[4..6].copy_from_slice(&next.to_le_bytes());
    assert_eq!(
        Table::decode(&other).err(),
        Some(DecodeError::UnsupportedFormat { found: next })
    );
}

#[test]
fn the_cli_names_a_damaged_table() {
    let dir = scratch("damaged-table");
    let golden = fixture("golden.bin");
    let case = root().join("examples/trygghetslarm.json");
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("avkortad.bin", golden[..20].to_vec(), "avkortad"),
        (
            "vänd.bin",
            {
                let mut flipped = golden.clone();
                let last = flipped.len() - 1;
                flipped[last] ^= 1;
                flipped
            },
            "kontrollsumma",
        ),
        (
            "version.bin",
            {
                let mut other = golden.clone();
                other[4] = 99;
                other
            },
            "formatversion 99",
        ),
    ];
    for (name, bytes, fragment) in cases {
        let path = dir.join(name);
        write_file(&path, bytes);
        let output = run_cli(&[
            "eval",
            "--rules",
            &path.display().to_string(),
            "--case",
            &case.display().to_string(),
            "--as-of",
            "2026-02-01",
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        let message = stderr(&output);
        assert!(
            message.contains(fragment) && message.contains(name),
            "{name}: {message}"
        );
    }
}
