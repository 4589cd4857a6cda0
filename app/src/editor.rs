//! The one owner of the open map: components read `map` and change it only through `apply`.

use crate::history::History;
use crate::notices::Notice;
use crate::{ids, storage};
use chrono::Utc;
use leptos::prelude::*;
use model::templates::{self, Template};
use model::{CardId, JourneyMap, Locale, Op};
use std::time::Duration;

/// How long typing may pause before the map is written; a hidden or closing tab writes at once.
const SAVE_DELAY: Duration = Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct Editor {
    pub map: RwSignal<JourneyMap>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The card whose text is being edited, if any.
    pub editing: RwSignal<Option<CardId>>,
    pub history: RwSignal<History<JourneyMap>>,
    /// The map as it was when a gesture (a drag) began: its moves become one undo step.
    gesture: StoredValue<Option<JourneyMap>>,
}

impl Editor {
    /// Opens the last map, or a new SaaS map in `locale` when there is none or it can't be read.
    pub fn boot(locale: Locale) -> Editor {
        let mut notices = Vec::new();
        let map = match storage::load_current() {
            Ok(Some(loaded)) => {
                if !loaded.repairs.is_empty() {
                    notices.push(Notice::Repaired(loaded.repairs.len()));
                }
                loaded.map
            }
            Ok(None) => new_map(locale),
            Err(e) => {
                notices.push(Notice::Storage(e));
                new_map(locale)
            }
        };
        Editor {
            map: RwSignal::new(map),
            notices: RwSignal::new(notices),
            editing: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            gesture: StoredValue::new(None),
        }
    }

    /// Applies `op` as one undoable step (or as part of the gesture under way). A refused op
    /// leaves the map, the history and every subscriber untouched; it says why.
    pub fn apply(&self, op: Op) -> Result<(), model::OpError> {
        let before = self.map.get_untracked();
        let mut outcome = Ok(());
        self.map
            .maybe_update(|m| match model::ops::apply(m, op, Utc::now()) {
                Ok(()) => true,
                Err(e) => {
                    leptos::logging::warn!("refused: {e}");
                    outcome = Err(e);
                    false
                }
            });
        if outcome.is_ok() && self.gesture.with_value(Option::is_none) {
            self.history.update(|h| h.record(before));
        }
        outcome
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

    pub fn undo(&self) -> bool {
        self.step(History::undo)
    }

    pub fn redo(&self) -> bool {
        self.step(History::redo)
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

    pub fn set_title(&self, title: String) {
        let _ = self.apply(Op::RenameMap { title });
    }

    pub fn relabel(&self, locale: Locale) {
        self.map.update(|m| templates::relabel(m, locale));
    }

    /// Writes the map a moment after each change, and at once when the tab is hidden or closed.
    pub fn save_automatically(self) {
        let pending = StoredValue::new(None::<TimeoutHandle>);
        let flush = move || {
            if let Some(handle) = pending.try_update_value(Option::take).flatten() {
                handle.clear();
                self.save_now();
            }
        };
        Effect::new(move |first: Option<()>| {
            self.map.track();
            // The first run is the load itself: nothing has changed yet.
            if first.is_none() {
                return;
            }
            if let Some(handle) = pending.try_update_value(Option::take).flatten() {
                handle.clear();
            }
            let handle = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    self.save_now();
                },
                SAVE_DELAY,
            )
            .ok();
            pending.set_value(handle);
        });
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
        let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                flush();
            }
        });
        on_cleanup(move || {
            on_hide.remove();
            on_hidden.remove();
        });
    }

    fn save_now(&self) {
        let result = self.map.with_untracked(storage::save);
        self.notices.update(|list| {
            // A storage notice stands for the latest attempt only.
            list.retain(|n| !matches!(n, Notice::Storage(_)));
            if let Err(e) = result {
                list.push(Notice::Storage(e));
            }
        });
    }
}

fn new_map(locale: Locale) -> JourneyMap {
    let title = match locale {
        Locale::En => "My customer journey",
        Locale::Ro => "Călătoria clientului meu",
    };
    templates::new_map(Template::Saas, locale, title, Utc::now(), &mut ids::fresh)
}
