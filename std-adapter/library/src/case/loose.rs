//! The facts of a riktlinje's catalogue in a case: kept as read, then bound to a table.
//!
//! Which facts a case can give is not fixed in this library: a riktlinje declares them (the
//! national catalogue in `rules/sverige/` and the kommun's own `fakta` blocks). The reader keeps
//! every key the contract does not declare under `person` and under each ansökan, with its value
//! read loosely ([`Loose`]); [`FactIndex::bind`] then checks each against one table's catalogue
//! (known name, the right part of the case, the right type) and writes the core's values by slot.
//! A case can so be bound to two versions in turn (omprövning), and a fact one version does not
//! know is counted rather than refused there ([`Binding::Lenient`]).
//! A fault names the field by its JSON pointer (or CSV column), never the value.

use std::collections::HashMap;
use std::sync::Arc;

use riktlinjer_compiler::names;
use riktlinjer_core::{Case, FactKind, FactScope, FactValues, Table};

use super::CaseInput;
use crate::contract::json::PlainTexts;
use crate::contract::{InputError, Loose, LooseRead, csv, fold, thousandths};
use crate::texts;

/// Where an undeclared key stood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// Under `person`.
    Person,
    /// Under the ansökan with this index.
    Ansokan(usize),
    /// In a CSV row: the person's or the row's ansökan's, by the fact's own part of the case.
    Row,
}

/// One undeclared key of a case, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LooseFact {
    /// Where it stood.
    pub place: Place,
    /// Its key.
    pub key: String,
    /// Its value.
    pub value: Loose,
    /// The CSV column it came from, for a fault.
    pub column: bool,
}

/// Buffers of the facts of cases read before, reused by the next case read into the same
/// [`CaseInput`] (`case::from_json_into`): a batch then allocates no key, text or list per fact
/// per case.
/// Never part of what a case is: two inputs are equal whatever their spare buffers, and a copy
/// starts without any.
#[derive(Default)]
pub struct Spare {
    /// Emptied texts: keys, ids and text values.
    texts: Vec<String>,
    /// Lists of texts, each with the texts it held, to be written over item by item.
    lists: Vec<Vec<String>>,
}

impl Spare {
    /// `text` in a buffer of an earlier case when there is one.
    pub(super) fn text(&mut self, text: &str) -> String {
        let mut owned = self.texts.pop().unwrap_or_default();
        owned.push_str(text);
        owned
    }

    /// `items` in a list of an earlier case when there is one, each in a text of it.
    fn list<'a>(&mut self, items: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut list = self.lists.pop().unwrap_or_default();
        let mut n_items = 0;
        for item in items {
            match list.get_mut(n_items) {
                Some(buffer) => {
                    buffer.clear();
                    buffer.push_str(item);
                }
                None => list.push(item.to_owned()),
            }
            n_items += 1;
        }
        list.truncate(n_items);
        list
    }

    /// `value` in buffers of earlier cases where it needs any.
    fn loose(&mut self, value: LooseRead<'_>) -> Loose {
        match value {
            LooseRead::Whole(loose) => loose,
            LooseRead::Text(text) => Loose::Text(self.text(text)),
            LooseRead::Texts(texts) => Loose::List(self.list(texts.items())),
        }
    }

    /// Keeps `text`'s buffer for a later case.
    pub(super) fn keep(&mut self, mut text: String) {
        if self.texts.len() < MAX_LOOSE {
            text.clear();
            self.texts.push(text);
        }
    }

    /// Keeps the buffers of a fact's key and value.
    pub(super) fn keep_fact(&mut self, fact: LooseFact) {
        self.keep(fact.key);
        match fact.value {
            Loose::Text(text) | Loose::Cell(text) => self.keep(text),
            // The list keeps its texts, so the next list written over it allocates none.
            Loose::List(list) => {
                if self.lists.len() < MAX_LOOSE {
                    self.lists.push(list);
                }
            }
            Loose::Bool(_) | Loose::Number(_) => {}
        }
    }
}

impl Clone for Spare {
    fn clone(&self) -> Spare {
        Spare::default()
    }
}

impl PartialEq for Spare {
    fn eq(&self, _: &Spare) -> bool {
        true
    }
}

impl Eq for Spare {}

impl std::fmt::Debug for Spare {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Spare")
    }
}

/// Keeps an undeclared key for binding (the contract's `extra` for the person and an ansökan),
/// after the facts kept before it: the facts stand in the order the case gives them.
///
/// When the case is read bound to a catalogue ([`ReadBinding`]), a fact that catalogue would
/// bind without a fault is written into the case at once instead, and only the others are kept.
pub(super) fn keep(
    input: &mut CaseInput,
    place: Place,
    key: &str,
    value: LooseRead<'_>,
) -> Result<(), String> {
    let CaseInput {
        case,
        facts,
        spare,
        read_binding,
        ..
    } = input;
    if facts.len() + read_binding.taken >= MAX_LOOSE {
        return Err(texts::arendet_har_fler_uppgifter());
    }
    // A key given twice in one place. The facts of a place are read together, so they are
    // the last ones kept.
    let given_twice = facts
        .iter()
        .rev()
        .take_while(|fact| fact.place == place)
        .any(|fact| fact.key == key);
    if given_twice {
        return Err(texts::FALTET_FOREKOMMER_TVA_GANGER.to_owned());
    }
    if let Some(index) = read_binding.index.as_deref()
        && let Some(entry) = index.by_key.get(key)
    {
        match take(case, place, entry, &value) {
            Taken::Yes => {
                read_binding.taken += 1;
                return Ok(());
            }
            Taken::GivenTwice => return Err(texts::FALTET_FOREKOMMER_TVA_GANGER.to_owned()),
            Taken::No => {}
        }
    }
    let fact = LooseFact {
        place,
        key: spare.text(key),
        value: spare.loose(value),
        column: false,
    };
    facts.push(fact);
    Ok(())
}

/// Whether a fact read was written into the case at once.
enum Taken {
    Yes,
    /// Its slot in that part of the case holds a value already: the key was given before.
    GivenTwice,
    /// Kept for binding, which finds its fault (or leaves it out).
    No,
}

/// Writes the value of `entry`'s fact, given at `place`, into `case` when binding would write
/// it there without a fault: a fact about the part of the case it stands in, not the engine's
/// own, with a value of its kind, and room for it.
fn take(case: &mut Case, place: Place, entry: &Entry, value: &LooseRead<'_>) -> Taken {
    match (place, entry.scope) {
        (Place::Person, FactScope::Person) => take_into(&mut case.person.facts, entry, value),
        (Place::Ansokan(index), FactScope::Ansokan) => match case.ansokningar.get_mut(index) {
            Some(ansokan) => take_into(&mut ansokan.facts, entry, value),
            None => Taken::No,
        },
        _ => Taken::No,
    }
}

fn take_into<const N: usize>(
    values: &mut FactValues<N>,
    entry: &Entry,
    value: &LooseRead<'_>,
) -> Taken {
    if values.get(entry.slot).is_some() {
        return Taken::GivenTwice;
    }
    if entry.engine {
        return Taken::No;
    }
    match convert(entry, View::of_read(value)) {
        Ok(value) if values.set(entry.slot, value).is_ok() => Taken::Yes,
        _ => Taken::No,
    }
}

/// The catalogue a case is bound to as it is read ([`read_lines_bound`](super::read_lines_bound)),
/// and how many facts it took: those stand in the case's facts already, and
/// [`CaseInput::facts`] keeps only the others, for [`FactIndex::bind`] by the same catalogue.
///
/// A batch that reads every case under one catalogue so spends no kept key or value on a fact
/// the catalogue knows. Two inputs are read alike when they were read by the same catalogue,
/// or by none, and took as many facts.
#[derive(Clone, Debug, Default)]
pub struct ReadBinding {
    index: Option<Arc<FactIndex>>,
    taken: usize,
}

impl ReadBinding {
    /// Reads the next case bound to `index`, or to none.
    pub(super) fn set(&mut self, index: Option<&Arc<FactIndex>>) {
        if !same_catalogue(self.index.as_ref(), index) {
            self.index = index.cloned();
        }
        self.taken = 0;
    }

    /// Forgets the facts taken, for the next case read into the same input.
    pub(super) fn clear(&mut self) {
        self.taken = 0;
    }

    /// Whether the case's facts taken so far are `index`'s.
    fn is(&self, index: &FactIndex) -> bool {
        self.index
            .as_deref()
            .is_some_and(|current| std::ptr::eq(current, index))
    }
}

impl PartialEq for ReadBinding {
    fn eq(&self, other: &ReadBinding) -> bool {
        same_catalogue(self.index.as_ref(), other.index.as_ref()) && self.taken == other.taken
    }
}

impl Eq for ReadBinding {}

/// Whether two readings are by the same catalogue (the same shared index), or both by none.
fn same_catalogue(one: Option<&Arc<FactIndex>>, other: Option<&Arc<FactIndex>>) -> bool {
    match (one, other) {
        (Some(one), Some(other)) => Arc::ptr_eq(one, other),
        (None, None) => true,
        _ => false,
    }
}

/// The most catalogue facts one case may carry, over the person and every ansökan.
pub const MAX_LOOSE: usize = 256;

/// How a fact the table does not know is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// As a fault: the case is for this riktlinje, and a key it does not know is a misspelling
    /// or a mapping slip.
    Strict,
    /// Counted and left out: the case is read under two versions, and a fact one of them does
    /// not know is no fault of the case.
    Lenient,
}

/// One fact of a table's catalogue, as a case gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    slot: u16,
    kind: FactKind,
    scope: FactScope,
    engine: bool,
    words: Vec<String>,
}

/// A table's catalogue by case key, made once per table and used for every case.
#[derive(Clone, Debug)]
pub struct FactIndex {
    /// Hashed with foldhash's fast hash with a fixed seed: a case's facts are looked up by key
    /// for every case of a batch, and the keys come from the riktlinje, not from an attacker
    /// who could pick colliding ones.
    by_key: HashMap<String, Entry, foldhash::fast::FixedState>,
    keys: Vec<String>,
}

impl FactIndex {
    /// The index of `table`'s catalogue.
    pub fn of(table: &Table<'_>) -> FactIndex {
        let mut by_key = HashMap::default();
        let mut keys = Vec::new();
        for (slot, fact) in (0..=u16::MAX).zip(table.facts()) {
            let key = fold(fact.name);
            keys.push(key.clone());
            by_key.insert(
                key,
                Entry {
                    slot,
                    kind: fact.kind,
                    scope: fact.scope,
                    engine: fact.builtin.is_some(),
                    words: table.words_of(fact).iter().map(|word| fold(word)).collect(),
                },
            );
        }
        FactIndex { by_key, keys }
    }

    /// Whether a case bound to `wider` is read by this catalogue as if bound to it: every key
    /// of this one is in `wider` with the same slot, kind, part of the case and words (a later
    /// version that declares more facts after the earlier one's, most often). The slots of this
    /// catalogue are then `0..len`, so the facts only `wider` knows lie past them, and the core
    /// leaves out a slot its table does not declare.
    pub fn reads_within(&self, wider: &FactIndex) -> bool {
        self.by_key
            .iter()
            .all(|(key, entry)| wider.by_key.get(key) == Some(entry))
    }

    /// How many facts the catalogue declares (its slots are `0..len`).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the catalogue declares no fact.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The case key of the fact in `slot`.
    pub fn key_of(&self, slot: u16) -> Option<&str> {
        self.keys.get(usize::from(slot)).map(String::as_str)
    }

    /// Writes `input`'s catalogue facts into its case by this table's slots, replacing what an
    /// earlier binding wrote; gives how many facts the table does not know (always 0 when
    /// `binding` is strict, which refuses them).
    ///
    /// # Errors
    /// An [`InputError`] naming the field: a fact the table does not know (strict), a fact of
    /// another part of the case, a fact the engine computes itself, a value of the wrong type,
    /// or more values than the core holds.
    pub fn bind(&self, input: &mut CaseInput, binding: Binding) -> Result<usize, InputError> {
        self.bind_noting(input, binding, |_| {})
    }

    /// As [`FactIndex::bind`], and gives the key of each fact the table does not know to
    /// `unknown` (a lenient binding), so a summary can name them.
    ///
    /// # Errors
    /// As [`FactIndex::bind`].
    pub fn bind_noting(
        &self,
        input: &mut CaseInput,
        binding: Binding,
        mut unknown_key: impl FnMut(&str),
    ) -> Result<usize, InputError> {
        // The facts taken as the case was read stand; any other binding starts afresh.
        if !input.read_binding.is(self) {
            if input.read_binding.taken > 0 {
                return Err(InputError::whole(
                    texts::ARENDET_LASTES_MED_EN_ANNAN.to_owned(),
                ));
            }
            input.case.person.facts.clear();
            for ansokan in &mut input.case.ansokningar {
                ansokan.facts.clear();
            }
        }
        let mut unknown = 0;
        for fact in &input.facts {
            let fault = |message: String| fault_at(fact, message);
            let Some(entry) = self.by_key.get(&fact.key) else {
                if binding == Binding::Lenient {
                    unknown += 1;
                    unknown_key(&fact.key);
                    continue;
                }
                let mut message = texts::riktlinjen_har_ingen_uppgift(&fact.key);
                if let Some(suggestion) =
                    names::suggest(&fact.key, self.keys.iter().map(String::as_str))
                {
                    message.push_str(&texts::menade_du(suggestion));
                }
                return Err(fault(message));
            };
            if entry.engine {
                return Err(fault(texts::RAKNAS_FRAM_AV_MOTORN.to_owned()));
            }
            let value = convert(entry, View::of(&fact.value)).map_err(fault)?;
            let stored = match (fact.place, entry.scope) {
                (Place::Person | Place::Row, FactScope::Person) => {
                    input.case.person.facts.set(entry.slot, value).is_ok()
                }
                (Place::Ansokan(index), FactScope::Ansokan) => input
                    .case
                    .ansokningar
                    .get_mut(index)
                    .is_none_or(|ansokan| ansokan.facts.set(entry.slot, value).is_ok()),
                (Place::Row, FactScope::Ansokan) => {
                    // A CSV row about a beslut whose columns describe what it covers (städning
                    // var n:e vecka): the row's ansökan on the same insats, as a JSON case
                    // would write it.
                    if input.case.ansokningar.is_empty()
                        && let Some(beslut) = input.case.beslut.first()
                    {
                        let ansokan = riktlinjer_core::Ansokan {
                            insats: beslut.insats.clone(),
                            ..Default::default()
                        };
                        let _ = input.case.ansokningar.push(ansokan);
                    }
                    input
                        .case
                        .ansokningar
                        .first_mut()
                        .is_none_or(|ansokan| ansokan.facts.set(entry.slot, value).is_ok())
                }
                (_, FactScope::Person) => {
                    return Err(fault(texts::GALLER_PERSONEN_ANGE_UPPGIFTEN.to_owned()));
                }
                (_, FactScope::Ansokan) => {
                    return Err(fault(texts::GALLER_EN_ANSOKAN_ANGE.to_owned()));
                }
                (_, FactScope::Skyddsatgard) => {
                    return Err(fault(texts::GALLER_EN_SKYDDSATGARD_OCH.to_owned()));
                }
            };
            if !stored {
                return Err(fault(texts::ARENDET_HAR_FLER_UPPGIFTER.to_owned()));
            }
        }
        // The facts were kept in the case's order; the core's case has one form for the same
        // facts (its bytes in postcard, as the C library writes them).
        input.case.person.facts.sort_by_slot();
        for ansokan in &mut input.case.ansokningar {
            ansokan.facts.sort_by_slot();
        }
        Ok(unknown)
    }
}

/// The schema properties of `table`'s catalogue facts about `scope` that a case gives, by key.
pub fn fact_properties(
    table: &Table<'_>,
    scope: FactScope,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::json;
    let mut properties = serde_json::Map::new();
    for fact in table.facts() {
        if fact.scope != scope || fact.builtin.is_some() {
            continue;
        }
        let words: Vec<String> = table.words_of(fact).iter().map(|word| fold(word)).collect();
        let mut property = match fact.kind {
            FactKind::Bool => json!({ "type": ["boolean", "null"] }),
            FactKind::Int => json!({ "type": ["integer", "null"] }),
            FactKind::Decimal => crate::contract::schema::decimal(),
            FactKind::Date => crate::contract::schema::date(),
            FactKind::Choice => {
                let mut values: Vec<serde_json::Value> =
                    words.iter().map(|word| json!(word)).collect();
                values.push(serde_json::Value::Null);
                json!({ "enum": values })
            }
            FactKind::Set => json!({ "type": ["array", "null"], "items": { "enum": words } }),
        };
        let mut description = fact.beskrivning.to_owned();
        if !fact.enhet.is_empty() {
            description.push_str(&format!(" Enhet: {}.", fact.enhet));
        }
        description.push_str(&texts::uppgiften_i_riktlinjens_faktakatalog(fact.name));
        if let serde_json::Value::Object(map) = &mut property {
            map.insert("description".to_owned(), json!(description.trim()));
        }
        properties.insert(fold(fact.name), property);
    }
    properties
}

fn fault_at(fact: &LooseFact, message: String) -> InputError {
    if fact.column {
        return InputError {
            syntax: false,
            pointer: String::new(),
            column: Some(fact.key.clone()),
            message,
        };
    }
    let pointer = match fact.place {
        Place::Person | Place::Row => format!("/person/{}", fact.key),
        Place::Ansokan(index) => format!("/ansokningar/{index}/{}", fact.key),
    };
    InputError {
        syntax: false,
        pointer,
        column: None,
        message,
    }
}

/// A fact's value as [`convert`] reads it: borrowed from a kept [`Loose`] or, when a reader
/// binds as it reads, from the case's text.
#[derive(Clone, Copy)]
enum View<'a> {
    Bool(bool),
    Number(i64),
    Text(&'a str),
    Cell(&'a str),
    List(Items<'a>),
}

/// The texts of a list value.
#[derive(Clone, Copy)]
enum Items<'a> {
    Kept(&'a [String]),
    Read(PlainTexts<'a>),
}

impl<'a> View<'a> {
    fn of(loose: &'a Loose) -> View<'a> {
        match loose {
            Loose::Bool(flag) => View::Bool(*flag),
            Loose::Number(thousandths) => View::Number(*thousandths),
            Loose::Text(text) => View::Text(text),
            Loose::Cell(text) => View::Cell(text),
            Loose::List(items) => View::List(Items::Kept(items)),
        }
    }

    fn of_read(read: &'a LooseRead<'a>) -> View<'a> {
        match read {
            LooseRead::Whole(loose) => View::of(loose),
            LooseRead::Text(text) => View::Text(text),
            LooseRead::Texts(texts) => View::List(Items::Read(*texts)),
        }
    }
}

/// The core's value of `value` for a fact of `entry`'s kind.
fn convert(entry: &Entry, value: View<'_>) -> Result<i64, String> {
    let word = |text: &str| {
        entry
            .words
            .iter()
            .position(|word| word == text)
            .and_then(|index| i64::try_from(index).ok())
    };
    let alternatives = || {
        let words: Vec<&str> = entry.words.iter().map(String::as_str).collect();
        names::one_of(&words)
    };
    match (entry.kind, value) {
        (FactKind::Bool, View::Bool(flag)) => Ok(i64::from(flag)),
        (FactKind::Bool, View::Cell(text)) => csv::flag(text)
            .map(i64::from)
            .ok_or_else(|| csv::NOT_A_FLAG.to_owned()),
        (FactKind::Bool, _) => Err(texts::SKA_VARA_TRUE_ELLER.to_owned()),
        (FactKind::Int, View::Number(thousandths)) if thousandths % 1_000 == 0 => {
            Ok(thousandths / 1_000)
        }
        (FactKind::Int, View::Cell(text)) => csv::without_spaces(text)
            .parse::<i64>()
            .map_err(|_| texts::SKA_VARA_ETT_HELTAL.to_owned()),
        (FactKind::Int, _) => Err(texts::SKA_VARA_ETT_HELTAL.to_owned()),
        // A decimal is a figure from 0, as the schema says and as the contract's own decimals
        // are read.
        (FactKind::Decimal, View::Number(thousandths)) if thousandths >= 0 => Ok(thousandths),
        (FactKind::Decimal, View::Number(_)) => Err(texts::SKA_VARA_ETT_TAL_FRAN_MED.to_owned()),
        (FactKind::Decimal, View::Text(text) | View::Cell(text)) => {
            // A CSV cell may group its digits with spaces (`1 234,5`); a JSON text is read as
            // the contract's own decimals are, as written.
            let figure = match value {
                View::Cell(_) => thousandths(&csv::without_spaces(text)),
                _ => thousandths(text),
            };
            match figure {
                Some(thousandths) if thousandths >= 0 => Ok(thousandths),
                Some(_) => Err(texts::SKA_VARA_ETT_TAL_FRAN_MED.to_owned()),
                None => Err(texts::SKA_VARA_ETT_TAL.to_owned()),
            }
        }
        (FactKind::Decimal, _) => Err(texts::SKA_VARA_ETT_TAL.to_owned()),
        (FactKind::Date, View::Text(text) | View::Cell(text)) => riktlinjer_core::Date::parse(text)
            .map(|day| i64::from(day.days()))
            .map_err(crate::texts::date_fault),
        (FactKind::Date, _) => Err(texts::SKA_VARA_ETT_DATUM.to_owned()),
        (FactKind::Choice, View::Text(text) | View::Cell(text)) => {
            word(text).ok_or_else(|| texts::ar_inget_tillatet_varde(alternatives()))
        }
        (FactKind::Choice, _) => Err(texts::ska_vara_en_text(alternatives())),
        (FactKind::Set, View::List(Items::Kept(items))) => {
            set_of(items.iter().map(String::as_str), &word, &alternatives)
        }
        (FactKind::Set, View::List(Items::Read(items))) => {
            set_of(items.items(), &word, &alternatives)
        }
        (FactKind::Set, View::Cell(text)) => set_of(
            text.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty()),
            &word,
            &alternatives,
        ),
        (FactKind::Set, _) => Err(texts::ska_vara_en_lista(alternatives())),
    }
}

fn set_of<'a>(
    items: impl Iterator<Item = &'a str>,
    word: &dyn Fn(&str) -> Option<i64>,
    alternatives: &dyn Fn() -> String,
) -> Result<i64, String> {
    let mut mask = 0i64;
    for item in items {
        let bit = word(item).ok_or_else(|| texts::har_ett_varde_som(alternatives()))?;
        mask |= 1i64 << (bit % 64);
    }
    Ok(mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn national() -> Vec<u8> {
        let compiled = riktlinjer_compiler::compile::nationell_katalog();
        assert!(compiled.bytes.is_some(), "{:?}", compiled.diagnostics);
        compiled.bytes.unwrap_or_default()
    }

    fn bind(text: &str, binding: Binding) -> Result<(CaseInput, usize), InputError> {
        let bytes = national();
        let Ok(table) = Table::decode(&bytes) else {
            panic!("the national catalogue does not decode");
        };
        let mut input = super::super::from_json(text)?;
        let unknown = FactIndex::of(&table).bind(&mut input, binding)?;
        Ok((input, unknown))
    }

    /// The person's and an ansökan's facts, as JSON members, for cases written in any order.
    const PERSON_FACTS: [&str; 5] = [
        r#""bor_ensam":true"#,
        r#""behov":["hemliv","trygghet"]"#,
        r#""folkbokford_i_kommunen":true"#,
        r#""kan_anvanda_larm":false"#,
        r#""grundlaggande_behov_timmar":2.5"#,
    ];
    const ANSOKAN_FACTS: [&str; 3] = [
        r#""insats":"parboende""#,
        r#""eget_samtycke":true"#,
        r#""parboende":false"#,
    ];

    fn case_in_order(person: &[usize], ansokan: &[usize]) -> String {
        let members = |facts: &[&str], order: &[usize]| -> String {
            order
                .iter()
                .filter_map(|index| facts.get(*index).copied())
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            r#"{{"schema_version":1,"person":{{{}}},"ansokningar":[{{{}}}]}}"#,
            members(&PERSON_FACTS, person),
            members(&ANSOKAN_FACTS, ansokan)
        )
    }

    mod order {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            /// A case's facts are kept in the order it gives them, and the core's case they
            /// bind to is the same in any order: the same values, in slot order.
            #[test]
            fn the_bound_case_is_the_same_whatever_order_its_facts_come_in(
                person in Just((0..PERSON_FACTS.len()).collect::<Vec<usize>>()).prop_shuffle(),
                ansokan in Just((0..ANSOKAN_FACTS.len()).collect::<Vec<usize>>()).prop_shuffle(),
            ) {
                let written = bind(&case_in_order(&[0, 1, 2, 3, 4], &[0, 1, 2]), Binding::Strict);
                let shuffled = bind(&case_in_order(&person, &ansokan), Binding::Strict);
                let (Ok((written, _)), Ok((shuffled, _))) = (&written, &shuffled) else {
                    panic!("the fixture does not bind to the national catalogue: {written:?} {shuffled:?}");
                };
                prop_assert_eq!(&written.case, &shuffled.case);
                let slots: Vec<u16> =
                    shuffled.case.person.facts.iter().map(|value| value.slot).collect();
                prop_assert!(slots.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", slots);
                prop_assert_eq!(shuffled.case.person.facts.len(), PERSON_FACTS.len());
                prop_assert_eq!(shuffled.case.ansokningar[0].facts.len(), 2);
                let keys: Vec<&str> = shuffled.facts.iter().map(|fact| fact.key.as_str()).collect();
                let given: Vec<&str> = person
                    .iter()
                    .filter_map(|index| PERSON_FACTS.get(*index))
                    .chain(ansokan.iter().filter_map(|index| ANSOKAN_FACTS.get(*index)))
                    .filter_map(|member| member.split('"').nth(1))
                    .filter(|key| *key != "insats")
                    .collect();
                prop_assert_eq!(keys, given);
            }
        }
    }

    #[test]
    fn a_decimal_below_zero_is_refused_where_it_stands() {
        for value in ["-1", "-0.5", "\"-1,5\""] {
            let text = format!(
                r#"{{"schema_version":1,"person":{{"grundlaggande_behov_timmar":{value}}},"ansokningar":[]}}"#
            );
            let Err(fault) = bind(&text, Binding::Strict) else {
                panic!("{value} is taken");
            };
            assert_eq!(
                fault.pointer, "/person/grundlaggande_behov_timmar",
                "{value}"
            );
            assert_eq!(fault.message, texts::SKA_VARA_ETT_TAL_FRAN_MED, "{value}");
        }
        let zero =
            r#"{"schema_version":1,"person":{"grundlaggande_behov_timmar":0},"ansokningar":[]}"#;
        assert!(bind(zero, Binding::Strict).is_ok());
        // A JSON text is read as written: digits grouped with a space are a CSV cell's way.
        let spaced = r#"{"schema_version":1,"person":{"grundlaggande_behov_timmar":"1 234,5"},"ansokningar":[]}"#;
        let Err(fault) = bind(spaced, Binding::Strict) else {
            panic!("a spaced text is taken");
        };
        assert_eq!(fault.message, texts::SKA_VARA_ETT_TAL);
    }

    #[test]
    fn facts_bind_by_slot_with_their_types() {
        let bytes = national();
        let Ok(table) = Table::decode(&bytes) else {
            panic!("the national catalogue does not decode");
        };
        let text = r#"{"schema_version":1,"person":{"bor_ensam":true,"personkrets":3,"behov":["hemliv","personlig_vard"]},
            "ansokningar":[{"insats":"x","utan_behovsprovning":false,"sokt_omfattning":"7,5"}]}"#;
        let Ok((input, unknown)) = bind(text, Binding::Strict) else {
            panic!("the case binds");
        };
        assert_eq!(unknown, 0);
        let slot = |name: &str| table.fact_slot(name).unwrap_or(u16::MAX);
        let person = &input.case.person.facts;
        assert_eq!(person.get(slot("bor_ensam")), Some(1));
        assert_eq!(person.get(slot("personkrets")), Some(3));
        let hemliv = table
            .fact(slot("behov"))
            .map(|fact| table.words_of(fact))
            .and_then(|words| words.iter().position(|word| *word == "hemliv"))
            .unwrap_or(99);
        let vard = table
            .fact(slot("behov"))
            .map(|fact| table.words_of(fact))
            .and_then(|words| words.iter().position(|word| *word == "personlig_vård"))
            .unwrap_or(99);
        assert_eq!(person.get(slot("behov")), Some((1 << hemliv) | (1 << vard)));
        let ansokan = &input.case.ansokningar[0];
        assert_eq!(ansokan.facts.get(slot("utan_behovsprövning")), Some(0));
        assert_eq!(ansokan.sokt_omfattning, Some(7_500));
    }

    #[test]
    fn binding_faults_name_the_field_and_never_the_value() {
        let cases = [
            (
                r#"{"schema_version":1,"person":{"bor_ensamm":true}}"#,
                "/person/bor_ensamm",
                "menade du `bor_ensam`?",
            ),
            (
                r#"{"schema_version":1,"person":{"bor_ensam":"19470815-9882"}}"#,
                "/person/bor_ensam",
                "ska vara true eller false",
            ),
            (
                r#"{"schema_version":1,"person":{"alder":80}}"#,
                "/person/alder",
                "räknas fram av motorn",
            ),
            (
                r#"{"schema_version":1,"ansokningar":[{"insats":"x","bor_ensam":true}]}"#,
                "/ansokningar/0/bor_ensam",
                "gäller personen",
            ),
            (
                r#"{"schema_version":1,"person":{"utan_behovsprovning":true}}"#,
                "/person/utan_behovsprovning",
                "gäller en ansökan",
            ),
            (
                r#"{"schema_version":1,"person":{"behov":["hemliv","Anna Andersson"]}}"#,
                "/person/behov",
                "inte är tillåtet",
            ),
            (
                r#"{"schema_version":1,"person":{"personkrets":1.5}}"#,
                "/person/personkrets",
                "ett heltal",
            ),
        ];
        for (text, pointer, fragment) in cases {
            let error = bind(text, Binding::Strict).err();
            let Some(error) = error else {
                panic!("{text} binds");
            };
            assert_eq!(error.pointer, pointer, "{text}");
            assert!(
                error.message.contains(fragment),
                "{text}: {}",
                error.message
            );
            assert!(!error.message.contains("19470815"), "{}", error.message);
            assert!(!error.message.contains("Anna"), "{}", error.message);
        }
    }

    #[test]
    fn facts_stand_in_the_order_the_case_gives_them_and_a_key_given_twice_is_refused() {
        let text = r#"{"schema_version":1,"person":{"bor_ensam":true,"antal_barn":2,"behov":["hemliv"]},
            "ansokningar":[{"insats":"x","stadning_var_n_vecka":3,"bor_ensam":false}]}"#;
        let input = crate::case::from_json(text);
        assert!(input.is_ok(), "{input:?}");
        let kept: Vec<(Place, &str)> = input
            .as_ref()
            .map(|input| {
                input
                    .facts
                    .iter()
                    .map(|fact| (fact.place, fact.key.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            kept,
            [
                (Place::Person, "bor_ensam"),
                (Place::Person, "antal_barn"),
                (Place::Person, "behov"),
                (Place::Ansokan(0), "stadning_var_n_vecka"),
                (Place::Ansokan(0), "bor_ensam"),
            ]
        );
        // The same key in another place is another fact; in the same place it is refused
        // with its pointer, wherever the two stand.
        for (twice, pointer) in [
            (
                r#"{"schema_version":1,"person":{"bor_ensam":true,"kon":"kvinna","bor_ensam":false}}"#,
                "/person/bor_ensam",
            ),
            (
                r#"{"schema_version":1,"ansokningar":[{"insats":"x","a":1},{"insats":"y","a":1,"b":2,"a":3}]}"#,
                "/ansokningar/1/a",
            ),
        ] {
            let error = crate::case::from_json(twice).err();
            assert_eq!(
                error.as_ref().map(|error| error.pointer.as_str()),
                Some(pointer),
                "{twice}"
            );
            assert_eq!(
                error.map(|error| error.message),
                Some(texts::FALTET_FOREKOMMER_TVA_GANGER.to_owned())
            );
        }
    }

    #[test]
    fn a_lenient_binding_counts_what_the_version_does_not_know() {
        let text = r#"{"schema_version":1,"person":{"bor_ensam":true,"antal_barn":2},
            "ansokningar":[{"insats":"x","stadning_var_n_vecka":3}]}"#;
        let bound = bind(text, Binding::Lenient);
        assert_eq!(bound.map(|(_, unknown)| unknown).ok(), Some(2));
        assert!(bind(text, Binding::Strict).is_err());
    }

    /// Facts a person can be given in a case, each a JSON member: the catalogue's own with a
    /// value of their type and with a wrong one, `null`, a fact the engine computes, an
    /// ansökan's fact, and a key the catalogue does not know.
    const PERSON_MEMBERS: [&str; 14] = [
        r#""bor_ensam":true"#,
        r#""bor_ensam":"ja""#,
        r#""bor_ensam":null"#,
        r#""behov":["hemliv","trygghet"]"#,
        r#""behov":["hemliv","Anna Andersson"]"#,
        r#""behov":"hemliv""#,
        r#""grundlaggande_behov_timmar":2.5"#,
        r#""grundlaggande_behov_timmar":-1"#,
        r#""grundlaggande_behov_timmar":"7,5""#,
        r#""personkrets":3"#,
        r#""personkrets":1.5"#,
        r#""alder":80"#,
        r#""utan_behovsprovning":true"#,
        r#""bor_ensamm":true"#,
    ];

    /// Facts an ansökan can be given, as [`PERSON_MEMBERS`] are a person's.
    const ANSOKAN_MEMBERS: [&str; 7] = [
        r#""eget_samtycke":true"#,
        r#""eget_samtycke":1"#,
        r#""parboende":false"#,
        r#""utan_behovsprovning":false"#,
        r#""bor_ensam":true"#,
        r#""har_gallande_beslut":true"#,
        r#""stadning_var_n_vecka":3"#,
    ];

    /// A case of the members at `person` and, for each ansökan, at its indices.
    fn case_of(person: &[usize], ansokningar: &[Vec<usize>]) -> String {
        let members = |all: &[&str], picked: &[usize]| -> Vec<String> {
            picked
                .iter()
                .filter_map(|index| all.get(*index).map(|member| (*member).to_owned()))
                .collect()
        };
        let ansokningar: Vec<String> = ansokningar
            .iter()
            .map(|picked| {
                let mut members = members(&ANSOKAN_MEMBERS, picked);
                members.insert(0, r#""insats":"hemtjanst_service""#.to_owned());
                format!("{{{}}}", members.join(","))
            })
            .collect();
        format!(
            r#"{{"schema_version":1,"person":{{{}}},"ansokningar":[{}]}}"#,
            members(&PERSON_MEMBERS, person).join(","),
            ansokningar.join(",")
        )
    }

    /// What binding makes of a case: its core case, how many facts the catalogue does not
    /// know, and their keys in the order named.
    type Bound = Result<(Box<Case>, usize, Vec<String>), InputError>;

    /// The lines of `text`, read into one case after another (each given back to the reader),
    /// bound by `index` with `binding`; bound as they are read when `as_read`.
    fn read_and_bind(
        text: &str,
        index: &Arc<FactIndex>,
        binding: Binding,
        as_read: bool,
    ) -> Vec<Bound> {
        let bytes = text.as_bytes().to_vec();
        let mut reader = if as_read {
            super::super::read_lines_bound(bytes, Arc::clone(index))
        } else {
            super::super::read_lines(bytes)
        };
        let mut bound = Vec::new();
        while let Some(record) = reader.next() {
            let mut keys = Vec::new();
            match record.result {
                Ok(mut input) => {
                    let result = index
                        .bind_noting(&mut input, binding, |key| keys.push(key.to_owned()))
                        .map(|unknown| (input.case.clone(), unknown, keys));
                    bound.push(result);
                    reader.recycle(input);
                }
                Err(error) => bound.push(Err(error)),
            }
        }
        bound
    }

    fn national_index() -> Arc<FactIndex> {
        let bytes = national();
        let Ok(table) = Table::decode(&bytes) else {
            panic!("the national catalogue does not decode");
        };
        Arc::new(FactIndex::of(&table))
    }

    mod as_read {
        use proptest::prelude::*;

        use super::*;

        fn members(all: usize) -> impl Strategy<Value = Vec<usize>> {
            proptest::collection::vec(0..all, 0..6)
        }

        proptest! {
            /// A case bound to a catalogue as it is read, then bound by that catalogue, is the
            /// case read and then bound: the same core case, the same facts unknown, or the
            /// same fault at the same place; and so is the next case read into it.
            #[test]
            fn a_case_bound_as_it_is_read_is_the_case_read_then_bound(
                cases in proptest::collection::vec(
                    (
                        members(PERSON_MEMBERS.len()),
                        proptest::collection::vec(members(ANSOKAN_MEMBERS.len()), 0..3),
                    ),
                    1..4,
                ),
                strict in any::<bool>(),
            ) {
                let index = national_index();
                let text: String = cases
                    .iter()
                    .map(|(person, ansokningar)| case_of(person, ansokningar) + "\n")
                    .collect();
                let binding = if strict { Binding::Strict } else { Binding::Lenient };
                let then = read_and_bind(&text, &index, binding, false);
                let as_read = read_and_bind(&text, &index, binding, true);
                prop_assert_eq!(then.len(), cases.len());
                prop_assert_eq!(as_read, then);
            }
        }
    }

    #[test]
    fn a_case_with_facts_taken_as_read_is_bound_by_that_catalogue_only() {
        let index = national_index();
        let other = national_index();
        let taken = r#"{"schema_version":1,"person":{"bor_ensam":true}}"#;
        let none_taken = r#"{"schema_version":1,"person":{"bor_ensamm":true}}"#;
        for (text, refused) in [(taken, true), (none_taken, false)] {
            let mut reader =
                super::super::read_lines_bound(text.as_bytes().to_vec(), index.clone());
            let Some(Ok(mut input)) = reader.next().map(|record| record.result) else {
                panic!("{text} is not read");
            };
            let error = other.bind(&mut input, Binding::Lenient).err();
            assert_eq!(
                error.map(|error| error.message),
                refused.then(|| texts::ARENDET_LASTES_MED_EN_ANNAN.to_owned()),
                "{text}"
            );
        }
        // The same catalogue binds it, with the fact in its slot.
        let mut reader = super::super::read_lines_bound(taken.as_bytes().to_vec(), index.clone());
        let Some(Ok(mut input)) = reader.next().map(|record| record.result) else {
            panic!("the case is not read");
        };
        assert!(input.facts.is_empty(), "{:?}", input.facts);
        assert_eq!(input.case.person.facts.len(), 1);
        assert_eq!(index.bind(&mut input, Binding::Strict), Ok(0));
        assert_eq!(input.case.person.facts.len(), 1);
    }
}
