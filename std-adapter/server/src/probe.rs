//! The health probe: asks a running service for `GET /v1/health` over plain HTTP/1.1, for a
//! container's health check or a monitoring script where no `curl` is at hand.
//!
//! It speaks just enough HTTP for the service's own answer (one request, `Connection: close`,
//! the whole answer read to its end, at most [`MAX_ANSWER_BYTES`]), with a time limit on
//! connecting, writing and reading. It holds no route and no server code.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use riktlinjer_library::io::io_text;

use crate::contract::Health;
use crate::texts;

/// The most of an answer read: the health answer is a few hundred bytes.
const MAX_ANSWER_BYTES: u64 = 64 * 1024;

/// Why the service did not answer healthy.
#[derive(Debug)]
pub enum ProbeError {
    /// No connection, or it broke or timed out.
    Io {
        /// The service's address.
        addr: SocketAddr,
        /// The cause.
        source: io::Error,
    },
    /// An answer that is not `200` with a health body.
    Answer {
        /// The service's address.
        addr: SocketAddr,
        /// What was wrong with it.
        message: String,
    },
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Io { addr, source }
                if source.kind() == io::ErrorKind::ConnectionRefused =>
            {
                write!(f, "{}", texts::ingen_tjanst_lyssnar_pa(addr))
            }
            ProbeError::Io { addr, source }
                if matches!(
                    source.kind(),
                    io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                ) =>
            {
                write!(f, "{}", texts::tjansten_pa_svarade_inte_i(addr))
            }
            ProbeError::Io { addr, source } => {
                write!(f, "{}", texts::tjansten_pa(io_text(source), addr))
            }
            ProbeError::Answer { addr, message } => {
                write!(f, "{}", texts::tjansten_pa_svarade_inte(addr, message))
            }
        }
    }
}

impl std::error::Error for ProbeError {}

/// Asks the service on `addr` for its health, waiting at most `timeout` for each step.
///
/// # Errors
/// A [`ProbeError`] when there is no connection, no answer in time, or an answer other than
/// `200` with `"status": "ok"`.
pub fn probe_health(addr: SocketAddr, timeout: Duration) -> Result<Health, ProbeError> {
    let io_error = |source| ProbeError::Io { addr, source };
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(io_error)?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(io_error)?;
    let request = format!("GET /v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).map_err(io_error)?;
    let mut answer = Vec::new();
    stream
        .take(MAX_ANSWER_BYTES)
        .read_to_end(&mut answer)
        .map_err(io_error)?;
    read_answer(&answer).map_err(|message| ProbeError::Answer { addr, message })
}

/// The health in an HTTP answer, or what is wrong with it.
fn read_answer(answer: &[u8]) -> Result<Health, String> {
    let text = String::from_utf8_lossy(answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return Err(texts::SVARET_AR_INGET_HTTP.to_owned());
    };
    let status = head.lines().next().unwrap_or_default();
    if status.split(' ').nth(1) != Some("200") {
        return Err(texts::statusraden_ar(status));
    }
    let health: Health =
        serde_json::from_str(body).map_err(|_| texts::KROPPEN_AR_INGET_HALSOSVAR.to_owned())?;
    if health.status != "ok" {
        return Err(texts::status_ar(&health.status));
    }
    Ok(health)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_200_with_status_ok_is_healthy() {
        let body = r#"{"status":"ok","versioner":2,"galler_idag":null,"inlast":"t"}"#;
        let ok = format!(
            "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        assert_eq!(
            read_answer(ok.as_bytes()).map(|health| health.versioner),
            Ok(2)
        );
        for (answer, expected) in [
            (
                "HTTP/1.1 503 Service Unavailable\r\n\r\n{}",
                "statusraden är `HTTP/1.1 503 Service Unavailable`",
            ),
            (
                "HTTP/1.1 200 OK\r\n\r\n<html>",
                "kroppen är inget hälsosvar",
            ),
            ("", "svaret är inget HTTP-svar"),
        ] {
            assert_eq!(
                read_answer(answer.as_bytes()).err().as_deref(),
                Some(expected)
            );
        }
    }
}
