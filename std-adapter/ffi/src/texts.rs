//! Every Swedish text the C library gives its caller: the general message of each status and
//! the messages of failures, which name the argument or the step that failed.
//!
//! The words of outcomes, units and frister in an answer are the library's
//! (`riktlinjer_library::texts`); this module holds the C library's own prose, so a reviewer
//! finds it in one place.
//! Messages with parameters are functions that format them; the rest are constants.
//! The sections follow the module that raises each text.

use std::ffi::CStr;
use std::fmt::Display;

use crate::status::Status;

// The texts of `status.rs`.

/// The general message of a status, NUL-terminated for C.
pub(crate) fn status_message(status: Status) -> &'static str {
    match status {
        Status::Ok => "klart\0",
        Status::NullPointer => "en pekare som krävs är null\0",
        Status::InvalidUtf8 => "en text är inte giltig UTF-8\0",
        Status::InvalidTable => "regeltabellen är inte giltig\0",
        Status::LoadFailed => "riktlinjen kunde inte läsas in\0",
        Status::CompileFailed => "riktlinjen har fel och kunde inte kompileras\0",
        Status::InvalidCase => "ärendet är inte giltigt\0",
        Status::InvalidDate => "prövningsdagen är inget datum på formen ÅÅÅÅ-MM-DD\0",
        Status::NoVersion => "ingen version av riktlinjen passar\0",
        Status::EvaluateFailed => "ärendet kunde inte prövas\0",
        Status::BufferTooSmall => "utbufferten är för liten\0",
        Status::Panic => "internt fel i biblioteket; anropet avbröts utan verkan\0",
    }
}

// The texts of `export.rs`.

pub(crate) const OUT_LANGDEN_AR_STORRE: &str = "out: längden är större än något minne";

pub(crate) fn ogiltig_utf(name: impl Display) -> String {
    format!("{name}: ogiltig UTF-8")
}

pub(crate) fn ogiltig_utf_vid_byte(byte: impl Display, name: impl Display) -> String {
    format!("{name}: ogiltig UTF-8 vid byte {byte}")
}

pub(crate) fn langden_ar_storre_an(name: impl Display) -> String {
    format!("{name}: längden är större än något minne")
}

pub(crate) fn pekaren_ar_null(name: impl Display) -> String {
    format!("{name}: pekaren är null")
}

pub(crate) const SVARET_INNEHALLER_EN_NUL: &str = "svaret innehåller en NUL-byte";

pub(crate) const OKAND_STATUSKOD: &CStr = c"okänd statuskod";

// The texts of `run.rs`.

pub(crate) fn kunde_inte_skrivas_i(what: impl Display) -> String {
    format!("{what}: kunde inte skrivas i postcard")
}

pub(crate) fn utbufferten_rymmer_byte_men(
    n_out: impl Display,
    what: impl Display,
    needed: impl Display,
) -> String {
    format!("{what}: utbufferten rymmer {n_out} byte men {needed} behövs")
}

pub(crate) fn provningen(error: impl Display) -> String {
    format!("prövningen: {error}")
}

pub(crate) const ARENDET_BYTENA_AR_INTE: &str =
    "ärendet: bytena är inte ett ärende i postcard (riktlinjer_core::Case)";

pub(crate) fn arendet(error: impl Display) -> String {
    format!("ärendet: {error}")
}

pub(crate) fn riktlinjen_fel_ingen_regeltabell(
    n_diagnostics: impl Display,
    rendered: impl Display,
) -> String {
    format!("{rendered}riktlinjen: {n_diagnostics} fel; ingen regeltabell skrevs")
}

// The texts of `tables.rs`.

pub(crate) fn en_trad_for_inlasningen(error: impl Display) -> String {
    format!("en tråd för inläsningen kunde inte startas: {error}")
}

pub(crate) const VERSIONEN_SAKNAR_AVKODAD_TABELL: &str = "versionen saknar avkodad tabell";

pub(crate) fn ingen_antagen_version_av(as_of: impl Display) -> String {
    format!("ingen antagen version av riktlinjen gäller {as_of}")
}

pub(crate) fn version_ingen_version_har(known: impl Display) -> String {
    format!("version: ingen version har det id som angavs; de som finns är {known}")
}
