//! Which cards are selected, lifted for moving with the keys, or dragged: a few cards at a
//! time, each card reading its own marks (`PerCard`), all three from one signal.

use super::drag::Drag;
use super::select::Selection;
use crate::per_card::PerCard;
use leptos::prelude::*;
use model::CardId;
use std::collections::HashMap;

/// What the board marks on one card.
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Mark {
    pub selected: bool,
    /// A lifted selected card lifts the whole selection.
    pub lifted: bool,
    pub dragged: bool,
}

/// Every marked card's marks; a card not in it has none.
#[derive(Clone, Copy)]
pub struct Marks(PerCard<Mark>);

impl Marks {
    pub fn provide(drag: Drag, selection: Selection) {
        provide_context(Marks(PerCard::follow(move || {
            let mut marks: HashMap<CardId, Mark> = HashMap::new();
            let mut mark = |ids: &[CardId], set: fn(&mut Mark)| {
                for id in ids {
                    set(marks.entry(id.clone()).or_default());
                }
            };
            selection.with_ids(|ids| mark(ids, |m| m.selected = true));
            drag.lifted.with(|lifted| match lifted {
                Some(card) if selection.contains(card) => {
                    selection.with_ids(|ids| mark(ids, |m| m.lifted = true));
                }
                Some(card) => mark(std::slice::from_ref(card), |m| m.lifted = true),
                None => {}
            });
            drag.dragged.with(|cards| mark(cards, |m| m.dragged = true));
            marks
        })))
    }

    /// The card's marks; tracked, and woken only when they change.
    pub fn of(&self, card: &CardId) -> Mark {
        self.0.get(card)
    }
}
