//! Batch re-evaluation of existing decisions under two versions of a riktlinje:
//! `riktlinjer omprovning`.
//!
//! Every case of a file (JSON Lines or CSV, streamed by `case_stream`) is turned into the
//! prövningar it stands for by [`reprovning_case`], evaluated by `riktlinjer_core::evaluate`
//! under version A and version B on the same day, and compared. A case whose evaluation
//! changed is written, with the outcome before and after, the rules behind the difference and
//! a classification of what the law lets the nämnd do about it ([`Klass`]: FL 37 §, SoL 14 kap.
//! 9 §).
//! Nothing is ever changed automatically: the output is a worklist for handläggare, and it says
//! so in its first record and in the summary.
//!
//! **Streaming and order.** One thread reads the file in chunks (JSON Lines as blocks of whole
//! lines that the workers parse, CSV as parsed records); worker threads (one per core)
//! evaluate whole chunks; the calling thread writes the results back in input order. At most
//! a fixed number of chunks are in flight (a token per chunk, returned when it is written), so
//! memory does not grow with the number of cases, and the output is the same, byte for byte,
//! whatever the number of threads.
//!
//! **Accounting.** Every record read is counted as unchanged, changed or rejected (with its
//! line number and reason), and the totals add up to the number of records read.
//!
//! This module decides nothing itself: the outcome of every prövning, and the estimate of the
//! omfattning the new version would normally meet, come from the core.

use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use heapless::Vec as HVec;
use riktlinjer_core::limits::{MAX_ANSOKNINGAR, MAX_PROVNING_REASONS};
use riktlinjer_core::{
    Ansokan, Beslut, Case, Date, Enhet, Evaluation, Facts, Giltighet, InsatsEvaluation, Lag,
    MessageId, Outcome, Table, evaluate_provningar_into, outcome_of, set_ansokan_facts,
    set_person_facts,
};
use serde_json::{Value, json};

use crate::case::{self, Record};
use crate::case::{CaseInput, InputError};
use crate::diff::{self, Field, VersionError};
use crate::texts;

/// What `omprovning` is asked to do: the two versions, the cases, the day and the outputs.
#[derive(Clone, Debug)]
pub struct OmprovningOptions {
    /// A folder of versions (`rules/<kommun>`); needed when the versions are named by id.
    pub rules: Option<PathBuf>,
    /// The version the beslut were made under: an id in `rules`, or a path (.md, .bin).
    pub from: String,
    /// The new version (antagen or förslag), likewise.
    pub to: String,
    /// The cases with gällande beslut: JSON Lines (.jsonl, .ndjson) or CSV (.csv).
    pub cases: PathBuf,
    /// The day of prövning; without it the new version's giltig från.
    pub as_of: Option<Date>,
    /// Where the worklist goes; without it the `out` writer.
    pub out: Option<PathBuf>,
    /// Where the nämnd's HTML report goes, if anywhere.
    pub report: Option<PathBuf>,
    /// Worker threads; without it one per core.
    pub threads: Option<usize>,
}

/// Told how the run goes, so a terminal can show it; the library draws nothing itself.
pub trait Progress {
    /// `n` more cases are prövade.
    fn advance(&self, n: u64);
    /// The run is over (before the summary is written).
    fn finish(&self);
}

/// No one watches the run.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// Records read per chunk: large enough that handing chunks between threads costs little.
pub const CHUNK_RECORDS: usize = 2_048;

/// What the output says about itself, in its first record, its summary and its report.
pub const WORKLIST_NOTICE: &str = texts::DETTA_AR_EN_ARBETSLISTA;

/// The day SoL 14 kap. 9 § came into force with SoL (2025:400); tills vidare-beslut made before
/// it are outside it (övergångsbestämmelse 3).
pub const SOL_14_9_FROM: Date = riktlinjer_core::case_frister::NY_SOL_IKRAFT;

/// What a prövning in a re-evaluation stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The gällande beslut with this index in the case: re-prövad as if applied for.
    Beslut(u8),
    /// The explicit ansökan with this index in the case: not yet decided.
    Ansokan(u8),
}

/// A case ready for re-evaluation: the prövningar, and what each stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reprovning {
    /// The case to evaluate: the person and the beslut as they are, and one ansökan per
    /// prövning.
    pub case: Case,
    /// For each ansökan of `case`, in order, what it stands for.
    pub sources: HVec<Source, MAX_ANSOKNINGAR>,
}

/// Why a case cannot be re-evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConversionError {
    /// More gällande beslut and undecided ansökningar than one evaluation holds.
    TooManyProvningar {
        /// How many there are.
        count: usize,
    },
}

impl fmt::Display for ConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversionError::TooManyProvningar { count } => {
                write!(f, "{}", texts::arendet_har_gallande_beslut(count))
            }
        }
    }
}

impl std::error::Error for ConversionError {}

/// Turns an existing case into the prövningar of a re-evaluation on `as_of`.
///
/// This is the one place where a decision becomes an application, and it only moves facts:
/// - each gällande beslut (gynnande, decided on or before `as_of`, not past its last day;
///   `Beslut::is_in_force`) is prövad as if applied for, with its omfattning as sökt
///   omfattning, `as_of` as ansökningsdatum, and not `utan_behovsprövning` (a beslut is what
///   an individuell behovsprövning ends in; SoL 11 kap. 5 § insatser are given without one);
///   only the first gällande beslut of an insats counts, as for the fact
///   `har_gällande_beslut`;
/// - an explicit ansökan on the same insats as a gällande beslut describes what the beslut
///   covers (städning var n:e vecka, dusch per vecka, samtycken): its details are used for
///   that prövning, and it is not prövad on its own;
/// - every other explicit ansökan is an application not yet decided, and is prövad as it is;
/// - the person and the beslut stay as they are, so `har_gällande_beslut` and
///   `beviljad_omfattning` read the decision being re-prövad; the barnärende is left out
///   (it gives frister, never an outcome).
///
/// Which outcome follows is for `riktlinjer_core::evaluate` alone to say.
///
/// # Errors
/// [`ConversionError::TooManyProvningar`] when the prövningar do not fit one evaluation.
pub fn reprovning_case(
    case: &Case,
    as_of: Date,
    table: &Table<'_>,
) -> Result<Reprovning, ConversionError> {
    let mut reprovning = Reprovning {
        case: Case::default(),
        sources: HVec::new(),
    };
    reprovning_case_into(
        case,
        as_of,
        utan_behovsprovning_slot(table),
        &mut reprovning,
    )?;
    Ok(reprovning)
}

/// The slot of `utan_behovsprövning` in `table`'s catalogue, which a re-prövning of a beslut
/// sets to nej ([`reprovning_case`]); looked up once per table, not once per case.
pub fn utan_behovsprovning_slot(table: &Table<'_>) -> Option<u16> {
    table.fact_slot(UTAN_BEHOVSPROVNING)
}

/// As [`reprovning_case`] for the table in whose catalogue `utan_behovsprövning` has the slot
/// `utan_behovsprovning` ([`utan_behovsprovning_slot`]), into `reprovning`, whatever it held
/// before: a batch fills the same one case after case instead of building and moving several
/// kilobytes per case.
///
/// # Errors
/// As [`reprovning_case`]; `reprovning` then holds the prövningar that fitted.
pub fn reprovning_case_into(
    case: &Case,
    as_of: Date,
    utan_behovsprovning: Option<u16>,
    reprovning: &mut Reprovning,
) -> Result<(), ConversionError> {
    // Field by field, so the case's own ansökningar (several kilobytes) are not copied only to
    // be cleared.
    let target = &mut reprovning.case;
    target.person.clone_from(&case.person);
    target.ansokningar.clear();
    target.beslut.clear();
    for beslut in &case.beslut {
        // Same capacity: every beslut fits.
        let _ = target.beslut.push(beslut.clone());
    }
    target.barnarende = None;
    target.skyddsatgarder.clear();
    for atgard in &case.skyddsatgarder {
        let _ = target.skyddsatgarder.push(atgard.clone());
    }
    target.skyddat_boende = case.skyddat_boende;
    reprovning.sources.clear();
    let in_force = |beslut: &&Beslut| beslut.is_in_force(as_of);
    for (beslut_idx, beslut) in case.beslut.iter().enumerate() {
        if !beslut.is_in_force(as_of) || first_in_force(case, beslut, as_of) != Some(beslut_idx) {
            continue;
        }
        let mut ansokan = case
            .ansokningar
            .iter()
            .find(|ansokan| ansokan.insats == beslut.insats)
            .cloned()
            .unwrap_or_else(|| Ansokan {
                insats: beslut.insats.clone(),
                ..Ansokan::default()
            });
        ansokan.sokt_omfattning = beslut.omfattning;
        ansokan.ansokningsdatum = Some(as_of);
        // A beslut is what an individuell behovsprövning ends in: insatser utan behovsprövning
        // (SoL 11 kap. 5 §) are given without one.
        if let Some(slot) = utan_behovsprovning {
            // A full ansökan has room: the value replaces the ansökan's own when it has one.
            let _ = ansokan.facts.set(slot, 0);
        }
        let source = Source::Beslut(u8::try_from(beslut_idx).unwrap_or(u8::MAX));
        push(reprovning, ansokan, source, case, as_of)?;
    }
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        let decided = case
            .beslut
            .iter()
            .filter(in_force)
            .any(|beslut| beslut.insats == ansokan.insats);
        if !decided {
            let source = Source::Ansokan(u8::try_from(ansokan_idx).unwrap_or(u8::MAX));
            push(reprovning, ansokan.clone(), source, case, as_of)?;
        }
    }
    Ok(())
}

fn first_in_force(case: &Case, beslut: &Beslut, as_of: Date) -> Option<usize> {
    case.beslut
        .iter()
        .position(|other| other.insats == beslut.insats && other.is_in_force(as_of))
}

fn push(
    reprovning: &mut Reprovning,
    ansokan: Ansokan,
    source: Source,
    case: &Case,
    as_of: Date,
) -> Result<(), ConversionError> {
    let too_many = || {
        let n_beslut = case
            .beslut
            .iter()
            .enumerate()
            .filter(|(index, beslut)| first_in_force(case, beslut, as_of) == Some(*index))
            .count();
        let n_ansokningar = case
            .ansokningar
            .iter()
            .filter(|ansokan| {
                !case
                    .beslut
                    .iter()
                    .any(|beslut| beslut.insats == ansokan.insats && beslut.is_in_force(as_of))
            })
            .count();
        ConversionError::TooManyProvningar {
            count: n_beslut + n_ansokningar,
        }
    };
    reprovning
        .case
        .ansokningar
        .push(ansokan)
        .map_err(|_| too_many())?;
    reprovning.sources.push(source).map_err(|_| too_many())
}

/// What the law lets the nämnd do about a changed evaluation (FL 37 §, SoL 14 kap. 9 § and its
/// övergångsbestämmelse 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Klass {
    /// The new version is more favourable to the person.
    Formanligare,
    /// Less favourable, but a tills vidare-beslut made before 2025-07-01: it cannot be changed
    /// to the person's disadvantage (FL 37 §; SoL 14 kap. 9 § does not apply to it).
    KanInteAndrasTillNackdel,
    /// Less favourable: a tills vidare-beslut from 2025-07-01 may be changed to the person's
    /// disadvantage only if their förhållanden have changed väsentligt (SoL 14 kap. 9 §).
    VasentligtAndradeForhallanden,
    /// A tidsbegränsat beslut: the new version applies when it runs out and is prövat anew.
    VidUtgang,
    /// The law or the facts leave it to a handläggare: LSS (no 14 kap. 9 §), a missing fact,
    /// an undecided ansökan, an unknown giltighet.
    ManuellBedomning,
}

impl Klass {
    /// Every class, in report order.
    pub const ALL: [Klass; 5] = [
        Klass::Formanligare,
        Klass::KanInteAndrasTillNackdel,
        Klass::VasentligtAndradeForhallanden,
        Klass::VidUtgang,
        Klass::ManuellBedomning,
    ];

    /// The stable code in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Klass::Formanligare => "formanligare",
            Klass::KanInteAndrasTillNackdel => "kan_inte_andras_till_nackdel",
            Klass::VasentligtAndradeForhallanden => "vasentligt_andrade_forhallanden",
            Klass::VidUtgang => "provas_vid_utgang",
            Klass::ManuellBedomning => "kraver_manuell_bedomning",
        }
    }

    /// The class as a handläggare and a nämnd read it.
    pub fn label(self) -> &'static str {
        match self {
            Klass::Formanligare => "Förmånligare",
            Klass::KanInteAndrasTillNackdel => texts::MINDRE_FORMANLIG_TILLS_VIDARE,
            Klass::VasentligtAndradeForhallanden => texts::MINDRE_FORMANLIG_FAR_ANDRAS,
            Klass::VidUtgang => texts::PROVAS_NAR_DET_TIDSBEGRANSADE,
            Klass::ManuellBedomning => texts::KRAVER_MANUELL_BEDOMNING,
        }
    }

    /// A short name for charts.
    pub fn short_label(self) -> &'static str {
        match self {
            Klass::Formanligare => "Förmånligare",
            Klass::KanInteAndrasTillNackdel => texts::KAN_INTE_ANDRAS_FL,
            Klass::VasentligtAndradeForhallanden => texts::ENDAST_VID_VASENTLIG_ANDRING,
            Klass::VidUtgang => texts::VID_UTGANG,
            Klass::ManuellBedomning => texts::MANUELL_BEDOMNING,
        }
    }

    /// A column heading for tables.
    pub fn column_label(self) -> &'static str {
        match self {
            Klass::Formanligare => "Förmånligare",
            Klass::KanInteAndrasTillNackdel => "37 § FL",
            Klass::VasentligtAndradeForhallanden => "14:9 SoL",
            Klass::VidUtgang => texts::VID_UTGANG,
            Klass::ManuellBedomning => "Manuell",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The age groups of the report.
pub const AGE_GROUPS: [&str; 5] = [
    texts::AR_0_17,
    texts::AR_18_64,
    texts::AR,
    texts::AR_OCH_ALDRE,
    texts::OKAND_ALDER,
];

fn age_group(age: Option<u16>) -> usize {
    match age {
        Some(0..=17) => 0,
        Some(18..=64) => 1,
        Some(65..=79) => 2,
        Some(_) => 3,
        None => 4,
    }
}

/// Counts for one insats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InsatsStats {
    /// The insats id.
    pub insats: String,
    /// Its name, from the new version (or the old one, or the id).
    pub namn: String,
    /// Its unit, when a riktlinje describes it.
    pub enhet: Option<Enhet>,
    /// Prövningar of this insats.
    pub provningar: u64,
    /// Changed prövningar, per [`Klass`].
    pub per_klass: [u64; 5],
    /// Sum of estimated changes of omfattning, in thousandths of the insats's unit.
    pub uppskattad_forandring: i64,
    /// Changes to the person's disadvantage for which an estimate was found.
    pub uppskattade: u64,
    /// Changes to the person's disadvantage for which none was found.
    pub ej_uppskattade: u64,
}

/// The totals of a run: they add up (`read = unchanged + changed + rejected`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read.
    pub read: u64,
    /// Records whose evaluation did not change.
    pub unchanged: u64,
    /// Of those, cases with nothing to pröva (no gällande beslut, no ansökan).
    pub nothing_to_prova: u64,
    /// Records whose evaluation changed.
    pub changed: u64,
    /// Records rejected.
    pub rejected: u64,
    /// Prövningar made (per version).
    pub provningar: u64,
    /// Changed prövningar, per [`Klass`].
    pub per_klass: [u64; 5],
    /// Changed prövningar per age group ([`AGE_GROUPS`]).
    pub per_age: [u64; 5],
    /// Per insats, in the order the insatser first appear in the input.
    pub per_insats: Vec<InsatsStats>,
    /// The first rejected records: line and reason (all of them are in the worklist).
    pub rejected_lines: Vec<(usize, String)>,
    /// Facts given in the cases that the version before (0) and after (1) does not know: a case
    /// read under two versions whose catalogues differ is prövad with what each knows.
    pub unknown_facts: [u64; 2],
    /// The keys of those facts, per version, each once (at most [`MAX_LISTED_UNKNOWN`]).
    pub unknown_fact_keys: [std::collections::BTreeSet<String>; 2],
}

/// How many keys of facts a version does not know a summary names.
pub const MAX_LISTED_UNKNOWN: usize = 50;

/// The national catalogue's fact for an insats given without individual behovsprövning
/// (SoL 11 kap. 5 §): a beslut re-prövad is never one (`rules/sverige/`).
pub const UTAN_BEHOVSPROVNING: &str = "utan_behovsprövning";

/// How many rejected records a summary lists by line.
pub const MAX_LISTED_REJECTED: usize = 200;

/// Why a run could not be made.
#[derive(Debug)]
pub enum BatchError {
    /// A version could not be loaded.
    Version(VersionError),
    /// The case file could not be opened.
    Cases(InputError),
    /// An output could not be written.
    Write {
        /// The file, or `standard ut`.
        path: String,
        /// The cause.
        source: io::Error,
    },
    /// A worker thread stopped unexpectedly.
    Worker,
    /// An output names the case file or the other output.
    SameFile(crate::io::SameFile),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Version(error) => write!(f, "{error}"),
            BatchError::Cases(error) => write!(f, "{error}"),
            BatchError::Write { path, source } => {
                write!(f, "{path}: {}", crate::io::io_text(source))
            }
            BatchError::Worker => f.write_str(texts::EN_ARBETSTRAD_AVBROTS_OVANTAT),
            BatchError::SameFile(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for BatchError {}

impl From<VersionError> for BatchError {
    fn from(error: VersionError) -> BatchError {
        BatchError::Version(error)
    }
}

/// What every worker reads: the two tables, the day and the rule-level diff.
#[derive(Debug)]
pub struct Context<'t> {
    /// Version A: the one the decisions were made under.
    pub from: &'t Table<'t>,
    /// Version B: the new one.
    pub to: &'t Table<'t>,
    /// The day of prövning under both.
    pub as_of: Date,
    /// The material changes of each rule id, from `diff`.
    pub changed_rules: std::collections::BTreeMap<String, Vec<Field>>,
    /// How many of the changes from `from` to `to` the law makes (the national baseline's rules
    /// and parameters, as when the two are held to different versions of the law) and how many
    /// the riktlinje.
    pub changes_by_ursprung: (usize, usize),
    /// The catalogue of `from`, by case key.
    pub from_facts: case::FactIndex,
    /// The catalogue of `to`, by case key; shared with the readers, which bind each case to it
    /// as they read it when `same_reading` holds.
    pub to_facts: Arc<case::FactIndex>,
    /// Whether a case bound to `to` is read by `from` as if bound to it (`from`'s catalogue
    /// is `to`'s or its first part, and `utan_behovsprövning` has the same slot), so it is
    /// bound and converted once for both; the facts past `from`'s catalogue are then counted
    /// as unknown to `from` from the binding to `to`.
    pub same_reading: bool,
    /// The slot of `utan_behovsprövning` in `from`'s catalogue and in `to`'s.
    pub utan_behovsprovning: [Option<u16>; 2],
}

impl<'t> Context<'t> {
    /// The context for re-evaluating under `from` and `to` on `as_of`.
    pub fn new(from: &'t Table<'t>, to: &'t Table<'t>, as_of: Date) -> Context<'t> {
        let from_facts = case::FactIndex::of(from);
        let to_facts = case::FactIndex::of(to);
        let utan_behovsprovning = [utan_behovsprovning_slot(from), utan_behovsprovning_slot(to)];
        let changes = diff::diff(from, to);
        Context {
            from,
            to,
            as_of,
            changed_rules: changes.material_by_rule(),
            changes_by_ursprung: changes.by_ursprung(),
            same_reading: from_facts.reads_within(&to_facts)
                && utan_behovsprovning[0] == utan_behovsprovning[1],
            from_facts,
            to_facts: Arc::new(to_facts),
            utan_behovsprovning,
        }
    }
}

/// The result of one chunk: its output lines and its counts.
#[derive(Debug, Default)]
struct ChunkResult {
    lines: Vec<u8>,
    summary: Summary,
}

/// Re-prövar every case of `options.cases` under both versions: the worklist goes to
/// `options.out` (or `out`), the summary in words to `out` when the worklist went to a file
/// (otherwise to `err`), and the HTML report to `options.report`.
/// Returns the totals; a rejected line is counted there, not an error.
///
/// # Errors
/// A [`BatchError`] when a version, the case file or an output cannot be used.
pub fn omprovning(
    options: &OmprovningOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Summary, BatchError> {
    let args = options;
    let mut files = vec![("--cases", args.cases.as_path())];
    files.extend(args.out.as_deref().map(|path| ("--out", path)));
    files.extend(args.report.as_deref().map(|path| ("--report", path)));
    crate::io::ensure_distinct_files(&files).map_err(BatchError::SameFile)?;
    let (from_version, to_version) =
        diff::load_versions(args.rules.as_deref(), &args.from, &args.to)?;
    let from = diff::decode_version(&from_version)?;
    let to = diff::decode_version(&to_version)?;
    let as_of = args.as_of.unwrap_or_else(|| crate::grund::first_day(&to));
    // Open once here so a missing or unknown file is reported before any thread starts.
    drop(case::read_cases(&args.cases).map_err(BatchError::Cases)?);
    let context = Context::new(&from, &to, as_of);
    let summary = match &args.out {
        Some(path) => {
            // Written whole or not at all: a worklist cut off without its totals must never
            // be taken for a complete one.
            let mut writer = crate::io::AtomicFile::create(path).map_err(file_error)?;
            let summary = write_worklist(
                &context,
                args,
                &mut writer,
                &path.display().to_string(),
                progress,
            )?;
            writer.commit().map_err(file_error)?;
            summary
        }
        None => write_worklist(&context, args, out, texts::STANDARD_UT, progress)?,
    };
    let text = summary_text(&context, &summary, args.out.as_deref());
    let summary_out: &mut dyn Write = if args.out.is_some() { out } else { err };
    let _ = summary_out.write_all(text.as_bytes());
    if let Some(path) = &args.report {
        let html = crate::report::omprovning::render(&context, &summary);
        crate::io::write_atomically(path, html.as_bytes()).map_err(file_error)?;
        let _ = writeln!(
            summary_out,
            "{}",
            texts::rapporten_till_namnden(path.display())
        );
    }
    Ok(summary)
}

fn file_error(error: crate::io::FileError) -> BatchError {
    BatchError::Write {
        path: error.path.display().to_string(),
        source: error.source,
    }
}

/// The worklist of cases already in memory (the HTTP route): the first record, one record per
/// changed or rejected case in input order, and the totals, as [`omprovning`] writes them to a
/// file, one JSON value per record.
///
/// `arenden` names where the cases came from, as the first record's `arenden`; a rejected
/// case's `rad` is the number each record carries (the HTTP route gives the 0-based index).
pub fn worklist_of(
    context: &Context<'_>,
    arenden: &str,
    records: impl IntoIterator<Item = Record>,
) -> (Vec<Value>, Summary) {
    let mut result = ChunkResult::default();
    let mut evaluations = Evaluations::empty();
    for record in records {
        process_record(context, record, &mut result, &mut evaluations);
    }
    let mut values = vec![header_json(context, arenden)];
    values.extend(
        result
            .lines
            .split(|byte| *byte == b'\n')
            .filter(|line| !line.is_empty())
            .filter_map(|line| serde_json::from_slice::<Value>(line).ok()),
    );
    values.push(summary_json(&result.summary));
    (values, result.summary)
}

/// The worklist's first record: the versions, the day and what the list is.
fn header_json(context: &Context<'_>, arenden: &str) -> Value {
    json!({
        "typ": "omprovning",
        "upplysning": WORKLIST_NOTICE,
        "fran": version_json(context.from),
        "till": version_json(context.to),
        "provningsdag": context.as_of.to_string(),
        "arenden": arenden,
        "andringar_mellan_versionerna": {
            "fran_lagen": context.changes_by_ursprung.0,
            "fran_riktlinjen": context.changes_by_ursprung.1,
        },
    })
}

/// Writes the worklist: a first record naming the versions and saying what the list is, one
/// record per changed or rejected case in input order, and the totals last.
fn write_worklist(
    context: &Context<'_>,
    args: &OmprovningOptions,
    writer: &mut dyn Write,
    name: &str,
    progress: &dyn Progress,
) -> Result<Summary, BatchError> {
    let write_error = |source| BatchError::Write {
        path: name.to_owned(),
        source,
    };
    let header = header_json(context, &args.cases.display().to_string());
    writeln!(writer, "{header}").map_err(write_error)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let summary = run(context, &args.cases, threads, writer, &|n| {
        progress.advance(n)
    })
    .map_err(|error| match error {
        RunError::Write(source) => write_error(source),
        RunError::Worker => BatchError::Worker,
    })?;
    progress.finish();
    writeln!(writer, "{}", summary_json(&summary)).map_err(write_error)?;
    writer.flush().map_err(write_error)?;
    Ok(summary)
}

/// Why [`run`] stopped.
#[derive(Debug)]
pub enum RunError {
    /// The output could not be written.
    Write(io::Error),
    /// A worker thread panicked.
    Worker,
}

/// Bytes of JSON Lines handed to a worker at a time, cut after a line end.
pub const BLOCK_BYTES: usize = 1 << 20;

/// A piece of work: records the reading thread parsed (CSV), or a block of whole JSON Lines
/// that the worker parses itself, with the number of its first line.
#[derive(Debug)]
enum Job {
    Records(Vec<Record>),
    Lines { bytes: Vec<u8>, first_line: usize },
}

/// Re-evaluates every case in the file `cases` (by its extension, as `case_stream` reads it),
/// on `threads` worker threads, writing the changed and rejected records to `writer` in input
/// order; returns the totals. `progress` is told how many records each written chunk held.
///
/// JSON Lines are cut into blocks of whole lines on the reading thread, and each worker
/// parses its blocks with `case_stream`'s own reader, so parsing runs on every core; a CSV file
/// (one header for all rows) is parsed on the reading thread and handed on in chunks.
///
/// # Errors
/// [`RunError::Write`] when `writer` fails; the run stops there.
pub fn run(
    context: &Context<'_>,
    cases: &Path,
    threads: usize,
    writer: &mut dyn Write,
    progress: &dyn Fn(u64),
) -> Result<Summary, RunError> {
    let in_flight = 2 * threads + 2;
    let (work_tx, work_rx) = sync_channel::<(u64, Job)>(in_flight);
    let (done_tx, done_rx) = sync_channel::<(u64, ChunkResult)>(in_flight);
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = token_tx.send(());
    }
    let work_rx = Arc::new(Mutex::new(work_rx));
    std::thread::scope(|scope| {
        scope.spawn(move || read_jobs(cases, &work_tx, &token_rx));
        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || work(context, &work_rx, &done_tx));
        }
        drop(done_tx);
        let result = write_in_order(&done_rx, &token_tx, writer, progress);
        // Stop the reader if writing failed: it waits for tokens that will not come.
        drop(token_tx);
        drop(done_rx);
        result
    })
}

/// Sends the jobs of `cases` in order, each after taking a token (so at most a fixed number
/// are in flight).
fn read_jobs(cases: &Path, work_tx: &SyncSender<(u64, Job)>, token_rx: &Receiver<()>) {
    let mut sequence = 0u64;
    let mut send = |job: Job| -> bool {
        if token_rx.recv().is_err() || work_tx.send((sequence, job)).is_err() {
            return false;
        }
        sequence += 1;
        true
    };
    if case::CaseFormat::of(cases) == Some(case::CaseFormat::JsonLines) {
        match std::fs::File::open(cases) {
            Ok(file) => read_line_blocks(file, &mut send),
            Err(error) => {
                let message = format!("{}: {}", cases.display(), crate::io::io_text(&error));
                send(Job::Records(vec![Record {
                    line: 0,
                    result: Err(InputError {
                        syntax: false,
                        pointer: String::new(),
                        column: None,
                        message,
                    }),
                }]));
            }
        }
        return;
    }
    let reader: Box<dyn Iterator<Item = Record>> = match case::read_cases(cases) {
        Ok(reader) => Box::new(reader),
        Err(error) => Box::new(std::iter::once(Record {
            line: 0,
            result: Err(error),
        })),
    };
    let mut chunk = Vec::with_capacity(CHUNK_RECORDS);
    for record in reader {
        chunk.push(record);
        if chunk.len() == CHUNK_RECORDS {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_RECORDS));
            if !send(Job::Records(full)) {
                return;
            }
        }
    }
    if !chunk.is_empty() {
        send(Job::Records(chunk));
    }
}

/// Cuts `file` into blocks of whole lines of about [`BLOCK_BYTES`], counting lines so each
/// block knows the number of its first.
fn read_line_blocks(mut file: std::fs::File, send: &mut dyn FnMut(Job) -> bool) {
    use std::io::Read as _;
    let mut first_line = 1usize;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut block = std::mem::take(&mut carry);
        let start = block.len();
        // Up to a block's worth more, read into room that is not zeroed first: zeroing a
        // megabyte per block cost some 600 instructions per case read.
        block.reserve_exact(BLOCK_BYTES);
        let read = match (&mut file).take(BLOCK_BYTES as u64).read_to_end(&mut block) {
            Ok(read) => read,
            Err(error) => {
                block.truncate(start);
                if !block.is_empty() {
                    let n_lines = count_lines(&block);
                    send(Job::Lines {
                        bytes: block,
                        first_line,
                    });
                    first_line += n_lines;
                }
                send(Job::Records(vec![Record {
                    line: first_line,
                    result: Err(InputError {
                        syntax: false,
                        pointer: String::new(),
                        column: None,
                        message: crate::io::io_text(&error),
                    }),
                }]));
                return;
            }
        };
        if read == 0 {
            if !block.is_empty() {
                send(Job::Lines {
                    bytes: block,
                    first_line,
                });
            }
            return;
        }
        // Keep a line that goes on past the block for the next one.
        if let Some(end) = memchr::memrchr(b'\n', &block) {
            carry = block.split_off(end + 1);
        } else {
            carry = block;
            continue;
        }
        let n_lines = count_lines(&block);
        if !send(Job::Lines {
            bytes: block,
            first_line,
        }) {
            return;
        }
        first_line += n_lines;
    }
}

/// The line breaks in `bytes`: the reader thread counts them for every block before any worker
/// can start on it, so it is done with the vectorised search of `memchr`.
fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn work(
    context: &Context<'_>,
    work_rx: &Mutex<Receiver<(u64, Job)>>,
    done_tx: &SyncSender<(u64, ChunkResult)>,
) {
    loop {
        let job = match work_rx.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok((sequence, job)) = job else {
            return;
        };
        let mut result = ChunkResult::default();
        let mut evaluations = Evaluations::empty();
        match job {
            Job::Records(records) => {
                for record in records {
                    process_record(context, record, &mut result, &mut evaluations);
                }
            }
            Job::Lines { bytes, first_line } => {
                // Bound to `to` as they are read when `from` reads the cases alike: the one
                // binding `process_case` makes is then by that catalogue.
                let mut reader = if context.same_reading {
                    case::read_lines_bound(bytes, Arc::clone(&context.to_facts))
                } else {
                    case::read_lines(bytes)
                };
                while let Some(mut record) = reader.next() {
                    record.line += first_line - 1;
                    if let Some(input) =
                        process_record(context, record, &mut result, &mut evaluations)
                    {
                        reader.recycle(input);
                    }
                }
            }
        }
        if done_tx.send((sequence, result)).is_err() {
            return;
        }
    }
}

fn write_in_order(
    done_rx: &Receiver<(u64, ChunkResult)>,
    token_tx: &SyncSender<()>,
    writer: &mut dyn Write,
    progress: &dyn Fn(u64),
) -> Result<Summary, RunError> {
    let mut summary = Summary::default();
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0u64;
    for (sequence, result) in done_rx.iter() {
        waiting.insert(sequence, result);
        while let Some(result) = waiting.remove(&next) {
            writer.write_all(&result.lines).map_err(RunError::Write)?;
            progress(result.summary.read);
            summary.merge(result.summary);
            next += 1;
            let _ = token_tx.send(());
        }
    }
    if !waiting.is_empty() {
        return Err(RunError::Worker);
    }
    Ok(summary)
}

impl Summary {
    /// Adds the counts of a later part of the input.
    pub fn merge(&mut self, other: Summary) {
        self.read += other.read;
        self.unchanged += other.unchanged;
        self.nothing_to_prova += other.nothing_to_prova;
        self.changed += other.changed;
        self.rejected += other.rejected;
        self.provningar += other.provningar;
        self.unknown_facts[0] += other.unknown_facts[0];
        self.unknown_facts[1] += other.unknown_facts[1];
        for (mine, theirs) in self
            .unknown_fact_keys
            .iter_mut()
            .zip(other.unknown_fact_keys)
        {
            for key in theirs {
                if mine.len() < MAX_LISTED_UNKNOWN {
                    mine.insert(key);
                }
            }
        }
        for (mine, theirs) in self.per_klass.iter_mut().zip(other.per_klass) {
            *mine += theirs;
        }
        for (mine, theirs) in self.per_age.iter_mut().zip(other.per_age) {
            *mine += theirs;
        }
        for stats in other.per_insats {
            let mine = self.insats_mut(&stats.insats, &stats.namn, stats.enhet);
            mine.provningar += stats.provningar;
            for (a, b) in mine.per_klass.iter_mut().zip(stats.per_klass) {
                *a += b;
            }
            mine.uppskattad_forandring += stats.uppskattad_forandring;
            mine.uppskattade += stats.uppskattade;
            mine.ej_uppskattade += stats.ej_uppskattade;
        }
        let room = MAX_LISTED_REJECTED.saturating_sub(self.rejected_lines.len());
        self.rejected_lines
            .extend(other.rejected_lines.into_iter().take(room));
    }

    fn insats_mut(&mut self, insats: &str, namn: &str, enhet: Option<Enhet>) -> &mut InsatsStats {
        let index = self.insats_index(insats, namn, enhet);
        &mut self.per_insats[index]
    }

    /// The index in `per_insats` of the counts of `insats`, added when it has none yet.
    fn insats_index(&mut self, insats: &str, namn: &str, enhet: Option<Enhet>) -> usize {
        match self
            .per_insats
            .iter()
            .position(|stats| stats.insats == insats)
        {
            Some(index) => index,
            None => {
                self.per_insats.push(InsatsStats {
                    insats: insats.to_owned(),
                    namn: namn.to_owned(),
                    enhet,
                    ..InsatsStats::default()
                });
                self.per_insats.len() - 1
            }
        }
    }

    /// Changed prövningar in all.
    pub fn n_changes(&self) -> u64 {
        self.per_klass.iter().sum()
    }
}

fn reject(result: &mut ChunkResult, line: usize, reason: String) {
    result.summary.rejected += 1;
    let value = json!({ "typ": "avvisad", "rad": line, "fel": reason });
    let _ = writeln!(result.lines, "{value}");
    if result.summary.rejected_lines.len() < MAX_LISTED_REJECTED {
        result.summary.rejected_lines.push((line, reason));
    }
}

/// The direction of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Better,
    Worse,
    Unclear,
}

fn rank(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::LagenHindrar => 0,
        Outcome::UppfyllerInte => 1,
        Outcome::KraverIndividuellBedomning => 2,
        Outcome::Uppfyller => 3,
    }
}

fn direction(before: &InsatsEvaluation, after: &InsatsEvaluation) -> Direction {
    if after.outcome == Outcome::KraverIndividuellBedomning {
        return Direction::Unclear;
    }
    match rank(after.outcome).cmp(&rank(before.outcome)) {
        std::cmp::Ordering::Greater => Direction::Better,
        std::cmp::Ordering::Less => Direction::Worse,
        std::cmp::Ordering::Equal => match (before.omfattning, after.omfattning) {
            (Some(b), Some(a)) if a > b => Direction::Better,
            (Some(b), Some(a)) if a < b => Direction::Worse,
            _ => Direction::Unclear,
        },
    }
}

/// Classifies one changed prövning by what the law lets the nämnd do (FL 37 §, SoL 14 kap. 9 §), with
/// the reason in Swedish.
///
/// `beslut` is the decision re-prövad (`None` for an undecided ansökan) and `lag` the law of
/// the insats in the new version (`None` when it does not describe the insats).
pub fn classify(
    before: &InsatsEvaluation,
    after: &InsatsEvaluation,
    beslut: Option<&Beslut>,
    lag: Option<Lag>,
    missing: Option<&str>,
) -> (Klass, String) {
    match direction(before, after) {
        Direction::Better => (
            Klass::Formanligare,
            texts::DEN_NYA_RIKTLINJEN_GER.to_owned(),
        ),
        Direction::Unclear => {
            let reason = match missing {
                Some(fact) => texts::uppgiften_saknas_i_arendet(fact),
                None => texts::DEN_NYA_RIKTLINJEN_KAN.to_owned(),
            };
            (Klass::ManuellBedomning, reason)
        }
        Direction::Worse => worse(beslut, lag),
    }
}

fn worse(beslut: Option<&Beslut>, lag: Option<Lag>) -> (Klass, String) {
    let Some(beslut) = beslut else {
        return (
            Klass::ManuellBedomning,
            texts::ANSOKAN_AR_INTE_AVGJORD.to_owned(),
        );
    };
    if let Some(Giltighet::Till(last)) = beslut.giltighet {
        return (
            Klass::VidUtgang,
            texts::beslutet_ar_tidsbegransat_till(last),
        );
    }
    match lag {
        Some(Lag::Lss) => {
            return (
                Klass::ManuellBedomning,
                texts::INSATSEN_GES_ENLIGT_LSS.to_owned(),
            );
        }
        None => {
            return (
                Klass::ManuellBedomning,
                texts::DEN_NYA_RIKTLINJEN_BESKRIVER.to_owned(),
            );
        }
        Some(Lag::SoL) => {}
    }
    match (beslut.giltighet, beslut.beslutsdatum) {
        (Some(Giltighet::TillsVidare), Some(day)) if day < SOL_14_9_FROM => (
            Klass::KanInteAndrasTillNackdel,
            texts::beslutet_galler_tills_vidare_och(day),
        ),
        (Some(Giltighet::TillsVidare), Some(day)) => (
            Klass::VasentligtAndradeForhallanden,
            texts::beslutet_galler_tills_vidare(day),
        ),
        _ => (
            Klass::ManuellBedomning,
            texts::DET_FRAMGAR_INTE_AV.to_owned(),
        ),
    }
}

/// The two evaluations of a case, under the old version and the new, filled in place for each
/// case a worker handles rather than moved out of `evaluate` (each is several kilobytes).
struct Evaluations<'t> {
    before: Evaluation<'t>,
    after: Evaluation<'t>,
    /// The prövningar under the version compared against, and under the new version: filled
    /// anew for each case.
    from_case: Box<Reprovning>,
    to_case: Box<Reprovning>,
    /// The facts of the estimate's probes.
    probe: Box<Facts>,
}

impl Evaluations<'_> {
    fn empty() -> Self {
        let empty = || {
            Box::new(Reprovning {
                case: Case::default(),
                sources: HVec::new(),
            })
        };
        Evaluations {
            before: Evaluation::empty(),
            after: Evaluation::empty(),
            from_case: empty(),
            to_case: empty(),
            probe: Box::new(Facts::new()),
        }
    }
}

/// Re-prövar one record into `result`, and gives back its case for the reader to reuse.
fn process_record<'t>(
    context: &Context<'t>,
    record: Record,
    result: &mut ChunkResult,
    evaluations: &mut Evaluations<'t>,
) -> Option<CaseInput> {
    result.summary.read += 1;
    match record.result {
        Ok(mut input) => {
            process_case(context, record.line, &mut input, result, evaluations);
            Some(input)
        }
        Err(error) => {
            reject(result, record.line, error.to_string());
            None
        }
    }
}

/// Names `key` among a version's unknown facts, once, up to [`MAX_LISTED_UNKNOWN`].
fn list_unknown(listed: &mut std::collections::BTreeSet<String>, key: &str) {
    if listed.len() < MAX_LISTED_UNKNOWN && !listed.contains(key) {
        listed.insert(key.to_owned());
    }
}

fn process_case<'t>(
    context: &Context<'t>,
    line: usize,
    input: &mut CaseInput,
    result: &mut ChunkResult,
    evaluations: &mut Evaluations<'t>,
) {
    // Each version reads the case by its own catalogue; a fact one of them does not know is
    // counted, not refused.
    let mut unknown = [0u64; 2];
    let keys = &mut result.summary.unknown_fact_keys;
    let Evaluations {
        before,
        after,
        from_case,
        to_case,
        probe,
    } = evaluations;
    let mut prepare = |index: usize,
                       facts: &case::FactIndex,
                       input: &mut CaseInput,
                       reprovning: &mut Reprovning|
     -> Result<(), String> {
        let listed = &mut keys[index];
        let count = facts
            .bind_noting(input, case::Binding::Lenient, |key| {
                // Named only when it has the form of a code: a key is what the case sent.
                if let Some(key) = texts::shown_code(key) {
                    list_unknown(listed, key);
                }
            })
            .map_err(|error| error.to_string())?;
        unknown[index] = count as u64;
        let slot = context.utan_behovsprovning.get(index).copied().flatten();
        reprovning_case_into(&input.case, context.as_of, slot, reprovning)
            .map_err(|error| error.to_string())
    };
    if let Err(error) = prepare(1, &context.to_facts, input, to_case) {
        return reject(result, line, error);
    }
    if context.same_reading {
        let known_to_neither = result.summary.unknown_fact_keys[1].clone();
        let listed = &mut result.summary.unknown_fact_keys[0];
        listed.extend(known_to_neither);
        // The facts `to` knows past the end of `from`'s catalogue: unknown to `from`.
        let from_len = context.from_facts.len();
        let person = input.case.person.facts.iter();
        let ansokningar = input
            .case
            .ansokningar
            .iter()
            .flat_map(|ansokan| ansokan.facts.iter());
        let mut only_to = 0u64;
        for value in person.chain(ansokningar) {
            if usize::from(value.slot) < from_len {
                continue;
            }
            only_to += 1;
            if let Some(key) = context.to_facts.key_of(value.slot) {
                list_unknown(listed, key);
            }
        }
        unknown[0] = unknown[1] + only_to;
    } else if let Err(error) = prepare(0, &context.from_facts, input, from_case) {
        return reject(result, line, error);
    }
    let reprovning: &Reprovning = to_case;
    let before_case: &Reprovning = if context.same_reading {
        to_case
    } else {
        from_case
    };
    result.summary.unknown_facts[0] += unknown[0];
    result.summary.unknown_facts[1] += unknown[1];
    if reprovning.case.ansokningar.is_empty() {
        result.summary.unchanged += 1;
        result.summary.nothing_to_prova += 1;
        return;
    }
    if let Err(error) =
        evaluate_provningar_into(context.from, &before_case.case, context.as_of, before)
    {
        return reject(result, line, error.to_string());
    }
    if let Err(error) = evaluate_provningar_into(context.to, &reprovning.case, context.as_of, after)
    {
        return reject(result, line, error.to_string());
    }
    result.summary.provningar += reprovning.case.ansokningar.len() as u64;
    let age = input
        .case
        .person
        .fodelsedatum
        .and_then(|born| born.age_on(context.as_of));
    let mut changes = Vec::new();
    for ((ansokan, source), (old, new)) in reprovning
        .case
        .ansokningar
        .iter()
        .zip(reprovning.sources.iter())
        .zip(before.provningar.iter().zip(after.provningar.iter()))
    {
        let (namn, enhet, lag) = insats_info(context, ansokan.insats.as_str(), (old, new));
        let stats_idx = result.summary.insats_index(&ansokan.insats, namn, enhet);
        if let Some(stats) = result.summary.per_insats.get_mut(stats_idx) {
            stats.provningar += 1;
        }
        if old.outcome == new.outcome && old.omfattning == new.omfattning {
            continue;
        }
        let beslut = match source {
            Source::Beslut(index) => input.case.beslut.get(usize::from(*index)),
            Source::Ansokan(_) => None,
        };
        let missing = missing_fact(context.to, new);
        let (klass, motivering) = classify(old, new, beslut, lag, missing);
        let estimate = match (klass, direction(old, new), beslut) {
            (Klass::Formanligare, _, _) | (_, Direction::Unclear, _) | (_, _, None) => None,
            (_, _, Some(_)) if !is_quantity(enhet) => None,
            (_, _, Some(beslut)) => Some(estimate(
                context,
                (&reprovning.case, ansokan, beslut),
                (enhet, new.beraknad),
                probe,
            )),
        };
        if let Some(stats) = result.summary.per_insats.get_mut(stats_idx) {
            stats.per_klass[klass.index()] += 1;
            match estimate {
                Some(Some(delta)) => {
                    stats.uppskattad_forandring += delta;
                    stats.uppskattade += 1;
                }
                Some(None) => stats.ej_uppskattade += 1,
                None => {}
            }
        }
        result.summary.per_klass[klass.index()] += 1;
        result.summary.per_age[age_group(age)] += 1;
        changes.push(change_record(
            context,
            ansokan,
            *source,
            beslut,
            (old, new),
            (klass, motivering),
            estimate.map(|estimate| {
                estimate.map(|varde| Estimate {
                    varde: Thousandths(varde),
                    enhet: enhet.map(texts::enhet_code),
                })
            }),
            (namn, lag),
        ));
    }
    if changes.is_empty() {
        result.summary.unchanged += 1;
        return;
    }
    result.summary.changed += 1;
    let record = ChangedCase {
        typ: "andrad",
        rad: line,
        arende_id: input.arende_id.as_deref(),
        skyddade_personuppgifter: crate::render::is_skyddad(input),
        alder: age,
        aldersgrupp: AGE_GROUPS[age_group(age)],
        andringar: changes,
    };
    #[cfg(test)]
    if tests::BY_SERDE.with(std::cell::Cell::get) {
        let _ = serde_json::to_writer(&mut result.lines, &record);
        result.lines.push(b'\n');
        return;
    }
    record.write_json(&mut result.lines);
    result.lines.push(b'\n');
}

/// One changed case in the worklist.
#[derive(Debug, serde::Serialize)]
struct ChangedCase<'a> {
    typ: &'static str,
    rad: usize,
    arende_id: Option<&'a str>,
    /// Whether the person has skyddade personuppgifter, marked as in every output
    /// (`render::is_skyddad`); the worklist carries no identity field either way.
    skyddade_personuppgifter: bool,
    alder: Option<u16>,
    aldersgrupp: &'static str,
    andringar: Vec<ChangeRecord<'a>>,
}

/// One changed prövning of a case.
#[derive(Debug, serde::Serialize)]
struct ChangeRecord<'a> {
    insats: &'a str,
    insats_namn: &'a str,
    lag: Option<&'static str>,
    underlag: &'static str,
    beslut: Option<BeslutRecord>,
    fore: Side<'a>,
    efter: Side<'a>,
    avgorande_regler: Vec<Deciding<'a>>,
    klass: &'static str,
    klass_text: &'static str,
    motivering: String,
    /// `gjord`, `ej_mojlig` (lowering the omfattning alone does not meet the new version) or
    /// `ej_tillamplig` (not less favourable, or no quantity).
    uppskattning: &'static str,
    /// The estimate, when one was made.
    uppskattad_forandring: Option<Estimate>,
}

#[derive(Debug, serde::Serialize)]
struct BeslutRecord {
    beslutsdatum: Option<String>,
    giltighet: String,
    omfattning: Option<Thousandths>,
}

#[derive(Debug, serde::Serialize)]
struct Side<'a> {
    utfall: &'static str,
    utfall_text: &'static str,
    omfattning: Option<Thousandths>,
    regler: RuleIds<'a>,
}

#[derive(Debug, serde::Serialize)]
struct Deciding<'a> {
    regel: &'a str,
    andring_i_riktlinjen: Vec<&'static str>,
}

/// A number in thousandths (an omfattning, an estimate), written as the JSON number it is: the
/// double nearest it, as serde_json writes that double (`7.5`, `4.0`, `-0.25`).
#[derive(Clone, Copy, Debug)]
struct Thousandths(i64);

impl serde::Serialize for Thousandths {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(crate::render::thousandths_f64(self.0))
    }
}

#[derive(Clone, Copy, Debug, serde::Serialize)]
struct Estimate {
    /// The change, in the insats's unit (at most three decimals).
    varde: Thousandths,
    enhet: Option<&'static str>,
}

// The worklist's records are written field by field rather than through serde: a third of a
// million cases change, each record is about a kilobyte and a half of mostly Swedish text, and
// serde_json checks every byte of a text for escapes one at a time. Here a text is checked in
// one pass the compiler vectorises and copied whole when it needs no escape (nearly always);
// one that does goes through serde_json. The derived `Serialize` above stays the reference:
// a test holds the two byte for byte equal on generated populations.

/// Whether `text` has a byte JSON escapes (a control character, a quote, a backslash).
///
/// Thirty-two bytes at a time, each block's bytes tested without a branch between them, which
/// the compiler turns into a few vector comparisons a block; what is left eight bytes at a
/// time, by the exact "has a byte below n" and "has a zero byte" tests on a word (a byte equal
/// to `c` is a zero byte of the word xor `c` in every byte), the text's last eight bytes
/// making the last word. A text shorter than a word goes byte by byte.
fn needs_escape(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, limit: u64| word.wrapping_sub(ONES * limit) & !word;
    let escapes = |byte: u8| (byte < 0x20) | (byte == b'"') | (byte == b'\\');
    let word_escapes = |bytes: &[u8; 8]| {
        let word = u64::from_le_bytes(*bytes);
        let found = below(word, 0x20)
            | below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1);
        found & HIGH != 0
    };
    let bytes = text.as_bytes();
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes.iter().any(|&byte| escapes(byte));
    };
    let (blocks, rest) = bytes.as_chunks::<32>();
    blocks
        .iter()
        .any(|block| block.iter().fold(false, |found, &byte| found | escapes(byte)))
        || rest.as_chunks::<8>().0.iter().any(word_escapes)
        // The last word overlaps the words before it unless the length is a multiple of 8.
        || word_escapes(last)
}

/// Appends `text` as a JSON string, escaped exactly as serde_json escapes it.
fn push_text(out: &mut Vec<u8>, text: &str) {
    if !needs_escape(text) {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

/// A field's key as it is written, with its quotes and colon, and the comma before it unless
/// it is the object's first (`key!(first "typ")`): one of the record's own names, which need
/// no escape. Built when compiling, so a key is one copy.
macro_rules! key {
    (first $key:literal) => {
        concat!("\"", $key, "\":")
    };
    ($key:literal) => {
        concat!(",\"", $key, "\":")
    };
}

/// Appends a field's key, as [`key!`] wrote it.
#[inline]
fn push_key(out: &mut Vec<u8>, key: &'static str) {
    out.extend_from_slice(key.as_bytes());
}

fn push_option<T>(out: &mut Vec<u8>, value: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(value) => write(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

/// A number as serde_json writes it.
fn push_number<T: serde::Serialize>(out: &mut Vec<u8>, value: T) {
    let _ = serde_json::to_writer(&mut *out, &value);
}

/// An unsigned number in decimal digits, as serde_json writes one (with the same crate).
fn push_unsigned(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Below this many thousandths in size, the double nearest a number of thousandths is written
/// by serde_json as the decimal itself (fifteen significant digits tell doubles apart, and
/// serde_json writes a double this size without an exponent): `7.5`, `4.0`, `-0.005`.
const PLAIN_THOUSANDTHS: u64 = 1_000_000_000_000;

/// A number of thousandths as serde_json writes the double nearest it, without formatting the
/// double when it is the decimal itself.
fn push_thousandths(out: &mut Vec<u8>, Thousandths(thousandths): Thousandths) {
    let magnitude = thousandths.unsigned_abs();
    if magnitude >= PLAIN_THOUSANDTHS {
        return push_number(out, crate::render::thousandths_f64(thousandths));
    }
    if thousandths < 0 {
        out.push(b'-');
    }
    push_unsigned(out, magnitude / 1_000);
    out.push(b'.');
    let decimals = out.len();
    let fraction = magnitude % 1_000;
    for digit in [fraction / 100, fraction / 10 % 10, fraction % 10] {
        // Each is a digit.
        out.push(b'0' + digit as u8);
    }
    // The zeros that end the decimals go, but one digit stays: `7.5`, `4.0`.
    while out.len() > decimals + 1 && out.last() == Some(&b'0') {
        out.pop();
    }
}

fn push_texts(out: &mut Vec<u8>, texts: &[&str]) {
    out.push(b'[');
    for (index, text) in texts.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        push_text(out, text);
    }
    out.push(b']');
}

impl ChangedCase<'_> {
    /// Appends this record as serde_json writes it (without the line's end).
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        push_key(out, key!(first "typ"));
        push_text(out, self.typ);
        push_key(out, key!("rad"));
        push_unsigned(out, self.rad as u64);
        push_key(out, key!("arende_id"));
        push_option(out, self.arende_id, push_text);
        push_key(out, key!("skyddade_personuppgifter"));
        out.extend_from_slice(if self.skyddade_personuppgifter {
            b"true"
        } else {
            b"false"
        });
        push_key(out, key!("alder"));
        push_option(out, self.alder, |out, alder| {
            push_unsigned(out, u64::from(alder))
        });
        push_key(out, key!("aldersgrupp"));
        push_text(out, self.aldersgrupp);
        push_key(out, key!("andringar"));
        out.push(b'[');
        for (index, change) in self.andringar.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            change.write_json(out);
        }
        out.push(b']');
        out.push(b'}');
    }
}

impl ChangeRecord<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        push_key(out, key!(first "insats"));
        push_text(out, self.insats);
        push_key(out, key!("insats_namn"));
        push_text(out, self.insats_namn);
        push_key(out, key!("lag"));
        push_option(out, self.lag, push_text);
        push_key(out, key!("underlag"));
        push_text(out, self.underlag);
        push_key(out, key!("beslut"));
        push_option(out, self.beslut.as_ref(), |out, beslut| {
            out.push(b'{');
            push_key(out, key!(first "beslutsdatum"));
            push_option(out, beslut.beslutsdatum.as_deref(), push_text);
            push_key(out, key!("giltighet"));
            push_text(out, &beslut.giltighet);
            push_key(out, key!("omfattning"));
            push_option(out, beslut.omfattning, push_thousandths);
            out.push(b'}');
        });
        push_key(out, key!("fore"));
        self.fore.write_json(out);
        push_key(out, key!("efter"));
        self.efter.write_json(out);
        push_key(out, key!("avgorande_regler"));
        out.push(b'[');
        for (index, deciding) in self.avgorande_regler.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            out.push(b'{');
            push_key(out, key!(first "regel"));
            push_text(out, deciding.regel);
            push_key(out, key!("andring_i_riktlinjen"));
            push_texts(out, &deciding.andring_i_riktlinjen);
            out.push(b'}');
        }
        out.push(b']');
        push_key(out, key!("klass"));
        push_text(out, self.klass);
        push_key(out, key!("klass_text"));
        push_text(out, self.klass_text);
        push_key(out, key!("motivering"));
        push_text(out, &self.motivering);
        push_key(out, key!("uppskattning"));
        push_text(out, self.uppskattning);
        push_key(out, key!("uppskattad_forandring"));
        push_option(out, self.uppskattad_forandring, |out, estimate| {
            out.push(b'{');
            push_key(out, key!(first "varde"));
            push_thousandths(out, estimate.varde);
            push_key(out, key!("enhet"));
            push_option(out, estimate.enhet, push_text);
            out.push(b'}');
        });
        out.push(b'}');
    }
}

impl Side<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        push_key(out, key!(first "utfall"));
        push_text(out, self.utfall);
        push_key(out, key!("utfall_text"));
        push_text(out, self.utfall_text);
        push_key(out, key!("omfattning"));
        push_option(out, self.omfattning, push_thousandths);
        push_key(out, key!("regler"));
        push_texts(out, &self.regler);
        out.push(b'}');
    }
}

#[allow(clippy::too_many_arguments)]
fn change_record<'a>(
    context: &'a Context<'a>,
    ansokan: &'a Ansokan,
    source: Source,
    beslut: Option<&Beslut>,
    (old, new): (&InsatsEvaluation, &InsatsEvaluation),
    (klass, motivering): (Klass, String),
    estimate: Option<Option<Estimate>>,
    (namn, lag): (&'a str, Option<Lag>),
) -> ChangeRecord<'a> {
    let before_rules = reasons_of(context.from, old);
    let after_rules = reasons_of(context.to, new);
    // Each rule with its change in the riktlinje, looked up once: the rules whose text changed
    // first, then those that decide under one version only, each in the order met.
    let mut deciding: HVec<(&str, Option<&Vec<Field>>), { 2 * MAX_PROVNING_REASONS }> = HVec::new();
    for id in after_rules.iter().chain(before_rules.iter()) {
        if deciding.iter().any(|(seen, _)| seen == id) {
            continue;
        }
        let changed = context.changed_rules.get(*id);
        let differs = !(before_rules.contains(id) && after_rules.contains(id));
        if differs || changed.is_some() {
            // Room for the ids of both prövningar.
            let _ = deciding.push((id, changed));
        }
    }
    deciding.sort_by_key(|(_, changed)| changed.is_none());
    let avgorande_regler = deciding
        .into_iter()
        .map(|(regel, changed)| Deciding {
            regel,
            andring_i_riktlinjen: changed
                .map(|fields| fields.iter().map(|field| field.code()).collect())
                .unwrap_or_default(),
        })
        .collect();
    let side = |evaluation: &InsatsEvaluation, regler: RuleIds<'a>| Side {
        utfall: texts::outcome_code(evaluation.outcome),
        utfall_text: texts::outcome_label(evaluation.outcome),
        omfattning: evaluation.omfattning.map(Thousandths),
        regler,
    };
    ChangeRecord {
        insats: ansokan.insats.as_str(),
        insats_namn: namn,
        lag: lag.map(texts::lag_label),
        underlag: match source {
            Source::Beslut(_) => "gallande_beslut",
            Source::Ansokan(_) => "ansokan",
        },
        beslut: beslut.map(|beslut| BeslutRecord {
            beslutsdatum: beslut.beslutsdatum.map(|day| day.to_string()),
            giltighet: match beslut.giltighet {
                Some(Giltighet::TillsVidare) => texts::TILLS_VIDARE.to_owned(),
                Some(Giltighet::Till(last)) => texts::till_och_med(last),
                None => "okänd".to_owned(),
            },
            omfattning: beslut.omfattning.map(Thousandths),
        }),
        fore: side(old, before_rules),
        efter: side(new, after_rules),
        avgorande_regler,
        klass: klass.code(),
        klass_text: klass.label(),
        motivering,
        uppskattning: match estimate {
            Some(Some(_)) => "gjord",
            Some(None) => "ej_mojlig",
            None => "ej_tillamplig",
        },
        uppskattad_forandring: estimate.flatten(),
    }
}

/// The name, unit and law of the insats a prövning was about, as the new version describes it
/// (or the old one, when only it does); found by the index each evaluation carries.
fn insats_info<'t>(
    context: &Context<'t>,
    insats: &'t str,
    (old, new): (&InsatsEvaluation, &InsatsEvaluation),
) -> (&'t str, Option<Enhet>, Option<Lag>) {
    let of = |table: &'t Table<'t>, evaluation: &InsatsEvaluation| {
        evaluation
            .insats_idx
            .and_then(|index| table.insatser().get(usize::from(index)))
    };
    let lag = of(context.to, new).map(|described| described.lag);
    match of(context.to, new).or_else(|| of(context.from, old)) {
        Some(described) => (described.namn, Some(described.enhet), lag),
        None => (insats, None, lag),
    }
}

fn missing_fact<'t>(table: &'t Table<'_>, evaluation: &InsatsEvaluation) -> Option<&'t str> {
    evaluation
        .reasons
        .iter()
        .find(|reason| {
            matches!(
                reason.message,
                MessageId::UppgiftSaknas | MessageId::LagenHindrarKanInteUteslutas
            )
        })
        .and_then(|reason| reason.fact)
        .and_then(|slot| table.fact(slot))
        .map(|fact| fact.name)
}

/// Whether an omfattning in `enhet` is a quantity that can be lowered (hours, dygn, times),
/// rather than one larm, one plats or one beslut.
fn is_quantity(enhet: Option<Enhet>) -> bool {
    matches!(
        enhet,
        Some(
            Enhet::TimmarPerManad
                | Enhet::TimmarPerVecka
                | Enhet::DygnPerManad
                | Enhet::GangerPerVecka
        )
    )
}

/// The change of omfattning the new version would normally meet: the largest omfattning
/// below the beslut's, at the insats's decimals, for which the core says `uppfyller` under the
/// new version, minus the beslut's omfattning; `None` when lowering the omfattning alone does
/// not meet it (or the insats has no quantity).
///
/// The search halves the range between nothing and the beslut's omfattning, so it assumes what
/// riktlinjer say of omfattning (a ceiling, a schablon): when an omfattning meets the
/// riktlinje, every lower one does too. Each probe is the core's own step for one application
/// (`set_ansokan_facts`, then `outcome_of`: the prövning `evaluate` runs per ansökan) without
/// the case's frister and the reasons of a full motivering, which a probe does not need.
fn estimate(
    context: &Context<'_>,
    (case, ansokan, beslut): (&Case, &Ansokan, &Beslut),
    (enhet, hint): (Option<Enhet>, Option<i64>),
    facts: &mut Facts,
) -> Option<i64> {
    let quantity = is_quantity(enhet);
    let granted = beslut.omfattning?;
    let insats_idx = context.to.insats_index(&ansokan.insats)?;
    if !quantity || granted <= 0 {
        return None;
    }
    let decimals = context.to.insats(insats_idx)?.decimals.min(3);
    let step = 10i64.pow(u32::from(3 - decimals));
    let steps = granted / step;
    if steps == 0 {
        return None;
    }
    set_person_facts(context.to, facts, &case.person, context.as_of);
    let mut probe = ansokan.clone();
    let mut meets = |below: i64| -> Option<bool> {
        probe.sokt_omfattning = Some(granted.checked_sub(below.checked_mul(step)?)?);
        set_ansokan_facts(context.to, facts, case, &probe, context.as_of);
        let outcome = outcome_of(context.to, insats_idx, facts, context.as_of).ok()?;
        Some(outcome == Outcome::Uppfyller)
    };
    if !meets(steps)? {
        return None;
    }
    // The fewest steps below the beslut that meet: `low` does not, `high` does.
    let (mut low, mut high) = (0i64, steps);
    // Where the new version computes the omfattning from its schablon, the answer is nearly
    // always the step at or below it: try that step and the one above first, so the search
    // usually ends after two probes. The bounds stay those of the halving search.
    if let Some(guess) = hint
        .filter(|&beraknad| (0..granted).contains(&beraknad))
        .map(|beraknad| (granted - beraknad + step - 1) / step)
        .filter(|&guess| 1 < guess && guess < steps)
    {
        if meets(guess)? {
            high = guess;
            if !meets(guess - 1)? {
                low = guess - 1;
            }
        } else {
            low = guess;
        }
    }
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if meets(middle)? {
            high = middle;
        } else {
            low = middle;
        }
    }
    Some(-(high * step))
}

/// The rules the outcome of a prövning rests on, each once: not the further norms and missing
/// facts of its full motivering, which decide nothing.
fn reasons_of<'t>(table: &'t Table<'_>, evaluation: &InsatsEvaluation) -> RuleIds<'t> {
    // As many as the prövning's reasons, at most: every id fits.
    let mut ids = RuleIds::new();
    let n_deciding = evaluation
        .reasons
        .len()
        .saturating_sub(usize::from(evaluation.n_further));
    for reason in evaluation.reasons.iter().take(n_deciding) {
        if let Some(rule) = reason
            .rule_idx
            .and_then(|index| table.rules().get(usize::from(index)))
            && !ids.contains(&rule.id)
        {
            let _ = ids.push(rule.id);
        }
    }
    ids
}

/// The ids of the rules a prövning's outcome rests on, each once: at most one per reason, so
/// they are kept without an allocation per changed record.
type RuleIds<'t> = HVec<&'t str, MAX_PROVNING_REASONS>;

fn version_json(table: &Table<'_>) -> Value {
    json!({
        "id": table.meta().riktlinje_id,
        "giltig_fran": table.meta().giltig_fran.to_string(),
        "status": texts::status_code(table.meta().status),
        "innehallshash": crate::render::hash_hex(&table.content_hash()),
        "lag": crate::grund::fixed(table).map(|version| version.id),
    })
}

fn summary_json(summary: &Summary) -> Value {
    let per_klass: serde_json::Map<String, Value> = Klass::ALL
        .iter()
        .map(|klass| {
            (
                klass.code().to_owned(),
                json!(summary.per_klass[klass.index()]),
            )
        })
        .collect();
    json!({
        "typ": "summa",
        "lasta": summary.read,
        "oforandrade": summary.unchanged,
        "utan_gallande_beslut": summary.nothing_to_prova,
        "andrade": summary.changed,
        "avvisade": summary.rejected,
        "provningar": summary.provningar,
        "andringar": summary.n_changes(),
        "per_klass": per_klass,
        "okanda_uppgifter": {
            "fore": summary.unknown_facts[0],
            "efter": summary.unknown_facts[1],
            "fore_nycklar": summary.unknown_fact_keys[0],
            "efter_nycklar": summary.unknown_fact_keys[1],
        },
    })
}

/// The summary in Swedish words, for the terminal.
pub fn summary_text(context: &Context<'_>, summary: &Summary, out: Option<&Path>) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}",
        texts::omprovning_av_gallande_beslut(
            diff::version_name(context.from),
            diff::version_name(context.to),
            context.as_of
        )
    );
    let _ = writeln!(text, "{WORKLIST_NOTICE}");
    let (lag, riktlinje) = context.changes_by_ursprung;
    if lag > 0 {
        let _ = writeln!(text, "{}", texts::andringar_fran_lagen(lag, riktlinje));
    }
    let _ = writeln!(text, "{}", texts::lasta_arenden(summary.read));
    let _ = writeln!(
        text,
        "{}",
        texts::oforandrade_varav_utan_gallande(summary.unchanged, summary.nothing_to_prova)
    );
    let _ = writeln!(text, "{}", texts::andrade(summary.changed));
    let _ = writeln!(text, "  avvisade:    {}", summary.rejected);
    let _ = writeln!(
        text,
        "  summa:       {} + {} + {} = {}",
        summary.unchanged,
        summary.changed,
        summary.rejected,
        summary.unchanged + summary.changed + summary.rejected
    );
    let _ = writeln!(
        text,
        "{}",
        texts::provningar_under_varje_version(summary.provningar, summary.n_changes())
    );
    for klass in Klass::ALL {
        let _ = writeln!(
            text,
            "  {:>7}  {}",
            summary.per_klass[klass.index()],
            klass.label()
        );
    }
    if summary.unknown_facts != [0, 0] {
        let _ = writeln!(
            text,
            "{}",
            texts::uppgifter_i_arendena_som(
                summary.unknown_facts[0],
                diff::version_name(context.from),
                summary.unknown_facts[1],
                diff::version_name(context.to)
            )
        );
        for (index, version) in [context.from, context.to].iter().enumerate() {
            let keys = &summary.unknown_fact_keys[index];
            if !keys.is_empty() {
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                let _ = writeln!(
                    text,
                    "{}",
                    texts::okanda_for(diff::version_name(version), keys.join(", "))
                );
            }
        }
    }
    if summary.rejected > 0 {
        let _ = writeln!(text, "{}", texts::AVVISADE_RADER_RATTAS_I);
        for (line, reason) in &summary.rejected_lines {
            let _ = writeln!(text, "  rad {line}: {reason}");
        }
        let listed = summary.rejected_lines.len() as u64;
        if summary.rejected > listed {
            let _ = writeln!(
                text,
                "{}",
                texts::och_till_alla_finns(
                    summary.rejected - listed,
                    out.map(|path| format!(" {}", path.display()))
                        .unwrap_or_default()
                )
            );
        }
    }
    if let Some(path) = out {
        let _ = writeln!(text, "\nArbetslistan: {}", path.display());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use riktlinjer_core::{evaluate, evaluate_insats};

    thread_local! {
        /// Whether this thread's worklist records are written by serde, the reference.
        pub(super) static BY_SERDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// The worklist lines of a generated population under the two shipped versions.
    fn worklist_lines(population: &str, by_serde: bool) -> Vec<u8> {
        let old = shipped("2025-01-01");
        let new = shipped("2025-11-01");
        let (Ok(from), Ok(to)) = (Table::decode(&old), Table::decode(&new)) else {
            panic!("the shipped riktlinjer do not decode");
        };
        let context = Context::new(&from, &to, day("2025-11-01"));
        let mut result = ChunkResult::default();
        let mut evaluations = Evaluations::empty();
        BY_SERDE.with(|cell| cell.set(by_serde));
        for (index, line) in population.lines().enumerate() {
            let record = Record {
                line: index + 1,
                result: crate::case::from_json(line),
            };
            process_record(&context, record, &mut result, &mut evaluations);
        }
        BY_SERDE.with(|cell| cell.set(false));
        assert_eq!(result.summary.rejected, 0);
        assert!(result.summary.changed > 100, "{}", result.summary.changed);
        result.lines
    }

    #[test]
    fn worklist_records_are_written_byte_for_byte_as_serde_writes_them() {
        let mut population = Vec::new();
        let generated = crate::generate::generate(
            &mut population,
            1_500,
            3,
            crate::generate::PopulationFormat::Jsonl,
        );
        assert!(generated.is_ok(), "{generated:?}");
        let population = String::from_utf8_lossy(&population);
        let fast = worklist_lines(&population, false);
        let reference = worklist_lines(&population, true);
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&reference)
        );
    }

    proptest! {
        #[test]
        fn a_text_is_escaped_as_serde_escapes_it(text in any::<String>(), number in any::<f64>()) {
            let mut fast = Vec::new();
            push_text(&mut fast, &text);
            prop_assert_eq!(fast, serde_json::to_vec(&text).unwrap_or_default());
            let mut fast = Vec::new();
            push_number(&mut fast, number);
            prop_assert_eq!(fast, serde_json::to_vec(&number).unwrap_or_default());
        }

        /// A text long enough to be checked a block and a word at a time, with a byte to be
        /// escaped or none anywhere in it, is escaped as serde_json escapes it.
        #[test]
        fn a_long_text_is_escaped_as_serde_escapes_it(
            text in "[a-zåäö ,.]{0,120}",
            at in any::<proptest::sample::Index>(),
            escaped in proptest::option::of(prop_oneof![
                Just('"'), Just('\\'), Just('\n'), Just('\t'), Just('\u{1}'), Just('\u{1f}'),
            ]),
        ) {
            let mut text = text;
            if let Some(escaped) = escaped {
                let boundaries: Vec<usize> =
                    (0..=text.len()).filter(|&index| text.is_char_boundary(index)).collect();
                text.insert(*at.get(&boundaries), escaped);
            }
            let mut fast = Vec::new();
            push_text(&mut fast, &text);
            prop_assert_eq!(fast, serde_json::to_vec(&text).unwrap_or_default());
            prop_assert_eq!(needs_escape(&text), escaped.is_some());
        }

        /// A number of thousandths is written as serde_json writes the double nearest it,
        /// at every size: near zero, around the end of the plain decimals, and anywhere.
        #[test]
        fn thousandths_are_written_as_serde_writes_their_double(
            thousandths in prop_oneof![
                -100_000i64..100_000,
                (PLAIN_THOUSANDTHS as i64 - 100_000)..(PLAIN_THOUSANDTHS as i64 + 100_000),
                (-(PLAIN_THOUSANDTHS as i64) - 100_000)..(-(PLAIN_THOUSANDTHS as i64) + 100_000),
                any::<i64>(),
            ],
            unsigned in any::<u64>(),
        ) {
            let mut fast = Vec::new();
            push_thousandths(&mut fast, Thousandths(thousandths));
            let reference = serde_json::to_vec(&Thousandths(thousandths)).unwrap_or_default();
            prop_assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&reference));
            let mut fast = Vec::new();
            push_unsigned(&mut fast, unsigned);
            prop_assert_eq!(fast, unsigned.to_string().into_bytes());
        }
    }

    #[test]
    fn thousandths_at_the_edges_are_written_as_serde_writes_their_double() {
        for thousandths in [
            0,
            1,
            -1,
            5,
            10,
            100,
            999,
            1_000,
            -1_000,
            7_500,
            7_050,
            7_005,
            -250,
            999_999_999_999,
            -999_999_999_999,
            1_000_000_000_000,
            i64::MAX,
            i64::MIN,
        ] {
            let mut fast = Vec::new();
            push_thousandths(&mut fast, Thousandths(thousandths));
            let reference = serde_json::to_vec(&Thousandths(thousandths)).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&fast),
                String::from_utf8_lossy(&reference),
                "{thousandths}"
            );
        }
        for unsigned in [0, 9, 10, 99, 100, u64::MAX] {
            let mut fast = Vec::new();
            push_unsigned(&mut fast, unsigned);
            assert_eq!(fast, unsigned.to_string().into_bytes());
        }
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    fn beslut(insats: &str, beslutsdatum: &str, giltighet: Option<Giltighet>) -> Beslut {
        let mut beslut = Beslut {
            beslutsdatum: Some(day(beslutsdatum)),
            gynnande: Some(true),
            giltighet,
            omfattning: Some(8_000),
            ..Beslut::default()
        };
        let _ = beslut.insats.push_str(insats);
        beslut
    }

    fn evaluation(outcome: Outcome) -> InsatsEvaluation {
        InsatsEvaluation {
            ansokan_idx: 0,
            insats_idx: Some(0),
            outcome,
            omfattning: None,
            beraknad: None,
            reasons: HVec::new(),
            n_further: 0,
            omitted: 0,
        }
    }

    /// Exempelkommun's shipped riktlinje of `version`, compiled.
    fn shipped(version: &str) -> Vec<u8> {
        crate::testing::shipped_table(&format!("exempelkommun/{version}.md"))
    }

    #[test]
    fn a_gallande_beslut_becomes_an_ansokan_with_its_details() {
        let mut case = Case::default();
        let _ = case.beslut.push(beslut(
            "hemtjanst_service",
            "2025-05-10",
            Some(Giltighet::TillsVidare),
        ));
        let mut expired = beslut(
            "trygghetslarm",
            "2024-01-01",
            Some(Giltighet::Till(day("2025-01-31"))),
        );
        expired.omfattning = Some(1_000);
        let _ = case.beslut.push(expired);
        let bytes = shipped("2025-11-01");
        let Ok(table) = Table::decode(&bytes) else {
            panic!("the shipped riktlinje does not decode");
        };
        let slot = |name: &str| {
            table
                .fact_slot(name)
                .unwrap_or_else(|| panic!("`{name}` saknas i katalogen"))
        };
        let mut detail = Ansokan::default();
        let _ = detail.facts.set(slot("städning_var_n_vecka"), 2);
        let _ = detail.facts.set(slot(UTAN_BEHOVSPROVNING), 1);
        let _ = detail.insats.push_str("hemtjanst_service");
        let _ = case.ansokningar.push(detail);
        let mut pending = Ansokan::default();
        let _ = pending.insats.push_str("ledsagning");
        let _ = case.ansokningar.push(pending);
        let as_of = day("2025-11-01");
        let reprovning =
            reprovning_case(&case, as_of, &table).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            reprovning.sources.as_slice(),
            [Source::Beslut(0), Source::Ansokan(1)]
        );
        let first = &reprovning.case.ansokningar[0];
        assert_eq!(first.sokt_omfattning, Some(8_000));
        assert_eq!(first.facts.get(slot("städning_var_n_vecka")), Some(2));
        // A beslut is what a behovsprövning ends in, whatever the detail said.
        assert_eq!(first.facts.get(slot(UTAN_BEHOVSPROVNING)), Some(0));
        assert_eq!(first.ansokningsdatum, Some(as_of));
        assert_eq!(reprovning.case.beslut, case.beslut);
    }

    #[test]
    fn changes_are_classified_as_the_law_allows() {
        let uppfyller = evaluation(Outcome::Uppfyller);
        let inte = evaluation(Outcome::UppfyllerInte);
        let kraver = evaluation(Outcome::KraverIndividuellBedomning);
        let old = beslut(
            "hemtjanst_service",
            "2025-05-10",
            Some(Giltighet::TillsVidare),
        );
        let new = beslut(
            "hemtjanst_service",
            "2025-09-01",
            Some(Giltighet::TillsVidare),
        );
        let limited = beslut(
            "hemtjanst_service",
            "2025-09-01",
            Some(Giltighet::Till(day("2026-03-31"))),
        );
        let unknown = beslut("hemtjanst_service", "2025-09-01", None);
        let cases = [
            (
                &uppfyller,
                &inte,
                Some(&old),
                Some(Lag::SoL),
                Klass::KanInteAndrasTillNackdel,
            ),
            (
                &uppfyller,
                &inte,
                Some(&new),
                Some(Lag::SoL),
                Klass::VasentligtAndradeForhallanden,
            ),
            (
                &uppfyller,
                &inte,
                Some(&limited),
                Some(Lag::SoL),
                Klass::VidUtgang,
            ),
            (
                &uppfyller,
                &inte,
                Some(&limited),
                Some(Lag::Lss),
                Klass::VidUtgang,
            ),
            (
                &uppfyller,
                &inte,
                Some(&old),
                Some(Lag::Lss),
                Klass::ManuellBedomning,
            ),
            (
                &uppfyller,
                &inte,
                Some(&unknown),
                Some(Lag::SoL),
                Klass::ManuellBedomning,
            ),
            (
                &uppfyller,
                &inte,
                None,
                Some(Lag::SoL),
                Klass::ManuellBedomning,
            ),
            (
                &uppfyller,
                &kraver,
                Some(&old),
                Some(Lag::SoL),
                Klass::ManuellBedomning,
            ),
            (
                &inte,
                &uppfyller,
                Some(&old),
                Some(Lag::SoL),
                Klass::Formanligare,
            ),
            (
                &kraver,
                &uppfyller,
                Some(&old),
                Some(Lag::Lss),
                Klass::Formanligare,
            ),
        ];
        for (before, after, beslut, lag, expect) in cases {
            let (klass, reason) = classify(before, after, beslut, lag, None);
            assert_eq!(klass, expect, "{reason}");
        }
    }
    /// The chunk result of re-prövning the one JSON line `line` under `context`, which must
    /// not be rejected.
    fn one_line(context: &Context<'_>, line: &str) -> ChunkResult {
        let mut result = ChunkResult::default();
        let mut evaluations = Evaluations::empty();
        let record = Record {
            line: 1,
            result: crate::case::from_json(line),
        };
        process_record(context, record, &mut result, &mut evaluations);
        assert_eq!(
            result.summary.rejected, 0,
            "{:?}",
            result.summary.rejected_lines
        );
        result
    }

    #[test]
    fn facts_a_version_does_not_know_are_counted_and_named() {
        let old = shipped("2025-01-01");
        let new = shipped("2025-11-01");
        let (Ok(from), Ok(to)) = (Table::decode(&old), Table::decode(&new)) else {
            panic!("the shipped riktlinjer do not decode");
        };
        let context = Context::new(&from, &to, day("2025-11-01"));
        assert!(context.same_reading);
        let line = r#"{"schema_version":1,"person":{"fodelsedatum":"1940-01-01","bor_ensam":true,"antal_husdjur":2,"Anna Andersson":1},
            "beslut":[{"insats":"trygghetslarm","beslutsdatum":"2025-01-10","gynnande":true,"tills_vidare":true,"omfattning":1}]}"#;
        let result = one_line(&context, line);
        assert_eq!(result.summary.unknown_facts, [2, 2]);
        for keys in &result.summary.unknown_fact_keys {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            assert_eq!(keys, ["antal_husdjur"]);
        }
        let text = summary_text(&context, &result.summary, None);
        assert!(text.contains("antal_husdjur"), "{text}");
        assert!(!text.contains("Anna"), "{text}");
    }

    #[test]
    fn a_fact_only_the_later_version_declares_is_unknown_to_the_earlier_alone() {
        let old = shipped("2025-01-01");
        let new = shipped("2025-11-01");
        let (Ok(from), Ok(to)) = (Table::decode(&old), Table::decode(&new)) else {
            panic!("the shipped riktlinjer do not decode");
        };
        // 2025-11-01 declares `kan_äta_på_servering` for matdistribution; 2025-01-01 does not.
        let once = Context::new(&from, &to, day("2025-11-01"));
        assert!(once.same_reading, "the later catalogue extends the earlier");
        let mut twice = Context::new(&from, &to, day("2025-11-01"));
        twice.same_reading = false;
        let line = r#"{"schema_version":1,"person":{"fodelsedatum":"1938-01-01","bor_ensam":true,"behov_tillgodoses_pa_annat_satt":false,"behov":["hemliv"],"kan_ata_pa_servering":true,"antal_husdjur":1},
            "beslut":[{"insats":"matdistribution","beslutsdatum":"2024-05-10","gynnande":true,"tills_vidare":true,"omfattning":5}]}"#;
        let (read_once, read_twice) = (one_line(&once, line), one_line(&twice, line));
        assert_eq!(read_once.summary.unknown_facts, [2, 1]);
        let named = |result: &ChunkResult, version: usize| -> Vec<String> {
            result.summary.unknown_fact_keys[version]
                .iter()
                .cloned()
                .collect()
        };
        assert_eq!(
            named(&read_once, 0),
            ["antal_husdjur", "kan_ata_pa_servering"]
        );
        assert_eq!(named(&read_once, 1), ["antal_husdjur"]);
        // Reading the case once for both versions gives what reading it for each does.
        assert_eq!(
            read_once.summary.unknown_facts,
            read_twice.summary.unknown_facts
        );
        for version in 0..2 {
            assert_eq!(named(&read_once, version), named(&read_twice, version));
        }
        assert_eq!(read_once.lines, read_twice.lines);
        // The new norm decides the beslut: it can eat at a servering nearby (MD-5).
        let worklist = String::from_utf8_lossy(&read_once.lines);
        assert!(worklist.contains("MD-5"), "{worklist}");
    }

    #[test]
    fn the_probe_step_of_the_estimate_is_the_cores_evaluation() {
        let bytes = shipped("2025-11-01");
        let Ok(table) = Table::decode(&bytes) else {
            panic!("the shipped riktlinje does not compile");
        };
        let facts_of = crate::case::FactIndex::of(&table);
        let mut population = Vec::new();
        let _ = crate::generate::generate(
            &mut population,
            400,
            9,
            crate::generate::PopulationFormat::Jsonl,
        );
        let as_of = day("2025-11-01");
        let mut n_provningar = 0;
        for line in String::from_utf8_lossy(&population).lines() {
            let Ok(mut input) = crate::case::from_json(line) else {
                panic!("{line}");
            };
            if let Err(error) = facts_of.bind(&mut input, crate::case::Binding::Strict) {
                panic!("{line}: {error}");
            }
            let Ok(reprovning) = reprovning_case(&input.case, as_of, &table) else {
                continue;
            };
            let Ok(evaluation) = evaluate(&table, &reprovning.case, as_of) else {
                panic!("{line}");
            };
            let mut facts = riktlinjer_core::person_facts(&table, &reprovning.case.person, as_of);
            for (ansokan, provning) in reprovning
                .case
                .ansokningar
                .iter()
                .zip(&evaluation.provningar)
            {
                let Some(insats_idx) = table.insats_index(&ansokan.insats) else {
                    continue;
                };
                set_ansokan_facts(&table, &mut facts, &reprovning.case, ansokan, as_of);
                let probe = evaluate_insats(&table, insats_idx, &facts, as_of).map(|mut probe| {
                    probe.ansokan_idx = provning.ansokan_idx;
                    probe
                });
                assert_eq!(probe.as_ref(), Ok(provning), "{line}");
                n_provningar += 1;
            }
        }
        assert!(n_provningar > 400);
    }
}
