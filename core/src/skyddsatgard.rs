//! The prövning of one skyddsåtgärd: the riktlinje's rules for its kind, tried in the order
//! documented in `rules/README.md`, and the engine's own check of the person's samtycke.
//!
//! Every `ej_tillåten` rule comes first, then the `juridisk_bedömning` and `rutin_ej_följd`
//! rules (each that holds is a reason of its own), then the first `tillåten_med_samtycke` rule
//! that holds; and the outcome is never "tillåten" unless the case shows the person's own,
//! standing samtycke, whatever the riktlinje says (RF 2 kap. 6 och 8 §§).
//! The facts of one skyddsåtgärd are prepared in `facts` ([`crate::facts::skyddsatgard_facts`]).
//! It holds no condition logic (`condition`) and no frister: the uppföljning frister of a
//! skyddsåtgärd are computed in `case_frister`.

use heapless::Vec;

use crate::case::{Builtin, Facts, SamtyckeAv};
use crate::condition::atgard_condition;
use crate::date::Date;
use crate::decode::{AtgardIdx, AtgardRuleIdx, Table};
use crate::error::EvaluateError;
use crate::evaluation::{AtgardOutcome, MessageId, Reason, Role, SkyddsatgardEvaluation};
use crate::flat::Truth;
use crate::table::AtgardRuleKind;

/// Prövar one skyddsåtgärd of kind `atgard_idx` (`None`: a kind the riktlinje does not declare)
/// against prepared facts.
///
/// The order, documented in `rules/README.md`:
/// 1. every `ej_tillåten` rule; if any holds, the outcome is [`AtgardOutcome::EjTillaten`] with
///    each that holds as a reason;
/// 2. otherwise every `juridisk_bedömning` and every `rutin_ej_följd` rule, each that holds a
///    reason of its own (a rutin rule that cannot be tried for a missing fact is a step not
///    shown to be taken: [`MessageId::RutinstegOvisat`]);
/// 3. an `ej_tillåten` or `juridisk_bedömning` rule that cannot be tried, or a
///    `juridisk_bedömning` rule that holds, gives [`AtgardOutcome::KraverJuridiskBedomning`];
///    else a rutin step missing gives [`AtgardOutcome::RutinEjFoljd`];
/// 4. else the first `tillåten_med_samtycke` rule that holds decides; if none holds, or the
///    kind is not declared, the outcome is [`AtgardOutcome::KraverJuridiskBedomning`];
/// 5. an outcome of tillåten stands only if the facts show the person's own samtycke, still
///    accepted and not withdrawn; otherwise it becomes [`AtgardOutcome::EjTillaten`] (the
///    samtycke is known to be missing) or [`AtgardOutcome::KraverJuridiskBedomning`] (unknown);
/// 6. `upplysning` rules add their reason whenever they hold.
///
/// # Errors
/// [`EvaluateError::TooManyAtgardReasons`], unreachable: [`Table::decode`] bounds the reasons
/// per kind.
pub fn evaluate_atgard(
    table: &Table<'_>,
    atgard_idx: Option<AtgardIdx>,
    facts: &Facts,
    as_of: Date,
) -> Result<SkyddsatgardEvaluation, EvaluateError> {
    let mut result = SkyddsatgardEvaluation {
        skyddsatgard_idx: 0,
        atgard_idx: atgard_idx.and_then(|atgard_idx| u8::try_from(atgard_idx.index()).ok()),
        outcome: AtgardOutcome::KraverJuridiskBedomning,
        reasons: Vec::new(),
    };
    let reason = |message: MessageId, rule_idx: AtgardRuleIdx, fact: Option<u16>| Reason {
        message,
        role: Role::Avgorande,
        rule_idx: rule_number(rule_idx),
        fact,
    };
    if atgard_idx.is_none() {
        push_atgard(&mut result, MessageId::OkandAtgard, None, None)?;
    }
    let rules_of = |kind: AtgardRuleKind| {
        table
            .atgard_rules_of(atgard_idx)
            .filter(move |(_, rule)| rule.utfall == kind)
    };

    let mut barred = false;
    let mut undecided: Option<Reason> = None;
    for (rule_idx, rule) in rules_of(AtgardRuleKind::EjTillaten) {
        match atgard_condition(table, rule, facts, as_of) {
            Truth::True => {
                barred = true;
                push_reason(
                    &mut result,
                    reason(MessageId::RegelUppfylld, rule_idx, None),
                )?;
            }
            Truth::Unknown(fact) if undecided.is_none() => {
                undecided = Some(reason(MessageId::UppgiftSaknas, rule_idx, fact));
            }
            Truth::Overflow if undecided.is_none() => {
                undecided = Some(reason(MessageId::BerakningForStor, rule_idx, None));
            }
            Truth::Unknown(_) | Truth::Overflow | Truth::False => {}
        }
    }
    if barred {
        result.outcome = AtgardOutcome::EjTillaten;
    } else {
        let mut juridisk = false;
        for (rule_idx, rule) in rules_of(AtgardRuleKind::JuridiskBedomning) {
            match atgard_condition(table, rule, facts, as_of) {
                Truth::True => {
                    juridisk = true;
                    push_reason(
                        &mut result,
                        reason(MessageId::RegelUppfylld, rule_idx, None),
                    )?;
                }
                Truth::Unknown(fact) if undecided.is_none() => {
                    undecided = Some(reason(MessageId::UppgiftSaknas, rule_idx, fact));
                }
                Truth::Overflow if undecided.is_none() => {
                    undecided = Some(reason(MessageId::BerakningForStor, rule_idx, None));
                }
                Truth::Unknown(_) | Truth::Overflow | Truth::False => {}
            }
        }
        // A bar or a juridisk question left open for a missing fact comes before the rutin.
        let open = undecided.is_some();
        if let Some(undecided) = undecided {
            push_reason(&mut result, undecided)?;
        }
        let mut rutin = false;
        for (rule_idx, rule) in rules_of(AtgardRuleKind::RutinEjFoljd) {
            let message = match atgard_condition(table, rule, facts, as_of) {
                Truth::True => (MessageId::RegelUppfylld, None),
                Truth::Unknown(fact) => (MessageId::RutinstegOvisat, fact),
                Truth::Overflow => (MessageId::BerakningForStor, None),
                Truth::False => continue,
            };
            rutin = true;
            push_reason(&mut result, reason(message.0, rule_idx, message.1))?;
        }
        if open || juridisk {
            result.outcome = AtgardOutcome::KraverJuridiskBedomning;
        } else if rutin {
            result.outcome = AtgardOutcome::RutinEjFoljd;
        } else if let Some(atgard_idx) = atgard_idx {
            decide_atgard(table, atgard_idx, facts, as_of, &mut result)?;
        }
    }

    for (rule_idx, rule) in rules_of(AtgardRuleKind::Upplysning) {
        if atgard_condition(table, rule, facts, as_of) == Truth::True {
            push_reason(
                &mut result,
                Reason {
                    role: Role::Upplysning,
                    ..reason(MessageId::RegelUppfylld, rule_idx, None)
                },
            )?;
        }
    }
    Ok(result)
}

/// Whether the facts show the person's own samtycke to a skyddsåtgärd, still accepted and not
/// withdrawn: the engine's own check, whatever the riktlinje's rules say, since there is no
/// lagstöd for a skyddsåtgärd without it (RF 2 kap. 6 och 8 §§).
///
/// A table whose catalogue does not declare these facts cannot show the samtycke: unknown.
pub fn eget_samtycke(table: &Table<'_>, facts: &Facts) -> Truth {
    let slot = |builtin: Builtin| table.builtin_slot(builtin);
    let value = |builtin: Builtin| slot(builtin).and_then(|slot| facts.get(slot));
    let own = value(Builtin::SamtyckeAv).map(|av| av == SamtyckeAv::DenEnskilde as i64);
    let accepts = value(Builtin::AccepterarFortfarande).map(|flag| flag != 0);
    let withdrawn = value(Builtin::SamtyckeAterkallat).map(|flag| flag != 0);
    let parts = [
        (Builtin::SamtyckeAv, own),
        (Builtin::AccepterarFortfarande, accepts),
        (
            Builtin::SamtyckeAterkallat,
            withdrawn.map(|withdrawn| !withdrawn),
        ),
    ];
    if parts.iter().any(|(_, holds)| *holds == Some(false)) {
        return Truth::False;
    }
    match parts.iter().find(|(_, holds)| holds.is_none()) {
        Some((builtin, _)) => {
            Truth::Unknown(slot(*builtin).and_then(|slot| u16::try_from(slot).ok()))
        }
        None => Truth::True,
    }
}

/// Steps 4 and 5 of [`evaluate_atgard`]: the first `tillåten_med_samtycke` rule that holds,
/// checked against the person's own samtycke.
fn decide_atgard(
    table: &Table<'_>,
    atgard_idx: AtgardIdx,
    facts: &Facts,
    as_of: Date,
    result: &mut SkyddsatgardEvaluation,
) -> Result<(), EvaluateError> {
    let mut decided = false;
    for (rule_idx, rule) in table
        .atgard_rules_of(Some(atgard_idx))
        .filter(|(_, rule)| rule.utfall == AtgardRuleKind::TillatenMedSamtycke)
    {
        let rule_idx = rule_number(rule_idx);
        match atgard_condition(table, rule, facts, as_of) {
            Truth::True => {
                result.outcome = AtgardOutcome::TillatenMedSamtycke;
                push_atgard(result, MessageId::RegelUppfylld, rule_idx, None)?;
                decided = true;
                break;
            }
            Truth::Unknown(fact) => {
                result.outcome = AtgardOutcome::KraverJuridiskBedomning;
                push_atgard(result, MessageId::UppgiftSaknas, rule_idx, fact)?;
                decided = true;
                break;
            }
            Truth::Overflow => {
                result.outcome = AtgardOutcome::KraverJuridiskBedomning;
                push_atgard(result, MessageId::BerakningForStor, rule_idx, None)?;
                decided = true;
                break;
            }
            Truth::False => {}
        }
    }
    if !decided {
        result.outcome = AtgardOutcome::KraverJuridiskBedomning;
        push_atgard(result, MessageId::IngenRegelPassar, None, None)?;
        return Ok(());
    }
    if result.outcome == AtgardOutcome::TillatenMedSamtycke {
        match eget_samtycke(table, facts) {
            Truth::True | Truth::Overflow => {}
            Truth::False => {
                result.outcome = AtgardOutcome::EjTillaten;
                push_atgard(result, MessageId::EgetSamtyckeSaknas, None, None)?;
            }
            Truth::Unknown(fact) => {
                result.outcome = AtgardOutcome::KraverJuridiskBedomning;
                push_atgard(result, MessageId::EgetSamtyckeSaknas, None, fact)?;
            }
        }
    }
    Ok(())
}

fn push_reason(result: &mut SkyddsatgardEvaluation, reason: Reason) -> Result<(), EvaluateError> {
    result
        .reasons
        .push(reason)
        .map_err(|_| EvaluateError::TooManyAtgardReasons)
}

fn push_atgard(
    result: &mut SkyddsatgardEvaluation,
    message: MessageId,
    rule_idx: Option<u16>,
    fact: Option<u16>,
) -> Result<(), EvaluateError> {
    push_reason(
        result,
        Reason {
            message,
            role: Role::Avgorande,
            rule_idx,
            fact,
        },
    )
}

/// A rule's index as a reason holds it.
fn rule_number(rule_idx: AtgardRuleIdx) -> Option<u16> {
    u16::try_from(rule_idx.index()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, Skyddsatgard};
    use crate::evaluate::evaluate;
    use crate::testing::{TableSpec, d, insats};

    type String = std::string::String;
    type Vec<T, const N: usize> = std::vec::Vec<T>;

    /// Condition code for the tests of skyddsåtgärder.
    mod code {
        use crate::case::Builtin;
        use crate::table::Op;

        pub fn fact(fact: Builtin) -> Vec<u8> {
            Op::Fact
                .encode(i32::from(crate::testing::builtin(fact)))
                .to_vec()
        }

        pub fn is(fact_id: Builtin, value: i32) -> Vec<u8> {
            let mut code = fact(fact_id);
            code.extend(Op::Push.encode(value));
            code.extend(Op::Eq.encode(0));
            code
        }

        pub fn not(mut code: Vec<u8>) -> Vec<u8> {
            code.extend(Op::Not.encode(0));
            code
        }

        pub fn and(mut left: Vec<u8>, right: Vec<u8>) -> Vec<u8> {
            left.extend(right);
            left.extend(Op::And.encode(0));
            left
        }
    }

    /// A small riktlinje for skyddsåtgärder: two kinds (`sanggrind`, and `gps_larm` as digital
    /// teknik) and a third without a tillåten rule (`balte`).
    fn atgard_table() -> TableSpec {
        use crate::table::{ALLA_ATGARDER, AtgardRuleKind::*};
        use code::{and, fact, is, not};
        let mut spec = TableSpec::with_insatser(&[]);
        spec.atgarder = vec![
            ("sanggrind".into(), false),
            ("gps_larm".into(), true),
            ("balte".into(), false),
        ];
        let ingen = crate::case::SamtyckeAv::Ingen as i32;
        let egen = crate::case::SamtyckeAv::DenEnskilde as i32;
        let alla = ALLA_ATGARDER;
        spec.add_atgard_rule(
            "L-INGEN",
            alla,
            EjTillaten,
            &and(
                is(Builtin::SamtyckeAv, ingen),
                not(fact(Builtin::Nodsituation)),
            ),
        );
        spec.add_atgard_rule("L-GENERELL", alla, EjTillaten, &fact(Builtin::Generell));
        spec.add_atgard_rule(
            "L-KROPP",
            alla,
            EjTillaten,
            &and(fact(Builtin::DigitalTeknik), fact(Builtin::InutiKroppen)),
        );
        spec.add_atgard_rule(
            "N-AKUT",
            alla,
            JuridiskBedomning,
            &fact(Builtin::Nodsituation),
        );
        spec.add_atgard_rule(
            "R-RISK",
            alla,
            RutinEjFoljd,
            &not(fact(Builtin::RiskbedomningGjord)),
        );
        spec.add_atgard_rule(
            "R-JOURNAL",
            alla,
            RutinEjFoljd,
            &not(fact(Builtin::DokumenteradIJournal)),
        );
        spec.add_atgard_rule(
            "R-MAS",
            alla,
            RutinEjFoljd,
            &not(fact(Builtin::MasInformerad)),
        );
        // Deliberately weak: the engine itself must hold the line on the person's own samtycke.
        spec.add_atgard_rule(
            "T",
            0b011,
            TillatenMedSamtycke,
            &is(Builtin::SamtyckeAv, egen),
        );
        spec.add_atgard_rule(
            "U-DIGITAL",
            0b010,
            Upplysning,
            &fact(Builtin::DigitalTeknik),
        );
        spec
    }

    fn followed() -> Skyddsatgard {
        Skyddsatgard {
            typ: insats("sanggrind"),
            samtycke: crate::case::Samtycke {
                av: Some(crate::case::SamtyckeAv::DenEnskilde),
                accepterar_fortfarande: Some(true),
                ..crate::case::Samtycke::default()
            },
            riskbedomning: Some(d("2026-01-10")),
            dokumenterad_i_journal: Some(true),
            mas_informerad: Some(true),
            generell: Some(false),
            nodsituation: Some(false),
            inuti_kroppen: Some(false),
            ..Skyddsatgard::default()
        }
    }

    /// The outcome of one skyddsåtgärd and its reasons as `message rule fact`.
    fn check_atgard(atgard: &Skyddsatgard, want: AtgardOutcome, want_reasons: &[&str]) {
        let spec = atgard_table();
        let bytes = spec.encode();
        let table = Table::decode(&bytes);
        assert!(table.is_ok(), "tabellen avvisades: {table:?}");
        let Ok(table) = table else { return };
        let case = Case {
            skyddsatgarder: core::iter::once(atgard.clone()).collect(),
            ..Case::default()
        };
        let evaluation = evaluate(&table, &case, d("2026-02-01"));
        let result = evaluation
            .as_ref()
            .ok()
            .and_then(|e| e.skyddsatgarder.first());
        assert!(result.is_some(), "ingen prövning: {evaluation:?}");
        let Some(result) = result else { return };
        let reasons: Vec<String, 32> = result
            .reasons
            .iter()
            .map(|reason| {
                let rule = reason
                    .rule_idx
                    .and_then(|index| table.atgard_rules().get(usize::from(index)))
                    .map_or("-", |rule| rule.id);
                let fact = reason
                    .fact
                    .and_then(|slot| Builtin::ALL.get(usize::from(slot)));
                match fact {
                    Some(fact) => format!("{:?} {rule} {fact:?}", reason.message),
                    None => format!("{:?} {rule}", reason.message),
                }
            })
            .collect();
        assert_eq!(
            (result.outcome, reasons),
            (want, want_reasons.iter().map(|r| (*r).to_owned()).collect()),
            "{atgard:?}"
        );
    }

    /// Every step followed, with the person's own samtycke: tillåten.
    #[test]
    fn atgard_allowed_with_own_samtycke() {
        check_atgard(
            &followed(),
            AtgardOutcome::TillatenMedSamtycke,
            &["RegelUppfylld T"],
        );
    }

    /// Each rule of the law that holds is a reason; the rutin is not looked at.
    #[test]
    fn atgard_barred_lists_every_bar() {
        let mut atgard = followed();
        atgard.samtycke.av = Some(crate::case::SamtyckeAv::Ingen);
        atgard.generell = Some(true);
        atgard.mas_informerad = Some(false);
        check_atgard(
            &atgard,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld L-INGEN", "RegelUppfylld L-GENERELL"],
        );
    }

    /// Each missing step of the rutin is a reason of its own; a step whose fact is missing is
    /// named as not shown.
    #[test]
    fn atgard_rutin_names_each_missing_step() {
        let mut atgard = followed();
        atgard.riskbedomning = None;
        atgard.dokumenterad_i_journal = Some(false);
        atgard.mas_informerad = None;
        check_atgard(
            &atgard,
            AtgardOutcome::RutinEjFoljd,
            &[
                "RegelUppfylld R-RISK",
                "RegelUppfylld R-JOURNAL",
                "RutinstegOvisat R-MAS MasInformerad",
            ],
        );
        // A riskbedömning dated after the day of prövning is not yet made.
        atgard.riskbedomning = Some(d("2026-03-01"));
        atgard.dokumenterad_i_journal = Some(true);
        atgard.mas_informerad = Some(true);
        check_atgard(
            &atgard,
            AtgardOutcome::RutinEjFoljd,
            &["RegelUppfylld R-RISK"],
        );
    }

    /// A nödsituation is for a juridisk bedömning, not a rule of the riktlinje; a bar that
    /// cannot be tried for a missing fact leaves the outcome to a juridisk bedömning too.
    #[test]
    fn atgard_juridisk_bedomning() {
        let mut atgard = followed();
        atgard.samtycke.av = Some(crate::case::SamtyckeAv::Ingen);
        atgard.nodsituation = Some(true);
        check_atgard(
            &atgard,
            AtgardOutcome::KraverJuridiskBedomning,
            &["RegelUppfylld N-AKUT"],
        );
        let mut unknown = followed();
        unknown.samtycke.av = Some(crate::case::SamtyckeAv::Ingen);
        unknown.nodsituation = None;
        check_atgard(
            &unknown,
            AtgardOutcome::KraverJuridiskBedomning,
            &["UppgiftSaknas L-INGEN Nodsituation"],
        );
    }

    /// The engine's own line: a riktlinje rule that would allow a measure the person no longer
    /// accepts, or whose samtycke is withdrawn, does not make it tillåten.
    #[test]
    fn atgard_never_allowed_without_own_standing_samtycke() {
        let mut atgard = followed();
        atgard.samtycke.accepterar_fortfarande = Some(false);
        check_atgard(
            &atgard,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld T", "EgetSamtyckeSaknas -"],
        );
        let mut withdrawn = followed();
        withdrawn.samtycke.aterkallat = Some(d("2026-01-20"));
        check_atgard(
            &withdrawn,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld T", "EgetSamtyckeSaknas -"],
        );
        let mut unknown = followed();
        unknown.samtycke.accepterar_fortfarande = None;
        check_atgard(
            &unknown,
            AtgardOutcome::KraverJuridiskBedomning,
            &[
                "RegelUppfylld T",
                "EgetSamtyckeSaknas - AccepterarFortfarande",
            ],
        );
    }

    /// Digital teknik inside the body is barred; the kind's declaration gives the fact.
    #[test]
    fn atgard_digital_teknik_inside_the_body() {
        let mut gps = followed();
        gps.typ = insats("gps_larm");
        check_atgard(
            &gps,
            AtgardOutcome::TillatenMedSamtycke,
            &["RegelUppfylld T", "RegelUppfylld U-DIGITAL"],
        );
        gps.inuti_kroppen = Some(true);
        check_atgard(
            &gps,
            AtgardOutcome::EjTillaten,
            &["RegelUppfylld L-KROPP", "RegelUppfylld U-DIGITAL"],
        );
        // The same fact on a kind that is not digital teknik bars nothing.
        let mut sanggrind = followed();
        sanggrind.inuti_kroppen = Some(true);
        check_atgard(
            &sanggrind,
            AtgardOutcome::TillatenMedSamtycke,
            &["RegelUppfylld T"],
        );
    }

    /// A kind without a tillåten rule, and a kind the riktlinje does not declare, are for a
    /// juridisk bedömning; the rules for every kind still apply to the unknown kind.
    #[test]
    fn atgard_unknown_kind_and_no_deciding_rule() {
        let mut balte = followed();
        balte.typ = insats("balte");
        check_atgard(
            &balte,
            AtgardOutcome::KraverJuridiskBedomning,
            &["IngenRegelPassar -"],
        );
        let mut okand = followed();
        okand.typ = insats("handfangsel");
        check_atgard(
            &okand,
            AtgardOutcome::KraverJuridiskBedomning,
            &["OkandAtgard -"],
        );
        okand.generell = Some(true);
        check_atgard(
            &okand,
            AtgardOutcome::EjTillaten,
            &["OkandAtgard -", "RegelUppfylld L-GENERELL"],
        );
    }
}
