//! The cards' listeners, once for the whole board: a key or a press on a card's face, a click
//! on one of its buttons. Five listeners on each card were five closures to create, keep and
//! later free per card (about 3 MB at 1,000 cards); here each event finds its card from the
//! element it came from, the `li[data-card-id]` around it.

use super::card_details::Details;
use super::card_drag::{CardDrag, Pressed};
use super::card_style::Styling;
use super::drag::Movers;
use super::gesture::Press;
use leptos::ev::{KeyboardEvent, MouseEvent, PointerEvent};
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
}

/// The element an event came from, inside the card it belongs to: the closest ancestor (or
/// itself) matching `selector`, and that card's id.
fn on_card(ev: &web_sys::Event, selector: &str) -> Option<(web_sys::Element, CardId)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let element = target.closest(selector).ok()??;
    let id = element
        .closest("li[data-card-id]")
        .ok()??
        .get_attribute("data-card-id")?;
    Some((element, CardId::new(id)))
}

impl CardEvents {
    /// The board's card listeners; `Details`, `Styling` and the gestures must be provided.
    pub fn new(movers: Movers) -> Self {
        let drag = CardDrag::new(movers);
        CardEvents {
            movers,
            details: expect_context::<Details>(),
            styling: expect_context::<Styling>(),
            drag,
            press: Press::new(movers.gestures, drag),
        }
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
