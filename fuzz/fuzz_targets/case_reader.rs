//! Arbitrary bytes as a case file: the first byte picks JSON Lines, CSV or JSON, the rest is
//! the file. Every record is read as a case or a fault naming its place, each case is bound to
//! the national fact catalogue (a fact it gives is checked by its declared type), and nothing
//! panics.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use riktlinjer_library::case::{self, Binding, CaseFormat, FactIndex};

/// The national catalogue's table, compiled once.
fn national() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        riktlinjer_compiler::compile::nationell_katalog()
            .bytes
            .unwrap_or_default()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((first, rest)) = bytes.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => CaseFormat::JsonLines,
        1 => CaseFormat::Csv,
        _ => CaseFormat::Json,
    };
    let Ok(table) = riktlinjer_core::Table::decode(national()) else {
        return;
    };
    let facts = FactIndex::of(&table);
    if let Ok(reader) = case::read_from(Box::new(std::io::Cursor::new(rest.to_vec())), format) {
        for record in reader {
            if let Ok(mut input) = record.result {
                let _ = facts.bind(&mut input, Binding::Strict);
                let _ = facts.bind(&mut input, Binding::Lenient);
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(rest) {
        let _ = case::from_json_for(text, &table);
    }
});
