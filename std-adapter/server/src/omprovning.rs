//! `POST /v1/omprovning`: batch re-evaluation of existing decisions under two riktlinje
//! versions (issue 6), the HTTP face of `riktlinjer omprovning`.
//!
//! The request names the two versions, an optional prövningsdag and at most
//! [`MAX_ARENDEN`] ärenden (and the body fits the service's body limit); the answer is the
//! worklist `riktlinjer omprovning` writes for the same cases, split into its header, the
//! changed ärenden, the rejected ones and the totals, with each case's `index` in `arenden` where
//! the file gives a line number.
//! A fault in the request itself (a field, an unknown version, too many ärenden) is a 4xx
//! naming the field; a case that cannot be read or prövad is one rejected record, as in the CLI.
//! With an audit log, each case prövad under both versions leaves two lines, one per version
//! (`crate::audit::omprovning_records`), all synced in one group commit before the answer is
//! sent.
//! This file holds no evaluation logic of its own: every case goes through
//! `crate::batch::worklist_of`, which the CLI's worklist uses too.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit;
use crate::auth::Caller;
use crate::contract::{OmprovningAnswer, OmprovningRequest, ProblemBody};
use crate::error::{ApiError, Place, Problem};
use crate::routes::{
    QueryPairs, audit_failed, body_bytes, internal, json_value, no_params, read_body, table_of,
    unknown_version,
};
use crate::texts;
use crate::{AppState, Loaded};
use riktlinjer_core::{DecodeError, Table};
use riktlinjer_library::batch::{self, Context};
use riktlinjer_library::case::{self, Record};
use riktlinjer_library::diff::{self, VersionError};
use riktlinjer_library::grund;

/// The most ärenden one request may hold: a thousand cases re-prövade under two versions take
/// well under a second, and the body limit (256 KiB) usually stops a request before this does.
/// Larger runs belong to `riktlinjer omprovning` on a file.
pub const MAX_ARENDEN: usize = 1_000;

/// Adds the omprövning routes to the routes that need a token.
pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router.routes(routes!(omprovning))
}

/// `POST /v1/omprovning`.
#[utoipa::path(
    post,
    path = "/v1/omprovning",
    tag = "provning",
    summary = "Pröva om ärenden under två riktlinjeversioner",
    description = "Samma arbetslista som `riktlinjer omprovning --from FRÅN --to TILL` skriver för ärendena, med varje ärendes `index` i `arenden` där filen har radnummer. Högst 1 000 ärenden per begäran och högst 256 KiB kropp. Ett ärende som inte kan läsas eller prövas avvisas med sitt index och skäl; resten prövas ändå. Inget beslut ändras automatiskt: listan är ett underlag för handläggarnas individuella prövning. Med granskningslogg skrivs två rader per prövat ärende, en per version, innan svaret skickas.",
    request_body(content = OmprovningRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Arbetslistan", body = OmprovningAnswer),
        (status = 400, description = "Ogiltig JSON, oläslig kropp, eller en parameter i frågesträngen (anropet tar inga; prövningsdagen är fältet `as_of`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "Ingen version med det id som `fran` eller `till` anger", body = ProblemBody, content_type = "application/problem+json"),
        (status = 408, description = "Begäran kom inte fram i tid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "Kroppen är större än 256 KiB, eller fler än 1 000 ärenden", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Ett fält i begäran är fel", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "Granskningsloggen kunde inte skrivas; inget svar lämnas utan loggrader", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn omprovning(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    query: QueryPairs,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    // The prövningsdag is the body's `as_of`; a query `?as_of=` in the style of
    // `/v1/evaluate` would otherwise be ignored and another day used.
    no_params(query).map_err(|mut error| {
        if error.place == Some(Place::Parameter("as_of".to_owned())) {
            error
                .detail
                .push_str(texts::PROVNINGSDAGEN_ANGES_I_KROPPENS);
        }
        error
    })?;
    let bytes = body_bytes(body)?;
    let request = read_request(&bytes)?;
    let loaded = state.loaded();
    let from = named_version(&loaded, &request.fran, "/fran")?;
    let to = named_version(&loaded, &request.till, "/till")?;
    let records = request
        .arenden
        .iter()
        .enumerate()
        .map(|(index, case)| Record {
            line: index,
            result: case::from_json(case.get()),
        })
        .collect::<Vec<_>>();
    let audited = state.audit().is_some();
    let case_key = state.case_key().cloned();
    // Evaluating up to a thousand cases is CPU work: it runs beside the request handlers.
    let (values, records) = tokio::task::spawn_blocking(move || {
        from.with_table(|from| {
            to.with_table(|to| {
                let as_of = request.as_of.unwrap_or_else(|| grund::first_day(to));
                let audit_records = if audited {
                    let inputs: Vec<_> = records
                        .iter()
                        .filter_map(|record| record.result.as_ref().ok())
                        .collect();
                    let tid = riktlinjer_library::time::now();
                    audit::omprovning_records(
                        &tid,
                        (&caller, case_key.as_ref()),
                        (from, to),
                        as_of,
                        &inputs,
                    )
                } else {
                    Vec::new()
                };
                let context = Context::new(from, to, as_of);
                let (values, _) = batch::worklist_of(&context, "begäran", records);
                (values, audit_records)
            })
        })
        .and_then(|inner| inner)
    })
    .await
    .map_err(internal)?
    .map_err(internal)?;
    if let Some(log) = state.audit() {
        log.append_all(&records).await.map_err(audit_failed)?;
    }
    json_value(StatusCode::OK, &answer_of(values))
}

/// Reads the body by its contract; more than [`MAX_ARENDEN`] cases is 413.
fn read_request(bytes: &[u8]) -> Result<OmprovningRequest, ApiError> {
    let request: OmprovningRequest = read_body(bytes, &crate::contract::OMPROVNING)?;
    let n_arenden = request.arenden.len();
    if n_arenden > MAX_ARENDEN {
        return Err(ApiError::new(
            Problem::TooManyArenden,
            texts::begaran_har_arenden_hogst(n_arenden),
        )
        .at("/arenden"));
    }
    Ok(request)
}

/// A version a request names: one the service holds, or one it holds with `@` and a version of
/// the national baseline (`exempelkommun-2025-01-01@sverige-2025-07-01`), held to that law.
enum Named {
    Stored(&'static Table<'static>),
    Held(Vec<u8>),
}

impl Named {
    /// `f` of the version's table.
    fn with_table<R>(&self, f: impl FnOnce(&Table<'_>) -> R) -> Result<R, DecodeError> {
        match self {
            Named::Stored(table) => Ok(f(table)),
            Named::Held(bytes) => Table::decode(bytes).map(|table| f(&table)),
        }
    }
}

fn named_version(loaded: &Loaded, spec: &str, field: &str) -> Result<Named, ApiError> {
    if let Some(version) = loaded.store.by_id(spec) {
        return table_of(loaded, version).map(Named::Stored);
    }
    // Neither the id nor the version of the law asked for is repeated: either may be anything
    // the caller put there.
    let unknown = || unknown_version(&loaded.store).at(field);
    let (riktlinje, lag) = spec.rsplit_once('@').ok_or_else(unknown)?;
    let version = loaded.store.by_id(riktlinje).ok_or_else(unknown)?;
    let table = table_of(loaded, version)?;
    diff::held_to_law(table, riktlinje, lag)
        .map(Named::Held)
        .map_err(|error| match error {
            VersionError::UnknownLaw { known, .. } => ApiError::new(
                Problem::UnknownVersion,
                texts::ingen_lagversion_har_det(known.join(", ")),
            )
            .at(field),
            other => internal(other),
        })
}

/// Splits the worklist into its parts; a case's `rad` (its place in the request) becomes
/// `index`.
fn answer_of(values: Vec<Value>) -> OmprovningAnswer {
    let mut answer = OmprovningAnswer {
        huvud: Value::Null,
        andrade: Vec::new(),
        avvisade: Vec::new(),
        summa: Value::Null,
    };
    for mut value in values {
        if let Value::Object(map) = &mut value
            && let Some(rad) = map.remove("rad")
        {
            map.insert("index".to_owned(), rad);
        }
        match value.get("typ").and_then(Value::as_str) {
            Some("omprovning") => answer.huvud = value,
            Some("andrad") => answer.andrade.push(value),
            Some("avvisad") => answer.avvisade.push(value),
            Some("summa") => answer.summa = value,
            _ => {}
        }
    }
    answer
}
