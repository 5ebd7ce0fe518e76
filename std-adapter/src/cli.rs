//! The `riktlinjer` command: arguments (clap, Swedish help) → validated inputs → subcommands.
//!
//! Each subcommand is a plain function over the library that writes to the given output and
//! returns an [`Exit`]: 0 when all is well, 1 when a check found problems, 2 for a usage or I/O
//! error. `main` only maps that to the process exit code.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};
use riktlinjer_core::{Date, Table, evaluate};
use serde_json::json;

use crate::case_input::{self, CaseInput};
use crate::compile;
use crate::diagnostic;
use crate::render;
use crate::store::{LoadError, Store};

const HELP_TEMPLATE: &str = "{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "riktlinjer",
    version,
    about = "Riktlinjer för myndighetsutövning (SoL, LSS): kontrollera, kompilera och pröva ärenden",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    next_help_heading = "Flaggor",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    /// Visa hjälp.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Visa versionen.
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kontrollera riktlinjer: varje fel visas med fil, rad och kolumn.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Check(CheckArgs),
    /// Kompilera en riktlinje till en regeltabell.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Compile(CompileArgs),
    /// Pröva ett ärende mot en riktlinje.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Eval(EvalArgs),
    /// Visa vad som ändrats mellan två versioner av en riktlinje, regel för regel.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Diff(crate::diff::DiffArgs),
    /// Pröva alla gällande beslut enligt två versioner: en arbetslista för handläggare.
    ///
    /// Inget beslut ändras automatiskt: listan visar de beslut som skulle få ett annat utfall och
    /// vad lagen medger för vart och ett. Avslutas med 1 om någon rad i ärendefilen avvisades.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Omprovning(crate::batch::OmprovningArgs),
    /// Skriv en syntetisk population av ärenden med beslut, för test och prestandamätning.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Generera(crate::generate::GenereraArgs),
    /// Räkna ut en frist: sista dag att överklaga, eller när ett ej verkställt beslut ska
    /// rapporteras till IVO.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Frist(crate::frist_cli::FristArgs),
    /// Kvartalsrapport om ej verkställda beslut till IVO och revisorerna, med statistik till
    /// fullmäktige.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Ivo(crate::report::ivo::IvoArgs),
    /// Starta JSON-tjänsten för verksamhetssystem (/v1, med OpenAPI-dokument).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Serve(crate::http::ServeArgs),
    /// Skapa ett token för en anropare till tjänsten; visas bara en gång.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Token(crate::http::TokenArgs),
    /// Pröva om varje prövning i en granskningslogg och visa dem som inte ger samma svar.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    VerifyAudit(crate::audit::VerifyAuditArgs),
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text för en handläggare.
    Text,
    /// JSON för ett verksamhetssystem.
    Json,
}

/// `riktlinjer check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Riktlinjer (.md) eller mappar med riktlinjer.
    #[arg(required = true, value_name = "SÖKVÄG", help_heading = "Argument")]
    paths: Vec<PathBuf>,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    format: Format,
}

/// `riktlinjer compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Riktlinjen (.md).
    #[arg(value_name = "RIKTLINJE", help_heading = "Argument")]
    source: PathBuf,
    /// Filen som regeltabellen skrivs till.
    #[arg(short = 'o', long = "out", value_name = "TABELL")]
    out: PathBuf,
}

/// `riktlinjer eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// En riktlinje (.md), en regeltabell (.bin) eller en mapp med versioner.
    #[arg(long, value_name = "SÖKVÄG")]
    rules: PathBuf,
    /// Ärendet (JSON), eller `-` för standard in.
    #[arg(long = "case", value_name = "ÄRENDE")]
    case: PathBuf,
    /// Prövningsdag (ÅÅÅÅ-MM-DD); utan den dagens datum.
    #[arg(long = "as-of", value_name = "DATUM", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Pröva mot en namngiven version (id) i stället för den som gäller prövningsdagen.
    #[arg(long = "version", value_name = "ID")]
    version: Option<String>,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    format: Format,
}

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

/// An error a subcommand reports on standard error, with exit 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

impl From<LoadError> for CliError {
    fn from(error: LoadError) -> CliError {
        CliError(error.to_string())
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|error| format!("`{text}` är inget giltigt datum: {error}"))
}

/// Parses the arguments; on a usage error returns the Swedish message and the exit code.
///
/// # Errors
/// The text to print and the exit (0 for `--help` and `--version`, 2 otherwise).
pub fn parse_args<I, T>(args: I) -> Result<Cli, (String, Exit)>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    Cli::try_parse_from(args).map_err(|error| match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            (swedish_help(&error.to_string()), Exit::Ok)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            (swedish_help(&error.to_string()), Exit::Error)
        }
        _ => (swedish_usage_error(&error), Exit::Error),
    })
}

/// Clap writes a few fixed words of its help in English; this puts them in Swedish.
fn swedish_help(text: &str) -> String {
    [
        ("Usage:", "Användning:"),
        ("[OPTIONS]", "[FLAGGOR]"),
        ("<COMMAND>", "<KOMMANDO>"),
        ("Possible values:", "Möjliga värden:"),
        ("[possible values:", "[möjliga värden:"),
        ("[default:", "[standard:"),
        ("Options:", "Flaggor:"),
        ("Arguments:", "Argument:"),
        ("Commands:", "Kommandon:"),
    ]
    .iter()
    .fold(text.to_owned(), |text, (english, swedish)| {
        text.replace(english, swedish)
    })
}

fn swedish_usage_error(error: &clap::Error) -> String {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(", "),
        _ => String::new(),
    };
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            format!("okänd flagga `{}`", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "okänt kommando `{}`",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("detta måste anges: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => {
            let usage = match error.get(ContextKind::Usage) {
                Some(ContextValue::StyledStr(usage)) => swedish_help(&usage.to_string()),
                _ => String::new(),
            };
            format!("ange ett kommando\n\n{}", usage.trim())
        }
        ErrorKind::InvalidValue => format!(
            "ogiltigt värde `{}` för {}; möjliga värden: {}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(error)
                .map(|source| swedish_parse_error(&source.to_string()))
                .unwrap_or_default();
            format!(
                "ogiltigt värde `{}` för {}: {source}",
                context(ContextKind::InvalidValue),
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict
            if context(ContextKind::InvalidArg) == context(ContextKind::PriorArg) =>
        {
            format!("{} anges mer än en gång", context(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => format!(
            "{} kan inte anges tillsammans med {}",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => format!(
            "{} anges för många gånger",
            context(ContextKind::InvalidArg)
        ),
        _ => "felaktiga argument".to_owned(),
    };
    format!("fel: {message}\n\nSe `riktlinjer --help`.\n")
}

/// The standard library's number parse errors in Swedish; the project's own parsers already
/// answer in Swedish and pass through unchanged.
fn swedish_parse_error(text: &str) -> String {
    match text {
        "invalid digit found in string" => "ska vara ett heltal utan tecken, till exempel 1000",
        "number too large to fit in target type" => "talet är för stort",
        "number too small to fit in target type" => "talet är för litet",
        "cannot parse integer from empty string" => "värdet är tomt",
        "invalid float literal" => "ska vara ett tal",
        _ => text,
    }
    .to_owned()
}

/// Runs a parsed command, writing results to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> Exit {
    let result =
        match cli.command {
            Command::Check(args) => check(&args, out, err, color),
            Command::Compile(args) => compile_command(&args, err, color),
            Command::Eval(args) => eval(&args, out),
            Command::Diff(args) => {
                crate::diff::diff_command(&args, out).map_err(|error| CliError(error.to_string()))
            }
            Command::Omprovning(args) => crate::batch::omprovning(&args, out, err)
                .map_err(|error| CliError(error.to_string())),
            Command::Generera(args) => crate::generate::run(&args, out),
            Command::Frist(args) => {
                crate::frist_cli::run(&args, out, err).map_err(|error| CliError(error.to_string()))
            }
            Command::Ivo(args) => crate::report::ivo::run(&args, out, err)
                .map_err(|error| CliError(error.to_string())),
            Command::Serve(args) => {
                crate::http::serve(&args, out, err).map_err(|error| CliError(error.to_string()))
            }
            Command::Token(args) => {
                crate::http::token_command(&args, out).map_err(|error| CliError(error.to_string()))
            }
            Command::VerifyAudit(args) => {
                crate::audit::verify(&args, out).map_err(|error| CliError(error.to_string()))
            }
        };
    match result {
        Ok(exit) => exit,
        Err(error) => {
            let _ = writeln!(err, "fel: {error}");
            Exit::Error
        }
    }
}

/// A Swedish text for an I/O error.
pub fn io_text(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "filen eller mappen finns inte".to_owned(),
        io::ErrorKind::PermissionDenied => "behörighet saknas".to_owned(),
        io::ErrorKind::InvalidData => "filen är inte giltig UTF-8-text".to_owned(),
        io::ErrorKind::IsADirectory => "är en mapp, inte en fil".to_owned(),
        io::ErrorKind::NotADirectory => "en del av sökvägen är en fil, inte en mapp".to_owned(),
        io::ErrorKind::AlreadyExists => "finns redan".to_owned(),
        io::ErrorKind::StorageFull => "disken är full".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "filsystemet går bara att läsa".to_owned(),
        io::ErrorKind::FileTooLarge => "filen är för stor".to_owned(),
        io::ErrorKind::InvalidFilename => "namnet går inte att använda som filnamn".to_owned(),
        io::ErrorKind::ResourceBusy => "filen används av ett annat program".to_owned(),
        io::ErrorKind::UnexpectedEof => "filen tar slut för tidigt".to_owned(),
        io::ErrorKind::TimedOut => "tiden tog slut".to_owned(),
        io::ErrorKind::Interrupted => "avbröts".to_owned(),
        // The operating system's own words, after a Swedish one, for what is left.
        _ => format!("läs- eller skrivfel ({error})"),
    }
}

/// The first pair of flags whose files are the same file, if any: an output must never be a
/// file the command reads (it would be emptied before it is read) or another output.
///
/// `-` (standard in or out) is never a file. Two paths are the same file when they name one
/// existing file (through links or `..` too) or, for a file not yet written, the same place.
pub fn same_file<'a>(files: &[(&'a str, &'a Path)]) -> Option<(&'a str, &'a str, &'a Path)> {
    let place = |path: &Path| -> Option<PathBuf> {
        if path == Path::new("-") {
            return None;
        }
        if let Ok(found) = std::fs::canonicalize(path) {
            return Some(found);
        }
        // Not written yet: its folder's canonical place and its name.
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
    };
    let places: Vec<_> = files
        .iter()
        .map(|(flag, path)| (*flag, *path, place(path)))
        .collect();
    for (index, (first, _, first_place)) in places.iter().enumerate() {
        for (second, path, second_place) in places.iter().skip(index + 1) {
            if first_place.is_some() && first_place == second_place {
                return Some((first, second, path));
            }
        }
    }
    None
}

/// [`same_file`] as a usage error in Swedish.
///
/// # Errors
/// A [`CliError`] naming both flags and the file.
pub fn ensure_distinct_files(files: &[(&str, &Path)]) -> Result<(), CliError> {
    match same_file(files) {
        Some((first, second, path)) => Err(CliError(format!(
            "{first} och {second} pekar på samma fil ({}); välj en annan fil för {second}, annars skrivs den över",
            path.display()
        ))),
        None => Ok(()),
    }
}

fn read_text(path: &Path) -> Result<String, CliError> {
    if path == Path::new("-") {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| CliError(format!("standard in: {}", io_text(&error))))?;
        return Ok(without_bom(text));
    }
    std::fs::read_to_string(path)
        .map(without_bom)
        .map_err(|error| CliError(format!("{}: {}", path.display(), io_text(&error))))
}

/// [`case_input::strip_bom`] for text read whole from a file, without copying it.
pub fn without_bom(mut text: String) -> String {
    let bom = text.len() - case_input::strip_bom(&text).len();
    text.drain(..bom);
    text
}

fn sources_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|error| CliError(format!("{}: {}", path.display(), io_text(&error))))?;
        if metadata.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|error| CliError(format!("{}: {}", path.display(), io_text(&error))))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|file| {
                    file.extension().is_some_and(|ext| ext == "md")
                        && file.file_name().is_some_and(|name| name != "README.md")
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(CliError(format!(
                    "{}: mappen innehåller ingen riktlinje (.md)",
                    path.display()
                )));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn check(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> Result<Exit, CliError> {
    let files = sources_of(&args.paths)?;
    let mut n_problems = 0usize;
    let mut report = Vec::new();
    for file in &files {
        let text = read_text(file)?;
        let compiled = compile::compile(&text);
        let name = file.display().to_string();
        n_problems += compiled.diagnostics.len();
        match args.format {
            Format::Text => {
                let _ = write!(
                    err,
                    "{}",
                    diagnostic::render(&name, &text, &compiled.diagnostics, color)
                );
                let passed = compiled
                    .rule_tests
                    .iter()
                    .filter(|test| test.godkant)
                    .count();
                let status = if compiled.diagnostics.is_empty() {
                    "ok".to_owned()
                } else {
                    format!("{} fel", compiled.diagnostics.len())
                };
                let _ = writeln!(
                    out,
                    "{name}: {status} ({passed} av {} regeltester godkända)",
                    compiled.rule_tests.len()
                );
            }
            Format::Json => {
                let located: Vec<_> = compiled
                    .diagnostics
                    .iter()
                    .map(|d| d.locate(&name, &text))
                    .collect();
                report.push(
                    json!({ "fil": name, "fel": located, "regeltester": compiled.rule_tests }),
                );
            }
        }
    }
    // A folder is a version store: its versions must also be told apart, as `eval` and
    // `serve` require when they load it.
    for folder in args.paths.iter().filter(|path| path.is_dir()) {
        let problem = match Store::load(folder) {
            Err(error @ (LoadError::Duplicate { .. } | LoadError::SameGiltigFran { .. })) => {
                error.to_string()
            }
            _ => continue,
        };
        n_problems += 1;
        match args.format {
            Format::Text => {
                let _ = writeln!(err, "fel: {problem}");
                let _ = writeln!(out, "{}: 1 fel mellan versionerna", folder.display());
            }
            Format::Json => report.push(
                json!({ "mapp": folder.display().to_string(), "fel": [{ "meddelande": problem }] }),
            ),
        }
    }
    if args.format == Format::Json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    }
    Ok(if n_problems == 0 {
        Exit::Ok
    } else {
        Exit::Problems
    })
}

fn compile_command(args: &CompileArgs, err: &mut dyn Write, color: bool) -> Result<Exit, CliError> {
    ensure_distinct_files(&[("RIKTLINJE", &args.source), ("--out", &args.out)])?;
    let text = read_text(&args.source)?;
    let compiled = compile::compile(&text);
    let name = args.source.display().to_string();
    let _ = write!(
        err,
        "{}",
        diagnostic::render(&name, &text, &compiled.diagnostics, color)
    );
    let Some(bytes) = compiled.bytes else {
        let _ = writeln!(
            err,
            "{name}: {} fel; ingen regeltabell skrevs",
            compiled.diagnostics.len()
        );
        return Ok(Exit::Problems);
    };
    std::fs::write(&args.out, &bytes)
        .map_err(|error| CliError(format!("{}: {}", args.out.display(), io_text(&error))))?;
    let table = Table::decode(&bytes).map_err(|error| CliError(error.to_string()))?;
    let _ = writeln!(
        err,
        "{name} → {} ({} byte, {} insatser, {} regler, innehållshash {})",
        args.out.display(),
        bytes.len(),
        table.insatser.len(),
        table.rules.len(),
        render::hash_hex(&table.content_hash)
    );
    Ok(Exit::Ok)
}

/// Today's date in UTC, for when no `--as-of` is given.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i32::try_from(seconds / 86_400).unwrap_or(0);
    Date::from_days(days).unwrap_or(Date::EPOCH)
}

fn eval(args: &EvalArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let store = Store::load(&args.rules)?;
    let text = read_text(&args.case)?;
    let input: CaseInput = case_input::from_json(&text)
        .map_err(|error| CliError(format!("{}: {error}", args.case.display())))?;
    let as_of = args.as_of.unwrap_or_else(today);
    let version = match &args.version {
        Some(id) => store.by_id(id).ok_or_else(|| {
            let known: Vec<&str> = store
                .versions
                .iter()
                .map(|v| v.riktlinje_id.as_str())
                .collect();
            CliError(format!(
                "ingen version med id `{id}`; de som finns är {}",
                known.join(", ")
            ))
        })?,
        None => store.in_force(as_of).ok_or_else(|| {
            CliError(format!(
                "{}: ingen antagen version av riktlinjen gäller {as_of}",
                args.rules.display()
            ))
        })?,
    };
    let table = version
        .table()
        .map_err(|error| CliError(format!("{}: {error}", version.path.display())))?;
    let evaluation =
        evaluate(&table, &input.case, as_of).map_err(|error| CliError(error.to_string()))?;
    let written = match args.format {
        Format::Json => {
            let value = render::to_json(&table, &input, &evaluation);
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
        Format::Text => write!(out, "{}", render::to_text(&table, &input, &evaluation)),
    };
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(CliError(format!("standard ut: {}", io_text(&error))))
        }
        _ => Ok(Exit::Ok),
    }
}
