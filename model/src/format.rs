//! The file format: an envelope `{ "format": "traseu.map", "version": N, "map": {…} }`.
//! Loading checks the envelope, migrates, types the map (naming the path of a bad value),
//! then repairs what can be repaired and says what it fixed, so nothing loads silently wrong.

use crate::evidence::is_safe_link;
use crate::ids::{CardId, PersonaId, StageId};
use crate::located;
use crate::map::{
    Card, JourneyMap, Limit, MAX_TEXT_CHARS, Persona, Score, is_too_long, tags_are_tidy, tidy_tags,
};
use crate::metric::{MetricError, Rating};
use crate::migrate::{self, CURRENT_VERSION, MigrateError};
use crate::plan::{MAX_ADDRESSED, MAX_OWNER_CHARS, is_tidy_owner, tidy_owner};
use crate::profile::is_avatar_image;
use crate::share::MAX_UPLOAD_BYTES;
use crate::touchpoint::{channels_are_tidy, tidy_channels};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;

pub const FORMAT: &str = "traseu.map";

/// How much larger than its deflated form a real map's JSON is, at most, with room to spare:
/// maps of English and Romanian prose deflate 3.7–5.3× (`tests/limits.rs` measures maps of 100
/// to 5,000 cards and fails at 6.4×), so 8× lets every map that fits the upload limit unpack,
/// while a crafted one (deflate reaches 1,000×) stops early.
pub const DEFLATE_ALLOWANCE: usize = 8;

/// The longest document loading reads (16 MiB): a shared map fits the upload limit deflated,
/// so no shared map a person made is longer, and a browser's local storage holds 5–10 MB a site.
pub const MAX_DOCUMENT_BYTES: usize = MAX_UPLOAD_BYTES * DEFLATE_ALLOWANCE;

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
    crate::indent::indented(&to_json(map))
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
    #[error("larger than Traseu opens: more than {limit} {what}")]
    TooLarge { what: Oversized, limit: usize },
}

/// What a document has too much of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oversized {
    /// The document's text, in bytes.
    Bytes,
    Count(Limit),
    /// Snapshots of one map.
    Snapshots,
}

impl fmt::Display for Oversized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Oversized::Bytes => f.write_str("bytes"),
            Oversized::Count(limit) => limit.fmt(f),
            Oversized::Snapshots => f.write_str("snapshots"),
        }
    }
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
    RenamedDuplicateId {
        old: String,
        new: String,
    },
    DroppedCardOutsideGrid(CardId),
    DroppedCardInEmotionsLane(CardId),
    ClampedEmotion {
        path: String,
        from: i64,
    },
    DroppedEmotion(PersonaId, StageId),
    /// An impact or effort outside 1..=5, pulled onto the scale.
    ClampedRating {
        path: String,
        from: i64,
    },
    ShortenedText {
        path: String,
    },
    /// Tags trimmed, and empty or repeated ones dropped.
    TidiedTags(CardId),
    /// A card named a persona the map does not have, or one it named already.
    DroppedCardPersona {
        path: String,
    },
    /// A source's link was not a safe http(s) address; the source and its note stay.
    DroppedUnsafeLink {
        path: String,
    },
    /// A metric its kind cannot hold; the card stays.
    DroppedMetric {
        path: String,
        reason: MetricError,
    },
    /// A metric's name or unit trimmed, or dropped where its kind fixes them.
    TidiedMetric {
        path: String,
    },
    /// An avatar that is not a small PNG, JPEG or WebP image; the initials show instead.
    DroppedAvatar {
        path: String,
    },
    /// A persona's preferred channels sorted, and repeated ones dropped.
    TidiedChannels {
        path: String,
    },
    /// An owner trimmed onto one line, or shortened.
    TidiedOwner {
        path: String,
    },
    /// A card addressed a card the map lacks, itself, one it named already, or more than a
    /// card may address.
    DroppedAddress {
        path: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub map: JourneyMap,
    pub repairs: Vec<Repair>,
    /// The format version the text was written in, before migration.
    pub from_version: u32,
}

/// Loads a document, in time and memory linear in its length, which is checked first.
pub fn from_json(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            what: Oversized::Bytes,
            limit: MAX_DOCUMENT_BYTES,
        });
    }
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
    if let Some(limit) = exceeded_limit(&raw) {
        return Err(LoadError::TooLarge {
            what: Oversized::Count(limit),
            limit: limit.max(),
        });
    }
    let mut repairs = clamp_emotions(&mut raw);
    repairs.extend(clamp_ratings(&mut raw));
    // Typed through `located` here as everywhere in `model`, so each type's `Deserialize` is
    // instantiated once in the WebAssembly build rather than once per kind of input.
    let mut map: JourneyMap = located::from_value(&raw).map_err(|e| LoadError::Invalid {
        path: format!("map.{}", e.path_text()),
        message: e.to_string(),
    })?;
    repairs.extend(repair(&mut map));
    Ok(Loaded {
        map,
        repairs,
        from_version,
    })
}

/// The first thing a raw map has more of than a map may hold, found before it is typed or
/// repaired.
pub(crate) fn exceeded_limit(map: &Value) -> Option<Limit> {
    fn list<'a>(parent: &'a Value, key: &str) -> &'a [Value] {
        parent
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
    let most = |items: &[Value], key: &str| {
        items
            .iter()
            .map(|item| list(item, key).len())
            .max()
            .unwrap_or(0)
    };
    let counts = [
        (Limit::Stages, list(map, "stages").len()),
        (Limit::Lanes, list(map, "lanes").len()),
        (Limit::Cards, list(map, "cards").len()),
        (Limit::Personas, list(map, "personas").len()),
        (Limit::Tags, most(list(map, "cards"), "tags")),
        (Limit::Scores, most(list(map, "personas"), "emotions")),
        (Limit::Sources, most(list(map, "cards"), "evidence")),
    ];
    counts
        .into_iter()
        .find(|&(limit, n)| limit.exceeded_by(n))
        .map(|(limit, _)| limit)
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
            let at = format!("map.personas[{p}].emotions[{e}]");
            repairs.extend(clamp_score(emotion, &at));
        }
    }
    repairs
}

/// One raw emotion's score pulled onto the scale; `at` is the emotion's path.
pub(crate) fn clamp_score(emotion: &mut Value, at: &str) -> Option<Repair> {
    let score = emotion.get_mut("score")?;
    let n = score.as_i64()?;
    let clamped = Score::clamped(n);
    (i64::from(clamped.value()) != n).then(|| {
        *score = Value::from(clamped.value());
        Repair::ClampedEmotion {
            path: format!("{at}.score"),
            from: n,
        }
    })
}

/// Impacts and efforts outside 1..=5 are pulled onto the scale before typing, like scores.
fn clamp_ratings(map: &mut Value) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let Some(cards) = map.get_mut("cards").and_then(Value::as_array_mut) else {
        return repairs;
    };
    for (i, card) in cards.iter_mut().enumerate() {
        repairs.extend(clamp_card_ratings(card, &format!("map.cards[{i}]")));
    }
    repairs
}

/// One raw card's impact and effort pulled onto the scale; `at` is the card's path.
pub(crate) fn clamp_card_ratings(card: &mut Value, at: &str) -> Vec<Repair> {
    let mut repairs = Vec::new();
    for key in ["impact", "effort"] {
        let Some(rating) = card.get_mut(key) else {
            continue;
        };
        if let Some(n) = rating.as_i64() {
            let clamped = n.clamp(Rating::MIN.into(), Rating::MAX.into());
            if clamped != n {
                *rating = Value::from(clamped);
                repairs.push(Repair::ClampedRating {
                    path: format!("{at}.{key}"),
                    from: n,
                });
            }
        }
    }
    repairs
}

/// A repair with the path of what it fixed, in the map as it was before anything was dropped,
/// so an import can point into its file (`map.cards[3]` for a card dropped, `map.stages[1].id`
/// for an id renamed, and the repair's own path when it has one).
#[derive(Debug)]
pub(crate) struct Located {
    pub at: String,
    pub repair: Repair,
}

impl Located {
    /// A repair that names its own path.
    fn of(mut repair: Repair) -> Located {
        let at = repair.path_mut().cloned().unwrap_or_default();
        Located { at, repair }
    }
}

impl Repair {
    /// The path the repair names, for those that name one.
    pub(crate) fn path_mut(&mut self) -> Option<&mut String> {
        match self {
            Repair::ClampedEmotion { path, .. }
            | Repair::ClampedRating { path, .. }
            | Repair::ShortenedText { path }
            | Repair::DroppedCardPersona { path }
            | Repair::DroppedUnsafeLink { path }
            | Repair::DroppedMetric { path, .. }
            | Repair::TidiedMetric { path }
            | Repair::DroppedAvatar { path }
            | Repair::TidiedChannels { path }
            | Repair::TidiedOwner { path }
            | Repair::DroppedAddress { path } => Some(path),
            Repair::RenamedDuplicateId { .. }
            | Repair::DroppedCardOutsideGrid(_)
            | Repair::DroppedCardInEmotionsLane(_)
            | Repair::DroppedEmotion(..)
            | Repair::TidiedTags(_) => None,
        }
    }
}

/// Gives the second and later holders of an id a new one: `old-2`, `old-3`, … Each id's next
/// suffix to try is remembered, so a million holders of one id take linear time, not quadratic.
/// `at(i)` is the path of the `i`-th id.
pub(crate) fn dedupe<'a>(
    ids: impl Iterator<Item = &'a mut String>,
    at: impl Fn(usize) -> String,
    fixes: &mut Vec<Located>,
) {
    let mut ids: Vec<&mut String> = ids.collect();
    let mut unique = HashSet::with_capacity(ids.len());
    if ids.iter().all(|id| unique.insert(id.as_str())) {
        return;
    }
    let mut taken: HashSet<String> = ids.iter().map(|s| s.to_string()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for (i, id) in ids.iter_mut().enumerate() {
        if seen.insert(id.to_string()) {
            continue;
        }
        let suffix = next_suffix.entry(id.to_string()).or_insert(2);
        let fresh = loop {
            let candidate = format!("{id}-{suffix}");
            *suffix += 1;
            if taken.insert(candidate.clone()) {
                break candidate;
            }
        };
        fixes.push(Located {
            at: at(i),
            repair: Repair::RenamedDuplicateId {
                old: id.to_string(),
                new: fresh.clone(),
            },
        });
        seen.insert(fresh.clone());
        **id = fresh;
    }
}

/// `path` is worked out only for a text that needs shortening: a map of thousands of cards
/// would otherwise format a path for every text it holds, on every load.
fn shorten(text: &mut String, path: impl FnOnce() -> String, fixes: &mut Vec<Located>) {
    if is_too_long(text) {
        *text = text.chars().take(MAX_TEXT_CHARS).collect();
        fixes.push(Located::of(Repair::ShortenedText { path: path() }));
    }
}

/// Brings a typed map back within its invariants, listing each fix.
pub(crate) fn repair(map: &mut JourneyMap) -> Vec<Repair> {
    repair_located(map).into_iter().map(|l| l.repair).collect()
}

/// `repair`, each fix with the path of what it fixed.
pub(crate) fn repair_located(map: &mut JourneyMap) -> Vec<Located> {
    let mut fixes = Vec::new();
    let ids = |kind: &'static str| move |i| format!("map.{kind}[{i}].id");
    dedupe(
        map.stages.iter_mut().map(|s| &mut s.id.0),
        ids("stages"),
        &mut fixes,
    );
    dedupe(
        map.lanes.iter_mut().map(|l| &mut l.id.0),
        ids("lanes"),
        &mut fixes,
    );
    dedupe(
        map.cards.iter_mut().map(|c| &mut c.id.0),
        ids("cards"),
        &mut fixes,
    );
    dedupe(
        map.personas.iter_mut().map(|p| &mut p.id.0),
        ids("personas"),
        &mut fixes,
    );

    let stages: HashSet<StageId> = map.stages.iter().map(|s| s.id.clone()).collect();
    let holds_cards: HashMap<_, _> = map
        .lanes
        .iter()
        .map(|l| (l.id.clone(), l.kind.holds_cards()))
        .collect();
    // Paths name cards and scores by their places before any was dropped.
    let mut kept_cards = Vec::with_capacity(map.cards.len());
    let mut i = 0;
    map.cards.retain(|card| {
        let fix = match holds_cards.get(&card.lane) {
            Some(true) if stages.contains(&card.stage) => None,
            Some(false) if stages.contains(&card.stage) => {
                Some(Repair::DroppedCardInEmotionsLane(card.id.clone()))
            }
            _ => Some(Repair::DroppedCardOutsideGrid(card.id.clone())),
        };
        let keep = fix.is_none();
        match fix {
            Some(repair) => fixes.push(Located {
                at: format!("map.cards[{i}]"),
                repair,
            }),
            None => kept_cards.push(i),
        }
        i += 1;
        keep
    });
    let mut kept_emotions = Vec::with_capacity(map.personas.len());
    for (p, persona) in map.personas.iter_mut().enumerate() {
        let mut scored = HashSet::new();
        let mut kept = Vec::with_capacity(persona.emotions.len());
        let persona_id = persona.id.clone();
        let mut e = 0;
        persona.emotions.retain(|emotion| {
            let keep = stages.contains(&emotion.stage) && scored.insert(emotion.stage.clone());
            match keep {
                true => kept.push(e),
                false => fixes.push(Located {
                    at: format!("map.personas[{p}].emotions[{e}]"),
                    repair: Repair::DroppedEmotion(persona_id.clone(), emotion.stage.clone()),
                }),
            }
            e += 1;
            keep
        });
        kept_emotions.push(kept);
    }

    shorten(&mut map.title, || "map.title".into(), &mut fixes);
    for (i, stage) in map.stages.iter_mut().enumerate() {
        shorten(
            &mut stage.name,
            || format!("map.stages[{i}].name"),
            &mut fixes,
        );
    }
    for (i, lane) in map.lanes.iter_mut().enumerate() {
        if let Some(name) = &mut lane.name {
            shorten(name, || format!("map.lanes[{i}].name"), &mut fixes);
        }
    }
    let personas: HashSet<PersonaId> = map.personas.iter().map(|p| p.id.clone()).collect();
    let cards: HashSet<CardId> = map.cards.iter().map(|c| c.id.clone()).collect();
    for (card, index) in map.cards.iter_mut().zip(kept_cards) {
        let at = Place {
            list: "cards",
            index,
        };
        repair_card(card, at, &personas, &mut fixes);
        repair_plan(card, at, &cards, &mut fixes);
    }
    for ((index, persona), kept) in map.personas.iter_mut().enumerate().zip(kept_emotions) {
        let at = Place {
            list: "personas",
            index,
        };
        repair_persona(persona, at, &kept, &mut fixes);
    }
    fixes
}

/// An item of one of the map's lists, such as `map.cards[3]`: written out only for a fix, so
/// that a map with nothing to fix costs no text per card.
#[derive(Clone, Copy)]
struct Place {
    list: &'static str,
    index: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "map.{}[{}]", self.list, self.index)
    }
}

/// A card's texts, tags, personas, links and metric; `at` is the card's path.
fn repair_card(
    card: &mut Card,
    at: Place,
    personas: &HashSet<PersonaId>,
    fixes: &mut Vec<Located>,
) {
    shorten(&mut card.text, || format!("{at}.text"), fixes);
    for (t, tag) in card.tags.iter_mut().enumerate() {
        shorten(tag, || format!("{at}.tags[{t}]"), fixes);
    }
    if !tags_are_tidy(&card.tags) {
        card.tags = tidy_tags(std::mem::take(&mut card.tags));
        fixes.push(Located {
            at: format!("{at}.tags"),
            repair: Repair::TidiedTags(card.id.clone()),
        });
    }
    // Dropping every persona a card named leaves it every persona's, as deleting them would.
    let mut named = HashSet::new();
    let mut p = 0;
    card.personas.retain(|persona| {
        let keep = personas.contains(persona) && named.insert(persona.clone());
        if !keep {
            fixes.push(Located::of(Repair::DroppedCardPersona {
                path: format!("{at}.personas[{p}]"),
            }));
        }
        p += 1;
        keep
    });
    for (e, source) in card.evidence.iter_mut().enumerate() {
        shorten(
            &mut source.note,
            || format!("{at}.evidence[{e}].note"),
            fixes,
        );
        if source.link.as_deref().is_some_and(|l| !is_safe_link(l)) {
            source.link = None;
            fixes.push(Located::of(Repair::DroppedUnsafeLink {
                path: format!("{at}.evidence[{e}].link"),
            }));
        }
    }
    if let Some(metric) = card.metric.take() {
        let path = format!("{at}.metric");
        match metric.clone().checked() {
            Ok(kept) if kept == metric => card.metric = Some(kept),
            Ok(kept) => {
                card.metric = Some(kept);
                fixes.push(Located::of(Repair::TidiedMetric { path }));
            }
            Err(reason) => fixes.push(Located::of(Repair::DroppedMetric { path, reason })),
        }
    }
}

/// A card's owner and the cards it addresses; `at` is the card's path.
fn repair_plan(card: &mut Card, at: Place, cards: &HashSet<CardId>, fixes: &mut Vec<Located>) {
    if !is_tidy_owner(&card.owner) {
        card.owner = tidy_owner(&card.owner)
            .chars()
            .take(MAX_OWNER_CHARS)
            .collect::<String>()
            .trim_end()
            .to_owned();
        fixes.push(Located::of(Repair::TidiedOwner {
            path: format!("{at}.owner"),
        }));
    }
    let mut named = HashSet::new();
    let mut a = 0;
    let own = card.id.clone();
    card.addresses.retain(|address| {
        let keep = address != &own
            && cards.contains(address)
            && named.len() < MAX_ADDRESSED
            && named.insert(address.clone());
        if !keep {
            fixes.push(Located::of(Repair::DroppedAddress {
                path: format!("{at}.addresses[{a}]"),
            }));
        }
        a += 1;
        keep
    });
}

/// A persona's texts, profile, channels and avatar; `at` is the persona's path, `kept` the
/// places its scores had before any was dropped.
fn repair_persona(persona: &mut Persona, at: Place, kept: &[usize], fixes: &mut Vec<Located>) {
    shorten(&mut persona.name, || format!("{at}.name"), fixes);
    shorten(&mut persona.quote, || format!("{at}.quote"), fixes);
    for (emotion, e) in persona.emotions.iter_mut().zip(kept) {
        shorten(
            &mut emotion.note,
            || format!("{at}.emotions[{e}].note"),
            fixes,
        );
    }
    for (field, text) in persona.profile.texts_mut() {
        let key = serde_json::to_value(field).expect("a field name always serialises");
        let key = key.as_str().unwrap_or_default();
        shorten(text, || format!("{at}.profile.{key}"), fixes);
    }
    if !channels_are_tidy(&persona.profile.channels) {
        persona.profile.channels = tidy_channels(std::mem::take(&mut persona.profile.channels));
        fixes.push(Located::of(Repair::TidiedChannels {
            path: format!("{at}.profile.channels"),
        }));
    }
    if persona
        .avatar
        .as_deref()
        .is_some_and(|a| !is_avatar_image(a))
    {
        persona.avatar = None;
        fixes.push(Located::of(Repair::DroppedAvatar {
            path: format!("{at}.avatar"),
        }));
    }
}
