//! The API's error answers: RFC 9457 problem details, one stable problem type per error.
//!
//! Every 4xx and 5xx answer is one `application/problem+json` object ([`ProblemBody`]): the
//! problem's `type` (a stable URN, `urn:riktlinjer:problem:…`), a Swedish `title` that is the
//! same for every occurrence of the type, the HTTP `status`, a Swedish `detail` for this
//! occurrence, and where one applies the faulty place: `pointer`, a JSON pointer (RFC 6901) into
//! the request body, or `parameter`, the name of a query or path parameter.
//! The members `kod`, `meddelande` and `falt` of the error object the service gave before
//! problem details stay as extension members, so a client written against them still works
//! within `/v1` (docs/integration.md, "Versioner").
//! Faults in the request are 4xx; only the service's own faults (the audit log cannot be
//! written, an internal error) are 5xx.
//! This module holds the problem types and the error value with its mapping to a response, not
//! the checks that raise it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::contract::ProblemBody;
use crate::texts;
use riktlinjer_library::case::InputError;

/// The content type of every error answer (RFC 9457, section 3).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The prefix of every problem type URI; the rest is the problem's code with `-` for `_`.
pub const PROBLEM_TYPE_PREFIX: &str = "urn:riktlinjer:problem:";

/// A kind of error the API answers with: each has one stable type URI, one Swedish title, one
/// HTTP status and one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    /// The body is empty, not UTF-8 or not JSON (400).
    InvalidJson,
    /// The body could not be read (400).
    InvalidBody,
    /// An unknown, repeated or malformed query parameter (400).
    InvalidParameter,
    /// No or a wrong bearer token (401).
    Unauthorized,
    /// No riktlinje version has the id asked for (404).
    UnknownVersion,
    /// No route has the path (404).
    UnknownPath,
    /// The route does not take the method (405).
    WrongMethod,
    /// The request did not arrive within the time limit (408).
    Timeout,
    /// An omprövning with more ärenden than one request may hold (413).
    TooManyArenden,
    /// The body is over the size limit (413).
    TooLarge,
    /// A field of the ärende is wrong (422).
    InvalidArende,
    /// A field of a frist or omprövning request is wrong (422).
    InvalidField,
    /// No adopted version applies on the day of prövning (422).
    NoVersionInForce,
    /// A fault in the service itself (500).
    Internal,
    /// The audit log could not be written, so no answer is given (503).
    AuditLog,
}

/// An error answer: its problem type, what is wrong this time, and the faulty place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The kind of problem.
    pub problem: Problem,
    /// What is wrong, in Swedish, for a person (the answer's `detail`).
    pub detail: String,
    /// Where the fault is, when it is in one place.
    pub place: Option<Place>,
}

/// Where in the request a fault is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A JSON pointer (RFC 6901) into the body; `""` is the whole body.
    Pointer(String),
    /// The name of a query or path parameter.
    Parameter(String),
}

impl Problem {
    /// Every problem type, in the order the documentation lists them.
    pub const ALL: [Problem; 15] = [
        Problem::InvalidJson,
        Problem::InvalidBody,
        Problem::InvalidParameter,
        Problem::Unauthorized,
        Problem::UnknownVersion,
        Problem::UnknownPath,
        Problem::WrongMethod,
        Problem::Timeout,
        Problem::TooManyArenden,
        Problem::TooLarge,
        Problem::InvalidArende,
        Problem::InvalidField,
        Problem::NoVersionInForce,
        Problem::Internal,
        Problem::AuditLog,
    ];

    /// The stable code a program can branch on (`ogiltigt_arende`), as the error object had it
    /// before problem details.
    pub fn kod(self) -> &'static str {
        self.spec().0
    }

    /// The problem type URI (`urn:riktlinjer:problem:ogiltigt-arende`): stable for as long as
    /// `/v1` lives.
    pub fn type_uri(self) -> &'static str {
        self.spec().1
    }

    /// The Swedish title, the same for every occurrence of the type.
    pub fn title(self) -> &'static str {
        self.spec().2
    }

    /// The HTTP status every occurrence of the type has.
    pub fn status(self) -> StatusCode {
        StatusCode::from_u16(self.spec().3).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// Code, type URI, title and status, in one table so that they cannot drift apart.
    fn spec(self) -> (&'static str, &'static str, &'static str, u16) {
        macro_rules! uri {
            ($slug:literal) => {
                concat!("urn:riktlinjer:problem:", $slug)
            };
        }
        match self {
            Problem::InvalidJson => (
                "ogiltig_json",
                uri!("ogiltig-json"),
                texts::KROPPEN_AR_INGEN_GILTIG,
                400,
            ),
            Problem::InvalidBody => (
                "ogiltig_kropp",
                uri!("ogiltig-kropp"),
                texts::KROPPEN_KUNDE_INTE_LASAS,
                400,
            ),
            Problem::InvalidParameter => (
                "ogiltig_parameter",
                uri!("ogiltig-parameter"),
                texts::OGILTIG_PARAMETER,
                400,
            ),
            Problem::Unauthorized => (
                "obehorig",
                uri!("obehorig"),
                texts::GILTIGT_TOKEN_SAKNAS,
                401,
            ),
            Problem::UnknownVersion => (
                "okand_version",
                uri!("okand-version"),
                texts::OKAND_RIKTLINJEVERSION,
                404,
            ),
            Problem::UnknownPath => (
                "okand_sokvag",
                uri!("okand-sokvag"),
                texts::SOKVAGEN_FINNS_INTE,
                404,
            ),
            Problem::WrongMethod => (
                "fel_metod",
                uri!("fel-metod"),
                texts::METODEN_STODS_INTE,
                405,
            ),
            Problem::Timeout => (
                "tidsgrans",
                uri!("tidsgrans"),
                texts::BEGARAN_BLEV_INTE_KLAR,
                408,
            ),
            Problem::TooManyArenden => (
                "for_manga_arenden",
                uri!("for-manga-arenden"),
                texts::FOR_MANGA_ARENDEN_I,
                413,
            ),
            Problem::TooLarge => (
                "for_stor",
                uri!("for-stor"),
                texts::KROPPEN_AR_FOR_STOR,
                413,
            ),
            Problem::InvalidArende => (
                "ogiltigt_arende",
                uri!("ogiltigt-arende"),
                texts::OGILTIGT_ARENDE,
                422,
            ),
            Problem::InvalidField => (
                "ogiltigt_falt",
                uri!("ogiltigt-falt"),
                texts::OGILTIGT_FALT,
                422,
            ),
            Problem::NoVersionInForce => (
                "ingen_version_galler",
                uri!("ingen-version-galler"),
                texts::INGEN_RIKTLINJEVERSION_GALLER_PROVNINGSDAGEN,
                422,
            ),
            Problem::Internal => (
                "internt_fel",
                uri!("internt-fel"),
                texts::INTERNT_FEL_I_TJANSTEN,
                500,
            ),
            Problem::AuditLog => (
                "loggfel",
                uri!("loggfel"),
                texts::GRANSKNINGSLOGGEN_KUNDE_INTE_SKRIVAS,
                503,
            ),
        }
    }
}

impl ApiError {
    /// An error without a place.
    pub fn new(problem: Problem, detail: impl Into<String>) -> ApiError {
        ApiError {
            problem,
            detail: detail.into(),
            place: None,
        }
    }

    /// The same error, at a JSON pointer into the body (`""` for the whole body).
    pub fn at(mut self, pointer: impl Into<String>) -> ApiError {
        self.place = Some(Place::Pointer(pointer.into()));
        self
    }

    /// The same error, at a query or path parameter.
    pub fn at_parameter(mut self, name: impl Into<String>) -> ApiError {
        self.place = Some(Place::Parameter(name.into()));
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.problem.status()
    }

    /// A case that could not be read: malformed JSON is 400, a faulty field 422.
    pub fn from_input(error: InputError) -> ApiError {
        if error.syntax {
            ApiError::new(Problem::InvalidJson, error.message).at("")
        } else {
            ApiError::new(Problem::InvalidArende, error.message).at(error.pointer)
        }
    }

    /// No or a wrong bearer token.
    pub fn unauthorized() -> ApiError {
        ApiError::new(Problem::Unauthorized, texts::GILTIGT_TOKEN_SAKNAS_SKICKA)
    }

    /// The answer's body.
    pub fn body(&self) -> ProblemBody {
        let (pointer, parameter) = match &self.place {
            Some(Place::Pointer(pointer)) => (Some(pointer.clone()), None),
            Some(Place::Parameter(name)) => (None, Some(name.clone())),
            None => (None, None),
        };
        ProblemBody {
            r#type: self.problem.type_uri().to_owned(),
            title: self.problem.title().to_owned(),
            status: self.status().as_u16(),
            detail: self.detail.clone(),
            falt: pointer.clone().or_else(|| parameter.clone()),
            pointer,
            parameter,
            kod: self.problem.kod().to_owned(),
            meddelande: self.detail.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    /// The problem details as `application/problem+json`; the problem type goes along in the
    /// response's extensions, so the request log can name it without reading the body.
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            body,
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"riktlinjer\""),
            );
        }
        response.extensions_mut().insert(self.problem);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_type_is_stable_distinct_and_named_in_swedish() {
        let mut uris = std::collections::BTreeSet::new();
        let mut kods = std::collections::BTreeSet::new();
        for problem in Problem::ALL {
            let uri = problem.type_uri();
            assert_eq!(
                uri,
                format!("{PROBLEM_TYPE_PREFIX}{}", problem.kod().replace('_', "-")),
                "{problem:?}"
            );
            assert!(uris.insert(uri) && kods.insert(problem.kod()), "{uri}");
            assert!(
                problem.status().is_client_error() || problem.status().is_server_error(),
                "{problem:?}"
            );
            let title = problem.title();
            assert!(
                title.starts_with(char::is_uppercase) && !title.ends_with('.'),
                "{title}"
            );
        }
    }

    #[test]
    fn the_integration_guide_lists_every_problem_type() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/integration.md");
        let guide = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
        for problem in Problem::ALL {
            let slug = problem.type_uri().trim_start_matches(PROBLEM_TYPE_PREFIX);
            let row = format!(
                "| {} | `{slug}` | `{}` |",
                problem.status().as_u16(),
                problem.kod()
            );
            assert!(guide.contains(&row), "{path} saknar raden {row}");
        }
    }

    #[test]
    fn a_pointer_and_a_parameter_are_told_apart() {
        let body = ApiError::new(Problem::InvalidArende, "x")
            .at("/person/kon")
            .body();
        assert_eq!(
            (body.pointer.as_deref(), body.parameter.as_deref()),
            (Some("/person/kon"), None)
        );
        assert_eq!(body.falt.as_deref(), Some("/person/kon"));
        let body = ApiError::new(Problem::InvalidParameter, "x")
            .at_parameter("as_of")
            .body();
        assert_eq!(
            (body.pointer.as_deref(), body.parameter.as_deref()),
            (None, Some("as_of"))
        );
        assert_eq!(
            (body.status, body.kod.as_str(), body.detail.as_str()),
            (400, "ogiltig_parameter", "x")
        );
    }
}
