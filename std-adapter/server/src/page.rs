//! The handläggare's page: one HTML file, its script and its style sheet, built into the
//! binary and served at `/`, `/sida.js` and `/sida.css`.
//!
//! The page holds no data and needs no token: it is the same for everyone. Every call it makes
//! to the API carries the bearer token the handläggare pastes into it, which the page keeps in
//! the tab's `sessionStorage` (gone when the tab is closed, never sent anywhere but in the
//! `Authorization` header), so the audit log names who asked just as for a case system. The
//! case itself lives only in the form. The answers forbid caching and framing, and the content
//! security policy lets the page load nothing but its own files and talk to nothing but this
//! server. The page is not part of the API, so it is not in the OpenAPI document.
//!
//! `/riktlinje/{id}` is a loaded version published for people (`riktlinjer_library::publish`),
//! the document the reasons' `avsnitt` link to. It is open too: the nämnd's riktlinje is a
//! public document, and a link the page opens in a new tab carries no token.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::{ApiError, Problem};
use crate::texts;

/// The page's HTML.
pub const HTML: &str = include_str!("page/sida.html");
/// The page's script.
pub const SCRIPT: &str = include_str!("page/sida.js");
/// The page's style sheet, screen and print.
pub const STYLE: &str = include_str!("page/sida.css");

/// What the page may load and where it may send requests: its own server only.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// What a published riktlinje may load: nothing but its own inline style sheet.
const RIKTLINJE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// `GET /riktlinje/{id}`: the version published as HTML, its sections anchored.
pub async fn riktlinje(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|_| {
        ApiError::new(Problem::InvalidParameter, texts::VERSIONENS_ID_I_SOKVAGEN).at_parameter("id")
    })?;
    let loaded = state.loaded();
    let version = loaded
        .store
        .by_id(&id)
        .ok_or_else(|| crate::routes::unknown_version(&loaded.store).at_parameter("id"))?;
    let markdown = riktlinjer_library::publish::source_of(version)
        .ok_or_else(|| ApiError::new(Problem::UnknownPath, texts::VERSIONEN_HAR_INGEN_TEXT))?;
    let html = riktlinjer_library::publish::to_html(&markdown);
    let mut response = html.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(RIKTLINJE_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// `GET /`.
pub async fn index() -> Response {
    file(HTML, "text/html; charset=utf-8")
}

/// `GET /sida.js`.
pub async fn script() -> Response {
    file(SCRIPT, "text/javascript; charset=utf-8")
}

/// `GET /sida.css`.
pub async fn style() -> Response {
    file(STYLE, "text/css; charset=utf-8")
}

/// A built-in file with the headers every page answer carries.
pub(crate) fn file(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        ],
        body,
    )
        .into_response()
}
