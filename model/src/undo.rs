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
    head: Option<Box<Head>>,
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

    /// Puts this head in `map` and the one it replaces in `self`.
    fn swap_with(&mut self, map: &mut JourneyMap) {
        let Head {
            id,
            title,
            locale,
            created,
            stages,
            lanes,
            personas,
        } = self;
        std::mem::swap(id, &mut map.id);
        std::mem::swap(title, &mut map.title);
        std::mem::swap(locale, &mut map.locale);
        std::mem::swap(created, &mut map.created);
        std::mem::swap(stages, &mut map.stages);
        std::mem::swap(lanes, &mut map.lanes);
        std::mem::swap(personas, &mut map.personas);
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
            part.head = Some(Box::new(Head::of(map)));
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
        let head = self.head.map(|mut head| {
            head.swap_with(map);
            head
        });
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
            if kept
                .next()
                .is_none_or(|(at, kept)| *at != index || kept != card)
            {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{PersonaId, StageId};
    use crate::map::Cell;
    use crate::ops::apply;
    use crate::templates::{Template, new_map};

    fn at(second: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + second, 0).unwrap()
    }

    /// The classic template with cards a, b, c in one cell, x, y in another, z in a third
    /// stage, interleaved in the list as edits leave them (a, b, x, c, y, z), so that a card's
    /// index and its place in its cell differ; and a second persona for whom b and x are.
    fn sample() -> JourneyMap {
        let mut n = 0;
        let mut map = new_map(Template::Classic, Locale::En, "Test", at(0), &mut || {
            n += 1;
            format!("id{n}")
        });
        let cells = [cell(&map, 0, 0), cell(&map, 2, 0), cell(&map, 0, 2)];
        let cards = [("a", 0), ("b", 0), ("x", 1), ("c", 0), ("y", 1), ("z", 2)];
        for (i, (id, c)) in cards.into_iter().enumerate() {
            let at = map.cards_in(&cells[c]).count();
            let op = Op::AddCard {
                id: CardId::new(id),
                cell: cells[c].clone(),
                at,
                text: id.to_uppercase(),
            };
            apply(&mut map, op, self::at(i as i64)).unwrap();
        }
        map.cards
            .sort_by_key(|card| cards.iter().position(|(id, _)| card.id.as_str() == *id));
        let ana = PersonaId::new("ana");
        let more = [
            Op::AddPersona {
                id: ana.clone(),
                name: "Ana".into(),
            },
            Op::SetCardPersonas {
                id: CardId::new("b"),
                personas: vec![ana.clone()],
            },
            Op::SetCardPersonas {
                id: CardId::new("x"),
                personas: vec![ana],
            },
        ];
        for op in more {
            apply(&mut map, op, at(10)).unwrap();
        }
        map
    }

    fn cell(map: &JourneyMap, lane: usize, stage: usize) -> Cell {
        Cell {
            lane: map.lanes[lane].id.clone(),
            stage: map.stages[stage].id.clone(),
        }
    }

    fn ids(map: &JourneyMap) -> Vec<&str> {
        map.cards.iter().map(|c| c.id.as_str()).collect()
    }

    fn addresses(map: &mut JourneyMap, id: &str, to: &[&str]) {
        let op = Op::SetCardAddresses {
            id: CardId::new(id),
            addresses: to.iter().map(|a| CardId::new(*a)).collect(),
        };
        apply(map, op, at(20)).unwrap();
    }

    /// Applies `op` to `map` with a record of its own, checks that the record and its inverse
    /// swap the two maps exactly, and returns the record.
    fn round_trip(map: &mut JourneyMap, op: Op) -> Record {
        let before = map.clone();
        let mut record = Record::new(map);
        record.widen(map, &op);
        apply(map, op, at(100)).unwrap();
        let after = map.clone();
        let kept = record.clone();
        let redo = record.restore(map);
        assert_eq!(*map, before);
        redo.restore(map);
        assert_eq!(*map, after);
        kept
    }

    #[test]
    fn editing_one_card_keeps_that_card_and_not_the_head() {
        let mut map = sample();
        let op = Op::EditCardText {
            id: CardId::new("c"),
            text: "New".into(),
        };
        let record = round_trip(&mut map, op);
        assert_eq!(record.cards_kept(), 1);
        let Kept::Part(part) = record.0 else {
            panic!("a whole map kept")
        };
        assert!(part.head.is_none());
    }

    #[test]
    fn deleting_a_card_others_address_brings_back_the_card_and_their_addresses() {
        let mut map = sample();
        addresses(&mut map, "x", &["a", "b"]);
        addresses(&mut map, "z", &["a"]);
        addresses(&mut map, "y", &["b"]);
        let record = round_trip(
            &mut map,
            Op::DeleteCard {
                id: CardId::new("a"),
            },
        );
        // a itself and the two cards that addressed it; y addressed only b.
        assert_eq!(record.cards_kept(), 3);
        record.restore(&mut map);
        assert_eq!(map.card(&CardId::new("x")).unwrap().addresses.len(), 2);
        assert_eq!(ids(&map), ["a", "b", "x", "c", "y", "z"]);
    }

    #[test]
    fn deleting_a_stage_brings_back_its_cards_in_place_and_the_scores() {
        let mut map = sample();
        addresses(&mut map, "z", &["y"]);
        let stage = map.stages[0].id.clone();
        let persona = map.personas[0].id.clone();
        let score = crate::map::Score::new(-2).unwrap();
        let op = Op::SetEmotion {
            persona,
            stage: stage.clone(),
            score,
        };
        apply(&mut map, op, at(30)).unwrap();
        let before = map.clone();
        let record = round_trip(&mut map, Op::DeleteStage { id: stage });
        // Its five cards, and z, which addressed one of them.
        assert_eq!(record.cards_kept(), 6);
        record.restore(&mut map);
        assert_eq!(map, before);
    }

    #[test]
    fn deleting_a_persona_brings_it_back_on_the_cards_that_were_for_it() {
        let mut map = sample();
        let record = round_trip(
            &mut map,
            Op::DeletePersona {
                id: PersonaId::new("ana"),
            },
        );
        assert_eq!(record.cards_kept(), 2);
        record.restore(&mut map);
        let b = map.card(&CardId::new("b")).unwrap();
        assert_eq!(b.personas, [PersonaId::new("ana")]);
    }

    #[test]
    fn moving_a_card_within_its_cell_puts_it_back_at_its_place() {
        let mut map = sample();
        let to = cell(&map, 0, 0);
        let op = Op::MoveCard {
            id: CardId::new("a"),
            to,
            at: 2,
        };
        let record = round_trip(&mut map, op);
        assert_eq!(ids(&map), ["b", "x", "c", "a", "y", "z"]);
        record.restore(&mut map);
        assert_eq!(ids(&map), ["a", "b", "x", "c", "y", "z"]);
    }

    #[test]
    fn moving_several_cards_puts_each_back_in_its_cell_and_place() {
        let mut map = sample();
        let to = cell(&map, 2, 0);
        let op = Op::MoveCards {
            ids: vec![CardId::new("z"), CardId::new("a"), CardId::new("c")],
            to,
            at: 1,
        };
        let record = round_trip(&mut map, op);
        assert_eq!(record.cards_kept(), 3);
        record.restore(&mut map);
        assert_eq!(ids(&map), ["a", "b", "x", "c", "y", "z"]);
    }

    #[test]
    fn a_drag_across_cells_is_undone_as_one_step_keeping_each_card_once() {
        let mut map = sample();
        let before = map.clone();
        let a = CardId::new("a");
        let mut record = Record::new(&map);
        for (i, (lane, stage, at)) in [(0, 0, 2), (2, 0, 0), (2, 0, 2), (0, 2, 1)]
            .into_iter()
            .enumerate()
        {
            let op = Op::MoveCard {
                id: a.clone(),
                to: cell(&map, lane, stage),
                at,
            };
            record.widen(&map, &op);
            apply(&mut map, op, self::at(40 + i as i64)).unwrap();
        }
        // A second card joins the drag halfway: kept as it was before the first step.
        let op = Op::MoveCard {
            id: CardId::new("b"),
            to: cell(&map, 0, 2),
            at: 0,
        };
        record.widen(&map, &op);
        apply(&mut map, op, at(50)).unwrap();
        assert_eq!(ids(&map), ["x", "c", "y", "b", "z", "a"]);
        assert_eq!(record.cards_kept(), 2);
        assert!(record.differs_from(&map));
        let after = map.clone();
        let redo = record.restore(&mut map);
        assert_eq!(map, before);
        redo.restore(&mut map);
        assert_eq!(map, after);
    }

    #[test]
    fn a_gesture_that_changed_nothing_is_not_a_change() {
        let mut map = sample();
        let mut record = Record::new(&map);
        let refused = Op::MoveCard {
            id: CardId::new("a"),
            to: Cell {
                lane: map.lanes[0].id.clone(),
                stage: StageId::new("gone"),
            },
            at: 0,
        };
        record.widen(&map, &refused);
        assert!(apply(&mut map, refused, at(60)).is_err());
        assert!(!record.differs_from(&map));
    }

    #[test]
    fn a_whole_record_swaps_the_whole_map() {
        let mut map = sample();
        let mut n = 0;
        let other = new_map(Template::Blank, Locale::Ro, "Alta", at(90), &mut || {
            n += 1;
            format!("o{n}")
        });
        let record = Record::whole(other.clone());
        let back = record.restore(&mut map);
        assert_eq!(map, other);
        back.restore(&mut map);
        assert_eq!(map, sample());
    }
}
