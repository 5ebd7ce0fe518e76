//! The prövning of one insats: its rules, tried in the order documented in
//! `rules/README.md`, give the outcome, the omfattning and the reasons.
//!
//! Every `lagen_hindrar` rule comes first, then the deciding rules in written order (first
//! hit), then the insats's `annars`; `upplysning` rules add their reason whenever they hold.
//! This module holds no condition logic (`condition`), no skyddsåtgärder (`skyddsatgard`) and
//! no frister (`case_frister`).

use core::ops::Range;

use crate::case::{Builtin, Facts};
use crate::condition::rule_condition;
use crate::date::Date;
use crate::decode::{InsatsIdx, RuleIdx, Table};
use crate::error::EvaluateError;
use crate::evaluation::{InsatsEvaluation, MessageId, Reason, Role};
use crate::flat::Truth;
use crate::num::power_of_ten;
use crate::omfattning::{Computation, compute_rounded};
use crate::table::{OP_SIZE, Op, Outcome, Rule, RuleKind};

/// Evaluates one insats of `table` against prepared facts.
///
/// This is the step the riktlinje's own rule tests and the compiler's checks run; `evaluate`
/// runs it once per application.
///
/// # Errors
/// As [`evaluate`](crate::evaluate()).
pub fn evaluate_insats(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
) -> Result<InsatsEvaluation, EvaluateError> {
    let mut result = InsatsEvaluation::of(Some(insats_idx));
    evaluate_insats_into(table, insats_idx, facts, as_of, &mut result)?;
    Ok(result)
}

/// The outcome [`evaluate_insats`] gives, without the reasons: the rules, the schablon and the
/// bars of the law are tried as there, but not the further reasons of a full motivering, which
/// never change the outcome.
///
/// For a search that tries many values of a fact and asks only whether the ansökan meets the
/// riktlinje (the omprövning's estimate of the omfattning a new version would grant).
///
/// # Errors
/// As [`evaluate_insats`].
pub fn outcome_of(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
) -> Result<Outcome, EvaluateError> {
    let mut result = InsatsEvaluation::of(Some(insats_idx));
    outcome_into(table, insats_idx, facts, as_of, &mut result)?;
    Ok(result.outcome)
}

/// [`evaluate_insats`] into `result`, which holds no reasons yet: `evaluate` fills each
/// prövning where it lies in the evaluation instead of moving it there.
pub(crate) fn evaluate_insats_into(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<(), EvaluateError> {
    let decided = outcome_into(table, insats_idx, facts, as_of, result)?;
    // A full motivering, paid for only when the ansökan does not meet the riktlinje.
    if result.outcome != Outcome::Uppfyller && !decided.barred && decided.leaves_more() {
        further_reasons(table, insats_idx, &decided, facts, as_of, result);
    }
    Ok(())
}

/// How [`outcome_into`] decided: whether the law bars the insats, and the rule that decided,
/// if one did, with whether the rules below it are in its shadow.
pub(crate) struct Decided {
    barred: bool,
    /// Whether a `lagen_hindrar` rule was left undecided for a missing fact.
    unknown_bar: bool,
    /// Whether the deciding rule was left undecided for a missing fact.
    unknown_deciding: bool,
    deciding: Option<(RuleIdx, bool)>,
}

impl Decided {
    /// Whether a full motivering has more to name: a rule left undecided, or rules below a
    /// deciding norm that are not in its shadow.
    fn leaves_more(&self) -> bool {
        self.unknown_bar
            || self.unknown_deciding
            || self.deciding.is_some_and(|(_, shadows)| !shadows)
    }
}

/// The outcome of a prövning, its omfattning and every reason it rests on, into `result`,
/// which holds no reasons yet; without the further reasons of a full motivering, which a
/// search for what would change the outcome does not need.
pub(crate) fn outcome_into(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<Decided, EvaluateError> {
    let (first_rule, rules) = table.rule_range(insats_idx);
    let spans = table.rule_spans(insats_idx);

    // The rules the case's facts rule out together are false, and are not tried one by one.
    let ruled_out = spans.ruled_out(facts);

    let mut barred = false;
    let mut undecided_bar: Option<Reason> = None;
    let mut unknown_bar = false;
    let mut unknown_deciding = false;
    for (rule_idx, rule) in tried(first_rule, rules, 0..spans.bars(), ruled_out.clone()) {
        if rule.utfall != RuleKind::LagenHindrar {
            continue;
        }
        match rule_condition(table, rule_idx, rule, facts, as_of) {
            Truth::True => {
                // The first bar decides; every further one is named beside it.
                let role = if barred {
                    Role::EjUppfylldNorm
                } else {
                    Role::Avgorande
                };
                barred = true;
                push(
                    result,
                    MessageId::RegelUppfylld,
                    role,
                    rule_number(rule_idx),
                    None,
                )?;
            }
            Truth::Unknown(fact) if undecided_bar.is_none() => {
                unknown_bar = true;
                undecided_bar = Some(Reason {
                    message: MessageId::LagenHindrarKanInteUteslutas,
                    role: Role::Avgorande,
                    rule_idx: rule_number(rule_idx),
                    fact,
                });
            }
            Truth::Overflow if undecided_bar.is_none() => {
                undecided_bar = Some(Reason {
                    message: MessageId::BerakningForStor,
                    role: Role::Avgorande,
                    rule_idx: rule_number(rule_idx),
                    fact: None,
                });
            }
            Truth::Unknown(_) => unknown_bar = true,
            Truth::Overflow | Truth::False => {}
        }
    }

    // The rule that decided, when one did, and whether the rules below it are shadowed by it.
    let mut deciding: Option<(RuleIdx, bool)> = None;
    if barred {
        result.outcome = Outcome::LagenHindrar;
    } else {
        let mut decided = false;
        for (rule_idx, rule) in tried(first_rule, rules, 0..rules.len(), ruled_out.clone()) {
            let outcome = match rule.utfall {
                RuleKind::Uppfyller => Outcome::Uppfyller,
                RuleKind::UppfyllerInte => Outcome::UppfyllerInte,
                RuleKind::IndividuellBedomning => Outcome::KraverIndividuellBedomning,
                RuleKind::LagenHindrar | RuleKind::Upplysning => continue,
            };
            match rule_condition(table, rule_idx, rule, facts, as_of) {
                Truth::True => {
                    deciding = Some((rule_idx, outcome != Outcome::UppfyllerInte));
                    result.outcome = outcome;
                    result.omfattning = rule.omfattning;
                    push(
                        result,
                        MessageId::RegelUppfylld,
                        Role::Avgorande,
                        rule_number(rule_idx),
                        None,
                    )?;
                    decided = true;
                    break;
                }
                Truth::Unknown(fact) => {
                    deciding = Some((rule_idx, false));
                    unknown_deciding = true;
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(
                        result,
                        MessageId::UppgiftSaknas,
                        Role::Avgorande,
                        rule_number(rule_idx),
                        fact,
                    )?;
                    decided = true;
                    break;
                }
                Truth::Overflow => {
                    deciding = Some((rule_idx, false));
                    result.outcome = Outcome::KraverIndividuellBedomning;
                    push(
                        result,
                        MessageId::BerakningForStor,
                        Role::Avgorande,
                        rule_number(rule_idx),
                        None,
                    )?;
                    decided = true;
                    break;
                }
                Truth::False => {}
            }
        }
        if !decided {
            result.outcome = table
                .insats(insats_idx)
                .map_or(Outcome::KraverIndividuellBedomning, |insats| insats.annars);
            push(
                result,
                MessageId::IngenRegelPassar,
                Role::Avgorande,
                None,
                None,
            )?;
        }
        computed_omfattning(table, insats_idx, facts, as_of, result)?;
        if let Some(reason) = undecided_bar {
            overridden(table, result);
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            result
                .reasons
                .push(reason)
                .map_err(|_| EvaluateError::TooManyReasons)?;
        }
    }

    for (rule_idx, rule) in tried(first_rule, rules, spans.upplysning_range(), ruled_out) {
        if rule.utfall == RuleKind::Upplysning
            && rule_condition(table, rule_idx, rule, facts, as_of) == Truth::True
        {
            push(
                result,
                MessageId::RegelUppfylld,
                Role::Upplysning,
                rule_number(rule_idx),
                None,
            )?;
        }
    }

    Ok(Decided {
        barred,
        unknown_bar,
        unknown_deciding,
        deciding,
    })
}

/// The rules at `positions` among an insats's `rules`, the first of which has the index
/// `first_rule`, in order, without those at `ruled_out` (see
/// [`RuleSpans::ruled_out`](crate::decode::RuleSpans::ruled_out)), which are false.
#[inline(always)]
fn tried<'r, 'a>(
    first_rule: u16,
    rules: &'r [Rule<'a>],
    positions: Range<usize>,
    ruled_out: Range<usize>,
) -> impl Iterator<Item = (RuleIdx, &'r Rule<'a>)> {
    let mut position = positions.start;
    core::iter::from_fn(move || {
        // The run ruled out together is passed over in one step.
        if ruled_out.contains(&position) {
            position = ruled_out.end;
        }
        if position >= positions.end {
            return None;
        }
        let rule = rules.get(position)?;
        let at = position;
        position = position.saturating_add(1);
        Some((RuleIdx::at(first_rule, at), rule))
    })
}

/// Adds, after every reason the outcome rests on, what a motivering also needs: every further
/// fact whose absence leaves a `lagen_hindrar` rule or a deciding rule undecided, and every
/// further norm the ansökan does not meet.
///
/// The rules below the deciding one are tried in written order, up to the first rule that
/// would let the ansökan meet the riktlinje (or send it to individuell bedömning) and holds:
/// the rules below that one are shadowed by it, as an exception shadows the rule it is written
/// above. A further norm is a rule with `utfall: uppfyller_inte` whose condition holds, and, when
/// the tries reach an `uppfyller` rule that holds, a sökt omfattning above the schablon. A
/// missing fact is one that an undecided rule reads and the case does not give, named once.
/// Nothing here changes the outcome; reasons that do not fit are counted in
/// [`InsatsEvaluation::omitted`].
fn further_reasons(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    decided: &Decided,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) {
    let rules = table.rule_indices_of(insats_idx);
    // Only what was left undecided is tried again.
    let bars = rules
        .clone()
        .take(table.rule_spans(insats_idx).bars())
        .filter(|(_, rule)| decided.unknown_bar && rule.utfall == RuleKind::LagenHindrar);
    for (rule_idx, rule) in bars {
        if let Truth::Unknown(_) = rule_condition(table, rule_idx, rule, facts, as_of) {
            missing_facts(table, rule_idx, rule, facts, result);
        }
    }
    let Some((deciding_idx, shadows)) = decided.deciding else {
        return;
    };
    if decided.unknown_deciding
        && let Some(rule) = table.rules().get(deciding_idx.index())
    {
        missing_facts(table, deciding_idx, rule, facts, result);
    }
    if shadows {
        return;
    }
    let below = rules
        .skip_while(|(rule_idx, _)| *rule_idx != deciding_idx)
        .skip(1);
    for (rule_idx, rule) in below {
        let kind = rule.utfall;
        if matches!(kind, RuleKind::LagenHindrar | RuleKind::Upplysning) {
            continue;
        }
        match rule_condition(table, rule_idx, rule, facts, as_of) {
            Truth::True if kind == RuleKind::UppfyllerInte => further(
                result,
                Reason {
                    message: MessageId::RegelUppfylld,
                    role: Role::EjUppfylldNorm,
                    rule_idx: rule_number(rule_idx),
                    fact: None,
                },
            ),
            Truth::True => {
                if kind == RuleKind::Uppfyller && over_schablon(table, facts, result) {
                    further(
                        result,
                        Reason {
                            message: MessageId::OmfattningOverSchablon,
                            role: Role::EjUppfylldNorm,
                            rule_idx: None,
                            fact: None,
                        },
                    );
                }
                return;
            }
            Truth::Unknown(_) => missing_facts(table, rule_idx, rule, facts, result),
            Truth::False | Truth::Overflow => {}
        }
    }
}

/// Whether the sökt omfattning is above the omfattning the schablon computes for the case.
fn over_schablon(table: &Table<'_>, facts: &Facts, result: &InsatsEvaluation) -> bool {
    let sokt = table
        .builtin_slot(Builtin::SoktOmfattning)
        .and_then(|slot| facts.get(slot));
    matches!((sokt, result.beraknad), (Some(sokt), Some(beraknad)) if sokt > beraknad)
}

/// Names, as missing, every fact the rule's condition reads that the case does not give, each
/// once in the prövning.
fn missing_facts(
    table: &Table<'_>,
    rule_idx: RuleIdx,
    rule: &crate::table::Rule<'_>,
    facts: &Facts,
    result: &mut InsatsEvaluation,
) {
    let Some(code) = crate::table::code_at(table.code(), rule.code_start, rule.code_len) else {
        return;
    };
    let (instructions, _) = code.as_chunks::<OP_SIZE>();
    for &[opcode, a, b, c, d] in instructions {
        if opcode != Op::Fact as u8 {
            continue;
        }
        let Ok(slot) = u16::try_from(i32::from_le_bytes([a, b, c, d])) else {
            continue;
        };
        if facts.get(usize::from(slot)).is_some() {
            continue;
        }
        let named = result.reasons.iter().any(|reason| {
            reason.fact == Some(slot)
                && matches!(
                    reason.message,
                    MessageId::UppgiftSaknas
                        | MessageId::LagenHindrarKanInteUteslutas
                        | MessageId::SchablonUppgiftSaknas
                )
        });
        if !named {
            further(
                result,
                Reason {
                    message: MessageId::UppgiftSaknas,
                    role: Role::SaknadUppgift,
                    rule_idx: rule_number(rule_idx),
                    fact: Some(slot),
                },
            );
        }
    }
}

/// Adds a further reason, or counts it when there is no room.
fn further(result: &mut InsatsEvaluation, reason: Reason) {
    match result.reasons.push(reason) {
        Ok(()) => result.n_further = result.n_further.saturating_add(1),
        Err(_) => result.omitted = result.omitted.saturating_add(1),
    }
}

/// Gives the deciding reason of `result` the role it keeps once something later decides
/// instead (the schablon, or a bar of the law that cannot be ruled out): a norm the ansökan
/// does not meet stays one, a missing fact stays one, and a rule that would have let the
/// ansökan meet the riktlinje, or the insats's `annars`, only informs.
fn overridden(table: &Table<'_>, result: &mut InsatsEvaluation) {
    for reason in &mut result.reasons {
        if reason.role != Role::Avgorande {
            continue;
        }
        let kind = reason
            .rule_idx
            .and_then(|rule_idx| table.rules().get(usize::from(rule_idx)))
            .map(|rule| rule.utfall);
        reason.role = match (reason.message, kind) {
            (MessageId::UppgiftSaknas | MessageId::SchablonUppgiftSaknas, _) => Role::SaknadUppgift,
            (MessageId::RegelUppfylld, Some(RuleKind::UppfyllerInte | RuleKind::LagenHindrar))
            | (MessageId::OmfattningOverSchablon, _) => Role::EjUppfylldNorm,
            _ => Role::Upplysning,
        };
    }
}

/// Computes the omfattning of an insats with schablon components and weighs the sökt
/// omfattning against it, once the rules have decided.
///
/// The computed figure is asked for here, and only here, rounded to the insats's decimals (half
/// away from zero, [`crate::num::Num::round_to`]; the quotient is rounded without first being
/// reduced, [`crate::num::Num::rounded_quotient`]); the sökt omfattning is compared with that
/// rounded figure. An outcome of uppfyller becomes uppfyller inte when more is sökt than the schablon
/// gives, and kräver individuell bedömning when the schablon cannot be computed; without a
/// sökt omfattning, the computed figure is the omfattning the riktlinje gives.
fn computed_omfattning(
    table: &Table<'_>,
    insats_idx: InsatsIdx,
    facts: &Facts,
    as_of: Date,
    result: &mut InsatsEvaluation,
) -> Result<(), EvaluateError> {
    let decimals = table
        .insats(insats_idx)
        .map_or(0, |insats| insats.decimals.min(3));
    let Some(computation) = compute_rounded(table, insats_idx, facts, as_of, decimals) else {
        return Ok(());
    };
    // In thousandths of the unit, as a case gives sökt omfattning.
    let computation = computation
        .and_then_known(|rounded| rounded.checked_mul(power_of_ten(3u8.saturating_sub(decimals))?));
    result.beraknad = match computation {
        Computation::Known(beraknad) => Some(beraknad),
        Computation::Unknown(_) | Computation::Overflow => None,
    };
    if result.outcome != Outcome::Uppfyller {
        return Ok(());
    }
    match computation {
        Computation::Known(beraknad) => {
            let sokt = table
                .builtin_slot(Builtin::SoktOmfattning)
                .and_then(|slot| facts.get(slot));
            match sokt {
                Some(sokt) if sokt > beraknad => {
                    overridden(table, result);
                    result.outcome = Outcome::UppfyllerInte;
                    result.omfattning = Some(beraknad);
                    push(
                        result,
                        MessageId::OmfattningOverSchablon,
                        Role::Avgorande,
                        None,
                        None,
                    )?;
                }
                _ => {
                    result.omfattning = result.omfattning.or(Some(beraknad));
                }
            }
        }
        Computation::Unknown(fact) => {
            overridden(table, result);
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            push(
                result,
                MessageId::SchablonUppgiftSaknas,
                Role::Avgorande,
                None,
                fact,
            )?;
        }
        Computation::Overflow => {
            overridden(table, result);
            result.outcome = Outcome::KraverIndividuellBedomning;
            result.omfattning = None;
            push(
                result,
                MessageId::BerakningForStor,
                Role::Avgorande,
                None,
                None,
            )?;
        }
    }
    Ok(())
}

pub(crate) fn push(
    result: &mut InsatsEvaluation,
    message: MessageId,
    role: Role,
    rule_idx: Option<u16>,
    fact: Option<u16>,
) -> Result<(), EvaluateError> {
    result
        .reasons
        .push(Reason {
            message,
            role,
            rule_idx,
            fact,
        })
        .map_err(|_| EvaluateError::TooManyReasons)
}

/// A rule's index as a reason holds it.
#[inline]
fn rule_number(rule_idx: RuleIdx) -> Option<u16> {
    u16::try_from(rule_idx.index()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flat::Values;
    use crate::limits::MAX_PROVNING_REASONS;
    use crate::table::{Enhet, Lag, Op};
    use crate::testing::{self, TableSpec, d, slot_of};
    use proptest::prelude::*;

    /// Condition code that holds whatever the case says.
    fn always() -> std::vec::Vec<u8> {
        Op::Push.encode(1).to_vec()
    }

    /// `first och second`, two yes/no facts.
    fn both(first: &str, second: &str) -> std::vec::Vec<u8> {
        let mut code = Op::Fact.encode(i32::from(slot_of(first))).to_vec();
        code.extend(Op::Fact.encode(i32::from(slot_of(second))));
        code.extend(Op::And.encode(0));
        code
    }

    fn table_of(rules: std::vec::Vec<(RuleKind, std::vec::Vec<u8>)>) -> std::vec::Vec<u8> {
        let mut spec = TableSpec::with_insatser(&[]);
        let drafts = rules
            .into_iter()
            .map(|(kind, code)| (kind, None, std::string::String::new(), code))
            .collect();
        spec.add_insats(
            0,
            "hemtjanst".into(),
            Lag::SoL,
            Enhet::Beslut,
            Outcome::Uppfyller,
            drafts,
        );
        spec.encode()
    }

    /// The prövning of `hemtjanst` in the table `bytes` for `facts`; `None` (after a failed
    /// assertion) when the table or the prövning cannot be made.
    fn hemtjanst(bytes: &[u8], facts: &Facts) -> Option<InsatsEvaluation> {
        let table = Table::decode(bytes);
        assert!(table.is_ok(), "{table:?}");
        let table = table.ok()?;
        let insats_idx = table.insats_index("hemtjanst");
        assert!(insats_idx.is_some());
        let result = evaluate_insats(&table, insats_idx?, facts, d("2026-02-01"));
        assert!(result.is_ok(), "{result:?}");
        result.ok()
    }

    fn roles(result: &InsatsEvaluation) -> std::vec::Vec<(Role, Option<u16>, Option<u16>)> {
        result
            .reasons
            .iter()
            .map(|reason| (reason.role, reason.rule_idx, reason.fact))
            .collect()
    }

    /// `p_tal <op> number`, perhaps negated: the shape of the law's age tests.
    fn age_test(op: Op, number: i32, negated: bool) -> std::vec::Vec<u8> {
        let mut code = testing::compared(i32::from(slot_of("p_tal")), op, number);
        if negated {
            code.extend(Op::Not.encode(0));
        }
        code
    }

    /// `code och <flag>`.
    fn and_flag(mut code: std::vec::Vec<u8>, flag: &str) -> std::vec::Vec<u8> {
        code.extend(Op::Fact.encode(i32::from(slot_of(flag))));
        code.extend(Op::And.encode(0));
        code
    }

    /// The table `bytes` holds, as decoded and without its runs of rules ruled out together
    /// (what trying every rule gives), with the index of its insats; `None` after a failed
    /// assertion when it does not decode.
    fn guarded_and_plain(bytes: &[u8]) -> Option<(Table<'_>, Table<'_>, InsatsIdx)> {
        let table = Table::decode(bytes);
        assert!(table.is_ok(), "{table:?}");
        let (Ok(table), Ok(plain)) = (table, Table::decode(bytes).map(Table::without_guards))
        else {
            return None;
        };
        let insats_idx = table.insats_index("hemtjanst");
        assert!(insats_idx.is_some());
        Some((table, plain, insats_idx?))
    }

    /// Mostly a comparison of `p_tal`, alone or beside a yes/no fact, so that rules in a row
    /// often share it; sometimes a yes/no fact that must be yes or no, or two that must both be
    /// yes, so that runs of a yes/no fact, and rules with two facts that each begin a run, come
    /// up too; sometimes a rule without a fact, which ends a run.
    fn rule_code() -> impl Strategy<Value = std::vec::Vec<u8>> {
        let flags = ["p_flagga_a", "p_flagga_b", "p_flagga_c"];
        prop_oneof![
            4 => (
                testing::comparison(),
                -3i32..6,
                any::<bool>(),
                proptest::option::of(proptest::sample::select(flags.to_vec())),
            )
                .prop_map(|(op, number, negated, flag)| {
                    let code = age_test(op, number, negated);
                    match flag {
                        Some(flag) => and_flag(code, flag),
                        None => code,
                    }
                }),
            1 => (proptest::sample::select(flags.to_vec()), any::<bool>())
                .prop_map(|(flag, negated)| {
                    let mut code = Op::Fact.encode(i32::from(slot_of(flag))).to_vec();
                    if negated {
                        code.extend(Op::Not.encode(0));
                    }
                    code
                }),
            1 => (proptest::sample::select(flags.to_vec()), proptest::sample::select(flags.to_vec()))
                .prop_map(|(first, second)| both(first, second)),
            1 => Just(always()),
        ]
    }

    proptest! {
        /// The rules' flat forms share one list of tests. When a riktlinje's rules have more
        /// tests than it holds, the rules whose tests do not fit run on the stack machine, and
        /// every rule still answers as the stack machine does.
        #[test]
        fn rules_whose_tests_do_not_fit_run_on_the_stack_machine(
            first in (testing::comparison(), -3i32..6),
            more in proptest::collection::vec((testing::comparison(), -3i32..6), 4),
            tal in proptest::option::of(-5i64..8),
            flag in proptest::option::of(0i64..2),
        ) {
            use crate::limits::MAX_FLAT_TESTS;
            // Six tests a rule: five comparisons of `p_tal` and a yes/no fact.
            let code = more.iter().fold(
                testing::compared(i32::from(slot_of("p_tal")), first.0, first.1),
                |mut code, (op, number)| {
                    code.extend(testing::compared(i32::from(slot_of("p_tal")), *op, *number));
                    code.extend(Op::And.encode(0));
                    code
                },
            );
            let code = and_flag(code, "p_flagga_a");
            let fitting = MAX_FLAT_TESTS / 6;
            let rules = (0..fitting + 8)
                .map(|_| (RuleKind::UppfyllerInte, code.clone()))
                .collect();
            let bytes = table_of(rules);
            let table = Table::decode(&bytes);
            prop_assert!(table.is_ok(), "{:?}", table);
            let Ok(table) = table else { return Ok(()) };
            prop_assert_eq!(table.flat_counts(), (fitting, fitting * 6));
            let mut facts = Facts::new();
            facts.set_opt(usize::from(slot_of("p_tal")), tal);
            facts.set_opt(usize::from(slot_of("p_flagga_a")), flag);
            let day = d("2026-02-01");
            for (position, rule) in table.rules().iter().enumerate() {
                let rule_idx = RuleIdx::at(0, position);
                prop_assert_eq!(table.flat(rule_idx).is_some(), position < fitting);
                prop_assert_eq!(
                    crate::condition::rule_truth(&table, rule_idx, &facts, day),
                    crate::condition::condition(&table, rule, &facts, day)
                );
            }
        }

        /// A prövning gives the same, reasons and all, whether the rules one value of a fact
        /// rules out together are passed over or tried one by one; and each of them is false.
        #[test]
        fn a_run_of_rules_ruled_out_together_gives_what_trying_each_gives(
            rules in proptest::collection::vec((testing::rule_kind(), rule_code()), 1..12),
            tal in proptest::option::of(-5i64..8),
            flags in proptest::collection::vec(proptest::option::of(0i64..2), 3),
        ) {
            let bytes = table_of(rules);
            let table = Table::decode(&bytes);
            prop_assert!(table.is_ok(), "{:?}", table);
            let Ok(table) = table else { return Ok(()) };
            let Ok(plain) = Table::decode(&bytes).map(Table::without_guards) else {
                return Ok(());
            };
            let mut facts = Facts::new();
            facts.set_opt(usize::from(slot_of("p_tal")), tal);
            for (flag, value) in ["p_flagga_a", "p_flagga_b", "p_flagga_c"].iter().zip(flags) {
                facts.set_opt(usize::from(slot_of(flag)), value);
            }
            let day = d("2026-02-01");
            let insats_idx = table.insats_index("hemtjanst");
            prop_assert!(insats_idx.is_some());
            let Some(insats_idx) = insats_idx else { return Ok(()) };
            prop_assert_eq!(
                evaluate_insats(&table, insats_idx, &facts, day),
                evaluate_insats(&plain, insats_idx, &facts, day)
            );
            prop_assert_eq!(
                outcome_of(&table, insats_idx, &facts, day),
                outcome_of(&plain, insats_idx, &facts, day)
            );
            let ruled_out = table.rule_spans(insats_idx).ruled_out(&facts);
            for (position, (rule_idx, _)) in table.rule_indices_of(insats_idx).enumerate() {
                if ruled_out.contains(&position) {
                    prop_assert_eq!(
                        crate::condition::rule_truth(&table, rule_idx, &facts, day),
                        Truth::False
                    );
                }
            }
        }
    }

    /// The law's rules on consent, in the shape the national baseline writes them, are one run
    /// that an ålder of 18 or more rules out; the prövning of a person of 84 passes over them
    /// and gives what trying each gives.
    #[test]
    fn the_rules_on_consent_are_one_run_an_adult_s_age_rules_out() {
        let bytes = table_of(vec![
            (
                RuleKind::LagenHindrar,
                and_flag(age_test(Op::Lt, 12, false), "p_flagga_a"),
            ),
            (
                RuleKind::LagenHindrar,
                and_flag(
                    [
                        age_test(Op::Ge, 12, false),
                        age_test(Op::Lt, 18, false),
                        Op::And.encode(0).to_vec(),
                    ]
                    .concat(),
                    "p_flagga_b",
                ),
            ),
            (
                RuleKind::IndividuellBedomning,
                and_flag(age_test(Op::Lt, 18, false), "p_flagga_c"),
            ),
            (
                RuleKind::LagenHindrar,
                and_flag(age_test(Op::Lt, 15, false), "p_flagga_b"),
            ),
            (RuleKind::UppfyllerInte, both("p_flagga_a", "p_flagga_b")),
            (RuleKind::Uppfyller, always()),
        ]);
        let Some((table, plain, insats_idx)) = guarded_and_plain(&bytes) else {
            return;
        };
        // `ålder >= 12` and `ålder < 18` together, in the second rule: 12 to 17.
        assert_eq!(
            table.guards(insats_idx),
            [(0..4, slot_of("p_tal"), Values::between(i64::MIN, 17))]
        );
        let day = d("2026-02-01");
        for age in [11, 12, 17, 18, 84] {
            let mut facts = Facts::new();
            facts.set(usize::from(slot_of("p_tal")), age);
            for flag in ["p_flagga_a", "p_flagga_b", "p_flagga_c"] {
                facts.set(usize::from(slot_of(flag)), 1);
            }
            let ruled_out = table.rule_spans(insats_idx).ruled_out(&facts);
            assert_eq!(ruled_out.is_empty(), age < 18, "ålder {age}");
            let result = evaluate_insats(&table, insats_idx, &facts, day);
            assert_eq!(result, evaluate_insats(&plain, insats_idx, &facts, day));
            let expected = if age < 18 {
                Outcome::LagenHindrar
            } else {
                Outcome::UppfyllerInte
            };
            assert_eq!(
                result.map(|result| result.outcome),
                Ok(expected),
                "ålder {age}"
            );
        }
    }

    /// Rules that each need a yes/no fact to be yes (servicetjänster utan behovsprövning) are a
    /// run a no rules out, kept beside the law's rules on consent: an adult who asks with
    /// behovsprövning passes over both, as one run where they meet, and gets what trying each
    /// gives.
    #[test]
    fn rules_that_need_a_yes_are_a_run_kept_beside_the_rules_on_consent() {
        let bytes = table_of(vec![
            (
                RuleKind::LagenHindrar,
                and_flag(age_test(Op::Lt, 12, false), "p_flagga_a"),
            ),
            (
                RuleKind::LagenHindrar,
                and_flag(age_test(Op::Lt, 18, false), "p_flagga_b"),
            ),
            (
                RuleKind::Uppfyller,
                and_flag(
                    and_flag(age_test(Op::Ge, 75, false), "p_flagga_c"),
                    "p_flagga_b",
                ),
            ),
            (
                RuleKind::UppfyllerInte,
                Op::Fact.encode(i32::from(slot_of("p_flagga_c"))).to_vec(),
            ),
            (RuleKind::UppfyllerInte, both("p_flagga_a", "p_flagga_b")),
            (RuleKind::Uppfyller, always()),
        ]);
        let Some((table, plain, insats_idx)) = guarded_and_plain(&bytes) else {
            return;
        };
        let every_value_but_zero = Values {
            low: i64::MIN,
            high: i64::MAX,
            zero: false,
        };
        assert_eq!(
            table.guards(insats_idx),
            [
                (0..2, slot_of("p_tal"), Values::between(i64::MIN, 17)),
                (2..4, slot_of("p_flagga_c"), every_value_but_zero)
            ]
        );
        let day = d("2026-02-01");
        for (age, utan_behovsprovning, ruled_out) in
            [(84, 0, 0..4), (84, 1, 0..2), (16, 0, 2..4), (16, 1, 0..0)]
        {
            let mut facts = Facts::new();
            facts.set(usize::from(slot_of("p_tal")), age);
            facts.set(usize::from(slot_of("p_flagga_a")), 0);
            facts.set(usize::from(slot_of("p_flagga_b")), 1);
            facts.set(usize::from(slot_of("p_flagga_c")), utan_behovsprovning);
            assert_eq!(
                table.rule_spans(insats_idx).ruled_out(&facts),
                ruled_out,
                "ålder {age}, utan behovsprövning {utan_behovsprovning}"
            );
            assert_eq!(
                evaluate_insats(&table, insats_idx, &facts, day),
                evaluate_insats(&plain, insats_idx, &facts, day)
            );
        }
    }

    /// A run is found fact by fact from its first rule: a second fact of the first rule whose
    /// run reaches further than the first fact's is checked in every rule of it, not only in
    /// those past the first fact's run (the rule in between, `p_tal < 3`, does not test the
    /// flag, and holds).
    #[test]
    fn a_run_of_a_second_fact_is_checked_in_every_rule_it_spans() {
        let not_flag = |code: std::vec::Vec<u8>| {
            let mut code = and_flag(code, "p_flagga_a");
            let at = code.len().saturating_sub(OP_SIZE);
            code.splice(at..at, Op::Not.encode(0));
            code
        };
        let bytes = table_of(vec![
            (
                RuleKind::UppfyllerInte,
                not_flag(age_test(Op::Lt, 5, false)),
            ),
            (RuleKind::IndividuellBedomning, age_test(Op::Lt, 3, false)),
            (
                RuleKind::UppfyllerInte,
                not_flag(age_test(Op::Gt, 100, false)),
            ),
            (RuleKind::UppfyllerInte, not_flag(always())),
            (RuleKind::Uppfyller, always()),
        ]);
        let Some((table, plain, insats_idx)) = guarded_and_plain(&bytes) else {
            return;
        };
        let mut facts = Facts::new();
        facts.set(usize::from(slot_of("p_tal")), 1);
        facts.set(usize::from(slot_of("p_flagga_a")), 1);
        let day = d("2026-02-01");
        let result = evaluate_insats(&table, insats_idx, &facts, day);
        assert_eq!(result, evaluate_insats(&plain, insats_idx, &facts, day));
        assert_eq!(
            result.map(|result| result.outcome),
            Ok(Outcome::KraverIndividuellBedomning)
        );
    }

    /// Every norm that holds is named, the first as the one that decides; a norm below a rule
    /// that lets the ansökan meet the riktlinje is shadowed by it and not named.
    #[test]
    fn every_unmet_norm_is_named_up_to_the_rule_that_shadows_the_rest() {
        let bytes = table_of(vec![
            (RuleKind::UppfyllerInte, always()),
            (RuleKind::UppfyllerInte, both("p_flagga_a", "p_flagga_b")),
            (RuleKind::UppfyllerInte, always()),
            (RuleKind::Uppfyller, always()),
            (RuleKind::UppfyllerInte, always()),
        ]);
        let mut facts = Facts::new();
        facts.set(usize::from(slot_of("p_flagga_a")), 1);
        facts.set(usize::from(slot_of("p_flagga_b")), 0);
        let Some(result) = hemtjanst(&bytes, &facts) else {
            return;
        };
        assert_eq!(result.outcome, Outcome::UppfyllerInte);
        assert_eq!(
            roles(&result),
            [
                (Role::Avgorande, Some(0), None),
                (Role::EjUppfylldNorm, Some(2), None),
            ]
        );
    }

    /// Every missing fact that leaves a rule undecided is named once, not only the first.
    #[test]
    fn every_missing_fact_is_named_once() {
        let bytes = table_of(vec![
            (RuleKind::UppfyllerInte, both("p_flagga_a", "p_flagga_b")),
            (RuleKind::UppfyllerInte, both("p_flagga_b", "p_flagga_c")),
            (RuleKind::Uppfyller, always()),
        ]);
        let Some(result) = hemtjanst(&bytes, &Facts::new()) else {
            return;
        };
        assert_eq!(result.outcome, Outcome::KraverIndividuellBedomning);
        let (a, b, c) = (
            Some(slot_of("p_flagga_a")),
            Some(slot_of("p_flagga_b")),
            Some(slot_of("p_flagga_c")),
        );
        assert_eq!(
            roles(&result),
            [
                (Role::Avgorande, Some(0), a),
                (Role::SaknadUppgift, Some(0), b),
                (Role::SaknadUppgift, Some(1), c),
            ]
        );
    }

    /// More further reasons than an evaluation has room for: those that fit are named, the rest
    /// counted, and nothing the outcome rests on is crowded out.
    #[test]
    fn further_reasons_beyond_the_room_are_counted() {
        let n_rules = MAX_PROVNING_REASONS + 6;
        let bytes = table_of(
            (0..n_rules)
                .map(|_| (RuleKind::UppfyllerInte, always()))
                .collect(),
        );
        let Some(result) = hemtjanst(&bytes, &Facts::new()) else {
            return;
        };
        assert_eq!(result.outcome, Outcome::UppfyllerInte);
        assert_eq!(result.reasons.len(), MAX_PROVNING_REASONS);
        assert_eq!(
            result.reasons.first().map(|r| r.role),
            Some(Role::Avgorande)
        );
        assert_eq!(usize::from(result.omitted), n_rules - MAX_PROVNING_REASONS);
        assert_eq!(
            usize::from(result.n_further),
            MAX_PROVNING_REASONS.saturating_sub(1)
        );
    }
}
