//! The riktlinje's own rule tests (`regeltest` blocks), run against the compiled table.
//!
//! Each case names an insats (or, with `åtgärd:`, a kind of skyddsåtgärd), a day, the facts and
//! the expected outcome (and optionally the rules that must be among the reasons and the
//! omfattning).
//! The facts are given directly, by the names the rules use, and the case is run through the
//! core's `evaluate_insats` (or `evaluate_atgard`): the same code that evaluates a real case after
//! its facts are derived.
//! A failing case becomes an `R013` diagnostic naming the case, the expected and the actual
//! outcome and the rules that decided.

use riktlinjer_core::{
    Date, FactId, FactType, Facts, Outcome, Table, evaluate_atgard, evaluate_insats,
};
use serde::Serialize;

use crate::compile::names;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{Field, Item};

/// How one rule test went.
#[derive(Clone, Debug, Serialize)]
pub struct RuleTestResult {
    /// The case's name (`fall`).
    pub fall: String,
    /// The 1-based line it starts on.
    pub rad: u32,
    /// Whether it passed.
    pub godkant: bool,
}

/// Runs every case in `items` against `table`, adding a diagnostic for each failure.
pub fn run(
    table: &Table<'_>,
    items: &[&Item],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RuleTestResult> {
    items
        .iter()
        .map(|item| {
            let before = diagnostics.len();
            run_one(table, item, diagnostics);
            RuleTestResult {
                fall: item
                    .field("fall")
                    .map(|field| field.value.clone())
                    .unwrap_or_default(),
                rad: item.line,
                godkant: diagnostics.len() == before,
            }
        })
        .collect()
}

fn run_one(table: &Table<'_>, item: &Item, diagnostics: &mut Vec<Diagnostic>) {
    if item.field("åtgärd").is_some() {
        run_atgard(table, item, diagnostics);
        return;
    }
    let allowed = [
        "fall",
        "insats",
        "datum",
        "fakta",
        "väntat",
        "skäl",
        "omfattning",
    ];
    for field in &item.fields {
        if !allowed.contains(&field.key.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::OkandNyckel,
                    field.key_span,
                    format!("ett regeltest har ingen nyckel `{}`", field.key),
                )
                .with_note(format!("nycklarna är {}", names::one_of(&allowed))),
            );
        }
    }
    let required = |key: &str, diagnostics: &mut Vec<Diagnostic>| {
        let field = item.field(key).filter(|field| !field.value.is_empty());
        if field.is_none() {
            diagnostics.push(Diagnostic::error(
                Code::NyckelSaknas,
                item.span,
                format!("regeltestet saknar `{key}`"),
            ));
        }
        field
    };
    let (Some(fall), Some(insats), Some(datum), Some(vantat)) = (
        required("fall", diagnostics),
        required("insats", diagnostics),
        required("datum", diagnostics),
        required("väntat", diagnostics),
    ) else {
        return;
    };
    let Some(insats_idx) = table.insats_index(&insats.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OkandInsats,
            insats.value_span(),
            format!("riktlinjen beskriver ingen insats `{}`", insats.value),
        ));
        return;
    };
    let Ok(as_of) = Date::parse(&datum.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            datum.value_span(),
            format!("`{}` är inget giltigt datum", datum.value),
        ));
        return;
    };
    let Some(expected) = names::lookup(&names::OUTCOMES, &vantat.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            vantat.value_span(),
            format!(
                "`{}` är inget utfall; skriv {}",
                vantat.value,
                names::alternatives(&names::OUTCOMES)
            ),
        ));
        return;
    };
    let facts = match item.field("fakta") {
        Some(field) => match read_facts(field) {
            Ok(facts) => facts,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                return;
            }
        },
        None => Facts::new(),
    };
    let expected_rules: Vec<&str> = item
        .field("skäl")
        .map(|field| {
            field
                .value
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for id in &expected_rules {
        if !table.rules.iter().any(|rule| rule.id == *id) {
            if let Some(field) = item.field("skäl") {
                diagnostics.push(Diagnostic::error(
                    Code::OkandInsats,
                    field.value_span(),
                    format!("riktlinjen har ingen regel `{id}`"),
                ));
            }
            return;
        }
    }
    let expected_omfattning = match item.field("omfattning") {
        Some(field) => match field.value.parse::<u32>() {
            Ok(value) => Some(value),
            Err(_) => {
                diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    field.value_span(),
                    "omfattningen ska vara ett heltal",
                ));
                return;
            }
        },
        None => None,
    };

    let result = match evaluate_insats(table, insats_idx, &facts, as_of) {
        Ok(result) => result,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                fall.value_span(),
                error.to_string(),
            ));
            return;
        }
    };
    let reason_rules: Vec<&str> = result
        .reasons
        .iter()
        .filter_map(|reason| reason.rule_idx)
        .filter_map(|rule_idx| table.rules.get(usize::from(rule_idx)))
        .map(|rule| rule.id)
        .collect();
    let describe_reasons = || {
        if reason_rules.is_empty() {
            "inga regler (insatsens `annars`)".to_owned()
        } else {
            reason_rules
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let missing_fact = result.reasons.iter().find_map(|reason| reason.fact);
    let mut failure = |message: String| {
        let mut diagnostic = Diagnostic::error(Code::RegeltestFel, fall.value_span(), message)
            .with_note(format!("skälen kom från {}", describe_reasons()));
        if let Some(fact) = missing_fact {
            diagnostic = diagnostic.with_note(format!(
                "uppgiften `{}` saknades i fallet",
                names::fact_name(fact)
            ));
        }
        diagnostics.push(diagnostic);
    };
    if result.outcome != expected {
        failure(format!(
            "regeltestet «{}» väntade `{}` men fick `{}`",
            fall.value,
            names::outcome_word(expected),
            names::outcome_word(result.outcome)
        ));
        return;
    }
    for id in &expected_rules {
        if !reason_rules.contains(id) {
            failure(format!(
                "regeltestet «{}» väntade skälet `{id}`, men det fanns inte bland skälen",
                fall.value
            ));
            return;
        }
    }
    if let Some(omfattning) = expected_omfattning
        && result.omfattning != Some(omfattning)
    {
        let got = result
            .omfattning
            .map_or("ingen".to_owned(), |value| value.to_string());
        failure(format!(
            "regeltestet «{}» väntade omfattningen {omfattning} men fick {got}",
            fall.value
        ));
    }
    let _ = Outcome::Uppfyller;
}

/// A rule test of a skyddsåtgärd: `åtgärd:` names the kind, `väntat:` is
/// `tillåten_med_samtycke`, `ej_tillåten`, `rutin_ej_följd` or `juridisk_bedömning`, and
/// `digital_teknik` comes from the kind's declaration unless `fakta` sets it.
fn run_atgard(table: &Table<'_>, item: &Item, diagnostics: &mut Vec<Diagnostic>) {
    let allowed = ["fall", "åtgärd", "datum", "fakta", "väntat", "skäl"];
    for field in &item.fields {
        if !allowed.contains(&field.key.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::OkandNyckel,
                    field.key_span,
                    format!(
                        "ett regeltest om en skyddsåtgärd har ingen nyckel `{}`",
                        field.key
                    ),
                )
                .with_note(format!("nycklarna är {}", names::one_of(&allowed))),
            );
        }
    }
    let required = |key: &str, diagnostics: &mut Vec<Diagnostic>| {
        let field = item.field(key).filter(|field| !field.value.is_empty());
        if field.is_none() {
            diagnostics.push(Diagnostic::error(
                Code::NyckelSaknas,
                item.span,
                format!("regeltestet saknar `{key}`"),
            ));
        }
        field
    };
    let (Some(fall), Some(atgard), Some(datum), Some(vantat)) = (
        required("fall", diagnostics),
        required("åtgärd", diagnostics),
        required("datum", diagnostics),
        required("väntat", diagnostics),
    ) else {
        return;
    };
    let Some(atgard_idx) = table.atgard_index(&atgard.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OkandInsats,
            atgard.value_span(),
            format!("riktlinjen beskriver ingen åtgärd `{}`", atgard.value),
        ));
        return;
    };
    let Ok(as_of) = Date::parse(&datum.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            datum.value_span(),
            format!("`{}` är inget giltigt datum", datum.value),
        ));
        return;
    };
    let Some(expected) = names::lookup(&names::ATGARD_OUTCOMES, &vantat.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            vantat.value_span(),
            format!(
                "`{}` är inget utfall för en skyddsåtgärd; skriv {}",
                vantat.value,
                names::alternatives(&names::ATGARD_OUTCOMES)
            ),
        ));
        return;
    };
    let mut facts = match item.field("fakta") {
        Some(field) => match read_facts(field) {
            Ok(facts) => facts,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                return;
            }
        },
        None => Facts::new(),
    };
    if facts.get(FactId::DigitalTeknik).is_none() {
        let digital = table
            .atgarder
            .get(atgard_idx)
            .is_some_and(|atgard| atgard.digital_teknik);
        facts.set(FactId::DigitalTeknik, i32::from(digital));
    }
    let expected_rules: Vec<&str> = item
        .field("skäl")
        .map(|field| {
            field
                .value
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for id in &expected_rules {
        if !table.atgard_rules.iter().any(|rule| rule.id == *id) {
            if let Some(field) = item.field("skäl") {
                diagnostics.push(Diagnostic::error(
                    Code::OkandInsats,
                    field.value_span(),
                    format!("riktlinjen har ingen regel om skyddsåtgärder `{id}`"),
                ));
            }
            return;
        }
    }
    let result = match evaluate_atgard(table, Some(atgard_idx), &facts, as_of) {
        Ok(result) => result,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                fall.value_span(),
                error.to_string(),
            ));
            return;
        }
    };
    let reason_rules: Vec<&str> = result
        .reasons
        .iter()
        .filter_map(|reason| reason.rule_idx)
        .filter_map(|rule_idx| table.atgard_rules.get(usize::from(rule_idx)))
        .map(|rule| rule.id)
        .collect();
    let describe = if reason_rules.is_empty() {
        "inga regler".to_owned()
    } else {
        reason_rules
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing_fact = result.reasons.iter().find_map(|reason| reason.fact);
    let mut failure = |message: String| {
        let mut diagnostic = Diagnostic::error(Code::RegeltestFel, fall.value_span(), message)
            .with_note(format!("skälen kom från {describe}"));
        if let Some(fact) = missing_fact {
            diagnostic = diagnostic.with_note(format!(
                "uppgiften `{}` saknades i fallet",
                names::fact_name(fact)
            ));
        }
        diagnostics.push(diagnostic);
    };
    if result.outcome != expected {
        failure(format!(
            "regeltestet «{}» väntade `{}` men fick `{}`",
            fall.value,
            names::atgard_outcome_word(expected),
            names::atgard_outcome_word(result.outcome)
        ));
        return;
    }
    if let Some(id) = expected_rules.iter().find(|id| !reason_rules.contains(id)) {
        failure(format!(
            "regeltestet «{}» väntade skälet `{id}`, men det fanns inte bland skälen",
            fall.value
        ));
    }
}

/// Reads `fakta: ålder = 68, personkrets = 3, behov = [hemliv, trygghet]`.
fn read_facts(field: &Field) -> Result<Facts, Diagnostic> {
    let mut facts = Facts::new();
    let text = &field.value;
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut parts = Vec::new();
    for (index, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push((start, index));
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push((start, text.len()));
    for (part_start, part_end) in parts {
        let part = &text[part_start..part_end];
        let span = |from: usize, to: usize| field.sub_span(part_start + from, part_start + to);
        let trimmed_start = part.len() - part.trim_start().len();
        let Some(eq) = part.find('=') else {
            if part.trim().is_empty() {
                continue;
            }
            return Err(Diagnostic::error(
                Code::Syntax,
                span(trimmed_start, part.len()),
                format!("`{}` ska skrivas `uppgift = värde`", part.trim()),
            ));
        };
        let name = part[..eq].trim();
        let value = part[eq + 1..].trim();
        let name_span: Span = span(trimmed_start, trimmed_start + name.len());
        let value_span: Span = span(eq + 1, part.len());
        let Some(fact) = names::fact(name) else {
            let mut diagnostic = Diagnostic::error(
                Code::OkandUppgift,
                name_span,
                format!("okänd uppgift `{name}`"),
            );
            if let Some(suggestion) =
                names::suggest(name, names::FACTS.iter().map(|(fact, _)| *fact))
            {
                diagnostic = diagnostic.with_note(format!("menade du `{suggestion}`?"));
            }
            return Err(diagnostic);
        };
        let bad = |what: &str| {
            Diagnostic::error(
                Code::OgiltigtVarde,
                value_span,
                format!("`{value}` är inte {what}, som `{name}` kräver"),
            )
        };
        let parsed = match fact.fact_type() {
            FactType::Bool => match value {
                "ja" => 1,
                "nej" => 0,
                _ => return Err(bad("ja eller nej")),
            },
            FactType::Int => value.parse::<i32>().map_err(|_| bad("ett heltal"))?,
            FactType::Date => Date::parse(value).map_err(|_| bad("ett datum"))?.days(),
            FactType::Enum(kind) => i32::from(names::enum_value(kind, value).ok_or_else(|| {
                bad(&format!(
                    "något av {}",
                    names::one_of(names::enum_values(kind))
                ))
            })?),
            FactType::Set(kind) => {
                let inner = value
                    .strip_prefix('[')
                    .and_then(|rest| rest.strip_suffix(']'))
                    .ok_or_else(|| bad("en mängd inom hakparenteser"))?;
                let mut mask = 0i32;
                for member in inner
                    .split(',')
                    .map(str::trim)
                    .filter(|member| !member.is_empty())
                {
                    let bit = names::enum_value(kind, member).ok_or_else(|| {
                        bad(&format!(
                            "en mängd av {}",
                            names::one_of(names::enum_values(kind))
                        ))
                    })?;
                    mask |= 1 << bit;
                }
                mask
            }
        };
        facts.set(fact, parsed);
    }
    Ok(facts)
}
