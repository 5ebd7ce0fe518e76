//! Arbitrary bytes as a compiled table: decoding returns a table or an error and never panics,
//! and a table that decodes is evaluated for an empty case and for its own frister.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riktlinjer_core::{Case, Date, Table, evaluate};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(table) = Table::decode(bytes)
        && let Ok(as_of) = Date::parse("2026-02-15")
    {
        let _ = evaluate(&table, &Case::default(), as_of);
    }
});
