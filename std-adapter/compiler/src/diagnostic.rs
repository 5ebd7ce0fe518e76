//! Diagnostics: what the compiler finds wrong in a riktlinje, as data, and how it is shown.
//!
//! A [`Diagnostic`] has a byte span in one file, a stable [`Code`] (`R003`), a Swedish message
//! and optional notes ("menade du …").
//! The compiler collects them all instead of stopping at the first; `render` prints them with
//! file:line:col and the source line, through codespan-reporting.
//! This module holds no checks of its own.

use std::fmt;
use std::ops::Range;

use crate::texts;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

/// Which of a compilation's files a span is in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum File {
    /// The riktlinje being compiled.
    #[default]
    Riktlinje,
    /// The national baseline it builds on.
    Grund,
}

/// A byte range in one of a compilation's files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// The file.
    pub file: File,
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One file a compilation reads: its name as shown to people, and its text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The name (a path, as given).
    pub name: &'a str,
    /// The text.
    pub text: &'a str,
}

/// The files of one compilation: the riktlinje and, when it builds on one, the baseline.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    /// The riktlinje.
    pub riktlinje: Source<'a>,
    /// The national baseline it names in `bygger_på`, when there is one.
    pub grund: Option<Source<'a>>,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The riktlinje cannot be compiled, or would compile to something wrong.
    Fel,
}

/// The stable codes of diagnostics; the number never changes meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    /// R001: a name in a condition is no known fact, parameter or value.
    OkandUppgift,
    /// R002: a condition compares or combines values of the wrong types.
    Typfel,
    /// R003: a rule can never decide, because earlier rules already cover every case it does.
    SkuggadRegel,
    /// R004: two rules (or insatser, parameters) have the same id.
    DubblettId,
    /// R005: an insats (or a kind of skyddsåtgärd) has no rule.
    InsatsUtanRegel,
    /// R006: a rule names an insats (or a kind of skyddsåtgärd) the riktlinje does not describe.
    OkandInsats,
    /// R007: the riktlinje does not fit the core's capacities.
    Kapacitet,
    /// R008: the front matter is missing or wrong.
    Huvud,
    /// R009: a line or an expression cannot be read.
    Syntax,
    /// R010: a required key is missing.
    NyckelSaknas,
    /// R011: a key the block does not take.
    OkandNyckel,
    /// R012: a value is not one of those the key takes.
    OgiltigtVarde,
    /// R013: a rule test in the riktlinje fails.
    RegeltestFel,
    /// R014: a condition can never hold.
    AldrigUppfylld,
    /// R015: a condition reads a fact that a rule of its kind never has (a skyddsåtgärd's fact
    /// in a rule about an insats, or the other way round), or one the riktlinje cannot give.
    FelUppgiftForRegeln,
    /// R016: a riktlinje's own rule says the law bars an insats (`lagen_hindrar`), which only the
    /// national baseline may say.
    LagenHindrarIRiktlinjen,
}

pub use crate::texts::{LAGEN_HINDRAR_I_RIKTLINJEN, LAGEN_HINDRAR_I_RIKTLINJEN_NOTER};

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Its stable code.
    pub code: Code,
    /// Where it is.
    pub span: Span,
    /// What is wrong, in Swedish.
    pub message: String,
    /// Further help: a suggestion, the rule that shadows, the expected value.
    pub notes: Vec<String>,
}

/// A diagnostic with its file and position resolved, for JSON output.
#[derive(Clone, Debug, Serialize)]
pub struct Located<'a> {
    /// The file.
    pub fil: &'a str,
    /// The 1-based line.
    pub rad: usize,
    /// The 1-based column, in characters.
    pub kolumn: usize,
    /// The code, such as `R003`.
    pub kod: &'static str,
    /// The message.
    pub meddelande: &'a str,
    /// Notes.
    pub noter: &'a [String],
}

impl Span {
    /// A span from `start` to `end` in the riktlinje.
    pub fn new(start: usize, end: usize) -> Span {
        Span::in_file(File::Riktlinje, start, end)
    }

    /// A span from `start` to `end` in `file`.
    pub fn in_file(file: File, start: usize, end: usize) -> Span {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }

    fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl Code {
    /// The code as written in output, `R001` to `R016`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::OkandUppgift => "R001",
            Code::Typfel => "R002",
            Code::SkuggadRegel => "R003",
            Code::DubblettId => "R004",
            Code::InsatsUtanRegel => "R005",
            Code::OkandInsats => "R006",
            Code::Kapacitet => "R007",
            Code::Huvud => "R008",
            Code::Syntax => "R009",
            Code::NyckelSaknas => "R010",
            Code::OkandNyckel => "R011",
            Code::OgiltigtVarde => "R012",
            Code::RegeltestFel => "R013",
            Code::AldrigUppfylld => "R014",
            Code::FelUppgiftForRegeln => "R015",
            Code::LagenHindrarIRiktlinjen => "R016",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Fel,
            code,
            span,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// The same diagnostic with a note added.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Line and column (1-based, columns in characters) of the start of the span in `text` (the
    /// text of the span's file).
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        let before = text.get(..self.span.start.min(text.len())).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |index| index + 1);
        let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
        (line, column)
    }

    /// This diagnostic with its position resolved, for JSON output.
    pub fn locate<'a>(&'a self, sources: &Sources<'a>) -> Located<'a> {
        let source = sources.of(self.span.file);
        let (rad, kolumn) = self.line_col(source.text);
        Located {
            fil: source.name,
            rad,
            kolumn,
            kod: self.code.as_str(),
            meddelande: &self.message,
            noter: &self.notes,
        }
    }
}

impl<'a> Sources<'a> {
    /// A riktlinje that builds on no baseline.
    pub fn alone(name: &'a str, text: &'a str) -> Sources<'a> {
        Sources {
            riktlinje: Source { name, text },
            grund: None,
        }
    }

    /// The file a span is in (the riktlinje, should a span name a baseline that is not here).
    pub fn of(&self, file: File) -> Source<'a> {
        match (file, self.grund) {
            (File::Grund, Some(grund)) => grund,
            _ => self.riktlinje,
        }
    }
}

/// Renders `diagnostics` as a person reads them: `fel[R001]: …` with `fil:rad:kolumn` and the
/// source line underlined, each in the file it is in.
pub fn render(sources: &Sources<'_>, diagnostics: &[Diagnostic], color: bool) -> String {
    let config = Config::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let source = sources.of(diagnostic.span.file);
        let file = SimpleFile::new(source.name, source.text);
        let report = Report::new(match diagnostic.severity {
            Severity::Fel => ReportSeverity::Error,
        })
        .with_code(diagnostic.code.as_str())
        .with_message(&diagnostic.message)
        .with_labels(vec![Label::primary((), diagnostic.span.range())])
        .with_notes(diagnostic.notes.clone());
        let result = if color {
            let mut writer = term::termcolor::Ansi::new(&mut out);
            term::emit_to_write_style(&mut writer, &config, &file, &report)
        } else {
            let mut writer = term::termcolor::NoColor::new(&mut out);
            term::emit_to_write_style(&mut writer, &config, &file, &report)
        };
        if result.is_err() {
            let (line, column) = diagnostic.line_col(source.text);
            out.extend_from_slice(
                texts::fel(
                    diagnostic.code,
                    &diagnostic.message,
                    source.name,
                    line,
                    column,
                )
                .as_bytes(),
            );
        }
    }
    String::from_utf8_lossy(&out).replace("error[", "fel[")
}
