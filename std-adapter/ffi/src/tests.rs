//! Tests of the exported functions through their C signatures: the JSON answer equals the
//! CLI's pipeline, one handle serves many threads at once, the postcard path agrees with the
//! core, and every bad pointer, table, case and date is a status with a Swedish message.
//!
//! The C, Python, JVM and JavaScript callers are tested by `.ci/run` (step `ffi` and `wasm`),
//! with the scripts in `std-adapter/ffi/tests/`.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char};
use std::path::PathBuf;
use std::ptr;

use riktlinjer_core::{Case, Date, Evaluation, evaluate};
use riktlinjer_library::case;
use riktlinjer_library::render;
use riktlinjer_library::store::Store;

use crate::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn last_error() -> String {
    // SAFETY: the library's own NUL-terminated message, read before the next call.
    unsafe { CStr::from_ptr(riktlinjer_last_error()) }
        .to_string_lossy()
        .into_owned()
}

/// Loads `rules/exempelkommun` through the C function.
fn exempelkommun() -> *mut RiktlinjerTables {
    let path = CString::new(root().join("rules/exempelkommun").display().to_string()).unwrap();
    let mut tables = ptr::null_mut();
    // SAFETY: a NUL-terminated path and a writable out-pointer.
    let status = unsafe { riktlinjer_load_path(path.as_ptr(), &mut tables) };
    assert_eq!(status, Status::Ok, "{}", last_error());
    tables
}

/// What `riktlinjer eval --format json` writes, computed the way the CLI computes it.
fn cli_answer(case_json: &str, as_of: &str) -> String {
    let store = Store::load(&root().join("rules/exempelkommun")).unwrap();
    let as_of = Date::parse(as_of).unwrap();
    let table = store.in_force(as_of).unwrap().table().unwrap();
    let mut input = case::from_json(case_json).unwrap();
    case::FactIndex::of(&table)
        .bind(&mut input, case::Binding::Strict)
        .unwrap();
    let evaluation = evaluate(&table, &input.case, as_of).unwrap();
    let value = render::to_json(&table, &input, &evaluation);
    format!("{}\n", serde_json::to_string_pretty(&value).unwrap())
}

/// Evaluates through the C function: the status and the answer or the last error.
fn evaluate_json(
    tables: *const RiktlinjerTables,
    case_json: &[u8],
    as_of: &CStr,
    version: Option<&CStr>,
) -> (Status, String) {
    let mut out: *mut c_char = ptr::null_mut();
    let mut out_len = 0;
    // SAFETY: a live handle, a readable input, NUL-terminated texts, writable out-pointers.
    let status = unsafe {
        riktlinjer_evaluate_json(
            tables,
            case_json.as_ptr(),
            case_json.len(),
            as_of.as_ptr(),
            version.map_or(ptr::null(), CStr::as_ptr),
            &mut out,
            &mut out_len,
        )
    };
    if status != Status::Ok {
        assert!(out.is_null());
        return (status, last_error());
    }
    // SAFETY: the library's text of `out_len` bytes plus NUL, freed right after.
    let answer = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
    assert_eq!(answer.len(), out_len);
    // SAFETY: the text from this library, freed once.
    unsafe { riktlinjer_string_free(out) };
    (status, answer)
}

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).unwrap()
}

#[test]
fn the_json_answer_is_the_clis_byte_for_byte() {
    let tables = exempelkommun();
    for name in [
        "ansokningar-sol-och-lss.json",
        "trygghetslarm.json",
        "skyddsatgard-sanggrind-demens.json",
        "barnarende-anmalan.json",
        "hemtjanst-omvardnad.json",
    ] {
        let case_json = example(name);
        let (status, answer) = evaluate_json(tables, case_json.as_bytes(), c"2026-02-15", None);
        assert_eq!(status, Status::Ok, "{name}: {answer}");
        assert_eq!(answer, cli_answer(&case_json, "2026-02-15"), "{name}");
    }
    // SAFETY: the handle from `exempelkommun`, freed once.
    unsafe { riktlinjer_tables_free(tables) };
}

#[test]
fn one_handle_serves_many_threads_at_once() {
    let tables = exempelkommun() as usize;
    let case_json = example("ansokningar-sol-och-lss.json");
    let expected = cli_answer(&case_json, "2026-02-15");
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..25 {
                    let (status, answer) = evaluate_json(
                        tables as *const RiktlinjerTables,
                        case_json.as_bytes(),
                        c"2026-02-15",
                        None,
                    );
                    assert_eq!(status, Status::Ok, "{answer}");
                    assert_eq!(answer, expected);
                }
            });
        }
    });
    // SAFETY: every thread has ended; the handle is freed once.
    unsafe { riktlinjer_tables_free(tables as *mut RiktlinjerTables) };
}

#[test]
fn a_version_is_chosen_by_day_or_by_id_as_the_cli_chooses_it() {
    let tables = exempelkommun();
    let case_json = example("trygghetslarm.json");
    let (status, answer) = evaluate_json(
        tables,
        case_json.as_bytes(),
        c"2026-02-15",
        Some(c"exempelkommun-2025-01-01"),
    );
    assert_eq!(status, Status::Ok, "{answer}");
    assert!(answer.contains("\"exempelkommun-2025-01-01\""), "{answer}");
    let (status, message) = evaluate_json(
        tables,
        case_json.as_bytes(),
        c"2026-02-15",
        Some(c"19410512-1248"),
    );
    assert_eq!(status, Status::NoVersion);
    assert!(message.starts_with("version: ingen version har det id som angavs"));
    assert!(!message.contains("19410512"), "{message}");
    let (status, message) = evaluate_json(tables, case_json.as_bytes(), c"1990-01-01", None);
    assert_eq!(status, Status::NoVersion);
    assert_eq!(
        message,
        "ingen antagen version av riktlinjen gäller 1990-01-01"
    );
    // SAFETY: freed once.
    unsafe { riktlinjer_tables_free(tables) };
}

#[test]
fn a_bad_case_names_its_field_and_never_repeats_its_value() {
    let tables = exempelkommun();
    let secret =
        r#"{"schema_version": 1, "person": {"fodelsedatum": "19410512-1248"}, "ansokningar": []}"#;
    let (status, message) = evaluate_json(tables, secret.as_bytes(), c"2026-02-15", None);
    assert_eq!(status, Status::InvalidCase);
    assert!(message.starts_with("ärendet: "), "{message}");
    assert!(message.contains("/person/fodelsedatum"), "{message}");
    assert!(!message.contains("1248"), "{message}");
    let (status, message) = evaluate_json(tables, b"{\xff}", c"2026-02-15", None);
    assert_eq!(
        (status, message.as_str()),
        (Status::InvalidUtf8, "case_json: ogiltig UTF-8 vid byte 1")
    );
    let (status, message) = evaluate_json(tables, b"{}", c"2026-02-30", None);
    assert_eq!(status, Status::InvalidDate);
    assert!(message.starts_with("as_of: "), "{message}");
    // SAFETY: freed once.
    unsafe { riktlinjer_tables_free(tables) };
}

#[test]
fn null_pointers_and_bad_tables_are_statuses() {
    let mut tables = ptr::null_mut();
    // SAFETY: null where a pointer is required: checked, never read.
    let status = unsafe { riktlinjer_load_table(ptr::null(), 4, &mut tables) };
    assert_eq!(
        (status, last_error().as_str()),
        (Status::NullPointer, "bytes: pekaren är null")
    );
    let bytes = std::fs::read(root().join("tests/fixtures/golden.bin")).unwrap();
    let damaged = &bytes[..bytes.len() - 1];
    // SAFETY: a readable slice and a writable out-pointer.
    let status = unsafe { riktlinjer_load_table(damaged.as_ptr(), damaged.len(), &mut tables) };
    assert_eq!(status, Status::InvalidTable);
    assert!(
        last_error().starts_with("regeltabellen: "),
        "{}",
        last_error()
    );
    assert!(tables.is_null());
    // SAFETY: as above, with the whole table.
    let status = unsafe { riktlinjer_load_table(bytes.as_ptr(), bytes.len(), &mut tables) };
    assert_eq!(status, Status::Ok);
    assert_eq!(last_error(), "");
    let (status, message) = evaluate_json(ptr::null(), b"{}", c"2026-02-15", None);
    assert_eq!(
        (status, message.as_str()),
        (Status::NullPointer, "tables: pekaren är null")
    );
    // SAFETY: freeing null does nothing; the handle is freed once.
    unsafe {
        riktlinjer_tables_free(ptr::null_mut());
        riktlinjer_tables_free(tables);
        riktlinjer_string_free(ptr::null_mut());
        riktlinjer_bytes_free(ptr::null_mut(), 3);
    }
}

#[test]
fn the_postcard_path_gives_the_cores_evaluation_in_the_callers_buffer() {
    let tables = exempelkommun();
    let case_json = example("ansokningar-sol-och-lss.json");
    let mut case_bytes = [0u8; 4096];
    let mut n_case = 0;
    // SAFETY: a live handle, readable input, NUL-terminated date, writable buffer and count.
    let status = unsafe {
        riktlinjer_case_to_postcard(
            tables,
            case_json.as_ptr(),
            case_json.len(),
            c"2026-02-15".as_ptr(),
            ptr::null(),
            case_bytes.as_mut_ptr(),
            case_bytes.len(),
            &mut n_case,
        )
    };
    assert_eq!(status, Status::Ok, "{}", last_error());
    let case: Case = postcard::from_bytes(&case_bytes[..n_case]).unwrap();

    let mut out = vec![0u8; 16];
    let mut written = 0;
    // SAFETY: as above, with the case's bytes as input.
    let call = |out: &mut [u8], written: &mut usize| unsafe {
        riktlinjer_evaluate_postcard(
            tables,
            case_bytes.as_ptr(),
            n_case,
            c"2026-02-15".as_ptr(),
            ptr::null(),
            out.as_mut_ptr(),
            out.len(),
            written,
        )
    };
    assert_eq!(call(&mut out, &mut written), Status::BufferTooSmall);
    assert!(written > 16, "the size needed: {written}");
    out.resize(written, 0);
    assert_eq!(call(&mut out, &mut written), Status::Ok, "{}", last_error());
    assert_eq!(written, out.len());

    let store = Store::load(&root().join("rules/exempelkommun")).unwrap();
    let as_of = Date::parse("2026-02-15").unwrap();
    let table = store.in_force(as_of).unwrap().table().unwrap();
    let expected: Evaluation<'_> = evaluate(&table, &case, as_of).unwrap();
    let mut buffer = vec![0u8; out.len()];
    let expected = postcard::to_slice(&expected, &mut buffer).unwrap();
    assert_eq!(out, expected);

    // Bytes that are not a case.
    // SAFETY: as above.
    let status = unsafe {
        riktlinjer_evaluate_postcard(
            tables,
            [0xffu8; 3].as_ptr(),
            3,
            c"2026-02-15".as_ptr(),
            ptr::null(),
            out.as_mut_ptr(),
            out.len(),
            &mut written,
        )
    };
    assert_eq!(status, Status::InvalidCase);
    // SAFETY: freed once.
    unsafe { riktlinjer_tables_free(tables) };
}

#[test]
fn compile_gives_a_table_or_every_fault_with_its_place() {
    let source = std::fs::read_to_string(root().join("tests/fixtures/golden.md")).unwrap();
    let mut bytes = ptr::null_mut();
    let mut n_bytes = 0;
    // SAFETY: readable source, writable out-pointers.
    let status =
        unsafe { riktlinjer_compile(source.as_ptr(), source.len(), &mut bytes, &mut n_bytes) };
    assert_eq!(status, Status::Ok, "{}", last_error());
    let mut tables = ptr::null_mut();
    // SAFETY: the library's bytes, loaded, then freed once with their length.
    unsafe {
        assert_eq!(
            riktlinjer_load_table(bytes, n_bytes, &mut tables),
            Status::Ok
        );
        riktlinjer_bytes_free(bytes, n_bytes);
        riktlinjer_tables_free(tables);
    }
    let broken = source.replacen("insats:", "insatts:", 1);
    // SAFETY: as above.
    let status =
        unsafe { riktlinjer_compile(broken.as_ptr(), broken.len(), &mut bytes, &mut n_bytes) };
    assert_eq!(status, Status::CompileFailed);
    let message = last_error();
    assert!(message.contains("riktlinjen:"), "{message}");
    assert!(
        message.ends_with("fel; ingen regeltabell skrevs"),
        "{message}"
    );
}

#[test]
fn memory_from_bytes_alloc_is_zeroed_and_given_back() {
    let place = riktlinjer_bytes_alloc(64);
    assert!(!place.is_null());
    // SAFETY: 64 bytes just allocated by the library, read then freed once.
    unsafe {
        assert!(
            std::slice::from_raw_parts(place, 64)
                .iter()
                .all(|byte| *byte == 0)
        );
        riktlinjer_bytes_free(place, 64);
    }
    assert!(riktlinjer_bytes_alloc(0).is_null());
    // SAFETY: static texts.
    let message = unsafe { CStr::from_ptr(riktlinjer_status_message(6)) };
    assert_eq!(message.to_str().unwrap(), "ärendet är inte giltigt");
    // SAFETY: static text.
    let unknown = unsafe { CStr::from_ptr(riktlinjer_status_message(1234)) };
    assert_eq!(unknown.to_str().unwrap(), "okänd statuskod");
}

/// The firmware in `core/device` evaluates a case in postcard; this keeps its file equal to
/// what `riktlinjer_case_to_postcard` writes for the example under the table it embeds. Run
/// with `RIKTLINJER_SKRIV_FIXTUR=1` to write the file anew after a change of the case format.
#[test]
fn the_devices_case_is_the_example_bound_to_its_table() {
    let table = std::fs::read(root().join("tests/fixtures/exempelkommun.bin")).unwrap();
    let mut tables = ptr::null_mut();
    // SAFETY: a readable slice and a writable out-pointer.
    let status = unsafe { riktlinjer_load_table(table.as_ptr(), table.len(), &mut tables) };
    assert_eq!(status, Status::Ok, "{}", last_error());
    let case_json = example("ansokningar-sol-och-lss.json");
    let mut case_bytes = [0u8; 4096];
    let mut n_case = 0;
    // SAFETY: a live handle, readable input, NUL-terminated date, writable buffer and count.
    let status = unsafe {
        riktlinjer_case_to_postcard(
            tables,
            case_json.as_ptr(),
            case_json.len(),
            c"2026-02-15".as_ptr(),
            ptr::null(),
            case_bytes.as_mut_ptr(),
            case_bytes.len(),
            &mut n_case,
        )
    };
    assert_eq!(status, Status::Ok, "{}", last_error());
    let path = root().join("core/device/ansokningar-sol-och-lss.postcard");
    if std::env::var_os("RIKTLINJER_SKRIV_FIXTUR").is_some() {
        std::fs::write(&path, &case_bytes[..n_case]).unwrap();
    }
    let kept = std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    assert_eq!(kept, &case_bytes[..n_case], "{}", path.display());
    // SAFETY: freed once.
    unsafe { riktlinjer_tables_free(tables) };
}

/// Counts the allocations of the current thread, so that tests running beside it do not
/// disturb the count.
struct CountingAllocator;

thread_local! {
    static N_ALLOCATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

// SAFETY: every call is passed on unchanged to the system allocator; the counter is a
// thread-local `Cell` with a constant initialiser and no destructor, so touching it never
// allocates or runs code that could re-enter the allocator.
unsafe impl std::alloc::GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let _ = N_ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn the_postcard_path_allocates_nothing() {
    let tables = exempelkommun();
    let case_json = example("ansokningar-sol-och-lss.json");
    let mut case_bytes = [0u8; 4096];
    let mut n_case = 0;
    // SAFETY: a live handle, readable input, NUL-terminated date, writable buffer and count.
    let status = unsafe {
        riktlinjer_case_to_postcard(
            tables,
            case_json.as_ptr(),
            case_json.len(),
            c"2026-02-15".as_ptr(),
            ptr::null(),
            case_bytes.as_mut_ptr(),
            case_bytes.len(),
            &mut n_case,
        )
    };
    assert_eq!(status, Status::Ok, "{}", last_error());
    let mut out = vec![0u8; 32 * 1024];
    let mut written = 0;
    let before = N_ALLOCATIONS.with(std::cell::Cell::get);
    for _ in 0..3 {
        // SAFETY: as above, with the case's bytes as input and a writable output buffer.
        let status = unsafe {
            riktlinjer_evaluate_postcard(
                tables,
                case_bytes.as_ptr(),
                n_case,
                c"2026-02-15".as_ptr(),
                ptr::null(),
                out.as_mut_ptr(),
                out.len(),
                &mut written,
            )
        };
        assert_eq!(status, Status::Ok);
    }
    let after = N_ALLOCATIONS.with(std::cell::Cell::get);
    assert_eq!(
        after - before,
        0,
        "allocations in three postcard evaluations"
    );
    assert!(written > 0);
    // SAFETY: freed once.
    unsafe { riktlinjer_tables_free(tables) };
}
