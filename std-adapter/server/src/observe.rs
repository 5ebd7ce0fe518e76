//! One log line per request, through `tracing`: method, route, status, latency, the caller's
//! name and the problem type of an error answer; and the request's metrics.
//!
//! The route is the matched route's template (`/v1/riktlinjer/{id}`), never the path as sent,
//! and neither the query string nor the body is read: a log line holds nothing from a case.
//! Where the lines go and in which format (human lines or JSON lines) is the subscriber's
//! business, which the binary sets up; this module only emits events.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::auth::Caller;
use crate::error::Problem;

/// The route of a request no route matched.
pub const UNMATCHED_ROUTE: &str = "(ingen)";

/// Emits the request's log line and counts it once its answer is ready.
pub async fn request(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let _in_flight = InFlight::new(&state);
    let method = method_name(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let route = route.as_deref().unwrap_or(UNMATCHED_ROUTE);
    state.metrics().answered(route, response.status(), elapsed);
    let status = response.status().as_u16();
    let anropare = response
        .extensions()
        .get::<Caller>()
        .and_then(|caller| caller.anropare.as_deref());
    let fel = response
        .extensions()
        .get::<Problem>()
        .map(|problem| problem.kod());
    // Milliseconds with microseconds, which is as fine as a request's time means anything.
    let tid_ms = elapsed.as_micros() as f64 / 1000.0;
    if response.status().is_server_error() {
        tracing::warn!(
            metod = method,
            sokvag = route,
            status,
            tid_ms,
            anropare,
            fel,
            "anrop"
        );
    } else {
        tracing::info!(
            metod = method,
            sokvag = route,
            status,
            tid_ms,
            anropare,
            fel,
            "anrop"
        );
    }
    response
}

/// Counts a request in flight for as long as it lives, also when its client goes away and the
/// request is dropped unanswered.
struct InFlight<'s> {
    state: &'s AppState,
}

impl<'s> InFlight<'s> {
    fn new(state: &'s AppState) -> InFlight<'s> {
        state.metrics().in_flight().inc();
        InFlight { state }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.state.metrics().in_flight().dec();
    }
}

/// The method's name, or `annan` for a method the API does not know, so that nothing a client
/// makes up reaches the log.
fn method_name(method: &Method) -> &'static str {
    static KNOWN: [Method; 9] = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::HEAD,
        Method::OPTIONS,
        Method::PATCH,
        Method::TRACE,
        Method::CONNECT,
    ];
    KNOWN
        .iter()
        .find(|known| *known == method)
        .map_or("annan", Method::as_str)
}
