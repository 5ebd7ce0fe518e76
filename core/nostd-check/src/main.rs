//! A freestanding binary that calls every public entry point of riktlinjer-core on opaque input.
//!
//! It builds only if core needs neither std nor an allocator, and links only if no panic path
//! survives optimisation (the panic handler calls a symbol that is defined nowhere); `.ci/run`
//! builds it in its step `nostd`. It is never run: `_start` ends in a loop.
//! Every input is read through `read_volatile`, so the optimiser cannot fold it and delete real
//! panic paths; every result goes to `black_box`, so it cannot delete the work either.
//! This file holds the only `unsafe` of the project: the extern declaration and the volatile
//! reads, each with its `SAFETY:` comment.

#![no_std]
#![no_main]

use core::fmt::{self, Write};
use core::hint::black_box;

use riktlinjer_core::frist::{self, Period};
use riktlinjer_core::limits::FRIST_WARNING_DAYS;
use riktlinjer_core::{
    Case, Date, Evaluation, Table, ansokan_facts, atgard_condition, compute_with, condition,
    counterfactual, eget_samtycke, evaluate, evaluate_atgard, evaluate_insats, evaluate_into,
    evaluate_provningar_into, figures, frister, holidays, person_facts, set_ansokan_facts, sha256,
    skyddsatgard_facts,
};

unsafe extern "C" {
    /// Defined nowhere: if any panic path survives optimisation, the link fails.
    fn riktlinjer_core_may_panic() -> !;
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // SAFETY: never runs; a reachable call is a link error by design.
    unsafe { riktlinjer_core_may_panic() }
}

/// The shipped example kommun's compiled table.
static TABLE: [u8; TABLE_LEN] = *include_bytes!("../../../tests/fixtures/exempelkommun.bin");
const TABLE_LEN: usize = include_bytes!("../../../tests/fixtures/exempelkommun.bin").len();

/// A case in postcard: all zeros is the empty case, but the optimiser may not know that.
static CASE: [u8; 2048] = [0; 2048];

/// A day number, a count, a year and an index.
static NUMBERS: [i32; 4] = [20_485, 3, 2026, 0];

/// A date as text.
static DATE_TEXT: [u8; 10] = *b"2026-02-01";

/// Copies `from` into `to` one volatile read at a time: the optimiser can assume nothing about
/// the bytes. (A single volatile read of a large array is one huge load, which LLVM handles
/// slowly.)
fn opaque_copy(from: &[u8], to: &mut [u8]) {
    for (slot, byte) in to.iter_mut().zip(from) {
        // SAFETY: `byte` is a valid, aligned reference to an initialised `u8`.
        *slot = unsafe { core::ptr::read_volatile(byte) };
    }
}

/// Counts what the `Display` implementations write, without keeping it.
struct Sink(usize);

impl Write for Sink {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0 = self.0.wrapping_add(black_box(text).len());
        Ok(())
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    let mut table_bytes = [0u8; TABLE_LEN];
    opaque_copy(&TABLE, &mut table_bytes);
    let mut case_bytes = [0u8; 2048];
    opaque_copy(&CASE, &mut case_bytes);
    let mut date_text = [0u8; 10];
    opaque_copy(&DATE_TEXT, &mut date_text);
    // SAFETY: a volatile read of a plain, initialised static of a `Copy` type; it only keeps
    // the optimiser from folding the input.
    let [days, count, year, index] = unsafe { core::ptr::read_volatile(&NUMBERS) };

    let mut sink = Sink(0);
    let as_of = match core::str::from_utf8(&date_text).map(Date::parse) {
        Ok(Ok(date)) => date,
        Ok(Err(error)) => {
            let _ = write!(sink, "{error}");
            Date::EPOCH
        }
        Err(_) => Date::EPOCH,
    };
    let start = Date::from_days(days).unwrap_or(Date::EPOCH);
    dates(start, as_of, count, year, &mut sink);

    match Table::decode(&table_bytes) {
        Ok(table) => {
            accessors(&table, usize::try_from(index).unwrap_or(0), as_of);
            let mut out = [0u8; 2 * TABLE_LEN];
            let _ = black_box(table.encode(&mut out));
            match postcard::take_from_bytes::<Case>(&case_bytes) {
                Ok((case, _)) => evaluate_case(&table, &case, as_of, &mut sink),
                Err(_) => black_box(()),
            }
        }
        Err(error) => {
            let _ = write!(sink, "{error}");
        }
    }
    black_box(sha256(&case_bytes));
    black_box(sink.0);
    loop {
        core::hint::spin_loop();
    }
}

/// The date, holiday and frist functions.
fn dates(start: Date, as_of: Date, count: i32, year: i32, sink: &mut Sink) {
    let n = u16::try_from(count).unwrap_or(0);
    for period in [
        Period::Dagar(n),
        Period::Veckor(n),
        Period::Manader(n),
        Period::Ar(n),
    ] {
        black_box(frist::nominal_last_day(start, period));
        if let Some(last) = frist::last_day(start, period) {
            let status = frist::status(last.sista_dag, as_of, FRIST_WARNING_DAYS);
            let _ = write!(sink, "{status}");
            if let Some(reason) = last.move_reason() {
                let _ = write!(sink, "{reason}");
            }
        }
    }
    black_box(frist::next_vardag_on_or_after(start));
    black_box(holidays::easter_sunday(year));
    black_box(holidays::helgdag(start));
    black_box(holidays::afton(start));
    black_box(holidays::is_vardag(start));
    if let Some(kind) = holidays::non_vardag(start) {
        let _ = write!(sink, "{kind}");
    }
    black_box(start.add_months(count));
    black_box(start.add_years(count));
    black_box(start.add_weeks(count));
    black_box(start.age_on(as_of));
    black_box(start.days_until(as_of));
    black_box(start.weekday().name());
    black_box(start.to_ymd());
    let _ = write!(sink, "{start}");
    let month = u8::try_from(count).unwrap_or(0);
    match Date::from_ymd(year, month, month) {
        Ok(date) => black_box(date.to_text()),
        Err(error) => {
            let _ = write!(sink, "{error}");
            black_box(start.to_text())
        }
    };
}

/// The table's accessors, reached by the opaque position `position`.
fn accessors(table: &Table<'_>, position: usize, as_of: Date) {
    black_box(table.meta().giltig_fran);
    black_box(table.content_hash());
    black_box(table.content_hash_hex());
    black_box(table.insats_index("trygghetslarm"));
    if let Some((insats_idx, insats)) = table.insats_indices().nth(position) {
        black_box(table.insats_index(insats.id));
        black_box(table.insats(insats_idx).map(|insats| insats.n_rules));
        black_box(table.rules_of(insats_idx).len());
        for (rule_idx, rule) in table.rule_indices_of(insats_idx) {
            black_box((rule_idx.index(), rule.line));
        }
    }
    black_box(table.insatser().len());
    black_box(table.rules().get(position).map(|rule| rule.line));
    if let Some(param) = table.params().get(position)
        && let Some(param_idx) = table.param_index(param.namn)
    {
        black_box(table.param_value(param_idx, as_of));
    }
    if let Some(atgard) = table.atgarder().get(position)
        && let Some(atgard_idx) = table.atgard_index(atgard.id)
    {
        black_box(table.atgard(atgard_idx).map(|atgard| atgard.digital_teknik));
        black_box(table.atgard_rules_of(Some(atgard_idx)).count());
    }
    black_box(table.atgard_rules().get(position).map(|rule| rule.line));
}

/// The evaluator, its steps, and the evaluation's serialization and texts.
fn evaluate_case(table: &Table<'_>, case: &Case, as_of: Date, sink: &mut Sink) {
    match evaluate(table, case, as_of) {
        Ok(evaluation) => {
            let mut out = [0u8; 16_384];
            let _ = black_box(postcard::to_slice(&evaluation, &mut out).map(|bytes| bytes.len()));
            for frist in &evaluation.frister {
                let _ = write!(sink, "{} {} {}", frist.kind, frist.lagrum, frist.status);
            }
            for result in &evaluation.skyddsatgarder {
                black_box((result.outcome, result.reasons.len()));
                for reason in &result.reasons {
                    if let Some(lagrum) = reason.message.lagrum() {
                        let _ = write!(sink, "{lagrum}");
                    }
                }
            }
        }
        Err(error) => {
            let _ = write!(sink, "{error}");
        }
    }
    let _ = black_box(frister(table, case, as_of).map(|frister| frister.len()));
    // The in-place evaluator, twice into one buffer, so that its clearing of a filled
    // evaluation runs too.
    let mut evaluation = Evaluation::empty();
    for day in [as_of, as_of.add_days(1).unwrap_or(as_of)] {
        match evaluate_into(table, case, day, &mut evaluation) {
            Ok(()) => black_box((
                evaluation.provningar.len(),
                evaluation.frister.len(),
                evaluation.skyddsatgarder.len(),
            )),
            Err(error) => {
                let _ = write!(sink, "{error}");
                black_box((0, 0, 0))
            }
        };
    }
    match evaluate_provningar_into(table, case, as_of, &mut evaluation) {
        Ok(()) => black_box(evaluation.provningar.len()),
        Err(error) => {
            let _ = write!(sink, "{error}");
            black_box(0)
        }
    };
    let person = person_facts(table, &case.person, as_of);
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        // What would change the outcome, and the change made in a copy of the case.
        match counterfactual(table, case, ansokan_idx, as_of) {
            Ok(found) => {
                let mut changed = case.clone();
                let applied = found.apply_to(table, &mut changed);
                black_box((found.tries, applied.is_ok(), changed.ansokningar.len()));
            }
            Err(error) => {
                let _ = write!(sink, "{error}");
            }
        }
        let mut facts = person.clone();
        set_ansokan_facts(table, &mut facts, case, ansokan, as_of);
        black_box(ansokan_facts(table, case, ansokan_idx, as_of));
        for rule in table.rules() {
            black_box(condition(table, rule, &facts, as_of));
            for figure in figures(table, rule, as_of) {
                black_box((figure.fact, figure.comparison.symbol(), figure.figure));
            }
        }
        if let Some(insats_idx) = table.insats_index(&ansokan.insats) {
            let mut lines = 0usize;
            black_box(compute_with(table, insats_idx, &facts, as_of, |line| {
                lines = lines.wrapping_add(usize::from(black_box(line).component));
            }));
            black_box(lines);
            match evaluate_insats(table, insats_idx, &facts, as_of) {
                Ok(result) => black_box((result.outcome, result.reasons.len())),
                Err(error) => {
                    let _ = write!(sink, "{error}");
                    black_box((riktlinjer_core::Outcome::KraverIndividuellBedomning, 0))
                }
            };
        }
    }
    for skyddsatgard in &case.skyddsatgarder {
        let facts = skyddsatgard_facts(table, &person, skyddsatgard, as_of);
        black_box(eget_samtycke(table, &facts));
        let atgard_idx = table.atgard_index(&skyddsatgard.typ);
        for (_, rule) in table.atgard_rules_of(atgard_idx) {
            black_box(atgard_condition(table, rule, &facts, as_of));
        }
        match evaluate_atgard(table, atgard_idx, &facts, as_of) {
            Ok(result) => black_box((result.outcome, result.reasons.len())),
            Err(error) => {
                let _ = write!(sink, "{error}");
                black_box((riktlinjer_core::AtgardOutcome::KraverJuridiskBedomning, 0))
            }
        };
    }
}

// The checker links with `-nostdlib`, so no C library supplies the four memory functions that
// LLVM may call for copies, fills and comparisons. They are written with volatile accesses so
// that LLVM cannot recognise the loops and turn them back into calls to themselves.

/// `memcpy` for the freestanding link.
///
/// # Safety
/// As C's `memcpy`: `dest` and `src` valid for `n` bytes and not overlapping.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    for offset in 0..n {
        // SAFETY: the caller guarantees both ranges are valid for `n` bytes.
        unsafe {
            dest.add(offset)
                .write_volatile(src.add(offset).read_volatile())
        };
    }
    dest
}

/// `memmove` for the freestanding link.
///
/// # Safety
/// As C's `memmove`: `dest` and `src` valid for `n` bytes; they may overlap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if dest.cast_const() < src {
        for offset in 0..n {
            // SAFETY: the caller guarantees both ranges are valid for `n` bytes; copying upward
            // from the start is correct when `dest` lies below `src`.
            unsafe {
                dest.add(offset)
                    .write_volatile(src.add(offset).read_volatile())
            };
        }
    } else {
        for offset in (0..n).rev() {
            // SAFETY: as above; copying downward from the end is correct otherwise.
            unsafe {
                dest.add(offset)
                    .write_volatile(src.add(offset).read_volatile())
            };
        }
    }
    dest
}

/// `memset` for the freestanding link.
///
/// # Safety
/// As C's `memset`: `dest` valid for `n` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dest: *mut u8, value: i32, n: usize) -> *mut u8 {
    let [byte, ..] = value.to_le_bytes();
    for offset in 0..n {
        // SAFETY: the caller guarantees `dest` is valid for `n` bytes.
        unsafe { dest.add(offset).write_volatile(byte) };
    }
    dest
}

/// `memcmp` for the freestanding link.
///
/// # Safety
/// As C's `memcmp`: `a` and `b` valid for `n` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for offset in 0..n {
        // SAFETY: the caller guarantees both ranges are valid for `n` bytes.
        let (x, y) = unsafe { (a.add(offset).read_volatile(), b.add(offset).read_volatile()) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// `bcmp` for the freestanding link: zero when equal, as `memcmp`.
///
/// # Safety
/// As C's `bcmp`: `a` and `b` valid for `n` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the same contract as `memcmp`.
    unsafe { memcmp(a, b, n) }
}
