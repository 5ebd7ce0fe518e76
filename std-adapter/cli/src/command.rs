//! The subcommands: each a plain function from parsed arguments to library calls, writing to the
//! given outputs and returning an [`Exit`].
//!
//! Library errors are typed; here they become a `fel: …` line on standard error and exit 2.
//! A closed output pipe (`riktlinjer … | head`) is not an error.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use riktlinjer_compiler::diagnostic::{self, Sources};
use riktlinjer_core::{Table, evaluate};
use riktlinjer_library::batch::{self, OmprovningOptions};
use riktlinjer_library::case::{self, CaseInput};
use riktlinjer_library::diff;
use riktlinjer_library::frist;
use riktlinjer_library::generate::{self, PopulationFormat};
use riktlinjer_library::io::{FileError, ensure_distinct_files, io_text, without_bom};
use riktlinjer_library::render;
use riktlinjer_library::report::ivo::{self, IvoOptions};
use riktlinjer_library::store::{LoadError, Store};
use riktlinjer_library::time::today;
use riktlinjer_server::ServeOptions;
use serde_json::json;

use crate::Exit;
use crate::args::{
    CheckArgs, Cli, Command, CompileArgs, DiffArgs, EvalArgs, Format, FristArgs, FristCommand,
    GenereraArgs, HealthArgs, IvoArgs, LogFormatArg, LoggkontrollArgs, LoggkontrollFormatArg,
    NyArgs, OmprovningArgs, PeriodArg, PubliceraArgs, SchemaArgs, ServeArgs, TokenArgs,
    VerifyAuditArgs,
};
use crate::logging::{self, LogFormat};
use crate::progress::Spinner;
use crate::texts;

/// An error a subcommand reports on standard error, with exit 2: a library error in its own
/// Swedish words.
#[derive(Debug)]
struct Failure(String);

impl<E: std::error::Error> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(error.to_string())
    }
}

/// Runs a parsed command, writing results to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write, color: bool) -> Exit {
    let result = match cli.command {
        Command::Check(args) => check(&args, out, err, color),
        Command::Compile(args) => compile(&args, err, color),
        Command::Eval(args) => eval(&args, out),
        Command::Diff(args) => diff(&args, out),
        Command::Omprovning(args) => omprovning(&args, out, err),
        Command::Generera(args) => generera(&args, out),
        Command::Frist(args) => frist(&args, out, err),
        Command::Ivo(args) => ivo(&args, out, err),
        Command::Serve(args) => serve(&args, out, color),
        Command::Health(args) => health(&args, out, err),
        Command::Token(args) => token(&args, out),
        Command::Nyckel => nyckel(out),
        Command::Schema(args) => schema(&args, out),
        Command::Publicera(args) => publicera(&args, out),
        Command::Ny(args) => ny(&args, out),
        Command::VerifyAudit(args) => verify_audit(&args, out),
        Command::Loggkontroll(args) => loggkontroll(&args, out),
    };
    match result {
        Ok(exit) => exit,
        Err(Failure(message)) => {
            let _ = writeln!(err, "{}", texts::fel(&message));
            Exit::Error
        }
    }
}

/// Standard out's result: a closed pipe is no error.
fn written(result: io::Result<()>) -> Result<Exit, Failure> {
    match result {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure(texts::standard_ut(io_text(&error))))
        }
        _ => Ok(Exit::Ok),
    }
}

fn read_text(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| Failure(format!("standard in: {}", io_text(&error))))?;
        return Ok(without_bom(text));
    }
    Ok(riktlinjer_library::io::read_text(path)?)
}

fn sources_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let io_failure = |path: &Path, source| {
        Failure::from(FileError {
            path: path.to_owned(),
            source,
        })
    };
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|error| io_failure(path, error))?;
        if metadata.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|error| io_failure(path, error))?;
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
                return Err(Failure(texts::mappen_innehaller_ingen_riktlinje(
                    path.display(),
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
) -> Result<Exit, Failure> {
    let files = sources_of(&args.paths)?;
    let mut n_problems = 0usize;
    let mut report = Vec::new();
    // The folder of each file, loaded once however many of its files are checked.
    let mut stores: BTreeMap<PathBuf, Option<Store>> = BTreeMap::new();
    for file in &files {
        let text = read_text(file)?;
        let compiled = riktlinjer_compiler::compile(&text);
        let name = file.display().to_string();
        n_problems += compiled.diagnostics.len();
        let repealed = repealed_in(file, compiled.bytes.as_deref(), &mut stores);
        match args.format {
            Format::Text => {
                let _ = write!(
                    err,
                    "{}",
                    diagnostic::render(&Sources::alone(&name, &text), &compiled.diagnostics, color)
                );
                let passed = compiled
                    .rule_tests
                    .iter()
                    .filter(|test| test.godkant)
                    .count();
                let status = if compiled.diagnostics.is_empty() {
                    "ok".to_owned()
                } else {
                    texts::antal_fel(compiled.diagnostics.len())
                };
                let _ = writeln!(
                    out,
                    "{}",
                    texts::av_regeltester_godkanda(
                        compiled.rule_tests.len(),
                        &name,
                        &status,
                        passed
                    )
                );
                for citation in &repealed {
                    let _ = writeln!(
                        err,
                        "{}",
                        texts::varning_hanvisar_till_som(
                            &(match citation.ids.len() {
                                1 => texts::EN_REGEL_ELLER_INSATS.to_owned(),
                                n => texts::regler_och_insatser(n),
                            }),
                            &citation.lagrum,
                            citation.fran,
                            &(citation
                                .ids
                                .iter()
                                .take(3)
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                                + if citation.ids.len() > 3 { " …" } else { "" }),
                            &(if citation.i_kraft == citation.lagrum {
                                texts::DEN_NATIONELLA_GRUNDEN_ANGER.to_owned()
                            } else {
                                texts::provningar_fran_den_dagen(&citation.i_kraft)
                            }),
                            &name
                        )
                    );
                }
            }
            Format::Json => {
                let located: Vec<_> = compiled
                    .diagnostics
                    .iter()
                    .map(|d| d.locate(&Sources::alone(&name, &text)))
                    .collect();
                let varningar: Vec<_> = repealed
                    .iter()
                    .map(|citation| {
                        json!({
                            "lagrum": citation.lagrum,
                            "upphavd": citation.fran.to_string(),
                            "i_kraft": citation.i_kraft,
                            "regler": citation.ids,
                        })
                    })
                    .collect();
                report.push(json!({
                    "fil": name,
                    "fel": located,
                    "varningar": varningar,
                    "regeltester": compiled.rule_tests
                }));
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
                let _ = writeln!(err, "{}", texts::fel(&problem));
                let _ = writeln!(out, "{}", texts::fel_mellan_versionerna(folder.display()));
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

fn compile(args: &CompileArgs, err: &mut dyn Write, color: bool) -> Result<Exit, Failure> {
    ensure_distinct_files(&[("RIKTLINJE", &args.source), ("--out", &args.out)])?;
    let text = read_text(&args.source)?;
    let compiled = riktlinjer_compiler::compile(&text);
    let name = args.source.display().to_string();
    let _ = write!(
        err,
        "{}",
        diagnostic::render(&Sources::alone(&name, &text), &compiled.diagnostics, color)
    );
    let Some(bytes) = compiled.bytes else {
        let _ = writeln!(
            err,
            "{}",
            texts::fel_ingen_regeltabell_skrevs(compiled.diagnostics.len(), &name)
        );
        return Ok(Exit::Problems);
    };
    riktlinjer_library::io::write_atomically(&args.out, &bytes)?;
    let table = Table::decode(&bytes)?;
    let _ = writeln!(
        err,
        "{}",
        texts::byte_insatser_regler_innehallshash(
            args.out.display(),
            bytes.len(),
            table.insatser().len(),
            table.rules().len(),
            render::hash_hex(&table.content_hash()),
            &name
        )
    );
    Ok(Exit::Ok)
}

fn eval(args: &EvalArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let store = Store::load(&args.rules)?;
    let text = read_text(&args.case)?;
    let mut input: CaseInput = case::from_json(&text)
        .map_err(|error| Failure(format!("{}: {error}", args.case.display())))?;
    let as_of = args.as_of.unwrap_or_else(today);
    let version = match &args.version {
        Some(id) => store.by_id(id).ok_or_else(|| {
            let known: Vec<&str> = store
                .versions
                .iter()
                .map(|v| v.riktlinje_id.as_str())
                .collect();
            // The id given is not repeated: it may be anything typed in its place.
            Failure(texts::version_ingen_version_har(known.join(", ")))
        })?,
        None => store
            .in_force(as_of)
            .ok_or_else(|| Failure(texts::ingen_antagen_version_av(args.rules.display(), as_of)))?,
    };
    let table = version
        .table()
        .map_err(|error| Failure(format!("{}: {error}", version.path.display())))?;
    case::FactIndex::of(&table)
        .bind(&mut input, case::Binding::Strict)
        .map_err(|error| Failure(format!("{}: {error}", args.case.display())))?;
    riktlinjer_library::insats::check_known(&table, &input)
        .map_err(|error| Failure(format!("{}: {error}", args.case.display())))?;
    let evaluation = evaluate(&table, &input.case, as_of)?;
    written(match (args.format, args.vad_andrar) {
        (Format::Json, false) => {
            let value = render::to_json(&table, &input, &evaluation);
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
        (Format::Json, true) => {
            let mut answer = render::answer(&table, &input, &evaluation);
            render::add_counterfactuals(&table, &input, &evaluation, &mut answer)?;
            writeln!(
                out,
                "{}",
                serde_json::to_value(answer)
                    .and_then(|value| serde_json::to_string_pretty(&value))
                    .unwrap_or_default()
            )
        }
        (Format::Text, false) => write!(out, "{}", render::to_text(&table, &input, &evaluation)),
        (Format::Text, true) => write!(
            out,
            "{}",
            render::to_text_with_counterfactuals(&table, &input, &evaluation)?
        ),
    })
}

fn diff(args: &DiffArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let (from_version, to_version) =
        diff::load_versions(args.rules.as_deref(), &args.from, &args.to)?;
    let from = diff::decode_version(&from_version)?;
    let to = diff::decode_version(&to_version)?;
    let found = diff::diff(&from, &to);
    written(match args.format {
        Format::Text => out.write_all(found.to_text().as_bytes()),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&found.to_json()).unwrap_or_default()
        ),
    })
}

/// `omprovning` ends with 1 when a line of the case file was rejected.
fn omprovning(
    args: &OmprovningArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let options = OmprovningOptions {
        rules: args.rules.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        cases: args.cases.clone(),
        as_of: args.as_of,
        out: args.out.clone(),
        report: args.report.clone(),
        threads: args.threads,
    };
    let summary = batch::omprovning(&options, out, err, &Spinner::new())?;
    Ok(if summary.rejected == 0 {
        Exit::Ok
    } else {
        Exit::Problems
    })
}

fn generera(args: &GenereraArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let format = match args.format {
        crate::args::PopulationFormat::Jsonl => PopulationFormat::Jsonl,
        crate::args::PopulationFormat::Csv => PopulationFormat::Csv,
    };
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    written(generate::generate(
        &mut buffered,
        args.antal,
        args.seed,
        format,
    ))
}

/// A bad line in a stream of dates ends `frist` with 2, after every good line is answered.
fn frist(args: &FristArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Failure> {
    match &args.frist {
        FristCommand::Overklagande(args) => {
            let summary = frist::overklagande(
                &args.delgiven,
                args.format.format(),
                &mut io::stdin().lock(),
                out,
                err,
            )?;
            Ok(if summary.n_bad > 0 {
                Exit::Error
            } else {
                Exit::Ok
            })
        }
        FristCommand::Ivo(args) => {
            let single = matches!(args.beslutsdatum.as_slice(), [frist::DateInput::Date(_)]);
            if args.avbrott.is_some() && !single {
                return Err(Failure(texts::AVBROTT_KAN_BARA_ANGES.to_owned()));
            }
            let summary = frist::ivo_stream(
                &args.beslutsdatum,
                args.avbrott,
                args.lag.map(crate::args::LagArg::lag),
                args.format.format(),
                (&mut io::stdin().lock(), out, err),
            )?;
            Ok(if summary.n_bad > 0 {
                Exit::Error
            } else {
                Exit::Ok
            })
        }
    }
}

/// A record of the case file that cannot be read ends `ivo` with 2, after the report of the
/// others is written.
fn ivo(args: &IvoArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Failure> {
    let options = IvoOptions {
        cases: args.cases.clone(),
        kvartal: args.kvartal,
        rapportdag: args.rapportdag,
        format: args.format.format(),
        rules: args.rules.clone(),
        mottagare: match args.mottagare {
            crate::args::MottagareArg::Ivo => ivo::Mottagare::Ivo,
            crate::args::MottagareArg::Fullmaktige => ivo::Mottagare::Fullmaktige,
        },
    };
    let report = match &args.out {
        // The report is a few hundred rows at most: made in memory, then put in place whole.
        Some(path) => {
            ensure_distinct_files(&[("--cases", &args.cases), ("--out", path)])?;
            let mut bytes = Vec::new();
            let report = ivo::run(&options, &mut bytes, err)?;
            riktlinjer_library::io::write_atomically(path, &bytes)?;
            report
        }
        None => ivo::run(&options, out, err)?,
    };
    Ok(if report.n_bad > 0 {
        Exit::Error
    } else {
        Exit::Ok
    })
}

fn serve(args: &ServeArgs, out: &mut dyn Write, color: bool) -> Result<Exit, Failure> {
    logging::init(match args.log_format {
        LogFormatArg::Text => LogFormat::Text { color },
        LogFormatArg::Json => LogFormat::Json,
    });
    let options = ServeOptions {
        rules: args.rules.clone(),
        addr: args.addr,
        tokens: args.tokens.clone(),
        audit: args.audit.clone(),
        audit_key: args.audit_key.clone(),
        insecure_no_auth: args.insecure_no_auth,
        request_timeout: args.request_timeout,
        metrics_addr: args.metrics_addr,
        shutdown_timeout: args.shutdown_timeout,
    };
    riktlinjer_server::serve(&options, out)?;
    Ok(Exit::Ok)
}

/// A service that does not answer healthy is a finding (1), not a usage error (2): a
/// container engine's health check reserves exit code 2.
fn health(args: &HealthArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Failure> {
    match riktlinjer_server::probe_health(args.addr, args.timeout) {
        Ok(health) => {
            let failed = health
                .senaste_misslyckade_omlasning
                .map(|failed| {
                    texts::senaste_misslyckade_omlasning(&failed.typ, &failed.tid, &failed.orsak)
                })
                .unwrap_or_default();
            written(writeln!(
                out,
                "{}",
                texts::tjansten_pa_ar_frisk(
                    args.addr,
                    health.versioner,
                    health.galler_idag.as_deref().unwrap_or("ingen"),
                    &health.inlast,
                    &failed
                )
            ))
        }
        Err(error) => {
            let _ = writeln!(err, "{}", texts::fel(&error));
            Ok(Exit::Problems)
        }
    }
}

/// The citations of a compiled version that are repealed while it is in force: until the
/// next antagen version in its folder takes over, or for good when none does.
fn repealed_in(
    file: &Path,
    bytes: Option<&[u8]>,
    stores: &mut BTreeMap<PathBuf, Option<Store>>,
) -> Vec<riktlinjer_library::store::RepealedCitation> {
    let Some(table) = bytes.and_then(|bytes| Table::decode(bytes).ok()) else {
        return Vec::new();
    };
    let until = file.parent().and_then(|folder| {
        let store = stores
            .entry(folder.to_owned())
            .or_insert_with(|| Store::load(folder).ok())
            .as_ref()?;
        let id = table.meta().riktlinje_id;
        store
            .by_id(id)
            .and_then(|version| store.superseded(version))
    });
    riktlinjer_library::store::repealed_citations(&table, until)
}

fn ny(args: &NyArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let giltig_fran = args.giltig_fran.unwrap_or_else(today);
    let ny = riktlinjer_library::scaffold::Ny::new(&args.kommun, &args.namnd, giltig_fran)
        .map_err(|error| Failure(error.to_string()))?;
    let path = ny.path_under(&args.rules);
    if path.exists() {
        return Err(Failure(texts::filen_finns_redan_en(path.display())));
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| Failure(format!("{}: {}", folder.display(), io_text(&error))))?;
    }
    let mut file = riktlinjer_library::io::AtomicFile::create(&path)
        .map_err(|error| Failure(error.to_string()))?;
    let failed = |error: io::Error| Failure(format!("{}: {}", path.display(), io_text(&error)));
    file.write_all(ny.text().as_bytes()).map_err(failed)?;
    file.commit().map_err(|error| Failure(error.to_string()))?;
    written(writeln!(
        out,
        "{}",
        texts::skrev_status_forslag_kontrollera(path.display())
    ))
}

fn schema(args: &SchemaArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let schema = match &args.rules {
        None if args.openapi => riktlinjer_server::openapi_document(),
        None => riktlinjer_library::case::schema(),
        Some(rules) => {
            let store = Store::load(rules)?;
            let version = match &args.version {
                Some(id) => store
                    .by_id(id)
                    .ok_or_else(|| Failure(texts::ingen_version_med_id(rules.display(), id)))?,
                None => store
                    .versions
                    .last()
                    .ok_or_else(|| Failure(texts::ingen_riktlinjeversion(rules.display())))?,
            };
            let table = version
                .table()
                .map_err(|error| Failure(format!("{}: {error}", version.path.display())))?;
            if args.openapi {
                riktlinjer_server::openapi_document_for(&table)
            } else {
                riktlinjer_library::case::schema_for(Some(&table))
            }
        }
    };
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    written(writeln!(out, "{text}"))
}

fn publicera(args: &PubliceraArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let store = Store::load(&args.rules)?;
    let version = match &args.version {
        Some(id) => store
            .by_id(id)
            .ok_or_else(|| Failure(texts::ingen_version_med_id(args.rules.display(), id)))?,
        None => store
            .versions
            .last()
            .ok_or_else(|| Failure(texts::ingen_riktlinjeversion(args.rules.display())))?,
    };
    if version.path.extension().is_none_or(|ext| ext != "md") {
        return Err(Failure(texts::en_regeltabell_har_ingen(
            version.path.display(),
        )));
    }
    let html = riktlinjer_library::publish::to_html(&read_text(&version.path)?);
    riktlinjer_library::io::write_atomically(&args.out, html.as_bytes())?;
    written(writeln!(
        out,
        "{} → {}",
        version.riktlinje_id,
        args.out.display()
    ))
}

fn token(args: &TokenArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let role = match args.roll {
        None => riktlinjer_server::Role::System,
        Some(crate::args::RoleArg::Handlaggare) => riktlinjer_server::Role::Handlaggare,
        Some(crate::args::RoleArg::IntygarHandlaggare) => {
            riktlinjer_server::Role::IntygarHandlaggare
        }
    };
    let token = riktlinjer_server::new_token(&args.namn, role)?;
    written(writeln!(
        out,
        "{}",
        texts::token_for_visas_bara(&args.namn, &token.token, &token.line)
    ))
}

fn nyckel(out: &mut dyn Write) -> Result<Exit, Failure> {
    let text = riktlinjer_server::pseudonym::new_key_file()
        .map_err(|message| Failure(texts::kunde_inte_hamta_slumptal(&message)))?;
    written(out.write_all(text.as_bytes()))
}

/// `verify-audit` ends with 1 when the chain breaks, a line is not a record in canonical form,
/// or (with a replay) a line differs or names a case or version that is missing.
fn verify_audit(args: &VerifyAuditArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    let options = riktlinjer_server::audit::VerifyOptions {
        logs: args.logs.clone(),
        replay: args.rules.clone().zip(args.cases.clone()),
        keys: args.keys.clone(),
        foregaende: args.foregaende.clone(),
    };
    let tally = riktlinjer_server::audit::verify(&options, out)?;
    Ok(if tally.problems == 0 {
        Exit::Ok
    } else {
        Exit::Problems
    })
}

/// `loggkontroll` ends with 1 when a row is flagged or the log's chain is not whole.
fn loggkontroll(args: &LoggkontrollArgs, out: &mut dyn Write) -> Result<Exit, Failure> {
    use riktlinjer_server::loggkontroll::{self, Format, Options, Period, Thresholds};
    let options = Options {
        logs: args.logs.clone(),
        fran: args.fran,
        till: args.till,
        period: match args.period {
            PeriodArg::Dag => Period::Dag,
            PeriodArg::Vecka => Period::Vecka,
            PeriodArg::Manad => Period::Manad,
        },
        thresholds: Thresholds {
            provningar_per_dag: args.provningar_per_dag,
            skyddade_per_period: args.skyddade_per_period,
        },
        format: match args.format {
            LoggkontrollFormatArg::Text => Format::Text,
            LoggkontrollFormatArg::Csv => Format::Csv,
            LoggkontrollFormatArg::Html => Format::Html,
        },
    };
    let summary = match &args.out {
        Some(path) => {
            let mut files: Vec<(&str, &Path)> = args
                .logs
                .iter()
                .map(|log| ("LOGG", log.as_path()))
                .collect();
            files.push(("--out", path));
            ensure_distinct_files(&files)?;
            let mut bytes = Vec::new();
            let summary = loggkontroll::run(&options, &mut bytes)?;
            riktlinjer_library::io::write_atomically(path, &bytes)?;
            summary
        }
        None => loggkontroll::run(&options, out)?,
    };
    Ok(if summary.flaggade == 0 && summary.kedjan_hel {
        Exit::Ok
    } else {
        Exit::Problems
    })
}
