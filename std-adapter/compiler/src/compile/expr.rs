//! The condition language: tokens and the expression tree, with byte offsets into the condition.
//!
//! Grammar, loosest binding first:
//!
//! ```text
//! eller := och ("eller" och)*
//! och   := inte ("och" inte)*
//! inte  := "inte" inte | jämf
//! jämf  := värde (("=" | "!=" | "<" | "<=" | ">" | ">=") värde | "i" "[" värde ("," värde)* "]"
//!          | "innehåller" namn)?
//! värde := heltal | datum | "ja" | "nej" | namn | "(" eller ")"
//! ```
//!
//! Names are resolved and types checked in `check`; this module only reads.

use riktlinjer_core::Date;

/// An expression with its byte range in the condition text.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Its first byte in the condition.
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

/// A syntax error: what was expected, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The message, in Swedish.
    pub message: String,
    /// Its first byte in the condition.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Int(i64),
    Date(Date),
    Word(String),
    Compare(CompareOp),
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
}

/// Parses a condition.
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
            message: format!("oväntat {} efter ett fullständigt villkor", describe(token)),
            start: *start,
            end: *end,
        }),
    }
}

fn lex(text: &str) -> Result<Vec<(Token, usize, usize)>, SyntaxError> {
    let mut tokens = Vec::new();
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
                        message: "`!` kan bara stå i `!=`; skriv `inte` för att vända ett villkor"
                            .to_owned(),
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
        if c.is_alphanumeric() || c == '_' || c == '-' {
            let mut end = start;
            while let Some(&(index, next)) = chars.peek() {
                if next.is_alphanumeric() || next == '_' || next == '-' {
                    end = index + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &text[start..end];
            tokens.push((word_token(word, start, end)?, start, end));
            continue;
        }
        return Err(SyntaxError {
            message: format!("tecknet `{c}` hör inte hemma i ett villkor"),
            start,
            end: start + c.len_utf8(),
        });
    }
    Ok(tokens)
}

fn word_token(word: &str, start: usize, end: usize) -> Result<Token, SyntaxError> {
    let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit());
    let looks_like_number = word.starts_with('-') || starts_with_digit;
    if !looks_like_number {
        return Ok(Token::Word(word.to_owned()));
    }
    if word.len() == 10 && word.as_bytes().get(4) == Some(&b'-') && starts_with_digit {
        return Date::parse(word)
            .map(Token::Date)
            .map_err(|error| SyntaxError {
                message: format!("`{word}` är inget giltigt datum: {error}"),
                start,
                end,
            });
    }
    word.parse::<i64>()
        .map(Token::Int)
        .map_err(|_| SyntaxError {
            message: format!(
                "`{word}` är varken ett heltal, ett datum (ÅÅÅÅ-MM-DD) eller ett namn"
            ),
            start,
            end,
        })
}

fn describe(token: &Token) -> String {
    match token {
        Token::Int(value) => format!("talet `{value}`"),
        Token::Date(date) => format!("datumet `{date}`"),
        Token::Word(word) => format!("ordet `{word}`"),
        Token::Compare(_) => "en jämförelse".to_owned(),
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
                message: format!("väntade {expected}, men fann {}", describe(token)),
                start: *start,
                end: *end,
            },
            None => SyntaxError {
                message: format!("villkoret tar slut; väntade {expected}"),
                start: self.text_len,
                end: self.text_len,
            },
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
            let (_, start, _) = self.next().unwrap_or((Token::Comma, 0, 0));
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
        let left = self.value()?;
        match self.peek().cloned() {
            Some(Token::Compare(op)) => {
                self.next();
                let right = self.value()?;
                Ok(Expr {
                    start: left.start,
                    end: right.end,
                    kind: ExprKind::Compare(op, Box::new(left), Box::new(right)),
                })
            }
            Some(Token::Word(word)) if word == "i" => {
                self.next();
                if !matches!(self.peek(), Some(Token::LeftBracket)) {
                    return Err(self.error_here("`[` efter `i`"));
                }
                self.next();
                let mut values = vec![self.value()?];
                loop {
                    match self.next() {
                        Some((Token::Comma, _, _)) => values.push(self.value()?),
                        Some((Token::RightBracket, _, end)) => {
                            return Ok(Expr {
                                start: left.start,
                                end,
                                kind: ExprKind::In(Box::new(left), values),
                            });
                        }
                        _ => {
                            self.position -= 1;
                            return Err(self.error_here("`,` eller `]`"));
                        }
                    }
                }
            }
            Some(Token::Word(word)) if word == "innehåller" => {
                self.next();
                let right = self.value()?;
                Ok(Expr {
                    start: left.start,
                    end: right.end,
                    kind: ExprKind::Contains(Box::new(left), Box::new(right)),
                })
            }
            _ => Ok(left),
        }
    }

    fn value(&mut self) -> Result<Expr, SyntaxError> {
        let Some((token, start, end)) = self.next() else {
            self.position -= 1;
            return Err(self.error_here("ett värde eller en uppgift"));
        };
        let kind = match token {
            Token::Int(value) => ExprKind::Int(value),
            Token::Date(date) => ExprKind::Date(date),
            Token::Word(word) => match word.as_str() {
                "ja" => ExprKind::Bool(true),
                "nej" => ExprKind::Bool(false),
                "och" | "eller" | "inte" | "i" | "innehåller" => {
                    self.position -= 1;
                    return Err(self.error_here("ett värde eller en uppgift"));
                }
                _ => ExprKind::Name(word),
            },
            Token::LeftParen => {
                let inner = self.or()?;
                match self.next() {
                    Some((Token::RightParen, _, end)) => {
                        return Ok(Expr {
                            start,
                            end,
                            kind: inner.kind,
                        });
                    }
                    _ => {
                        self.position -= 1;
                        return Err(self.error_here("`)`"));
                    }
                }
            }
            _ => {
                self.position -= 1;
                return Err(self.error_here("ett värde eller en uppgift"));
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
            ("ålder >= ", 10, "villkoret tar slut"),
            ("a och och b", 6, "väntade ett värde"),
            ("personkrets i 1", 14, "`[`"),
            ("a b", 2, "oväntat ordet `b`"),
            ("datum < 2025-02-30", 8, "inget giltigt datum"),
            ("a & b", 2, "tecknet `&`"),
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
