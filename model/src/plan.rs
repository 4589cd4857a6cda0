//! What a team decided to do about an opportunity (PRODUCT.md, step 7 "Iterate"): how far it
//! got, who owns it, when it is due, and which pain points it addresses, so a map can say which
//! pains nobody is working on yet.

use serde::{Deserialize, Serialize};

/// The longest owner a card keeps, in characters: a name or a team, not a paragraph.
pub const MAX_OWNER_CHARS: usize = 100;

/// At most this many pain points one card addresses; far above a real plan, and it keeps one
/// card from making every lookup on the map slow.
pub const MAX_ADDRESSED: usize = 100;

/// How far an opportunity has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Idea,
    Planned,
    InProgress,
    Done,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Idea,
        Status::Planned,
        Status::InProgress,
        Status::Done,
    ];
}

/// An owner as a card keeps it: trimmed, on one line.
pub fn tidy_owner(owner: &str) -> String {
    owner.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `owner` is one a card may keep as it is.
pub fn is_tidy_owner(owner: &str) -> bool {
    tidy_owner(owner) == owner && owner.chars().count() <= MAX_OWNER_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_is_trimmed_onto_one_line() {
        assert_eq!(tidy_owner("  Ana \n Pop\t"), "Ana Pop");
        assert!(is_tidy_owner("Ana Pop"));
        assert!(!is_tidy_owner(" Ana"));
        assert!(!is_tidy_owner(&"a".repeat(MAX_OWNER_CHARS + 1)));
    }

    #[test]
    fn statuses_are_written_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&Status::InProgress).unwrap(),
            "\"in_progress\""
        );
    }
}
