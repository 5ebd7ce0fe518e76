//! riktlinjer as a C library and a WebAssembly module, for case systems not written in Rust.
//!
//! A caller loads a riktlinje once (a compiled table's bytes, validated, or a source or folder
//! as `riktlinjer eval --rules` reads it), then evaluates cases with the handle from any number
//! of threads: given as JSON (the case contract), the answer is the JSON `riktlinjer eval
//! --format json` writes, byte for byte; given as the core's case in postcard, the answer is
//! the core's evaluation in postcard, in the caller's buffer, with nothing allocated.
//! Every exported function returns a status code (zero for success) and keeps a Swedish
//! message naming the place for `riktlinjer_last_error`; a panic inside is caught and becomes
//! a status, never an unwind into the caller. The C header `include/riktlinjer.h` is generated
//! from this crate by cbindgen (`cbindgen.toml`), and CI fails when it drifts.
//! Built for `wasm32-unknown-unknown`, the same exports are the WebAssembly module that
//! `wasm/riktlinjer.mjs` wraps for JavaScript.

mod export;
mod run;
mod status;
mod tables;
mod texts;

pub use export::*;
pub use status::Status;
pub use tables::Tables;

#[cfg(test)]
mod tests;
