//! Civil dates: a day as a count of days since 1970-01-01, proleptic Gregorian.
//!
//! This module holds ISO 8601 parsing and formatting, adding days, weeks, months and years
//! (with the end-of-month clamping of lag (1930:173) 1 §), weekdays and ages.
//! It knows nothing of holidays (`holidays`) or of frister (`frist`).
//! Every operation that can leave the supported range (0001-01-01 to 9999-12-31) returns `None`
//! or an error instead of wrapping or panicking.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::texts;

/// A civil date, stored as days since 1970-01-01.
///
/// The stored value is always inside [`Date::MIN`]..=[`Date::MAX`]: every constructor checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date(i32);

/// A day of the week, Monday first as in ISO 8601 and Swedish usage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Måndag.
    Mandag,
    /// Tisdag.
    Tisdag,
    /// Onsdag.
    Onsdag,
    /// Torsdag.
    Torsdag,
    /// Fredag.
    Fredag,
    /// Lördag.
    Lordag,
    /// Söndag.
    Sondag,
}

/// Why a text is not a valid date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// The text is not of the form `ÅÅÅÅ-MM-DD`.
    Format,
    /// The month is not 1 to 12.
    Month {
        /// The month as written.
        month: u8,
    },
    /// The day does not exist in that month (for example 2025-06-31).
    Day {
        /// The day as written.
        day: u8,
        /// The number of days the month has.
        days_in_month: u8,
    },
    /// The year is outside 0001 to 9999.
    Year,
}

/// A formatted date, `ÅÅÅÅ-MM-DD`, without allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateText([u8; 10]);

impl Date {
    /// The earliest supported date, 0001-01-01.
    pub const MIN: Date = Date(-719_162);
    /// The latest supported date, 9999-12-31.
    pub const MAX: Date = Date(2_932_896);
    /// 1970-01-01, day zero.
    pub const EPOCH: Date = Date(0);

    /// The date of a day number (days since 1970-01-01), if it is in range.
    pub const fn from_days(days: i32) -> Option<Date> {
        if Date::MIN.0 <= days && days <= Date::MAX.0 {
            Some(Date(days))
        } else {
            None
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub const fn days(self) -> i32 {
        self.0
    }

    /// The date of a year, month and day.
    ///
    /// # Errors
    /// [`DateError::Year`], [`DateError::Month`] or [`DateError::Day`] when that day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError::Year);
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month { month });
        }
        let days_in_month = days_in_month(year, month);
        if day == 0 || day > days_in_month {
            return Err(DateError::Day { day, days_in_month });
        }
        Ok(Date(days_from_civil(year, month, day)))
    }

    /// Parses `ÅÅÅÅ-MM-DD` exactly (ten characters, no time, no offset).
    ///
    /// # Errors
    /// [`DateError::Format`] for any other shape; the other variants for a day that does not exist.
    ///
    /// ```
    /// use riktlinjer_core::{Date, DateError};
    /// let date = Date::parse("2025-12-24")?;
    /// assert_eq!(date.to_ymd(), (2025, 12, 24));
    /// assert_eq!(Date::parse("2025-06-31"), Err(DateError::Day { day: 31, days_in_month: 30 }));
    /// # Ok::<(), DateError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *bytes else {
            return Err(DateError::Format);
        };
        let year = digits(&[y0, y1, y2, y3]).ok_or(DateError::Format)?;
        let month = digits(&[m0, m1]).ok_or(DateError::Format)?;
        let day = digits(&[d0, d1]).ok_or(DateError::Format)?;
        // Both fit in a u8: two decimal digits are at most 99.
        let month = u8::try_from(month).map_err(|_| DateError::Format)?;
        let day = u8::try_from(day).map_err(|_| DateError::Format)?;
        Date::from_ymd(year, month, day)
    }

    /// Year, month (1–12) and day (1–31).
    pub const fn to_ymd(self) -> (i32, u8, u8) {
        civil_from_days(self.0)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.to_ymd().0
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.to_ymd().1
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.to_ymd().2
    }

    /// The date `n` days later (earlier when negative), if it is in range.
    pub fn add_days(self, n: i32) -> Option<Date> {
        Date::from_days(self.0.checked_add(n)?)
    }

    /// The date `n` weeks later: the same weekday (lag (1930:173) 1 §).
    pub fn add_weeks(self, n: i32) -> Option<Date> {
        self.add_days(n.checked_mul(7)?)
    }

    /// The date `n` months later: the same day number, or the last day of the month when the
    /// target month is shorter (lag (1930:173) 1 §: 2025-03-31 plus three months is 2025-06-30).
    pub fn add_months(self, n: i32) -> Option<Date> {
        let (year, month, day) = self.to_ymd();
        // The year is 1 to 9999 and the month 1 to 12, so only adding `n` can overflow.
        let total = year
            .wrapping_mul(12)
            .wrapping_add(i32::from(month).wrapping_sub(1))
            .checked_add(n)?;
        let new_year = total.div_euclid(12);
        let new_month = u8::try_from(total.rem_euclid(12).wrapping_add(1)).ok()?;
        if !(1..=9999).contains(&new_year) {
            return None;
        }
        let new_day = day.min(days_in_month(new_year, new_month));
        // The year, month and day were checked or clamped above, so no validation is repeated.
        Date::from_days(days_from_civil(new_year, new_month, new_day))
    }

    /// The date `n` years later, clamping 29 February to 28 February in a common year.
    pub fn add_years(self, n: i32) -> Option<Date> {
        self.add_months(n.checked_mul(12)?)
    }

    /// The weekday.
    pub const fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 with Monday as 0).
        match self.0.rem_euclid(7) {
            0 => Weekday::Torsdag,
            1 => Weekday::Fredag,
            2 => Weekday::Lordag,
            3 => Weekday::Sondag,
            4 => Weekday::Mandag,
            5 => Weekday::Tisdag,
            _ => Weekday::Onsdag,
        }
    }

    /// The number of days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        // Both values lie within MIN..=MAX, so the difference fits in an i32.
        later.0.saturating_sub(self.0)
    }

    /// The age in whole years on `on` of a person born on `self` (`None` if `on` is before birth).
    ///
    /// A year of age is completed on the birthday.
    /// **29 February:** in a common year the birthday is taken to be 1 March, so a person born
    /// 2008-02-29 is 17 on 2026-02-28 and 18 on 2026-03-01.
    pub fn age_on(self, on: Date) -> Option<u16> {
        if on < self {
            return None;
        }
        let (birth_year, birth_month, birth_day) = self.to_ymd();
        let (year, month, day) = on.to_ymd();
        let mut age = year.checked_sub(birth_year)?;
        if (month, day) < (birth_month, birth_day) {
            age = age.checked_sub(1)?;
        }
        u16::try_from(age).ok()
    }

    /// The date formatted as `ÅÅÅÅ-MM-DD`.
    pub fn to_text(self) -> DateText {
        let (year, month, day) = self.to_ymd();
        let mut out = [b'0'; 10];
        let year = u32::try_from(year).unwrap_or(0);
        put_digits(&mut out, 0, year, 4);
        if let Some(dash) = out.get_mut(4) {
            *dash = b'-';
        }
        put_digits(&mut out, 5, u32::from(month), 2);
        if let Some(dash) = out.get_mut(7) {
            *dash = b'-';
        }
        put_digits(&mut out, 8, u32::from(day), 2);
        DateText(out)
    }
}

impl DateText {
    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and dashes are ever written.
        core::str::from_utf8(&self.0).unwrap_or("0000-00-00")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.to_text().as_str())
    }
}

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Weekday {
    /// The Swedish name, lowercase as written in running text.
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Mandag => "måndag",
            Weekday::Tisdag => "tisdag",
            Weekday::Onsdag => "onsdag",
            Weekday::Torsdag => "torsdag",
            Weekday::Fredag => "fredag",
            Weekday::Lordag => "lördag",
            Weekday::Sondag => "söndag",
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        texts::write_date_error(self, f)
    }
}

impl core::error::Error for DateError {}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let days = i32::deserialize(deserializer)?;
        Date::from_days(days).ok_or_else(|| serde::de::Error::custom(texts::DATE_OUT_OF_RANGE))
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days in a month (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(bytes: &[u8]) -> Option<i32> {
    bytes.iter().try_fold(0i32, |acc, &byte| {
        if byte.is_ascii_digit() {
            acc.checked_mul(10)?
                .checked_add(i32::from(byte.wrapping_sub(b'0')))
        } else {
            None
        }
    })
}

fn put_digits(out: &mut [u8; 10], start: usize, mut value: u32, width: usize) {
    for pos in (start..start.saturating_add(width)).rev() {
        if let Some(slot) = out.get_mut(pos) {
            *slot = b'0'.wrapping_add(u8::try_from(value % 10).unwrap_or(0));
        }
        value /= 10;
    }
}

// The two conversions below are Howard Hinnant's `days_from_civil` and, in the form Neri and
// Schneider derived from it, `civil_from_days`.
// Inputs are limited to years 1..=9999 (day numbers MIN..=MAX), so every intermediate is
// non-negative and below 2^32: the arithmetic runs on `u32`, where division by a constant is a
// multiplication, and the wrapping operations never wrap; they are used only to satisfy the
// no-overflow lint without branches.

/// Days from 0000-03-01 to 1970-01-01, the offset between the algorithm's day count and ours.
const DAYS_0000_03_01_TO_EPOCH: i32 = 719_468;

#[inline]
fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    let y = u32::try_from(year)
        .unwrap_or(0)
        .wrapping_sub(u32::from(month <= 2));
    let era = y / 400;
    let yoe = y.wrapping_sub(era.wrapping_mul(400));
    let m = u32::from(month);
    let mp = if m > 2 {
        m.wrapping_sub(3)
    } else {
        m.wrapping_add(9)
    };
    let doy = (mp.wrapping_mul(153).wrapping_add(2) / 5)
        .wrapping_add(u32::from(day))
        .wrapping_sub(1);
    let doe = yoe
        .wrapping_mul(365)
        .wrapping_add(yoe / 4)
        .wrapping_sub(yoe / 100)
        .wrapping_add(doy);
    let days = era.wrapping_mul(146_097).wrapping_add(doe);
    i32::try_from(days)
        .unwrap_or(0)
        .wrapping_sub(DAYS_0000_03_01_TO_EPOCH)
}

/// The year, month and day of a day number, by Neri and Schneider's Euclidean affine functions
/// ("Euclidean affine functions and their application to calendar algorithms", 2022): the same
/// computational calendar as Hinnant's (years start on 1 March), with divisions replaced by
/// multiplications and shifts.
///
/// A `const fn`, so that the days that are not vardagar can be marked when the crate is
/// compiled (`holidays`): its conversions are `as` casts, each of a value that fits (a day of a
/// [`Date`] is at most 2 932 896, so its year is at most 9999 and its shifted day number fits in
/// a `u32`).
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]
const fn civil_from_days(days: i32) -> (i32, u8, u8) {
    let shifted = days.wrapping_add(DAYS_0000_03_01_TO_EPOCH);
    let n = if shifted < 0 { 0 } else { shifted as u32 };
    let n_1 = n.wrapping_mul(4).wrapping_add(3);
    let century = n_1 / 146_097;
    let day_of_century = n_1 % 146_097 / 4;
    let n_2 = day_of_century.wrapping_mul(4).wrapping_add(3);
    let p_2 = (n_2 as u64).wrapping_mul(2_939_745);
    let year_of_century = (p_2 >> 32) as u32;
    let day_of_year = (p_2 & 0xFFFF_FFFF) as u32 / 2_939_745 / 4;
    let year = century.wrapping_mul(100).wrapping_add(year_of_century);
    let n_3 = day_of_year.wrapping_mul(2141).wrapping_add(197_913);
    let month = n_3 >> 16;
    let day = (n_3 & 0xFFFF) / 2141;
    // Days from 306 on are January and February, which belong to the next calendar year.
    let january_or_february = day_of_year >= 306;
    let year = year.wrapping_add(january_or_february as u32);
    let month = if january_or_february {
        month.wrapping_sub(12)
    } else {
        month
    };
    (year as i32, month as u8, day.wrapping_add(1) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    #[test]
    fn every_day_converts_both_ways_and_follows_the_one_before() {
        let mut previous = civil_from_days(Date::MIN.0);
        assert_eq!(previous, (1, 1, 1));
        for days in Date::MIN.0.saturating_add(1)..=Date::MAX.0 {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
            let (p_year, p_month, p_day) = previous;
            let follows = if day == 1 {
                (month == 1 && year == p_year + 1 && (p_month, p_day) == (12, 31))
                    || (year == p_year
                        && month == p_month + 1
                        && p_day == days_in_month(p_year, p_month))
            } else {
                (year, month) == (p_year, p_month) && day == p_day + 1
            };
            assert!(follows, "{previous:?} then {:?}", (year, month, day));
            previous = (year, month, day);
        }
        assert_eq!(previous, (9999, 12, 31));
    }

    #[test]
    fn month_addition_at_the_edges() {
        assert_eq!(d("2025-01-31").add_months(-11), Some(d("2024-02-29")));
        assert_eq!(d("2025-01-31").add_months(13), Some(d("2026-02-28")));
        assert_eq!(Date::MIN.add_months(-1), None);
        assert_eq!(Date::MAX.add_months(1), None);
        assert_eq!(Date::MIN.add_months(i32::MIN), None);
        assert_eq!(Date::MAX.add_months(i32::MAX), None);
        assert_eq!(Date::MIN.add_months(119_987), Some(d("9999-12-01")));
    }

    #[test]
    fn parse_and_format_round_trip() {
        for text in [
            "0001-01-01",
            "1970-01-01",
            "2000-02-29",
            "2025-12-24",
            "9999-12-31",
        ] {
            assert_eq!(d(text).to_text().as_str(), text);
        }
        assert_eq!(d("0001-01-01"), Date::MIN);
        assert_eq!(d("9999-12-31"), Date::MAX);
    }

    #[test]
    fn parse_rejects_malformed_and_impossible() {
        assert_eq!(Date::parse("2025-6-30"), Err(DateError::Format));
        assert_eq!(Date::parse("2025-06-30T00"), Err(DateError::Format));
        assert_eq!(Date::parse("2025/06/30"), Err(DateError::Format));
        assert_eq!(
            Date::parse("2025-13-01"),
            Err(DateError::Month { month: 13 })
        );
        assert_eq!(
            Date::parse("2025-00-01"),
            Err(DateError::Month { month: 0 })
        );
        assert_eq!(
            Date::parse("2025-02-29"),
            Err(DateError::Day {
                day: 29,
                days_in_month: 28
            })
        );
        assert_eq!(Date::parse("0000-01-01"), Err(DateError::Year));
        assert_eq!(Date::parse("２０２５-01-01"), Err(DateError::Format));
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        let cases = [
            ("2025-03-31", 3, "2025-06-30"),
            ("2025-10-31", 4, "2026-02-28"),
            ("2023-11-30", 3, "2024-02-29"),
            ("2025-10-15", 3, "2026-01-15"),
            ("2025-11-30", 3, "2026-02-28"),
            ("2025-01-31", -2, "2024-11-30"),
            ("2024-02-29", 12, "2025-02-28"),
        ];
        for (start, n, want) in cases {
            assert_eq!(
                d(start).add_months(n),
                Some(d(want)),
                "{start} + {n} månader"
            );
        }
        assert_eq!(Date::MAX.add_months(1), None);
        assert_eq!(Date::MIN.add_months(-1), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("1970-01-01").weekday(), Weekday::Torsdag);
        assert_eq!(d("2025-12-12").weekday(), Weekday::Fredag);
        assert_eq!(d("2026-01-02").weekday(), Weekday::Fredag);
        assert_eq!(d("2026-06-06").weekday(), Weekday::Lordag);
        assert_eq!(d("0001-01-01").weekday(), Weekday::Mandag);
    }

    #[test]
    fn ages_and_leap_day_birthdays() {
        assert_eq!(d("1961-08-20").age_on(d("2026-02-01")), Some(64));
        assert_eq!(d("1961-08-20").age_on(d("2026-08-20")), Some(65));
        assert_eq!(d("2008-02-29").age_on(d("2026-02-28")), Some(17));
        assert_eq!(d("2008-02-29").age_on(d("2026-03-01")), Some(18));
        assert_eq!(d("2008-02-29").age_on(d("2028-02-29")), Some(20));
        assert_eq!(d("2026-01-01").age_on(d("2025-12-31")), None);
    }

    proptest::proptest! {
        #[test]
        fn days_round_trip(days in Date::MIN.0..=Date::MAX.0) {
            let date = Date(days);
            let (y, m, dd) = date.to_ymd();
            proptest::prop_assert_eq!(Date::from_ymd(y, m, dd), Ok(date));
            proptest::prop_assert_eq!(Date::parse(date.to_text().as_str()), Ok(date));
        }

        #[test]
        fn month_arithmetic_never_goes_backwards(days in -200_000i32..2_000_000, n in 0i32..1200) {
            let date = Date(days);
            if let Some(later) = date.add_months(n) {
                proptest::prop_assert!(later >= date);
                proptest::prop_assert!(later.day() <= date.day());
            }
        }
    }
}
