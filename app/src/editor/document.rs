//! The document: the map, its undo history and gestures. Every change is a `model::Op`.

use super::Editor;
use crate::history::History;
use crate::live::Session;
use crate::notices::Notice;
use chrono::Utc;
use leptos::prelude::*;
use model::templates;
use model::{JourneyMap, Locale, Op};

fn is_refusal(notice: &Notice) -> bool {
    matches!(notice, Notice::Refused(_))
}

impl Editor {
    /// Applies `op` as one undoable step (or as part of the gesture under way) and says whether
    /// it did. A refused op leaves the map, the history and every subscriber untouched, and the
    /// person is told why in their language: no caller can drop a refusal silently.
    pub fn apply(&self, op: Op) -> bool {
        // Inside a gesture the state to go back to is already kept; no copy per step.
        let before = self
            .gesture
            .with_value(Option::is_none)
            .then(|| self.map.get_untracked());
        let mut refused = None;
        match self.live_session() {
            Some(session) => match session.apply(op) {
                Ok(Some(map)) => self.map.set(map),
                Ok(None) => {}
                Err(e) => refused = Some(e),
            },
            None => self
                .map
                .maybe_update(|m| match model::ops::apply(m, op, Utc::now()) {
                    Ok(()) => true,
                    Err(e) => {
                        refused = Some(e);
                        false
                    }
                }),
        }
        // A refusal notice stands for the latest change only.
        self.notices
            .replace(is_refusal, refused.clone().map(Notice::Refused));
        if let (None, Some(before)) = (&refused, before) {
            self.history.update(|h| h.record(before));
        }
        refused.is_none()
    }

    /// Starts a gesture: the ops until `end_gesture` undo as one step, and `cancel_gesture`
    /// puts the map back as it was.
    pub fn begin_gesture(&self) {
        self.gesture.set_value(Some(self.map.get_untracked()));
    }

    pub fn end_gesture(&self) {
        if let Some(before) = self.gesture.try_update_value(Option::take).flatten()
            && before != self.map.get_untracked()
        {
            self.history.update(|h| h.record(before));
        }
    }

    pub fn cancel_gesture(&self) {
        if let Some(before) = self.gesture.try_update_value(Option::take).flatten() {
            self.map.set(before);
        }
    }

    /// Puts `map` in place of the open one (the shared version, say) as one step Undo takes
    /// back. It counts as a change now, so other tabs take it in.
    pub fn replace(&self, mut map: JourneyMap) {
        map.updated = Utc::now();
        let before = self.map.get_untracked();
        self.history.update(|h| h.record(before));
        self.editing.set(None);
        self.map.set(map);
    }

    /// Shows `map` as a document of its own: nothing to undo, nothing being edited.
    pub(super) fn show(&self, map: JourneyMap) {
        self.history.set(History::default());
        self.editing.set(None);
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
            None => self.step(History::undo),
        }
    }

    pub fn redo(&self) -> bool {
        match self.live_session() {
            Some(session) => self.live_step(session.redo()),
            None => self.step(History::redo),
        }
    }

    /// In a live session, undo is this person's own changes only: the session says what the
    /// map becomes, and the history's whole maps (which hold others' changes) are not used.
    fn live_step(&self, map: Option<JourneyMap>) -> bool {
        let Some(map) = map else {
            return false;
        };
        self.editing.set(None);
        self.map.set(map);
        true
    }

    fn step(
        &self,
        direction: fn(&mut History<JourneyMap>, JourneyMap) -> Result<JourneyMap, JourneyMap>,
    ) -> bool {
        let current = self.map.get_untracked();
        let mut moved = false;
        self.history.update(|h| {
            if let Ok(state) = direction(h, current) {
                self.editing.set(None);
                self.map.set(state);
                moved = true;
            }
        });
        moved
    }

    pub fn relabel(&self, locale: Locale) {
        self.map.update(|m| templates::relabel(m, locale));
    }
}
