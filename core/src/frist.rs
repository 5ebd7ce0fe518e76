//! Frister counted as lagstadgad tid under lag (1930:173): start day and period to the last day.
//!
//! This module holds the nominal last day (1 §: the same weekday, or the same date number or the
//! month's last day), the move to the next vardag (2 §), the Swedish text that explains a move,
//! and the status of a frist on a given day.
//! It does not know which frist applies to which beslut (three weeks for överklagande under
//! FL 44 §, four months for a barnutredning, ...): the caller chooses the period, and the
//! frister of a case are chosen in `case_frister`.
//! Whether 2 § moves a particular frist (for example the fourteen days of SoL 20 kap. 2 §) is the
//! caller's decision too: [`nominal_last_day`] gives the day without the move.

use core::fmt;

use serde::Serialize;

use crate::date::Date;
use crate::holidays::{self, DayKind};
use crate::texts;

/// The length of a frist, counted from the start day (the start day itself is not counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// A number of days: the last day is that many days after the start day.
    Dagar(u16),
    /// A number of weeks: the last day has the start day's weekday.
    Veckor(u16),
    /// A number of months: the last day has the start day's date number, or is the last day of
    /// a shorter month.
    Manader(u16),
    /// A number of years, counted as twelve months each.
    Ar(u16),
}

/// The last day of a frist, before and after the move under lag (1930:173) 2 §.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LastDay {
    /// The last day by 1 § alone.
    pub nominal: Date,
    /// The last day on which the action may be taken: `nominal`, or the first vardag after it.
    pub sista_dag: Date,
    /// Why `nominal` is not a vardag, when the frist was moved; `None` when it was not.
    pub moved_because: Option<DayKind>,
}

/// The Swedish explanation of a moved frist, for example
/// "2025-12-24 är julafton; fristen flyttas till nästa vardag, 2025-12-29".
///
/// It implements [`fmt::Display`], so it can be written into any [`fmt::Write`] without
/// allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MoveReason {
    /// The nominal last day.
    pub nominal: Date,
    /// Why the nominal last day is not a vardag.
    pub kind: DayKind,
    /// The vardag the frist moves to.
    pub sista_dag: Date,
}

/// Where a frist stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum FristStatus {
    /// More than the warning period remains.
    Loper,
    /// The frist ends within the warning period; `dagar` is the number of days from the given
    /// day to the last day (0 when the given day is the last day).
    GarUtInom {
        /// Days left until the last day.
        dagar: u16,
    },
    /// The last day has passed; `dagar` is the number of days since it (at least 1).
    Overskriden {
        /// Days since the last day, saturating at `u16::MAX`.
        dagar: u16,
    },
    /// Nothing is due by a day: the frist tells that something is to be done (such as reporting
    /// a beslut as verkställt), and [`status`] never returns it.
    Upplysning,
}

/// The last day of a frist by lag (1930:173) 1 § alone, or `None` past 9999-12-31.
///
/// ```
/// use riktlinjer_core::{Date, frist::{nominal_last_day, Period}};
/// let inledd = Date::parse("2025-10-31")?;
/// assert_eq!(nominal_last_day(inledd, Period::Manader(4)), Some(Date::parse("2026-02-28")?));
/// # Ok::<(), riktlinjer_core::DateError>(())
/// ```
pub fn nominal_last_day(start: Date, period: Period) -> Option<Date> {
    match period {
        Period::Dagar(n) => start.add_days(i32::from(n)),
        Period::Veckor(n) => start.add_weeks(i32::from(n)),
        Period::Manader(n) => start.add_months(i32::from(n)),
        Period::Ar(n) => start.add_years(i32::from(n)),
    }
}

/// The first vardag (lag (1930:173) 2 §) on or after `date`, or `None` past 9999-12-31.
pub fn next_vardag_on_or_after(date: Date) -> Option<Date> {
    // The longest run of days that are not vardagar is julafton to the Sunday after it (five
    // days), so a fortnight is a generous bound that keeps the loop visibly finite.
    const MAX_NON_VARDAGAR_IN_A_ROW: i32 = 14;
    (0..=MAX_NON_VARDAGAR_IN_A_ROW)
        .map_while(|offset| date.add_days(offset))
        .find(|&day| holidays::is_vardag(day))
}

/// The last day of a frist of `period` counted from `start`, under lag (1930:173) 1 and 2 §§.
///
/// `None` only when the last day would fall past 9999-12-31.
///
/// ```
/// use riktlinjer_core::{Date, frist::{last_day, Period}};
/// let delgiven = Date::parse("2025-12-03")?;
/// let last = last_day(delgiven, Period::Veckor(3)).ok_or(riktlinjer_core::DateError::Year)?;
/// assert_eq!(last.sista_dag, Date::parse("2025-12-29")?);
/// let reason = last.move_reason().map(|reason| reason.to_string());
/// assert_eq!(
///     reason.as_deref(),
///     Some("2025-12-24 är julafton; fristen flyttas till nästa vardag, 2025-12-29")
/// );
/// # Ok::<(), riktlinjer_core::DateError>(())
/// ```
pub fn last_day(start: Date, period: Period) -> Option<LastDay> {
    let nominal = nominal_last_day(start, period)?;
    Some(LastDay {
        nominal,
        sista_dag: next_vardag_on_or_after(nominal)?,
        moved_because: holidays::non_vardag(nominal),
    })
}

/// The status of a frist whose last day is `sista_dag`, on `as_of`.
///
/// The last day itself is still within time.
/// The status is [`FristStatus::GarUtInom`] when 0 to `varning_dagar` days remain.
pub fn status(sista_dag: Date, as_of: Date, varning_dagar: u16) -> FristStatus {
    let remaining = as_of.days_until(sista_dag);
    if remaining < 0 {
        let dagar = u16::try_from(remaining.unsigned_abs()).unwrap_or(u16::MAX);
        FristStatus::Overskriden { dagar }
    } else {
        match u16::try_from(remaining) {
            Ok(dagar) if dagar <= varning_dagar => FristStatus::GarUtInom { dagar },
            _ => FristStatus::Loper,
        }
    }
}

impl LastDay {
    /// The explanation of the move under 2 §, or `None` when the nominal day is a vardag.
    pub fn move_reason(&self) -> Option<MoveReason> {
        Some(MoveReason {
            nominal: self.nominal,
            kind: self.moved_because?,
            sista_dag: self.sista_dag,
        })
    }
}

impl fmt::Display for MoveReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        texts::write_move_reason(self, f)
    }
}

impl fmt::Display for FristStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        texts::write_frist_status(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Weekday;
    use crate::holidays::{Afton, Helgdag};

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    /// One frist: start day, period, expected sista dag and the reason for a move.
    fn check(start: &str, period: Period, want_sista_dag: &str, want_moved: Option<DayKind>) {
        let got = last_day(d(start), period);
        assert_eq!(
            got.map(|last| last.sista_dag),
            Some(d(want_sista_dag)),
            "{start} + {period:?}"
        );
        assert_eq!(
            got.and_then(|last| last.moved_because),
            want_moved,
            "{start} + {period:?}"
        );
    }

    const TRE_VECKOR: Period = Period::Veckor(3);

    #[test]
    fn oracle_22_nyarsdagen_is_the_day_before() {
        check("2025-12-12", TRE_VECKOR, "2026-01-02", None);
    }

    #[test]
    fn oracle_23_julafton() {
        let moved = Some(DayKind::Afton(Afton::Julafton));
        check("2025-12-03", TRE_VECKOR, "2025-12-29", moved);
    }

    #[test]
    fn oracle_24_nyarsafton() {
        let moved = Some(DayKind::Afton(Afton::Nyarsafton));
        check("2025-12-10", TRE_VECKOR, "2026-01-02", moved);
    }

    #[test]
    fn oracle_25_langfredagen() {
        let moved = Some(DayKind::Helgdag(Helgdag::Langfredagen));
        check("2026-03-13", TRE_VECKOR, "2026-04-07", moved);
    }

    #[test]
    fn oracle_26_midsommarafton() {
        let moved = Some(DayKind::Afton(Afton::Midsommarafton));
        check("2026-05-29", TRE_VECKOR, "2026-06-22", moved);
    }

    #[test]
    fn oracle_27_kristi_himmelsfardsdag() {
        let moved = Some(DayKind::Helgdag(Helgdag::KristiHimmelfardsdag));
        check("2026-04-23", TRE_VECKOR, "2026-05-15", moved);
    }

    #[test]
    fn oracle_28_nyarsafton_before_a_weekend() {
        let moved = Some(DayKind::Afton(Afton::Nyarsafton));
        check("2026-12-10", TRE_VECKOR, "2027-01-04", moved);
    }

    /// Oracle 30 (unconfirmed whether 2 § applies): day 14 is nyårsafton.
    #[test]
    fn oracle_30_forhandsbedomning_day_14() {
        let start = d("2025-12-17");
        assert_eq!(
            nominal_last_day(start, Period::Dagar(14)),
            Some(d("2025-12-31"))
        );
        let moved = Some(DayKind::Afton(Afton::Nyarsafton));
        check("2025-12-17", Period::Dagar(14), "2026-01-02", moved);
    }

    #[test]
    fn oracle_31_barnutredning_four_months() {
        let start = d("2025-10-31");
        assert_eq!(
            nominal_last_day(start, Period::Manader(4)),
            Some(d("2026-02-28"))
        );
        let moved = Some(DayKind::Lordag);
        check("2025-10-31", Period::Manader(4), "2026-03-02", moved);
    }

    /// Oracle 35 (the helgdag engine) as frister: each day is the nominal last day of a frist.
    #[test]
    fn oracle_35_holidays_move_frister() {
        let cases = [
            (
                "2027-03-05",
                "2027-03-26",
                Helgdag::Langfredagen,
                "2027-03-30",
            ),
            (
                "2027-04-15",
                "2027-05-06",
                Helgdag::KristiHimmelfardsdag,
                "2027-05-07",
            ),
            (
                "2027-04-25",
                "2027-05-16",
                Helgdag::Pingstdagen,
                "2027-05-17",
            ),
            (
                "2027-10-16",
                "2027-11-06",
                Helgdag::AllaHelgonsDag,
                "2027-11-08",
            ),
            (
                "2026-10-10",
                "2026-10-31",
                Helgdag::AllaHelgonsDag,
                "2026-11-02",
            ),
        ];
        for (start, nominal, helgdag, sista_dag) in cases {
            assert_eq!(nominal_last_day(d(start), TRE_VECKOR), Some(d(nominal)));
            check(
                start,
                TRE_VECKOR,
                sista_dag,
                Some(DayKind::Helgdag(helgdag)),
            );
        }
        let moved = Some(DayKind::Afton(Afton::Midsommarafton));
        check("2027-06-04", TRE_VECKOR, "2027-06-28", moved);
    }

    #[test]
    fn oracle_36_nationaldagen() {
        let moved = Some(DayKind::Helgdag(Helgdag::Nationaldagen));
        check("2025-05-16", TRE_VECKOR, "2025-06-09", moved);
        check("2026-05-16", TRE_VECKOR, "2026-06-08", moved);
    }

    #[test]
    fn months_and_years_clamp() {
        check("2025-03-31", Period::Manader(3), "2025-06-30", None);
        check("2024-02-29", Period::Ar(1), "2025-02-28", None);
        check("2025-10-15", Period::Manader(3), "2026-01-15", None);
        assert_eq!(nominal_last_day(Date::MAX, Period::Dagar(1)), None);
        assert_eq!(last_day(d("9999-12-30"), Period::Dagar(1)), None);
        assert_eq!(last_day(Date::MAX, Period::Ar(u16::MAX)), None);
    }

    #[test]
    fn move_reason_texts() {
        let text = |start: &str, period: Period| {
            last_day(d(start), period)
                .and_then(|last| last.move_reason())
                .map(|reason| reason.to_string())
        };
        assert_eq!(
            text("2025-12-03", TRE_VECKOR).as_deref(),
            Some("2025-12-24 är julafton; fristen flyttas till nästa vardag, 2025-12-29")
        );
        assert_eq!(
            text("2026-04-23", TRE_VECKOR).as_deref(),
            Some(
                "2026-05-14 är Kristi himmelsfärdsdag; fristen flyttas till nästa vardag, \
                 2026-05-15"
            )
        );
        assert_eq!(
            text("2025-10-31", Period::Manader(4)).as_deref(),
            Some("2026-02-28 är lördag; fristen flyttas till nästa vardag, 2026-03-02")
        );
        assert_eq!(text("2025-12-12", TRE_VECKOR), None);
    }

    #[test]
    fn statuses() {
        let sista_dag = d("2026-01-02");
        let cases = [
            ("2025-12-01", 3, FristStatus::Loper, "löper"),
            (
                "2025-12-30",
                3,
                FristStatus::GarUtInom { dagar: 3 },
                "går ut inom 3 dagar",
            ),
            (
                "2026-01-01",
                3,
                FristStatus::GarUtInom { dagar: 1 },
                "går ut inom 1 dag",
            ),
            (
                "2026-01-02",
                3,
                FristStatus::GarUtInom { dagar: 0 },
                "går ut i dag",
            ),
            (
                "2026-01-02",
                0,
                FristStatus::GarUtInom { dagar: 0 },
                "går ut i dag",
            ),
            (
                "2026-01-03",
                3,
                FristStatus::Overskriden { dagar: 1 },
                "överskriden med 1 dag",
            ),
            (
                "2026-01-07",
                3,
                FristStatus::Overskriden { dagar: 5 },
                "överskriden med 5 dagar",
            ),
        ];
        for (as_of, varning_dagar, want, want_text) in cases {
            let got = status(sista_dag, d(as_of), varning_dagar);
            assert_eq!(got, want, "{as_of}");
            assert_eq!(got.to_string(), want_text, "{as_of}");
        }
        assert_eq!(
            status(Date::MIN, Date::MAX, 3),
            FristStatus::Overskriden { dagar: u16::MAX }
        );
        assert_eq!(status(Date::MAX, Date::MIN, u16::MAX), FristStatus::Loper);
    }

    /// Whether `date` is a vardag, decided from the law's list without `non_vardag`.
    fn listed_in_2_par(date: Date) -> bool {
        matches!(date.weekday(), Weekday::Lordag | Weekday::Sondag)
            || holidays::helgdag(date).is_some()
            || holidays::afton(date).is_some()
    }

    fn period_strategy() -> impl proptest::strategy::Strategy<Value = Period> {
        use proptest::prelude::*;
        prop_oneof![
            (0u16..=400).prop_map(Period::Dagar),
            (0u16..=60).prop_map(Period::Veckor),
            (0u16..=36).prop_map(Period::Manader),
            (0u16..=5).prop_map(Period::Ar),
        ]
    }

    proptest::proptest! {
        #[test]
        fn a_moved_last_day_is_the_first_vardag(
            days in d("1990-01-01").days()..=d("2199-12-31").days(),
            period in period_strategy(),
        ) {
            let start = Date::from_days(days).unwrap_or(Date::EPOCH);
            let last = last_day(start, period);
            proptest::prop_assert!(last.is_some());
            let Some(last) = last else { return Ok(()) };
            proptest::prop_assert!(!listed_in_2_par(last.sista_dag));
            proptest::prop_assert!(last.sista_dag >= last.nominal);
            proptest::prop_assert_eq!(last.moved_because.is_some(), last.sista_dag != last.nominal);
            proptest::prop_assert_eq!(last.moved_because, holidays::non_vardag(last.nominal));
            let mut day = last.nominal;
            while day < last.sista_dag {
                proptest::prop_assert!(listed_in_2_par(day), "{} is a vardag", day);
                day = day.add_days(1).unwrap_or(Date::MAX);
            }
        }

        #[test]
        fn frister_never_go_backwards(
            days in Date::MIN.days()..=Date::MAX.days(),
            period in period_strategy(),
        ) {
            let start = Date::from_days(days).unwrap_or(Date::EPOCH);
            if let Some(nominal) = nominal_last_day(start, period) {
                proptest::prop_assert!(nominal >= start);
                if let Period::Manader(_) | Period::Ar(_) = period {
                    proptest::prop_assert!(nominal.day() <= start.day());
                }
            }
            if let Some(last) = last_day(start, period) {
                proptest::prop_assert!(last.sista_dag >= last.nominal);
            }
        }

        #[test]
        fn month_arithmetic_is_monotonic(
            days in d("1990-01-01").days()..=d("2199-12-31").days(),
            n in 0u16..=1200,
        ) {
            let start = Date::from_days(days).unwrap_or(Date::EPOCH);
            let this = nominal_last_day(start, Period::Manader(n));
            let next = nominal_last_day(start, Period::Manader(n.saturating_add(1)));
            if let (Some(this), Some(next)) = (this, next) {
                proptest::prop_assert!(next > this);
            }
        }
    }
}
