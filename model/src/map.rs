//! What a journey map holds (see PRODUCT.md): ordered stages (columns), ordered lanes (rows),
//! cards in (lane, stage) cells, personas with an emotion score per stage.
//!
//! Order is carried by position in the vectors, so "orders are contiguous" holds by
//! construction. Cards of all cells share one vector; the order of the cards of one cell is
//! their relative order in it.

use crate::evidence::{Confidence, Evidence, is_safe_link};
use crate::ids::{CardId, LaneId, MapId, PersonaId, StageId};
use crate::metric::{Metric, Rating};
use crate::plan::{MAX_ADDRESSED, Status, is_tidy_owner};
use crate::profile::{Profile, is_avatar_image};
use crate::touchpoint::{Category, Channel};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// The longest text a name, card or note may hold, in characters. Long enough for a paragraph
/// of research notes, short enough that one card cannot make a map unusable.
pub const MAX_TEXT_CHARS: usize = 5_000;

pub fn is_too_long(text: &str) -> bool {
    text.chars().count() > MAX_TEXT_CHARS
}

/// A collection a map holds a bounded number of. The bounds are far above what a real map
/// needs (the board is benchmarked at 5,000 cards) and keep loading a shared link quick in a
/// browser tab: every operation refuses to pass them and loading refuses a document past them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    Stages,
    Lanes,
    Cards,
    Personas,
    /// On one card.
    Tags,
    /// Of one persona; a well-formed map has at most one per stage.
    Scores,
    /// Evidence sources on one card.
    Sources,
}

impl Limit {
    pub const ALL: [Limit; 7] = [
        Limit::Stages,
        Limit::Lanes,
        Limit::Cards,
        Limit::Personas,
        Limit::Tags,
        Limit::Scores,
        Limit::Sources,
    ];

    pub const fn max(self) -> usize {
        match self {
            Limit::Stages | Limit::Scores => 200,
            Limit::Lanes | Limit::Personas | Limit::Tags => 100,
            Limit::Cards => 20_000,
            Limit::Sources => 20,
        }
    }

    /// Whether `count` of these is past the bound.
    pub fn exceeded_by(self, count: usize) -> bool {
        count > self.max()
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Limit::Stages => "stages",
            Limit::Lanes => "lanes",
            Limit::Cards => "cards",
            Limit::Personas => "personas",
            Limit::Tags => "tags on one card",
            Limit::Scores => "scores for one persona",
            Limit::Sources => "evidence sources on one card",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyMap {
    pub id: MapId,
    pub title: String,
    pub locale: Locale,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub stages: Vec<Stage>,
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub cards: Vec<Card>,
    #[serde(default)]
    pub personas: Vec<Persona>,
}

/// The language a map was created in; templates name their stages in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Ro,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ro];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ro => "ro",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    pub id: LaneId,
    pub kind: LaneKind,
    /// A name the person chose; without one the interface shows the kind's name in its
    /// current language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Goals,
    Actions,
    Touchpoints,
    Channels,
    Thoughts,
    /// Drawn as the emotion curve from the personas' scores; it holds no cards.
    Emotions,
    PainPoints,
    Opportunities,
    Metrics,
    Notes,
    /// Service blueprint lanes (the customer's actions are `Actions`).
    PhysicalEvidence,
    Frontstage,
    Backstage,
    SupportProcesses,
}

impl LaneKind {
    pub const ALL: [LaneKind; 14] = [
        LaneKind::Goals,
        LaneKind::Actions,
        LaneKind::Touchpoints,
        LaneKind::Channels,
        LaneKind::Thoughts,
        LaneKind::Emotions,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Metrics,
        LaneKind::Notes,
        LaneKind::PhysicalEvidence,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::SupportProcesses,
    ];

    pub fn holds_cards(self) -> bool {
        self != LaneKind::Emotions
    }

    /// Whether its cards carry an impact and an effort, so they can be prioritised (PRODUCT.md,
    /// "Cards").
    pub fn takes_ratings(self) -> bool {
        matches!(self, LaneKind::PainPoints | LaneKind::Opportunities)
    }
}

/// The lines a service blueprint draws between its areas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlueprintLine {
    /// Between what the customer does and the staff they meet.
    Interaction,
    /// Between what the customer sees and what happens out of sight.
    Visibility,
    /// Between the staff's work and the processes that support it.
    InternalInteraction,
}

impl BlueprintLine {
    /// The line drawn between two adjacent lanes of these kinds, in either order.
    pub fn between(a: LaneKind, b: LaneKind) -> Option<BlueprintLine> {
        use LaneKind::*;
        match (a, b) {
            (Actions, Frontstage) | (Frontstage, Actions) => Some(BlueprintLine::Interaction),
            (Frontstage, Backstage) | (Backstage, Frontstage) => Some(BlueprintLine::Visibility),
            (Backstage, SupportProcesses) | (SupportProcesses, Backstage) => {
                Some(BlueprintLine::InternalInteraction)
            }
            _ => None,
        }
    }
}

/// A (lane, stage) cell of the board.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cell {
    pub lane: LaneId,
    pub stage: StageId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Card {
    pub id: CardId,
    pub lane: LaneId,
    pub stage: StageId,
    pub text: String,
    #[serde(default)]
    pub colour: Colour,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The personas whose journey this card is part of; empty means every persona's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<PersonaId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Confidence::is_assumed")]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Rating>,
    /// What a card of a metrics lane measures; the card's text is a note about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    /// How far the opportunity this card stands for has come (see `plan`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The pain points this opportunity addresses: other cards of the map, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<CardId>,
}

impl Card {
    /// A card with nothing but its text: default colour, no tags, assumed, for every persona.
    pub fn new(id: CardId, cell: Cell, text: String) -> Card {
        Card {
            id,
            lane: cell.lane,
            stage: cell.stage,
            text,
            colour: Colour::default(),
            tags: Vec::new(),
            category: None,
            channel: None,
            personas: Vec::new(),
            evidence: Vec::new(),
            confidence: Confidence::default(),
            impact: None,
            effort: None,
            metric: None,
            status: None,
            owner: String::new(),
            due: None,
            addresses: Vec::new(),
        }
    }

    /// Whether this card is part of `persona`'s journey.
    pub fn is_for(&self, persona: &PersonaId) -> bool {
        self.personas.is_empty() || self.personas.contains(persona)
    }

    pub fn cell(&self) -> Cell {
        Cell {
            lane: self.lane.clone(),
            stage: self.stage.clone(),
        }
    }

    pub fn is_in(&self, cell: &Cell) -> bool {
        self.lane == cell.lane && self.stage == cell.stage
    }
}

/// Hands the fields of a card beside its id and cell to the macro `$then`, after any tokens
/// given first, as `field: Variant(Type),` entries. What goes through a card field by field
/// (comparing versions, editing live) is written from this one list, so none can miss a field.
macro_rules! with_card_fields {
    ($then:ident $($first:tt)*) => {
        $then! {
            $($first)*
            text: Text(String),
            colour: Colour($crate::map::Colour),
            tags: Tags(Vec<String>),
            category: Category(Option<$crate::touchpoint::Category>),
            channel: Channel(Option<$crate::touchpoint::Channel>),
            /// Empty is every persona's.
            personas: Personas(Vec<$crate::ids::PersonaId>),
            evidence: Evidence(Vec<$crate::evidence::Evidence>),
            confidence: Confidence($crate::evidence::Confidence),
            impact: Impact(Option<$crate::metric::Rating>),
            effort: Effort(Option<$crate::metric::Rating>),
            metric: Metric(Option<$crate::metric::Metric>),
            status: Status(Option<$crate::plan::Status>),
            owner: Owner(String),
            due: Due(Option<chrono::NaiveDate>),
            addresses: Addresses(Vec<$crate::ids::CardId>),
        }
    };
}
pub(crate) use with_card_fields;

/// Compiles only while [`with_card_fields`] names every field of `Card` but its id and cell.
macro_rules! every_card_field {
    ($($(#[$doc:meta])* $field:ident: $variant:ident($type:ty),)*) => {
        const _: fn(&Card) = |card| {
            let Card { id: _, lane: _, stage: _, $($field: _,)* } = card;
        };
    };
}
with_card_fields!(every_card_field);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Pink,
    Blue,
    Green,
    Orange,
    Purple,
}

impl Colour {
    pub const ALL: [Colour; 6] = [
        Colour::Yellow,
        Colour::Pink,
        Colour::Blue,
        Colour::Green,
        Colour::Orange,
        Colour::Purple,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    pub id: PersonaId,
    pub name: String,
    #[serde(default)]
    pub quote: String,
    /// At most one score per stage; a stage without one has no point on the curve.
    #[serde(default)]
    pub emotions: Vec<EmotionScore>,
    /// An uploaded picture (see `profile::is_avatar_image`); without one the interface
    /// shows the name's initials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    #[serde(default, skip_serializing_if = "Profile::is_empty")]
    pub profile: Profile,
}

impl Persona {
    /// A persona with a name and nothing else yet.
    pub fn new(id: PersonaId, name: String) -> Persona {
        Persona {
            id,
            name,
            quote: String::new(),
            emotions: Vec::new(),
            avatar: None,
            profile: Profile::default(),
        }
    }

    pub fn score_at(&self, stage: &StageId) -> Option<Score> {
        self.emotions
            .iter()
            .find(|e| &e.stage == stage)
            .map(|e| e.score)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmotionScore {
    pub stage: StageId,
    pub score: Score,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How a persona feels at a stage: −3 (very negative) ..= +3 (very positive).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "i8", into = "i8")]
pub struct Score(i8);

impl Score {
    pub const MIN: i8 = -3;
    pub const MAX: i8 = 3;

    pub fn new(value: i8) -> Option<Score> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Score(value))
    }

    /// The nearest score on the scale, for input that may lie outside it (a dragged point).
    pub fn clamped(value: i64) -> Score {
        // The clamp makes the narrowing cast lossless.
        Score(value.clamp(Self::MIN.into(), Self::MAX.into()) as i8)
    }

    pub fn value(self) -> i8 {
        self.0
    }
}

/// "+2", "0", "−1": the sign always shown, a true minus sign, as the board writes scores.
impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            v if v > 0 => write!(f, "+{v}"),
            v if v < 0 => write!(f, "{}{}", crate::numbers::MINUS, -v),
            _ => f.write_str("0"),
        }
    }
}

impl TryFrom<i8> for Score {
    type Error = String;

    fn try_from(value: i8) -> Result<Self, Self::Error> {
        Score::new(value).ok_or_else(|| format!("score {value} is outside -3..=3"))
    }
}

impl From<Score> for i8 {
    fn from(score: Score) -> i8 {
        score.0
    }
}

/// A broken rule of a well-formed map. Every operation keeps the list empty; loading repairs
/// what it finds (see `format`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    DuplicateId(String),
    CardOutsideGrid(CardId),
    CardInEmotionsLane(CardId),
    EmotionForMissingStage(PersonaId, StageId),
    DuplicateEmotion(PersonaId, StageId),
    TextTooLong(String),
    /// A tag that is empty, has space around it, or repeats another tag of its card.
    UntidyTag(CardId),
    TooMany(Limit),
    /// A card names a persona the map does not have, or one twice.
    UnknownCardPersona(CardId),
    /// A source's link is not a safe http(s) address.
    UnsafeLink(CardId),
    /// A metric its kind cannot hold (see `Metric::checked`).
    InvalidMetric(CardId),
    /// An avatar that is not a small PNG, JPEG or WebP data URL.
    InvalidAvatar(PersonaId),
    /// A persona's preferred channels repeat or are out of order.
    UntidyChannels(PersonaId),
    /// A card addresses a card the map does not have, itself, or one twice.
    DanglingAddress(CardId),
    /// An owner with space around it, on several lines, or too long.
    UntidyOwner(CardId),
}

impl JourneyMap {
    pub fn stage(&self, id: &StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| &s.id == id)
    }

    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }

    pub fn card(&self, id: &CardId) -> Option<&Card> {
        self.cards.iter().find(|c| &c.id == id)
    }

    pub fn persona(&self, id: &PersonaId) -> Option<&Persona> {
        self.personas.iter().find(|p| &p.id == id)
    }

    /// A persona's score at each stage, in stage order: what its curve is drawn through.
    /// `None` where it has no score, and everywhere when there is no persona.
    pub fn scores_of(&self, persona: Option<&Persona>) -> Vec<Option<Score>> {
        self.stages
            .iter()
            .map(|s| persona.and_then(|p| p.score_at(&s.id)))
            .collect()
    }

    /// The cards of one cell, in their order.
    pub fn cards_in<'a>(&'a self, cell: &'a Cell) -> impl Iterator<Item = &'a Card> + 'a {
        self.cards.iter().filter(move |c| c.is_in(cell))
    }

    /// A digest of each non-empty cell's cards, in their order: a cell whose digest is the same
    /// holds the same cards (but for a 64-bit hash collision). One pass over the cards and no
    /// copy of any, so a view can tell which cells an edit touched without copying every card.
    pub fn cell_digests(&self) -> HashMap<Cell, u64> {
        let mut hashers: HashMap<(&LaneId, &StageId), DefaultHasher> = HashMap::new();
        for card in &self.cards {
            card.hash(hashers.entry((&card.lane, &card.stage)).or_default());
        }
        hashers
            .into_iter()
            .map(|((lane, stage), hasher)| {
                let cell = Cell {
                    lane: lane.clone(),
                    stage: stage.clone(),
                };
                (cell, hasher.finish())
            })
            .collect()
    }

    /// Every broken rule, found in time linear in the size of the map.
    pub fn check_invariants(&self) -> Vec<Violation> {
        let mut found: Vec<Violation> = self
            .counts()
            .into_iter()
            .filter(|&(limit, count)| limit.exceeded_by(count))
            .map(|(limit, _)| Violation::TooMany(limit))
            .collect();
        let ids = self
            .stages
            .iter()
            .map(|s| format!("stage {}", s.id))
            .chain(self.lanes.iter().map(|l| format!("lane {}", l.id)))
            .chain(self.cards.iter().map(|c| format!("card {}", c.id)))
            .chain(self.personas.iter().map(|p| format!("persona {}", p.id)));
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id.clone()) {
                found.push(Violation::DuplicateId(id));
            }
        }
        let stages: HashSet<&StageId> = self.stages.iter().map(|s| &s.id).collect();
        let lanes: HashMap<&LaneId, LaneKind> =
            self.lanes.iter().map(|l| (&l.id, l.kind)).collect();
        let personas: HashSet<&PersonaId> = self.personas.iter().map(|p| &p.id).collect();
        let card_ids: HashSet<&CardId> = self.cards.iter().map(|c| &c.id).collect();
        for card in &self.cards {
            match (lanes.get(&card.lane), stages.contains(&card.stage)) {
                (Some(kind), true) if !kind.holds_cards() => {
                    found.push(Violation::CardInEmotionsLane(card.id.clone()))
                }
                (Some(_), true) => {}
                _ => found.push(Violation::CardOutsideGrid(card.id.clone())),
            }
            if !tags_are_tidy(&card.tags) {
                found.push(Violation::UntidyTag(card.id.clone()));
            }
            let mut named = HashSet::new();
            if !card
                .personas
                .iter()
                .all(|p| personas.contains(p) && named.insert(p))
            {
                found.push(Violation::UnknownCardPersona(card.id.clone()));
            }
            if card
                .evidence
                .iter()
                .filter_map(|e| e.link.as_deref())
                .any(|link| !is_safe_link(link))
            {
                found.push(Violation::UnsafeLink(card.id.clone()));
            }
            if let Some(metric) = &card.metric
                && metric.clone().checked().as_ref() != Ok(metric)
            {
                found.push(Violation::InvalidMetric(card.id.clone()));
            }
            if !is_tidy_owner(&card.owner) {
                found.push(Violation::UntidyOwner(card.id.clone()));
            }
            let mut addressed = HashSet::new();
            if card.addresses.len() > MAX_ADDRESSED
                || !card
                    .addresses
                    .iter()
                    .all(|a| a != &card.id && card_ids.contains(a) && addressed.insert(a))
            {
                found.push(Violation::DanglingAddress(card.id.clone()));
            }
        }
        for persona in &self.personas {
            if persona
                .avatar
                .as_deref()
                .is_some_and(|a| !is_avatar_image(a))
            {
                found.push(Violation::InvalidAvatar(persona.id.clone()));
            }
            if !crate::touchpoint::channels_are_tidy(&persona.profile.channels) {
                found.push(Violation::UntidyChannels(persona.id.clone()));
            }
            let mut scored = HashSet::new();
            for e in &persona.emotions {
                if !stages.contains(&e.stage) {
                    found.push(Violation::EmotionForMissingStage(
                        persona.id.clone(),
                        e.stage.clone(),
                    ));
                }
                if !scored.insert(&e.stage) {
                    found.push(Violation::DuplicateEmotion(
                        persona.id.clone(),
                        e.stage.clone(),
                    ));
                }
            }
        }
        let texts = std::iter::once(&self.title)
            .chain(self.stages.iter().map(|s| &s.name))
            .chain(self.lanes.iter().filter_map(|l| l.name.as_ref()))
            .chain(self.cards.iter().flat_map(|c| {
                std::iter::once(&c.text)
                    .chain(&c.tags)
                    .chain(c.evidence.iter().map(|e| &e.note))
            }))
            .map(String::as_str)
            .chain(self.personas.iter().flat_map(|p| {
                [&p.name, &p.quote]
                    .into_iter()
                    .chain(p.emotions.iter().map(|e| &e.note))
                    .map(String::as_str)
                    .chain(p.profile.texts())
            }));
        for text in texts {
            if is_too_long(text) {
                found.push(Violation::TextTooLong(text.chars().take(40).collect()));
            }
        }
        found
    }

    /// How many of each bounded thing the map holds; for tags and scores, the most on one card
    /// or persona.
    fn counts(&self) -> [(Limit, usize); 7] {
        let most = |counts: &mut dyn Iterator<Item = usize>| counts.max().unwrap_or(0);
        [
            (Limit::Stages, self.stages.len()),
            (Limit::Lanes, self.lanes.len()),
            (Limit::Cards, self.cards.len()),
            (Limit::Personas, self.personas.len()),
            (
                Limit::Tags,
                most(&mut self.cards.iter().map(|c| c.tags.len())),
            ),
            (
                Limit::Scores,
                most(&mut self.personas.iter().map(|p| p.emotions.len())),
            ),
            (
                Limit::Sources,
                most(&mut self.cards.iter().map(|c| c.evidence.len())),
            ),
        ]
    }
}

/// The index in `cards` at which a card becomes the `at`-th card of `cell`: before the card
/// now at that position, or just after the cell's last card (at the end when it has none).
pub(crate) fn insertion_index(cards: &[Card], cell: &Cell, at: usize) -> usize {
    let in_cell = (0..cards.len()).filter(|&i| cards[i].is_in(cell));
    let mut last = None;
    for (n, index) in in_cell.enumerate() {
        if n == at {
            return index;
        }
        last = Some(index);
    }
    last.map_or(cards.len(), |index| index + 1)
}

/// Whether `tidy_tags` would leave these tags as they are, found without copying them.
pub fn tags_are_tidy(tags: &[String]) -> bool {
    tags.iter()
        .enumerate()
        .all(|(i, t)| !t.is_empty() && t.trim() == t && !tags[..i].contains(t))
}

/// Tags as a card keeps them: trimmed, none empty, none repeated, in the order first given.
pub fn tidy_tags(tags: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    tags.into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty() && seen.insert(t.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{Template, new_map};
    use chrono::DateTime;

    #[test]
    fn only_pain_points_and_opportunities_take_ratings() {
        let rated: Vec<_> = LaneKind::ALL
            .into_iter()
            .filter(|k| k.takes_ratings())
            .collect();
        assert_eq!(rated, [LaneKind::PainPoints, LaneKind::Opportunities]);
    }

    fn sample() -> JourneyMap {
        let mut next = 0;
        let mut mint = || {
            next += 1;
            format!("id{next}")
        };
        new_map(
            Template::Classic,
            crate::Locale::En,
            "t",
            DateTime::UNIX_EPOCH,
            &mut mint,
        )
    }

    fn card_in(map: &JourneyMap, tags: &[&str]) -> Card {
        Card {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Card::new(
                CardId::new("c"),
                Cell {
                    lane: map.lanes[0].id.clone(),
                    stage: map.stages[0].id.clone(),
                },
                String::new(),
            )
        }
    }

    proptest::proptest! {
        #[test]
        fn tags_are_tidy_exactly_when_tidying_leaves_them(
            tags in proptest::collection::vec("[ ab]{0,3}", 0..5)
        ) {
            proptest::prop_assert_eq!(tags_are_tidy(&tags), tidy_tags(tags.clone()) == tags);
        }
    }

    #[test]
    fn untidy_tags_are_violations() {
        let mut map = sample();
        for tags in [&[" a"][..], &[""], &["a", "a"]] {
            map.cards = vec![card_in(&map, tags)];
            assert_eq!(
                map.check_invariants(),
                [Violation::UntidyTag(CardId::new("c"))]
            );
        }
        map.cards = vec![card_in(&map, &["a", "b c"])];
        assert!(map.check_invariants().is_empty());
    }

    #[test]
    fn overlong_tags_and_notes_are_violations() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let mut map = sample();
        map.cards = vec![card_in(&map, &[&long])];
        map.personas[0].emotions = vec![EmotionScore {
            stage: map.stages[0].id.clone(),
            score: Score::default(),
            note: long.clone(),
        }];
        let cut = Violation::TextTooLong("x".repeat(40));
        assert_eq!(map.check_invariants(), [cut.clone(), cut]);
    }

    #[test]
    fn broken_method_fields_are_violations() {
        use crate::evidence::{Evidence, EvidenceKind};
        use crate::metric::{MetricKind, Number};
        let mut map = sample();
        let persona = map.personas[0].id.clone();
        let mut card = card_in(&map, &[]);
        card.personas = vec![persona.clone(), persona.clone()];
        card.evidence = vec![Evidence {
            kind: EvidenceKind::Survey,
            note: "x".repeat(MAX_TEXT_CHARS + 1),
            link: Some("javascript:alert(1)".into()),
        }];
        card.metric = Some(Metric::new(MetricKind::Nps, Number::new(150.0).unwrap()));
        map.cards = vec![card];
        map.personas[0].avatar = Some("data:image/svg+xml;base64,PHN2Zz4=".into());
        map.personas[0].profile.channels = vec![Channel::InApp, Channel::Blog];
        map.personas[0].profile.goals = "x".repeat(MAX_TEXT_CHARS + 1);
        let c = CardId::new("c");
        let long = Violation::TextTooLong("x".repeat(40));
        assert_eq!(
            map.check_invariants(),
            [
                Violation::UnknownCardPersona(c.clone()),
                Violation::UnsafeLink(c.clone()),
                Violation::InvalidMetric(c.clone()),
                Violation::InvalidAvatar(persona.clone()),
                Violation::UntidyChannels(persona.clone()),
                long.clone(),
                long,
            ]
        );
        map.cards[0].personas = vec![PersonaId::new("p9")];
        assert!(
            map.check_invariants()
                .contains(&Violation::UnknownCardPersona(c))
        );
    }

    #[test]
    fn an_untidy_metric_is_a_violation() {
        use crate::metric::{MetricKind, Number};
        let mut map = sample();
        let mut card = card_in(&map, &[]);
        card.metric = Some(Metric {
            name: " Tickets ".into(),
            ..Metric::new(MetricKind::Custom, Number::new(3.0).unwrap())
        });
        map.cards = vec![card];
        assert_eq!(
            map.check_invariants(),
            [Violation::InvalidMetric(CardId::new("c"))]
        );
    }

    #[test]
    fn more_than_a_limit_is_a_violation() {
        let mut map = sample();
        let stage = map.stages[0].clone();
        map.stages = (0..=Limit::Stages.max())
            .map(|i| Stage {
                id: StageId::new(format!("s{i}")),
                ..stage.clone()
            })
            .collect();
        map.personas[0].emotions.clear();
        assert_eq!(map.check_invariants(), [Violation::TooMany(Limit::Stages)]);
    }

    #[test]
    fn scores_are_written_with_their_sign_and_a_true_minus() {
        let written: Vec<String> = [-3, 0, 2]
            .map(|v| Score::new(v).unwrap().to_string())
            .into();
        assert_eq!(written, ["\u{2212}3", "0", "+2"]);
    }

    #[test]
    fn scores_follow_the_stage_order_with_gaps() {
        let mut map = sample();
        let score = |stage: usize, value| EmotionScore {
            stage: map.stages[stage].id.clone(),
            score: Score::new(value).unwrap(),
            note: String::new(),
        };
        let emotions = vec![score(2, -1), score(0, 2)];
        map.personas[0].emotions = emotions;
        let (plus_two, minus_one) = (Score::new(2), Score::new(-1));
        let mut expected = vec![None; map.stages.len()];
        expected[0] = plus_two;
        expected[2] = minus_one;
        assert_eq!(map.scores_of(map.personas.first()), expected);
        assert_eq!(map.scores_of(None), vec![None; map.stages.len()]);
    }
}
