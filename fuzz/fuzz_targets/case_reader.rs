//! Arbitrary bytes as a case file: the first byte picks JSON Lines, CSV or JSON, the rest is
//! the file. Every record is read as a case or a fault naming its place, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riktlinjer_library::case::{self, CaseFormat};

fuzz_target!(|bytes: &[u8]| {
    let Some((first, rest)) = bytes.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => CaseFormat::JsonLines,
        1 => CaseFormat::Csv,
        _ => CaseFormat::Json,
    };
    if let Ok(reader) = case::read_from(Box::new(std::io::Cursor::new(rest.to_vec())), format) {
        for record in reader {
            let _ = record.result;
        }
    }
    if let Ok(text) = std::str::from_utf8(rest) {
        let _ = case::from_json(text);
    }
});
