//! Pseudonymous case references for the audit log: HMAC-SHA-256 (RFC 2104) of the case id,
//! keyed with a secret the kommun holds.
//!
//! The key file holds 32 random bytes as 64 hex digits on one line (`riktlinjer nyckel`
//! makes one); a line starting with `#` and blank lines are skipped.
//! Without the key a reference says nothing: a case id, even a personnummer used as one,
//! cannot be found by hashing every candidate, as it could from a plain hash.
//! With the key, whoever holds it (the kommun's loggkontroll) can compute the reference of a
//! case and find its lines.
//! Every line also names its key by [`CaseKey::id`], the first 16 hex digits of the key's own
//! SHA-256, so a log written across a key rotation says which key each line needs.
//! This module does not write or read the log.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use riktlinjer_library::io::io_text;
use sha2::Sha256;

use crate::chain::{hex, sha256_hex};
use crate::texts;

/// A key for case references, and its id.
#[derive(Clone)]
pub struct CaseKey {
    key: [u8; 32],
    id: String,
}

/// Why a key file cannot be used.
#[derive(Debug)]
pub enum KeyError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file holds no key of the right form.
    Form {
        /// The file.
        path: PathBuf,
    },
}

impl fmt::Debug for CaseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key itself never reaches a log or a panic message.
        f.debug_struct("CaseKey").field("id", &self.id).finish()
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Io { path, source } => {
                write!(f, "nyckelfilen {}: {}", path.display(), io_text(source))
            }
            KeyError::Form { path } => {
                write!(f, "{}", texts::nyckelfilen_ska_innehalla_en(path.display()))
            }
        }
    }
}

impl std::error::Error for KeyError {}

impl CaseKey {
    /// Reads a key file.
    ///
    /// # Errors
    /// A [`KeyError`] naming the file; the message never repeats the file's content.
    pub fn load(path: &Path) -> Result<CaseKey, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            path: path.to_owned(),
            source,
        })?;
        CaseKey::parse(&text).ok_or_else(|| KeyError::Form {
            path: path.to_owned(),
        })
    }

    /// The key in the text of a key file, or `None` when there is not exactly one line of 64
    /// hex digits.
    pub fn parse(text: &str) -> Option<CaseKey> {
        let mut lines = riktlinjer_library::io::strip_bom(text)
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'));
        let line = lines.next()?;
        if lines.next().is_some() || line.len() != 64 {
            return None;
        }
        let mut key = [0u8; 32];
        for (byte, pair) in key.iter_mut().zip(line.as_bytes().chunks_exact(2)) {
            *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
        }
        let id = sha256_hex(&key)[..16].to_owned();
        Some(CaseKey { key, id })
    }

    /// The key's id, which every line keyed with it carries.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The reference of the case `arende_id`: HMAC-SHA-256 under this key, as 64 hex digits.
    pub fn reference(&self, arende_id: &str) -> String {
        // HMAC takes a key of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return String::new();
        };
        mac.update(arende_id.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// The text of a new key file: a comment and 32 random bytes as hex.
///
/// # Errors
/// The system's message when it gives no randomness.
pub fn new_key_file() -> Result<String, String> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|error| error.to_string())?;
    Ok(texts::nyckel_for_granskningsloggens_arendereferenser(hex(
        &key,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_is_hmac_sha256_of_the_case_id() {
        // RFC 4231, test case 2 has a short key; this key is 32 bytes of 0x0b, and the value
        // below was computed with `openssl dgst -sha256 -mac hmac -macopt hexkey:0b…0b`.
        let key = CaseKey::parse(&"0b".repeat(32));
        let Some(key) = key else {
            panic!("nyckeln kunde inte läsas");
        };
        assert_eq!(
            key.reference("Hi There"),
            "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"
        );
        assert_eq!(key.id().len(), 16);
        assert!(!format!("{key:?}").contains("0b0b"));
    }

    #[test]
    fn a_key_file_is_one_line_of_64_hex_digits() {
        let key = "ab".repeat(32);
        assert!(CaseKey::parse(&format!("# kommentar\n\n{key}\n")).is_some());
        assert!(CaseKey::parse(&key[..62]).is_none());
        assert!(CaseKey::parse(&format!("{key}\n{key}")).is_none());
        assert!(CaseKey::parse(&"zz".repeat(32)).is_none());
        assert!(CaseKey::parse("").is_none());
        let made = new_key_file().unwrap_or_default();
        let parsed = CaseKey::parse(&made);
        assert!(parsed.is_some(), "{made}");
    }
}
