//! `riktlinjer loggkontroll`: the audit log read for the nämnd's loggkontroll (who looked at
//! which case), per handläggare and period, as text, CSV for Swedish Excel, or HTML.
//!
//! For each handläggare (or, where none was named, the calling system) and period the report
//! counts the prövningar and lists the cases by the reference the log holds (the keyed
//! `arende_ref`, or the case id of a log written without a key); cases of persons with
//! skyddade personuppgifter are flagged, since a look at them is what a loggkontroll asks about
//! first. Unusual volumes are flagged by [`Thresholds`], whose defaults are documented there
//! and in docs/drift.md.
//! The report also says whether the log's hash chain is whole (`audit::verify`), since a report
//! from a log that was changed proves nothing.
//! Nothing here writes the log or evaluates a case.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::path::PathBuf;

use riktlinjer_core::Date;
use riktlinjer_library::io::io_text;

use crate::audit::{self, Record, VerifyOptions};
use crate::texts;

/// What `loggkontroll` is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The audit logs, in the order they were written.
    pub logs: Vec<PathBuf>,
    /// The first day to include (the day of the line's `tid`); without it, from the start.
    pub fran: Option<Date>,
    /// The last day to include; without it, to the end.
    pub till: Option<Date>,
    /// How the days are grouped.
    pub period: Period,
    /// When a volume is unusual.
    pub thresholds: Thresholds,
    /// The report's form.
    pub format: Format,
}

/// How the days of the report are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Each day (`2026-02-01`).
    Dag,
    /// Each ISO week (`2026-V05`).
    Vecka,
    /// Each month (`2026-02`).
    Manad,
}

/// The report's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text to read.
    Text,
    /// CSV for Swedish Excel: semicolons, UTF-8 with a byte-order mark, CRLF.
    Csv,
    /// A standalone HTML page to file with the nämnd's loggkontroll.
    Html,
}

/// When a handläggare's volume is flagged as unusual.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// More prövningar than this on one day. Default 100: a handläggare prövar a few ärenden
    /// an hour, so a hundred in a day is beyond what reading the cases allows.
    pub provningar_per_dag: usize,
    /// More distinct cases of persons with skyddade personuppgifter than this in one period.
    /// Default 2: such persons are few in a kommun, and a handläggare seldom has more than one
    /// or two of them.
    pub skyddade_per_period: usize,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            provningar_per_dag: 100,
            skyddade_per_period: 2,
        }
    }
}

/// Why the report could not be made.
#[derive(Debug)]
pub enum LoggkontrollError {
    /// A log could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl fmt::Display for LoggkontrollError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoggkontrollError::Io { path, source } => {
                write!(f, "{}: {}", path.display(), io_text(source))
            }
        }
    }
}

impl std::error::Error for LoggkontrollError {}

/// What the report found, for the exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines counted (inside the period).
    pub provningar: usize,
    /// Lines that could not be read as records, and were not counted.
    pub olasta: usize,
    /// Rows (handläggare and period) flagged as unusual.
    pub flaggade: usize,
    /// Whether the hash chain of the logs is whole.
    pub kedjan_hel: bool,
}

/// One handläggare's (or calling system's) period.
#[derive(Clone, Debug, Default)]
struct Cell {
    provningar: usize,
    /// Prövningar per day, for the daily threshold.
    per_dag: BTreeMap<String, usize>,
    /// Each case's reference, its prövningar and whether the person is skyddad.
    arenden: BTreeMap<String, (usize, bool)>,
    /// Prövningar whose line names no case.
    utan_arende: usize,
}

/// Who asked: the handläggare, and the calling system.
type Who = (Option<String>, Option<String>);

/// Reads the logs and writes the report to `out`.
///
/// # Errors
/// A [`LoggkontrollError`] when a log cannot be read.
pub fn run(options: &Options, out: &mut dyn Write) -> Result<Summary, LoggkontrollError> {
    let mut cells: BTreeMap<(Who, String), Cell> = BTreeMap::new();
    let mut summary = Summary::default();
    for log in &options.logs {
        let io_error = |source| LoggkontrollError::Io {
            path: log.clone(),
            source,
        };
        // Read a line at a time: a year of log need not fit in memory.
        let mut reader = io::BufReader::new(std::fs::File::open(log).map_err(io_error)?);
        let mut buffer = Vec::new();
        loop {
            buffer.clear();
            if io::BufRead::read_until(&mut reader, b'\n', &mut buffer).map_err(io_error)? == 0 {
                break;
            }
            let raw: &[u8] = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
            if raw.is_empty() {
                continue;
            }
            let record = std::str::from_utf8(raw)
                .ok()
                .and_then(|line| audit::read_record(line).ok());
            let Some(record) = record else {
                summary.olasta += 1;
                continue;
            };
            let Some(day) = record.tid.get(..10).and_then(|day| Date::parse(day).ok()) else {
                summary.olasta += 1;
                continue;
            };
            if options.fran.is_some_and(|fran| day < fran)
                || options.till.is_some_and(|till| day > till)
            {
                continue;
            }
            summary.provningar += 1;
            add(&mut cells, &record, day, options.period);
        }
    }
    let verify = VerifyOptions {
        logs: options.logs.clone(),
        ..VerifyOptions::default()
    };
    let chain = audit::verify(&verify, &mut io::sink()).ok();
    summary.kedjan_hel = chain.as_ref().is_some_and(|tally| tally.problems == 0);
    let chain_text = match chain.and_then(|tally| tally.forsta_fel) {
        None if summary.kedjan_hel => texts::HASHKEDJAN_AR_HEL.to_owned(),
        None => texts::HASHKEDJAN_KUNDE_INTE_KONTROLLERAS.to_owned(),
        Some((file, line)) => texts::hashkedjan_bryts_eller_en(
            &(if options.logs.len() > 1 {
                format!(
                    " i {}",
                    options
                        .logs
                        .get(file)
                        .map(|path| path.display().to_string())
                        .unwrap_or_default()
                )
            } else {
                String::new()
            }),
            line,
        ),
    };
    let rows: Vec<Row> = cells
        .into_iter()
        .map(|((who, period), cell)| Row::of(who, period, cell, options.thresholds))
        .collect();
    summary.flaggade = rows.iter().filter(|row| !row.flaggor.is_empty()).count();
    let heading = Heading {
        options,
        summary: &summary,
        chain: &chain_text,
    };
    let text = match options.format {
        Format::Text => text(&heading, &rows),
        Format::Csv => csv(&rows),
        Format::Html => html(&heading, &rows),
    };
    out.write_all(text.as_bytes())
        .map_err(|source| LoggkontrollError::Io {
            path: PathBuf::from(texts::STANDARD_UT),
            source,
        })?;
    Ok(summary)
}

fn add(cells: &mut BTreeMap<(Who, String), Cell>, record: &Record, day: Date, period: Period) {
    let who = (record.handlaggare.clone(), record.anropare.clone());
    let cell = cells.entry((who, period_of(day, period))).or_default();
    cell.provningar += 1;
    *cell.per_dag.entry(day.to_string()).or_default() += 1;
    match record.arende_ref.as_ref().or(record.arende_id.as_ref()) {
        Some(reference) => {
            let entry = cell.arenden.entry(reference.clone()).or_default();
            entry.0 += 1;
            entry.1 |= record.skyddad;
        }
        None => cell.utan_arende += 1,
    }
}

/// The period `day` belongs to, as the report names it.
fn period_of(day: Date, period: Period) -> String {
    match period {
        Period::Dag => day.to_string(),
        Period::Manad => format!("{:04}-{:02}", day.year(), day.month()),
        Period::Vecka => {
            // ISO 8601: the week belongs to the year of its Thursday.
            let monday_index = (day.days() + 3).rem_euclid(7);
            let thursday = day.add_days(3 - monday_index).unwrap_or(day);
            let first = Date::from_ymd(thursday.year(), 1, 1).unwrap_or(thursday);
            let week = first.days_until(thursday) / 7 + 1;
            format!("{:04}-V{week:02}", thursday.year())
        }
    }
}

/// One row of the report: who, the period, the counts and the flags.
struct Row {
    handlaggare: String,
    anropare: String,
    period: String,
    provningar: usize,
    arenden: Vec<(String, usize, bool)>,
    utan_arende: usize,
    flaggor: Vec<String>,
}

impl Row {
    fn of(who: Who, period: String, cell: Cell, thresholds: Thresholds) -> Row {
        let mut flaggor = Vec::new();
        let n_skyddade = cell
            .arenden
            .values()
            .filter(|(_, skyddad)| *skyddad)
            .count();
        if n_skyddade > 0 {
            flaggor.push(texts::arenden_med_skyddade_personuppgifter(n_skyddade));
        }
        if n_skyddade > thresholds.skyddade_per_period {
            flaggor.push(texts::ovanligt_manga_arenden_med(
                thresholds.skyddade_per_period,
            ));
        }
        let busiest = cell
            .per_dag
            .iter()
            .max_by_key(|(_, count)| **count)
            .filter(|(_, count)| **count > thresholds.provningar_per_dag);
        if let Some((day, count)) = busiest {
            flaggor.push(texts::ovanligt_manga_provningar_den(
                thresholds.provningar_per_dag,
                count,
                day,
            ));
        }
        Row {
            handlaggare: who
                .0
                .unwrap_or_else(|| texts::INGEN_HANDLAGGARE_ANGIVEN.to_owned()),
            anropare: who.1.unwrap_or_else(|| texts::UTAN_TOKEN.to_owned()),
            period,
            provningar: cell.provningar,
            arenden: cell
                .arenden
                .into_iter()
                .map(|(reference, (count, skyddad))| (reference, count, skyddad))
                .collect(),
            utan_arende: cell.utan_arende,
            flaggor,
        }
    }
}

struct Heading<'a> {
    options: &'a Options,
    summary: &'a Summary,
    chain: &'a str,
}

impl Heading<'_> {
    fn period_text(&self) -> String {
        let from = self
            .options
            .fran
            .map_or_else(|| texts::LOGGENS_BORJAN.to_owned(), |date| date.to_string());
        let till = self
            .options
            .till
            .map_or_else(|| texts::LOGGENS_SLUT.to_owned(), |date| date.to_string());
        format!("{from} – {till}")
    }

    fn lines(&self) -> Vec<String> {
        let logs: Vec<String> = self
            .options
            .logs
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        let mut lines = vec![
            format!("Granskningslogg: {}", logs.join(", ")),
            format!("Tid: {}", self.period_text()),
            texts::provningar_rader_kunde_inte(
                self.summary.provningar,
                self.summary.olasta,
                self.chain,
            ),
            texts::flaggas_arenden_med_skyddade(
                self.options.thresholds.skyddade_per_period,
                self.options.thresholds.provningar_per_dag,
            ),
        ];
        if self.summary.provningar > 0 {
            lines.push(texts::ARENDENA_ANGES_MED_LOGGENS.to_owned());
        }
        lines
    }
}

fn text(heading: &Heading<'_>, rows: &[Row]) -> String {
    let mut out = String::from("Loggkontroll\n");
    for line in heading.lines() {
        let _ = writeln!(out, "{line}");
    }
    for row in rows {
        let _ = writeln!(
            out,
            "{}",
            texts::via_provningar_av_arenden(
                &row.handlaggare,
                &row.anropare,
                &row.period,
                row.provningar,
                row.arenden.len()
            )
        );
        for flagga in &row.flaggor {
            let _ = writeln!(out, "  FLAGGA: {flagga}");
        }
        for (reference, count, skyddad) in &row.arenden {
            let mark = if *skyddad {
                texts::SKYDDADE_PERSONUPPGIFTER_MARKERING
            } else {
                ""
            };
            let _ = writeln!(out, "  {reference}: {count}{mark}");
        }
        if row.utan_arende > 0 {
            let _ = writeln!(out, "{}", texts::utan_arende(row.utan_arende));
        }
    }
    out
}

fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}");
    csv_line(
        &mut out,
        &[
            "handläggare",
            "anropare",
            "period",
            "ärende",
            "prövningar",
            texts::SKYDDADE_PERSONUPPGIFTER,
            "flaggor",
        ],
    );
    for row in rows {
        let flaggor = row.flaggor.join(", ");
        for (reference, count, skyddad) in &row.arenden {
            csv_line(
                &mut out,
                &[
                    &row.handlaggare,
                    &row.anropare,
                    &row.period,
                    reference,
                    &count.to_string(),
                    if *skyddad { "ja" } else { "nej" },
                    &flaggor,
                ],
            );
        }
        if row.utan_arende > 0 {
            csv_line(
                &mut out,
                &[
                    &row.handlaggare,
                    &row.anropare,
                    &row.period,
                    "",
                    &row.utan_arende.to_string(),
                    "nej",
                    &flaggor,
                ],
            );
        }
    }
    out
}

/// One CSV line with semicolons and CRLF; a cell with `;`, `"` or a line break is quoted, and
/// a cell that a spreadsheet would read as a formula gets a leading `'`.
fn csv_line(out: &mut String, cells: &[&str]) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(';');
        }
        let cell = if cell.starts_with(['=', '+', '-', '@']) {
            format!("'{cell}")
        } else {
            (*cell).to_owned()
        };
        if cell.contains([';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

fn html(heading: &Heading<'_>, rows: &[Row]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>Loggkontroll</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em;text-align:left;vertical-align:top}.flagga{color:#a00;font-weight:bold}code{font-size:.85em}</style>\n</head>\n<body>\n<h1>Loggkontroll</h1>\n",
    );
    for line in heading.lines() {
        let _ = writeln!(out, "<p>{}</p>", escape(&line));
    }
    out.push_str("<table>\n<tr><th>Handläggare</th><th>Anropare</th><th>Period</th><th>Prövningar</th><th>Ärenden</th><th>Flaggor</th></tr>\n");
    for row in rows {
        let arenden: Vec<String> = row
            .arenden
            .iter()
            .map(|(reference, count, skyddad)| {
                format!(
                    "<code>{}</code>: {count}{}",
                    escape(reference),
                    if *skyddad {
                        texts::SKYDDADE_PERSONUPPGIFTER_FLAGGA
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let flaggor: Vec<String> = row
            .flaggor
            .iter()
            .map(|flagga| format!("<span class=\"flagga\">{}</span>", escape(flagga)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&row.handlaggare),
            escape(&row.anropare),
            escape(&row.period),
            row.provningar,
            arenden.join("<br>"),
            flaggor.join("<br>")
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_belong_to_the_year_of_their_thursday() {
        let week = |y, m, d| period_of(Date::from_ymd(y, m, d).unwrap_or(Date::MIN), Period::Vecka);
        assert_eq!(week(2026, 1, 1), "2026-V01");
        assert_eq!(week(2027, 1, 1), "2026-V53");
        assert_eq!(week(2024, 12, 30), "2025-V01");
        assert_eq!(week(2026, 2, 1), "2026-V05");
        assert_eq!(
            period_of(
                Date::from_ymd(2026, 2, 1).unwrap_or(Date::MIN),
                Period::Manad
            ),
            "2026-02"
        );
    }

    #[test]
    fn skyddade_and_busy_days_are_flagged_by_the_thresholds() {
        let mut cell = Cell::default();
        for index in 0..5 {
            cell.arenden.insert(format!("r{index}"), (1, index < 3));
        }
        cell.per_dag.insert("2026-02-02".to_owned(), 101);
        cell.provningar = 101;
        let row = Row::of(
            (Some("anna".to_owned()), Some("lifecare".to_owned())),
            "2026-02".to_owned(),
            cell,
            Thresholds::default(),
        );
        assert_eq!(row.flaggor.len(), 3, "{:?}", row.flaggor);
        assert!(row.flaggor[0].starts_with("3 ärenden med skyddade"));
        assert!(row.flaggor[2].contains("101 den 2026-02-02"));
        assert_eq!(row.handlaggare, "anna");
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        csv_line(&mut out, &["a;b", "=1+1", "c\"d", "e"]);
        assert_eq!(out, "\"a;b\";'=1+1;\"c\"\"d\";e\r\n");
    }
}
