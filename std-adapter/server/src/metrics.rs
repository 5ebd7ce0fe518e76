//! The service's Prometheus metrics, and the `/metrics` route that exposes them in the
//! OpenMetrics text format.
//!
//! What is counted: requests by route (the matched template) and status, their latency, the
//! requests in flight, the reloads of the riktlinjer and the tokens file and whether the last
//! one failed, the versions loaded, and the audit log's group commits (syncs), their latency,
//! their failures and the lines they made durable.
//! Labels hold only route templates, statuses and fixed words, never a value from a request.
//! `/metrics` on the service's address needs a token like the API; `--metrics-addr` serves it
//! without one on an address of its own, meant for loopback or the monitoring network
//! (docs/drift.md).
//! This module counts and encodes; the request middleware (`observe`), the reload loop and the
//! audit writer call it.

use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

use crate::AppState;
use crate::error::{ApiError, Problem};
use crate::routes::{QueryPairs, no_params};
use crate::texts;

/// The content type of the exposition (OpenMetrics 1.0 text, which Prometheus reads).
pub const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The service's metrics, registered once and shared by every request.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
    in_flight: Gauge,
    reloads: Family<ReloadLabels, Counter>,
    reload_failed: Family<KindLabels, Gauge>,
    versions: Gauge,
    audit: AuditMetrics,
}

/// The audit log writer's share of the metrics: cheap to clone, and detached from any
/// registry when made by [`AuditMetrics::new`] alone.
#[derive(Clone, Debug)]
pub struct AuditMetrics {
    syncs: Counter,
    failures: Counter,
    lines: Counter,
    sync_seconds: Histogram,
}

/// What a reload read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The riktlinje versions.
    Riktlinjer,
    /// The tokens file.
    Tokens,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReloadLabels {
    kind: &'static str,
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

/// Request latency buckets, in seconds: an evaluation answers in a fraction of a millisecond,
/// an audited one waits for a sync of about a millisecond, and the time limit is seconds.
const REQUEST_BUCKETS: [f64; 16] = [
    0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0,
];

/// Sync latency buckets, in seconds: a sync of a fast disk takes a tenth of a millisecond, a
/// shared one milliseconds, a failing one seconds.
const SYNC_BUCKETS: [f64; 14] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0,
    5.0,
];

impl Metrics {
    /// Registers every metric, with Swedish help texts.
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "riktlinjer_http_requests",
            texts::BESVARADE_ANROP_PER_SOKVAG,
            requests.clone(),
        );
        let durations: Family<RouteLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(|| Histogram::new(REQUEST_BUCKETS));
        registry.register_with_unit(
            "riktlinjer_http_request_duration",
            texts::TID_FRAN_BEGARAN_TILL,
            Unit::Seconds,
            durations.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "riktlinjer_http_requests_in_flight",
            texts::ANROP_SOM_PAGAR_JUST,
            in_flight.clone(),
        );
        let reloads = Family::<ReloadLabels, Counter>::default();
        registry.register(
            "riktlinjer_reloads",
            texts::OMLASNINGAR_AV_RIKTLINJERNA_KIND,
            reloads.clone(),
        );
        let reload_failed = Family::<KindLabels, Gauge>::default();
        registry.register(
            "riktlinjer_reload_failed",
            texts::NAR_DEN_SENASTE_OMLASNINGEN,
            reload_failed.clone(),
        );
        let versions = Gauge::default();
        registry.register(
            "riktlinjer_versions_loaded",
            texts::INLASTA_RIKTLINJEVERSIONER,
            versions.clone(),
        );
        let audit = AuditMetrics::new();
        registry.register(
            "riktlinjer_audit_syncs",
            texts::SYNKNINGAR_AV_GRANSKNINGSLOGGEN_TILL,
            audit.syncs.clone(),
        );
        registry.register(
            "riktlinjer_audit_sync_failures",
            texts::SKRIVNINGAR_ELLER_SYNKNINGAR_AV,
            audit.failures.clone(),
        );
        registry.register(
            "riktlinjer_audit_lines",
            texts::RADER_SOM_SKRIVITS_OCH,
            audit.lines.clone(),
        );
        registry.register_with_unit(
            "riktlinjer_audit_sync_duration",
            texts::TID_FOR_ATT_SKRIVA,
            Unit::Seconds,
            audit.sync_seconds.clone(),
        );
        for kind in [Reloaded::Riktlinjer, Reloaded::Tokens] {
            reload_failed
                .get_or_create(&KindLabels { kind: kind.label() })
                .set(0);
        }
        Metrics {
            registry,
            requests,
            durations,
            in_flight,
            reloads,
            reload_failed,
            versions,
            audit,
        }
    }

    /// Counts an answered request.
    pub fn answered(&self, route: &str, status: StatusCode, elapsed: Duration) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                status: status.as_u16(),
            })
            .inc();
        self.durations
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(elapsed.as_secs_f64());
    }

    /// The requests-in-flight gauge.
    pub fn in_flight(&self) -> &Gauge {
        &self.in_flight
    }

    /// Counts a reload, and whether the last one of its kind failed.
    pub fn reloaded(&self, kind: Reloaded, ok: bool) {
        let result = if ok { "ok" } else { "error" };
        self.reloads
            .get_or_create(&ReloadLabels {
                kind: kind.label(),
                result,
            })
            .inc();
        self.reload_failed
            .get_or_create(&KindLabels { kind: kind.label() })
            .set(i64::from(!ok));
    }

    /// Sets the number of riktlinje versions loaded.
    pub fn set_versions(&self, n_versions: usize) {
        self.versions
            .set(i64::try_from(n_versions).unwrap_or(i64::MAX));
    }

    /// The audit writer's metrics, registered here.
    pub fn audit(&self) -> AuditMetrics {
        self.audit.clone()
    }

    /// The exposition in the OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl AuditMetrics {
    /// Metrics not yet in any registry.
    pub fn new() -> AuditMetrics {
        AuditMetrics {
            syncs: Counter::default(),
            failures: Counter::default(),
            lines: Counter::default(),
            sync_seconds: Histogram::new(SYNC_BUCKETS),
        }
    }

    /// Counts one group commit of `n_lines` lines that took `elapsed` and succeeded or not.
    pub fn synced(&self, n_lines: usize, elapsed: Duration, ok: bool) {
        self.sync_seconds.observe(elapsed.as_secs_f64());
        if ok {
            self.syncs.inc();
            self.lines
                .inc_by(u64::try_from(n_lines).unwrap_or(u64::MAX));
        } else {
            self.failures.inc();
        }
    }
}

impl Default for AuditMetrics {
    fn default() -> AuditMetrics {
        AuditMetrics::new()
    }
}

impl Reloaded {
    fn label(self) -> &'static str {
        match self {
            Reloaded::Riktlinjer => "riktlinjer",
            Reloaded::Tokens => "tokens",
        }
    }
}

/// `GET /metrics`.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "drift",
    summary = "Mätvärden för Prometheus (OpenMetrics-text)",
    description = "Anrop per sökväg och status, svarstider, pågående anrop, omläsningar och misslyckade omläsningar, inlästa versioner, och granskningsloggens synkningar med sina tider. Kräver token här; med `--metrics-addr` finns samma sökväg utan token på en egen adress. Se docs/drift.md.",
    responses(
        (status = 200, description = "Mätvärdena", content_type = "application/openmetrics-text; version=1.0.0; charset=utf-8", body = String),
        (status = 400, description = "Okänd parameter i frågesträngen", body = crate::contract::ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Token saknas eller är fel", body = crate::contract::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn metrics(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    no_params(query)?;
    Ok(exposition(&state))
}

/// The exposition as an answer.
pub fn exposition(state: &AppState) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HeaderValue::from_static(OPENMETRICS))],
        state.metrics().encode(),
    )
        .into_response()
}

/// The only problem the metrics address answers besides the exposition: any other path.
pub async fn not_found() -> ApiError {
    ApiError::new(
        Problem::UnknownPath,
        texts::SOKVAGEN_FINNS_INTE_MATVARDESADRESSEN,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_names_every_metric_and_no_value() {
        let metrics = Metrics::new();
        metrics.answered(
            "/v1/evaluate",
            StatusCode::UNPROCESSABLE_ENTITY,
            Duration::from_micros(300),
        );
        metrics.reloaded(Reloaded::Riktlinjer, false);
        metrics.reloaded(Reloaded::Tokens, true);
        metrics.set_versions(2);
        metrics.audit().synced(3, Duration::from_micros(150), true);
        let text = metrics.encode();
        for line in [
            r#"riktlinjer_http_requests_total{route="/v1/evaluate",status="422"} 1"#,
            r#"riktlinjer_http_request_duration_seconds_bucket{le="0.0005",route="/v1/evaluate"} 1"#,
            "riktlinjer_http_requests_in_flight 0",
            r#"riktlinjer_reloads_total{kind="riktlinjer",result="error"} 1"#,
            r#"riktlinjer_reloads_total{kind="tokens",result="ok"} 1"#,
            r#"riktlinjer_reload_failed{kind="riktlinjer"} 1"#,
            r#"riktlinjer_reload_failed{kind="tokens"} 0"#,
            "riktlinjer_versions_loaded 2",
            "riktlinjer_audit_syncs_total 1",
            "riktlinjer_audit_sync_failures_total 0",
            "riktlinjer_audit_lines_total 3",
            "riktlinjer_audit_sync_duration_seconds_count 1",
            "# EOF",
        ] {
            assert!(
                text.lines().any(|shown| shown == line),
                "{line} saknas:\n{text}"
            );
        }
    }
}
