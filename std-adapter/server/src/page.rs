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

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

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
