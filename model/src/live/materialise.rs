//! The map a state stands for, the same on every replica that holds that state, and one that
//! keeps every invariant whatever the changes were: concurrent changes can each be fine alone
//! and clash together (a card moved into a stage someone deleted), and a message is data from
//! another replica, so what cannot be shown is left out and the rest repaired as loading
//! repairs a file. Sorting is the costliest step: O(n log n) in the records.

use super::record::{CardRecord, Entry, Kept, Ordered, Record, ScoreRecord};
use super::state::State;
use crate::format;
use crate::ids::{CardId, LaneId, PersonaId, StageId};
use crate::map::{Card, EmotionScore, JourneyMap, Limit, Persona};
use std::collections::{BTreeMap, HashMap};

pub(crate) fn materialise(state: &State) -> JourneyMap {
    let mut map = state.blank_map();
    state.map.fill(&mut map);
    map.stages = in_order(&state.stages, Limit::Stages);
    map.lanes = in_order(&state.lanes, Limit::Lanes);
    map.personas = in_order(&state.personas, Limit::Personas);
    let stages: HashMap<&StageId, usize> = map.stages.iter().map(|s| &s.id).zip(0..).collect();
    let lanes: HashMap<&LaneId, usize> = (map.lanes.iter().zip(0..))
        .filter(|(l, _)| l.kind.holds_cards())
        .map(|(l, i)| (&l.id, i))
        .collect();
    map.cards = cards(&state.cards, &stages, &lanes);
    let scores = scores(&state.scores, &map.personas, &stages);
    for (persona, emotions) in map.personas.iter_mut().zip(scores) {
        persona.emotions = emotions;
    }
    format::repair(&mut map);
    map
}

/// The records that are not deleted and have their key, by key then id; the first `limit`.
fn in_order<R: Ordered>(records: &BTreeMap<R::Id, R>, limit: Limit) -> Vec<R::Item> {
    let mut alive: Vec<(&str, &R::Id, &R)> = records
        .iter()
        .filter(|(_, r)| !r.gone())
        .filter_map(|(id, r)| Some((r.key()?, id, r)))
        .collect();
    alive.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    alive.truncate(limit.max());
    let item = |(_, id, record): (&str, &R::Id, &R)| {
        let mut item = R::blank_item(id);
        record.fill(&mut item);
        item
    };
    alive.into_iter().map(item).collect()
}

/// The cards that are not deleted and whose cell is shown, in journey order (stage, lane, key,
/// id); the first `Limit::Cards` of them, each with at most as many tags and sources as a card
/// holds.
fn cards(
    records: &BTreeMap<CardId, CardRecord>,
    stages: &HashMap<&StageId, usize>,
    lanes: &HashMap<&LaneId, usize>,
) -> Vec<Card> {
    let mut shown: Vec<_> = records
        .iter()
        .filter(|(_, r)| !r.gone())
        .filter_map(|(id, r)| {
            let place = &r.place.as_ref()?.1;
            let key = (
                stages.get(&place.stage)?,
                lanes.get(&place.lane)?,
                &place.at,
                id,
            );
            Some((key, place, r))
        })
        .collect();
    shown.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    shown.truncate(Limit::Cards.max());
    shown
        .into_iter()
        .map(|((.., id), place, record)| {
            let mut card = CardRecord::blank_item(id);
            record.fill(&mut card);
            card.lane = place.lane.clone();
            card.stage = place.stage.clone();
            card.tags.truncate(Limit::Tags.max());
            card.evidence.truncate(Limit::Sources.max());
            card
        })
        .collect()
}

/// Each shown persona's entries at the shown stages, in stage order.
fn scores(
    records: &BTreeMap<PersonaId, BTreeMap<StageId, ScoreRecord>>,
    personas: &[Persona],
    stages: &HashMap<&StageId, usize>,
) -> Vec<Vec<EmotionScore>> {
    personas
        .iter()
        .map(|persona| {
            let Some(entries) = records.get(&persona.id) else {
                return Vec::new();
            };
            let mut shown: Vec<(usize, EmotionScore)> = entries
                .iter()
                .filter_map(|(stage, record)| {
                    let mut entry = Entry::default();
                    record.fill(&mut entry);
                    let score = EmotionScore {
                        stage: stage.clone(),
                        score: entry.score?,
                        note: entry.note,
                    };
                    Some((*stages.get(stage)?, score))
                })
                .collect();
            shown.sort_unstable_by_key(|(at, _)| *at);
            shown.into_iter().map(|(_, score)| score).collect()
        })
        .collect()
}
