//! Several cards chosen together: Shift- or Ctrl/Cmd-click, or Shift+Space on a focused card,
//! adds a card or takes it out; Esc clears. A selected card moves the whole selection along
//! ("Move to…", a drag, a keyboard lift), and Delete removes them all, each as one undo step.
//! Like moves, Delete leaves alone the selected cards a filter hides: nobody deletes what they
//! cannot see.

use super::drag::focus_left_cell;
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::filter::Lens;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::navigate;
use model::{CardId, JourneyMap, Op};
use wasm_bindgen::JsCast;

/// The chosen cards, with what choosing needs gathered once, so window listeners (which run
/// outside any component) can use it too. Moves read it; it knows nothing of moves.
#[derive(Clone, Copy)]
pub struct Selection {
    ids: RwSignal<Vec<CardId>>,
    i18n: I18nContext<Locale>,
    editor: Editor,
    announcer: Announcer,
    lens: Lens,
}

impl Selection {
    pub fn new() -> Self {
        Selection {
            ids: RwSignal::new(Vec::new()),
            i18n: use_i18n(),
            editor: expect_context::<Editor>(),
            announcer: expect_context::<Announcer>(),
            lens: expect_context::<Lens>(),
        }
    }

    /// The selected cards still on the map, in board order; tracked.
    pub fn tracked_cards(&self) -> Vec<CardId> {
        self.ids.track();
        self.editor.map.with(|m| self.cards(m))
    }

    /// The selected cards, in the order they were chosen; tracked.
    pub fn with_ids<R>(&self, f: impl FnOnce(&[CardId]) -> R) -> R {
        self.ids.with(|ids| f(ids))
    }

    pub fn contains(&self, card: &CardId) -> bool {
        self.ids.with(|ids| ids.contains(card))
    }

    /// The selected cards still on the map (undo or another tab may have removed some), in
    /// board order.
    pub fn cards(&self, map: &JourneyMap) -> Vec<CardId> {
        self.ids
            .with_untracked(|ids| navigate::in_board_order(map, ids))
    }

    /// The cards that move with `card`: the whole selection when `card` is in it, else `card`
    /// alone.
    pub fn group_for(&self, map: &JourneyMap, card: &CardId) -> Vec<CardId> {
        if self.ids.with_untracked(|ids| ids.contains(card)) {
            self.cards(map)
        } else {
            vec![card.clone()]
        }
    }

    /// Adds `card` to the selection or takes it out, and says so.
    pub fn toggle(&self, card: &CardId) {
        let Selection {
            i18n,
            editor,
            announcer,
            ..
        } = *self;
        let added = !self.ids.with_untracked(|ids| ids.contains(card));
        self.ids.update(|ids| {
            if added {
                ids.push(card.clone());
            } else {
                ids.retain(|c| c != card);
            }
        });
        let (card, count) = editor.map.with_untracked(|m| {
            let name = m
                .card(card)
                .map(|c| labels::card_name(&c.text))
                .unwrap_or_default();
            (name, self.cards(m).len())
        });
        announcer.say(if added {
            t_string!(i18n, card_selected, card, count).to_string()
        } else {
            t_string!(i18n, card_deselected, card, count).to_string()
        });
    }

    pub fn clear(&self) {
        self.ids.set(Vec::new());
        self.announcer
            .say(t_string!(self.i18n, selection_cleared).to_string());
    }

    /// Deletes every selected card the filter shows, as one undo step.
    pub fn delete(&self) {
        let (i18n, editor) = (self.i18n, self.editor);
        let mut ids = editor.map.with_untracked(|m| self.cards(m));
        ids.retain(|c| self.lens.shows_untracked(c));
        let said = match ids.as_slice() {
            [] => return,
            [one] => {
                let card = editor
                    .map
                    .with_untracked(|m| m.card(one).map(|c| labels::card_name(&c.text)))
                    .unwrap_or_default();
                t_string!(i18n, deleted_card, card).to_string()
            }
            many => {
                let count = many.len();
                t_string!(i18n, deleted_cards, count).to_string()
            }
        };
        let first_cell = editor
            .map
            .with_untracked(|m| m.card(&ids[0]).map(model::Card::cell));
        if editor.apply(Op::DeleteCards { ids }) {
            self.ids.set(Vec::new());
            self.announcer.say(said);
            if let Some(cell) = first_cell {
                focus_left_cell(&cell);
            }
        }
    }

    /// Esc clears the selection and Delete or Backspace deletes it, unless the key belongs to a
    /// text field or an open dialog. Returns whether the key was used.
    pub fn on_key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        if self.ids.with_untracked(Vec::is_empty) {
            return false;
        }
        let elsewhere = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| {
                e.closest("input, textarea, select, dialog")
                    .ok()
                    .flatten()
                    .is_some()
            });
        if elsewhere {
            return false;
        }
        match ev.key().as_str() {
            "Escape" => self.clear(),
            "Delete" | "Backspace" => self.delete(),
            _ => return false,
        }
        true
    }
}
