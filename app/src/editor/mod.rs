//! The one owner of the open map: components read `map` and change it only through `apply`.
//! `document` changes the map (ops, undo, gestures); `sync` alone keeps it in local storage;
//! what either has to tell the person goes to `notices`.

mod document;
mod sync;

pub use document::Left;

use crate::history::History;
use crate::i18n::{Locale as UiLocale, td_string};
use crate::ids;
use crate::live::Session;
use crate::notices::{Notice, Notices};
use chrono::Utc;
use leptos::prelude::*;
use model::templates::{self, Template};
use model::undo::Record;
use model::{CardId, JourneyMap, Locale};
use sync::LocalSync;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Editor {
    pub map: RwSignal<JourneyMap>,
    pub notices: Notices,
    /// The card whose text is being edited, if any.
    pub editing: RwSignal<Option<CardId>>,
    pub history: RwSignal<History<Record>>,
    /// How to bring back the map as it was when a gesture (a drag) began: its moves become one
    /// undo step.
    gesture: StoredValue<Option<Record>>,
    /// The card just added and not yet given its text, with where the history stood after its
    /// adding: the text it is given joins that step.
    fresh: StoredValue<Option<(CardId, u64)>>,
    sync: LocalSync,
    /// The live session this map is edited in, if any: its changes then go through the
    /// session's replica, and undo undoes this person's own changes only.
    live: StoredValue<Option<Session>, LocalStorage>,
}

impl Editor {
    /// Opens the last map, or a new SaaS map in `locale` when there is none or it can't be read.
    pub fn boot(locale: Locale) -> Editor {
        let notices = Notices::new(Vec::new());
        let (sync, map) = LocalSync::load(notices, locale);
        Editor {
            map: RwSignal::new(map),
            notices,
            editing: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            gesture: StoredValue::new(None),
            fresh: StoredValue::new(None),
            sync,
            live: StoredValue::new_local(None),
        }
    }

    /// Shows another map: what is pending for this one, typing included, is written first;
    /// undo starts afresh. A map whose changes could not be stored (a full storage) stays
    /// open, and the person is told, since opening another would lose them; returns whether
    /// `map` was opened.
    pub fn open(&self, map: JourneyMap, stored: bool) -> bool {
        keep_typed_text();
        self.flush();
        if self.sync.unstored() {
            let title = self.map.with_untracked(|m| m.title.clone());
            self.notices.push(Notice::KeptOpen(title));
            return false;
        }
        self.sync.opened(&map, stored);
        self.show(map);
        if !stored {
            // A refusal is told by the save itself.
            self.save().ok();
        }
        true
    }
}

/// Text still being typed (a card's text, a name, the title) is kept: taking focus from its
/// field fires the field's own change and focus-out, which keep it as they always do. For
/// what has to have it now: a save before the page goes, a file of the map, another map.
pub fn keep_typed_text() {
    let field = document()
        .active_element()
        .filter(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = field {
        field.blur().ok();
    }
}

fn ui_locale(locale: Locale) -> UiLocale {
    match locale {
        Locale::En => UiLocale::en,
        Locale::Ro => UiLocale::ro,
    }
}

/// A copy of `map` to keep beside it: a fresh id, "Title (copy)" in the map's language, and
/// changed now, so it comes first in the library.
pub fn copy_of(mut map: JourneyMap) -> JourneyMap {
    map.id = model::MapId::new(ids::fresh());
    let title = std::mem::take(&mut map.title);
    map.title = td_string!(ui_locale(map.locale), copy_title, title).to_string();
    map.updated = Utc::now();
    map
}

/// The title of a map restored from the snapshot `name` of a map titled `title`, in the map's
/// language: "Title (as-is)".
pub fn restored_title(locale: Locale, title: &str, name: &str) -> String {
    td_string!(ui_locale(locale), snapshot_restored_title, title, name).to_string()
}

pub fn new_map(template: Template, locale: Locale) -> JourneyMap {
    let title = td_string!(ui_locale(locale), default_map_title).to_string();
    templates::new_map(template, locale, &title, Utc::now(), &mut ids::fresh)
}
