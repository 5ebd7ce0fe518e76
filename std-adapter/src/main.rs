//! The `riktlinjer` binary: parse the arguments, run, and map the result to an exit code.
//!
//! Everything else is in the library (`riktlinjer::cli`).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match riktlinjer::cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err((message, exit)) => {
            if exit == riktlinjer::cli::Exit::Ok {
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
    let exit = riktlinjer::cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr(), color);
    ExitCode::from(exit as u8)
}
