//! Working on one map together, live (issue 13): several people change a map at once, each in
//! their own tab, and the server relays their changes sealed, never reading them. This is the
//! pure part. A [`Replica`] holds a map's live state, turns its person's changes into a
//! [`Message`] to seal and send, takes in everyone else's, and draws the map from what it
//! holds. Any two replicas that have received the same messages hold equal states and show
//! equal maps, whatever order the messages came in and however often each came, and that map
//! keeps every invariant (`JourneyMap::check_invariants`). The map and its file format do not
//! change: the live state sits beside the map, and is dropped when the session ends.
//!
//! # What a replica holds
//!
//! Every stage, lane, card and persona is a *record*, kept by its id, and so is each persona's
//! entry at a stage (its score and note), kept by (persona, stage); the map's title, language
//! and time of change are one more record. A record has a *register* per field: a stage its
//! name; a lane its kind, name and visibility; a card each of its fields (text, colour, tags,
//! category, channel, personas, evidence, confidence, impact, effort, metric, status, owner,
//! due date, addresses) and its *place*; a persona its name, quote, picture, each of the
//! twenty profile texts and its preferred channels; an entry its score and its note. Stages,
//! lanes and personas also have a key for their order, and every record but an entry has a
//! *gone* register, its tombstone. A register keeps the last value written to it with that
//! write's *stamp*: a Lamport clock and the id of the replica that wrote it. A register never
//! written reads as a new record's value, so a change need not carry what is left at default.
//!
//! # The rules
//!
//! 1. **Last writer wins, per register.** Of two writes to one register, the one with the
//!    later stamp stays: the higher clock, then the higher replica id. A replica's clock
//!    passes every clock it receives, so a change made after seeing another always wins over
//!    it; of concurrent ones, either may, the same on every replica. Writing is idempotent and
//!    commutative, which is why order and repeats do not matter.
//! 2. **Edits of different fields of one card both survive**, as they write different
//!    registers; so do edits of different profile texts of one persona, and a score and its
//!    note. Two edits of the same field keep the later one whole (a text, a list of tags, a
//!    list of sources is one value: they are not merged).
//! 3. **Two people moving the same card leave it in exactly one place**: a card's cell and its
//!    position in the cell are one register, so the later move wins whole.
//! 4. **Order is by fractional keys**, as Excalidraw orders elements: a stage, lane or persona
//!    has a key, a card's place has one for its cell, and a list is its things sorted by key,
//!    then id. Keys are base-62 digits ending in the writing replica's id (see `key`), so two
//!    people inserting at the same spot at once get different keys and both things stay,
//!    side by side in one order everywhere. A move writes a new key for the moved thing only;
//!    keys of things it passed are not touched.
//! 5. **A deleted record never comes back by accident.** Deleting writes *gone*, and a gone
//!    record is not shown whatever is written to its other registers, before or after: a
//!    concurrent or later edit or move is kept in the state but not shown. A map that still
//!    has the record (the app's, from before the deletion arrived) does not bring it back:
//!    writing it skips records the state holds as deleted, as ids are never reused. Only
//!    undoing the deletion writes *gone* = false, and undo is only for one's own changes: the
//!    person who deleted it, and only while their deletion is the last word on it (if someone
//!    else deleted it too, it stays deleted).
//! 6. **A deletion takes along what depends on the deleted thing, without writing it.**
//!    Deleting a stage or lane writes that alone; its cards, and the personas' entries at a
//!    deleted stage, are not shown while it is gone and come back with it. So a card moved
//!    into a stage while someone deleted that stage is not shown (as if the move came first),
//!    a card moved out of it meanwhile stays where it went, and undoing the stage's deletion
//!    brings back its cards, entries and everything pointing at them.
//! 7. **References to what is gone are left out when drawing, not rewritten.** A card naming
//!    a deleted persona is shown without it (with none left, it is every persona's, as
//!    deleting a persona does), and a card addressing a deleted or unshown card without that
//!    address; the register keeps the whole list, so both come back with what they name.
//! 8. **A map may be left with no persona.** Each replica refuses to delete its last persona,
//!    but two people deleting the last two at once leave none. A map without personas is a
//!    valid map (a loaded file may be one), and the app offers to add one. Bringing one of
//!    them back would undo a deletion someone made.
//! 9. **Limits hold by leaving out the last.** Where concurrent additions pass a bound of
//!    `Limit` (stages, lanes, personas, cards), the first ones in board order are shown (for
//!    cards: by stage, lane, then place in the cell) and the rest are not, until others are
//!    deleted. A register's value past a bound (more tags or sources than a card holds) is
//!    cut to its first ones.
//! 10. **Whatever else a message holds that a map may not is repaired** as loading a file
//!     repairs it (`format`): texts shortened, untidy tags or channels tidied, an unsafe link,
//!     invalid metric or picture dropped. Messages are data from other replicas.
//! 11. **Undo undoes one's own changes only.** Each local change is a [`Step`]; undoing it
//!     writes, with a new stamp, the value each of its registers had before, but only for the
//!     registers this replica still wrote last: what someone else changed since stays theirs.
//!     Undoing an addition deletes the record, unless someone else has written to it since.
//!     Undoing the undo (redo) is the same rule again.
//!
//! # Using it
//!
//! The owner starts a session with [`Replica::from_map`] and sends its [`State`] as the first
//! snapshot; everyone else joins with [`Replica::from_state`] and the messages since. Each
//! replica's id is random and fresh per tab ([`ReplicaId`]). The app changes the map with
//! [`Replica::apply`] (an [`Op`], as everywhere else) or, for a change made some other way,
//! [`Replica::commit`] with the map it made from [`Replica::map`]; either gives a [`Step`],
//! whose [`Step::message`] is sealed and sent. Each message received goes to
//! [`Replica::receive`]. After any of these, the map to show is [`Replica::map`]: the app
//! takes it whole, since a commit compares with it and must see every change received. The
//! app keeps its person's steps for undo: [`Replica::undo_of`] gives the step that undoes one
//! (sent like any other), and undoing that step redoes it.

mod commit;
mod key;
mod materialise;
mod message;
mod order;
mod record;
mod stamp;
mod state;
#[cfg(test)]
mod tests;

pub use message::{Change, LiveError, Message, VERSION};
pub use record::{
    CardPlace, CardRegister, LaneRegister, MapRegister, PersonaRegister, ScoreRegister,
    StageRegister,
};
pub use stamp::ReplicaId;
pub use state::State;

use crate::map::JourneyMap;
use crate::ops::{self, Op, OpError};
use chrono::{DateTime, Utc};
use commit::Moved;
use materialise::materialise;
use stamp::Stamp;
use state::{Made, Prior};
use std::collections::HashSet;

/// One tab's copy of a live map.
#[derive(Clone, Debug)]
pub struct Replica {
    me: ReplicaId,
    /// What the keys this replica makes end with.
    tag: String,
    clock: u64,
    state: State,
    /// The map `state` stands for.
    view: JourneyMap,
}

/// One change of this replica's: the message that carries it, and what undoing it restores.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    message: Message,
    /// The value each register written held before (a blank one if none).
    before: Vec<Change>,
    /// The records it made.
    made: Vec<Made>,
}

impl Step {
    pub fn message(&self) -> &Message {
        &self.message
    }
}

impl Replica {
    /// A live state made of `map`, all of it written by `me` at clock 1: the owner's map as
    /// the first state of a session. A map that breaks an invariant is shown repaired.
    pub fn from_map(map: &JourneyMap, me: ReplicaId) -> Replica {
        let mut replica = Replica::from_state(State::new(map.id.clone(), map.created), me);
        replica.commit(map);
        replica
    }

    /// A replica that joins with a snapshot: its clock starts past every stamp in it.
    pub fn from_state(state: State, me: ReplicaId) -> Replica {
        Replica {
            tag: key::tag(&me),
            clock: state.latest_clock(),
            view: materialise(&state),
            state,
            me,
        }
    }

    pub fn id(&self) -> &ReplicaId {
        &self.me
    }

    /// The map to show: the same on every replica with the same state.
    pub fn map(&self) -> &JourneyMap {
        &self.view
    }

    /// The whole state, for a snapshot.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Applies `op` to the map as [`ops::apply`] does, and writes what it changed; `None` when
    /// it changed nothing. Refused as `ops::apply` refuses it, and also when it adds a thing
    /// with the id of one that was deleted (ids are never reused, rule 5).
    pub fn apply(&mut self, op: Op, now: DateTime<Utc>) -> Result<Option<Step>, OpError> {
        if let Some(id) = self.reused(&op) {
            return Err(OpError::DuplicateId(id));
        }
        let moved = Moved::by(&op);
        let mut map = self.view.clone();
        ops::apply(&mut map, op, now)?;
        let changes = commit::changes(&self.state, &self.view, &map, &moved, &self.tag);
        Ok(self.write(changes))
    }

    /// Writes whatever `map` changed compared with [`Replica::map`]; `None` when nothing. Its
    /// things the state holds as deleted are left out (rule 5), and it should keep every
    /// invariant, as every op's result does.
    pub fn commit(&mut self, map: &JourneyMap) -> Option<Step> {
        let changes = commit::changes(&self.state, &self.view, map, &Moved::default(), &self.tag);
        self.write(changes)
    }

    /// Takes in another replica's message; whether the state changed (a repeat changes
    /// nothing).
    pub fn receive(&mut self, message: &Message) -> bool {
        self.receive_all([message])
    }

    /// Takes in several messages, drawing the map once.
    pub fn receive_all<'a>(&mut self, messages: impl IntoIterator<Item = &'a Message>) -> bool {
        let mut changed = false;
        for message in messages {
            self.clock = self.clock.max(message.clock);
            let stamp = message.stamp();
            for change in &message.changes {
                changed |= self.state.write(&stamp, change.clone());
            }
        }
        if changed {
            self.view = materialise(&self.state);
        }
        changed
    }

    /// Undoes one of this replica's steps as far as it is still this replica's (rule 11);
    /// `None` when nothing of it is. The step returned undoes the undo.
    pub fn undo_of(&mut self, step: &Step) -> Option<Step> {
        let mine = |stamp: &Stamp| stamp.replica() == &self.me;
        let mut changes: Vec<Change> = (step.before.iter())
            .filter(|c| self.state.read(c).is_some_and(|(stamp, _)| mine(stamp)))
            .cloned()
            .collect();
        for made in &step.made {
            let (stamps, gone) = self.state.record(made);
            if !gone && stamps.into_iter().all(mine) {
                changes.push(made.removal());
            }
        }
        self.write(changes)
    }

    /// The id of a thing `op` adds that the state already holds, deleted.
    fn reused(&self, op: &Op) -> Option<String> {
        let s = &self.state;
        match op {
            Op::AddStage { id, .. } if s.stages.contains_key(id) => Some(id.0.clone()),
            Op::AddLane { id, .. } if s.lanes.contains_key(id) => Some(id.0.clone()),
            Op::AddCard { id, .. } if s.cards.contains_key(id) => Some(id.0.clone()),
            Op::AddPersona { id, .. } if s.personas.contains_key(id) => Some(id.0.clone()),
            _ => None,
        }
    }

    /// Writes `changes` at a new stamp of this replica's, as one step.
    fn write(&mut self, changes: Vec<Change>) -> Option<Step> {
        if changes.is_empty() {
            return None;
        }
        let mut before = Vec::new();
        let mut made = Vec::new();
        let mut seen = HashSet::new();
        for change in &changes {
            match self.state.prior(change) {
                Some(Prior::Was(value)) => before.push(value),
                Some(Prior::Made(record)) if seen.insert(record.clone()) => made.push(record),
                Some(Prior::Made(_)) | None => {}
            }
        }
        self.clock = self.clock.saturating_add(1);
        let stamp = Stamp(self.clock, self.me.clone());
        for change in &changes {
            self.state.write(&stamp, change.clone());
        }
        self.view = materialise(&self.state);
        Some(Step {
            message: Message::new(&stamp, changes),
            before,
            made,
        })
    }
}
