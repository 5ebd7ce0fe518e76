//! The command line of `riktlinjer`: every flag as clap reads it, with Swedish help and Swedish
//! usage errors.
//!
//! This module only describes and parses: each subcommand's arguments are plain data that
//! `command` turns into library calls. Values are checked here only as far as their type goes
//! (a date, an address, a number); what they mean is checked by the library.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};
use riktlinjer_core::{Date, Lag};
use riktlinjer_library::frist::DateInput;
use riktlinjer_library::report::ivo::{Kvartal, ReportFormat};

use crate::Exit;
use crate::texts;

const HELP_TEMPLATE: &str = texts::ANVANDNING;

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
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
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
    Diff(DiffArgs),
    /// Pröva alla gällande beslut enligt två versioner: en arbetslista för handläggare.
    ///
    /// Inget beslut ändras automatiskt: listan visar de beslut som skulle få ett annat utfall och
    /// vad lagen medger för vart och ett. Avslutas med 1 om någon rad i ärendefilen avvisades.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Omprovning(OmprovningArgs),
    /// Skriv en syntetisk population av ärenden med beslut, för test och prestandamätning.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Generera(GenereraArgs),
    /// Räkna ut en frist: sista dag att överklaga, eller när ett ej verkställt beslut ska
    /// rapporteras till IVO.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Frist(FristArgs),
    /// Kvartalsrapport om ej verkställda beslut till IVO och revisorerna, med statistik till
    /// fullmäktige.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Ivo(IvoArgs),
    /// Starta JSON-tjänsten för verksamhetssystem (/v1, med OpenAPI-dokument).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Serve(ServeArgs),
    /// Fråga en tjänst som kör om den är frisk (GET /v1/health); slutkod 0 om den är det, annars 1.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Health(HealthArgs),
    /// Skapa ett token för en anropare till tjänsten; visas bara en gång.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Token(TokenArgs),
    /// Skapa en nyckel för granskningsloggens ärendereferenser (HMAC-SHA-256); skrivs till standard ut.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Nyckel,
    /// Skriv JSON-schemat för ärenden, det avtal ett verksamhetssystem skickar ärenden enligt:
    /// med den nationella faktakatalogen, eller med en riktlinjes egna uppgifter (--rules).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Schema(SchemaArgs),
    /// Publicera en riktlinjeversion som läsbar HTML: reglerna som tabeller med villkoren i ord,
    /// schablonerna som tabeller, och varje avsnitt med ett stabilt ankare (`#avsnitt-3-4`) som
    /// skälen i en prövning länkar till. `riktlinjer serve` visar samma sida på
    /// `/riktlinje/<id>`.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Publicera(PubliceraArgs),
    /// Skapa en ny riktlinje för en kommun att utgå från: byggd på den nationella grunden, med
    /// de avsnitt en riktlinje har och ett exempel på varje slags block; `check` godkänner den
    /// som den är. Skriver `<MAPP>/<kommun>/<giltig från>.md` och skriver aldrig över en fil.
    Ny(NyArgs),
    /// Loggkontroll: per handläggare och period, vilka ärenden som prövades; skyddade personuppgifter och ovanliga volymer flaggas.
    ///
    /// Avslutas med 1 om någon rad flaggas eller loggens hashkedja inte är hel.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Loggkontroll(LoggkontrollArgs),
    /// Kontrollera granskningsloggens hashkedja rad för rad och, med --rules och --cases, pröva om varje prövning.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    VerifyAudit(VerifyAuditArgs),
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text för en handläggare.
    Text,
    /// JSON för ett verksamhetssystem.
    Json,
}

impl Format {
    /// The library's value.
    pub fn format(self) -> riktlinjer_library::render::Format {
        match self {
            Format::Text => riktlinjer_library::render::Format::Text,
            Format::Json => riktlinjer_library::render::Format::Json,
        }
    }
}

/// `riktlinjer check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Riktlinjer (.md) eller mappar med riktlinjer.
    #[arg(required = true, value_name = "SÖKVÄG", help_heading = "Argument")]
    pub paths: Vec<PathBuf>,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: Format,
}

/// `riktlinjer compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Riktlinjen (.md).
    #[arg(value_name = "RIKTLINJE", help_heading = "Argument")]
    pub source: PathBuf,
    /// Filen som regeltabellen skrivs till.
    #[arg(short = 'o', long = "out", value_name = "TABELL")]
    pub out: PathBuf,
}

/// `riktlinjer schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// En riktlinje (.md), en regeltabell (.bin) eller en mapp med versioner: schemat får
    /// riktlinjens faktakatalog (utan flaggan den nationella).
    #[arg(long, value_name = "SÖKVÄG")]
    pub rules: Option<PathBuf>,
    /// Versionens id i mappen; utan den den senaste.
    #[arg(long = "version", value_name = "ID", requires = "rules")]
    pub version: Option<String>,
    /// Skriv hela OpenAPI-dokumentet för tjänstens API, med ärendets schema för versionen som
    /// anropens kropp (`Arende`), i stället för bara schemat.
    #[arg(long)]
    pub openapi: bool,
}

/// `riktlinjer publicera`.
#[derive(Debug, Args)]
pub struct PubliceraArgs {
    /// En riktlinje (.md) eller en mapp med versioner.
    #[arg(long, value_name = "SÖKVÄG")]
    pub rules: PathBuf,
    /// Versionens id i mappen; utan den den senaste.
    #[arg(long = "version", value_name = "ID")]
    pub version: Option<String>,
    /// HTML-filen att skriva.
    #[arg(long, value_name = "FIL")]
    pub out: PathBuf,
}

/// `riktlinjer ny`.
#[derive(Debug, Args)]
pub struct NyArgs {
    /// Kommunens namn, som det skrivs (`"Ödeshögs kommun"`); mappen och id:t görs av det.
    #[arg(value_name = "KOMMUN")]
    pub kommun: String,
    /// Nämnden som antar riktlinjen.
    #[arg(long = "namnd", value_name = "NÄMND", default_value = "Socialnämnden")]
    pub namnd: String,
    /// Första dagen riktlinjen ska gälla (ÅÅÅÅ-MM-DD); utan den dagens datum.
    #[arg(long = "giltig-fran", value_name = "DATUM", value_parser = parse_date)]
    pub giltig_fran: Option<Date>,
    /// Mappen med kommunernas riktlinjer.
    #[arg(long = "rules", value_name = "MAPP", default_value = "rules")]
    pub rules: PathBuf,
}

/// `riktlinjer eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// En riktlinje (.md), en regeltabell (.bin) eller en mapp med versioner.
    #[arg(long, value_name = "SÖKVÄG")]
    pub rules: PathBuf,
    /// Ärendet (JSON), eller `-` för standard in.
    #[arg(long = "case", value_name = "ÄRENDE")]
    pub case: PathBuf,
    /// Prövningsdag (ÅÅÅÅ-MM-DD); utan den dagens datum.
    #[arg(long = "as-of", value_name = "DATUM", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Pröva mot en namngiven version (id) i stället för den som gäller prövningsdagen.
    #[arg(long = "version", value_name = "ID")]
    pub version: Option<String>,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: Format,
    /// Sök också, för varje ansökan som inte uppfyller riktlinjen, den minsta ändringen av det
    /// som ansökan anger (hur ofta, hur mycket) som gör att den uppfyller riktlinjen.
    #[arg(long = "vad-andrar")]
    pub vad_andrar: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|error| texts::datumet(riktlinjer_library::texts::date_fault(error)))
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
        ("Possible values:", texts::MOJLIGA_VARDEN),
        ("[possible values:", texts::MOJLIGA_VARDEN_I_HAKPARENTES),
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
        ErrorKind::UnknownArgument => texts::okand_flagga(context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            texts::okant_kommando(context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            texts::detta_maste_anges(context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => {
            let usage = match error.get(ContextKind::Usage) {
                Some(ContextValue::StyledStr(usage)) => swedish_help(&usage.to_string()),
                _ => String::new(),
            };
            texts::ange_ett_kommando(usage.trim())
        }
        // The value itself is never repeated: it may be a date of birth or a personnummer
        // typed where it does not belong.
        ErrorKind::InvalidValue => texts::ogiltigt_varde_for_mojliga(
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue),
        ),
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(error)
                .map(|source| swedish_parse_error(&source.to_string()))
                .unwrap_or_default();
            texts::ogiltigt_varde_for(context(ContextKind::InvalidArg), &source)
        }
        ErrorKind::ArgumentConflict
            if context(ContextKind::InvalidArg) == context(ContextKind::PriorArg) =>
        {
            texts::anges_mer_an_en(context(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => texts::kan_inte_anges_tillsammans(
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg),
        ),
        ErrorKind::TooManyValues => texts::anges_for_manga_ganger(context(ContextKind::InvalidArg)),
        _ => texts::FELAKTIGA_ARGUMENT.to_owned(),
    };
    texts::fel_se_riktlinjer_help(&message)
}

/// The standard library's number parse errors in Swedish; the project's own parsers already
/// answer in Swedish and pass through unchanged.
fn swedish_parse_error(text: &str) -> String {
    match text {
        "invalid digit found in string" => texts::SKA_VARA_ETT_HELTAL,
        "number too large to fit in target type" => texts::TALET_AR_FOR_STORT,
        "number too small to fit in target type" => texts::TALET_AR_FOR_LITET,
        "cannot parse integer from empty string" => texts::VARDET_AR_TOMT,
        "invalid float literal" => texts::SKA_VARA_ETT_TAL,
        _ => text,
    }
    .to_owned()
}

/// `riktlinjer diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Den äldre versionen: en riktlinje (.md), en regeltabell (.bin) eller, med --rules, ett versions-id.
    /// Med `@` och en version av den nationella grunden (`exempelkommun-2025-01-01@sverige-2023-07-01`)
    /// jämförs versionen med lagen i den lydelsen.
    #[arg(value_name = "FRÅN", help_heading = "Argument")]
    pub from: String,
    /// Den nyare versionen, på samma sätt.
    #[arg(value_name = "TILL", help_heading = "Argument")]
    pub to: String,
    /// En mapp med versioner (`rules/<kommun>`); FRÅN och TILL är då versions-id.
    #[arg(long, value_name = "MAPP")]
    pub rules: Option<PathBuf>,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: Format,
}

/// `riktlinjer omprovning`.
#[derive(Debug, Args)]
pub struct OmprovningArgs {
    /// En mapp med versioner av riktlinjen (`rules/<kommun>`); krävs när versionerna anges med id.
    #[arg(long, value_name = "MAPP")]
    pub rules: Option<PathBuf>,
    /// Versionen besluten fattades enligt: ett versions-id i --rules eller en sökväg (.md, .bin).
    /// Med `@` och en version av den nationella grunden (`exempelkommun-2025-01-01@sverige-2023-07-01`)
    /// prövas den mot lagen i den lydelsen, oavsett prövningsdag; så prövar en ny lagtext om
    /// besluten.
    #[arg(long, value_name = "VERSION")]
    pub from: String,
    /// Den nya versionen (antagen eller förslag): ett versions-id i --rules eller en sökväg.
    #[arg(long, value_name = "VERSION")]
    pub to: String,
    /// Ärendena med gällande beslut: JSON Lines (.jsonl, .ndjson) eller CSV (.csv).
    #[arg(long, value_name = "ÄRENDEN")]
    pub cases: PathBuf,
    /// Prövningsdag (ÅÅÅÅ-MM-DD); utan den den nya versionens giltig från-dag, eller den dag dess
    /// lagversion träder i kraft när den är senare.
    #[arg(long = "as-of", value_name = "DATUM", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Skriv arbetslistan (JSON Lines) till filen i stället för standard ut.
    #[arg(long, value_name = "FIL")]
    pub out: Option<PathBuf>,
    /// Skriv en rapport till nämnden (fristående HTML) till filen.
    #[arg(long, value_name = "FIL")]
    pub report: Option<PathBuf>,
    /// Antal trådar; utan det en per kärna.
    #[arg(long = "tradar", value_name = "N", allow_negative_numbers = true)]
    pub threads: Option<usize>,
}

/// `riktlinjer generera`.
#[derive(Debug, Args)]
pub struct GenereraArgs {
    /// Antal ärenden (JSON Lines) eller rader (CSV).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub antal: u64,
    /// Frö: samma frö ger samma population, byte för byte.
    #[arg(
        long,
        value_name = "FRÖ",
        default_value = "1",
        allow_negative_numbers = true
    )]
    pub seed: u64,
    /// Format på standard ut.
    #[arg(long, value_enum, default_value = "jsonl", value_name = "FORMAT")]
    pub format: PopulationFormat,
}

/// The formats `generera` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PopulationFormat {
    /// JSON Lines: ett ärende per rad, med alla beslut.
    Jsonl,
    /// CSV med semikolon och CRLF, som svenska kalkylprogram skriver: ett beslut per rad.
    Csv,
}

/// `riktlinjer frist`.
#[derive(Debug, Args)]
#[command(
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    disable_help_subcommand = true
)]
pub struct FristArgs {
    /// The frist asked for.
    #[command(subcommand)]
    pub frist: FristCommand,
}

/// The frister `riktlinjer frist` computes.
#[derive(Debug, Subcommand)]
pub enum FristCommand {
    /// Sista dag att överklaga: tre veckor från delgivningen (44 § förvaltningslagen), flyttad till
    /// nästa vardag enligt 2 § lagen (1930:173).
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Flaggor",
        visible_alias = "överklagande"
    )]
    Overklagande(OverklagandeArgs),
    /// Dagen då ett ej verkställt beslut ska rapporteras till IVO: tre månader från beslutet eller
    /// avbrottet (34 kap. 1 § SoL, 28 f § LSS).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Flaggor")]
    Ivo(IvoFristArgs),
}

/// `riktlinjer frist overklagande`.
#[derive(Debug, Args)]
pub struct OverklagandeArgs {
    /// Dagar då beslutet delgavs (ÅÅÅÅ-MM-DD), eller `-` för ett datum per rad från standard in.
    #[arg(
        long,
        required = true,
        num_args = 1..,
        value_name = "DATUM",
        value_parser = riktlinjer_library::frist::parse_date_input
    )]
    pub delgiven: Vec<DateInput>,
    /// Utdataformat: text, eller JSON med ett objekt per rad.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: Format,
}

/// `riktlinjer frist ivo`.
#[derive(Debug, Args)]
pub struct IvoFristArgs {
    /// Beslutsdatum (ÅÅÅÅ-MM-DD), eller `-` för ett beslut per rad från standard in: beslutsdatum, och efter `;` dagen verkställigheten avbröts.
    #[arg(
        long,
        required = true,
        num_args = 1..,
        value_name = "DATUM",
        value_parser = riktlinjer_library::frist::parse_date_input
    )]
    pub beslutsdatum: Vec<DateInput>,
    /// Dagen verkställigheten avbröts (ÅÅÅÅ-MM-DD); fristen räknas då från avbrottet. Bara med ett enda beslutsdatum.
    #[arg(long, value_name = "DATUM", value_parser = parse_date)]
    pub avbrott: Option<Date>,
    /// Lagen beslutet är fattat enligt; den väljer lagrum. Utan den anges båda.
    #[arg(long, value_enum, value_name = "LAG", ignore_case = true)]
    pub lag: Option<LagArg>,
    /// Utdataformat: text, eller JSON med ett objekt per rad.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: Format,
}

/// The law a beslut is made under, as `--lag` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LagArg {
    /// Socialtjänstlagen.
    Sol,
    /// Lagen om stöd och service till vissa funktionshindrade.
    Lss,
}

impl LagArg {
    /// The core's value.
    pub fn lag(self) -> Lag {
        match self {
            LagArg::Sol => Lag::SoL,
            LagArg::Lss => Lag::Lss,
        }
    }
}

/// `riktlinjer ivo`.
#[derive(Debug, Args)]
pub struct IvoArgs {
    /// Ärendena: JSON Lines (.jsonl, ett ärende per rad), CSV (.csv) eller JSON (.json).
    #[arg(long, value_name = "FIL")]
    pub cases: PathBuf,
    /// Kvartalet som rapporteras, till exempel 2025Q3.
    #[arg(long, value_name = "KVARTAL", value_parser = Kvartal::parse)]
    pub kvartal: Kvartal,
    /// Dagen läget redovisas (ÅÅÅÅ-MM-DD); utan den kvartalets sista dag.
    #[arg(long, value_name = "DATUM", value_parser = parse_date)]
    pub rapportdag: Option<Date>,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: ReportFormatArg,
    /// Riktlinjen (.md, .bin eller en mapp med versioner): ger varje insats namn och lag.
    #[arg(long, value_name = "SÖKVÄG")]
    pub rules: PathBuf,
    /// Skriv rapporten till filen i stället för standard ut; filen skrivs hel eller inte alls.
    #[arg(long, value_name = "FIL")]
    pub out: Option<PathBuf>,
    /// Mottagaren: `ivo` (IVO och revisorerna, med identitetskod), eller `fullmaktige` (kommunfullmäktige och revisorerna, avidentifierad: födelseår och kön, ingen fritext, antal under 3 visas som <3).
    #[arg(long, value_enum, default_value = "ivo", value_name = "MOTTAGARE")]
    pub mottagare: MottagareArg,
}

/// Who the IVO report is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MottagareArg {
    /// IVO och revisorerna.
    Ivo,
    /// Kommunfullmäktige och revisorerna, avidentifierad.
    Fullmaktige,
}

/// The IVO report's output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// CSV för svenska Excel: semikolon, UTF-8 med BOM, CRLF.
    Csv,
    /// JSON för ett verksamhetssystem.
    Json,
    /// Text att läsa.
    Text,
}

impl ReportFormatArg {
    /// The library's value.
    pub fn format(self) -> ReportFormat {
        match self {
            ReportFormatArg::Csv => ReportFormat::Csv,
            ReportFormatArg::Json => ReportFormat::Json,
            ReportFormatArg::Text => ReportFormat::Text,
        }
    }
}

/// `riktlinjer serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// En mapp med riktlinjens versioner (eller en riktlinje eller regeltabell).
    #[arg(long, value_name = "SÖKVÄG")]
    pub rules: PathBuf,
    /// Adress och port att lyssna på; port 0 väljer en ledig port.
    #[arg(long, value_name = "ADRESS", default_value = "127.0.0.1:8080", value_parser = parse_addr)]
    pub addr: SocketAddr,
    /// Anropare och deras hashade token, en per rad: `namn:sha256hex` (se `riktlinjer token`); läses om när filen ändras.
    #[arg(long, value_name = "FIL", conflicts_with = "insecure_no_auth")]
    pub tokens: Option<PathBuf>,
    /// Granskningslogg (JSON Lines): varje prövning skrivs och synkas dit innan svaret skickas.
    #[arg(long, value_name = "FIL")]
    pub audit: Option<PathBuf>,
    /// Nyckelfil för granskningsloggens pseudonyma ärendereferenser (se `riktlinjer nyckel`); utan den skrivs ärende-id i klartext.
    #[arg(long = "audit-nyckel", value_name = "FIL", requires = "audit")]
    pub audit_key: Option<PathBuf>,
    /// Kör utan token; tillåts bara på en loopback-adress (127.0.0.1 eller ::1).
    #[arg(long)]
    pub insecure_no_auth: bool,
    /// Längsta tid för en begäran (huvud och kropp), i sekunder; sedan svarar tjänsten 408.
    #[arg(long, value_name = "SEKUNDER", default_value = "10", value_parser = parse_seconds)]
    pub request_timeout: Duration,
    /// Vid SIGTERM eller SIGINT: längsta tid i sekunder som pågående anrop får för att bli klara innan granskningsloggen synkas och tjänsten avslutas.
    #[arg(long, value_name = "SEKUNDER", default_value = "10", value_parser = parse_seconds)]
    pub shutdown_timeout: Duration,
    /// Egen adress och port för mätvärdena (/metrics) utan token, till exempel 127.0.0.1:9464; utan den finns /metrics på --addr och kräver token.
    #[arg(long, value_name = "ADRESS", value_parser = parse_addr)]
    pub metrics_addr: Option<SocketAddr>,
    /// Loggens form på standard fel: rader att läsa (i färg på en terminal) eller en JSON-rad per händelse för en loggtjänst.
    #[arg(
        long = "logg",
        value_enum,
        default_value = "text",
        value_name = "FORMAT"
    )]
    pub log_format: LogFormatArg,
}

/// The forms of the service's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormatArg {
    /// Rader att läsa.
    Text,
    /// En JSON-rad per händelse.
    Json,
}

/// `riktlinjer health`.
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Tjänstens adress och port.
    #[arg(long, value_name = "ADRESS", default_value = "127.0.0.1:8080", value_parser = parse_addr)]
    pub addr: SocketAddr,
    /// Längsta tid i sekunder för att ansluta, skicka och få svar.
    #[arg(long, value_name = "SEKUNDER", default_value = "3", value_parser = parse_seconds)]
    pub timeout: Duration,
}

/// `riktlinjer token`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Anroparens namn, som det skrivs i granskningsloggen (till exempel `lifecare`).
    #[arg(long, value_name = "NAMN")]
    pub namn: String,
    /// Tokenets roll: `handlaggare` för en handläggares eget token (namnet är handläggaren), `intygar-handlaggare` för ett verksamhetssystem som anger sin inloggade handläggare i rubriken Riktlinjer-Handlaggare. Utan den anger anroparen ingen handläggare.
    #[arg(long, value_enum, value_name = "ROLL")]
    pub roll: Option<RoleArg>,
}

/// The roles a token may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// En handläggares eget token.
    Handlaggare,
    /// Ett verksamhetssystem som intygar vilken handläggare som frågar.
    IntygarHandlaggare,
}

/// `riktlinjer verify-audit`.
#[derive(Debug, Args)]
pub struct VerifyAuditArgs {
    /// Granskningsloggarna (JSON Lines) som `riktlinjer serve --audit` skrev, i den ordning de skrevs.
    #[arg(value_name = "LOGG", required = true, help_heading = "Argument")]
    pub logs: Vec<PathBuf>,
    /// En mapp med riktlinjens versioner (samma som tjänsten använde); med --cases görs varje prövning om.
    #[arg(long, value_name = "SÖKVÄG", requires = "cases")]
    pub rules: Option<PathBuf>,
    /// Ärendena (JSON Lines, ett ärende per rad), som hittas på sitt `arende_id` eller sin ärendereferens.
    #[arg(long, value_name = "FIL", requires = "rules")]
    pub cases: Option<PathBuf>,
    /// Nyckelfil som ärendereferenserna skrevs med (kan anges flera gånger, en per nyckel som har använts).
    #[arg(long = "nyckel", value_name = "FIL")]
    pub keys: Vec<PathBuf>,
    /// Den föregående loggens sista hash, som den första raden ska fortsätta från.
    #[arg(long, value_name = "HASH")]
    pub foregaende: Option<String>,
}

/// `riktlinjer loggkontroll`.
#[derive(Debug, Args)]
pub struct LoggkontrollArgs {
    /// Granskningsloggarna (JSON Lines), i den ordning de skrevs.
    #[arg(value_name = "LOGG", required = true, help_heading = "Argument")]
    pub logs: Vec<PathBuf>,
    /// Första dagen som tas med (ÅÅÅÅ-MM-DD); utan den från loggens början.
    #[arg(long, value_name = "DATUM", value_parser = parse_date)]
    pub fran: Option<Date>,
    /// Sista dagen som tas med (ÅÅÅÅ-MM-DD); utan den till loggens slut.
    #[arg(long, value_name = "DATUM", value_parser = parse_date)]
    pub till: Option<Date>,
    /// Hur dagarna grupperas.
    #[arg(long, value_enum, default_value = "manad", value_name = "PERIOD")]
    pub period: PeriodArg,
    /// Flagga en handläggare med fler prövningar än så här på en dag.
    #[arg(long = "grans-per-dag", value_name = "N", default_value = "100")]
    pub provningar_per_dag: usize,
    /// Flagga en handläggare med fler ärenden med skyddade personuppgifter än så här under en period.
    #[arg(long = "grans-skyddade", value_name = "N", default_value = "2")]
    pub skyddade_per_period: usize,
    /// Utdataformat.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    pub format: LoggkontrollFormatArg,
    /// Skriv rapporten till filen i stället för standard ut; filen skrivs hel eller inte alls.
    #[arg(long, value_name = "FIL")]
    pub out: Option<PathBuf>,
}

/// The periods of a loggkontroll.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Varje dag.
    Dag,
    /// Varje vecka (ISO 8601).
    Vecka,
    /// Varje månad.
    Manad,
}

/// The forms of a loggkontroll.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LoggkontrollFormatArg {
    /// Text att läsa.
    Text,
    /// CSV för svenska Excel: semikolon, UTF-8 med BOM, CRLF; en rad per ärende.
    Csv,
    /// En fristående HTML-sida att diarieföra.
    Html,
}

fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    text.parse()
        .map_err(|_| texts::INGEN_ADRESS_MED_PORT.to_owned())
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|seconds| *seconds > 0.0)
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| texts::INGET_POSITIVT_ANTAL_SEKUNDER.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_addresses_speak_swedish() {
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err_and(|message| message.contains("positivt")));
        assert!(parse_addr("localhost").is_err_and(|message| message.contains("127.0.0.1:8080")));
    }
}
