//! The one owner of the open map: components read `map` and change it only through `apply`.

use crate::history::History;
use crate::notices::Notice;
use crate::{ids, storage};
use chrono::{DateTime, Utc};
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
    /// The `updated` time of the stored copy this tab last read or wrote: a stored copy newer
    /// than this was written by another tab and must not be overwritten.
    base: StoredValue<Option<DateTime<Utc>>>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Editor {
    /// Opens the last map, or a new SaaS map in `locale` when there is none or it can't be read.
    pub fn boot(locale: Locale) -> Editor {
        let mut notices = Vec::new();
        let mut base = None;
        let map = match storage::load_current() {
            Ok(Some(loaded)) => {
                if !loaded.repairs.is_empty() {
                    notices.push(Notice::Repaired(loaded.repairs.len()));
                }
                base = Some(loaded.map.updated);
                loaded.map
            }
            Ok(None) => new_map(Template::Saas, locale),
            Err(e) => {
                notices.push(Notice::Storage(e));
                new_map(Template::Saas, locale)
            }
        };
        Editor {
            map: RwSignal::new(map),
            notices: RwSignal::new(notices),
            editing: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            gesture: StoredValue::new(None),
            base: StoredValue::new(base),
            pending: StoredValue::new(None),
        }
    }

    /// Shows another map: what is pending for this one is written first; undo starts afresh.
    pub fn open(&self, map: JourneyMap, stored: bool) {
        self.flush();
        self.base.set_value(stored.then_some(map.updated));
        self.history.set(History::default());
        self.editing.set(None);
        let _ = storage::set_current(&map.id);
        self.map.set(map);
        if !stored {
            self.save_now();
        }
    }

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
        self.map
            .maybe_update(|m| match model::ops::apply(m, op, Utc::now()) {
                Ok(()) => true,
                Err(e) => {
                    refused = Some(e);
                    false
                }
            });
        // A refusal notice stands for the latest change only. Applied changes (every step of a
        // drag) leave the notices alone unless a refusal is showing.
        let showing = self
            .notices
            .with_untracked(|l| l.iter().any(|n| matches!(n, Notice::Refused(_))));
        if showing || refused.is_some() {
            self.notices.update(|list| {
                list.retain(|n| !matches!(n, Notice::Refused(_)));
                list.extend(refused.clone().map(Notice::Refused));
            });
        }
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
        self.apply(Op::RenameMap { title });
    }

    pub fn relabel(&self, locale: Locale) {
        self.map.update(|m| templates::relabel(m, locale));
    }

    /// Writes now what is waiting for the save delay, if anything.
    pub fn flush(&self) {
        if self.cancel_pending() {
            self.save_now();
        }
    }

    /// Writes the map now, changed or not (a new map is not stored until its first change).
    pub fn save(&self) {
        self.cancel_pending();
        self.save_now();
    }

    /// Stops the delayed save, if one is waiting; says whether there was one.
    fn cancel_pending(&self) -> bool {
        let handle = self.pending.try_update_value(Option::take).flatten();
        if let Some(handle) = handle {
            handle.clear();
        }
        handle.is_some()
    }

    /// Writes the map a moment after each change, and at once when the tab is hidden or closed;
    /// takes in what another tab writes to the same map.
    pub fn save_automatically(self) {
        let pending = self.pending;
        let flush = move || self.flush();
        Effect::new(move |first: Option<()>| {
            self.map.track();
            // The first run is the load itself: nothing has changed yet.
            if first.is_none() {
                return;
            }
            self.cancel_pending();
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
        let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
            let id = self.map.with_untracked(|m| m.id.clone());
            if let (Some(key), Some(text)) = (ev.key(), ev.new_value())
                && storage::is_map_key(&key, &id)
            {
                self.take_in(storage::parse(&id, &text));
            }
        });
        on_cleanup(move || {
            on_hide.remove();
            on_hidden.remove();
            on_storage.remove();
        });
    }

    /// A newer copy of the open map, written by another tab, replaces this tab's.
    fn take_in(&self, loaded: Result<model::format::Loaded, storage::StorageError>) {
        match loaded {
            Ok(loaded) if loaded.map.updated > self.map.with_untracked(|m| m.updated) => {
                if self.cancel_pending() {
                    // This tab has a change not yet written: keep it as a copy.
                    self.keep_both();
                    return;
                }
                self.base.set_value(Some(loaded.map.updated));
                self.history.set(History::default());
                self.editing.set(None);
                self.map.set(loaded.map);
            }
            Ok(_) => {}
            Err(e) => self.notices.update(|l| l.push(Notice::Storage(e))),
        }
    }

    fn save_now(&self) {
        let id = self.map.with_untracked(|m| m.id.clone());
        let stored = storage::stored_updated(&id);
        if let (Some(stored), Some(base)) = (stored, self.base.get_value())
            && stored > base
        {
            self.keep_both();
            return;
        }
        let result = self.map.with_untracked(storage::save);
        if result.is_ok() {
            self.base
                .set_value(Some(self.map.with_untracked(|m| m.updated)));
        }
        self.notices.update(|list| {
            // A storage notice stands for the latest attempt only.
            list.retain(|n| !matches!(n, Notice::Storage(_)));
            if let Err(e) = result {
                list.push(Notice::Storage(e));
            }
        });
    }
}

impl Editor {
    /// Another tab changed this map since this tab last read it: this tab's version is kept as
    /// a copy and the newer one is opened, so neither is lost.
    fn keep_both(&self) {
        let mine = copy_of(self.map.get_untracked());
        let saved = storage::save(&mine);
        let id = self.map.with_untracked(|m| m.id.clone());
        let theirs = storage::load(&id);
        self.notices.update(|l| {
            l.push(match saved {
                Ok(()) => Notice::KeptBoth(mine.title),
                Err(e) => Notice::Storage(e),
            })
        });
        match theirs {
            Ok(Some(loaded)) => self.open(loaded.map, true),
            Ok(None) => {}
            Err(e) => self.notices.update(|l| l.push(Notice::Storage(e))),
        }
    }
}

/// A copy of `map` to keep beside it: a fresh id, "Title (copy)" in the map's language, and
/// changed now, so it comes first in the library.
pub fn copy_of(mut map: JourneyMap) -> JourneyMap {
    map.id = model::MapId::new(ids::fresh());
    map.title = match map.locale {
        Locale::En => format!("{} (copy)", map.title),
        Locale::Ro => format!("{} (copie)", map.title),
    };
    map.updated = Utc::now();
    map
}

pub fn new_map(template: Template, locale: Locale) -> JourneyMap {
    let title = match locale {
        Locale::En => "My customer journey",
        Locale::Ro => "Călătoria clientului meu",
    };
    templates::new_map(template, locale, title, Utc::now(), &mut ids::fresh)
}
