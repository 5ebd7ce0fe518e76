//! Where and how `riktlinjer serve` writes its log: the `tracing` subscriber, set up once.
//!
//! The server crate only emits events; this crate knows the terminal, so it chooses the form:
//! human lines (in colour on a terminal) or, with `--logg json`, one JSON object per line for a
//! log service. Both go to standard error, with the time in Swedish civil time and its offset,
//! as the audit log writes it. Events below INFO are dropped.
//! This module does not decide what is logged; the server's events say that.

use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::FormatTime;

/// The form of the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Lines for a person; coloured when `color` is set.
    Text {
        /// Whether to colour the level.
        color: bool,
    },
    /// One JSON object per line, its fields at the top level.
    Json,
}

/// The time of an event, as `riktlinjer_library::time::now` writes it.
#[derive(Clone, Copy, Debug)]
struct SwedishTime;

/// Installs the process's subscriber; a second call keeps the first.
pub fn init(format: LogFormat) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_timer(SwedishTime)
        .with_target(false)
        .with_max_level(tracing::Level::INFO);
    let _ = match format {
        LogFormat::Text { color } => builder.with_ansi(color).try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .try_init(),
    };
}

impl FormatTime for SwedishTime {
    fn format_time(&self, w: &mut Writer<'_>) -> std::fmt::Result {
        w.write_str(&riktlinjer_library::time::now())
    }
}
