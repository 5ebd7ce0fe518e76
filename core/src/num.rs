//! Exact numbers: fractions of two `i64`, for the arithmetic of schablon and omfattning.
//!
//! A riktlinje computes in minutes, tillfällen and per år, with conversions such as 52/12 weeks
//! a month that no decimal holds exactly, so the core computes in fractions and rounds only
//! where a person reads or compares a figure ([`Num::round_to`], the one rounding rule: half
//! away from zero, at the unit's stated number of decimals).
//! Every operation is checked: an overflow gives `None`, never a wrong value or a panic, and
//! the evaluator turns it into an outcome that a person must judge.

use core::cmp::Ordering;

use serde::Serialize;

/// An exact fraction `num / den` with `den > 0`, in lowest terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Num {
    num: i64,
    den: i64,
}

/// The scale of a decimal fact or value in a table or a case: thousandths.
pub const DECIMAL_SCALE: i64 = 1_000;

impl Num {
    /// Zero.
    pub const ZERO: Num = Num { num: 0, den: 1 };

    /// A whole number.
    pub const fn whole(value: i64) -> Num {
        Num { num: value, den: 1 }
    }

    /// `num / den` in lowest terms; `None` when `den` is zero or the result does not fit.
    pub fn new(num: i64, den: i64) -> Option<Num> {
        Num::reduce(num, den)
    }

    /// `num / den` as given, which the caller has checked to be in lowest terms with `den > 0`
    /// (a table's number pool, checked when it is decoded).
    pub(crate) const fn reduced(num: i64, den: i64) -> Num {
        Num { num, den }
    }

    /// A value in thousandths (a decimal fact): `thousandths / 1000`.
    pub fn from_thousandths(thousandths: i64) -> Option<Num> {
        Num::new(thousandths, DECIMAL_SCALE)
    }

    /// The numerator.
    pub const fn numerator(self) -> i64 {
        self.num
    }

    /// The denominator (above zero).
    pub const fn denominator(self) -> i64 {
        self.den
    }

    /// Whether this is a whole number.
    pub const fn is_whole(self) -> bool {
        self.den == 1
    }

    /// `num / den` in lowest terms with a positive denominator; `None` for a zero denominator
    /// or when the sign cannot be moved (`i64::MIN`).
    fn reduce(num: i64, den: i64) -> Option<Num> {
        if den == 1 {
            // A whole number, in lowest terms as it is (a factor to an insats's unit, mostly).
            return Some(Num::whole(num));
        }
        if den == 0 {
            return None;
        }
        let (num, den) = if den < 0 {
            (num.checked_neg()?, den.checked_neg()?)
        } else {
            (num, den)
        };
        let divisor = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1);
        let divisor = i64::try_from(divisor).ok()?;
        Some(Num {
            num: num.checked_div(divisor)?,
            den: den.checked_div(divisor)?,
        })
    }

    /// The sum, `None` on overflow.
    ///
    /// All arithmetic is in `i64` with common factors cancelled first, so intermediate values
    /// stay as small as the result allows (and no 128-bit division is needed on a device).
    /// With `g` the common factor of the denominators, the sum's numerator can share a factor
    /// with its denominator only inside `g` (both operands are in lowest terms), so only that
    /// factor is looked for (Knuth, *The Art of Computer Programming* 2, 4.5.1).
    pub fn checked_add(self, other: Num) -> Option<Num> {
        if self.den == 1 && other.den == 1 {
            return self.num.checked_add(other.num).map(Num::whole);
        }
        let common = common_factor(self.den, other.den)?;
        let left_scale = other.den.checked_div(common)?;
        let right_scale = self.den.checked_div(common)?;
        let num = self
            .num
            .checked_mul(left_scale)?
            .checked_add(other.num.checked_mul(right_scale)?)?;
        if common == 1 {
            // Coprime denominators: the sum is already in lowest terms.
            return Some(Num {
                num,
                den: self.den.checked_mul(left_scale)?,
            });
        }
        if num == 0 {
            return Some(Num::ZERO);
        }
        let shared = common_factor(num, common)?;
        Some(Num {
            num: num.checked_div(shared)?,
            den: right_scale.checked_mul(other.den.checked_div(shared)?)?,
        })
    }

    /// The difference, `None` on overflow.
    pub fn checked_sub(self, other: Num) -> Option<Num> {
        self.checked_add(other.checked_neg()?)
    }

    /// The negation, `None` on overflow.
    pub fn checked_neg(self) -> Option<Num> {
        Some(Num {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    /// The product, `None` on overflow.
    pub fn checked_mul(self, other: Num) -> Option<Num> {
        if self.den == 1 && other.den == 1 {
            return self.num.checked_mul(other.num).map(Num::whole);
        }
        // Both operands are in lowest terms, so cancelling across leaves the product in lowest
        // terms, with a positive denominator (a zero operand is 0/1, which gives 0/1).
        let first = common_factor(self.num, other.den)?;
        let second = common_factor(other.num, self.den)?;
        if first == 1 && second == 1 {
            // Nothing to cancel (a rate over a count, say): no division to make.
            return Some(Num {
                num: self.num.checked_mul(other.num)?,
                den: self.den.checked_mul(other.den)?,
            });
        }
        let num = self
            .num
            .checked_div(first)?
            .checked_mul(other.num.checked_div(second)?)?;
        let den = self
            .den
            .checked_div(second)?
            .checked_mul(other.den.checked_div(first)?)?;
        Some(Num { num, den })
    }

    /// The quotient, `None` on overflow or division by zero.
    pub fn checked_div(self, other: Num) -> Option<Num> {
        // The reciprocal of a fraction in lowest terms is in lowest terms; only its sign moves.
        let reciprocal = match other.num.cmp(&0) {
            Ordering::Equal => return None,
            Ordering::Greater => Num {
                num: other.den,
                den: other.num,
            },
            Ordering::Less => Num {
                num: other.den.checked_neg()?,
                den: other.num.checked_neg()?,
            },
        };
        self.checked_mul(reciprocal)
    }

    /// Rounded to `decimals` places, half away from zero, as a whole number of
    /// `10^-decimals` (7,25 to one decimal is 73); `None` on overflow.
    pub fn round_to(self, decimals: u8) -> Option<i64> {
        let scale = power_of_ten(decimals)?;
        let scaled = self.num.checked_mul(scale)?;
        let quotient = scaled.checked_div(self.den)?;
        let remainder = scaled.checked_rem(self.den)?;
        let twice = remainder.checked_abs()?.checked_mul(2)?;
        if twice >= self.den {
            quotient.checked_add(scaled.signum())
        } else {
            Some(quotient)
        }
    }

    /// `self / divisor` rounded as [`Num::round_to`] rounds it; `None` where
    /// `self.checked_div(divisor)` or its rounding is.
    ///
    /// A quotient that is only rounded need not be in lowest terms, so the common factor is
    /// not looked for (a loop of divisions) when the unreduced fraction fits; when it does not,
    /// the quotient is reduced first and the answer is the same.
    pub fn rounded_quotient(self, divisor: Num, decimals: u8) -> Option<i64> {
        let unreduced = match divisor.num.cmp(&0) {
            Ordering::Equal => return None,
            Ordering::Greater => self
                .num
                .checked_mul(divisor.den)
                .zip(self.den.checked_mul(divisor.num)),
            Ordering::Less => self
                .num
                .checked_mul(divisor.den)
                .and_then(i64::checked_neg)
                .zip(self.den.checked_mul(divisor.num).and_then(i64::checked_neg)),
        };
        if let Some((num, den)) = unreduced
            && let Some(rounded) = (Num { num, den }).round_to(decimals)
        {
            return Some(rounded);
        }
        self.checked_div(divisor)?.round_to(decimals)
    }

    /// The value rounded to thousandths (the scale of a decimal in a case), half away from zero.
    pub fn to_thousandths(self) -> Option<i64> {
        self.round_to(3)
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Num) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Num) -> Ordering {
        if self.den == other.den {
            return self.num.cmp(&other.num);
        }
        // Both products fit in an i128: each factor fits in an i64.
        let left = i128::from(self.num).saturating_mul(i128::from(other.den));
        let right = i128::from(other.num).saturating_mul(i128::from(self.den));
        left.cmp(&right)
    }
}

/// `10^exponent`, when it fits in an `i64`: read from a table, not multiplied out.
pub(crate) fn power_of_ten(exponent: u8) -> Option<i64> {
    const POWERS: [i64; 19] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
        10_000_000_000,
        100_000_000_000,
        1_000_000_000_000,
        10_000_000_000_000,
        100_000_000_000_000,
        1_000_000_000_000_000,
        10_000_000_000_000_000,
        100_000_000_000_000_000,
        1_000_000_000_000_000_000,
    ];
    POWERS.get(usize::from(exponent)).copied()
}

/// The greatest common divisor of `a` and `b` as an `i64` divisor (at least 1).
fn common_factor(a: i64, b: i64) -> Option<i64> {
    if a == 1 || b == 1 {
        return Some(1);
    }
    i64::try_from(gcd(a.unsigned_abs(), b.unsigned_abs()).max(1)).ok()
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let remainder = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = remainder;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(num: i64, den: i64) -> Num {
        Num::new(num, den).unwrap_or(Num::ZERO)
    }

    #[test]
    fn a_month_of_weekly_minutes_is_exact() {
        // 45 minutes a week is 45·52/12 = 195 minutes a month, 3,25 hours.
        let per_month = n(45, 1).checked_mul(n(52, 12)).unwrap_or(Num::ZERO);
        assert_eq!(per_month, n(195, 1));
        assert_eq!(per_month.checked_div(n(60, 1)), Some(n(13, 4)));
        // 90 minutes every third week: 90·52/3/12 = 130 minutes a month.
        let stadning = n(90, 1).checked_mul(n(52, 36)).unwrap_or(Num::ZERO);
        assert_eq!(stadning, n(130, 1));
    }

    #[test]
    fn rounding_is_half_away_from_zero_at_the_stated_decimals() {
        assert_eq!(n(73, 10).round_to(1), Some(73));
        assert_eq!(n(2, 3).round_to(1), Some(7));
        assert_eq!(n(1, 20).round_to(1), Some(1));
        assert_eq!(n(-1, 20).round_to(1), Some(-1));
        assert_eq!(n(1, 40).round_to(1), Some(0));
        assert_eq!(n(470, 60).round_to(2), Some(783));
    }

    #[test]
    fn the_powers_of_ten_are_those_that_fit() {
        for exponent in 0..=18u8 {
            assert_eq!(
                power_of_ten(exponent),
                10i64.checked_pow(u32::from(exponent))
            );
        }
        assert_eq!(power_of_ten(19), None);
        assert_eq!(10i64.checked_pow(19), None);
    }

    #[test]
    fn overflow_is_none_never_a_panic() {
        let big = Num::whole(i64::MAX);
        assert_eq!(big.checked_add(Num::whole(1)), None);
        assert_eq!(big.checked_mul(Num::whole(2)), None);
        assert_eq!(Num::whole(1).checked_div(Num::ZERO), None);
        assert_eq!(Num::whole(i64::MIN).checked_neg(), None);
        assert_eq!(Num::new(1, 0), None);
    }

    proptest! {
        #[test]
        fn arithmetic_never_panics_and_stays_in_lowest_terms(
            a in any::<i64>(), b in any::<i64>(), c in any::<i64>(), d in any::<i64>()
        ) {
            let (Some(x), Some(y)) = (Num::new(a, b), Num::new(c, d)) else {
                return Ok(());
            };
            for value in [x.checked_add(y), x.checked_sub(y), x.checked_mul(y), x.checked_div(y)]
                .into_iter()
                .flatten()
            {
                prop_assert!(value.den > 0);
                prop_assert_eq!(gcd(value.num.unsigned_abs(), value.den.unsigned_abs()).max(1), 1);
            }
            let _ = x.round_to(3);
            let _ = x.cmp(&y);
        }

        #[test]
        fn arithmetic_equals_the_reduced_wide_result(
            a in -100_000i64..100_000, b in 1i64..5_000, c in -100_000i64..100_000, d in 1i64..5_000
        ) {
            // The reference: the textbook result in 128 bits, reduced by a full gcd.
            fn reference(num: Option<i128>, den: Option<i128>) -> Option<Num> {
                let (num, den) = (num?, den?);
                let wide_gcd = |mut a: u128, mut b: u128| {
                    while b != 0 {
                        (a, b) = (b, a.checked_rem(b).unwrap_or(0));
                    }
                    a.max(1)
                };
                let divisor = i128::try_from(wide_gcd(num.unsigned_abs(), den.unsigned_abs())).ok()?;
                let (num, den) = (num.checked_div(divisor)?, den.checked_div(divisor)?);
                let (num, den) = if den < 0 { (num.checked_neg()?, den.checked_neg()?) } else { (num, den) };
                Some(Num { num: i64::try_from(num).ok()?, den: i64::try_from(den).ok()? })
            }
            let (x, y) = (n(a, b), n(c, d));
            let (xn, xd, yn, yd) = (i128::from(x.num), i128::from(x.den), i128::from(y.num), i128::from(y.den));
            let cross = |p: i128, q: i128| p.checked_mul(q);
            let sum = cross(xn, yd).zip(cross(yn, xd));
            prop_assert_eq!(x.checked_add(y), reference(sum.and_then(|(l, r)| l.checked_add(r)), cross(xd, yd)));
            prop_assert_eq!(x.checked_sub(y), reference(sum.and_then(|(l, r)| l.checked_sub(r)), cross(xd, yd)));
            prop_assert_eq!(x.checked_mul(y), reference(cross(xn, yn), cross(xd, yd)));
            let quotient = if yn == 0 { None } else { reference(cross(xn, yd), cross(xd, yn)) };
            prop_assert_eq!(x.checked_div(y), quotient);
        }

        #[test]
        fn a_rounded_quotient_is_the_rounded_reduced_quotient(
            a in prop_oneof![-100_000i64..100_000, any::<i64>()],
            b in prop_oneof![1i64..5_000, any::<i64>()],
            c in prop_oneof![-100_000i64..100_000, any::<i64>()],
            d in prop_oneof![1i64..5_000, any::<i64>()],
            decimals in 0u8..4,
        ) {
            let (Some(x), Some(y)) = (Num::new(a, b), Num::new(c, d)) else {
                return Ok(());
            };
            prop_assert_eq!(
                x.rounded_quotient(y, decimals),
                x.checked_div(y).and_then(|quotient| quotient.round_to(decimals))
            );
        }

        #[test]
        fn order_agrees_with_exact_subtraction(a in -1_000_000i64..1_000_000, b in 1i64..10_000, c in -1_000_000i64..1_000_000, d in 1i64..10_000) {
            let (x, y) = (n(a, b), n(c, d));
            let difference = x.checked_sub(y).unwrap_or(Num::ZERO);
            prop_assert_eq!(x.cmp(&y), difference.num.cmp(&0));
        }
    }
}
