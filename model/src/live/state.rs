//! Everything a live map holds: every record ever made, deleted ones included, with the stamp
//! of each register. Replicas that have received the same changes hold equal states, whatever
//! the order the changes came in; the map is drawn from the state alone (`materialise`).

use super::message::{Change, LiveError, Version, decode};
use super::record::{
    CardRecord, Entry, Kept, LaneRecord, MapRecord, PersonaRecord, Record, ScoreRecord, StageRecord,
};
use super::stamp::Stamp;
use crate::ids::{CardId, LaneId, MapId, PersonaId, StageId};
use crate::map::JourneyMap;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A live map's whole state, for a snapshot: `{"v":1,"id":…,"created":…,"map":{…},
/// "stages":{"s1":{"name":[[1,"Q3vX9a"],"Awareness"],"at":[[1,"Q3vX9a"],"V"]}},…}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    v: Version,
    pub(crate) id: MapId,
    pub(crate) created: DateTime<Utc>,
    pub(crate) map: MapRecord,
    #[serde(default)]
    pub(crate) stages: BTreeMap<StageId, StageRecord>,
    #[serde(default)]
    pub(crate) lanes: BTreeMap<LaneId, LaneRecord>,
    #[serde(default)]
    pub(crate) cards: BTreeMap<CardId, CardRecord>,
    #[serde(default)]
    pub(crate) personas: BTreeMap<PersonaId, PersonaRecord>,
    /// By persona, then stage.
    #[serde(default)]
    pub(crate) scores: BTreeMap<PersonaId, BTreeMap<StageId, ScoreRecord>>,
}

/// A record a step made, which undoing the step deletes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Made {
    Stage(StageId),
    Lane(LaneId),
    Card(CardId),
    Persona(PersonaId),
}

/// What a register held before a write: a value (its blank one if never written), or nothing,
/// because the write makes its record.
pub(crate) enum Prior {
    Was(Change),
    Made(Made),
}

impl State {
    pub(crate) fn new(id: MapId, created: DateTime<Utc>) -> State {
        State {
            v: Version,
            id,
            created,
            map: MapRecord::default(),
            stages: BTreeMap::new(),
            lanes: BTreeMap::new(),
            cards: BTreeMap::new(),
            personas: BTreeMap::new(),
            scores: BTreeMap::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a state always serialises")
    }

    pub fn from_json(text: &str) -> Result<State, LiveError> {
        decode(text)
    }

    /// The map with nothing in it but its id and creation time.
    pub(crate) fn blank_map(&self) -> JourneyMap {
        JourneyMap {
            id: self.id.clone(),
            title: String::new(),
            locale: Default::default(),
            created: self.created,
            updated: self.created,
            stages: Vec::new(),
            lanes: Vec::new(),
            cards: Vec::new(),
            personas: Vec::new(),
        }
    }

    /// The latest clock of any register.
    pub(crate) fn latest_clock(&self) -> u64 {
        let records = self.map.stamps().into_iter();
        let records = records
            .chain(self.stages.values().flat_map(Record::stamps))
            .chain(self.lanes.values().flat_map(Record::stamps))
            .chain(self.cards.values().flat_map(Record::stamps))
            .chain(self.personas.values().flat_map(Record::stamps))
            .chain(
                self.scores
                    .values()
                    .flat_map(BTreeMap::values)
                    .flat_map(Record::stamps),
            );
        records.map(|s| s.0).max().unwrap_or(0)
    }

    /// Writes `change` at `stamp` if it is later than what its register holds; whether it was.
    pub(crate) fn write(&mut self, stamp: &Stamp, change: Change) -> bool {
        match change {
            Change::Map(r) => self.map.write(stamp, r),
            Change::Stage(id, r) => self.stages.entry(id).or_default().write(stamp, r),
            Change::Lane(id, r) => self.lanes.entry(id).or_default().write(stamp, r),
            Change::Card(id, r) => self.cards.entry(id).or_default().write(stamp, r),
            Change::Persona(id, r) => self.personas.entry(id).or_default().write(stamp, r),
            Change::Score(persona, stage, r) => self
                .scores
                .entry(persona)
                .or_default()
                .entry(stage)
                .or_default()
                .write(stamp, r),
        }
    }

    /// What the register `like` writes holds now, with its stamp.
    pub(crate) fn read(&self, like: &Change) -> Option<(&Stamp, Change)> {
        fn kept<'a, R: Kept>(
            state: &'a State,
            id: &R::Id,
            like: &R::Register,
        ) -> Option<(&'a Stamp, Change)> {
            let (stamp, value) = R::all(state).get(id)?.read(like)?;
            Some((stamp, R::change(id.clone(), value)))
        }
        match like {
            Change::Map(r) => self.map.read(r).map(|(s, v)| (s, Change::Map(v))),
            Change::Stage(id, r) => kept::<StageRecord>(self, id, r),
            Change::Lane(id, r) => kept::<LaneRecord>(self, id, r),
            Change::Card(id, r) => kept::<CardRecord>(self, id, r),
            Change::Persona(id, r) => kept::<PersonaRecord>(self, id, r),
            Change::Score(persona, stage, r) => {
                let record = self.scores.get(persona)?.get(stage)?;
                let (stamp, value) = record.read(r)?;
                Some((stamp, Change::Score(persona.clone(), stage.clone(), value)))
            }
        }
    }

    /// What the register `change` writes holds before it does, for undo; `None` only for a
    /// register without a blank value in a record that has it (never, as all but places have
    /// one and every placed record has its place).
    pub(crate) fn prior(&self, change: &Change) -> Option<Prior> {
        fn kept<R: Kept>(
            state: &State,
            id: &R::Id,
            like: &R::Register,
            made: Made,
        ) -> Option<Prior> {
            let Some(record) = R::all(state).get(id).filter(|r| r.placed()) else {
                return Some(Prior::Made(made));
            };
            let value = match record.read(like) {
                Some((_, value)) => value,
                None => R::blank(like, &R::blank_item(id))?,
            };
            Some(Prior::Was(R::change(id.clone(), value)))
        }
        match change {
            Change::Map(r) => {
                let value = match self.map.read(r) {
                    Some((_, value)) => value,
                    None => MapRecord::blank(r, &self.blank_map())?,
                };
                Some(Prior::Was(Change::Map(value)))
            }
            Change::Stage(id, r) => kept::<StageRecord>(self, id, r, Made::Stage(id.clone())),
            Change::Lane(id, r) => kept::<LaneRecord>(self, id, r, Made::Lane(id.clone())),
            Change::Card(id, r) => kept::<CardRecord>(self, id, r, Made::Card(id.clone())),
            Change::Persona(id, r) => kept::<PersonaRecord>(self, id, r, Made::Persona(id.clone())),
            Change::Score(persona, stage, r) => {
                let record = self.scores.get(persona).and_then(|p| p.get(stage));
                let value = match record.and_then(|record| record.read(r)) {
                    Some((_, value)) => value,
                    None => ScoreRecord::blank(r, &Entry::default())?,
                };
                Some(Prior::Was(Change::Score(
                    persona.clone(),
                    stage.clone(),
                    value,
                )))
            }
        }
    }

    /// The stamps of every register of a record, and whether it is deleted.
    pub(crate) fn record(&self, made: &Made) -> (Vec<&Stamp>, bool) {
        fn of<'a, R: Kept>(state: &'a State, id: &R::Id) -> (Vec<&'a Stamp>, bool) {
            R::all(state)
                .get(id)
                .map_or((Vec::new(), false), |r| (r.stamps(), r.gone()))
        }
        match made {
            Made::Stage(id) => of::<StageRecord>(self, id),
            Made::Lane(id) => of::<LaneRecord>(self, id),
            Made::Card(id) => of::<CardRecord>(self, id),
            Made::Persona(id) => of::<PersonaRecord>(self, id),
        }
    }
}

impl Made {
    /// The change that deletes it.
    pub(crate) fn removal(&self) -> Change {
        match self {
            Made::Stage(id) => StageRecord::change(id.clone(), StageRecord::removal()),
            Made::Lane(id) => LaneRecord::change(id.clone(), LaneRecord::removal()),
            Made::Card(id) => CardRecord::change(id.clone(), CardRecord::removal()),
            Made::Persona(id) => PersonaRecord::change(id.clone(), PersonaRecord::removal()),
        }
    }
}
