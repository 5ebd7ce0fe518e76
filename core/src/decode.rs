//! The validated table: [`Table::decode`] reads a compiled table's bytes, checks every
//! reference in them once, and gives a [`Table`], the only form in which the rest of the crate
//! and its users see a table.
//!
//! A [`Table`] hands out its parts through accessors, and refers to them by index types
//! ([`InsatsIdx`], [`RuleIdx`], [`ParamIdx`], [`AtgardIdx`], [`AtgardRuleIdx`]) that only this
//! module can make: every index a table gives is in range for that table.
//! After [`Table::decode`] returns `Ok`, no accessor or evaluation step can index out of
//! bounds, read a fact that does not exist, or overflow its stack: the evaluator still uses
//! `get()` everywhere, but its fallbacks are unreachable for the indices a table gives.
//! The decoder also derives each rule's flat condition, when it has one (see `flat`), and for
//! each insats the runs of its rules that one fact can rule out together (see `Guard`), and
//! keeps them inside the table.
//! This module holds no evaluation and no wire types (those are in `table`).

use core::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};

use crate::case::{Builtin, FactKind, FactScope, Facts, NO_SLOTS, SlotMask, mark, marked};
use crate::condition::Quantity;
use crate::date::Date;
use crate::error::{DecodeError, EncodeError};
use crate::flat::{self, FlatComponent, FlatComponents, FlatConditions, Tests, Values};
use crate::hash::sha256;
use crate::id_index::IdIndex;
use crate::limits::{
    MAX_ATGARD_RULES, MAX_ATGARDER, MAX_COMPONENTS_PER_INSATS, MAX_INSATS_ID_LEN, MAX_INSATSER,
    MAX_PARAMS, MAX_PROPERTIES_PER_INSATS, MAX_REASONS_PER_ATGARD, MAX_REASONS_PER_INSATS,
    MAX_RULE_OPS, MAX_RULES, MAX_SET_WORDS, MAX_STACK,
};
use crate::num::Num;
use crate::table::{
    ALLA_ATGARDER, Atgard, AtgardRule, AtgardRuleKind, Code, Component, FORMAT_VERSION, Fact,
    HEADER_LEN, Insats, MAGIC, Meta, OP_SIZE, Op, Param, Property, RawTable, Rule, RuleKind,
    Status, code_at,
};

/// A compiled riktlinje, validated: made only by [`Table::decode`], so every reference in it
/// holds.
///
/// Its parts are read through accessors; an index it hands out (an [`InsatsIdx`] from
/// [`Table::insats_index`], a [`RuleIdx`] from [`Table::rule_indices_of`], ...) is in range for
/// it.
/// An index does not say which table gave it: used with another table it may name another item,
/// or give `None` or an empty list past that table's end, but never a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table<'a> {
    raw: RawTable<'a>,
    content_hash: [u8; 32],
    /// The flat form of each rule's condition that has one, by rule index; derived from the
    /// code, so it takes no part in comparing two tables.
    flat: FlatConditions,
    /// The flat forms of the schablon components' conditions, by component index.
    component_flat: FlatComponents,
    /// Where each insats's rules of each kind lie among its rules, by insats index; derived
    /// from the rules like `flat`.
    spans: RuleSpansByInsats,
    /// The slot of each builtin the catalogue declares, by [`Builtin::index`].
    builtins: [Option<u16>; Builtin::ALL.len()],
    /// The slots of the facts about the person.
    person: SlotMask,
    /// The slots of the facts with a declared value for when a case does not give them, by
    /// [`FactScope`]: most catalogues declare none, and then filling them costs one test.
    defaults: [Option<SlotMask>; FactScope::COUNT],
    /// The slots whose values a case gives, by [`FactScope`]: the catalogue's facts of that
    /// scope that the engine does not derive itself.
    given: [SlotMask; FactScope::COUNT],
    /// The insatser's positions by their ids; derived from the insatser like `flat`.
    insats_ids: IdIndex,
}

/// The index of an insats in a [`Table`]: its position in [`Table::insatser`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InsatsIdx(u8);

/// The index of a rule in a [`Table`]: its position in [`Table::rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleIdx(u16);

/// The index of a parameter in a [`Table`]: its position in [`Table::params`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParamIdx(u8);

/// The index of a kind of skyddsåtgärd in a [`Table`]: its position in [`Table::atgarder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AtgardIdx(u8);

/// The index of a rule about skyddsåtgärder in a [`Table`]: its position in
/// [`Table::atgard_rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AtgardRuleIdx(u16);

// Each index type holds every position its list can have, so the `as` conversions below, from
// a position in a list, never truncate; a kind of skyddsåtgärd is a bit of a `u32` mask.
const _: () = assert!(MAX_INSATSER <= u8::MAX as usize);
const _: () = assert!(MAX_RULES <= u16::MAX as usize);
const _: () = assert!(MAX_PARAMS <= u8::MAX as usize);
const _: () = assert!(MAX_ATGARDER <= u32::BITS as usize);
const _: () = assert!(MAX_ATGARD_RULES <= u16::MAX as usize);

impl InsatsIdx {
    /// The position in [`Table::insatser`].
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl RuleIdx {
    /// The position in [`Table::rules`].
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The index of the rule at `position` among an insats's rules, the first of which has the
    /// index `first_rule`.
    #[inline]
    pub(crate) fn at(first_rule: u16, position: usize) -> RuleIdx {
        RuleIdx(first_rule.wrapping_add(position as u16))
    }
}

impl ParamIdx {
    /// The position in [`Table::params`].
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl AtgardIdx {
    /// The position in [`Table::atgarder`].
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl AtgardRuleIdx {
    /// The position in [`Table::atgard_rules`].
    #[inline]
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl<'a> Table<'a> {
    /// Reads and validates a compiled table, borrowing its texts from `bytes`.
    ///
    /// # Errors
    /// A [`DecodeError`] naming the first fault: a short or foreign file, another format
    /// version, a changed byte (content hash), or a reference that points nowhere.
    ///
    /// The table is returned by value, which costs a copy of it on the stack; on a device,
    /// where the stack is most of the memory needed, [`Table::decode_into`] makes it where the
    /// caller keeps it instead.
    pub fn decode(bytes: &'a [u8]) -> Result<Table<'a>, DecodeError> {
        let mut table = Table::empty();
        table.read(bytes)?;
        Ok(table)
    }

    /// As [`Table::decode`], with the table made in `slot`, where the caller keeps it: no copy
    /// of it passes through the stack. `slot` holds the table afterwards, or `None` after a
    /// fault.
    ///
    /// # Errors
    /// As [`Table::decode`].
    ///
    /// ```
    /// # fn run(bytes: &[u8]) -> Result<(), riktlinjer_core::DecodeError> {
    /// use riktlinjer_core::Table;
    /// let mut slot = None;
    /// let table = Table::decode_into(bytes, &mut slot)?;
    /// assert_eq!(table.meta().riktlinje_id, "exempelkommun-2025-11-01");
    /// # Ok(())
    /// # }
    /// # run(include_bytes!("../../tests/fixtures/exempelkommun.bin")).unwrap();
    /// ```
    pub fn decode_into<'s>(
        bytes: &'a [u8],
        slot: &'s mut Option<Table<'a>>,
    ) -> Result<&'s Table<'a>, DecodeError> {
        if let Err(error) = slot.insert(Table::empty()).read(bytes) {
            *slot = None;
            return Err(error);
        }
        // The slot holds the table just read.
        slot.as_ref().ok_or(DecodeError::Malformed)
    }

    /// A table with nothing in it, to read into; never handed out.
    #[inline(always)]
    fn empty() -> Table<'a> {
        Table {
            raw: RawTable {
                meta: Meta {
                    riktlinje_id: "",
                    kommun: "",
                    namnd: "",
                    titel: "",
                    beslutsdatum: None,
                    paragraf: "",
                    dnr: "",
                    giltig_fran: Date::EPOCH,
                    status: Status::Forslag,
                    grund: None,
                },
                insatser: heapless::Vec::new(),
                params: heapless::Vec::new(),
                rules: heapless::Vec::new(),
                code: &[],
                atgarder: heapless::Vec::new(),
                atgard_rules: heapless::Vec::new(),
                facts: heapless::Vec::new(),
                words: heapless::Vec::new(),
                numbers: heapless::Vec::new(),
                components: heapless::Vec::new(),
                properties: heapless::Vec::new(),
            },
            content_hash: [0; 32],
            flat: FlatConditions::new(),
            component_flat: FlatComponents(heapless::Vec::new()),
            spans: RuleSpansByInsats(heapless::Vec::new()),
            builtins: [None; Builtin::ALL.len()],
            person: NO_SLOTS,
            defaults: [None; FactScope::COUNT],
            given: [NO_SLOTS; FactScope::COUNT],
            insats_ids: IdIndex::new(),
        }
    }

    /// Reads `bytes` into this table, which is empty: its parts straight into its lists, and
    /// what is derived from them filled in place (each part read apart and moved into the
    /// table would be copied, and on a device each copy is more stack). On a fault the table is
    /// left part-filled, and the caller drops it.
    fn read(&mut self, bytes: &'a [u8]) -> Result<(), DecodeError> {
        let table = self;
        let (header, payload) = bytes
            .split_at_checked(HEADER_LEN)
            .ok_or(DecodeError::Truncated { len: bytes.len() })?;
        let (magic, rest) = header.split_at_checked(4).ok_or(DecodeError::BadMagic)?;
        if magic != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let (version, stored_hash) = rest.split_at_checked(2).ok_or(DecodeError::BadMagic)?;
        let found = match version {
            [low, high] => u16::from_le_bytes([*low, *high]),
            _ => return Err(DecodeError::BadMagic),
        };
        if found != FORMAT_VERSION {
            return Err(DecodeError::UnsupportedFormat { found });
        }
        let content_hash = sha256(payload);
        if stored_hash != content_hash {
            return Err(DecodeError::HashMismatch);
        }
        table.content_hash = content_hash;
        let mut reader = postcard::Deserializer::from_bytes(payload);
        let mut over = None;
        InPlace(&mut table.raw, &mut over)
            .deserialize(&mut reader)
            .map_err(|_| over.unwrap_or(DecodeError::Malformed))?;
        let trailing = reader.finalize().map_err(|_| DecodeError::Malformed)?;
        if !trailing.is_empty() {
            return Err(DecodeError::TrailingBytes {
                count: trailing.len(),
            });
        }
        validate(&table.raw)?;
        let Table {
            raw,
            flat,
            component_flat,
            spans,
            builtins,
            person,
            defaults,
            given,
            insats_ids,
            ..
        } = table;
        insats_ids.fill(raw.insatser.iter().map(|insats| insats.id));
        flatten_conditions(raw, flat);
        flatten_components(raw, component_flat);
        rule_spans(raw, flat, spans);
        for (slot, fact) in (0..=u16::MAX).zip(raw.facts.iter()) {
            if let Some(builtin) = fact.builtin
                && let Some(entry) = builtins.get_mut(builtin.index())
            {
                *entry = Some(slot);
            }
            if fact.scope == FactScope::Person {
                mark(person, slot);
            }
            if fact.saknas.is_some()
                && let Some(mask) = defaults.get_mut(fact.scope as usize)
            {
                mark(mask.get_or_insert(NO_SLOTS), slot);
            }
            if fact.builtin.is_none()
                && let Some(mask) = given.get_mut(fact.scope as usize)
            {
                mark(mask, slot);
            }
        }
        Ok(())
    }

    /// Writes the table into `buf` in the wire format, as [`RawTable::encode`] does: a fresh
    /// header, then the payload; returns the number of bytes written.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when `buf` cannot hold the table.
    pub fn encode(&self, buf: &mut [u8]) -> Result<usize, EncodeError> {
        self.raw.encode(buf)
    }

    /// What the nämnd adopted: the riktlinje's id, kommun, nämnd, beslut and giltig från.
    #[inline]
    pub fn meta(&self) -> &Meta<'a> {
        &self.raw.meta
    }

    /// The SHA-256 of the table's payload, which names this version of the riktlinje.
    #[inline]
    pub fn content_hash(&self) -> [u8; 32] {
        self.content_hash
    }

    /// The content hash as 64 lowercase hexadecimal digits.
    pub fn content_hash_hex(&self) -> [u8; 64] {
        let mut out = [b'0'; 64];
        for (pair, byte) in out.chunks_exact_mut(2).zip(self.content_hash.iter()) {
            if let [high, low] = pair {
                *high = hex_digit(byte >> 4);
                *low = hex_digit(byte & 0x0f);
            }
        }
        out
    }

    /// The insatser, in the table's order.
    #[inline]
    pub fn insatser(&self) -> &[Insats<'a>] {
        &self.raw.insatser
    }

    /// The insatser with their indices, in the table's order.
    #[inline]
    pub fn insats_indices(
        &self,
    ) -> impl ExactSizeIterator<Item = (InsatsIdx, &Insats<'a>)> + Clone {
        self.raw
            .insatser
            .iter()
            .enumerate()
            .map(|(position, insats)| (InsatsIdx(position as u8), insats))
    }

    /// The insats with index `insats_idx` (`None` only for an index of another table).
    #[inline]
    pub fn insats(&self, insats_idx: InsatsIdx) -> Option<&Insats<'a>> {
        self.raw.insatser.get(insats_idx.index())
    }

    /// The index of the insats with id `id`.
    pub fn insats_index(&self, id: &str) -> Option<InsatsIdx> {
        let position = self.insats_ids.find(id, |position| {
            self.raw.insatser.get(position).map(|insats| insats.id)
        })?;
        // A table holds fewer insatser than an index can name.
        u8::try_from(position).ok().map(InsatsIdx)
    }

    /// Every rule about insatser, grouped by insats in the order of [`Table::insatser`], in
    /// written order within each.
    #[inline]
    pub fn rules(&self) -> &[Rule<'a>] {
        &self.raw.rules
    }

    /// The rules of insats `insats_idx`, in written order (empty for an index of another table).
    #[inline]
    pub fn rules_of(&self, insats_idx: InsatsIdx) -> &[Rule<'a>] {
        self.rule_range(insats_idx).1
    }

    /// The rules of insats `insats_idx` with their indices, in written order (none for an index
    /// of another table).
    #[inline]
    pub fn rule_indices_of(
        &self,
        insats_idx: InsatsIdx,
    ) -> impl ExactSizeIterator<Item = (RuleIdx, &Rule<'a>)> + Clone {
        let (first_rule, rules) = self.rule_range(insats_idx);
        rules
            .iter()
            .enumerate()
            .map(move |(offset, rule)| (RuleIdx::at(first_rule, offset), rule))
    }

    /// The table's parts as they were read, for a std caller that derives another table from
    /// this one (the same riktlinje under the law of another day) and encodes it anew.
    #[inline]
    pub fn raw(&self) -> &RawTable<'a> {
        &self.raw
    }

    /// The named parameters with their dated values.
    #[inline]
    pub fn params(&self) -> &[Param<'a>] {
        &self.raw.params
    }

    /// The index of the parameter named `namn`.
    pub fn param_index(&self, namn: &str) -> Option<ParamIdx> {
        self.raw
            .params
            .iter()
            .position(|param| param.namn == namn)
            .map(|position| ParamIdx(position as u8))
    }

    /// The value of parameter `param_idx` on `on` (see [`Param::value_on`]).
    pub fn param_value(&self, param_idx: ParamIdx, on: Date) -> Option<i32> {
        self.raw.params.get(param_idx.index())?.value_on(on)
    }

    /// The kinds of skyddsåtgärd the riktlinje declares.
    #[inline]
    pub fn atgarder(&self) -> &[Atgard<'a>] {
        &self.raw.atgarder
    }

    /// The kind of skyddsåtgärd with index `atgard_idx` (`None` only for an index of another
    /// table).
    #[inline]
    pub fn atgard(&self, atgard_idx: AtgardIdx) -> Option<&Atgard<'a>> {
        self.raw.atgarder.get(atgard_idx.index())
    }

    /// The index of the kind of skyddsåtgärd with id `id`.
    pub fn atgard_index(&self, id: &str) -> Option<AtgardIdx> {
        self.raw
            .atgarder
            .iter()
            .position(|atgard| atgard.id == id)
            .map(|position| AtgardIdx(position as u8))
    }

    /// The rules about skyddsåtgärder, in written order.
    #[inline]
    pub fn atgard_rules(&self) -> &[AtgardRule<'a>] {
        &self.raw.atgard_rules
    }

    /// The rules about skyddsåtgärder of kind `atgard_idx` (`None` for a kind the riktlinje does
    /// not declare: only the rules for every kind), in written order, with their indices.
    pub fn atgard_rules_of(
        &self,
        atgard_idx: Option<AtgardIdx>,
    ) -> impl Iterator<Item = (AtgardRuleIdx, &AtgardRule<'a>)> + Clone {
        atgard_rules_of(&self.raw, atgard_idx)
    }

    /// The fact catalogue, in slot order.
    #[inline]
    pub fn facts(&self) -> &[Fact<'a>] {
        &self.raw.facts
    }

    /// The fact in `slot`.
    #[inline]
    pub fn fact(&self, slot: u16) -> Option<&Fact<'a>> {
        self.raw.facts.get(usize::from(slot))
    }

    /// The slot of the fact named `name` (as a riktlinje writes it).
    pub fn fact_slot(&self, name: &str) -> Option<u16> {
        (0..=u16::MAX)
            .zip(self.raw.facts.iter())
            .find(|(_, fact)| fact.name == name)
            .map(|(slot, _)| slot)
    }

    /// The words of a fact that takes a choice or a set, in order (empty for another fact).
    pub fn words_of(&self, fact: &Fact<'a>) -> &[&'a str] {
        let start = usize::from(fact.first_word);
        self.raw
            .words
            .get(start..start.saturating_add(usize::from(fact.n_words)))
            .unwrap_or(&[])
    }

    /// The slot of `builtin`, when the catalogue declares it.
    #[inline]
    pub fn builtin_slot(&self, builtin: Builtin) -> Option<usize> {
        self.builtins
            .get(builtin.index())
            .copied()
            .flatten()
            .map(usize::from)
    }

    /// The slots of the facts about the person.
    #[inline]
    pub fn person_slots(&self) -> &SlotMask {
        &self.person
    }

    /// Whether a case gives the value of `slot` for `scope`: the slot is a fact of the catalogue
    /// about `scope` that the engine does not derive itself.
    #[inline]
    pub(crate) fn is_given(&self, slot: u16, scope: FactScope) -> bool {
        self.given
            .get(scope as usize)
            .is_some_and(|mask| marked(mask, slot))
    }

    /// Sets every fact of `scope` that has a declared value for when a case does not give it,
    /// and is unknown in `facts`, to that value.
    #[inline]
    pub fn fill_defaults(&self, facts: &mut Facts, scope: FactScope) {
        if let Some(Some(defaults)) = self.defaults.get(scope as usize) {
            self.fill_defaults_of(defaults, facts);
        }
    }

    /// Sets each fact among `defaults` that is unknown in `facts` to its declared value.
    #[inline(never)]
    fn fill_defaults_of(&self, defaults: &SlotMask, facts: &mut Facts) {
        facts.fill_unknown(defaults, |slot| {
            self.raw.facts.get(slot).and_then(|fact| fact.saknas)
        });
    }

    /// The schablon components of insats `insats_idx`, in written order, with the index of the
    /// first in [`Table::components`].
    pub fn components_of(&self, insats_idx: InsatsIdx) -> (u16, &[Component<'a>]) {
        let Some(insats) = self.insats(insats_idx) else {
            return (0, &[]);
        };
        let start = usize::from(insats.first_component);
        let end = start.saturating_add(usize::from(insats.n_components));
        (
            insats.first_component,
            self.raw.components.get(start..end).unwrap_or(&[]),
        )
    }

    /// Every schablon component, grouped by insats.
    #[inline]
    pub fn components(&self) -> &[Component<'a>] {
        &self.raw.components
    }

    /// What insats `insats_idx` includes, in written order.
    pub fn properties_of(&self, insats_idx: InsatsIdx) -> &[Property<'a>] {
        let Some(insats) = self.insats(insats_idx) else {
            return &[];
        };
        let start = usize::from(insats.first_property);
        self.raw
            .properties
            .get(start..start.saturating_add(usize::from(insats.n_properties)))
            .unwrap_or(&[])
    }

    /// The exact number with index `index` that code pushes.
    #[inline]
    pub(crate) fn number(&self, index: i32) -> Option<Num> {
        number_in(&self.raw, index)
    }

    /// The value of the parameter with the index `index` in code, on `on`.
    #[inline]
    pub(crate) fn param_value_at(&self, index: i32, on: Date) -> Option<i32> {
        self.raw
            .params
            .get(usize::try_from(index).ok()?)?
            .value_on(on)
    }

    /// Every rule's condition code, back to back.
    #[inline]
    pub(crate) fn code(&self) -> &'a [u8] {
        self.raw.code
    }

    /// Component `index`'s conditions in their flat forms and its figures in the shapes read
    /// directly, where they have them (none for an index of another table).
    #[inline]
    pub(crate) fn component_flat(&self, index: u16) -> &FlatComponent {
        const NONE: &FlatComponent = &FlatComponent {
            villkor: None,
            delas: None,
            tid: None,
            antal: None,
            hogst: None,
            subtotal: None,
        };
        self.component_flat
            .0
            .get(usize::from(index))
            .unwrap_or(NONE)
    }

    /// The flat form of rule `rule_idx`'s condition, if it has one.
    #[inline]
    pub(crate) fn flat(&self, rule_idx: RuleIdx) -> Option<Tests<'_>> {
        self.flat.get(rule_idx.index())
    }

    /// How many rules have a flat form, and how many tests they hold together.
    #[cfg(test)]
    pub(crate) fn flat_counts(&self) -> (usize, usize) {
        self.flat.counts()
    }

    /// The same table without the runs of rules a fact rules out together (see [`Guard`]):
    /// what a prövning gives trying every rule, to hold the runs to.
    #[cfg(test)]
    pub(crate) fn without_guards(mut self) -> Table<'a> {
        for span in &mut self.spans.0 {
            span.guards = [Guard::default(); GUARDS];
        }
        self
    }

    /// The runs of insats `insats_idx`'s rules that one fact can rule out together, as
    /// positions among its rules, with the fact's slot and the values that do not rule them
    /// out; an empty run is left out.
    #[cfg(test)]
    pub(crate) fn guards(
        &self,
        insats_idx: InsatsIdx,
    ) -> std::vec::Vec<(core::ops::Range<usize>, u16, Values)> {
        self.rule_spans(insats_idx)
            .guards
            .iter()
            .filter(|guard| guard.len() > 0)
            .map(|guard| (guard.positions(), guard.fact, guard.values))
            .collect()
    }

    /// Where insats `insats_idx`'s `lagen_hindrar` and `upplysning` rules lie among its rules
    /// (nowhere for an index of another table).
    #[inline]
    pub(crate) fn rule_spans(&self, insats_idx: InsatsIdx) -> RuleSpans {
        self.spans
            .0
            .get(insats_idx.index())
            .copied()
            .unwrap_or_default()
    }

    /// The index of insats `insats_idx`'s first rule and its rules (none for an index of
    /// another table).
    #[inline]
    pub(crate) fn rule_range(&self, insats_idx: InsatsIdx) -> (u16, &[Rule<'a>]) {
        let Some(insats) = self.insats(insats_idx) else {
            return (0, &[]);
        };
        let start = usize::from(insats.first_rule);
        let end = start.saturating_add(usize::from(insats.n_rules));
        (
            insats.first_rule,
            self.raw.rules.get(start..end).unwrap_or(&[]),
        )
    }
}

/// The rules of `raw` about skyddsåtgärder of kind `atgard_idx`, as [`Table::atgard_rules_of`].
fn atgard_rules_of<'t, 'a>(
    raw: &'t RawTable<'a>,
    atgard_idx: Option<AtgardIdx>,
) -> impl Iterator<Item = (AtgardRuleIdx, &'t AtgardRule<'a>)> + Clone {
    let bit = atgard_idx.and_then(|atgard_idx| 1u32.checked_shl(u32::from(atgard_idx.0)));
    raw.atgard_rules
        .iter()
        .enumerate()
        .filter(move |(_, rule)| {
            rule.atgarder == ALLA_ATGARDER || bit.is_some_and(|bit| rule.atgarder & bit != 0)
        })
        .map(|(position, rule)| (AtgardRuleIdx(position as u16), rule))
}

/// Checks every reference in `raw` and the bounds the evaluator relies on.
fn validate(raw: &RawTable<'_>) -> Result<(), DecodeError> {
    let mut next_rule = 0usize;
    for (index, insats) in (0..=u16::MAX).zip(raw.insatser.iter()) {
        if insats.id.is_empty() || insats.id.len() > MAX_INSATS_ID_LEN {
            return Err(DecodeError::BadRuleRange { insats: index });
        }
        if raw
            .insatser
            .iter()
            .take(usize::from(index))
            .any(|earlier| earlier.id == insats.id)
        {
            return Err(DecodeError::DuplicateInsats { insats: index });
        }
        if usize::from(insats.first_rule) != next_rule {
            return Err(DecodeError::BadRuleRange { insats: index });
        }
        let rules = raw
            .rules
            .get(next_rule..next_rule.saturating_add(usize::from(insats.n_rules)))
            .ok_or(DecodeError::BadRuleRange { insats: index })?;
        if rules.iter().any(|rule| u16::from(rule.insats) != index) {
            return Err(DecodeError::BadRuleRange { insats: index });
        }
        let n_listing = rules
            .iter()
            .filter(|rule| matches!(rule.utfall, RuleKind::LagenHindrar | RuleKind::Upplysning))
            .count();
        if n_listing.saturating_add(2) > MAX_REASONS_PER_INSATS {
            return Err(DecodeError::TooManyReasons { insats: index });
        }
        next_rule = next_rule.saturating_add(rules.len());
        validate_parts(raw, index, insats)?;
    }
    if next_rule != raw.rules.len() {
        // Rules past the last insats's range: the fault is after the last insats. A table has
        // at most `MAX_INSATSER` of them, so the count fits.
        return Err(DecodeError::BadRuleRange {
            insats: raw.insatser.len() as u16,
        });
    }
    for (index, param) in (0..=u16::MAX).zip(raw.params.iter()) {
        let increasing = param
            .values
            .iter()
            .zip(param.values.iter().skip(1))
            .all(|((earlier, _), (later, _))| earlier < later);
        if !increasing {
            return Err(DecodeError::BadParam { param: index });
        }
    }
    for (index, rule) in (0..=u16::MAX).zip(raw.rules.iter()) {
        let bad = DecodeError::BadCode { rule: index };
        check_code(raw, rule.code_start, rule.code_len).map_err(|()| bad)?;
    }
    let covered = |n: usize, total: usize, what: fn(u16) -> DecodeError| {
        if n == total {
            Ok(())
        } else {
            Err(what(raw.insatser.len() as u16))
        }
    };
    let n_components: usize = raw
        .insatser
        .iter()
        .map(|i| usize::from(i.n_components))
        .sum();
    covered(n_components, raw.components.len(), |insats| {
        DecodeError::BadComponent { insats }
    })?;
    let n_properties: usize = raw
        .insatser
        .iter()
        .map(|i| usize::from(i.n_properties))
        .sum();
    covered(n_properties, raw.properties.len(), |insats| {
        DecodeError::BadProperty { insats }
    })?;
    // Every number in lowest terms with a positive denominator, as the compiler writes them:
    // code then reads each as it is, without reducing it again.
    if raw.numbers.iter().any(|(num, den)| {
        Num::new(*num, *den)
            .is_none_or(|reduced| reduced.numerator() != *num || reduced.denominator() != *den)
    }) {
        return Err(DecodeError::BadNumber);
    }
    validate_facts(raw)?;
    validate_atgarder(raw)
}

/// Checks the components and properties of insats number `index`: contiguous after the
/// previous insats's, of this insats, with valid code.
fn validate_parts(raw: &RawTable<'_>, index: u16, insats: &Insats<'_>) -> Result<(), DecodeError> {
    let bad_component = DecodeError::BadComponent { insats: index };
    let expected_first: usize = raw
        .insatser
        .iter()
        .take(usize::from(index))
        .map(|earlier| usize::from(earlier.n_components))
        .sum();
    if usize::from(insats.first_component) != expected_first
        || usize::from(insats.n_components) > MAX_COMPONENTS_PER_INSATS
        || insats.decimals > 3
        || insats.to_canonical.0 <= 0
        || insats.to_canonical.1 <= 0
    {
        return Err(bad_component);
    }
    let start = usize::from(insats.first_component);
    let end = start.saturating_add(usize::from(insats.n_components));
    let components = raw.components.get(start..end).ok_or(bad_component)?;
    for component in components {
        let own = u16::from(component.insats) == index;
        let includer_ok = component
            .ingar_i
            .is_none_or(|other| (start..end).contains(&usize::from(other)));
        let code_ok = check_optional(raw, component.villkor)
            && !component.tid.is_empty()
            && check_optional(raw, component.tid)
            && check_optional(raw, component.antal)
            && check_optional(raw, component.hogst)
            && check_optional(raw, component.delas);
        if !own || !includer_ok || !code_ok {
            return Err(bad_component);
        }
    }
    let bad_property = DecodeError::BadProperty { insats: index };
    let expected_first: usize = raw
        .insatser
        .iter()
        .take(usize::from(index))
        .map(|earlier| usize::from(earlier.n_properties))
        .sum();
    if usize::from(insats.first_property) != expected_first
        || usize::from(insats.n_properties) > MAX_PROPERTIES_PER_INSATS
    {
        return Err(bad_property);
    }
    let start = usize::from(insats.first_property);
    let properties = raw
        .properties
        .get(start..start.saturating_add(usize::from(insats.n_properties)))
        .ok_or(bad_property)?;
    for property in properties {
        if u16::from(property.insats) != index || !check_optional(raw, property.villkor) {
            return Err(bad_property);
        }
    }
    Ok(())
}

/// Whether `code` is empty or valid.
fn check_optional(raw: &RawTable<'_>, code: Code) -> bool {
    code.is_empty() || check_code(raw, code.start, code.len).is_ok()
}

/// Checks the catalogue: names and keys unique, words in range, builtins declared once and as
/// the engine computes them.
fn validate_facts(raw: &RawTable<'_>) -> Result<(), DecodeError> {
    for (slot, fact) in (0..=u16::MAX).zip(raw.facts.iter()) {
        let bad = DecodeError::BadFact { slot };
        let earlier = raw.facts.iter().take(usize::from(slot));
        let repeated = earlier.clone().any(|other| {
            other.name == fact.name || (fact.builtin.is_some() && other.builtin == fact.builtin)
        });
        if fact.name.is_empty() || repeated {
            return Err(bad);
        }
        let words_end = usize::from(fact.first_word).saturating_add(usize::from(fact.n_words));
        let words_ok = match fact.kind {
            FactKind::Choice => fact.n_words > 0 && words_end <= raw.words.len(),
            FactKind::Set => {
                fact.n_words > 0
                    && usize::from(fact.n_words) <= MAX_SET_WORDS
                    && words_end <= raw.words.len()
            }
            _ => fact.n_words == 0,
        };
        let default_ok = match (fact.saknas, fact.kind) {
            (None, _) => true,
            (Some(_), _) if fact.builtin.is_some() => false,
            (Some(value), FactKind::Bool) => value == 0 || value == 1,
            (Some(value), FactKind::Choice) => (0..i64::from(fact.n_words)).contains(&value),
            (Some(_), FactKind::Int | FactKind::Decimal) => true,
            (Some(_), FactKind::Date | FactKind::Set) => false,
        };
        let builtin_ok = fact.builtin.is_none_or(|builtin| {
            let (kind, words) = builtin.kind();
            kind == fact.kind
                && builtin.scope() == fact.scope
                && words.is_none_or(|words| words.len() == fact.n_words)
        });
        if !words_ok || !builtin_ok || !default_ok {
            return Err(bad);
        }
    }
    Ok(())
}

fn validate_atgarder(raw: &RawTable<'_>) -> Result<(), DecodeError> {
    for (index, atgard) in (0..=u16::MAX).zip(raw.atgarder.iter()) {
        let repeated = raw
            .atgarder
            .iter()
            .take(usize::from(index))
            .any(|earlier| earlier.id == atgard.id);
        if atgard.id.is_empty() || atgard.id.len() > MAX_INSATS_ID_LEN || repeated {
            return Err(DecodeError::BadAtgard { atgard: index });
        }
    }
    // Bits for kinds that exist: a mask never names a kind past the declared ones.
    let declared = u32::try_from(raw.atgarder.len())
        .ok()
        .and_then(|n| 1u32.checked_shl(n))
        .map_or(u32::MAX, |bit| bit.wrapping_sub(1));
    for (index, rule) in (0..=u16::MAX).zip(raw.atgard_rules.iter()) {
        let bad = DecodeError::BadAtgardRule { rule: index };
        let names_kinds = rule.atgarder == ALLA_ATGARDER
            || (rule.atgarder != 0 && rule.atgarder & !declared == 0);
        if !names_kinds {
            return Err(bad);
        }
        check_code(raw, rule.code_start, rule.code_len).map_err(|()| bad)?;
    }
    // Every kind, and a kind the riktlinje does not declare, fits its reasons.
    let kinds = (0..=u8::MAX)
        .zip(raw.atgarder.iter())
        .map(|(position, _)| Some(AtgardIdx(position)))
        .chain(core::iter::once(None));
    for atgard_idx in kinds {
        let n_listing = atgard_rules_of(raw, atgard_idx)
            .filter(|(_, rule)| rule.utfall != AtgardRuleKind::TillatenMedSamtycke)
            .count();
        if n_listing.saturating_add(4) > MAX_REASONS_PER_ATGARD {
            return Err(DecodeError::TooManyAtgardReasons {
                atgard: atgard_idx.map(|atgard_idx| u16::from(atgard_idx.0)),
            });
        }
    }
    Ok(())
}

/// Checks that the `len` bytes of code at `start` lie in the table's code, are whole
/// instructions with valid operands, and leave exactly one value on a stack never deeper than
/// [`MAX_STACK`].
fn check_code(raw: &RawTable<'_>, start: u32, len: u32) -> Result<(), ()> {
    let code = code_at(raw.code, start, len).ok_or(())?;
    if code.is_empty() || !code.len().is_multiple_of(OP_SIZE) || code.len() / OP_SIZE > MAX_RULE_OPS
    {
        return Err(());
    }
    let mut depth = 0usize;
    for instruction in code.chunks_exact(OP_SIZE) {
        let [opcode, a, b, c, d] = *instruction else {
            return Err(());
        };
        let op = Op::from_byte(opcode).ok_or(())?;
        let operand = i32::from_le_bytes([a, b, c, d]);
        let below = |n: usize| usize::try_from(operand).is_ok_and(|index| index < n);
        let valid_operand = match op {
            Op::Fact => below(raw.facts.len()),
            Op::Param => below(raw.params.len()),
            Op::Num => below(raw.numbers.len()),
            Op::Contains => below(MAX_SET_WORDS),
            _ => true,
        };
        if !valid_operand {
            return Err(());
        }
        let (pops, pushes) = op.pops_and_pushes();
        depth = depth.checked_sub(pops).ok_or(())?.saturating_add(pushes);
        if depth > MAX_STACK {
            return Err(());
        }
    }
    if depth == 1 { Ok(()) } else { Err(()) }
}

/// The number with index `index` in `raw`'s pool, which [`validate`] checked to be in lowest
/// terms.
fn number_in(raw: &RawTable<'_>, index: i32) -> Option<Num> {
    let (num, den) = *raw.numbers.get(usize::try_from(index).ok()?)?;
    Some(Num::reduced(num, den))
}

/// Each component's conditions in their flat forms and its figures in the shapes read
/// directly (see `flat` and `Quantity`), by component index.
fn flatten_components(raw: &RawTable<'_>, flats: &mut FlatComponents) {
    let code_of = |code: Code| {
        if code.is_empty() {
            return None;
        }
        code_at(raw.code, code.start, code.len)
    };
    let quantity = |code: Code| {
        code_of(code).and_then(|code| Quantity::read(code, |index| number_in(raw, index)))
    };
    let flats = &mut flats.0;
    flats.clear();
    for component in &raw.components {
        let tid = quantity(component.tid);
        let antal = quantity(component.antal);
        let subtotal = match (tid, component.antal.is_empty()) {
            (Some(tid), true) => tid.times(None),
            (Some(tid), false) => antal.and_then(|antal| tid.times(Some(antal))),
            (None, _) => None,
        };
        // As many as the components, which are at most `MAX_COMPONENTS`.
        let _ = flats.push(FlatComponent {
            villkor: code_of(component.villkor).and_then(flat::flatten),
            delas: code_of(component.delas).and_then(flat::flatten),
            tid,
            antal,
            hogst: quantity(component.hogst),
            subtotal,
        });
    }
}

/// Where an insats's rules of two kinds lie among its rules, in positions from its first rule:
/// a prövning tries only these positions for each kind, not every rule.
///
/// The law's bars (`lagen_hindrar`, written in the national baseline, which comes first) and
/// the riktlinje's `upplysning` rules are few; an insats's deciding rules are most of its rules
/// and are tried in full.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RuleSpans {
    /// Every `lagen_hindrar` rule is among the first `bars`.
    pub(crate) bars: u16,
    /// Every `upplysning` rule is from position `upplysning.0` up to, not including,
    /// `upplysning.1` (both 0 when there is none).
    pub(crate) upplysning: (u16, u16),
    /// The two longest runs of rules that one value of one fact can rule out together, in
    /// written order; they do not overlap.
    pub(crate) guards: [Guard; GUARDS],
}

/// Runs of rules ruled out together that an insats keeps: the law's rules on consent, and a
/// riktlinje's rules on one choice (the two rules on servicetjänster utan behovsprövning).
const GUARDS: usize = 2;

/// A run of an insats's rules, from position `start` up to, not including, `end`, each of
/// which is a conjunction with a test of fact `fact`, so that each holds only for a value of
/// the fact among `values` (what the run's rules let through together).
///
/// When the case gives the fact a value not among them, every rule of the run is false, and a
/// prövning passes over them without trying each. The law's rules on consent are such a run:
/// each asks for an ålder under 18 (`ålder < 12`, `ålder >= 12 och ålder < 18`, `ålder < 15`),
/// and most who apply are older. So are a riktlinje's rules that each need a yes/no fact to be
/// yes (`utan_behovsprövning och …`), when it is no.
/// No run (`start == end`) when an insats has no two rules in a row with such a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Guard {
    start: u16,
    end: u16,
    fact: u16,
    values: Values,
}

impl Default for Guard {
    fn default() -> Guard {
        Guard {
            start: 0,
            end: 0,
            fact: 0,
            values: Values::between(i64::MIN, i64::MAX),
        }
    }
}

impl Guard {
    /// The run as positions among the insats's rules.
    pub(crate) fn positions(self) -> core::ops::Range<usize> {
        usize::from(self.start)..usize::from(self.end)
    }

    /// The run's positions when `facts` give its fact a value it rules out, otherwise none.
    #[inline]
    fn ruled_out(self, facts: &Facts) -> core::ops::Range<usize> {
        // No run, the commonest: its fact is not read.
        if self.start >= self.end {
            return 0..0;
        }
        match facts.get(usize::from(self.fact)) {
            Some(value) if !self.values.admit(value) => self.positions(),
            _ => 0..0,
        }
    }

    fn len(self) -> u16 {
        self.end.saturating_sub(self.start)
    }
}

impl RuleSpans {
    /// How many of the insats's first rules hold every `lagen_hindrar` rule.
    #[inline]
    pub(crate) fn bars(self) -> usize {
        usize::from(self.bars)
    }

    /// The positions of the `upplysning` rules.
    #[inline]
    pub(crate) fn upplysning_range(self) -> core::ops::Range<usize> {
        usize::from(self.upplysning.0)..usize::from(self.upplysning.1)
    }

    /// The positions of the rules that `facts` rule out together (see [`Guard`]): the runs
    /// whose fact the case gives a value they rule out, as one range when they meet, otherwise
    /// the longer; none when neither is ruled out.
    #[inline]
    pub(crate) fn ruled_out(self, facts: &Facts) -> core::ops::Range<usize> {
        let [first, second] = self.guards;
        let (first, second) = (first.ruled_out(facts), second.ruled_out(facts));
        if second.is_empty() {
            first
        } else if first.is_empty() || first.len() < second.len() && first.end != second.start {
            second
        } else if first.end == second.start {
            first.start..second.end
        } else {
            first
        }
    }
}

/// [`RuleSpans`] of every insats, by insats index; compared as equal for the same reason as
/// [`FlatConditions`].
#[derive(Clone, Debug, Default)]
pub(crate) struct RuleSpansByInsats(heapless::Vec<RuleSpans, MAX_INSATSER>);

impl PartialEq for RuleSpansByInsats {
    fn eq(&self, _: &RuleSpansByInsats) -> bool {
        true
    }
}

impl Eq for RuleSpansByInsats {}

fn rule_spans(raw: &RawTable<'_>, flat: &FlatConditions, spans: &mut RuleSpansByInsats) {
    let spans = &mut spans.0;
    spans.clear();
    for insats in &raw.insatser {
        let start = usize::from(insats.first_rule);
        let end = start.saturating_add(usize::from(insats.n_rules));
        let rules = raw.rules.get(start..end).unwrap_or(&[]);
        let mut span = RuleSpans {
            guards: guards_of(rules.len(), |position| {
                flat.get(start.saturating_add(position))
            }),
            ..RuleSpans::default()
        };
        for (position, rule) in (1..=u16::MAX).zip(rules) {
            match rule.utfall {
                RuleKind::LagenHindrar => span.bars = position,
                RuleKind::Upplysning => {
                    if span.upplysning == (0, 0) {
                        span.upplysning.0 = position.saturating_sub(1);
                    }
                    span.upplysning.1 = position;
                }
                RuleKind::Uppfyller | RuleKind::UppfyllerInte | RuleKind::IndividuellBedomning => {}
            }
        }
        // As many as the insatser, which are at most `MAX_INSATSER`.
        let _ = spans.push(span);
    }
}

/// The two longest runs of at least two rules in a row among an insats's `rules` (`condition`
/// gives the flat form of each, by position) that share a fact with values of its own (see
/// [`Guard`]), in written order, found in one pass: from each rule, the longest run of any of
/// its facts is found, and the search goes on after it, so the runs do not overlap.
fn guards_of<'t>(rules: usize, condition: impl Fn(usize) -> Option<Tests<'t>>) -> [Guard; GUARDS] {
    let values = |position: usize, fact: u16| {
        condition(position).and_then(|conjunction| conjunction.values_of(fact))
    };
    let mut best = [Guard::default(); GUARDS];
    let mut start = 0usize;
    while start < rules {
        let mut longest = Guard::default();
        let facts = condition(start).map_or(&[][..], Tests::tests);
        // Only a test with values of its own can begin a run.
        for test in facts.iter().filter(|test| test.values().is_some()) {
            let Some(mut run) = values(start, test.fact).filter(|run| run.leave_one_out()) else {
                continue;
            };
            // Every rule after the first is checked for this fact, also those in another
            // fact's run from the same rule.
            let mut end = start.saturating_add(1);
            // A run whose values would take every value rules nothing out: it ends before.
            while let Some(more) = values(end, test.fact)
                .map(|more| run.or(more))
                .filter(|wider| wider.leave_one_out())
            {
                run = more;
                end = end.saturating_add(1);
            }
            if let (Ok(first), Ok(last)) = (u16::try_from(start), u16::try_from(end))
                && last.saturating_sub(first) > longest.len()
            {
                longest = Guard {
                    start: first,
                    end: last,
                    fact: test.fact,
                    values: run,
                };
            }
        }
        if longest.len() >= 2 {
            best = two_longest(best, longest);
        }
        start = start.saturating_add(1).max(usize::from(longest.end));
    }
    best
}

/// The two longest of `kept` and `next`, which are in written order, in written order; of two
/// as long, the earlier is kept.
fn two_longest(kept: [Guard; GUARDS], next: Guard) -> [Guard; GUARDS] {
    let [first, second] = kept;
    if first.len() < second.len() && first.len() < next.len() {
        [second, next]
    } else if second.len() < next.len() {
        [first, next]
    } else {
        kept
    }
}

fn flatten_conditions(raw: &RawTable<'_>, conditions: &mut FlatConditions) {
    conditions.clear();
    for rule in &raw.rules {
        let conjunction = code_at(raw.code, rule.code_start, rule.code_len).and_then(flat::flatten);
        // As many as the rules, which are at most `MAX_RULES`.
        let _ = conditions.push(conjunction.as_ref());
    }
}

/// Reads a table's payload into `RawTable`, each list's items pushed straight into the list
/// that holds them: the same reading as `RawTable`'s `Deserialize`, field by field in its
/// order, without a list made apart and moved into place (on a device, each such list would
/// be another copy on the stack).
struct InPlace<'r, 'a>(&'r mut RawTable<'a>, &'r mut Option<DecodeError>);

impl<'de> DeserializeSeed<'de> for InPlace<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // Postcard reads a struct as the tuple of its fields.
        deserializer.deserialize_tuple(RAW_TABLE_FIELDS, self)
    }
}

/// How many fields `RawTable` has; [`InPlace`] names each of them.
const RAW_TABLE_FIELDS: usize = 12;

impl<'de> Visitor<'de> for InPlace<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Every field, so that a field added to `RawTable` without being read here does not
        // compile.
        let RawTable {
            meta,
            insatser,
            params,
            rules,
            code,
            atgarder,
            atgard_rules,
            facts,
            words,
            numbers,
            components,
            properties,
        } = self.0;
        let over = self.1;
        let missing = |index: usize| de::Error::invalid_length(index, &"a table");
        // Field `index` of the payload, read into the list `list`.
        macro_rules! list {
            ($list:expr, $index:literal) => {
                seq.next_element_seed(List($list, $index, &mut *over))?
                    .ok_or_else(|| missing($index))?
            };
        }
        *meta = seq.next_element()?.ok_or_else(|| missing(0))?;
        list!(insatser, 1);
        list!(params, 2);
        list!(rules, 3);
        *code = seq.next_element()?.ok_or_else(|| missing(4))?;
        list!(atgarder, 5);
        list!(atgard_rules, 6);
        list!(facts, 7);
        list!(words, 8);
        list!(numbers, 9);
        list!(components, 10);
        list!(properties, 11);
        Ok(())
    }
}

/// Reads a list of the payload, field `.1` of it, into `heapless::Vec` it names, item by item;
/// more items than it holds is a fault, as `heapless`'s own reading makes it, and is noted in
/// `.2` with the list and its capacity.
struct List<'v, T, const N: usize>(&'v mut heapless::Vec<T, N>, u8, &'v mut Option<DecodeError>);

impl<'de, T: Deserialize<'de>, const N: usize> DeserializeSeed<'de> for List<'_, T, N> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for List<'_, T, N> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {N} items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.clear();
        while let Some(item) = seq.next_element()? {
            if self.0.push(item).is_err() {
                *self.2 = Some(DecodeError::TooLarge {
                    part: self.1,
                    capacity: u32::try_from(N).unwrap_or(u32::MAX),
                });
                return Err(de::Error::invalid_length(N.saturating_add(1), &self));
            }
        }
        Ok(())
    }
}

fn hex_digit(nibble: u8) -> u8 {
    match nibble {
        0..=9 => b'0'.wrapping_add(nibble),
        _ => b'a'.wrapping_add(nibble.wrapping_sub(10)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TableSpec};
    use proptest::prelude::*;

    /// `payload` behind a header with the right magic, version and hash.
    fn with_header(payload: &[u8]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend(FORMAT_VERSION.to_le_bytes());
        bytes.extend(sha256(payload));
        bytes.extend(payload);
        bytes
    }

    fn check(bytes: &[u8], want: Result<(), DecodeError>) {
        assert_eq!(Table::decode(bytes).map(|_| ()), want);
    }

    fn payload(bytes: &[u8]) -> &[u8] {
        bytes.get(HEADER_LEN..).unwrap_or(&[])
    }

    fn cut(bytes: &[u8], len: usize) -> &[u8] {
        bytes.get(..len).unwrap_or(bytes)
    }

    /// `bytes` with byte `at` changed by `xor`.
    fn flipped(bytes: &[u8], at: usize, xor: u8) -> Vec<u8> {
        let mut out = bytes.to_vec();
        if let Some(byte) = out.get_mut(at) {
            *byte ^= xor;
        }
        out
    }

    fn set_n_rules(spec: &mut TableSpec, n_rules: u16) {
        for insats in &mut spec.insatser {
            insats.n_rules = n_rules;
        }
    }

    #[test]
    fn header_faults() {
        let spec = TableSpec::with_insatser(&[("hemtjanst", crate::table::Lag::SoL)]);
        let bytes = spec.encode();
        check(&bytes, Ok(()));
        check(cut(&bytes, 10), Err(DecodeError::Truncated { len: 10 }));
        check(&flipped(&bytes, 0, 1), Err(DecodeError::BadMagic));
        let [version, _] = FORMAT_VERSION.to_le_bytes();
        check(
            &flipped(&bytes, 4, version ^ 9),
            Err(DecodeError::UnsupportedFormat { found: 9 }),
        );
        let mut bad = bytes.clone();
        bad.push(0);
        check(&bad, Err(DecodeError::HashMismatch));
        let mut trailing = payload(&bytes).to_vec();
        trailing.extend([1, 2, 3]);
        check(
            &with_header(&trailing),
            Err(DecodeError::TrailingBytes { count: 3 }),
        );
        check(&with_header(&[]), Err(DecodeError::Malformed));
    }

    #[test]
    fn a_list_past_this_build_s_capacity_is_named_with_it() {
        // A catalogue of one fact more than this build holds, as a table compiled where the
        // core holds more would have: the table's own payload with the list of facts written
        // longer (postcard writes a list as its length and its items).
        let spec = TableSpec::with_insatser(&[("hemtjanst", crate::table::Lag::SoL)]);
        let raw = spec.raw();
        let fact = raw.facts.first().cloned();
        assert!(fact.is_some(), "the catalogue has a fact");
        let Some(fact) = fact else { return };
        let facts: Vec<crate::table::Fact<'_>> =
            core::iter::repeat_n(fact, crate::limits::MAX_FACTS + 1).collect();
        let mut buffer = vec![0u8; 1 << 20];
        let mut with_facts = |facts: &[crate::table::Fact<'_>]| {
            let wide = (
                &raw.meta,
                &raw.insatser,
                &raw.params,
                &raw.rules,
                raw.code,
                &raw.atgarder,
                &raw.atgard_rules,
                facts,
                &raw.words,
                &raw.numbers,
                &raw.components,
                &raw.properties,
            );
            let written = postcard::to_slice(&wide, &mut buffer).map(|payload| payload.len());
            assert!(written.is_ok(), "{written:?}");
            with_header(buffer.get(..written.unwrap_or(0)).unwrap_or(&[]))
        };
        let capacity = u32::try_from(crate::limits::MAX_FACTS).unwrap_or(u32::MAX);
        let error = Table::decode(&with_facts(&facts)).map(|_| ());
        assert_eq!(error, Err(DecodeError::TooLarge { part: 7, capacity }));
        let message = error
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            message.contains(&format!(
                "fler uppgifter i faktakatalogen än kärnan rymmer på den här datorn ({capacity})"
            )),
            "{message}"
        );
        // As many as the build holds: the list is read, and the table is refused for its
        // facts' repeated names, not for its size.
        let fitting = facts.get(..crate::limits::MAX_FACTS).unwrap_or(&[]);
        assert!(matches!(
            Table::decode(&with_facts(fitting)),
            Err(DecodeError::BadFact { .. })
        ));
    }

    #[test]
    fn reference_faults() {
        let spec = TableSpec::with_insatser(&[
            ("hemtjanst", crate::table::Lag::SoL),
            ("hemtjanst", crate::table::Lag::SoL),
        ]);
        check(
            &spec.encode(),
            Err(DecodeError::DuplicateInsats { insats: 1 }),
        );
        let mut spec = TableSpec::with_insatser(&[("hemtjanst", crate::table::Lag::SoL)]);
        set_n_rules(&mut spec, 1);
        check(&spec.encode(), Err(DecodeError::BadRuleRange { insats: 0 }));
        let day = crate::date::Date::EPOCH;
        set_n_rules(&mut spec, 0);
        spec.params
            .push(("riktålder".into(), vec![(day, 66), (day, 67)]));
        check(&spec.encode(), Err(DecodeError::BadParam { param: 0 }));
    }

    proptest! {
        /// Every `lagen_hindrar` rule of an insats lies among the first `bars` of its rules,
        /// the last of them at the end, and every `upplysning` rule in its span, which starts
        /// and ends with one; a prövning that tries only these positions tries them all.
        #[test]
        fn the_spans_of_an_insats_hold_every_bar_and_every_upplysning(
            spec in testing::table_spec(),
        ) {
            let bytes = spec.encode();
            let table = testing::decoded(&bytes);
            for (insats_idx, _) in table.insats_indices() {
                let spans = table.rule_spans(insats_idx);
                let kinds: Vec<RuleKind> =
                    table.rules_of(insats_idx).iter().map(|rule| rule.utfall).collect();
                let positions = |kind: RuleKind| {
                    kinds
                        .iter()
                        .enumerate()
                        .filter(move |(_, utfall)| **utfall == kind)
                        .map(|(position, _)| position)
                };
                let bars: Vec<usize> = positions(RuleKind::LagenHindrar).collect();
                prop_assert_eq!(bars.last().map_or(0, |last| last.saturating_add(1)), spans.bars());
                let notes: Vec<usize> = positions(RuleKind::Upplysning).collect();
                let range = spans.upplysning_range();
                match (notes.first(), notes.last()) {
                    (Some(first), Some(last)) => prop_assert_eq!(range, *first..last.saturating_add(1)),
                    _ => prop_assert!(range.is_empty()),
                }
            }
        }

        /// A valid table survives encoding and decoding unchanged, and its content hash is the
        /// SHA-256 of its payload.
        #[test]
        fn encode_then_decode_is_the_identity(spec in testing::table_spec()) {
            let bytes = spec.encode();
            let decoded = Table::decode(&bytes);
            prop_assert!(decoded.is_ok(), "{:?}", decoded);
            let Ok(decoded) = decoded else { return Ok(()) };
            prop_assert_eq!(&decoded.raw, &spec.raw());
            prop_assert_eq!(decoded.content_hash(), sha256(payload(&bytes)));
            let mut again = vec![0u8; bytes.len()];
            let len = decoded.encode(&mut again);
            prop_assert_eq!(len, Ok(bytes.len()));
            prop_assert_eq!(&again, &bytes);
        }

        /// A damaged payload is read into the table's lists as `RawTable`'s own reading reads
        /// it: both fail, or both give the same parts, which the checks then take or refuse.
        #[test]
        fn a_payload_read_in_place_is_what_the_raw_table_s_own_reading_gives(
            spec in testing::table_spec(),
            at in any::<prop::sample::Index>(),
            xor in any::<u8>(),
        ) {
            let bytes = spec.encode();
            let payload = payload(&bytes);
            let damaged = flipped(payload, at.index(payload.len()), xor);
            let whole = with_header(&damaged);
            let in_place = Table::decode(&whole);
            match postcard::take_from_bytes::<RawTable<'_>>(&damaged) {
                Err(_) => prop_assert_eq!(in_place.err(), Some(DecodeError::Malformed)),
                Ok((_, trailing)) if !trailing.is_empty() => prop_assert_eq!(
                    in_place.err(),
                    Some(DecodeError::TrailingBytes { count: trailing.len() })
                ),
                Ok((raw, _)) => match validate(&raw) {
                    Err(error) => prop_assert_eq!(in_place.err(), Some(error)),
                    Ok(()) => {
                        prop_assert!(in_place.is_ok(), "{:?}", in_place);
                        if let Ok(table) = in_place {
                            prop_assert_eq!(&table.raw, &raw);
                        }
                    }
                },
            }
        }

        /// A table made where the caller keeps it is the table `decode` returns, and a fault
        /// leaves the place empty, whatever it held before.
        #[test]
        fn a_table_decoded_into_a_slot_is_the_table_decode_returns(
            spec in testing::table_spec(),
            at in any::<prop::sample::Index>(),
            xor in any::<u8>(),
        ) {
            let bytes = spec.encode();
            let damaged = flipped(&bytes, at.index(bytes.len()), xor);
            let mut slot = None;
            prop_assert!(Table::decode_into(&bytes, &mut slot).is_ok());
            let returned = Table::decode(&damaged);
            let into = Table::decode_into(&damaged, &mut slot);
            prop_assert_eq!(
                into.map(|table| &table.raw),
                returned.as_ref().map(|table| &table.raw).map_err(|error| *error)
            );
            prop_assert_eq!(slot.is_some(), returned.is_ok());
        }

        /// Any bytes: `Ok` or `Err`, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Table::decode(&bytes);
        }

        /// Any payload behind a valid header reaches the payload decoder and the checks.
        #[test]
        fn arbitrary_payloads_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Table::decode(&with_header(&payload));
        }

        /// A valid payload with one byte changed and the hash made to match: the references
        /// are checked, never trusted.
        #[test]
        fn damaged_payloads_never_panic(
            spec in testing::table_spec(),
            at in any::<prop::sample::Index>(),
            xor in 1u8..,
        ) {
            let bytes = spec.encode();
            let payload = payload(&bytes);
            let damaged = flipped(payload, at.index(payload.len()), xor);
            let _ = Table::decode(&with_header(&damaged));
        }
    }

    proptest! {
        /// Every index a table hands out is in range and names the item it came with.
        #[test]
        fn every_index_a_table_gives_is_in_range(spec in testing::table_spec()) {
            let bytes = spec.encode();
            let table = Table::decode(&bytes);
            prop_assert!(table.is_ok(), "{:?}", table);
            let Ok(table) = table else { return Ok(()) };
            check_indices(&table)?;
        }

        /// The indices of one table used with a smaller one: `None` or nothing, never a panic
        /// and never an item past the smaller table's end.
        #[test]
        fn an_index_of_another_table_gives_nothing(spec in testing::table_spec()) {
            let bytes = spec.encode();
            let table = Table::decode(&bytes);
            prop_assert!(table.is_ok(), "{:?}", table);
            let Ok(table) = table else { return Ok(()) };
            let empty = TableSpec::with_insatser(&[]).encode();
            let empty = testing::decoded(&empty);
            for (insats_idx, _) in table.insats_indices() {
                prop_assert_eq!(empty.insats(insats_idx), None);
                prop_assert!(empty.rules_of(insats_idx).is_empty());
                prop_assert_eq!(empty.rule_indices_of(insats_idx).count(), 0);
            }
            for param in table.params() {
                let param_idx = table.param_index(param.namn);
                prop_assert!(param_idx.is_some());
                let value = param_idx.and_then(|param_idx| empty.param_value(param_idx, Date::MAX));
                prop_assert_eq!(value, None);
            }
            for atgard in table.atgarder() {
                let atgard_idx = table.atgard_index(atgard.id);
                prop_assert!(atgard_idx.is_some());
                prop_assert_eq!(atgard_idx.and_then(|atgard_idx| empty.atgard(atgard_idx)), None);
                prop_assert_eq!(empty.atgard_rules_of(atgard_idx).count(), 0);
            }
        }
    }

    /// The body of `every_index_a_table_gives_is_in_range`.
    fn check_indices(table: &Table<'_>) -> Result<(), TestCaseError> {
        // The insatser's indices are their positions, and find them again by id.
        prop_assert_eq!(table.insats_indices().len(), table.insatser().len());
        let mut rule_indices = Vec::new();
        for ((insats_idx, insats), position) in table.insats_indices().zip(0..) {
            prop_assert_eq!(insats_idx.index(), position);
            prop_assert_eq!(table.insats(insats_idx), Some(insats));
            prop_assert_eq!(table.insats_index(insats.id), Some(insats_idx));
            let rules = table.rules_of(insats_idx);
            prop_assert_eq!(table.rule_indices_of(insats_idx).len(), rules.len());
            for ((rule_idx, rule), in_list) in table.rule_indices_of(insats_idx).zip(rules) {
                prop_assert_eq!(table.rules().get(rule_idx.index()), Some(rule));
                prop_assert!(core::ptr::eq(rule, in_list));
                rule_indices.push(rule_idx.index());
            }
        }
        // The insatser's rules are every rule, each once, in the table's order.
        let every_rule: Vec<usize> = (0..table.rules().len()).collect();
        prop_assert_eq!(rule_indices, every_rule);
        // A parameter's index is that of the first parameter with its name.
        for param in table.params() {
            let param_idx = table.param_index(param.namn);
            let first = table
                .params()
                .iter()
                .position(|other| other.namn == param.namn);
            prop_assert_eq!(param_idx.map(ParamIdx::index), first);
            let value = param_idx.and_then(|param_idx| table.param_value(param_idx, Date::MAX));
            let want = table
                .params()
                .iter()
                .find(|other| other.namn == param.namn)
                .and_then(|first| first.value_on(Date::MAX));
            prop_assert_eq!(value, want);
        }
        // The kinds of skyddsåtgärd have unique ids; the rules of each kind, and of a kind the
        // riktlinje does not declare, are in range and in written order.
        let mut kinds = vec![None];
        for (atgard, position) in table.atgarder().iter().zip(0..) {
            let atgard_idx = table.atgard_index(atgard.id);
            prop_assert_eq!(atgard_idx.map(AtgardIdx::index), Some(position));
            prop_assert_eq!(
                atgard_idx.and_then(|atgard_idx| table.atgard(atgard_idx)),
                Some(atgard)
            );
            kinds.push(atgard_idx);
        }
        for atgard_idx in kinds {
            let mut positions = Vec::new();
            for (rule_idx, rule) in table.atgard_rules_of(atgard_idx) {
                let found = table.atgard_rules().get(rule_idx.index());
                prop_assert!(found.is_some_and(|found| core::ptr::eq(found, rule)));
                positions.push(rule_idx.index());
            }
            prop_assert!(positions.is_sorted_by(|earlier, later| earlier < later));
        }
        Ok(())
    }

    proptest! {
        // Each case decodes every prefix of a table: fewer cases keep the run short.
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// One byte flipped anywhere, or the bytes cut anywhere: always `Err`.
        #[test]
        fn flipped_or_truncated_tables_are_rejected(
            spec in testing::table_spec(),
            at in any::<prop::sample::Index>(),
            xor in 1u8..,
        ) {
            let bytes = spec.encode();
            let at = at.index(bytes.len());
            prop_assert!(Table::decode(&flipped(&bytes, at, xor)).is_err(), "byte {} ^ {}", at, xor);
            for len in 0..bytes.len() {
                prop_assert!(Table::decode(cut(&bytes, len)).is_err(), "cut at {}", len);
            }
        }
    }
}
