//! Typing one element of a file (a stage, a card, a score, the map's own fields) so that a bad
//! field costs that field only, after Excalidraw's `restore`: the field is taken out and the
//! element typed again, until it types or cannot do without what was taken out.

use super::report::{Entry, EntryKind, Reason, Thing, missing_field};
use crate::located::{self, Segment};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A field taken out or given a default, by its keys from the element.
struct Fix {
    keys: Vec<String>,
    reason: Reason,
    defaulted: bool,
}

/// Types `value`, whose path is `at`, as a `T`. A field that does not type is taken out, or,
/// when it is one of the element's own fields and `default` has a value for it, replaced by
/// that value; then typing starts again. A field `T` cannot do without takes the struct
/// holding it (a metric for want of its value) with it, for the reason it was taken out. A
/// value inside a list cannot be taken out alone, so it takes its list with it.
///
/// Returns what it took out or replaced, or, when the element itself cannot be typed (it is
/// not an object, or lacks a field it needs), why. The struct types have a few fields each, so
/// an element types at most a few dozen times.
pub(super) fn typed<T: DeserializeOwned>(
    mut value: Value,
    at: &str,
    default: &dyn Fn(&str) -> Option<Value>,
) -> Result<(T, Vec<Entry>), Reason> {
    let mut fixes: Vec<Fix> = Vec::new();
    loop {
        let error = match located::from_value::<T>(&value) {
            Ok(typed) => {
                let entries = fixes.into_iter().map(|fix| fix.entry(at)).collect();
                return Ok((typed, entries));
            }
            Err(error) => error,
        };
        let segments = error.path();
        let detail = error.to_string();
        let mut keys: Vec<String> = segments
            .iter()
            .map_while(|segment| match segment {
                Segment::Key(key) => Some(key.clone()),
                _ => None,
            })
            .collect();
        let reason = match missing_field(&detail) {
            Some(field) => {
                let mut missing = keys.clone();
                missing.push(field.to_owned());
                let earlier = fixes.iter().position(|fix| fix.keys == missing);
                let reason = match earlier {
                    Some(i) => fixes.remove(i).reason,
                    None => Reason::missing(path(at, &missing)),
                };
                if keys.is_empty() {
                    keys = missing;
                }
                reason
            }
            None => {
                let found = value_at(&value, segments);
                Reason::read(detail, located(at, segments), found)
            }
        };
        let Some(field) = keys.first().cloned() else {
            return Err(reason);
        };
        let already = fixes
            .iter()
            .any(|fix| fix.defaulted && fix.keys[0] == field);
        let stand_in = default(&field).filter(|_| !already);
        let defaulted = if let (Some(stand_in), Some(fields)) = (stand_in, value.as_object_mut()) {
            fields.insert(field, stand_in);
            keys.truncate(1);
            true
        } else if take(&mut value, &keys) {
            false
        } else {
            return Err(reason);
        };
        fixes.retain(|fix| !fix.keys.starts_with(&keys));
        fixes.push(Fix {
            keys,
            reason,
            defaulted,
        });
    }
}

impl Fix {
    fn entry(self, at: &str) -> Entry {
        let what = match self.defaulted {
            true => EntryKind::Defaulted {
                reason: self.reason,
            },
            false => EntryKind::Dropped {
                thing: Thing::Field,
                reason: self.reason,
            },
        };
        Entry {
            path: path(at, &self.keys),
            what,
        }
    }
}

/// Takes out the field at `keys`; whether there was one.
fn take(value: &mut Value, keys: &[String]) -> bool {
    let Some((last, parents)) = keys.split_last() else {
        return false;
    };
    let mut parent = Some(value);
    for key in parents {
        parent = parent.and_then(|p| p.get_mut(key));
    }
    parent
        .and_then(Value::as_object_mut)
        .and_then(|fields| fields.remove(last))
        .is_some()
}

fn value_at<'a>(value: &'a Value, segments: &[Segment]) -> Option<&'a Value> {
    segments
        .iter()
        .try_fold(value, |value, segment| match segment {
            Segment::Key(key) => value.get(key),
            Segment::Index(index) => value.get(index),
            Segment::Variant(_) => None,
        })
}

fn path(at: &str, keys: &[String]) -> String {
    keys.iter()
        .fold(at.to_owned(), |path, key| format!("{path}.{key}"))
}

/// The path of the value the JSON reader stopped at.
fn located(at: &str, segments: &[Segment]) -> String {
    segments
        .iter()
        .fold(at.to_owned(), |path, segment| match segment {
            Segment::Key(key) | Segment::Variant(key) => format!("{path}.{key}"),
            Segment::Index(index) => format!("{path}[{index}]"),
        })
}
