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

use riktlinjer_core::{Builtin, Date, FactKind, Facts, Table, evaluate_atgard, evaluate_insats};
use serde::Serialize;

use crate::compile::names;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{Field, Item};
use crate::texts;

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
    } else {
        run_insats(table, item, diagnostics);
    }
}

/// What every rule test has, read and checked: its name, its subject (`insats` or `åtgärd`),
/// the expected outcome word, the day, the facts and the rules expected among the reasons.
struct Header<'a> {
    fall: &'a Field,
    subject: &'a Field,
    vantat: &'a Field,
    as_of: Date,
    facts: Facts,
    expected_rules: Vec<&'a str>,
}

/// Reads the fields every rule test shares; `None` after a diagnostic.
fn read_header<'a>(
    table: &Table<'_>,
    item: &'a Item,
    subject_key: &str,
    allowed: &[&str],
    what: &str,
    rule_exists: impl Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Header<'a>> {
    for field in &item.fields {
        if !allowed.contains(&field.key.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::OkandNyckel,
                    field.key_span,
                    texts::har_ingen_nyckel(&field.key, what),
                )
                .with_note(texts::nycklarna_ar(names::one_of(allowed))),
            );
        }
    }
    let mut required = |key: &str| {
        let field = item.field(key).filter(|field| !field.value.is_empty());
        if field.is_none() {
            diagnostics.push(Diagnostic::error(
                Code::NyckelSaknas,
                item.span,
                texts::regeltestet_saknar(key),
            ));
        }
        field
    };
    let (fall, subject, datum, vantat) = (
        required("fall"),
        required(subject_key),
        required("datum"),
        required("väntat"),
    );
    let (fall, subject, datum, vantat) = (fall?, subject?, datum?, vantat?);
    let Ok(as_of) = Date::parse(&datum.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            datum.value_span(),
            texts::ogiltigt_datum(&datum.value),
        ));
        return None;
    };
    let facts = match item.field("fakta").map(|field| read_facts(field, table)) {
        Some(Ok(facts)) => facts,
        Some(Err(diagnostic)) => {
            diagnostics.push(diagnostic);
            return None;
        }
        None => {
            let mut facts = Facts::new();
            table.fill_defaults(&mut facts, riktlinjer_core::FactScope::Person);
            table.fill_defaults(&mut facts, riktlinjer_core::FactScope::Ansokan);
            facts
        }
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
    if let (Some(id), Some(field)) = (
        expected_rules.iter().find(|id| !rule_exists(id)),
        item.field("skäl"),
    ) {
        diagnostics.push(Diagnostic::error(
            Code::OkandInsats,
            field.value_span(),
            texts::riktlinjen_har_ingen_sadan(id),
        ));
        return None;
    }
    Some(Header {
        fall,
        subject,
        vantat,
        as_of,
        facts,
        expected_rules,
    })
}

/// What a rule test got, to compare with what it expected.
struct Got<'a> {
    outcome: &'static str,
    reason_rules: Vec<&'a str>,
    missing_fact: Option<&'a str>,
}

/// Compares a test's expectation with what the core gave, and adds an `R013` diagnostic for the
/// first difference.
fn compare(
    header: &Header<'_>,
    expected: &str,
    got: &Got<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let fall = &header.fall.value;
    let message = if got.outcome != expected {
        texts::regeltestet_vantade_utfallet(got.outcome, fall, expected)
    } else if let Some(id) = header
        .expected_rules
        .iter()
        .find(|id| !got.reason_rules.contains(id))
    {
        texts::regeltestet_vantade_skalet_men(fall, id)
    } else {
        return true;
    };
    let from = if got.reason_rules.is_empty() {
        texts::INGA_REGLER_DET_RIKTLINJEN.to_owned()
    } else {
        got.reason_rules
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut diagnostic = Diagnostic::error(Code::RegeltestFel, header.fall.value_span(), message)
        .with_note(texts::skalen_kom_fran(&from));
    if let Some(fact) = got.missing_fact {
        diagnostic = diagnostic.with_note(texts::uppgiften_saknades_i_fallet(fact));
    }
    diagnostics.push(diagnostic);
    false
}

/// A rule test of an insats: `väntat:` is an outcome, and `omfattning:` may give the omfattning
/// the riktlinje should set.
fn run_insats(table: &Table<'_>, item: &Item, diagnostics: &mut Vec<Diagnostic>) {
    let allowed = [
        "fall",
        "insats",
        "datum",
        "fakta",
        "väntat",
        "skäl",
        "omfattning",
        "beräknad",
    ];
    let rule_exists = |id: &str| table.rules().iter().any(|rule| rule.id == id);
    let Some(header) = read_header(
        table,
        item,
        "insats",
        &allowed,
        texts::ETT_REGELTEST,
        rule_exists,
        diagnostics,
    ) else {
        return;
    };
    let Some(insats_idx) = table.insats_index(&header.subject.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OkandInsats,
            header.subject.value_span(),
            texts::riktlinjen_beskriver_ingen_insats(&header.subject.value),
        ));
        return;
    };
    let Some(expected) = names::lookup(&names::OUTCOMES, &header.vantat.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            header.vantat.value_span(),
            texts::ar_inget_utfall_skriv(
                &header.vantat.value,
                names::alternatives(&names::OUTCOMES),
            ),
        ));
        return;
    };
    let mut figure = |key: &str| match item.field(key) {
        Some(field) => match crate::compile::thousandths_of(&field.value) {
            Some(value) => Ok(Some(value)),
            None => {
                diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    field.value_span(),
                    texts::ska_vara_ett_tal(key),
                ));
                Err(())
            }
        },
        None => Ok(None),
    };
    let (Ok(expected_omfattning), Ok(expected_beraknad)) =
        (figure("omfattning"), figure("beräknad"))
    else {
        return;
    };
    let result = match evaluate_insats(table, insats_idx, &header.facts, header.as_of) {
        Ok(result) => result,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                header.fall.value_span(),
                error.to_string(),
            ));
            return;
        }
    };
    let got = Got {
        outcome: names::outcome_word(result.outcome),
        reason_rules: result
            .reasons
            .iter()
            .filter_map(|reason| reason.rule_idx)
            .filter_map(|rule_idx| table.rules().get(usize::from(rule_idx)))
            .map(|rule| rule.id)
            .collect(),
        missing_fact: result
            .reasons
            .iter()
            .find_map(|reason| reason.fact)
            .and_then(|slot| table.fact(slot))
            .map(|fact| fact.name),
    };
    if !compare(&header, names::outcome_word(expected), &got, diagnostics) {
        return;
    }
    for (what, expected, got) in [
        ("omfattningen", expected_omfattning, result.omfattning),
        (
            texts::DEN_BERAKNADE_OMFATTNINGEN,
            expected_beraknad,
            result.beraknad,
        ),
    ] {
        if let Some(expected) = expected
            && got != Some(expected)
        {
            let got = got.map_or("ingen".to_owned(), decimal_text);
            diagnostics.push(Diagnostic::error(
                Code::RegeltestFel,
                header.fall.value_span(),
                texts::regeltestet_vantade_talet(
                    &header.fall.value,
                    decimal_text(expected),
                    what,
                    &got,
                ),
            ));
        }
    }
}

/// Thousandths as a Swedish decimal: 7 300 is `7,3`, 6 000 is `6`.
pub fn decimal_text(thousandths: i64) -> String {
    let sign = if thousandths < 0 { "-" } else { "" };
    let magnitude = thousandths.unsigned_abs();
    let whole = magnitude / 1_000;
    let fraction = magnitude % 1_000;
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:03}");
    format!("{sign}{whole},{}", digits.trim_end_matches('0'))
}

/// A rule test of a skyddsåtgärd: `åtgärd:` names the kind, `väntat:` is
/// `tillåten_med_samtycke`, `ej_tillåten`, `rutin_ej_följd` or `juridisk_bedömning`, and
/// `digital_teknik` comes from the kind's declaration unless `fakta` sets it.
fn run_atgard(table: &Table<'_>, item: &Item, diagnostics: &mut Vec<Diagnostic>) {
    let allowed = ["fall", "åtgärd", "datum", "fakta", "väntat", "skäl"];
    let rule_exists = |id: &str| table.atgard_rules().iter().any(|rule| rule.id == id);
    let Some(mut header) = read_header(
        table,
        item,
        "åtgärd",
        &allowed,
        texts::ETT_REGELTEST_OM_EN,
        rule_exists,
        diagnostics,
    ) else {
        return;
    };
    let Some(atgard_idx) = table.atgard_index(&header.subject.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OkandInsats,
            header.subject.value_span(),
            texts::riktlinjen_beskriver_ingen_atgard(&header.subject.value),
        ));
        return;
    };
    let Some(expected) = names::lookup(&names::ATGARD_OUTCOMES, &header.vantat.value) else {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            header.vantat.value_span(),
            texts::ar_inget_utfall_for(
                &header.vantat.value,
                names::alternatives(&names::ATGARD_OUTCOMES),
            ),
        ));
        return;
    };
    if let Some(slot) = table.builtin_slot(Builtin::DigitalTeknik)
        && header.facts.get(slot).is_none()
    {
        let digital = table
            .atgard(atgard_idx)
            .is_some_and(|atgard| atgard.digital_teknik);
        header.facts.set(slot, i64::from(digital));
    }
    let result = match evaluate_atgard(table, Some(atgard_idx), &header.facts, header.as_of) {
        Ok(result) => result,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                header.fall.value_span(),
                error.to_string(),
            ));
            return;
        }
    };
    let got = Got {
        outcome: names::atgard_outcome_word(result.outcome),
        reason_rules: result
            .reasons
            .iter()
            .filter_map(|reason| reason.rule_idx)
            .filter_map(|rule_idx| table.atgard_rules().get(usize::from(rule_idx)))
            .map(|rule| rule.id)
            .collect(),
        missing_fact: result
            .reasons
            .iter()
            .find_map(|reason| reason.fact)
            .and_then(|slot| table.fact(slot))
            .map(|fact| fact.name),
    };
    compare(
        &header,
        names::atgard_outcome_word(expected),
        &got,
        diagnostics,
    );
}

/// Reads `fakta: ålder = 68, personkrets = 3, behov = [hemliv, trygghet], sökt_omfattning = 7,5`
/// against `table`'s catalogue. A comma followed by a digit is a decimal comma, not a separator.
fn read_facts(field: &Field, table: &Table<'_>) -> Result<Facts, Diagnostic> {
    let mut facts = Facts::new();
    let text = &field.value;
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut parts = Vec::new();
    for (index, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0
                && !text[index + 1..].starts_with(|next: char| next.is_ascii_digit()) =>
            {
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
                texts::ska_skrivas_uppgift_varde(part.trim()),
            ));
        };
        let name = part[..eq].trim();
        let value = part[eq + 1..].trim();
        let name_span: Span = span(trimmed_start, trimmed_start + name.len());
        let value_span: Span = span(eq + 1, part.len());
        let Some((slot, fact)) = table
            .fact_slot(name)
            .and_then(|slot| Some((slot, table.fact(slot)?)))
        else {
            let mut diagnostic =
                Diagnostic::error(Code::OkandUppgift, name_span, texts::okand_uppgift(name));
            if let Some(suggestion) =
                names::suggest(name, table.facts().iter().map(|fact| fact.name))
            {
                diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
            }
            return Err(diagnostic);
        };
        let bad = |what: &str| {
            Diagnostic::error(
                Code::OgiltigtVarde,
                value_span,
                texts::ar_inte_som_kraver(value, what, name),
            )
        };
        let words = table.words_of(fact);
        let word_index = |word: &str| {
            words
                .iter()
                .position(|candidate| *candidate == word)
                .and_then(|index| i64::try_from(index).ok())
        };
        let parsed = match fact.kind {
            FactKind::Bool => match value {
                "ja" => 1,
                "nej" => 0,
                _ => return Err(bad(texts::JA_ELLER_NEJ)),
            },
            FactKind::Int => value.parse::<i64>().map_err(|_| bad(texts::ETT_HELTAL))?,
            FactKind::Decimal => crate::compile::thousandths_of(value)
                .ok_or_else(|| bad(texts::ETT_TAL_MED_HOGST))?,
            FactKind::Date => i64::from(
                Date::parse(value)
                    .map_err(|_| bad(texts::ETT_DATUM))?
                    .days(),
            ),
            FactKind::Choice => {
                word_index(value).ok_or_else(|| bad(&texts::nagot_av(names::one_of(words))))?
            }
            FactKind::Set => {
                let inner = value
                    .strip_prefix('[')
                    .and_then(|rest| rest.strip_suffix(']'))
                    .ok_or_else(|| bad(texts::EN_MANGD_INOM_HAKPARENTESER))?;
                let mut mask = 0i64;
                for member in inner
                    .split(',')
                    .map(str::trim)
                    .filter(|member| !member.is_empty())
                {
                    let bit = word_index(member)
                        .ok_or_else(|| bad(&texts::en_mangd_av(names::one_of(words))))?;
                    mask |= 1 << bit;
                }
                mask
            }
        };
        facts.set(usize::from(slot), parsed);
    }
    // As the evaluator fills them: a fact the case does not give takes the riktlinje's declared
    // value, when it has one.
    table.fill_defaults(&mut facts, riktlinjer_core::FactScope::Person);
    table.fill_defaults(&mut facts, riktlinjer_core::FactScope::Ansokan);
    Ok(facts)
}
