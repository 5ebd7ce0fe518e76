//! The handlers of the `/v1` API: evaluate, the riktlinje listing, the frist calculators,
//! health and the OpenAPI document.
//!
//! Each handler reads its input with the same functions as the CLI (`case_input`, `Store`),
//! evaluates with `riktlinjer_core` and answers with `render`'s JSON, so nothing here decides a
//! rule or counts a day.
//! Every fault in the request becomes an [`ApiError`] with a 4xx status and the faulty field.
//! The `#[utoipa::path]` attributes are the OpenAPI document's source for each route.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use riktlinjer_core::{Date, RuleKind, Table, evaluate};

use crate::audit;
use crate::auth::Caller;
use crate::contract::{
    self, CaseSchema, EvaluateParams, FactDescription, FactWord, Health, InsatsDescription,
    IvoRequest, OverklagandeRequest, ProblemBody, RiktlinjeDetail, RiktlinjeVersion,
};
use crate::error::{ApiError, Problem};
use crate::{AppState, Loaded, MAX_BODY_BYTES};
use riktlinjer_compiler::names;
use riktlinjer_library::answer::{Evaluation, OutcomeCode, StatusCode as VersionStatus};
use riktlinjer_library::case::{self, CaseInput};
use riktlinjer_library::contract::InputError;
use riktlinjer_library::frist::{
    self, FristError, IvoFrist as IvoAnswer, Overklagande as OverklagandeAnswer,
};
use riktlinjer_library::render;
use riktlinjer_library::store::{Store, Version};
use riktlinjer_library::texts;
use riktlinjer_library::time::today;

/// A required date sent as `null`.
const NULL_DATE: &str = crate::texts::FALTET_AR_NULL_ANGE;

/// The query parameters the evaluation route reads; no other route takes any.
const QUERY_PARAMS: [&str; 3] = ["as_of", "version", "vad_andrar"];

/// A route's query string as pairs, or why it could not be read.
pub(super) type QueryPairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// `POST /v1/evaluate`.
#[utoipa::path(
    post,
    path = "/v1/evaluate",
    tag = "provning",
    summary = "Pröva ett ärende mot riktlinjen",
    description = "Svaret är exakt det som `riktlinjer eval --format json` skriver för samma ärende, prövningsdag och version. En insats som riktlinjen inte beskriver besvaras med 422 och pekaren till fältet (`/ansokningar/0/insats`) och, när det finns en, den närmaste insats som riktlinjen beskriver (”menade du …?”): ärendet gäller den här riktlinjen, så ett okänt id är ett stavfel eller en felmappning.",
    params(EvaluateParams),
    request_body(content = CaseSchema, description = "Ärendet enligt schema/case.schema.json", content_type = "application/json"),
    responses(
        (status = 200, description = "Prövningen", body = Evaluation),
        (status = 400, description = "Ogiltig JSON, okänd, upprepad eller ogiltig parameter, eller oläslig kropp", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "Ingen version med det id som `version` anger", body = ProblemBody, content_type = "application/problem+json"),
        (status = 408, description = "Begäran kom inte fram i tid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "Kroppen är större än 256 KiB", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Ett fält i ärendet är fel (också en insats som riktlinjen inte beskriver), eller ingen version gäller prövningsdagen", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "Granskningsloggen kunde inte skrivas; inget svar lämnas utan loggrad", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn evaluate_case(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    query: QueryPairs,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let params = read_params(query)?;
    let as_of = params.as_of.unwrap_or_else(today);
    let mut input = read_case(&body_bytes(body)?)?;
    let loaded = state.loaded();
    let version = chosen_version(&loaded.store, params.version.as_deref(), as_of)?;
    let table = table_of(&loaded, version)?;
    loaded
        .facts(version)
        .ok_or_else(|| internal(crate::texts::VERSIONENS_FAKTAKATALOG_SAKNAS))?
        .bind(&mut input, riktlinjer_library::case::Binding::Strict)
        .map_err(ApiError::from_input)?;
    riktlinjer_library::insats::check_known(table, &input).map_err(ApiError::from_input)?;
    let evaluation = evaluate(table, &input.case, as_of).map_err(internal)?;
    // The audit log holds the evaluation itself; what would change it is advice derived from
    // the same case and table, so a replay need not ask for it.
    let plain = render::to_json(table, &input, &evaluation);
    // The same bytes as `riktlinjer eval --format json`: pretty, with a final newline.
    let mut bytes = if params.vad_andrar {
        let mut answer = render::answer(table, &input, &evaluation);
        render::add_counterfactuals(table, &input, &evaluation, &mut answer).map_err(internal)?;
        serde_json::to_vec_pretty(&serde_json::to_value(answer).map_err(internal)?)
            .map_err(internal)?
    } else {
        serde_json::to_vec_pretty(&plain).map_err(internal)?
    };
    bytes.push(b'\n');
    if let Some(log) = state.audit() {
        let record = audit::record(
            riktlinjer_library::time::now(),
            &caller,
            state.case_key(),
            &input,
            &plain,
        );
        log.append(&record).await.map_err(audit_failed)?;
    }
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// `GET /v1/riktlinjer`.
#[utoipa::path(
    get,
    path = "/v1/riktlinjer",
    tag = "riktlinjer",
    summary = "Alla inlästa riktlinjeversioner",
    responses(
        (status = 200, description = "Versionerna i ordning efter giltig från", body = Vec<RiktlinjeVersion>),
        (status = 400, description = "Okänd parameter i frågesträngen", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_riktlinjer(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    no_params(query)?;
    let loaded = state.loaded();
    let in_force = loaded.store.in_force(today());
    let mut versions = Vec::with_capacity(loaded.store.versions.len());
    for version in &loaded.store.versions {
        versions.push(describe_version(
            table_of(&loaded, version)?,
            version,
            in_force,
        ));
    }
    json_value(StatusCode::OK, &versions)
}

/// `GET /v1/riktlinjer/{id}`.
#[utoipa::path(
    get,
    path = "/v1/riktlinjer/{id}",
    tag = "riktlinjer",
    summary = "En riktlinjeversion med insatser och regler",
    params(("id" = String, Path, description = "Versionens id", example = "exempelkommun-2025-11-01")),
    responses(
        (status = 200, description = "Versionen", body = RiktlinjeDetail),
        (status = 400, description = "Okänd parameter i frågesträngen", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "Ingen version med det id:t", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show_riktlinje(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    // axum's own rejection is plain text; every error answer here is problem details.
    let Path(id) = id.map_err(|_| {
        ApiError::new(
            Problem::InvalidParameter,
            crate::texts::VERSIONENS_ID_I_SOKVAGEN,
        )
        .at_parameter("id")
    })?;
    no_params(query)?;
    let loaded = state.loaded();
    let version = loaded
        .store
        .by_id(&id)
        .ok_or_else(|| unknown_version(&loaded.store).at_parameter("id"))?;
    let table = table_of(&loaded, version)?;
    let insatser = table
        .insats_indices()
        .map(|(insats_idx, insats)| InsatsDescription {
            id: insats.id.to_owned(),
            namn: insats.namn.to_owned(),
            lag: texts::lag_label(insats.lag).to_owned(),
            lagrum: insats.lagrum.to_owned(),
            avsnitt: insats.avsnitt.to_owned(),
            enhet: texts::enhet_code(insats.enhet).to_owned(),
            annars: OutcomeCode(insats.annars),
            regler: table
                .rules_of(insats_idx)
                .iter()
                .map(|rule| contract::Rule {
                    id: rule.id.to_owned(),
                    villkor: rule.villkor.to_owned(),
                    utfall: regel_utfall(rule.utfall),
                    omfattning: rule.omfattning.map(render::thousandths_f64),
                    lagrum: rule.lagrum.to_owned(),
                    avsnitt: rule.avsnitt.to_owned(),
                    skal: rule.skal.to_owned(),
                })
                .collect(),
        })
        .collect();
    let detail = RiktlinjeDetail {
        version: describe_version(table, version, loaded.store.in_force(today())),
        insatser,
        uppgifter: describe_facts(table),
    };
    json_value(StatusCode::OK, &detail)
}

/// The facts of a table's catalogue that a case gives (the engine's own left out), for a form.
fn describe_facts(table: &Table<'_>) -> Vec<FactDescription> {
    use riktlinjer_core::{FactKind, FactScope};
    use riktlinjer_library::contract::fold;
    table
        .facts()
        .iter()
        .filter(|fact| fact.builtin.is_none())
        .filter_map(|fact| {
            let galler = match fact.scope {
                FactScope::Person => "person",
                FactScope::Ansokan => "ansokan",
                FactScope::Skyddsatgard => return None,
            };
            let typ = match fact.kind {
                FactKind::Bool => "ja_nej",
                FactKind::Int => "heltal",
                FactKind::Decimal => "decimal",
                FactKind::Date => "datum",
                FactKind::Choice => "val",
                FactKind::Set => "mangd",
            };
            Some(FactDescription {
                falt: fold(fact.name),
                namn: fact.name.to_owned(),
                beskrivning: fact.beskrivning.to_owned(),
                grupp: fact.grupp.to_owned(),
                enhet: fact.enhet.to_owned(),
                galler: galler.to_owned(),
                typ: typ.to_owned(),
                varden: table
                    .words_of(fact)
                    .iter()
                    .map(|word| FactWord {
                        kod: fold(word),
                        text: (*word).to_owned(),
                    })
                    .collect(),
                andras_av_ansokan: fact.andringsbar,
            })
        })
        .collect()
}

/// `POST /v1/frist/overklagande`.
#[utoipa::path(
    post,
    path = "/v1/frist/overklagande",
    tag = "frister",
    summary = "Sista dag att överklaga (44 § FL, lagen (1930:173))",
    description = "Tre veckor från delgivningen; en sista dag som inte är en vardag flyttas till nästa vardag. Samma svar som `riktlinjer frist overklagande --format json`.",
    request_body(content = OverklagandeRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Fristen", body = OverklagandeAnswer),
        (status = 400, description = "Ogiltig JSON, eller en parameter i frågesträngen (anropet tar inga)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "Kroppen är större än 256 KiB", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Ett fält är fel", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn frist_overklagande(
    query: QueryPairs,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    no_params(query)?;
    let request: OverklagandeRequest = read_body(&body_bytes(body)?, &contract::OVERKLAGANDE)?;
    // `null` passes the reader (the field is there); it is a fault in the field, not of the
    // service.
    let Some(delgiven) = request.delgiven else {
        return Err(field_error("/delgiven", NULL_DATE.to_owned()));
    };
    let answer =
        frist::overklagande_of(delgiven).map_err(|error| frist_error(&error, "/delgiven"))?;
    json_value(StatusCode::OK, &answer)
}

/// `POST /v1/frist/ivo`.
#[utoipa::path(
    post,
    path = "/v1/frist/ivo",
    tag = "frister",
    summary = "När ett ej verkställt beslut ska rapporteras till IVO",
    description = "Tre månader från beslutsdatum, eller från avbrottet, utan flytt till vardag (34 kap. 1 § SoL, 28 f § LSS). `lag` väljer lagrum; utan den anges båda. Samma svar som `riktlinjer frist ivo --format json`.",
    request_body(content = IvoRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Fristen", body = IvoAnswer),
        (status = 400, description = "Ogiltig JSON, eller en parameter i frågesträngen (anropet tar inga)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "Kroppen är större än 256 KiB", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Ett fält är fel", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn frist_ivo(
    query: QueryPairs,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    no_params(query)?;
    let request: IvoRequest = read_body(&body_bytes(body)?, &contract::IVO)?;
    let Some(beslutsdatum) = request.beslutsdatum else {
        return Err(field_error("/beslutsdatum", NULL_DATE.to_owned()));
    };
    // A frist past 9999-12-31 is counted from the avbrott when there is one.
    let start = if request.avbrott.is_some() {
        "/avbrott"
    } else {
        "/beslutsdatum"
    };
    let answer = frist::ivo_of(beslutsdatum, request.avbrott, request.lag)
        .map_err(|error| frist_error(&error, start))?;
    json_value(StatusCode::OK, &answer)
}

/// `GET /v1/health`.
#[utoipa::path(
    get,
    path = "/v1/health",
    tag = "drift",
    summary = "Tjänsten svarar; kräver inget token",
    description = "Versionen som gäller i dag med sin innehållshash, när riktlinjerna lästes in, och den senaste omläsningen som misslyckades med orsaken.",
    responses(
        (status = 200, description = "Tjänsten är uppe", body = Health),
        (status = 400, description = "Okänd parameter i frågesträngen", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
pub async fn health(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    no_params(query)?;
    let loaded = state.loaded();
    let in_force = loaded.store.in_force(today());
    let halsa = Health {
        status: "ok".to_owned(),
        versioner: loaded.store.versions.len(),
        galler_idag: in_force.map(|version| version.riktlinje_id.clone()),
        galler_idag_innehallshash: in_force
            .and_then(|version| loaded.table(version))
            .map(|table| render::hash_hex(&table.content_hash())),
        inlast: loaded.inlast.clone(),
        senaste_misslyckade_omlasning: state.failed_reload(),
    };
    json_value(StatusCode::OK, &halsa)
}

/// `GET /v1/openapi.json`.
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    tag = "drift",
    summary = "Detta OpenAPI-dokument (3.1); kräver inget token",
    responses(
        (status = 200, description = "OpenAPI-dokumentet", content_type = "application/json"),
        (status = 400, description = "Okänd parameter i frågesträngen", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
pub async fn openapi(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    no_params(query)?;
    Ok(json_bytes(StatusCode::OK, state.openapi_bytes().to_vec()))
}

/// Any other path.
pub async fn not_found() -> ApiError {
    ApiError::new(Problem::UnknownPath, crate::texts::SOKVAGEN_FINNS_INTE_SE)
}

/// A known path with another method.
pub async fn wrong_method() -> ApiError {
    ApiError::new(Problem::WrongMethod, crate::texts::METODEN_STODS_INTE_FOR)
}

/// The query parameters, read and checked.
struct Params {
    as_of: Option<Date>,
    version: Option<String>,
    /// Whether what would change each outcome is asked for (`vad_andrar=ja`).
    vad_andrar: bool,
}

fn read_params(query: QueryPairs) -> Result<Params, ApiError> {
    let mut params = Params {
        as_of: None,
        version: None,
        vad_andrar: false,
    };
    for (key, value) in checked_pairs(query, &QUERY_PARAMS)? {
        match key.as_str() {
            "as_of" => {
                let date = Date::parse(&value)
                    .map_err(|error| bad_param(&key, texts::date_fault(error)))?;
                params.as_of = Some(date);
            }
            "vad_andrar" => {
                params.vad_andrar = match value.as_str() {
                    "ja" => true,
                    "nej" => false,
                    _ => return Err(bad_param(&key, crate::texts::SKA_VARA_JA_ELLER.to_owned())),
                };
            }
            _ => params.version = Some(value),
        }
    }
    Ok(params)
}

/// Checks that a route that takes no query parameters got none, so that a parameter copied
/// from another route (`?as_of=` on an omprövning, whose day is a body field) is refused
/// rather than silently ignored.
pub(super) fn no_params(query: QueryPairs) -> Result<(), ApiError> {
    checked_pairs(query, &[]).map(|_| ())
}

/// The query string's pairs, each key one of `allowed` and given at most once.
fn checked_pairs(query: QueryPairs, allowed: &[&str]) -> Result<Vec<(String, String)>, ApiError> {
    let Query(pairs) = query.map_err(|_| {
        ApiError::new(
            Problem::InvalidParameter,
            crate::texts::FRAGESTRANGEN_KUNDE_INTE_LASAS,
        )
    })?;
    let mut seen: Vec<&str> = Vec::new();
    for (key, _) in &pairs {
        if !allowed.contains(&key.as_str()) {
            // The name is repeated only when it has the form of a parameter's name: a
            // personnummer sent as a name is not.
            let shown = texts::shown_code(key);
            let named = shown.map_or_else(
                || crate::texts::OKAND_PARAMETER.to_owned(),
                crate::texts::okand_parameter,
            );
            let mut message = if allowed.is_empty() {
                crate::texts::anropet_tar_inga_parametrar(&named)
            } else {
                crate::texts::tillatna_ar(names::one_of(allowed), &named)
            };
            if let Some(suggestion) = names::suggest(key, allowed.iter().copied()) {
                message.push_str(&crate::texts::menade_du(suggestion));
            }
            let error = ApiError::new(Problem::InvalidParameter, message);
            return Err(match shown {
                Some(key) => error.at_parameter(key),
                None => error,
            });
        }
        if seen.contains(&key.as_str()) {
            return Err(bad_param(key, crate::texts::parametern_anges_mer_an(key)));
        }
        seen.push(key);
    }
    Ok(pairs)
}

fn bad_param(key: &str, message: String) -> ApiError {
    ApiError::new(Problem::InvalidParameter, message).at_parameter(key)
}

pub(super) fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::new(
                Problem::InvalidBody,
                crate::texts::KROPPEN_KUNDE_INTE_LASAS_DETALJ,
            )
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(
            ApiError::new(Problem::InvalidJson, crate::texts::KROPPEN_AR_TOM_SKICKA).at(""),
        );
    }
    Ok(bytes)
}

/// A body over [`MAX_BODY_BYTES`], declared or read.
pub(super) fn too_large() -> ApiError {
    ApiError::new(
        Problem::TooLarge,
        crate::texts::kroppen_ar_storre_an(MAX_BODY_BYTES / 1024),
    )
}

pub(super) fn body_text(bytes: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(bytes).map_err(|error| {
        ApiError::new(
            Problem::InvalidJson,
            crate::texts::kroppen_ar_inte_giltig(error.valid_up_to()),
        )
        .at("")
    })
}

fn read_case(bytes: &[u8]) -> Result<CaseInput, ApiError> {
    case::from_json(body_text(bytes)?).map_err(ApiError::from_input)
}

fn chosen_version<'s>(
    store: &'s Store,
    id: Option<&str>,
    as_of: Date,
) -> Result<&'s Version, ApiError> {
    match id {
        Some(id) => store
            .by_id(id)
            .ok_or_else(|| unknown_version(store).at_parameter("version")),
        None => store.in_force(as_of).ok_or_else(|| {
            ApiError::new(
                Problem::NoVersionInForce,
                crate::texts::ingen_antagen_version_av(as_of),
            )
            .at_parameter("as_of")
        }),
    }
}

pub(super) fn unknown_version(store: &Store) -> ApiError {
    let known: Vec<&str> = store
        .versions
        .iter()
        .map(|version| version.riktlinje_id.as_str())
        .collect();
    // The id asked for is not repeated: it may be anything the caller put there.
    ApiError::new(
        Problem::UnknownVersion,
        crate::texts::ingen_version_har_det(known.join(", ")),
    )
}

pub(super) fn table_of(
    loaded: &Loaded,
    version: &Version,
) -> Result<&'static Table<'static>, ApiError> {
    loaded
        .table(version)
        .ok_or_else(|| internal(crate::texts::VERSIONENS_REGELTABELL_SAKNAS))
}

fn describe_version(
    table: &Table<'_>,
    version: &Version,
    in_force: Option<&Version>,
) -> RiktlinjeVersion {
    RiktlinjeVersion {
        id: version.riktlinje_id.clone(),
        kommun: table.meta().kommun.to_owned(),
        namnd: table.meta().namnd.to_owned(),
        titel: table.meta().titel.to_owned(),
        giltig_fran: version.giltig_fran.to_string(),
        status: VersionStatus(version.status),
        innehallshash: render::hash_hex(&table.content_hash()),
        galler_idag: in_force.is_some_and(|other| other.riktlinje_id == version.riktlinje_id),
    }
}

fn regel_utfall(kind: RuleKind) -> contract::RuleKind {
    match kind {
        RuleKind::Uppfyller => contract::RuleKind::Uppfyller,
        RuleKind::UppfyllerInte => contract::RuleKind::UppfyllerInte,
        RuleKind::LagenHindrar => contract::RuleKind::LagenHindrar,
        RuleKind::IndividuellBedomning => contract::RuleKind::IndividuellBedomning,
        RuleKind::Upplysning => contract::RuleKind::Upplysning,
    }
}

/// A request body read by its contract, a fault named by its JSON pointer (422), or malformed
/// JSON (400).
pub(super) fn read_body<T: Default>(
    bytes: &[u8],
    object: &'static riktlinjer_library::contract::Object<T>,
) -> Result<T, ApiError> {
    let mut request = T::default();
    riktlinjer_library::contract::json::read(body_text(bytes)?, object, &mut request)
        .map_err(body_error)?;
    Ok(request)
}

/// A fault in a body: malformed JSON is 400, a fault in a field 422.
fn body_error(error: InputError) -> ApiError {
    if error.syntax {
        ApiError::new(Problem::InvalidJson, error.message).at("")
    } else {
        field_error(&error.pointer, error.message)
    }
}

pub(super) fn field_error(pointer: &str, message: String) -> ApiError {
    ApiError::new(Problem::InvalidField, message).at(pointer)
}

/// A frist the calculator cannot give, as a fault in the field it comes from (`start`: the
/// field the frist is counted from).
fn frist_error(error: &FristError, start: &str) -> ApiError {
    let pointer = match error {
        FristError::AvbrottBeforeBeslut { .. } => "/avbrott",
        FristError::OutOfRange { .. } => start,
        _ => "",
    };
    field_error(pointer, error.to_string())
}

/// An answer withheld because its audit lines could not be made durable.
pub(super) fn audit_failed(error: audit::AuditError) -> ApiError {
    ApiError::new(
        Problem::AuditLog,
        crate::texts::provningen_lamnas_inte_ut(&error),
    )
}

pub(super) fn internal(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(Problem::Internal, crate::texts::internt_fel(&error))
}

pub(super) fn json_value<T: serde::Serialize>(
    status: StatusCode,
    value: &T,
) -> Result<Response, ApiError> {
    let bytes = serde_json::to_vec(value).map_err(internal)?;
    Ok(json_bytes(status, bytes))
}

fn json_bytes(status: StatusCode, bytes: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_fit_their_contract() {
        let error = ApiError::new(Problem::InvalidJson, "x").at("/a");
        let value = serde_json::to_value(error.body()).unwrap_or_default();
        let typed: Result<ProblemBody, _> = serde_json::from_value(value);
        assert!(typed.is_ok(), "{typed:?}");
    }
}
