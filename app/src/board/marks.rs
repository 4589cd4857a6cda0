//! Which cards are selected, lifted for moving with the keys, dragged, or next to where a drag
//! would land: a few cards at a time, each card reading its own (`PerCard`).

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
    /// The card a pointer drag would land before, where its cell draws the insertion line.
    /// Only the card the line leaves and the one it reaches are told of a move, not every card
    /// of the cells it passes.
    pub landing_before: PerCard<bool>,
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
            landing_before: PerCard::follow(move || {
                drag.landing.with(|landing| {
                    match landing.as_ref().and_then(|l| l.before.as_ref()) {
                        Some(card) => all(std::slice::from_ref(card)),
                        None => HashMap::new(),
                    }
                })
            }),
        });
    }
}
