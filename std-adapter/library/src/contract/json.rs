//! Reading JSON by a contract: the text (or a parsed value) goes straight into the target, field
//! by field, and the first fault is named by its JSON pointer.
//!
//! The reader is a serde visitor driven by the contract's [`Object`]s, so no intermediate
//! `serde_json::Value` is built for text: a batch of a million cases pays for the parse once.
//! A key this object does not declare is a fault (a misspelt `bor_ensamm` would otherwise make
//! a fact unknown without anyone noticing), and so is a key given twice in one object, which
//! serde_json alone would let the last value win. A key given twice anywhere in the text takes
//! precedence over any other fault, so the two ways of sending the same bad body give one
//! answer.
//! Malformed JSON is a fault of the whole input, with line and column.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Field, InputError, Loose, LooseRead, Object, Ty, Value};
use crate::texts;

/// Reads JSON text (a leading byte-order mark is skipped) into `target` by `object`.
///
/// # Errors
/// An [`InputError`] for malformed JSON (line and column), a key given twice, an unknown or
/// wrongly typed field, a required field missing, or a fault the contract's setters or
/// finishers find; each but the first with its JSON pointer.
pub fn read<T>(text: &str, object: &'static Object<T>, target: &mut T) -> Result<(), InputError> {
    let text = crate::io::strip_bom(text);
    let mut context = Context {
        target,
        fault: None,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let seed = ObjectSeed {
        context: &mut context,
        at: &Step::Root,
        object,
    };
    let result = seed
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    match (result, context.fault) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(fault)) => Err(earlier_fault(text).unwrap_or(fault)),
        (Err(error), None) => Err(earlier_fault(text).unwrap_or_else(|| syntax_error(&error))),
    }
}

/// Parses JSON text into a value, refusing a key given twice in one object with its pointer;
/// a leading byte-order mark is skipped. For bodies that hold more than one contract's worth
/// (an array of cases) before each part is read from its own text with [`read`].
///
/// # Errors
/// An [`InputError`] for malformed JSON (line and column) or a duplicated key (its pointer).
pub fn parse(text: &str) -> Result<serde_json::Value, InputError> {
    let text = crate::io::strip_bom(text);
    let mut duplicate = None;
    let seed = ValueSeed {
        at: &Step::Root,
        duplicate: &mut duplicate,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| syntax_error(&error))?;
    match duplicate {
        Some(pointer) => Err(duplicate_error(pointer)),
        None => Ok(value),
    }
}

/// A fault that takes precedence over one found while reading: the text is not JSON at all
/// (found only at its end, after a field fault), or a key is given twice anywhere in it.
fn earlier_fault(text: &str) -> Option<InputError> {
    parse(text).err()
}

fn duplicate_error(pointer: String) -> InputError {
    InputError {
        syntax: false,
        pointer,
        column: None,
        message: texts::FALTET_FOREKOMMER_TVA_GANGER.to_owned(),
    }
}

fn syntax_error(error: &serde_json::Error) -> InputError {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Eof => texts::FILEN_TAR_SLUT_MITT,
        Category::Syntax => "syntaxfel",
        Category::Data => texts::FEL_TYP_AV_VARDE,
        Category::Io => "läsfel",
    };
    InputError {
        syntax: true,
        ..InputError::whole(texts::ogiltig_json_pa_rad(
            error.line(),
            error.column(),
            what,
        ))
    }
}

/// What the seeds share: the value being built and the first fault found.
struct Context<'t, T> {
    target: &'t mut T,
    fault: Option<InputError>,
}

impl<T> Context<'_, T> {
    /// Notes a fault at `at` and gives the error that stops serde.
    fn fail<E: de::Error>(&mut self, at: &Step<'_>, message: String) -> E {
        self.fault.get_or_insert(InputError {
            syntax: false,
            pointer: at.pointer(),
            column: None,
            message,
        });
        E::custom("")
    }
}

/// Where a value sits, as a chain of borrowed steps from the root, so that a pointer is built
/// only for a fault and reading costs no allocation per value.
enum Step<'a> {
    Root,
    Base(&'a str),
    Key(&'a Step<'a>, &'a str),
    Index(&'a Step<'a>, usize),
}

impl Step<'_> {
    fn pointer(&self) -> String {
        match self {
            Step::Root => String::new(),
            Step::Base(base) => (*base).to_owned(),
            Step::Key(parent, key) => format!(
                "{}/{}",
                parent.pointer(),
                key.replace('~', "~0").replace('/', "~1")
            ),
            Step::Index(parent, index) => format!("{}/{index}", parent.pointer()),
        }
    }

    /// The pointer of the whole value: empty for the root (RFC 6901; `/` would name a key
    /// that is the empty string).
    fn pointer_of_value(&self) -> String {
        self.pointer()
    }
}

/// The kind of a JSON value as a visitor sees it, in Swedish.
fn unexpected_kind(unexpected: &de::Unexpected<'_>) -> &'static str {
    match unexpected {
        de::Unexpected::Bool(_) => texts::ETT_SANNINGSVARDE,
        de::Unexpected::Unsigned(_)
        | de::Unexpected::Signed(_)
        | de::Unexpected::Float(_)
        | de::Unexpected::Other(_) => texts::ETT_TAL,
        de::Unexpected::Char(_) | de::Unexpected::Str(_) | de::Unexpected::Bytes(_) => {
            texts::EN_TEXT
        }
        de::Unexpected::Unit | de::Unexpected::Option => "null",
        de::Unexpected::Seq => texts::EN_LISTA,
        de::Unexpected::Map => texts::ETT_OBJEKT,
        _ => texts::ETT_ANNAT_SLAGS_VARDE,
    }
}

/// The kind of a JSON value from its text, for a fault.
fn raw_kind(raw: &str) -> de::Unexpected<'static> {
    match raw.as_bytes().first() {
        Some(b't' | b'f') => de::Unexpected::Bool(false),
        Some(b'"') => de::Unexpected::Str(""),
        Some(b'[') => de::Unexpected::Seq,
        Some(b'{') => de::Unexpected::Map,
        Some(b'n') => de::Unexpected::Unit,
        _ => de::Unexpected::Other(texts::ETT_TAL),
    }
}

/// Reads one object of the contract.
struct ObjectSeed<'c, 't, 's, T: 'static> {
    context: &'c mut Context<'t, T>,
    at: &'s Step<'s>,
    object: &'static Object<T>,
}

impl<'de, T> DeserializeSeed<'de> for ObjectSeed<'_, '_, '_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<T> ObjectSeed<'_, '_, '_, T> {
    fn wrong<E: de::Error>(self, found: de::Unexpected<'_>) -> E {
        let message = texts::ska_vara_ett_objekt(unexpected_kind(&found));
        self.context.fault.get_or_insert(InputError {
            syntax: false,
            pointer: self.at.pointer_of_value(),
            column: None,
            message,
        });
        E::custom("")
    }
}

impl<'de, T> Visitor<'de> for ObjectSeed<'_, '_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(texts::ETT_OBJEKT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if let Err(message) = (self.object.open)(self.context.target) {
            let at = self.at;
            return Err(self.context.fail(at, message));
        }
        let mut seen = 0u64;
        // Case systems write an object's keys in the contract's order, so the field after the
        // one read last is tried first, before every field is.
        let mut next_index = 0usize;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let step = Step::Key(self.at, &key);
            let found = match self.object.fields.get(next_index) {
                Some(field) if field.key == key => Some((next_index, field)),
                _ => self.object.field(&key),
            };
            let Some((index, field)) = found else {
                let Some(extra) = self.object.extra else {
                    let message = self.object.unknown_key(&key);
                    return Err(self.context.fail(&step, message));
                };
                // The target refuses a key given twice (it keeps its keys in order).
                let loose = map.next_value_seed(LooseSeed)?;
                match loose {
                    Ok(Some(loose)) => {
                        if let Err(message) = extra(self.context.target, &key, loose) {
                            return Err(self.context.fail(&step, message));
                        }
                    }
                    Ok(None) => {}
                    Err(message) => return Err(self.context.fail(&step, message)),
                }
                continue;
            };
            next_index = index + 1;
            let bit = 1u64 << (index % 64);
            if seen & bit != 0 {
                return Err(self
                    .context
                    .fail(&step, texts::FALTET_FOREKOMMER_TVA_GANGER.to_owned()));
            }
            seen |= bit;
            map.next_value_seed(FieldSeed {
                context: &mut *self.context,
                at: &step,
                field,
            })?;
        }
        for (index, field) in self.object.fields.iter().enumerate() {
            if let Some(message) = field.required
                && seen & (1u64 << (index % 64)) == 0
            {
                let step = Step::Key(self.at, field.key);
                return Err(self.context.fail(&step, message.to_owned()));
            }
        }
        if let Err(fault) = (self.object.finish)(self.context.target) {
            let step = Step::Base(&fault.pointer);
            let pointer = format!("{}{}", self.at.pointer(), step.pointer());
            return Err(self.context.fail(&Step::Base(&pointer), fault.message));
        }
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Bool(value)))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Signed(value)))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unsigned(value)))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Float(value)))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Str("")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unit))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unit))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.wrong(de::Unexpected::Seq))
    }
}

/// Reads the value of an undeclared key loosely: `None` for `null`, a message for a value no
/// fact can take (an object, a list of anything but texts, a number with more than three
/// decimals). A number is read from its text as written, never through a float.
struct LooseSeed;

impl<'de> DeserializeSeed<'de> for LooseSeed {
    type Value = Result<Option<LooseRead<'de>>, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let raw = <&'de RawValue>::deserialize(deserializer)?.get();
        let whole = |loose| Ok(Some(LooseRead::Whole(loose)));
        Ok(match raw.as_bytes().first() {
            Some(b'n') => Ok(None),
            Some(b't') => whole(Loose::Bool(true)),
            Some(b'f') => whole(Loose::Bool(false)),
            Some(b'-' | b'0'..=b'9') => match super::json_number_thousandths(raw) {
                Some(value) => whole(Loose::Number(value)),
                None if raw.bytes().all(|b| b == b'-' || b.is_ascii_digit()) => {
                    Err(texts::TALET_AR_FOR_STORT.to_owned())
                }
                None => Err(texts::SKA_VARA_ETT_TAL.to_owned()),
            },
            // A text without escapes is the text between its quotes.
            Some(b'"') if !raw.contains('\\') => {
                Ok(raw.get(1..raw.len().saturating_sub(1)).map(LooseRead::Text))
            }
            // A list of such texts (`behov`) likewise, without reading its JSON a second time.
            Some(b'[') => match PlainTexts::of(raw) {
                Some(texts) => Ok(Some(LooseRead::Texts(texts))),
                None => read_loosely(raw).map(|loose| loose.map(LooseRead::Whole)),
            },
            _ => read_loosely(raw).map(|loose| loose.map(LooseRead::Whole)),
        })
    }
}

/// Reads a value that [`LooseSeed`] does not take from its text directly.
fn read_loosely(raw: &str) -> Result<Option<Loose>, String> {
    serde_json::Deserializer::from_str(raw)
        .deserialize_any(LooseVisitor)
        .unwrap_or_else(|_| Err(texts::SKA_VARA_ETT_SANNINGSVARDE_ETT.to_owned()))
}

/// The JSON text of a list of texts none of which has an escape (`["hemliv", "trygghet"]`):
/// each item is then what stands between its quotes, and is handed over borrowed.
#[derive(Clone, Copy, Debug)]
pub struct PlainTexts<'a>(&'a str);

impl<'a> PlainTexts<'a> {
    /// `raw`, the JSON text of a value, as such a list; `None` for any other value (a list
    /// with an item that is no text, or a text with an escape), which [`LooseVisitor`] reads.
    fn of(raw: &'a str) -> Option<PlainTexts<'a>> {
        let bytes = raw.as_bytes();
        if bytes.first() != Some(&b'[') {
            return None;
        }
        let mut at = skip_whitespace(bytes, 1);
        if bytes.get(at) == Some(&b']') {
            return (at + 1 == bytes.len()).then_some(PlainTexts(raw));
        }
        loop {
            if bytes.get(at) != Some(&b'"') {
                return None;
            }
            // `raw` is JSON already, so the text ends at the first quote that no backslash
            // escapes; with no backslash in it, at the first quote.
            let text = bytes.get(at + 1..)?;
            let end = text.iter().position(|&b| b == b'"' || b == b'\\')?;
            if text.get(end) != Some(&b'"') {
                return None;
            }
            at = skip_whitespace(bytes, at + 1 + end + 1);
            match bytes.get(at) {
                Some(b',') => at = skip_whitespace(bytes, at + 1),
                Some(b']') => return (at + 1 == bytes.len()).then_some(PlainTexts(raw)),
                _ => return None,
            }
        }
    }

    /// The texts, in order: what stands between each pair of quotes, as `PlainTexts::of`
    /// checked that only texts without escapes stand in the list.
    pub fn items(self) -> impl Iterator<Item = &'a str> {
        let mut rest = self.0;
        std::iter::from_fn(move || {
            let open = rest.bytes().position(|b| b == b'"')?;
            let text = rest.get(open + 1..)?;
            let close = text.bytes().position(|b| b == b'"')?;
            rest = text.get(close + 1..)?;
            text.get(..close)
        })
    }
}

/// The index of the first byte from `at` on that is not JSON whitespace.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// [`LooseSeed`] for a text with escapes, a list and an object.
struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Result<Option<Loose>, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(texts::ETT_SANNINGSVARDE_ETT_TAL)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Ok(Some(Loose::Text(text.to_owned()))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ItemSeed)? {
            match item {
                Item::Text(text) => items.push(text),
                Item::Other(kind) => {
                    // Read the rest, so the fault is this one and not the JSON after it.
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                    return Ok(Err(texts::ska_vara_en_lista_av(kind)));
                }
            }
        }
        Ok(Ok(Some(Loose::List(items))))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Err(texts::SKA_VARA_ETT_SANNINGSVARDE.to_owned()))
    }
}

/// A key, borrowed from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(texts::ETT_FALTNAMN)
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(value))
    }
}

/// Reads the value of one field by its type.
struct FieldSeed<'c, 't, 's, T: 'static> {
    context: &'c mut Context<'t, T>,
    at: &'s Step<'s>,
    field: &'static Field<T>,
}

impl<'de, T> DeserializeSeed<'de> for FieldSeed<'_, '_, '_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.field.ty {
            Ty::Raw(_) => {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                // The text is JSON already; a key given twice in it is still a fault here.
                let mut duplicate = None;
                let seed = ValueSeed {
                    at: self.at,
                    duplicate: &mut duplicate,
                };
                let parsed = seed.deserialize(&mut serde_json::Deserializer::from_str(raw.get()));
                if let (Ok(_), Some(pointer)) = (parsed, duplicate) {
                    let at = Step::Base(&pointer);
                    return Err(self
                        .context
                        .fail(&at, texts::FALTET_FOREKOMMER_TVA_GANGER.to_owned()));
                }
                self.set(Value::Raw(raw))
            }
            // A decimal is read from its text as written, never through a float.
            Ty::Decimal => {
                let raw = <&RawValue>::deserialize(deserializer)?;
                self.decimal(raw.get())
            }
            _ => deserializer.deserialize_any(self),
        }
    }
}

impl<T> FieldSeed<'_, '_, '_, T> {
    /// Reads a decimal from its JSON text: a number, or a text with a decimal point or comma.
    fn decimal<E: de::Error>(self, raw: &str) -> Result<(), E> {
        let thousandths = match raw.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(raw)
                .ok()
                .and_then(|text| super::thousandths(&text)),
            Some(b'-' | b'0'..=b'9') => super::json_number_thousandths(raw),
            Some(b'n') => return de::Visitor::visit_unit(self),
            _ => return Err(self.wrong(raw_kind(raw))),
        };
        match thousandths {
            Some(thousandths) if thousandths >= 0 => self.set(Value::Decimal(thousandths)),
            _ => Err(self.decimal_fault()),
        }
    }

    fn decimal_fault<E: de::Error>(self) -> E {
        self.context
            .fail(self.at, texts::SKA_VARA_ETT_TAL_FRAN_MED.to_owned())
    }

    fn set<E: de::Error>(self, value: Value) -> Result<(), E> {
        match (self.field.set)(self.context.target, value) {
            Ok(()) => Ok(()),
            Err(message) => Err(self.context.fail(self.at, message)),
        }
    }

    fn wrong<E: de::Error>(self, found: de::Unexpected<'_>) -> E {
        let message = match &self.field.ty {
            Ty::Const(_) => texts::DENNA_SCHEMAVERSION_STODS_INTE.to_owned(),
            Ty::Int { min, max }
                if matches!(
                    found,
                    de::Unexpected::Signed(_)
                        | de::Unexpected::Unsigned(_)
                        | de::Unexpected::Float(_)
                ) =>
            {
                texts::ska_vara_ett_heltal(min, max)
            }
            ty => texts::ska_vara_men_ar(ty.expected(), unexpected_kind(&found)),
        };
        self.context.fail(self.at, message)
    }

    fn integer<E: de::Error>(self, value: Option<i64>, found: de::Unexpected<'_>) -> Result<(), E> {
        match (&self.field.ty, value) {
            (Ty::Const(expected), Some(value)) if u64::try_from(value).ok() == Some(*expected) => {
                self.set(Value::Int(value))
            }
            (Ty::Int { min, max }, Some(value)) if (*min..=*max).contains(&value) => {
                self.set(Value::Int(value))
            }
            _ => Err(self.wrong(found)),
        }
    }
}

impl<'de, T> Visitor<'de> for FieldSeed<'_, '_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.field.ty.expected())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.field.ty.is_nullable() {
            Ok(())
        } else {
            Err(self.wrong(de::Unexpected::Unit))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        match self.field.ty {
            Ty::Bool => self.set(Value::Bool(value)),
            _ => Err(self.wrong(de::Unexpected::Bool(value))),
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        self.integer(i64::try_from(value).ok(), de::Unexpected::Unsigned(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        self.integer(Some(value), de::Unexpected::Signed(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        // JSON does not tell 1 from 1.0, and JSON Schema counts 1.0 as an integer.
        let whole = (value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64);
        self.integer(whole, de::Unexpected::Float(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        match self.field.ty {
            Ty::Date => match riktlinjer_core::Date::parse(text) {
                Ok(date) => self.set(Value::Date(date)),
                Err(error) => {
                    let message = crate::texts::date_fault(error);
                    Err(self.context.fail(self.at, message))
                }
            },
            Ty::Choice(words) => match words.index(text) {
                Some(index) => self.set(Value::Word(index)),
                None => Err(self.context.fail(self.at, words.not_one_of(text))),
            },
            Ty::Text | Ty::Id { .. } => self.set(Value::text(text)),
            _ => Err(self.wrong(de::Unexpected::Str(""))),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.field.ty {
            Ty::Set(words) => {
                let mut mask = 0u64;
                let mut index = 0usize;
                while let Some(text) = seq.next_element_seed(ItemSeed)? {
                    let step = Step::Index(self.at, index);
                    match text {
                        Item::Text(text) => match words.index(&text) {
                            Some(bit) => mask |= 1u64 << (bit % 64),
                            None => return Err(self.context.fail(&step, words.not_one_of(&text))),
                        },
                        Item::Other(kind) => {
                            let message = texts::ska_vara_en_text_men(kind);
                            return Err(self.context.fail(&step, message));
                        }
                    }
                    index += 1;
                }
                self.set(Value::Set(mask))
            }
            Ty::List(object, _) => {
                let mut index = 0usize;
                loop {
                    let step = Step::Index(self.at, index);
                    let seed = ObjectSeed {
                        context: &mut *self.context,
                        at: &step,
                        object,
                    };
                    if seq.next_element_seed(seed)?.is_none() {
                        return Ok(());
                    }
                    index += 1;
                }
            }
            _ => Err(self.wrong(de::Unexpected::Seq)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        match self.field.ty {
            Ty::Object(object) => ObjectSeed {
                context: self.context,
                at: self.at,
                object,
            }
            .visit_map(map),
            _ => {
                // Read no further: the fault is the field's type.
                drop::<A>(map);
                Err(self.wrong(de::Unexpected::Map))
            }
        }
    }
}

/// One item of a set: a text, or the kind of anything else.
enum Item {
    Text(String),
    Other(&'static str),
}

struct ItemSeed;

impl<'de> DeserializeSeed<'de> for ItemSeed {
    type Value = Item;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Item, D::Error> {
        deserializer.deserialize_any(ItemSeed)
    }
}

impl<'de> Visitor<'de> for ItemSeed {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(texts::EN_TEXT)
    }

    fn visit_str<E>(self, value: &str) -> Result<Item, E> {
        Ok(Item::Text(value.to_owned()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Item, E> {
        Ok(Item::Other(texts::ETT_SANNINGSVARDE))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Item, E> {
        Ok(Item::Other(texts::ETT_TAL))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Item, E> {
        Ok(Item::Other(texts::ETT_TAL))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Item, E> {
        Ok(Item::Other(texts::ETT_TAL))
    }
    fn visit_unit<E>(self) -> Result<Item, E> {
        Ok(Item::Other("null"))
    }
    fn visit_none<E>(self) -> Result<Item, E> {
        Ok(Item::Other("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Item::Other(texts::EN_LISTA))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Item::Other(texts::ETT_OBJEKT))
    }
}

/// Reads a `serde_json::Value` as its own `Deserialize` does, but notes the pointer of the
/// first key that occurs twice in one object instead of letting the last value win.
struct ValueSeed<'a, 'd> {
    at: &'a Step<'a>,
    duplicate: &'d mut Option<String>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = serde_json::Value;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<serde_json::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(texts::ETT_JSON_VARDE)
    }

    fn visit_bool<E>(self, value: bool) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<serde_json::Value, E> {
        Ok(serde_json::Number::from_f64(value)
            .map_or(serde_json::Value::Null, serde_json::Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::String(value))
    }

    fn visit_none<E>(self) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_unit<E>(self) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<serde_json::Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let step = Step::Index(self.at, items.len());
            let seed = ValueSeed {
                at: &step,
                duplicate: &mut *self.duplicate,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(serde_json::Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<serde_json::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let step = Step::Key(self.at, &key);
            let value = map.next_value_seed(ValueSeed {
                at: &step,
                duplicate: &mut *self.duplicate,
            })?;
            if object.contains_key(&key) && self.duplicate.is_none() {
                *self.duplicate = Some(step.pointer());
            }
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{Words, no_finish, no_open};

    #[derive(Debug, Default, PartialEq)]
    struct Probe {
        flag: Option<bool>,
        small: Option<i64>,
        day: Option<String>,
        items: Vec<Option<bool>>,
        mask: Option<u64>,
    }

    static ITEM: Object<Probe> = Object {
        description: "",
        fields: &[Field {
            key: "x",
            ty: Ty::Bool,
            description: "",
            required: Some("saknas"),
            set: |probe, value| {
                if let (Some(last), Value::Bool(flag)) = (probe.items.last_mut(), value) {
                    *last = Some(flag);
                }
                Ok(())
            },
        }],
        open: |probe| {
            if probe.items.len() == 2 {
                return Err("högst två".to_owned());
            }
            probe.items.push(None);
            Ok(())
        },
        finish: no_finish,
        extra: None,
    };

    static PROBE: Object<Probe> = Object {
        description: "",
        fields: &[
            Field {
                key: "flag",
                ty: Ty::Bool,
                description: "",
                required: None,
                set: |probe, value| {
                    probe.flag = matches!(value, Value::Bool(true)).then_some(true);
                    Ok(())
                },
            },
            Field {
                key: "small",
                ty: Ty::Int { min: 0, max: 3 },
                description: "",
                required: None,
                set: |probe, value| {
                    if let Value::Int(value) = value {
                        probe.small = Some(value);
                    }
                    Ok(())
                },
            },
            Field {
                key: "day",
                ty: Ty::Date,
                description: "",
                required: None,
                set: |probe, value| {
                    if let Value::Date(date) = value {
                        probe.day = Some(date.to_string());
                    }
                    Ok(())
                },
            },
            Field {
                key: "items",
                ty: Ty::List(&ITEM, Some(2)),
                description: "",
                required: None,
                set: |_, _| Ok(()),
            },
            Field {
                key: "words",
                ty: Ty::Set(Words::Fixed(&["a", "b", "c"])),
                description: "",
                required: None,
                set: |probe, value| {
                    if let Value::Set(mask) = value {
                        probe.mask = Some(mask);
                    }
                    Ok(())
                },
            },
        ],
        open: no_open,
        finish: no_finish,
        extra: None,
    };

    fn fault(text: &str) -> (String, String) {
        let mut probe = Probe::default();
        match read(text, &PROBE, &mut probe) {
            Ok(()) => ("-".to_owned(), format!("{probe:?}")),
            Err(error) => (error.pointer, error.message),
        }
    }

    #[test]
    fn values_are_read_by_their_type() {
        let mut probe = Probe::default();
        let read_ok = read(
            r#"{"flag":true,"small":3.0,"day":"2024-02-29","items":[{"x":false},{"x":true}],"words":["c","a"],"day2":null}"#
                .replace(r#","day2":null"#, "")
                .as_str(),
            &PROBE,
            &mut probe,
        );
        assert_eq!(read_ok, Ok(()));
        assert_eq!(
            probe,
            Probe {
                flag: Some(true),
                small: Some(3),
                day: Some("2024-02-29".to_owned()),
                items: vec![Some(false), Some(true)],
                mask: Some(0b101),
            }
        );
    }

    #[test]
    fn faults_are_named_by_their_pointer_and_never_repeat_the_value() {
        let cases = [
            (
                r#"{"flag":"19470815-9882"}"#,
                "/flag",
                "ska vara true eller false, men är en text",
            ),
            (
                r#"{"small":4}"#,
                "/small",
                "ska vara ett heltal från 0 till 3",
            ),
            (
                r#"{"small":1.5}"#,
                "/small",
                "ska vara ett heltal från 0 till 3",
            ),
            (r#"{"day":"1947-08-32"}"#, "/day", "är inget giltigt datum"),
            (r#"{"items":[{"x":true},{}]}"#, "/items/1/x", "saknas"),
            (
                r#"{"items":[{"x":true},{"x":true},{"x":true}]}"#,
                "/items/2",
                "högst två",
            ),
            (
                r#"{"items":[1]}"#,
                "/items/0",
                "ska vara ett objekt, men är ett tal",
            ),
            (
                r#"{"words":["a",1]}"#,
                "/words/1",
                "ska vara en text, men är ett tal",
            ),
            (r#"{"flagg":true}"#, "/flagg", "menade du `flag`?"),
            (
                r#"{"flag":true,"flag":true}"#,
                "/flag",
                "fältet förekommer två gånger",
            ),
            (r#"[1]"#, "", "ska vara ett objekt, men är en lista"),
        ];
        for (text, pointer, message) in cases {
            let (found_pointer, found_message) = fault(text);
            assert_eq!(found_pointer, pointer, "{text}");
            assert!(found_message.contains(message), "{text}: {found_message}");
            assert!(!found_message.contains("9882"), "{text}: {found_message}");
        }
    }

    #[test]
    fn a_plain_list_of_texts_reads_as_the_general_reading_does() {
        for raw in [
            r#"[]"#,
            r#"[ ]"#,
            r#"["hemliv"]"#,
            r#"["hemliv","trygghet"]"#,
            "[ \"a\" ,\n\t\"b, c]\" ]",
            r#"["a",1]"#,
            r#"["a",["b"]]"#,
            r#"[null]"#,
            r#"[{"a":"b"}]"#,
        ] {
            if let Some(texts) = PlainTexts::of(raw) {
                let loose = LooseRead::Texts(texts).into_loose();
                assert_eq!(Ok(Some(loose)), read_loosely(raw), "{raw}");
            }
        }
        assert!(PlainTexts::of(r#"["a",1]"#).is_none());
        assert!(PlainTexts::of(r#"["a\"b"]"#).is_none());
        let items: Option<Vec<&str>> =
            PlainTexts::of("[ \"a\" ,\n\t\"b, c]\" ]").map(|texts| texts.items().collect());
        assert_eq!(items, Some(vec!["a", "b, c]"]));
    }

    #[test]
    fn a_key_given_twice_anywhere_wins_over_other_faults() {
        // The unknown key comes first in the text, but the duplicate is what is reported, as
        // when the body is parsed whole.
        let (pointer, message) = fault(r#"{"okand":1,"items":[{"x":true,"x":true}]}"#);
        assert_eq!(pointer, "/items/0/x");
        assert_eq!(message, "fältet förekommer två gånger");
        assert!(fault(r#"{"flag":true} x"#).1.contains("syntaxfel"));
    }
}
