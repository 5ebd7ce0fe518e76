//! The compiler: a riktlinje source → checked rules → the core's table bytes, with diagnostics.
//!
//! `compile` reads the front matter and every block, resolves names, checks types, emits
//! condition code, groups rules by insats, checks the core's capacities, encodes the table,
//! decodes it again through the core's validating decoder, and then runs the static checks
//! (shadowed and never-true rules) and the riktlinje's own rule tests on that decoded table, so
//! the checks exercise exactly what a case will be evaluated against.
//! The kinds of skyddsåtgärd and their rules (`atgard`) are read, checked and encoded the same
//! way, into the table's own lists.
//! It returns every diagnostic at once; a riktlinje with any error gives no bytes.

mod atgard;
pub mod catalogue;
mod check;
pub mod expr;
pub mod names;
pub mod paragrafer;
mod ruletest;
mod schablon;
mod shadow;
mod slag;
pub mod unit;

use std::collections::HashMap;

use riktlinjer_core::limits::{
    MAX_CODE_BYTES, MAX_COMPONENTS, MAX_COMPONENTS_PER_INSATS, MAX_INSATS_ID_LEN, MAX_INSATSER,
    MAX_NUMBERS, MAX_PARAM_VALUES, MAX_PARAMS, MAX_PROPERTIES, MAX_PROPERTIES_PER_INSATS,
    MAX_REASONS_PER_INSATS, MAX_RULE_OPS, MAX_RULES, MAX_STACK, MAX_TEXT_LEN,
};
use riktlinjer_core::table::OP_SIZE;
use riktlinjer_core::{
    Atgard, AtgardRule, Code as CodeRange, Component, Date, EncodeError, Enhet, Fact, FactScope,
    Grund, Insats, Lag, Meta, Op, Outcome, Param, Property, RawTable, Rule, RuleKind, Status,
    Table, Ursprung,
};

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{self, Block, BlockKind, Field, Item};
use crate::texts;

pub use check::Ty;
pub use ruletest::{RuleTestResult, decimal_text};

/// What compiling one source gives.
#[derive(Debug)]
pub struct Compiled {
    /// The table bytes, when there were no errors.
    pub bytes: Option<Vec<u8>>,
    /// What identifies the compiled version, read from the table the bytes decode to: with
    /// `bytes`, so that a caller need not decode them again to learn it.
    pub identity: Option<Identity>,
    /// Every diagnostic, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The rule tests the riktlinje carries and how each went.
    pub rule_tests: Vec<RuleTestResult>,
}

/// What identifies a compiled version among a kommun's versions: its id, the day it applies
/// from, and whether the nämnd has adopted it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The riktlinje version's id (`exempelkommun-2025-11-01`).
    pub riktlinje_id: String,
    /// The first day it applies.
    pub giltig_fran: Date,
    /// Adopted, or a proposal.
    pub status: Status,
}

impl Identity {
    /// The identity of the version `table` holds.
    pub fn of(table: &Table<'_>) -> Identity {
        let meta = table.meta();
        Identity {
            riktlinje_id: meta.riktlinje_id.to_owned(),
            giltig_fran: meta.giltig_fran,
            status: meta.status,
        }
    }
}

/// The national fact catalogue, which a riktlinje names with `bygger_på: sverige`: the facts
/// every kommun shares and the engine's own, in `rules/sverige/`.
pub const NATIONELL_KATALOG: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../rules/sverige/2019-01-01.md"
));

/// The id the national baseline's head gives it (`sverige-2019-01-01`).
pub fn nationell_grund_id() -> &'static str {
    NATIONELL_KATALOG
        .lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| line.strip_prefix("id: "))
        .unwrap_or(SVERIGE)
}

/// The word a riktlinje's `bygger_på` names the national catalogue by.
pub const SVERIGE: &str = "sverige";

/// The national catalogue on its own, compiled as a table without insatser: the table a case
/// contract for no particular kommun is made from. (A file whose head says `grund:` compiles
/// so; its own `fakta` blocks are its catalogue.)
pub fn nationell_katalog() -> Compiled {
    compile(NATIONELL_KATALOG)
}

/// The national baseline as parsed, with what parsing it found (nothing, as the shipped rules
/// tests hold): it is the same text for every riktlinje, so it is read once.
fn parsed_baseline() -> &'static (source::Document, Vec<Diagnostic>) {
    static PARSED: std::sync::OnceLock<(source::Document, Vec<Diagnostic>)> =
        std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        let mut found = Vec::new();
        let grund = source::parse(
            NATIONELL_KATALOG,
            crate::diagnostic::File::Grund,
            &mut found,
        );
        (grund, found)
    })
}

/// The SHA-256 of the national baseline's source, which a table names it by; computed once.
fn baseline_hash() -> [u8; 32] {
    static HASH: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| riktlinjer_core::hash::sha256(NATIONELL_KATALOG.as_bytes()))
}

/// Compiles one riktlinje source text; with `bygger_på: sverige` it builds on the national
/// catalogue ([`NATIONELL_KATALOG`]).
pub fn compile(text: &str) -> Compiled {
    let mut diagnostics = Vec::new();
    let document = source::parse(text, crate::diagnostic::File::Riktlinje, &mut diagnostics);
    let meta = read_meta(
        &document.front_matter,
        document.front_matter_span,
        &mut diagnostics,
    );
    let grund = meta
        .as_ref()
        .filter(|meta| meta.bygger_pa.is_some())
        .map(|_| {
            let (grund, found) = parsed_baseline();
            diagnostics.extend(found.iter().cloned());
            grund
        });

    let mut catalogue = catalogue::Catalogue::default();
    for block in grund
        .iter()
        .flat_map(|grund| &grund.blocks)
        .chain(&document.blocks)
    {
        if block.kind != BlockKind::Fakta {
            continue;
        }
        for item in &block.items {
            if let Some(fact) = catalogue::read_fact(item, &mut diagnostics) {
                catalogue.add(fact, &mut diagnostics);
            }
        }
    }
    catalogue.check_capacities(&mut diagnostics);
    let mut schablon_items: Vec<(&Block, &Item)> = Vec::new();
    let mut property_items: Vec<(&Block, &Item)> = Vec::new();

    let mut params: Vec<ParamSource> = Vec::new();
    let mut insatser: Vec<InsatsSource> = Vec::new();
    // Insatser whose block has a fault but whose id could be read.
    let mut broken_insatser: Vec<String> = Vec::new();
    let mut atgarder: Vec<atgard::AtgardSource> = Vec::new();
    let mut rule_items: Vec<(&Block, &Item)> = Vec::new();
    let mut test_items: Vec<&Item> = Vec::new();
    let mut paragraf_items: Vec<&Item> = Vec::new();
    // The kinds of insats the law's rules are written for: the baseline's, or a baseline's own.
    let mut kinds: Vec<slag::SlagSource> = Vec::new();
    let own_rules_are_grund = meta.as_ref().is_some_and(|meta| meta.grund);
    for block in grund
        .iter()
        .flat_map(|grund| &grund.blocks)
        .chain(document.blocks.iter().filter(|_| own_rules_are_grund))
        .filter(|block| block.kind == BlockKind::Slag)
    {
        for item in &block.items {
            if let Some(kind) = slag::read(item, &mut diagnostics) {
                kinds.push(kind);
            }
        }
    }
    // The baseline's parameters (the age limit of 9 b § LSS, say) come first: its rules read
    // them, and a riktlinje cannot give one of them a value of its own.
    let grund_params = grund
        .iter()
        .flat_map(|grund| &grund.blocks)
        .filter(|block| block.kind == BlockKind::Parameter)
        .flat_map(|block| &block.items);
    for item in grund_params {
        if let Some(param) = read_param(item, &mut diagnostics) {
            params.push(ParamSource {
                ursprung: Ursprung::Lag,
                ..param
            });
        }
    }
    let n_grund_params = params.len();
    for block in &document.blocks {
        for item in &block.items {
            match block.kind {
                BlockKind::Parameter => {
                    if let Some(param) = read_param(item, &mut diagnostics) {
                        if catalogue.slot(&param.namn).is_some() {
                            diagnostics.push(Diagnostic::error(
                                Code::DubblettId,
                                param.span,
                                texts::ar_redan_namnet_pa(&param.namn),
                            ));
                        } else if params
                            .iter()
                            .take(n_grund_params)
                            .any(|p| p.namn == param.namn)
                        {
                            diagnostics.push(Diagnostic::error(
                                Code::DubblettId,
                                param.span,
                                texts::parametern_ar_lagens_och(&param.namn),
                            ));
                        } else if params.iter().any(|p| p.namn == param.namn) {
                            diagnostics.push(Diagnostic::error(
                                Code::DubblettId,
                                param.span,
                                texts::parametern_finns_redan(&param.namn),
                            ));
                        } else {
                            params.push(ParamSource {
                                ursprung: if own_rules_are_grund {
                                    Ursprung::Lag
                                } else {
                                    Ursprung::Riktlinje
                                },
                                ..param
                            });
                        }
                    }
                }
                BlockKind::Insats => {
                    let Some(insats) = read_insats(item, &block.avsnitt, &mut diagnostics) else {
                        // Its fault is reported; rules naming it should not add one each.
                        if let Some(id) = value(&item.fields, "id")
                            && is_code_name(&id.value)
                        {
                            broken_insatser.push(id.value.clone());
                        }
                        continue;
                    };
                    {
                        if insatser.iter().any(|i| i.id == insats.id) {
                            diagnostics.push(Diagnostic::error(
                                Code::DubblettId,
                                insats.span,
                                texts::insatsen_beskrivs_redan(&insats.id),
                            ));
                        } else {
                            insatser.push(insats);
                        }
                    }
                }
                BlockKind::Atgard => {
                    if let Some(atgard) =
                        atgard::read_atgard(item, &block.avsnitt, &mut diagnostics)
                    {
                        if atgarder.iter().any(|a| a.id == atgard.id) {
                            diagnostics.push(Diagnostic::error(
                                Code::DubblettId,
                                atgard.span,
                                texts::atgarden_beskrivs_redan(&atgard.id),
                            ));
                        } else {
                            atgarder.push(atgard);
                        }
                    }
                }
                BlockKind::Regel => rule_items.push((block, item)),
                BlockKind::Regeltest => test_items.push(item),
                BlockKind::Schablon => schablon_items.push((block, item)),
                BlockKind::Egenskap => property_items.push((block, item)),
                BlockKind::Paragrafer => paragraf_items.push(item),
                BlockKind::Slag if !own_rules_are_grund => diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    item.span,
                    texts::SLAGEN_HOR_TILL_GRUNDEN.to_owned(),
                )),
                BlockKind::Fakta | BlockKind::Slag => {}
            }
        }
    }

    for insats in &insatser {
        slag::check_insats(insats, &kinds, grund.is_some(), &mut diagnostics);
    }
    let param_names: Vec<String> = params.iter().map(|param| param.namn.clone()).collect();
    let scope = check::Scope {
        params: &param_names,
        catalogue: &catalogue,
    };
    let mut components: Vec<schablon::ComponentSource> = Vec::new();
    for (block, item) in schablon_items {
        if let Some(component) =
            schablon::read_component(item, &block.avsnitt, &insatser, &scope, &mut diagnostics)
        {
            components.push(component);
        }
    }
    schablon::check_relations(&components, &mut diagnostics);
    let mut properties: Vec<schablon::PropertySource> = Vec::new();
    for (block, item) in property_items {
        if let Some(property) =
            schablon::read_property(item, &block.avsnitt, &insatser, &scope, &mut diagnostics)
        {
            properties.push(property);
        }
    }
    for insats in &insatser {
        let count = properties.iter().filter(|p| p.insats == insats.id).count();
        if count > MAX_PROPERTIES_PER_INSATS {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                insats.span,
                texts::insatsen_har_egenskaper_karnan(&insats.id, count),
            ));
        }
    }
    if properties.len() > MAX_PROPERTIES {
        diagnostics.push(Diagnostic::error(
            Code::Kapacitet,
            properties
                .get(MAX_PROPERTIES)
                .map_or(Span::default(), |p| p.span),
            texts::riktlinjen_har_egenskaper_karnan(properties.len()),
        ));
    }
    let mut rules: Vec<RuleSource> = Vec::new();
    let mut atgard_rules: Vec<atgard::AtgardRuleSource> = Vec::new();
    let mut seen_ids: HashMap<String, Span> = HashMap::new();
    let mut first_with_id = |id: &str, id_span: Span, diagnostics: &mut Vec<Diagnostic>| {
        if let Some(first) = seen_ids.get(id) {
            let (line, _) = Diagnostic::error(Code::DubblettId, *first, "").line_col(text);
            diagnostics.push(
                Diagnostic::error(Code::DubblettId, id_span, texts::regel_id_anvands_redan(id))
                    .with_note(texts::forsta_regeln_med_samma(line)),
            );
            return false;
        }
        seen_ids.insert(id.to_owned(), id_span);
        true
    };
    // The law's own rules come from the national baseline, first for each insats: the law is
    // prövad before the riktlinje's norms. A rule of the baseline applies to the insatser this
    // riktlinje describes of the kinds the baseline names; the others are not in it.
    let grund_rule_items = grund
        .iter()
        .flat_map(|grund| &grund.blocks)
        .filter(|block| block.kind == BlockKind::Regel)
        .flat_map(|block| block.items.iter().map(move |item| (block, item)));
    for (block, item) in grund_rule_items {
        let avsnitt = texts::i_den_nationella_grunden(&block.avsnitt);
        if let Some(rule) = read_grund_rule(
            item,
            &avsnitt,
            (&insatser, &kinds),
            &scope,
            &mut diagnostics,
        ) && first_with_id(&rule.id, rule.id_span, &mut diagnostics)
        {
            rules.push(rule);
        }
    }
    for (block, item) in rule_items {
        if own_rules_are_grund && item.field("åtgärd").is_none() {
            if let Some(rule) = read_grund_rule(
                item,
                &block.avsnitt,
                (&insatser, &kinds),
                &scope,
                &mut diagnostics,
            ) && first_with_id(&rule.id, rule.id_span, &mut diagnostics)
            {
                rules.push(rule);
            }
            continue;
        }
        // A rule with an `åtgärd:` key is about skyddsåtgärder; any other about insatser.
        if item.field("åtgärd").is_some() {
            let Some(rule) =
                atgard::read_rule(item, &block.avsnitt, &atgarder, &scope, &mut diagnostics)
            else {
                continue;
            };
            if first_with_id(&rule.id, rule.id_span, &mut diagnostics) {
                atgard_rules.push(rule);
            }
            continue;
        }
        let Some(rule) = read_rule(
            item,
            &block.avsnitt,
            (&insatser, &broken_insatser),
            &scope,
            &mut diagnostics,
        ) else {
            continue;
        };
        // The law's bars are the baseline's to say: a kommun's norm can at most not be met.
        if rule.utfall == RuleKind::LagenHindrar
            && let Some(utfall) = value(&item.fields, "utfall")
        {
            diagnostics.push(lagen_hindrar_i_riktlinjen(utfall.value_span()));
        }
        if first_with_id(&rule.id, rule.id_span, &mut diagnostics) {
            rules.push(rule);
        }
    }
    // Which paragraphs a law replaced is the law's to say: the baseline's alone.
    for item in paragraf_items {
        if own_rules_are_grund {
            paragrafer::read(item, &mut diagnostics);
        } else {
            diagnostics.push(Diagnostic::error(
                Code::OgiltigtVarde,
                item.span,
                texts::EN_KARTA_OVER_UPPHAVDA.to_owned(),
            ));
        }
    }
    atgard::check_coverage(
        &atgarder,
        &atgard_rules,
        &params,
        &catalogue,
        &mut diagnostics,
    );
    check_capacities(&meta, &insatser, &params, &rules, &mut diagnostics);
    check_schablon_capacities(&insatser, &components, &rules, &mut diagnostics);
    atgard::check_capacities(&atgarder, &atgard_rules, &mut diagnostics);
    let code_bytes: usize = rules
        .iter()
        .map(|rule| rule.condition.code.len())
        .chain(atgard_rules.iter().map(|rule| rule.condition.code.len()))
        .sum();
    if code_bytes > MAX_CODE_BYTES {
        diagnostics.push(Diagnostic::error(
            Code::Kapacitet,
            Span::default(),
            texts::villkoren_upptar_byte_karnan(code_bytes),
        ));
    }

    // The static checks run on the rules that did compile, even when others did not, so one
    // run of `check` reports every kind of fault at once.
    let mut rule_tests = Vec::new();
    let mut bytes = None;
    let mut identity = None;
    let fits = !diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == Code::Kapacitet);
    if let (Some(meta), true) = (&meta, fits) {
        let clean_so_far = diagnostics.is_empty();
        let sources = Sources {
            insatser: &insatser,
            params: &params,
            rules: &rules,
            atgarder: &atgarder,
            atgard_rules: &atgard_rules,
            catalogue: &catalogue,
            components: &components,
            properties: &properties,
        };
        match encode(meta, &sources) {
            // Decoded where it is kept: a table by value is a copy of its fixed-size lists.
            Ok(encoded) => match Table::decode_into(&encoded, &mut None) {
                Ok(table) => {
                    shadow::check(table, &rules, &params, &catalogue, &mut diagnostics);
                    shadow::check_atgard_rules(
                        table,
                        &atgard_rules,
                        &params,
                        &catalogue,
                        &mut diagnostics,
                    );
                    if clean_so_far {
                        rule_tests = ruletest::run(table, &test_items, &mut diagnostics);
                    }
                    if diagnostics.is_empty() {
                        bytes = Some(encoded.clone());
                        identity = Some(Identity::of(table));
                    }
                }
                Err(error) => diagnostics.push(Diagnostic::error(
                    Code::Kapacitet,
                    Span::default(),
                    texts::den_kompilerade_tabellen_avvisades(error),
                )),
            },
            Err(message) => {
                diagnostics.push(Diagnostic::error(Code::Kapacitet, Span::default(), message))
            }
        }
    }
    diagnostics.sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.code));
    Compiled {
        bytes,
        identity,
        diagnostics,
        rule_tests,
    }
}

/// The front matter, read.
#[derive(Clone, Debug)]
pub struct MetaSource {
    riktlinje_id: String,
    kommun: String,
    namnd: String,
    titel: String,
    beslutsdatum: Option<Date>,
    paragraf: String,
    dnr: String,
    giltig_fran: Date,
    status: Status,
    /// The national catalogue it builds on (`bygger_på: sverige`).
    bygger_pa: Option<String>,
    /// It is the national baseline itself (`grund: sverige`).
    grund: bool,
}

#[derive(Clone, Debug)]
struct ParamSource {
    namn: String,
    lagrum: String,
    values: Vec<(Date, i32)>,
    span: Span,
    ursprung: Ursprung,
}

#[derive(Clone, Debug)]
struct InsatsSource {
    id: String,
    namn: String,
    lag: Lag,
    lagrum: String,
    avsnitt: String,
    enhet: Enhet,
    annars: Outcome,
    decimals: u8,
    span: Span,
    /// The kind of insats the law's rules in the baseline know it as (`slag:`), and where.
    slag: Option<(String, Span)>,
}

impl InsatsSource {
    /// Its kind: its `slag`, or else its id.
    fn kind(&self) -> &str {
        self.slag.as_ref().map_or(&self.id, |(slag, _)| slag)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct RuleSource {
    id: String,
    id_span: Span,
    insats: Vec<String>,
    utfall: RuleKind,
    /// In thousandths of the insats's unit.
    omfattning: Option<i64>,
    lagrum: String,
    avsnitt: String,
    ursprung: Ursprung,
    skal: String,
    villkor: String,
    line: u32,
    condition: check::Condition,
}

/// Checks that an item has only `allowed` keys, each once, and every key in `required`.
fn check_keys(
    fields: &[Field],
    whole: Span,
    what: &str,
    allowed: &[&str],
    required: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let before = diagnostics.len();
    for (index, field) in fields.iter().enumerate() {
        if !allowed.contains(&field.key.as_str()) {
            let mut diagnostic = Diagnostic::error(
                Code::OkandNyckel,
                field.key_span,
                texts::har_ingen_nyckel(&field.key, what),
            )
            .with_note(texts::nycklarna_ar(names::one_of(allowed)));
            if let Some(suggestion) = names::suggest(&field.key, allowed.iter().copied()) {
                diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
            }
            diagnostics.push(diagnostic);
        } else if fields[..index]
            .iter()
            .any(|earlier| earlier.key == field.key)
        {
            diagnostics.push(Diagnostic::error(
                Code::DubblettId,
                field.key_span,
                texts::nyckeln_star_tva_ganger(&field.key),
            ));
        }
    }
    for key in required {
        let present = fields
            .iter()
            .any(|field| field.key == *key && !field.value.is_empty());
        if !present {
            diagnostics.push(Diagnostic::error(
                Code::NyckelSaknas,
                fields.first().map_or(whole, |field| field.key_span),
                texts::saknar(what, key),
            ));
        }
    }
    diagnostics.len() == before
}

fn value<'a>(fields: &'a [Field], key: &str) -> Option<&'a Field> {
    fields
        .iter()
        .find(|field| field.key == key && !field.value.is_empty())
}

fn date_value(field: &Field, diagnostics: &mut Vec<Diagnostic>) -> Option<Date> {
    match Date::parse(&field.value) {
        Ok(date) => Some(date),
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::OgiltigtVarde,
                field.value_span(),
                texts::ar_inget_giltigt_datum(&field.value, error),
            ));
            None
        }
    }
}

fn word_value<T: Copy>(
    field: &Field,
    list: &[(&str, T)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if let Some(value) = names::lookup(list, &field.value) {
        return Some(value);
    }
    let mut diagnostic = Diagnostic::error(
        Code::OgiltigtVarde,
        field.value_span(),
        texts::gar_inte_att_anvanda_som_skriv(&field.value, &field.key, names::alternatives(list)),
    );
    if let Some(suggestion) = names::suggest(&field.value, list.iter().map(|(word, _)| *word)) {
        diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
    }
    diagnostics.push(diagnostic);
    None
}

fn read_meta(
    fields: &[Field],
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<MetaSource> {
    if fields.is_empty() {
        diagnostics.push(Diagnostic::error(
            Code::Huvud,
            span,
            texts::RIKTLINJEN_SAKNAR_HUVUD_DEN,
        ));
        return None;
    }
    // The national catalogue has a head of its own: what it is the baseline of, no nämnd.
    let catalogue = value(fields, "grund").is_some();
    let allowed: &[&str] = if catalogue {
        &["id", "grund", "titel", "giltig_från"]
    } else {
        &[
            "id",
            "kommun",
            "nämnd",
            "titel",
            "beslutsdatum",
            "paragraf",
            "dnr",
            "giltig_från",
            "status",
            "bygger_på",
        ]
    };
    let required: &[&str] = if catalogue {
        &["id", "grund", "giltig_från"]
    } else {
        &["id", "kommun", "nämnd", "giltig_från", "status"]
    };
    let keys_ok = check_keys(fields, span, "huvudet", allowed, required, diagnostics);
    let text = |key: &str| {
        value(fields, key)
            .map(|field| field.value.clone())
            .unwrap_or_default()
    };
    let giltig_fran = value(fields, "giltig_från").and_then(|field| date_value(field, diagnostics));
    let beslutsdatum = match value(fields, "beslutsdatum") {
        Some(field) => Some(date_value(field, diagnostics)?),
        None => None,
    };
    let status = if catalogue {
        Some(Status::Forslag)
    } else {
        value(fields, "status").and_then(|field| {
            word_value(
                field,
                &[("antagen", Status::Antagen), ("förslag", Status::Forslag)],
                diagnostics,
            )
        })
    };
    if let Some(field) = value(fields, "grund") {
        word_value(field, &[(SVERIGE, ())], diagnostics)?;
    }
    if let Some(field) = value(fields, "id") {
        let valid = !field.value.is_empty()
            && field
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            diagnostics.push(Diagnostic::error(
                Code::OgiltigtVarde,
                field.value_span(),
                texts::gar_inte_att_anvanda_som_id(&field.value),
            ));
            return None;
        }
    }
    let bygger_pa = match value(fields, "bygger_på") {
        Some(field) => Some(word_value(field, &[(SVERIGE, SVERIGE)], diagnostics)?.to_owned()),
        None => None,
    };
    if !keys_ok {
        return None;
    }
    Some(MetaSource {
        bygger_pa,
        grund: catalogue,
        riktlinje_id: text("id"),
        kommun: if catalogue {
            "Sverige".to_owned()
        } else {
            text("kommun")
        },
        namnd: text("nämnd"),
        titel: text("titel"),
        beslutsdatum,
        paragraf: text("paragraf"),
        dnr: text("dnr"),
        giltig_fran: giltig_fran?,
        status: status?,
    })
}

/// The fault of a block naming an insats the riktlinje does not describe, with the likely one
/// meant.
fn unknown_insats(name: &str, span: Span, insatser: &[InsatsSource]) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        Code::OkandInsats,
        span,
        texts::riktlinjen_beskriver_ingen_insats(name),
    );
    match names::suggest(name, insatser.iter().map(|known| known.id.as_str())) {
        Some(suggestion) => diagnostic.with_note(texts::menade_du(suggestion)),
        None => diagnostic,
    }
}

/// The decimals an omfattning in `enhet` is compared and shown at, unless the insats says.
fn default_decimals(enhet: Enhet) -> u8 {
    match enhet {
        Enhet::TimmarPerManad | Enhet::TimmarPerVecka => 1,
        _ => 0,
    }
}

/// The exact factor from one of `enhet` to the core's canonical units (minutes or tillfällen per
/// år), as the table states it.
fn to_canonical(enhet: Enhet) -> (i64, i64) {
    match enhet {
        Enhet::TimmarPerManad => (60 * 12, 1),
        Enhet::TimmarPerVecka => (60 * 52, 1),
        Enhet::DygnPerManad => (1_440 * 12, 1),
        Enhet::GangerPerVecka => (52, 1),
        Enhet::Larm | Enhet::Plats | Enhet::Beslut => (1, 1),
    }
}

/// A non-negative number with at most three decimals (`7`, `7,5`, `7.25`) in thousandths.
pub fn thousandths_of(text: &str) -> Option<i64> {
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 3 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let mut scaled = fraction.to_owned();
    while scaled.len() < 3 {
        scaled.push('0');
    }
    whole
        .checked_mul(1_000)?
        .checked_add(scaled.parse::<i64>().ok()?)
}

/// A name a riktlinje gives a fact, a value or a schablon: lower case letters (with å, ä, ö,
/// é), digits and `_`.
pub(crate) fn is_fact_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || "åäöéü".contains(c)
        })
}

/// The item's `id`, when it is a code name (or absent); `None`, with the fault `message` gives at
/// the id, when it is not.
fn code_id<'f>(
    fields: &'f [Field],
    message: impl FnOnce(&str) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Option<&'f Field>> {
    let id = value(fields, "id");
    if let Some(id) = id
        && !is_code_name(&id.value)
    {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            id.value_span(),
            message(&id.value),
        ));
        return None;
    }
    Some(id)
}

fn is_code_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_INSATS_ID_LEN
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn read_param(item: &Item, diagnostics: &mut Vec<Diagnostic>) -> Option<ParamSource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_PARAMETER,
        &["namn", "värde", "lagrum"],
        &["namn", "värde", "lagrum"],
        diagnostics,
    );
    if !keys_ok {
        return None;
    }
    let namn = value(&item.fields, "namn")?;
    let field = value(&item.fields, "värde")?;
    let mut values = Vec::new();
    for part in field.value.split(',') {
        let part = part.trim();
        let (number, from) = match part.split_once(" från ") {
            Some((number, from)) => (number.trim(), Some(from.trim())),
            None => (part, None),
        };
        let number = number.parse::<i32>().ok();
        let from = match from {
            Some(text) => Date::parse(text).ok(),
            None => Some(Date::MIN),
        };
        match (number, from) {
            (Some(number), Some(from)) => values.push((from, number)),
            _ => {
                diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    field.value_span(),
                    texts::gar_inte_att_lasa(part),
                ));
                return None;
            }
        }
    }
    if values.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
        diagnostics.push(Diagnostic::error(
            Code::OgiltigtVarde,
            field.value_span(),
            texts::VARDENA_SKA_STA_I,
        ));
        return None;
    }
    Some(ParamSource {
        namn: namn.value.clone(),
        lagrum: value(&item.fields, "lagrum")?.value.clone(),
        values,
        span: item.span,
        ursprung: Ursprung::Riktlinje,
    })
}

fn read_insats(
    item: &Item,
    avsnitt: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<InsatsSource> {
    let keys_ok = check_keys(
        &item.fields,
        item.span,
        texts::EN_INSATS,
        &[
            "id",
            "namn",
            "lag",
            "lagrum",
            "enhet",
            "annars",
            "decimaler",
            "slag",
        ],
        &["id", "namn", "lag", "lagrum"],
        diagnostics,
    );
    let id = code_id(
        &item.fields,
        |id| texts::gar_inte_att_anvanda_som(id),
        diagnostics,
    )?;
    let lag =
        value(&item.fields, "lag").and_then(|field| word_value(field, &names::LAGAR, diagnostics));
    let enhet = match value(&item.fields, "enhet") {
        Some(field) => Some(word_value(field, &names::ENHETER, diagnostics)?),
        None => Some(Enhet::Beslut),
    };
    let annars = match value(&item.fields, "annars") {
        Some(field) => Some(word_value(field, &names::OUTCOMES, diagnostics)?),
        None => Some(Outcome::KraverIndividuellBedomning),
    };
    let decimals = match value(&item.fields, "decimaler") {
        Some(field) => Some(word_value(
            field,
            &[("0", 0u8), ("1", 1), ("2", 2), ("3", 3)],
            diagnostics,
        )?),
        None => enhet.map(default_decimals),
    };
    if !keys_ok {
        return None;
    }
    Some(InsatsSource {
        id: id?.value.clone(),
        namn: value(&item.fields, "namn")?.value.clone(),
        lag: lag?,
        lagrum: value(&item.fields, "lagrum")?.value.clone(),
        avsnitt: avsnitt.to_owned(),
        enhet: enhet?,
        annars: annars?,
        decimals: decimals?,
        span: id.map_or(item.span, Field::value_span),
        slag: value(&item.fields, "slag").map(|field| (field.value.clone(), field.value_span())),
    })
}

fn read_rule(
    item: &Item,
    avsnitt: &str,
    (insatser, broken_insatser): (&[InsatsSource], &[String]),
    scope: &check::Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RuleSource> {
    let keys_ok = check_rule_keys(item, diagnostics);
    // `insats: a, b, c` gives the same rule to several insatser (a personkrets rule for every
    // LSS insats, say); each gets its own copy in the table, with the same id.
    let insats = value(&item.fields, "insats");
    let mut insats_ids = Vec::new();
    if let Some(insats) = insats {
        let mut offset = 0;
        for part in insats.value.split(',') {
            let name = part.trim();
            let start = offset + (part.len() - part.trim_start().len());
            offset += part.len() + 1;
            if insatser.iter().any(|known| known.id == name) {
                if !insats_ids.iter().any(|known: &String| known == name) {
                    insats_ids.push(name.to_owned());
                }
                continue;
            }
            if broken_insatser.iter().any(|known| known == name) {
                continue;
            }
            diagnostics.push(unknown_insats(
                name,
                insats.sub_span(start, start + name.len()),
                insatser,
            ));
        }
    }
    let keys_ok = keys_ok && insats.is_some() && !insats_ids.is_empty();
    read_rule_for(item, avsnitt, insats_ids, keys_ok, scope, diagnostics)
}

/// The rest of a rule, for the insatser `insats_ids` it was resolved to; `None` unless
/// `keys_ok`, after reporting every fault in it.
fn read_rule_for(
    item: &Item,
    avsnitt: &str,
    insats_ids: Vec<String>,
    keys_ok: bool,
    scope: &check::Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RuleSource> {
    let id = value(&item.fields, "id");
    let utfall = value(&item.fields, "utfall")
        .and_then(|field| word_value(field, &names::RULE_KINDS, diagnostics));
    let omfattning = match value(&item.fields, "omfattning") {
        Some(field) => match thousandths_of(&field.value) {
            Some(omfattning) => Some(omfattning),
            None => {
                diagnostics.push(Diagnostic::error(
                    Code::OgiltigtVarde,
                    field.value_span(),
                    texts::OMFATTNINGEN_SKA_VARA_ETT.to_owned(),
                ));
                return None;
            }
        },
        None => None,
    };
    let condition = value(&item.fields, "när").and_then(|field| {
        check::compile_field(
            field,
            scope,
            &[FactScope::Person, FactScope::Ansokan],
            texts::EN_REGEL_OM_EN,
            diagnostics,
        )
    });
    if !keys_ok {
        return None;
    }
    let id = id?;
    Some(RuleSource {
        id: id.value.clone(),
        id_span: id.value_span(),
        insats: insats_ids,
        utfall: utfall?,
        omfattning,
        lagrum: value(&item.fields, "lagrum")?.value.clone(),
        avsnitt: avsnitt.to_owned(),
        ursprung: Ursprung::Riktlinje,
        skal: value(&item.fields, "skäl")?.value.clone(),
        villkor: value(&item.fields, "när")?.value.clone(),
        line: item.line,
        condition: condition?,
    })
}

/// A rule of the national baseline, for the insatser of `insatser` of the kinds it names; `None`
/// when there are none (the riktlinje describes no insats of those kinds). Its faults are the
/// baseline's, reported as for any rule.
fn read_grund_rule(
    item: &Item,
    avsnitt: &str,
    (insatser, kinds): (&[InsatsSource], &[slag::SlagSource]),
    scope: &check::Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RuleSource> {
    let named = value(&item.fields, "insats")?;
    let insats_ids = slag::insatser_of(named, kinds, insatser, diagnostics);
    if insats_ids.is_empty() {
        return None;
    }
    let keys_ok = check_rule_keys(item, diagnostics);
    let rule = read_rule_for(item, avsnitt, insats_ids, keys_ok, scope, diagnostics)?;
    Some(RuleSource {
        ursprung: Ursprung::Lag,
        ..rule
    })
}

/// Checks the keys of a rule about an insats.
fn check_rule_keys(item: &Item, diagnostics: &mut Vec<Diagnostic>) -> bool {
    check_keys(
        &item.fields,
        item.span,
        texts::EN_REGEL,
        &[
            "id",
            "insats",
            "när",
            "utfall",
            "omfattning",
            "lagrum",
            "skäl",
        ],
        &["id", "insats", "när", "utfall", "lagrum", "skäl"],
        diagnostics,
    )
}

/// R016 at `span`, the `utfall` of a riktlinje's own rule.
fn lagen_hindrar_i_riktlinjen(span: Span) -> Diagnostic {
    use crate::diagnostic::{LAGEN_HINDRAR_I_RIKTLINJEN, LAGEN_HINDRAR_I_RIKTLINJEN_NOTER};
    LAGEN_HINDRAR_I_RIKTLINJEN_NOTER.iter().fold(
        Diagnostic::error(
            Code::LagenHindrarIRiktlinjen,
            span,
            LAGEN_HINDRAR_I_RIKTLINJEN,
        ),
        |diagnostic, note| diagnostic.with_note(*note),
    )
}

fn check_capacities(
    meta: &Option<MetaSource>,
    insatser: &[InsatsSource],
    params: &[ParamSource],
    rules: &[RuleSource],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let whole = Span::default();
    let mut over = |span: Span, message: String| {
        diagnostics.push(Diagnostic::error(Code::Kapacitet, span, message));
    };
    if insatser.len() > MAX_INSATSER {
        over(whole, texts::riktlinjen_har_insatser_karnan(insatser.len()));
    }
    let n_table_rules: usize = rules.iter().map(|rule| rule.insats.len()).sum();
    if n_table_rules > MAX_RULES {
        over(whole, texts::riktlinjen_har_regler_karnan(n_table_rules));
    }
    if params.len() > MAX_PARAMS {
        over(whole, texts::riktlinjen_har_parametrar_karnan(params.len()));
    }
    for param in params {
        if param.values.len() > MAX_PARAM_VALUES {
            over(
                param.span,
                texts::parametern_har_varden_karnan(&param.namn, param.values.len()),
            );
        }
    }
    for insats in insatser {
        let listing = rules
            .iter()
            .filter(|rule| rule.insats.contains(&insats.id))
            .filter(|rule| matches!(rule.utfall, RuleKind::LagenHindrar | RuleKind::Upplysning))
            .count();
        if listing + 2 > MAX_REASONS_PER_INSATS {
            over(
                insats.span,
                texts::insatsen_har_regler_om(&insats.id, MAX_REASONS_PER_INSATS, listing),
            );
        }
    }
    let _ = meta;
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

/// The checked sources of one table.
struct Sources<'a> {
    insatser: &'a [InsatsSource],
    params: &'a [ParamSource],
    rules: &'a [RuleSource],
    atgarder: &'a [atgard::AtgardSource],
    atgard_rules: &'a [atgard::AtgardRuleSource],
    catalogue: &'a catalogue::Catalogue,
    components: &'a [schablon::ComponentSource],
    properties: &'a [schablon::PropertySource],
}

/// Checks the schablon components against the core's capacities.
fn check_schablon_capacities(
    insatser: &[InsatsSource],
    components: &[schablon::ComponentSource],
    rules: &[RuleSource],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if components.len() > MAX_COMPONENTS {
        diagnostics.push(Diagnostic::error(
            Code::Kapacitet,
            components
                .get(MAX_COMPONENTS)
                .map_or(Span::default(), |c| c.span),
            texts::riktlinjen_har_schabloner_karnan(components.len()),
        ));
    }
    for insats in insatser {
        let count = components.iter().filter(|c| c.insats == insats.id).count();
        if count > MAX_COMPONENTS_PER_INSATS {
            diagnostics.push(Diagnostic::error(
                Code::Kapacitet,
                insats.span,
                texts::insatsen_har_schabloner_karnan(&insats.id, count),
            ));
        }
    }
    let numbers: usize = rules
        .iter()
        .map(|rule| rule.condition.numbers.len())
        .chain(components.iter().map(|c| {
            [
                Some(&c.tid),
                c.antal.as_ref(),
                c.hogst.as_ref(),
                c.villkor.as_ref(),
                c.delas.as_ref(),
            ]
            .into_iter()
            .flatten()
            .map(|code| code.numbers.len())
            .sum()
        }))
        .sum();
    if numbers > MAX_NUMBERS {
        diagnostics.push(Diagnostic::error(
            Code::Kapacitet,
            Span::default(),
            texts::riktlinjens_tal_och_omrakningar(numbers),
        ));
    }
}

/// Appends `condition`'s code to `code`, moving its numbers into the table's `pool` (each number
/// once), and gives where it lies.
fn place(
    code: &mut Vec<u8>,
    pool: &mut Vec<(i64, i64)>,
    condition: &check::Condition,
) -> Result<CodeRange, String> {
    let overflow = || texts::RIKTLINJEN_HAR_FLER_VILLKOR.to_owned();
    let start = u32::try_from(code.len()).map_err(|_| overflow())?;
    for chunk in condition.code.chunks(OP_SIZE) {
        match chunk {
            [opcode, a, b, c, d] if *opcode == Op::Num as u8 => {
                let local = usize::try_from(i32::from_le_bytes([*a, *b, *c, *d]))
                    .map_err(|_| overflow())?;
                let number = *condition.numbers.get(local).ok_or_else(overflow)?;
                let index = match pool.iter().position(|known| *known == number) {
                    Some(index) => index,
                    None => {
                        pool.push(number);
                        pool.len() - 1
                    }
                };
                code.extend_from_slice(
                    &Op::Num.encode(i32::try_from(index).map_err(|_| overflow())?),
                );
            }
            other => code.extend_from_slice(other),
        }
    }
    let len = u32::try_from(code.len()).map_err(|_| overflow())? - start;
    Ok(CodeRange { start, len })
}

/// Checks one rule against the core's per-rule capacities: the length and depth of its
/// condition code, and the length of its texts. Rules on insatser and on skyddsåtgärder share it.
pub(crate) fn check_rule_capacity(
    id: &str,
    id_span: Span,
    condition: &check::Condition,
    texts: [&str; 3],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut over = |message: String| {
        diagnostics.push(Diagnostic::error(Code::Kapacitet, id_span, message));
    };
    let ops = condition.code.len() / OP_SIZE;
    if ops > MAX_RULE_OPS {
        over(texts::villkoret_i_ar_for_langt(id, ops));
    }
    if condition.max_depth > MAX_STACK {
        over(texts::villkoret_i_ar_for(condition.max_depth, id));
    }
    for text in texts {
        if text.len() > MAX_TEXT_LEN {
            over(texts::en_text_i_ar(text.len(), id));
        }
    }
}

/// Builds the core's table from the checked sources and encodes it.
fn encode(meta: &MetaSource, sources: &Sources<'_>) -> Result<Vec<u8>, String> {
    let Sources {
        insatser,
        params,
        rules,
        atgarder,
        atgard_rules,
        catalogue,
        components,
        properties,
    } = *sources;
    let overflow = |what: &str| texts::riktlinjen_har_fler_an(what);
    let mut code = Vec::new();
    let mut numbers: Vec<(i64, i64)> = Vec::new();
    let mut table_rules = heapless::Vec::new();
    let mut table_insatser = heapless::Vec::new();
    let mut table_components = heapless::Vec::new();
    let mut table_properties = heapless::Vec::new();
    for (insats_idx, insats) in insatser.iter().enumerate() {
        let first_rule = table_rules.len();
        let first_component = table_components.len();
        let first_property = table_properties.len();
        for property in properties.iter().filter(|p| p.insats == insats.id) {
            let villkor = match &property.villkor {
                Some(condition) => place(&mut code, &mut numbers, condition)?,
                None => CodeRange::default(),
            };
            table_properties
                .push(Property {
                    insats: u8::try_from(insats_idx).map_err(|_| overflow("insatser"))?,
                    namn: &property.namn,
                    text: &property.text,
                    varde: &property.varde,
                    avsnitt: &property.avsnitt,
                    villkor,
                })
                .map_err(|_| overflow("egenskaper"))?;
        }
        let own: Vec<&schablon::ComponentSource> = components
            .iter()
            .filter(|component| component.insats == insats.id)
            .collect();
        for component in &own {
            let optional = |code: &mut Vec<u8>,
                            numbers: &mut Vec<(i64, i64)>,
                            condition: &Option<check::Condition>|
             -> Result<CodeRange, String> {
                match condition {
                    Some(condition) => place(code, numbers, condition),
                    None => Ok(CodeRange::default()),
                }
            };
            let villkor = optional(&mut code, &mut numbers, &component.villkor)?;
            let tid = place(&mut code, &mut numbers, &component.tid)?;
            let antal = optional(&mut code, &mut numbers, &component.antal)?;
            let hogst = optional(&mut code, &mut numbers, &component.hogst)?;
            let delas = optional(&mut code, &mut numbers, &component.delas)?;
            let ingar_i = match &component.ingar_i {
                Some((includer, _)) => own
                    .iter()
                    .position(|other| other.id == *includer)
                    .map(|offset| u16::try_from(first_component + offset))
                    .transpose()
                    .map_err(|_| overflow("schabloner"))?,
                None => None,
            };
            table_components
                .push(Component {
                    insats: u8::try_from(insats_idx).map_err(|_| overflow("insatser"))?,
                    id: &component.id,
                    namn: &component.namn,
                    avsnitt: &component.avsnitt,
                    tid_enhet: &component.tid_text,
                    antal_enhet: &component.antal_text,
                    villkor,
                    tid,
                    antal,
                    hogst,
                    delas,
                    ingar_i,
                    line: component.line,
                })
                .map_err(|_| overflow("schabloner"))?;
        }
        for rule in rules.iter().filter(|rule| rule.insats.contains(&insats.id)) {
            let placed = place(&mut code, &mut numbers, &rule.condition)?;
            let code_start = placed.start;
            table_rules
                .push(Rule {
                    id: &rule.id,
                    insats: u8::try_from(insats_idx).map_err(|_| overflow("insatser"))?,
                    utfall: rule.utfall,
                    omfattning: rule.omfattning,
                    lagrum: &rule.lagrum,
                    avsnitt: &rule.avsnitt,
                    ursprung: rule.ursprung,
                    skal: &rule.skal,
                    villkor: &rule.villkor,
                    line: rule.line,
                    code_start,
                    code_len: placed.len,
                })
                .map_err(|_| overflow("regler"))?;
        }
        table_insatser
            .push(Insats {
                id: &insats.id,
                namn: &insats.namn,
                lag: insats.lag,
                lagrum: &insats.lagrum,
                avsnitt: &insats.avsnitt,
                enhet: insats.enhet,
                annars: insats.annars,
                first_rule: u16::try_from(first_rule).map_err(|_| overflow("regler"))?,
                n_rules: u16::try_from(table_rules.len() - first_rule)
                    .map_err(|_| overflow("regler"))?,
                decimals: insats.decimals,
                to_canonical: to_canonical(insats.enhet),
                first_component: u16::try_from(first_component)
                    .map_err(|_| overflow("schabloner"))?,
                n_components: u8::try_from(table_components.len() - first_component)
                    .map_err(|_| overflow("schabloner"))?,
                first_property: u16::try_from(first_property)
                    .map_err(|_| overflow("egenskaper"))?,
                n_properties: u8::try_from(table_properties.len() - first_property)
                    .map_err(|_| overflow("egenskaper"))?,
            })
            .map_err(|_| overflow("insatser"))?;
    }
    let mut table_params = heapless::Vec::new();
    for param in params {
        let mut values = heapless::Vec::new();
        for value in &param.values {
            values
                .push(*value)
                .map_err(|_| overflow("parametervärden"))?;
        }
        table_params
            .push(Param {
                namn: &param.namn,
                lagrum: &param.lagrum,
                values,
                ursprung: param.ursprung,
            })
            .map_err(|_| overflow("parametrar"))?;
    }
    let mut table_atgarder = heapless::Vec::new();
    for atgard in atgarder {
        table_atgarder
            .push(Atgard {
                id: &atgard.id,
                namn: &atgard.namn,
                lagrum: &atgard.lagrum,
                avsnitt: &atgard.avsnitt,
                digital_teknik: atgard.digital_teknik,
            })
            .map_err(|_| overflow("åtgärder"))?;
    }
    let mut table_atgard_rules = heapless::Vec::new();
    for rule in atgard_rules {
        let placed = place(&mut code, &mut numbers, &rule.condition)?;
        let code_start = placed.start;
        table_atgard_rules
            .push(AtgardRule {
                id: &rule.id,
                atgarder: rule.mask(atgarder),
                utfall: rule.utfall,
                lagrum: &rule.lagrum,
                avsnitt: &rule.avsnitt,
                skal: &rule.skal,
                villkor: &rule.villkor,
                line: rule.line,
                code_start,
                code_len: placed.len,
            })
            .map_err(|_| overflow(texts::REGLER_OM_SKYDDSATGARDER))?;
    }
    let mut facts = heapless::Vec::new();
    let mut words = heapless::Vec::new();
    for fact in &catalogue.facts {
        let first_word = u16::try_from(words.len()).map_err(|_| overflow("värden"))?;
        for word in &fact.words {
            words
                .push(word.as_str())
                .map_err(|_| overflow(texts::VARDEN_FOR_VAL_OCH))?;
        }
        facts
            .push(Fact {
                name: &fact.name,
                beskrivning: &fact.beskrivning,
                grupp: &fact.grupp,
                enhet: &fact.enhet,
                scope: fact.scope,
                kind: fact.kind,
                first_word,
                n_words: u8::try_from(fact.words.len()).map_err(|_| overflow("värden"))?,
                builtin: fact.builtin,
                andringsbar: fact.andringsbar,
                saknas: fact.saknas,
            })
            .map_err(|_| overflow("uppgifter"))?;
    }
    let table_numbers: heapless::Vec<(i64, i64), MAX_NUMBERS> =
        heapless::Vec::from_slice(&numbers).map_err(|_| overflow("tal"))?;
    let table = RawTable {
        meta: Meta {
            riktlinje_id: &meta.riktlinje_id,
            kommun: &meta.kommun,
            namnd: &meta.namnd,
            titel: &meta.titel,
            beslutsdatum: meta.beslutsdatum,
            paragraf: &meta.paragraf,
            dnr: &meta.dnr,
            giltig_fran: meta.giltig_fran,
            status: meta.status,
            grund: meta.bygger_pa.as_ref().map(|_| Grund {
                id: nationell_grund_id(),
                hash: baseline_hash(),
            }),
        },
        insatser: table_insatser,
        params: table_params,
        rules: table_rules,
        code: &code,
        atgarder: table_atgarder,
        atgard_rules: table_atgard_rules,
        facts,
        words,
        numbers: table_numbers,
        components: table_components,
        properties: table_properties,
    };
    let texts: usize = rules
        .iter()
        .map(|rule| {
            rule.skal.len()
                + rule.lagrum.len()
                + rule.villkor.len()
                + rule.avsnitt.len()
                + rule.id.len()
                + 32
        })
        .chain(atgard_rules.iter().map(|rule| {
            rule.skal.len()
                + rule.lagrum.len()
                + rule.villkor.len()
                + rule.avsnitt.len()
                + rule.id.len()
                + 32
        }))
        .chain(atgarder.iter().map(|atgard| {
            atgard.id.len() + atgard.namn.len() + atgard.lagrum.len() + atgard.avsnitt.len() + 16
        }))
        .chain(catalogue.facts.iter().map(|fact| {
            fact.name.len()
                + fact.beskrivning.len()
                + fact.grupp.len()
                + fact.enhet.len()
                + fact.words.iter().map(|word| word.len() + 2).sum::<usize>()
                + 16
        }))
        .chain(properties.iter().map(|property| {
            property.namn.len()
                + property.text.len()
                + property.varde.len()
                + property.avsnitt.len()
                + 32
        }))
        .chain(components.iter().map(|component| {
            component.id.len()
                + component.namn.len()
                + component.avsnitt.len()
                + component.tid_text.len()
                + component.antal_text.len()
                + 64
        }))
        .sum();
    // The estimate is generous for a riktlinje of the usual size; when it falls short (a
    // riktlinje of thousands of rules, whose fixed-size fields it leaves out), the room is
    // doubled until the table fits.
    let mut room = 64 * 1024 + texts * 2 + code.len();
    loop {
        let mut buffer = vec![0u8; room];
        match table.encode(&mut buffer) {
            Ok(len) => {
                buffer.truncate(len);
                return Ok(buffer);
            }
            Err(EncodeError::BufferTooSmall) if room < MAX_ENCODE_ROOM => room *= 2,
            Err(error) => return Err(error.to_string()),
        }
    }
}

/// The most room the encoder is given for one table: far past what the core holds.
const MAX_ENCODE_ROOM: usize = 256 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "---\nid: test-2025-01-01\nkommun: Testkommun\nnämnd: Socialnämnden\ngiltig_från: 2025-01-01\nstatus: antagen\nbygger_på: sverige\n---\n\n# 1 Larm\n\n";
    const INSATS: &str = "```insats\nid: larm\nnamn: Trygghetslarm\nlag: SoL\nlagrum: 11 kap. 1 § SoL\nannars: uppfyller_inte\n```\n\n";

    fn compile_body(body: &str) -> Compiled {
        compile(&format!("{HEAD}{INSATS}{body}"))
    }

    /// The table bytes of a riktlinje that must compile without a diagnostic.
    fn clean_bytes(compiled: &Compiled) -> Vec<u8> {
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics
        );
        compiled
            .bytes
            .clone()
            .unwrap_or_else(|| panic!("no table without diagnostics"))
    }

    fn codes(compiled: &Compiled) -> Vec<&'static str> {
        compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    }

    #[test]
    fn the_identity_given_beside_the_bytes_is_the_decoded_table_s() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let mut shipped = 0;
        for kommun in ["exempelkommun", "kristianstad"] {
            let folder = root.join(kommun);
            let entries = std::fs::read_dir(&folder)
                .unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
            for entry in entries {
                let path = entry.unwrap_or_else(|error| panic!("{error}")).path();
                if path.extension().is_none_or(|ext| ext != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
                let compiled = compile(&text);
                let bytes = clean_bytes(&compiled);
                let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
                let meta = table.meta();
                assert_eq!(
                    compiled.identity,
                    Some(Identity {
                        riktlinje_id: meta.riktlinje_id.to_owned(),
                        giltig_fran: meta.giltig_fran,
                        status: meta.status,
                    }),
                    "{}",
                    path.display()
                );
                shipped += 1;
            }
        }
        assert!(shipped >= 3, "only {shipped} shipped riktlinjer read");
        // No table, no identity.
        let broken = compile_body("```regel\nid: L-1\ninsats: larm\nnär: bor_ensam och\n```\n");
        assert!(broken.bytes.is_none() && broken.identity.is_none());
    }

    #[test]
    fn a_clean_riktlinje_compiles_to_a_table_the_core_accepts() {
        let compiled = compile_body(
            "```regel\nid: L-1\ninsats: larm\nnär: bor_ensam och ålder >= 65\nutfall: uppfyller\nomfattning: 1\nlagrum: 11 kap. 1 § SoL\nskäl: Bor ensam.\n```\n",
        );
        let bytes = clean_bytes(&compiled);
        let table = Table::decode(&bytes).ok().unwrap();
        assert_eq!(table.meta().riktlinje_id, "test-2025-01-01");
        assert_eq!(table.rules().len(), 1);
        assert_eq!(table.rules()[0].avsnitt, "1 Larm");
    }

    #[test]
    fn two_facts_whose_names_fold_to_one_json_key_are_refused() {
        // A case writes fact names in ASCII, so `städdag` and `staddag` would be one key; the
        // national catalogue's `ålder` and a kommun's `alder` likewise.
        let body = "```fakta\nnamn: städdag\ntyp: heltal\ngäller: ansökan\nbeskrivning: Dag.\n\nnamn: staddag\ntyp: heltal\ngäller: ansökan\nbeskrivning: Dag.\n\nnamn: alder\ntyp: heltal\ngäller: person\nbeskrivning: Ålder.\n```\n\n```regel\nid: L-1\ninsats: larm\nnär: bor_ensam\nutfall: uppfyller\nlagrum: x\nskäl: x\n```\n";
        let compiled = compile_body(body);
        let messages: Vec<&str> = compiled
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "uppgiften `staddag` får samma nyckel i ärendet som `städdag` (`staddag`)",
                "uppgiften `alder` får samma nyckel i ärendet som `ålder` (`alder`)",
            ],
            "{:?}",
            compiled.diagnostics
        );
        assert!(compiled.bytes.is_none());
    }

    #[test]
    fn the_law_s_rules_come_from_the_baseline_first_for_the_insatser_a_riktlinje_describes() {
        // Daglig verksamhet is described here; the baseline's rules for the other LSS
        // insatser are not in the table, and are no fault of this riktlinje.
        let body = "```insats\nid: daglig_verksamhet\nnamn: Daglig verksamhet\nlag: LSS\nlagrum: 9 § 10 LSS\nannars: uppfyller\n```\n\n```regel\nid: L-1\ninsats: larm\nnär: bor_ensam\nutfall: uppfyller\nlagrum: 11 kap. 1 § SoL\nskäl: Bor ensam.\n\nid: DV-EGEN\ninsats: daglig_verksamhet\nnär: ålder < 20\nutfall: uppfyller_inte\nlagrum: 9 § 10 LSS\nskäl: Kommunens norm.\n```\n";
        let compiled = compile_body(body);
        let bytes = clean_bytes(&compiled);
        let table = Table::decode(&bytes).ok().unwrap();
        let ids: Vec<&str> = table.rules().iter().map(|rule| rule.id).collect();
        // The baseline's rules for daglig verksamhet, in its order, before the kommun's own.
        let baseline = [
            "LSS-1",
            "LSS-1-3",
            "LSS-7",
            "LSS-9-10-studerar",
            "LSS-9-10-67",
            "LSS-9-10-arbetar",
        ];
        let daglig: Vec<&str> = table
            .rules()
            .iter()
            .filter(|rule| rule.id != "L-1")
            .map(|rule| rule.id)
            .collect();
        assert_eq!(daglig[..baseline.len()], baseline, "{ids:?}");
        assert_eq!(daglig.last(), Some(&"DV-EGEN"), "{ids:?}");
        assert!(!ids.contains(&"LSS-8"), "{ids:?}");
        let grund = table
            .rules()
            .iter()
            .find(|rule| rule.id == "LSS-7")
            .unwrap();
        assert!(
            grund.avsnitt.ends_with("i den nationella grunden"),
            "{}",
            grund.avsnitt
        );
        // The baseline on its own describes no insats, so none of its rules is in its table.
        let national = nationell_katalog();
        let national_bytes = clean_bytes(&national);
        let national_table = Table::decode(&national_bytes).ok().unwrap();
        assert!(national_table.rules().is_empty());
    }

    #[test]
    fn the_baseline_s_parameters_are_the_law_s_and_a_riktlinje_s_own_are_the_namnd_s() {
        let body =
            "```parameter\nnamn: uppföljning_månader\nvärde: 3\nlagrum: nämndens rutin\n```\n\n";
        let compiled = compile_body(body);
        let bytes = clean_bytes(&compiled);
        let table = Table::decode(&bytes).ok().unwrap();
        let of = |namn: &str| {
            table
                .params()
                .iter()
                .find(|param| param.namn == namn)
                .map(|param| param.ursprung)
        };
        assert_eq!(of("riktålder"), Some(Ursprung::Lag));
        assert_eq!(of("samtyckesålder"), Some(Ursprung::Lag));
        assert_eq!(of("uppföljning_månader"), Some(Ursprung::Riktlinje));
        // The baseline compiled alone: its own parameters are the law's.
        let alone = clean_bytes(&nationell_katalog());
        let alone = Table::decode(&alone).ok().unwrap();
        assert!(!alone.params().is_empty());
        assert!(
            alone
                .params()
                .iter()
                .all(|param| param.ursprung == Ursprung::Lag)
        );
    }

    #[test]
    fn a_sol_insats_gets_the_law_s_rules_for_the_kind_it_names_whatever_its_id() {
        // The kommun's own name for a kontaktperson; `larm` names no kind and gets none.
        let body = "```insats\nid: stodperson\nnamn: Stödperson\nlag: SoL\nslag: kontaktperson\nlagrum: 11 kap. 1 § SoL\n```\n\n```regel\nid: L-1\ninsats: larm\nnär: bor_ensam\nutfall: uppfyller\nlagrum: 11 kap. 1 § SoL\nskäl: Bor ensam.\n```\n\n```regeltest\nfall: Barn tio år\ninsats: stodperson\ndatum: 2026-02-01\nfakta: ålder = 10, vårdnadshavares_samtycke = nej, eget_samtycke = ja, utan_behovsprövning = nej\nväntat: lagen_hindrar\nskäl: SOL-BARN-1\n\nfall: Barn tio år, före den nya lagen\ninsats: stodperson\ndatum: 2025-03-01\nfakta: ålder = 10, vårdnadshavares_samtycke = nej, eget_samtycke = ja, utan_behovsprövning = nej\nväntat: lagen_hindrar\nskäl: SOL-KP-1-2001\n```\n";
        let compiled = compile_body(body);
        let bytes = clean_bytes(&compiled);
        assert!(compiled.rule_tests.iter().all(|test| test.godkant));
        let table = Table::decode(&bytes).ok().unwrap();
        let of = |insats: &str| -> Vec<(&str, Ursprung)> {
            let (insats_idx, _) = table
                .insats_indices()
                .find(|(_, found)| found.id == insats)
                .unwrap();
            table
                .rules_of(insats_idx)
                .iter()
                .map(|rule| (rule.id, rule.ursprung))
                .collect()
        };
        let stodperson = of("stodperson");
        assert!(
            stodperson.contains(&("SOL-U-KP", Ursprung::Lag)),
            "{stodperson:?}"
        );
        assert!(
            stodperson.contains(&("SOL-KP-15", Ursprung::Lag)),
            "{stodperson:?}"
        );
        assert!(
            !stodperson.iter().any(|(id, _)| id.starts_with("LSS")),
            "{stodperson:?}"
        );
        assert_eq!(of("larm"), vec![("L-1", Ursprung::Riktlinje)]);

        // A kind the baseline does not declare, and one under the other law, are named.
        for (slag, wanted) in [
            ("kontaktpersn", "inget slag av insats `kontaktpersn`"),
            ("personlig_assistans", "är en insats enligt LSS"),
        ] {
            let compiled = compile_body(&format!(
                "```insats\nid: stodperson\nnamn: Stödperson\nlag: SoL\nslag: {slag}\nlagrum: 11 kap. 1 § SoL\n```\n"
            ));
            assert_eq!(codes(&compiled), vec!["R012"], "{slag}");
            assert!(
                compiled.diagnostics[0].message.contains(wanted),
                "{}",
                compiled.diagnostics[0].message
            );
        }
        // A riktlinje cannot declare kinds of its own.
        let compiled = compile_body("```slag\nid: egen\nnamn: Egen\nlag: SoL\nlagrum: x\n```\n");
        assert_eq!(codes(&compiled), vec!["R012"]);
    }

    #[test]
    fn only_the_baseline_may_say_the_law_bars_an_insats() {
        let rule = "```regel\nid: L-1\ninsats: larm\nnär: ålder < 12\nutfall: lagen_hindrar\nlagrum: 21 kap. 1 § SoL\nskäl: Kopierad ur lagen.\n```\n";
        let compiled = compile_body(rule);
        assert_eq!(codes(&compiled), vec!["R016"]);
        assert!(compiled.bytes.is_none());
        let text = format!("{HEAD}{INSATS}{rule}");
        let diagnostic = &compiled.diagnostics[0];
        assert_eq!(
            text.get(diagnostic.span.start..diagnostic.span.end),
            Some("lagen_hindrar")
        );
        assert!(diagnostic.message.contains("bara den nationella grunden"));
        // Without the baseline too: a riktlinje is never the law.
        let alone = compile(&format!(
            "{}```fakta\nnamn: barn\ntyp: ja/nej\n```\n",
            text.replace("bygger_på: sverige\n", "")
                .replace("ålder < 12", "barn")
        ));
        assert_eq!(codes(&alone), vec!["R016"]);
        // The baseline's own rules say it, and the riktlinje gets them without a fault.
        assert!(
            compile_body(&rule.replace("lagen_hindrar", "uppfyller_inte"))
                .diagnostics
                .is_empty()
        );
    }

    #[test]
    fn misspelt_fact_type_error_and_shadowed_rule_are_all_reported() {
        let compiled = compile_body(
            "```regel\nid: L-1\ninsats: larm\nnär: bor_ensm\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: L-2\ninsats: larm\nnär: ålder >= ja\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: L-3\ninsats: larm\nnär: ålder >= 65\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: L-4\ninsats: larm\nnär: ålder >= 70\nutfall: uppfyller_inte\nlagrum: x\nskäl: x\n```\n",
        );
        assert_eq!(codes(&compiled), vec!["R001", "R002", "R003"]);
        assert!(compiled.bytes.is_none());
        assert!(
            compiled.diagnostics[0]
                .notes
                .iter()
                .any(|n| n.contains("bor_ensam"))
        );
        let shadowed = compile_body(
            "```regel\nid: L-3\ninsats: larm\nnär: ålder >= 65\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: L-4\ninsats: larm\nnär: ålder >= 70 och bor_ensam\nutfall: uppfyller_inte\nlagrum: x\nskäl: x\n```\n",
        );
        assert_eq!(codes(&shadowed), vec!["R003"]);
        assert!(
            shadowed.diagnostics[0]
                .notes
                .iter()
                .any(|n| n.contains("L-3"))
        );
    }

    #[test]
    fn structural_faults() {
        let compiled = compile(&format!(
            "{HEAD}{INSATS}```insats\nid: tom\nnamn: Tom\nlag: SoL\nlagrum: x\n```\n\n```regel\nid: L-1\ninsats: lar\nnär: ja\nutfall: uppfyler\nlagrum: x\nskäl: x\nfärg: blå\n\nid: L-2\ninsats: larm\nnär: ja\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: L-2\ninsats: larm\nnär: nej\nutfall: uppfyller\nlagrum: x\nskäl: x\n```\n"
        ));
        let found = codes(&compiled);
        for code in ["R004", "R006", "R011", "R012"] {
            assert!(found.contains(&code), "{code} saknas i {found:?}");
        }
        // An insats without rules is allowed: its `annars` applies.
        assert!(!found.contains(&"R005"), "{found:?}");
    }

    #[test]
    fn schablon_components_compute_and_units_are_checked() {
        let schablon = "```fakta\nnamn: dusch_per_vecka\ntyp: heltal\nenhet: gånger per vecka\ngäller: ansökan\n```\n\n```insats\nid: omvardnad\nnamn: Omvårdnad\nlag: SoL\nlagrum: 11 kap. 1 § SoL\nenhet: timmar_per_månad\nannars: uppfyller\n```\n\n```schablon\ninsats: omvardnad\nid: dusch\nnamn: Dusch\ntid: 40 minuter\nantal: dusch_per_vecka\n\ninsats: omvardnad\nid: fönsterputs\nnamn: Fönsterputs\ntid: 3 timmar per år\n```\n\n```regeltest\nfall: Dusch två gånger i veckan\ninsats: omvardnad\ndatum: 2026-02-01\nfakta: dusch_per_vecka = 2, sökt_omfattning = 6\nväntat: uppfyller\nberäknad: 6\n\nfall: Mer än schablonen\ninsats: omvardnad\ndatum: 2026-02-01\nfakta: dusch_per_vecka = 2, sökt_omfattning = 6,1\nväntat: uppfyller_inte\nberäknad: 6\n```\n";
        // 40 · 2 · 52 + 180 = 4 340 minutes a year = 6,03 hours a month: 6,0.
        let compiled = compile(&format!("{HEAD}{INSATS}{schablon}"));
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics
        );
        let wrong = schablon.replace("tid: 40 minuter", "tid: 40");
        let compiled = compile(&format!("{HEAD}{INSATS}{wrong}"));
        assert_eq!(codes(&compiled), vec!["R002"]);
        assert!(
            compiled.diagnostics[0]
                .message
                .contains("ska vara en tid per tillfälle")
        );
        let unknown = schablon.replace("antal: dusch_per_vecka", "antal: duch_per_vecka");
        let compiled = compile(&format!("{HEAD}{INSATS}{unknown}"));
        assert!(
            compiled.diagnostics[0]
                .notes
                .iter()
                .any(|n| n.contains("menade du `dusch_per_vecka`?")),
            "{:?}",
            compiled.diagnostics
        );
    }

    #[test]
    fn a_catalogue_past_the_cores_capacity_is_named() {
        // 256 declared facts besides the national catalogue's: past MAX_FACTS together.
        let facts: String = (0..256)
            .map(|index| format!("namn: uppgift_{index}\ntyp: ja/nej\n\n"))
            .collect();
        let compiled = compile(&format!("{HEAD}{INSATS}```fakta\n{facts}```\n"));
        assert!(compiled.bytes.is_none());
        assert!(
            compiled
                .diagnostics
                .iter()
                .any(|d| d.code == Code::Kapacitet && d.message.contains("faktakatalogen har")),
            "{:?}",
            compiled.diagnostics.first()
        );
        let words: Vec<String> = (0..65).map(|index| format!("v{index}")).collect();
        let set = format!(
            "```fakta\nnamn: stor_mängd\ntyp: mängd\nvärden: {}\n```\n",
            words.join(", ")
        );
        let compiled = compile(&format!("{HEAD}{INSATS}{set}"));
        assert!(
            compiled
                .diagnostics
                .iter()
                .any(|d| d.code == Code::Kapacitet && d.message.contains("högst 64 värden")),
            "{:?}",
            compiled.diagnostics
        );
    }

    /// A unit that does not fit is named in Swedish where it is written: a schablon's time
    /// without a unit, and a rule that compares a frequency with a time.
    #[test]
    fn a_unit_error_is_named_where_it_is_written() {
        let fact = "```fakta\nnamn: dusch_per_vecka\ntyp: heltal\nenhet: gånger per vecka\ngäller: ansökan\n```\n\n```insats\nid: omvardnad\nnamn: Omvårdnad\nlag: SoL\nlagrum: 11 kap. 1 § SoL\nenhet: timmar_per_månad\nannars: uppfyller\n```\n\n";
        let cases = [
            (
                "```schablon\ninsats: omvardnad\nid: dusch\nnamn: Dusch\ntid: 40\nantal: dusch_per_vecka\n```\n",
                "R002",
                "40",
                "ska vara en tid per tillfälle",
            ),
            (
                "```regel\nid: O-1\ninsats: omvardnad\nnär: dusch_per_vecka > 3 timmar\nutfall: uppfyller_inte\nlagrum: x\nskäl: x\n```\n",
                "R002",
                "dusch_per_vecka > 3 timmar",
                "kan inte jämföra",
            ),
        ];
        for (body, code, at, message) in cases {
            let text = format!("{HEAD}{INSATS}{fact}{body}");
            let compiled = compile(&text);
            assert_eq!(codes(&compiled), vec![code], "{:?}", compiled.diagnostics);
            let diagnostic = &compiled.diagnostics[0];
            assert_eq!(
                text.get(diagnostic.span.start..diagnostic.span.end),
                Some(at)
            );
            assert!(
                diagnostic.message.contains(message),
                "{}",
                diagnostic.message
            );
        }
    }

    /// An insats with more schablon components than the core holds for one insats is named,
    /// with its count; one at the bound compiles.
    #[test]
    fn an_insats_past_the_cores_components_is_named() {
        let components = |n: usize| -> String {
            (0..n)
                .map(|index| {
                    format!("insats: omvardnad\nid: del_{index}\nnamn: Del {index}\ntid: 1 timme per år\n\n")
                })
                .collect()
        };
        let insats = "```insats\nid: omvardnad\nnamn: Omvårdnad\nlag: SoL\nlagrum: 11 kap. 1 § SoL\nenhet: timmar_per_månad\nannars: uppfyller\n```\n\n";
        let source =
            |n: usize| format!("{HEAD}{INSATS}{insats}```schablon\n{}```\n", components(n));
        let at_bound = compile(&source(MAX_COMPONENTS_PER_INSATS));
        assert!(
            at_bound.diagnostics.is_empty(),
            "{:?}",
            at_bound.diagnostics
        );
        let past = compile(&source(MAX_COMPONENTS_PER_INSATS + 1));
        assert!(past.bytes.is_none());
        let expected = format!(
            "insatsen `omvardnad` har {} schabloner; kärnan rymmer {MAX_COMPONENTS_PER_INSATS} per insats",
            MAX_COMPONENTS_PER_INSATS + 1
        );
        assert!(
            past.diagnostics
                .iter()
                .any(|d| d.code == Code::Kapacitet && d.message == expected),
            "{:?}",
            past.diagnostics
        );
    }

    #[test]
    fn a_declared_fact_is_read_by_a_rule_and_a_rule_test() {
        let body = "```fakta\nnamn: antal_barn_i_hushållet\ntyp: heltal\ngäller: person\nbeskrivning: Hur många barn som bor i hushållet.\n```\n\n```regel\nid: L-1\ninsats: larm\nnär: antal_barn_i_hushållet >= 2\nutfall: uppfyller\nlagrum: x\nskäl: x\n```\n\n```regeltest\nfall: Två barn\ninsats: larm\ndatum: 2026-02-01\nfakta: antal_barn_i_hushållet = 2\nväntat: uppfyller\nskäl: L-1\n```\n";
        let compiled = compile(&format!("{HEAD}{INSATS}{body}"));
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics
        );
        let twice = body.replacen(
            "```regel\n",
            "```fakta\nnamn: antal_barn_i_hushållet\ntyp: ja/nej\n```\n\n```regel\n",
            1,
        );
        let compiled = compile(&format!("{HEAD}{INSATS}{twice}"));
        assert_eq!(codes(&compiled), vec!["R004"]);
    }

    #[test]
    fn a_fault_in_an_insats_block_is_reported_once_not_again_by_each_rule() {
        let compiled = compile(&format!(
            "{HEAD}```insats\nid: larm\nnamn: Larm\nlag: SOL\nlagrum: x\n```\n\n```regel\nid: L-1\ninsats: larm\nnär: bor_ensam\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: L-2\ninsats: larm\nnär: ja\nutfall: uppfyller_inte\nlagrum: x\nskäl: x\n```\n"
        ));
        let found = codes(&compiled);
        assert_eq!(found.len(), 1, "{found:?}: {:?}", compiled.diagnostics);
        assert!(!found.contains(&"R006"), "{found:?}");
        assert!(compiled.bytes.is_none());
    }

    #[test]
    fn one_rule_can_serve_several_insatser() {
        let compiled = compile(&format!(
            "{HEAD}{INSATS}```insats\nid: matdistribution\nnamn: Matdistribution\nlag: SoL\nlagrum: x\n```\n\n```regel\nid: ALLA-1\ninsats: larm, matdistribution\nnär: inte folkbokförd_i_kommunen\nutfall: uppfyller_inte\nlagrum: 2 kap. SoL\nskäl: Vistelsekommunen.\n\nid: ALLA-2\ninsats: larm, matdistributon\nnär: ja\nutfall: uppfyller\nlagrum: x\nskäl: x\n```\n"
        ));
        assert_eq!(codes(&compiled), vec!["R006"]);
        assert!(
            compiled.diagnostics[0]
                .notes
                .iter()
                .any(|n| n.contains("matdistribution"))
        );
        let fixed = compile(&format!(
            "{HEAD}{INSATS}```insats\nid: matdistribution\nnamn: Matdistribution\nlag: SoL\nlagrum: x\n```\n\n```regel\nid: ALLA-1\ninsats: larm, matdistribution\nnär: inte folkbokförd_i_kommunen\nutfall: uppfyller_inte\nlagrum: 2 kap. SoL\nskäl: Vistelsekommunen.\n```\n"
        ));
        let bytes = clean_bytes(&fixed);
        let table = Table::decode(&bytes).ok().unwrap();
        assert_eq!(table.rules().len(), 2);
        let larm = table.insats_index("larm").unwrap();
        let matdistribution = table.insats_index("matdistribution").unwrap();
        assert_eq!(table.rules_of(larm)[0].id, "ALLA-1");
        assert_eq!(table.rules_of(matdistribution)[0].id, "ALLA-1");
    }

    const ATGARD: &str = "```åtgärd\nid: sanggrind\nnamn: Sänggrind\nlagrum: RF\n\nid: gps_larm\nnamn: GPS-larm\nlagrum: 10 kap. 6 § SoL\ndigital_teknik: ja\n```\n\n";

    #[test]
    fn skyddsatgarder_compile_to_their_own_lists() {
        let compiled = compile_body(&format!(
            "```regel\nid: L-1\ninsats: larm\nnär: bor_ensam\nutfall: uppfyller\nlagrum: x\nskäl: x\n```\n\n{ATGARD}```regel\nid: SKY-1\nåtgärd: alla\nnär: samtycke_av = ingen\nutfall: ej_tillåten\nlagrum: RF\nskäl: x\n\nid: SKY-2\nåtgärd: gps_larm\nnär: digital_teknik och inuti_kroppen\nutfall: ej_tillåten\nlagrum: x\nskäl: x\n\nid: SKY-3\nåtgärd: sanggrind, gps_larm\nnär: samtycke_av = den_enskilde och accepterar_fortfarande\nutfall: tillåten_med_samtycke\nlagrum: RF\nskäl: x\n```\n\n```regeltest\nfall: Eget samtycke\nåtgärd: sanggrind\ndatum: 2026-01-01\nfakta: samtycke_av = den_enskilde, accepterar_fortfarande = ja, samtycke_återkallat = nej\nväntat: tillåten_med_samtycke\nskäl: SKY-3\n```\n"
        ));
        let bytes = clean_bytes(&compiled);
        assert_eq!(compiled.rule_tests.len(), 1);
        let table = Table::decode(&bytes).ok().unwrap();
        assert_eq!(table.rules().len(), 1);
        assert_eq!(table.atgarder().len(), 2);
        assert!(table.atgarder()[1].digital_teknik);
        let masks: Vec<u32> = table
            .atgard_rules()
            .iter()
            .map(|rule| rule.atgarder)
            .collect();
        assert_eq!(
            masks,
            vec![riktlinjer_core::table::ALLA_ATGARDER, 0b10, 0b11]
        );
    }

    #[test]
    fn skyddsatgard_faults() {
        let compiled = compile_body(&format!(
            "{ATGARD}```åtgärd\nid: balte\nnamn: Bälte\nlagrum: RF\n```\n\n```regel\nid: L-1\ninsats: larm\nnär: generell\nutfall: uppfyller\nlagrum: x\nskäl: x\n\nid: SKY-1\nåtgärd: sanggrnd\nnär: ja\nutfall: ej_tillåten\nlagrum: x\nskäl: x\n\nid: SKY-2\nåtgärd: alla\nnär: sökt_omfattning > 1\nutfall: ej_tillåten\nlagrum: x\nskäl: x\n\nid: SKY-3\nåtgärd: gps_larm\nnär: uppföljning_försenad\nutfall: rutin_ej_följd\nlagrum: x\nskäl: x\n\nid: SKY-4\nåtgärd: sanggrind\nnär: ja\nutfall: uppfyller\nlagrum: x\nskäl: x\n```\n"
        ));
        let found = codes(&compiled);
        // R015 twice (a skyddsåtgärd's fact in an insats rule, an ansökan's in a rule about
        // skyddsåtgärder) and once more for the interval; R006 for the misspelt kind, R012 for
        // an insats utfall, R005 for the kind without a rule.
        for code in ["R005", "R006", "R012", "R015"] {
            assert!(found.contains(&code), "{code} saknas i {found:?}");
        }
        assert_eq!(
            found.iter().filter(|code| **code == "R015").count(),
            3,
            "{found:?}"
        );
        assert!(
            compiled
                .diagnostics
                .iter()
                .any(|d| d.notes.iter().any(|n| n.contains("sanggrind")))
        );
    }

    #[test]
    fn a_rule_over_the_core_capacities_is_reported() {
        let long = "x".repeat(riktlinjer_core::limits::MAX_TEXT_LEN + 1);
        let compiled = compile_body(&format!(
            "```regel\nid: L-1\ninsats: larm\nnär: ja\nutfall: uppfyller\nlagrum: x\nskäl: {long}\n\nid: L-2\ninsats: larm\nnär: {}\nutfall: uppfyller_inte\nlagrum: x\nskäl: x\n```\n",
            (0..300).map(|_| "ja").collect::<Vec<_>>().join(" och ")
        ));
        let messages: Vec<&str> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::Kapacitet)
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("en text i `L-1`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("villkoret i `L-2` är för långt")),
            "{messages:?}"
        );
        assert!(compiled.bytes.is_none());
    }

    #[test]
    fn missing_front_matter_is_reported() {
        let compiled = compile(INSATS);
        assert!(codes(&compiled).contains(&"R008"));
    }
}
