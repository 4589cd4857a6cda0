//! Narrowing the board: the filter bar, one persona's path and the channels view. A way of
//! looking kept per tab, never saved into the map, and started afresh when another map opens.
//!
//! Which cards are hidden or dimmed is worked out once per change, in one memo, and each card
//! only asks it about itself: a filter costs one pass over the map, not one per card.

mod bar;
mod channels;

pub use bar::FilterArea;

use crate::editor::Editor;
use crate::per_card::PerCard;
use leptos::prelude::*;
use model::filter::{Filter, PathMode, PersonaPath, Sifted, sift};
use model::{CardId, Channel};

/// The `data-sift` of a card the filter hides.
pub const HIDDEN: &str = "hidden";

/// What the main area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MainView {
    Board,
    Channels,
}

#[derive(Clone, Copy)]
pub struct Lens {
    pub filter: RwSignal<Filter>,
    pub path: RwSignal<Option<PersonaPath>>,
    pub view: RwSignal<MainView>,
    sifted: Memo<Sifted>,
    /// Each card's `data-sift`, for the board's thousands of cards to read one each.
    sift: PerCard<Option<&'static str>>,
}

impl Lens {
    pub fn provide(editor: Editor) {
        let filter = RwSignal::new(Filter::default());
        let path = RwSignal::new(None::<PersonaPath>);
        let view = RwSignal::new(MainView::Board);
        let sifted = Memo::new(move |_| {
            let active = filter.with(|f| !f.is_empty()) || path.with(Option::is_some);
            if !active {
                // Without reading the map, so an unfiltered board pays nothing per edit.
                return Sifted::default();
            }
            let editing = editor.editing.get();
            editor.map.with(|m| {
                let mut f = filter.get();
                f.keep_known(m);
                let p = path.get().filter(|p| m.persona(&p.persona).is_some());
                let mut sifted = sift(m, &f, p.as_ref());
                // The card being written stays in view, even one just added that the filter
                // does not accept yet.
                if let Some(id) = editing {
                    sifted.hidden.remove(&id);
                }
                sifted
            })
        });
        let map_id = Memo::new(move |_| editor.map.with(|m| m.id.clone()));
        Effect::new(move |was: Option<model::MapId>| {
            let now = map_id.get();
            if was.is_some_and(|was| was != now) {
                filter.set(Filter::default());
                path.set(None);
                view.set(MainView::Board);
            }
            now
        });
        let sift = PerCard::follow(move || {
            sifted.with(|s| {
                let hidden = s.hidden.iter().map(|id| (id.clone(), Some(HIDDEN)));
                let dimmed = s.dimmed.iter().map(|id| (id.clone(), Some("dimmed")));
                dimmed.chain(hidden).collect()
            })
        });
        provide_context(Lens {
            filter,
            path,
            view,
            sifted,
            sift,
        });
    }

    /// Whether the card is hidden; tracked.
    pub fn hides(&self, card: &CardId) -> bool {
        self.sifted.with(|s| s.hidden.contains(card))
    }

    /// The card's `data-sift`, which the stylesheet draws: `hidden` (not drawn, so not
    /// focusable either), `dimmed` (drawn faintly, off the chosen persona's path) or none;
    /// tracked. One attribute, so a card follows the filter through a single binding.
    pub fn sift_of(&self, card: &CardId) -> Option<&'static str> {
        self.sift.get(card)
    }

    /// How many cards the filter hides, how many are off the persona's path, and whether
    /// those are hidden rather than dimmed; tracked.
    pub fn counts(&self) -> (usize, usize, bool) {
        let hide = self
            .path
            .with(|p| p.as_ref().is_some_and(|p| p.mode == PathMode::Hide));
        self.sifted.with(|s| (s.by_filter, s.off_path, hide))
    }

    /// Whether the card is drawn, for moves worked out outside any reactive scope.
    pub fn shows_untracked(&self, card: &CardId) -> bool {
        self.sifted.with_untracked(|s| s.is_shown(card))
    }

    /// Shows every card again: no filter, no persona's path.
    pub fn show_all(&self) {
        self.filter.set(Filter::default());
        self.path.set(None);
    }

    /// Shows the board narrowed to one channel's touchpoints.
    pub fn show_channel(&self, channel: Channel) {
        self.filter.set(Filter::only_channel(channel));
        self.view.set(MainView::Board);
    }
}
