//! Finding an insats by its id without reading every id before it.
//!
//! A case names its insatser by id, and every prövning, frist and fact of an ansökan starts by
//! finding its insats in the table. A scan compares the id with each insats's in turn, so an
//! insats late in a riktlinje (the SoL insatser, written after the LSS ones) cost a comparison
//! with every id above it, and a riktlinje four times larger four times as many.
//!
//! [`IdIndex`] is an open-addressed hash index over the insatser's positions, derived from the
//! table when it is decoded (never written into a table's bytes, and no part of comparing two
//! tables). A lookup reads a few bytes of the id, probes from its hash and confirms a hit by
//! comparing the whole id: the answer is the scan's, the first insats with the id.

use core::fmt;

use crate::limits::MAX_INSATSER;
use crate::table::same_id;

/// Slots of the index: a power of two, at least twice the insatser a table holds, so a probe
/// meets an empty slot soon.
const SLOTS: usize = (2 * MAX_INSATSER).next_power_of_two();

// A slot holds a position plus one in a `u8`, and a hash's top bits pick the slot.
const _: () =
    assert!(MAX_INSATSER < u8::MAX as usize && SLOTS.is_power_of_two() && SLOTS <= 1 << 16);

/// The insatser's positions by the hash of their ids; 0 is an empty slot, `n` the position
/// `n - 1`.
#[derive(Clone)]
pub(crate) struct IdIndex([u8; SLOTS]);

impl IdIndex {
    /// An index of no insatser.
    pub(crate) const fn new() -> IdIndex {
        IdIndex([0; SLOTS])
    }

    /// Indexes `ids`, by position, in order; an id past the index's room is left out (a table
    /// holds at most [`MAX_INSATSER`], fewer than the slots).
    pub(crate) fn fill<'i>(&mut self, ids: impl Iterator<Item = &'i str>) {
        self.0 = [0; SLOTS];
        for (entry, id) in (1..u8::MAX).zip(ids) {
            let mut slot = hash(id);
            // The index has more slots than a table has insatser: an empty slot is found.
            for _ in 0..SLOTS {
                match self.0.get_mut(slot) {
                    Some(free @ 0) => {
                        *free = entry;
                        break;
                    }
                    Some(_) => slot = slot.wrapping_add(1) % SLOTS,
                    None => break,
                }
            }
        }
    }

    /// The position of the first id equal to `id`, given the id at each position (`None`
    /// past the end).
    #[inline]
    pub(crate) fn find<'i>(
        &self,
        id: &str,
        id_at: impl Fn(usize) -> Option<&'i str>,
    ) -> Option<usize> {
        let mut slot = hash(id);
        // Ids were indexed in order, so along one probe sequence the first equal id met is
        // the first in the table.
        for _ in 0..SLOTS {
            let entry = *self.0.get(slot)?;
            let position = usize::from(entry.checked_sub(1)?);
            if id_at(position).is_some_and(|found| same_id(found, id)) {
                return Some(position);
            }
            slot = slot.wrapping_add(1) % SLOTS;
        }
        None
    }
}

/// The slot an id's probe starts at: its length, first, middle and last bytes mixed by a
/// multiplication (ids differ mostly in length and at their ends, and share prefixes such as
/// `hemtjanst_`).
#[inline]
fn hash(id: &str) -> usize {
    let bytes = id.as_bytes();
    let at = |index: usize| bytes.get(index).copied().unwrap_or(0);
    let len = bytes.len();
    let key = u32::from_le_bytes([
        at(0),
        at(len / 2),
        at(len.wrapping_sub(1)),
        len.to_le_bytes().first().copied().unwrap_or(0),
    ]);
    let mixed = key.wrapping_mul(0x9E37_79B1);
    // The top bits of the product mix every byte of the key.
    (mixed >> u32::BITS.wrapping_sub(SLOTS.trailing_zeros())) as usize % SLOTS
}

impl fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let filled = self.0.iter().filter(|entry| **entry != 0).count();
        write!(f, "IdIndex({filled} of {SLOTS})")
    }
}

/// Derived from the ids it indexes: two tables with the same insatser are equal whatever their
/// indices.
impl PartialEq for IdIndex {
    fn eq(&self, _: &IdIndex) -> bool {
        true
    }
}

impl Eq for IdIndex {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn indexed(ids: &[std::string::String]) -> IdIndex {
        let mut index = IdIndex::new();
        index.fill(ids.iter().map(std::string::String::as_str));
        index
    }

    fn scan(ids: &[std::string::String], id: &str) -> Option<usize> {
        ids.iter().position(|found| found == id)
    }

    #[test]
    fn the_shipped_insatser_are_found_where_they_stand() {
        let ids: std::vec::Vec<std::string::String> = [
            "radgivning",
            "personlig_assistans",
            "hemtjanst_service",
            "hemtjanst_omvardnad",
            "trygghetslarm",
            "",
        ]
        .map(std::string::String::from)
        .to_vec();
        let index = indexed(&ids);
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(
                index.find(id, |at| ids.get(at).map(std::string::String::as_str)),
                Some(position)
            );
        }
        assert_eq!(
            index.find("hemtjanst", |at| ids
                .get(at)
                .map(std::string::String::as_str)),
            None
        );
    }

    proptest! {
        /// Two ids are the same exactly when their bytes are: ids of every length around a
        /// word's, equal, differing in one byte anywhere, or of different lengths.
        #[test]
        fn ids_are_the_same_exactly_when_their_bytes_are(
            id in "[ab_]{0,41}",
            other in "[ab_]{0,41}",
            at in any::<proptest::sample::Index>(),
        ) {
            prop_assert!(same_id(&id, &id));
            prop_assert_eq!(same_id(&id, &other), id == other);
            if !id.is_empty() {
                let at = at.index(id.len());
                let changed: std::string::String = id
                    .char_indices()
                    .map(|(index, letter)| match (index == at, letter) {
                        (true, 'a') => 'b',
                        (true, _) => 'a',
                        (false, letter) => letter,
                    })
                    .collect();
                prop_assert!(!same_id(&id, &changed), "{} {}", id, changed);
            }
        }

        /// The index answers as the scan does: the first position with the id, or none, for
        /// ids in the table, ids that are not, and repeated ids, up to a full table.
        #[test]
        fn a_lookup_gives_the_scan_s_answer(
            ids in proptest::collection::vec("[a-c_]{0,6}", 0..=MAX_INSATSER),
            others in proptest::collection::vec("[a-d_]{0,7}", 0..16),
        ) {
            let index = indexed(&ids);
            let id_at = |at: usize| ids.get(at).map(std::string::String::as_str);
            for id in ids.iter().chain(&others) {
                prop_assert_eq!(index.find(id, id_at), scan(&ids, id));
            }
        }
    }
}
