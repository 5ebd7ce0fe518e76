//! Cases as case systems send them: one contract, read one way from JSON, JSON Lines, CSV and
//! HTTP bodies.
//!
//! Every field of a case is declared once, in `fields`: its key, type, Swedish description and
//! where its value goes. The JSON reader (`crate::contract::json`), the CSV columns (`stream`)
//! and the published schema (`schema/case.schema.json`, which a test holds equal to
//! [`schema`]) all come from that declaration, so they cannot drift apart.
//! A fault names the field by its JSON pointer (or CSV column) and what was expected.
//! Identity fields (namn, personnummer, adress) are read and kept apart from the core's `Case`:
//! the core never sees them, and outputs decide what to show. So are the IVO report's fields of
//! each beslut (anledning, erbjudanden), in `rapportuppgifter`.
//! Beyond what a schema can say, `dates` refuses dates that cannot both be true.

mod dates;
mod fields;
pub mod loose;
pub mod stream;

use crate::texts;
use riktlinjer_core::{Case, Date};

pub use crate::contract::InputError;
pub use crate::contract::json::parse as parse_json;
pub use dates::check_dates;
pub use loose::{Binding, FactIndex};
pub use stream::{
    CaseFormat, CaseReader, Record, read_cases, read_from, read_lines, read_lines_bound,
};

/// The case schema version this library reads.
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
    /// The facts of the riktlinje's catalogue, as read; [`FactIndex::bind`] writes them into
    /// `case` by one table's slots. A case read bound to a catalogue ([`read_lines_bound`])
    /// keeps here only the facts that catalogue did not take as it read them.
    pub facts: Vec<loose::LooseFact>,
    /// Buffers kept from cases read before into this one (see [`loose::Spare`]).
    pub spare: loose::Spare,
    /// The catalogue the case was bound to as it was read, if any (see
    /// [`loose::ReadBinding`]).
    pub read_binding: loose::ReadBinding,
}

impl CaseInput {
    /// Makes this the empty case, as [`CaseInput::default`] does, keeping its allocations.
    pub fn clear(&mut self) {
        if let Some(id) = self.arende_id.take() {
            self.spare.keep(id);
        }
        self.case.clear();
        self.identitet = Identitet::default();
        self.rapportuppgifter.clear();
        for fact in self.facts.drain(..) {
            self.spare.keep_fact(fact);
        }
        self.read_binding.clear();
    }
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
    /// What the case system sent as `tills_vidare`; the beslut's giltighet is made from it and
    /// `giltig_till` once both are read, whatever their order.
    pub tills_vidare: Option<bool>,
}

/// An offer of verkställighet (a place, a contact person) made to the person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erbjudande {
    /// The day of the offer.
    pub datum: Option<Date>,
    /// What was offered and the answer.
    pub text: Option<String>,
}

/// Coded reasons why a beslut is not verkställt; the JSON words are [`AnledningKod::WORDS`].
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

/// Verksamhetsområden of the report: an open list, growing as IVO's categories are confirmed.
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
    /// Every code, in the order of [`AnledningKod::WORDS`].
    pub const ALL: [AnledningKod; 5] = [
        AnledningKod::BristPaPlats,
        AnledningKod::BristPaPersonal,
        AnledningKod::DenEnskildeTackatNej,
        AnledningKod::DenEnskildeVillVanta,
        AnledningKod::Ovrigt,
    ];

    /// Every code as JSON writes it.
    pub const WORDS: [&'static str; 5] = [
        "brist_pa_plats",
        "brist_pa_personal",
        "den_enskilde_tackat_nej",
        "den_enskilde_vill_vanta",
        "ovrigt",
    ];

    /// The code as JSON writes it.
    pub fn word(self) -> &'static str {
        word_of(self, &AnledningKod::ALL, &AnledningKod::WORDS)
    }
}

impl Verksamhetsomrade {
    /// Every verksamhetsområde, in the order of [`Verksamhetsomrade::WORDS`].
    pub const ALL: [Verksamhetsomrade; 4] = [
        Verksamhetsomrade::Aldreomsorg,
        Verksamhetsomrade::FunktionsnedsattningSol,
        Verksamhetsomrade::Lss,
        Verksamhetsomrade::IndividOchFamiljeomsorg,
    ];

    /// Every verksamhetsområde as JSON writes it.
    pub const WORDS: [&'static str; 4] = [
        "aldreomsorg",
        "funktionsnedsattning_sol",
        "lss",
        "individ_och_familjeomsorg",
    ];

    /// The verksamhetsområde as JSON writes it.
    pub fn word(self) -> &'static str {
        word_of(self, &Verksamhetsomrade::ALL, &Verksamhetsomrade::WORDS)
    }
}

fn word_of<T: PartialEq>(value: T, all: &[T], words: &[&'static str]) -> &'static str {
    all.iter()
        .position(|candidate| *candidate == value)
        .and_then(|index| words.get(index))
        .copied()
        .unwrap_or_default()
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

/// Reads one case from JSON text; a leading UTF-8 byte order mark is skipped.
///
/// # Errors
/// An [`InputError`] for malformed JSON (with line and column), a key that occurs twice in one
/// object, a field that is wrong, or dates that cannot both be true; each but the first with
/// the JSON pointer of the field.
pub fn from_json(text: &str) -> Result<CaseInput, InputError> {
    let mut input = CaseInput::default();
    crate::contract::json::read(text, &fields::CASE, &mut input)?;
    Ok(input)
}

/// Reads one case from JSON text into `input`, as [`from_json`] does, reusing what `input`
/// holds from an earlier case (a batch reads a million cases into a few buffers).
///
/// # Errors
/// As [`from_json`]; `input` then holds what was read before the fault, and is cleared by the
/// next call.
pub fn from_json_into(text: &str, input: &mut CaseInput) -> Result<(), InputError> {
    input.clear();
    crate::contract::json::read(text, &fields::CASE, input)
}

/// Reads one case from JSON text and binds its facts to `table`'s catalogue strictly: what
/// `riktlinjer eval` and `POST /v1/evaluate` do before they evaluate.
///
/// # Errors
/// As [`from_json`], and as [`FactIndex::bind`] for a fact the riktlinje does not know or a
/// value of the wrong type.
pub fn from_json_for(
    text: &str,
    table: &riktlinjer_core::Table<'_>,
) -> Result<CaseInput, InputError> {
    let mut input = from_json(text)?;
    FactIndex::of(table).bind(&mut input, Binding::Strict)?;
    Ok(input)
}

/// The JSON Schema of the case contract with the national catalogue's facts, as
/// `schema/case.schema.json` publishes it.
pub fn schema() -> serde_json::Value {
    let compiled = riktlinjer_compiler::compile::nationell_katalog();
    let bytes = compiled.bytes.unwrap_or_default();
    schema_for(riktlinjer_core::Table::decode(&bytes).ok().as_ref())
}

/// The JSON Schema of the case contract for one riktlinje version: its catalogue's facts under
/// `person` and under each ansökan (without a table, any further key is allowed there).
pub fn schema_for(table: Option<&riktlinjer_core::Table<'_>>) -> serde_json::Value {
    let extras = |object: &crate::contract::Object<CaseInput>| {
        let table = table?;
        let scope = if std::ptr::eq(object, &fields::PERSON) {
            riktlinjer_core::FactScope::Person
        } else if std::ptr::eq(object, &fields::ANSOKAN) {
            riktlinjer_core::FactScope::Ansokan
        } else {
            return None;
        };
        Some(loose::fact_properties(table, scope))
    };
    crate::contract::schema::schema_with(
        crate::contract::schema::Header {
            id: "https://riktlinjer.example/schema/case.schema.json",
            title: texts::ARENDE_FOR_PROVNING_MOT,
        },
        &fields::CASE,
        &extras,
    )
}

/// The CSV columns of a case, each with its field: the case's own scalar fields, the
/// person's, the ansökan's, and the beslut's prefixed `beslut_` (`insats` is both the
/// ansökan's and the beslut's).
pub fn csv_columns() -> Vec<String> {
    stream::columns().map(|column| column.name).collect()
}
#[cfg(test)]
mod tests {
    use super::*;

    use riktlinjer_core::Giltighet;
    use serde_json::Value;

    fn error_of(text: &str) -> InputError {
        from_json(text).err().unwrap_or(InputError {
            syntax: false,
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
        // Catalogue facts are kept as read, in the case's order, until they are bound to a
        // table.
        let keys: Vec<&str> = input.facts.iter().map(|fact| fact.key.as_str()).collect();
        assert_eq!(keys, ["bor_ensam", "behov"]);
        assert_eq!(
            input.facts[1].value,
            crate::contract::Loose::List(vec!["hemliv".into(), "personlig_vard".into()])
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
                "dagen finns inte i månaden",
            ),
            (
                r#"{"schema_version":1,"person":{"bor_ensam":{"ja":1}}}"#,
                "/person/bor_ensam",
                "men är ett objekt",
            ),
            (
                r#"{"schema_version":1,"ansokningar":[{"insats":"x","sokt_omfattning":"7,1234"}]}"#,
                "/ansokningar/0/sokt_omfattning",
                "högst tre decimaler",
            ),
            (
                r#"{"schema_version":1,"ansokningar":[{"insats":"x"},{}]}"#,
                "/ansokningar/1/insats",
                "saknas",
            ),
            (
                r#"{"schema_version":1,"person":{"behov":["hemliv",1]}}"#,
                "/person/behov",
                "en lista av texter",
            ),
            (r#"{"schema_version":2}"#, "/schema_version", "stöds inte"),
            (
                r#"{"schema_version":1,"person":{"bor_ensam":true,"bor_ensam":false}}"#,
                "/person/bor_ensam",
                "två gånger",
            ),
            // The whole case is the empty pointer (RFC 6901), as the API answers it.
            (r#"[1]"#, "", "ett objekt"),
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
    fn decimals_are_read_from_their_text_never_through_a_float() {
        // 9 007 199 254 740,993 has more digits than a float carries: through one it would be
        // read as …,992. The exponent form and trailing zeros are the same number.
        let read = |value: &str| {
            let text = format!(
                r#"{{"schema_version":1,"ansokningar":[{{"insats":"x","sokt_omfattning":{value},"antal":{value}}}]}}"#
            );
            let input = from_json(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
            let ansokan = input.case.ansokningar.first().cloned().unwrap_or_default();
            let loose = input.facts.first().map(|fact| fact.value.clone());
            (ansokan.sokt_omfattning, loose)
        };
        for (value, thousandths) in [
            ("9007199254740.993", 9_007_199_254_740_993),
            ("7.2500", 7_250),
            ("73e-1", 7_300),
            ("0.1", 100),
            (r#""7,3""#, 7_300),
        ] {
            let (sokt, loose) = read(value);
            assert_eq!(sokt, Some(thousandths), "{value}");
            // A text stays a text until it is bound to a fact of the catalogue.
            if !value.starts_with('"') {
                assert_eq!(
                    loose,
                    Some(crate::contract::Loose::Number(thousandths)),
                    "{value}"
                );
            }
        }
        for value in ["7.2345", "1e30", "-1"] {
            let text = format!(
                r#"{{"schema_version":1,"ansokningar":[{{"insats":"x","sokt_omfattning":{value}}}]}}"#
            );
            assert_eq!(
                error_of(&text).pointer,
                "/ansokningar/0/sokt_omfattning",
                "{value}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_before_the_case_is_skipped() {
        let text =
            "\u{feff}{\"schema_version\":1,\"ansokningar\":[{\"insats\":\"trygghetslarm\"}]}";
        assert!(from_json(text).is_ok(), "{}", error_of(text));
        assert!(parse_json(text).is_ok());
        // Only at the start.
        assert!(from_json("{\"schema_version\":1}\u{feff}").is_err());
    }

    #[test]
    fn dates_that_cannot_both_be_true_are_refused() {
        let cases = [
            (
                r#"{"schema_version":1,"beslut":[{"insats":"trygghetslarm","beslutsdatum":"2025-01-01","delgiven":"2024-12-01","gynnande":false}]}"#,
                "/beslut/0/delgiven",
                "före beslutsdatum,",
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
                "före födelsedatum,",
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

    /// A case reads alike alone (a JSON Lines record, a request body) and as an item of a JSON
    /// array file, which is read item by item from its own text.
    #[test]
    fn a_case_reads_alike_alone_and_in_an_array() {
        let mut population = Vec::new();
        let written = crate::generate::generate(
            &mut population,
            2_000,
            7,
            crate::generate::PopulationFormat::Jsonl,
        );
        assert!(written.is_ok());
        let population = String::from_utf8(population).unwrap_or_default();
        let mut texts: Vec<String> = population.lines().map(str::to_owned).collect();
        assert_eq!(texts.len(), 2_000);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let examples = std::fs::read_dir(root.join("examples"))
            .unwrap_or_else(|error| panic!("examples: {error}"));
        let mut folders = Vec::new();
        for entry in examples.flatten() {
            if entry.path().is_dir() {
                folders.extend(
                    std::fs::read_dir(entry.path())
                        .into_iter()
                        .flatten()
                        .flatten(),
                );
                continue;
            }
            texts.push(
                std::fs::read_to_string(entry.path())
                    .unwrap_or_else(|error| panic!("{}: {error}", entry.path().display())),
            );
        }
        for entry in folders {
            texts.push(
                std::fs::read_to_string(entry.path())
                    .unwrap_or_else(|error| panic!("{}: {error}", entry.path().display())),
            );
        }
        texts.extend(
            [
                r#"{"schema_version":1,"person":null,"ansokningar":null}"#,
                r#"{"schema_version":1,"person":{"fodelsedatum":"2025-06-31"}}"#,
                r#"{"schema_version":1,"person":{"personkrets":2.0}}"#,
                r#"{"schema_version":1,"person":{"kon":"Kvinna"}}"#,
                r#"{"schema_version":1,"person":{"behov":["hemliv","personlig_vard","personlig_vård"]}}"#,
                r#"{"schema_version":1,"ansokningar":[{"insats":""}]}"#,
                r#"{"schema_version":1,"ansokningar":[{"insats":"trygghetslarm","dusch_per_vecka":256,"sokt_omfattning":7.25}]}"#,
                r#"{"schema_version":1,"beslut":[{"insats":"x","tills_vidare":true,"giltig_till":"2026-01-01"}]}"#,
                r#"{"schema_version":1,"beslut":[{"insats":"x","tills_vidare":false,"giltig_till":"2026-01-01"}]}"#,
                r#"{"schema_version":1,"ansokningar":[{"insats":"a"},{"insats":"b"},{"insats":"c"},{"insats":"d"},{"insats":"e"},{"insats":"f"},{"insats":"g"},{"insats":"h"},{"insats":"i"}]}"#,
            ]
            .map(str::to_owned),
        );
        let mut n_read = 0;
        for text in &texts {
            let alone = from_json(text);
            let array = format!("[{text}]");
            let mut reader = stream::read_from(
                Box::new(std::io::Cursor::new(array.into_bytes())),
                CaseFormat::Json,
            )
            .unwrap_or_else(|error| panic!("{text}: {error:?}"));
            let in_array = reader.next().map(|record| record.result);
            assert_eq!(Some(&alone), in_array.as_ref(), "{text}");
            assert!(reader.next().is_none(), "{text}");
            n_read += usize::from(alone.is_ok());
        }
        // Every generated case and every example reads; the edge cases above include faults.
        assert!(n_read >= 2_000 + 8, "{n_read}");
    }
}
