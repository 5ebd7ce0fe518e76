//! Dates of one case that cannot both be true, such as a beslut delgiven before it was made.
//!
//! Only what is impossible in reality is refused: a beslut dated after the day of prövning is a
//! future decision, and an anmälan about a child may come in before the birth, so neither is
//! checked. JSON and CSV input run this on every case they build, after its fields are read.

use riktlinjer_core::{Case, Date};

use crate::contract::Fault;
use crate::texts;

/// Checks the dates of `case`; the fault names the later field by its pointer from the case's
/// root and the date it cannot precede, but neither date (a date of birth is part of a
/// personnummer).
///
/// # Errors
/// A [`Fault`] naming the field whose date lies before the date it cannot precede.
pub fn check_dates(case: &Case) -> Result<(), Fault> {
    let fault = |pointer: String, field: &str, _: Date, other: &str, _: Date| {
        Err(Fault {
            pointer,
            message: texts::ligger_fore_vilket_inte(field, other),
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
                return fault(pointer(field), name, day, texts::ANMALAN_INKOM, inkom);
            }
        }
        if let Some((day, inledd)) =
            earlier(barnarende.utredning_avslutad, barnarende.utredning_inledd)
        {
            return fault(
                pointer("utredning_avslutad"),
                texts::UTREDNINGENS_AVSLUT,
                day,
                texts::UTREDNINGEN_INLEDDES,
                inledd,
            );
        }
    }
    for (index, skyddsatgard) in case.skyddsatgarder.iter().enumerate() {
        let samtycke = &skyddsatgard.samtycke;
        if let Some((day, given)) = earlier(samtycke.aterkallat, samtycke.datum) {
            let pointer = format!("/skyddsatgarder/{index}/samtycke/aterkallat");
            return fault(pointer, "återkallelsen", day, texts::SAMTYCKET_GAVS, given);
        }
    }
    if let Some(boende) = &case.skyddat_boende {
        let pointer = |field: &str| format!("/skyddat_boende/{field}");
        if let Some((day, start)) = earlier(boende.placering_avslutad, boende.placering_paborjad) {
            return fault(
                pointer("placering_avslutad"),
                texts::PLACERINGENS_SLUT,
                day,
                texts::PLACERINGEN_PABORJADES,
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
                    texts::DET_OMEDELBARA_BESLUTET,
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
