//! The national baseline's map of repealed paragraphs, and the citation in force on a day.
//!
//! When a law is replaced (socialtjänstlagen (2001:453) by socialtjänstlagen (2025:400) on
//! 2025-07-01), a riktlinje version that stays in force past that day still cites the old
//! paragraphs. The baseline says, in `paragrafer` blocks, which paragraph now says what an old
//! one said (`gammal`, `ny`, `från`), and which laws are repealed as a whole (`gammal` without
//! `ny`). An evaluation then cites the paragraph in force and says what the riktlinje cites;
//! `check` warns about a version that cites a paragraph repealed while it is in force.
//! Only the baseline may hold such a map: the compiler refuses one in a riktlinje.

use riktlinjer_core::Date;

use super::{BlockKind, NATIONELL_KATALOG, check_keys, date_value, value};
use crate::diagnostic::{Diagnostic, File};
use crate::source::{self, Item};
use crate::texts;

/// One paragraph (or a whole law) that a change of law repealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraf {
    /// The citation as a riktlinje writes it (`4 kap. 1 § SoL (2001:453)`, or the law alone,
    /// `SoL (2001:453)`).
    pub gammal: String,
    /// The paragraph in force after the change, when the baseline names one.
    pub ny: Option<String>,
    /// The first day the old citation no longer holds.
    pub fran: Date,
}

/// A rule's lagrum as cited on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The lagrum in force that day.
    pub lagrum: String,
    /// What the riktlinje cites, when that is repealed on the day, and since when.
    pub i_riktlinjen: Option<(String, Date)>,
}

/// Reads one item of a `paragrafer` block.
pub(super) fn read(item: &Item, diagnostics: &mut Vec<Diagnostic>) -> Option<Paragraf> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_UPPHAVD_PARAGRAF,
        &["gammal", "ny", "från"],
        &["gammal", "från"],
        diagnostics,
    );
    let fran = value(&item.fields, "från").and_then(|field| date_value(field, diagnostics));
    if !keys_ok {
        return None;
    }
    Some(Paragraf {
        gammal: value(&item.fields, "gammal")?.value.clone(),
        ny: value(&item.fields, "ny").map(|field| field.value.clone()),
        fran: fran?,
    })
}

/// The map of the national baseline the compiler carries, read once.
pub fn baseline() -> &'static [Paragraf] {
    static MAP: std::sync::OnceLock<Vec<Paragraf>> = std::sync::OnceLock::new();
    MAP.get_or_init(of_baseline)
}

/// The map of the national baseline the compiler carries.
pub fn of_baseline() -> Vec<Paragraf> {
    let mut diagnostics = Vec::new();
    let document = source::parse(NATIONELL_KATALOG, File::Grund, &mut diagnostics);
    document
        .blocks
        .iter()
        .filter(|block| block.kind == BlockKind::Paragrafer)
        .flat_map(|block| &block.items)
        .filter_map(|item| read(item, &mut diagnostics))
        .collect()
}

/// `lagrum` as cited on `day`: each part (parts are separated by `;`) that is a repealed
/// paragraph is replaced by the paragraph the map names; a part that cites a law repealed as a
/// whole is kept, and reported.
pub fn in_force(lagrum: &str, day: Date, map: &[Paragraf]) -> Citation {
    let mut repealed: Option<Date> = None;
    let parts: Vec<String> = lagrum
        .split(';')
        .map(|part| {
            let part = part.trim();
            if let Some(paragraf) = map
                .iter()
                .find(|paragraf| paragraf.ny.is_some() && paragraf.gammal == part)
                .filter(|paragraf| day >= paragraf.fran)
            {
                repealed = Some(repealed.map_or(paragraf.fran, |seen| seen.min(paragraf.fran)));
                return paragraf.ny.clone().unwrap_or_default();
            }
            if let Some(law) = map
                .iter()
                .filter(|paragraf| paragraf.ny.is_none() && day >= paragraf.fran)
                .find(|paragraf| part.contains(paragraf.gammal.as_str()))
            {
                repealed = Some(repealed.map_or(law.fran, |seen| seen.min(law.fran)));
            }
            part.to_owned()
        })
        .collect();
    match repealed {
        Some(fran) => Citation {
            lagrum: parts.join("; "),
            i_riktlinjen: Some((lagrum.to_owned(), fran)),
        },
        None => Citation {
            lagrum: lagrum.to_owned(),
            i_riktlinjen: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|error| panic!("{text}: {error:?}"))
    }

    #[test]
    fn the_baseline_maps_the_old_socialtjanstlag_to_the_new_from_its_first_day() {
        let map = of_baseline();
        assert!(map.len() >= 10, "{map:?}");
        let old = "4 kap. 1 § SoL (2001:453)";
        // The day before the new law, the old paragraph is in force and cited as written.
        assert_eq!(in_force(old, day("2025-06-30"), &map).i_riktlinjen, None);
        let cited = in_force(old, day("2025-09-15"), &map);
        assert_eq!(cited.lagrum, "11 kap. 1 § SoL (2025:400)");
        assert_eq!(
            cited.i_riktlinjen,
            Some((old.to_owned(), day("2025-07-01")))
        );
        // A part the map does not name is kept, and still reported as repealed.
        let mixed = in_force(
            "3 kap. 6 a § SoL (2001:453); 7 § LSS",
            day("2025-09-15"),
            &map,
        );
        assert_eq!(mixed.lagrum, "3 kap. 6 a § SoL (2001:453); 7 § LSS");
        assert!(mixed.i_riktlinjen.is_some());
        // A law still in force is never touched.
        assert_eq!(
            in_force("7 § LSS", day("2025-09-15"), &map).i_riktlinjen,
            None
        );
    }
}
