//! Reading cases as case systems send them: JSON (the contract in `schema/case.schema.json`).
//!
//! A case file is read into a `serde_json::Value` and then walked field by field, so every fault
//! is reported in Swedish with the JSON pointer of the field (`/person/fodelsedatum`), and an
//! unknown field is an error rather than silently ignored (a misspelt `bor_ensamm` would
//! otherwise make a fact unknown without anyone noticing).
//! Identity fields (namn, personnummer, adress) are read and kept apart from the core's
//! `Case`: the core never sees them, and outputs decide what to show.
//! So are the IVO report's fields of each beslut (anledning, erbjudanden), in
//! `rapportuppgifter`.
//! Skyddsåtgärder and a placement in skyddat boende are facts for the core like the others.

use std::fmt;

use riktlinjer_core::limits::{MAX_ANSOKNINGAR, MAX_BESLUT, MAX_INSATS_ID_LEN, MAX_SKYDDSATGARDER};
use riktlinjer_core::{
    Ansokan, Beslut, Boendeform, Case, Date, EnumKind, Giltighet, GrundlaggandeBehov, Kon,
    Livsomraden, Person, Roll, Samtycke, SamtyckeAv, Samtyckesform, SkyddadePersonuppgifter,
    SkyddatBoende, Skyddsatgard, Syfte,
};
use serde_json::{Map, Value};

use riktlinjer_compiler::names;

pub use crate::case_stream::{CaseFormat, CaseReader, Record, read_cases, read_from};

/// The case schema version this adapter reads.
pub const SCHEMA_VERSION: u64 = 1;

/// A case as read: the core's facts, its id, and identity fields kept apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseInput {
    /// The case system's id of the ärende.
    pub arende_id: Option<String>,
    /// The facts the core evaluates; boxed, since a case is several kilobytes and a reader
    /// hands each one on through several steps.
    pub case: Box<Case>,
    /// Identity fields, never given to the core.
    pub identitet: Identitet,
    /// The IVO report's fields of each beslut, aligned with `case.beslut` (same index), never
    /// given to the core.
    pub rapportuppgifter: Vec<BeslutRapport>,
}

/// What the report of ej verkställda beslut needs about one beslut beyond the core's facts
/// (SoL 34 kap. 1 §, LSS 28 f §: brief reasons for the delay; IVO: offers made, with dates).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BeslutRapport {
    /// The coded reason the beslut is not verkställt.
    pub anledning_kod: Option<AnledningKod>,
    /// The reason in the handläggare's words.
    pub anledning_text: Option<String>,
    /// Offers of verkställighet made to the person, in the order sent.
    pub erbjudanden: Vec<Erbjudande>,
    /// Whether an earlier quarter's report included the beslut.
    pub rapporterad_tidigare: Option<bool>,
    /// The verksamhetsområde, when the case system sets it instead of the report deriving it.
    pub verksamhetsomrade: Option<Verksamhetsomrade>,
}

/// An offer of verkställighet (a place, a contact person) made to the person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erbjudande {
    /// The day of the offer.
    pub datum: Option<Date>,
    /// What was offered and the answer.
    pub text: Option<String>,
}

/// Coded reasons why a beslut is not verkställt; the JSON codes are in [`AnledningKod::CODES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnledningKod {
    /// No suitable place or bostad is free (`brist_pa_plats`).
    BristPaPlats,
    /// No staff, utförare, kontaktperson or ledsagare is available (`brist_pa_personal`).
    BristPaPersonal,
    /// The person has declined an offer (`den_enskilde_tackat_nej`).
    DenEnskildeTackatNej,
    /// The person wants to wait, or to postpone within a valfrihetssystem
    /// (`den_enskilde_vill_vanta`).
    DenEnskildeVillVanta,
    /// Another reason, told in the free text (`ovrigt`).
    Ovrigt,
}

/// Verksamhetsområden of the report: an open list, growing as IVO's categories are confirmed
/// (DOMAIN.md §2.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verksamhetsomrade {
    /// Äldreomsorg (`aldreomsorg`).
    Aldreomsorg,
    /// Insatser under SoL to people with funktionsnedsättning (`funktionsnedsattning_sol`).
    FunktionsnedsattningSol,
    /// Insatser under LSS (`lss`).
    Lss,
    /// Individ- och familjeomsorg (`individ_och_familjeomsorg`).
    IndividOchFamiljeomsorg,
}

impl AnledningKod {
    /// Every code with its JSON spelling.
    pub const CODES: [(&'static str, AnledningKod); 5] = [
        ("brist_pa_plats", AnledningKod::BristPaPlats),
        ("brist_pa_personal", AnledningKod::BristPaPersonal),
        (
            "den_enskilde_tackat_nej",
            AnledningKod::DenEnskildeTackatNej,
        ),
        (
            "den_enskilde_vill_vanta",
            AnledningKod::DenEnskildeVillVanta,
        ),
        ("ovrigt", AnledningKod::Ovrigt),
    ];
}

impl Verksamhetsomrade {
    /// Every verksamhetsområde with its JSON spelling.
    pub const CODES: [(&'static str, Verksamhetsomrade); 4] = [
        ("aldreomsorg", Verksamhetsomrade::Aldreomsorg),
        (
            "funktionsnedsattning_sol",
            Verksamhetsomrade::FunktionsnedsattningSol,
        ),
        ("lss", Verksamhetsomrade::Lss),
        (
            "individ_och_familjeomsorg",
            Verksamhetsomrade::IndividOchFamiljeomsorg,
        ),
    ];
}

/// Identifying fields a case system may send along.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identitet {
    /// The person's name.
    pub namn: Option<String>,
    /// The personnummer.
    pub personnummer: Option<String>,
    /// The address.
    pub adress: Option<String>,
}

/// A fault in a case, with the JSON pointer of the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The JSON pointer of the field (`/ansokningar/0/insats`), or empty for the whole case.
    pub pointer: String,
    /// The CSV column, for a case read from CSV.
    pub column: Option<String>,
    /// What is wrong, in Swedish.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(column) = &self.column {
            write!(f, "kolumn {column}: {}", self.message)
        } else if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "fältet {}: {}", self.pointer, self.message)
        }
    }
}

impl std::error::Error for InputError {}

/// Reads one case from JSON text; a leading UTF-8 byte order mark is skipped.
///
/// # Errors
/// An [`InputError`] for malformed JSON (with line and column), a key that occurs twice in one
/// object, a field that is wrong, or dates that cannot both be true.
pub fn from_json(text: &str) -> Result<CaseInput, InputError> {
    let text = strip_bom(text);
    if let Some(input) = crate::case_fast::read(text) {
        return Ok(input);
    }
    from_json_full(text)
}

/// Reads one case from JSON text field by field, with a JSON pointer for every fault; the
/// reader the fast path falls back to.
///
/// # Errors
/// As [`from_json`].
pub fn from_json_full(text: &str) -> Result<CaseInput, InputError> {
    from_value(&parse_json(text)?)
}

/// Parses JSON text into a value as [`from_value`] reads it, refusing a key that occurs twice
/// in one object (serde_json would silently keep the last value) and skipping a leading UTF-8
/// byte order mark.
/// Code that parses a request body holding cases should parse it with this function, so a
/// duplicated field is an error there too.
///
/// # Errors
/// An [`InputError`] for malformed JSON (with line and column), or for a duplicated key (with
/// its JSON pointer).
pub fn parse_json(text: &str) -> Result<Value, InputError> {
    let duplicate = std::cell::RefCell::new(None);
    let seed = ValueSeed {
        at: &Step::Root,
        duplicate: &duplicate,
    };
    let mut deserializer = serde_json::Deserializer::from_str(strip_bom(text));
    let value = serde::de::DeserializeSeed::deserialize(seed, &mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| InputError {
            column: None,
            pointer: String::new(),
            message: format!(
                "ogiltig JSON på rad {}, kolumn {}: {}",
                error.line(),
                error.column(),
                json_error_text(&error)
            ),
        })?;
    match duplicate.into_inner() {
        Some(pointer) => Err(InputError {
            column: None,
            pointer,
            message: "fältet förekommer två gånger".to_owned(),
        }),
        None => Ok(value),
    }
}

/// `text` without a leading UTF-8 byte order mark, which some Windows programs (older
/// Notepad) write at the start of a file and which is no part of its content.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn json_error_text(error: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => "filen tar slut mitt i ett värde",
        Category::Syntax => "syntaxfel",
        Category::Data => "fel typ av värde",
        Category::Io => "läsfel",
    }
}

/// Reads one case from a parsed JSON value.
///
/// # Errors
/// An [`InputError`] naming the first wrong field.
pub fn from_value(value: &Value) -> Result<CaseInput, InputError> {
    let root = Obj::new(value, String::new())?;
    root.allow(&[
        "schema_version",
        "arende_id",
        "person",
        "ansokningar",
        "beslut",
        "barnarende",
        "skyddsatgarder",
        "skyddat_boende",
    ])?;
    match root.get("schema_version") {
        Some(Value::Number(number)) if number.as_u64() == Some(SCHEMA_VERSION) => {}
        Some(other) => {
            return Err(root.error(
                "schema_version",
                format!("schemaversion {other} stöds inte; denna version läser {SCHEMA_VERSION}"),
            ));
        }
        None => return Err(root.error("schema_version", "saknas; ange 1".to_owned())),
    }
    let arende_id = root.string("arende_id")?;
    let mut input = CaseInput {
        arende_id,
        ..CaseInput::default()
    };
    if let Some(person) = root.object("person")? {
        let (person, identitet) = read_person(&person)?;
        input.case.person = person;
        input.identitet = identitet;
    }
    for (index, item) in root.array("ansokningar")?.iter().enumerate() {
        let ansokan = read_ansokan(&Obj::new(item, root.child_path("ansokningar", index))?)?;
        if input.case.ansokningar.push(ansokan).is_err() {
            return Err(root.error(
                "ansokningar",
                format!("ett ärende kan ha högst {MAX_ANSOKNINGAR} ansökningar"),
            ));
        }
    }
    for (index, item) in root.array("beslut")?.iter().enumerate() {
        let (beslut, rapport) = read_beslut(&Obj::new(item, root.child_path("beslut", index))?)?;
        input.rapportuppgifter.push(rapport);
        if input.case.beslut.push(beslut).is_err() {
            return Err(root.error(
                "beslut",
                format!("ett ärende kan ha högst {MAX_BESLUT} beslut"),
            ));
        }
    }
    if let Some(barnarende) = root.object("barnarende")? {
        barnarende.allow(&[
            "anmalan_inkom",
            "skyddsbedomning_gjord",
            "forhandsbedomning_klar",
            "utredning_inledd",
            "utredning_avslutad",
        ])?;
        input.case.barnarende = Some(riktlinjer_core::Barnarende {
            anmalan_inkom: barnarende.date("anmalan_inkom")?,
            skyddsbedomning_gjord: barnarende.date("skyddsbedomning_gjord")?,
            forhandsbedomning_klar: barnarende.date("forhandsbedomning_klar")?,
            utredning_inledd: barnarende.date("utredning_inledd")?,
            utredning_avslutad: barnarende.date("utredning_avslutad")?,
        });
    }
    for (index, item) in root.array("skyddsatgarder")?.iter().enumerate() {
        let skyddsatgard =
            read_skyddsatgard(&Obj::new(item, root.child_path("skyddsatgarder", index))?)?;
        if input.case.skyddsatgarder.push(skyddsatgard).is_err() {
            return Err(root.error(
                "skyddsatgarder",
                format!("ett ärende kan ha högst {MAX_SKYDDSATGARDER} skyddsåtgärder"),
            ));
        }
    }
    if let Some(boende) = root.object("skyddat_boende")? {
        input.case.skyddat_boende = Some(read_skyddat_boende(&boende)?);
    }
    check_dates(&input.case)?;
    Ok(input)
}

/// Refuses dates of one case that cannot both be true, such as a beslut delgiven before it was
/// made, naming the later field by its JSON pointer; JSON and CSV input and both JSON readers
/// run it on every case they build.
/// Only what is impossible in reality is refused: a beslut dated after the day of prövning is a
/// future decision, and an anmälan about a child may come in before the birth, so neither is
/// checked here.
///
/// # Errors
/// An [`InputError`] naming the field whose date lies before the date it cannot precede.
pub fn check_dates(case: &Case) -> Result<(), InputError> {
    let fault = |pointer: String, field: &str, day: Date, other: &str, other_day: Date| {
        Err(InputError {
            column: None,
            pointer,
            message: format!(
                "{field} {day} ligger före {other} {other_day}, vilket inte kan stämma"
            ),
        })
    };
    let born = case.person.fodelsedatum;
    for (index, ansokan) in case.ansokningar.iter().enumerate() {
        if let Some((day, born)) = earlier(ansokan.ansokningsdatum, born) {
            let pointer = format!("/ansokningar/{index}/ansokningsdatum");
            return fault(pointer, "ansökningsdatum", day, "födelsedatum", born);
        }
    }
    for (index, beslut) in case.beslut.iter().enumerate() {
        let pointer = |field: &str| format!("/beslut/{index}/{field}");
        if let Some((day, born)) = earlier(beslut.beslutsdatum, born) {
            return fault(
                pointer("beslutsdatum"),
                "beslutsdatum",
                day,
                "födelsedatum",
                born,
            );
        }
        for (field, name, value) in [
            ("delgiven", "delgivningsdagen", beslut.delgiven),
            ("verkstalld", "verkställighetsdagen", beslut.verkstalld),
            ("avbrott", "avbrottsdagen", beslut.avbrott),
        ] {
            if let Some((day, decided)) = earlier(value, beslut.beslutsdatum) {
                return fault(pointer(field), name, day, "beslutsdatum", decided);
            }
        }
    }
    if let Some(barnarende) = &case.barnarende {
        let pointer = |field: &str| format!("/barnarende/{field}");
        for (field, name, value) in [
            (
                "skyddsbedomning_gjord",
                "skyddsbedömningen",
                barnarende.skyddsbedomning_gjord,
            ),
            (
                "forhandsbedomning_klar",
                "förhandsbedömningen",
                barnarende.forhandsbedomning_klar,
            ),
        ] {
            if let Some((day, inkom)) = earlier(value, barnarende.anmalan_inkom) {
                return fault(pointer(field), name, day, "anmälan inkom", inkom);
            }
        }
        if let Some((day, inledd)) =
            earlier(barnarende.utredning_avslutad, barnarende.utredning_inledd)
        {
            return fault(
                pointer("utredning_avslutad"),
                "utredningens avslut",
                day,
                "utredningen inleddes",
                inledd,
            );
        }
    }
    for (index, skyddsatgard) in case.skyddsatgarder.iter().enumerate() {
        let samtycke = &skyddsatgard.samtycke;
        if let Some((day, given)) = earlier(samtycke.aterkallat, samtycke.datum) {
            let pointer = format!("/skyddsatgarder/{index}/samtycke/aterkallat");
            return fault(pointer, "återkallelsen", day, "samtycket gavs", given);
        }
    }
    if let Some(boende) = &case.skyddat_boende {
        let pointer = |field: &str| format!("/skyddat_boende/{field}");
        if let Some((day, start)) = earlier(boende.placering_avslutad, boende.placering_paborjad) {
            return fault(
                pointer("placering_avslutad"),
                "placeringens slut",
                day,
                "placeringen påbörjades",
                start,
            );
        }
        for (field, name, value) in [
            ("understallt", "underställandet", boende.understallt),
            ("faststallt", "fastställandet", boende.faststallt),
        ] {
            if let Some((day, decided)) = earlier(value, boende.omedelbart_beslut) {
                return fault(
                    pointer(field),
                    name,
                    day,
                    "det omedelbara beslutet",
                    decided,
                );
            }
        }
    }
    Ok(())
}

/// Both days, when `day` is known and lies before the known `bound`.
fn earlier(day: Option<Date>, bound: Option<Date>) -> Option<(Date, Date)> {
    match (day, bound) {
        (Some(day), Some(bound)) if day < bound => Some((day, bound)),
        _ => None,
    }
}

/// The values of enumeration `kind` as JSON writes them (the rule language's words folded to
/// ASCII), paired with the core's values in the same order.
fn json_words<T: Copy>(kind: EnumKind, values: &[T]) -> Vec<(String, T)> {
    names::enum_values(kind)
        .iter()
        .map(|name| fold(name))
        .zip(values.iter().copied())
        .collect()
}

fn word_of<T: Copy>(
    obj: &Obj<'_>,
    key: &str,
    kind: EnumKind,
    values: &[T],
) -> Result<Option<T>, InputError> {
    // The common case, a known word, costs no allocation: the list of words is built only to
    // word an error.
    if let Some(Value::String(text)) = obj.get(key)
        && let Some(index) = json_index(kind, text)
        && let Some(value) = values.get(index)
    {
        return Ok(Some(*value));
    }
    let owned = json_words(kind, values);
    let words: Vec<(&str, T)> = owned
        .iter()
        .map(|(word, value)| (word.as_str(), *value))
        .collect();
    obj.word(key, &words)
}

/// The index in enumeration `kind` of the value JSON writes as `text`.
pub(crate) fn json_index(kind: EnumKind, text: &str) -> Option<usize> {
    names::enum_values(kind)
        .iter()
        .position(|name| name.chars().map(fold_char).eq(text.chars()))
}

fn read_skyddsatgard(obj: &Obj<'_>) -> Result<Skyddsatgard, InputError> {
    obj.allow(&[
        "typ",
        "syfte",
        "samtycke",
        "beslutad_av",
        "beslutsdatum",
        "riskbedomning",
        "alternativ_provade",
        "dokumenterad_i_journal",
        "senast_uppfoljd",
        "mas_informerad",
        "generell",
        "nodsituation",
        "antal_tillfallen",
        "inuti_kroppen",
        "boendeform",
    ])?;
    let Some(text) = obj.string("typ")? else {
        return Err(obj.error(
            "typ",
            "saknas; ange åtgärdens typ som riktlinjen skriver den, till exempel `sanggrind`"
                .to_owned(),
        ));
    };
    let mut typ = heapless::String::new();
    if text.is_empty() || typ.push_str(&text).is_err() {
        return Err(obj.error(
            "typ",
            format!("åtgärdens typ ska ha 1–{MAX_INSATS_ID_LEN} tecken"),
        ));
    }
    let samtycke = match obj.object("samtycke")? {
        Some(samtycke) => {
            samtycke.allow(&[
                "av",
                "form",
                "datum",
                "accepterar_fortfarande",
                "aterkallat",
            ])?;
            Samtycke {
                av: word_of(
                    &samtycke,
                    "av",
                    EnumKind::SamtyckeAv,
                    &[
                        SamtyckeAv::DenEnskilde,
                        SamtyckeAv::GodMan,
                        SamtyckeAv::Forvaltare,
                        SamtyckeAv::Anhorig,
                        SamtyckeAv::Ingen,
                    ],
                )?,
                form: word_of(
                    &samtycke,
                    "form",
                    EnumKind::Samtyckesform,
                    &[
                        Samtyckesform::Skriftligt,
                        Samtyckesform::Muntligt,
                        Samtyckesform::Tolkat,
                    ],
                )?,
                datum: samtycke.date("datum")?,
                accepterar_fortfarande: samtycke.boolean("accepterar_fortfarande")?,
                aterkallat: samtycke.date("aterkallat")?,
            }
        }
        None => Samtycke::default(),
    };
    Ok(Skyddsatgard {
        typ,
        syfte: word_of(
            obj,
            "syfte",
            EnumKind::Syfte,
            &[
                Syfte::Fallprevention,
                Syfte::Trygghet,
                Syfte::Stod,
                Syfte::Aktivering,
                Syfte::BegransaRorelse,
                Syfte::Annat,
            ],
        )?,
        samtycke,
        beslutad_av: word_of(
            obj,
            "beslutad_av",
            EnumKind::Roll,
            &[
                Roll::Enhetschef,
                Roll::Arbetsterapeut,
                Roll::Fysioterapeut,
                Roll::Sjukskoterska,
                Roll::Lakare,
                Roll::Bistandshandlaggare,
                Roll::Annan,
            ],
        )?,
        beslutsdatum: obj.date("beslutsdatum")?,
        riskbedomning: obj.date("riskbedomning")?,
        alternativ_provade: obj.boolean("alternativ_provade")?,
        dokumenterad_i_journal: obj.boolean("dokumenterad_i_journal")?,
        senast_uppfoljd: obj.date("senast_uppfoljd")?,
        mas_informerad: obj.boolean("mas_informerad")?,
        generell: obj.boolean("generell")?,
        nodsituation: obj.boolean("nodsituation")?,
        antal_tillfallen: obj
            .integer("antal_tillfallen", 0, i64::from(u16::MAX))?
            .map(|value| value as u16),
        inuti_kroppen: obj.boolean("inuti_kroppen")?,
        boendeform: word_of(
            obj,
            "boendeform",
            EnumKind::Boendeform,
            &[
                Boendeform::Hemtjanst,
                Boendeform::SarskildBoendeform,
                Boendeform::LssBostad,
                Boendeform::Annan,
            ],
        )?,
    })
}

fn read_skyddat_boende(obj: &Obj<'_>) -> Result<SkyddatBoende, InputError> {
    obj.allow(&[
        "utan_vardnadshavares_samtycke",
        "placering_paborjad",
        "senaste_overvagande",
        "placering_avslutad",
        "omedelbart_beslut",
        "understallt",
        "laga_kraft",
        "faststallt",
        "ansokan_forvaltningsratten",
    ])?;
    Ok(SkyddatBoende {
        utan_vardnadshavares_samtycke: obj.boolean("utan_vardnadshavares_samtycke")?,
        placering_paborjad: obj.date("placering_paborjad")?,
        senaste_overvagande: obj.date("senaste_overvagande")?,
        placering_avslutad: obj.date("placering_avslutad")?,
        omedelbart_beslut: obj.date("omedelbart_beslut")?,
        understallt: obj.date("understallt")?,
        laga_kraft: obj.date("laga_kraft")?,
        faststallt: obj.date("faststallt")?,
        ansokan_forvaltningsratten: obj.date("ansokan_forvaltningsratten")?,
    })
}

/// The fields of a case's `person`; CSV input uses the same names as its columns.
pub(crate) const PERSON_FIELDS: [&str; 20] = [
    "fodelsedatum",
    "kon",
    "personkrets",
    "folkbokford_i_kommunen",
    "bor_ensam",
    "har_make_eller_sambo",
    "bor_med_make_eller_sambo",
    "skyddade_personuppgifter",
    "normalt_aldrande",
    "forvarvsarbetar",
    "studerar",
    "gar_i_skolan",
    "kan_anvanda_larm",
    "behov_tillgodoses_pa_annat_satt",
    "behov_dygnet_runt",
    "behov",
    "grundlaggande_behov",
    "namn",
    "personnummer",
    "adress",
];

/// The fields of an `ansokningar` item; CSV input uses the same names as its columns.
pub(crate) const ANSOKAN_FIELDS: [&str; 11] = [
    "insats",
    "ansokningsdatum",
    "sokt_omfattning",
    "stadning_var_n_vecka",
    "inkop_per_vecka",
    "dusch_per_vecka",
    "tvatt_per_manad",
    "vardnadshavares_samtycke",
    "eget_samtycke",
    "utan_behovsprovning",
    "parboende",
];

fn read_person(obj: &Obj<'_>) -> Result<(Person, Identitet), InputError> {
    obj.allow(&PERSON_FIELDS)?;
    let personkrets = obj.integer("personkrets", 0, 3)?.map(|value| value as u8);
    let person = Person {
        fodelsedatum: obj.date("fodelsedatum")?,
        kon: obj.word("kon", &[("kvinna", Kon::Kvinna), ("man", Kon::Man)])?,
        personkrets,
        folkbokford_i_kommunen: obj.boolean("folkbokford_i_kommunen")?,
        bor_ensam: obj.boolean("bor_ensam")?,
        har_make_eller_sambo: obj.boolean("har_make_eller_sambo")?,
        bor_med_make_eller_sambo: obj.boolean("bor_med_make_eller_sambo")?,
        skyddade_personuppgifter: obj.word(
            "skyddade_personuppgifter",
            &[
                ("ingen", SkyddadePersonuppgifter::Ingen),
                (
                    "sekretessmarkering",
                    SkyddadePersonuppgifter::Sekretessmarkering,
                ),
                (
                    "skyddad_folkbokforing",
                    SkyddadePersonuppgifter::SkyddadFolkbokforing,
                ),
                (
                    "fingerade_personuppgifter",
                    SkyddadePersonuppgifter::FingeradePersonuppgifter,
                ),
            ],
        )?,
        normalt_aldrande: obj.boolean("normalt_aldrande")?,
        forvarvsarbetar: obj.boolean("forvarvsarbetar")?,
        studerar: obj.boolean("studerar")?,
        gar_i_skolan: obj.boolean("gar_i_skolan")?,
        kan_anvanda_larm: obj.boolean("kan_anvanda_larm")?,
        behov_tillgodoses_pa_annat_satt: obj.boolean("behov_tillgodoses_pa_annat_satt")?,
        behov_dygnet_runt: obj.boolean("behov_dygnet_runt")?,
        behov: obj
            .set("behov", riktlinjer_core::EnumKind::Livsomrade)?
            .map(Livsomraden),
        grundlaggande_behov: obj
            .set(
                "grundlaggande_behov",
                riktlinjer_core::EnumKind::GrundlaggandeBehov,
            )?
            .map(GrundlaggandeBehov),
    };
    let identitet = Identitet {
        namn: obj.string("namn")?,
        personnummer: obj.string("personnummer")?,
        adress: obj.string("adress")?,
    };
    Ok((person, identitet))
}

fn read_ansokan(obj: &Obj<'_>) -> Result<Ansokan, InputError> {
    obj.allow(&ANSOKAN_FIELDS)?;
    let small = |key: &str| -> Result<Option<u8>, InputError> {
        Ok(obj.integer(key, 0, 255)?.map(|value| value as u8))
    };
    Ok(Ansokan {
        insats: obj.insats("insats")?,
        ansokningsdatum: obj.date("ansokningsdatum")?,
        sokt_omfattning: obj
            .integer("sokt_omfattning", 0, i64::from(u32::MAX))?
            .map(|v| v as u32),
        stadning_var_n_vecka: small("stadning_var_n_vecka")?,
        inkop_per_vecka: small("inkop_per_vecka")?,
        dusch_per_vecka: small("dusch_per_vecka")?,
        tvatt_per_manad: small("tvatt_per_manad")?,
        vardnadshavares_samtycke: obj.boolean("vardnadshavares_samtycke")?,
        eget_samtycke: obj.boolean("eget_samtycke")?,
        utan_behovsprovning: obj.boolean("utan_behovsprovning")?,
        parboende: obj.boolean("parboende")?,
    })
}

fn read_beslut(obj: &Obj<'_>) -> Result<(Beslut, BeslutRapport), InputError> {
    obj.allow(&[
        "insats",
        "beslutsdatum",
        "delgiven",
        "gynnande",
        "giltig_till",
        "tills_vidare",
        "omfattning",
        "verkstalld",
        "avbrott",
        "anledning_kod",
        "anledning_text",
        "erbjudanden",
        "rapporterad_tidigare",
        "verksamhetsomrade",
    ])?;
    let tills_vidare = obj.boolean("tills_vidare")?;
    let giltig_till = obj.date("giltig_till")?;
    let giltighet = match (tills_vidare, giltig_till) {
        (Some(true), Some(_)) => {
            return Err(obj.error(
                "giltig_till",
                "ett beslut kan inte både gälla tills vidare och ha ett slutdatum".to_owned(),
            ));
        }
        (Some(true), None) => Some(Giltighet::TillsVidare),
        (_, Some(last)) => Some(Giltighet::Till(last)),
        (Some(false) | None, None) => None,
    };
    let beslut = Beslut {
        insats: obj.insats("insats")?,
        beslutsdatum: obj.date("beslutsdatum")?,
        delgiven: obj.date("delgiven")?,
        gynnande: obj.boolean("gynnande")?,
        giltighet,
        omfattning: obj
            .integer("omfattning", 0, i64::from(u32::MAX))?
            .map(|v| v as u32),
        verkstalld: obj.date("verkstalld")?,
        avbrott: obj.date("avbrott")?,
    };
    let mut erbjudanden = Vec::new();
    for (index, item) in obj.array("erbjudanden")?.iter().enumerate() {
        let erbjudande = Obj::new(item, obj.child_path("erbjudanden", index))?;
        erbjudande.allow(&["datum", "text"])?;
        erbjudanden.push(Erbjudande {
            datum: erbjudande.date("datum")?,
            text: erbjudande.string("text")?,
        });
    }
    let rapport = BeslutRapport {
        anledning_kod: obj.word("anledning_kod", &AnledningKod::CODES)?,
        anledning_text: obj.string("anledning_text")?,
        erbjudanden,
        rapporterad_tidigare: obj.boolean("rapporterad_tidigare")?,
        verksamhetsomrade: obj.word("verksamhetsomrade", &Verksamhetsomrade::CODES)?,
    };
    Ok((beslut, rapport))
}

/// A JSON object with its pointer, for reading fields with Swedish errors.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, path: String) -> Result<Obj<'a>, InputError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path }),
            other => Err(InputError {
                column: None,
                pointer: if path.is_empty() {
                    "/".to_owned()
                } else {
                    path
                },
                message: format!("ska vara ett objekt, men är {}", kind(other)),
            }),
        }
    }

    fn pointer(&self, key: &str) -> String {
        format!(
            "{}/{}",
            self.path,
            key.replace('~', "~0").replace('/', "~1")
        )
    }

    fn child_path(&self, key: &str, index: usize) -> String {
        format!("{}/{index}", self.pointer(key))
    }

    fn error(&self, key: &str, message: String) -> InputError {
        InputError {
            column: None,
            pointer: self.pointer(key),
            message,
        }
    }

    fn allow(&self, keys: &[&str]) -> Result<(), InputError> {
        for key in self.map.keys() {
            if !keys.contains(&key.as_str()) {
                let mut message = format!("okänt fält `{key}`");
                if let Some(suggestion) = names::suggest(key, keys.iter().copied()) {
                    message.push_str(&format!("; menade du `{suggestion}`?"));
                }
                return Err(self.error(key, message));
            }
        }
        Ok(())
    }

    /// The field, treating `null` as absent.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    fn wrong(&self, key: &str, want: &str, found: &Value) -> InputError {
        self.error(key, format!("ska vara {want}, men är {}", kind(found)))
    }

    fn object(&self, key: &str) -> Result<Option<Obj<'a>>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => Obj::new(value, self.pointer(key)).map(Some),
        }
    }

    fn array(&self, key: &str) -> Result<&'a [Value], InputError> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items.as_slice()),
            Some(other) => Err(self.wrong(key, "en lista", other)),
        }
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(value)) => Ok(Some(*value)),
            Some(other) => Err(self.wrong(key, "true eller false", other)),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(value)) => Ok(Some(value.clone())),
            Some(other) => Err(self.wrong(key, "en text", other)),
        }
    }

    fn integer(&self, key: &str, min: i64, max: i64) -> Result<Option<i64>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(number)) => match number.as_i64() {
                Some(value) if (min..=max).contains(&value) => Ok(Some(value)),
                _ => Err(self.error(
                    key,
                    format!("ska vara ett heltal från {min} till {max}, men är {number}"),
                )),
            },
            Some(other) => Err(self.wrong(key, "ett heltal", other)),
        }
    }

    fn date(&self, key: &str) -> Result<Option<Date>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Date::parse(text).map(Some).map_err(|error| {
                self.error(key, format!("`{text}` är inget giltigt datum: {error}"))
            }),
            Some(other) => Err(self.wrong(key, "ett datum (ÅÅÅÅ-MM-DD)", other)),
        }
    }

    fn word<T: Copy>(&self, key: &str, words: &[(&str, T)]) -> Result<Option<T>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => names::lookup(words, text).map(Some).ok_or_else(|| {
                self.error(
                    key,
                    format!(
                        "`{text}` är inget tillåtet värde; skriv {}",
                        names::alternatives(words)
                    ),
                )
            }),
            Some(other) => Err(self.wrong(
                key,
                &format!("en text, {}", names::alternatives(words)),
                other,
            )),
        }
    }

    fn insats(&self, key: &str) -> Result<heapless::String<MAX_INSATS_ID_LEN>, InputError> {
        let Some(text) = self.string(key)? else {
            return Err(self.error(
                key,
                "saknas; ange insatsens id, till exempel `hemtjanst_service`".to_owned(),
            ));
        };
        let mut id = heapless::String::new();
        if text.is_empty() || id.push_str(&text).is_err() {
            return Err(self.error(
                key,
                format!("insats-id ska ha 1–{MAX_INSATS_ID_LEN} tecken"),
            ));
        }
        Ok(id)
    }

    fn set(&self, key: &str, kind: riktlinjer_core::EnumKind) -> Result<Option<u16>, InputError> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let Value::Array(items) = value else {
            return Err(self.wrong(key, "en lista", value));
        };
        let mut mask = 0u16;
        for (index, item) in items.iter().enumerate() {
            let pointer = || format!("{}/{index}", self.pointer(key));
            let Value::String(text) = item else {
                return Err(InputError {
                    column: None,
                    pointer: pointer(),
                    message: format!("ska vara en text, men är {}", kind_of(item)),
                });
            };
            let Some(bit) = json_index(kind, text) else {
                let allowed: Vec<String> = names::enum_values(kind)
                    .iter()
                    .map(|name| fold(name))
                    .collect();
                let words: Vec<&str> = allowed.iter().map(String::as_str).collect();
                return Err(InputError {
                    column: None,
                    pointer: pointer(),
                    message: format!(
                        "`{text}` är inget tillåtet värde; skriv {}",
                        names::one_of(&words)
                    ),
                });
            };
            mask |= 1 << bit;
        }
        Ok(Some(mask))
    }
}

/// Where a JSON value sits, as a chain of borrowed steps from the root, so that a pointer is
/// built only for a duplicated key and reading costs no allocation per value.
enum Step<'a> {
    Root,
    Key(&'a Step<'a>, &'a str),
    Index(&'a Step<'a>, usize),
}

impl Step<'_> {
    fn pointer(&self) -> String {
        match self {
            Step::Root => String::new(),
            Step::Key(parent, key) => format!(
                "{}/{}",
                parent.pointer(),
                key.replace('~', "~0").replace('/', "~1")
            ),
            Step::Index(parent, index) => format!("{}/{index}", parent.pointer()),
        }
    }
}

/// Reads a `serde_json::Value` as its own `Deserialize` does, but notes the pointer of the
/// first key that occurs twice in one object instead of letting the last value win.
struct ValueSeed<'a> {
    at: &'a Step<'a>,
    duplicate: &'a std::cell::RefCell<Option<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ett JSON-värde")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let step = Step::Index(self.at, items.len());
            let seed = ValueSeed {
                at: &step,
                duplicate: self.duplicate,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let step = Step::Key(self.at, &key);
            let value = map.next_value_seed(ValueSeed {
                at: &step,
                duplicate: self.duplicate,
            })?;
            if object.contains_key(&key) {
                let mut duplicate = self.duplicate.borrow_mut();
                if duplicate.is_none() {
                    *duplicate = Some(step.pointer());
                }
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

fn kind_of(value: &Value) -> &'static str {
    kind(value)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "ett sanningsvärde",
        Value::Number(_) => "ett tal",
        Value::String(_) => "en text",
        Value::Array(_) => "en lista",
        Value::Object(_) => "ett objekt",
    }
}

/// The ASCII spelling of a rule-language word, as JSON uses it (`personlig_vård` → `personlig_vard`).
pub fn fold(word: &str) -> String {
    word.chars().map(fold_char).collect()
}

/// One character of [`fold`].
fn fold_char(c: char) -> char {
    match c {
        'å' | 'ä' => 'a',
        'ö' => 'o',
        'Å' | 'Ä' => 'A',
        'Ö' => 'O',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> InputError {
        from_json(text).err().unwrap_or(InputError {
            column: None,
            pointer: "-".into(),
            message: "inget fel".into(),
        })
    }

    #[test]
    fn a_full_case_reads() {
        let input = from_json(
            r#"{"schema_version":1,"arende_id":"A-1","person":{"fodelsedatum":"1941-05-12","kon":"kvinna","bor_ensam":true,"behov":["hemliv","personlig_vard"],"namn":"Anna"},
               "ansokningar":[{"insats":"trygghetslarm","ansokningsdatum":"2025-11-03"}],
               "beslut":[{"insats":"hemtjanst_service","beslutsdatum":"2025-05-10","tills_vidare":true,"gynnande":true,"omfattning":8}]}"#,
        )
        .ok()
        .unwrap_or_default();
        assert_eq!(input.arende_id.as_deref(), Some("A-1"));
        assert_eq!(input.case.person.bor_ensam, Some(true));
        assert_eq!(
            input.case.person.behov,
            Some(Livsomraden((1 << 5) | (1 << 4)))
        );
        assert_eq!(input.identitet.namn.as_deref(), Some("Anna"));
        assert_eq!(input.case.beslut[0].giltighet, Some(Giltighet::TillsVidare));
    }

    #[test]
    fn faults_name_their_field() {
        let cases = [
            (
                r#"{"schema_version":1,"person":{"fodelsedatum":"2025-06-31"}}"#,
                "/person/fodelsedatum",
                "dag 31 finns inte",
            ),
            (
                r#"{"schema_version":1,"person":{"bor_ensamm":true}}"#,
                "/person/bor_ensamm",
                "menade du `bor_ensam`",
            ),
            (
                r#"{"schema_version":1,"person":{"personkrets":4}}"#,
                "/person/personkrets",
                "från 0 till 3",
            ),
            (
                r#"{"schema_version":1,"ansokningar":[{"insats":"x"},{}]}"#,
                "/ansokningar/1/insats",
                "saknas",
            ),
            (
                r#"{"schema_version":1,"person":{"behov":["hemliv","flyga"]}}"#,
                "/person/behov/1",
                "`flyga`",
            ),
            (r#"{"schema_version":2}"#, "/schema_version", "stöds inte"),
            (
                r#"{"schema_version":1,"person":{"bor_ensam":"ja"}}"#,
                "/person/bor_ensam",
                "true eller false",
            ),
            (r#"[1]"#, "/", "ett objekt"),
        ];
        for (text, pointer, fragment) in cases {
            let error = error_of(text);
            assert_eq!(error.pointer, pointer, "{text}");
            assert!(
                error.message.contains(fragment),
                "{text}: {}",
                error.message
            );
        }
        assert!(error_of("{\"schema_version\":1,").message.contains("rad 1"));
    }

    #[test]
    fn a_key_given_twice_is_refused_with_its_pointer() {
        let cases = [
            (
                r#"{"schema_version":1,"person":{"personkrets":1,"personkrets":3},"ansokningar":[{"insats":"daglig_verksamhet"}]}"#,
                "/person/personkrets",
            ),
            (
                r#"{"schema_version":1,"arende_id":"a","arende_id":"a"}"#,
                "/arende_id",
            ),
            (
                r#"{"schema_version":1,"ansokningar":[{"insats":"a"},{"insats":"b","insats":"b"}]}"#,
                "/ansokningar/1/insats",
            ),
            (
                r#"{"schema_version":1,"skyddsatgarder":[{"typ":"sanggrind","samtycke":{"av":"ingen","av":"ingen"}}]}"#,
                "/skyddsatgarder/0/samtycke/av",
            ),
            (
                r#"{"schema_version":1,"person":{"a/b~":1,"a/b~":1}}"#,
                "/person/a~1b~0",
            ),
        ];
        for (text, pointer) in cases {
            let error = error_of(text);
            assert_eq!(error.pointer, pointer, "{text}");
            assert_eq!(error.message, "fältet förekommer två gånger", "{text}");
            assert!(crate::case_fast::read(text).is_none(), "{text}");
        }
        // The same key in two objects is no duplicate.
        assert!(
            from_json(r#"{"schema_version":1,"ansokningar":[{"insats":"a"},{"insats":"b"}]}"#)
                .is_ok()
        );
        // Values read as serde_json reads them.
        let text = r#"{"a":[1,-2,2.5,1e400,"x",null,true,{}],"b":18446744073709551615}"#;
        assert_eq!(
            parse_json(text).ok(),
            serde_json::from_str::<Value>(text).ok()
        );
        assert!(
            error_of(r#"{"schema_version":1} x"#)
                .message
                .contains("syntaxfel")
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_case_is_skipped() {
        let text =
            "\u{feff}{\"schema_version\":1,\"ansokningar\":[{\"insats\":\"trygghetslarm\"}]}";
        assert!(from_json(text).is_ok(), "{}", error_of(text));
        assert!(from_json_full(text).is_ok());
        // Only at the start.
        assert!(from_json("{\"schema_version\":1}\u{feff}").is_err());
    }

    #[test]
    fn dates_that_cannot_both_be_true_are_refused() {
        let cases = [
            (
                r#"{"schema_version":1,"beslut":[{"insats":"trygghetslarm","beslutsdatum":"2025-01-01","delgiven":"2024-12-01","gynnande":false}]}"#,
                "/beslut/0/delgiven",
                "beslutsdatum 2025-01-01",
            ),
            (
                r#"{"schema_version":1,"beslut":[{"insats":"a","beslutsdatum":"2025-01-01"},{"insats":"b","beslutsdatum":"2025-01-01","verkstalld":"2024-12-31"}]}"#,
                "/beslut/1/verkstalld",
                "beslutsdatum",
            ),
            (
                r#"{"schema_version":1,"beslut":[{"insats":"a","beslutsdatum":"2025-01-01","avbrott":"2024-06-01"}]}"#,
                "/beslut/0/avbrott",
                "beslutsdatum",
            ),
            (
                r#"{"schema_version":1,"person":{"fodelsedatum":"2020-05-01"},"ansokningar":[{"insats":"a","ansokningsdatum":"2025-01-01"},{"insats":"b","ansokningsdatum":"2020-04-30"}]}"#,
                "/ansokningar/1/ansokningsdatum",
                "födelsedatum 2020-05-01",
            ),
            (
                r#"{"schema_version":1,"person":{"fodelsedatum":"2018-03-01"},"beslut":[{"insats":"a","beslutsdatum":"2017-08-01"}]}"#,
                "/beslut/0/beslutsdatum",
                "födelsedatum",
            ),
            (
                r#"{"schema_version":1,"barnarende":{"anmalan_inkom":"2025-03-10","forhandsbedomning_klar":"2025-03-01"}}"#,
                "/barnarende/forhandsbedomning_klar",
                "anmälan inkom",
            ),
            (
                r#"{"schema_version":1,"barnarende":{"utredning_inledd":"2025-03-10","utredning_avslutad":"2025-03-09"}}"#,
                "/barnarende/utredning_avslutad",
                "inleddes",
            ),
            (
                r#"{"schema_version":1,"skyddsatgarder":[{"typ":"sanggrind","samtycke":{"datum":"2025-02-01","aterkallat":"2025-01-01"}}]}"#,
                "/skyddsatgarder/0/samtycke/aterkallat",
                "samtycket",
            ),
            (
                r#"{"schema_version":1,"skyddat_boende":{"placering_paborjad":"2025-02-01","placering_avslutad":"2025-01-01"}}"#,
                "/skyddat_boende/placering_avslutad",
                "påbörjades",
            ),
            (
                r#"{"schema_version":1,"skyddat_boende":{"omedelbart_beslut":"2025-02-01","understallt":"2025-01-31"}}"#,
                "/skyddat_boende/understallt",
                "omedelbara",
            ),
        ];
        for (text, pointer, fragment) in cases {
            let error = error_of(text);
            assert_eq!(error.pointer, pointer, "{text}");
            assert!(
                error.message.contains(fragment),
                "{text}: {}",
                error.message
            );
            assert!(crate::case_fast::read(text).is_none(), "{text}");
        }
        // The same day, and facts that can happen, are accepted: a beslut after the day of
        // prövning, an anmälan before the birth, a delgivning on the day of the beslut.
        for text in [
            r#"{"schema_version":1,"person":{"fodelsedatum":"2020-05-01"},"ansokningar":[{"insats":"a","ansokningsdatum":"2020-05-01"}],"beslut":[{"insats":"a","beslutsdatum":"2030-01-01","delgiven":"2030-01-01","verkstalld":"2030-01-01"}]}"#,
            r#"{"schema_version":1,"person":{"fodelsedatum":"2025-05-01"},"barnarende":{"anmalan_inkom":"2025-03-10"}}"#,
            r#"{"schema_version":1,"beslut":[{"insats":"a","delgiven":"2020-01-01"}]}"#,
        ] {
            assert!(from_json(text).is_ok(), "{text}: {}", error_of(text));
        }
    }
}
