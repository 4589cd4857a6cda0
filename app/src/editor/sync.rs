//! Keeping the open map in local storage: this is where saving is done. After tldraw's
//! `TLLocalSyncClient`: nothing is written before the load has finished (the list of maps is
//! checked, and repaired from the maps themselves if it cannot be read, before any save can
//! write it), nothing that could not be read is overwritten, a change is written a moment
//! after it is made (at once when the tab is hidden or closed), and what another tab writes to
//! the same map is taken in, or both versions are kept when the two changed it at once.

use super::{Editor, copy_of, new_map};
use crate::notices::{Notice, Notices};
use crate::storage::{self, Saved, StorageError};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use model::templates::Template;
use model::{JourneyMap, Locale};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// How long typing may pause before the map is written; a hidden or closing tab writes at once.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// The longest a due save waits for an idle moment: writing a 1,000-card map takes about 3 ms,
/// which a timer could run inside a frame of a drag that follows an edit.
const IDLE_WAIT_MS: u32 = 1000;

/// A save that is waiting: for typing to pause, then for the main thread to be idle.
#[derive(Clone, Copy)]
enum Pending {
    Delay(TimeoutHandle),
    Idle(u32),
}

impl Pending {
    fn cancel(self) {
        match self {
            Pending::Delay(handle) => handle.clear(),
            Pending::Idle(id) => window().cancel_idle_callback(id),
        }
    }
}

fn is_storage(notice: &Notice) -> bool {
    matches!(notice, Notice::Storage(_))
}

#[derive(Clone, Copy)]
pub(super) struct LocalSync {
    notices: Notices,
    /// The `updated` time of the stored copy this tab last read or wrote: a stored copy newer
    /// than this was written by another tab and must not be overwritten.
    base: StoredValue<Option<DateTime<Utc>>>,
    pending: StoredValue<Option<Pending>>,
    /// The last save of the open map failed: it has changes only this tab holds.
    unstored: StoredValue<bool>,
}

impl LocalSync {
    /// Whether the open map has changes its last save could not store.
    pub(super) fn unstored(&self) -> bool {
        self.unstored.get_value()
    }

    /// The load: the list of maps first, then the map that was open last, or a new SaaS map in
    /// `locale` when there is none or it can't be read (it stays stored as it was).
    pub(super) fn load(notices: Notices, locale: Locale) -> (LocalSync, JourneyMap) {
        let sync = LocalSync {
            notices,
            base: StoredValue::new(None),
            pending: StoredValue::new(None),
            unstored: StoredValue::new(false),
        };
        sync.check_index();
        let map = match storage::load_current() {
            Ok(Some(loaded)) => {
                if !loaded.repairs.is_empty() {
                    notices.push(Notice::Repaired(loaded.repairs.len()));
                }
                sync.base.set_value(Some(loaded.map.updated));
                loaded.map
            }
            Ok(None) => new_map(Template::Saas, locale),
            Err(e) => {
                notices.push(Notice::Storage(e));
                new_map(Template::Saas, locale)
            }
        };
        (sync, map)
    }

    /// Repairs the list of maps if it cannot be read, and says so; whether it did.
    pub(super) fn check_index(&self) -> bool {
        match storage::repair_index() {
            Ok(Some(rebuilt)) => {
                self.notices.push(Notice::IndexRebuilt(rebuilt));
                true
            }
            Ok(None) => false,
            Err(e) => {
                self.notices.push(Notice::Storage(e));
                false
            }
        }
    }

    /// `map` is now the open one; `stored` if this is the copy local storage holds.
    pub(super) fn opened(&self, map: &JourneyMap, stored: bool) {
        self.base.set_value(stored.then_some(map.updated));
        self.notices.storage(storage::set_current(&map.id));
    }

    /// Stops the delayed save, if one is waiting; says whether there was one.
    fn cancel_pending(&self) -> bool {
        let pending = self.pending.try_update_value(Option::take).flatten();
        if let Some(pending) = pending {
            pending.cancel();
        }
        pending.is_some()
    }
}

impl Editor {
    /// Checks the list of maps before it is shown: one that cannot be read is rebuilt.
    pub fn check_index(&self) {
        self.sync.check_index();
    }

    /// Writes now what is waiting for the save delay, if anything.
    pub fn flush(&self) {
        if self.sync.cancel_pending() {
            self.save_now().ok();
        }
    }

    /// Writes the map now, changed or not (a new map is not stored until its first change).
    /// A failure is told to the person and returned: what depends on the map being stored
    /// (a share record) must not be kept without it.
    pub fn save(&self) -> Result<(), Notice> {
        self.sync.cancel_pending();
        self.save_now()
    }

    /// Writes the map a moment after each change, and at once when the tab is hidden or closed;
    /// takes in what another tab writes to the same map.
    pub fn save_automatically(self) {
        let pending = self.sync.pending;
        let flush = move || self.flush();
        Effect::new(move |first: Option<()>| {
            self.map.track();
            // The first run is the load itself: nothing has changed yet.
            if first.is_none() {
                return;
            }
            self.sync.cancel_pending();
            let later = set_timeout_with_handle(move || self.save_when_idle(), SAVE_DELAY);
            match later {
                Ok(handle) => pending.set_value(Some(Pending::Delay(handle))),
                // Without a timer the change is written at once rather than not at all.
                Err(_) => {
                    self.save_now().ok();
                }
            }
        });
        // Leaving the page keeps what is being typed; hiding it (another tab) does not close
        // the field, and what it holds is kept once it is left.
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
            super::keep_typed_text();
            flush();
        });
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
                // What is being typed here becomes this tab's change first, so that it is
                // kept (as a copy if the other tab's version is newer) rather than closed away.
                super::keep_typed_text();
                self.take_in(storage::parse(&id, &text));
            }
        });
        on_cleanup(move || {
            on_hide.remove();
            on_hidden.remove();
            on_storage.remove();
        });
    }

    /// Writes the map in the next idle moment (within `IDLE_WAIT_MS`), at once if the browser
    /// cannot wait for one.
    fn save_when_idle(self) {
        let pending = self.sync.pending;
        let save = Closure::once_into_js(move || {
            pending.set_value(None);
            self.save_now().ok();
        });
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_WAIT_MS);
        match window().request_idle_callback_with_options(save.unchecked_ref(), &options) {
            Ok(id) => pending.set_value(Some(Pending::Idle(id))),
            Err(_) => {
                pending.set_value(None);
                self.save_now().ok();
            }
        }
    }

    /// A newer copy of the open map, written by another tab, replaces this tab's.
    fn take_in(&self, loaded: Result<model::format::Loaded, StorageError>) {
        match loaded {
            Ok(loaded) if loaded.map.updated > self.map.with_untracked(|m| m.updated) => {
                if self.sync.cancel_pending() {
                    // This tab has a change not yet written: keep it as a copy.
                    self.keep_both();
                    return;
                }
                self.sync.base.set_value(Some(loaded.map.updated));
                self.show(loaded.map);
            }
            Ok(_) => {}
            Err(e) => self.notices.push(Notice::Storage(e)),
        }
    }

    fn save_now(&self) -> Result<(), Notice> {
        let base = self.sync.base.get_value();
        let save = || {
            self.map
                .with_untracked(|m| storage::save_unless_newer(m, base))
        };
        let mut result = save();
        // The list went bad since the load (another program, a hand edit): repair, then retry.
        if result == Err(StorageError::IndexUnreadable) && self.sync.check_index() {
            result = save();
        }
        let result = match result {
            Ok(Saved::Newer) => return Err(self.keep_both()),
            Ok(Saved::Written) => {
                self.sync
                    .base
                    .set_value(Some(self.map.with_untracked(|m| m.updated)));
                Ok(())
            }
            Err(e) => Err(Notice::Storage(e)),
        };
        self.sync
            .unstored
            .set_value(matches!(result, Err(Notice::Storage(_))));
        // A storage notice stands for the latest attempt only.
        self.notices.replace(is_storage, result.clone().err());
        result
    }

    /// Another tab changed this map since this tab last read it: this tab's version is kept as
    /// a copy and the newer one is opened, so neither is lost. Returns what the person was told.
    fn keep_both(&self) -> Notice {
        let mine = copy_of(self.map.get_untracked());
        let saved = storage::save(&mine);
        let id = self.map.with_untracked(|m| m.id.clone());
        let told = match saved {
            Ok(()) => {
                // This tab's changes are stored, as the copy.
                self.sync.unstored.set_value(false);
                Notice::KeptBoth(mine.title)
            }
            Err(e) => Notice::Storage(e),
        };
        self.notices.push(told.clone());
        match storage::load(&id) {
            Ok(Some(loaded)) => {
                self.open(loaded.map, true);
            }
            Ok(None) => {}
            Err(e) => self.notices.push(Notice::Storage(e)),
        }
        told
    }
}
