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
///
/// An output that is no regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written
/// straight into: it cannot be replaced whole, and a file renamed over a device would put a
/// regular file in its place for every other program on the machine.
///
/// A large output is synced to disk while it is written, not only at the end: once
/// [`SYNC_EVERY`] bytes have been written since the last sync began, a thread of the file's own
/// syncs what is written so far, while the caller goes on writing. The commit then waits for
/// that thread and syncs only the rest. A worklist of 600 MB is written while the cases are
/// still being weighed, instead of after them.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    /// The temporary file renamed into place; `None` for an output written straight into.
    temporary: Option<PathBuf>,
    file: Option<io::BufWriter<std::fs::File>>,
    /// Bytes written since the last sync began.
    unsynced: u64,
    /// Bytes written between two syncs in the background.
    sync_every: u64,
    /// The thread syncing in the background, once the first sync has begun.
    writeback: Option<Writeback>,
}

/// Bytes an [`AtomicFile`] writes before it syncs them in the background: large enough that a
/// report of a few megabytes is synced once, at its commit, and small enough that little is
/// left to sync at the end of a large one.
pub const SYNC_EVERY: u64 = 32 * 1024 * 1024;

/// A thread that syncs a file each time it is told to, and ends when its sender is dropped,
/// giving the first fault of a sync (the commit reports it) and how many syncs it made.
#[derive(Debug)]
struct Writeback {
    signal: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<io::Result<u64>>,
}

impl Writeback {
    /// A thread syncing `file`, a handle of its own to the file written; `None` when the
    /// handle or the thread cannot be had, and the commit then syncs the whole file.
    fn start(file: &std::fs::File) -> Option<Writeback> {
        let file = file.try_clone().ok()?;
        // One signal waiting is enough: the sync it starts covers everything written before.
        let (signal, signals) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("riktlinjer-sync".to_owned())
            .spawn(move || {
                let mut syncs = 0u64;
                for () in signals {
                    file.sync_data()?;
                    syncs += 1;
                }
                Ok(syncs)
            })
            .ok()?;
        Some(Writeback { signal, thread })
    }

    /// Asks for a sync of everything written so far; one already asked for and not begun
    /// covers it.
    fn request(&self) {
        // Full: a sync not yet begun will cover these bytes. Gone: the thread stopped at a
        // fault, which the commit reports.
        let _ = self.signal.try_send(());
    }

    /// Waits for the syncs asked for; gives how many were made, or the first fault.
    fn finish(self) -> io::Result<u64> {
        let Writeback { signal, thread } = self;
        drop(signal);
        thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other(texts::SYNKNINGEN_AVBROTS)))
    }
}

impl AtomicFile {
    /// Creates the temporary file for `path`: `.<name>.<process id>.<n>.tmp` beside it; or,
    /// when `path` is a device or a pipe, opens `path` itself.
    ///
    /// # Errors
    /// A [`FileError`] naming `path` when its folder cannot take a new file.
    pub fn create(path: &Path) -> Result<AtomicFile, FileError> {
        let error = |source| FileError {
            path: path.to_owned(),
            source,
        };
        if std::fs::metadata(path).is_ok_and(|found| !found.is_file() && !found.is_dir()) {
            let file = std::fs::File::options()
                .write(true)
                .open(path)
                .map_err(error)?;
            return Ok(AtomicFile::writing(path, None, file));
        }
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
                    return Ok(AtomicFile::writing(path, Some(temporary), file));
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
    pub fn commit(self) -> Result<(), FileError> {
        self.commit_counting().map(|_| ())
    }

    /// [`AtomicFile::commit`], giving how many syncs were made in the background before it.
    fn commit_counting(mut self) -> Result<u64, FileError> {
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
        // A device or a pipe was written straight into: all of it has been handed over.
        let Some(temporary) = self.temporary.take() else {
            return Ok(0);
        };
        let synced = match self.writeback.take() {
            Some(writeback) => writeback.finish().map_err(error)?,
            None => 0,
        };
        file.sync_all().map_err(error)?;
        drop(file);
        std::fs::rename(&temporary, &self.path).map_err(error)?;
        // The rename is durable once the folder is synced; a failure here loses nothing that
        // was not already on disk, so it is not reported.
        if let Some(folder) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty())
            && let Ok(folder) = std::fs::File::open(folder)
        {
            let _ = folder.sync_all();
        }
        Ok(synced)
    }

    /// An output to `path` written into `file`, the temporary file `temporary` or, without
    /// one, `path` itself.
    fn writing(path: &Path, temporary: Option<PathBuf>, file: std::fs::File) -> AtomicFile {
        AtomicFile {
            path: path.to_owned(),
            temporary,
            file: Some(io::BufWriter::new(file)),
            unsynced: 0,
            sync_every: SYNC_EVERY,
            writeback: None,
        }
    }

    /// Hands what is written to the operating system and has it synced in the background; an
    /// output written straight into (a device, a pipe) is not synced.
    fn sync_in_background(&mut self) -> io::Result<()> {
        let (Some(file), Some(_)) = (&mut self.file, &self.temporary) else {
            return Ok(());
        };
        io::Write::flush(file)?;
        if self.writeback.is_none() {
            self.writeback = Writeback::start(file.get_ref());
        }
        if let Some(writeback) = &self.writeback {
            writeback.request();
        }
        Ok(())
    }
}

impl io::Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = match &mut self.file {
            Some(file) => file.write(bytes)?,
            None => return Err(io::Error::from(io::ErrorKind::BrokenPipe)),
        };
        self.unsynced = self.unsynced.saturating_add(written as u64);
        if self.unsynced >= self.sync_every {
            self.unsynced = 0;
            self.sync_in_background()?;
        }
        Ok(written)
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
            // The syncing thread is let finish first, so that no thread is left behind
            // holding the file removed.
            if let Some(writeback) = self.writeback.take() {
                let _ = writeback.finish();
            }
            if let Some(temporary) = &self.temporary {
                let _ = std::fs::remove_file(temporary);
            }
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

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_into_and_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        let is_device =
            || std::fs::metadata(null).is_ok_and(|found| found.file_type().is_char_device());
        assert!(
            is_device(),
            "the machine's /dev/null is a device to begin with"
        );
        let folder_entries = || std::fs::read_dir("/dev").map_or(0, Iterator::count);
        let before = folder_entries();
        // Committed, past the size that starts syncs: still the device, and nothing left in
        // its folder.
        let mut file = AtomicFile::create(null).unwrap_or_else(|error| panic!("{error}"));
        file.sync_every = 16 * 1024;
        for _ in 0..64 {
            io::Write::write_all(&mut file, &[b'x'; 1024])
                .unwrap_or_else(|error| panic!("{error}"));
        }
        assert!(file.writeback.is_none());
        assert_eq!(file.commit_counting().ok(), Some(0));
        assert!(is_device());
        // Dropped without a commit: the device is not removed.
        let mut file = AtomicFile::create(null).unwrap_or_else(|error| panic!("{error}"));
        let _ = io::Write::write_all(&mut file, b"halv");
        drop(file);
        assert!(is_device());
        assert_eq!(folder_entries(), before);
        assert!(write_atomically(null, b"hela").is_ok());
        assert!(is_device());
    }

    #[test]
    fn a_large_output_is_synced_while_it_is_written_and_committed_whole() {
        let dir = std::env::temp_dir().join(format!("riktlinjer-sync-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
        let path = dir.join("andringar.jsonl");
        let entries = || std::fs::read_dir(&dir).map_or(0, Iterator::count);
        let line: Vec<u8> = (0..1_000u32).flat_map(|n| n.to_le_bytes()).collect();
        let write = |file: &mut AtomicFile, times: usize| {
            for _ in 0..times {
                io::Write::write_all(file, &line).unwrap_or_else(|error| panic!("{error}"));
            }
        };

        // Past the threshold many times over: the syncs run while the writing goes on, and
        // the file in place is every byte written, in order.
        let mut file = AtomicFile::create(&path).unwrap_or_else(|error| panic!("{error}"));
        file.sync_every = 16 * 1024;
        write(&mut file, 100);
        assert!(!path.exists(), "nothing is in place before the commit");
        let synced = file
            .commit_counting()
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(synced >= 1, "{synced} syncs in the background");
        let written = std::fs::read(&path).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(written.len(), 100 * line.len());
        assert!(
            written
                .chunks(line.len())
                .all(|chunk| chunk == line.as_slice())
        );

        // Below it: no thread, one sync at the commit.
        let mut file = AtomicFile::create(&path).unwrap_or_else(|error| panic!("{error}"));
        write(&mut file, 2);
        assert!(file.writeback.is_none());
        assert_eq!(file.commit_counting().ok(), Some(0));
        assert_eq!(std::fs::metadata(&path).map(|m| m.len()).ok(), Some(8_000));

        // Dropped half-way with syncs under way: the earlier file stays, and no temporary
        // file is left.
        let mut file = AtomicFile::create(&path).unwrap_or_else(|error| panic!("{error}"));
        file.sync_every = 16 * 1024;
        write(&mut file, 50);
        assert!(file.writeback.is_some());
        drop(file);
        assert_eq!(entries(), 1);
        assert_eq!(std::fs::metadata(&path).map(|m| m.len()).ok(), Some(8_000));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
