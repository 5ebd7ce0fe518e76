//! The comparisons a rule's condition makes: which fact it compares with which figure, and how
//! (`städning_var_n_vecka < 3`), so that a motivering can show the figures compared and a
//! search for what would change the outcome knows which values to try.
//!
//! A comparison is read where the code compares a fact with a number or a parameter right
//! after reading it, or right before (`3 > städning_var_n_vecka`, turned round); a negation
//! right after it is folded in. Other conditions (a sum of facts, a set) give no comparison.
//! This module reads code only; it evaluates nothing.

use crate::date::Date;
use crate::decode::Table;
use crate::table::{Code, OP_SIZE, Op, Rule};

/// How a fact is compared with a figure: the fact comes first (`fact < figure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `=`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// One comparison of a fact with a figure in a rule's condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The fact's slot in the table's catalogue.
    pub fact: u16,
    /// How it is compared.
    pub comparison: Comparison,
    /// The figure, as a case gives the fact (a decimal in thousandths).
    pub figure: i64,
}

impl Comparison {
    /// The comparison as the rule language writes it (`<=`).
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Eq => "=",
            Comparison::Ne => "!=",
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }

    fn of(opcode: u8) -> Option<Comparison> {
        [
            (Op::Eq, Comparison::Eq),
            (Op::Ne, Comparison::Ne),
            (Op::Lt, Comparison::Lt),
            (Op::Le, Comparison::Le),
            (Op::Gt, Comparison::Gt),
            (Op::Ge, Comparison::Ge),
        ]
        .iter()
        .find(|(op, _)| *op as u8 == opcode)
        .map(|(_, comparison)| *comparison)
    }

    /// The same comparison with its sides swapped (`3 > x` is `x < 3`).
    fn swapped(self) -> Comparison {
        match self {
            Comparison::Lt => Comparison::Gt,
            Comparison::Le => Comparison::Ge,
            Comparison::Gt => Comparison::Lt,
            Comparison::Ge => Comparison::Le,
            Comparison::Eq | Comparison::Ne => self,
        }
    }

    /// The comparison negated (`inte x < 3` is `x >= 3`).
    fn negated(self) -> Comparison {
        match self {
            Comparison::Eq => Comparison::Ne,
            Comparison::Ne => Comparison::Eq,
            Comparison::Lt => Comparison::Ge,
            Comparison::Le => Comparison::Gt,
            Comparison::Gt => Comparison::Le,
            Comparison::Ge => Comparison::Lt,
        }
    }
}

/// The comparisons of `rule`'s condition, in the order its code reads them, with parameters at
/// their values on `as_of`.
pub fn figures<'a, 't>(
    table: &'a Table<'t>,
    rule: &Rule<'_>,
    as_of: Date,
) -> impl Iterator<Item = Figure> + use<'a, 't> {
    let code = Code {
        start: rule.code_start,
        len: rule.code_len,
    };
    figures_of(table, code, as_of)
}

/// The comparisons of a piece of code of the table.
pub(crate) fn figures_of<'a, 't>(
    table: &'a Table<'t>,
    code: Code,
    as_of: Date,
) -> impl Iterator<Item = Figure> + use<'a, 't> {
    let instructions = instructions_of(table, code);
    (0..instructions.len())
        .filter_map(move |position| figure_at(table, instructions, position, as_of))
}

/// The comparison of the fact read at `position`, if the code compares it there.
pub(crate) fn figure_at(
    table: &Table<'_>,
    instructions: &[[u8; OP_SIZE]],
    position: usize,
    as_of: Date,
) -> Option<Figure> {
    let [opcode, a, b, c, d] = *instructions.get(position)?;
    if opcode != Op::Fact as u8 {
        return None;
    }
    let fact = u16::try_from(i32::from_le_bytes([a, b, c, d])).ok()?;
    let number = |instruction: &[u8; OP_SIZE]| {
        let [opcode, a, b, c, d] = *instruction;
        let operand = i32::from_le_bytes([a, b, c, d]);
        if opcode == Op::Push as u8 {
            Some(i64::from(operand))
        } else if opcode == Op::Param as u8 {
            table.param_value_at(operand, as_of).map(i64::from)
        } else {
            None
        }
    };
    let opcode_at = |at: usize| {
        instructions
            .get(at)
            .and_then(|instruction| instruction.first())
    };
    let negated_at = |at: usize| opcode_at(at) == Some(&(Op::Not as u8));
    let after = position.checked_add(1)?;
    let compare_after = position.checked_add(2)?;
    let (comparison, figure, end) = match (
        instructions.get(after).and_then(number),
        opcode_at(compare_after).and_then(|opcode| Comparison::of(*opcode)),
    ) {
        (Some(figure), Some(comparison)) => (comparison, figure, compare_after),
        _ => {
            let before = position.checked_sub(1)?;
            let comparison = opcode_at(after).and_then(|opcode| Comparison::of(*opcode))?;
            (
                comparison.swapped(),
                number(instructions.get(before)?)?,
                after,
            )
        }
    };
    let comparison = if negated_at(end.checked_add(1)?) {
        comparison.negated()
    } else {
        comparison
    };
    Some(Figure {
        fact,
        comparison,
        figure,
    })
}

/// The instructions of a piece of code in the table; none when it does not lie in it.
pub(crate) fn instructions_of<'t>(table: &Table<'t>, code: Code) -> &'t [[u8; OP_SIZE]] {
    let bytes = crate::table::code_at(table.code(), code.start, code.len);
    bytes.map_or(&[], |bytes| bytes.as_chunks::<OP_SIZE>().0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Enhet, Lag, Outcome, RuleKind};
    use crate::testing::{TableSpec, d, slot_of};

    /// `a_antal < 3`, `3 > a_antal` and `inte a_antal >= 3` are one comparison, read the same.
    #[test]
    fn a_comparison_is_read_with_the_fact_first_and_a_negation_folded_in() {
        let fact = Op::Fact.encode(i32::from(slot_of("a_antal")));
        let three = Op::Push.encode(3);
        let codes = [
            [fact, three, Op::Lt.encode(0)].concat(),
            [three, fact, Op::Gt.encode(0)].concat(),
            [fact, three, Op::Ge.encode(0), Op::Not.encode(0)].concat(),
        ];
        let mut spec = TableSpec::with_insatser(&[]);
        spec.add_insats(
            0,
            "hemtjanst".into(),
            Lag::SoL,
            Enhet::Beslut,
            Outcome::Uppfyller,
            codes
                .into_iter()
                .map(|code| {
                    (
                        RuleKind::UppfyllerInte,
                        None,
                        std::string::String::new(),
                        code,
                    )
                })
                .collect(),
        );
        let bytes = spec.encode();
        let table = Table::decode(&bytes);
        assert!(table.is_ok(), "{table:?}");
        let Ok(table) = table else { return };
        let expected = Figure {
            fact: slot_of("a_antal"),
            comparison: Comparison::Lt,
            figure: 3,
        };
        for rule in table.rules() {
            let found: std::vec::Vec<Figure> = figures(&table, rule, d("2026-02-01")).collect();
            assert_eq!(found, [expected]);
        }
    }
}
