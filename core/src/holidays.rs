//! Swedish allmänna helgdagar (lag (1989:253)) and the days that are not vardagar in the sense
//! of lag (1930:173) 2 §, computed from the calendar rather than read from a table.
//!
//! This module holds the Gregorian Easter computus, the named holidays, the three aftnar that
//! lag (1930:173) lists (midsommarafton, julafton, nyårsafton) and the vardag test.
//! It does not count frister (`frist` does that) and knows no regional or bank holidays.
//! The rules are those of lag (1989:253) as amended by SFS 2004:1320 (annandag pingst a helgdag
//! until 2004, nationaldagen from 2005), applied to every year 1 to 9999.
//! They match the law from 1990 on; earlier years follow the same rules, not the older
//! historical calendars (for example Marie bebådelsedag, a helgdag until 1989, is not modelled).

use core::fmt;

use serde::Serialize;

use crate::date::{Date, Weekday};
use crate::texts;

/// An allmän helgdag under lag (1989:253) 1 §.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Helgdag {
    /// Nyårsdagen, 1 January.
    Nyarsdagen,
    /// Trettondedag jul, 6 January.
    TrettondedagJul,
    /// Långfredagen, the Friday before påskdagen.
    Langfredagen,
    /// Påskdagen, Easter Sunday.
    Paskdagen,
    /// Annandag påsk, the Monday after påskdagen.
    AnnandagPask,
    /// Första maj, 1 May.
    ForstaMaj,
    /// Kristi himmelsfärdsdag, the sixth Thursday after påskdagen.
    KristiHimmelfardsdag,
    /// Pingstdagen, the seventh Sunday after påskdagen.
    Pingstdagen,
    /// Annandag pingst, the Monday after pingstdagen; a helgdag only until 2004.
    AnnandagPingst,
    /// Nationaldagen, 6 June; a helgdag from 2005 (SFS 2004:1320).
    Nationaldagen,
    /// Midsommardagen, the Saturday 20–26 June.
    Midsommardagen,
    /// Alla helgons dag, the Saturday 31 October–6 November.
    AllaHelgonsDag,
    /// Juldagen, 25 December.
    Juldagen,
    /// Annandag jul, 26 December.
    AnnandagJul,
    /// An ordinary söndag that is no named helgdag.
    Sondag,
}

/// An afton that lag (1930:173) 2 § treats like a helgdag when a frist ends on it.
///
/// Påskafton and pingstafton are not listed in the law; påskafton is always a lördag anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Afton {
    /// Midsommarafton, the Friday 19–25 June.
    Midsommarafton,
    /// Julafton, 24 December.
    Julafton,
    /// Nyårsafton, 31 December.
    Nyarsafton,
}

/// Why a day is not a vardag under lag (1930:173) 2 §.
///
/// A named helgdag wins over the weekday: midsommardagen is reported as
/// `Helgdag(Helgdag::Midsommardagen)`, not as `Lordag`, and påskdagen as
/// `Helgdag(Helgdag::Paskdagen)`, not as `Sondag`.
/// An afton wins over the weekday too (julafton 2023 was a söndag).
/// An ordinary söndag is `Sondag`, never `Helgdag(Helgdag::Sondag)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum DayKind {
    /// An ordinary lördag.
    Lordag,
    /// An ordinary söndag.
    Sondag,
    /// A named allmän helgdag.
    Helgdag(Helgdag),
    /// Midsommarafton, julafton or nyårsafton.
    Afton(Afton),
}

/// Påskdagen (Easter Sunday) of a year by the Gregorian computus (the anonymous algorithm as
/// given by Meeus), or `None` outside the years 1 to 9999.
///
/// ```
/// use riktlinjer_core::{Date, holidays::easter_sunday};
/// assert_eq!(easter_sunday(2026), Some(Date::parse("2026-04-05")?));
/// # Ok::<(), riktlinjer_core::DateError>(())
/// ```
pub fn easter_sunday(year: i32) -> Option<Date> {
    let offset = easter_after_21_march(year)?;
    // Påskdagen is 22 March to 25 April: the offset is 1 to 35 days after 21 March.
    let march_21 = Date::from_ymd(year, 3, 21).ok()?;
    march_21.add_days(i32::from(offset))
}

/// The first year of [`EASTER_TABLE`].
const EASTER_TABLE_FROM: i32 = 1900;

/// Påskdagen of the years 1900 to 2199 as days after 21 March, computed when the crate is
/// compiled: a frist's last day asks for it often, and a lookup costs less than the computus.
const EASTER_TABLE: [u8; 300] = {
    let mut table = [0u8; 300];
    let mut index = 0;
    while index < table.len() {
        // Evaluated while compiling: the index is below 300 (a fault would fail the build, not
        // panic at run time), so the year is 1900 to 2199.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::arithmetic_side_effects,
            clippy::indexing_slicing
        )]
        {
            table[index] = computus_after_21_march(1900 + index as u32);
            index += 1;
        }
    }
    table
};

/// Påskdagen as days after 21 March (1 to 35), or `None` outside the years 1 to 9999.
#[allow(clippy::cast_sign_loss)]
const fn easter_after_21_march(year: i32) -> Option<u8> {
    if year < 1 || year > 9999 {
        return None;
    }
    // The year is 1 to 9999: its difference from 1900 and the year itself fit their casts.
    let index = year.wrapping_sub(EASTER_TABLE_FROM);
    if index >= 0
        && let Some((_, rest)) = EASTER_TABLE.split_at_checked(index as usize)
        && let Some(offset) = rest.first()
    {
        return Some(*offset);
    }
    Some(computus_after_21_march(year as u32))
}

/// The Gregorian computus (the anonymous algorithm as given by Meeus) for a year from 1 on:
/// påskdagen as days after 21 March.
const fn computus_after_21_march(year: u32) -> u8 {
    // Every divisor below is a positive constant and the year is positive, so the algorithm
    // runs on `u32`, where `/` and `%` are the Euclidean operations it assumes.
    // Every intermediate is non-negative and small (b − d − g ≥ 0, h ≤ 29 and k ≤ 3 keep the
    // differences so), so the wrapping operations never wrap; they only satisfy the lint.
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = b.wrapping_add(8) / 25;
    let g = b.wrapping_sub(f).wrapping_add(1) / 3;
    let h = a
        .wrapping_mul(19)
        .wrapping_add(b)
        .wrapping_sub(d)
        .wrapping_sub(g)
        .wrapping_add(15)
        % 30;
    let i = c / 4;
    let k = c % 4;
    let l = e
        .wrapping_mul(2)
        .wrapping_add(i.wrapping_mul(2))
        .wrapping_add(32)
        .wrapping_sub(h)
        .wrapping_sub(k)
        % 7;
    let m = a
        .wrapping_add(h.wrapping_mul(11))
        .wrapping_add(l.wrapping_mul(22))
        / 451;
    let n = h
        .wrapping_add(l)
        .wrapping_sub(m.wrapping_mul(7))
        .wrapping_add(114);
    // Month n / 31 (3 or 4), day n % 31 + 1; 22 March is 1 day after 21 March, 1 April is 11.
    let day = (n % 31).wrapping_add(1);
    let after = if n / 31 == 3 {
        day.wrapping_sub(21)
    } else {
        day.wrapping_add(10)
    };
    // Påskdagen is 1 to 35 days after 21 March.
    #[allow(clippy::cast_possible_truncation)]
    {
        after as u8
    }
}

/// The allmän helgdag that `date` is, if any.
///
/// A söndag that is also a named helgdag (påskdagen, pingstdagen, a juldag on a söndag) is
/// reported as the named helgdag; an ordinary söndag as [`Helgdag::Sondag`].
/// Two named helgdagar fall on one day only when a movable feast meets a fixed one
/// (Kristi himmelsfärdsdag on 1 May, as in 2008; pingstdagen on 6 June, as in 2049); the movable
/// feast is reported.
pub fn helgdag(date: Date) -> Option<Helgdag> {
    let (year, month, day) = date.to_ymd();
    helgdag_on(year, month, day, date.weekday())
}

/// The afton that `date` is, if it is one of the three that lag (1930:173) 2 § lists.
pub fn afton(date: Date) -> Option<Afton> {
    let (_, month, day) = date.to_ymd();
    afton_on(month, day, date.weekday())
}

/// Why `date` is not a vardag under lag (1930:173) 2 §, or `None` if it is one.
///
/// The law's list is complete: söndag, annan allmän helgdag, lördag, midsommarafton, julafton
/// and nyårsafton. See [`DayKind`] for which reason is reported when several apply.
pub fn non_vardag(date: Date) -> Option<DayKind> {
    // Most days asked are vardagar: for a day of the years the marks cover, one bit says so.
    if let Some(offset) = date.days().checked_sub(NON_VARDAGAR_FROM)
        && let Ok(offset) = usize::try_from(offset)
        && offset < NON_VARDAGAR_DAYS
        && let Some(word) = NON_VARDAGAR.get(offset / 64)
        && word & (1u64 << (offset % 64)) == 0
    {
        return None;
    }
    non_vardag_by_rules(date)
}

/// [`non_vardag`] from the rules themselves, for any day: what [`NON_VARDAGAR`] marks.
const fn non_vardag_by_rules(date: Date) -> Option<DayKind> {
    // One calendar conversion and one weekday serve every check below.
    let (year, month, day) = date.to_ymd();
    let weekday = date.weekday();
    match helgdag_on(year, month, day, weekday) {
        Some(Helgdag::Sondag) | None => {}
        Some(named) => return Some(DayKind::Helgdag(named)),
    }
    if let Some(afton) = afton_on(month, day, weekday) {
        return Some(DayKind::Afton(afton));
    }
    match weekday {
        Weekday::Lordag => Some(DayKind::Lordag),
        Weekday::Sondag => Some(DayKind::Sondag),
        _ => None,
    }
}

/// The first day [`NON_VARDAGAR`] marks, 2000-01-01, as days since 1970-01-01.
const NON_VARDAGAR_FROM: i32 = 10_957;

/// How many days [`NON_VARDAGAR`] marks: 2000-01-01 to 2099-12-31.
const NON_VARDAGAR_DAYS: usize = 36_525;

/// Whether each day of the years 2000 to 2099 is not a vardag, a bit a day (set: not a vardag),
/// marked when the crate is compiled by [`non_vardag_by_rules`]: a frist's last day is nearly
/// always a vardag, and one bit costs less than the calendar conversion and the holidays.
/// 4 568 bytes.
const NON_VARDAGAR: [u64; NON_VARDAGAR_DAYS.div_ceil(64)] = {
    let mut marks = [0u64; NON_VARDAGAR_DAYS.div_ceil(64)];
    let mut offset = 0;
    while offset < NON_VARDAGAR_DAYS {
        // Evaluated while compiling: the offset is below the days marked, so its word lies in
        // `marks` and the day in 2000 to 2099 (a fault would fail the build, not panic at run
        // time).
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_possible_wrap,
            clippy::arithmetic_side_effects,
            clippy::indexing_slicing
        )]
        {
            if let Some(date) = Date::from_days(NON_VARDAGAR_FROM + offset as i32)
                && non_vardag_by_rules(date).is_some()
            {
                marks[offset / 64] |= 1 << (offset % 64);
            }
            offset += 1;
        }
    }
    marks
};

/// Whether `date` is a vardag under lag (1930:173) 2 §: none of the days that [`non_vardag`]
/// names.
pub fn is_vardag(date: Date) -> bool {
    non_vardag(date).is_none()
}

impl Helgdag {
    /// The Swedish name as written in running text ("långfredagen", "Kristi himmelsfärdsdag").
    pub fn name(self) -> &'static str {
        texts::helgdag(self)
    }
}

impl Afton {
    /// The Swedish name as written in running text ("julafton").
    pub fn name(self) -> &'static str {
        texts::afton(self)
    }
}

impl DayKind {
    /// The Swedish name as written in running text ("lördag", "julafton", "långfredagen").
    pub fn name(self) -> &'static str {
        texts::day_kind(self)
    }
}

impl fmt::Display for Helgdag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Afton {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for DayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// [`helgdag`] of a date whose year, month, day and weekday are already known.
const fn helgdag_on(year: i32, month: u8, day: u8, weekday: Weekday) -> Option<Helgdag> {
    // The movable feasts run from långfredagen (20 March at the earliest) to annandag pingst
    // (14 June at the latest), so Easter is looked up only for a day from March to June, and
    // the day is counted from 21 March as Easter is (no leap day comes between).
    let day_number = day as i32;
    let after_21_march = match month {
        3 => Some(day_number.wrapping_sub(21)),
        4 => Some(day_number.wrapping_add(10)),
        5 => Some(day_number.wrapping_add(40)),
        6 => Some(day_number.wrapping_add(71)),
        _ => None,
    };
    if let Some(after_21_march) = after_21_march
        && let Some(easter) = easter_after_21_march(year)
    {
        let from_easter = match after_21_march.wrapping_sub(easter as i32) {
            -2 => Some(Helgdag::Langfredagen),
            0 => Some(Helgdag::Paskdagen),
            1 => Some(Helgdag::AnnandagPask),
            39 => Some(Helgdag::KristiHimmelfardsdag),
            49 => Some(Helgdag::Pingstdagen),
            50 if year <= 2004 => Some(Helgdag::AnnandagPingst),
            _ => None,
        };
        if from_easter.is_some() {
            return from_easter;
        }
    }
    let saturday = matches!(weekday, Weekday::Lordag);
    let named = match (month, day) {
        (1, 1) => Some(Helgdag::Nyarsdagen),
        (1, 6) => Some(Helgdag::TrettondedagJul),
        (5, 1) => Some(Helgdag::ForstaMaj),
        (6, 6) if year >= 2005 => Some(Helgdag::Nationaldagen),
        (6, 20..=26) if saturday => Some(Helgdag::Midsommardagen),
        (10, 31) | (11, 1..=6) if saturday => Some(Helgdag::AllaHelgonsDag),
        (12, 25) => Some(Helgdag::Juldagen),
        (12, 26) => Some(Helgdag::AnnandagJul),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    if matches!(weekday, Weekday::Sondag) {
        Some(Helgdag::Sondag)
    } else {
        None
    }
}

/// [`afton`] of a date whose month, day and weekday are already known.
const fn afton_on(month: u8, day: u8, weekday: Weekday) -> Option<Afton> {
    match (month, day) {
        (6, 19..=25) if matches!(weekday, Weekday::Fredag) => Some(Afton::Midsommarafton),
        (12, 24) => Some(Afton::Julafton),
        (12, 31) => Some(Afton::Nyarsafton),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every allmän helgdag except ordinary söndagar, 2000–2050, from the PyPI package
    /// `holidays` (see the sibling `.md` file for how it was produced).
    const INDEPENDENT_TABLE: &str = include_str!("../../tests/fixtures/helgdagar-2000-2050.csv");

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    fn check_helgdag(text: &str, want: Option<Helgdag>) {
        assert_eq!(helgdag(d(text)), want, "{text}");
    }

    fn check_non_vardag(text: &str, want: Option<DayKind>) {
        assert_eq!(non_vardag(d(text)), want, "{text}");
        assert_eq!(is_vardag(d(text)), want.is_none(), "{text}");
    }

    #[test]
    fn easter_matches_published_dates() {
        let cases = [
            (1990, "1990-04-15"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2030, "2030-04-21"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ];
        for (year, want) in cases {
            assert_eq!(easter_sunday(year), Some(d(want)), "påskdagen {year}");
        }
        assert_eq!(easter_sunday(0), None);
        assert_eq!(easter_sunday(10_000), None);
        assert_eq!(easter_sunday(i32::MIN), None);
        assert_eq!(easter_sunday(i32::MAX), None);
    }

    #[test]
    fn easter_is_a_sunday_in_its_window_for_every_supported_year() {
        for year in 1..=9999 {
            let easter = easter_sunday(year);
            assert!(easter.is_some(), "påskdagen {year}");
            let easter = easter.unwrap_or(Date::EPOCH);
            assert_eq!(easter.weekday(), Weekday::Sondag, "påskdagen {year}");
            let (y, m, dd) = easter.to_ymd();
            assert_eq!(y, year);
            assert!(
                (3, 22) <= (m, dd) && (m, dd) <= (4, 25),
                "påskdagen {easter}"
            );
        }
    }

    #[test]
    fn movable_feasts_fall_on_their_weekdays() {
        for year in 1..=9999 {
            let easter = easter_sunday(year).unwrap_or(Date::EPOCH);
            let on = |offset: i32| easter.add_days(offset).unwrap_or(Date::EPOCH);
            assert_eq!(on(-2).weekday(), Weekday::Fredag);
            assert_eq!(helgdag(on(-2)), Some(Helgdag::Langfredagen), "{year}");
            assert_eq!(helgdag(on(0)), Some(Helgdag::Paskdagen), "{year}");
            assert_eq!(helgdag(on(1)), Some(Helgdag::AnnandagPask), "{year}");
            assert_eq!(on(39).weekday(), Weekday::Torsdag);
            assert_eq!(
                helgdag(on(39)),
                Some(Helgdag::KristiHimmelfardsdag),
                "{year}"
            );
            assert_eq!(helgdag(on(49)), Some(Helgdag::Pingstdagen), "{year}");
            let annandag_pingst = (year <= 2004).then_some(Helgdag::AnnandagPingst);
            // From 2005 the Monday is an ordinary day unless it is 6 June.
            if on(50).to_ymd() != (year, 6, 6) || year <= 2004 {
                assert_eq!(helgdag(on(50)), annandag_pingst, "{year}");
            }
        }
    }

    /// The helgdagar of 2025–2027 (lag (1989:253) om allmänna helgdagar) and the aftnar that
    /// lag (1930:173) 2 § counts with them, checked against tidochdatum.se.
    #[test]
    fn helgdagar_2025_to_2027() {
        let cases = [
            ("2025-04-18", Helgdag::Langfredagen),
            ("2025-04-21", Helgdag::AnnandagPask),
            ("2025-05-29", Helgdag::KristiHimmelfardsdag),
            ("2025-06-08", Helgdag::Pingstdagen),
            ("2025-06-21", Helgdag::Midsommardagen),
            ("2025-11-01", Helgdag::AllaHelgonsDag),
            ("2026-04-03", Helgdag::Langfredagen),
            ("2026-04-06", Helgdag::AnnandagPask),
            ("2026-05-14", Helgdag::KristiHimmelfardsdag),
            ("2026-05-24", Helgdag::Pingstdagen),
            ("2026-06-20", Helgdag::Midsommardagen),
            ("2026-10-31", Helgdag::AllaHelgonsDag),
            ("2027-03-26", Helgdag::Langfredagen),
            ("2027-03-28", Helgdag::Paskdagen),
            ("2027-03-29", Helgdag::AnnandagPask),
            ("2027-05-06", Helgdag::KristiHimmelfardsdag),
            ("2027-05-16", Helgdag::Pingstdagen),
            ("2027-06-26", Helgdag::Midsommardagen),
            ("2027-11-06", Helgdag::AllaHelgonsDag),
        ];
        for (text, want) in cases {
            check_helgdag(text, Some(want));
        }
        let aftnar = [
            ("2025-06-20", Afton::Midsommarafton),
            ("2026-06-19", Afton::Midsommarafton),
            ("2027-06-25", Afton::Midsommarafton),
            ("2025-12-24", Afton::Julafton),
            ("2025-12-31", Afton::Nyarsafton),
        ];
        for (text, want) in aftnar {
            assert_eq!(afton(d(text)), Some(want), "{text}");
            check_non_vardag(text, Some(DayKind::Afton(want)));
        }
        // The Friday before midsommardagen only; other Fridays in the window are ordinary.
        assert_eq!(afton(d("2026-06-26")), None);
        assert_eq!(afton(d("2025-06-19")), None);
    }

    /// SFS 2004:1320: annandag pingst until 2004, nationaldagen from 2005.
    #[test]
    fn the_2005_reform() {
        check_helgdag("2004-05-31", Some(Helgdag::AnnandagPingst));
        check_helgdag("2004-06-06", Some(Helgdag::Sondag));
        check_helgdag("2005-05-16", None);
        check_helgdag("2005-06-06", Some(Helgdag::Nationaldagen));
        check_helgdag("2003-06-06", None);
    }

    /// Oracle 36: nationaldagen on a Friday (2025) and on a Saturday (2026).
    #[test]
    fn oracle_36_nationaldagen() {
        check_non_vardag("2025-06-06", Some(DayKind::Helgdag(Helgdag::Nationaldagen)));
        check_non_vardag("2026-06-06", Some(DayKind::Helgdag(Helgdag::Nationaldagen)));
        check_non_vardag("2025-06-09", None);
    }

    #[test]
    fn coinciding_holidays_report_the_movable_feast() {
        check_helgdag("2008-05-01", Some(Helgdag::KristiHimmelfardsdag));
        check_helgdag("2049-06-06", Some(Helgdag::Pingstdagen));
    }

    #[test]
    fn day_kinds() {
        check_non_vardag("2026-01-03", Some(DayKind::Lordag));
        check_non_vardag("2026-01-04", Some(DayKind::Sondag));
        check_non_vardag("2026-01-02", None);
        check_non_vardag("2026-04-05", Some(DayKind::Helgdag(Helgdag::Paskdagen)));
        check_non_vardag("2026-04-04", Some(DayKind::Lordag));
        check_non_vardag("2026-05-23", Some(DayKind::Lordag));
        check_non_vardag(
            "2026-06-20",
            Some(DayKind::Helgdag(Helgdag::Midsommardagen)),
        );
        check_non_vardag("2023-12-24", Some(DayKind::Afton(Afton::Julafton)));
        check_non_vardag("2022-12-25", Some(DayKind::Helgdag(Helgdag::Juldagen)));
        assert_eq!(DayKind::Lordag.to_string(), "lördag");
        assert_eq!(DayKind::Afton(Afton::Julafton).to_string(), "julafton");
        assert_eq!(
            DayKind::Helgdag(Helgdag::KristiHimmelfardsdag).to_string(),
            "Kristi himmelsfärdsdag"
        );
    }

    /// The marks made when the crate is compiled cover 2000-01-01 to 2099-12-31, and for
    /// every day of them, and the days either side, `non_vardag` answers as the rules do.
    #[test]
    fn the_marked_days_are_the_rules_days() {
        assert_eq!(NON_VARDAGAR_FROM, d("2000-01-01").days());
        let last = NON_VARDAGAR_FROM + i32::try_from(NON_VARDAGAR_DAYS).unwrap_or(0) - 1;
        assert_eq!(last, d("2099-12-31").days());
        let mut marked = 0;
        for days in NON_VARDAGAR_FROM - 400..=last + 400 {
            let date = Date::from_days(days).unwrap_or(Date::EPOCH);
            assert_eq!(date.days(), days);
            assert_eq!(non_vardag(date), non_vardag_by_rules(date), "{date}");
            marked += usize::from(non_vardag(date).is_some());
        }
        // About 116 days a year are not vardagar: weekends, and the holidays and aftnar on
        // weekdays.
        assert!((115 * 100..=118 * 101).contains(&marked), "{marked}");
    }

    #[test]
    fn extremes_do_not_panic() {
        for date in [Date::MIN, Date::MAX] {
            let _ = non_vardag(date);
        }
        check_helgdag("0001-01-01", Some(Helgdag::Nyarsdagen));
        check_helgdag("9999-12-26", Some(Helgdag::AnnandagJul));
    }

    /// Differential test against an independent implementation (the PyPI package `holidays`).
    #[test]
    fn matches_the_independent_table_2000_to_2050() {
        let mut table: Vec<(Date, &str)> = Vec::new();
        for (line_idx, line) in INDEPENDENT_TABLE.lines().enumerate().skip(1) {
            let parsed = line
                .split_once(';')
                .and_then(|(datum, namn)| Some((Date::parse(datum).ok()?, namn)));
            assert!(parsed.is_some(), "rad {}: {line}", line_idx + 1);
            table.extend(parsed);
        }
        assert!(table.len() > 600, "för få rader: {}", table.len());
        let mut date = d("2000-01-01");
        let mut n_holidays = 0;
        while date <= d("2050-12-31") {
            let names: Vec<&str> = table
                .iter()
                .filter(|(datum, _)| *datum == date)
                .map(|(_, namn)| *namn)
                .collect();
            match helgdag(date) {
                Some(Helgdag::Sondag) | None => assert!(names.is_empty(), "{date}: {names:?}"),
                Some(named) => {
                    n_holidays += 1;
                    assert!(names.contains(&named.name()), "{date}: {named} ∉ {names:?}");
                }
            }
            date = date.add_days(1).unwrap_or(Date::MAX);
        }
        // Two table rows share a date (2008-05-01 and 2049-06-06).
        assert_eq!(n_holidays + 2, table.len());
    }

    proptest::proptest! {
        #[test]
        fn easter_window_1990_to_2199(year in 1990i32..=2199) {
            let easter = easter_sunday(year);
            proptest::prop_assert!(easter.is_some());
            let easter = easter.unwrap_or(Date::EPOCH);
            proptest::prop_assert_eq!(easter.weekday(), Weekday::Sondag);
            let first = Date::from_ymd(year, 3, 22).unwrap_or(Date::MAX);
            let last = Date::from_ymd(year, 4, 25).unwrap_or(Date::MIN);
            proptest::prop_assert!(first <= easter && easter <= last, "påskdagen {}", easter);
        }

        #[test]
        fn vardag_is_exactly_the_complement_of_the_law_list(days in Date::MIN.days()..=Date::MAX.days()) {
            let date = Date::from_days(days).unwrap_or(Date::EPOCH);
            let listed = matches!(date.weekday(), Weekday::Lordag | Weekday::Sondag)
                || helgdag(date).is_some()
                || afton(date).is_some();
            proptest::prop_assert_eq!(is_vardag(date), !listed);
        }
    }
}
