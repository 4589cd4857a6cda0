//! Maps in and out as Traseu's own JSON file: a map with its snapshots, for a backup or to
//! move a map to another browser.
//!
//! **Writing** ([`export_json`]) gives the map's document (`format`, `version`, `map`, as
//! local storage keeps it), indented, with a `snapshots` list after the map when it has any,
//! each snapshot as the snapshot file writes it (`id`, `name`, `taken`, `note`, `map`). The
//! version stays the same: an older Traseu that loads the file as a map ignores keys of the
//! envelope it does not know, so it keeps the map and leaves the snapshots out.
//!
//! **Reading** ([`import_json`]) gives back exactly what was written, with an empty report.
//! Otherwise, like Excalidraw's `restore`, it keeps what it can and says what it did not keep:
//! - A text longer than [`MAX_IMPORT_BYTES`] is refused before it is read. A byte order mark
//!   is skipped. Text that is not JSON is refused as a Mermaid diagram or a table when it
//!   looks like one (see [`detect`]), as empty when it is only white space, and otherwise with
//!   the line and column where it stops being JSON (that includes `NaN`, `Infinity` and numbers
//!   past 1e308 written as numbers, which JSON cannot hold and its reader refuses).
//! - JSON whose `format` is not `traseu.map` is refused, saying what it looks like
//!   ([`LooksLike`]): never an empty map. A `version` past this Traseu's is refused as newer;
//!   a missing or unreadable one is read as this Traseu's and reported. A `map` that is
//!   missing or not an object is refused ([`FileError::Broken`]): there is nothing to keep.
//! - Then the map is migrated, and refused past a cap of the map (`Limit`), as loading does.
//! - Each stage, lane, card, persona, score of a persona, source of a card and snapshot is
//!   typed on its own; one that cannot be typed is left out and reported. A field of one that
//!   cannot be typed (a colour `chartreuse`, text where a rating goes) is left out alone, and
//!   the element kept if it can do without it; a field it needs (an id, a lane's kind, a
//!   card's stage or text) takes the element with it, for that field's reason. A value inside
//!   a list (a tag that is a number) takes its list. The map's own fields it needs (`id`,
//!   `title`, `locale`, `created`, `updated`, `stages`, `lanes`) take the caller's
//!   [`Defaults`] instead, and are reported. Fields the format does not have are ignored,
//!   as loading ignores them.
//! - Scores outside −3..=3 and ratings outside 1..=5 are pulled onto their scale, and the
//!   map is repaired as loading a stored map repairs it (`format::Repair`): repeated ids
//!   renamed, cards whose stage or lane is gone (a lane left out for an unknown kind takes its
//!   cards) or that sit in the emotions lane dropped, texts past 5,000 characters shortened,
//!   and so on; a snapshot's map alike. A snapshot's name is shortened to 100 characters, its
//!   note to 5,000; a snapshot id used before is renamed. The result keeps every rule of
//!   `JourneyMap::check_invariants`.
//!
//! Every report [`Entry`] names its place in the file as a JSON path (`map.cards[3].colour`,
//! counting from 0 as the file does), even where elements before it were left out. The first
//! [`MAX_ENTRIES`] are listed, the rest counted.

mod detect;
pub mod encoding;
mod read;
mod report;
mod typed;

pub use detect::{FileKind, LooksLike, detect};
pub(crate) use read::minimal_map;
pub use report::{Entry, EntryKind, MAX_ENTRIES, Reason, ReasonKind, Thing};

use crate::format::{FORMAT, Oversized};
use crate::ids::MapId;
use crate::indent::indented;
use crate::map::{JourneyMap, Locale};
use crate::migrate::CURRENT_VERSION;
use crate::snapshot::Snapshot;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// The longest file an import reads (10 MiB): a map of 5,000 cards with every field is about
/// 3 MB, and a browser's local storage holds 5–10 MB a site.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

#[derive(Serialize)]
struct Exported<'a> {
    format: &'static str,
    version: u32,
    map: &'a JourneyMap,
    #[serde(skip_serializing_if = "<[Snapshot]>::is_empty")]
    snapshots: &'a [Snapshot],
}

/// The map and its snapshots as a Traseu file, indented for a person to open.
pub fn export_json(map: &JourneyMap, snapshots: &[Snapshot]) -> String {
    let compact = serde_json::to_string(&Exported {
        format: FORMAT,
        version: CURRENT_VERSION,
        map,
        snapshots,
    })
    .expect("a map and its snapshots always serialise");
    indented(&compact)
}

/// What stands in for a field a map cannot do without when the file's is missing or
/// unreadable: the model has no clock or randomness, so the caller gives them.
#[derive(Clone, Debug, PartialEq)]
pub struct Defaults {
    pub id: MapId,
    pub title: String,
    pub locale: Locale,
    /// For `created` and `updated`.
    pub now: DateTime<Utc>,
}

/// A Traseu file read.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedFile {
    pub map: JourneyMap,
    pub snapshots: Vec<Snapshot>,
    /// What was not taken as written (the first [`MAX_ENTRIES`]), in the order found: the
    /// envelope, the map's own fields, its stages, lanes, cards and personas, the map's
    /// repairs, then each snapshot's, then snapshot ids renamed.
    pub report: Vec<Entry>,
    /// How many more entries there were.
    pub unlisted: usize,
    /// The format version the file was written in, before migration.
    pub from_version: u32,
}

/// Why a file was not imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("larger than Traseu opens: more than {limit} {what}")]
    TooLarge { what: Oversized, limit: usize },
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("made by a newer Traseu (format version {version}; this one reads up to {supported})")]
    TooNew { version: u64, supported: u32 },
    #[error("not a journey map: it looks like {looks_like:?}")]
    NotAJourneyMap { looks_like: LooksLike },
    /// A Traseu map file without a map to read: `map` missing or not an object (at
    /// `map`), or one a migration cannot read.
    #[error("a Traseu file whose {} cannot be read", .0.at)]
    Broken(Reason),
}

/// Reads a Traseu file; see the module's documentation for what it keeps, reports and refuses.
/// Time and memory are linear in the text's length, which is checked first.
pub fn import_json(text: &str, defaults: &Defaults) -> Result<ImportedFile, FileError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(FileError::TooLarge {
            what: Oversized::Bytes,
            limit: MAX_IMPORT_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::NotAJourneyMap {
            looks_like: LooksLike::Empty,
        });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| match detect(text) {
        FileKind::Mermaid { diagram } => FileError::NotAJourneyMap {
            looks_like: LooksLike::Mermaid { diagram },
        },
        FileKind::Csv => FileError::NotAJourneyMap {
            looks_like: LooksLike::Csv,
        },
        FileKind::Json | FileKind::Unknown => FileError::NotJson {
            line: e.line(),
            column: e.column(),
        },
    })?;
    read::read_file(value, defaults)
}
