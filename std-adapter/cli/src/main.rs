//! The `riktlinjer` binary: parse the arguments, run the subcommand, map the result to an exit
//! code.
//!
//! This crate is the only one that knows clap, process exit codes and the terminal (colour,
//! progress bars, the form of the service's log); every subcommand is a plain function over the
//! library crates (`command`).
//! 0 means all went well, 1 that a check found problems, 2 a usage or I/O error.

mod args;
mod command;
mod logging;
mod progress;
mod texts;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything went well.
    Ok = 0,
    /// A check found problems.
    Problems = 1,
    /// A usage or I/O error.
    Error = 2,
}

fn main() -> ExitCode {
    let cli = match args::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err((message, exit)) => {
            if exit == Exit::Ok {
                let _ = std::io::stdout().write_all(message.as_bytes());
            } else {
                let _ = std::io::stderr().write_all(message.as_bytes());
            }
            return ExitCode::from(exit as u8);
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // The handles are passed unlocked, so each write takes the lock only for itself: a command
    // holding stderr's lock throughout would make any other thread that writes to it (a panic
    // message, a progress bar) wait forever.
    let command = move || command::run(cli, &mut std::io::stdout(), &mut std::io::stderr(), color);
    // The command runs on a thread with room for the core's tables: a decoded table is a value
    // of fixed-capacity lists, some 550 KiB on a 64-bit machine, which an unoptimised build
    // copies several times a frame, past the 8 MiB of the main thread. Only the stack that is
    // used is ever touched.
    let exit = match std::thread::Builder::new()
        .name("riktlinjer".to_owned())
        .stack_size(COMMAND_STACK)
        .spawn(command)
    {
        Ok(thread) => thread.join().unwrap_or(Exit::Error),
        Err(error) => {
            let _ = std::io::stderr().write_all(texts::ingen_trad(&error).as_bytes());
            Exit::Error
        }
    };
    ExitCode::from(exit as u8)
}

/// The stack of the thread a command runs on.
const COMMAND_STACK: usize = 64 << 20;
