//! Every change to a map goes through one of these operations. Each checks its input and
//! either changes the map and keeps its invariants (`JourneyMap::check_invariants`), or
//! refuses with an `OpError` and leaves the map as it was.

use crate::evidence::{Confidence, Evidence, is_safe_link};
use crate::ids::{CardId, LaneId, PersonaId, StageId};
use crate::map::{
    self, Card, Cell, Colour, EmotionScore, JourneyMap, Lane, LaneKind, Limit, MAX_TEXT_CHARS,
    Persona, Score, Stage, is_too_long, tidy_tags,
};
use crate::metric::{Metric, MetricError, Rating, RatingKind};
use crate::plan::{MAX_ADDRESSED, MAX_OWNER_CHARS, Status, tidy_owner};
use crate::profile::{ProfileField, is_avatar_image};
use crate::touchpoint::{Category, Channel, tidy_channels};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("there is no stage {0}")]
    UnknownStage(StageId),
    #[error("there is no lane {0}")]
    UnknownLane(LaneId),
    #[error("there is no card {0}")]
    UnknownCard(CardId),
    #[error("there is no persona {0}")]
    UnknownPersona(PersonaId),
    #[error("the id {0} is already used")]
    DuplicateId(String),
    #[error("position {at} is outside 0..={len}")]
    PositionOutOfRange { at: usize, len: usize },
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("a text is longer than {MAX_TEXT_CHARS} characters")]
    TooLong,
    #[error("the emotions lane holds the curve, not cards")]
    LaneHoldsNoCards,
    #[error("no cards were given")]
    NoCards,
    #[error("the card {0} is given twice")]
    RepeatedCard(CardId),
    #[error("a map keeps at least one persona")]
    LastPersona,
    #[error("a map holds at most {max} {0}", max = .0.max())]
    TooMany(Limit),
    #[error("a link must be a whole http or https address")]
    UnsafeLink,
    #[error("a card cannot address itself")]
    AddressesItself,
    #[error("a card addresses at most {MAX_ADDRESSED} pain points")]
    TooManyAddressed,
    #[error("an avatar must be a PNG, JPEG or WebP image of at most 64 KB")]
    InvalidAvatar,
    #[error(transparent)]
    InvalidMetric(#[from] MetricError),
}

/// One change, as data: what the interface sends, what undo records and what property
/// tests generate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    RenameMap {
        title: String,
    },
    AddStage {
        id: StageId,
        name: String,
        at: usize,
    },
    RenameStage {
        id: StageId,
        name: String,
    },
    MoveStage {
        id: StageId,
        to: usize,
    },
    DeleteStage {
        id: StageId,
    },
    AddLane {
        id: LaneId,
        kind: LaneKind,
        name: Option<String>,
        at: usize,
    },
    RenameLane {
        id: LaneId,
        name: Option<String>,
    },
    MoveLane {
        id: LaneId,
        to: usize,
    },
    SetLaneHidden {
        id: LaneId,
        hidden: bool,
    },
    DeleteLane {
        id: LaneId,
    },
    AddCard {
        id: CardId,
        cell: Cell,
        at: usize,
        text: String,
    },
    EditCardText {
        id: CardId,
        text: String,
    },
    SetCardColour {
        id: CardId,
        colour: Colour,
    },
    SetCardTags {
        id: CardId,
        tags: Vec<String>,
    },
    MoveCard {
        id: CardId,
        to: Cell,
        at: usize,
    },
    DeleteCard {
        id: CardId,
    },
    /// Moves several cards as one step: they become positions `at`, `at + 1`, … of cell `to`
    /// (counted without them), in the order given.
    MoveCards {
        ids: Vec<CardId>,
        to: Cell,
        at: usize,
    },
    /// Deletes several cards as one step.
    DeleteCards {
        ids: Vec<CardId>,
    },
    AddPersona {
        id: PersonaId,
        name: String,
    },
    RenamePersona {
        id: PersonaId,
        name: String,
    },
    DeletePersona {
        id: PersonaId,
    },
    SetEmotion {
        persona: PersonaId,
        stage: StageId,
        score: Score,
    },
    SetEmotionNote {
        persona: PersonaId,
        stage: StageId,
        note: String,
    },
    SetPersonaQuote {
        id: PersonaId,
        quote: String,
    },
    SetPersonaField {
        id: PersonaId,
        field: ProfileField,
        value: String,
    },
    SetPersonaChannels {
        id: PersonaId,
        channels: Vec<Channel>,
    },
    /// `None` goes back to the initials.
    SetPersonaAvatar {
        id: PersonaId,
        image: Option<String>,
    },
    SetCardCategory {
        id: CardId,
        category: Option<Category>,
    },
    SetCardChannel {
        id: CardId,
        channel: Option<Channel>,
    },
    /// An empty list makes the card every persona's.
    SetCardPersonas {
        id: CardId,
        personas: Vec<PersonaId>,
    },
    SetCardEvidence {
        id: CardId,
        evidence: Vec<Evidence>,
    },
    SetCardConfidence {
        id: CardId,
        confidence: Confidence,
    },
    SetCardRating {
        id: CardId,
        kind: RatingKind,
        rating: Option<Rating>,
    },
    SetCardMetric {
        id: CardId,
        metric: Option<Metric>,
    },
    SetCardStatus {
        id: CardId,
        status: Option<Status>,
    },
    /// Trimmed onto one line; empty for nobody.
    SetCardOwner {
        id: CardId,
        owner: String,
    },
    SetCardDue {
        id: CardId,
        due: Option<NaiveDate>,
    },
    /// The pain points the card addresses; repeats are dropped.
    SetCardAddresses {
        id: CardId,
        addresses: Vec<CardId>,
    },
}

/// Applies `op` and, when it succeeds, marks the map as changed at `now`.
pub fn apply(map: &mut JourneyMap, op: Op, now: DateTime<Utc>) -> Result<(), OpError> {
    match op {
        Op::RenameMap { title } => rename_map(map, title),
        Op::AddStage { id, name, at } => add_stage(map, id, name, at),
        Op::RenameStage { id, name } => rename_stage(map, &id, name),
        Op::MoveStage { id, to } => move_stage(map, &id, to),
        Op::DeleteStage { id } => delete_stage(map, &id),
        Op::AddLane { id, kind, name, at } => add_lane(map, id, kind, name, at),
        Op::RenameLane { id, name } => rename_lane(map, &id, name),
        Op::MoveLane { id, to } => move_lane(map, &id, to),
        Op::SetLaneHidden { id, hidden } => set_lane_hidden(map, &id, hidden),
        Op::DeleteLane { id } => delete_lane(map, &id),
        Op::AddCard { id, cell, at, text } => add_card(map, id, cell, at, text),
        Op::EditCardText { id, text } => edit_card_text(map, &id, text),
        Op::SetCardColour { id, colour } => set_card_colour(map, &id, colour),
        Op::SetCardTags { id, tags } => set_card_tags(map, &id, tags),
        Op::MoveCard { id, to, at } => move_card(map, &id, to, at),
        Op::DeleteCard { id } => delete_card(map, &id),
        Op::MoveCards { ids, to, at } => move_cards(map, &ids, to, at),
        Op::DeleteCards { ids } => delete_cards(map, &ids),
        Op::AddPersona { id, name } => add_persona(map, id, name),
        Op::RenamePersona { id, name } => rename_persona(map, &id, name),
        Op::DeletePersona { id } => delete_persona(map, &id),
        Op::SetEmotion {
            persona,
            stage,
            score,
        } => set_emotion(map, &persona, &stage, score),
        Op::SetEmotionNote {
            persona,
            stage,
            note,
        } => set_emotion_note(map, &persona, &stage, note),
        Op::SetPersonaQuote { id, quote } => set_persona_quote(map, &id, quote),
        Op::SetPersonaField { id, field, value } => set_persona_field(map, &id, field, value),
        Op::SetPersonaChannels { id, channels } => set_persona_channels(map, &id, channels),
        Op::SetPersonaAvatar { id, image } => set_persona_avatar(map, &id, image),
        Op::SetCardCategory { id, category } => {
            card_mut(map, &id)?.category = category;
            Ok(())
        }
        Op::SetCardChannel { id, channel } => {
            card_mut(map, &id)?.channel = channel;
            Ok(())
        }
        Op::SetCardPersonas { id, personas } => set_card_personas(map, &id, personas),
        Op::SetCardEvidence { id, evidence } => set_card_evidence(map, &id, evidence),
        Op::SetCardConfidence { id, confidence } => {
            card_mut(map, &id)?.confidence = confidence;
            Ok(())
        }
        Op::SetCardRating { id, kind, rating } => {
            let card = card_mut(map, &id)?;
            match kind {
                RatingKind::Impact => card.impact = rating,
                RatingKind::Effort => card.effort = rating,
            }
            Ok(())
        }
        Op::SetCardMetric { id, metric } => set_card_metric(map, &id, metric),
        Op::SetCardStatus { id, status } => {
            card_mut(map, &id)?.status = status;
            Ok(())
        }
        Op::SetCardOwner { id, owner } => set_card_owner(map, &id, &owner),
        Op::SetCardDue { id, due } => {
            card_mut(map, &id)?.due = due;
            Ok(())
        }
        Op::SetCardAddresses { id, addresses } => set_card_addresses(map, &id, addresses),
    }?;
    map.updated = now;
    Ok(())
}

fn checked_text(text: String) -> Result<String, OpError> {
    if is_too_long(&text) {
        Err(OpError::TooLong)
    } else {
        Ok(text)
    }
}

fn checked_name(name: String) -> Result<String, OpError> {
    let name = checked_text(name.trim().to_owned())?;
    if name.is_empty() {
        Err(OpError::EmptyName)
    } else {
        Ok(name)
    }
}

fn check_count(limit: Limit, count: usize) -> Result<(), OpError> {
    if limit.exceeded_by(count) {
        Err(OpError::TooMany(limit))
    } else {
        Ok(())
    }
}

fn check_position(at: usize, len: usize) -> Result<(), OpError> {
    if at > len {
        Err(OpError::PositionOutOfRange { at, len })
    } else {
        Ok(())
    }
}

fn stage_index(map: &JourneyMap, id: &StageId) -> Result<usize, OpError> {
    map.stages
        .iter()
        .position(|s| &s.id == id)
        .ok_or_else(|| OpError::UnknownStage(id.clone()))
}

fn lane_index(map: &JourneyMap, id: &LaneId) -> Result<usize, OpError> {
    map.lanes
        .iter()
        .position(|l| &l.id == id)
        .ok_or_else(|| OpError::UnknownLane(id.clone()))
}

fn card_index(map: &JourneyMap, id: &CardId) -> Result<usize, OpError> {
    map.cards
        .iter()
        .position(|c| &c.id == id)
        .ok_or_else(|| OpError::UnknownCard(id.clone()))
}

fn card_mut<'a>(map: &'a mut JourneyMap, id: &CardId) -> Result<&'a mut Card, OpError> {
    let index = card_index(map, id)?;
    Ok(&mut map.cards[index])
}

/// Moves the element at `from` to position `to` of the vector without it.
fn reorder<T>(items: &mut Vec<T>, from: usize, to: usize) -> Result<(), OpError> {
    check_position(to, items.len() - 1)?;
    let item = items.remove(from);
    items.insert(to, item);
    Ok(())
}

/// A map may be untitled; the interface then shows a placeholder.
pub fn rename_map(map: &mut JourneyMap, title: String) -> Result<(), OpError> {
    map.title = checked_text(title.trim().to_owned())?;
    Ok(())
}

pub fn add_stage(
    map: &mut JourneyMap,
    id: StageId,
    name: String,
    at: usize,
) -> Result<(), OpError> {
    if map.stage(&id).is_some() {
        return Err(OpError::DuplicateId(id.0));
    }
    check_count(Limit::Stages, map.stages.len() + 1)?;
    check_position(at, map.stages.len())?;
    let name = checked_name(name)?;
    map.stages.insert(at, Stage { id, name });
    Ok(())
}

pub fn rename_stage(map: &mut JourneyMap, id: &StageId, name: String) -> Result<(), OpError> {
    let index = stage_index(map, id)?;
    map.stages[index].name = checked_name(name)?;
    Ok(())
}

pub fn move_stage(map: &mut JourneyMap, id: &StageId, to: usize) -> Result<(), OpError> {
    let from = stage_index(map, id)?;
    reorder(&mut map.stages, from, to)
}

/// Deletes the stage with its cards and the personas' scores for it.
pub fn delete_stage(map: &mut JourneyMap, id: &StageId) -> Result<(), OpError> {
    let index = stage_index(map, id)?;
    map.stages.remove(index);
    map.cards.retain(|c| &c.stage != id);
    forget_addresses(map);
    for persona in &mut map.personas {
        persona.emotions.retain(|e| &e.stage != id);
    }
    Ok(())
}

pub fn add_lane(
    map: &mut JourneyMap,
    id: LaneId,
    kind: LaneKind,
    name: Option<String>,
    at: usize,
) -> Result<(), OpError> {
    if map.lane(&id).is_some() {
        return Err(OpError::DuplicateId(id.0));
    }
    check_count(Limit::Lanes, map.lanes.len() + 1)?;
    check_position(at, map.lanes.len())?;
    let name = name.map(checked_name).transpose()?;
    map.lanes.insert(
        at,
        Lane {
            id,
            kind,
            name,
            hidden: false,
        },
    );
    Ok(())
}

/// `None` goes back to the kind's name in the interface's language.
pub fn rename_lane(map: &mut JourneyMap, id: &LaneId, name: Option<String>) -> Result<(), OpError> {
    let index = lane_index(map, id)?;
    map.lanes[index].name = name.map(checked_name).transpose()?;
    Ok(())
}

pub fn move_lane(map: &mut JourneyMap, id: &LaneId, to: usize) -> Result<(), OpError> {
    let from = lane_index(map, id)?;
    reorder(&mut map.lanes, from, to)
}

pub fn set_lane_hidden(map: &mut JourneyMap, id: &LaneId, hidden: bool) -> Result<(), OpError> {
    let index = lane_index(map, id)?;
    map.lanes[index].hidden = hidden;
    Ok(())
}

/// Deletes the lane with its cards.
pub fn delete_lane(map: &mut JourneyMap, id: &LaneId) -> Result<(), OpError> {
    let index = lane_index(map, id)?;
    map.lanes.remove(index);
    map.cards.retain(|c| &c.lane != id);
    forget_addresses(map);
    Ok(())
}

fn check_cell(map: &JourneyMap, cell: &Cell) -> Result<(), OpError> {
    stage_index(map, &cell.stage)?;
    let lane = &map.lanes[lane_index(map, &cell.lane)?];
    if lane.kind.holds_cards() {
        Ok(())
    } else {
        Err(OpError::LaneHoldsNoCards)
    }
}

/// The index in `map.cards` at which a card becomes the `at`-th card of `cell`, if the cell
/// has that position.
fn insertion_index(map: &JourneyMap, cell: &Cell, at: usize) -> Result<usize, OpError> {
    check_position(at, map.cards_in(cell).count())?;
    Ok(map::insertion_index(&map.cards, cell, at))
}

pub fn add_card(
    map: &mut JourneyMap,
    id: CardId,
    cell: Cell,
    at: usize,
    text: String,
) -> Result<(), OpError> {
    if map.card(&id).is_some() {
        return Err(OpError::DuplicateId(id.0));
    }
    check_count(Limit::Cards, map.cards.len() + 1)?;
    check_cell(map, &cell)?;
    let text = checked_text(text)?;
    let index = insertion_index(map, &cell, at)?;
    map.cards.insert(index, Card::new(id, cell, text));
    Ok(())
}

pub fn edit_card_text(map: &mut JourneyMap, id: &CardId, text: String) -> Result<(), OpError> {
    let text = checked_text(text)?;
    card_mut(map, id)?.text = text;
    Ok(())
}

pub fn set_card_colour(map: &mut JourneyMap, id: &CardId, colour: Colour) -> Result<(), OpError> {
    card_mut(map, id)?.colour = colour;
    Ok(())
}

/// Tags are trimmed; empty ones and repeats are dropped.
pub fn set_card_tags(map: &mut JourneyMap, id: &CardId, tags: Vec<String>) -> Result<(), OpError> {
    let tags = tidy_tags(tags);
    if tags.iter().any(|t| is_too_long(t)) {
        return Err(OpError::TooLong);
    }
    check_count(Limit::Tags, tags.len())?;
    card_mut(map, id)?.tags = tags;
    Ok(())
}

/// Moves a card to position `at` of cell `to` (counted without the card itself), in the same
/// cell or another.
pub fn move_card(map: &mut JourneyMap, id: &CardId, to: Cell, at: usize) -> Result<(), OpError> {
    let from = card_index(map, id)?;
    check_cell(map, &to)?;
    let mut card = map.cards.remove(from);
    match insertion_index(map, &to, at) {
        Ok(index) => {
            card.lane = to.lane;
            card.stage = to.stage;
            map.cards.insert(index, card);
            Ok(())
        }
        Err(e) => {
            map.cards.insert(from, card);
            Err(e)
        }
    }
}

pub fn delete_card(map: &mut JourneyMap, id: &CardId) -> Result<(), OpError> {
    let index = card_index(map, id)?;
    map.cards.remove(index);
    forget_addresses(map);
    Ok(())
}

/// Takes the cards that are gone out of what every card addresses, so a deleted pain point
/// leaves no dangling link behind (and undo, which keeps the cards that addressed it, brings
/// both back).
fn forget_addresses(map: &mut JourneyMap) {
    if map.cards.iter().all(|c| c.addresses.is_empty()) {
        return;
    }
    let ids: std::collections::HashSet<CardId> = map.cards.iter().map(|c| c.id.clone()).collect();
    for card in &mut map.cards {
        card.addresses.retain(|a| ids.contains(a));
    }
}

/// The indexes in `map.cards` of `ids`, in the order given; every id must name a card, once.
fn card_indexes(map: &JourneyMap, ids: &[CardId]) -> Result<Vec<usize>, OpError> {
    if ids.is_empty() {
        return Err(OpError::NoCards);
    }
    let mut indexes = Vec::with_capacity(ids.len());
    for id in ids {
        let index = card_index(map, id)?;
        if indexes.contains(&index) {
            return Err(OpError::RepeatedCard(id.clone()));
        }
        indexes.push(index);
    }
    Ok(indexes)
}

/// Takes the cards at `indexes` out of `map.cards`, returned in the order of `indexes`.
fn take_cards(map: &mut JourneyMap, indexes: &[usize]) -> Vec<Card> {
    let mut taken: Vec<Option<Card>> = vec![None; indexes.len()];
    let mut index = 0;
    map.cards.retain(|card| {
        let slot = indexes.iter().position(|&i| i == index);
        index += 1;
        match slot {
            Some(slot) => {
                taken[slot] = Some(card.clone());
                false
            }
            None => true,
        }
    });
    taken.into_iter().flatten().collect()
}

/// Moves cards together to cell `to`, from wherever they are, keeping the order of `ids`.
pub fn move_cards(
    map: &mut JourneyMap,
    ids: &[CardId],
    to: Cell,
    at: usize,
) -> Result<(), OpError> {
    let indexes = card_indexes(map, ids)?;
    check_cell(map, &to)?;
    let before = map.cards.clone();
    let moved = take_cards(map, &indexes);
    let index = match insertion_index(map, &to, at) {
        Ok(index) => index,
        Err(e) => {
            map.cards = before;
            return Err(e);
        }
    };
    let moved = moved.into_iter().map(|card| Card {
        lane: to.lane.clone(),
        stage: to.stage.clone(),
        ..card
    });
    map.cards.splice(index..index, moved);
    Ok(())
}

/// Deletes every card of `ids`, or none when one of them is missing.
pub fn delete_cards(map: &mut JourneyMap, ids: &[CardId]) -> Result<(), OpError> {
    let indexes = card_indexes(map, ids)?;
    take_cards(map, &indexes);
    forget_addresses(map);
    Ok(())
}

pub fn add_persona(map: &mut JourneyMap, id: PersonaId, name: String) -> Result<(), OpError> {
    if map.persona(&id).is_some() {
        return Err(OpError::DuplicateId(id.0));
    }
    check_count(Limit::Personas, map.personas.len() + 1)?;
    let name = checked_name(name)?;
    map.personas.push(Persona::new(id, name));
    Ok(())
}

fn persona_index(map: &JourneyMap, id: &PersonaId) -> Result<usize, OpError> {
    map.personas
        .iter()
        .position(|p| &p.id == id)
        .ok_or_else(|| OpError::UnknownPersona(id.clone()))
}

pub fn rename_persona(map: &mut JourneyMap, id: &PersonaId, name: String) -> Result<(), OpError> {
    let index = persona_index(map, id)?;
    map.personas[index].name = checked_name(name)?;
    Ok(())
}

/// Deletes the persona with its scores and notes, unless it is the only one left: the
/// emotions lane and its table always show and edit one persona's curve, and with none every
/// score change would have nobody to belong to. A map loaded without personas stays valid
/// (older or hand-written files), and `add_persona` gives it one.
pub fn delete_persona(map: &mut JourneyMap, id: &PersonaId) -> Result<(), OpError> {
    let index = persona_index(map, id)?;
    if map.personas.len() == 1 {
        return Err(OpError::LastPersona);
    }
    map.personas.remove(index);
    for card in &mut map.cards {
        card.personas.retain(|p| p != id);
    }
    Ok(())
}

/// The persona's entry for a stage, made (neutral, without a note) if it has none yet.
fn emotion_mut<'a>(
    map: &'a mut JourneyMap,
    persona: &PersonaId,
    stage: &StageId,
) -> Result<&'a mut EmotionScore, OpError> {
    stage_index(map, stage)?;
    let index = persona_index(map, persona)?;
    let persona = &mut map.personas[index];
    let index = match persona.emotions.iter().position(|e| &e.stage == stage) {
        Some(index) => index,
        None => {
            persona.emotions.push(EmotionScore {
                stage: stage.clone(),
                score: Score::default(),
                note: String::new(),
            });
            persona.emotions.len() - 1
        }
    };
    Ok(&mut persona.emotions[index])
}

pub fn set_emotion(
    map: &mut JourneyMap,
    persona: &PersonaId,
    stage: &StageId,
    score: Score,
) -> Result<(), OpError> {
    emotion_mut(map, persona, stage)?.score = score;
    Ok(())
}

pub fn set_emotion_note(
    map: &mut JourneyMap,
    persona: &PersonaId,
    stage: &StageId,
    note: String,
) -> Result<(), OpError> {
    let note = checked_text(note)?;
    emotion_mut(map, persona, stage)?.note = note;
    Ok(())
}

pub fn set_persona_quote(
    map: &mut JourneyMap,
    id: &PersonaId,
    quote: String,
) -> Result<(), OpError> {
    let index = persona_index(map, id)?;
    map.personas[index].quote = checked_text(quote.trim().to_owned())?;
    Ok(())
}

pub fn set_persona_field(
    map: &mut JourneyMap,
    id: &PersonaId,
    field: ProfileField,
    value: String,
) -> Result<(), OpError> {
    let index = persona_index(map, id)?;
    *map.personas[index].profile.get_mut(field) = checked_text(value.trim().to_owned())?;
    Ok(())
}

/// Channels are kept once each, in the order of `Channel::ALL`.
pub fn set_persona_channels(
    map: &mut JourneyMap,
    id: &PersonaId,
    channels: Vec<Channel>,
) -> Result<(), OpError> {
    let index = persona_index(map, id)?;
    map.personas[index].profile.channels = tidy_channels(channels);
    Ok(())
}

pub fn set_persona_avatar(
    map: &mut JourneyMap,
    id: &PersonaId,
    image: Option<String>,
) -> Result<(), OpError> {
    let index = persona_index(map, id)?;
    if image.as_deref().is_some_and(|i| !is_avatar_image(i)) {
        return Err(OpError::InvalidAvatar);
    }
    map.personas[index].avatar = image;
    Ok(())
}

/// Every persona named must exist; repeats are dropped.
pub fn set_card_personas(
    map: &mut JourneyMap,
    id: &CardId,
    mut personas: Vec<PersonaId>,
) -> Result<(), OpError> {
    if let Some(unknown) = personas.iter().find(|p| map.persona(p).is_none()) {
        return Err(OpError::UnknownPersona(unknown.clone()));
    }
    let mut seen = std::collections::HashSet::new();
    personas.retain(|p| seen.insert(p.clone()));
    card_mut(map, id)?.personas = personas;
    Ok(())
}

/// Notes are trimmed, a blank link is none, and every other link must be safe.
pub fn set_card_evidence(
    map: &mut JourneyMap,
    id: &CardId,
    evidence: Vec<Evidence>,
) -> Result<(), OpError> {
    check_count(Limit::Sources, evidence.len())?;
    let evidence = evidence
        .into_iter()
        .map(|e| {
            let link = e
                .link
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty());
            if link.as_deref().is_some_and(|l| !is_safe_link(l)) {
                return Err(OpError::UnsafeLink);
            }
            Ok(Evidence {
                kind: e.kind,
                note: checked_text(e.note.trim().to_owned())?,
                link,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    card_mut(map, id)?.evidence = evidence;
    Ok(())
}

pub fn set_card_metric(
    map: &mut JourneyMap,
    id: &CardId,
    metric: Option<Metric>,
) -> Result<(), OpError> {
    let metric = metric.map(Metric::checked).transpose()?;
    card_mut(map, id)?.metric = metric;
    Ok(())
}

pub fn set_card_owner(map: &mut JourneyMap, id: &CardId, owner: &str) -> Result<(), OpError> {
    let owner = tidy_owner(owner);
    if owner.chars().count() > MAX_OWNER_CHARS {
        return Err(OpError::TooLong);
    }
    card_mut(map, id)?.owner = owner;
    Ok(())
}

/// Every card named must exist and be another card; repeats are dropped.
pub fn set_card_addresses(
    map: &mut JourneyMap,
    id: &CardId,
    mut addresses: Vec<CardId>,
) -> Result<(), OpError> {
    card_index(map, id)?;
    if let Some(unknown) = addresses.iter().find(|a| map.card(a).is_none()) {
        return Err(OpError::UnknownCard(unknown.clone()));
    }
    if addresses.contains(id) {
        return Err(OpError::AddressesItself);
    }
    let mut seen = std::collections::HashSet::new();
    addresses.retain(|a| seen.insert(a.clone()));
    if addresses.len() > MAX_ADDRESSED {
        return Err(OpError::TooManyAddressed);
    }
    card_mut(map, id)?.addresses = addresses;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::Locale;
    use crate::templates::{Template, new_map};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    fn sample() -> JourneyMap {
        let mut n = 0;
        new_map(Template::Classic, Locale::En, "Test", now(), &mut || {
            n += 1;
            format!("id{n}")
        })
    }

    fn cell(map: &JourneyMap, lane: usize, stage: usize) -> Cell {
        Cell {
            lane: map.lanes[lane].id.clone(),
            stage: map.stages[stage].id.clone(),
        }
    }

    fn texts_in(map: &JourneyMap, cell: &Cell) -> Vec<String> {
        map.cards_in(cell).map(|c| c.text.clone()).collect()
    }

    fn add(map: &mut JourneyMap, id: &str, cell: &Cell, at: usize) {
        add_card(map, CardId::new(id), cell.clone(), at, id.to_owned()).unwrap();
    }

    #[test]
    fn apply_marks_the_map_as_changed_only_on_success() {
        let mut map = sample();
        let later = now() + chrono::Duration::seconds(5);
        let refused = Op::RenameStage {
            id: StageId::new("nope"),
            name: "X".into(),
        };
        assert!(apply(&mut map, refused, later).is_err());
        assert_eq!(map.updated, now());
        let id = map.stages[0].id.clone();
        apply(
            &mut map,
            Op::RenameStage {
                id,
                name: " Seen ".into(),
            },
            later,
        )
        .unwrap();
        assert_eq!(map.stages[0].name, "Seen");
        assert_eq!(map.updated, later);
    }

    #[test]
    fn add_stage_inserts_at_the_position() {
        let mut map = sample();
        add_stage(&mut map, StageId::new("new"), "Research".into(), 1).unwrap();
        assert_eq!(map.stages[1].name, "Research");
        assert_eq!(map.stages.len(), 6);
    }

    #[test]
    fn add_stage_with_a_used_id_is_refused() {
        let mut map = sample();
        let id = map.stages[0].id.clone();
        assert_eq!(
            add_stage(&mut map, id.clone(), "X".into(), 0),
            Err(OpError::DuplicateId(id.0))
        );
    }

    #[test]
    fn add_stage_past_the_end_is_refused() {
        let mut map = sample();
        assert_eq!(
            add_stage(&mut map, StageId::new("n"), "X".into(), 9),
            Err(OpError::PositionOutOfRange { at: 9, len: 5 })
        );
    }

    #[test]
    fn rename_stage_to_blank_is_refused() {
        let mut map = sample();
        let id = map.stages[0].id.clone();
        assert_eq!(
            rename_stage(&mut map, &id, "   ".into()),
            Err(OpError::EmptyName)
        );
        assert_eq!(map.stages[0].name, "Awareness");
    }

    #[test]
    fn move_stage_reorders_the_columns() {
        let mut map = sample();
        let id = map.stages[0].id.clone();
        move_stage(&mut map, &id, 4).unwrap();
        assert_eq!(map.stages[4].id, id);
        assert_eq!(map.stages[0].name, "Consideration");
    }

    #[test]
    fn move_stage_past_the_end_is_refused() {
        let mut map = sample();
        let id = map.stages[0].id.clone();
        assert!(move_stage(&mut map, &id, 5).is_err());
        assert_eq!(map.stages[0].id, id);
    }

    #[test]
    fn delete_stage_takes_its_cards_and_scores_along() {
        let mut map = sample();
        let c = cell(&map, 0, 1);
        let other = cell(&map, 0, 2);
        add(&mut map, "a", &c, 0);
        add(&mut map, "b", &other, 0);
        let persona = map.personas[0].id.clone();
        set_emotion(&mut map, &persona, &c.stage, Score::new(2).unwrap()).unwrap();
        delete_stage(&mut map, &c.stage).unwrap();
        assert_eq!(map.cards.len(), 1);
        assert!(map.personas[0].score_at(&c.stage).is_none());
        assert!(map.check_invariants().is_empty());
    }

    #[test]
    fn delete_unknown_stage_is_refused() {
        let mut map = sample();
        assert_eq!(
            delete_stage(&mut map, &StageId::new("x")),
            Err(OpError::UnknownStage(StageId::new("x")))
        );
    }

    #[test]
    fn add_lane_keeps_a_custom_name_and_rename_can_clear_it() {
        let mut map = sample();
        let id = LaneId::new("l");
        add_lane(
            &mut map,
            id.clone(),
            LaneKind::Goals,
            Some("Jobs".into()),
            0,
        )
        .unwrap();
        assert_eq!(map.lanes[0].name.as_deref(), Some("Jobs"));
        rename_lane(&mut map, &id, None).unwrap();
        assert_eq!(map.lanes[0].name, None);
    }

    #[test]
    fn rename_unknown_lane_is_refused() {
        let mut map = sample();
        assert!(matches!(
            rename_lane(&mut map, &LaneId::new("x"), None),
            Err(OpError::UnknownLane(_))
        ));
    }

    #[test]
    fn move_and_hide_lane() {
        let mut map = sample();
        let id = map.lanes[0].id.clone();
        move_lane(&mut map, &id, 2).unwrap();
        set_lane_hidden(&mut map, &id, true).unwrap();
        assert_eq!(map.lanes[2].id, id);
        assert!(map.lanes[2].hidden);
    }

    #[test]
    fn delete_lane_takes_its_cards_along() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        add(&mut map, "a", &c, 0);
        delete_lane(&mut map, &c.lane).unwrap();
        assert!(map.cards.is_empty());
        assert!(matches!(
            delete_lane(&mut map, &c.lane),
            Err(OpError::UnknownLane(_))
        ));
    }

    #[test]
    fn cards_keep_their_order_within_a_cell() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        let other = cell(&map, 0, 1);
        add(&mut map, "b", &c, 0);
        add(&mut map, "x", &other, 0);
        add(&mut map, "a", &c, 0);
        add(&mut map, "c", &c, 2);
        assert_eq!(texts_in(&map, &c), ["a", "b", "c"]);
        assert_eq!(texts_in(&map, &other), ["x"]);
    }

    #[test]
    fn add_card_to_the_emotions_lane_is_refused() {
        let mut map = sample();
        let emotions = map
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Emotions)
            .unwrap();
        let c = cell(&map, emotions, 0);
        assert_eq!(
            add_card(&mut map, CardId::new("a"), c, 0, "x".into()),
            Err(OpError::LaneHoldsNoCards)
        );
    }

    #[test]
    fn add_card_past_the_cell_end_is_refused() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        assert_eq!(
            add_card(&mut map, CardId::new("a"), c, 1, "x".into()),
            Err(OpError::PositionOutOfRange { at: 1, len: 0 })
        );
    }

    #[test]
    fn add_card_with_too_long_text_is_refused() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        let text = "x".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            add_card(&mut map, CardId::new("a"), c, 0, text),
            Err(OpError::TooLong)
        );
    }

    #[test]
    fn edit_card_text_colour_and_tags() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        add(&mut map, "a", &c, 0);
        let id = CardId::new("a");
        edit_card_text(&mut map, &id, "Pricing page\nconfusing".into()).unwrap();
        set_card_colour(&mut map, &id, Colour::Pink).unwrap();
        set_card_tags(
            &mut map,
            &id,
            vec![" web ".into(), "".into(), "web".into(), "b2b".into()],
        )
        .unwrap();
        let card = map.card(&id).unwrap();
        assert_eq!(card.text, "Pricing page\nconfusing");
        assert_eq!(card.colour, Colour::Pink);
        assert_eq!(card.tags, ["web", "b2b"]);
    }

    #[test]
    fn edit_unknown_card_is_refused() {
        let mut map = sample();
        assert!(matches!(
            edit_card_text(&mut map, &CardId::new("x"), "y".into()),
            Err(OpError::UnknownCard(_))
        ));
    }

    #[test]
    fn move_card_within_a_cell_and_across_cells() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        let d = cell(&map, 2, 3);
        for (i, id) in ["a", "b", "c"].iter().enumerate() {
            add(&mut map, id, &c, i);
        }
        move_card(&mut map, &CardId::new("a"), c.clone(), 2).unwrap();
        assert_eq!(texts_in(&map, &c), ["b", "c", "a"]);
        move_card(&mut map, &CardId::new("c"), d.clone(), 0).unwrap();
        assert_eq!(texts_in(&map, &c), ["b", "a"]);
        assert_eq!(texts_in(&map, &d), ["c"]);
        assert_eq!(map.card(&CardId::new("c")).unwrap().cell(), d);
    }

    #[test]
    fn move_card_to_a_missing_stage_is_refused_and_the_card_stays() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        add(&mut map, "a", &c, 0);
        let to = Cell {
            lane: c.lane.clone(),
            stage: StageId::new("gone"),
        };
        assert!(matches!(
            move_card(&mut map, &CardId::new("a"), to, 0),
            Err(OpError::UnknownStage(_))
        ));
        assert_eq!(texts_in(&map, &c), ["a"]);
    }

    #[test]
    fn move_card_past_the_cell_end_is_refused_and_the_card_stays() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        add(&mut map, "a", &c, 0);
        add(&mut map, "b", &c, 1);
        assert!(move_card(&mut map, &CardId::new("a"), c.clone(), 2).is_err());
        assert_eq!(texts_in(&map, &c), ["a", "b"]);
    }

    #[test]
    fn delete_card_removes_it() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        add(&mut map, "a", &c, 0);
        delete_card(&mut map, &CardId::new("a")).unwrap();
        assert!(map.cards.is_empty());
        assert!(delete_card(&mut map, &CardId::new("a")).is_err());
    }

    #[test]
    fn move_cards_gathers_them_in_the_given_order_at_the_position() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        let d = cell(&map, 2, 3);
        for (i, id) in ["a", "b", "c"].iter().enumerate() {
            add(&mut map, id, &c, i);
        }
        add(&mut map, "x", &d, 0);
        add(&mut map, "y", &d, 1);
        let ids = [CardId::new("c"), CardId::new("a"), CardId::new("y")];
        move_cards(&mut map, &ids, d.clone(), 1).unwrap();
        assert_eq!(texts_in(&map, &c), ["b"]);
        assert_eq!(texts_in(&map, &d), ["x", "c", "a", "y"]);
        assert!(map.check_invariants().is_empty());
    }

    #[test]
    fn move_cards_counts_the_position_without_the_moved_cards() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        for (i, id) in ["a", "b", "c", "d"].iter().enumerate() {
            add(&mut map, id, &c, i);
        }
        let ids = [CardId::new("a"), CardId::new("b")];
        move_cards(&mut map, &ids, c.clone(), 2).unwrap();
        assert_eq!(texts_in(&map, &c), ["c", "d", "a", "b"]);
    }

    #[test]
    fn move_cards_with_a_bad_card_cell_or_position_is_refused_and_nothing_moves() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        let d = cell(&map, 2, 0);
        add(&mut map, "a", &c, 0);
        add(&mut map, "b", &c, 1);
        let before = map.clone();
        let a = CardId::new("a");
        let cases = [
            (vec![a.clone(), CardId::new("x")], d.clone(), 0),
            (vec![a.clone(), a.clone()], d.clone(), 0),
            (vec![], d.clone(), 0),
            (vec![a.clone()], d.clone(), 1),
            (
                vec![a.clone()],
                Cell {
                    lane: c.lane.clone(),
                    stage: StageId::new("gone"),
                },
                0,
            ),
        ];
        for (ids, to, at) in cases {
            assert!(move_cards(&mut map, &ids, to, at).is_err(), "{ids:?}");
            assert_eq!(map, before);
        }
        assert_eq!(
            move_cards(&mut map, &[a.clone(), a.clone()], d, 0),
            Err(OpError::RepeatedCard(a))
        );
    }

    #[test]
    fn delete_cards_removes_all_or_none() {
        let mut map = sample();
        let c = cell(&map, 0, 0);
        for (i, id) in ["a", "b", "c"].iter().enumerate() {
            add(&mut map, id, &c, i);
        }
        let missing = [CardId::new("a"), CardId::new("nope")];
        assert_eq!(
            delete_cards(&mut map, &missing),
            Err(OpError::UnknownCard(CardId::new("nope")))
        );
        assert_eq!(map.cards.len(), 3);
        assert_eq!(delete_cards(&mut map, &[]), Err(OpError::NoCards));
        delete_cards(&mut map, &[CardId::new("c"), CardId::new("a")]).unwrap();
        assert_eq!(texts_in(&map, &c), ["b"]);
    }

    #[test]
    fn set_emotion_adds_then_replaces_a_score() {
        let mut map = sample();
        let persona = map.personas[0].id.clone();
        let stage = map.stages[1].id.clone();
        set_emotion(&mut map, &persona, &stage, Score::new(-3).unwrap()).unwrap();
        set_emotion(&mut map, &persona, &stage, Score::new(1).unwrap()).unwrap();
        assert_eq!(map.personas[0].score_at(&stage), Score::new(1));
        assert!(map.check_invariants().is_empty());
    }

    #[test]
    fn set_emotion_note_keeps_the_score_and_makes_an_entry_if_needed() {
        let mut map = sample();
        let persona = map.personas[0].id.clone();
        let stage = map.stages[2].id.clone();
        set_emotion(&mut map, &persona, &stage, Score::new(-2).unwrap()).unwrap();
        set_emotion_note(&mut map, &persona, &stage, "Card declined".into()).unwrap();
        let entry = map.personas[0]
            .emotions
            .iter()
            .find(|e| e.stage == stage)
            .unwrap();
        assert_eq!(
            (entry.score.value(), entry.note.as_str()),
            (-2, "Card declined")
        );
        map.personas[0].emotions.clear();
        set_emotion_note(&mut map, &persona, &stage, "Fine".into()).unwrap();
        assert_eq!(map.personas[0].score_at(&stage), Score::new(0));
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            set_emotion_note(&mut map, &persona, &stage, long),
            Err(OpError::TooLong)
        );
    }

    #[test]
    fn set_emotion_for_unknown_persona_or_stage_is_refused() {
        let mut map = sample();
        let persona = map.personas[0].id.clone();
        let stage = map.stages[0].id.clone();
        let score = Score::new(0).unwrap();
        assert!(matches!(
            set_emotion(&mut map, &PersonaId::new("x"), &stage, score),
            Err(OpError::UnknownPersona(_))
        ));
        assert!(matches!(
            set_emotion(&mut map, &persona, &StageId::new("x"), score),
            Err(OpError::UnknownStage(_))
        ));
    }

    #[test]
    fn add_persona_needs_a_name_and_a_fresh_id() {
        let mut map = sample();
        add_persona(&mut map, PersonaId::new("p2"), "Ana".into()).unwrap();
        assert_eq!(
            add_persona(&mut map, PersonaId::new("p3"), "".into()),
            Err(OpError::EmptyName)
        );
        assert!(matches!(
            add_persona(&mut map, PersonaId::new("p2"), "Ion".into()),
            Err(OpError::DuplicateId(_))
        ));
    }

    #[test]
    fn rename_persona_trims_and_refuses_a_blank_name_or_an_unknown_persona() {
        let mut map = sample();
        let id = map.personas[0].id.clone();
        rename_persona(&mut map, &id, "  Ioana ".into()).unwrap();
        assert_eq!(map.personas[0].name, "Ioana");
        assert_eq!(
            rename_persona(&mut map, &id, " ".into()),
            Err(OpError::EmptyName)
        );
        assert!(matches!(
            rename_persona(&mut map, &PersonaId::new("x"), "Ana".into()),
            Err(OpError::UnknownPersona(_))
        ));
        assert_eq!(map.personas[0].name, "Ioana");
    }

    #[test]
    fn delete_persona_takes_its_scores_and_leaves_the_others() {
        let mut map = sample();
        let first = map.personas[0].id.clone();
        let stage = map.stages[0].id.clone();
        add_persona(&mut map, PersonaId::new("p2"), "Ana".into()).unwrap();
        set_emotion(
            &mut map,
            &PersonaId::new("p2"),
            &stage,
            Score::new(-1).unwrap(),
        )
        .unwrap();
        delete_persona(&mut map, &first).unwrap();
        assert_eq!(map.personas.len(), 1);
        assert_eq!(map.personas[0].score_at(&stage), Score::new(-1));
        assert!(map.check_invariants().is_empty());
    }

    #[test]
    fn delete_the_last_persona_is_refused() {
        let mut map = sample();
        let id = map.personas[0].id.clone();
        assert_eq!(delete_persona(&mut map, &id), Err(OpError::LastPersona));
        assert_eq!(map.personas.len(), 1);
        assert!(matches!(
            delete_persona(&mut map, &PersonaId::new("x")),
            Err(OpError::UnknownPersona(_))
        ));
    }

    #[test]
    fn score_outside_the_scale_is_refused_or_clamped() {
        assert_eq!(Score::new(4), None);
        assert_eq!(Score::clamped(9).value(), 3);
        assert_eq!(Score::clamped(-9).value(), -3);
    }
}
