//! `riktlinjer serve`: the JSON API for case systems, on axum and tokio, with its OpenAPI 3.1
//! document.
//!
//! The service is stateless between requests: it holds the riktlinje versions (a [`Store`])
//! read-only behind an [`ArcSwap`], so a new version is picked up without a restart, and a
//! request in flight keeps the snapshot it started with.
//! The store is read again on SIGHUP and when a file in the rules folder changes and then stays
//! the same over one more poll, and so is the tokens file; a reload that does not compile, or a tokens file that cannot be read, keeps what
//! was in use and logs why, while a tokens file emptied of callers lets no one in.
//! Every route but health, the OpenAPI document and the handläggare's page (`page`, whose
//! calls to the API carry the token) needs a bearer token (`auth`); every
//! evaluation is in the audit log (`crate::audit`, a hash chain: `chain`) before its answer is
//! sent, naming the case by a keyed reference when the kommun gives a key (`pseudonym`).
//! Routes are in `routes`, the JSON shapes in `contract`, errors (RFC 9457 problem details) in
//! `error`; the batch re-evaluation route lives in `omprovning`, on top of `crate::batch`.
//! Every request gets one log line and its metrics (`observe`, `metrics`); `/metrics` is behind
//! the tokens, or open on an address of its own. On SIGTERM or SIGINT the service stops
//! accepting, lets the requests in flight finish within a bound, closes the audit log and
//! returns. `probe` is the client side of the health check.

pub mod audit;
mod auth;
pub mod chain;
pub mod contract;
mod error;
pub mod loggkontroll;
mod metrics;
mod observe;
mod omprovning;
mod page;
mod probe;
pub mod pseudonym;
mod routes;
mod texts;

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use arc_swap::{ArcSwap, ArcSwapOption};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use riktlinjer_core::{DecodeError, Table};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::{mpsc, watch};
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use auth::{
    Caller, HANDLAGGARE_HEADER, NewToken, NewTokenError, Role, Tokens, TokensError, new_token,
};
pub use error::{ApiError, Problem};
pub use probe::{ProbeError, probe_health};

use riktlinjer_library::io::io_text;
use riktlinjer_library::store::{LoadError, Store, Version};
use riktlinjer_library::time;

use crate::audit::{AuditError, AuditLog};
use crate::metrics::{Metrics, Reloaded};
use crate::pseudonym::{CaseKey, KeyError};

/// The largest request body accepted: a case with the most ansökningar and beslut the core
/// holds is a few KiB, so 256 KiB leaves room for identity fields and whitespace while keeping
/// a careless or hostile client from filling memory.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How often the rules folder and the tokens file are checked for changes.
///
/// Polling the files' names, sizes, times and inodes every two seconds is chosen
/// over filesystem notifications (`notify`): it needs no dependency, works the same on network
/// and container filesystems where inotify events do not arrive, cannot overflow a watch limit,
/// and debounces an editor's several writes by itself. A riktlinje is adopted weeks before it
/// applies, so two seconds of delay cost nothing.
const RULES_POLL: Duration = Duration::from_secs(2);

/// How long a stopping server waits for the audit log's last sync; the sync of a line takes
/// a fraction of a millisecond, a disk in trouble seconds.
const AUDIT_CLOSE_GRACE: Duration = Duration::from_secs(5);

/// What `serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// A folder of the riktlinje's versions (or one riktlinje or table).
    pub rules: PathBuf,
    /// The address and port to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The callers and their hashed tokens, one per line (`namn:sha256hex`); read again when
    /// the file changes. Without it the service runs without tokens, which `insecure_no_auth`
    /// must allow.
    pub tokens: Option<PathBuf>,
    /// The audit log (JSON Lines): every prövning is written and synced there before its answer.
    pub audit: Option<PathBuf>,
    /// The key file for the audit log's case references; without it the log names cases by
    /// their id.
    pub audit_key: Option<PathBuf>,
    /// Run without tokens; allowed only on a loopback address.
    pub insecure_no_auth: bool,
    /// The longest a request (head and body) may take; then the service answers 408.
    pub request_timeout: Duration,
    /// An address of its own where `/metrics` is served without a token; without it
    /// `/metrics` is on `addr`, behind the tokens like the API.
    pub metrics_addr: Option<SocketAddr>,
    /// On SIGTERM or SIGINT, the longest the requests in flight may take to finish before the
    /// service closes the audit log and exits anyway.
    pub shutdown_timeout: Duration,
}

/// Why the service could not start.
#[derive(Debug)]
pub enum ServeError {
    /// Neither `--tokens` nor `--insecure-no-auth` was given.
    NoTokens,
    /// `--insecure-no-auth` on an address other machines can reach.
    InsecureNotLoopback(SocketAddr),
    /// The tokens file cannot be used.
    Tokens(TokensError),
    /// The riktlinjer could not be loaded.
    Load(LoadError),
    /// A table could not be decoded.
    Decode(String),
    /// The audit log cannot be opened.
    Audit(AuditError),
    /// The audit log's key file cannot be used.
    Key(KeyError),
    /// The address cannot be listened on.
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: io::Error,
    },
    /// The runtime or a signal handler could not be started.
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: io::Error,
    },
}

/// What every handler shares: the store, the tokens, the audit log and the OpenAPI document.
#[derive(Clone, Debug)]
pub struct AppState {
    shared: Arc<Shared>,
}

/// One loaded store, its decoded tables, and when it was read.
#[derive(Debug)]
pub struct Loaded {
    /// The riktlinje versions.
    pub store: Store,
    /// When they were read (Swedish civil time, with its offset).
    pub inlast: String,
    /// The decoded table of each version, in the order of `store.versions`.
    tables: Vec<&'static Table<'static>>,
    /// Each table's fact catalogue by case key, in the same order.
    facts: Vec<riktlinjer_library::case::FactIndex>,
}

/// What the files the service reads looked like when it last read them, so a poll can tell
/// whether to read them again.
#[derive(Debug)]
struct Seen {
    rules: Vec<FileStamp>,
    tokens: Option<FileStamp>,
}

/// What a poll compares of one file.
///
/// Size and modification time alone miss a file rewritten with the same size within the
/// file system's timestamp granularity; the inode and the change time also catch a file
/// replaced by a rename (as deployments and editors do), which gets a new inode every time.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct FileStamp {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    changed: (i64, i64),
    inode: (u64, u64),
}

#[derive(Debug)]
struct Shared {
    loaded: ArcSwap<Loaded>,
    tokens: ArcSwapOption<Tokens>,
    audit: Option<AuditLog>,
    case_key: Option<CaseKey>,
    failed_reload: Mutex<Option<contract::FailedReload>>,
    openapi: Vec<u8>,
    metrics: Metrics,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "riktlinjer",
        description = "Prövning av ärenden mot kommunens riktlinjer för myndighetsutövning (SoL, LSS), frister och riktlinjeversioner. Se docs/integration.md.",
    ),
    modifiers(&BearerScheme),
    components(schemas(contract::ProblemBody)),
    tags(
        (name = "provning", description = "Pröva ärenden"),
        (name = "riktlinjer", description = "Riktlinjeversioner, insatser och regler"),
        (name = "frister", description = "Frister räknade enligt lagen (1930:173)"),
        (name = "drift", description = "Hälsa och detta dokument"),
    )
)]
struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::NoTokens => f.write_str(texts::ANGE_TOKENS_FIL_SKAPA),
            ServeError::InsecureNotLoopback(addr) => {
                write!(f, "{}", texts::insecure_no_auth_tillats(addr))
            }
            ServeError::Tokens(error) => write!(f, "{error}"),
            ServeError::Load(error) => write!(f, "{error}"),
            ServeError::Decode(error) => write!(f, "{error}"),
            ServeError::Audit(error) => write!(f, "{error}"),
            ServeError::Key(error) => write!(f, "{error}"),
            ServeError::Bind { addr, source } => match source.kind() {
                io::ErrorKind::AddrInUse => write!(f, "{}", texts::adressen_anvands_redan_av(addr)),
                io::ErrorKind::AddrNotAvailable => {
                    write!(f, "{}", texts::adressen_hor_inte_till(addr))
                }
                io::ErrorKind::PermissionDenied => {
                    write!(f, "{}", texts::behorighet_saknas_for_att(addr))
                }
                _ => write!(f, "{}", texts::kan_inte_lyssna_pa(io_text(source), addr)),
            },
            ServeError::Io { what, source } => {
                write!(f, "{what}: {}", io_text(source))
            }
        }
    }
}

impl std::error::Error for ServeError {}

impl AppState {
    /// The store in use now; a request keeps this snapshot even if a reload swaps in another.
    pub fn loaded(&self) -> Arc<Loaded> {
        self.shared.loaded.load_full()
    }

    /// The audit log, when the service keeps one.
    pub fn audit(&self) -> Option<&AuditLog> {
        self.shared.audit.as_ref()
    }

    /// The last reload that failed since the service started, for `/v1/health`.
    pub fn failed_reload(&self) -> Option<contract::FailedReload> {
        self.shared
            .failed_reload
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn reload_failed(&self, typ: &str, orsak: String) {
        *self
            .shared
            .failed_reload
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(contract::FailedReload {
            typ: typ.to_owned(),
            tid: time::now(),
            orsak,
        });
    }

    /// The key of the audit log's case references, when the kommun gave one.
    pub fn case_key(&self) -> Option<&CaseKey> {
        self.shared.case_key.as_ref()
    }

    fn openapi_bytes(&self) -> &[u8] {
        &self.shared.openapi
    }

    /// The service's metrics.
    pub fn metrics(&self) -> &Metrics {
        &self.shared.metrics
    }
}

impl Loaded {
    /// Decodes every version's table once, so that no request pays for it.
    ///
    /// # Errors
    /// The core's [`DecodeError`], unreachable for a store that [`Store::load`] made, since it
    /// decoded each table already.
    pub fn new(store: Store) -> Result<Loaded, DecodeError> {
        let tables = store
            .versions
            .iter()
            .map(|version| interned_table(&version.bytes))
            .collect::<Result<Vec<_>, _>>()?;
        let facts = tables
            .iter()
            .map(|table| riktlinjer_library::case::FactIndex::of(table))
            .collect();
        Ok(Loaded {
            store,
            inlast: time::now(),
            tables,
            facts,
        })
    }

    /// The fact catalogue of `version`'s table, by case key.
    pub fn facts(&self, version: &Version) -> Option<&riktlinjer_library::case::FactIndex> {
        let index = self
            .store
            .versions
            .iter()
            .position(|candidate| std::ptr::eq(candidate, version))?;
        self.facts.get(index)
    }

    /// The decoded table of `version`, which must be one of `self.store.versions`.
    pub fn table(&self, version: &Version) -> Option<&'static Table<'static>> {
        let index = self
            .store
            .versions
            .iter()
            .position(|candidate| std::ptr::eq(candidate, version))?;
        self.tables.get(index).copied()
    }
}

/// The decoded table of `bytes`, decoded once per distinct table this process has seen.
///
/// Decoding checks the content hash of the whole table (about half a millisecond for a full
/// riktlinje), which is far more than an evaluation costs, so it is done when a store is
/// loaded, not per request.
/// A [`Table`] borrows its bytes; to share it between requests without `unsafe` the bytes and
/// the table are leaked, and interned by the bytes so that a reload of unchanged files reuses
/// them: memory grows only with the distinct riktlinje versions loaded in the process's life,
/// a few per year.
fn interned_table(bytes: &[u8]) -> Result<&'static Table<'static>, DecodeError> {
    static TABLES: OnceLock<Mutex<HashMap<&'static [u8], &'static Table<'static>>>> =
        OnceLock::new();
    let tables = TABLES.get_or_init(Mutex::default);
    let mut tables = tables.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(table) = tables.get(bytes) {
        return Ok(table);
    }
    let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    // Decoded straight into its box: a table by value is a copy of its fixed-size lists,
    // on the stack of the thread that loads it. A fault drops the box.
    let mut slot: Box<Option<Table<'static>>> = Box::new(None);
    Table::decode_into(bytes, &mut slot)?;
    let table = Box::leak(slot).as_ref().ok_or(DecodeError::Malformed)?;
    tables.insert(bytes, table);
    Ok(table)
}

/// The OpenAPI document of the API, as served at `/v1/openapi.json`: its case body (`Arende`)
/// is the national contract.
pub fn openapi_document() -> Value {
    let (_, _, openapi) = route_parts();
    finish_openapi(&openapi, riktlinjer_library::case::schema())
}

/// The OpenAPI document with the case body of `table`'s version: the national contract and
/// the facts its catalogue declares, as `riktlinjer schema --openapi` writes it.
pub fn openapi_document_for(table: &Table<'_>) -> Value {
    let (_, _, openapi) = route_parts();
    finish_openapi(&openapi, riktlinjer_library::case::schema_for(Some(table)))
}

/// The routes of the API, split into those open to all and those that need a token, with the
/// OpenAPI document generated from both.
fn route_parts() -> (Router<AppState>, Router<AppState>, utoipa::openapi::OpenApi) {
    let (public, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(routes::health))
        .routes(routes!(routes::openapi))
        .split_for_parts();
    let protected = OpenApiRouter::new()
        .routes(routes!(routes::evaluate_case))
        .routes(routes!(routes::list_riktlinjer))
        .routes(routes!(routes::show_riktlinje))
        .routes(routes!(routes::frist_overklagande))
        .routes(routes!(routes::frist_ivo))
        .routes(routes!(metrics::metrics));
    let (protected, protected_openapi) = omprovning::routes(protected).split_for_parts();
    openapi.merge(protected_openapi);
    (public, protected, openapi)
}

/// The generated document with the case contract's `schema` as component `Arende`.
fn finish_openapi(openapi: &utoipa::openapi::OpenApi, mut schema: Value) -> Value {
    let mut document = serde_json::to_value(openapi).unwrap_or_default();
    if let Value::Object(map) = &mut schema {
        // The file's own identifiers would change the base of references inside the document.
        map.remove("$schema");
        map.remove("$id");
    }
    if let Some(Value::Object(schemas)) = document.pointer_mut("/components/schemas") {
        schemas.insert("Arende".to_owned(), schema);
    }
    // Any route can meet a fault of the service itself; the routes' own attributes list the
    // faults in the request.
    let internal = serde_json::json!({
        "description": texts::INTERNT_FEL_I_TJANSTEN_URN,
        "content": {error::PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    });
    if let Some(Value::Object(paths)) = document.get_mut("paths") {
        for operation in paths.values_mut().filter_map(Value::as_object_mut) {
            for responses in operation
                .values_mut()
                .filter_map(|operation| operation.get_mut("responses"))
                .filter_map(Value::as_object_mut)
            {
                responses.entry("500").or_insert_with(|| internal.clone());
            }
        }
    }
    document
}

/// The whole service: routes, token check, body limit and time limit.
fn app(state: AppState, request_timeout: Duration) -> Router {
    let (public, protected, _) = route_parts();
    let protected = protected.route_layer(middleware::from_fn_with_state(
        state.clone(),
        auth::require_token,
    ));
    public
        .route("/", axum::routing::get(page::index))
        .route("/sida.js", axum::routing::get(page::script))
        .route("/sida.css", axum::routing::get(page::style))
        .route("/riktlinje/{id}", axum::routing::get(page::riktlinje))
        .merge(protected)
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::wrong_method)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(request_timeout, time_limit))
        .layer(middleware::from_fn(declared_length_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            observe::request,
        ))
        .with_state(state)
}

/// The metrics address: `/metrics` without a token, and nothing else.
fn metrics_app(state: AppState) -> Router {
    Router::new()
        .route(
            "/metrics",
            axum::routing::get(|State(state): State<AppState>| async move {
                metrics::exposition(&state)
            }),
        )
        .fallback(metrics::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            observe::request,
        ))
        .with_state(state)
}

/// Answers 413 at once when the declared `Content-Length` is over the body limit, before any
/// of the body is read.
///
/// Without this the body limit is only noticed while reading: a client that declares a huge
/// body and sends none waits for the time limit and gets 408, and a client sending
/// `Expect: 100-continue` is told to go on and send the body that will be refused.
/// hyper sends `100 Continue` only when the body is first read, so answering here sends none.
/// The connection is closed after the answer, since the unread body cannot be skipped.
///
/// A client that sends its body at once (without `Expect`) would find the connection reset
/// under it and never read the 413, so what it sends is read and thrown away for a short
/// while (at most [`DRAIN_BYTES`] and [`DRAIN_TIME`]) before the connection closes.
async fn declared_length_limit(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > MAX_BODY_BYTES as u64 => {
            let expects_continue = request.headers().contains_key(header::EXPECT);
            if !expects_continue {
                tokio::spawn(drain(request.into_body()));
            }
            let mut response = routes::too_large().into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
        _ => next.run(request).await,
    }
}

/// The most of a refused body read and thrown away, so the client can read the 413.
const DRAIN_BYTES: usize = 4 * MAX_BODY_BYTES;

/// The longest a refused body is read and thrown away.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// Reads and drops `body` until it ends, [`DRAIN_BYTES`] are read or [`DRAIN_TIME`] passes.
async fn drain(mut body: axum::body::Body) {
    use axum::body::HttpBody;
    let read = async {
        let mut n_read = 0;
        while n_read < DRAIN_BYTES {
            let frame =
                std::future::poll_fn(|context| std::pin::Pin::new(&mut body).poll_frame(context))
                    .await;
            match frame {
                Some(Ok(frame)) => {
                    n_read += frame.data_ref().map_or(0, |data| data.len());
                }
                _ => break,
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, read).await;
}

/// Answers 408 when a request (reading its body included) takes longer than the limit.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            Problem::Timeout,
            texts::begaran_blev_inte_klar(limit.as_secs_f64()),
        )
        .into_response(),
    }
}

/// Runs the service until SIGTERM or SIGINT.
///
/// Prints `lyssnar på http://ADDR` on `out` once it accepts connections; logs every request,
/// reload and problem as `tracing` events, which the binary's subscriber writes.
///
/// # Errors
/// A [`ServeError`] when the tokens, the riktlinjer, the audit log or the address cannot be
/// used.
pub fn serve(options: &ServeOptions, out: &mut dyn Write) -> Result<(), ServeError> {
    let args = options;
    // The files are stamped before they are read, so a change made while they are read is seen
    // by the first poll rather than taken as already loaded.
    let seen = Seen {
        rules: fingerprint(&args.rules),
        tokens: args.tokens.as_deref().map(file_stamp),
    };
    let tokens = match (&args.tokens, args.insecure_no_auth) {
        (Some(path), _) => Some(Arc::new(Tokens::load(path).map_err(ServeError::Tokens)?)),
        (None, true) if args.addr.ip().is_loopback() => None,
        (None, true) => return Err(ServeError::InsecureNotLoopback(args.addr)),
        (None, false) => return Err(ServeError::NoTokens),
    };
    let store = Store::load(&args.rules).map_err(ServeError::Load)?;
    let loaded = Loaded::new(store).map_err(|error| ServeError::Decode(error.to_string()))?;
    let metrics = Metrics::new();
    metrics.set_versions(loaded.store.versions.len());
    let case_key = args
        .audit_key
        .as_deref()
        .map(CaseKey::load)
        .transpose()
        .map_err(ServeError::Key)?;
    let audit = args
        .audit
        .as_deref()
        .map(|path| AuditLog::open(path, metrics.audit()))
        .transpose()
        .map_err(ServeError::Audit)?;
    let state = AppState {
        shared: Arc::new(Shared {
            loaded: ArcSwap::from_pointee(loaded),
            tokens: ArcSwapOption::new(tokens),
            audit,
            case_key,
            failed_reload: Mutex::new(None),
            openapi: serde_json::to_vec_pretty(&openapi_document()).unwrap_or_default(),
            metrics,
        }),
    };
    // Compiling a riktlinje on reload runs on a blocking thread with the core's tables on its
    // stack; 8 MiB leaves room in a debug build, where tokio's 2 MiB default is close.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_stack_size(8 * 1024 * 1024)
        .enable_all()
        .build()
        .map_err(|source| ServeError::Io {
            what: texts::TOKIO_KUNDE_INTE_STARTAS.to_owned(),
            source,
        })?;
    let result = runtime.block_on(run(args, state, seen, out));
    // Connections still open after the grace period are dropped here, not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

async fn run(
    args: &ServeOptions,
    state: AppState,
    seen: Seen,
    out: &mut dyn Write,
) -> Result<(), ServeError> {
    let io_error = |what: String| move |source| ServeError::Io { what, source };
    let bind_error = |source| ServeError::Bind {
        addr: args.addr,
        source,
    };
    let listener = TcpListener::bind(args.addr).await.map_err(bind_error)?;
    let local = listener.local_addr().map_err(bind_error)?;
    let metrics_listener = match args.metrics_addr {
        Some(addr) => {
            let bind_error = |source| ServeError::Bind { addr, source };
            let listener = TcpListener::bind(addr).await.map_err(bind_error)?;
            let local = listener.local_addr().map_err(bind_error)?;
            Some((listener, local))
        }
        None => None,
    };
    let mut terminate = signal(SignalKind::terminate())
        .map_err(io_error(texts::SIGNALEN_SIGTERM_KAN_INTE.to_owned()))?;
    let mut interrupt = signal(SignalKind::interrupt())
        .map_err(io_error(texts::SIGNALEN_SIGINT_KAN_INTE.to_owned()))?;
    let hangup = signal(SignalKind::hangup())
        .map_err(io_error(texts::SIGNALEN_SIGHUP_KAN_INTE.to_owned()))?;
    if args.tokens.is_none() {
        tracing::warn!(adress = %local, "{}", texts::TJANSTEN_KRAVER_INGET_TOKEN);
    }
    if state.audit().is_some() && state.case_key().is_none() {
        tracing::warn!("{}", texts::GRANSKNINGSLOGGEN_SKRIVER_ARENDE_ID);
    }
    tracing::info!(adress = %local, versioner = state.loaded().store.versions.len(), "{}", texts::TJANSTEN_LYSSNAR);
    let _ = writeln!(out, "{}", texts::lyssnar_pa_http(local));
    if let Some((_, metrics_local)) = &metrics_listener {
        tracing::info!(adress = %metrics_local, "{}", texts::MATVARDENA_FINNS_UTAN_TOKEN);
        let _ = writeln!(out, "{}", texts::matvarden_pa_http_metrics(metrics_local));
    }
    let _ = out.flush();

    let (stop, stopped) = watch::channel(false);
    let (in_flight, mut all_done) = mpsc::channel::<()>(1);
    let app = app(state.clone(), args.request_timeout);
    if let Some((listener, _)) = metrics_listener {
        tokio::spawn(accept_loop(
            listener,
            metrics_app(state.clone()),
            args.request_timeout,
            stopped.clone(),
            in_flight.clone(),
        ));
    }
    tokio::spawn(accept_loop(
        listener,
        app,
        args.request_timeout,
        stopped.clone(),
        in_flight,
    ));
    tokio::spawn(reload_loop(
        args.rules.clone(),
        args.tokens.clone(),
        seen,
        state.clone(),
        hangup,
    ));
    let signal = tokio::select! {
        _ = terminate.recv() => "SIGTERM",
        _ = interrupt.recv() => "SIGINT",
    };
    shut_down(&state, signal, args.shutdown_timeout, &stop, &mut all_done).await;
    Ok(())
}

/// Stops accepting connections, lets the requests in flight finish (at most `grace`), then
/// writes, syncs and closes the audit log.
///
/// An answer is never sent before its audit line is synced, so the log is complete for every
/// answer given; closing it also syncs the file's metadata and stops its writer.
async fn shut_down(
    state: &AppState,
    signal: &str,
    grace: Duration,
    stop: &watch::Sender<bool>,
    all_done: &mut mpsc::Receiver<()>,
) {
    let _ = stop.send(true);
    tracing::info!(
        signal,
        pagaende = state.metrics().in_flight().get(),
        grans_s = grace.as_secs_f64(),
        "{}",
        texts::TJANSTEN_STANGS_TAR_INTE
    );
    // Every connection task holds a sender; `recv` gives `None` when the last one is gone.
    if tokio::time::timeout(grace, all_done.recv()).await.is_err() {
        tracing::warn!(
            pagaende = state.metrics().in_flight().get(),
            grans_s = grace.as_secs_f64(),
            "{}",
            texts::PAGAENDE_ANROP_BLEV_INTE
        );
    }
    if let Some(audit) = state.audit() {
        match tokio::time::timeout(AUDIT_CLOSE_GRACE, audit.close()).await {
            Ok(Ok(())) => tracing::info!("{}", texts::GRANSKNINGSLOGGEN_AR_SYNKAD_OCH),
            Ok(Err(error)) => {
                tracing::error!(fel = %error, "{}", texts::GRANSKNINGSLOGGEN_KUNDE_INTE_SYNKAS);
            }
            Err(_) => tracing::error!(
                grans_s = AUDIT_CLOSE_GRACE.as_secs_f64(),
                "{}",
                texts::GRANSKNINGSLOGGEN_BLEV_INTE_SYNKAD
            ),
        }
    }
    tracing::info!("{}", texts::TJANSTEN_HAR_STANGTS);
}

/// Accepts connections and serves each on its own task with HTTP/1.1 (keep-alive), until
/// `stopped` turns true; then asks each connection to finish its request and close.
///
/// hyper's own loop is used instead of `axum::serve` for its header read timeout: a client that
/// sends its headers slowly is cut off after the same limit that gives a slow body a 408.
async fn accept_loop(
    listener: TcpListener,
    app: Router,
    request_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
    in_flight: mpsc::Sender<()>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Typically out of file descriptors: wait a little instead of spinning.
                tracing::error!(fel = %io_text(&error), "{}", texts::EN_ANSLUTNING_KUNDE_INTE);
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let mut stopped = stopped.clone();
        let in_flight = in_flight.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(request_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopped.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(in_flight);
        });
    }
}

/// Reloads the store and the tokens file on SIGHUP and when they change on disk and then stay
/// unchanged over one more poll; on SIGHUP also reopens the audit log (for logrotate).
///
/// SIGHUP reads at once: it is the operator saying the files are complete.
///
/// `seen` holds the stamps taken before the service first read the files.
async fn reload_loop(
    rules: PathBuf,
    tokens: Option<PathBuf>,
    mut seen: Seen,
    state: AppState,
    mut hangup: tokio::signal::unix::Signal,
) {
    let mut tick = tokio::time::interval(RULES_POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // What changed at the last poll, waiting for the next poll to show it unchanged.
    let mut pending_rules: Option<Vec<FileStamp>> = None;
    let mut pending_tokens: Option<FileStamp> = None;
    loop {
        tokio::select! {
            _ = hangup.recv() => {
                seen.rules = fingerprint(&rules);
                reload_store(&rules, &state).await;
                if let Some(audit) = state.audit() {
                    match audit.reopen().await {
                        Ok(()) => tracing::info!("{}", texts::GRANSKNINGSLOGGEN_OPPNADES_PA_NYTT),
                        Err(error) => tracing::error!(fel = %error, "{}", texts::GRANSKNINGSLOGGEN_KUNDE_INTE_OPPNAS),
                    }
                }
                if let Some(path) = &tokens {
                    seen.tokens = Some(file_stamp(path));
                    reload_tokens(path, &state);
                }
            }
            _ = tick.tick() => {
                // A file is read only once it has looked the same at two polls in a row, so a
                // file caught while it is being written is not taken half-way.
                let now = fingerprint(&rules);
                if now == seen.rules {
                    pending_rules = None;
                } else if pending_rules.as_ref() == Some(&now) {
                    pending_rules = None;
                    seen.rules = now;
                    reload_store(&rules, &state).await;
                } else {
                    pending_rules = Some(now);
                }
                if let Some(path) = &tokens {
                    let now = file_stamp(path);
                    if seen.tokens.as_ref() == Some(&now) {
                        pending_tokens = None;
                    } else if pending_tokens.as_ref() == Some(&now) {
                        pending_tokens = None;
                        seen.tokens = Some(now);
                        reload_tokens(path, &state);
                    } else {
                        pending_tokens = Some(now);
                    }
                }
            }
        }
    }
}

/// Reads the tokens file again; a file that cannot be read or has a malformed line keeps the
/// tokens in use, while a readable file without callers lets no one in.
fn reload_tokens(path: &Path, state: &AppState) {
    match Tokens::reload(path) {
        Ok(loaded) => {
            let empty = loaded.is_empty();
            state.shared.tokens.store(Some(Arc::new(loaded)));
            state.metrics().reloaded(Reloaded::Tokens, true);
            if empty {
                tracing::warn!(fil = %path.display(), "{}", texts::TOKENFILEN_INNEHALLER_INGA_ANROPARE_INGA);
            } else {
                tracing::info!(fil = %path.display(), "{}", texts::TOKENFILEN_LASTES_IN_PA);
            }
        }
        Err(error) => {
            state.metrics().reloaded(Reloaded::Tokens, false);
            state.reload_failed("tokenfil", error.to_string());
            tracing::error!(fel = %error, "{}", texts::TOKENFILEN_KUNDE_INTE_LASAS);
        }
    }
}

async fn reload_store(rules: &Path, state: &AppState) {
    let path = rules.to_owned();
    // Compiling is CPU work; it runs beside the request handlers, not on them.
    let loaded = tokio::task::spawn_blocking(move || {
        let store = Store::load(&path).map_err(|error| error.to_string())?;
        Loaded::new(store).map_err(|error| error.to_string())
    })
    .await;
    match loaded {
        Ok(Ok(loaded)) => {
            let ids: Vec<&str> = loaded
                .store
                .versions
                .iter()
                .map(|version| version.riktlinje_id.as_str())
                .collect();
            tracing::info!(versioner = %ids.join(", "), "{}", texts::RIKTLINJERNA_LASTES_IN_PA);
            state.metrics().set_versions(ids.len());
            state.metrics().reloaded(Reloaded::Riktlinjer, true);
            state.shared.loaded.store(Arc::new(loaded));
        }
        Ok(Err(error)) => {
            state.metrics().reloaded(Reloaded::Riktlinjer, false);
            state.reload_failed("riktlinjer", error.clone());
            tracing::error!(fel = %error, "{}", texts::RIKTLINJERNA_KUNDE_INTE_LASAS);
        }
        Err(error) => {
            state.metrics().reloaded(Reloaded::Riktlinjer, false);
            state.reload_failed("riktlinjer", texts::OMLASNINGEN_AVBROTS.to_owned());
            tracing::error!(fel = %error, "{}", texts::OMLASNINGEN_AV_RIKTLINJERNA_AVBROTS);
        }
    }
}

/// The stamps of the riktlinje files under `rules` (or of `rules` itself when it is a file).
fn fingerprint(rules: &Path) -> Vec<FileStamp> {
    if !rules.is_dir() {
        return vec![file_stamp(rules)];
    }
    let mut files: Vec<_> = std::fs::read_dir(rules)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "md" || ext == "bin")
        })
        .map(|path| file_stamp(&path))
        .collect();
    files.sort();
    files
}

/// The stamp of one file; a file that cannot be read has an empty stamp, so that its return
/// is a change.
fn file_stamp(path: &Path) -> FileStamp {
    let metadata = std::fs::metadata(path).ok();
    FileStamp {
        path: path.to_owned(),
        len: metadata.as_ref().map_or(0, std::fs::Metadata::len),
        modified: metadata
            .as_ref()
            .and_then(|metadata| metadata.modified().ok()),
        changed: metadata
            .as_ref()
            .map_or((0, 0), |metadata| (metadata.ctime(), metadata.ctime_nsec())),
        inode: metadata
            .as_ref()
            .map_or((0, 0), |metadata| (metadata.dev(), metadata.ino())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_every_route_and_the_case_schema() {
        let document = openapi_document();
        assert_eq!(document["openapi"], "3.1.0");
        for path in [
            "/v1/evaluate",
            "/v1/riktlinjer",
            "/v1/riktlinjer/{id}",
            "/v1/frist/overklagande",
            "/v1/frist/ivo",
            "/v1/omprovning",
            "/v1/health",
            "/v1/openapi.json",
            "/metrics",
        ] {
            assert!(document["paths"][path].is_object(), "{path} saknas");
        }
        let arende = &document["components"]["schemas"]["Arende"];
        assert_eq!(arende["required"][0], "schema_version", "{arende}");
        assert!(arende.get("$id").is_none());
        assert!(document["components"]["securitySchemes"]["bearer"].is_object());
        // A body schema utoipa could not read would be a bare object that takes anything.
        for body in ["OverklagandeBegaran", "IvoBegaran", "OmprovningBegaran"] {
            let schema = &document["components"]["schemas"][body];
            assert!(schema["properties"].is_object(), "{body}: {schema}");
        }
    }

    #[test]
    fn every_error_answer_in_the_document_is_problem_details_of_a_listed_type() {
        let document = openapi_document();
        let mut n_errors = 0;
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let responses = operation["responses"].as_object();
                assert!(
                    responses.is_some_and(|responses| responses.contains_key("500")),
                    "{method} {path}"
                );
                for (status, response) in responses.into_iter().flatten() {
                    if status.as_str() < "400" {
                        continue;
                    }
                    n_errors += 1;
                    let content = response["content"].as_object();
                    let keys: Vec<&String> =
                        content.into_iter().flatten().map(|(k, _)| k).collect();
                    assert_eq!(keys, [error::PROBLEM_JSON], "{method} {path} {status}");
                    assert_eq!(
                        response["content"][error::PROBLEM_JSON]["schema"]["$ref"],
                        "#/components/schemas/Problem",
                        "{method} {path} {status}"
                    );
                }
            }
        }
        assert!(n_errors > 30, "{n_errors}");
        let problem = &document["components"]["schemas"]["Problem"];
        let types = problem["properties"]["type"]["enum"].as_array();
        let listed: Vec<&str> = types
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let all: Vec<&str> = Problem::ALL
            .iter()
            .map(|problem| problem.type_uri())
            .collect();
        assert_eq!(listed, all);
    }

    #[test]
    fn a_table_is_decoded_once_however_often_it_is_loaded() {
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/exempelkommun");
        let store = Store::load(&rules).unwrap_or_default();
        let (first, second) = (Loaded::new(store.clone()), Loaded::new(store));
        let (Ok(first), Ok(second)) = (first, second) else {
            panic!("rules/exempelkommun kunde inte avkodas");
        };
        assert_eq!(first.tables.len(), 2);
        for (a, b) in first.tables.iter().zip(&second.tables) {
            assert!(std::ptr::eq(*a, *b));
        }
        let newest = first.store.versions.last();
        let table = newest.and_then(|version| first.table(version));
        assert_eq!(
            table.map(|table| table.meta().riktlinje_id),
            Some("exempelkommun-2025-11-01")
        );
    }

    #[test]
    fn a_file_replaced_with_the_same_size_at_once_is_a_change() {
        let dir = std::env::temp_dir().join(format!("riktlinjer-stamp-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let (path, temporary) = (dir.join("tokens"), dir.join("tokens.tmp"));
        let replace = |text: &str| {
            std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &path))
        };
        assert!(replace("a:1\n").is_ok());
        let before = file_stamp(&path);
        assert!(replace("b:2\n").is_ok());
        let after = file_stamp(&path);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(before.len, after.len);
        assert_ne!(before, after);
        assert_ne!(file_stamp(&dir.join("finns-inte")), after);
    }

    #[test]
    fn an_address_that_cannot_be_listened_on_is_named_in_swedish() {
        let addr = SocketAddr::from(([127, 0, 0, 1], 80));
        let text = |kind: io::ErrorKind| {
            ServeError::Bind {
                addr,
                source: io::Error::from(kind),
            }
            .to_string()
        };
        assert!(
            text(io::ErrorKind::AddrInUse)
                .starts_with("adressen 127.0.0.1:80 används redan av ett annat program")
        );
        assert!(
            text(io::ErrorKind::AddrNotAvailable)
                .starts_with("adressen 127.0.0.1:80 hör inte till den här datorn")
        );
        assert!(
            text(io::ErrorKind::PermissionDenied)
                .starts_with("behörighet saknas för att lyssna på 127.0.0.1:80")
        );
    }
}
