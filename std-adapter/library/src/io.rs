//! Files as the library reads and writes them: Swedish words for I/O faults, a byte-order mark
//! skipped, the check that an output is not a file the same command reads, and outputs written
//! under a temporary name and renamed into place when complete ([`AtomicFile`]).
//!
//! Every crate above says "filen finns inte" the same way because it asks [`io_text`]; nothing
//! here opens a file on its own behalf or knows about exit codes.

use crate::texts;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A Swedish text for an I/O error.
pub fn io_text(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => texts::FILEN_ELLER_MAPPEN_FINNS.to_owned(),
        io::ErrorKind::PermissionDenied => texts::BEHORIGHET_SAKNAS.to_owned(),
        io::ErrorKind::InvalidData => texts::FILEN_AR_INTE_GILTIG.to_owned(),
        io::ErrorKind::IsADirectory => texts::AR_EN_MAPP_INTE.to_owned(),
        io::ErrorKind::NotADirectory => texts::EN_DEL_AV_SOKVAGEN.to_owned(),
        io::ErrorKind::AlreadyExists => texts::FINNS_REDAN.to_owned(),
        io::ErrorKind::StorageFull => texts::DISKEN_AR_FULL.to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => texts::FILSYSTEMET_GAR_BARA_ATT.to_owned(),
        io::ErrorKind::FileTooLarge => texts::FILEN_AR_FOR_STOR.to_owned(),
        io::ErrorKind::InvalidFilename => texts::NAMNET_GAR_INTE_ATT.to_owned(),
        io::ErrorKind::ResourceBusy => texts::FILEN_ANVANDS_AV_ETT.to_owned(),
        io::ErrorKind::UnexpectedEof => texts::FILEN_TAR_SLUT_FOR.to_owned(),
        io::ErrorKind::TimedOut => texts::TIDEN_TOG_SLUT.to_owned(),
        io::ErrorKind::Interrupted => "avbröts".to_owned(),
        // The operating system's own words, after a Swedish one, for what is left.
        _ => texts::las_eller_skrivfel(error),
    }
}

/// `text` without a leading UTF-8 byte order mark, which some Windows programs (older
/// Notepad) write at the start of a file and which is no part of its content.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`strip_bom`] for text read whole from a file, without copying it.
pub fn without_bom(mut text: String) -> String {
    let bom = text.len() - strip_bom(&text).len();
    text.drain(..bom);
    text
}

/// Reads a text file whole, skipping a byte-order mark.
///
/// # Errors
/// A [`FileError`] naming the file and the cause in Swedish.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path)
        .map(without_bom)
        .map_err(|source| FileError {
            path: path.to_owned(),
            source,
        })
}

/// An I/O fault on a named file.
#[derive(Debug)]
pub struct FileError {
    /// The file.
    pub path: PathBuf,
    /// The cause.
    pub source: io::Error,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), io_text(&self.source))
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Two names for one file among the files of a command: an output that is also an input (it
/// would be emptied before it is read) or another output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameFile {
    /// The first name (a flag such as `--cases`).
    pub first: String,
    /// The second name.
    pub second: String,
    /// The file both name.
    pub path: PathBuf,
}

impl fmt::Display for SameFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}",
            texts::och_pekar_pa_samma(&self.first, &self.second, self.path.display())
        )
    }
}

impl std::error::Error for SameFile {}

/// The first pair of named files that are the same file, if any.
///
/// `-` (standard in or out) is never a file. Two paths are the same file when they name one
/// existing file (through links or `..` too) or, for a file not yet written, the same place.
///
/// # Errors
/// A [`SameFile`] naming both and the file.
pub fn ensure_distinct_files(files: &[(&str, &Path)]) -> Result<(), SameFile> {
    let place = |path: &Path| -> Option<PathBuf> {
        if path == Path::new("-") {
            return None;
        }
        if let Ok(found) = std::fs::canonicalize(path) {
            return Some(found);
        }
        // Not written yet: its folder's canonical place and its name.
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
    };
    let places: Vec<_> = files
        .iter()
        .map(|(name, path)| (*name, *path, place(path)))
        .collect();
    for (index, (first, _, first_place)) in places.iter().enumerate() {
        for (second, path, second_place) in places.iter().skip(index + 1) {
            if first_place.is_some() && first_place == second_place {
                return Err(SameFile {
                    first: (*first).to_owned(),
                    second: (*second).to_owned(),
                    path: path.to_path_buf(),
                });
            }
        }
    }
    Ok(())
}

/// An output file written under a temporary name in its own folder and renamed into place by
/// [`AtomicFile::commit`] once it is complete.
///
/// A run that fails half-way (a full disk, a fault in the input) leaves the file as it was, or
/// absent, never cut off: the temporary file is removed when the value is dropped without a
/// commit. The rename is atomic because the temporary file is in the same folder.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    temporary: PathBuf,
    file: Option<io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `path`: `.<name>.<process id>.<n>.tmp` beside it.
    ///
    /// # Errors
    /// A [`FileError`] naming `path` when its folder cannot take a new file.
    pub fn create(path: &Path) -> Result<AtomicFile, FileError> {
        let error = |source| FileError {
            path: path.to_owned(),
            source,
        };
        let name = path
            .file_name()
            .ok_or_else(|| error(io::Error::from(io::ErrorKind::InvalidFilename)))?
            .to_string_lossy()
            .into_owned();
        let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
        for n in 0..100 {
            let temporary = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
            match std::fs::File::options()
                .write(true)
                .create_new(true)
                .open(&temporary)
            {
                Ok(file) => {
                    return Ok(AtomicFile {
                        path: path.to_owned(),
                        temporary,
                        file: Some(io::BufWriter::new(file)),
                    });
                }
                Err(source) if source.kind() == io::ErrorKind::AlreadyExists => last = source,
                Err(source) => return Err(error(source)),
            }
        }
        Err(error(last))
    }

    /// Writes out what is buffered, syncs the file and renames it into place.
    ///
    /// # Errors
    /// A [`FileError`] naming the output when the last write, the sync or the rename fails;
    /// the output is then as it was before.
    pub fn commit(mut self) -> Result<(), FileError> {
        let error = |source| FileError {
            path: self.path.clone(),
            source,
        };
        let Some(writer) = self.file.take() else {
            return Err(error(io::Error::from(io::ErrorKind::BrokenPipe)));
        };
        let file = writer
            .into_inner()
            .map_err(|failed| error(failed.into_error()))?;
        file.sync_all().map_err(error)?;
        drop(file);
        std::fs::rename(&self.temporary, &self.path).map_err(error)?;
        // The rename is durable once the folder is synced; a failure here loses nothing that
        // was not already on disk, so it is not reported.
        if let Some(folder) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty())
            && let Ok(folder) = std::fs::File::open(folder)
        {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

impl io::Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(bytes),
            None => Err(io::Error::from(io::ErrorKind::BrokenPipe)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

/// Writes `bytes` to `path` whole or not at all, through an [`AtomicFile`].
///
/// # Errors
/// A [`FileError`] naming `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let mut file = AtomicFile::create(path)?;
    io::Write::write_all(&mut file, bytes).map_err(|source| FileError {
        path: path.to_owned(),
        source,
    })?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped_only_at_the_start() {
        assert_eq!(strip_bom("\u{feff}ab"), "ab");
        assert_eq!(strip_bom("a\u{feff}b"), "a\u{feff}b");
        assert_eq!(without_bom("\u{feff}ab".to_owned()), "ab");
    }

    #[test]
    fn an_output_naming_an_input_is_found() {
        let dir = std::env::temp_dir().join(format!("riktlinjer-io-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let input = dir.join("a.jsonl");
        let _ = std::fs::write(&input, "");
        let through_dots = dir.join("x").join("..").join("a.jsonl");
        let _ = std::fs::create_dir_all(dir.join("x"));
        let same = ensure_distinct_files(&[("--cases", &input), ("--out", &through_dots)]);
        assert_eq!(
            same.map_err(|same| (same.first, same.second)),
            Err(("--cases".to_owned(), "--out".to_owned()))
        );
        let other = dir.join("b.jsonl");
        assert!(ensure_distinct_files(&[("--cases", &input), ("--out", &other)]).is_ok());
        assert!(
            ensure_distinct_files(&[("--out", Path::new("-")), ("--report", Path::new("-"))])
                .is_ok()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_output_is_in_place_whole_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("riktlinjer-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("rapport.html");
        let entries = || std::fs::read_dir(&dir).map_or(0, Iterator::count);
        // Dropped half-way: nothing in place, no temporary file left.
        {
            let file = AtomicFile::create(&path);
            let mut file = file.unwrap_or_else(|error| panic!("{error}"));
            let _ = io::Write::write_all(&mut file, b"<html>halv");
            assert_eq!(entries(), 1);
            assert!(!path.exists());
        }
        assert_eq!(entries(), 0);
        assert!(write_atomically(&path, b"gammal").is_ok());
        // An earlier file stays as it was until the new one is complete.
        let file = AtomicFile::create(&path);
        let mut file = file.unwrap_or_else(|error| panic!("{error}"));
        let _ = io::Write::write_all(&mut file, b"ny");
        assert_eq!(std::fs::read(&path).unwrap_or_default(), b"gammal");
        assert!(file.commit().is_ok());
        assert_eq!(std::fs::read(&path).unwrap_or_default(), b"ny");
        assert_eq!(entries(), 1);
        let missing = write_atomically(&dir.join("finns-inte").join("x"), b"x");
        assert!(missing.is_err_and(|error| error.to_string().contains("finns-inte")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
