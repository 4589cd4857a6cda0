//! What an import tells the person: each thing in the file it left out, gave a default or
//! repaired, at its path in the file. Structured, so the interface says it in its language.

use crate::format::Repair;
use serde_json::Value;

/// At most this many entries are listed; more are only counted, so a file of a million bad
/// values takes no more memory to report than one of a thousand (as the CSV import does).
pub const MAX_ENTRIES: usize = 1_000;

/// What an import lists, and how many more entries it only counts.
#[derive(Default)]
pub(super) struct Report {
    pub listed: Vec<Entry>,
    pub unlisted: usize,
}

impl Report {
    pub fn push(&mut self, entry: Entry) {
        if self.listed.len() < MAX_ENTRIES {
            self.listed.push(entry);
        } else {
            self.unlisted += 1;
        }
    }
}

impl Extend<Entry> for Report {
    fn extend<I: IntoIterator<Item = Entry>>(&mut self, entries: I) {
        for entry in entries {
            self.push(entry);
        }
    }
}

/// One thing an import did not take as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Where it is in the file, as a JSON path: `version`, `map.cards[3].colour`,
    /// `snapshots[0].map.lanes[1]`. Lists are counted from 0, as the file has them.
    pub path: String,
    pub what: EntryKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// It could not be read, so it was left out; for a field, the rest of its element was kept.
    Dropped { thing: Thing, reason: Reason },
    /// A field a map cannot do without (or the file's version) could not be read; the
    /// import's default stands in for it.
    Defaulted { reason: Reason },
    /// It broke a rule every map keeps, and was fixed as loading a stored map fixes it. The
    /// repair's own path, if it has one, is the entry's path.
    Repaired(Repair),
}

/// What was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Stage,
    Lane,
    Card,
    Persona,
    /// A persona's emotion score at a stage.
    Score,
    /// An evidence source of a card.
    Source,
    Snapshot,
    /// A field of one of these (a card's colour, a persona's profile), or one of the map's
    /// lists of them that is not a list.
    Field,
}

/// Why something was left out or given a default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub kind: ReasonKind,
    /// The path of the value at fault: the thing's own, one of its fields
    /// (`map.cards[3].lane`), or that of a field that is missing.
    pub at: String,
    /// What the JSON reader said, in English, for a technical detail.
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonKind {
    /// Not there, and what holds it cannot do without it.
    Missing,
    /// Another kind of JSON value than the place takes: text where a number goes, a number
    /// where a list goes, a fraction where a whole number goes.
    WrongType,
    /// A word the place does not know: a colour `chartreuse`, a lane kind `vibes`.
    UnknownWord,
    /// `NaN`, `Infinity` or a number too large for any, written as text where a number goes.
    NotFinite,
    /// The right kind of value, but not one the place can hold: a date `yesterday`, a
    /// rating of 300, a version 0.
    Invalid,
}

impl Reason {
    pub(super) fn missing(at: String) -> Reason {
        let field = at.rsplit('.').next().unwrap_or_default();
        let detail = format!("missing field `{field}`");
        Reason {
            kind: ReasonKind::Missing,
            at,
            detail,
        }
    }

    /// `found` at `at` where `expected` goes.
    pub(super) fn wrong_type(at: &str, expected: &str, found: &Value) -> Reason {
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        };
        Reason {
            kind: ReasonKind::WrongType,
            at: at.to_owned(),
            detail: format!("expected {expected}, found {found}"),
        }
    }

    /// The reason for the JSON reader's `detail` about `found`, the value at `at`.
    pub(super) fn read(detail: String, at: String, found: Option<&Value>) -> Reason {
        let kind = if detail.starts_with("missing field") {
            ReasonKind::Missing
        } else if detail.starts_with("unknown variant") {
            ReasonKind::UnknownWord
        } else if detail.starts_with("invalid type") {
            match found.and_then(Value::as_str) {
                Some(text) if spells_no_finite_number(text) => ReasonKind::NotFinite,
                _ => ReasonKind::WrongType,
            }
        } else {
            ReasonKind::Invalid
        };
        Reason { kind, at, detail }
    }
}

/// `NaN`, `inf`, `-Infinity`, `1e999` and the like: what a spreadsheet or a script writes for a
/// number JSON cannot hold.
fn spells_no_finite_number(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(|n| !n.is_finite())
}

/// The name of the field a `missing field` message of the JSON reader names.
pub(super) fn missing_field(detail: &str) -> Option<&str> {
    detail.strip_prefix("missing field `")?.strip_suffix('`')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_spelling_no_finite_number_where_a_number_goes_is_not_finite() {
        let detail = || "invalid type: string \"NaN\", expected f64".to_owned();
        for text in ["NaN", "Infinity", "-inf", " 1e999 "] {
            let reason = Reason::read(detail(), "x".into(), Some(&json!(text)));
            assert_eq!(reason.kind, ReasonKind::NotFinite, "{text}");
        }
        let reason = Reason::read(detail(), "x".into(), Some(&json!("3")));
        assert_eq!(reason.kind, ReasonKind::WrongType);
    }

    #[test]
    fn the_readers_words_name_the_kind_of_fault() {
        let kind = |detail: &str| Reason::read(detail.into(), "x".into(), None).kind;
        assert_eq!(kind("missing field `id`"), ReasonKind::Missing);
        assert_eq!(
            kind("unknown variant `vibes`, expected …"),
            ReasonKind::UnknownWord
        );
        assert_eq!(
            kind("invalid type: integer `3`, expected a string"),
            ReasonKind::WrongType
        );
        assert_eq!(
            kind("input contains invalid characters"),
            ReasonKind::Invalid
        );
        assert_eq!(missing_field("missing field `lane`"), Some("lane"));
    }
}
