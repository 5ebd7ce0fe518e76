//! The handle a caller loads once and evaluates with from any number of threads: every version
//! of a riktlinje, each with its table decoded once.
//!
//! A [`Table`] borrows the bytes it was decoded from. The handle owns both, so it keeps each
//! table with its lifetime widened to `'static` beside the [`Store`] that owns the bytes; the
//! one `unsafe` block of this file says why that holds. Nothing here knows C or JSON: the
//! exported functions in `export.rs` call these, and the choice of version is the CLI's.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};

use riktlinjer_core::{Date, Table};
use riktlinjer_library::store::{Store, Version};

use crate::status::{Failure, Status};
use crate::texts;

/// Every version of one riktlinje, decoded, read-only after loading.
#[derive(Debug)]
pub struct Tables {
    /// One decoded table per version, in the order of `store.versions`. Declared before
    /// `store` so that it is dropped first: each table borrows from `store`'s bytes.
    decoded: Vec<Table<'static>>,
    /// The versions with their bytes; never changed after [`Tables::new`].
    store: Store,
}

impl Tables {
    /// Decodes every version of `store`.
    ///
    /// # Errors
    /// [`Status::InvalidTable`] naming the version's file when a table does not decode.
    pub fn new(store: Store) -> Result<Tables, Failure> {
        on_own_stack(move || Tables::decoded(store))
    }

    /// As [`Tables::new`], on the caller's stack.
    fn decoded(store: Store) -> Result<Tables, Failure> {
        let mut decoded = Vec::with_capacity(store.versions.len());
        for version in &store.versions {
            let table = Table::decode(&version.bytes).map_err(|error| {
                Failure::new(
                    Status::InvalidTable,
                    format!("{}: {error}", version.path.display()),
                )
            })?;
            // SAFETY: the table borrows `version.bytes`, a `Vec<u8>` whose heap buffer does
            // not move when the `Store` holding it moves into the `Tables` below. `store` is
            // private and never changed after this function, so the buffer is neither
            // reallocated nor freed while the table lives; `decoded` is dropped before `store`
            // (field order); and `table()` hands the table out only for the lifetime of
            // `&self`, so the widened lifetime never escapes.
            let table = unsafe { std::mem::transmute::<Table<'_>, Table<'static>>(table) };
            decoded.push(table);
        }
        Ok(Tables { decoded, store })
    }

    /// One version from the bytes of a compiled table, validated.
    ///
    /// # Errors
    /// [`Status::InvalidTable`] when the bytes are not a valid table.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Tables, Failure> {
        on_own_stack(move || Tables::from_bytes_here(bytes))
    }

    /// As [`Tables::from_bytes`], on the caller's stack.
    fn from_bytes_here(bytes: Vec<u8>) -> Result<Tables, Failure> {
        let (riktlinje_id, giltig_fran, status) = {
            let table = Table::decode(&bytes).map_err(|error| {
                Failure::new(Status::InvalidTable, format!("regeltabellen: {error}"))
            })?;
            let meta = table.meta();
            (meta.riktlinje_id.to_owned(), meta.giltig_fran, meta.status)
        };
        Tables::decoded(Store {
            versions: vec![Version {
                path: PathBuf::from("regeltabellen"),
                bytes,
                riktlinje_id,
                giltig_fran,
                status,
            }],
        })
    }

    /// The versions at `path`: a riktlinje source, a compiled table, or a folder of either, as
    /// `riktlinjer eval --rules` reads them.
    ///
    /// # Errors
    /// [`Status::LoadFailed`] with the store's message, which names the file.
    pub fn load(path: &Path) -> Result<Tables, Failure> {
        let path = path.to_owned();
        on_own_stack(move || {
            let store = Store::load(&path)
                .map_err(|error| Failure::new(Status::LoadFailed, error.to_string()))?;
            Tables::decoded(store)
        })
    }

    /// The table to evaluate under on `as_of`: the version named `version`, or else the antagen
    /// version in force that day, with the CLI's messages.
    ///
    /// # Errors
    /// [`Status::NoVersion`] when there is none.
    pub fn choose(&self, as_of: Date, version: Option<&str>) -> Result<&Table<'_>, Failure> {
        let chosen = match version {
            Some(id) => self.store.by_id(id).ok_or_else(|| {
                let known: Vec<&str> = self
                    .store
                    .versions
                    .iter()
                    .map(|version| version.riktlinje_id.as_str())
                    .collect();
                // The id given is not repeated: it may be anything typed in its place.
                Failure::new(
                    Status::NoVersion,
                    texts::version_ingen_version_har(known.join(", ")),
                )
            })?,
            None => self.store.in_force(as_of).ok_or_else(|| {
                Failure::new(Status::NoVersion, texts::ingen_antagen_version_av(as_of))
            })?,
        };
        self.store
            .versions
            .iter()
            .position(|candidate| std::ptr::eq(candidate, chosen))
            .and_then(|index| self.decoded.get(index))
            .ok_or_else(|| Failure::new(Status::Panic, texts::VERSIONEN_SAKNAR_AVKODAD_TABELL))
    }

    /// How many versions there are.
    pub fn len(&self) -> usize {
        self.decoded.len()
    }

    /// Whether there are none (a store is never empty, so this is false for a loaded one).
    pub fn is_empty(&self) -> bool {
        self.decoded.is_empty()
    }
}

/// The stack a load runs on: a decoded table is a value of about 220 KiB that the decoder
/// builds in place and moves, and compiling a source runs its rule tests, so a load needs
/// more stack than a caller's thread may have (a JVM thread has 1 MiB, and a debug build
/// needs more than 2 MiB). An evaluation needs far less and runs on the caller's thread.
#[cfg(not(target_family = "wasm"))]
const LOAD_STACK: usize = 32 << 20;

/// Runs `load` on a thread of its own with [`LOAD_STACK`] bytes of stack, where there are
/// threads; a panic in it comes back as [`Status::Panic`].
#[cfg(not(target_family = "wasm"))]
fn on_own_stack(
    load: impl FnOnce() -> Result<Tables, Failure> + Send + 'static,
) -> Result<Tables, Failure> {
    let thread = std::thread::Builder::new()
        .name("riktlinjer-load".to_owned())
        .stack_size(LOAD_STACK)
        .spawn(load)
        .map_err(|error| {
            Failure::new(Status::LoadFailed, texts::en_trad_for_inlasningen(&error))
        })?;
    thread.join().unwrap_or_else(|_| {
        Err(Failure::new(
            Status::Panic,
            Status::Panic.message().trim_end_matches('\0'),
        ))
    })
}

/// In WebAssembly there are no threads; the module's stack (1 MiB, Rust's default for the
/// target) is enough for a release build.
#[cfg(target_family = "wasm")]
fn on_own_stack(load: impl FnOnce() -> Result<Tables, Failure>) -> Result<Tables, Failure> {
    load()
}

// A handle is shared between threads by the caller; both hold because a `Table` is plain data
// borrowing immutable bytes. Written out so that a change to the core that broke it fails here.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Tables>();
};
