//! The audit log of the HTTP service: one JSON line per evaluation, on disk before the answer.
//!
//! Each line names the caller (the token's name), the case id, the riktlinje version (id and
//! content hash), the day of prövning, the outcome per insats and the SHA-256 of the evaluation's
//! canonical JSON, so that `riktlinjer verify-audit` can replay every logged evaluation from the
//! case system's own copy of the cases and show which ones no longer give the same answer.
//! An omprövning (`POST /v1/omprovning`) evaluates each case twice, once per version, and
//! logs one line per evaluation, marked `omprovning`: the evaluated case is the ärende with its
//! gällande beslut put as ansökningar (`batch::reprovning_case`), and a replay converts it the
//! same way.
//! Lines hold no personal data beyond the case id, and for a person with skyddade
//! personuppgifter (anything but `ingen`) not even that.
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

use crate::metrics::AuditMetrics;

use riktlinjer_library::batch;
use riktlinjer_library::case::{self, Binding, CaseInput, FactIndex};
use riktlinjer_library::io::io_text;
use riktlinjer_library::render;
use riktlinjer_library::store::{LoadError, Store};

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
    /// The case system's case id; `null` for a skyddad person or a case without one.
    pub arende_id: Option<String>,
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

/// One or more whole lines that are written, synced and acknowledged together.
struct Pending {
    line: Vec<u8>,
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
                "granskningsloggen {} kan inte längre skrivas",
                path.display()
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
            VerifyError::Case { path, line, error } => {
                write!(f, "{}:{line}: {error}", path.display())
            }
            VerifyError::DuplicateCase { arende_id, lines } => write!(
                f,
                "ärendet `{arende_id}` finns två gånger i ärendefilen (rad {} och {})",
                lines.0, lines.1
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
        let (file, len) = open_for_append(path).map_err(io_error)?;
        let (queue, pending) = mpsc::channel();
        let thread_path = path.to_owned();
        std::thread::Builder::new()
            .name("granskningslogg".to_owned())
            .spawn(move || write_loop(file, len, &thread_path, &pending, &metrics))
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
        let mut line = Vec::with_capacity(records.len() * 512);
        for record in records {
            serde_json::to_writer(&mut line, record).map_err(|error| AuditError::Io {
                path: self.path.clone(),
                source: io::Error::other(error),
            })?;
            line.push(b'\n');
        }
        let (ack, acked) = oneshot::channel();
        let stopped = || AuditError::Stopped {
            path: self.path.clone(),
        };
        self.queue
            .send(Message::Line(Pending { line, ack }))
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

fn open_for_append(path: &Path) -> io::Result<(File, u64)> {
    let file = File::options().create(true).append(true).open(path)?;
    let len = file.metadata()?.len();
    Ok((file, len))
}

/// The writer thread: take every queued line, write them in one go, sync once, acknowledge.
///
/// Grouping keeps one `fdatasync` per burst instead of one per request, so throughput is not
/// bounded by the disk's sync time while every answer still waits for its own line.
/// A failed write is rolled back to the last synced length, so a later line never follows a
/// torn one.
fn write_loop(
    mut file: File,
    mut synced_len: u64,
    path: &Path,
    messages: &mpsc::Receiver<Message>,
    metrics: &AuditMetrics,
) {
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
            for pending in &group {
                bytes.extend_from_slice(&pending.line);
            }
            let started = Instant::now();
            let written = file.write_all(&bytes).and_then(|()| file.sync_data());
            metrics.synced(group.len(), started.elapsed(), written.is_ok());
            let result = match written {
                Ok(()) => {
                    synced_len += bytes.len() as u64;
                    Ok(())
                }
                Err(error) => {
                    // Best effort: cut a partly written group so the log stays whole lines.
                    let _ = file.set_len(synced_len);
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
                    Ok((reopened, len)) => {
                        file = reopened;
                        synced_len = len;
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

/// The record for one evaluation.
///
/// `evaluation` is the JSON that `render::to_json` gave for `input`; the outcomes and the hash
/// are read from it, so the log says exactly what the caller was told.
pub fn record(
    tid: String,
    anropare: Option<String>,
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
                    insats: provning["insats"].as_str().unwrap_or_default().to_owned(),
                    utfall: provning["utfall"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    Record {
        tid,
        anropare,
        arende_id: if skyddad {
            None
        } else {
            input.arende_id.clone()
        },
        skyddad,
        riktlinje_id: text("/riktlinje/id"),
        riktlinje_hash: text("/riktlinje/innehallshash"),
        utvarderingshash: evaluation_hash(evaluation),
        utfall,
        as_of: text("/provningsdag"),
        omprovning: false,
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
    })
}

/// The records of an omprövning: for each case that is prövad under both versions, one
/// record per version (`from` first), each for the evaluation of [`omprovning_input`].
///
/// A case the worklist rejects (it cannot be converted or evaluated) or leaves out (it has
/// nothing to pröva) was not evaluated, so it has no record.
pub fn omprovning_records(
    tid: &str,
    anropare: Option<&str>,
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
            let mut record = record(
                tid.to_owned(),
                anropare.map(str::to_owned),
                converted,
                &value,
            );
            record.omprovning = true;
            records.push(record);
        }
    }
    records
}

/// The SHA-256 (hex) of the evaluation's canonical JSON.
pub fn evaluation_hash(evaluation: &Value) -> String {
    render::hash_hex(&riktlinjer_core::sha256(&canonical_json(evaluation)))
}

/// The canonical bytes of a JSON value: object keys sorted by their UTF-8 bytes, no
/// whitespace, strings and numbers as `serde_json` writes them.
///
/// The hash must not depend on how a map happens to be ordered in this build (serde_json's
/// `preserve_order` feature changes it), so the order is made here.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(2_048);
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                // Writing a string or a scalar into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *out, key);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        scalar => {
            let _ = serde_json::to_writer(&mut *out, scalar);
        }
    }
}

/// Replays every line of an audit log and reports each one whose evaluation differs, or whose
/// fields (outcome, version, day, skyddad) are not what the replay gives.
///
/// Writes one line per problem to `out` and a summary, and returns the tally; a problem is a
/// line that differs, cannot be read, or names a case or version that is missing.
/// Lines for skyddade persons carry no case id and are counted as not checkable, not as
/// problems.
///
/// # Errors
/// A [`VerifyError`] when the log, the riktlinjer or the cases cannot be read at all.
pub fn verify(
    log: &Path,
    rules: &Path,
    cases: &Path,
    out: &mut dyn Write,
) -> Result<Tally, VerifyError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| VerifyError::Io {
            path: path.to_owned(),
            source,
        })
    };
    let store = Store::load(rules)?;
    let cases = read_cases(cases, &read(cases)?)?;
    let log = read(log)?;
    let mut tally = Tally::default();
    for (index, line) in log.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let problem = check_line(&store, &cases, line, &mut tally);
        if let Some(problem) = problem {
            tally.problems += 1;
            let _ = writeln!(out, "rad {}: {problem}", index + 1);
        }
    }
    let _ = writeln!(
        out,
        "{} rader kontrollerade: {} stämmer, {} avviker, {} gäller skyddade personer och kan inte kontrolleras",
        tally.checked, tally.same, tally.problems, tally.skyddade
    );
    Ok(tally)
}

/// What a replay found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Lines read and replayed.
    pub checked: usize,
    /// Lines whose replay gives the same answer.
    pub same: usize,
    /// Lines that differ, cannot be read, or name a case or version that is missing.
    pub problems: usize,
    /// Lines of skyddade persons, which carry no case id and cannot be replayed.
    pub skyddade: usize,
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

/// One line's problem, or `None` when it replays to the same evaluation (or cannot be checked
/// because the person is skyddad).
fn check_line(
    store: &Store,
    cases: &HashMap<String, (usize, CaseInput)>,
    line: &str,
    tally: &mut Tally,
) -> Option<String> {
    tally.checked += 1;
    let record = match read_record(line) {
        Ok(record) => record,
        Err(message) => return Some(message),
    };
    let Some(arende_id) = &record.arende_id else {
        if record.skyddad {
            tally.skyddade += 1;
            return None;
        }
        return Some("posten saknar ärende-id och kan inte kontrolleras".to_owned());
    };
    let Some((_, input)) = cases.get(arende_id) else {
        return Some(format!("ärendet `{arende_id}` finns inte i ärendefilen"));
    };
    let Some(version) = store.by_id(&record.riktlinje_id) else {
        return Some(format!(
            "ärendet `{arende_id}`: riktlinjeversionen `{}` finns inte längre",
            record.riktlinje_id
        ));
    };
    let Ok(as_of) = Date::parse(&record.as_of) else {
        return Some(format!(
            "ärendet `{arende_id}`: prövningsdagen `{}` är inget datum",
            record.as_of
        ));
    };
    let table = match version.table() {
        Ok(table) => table,
        Err(error) => return Some(format!("ärendet `{arende_id}`: {error}")),
    };
    // An omprövning's line is the evaluation of the converted case, as the service made it.
    let converted = if record.omprovning {
        match omprovning_input(input, as_of, &table) {
            Ok(converted) => converted,
            Err(error) => return Some(format!("ärendet `{arende_id}`: {error}")),
        }
    } else {
        let mut bound = input.clone();
        if let Err(error) = FactIndex::of(&table).bind(&mut bound, Binding::Strict) {
            return Some(format!("ärendet `{arende_id}`: {error}"));
        }
        bound
    };
    let input = &converted;
    let hash = render::hash_hex(&table.content_hash());
    if hash != record.riktlinje_hash {
        return Some(format!(
            "ärendet `{arende_id}`: riktlinjen `{}` har ändrats sedan prövningen (innehållshash i loggen {}, nu {hash})",
            record.riktlinje_id, record.riktlinje_hash
        ));
    }
    let evaluation = match evaluate(&table, &input.case, as_of) {
        Ok(evaluation) => evaluation,
        Err(error) => return Some(format!("ärendet `{arende_id}`: {error}")),
    };
    let value = render::to_json(&table, input, &evaluation);
    // The line is compared field by field with the line the replay would write, so that an
    // edited outcome (or version, or day) cannot pass on a hash left as it was.
    let expected = self::record(record.tid.clone(), record.anropare.clone(), input, &value);
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
        return Some(format!(
            "ärendet `{arende_id}`: prövningen ger inte samma svar (utvärderingshash i loggen {}, nu {now}; utfall i loggen: {}; utfall nu: {})",
            record.utvarderingshash,
            or_none(&logged),
            or_none(&utfall)
        ));
    }
    let mut differing = Vec::new();
    if expected.riktlinje_id != record.riktlinje_id {
        differing.push("riktlinje_id");
    }
    if expected.riktlinje_hash != record.riktlinje_hash {
        differing.push("riktlinje_hash");
    }
    if expected.as_of != record.as_of {
        differing.push("as_of");
    }
    if expected.skyddad != record.skyddad {
        differing.push("skyddad");
    }
    if expected.arende_id != record.arende_id {
        differing.push("arende_id");
    }
    if !differing.is_empty() {
        let fields: Vec<String> = differing.iter().map(|field| format!("`{field}`")).collect();
        return Some(format!(
            "ärendet `{arende_id}`: loggraden stämmer inte med prövningen i {}",
            fields.join(", ")
        ));
    }
    tally.same += 1;
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
fn read_record(line: &str) -> Result<Record, String> {
    let value: Value = serde_json::from_str(line)
        .map_err(|error| format!("raden är inte JSON (kolumn {})", error.column()))?;
    let Value::Object(map) = value else {
        return Err("raden är JSON men inget objekt, så ingen loggpost".to_owned());
    };
    record_of(&map).map_err(|message| format!("raden är ingen giltig loggpost: {message}"))
}

fn record_of(map: &serde_json::Map<String, Value>) -> Result<Record, String> {
    const FIELDS: [&str; 10] = [
        "tid",
        "anropare",
        "arende_id",
        "skyddad",
        "riktlinje_id",
        "riktlinje_hash",
        "utvarderingshash",
        "utfall",
        "as_of",
        "omprovning",
    ];
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    if let Some(key) = keys.iter().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(format!("okänt fält `{key}`"));
    }
    let text = |key: &str| match map.get(key) {
        Some(Value::String(text)) => Ok(text.clone()),
        None => Err(format!("fältet `{key}` saknas")),
        Some(_) => Err(format!("fältet `{key}` ska vara en text")),
    };
    let text_or_null = |key: &str| match map.get(key) {
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Null) => Ok(None),
        None => Err(format!("fältet `{key}` saknas")),
        Some(_) => Err(format!("fältet `{key}` ska vara en text eller null")),
    };
    let flag = |key: &str, default: Option<bool>| match map.get(key) {
        Some(Value::Bool(flag)) => Ok(*flag),
        None => default.ok_or_else(|| format!("fältet `{key}` saknas")),
        Some(_) => Err(format!("fältet `{key}` ska vara true eller false")),
    };
    let utfall = match map.get("utfall") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let field = |key: &str| match item.get(key) {
                    Some(Value::String(text)) => Ok(text.clone()),
                    None => Err(format!("fältet `utfall[{index}].{key}` saknas")),
                    Some(_) => Err(format!("fältet `utfall[{index}].{key}` ska vara en text")),
                };
                let Value::Object(entry) = item else {
                    return Err(format!(
                        "fältet `utfall[{index}]` ska vara ett objekt med insats och utfall"
                    ));
                };
                if let Some(key) = entry
                    .keys()
                    .find(|key| !["insats", "utfall"].contains(&key.as_str()))
                {
                    return Err(format!("okänt fält `utfall[{index}].{key}`"));
                }
                Ok(InsatsUtfall {
                    insats: field("insats")?,
                    utfall: field("utfall")?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => return Err("fältet `utfall` saknas".to_owned()),
        Some(_) => return Err("fältet `utfall` ska vara en lista".to_owned()),
    };
    Ok(Record {
        tid: text("tid")?,
        anropare: text_or_null("anropare")?,
        arende_id: text_or_null("arende_id")?,
        skyddad: flag("skyddad", None)?,
        riktlinje_id: text("riktlinje_id")?,
        riktlinje_hash: text("riktlinje_hash")?,
        utvarderingshash: text("utvarderingshash")?,
        utfall,
        as_of: text("as_of")?,
        omprovning: flag("omprovning", Some(false))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_and_drops_whitespace() {
        let value = json!({"b": [1, {"y": null, "x": "å\""}], "a": true});
        assert_eq!(
            String::from_utf8_lossy(&canonical_json(&value)),
            r#"{"a":true,"b":[1,{"x":"å\"","y":null}]}"#
        );
    }

    #[test]
    fn a_skyddad_person_leaves_no_case_id() {
        let input = |level: &str| {
            case::from_json(&format!(
                r#"{{"schema_version":1,"arende_id":"A-1","person":{{"skyddade_personuppgifter":"{level}"}}}}"#
            ))
            .unwrap_or_default()
        };
        let evaluation = json!({"provningar": [], "riktlinje": {"id": "x"}});
        let open = record("t".into(), None, &input("ingen"), &evaluation);
        assert_eq!(
            (open.arende_id.as_deref(), open.skyddad),
            (Some("A-1"), false)
        );
        for level in [
            "sekretessmarkering",
            "skyddad_folkbokforing",
            "fingerade_personuppgifter",
        ] {
            let closed = record("t".into(), None, &input(level), &evaluation);
            assert_eq!((closed.arende_id, closed.skyddad), (None, true), "{level}");
        }
    }

    #[test]
    fn a_line_written_before_omprovning_was_logged_still_reads() {
        let line = r#"{"tid":"t","anropare":null,"arende_id":"A-1","skyddad":false,"riktlinje_id":"x","riktlinje_hash":"h","utvarderingshash":"e","utfall":[],"as_of":"2026-02-01"}"#;
        let record: Result<Record, _> = serde_json::from_str(line);
        assert_eq!(record.map(|record| record.omprovning).ok(), Some(false));
    }

    #[test]
    fn a_line_that_is_no_record_is_named_in_swedish() {
        let good = r#"{"tid":"t","anropare":null,"arende_id":"A-1","skyddad":false,"riktlinje_id":"x","riktlinje_hash":"h","utvarderingshash":"e","utfall":[{"insats":"i","utfall":"uppfyller"}],"as_of":"2026-02-01"}"#;
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
