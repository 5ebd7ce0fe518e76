//! Bearer tokens: the tokens file, the check on each request, and `riktlinjer token`.
//!
//! The tokens file holds one caller per line, `namn:sha256hex`: the name that goes into the
//! audit log, and the SHA-256 of the token, never the token itself, so a copy of the file lets
//! no one in.
//! A line may end with a role after a space, which says who the handläggare of a request is
//! (for the audit log and loggkontroll): `handlaggare` for a token that is a handläggare's own
//! (the handläggare is the token's name), `intygar-handlaggare` for a case system that vouches
//! for its signed-in handläggare in the request header [`HANDLAGGARE_HEADER`].
//! A token without a role names no handläggare, and a request that sends the header with it
//! is refused: only a caller the kommun has trusted to vouch may say who is asking.
//! `#` starts a comment line; blank lines are skipped, and so is a UTF-8 byte-order mark at the
//! start (as Windows editors write it).
//! Two callers may not share a token: the audit log could not tell them apart.
//! A file with no caller at all shuts every caller out when the service reads it again, but the
//! service does not start with one (see `http`).
//! A request's token is hashed and compared with every stored hash in constant time, without
//! stopping at the first match, so neither the time nor the order of the file says anything
//! about a token.
//! This module does not decide which routes need a token; `http` does.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use riktlinjer_library::io::io_text;
use riktlinjer_library::render::hash_hex;

use crate::AppState;
use crate::error::ApiError;
use crate::texts;

/// The request header in which a case system with the role `intygar-handlaggare` names the
/// handläggare it has signed in.
pub const HANDLAGGARE_HEADER: &str = "riktlinjer-handlaggare";

/// The longest handläggare identity taken from the header.
pub(crate) const MAX_HANDLAGGARE_LEN: usize = 64;

/// The callers allowed in: each token's name, the SHA-256 of the token and its role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    entries: Vec<(String, [u8; 32], Role)>,
}

/// What a token says about the handläggare of a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    /// A system's token; it names no handläggare and may not send the header.
    #[default]
    System,
    /// A handläggare's own token: the handläggare is the token's name.
    Handlaggare,
    /// A case system that vouches for its handläggare in [`HANDLAGGARE_HEADER`].
    IntygarHandlaggare,
}

/// Who a request was let in as, for the audit log: the token's name and the handläggare.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Caller {
    /// The token's name, or `None` when the service runs without tokens.
    pub anropare: Option<String>,
    /// The handläggare, from the token's role or the header the caller vouches for.
    pub handlaggare: Option<String>,
}

/// Why a tokens file cannot be used.
#[derive(Debug)]
pub enum TokensError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// A line is not `namn:sha256hex`.
    Line {
        /// The file.
        path: PathBuf,
        /// The line (from 1).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file names no caller.
    Empty {
        /// The file.
        path: PathBuf,
    },
}

impl fmt::Display for TokensError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokensError::Io { path, source } => {
                write!(f, "tokenfilen {}: {}", path.display(), io_text(source))
            }
            TokensError::Line {
                path,
                line,
                message,
            } => write!(f, "tokenfilen {}:{line}: {message}", path.display()),
            TokensError::Empty { path } => write!(
                f,
                "{}",
                texts::tokenfilen_innehaller_inga_anropare(path.display())
            ),
        }
    }
}

impl std::error::Error for TokensError {}

impl Tokens {
    /// Reads a tokens file to start the service with: it must name at least one caller.
    ///
    /// # Errors
    /// A [`TokensError`] naming the file and line, or [`TokensError::Empty`].
    pub fn load(path: &Path) -> Result<Tokens, TokensError> {
        let tokens = Tokens::reload(path)?;
        if tokens.is_empty() {
            return Err(TokensError::Empty {
                path: path.to_owned(),
            });
        }
        Ok(tokens)
    }

    /// Reads a tokens file again while the service runs; a file with no caller (emptied, or
    /// every line commented out) gives the empty set, which lets no one in: an operator who
    /// removes the last caller means that nobody may call.
    ///
    /// # Errors
    /// A [`TokensError`] naming the file and line when the file cannot be read or a line is
    /// malformed.
    pub fn reload(path: &Path) -> Result<Tokens, TokensError> {
        let text = std::fs::read_to_string(path).map_err(|source| TokensError::Io {
            path: path.to_owned(),
            source,
        })?;
        Tokens::parse(&text).map_err(|(line, message)| TokensError::Line {
            path: path.to_owned(),
            line,
            message,
        })
    }

    /// Whether no caller is let in.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Parses the text of a tokens file.
    ///
    /// # Errors
    /// The line (from 1) and a Swedish message.
    pub fn parse(text: &str) -> Result<Tokens, (usize, String)> {
        let text = riktlinjer_library::io::strip_bom(text);
        let mut entries: Vec<(String, [u8; 32], Role)> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (line, role) = match line.rsplit_once(char::is_whitespace) {
                // A space inside `namn:hash` is a fault of the name, named as such below.
                None => (line, Role::System),
                Some((_, rest)) if rest.contains(':') => (line, Role::System),
                Some((entry, role)) => match role {
                    "handlaggare" => (entry.trim_end(), Role::Handlaggare),
                    "intygar-handlaggare" => (entry.trim_end(), Role::IntygarHandlaggare),
                    _ => {
                        return Err((line_no, texts::EFTER_TOKENETS_HASH_FAR.to_owned()));
                    }
                },
            };
            let Some((namn, hex)) = line.rsplit_once(':') else {
                return Err((line_no, texts::RADEN_SKA_VARA_NAMN.to_owned()));
            };
            if let Err(message) = check_name(namn) {
                return Err((line_no, message));
            }
            let Some(hash) = parse_hash(hex) else {
                return Err((line_no, texts::EFTER_SKA_TOKENETS_SHA.to_owned()));
            };
            if entries.iter().any(|(other, _, _)| other == namn) {
                return Err((line_no, texts::namnet_finns_redan_pa(namn)));
            }
            let shared = entries
                .iter()
                .zip(&lines)
                .find(|((_, other, _), _)| *other == hash);
            if let Some(((other, _, _), other_line)) = shared {
                return Err((
                    line_no,
                    texts::rad_har_samma_token(namn, line_no, other, other_line),
                ));
            }
            entries.push((namn.to_owned(), hash, role));
            lines.push(line_no);
        }
        Ok(Tokens { entries })
    }

    /// The name of the caller whose token this is.
    pub fn caller(&self, token: &str) -> Option<&str> {
        self.lookup(token).map(|(namn, _)| namn)
    }

    /// The name and role of the caller whose token this is.
    pub fn lookup(&self, token: &str) -> Option<(&str, Role)> {
        let presented = riktlinjer_core::sha256(token.as_bytes());
        let mut found = None;
        for (namn, stored, role) in &self.entries {
            // Every entry is compared in full, whatever matched before.
            if constant_time_eq(&presented, stored) {
                found = Some((namn.as_str(), *role));
            }
        }
        found
    }
}

/// The middleware that lets a request in with a valid bearer token, or answers 401.
///
/// Without a tokens file (`--insecure-no-auth`, loopback only) every request is let in with no
/// caller name.
pub async fn require_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let tokens = state.shared.tokens.load();
    let header = request.headers().get(HANDLAGGARE_HEADER);
    let vouched = match header.map(|value| handlaggare_of(value.as_bytes())) {
        None => None,
        Some(Ok(handlaggare)) => Some(handlaggare),
        Some(Err(message)) => return unauthorized(message).into_response(),
    };
    let caller = match tokens.as_ref() {
        // Without tokens (loopback only) there is no one to trust more than another.
        None => Caller {
            anropare: None,
            handlaggare: vouched,
        },
        Some(tokens) => {
            let presented = request
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .and_then(bearer_token);
            let Some((namn, role)) = presented.and_then(|token| tokens.lookup(token)) else {
                return ApiError::unauthorized().into_response();
            };
            let handlaggare = match (role, vouched) {
                (Role::Handlaggare, None) => Some(namn.to_owned()),
                (Role::IntygarHandlaggare, vouched) => vouched,
                (Role::System, None) => None,
                (Role::Handlaggare | Role::System, Some(_)) => {
                    return unauthorized(texts::tokenet_far_inte_ange()).into_response();
                }
            };
            Caller {
                anropare: Some(namn.to_owned()),
                handlaggare,
            }
        }
    };
    request.extensions_mut().insert(caller.clone());
    let mut response = next.run(request).await;
    // The request log, outside this middleware, names the caller from the answer.
    response.extensions_mut().insert(caller);
    response
}

/// A 401 with its own detail.
fn unauthorized(detail: String) -> ApiError {
    let mut error = ApiError::unauthorized();
    error.detail = detail;
    error
}

/// The handläggare named in the header: UTF-8, 1 to 64 letters, digits, `-`, `_`, `.` or `@`.
/// The message names the header and what is allowed, never the value.
fn handlaggare_of(value: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(value)
        .ok()
        .map(str::trim)
        .filter(|text| {
            !text.is_empty()
                && text.chars().count() <= MAX_HANDLAGGARE_LEN
                && text
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
        });
    text.map(str::to_owned)
        .ok_or_else(texts::rubriken_ska_vara_en)
}

fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|token| !token.is_empty())
}

fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let difference = a
        .iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}

fn check_name(namn: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    if namn.is_empty() {
        Err(texts::NAMNET_FORE_SAKNAS.to_owned())
    } else if !namn.chars().all(allowed) {
        Err(texts::namnet_far_bara_innehalla(namn))
    } else {
        Ok(())
    }
}

fn parse_hash(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut hash = [0u8; 32];
    for (byte, pair) in hash.iter_mut().zip(hex.chunks_exact(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(text, 16).ok()?;
    }
    Some(hash)
}

/// Why no token could be made.
#[derive(Debug)]
pub enum NewTokenError {
    /// The caller's name cannot be used (the message says why).
    Name(String),
    /// The system gave no randomness.
    Random(String),
}

impl fmt::Display for NewTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewTokenError::Name(message) => write!(f, "--namn: {message}"),
            NewTokenError::Random(message) => {
                write!(f, "{}", texts::kunde_inte_hamta_slumptal(message))
            }
        }
    }
}

impl std::error::Error for NewTokenError {}

/// A new token for one caller.
#[derive(Debug)]
pub struct NewToken {
    /// The token itself, to give to the caller once and keep nowhere else.
    pub token: String,
    /// Its line in the tokens file: `namn:sha256hex`, with the role after a space.
    pub line: String,
}

/// A new random token for the caller `namn`, and the tokens-file line that lets it in.
///
/// # Errors
/// A [`NewTokenError`] for a name that cannot be used or when the system has no randomness.
pub fn new_token(namn: &str, role: Role) -> Result<NewToken, NewTokenError> {
    check_name(namn).map_err(NewTokenError::Name)?;
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|error| NewTokenError::Random(error.to_string()))?;
    let token = format!("rk_{}", hash_hex(&secret));
    let hash = hash_hex(&riktlinjer_core::sha256(token.as_bytes()));
    let role = match role {
        Role::System => "",
        Role::Handlaggare => " handlaggare",
        Role::IntygarHandlaggare => " intygar-handlaggare",
    };
    Ok(NewToken {
        line: format!("{namn}:{hash}{role}"),
        token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_file_lines() {
        let hash = hash_hex(&riktlinjer_core::sha256(b"hemligt"));
        let text = format!("# anropare\n\nlifecare:{hash}\n");
        let tokens = Tokens::parse(&text).unwrap_or_default();
        assert_eq!(tokens.caller("hemligt"), Some("lifecare"));
        assert_eq!(tokens.caller("hemligT"), None);
        assert_eq!(tokens.caller(""), None);
        let faults = [
            ("lifecare", 1, "saknar `:`"),
            (":abc", 1, "namnet före `:` saknas"),
            ("life care:00", 1, "får bara innehålla"),
            ("lifecare:00", 1, "64 hexadecimala"),
        ];
        for (text, line, fragment) in faults {
            let error = Tokens::parse(text).err().unwrap_or_default();
            assert_eq!(error.0, line, "{text}");
            assert!(error.1.contains(fragment), "{text}: {}", error.1);
        }
        let twice = format!("a:{hash}\na:{hash}");
        assert_eq!(Tokens::parse(&twice).err().map(|error| error.0), Some(2));
    }

    #[test]
    fn two_callers_with_one_token_are_refused_naming_both_lines() {
        let hash = hash_hex(&riktlinjer_core::sha256(b"hemligt"));
        let text = format!("lifecare:{hash}\n# kopia\ntreserva:{hash}\n");
        let error = Tokens::parse(&text).err().unwrap_or_default();
        assert_eq!(error.0, 3);
        assert!(
            error
                .1
                .contains("`treserva` (rad 3) har samma token som `lifecare` (rad 1)"),
            "{}",
            error.1
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_first_caller_is_skipped() {
        let hash = hash_hex(&riktlinjer_core::sha256(b"hemligt"));
        let tokens = Tokens::parse(&format!("\u{feff}test:{hash}\n"));
        assert_eq!(
            tokens.map(|tokens| tokens.caller("hemligt").map(str::to_owned)),
            Ok(Some("test".to_owned()))
        );
    }

    #[test]
    fn a_file_without_callers_reloads_as_nobody_but_does_not_start() {
        let dir = std::env::temp_dir().join(format!("riktlinjer-tomma-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("tokens");
        let _ = std::fs::write(&path, "# alla borttagna\n\n");
        let reloaded = Tokens::reload(&path);
        let started = Tokens::load(&path);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(reloaded.is_ok_and(|tokens| tokens.is_empty()));
        assert!(matches!(started, Err(TokensError::Empty { .. })));
    }

    #[test]
    fn a_line_may_end_with_the_role_of_the_token() {
        let hash = hash_hex(&riktlinjer_core::sha256(b"hemligt"));
        let other = hash_hex(&riktlinjer_core::sha256(b"annat"));
        let third = hash_hex(&riktlinjer_core::sha256(b"tredje"));
        let text = format!(
            "anna.svensson:{hash} handlaggare\nlifecare:{other}  intygar-handlaggare\nbatch:{third}\n"
        );
        let tokens = Tokens::parse(&text).unwrap_or_default();
        assert_eq!(
            tokens.lookup("hemligt"),
            Some(("anna.svensson", Role::Handlaggare))
        );
        assert_eq!(
            tokens.lookup("annat"),
            Some(("lifecare", Role::IntygarHandlaggare))
        );
        assert_eq!(tokens.lookup("tredje"), Some(("batch", Role::System)));
        let error = Tokens::parse(&format!("a:{hash} chef"))
            .err()
            .unwrap_or_default();
        assert_eq!(error.0, 1);
        assert!(error.1.contains("rollen"), "{}", error.1);
        let made = new_token("anna", Role::Handlaggare).map(|token| token.line);
        assert!(made.is_ok_and(|line| line.ends_with(" handlaggare")));
    }

    #[test]
    fn the_handlaggare_header_is_an_identity_never_echoed() {
        assert_eq!(
            handlaggare_of(b" anna.svensson@kommun "),
            Ok("anna.svensson@kommun".to_owned())
        );
        assert_eq!(
            handlaggare_of("Åsa-Öberg".as_bytes()),
            Ok("Åsa-Öberg".to_owned())
        );
        for bad in [&b""[..], b"19470815-9882 x", b"\xff", &[b'a'; 65][..]] {
            let message = handlaggare_of(bad).err().unwrap_or_default();
            assert!(message.contains(HANDLAGGARE_HEADER), "{message}");
            assert!(!message.contains("9882"), "{message}");
        }
    }

    #[test]
    fn bearer_header_forms() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
    }
}
