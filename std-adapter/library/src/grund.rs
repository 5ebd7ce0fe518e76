//! The versions of the national baseline a table was compiled with, and a riktlinje under the
//! law of another day.
//!
//! The baseline (`rules/sverige/`) writes the law once, with the day each text comes into
//! force: its parameters carry dated values (`socialtjänstlag: 2001 från 2019-01-01, 2025 från
//! 2025-07-01`, `riktålder`, `samtyckesålder`), and its rules read them. A *version* of the
//! baseline is the law as it reads from one of those days until the next: its id is the
//! baseline's name and that day (`sverige-2025-07-01`). On any day the riktlinje version in force
//! and the baseline version in force apply together; an evaluation names both.
//!
//! [`under_law_of`] gives the table of the same riktlinje with the law of one version fixed,
//! whatever the day of prövning: the table an omprövning across a change in the law compares
//! with, so that a new law text re-prövar every beslut as a new riktlinje does. It changes only
//! the values of the law's parameters ([`Ursprung::Lag`]), never a rule, and the table it
//! encodes names the version it was fixed to.

use riktlinjer_core::table::{Grund, Ursprung};
use riktlinjer_core::{Date, EncodeError, Table};

/// One version of the national baseline: the law as it reads from `giltig_fran`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrundVersion {
    /// The baseline's name and the version's first day (`sverige-2025-07-01`).
    pub id: String,
    /// The first day the version is in force.
    pub giltig_fran: Date,
}

/// The versions of the baseline `table` was compiled with, in order: its first day (the day its
/// id ends in) and every later day on which one of the law's parameters takes a new value.
/// Empty when the table builds on no baseline.
pub fn versions(table: &Table<'_>) -> Vec<GrundVersion> {
    let Some(grund) = table.meta().grund else {
        return Vec::new();
    };
    let (name, first) = split_id(grund.id);
    // The baseline's own first day, and each later day a law's value changes. A table fixed to
    // one version ([`under_law_of`]) is named by that version's day and keeps only values from
    // before it, so it has that one version.
    let mut days: Vec<Date> = first.into_iter().collect();
    days.extend(
        table
            .params()
            .iter()
            .filter(|param| param.ursprung == Ursprung::Lag)
            .flat_map(|param| param.values.iter().map(|(from, _)| *from))
            .filter(|from| first.is_none_or(|first| *from > first)),
    );
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .map(|day| GrundVersion {
            id: format!("{name}-{day}"),
            giltig_fran: day,
        })
        .collect()
}

/// The baseline version in force on `day`: the one with the latest first day on or before it.
pub fn in_force(table: &Table<'_>, day: Date) -> Option<GrundVersion> {
    versions(table)
        .into_iter()
        .take_while(|version| version.giltig_fran <= day)
        .last()
}

/// The one baseline version `table` applies on every day, when it has one: a table fixed to a
/// version by [`under_law_of`] (or built on a baseline whose law never changed). `None` when the
/// law applied depends on the day of prövning, or the table builds on no baseline.
pub fn fixed(table: &Table<'_>) -> Option<GrundVersion> {
    let mut versions = versions(table);
    if versions.len() == 1 {
        versions.pop()
    } else {
        None
    }
}

/// The first day on which `table` is in force as it reads: its giltig från, or the first day
/// of the law it is held to when that is later. An omprövning's day of prövning unless one is
/// given.
pub fn first_day(table: &Table<'_>) -> Date {
    let giltig_fran = table.meta().giltig_fran;
    fixed(table).map_or(giltig_fran, |lag| lag.giltig_fran.max(giltig_fran))
}

/// The baseline version with id `id`.
pub fn by_id(table: &Table<'_>, id: &str) -> Option<GrundVersion> {
    versions(table).into_iter().find(|version| version.id == id)
}

/// The table of the riktlinje `table` under the law of `version`: each of the law's parameters
/// keeps, from its first day on, the value it has on the version's first day; the riktlinje's
/// own parameters, its rules and its catalogue are unchanged. The table names `version` as its
/// baseline, with the baseline's content hash, and gets a content hash of its own.
///
/// # Errors
/// The core's [`EncodeError`], which a table that decoded cannot give in practice.
pub fn under_law_of(table: &Table<'_>, version: &GrundVersion) -> Result<Vec<u8>, EncodeError> {
    let mut raw = table.raw().clone();
    for param in raw
        .params
        .iter_mut()
        .filter(|param| param.ursprung == Ursprung::Lag)
    {
        let first = param.values.first().map(|(from, _)| *from);
        if let (Some(first), Some(value)) = (first, param.value_on(version.giltig_fran)) {
            param.values.clear();
            // Room for one value is certain after `clear`.
            let _ = param.values.push((first, value));
        }
    }
    raw.meta.grund = raw.meta.grund.map(|grund| Grund {
        id: version.id.as_str(),
        hash: grund.hash,
    });
    let mut buffer = vec![0; table_len_bound(table)];
    loop {
        match raw.encode(&mut buffer) {
            Ok(len) => {
                buffer.truncate(len);
                return Ok(buffer);
            }
            Err(EncodeError::BufferTooSmall) if buffer.len() < MAX_TABLE_LEN => {
                buffer.resize(buffer.len() * 2, 0);
            }
            Err(error) => return Err(error),
        }
    }
}

/// A table larger than this is not one the compiler writes.
const MAX_TABLE_LEN: usize = 64 << 20;

/// A first guess at the encoded size of `table` under another law: its code and texts, with room
/// to spare.
fn table_len_bound(table: &Table<'_>) -> usize {
    64 * 1024 + 2 * table.raw().code.len()
}

/// The baseline's name and first day from its id (`sverige-2019-01-01`); the whole id and no
/// day when it does not end in a day.
fn split_id(id: &str) -> (&str, Option<Date>) {
    id.len()
        .checked_sub(11)
        .and_then(|cut| {
            let (name, rest) = id.split_at_checked(cut)?;
            let day = Date::parse(rest.strip_prefix('-')?).ok()?;
            Some((name, Some(day)))
        })
        .unwrap_or((id, None))
}

#[cfg(test)]
mod tests {
    use super::fixed as fixed_version;
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|_| panic!("{text} is not a day"))
    }

    fn exempelkommun() -> Vec<u8> {
        crate::testing::shipped_table("exempelkommun/2025-01-01.md")
    }

    #[test]
    fn the_versions_are_the_days_the_law_changes() {
        let bytes = exempelkommun();
        let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
        let ids: Vec<String> = versions(&table).into_iter().map(|v| v.id).collect();
        // 2023-01-01 and 2026-01-01: riktåldern för pension (9 b § LSS); 2023-07-01: a child's
        // consent from 12 (prop. 2022/23:64); 2025-07-01: socialtjänstlagen (2025:400).
        assert_eq!(
            ids,
            [
                "sverige-2019-01-01",
                "sverige-2023-01-01",
                "sverige-2023-07-01",
                "sverige-2025-07-01",
                "sverige-2026-01-01"
            ]
        );
        let on = |text: &str| in_force(&table, day(text)).map(|version| version.id);
        assert_eq!(on("2018-12-31"), None);
        assert_eq!(on("2025-06-30").as_deref(), Some("sverige-2023-07-01"));
        assert_eq!(on("2025-07-01").as_deref(), Some("sverige-2025-07-01"));
        assert_eq!(on("2030-01-01").as_deref(), Some("sverige-2026-01-01"));
    }

    #[test]
    fn under_the_law_of_a_version_only_the_law_s_parameters_change() {
        let bytes = exempelkommun();
        let table = Table::decode(&bytes).unwrap_or_else(|error| panic!("{error}"));
        let old_law = by_id(&table, "sverige-2023-07-01").unwrap_or_else(|| panic!("no version"));
        let fixed = under_law_of(&table, &old_law).unwrap_or_else(|error| panic!("{error}"));
        let fixed = Table::decode(&fixed).unwrap_or_else(|error| panic!("{error}"));
        assert_ne!(fixed.content_hash(), table.content_hash());
        assert_eq!(
            fixed.meta().grund.map(|grund| grund.id),
            Some("sverige-2023-07-01")
        );
        assert_eq!(
            fixed.meta().grund.map(|grund| grund.hash),
            table.meta().grund.map(|grund| grund.hash)
        );
        assert_eq!(fixed.raw().rules, table.raw().rules);
        assert_eq!(fixed.raw().code, table.raw().code);
        let value = |table: &Table<'_>, namn: &str, on: &str| {
            let idx = table
                .param_index(namn)
                .unwrap_or_else(|| panic!("no {namn}"));
            table.param_value(idx, day(on))
        };
        // Long after 2025-07-01, the old law still reads as it did on 2023-07-01.
        assert_eq!(value(&fixed, "socialtjänstlag", "2026-03-01"), Some(2001));
        assert_eq!(value(&table, "socialtjänstlag", "2026-03-01"), Some(2025));
        assert_eq!(value(&fixed, "riktålder", "2026-03-01"), Some(66));
        assert_eq!(value(&fixed, "samtyckesålder", "2026-03-01"), Some(12));
        // Before its first day a parameter has no value, fixed or not.
        assert_eq!(value(&fixed, "riktålder", "2018-12-31"), None);
        for (param, fixed_param) in table.params().iter().zip(fixed.params()) {
            if param.ursprung == Ursprung::Riktlinje {
                assert_eq!(param, fixed_param);
            }
        }
        // The version of the law in force is the version fixed, whatever the day.
        assert_eq!(fixed_version(&fixed), Some(old_law));
        assert_eq!(fixed_version(&table), None);
    }
}
