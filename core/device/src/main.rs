//! A minimal firmware for a Cortex-M4F that decodes an embedded compiled table and evaluates
//! one embedded case with riktlinjer-core: the core on a device, for real.
//!
//! It has its own panic handler, its own vector table and linker script (`device.x`), and no
//! runtime crate; the release profile in `Cargo.toml` (size-optimised, LTO, one codegen unit,
//! panic = abort) is the one the core's README recommends for a device, and the linker keeps
//! only the sections the reset handler reaches. `.ci/run` (step `device`) builds it, reports
//! its linked sizes, and runs it on an emulated board (QEMU's `mps2-an386`, a Cortex-M4) where
//! QEMU can be installed. The inputs go through `black_box`, so the optimiser cannot fold the
//! evaluation away. The outcome is reported over semihosting, which QEMU and a debug probe
//! understand, as the exit code: each prövning's outcome as a digit in base 5 (1 uppfyller,
//! 2 uppfyller inte, 3 lagen hindrar, 4 kräver individuell bedömning), first prövning lowest;
//! 251–254 say which step failed. The one `unsafe` block is that call.

#![no_std]
#![no_main]

use core::hint::black_box;

use riktlinjer_core::{Case, Date, Evaluation, Outcome, Table, evaluate_into};

/// The compiled table of the example kommun's riktlinje, as `riktlinjer compile` writes it.
static TABLE: &[u8] = include_bytes!("../../../tests/fixtures/exempelkommun.bin");

/// The case `examples/ansokningar-sol-och-lss.json`, bound to that table's catalogue and
/// written in postcard (`riktlinjer_case_to_postcard`; the C library's tests keep it current).
static CASE: &[u8] = include_bytes!("../ansokningar-sol-och-lss.postcard");

/// The day of prövning, 2026-02-15, as days since 1970-01-01.
static AS_OF: i32 = 20_499;

/// The reset vector: the address the processor starts at.
#[unsafe(link_section = ".vector_table.reset")]
#[used]
static RESET: extern "C" fn() -> ! = reset;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    exit(250)
}

/// Decodes the table, reads the case, evaluates it, and reports the outcomes.
#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    exit(black_box(run()))
}

/// The outcomes as the exit code described in the module doc.
fn run() -> u32 {
    let mut slot = None;
    let Ok(table) = Table::decode_into(black_box(TABLE), &mut slot) else {
        return 254;
    };
    let Ok(case) = postcard::from_bytes::<Case>(black_box(CASE)) else {
        return 253;
    };
    let Some(as_of) = Date::from_days(black_box(AS_OF)) else {
        return 252;
    };
    let mut evaluation = Evaluation::empty();
    if evaluate_into(table, &case, as_of, &mut evaluation).is_err() {
        return 251;
    }
    evaluation
        .provningar
        .iter()
        .take(3)
        .rev()
        .fold(0, |code, provning| {
            let digit = match provning.outcome {
                Outcome::Uppfyller => 1,
                Outcome::UppfyllerInte => 2,
                Outcome::LagenHindrar => 3,
                Outcome::KraverIndividuellBedomning => 4,
            };
            code * 5 + digit
        })
}

/// Ends the program with `code` through semihosting (`SYS_EXIT_EXTENDED`), then waits.
fn exit(code: u32) -> ! {
    /// ADP_Stopped_ApplicationExit: the program ended by itself.
    const APPLICATION_EXIT: u32 = 0x2_0026;
    let block = [APPLICATION_EXIT, code];
    // SAFETY: the semihosting call `bkpt 0xab` with operation 0x20 in r0 and the address of a
    // two-word block in r1, which lives across the call; it reads the block and writes r0.
    unsafe {
        core::arch::asm!(
            "bkpt #0xab",
            inout("r0") 0x20_u32 => _,
            in("r1") block.as_ptr(),
            options(nostack, readonly),
        );
    }
    loop {
        core::hint::spin_loop();
    }
}
