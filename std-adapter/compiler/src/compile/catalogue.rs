//! The fact catalogue: the facts a riktlinje's rules can read, declared in `fakta` blocks.
//!
//! The national catalogue (`rules/sverige/`) declares the facts every kommun shares and the
//! engine's own (`källa: motorn`: ålder from födelsedatum, the facts of a skyddsåtgärd, …); a
//! riktlinje may declare more. Each fact gets a slot, in declared order, baseline first; the
//! table carries the catalogue, so adding a fact changes no Rust code.
//! This module reads and checks the declarations; `check` resolves names against them.

use std::collections::HashMap;

use riktlinjer_core::limits::{MAX_FACTS, MAX_SET_WORDS, MAX_WORDS};
use riktlinjer_core::{Builtin, FactKind, FactScope};

use crate::compile::names;
use crate::compile::unit::Unit;
use crate::compile::{check_keys, value};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::Item;
use crate::texts;

/// The keys of a `fakta` item.
const KEYS: [&str; 10] = [
    "saknas",
    "namn",
    "typ",
    "värden",
    "enhet",
    "gäller",
    "källa",
    "beskrivning",
    "grupp",
    "ändras_av_ansökan",
];

/// The words for a fact's type.
pub const KINDS: [(&str, FactKind); 6] = [
    ("ja/nej", FactKind::Bool),
    ("heltal", FactKind::Int),
    ("decimal", FactKind::Decimal),
    ("datum", FactKind::Date),
    ("val", FactKind::Choice),
    ("mängd", FactKind::Set),
];

/// The words for what a fact describes.
pub const SCOPES: [(&str, FactScope); 3] = [
    ("person", FactScope::Person),
    ("ansökan", FactScope::Ansokan),
    ("åtgärd", FactScope::Skyddsatgard),
];

/// The words for where a fact's value comes from.
const SOURCES: [(&str, bool); 2] = [("ärendet", false), ("motorn", true)];

/// One declared fact.
#[derive(Clone, Debug)]
pub struct CatalogueFact {
    /// Its name as rules write it.
    pub name: String,
    /// Its kind.
    pub kind: FactKind,
    /// What it describes.
    pub scope: FactScope,
    /// Its words, for a choice or a set, in order.
    pub words: Vec<String>,
    /// Its unit, as written (`gånger per vecka`), or empty.
    pub enhet: String,
    /// Its unit, read, when it has one the language computes with.
    pub unit: Option<Unit>,
    /// Its description.
    pub beskrivning: String,
    /// Its group (an IBIC livsområde), or empty.
    pub grupp: String,
    /// The engine's own fact it is.
    pub builtin: Option<Builtin>,
    /// Whether an ansökan can change it.
    pub andringsbar: bool,
    /// The value when a case does not give it, as the case would give it.
    pub saknas: Option<i64>,
    /// Where it is declared.
    pub span: Span,
}

/// Every declared fact, by slot.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// The facts, in slot order.
    pub facts: Vec<CatalogueFact>,
    by_name: HashMap<String, u16>,
    /// The slot of each fact by its JSON key (its name folded to ASCII), so that a new fact
    /// is checked against every key in one look-up.
    by_key: HashMap<String, u16>,
}

impl Catalogue {
    /// The slot of the fact named `name`.
    pub fn slot(&self, name: &str) -> Option<u16> {
        self.by_name.get(name).copied()
    }

    /// The fact in `slot`.
    pub fn fact(&self, slot: u16) -> Option<&CatalogueFact> {
        self.facts.get(usize::from(slot))
    }

    /// Every fact name, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.facts.iter().map(|fact| fact.name.as_str())
    }

    /// The index of `word` among the words of the fact in `slot`.
    pub fn word_index(&self, slot: u16, word: &str) -> Option<u8> {
        self.fact(slot)?
            .words
            .iter()
            .position(|candidate| candidate == word)
            .and_then(|index| u8::try_from(index).ok())
    }

    /// Adds `fact` in the next slot; reports a name declared twice.
    pub fn add(&mut self, fact: CatalogueFact, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(first) = self
            .by_name
            .get(&fact.name)
            .and_then(|slot| self.fact(*slot))
        {
            let note = match first.span.file {
                crate::diagnostic::File::Grund => texts::DEN_FINNS_REDAN_I,
                crate::diagnostic::File::Riktlinje => texts::DEN_DEKLARERAS_REDAN_TIDIGARE,
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::DubblettId,
                    fact.span,
                    texts::uppgiften_finns_redan(&fact.name),
                )
                .with_note(note),
            );
            return;
        }
        let key = fold(&fact.name);
        if let Some(other) = self.by_key.get(&key).and_then(|slot| self.fact(*slot)) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DubblettId,
                    fact.span,
                    texts::uppgiften_far_samma_nyckel(&fact.name, &other.name, &key),
                )
                .with_note(texts::ETT_ARENDE_SKRIVER_NAMNEN),
            );
            return;
        }
        if let Some(builtin) = fact.builtin
            && let Some(other) = self
                .facts
                .iter()
                .find(|other| other.builtin == Some(builtin))
        {
            diagnostics.push(Diagnostic::error(
                Code::DubblettId,
                fact.span,
                texts::motorns_uppgift_deklareras_redan(&other.name),
            ));
            return;
        }
        let Ok(slot) = u16::try_from(self.facts.len()) else {
            return;
        };
        self.by_name.insert(fact.name.clone(), slot);
        self.by_key.insert(key, slot);
        self.facts.push(fact);
    }

    /// Reports a catalogue past the core's capacities.
    pub fn check_capacities(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.facts.len() > MAX_FACTS {
            let span = self
                .facts
                .get(MAX_FACTS)
                .map_or(Span::default(), |fact| fact.span);
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                span,
                texts::faktakatalogen_har_uppgifter_karnan(self.facts.len()),
            ));
        }
        let words: usize = self.facts.iter().map(|fact| fact.words.len()).sum();
        if words > MAX_WORDS {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                Span::default(),
                texts::faktakatalogens_val_och_mangder(words),
            ));
        }
    }
}

/// A name as a case writes it: lower case ASCII, å and ä as a, ö as o, é as e, ü as u.
pub fn fold(name: &str) -> String {
    name.chars().map(fold_char).collect()
}

/// One character of [`fold`].
pub fn fold_char(c: char) -> char {
    match c {
        'å' | 'ä' | 'Å' | 'Ä' => 'a',
        'ö' | 'Ö' => 'o',
        'é' | 'É' => 'e',
        'ü' | 'Ü' => 'u',
        other => other.to_ascii_lowercase(),
    }
}

/// Reads one `fakta` item; `None` after a diagnostic.
pub fn read_fact(item: &Item, diagnostics: &mut Vec<Diagnostic>) -> Option<CatalogueFact> {
    if !check_keys(
        &item.fields,
        item.span,
        texts::EN_UPPGIFT,
        &KEYS,
        &["namn", "typ"],
        diagnostics,
    ) {
        return None;
    }
    let name_field = value(&item.fields, "namn")?;
    let name = name_field.value.clone();
    if !crate::compile::is_fact_name(&name) {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            name_field.value_span(),
            texts::ETT_UPPGIFTSNAMN_SKRIVS_MED.to_owned(),
        ));
        return None;
    }
    let kind = crate::compile::word_value(value(&item.fields, "typ")?, &KINDS, diagnostics)?;
    let scope = match value(&item.fields, "gäller") {
        Some(field) => crate::compile::word_value(field, &SCOPES, diagnostics)?,
        None => FactScope::Person,
    };
    let engine = match value(&item.fields, "källa") {
        Some(field) => crate::compile::word_value(field, &SOURCES, diagnostics)?,
        None => false,
    };
    let andringsbar = match value(&item.fields, "ändras_av_ansökan") {
        Some(field) => {
            crate::compile::word_value(field, &[("ja", true), ("nej", false)], diagnostics)?
        }
        None => false,
    };
    let text = |key: &str| value(&item.fields, key).map_or_else(String::new, |f| f.value.clone());
    let enhet = text("enhet");
    let unit = if enhet.is_empty() {
        None
    } else {
        match Unit::parse(&enhet) {
            Ok(unit) => Some(unit),
            Err(message) => {
                let field = value(&item.fields, "enhet")?;
                diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    field.value_span(),
                    message,
                ));
                return None;
            }
        }
    };
    if unit.is_some() && !matches!(kind, FactKind::Int | FactKind::Decimal) {
        let field = value(&item.fields, "enhet")?;
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            field.value_span(),
            texts::BARA_ETT_HELTAL_ELLER.to_owned(),
        ));
        return None;
    }
    let builtin = if engine {
        let Some(builtin) = names::builtin(&name) else {
            let mut diagnostic = Diagnostic::error(
                Code::OgiltigtVarde,
                name_field.value_span(),
                texts::motorn_beraknar_ingen_uppgift(&name),
            )
            .with_note(texts::KALLA_MOTORN_GALLER_BARA);
            if let Some(suggestion) = names::suggest(&name, names::BUILTINS.iter().map(|(n, _)| *n))
            {
                diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
            }
            diagnostics.push(diagnostic);
            return None;
        };
        let (builtin_kind, _) = builtin.kind();
        if builtin_kind != kind || builtin.scope() != scope {
            diagnostics.push(Diagnostic::error(
                Code::OgiltigtVarde,
                item.span,
                texts::motorns_uppgift_ar_och(
                    names::word_of(&KINDS, builtin_kind),
                    names::word_of(&SCOPES, builtin.scope()),
                    &name,
                ),
            ));
            return None;
        }
        Some(builtin)
    } else {
        None
    };
    let words = match (kind, builtin.and_then(|builtin| builtin.kind().1)) {
        (FactKind::Choice | FactKind::Set, Some(kind)) => names::enum_values(kind)
            .iter()
            .map(|word| (*word).to_owned())
            .collect(),
        (FactKind::Choice | FactKind::Set, None) => {
            let Some(field) = value(&item.fields, "värden") else {
                diagnostics.push(Diagnostic::error(
                    Code::NyckelSaknas,
                    item.span,
                    texts::uppgiften_ar_ett_val(&name),
                ));
                return None;
            };
            let words: Vec<String> = field
                .value
                .split(',')
                .map(|word| word.trim().to_owned())
                .collect();
            let bad = words
                .iter()
                .position(|word| !crate::compile::is_fact_name(word));
            let repeated = words
                .iter()
                .enumerate()
                .any(|(index, word)| words[..index].contains(word));
            if bad.is_some() || repeated {
                diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    field.value_span(),
                    texts::VARDENA_SKRIVS_MED_SMA.to_owned(),
                ));
                return None;
            }
            if kind == FactKind::Set && words.len() > MAX_SET_WORDS {
                diagnostics.push(Diagnostic::error(
                    Code::Kapacitet,
                    field.value_span(),
                    texts::en_mangd_kan_ha(words.len()),
                ));
                return None;
            }
            words
        }
        _ => {
            if let Some(field) = value(&item.fields, "värden") {
                diagnostics.push(Diagnostic::error(
                    Code::OkandNyckel,
                    field.key_span,
                    texts::BARA_ETT_VAL_ELLER.to_owned(),
                ));
                return None;
            }
            Vec::new()
        }
    };
    let saknas = match value(&item.fields, "saknas") {
        None => None,
        Some(field) => {
            let parsed = match kind {
                _ if builtin.is_some() => None,
                FactKind::Bool => match field.value.as_str() {
                    "ja" => Some(1),
                    "nej" => Some(0),
                    _ => None,
                },
                FactKind::Int => field.value.parse::<i64>().ok(),
                FactKind::Decimal => crate::compile::thousandths_of(&field.value),
                FactKind::Choice => words
                    .iter()
                    .position(|word| *word == field.value)
                    .and_then(|index| i64::try_from(index).ok()),
                FactKind::Date | FactKind::Set => None,
            };
            let Some(parsed) = parsed else {
                diagnostics.push(
                    Diagnostic::error(
                        Code::OgiltigtVarde,
                        field.value_span(),
                        texts::saknas_ska_vara_ett(names::word_of(&KINDS, kind)),
                    )
                    .with_note(texts::SAKNAS_ANGES_FOR_JA),
                );
                return None;
            };
            Some(parsed)
        }
    };
    Some(CatalogueFact {
        saknas,
        name,
        kind,
        scope,
        words,
        enhet,
        unit,
        beskrivning: text("beskrivning"),
        grupp: text("grupp"),
        builtin,
        andringsbar,
        span: item.span,
    })
}
