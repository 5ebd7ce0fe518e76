//! The place for `POST /v1/omprovning` (batch re-evaluation, issue 6), which the batch module's
//! owner adds; nothing is routed here yet.
//!
//! Add the handler (with its `#[utoipa::path]`, tag `provning`, `security(("bearer" = []))`) in
//! this file and register it in [`routes`] with `.routes(routes!(handler))`: it is then behind
//! the token check, the body limit and the time limit like every other `/v1` route, and in the
//! OpenAPI document.
//! The handler gets `State<AppState>`: `state.loaded()` is the store snapshot for the request,
//! and `state.audit()` the audit log, if evaluations made here are to be logged.
//! This file holds no evaluation logic of its own: that belongs in `crate::batch`.

use utoipa_axum::router::OpenApiRouter;

use super::AppState;

/// Adds the omprövning routes to the routes that need a token.
pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
}
