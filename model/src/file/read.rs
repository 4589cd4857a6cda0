//! Reading a parsed Traseu file: its envelope, its map and its snapshots, each element typed on
//! its own, then the map repaired as loading repairs a stored one.

use super::detect::looks_like;
use super::report::{Entry, EntryKind, Reason, ReasonKind, Report, Thing};
use super::typed::typed;
use super::{Defaults, FileError, ImportedFile};
use crate::format::{self, FORMAT, Oversized, Repair};
use crate::map::{Card, JourneyMap, Lane, MAX_TEXT_CHARS, Persona, Stage};
use crate::migrate::{self, CURRENT_VERSION};
use crate::snapshot::{MAX_NAME_CHARS, MAX_SNAPSHOTS, Snapshot};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The map's fields it cannot do without, each with a default.
const REQUIRED: [&str; 7] = [
    "id", "title", "locale", "created", "updated", "stages", "lanes",
];

pub(super) fn read_file(value: Value, defaults: &Defaults) -> Result<ImportedFile, FileError> {
    let mut envelope = match value {
        Value::Object(fields) if fields.get("format").and_then(Value::as_str) == Some(FORMAT) => {
            fields
        }
        other => {
            return Err(FileError::NotAJourneyMap {
                looks_like: looks_like(&other),
            });
        }
    };
    let mut report = Report::default();
    let from_version = version(envelope.get("version"), &mut report)?;
    let map = match envelope.remove("map") {
        Some(Value::Object(map)) => map,
        None => return Err(FileError::Broken(Reason::missing("map".into()))),
        Some(other) => {
            return Err(FileError::Broken(Reason::wrong_type(
                "map", "a map", &other,
            )));
        }
    };
    let map = read_map(map, from_version, "map", defaults, &mut report)?;
    let snapshots = snapshots(
        envelope.remove("snapshots"),
        from_version,
        defaults,
        &mut report,
    )?;
    Ok(ImportedFile {
        map,
        snapshots,
        report: report.listed,
        unlisted: report.unlisted,
        from_version,
    })
}

/// The version the file was written in. One past this Traseu's is refused. A missing or
/// unreadable one is taken as this Traseu's, and reported: a newer Traseu always writes its
/// version, so such a file was made by hand or damaged, and reading it as it stands is the
/// best guess. A fractional version past this Traseu's is refused as newer too.
fn version(value: Option<&Value>, report: &mut Report) -> Result<u32, FileError> {
    let supported = CURRENT_VERSION;
    let too_new = |version| FileError::TooNew { version, supported };
    let reason = match value {
        None => Reason::missing("version".into()),
        Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(v), _) if v > u64::from(supported) => return Err(too_new(v)),
            // At most `supported`, so the cast is lossless.
            (Some(v @ 1..), _) => return Ok(v as u32),
            // Named by the next whole version (4.5 as 5); `as` saturates (1e300 as u64::MAX).
            (_, Some(v)) if v > f64::from(supported) => return Err(too_new(v.ceil() as u64)),
            _ => Reason {
                kind: ReasonKind::Invalid,
                at: "version".into(),
                detail: format!("there is no format version {n}"),
            },
        },
        Some(other) => Reason::wrong_type("version", "a whole number from 1 up", other),
    };
    report.push(Entry {
        path: "version".into(),
        what: EntryKind::Defaulted { reason },
    });
    Ok(supported)
}

/// A map with only the fields a map cannot do without, each `defaults`'s: what stands in for a
/// snapshot's map while the snapshot's own fields are typed, its map being read on its own.
pub(crate) fn minimal_map(defaults: &Defaults) -> Value {
    Value::Object(
        REQUIRED
            .into_iter()
            .filter_map(|key| Some((key.to_owned(), stand_in(key, defaults)?)))
            .collect(),
    )
}

/// The value of a required field of a map that lacks a usable one.
fn stand_in(key: &str, defaults: &Defaults) -> Option<Value> {
    match key {
        "id" => Some(Value::String(defaults.id.0.clone())),
        "title" => Some(Value::String(defaults.title.clone())),
        "locale" => Some(Value::String(defaults.locale.code().to_owned())),
        "created" | "updated" => Some(Value::String(defaults.now.to_rfc3339())),
        "stages" | "lanes" => Some(Value::Array(Vec::new())),
        _ => None,
    }
}

/// Where each element the map kept was in the file, so a repair can name its place there.
#[derive(Default)]
struct Places {
    stages: Vec<usize>,
    lanes: Vec<usize>,
    /// Each card's place, and its sources'.
    cards: Vec<(usize, Vec<usize>)>,
    /// Each persona's place, and its scores'.
    personas: Vec<(usize, Vec<usize>)>,
}

impl Places {
    /// `path`, which names elements by their places in the typed map
    /// (`map.cards[2].evidence[0].link`), as the file at `at` has them
    /// (`snapshots[1].map.cards[5].evidence[1].link`).
    fn in_file(&self, path: &str, at: &str) -> String {
        let rest = path.strip_prefix("map").unwrap_or(path);
        let place = |places: &[usize], i: usize| places.get(i).copied().unwrap_or(i);
        let nested = |list: &str, inner: &str, places: &[(usize, Vec<usize>)]| {
            let (i, tail) = indexed(rest, list)?;
            let (outer, inner_places) = places.get(i).map_or((i, &[][..]), |(p, v)| (*p, v));
            Some(match indexed(tail, inner) {
                Some((j, tail)) => {
                    let j = place(inner_places, j);
                    format!("{list}[{outer}]{inner}[{j}]{tail}")
                }
                None => format!("{list}[{outer}]{tail}"),
            })
        };
        let flat = |list: &str, places: &[usize]| {
            let (i, tail) = indexed(rest, list)?;
            Some(format!("{list}[{}]{tail}", place(places, i)))
        };
        let inside = flat(".stages", &self.stages)
            .or_else(|| flat(".lanes", &self.lanes))
            .or_else(|| nested(".cards", ".evidence", &self.cards))
            .or_else(|| nested(".personas", ".emotions", &self.personas))
            .unwrap_or_else(|| rest.to_owned());
        format!("{at}{inside}")
    }
}

/// `path` after `list`, as its index and the rest: `.cards[3].text` is `(3, ".text")`.
fn indexed<'a>(path: &'a str, list: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(list)?.strip_prefix('[')?;
    let (index, tail) = rest.split_once(']')?;
    Some((index.parse().ok()?, tail))
}

/// The list at `key` of an element, taken out and left empty, so the element types without it
/// and its items type one by one; nothing when it is not a list, which typing then reports.
fn take_list(element: &mut Value, key: &str) -> Vec<Value> {
    match element.get_mut(key) {
        Some(Value::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    }
}

/// Types one element of a list, reporting it if it cannot be typed, or what was left out of it.
fn element<T: DeserializeOwned>(
    value: Value,
    at: String,
    thing: Thing,
    report: &mut Report,
) -> Option<T> {
    match typed(value, &at, &|_| None) {
        Ok((element, entries)) => {
            report.extend(entries);
            Some(element)
        }
        Err(reason) => {
            report.push(Entry {
                path: at,
                what: EntryKind::Dropped { thing, reason },
            });
            None
        }
    }
}

fn repaired(mut repair: Repair) -> Entry {
    let path = repair.path_mut().cloned().unwrap_or_default();
    Entry {
        path,
        what: EntryKind::Repaired(repair),
    }
}

/// Reads the map object at `at` (`map`, or `snapshots[2].map`) of a file written at `version`.
fn read_map(
    map: Map<String, Value>,
    version: u32,
    at: &str,
    defaults: &Defaults,
    report: &mut Report,
) -> Result<JourneyMap, FileError> {
    let mut raw = migrate::up(Value::Object(map), version).map_err(|e| {
        let path = match &e {
            migrate::MigrateError::Malformed { path, .. } => {
                format!("{at}{}", path.strip_prefix("map").unwrap_or(path))
            }
            migrate::MigrateError::Unsupported(_) => "version".into(),
        };
        FileError::Broken(Reason {
            kind: ReasonKind::Invalid,
            at: path,
            detail: e.to_string(),
        })
    })?;
    if let Some(limit) = format::exceeded_limit(&raw) {
        return Err(FileError::TooLarge {
            what: Oversized::Count(limit),
            limit: limit.max(),
        });
    }
    let stages = take_list(&mut raw, "stages");
    let lanes = take_list(&mut raw, "lanes");
    let cards = take_list(&mut raw, "cards");
    let personas = take_list(&mut raw, "personas");
    let (mut map, entries) =
        typed::<JourneyMap>(raw, at, &|key| stand_in(key, defaults)).map_err(FileError::Broken)?;
    report.extend(entries);

    let mut places = Places::default();
    for (i, stage) in stages.into_iter().enumerate() {
        if let Some(stage) =
            element::<Stage>(stage, format!("{at}.stages[{i}]"), Thing::Stage, report)
        {
            map.stages.push(stage);
            places.stages.push(i);
        }
    }
    for (i, lane) in lanes.into_iter().enumerate() {
        if let Some(lane) = element::<Lane>(lane, format!("{at}.lanes[{i}]"), Thing::Lane, report) {
            map.lanes.push(lane);
            places.lanes.push(i);
        }
    }
    for (i, mut card) in cards.into_iter().enumerate() {
        let here = format!("{at}.cards[{i}]");
        let clamped = format::clamp_card_ratings(&mut card, &here);
        let sources = take_list(&mut card, "evidence");
        let Some(mut card) = element::<Card>(card, here.clone(), Thing::Card, report) else {
            continue;
        };
        report.extend(clamped.into_iter().map(repaired));
        let mut kept = Vec::new();
        for (e, source) in sources.into_iter().enumerate() {
            let there = format!("{here}.evidence[{e}]");
            if let Some(source) = element(source, there, Thing::Source, report) {
                card.evidence.push(source);
                kept.push(e);
            }
        }
        map.cards.push(card);
        places.cards.push((i, kept));
    }
    for (i, mut persona) in personas.into_iter().enumerate() {
        let here = format!("{at}.personas[{i}]");
        let scores = take_list(&mut persona, "emotions");
        let Some(mut persona) = element::<Persona>(persona, here.clone(), Thing::Persona, report)
        else {
            continue;
        };
        let mut kept = Vec::new();
        for (e, mut score) in scores.into_iter().enumerate() {
            let there = format!("{here}.emotions[{e}]");
            let clamped = format::clamp_score(&mut score, &there);
            if let Some(score) = element(score, there, Thing::Score, report) {
                report.extend(clamped.map(repaired));
                persona.emotions.push(score);
                kept.push(e);
            }
        }
        map.personas.push(persona);
        places.personas.push((i, kept));
    }

    for fix in format::repair_located(&mut map) {
        let path = places.in_file(&fix.at, at);
        let mut repair = fix.repair;
        if let Some(own) = repair.path_mut() {
            own.clone_from(&path);
        }
        report.push(Entry {
            path,
            what: EntryKind::Repaired(repair),
        });
    }
    Ok(map)
}

/// The file's snapshots, each typed on its own and its map read like the file's; a snapshot
/// that repeats an earlier one's id gets a new one.
fn snapshots(
    value: Option<Value>,
    version: u32,
    defaults: &Defaults,
    report: &mut Report,
) -> Result<Vec<Snapshot>, FileError> {
    let items = match value {
        None => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => {
            let reason = Reason::wrong_type("snapshots", "a list of snapshots", &other);
            report.push(Entry {
                path: "snapshots".into(),
                what: EntryKind::Dropped {
                    thing: Thing::Field,
                    reason,
                },
            });
            return Ok(Vec::new());
        }
    };
    if items.len() > MAX_SNAPSHOTS {
        return Err(FileError::TooLarge {
            what: Oversized::Snapshots,
            limit: MAX_SNAPSHOTS,
        });
    }
    let mut kept = Vec::new();
    let mut places = Vec::new();
    for (k, item) in items.into_iter().enumerate() {
        if let Some(snapshot) =
            snapshot(item, &format!("snapshots[{k}]"), version, defaults, report)?
        {
            kept.push(snapshot);
            places.push(k);
        }
    }
    let mut fixes = Vec::new();
    let at = |i: usize| format!("snapshots[{}].id", places[i]);
    format::dedupe(kept.iter_mut().map(|s| &mut s.id.0), at, &mut fixes);
    report.extend(fixes.into_iter().map(|fix| Entry {
        path: fix.at,
        what: EntryKind::Repaired(fix.repair),
    }));
    Ok(kept)
}

/// One snapshot at `at`. Its own fields are typed first, with its map set aside (typing
/// sees a minimal map in its place), so a snapshot left out reports nothing of its map.
fn snapshot(
    mut item: Value,
    at: &str,
    version: u32,
    defaults: &Defaults,
    report: &mut Report,
) -> Result<Option<Snapshot>, FileError> {
    let map = match item.get_mut("map") {
        Some(map @ Value::Object(_)) => Some(std::mem::replace(map, minimal_map(defaults))),
        _ => None,
    };
    let typed = element::<Snapshot>(item, at.to_owned(), Thing::Snapshot, report);
    let (Some(mut snapshot), Some(Value::Object(map))) = (typed, map) else {
        return Ok(None);
    };
    snapshot.map = read_map(map, version, &format!("{at}.map"), defaults, report)?;
    shorten(
        &mut snapshot.name,
        MAX_NAME_CHARS,
        format!("{at}.name"),
        report,
    );
    shorten(
        &mut snapshot.note,
        MAX_TEXT_CHARS,
        format!("{at}.note"),
        report,
    );
    Ok(Some(snapshot))
}

fn shorten(text: &mut String, most: usize, path: String, report: &mut Report) {
    if text.chars().count() > most {
        *text = text.chars().take(most).collect();
        report.push(repaired(Repair::ShortenedText { path }));
    }
}
