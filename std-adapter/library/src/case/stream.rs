//! Streaming many cases from one file: JSON Lines, CSV as Swedish spreadsheets write it, or a
//! JSON array.
//!
//! [`read_cases`] opens a file and yields one [`Record`] per case, in file order, with its line
//! number and either the case or the reason it was rejected, so a batch can account for every
//! record and go on past a bad one. Memory does not grow with the number of cases.
//!
//! **CSV.** Each physical line is one record, read as CSV on its own: no cell of a case can
//! hold a line break, so a stray quote spoils only its own line, and a record's line number is
//! the one an editor shows. Blank lines are skipped, as in JSON Lines.
//! The first line that is not blank names the columns, each once; the separator is `;` (as
//! Swedish Excel writes it) or `,`, detected from the header, and a UTF-8 byte order mark is
//! skipped. The columns are the
//! case schema's field names: `arende_id`, the person's fields (`fodelsedatum`, `bor_ensam`, …),
//! the application's fields (`insats`, `ansokningsdatum`, `sokt_omfattning`, …) and the existing
//! decision's fields prefixed `beslut_` (`beslut_beslutsdatum`, `beslut_tills_vidare`, …).
//! One row is one case with one insats: it has an ansökan unless it only has `beslut_` values,
//! and a beslut on the same insats when any `beslut_` column has a value.
//! An empty cell is an unknown fact. Ja/nej cells take `ja`, `nej`, `true`, `false`, `1`, `0`
//! or `x`; sets (`behov`) are written `hemliv, trygghet` in one cell; numbers may use spaces as
//! thousands separators. Each cell is read by its field's type in the case contract, never
//! guessed from the column's name.
//! Reading one case from JSON text is the contract reader's work; this module only splits and
//! maps.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use serde_json::value::RawValue;

use super::fields::{ANSOKAN, BESLUT, CASE, PERSON};
use super::{CaseInput, FactIndex, InputError};
use crate::contract::{self, Field, Ty};
use crate::texts;

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
    /// A case handed back by [`CaseReader::recycle`], read into by the next JSON line.
    spare: Option<CaseInput>,
    /// The catalogue each JSON case is bound to as it is read ([`read_lines_bound`]).
    binding: Option<Arc<FactIndex>>,
}

enum Inner {
    Lines {
        lines: BufReader<Box<dyn Read>>,
        buffer: Vec<u8>,
        line: usize,
    },
    Csv {
        lines: BufReader<Box<dyn Read>>,
        buffer: Vec<u8>,
        line: usize,
        delimiter: char,
        header: Vec<Column>,
        done: bool,
    },
    Array {
        items: std::vec::IntoIter<Box<RawValue>>,
    },
    /// JSON Lines already in memory, each line read where it lies.
    Block {
        bytes: Vec<u8>,
        at: usize,
        line: usize,
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
        syntax: false,
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
    let format = CaseFormat::of(path)
        .ok_or_else(|| file_error(path, texts::OKAND_FILTYP_ANVAND_JSONL.to_owned()))?;
    let file = File::open(path).map_err(|error| file_error(path, crate::io::io_text(&error)))?;
    read_from(Box::new(file), format).map_err(|error| file_error(path, error.to_string()))
}

/// Streams cases of `format` from any reader (standard input, a test buffer).
///
/// # Errors
/// As [`read_cases`].
pub fn read_from(source: Box<dyn Read>, format: CaseFormat) -> Result<CaseReader, InputError> {
    let inner = match format {
        CaseFormat::JsonLines => Inner::Lines {
            lines: BufReader::new(source),
            buffer: Vec::new(),
            line: 0,
        },
        CaseFormat::Json => {
            let mut text = String::new();
            let mut source = source;
            source
                .read_to_string(&mut text)
                .map_err(|error| InputError {
                    syntax: false,
                    pointer: String::new(),
                    column: None,
                    message: crate::io::io_text(&error),
                })?;
            // A key given twice anywhere refuses the file, with the key's pointer from the
            // file's root (`/3/person/kon`).
            let value = super::parse_json(&text)?;
            // Each case is then read from its own text, so its numbers are read as written.
            let items = match value {
                Value::Array(_) => {
                    serde_json::from_str::<Vec<Box<RawValue>>>(crate::io::strip_bom(&text))
                        .map_err(|error| InputError::whole(texts::ogiltig_json(&error)))?
                }
                _ => vec![
                    RawValue::from_string(crate::io::strip_bom(&text).to_owned())
                        .map_err(|error| InputError::whole(texts::ogiltig_json(&error)))?,
                ],
            };
            Inner::Array {
                items: items.into_iter(),
            }
        }
        CaseFormat::Csv => {
            let mut lines = BufReader::new(Box::new(CrLfToLf {
                inner: source,
                pending_cr: false,
            }) as Box<dyn Read>);
            let mut buffer = Vec::new();
            let mut line = 0;
            // The header is the first line that is not blank; an empty file has no columns.
            let mut header_text = String::new();
            while lines
                .read_until(b'\n', &mut buffer)
                .map_err(|error| InputError {
                    syntax: false,
                    pointer: String::new(),
                    column: None,
                    message: texts::rubrikraden_kan_inte_lasas(crate::io::io_text(&error)),
                })?
                > 0
            {
                line += 1;
                let text = line_text(&buffer).map_err(|message| InputError {
                    syntax: false,
                    pointer: String::new(),
                    column: None,
                    message: format!("rubrikraden (rad {line}): {message}"),
                })?;
                let text = text.trim_start_matches('\u{feff}');
                if !text.trim().is_empty() {
                    header_text = text.to_owned();
                    break;
                }
                buffer.clear();
            }
            let delimiter = sniff_delimiter(&header_text);
            let header = split_line(&header_text, delimiter).map_err(|message| InputError {
                syntax: false,
                pointer: String::new(),
                column: None,
                message: format!("rubrikraden (rad {line}): {message}"),
            })?;
            let header = check_header(&header)?;
            Inner::Csv {
                lines,
                buffer,
                line,
                delimiter,
                header,
                done: false,
            }
        }
    };
    Ok(CaseReader {
        inner,
        spare: None,
        binding: None,
    })
}

/// Streams the cases of JSON Lines already in memory (a block of whole lines that a batch cut
/// from its file): the records are those [`read_from`] gives for the same bytes, and each line
/// is read where it lies instead of being copied out first.
pub fn read_lines(bytes: Vec<u8>) -> CaseReader {
    CaseReader {
        inner: Inner::Block {
            bytes,
            at: 0,
            line: 0,
        },
        spare: None,
        binding: None,
    }
}

/// As [`read_lines`], binding each case to `index` as it is read: a fact the catalogue takes
/// is written into the case at once instead of being kept for [`FactIndex::bind`]
/// (see [`ReadBinding`](super::loose::ReadBinding)).
///
/// After [`FactIndex::bind`] (or `bind_noting`) by the same `index`, each case, its error and
/// the facts it leaves unknown are those of [`read_lines`] followed by the same binding; a
/// binding by another catalogue refuses a case that had facts taken.
pub fn read_lines_bound(bytes: Vec<u8>, index: Arc<FactIndex>) -> CaseReader {
    CaseReader {
        binding: Some(index),
        ..read_lines(bytes)
    }
}

/// The record of one line of a JSON Lines file (its bytes, with or without the line break),
/// or `None` for a blank line, which is no record.
///
/// A byte-order mark before the case is skipped; a line that is not UTF-8 is a rejected
/// record of its own.
fn json_line(
    line: usize,
    bytes: &[u8],
    spare: &mut Option<CaseInput>,
    binding: Option<&Arc<FactIndex>>,
) -> Option<Record> {
    let result = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let trimmed = text.trim_start_matches('\u{feff}').trim();
            if trimmed.is_empty() {
                return None;
            }
            let mut input = spare.take().unwrap_or_default();
            input.read_binding.set(binding);
            super::from_json_into(trimmed, &mut input).map(|()| input)
        }
        Err(_) => Err(InputError {
            syntax: false,
            pointer: String::new(),
            column: None,
            message: texts::RADEN_AR_INTE_GILTIG.to_owned(),
        }),
    };
    Some(Record { line, result })
}

impl CaseReader {
    /// Hands back a case this reader gave, once its caller is done with it: the next JSON line
    /// is read into it instead of a new one, so a batch does not allocate and clear a case per
    /// line. The records read are the same either way.
    pub fn recycle(&mut self, input: CaseInput) {
        self.spare = Some(input);
    }
}

impl Iterator for CaseReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match &mut self.inner {
            Inner::Lines {
                lines,
                buffer,
                line,
            } => loop {
                buffer.clear();
                match lines.read_until(b'\n', buffer) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(error) => {
                        *line += 1;
                        return Some(Record {
                            line: *line,
                            result: Err(InputError {
                                syntax: false,
                                pointer: String::new(),
                                column: None,
                                message: crate::io::io_text(&error),
                            }),
                        });
                    }
                }
                *line += 1;
                if let Some(record) =
                    json_line(*line, buffer, &mut self.spare, self.binding.as_ref())
                {
                    return Some(record);
                }
            },
            Inner::Block { bytes, at, line } => loop {
                let rest = bytes.get(*at..).unwrap_or_default();
                if rest.is_empty() {
                    return None;
                }
                // A line with its line break, or the rest of the block after the last one.
                let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |index| index + 1);
                let text = rest.get(..end).unwrap_or(rest);
                *at += end;
                *line += 1;
                if let Some(record) = json_line(*line, text, &mut self.spare, self.binding.as_ref())
                {
                    return Some(record);
                }
            },
            Inner::Array { items } => {
                let item = items.next()?;
                Some(Record {
                    line: 1,
                    result: super::from_json(item.get()),
                })
            }
            Inner::Csv {
                lines,
                buffer,
                line,
                delimiter,
                header,
                done,
            } => loop {
                // Each physical line is one record: no cell of a case can hold a line break, so a
                // stray quote spoils its own line and no other, and `line` is the line an editor
                // shows.
                if *done {
                    return None;
                }
                buffer.clear();
                match lines.read_until(b'\n', buffer) {
                    Ok(0) => {
                        *done = true;
                        return None;
                    }
                    Ok(_) => *line += 1,
                    Err(error) => {
                        *done = true;
                        *line += 1;
                        return Some(Record {
                            line: *line,
                            result: Err(InputError {
                                syntax: false,
                                pointer: String::new(),
                                column: None,
                                message: crate::io::io_text(&error),
                            }),
                        });
                    }
                }
                let text = match line_text(buffer) {
                    Ok(text) => text,
                    Err(message) => {
                        return Some(Record {
                            line: *line,
                            result: Err(InputError {
                                syntax: false,
                                pointer: String::new(),
                                column: None,
                                message,
                            }),
                        });
                    }
                };
                // A blank line is no record, as in JSON Lines.
                if text.trim().is_empty() {
                    continue;
                }
                let result = split_line(text, *delimiter)
                    .map_err(|message| InputError {
                        syntax: false,
                        pointer: String::new(),
                        column: None,
                        message,
                    })
                    .and_then(|row| csv_row(header, &row));
                return Some(Record {
                    line: *line,
                    result,
                });
            },
        }
    }
}

/// Reads through `inner`, dropping each `\r` that stands right before a `\n`.
///
/// A file with CRLF line ends (as Excel writes them) then reads as one with LF only, and a
/// `\r` anywhere else stays a character of its cell.
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

/// The separator of a CSV file, from its header: `,` when it has more commas than semicolons,
/// otherwise `;` (Swedish Excel's).
fn sniff_delimiter(header: &str) -> char {
    let semicolons = header.matches(';').count();
    let commas = header.matches(',').count();
    if commas > semicolons { ',' } else { ';' }
}

/// The text of one line as read, without its line end.
fn line_text(bytes: &[u8]) -> Result<&str, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|error| texts::raden_ar_inte_giltig(error.valid_up_to() + 1))?;
    let text = text.strip_suffix('\n').unwrap_or(text);
    Ok(text.strip_suffix('\r').unwrap_or(text))
}

/// Splits one line of CSV into its cells, each trimmed, as the `csv` crate reads a record: a
/// cell that starts with `"` is quoted, `""` inside it is one `"`, and a quote anywhere else is
/// a plain character.
fn split_line(text: &str, delimiter: char) -> Result<Vec<String>, String> {
    #[derive(PartialEq)]
    enum State {
        StartOfCell,
        InCell,
        InQuotes,
        QuoteInQuotes,
    }
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut state = State::StartOfCell;
    for c in text.chars() {
        state = match state {
            State::StartOfCell | State::InCell | State::QuoteInQuotes if c == delimiter => {
                cells.push(cell.trim().to_owned());
                cell.clear();
                State::StartOfCell
            }
            State::StartOfCell if c == '"' => State::InQuotes,
            State::InQuotes if c == '"' => State::QuoteInQuotes,
            State::InQuotes => {
                cell.push(c);
                State::InQuotes
            }
            State::QuoteInQuotes if c == '"' => {
                cell.push('"');
                State::InQuotes
            }
            State::StartOfCell | State::InCell | State::QuoteInQuotes => {
                cell.push(c);
                State::InCell
            }
        };
    }
    if state == State::InQuotes {
        return Err(texts::citattecknet_i_falt_oppnas(cells.len() + 1));
    }
    cells.push(cell.trim().to_owned());
    Ok(cells)
}

/// Where a column's value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The case itself (`arende_id`).
    Case,
    /// The person.
    Person,
    /// The row's ansökan.
    Ansokan,
    /// The row's beslut (columns prefixed `beslut_`).
    Beslut,
    /// Both: the insats the row is about.
    Insats,
    /// A fact of the riktlinje's catalogue (any column the contract does not declare): the
    /// person's or the row's ansökan's, by the fact's own part of the case when it is bound.
    Fact,
}

/// One column a CSV file may have, with its field in the case contract.
#[derive(Debug)]
pub struct Column {
    /// Its name in the header.
    pub name: String,
    place: Place,
    field: &'static Field<CaseInput>,
}

/// Every column a CSV file may have: the scalar fields of the case, the person, the ansökan and
/// the beslut (prefixed `beslut_`); `insats` is the ansökan's and the beslut's.
pub(super) fn columns() -> impl Iterator<Item = Column> {
    let scalar = |field: &&'static Field<CaseInput>| {
        !matches!(field.ty, Ty::Object(_) | Ty::List(..) | Ty::Const(_))
    };
    let case = CASE.fields.iter().filter(scalar).map(|field| Column {
        name: field.key.to_owned(),
        place: Place::Case,
        field,
    });
    let person = PERSON.fields.iter().filter(scalar).map(|field| Column {
        name: field.key.to_owned(),
        place: Place::Person,
        field,
    });
    let ansokan = ANSOKAN.fields.iter().filter(scalar).map(|field| Column {
        name: field.key.to_owned(),
        place: if field.key == "insats" {
            Place::Insats
        } else {
            Place::Ansokan
        },
        field,
    });
    let beslut = BESLUT
        .fields
        .iter()
        .filter(scalar)
        .filter(|field| field.key != "insats")
        .map(|field| Column {
            name: format!("beslut_{}", field.key),
            place: Place::Beslut,
            field,
        });
    case.chain(person).chain(ansokan).chain(beslut)
}

/// A column name a catalogue fact can have: lower-case ASCII letters, digits and `_`, as a
/// case writes a fact's name.
fn is_fact_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The field a fact column is read as: text, kept for the binder to read by the fact's type.
static FACT_CELL: Field<CaseInput> = Field {
    key: "",
    ty: Ty::Text,
    description: "",
    required: None,
    set: |_, _| Ok(()),
};

fn check_header(header: &[String]) -> Result<Vec<Column>, InputError> {
    let mut resolved = Vec::with_capacity(header.len());
    for (index, name) in header.iter().enumerate() {
        if let Some(first) = header[..index].iter().position(|other| other == name) {
            return Err(InputError::whole(texts::kolumnen_star_tva_ganger(
                first + 1,
                index + 1,
                name,
            )));
        }
        let column = match columns().find(|column| column.name == *name) {
            Some(column) => column,
            None if is_fact_key(name) => Column {
                name: name.clone(),
                place: Place::Fact,
                field: &FACT_CELL,
            },
            None => {
                return Err(InputError {
                    syntax: false,
                    pointer: String::new(),
                    column: Some(name.clone()),
                    message: texts::KOLUMNNAMNET_SKRIVS_MED_A.to_owned(),
                });
            }
        };
        resolved.push(column);
    }
    if !resolved.iter().any(|column| column.place == Place::Insats) {
        return Err(InputError::whole(texts::KOLUMNEN_INSATS_SAKNAS));
    }
    Ok(resolved)
}

/// Reads one CSV row into a case by the contract, with the same checks as JSON input.
fn csv_row(header: &[Column], row: &[String]) -> Result<CaseInput, InputError> {
    if row.len() != header.len() {
        return Err(InputError::whole(texts::raden_har_falt_men(
            row.len(),
            header.len(),
        )));
    }
    let cells = || {
        header
            .iter()
            .zip(row.iter())
            .filter(|(_, cell)| !cell.is_empty())
    };
    let column_error = |column: &Column, message: String| InputError {
        syntax: false,
        pointer: String::new(),
        column: Some(column.name.clone()),
        message,
    };
    let has_beslut = cells().any(|(column, _)| column.place == Place::Beslut);
    // A fact column of the ansökan beside a beslut (städning var n:e vecka) gets its ansökan
    // when the fact is bound and its part of the case is known.
    let has_ansokan = cells().any(|(column, _)| column.place == Place::Ansokan) || !has_beslut;
    let mut input = CaseInput::default();
    let open = |object: &'static contract::Object<CaseInput>, input: &mut CaseInput| {
        (object.open)(input).map_err(InputError::whole)
    };
    if has_ansokan {
        open(&ANSOKAN, &mut input)?;
    }
    if has_beslut {
        open(&BESLUT, &mut input)?;
    }
    let mut has_insats = false;
    for (column, cell) in cells() {
        if column.place == Place::Fact {
            if input.facts.len() >= super::loose::MAX_LOOSE {
                return Err(column_error(
                    column,
                    texts::RADEN_HAR_FLER_UPPGIFTER.to_owned(),
                ));
            }
            super::loose::keep(
                &mut input,
                super::loose::Place::Row,
                &column.name,
                contract::LooseRead::Whole(contract::Loose::Cell(cell.clone())),
            )
            .map_err(|message| column_error(column, message))?;
            if let Some(fact) = input.facts.iter_mut().find(|fact| fact.key == column.name) {
                fact.column = true;
            }
            continue;
        }
        let value = contract::csv::cell(column.field, cell)
            .map_err(|message| column_error(column, message))?;
        let set = |field: &Field<CaseInput>, input: &mut CaseInput| {
            (field.set)(input, value.clone()).map_err(|message| column_error(column, message))
        };
        match column.place {
            Place::Insats => {
                has_insats = true;
                if has_ansokan {
                    set(column.field, &mut input)?;
                }
                if has_beslut && let Some((_, field)) = BESLUT.field("insats") {
                    set(field, &mut input)?;
                }
            }
            _ => set(column.field, &mut input)?,
        }
    }
    if !has_insats {
        let missing = ANSOKAN
            .field("insats")
            .and_then(|(_, field)| field.required)
            .unwrap_or("saknas");
        return Err(InputError {
            syntax: false,
            pointer: String::new(),
            column: Some("insats".to_owned()),
            message: missing.to_owned(),
        });
    }
    if has_beslut {
        (BESLUT.finish)(&mut input).map_err(|fault| InputError {
            syntax: false,
            column: column_of(&format!("/beslut/0{}", fault.pointer)),
            pointer: String::new(),
            message: fault.message,
        })?;
    }
    (CASE.finish)(&mut input).map_err(|fault| InputError {
        syntax: false,
        column: column_of(&fault.pointer),
        pointer: fault.pointer,
        message: fault.message,
    })?;
    Ok(input)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The fault `record` was read with, or nothing when it was read (the caller's assertion
    /// on the text then fails).
    fn error_of(record: &Record) -> String {
        record
            .result
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

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
    fn a_reader_given_back_its_cases_reads_every_line_as_a_fresh_one() {
        // A generated population, with a line that has every kind of field the generator
        // leaves out (identity, the report's fields, a skyddsåtgärd) and a bad line between.
        let mut population = Vec::new();
        let generated = crate::generate::generate(
            &mut population,
            200,
            7,
            crate::generate::PopulationFormat::Jsonl,
        );
        assert!(generated.is_ok(), "{generated:?}");
        let Ok(mut text) = String::from_utf8(population) else {
            panic!("the generator writes UTF-8");
        };
        let full = r#"{"schema_version":1,"arende_id":"X","namn":"N","personnummer":"P","adress":"A","person":{"fodelsedatum":"1940-02-03","bor_ensam":true},"beslut":[{"insats":"hemtjanst_service","beslutsdatum":"2025-01-10","gynnande":true,"tills_vidare":true,"anledning_kod":"ovrigt","anledning_text":"t"}]}"#;
        let lines: Vec<&str> = text.lines().collect();
        let mixed = [&lines[..50], &[full, "{trasig", full], &lines[50..]]
            .concat()
            .join("\n");
        text = mixed;
        let fresh = records(&text, CaseFormat::JsonLines);
        let source: Box<dyn Read> = Box::new(std::io::Cursor::new(text.into_bytes()));
        let Ok(mut reader) = read_from(source, CaseFormat::JsonLines) else {
            panic!("a JSON Lines source opens");
        };
        let mut reused = Vec::new();
        while let Some(record) = reader.next() {
            if let Ok(input) = &record.result {
                reader.recycle(input.clone());
            }
            reused.push((
                record.line,
                record.result.map_err(|error| error.to_string()),
            ));
        }
        let fresh: Vec<_> = fresh
            .into_iter()
            .map(|record| {
                (
                    record.line,
                    record.result.map_err(|error| error.to_string()),
                )
            })
            .collect();
        assert_eq!(fresh.len(), 203);
        assert_eq!(reused, fresh);
    }

    #[test]
    fn json_lines_in_memory_read_as_a_stream_of_them_does() {
        let good = r#"{"schema_version":1,"arende_id":"a","person":{"bor_ensam":true}}"#;
        let mut bytes = format!("\u{feff}{good}\r\n\n  \n{{trasig\n").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe\n");
        bytes.extend_from_slice(good.as_bytes());
        let shown = |records: Vec<Record>| -> Vec<(usize, Result<CaseInput, String>)> {
            records
                .into_iter()
                .map(|record| {
                    (
                        record.line,
                        record.result.map_err(|error| error.to_string()),
                    )
                })
                .collect()
        };
        let source: Box<dyn Read> = Box::new(std::io::Cursor::new(bytes.clone()));
        let streamed = match read_from(source, CaseFormat::JsonLines) {
            Ok(reader) => shown(reader.collect()),
            Err(error) => panic!("a JSON Lines source opens: {error}"),
        };
        let in_memory = shown(read_lines(bytes).collect());
        assert_eq!(
            streamed.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
            [1, 4, 5, 6]
        );
        assert_eq!(in_memory, streamed);
        assert!(read_lines(Vec::new()).next().is_none());
    }

    #[test]
    fn json_lines_stream_with_line_numbers_and_go_on_past_bad_lines() {
        let text = "{\"schema_version\":1,\"arende_id\":\"a\"}\n\n{\"schema_version\":1,\"person\":{\"fodelsedatum\":\"ja\"}}\n{\"schema_version\":1,\"arende_id\":\"c\"}\n{trasig\n";
        let records = records(text, CaseFormat::JsonLines);
        let lines: Vec<usize> = records.iter().map(|record| record.line).collect();
        assert_eq!(lines, [1, 3, 4, 5]);
        let ok: Vec<bool> = records.iter().map(|record| record.result.is_ok()).collect();
        assert_eq!(ok, [true, false, true, false]);
        let error = error_of(&records[1]);
        assert!(error.contains("/person/fodelsedatum"), "{error}");
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
        assert_eq!(first.case.beslut[0].omfattning, Some(8_000));
        assert_eq!(records[0].line, 2, "{debug:?}");
        assert_eq!(records[1].line, 3, "{debug:?}");
        let second = error_of(&records[1]);
        assert!(second.starts_with("kolumn fodelsedatum:"), "{second}");
        // A catalogue fact's cell is read by its type when the case is bound to a riktlinje.
        let third = records[2].result.clone().and_then(|mut input| {
            let compiled = riktlinjer_compiler::compile::nationell_katalog();
            let bytes = compiled.bytes.unwrap_or_default();
            let Ok(table) = riktlinjer_core::Table::decode(&bytes) else {
                panic!("the national catalogue does not compile");
            };
            super::super::FactIndex::of(&table).bind(&mut input, super::super::Binding::Strict)
        });
        let third = third
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(third.starts_with("kolumn bor_ensam:"), "{third}");
        assert!(!third.contains("kanske"), "{third}");
    }

    /// Swedish CSV writes decimals with a comma: sökt and beviljad omfattning are read from
    /// the cell's text to the thousandth, never through a float, and a fourth decimal is
    /// refused naming the column.
    #[test]
    fn a_csv_cell_s_decimal_comma_is_read_exactly() {
        let text = "arende_id;insats;ansokningsdatum;sokt_omfattning;beslut_beslutsdatum;beslut_gynnande;beslut_omfattning\nA1;hemtjanst_service;2026-01-12;7,3;2025-05-10;ja;0,125\nA2;hemtjanst_service;2026-01-12;7,1234;;;\n";
        let records = records(text, CaseFormat::Csv);
        assert_eq!(records.len(), 2);
        let first = records[0].result.as_ref().ok().cloned().unwrap_or_default();
        assert_eq!(first.arende_id.as_deref(), Some("A1"));
        assert_eq!(
            first
                .case
                .ansokningar
                .first()
                .and_then(|ansokan| ansokan.sokt_omfattning),
            Some(7_300)
        );
        assert_eq!(
            first
                .case
                .beslut
                .first()
                .and_then(|beslut| beslut.omfattning),
            Some(125)
        );
        let second = error_of(&records[1]);
        assert!(second.starts_with("kolumn sokt_omfattning:"), "{second}");
        assert!(!second.contains("7,1234"), "{second}");
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
    fn an_unknown_csv_column_is_named_when_the_case_is_bound() {
        let records = records("insats;bor_ensamm\ntrygghetslarm;ja\n", CaseFormat::Csv);
        let input = records[0].result.clone();
        let Ok(mut input) = input else {
            panic!("a column the contract does not declare is a catalogue fact: {input:?}");
        };
        let compiled = riktlinjer_compiler::compile::nationell_katalog();
        let bytes = compiled.bytes.unwrap_or_default();
        let Ok(table) = riktlinjer_core::Table::decode(&bytes) else {
            panic!("the national catalogue does not compile");
        };
        let error = super::super::FactIndex::of(&table)
            .bind(&mut input, super::super::Binding::Strict)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("kolumn bor_ensamm") && error.contains("menade du `bor_ensam`?"),
            "{error}"
        );
        let header = records_error("insats;Bor Ensam\ntrygghetslarm;ja\n");
        assert!(header.contains("kolumn Bor Ensam"), "{header}");
    }

    fn records_error(text: &str) -> String {
        records(text, CaseFormat::Csv)
            .first()
            .and_then(|record| record.result.as_ref().err())
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    fn errors(records: &[Record]) -> Vec<(usize, String)> {
        records
            .iter()
            .filter_map(|record| {
                let error = record.result.as_ref().err()?;
                Some((record.line, error.to_string()))
            })
            .collect()
    }

    #[test]
    fn an_unclosed_quote_spoils_only_its_own_line() {
        let mut rows = vec!["arende_id;insats;bor_ensam".to_owned()];
        for index in 1..=20 {
            rows.push(format!("A{index};trygghetslarm;ja"));
        }
        rows[10] = format!("\"{}", rows[10]);
        // A quoted cell may hold the separator and a doubled quote.
        rows.push("\"B;1\";\"trygghetslarm\";\"ja\"".to_owned());
        rows.push("\"B\"\"2\";trygghetslarm;ja".to_owned());
        for ending in ["\n", "\r\n"] {
            let records = records(&(rows.join(ending) + ending), CaseFormat::Csv);
            assert_eq!(records.len(), 22, "{ending:?}");
            let errors = errors(&records);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].0, 11);
            assert!(
                errors[0].1.contains("öppnas men stängs aldrig på raden"),
                "{errors:?}"
            );
            let ids: Vec<String> = records
                .iter()
                .filter_map(|record| record.result.as_ref().ok()?.arende_id.clone())
                .collect();
            assert_eq!(ids.len(), 21);
            assert_eq!(ids[8], "A9");
            assert_eq!(ids[9], "A11");
            assert_eq!(ids[19], "B;1");
            assert_eq!(ids[20], "B\"2");
            let lines: Vec<usize> = records.iter().map(|record| record.line).collect();
            assert_eq!(lines, (2..=23).collect::<Vec<_>>());
        }
    }

    #[test]
    fn csv_line_numbers_count_blank_lines_as_an_editor_does() {
        let text = "insats;kon\ntrygghetslarm;kvinna\n\n\ntrygghetslarm;X\n \ntrygghetslarm;X\n";
        let records = records(text, CaseFormat::Csv);
        let lines: Vec<usize> = records.iter().map(|record| record.line).collect();
        assert_eq!(lines, [2, 5, 7]);
        let errors = errors(&records);
        let bad: Vec<usize> = errors.iter().map(|(line, _)| *line).collect();
        assert_eq!(bad, [5, 7], "{errors:?}");
        assert!(errors[0].1.starts_with("kolumn kon:"), "{errors:?}");
        // Blank lines before the header too.
        let records = records_of("\n\ninsats\ntrygghetslarm\n");
        assert_eq!(
            records.iter().map(|record| record.line).collect::<Vec<_>>(),
            [4]
        );
    }

    fn records_of(text: &str) -> Vec<Record> {
        records(text, CaseFormat::Csv)
    }

    #[test]
    fn a_column_named_twice_refuses_the_file() {
        let records = records_of("insats;kon;bor_ensam;kon\ntrygghetslarm;kvinna;ja;man\n");
        let twice = errors(&records);
        assert_eq!(twice.len(), 1);
        assert_eq!(
            twice[0].1,
            "kolumnen `kon` står två gånger i rubrikraden, som kolumn 2 och 4"
        );
        let unclosed = errors(&records_of("\"insats;kon\ntrygghetslarm;kvinna\n"));
        assert!(
            unclosed[0].1.contains("rubrikraden (rad 1)"),
            "{unclosed:?}"
        );
    }

    #[test]
    fn a_json_file_with_a_key_given_twice_is_refused_with_the_pointer() {
        let text = "\u{feff}[{\"schema_version\":1},{\"schema_version\":1,\"person\":{\"kon\":\"man\",\"kon\":\"kvinna\"}}]";
        let errors = errors(&records(text, CaseFormat::Json));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].1.contains("/1/person/kon"), "{errors:?}");
        assert!(errors[0].1.contains("två gånger"), "{errors:?}");
    }
}
