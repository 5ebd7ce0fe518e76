//! The API's error answers: an HTTP status, a stable code, a Swedish message, and the field.
//!
//! Every error the service gives is one JSON object, `{"kod", "meddelande", "falt"}`, where
//! `falt` is the JSON pointer (RFC 6901) of the faulty field in the request body, or the name of
//! the faulty query parameter, or `null`.
//! Faults in the request are 4xx; only the service's own faults (the audit log cannot be
//! written) are 5xx.
//! This module holds the error value and its mapping to a response, not the checks that raise it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use riktlinjer_library::case::InputError;

/// An error answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// The HTTP status.
    #[serde(skip)]
    pub status: StatusCode,
    /// A stable code a program can branch on (`ogiltigt_arende`).
    pub kod: &'static str,
    /// What is wrong, in Swedish, for a person.
    pub meddelande: String,
    /// The faulty field: a JSON pointer into the body, or a query parameter's name.
    pub falt: Option<String>,
}

impl ApiError {
    /// An error without a field.
    pub fn new(status: StatusCode, kod: &'static str, meddelande: impl Into<String>) -> ApiError {
        ApiError {
            status,
            kod,
            meddelande: meddelande.into(),
            falt: None,
        }
    }

    /// The same error, naming the field.
    pub fn at(mut self, falt: impl Into<String>) -> ApiError {
        self.falt = Some(falt.into());
        self
    }

    /// A case that could not be read: malformed JSON is 400, a faulty field 422.
    pub fn from_input(error: InputError) -> ApiError {
        if error.syntax {
            ApiError::new(StatusCode::BAD_REQUEST, "ogiltig_json", error.message).at("")
        } else {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "ogiltigt_arende",
                error.message,
            )
            .at(error.pointer)
        }
    }

    /// No or a wrong bearer token.
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "obehorig",
            "giltigt token saknas; skicka rubriken `Authorization: Bearer <token>`",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"riktlinjer\""),
            );
        }
        response
    }
}
