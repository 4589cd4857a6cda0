//! Undo that keeps what a change touched, not the whole map. A map is a small head (title,
//! stages, lanes, personas) and a long list of cards; an op changes the head, a few cards, or
//! both. Before an op runs, [`Record::widen`] keeps the parts it may change (its footprint), as
//! they are; restoring the record puts them back and hands over, as a record of the same kind,
//! what it replaced, so redo is the same move.
//!
//! Cards are kept with their index in the list. That is enough to put them back because no op
//! reorders cards outside its footprint: with the footprint's cards taken out, the rest of the
//! list is the same before and after, and the kept cards go back in at their old indices.

use crate::ids::{CardId, MapId};
use crate::map::{Card, JourneyMap, Lane, Locale, Persona, Stage};
use crate::ops::Op;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// What Undo needs to bring a map back to the state it was in when the record began: the map's
/// `updated` time always, and the parts that the ops given to [`Record::widen`] since then may
/// have changed. A record is restored onto the map those ops left (or onto what restoring its
/// inverse left), and onto nothing else.
#[derive(Clone, Debug, PartialEq)]
pub struct Record(Kept);

#[derive(Clone, Debug, PartialEq)]
enum Kept {
    Part(Part),
    /// For swapping in a map of another origin, which shares no history with the one open.
    Whole(Box<JourneyMap>),
}

#[derive(Clone, Debug, PartialEq)]
struct Part {
    updated: DateTime<Utc>,
    head: Option<Head>,
    /// The cards whose state is kept: each is either in `cards` or was not in the map.
    ids: HashSet<CardId>,
    /// Those of `ids` the map held, by ascending index in its card list.
    cards: Vec<(usize, Card)>,
}

/// Everything of a map but its cards and `updated` (which every record keeps).
#[derive(Clone, Debug, PartialEq)]
struct Head {
    id: MapId,
    title: String,
    locale: Locale,
    created: DateTime<Utc>,
    stages: Vec<Stage>,
    lanes: Vec<Lane>,
    personas: Vec<Persona>,
}

impl Head {
    fn of(map: &JourneyMap) -> Head {
        // Spelt out in full, so that a new field of the map cannot be left out of the head.
        let JourneyMap {
            id,
            title,
            locale,
            created,
            updated: _,
            stages,
            lanes,
            cards: _,
            personas,
        } = map;
        Head {
            id: id.clone(),
            title: title.clone(),
            locale: *locale,
            created: *created,
            stages: stages.clone(),
            lanes: lanes.clone(),
            personas: personas.clone(),
        }
    }

    fn is_in(&self, map: &JourneyMap) -> bool {
        let Head {
            id,
            title,
            locale,
            created,
            stages,
            lanes,
            personas,
        } = self;
        *id == map.id
            && *title == map.title
            && *locale == map.locale
            && *created == map.created
            && *stages == map.stages
            && *lanes == map.lanes
            && *personas == map.personas
    }

    /// Puts this head in `map` and returns the one it replaced.
    fn swap_into(mut self, map: &mut JourneyMap) -> Head {
        let Head {
            id,
            title,
            locale,
            created,
            stages,
            lanes,
            personas,
        } = &mut self;
        std::mem::swap(id, &mut map.id);
        std::mem::swap(title, &mut map.title);
        std::mem::swap(locale, &mut map.locale);
        std::mem::swap(created, &mut map.created);
        std::mem::swap(stages, &mut map.stages);
        std::mem::swap(lanes, &mut map.lanes);
        std::mem::swap(personas, &mut map.personas);
        self
    }
}

/// What an op may change: the head, and these cards (changed, added, removed or moved). Every
/// card outside `cards` keeps its content and its order relative to the other such cards.
struct Footprint {
    head: bool,
    cards: HashSet<CardId>,
}

fn footprint(map: &JourneyMap, op: &Op) -> Footprint {
    let head_only = Footprint {
        head: true,
        cards: HashSet::new(),
    };
    let cards = |ids: &[CardId]| Footprint {
        head: false,
        cards: ids.iter().cloned().collect(),
    };
    let deleted = |head: bool, gone: HashSet<CardId>| Footprint {
        head,
        cards: with_addressing(map, gone),
    };
    match op {
        Op::RenameMap { .. }
        | Op::AddStage { .. }
        | Op::RenameStage { .. }
        | Op::MoveStage { .. }
        | Op::AddLane { .. }
        | Op::RenameLane { .. }
        | Op::MoveLane { .. }
        | Op::SetLaneHidden { .. }
        | Op::AddPersona { .. }
        | Op::RenamePersona { .. }
        | Op::SetEmotion { .. }
        | Op::SetEmotionNote { .. }
        | Op::SetPersonaQuote { .. }
        | Op::SetPersonaField { .. }
        | Op::SetPersonaChannels { .. }
        | Op::SetPersonaAvatar { .. } => head_only,
        Op::DeleteStage { id } => deleted(
            true,
            map.cards
                .iter()
                .filter(|c| &c.stage == id)
                .map(|c| c.id.clone())
                .collect(),
        ),
        Op::DeleteLane { id } => deleted(
            true,
            map.cards
                .iter()
                .filter(|c| &c.lane == id)
                .map(|c| c.id.clone())
                .collect(),
        ),
        Op::DeleteCard { id } => deleted(false, HashSet::from([id.clone()])),
        Op::DeleteCards { ids } => deleted(false, ids.iter().cloned().collect()),
        Op::DeletePersona { id } => Footprint {
            head: true,
            cards: map
                .cards
                .iter()
                .filter(|c| c.personas.contains(id))
                .map(|c| c.id.clone())
                .collect(),
        },
        Op::MoveCards { ids, .. } => cards(ids),
        Op::AddCard { id, .. }
        | Op::EditCardText { id, .. }
        | Op::SetCardColour { id, .. }
        | Op::SetCardTags { id, .. }
        | Op::MoveCard { id, .. }
        | Op::SetCardCategory { id, .. }
        | Op::SetCardChannel { id, .. }
        | Op::SetCardPersonas { id, .. }
        | Op::SetCardEvidence { id, .. }
        | Op::SetCardConfidence { id, .. }
        | Op::SetCardRating { id, .. }
        | Op::SetCardMetric { id, .. }
        | Op::SetCardStatus { id, .. }
        | Op::SetCardOwner { id, .. }
        | Op::SetCardDue { id, .. }
        | Op::SetCardAddresses { id, .. } => cards(std::slice::from_ref(id)),
    }
}

/// The cards `gone` plus every card that addresses a card the map will not hold once `gone`
/// is deleted: deleting cards takes each address the map no longer holds off every card.
fn with_addressing(map: &JourneyMap, mut gone: HashSet<CardId>) -> HashSet<CardId> {
    if map.cards.iter().all(|c| c.addresses.is_empty()) {
        return gone;
    }
    let left: HashSet<&CardId> = map
        .cards
        .iter()
        .map(|c| &c.id)
        .filter(|id| !gone.contains(*id))
        .collect();
    let addressing: Vec<CardId> = map
        .cards
        .iter()
        .filter(|c| c.addresses.iter().any(|a| !left.contains(a)))
        .map(|c| c.id.clone())
        .collect();
    gone.extend(addressing);
    gone
}

impl Record {
    /// A record of `map` that keeps nothing yet but its `updated` time.
    pub fn new(map: &JourneyMap) -> Record {
        Record(Kept::Part(Part {
            updated: map.updated,
            head: None,
            ids: HashSet::new(),
            cards: Vec::new(),
        }))
    }

    /// A record that keeps all of `map`: what replacing the open map with another one undoes.
    pub fn whole(map: JourneyMap) -> Record {
        Record(Kept::Whole(Box::new(map)))
    }

    /// Keeps, as they were when the record began, the parts of `map` that `op` may change and
    /// the record does not keep yet. Call it before applying `op` to `map`, which must be the
    /// map the record began on, changed only by ops given to `widen` (a gesture's earlier
    /// steps), so that one record undoes them all. Refused ops may be given too.
    pub fn widen(&mut self, map: &JourneyMap, op: &Op) {
        let Kept::Part(part) = &mut self.0 else {
            return;
        };
        let footprint = footprint(map, op);
        if footprint.head && part.head.is_none() {
            // Untouched by the earlier steps, so as it was at the start.
            part.head = Some(Head::of(map));
        }
        let new: HashSet<CardId> = footprint.cards.difference(&part.ids).cloned().collect();
        if new.is_empty() {
            return;
        }
        // The cards outside the record are those the earlier steps left alone: the same
        // cards, in the same order, as at the start. A new card's rank among them says
        // where it was then: at that rank among the slots the kept cards do not fill.
        let ranked: Vec<(usize, Card)> = map
            .cards
            .iter()
            .filter(|c| !part.ids.contains(&c.id))
            .enumerate()
            .filter(|(_, c)| new.contains(&c.id))
            .map(|(rank, c)| (rank, c.clone()))
            .collect();
        let filled: Vec<usize> = part.cards.iter().map(|(index, _)| *index).collect();
        let mut passed = 0;
        let mut added = Vec::with_capacity(ranked.len());
        for (rank, card) in ranked {
            while filled.get(passed).is_some_and(|&f| f <= rank + passed) {
                passed += 1;
            }
            added.push((rank + passed, card));
        }
        part.cards.extend(added);
        part.cards.sort_by_key(|(index, _)| *index);
        part.ids.extend(new);
    }

    /// Puts the kept state back in `map` and returns the record of what it replaced, which
    /// restores `map` as it is now.
    pub fn restore(self, map: &mut JourneyMap) -> Record {
        match self.0 {
            Kept::Whole(whole) => Record::whole(std::mem::replace(map, *whole)),
            Kept::Part(part) => Record(Kept::Part(part.restore(map))),
        }
    }

    /// Whether restoring the record would change `map`, that is, whether the ops it was widened
    /// with changed anything.
    pub fn differs_from(&self, map: &JourneyMap) -> bool {
        match &self.0 {
            Kept::Whole(whole) => **whole != *map,
            Kept::Part(part) => part.differs_from(map),
        }
    }

    /// How many cards the record holds copies of.
    pub fn cards_kept(&self) -> usize {
        match &self.0 {
            Kept::Whole(whole) => whole.cards.len(),
            Kept::Part(part) => part.cards.len(),
        }
    }
}

impl Part {
    fn restore(self, map: &mut JourneyMap) -> Part {
        let updated = std::mem::replace(&mut map.updated, self.updated);
        let head = self.head.map(|head| head.swap_into(map));
        let current = std::mem::take(&mut map.cards);
        let mut replaced = Vec::new();
        let mut others = Vec::with_capacity(current.len());
        for (index, card) in current.into_iter().enumerate() {
            if self.ids.contains(&card.id) {
                replaced.push((index, card));
            } else {
                others.push(card);
            }
        }
        map.cards = put_back(others, self.cards);
        Part {
            updated,
            head,
            ids: self.ids,
            cards: replaced,
        }
    }

    fn differs_from(&self, map: &JourneyMap) -> bool {
        if self.updated != map.updated || self.head.as_ref().is_some_and(|h| !h.is_in(map)) {
            return true;
        }
        let mut kept = self.cards.iter();
        let mut present = 0;
        for (index, card) in map.cards.iter().enumerate() {
            if !self.ids.contains(&card.id) {
                continue;
            }
            present += 1;
            if kept.next().is_none_or(|(at, kept)| *at != index || kept != card) {
                return true;
            }
        }
        present != self.cards.len()
    }
}

/// `others` in order, with each of `placed` (by ascending index) at its index. An index past
/// the end (a record restored onto a map it does not belong to) puts the card last rather
/// than fail.
fn put_back(others: Vec<Card>, placed: Vec<(usize, Card)>) -> Vec<Card> {
    let mut cards = Vec::with_capacity(others.len() + placed.len());
    let mut placed = placed.into_iter().peekable();
    for card in others {
        while let Some((_, kept)) = placed.next_if(|(index, _)| *index <= cards.len()) {
            cards.push(kept);
        }
        cards.push(card);
    }
    cards.extend(placed.map(|(_, kept)| kept));
    cards
}
