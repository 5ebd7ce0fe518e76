//! The wire types of a compiled table, its byte layout and [`FORMAT_VERSION`]; nothing else.
//!
//! A table is a header followed by a postcard payload:
//!
//! | bytes | content |
//! |---|---|
//! | 0..4 | [`MAGIC`], `RKLJ` |
//! | 4..6 | [`FORMAT_VERSION`], little endian |
//! | 6..38 | SHA-256 of the payload: the table's content hash |
//! | 38.. | the payload: [`RawTable`] in postcard |
//!
//! postcard encodes struct fields by position and enum variants by index, so reordering a
//! field or a variant here is a format change: bump [`FORMAT_VERSION`] (the golden bytes in
//! `tests/fixtures/` make such a change show up in review).
//! Nothing reads a [`RawTable`] but its encoder: the rest of the crate, and the world, read the
//! validated [`Table`](crate::Table) that [`Table::decode`](crate::Table::decode) makes of the
//! bytes, whose accessors hand out typed indices instead of the raw numbers below.
//! Validation lives in `decode`; evaluation in `evaluate`.

use heapless::Vec;
use serde::{Deserialize, Serialize};

use crate::case::{Builtin, FactKind, FactScope};
use crate::date::Date;
use crate::error::EncodeError;
use crate::hash::sha256;
use crate::limits::{
    MAX_ATGARD_RULES, MAX_ATGARDER, MAX_COMPONENTS, MAX_FACTS, MAX_INSATSER, MAX_NUMBERS,
    MAX_PARAM_VALUES, MAX_PARAMS, MAX_PROPERTIES, MAX_RULES, MAX_WORDS,
};

/// The first four bytes of every table.
pub const MAGIC: [u8; 4] = *b"RKLJ";

/// The version of the layout and of every wire type below.
///
/// Version 2 added the skyddsåtgärder: [`RawTable::atgarder`] and [`RawTable::atgard_rules`].
/// Version 3 made the facts a catalogue the table carries ([`RawTable::facts`]), added exact
/// arithmetic ([`RawTable::numbers`] and its opcodes), omfattning computed from schablon
/// ([`RawTable::components`]) and what an insats includes ([`RawTable::properties`]), and gave
/// omfattningar in thousandths.
pub const FORMAT_VERSION: u16 = 5;

/// The [`AtgardRule::atgarder`] mask of a rule for every kind of skyddsåtgärd, also those the
/// riktlinje does not declare.
pub const ALLA_ATGARDER: u32 = u32::MAX;

/// Bytes before the payload: magic, format version and content hash.
pub const HEADER_LEN: usize = 38;

/// Bytes in one instruction of condition code: an opcode and an `i32` operand, little endian.
pub const OP_SIZE: usize = 5;

/// A compiled riktlinje as it lies in the bytes: its metadata, insatser, parameters, rules and
/// condition code, and the kinds of skyddsåtgärd it declares with their rules.
///
/// The compiler builds one and [`encode`](RawTable::encode)s it; nothing evaluates it.
/// Its fields refer to each other by plain numbers that nothing has checked: read a table
/// through [`Table::decode`](crate::Table::decode), which checks every one of them once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawTable<'a> {
    /// What the nämnd adopted.
    #[serde(borrow)]
    pub meta: Meta<'a>,
    /// The insatser, each with the range of its rules.
    #[serde(borrow)]
    pub insatser: Vec<Insats<'a>, MAX_INSATSER>,
    /// Named parameters with dated values.
    #[serde(borrow)]
    pub params: Vec<Param<'a>, MAX_PARAMS>,
    /// The rules, grouped by insats in the order of `insatser`, in written order within each.
    #[serde(borrow)]
    pub rules: Vec<Rule<'a>, MAX_RULES>,
    /// Every rule's condition code, back to back (the rules about skyddsåtgärder too).
    pub code: &'a [u8],
    /// The kinds of skyddsåtgärd the riktlinje declares.
    #[serde(borrow)]
    pub atgarder: Vec<Atgard<'a>, MAX_ATGARDER>,
    /// The rules about skyddsåtgärder, in written order.
    #[serde(borrow)]
    pub atgard_rules: Vec<AtgardRule<'a>, MAX_ATGARD_RULES>,
    /// The fact catalogue: every fact a condition can read, in slot order.
    #[serde(borrow)]
    pub facts: Vec<Fact<'a>, MAX_FACTS>,
    /// The words of the facts that take a choice or a set, back to back.
    #[serde(borrow)]
    pub words: Vec<&'a str, MAX_WORDS>,
    /// The exact numbers condition and schablon code push, as numerator and denominator.
    pub numbers: Vec<(i64, i64), MAX_NUMBERS>,
    /// The schablon components of the insatser whose omfattning is computed, grouped by insats
    /// in the order of `insatser`, in written order within each.
    #[serde(borrow)]
    pub components: Vec<Component<'a>, MAX_COMPONENTS>,
    /// What the insatser include (service levels, scope, conditions of delivery), grouped by
    /// insats in the order of `insatser`.
    #[serde(borrow)]
    pub properties: Vec<Property<'a>, MAX_PROPERTIES>,
}

/// One fact of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact<'a> {
    /// Its name as a riktlinje writes it (`kan_använda_larm`).
    pub name: &'a str,
    /// What it means, for a person.
    pub beskrivning: &'a str,
    /// The group a form shows it in (an IBIC livsområde), or empty.
    pub grupp: &'a str,
    /// Its unit as a person reads it (`gånger per vecka`), or empty.
    pub enhet: &'a str,
    /// The part of a case it describes.
    pub scope: FactScope,
    /// The kind of value it takes.
    pub kind: FactKind,
    /// Index of its first word in [`RawTable::words`] (a choice or a set).
    pub first_word: u16,
    /// The number of its words.
    pub n_words: u8,
    /// The engine's own fact it is, or `None` for a fact the case gives.
    pub builtin: Option<Builtin>,
    /// Whether an ansökan can change it (a frequency, the sökt omfattning), as a counterfactual
    /// may.
    pub andringsbar: bool,
    /// The value the riktlinje declares for when a case does not give the fact (a frequency
    /// not applied for is 0), as the case would give it; `None`: unknown, as for any fact.
    pub saknas: Option<i64>,
}

/// One component of a computed omfattning: a schablon time and how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component<'a> {
    /// Index of its insats in [`RawTable::insatser`].
    pub insats: u8,
    /// Its id, unique within the insats (`städning`).
    pub id: &'a str,
    /// Its name as a person reads it (`Städning`).
    pub namn: &'a str,
    /// The riktlinje section it encodes.
    pub avsnitt: &'a str,
    /// The unit its time is shown in (`minuter per tillfälle`).
    pub tid_enhet: &'a str,
    /// The unit its frequency is shown in (`gånger per vecka`), or empty without one.
    pub antal_enhet: &'a str,
    /// When it applies (Bool code); empty: always.
    pub villkor: Code,
    /// Its time, in minutes per tillfälle, or in minutes per year when it has no frequency.
    pub tid: Code,
    /// How often, in tillfällen per year; empty: the time is already per year.
    pub antal: Code,
    /// The most its subtotal may be, in minutes per year; empty: no cap.
    pub hogst: Code,
    /// When its subtotal is shared with a make or sambo, and so halved (Bool code); empty:
    /// never.
    pub delas: Code,
    /// Index in [`RawTable::components`] of the component that includes it when that one
    /// applies ("bäddning ingår i morgonhjälp").
    pub ingar_i: Option<u16>,
    /// The line in the source where it is declared.
    pub line: u32,
}

/// Something an insats includes, shown with its evaluation when its condition holds: a
/// service level, a scope, a condition of delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property<'a> {
    /// Index of its insats in [`RawTable::insatser`].
    pub insats: u8,
    /// Its name (`Svarstid`).
    pub namn: &'a str,
    /// What it says, for a person.
    pub text: &'a str,
    /// Its value, when it has one, as a person reads it (`30 minuter`), or empty.
    pub varde: &'a str,
    /// The riktlinje section it comes from.
    pub avsnitt: &'a str,
    /// When it applies (Bool code); empty: always.
    pub villkor: Code,
}

/// A piece of condition or schablon code in [`RawTable::code`]: where it starts and its length
/// in bytes (zero: no code).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Offset in [`RawTable::code`].
    pub start: u32,
    /// Length in bytes.
    pub len: u32,
}

impl Code {
    /// Whether there is no code.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// The riktlinje's front matter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta<'a> {
    /// A stable id, such as `exempelkommun-2025-11-01`.
    pub riktlinje_id: &'a str,
    /// The kommun.
    pub kommun: &'a str,
    /// The nämnd that adopted it.
    pub namnd: &'a str,
    /// The title.
    pub titel: &'a str,
    /// The day of the nämnd's beslut.
    pub beslutsdatum: Option<Date>,
    /// The paragraph of the protocol (`§ 87`).
    pub paragraf: &'a str,
    /// The diarienummer.
    pub dnr: &'a str,
    /// The first day it is in force.
    pub giltig_fran: Date,
    /// Antagen or förslag.
    pub status: Status,
    /// The national baseline it was compiled with, when it builds on one.
    pub grund: Option<Grund<'a>>,
}

/// The national baseline a table was compiled with: the law's rules and the fact catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grund<'a> {
    /// The baseline version's id (`sverige-2019-01-01`).
    pub id: &'a str,
    /// SHA-256 of the baseline's source text, so the pair can be reproduced.
    pub hash: [u8; 32],
}

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ursprung {
    /// The law itself, written once in the national baseline.
    Lag,
    /// The nämnd's riktlinje.
    Riktlinje,
}

/// Whether a riktlinje is adopted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// A proposal: never in force, but can be prövad against existing beslut.
    Forslag,
    /// Adopted by the nämnd.
    Antagen,
}

/// The law an insats is given under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lag {
    /// Socialtjänstlagen.
    SoL,
    /// Lagen om stöd och service till vissa funktionshindrade.
    Lss,
}

/// The unit of an omfattning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Enhet {
    /// Timmar per månad.
    TimmarPerManad,
    /// Timmar per vecka.
    TimmarPerVecka,
    /// Dygn per månad.
    DygnPerManad,
    /// Gånger per vecka.
    GangerPerVecka,
    /// Number of larm.
    Larm,
    /// A place (plats) in a boende or verksamhet.
    Plats,
    /// A decision without a quantity.
    Beslut,
}

/// One insats the riktlinje describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insats<'a> {
    /// The id a case uses (`trygghetslarm`).
    pub id: &'a str,
    /// The name a person reads (`Trygghetslarm`).
    pub namn: &'a str,
    /// SoL or LSS.
    pub lag: Lag,
    /// The lagrum the insats is given under.
    pub lagrum: &'a str,
    /// The riktlinje section that describes it.
    pub avsnitt: &'a str,
    /// The unit of its omfattning.
    pub enhet: Enhet,
    /// The outcome when no rule decides.
    pub annars: Outcome,
    /// Index of its first rule in [`RawTable::rules`].
    pub first_rule: u16,
    /// The number of its rules.
    pub n_rules: u16,
    /// The decimals its omfattning is compared and shown at (1 for hours: 7,3 timmar).
    pub decimals: u8,
    /// The exact factor from its unit to the canonical units the core computes in (minutes or
    /// tillfällen per year), as numerator and denominator; `(1, 1)` for a unit that is no time
    /// or rate (larm, plats, beslut).
    pub to_canonical: (i64, i64),
    /// Index of its first component in [`RawTable::components`].
    pub first_component: u16,
    /// The number of its components: its omfattning is computed when it has any.
    pub n_components: u8,
    /// Index of its first property in [`RawTable::properties`].
    pub first_property: u16,
    /// The number of its properties.
    pub n_properties: u8,
}

/// A named parameter, such as `riktålder`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param<'a> {
    /// Its name.
    pub namn: &'a str,
    /// Where its value comes from.
    pub lagrum: &'a str,
    /// Values with the first day each applies, in increasing order of day.
    pub values: Vec<(Date, i32), MAX_PARAM_VALUES>,
    /// Whether the law gives it (the national baseline's, such as `riktålder`) or the nämnd.
    pub ursprung: Ursprung,
}

/// One rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule<'a> {
    /// Its id, unique in the riktlinje (`PA-1`).
    pub id: &'a str,
    /// Index of its insats in [`RawTable::insatser`].
    pub insats: u8,
    /// What it decides when its condition holds.
    pub utfall: RuleKind,
    /// The omfattning it sets, in thousandths of the insats's unit.
    pub omfattning: Option<i64>,
    /// Its lagrum.
    pub lagrum: &'a str,
    /// The riktlinje section it encodes.
    pub avsnitt: &'a str,
    /// Whether it is the law's (from the national baseline) or the riktlinje's.
    pub ursprung: Ursprung,
    /// The reason text a handläggare reads.
    pub skal: &'a str,
    /// The condition as written, for people and for `diff`.
    pub villkor: &'a str,
    /// The line in the source where the rule starts.
    pub line: u32,
    /// Offset of its condition code in [`RawTable::code`].
    pub code_start: u32,
    /// Length in bytes of its condition code.
    pub code_len: u32,
}

/// One kind of skyddsåtgärd the riktlinje declares (`sanggrind`, `digital_tillsyn`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Atgard<'a> {
    /// The id a case uses (`sanggrind`).
    pub id: &'a str,
    /// The name a person reads (`Sänggrind`).
    pub namn: &'a str,
    /// The lagrum that governs it.
    pub lagrum: &'a str,
    /// The riktlinje section that describes it.
    pub avsnitt: &'a str,
    /// Whether it is digital teknik (SoL 10 kap. 6 §): the fact `digital_teknik`.
    pub digital_teknik: bool,
}

/// One rule about skyddsåtgärder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtgardRule<'a> {
    /// Its id, unique in the riktlinje (`SKY-1`).
    pub id: &'a str,
    /// The kinds it applies to: bit `i` for [`RawTable::atgarder`] number `i`, or
    /// [`ALLA_ATGARDER`] for every kind, declared or not.
    pub atgarder: u32,
    /// What it decides when its condition holds.
    pub utfall: AtgardRuleKind,
    /// Its lagrum.
    pub lagrum: &'a str,
    /// The riktlinje section it encodes.
    pub avsnitt: &'a str,
    /// The reason text a handläggare reads.
    pub skal: &'a str,
    /// The condition as written.
    pub villkor: &'a str,
    /// The line in the source where the rule starts.
    pub line: u32,
    /// Offset of its condition code in [`RawTable::code`].
    pub code_start: u32,
    /// Length in bytes of its condition code.
    pub code_len: u32,
}

/// What a rule about skyddsåtgärder does when its condition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AtgardRuleKind {
    /// The law bars the measure; every such rule is tried first, and each that holds is a
    /// reason.
    EjTillaten,
    /// The measure needs a juridisk bedömning (nödrätt, a samtycke read from reactions); each
    /// that holds is a reason.
    JuridiskBedomning,
    /// A step of the kommun's rutin is missing; each that holds is a reason of its own.
    RutinEjFoljd,
    /// Decides: the measure is allowed with the person's own samtycke (first hit, and only when
    /// the case shows that samtycke).
    TillatenMedSamtycke,
    /// Decides nothing; its reason is shown when it holds.
    Upplysning,
}

/// What a rule does when its condition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleKind {
    /// Decides: the application meets the riktlinje.
    Uppfyller,
    /// Decides: it does not meet the riktlinje (individuell prövning still owed).
    UppfyllerInte,
    /// The law itself bars the insats; all such rules are tried first.
    LagenHindrar,
    /// Decides: the riktlinje cannot decide; individuell bedömning.
    IndividuellBedomning,
    /// Decides nothing; its reason is shown when it holds.
    Upplysning,
}

/// The outcome for one insats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Uppfyller riktlinjen.
    Uppfyller,
    /// Uppfyller inte riktlinjen (individuell prövning krävs).
    UppfyllerInte,
    /// Lagen hindrar.
    LagenHindrar,
    /// Kräver individuell bedömning.
    KraverIndividuellBedomning,
}

/// The opcodes of condition code.
///
/// Conditions run on a small stack of values that may be unknown; logic is three-valued
/// (Kleene), so an unknown fact makes a condition unknown unless the rest decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Op {
    /// Push the operand.
    Push = 0,
    /// Push the fact whose number is the operand.
    Fact = 1,
    /// Push the parameter whose index is the operand, valued on the day of prövning.
    Param = 2,
    /// Pop two, push whether equal.
    Eq = 3,
    /// Pop two, push whether not equal.
    Ne = 4,
    /// Pop two, push whether the first is less.
    Lt = 5,
    /// Pop two, push whether the first is less or equal.
    Le = 6,
    /// Pop two, push whether the first is greater.
    Gt = 7,
    /// Pop two, push whether the first is greater or equal.
    Ge = 8,
    /// Pop one, push its negation.
    Not = 9,
    /// Pop two, push their conjunction.
    And = 10,
    /// Pop two, push their disjunction.
    Or = 11,
    /// Pop a set, push whether bit `operand` is in it.
    Contains = 12,
    /// Push the exact number whose index in [`RawTable::numbers`] is the operand.
    Num = 13,
    /// Pop two, push their sum.
    Add = 14,
    /// Pop two, push the first minus the second.
    Sub = 15,
    /// Pop two, push their product.
    Mul = 16,
    /// Pop two, push the first divided by the second.
    Div = 17,
    /// Pop one, push its negation.
    Neg = 18,
    /// Pop two, push the lesser.
    Min = 19,
    /// Pop two, push the greater.
    Max = 20,
    /// Pop a condition, a value and another value: push the first value when the condition
    /// holds, the second when it does not (`om … så … annars …`).
    Select = 21,
}

impl Op {
    /// The opcode for a byte.
    pub fn from_byte(byte: u8) -> Option<Op> {
        Some(match byte {
            0 => Op::Push,
            1 => Op::Fact,
            2 => Op::Param,
            3 => Op::Eq,
            4 => Op::Ne,
            5 => Op::Lt,
            6 => Op::Le,
            7 => Op::Gt,
            8 => Op::Ge,
            9 => Op::Not,
            10 => Op::And,
            11 => Op::Or,
            12 => Op::Contains,
            13 => Op::Num,
            14 => Op::Add,
            15 => Op::Sub,
            16 => Op::Mul,
            17 => Op::Div,
            18 => Op::Neg,
            19 => Op::Min,
            20 => Op::Max,
            21 => Op::Select,
            _ => return None,
        })
    }

    /// The change in stack depth: pushes minus pops.
    pub fn pops_and_pushes(self) -> (usize, usize) {
        match self {
            Op::Push | Op::Fact | Op::Param | Op::Num => (0, 1),
            Op::Not | Op::Contains | Op::Neg => (1, 1),
            Op::Eq
            | Op::Ne
            | Op::Lt
            | Op::Le
            | Op::Gt
            | Op::Ge
            | Op::And
            | Op::Or
            | Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Div
            | Op::Min
            | Op::Max => (2, 1),
            Op::Select => (3, 1),
        }
    }

    /// Writes this instruction with `operand` into `out` (which must have [`OP_SIZE`] bytes).
    pub fn encode(self, operand: i32) -> [u8; OP_SIZE] {
        let [a, b, c, d] = operand.to_le_bytes();
        [self as u8, a, b, c, d]
    }
}

impl RawTable<'_> {
    /// Writes the table, header and payload, into `buf`; returns the number of bytes written.
    ///
    /// The header's content hash is the SHA-256 of the payload written.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when `buf` cannot hold the table.
    pub fn encode(&self, buf: &mut [u8]) -> Result<usize, EncodeError> {
        let (header, payload_buf) = buf
            .split_at_mut_checked(HEADER_LEN)
            .ok_or(EncodeError::BufferTooSmall)?;
        let payload_len = postcard::to_slice(self, payload_buf)
            .map_err(|_| EncodeError::BufferTooSmall)?
            .len();
        let payload = payload_buf
            .get(..payload_len)
            .ok_or(EncodeError::BufferTooSmall)?;
        let hash = sha256(payload);
        let version = FORMAT_VERSION.to_le_bytes();
        let mut prefix = [0u8; HEADER_LEN];
        for (slot, byte) in prefix
            .iter_mut()
            .zip(MAGIC.iter().chain(version.iter()).chain(hash.iter()))
        {
            *slot = *byte;
        }
        header.copy_from_slice(&prefix);
        HEADER_LEN
            .checked_add(payload_len)
            .ok_or(EncodeError::BufferTooSmall)
    }
}

impl Param<'_> {
    /// The value on `on`: the value of the latest start day on or before `on`, or `None` before
    /// the first.
    pub fn value_on(&self, on: Date) -> Option<i32> {
        self.values
            .iter()
            .take_while(|(from, _)| *from <= on)
            .last()
            .map(|(_, value)| *value)
    }
}

/// The bytes `start..start + len` of `code` (a table's condition code), if they lie in it.
pub(crate) fn code_at(code: &[u8], start: u32, len: u32) -> Option<&[u8]> {
    let start = usize::try_from(start).ok()?;
    code.get(start..start.checked_add(usize::try_from(len).ok()?)?)
}

/// Whether two ids (of insatser or kinds of skyddsåtgärd) are the same.
///
/// Ids that differ mostly differ in length or in their first or last letter; those are told
/// apart first. Ids of equal length are then compared eight bytes at a time in place: a call
/// to compare the bytes costs more than the comparison for ids this short.
#[inline]
pub(crate) fn same_id(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a.first() != b.first() || a.last() != b.last() {
        return false;
    }
    let word = |bytes: &[u8]| {
        bytes
            .first_chunk::<8>()
            .map(|word| u64::from_ne_bytes(*word))
    };
    let Some(tail_start) = a.len().checked_sub(8) else {
        // Shorter than a word: byte by byte.
        return a.iter().zip(b).all(|(a, b)| a == b);
    };
    // Whole words from the start, and the last eight bytes, which may overlap the last word.
    let (a_words, _) = a.as_chunks::<8>();
    let (b_words, _) = b.as_chunks::<8>();
    a_words.iter().zip(b_words).all(|(a, b)| a == b)
        && word(a.get(tail_start..).unwrap_or(&[])) == word(b.get(tail_start..).unwrap_or(&[]))
}
