//! The case contract, declared once: every field of a case with its key, type, Swedish
//! description and where its value goes in a [`CaseInput`].
//!
//! The JSON reader, the CSV columns and the schema are made from these declarations; a field
//! added here is read from JSON and CSV and published in the schema at once.
//! Values land in the core's `Case`, in the identity fields kept apart from it, or in the IVO
//! report's fields of each beslut. Nothing here reads or checks by itself beyond one field: the
//! few checks between fields are the objects' `finish` functions at the end.

use riktlinjer_core::limits::{MAX_ANSOKNINGAR, MAX_BESLUT, MAX_INSATS_ID_LEN, MAX_SKYDDSATGARDER};
use riktlinjer_core::{
    Ansokan, Barnarende, Beslut, Boendeform, Date, EnumKind, Giltighet, Kon, Roll, SamtyckeAv,
    Samtyckesform, SkyddadePersonuppgifter, SkyddatBoende, Skyddsatgard, Syfte,
};

use super::{
    AnledningKod, BeslutRapport, CaseInput, Erbjudande, SCHEMA_VERSION, Verksamhetsomrade,
};
use crate::contract::{Fault, Field, Object, Ty, Value, Words, no_finish, no_open};
use crate::texts;

/// The bounds of the core's number types, as the contract's `Int` takes them.
const U16_MAX: i64 = u16::MAX as i64;

/// The core's values of each enumeration, in the order of the rule language's words.
const SYFTEN: [Syfte; 6] = [
    Syfte::Fallprevention,
    Syfte::Trygghet,
    Syfte::Stod,
    Syfte::Aktivering,
    Syfte::BegransaRorelse,
    Syfte::Annat,
];
const ROLLER: [Roll; 7] = [
    Roll::Enhetschef,
    Roll::Arbetsterapeut,
    Roll::Fysioterapeut,
    Roll::Sjukskoterska,
    Roll::Lakare,
    Roll::Bistandshandlaggare,
    Roll::Annan,
];
const BOENDEFORMER: [Boendeform; 4] = [
    Boendeform::Hemtjanst,
    Boendeform::SarskildBoendeform,
    Boendeform::LssBostad,
    Boendeform::Annan,
];
const SAMTYCKE_AV: [SamtyckeAv; 5] = [
    SamtyckeAv::DenEnskilde,
    SamtyckeAv::GodMan,
    SamtyckeAv::Forvaltare,
    SamtyckeAv::Anhorig,
    SamtyckeAv::Ingen,
];
const SAMTYCKESFORMER: [Samtyckesform; 3] = [
    Samtyckesform::Skriftligt,
    Samtyckesform::Muntligt,
    Samtyckesform::Tolkat,
];

pub(super) static CASE: Object<CaseInput> = Object {
    description: texts::ABOUT_CASE,
    fields: &[
        Field {
            key: "schema_version",
            ty: Ty::Const(SCHEMA_VERSION),
            description: texts::ABOUT_CASE_SCHEMA_VERSION,
            required: Some(texts::SAKNAS_ANGE),
            set: |_, _| Ok(()),
        },
        Field {
            key: "arende_id",
            ty: Ty::Text,
            description: texts::ABOUT_CASE_ARENDE_ID,
            required: None,
            set: |c, v| {
                let id = match &v {
                    Value::Short(id) => Some(c.spare.text(id)),
                    _ => text(v),
                };
                set(&mut c.arende_id, id)
            },
        },
        Field {
            key: "person",
            ty: Ty::Object(&PERSON),
            description: texts::ABOUT_CASE_PERSON,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "ansokningar",
            ty: Ty::List(&ANSOKAN, Some(MAX_ANSOKNINGAR)),
            description: texts::ABOUT_CASE_ANSOKNINGAR,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "beslut",
            ty: Ty::List(&BESLUT, Some(MAX_BESLUT)),
            description: texts::ABOUT_CASE_BESLUT,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "barnarende",
            ty: Ty::Object(&BARNARENDE),
            description: texts::ABOUT_CASE_BARNARENDE,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "skyddsatgarder",
            ty: Ty::List(&SKYDDSATGARD, Some(MAX_SKYDDSATGARDER)),
            description: texts::ABOUT_CASE_SKYDDSATGARDER,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "skyddat_boende",
            ty: Ty::Object(&SKYDDAT_BOENDE),
            description: texts::ABOUT_CASE_SKYDDAT_BOENDE,
            required: None,
            set: |_, _| Ok(()),
        },
    ],
    open: no_open,
    finish: finish_case,
    extra: None,
};

pub(super) static PERSON: Object<CaseInput> = Object {
    description: texts::ABOUT_PERSON,
    fields: &[
        Field {
            key: "fodelsedatum",
            ty: Ty::Date,
            description: texts::ABOUT_PERSON_FODELSEDATUM,
            required: None,
            set: |c, v| set(&mut c.case.person.fodelsedatum, date(v)),
        },
        Field {
            key: "kon",
            ty: Ty::Choice(Words::Core(EnumKind::Kon)),
            description: texts::ABOUT_PERSON_KON,
            required: None,
            set: |c, v| set(&mut c.case.person.kon, pick(v, &[Kon::Kvinna, Kon::Man])),
        },
        Field {
            key: "skyddade_personuppgifter",
            ty: Ty::Choice(Words::Core(EnumKind::SkyddadePersonuppgifter)),
            description: texts::ABOUT_PERSON_SKYDDADE_PERSONUPPGIFTER,
            required: None,
            set: |c, v| {
                let levels = [
                    SkyddadePersonuppgifter::Ingen,
                    SkyddadePersonuppgifter::Sekretessmarkering,
                    SkyddadePersonuppgifter::SkyddadFolkbokforing,
                    SkyddadePersonuppgifter::FingeradePersonuppgifter,
                ];
                set(
                    &mut c.case.person.skyddade_personuppgifter,
                    pick(v, &levels),
                )
            },
        },
        Field {
            key: "namn",
            ty: Ty::Text,
            description: texts::ABOUT_PERSON_NAMN,
            required: None,
            set: |c, v| set(&mut c.identitet.namn, text(v)),
        },
        Field {
            key: "personnummer",
            ty: Ty::Text,
            description: texts::ABOUT_PERSON_PERSONNUMMER,
            required: None,
            set: |c, v| set(&mut c.identitet.personnummer, text(v)),
        },
        Field {
            key: "adress",
            ty: Ty::Text,
            description: texts::ABOUT_PERSON_ADRESS,
            required: None,
            set: |c, v| set(&mut c.identitet.adress, text(v)),
        },
    ],
    open: no_open,
    finish: no_finish,
    extra: Some(|c, key, value| super::loose::keep(c, super::loose::Place::Person, key, value)),
};

pub(super) static ANSOKAN: Object<CaseInput> = Object {
    description: "",
    fields: &[
        Field {
            key: "insats",
            ty: Ty::Id {
                max_len: MAX_INSATS_ID_LEN,
            },
            description: texts::ABOUT_ANSOKAN_INSATS,
            required: Some(texts::SAKNAS_ANGE_INSATSENS_ID),
            set: |c, v| {
                set_id(
                    c.case.ansokningar.last_mut().map(|a| &mut a.insats),
                    v,
                    "insats-id",
                )
            },
        },
        Field {
            key: "ansokningsdatum",
            ty: Ty::Date,
            description: texts::ABOUT_ANSOKAN_ANSOKNINGSDATUM,
            required: None,
            set: |c, v| on_ansokan(c, |a| a.ansokningsdatum = date(v)),
        },
        Field {
            key: "sokt_omfattning",
            ty: Ty::Decimal,
            description: texts::ABOUT_ANSOKAN_SOKT_OMFATTNING,
            required: None,
            set: |c, v| on_ansokan(c, |a| a.sokt_omfattning = decimal(v)),
        },
    ],
    open: open_ansokan,
    finish: no_finish,
    extra: Some(|c, key, value| {
        let index = c.case.ansokningar.len().saturating_sub(1);
        super::loose::keep(c, super::loose::Place::Ansokan(index), key, value)
    }),
};

pub(super) static BESLUT: Object<CaseInput> = Object {
    description: "",
    fields: &[
        Field {
            key: "insats",
            ty: Ty::Id {
                max_len: MAX_INSATS_ID_LEN,
            },
            description: texts::ABOUT_BESLUT_INSATS,
            required: Some(texts::SAKNAS_ANGE_INSATSENS_ID),
            set: |c, v| {
                set_id(
                    c.case.beslut.last_mut().map(|b| &mut b.insats),
                    v,
                    "insats-id",
                )
            },
        },
        Field {
            key: "beslutsdatum",
            ty: Ty::Date,
            description: texts::ABOUT_BESLUT_BESLUTSDATUM,
            required: None,
            set: |c, v| on_beslut(c, |b| b.beslutsdatum = date(v)),
        },
        Field {
            key: "delgiven",
            ty: Ty::Date,
            description: texts::ABOUT_BESLUT_DELGIVEN,
            required: None,
            set: |c, v| on_beslut(c, |b| b.delgiven = date(v)),
        },
        Field {
            key: "gynnande",
            ty: Ty::Bool,
            description: texts::ABOUT_BESLUT_GYNNANDE,
            required: None,
            set: |c, v| on_beslut(c, |b| b.gynnande = boolean(v)),
        },
        Field {
            key: "tills_vidare",
            ty: Ty::Bool,
            description: texts::ABOUT_BESLUT_TILLS_VIDARE,
            required: None,
            set: |c, v| on_rapport(c, |r| r.tills_vidare = boolean(v)),
        },
        Field {
            key: "giltig_till",
            ty: Ty::Date,
            description: texts::ABOUT_BESLUT_GILTIG_TILL,
            required: None,
            set: |c, v| on_beslut(c, |b| b.giltighet = date(v).map(Giltighet::Till)),
        },
        Field {
            key: "omfattning",
            ty: Ty::Decimal,
            description: texts::ABOUT_BESLUT_OMFATTNING,
            required: None,
            set: |c, v| on_beslut(c, |b| b.omfattning = decimal(v)),
        },
        Field {
            key: "verkstalld",
            ty: Ty::Date,
            description: texts::ABOUT_BESLUT_VERKSTALLD,
            required: None,
            set: |c, v| on_beslut(c, |b| b.verkstalld = date(v)),
        },
        Field {
            key: "avbrott",
            ty: Ty::Date,
            description: texts::ABOUT_BESLUT_AVBROTT,
            required: None,
            set: |c, v| on_beslut(c, |b| b.avbrott = date(v)),
        },
        Field {
            key: "anledning_kod",
            ty: Ty::Choice(Words::Fixed(&AnledningKod::WORDS)),
            description: texts::ABOUT_BESLUT_ANLEDNING_KOD,
            required: None,
            set: |c, v| on_rapport(c, |r| r.anledning_kod = pick(v, &AnledningKod::ALL)),
        },
        Field {
            key: "anledning_text",
            ty: Ty::Text,
            description: texts::ABOUT_BESLUT_ANLEDNING_TEXT,
            required: None,
            set: |c, v| on_rapport(c, |r| r.anledning_text = text(v)),
        },
        Field {
            key: "erbjudanden",
            ty: Ty::List(&ERBJUDANDE, None),
            description: texts::ABOUT_BESLUT_ERBJUDANDEN,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "rapporterad_tidigare",
            ty: Ty::Bool,
            description: texts::ABOUT_BESLUT_RAPPORTERAD_TIDIGARE,
            required: None,
            set: |c, v| on_rapport(c, |r| r.rapporterad_tidigare = boolean(v)),
        },
        Field {
            key: "verksamhetsomrade",
            ty: Ty::Choice(Words::Fixed(&Verksamhetsomrade::WORDS)),
            description: texts::ABOUT_BESLUT_VERKSAMHETSOMRADE,
            required: None,
            set: |c, v| {
                on_rapport(c, |r| {
                    r.verksamhetsomrade = pick(v, &Verksamhetsomrade::ALL)
                })
            },
        },
    ],
    open: open_beslut,
    finish: finish_beslut,
    extra: None,
};

pub(super) static ERBJUDANDE: Object<CaseInput> = Object {
    description: "",
    fields: &[
        Field {
            key: "datum",
            ty: Ty::Date,
            description: texts::ABOUT_ERBJUDANDE_DATUM,
            required: None,
            set: |c, v| on_erbjudande(c, |e| e.datum = date(v)),
        },
        Field {
            key: "text",
            ty: Ty::Text,
            description: texts::ABOUT_ERBJUDANDE_TEXT,
            required: None,
            set: |c, v| on_erbjudande(c, |e| e.text = text(v)),
        },
    ],
    open: open_erbjudande,
    finish: no_finish,
    extra: None,
};

pub(super) static BARNARENDE: Object<CaseInput> = Object {
    description: texts::ABOUT_BARNARENDE,
    fields: &[
        Field {
            key: "anmalan_inkom",
            ty: Ty::Date,
            description: texts::ABOUT_BARNARENDE_ANMALAN_INKOM,
            required: None,
            set: |c, v| on_barnarende(c, |b| b.anmalan_inkom = date(v)),
        },
        Field {
            key: "skyddsbedomning_gjord",
            ty: Ty::Date,
            description: texts::ABOUT_BARNARENDE_SKYDDSBEDOMNING_GJORD,
            required: None,
            set: |c, v| on_barnarende(c, |b| b.skyddsbedomning_gjord = date(v)),
        },
        Field {
            key: "forhandsbedomning_klar",
            ty: Ty::Date,
            description: texts::ABOUT_BARNARENDE_FORHANDSBEDOMNING_KLAR,
            required: None,
            set: |c, v| on_barnarende(c, |b| b.forhandsbedomning_klar = date(v)),
        },
        Field {
            key: "utredning_inledd",
            ty: Ty::Date,
            description: texts::ABOUT_BARNARENDE_UTREDNING_INLEDD,
            required: None,
            set: |c, v| on_barnarende(c, |b| b.utredning_inledd = date(v)),
        },
        Field {
            key: "utredning_avslutad",
            ty: Ty::Date,
            description: texts::ABOUT_BARNARENDE_UTREDNING_AVSLUTAD,
            required: None,
            set: |c, v| on_barnarende(c, |b| b.utredning_avslutad = date(v)),
        },
    ],
    open: open_barnarende,
    finish: no_finish,
    extra: None,
};

pub(super) static SKYDDSATGARD: Object<CaseInput> = Object {
    description: texts::ABOUT_SKYDDSATGARD,
    fields: &[
        Field {
            key: "typ",
            ty: Ty::Id {
                max_len: MAX_INSATS_ID_LEN,
            },
            description: texts::ABOUT_SKYDDSATGARD_TYP,
            required: Some(texts::SAKNAS_ANGE_ATGARDENS_TYP),
            set: |c, v| {
                set_id(
                    c.case.skyddsatgarder.last_mut().map(|s| &mut s.typ),
                    v,
                    texts::ATGARDENS_TYP,
                )
            },
        },
        Field {
            key: "syfte",
            ty: Ty::Choice(Words::Core(EnumKind::Syfte)),
            description: texts::ABOUT_SKYDDSATGARD_SYFTE,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.syfte = pick(v, &SYFTEN)),
        },
        Field {
            key: "samtycke",
            ty: Ty::Object(&SAMTYCKE),
            description: texts::ABOUT_SKYDDSATGARD_SAMTYCKE,
            required: None,
            set: |_, _| Ok(()),
        },
        Field {
            key: "beslutad_av",
            ty: Ty::Choice(Words::Core(EnumKind::Roll)),
            description: texts::ABOUT_SKYDDSATGARD_BESLUTAD_AV,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.beslutad_av = pick(v, &ROLLER)),
        },
        Field {
            key: "beslutsdatum",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDSATGARD_BESLUTSDATUM,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.beslutsdatum = date(v)),
        },
        Field {
            key: "riskbedomning",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDSATGARD_RISKBEDOMNING,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.riskbedomning = date(v)),
        },
        Field {
            key: "alternativ_provade",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDSATGARD_ALTERNATIV_PROVADE,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.alternativ_provade = boolean(v)),
        },
        Field {
            key: "dokumenterad_i_journal",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDSATGARD_DOKUMENTERAD_I_JOURNAL,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.dokumenterad_i_journal = boolean(v)),
        },
        Field {
            key: "senast_uppfoljd",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDSATGARD_SENAST_UPPFOLJD,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.senast_uppfoljd = date(v)),
        },
        Field {
            key: "mas_informerad",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDSATGARD_MAS_INFORMERAD,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.mas_informerad = boolean(v)),
        },
        Field {
            key: "generell",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDSATGARD_GENERELL,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.generell = boolean(v)),
        },
        Field {
            key: "nodsituation",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDSATGARD_NODSITUATION,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.nodsituation = boolean(v)),
        },
        Field {
            key: "antal_tillfallen",
            ty: Ty::Int {
                min: 0,
                max: U16_MAX,
            },
            description: texts::ABOUT_SKYDDSATGARD_ANTAL_TILLFALLEN,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.antal_tillfallen = int(v)),
        },
        Field {
            key: "inuti_kroppen",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDSATGARD_INUTI_KROPPEN,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.inuti_kroppen = boolean(v)),
        },
        Field {
            key: "boendeform",
            ty: Ty::Choice(Words::Core(EnumKind::Boendeform)),
            description: texts::ABOUT_SKYDDSATGARD_BOENDEFORM,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.boendeform = pick(v, &BOENDEFORMER)),
        },
    ],
    open: open_skyddsatgard,
    finish: no_finish,
    extra: None,
};

pub(super) static SAMTYCKE: Object<CaseInput> = Object {
    description: texts::ABOUT_SAMTYCKE,
    fields: &[
        Field {
            key: "av",
            ty: Ty::Choice(Words::Core(EnumKind::SamtyckeAv)),
            description: texts::ABOUT_SAMTYCKE_AV,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.av = pick(v, &SAMTYCKE_AV)),
        },
        Field {
            key: "form",
            ty: Ty::Choice(Words::Core(EnumKind::Samtyckesform)),
            description: texts::ABOUT_SAMTYCKE_FORM,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.form = pick(v, &SAMTYCKESFORMER)),
        },
        Field {
            key: "datum",
            ty: Ty::Date,
            description: texts::ABOUT_SAMTYCKE_DATUM,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.datum = date(v)),
        },
        Field {
            key: "accepterar_fortfarande",
            ty: Ty::Bool,
            description: texts::ABOUT_SAMTYCKE_ACCEPTERAR_FORTFARANDE,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.accepterar_fortfarande = boolean(v)),
        },
        Field {
            key: "aterkallat",
            ty: Ty::Date,
            description: texts::ABOUT_SAMTYCKE_ATERKALLAT,
            required: None,
            set: |c, v| on_skyddsatgard(c, |s| s.samtycke.aterkallat = date(v)),
        },
    ],
    open: no_open,
    finish: no_finish,
    extra: None,
};

pub(super) static SKYDDAT_BOENDE: Object<CaseInput> = Object {
    description: texts::ABOUT_SKYDDAT_BOENDE,
    fields: &[
        Field {
            key: "utan_vardnadshavares_samtycke",
            ty: Ty::Bool,
            description: texts::ABOUT_SKYDDAT_BOENDE_UTAN_VARDNADSHAVARES_SAMTYCKE,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.utan_vardnadshavares_samtycke = boolean(v)),
        },
        Field {
            key: "placering_paborjad",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_PLACERING_PABORJAD,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.placering_paborjad = date(v)),
        },
        Field {
            key: "senaste_overvagande",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_SENASTE_OVERVAGANDE,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.senaste_overvagande = date(v)),
        },
        Field {
            key: "placering_avslutad",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_PLACERING_AVSLUTAD,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.placering_avslutad = date(v)),
        },
        Field {
            key: "omedelbart_beslut",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_OMEDELBART_BESLUT,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.omedelbart_beslut = date(v)),
        },
        Field {
            key: "understallt",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_UNDERSTALLT,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.understallt = date(v)),
        },
        Field {
            key: "laga_kraft",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_LAGA_KRAFT,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.laga_kraft = date(v)),
        },
        Field {
            key: "faststallt",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_FASTSTALLT,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.faststallt = date(v)),
        },
        Field {
            key: "ansokan_forvaltningsratten",
            ty: Ty::Date,
            description: texts::ABOUT_SKYDDAT_BOENDE_ANSOKAN_FORVALTNINGSRATTEN,
            required: None,
            set: |c, v| on_skyddat_boende(c, |b| b.ansokan_forvaltningsratten = date(v)),
        },
    ],
    open: open_skyddat_boende,
    finish: no_finish,
    extra: None,
};

fn set<V>(slot: &mut Option<V>, value: Option<V>) -> Result<(), String> {
    *slot = value;
    Ok(())
}

fn date(value: Value) -> Option<Date> {
    match value {
        Value::Date(date) => Some(date),
        _ => None,
    }
}

fn boolean(value: Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(flag),
        _ => None,
    }
}

/// A whole number in the core's type; the contract's bounds make it fit.
fn int<N: TryFrom<i64>>(value: Value) -> Option<N> {
    match value {
        Value::Int(number) => N::try_from(number).ok(),
        _ => None,
    }
}

/// A decimal in thousandths.
fn decimal(value: Value) -> Option<i64> {
    match value {
        Value::Decimal(thousandths) => Some(thousandths),
        _ => None,
    }
}

fn text(value: Value) -> Option<String> {
    match value {
        Value::Text(text) => Some(text),
        other => other.as_text().map(str::to_owned),
    }
}

/// The value of the word chosen, in the order of the words.
fn pick<T: Copy>(value: Value, values: &[T]) -> Option<T> {
    match value {
        Value::Word(index) => values.get(index).copied(),
        _ => None,
    }
}

/// An id of 1 to `N` bytes, for `what` (`insats-id`).
fn set_id<const N: usize>(
    slot: Option<&mut heapless::String<N>>,
    value: Value,
    what: &str,
) -> Result<(), String> {
    let Some(slot) = slot else {
        return Ok(());
    };
    let Some(text) = value.as_text() else {
        return Ok(());
    };
    slot.clear();
    if text.is_empty() || slot.push_str(text).is_err() {
        return Err(texts::ska_ha_tecken(what, N));
    }
    Ok(())
}

fn on_ansokan(input: &mut CaseInput, set: impl FnOnce(&mut Ansokan)) -> Result<(), String> {
    if let Some(ansokan) = input.case.ansokningar.last_mut() {
        set(ansokan);
    }
    Ok(())
}

fn on_beslut(input: &mut CaseInput, set: impl FnOnce(&mut Beslut)) -> Result<(), String> {
    if let Some(beslut) = input.case.beslut.last_mut() {
        set(beslut);
    }
    Ok(())
}

fn on_rapport(input: &mut CaseInput, set: impl FnOnce(&mut BeslutRapport)) -> Result<(), String> {
    if let Some(rapport) = input.rapportuppgifter.last_mut() {
        set(rapport);
    }
    Ok(())
}

fn on_erbjudande(input: &mut CaseInput, set: impl FnOnce(&mut Erbjudande)) -> Result<(), String> {
    if let Some(erbjudande) = input
        .rapportuppgifter
        .last_mut()
        .and_then(|rapport| rapport.erbjudanden.last_mut())
    {
        set(erbjudande);
    }
    Ok(())
}

fn on_barnarende(input: &mut CaseInput, set: impl FnOnce(&mut Barnarende)) -> Result<(), String> {
    set(input.case.barnarende.get_or_insert_default());
    Ok(())
}

fn on_skyddsatgard(
    input: &mut CaseInput,
    set: impl FnOnce(&mut Skyddsatgard),
) -> Result<(), String> {
    if let Some(skyddsatgard) = input.case.skyddsatgarder.last_mut() {
        set(skyddsatgard);
    }
    Ok(())
}

fn on_skyddat_boende(
    input: &mut CaseInput,
    set: impl FnOnce(&mut SkyddatBoende),
) -> Result<(), String> {
    set(input.case.skyddat_boende.get_or_insert_default());
    Ok(())
}

/// `tills_vidare` and `giltig_till` together: a beslut is tills vidare or ends on a day, not
/// both.
fn finish_beslut(input: &mut CaseInput) -> Result<(), Fault> {
    let (Some(beslut), Some(rapport)) =
        (input.case.beslut.last_mut(), input.rapportuppgifter.last())
    else {
        return Ok(());
    };
    match (rapport.tills_vidare, beslut.giltighet) {
        (Some(true), Some(Giltighet::Till(_))) => Err(Fault {
            pointer: "/giltig_till".to_owned(),
            message: texts::ETT_BESLUT_KAN_INTE.to_owned(),
        }),
        (Some(true), None) => {
            beslut.giltighet = Some(Giltighet::TillsVidare);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn open_ansokan(input: &mut CaseInput) -> Result<(), String> {
    input
        .case
        .ansokningar
        .push(Ansokan::default())
        .map_err(|_| texts::ett_arende_kan_ha_hogst_ansokningar())
}

fn open_beslut(input: &mut CaseInput) -> Result<(), String> {
    input
        .case
        .beslut
        .push(Beslut::default())
        .map_err(|_| texts::ett_arende_kan_ha_hogst())?;
    input.rapportuppgifter.push(BeslutRapport::default());
    Ok(())
}

fn open_erbjudande(input: &mut CaseInput) -> Result<(), String> {
    if let Some(rapport) = input.rapportuppgifter.last_mut() {
        rapport.erbjudanden.push(Erbjudande::default());
    }
    Ok(())
}

fn open_barnarende(input: &mut CaseInput) -> Result<(), String> {
    input.case.barnarende.get_or_insert_default();
    Ok(())
}

fn open_skyddsatgard(input: &mut CaseInput) -> Result<(), String> {
    input
        .case
        .skyddsatgarder
        .push(Skyddsatgard::default())
        .map_err(|_| texts::ett_arende_kan_ha())
}

fn open_skyddat_boende(input: &mut CaseInput) -> Result<(), String> {
    input.case.skyddat_boende.get_or_insert_default();
    Ok(())
}

fn finish_case(input: &mut CaseInput) -> Result<(), Fault> {
    super::dates::check_dates(&input.case)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(object: &Object<CaseInput>, seen: &mut Vec<String>) {
        assert!(object.fields.len() <= 64, "{object:?}");
        for field in object.fields {
            seen.push(field.key.to_owned());
            match &field.ty {
                Ty::Object(inner) | Ty::List(inner, _) => walk(inner, seen),
                _ => {}
            }
        }
    }

    #[test]
    fn every_object_fits_the_readers_bitmask_and_has_unique_keys() {
        let mut keys = Vec::new();
        walk(&CASE, &mut keys);
        assert!(keys.len() > 60, "{keys:?}");
        for object in [
            &CASE,
            &PERSON,
            &ANSOKAN,
            &BESLUT,
            &SKYDDSATGARD,
            &SKYDDAT_BOENDE,
        ] {
            let mut own: Vec<&str> = object.fields.iter().map(|field| field.key).collect();
            own.sort_unstable();
            let n = own.len();
            own.dedup();
            assert_eq!(own.len(), n, "{object:?}");
        }
    }
}
