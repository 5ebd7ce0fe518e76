//! Contracts: what a JSON body or a CSV row may hold, declared once as data, and read one way.
//!
//! A contract is a tree of [`Object`]s, each a list of [`Field`]s with a key, a type, a Swedish
//! description and a setter into the value being built.
//! The same declaration drives every reader and the published schema:
//! - [`json`] reads JSON text (a file, a JSON Lines line, an HTTP body) or a parsed
//!   `serde_json::Value` straight into the target, with the JSON pointer of any fault;
//! - [`csv`] reads one spreadsheet cell by its field's type;
//! - [`schema`] writes the JSON Schema a case system integrates against.
//!
//! So a field exists in one place: adding one to a declaration adds it to the JSON reader, the
//! CSV columns and the schema at once, and a test holds the schema file equal to what the
//! declaration generates.
//! A fault names the place (pointer or column) and what was expected, never the value sent: a
//! value may be a protected person's personnummer.
//! The case's own declaration lives in `crate::case`; this module knows no field of it.

pub mod csv;
pub mod json;
pub mod schema;

use std::fmt;

use crate::texts;
use riktlinjer_compiler::names;
use riktlinjer_core::{Date, EnumKind};

/// One object of a contract: its fields and what happens when one begins and ends.
pub struct Object<T: 'static> {
    /// What the object is, in Swedish, for the schema.
    pub description: &'static str,
    /// Its fields, in the order the schema lists them.
    pub fields: &'static [Field<T>],
    /// Called when the object begins, before its fields are read: makes room for it in the
    /// target (pushes a new item, for an item of a list). The message says why there is none.
    pub open: fn(&mut T) -> Result<(), String>,
    /// Called when the object has been read: checks what one field alone cannot (a field that
    /// contradicts another). The fault names the field it is reported on by its pointer from
    /// this object.
    pub finish: fn(&mut T) -> Result<(), Fault>,
    /// Takes a key the object does not declare, with its value read loosely, when the object's
    /// keys are not all known in advance (the facts of a riktlinje's catalogue, which the
    /// reader binds to a table later); `None`: such a key is a fault. Not called for `null`.
    pub extra: Option<Extra<T>>,
}

/// What takes an undeclared key of an object ([`Object::extra`]): the target, the key and its
/// value read loosely; the message says why it cannot be kept.
pub type Extra<T> = fn(&mut T, &str, LooseRead<'_>) -> Result<(), String>;

/// A value of an undeclared key as the reader hands it over: whole, or borrowed from the JSON
/// text when it needs no unescaping, so that the target can copy it into buffers it reuses
/// from one case to the next instead of allocating new ones for every case of a batch.
#[derive(Debug)]
pub enum LooseRead<'a> {
    /// A value read whole.
    Whole(Loose),
    /// A text, as it stands between its quotes.
    Text(&'a str),
    /// A list of texts, none with an escape.
    Texts(json::PlainTexts<'a>),
}

impl LooseRead<'_> {
    /// The value as a [`Loose`] in buffers of its own (a batch copies it into buffers it
    /// reuses instead).
    #[cfg(test)]
    pub(crate) fn into_loose(self) -> Loose {
        match self {
            LooseRead::Whole(loose) => loose,
            LooseRead::Text(text) => Loose::Text(text.to_owned()),
            LooseRead::Texts(texts) => Loose::List(texts.items().map(str::to_owned).collect()),
        }
    }
}

/// A value of an undeclared key, read without knowing its type: the binder checks it against
/// the type the riktlinje's catalogue declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loose {
    /// `true` or `false`.
    Bool(bool),
    /// A JSON number, exactly, in thousandths (a number with more than three decimals is a
    /// fault when it is read).
    Number(i64),
    /// A JSON text.
    Text(String),
    /// A JSON list of texts.
    List(Vec<String>),
    /// A spreadsheet cell, to be read by the type it turns out to have.
    Cell(String),
}

/// A fault found when an object is finished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The JSON pointer of the field the fault is reported on, from the object
    /// (`/beslut/1/verkstalld` from the case's root).
    pub pointer: String,
    /// What is wrong, in Swedish.
    pub message: String,
}

/// One field of an [`Object`].
pub struct Field<T: 'static> {
    /// Its key in JSON (and, for the case, its CSV column).
    pub key: &'static str,
    /// What it holds.
    pub ty: Ty<T>,
    /// What it means, in Swedish, for the schema.
    pub description: &'static str,
    /// When the field must be given: the message for a field that is missing.
    pub required: Option<&'static str>,
    /// Stores a value read for it; the message says why a value of the right type cannot be
    /// used (too long, no room left). Not called for `null`, which leaves the field unknown.
    pub set: fn(&mut T, Value) -> Result<(), String>,
}

/// The type of a field.
pub enum Ty<T: 'static> {
    /// This one number and no other (a schema version).
    Const(u64),
    /// `true` or `false`.
    Bool,
    /// A whole number within the bounds.
    Int {
        /// The least value.
        min: i64,
        /// The greatest value.
        max: i64,
    },
    /// A date, `ÅÅÅÅ-MM-DD`.
    Date,
    /// A number with at most three decimals, non-negative (an omfattning): a JSON number, or a
    /// text with a decimal comma or point (`"7,3"`).
    Decimal,
    /// One word of a list.
    Choice(Words),
    /// A list of words of a list, each at most once in effect.
    Set(Words),
    /// Free text.
    Text,
    /// A text that must be given and cannot be `null` (an id).
    Id {
        /// The most characters it may have.
        max_len: usize,
    },
    /// An object of its own.
    Object(&'static Object<T>),
    /// A list of objects, with the most it may hold (`None`: no bound of its own).
    List(&'static Object<T>, Option<usize>),
    /// Any JSON value, kept as it is for a reader of its own (the cases in a batch request);
    /// the function gives its schema. A key given twice inside it is still a fault.
    Raw(fn() -> serde_json::Value),
}

/// The words a choice or a set is made from.
#[derive(Clone, Copy, Debug)]
pub enum Words {
    /// The words of one of the core's enumerations, as the rule language writes them (with
    /// åäö), folded to ASCII for JSON.
    Core(EnumKind),
    /// A fixed list, already in ASCII.
    Fixed(&'static [&'static str]),
}

/// A value read for a field, of the field's type.
#[derive(Clone, Debug)]
pub enum Value {
    /// A `Bool`.
    Bool(bool),
    /// An `Int` or a `Const`.
    Int(i64),
    /// A `Date`.
    Date(Date),
    /// A `Decimal`, in thousandths.
    Decimal(i64),
    /// A `Choice`: the index of the word in its list.
    Word(usize),
    /// A `Set`: a bit per index of the words given.
    Set(u64),
    /// A `Text` or an `Id`.
    Text(String),
    /// A `Text` or an `Id` of at most [`SHORT_TEXT`] bytes, kept without an allocation (an
    /// insats id, an ärende id): read alike to [`Value::Text`].
    Short(ShortText),
    /// A `Raw` value, as its JSON text.
    Raw(Box<serde_json::value::RawValue>),
}

/// The longest text a [`Value::Short`] holds, in bytes.
pub const SHORT_TEXT: usize = 64;

/// A text of at most [`SHORT_TEXT`] bytes.
pub type ShortText = heapless::String<SHORT_TEXT>;

impl Value {
    /// A text as a value: [`Value::Short`] when it fits, else [`Value::Text`].
    pub fn text(text: &str) -> Value {
        match ShortText::try_from(text) {
            Ok(short) => Value::Short(short),
            Err(_) => Value::Text(text.to_owned()),
        }
    }

    /// The text of a `Text` or an `Id`, whichever way it is kept; `None` for any other value.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            Value::Short(text) => Some(text),
            _ => None,
        }
    }
}

/// A fault in the input, named by where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The JSON pointer of the field (`/ansokningar/0/insats`), or empty for the whole input.
    pub pointer: String,
    /// The CSV column, for input read from CSV.
    pub column: Option<String>,
    /// What is wrong, in Swedish.
    pub message: String,
    /// The input is not JSON at all (or not valid CSV text), rather than JSON with a wrong
    /// field; an HTTP body answers 400 for it, not 422.
    pub syntax: bool,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(column) = &self.column {
            write!(f, "{}", texts::kolumn(&self.message, column))
        } else if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}", texts::faltet(&self.pointer, &self.message))
        }
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// A fault of the whole input, not of one field.
    pub fn whole(message: impl Into<String>) -> InputError {
        InputError {
            syntax: false,
            pointer: String::new(),
            column: None,
            message: message.into(),
        }
    }
}

impl<T> fmt::Debug for Object<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.fields.iter().map(|field| field.key).collect();
        f.debug_struct("Object").field("fields", &keys).finish()
    }
}

impl<T> fmt::Debug for Ty<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expected())
    }
}

impl<T> fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Field").field("key", &self.key).finish()
    }
}

impl<T> Object<T> {
    /// The field with key `key` and its index.
    pub fn field(&self, key: &str) -> Option<(usize, &'static Field<T>)> {
        self.fields
            .iter()
            .enumerate()
            .find(|(_, field)| field.key == key)
    }

    /// The message for a key this object does not have, with the likely one meant.
    pub fn unknown_key(&self, key: &str) -> String {
        let mut message = texts::okant_falt(key);
        if let Some(suggestion) = names::suggest(key, self.fields.iter().map(|field| field.key)) {
            message.push_str(&texts::menade_du(suggestion));
        }
        message
    }
}

impl<T> Ty<T> {
    /// Whether `null` is accepted (and means unknown).
    pub fn is_nullable(&self) -> bool {
        !matches!(self, Ty::Const(_) | Ty::Id { .. } | Ty::Raw(_))
    }

    /// What a value of the type is, in Swedish, for a fault (`ska vara …`).
    pub fn expected(&self) -> String {
        match self {
            Ty::Const(value) => format!("talet {value}"),
            Ty::Bool => texts::TRUE_ELLER_FALSE.to_owned(),
            Ty::Int { .. } => texts::ETT_HELTAL.to_owned(),
            Ty::Date => texts::ETT_DATUM_AAAA_MM.to_owned(),
            Ty::Decimal => texts::ETT_TAL_MED_HOGST.to_owned(),
            Ty::Choice(words) => texts::en_text(words.alternatives()),
            Ty::Set(_) => texts::EN_LISTA.to_owned(),
            Ty::Text | Ty::Id { .. } => texts::EN_TEXT.to_owned(),
            Ty::Object(_) => texts::ETT_OBJEKT.to_owned(),
            Ty::List(..) => texts::EN_LISTA.to_owned(),
            Ty::Raw(_) => texts::ETT_JSON_VARDE.to_owned(),
        }
    }
}

impl Words {
    /// The number of words.
    pub fn len(self) -> usize {
        match self {
            Words::Core(kind) => names::enum_values(kind).len(),
            Words::Fixed(words) => words.len(),
        }
    }

    /// Whether the list is empty (it never is).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The index of the word written `text` in JSON.
    pub fn index(self, text: &str) -> Option<usize> {
        match self {
            Words::Core(kind) => names::enum_values(kind)
                .iter()
                .position(|name| name.chars().map(fold_char).eq(text.chars())),
            Words::Fixed(words) => words.iter().position(|word| *word == text),
        }
    }

    /// Every word as JSON writes it.
    pub fn json_words(self) -> Vec<String> {
        match self {
            Words::Core(kind) => names::enum_values(kind)
                .iter()
                .map(|name| fold(name))
                .collect(),
            Words::Fixed(words) => words.iter().map(|word| (*word).to_owned()).collect(),
        }
    }

    /// The words as a Swedish list of alternatives: `` `a`, `b` eller `c` ``.
    pub fn alternatives(self) -> String {
        let words = self.json_words();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        names::one_of(&words)
    }

    /// The message for a text that is none of the words.
    pub fn not_one_of(self, text: &str) -> String {
        // The value is not repeated: a case system that maps the wrong column here could send a
        // name or a personnummer.
        let _ = text;
        texts::ar_inget_tillatet_varde(self.alternatives())
    }
}

/// The ASCII spelling of a rule-language word, as JSON uses it (`personlig_vård` →
/// `personlig_vard`): the compiler's, which also checks that no two facts fold alike.
pub fn fold(word: &str) -> String {
    riktlinjer_compiler::compile::catalogue::fold(word)
}

/// One character of [`fold`].
fn fold_char(c: char) -> char {
    riktlinjer_compiler::compile::catalogue::fold_char(c)
}

/// A number's thousandths from its decimal text (`7`, `7,3`, `7.25`, `-1.5`), exactly; `None`
/// for anything else, a decimal sign with no decimal after it (`7,`) or more than three
/// decimals: the texts the case schema's pattern for a decimal allows, and a minus sign.
pub fn thousandths(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.ends_with([',', '.']) {
        return None;
    }
    let value = riktlinjer_compiler::compile::thousandths_of(digits)?;
    Some(if negative { -value } else { value })
}

/// The thousandths of a JSON number, exactly, from its text as written (`7.3`, `-1.25`, `7.2500`,
/// `73e-1`): never through a float. `None` for anything that is not a JSON number, or whose
/// value has more than three decimals or does not fit.
pub fn json_number_thousandths(text: &str) -> Option<i64> {
    match plain_number_thousandths(text) {
        Some(thousandths) => thousandths,
        None => any_number_thousandths(text),
    }
}

/// [`json_number_thousandths`] for the form nearly every number of a case has, `-?D+(.D+)?`
/// with at most 18 digits, in one pass over the bytes: a case file holds millions of them.
/// `None` for any other text (an exponent, more digits), which [`any_number_thousandths`]
/// reads; the two agree on every text this one reads.
fn plain_number_thousandths(text: &str) -> Option<Option<i64>> {
    let (negative, digits) = match text.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text.as_bytes()),
    };
    let mut value: i64 = 0;
    let mut n_digits = 0u32;
    let mut decimals: Option<u32> = None;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                n_digits += 1;
                // 18 digits stay below 10^18, so the value cannot overflow.
                if n_digits > 18 {
                    return None;
                }
                value = value * 10 + i64::from(byte - b'0');
                if let Some(decimals) = &mut decimals {
                    *decimals += 1;
                }
            }
            b'.' if decimals.is_none() && n_digits > 0 => decimals = Some(0),
            _ => return None,
        }
    }
    let decimals = match decimals {
        None if n_digits > 0 => 0,
        Some(decimals) if decimals > 0 => decimals,
        // No digit, or a point with none after it: no JSON number.
        _ => return None,
    };
    let thousandths = if decimals <= 3 {
        value.checked_mul(10i64.pow(3 - decimals))
    } else {
        // Decimals past the third must all be zero (`7.2500`).
        let divisor = 10i64.pow(decimals - 3);
        (value % divisor == 0).then_some(value / divisor)
    };
    Some(thousandths.map(|value| if negative { -value } else { value }))
}

/// [`json_number_thousandths`] for any text: an exponent, or more digits than an `i64` holds
/// before the decimals are taken off.
fn any_number_thousandths(text: &str) -> Option<i64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
            (mantissa, exponent.parse::<i32>().ok()?)
        }
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || !(fraction.is_empty() || is_digits(fraction)) {
        return None;
    }
    // The value is `digits` × 10^(exponent − decimals); in thousandths, × 10^(shift).
    let mut value: i128 = 0;
    let mut significant = 0;
    for digit in whole.bytes().chain(fraction.bytes()).map(|b| b - b'0') {
        if value == 0 && digit == 0 {
            continue;
        }
        significant += 1;
        if significant > 30 {
            return None;
        }
        value = value * 10 + i128::from(digit);
    }
    let decimals = i32::try_from(fraction.len()).ok()?;
    let shift = exponent.checked_sub(decimals)?.checked_add(3)?;
    if value != 0 {
        if shift >= 0 {
            value = value.checked_mul(10i128.checked_pow(u32::try_from(shift).ok()?)?)?;
        } else {
            let divisor = 10i128.checked_pow(u32::try_from(-shift).ok()?)?;
            if value % divisor != 0 {
                return None;
            }
            value /= divisor;
        }
    }
    let value = i64::try_from(value).ok()?;
    Some(if negative { -value } else { value })
}

/// An [`Object::open`] that needs no room.
pub fn no_open<T>(_: &mut T) -> Result<(), String> {
    Ok(())
}

/// An [`Object::finish`] with nothing to check.
pub fn no_finish<T>(_: &mut T) -> Result<(), Fault> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_to_ascii_and_are_found() {
        let words = Words::Core(EnumKind::SkyddadePersonuppgifter);
        assert_eq!(words.index("skyddad_folkbokforing"), Some(2));
        assert_eq!(words.index("skyddad_folkbokföring"), None);
        assert!(
            words
                .alternatives()
                .ends_with("eller `fingerade_personuppgifter`")
        );
        assert_eq!(Words::Fixed(&["a", "b"]).index("b"), Some(1));
    }

    #[test]
    fn decimals_are_read_exactly_from_their_text_never_through_a_float() {
        assert_eq!(thousandths("7,3"), Some(7_300));
        assert_eq!(thousandths("7.25"), Some(7_250));
        assert_eq!(thousandths("-1,5"), Some(-1_500));
        assert_eq!(thousandths("7,2345"), None);
        assert_eq!(thousandths("7,"), None);
        assert_eq!(thousandths("7."), None);
        assert_eq!(thousandths("sju"), None);
        assert_eq!(json_number_thousandths("7.3"), Some(7_300));
        assert_eq!(json_number_thousandths("0.1"), Some(100));
        assert_eq!(json_number_thousandths("12.345"), Some(12_345));
        assert_eq!(json_number_thousandths("-1.5"), Some(-1_500));
        assert_eq!(json_number_thousandths("7.2500"), Some(7_250));
        assert_eq!(json_number_thousandths("73e-1"), Some(7_300));
        assert_eq!(json_number_thousandths("1.5E2"), Some(150_000));
        assert_eq!(json_number_thousandths("0"), Some(0));
        assert_eq!(json_number_thousandths("0.0001"), None);
        assert_eq!(json_number_thousandths("1e400"), None);
        assert_eq!(json_number_thousandths("9223372036854775.808"), None);
        // Digits past what a float carries are kept: a float would give 9007199254740.992.
        assert_eq!(
            json_number_thousandths("9007199254740.993"),
            Some(9_007_199_254_740_993)
        );
        assert_eq!(json_number_thousandths("7,3"), None);
        assert_eq!(json_number_thousandths(".5"), None);
    }

    proptest::proptest! {
        /// The one-pass reading of a plain number agrees with the general one on every text
        /// it reads, numbers near the bounds included.
        #[test]
        fn a_plain_number_reads_as_any_number_does(
            text in "-?[0-9]{0,20}(\\.[0-9]{0,20})?|-?[0-9]{0,3}(\\.[0-9]{0,5})?[eE.+-]?[0-9]{0,3}"
        ) {
            if let Some(plain) = plain_number_thousandths(&text) {
                proptest::prop_assert_eq!(plain, any_number_thousandths(&text), "{}", text);
            }
        }
    }

    #[test]
    fn plain_numbers_at_the_edges_read_as_any_number_does() {
        for text in [
            "0",
            "-0",
            "1.",
            "-",
            "",
            ".",
            "1.0",
            "999999999999999999",
            "9223372036854775.807",
            "9223372036854775.808",
            "922337203685477.5807",
            "123456789012345678",
            "1.234000000000000000",
            "0.0001",
            "00012.5",
            "-12.3450",
            "12.3451",
        ] {
            if let Some(plain) = plain_number_thousandths(text) {
                assert_eq!(plain, any_number_thousandths(text), "{text}");
            }
        }
        assert_eq!(plain_number_thousandths("1e3"), None);
        assert_eq!(plain_number_thousandths("1234567890123456789"), None);
    }
}
