//! What a replica's own change writes: the registers in which the map the app made differs
//! from the map the replica showed it. Only what the person changed is written, never what
//! follows from it, so nobody's concurrent work is overwritten by a consequence: deleting a
//! stage writes the stage's deletion, not its cards' (they go with it, and come back with
//! it), and a card that loses a deleted persona or pain point keeps its list as it was.

use super::message::Change;
use super::order::rekey;
use super::record::{
    CardPlace, CardRecord, CardRegister, Entry, Kept, LaneRecord, MapRecord, Ordered,
    PersonaRecord, Record, ScoreRecord, ScoreRegister, StageRecord,
};
use super::state::State;
use crate::ids::{CardId, LaneId, StageId};
use crate::map::{Card, EmotionScore, JourneyMap};
use crate::ops::Op;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What an op moved: those things take a new key even where keeping theirs and moving their
/// neighbours would do, so that a move never writes a thing the person did not move.
#[derive(Debug, Default)]
pub(crate) struct Moved {
    stages: HashSet<StageId>,
    lanes: HashSet<LaneId>,
    cards: HashSet<CardId>,
}

impl Moved {
    pub(crate) fn by(op: &Op) -> Moved {
        let mut moved = Moved::default();
        match op {
            Op::MoveStage { id, .. } => {
                moved.stages.insert(id.clone());
            }
            Op::MoveLane { id, .. } => {
                moved.lanes.insert(id.clone());
            }
            Op::MoveCard { id, .. } => {
                moved.cards.insert(id.clone());
            }
            Op::MoveCards { ids, .. } => moved.cards.extend(ids.iter().cloned()),
            _ => {}
        }
        moved
    }
}

/// The changes that turn `view`, the map `state` stands for, into `new`; new keys end with
/// `tag`. A thing of `new` that the state holds as deleted is left out: ids are never reused,
/// so it can only come from a map older than the deletion.
pub(crate) fn changes(
    state: &State,
    view: &JourneyMap,
    new: &JourneyMap,
    moved: &Moved,
    tag: &str,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut registers = Vec::new();
    MapRecord::changed(view, new, &mut registers);
    out.extend(registers.into_iter().map(Change::Map));

    let stages = List::<StageRecord>::of(state, &view.stages, &new.stages);
    stages.edit(state, |s| Cow::Borrowed(s), &mut out);
    stages.remove(|_| false, &mut out);
    stages.reorder(state, &moved.stages, tag, &mut out);

    let lanes = List::<LaneRecord>::of(state, &view.lanes, &new.lanes);
    lanes.edit(state, |l| Cow::Borrowed(l), &mut out);
    lanes.remove(|_| false, &mut out);
    lanes.reorder(state, &moved.lanes, tag, &mut out);

    let personas = List::<PersonaRecord>::of(state, &view.personas, &new.personas);
    personas.edit(state, |p| Cow::Borrowed(p), &mut out);
    personas.remove(|_| false, &mut out);
    personas.reorder(state, &HashSet::new(), tag, &mut out);
    scores(state, &personas, &stages.ids, &mut out);

    let cards = List::<CardRecord>::of(state, &view.cards, &new.cards);
    // What a card names that is gone from the map leaves it with the map, not by an edit.
    let lost = |card: &Card| {
        let persona_gone = card.personas.iter().any(|p| !personas.ids.contains(p));
        let card_gone = card.addresses.iter().any(|a| !cards.ids.contains(a));
        persona_gone || card_gone
    };
    cards.edit(
        state,
        |card| match lost(card) {
            false => Cow::Borrowed(card),
            true => {
                let mut card = card.clone();
                card.personas.retain(|p| personas.ids.contains(p));
                card.addresses.retain(|a| cards.ids.contains(a));
                Cow::Owned(card)
            }
        },
        &mut out,
    );
    let cell_gone =
        |card: &Card| !stages.ids.contains(&card.stage) || !lanes.ids.contains(&card.lane);
    cards.remove(cell_gone, &mut out);
    places(state, &cards, &moved.cards, tag, &mut out);
    out
}

/// One kind of thing in the map before and after.
struct List<'a, R: Kept> {
    before: &'a [R::Item],
    by_id: HashMap<&'a R::Id, &'a R::Item>,
    /// The things after that are written: all but those the state holds as deleted.
    after: Vec<&'a R::Item>,
    /// Every id after.
    ids: HashSet<&'a R::Id>,
}

impl<'a, R: Kept> List<'a, R> {
    fn of(state: &State, before: &'a [R::Item], after: &'a [R::Item]) -> Self {
        let by_id: HashMap<&R::Id, &R::Item> = before.iter().map(|i| (R::id(i), i)).collect();
        let records = R::all(state);
        let after: Vec<&R::Item> = after
            .iter()
            .filter(|i| {
                let id = R::id(i);
                by_id.contains_key(id) || !records.get(id).is_some_and(R::gone)
            })
            .collect();
        let ids = after_ids::<R>(&after);
        List {
            before,
            by_id,
            after,
            ids,
        }
    }

    /// The fields each thing changed, compared with what it was shown as (`shown` of it), or
    /// for a thing that was not shown (new, or shown nowhere) with what the state holds.
    fn edit(&self, state: &State, shown: impl Fn(&R::Item) -> Cow<R::Item>, out: &mut Vec<Change>)
    where
        R::Item: Clone,
    {
        let mut registers = Vec::new();
        for item in &self.after {
            let id = R::id(item);
            match self.by_id.get(id) {
                Some(was) => R::changed(&shown(was), item, &mut registers),
                None => {
                    let mut held = R::blank_item(id);
                    if let Some(record) = R::all(state).get(id) {
                        record.fill(&mut held);
                    }
                    R::changed(&held, item, &mut registers);
                }
            }
            out.extend(registers.drain(..).map(|r| R::change(id.clone(), r)));
        }
    }

    /// Deletes the things shown before and gone after, but those `implied` says went with
    /// something else that was deleted.
    fn remove(&self, implied: impl Fn(&R::Item) -> bool, out: &mut Vec<Change>) {
        for item in self.before {
            let id = R::id(item);
            if !self.ids.contains(id) && !implied(item) {
                out.push(R::change(id.clone(), R::removal()));
            }
        }
    }
}

fn after_ids<'a, R: Kept>(after: &[&'a R::Item]) -> HashSet<&'a R::Id> {
    after.iter().map(|i| R::id(i)).collect()
}

impl<R: Ordered> List<'_, R> {
    /// New keys for the things whose order changed.
    fn reorder(&self, state: &State, moved: &HashSet<R::Id>, tag: &str, out: &mut Vec<Change>) {
        let order: Vec<&R::Id> = self.after.iter().map(|i| R::id(i)).collect();
        if self.before.iter().map(R::id).eq(order.iter().copied()) {
            return;
        }
        let records = R::all(state);
        let keys: Vec<Option<&str>> = order
            .iter()
            .map(|&id| {
                let stays = self.by_id.contains_key(id) && !moved.contains(id);
                records.get(id).filter(|_| stays).and_then(R::key)
            })
            .collect();
        for (id, key) in order.into_iter().zip(rekey(&keys, tag)) {
            if let Some(key) = key {
                out.push(R::change(id.clone(), R::placed_at(key)));
            }
        }
    }
}

type CellOf<'a> = (&'a LaneId, &'a StageId);

fn cell(card: &Card) -> CellOf<'_> {
    (&card.lane, &card.stage)
}

/// A new place for each card that went to another cell, and new keys in each cell whose
/// order changed.
fn places(
    state: &State,
    cards: &List<CardRecord>,
    moved: &HashSet<CardId>,
    tag: &str,
    out: &mut Vec<Change>,
) {
    let mut before: HashMap<CellOf, Vec<&CardId>> = HashMap::new();
    for card in cards.before {
        before.entry(cell(card)).or_default().push(&card.id);
    }
    let mut order: Vec<CellOf> = Vec::new();
    let mut after: HashMap<CellOf, Vec<&Card>> = HashMap::new();
    for &card in &cards.after {
        let list = after.entry(cell(card)).or_insert_with(|| {
            order.push(cell(card));
            Vec::new()
        });
        list.push(card);
    }
    for at in order {
        let list = &after[&at];
        let ids: Vec<&CardId> = list.iter().map(|c| &c.id).collect();
        if before.get(&at) == Some(&ids) {
            continue;
        }
        let keys: Vec<Option<&str>> = list
            .iter()
            .map(|card| {
                let stays = cards.by_id.get(&card.id).is_some_and(|was| cell(was) == at)
                    && !moved.contains(&card.id);
                let record = state.cards.get(&card.id).filter(|_| stays);
                record
                    .and_then(|r| r.place.as_ref())
                    .map(|p| p.1.at.as_str())
            })
            .collect();
        for (card, key) in list.iter().zip(rekey(&keys, tag)) {
            if let Some(at) = key {
                let place = CardPlace {
                    lane: card.lane.clone(),
                    stage: card.stage.clone(),
                    at,
                };
                out.push(Change::Card(card.id.clone(), CardRegister::Place(place)));
            }
        }
    }
}

/// The entries each persona after changed, and those it no longer has at a stage that is
/// still there (a deleted stage or persona takes its entries along without a write).
fn scores(
    state: &State,
    personas: &List<PersonaRecord>,
    stages: &HashSet<&StageId>,
    out: &mut Vec<Change>,
) {
    let entry = |e: &EmotionScore| Entry {
        score: Some(e.score),
        note: e.note.clone(),
    };
    let mut registers = Vec::new();
    for persona in &personas.after {
        let was = personas.by_id.get(&persona.id);
        let shown: HashMap<&StageId, &EmotionScore> = was
            .map(|p| p.emotions.iter().map(|e| (&e.stage, e)).collect())
            .unwrap_or_default();
        let held = state.scores.get(&persona.id);
        for e in &persona.emotions {
            let before = match shown.get(&e.stage) {
                Some(shown) => entry(shown),
                None => {
                    let mut before = Entry::default();
                    if let Some(record) = held.and_then(|h| h.get(&e.stage)) {
                        record.fill(&mut before);
                    }
                    before
                }
            };
            ScoreRecord::changed(&before, &entry(e), &mut registers);
            let (p, s) = (&persona.id, &e.stage);
            out.extend(
                registers
                    .drain(..)
                    .map(|r| Change::Score(p.clone(), s.clone(), r)),
            );
        }
        let kept: HashSet<&StageId> = persona.emotions.iter().map(|e| &e.stage).collect();
        for e in was.map(|p| p.emotions.as_slice()).unwrap_or_default() {
            if !kept.contains(&e.stage) && stages.contains(&e.stage) {
                let gone = ScoreRegister::Score(None);
                out.push(Change::Score(persona.id.clone(), e.stage.clone(), gone));
            }
        }
    }
}
