//! Who wrote a register and when, in an order every replica agrees on: last writer wins.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One open copy of a live map (a browser tab), named by a random id its caller mints afresh
/// for each session: 1 to 16 ASCII letters and digits, so it can end a position key (see
/// `key`). Two tabs must never share one, or each would take the other's writes for its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReplicaId(String);

impl ReplicaId {
    pub const MAX_CHARS: usize = 16;

    /// `None` for an id that is empty, too long, or has anything but ASCII letters and digits.
    pub fn new(id: impl Into<String>) -> Option<ReplicaId> {
        let id = id.into();
        let fits = (1..=Self::MAX_CHARS).contains(&id.len());
        (fits && id.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(ReplicaId(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReplicaId {
    type Error = String;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        ReplicaId::new(id).ok_or_else(|| "a replica id is 1 to 16 ASCII letters and digits".into())
    }
}

impl From<ReplicaId> for String {
    fn from(id: ReplicaId) -> String {
        id.0
    }
}

impl std::fmt::Display for ReplicaId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// When a write happened: a Lamport clock, then the replica that wrote it to break ties. A
/// replica's clock passes every clock it has received, so a write made after seeing another
/// is always the later one; concurrent writes are ordered by their clocks, then replica ids.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct Stamp(pub u64, pub ReplicaId);

impl Stamp {
    pub fn replica(&self) -> &ReplicaId {
        &self.1
    }
}

/// A value and the stamp of the write that set it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Register<T>(pub Stamp, pub T);

impl<T: PartialEq + Serialize> Register<T> {
    /// Writes `value` into `slot` if this write is later than the one there; whether it was.
    /// Two writes with one stamp (which only a replica that reused its clock can send) keep
    /// the value whose JSON sorts last, so every replica keeps the same one.
    pub fn write(slot: &mut Option<Register<T>>, stamp: &Stamp, value: T) -> bool {
        let later = match slot {
            None => true,
            Some(Register(held, old)) => match stamp.cmp(held) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => *old != value && json(&value) > json(old),
            },
        };
        if later {
            *slot = Some(Register(stamp.clone(), value));
        }
        later
    }
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(clock: u64, replica: &str) -> Stamp {
        Stamp(clock, ReplicaId::new(replica).unwrap())
    }

    #[test]
    fn replica_ids_are_short_letters_and_digits() {
        assert!(ReplicaId::new("a1B2c3D4").is_some());
        for bad in ["", "with space", "dash-ed", "ăbc", "x".repeat(17).as_str()] {
            assert_eq!(ReplicaId::new(bad), None, "{bad}");
        }
        assert!(serde_json::from_str::<ReplicaId>("\"no-good\"").is_err());
    }

    #[test]
    fn stamps_order_by_clock_then_replica() {
        assert!(stamp(2, "a") > stamp(1, "z"));
        assert!(stamp(2, "b") > stamp(2, "a"));
    }

    #[test]
    fn the_later_write_wins_whatever_the_order_it_arrives_in() {
        let (early, late) = (stamp(1, "b"), stamp(2, "a"));
        let mut one = None;
        assert!(Register::write(&mut one, &early, "x"));
        assert!(Register::write(&mut one, &late, "y"));
        let mut other = None;
        assert!(Register::write(&mut other, &late, "y"));
        assert!(!Register::write(&mut other, &early, "x"));
        assert_eq!(one, other);
        assert!(
            !Register::write(&mut one, &late, "y"),
            "a repeat changes nothing"
        );
    }

    #[test]
    fn two_values_with_one_stamp_settle_on_the_same_one() {
        let at = stamp(3, "a");
        let (mut one, mut other) = (None, None);
        Register::write(&mut one, &at, "x");
        Register::write(&mut one, &at, "y");
        Register::write(&mut other, &at, "y");
        Register::write(&mut other, &at, "x");
        assert_eq!(one, other);
        assert_eq!(one.unwrap().1, "y");
    }
}
