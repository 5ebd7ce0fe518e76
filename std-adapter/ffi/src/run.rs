//! The safe bodies of the exported functions: compile a source, evaluate a case given as JSON
//! into the CLI's JSON answer, and the postcard path that allocates nothing.
//!
//! Each reads its inputs as Rust values and returns a [`Failure`] with a Swedish message that
//! names the place and never repeats a value from the case; `export.rs` does the pointers.
//! The JSON path calls exactly what `riktlinjer eval --format json` calls, so the two answer
//! byte for byte the same.

use riktlinjer_compiler::diagnostic::{self, Sources};
use riktlinjer_core::{Case, Date, Evaluation, evaluate_into};
use riktlinjer_library::case;
use riktlinjer_library::render;

use crate::status::{Failure, Status};
use crate::tables::Tables;
use crate::texts;

/// The day of prövning from its text.
///
/// # Errors
/// [`Status::InvalidDate`] naming the argument.
pub fn as_of(text: &str) -> Result<Date, Failure> {
    Date::parse(text).map_err(|error| Failure::new(Status::InvalidDate, format!("as_of: {error}")))
}

/// Compiles a riktlinje source into table bytes.
///
/// # Errors
/// [`Status::CompileFailed`] with every diagnostic, each with line and column.
pub fn compile(text: &str) -> Result<Vec<u8>, Failure> {
    let compiled = riktlinjer_compiler::compile(text);
    compiled.bytes.ok_or_else(|| {
        let rendered = diagnostic::render(
            &Sources::alone("riktlinjen", text),
            &compiled.diagnostics,
            false,
        );
        Failure::new(
            Status::CompileFailed,
            texts::riktlinjen_fel_ingen_regeltabell(compiled.diagnostics.len(), &rendered),
        )
    })
}

/// Evaluates a case given as JSON on `as_of` under the chosen version, into the text
/// `riktlinjer eval --format json` writes for it (pretty JSON and a final newline).
///
/// # Errors
/// [`Status::InvalidCase`] with the field's JSON pointer, [`Status::NoVersion`], or
/// [`Status::EvaluateFailed`].
pub fn evaluate_json(
    tables: &Tables,
    case_json: &str,
    as_of: Date,
    version: Option<&str>,
) -> Result<String, Failure> {
    let table = tables.choose(as_of, version)?;
    let input = case::from_json_for(case_json, table)
        .map_err(|error| Failure::new(Status::InvalidCase, texts::arendet(&error)))?;
    let mut evaluation = Evaluation::empty();
    evaluate_into(table, &input.case, as_of, &mut evaluation)
        .map_err(|error| Failure::new(Status::EvaluateFailed, texts::provningen(error)))?;
    let value = render::to_json(table, &input, &evaluation);
    let mut text = serde_json::to_string_pretty(&value)
        .map_err(|error| Failure::new(Status::Panic, format!("svaret: {error}")))?;
    text.push('\n');
    Ok(text)
}

/// Reads a case given as JSON and binds it to the chosen version's catalogue, writing the
/// core's [`Case`] in postcard into `out`; returns how many bytes it wrote.
///
/// # Errors
/// As [`evaluate_json`], and [`Status::BufferTooSmall`] with the size needed.
pub fn case_to_postcard(
    tables: &Tables,
    case_json: &str,
    as_of: Date,
    version: Option<&str>,
    out: &mut [u8],
) -> Result<usize, (Failure, usize)> {
    let table = tables
        .choose(as_of, version)
        .map_err(|failure| (failure, 0))?;
    let input = case::from_json_for(case_json, table)
        .map_err(|error| (Failure::new(Status::InvalidCase, texts::arendet(&error)), 0))?;
    to_postcard(&input.case, out, "ärendet")
}

/// Evaluates a case given as the core's [`Case`] in postcard, writing the core's
/// [`Evaluation`] in postcard into `out`; returns how many bytes it wrote. It allocates
/// nothing unless it fails (then only its message).
///
/// # Errors
/// [`Status::InvalidCase`] for bytes that are not a case, [`Status::NoVersion`],
/// [`Status::EvaluateFailed`], and [`Status::BufferTooSmall`] with the size needed.
pub fn evaluate_postcard(
    tables: &Tables,
    case_bytes: &[u8],
    as_of: Date,
    version: Option<&str>,
    out: &mut [u8],
) -> Result<usize, (Failure, usize)> {
    let table = tables
        .choose(as_of, version)
        .map_err(|failure| (failure, 0))?;
    let case: Case = postcard::from_bytes(case_bytes).map_err(|_| {
        (
            Failure::new(Status::InvalidCase, texts::ARENDET_BYTENA_AR_INTE),
            0,
        )
    })?;
    let mut evaluation = Evaluation::empty();
    evaluate_into(table, &case, as_of, &mut evaluation).map_err(|error| {
        (
            Failure::new(Status::EvaluateFailed, texts::provningen(error)),
            0,
        )
    })?;
    to_postcard(&evaluation, out, "prövningen")
}

/// Writes `value` in postcard into `out`.
fn to_postcard<T: serde::Serialize>(
    value: &T,
    out: &mut [u8],
    what: &str,
) -> Result<usize, (Failure, usize)> {
    match postcard::to_slice(value, out) {
        Ok(written) => Ok(written.len()),
        Err(postcard::Error::SerializeBufferFull) => {
            let needed =
                postcard::serialize_with_flavor(value, postcard::ser_flavors::Size::default())
                    .unwrap_or(0);
            Err((
                Failure::new(
                    Status::BufferTooSmall,
                    texts::utbufferten_rymmer_byte_men(out.len(), what, needed),
                ),
                needed,
            ))
        }
        Err(_) => Err((
            Failure::new(Status::Panic, texts::kunde_inte_skrivas_i(what)),
            0,
        )),
    }
}
