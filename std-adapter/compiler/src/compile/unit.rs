//! Units and periods of the rule language, their dimensions, and the exact factors to the
//! canonical units the core computes in.
//!
//! A quantity has a numerator (a time: `minuter`, `timmar`, `dygn`; or a count: `tillfällen`,
//! `gånger`) and an optional denominator after `per` (a count: `per tillfälle`; or a period:
//! `per dag`, `per vecka`, `per månad`, `per år`).
//! The core computes in minutes, tillfällen and per år, as exact fractions; the factors here are
//! the only place the calendar is turned into numbers, and they state its one convention: a year
//! has 52 weeks, so a month is 52/12 weeks (4,33) and a day is 1/364 of a year. A schablon
//! given per week and one given per month then add up exactly, and `varannan vecka` is 26 times
//! a year.

use crate::texts;
use std::fmt;

/// What a unit's numerator counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base {
    /// Minutes.
    Minut,
    /// Hours: 60 minutes.
    Timme,
    /// Dygn: 24 hours.
    Dygn,
    /// Tillfällen (or gånger): a count.
    Tillfalle,
}

/// What a unit is per.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Per {
    /// Per tillfälle: a time for each occasion.
    Tillfalle,
    /// Per dag: 364 a year.
    Dag,
    /// Per vecka: 52 a year.
    Vecka,
    /// Per månad: 12 a year.
    Manad,
    /// Per år.
    Ar,
}

/// A unit: `minuter per tillfälle`, `timmar per månad`, `gånger per vecka`, `per vecka`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Unit {
    /// What is counted; `None` for a plain rate (`2 per vecka` is not written; this is for
    /// `per vecka` on its own, a count per period).
    pub base: Option<Base>,
    /// What it is per, if anything.
    pub per: Option<Per>,
}

/// The dimension of a value: exponents of time, count and period.
///
/// `minuter per tillfälle` is time¹·count⁻¹, `gånger per vecka` count¹·period⁻¹, and their
/// product time¹·period⁻¹, which is what an omfattning in `timmar per månad` is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dim {
    /// The exponent of time.
    pub time: i8,
    /// The exponent of a count of tillfällen.
    pub count: i8,
    /// The exponent of a period (−1: per period).
    pub period: i8,
}

/// An exact fraction, for the compiler's factors and constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    /// The numerator.
    pub num: i128,
    /// The denominator, above zero.
    pub den: i128,
}

impl Ratio {
    /// `num / den`, in lowest terms; `None` when `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let sign = if den < 0 { -1 } else { 1 };
        let divisor = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1);
        let divisor = i128::try_from(divisor).ok()?;
        Some(Ratio {
            num: sign * num / divisor,
            den: sign * den / divisor,
        })
    }

    /// A whole number.
    pub fn whole(value: i128) -> Ratio {
        Ratio { num: value, den: 1 }
    }

    /// The product, `None` on overflow.
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        Ratio::new(
            self.num.checked_mul(other.num)?,
            self.den.checked_mul(other.den)?,
        )
    }

    /// The sum, `None` on overflow.
    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        Ratio::new(
            self.num
                .checked_mul(other.den)?
                .checked_add(other.num.checked_mul(self.den)?)?,
            self.den.checked_mul(other.den)?,
        )
    }

    /// The negation, `None` on overflow.
    pub fn checked_neg(self) -> Option<Ratio> {
        Ratio::new(self.num.checked_neg()?, self.den)
    }

    /// The quotient, `None` on overflow or division by zero.
    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        Ratio::new(
            self.num.checked_mul(other.den)?,
            self.den.checked_mul(other.num)?,
        )
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Dim {
    /// A plain number.
    pub const NONE: Dim = Dim {
        time: 0,
        count: 0,
        period: 0,
    };

    /// The dimension of a product.
    pub fn times(self, other: Dim) -> Dim {
        Dim {
            time: self.time.saturating_add(other.time),
            count: self.count.saturating_add(other.count),
            period: self.period.saturating_add(other.period),
        }
    }

    /// The dimension of a quotient.
    pub fn over(self, other: Dim) -> Dim {
        Dim {
            time: self.time.saturating_sub(other.time),
            count: self.count.saturating_sub(other.count),
            period: self.period.saturating_sub(other.period),
        }
    }

    /// How a value of this dimension is described in a message: `tid per tillfälle`.
    pub fn describe(self) -> String {
        let mut above = Vec::new();
        let mut below = Vec::new();
        for (exponent, name) in [
            (self.time, "tid"),
            (self.count, texts::ANTAL_TILLFALLEN),
            (self.period, "period"),
        ] {
            for _ in 0..exponent.max(0) {
                above.push(name);
            }
            for _ in 0..exponent.min(0).unsigned_abs() {
                below.push(match name {
                    texts::ANTAL_TILLFALLEN => "tillfälle",
                    other => other,
                });
            }
        }
        let above = if above.is_empty() {
            texts::ETT_TAL.to_owned()
        } else {
            above.join(" · ")
        };
        if below.is_empty() {
            above
        } else {
            format!("{above} per {}", below.join(" och "))
        }
    }
}

impl Base {
    fn dim(self) -> Dim {
        match self {
            Base::Minut | Base::Timme | Base::Dygn => Dim {
                time: 1,
                ..Dim::NONE
            },
            Base::Tillfalle => Dim {
                count: 1,
                ..Dim::NONE
            },
        }
    }

    /// Canonical units (minutes, tillfällen) in one of this.
    fn factor(self) -> i128 {
        match self {
            Base::Minut | Base::Tillfalle => 1,
            Base::Timme => 60,
            Base::Dygn => 1_440,
        }
    }
}

impl Per {
    fn dim(self) -> Dim {
        match self {
            Per::Tillfalle => Dim {
                count: -1,
                ..Dim::NONE
            },
            Per::Dag | Per::Vecka | Per::Manad | Per::Ar => Dim {
                period: -1,
                ..Dim::NONE
            },
        }
    }

    /// How many of this there are in the canonical denominator (one tillfälle, one year).
    fn in_canonical(self) -> i128 {
        match self {
            Per::Tillfalle | Per::Ar => 1,
            Per::Manad => 12,
            Per::Vecka => 52,
            Per::Dag => 364,
        }
    }
}

impl Unit {
    /// The unit's dimension.
    pub fn dim(self) -> Dim {
        let base = self.base.map_or(Dim::NONE, Base::dim);
        let per = self.per.map_or(Dim::NONE, Per::dim);
        base.times(per)
    }

    /// The exact factor from this unit to the canonical units: a value in this unit times the
    /// factor is the value in minutes, tillfällen and per år.
    pub fn factor(self) -> Ratio {
        let base = self.base.map_or(1, Base::factor);
        let per = self.per.map_or(1, Per::in_canonical);
        Ratio::whole(base * per)
    }

    /// The unit as a riktlinje writes it (plural): `timmar per månad`.
    pub fn name(self) -> String {
        let base = self.base.map(|base| match base {
            Base::Minut => "minuter",
            Base::Timme => "timmar",
            Base::Dygn => "dygn",
            Base::Tillfalle => "gånger",
        });
        let per = self.per.map(|per| match per {
            Per::Tillfalle => texts::PER_TILLFALLE,
            Per::Dag => texts::PER_DAG,
            Per::Vecka => texts::PER_VECKA,
            Per::Manad => texts::PER_MANAD,
            Per::Ar => texts::PER_AR,
        });
        [base, per]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A unit written as text on its own (in `enhet:`): every word must be part of it.
    ///
    /// # Errors
    /// A Swedish message naming what is wrong.
    pub fn parse(text: &str) -> Result<Unit, String> {
        let words: Vec<(&str, usize, usize)> =
            text.split_whitespace().map(|word| (word, 0, 0)).collect();
        match parse_words(&words) {
            Ok(Some((unit, n_words))) if n_words == words.len() => Ok(unit),
            Ok(_) => Err(texts::ar_ingen_enhet_skriv(text)),
            Err((message, _, _)) => Err(message),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

fn base_word(word: &str) -> Option<Base> {
    Some(match word {
        "minut" | "minuter" => Base::Minut,
        "timme" | "timmar" => Base::Timme,
        "dygn" => Base::Dygn,
        "tillfälle" | "tillfällen" | "gång" | "gånger" => Base::Tillfalle,
        _ => return None,
    })
}

fn per_word(word: &str) -> Option<Per> {
    Some(match word {
        "tillfälle" => Per::Tillfalle,
        "dag" | "dygn" => Per::Dag,
        "vecka" => Per::Vecka,
        "månad" => Per::Manad,
        "år" => Per::Ar,
        _ => return None,
    })
}

/// The unit the first of `words` (each with its byte range) begin, and how many words it takes;
/// `None` when the first word begins no unit.
///
/// # Errors
/// A message with the byte range of the word after `per` when it is no period.
pub fn parse_words(
    words: &[(&str, usize, usize)],
) -> Result<Option<(Unit, usize)>, (String, usize, usize)> {
    let mut at = 0;
    let base = words.first().and_then(|(word, _, _)| base_word(word));
    if base.is_some() {
        at += 1;
    }
    let per = match words.get(at) {
        Some(("per", _, _)) => {
            let Some((word, start, end)) = words.get(at + 1) else {
                let (_, start, end) = words.get(at).copied().unwrap_or(("", 0, 0));
                return Err((texts::PER_SKA_FOLJAS_AV.to_owned(), start, end));
            };
            let Some(per) = per_word(word) else {
                return Err((texts::per_gar_inte_att(word), *start, *end));
            };
            at += 2;
            Some(per)
        }
        _ => None,
    };
    if base.is_none() && per.is_none() {
        return Ok(None);
    }
    Ok(Some((Unit { base, per }, at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> Unit {
        Unit::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn a_month_is_52_twelfths_of_a_week_and_everything_is_exact() {
        // 45 minutes a week is 45·52 minutes a year, and in hours a month 45·52/(60·12) = 3,25.
        let per_week = unit("minuter per vecka").factor();
        let per_month_hours = unit("timmar per månad").factor();
        assert_eq!(per_week, Ratio::whole(52));
        assert_eq!(per_month_hours, Ratio::whole(720));
        let value = Ratio::whole(45)
            .checked_mul(per_week)
            .and_then(|v| v.checked_div(per_month_hours));
        assert_eq!(value, Ratio::new(13, 4));
        assert_eq!(unit("gånger per dag").factor(), Ratio::whole(364));
        assert_eq!(unit("dygn per månad").factor(), Ratio::whole(1_440 * 12));
    }

    #[test]
    fn dimensions_multiply() {
        let schablon = unit("minuter per tillfälle").dim();
        let frequency = unit("gånger per vecka").dim();
        assert_eq!(schablon.times(frequency), unit("timmar per månad").dim());
        assert_eq!(unit("timmar").dim().describe(), "tid");
        assert_eq!(schablon.describe(), "tid per tillfälle");
        assert_eq!(unit("timmar per månad").dim().describe(), "tid per period");
    }

    #[test]
    fn bad_units_are_named() {
        assert!(Unit::parse("timmar per fortnight").is_err_and(|e| e.contains("per fortnight")));
        assert!(Unit::parse("timmar om dagen").is_err_and(|e| e.contains("ingen enhet")));
        assert_eq!(unit("tillfällen per vecka").name(), "gånger per vecka");
    }
}
