//! The document: the map, its undo history and gestures. Every change is a `model::Op`.

use super::Editor;
use crate::history::History;
use crate::live::Session;
use crate::notices::Notice;
use chrono::Utc;
use leptos::prelude::*;
use model::templates;
use model::undo::Record;
use model::{CardId, Cell, JourneyMap, Locale, Op, position};

/// What became of a card whose text was being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    Kept,
    /// A card just added, taken back with its adding: nothing to undo.
    Discarded,
    /// Deleted, as one step undo brings back.
    Deleted,
}

fn is_refusal(notice: &Notice) -> bool {
    matches!(notice, Notice::Refused(_))
}

impl Editor {
    /// Applies `op` as one undoable step (or as part of the gesture under way) and says whether
    /// it did. A refused op leaves the map, the history and every subscriber untouched, and the
    /// person is told why in their language: no caller can drop a refusal silently.
    pub fn apply(&self, op: Op) -> bool {
        self.apply_as(op, true)
    }

    /// `apply`, as a step of its own (or of the gesture under way) or, with `own_step` false,
    /// as part of a step already recorded.
    fn apply_as(&self, op: Op, own_step: bool) -> bool {
        let mut refused = None;
        let mut step = None;
        match self.live_session() {
            Some(session) => match session.apply(op) {
                Ok(Some(map)) => self.map.set(map),
                Ok(None) => {}
                Err(e) => refused = Some(e),
            },
            None => self.map.maybe_update(|m| {
                let undo = if own_step { self.keep(m, &op) } else { None };
                match model::ops::apply(m, op, Utc::now()) {
                    Ok(()) => {
                        step = undo;
                        true
                    }
                    Err(e) => {
                        refused = Some(e);
                        false
                    }
                }
            }),
        }
        // A refusal notice stands for the latest change only.
        self.notices
            .replace(is_refusal, refused.clone().map(Notice::Refused));
        if let Some(step) = step {
            self.history.update(|h| h.record(step));
        }
        refused.is_none()
    }

    /// Keeps what `op` may change in `map`: in the record of the gesture under way, if there is
    /// one, or else in a record of its own, returned.
    fn keep(&self, map: &JourneyMap, op: &Op) -> Option<Record> {
        let in_gesture = self
            .gesture
            .try_update_value(|gesture| gesture.as_mut().map(|r| r.widen(map, op)).is_some())
            .unwrap_or(false);
        (!in_gesture).then(|| {
            let mut record = Record::new(map);
            record.widen(map, op);
            record
        })
    }

    /// Adds an empty card and opens it for editing. Until its text is kept it is fresh: the text
    /// undoes in one step with the adding, and a card left empty goes with no step to undo.
    pub fn add_card(&self, id: CardId, cell: Cell, at: usize) {
        let op = Op::AddCard {
            id: id.clone(),
            cell,
            at,
            text: String::new(),
        };
        if self.apply(op) {
            let made = self.history.with_untracked(History::made);
            self.fresh.set_value(Some((id.clone(), made)));
            self.editing.set(Some(id));
        }
    }

    /// Ends the editing of a card's text, which read `before`: `kept` is the text to keep, or
    /// `None` when it was abandoned (Esc). A card that had no text and gets none goes.
    pub fn finish_card_text(&self, id: &CardId, before: &str, kept: Option<String>) -> Left {
        let fresh = self.take_fresh(id);
        let stays_empty = position::is_blank(before)
            && kept.as_deref().map_or(fresh.is_some(), position::is_blank);
        if stays_empty {
            return self.remove(id, fresh);
        }
        if let Some(text) = kept.filter(|text| text != before) {
            let op = Op::EditCardText {
                id: id.clone(),
                text,
            };
            let joined = fresh.is_some_and(|made| self.widen_latest_since(made, &op));
            self.apply_as(op, !joined);
        }
        Left::Kept
    }

    /// Deletes a card; one just added is taken back with its adding, leaving no step.
    pub fn remove_card(&self, id: &CardId) -> Left {
        let fresh = self.take_fresh(id);
        self.remove(id, fresh)
    }

    /// Where the history stood after `id` was added, if it is the card just added.
    fn take_fresh(&self, id: &CardId) -> Option<u64> {
        self.fresh
            .try_update_value(|f| f.take_if(|(card, _)| card == id))
            .flatten()
            .map(|(_, made)| made)
    }

    fn remove(&self, id: &CardId, fresh: Option<u64>) -> Left {
        let taken_back = fresh.is_some_and(|made| {
            self.live_session().is_none()
                && self
                    .history
                    .try_update(|h| h.forget_latest_since(made).map(|r| self.restore(r)))
                    .flatten()
                    .is_some()
        });
        if taken_back {
            Left::Discarded
        } else if self.apply(Op::DeleteCard { id: id.clone() }) {
            Left::Deleted
        } else {
            Left::Kept
        }
    }

    /// Makes the latest undo step take `op` back too, if it is still the step made at `made`.
    fn widen_latest_since(&self, made: u64, op: &Op) -> bool {
        self.live_session().is_none()
            && self.map.with_untracked(|m| {
                self.history
                    .try_update(|h| h.latest_since(made).map(|r| r.widen(m, op)))
                    .flatten()
                    .is_some()
            })
    }

    /// Starts a gesture: the ops until `end_gesture` undo as one step, and `cancel_gesture`
    /// puts the map back as it was.
    pub fn begin_gesture(&self) {
        // In a live session others' changes come in between the gesture's ops, so only the
        // whole map is sure to bring back what it was.
        let record = match self.live_session() {
            Some(_) => Record::whole(self.map.get_untracked()),
            None => self.map.with_untracked(Record::new),
        };
        self.gesture.set_value(Some(record));
    }

    pub fn end_gesture(&self) {
        if let Some(undo) = self.gesture.try_update_value(Option::take).flatten()
            && self.live_session().is_none()
            && self.map.with_untracked(|m| undo.differs_from(m))
        {
            self.history.update(|h| h.record(undo));
        }
    }

    pub fn cancel_gesture(&self) {
        if let Some(undo) = self.gesture.try_update_value(Option::take).flatten() {
            self.map.maybe_update(|m| {
                let changed = undo.differs_from(m);
                if changed {
                    undo.restore(m);
                }
                changed
            });
        }
    }

    /// Puts `map` in place of the open one (the shared version, say) as one step Undo takes
    /// back. It counts as a change now, so other tabs take it in.
    pub fn replace(&self, mut map: JourneyMap) {
        map.updated = Utc::now();
        self.editing.set(None);
        let before = std::mem::replace(&mut *self.map.write(), map);
        self.history.update(|h| h.record(Record::whole(before)));
    }

    /// Shows `map` as a document of its own: nothing to undo, nothing being edited.
    pub(super) fn show(&self, map: JourneyMap) {
        self.history.set(History::default());
        self.editing.set(None);
        self.fresh.set_value(None);
        self.map.set(map);
    }

    /// Edits from now on go through `session`, which holds this map live.
    pub fn go_live(&self, session: Session) {
        self.live.set_value(Some(session));
    }

    /// The live session, if the open map is the one it holds.
    fn live_session(&self) -> Option<Session> {
        let session = self.live.get_value()?;
        self.map
            .with_untracked(|m| session.holds(m))
            .then_some(session)
    }

    /// Whether Undo has something to do: in a live session, a change of this person's own.
    pub fn can_undo(&self) -> bool {
        match self.live_session() {
            Some(session) => session.can_undo(),
            None => self.history.with(History::can_undo),
        }
    }

    pub fn can_redo(&self) -> bool {
        match self.live_session() {
            Some(session) => session.can_redo(),
            None => self.history.with(History::can_redo),
        }
    }

    pub fn undo(&self) -> bool {
        match self.live_session() {
            Some(session) => self.live_step(session.undo()),
            None => self
                .history
                .try_update(|h| h.undo(|r| self.restore(r)))
                .unwrap_or(false),
        }
    }

    pub fn redo(&self) -> bool {
        match self.live_session() {
            Some(session) => self.live_step(session.redo()),
            None => self
                .history
                .try_update(|h| h.redo(|r| self.restore(r)))
                .unwrap_or(false),
        }
    }

    /// In a live session, undo is this person's own changes only: the session says what the
    /// map becomes, and the history (which records no live change) is not used.
    fn live_step(&self, map: Option<JourneyMap>) -> bool {
        let Some(map) = map else {
            return false;
        };
        self.editing.set(None);
        self.map.set(map);
        true
    }

    /// Puts `record`'s state in the map; how to go back to the map as it was.
    fn restore(&self, record: Record) -> Record {
        self.editing.set(None);
        record.restore(&mut self.map.write())
    }

    pub fn relabel(&self, locale: Locale) {
        self.map.update(|m| templates::relabel(m, locale));
    }
}
