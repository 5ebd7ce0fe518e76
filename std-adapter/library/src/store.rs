//! The version store: every adopted version of a riktlinje, with its giltighet.
//!
//! A store is loaded from a riktlinje source (`.md`), a compiled table (`.bin`) or a folder of
//! sources (`rules/<kommun>/`, one file per version named by its giltig-från date).
//! It picks the version in force on a day: the antagen version with the latest giltig från on
//! or before that day. A förslag is never in force but can be named by its id.
//! Each version keeps its table bytes; the core decodes them on use, borrowing from the store.

use std::fmt;
use std::path::{Path, PathBuf};

use riktlinjer_core::{Date, DecodeError, Status, Table};

use crate::texts;
use riktlinjer_compiler as compile;
use riktlinjer_compiler::diagnostic;

/// One version of a riktlinje.
#[derive(Clone, Debug)]
pub struct Version {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its compiled table.
    pub bytes: Vec<u8>,
    /// Its id.
    pub riktlinje_id: String,
    /// Its first day in force.
    pub giltig_fran: Date,
    /// Antagen or förslag.
    pub status: Status,
}

/// Every version read from one place, in order of giltig från.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// The versions.
    pub versions: Vec<Version>,
}

/// Why a store could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file or folder could not be read.
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A source has errors; `rendered` shows them.
    Diagnostics {
        /// The path.
        path: PathBuf,
        /// The diagnostics, rendered with positions.
        rendered: String,
        /// How many.
        count: usize,
    },
    /// A compiled table is not valid.
    Decode {
        /// The path.
        path: PathBuf,
        /// The cause.
        error: DecodeError,
    },
    /// The folder holds no riktlinje.
    Empty {
        /// The path.
        path: PathBuf,
    },
    /// Two versions have the same id.
    Duplicate {
        /// The id.
        id: String,
        /// The file read first.
        first: PathBuf,
        /// The other file.
        second: PathBuf,
    },
    /// Two antagna versions come into force on the same day, so neither is the one in force.
    SameGiltigFran {
        /// The day.
        giltig_fran: Date,
        /// The file read first.
        first: PathBuf,
        /// The other file.
        second: PathBuf,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, source } => {
                write!(f, "{}: {}", path.display(), crate::io::io_text(source))
            }
            LoadError::Diagnostics {
                path,
                rendered,
                count,
            } => {
                write!(
                    f,
                    "{}",
                    texts::riktlinjen_har_fel_och(path.display(), count, rendered)
                )
            }
            LoadError::Decode { path, error } => write!(f, "{}: {error}", path.display()),
            LoadError::Empty { path } => {
                write!(
                    f,
                    "{}",
                    texts::mappen_innehaller_ingen_riktlinje(path.display())
                )
            }
            LoadError::Duplicate { id, first, second } => write!(
                f,
                "{}",
                texts::och_har_samma_id(first.display(), second.display(), id)
            ),
            LoadError::SameGiltigFran {
                giltig_fran,
                first,
                second,
            } => write!(
                f,
                "{}",
                texts::och_ar_bada_antagna(first.display(), second.display(), giltig_fran)
            ),
        }
    }
}

impl std::error::Error for LoadError {}

impl Version {
    /// The decoded table.
    ///
    /// # Errors
    /// The core's [`DecodeError`] (only for a table file changed after it was loaded).
    pub fn table(&self) -> Result<Table<'_>, DecodeError> {
        Table::decode(&self.bytes)
    }
}

impl Store {
    /// Loads a source, a table or a folder of either.
    ///
    /// # Errors
    /// A [`LoadError`] naming the file.
    pub fn load(path: &Path) -> Result<Store, LoadError> {
        let metadata = std::fs::metadata(path).map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
        let mut store = Store::default();
        if metadata.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| LoadError::Io {
                path: path.to_owned(),
                source,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|file| {
                    let is_source = file.extension().is_some_and(|ext| ext == "md")
                        && file.file_name().is_some_and(|name| name != "README.md");
                    is_source || file.extension().is_some_and(|ext| ext == "bin")
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(LoadError::Empty {
                    path: path.to_owned(),
                });
            }
            for file in files {
                store.versions.push(load_file(&file)?);
            }
        } else {
            store.versions.push(load_file(path)?);
        }
        store.versions.sort_by(|a, b| {
            (a.giltig_fran, &a.riktlinje_id).cmp(&(b.giltig_fran, &b.riktlinje_id))
        });
        store.check()?;
        Ok(store)
    }

    /// Checks that the versions can be told apart: no two share an id, and no two antagna
    /// versions come into force on the same day.
    ///
    /// # Errors
    /// [`LoadError::Duplicate`] or [`LoadError::SameGiltigFran`], naming both files.
    pub fn check(&self) -> Result<(), LoadError> {
        for (index, version) in self.versions.iter().enumerate() {
            for other in self.versions.iter().skip(index + 1) {
                if version.riktlinje_id == other.riktlinje_id {
                    return Err(LoadError::Duplicate {
                        id: version.riktlinje_id.clone(),
                        first: version.path.clone(),
                        second: other.path.clone(),
                    });
                }
                if version.status == Status::Antagen
                    && other.status == Status::Antagen
                    && version.giltig_fran == other.giltig_fran
                {
                    return Err(LoadError::SameGiltigFran {
                        giltig_fran: version.giltig_fran,
                        first: version.path.clone(),
                        second: other.path.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The antagen version in force on `on`.
    pub fn in_force(&self, on: Date) -> Option<&Version> {
        self.versions
            .iter()
            .filter(|version| version.status == Status::Antagen && version.giltig_fran <= on)
            .max_by_key(|version| version.giltig_fran)
    }

    /// The first day an antagen version later than `version` takes over, if one does: the
    /// day after `version` was last in force.
    pub fn superseded(&self, version: &Version) -> Option<Date> {
        self.versions
            .iter()
            .filter(|other| {
                other.status == Status::Antagen && other.giltig_fran > version.giltig_fran
            })
            .map(|other| other.giltig_fran)
            .min()
    }

    /// The version with id `id`, förslag included.
    pub fn by_id(&self, id: &str) -> Option<&Version> {
        self.versions
            .iter()
            .find(|version| version.riktlinje_id == id)
    }
}

/// Reads one file: a source is compiled, a table decoded.
///
/// # Errors
/// As [`Store::load`].
pub fn load_file(path: &Path) -> Result<Version, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let (bytes, identity) = if path.extension().is_some_and(|ext| ext == "bin") {
        (std::fs::read(path).map_err(io)?, None)
    } else {
        let text = crate::io::without_bom(std::fs::read_to_string(path).map_err(io)?);
        let compiled = compile::compile(&text);
        match compiled.bytes {
            // The compiler decoded the table to check it; it is not decoded again here.
            Some(bytes) => (bytes, compiled.identity),
            None => {
                return Err(LoadError::Diagnostics {
                    path: path.to_owned(),
                    rendered: diagnostic::render(
                        &diagnostic::Sources::alone(&path.display().to_string(), &text),
                        &compiled.diagnostics,
                        false,
                    ),
                    count: compiled.diagnostics.len(),
                });
            }
        }
    };
    let compile::Identity {
        riktlinje_id,
        giltig_fran,
        status,
    } = match identity {
        Some(identity) => identity,
        None => {
            compile::Identity::of(&Table::decode(&bytes).map_err(|error| LoadError::Decode {
                path: path.to_owned(),
                error,
            })?)
        }
    };
    Ok(Version {
        path: path.to_owned(),
        bytes,
        riktlinje_id,
        giltig_fran,
        status,
    })
}

/// A citation of a paragraph repealed while a version is in force (`check` warns of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepealedCitation {
    /// The lagrum as the riktlinje writes it.
    pub lagrum: String,
    /// The first day it no longer holds.
    pub fran: Date,
    /// The lagrum an evaluation cites from that day.
    pub i_kraft: String,
    /// The ids of the rules (and insatser) that cite it, in the table's order.
    pub ids: Vec<String>,
}

/// The citations of `table` that the national baseline's map says are repealed on a day the
/// table is in force: from its giltig från until `until` (the day the next version takes over;
/// `None` when none does).
pub fn repealed_citations(table: &Table<'_>, until: Option<Date>) -> Vec<RepealedCitation> {
    use riktlinjer_compiler::compile::paragrafer;
    let map = paragrafer::baseline();
    let from = table.meta().giltig_fran;
    let mut found: Vec<RepealedCitation> = Vec::new();
    let cited = table
        .insatser()
        .iter()
        .map(|insats| (insats.id, insats.lagrum))
        // The baseline's rules follow the law of the day themselves: an old law's rule applies
        // only while that law is in force.
        .chain(
            table
                .rules()
                .iter()
                .filter(|rule| rule.ursprung == riktlinjer_core::Ursprung::Riktlinje)
                .map(|rule| (rule.id, rule.lagrum)),
        )
        .chain(
            table
                .atgard_rules()
                .iter()
                .map(|rule| (rule.id, rule.lagrum)),
        );
    for (id, lagrum) in cited {
        // The latest day the version is in force, or the last day any change in the map takes
        // effect when it stays in force.
        let last = map
            .iter()
            .map(|paragraf| paragraf.fran)
            .max()
            .unwrap_or(from);
        let day = match until {
            Some(until) => match until.add_days(-1) {
                Some(last_in_force) => last_in_force.min(last.max(from)),
                None => continue,
            },
            None => last.max(from),
        };
        if day < from {
            continue;
        }
        let citation = paragrafer::in_force(lagrum, day, map);
        let Some((written, fran)) = citation.i_riktlinjen else {
            continue;
        };
        match found.iter_mut().find(|seen| seen.lagrum == written) {
            Some(seen) => {
                if !seen.ids.iter().any(|seen_id| seen_id == id) {
                    seen.ids.push(id.to_owned());
                }
            }
            None => found.push(RepealedCitation {
                lagrum: written,
                fran,
                i_kraft: citation.lagrum,
                ids: vec![id.to_owned()],
            }),
        }
    }
    found
}
