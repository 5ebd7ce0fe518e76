//! A minimal firmware for a Cortex-M4F that decodes an embedded compiled table and evaluates
//! one embedded case with riktlinjer-core: the core on a device, for real.
//!
//! It has its own panic handler, its own vector table and linker script (`device.x`), and no
//! runtime crate; the release profile in `Cargo.toml` (size-optimised, LTO, one codegen unit,
//! panic = abort) is the one the core's README recommends for a device, and the linker keeps
//! only the sections the reset handler reaches. `.ci/run` (step `device`) builds it and reports
//! its linked sizes. The inputs go through `black_box`, so the optimiser cannot fold the
//! evaluation away; the outcome goes to `black_box` too, where firmware would act on it.
//! It holds no `unsafe`.

#![no_std]
#![no_main]

use core::hint::black_box;

use riktlinjer_core::{Case, Date, Evaluation, Outcome, Table, evaluate_into};

/// The compiled table of the example kommun's riktlinje, as `riktlinjer compile` writes it.
static TABLE: &[u8] = include_bytes!("../../../tests/fixtures/exempelkommun.bin");

/// The case `examples/ansokningar-sol-och-lss.json`, bound to that table's catalogue and
/// written in postcard (`riktlinjer_case_to_postcard`; the C library's tests keep it current).
static CASE: &[u8] = include_bytes!("../ansokningar-sol-och-lss.postcard");

/// The day of prövning, 2026-02-15, as days since the core's epoch.
static AS_OF: i32 = 20_499;

/// The reset vector: the address the processor starts at.
#[unsafe(link_section = ".vector_table.reset")]
#[used]
static RESET: extern "C" fn() -> ! = reset;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {
        core::hint::spin_loop();
    }
}

/// Decodes the table, reads the case, evaluates it, and hands on how many ansökningar meet
/// the riktlinje; then waits.
#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    black_box(run());
    loop {
        core::hint::spin_loop();
    }
}

/// The number of prövningar whose outcome is `uppfyller`, or `None` when an input is bad.
fn run() -> Option<usize> {
    let table = Table::decode(black_box(TABLE)).ok()?;
    let case: Case = postcard::from_bytes(black_box(CASE)).ok()?;
    let as_of = Date::from_days(black_box(AS_OF))?;
    let mut evaluation = Evaluation::empty();
    evaluate_into(&table, &case, as_of, &mut evaluation).ok()?;
    Some(
        evaluation
            .provningar
            .iter()
            .filter(|provning| provning.outcome == Outcome::Uppfyller)
            .count(),
    )
}
