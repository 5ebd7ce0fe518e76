//! Today and now in Swedish civil time (Europe/Stockholm), the only clock the library reads.
//!
//! A riktlinje version comes into force, and a frist runs out, on a Swedish calendar day: between
//! midnight and 01:00 (02:00 in summer) the UTC date is still yesterday's.
//! So "today" is the date in Europe/Stockholm, and every stored timestamp carries its offset
//! (`2026-03-29T02:30:00.000+02:00`), so a reader can tell the hour without knowing the rules of
//! summer time.
//! The time-zone rules come from jiff: the system's tz database where there is one, otherwise
//! the copy jiff bundles, so a container image without tzdata gives the same answer.
//! The core never reads a clock; it is given `as_of`.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use riktlinjer_core::Date;

/// The time zone of Swedish civil time.
pub const TIME_ZONE: &str = "Europe/Stockholm";

/// The Swedish time zone, from the system's tz database or jiff's bundled copy.
fn stockholm() -> TimeZone {
    // The name is a constant the bundled database always holds; a fixed +01:00 is the last
    // resort should it ever be missing, and is off by at most an hour in summer.
    TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
}

/// The Swedish calendar day of `timestamp`.
pub fn date_of(timestamp: Timestamp) -> Date {
    let civil = timestamp.to_zoned_datetime(stockholm()).date();
    // jiff's years run from -9999 to 9999 and the core's dates cover every one of them that a
    // clock can show; the epoch is the answer only for a clock set before year 1.
    Date::from_ymd(
        i32::from(civil.year()),
        civil.month().unsigned_abs(),
        civil.day().unsigned_abs(),
    )
    .unwrap_or(Date::EPOCH)
}

/// Today's date in Swedish civil time.
pub fn today() -> Date {
    date_of(Timestamp::now())
}

/// `timestamp` in Swedish civil time to the millisecond, with its offset:
/// `2026-12-04T19:05:03.042+01:00`.
pub fn format_timestamp(timestamp: Timestamp) -> String {
    timestamp
        .to_zoned_datetime(stockholm())
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

/// Now, as [`format_timestamp`] writes it.
pub fn now() -> String {
    format_timestamp(Timestamp::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn the_swedish_day_starts_at_swedish_midnight() {
        // 23:30 UTC on 31 December is already New Year's Day in Sweden (UTC+1 in winter).
        assert_eq!(
            date_of(at("2025-12-31T23:30:00Z")).to_string(),
            "2026-01-01"
        );
        assert_eq!(
            date_of(at("2025-12-31T22:59:59Z")).to_string(),
            "2025-12-31"
        );
        // In summer the offset is two hours: 22:30 UTC on 30 June is 1 July in Sweden, the day
        // SoL (2025:400) came into force.
        assert_eq!(
            date_of(at("2025-06-30T22:30:00Z")).to_string(),
            "2025-07-01"
        );
        assert_eq!(
            date_of(at("2025-06-30T21:59:59Z")).to_string(),
            "2025-06-30"
        );
    }

    #[test]
    fn timestamps_carry_their_offset() {
        assert_eq!(
            format_timestamp(at("2026-01-15T10:00:00.042Z")),
            "2026-01-15T11:00:00.042+01:00"
        );
        // The last Sunday of March at 01:00 UTC summer time begins.
        assert_eq!(
            format_timestamp(at("2026-03-29T00:59:59Z")),
            "2026-03-29T01:59:59.000+01:00"
        );
        assert_eq!(
            format_timestamp(at("2026-03-29T01:00:00Z")),
            "2026-03-29T03:00:00.000+02:00"
        );
    }
}
