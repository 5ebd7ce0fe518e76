//! The audit log's hash chain: the canonical form of a line, the link from one line to the one
//! before it, and the repair of a torn last line when the log is opened.
//!
//! Every line of the audit log is a JSON object written in its canonical form (RFC 8785, the
//! JSON Canonicalization Scheme): object keys sorted, no whitespace, strings as ECMAScript's
//! `JSON.stringify` writes them.
//! The log's lines hold only ASCII keys, strings, booleans and `null`, so for them the scheme is
//! simply: keys sorted by their bytes, no whitespace, and strings escaped only where JSON
//! requires it (`"`, `\`, control characters), with every other character as its UTF-8 bytes.
//! Each line carries in `foregaende` the SHA-256 (64 lowercase hex digits) of the canonical
//! form of the line before it, so a deleted, reordered, duplicated or edited line breaks the
//! chain at the next line; the first line of a new log carries [`GENESIS`], 64 zeros.
//! An outsider can recompute the chain with any JSON canonicaliser and `sha256sum`.
//! This module does not know the fields of a line (`audit` does) or verify a log (`audit` and
//! `verify`): it holds the bytes and the hashes.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::texts;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `foregaende` of the first line of a log that continues no earlier log.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The longest last line the repair reads back to find; a line is a few hundred bytes, an
/// omprövning's a few KiB.
const MAX_TAIL: u64 = 16 * 1024 * 1024;

/// What opening a log found and did.
#[derive(Debug)]
pub struct Opened {
    /// The file, open for appending.
    pub file: File,
    /// Its length: every byte of it is whole lines.
    pub len: u64,
    /// The link hash of its last line, or `None` for an empty file.
    pub head: Option<String>,
    /// Where the torn fragment of a last line was moved, when there was one.
    pub fragment: Option<PathBuf>,
}

/// The canonical bytes of a JSON value: object keys sorted by their UTF-8 bytes, no
/// whitespace, strings and numbers as `serde_json` writes them.
///
/// For the values this crate writes (ASCII keys; strings, booleans, `null`, integers) this is
/// the RFC 8785 form.
/// The hash must not depend on how a map happens to be ordered in this build (serde_json's
/// `preserve_order` feature changes it), so the order is made here.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(2_048);
    write_canonical(value, &mut out);
    out
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The hash that the line after `line` carries in `foregaende`: the SHA-256 of the canonical
/// form of the JSON in `line`, or of its bytes when it is not JSON (so that a chain goes on
/// past a damaged line and the damage is named once).
pub fn link_hash(line: &[u8]) -> String {
    match serde_json::from_slice::<Value>(line) {
        Ok(value) => sha256_hex(&canonical_json(&value)),
        Err(_) => sha256_hex(line),
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        text.push(char::from(b"0123456789abcdef"[usize::from(byte & 0x0f)]));
    }
    text
}

/// Opens (or creates) the log for appending, after repairing a torn last line.
///
/// A log that does not end in a newline was cut in the middle of a write (the process was
/// killed, the disk filled): the bytes after the last newline belong to no answer, since an
/// answer waits for its whole line to be synced. They are copied to a side file next to the
/// log (`<log>.avbruten-<n>`, the first free `n`), which is synced before the log is cut back to
/// its last whole line, so nothing is lost and no new line is ever appended onto a fragment.
///
/// # Errors
/// The I/O error of opening, reading, writing the side file or cutting the log.
pub fn open_repaired(path: &Path) -> io::Result<Opened> {
    let mut file = File::options()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    let len = file.metadata()?.len();
    let (whole, last_line, fragment) = last_line(&mut file, len)?;
    let mut moved = None;
    if let Some(fragment) = fragment {
        let side = side_file(path)?;
        let mut side_file = File::options().write(true).create_new(true).open(&side)?;
        side_file.write_all(&fragment)?;
        side_file.sync_all()?;
        file.set_len(whole)?;
        file.sync_all()?;
        sync_dir(path);
        moved = Some(side);
    }
    // Reading moved the cursor; appending writes at the end regardless.
    file.seek(SeekFrom::End(0))?;
    Ok(Opened {
        file,
        len: whole,
        head: last_line.map(|line| link_hash(&line)),
        fragment: moved,
    })
}

/// The length of a file's whole lines, its last whole line (without the newline), and the
/// bytes after the last newline when the file does not end with one.
type Tail = (u64, Option<Vec<u8>>, Option<Vec<u8>>);

/// The [`Tail`] of `file`, `len` bytes long.
fn last_line(file: &mut File, len: u64) -> io::Result<Tail> {
    let last_newline = rfind_newline(file, len)?;
    let whole = last_newline.map_or(0, |at| at + 1);
    let fragment = (whole < len)
        .then(|| read_range(file, whole, len))
        .transpose()?;
    let last = match last_newline {
        None => None,
        Some(end) => {
            let start = rfind_newline(file, end)?.map_or(0, |at| at + 1);
            Some(read_range(file, start, end)?)
        }
    };
    Ok((whole, last, fragment))
}

/// The offset of the last newline before `end`, read back from `end` in windows.
fn rfind_newline(file: &mut File, end: u64) -> io::Result<Option<u64>> {
    const WINDOW: u64 = 64 * 1024;
    let mut window_end = end;
    let mut buffer = Vec::with_capacity(WINDOW as usize);
    while window_end > 0 {
        let start = window_end.saturating_sub(WINDOW);
        buffer.clear();
        file.seek(SeekFrom::Start(start))?;
        Read::by_ref(file)
            .take(window_end - start)
            .read_to_end(&mut buffer)?;
        if let Some(at) = buffer.iter().rposition(|&byte| byte == b'\n') {
            return Ok(Some(start + at as u64));
        }
        window_end = start;
    }
    Ok(None)
}

/// The bytes from `start` to `end`, at most [`MAX_TAIL`] of them.
fn read_range(file: &mut File, start: u64, end: u64) -> io::Result<Vec<u8>> {
    if end - start > MAX_TAIL {
        return Err(io::Error::other(texts::DEN_SISTA_RADEN_AR));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(end - start).unwrap_or(0));
    file.seek(SeekFrom::Start(start))?;
    Read::by_ref(file)
        .take(end - start)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The first free `<log>.avbruten-<n>`.
fn side_file(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 1..10_000 {
        let candidate = path.with_file_name(format!("{name}.avbruten-{n}"));
        if !candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(io::Error::from(io::ErrorKind::AlreadyExists))
}

/// Syncs the folder of `path`, so that a new side file's name is durable too (best effort).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                // Writing a string or a scalar into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *out, key);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        scalar => {
            let _ = serde_json::to_writer(&mut *out, scalar);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_and_drops_whitespace() {
        let value = json!({"b": [1, {"y": null, "x": "å\"\n\u{1f}"}], "a": true});
        assert_eq!(
            String::from_utf8_lossy(&canonical_json(&value)),
            "{\"a\":true,\"b\":[1,{\"x\":\"å\\\"\\n\\u001f\",\"y\":null}]}"
        );
    }

    #[test]
    fn the_link_is_the_sha256_of_the_canonical_form() {
        // `printf '{"a":1}' | sha256sum`
        let expected = "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862";
        assert_eq!(link_hash(br#"{"a":1}"#), expected);
        assert_eq!(link_hash(br#"{ "a" : 1 }"#), expected);
        assert_eq!(link_hash(b"inte json"), sha256_hex(b"inte json"));
        assert_eq!(GENESIS.len(), 64);
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("riktlinjer-kedja-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir.join("granskning.jsonl")
    }

    #[test]
    fn a_torn_last_line_is_moved_aside_and_cut() {
        let path = scratch("trasig");
        let _ = std::fs::write(&path, "{\"a\":1}\n{\"b\":2}\n{\"c\":");
        let opened = open_repaired(&path);
        let Ok(opened) = opened else {
            panic!("{opened:?}");
        };
        assert_eq!(opened.len, 16);
        assert_eq!(
            opened.head.as_deref(),
            Some(link_hash(b"{\"b\":2}").as_str())
        );
        let side = path.with_file_name("granskning.jsonl.avbruten-1");
        assert_eq!(opened.fragment.as_deref(), Some(side.as_path()));
        assert_eq!(std::fs::read(&side).unwrap_or_default(), b"{\"c\":");
        assert_eq!(
            std::fs::read(&path).unwrap_or_default(),
            b"{\"a\":1}\n{\"b\":2}\n"
        );
        // A second tear goes to the next free side file.
        drop(opened);
        let _ = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(b"x"));
        let again = open_repaired(&path).ok().and_then(|opened| opened.fragment);
        assert_eq!(
            again,
            Some(path.with_file_name("granskning.jsonl.avbruten-2"))
        );
        let _ = std::fs::remove_dir_all(path.parent().unwrap_or(&path));
    }

    #[test]
    fn a_whole_or_empty_or_one_fragment_file_opens_as_it_should() {
        let path = scratch("hel");
        let opened = open_repaired(&path).ok();
        assert_eq!(
            opened
                .as_ref()
                .map(|opened| (opened.len, opened.head.is_none())),
            Some((0, true))
        );
        let _ = std::fs::write(&path, "{\"a\":1}\n");
        let opened = open_repaired(&path).ok();
        assert_eq!(
            opened.map(|opened| (opened.len, opened.head, opened.fragment.is_none())),
            Some((8, Some(link_hash(b"{\"a\":1}")), true))
        );
        let _ = std::fs::write(&path, "{\"a\"");
        let opened = open_repaired(&path).ok();
        assert_eq!(
            opened.map(|opened| (opened.len, opened.head, opened.fragment.is_some())),
            Some((0, None, true))
        );
        // A last line longer than the first window is found whole.
        let long = format!("{{\"a\":\"{}\"}}", "x".repeat(200_000));
        let _ = std::fs::write(&path, format!("{{\"b\":1}}\n{long}\n{{\"c"));
        let opened = open_repaired(&path).ok();
        assert_eq!(
            opened.map(|opened| opened.head),
            Some(Some(link_hash(long.as_bytes())))
        );
        let _ = std::fs::remove_dir_all(path.parent().unwrap_or(&path));
    }
}
