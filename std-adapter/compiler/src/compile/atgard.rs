//! Skyddsåtgärder in the rule language: `åtgärd` blocks that declare kinds, and rules with an
//! `åtgärd:` key about them.
//!
//! A kind has an id (as a case names it), a name, a lagrum and whether it is digital teknik.
//! A rule names the kinds it applies to, or `alla` for every kind (also one the riktlinje does
//! not declare), and decides `ej_tillåten`, `juridisk_bedömning`, `rutin_ej_följd`,
//! `tillåten_med_samtycke` or `upplysning`; its condition may read the person's facts and the
//! skyddsåtgärd's, never an ansökan's.
//! This module reads and checks them; `mod.rs` encodes them into the table next to the
//! insatser, and the core evaluates them.

use riktlinjer_core::case_frister::UPPFOLJNING_SKYDDSATGARD_PARAM;
use riktlinjer_core::limits::{MAX_ATGARD_RULES, MAX_ATGARDER, MAX_REASONS_PER_ATGARD};
use riktlinjer_core::table::ALLA_ATGARDER;
use riktlinjer_core::{AtgardRuleKind, Builtin, FactScope};

use crate::compile::{
    ParamSource, check, check_keys, check_rule_capacity, code_id, names, value, word_value,
};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{Field, Item};
use crate::texts;

/// One kind of skyddsåtgärd, read.
#[derive(Clone, Debug)]
pub(crate) struct AtgardSource {
    pub id: String,
    pub namn: String,
    pub lagrum: String,
    pub avsnitt: String,
    pub digital_teknik: bool,
    pub span: Span,
}

/// One rule about skyddsåtgärder, read and compiled.
#[derive(Clone, Debug)]
pub(crate) struct AtgardRuleSource {
    pub id: String,
    pub id_span: Span,
    /// The kinds it names; `None` for `alla`.
    pub atgarder: Option<Vec<String>>,
    pub utfall: AtgardRuleKind,
    pub lagrum: String,
    pub avsnitt: String,
    pub skal: String,
    pub villkor: String,
    pub line: u32,
    pub condition: check::Condition,
    /// Where the condition is, for diagnostics about the facts it reads.
    pub villkor_span: Span,
}

impl AtgardRuleSource {
    /// Whether the rule applies to the kind `id`.
    pub fn applies_to(&self, id: &str) -> bool {
        self.atgarder
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|known| known == id))
    }

    /// The core's mask of the kinds it applies to, by their order in `atgarder`.
    pub fn mask(&self, atgarder: &[AtgardSource]) -> u32 {
        let Some(ids) = &self.atgarder else {
            return ALLA_ATGARDER;
        };
        atgarder
            .iter()
            .enumerate()
            .filter(|(_, atgard)| ids.contains(&atgard.id))
            .filter_map(|(index, _)| u32::try_from(index).ok())
            .filter_map(|index| 1u32.checked_shl(index))
            .fold(0, |mask, bit| mask | bit)
    }
}

/// Reads an `åtgärd` block item.
pub(crate) fn read_atgard(
    item: &Item,
    avsnitt: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<AtgardSource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_ATGARD,
        &["id", "namn", "lagrum", "digital_teknik"],
        &["id", "namn", "lagrum"],
        diagnostics,
    );
    let id = code_id(
        &item.fields,
        |id| texts::gar_inte_att_anvanda(id),
        diagnostics,
    )?;
    let digital_teknik = match value(&item.fields, "digital_teknik") {
        Some(field) => word_value(field, &[("ja", true), ("nej", false)], diagnostics)?,
        None => false,
    };
    if !keys_ok {
        return None;
    }
    Some(AtgardSource {
        id: id?.value.clone(),
        namn: value(&item.fields, "namn")?.value.clone(),
        lagrum: value(&item.fields, "lagrum")?.value.clone(),
        avsnitt: avsnitt.to_owned(),
        digital_teknik,
        span: id.map_or(item.span, Field::value_span),
    })
}

/// Reads a rule with an `åtgärd:` key.
pub(crate) fn read_rule(
    item: &Item,
    avsnitt: &str,
    atgarder: &[AtgardSource],
    scope: &check::Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<AtgardRuleSource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_REGEL_OM_SKYDDSATGARDER,
        &["id", "åtgärd", "när", "utfall", "lagrum", "skäl"],
        &["id", "åtgärd", "när", "utfall", "lagrum", "skäl"],
        diagnostics,
    );
    let named = value(&item.fields, "åtgärd").and_then(|field| kinds(field, atgarder, diagnostics));
    let utfall = value(&item.fields, "utfall")
        .and_then(|field| word_value(field, &names::ATGARD_RULE_KINDS, diagnostics));
    let villkor = value(&item.fields, "när");
    let condition = villkor.and_then(|field| {
        check::compile_field(
            field,
            scope,
            &[FactScope::Person, FactScope::Skyddsatgard],
            texts::EN_REGEL_OM_SKYDDSATGARDER,
            diagnostics,
        )
    });
    if !keys_ok {
        return None;
    }
    let id = value(&item.fields, "id")?;
    let villkor = villkor?;
    Some(AtgardRuleSource {
        id: id.value.clone(),
        id_span: id.value_span(),
        atgarder: named?,
        utfall: utfall?,
        lagrum: value(&item.fields, "lagrum")?.value.clone(),
        avsnitt: avsnitt.to_owned(),
        skal: value(&item.fields, "skäl")?.value.clone(),
        villkor: villkor.value.clone(),
        line: item.line,
        condition: condition?,
        villkor_span: villkor.value_span(),
    })
}

/// The kinds `åtgärd: a, b` names, or `None` inside for `alla`; `None` after an error.
fn kinds(
    field: &Field,
    atgarder: &[AtgardSource],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Option<Vec<String>>> {
    if field.value.trim() == names::ALLA {
        return Some(None);
    }
    let mut ids: Vec<String> = Vec::new();
    let mut offset = 0;
    let mut ok = true;
    for part in field.value.split(',') {
        let name = part.trim();
        let start = offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        if atgarder.iter().any(|known| known.id == name) {
            if !ids.iter().any(|known| known == name) {
                ids.push(name.to_owned());
            }
            continue;
        }
        ok = false;
        let mut diagnostic = Diagnostic::error(
            Code::OkandInsats,
            field.sub_span(start, start + name.len()),
            if name == names::ALLA {
                texts::ALLA_STAR_ENSAMT_DET.to_owned()
            } else {
                texts::riktlinjen_beskriver_ingen_atgard(name)
            },
        );
        if let Some(suggestion) =
            names::suggest(name, atgarder.iter().map(|known| known.id.as_str()))
        {
            diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
        }
        diagnostics.push(diagnostic);
    }
    (ok && !ids.is_empty()).then_some(Some(ids))
}

/// Every kind needs a rule (one for `alla` counts), and a rule that reads
/// `uppföljning_försenad` needs the riktlinje's interval.
pub(crate) fn check_coverage(
    atgarder: &[AtgardSource],
    rules: &[AtgardRuleSource],
    params: &[ParamSource],
    catalogue: &crate::compile::catalogue::Catalogue,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for atgard in atgarder {
        if !rules.iter().any(|rule| rule.applies_to(&atgard.id)) {
            diagnostics.push(
                Diagnostic::error(
                    Code::InsatsUtanRegel,
                    atgard.span,
                    texts::atgarden_har_ingen_regel(&atgard.id),
                )
                .with_note(texts::VARJE_ATGARD_BEHOVER_MINST),
            );
        }
    }
    let has_interval = params
        .iter()
        .any(|param| param.namn == UPPFOLJNING_SKYDDSATGARD_PARAM);
    for rule in rules {
        let reads_overdue = rule.condition.facts.iter().any(|slot| {
            catalogue
                .fact(*slot)
                .is_some_and(|fact| fact.builtin == Some(Builtin::UppfoljningForsenad))
        });
        if !has_interval && reads_overdue {
            diagnostics.push(
                Diagnostic::error(
                    Code::FelUppgiftForRegeln,
                    rule.villkor_span,
                    texts::regel_laser_uppfoljning_forsenad(&rule.id),
                )
                .with_note(texts::lagg_till_en_parameter()),
            );
        }
    }
    for param in params {
        if param.namn == UPPFOLJNING_SKYDDSATGARD_PARAM
            && param.values.iter().any(|(_, months)| *months < 1)
        {
            diagnostics.push(Diagnostic::error(
                Code::OgiltigtVarde,
                param.span,
                texts::UPPFOLJNINGSINTERVALLET_SKA_VARA_MINST.to_owned(),
            ));
        }
    }
}

/// The core's capacities for skyddsåtgärder: kinds, rules, each condition, texts, and the
/// reasons one skyddsåtgärd can give.
pub(crate) fn check_capacities(
    atgarder: &[AtgardSource],
    rules: &[AtgardRuleSource],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut over = |span: Span, message: String| {
        diagnostics.push(Diagnostic::error(Code::Kapacitet, span, message));
    };
    if atgarder.len() > MAX_ATGARDER {
        over(
            Span::default(),
            texts::riktlinjen_har_atgarder_karnan(atgarder.len()),
        );
    }
    if rules.len() > MAX_ATGARD_RULES {
        over(
            Span::default(),
            texts::riktlinjen_har_regler_om(rules.len()),
        );
    }
    let listing = |id: Option<&str>| {
        rules
            .iter()
            .filter(|rule| match id {
                Some(id) => rule.applies_to(id),
                None => rule.atgarder.is_none(),
            })
            .filter(|rule| rule.utfall != AtgardRuleKind::TillatenMedSamtycke)
            .count()
    };
    for atgard in atgarder {
        let n_listing = listing(Some(&atgard.id));
        if n_listing + 4 > MAX_REASONS_PER_ATGARD {
            over(
                atgard.span,
                texts::atgarden_har_regler_som(&atgard.id, n_listing),
            );
        }
    }
    let n_alla = listing(None);
    if n_alla + 4 > MAX_REASONS_PER_ATGARD {
        over(Span::default(), texts::riktlinjen_har_regler_for(n_alla));
    }
    for rule in rules {
        check_rule_capacity(
            &rule.id,
            rule.id_span,
            &rule.condition,
            [&rule.skal, &rule.lagrum, &rule.villkor],
            diagnostics,
        );
    }
}
