//! Oracle cases from the law, each named after its source, evaluated from whole
//! cases as a case system sends them: ages derived from födelsedatum, facts from the JSON.
//!
//! The riktlinje's own rule tests check the rules on given facts; these check the path from a
//! case file to the outcome, against the shipped riktlinje in force on the day.

use riktlinjer_core::{Date, Outcome, evaluate};
use riktlinjer_library::case;
use riktlinjer_library::store::Store;

use crate::root;

/// Evaluates `case` (JSON) on `as_of` and returns the outcome of its first application and the
/// ids of the rules among its reasons.
fn check(case: &str, as_of: &str, expect: Outcome, expect_rule: &str) {
    let store =
        Store::load(&root().join("rules/exempelkommun")).unwrap_or_else(|error| panic!("{error}"));
    let as_of = Date::parse(as_of).unwrap_or(Date::EPOCH);
    let version = store
        .in_force(as_of)
        .unwrap_or_else(|| panic!("ingen version gäller {as_of}"));
    let table = version.table().unwrap_or_else(|error| panic!("{error}"));
    let input = case::from_json_for(case, &table).unwrap_or_else(|error| panic!("{error}"));
    let evaluation = evaluate(&table, &input.case, as_of).unwrap_or_else(|error| panic!("{error}"));
    let provning = &evaluation.provningar[0];
    let rules: Vec<&str> = provning
        .reasons
        .iter()
        .filter_map(|reason| reason.rule_idx)
        .map(|index| table.rules()[usize::from(index)].id)
        .collect();
    assert_eq!(provning.outcome, expect, "{case}\nskäl: {rules:?}");
    assert!(
        rules.contains(&expect_rule),
        "{case}\nväntade {expect_rule} bland {rules:?}"
    );
}

#[test]
fn lss_9b_new_personlig_assistans_at_68_is_barred() {
    // Oracle 1: new application 2026-02-01, applicant 68, never had PA.
    check(
        r#"{"schema_version":1,"person":{"fodelsedatum":"1957-09-14","personkrets":3,"normalt_aldrande":false},
            "ansokningar":[{"insats":"personlig_assistans","ansokningsdatum":"2026-02-01","sokt_omfattning":30}]}"#,
        "2026-02-15",
        Outcome::LagenHindrar,
        // The law's own rule, from the national baseline (rules/sverige, 4.5).
        "LSS-9B-1",
    );
}

#[test]
fn lss_7_daglig_verksamhet_for_personkrets_3_is_barred() {
    // Oracle 4: personkrets 3, age 30, no job.
    check(
        r#"{"schema_version":1,"person":{"fodelsedatum":"1996-01-10","personkrets":3,"normalt_aldrande":false,"forvarvsarbetar":false,"studerar":false},
            "ansokningar":[{"insats":"daglig_verksamhet","ansokningsdatum":"2026-01-15"}]}"#,
        "2026-02-15",
        Outcome::LagenHindrar,
        // The law's own rule, from the national baseline (rules/sverige, 4.3).
        "LSS-7",
    );
}

#[test]
fn lss_1_normal_ageing_is_outside_personkrets_3() {
    // Oracle 8: age 88, general frailty.
    check(
        r#"{"schema_version":1,"person":{"fodelsedatum":"1938-01-10","personkrets":3,"normalt_aldrande":true},
            "ansokningar":[{"insats":"ledsagarservice","ansokningsdatum":"2026-01-15"}]}"#,
        "2026-02-15",
        Outcome::LagenHindrar,
        // The law's own rule, from the national baseline (rules/sverige, 4.1).
        "LSS-1-3",
    );
}
