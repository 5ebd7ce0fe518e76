//! The static check for rules that can never decide.
//!
//! A deciding rule is *shadowed* when, in every case where its condition holds, a rule tried
//! before it (any `lagen_hindrar` rule, or a deciding rule written above it) already holds.
//! A rule whose condition holds in no case at all can never fire either.
//! The check enumerates the facts the rules read over representative values (each constant
//! they are compared with, one below and one above it, every value of an enumeration) and asks
//! the core's own `condition` for the answer, so no rule is re-implemented here.
//! When the enumeration would be larger than [`MAX_ASSIGNMENTS`] the rule is not checked: the
//! check never reports a rule it has not proven unreachable.
//! Rules about skyddsåtgärder are checked for conditions that can never hold; most of them list
//! a reason whenever they hold rather than decide in turn, so they cannot be shadowed.

use std::collections::{BTreeMap, BTreeSet};

use riktlinjer_core::table::OP_SIZE;
use riktlinjer_core::{
    Date, FactKind, Facts, Op, RuleIdx, RuleKind, Table, Truth, atgard_condition, rule_truth,
};

use crate::compile::catalogue::Catalogue;

use crate::compile::atgard::AtgardRuleSource;
use crate::compile::check::Condition;
use crate::compile::{ParamSource, RuleSource};
use crate::diagnostic::{Code, Diagnostic};
use crate::texts;

/// The most assignments enumerated for one rule.
pub const MAX_ASSIGNMENTS: usize = 200_000;

/// Adds a diagnostic for every rule of `table` that can never decide.
pub(crate) fn check(
    table: &Table<'_>,
    sources: &[RuleSource],
    params: &[ParamSource],
    catalogue: &Catalogue,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let by_id: BTreeMap<&str, &RuleSource> = sources
        .iter()
        .map(|rule| (rule.id.as_str(), rule))
        .collect();
    for (insats_idx, _) in table.insats_indices() {
        let rules = table.rules_of(insats_idx);
        let indices: Vec<RuleIdx> = table
            .rule_indices_of(insats_idx)
            .map(|(rule_idx, _)| rule_idx)
            .collect();
        let bars: Vec<usize> = rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.utfall == RuleKind::LagenHindrar)
            .map(|(index, _)| index)
            .collect();
        for ((index, rule), &rule_idx) in rules.iter().enumerate().zip(&indices) {
            let Some(source) = by_id.get(rule.id) else {
                continue;
            };
            let earlier: Vec<usize> = match rule.utfall {
                RuleKind::LagenHindrar | RuleKind::Upplysning => Vec::new(),
                _ => bars
                    .iter()
                    .copied()
                    .chain((0..index).filter(|&other| {
                        !matches!(
                            rules[other].utfall,
                            RuleKind::LagenHindrar | RuleKind::Upplysning
                        )
                    }))
                    .collect(),
            };
            let involved: Vec<&Condition> = std::iter::once(*source)
                .chain(
                    earlier
                        .iter()
                        .filter_map(|&other| by_id.get(rules[other].id).copied()),
                )
                .map(|rule| &rule.condition)
                .collect();
            let Some(assignments) = Assignments::new(&involved, params, table, catalogue) else {
                continue;
            };
            let mut holds_somewhere = false;
            let mut covering: BTreeSet<usize> = BTreeSet::new();
            let mut uncovered = false;
            assignments.for_each(|facts, as_of| {
                if rule_truth(table, rule_idx, facts, as_of) != Truth::True {
                    return true;
                }
                holds_somewhere = true;
                let cover = earlier
                    .iter()
                    .copied()
                    .find(|&other| rule_truth(table, indices[other], facts, as_of) == Truth::True);
                match cover {
                    Some(other) => {
                        covering.insert(other);
                        true
                    }
                    None => {
                        uncovered = true;
                        false
                    }
                }
            });
            if !holds_somewhere {
                diagnostics.push(Diagnostic::error(
                    Code::AldrigUppfylld,
                    source.id_span,
                    texts::villkoret_i_regel_kan(rule.id),
                ));
            } else if !uncovered
                && rule.utfall != RuleKind::LagenHindrar
                && rule.utfall != RuleKind::Upplysning
            {
                let names: Vec<String> = covering
                    .iter()
                    .map(|&other| format!("`{}`", rules[other].id))
                    .collect();
                diagnostics.push(
                    Diagnostic::error(
                        Code::SkuggadRegel,
                        source.id_span,
                        texts::regel_kan_aldrig_avgora(rule.id),
                    )
                    .with_note(texts::tacks_av(names.join(", ")))
                    .with_note(texts::ETT_UNDANTAG_SKA_STA),
                );
            }
        }
    }
}

/// Adds a diagnostic for every rule about skyddsåtgärder whose condition can never hold.
pub(crate) fn check_atgard_rules(
    table: &Table<'_>,
    sources: &[AtgardRuleSource],
    params: &[ParamSource],
    catalogue: &Catalogue,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let by_id: BTreeMap<&str, &AtgardRuleSource> = sources
        .iter()
        .map(|rule| (rule.id.as_str(), rule))
        .collect();
    for rule in table.atgard_rules().iter() {
        let Some(source) = by_id.get(rule.id) else {
            continue;
        };
        let Some(assignments) = Assignments::new(&[&source.condition], params, table, catalogue)
        else {
            continue;
        };
        let mut holds_somewhere = false;
        assignments.for_each(|facts, as_of| {
            holds_somewhere = atgard_condition(table, rule, facts, as_of) == Truth::True;
            !holds_somewhere
        });
        if !holds_somewhere {
            diagnostics.push(Diagnostic::error(
                Code::AldrigUppfylld,
                source.id_span,
                texts::villkoret_i_regel_kan(rule.id),
            ));
        }
    }
}

struct Assignments {
    facts: Vec<(u16, Vec<i64>)>,
    dates: Vec<Date>,
}

/// Whether `condition` computes (arithmetic, exact numbers): its representative values would
/// not be enough to prove anything, so the check leaves it alone.
fn computes(condition: &Condition) -> bool {
    condition.code.chunks(OP_SIZE).any(|op| {
        op.first().is_some_and(|opcode| {
            [
                Op::Num,
                Op::Add,
                Op::Sub,
                Op::Mul,
                Op::Div,
                Op::Neg,
                Op::Min,
                Op::Max,
                Op::Select,
            ]
            .iter()
            .any(|computing| *computing as u8 == *opcode)
        })
    })
}

impl Assignments {
    fn new(
        rules: &[&Condition],
        params: &[ParamSource],
        table: &Table<'_>,
        catalogue: &Catalogue,
    ) -> Option<Assignments> {
        if rules.iter().any(|rule| computes(rule)) {
            return None;
        }
        let kind = |slot: u16| {
            catalogue
                .fact(slot)
                .map(|fact| (fact.kind, fact.words.len()))
        };
        // The constants each fact is compared with, directly or through a parameter.
        let mut constants: BTreeMap<u16, BTreeSet<i64>> = BTreeMap::new();
        let mut links: Vec<(u16, u16)> = Vec::new();
        let mut used_params: BTreeSet<usize> = BTreeSet::new();
        for condition in rules {
            used_params.extend(condition.params.iter().copied());
            links.extend(condition.fact_links.iter().copied());
            for fact in &condition.facts {
                let set = constants.entry(*fact).or_default();
                set.extend(condition.constants.get(fact).into_iter().flatten().copied());
                for param_idx in condition.param_links.get(fact).into_iter().flatten() {
                    let values = params
                        .get(*param_idx)
                        .map(|p| p.values.as_slice())
                        .unwrap_or(&[]);
                    let scale = if kind(*fact).is_some_and(|(k, _)| k == FactKind::Decimal) {
                        1_000
                    } else {
                        1
                    };
                    set.extend(values.iter().map(|(_, value)| i64::from(*value) * scale));
                }
            }
        }
        // Facts compared with each other share their constants, so every ordering between
        // them and the constants is represented.
        for _ in 0..links.len() {
            for (a, b) in &links {
                let union: BTreeSet<i64> = constants
                    .get(a)
                    .into_iter()
                    .chain(constants.get(b))
                    .flatten()
                    .copied()
                    .collect();
                constants.insert(*a, union.clone());
                constants.insert(*b, union);
            }
        }
        let mut values: BTreeMap<u16, BTreeSet<i64>> = BTreeMap::new();
        for (fact, set) in constants {
            let represented = values.entry(fact).or_default();
            if kind(fact).is_some_and(|(k, _)| k == FactKind::Set) {
                represented.extend(set);
                continue;
            }
            represented.extend([0, 1, 2]);
            for value in set {
                represented.extend((-2..=2).map(|delta| value.saturating_add(delta)));
            }
        }
        let mut facts = Vec::new();
        let mut total: usize = 1;
        for (fact, set) in values {
            let (fact_kind, n_words) = kind(fact)?;
            let domain: Vec<i64> = match fact_kind {
                FactKind::Bool => vec![0, 1],
                FactKind::Choice => (0..i64::try_from(n_words).ok()?).collect(),
                FactKind::Set => {
                    let bits: Vec<i64> = set
                        .iter()
                        .copied()
                        .filter(|bit| *bit > 0 && bit.count_ones() == 1)
                        .collect();
                    let mut masks: BTreeSet<i64> = BTreeSet::new();
                    for subset in 0u32..(1u32 << bits.len().min(10)) {
                        let mask = bits
                            .iter()
                            .enumerate()
                            .filter(|(index, _)| subset & (1 << index) != 0)
                            .fold(0, |acc, (_, bit)| acc | bit);
                        masks.insert(mask);
                    }
                    masks.into_iter().collect()
                }
                FactKind::Int | FactKind::Decimal | FactKind::Date => set.into_iter().collect(),
            };
            total = total.checked_mul(domain.len())?;
            facts.push((fact, domain));
        }
        let mut dates: Vec<Date> = used_params
            .iter()
            .filter_map(|&param_idx| table.params().get(param_idx))
            .flat_map(|param| param.values.iter().map(|(from, _)| *from))
            .collect::<BTreeSet<Date>>()
            .into_iter()
            .collect();
        if dates.is_empty() {
            dates.push(table.meta().giltig_fran);
        }
        total = total.checked_mul(dates.len())?;
        (total <= MAX_ASSIGNMENTS).then_some(Assignments { facts, dates })
    }

    /// Calls `visit` for every assignment until it returns `false`.
    fn for_each(&self, mut visit: impl FnMut(&Facts, Date) -> bool) {
        let mut odometer = vec![0usize; self.facts.len()];
        // One buffer for every assignment: each sets the same slots, so clearing is enough.
        let mut facts = Facts::new();
        loop {
            facts.clear_all();
            for ((fact, domain), &position) in self.facts.iter().zip(&odometer) {
                facts.set(usize::from(*fact), domain[position]);
            }
            for date in &self.dates {
                if !visit(&facts, *date) {
                    return;
                }
            }
            let mut wheel = 0;
            loop {
                let Some(position) = odometer.get_mut(wheel) else {
                    return;
                };
                *position += 1;
                if *position < self.facts[wheel].1.len() {
                    break;
                }
                *position = 0;
                wheel += 1;
            }
        }
    }
}
