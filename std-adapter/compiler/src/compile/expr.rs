//! The expression language: tokens and the expression tree, with byte offsets into the text.
//!
//! One grammar serves conditions (`när`), computed values (a schablon's `tid` and `antal`) and
//! the values of a rule test. Grammar, loosest binding first:
//!
//! ```text
//! eller   := och ("eller" och)*
//! och     := inte ("och" inte)*
//! inte    := "inte" inte | jämf
//! jämf    := summa (("=" | "!=" | "<" | "<=" | ">" | ">=") summa
//!            | "i" "[" summa ("," summa)* "]" | "innehåller" namn)?
//! summa   := produkt (("+" | "-") produkt)*
//! produkt := term (("*" | "/") term)*
//! term    := tal [enhet] | datum | "ja" | "nej" | namn | "-" term | "(" eller ")"
//!          | "om" eller "så" summa "annars" summa
//!          | ("minst" | "högst") "(" summa ("," summa)* ")"
//! tal     := heltal | decimaltal (`7,3` or `7.3`)
//! enhet   := enhetsord ["per" nämnare] | "per" nämnare
//! ```
//!
//! Unit words (`minuter per tillfälle`, `timmar per månad`, `gånger per vecka`) are read by
//! `unit`; names are resolved and types and units checked in `check`; this module only reads.

use riktlinjer_core::Date;

use crate::compile::unit::{self, Unit};
use crate::texts;

/// An expression with its byte range in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Its first byte in the text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `ja` or `nej`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal number, exactly: `numerator / 10^decimals`.
    Decimal {
        /// The digits without the decimal separator.
        numerator: i64,
        /// How many of them follow the separator.
        decimals: u32,
    },
    /// A number with a unit: `40 minuter per tillfälle`.
    Quantity(Box<Expr>, Unit),
    /// A date.
    Date(Date),
    /// A fact, parameter or enumeration value.
    Name(String),
    /// `inte x`.
    Not(Box<Expr>),
    /// `x och y`.
    And(Box<Expr>, Box<Expr>),
    /// `x eller y`.
    Or(Box<Expr>, Box<Expr>),
    /// A comparison.
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    /// `x i [a, b]`.
    In(Box<Expr>, Vec<Expr>),
    /// `x innehåller v`.
    Contains(Box<Expr>, Box<Expr>),
    /// `x + y`, `x - y`, `x * y`, `x / y`.
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// `-x`.
    Neg(Box<Expr>),
    /// `om villkor så x annars y`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `minst(x, y, …)` or `högst(x, y, …)`: the least or the greatest of the values.
    Extreme(Extreme, Vec<Expr>),
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
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

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
}

/// `minst` or `högst`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extreme {
    /// The least: `minst(a, b)`.
    Minst,
    /// The greatest: `högst(a, b)`.
    Hogst,
}

/// A syntax error: what was expected, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The message, in Swedish.
    pub message: String,
    /// Its first byte in the text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Int(i64),
    Decimal(i64, u32),
    Date(Date),
    Word(String),
    Compare(CompareOp),
    Arith(ArithOp),
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
}

/// The words that are part of the grammar and cannot name a fact.
const KEYWORDS: [&str; 11] = [
    "och",
    "eller",
    "inte",
    "i",
    "innehåller",
    "om",
    "så",
    "annars",
    "per",
    "ja",
    "nej",
];

/// Parses an expression.
///
/// # Errors
/// The first [`SyntaxError`].
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        position: 0,
        text_len: text.len(),
    };
    let expr = parser.or()?;
    match parser.tokens.get(parser.position) {
        None => Ok(expr),
        Some((token, start, end)) => Err(SyntaxError {
            message: texts::ovantat_efter_ett_fullstandigt(describe(token)),
            start: *start,
            end: *end,
        }),
    }
}

fn lex(text: &str) -> Result<Vec<(Token, usize, usize)>, SyntaxError> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let single = match c {
            '(' => Some(Token::LeftParen),
            ')' => Some(Token::RightParen),
            '[' => Some(Token::LeftBracket),
            ']' => Some(Token::RightBracket),
            ',' => Some(Token::Comma),
            '+' => Some(Token::Arith(ArithOp::Add)),
            '-' => Some(Token::Arith(ArithOp::Sub)),
            '*' => Some(Token::Arith(ArithOp::Mul)),
            '/' => Some(Token::Arith(ArithOp::Div)),
            _ => None,
        };
        if let Some(token) = single {
            chars.next();
            tokens.push((token, start, start + 1));
            continue;
        }
        if matches!(c, '=' | '!' | '<' | '>') {
            chars.next();
            let followed_by_eq = chars.peek().is_some_and(|&(_, next)| next == '=');
            let (op, len) = match (c, followed_by_eq) {
                ('=', _) => (CompareOp::Eq, 1),
                ('!', true) => (CompareOp::Ne, 2),
                ('<', true) => (CompareOp::Le, 2),
                ('<', false) => (CompareOp::Lt, 1),
                ('>', true) => (CompareOp::Ge, 2),
                ('>', false) => (CompareOp::Gt, 1),
                _ => {
                    return Err(SyntaxError {
                        message: texts::KAN_BARA_STA_I.to_owned(),
                        start,
                        end: start + 1,
                    });
                }
            };
            if len == 2 {
                chars.next();
            }
            tokens.push((Token::Compare(op), start, start + len));
            continue;
        }
        if c.is_ascii_digit() {
            let (token, end) = number(text, bytes, start)?;
            while chars.peek().is_some_and(|&(index, _)| index < end) {
                chars.next();
            }
            tokens.push((token, start, end));
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let mut end = start;
            while let Some(&(index, next)) = chars.peek() {
                if next.is_alphanumeric() || next == '_' {
                    end = index + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push((Token::Word(text[start..end].to_owned()), start, end));
            continue;
        }
        return Err(SyntaxError {
            message: texts::tecknet_hor_inte_hemma(c),
            start,
            end: start + c.len_utf8(),
        });
    }
    Ok(tokens)
}

/// The number (a whole number, a decimal number or a date) starting at byte `start`, and where
/// it ends.
fn number(text: &str, bytes: &[u8], start: usize) -> Result<(Token, usize), SyntaxError> {
    let digits_from = |from: usize| {
        bytes.get(from..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let mut end = start + digits_from(start);
    let is_digit_at = |index: usize| bytes.get(index).is_some_and(u8::is_ascii_digit);
    // A date: four digits, `-`, two digits, `-`, two digits.
    if end - start == 4 && bytes.get(end) == Some(&b'-') && is_digit_at(end + 1) {
        // Ten bytes on, or the start of the character they end in (`2024-01-rå`).
        let date_end = text.floor_char_boundary(start + 10);
        let word_end = date_end
            + bytes.get(date_end..).map_or(0, |rest| {
                rest.iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                    .count()
            });
        let word = &text[start..word_end];
        return Date::parse(word)
            .map(|date| (Token::Date(date), word_end))
            .map_err(|error| SyntaxError {
                message: texts::ar_inget_giltigt_datum(word, error),
                start,
                end: word_end,
            });
    }
    // A decimal number: a separator (`,` as Swedish writes it, or `.`) right between digits.
    if matches!(bytes.get(end), Some(b',' | b'.')) && is_digit_at(end + 1) {
        let fraction = digits_from(end + 1);
        let whole = &text[start..end];
        let part = &text[end + 1..end + 1 + fraction];
        let too_long = || SyntaxError {
            message: texts::TALET_HAR_FOR_MANGA_SIFFROR.to_owned(),
            start,
            end: end + 1 + fraction,
        };
        let decimals = u32::try_from(fraction).map_err(|_| too_long())?;
        let numerator = format!("{whole}{part}")
            .parse::<i64>()
            .map_err(|_| too_long())?;
        end += 1 + fraction;
        return Ok((Token::Decimal(numerator, decimals), end));
    }
    let word = &text[start..end];
    if bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        let word_end = end
            + bytes.get(end..).map_or(0, |rest| {
                rest.iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count()
            });
        return Err(SyntaxError {
            message: texts::ar_varken_ett_tal(&text[start..word_end]),
            start,
            end: word_end,
        });
    }
    word.parse::<i64>()
        .map(|value| (Token::Int(value), end))
        .map_err(|_| SyntaxError {
            message: texts::skrivet_tal_ar_for_stort(word),
            start,
            end,
        })
}

fn describe(token: &Token) -> String {
    match token {
        Token::Int(value) => format!("talet `{value}`"),
        Token::Decimal(..) => texts::ETT_DECIMALTAL.to_owned(),
        Token::Date(date) => format!("datumet `{date}`"),
        Token::Word(word) => format!("ordet `{word}`"),
        Token::Compare(_) => texts::EN_JAMFORELSE.to_owned(),
        Token::Arith(_) => texts::ETT_RAKNETECKEN.to_owned(),
        Token::LeftParen => "`(`".to_owned(),
        Token::RightParen => "`)`".to_owned(),
        Token::LeftBracket => "`[`".to_owned(),
        Token::RightBracket => "`]`".to_owned(),
        Token::Comma => "`,`".to_owned(),
    }
}

struct Parser {
    tokens: Vec<(Token, usize, usize)>,
    position: usize,
    text_len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position).map(|(token, _, _)| token)
    }

    fn peek_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w == word)
    }

    fn next(&mut self) -> Option<(Token, usize, usize)> {
        let token = self.tokens.get(self.position).cloned();
        self.position += 1;
        token
    }

    fn error_here(&self, expected: &str) -> SyntaxError {
        match self.tokens.get(self.position) {
            Some((token, start, end)) => SyntaxError {
                message: texts::vantade_men_fann(describe(token), expected),
                start: *start,
                end: *end,
            },
            None => SyntaxError {
                message: texts::uttrycket_tar_slut_vantade(expected),
                start: self.text_len,
                end: self.text_len,
            },
        }
    }

    fn expect_word(&mut self, word: &str) -> Result<(), SyntaxError> {
        if self.peek_word(word) {
            self.next();
            Ok(())
        } else {
            Err(self.error_here(&format!("`{word}`")))
        }
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.and()?;
        while self.peek_word("eller") {
            self.next();
            let right = self.and()?;
            left = Expr {
                start: left.start,
                end: right.end,
                kind: ExprKind::Or(Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.not()?;
        while self.peek_word("och") {
            self.next();
            let right = self.not()?;
            left = Expr {
                start: left.start,
                end: right.end,
                kind: ExprKind::And(Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, SyntaxError> {
        if self.peek_word("inte") {
            let start = self
                .tokens
                .get(self.position)
                .map_or(0, |(_, start, _)| *start);
            self.next();
            let inner = self.not()?;
            return Ok(Expr {
                start,
                end: inner.end,
                kind: ExprKind::Not(Box::new(inner)),
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        let left = self.sum()?;
        match self.peek().cloned() {
            Some(Token::Compare(op)) => {
                self.next();
                let right = self.sum()?;
                Ok(Expr {
                    start: left.start,
                    end: right.end,
                    kind: ExprKind::Compare(op, Box::new(left), Box::new(right)),
                })
            }
            Some(Token::Word(word)) if word == "i" => {
                self.next();
                if !matches!(self.peek(), Some(Token::LeftBracket)) {
                    return Err(self.error_here(texts::EFTER_I));
                }
                self.next();
                let mut values = vec![self.sum()?];
                loop {
                    match self.next() {
                        Some((Token::Comma, _, _)) => values.push(self.sum()?),
                        Some((Token::RightBracket, _, end)) => {
                            return Ok(Expr {
                                start: left.start,
                                end,
                                kind: ExprKind::In(Box::new(left), values),
                            });
                        }
                        _ => {
                            self.position -= 1;
                            return Err(self.error_here(texts::KOMMA_ELLER_HAKPARENTES));
                        }
                    }
                }
            }
            Some(Token::Word(word)) if word == "innehåller" => {
                self.next();
                let right = self.term()?;
                Ok(Expr {
                    start: left.start,
                    end: right.end,
                    kind: ExprKind::Contains(Box::new(left), Box::new(right)),
                })
            }
            _ => Ok(left),
        }
    }

    fn sum(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.product()?;
        while let Some(Token::Arith(op @ (ArithOp::Add | ArithOp::Sub))) = self.peek().cloned() {
            self.next();
            let right = self.product()?;
            left = Expr {
                start: left.start,
                end: right.end,
                kind: ExprKind::Arith(op, Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.term()?;
        while let Some(Token::Arith(op @ (ArithOp::Mul | ArithOp::Div))) = self.peek().cloned() {
            self.next();
            let right = self.term()?;
            left = Expr {
                start: left.start,
                end: right.end,
                kind: ExprKind::Arith(op, Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }

    /// A unit after a number, if the next words are one.
    fn unit(&mut self) -> Result<Option<(Unit, usize)>, SyntaxError> {
        let mut words = Vec::new();
        let mut position = self.position;
        while let Some((Token::Word(word), start, end)) = self.tokens.get(position) {
            words.push((word.as_str(), *start, *end));
            position += 1;
        }
        match unit::parse_words(&words) {
            Ok(Some((unit, n_words))) => {
                let end = words
                    .get(n_words.saturating_sub(1))
                    .map_or(0, |(_, _, end)| *end);
                self.position += n_words;
                Ok(Some((unit, end)))
            }
            Ok(None) => Ok(None),
            Err((message, start, end)) => Err(SyntaxError {
                message,
                start,
                end,
            }),
        }
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let Some((token, start, end)) = self.next() else {
            self.position -= 1;
            return Err(self.error_here(texts::ETT_VARDE_ELLER_EN));
        };
        let number = match token {
            Token::Int(value) => Some(ExprKind::Int(value)),
            Token::Decimal(numerator, decimals) => Some(ExprKind::Decimal {
                numerator,
                decimals,
            }),
            _ => None,
        };
        if let Some(kind) = number {
            let number = Expr { kind, start, end };
            return Ok(match self.unit()? {
                Some((unit, unit_end)) => Expr {
                    start,
                    end: unit_end,
                    kind: ExprKind::Quantity(Box::new(number), unit),
                },
                None => number,
            });
        }
        let kind = match token {
            Token::Date(date) => ExprKind::Date(date),
            Token::Arith(ArithOp::Sub) => {
                let inner = self.term()?;
                let end = inner.end;
                let kind = match inner.kind {
                    ExprKind::Int(value) => ExprKind::Int(-value),
                    ExprKind::Decimal {
                        numerator,
                        decimals,
                    } => ExprKind::Decimal {
                        numerator: -numerator,
                        decimals,
                    },
                    _ => ExprKind::Neg(Box::new(inner)),
                };
                return Ok(Expr { start, end, kind });
            }
            Token::Word(word) => match word.as_str() {
                "ja" => ExprKind::Bool(true),
                "nej" => ExprKind::Bool(false),
                "om" => {
                    let condition = self.or()?;
                    self.expect_word("så")?;
                    let then = self.sum()?;
                    self.expect_word("annars")?;
                    let otherwise = self.sum()?;
                    let end = otherwise.end;
                    return Ok(Expr {
                        start,
                        end,
                        kind: ExprKind::If(
                            Box::new(condition),
                            Box::new(then),
                            Box::new(otherwise),
                        ),
                    });
                }
                "minst" | "högst" if matches!(self.peek(), Some(Token::LeftParen)) => {
                    let which = if word == "minst" {
                        Extreme::Minst
                    } else {
                        Extreme::Hogst
                    };
                    self.next();
                    let mut values = vec![self.sum()?];
                    loop {
                        match self.next() {
                            Some((Token::Comma, _, _)) => values.push(self.sum()?),
                            Some((Token::RightParen, _, end)) => {
                                return Ok(Expr {
                                    start,
                                    end,
                                    kind: ExprKind::Extreme(which, values),
                                });
                            }
                            _ => {
                                self.position -= 1;
                                return Err(self.error_here(texts::KOMMA_ELLER_PARENTES));
                            }
                        }
                    }
                }
                word if KEYWORDS.contains(&word) => {
                    self.position -= 1;
                    return Err(self.error_here(texts::ETT_VARDE_ELLER_EN));
                }
                _ => ExprKind::Name(word),
            },
            Token::LeftParen => {
                let inner = self.or()?;
                return match self.next() {
                    Some((Token::RightParen, _, end)) => Ok(Expr {
                        start,
                        end,
                        kind: inner.kind,
                    }),
                    _ => {
                        self.position -= 1;
                        Err(self.error_here("`)`"))
                    }
                };
            }
            _ => {
                self.position -= 1;
                return Err(self.error_here(texts::ETT_VARDE_ELLER_EN));
            }
        };
        Ok(Expr { start, end, kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(expr: &Expr) -> String {
        match &expr.kind {
            ExprKind::Bool(value) => value.to_string(),
            ExprKind::Int(value) => value.to_string(),
            ExprKind::Date(date) => date.to_string(),
            ExprKind::Name(name) => name.clone(),
            ExprKind::Not(inner) => format!("(inte {})", shape(inner)),
            ExprKind::And(l, r) => format!("({} och {})", shape(l), shape(r)),
            ExprKind::Or(l, r) => format!("({} eller {})", shape(l), shape(r)),
            ExprKind::Compare(op, l, r) => format!("({} {op:?} {})", shape(l), shape(r)),
            ExprKind::In(l, values) => {
                let values: Vec<String> = values.iter().map(shape).collect();
                format!("({} i {})", shape(l), values.join(","))
            }
            ExprKind::Contains(l, r) => format!("({} innehåller {})", shape(l), shape(r)),
            ExprKind::Decimal {
                numerator,
                decimals,
            } => format!("{numerator}e-{decimals}"),
            ExprKind::Quantity(number, unit) => format!("{}[{}]", shape(number), unit.name()),
            ExprKind::Arith(op, l, r) => format!("({} {op:?} {})", shape(l), shape(r)),
            ExprKind::Neg(inner) => format!("(-{})", shape(inner)),
            ExprKind::If(c, t, e) => {
                format!("(om {} så {} annars {})", shape(c), shape(t), shape(e))
            }
            ExprKind::Extreme(which, values) => {
                let values: Vec<String> = values.iter().map(shape).collect();
                format!("{which:?}({})", values.join(","))
            }
        }
    }

    #[test]
    fn precedence_and_forms() {
        let cases = [
            ("ålder >= 65 och bor_ensam", "((ålder Ge 65) och bor_ensam)"),
            ("a eller b och c", "(a eller (b och c))"),
            ("inte a och b", "((inte a) och b)"),
            ("(a eller b) och c", "((a eller b) och c)"),
            ("personkrets i [1, 2]", "(personkrets i 1,2)"),
            ("behov innehåller hemliv", "(behov innehåller hemliv)"),
            (
                "ansökningsdatum < 2025-07-01",
                "(ansökningsdatum Lt 2025-07-01)",
            ),
            ("x != -3", "(x Ne -3)"),
            ("a + b * c - d", "((a Add (b Mul c)) Sub d)"),
            ("sökt_omfattning > 7,3", "(sökt_omfattning Gt 73e-1)"),
            ("t > 7.25", "(t Gt 725e-2)"),
            (
                "40 minuter per tillfälle * 2 gånger per vecka",
                "(40[minuter per tillfälle] Mul 2[gånger per vecka])",
            ),
            (
                "om har_omvårdnad så 70 minuter annars 90 minuter",
                "(om har_omvårdnad så 70[minuter] annars 90[minuter])",
            ),
            (
                "högst(a, 2 timmar per vecka)",
                "Hogst(a,2[timmar per vecka])",
            ),
            ("-(a - 1)", "(-(a Sub 1))"),
            ("personkrets i [1, 2] och x", "((personkrets i 1,2) och x)"),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse(text).map(|e| shape(&e)),
                Ok(want.to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn errors_point_at_the_place() {
        let cases = [
            ("ålder >= ", 10, "tar slut"),
            ("a och och b", 6, "väntade ett värde"),
            ("personkrets i 1", 14, "`[`"),
            ("a b", 2, "oväntat ordet `b`"),
            ("datum < 2025-02-30", 8, "inget giltigt datum"),
            ("a & b", 2, "tecknet `&`"),
            ("om a så 1", 10, "`annars`"),
            ("3 timmar per fortnight", 13, "per"),
            ("2x > 1", 0, "börjar med en bokstav"),
            // A date whose tenth byte falls inside a letter.
            ("d < 2024-01-rån", 4, "inget giltigt datum"),
            ("d < 2024-1-å", 4, "inget giltigt datum"),
        ];
        for (text, at, fragment) in cases {
            let error = parse(text).err().unwrap();
            assert_eq!(error.start, at, "{text}: {error:?}");
            assert!(
                error.message.contains(fragment),
                "{text}: {}",
                error.message
            );
        }
    }
}
