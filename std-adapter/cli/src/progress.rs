//! The progress of a long run on the terminal: a spinner with the count, only when standard
//! error is a terminal.
//!
//! The library reports progress through its `Progress` trait and draws nothing; this is the
//! one place that knows indicatif.

use std::io::{self, IsTerminal};

use crate::texts;
use riktlinjer_library::batch::Progress;

/// A spinner with the count and the time taken, hidden when standard error is not a terminal.
///
/// It is drawn only from the thread that writes the worklist (no ticker thread): a drawing
/// thread of its own could wait for the lock on standard error while the command holds it.
#[derive(Debug)]
pub struct Spinner(indicatif::ProgressBar);

impl Spinner {
    /// A spinner counting `ärenden prövade`.
    pub fn new() -> Spinner {
        if !io::stderr().is_terminal() {
            return Spinner(indicatif::ProgressBar::hidden());
        }
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template(texts::ARENDEN_PROVADE) {
            bar.set_style(style);
        }
        Spinner(bar)
    }
}

impl Progress for Spinner {
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
