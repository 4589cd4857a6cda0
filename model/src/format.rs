//! The file format: an envelope `{ "format": "traseu.map", "version": N, "map": {…} }`.
//! Loading checks the envelope, migrates, types the map (naming the path of a bad value),
//! then repairs what can be repaired and says what it fixed, so nothing loads silently wrong.

use crate::ids::{CardId, LaneId, PersonaId, StageId};
use crate::map::{JourneyMap, MAX_TEXT_CHARS, Score};
use crate::migrate::{self, CURRENT_VERSION, MigrateError};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashSet;

pub const FORMAT: &str = "traseu.map";

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    map: &'a JourneyMap,
}

pub fn to_json(map: &JourneyMap) -> String {
    serde_json::to_string(&envelope(map)).expect("a map always serialises")
}

/// Indented, for files a person may open.
pub fn to_json_pretty(map: &JourneyMap) -> String {
    serde_json::to_string_pretty(&envelope(map)).expect("a map always serialises")
}

fn envelope(map: &JourneyMap) -> Envelope<'_> {
    Envelope {
        format: FORMAT,
        version: CURRENT_VERSION,
        map,
    }
}

/// Why a text could not be loaded, with what a person needs to act on it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("not JSON (line {line}, column {column}): {message}")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("JSON, but not a Traseu map")]
    NotTraseu,
    #[error("made by a newer Traseu (format version {version}; this one reads up to {supported})")]
    TooNew { version: u64, supported: u32 },
    #[error("invalid value at {path}: {message}")]
    Invalid { path: String, message: String },
}

impl From<MigrateError> for LoadError {
    fn from(e: MigrateError) -> Self {
        match e {
            MigrateError::Unsupported(version) => LoadError::Invalid {
                path: "version".into(),
                message: format!("there is no format version {version}"),
            },
            MigrateError::Malformed { path, message } => LoadError::Invalid { path, message },
        }
    }
}

/// Something loading fixed in a map that broke a rule, so the interface can say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    RenamedDuplicateId { old: String, new: String },
    DroppedCardOutsideGrid(CardId),
    DroppedCardInEmotionsLane(CardId),
    ClampedEmotion { path: String, from: i64 },
    DroppedEmotion(PersonaId, StageId),
    ShortenedText { path: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub map: JourneyMap,
    pub repairs: Vec<Repair>,
    /// The format version the text was written in, before migration.
    pub from_version: u32,
}

pub fn from_json(text: &str) -> Result<Loaded, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::NotJson {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    from_value(value)
}

pub fn from_value(value: Value) -> Result<Loaded, LoadError> {
    let Value::Object(mut envelope) = value else {
        return Err(LoadError::NotTraseu);
    };
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(LoadError::NotTraseu);
    }
    let version = match envelope.get("version") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v >= 1) => n.as_u64().unwrap_or(0),
        _ => {
            return Err(LoadError::Invalid {
                path: "version".into(),
                message: "expected a whole number from 1 up".into(),
            });
        }
    };
    if version > u64::from(CURRENT_VERSION) {
        return Err(LoadError::TooNew {
            version,
            supported: CURRENT_VERSION,
        });
    }
    let from_version = u32::try_from(version).unwrap_or(CURRENT_VERSION);
    let raw = envelope.remove("map").ok_or_else(|| LoadError::Invalid {
        path: "map".into(),
        message: "missing".into(),
    })?;
    let mut raw = migrate::up(raw, from_version)?;
    let mut repairs = clamp_emotions(&mut raw);
    let mut map: JourneyMap =
        serde_path_to_error::deserialize(raw).map_err(|e| LoadError::Invalid {
            path: format!("map.{}", e.path()),
            message: e.inner().to_string(),
        })?;
    repairs.extend(repair(&mut map));
    Ok(Loaded {
        map,
        repairs,
        from_version,
    })
}

/// Scores outside −3..=3 are pulled onto the scale before typing, which would refuse them.
fn clamp_emotions(map: &mut Value) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let Some(personas) = map.get_mut("personas").and_then(Value::as_array_mut) else {
        return repairs;
    };
    for (p, persona) in personas.iter_mut().enumerate() {
        let Some(emotions) = persona.get_mut("emotions").and_then(Value::as_array_mut) else {
            continue;
        };
        for (e, emotion) in emotions.iter_mut().enumerate() {
            let Some(score) = emotion.get_mut("score") else {
                continue;
            };
            if let Some(n) = score.as_i64() {
                let clamped = Score::clamped(n);
                if i64::from(clamped.value()) != n {
                    *score = Value::from(clamped.value());
                    repairs.push(Repair::ClampedEmotion {
                        path: format!("map.personas[{p}].emotions[{e}].score"),
                        from: n,
                    });
                }
            }
        }
    }
    repairs
}

/// Gives the second and later holders of an id a new one: `old-2`, `old-3`, …
fn dedupe<'a>(ids: impl Iterator<Item = &'a mut String>, repairs: &mut Vec<Repair>) {
    let mut ids: Vec<&mut String> = ids.collect();
    let mut seen: HashSet<String> = HashSet::new();
    let taken: HashSet<String> = ids.iter().map(|s| s.to_string()).collect();
    for id in ids.iter_mut() {
        if seen.insert(id.to_string()) {
            continue;
        }
        let fresh = (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|c| !taken.contains(c) && !seen.contains(c))
            .expect("an unused suffix exists");
        repairs.push(Repair::RenamedDuplicateId {
            old: id.to_string(),
            new: fresh.clone(),
        });
        seen.insert(fresh.clone());
        **id = fresh;
    }
}

fn shorten(text: &mut String, path: String, repairs: &mut Vec<Repair>) {
    if text.chars().count() > MAX_TEXT_CHARS {
        *text = text.chars().take(MAX_TEXT_CHARS).collect();
        repairs.push(Repair::ShortenedText { path });
    }
}

/// Brings a typed map back within its invariants, listing each fix.
fn repair(map: &mut JourneyMap) -> Vec<Repair> {
    let mut repairs = Vec::new();
    dedupe(map.stages.iter_mut().map(|s| &mut s.id.0), &mut repairs);
    dedupe(map.lanes.iter_mut().map(|l| &mut l.id.0), &mut repairs);
    dedupe(map.cards.iter_mut().map(|c| &mut c.id.0), &mut repairs);
    dedupe(map.personas.iter_mut().map(|p| &mut p.id.0), &mut repairs);

    let stages: HashSet<StageId> = map.stages.iter().map(|s| s.id.clone()).collect();
    let lanes: Vec<(LaneId, bool)> = map
        .lanes
        .iter()
        .map(|l| (l.id.clone(), l.kind.holds_cards()))
        .collect();
    map.cards.retain(|card| {
        let lane = lanes.iter().find(|(id, _)| id == &card.lane);
        match lane {
            Some((_, true)) if stages.contains(&card.stage) => true,
            Some((_, false)) if stages.contains(&card.stage) => {
                repairs.push(Repair::DroppedCardInEmotionsLane(card.id.clone()));
                false
            }
            _ => {
                repairs.push(Repair::DroppedCardOutsideGrid(card.id.clone()));
                false
            }
        }
    });
    for persona in &mut map.personas {
        let mut scored = HashSet::new();
        let persona_id = persona.id.clone();
        persona.emotions.retain(|e| {
            let keep = stages.contains(&e.stage) && scored.insert(e.stage.clone());
            if !keep {
                repairs.push(Repair::DroppedEmotion(persona_id.clone(), e.stage.clone()));
            }
            keep
        });
    }

    shorten(&mut map.title, "map.title".into(), &mut repairs);
    for (i, stage) in map.stages.iter_mut().enumerate() {
        shorten(
            &mut stage.name,
            format!("map.stages[{i}].name"),
            &mut repairs,
        );
    }
    for (i, lane) in map.lanes.iter_mut().enumerate() {
        if let Some(name) = &mut lane.name {
            shorten(name, format!("map.lanes[{i}].name"), &mut repairs);
        }
    }
    for (i, card) in map.cards.iter_mut().enumerate() {
        shorten(&mut card.text, format!("map.cards[{i}].text"), &mut repairs);
    }
    for (i, persona) in map.personas.iter_mut().enumerate() {
        shorten(
            &mut persona.name,
            format!("map.personas[{i}].name"),
            &mut repairs,
        );
        shorten(
            &mut persona.quote,
            format!("map.personas[{i}].quote"),
            &mut repairs,
        );
    }
    repairs
}
