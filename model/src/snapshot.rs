//! Named snapshots of a map over time (PRODUCT.md, step 7): "as-is", "to-be", or any name, with
//! when it was taken and a note, so a team can compare what changed after they acted.
//!
//! Snapshots live beside their map, not inside it: the map is saved on every change and must
//! stay quick to write, while snapshots change only when one is taken or deleted. They are kept
//! packed (the snapshot file's JSON, deflated, as `dense` text at 15 bits a character), because
//! Chromium gives a site 5,242,880 UTF-16 code units of local storage and five snapshots of a
//! 200-card map deflate to about four maps' worth (`bench/quota.mjs`).

use crate::dense;
use crate::file::{self, Defaults};
use crate::format::{self, FORMAT, LoadError, MAX_DOCUMENT_BYTES, Oversized, Repair};
use crate::ids::SnapshotId;
use crate::located;
use crate::map::{JourneyMap, is_too_long};
use crate::migrate::CURRENT_VERSION;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The snapshot file's `format`.
pub const SNAPSHOTS_FORMAT: &str = "traseu.snapshots";

/// At most this many snapshots per map: a team takes one per iteration, and each costs local
/// storage.
pub const MAX_SNAPSHOTS: usize = 50;

/// The longest snapshot name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// How much unpacked text a packed list may grow to: `MAX_SNAPSHOTS` maps could each be as long
/// as the longest document, but no browser stores that much, so a list stops at four documents'
/// worth rather than letting crafted text inflate without end.
pub const MAX_UNPACKED_BYTES: usize = MAX_DOCUMENT_BYTES * 4;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: SnapshotId,
    pub name: String,
    pub taken: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub map: JourneyMap,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("a snapshot needs a name")]
    EmptyName,
    #[error("a snapshot's name or note is too long")]
    TooLong,
    #[error("a map keeps at most {MAX_SNAPSHOTS} snapshots")]
    TooMany,
}

/// A snapshot of `map` as it is `now`; the name is trimmed and required, the note trimmed.
pub fn take(
    map: &JourneyMap,
    id: SnapshotId,
    name: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Snapshot, SnapshotError> {
    let name = name.trim();
    let note = note.trim();
    if name.is_empty() {
        return Err(SnapshotError::EmptyName);
    }
    if name.chars().count() > MAX_NAME_CHARS || is_too_long(note) {
        return Err(SnapshotError::TooLong);
    }
    Ok(Snapshot {
        id,
        name: name.to_owned(),
        taken: now,
        note: note.to_owned(),
        map: map.clone(),
    })
}

/// Adds `snapshot` to the end of `list`, unless the list is full.
pub fn add(list: &mut Vec<Snapshot>, snapshot: Snapshot) -> Result<(), SnapshotError> {
    if list.len() >= MAX_SNAPSHOTS {
        return Err(SnapshotError::TooMany);
    }
    list.push(snapshot);
    Ok(())
}

#[derive(Serialize)]
struct File<'a> {
    format: &'static str,
    version: u32,
    snapshots: &'a [Snapshot],
}

/// The snapshots as JSON (the snapshot file), each map in the current format version.
pub fn to_json(snapshots: &[Snapshot]) -> String {
    serde_json::to_string(&File {
        format: SNAPSHOTS_FORMAT,
        version: CURRENT_VERSION,
        snapshots,
    })
    .expect("snapshots always serialise")
}

/// The snapshots packed for storage: their JSON deflated, as `dense` text.
pub fn pack(snapshots: &[Snapshot]) -> String {
    let json = to_json(snapshots);
    dense::encode(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

/// Snapshots read back, with what loading their maps repaired.
#[derive(Clone, Debug, PartialEq)]
pub struct Unpacked {
    pub snapshots: Vec<Snapshot>,
    /// Each repair with the position of the snapshot it was made in.
    pub repairs: Vec<(usize, Repair)>,
}

/// Reads what `pack` wrote.
pub fn unpack(text: &str) -> Result<Unpacked, LoadError> {
    let packed = dense::decode(text).ok_or(LoadError::NotTraseu)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LoadError::TooLarge {
                what: Oversized::Bytes,
                limit: MAX_UNPACKED_BYTES,
            },
            _ => LoadError::NotTraseu,
        })?;
    // Read as text, as every other JSON is, so the reader is not built a second time for bytes.
    let json = String::from_utf8(json).map_err(|_| LoadError::NotTraseu)?;
    let value: Value = serde_json::from_str(&json).map_err(|_| LoadError::NotTraseu)?;
    from_value(value)
}

/// Reads a snapshot file's JSON: its envelope, then each snapshot's map as a map document of the
/// file's version (migrated and repaired like any other). Snapshot ids that repeat are renamed.
pub fn from_value(value: Value) -> Result<Unpacked, LoadError> {
    let Value::Object(mut file) = value else {
        return Err(LoadError::NotTraseu);
    };
    if file.get("format").and_then(Value::as_str) != Some(SNAPSHOTS_FORMAT) {
        return Err(LoadError::NotTraseu);
    }
    let version = file.get("version").cloned().unwrap_or(Value::Null);
    let Some(Value::Array(items)) = file.remove("snapshots") else {
        return Err(invalid("snapshots", "expected a list of snapshots"));
    };
    if items.len() > MAX_SNAPSHOTS {
        return Err(LoadError::TooLarge {
            what: Oversized::Snapshots,
            limit: MAX_SNAPSHOTS,
        });
    }
    let mut snapshots = Vec::with_capacity(items.len());
    let mut repairs = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let at = |path: &str| format!("snapshots[{i}].{path}");
        let Value::Object(mut item) = item else {
            return Err(invalid(&format!("snapshots[{i}]"), "expected a snapshot"));
        };
        let map = item
            .remove("map")
            .ok_or_else(|| invalid(&at("map"), "missing"))?;
        let document = serde_json::json!({ "format": FORMAT, "version": version, "map": map });
        let loaded = format::from_value(document).map_err(|e| match e {
            LoadError::Invalid { path, message } => invalid(&at(&path), &message),
            other => other,
        })?;
        // The snapshot's own fields are typed beside a stand-in for the map read above, as an
        // import types them, rather than beside that map turned back into JSON.
        let stand_in = file::minimal_map(&Defaults {
            id: loaded.map.id.clone(),
            title: String::new(),
            locale: loaded.map.locale,
            now: loaded.map.created,
        });
        item.insert("map".into(), stand_in);
        let mut snapshot: Snapshot = located::from_value(&Value::Object(item))
            .map_err(|e| invalid(&at(&e.path_text()), &e.to_string()))?;
        snapshot.map = loaded.map;
        snapshot.name = snapshot.name.chars().take(MAX_NAME_CHARS).collect();
        repairs.extend(loaded.repairs.into_iter().map(|r| (i, r)));
        snapshots.push(snapshot);
    }
    let mut seen = HashSet::new();
    for (i, snapshot) in snapshots.iter_mut().enumerate() {
        if !seen.insert(snapshot.id.clone()) {
            let old = std::mem::replace(&mut snapshot.id, SnapshotId::new(format!("snapshot-{i}")));
            repairs.push((
                i,
                Repair::RenamedDuplicateId {
                    old: old.0,
                    new: snapshot.id.0.clone(),
                },
            ));
            seen.insert(snapshot.id.clone());
        }
    }
    Ok(Unpacked { snapshots, repairs })
}

fn invalid(path: &str, message: &str) -> LoadError {
    LoadError::Invalid {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;
    use crate::example::saas_example;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    fn example() -> JourneyMap {
        let mut n = 0;
        saas_example(Locale::Ro, at(1_700_000_000), &mut || {
            n += 1;
            format!("id{n}")
        })
    }

    fn snap(map: &JourneyMap, id: &str, name: &str) -> Snapshot {
        take(
            map,
            SnapshotId::new(id),
            name,
            " after the workshop ",
            at(1_800_000_000),
        )
        .unwrap()
    }

    #[test]
    fn snapshots_pack_and_unpack_to_the_same_list() {
        let map = example();
        let list = vec![snap(&map, "a", "as-is"), snap(&map, "b", "to-be")];
        let unpacked = unpack(&pack(&list)).unwrap();
        assert_eq!(unpacked.snapshots, list);
        assert!(unpacked.repairs.is_empty());
        assert_eq!(list[0].note, "after the workshop");
    }

    #[test]
    fn packed_a_small_real_map_takes_a_quarter_of_the_quota_its_json_takes() {
        let map = example();
        // What a browser's quota counts: UTF-16 code units.
        let units = |text: &str| text.encode_utf16().count();
        let json = units(&to_json(&[snap(&map, "a", "as-is")]));
        let packed = units(&pack(&[snap(&map, "a", "as-is")]));
        assert!(packed * 4 < json, "{packed} of {json}");
    }

    #[test]
    fn a_snapshot_needs_a_short_name_and_a_list_has_room_for_fifty() {
        let map = example();
        let id = || SnapshotId::new("x");
        assert_eq!(
            take(&map, id(), "  ", "", at(0)),
            Err(SnapshotError::EmptyName)
        );
        let long = "n".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            take(&map, id(), &long, "", at(0)),
            Err(SnapshotError::TooLong)
        );
        let mut list = Vec::new();
        for i in 0..MAX_SNAPSHOTS {
            add(&mut list, snap(&map, &i.to_string(), "s")).unwrap();
        }
        assert_eq!(
            add(&mut list, snap(&map, "one more", "s")),
            Err(SnapshotError::TooMany)
        );
    }

    #[test]
    fn text_that_is_not_a_packed_list_is_refused() {
        assert_eq!(unpack("not base64 at all!"), Err(LoadError::NotTraseu));
        let deflated = miniz_oxide::deflate::compress_to_vec(br#"{"elements":[]}"#, 6);
        assert_eq!(unpack(&dense::encode(&deflated)), Err(LoadError::NotTraseu));
    }

    #[test]
    fn a_snapshot_from_a_newer_version_is_refused_as_too_new() {
        let file = serde_json::json!({
            "format": SNAPSHOTS_FORMAT, "version": CURRENT_VERSION + 1,
            "snapshots": [{ "id": "a", "name": "n", "taken": "2026-01-01T00:00:00Z", "map": {} }]
        });
        assert!(matches!(from_value(file), Err(LoadError::TooNew { .. })));
    }

    #[test]
    fn a_broken_snapshot_map_is_repaired_and_said_and_repeated_ids_renamed() {
        let map = example();
        let mut file: Value = serde_json::from_str(&to_json(&[
            snap(&map, "a", "as-is"),
            snap(&map, "a", "to-be"),
        ]))
        .unwrap();
        file["snapshots"][1]["map"]["personas"][0]["emotions"][0]["score"] = 9.into();
        let unpacked = from_value(file).unwrap();
        assert_eq!(unpacked.snapshots[1].id, SnapshotId::new("snapshot-1"));
        assert!(matches!(
            unpacked.repairs[0],
            (1, Repair::ClampedEmotion { from: 9, .. })
        ));
        assert!(matches!(
            unpacked.repairs[1],
            (1, Repair::RenamedDuplicateId { .. })
        ));
    }

    #[test]
    fn a_bad_value_in_a_snapshot_names_its_path() {
        let map = example();
        let mut file: Value = serde_json::from_str(&to_json(&[snap(&map, "a", "as-is")])).unwrap();
        file["snapshots"][0]["taken"] = "yesterday".into();
        match from_value(file) {
            Err(LoadError::Invalid { path, .. }) => assert_eq!(path, "snapshots[0].taken"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_list_that_inflates_past_its_limit_stops_early() {
        let huge = vec![b' '; MAX_UNPACKED_BYTES + 1];
        let packed = dense::encode(&miniz_oxide::deflate::compress_to_vec(&huge, 9));
        assert!(matches!(
            unpack(&packed),
            Err(LoadError::TooLarge {
                what: Oversized::Bytes,
                ..
            })
        ));
    }
}
