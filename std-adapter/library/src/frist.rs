//! `riktlinjer frist`: the last day of a frist for dates given on the command line or streamed
//! on standard input, as Swedish text or as one JSON object per line.
//!
//! `frist overklagande` gives the last day to appeal (three weeks, 44 § förvaltningslagen),
//! moved to the next vardag under 2 § lagen (1930:173); `frist ivo` gives the day three months
//! after a beslut (or an avbrott) after which an ej verkställt beslut is reported to IVO.
//! The calendar arithmetic and the explanation of a move are the core's (`frist`, `holidays`):
//! this module parses dates, picks the period and writes the answer. It holds no holiday rule.
//! A stream goes on past a bad line: each is reported on standard error with its line number,
//! and the command ends with exit 2 if any line was bad.

use std::io::{self, BufRead, BufWriter, Write};

use riktlinjer_core::frist::{self, LastDay, Period};
use riktlinjer_core::{Date, Lag, Lagrum};
use serde::Serialize;
use utoipa::ToSchema;

use crate::io::io_text;
use crate::render::Format;
use crate::texts;

/// A date argument: a date, or `-` for dates on standard input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateInput {
    /// One date.
    Date(Date),
    /// One date per line on standard input.
    Stdin,
}

/// Why `riktlinjer frist` could not answer.
#[derive(Debug)]
pub enum FristError {
    /// `-` was given more than once.
    StdinTwice,
    /// A frist would end after 9999-12-31.
    OutOfRange {
        /// The day the frist is counted from.
        start: Date,
    },
    /// The avbrott lies before the beslut.
    AvbrottBeforeBeslut {
        /// The avbrott.
        avbrott: Date,
        /// The beslutsdatum.
        beslutsdatum: Date,
    },
    /// Standard input could not be read.
    Stdin(io::Error),
    /// Standard output could not be written.
    Output(io::Error),
}

impl std::fmt::Display for FristError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FristError::StdinTwice => f.write_str(texts::STANDARD_IN_KAN_BARA),
            FristError::OutOfRange { start } => {
                write!(f, "{}", texts::fristen_fran_slutar_efter(start))
            }
            FristError::AvbrottBeforeBeslut {
                avbrott,
                beslutsdatum,
            } => write!(
                f,
                "{}",
                texts::avbrottet_ligger_fore_beslutsdatum(avbrott, beslutsdatum)
            ),
            FristError::Stdin(error) => write!(f, "standard in: {}", io_text(error)),
            FristError::Output(error) => write!(f, "{}", texts::standard_ut(io_text(error))),
        }
    }
}

impl std::error::Error for FristError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FristError::Stdin(error) | FristError::Output(error) => Some(error),
            _ => None,
        }
    }
}

/// The answer for one överklagande, as JSON writes it (the CLI and the API alike); its field
/// docs are the OpenAPI document's descriptions, so they are in Swedish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = OverklagandeSvar, description = "Sista dag att överklaga, som `riktlinjer frist overklagande --format json` ger den.")]
pub struct Overklagande {
    /// Dagen beslutet delgavs.
    #[schema(format = Date)]
    pub delgiven: String,
    /// Sista dag överklagandet får komma in, efter flytt enligt 2 § lagen (1930:173).
    #[schema(format = Date)]
    pub sista_dag: String,
    /// Tre veckor enligt 1 § lagen (1930:173), före flytt.
    #[schema(format = Date)]
    pub nominell_sista_dag: String,
    /// Om sista dagen flyttades till nästa vardag.
    pub flyttad: bool,
    /// Varför dagen blir den den blir, på svenska.
    pub skal: String,
    /// Bestämmelsen som ger fristen.
    pub lagrum: &'static str,
}

/// The answer for one IVO frist, as JSON writes it (the CLI and the API alike).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = IvoSvar, description = "När ett ej verkställt beslut ska rapporteras, som `riktlinjer frist ivo --format json` ger det.")]
pub struct IvoFrist {
    /// Beslutsdatum.
    #[schema(format = Date)]
    pub beslutsdatum: String,
    /// Avbrottet som fristen räknas från; saknas utan avbrott.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = Date)]
    pub avbrott: Option<String>,
    /// Sista dagen av de tre månaderna (flyttas inte till vardag).
    #[schema(format = Date)]
    pub frist_slut: String,
    /// Första dagen beslutet ska rapporteras om det fortfarande inte är verkställt.
    #[schema(format = Date)]
    pub rapporteras_fran: String,
    /// Kvartalet vars rapport tar upp det, `ÅÅÅÅQn`.
    pub kvartal: String,
    /// Bestämmelsen för rapporteringen.
    pub lagrum: String,
    /// Varför, på svenska.
    pub skal: String,
}

/// Parses a date argument: `-` or a date.
///
/// # Errors
/// The Swedish message naming the text when it is not a date.
pub fn parse_date_input(text: &str) -> Result<DateInput, String> {
    if text == "-" {
        Ok(DateInput::Stdin)
    } else {
        parse_date(text).map(DateInput::Date)
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|error| format!("datumet {}", crate::texts::date_fault(error)))
}

/// How a stream of dates went: every line read is answered, blank or bad.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Lines read from standard input.
    pub n_lines: usize,
    /// Lines that could not be read as a date (each reported on `err` with its number).
    pub n_bad: usize,
    /// Blank lines, skipped.
    pub n_blank: usize,
}

/// The last day to appeal for each of `inputs`, written to `out` in `format`; `-` reads one
/// date per line from `stdin`, going on past a bad line (reported on `err` with its number).
/// A closed output pipe ends the stream early, without an error.
///
/// # Errors
/// A [`FristError`] for `-` given twice, a frist past 9999-12-31 of a date given directly, or an
/// I/O error on `stdin` or `out`.
pub fn overklagande(
    inputs: &[DateInput],
    format: Format,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<StreamSummary, FristError> {
    let n_stdin = inputs
        .iter()
        .filter(|input| **input == DateInput::Stdin)
        .count();
    if n_stdin > 1 {
        return Err(FristError::StdinTwice);
    }
    let mut out = BufWriter::new(out);
    let mut n_lines = 0usize;
    let mut n_bad = 0usize;
    let mut n_blank = 0usize;
    let summary = |n_lines, n_bad, n_blank| StreamSummary {
        n_lines,
        n_bad,
        n_blank,
    };
    for input in inputs {
        match *input {
            DateInput::Date(delgiven) => {
                let last = last_day_to_appeal(delgiven)?;
                if !write_answer(&mut out, format, delgiven, &last)? {
                    return Ok(summary(n_lines, n_bad, n_blank));
                }
            }
            DateInput::Stdin => {
                let mut line = Vec::new();
                loop {
                    line.clear();
                    let read = stdin
                        .read_until(b'\n', &mut line)
                        .map_err(FristError::Stdin)?;
                    if read == 0 {
                        break;
                    }
                    n_lines += 1;
                    // A byte-order mark (as some editors write) is not part of the first date.
                    let text = match line.strip_prefix("\u{feff}".as_bytes()) {
                        Some(rest) if n_lines == 1 => rest,
                        _ => &line[..],
                    };
                    let answer = std::str::from_utf8(text)
                        .map_err(|_| texts::RADEN_AR_INTE_GILTIG.to_owned())
                        .map(str::trim)
                        .and_then(|text| {
                            if text.is_empty() {
                                return Ok(None);
                            }
                            let delgiven = parse_date(text)?;
                            last_day_to_appeal(delgiven)
                                .map(|last| Some((delgiven, last)))
                                .map_err(|error| error.to_string())
                        });
                    match answer {
                        Ok(None) => n_blank += 1,
                        Ok(Some((delgiven, last))) => {
                            if !write_answer(&mut out, format, delgiven, &last)? {
                                return Ok(summary(n_lines, n_bad, n_blank));
                            }
                        }
                        Err(message) => {
                            n_bad += 1;
                            let _ =
                                writeln!(err, "{}", texts::fel_standard_in_rad(n_lines, &message));
                        }
                    }
                }
            }
        }
    }
    if !flush(&mut out)? {
        return Ok(summary(n_lines, n_bad, n_blank));
    }
    if n_bad > 0 {
        let rader = if n_lines == 1 { "rad" } else { "rader" };
        let n_answered = n_lines.saturating_sub(n_bad).saturating_sub(n_blank);
        let blank = match n_blank {
            0 => String::new(),
            1 => texts::TOM_RAD_HOPPADES_OVER.to_owned(),
            n => texts::tomma_rader_hoppades_over(n),
        };
        let _ = writeln!(
            err,
            "{}",
            texts::fel_av_pa_standard(n_bad, n_lines, rader, n_answered, &blank)
        );
    }
    Ok(summary(n_lines, n_bad, n_blank))
}

/// The överklagande frist for a beslut delgiven on `delgiven`.
///
/// # Errors
/// [`FristError::OutOfRange`] when the last day would be after 9999-12-31.
pub fn overklagande_of(delgiven: Date) -> Result<Overklagande, FristError> {
    last_day_to_appeal(delgiven).map(|last| Overklagande::new(delgiven, &last))
}

fn last_day_to_appeal(delgiven: Date) -> Result<LastDay, FristError> {
    frist::last_day(delgiven, Period::Veckor(3)).ok_or(FristError::OutOfRange { start: delgiven })
}

impl Overklagande {
    fn new(delgiven: Date, last: &LastDay) -> Overklagande {
        let skal = match last.move_reason() {
            Some(reason) => reason.to_string(),
            None => texts::ar_en_vardag_fristen(last.sista_dag, last.sista_dag.weekday().name()),
        };
        Overklagande {
            delgiven: delgiven.to_string(),
            sista_dag: last.sista_dag.to_string(),
            nominell_sista_dag: last.nominal.to_string(),
            flyttad: last.moved_because.is_some(),
            skal,
            lagrum: Lagrum::Fl44.text(),
        }
    }
}

/// The answer as a sentence for a handläggare.
fn overklagande_text(delgiven: Date, last: &LastDay) -> String {
    let mut text = texts::delgiven_overklagandet_ska_ha(
        delgiven.weekday().name(),
        last.sista_dag.weekday().name(),
        last.sista_dag,
        delgiven,
    );
    let lagrum = Lagrum::Fl44.text();
    match last.moved_because {
        Some(kind) => text.push_str(&texts::tre_veckor_slutar_som(
            last.nominal.weekday().name(),
            last.nominal,
            lagrum,
            kind,
        )),
        None => text.push_str(&texts::tre_veckor(lagrum)),
    }
    text
}

/// Writes one answer; `Ok(false)` when the reader has closed the pipe.
fn write_answer(
    out: &mut dyn Write,
    format: Format,
    delgiven: Date,
    last: &LastDay,
) -> Result<bool, FristError> {
    let line = match format {
        Format::Json => {
            serde_json::to_string(&Overklagande::new(delgiven, last)).unwrap_or_default()
        }
        Format::Text => overklagande_text(delgiven, last),
    };
    written(writeln!(out, "{line}"))
}

fn written(result: io::Result<()>) -> Result<bool, FristError> {
    match result {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(error) => Err(FristError::Output(error)),
    }
}

fn flush(out: &mut dyn Write) -> Result<bool, FristError> {
    written(out.flush())
}

/// The IVO frist of one beslut, written to `out` in `format`.
///
/// # Errors
/// As [`ivo_of`], or [`FristError::Output`] when `out` cannot be written.
pub fn ivo(
    beslutsdatum: Date,
    avbrott: Option<Date>,
    lag: Option<Lag>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), FristError> {
    let answer = ivo_of(beslutsdatum, avbrott, lag)?;
    let text = match format {
        Format::Json => serde_json::to_string(&answer).unwrap_or_default(),
        Format::Text => answer.skal.clone(),
    };
    written(writeln!(out, "{text}"))?;
    Ok(())
}

/// The IVO frist of each beslut in `inputs`, written to `out` in `format`, one line per beslut;
/// `-` reads one beslut per line from `stdin`: its beslutsdatum, and, after a `;`, the day its
/// verkställighet was avbruten. A bad line is reported on `err` with its number, and the stream
/// goes on; a closed output pipe ends it early, without an error.
///
/// # Errors
/// A [`FristError`] for `-` given twice, a fault in a date given directly (as [`ivo_of`]), or
/// an I/O error on `stdin` or `out`.
pub fn ivo_stream(
    inputs: &[DateInput],
    avbrott: Option<Date>,
    lag: Option<Lag>,
    format: Format,
    (stdin, out, err): (&mut dyn BufRead, &mut dyn Write, &mut dyn Write),
) -> Result<StreamSummary, FristError> {
    if inputs
        .iter()
        .filter(|input| **input == DateInput::Stdin)
        .count()
        > 1
    {
        return Err(FristError::StdinTwice);
    }
    let mut out = BufWriter::new(out);
    let mut summary = StreamSummary::default();
    let render = |answer: &IvoFrist| match format {
        Format::Json => serde_json::to_string(answer).unwrap_or_default(),
        Format::Text => answer.skal.clone(),
    };
    for input in inputs {
        let DateInput::Date(beslutsdatum) = *input else {
            let mut line = Vec::new();
            loop {
                line.clear();
                if stdin
                    .read_until(b'\n', &mut line)
                    .map_err(FristError::Stdin)?
                    == 0
                {
                    break;
                }
                summary.n_lines += 1;
                let text = match line.strip_prefix("\u{feff}".as_bytes()) {
                    Some(rest) if summary.n_lines == 1 => rest,
                    _ => &line[..],
                };
                let answer = std::str::from_utf8(text)
                    .map_err(|_| texts::RADEN_AR_INTE_GILTIG.to_owned())
                    .map(str::trim)
                    .and_then(|text| ivo_line(text, lag));
                match answer {
                    Ok(None) => summary.n_blank += 1,
                    Ok(Some(answer)) => {
                        if !written(writeln!(out, "{}", render(&answer)))? {
                            return Ok(summary);
                        }
                    }
                    Err(message) => {
                        summary.n_bad += 1;
                        let _ = writeln!(
                            err,
                            "{}",
                            texts::fel_standard_in_rad(summary.n_lines, &message)
                        );
                    }
                }
            }
            continue;
        };
        let answer = ivo_of(beslutsdatum, avbrott, lag)?;
        if !written(writeln!(out, "{}", render(&answer)))? {
            return Ok(summary);
        }
    }
    if !flush(&mut out)? {
        return Ok(summary);
    }
    if summary.n_bad > 0 {
        let _ = writeln!(
            err,
            "{}",
            texts::fel_av_rader_pa(
                summary.n_bad,
                summary.n_lines,
                summary.n_lines - summary.n_bad - summary.n_blank
            )
        );
    }
    Ok(summary)
}

/// One line of `frist ivo -`: `BESLUTSDATUM` or `BESLUTSDATUM;AVBROTT`; `None` for a blank
/// line. The message names the part of the line, never its text.
fn ivo_line(text: &str, lag: Option<Lag>) -> Result<Option<IvoFrist>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut parts = text.split(';').map(str::trim);
    let beslutsdatum = parse_date(parts.next().unwrap_or_default())
        .map_err(|message| format!("beslutsdatum: {message}"))?;
    let avbrott = match parts.next() {
        None | Some("") => None,
        Some(part) => Some(parse_date(part).map_err(|message| format!("avbrott: {message}"))?),
    };
    if parts.next().is_some() {
        return Err(texts::RADEN_SKA_VARA_ETT.to_owned());
    }
    ivo_of(beslutsdatum, avbrott, lag)
        .map(Some)
        .map_err(|error| error.to_string())
}

/// When an ej verkställt beslut is reportable: three months from `beslutsdatum`, or from
/// `avbrott` when verkställigheten was avbruten (SoL 34 kap. 1 §, LSS 28 f §).
///
/// The three months end on the same date number, or on the month's last day (lag (1930:173)
/// 1 §); 2 § does not move them, because they are a limit for reporting, not a day by which a
/// party must act (see `riktlinjer_core::FristKind`).
///
/// # Errors
/// [`FristError::AvbrottBeforeBeslut`], or [`FristError::OutOfRange`] past 9999-12-31.
pub fn ivo_of(
    beslutsdatum: Date,
    avbrott: Option<Date>,
    lag: Option<Lag>,
) -> Result<IvoFrist, FristError> {
    if let Some(avbrott) = avbrott
        && avbrott < beslutsdatum
    {
        return Err(FristError::AvbrottBeforeBeslut {
            avbrott,
            beslutsdatum,
        });
    }
    let start = avbrott.unwrap_or(beslutsdatum);
    let out_of_range = FristError::OutOfRange { start };
    let Some(frist_slut) = frist::nominal_last_day(start, Period::Manader(3)) else {
        return Err(out_of_range);
    };
    let Some(rapporteras_fran) = frist_slut.add_days(1) else {
        return Err(out_of_range);
    };
    let lagrum = ivo_lagrum(lag, rapporteras_fran);
    let quarter = (rapporteras_fran.month() - 1) / 3 + 1;
    let kvartal = format!("{}Q{quarter}", rapporteras_fran.year());
    let clamp = if frist_slut.day() == start.day() {
        String::new()
    } else {
        texts::den_e_finns_inte(
            start.day(),
            MONTHS
                .get(usize::from(frist_slut.month()).saturating_sub(1))
                .copied()
                .unwrap_or("månaden"),
        )
    };
    let (from, not_done) = match avbrott {
        Some(avbrott) => (
            format!("avbrottet {avbrott} (beslut {beslutsdatum})"),
            texts::HAR_VERKSTALLIGHETEN_INTE_ATERUPPTAGITS,
        ),
        None => (
            format!("beslutet {beslutsdatum}"),
            texts::AR_BESLUTET_INTE_VERKSTALLT,
        ),
    };
    let skal = texts::tre_manader_fran_slutar(
        &from,
        frist_slut,
        &clamp,
        not_done,
        &lagrum,
        rapporteras_fran,
        quarter,
    );
    Ok(IvoFrist {
        beslutsdatum: beslutsdatum.to_string(),
        avbrott: avbrott.map(|avbrott| avbrott.to_string()),
        frist_slut: frist_slut.to_string(),
        rapporteras_fran: rapporteras_fran.to_string(),
        kvartal,
        lagrum,
        skal,
    })
}

/// The lagrum of the report, as the core chooses it for its own frister: SoL (2025:400) from
/// the day it came into force, SoL (2001:453) before (övergångsbestämmelserna till SoL (2025:400)), LSS 28 f § throughout;
/// both laws when the command was not told which.
fn ivo_lagrum(lag: Option<Lag>, on: Date) -> String {
    let text = |lag| riktlinjer_core::case_frister::ej_verkstallt_lagrum(Some(lag), on).text();
    match lag {
        Some(lag) => text(lag).to_owned(),
        None => texts::eller(text(Lag::SoL), text(Lag::Lss)),
    }
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    fn run_overklagande(dates: &[&str], stdin: &[u8]) -> (String, String, StreamSummary) {
        let inputs: Vec<DateInput> = dates
            .iter()
            .filter_map(|text| parse_date_input(text).ok())
            .collect();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let summary = overklagande(&inputs, Format::Json, &mut &stdin[..], &mut out, &mut err)
            .unwrap_or_else(|error| panic!("{error}"));
        (
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
            summary,
        )
    }

    #[test]
    fn julafton_moves_to_the_29th() {
        let answer = overklagande_of(d("2025-12-03")).ok();
        assert_eq!(
            answer.as_ref().map(|a| (a.sista_dag.as_str(), a.flyttad)),
            Some(("2025-12-29", true))
        );
        assert_eq!(
            answer.map(|a| a.skal),
            Some("2025-12-24 är julafton; fristen flyttas till nästa vardag, 2025-12-29".into())
        );
    }

    #[test]
    fn a_stream_goes_on_past_bad_lines() {
        let (out, err, summary) = run_overklagande(
            &["2025-12-12", "-"],
            b"2025-12-03\r\n\n2025-06-31\n\xff\n9999-12-25\n2026-12-10",
        );
        assert_eq!(out.lines().count(), 3, "{out}");
        assert!(out.contains("\"sista_dag\":\"2027-01-04\""), "{out}");
        assert!(
            err.contains("rad 3: datumet är inget giltigt datum: dagen finns inte i månaden"),
            "{err}"
        );
        assert!(
            err.contains("rad 4: raden är inte giltig UTF-8-text"),
            "{err}"
        );
        assert!(
            err.contains("rad 5: fristen från 9999-12-25 slutar efter"),
            "{err}"
        );
        assert!(err.contains("3 av 6 rader"), "{err}");
        assert_eq!(
            summary,
            StreamSummary {
                n_lines: 6,
                n_bad: 3,
                n_blank: 1
            }
        );
    }

    #[test]
    fn stdin_only_once() {
        let inputs = [DateInput::Stdin, DateInput::Stdin];
        let result = overklagande(
            &inputs,
            Format::Text,
            &mut "".as_bytes(),
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert!(matches!(result, Err(FristError::StdinTwice)));
    }

    #[test]
    fn ivo_frister_of_the_oracle() {
        let check = |beslut: &str, avbrott: Option<&str>, slut: &str, kvartal: &str| {
            let answer = ivo_of(d(beslut), avbrott.map(d), Some(Lag::SoL)).ok();
            assert_eq!(
                answer
                    .as_ref()
                    .map(|a| (a.frist_slut.as_str(), a.kvartal.as_str())),
                Some((slut, kvartal)),
                "{beslut}"
            );
        };
        check("2025-10-15", None, "2026-01-15", "2026Q1");
        check("2025-03-31", None, "2025-06-30", "2025Q3");
        check("2025-06-01", Some("2025-11-30"), "2026-02-28", "2026Q1");
        let old = ivo_of(d("2025-03-01"), None, Some(Lag::SoL)).ok();
        assert_eq!(
            old.map(|a| a.lagrum),
            Some("16 kap. 6 f § socialtjänstlagen (2001:453)".into())
        );
        let clamped = ivo_of(d("2025-03-31"), None, None).ok();
        let skal = clamped.map(|a| a.skal).unwrap_or_default();
        assert!(skal.contains("den 31:e finns inte i juni"), "{skal}");
        assert!(skal.contains("eller 28 f § LSS"), "{skal}");
        assert!(matches!(
            ivo_of(d("2025-03-31"), Some(d("2025-03-01")), None),
            Err(FristError::AvbrottBeforeBeslut { .. })
        ));
    }
}
