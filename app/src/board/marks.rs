//! Which cards are selected, lifted for moving with the keys, dragged, or showing their buttons:
//! a few cards at a time, each card reading its own marks (`PerCard`), all from one signal.

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
    /// Its buttons are drawn: it is under the pointer or holds focus (`Near`).
    pub tools: bool,
}

/// The cards a person is at: the one under a pointer that can hover, and the one holding focus
/// (or inside which focus is). Only these draw their buttons, Details, Colour and tags and
/// "Move to…": on every card they were eleven layout boxes each to build, lay out and paint, and
/// about 100 of the 600 ms of a first render at 1,000 cards. On a screen with no hovering
/// pointer every card draws them.
#[derive(Clone, Copy)]
pub struct Near {
    pub hovered: RwSignal<Option<CardId>>,
    pub focused: RwSignal<Option<CardId>>,
    /// No pointer can hover (a touch screen): every card draws its buttons.
    pub everywhere: bool,
}

impl Near {
    pub fn new() -> Self {
        let everywhere = window()
            .match_media("(hover: none)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches());
        Near {
            hovered: RwSignal::new(None),
            focused: RwSignal::new(None),
            everywhere,
        }
    }

    /// `card` is now the one under the pointer, or holding focus.
    pub fn set(at: RwSignal<Option<CardId>>, card: Option<CardId>) {
        at.maybe_update(|was| {
            let changed = *was != card;
            *was = card;
            changed
        });
    }
}

/// Every marked card's marks; a card not in it has none.
#[derive(Clone, Copy)]
pub struct Marks {
    marks: PerCard<Mark>,
    /// No pointer can hover: every card draws its buttons (`Near::everywhere`).
    pub buttons_everywhere: bool,
}

impl Marks {
    pub fn provide(drag: Drag, selection: Selection, near: Near) {
        let marks = PerCard::follow(move || {
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
            for at in [near.hovered, near.focused] {
                at.with(|card| mark(card.as_slice(), |m| m.tools = true));
            }
            marks
        });
        provide_context(Marks {
            marks,
            buttons_everywhere: near.everywhere,
        });
    }

    /// The card's marks, woken only when they change.
    pub fn of(&self, card: &CardId) -> Signal<Mark> {
        self.marks.signal(card)
    }
}
