//! Test support, compiled only for tests: owned tables that tests encode and decode into a
//! [`Table`](crate::Table), and proptest strategies for tables, condition code and cases.
//!
//! A table borrows its texts and code, so a strategy cannot produce one directly: it produces a
//! [`TableSpec`], which owns everything; a test borrows its wire form with [`TableSpec::raw`],
//! or encodes it with [`TableSpec::encode`] and decodes the bytes, as any caller must.
//! Every generated table is valid by construction (the decoder accepts it); the checks of
//! invalid bytes start from such a table and damage it.
//! This module holds no tests of its own.

use heapless::{String, Vec};
use proptest::prelude::*;

use crate::case::{
    Ansokan, Barnarende, Beslut, Boendeform, Builtin, Case, FactKind, FactScope, FactValues,
    Giltighet, Kon, Person, Roll, Samtycke, SamtyckeAv, Samtyckesform, SkyddadePersonuppgifter,
    SkyddatBoende, Skyddsatgard, Syfte,
};
use crate::date::Date;
use crate::decode::Table;
use crate::limits::{
    MAX_ANSOKNINGAR, MAX_BESLUT, MAX_INSATS_ID_LEN, MAX_PARAM_VALUES, MAX_SKYDDSATGARDER,
};
use crate::table::{
    ALLA_ATGARDER, Atgard, AtgardRule, AtgardRuleKind, Code, Component, Enhet, Fact, Insats, Lag,
    Meta, Op, Outcome, Param, RawTable, Rule, RuleKind, Status,
};

/// The declared (not builtin) facts of the test catalogue, after the builtins: name, scope,
/// kind, and the number of words of a choice or set.
pub const TEST_DECLARED: [(&str, FactScope, FactKind, u8); 10] = [
    ("p_flagga_a", FactScope::Person, FactKind::Bool, 0),
    ("p_flagga_b", FactScope::Person, FactKind::Bool, 0),
    ("p_flagga_c", FactScope::Person, FactKind::Bool, 0),
    ("p_tal", FactScope::Person, FactKind::Int, 0),
    ("p_val", FactScope::Person, FactKind::Choice, 3),
    ("p_mangd", FactScope::Person, FactKind::Set, 5),
    ("a_antal", FactScope::Ansokan, FactKind::Int, 0),
    ("a_decimal", FactScope::Ansokan, FactKind::Decimal, 0),
    ("a_flagga", FactScope::Ansokan, FactKind::Bool, 0),
    ("a_datum", FactScope::Ansokan, FactKind::Date, 0),
];

/// The slots of the test catalogue: every builtin in its own number's slot, then
/// [`TEST_DECLARED`].
pub const N_TEST_FACTS: usize = Builtin::ALL.len() + TEST_DECLARED.len();

/// The slot of the declared test fact `name`.
pub fn slot_of(name: &str) -> u16 {
    let index = TEST_DECLARED
        .iter()
        .position(|(declared, ..)| *declared == name);
    assert!(index.is_some(), "okänd testuppgift");
    u16::try_from(Builtin::ALL.len().saturating_add(index.unwrap_or(0))).unwrap_or(u16::MAX)
}

/// The slot of `builtin` in the test catalogue.
pub fn builtin(builtin: Builtin) -> u16 {
    u16::try_from(builtin.index()).unwrap_or(u16::MAX)
}

/// Owned names and words of the test catalogue.
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub names: std::vec::Vec<std::string::String>,
    pub words: std::vec::Vec<std::string::String>,
}

impl Catalogue {
    fn new() -> Catalogue {
        let mut names: std::vec::Vec<std::string::String> = Builtin::ALL
            .iter()
            .map(|builtin| format!("inbyggd_{}", builtin.index()))
            .collect();
        names.extend(TEST_DECLARED.iter().map(|(name, ..)| (*name).to_owned()));
        let mut words = std::vec::Vec::new();
        for builtin in Builtin::ALL {
            if let (_, Some(kind)) = builtin.kind() {
                for word in 0..kind.len() {
                    words.push(format!("b{}_{word}", builtin.index()));
                }
            }
        }
        for (name, _, _, n_words) in TEST_DECLARED {
            for word in 0..n_words {
                words.push(format!("{name}_{word}"));
            }
        }
        Catalogue { names, words }
    }

    /// The catalogue's facts, borrowing from `self`.
    fn facts(&self) -> std::vec::Vec<Fact<'_>> {
        let mut facts = std::vec::Vec::new();
        let mut first_word = 0u16;
        let kinds = Builtin::ALL
            .iter()
            .map(|builtin| {
                let (kind, words) = builtin.kind();
                (
                    builtin.scope(),
                    kind,
                    words.map_or(0, |words| words.len()),
                    Some(*builtin),
                )
            })
            .chain(
                TEST_DECLARED
                    .iter()
                    .map(|(_, scope, kind, n_words)| (*scope, *kind, *n_words, None)),
            );
        for (name, (scope, kind, n_words, builtin)) in self.names.iter().zip(kinds) {
            facts.push(Fact {
                name,
                beskrivning: "",
                grupp: "",
                enhet: "",
                scope,
                kind,
                first_word,
                n_words,
                builtin,
                // What an ansökan gives may change, as a counterfactual changes it.
                andringsbar: builtin.is_none() && scope == FactScope::Ansokan,
                saknas: None,
            });
            first_word = first_word.saturating_add(u16::from(n_words));
        }
        facts
    }
}

/// One schablon component, owned; its codes lie in [`TableSpec::code`].
#[derive(Clone, Debug)]
pub struct ComponentSpec {
    pub insats: u8,
    pub id: std::string::String,
    pub villkor: Code,
    pub tid: Code,
    pub antal: Code,
    pub hogst: Code,
    pub delas: Code,
    pub ingar_i: Option<u16>,
}

/// Everything a table holds, owned.
#[derive(Clone, Debug)]
pub struct TableSpec {
    pub riktlinje_id: std::string::String,
    pub texts: [std::string::String; 6],
    pub beslutsdatum: Option<Date>,
    pub giltig_fran: Date,
    pub status: Status,
    pub insatser: std::vec::Vec<InsatsSpec>,
    pub params: std::vec::Vec<(std::string::String, std::vec::Vec<(Date, i32)>)>,
    /// The rules, grouped by insats in the order of `insatser`.
    pub rules: std::vec::Vec<RuleSpec>,
    pub code: std::vec::Vec<u8>,
    /// The kinds of skyddsåtgärd: id and whether it is digital teknik.
    pub atgarder: std::vec::Vec<(std::string::String, bool)>,
    /// The rules about skyddsåtgärder; their code lies in [`TableSpec::code`].
    pub atgard_rules: std::vec::Vec<AtgardRuleSpec>,
    /// The fact catalogue.
    pub catalogue: Catalogue,
    /// The exact numbers code pushes.
    pub numbers: std::vec::Vec<(i64, i64)>,
    /// The schablon components, grouped by insats in the order of `insatser`.
    pub components: std::vec::Vec<ComponentSpec>,
}

/// One rule about skyddsåtgärder, owned.
#[derive(Clone, Debug)]
pub struct AtgardRuleSpec {
    pub id: std::string::String,
    pub atgarder: u32,
    pub utfall: AtgardRuleKind,
    pub text: std::string::String,
    pub code_start: u32,
    pub code_len: u32,
}

/// One insats, owned.
#[derive(Clone, Debug)]
pub struct InsatsSpec {
    pub id: std::string::String,
    pub lag: Lag,
    pub enhet: Enhet,
    pub annars: Outcome,
    pub n_rules: u16,
    pub decimals: u8,
    pub to_canonical: (i64, i64),
    pub n_components: u8,
}

/// One rule, owned; its code lies in [`TableSpec::code`].
#[derive(Clone, Debug)]
pub struct RuleSpec {
    pub id: std::string::String,
    pub insats: u8,
    pub utfall: RuleKind,
    pub omfattning: Option<i64>,
    pub text: std::string::String,
    pub line: u32,
    pub code_start: u32,
    pub code_len: u32,
}

impl TableSpec {
    /// A table with these insatser, no rules and no parameters, as the frister need.
    pub fn with_insatser(insatser: &[(&str, Lag)]) -> TableSpec {
        TableSpec {
            riktlinje_id: "testkommun-2025-01-01".into(),
            texts: Default::default(),
            beslutsdatum: None,
            giltig_fran: Date::EPOCH,
            status: Status::Antagen,
            insatser: insatser
                .iter()
                .map(|(id, lag)| InsatsSpec {
                    id: (*id).into(),
                    lag: *lag,
                    enhet: Enhet::Beslut,
                    annars: Outcome::KraverIndividuellBedomning,
                    n_rules: 0,
                    decimals: 0,
                    to_canonical: (1, 1),
                    n_components: 0,
                })
                .collect(),
            params: std::vec::Vec::new(),
            rules: std::vec::Vec::new(),
            code: std::vec::Vec::new(),
            atgarder: std::vec::Vec::new(),
            atgard_rules: std::vec::Vec::new(),
            catalogue: Catalogue::new(),
            numbers: std::vec::Vec::new(),
            components: std::vec::Vec::new(),
        }
    }

    /// Appends `code` to the table's code and gives where it lies.
    pub fn add_code(&mut self, code: &[u8]) -> Code {
        let start = u32::try_from(self.code.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(code.len()).unwrap_or(u32::MAX);
        self.code.extend_from_slice(code);
        Code { start, len }
    }

    /// Adds an exact number and gives the operand that pushes it.
    pub fn add_number(&mut self, num: i64, den: i64) -> i32 {
        self.numbers.push((num, den));
        i32::try_from(self.numbers.len().saturating_sub(1)).unwrap_or(i32::MAX)
    }

    /// Adds a component to the last insats (components follow their insats's order).
    pub fn add_component(&mut self, component: ComponentSpec) {
        if let Some(last) = self.insatser.last_mut() {
            last.n_components = last.n_components.saturating_add(1);
        }
        self.components.push(component);
    }

    /// Adds a rule about skyddsåtgärder of the kinds `atgarder` (a mask) with condition `code`.
    pub fn add_atgard_rule(
        &mut self,
        id: &str,
        atgarder: u32,
        utfall: AtgardRuleKind,
        code: &[u8],
    ) {
        let code_start = u32::try_from(self.code.len()).unwrap_or(u32::MAX);
        let code_len = u32::try_from(code.len()).unwrap_or(u32::MAX);
        self.code.extend_from_slice(code);
        self.atgard_rules.push(AtgardRuleSpec {
            id: id.into(),
            atgarder,
            utfall,
            text: id.into(),
            code_start,
            code_len,
        });
    }

    /// The table's wire form, borrowing from `self`.
    pub fn raw(&self) -> RawTable<'_> {
        let [kommun, namnd, titel, paragraf, dnr, lagrum] = &self.texts;
        let mut first_rule = 0u16;
        let mut table = RawTable {
            meta: Meta {
                riktlinje_id: &self.riktlinje_id,
                kommun,
                namnd,
                titel,
                beslutsdatum: self.beslutsdatum,
                paragraf,
                dnr,
                giltig_fran: self.giltig_fran,
                status: self.status,
                grund: None,
            },
            insatser: Vec::new(),
            params: Vec::new(),
            rules: Vec::new(),
            code: &self.code,
            atgarder: Vec::new(),
            atgard_rules: Vec::new(),
            facts: self.catalogue.facts().into_iter().collect(),
            words: self
                .catalogue
                .words
                .iter()
                .map(std::string::String::as_str)
                .collect(),
            numbers: self.numbers.iter().copied().collect(),
            components: Vec::new(),
            properties: Vec::new(),
        };
        for component in &self.components {
            let pushed = table.components.push(Component {
                insats: component.insats,
                id: &component.id,
                namn: &component.id,
                avsnitt: titel,
                tid_enhet: "",
                antal_enhet: "",
                villkor: component.villkor,
                tid: component.tid,
                antal: component.antal,
                hogst: component.hogst,
                delas: component.delas,
                ingar_i: component.ingar_i,
                line: 0,
            });
            assert!(pushed.is_ok(), "för många schabloner");
        }
        let mut first_component = 0u16;
        for (id, digital_teknik) in &self.atgarder {
            let pushed = table.atgarder.push(Atgard {
                id,
                namn: id,
                lagrum,
                avsnitt: titel,
                digital_teknik: *digital_teknik,
            });
            assert!(pushed.is_ok(), "för många åtgärder");
        }
        for rule in &self.atgard_rules {
            let pushed = table.atgard_rules.push(AtgardRule {
                id: &rule.id,
                atgarder: rule.atgarder,
                utfall: rule.utfall,
                lagrum,
                avsnitt: titel,
                skal: &rule.text,
                villkor: &rule.text,
                line: 0,
                code_start: rule.code_start,
                code_len: rule.code_len,
            });
            assert!(pushed.is_ok(), "för många åtgärdsregler");
        }
        for insats in &self.insatser {
            let pushed = table.insatser.push(Insats {
                id: &insats.id,
                namn: &insats.id,
                lag: insats.lag,
                lagrum,
                avsnitt: titel,
                enhet: insats.enhet,
                annars: insats.annars,
                first_rule,
                n_rules: insats.n_rules,
                decimals: insats.decimals,
                to_canonical: insats.to_canonical,
                first_component,
                n_components: insats.n_components,
                first_property: 0,
                n_properties: 0,
            });
            assert!(pushed.is_ok(), "för många insatser");
            first_rule = first_rule.saturating_add(insats.n_rules);
            first_component = first_component.saturating_add(u16::from(insats.n_components));
        }
        for (namn, values) in &self.params {
            let pushed = table.params.push(Param {
                namn,
                lagrum,
                values: values.iter().copied().collect(),
                ursprung: crate::table::Ursprung::Riktlinje,
            });
            assert!(pushed.is_ok(), "för många parametrar");
        }
        for rule in &self.rules {
            let pushed = table.rules.push(Rule {
                id: &rule.id,
                insats: rule.insats,
                utfall: rule.utfall,
                omfattning: rule.omfattning,
                lagrum,
                avsnitt: titel,
                ursprung: crate::table::Ursprung::Riktlinje,
                skal: &rule.text,
                villkor: &rule.text,
                line: rule.line,
                code_start: rule.code_start,
                code_len: rule.code_len,
            });
            assert!(pushed.is_ok(), "för många regler");
        }
        table
    }

    /// The table's bytes, header included: what [`decoded`] reads.
    pub fn encode(&self) -> std::vec::Vec<u8> {
        encoded(&self.raw())
    }

    /// The insats ids, for cases that apply for them.
    pub fn ids(&self) -> std::vec::Vec<std::string::String> {
        self.insatser
            .iter()
            .map(|insats| insats.id.clone())
            .collect()
    }

    /// The ids of the kinds of skyddsåtgärd, for cases that carry them.
    pub fn atgard_ids(&self) -> std::vec::Vec<std::string::String> {
        self.atgarder.iter().map(|(id, _)| id.clone()).collect()
    }
}

/// The bytes of `raw`, header included, which the test expects to encode (it fails
/// otherwise): for a test that changes a [`TableSpec`]'s wire form before encoding it.
pub fn encoded(raw: &RawTable<'_>) -> std::vec::Vec<u8> {
    // Room for the tables tests make, up to a whole core's worth of rules (a megabyte).
    let mut buf = vec![0u8; 1 << 20];
    let len = raw.encode(&mut buf);
    assert!(len.is_ok(), "{len:?}");
    buf.truncate(len.unwrap_or(0));
    buf
}

/// The table in `bytes`, which the test expects to be valid (it fails otherwise).
pub fn decoded(bytes: &[u8]) -> Table<'_> {
    let table = Table::decode(bytes);
    assert!(table.is_ok(), "tabellen avvisades: {table:?}");
    let Ok(table) = table else {
        unreachable!("asserted to be Ok above")
    };
    table
}

/// The day `text` (`2026-02-01`), or the epoch for a text that is not a day.
pub fn d(text: &str) -> Date {
    Date::parse(text).unwrap_or(Date::EPOCH)
}

/// An insats id, or the id of a kind of skyddsåtgärd, as a case holds it.
pub fn insats(id: &str) -> String<MAX_INSATS_ID_LEN> {
    let mut out = String::new();
    let _ = out.push_str(id);
    out
}

/// A date in 1990–2040 most of the time, anywhere in the supported range otherwise.
pub fn date() -> impl Strategy<Value = Date> {
    let near = Date::parse("1990-01-01").unwrap_or(Date::MIN).days()
        ..=Date::parse("2040-12-31").unwrap_or(Date::MAX).days();
    prop_oneof![
        9 => near,
        1 => Date::MIN.days()..=Date::MAX.days(),
    ]
    .prop_map(|days| Date::from_days(days).unwrap_or(Date::EPOCH))
}

/// The code of `fact op number`: the fact in slot `fact` compared with a number.
pub fn compared(fact: i32, op: Op, number: i32) -> std::vec::Vec<u8> {
    let mut code = Op::Fact.encode(fact).to_vec();
    code.extend(Op::Push.encode(number));
    code.extend(op.encode(0));
    code
}

/// A comparison of two values: `=`, `≠`, `<`, `≤`, `>` or `≥`.
pub fn comparison() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Eq),
        Just(Op::Ne),
        Just(Op::Lt),
        Just(Op::Le),
        Just(Op::Gt),
        Just(Op::Ge),
    ]
}

/// Valid condition code: an expression tree of at most four levels, in postfix order, so the
/// stack never holds more than five values.
pub fn condition_code(n_params: usize) -> impl Strategy<Value = std::vec::Vec<u8>> {
    let n_facts = i32::try_from(N_TEST_FACTS).unwrap_or(1);
    let n_params = i32::try_from(n_params).unwrap_or(0);
    let leaf = (0u8..3, any::<i32>()).prop_map(move |(kind, value)| {
        let (op, operand) = match kind {
            0 => (Op::Push, value),
            1 => (Op::Fact, value.rem_euclid(n_facts)),
            _ if n_params > 0 => (Op::Param, value.rem_euclid(n_params)),
            _ => (Op::Push, value),
        };
        op.encode(operand).to_vec()
    });
    let binary = prop_oneof![
        Just(Op::Eq),
        Just(Op::Ne),
        Just(Op::Lt),
        Just(Op::Le),
        Just(Op::Gt),
        Just(Op::Ge),
        Just(Op::And),
        Just(Op::Or),
    ];
    leaf.prop_recursive(4, 24, 2, move |inner| {
        prop_oneof![
            inner.clone().prop_map(|mut code| {
                code.extend(Op::Not.encode(0));
                code
            }),
            (inner.clone(), 0i32..16).prop_map(|(mut code, bit)| {
                code.extend(Op::Contains.encode(bit));
                code
            }),
            (inner.clone(), inner, binary.clone()).prop_map(|(mut left, right, op)| {
                left.extend(right);
                left.extend(op.encode(0));
                left
            }),
        ]
    })
}

fn text() -> impl Strategy<Value = std::string::String> {
    "[a-zåäöA-Z0-9 §.:-]{0,16}"
}

/// Any kind of rule about an insats.
pub fn rule_kind() -> impl Strategy<Value = RuleKind> {
    prop_oneof![
        Just(RuleKind::Uppfyller),
        Just(RuleKind::UppfyllerInte),
        Just(RuleKind::LagenHindrar),
        Just(RuleKind::IndividuellBedomning),
        Just(RuleKind::Upplysning),
    ]
}

fn atgard_rule_kind() -> impl Strategy<Value = AtgardRuleKind> {
    prop_oneof![
        Just(AtgardRuleKind::EjTillaten),
        Just(AtgardRuleKind::JuridiskBedomning),
        Just(AtgardRuleKind::RutinEjFoljd),
        Just(AtgardRuleKind::TillatenMedSamtycke),
        Just(AtgardRuleKind::Upplysning),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Uppfyller),
        Just(Outcome::UppfyllerInte),
        Just(Outcome::LagenHindrar),
        Just(Outcome::KraverIndividuellBedomning),
    ]
}

fn enhet() -> impl Strategy<Value = Enhet> {
    prop_oneof![
        Just(Enhet::TimmarPerManad),
        Just(Enhet::TimmarPerVecka),
        Just(Enhet::DygnPerManad),
        Just(Enhet::GangerPerVecka),
        Just(Enhet::Larm),
        Just(Enhet::Plats),
        Just(Enhet::Beslut),
    ]
}

type RuleDraft = (
    RuleKind,
    Option<i64>,
    std::string::String,
    std::vec::Vec<u8>,
);

type AtgardRuleDraft = (AtgardRuleKind, Option<u32>, std::vec::Vec<u8>);

/// Small valid tables: up to four insatser with up to five rules each, up to three parameters,
/// up to three kinds of skyddsåtgärd with up to six rules among them.
pub fn table_spec() -> BoxedStrategy<TableSpec> {
    let params = proptest::collection::vec(
        (
            "[a-zåäö_]{1,12}",
            proptest::collection::vec((1i32..4000, any::<i32>()), 0..=MAX_PARAM_VALUES.min(4)),
            date(),
        ),
        0..=3,
    );
    params
        .prop_flat_map(|params| {
            let n_params = params.len();
            let rule = (
                rule_kind(),
                proptest::option::of(0i64..10_000_000),
                text(),
                condition_code(n_params),
            );
            let insats = (
                "[a-z_]{0,8}",
                prop_oneof![Just(Lag::SoL), Just(Lag::Lss)],
                enhet(),
                outcome(),
                proptest::collection::vec(rule, 0..=5),
            );
            let atgard_rule = (
                atgard_rule_kind(),
                proptest::option::of(any::<u32>()),
                condition_code(n_params),
            );
            (
                (
                    Just(params),
                    "[a-z0-9-]{1,24}",
                    [text(), text(), text(), text(), text(), text()],
                    proptest::option::of(date()),
                    date(),
                    prop_oneof![Just(Status::Forslag), Just(Status::Antagen)],
                    proptest::collection::vec(insats, 0..=4),
                ),
                proptest::collection::vec(any::<bool>(), 0..=3),
                proptest::collection::vec(atgard_rule, 0..=6),
            )
        })
        .prop_map(
            |(
                (params, riktlinje_id, texts, beslutsdatum, giltig_fran, status, insatser),
                atgarder,
                atgard_rules,
            )| {
                let mut spec = TableSpec {
                    riktlinje_id,
                    texts,
                    beslutsdatum,
                    giltig_fran,
                    status,
                    insatser: std::vec::Vec::new(),
                    params: std::vec::Vec::new(),
                    rules: std::vec::Vec::new(),
                    code: std::vec::Vec::new(),
                    atgarder: std::vec::Vec::new(),
                    atgard_rules: std::vec::Vec::new(),
                    catalogue: Catalogue::new(),
                    numbers: std::vec::Vec::new(),
                    components: std::vec::Vec::new(),
                };
                for (namn, steps, first) in params {
                    let mut day = first;
                    let mut values = std::vec::Vec::new();
                    for (step, value) in steps {
                        values.push((day, value));
                        match day.add_days(step) {
                            Some(next) => day = next,
                            None => break,
                        }
                    }
                    spec.params.push((namn, values));
                }
                for (insats_idx, (suffix, lag, enhet, annars, rules)) in
                    insatser.into_iter().enumerate()
                {
                    let mut id = format!("i{insats_idx}_{suffix}");
                    id.truncate(MAX_INSATS_ID_LEN);
                    spec.add_insats(insats_idx, id, lag, enhet, annars, rules);
                }
                spec.add_atgarder(&atgarder, atgard_rules);
                spec
            },
        )
        .boxed()
}

impl TableSpec {
    /// Adds kinds of skyddsåtgärd (one per flag: whether it is digital teknik) and rules about
    /// them; a rule's mask is every kind (`None`) or a non-empty subset of the declared ones.
    /// Gives an odd-numbered insats two schablon components over the test catalogue: 15 minutes
    /// `a_antal` times a week when `p_flagga_a`, at most 40 minutes a week, shared when
    /// `p_flagga_b`; and three hours a year that are included in the first when it applies.
    fn add_components(&mut self, insats_idx: usize) {
        if insats_idx.is_multiple_of(2) {
            return;
        }
        let insats = u8::try_from(insats_idx).unwrap_or(u8::MAX);
        let first = u16::try_from(self.components.len()).unwrap_or(u16::MAX);
        let fact = |name: &str| Op::Fact.encode(i32::from(slot_of(name))).to_vec();
        let fifteen = self.add_number(15, 1);
        let weekly = self.add_number(52, 1);
        let cap = self.add_number(40 * 52, 1);
        let yearly = self.add_number(180, 1);
        let villkor = self.add_code(&fact("p_flagga_a"));
        let tid = self.add_code(&Op::Num.encode(fifteen));
        let mut antal = fact("a_antal");
        antal.extend(Op::Num.encode(weekly));
        antal.extend(Op::Mul.encode(0));
        let antal = self.add_code(&antal);
        let hogst = self.add_code(&Op::Num.encode(cap));
        let delas = self.add_code(&fact("p_flagga_b"));
        self.add_component(ComponentSpec {
            insats,
            id: "a".into(),
            villkor,
            tid,
            antal,
            hogst,
            delas,
            ingar_i: None,
        });
        let tid = self.add_code(&Op::Num.encode(yearly));
        self.add_component(ComponentSpec {
            insats,
            id: "b".into(),
            villkor: Code::default(),
            tid,
            antal: Code::default(),
            hogst: Code::default(),
            delas: Code::default(),
            ingar_i: Some(first),
        });
    }

    fn add_atgarder(&mut self, atgarder: &[bool], rules: std::vec::Vec<AtgardRuleDraft>) {
        for (atgard_idx, digital_teknik) in atgarder.iter().enumerate() {
            self.atgarder
                .push((format!("a{atgard_idx}"), *digital_teknik));
        }
        let declared = (1u32 << atgarder.len()).wrapping_sub(1);
        for (rule_idx, (utfall, mask, code)) in rules.into_iter().enumerate() {
            let mask = match mask {
                Some(bits) if bits & declared != 0 => bits & declared,
                _ => ALLA_ATGARDER,
            };
            self.add_atgard_rule(&format!("A-{rule_idx}"), mask, utfall, &code);
        }
    }

    pub fn add_insats(
        &mut self,
        insats_idx: usize,
        id: std::string::String,
        lag: Lag,
        enhet: Enhet,
        annars: Outcome,
        rules: std::vec::Vec<RuleDraft>,
    ) {
        let n_rules = u16::try_from(rules.len()).unwrap_or(0);
        for (offset, (utfall, omfattning, text, code)) in rules.into_iter().enumerate() {
            let code_start = u32::try_from(self.code.len()).unwrap_or(u32::MAX);
            let code_len = u32::try_from(code.len()).unwrap_or(u32::MAX);
            self.code.extend(code);
            self.rules.push(RuleSpec {
                id: format!("R-{insats_idx}-{offset}"),
                insats: u8::try_from(insats_idx).unwrap_or(u8::MAX),
                utfall,
                omfattning,
                text,
                line: u32::try_from(offset).unwrap_or(0),
                code_start,
                code_len,
            });
        }
        self.insatser.push(InsatsSpec {
            id,
            lag,
            enhet,
            annars,
            n_rules,
            decimals: 1,
            to_canonical: (60 * 12, 1),
            n_components: 0,
        });
        self.add_components(insats_idx);
    }
}

fn insats_id(
    ids: std::vec::Vec<std::string::String>,
) -> impl Strategy<Value = String<MAX_INSATS_ID_LEN>> {
    let mut pool = ids;
    pool.push("okand_insats".into());
    proptest::sample::select(pool).prop_map(|id| {
        let mut out = String::new();
        let _ = out.push_str(&id);
        out
    })
}

fn flag() -> impl Strategy<Value = Option<bool>> {
    proptest::option::of(any::<bool>())
}

/// Values for the declared facts of `scope`, some of them, within their kinds' ranges and
/// sometimes outside them (a case system can send a value no rule expects).
fn fact_values<const N: usize>(scope: FactScope) -> BoxedStrategy<FactValues<N>> {
    let slots: std::vec::Vec<u16> = TEST_DECLARED
        .iter()
        .filter(|(_, declared, ..)| *declared == scope)
        .map(|(name, ..)| slot_of(name))
        .collect();
    proptest::collection::vec(
        (
            proptest::sample::select(slots),
            prop_oneof![3 => -2i64..40, 1 => any::<i64>()],
        ),
        0..6,
    )
    .prop_map(|pairs| {
        let mut values = FactValues::new();
        for (slot, value) in pairs {
            let _ = values.set(slot, value);
        }
        values
    })
    .boxed()
}

fn person() -> BoxedStrategy<Person> {
    let kon = proptest::option::of(prop_oneof![Just(Kon::Kvinna), Just(Kon::Man)]);
    let skydd = proptest::option::of(prop_oneof![
        Just(SkyddadePersonuppgifter::Ingen),
        Just(SkyddadePersonuppgifter::Sekretessmarkering),
        Just(SkyddadePersonuppgifter::SkyddadFolkbokforing),
        Just(SkyddadePersonuppgifter::FingeradePersonuppgifter),
    ]);
    (
        proptest::option::of(date()),
        kon,
        skydd,
        fact_values(FactScope::Person),
    )
        .prop_map(
            |(fodelsedatum, kon, skyddade_personuppgifter, facts)| Person {
                fodelsedatum,
                kon,
                skyddade_personuppgifter,
                facts,
            },
        )
        .boxed()
}

fn ansokan(ids: std::vec::Vec<std::string::String>) -> BoxedStrategy<Ansokan> {
    (
        insats_id(ids),
        proptest::option::of(date()),
        proptest::option::of(prop_oneof![3 => 0i64..100_000, 1 => any::<i64>()]),
        fact_values(FactScope::Ansokan),
    )
        .prop_map(
            |(insats, ansokningsdatum, sokt_omfattning, facts)| Ansokan {
                insats,
                ansokningsdatum,
                sokt_omfattning,
                facts,
            },
        )
        .boxed()
}

fn beslut(ids: std::vec::Vec<std::string::String>) -> BoxedStrategy<Beslut> {
    let giltighet = proptest::option::of(prop_oneof![
        Just(Giltighet::TillsVidare),
        date().prop_map(Giltighet::Till),
    ]);
    (
        insats_id(ids),
        (proptest::option::of(date()), proptest::option::of(date())),
        flag(),
        giltighet,
        proptest::option::of(0i64..1_000_000),
        (proptest::option::of(date()), proptest::option::of(date())),
    )
        .prop_map(
            |(insats, dates, gynnande, giltighet, omfattning, later)| Beslut {
                insats,
                beslutsdatum: dates.0,
                delgiven: dates.1,
                gynnande,
                giltighet,
                omfattning,
                verkstalld: later.0,
                avbrott: later.1,
            },
        )
        .boxed()
}

fn barnarende() -> BoxedStrategy<Barnarende> {
    let day = || proptest::option::of(date());
    (day(), day(), day(), day(), day())
        .prop_map(|(a, b, c, d, e)| Barnarende {
            anmalan_inkom: a,
            skyddsbedomning_gjord: b,
            forhandsbedomning_klar: c,
            utredning_inledd: d,
            utredning_avslutad: e,
        })
        .boxed()
}

fn day() -> impl Strategy<Value = Option<Date>> {
    proptest::option::of(date())
}

fn skyddsatgard(ids: std::vec::Vec<std::string::String>) -> BoxedStrategy<Skyddsatgard> {
    let syfte = proptest::option::of(prop_oneof![
        Just(Syfte::Fallprevention),
        Just(Syfte::Trygghet),
        Just(Syfte::Stod),
        Just(Syfte::Aktivering),
        Just(Syfte::BegransaRorelse),
        Just(Syfte::Annat),
    ]);
    let av = proptest::option::of(prop_oneof![
        Just(SamtyckeAv::DenEnskilde),
        Just(SamtyckeAv::GodMan),
        Just(SamtyckeAv::Forvaltare),
        Just(SamtyckeAv::Anhorig),
        Just(SamtyckeAv::Ingen),
    ]);
    let form = proptest::option::of(prop_oneof![
        Just(Samtyckesform::Skriftligt),
        Just(Samtyckesform::Muntligt),
        Just(Samtyckesform::Tolkat),
    ]);
    let roll = proptest::option::of(prop_oneof![
        Just(Roll::Enhetschef),
        Just(Roll::Arbetsterapeut),
        Just(Roll::Fysioterapeut),
        Just(Roll::Sjukskoterska),
        Just(Roll::Lakare),
        Just(Roll::Bistandshandlaggare),
        Just(Roll::Annan),
    ]);
    let boendeform = proptest::option::of(prop_oneof![
        Just(Boendeform::Hemtjanst),
        Just(Boendeform::SarskildBoendeform),
        Just(Boendeform::LssBostad),
        Just(Boendeform::Annan),
    ]);
    (
        (insats_id(ids), syfte, av, form, day(), flag(), day()),
        (roll, day(), day(), flag(), flag(), day(), flag()),
        (flag(), flag(), any::<Option<u16>>(), flag(), boendeform),
    )
        .prop_map(|(a, b, c)| Skyddsatgard {
            typ: a.0,
            syfte: a.1,
            samtycke: Samtycke {
                av: a.2,
                form: a.3,
                datum: a.4,
                accepterar_fortfarande: a.5,
                aterkallat: a.6,
            },
            beslutad_av: b.0,
            beslutsdatum: b.1,
            riskbedomning: b.2,
            alternativ_provade: b.3,
            dokumenterad_i_journal: b.4,
            senast_uppfoljd: b.5,
            mas_informerad: b.6,
            generell: c.0,
            nodsituation: c.1,
            antal_tillfallen: c.2,
            inuti_kroppen: c.3,
            boendeform: c.4,
        })
        .boxed()
}

fn skyddat_boende() -> BoxedStrategy<SkyddatBoende> {
    (
        flag(),
        (day(), day(), day(), day()),
        (day(), day(), day(), day()),
    )
        .prop_map(|(utan, a, b)| SkyddatBoende {
            utan_vardnadshavares_samtycke: utan,
            placering_paborjad: a.0,
            senaste_overvagande: a.1,
            placering_avslutad: a.2,
            omedelbart_beslut: a.3,
            understallt: b.0,
            laga_kraft: b.1,
            faststallt: b.2,
            ansokan_forvaltningsratten: b.3,
        })
        .boxed()
}

/// Cases of every shape the bounds allow, applying for the insatser `ids` and for one the table
/// does not describe, with skyddsåtgärder of the kinds `atgard_ids` and of one it does not
/// declare.
pub fn case(
    ids: std::vec::Vec<std::string::String>,
    atgard_ids: std::vec::Vec<std::string::String>,
) -> BoxedStrategy<Case> {
    (
        person(),
        proptest::collection::vec(ansokan(ids.clone()), 0..=MAX_ANSOKNINGAR),
        proptest::collection::vec(beslut(ids), 0..=MAX_BESLUT),
        proptest::option::of(barnarende()),
        proptest::collection::vec(skyddsatgard(atgard_ids), 0..=MAX_SKYDDSATGARDER),
        proptest::option::of(skyddat_boende()),
    )
        .prop_map(
            |(person, ansokningar, beslut, barnarende, skyddsatgarder, skyddat_boende)| Case {
                person,
                ansokningar: ansokningar.into_iter().collect(),
                beslut: beslut.into_iter().collect(),
                barnarende,
                skyddsatgarder: skyddsatgarder.into_iter().collect(),
                skyddat_boende,
            },
        )
        .boxed()
}
