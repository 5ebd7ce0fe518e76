//! Arbitrary text as a riktlinje: the compiler returns a table or diagnostics and never panics,
//! and a table it writes decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let compiled = riktlinjer_compiler::compile(text);
    if let Some(bytes) = &compiled.bytes {
        assert!(riktlinjer_core::Table::decode(bytes).is_ok());
    }
});
