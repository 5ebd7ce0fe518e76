//! The audit log of the HTTP service: one JSON line per evaluation, on disk before the answer.
//!
//! Each line names the caller (the token's name) and the handläggare (`auth`), the case (its
//! id, or with a key its pseudonymous reference, `pseudonym`), the riktlinje version (id and
//! content hash), the day of prövning, the outcome per insats and the SHA-256 of the evaluation's
//! canonical JSON, so that `riktlinjer verify-audit` can replay every logged evaluation from the
//! case system's own copy of the cases and show which ones no longer give the same answer.
//! Lines are written in canonical form and chained: each carries the hash of the one before
//! (`chain`), so `verify-audit` names the first line where one was deleted, moved, copied or
//! edited. A torn last line is moved aside when the log is opened.
//! An omprövning (`POST /v1/omprovning`) evaluates each case twice, once per version, and
//! logs one line per evaluation, marked `omprovning`: the evaluated case is the ärende with its
//! gällande beslut put as ansökningar (`batch::reprovning_case`), and a replay converts it the
//! same way.
//! Lines hold no personal data beyond the case id and the handläggare, and with a key not
//! the case id either; without a key, a person with skyddade personuppgifter (anything but
//! `ingen`) leaves no case id.
//! One writer thread owns the file and commits lines in groups: it writes what has queued up,
//! syncs the file once, and only then acknowledges each line, so an HTTP answer is never sent
//! for an evaluation that is not on disk.
//! This module does not evaluate or render: it takes the evaluation's JSON from `render`.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use riktlinjer_core::{Date, Table, evaluate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::time::Instant;
use tokio::sync::oneshot;

use crate::auth::Caller;
use crate::chain::{self, GENESIS, link_hash};
use crate::metrics::AuditMetrics;
use crate::pseudonym::{CaseKey, KeyError};

pub use crate::chain::canonical_json;

use riktlinjer_library::batch;
use riktlinjer_library::case::{self, Binding, CaseInput, FactIndex};
use riktlinjer_library::diff;
use riktlinjer_library::io::io_text;
use riktlinjer_library::render;
use riktlinjer_library::store::{LoadError, Store};
use riktlinjer_library::texts;

/// The most lines one group commit writes; more wait for the next sync.
const MAX_LINES_PER_SYNC: usize = 1_024;

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// When the evaluation was made, in Swedish civil time with its offset
    /// (`2026-02-01T10:30:00.123+01:00`).
    pub tid: String,
    /// The name of the caller's token, or `null` when the service runs without authentication.
    pub anropare: Option<String>,
    /// The handläggare who asked: the token's own name for a handläggare's token, the
    /// vouched header for a case system's, `null` when no one was named.
    #[serde(default)]
    pub handlaggare: Option<String>,
    /// The case system's case id; `null` with a key (see `arende_ref`), for a skyddad person,
    /// or for a case without one.
    pub arende_id: Option<String>,
    /// The case's pseudonymous reference: HMAC-SHA-256 of the case id under the key
    /// `nyckel_id`; `null` without a key or a case id.
    #[serde(default)]
    pub arende_ref: Option<String>,
    /// The id of the key of `arende_ref`.
    #[serde(default)]
    pub nyckel_id: Option<String>,
    /// Whether the person has skyddade personuppgifter, so the case id was left out.
    pub skyddad: bool,
    /// The riktlinje version's id.
    pub riktlinje_id: String,
    /// The riktlinje version's content hash (hex).
    pub riktlinje_hash: String,
    /// The SHA-256 (hex) of the evaluation's canonical JSON (see [`canonical_json`]).
    pub utvarderingshash: String,
    /// The outcome per application, in the case's order.
    pub utfall: Vec<InsatsUtfall>,
    /// The day of prövning.
    pub as_of: String,
    /// Whether this is one of the two evaluations of an omprövning: then the evaluated case is
    /// the ärende as [`omprovning_input`] converts it. Lines written before the field existed
    /// read as `false`.
    #[serde(default)]
    pub omprovning: bool,
    /// The SHA-256 of the canonical form of the line before, or [`GENESIS`] for the first
    /// line of a log; the writer sets it.
    #[serde(default)]
    pub foregaende: String,
}

/// The outcome for one application, by insats id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsatsUtfall {
    /// The insats id as the case named it.
    pub insats: String,
    /// The outcome's code (`uppfyller`, `uppfyller_inte`, `lagen_hindrar`,
    /// `kraver_individuell_bedomning`).
    pub utfall: String,
}

/// A handle to the audit log's writer thread; cheap to share between requests.
#[derive(Debug)]
pub struct AuditLog {
    path: PathBuf,
    queue: mpsc::Sender<Message>,
}

/// Why an audit line could not be written.
#[derive(Debug)]
pub enum AuditError {
    /// The log file could not be opened, written or synced.
    Io {
        /// The log file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The writer thread has stopped after an earlier error.
    Stopped {
        /// The log file.
        path: PathBuf,
    },
}

/// Why `verify-audit` could not run at all.
#[derive(Debug)]
pub enum VerifyError {
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The riktlinjer could not be loaded.
    Load(LoadError),
    /// A key file could not be used.
    Key(KeyError),
    /// A line of the cases file is not a valid case.
    Case {
        /// The cases file.
        path: PathBuf,
        /// The line (from 1).
        line: usize,
        /// What is wrong.
        error: case::InputError,
    },
    /// Two cases in the cases file have the same id.
    DuplicateCase {
        /// The id.
        arende_id: String,
        /// The lines (from 1).
        lines: (usize, usize),
    },
}

/// What the writer thread is asked to do.
enum Message {
    /// Append a line and acknowledge once it is synced.
    Line(Pending),
    /// Open the file again by its path (after logrotate moved it) and acknowledge.
    Reopen(oneshot::Sender<Result<(), String>>),
    /// Write and sync every line queued before, sync the file's metadata too, acknowledge, and
    /// stop: the service is shutting down.
    Close(oneshot::Sender<Result<(), String>>),
}

/// One or more records that are chained, written, synced and acknowledged together.
struct Pending {
    records: Vec<Record>,
    ack: oneshot::Sender<Result<(), String>>,
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditError::Io { path, source } => write!(
                f,
                "granskningsloggen {}: {}",
                path.display(),
                io_text(source)
            ),
            AuditError::Stopped { path } => write!(
                f,
                "{}",
                crate::texts::granskningsloggen_kan_inte_langre(path.display())
            ),
        }
    }
}

impl std::error::Error for AuditError {}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Io { path, source } => {
                write!(f, "{}: {}", path.display(), io_text(source))
            }
            VerifyError::Load(error) => write!(f, "{error}"),
            VerifyError::Key(error) => write!(f, "{error}"),
            VerifyError::Case { path, line, error } => {
                write!(f, "{}:{line}: {error}", path.display())
            }
            VerifyError::DuplicateCase { arende_id, lines } => write!(
                f,
                "{}",
                crate::texts::arendet_finns_tva_ganger(lines.0, lines.1, arende_id)
            ),
        }
    }
}

impl std::error::Error for VerifyError {}

impl From<LoadError> for VerifyError {
    fn from(error: LoadError) -> VerifyError {
        VerifyError::Load(error)
    }
}

impl AuditLog {
    /// Opens (or creates) the log for appending and starts its writer thread, which counts
    /// every group commit in `metrics`.
    ///
    /// # Errors
    /// [`AuditError::Io`] when the file cannot be opened.
    pub fn open(path: &Path, metrics: AuditMetrics) -> Result<AuditLog, AuditError> {
        let io_error = |source| AuditError::Io {
            path: path.to_owned(),
            source,
        };
        let opened = open_for_append(path).map_err(io_error)?;
        let head = opened.head.clone().unwrap_or_else(|| GENESIS.to_owned());
        let (queue, pending) = mpsc::channel();
        let thread_path = path.to_owned();
        std::thread::Builder::new()
            .name("granskningslogg".to_owned())
            .spawn(move || {
                write_loop(
                    Writer {
                        file: opened.file,
                        synced_len: opened.len,
                        head,
                    },
                    &thread_path,
                    &pending,
                    &metrics,
                );
            })
            .map_err(io_error)?;
        Ok(AuditLog {
            path: path.to_owned(),
            queue,
        })
    }

    /// Appends one line and returns once it is written and synced to disk.
    ///
    /// # Errors
    /// An [`AuditError`] when the line could not be made durable; the caller must then not
    /// answer as if the evaluation were logged.
    pub async fn append(&self, record: &Record) -> Result<(), AuditError> {
        self.append_all(std::slice::from_ref(record)).await
    }

    /// Appends the lines of `records` together and returns once all are written and synced to
    /// disk: they go to the writer as one piece, so they share one sync and a failed write
    /// leaves none of them in the log.
    ///
    /// # Errors
    /// An [`AuditError`] when the lines could not be made durable; the caller must then not
    /// answer as if the evaluations were logged.
    pub async fn append_all(&self, records: &[Record]) -> Result<(), AuditError> {
        if records.is_empty() {
            return Ok(());
        }
        let (ack, acked) = oneshot::channel();
        let stopped = || AuditError::Stopped {
            path: self.path.clone(),
        };
        let records = records.to_vec();
        self.queue
            .send(Message::Line(Pending { records, ack }))
            .map_err(|_| stopped())?;
        self.acknowledged(acked).await
    }

    /// Opens the log again by its path, for when logrotate has moved the file away; lines
    /// queued before go to the old file.
    ///
    /// # Errors
    /// An [`AuditError`] when the file cannot be opened; the old file is kept.
    pub async fn reopen(&self) -> Result<(), AuditError> {
        let (ack, acked) = oneshot::channel();
        self.queue
            .send(Message::Reopen(ack))
            .map_err(|_| AuditError::Stopped {
                path: self.path.clone(),
            })?;
        self.acknowledged(acked).await
    }

    /// Writes and syncs every line queued before this call, syncs the file (its metadata
    /// too), and stops the writer; a later append fails with [`AuditError::Stopped`].
    ///
    /// # Errors
    /// An [`AuditError`] when the last sync failed or the writer had already stopped.
    pub async fn close(&self) -> Result<(), AuditError> {
        let (ack, acked) = oneshot::channel();
        self.queue
            .send(Message::Close(ack))
            .map_err(|_| AuditError::Stopped {
                path: self.path.clone(),
            })?;
        self.acknowledged(acked).await
    }

    async fn acknowledged(
        &self,
        acked: oneshot::Receiver<Result<(), String>>,
    ) -> Result<(), AuditError> {
        match acked.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(message)) => Err(AuditError::Io {
                path: self.path.clone(),
                source: io::Error::other(message),
            }),
            Err(_) => Err(AuditError::Stopped {
                path: self.path.clone(),
            }),
        }
    }
}

/// Opens the log after repairing a torn last line, and says so in the service's log.
fn open_for_append(path: &Path) -> io::Result<chain::Opened> {
    let opened = chain::open_repaired(path)?;
    if let Some(fragment) = &opened.fragment {
        tracing::warn!(fil = %path.display(), rest = %fragment.display(), "{}", crate::texts::GRANSKNINGSLOGGEN_SLUTADE_MITT_I);
    }
    Ok(opened)
}

/// The writer thread's file, how much of it is synced, and the link hash of its last line.
struct Writer {
    file: File,
    synced_len: u64,
    head: String,
}

/// The canonical line of `record` chained after `head`, without its newline.
fn chained_line(record: &Record, head: &str) -> Vec<u8> {
    let mut record = record.clone();
    record.foregaende = head.to_owned();
    canonical_json(&serde_json::to_value(&record).unwrap_or_default())
}

/// The writer thread: take every queued record, chain them, write them in one go, sync once,
/// acknowledge.
///
/// Grouping keeps one `fdatasync` per burst instead of one per request, so throughput is not
/// bounded by the disk's sync time while every answer still waits for its own line.
/// A failed write is rolled back to the last synced length and the chain to its last synced
/// line, so a later line never follows a torn one.
fn write_loop(
    writer: Writer,
    path: &Path,
    messages: &mpsc::Receiver<Message>,
    metrics: &AuditMetrics,
) {
    let Writer {
        mut file,
        mut synced_len,
        mut head,
    } = writer;
    let mut group: Vec<Pending> = Vec::new();
    let mut bytes: Vec<u8> = Vec::new();
    while let Ok(first) = messages.recv() {
        // A reopen or a close waits for the lines queued before it.
        let mut control = None;
        match first {
            Message::Line(pending) => group.push(pending),
            other => control = Some(other),
        }
        if control.is_none() {
            for message in messages.try_iter() {
                match message {
                    Message::Line(pending) => group.push(pending),
                    other => {
                        control = Some(other);
                        break;
                    }
                }
                if group.len() >= MAX_LINES_PER_SYNC {
                    break;
                }
            }
        }
        if !group.is_empty() {
            bytes.clear();
            let synced_head = head.clone();
            let mut n_lines = 0;
            for pending in &group {
                for record in &pending.records {
                    let line = chained_line(record, &head);
                    head = link_hash(&line);
                    bytes.extend_from_slice(&line);
                    bytes.push(b'\n');
                    n_lines += 1;
                }
            }
            let started = Instant::now();
            let written = file.write_all(&bytes).and_then(|()| file.sync_data());
            metrics.synced(n_lines, started.elapsed(), written.is_ok());
            let result = match written {
                Ok(()) => {
                    synced_len += bytes.len() as u64;
                    Ok(())
                }
                Err(error) => {
                    // Best effort: cut a partly written group so the log stays whole lines.
                    let _ = file.set_len(synced_len);
                    head = synced_head;
                    Err(format!("{}: {}", path.display(), io_text(&error)))
                }
            };
            for pending in group.drain(..) {
                let _ = pending.ack.send(result.clone());
            }
        }
        match control {
            Some(Message::Reopen(ack)) => {
                let result = match open_for_append(path) {
                    Ok(reopened) => {
                        file = reopened.file;
                        synced_len = reopened.len;
                        // A new file (after logrotate moved the old one) continues the chain
                        // of the old one; a file with lines continues its own.
                        if let Some(last) = reopened.head {
                            head = last;
                        }
                        Ok(())
                    }
                    Err(error) => Err(format!("{}: {}", path.display(), io_text(&error))),
                };
                let _ = ack.send(result);
            }
            Some(Message::Close(ack)) => {
                let result = file
                    .sync_all()
                    .map_err(|error| format!("{}: {}", path.display(), io_text(&error)));
                let _ = ack.send(result);
                return;
            }
            Some(Message::Line(_)) | None => {}
        }
    }
}

/// The record for one evaluation, with its chain link left for the writer to set.
///
/// `evaluation` is the JSON that `render::to_json` gave for `input`; the outcomes and the hash
/// are read from it, so the log says exactly what the caller was told.
/// With a `key`, the case is named by its reference only; without one, by its id, except for
/// a skyddad person.
pub fn record(
    tid: String,
    caller: &Caller,
    key: Option<&CaseKey>,
    input: &CaseInput,
    evaluation: &Value,
) -> Record {
    let skyddad = render::is_skyddad(input);
    let text = |pointer: &str| {
        evaluation
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let utfall = evaluation
        .get("provningar")
        .and_then(Value::as_array)
        .map(|provningar| {
            provningar
                .iter()
                .map(|provning| InsatsUtfall {
                    // An insats the riktlinje does not know is logged only when it has the
                    // form of an id: a mapping slip may have put a name or an address there.
                    insats: texts::shown_code(provning["insats"].as_str().unwrap_or_default())
                        .unwrap_or(crate::texts::OKAND_KOD)
                        .to_owned(),
                    utfall: provning["utfall"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    let arende_ref = key.and_then(|key| {
        input
            .arende_id
            .as_deref()
            .map(|arende_id| (key.reference(arende_id), key.id().to_owned()))
    });
    Record {
        tid,
        anropare: caller.anropare.clone(),
        handlaggare: caller.handlaggare.clone(),
        arende_id: if skyddad || key.is_some() {
            None
        } else {
            input.arende_id.clone()
        },
        nyckel_id: arende_ref.as_ref().map(|(_, id)| id.clone()),
        arende_ref: arende_ref.map(|(reference, _)| reference),
        skyddad,
        riktlinje_id: text("/riktlinje/id"),
        riktlinje_hash: text("/riktlinje/innehallshash"),
        utvarderingshash: evaluation_hash(evaluation),
        utfall,
        as_of: text("/provningsdag"),
        omprovning: false,
        foregaende: String::new(),
    }
}

/// The case an omprövning evaluates under `table`: `input` bound to that version's catalogue
/// (a fact it does not know is left out), with its gällande beslut put as ansökningar on
/// `as_of`, by the same conversion `riktlinjer omprovning` uses.
///
/// # Errors
/// The message of a fact of the wrong type, or of the conversion error of
/// [`batch::reprovning_case`] when the prövningar do not fit one evaluation; the worklist
/// rejects such a case.
pub fn omprovning_input(
    input: &CaseInput,
    as_of: Date,
    table: &Table<'_>,
) -> Result<CaseInput, String> {
    let mut bound = input.clone();
    FactIndex::of(table)
        .bind(&mut bound, Binding::Lenient)
        .map_err(|error| error.to_string())?;
    let reprovning =
        batch::reprovning_case(&bound.case, as_of, table).map_err(|error| error.to_string())?;
    Ok(CaseInput {
        arende_id: input.arende_id.clone(),
        case: Box::new(reprovning.case),
        identitet: input.identitet.clone(),
        rapportuppgifter: input.rapportuppgifter.clone(),
        facts: input.facts.clone(),
        spare: Default::default(),
        read_binding: input.read_binding.clone(),
    })
}

/// The records of an omprövning: for each case that is prövad under both versions, one
/// record per version (`from` first), each for the evaluation of [`omprovning_input`].
///
/// A case the worklist rejects (it cannot be converted or evaluated) or leaves out (it has
/// nothing to pröva) was not evaluated, so it has no record.
pub fn omprovning_records(
    tid: &str,
    (caller, key): (&Caller, Option<&CaseKey>),
    (from, to): (&Table<'_>, &Table<'_>),
    as_of: Date,
    inputs: &[&CaseInput],
) -> Vec<Record> {
    let mut records = Vec::with_capacity(inputs.len() * 2);
    for input in inputs {
        let (Ok(converted_from), Ok(converted_to)) = (
            omprovning_input(input, as_of, from),
            omprovning_input(input, as_of, to),
        ) else {
            continue;
        };
        if converted_to.case.ansokningar.is_empty() {
            continue;
        }
        let (Ok(before), Ok(after)) = (
            evaluate(from, &converted_from.case, as_of),
            evaluate(to, &converted_to.case, as_of),
        ) else {
            continue;
        };
        for (table, converted, evaluation) in [
            (from, &converted_from, &before),
            (to, &converted_to, &after),
        ] {
            let value = render::to_json(table, converted, evaluation);
            let mut record = record(tid.to_owned(), caller, key, converted, &value);
            record.omprovning = true;
            // A version held to a version of the law is named as the request named it, so that
            // the replay holds it to the same law.
            record.riktlinje_id = diff::version_name(table);
            records.push(record);
        }
    }
    records
}

/// The SHA-256 (hex) of the evaluation's canonical JSON.
pub fn evaluation_hash(evaluation: &Value) -> String {
    render::hash_hex(&riktlinjer_core::sha256(&canonical_json(evaluation)))
}

/// What `verify-audit` is asked to check.
#[derive(Clone, Debug, Default)]
pub struct VerifyOptions {
    /// The log files, in the order they were written (a rotated file before the next).
    pub logs: Vec<PathBuf>,
    /// The riktlinjer and the cases file, to replay every evaluation; without them only the
    /// chain and the form of each line are checked.
    pub replay: Option<(PathBuf, PathBuf)>,
    /// The key files of the lines' case references.
    pub keys: Vec<PathBuf>,
    /// The hash the first line must continue from (the last hash of the log before it).
    pub foregaende: Option<String>,
}

/// What a verification found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Lines read.
    pub checked: usize,
    /// Lines whose chain and form hold and whose replay (when asked for) gives the same answer.
    pub same: usize,
    /// Lines with at least one fault: a broken chain, a line that is no record or not in
    /// canonical form, an evaluation that differs, or a case or version that is missing.
    pub problems: usize,
    /// Lines of skyddade persons without a case reference, which cannot be replayed.
    pub skyddade: usize,
    /// Lines whose `foregaende` is not the hash of the line before.
    pub kedjebrott: usize,
    /// The first line with a fault: the file's place in [`VerifyOptions::logs`] and the line
    /// (from 1).
    pub forsta_fel: Option<(usize, usize)>,
    /// The link hash of the last line: the `foregaende` the next log must start with.
    pub sista_hash: Option<String>,
}

/// The cases of a replay, by case id, and by key id and reference.
struct Replay {
    store: Store,
    cases: HashMap<String, (usize, CaseInput)>,
    references: HashMap<(String, String), String>,
}

/// Checks every line of the audit logs, in order: that it is UTF-8, a record, in canonical
/// form, and chained to the line before; and, with `replay`, that its evaluation replays to
/// the same answer.
///
/// Writes one line per fault to `out`, naming the line, and a summary: the first fault's line,
/// and the last line's hash for the next log to continue from.
///
/// # Errors
/// A [`VerifyError`] when a log, the riktlinjer, the cases or a key cannot be read at all.
pub fn verify(options: &VerifyOptions, out: &mut dyn Write) -> Result<Tally, VerifyError> {
    let keys = options
        .keys
        .iter()
        .map(|path| CaseKey::load(path).map_err(VerifyError::Key))
        .collect::<Result<Vec<_>, _>>()?;
    let replay = match &options.replay {
        Some((rules, cases)) => Some(load_replay(rules, cases, &keys)?),
        None => None,
    };
    let mut tally = Tally::default();
    let mut expected = options.foregaende.clone();
    let several = options.logs.len() > 1;
    for (file_index, log) in options.logs.iter().enumerate() {
        let io_error = |source| VerifyError::Io {
            path: log.clone(),
            source,
        };
        // Read a line at a time: a year of log need not fit in memory.
        let mut reader = io::BufReader::new(File::open(log).map_err(io_error)?);
        let mut buffer = Vec::new();
        let place = |line: usize| {
            if several {
                format!("{}: rad {line}", log.display())
            } else {
                format!("rad {line}")
            }
        };
        let mut line_no = 0;
        loop {
            buffer.clear();
            if io::BufRead::read_until(&mut reader, b'\n', &mut buffer).map_err(io_error)? == 0 {
                break;
            }
            line_no += 1;
            // The text after the last newline is a torn line.
            let torn = buffer.last() != Some(&b'\n');
            let raw: &[u8] = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
            tally.checked += 1;
            let mut faults = Vec::new();
            if torn {
                faults.push(crate::texts::RADEN_SLUTAR_UTAN_RADBRYTNING.to_owned());
            }
            let chained = check_form(raw, &mut faults);
            if let Some(record) = &chained {
                match &expected {
                    Some(before) if &record.foregaende == before => {}
                    _ if line_no == 1 && record.foregaende == GENESIS => {
                        if expected.is_some() {
                            let _ = writeln!(
                                out,
                                "{}",
                                crate::texts::en_ny_hashkedja_borjar(place(line_no))
                            );
                        }
                    }
                    Some(_) => {
                        tally.kedjebrott += 1;
                        faults.push(crate::texts::HASHKEDJAN_BRYTS_FOREGAENDE_AR.to_owned());
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "{}",
                            crate::texts::fortsatter_hashkedjan_fran_en(
                                place(line_no),
                                &record.foregaende
                            )
                        );
                    }
                }
                if let Some(replay) = &replay {
                    check_replay(replay, &keys, record, &mut tally, &mut faults);
                }
            }
            expected = Some(link_hash(raw));
            if faults.is_empty() {
                tally.same += 1;
            } else {
                tally.problems += 1;
                tally.forsta_fel.get_or_insert((file_index, line_no));
                for fault in faults {
                    let _ = writeln!(out, "{}: {fault}", place(line_no));
                }
            }
        }
    }
    tally.sista_hash = expected;
    write_summary(options, &tally, replay.is_some(), out);
    Ok(tally)
}

fn write_summary(options: &VerifyOptions, tally: &Tally, replayed: bool, out: &mut dyn Write) {
    if replayed {
        let _ = writeln!(
            out,
            "{}",
            crate::texts::rader_kontrollerade_stammer_avviker(
                tally.checked,
                tally.same.saturating_sub(tally.skyddade),
                tally.problems,
                tally.skyddade
            )
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            crate::texts::rader_kontrollerade_hashkedja_och(
                tally.checked,
                tally.same,
                tally.problems
            )
        );
    }
    match tally.forsta_fel {
        Some((file, line)) => {
            let file = if options.logs.len() > 1 {
                options
                    .logs
                    .get(file)
                    .map(|path| format!("{}: ", path.display()))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let _ = writeln!(out, "{}", crate::texts::forsta_felet_rad(&file, line));
        }
        None => {
            let _ = writeln!(out, "{}", crate::texts::HASHKEDJAN_AR_HEL);
        }
    }
    if let Some(hash) = &tally.sista_hash {
        let _ = writeln!(out, "{}", crate::texts::sista_radens_hash(hash));
    }
}

/// The record in `raw`, when it is UTF-8, a record and in canonical form; each fault found
/// is pushed to `faults`. A record not in canonical form is still returned, so its chain and
/// replay are checked too.
fn check_form(raw: &[u8], faults: &mut Vec<String>) -> Option<Record> {
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(error) => {
            faults.push(crate::texts::raden_ar_inte_giltig(error.valid_up_to() + 1));
            return None;
        }
    };
    if text.trim().is_empty() {
        faults.push(crate::texts::RADEN_AR_TOM_TJANSTEN.to_owned());
        return None;
    }
    let record = match read_record(text) {
        Ok(record) => record,
        Err(message) => {
            faults.push(message);
            return None;
        }
    };
    let canonical = serde_json::from_str::<Value>(text)
        .map(|value| canonical_json(&value))
        .unwrap_or_default();
    if canonical != raw {
        faults.push(crate::texts::RADEN_AR_INTE_SKRIVEN.to_owned());
    }
    Some(record)
}

fn load_replay(rules: &Path, cases: &Path, keys: &[CaseKey]) -> Result<Replay, VerifyError> {
    let store = Store::load(rules)?;
    let text = std::fs::read_to_string(cases).map_err(|source| VerifyError::Io {
        path: cases.to_owned(),
        source,
    })?;
    let cases = read_cases(cases, &text)?;
    let mut references = HashMap::with_capacity(cases.len() * keys.len());
    for key in keys {
        for arende_id in cases.keys() {
            references.insert(
                (key.id().to_owned(), key.reference(arende_id)),
                arende_id.clone(),
            );
        }
    }
    Ok(Replay {
        store,
        cases,
        references,
    })
}

fn read_cases(path: &Path, text: &str) -> Result<HashMap<String, (usize, CaseInput)>, VerifyError> {
    let mut cases: HashMap<String, (usize, CaseInput)> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let input = case::from_json(line).map_err(|error| VerifyError::Case {
            path: path.to_owned(),
            line: index + 1,
            error,
        })?;
        let Some(arende_id) = input.arende_id.clone() else {
            continue;
        };
        if let Some((first, _)) = cases.get(&arende_id) {
            return Err(VerifyError::DuplicateCase {
                arende_id,
                lines: (*first, index + 1),
            });
        }
        cases.insert(arende_id, (index + 1, input));
    }
    Ok(cases)
}

/// Replays one record; a difference, or a case or version that is missing, is pushed to
/// `faults`. A skyddad person's record without any case reference cannot be replayed and is
/// counted in `tally.skyddade`.
fn check_replay(
    replay: &Replay,
    keys: &[CaseKey],
    record: &Record,
    tally: &mut Tally,
    faults: &mut Vec<String>,
) {
    if let Some(problem) = replay_problem(replay, keys, record, tally) {
        faults.push(problem);
    }
}

fn replay_problem(
    replay: &Replay,
    keys: &[CaseKey],
    record: &Record,
    tally: &mut Tally,
) -> Option<String> {
    let (arende_id, key) = match (&record.arende_id, &record.arende_ref, &record.nyckel_id) {
        (Some(arende_id), _, _) => (arende_id.clone(), None),
        (None, Some(reference), Some(nyckel_id)) => {
            let Some(key) = keys.iter().find(|key| key.id() == nyckel_id) else {
                return Some(crate::texts::raden_ar_nycklad_med(nyckel_id));
            };
            let Some(arende_id) = replay
                .references
                .get(&(nyckel_id.clone(), reference.clone()))
            else {
                return Some(crate::texts::INGET_ARENDE_I_ARENDEFILEN.to_owned());
            };
            (arende_id.clone(), Some(key))
        }
        (None, None, None) if record.skyddad => {
            tally.skyddade += 1;
            return None;
        }
        _ => return Some(crate::texts::POSTEN_SAKNAR_ARENDE_ID.to_owned()),
    };
    let Some((_, input)) = replay.cases.get(&arende_id) else {
        return Some(crate::texts::arendet_finns_inte_i(&arende_id));
    };
    // An omprövning's version may be held to a version of the law: `id@lag`.
    let (riktlinje_id, lag) = match record.riktlinje_id.rsplit_once('@') {
        Some((riktlinje_id, lag)) if record.omprovning => (riktlinje_id, Some(lag)),
        _ => (record.riktlinje_id.as_str(), None),
    };
    let Some(version) = replay.store.by_id(riktlinje_id) else {
        return Some(crate::texts::arendet_riktlinjeversionen_finns_inte(
            &record.riktlinje_id,
            &arende_id,
        ));
    };
    let Ok(as_of) = Date::parse(&record.as_of) else {
        return Some(crate::texts::arendet_provningsdagen_i_faltet(&arende_id));
    };
    let stored = match version.table() {
        Ok(table) => table,
        Err(error) => return Some(crate::texts::arendet(&arende_id, error)),
    };
    let held = match lag.map(|lag| diff::held_to_law(&stored, riktlinje_id, lag)) {
        None => None,
        Some(Ok(bytes)) => Some(bytes),
        Some(Err(error)) => return Some(crate::texts::arendet(&arende_id, error)),
    };
    let held = match held.as_deref().map(Table::decode).transpose() {
        Ok(held) => held,
        Err(error) => return Some(crate::texts::arendet(&arende_id, error)),
    };
    let table = held.unwrap_or(stored);
    // An omprövning's line is the evaluation of the converted case, as the service made it.
    let converted = if record.omprovning {
        match omprovning_input(input, as_of, &table) {
            Ok(converted) => converted,
            Err(error) => return Some(crate::texts::arendet(&arende_id, &error)),
        }
    } else {
        let mut bound = input.clone();
        if let Err(error) = FactIndex::of(&table).bind(&mut bound, Binding::Strict) {
            return Some(crate::texts::arendet(&arende_id, &error));
        }
        bound
    };
    let input = &converted;
    let hash = render::hash_hex(&table.content_hash());
    if hash != record.riktlinje_hash {
        return Some(crate::texts::arendet_riktlinjen_har_andrats(
            &record.riktlinje_id,
            &record.riktlinje_hash,
            &arende_id,
            &hash,
        ));
    }
    let evaluation = match evaluate(&table, &input.case, as_of) {
        Ok(evaluation) => evaluation,
        Err(error) => return Some(crate::texts::arendet(&arende_id, error)),
    };
    let value = render::to_json(&table, input, &evaluation);
    // The line is compared field by field with the line the replay would write, so that an
    // edited outcome (or version, or day) cannot pass on a hash left as it was.
    let caller = Caller {
        anropare: record.anropare.clone(),
        handlaggare: record.handlaggare.clone(),
    };
    let mut expected = self::record(record.tid.clone(), &caller, key, input, &value);
    if record.omprovning {
        expected.riktlinje_id = diff::version_name(&table);
    }
    let now = expected.utvarderingshash.clone();
    if now != record.utvarderingshash || record.utfall != expected.utfall {
        let utfall: Vec<String> = value["provningar"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|provning| {
                format!(
                    "{} {}",
                    provning["insats"].as_str().unwrap_or("?"),
                    provning["utfall"].as_str().unwrap_or("?")
                )
            })
            .collect();
        let logged: Vec<String> = record
            .utfall
            .iter()
            .map(|utfall| format!("{} {}", utfall.insats, utfall.utfall))
            .collect();
        return Some(crate::texts::arendet_provningen_ger_inte(
            &record.utvarderingshash,
            or_none(&logged),
            or_none(&utfall),
            &arende_id,
            &now,
        ));
    }
    let mut differing = Vec::new();
    for (field, same) in [
        ("riktlinje_id", expected.riktlinje_id == record.riktlinje_id),
        (
            "riktlinje_hash",
            expected.riktlinje_hash == record.riktlinje_hash,
        ),
        ("as_of", expected.as_of == record.as_of),
        ("skyddad", expected.skyddad == record.skyddad),
        ("arende_id", expected.arende_id == record.arende_id),
        ("arende_ref", expected.arende_ref == record.arende_ref),
        ("nyckel_id", expected.nyckel_id == record.nyckel_id),
    ] {
        if !same {
            differing.push(field);
        }
    }
    if !differing.is_empty() {
        let fields: Vec<String> = differing.iter().map(|field| format!("`{field}`")).collect();
        return Some(crate::texts::arendet_loggraden_stammer_inte(
            fields.join(", "),
            &arende_id,
        ));
    }
    None
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "inga".to_owned()
    } else {
        items.join(", ")
    }
}

/// Reads one line of the log, with a Swedish message naming the field for a line that is not
/// a record.
///
/// The fields are checked one by one rather than by serde, whose messages are English
/// (`missing field`, `invalid type`).
pub(crate) fn read_record(line: &str) -> Result<Record, String> {
    let value: Value = serde_json::from_str(line)
        .map_err(|error| crate::texts::raden_ar_inte_json(error.column()))?;
    let Value::Object(map) = value else {
        return Err(crate::texts::RADEN_AR_JSON_MEN.to_owned());
    };
    record_of(&map).map_err(|message| crate::texts::raden_ar_ingen_giltig(&message))
}

fn record_of(map: &serde_json::Map<String, Value>) -> Result<Record, String> {
    const FIELDS: [&str; 14] = [
        "tid",
        "anropare",
        "handlaggare",
        "arende_id",
        "arende_ref",
        "nyckel_id",
        "skyddad",
        "riktlinje_id",
        "riktlinje_hash",
        "utvarderingshash",
        "utfall",
        "as_of",
        "omprovning",
        "foregaende",
    ];
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    if let Some(key) = keys.iter().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(crate::texts::okant_falt(key));
    }
    let text = |key: &str| match map.get(key) {
        Some(Value::String(text)) => Ok(text.clone()),
        None => Err(crate::texts::faltet_saknas(key)),
        Some(_) => Err(crate::texts::faltet_ska_vara_en_text(key)),
    };
    let text_or_null = |key: &str| match map.get(key) {
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Null) => Ok(None),
        None => Err(crate::texts::faltet_saknas(key)),
        Some(_) => Err(crate::texts::faltet_ska_vara_en(key)),
    };
    let flag = |key: &str, default: Option<bool>| match map.get(key) {
        Some(Value::Bool(flag)) => Ok(*flag),
        None => default.ok_or_else(|| crate::texts::faltet_saknas(key)),
        Some(_) => Err(crate::texts::faltet_ska_vara_true(key)),
    };
    let utfall = match map.get("utfall") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let field = |key: &str| match item.get(key) {
                    Some(Value::String(text)) => Ok(text.clone()),
                    None => Err(crate::texts::faltet_utfall_saknas(index, key)),
                    Some(_) => Err(crate::texts::faltet_utfall_ska_vara_en(index, key)),
                };
                let Value::Object(entry) = item else {
                    return Err(crate::texts::faltet_utfall_ska_vara(index));
                };
                if let Some(key) = entry
                    .keys()
                    .find(|key| !["insats", "utfall"].contains(&key.as_str()))
                {
                    return Err(crate::texts::okant_falt_utfall(index, key));
                }
                Ok(InsatsUtfall {
                    insats: field("insats")?,
                    utfall: field("utfall")?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => return Err(crate::texts::FALTET_UTFALL_SAKNAS.to_owned()),
        Some(_) => return Err(crate::texts::FALTET_UTFALL_SKA_VARA.to_owned()),
    };
    Ok(Record {
        tid: text("tid")?,
        anropare: text_or_null("anropare")?,
        handlaggare: text_or_null("handlaggare")?,
        arende_id: text_or_null("arende_id")?,
        arende_ref: text_or_null("arende_ref")?,
        nyckel_id: text_or_null("nyckel_id")?,
        skyddad: flag("skyddad", None)?,
        riktlinje_id: text("riktlinje_id")?,
        riktlinje_hash: text("riktlinje_hash")?,
        utvarderingshash: text("utvarderingshash")?,
        utfall,
        as_of: text("as_of")?,
        omprovning: flag("omprovning", None)?,
        foregaende: text("foregaende")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_skyddad_person_leaves_no_case_id() {
        let input = |level: &str| {
            case::from_json(&format!(
                r#"{{"schema_version":1,"arende_id":"A-1","person":{{"skyddade_personuppgifter":"{level}"}}}}"#
            ))
            .unwrap_or_default()
        };
        let evaluation = json!({"provningar": [], "riktlinje": {"id": "x"}});
        let caller = Caller::default();
        let open = record("t".into(), &caller, None, &input("ingen"), &evaluation);
        assert_eq!(
            (open.arende_id.as_deref(), open.skyddad),
            (Some("A-1"), false)
        );
        for level in [
            "sekretessmarkering",
            "skyddad_folkbokforing",
            "fingerade_personuppgifter",
        ] {
            let closed = record("t".into(), &caller, None, &input(level), &evaluation);
            assert_eq!((closed.arende_id, closed.skyddad), (None, true), "{level}");
        }
    }

    #[test]
    fn with_a_key_every_case_is_named_by_its_reference_only() {
        let key = CaseKey::parse(&"0b".repeat(32));
        let Some(key) = key else {
            panic!("nyckeln kunde inte läsas");
        };
        let caller = Caller {
            anropare: Some("lifecare".to_owned()),
            handlaggare: Some("anna".to_owned()),
        };
        let evaluation = json!({"provningar": [], "riktlinje": {"id": "x"}});
        for level in ["ingen", "skyddad_folkbokforing"] {
            let input = case::from_json(&format!(
                r#"{{"schema_version":1,"arende_id":"A-1","person":{{"skyddade_personuppgifter":"{level}"}}}}"#
            ))
            .unwrap_or_default();
            let line = record("t".into(), &caller, Some(&key), &input, &evaluation);
            assert_eq!(line.arende_id, None);
            assert_eq!(line.arende_ref, Some(key.reference("A-1")));
            assert_eq!(line.nyckel_id.as_deref(), Some(key.id()));
            assert_eq!(line.handlaggare.as_deref(), Some("anna"));
        }
    }

    #[test]
    fn lines_are_canonical_and_each_links_to_the_one_before() {
        let caller = Caller::default();
        let evaluation = json!({"provningar": [], "riktlinje": {"id": "x"}});
        let input = CaseInput::default();
        let first = chained_line(
            &record("t".into(), &caller, None, &input, &evaluation),
            GENESIS,
        );
        let value: Value = serde_json::from_slice(&first).unwrap_or_default();
        assert_eq!(canonical_json(&value), first);
        assert_eq!(value["foregaende"], GENESIS);
        let second = chained_line(
            &record("u".into(), &caller, None, &input, &evaluation),
            &link_hash(&first),
        );
        let value: Value = serde_json::from_slice(&second).unwrap_or_default();
        assert_eq!(value["foregaende"], chain::sha256_hex(&first));
    }

    #[test]
    fn a_line_written_before_omprovning_was_logged_still_reads() {
        let line = r#"{"tid":"t","anropare":null,"arende_id":"A-1","skyddad":false,"riktlinje_id":"x","riktlinje_hash":"h","utvarderingshash":"e","utfall":[],"as_of":"2026-02-01"}"#;
        let record: Result<Record, _> = serde_json::from_str(line);
        assert_eq!(record.map(|record| record.omprovning).ok(), Some(false));
    }

    #[test]
    fn a_line_that_is_no_record_is_named_in_swedish() {
        let good = r#"{"tid":"t","anropare":null,"handlaggare":null,"arende_id":"A-1","arende_ref":null,"nyckel_id":null,"skyddad":false,"riktlinje_id":"x","riktlinje_hash":"h","utvarderingshash":"e","utfall":[{"insats":"i","utfall":"uppfyller"}],"as_of":"2026-02-01","omprovning":false,"foregaende":"f"}"#;
        let read = |line: &str| read_record(line).err().unwrap_or_default();
        assert_eq!(
            read_record(good).ok(),
            serde_json::from_str::<Record>(good).ok()
        );
        assert_eq!(read("x"), "raden är inte JSON (kolumn 1)");
        assert_eq!(
            read("[1]"),
            "raden är JSON men inget objekt, så ingen loggpost"
        );
        assert_eq!(
            read(&good.replace(r#""skyddad":false,"#, "")),
            "raden är ingen giltig loggpost: fältet `skyddad` saknas"
        );
        assert_eq!(
            read(&good.replace(r#""skyddad":false"#, r#""skyddad":"ja""#)),
            "raden är ingen giltig loggpost: fältet `skyddad` ska vara true eller false"
        );
        assert_eq!(
            read(&good.replace(r#""tid":"t""#, r#""tid":1"#)),
            "raden är ingen giltig loggpost: fältet `tid` ska vara en text"
        );
        assert_eq!(
            read(&good.replace(r#""insats":"i""#, r#""insats":null"#)),
            "raden är ingen giltig loggpost: fältet `utfall[0].insats` ska vara en text"
        );
        assert_eq!(
            read(&good.replace(r#""tid":"t""#, r#""tid":"t","x":1"#)),
            "raden är ingen giltig loggpost: okänt fält `x`"
        );
    }

    #[test]
    fn now_is_an_rfc_3339_instant_in_swedish_time() {
        let now = riktlinjer_library::time::now();
        assert_eq!(now.len(), 29, "{now}");
        assert!(
            (now.ends_with("+01:00") || now.ends_with("+02:00")) && now.as_bytes()[10] == b'T',
            "{now}"
        );
    }
}
