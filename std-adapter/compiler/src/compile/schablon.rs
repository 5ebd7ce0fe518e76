//! Schablon components: an insats's omfattning computed as a sum of time × frequency.
//!
//! A `schablon` item names its insats and gives `tid` (a time per tillfälle, or a time per
//! period on its own), `antal` (how often: tillfällen per period), and optionally `när` (when it
//! applies), `högst` (a cap on its subtotal, a time per period), `delas` (when a make or sambo
//! shares it, so it counts half) and `ingår_i` (another component that includes it when that
//! one applies). Every figure is checked for its unit and compiled to exact numbers in minutes,
//! tillfällen and per år (`unit`); the core adds them up (`riktlinjer_core::omfattning`).

use riktlinjer_core::{Enhet, FactScope};

use crate::compile::check::{self, Condition, Scope};
use crate::compile::unit::Dim;
use crate::compile::{InsatsSource, check_keys, names, unknown_insats, value};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{Field, Item};
use crate::texts;

/// The keys of a `schablon` item.
const KEYS: [&str; 9] = [
    "insats", "id", "namn", "när", "tid", "antal", "högst", "delas", "ingår_i",
];

/// One checked component.
#[derive(Clone, Debug)]
pub(crate) struct ComponentSource {
    /// Its insats's id.
    pub insats: String,
    /// Its id, unique within the insats.
    pub id: String,
    /// Its name.
    pub namn: String,
    /// The section it stands in.
    pub avsnitt: String,
    /// Its time as written.
    pub tid_text: String,
    /// Its frequency as written.
    pub antal_text: String,
    /// When it applies.
    pub villkor: Option<Condition>,
    /// Its time.
    pub tid: Condition,
    /// Its frequency.
    pub antal: Option<Condition>,
    /// Its cap.
    pub hogst: Option<Condition>,
    /// When it is shared.
    pub delas: Option<Condition>,
    /// The id of the component that includes it.
    pub ingar_i: Option<(String, Span)>,
    /// The line it starts on.
    pub line: u32,
    /// Where its id is.
    pub span: Span,
}

fn time() -> Dim {
    Dim {
        time: 1,
        ..Dim::NONE
    }
}

fn per_period(dim: Dim) -> Dim {
    Dim {
        period: dim.period - 1,
        ..dim
    }
}

fn agrees(found: Dim, want: Dim) -> bool {
    found.time == want.time && found.period == want.period
}

/// Whether an insats of this unit can have its omfattning computed from times.
pub(crate) fn computable(enhet: Enhet) -> bool {
    matches!(
        enhet,
        Enhet::TimmarPerManad | Enhet::TimmarPerVecka | Enhet::DygnPerManad
    )
}

/// Reads one `schablon` item; `None` after a diagnostic.
pub(crate) fn read_component(
    item: &Item,
    avsnitt: &str,
    insatser: &[InsatsSource],
    scope: &Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ComponentSource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_SCHABLON,
        &KEYS,
        &["insats", "id", "namn", "tid"],
        diagnostics,
    );
    let insats_field = value(&item.fields, "insats");
    if let Some(field) = insats_field {
        match insatser.iter().find(|insats| insats.id == field.value) {
            Some(insats) if !computable(insats.enhet) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::OgiltigtVarde,
                        field.value_span(),
                        texts::insatsen_har_enheten_som(
                            &insats.id,
                            names::word_of(&names::ENHETER, insats.enhet),
                        ),
                    )
                    .with_note(texts::EN_SCHABLON_KRAVER_ENHET),
                );
                return None;
            }
            Some(_) => {}
            None => {
                diagnostics.push(unknown_insats(&field.value, field.value_span(), insatser));
                return None;
            }
        }
    }
    let allowed = [FactScope::Person, FactScope::Ansokan];
    let condition = |key: &str, diagnostics: &mut Vec<Diagnostic>| -> Option<Option<Condition>> {
        match value(&item.fields, key) {
            Some(field) => {
                check::compile_field(field, scope, &allowed, texts::EN_SCHABLON, diagnostics)
                    .map(Some)
            }
            None => Some(None),
        }
    };
    let villkor = condition("när", diagnostics);
    let delas = condition("delas", diagnostics);
    let antal = match value(&item.fields, "antal") {
        Some(field) => figure(
            field,
            scope,
            per_period(Dim::NONE),
            texts::ETT_ANTAL_PER_PERIOD,
            diagnostics,
        )
        .map(Some),
        None => Some(None),
    };
    let tid_want = if value(&item.fields, "antal").is_some() {
        time()
    } else {
        per_period(time())
    };
    let tid_what = if value(&item.fields, "antal").is_some() {
        texts::EN_TID_PER_TILLFALLE
    } else {
        texts::EN_TID_PER_PERIOD_TILL
    };
    let tid = value(&item.fields, "tid")
        .and_then(|field| figure(field, scope, tid_want, tid_what, diagnostics));
    let hogst = match value(&item.fields, "högst") {
        Some(field) => figure(
            field,
            scope,
            per_period(time()),
            texts::EN_TID_PER_PERIOD,
            diagnostics,
        )
        .map(Some),
        None => Some(None),
    };
    let id = value(&item.fields, "id");
    if let Some(id) = id
        && !crate::compile::is_fact_name(&id.value)
    {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            id.value_span(),
            texts::ETT_SCHABLON_ID_SKRIVS.to_owned(),
        ));
        return None;
    }
    if !keys_ok {
        return None;
    }
    let text = |key: &str| value(&item.fields, key).map_or_else(String::new, |f| f.value.clone());
    let id = id?;
    Some(ComponentSource {
        insats: insats_field?.value.clone(),
        id: id.value.clone(),
        namn: text("namn"),
        avsnitt: avsnitt.to_owned(),
        tid_text: text("tid"),
        antal_text: text("antal"),
        villkor: villkor?,
        tid: tid?,
        antal: antal?,
        hogst: hogst?,
        delas: delas?,
        ingar_i: value(&item.fields, "ingår_i").map(|f| (f.value.clone(), f.value_span())),
        line: item.line,
        span: id.value_span(),
    })
}

/// Compiles the figure in `field` and checks that its unit is `want`.
fn figure(
    field: &Field,
    scope: &Scope<'_>,
    want: Dim,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let (compiled, dim) = check::compile_value(field, scope, diagnostics)?;
    if !agrees(dim, want) {
        let mut diagnostic = Diagnostic::error(
            Code::Typfel,
            field.value_span(),
            texts::ska_vara_men_detta(&field.key, dim.describe(), what),
        );
        if dim == Dim::NONE {
            diagnostic = diagnostic.with_note(texts::SKRIV_ENHETEN_EFTER_TALET);
        }
        diagnostics.push(diagnostic);
        return None;
    }
    Some(compiled)
}

/// One checked property of an insats (`egenskap`).
#[derive(Clone, Debug)]
pub(crate) struct PropertySource {
    /// Its insats's id.
    pub insats: String,
    /// Its name.
    pub namn: String,
    /// What it says.
    pub text: String,
    /// Its value as a person reads it, or empty.
    pub varde: String,
    /// The section it stands in.
    pub avsnitt: String,
    /// When it holds.
    pub villkor: Option<Condition>,
    /// Where it is.
    pub span: Span,
}

/// Reads one `egenskap` item: something an insats includes (a service level, a scope, a
/// condition of delivery), shown with the prövning when its `när` holds.
pub(crate) fn read_property(
    item: &Item,
    avsnitt: &str,
    insatser: &[InsatsSource],
    scope: &Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PropertySource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_EGENSKAP,
        &["insats", "namn", "text", "värde", "när"],
        &["insats", "namn", "text"],
        diagnostics,
    );
    let insats = value(&item.fields, "insats");
    if let Some(field) = insats
        && !insatser.iter().any(|known| known.id == field.value)
    {
        diagnostics.push(unknown_insats(&field.value, field.value_span(), insatser));
        return None;
    }
    let villkor = match value(&item.fields, "när") {
        Some(field) => Some(check::compile_field(
            field,
            scope,
            &[FactScope::Person, FactScope::Ansokan],
            texts::EN_EGENSKAP,
            diagnostics,
        )?),
        None => None,
    };
    if !keys_ok {
        return None;
    }
    let text = |key: &str| value(&item.fields, key).map_or_else(String::new, |f| f.value.clone());
    Some(PropertySource {
        insats: insats?.value.clone(),
        namn: text("namn"),
        text: text("text"),
        varde: text("värde"),
        avsnitt: avsnitt.to_owned(),
        villkor,
        span: item.span,
    })
}

/// Checks the components of every insats together: ids unique within an insats, `ingår_i`
/// naming another component of the same insats.
pub(crate) fn check_relations(components: &[ComponentSource], diagnostics: &mut Vec<Diagnostic>) {
    for (index, component) in components.iter().enumerate() {
        let same_insats = || {
            components
                .iter()
                .filter(|other| other.insats == component.insats)
        };
        if components[..index]
            .iter()
            .any(|other| other.insats == component.insats && other.id == component.id)
        {
            diagnostics.push(Diagnostic::error(
                Code::DubblettId,
                component.span,
                texts::insatsen_har_redan_en(&component.insats, &component.id),
            ));
        }
        if let Some((includer, span)) = &component.ingar_i {
            let found =
                same_insats().any(|other| other.id == *includer && other.id != component.id);
            if !found {
                let mut diagnostic = Diagnostic::error(
                    Code::OkandUppgift,
                    *span,
                    texts::insatsen_har_ingen_annan(&component.insats, includer),
                );
                if let Some(suggestion) =
                    names::suggest(includer, same_insats().map(|other| other.id.as_str()))
                {
                    diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
                }
                diagnostics.push(diagnostic);
            }
        }
    }
}
