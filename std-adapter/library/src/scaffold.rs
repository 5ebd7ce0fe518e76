//! A new riktlinje to start from: what `riktlinjer ny <kommun>` writes.
//!
//! The text builds on the national baseline (`bygger_på: sverige`), so the law's own rules and
//! the fact catalogue come with it; it has the sections a riktlinje has and one example of each
//! kind of block (fakta, parameter, insats, regel, schablon, egenskap, regeltest), and `check`
//! passes it as it stands. Its status is `förslag`: nothing in it is a norm until the authors
//! have written their own and the nämnd has adopted them. The figures in it are placeholders,
//! each marked so.
//! This module does not know the CLI or the file system: it gives the text and the path it
//! belongs at.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::texts;
use riktlinjer_core::Date;

/// What a new riktlinje is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ny {
    /// The kommun's name as people write it (`Ödeshögs kommun`).
    pub kommun: String,
    /// The nämnd that adopts it.
    pub namnd: String,
    /// The first day it is meant to apply.
    pub giltig_fran: Date,
}

/// A fault in what the new riktlinje is to be made from, naming the flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NyError {
    /// The input at fault (`kommun`, `--namnd`).
    pub field: &'static str,
    /// What is wrong, in Swedish.
    pub message: String,
}

impl std::fmt::Display for NyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for NyError {}

impl Ny {
    /// Checks the names: a name is written by a person and shown in every evaluation, so it
    /// must be a plain line of text.
    ///
    /// # Errors
    /// A [`NyError`] naming the input when a name is empty, too long, or has a character that
    /// is no letter, digit, space, hyphen or period.
    pub fn new(kommun: &str, namnd: &str, giltig_fran: Date) -> Result<Ny, NyError> {
        let kommun = checked_name("kommun", kommun)?;
        let namnd = checked_name("--namnd", namnd)?;
        if id_of(&kommun).is_empty() {
            return Err(NyError {
                field: "kommun",
                message: texts::NAMNET_HAR_INGA_BOKSTAVER.to_owned(),
            });
        }
        Ok(Ny {
            kommun,
            namnd,
            giltig_fran,
        })
    }

    /// The riktlinje's id: the kommun's folded name and the first day (`odeshogs-kommun-2026-01-01`).
    pub fn riktlinje_id(&self) -> String {
        format!("{}-{}", id_of(&self.kommun), self.giltig_fran)
    }

    /// Where the file belongs under a rules folder: `<kommun>/<giltig från>.md`.
    pub fn path_under(&self, rules: &std::path::Path) -> PathBuf {
        rules
            .join(id_of(&self.kommun))
            .join(format!("{}.md", self.giltig_fran))
    }

    /// The riktlinje's text.
    pub fn text(&self) -> String {
        let mut text = String::new();
        let id = self.riktlinje_id();
        let Ny {
            kommun,
            namnd,
            giltig_fran,
        } = self;
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "{}",
            texts::id_kommun_namnd_giltig(&id, kommun, namnd, giltig_fran)
        );
        text.push_str(BODY);
        text
    }
}

/// The most characters a kommun or nämnd name may have.
pub(crate) const MAX_NAME: usize = 100;

fn checked_name(field: &'static str, name: &str) -> Result<String, NyError> {
    let name = name.trim();
    let fault = |message: &str| NyError {
        field,
        message: message.to_owned(),
    };
    if name.is_empty() {
        return Err(fault(texts::NAMNET_AR_TOMT));
    }
    if name.chars().count() > MAX_NAME {
        return Err(fault(&texts::namnet_ar_langre_an()));
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.'))
    {
        return Err(fault(texts::NAMNET_FAR_BARA_HA));
    }
    Ok(name.to_owned())
}

/// A kommun's name as an id and folder name: lower case ASCII, words joined by `-`
/// (`Ödeshögs kommun` → `odeshogs-kommun`).
pub fn id_of(kommun: &str) -> String {
    let folded = crate::contract::fold(&kommun.to_lowercase());
    let mut id = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    id
}

/// Everything after the head: the same for every kommun until its authors write their own.
const BODY: &str = texts::INLEDNING_RIKTLINJENS_SYFTE_OCH;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|error| panic!("{text}: {error:?}"))
    }

    #[test]
    fn a_new_riktlinje_passes_check_as_it_stands() {
        let ny = Ny::new("Ödeshögs kommun", "Socialnämnden", day("2026-07-01"));
        let ny = ny.unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(ny.riktlinje_id(), "odeshogs-kommun-2026-07-01");
        let compiled = riktlinjer_compiler::compile::compile(&ny.text());
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics
        );
        assert!(compiled.bytes.is_some());
        assert!(!compiled.rule_tests.is_empty());
        assert!(compiled.rule_tests.iter().all(|test| test.godkant));
    }

    #[test]
    fn names_that_cannot_be_a_riktlinje_are_refused_naming_the_input() {
        let date = day("2026-07-01");
        for (kommun, namnd, field) in [
            ("", "Socialnämnden", "kommun"),
            ("Ale kommun", "  ", "--namnd"),
            ("Ale\nkommun", "Socialnämnden", "kommun"),
            ("Ale: kommun", "Socialnämnden", "kommun"),
            ("---", "Socialnämnden", "kommun"),
        ] {
            let error = Ny::new(kommun, namnd, date).err();
            assert_eq!(error.map(|error| error.field), Some(field), "{kommun:?}");
        }
        assert_eq!(id_of("Upplands Väsby kommun"), "upplands-vasby-kommun");
    }
}
