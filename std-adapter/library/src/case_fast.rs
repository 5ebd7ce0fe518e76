//! A fast path for reading the common case: typed serde straight from the JSON text.
//!
//! `case_input::from_json` first tries this reader, which covers a case with a person,
//! ansökningar and beslut (without the report fields, barnärende, skyddsåtgärder or skyddat
//! boende) and builds no `serde_json::Value`; anything it does not cover, or any fault at all,
//! makes it give up, and the field-by-field reader in `case_input` reads the case again and
//! words the error with its JSON pointer.
//! So this module never decides what is valid: it only accepts what the full reader accepts,
//! with the same checks, and the test `fast_and_full_readers_agree` holds the two together.
//! Batch runs read a million cases; this path halves the time each one takes.

use std::borrow::Cow;

use riktlinjer_core::limits::{MAX_ANSOKNINGAR, MAX_BESLUT, MAX_INSATS_ID_LEN};
use riktlinjer_core::{
    Ansokan, Beslut, Date, EnumKind, Giltighet, GrundlaggandeBehov, Kon, Livsomraden, Person,
    SkyddadePersonuppgifter,
};
use serde::Deserialize;

use crate::case_input::{
    BeslutRapport, CaseInput, Identitet, SCHEMA_VERSION, check_dates, json_index,
};

/// A struct read only from a JSON object: serde's derived structs also accept an array of
/// their fields in order, which the full reader (rightly) refuses.
struct MapOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("ett objekt")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<MapOnly<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(MapOnly)
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastCase<'a> {
    schema_version: u64,
    #[serde(borrow, default)]
    arende_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    person: Option<MapOnly<FastPerson<'a>>>,
    #[serde(borrow, default)]
    ansokningar: Option<Vec<MapOnly<FastAnsokan<'a>>>>,
    #[serde(borrow, default)]
    beslut: Option<Vec<MapOnly<FastBeslut<'a>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastPerson<'a> {
    #[serde(borrow, default)]
    fodelsedatum: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    kon: Option<Cow<'a, str>>,
    #[serde(default)]
    personkrets: Option<i64>,
    #[serde(default)]
    folkbokford_i_kommunen: Option<bool>,
    #[serde(default)]
    bor_ensam: Option<bool>,
    #[serde(default)]
    har_make_eller_sambo: Option<bool>,
    #[serde(default)]
    bor_med_make_eller_sambo: Option<bool>,
    #[serde(borrow, default)]
    skyddade_personuppgifter: Option<Cow<'a, str>>,
    #[serde(default)]
    normalt_aldrande: Option<bool>,
    #[serde(default)]
    forvarvsarbetar: Option<bool>,
    #[serde(default)]
    studerar: Option<bool>,
    #[serde(default)]
    gar_i_skolan: Option<bool>,
    #[serde(default)]
    kan_anvanda_larm: Option<bool>,
    #[serde(default)]
    behov_tillgodoses_pa_annat_satt: Option<bool>,
    #[serde(default)]
    behov_dygnet_runt: Option<bool>,
    #[serde(borrow, default)]
    behov: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default)]
    grundlaggande_behov: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default)]
    namn: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    personnummer: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    adress: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastAnsokan<'a> {
    #[serde(borrow)]
    insats: Cow<'a, str>,
    #[serde(borrow, default)]
    ansokningsdatum: Option<Cow<'a, str>>,
    #[serde(default)]
    sokt_omfattning: Option<i64>,
    #[serde(default)]
    stadning_var_n_vecka: Option<i64>,
    #[serde(default)]
    inkop_per_vecka: Option<i64>,
    #[serde(default)]
    dusch_per_vecka: Option<i64>,
    #[serde(default)]
    tvatt_per_manad: Option<i64>,
    #[serde(default)]
    vardnadshavares_samtycke: Option<bool>,
    #[serde(default)]
    eget_samtycke: Option<bool>,
    #[serde(default)]
    utan_behovsprovning: Option<bool>,
    #[serde(default)]
    parboende: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastBeslut<'a> {
    #[serde(borrow)]
    insats: Cow<'a, str>,
    #[serde(borrow, default)]
    beslutsdatum: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    delgiven: Option<Cow<'a, str>>,
    #[serde(default)]
    gynnande: Option<bool>,
    #[serde(borrow, default)]
    giltig_till: Option<Cow<'a, str>>,
    #[serde(default)]
    tills_vidare: Option<bool>,
    #[serde(default)]
    omfattning: Option<i64>,
    #[serde(borrow, default)]
    verkstalld: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    avbrott: Option<Cow<'a, str>>,
}

/// Reads `text` when it is a case this path covers and the full reader would accept; `None`
/// otherwise (then the full reader must read it).
pub fn read(text: &str) -> Option<CaseInput> {
    let MapOnly(fast): MapOnly<FastCase<'_>> = serde_json::from_str(text).ok()?;
    if fast.schema_version != SCHEMA_VERSION {
        return None;
    }
    let mut input = CaseInput {
        arende_id: fast.arende_id.map(Cow::into_owned),
        ..CaseInput::default()
    };
    if let Some(MapOnly(person)) = fast.person {
        let (person, identitet) = person.convert()?;
        input.case.person = person;
        input.identitet = identitet;
    }
    for MapOnly(ansokan) in fast.ansokningar.unwrap_or_default() {
        if input.case.ansokningar.len() >= MAX_ANSOKNINGAR {
            return None;
        }
        input.case.ansokningar.push(ansokan.convert()?).ok()?;
    }
    for MapOnly(beslut) in fast.beslut.unwrap_or_default() {
        if input.case.beslut.len() >= MAX_BESLUT {
            return None;
        }
        input.case.beslut.push(beslut.convert()?).ok()?;
        input.rapportuppgifter.push(BeslutRapport::default());
    }
    // Dates that cannot both be true are the full reader's to word.
    check_dates(&input.case).ok()?;
    Some(input)
}

/// `None` means a fault: the caller falls back to the full reader.
fn date(text: Option<Cow<'_, str>>) -> Option<Option<Date>> {
    match text {
        None => Some(None),
        Some(text) => Date::parse(&text).ok().map(Some),
    }
}

fn ranged(value: Option<i64>, min: i64, max: i64) -> Option<Option<i64>> {
    match value {
        None => Some(None),
        Some(value) if (min..=max).contains(&value) => Some(Some(value)),
        Some(_) => None,
    }
}

fn small(value: Option<i64>) -> Option<Option<u8>> {
    Some(ranged(value, 0, 255)?.and_then(|value| u8::try_from(value).ok()))
}

fn omfattning(value: Option<i64>) -> Option<Option<u32>> {
    Some(ranged(value, 0, i64::from(u32::MAX))?.and_then(|value| u32::try_from(value).ok()))
}

fn set(items: Option<Vec<Cow<'_, str>>>, kind: EnumKind) -> Option<Option<u16>> {
    let Some(items) = items else {
        return Some(None);
    };
    let mut mask = 0u16;
    for item in &items {
        mask |= 1 << json_index(kind, item)?;
    }
    Some(Some(mask))
}

fn insats(text: &str) -> Option<heapless::String<MAX_INSATS_ID_LEN>> {
    let mut id = heapless::String::new();
    if text.is_empty() {
        return None;
    }
    id.push_str(text).ok()?;
    Some(id)
}

impl FastPerson<'_> {
    fn convert(self) -> Option<(Person, Identitet)> {
        let kon = match self.kon.as_deref() {
            None => None,
            Some("kvinna") => Some(Kon::Kvinna),
            Some("man") => Some(Kon::Man),
            Some(_) => return None,
        };
        const SKYDD: [SkyddadePersonuppgifter; 4] = [
            SkyddadePersonuppgifter::Ingen,
            SkyddadePersonuppgifter::Sekretessmarkering,
            SkyddadePersonuppgifter::SkyddadFolkbokforing,
            SkyddadePersonuppgifter::FingeradePersonuppgifter,
        ];
        let skyddade_personuppgifter = match self.skyddade_personuppgifter.as_deref() {
            None => None,
            Some(text) => Some(*SKYDD.get(json_index(EnumKind::SkyddadePersonuppgifter, text)?)?),
        };
        let person = Person {
            fodelsedatum: date(self.fodelsedatum)?,
            kon,
            personkrets: ranged(self.personkrets, 0, 3)?.and_then(|value| u8::try_from(value).ok()),
            folkbokford_i_kommunen: self.folkbokford_i_kommunen,
            bor_ensam: self.bor_ensam,
            har_make_eller_sambo: self.har_make_eller_sambo,
            bor_med_make_eller_sambo: self.bor_med_make_eller_sambo,
            skyddade_personuppgifter,
            normalt_aldrande: self.normalt_aldrande,
            forvarvsarbetar: self.forvarvsarbetar,
            studerar: self.studerar,
            gar_i_skolan: self.gar_i_skolan,
            kan_anvanda_larm: self.kan_anvanda_larm,
            behov_tillgodoses_pa_annat_satt: self.behov_tillgodoses_pa_annat_satt,
            behov_dygnet_runt: self.behov_dygnet_runt,
            behov: set(self.behov, EnumKind::Livsomrade)?.map(Livsomraden),
            grundlaggande_behov: set(self.grundlaggande_behov, EnumKind::GrundlaggandeBehov)?
                .map(GrundlaggandeBehov),
        };
        let identitet = Identitet {
            namn: self.namn.map(Cow::into_owned),
            personnummer: self.personnummer.map(Cow::into_owned),
            adress: self.adress.map(Cow::into_owned),
        };
        Some((person, identitet))
    }
}

impl FastAnsokan<'_> {
    fn convert(self) -> Option<Ansokan> {
        Some(Ansokan {
            insats: insats(&self.insats)?,
            ansokningsdatum: date(self.ansokningsdatum)?,
            sokt_omfattning: omfattning(self.sokt_omfattning)?,
            stadning_var_n_vecka: small(self.stadning_var_n_vecka)?,
            inkop_per_vecka: small(self.inkop_per_vecka)?,
            dusch_per_vecka: small(self.dusch_per_vecka)?,
            tvatt_per_manad: small(self.tvatt_per_manad)?,
            vardnadshavares_samtycke: self.vardnadshavares_samtycke,
            eget_samtycke: self.eget_samtycke,
            utan_behovsprovning: self.utan_behovsprovning,
            parboende: self.parboende,
        })
    }
}

impl FastBeslut<'_> {
    fn convert(self) -> Option<Beslut> {
        let giltig_till = date(self.giltig_till)?;
        let giltighet = match (self.tills_vidare, giltig_till) {
            (Some(true), Some(_)) => return None,
            (Some(true), None) => Some(Giltighet::TillsVidare),
            (_, Some(last)) => Some(Giltighet::Till(last)),
            (Some(false) | None, None) => None,
        };
        Some(Beslut {
            insats: insats(&self.insats)?,
            beslutsdatum: date(self.beslutsdatum)?,
            delgiven: date(self.delgiven)?,
            gynnande: self.gynnande,
            giltighet,
            omfattning: omfattning(self.omfattning)?,
            verkstalld: date(self.verkstalld)?,
            avbrott: date(self.avbrott)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_input::from_json_full;
    use crate::generate::{PopulationFormat, generate};

    /// Every text the fast path accepts, the full reader accepts with the same result.
    fn agree(text: &str) -> bool {
        match read(text) {
            Some(fast) => {
                assert_eq!(Ok(fast), from_json_full(text), "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn fast_and_full_readers_agree() {
        let mut population = Vec::new();
        let written = generate(&mut population, 2_000, 7, PopulationFormat::Jsonl);
        assert!(written.is_ok());
        let population = String::from_utf8(population).unwrap_or_default();
        let (mut n_fast, mut n_read) = (0, 0);
        for line in population.lines() {
            n_fast += usize::from(agree(line));
            n_read += usize::from(from_json_full(line).is_ok());
        }
        // The generated population is exactly the common case the fast path is for: it takes
        // every case the full reader accepts.
        assert_eq!(n_fast, n_read);
        assert!(n_fast > 1_990, "{n_fast}");

        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for entry in std::fs::read_dir(root.join("examples"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            agree(&text);
        }
        assert!(
            read(
                &std::fs::read_to_string(root.join("examples/trygghetslarm.json"))
                    .unwrap_or_default()
            )
            .is_some()
        );

        // Faults and edge cases: the fast path gives up (or agrees), never accepts alone.
        let edges = [
            r#"{"schema_version":1}"#,
            r#"{"schema_version":2}"#,
            r#"[1]"#,
            r#"{"schema_version":1,"person":["1941-01-01"]}"#,
            r#"{"schema_version":1,"ansokningar":[["trygghetslarm"]]}"#,
            r#"{"schema_version":1,"person":null,"ansokningar":null}"#,
            r#"{"schema_version":1,"person":{"fodelsedatum":"2025-06-31"}}"#,
            r#"{"schema_version":1,"person":{"fodelsedatum":null,"kon":"man","personkrets":0}}"#,
            r#"{"schema_version":1,"person":{"personkrets":4}}"#,
            r#"{"schema_version":1,"person":{"personkrets":2.0}}"#,
            r#"{"schema_version":1,"person":{"kon":"Kvinna"}}"#,
            r#"{"schema_version":1,"person":{"bor_ensamm":true}}"#,
            r#"{"schema_version":1,"person":{"bor_ensam":"ja"}}"#,
            r#"{"schema_version":1,"person":{"behov":["hemliv","personlig_vard","personlig_vård"]}}"#,
            r#"{"schema_version":1,"person":{"skyddade_personuppgifter":"skyddad_folkbokforing","namn":"A \"B\""}}"#,
            r#"{"schema_version":1,"ansokningar":[{"insats":""}]}"#,
            r#"{"schema_version":1,"ansokningar":[{"insats":"trygghetslarm","sokt_omfattning":-1}]}"#,
            r#"{"schema_version":1,"ansokningar":[{"insats":"trygghetslarm","dusch_per_vecka":256}]}"#,
            r#"{"schema_version":1,"beslut":[{"insats":"x","tills_vidare":true,"giltig_till":"2026-01-01"}]}"#,
            r#"{"schema_version":1,"beslut":[{"insats":"x","tills_vidare":false,"giltig_till":"2026-01-01"}]}"#,
            r#"{"schema_version":1,"beslut":[{"insats":"x","anledning_kod":"ovrigt"}]}"#,
            r#"{"schema_version":1,"arende_id":"a","arende_id":"b"}"#,
            r#"{"schema_version":1,"ansokningar":[{"insats":"a"},{"insats":"b"},{"insats":"c"},{"insats":"d"},{"insats":"e"},{"insats":"f"},{"insats":"g"},{"insats":"h"},{"insats":"i"}]}"#,
        ];
        for text in edges {
            if read(text).is_some() {
                agree(text);
            } else {
                // Nothing to compare: the full reader decides, as it always did.
                let _ = from_json_full(text);
            }
        }
        assert!(read(r#"{"schema_version":1,"person":{"personkrets":4}}"#).is_none());
        assert!(read(r#"[1]"#).is_none());
        assert!(read(r#"{"schema_version":1,"person":["1941-01-01"]}"#).is_none());
        assert!(read(r#"{"schema_version":1,"person":{"behov":["personlig_vård"]}}"#).is_none());
    }
}
