//! Resolving names, checking types and emitting condition code for one condition.
//!
//! A condition is checked against the fact table (`names`) and the riktlinje's parameters, and
//! compiled to the core's stack code (`riktlinjer_core::Op`).
//! Every fault becomes a diagnostic with the span of the offending part of the condition.
//! The values compared against each fact are collected for the shadowing check.

use std::collections::{BTreeMap, BTreeSet};

use riktlinjer_core::{EnumKind, FactId, FactScope, FactType, Op};

use crate::compile::expr::{self, CompareOp, Expr, ExprKind};
use crate::compile::names;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Field;

/// The type of a checked expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// Ja or nej.
    Bool,
    /// A whole number (also a parameter).
    Int,
    /// A date.
    Date,
    /// A value of an enumeration.
    Enum(EnumKind),
    /// A set of values of an enumeration.
    Set(EnumKind),
}

/// A compiled condition.
#[derive(Clone, Debug, Default)]
pub struct Condition {
    /// Its code.
    pub code: Vec<u8>,
    /// The facts it reads.
    pub facts: BTreeSet<FactId>,
    /// Constants each fact is compared with (as the core represents them).
    pub constants: BTreeMap<FactId, BTreeSet<i32>>,
    /// Parameters each fact is compared with.
    pub param_links: BTreeMap<FactId, BTreeSet<usize>>,
    /// Pairs of facts compared with each other.
    pub fact_links: BTreeSet<(FactId, FactId)>,
    /// The parameters it reads.
    pub params: BTreeSet<usize>,
    /// The deepest the stack gets.
    pub max_depth: usize,
}

/// What a condition can refer to besides facts.
#[derive(Debug)]
pub struct Scope<'a> {
    /// The riktlinje's parameter names, in table order.
    pub params: &'a [String],
}

struct Checker<'a, 'f> {
    scope: &'a Scope<'a>,
    field: &'f Field,
    diagnostics: &'a mut Vec<Diagnostic>,
    out: Condition,
    depth: usize,
}

/// Checks `expr` (parsed from `field`) and compiles it; `None` when there were errors, which are
/// added to `diagnostics`.
pub fn compile_condition(
    expr: &Expr,
    field: &Field,
    scope: &Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let before = diagnostics.len();
    let mut checker = Checker {
        scope,
        field,
        diagnostics,
        out: Condition::default(),
        depth: 0,
    };
    let ty = checker.expr(expr);
    if let Some(ty) = ty
        && ty != Ty::Bool
    {
        let error = checker.error(
            Code::Typfel,
            expr,
            format!(
                "ett villkor måste vara ja eller nej, men detta är {}",
                describe(ty)
            ),
        );
        checker.diagnostics.push(error);
    }
    let out = checker.out;
    (diagnostics.len() == before && ty.is_some()).then_some(out)
}

/// Checks that a compiled condition reads only facts of the `allowed` scopes: a rule about an
/// insats has no skyddsåtgärd, and a rule about a skyddsåtgärd no ansökan, so such a fact would
/// always be unknown. Adds a diagnostic per fact and returns whether all were allowed.
/// Parses, checks and compiles the condition in `field` (a rule's `när`), and checks that it
/// reads only facts of the `allowed` scopes; `None` after any diagnostic.
pub fn compile_field(
    field: &Field,
    scope: &Scope<'_>,
    allowed: &[FactScope],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let compiled = match expr::parse(&field.value) {
        Ok(parsed) => compile_condition(&parsed, field, scope, diagnostics),
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::Syntax,
                field.sub_span(error.start, error.end),
                error.message,
            ));
            None
        }
    }?;
    check_scope(&compiled, field, allowed, what, diagnostics).then_some(compiled)
}

pub fn check_scope(
    condition: &Condition,
    field: &Field,
    allowed: &[FactScope],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    for fact in &condition.facts {
        let scope = fact.scope();
        if allowed.contains(&scope) {
            continue;
        }
        ok = false;
        let name = names::fact_name(*fact);
        let span = field.value.find(name).map_or_else(
            || field.value_span(),
            |at| field.sub_span(at, at + name.len()),
        );
        let (belongs, hint) = match scope {
            FactScope::Skyddsatgard => (
                "en skyddsåtgärd",
                "skriv regeln med `åtgärd:` i stället för `insats:`",
            ),
            FactScope::Ansokan => (
                "en ansökan",
                "en regel om skyddsåtgärder kan läsa personens och åtgärdens uppgifter",
            ),
            FactScope::Person => ("personen", ""),
        };
        let mut diagnostic = Diagnostic::error(
            Code::FelUppgiftForRegeln,
            span,
            format!("uppgiften `{name}` gäller {belongs} och finns aldrig i {what}"),
        );
        if !hint.is_empty() {
            diagnostic = diagnostic.with_note(hint);
        }
        diagnostics.push(diagnostic);
    }
    ok
}

/// How a type is described in a message.
pub fn describe(ty: Ty) -> String {
    match ty {
        Ty::Bool => "ja/nej".to_owned(),
        Ty::Int => "ett heltal".to_owned(),
        Ty::Date => "ett datum".to_owned(),
        Ty::Enum(kind) => format!("ett av värdena {}", names::one_of(names::enum_values(kind))),
        Ty::Set(kind) => format!("en mängd av {}", names::one_of(names::enum_values(kind))),
    }
}

fn fact_ty(fact: FactId) -> Ty {
    match fact.fact_type() {
        FactType::Bool => Ty::Bool,
        FactType::Int => Ty::Int,
        FactType::Date => Ty::Date,
        FactType::Enum(kind) => Ty::Enum(kind),
        FactType::Set(kind) => Ty::Set(kind),
    }
}

impl Checker<'_, '_> {
    fn error(&self, code: Code, expr: &Expr, message: String) -> Diagnostic {
        Diagnostic::error(code, self.field.sub_span(expr.start, expr.end), message)
    }

    fn emit(&mut self, op: Op, operand: i32) {
        self.out.code.extend_from_slice(&op.encode(operand));
        let (pops, pushes) = op.pops_and_pushes();
        self.depth = self.depth.saturating_sub(pops) + pushes;
        self.out.max_depth = self.out.max_depth.max(self.depth);
    }

    fn unknown_name(&mut self, expr: &Expr, name: &str) {
        let params = self.scope.params.iter().map(String::as_str);
        let candidates = names::FACTS.iter().map(|(fact, _)| *fact).chain(params);
        let mut diagnostic =
            self.error(Code::OkandUppgift, expr, format!("okänd uppgift `{name}`"));
        if let Some(suggestion) = names::suggest(name, candidates) {
            diagnostic = diagnostic.with_note(format!("menade du `{suggestion}`?"));
        } else {
            diagnostic = diagnostic
                .with_note("uppgifterna som ett villkor kan använda står i rules/README.md");
        }
        self.diagnostics.push(diagnostic);
    }

    /// Checks and emits `expr`; `None` after an error.
    fn expr(&mut self, expr: &Expr) -> Option<Ty> {
        match &expr.kind {
            ExprKind::Bool(value) => {
                self.emit(Op::Push, i32::from(*value));
                Some(Ty::Bool)
            }
            ExprKind::Int(value) => {
                let Ok(value) = i32::try_from(*value) else {
                    let error = self.error(
                        Code::OgiltigtVarde,
                        expr,
                        format!("talet {value} är för stort"),
                    );
                    self.diagnostics.push(error);
                    return None;
                };
                self.emit(Op::Push, value);
                Some(Ty::Int)
            }
            ExprKind::Date(date) => {
                self.emit(Op::Push, date.days());
                Some(Ty::Date)
            }
            ExprKind::Name(name) => self.name(expr, name),
            ExprKind::Not(inner) => {
                let ty = self.expr(inner)?;
                self.expect(inner, ty, Ty::Bool, "`inte`")?;
                self.emit(Op::Not, 0);
                Some(Ty::Bool)
            }
            ExprKind::And(left, right) | ExprKind::Or(left, right) => {
                let word = if matches!(expr.kind, ExprKind::And(..)) {
                    "`och`"
                } else {
                    "`eller`"
                };
                let left_ty = self.expr(left);
                let right_ty = self.expr(right);
                let left_ok = left_ty.and_then(|ty| self.expect(left, ty, Ty::Bool, word));
                let right_ok = right_ty.and_then(|ty| self.expect(right, ty, Ty::Bool, word));
                left_ok?;
                right_ok?;
                let op = if matches!(expr.kind, ExprKind::And(..)) {
                    Op::And
                } else {
                    Op::Or
                };
                self.emit(op, 0);
                Some(Ty::Bool)
            }
            ExprKind::Compare(op, left, right) => {
                self.compare(expr, *op, left, right)?;
                Some(Ty::Bool)
            }
            ExprKind::In(left, values) => {
                for (index, value) in values.iter().enumerate() {
                    self.compare(expr, CompareOp::Eq, left, value)?;
                    if index > 0 {
                        self.emit(Op::Or, 0);
                    }
                }
                Some(Ty::Bool)
            }
            ExprKind::Decimal { .. }
            | ExprKind::Quantity(..)
            | ExprKind::Arith(..)
            | ExprKind::Neg(_)
            | ExprKind::If(..)
            | ExprKind::Extreme(..) => {
                let error = self.error(
                    Code::Typfel,
                    expr,
                    "räkning med tal och enheter går inte att använda här än".to_owned(),
                );
                self.diagnostics.push(error);
                None
            }
            ExprKind::Contains(set, value) => {
                let set_ty = self.expr(set)?;
                let Ty::Set(kind) = set_ty else {
                    let error = self.error(
                        Code::Typfel,
                        set,
                        format!(
                            "`innehåller` kräver en mängd, men detta är {}",
                            describe(set_ty)
                        ),
                    );
                    self.diagnostics.push(error);
                    return None;
                };
                let bit = self.enum_value(value, kind)?;
                if let ExprKind::Name(_) = set.kind
                    && let Some(fact) = self.fact_of(set)
                {
                    self.out
                        .constants
                        .entry(fact)
                        .or_default()
                        .insert(1i32 << bit);
                }
                self.emit(Op::Contains, bit);
                Some(Ty::Bool)
            }
        }
    }

    fn fact_of(&self, expr: &Expr) -> Option<FactId> {
        match &expr.kind {
            ExprKind::Name(name) => names::fact(name),
            _ => None,
        }
    }

    fn param_of(&self, expr: &Expr) -> Option<usize> {
        match &expr.kind {
            ExprKind::Name(name) => self.scope.params.iter().position(|param| param == name),
            _ => None,
        }
    }

    fn name(&mut self, expr: &Expr, name: &str) -> Option<Ty> {
        if let Some(fact) = names::fact(name) {
            self.out.facts.insert(fact);
            self.emit(Op::Fact, i32::from(fact.index()));
            return Some(fact_ty(fact));
        }
        if let Some(param_idx) = self.param_of(expr) {
            self.out.params.insert(param_idx);
            self.emit(Op::Param, i32::try_from(param_idx).unwrap_or(0));
            return Some(Ty::Int);
        }
        self.unknown_name(expr, name);
        None
    }

    fn expect(&mut self, expr: &Expr, found: Ty, want: Ty, context: &str) -> Option<()> {
        if found == want {
            return Some(());
        }
        let error = self.error(
            Code::Typfel,
            expr,
            format!(
                "{context} kräver {}, men detta är {}",
                describe(want),
                describe(found)
            ),
        );
        self.diagnostics.push(error);
        None
    }

    /// The index of the value `expr` names in enumeration `kind`.
    fn enum_value(&mut self, expr: &Expr, kind: EnumKind) -> Option<i32> {
        let ExprKind::Name(name) = &expr.kind else {
            let error = self.error(
                Code::Typfel,
                expr,
                format!("väntade {}", describe(Ty::Enum(kind))),
            );
            self.diagnostics.push(error);
            return None;
        };
        if let Some(index) = names::enum_value(kind, name) {
            return Some(i32::from(index));
        }
        let values = names::enum_values(kind);
        let mut diagnostic = self.error(
            Code::OkandUppgift,
            expr,
            format!(
                "okänt värde `{name}`; här går {} att använda",
                names::one_of(values)
            ),
        );
        if let Some(suggestion) = names::suggest(name, values.iter().copied()) {
            diagnostic = diagnostic.with_note(format!("menade du `{suggestion}`?"));
        }
        self.diagnostics.push(diagnostic);
        None
    }

    fn is_enum_value_name(&self, expr: &Expr) -> bool {
        matches!(&expr.kind, ExprKind::Name(name)
            if names::fact(name).is_none() && !self.scope.params.contains(name))
    }

    fn compare(&mut self, whole: &Expr, op: CompareOp, left: &Expr, right: &Expr) -> Option<()> {
        let left_ty = self.expr(left)?;
        let right_ty = match (left_ty, self.is_enum_value_name(right)) {
            (Ty::Enum(kind), true) => {
                let index = self.enum_value(right, kind)?;
                self.emit(Op::Push, index);
                Ty::Enum(kind)
            }
            _ => self.expr(right)?,
        };
        if left_ty != right_ty {
            let error = self.error(
                Code::Typfel,
                whole,
                format!(
                    "kan inte jämföra {} med {}",
                    describe(left_ty),
                    describe(right_ty)
                ),
            );
            self.diagnostics.push(error);
            return None;
        }
        let ordered = matches!(
            op,
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge
        );
        if ordered && !matches!(left_ty, Ty::Int | Ty::Date) {
            let error = self.error(
                Code::Typfel,
                whole,
                format!(
                    "`<`, `<=`, `>` och `>=` gäller tal och datum, inte {}",
                    describe(left_ty)
                ),
            );
            self.diagnostics.push(error);
            return None;
        }
        if matches!(left_ty, Ty::Set(_)) {
            let error = self.error(
                Code::Typfel,
                whole,
                "en mängd jämförs med `innehåller`, inte med `=`".to_owned(),
            );
            self.diagnostics.push(error);
            return None;
        }
        self.note_constant(left, right);
        self.note_constant(right, left);
        self.emit(
            match op {
                CompareOp::Eq => Op::Eq,
                CompareOp::Ne => Op::Ne,
                CompareOp::Lt => Op::Lt,
                CompareOp::Le => Op::Le,
                CompareOp::Gt => Op::Gt,
                CompareOp::Ge => Op::Ge,
            },
            0,
        );
        Some(())
    }

    fn note_constant(&mut self, fact_side: &Expr, other: &Expr) {
        let Some(fact) = self.fact_of(fact_side) else {
            return;
        };
        let constant = match &other.kind {
            ExprKind::Int(value) => i32::try_from(*value).ok(),
            ExprKind::Bool(value) => Some(i32::from(*value)),
            ExprKind::Date(date) => Some(date.days()),
            ExprKind::Name(name) => match fact.fact_type() {
                FactType::Enum(kind) => names::enum_value(kind, name).map(i32::from),
                _ => None,
            },
            _ => None,
        };
        if let Some(constant) = constant {
            self.out.constants.entry(fact).or_default().insert(constant);
        }
        if let Some(param_idx) = self.param_of(other) {
            self.out
                .param_links
                .entry(fact)
                .or_default()
                .insert(param_idx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::expr;
    use crate::diagnostic::Span;

    fn check(text: &str) -> Result<Condition, Vec<(Code, String)>> {
        let field = Field {
            key: "när".to_owned(),
            key_span: Span::new(0, 3),
            value: text.to_owned(),
            pieces: vec![(0, Span::new(10, 10 + text.len()))],
        };
        let params = vec!["riktålder".to_owned()];
        let scope = Scope { params: &params };
        let expr = expr::parse(text).map_err(|error| vec![(Code::Syntax, error.message)])?;
        let mut diagnostics = Vec::new();
        compile_condition(&expr, &field, &scope, &mut diagnostics).ok_or_else(|| {
            diagnostics
                .into_iter()
                .map(|d| (d.code, d.message))
                .collect()
        })
    }

    #[test]
    fn well_typed_conditions_compile() {
        for text in [
            "ålder >= 65 och bor_ensam",
            "personkrets i [1, 2] och inte studerar",
            "kön = kvinna",
            "behov innehåller hemliv eller grundläggande_behov innehåller andning",
            "ålder_vid_ansökan >= riktålder",
            "ansökningsdatum < 2025-07-01",
            "bor_ensam = ja",
        ] {
            assert!(check(text).is_ok(), "{text}: {:?}", check(text).err());
        }
    }

    #[test]
    fn faults_are_named() {
        let cases = [
            ("bor_ensm", Code::OkandUppgift, "okänd uppgift `bor_ensm`"),
            (
                "ålder >= ja",
                Code::Typfel,
                "kan inte jämföra ett heltal med ja/nej",
            ),
            ("ålder", Code::Typfel, "måste vara ja eller nej"),
            ("kön = kvinnor", Code::OkandUppgift, "okänt värde `kvinnor`"),
            ("kön > kvinna", Code::Typfel, "gäller tal och datum"),
            (
                "bor_ensam innehåller hemliv",
                Code::Typfel,
                "kräver en mängd",
            ),
            ("inte ålder", Code::Typfel, "`inte` kräver ja/nej"),
        ];
        for (text, code, fragment) in cases {
            let errors = check(text).err().unwrap_or_default();
            assert!(
                errors
                    .iter()
                    .any(|(c, m)| *c == code && m.contains(fragment)),
                "{text}: {errors:?}"
            );
        }
    }

    #[test]
    fn constants_are_collected_for_the_shadow_check() {
        let condition = check("ålder >= 65 och personkrets i [1, 2]")
            .ok()
            .unwrap_or_default();
        let ages: Vec<i32> = condition.constants[&FactId::Alder]
            .iter()
            .copied()
            .collect();
        assert_eq!(ages, vec![65]);
        assert_eq!(condition.constants[&FactId::Personkrets].len(), 2);
        assert!(condition.max_depth >= 2);
    }
}
