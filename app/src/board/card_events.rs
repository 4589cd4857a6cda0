//! The cards' listeners, once for the whole board: a key or a press on a card's face, a click
//! on one of its buttons, the pointer or focus coming to it. Five listeners on each card were
//! five closures to create, keep and later free per card (about 3 MB at 1,000 cards); here each
//! event finds its card from the element it came from, the `li[data-card-id]` around it.

use super::card_details::Details;
use super::card_drag::{CardDrag, Pressed};
use super::card_style::Styling;
use super::drag::Movers;
use super::gesture::Press;
use super::marks::Near;
use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent, PointerEvent};
use leptos::prelude::*;
use model::CardId;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct CardEvents {
    movers: Movers,
    details: Details,
    styling: Styling,
    drag: CardDrag,
    press: Press<CardDrag>,
    near: Near,
}

/// The element an event came from, inside the card it belongs to: the closest ancestor (or
/// itself) matching `selector`, and that card's id.
fn on_card(ev: &web_sys::Event, selector: &str) -> Option<(web_sys::Element, CardId)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let element = target.closest(selector).ok()??;
    let id = card_of(&element)?;
    Some((element, id))
}

/// The card `node` is in, if any.
fn card_of(node: &web_sys::EventTarget) -> Option<CardId> {
    let element = node.dyn_ref::<web_sys::Element>()?;
    let card = element.closest("li[data-card-id]").ok()??;
    Some(CardId::new(card.get_attribute("data-card-id")?))
}

impl CardEvents {
    /// The board's card listeners; `Details`, `Styling` and the gestures must be provided.
    pub fn new(movers: Movers, near: Near) -> Self {
        let drag = CardDrag::new(movers);
        CardEvents {
            movers,
            details: expect_context::<Details>(),
            styling: expect_context::<Styling>(),
            drag,
            press: Press::new(movers.gestures, drag),
            near,
        }
    }

    /// The pointer came over an element: its card, if any, is the one under the pointer.
    pub fn pointer_over(&self, ev: &PointerEvent) {
        Near::set(self.near.hovered, ev.target().as_ref().and_then(card_of));
    }

    /// The pointer left the board.
    pub fn pointer_left(&self) {
        Near::set(self.near.hovered, None);
    }

    /// Focus came to an element: its card, if any, is the one holding focus.
    pub fn focus_in(&self, ev: &FocusEvent) {
        Near::set(self.near.focused, ev.target().as_ref().and_then(card_of));
    }

    /// Focus is leaving an element, for the card of the one it goes to, if any (within the
    /// board, its `focusin` says the same).
    pub fn focus_out(&self, ev: &FocusEvent) {
        Near::set(
            self.near.focused,
            ev.related_target().as_ref().and_then(card_of),
        );
    }

    /// Keys on a focused face: D, I and E for its details, F2 to edit its text, Shift+Space to
    /// select it, Space or Enter to lift it for moving with the arrow keys.
    pub fn key(&self, ev: &KeyboardEvent) {
        let Some((_, id)) = on_card(ev, ".card-text") else {
            return;
        };
        let Movers {
            editor,
            drag,
            selection,
            ..
        } = self.movers;
        if drag.lifted.get_untracked().is_some() {
            return;
        }
        if self.details.on_card_key(ev, &id) {
            ev.prevent_default();
            return;
        }
        match ev.key().as_str() {
            "F2" => editor.editing.set(Some(id)),
            " " if ev.shift_key() => selection.toggle(&id),
            " " | "Enter" => self.movers.lift(&id),
            _ => return,
        }
        // Marked as used, so the window's handler for lifted cards leaves it alone.
        ev.prevent_default();
    }

    /// A press on a face, which may become a drag of its card.
    pub fn pointer_down(&self, ev: &PointerEvent) {
        let Some((face, id)) = on_card(ev, ".card-text") else {
            return;
        };
        self.drag.pressed(Pressed {
            id,
            face: face.clone(),
        });
        self.press.down_on(ev, face);
    }

    /// The card's buttons: its details, its colour and tags, "Move to…".
    pub fn click(&self, ev: &MouseEvent) {
        let Some((button, id)) = on_card(ev, ".card-tools button") else {
            return;
        };
        let Styling(styling) = self.styling;
        let classes = button.class_list();
        if classes.contains("card-details") {
            self.details.open.set(Some(id));
        } else if classes.contains("card-style") {
            styling.set(Some(id));
        } else if classes.contains("card-move") {
            self.movers.drag.moving.set(Some(id));
        }
    }
}
