//! Streaming many cases from one file: JSON Lines, CSV as Swedish spreadsheets write it, or a
//! JSON array.
//!
//! [`read_cases`] opens a file and yields one [`Record`] per case, in file order, with its line
//! number and either the case or the reason it was rejected, so a batch can account for every
//! record and go on past a bad one. Memory does not grow with the number of cases.
//!
//! **CSV.** The first row names the columns; the separator is `;` (as Swedish Excel writes it)
//! or `,`, detected from the header, and a UTF-8 byte order mark is skipped. The columns are the
//! case schema's field names: `arende_id`, the person's fields (`fodelsedatum`, `bor_ensam`, …),
//! the application's fields (`insats`, `ansokningsdatum`, `sokt_omfattning`, …) and the existing
//! decision's fields prefixed `beslut_` (`beslut_beslutsdatum`, `beslut_tills_vidare`, …).
//! One row is one case with one insats: it has an ansökan unless it only has `beslut_` values,
//! and a beslut on the same insats when any `beslut_` column has a value.
//! An empty cell is an unknown fact. Ja/nej cells take `ja`, `nej`, `true`, `false`, `1`, `0`
//! or `x`; sets (`behov`) are written `hemliv, trygghet` in one cell; numbers may use spaces as
//! thousands separators.
//! Reading one case from JSON text is `case_input`'s work; this module only splits and maps.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::{Map, Number, Value};

use crate::case_input::{self, ANSOKAN_FIELDS, CaseInput, InputError, PERSON_FIELDS};

/// One record of a case file.
#[derive(Debug)]
pub struct Record {
    /// The 1-based line where the record starts.
    pub line: usize,
    /// The case, or why it was rejected.
    pub result: Result<CaseInput, InputError>,
}

/// An iterator over the records of a case file.
pub struct CaseReader {
    inner: Inner,
}

enum Inner {
    Lines {
        lines: std::io::Lines<BufReader<Box<dyn Read>>>,
        line: usize,
    },
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        header: Vec<String>,
        done: bool,
    },
    Array {
        items: std::vec::IntoIter<Value>,
    },
}

impl std::fmt::Debug for CaseReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseReader")
    }
}

/// The kinds of case file, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseFormat {
    /// `.jsonl` or `.ndjson`: one case per line.
    JsonLines,
    /// `.csv`: one case per row.
    Csv,
    /// `.json`: one case, or an array of cases.
    Json,
}

impl CaseFormat {
    /// The format of `path`, by its extension.
    pub fn of(path: &Path) -> Option<CaseFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Some(CaseFormat::JsonLines),
            "csv" => Some(CaseFormat::Csv),
            "json" => Some(CaseFormat::Json),
            _ => None,
        }
    }
}

fn file_error(path: &Path, message: String) -> InputError {
    InputError {
        pointer: String::new(),
        column: None,
        message: format!("{}: {message}", path.display()),
    }
}

/// Opens a case file for streaming.
///
/// # Errors
/// An [`InputError`] when the file cannot be opened, its kind is unknown, or (CSV) its header
/// cannot be read.
pub fn read_cases(path: &Path) -> Result<CaseReader, InputError> {
    let format = CaseFormat::of(path).ok_or_else(|| {
        file_error(
            path,
            "okänd filtyp; använd .jsonl (JSON Lines), .csv eller .json".to_owned(),
        )
    })?;
    let file = File::open(path).map_err(|error| file_error(path, crate::cli::io_text(&error)))?;
    read_from(Box::new(file), format).map_err(|error| file_error(path, error.to_string()))
}

/// Streams cases of `format` from any reader (standard input, a test buffer).
///
/// # Errors
/// As [`read_cases`].
pub fn read_from(source: Box<dyn Read>, format: CaseFormat) -> Result<CaseReader, InputError> {
    let inner = match format {
        CaseFormat::JsonLines => Inner::Lines {
            lines: BufReader::new(source).lines(),
            line: 0,
        },
        CaseFormat::Json => {
            let mut text = String::new();
            let mut source = source;
            source
                .read_to_string(&mut text)
                .map_err(|error| InputError {
                    pointer: String::new(),
                    column: None,
                    message: crate::cli::io_text(&error),
                })?;
            // A key given twice anywhere refuses the file, with the key's pointer from the
            // file's root (`/3/person/kon`).
            let value = case_input::parse_json(&text)?;
            let items = match value {
                Value::Array(items) => items,
                single => vec![single],
            };
            Inner::Array {
                items: items.into_iter(),
            }
        }
        CaseFormat::Csv => {
            let mut buffered = BufReader::new(Box::new(CrLfToLf {
                inner: source,
                pending_cr: false,
            }) as Box<dyn Read>);
            let delimiter = sniff_delimiter(&mut buffered);
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .trim(csv::Trim::All)
                .from_reader(Box::new(buffered) as Box<dyn Read>);
            let header = reader
                .headers()
                .map_err(|error| InputError {
                    pointer: String::new(),
                    column: None,
                    message: format!("rubrikraden kan inte läsas: {error}"),
                })?
                .iter()
                .map(|name| name.trim_start_matches('\u{feff}').trim().to_owned())
                .collect::<Vec<_>>();
            check_header(&header)?;
            Inner::Csv {
                reader,
                header,
                done: false,
            }
        }
    };
    Ok(CaseReader { inner })
}

impl Iterator for CaseReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match &mut self.inner {
            Inner::Lines { lines, line } => loop {
                let text = lines.next()?;
                *line += 1;
                let text = match text {
                    Ok(text) => text,
                    Err(error) => {
                        return Some(Record {
                            line: *line,
                            result: Err(InputError {
                                pointer: String::new(),
                                column: None,
                                message: crate::cli::io_text(&error),
                            }),
                        });
                    }
                };
                let trimmed = text.trim_start_matches('\u{feff}').trim();
                if trimmed.is_empty() {
                    continue;
                }
                return Some(Record {
                    line: *line,
                    result: case_input::from_json(trimmed),
                });
            },
            Inner::Array { items } => {
                let value = items.next()?;
                Some(Record {
                    line: 1,
                    result: case_input::from_value(&value),
                })
            }
            Inner::Csv {
                reader,
                header,
                done,
            } => {
                if *done {
                    return None;
                }
                let mut row = csv::StringRecord::new();
                match reader.read_record(&mut row) {
                    Ok(false) => {
                        *done = true;
                        None
                    }
                    Ok(true) => {
                        let line = row
                            .position()
                            .map_or(0, |position| usize::try_from(position.line()).unwrap_or(0));
                        Some(Record {
                            line,
                            result: csv_row(header, &row),
                        })
                    }
                    Err(error) => {
                        let line = error
                            .position()
                            .map_or(0, |position| usize::try_from(position.line()).unwrap_or(0));
                        if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                            *done = true;
                        }
                        Some(Record {
                            line,
                            result: Err(InputError {
                                pointer: String::new(),
                                column: None,
                                message: format!("raden kan inte läsas som CSV: {error}"),
                            }),
                        })
                    }
                }
            }
        }
    }
}

/// Reads through `inner`, dropping each `\r` that stands right before a `\n`.
///
/// The CSV reader takes a lone `\r` as a line end of its own, so in a file with CRLF line
/// ends (as Excel writes them) it counts one line too few before each record; with LF only,
/// line numbers are the same for both kinds of file.
struct CrLfToLf {
    inner: Box<dyn Read>,
    pending_cr: bool,
}

impl Read for CrLfToLf {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let offset = usize::from(self.pending_cr);
            if out.len() <= offset {
                // No room to look ahead: give the `\r` as it is.
                self.pending_cr = false;
                if let Some(first) = out.first_mut() {
                    *first = b'\r';
                    return Ok(1);
                }
                return Ok(0);
            }
            let n = self.inner.read(&mut out[offset..])?;
            if self.pending_cr {
                out[0] = b'\r';
            }
            self.pending_cr = false;
            if n == 0 {
                return Ok(offset);
            }
            let len = offset + n;
            let mut kept = 0;
            for index in 0..len {
                if out[index] == b'\r' && index + 1 < len && out[index + 1] == b'\n' {
                    continue;
                }
                out[kept] = out[index];
                kept += 1;
            }
            if kept > 0 && out[kept - 1] == b'\r' {
                self.pending_cr = true;
                kept -= 1;
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

fn sniff_delimiter(reader: &mut BufReader<Box<dyn Read>>) -> u8 {
    let Ok(buffer) = reader.fill_buf() else {
        return b';';
    };
    let first_line = buffer.split(|&byte| byte == b'\n').next().unwrap_or(&[]);
    let semicolons = first_line.iter().filter(|&&byte| byte == b';').count();
    let commas = first_line.iter().filter(|&&byte| byte == b',').count();
    if commas > semicolons { b',' } else { b';' }
}

const SET_COLUMNS: [&str; 2] = ["behov", "grundlaggande_behov"];
const TEXT_COLUMNS: [&str; 7] = [
    "arende_id",
    "kon",
    "skyddade_personuppgifter",
    "namn",
    "personnummer",
    "adress",
    "insats",
];

fn check_header(header: &[String]) -> Result<(), InputError> {
    for name in header {
        let known = name == "arende_id"
            || name == "insats"
            || PERSON_FIELDS.contains(&name.as_str())
            || ANSOKAN_FIELDS.contains(&name.as_str())
            || name.starts_with("beslut_");
        if !known {
            let all = PERSON_FIELDS
                .iter()
                .chain(ANSOKAN_FIELDS.iter())
                .copied()
                .chain(["arende_id", "insats"]);
            let mut message = format!("okänd kolumn `{name}`");
            if let Some(suggestion) = crate::compile::names::suggest(name, all) {
                message.push_str(&format!("; menade du `{suggestion}`?"));
            }
            return Err(InputError {
                pointer: String::new(),
                column: Some(name.clone()),
                message,
            });
        }
    }
    if !header.iter().any(|name| name == "insats") {
        return Err(InputError {
            pointer: String::new(),
            column: None,
            message: "kolumnen `insats` saknas".to_owned(),
        });
    }
    Ok(())
}

/// Maps one CSV row to the case JSON and reads it with the same checks as JSON input.
fn csv_row(header: &[String], row: &csv::StringRecord) -> Result<CaseInput, InputError> {
    if row.len() != header.len() {
        return Err(InputError {
            pointer: String::new(),
            column: None,
            message: format!(
                "raden har {} fält men rubrikraden {}",
                row.len(),
                header.len()
            ),
        });
    }
    let mut root = Map::new();
    let mut person = Map::new();
    let mut ansokan = Map::new();
    let mut beslut = Map::new();
    root.insert(
        "schema_version".to_owned(),
        Value::from(case_input::SCHEMA_VERSION),
    );
    for (name, cell) in header.iter().zip(row.iter()) {
        if cell.is_empty() {
            continue;
        }
        let value = cell_value(name, cell).map_err(|message| InputError {
            pointer: String::new(),
            column: Some(name.clone()),
            message,
        })?;
        if name == "arende_id" {
            root.insert(name.clone(), value);
        } else if name == "insats" {
            ansokan.insert(name.clone(), value.clone());
            beslut.insert(name.clone(), value);
        } else if PERSON_FIELDS.contains(&name.as_str()) {
            person.insert(name.clone(), value);
        } else if let Some(field) = name.strip_prefix("beslut_") {
            beslut.insert(field.to_owned(), value);
        } else {
            ansokan.insert(name.clone(), value);
        }
    }
    let has_beslut = beslut.len() > usize::from(beslut.contains_key("insats"));
    let has_ansokan = ansokan.len() > usize::from(ansokan.contains_key("insats"));
    root.insert("person".to_owned(), Value::Object(person));
    if has_ansokan || !has_beslut {
        root.insert(
            "ansokningar".to_owned(),
            Value::Array(vec![Value::Object(ansokan)]),
        );
    }
    if has_beslut {
        root.insert(
            "beslut".to_owned(),
            Value::Array(vec![Value::Object(beslut)]),
        );
    }
    case_input::from_value(&Value::Object(root)).map_err(|mut error| {
        error.column = column_of(&error.pointer);
        error
    })
}

/// The CSV column a JSON pointer of a CSV-made case comes from.
fn column_of(pointer: &str) -> Option<String> {
    let mut parts = pointer.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("person"), Some(field), _) => Some(field.to_owned()),
        (Some("ansokningar"), Some(_), Some(field)) => Some(field.to_owned()),
        (Some("beslut"), Some(_), Some("insats")) => Some("insats".to_owned()),
        (Some("beslut"), Some(_), Some(field)) => Some(format!("beslut_{field}")),
        (Some(field), None, None) if !field.is_empty() => Some(field.to_owned()),
        _ => None,
    }
}

/// The JSON value of a cell: text, number, ja/nej or a set, by what the column holds.
fn cell_value(name: &str, cell: &str) -> Result<Value, String> {
    if TEXT_COLUMNS.contains(&name)
        || name.contains("datum")
        || name.ends_with("delgiven")
        || name.ends_with("giltig_till")
        || name.ends_with("verkstalld")
        || name.ends_with("avbrott")
        || name == "fodelsedatum"
        || name.ends_with("_kod")
        || name.ends_with("_text")
    {
        return Ok(Value::String(cell.to_owned()));
    }
    if SET_COLUMNS.contains(&name) {
        let items = cell
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| Value::String(item.to_owned()));
        return Ok(Value::Array(items.collect()));
    }
    match cell.to_lowercase().as_str() {
        "ja" | "true" | "x" => return Ok(Value::Bool(true)),
        "nej" | "false" => return Ok(Value::Bool(false)),
        _ => {}
    }
    let digits: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if let Ok(number) = digits.parse::<i64>() {
        let is_flag = !matches!(name, "personkrets")
            && (name.starts_with("bor_")
                || name.starts_with("har_")
                || name.starts_with("kan_")
                || name.ends_with("samtycke")
                || name.ends_with("arbetar")
                || name == "studerar"
                || name == "gar_i_skolan"
                || name == "normalt_aldrande"
                || name.starts_with("behov_")
                || name == "parboende"
                || name == "utan_behovsprovning"
                || name == "folkbokford_i_kommunen"
                || name.ends_with("gynnande")
                || name.ends_with("tills_vidare")
                || name.ends_with("rapporterad_tidigare"));
        if is_flag && (number == 0 || number == 1) {
            return Ok(Value::Bool(number == 1));
        }
        return Ok(Value::Number(Number::from(number)));
    }
    Ok(Value::String(cell.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, format: CaseFormat) -> Vec<Record> {
        let source: Box<dyn Read> = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        match read_from(source, format) {
            Ok(reader) => reader.collect(),
            Err(error) => vec![Record {
                line: 0,
                result: Err(error),
            }],
        }
    }

    #[test]
    fn json_lines_stream_with_line_numbers_and_go_on_past_bad_lines() {
        let text = "{\"schema_version\":1,\"arende_id\":\"a\"}\n\n{\"schema_version\":1,\"person\":{\"bor_ensam\":\"ja\"}}\n{\"schema_version\":1,\"arende_id\":\"c\"}\n{trasig\n";
        let records = records(text, CaseFormat::JsonLines);
        let lines: Vec<usize> = records.iter().map(|record| record.line).collect();
        assert_eq!(lines, [1, 3, 4, 5]);
        let ok: Vec<bool> = records.iter().map(|record| record.result.is_ok()).collect();
        assert_eq!(ok, [true, false, true, false]);
        let error = records[1]
            .result
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(error.contains("/person/bor_ensam"), "{error}");
    }

    #[test]
    fn swedish_csv_with_bom_semicolons_and_beslut_columns() {
        let text = "\u{feff}arende_id;fodelsedatum;bor_ensam;behov;insats;beslut_beslutsdatum;beslut_tills_vidare;beslut_omfattning;beslut_gynnande\r\nA1;1940-02-03;ja;hemliv, trygghet;hemtjanst_service;2025-05-10;ja;8;ja\r\nA2;1940-02-31;nej;;trygghetslarm;;;;\r\nA3;1950-01-01;kanske;;trygghetslarm;;;;\r\n";
        let records = records(text, CaseFormat::Csv);
        let debug: Vec<String> = records
            .iter()
            .map(|r| {
                format!(
                    "{} {:?}",
                    r.line,
                    r.result.as_ref().map(|c| c.arende_id.clone())
                )
            })
            .collect();
        assert_eq!(records.len(), 3, "{debug:?}");
        let first = records[0].result.as_ref().ok().cloned().unwrap_or_default();
        assert_eq!(first.arende_id.as_deref(), Some("A1"));
        assert_eq!(first.case.beslut.len(), 1);
        assert!(first.case.ansokningar.is_empty());
        assert_eq!(first.case.beslut[0].omfattning, Some(8));
        assert_eq!(records[0].line, 2, "{debug:?}");
        assert_eq!(records[1].line, 3, "{debug:?}");
        let second = records[1]
            .result
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(second.starts_with("kolumn fodelsedatum:"), "{second}");
        let third = records[2]
            .result
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(third.starts_with("kolumn bor_ensam:"), "{third}");
    }

    #[test]
    fn csv_line_numbers_are_the_same_for_lf_and_crlf() {
        for ending in ["\n", "\r\n"] {
            let text = [
                "insats;bor_ensam",
                "trygghetslarm;ja",
                "trygghetslarm;kanske",
                "trygghetslarm;nej",
                "",
            ]
            .join(ending);
            let lines: Vec<usize> = records(&text, CaseFormat::Csv)
                .iter()
                .map(|record| record.line)
                .collect();
            assert_eq!(lines, [2, 3, 4], "{ending:?}");
        }
        // A `\r` split from its `\n` by a read boundary is still dropped.
        let mut reader = CrLfToLf {
            inner: Box::new(std::io::Cursor::new(b"a\r\nb\rc".to_vec())),
            pending_cr: false,
        };
        let mut out = Vec::new();
        let mut chunk = [0u8; 2];
        loop {
            let n = reader.read(&mut chunk).unwrap_or(0);
            if n == 0 {
                break;
            }
            out.extend_from_slice(&chunk[..n]);
        }
        assert_eq!(out, b"a\nb\rc");
    }

    #[test]
    fn an_unknown_csv_column_is_named() {
        let records = records("insats;bor_ensamm\ntrygghetslarm;ja\n", CaseFormat::Csv);
        let error = records[0]
            .result
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            error.contains("okänd kolumn `bor_ensamm`") && error.contains("bor_ensam"),
            "{error}"
        );
    }
}
