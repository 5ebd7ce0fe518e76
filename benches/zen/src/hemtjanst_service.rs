//! The hemtjanst_service comparison: the law's rules on children and consent, the riktlinje's
//! rules HT-S-U1, HT-S-U2 and HT-S-1 to HT-S-7, and the omfattning its schablon computes, in
//! timmar per månad (`hemtjanst_service.json` for zen).
//!
//! Every case gives every fact the rules read (the consent facts only to a child: for an adult
//! the law's rules are false whatever they say), so both engines decide with two-valued logic;
//! [`core_answer`] fails on a case where the core finds a fact missing. The cases are a grid
//! over those facts, then the hemtjanst_service ansökningar of a generated population (seed 1),
//! completed with what the population does not give: each is an ansökan after individual
//! behovsprövning, with a sökt omfattning taken in turn from [`SOKT_TIONDELAR`].

use std::sync::Arc;

use riktlinjer_core::{Case, Date, MessageId, Outcome, Role, Table};

use crate::cases::{AS_OF, as_of};
use serde_json::{Value, json};
use tokio::runtime::Runtime;

/// The national baseline's parameters on [`AS_OF`], which zen is given as input: the
/// socialtjänstlag in force (2025:400) and the age from which a child's own consent can suffice.
const SOCIALTJANSTLAG: u32 = 2025;
const SAMTYCKESALDER: u32 = 12;

/// Every how manyth combination of the grid the timed batch keeps (about 4 500 of 131 328).
pub const GRID_STEP: usize = 29;

/// Sökt omfattningar, in tenths of timmar per månad: below, at and above the limits of
/// HT-S-U1 (4) and HT-S-6 (6) and the schablon of the riktlinje's own example (5,7).
pub const SOKT_TIONDELAR: [u32; 6] = [20, 35, 40, 57, 60, 70];

/// One ansökan of hemtjanst_service with the facts its rules read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceFacts {
    pub fodelsedatum: Date,
    pub folkbokford_i_kommunen: bool,
    pub behov_tillgodoses_pa_annat_satt: bool,
    /// The behov (IBIC livsområden); the rules ask only whether they include hemliv.
    pub behov: Vec<String>,
    pub utan_behovsprovning: bool,
    /// Given for a child only.
    pub vardnadshavares_samtycke: Option<bool>,
    /// Given for a child only.
    pub eget_samtycke: Option<bool>,
    pub stadning_var_n_vecka: u32,
    pub inkop_per_vecka: u32,
    pub tvatt_per_manad: u32,
    /// Sökt omfattning in tenths of timmar per månad.
    pub sokt_tiondelar: u32,
}

/// One engine's answer: utfall, what decided (a rule id; `schablon` when the sökt omfattning is
/// above the computed one; `annars` when no rule holds), the omfattning the riktlinje gives and
/// the omfattning the schablon computes, both in thousandths of timmar per månad.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub utfall: String,
    pub avgorande: String,
    pub omfattning: Option<i64>,
    pub beraknad: Option<i64>,
}

/// The JDM graph, as zen reads it.
pub fn jdm() -> Arc<zen_engine::model::GraphContent> {
    crate::cases::read_jdm("hemtjanst_service.json")
}

/// The grid (every combination of the values below, the consent facts for children only), then
/// the generated population's hemtjanst_service ansökningar: `(cases, n_grid)`. Every
/// `grid_step`th combination of the grid is kept.
pub fn all_facts(n_generated: u64, grid_step: usize) -> (Vec<ServiceFacts>, usize) {
    let as_of = as_of();
    let mut facts = Vec::new();
    let ages = [10u16, 13, 15, 17, 74, 75, 80];
    let booleans = [false, true];
    let mut n_combinations = 0usize;
    for age in ages {
        let consents: &[(Option<bool>, Option<bool>)] = if age < 18 {
            &[
                (Some(false), Some(false)),
                (Some(false), Some(true)),
                (Some(true), Some(false)),
                (Some(true), Some(true)),
            ]
        } else {
            &[(None, None)]
        };
        for &(vardnadshavares_samtycke, eget_samtycke) in consents {
            for utan_behovsprovning in booleans {
                for folkbokford_i_kommunen in booleans {
                    for behov_tillgodoses_pa_annat_satt in booleans {
                        for hemliv in booleans {
                            for stadning_var_n_vecka in [0, 1, 2, 3, 4, 7] {
                                for inkop_per_vecka in [0, 1, 2] {
                                    for tvatt_per_manad in [0, 1, 2, 3] {
                                        for sokt_tiondelar in SOKT_TIONDELAR {
                                            let combination = n_combinations;
                                            n_combinations += 1;
                                            if !combination.is_multiple_of(grid_step) {
                                                continue;
                                            }
                                            facts.push(ServiceFacts {
                                                fodelsedatum: born_aged(age, as_of),
                                                folkbokford_i_kommunen,
                                                behov_tillgodoses_pa_annat_satt,
                                                behov: if hemliv {
                                                    vec!["hemliv".to_owned()]
                                                } else {
                                                    vec!["trygghet".to_owned()]
                                                },
                                                utan_behovsprovning,
                                                vardnadshavares_samtycke,
                                                eget_samtycke,
                                                stadning_var_n_vecka,
                                                inkop_per_vecka,
                                                tvatt_per_manad,
                                                sokt_tiondelar,
                                            });
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let n_grid = facts.len();
    let mut n_ansokningar = 0usize;
    for line in crate::cases::generated_lines(n_generated) {
        let case: Value = serde_json::from_str(&line)
            .unwrap_or_else(|error| panic!("a generated case is not JSON: {error}"));
        let person = &case["person"];
        for ansokan in case["ansokningar"].as_array().into_iter().flatten() {
            if ansokan["insats"] != "hemtjanst_service" {
                continue;
            }
            let flag = |value: &Value, key: &str| {
                value[key].as_bool().unwrap_or_else(|| {
                    panic!("a generated hemtjanst_service case has no {key}: {line}")
                })
            };
            let count = |key: &str| {
                ansokan[key]
                    .as_u64()
                    .and_then(|value| u32::try_from(value).ok())
                    .unwrap_or_else(|| panic!("a generated ansökan has no {key}: {line}"))
            };
            let fodelsedatum = person["fodelsedatum"]
                .as_str()
                .and_then(|text| Date::parse(text).ok())
                .unwrap_or_else(|| panic!("a generated case has no fodelsedatum: {line}"));
            let is_child = fodelsedatum.age_on(as_of).is_none_or(|age| age < 18);
            facts.push(ServiceFacts {
                fodelsedatum,
                folkbokford_i_kommunen: flag(person, "folkbokford_i_kommunen"),
                behov_tillgodoses_pa_annat_satt: flag(person, "behov_tillgodoses_pa_annat_satt"),
                behov: person["behov"]
                    .as_array()
                    .unwrap_or_else(|| panic!("a generated case has no behov: {line}"))
                    .iter()
                    .filter_map(|word| word.as_str().map(str::to_owned))
                    .collect(),
                utan_behovsprovning: false,
                // The population has no children; should it get some, they consent.
                vardnadshavares_samtycke: is_child.then_some(true),
                eget_samtycke: is_child.then_some(true),
                stadning_var_n_vecka: count("stadning_var_n_vecka"),
                inkop_per_vecka: count("inkop_per_vecka"),
                tvatt_per_manad: count("tvatt_per_manad"),
                sokt_tiondelar: SOKT_TIONDELAR[n_ansokningar % SOKT_TIONDELAR.len()],
            });
            n_ansokningar += 1;
        }
    }
    (facts, n_grid)
}

/// A few cases to show what each engine returns: the riktlinje's own example (städning var
/// tredje vecka, inköp en gång per vecka, tvätt två gånger per månad: 5,7 timmar per månad),
/// the same sökt at 6 timmar, an ansökan without behovsprövning and a child of 15 whose
/// vårdnadshavare do not consent.
pub fn examples() -> Vec<ServiceFacts> {
    let as_of = as_of();
    let riktlinjens_exempel = ServiceFacts {
        fodelsedatum: born_aged(82, as_of),
        folkbokford_i_kommunen: true,
        behov_tillgodoses_pa_annat_satt: false,
        behov: vec!["hemliv".to_owned()],
        utan_behovsprovning: false,
        vardnadshavares_samtycke: None,
        eget_samtycke: None,
        stadning_var_n_vecka: 3,
        inkop_per_vecka: 1,
        tvatt_per_manad: 2,
        sokt_tiondelar: 57,
    };
    vec![
        riktlinjens_exempel.clone(),
        ServiceFacts {
            sokt_tiondelar: 60,
            ..riktlinjens_exempel.clone()
        },
        ServiceFacts {
            utan_behovsprovning: true,
            sokt_tiondelar: 30,
            ..riktlinjens_exempel.clone()
        },
        ServiceFacts {
            fodelsedatum: born_aged(15, as_of),
            vardnadshavares_samtycke: Some(false),
            eget_samtycke: Some(true),
            ..riktlinjens_exempel
        },
    ]
}

/// The day a person aged `age` on `as_of` was born: New Year's Day of the year that gives it.
fn born_aged(age: u16, as_of: Date) -> Date {
    let text = format!("{}-01-01", 2026 - i32::from(age));
    let born = Date::parse(&text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(born.age_on(as_of), Some(age), "{text} on {AS_OF}");
    born
}

/// The sökt omfattning as a decimal figure (5,7 timmar per månad is 5.7).
fn sokt_omfattning(facts: &ServiceFacts) -> f64 {
    f64::from(facts.sokt_tiondelar) / 10.0
}

/// The case as a case system sends it (the case contract's JSON).
pub fn case_json(facts: &ServiceFacts) -> Value {
    let mut ansokan = json!({
        "insats": "hemtjanst_service",
        "utan_behovsprovning": facts.utan_behovsprovning,
        "stadning_var_n_vecka": facts.stadning_var_n_vecka,
        "inkop_per_vecka": facts.inkop_per_vecka,
        "tvatt_per_manad": facts.tvatt_per_manad,
        "sokt_omfattning": sokt_omfattning(facts),
    });
    for (key, value) in [
        ("vardnadshavares_samtycke", facts.vardnadshavares_samtycke),
        ("eget_samtycke", facts.eget_samtycke),
    ] {
        if let Some(value) = value {
            ansokan[key] = json!(value);
        }
    }
    json!({
        "schema_version": 1,
        "person": {
            "fodelsedatum": facts.fodelsedatum.to_text().as_str(),
            "folkbokford_i_kommunen": facts.folkbokford_i_kommunen,
            "behov_tillgodoses_pa_annat_satt": facts.behov_tillgodoses_pa_annat_satt,
            "behov": facts.behov,
        },
        "ansokningar": [ansokan],
    })
}

/// The core's case for `facts`, read and bound to the table's catalogue as `riktlinjer eval`
/// reads one.
pub fn case_of(table: &Table<'_>, facts: &ServiceFacts) -> Case {
    crate::cases::bound(table, &case_json(facts))
}

/// zen's input for `facts`: the same facts, the ålder on the prövningsdag, and the baseline's
/// parameters on that day.
pub fn context_of(facts: &ServiceFacts) -> Value {
    let alder = facts
        .fodelsedatum
        .age_on(as_of())
        .unwrap_or_else(|| panic!("{facts:?} is born after {AS_OF}"));
    json!({
        "socialtjanstlag": SOCIALTJANSTLAG,
        "samtyckesalder": SAMTYCKESALDER,
        "alder": alder,
        "folkbokford_i_kommunen": facts.folkbokford_i_kommunen,
        "behov_tillgodoses_pa_annat_satt": facts.behov_tillgodoses_pa_annat_satt,
        "hemliv": facts.behov.iter().any(|word| word == "hemliv"),
        "utan_behovsprovning": facts.utan_behovsprovning,
        "vardnadshavares_samtycke": facts.vardnadshavares_samtycke,
        "eget_samtycke": facts.eget_samtycke,
        "stadning_var_n_vecka": facts.stadning_var_n_vecka,
        "inkop_per_vecka": facts.inkop_per_vecka,
        "tvatt_per_manad": facts.tvatt_per_manad,
        "sokt_omfattning": sokt_omfattning(facts),
    })
}

/// The core's answer in the comparable shape; fails when the core finds a fact missing (the
/// cases are meant to give every fact) or a figure too large.
pub fn core_answer(table: &Table<'_>, case: &Case, as_of: Date) -> Answer {
    let evaluation =
        riktlinjer_core::evaluate(table, case, as_of).unwrap_or_else(|error| panic!("{error}"));
    let provning = evaluation
        .provningar
        .first()
        .unwrap_or_else(|| panic!("no prövning of {case:?}"));
    if let Some(reason) = provning.reasons.iter().find(|reason| {
        matches!(
            reason.message,
            MessageId::UppgiftSaknas
                | MessageId::SchablonUppgiftSaknas
                | MessageId::LagenHindrarKanInteUteslutas
                | MessageId::BerakningForStor
        )
    }) {
        panic!("the core cannot decide {case:?} on its facts: {reason:?}");
    }
    let deciding = provning
        .reasons
        .iter()
        .find(|reason| reason.role == Role::Avgorande)
        .unwrap_or_else(|| panic!("no deciding reason for {case:?}"));
    let avgorande = match deciding.message {
        MessageId::OmfattningOverSchablon => "schablon".to_owned(),
        MessageId::IngenRegelPassar => "annars".to_owned(),
        _ => deciding
            .rule_idx
            .and_then(|index| table.rules().get(usize::from(index)))
            .map(|rule| rule.id.to_owned())
            .unwrap_or_else(|| panic!("a deciding reason without a rule: {deciding:?}")),
    };
    Answer {
        utfall: outcome_word(provning.outcome).to_owned(),
        avgorande,
        omfattning: provning.omfattning,
        beraknad: provning.beraknad,
    }
}

/// The word zen's graph gives for `outcome`.
fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Uppfyller => "uppfyller",
        Outcome::UppfyllerInte => "uppfyller_inte",
        Outcome::LagenHindrar => "lagen_hindrar",
        Outcome::KraverIndividuellBedomning => "kraver_individuell_bedomning",
    }
}

/// zen's answer in the comparable shape: its figures are timmar per månad, with one decimal.
pub fn zen_answer(result: &Value) -> Answer {
    let text = |key: &str| {
        result
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("zen gave no {key}: {result}"))
    };
    let thousandths = |key: &str| match result.get(key) {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_f64()
                .map(|hours| (hours * 1000.0).round() as i64)
                .unwrap_or_else(|| panic!("zen's {key} is not a number: {result}")),
        ),
    };
    Answer {
        utfall: text("utfall"),
        avgorande: text("avgorande"),
        omfattning: thousandths("omfattning"),
        beraknad: thousandths("beraknad"),
    }
}

/// zen's answer on `context`, from the compiled `decision`, in the comparable shape.
pub fn zen_on(decision: &zen_engine::Decision, runtime: &Runtime, context: &Value) -> Answer {
    let response = runtime
        .block_on(decision.evaluate(context.clone().into()))
        .unwrap_or_else(|error| panic!("{context}: {error:?}"));
    zen_answer(&Value::from(response.result))
}

/// The batch that both the quick run and `cargo bench` time: the core's cases and zen's
/// inputs for the same facts (every [`GRID_STEP`]th of the grid, then a population of 5 000),
/// and how many of them come from the grid.
pub struct Batch {
    pub cases: Vec<Case>,
    pub contexts: Vec<Value>,
    pub n_grid: usize,
}

/// The [`Batch`] for `table`.
pub fn timed_batch(table: &Table<'_>) -> Batch {
    let (facts, n_grid) = all_facts(5_000, GRID_STEP);
    Batch {
        cases: facts.iter().map(|facts| case_of(table, facts)).collect(),
        contexts: facts.iter().map(context_of).collect(),
        n_grid,
    }
}
