//! The exported C functions: each checks its pointers and lengths, runs its body in
//! [`guard`], and returns a [`Status`].
//!
//! Ownership is one rule: what the library returns through an out-pointer belongs to the
//! caller, who gives it back with the matching free function (`riktlinjer_tables_free`,
//! `riktlinjer_string_free`, `riktlinjer_bytes_free`); what the caller passes in stays the
//! caller's and is only read during the call. Texts passed as pointer and length need no NUL;
//! short texts (a date, a version id, a path) are NUL-terminated. The safe work is in
//! `run.rs` and `tables.rs`; this file holds only the pointer handling, each `unsafe` block
//! with its `SAFETY:` comment.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char};
use std::path::Path;

use crate::run;
use crate::status::{Failure, Status, guard, with_last_error};
use crate::tables::Tables;
use crate::texts;

/// Every version of a riktlinje, loaded and validated; opaque to C. Made by `riktlinjer_load_*`,
/// freed by `riktlinjer_tables_free`. It is never changed after loading, so one handle may be
/// used from any number of threads at once.
pub struct RiktlinjerTables(Tables);

impl std::fmt::Debug for RiktlinjerTables {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "RiktlinjerTables({} versioner)", self.0.len())
    }
}

/// The library's version, NUL-terminated; static, never freed.
#[unsafe(no_mangle)]
pub extern "C" fn riktlinjer_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The general Swedish message of a status code, NUL-terminated; static, never freed. A code
/// the library does not have gives "okänd statuskod".
#[unsafe(no_mangle)]
pub extern "C" fn riktlinjer_status_message(status: i32) -> *const c_char {
    match Status::from_code(status) {
        Some(status) => status.message().as_ptr().cast(),
        None => texts::OKAND_STATUSKOD.as_ptr(),
    }
}

/// The message of the last call on this thread that failed, naming the place (file, line and
/// column, JSON pointer, argument), NUL-terminated; empty after a call that succeeded. It is
/// the library's and stays valid until the next call of the library on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn riktlinjer_last_error() -> *const c_char {
    with_last_error(|text| text.map_or(c"".as_ptr(), |text| text.as_ptr())).unwrap_or(c"".as_ptr())
}

/// Loads one version from the bytes of a compiled table (`riktlinjer compile`), validating
/// every reference once. The bytes are copied; `*out` receives a handle to free with
/// `riktlinjer_tables_free`.
///
/// # Safety
/// `bytes` points to `len` readable bytes (or is null with `len` 0) and `out` to a writable
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_load_table(
    bytes: *const u8,
    len: usize,
    out: *mut *mut RiktlinjerTables,
) -> Status {
    guard(|| {
        if out.is_null() {
            return Err(null("out"));
        }
        // SAFETY: the caller's promise above.
        let bytes = unsafe { input(bytes, len, "bytes") }?;
        let tables = Tables::from_bytes(bytes.to_vec())?;
        // SAFETY: checked non-null above; the caller promised it is writable.
        unsafe { out.write(Box::into_raw(Box::new(RiktlinjerTables(tables)))) };
        Ok(())
    })
}

/// Loads every version at `path`: a riktlinje source (`.md`, compiled here), a compiled table
/// (`.bin`), or a folder of either, as `riktlinjer eval --rules` does. `*out` receives a handle
/// to free with `riktlinjer_tables_free`.
///
/// # Safety
/// `path` is a NUL-terminated string and `out` points to a writable pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_load_path(
    path: *const c_char,
    out: *mut *mut RiktlinjerTables,
) -> Status {
    guard(|| {
        if out.is_null() {
            return Err(null("out"));
        }
        // SAFETY: the caller's promise above.
        let path = unsafe { text(path, "path") }?;
        let tables = Tables::load(Path::new(path))?;
        // SAFETY: checked non-null above; the caller promised it is writable.
        unsafe { out.write(Box::into_raw(Box::new(RiktlinjerTables(tables)))) };
        Ok(())
    })
}

/// Compiles a riktlinje source (Markdown, UTF-8) into table bytes. `*out` and `*out_len`
/// receive the bytes, to free with `riktlinjer_bytes_free(*out, *out_len)`; on
/// `RIKTLINJER_STATUS_COMPILE_FAILED` the last error lists every fault with line and column.
///
/// # Safety
/// `source` points to `len` readable bytes; `out` and `out_len` point to writable places.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_compile(
    source: *const u8,
    len: usize,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> Status {
    guard(|| {
        // SAFETY: the caller's promise above.
        let source = unsafe { utf8(source, len, "source") }?;
        if out.is_null() {
            return Err(null("out"));
        }
        if out_len.is_null() {
            return Err(null("out_len"));
        }
        let bytes = run::compile(source)?.into_boxed_slice();
        let n_bytes = bytes.len();
        // SAFETY: both were checked non-null; the caller promised they are writable.
        unsafe {
            out.write(Box::into_raw(bytes).cast());
            out_len.write(n_bytes);
        }
        Ok(())
    })
}

/// Evaluates a case given as JSON (the case contract, `schema/case.schema.json`) on the day
/// `as_of` (ÅÅÅÅ-MM-DD) under the version named `version`, or, when `version` is null, the
/// version in force that day. `*out` receives the answer, NUL-terminated, exactly as
/// `riktlinjer eval --format json` writes it, and `*out_len` its length without the NUL; free
/// it with `riktlinjer_string_free`.
///
/// # Safety
/// `tables` is a live handle; `case_json` points to `case_len` readable bytes; `as_of` and a
/// non-null `version` are NUL-terminated; `out` and `out_len` point to writable places.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_evaluate_json(
    tables: *const RiktlinjerTables,
    case_json: *const u8,
    case_len: usize,
    as_of: *const c_char,
    version: *const c_char,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Status {
    guard(|| {
        // SAFETY: the caller's promise above, for each argument.
        let (tables, case_json, as_of, version) = unsafe {
            (
                handle(tables)?,
                utf8(case_json, case_len, "case_json")?,
                run::as_of(text(as_of, "as_of")?)?,
                optional_text(version, "version")?,
            )
        };
        if out.is_null() {
            return Err(null("out"));
        }
        if out_len.is_null() {
            return Err(null("out_len"));
        }
        let answer = run::evaluate_json(tables, case_json, as_of, version)?;
        let n_bytes = answer.len();
        // A JSON text escapes every control character, so it holds no NUL.
        let answer = CString::new(answer)
            .map_err(|_| Failure::new(Status::Panic, texts::SVARET_INNEHALLER_EN_NUL))?;
        // SAFETY: both were checked non-null; the caller promised they are writable.
        unsafe {
            out.write(answer.into_raw());
            out_len.write(n_bytes);
        }
        Ok(())
    })
}

/// Reads a case given as JSON and binds it to the catalogue of the version chosen as in
/// `riktlinjer_evaluate_json`, writing the core's case (`riktlinjer_core::Case`) in postcard
/// into the caller's buffer `out` of `out_cap` bytes. `*written` receives the bytes written,
/// or on `RIKTLINJER_STATUS_BUFFER_TOO_SMALL` the size needed. A case system can prepare its
/// cases this way once and evaluate them with `riktlinjer_evaluate_postcard`.
///
/// # Safety
/// As `riktlinjer_evaluate_json`, and `out` points to `out_cap` writable bytes and `written`
/// to a writable place.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_case_to_postcard(
    tables: *const RiktlinjerTables,
    case_json: *const u8,
    case_len: usize,
    as_of: *const c_char,
    version: *const c_char,
    out: *mut u8,
    out_cap: usize,
    written: *mut usize,
) -> Status {
    guard(|| {
        // SAFETY: the caller's promise above, for each argument.
        let (tables, case_json, as_of, version, out) = unsafe {
            (
                handle(tables)?,
                utf8(case_json, case_len, "case_json")?,
                run::as_of(text(as_of, "as_of")?)?,
                optional_text(version, "version")?,
                output(out, out_cap, written)?,
            )
        };
        let result = run::case_to_postcard(tables, case_json, as_of, version, out);
        // SAFETY: `written` was checked non-null by `output`; the caller promised it.
        unsafe { report(result, written) }
    })
}

/// Evaluates a case given as the core's case in postcard (`riktlinjer_case_to_postcard`
/// writes one) on `as_of` under the chosen version, writing the core's evaluation
/// (`riktlinjer_core::Evaluation`) in postcard into the caller's buffer. It allocates nothing
/// unless it fails: the path for callers that own all their memory. `*written` receives the
/// bytes written, or on `RIKTLINJER_STATUS_BUFFER_TOO_SMALL` the size needed.
///
/// # Safety
/// `tables` is a live handle; `case_bytes` points to `case_len` readable bytes; `as_of` and a
/// non-null `version` are NUL-terminated; `out` points to `out_cap` writable bytes and
/// `written` to a writable place.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_evaluate_postcard(
    tables: *const RiktlinjerTables,
    case_bytes: *const u8,
    case_len: usize,
    as_of: *const c_char,
    version: *const c_char,
    out: *mut u8,
    out_cap: usize,
    written: *mut usize,
) -> Status {
    guard(|| {
        // SAFETY: the caller's promise above, for each argument.
        let (tables, case_bytes, as_of, version, out) = unsafe {
            (
                handle(tables)?,
                input(case_bytes, case_len, "case_bytes")?,
                run::as_of(text(as_of, "as_of")?)?,
                optional_text(version, "version")?,
                output(out, out_cap, written)?,
            )
        };
        let result = run::evaluate_postcard(tables, case_bytes, as_of, version, out);
        // SAFETY: `written` was checked non-null by `output`; the caller promised it.
        unsafe { report(result, written) }
    })
}

/// Frees a handle from `riktlinjer_load_*`. Null is allowed and does nothing. The handle must
/// not be in use by another thread.
///
/// # Safety
/// `tables` is null or a handle from this library not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_tables_free(tables: *mut RiktlinjerTables) {
    let _ = guard(|| {
        if !tables.is_null() {
            // SAFETY: the caller's promise: it came from `Box::into_raw` here and is freed once.
            drop(unsafe { Box::from_raw(tables) });
        }
        Ok(())
    });
}

/// Frees a text from `riktlinjer_evaluate_json`. Null is allowed and does nothing.
///
/// # Safety
/// `text` is null or a text from this library not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_string_free(text: *mut c_char) {
    let _ = guard(|| {
        if !text.is_null() {
            // SAFETY: the caller's promise: it came from `CString::into_raw` and is freed once.
            drop(unsafe { CString::from_raw(text) });
        }
        Ok(())
    });
}

/// Allocates `len` zeroed bytes owned by the caller, to free with `riktlinjer_bytes_free`.
/// The WebAssembly wrapper writes its inputs into the module's memory this way; a C caller
/// does not need it. Returns null for `len` 0.
#[unsafe(no_mangle)]
pub extern "C" fn riktlinjer_bytes_alloc(len: usize) -> *mut u8 {
    let mut place = std::ptr::null_mut();
    let _ = guard(|| {
        if len > 0 {
            place = Box::into_raw(vec![0u8; len].into_boxed_slice()).cast();
        }
        Ok(())
    });
    place
}

/// Frees bytes from `riktlinjer_compile` or `riktlinjer_bytes_alloc`, given with their
/// length. Null is allowed and does nothing.
///
/// # Safety
/// `bytes` is null or came from this library with exactly `len` bytes and is not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn riktlinjer_bytes_free(bytes: *mut u8, len: usize) {
    let _ = guard(|| {
        if !bytes.is_null() {
            let slice = std::ptr::slice_from_raw_parts_mut(bytes, len);
            // SAFETY: the caller's promise: a boxed slice of `len` bytes, freed once.
            drop(unsafe { Box::from_raw(slice) });
        }
        Ok(())
    });
}

/// Panics inside its guard, to show that a panic comes back as `RIKTLINJER_STATUS_PANIC` and
/// leaves the library usable. Only in a build with the `panic-probe` feature, for the tests.
#[cfg(feature = "panic-probe")]
#[unsafe(no_mangle)]
pub extern "C" fn riktlinjer_panic_probe() -> Status {
    guard(|| {
        let empty: [u8; 0] = [];
        let index = std::hint::black_box(3);
        #[allow(clippy::indexing_slicing, clippy::out_of_bounds_indexing)]
        let _ = empty[index];
        Ok(())
    })
}

/// The failure for a null pointer named `name`.
fn null(name: &str) -> Failure {
    Failure::new(Status::NullPointer, texts::pekaren_ar_null(name))
}

/// The bytes `pointer[..len]`; a null pointer is an empty input only with `len` 0.
///
/// # Safety
/// `pointer` points to `len` readable bytes that stay unchanged during the call, or is null.
unsafe fn input<'a>(pointer: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    if pointer.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(null(name)) };
    }
    if len > isize::MAX as usize {
        return Err(Failure::new(
            Status::NullPointer,
            texts::langden_ar_storre_an(name),
        ));
    }
    // SAFETY: non-null, length within `isize::MAX`, and the caller's promise for the rest.
    Ok(unsafe { std::slice::from_raw_parts(pointer, len) })
}

/// The UTF-8 text `pointer[..len]`.
///
/// # Safety
/// As [`input`].
unsafe fn utf8<'a>(pointer: *const u8, len: usize, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: passed on from the caller.
    let bytes = unsafe { input(pointer, len, name) }?;
    std::str::from_utf8(bytes).map_err(|error| {
        Failure::new(
            Status::InvalidUtf8,
            texts::ogiltig_utf_vid_byte(error.valid_up_to(), name),
        )
    })
}

/// The NUL-terminated UTF-8 text at `pointer`.
///
/// # Safety
/// `pointer` is null or points to a NUL-terminated string that stays unchanged during the call.
unsafe fn text<'a>(pointer: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if pointer.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-null, and the caller's promise of a terminating NUL.
    let text = unsafe { CStr::from_ptr(pointer) };
    text.to_str()
        .map_err(|_| Failure::new(Status::InvalidUtf8, texts::ogiltig_utf(name)))
}

/// As [`text`], where null means "not given".
///
/// # Safety
/// As [`text`].
unsafe fn optional_text<'a>(
    pointer: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, Failure> {
    if pointer.is_null() {
        return Ok(None);
    }
    // SAFETY: passed on from the caller.
    unsafe { text(pointer, name) }.map(Some)
}

/// The handle behind `pointer`.
///
/// # Safety
/// `pointer` is null or a live handle from this library.
unsafe fn handle<'a>(pointer: *const RiktlinjerTables) -> Result<&'a Tables, Failure> {
    // SAFETY: the caller's promise; a null pointer gives `None`.
    match unsafe { pointer.as_ref() } {
        Some(tables) => Ok(&tables.0),
        None => Err(null("tables")),
    }
}

/// The caller's output buffer `pointer[..cap]`, after checking `written` too.
///
/// # Safety
/// `pointer` points to `cap` writable bytes not otherwise used during the call, or is null
/// with `cap` 0; `written` is null or writable.
unsafe fn output<'a>(
    pointer: *mut u8,
    cap: usize,
    written: *mut usize,
) -> Result<&'a mut [u8], Failure> {
    if written.is_null() {
        return Err(null("written"));
    }
    if pointer.is_null() {
        return if cap == 0 {
            Ok(&mut [])
        } else {
            Err(null("out"))
        };
    }
    if cap > isize::MAX as usize {
        return Err(Failure::new(
            Status::NullPointer,
            texts::OUT_LANGDEN_AR_STORRE,
        ));
    }
    // SAFETY: non-null, length within `isize::MAX`, and the caller's promise for the rest.
    Ok(unsafe { std::slice::from_raw_parts_mut(pointer, cap) })
}

/// Writes the size written (or needed) to `written` and passes the result on.
///
/// # Safety
/// `written` is non-null and writable.
unsafe fn report(
    result: Result<usize, (Failure, usize)>,
    written: *mut usize,
) -> Result<(), Failure> {
    let (size, outcome) = match result {
        Ok(size) => (size, Ok(())),
        Err((failure, needed)) => (needed, Err(failure)),
    };
    // SAFETY: the caller's promise.
    unsafe { written.write(size) };
    outcome
}
