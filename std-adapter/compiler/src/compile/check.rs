//! Resolving names, checking types and units, and emitting code for one condition or value.
//!
//! A condition is checked against the riktlinje's fact catalogue (`catalogue`) and its
//! parameters, and compiled to the core's stack code (`riktlinjer_core::Op`).
//! A comparison of a fact with a constant, a parameter or another fact of its kind compiles to
//! the raw values the case gives (a decimal in thousandths, a bare number in the fact's unit),
//! which the core can run in its flat form; anything that computes (arithmetic, units, `om …
//! så … annars`, `minst`/`högst`) compiles to exact numbers in the canonical units (minutes,
//! tillfällen, per år), and the compiler checks that the units agree.
//! Every fault becomes a diagnostic with the span of the offending part of the expression.
//! The values compared against each fact are collected for the shadowing check.

use std::collections::{BTreeMap, BTreeSet};

use riktlinjer_core::{FactKind, FactScope, Op};

use crate::compile::catalogue::Catalogue;
use crate::compile::expr::{self, ArithOp, CompareOp, Expr, ExprKind, Extreme};
use crate::compile::names;
use crate::compile::unit::{Dim, Ratio};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Field;
use crate::texts;

/// The type of a checked expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// Ja or nej.
    Bool,
    /// A whole number (a fact or a parameter), as the case gives it.
    Int,
    /// A decimal fact, as the case gives it (thousandths).
    Decimal,
    /// A date.
    Date,
    /// One word of the fact in this slot.
    Choice(u16),
    /// Words of the fact in this slot.
    Set(u16),
    /// An exact number in canonical units, of this dimension.
    Num(Dim),
}

/// A compiled condition or value.
#[derive(Clone, Debug, Default)]
pub struct Condition {
    /// Its code; the operands of `Num` index [`Condition::numbers`] until the encoder moves
    /// them into the table's pool.
    pub code: Vec<u8>,
    /// The exact numbers its code pushes.
    pub numbers: Vec<(i64, i64)>,
    /// The facts it reads, by slot.
    pub facts: BTreeSet<u16>,
    /// Constants each fact is compared with (as the case gives them).
    pub constants: BTreeMap<u16, BTreeSet<i64>>,
    /// Parameters each fact is compared with.
    pub param_links: BTreeMap<u16, BTreeSet<usize>>,
    /// Pairs of facts compared with each other.
    pub fact_links: BTreeSet<(u16, u16)>,
    /// The parameters it reads.
    pub params: BTreeSet<usize>,
    /// The deepest the stack gets.
    pub max_depth: usize,
}

/// What a condition can refer to.
#[derive(Debug)]
pub struct Scope<'a> {
    /// The riktlinje's parameter names, in table order.
    pub params: &'a [String],
    /// The fact catalogue.
    pub catalogue: &'a Catalogue,
}

struct Checker<'a, 'f> {
    scope: &'a Scope<'a>,
    field: &'f Field,
    diagnostics: &'a mut Vec<Diagnostic>,
    out: Condition,
    depth: usize,
}

/// Checks `expr` (parsed from `field`) and compiles it as a condition; `None` when there were
/// errors, which are added to `diagnostics`.
pub fn compile_condition(
    expr: &Expr,
    field: &Field,
    scope: &Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let before = diagnostics.len();
    let mut checker = Checker::new(field, scope, diagnostics);
    let ty = checker.expr(expr);
    if let Some(ty) = ty
        && ty != Ty::Bool
    {
        let error = checker.error(
            Code::Typfel,
            expr,
            texts::ett_villkor_maste_vara(describe(scope.catalogue, ty)),
        );
        checker.diagnostics.push(error);
    }
    let out = checker.out;
    (diagnostics.len() == before && ty.is_some()).then_some(out)
}

/// Parses, checks and compiles the value in `field` (a schablon's `tid`, `antal` or `högst`)
/// as an exact number in canonical units, and gives its dimension; `None` after a diagnostic.
pub fn compile_value(
    field: &Field,
    scope: &Scope<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Condition, Dim)> {
    let parsed = parse(field, diagnostics)?;
    let before = diagnostics.len();
    let mut checker = Checker::new(field, scope, diagnostics);
    let dim = checker.value(&parsed);
    let out = checker.out;
    let dim = dim.filter(|_| diagnostics.len() == before)?;
    check_scope(
        &out,
        field,
        scope.catalogue,
        &[FactScope::Person, FactScope::Ansokan],
        texts::EN_SCHABLON,
        diagnostics,
    )
    .then_some((out, dim))
}

fn parse(field: &Field, diagnostics: &mut Vec<Diagnostic>) -> Option<Expr> {
    match expr::parse(&field.value) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                Code::Syntax,
                field.sub_span(error.start, error.end),
                error.message,
            ));
            None
        }
    }
}

/// Parses, checks and compiles the condition in `field` (a rule's `när`), and checks that it
/// reads only facts of the `allowed` scopes; `None` after any diagnostic.
pub fn compile_field(
    field: &Field,
    scope: &Scope<'_>,
    allowed: &[FactScope],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let parsed = parse(field, diagnostics)?;
    let compiled = compile_condition(&parsed, field, scope, diagnostics)?;
    check_scope(
        &compiled,
        field,
        scope.catalogue,
        allowed,
        what,
        diagnostics,
    )
    .then_some(compiled)
}

/// Checks that a compiled condition reads only facts of the `allowed` scopes: a rule about an
/// insats has no skyddsåtgärd, and a rule about a skyddsåtgärd no ansökan, so such a fact would
/// always be unknown. Adds a diagnostic per fact and returns whether all were allowed.
pub fn check_scope(
    condition: &Condition,
    field: &Field,
    catalogue: &Catalogue,
    allowed: &[FactScope],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    for slot in &condition.facts {
        let Some(fact) = catalogue.fact(*slot) else {
            continue;
        };
        if allowed.contains(&fact.scope) {
            continue;
        }
        ok = false;
        let name = fact.name.as_str();
        let span = field.value.find(name).map_or_else(
            || field.value_span(),
            |at| field.sub_span(at, at + name.len()),
        );
        let (belongs, hint) = match fact.scope {
            FactScope::Skyddsatgard => (texts::EN_SKYDDSATGARD, texts::SKRIV_REGELN_MED_ATGARD),
            FactScope::Ansokan => (texts::EN_ANSOKAN, texts::EN_REGEL_OM_SKYDDSATGARDER_KAN),
            FactScope::Person => ("personen", ""),
        };
        let mut diagnostic = Diagnostic::error(
            Code::FelUppgiftForRegeln,
            span,
            texts::uppgiften_galler_och_finns(name, belongs, what),
        );
        if !hint.is_empty() {
            diagnostic = diagnostic.with_note(hint);
        }
        diagnostics.push(diagnostic);
    }
    ok
}

/// How a type is described in a message.
pub fn describe(catalogue: &Catalogue, ty: Ty) -> String {
    let words = |slot: u16| {
        catalogue.fact(slot).map_or_else(String::new, |fact| {
            let words: Vec<&str> = fact.words.iter().map(String::as_str).collect();
            names::one_of(&words)
        })
    };
    match ty {
        Ty::Bool => "ja/nej".to_owned(),
        Ty::Int => texts::ETT_HELTAL.to_owned(),
        Ty::Decimal => texts::ETT_DECIMALTAL.to_owned(),
        Ty::Date => texts::ETT_DATUM.to_owned(),
        Ty::Choice(slot) => texts::ett_av_vardena(words(slot)),
        Ty::Set(slot) => texts::en_mangd_av(words(slot)),
        Ty::Num(dim) => dim.describe(),
    }
}

fn fact_ty(kind: FactKind, slot: u16) -> Ty {
    match kind {
        FactKind::Bool => Ty::Bool,
        FactKind::Int => Ty::Int,
        FactKind::Decimal => Ty::Decimal,
        FactKind::Date => Ty::Date,
        FactKind::Choice => Ty::Choice(slot),
        FactKind::Set => Ty::Set(slot),
    }
}

/// `dim` with tillfällen as plain numbers: `2 gånger per vecka` is a rate per period, and `40
/// minuter per tillfälle` a time.
fn plain(dim: Dim) -> Dim {
    Dim { count: 0, ..dim }
}

/// Whether two dimensions agree: a count of tillfällen is a plain number here, so `2 gånger
/// per vecka` and `2 per vecka` are the same.
fn same_dim(left: Dim, right: Dim) -> bool {
    left.time == right.time && left.period == right.period
}

/// The number of thousandths in `numerator / 10^decimals`, when exact.
fn thousandths(numerator: i64, decimals: u32) -> Option<i64> {
    match decimals {
        0..=3 => numerator.checked_mul(10i64.checked_pow(3 - decimals)?),
        _ => None,
    }
}

impl<'a, 'f> Checker<'a, 'f> {
    fn new(
        field: &'f Field,
        scope: &'a Scope<'a>,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Checker<'a, 'f> {
        Checker {
            scope,
            field,
            diagnostics,
            out: Condition::default(),
            depth: 0,
        }
    }
}

impl Checker<'_, '_> {
    fn error(&self, code: Code, expr: &Expr, message: String) -> Diagnostic {
        Diagnostic::error(code, self.field.sub_span(expr.start, expr.end), message)
    }

    fn fail(&mut self, code: Code, expr: &Expr, message: String) -> Option<Ty> {
        let error = self.error(code, expr, message);
        self.diagnostics.push(error);
        None
    }

    fn describe(&self, ty: Ty) -> String {
        describe(self.scope.catalogue, ty)
    }

    fn emit(&mut self, op: Op, operand: i32) {
        self.out.code.extend_from_slice(&op.encode(operand));
        let (pops, pushes) = op.pops_and_pushes();
        self.depth = self.depth.saturating_sub(pops) + pushes;
        self.out.max_depth = self.out.max_depth.max(self.depth);
    }

    /// Emits a push of the exact number `ratio`; `None` (after a diagnostic) when it does not
    /// fit the core's numbers.
    fn emit_number(&mut self, expr: &Expr, ratio: Ratio) -> Option<()> {
        let (Ok(num), Ok(den)) = (i64::try_from(ratio.num), i64::try_from(ratio.den)) else {
            self.fail(
                Code::OgiltigtVarde,
                expr,
                texts::TALET_AR_FOR_STORT.to_owned(),
            );
            return None;
        };
        let index = match self.out.numbers.iter().position(|n| *n == (num, den)) {
            Some(index) => index,
            None => {
                self.out.numbers.push((num, den));
                self.out.numbers.len() - 1
            }
        };
        self.emit(Op::Num, i32::try_from(index).unwrap_or(i32::MAX));
        Some(())
    }

    fn unknown_name(&mut self, expr: &Expr, name: &str) {
        let params = self.scope.params.iter().map(String::as_str);
        let candidates = self.scope.catalogue.names().chain(params);
        let mut diagnostic = self.error(Code::OkandUppgift, expr, texts::okand_uppgift(name));
        if let Some(suggestion) = names::suggest(name, candidates) {
            diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
        } else {
            diagnostic = diagnostic.with_note(texts::EN_UPPGIFT_DEKLARERAS_I);
        }
        self.diagnostics.push(diagnostic);
    }

    /// Whether `expr` computes (and so compiles to exact numbers, not raw values).
    fn computes(expr: &Expr) -> bool {
        matches!(
            expr.kind,
            ExprKind::Decimal { .. }
                | ExprKind::Quantity(..)
                | ExprKind::Arith(..)
                | ExprKind::Neg(_)
                | ExprKind::If(..)
                | ExprKind::Extreme(..)
        )
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
                    return self.fail(Code::OgiltigtVarde, expr, texts::talet_ar_for_stort(value));
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
            | ExprKind::Extreme(..) => self.value(expr).map(Ty::Num),
            ExprKind::Contains(set, value) => {
                let set_ty = self.expr(set)?;
                let Ty::Set(slot) = set_ty else {
                    let found = self.describe(set_ty);
                    return self.fail(Code::Typfel, set, texts::innehaller_kraver_en_mangd(&found));
                };
                let bit = self.word(value, slot)?;
                if let ExprKind::Name(_) = set.kind
                    && let Some(fact) = self.fact_of(set)
                {
                    self.out
                        .constants
                        .entry(fact)
                        .or_default()
                        .insert(1i64 << bit);
                }
                self.emit(Op::Contains, bit);
                Some(Ty::Bool)
            }
        }
    }

    /// The value of `expr` when it is made of literals only (`40 minuter`, `1 gånger per vecka /
    /// 2`), in canonical units, with its dimension; `None` for anything that reads a fact or a
    /// parameter, or whose units do not agree (the general path reports that).
    fn constant(expr: &Expr) -> Option<(Ratio, Dim)> {
        match &expr.kind {
            ExprKind::Int(value) => Some((Ratio::whole(i128::from(*value)), Dim::NONE)),
            ExprKind::Decimal {
                numerator,
                decimals,
            } => Some((
                Ratio::new(i128::from(*numerator), 10i128.checked_pow(*decimals)?)?,
                Dim::NONE,
            )),
            ExprKind::Quantity(inner, unit) => {
                let (value, dim) = Checker::constant(inner)?;
                (dim == Dim::NONE)
                    .then(|| value.checked_mul(unit.factor()))
                    .flatten()
                    .map(|value| (value, plain(unit.dim())))
            }
            ExprKind::Neg(inner) => {
                let (value, dim) = Checker::constant(inner)?;
                Some((value.checked_neg()?, dim))
            }
            ExprKind::Arith(op, left, right) => {
                let (left, left_dim) = Checker::constant(left)?;
                let (right, right_dim) = Checker::constant(right)?;
                match op {
                    ArithOp::Add if same_dim(left_dim, right_dim) => {
                        Some((left.checked_add(right)?, left_dim))
                    }
                    ArithOp::Sub if same_dim(left_dim, right_dim) => {
                        Some((left.checked_add(right.checked_neg()?)?, left_dim))
                    }
                    ArithOp::Mul => Some((left.checked_mul(right)?, left_dim.times(right_dim))),
                    ArithOp::Div if right.num != 0 => {
                        Some((left.checked_div(right)?, left_dim.over(right_dim)))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Checks and emits `expr` as an exact number in canonical units; gives its dimension.
    /// A constant is folded into one number, so the core reads a schablon time directly.
    fn value(&mut self, expr: &Expr) -> Option<Dim> {
        if let Some((value, dim)) = Checker::constant(expr)
            && !matches!(expr.kind, ExprKind::Int(_) | ExprKind::Decimal { .. })
        {
            self.emit_number(expr, value)?;
            return Some(dim);
        }
        match &expr.kind {
            ExprKind::Int(value) => {
                self.emit_number(expr, Ratio::whole(i128::from(*value)))?;
                Some(Dim::NONE)
            }
            ExprKind::Decimal {
                numerator,
                decimals,
            } => {
                let den = 10i128.checked_pow(*decimals);
                let ratio = den.and_then(|den| Ratio::new(i128::from(*numerator), den));
                let Some(ratio) = ratio else {
                    self.fail(
                        Code::OgiltigtVarde,
                        expr,
                        texts::TALET_HAR_FOR_MANGA.to_owned(),
                    );
                    return None;
                };
                self.emit_number(expr, ratio)?;
                Some(Dim::NONE)
            }
            ExprKind::Quantity(inner, unit) => {
                let dim = self.value(inner)?;
                if dim != Dim::NONE {
                    self.fail(
                        Code::Typfel,
                        inner,
                        texts::star_efter_ett_tal(dim.describe(), unit),
                    );
                    return None;
                }
                self.emit_number(expr, unit.factor())?;
                self.emit(Op::Mul, 0);
                Some(plain(unit.dim()))
            }
            ExprKind::Name(name) => {
                if let Some(slot) = self.scope.catalogue.slot(name) {
                    let fact = self.scope.catalogue.fact(slot)?;
                    let (kind, unit) = (fact.kind, fact.unit);
                    if !matches!(kind, FactKind::Int | FactKind::Decimal) {
                        let found = self.describe(fact_ty(kind, slot));
                        self.fail(Code::Typfel, expr, texts::bara_tal_gar_att(name, &found));
                        return None;
                    }
                    self.out.facts.insert(slot);
                    self.emit(Op::Fact, i32::from(slot));
                    let mut factor = unit.map_or(Ratio::whole(1), |unit| unit.factor());
                    if kind == FactKind::Decimal {
                        factor = factor.checked_div(Ratio::whole(1_000))?;
                    }
                    if factor != Ratio::whole(1) {
                        self.emit_number(expr, factor)?;
                        self.emit(Op::Mul, 0);
                    }
                    return Some(unit.map_or(Dim::NONE, |unit| plain(unit.dim())));
                }
                if let Some(param_idx) = self.param_of(expr) {
                    self.out.params.insert(param_idx);
                    self.emit(Op::Param, i32::try_from(param_idx).unwrap_or(0));
                    return Some(Dim::NONE);
                }
                self.unknown_name(expr, name);
                None
            }
            ExprKind::Arith(op, left, right) => {
                let left_dim = self.value(left);
                let right_dim = self.value(right);
                let (left_dim, right_dim) = (left_dim?, right_dim?);
                let dim = match op {
                    ArithOp::Add | ArithOp::Sub => {
                        if !same_dim(left_dim, right_dim) {
                            self.fail(
                                Code::Typfel,
                                expr,
                                texts::kan_inte_lagga_ihop(
                                    left_dim.describe(),
                                    right_dim.describe(),
                                ),
                            );
                            return None;
                        }
                        left_dim
                    }
                    ArithOp::Mul => left_dim.times(right_dim),
                    ArithOp::Div => left_dim.over(right_dim),
                };
                self.emit(
                    match op {
                        ArithOp::Add => Op::Add,
                        ArithOp::Sub => Op::Sub,
                        ArithOp::Mul => Op::Mul,
                        ArithOp::Div => Op::Div,
                    },
                    0,
                );
                Some(dim)
            }
            ExprKind::Neg(inner) => {
                let dim = self.value(inner)?;
                self.emit(Op::Neg, 0);
                Some(dim)
            }
            ExprKind::If(condition, then, otherwise) => {
                let then_dim = self.value(then);
                let otherwise_dim = self.value(otherwise);
                let condition_ty = self.expr(condition);
                let (then_dim, otherwise_dim) = (then_dim?, otherwise_dim?);
                self.expect(condition, condition_ty?, Ty::Bool, "`om`")?;
                if !same_dim(then_dim, otherwise_dim) {
                    self.fail(
                        Code::Typfel,
                        expr,
                        texts::sa_ger_men_annars(then_dim.describe(), otherwise_dim.describe()),
                    );
                    return None;
                }
                self.emit(Op::Select, 0);
                Some(then_dim)
            }
            ExprKind::Extreme(which, values) => {
                let mut dim: Option<Dim> = None;
                for (index, value) in values.iter().enumerate() {
                    let this = self.value(value)?;
                    if let Some(first) = dim
                        && !same_dim(first, this)
                    {
                        self.fail(
                            Code::Typfel,
                            value,
                            texts::kan_inte_jamfora_med(first.describe(), this.describe()),
                        );
                        return None;
                    }
                    dim = Some(this);
                    if index > 0 {
                        self.emit(
                            match which {
                                Extreme::Minst => Op::Min,
                                Extreme::Hogst => Op::Max,
                            },
                            0,
                        );
                    }
                }
                dim
            }
            _ => {
                let ty = self.expr(expr)?;
                let found = self.describe(ty);
                self.fail(Code::Typfel, expr, texts::vantade_ett_tal_men(&found));
                None
            }
        }
    }

    fn fact_of(&self, expr: &Expr) -> Option<u16> {
        match &expr.kind {
            ExprKind::Name(name) => self.scope.catalogue.slot(name),
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
        if let Some(slot) = self.scope.catalogue.slot(name) {
            let kind = self.scope.catalogue.fact(slot)?.kind;
            self.out.facts.insert(slot);
            self.emit(Op::Fact, i32::from(slot));
            return Some(fact_ty(kind, slot));
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
        let message =
            texts::kraver_men_detta_ar(self.describe(want), self.describe(found), context);
        self.fail(Code::Typfel, expr, message);
        None
    }

    /// The index of the word `expr` names among the words of the fact in `slot`.
    fn word(&mut self, expr: &Expr, slot: u16) -> Option<i32> {
        let ExprKind::Name(name) = &expr.kind else {
            let want = self.describe(Ty::Choice(slot));
            self.fail(Code::Typfel, expr, texts::vantade(&want));
            return None;
        };
        if let Some(index) = self.scope.catalogue.word_index(slot, name) {
            return Some(i32::from(index));
        }
        let words: Vec<String> = self
            .scope
            .catalogue
            .fact(slot)
            .map(|fact| fact.words.clone())
            .unwrap_or_default();
        let word_refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut diagnostic = self.error(
            Code::OkandUppgift,
            expr,
            texts::okant_varde_har_gar(names::one_of(&word_refs), name),
        );
        if let Some(suggestion) = names::suggest(name, word_refs.iter().copied()) {
            diagnostic = diagnostic.with_note(texts::menade_du(suggestion));
        }
        self.diagnostics.push(diagnostic);
        None
    }

    fn is_word_name(&self, expr: &Expr) -> bool {
        matches!(&expr.kind, ExprKind::Name(name)
            if self.scope.catalogue.slot(name).is_none() && !self.scope.params.contains(name))
    }

    /// Whether `left` and `right` compare as raw values (a fact with a constant, a parameter or
    /// another fact of its kind); otherwise the comparison computes exact numbers.
    fn raw_pair(&self, left: &Expr, right: &Expr) -> bool {
        if Checker::computes(left) {
            return false;
        }
        match right.kind {
            ExprKind::Decimal { .. } => self
                .fact_of(left)
                .and_then(|slot| self.scope.catalogue.fact(slot))
                .is_some_and(|fact| fact.kind == FactKind::Decimal),
            _ => !Checker::computes(right),
        }
    }

    fn compare(&mut self, whole: &Expr, op: CompareOp, left: &Expr, right: &Expr) -> Option<()> {
        let ordered = matches!(
            op,
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge
        );
        if !self.raw_pair(left, right) {
            // Both sides compute: exact numbers, units checked.
            let left_dim = self.value(left);
            let right_dim = self.value(right);
            let (left_dim, right_dim) = (left_dim?, right_dim?);
            if !same_dim(left_dim, right_dim) {
                self.fail(
                    Code::Typfel,
                    whole,
                    texts::kan_inte_jamfora_med(left_dim.describe(), right_dim.describe()),
                );
                return None;
            }
            self.emit(compare_op(op), 0);
            return Some(());
        }
        let left_ty = self.expr(left)?;
        let right_ty = match (left_ty, &right.kind) {
            (Ty::Choice(slot), _) if self.is_word_name(right) => {
                let index = self.word(right, slot)?;
                self.emit(Op::Push, index);
                Ty::Choice(slot)
            }
            (Ty::Decimal, ExprKind::Int(value)) => {
                let scaled = value.checked_mul(1_000).and_then(|v| i32::try_from(v).ok());
                let Some(scaled) = scaled else {
                    return self
                        .fail(Code::OgiltigtVarde, right, texts::talet_ar_for_stort(value))
                        .map(|_| ());
                };
                self.emit(Op::Push, scaled);
                Ty::Decimal
            }
            (
                Ty::Decimal,
                ExprKind::Decimal {
                    numerator,
                    decimals,
                },
            ) => {
                let scaled = thousandths(*numerator, *decimals).and_then(|v| i32::try_from(v).ok());
                let Some(scaled) = scaled else {
                    return self
                        .fail(
                            Code::OgiltigtVarde,
                            right,
                            texts::ETT_DECIMALTAL_HAR_HOGST.to_owned(),
                        )
                        .map(|_| ());
                };
                self.emit(Op::Push, scaled);
                Ty::Decimal
            }
            _ => self.expr(right)?,
        };
        // A parameter (a whole number) compared with a decimal fact: the parameter in
        // thousandths.
        let right_ty = match (left_ty, right_ty) {
            (Ty::Decimal, Ty::Int) if self.param_of(right).is_some() => {
                self.emit(Op::Push, 1_000);
                self.emit(Op::Mul, 0);
                Ty::Decimal
            }
            _ => right_ty,
        };
        if left_ty != right_ty {
            let message =
                texts::kan_inte_jamfora_med(self.describe(left_ty), self.describe(right_ty));
            self.fail(Code::Typfel, whole, message);
            return None;
        }
        if ordered && !matches!(left_ty, Ty::Int | Ty::Decimal | Ty::Date) {
            let message = texts::och_galler_tal_och(self.describe(left_ty));
            self.fail(Code::Typfel, whole, message);
            return None;
        }
        if matches!(left_ty, Ty::Set(_)) {
            self.fail(Code::Typfel, whole, texts::EN_MANGD_JAMFORS_MED.to_owned());
            return None;
        }
        self.note_constant(left, right);
        self.note_constant(right, left);
        if let (Some(a), Some(b)) = (self.fact_of(left), self.fact_of(right)) {
            self.out.fact_links.insert((a.min(b), a.max(b)));
        }
        self.emit(compare_op(op), 0);
        Some(())
    }

    fn note_constant(&mut self, fact_side: &Expr, other: &Expr) {
        let Some(slot) = self.fact_of(fact_side) else {
            return;
        };
        let Some(fact) = self.scope.catalogue.fact(slot) else {
            return;
        };
        let scale = if fact.kind == FactKind::Decimal {
            1_000
        } else {
            1
        };
        let constant = match &other.kind {
            ExprKind::Int(value) => value.checked_mul(scale),
            ExprKind::Decimal {
                numerator,
                decimals,
            } if fact.kind == FactKind::Decimal => thousandths(*numerator, *decimals),
            ExprKind::Bool(value) => Some(i64::from(*value)),
            ExprKind::Date(date) => Some(i64::from(date.days())),
            ExprKind::Name(name) if fact.kind == FactKind::Choice => {
                self.scope.catalogue.word_index(slot, name).map(i64::from)
            }
            _ => None,
        };
        if let Some(constant) = constant {
            self.out.constants.entry(slot).or_default().insert(constant);
        }
        if let Some(param_idx) = self.param_of(other) {
            self.out
                .param_links
                .entry(slot)
                .or_default()
                .insert(param_idx);
        }
    }
}

fn compare_op(op: CompareOp) -> Op {
    match op {
        CompareOp::Eq => Op::Eq,
        CompareOp::Ne => Op::Ne,
        CompareOp::Lt => Op::Lt,
        CompareOp::Le => Op::Le,
        CompareOp::Gt => Op::Gt,
        CompareOp::Ge => Op::Ge,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::catalogue::{Catalogue, CatalogueFact};
    use crate::compile::expr;
    use crate::compile::unit::Unit;
    use crate::diagnostic::Span;
    use riktlinjer_core::Builtin;

    fn fact(name: &str, kind: FactKind, words: &[&str], enhet: &str) -> CatalogueFact {
        CatalogueFact {
            name: name.to_owned(),
            kind,
            scope: FactScope::Person,
            words: words.iter().map(|word| (*word).to_owned()).collect(),
            enhet: enhet.to_owned(),
            unit: (!enhet.is_empty())
                .then(|| Unit::parse(enhet).ok())
                .flatten(),
            beskrivning: String::new(),
            grupp: String::new(),
            builtin: None,
            andringsbar: false,
            saknas: None,
            span: Span::default(),
        }
    }

    fn catalogue() -> Catalogue {
        let mut catalogue = Catalogue::default();
        let mut diagnostics = Vec::new();
        let mut alder = fact("ålder", FactKind::Int, &[], "");
        alder.builtin = Some(Builtin::Alder);
        for fact in [
            alder,
            fact("bor_ensam", FactKind::Bool, &[], ""),
            fact("studerar", FactKind::Bool, &[], ""),
            fact("personkrets", FactKind::Int, &[], ""),
            fact("kön", FactKind::Choice, &["kvinna", "man"], ""),
            fact("behov", FactKind::Set, &["hemliv", "trygghet"], ""),
            fact("ansökningsdatum", FactKind::Date, &[], ""),
            fact("sökt_omfattning", FactKind::Decimal, &[], ""),
            fact("dusch_per_vecka", FactKind::Int, &[], "gånger per vecka"),
        ] {
            catalogue.add(fact, &mut diagnostics);
        }
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        catalogue
    }

    fn field(text: &str) -> Field {
        Field {
            key: "när".to_owned(),
            key_span: Span::new(0, 3),
            value: text.to_owned(),
            pieces: vec![(0, Span::new(10, 10 + text.len()))],
        }
    }

    fn check(text: &str) -> Result<Condition, Vec<(Code, String)>> {
        let field = field(text);
        let params = vec!["riktålder".to_owned()];
        let catalogue = catalogue();
        let scope = Scope {
            params: &params,
            catalogue: &catalogue,
        };
        let expr = expr::parse(text).map_err(|error| vec![(Code::Syntax, error.message)])?;
        let mut diagnostics = Vec::new();
        compile_condition(&expr, &field, &scope, &mut diagnostics).ok_or_else(|| {
            diagnostics
                .into_iter()
                .map(|d| (d.code, d.message))
                .collect()
        })
    }

    fn value(text: &str) -> Result<Dim, Vec<(Code, String)>> {
        let field = field(text);
        let params = Vec::new();
        let catalogue = catalogue();
        let scope = Scope {
            params: &params,
            catalogue: &catalogue,
        };
        let mut diagnostics = Vec::new();
        compile_value(&field, &scope, &mut diagnostics)
            .map(|(_, dim)| dim)
            .ok_or_else(|| {
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
            "behov innehåller hemliv eller behov innehåller trygghet",
            "ålder >= riktålder",
            "ansökningsdatum < 2025-07-01",
            "bor_ensam = ja",
            "sökt_omfattning <= 7,5",
            "sökt_omfattning > 4",
            "sökt_omfattning > 2 * 3,5",
            "dusch_per_vecka * 40 minuter > 2 timmar per vecka",
        ] {
            assert!(check(text).is_ok(), "{text}: {:?}", check(text).err());
        }
    }

    #[test]
    fn values_carry_their_units() {
        let per_week = Unit::parse("per vecka").map(Unit::dim);
        assert_eq!(value("dusch_per_vecka").ok(), per_week.ok());
        let time_per_period = Unit::parse("timmar per månad").map(Unit::dim).ok();
        assert_eq!(
            value("40 minuter per tillfälle * dusch_per_vecka").ok(),
            time_per_period
        );
        assert_eq!(
            value("om bor_ensam så 70 minuter annars 90 minuter").ok(),
            Unit::parse("minuter").map(Unit::dim).ok()
        );
        assert_eq!(
            value("minst(3 timmar per vecka, dusch_per_vecka * 45 minuter)").ok(),
            time_per_period
        );
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
            (
                "dusch_per_vecka * 40 minuter > 2 timmar",
                Code::Typfel,
                "kan inte jämföra tid per period med tid",
            ),
            (
                "40 minuter + 2 gånger per vecka > 0",
                Code::Typfel,
                "kan inte lägga ihop tid med",
            ),
            (
                "sökt_omfattning > 7,1234",
                Code::OgiltigtVarde,
                "högst tre decimaler",
            ),
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
        let catalogue = catalogue();
        let condition = check("ålder >= 65 och personkrets i [1, 2] och sökt_omfattning <= 7,5")
            .ok()
            .unwrap_or_default();
        let slot = |name: &str| catalogue.slot(name).unwrap_or(u16::MAX);
        let ages: Vec<i64> = condition.constants[&slot("ålder")]
            .iter()
            .copied()
            .collect();
        assert_eq!(ages, vec![65]);
        assert_eq!(condition.constants[&slot("personkrets")].len(), 2);
        let sokt: Vec<i64> = condition.constants[&slot("sökt_omfattning")]
            .iter()
            .copied()
            .collect();
        assert_eq!(sokt, vec![7_500]);
        assert!(condition.max_depth >= 2);
    }
}
