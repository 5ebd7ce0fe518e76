//! The kinds of insats the law names (`slag` blocks of the national baseline), and how a
//! riktlinje's insatser are matched to them.
//!
//! The law's own rules in the baseline are written for kinds of insats, not for one kommun's
//! names: an LSS insats has the same id in every riktlinje, but each kommun names its SoL
//! insatser freely. An insats block says what kind it is with `slag:`; without it, its id is
//! its kind. A rule of the baseline applies to every insats of a kind it names.
//! This module reads and checks the kinds; it compiles no rule and encodes nothing: the table
//! holds each rule once per insats it applies to, as for any rule.

use riktlinjer_core::Lag;

use super::{InsatsSource, check_keys, code_id, names, value, word_value};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{Field, Item};
use crate::texts;

/// One kind of insats the baseline declares.
#[derive(Clone, Debug)]
pub(crate) struct SlagSource {
    pub(crate) id: String,
    pub(crate) lag: Lag,
}

/// Reads one item of a `slag` block.
pub(crate) fn read(item: &Item, diagnostics: &mut Vec<Diagnostic>) -> Option<SlagSource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::ETT_SLAG_AV_INSATS,
        &["id", "namn", "lag", "lagrum", "beskrivning"],
        &["id", "namn", "lag", "lagrum"],
        diagnostics,
    );
    let id = code_id(
        &item.fields,
        |id| texts::gar_inte_att_anvanda_som_slag(id),
        diagnostics,
    )?;
    let lag =
        value(&item.fields, "lag").and_then(|field| word_value(field, &names::LAGAR, diagnostics));
    if !keys_ok {
        return None;
    }
    Some(SlagSource {
        id: id?.value.clone(),
        lag: lag?,
    })
}

/// Checks the `slag` an insats names: one the baseline declares, under the same law.
pub(crate) fn check_insats(
    insats: &InsatsSource,
    kinds: &[SlagSource],
    has_grund: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some((slag, span)) = &insats.slag else {
        return;
    };
    if !has_grund {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            *span,
            texts::SLAG_KRAVER_GRUNDEN.to_owned(),
        ));
        return;
    }
    match kinds.iter().find(|kind| kind.id == *slag) {
        Some(kind) if kind.lag == insats.lag => {}
        Some(kind) => diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            *span,
            texts::slaget_ar_en_insats_enligt(
                slag,
                names::word_of(&names::LAGAR, kind.lag),
                &insats.id,
                names::word_of(&names::LAGAR, insats.lag),
            ),
        )),
        None => {
            let ids: Vec<&str> = kinds
                .iter()
                .filter(|kind| kind.lag == insats.lag)
                .map(|kind| kind.id.as_str())
                .collect();
            let mut diagnostic = Diagnostic::error(
                Code::OgiltigtVarde,
                *span,
                texts::grunden_har_inget_slag(slag),
            )
            .with_note(texts::slagen_ar(names::one_of(&ids)));
            if let Some(suggestion) = names::suggest(slag, ids.iter().copied()) {
                diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// The ids of the insatser in `insatser` of a kind that `named` (a rule's `insats:` field in the
/// baseline) lists, in the riktlinje's order. A name that is no declared kind is the
/// baseline's fault and is reported.
pub(crate) fn insatser_of(
    named: &Field,
    kinds: &[SlagSource],
    insatser: &[InsatsSource],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut offset = 0;
    let mut listed: Vec<&str> = Vec::new();
    for part in named.value.split(',') {
        let name = part.trim();
        let start = offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        if kinds.iter().any(|kind| kind.id == name) {
            listed.push(name);
        } else {
            let span: Span = named.sub_span(start, start + name.len());
            let mut diagnostic = Diagnostic::error(
                Code::OkandInsats,
                span,
                texts::inget_slag_som_grunden_deklarerar(name),
            );
            let ids = kinds.iter().map(|kind| kind.id.as_str());
            if let Some(suggestion) = names::suggest(name, ids) {
                diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
            }
            diagnostics.push(diagnostic);
        }
    }
    insatser
        .iter()
        .filter(|insats| listed.contains(&insats.kind()))
        .map(|insats| insats.id.clone())
        .collect()
}
