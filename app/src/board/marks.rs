//! Which cards are selected, lifted for moving with the keys, or dragged: a few cards at a
//! time, each card reading its own (`PerCard`).

use super::drag::Drag;
use super::select::Selection;
use crate::per_card::PerCard;
use leptos::prelude::*;
use model::CardId;
use std::collections::HashMap;

fn all(cards: &[CardId]) -> HashMap<CardId, bool> {
    cards.iter().map(|id| (id.clone(), true)).collect()
}

#[derive(Clone, Copy)]
pub struct Marks {
    pub selected: PerCard<bool>,
    /// A lifted selected card lifts the whole selection.
    pub lifted: PerCard<bool>,
    pub dragged: PerCard<bool>,
}

impl Marks {
    pub fn provide(drag: Drag, selection: Selection) {
        provide_context(Marks {
            selected: PerCard::follow(move || selection.with_ids(all)),
            lifted: PerCard::follow(move || {
                drag.lifted.with(|lifted| match lifted {
                    Some(card) if selection.contains(card) => selection.with_ids(all),
                    Some(card) => all(std::slice::from_ref(card)),
                    None => HashMap::new(),
                })
            }),
            dragged: PerCard::follow(move || drag.dragged.with(|cards| all(cards))),
        });
    }
}
