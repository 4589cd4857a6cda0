//! Moving cards: lifted with the keyboard (moves apply live and undo as one step), or dragged
//! with a pointer (`card_drag`: a ghost follows; one move applies on drop). A selected card
//! takes the rest of the selection along. Every move is announced.

use super::gesture;
use super::select::Selection;
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::filter::Lens;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::navigate::{self, Direction};
use model::{CardId, Cell, JourneyMap, Op};
use wasm_bindgen::JsCast;

/// A card under a pointer drag: where the pointer is, where the card was grabbed, and the
/// cell and position it would land in.
#[derive(Clone, Debug, PartialEq)]
pub struct PointerDrag {
    pub card: CardId,
    /// The cards moving: `card` and, when it is selected, the rest of the selection.
    pub cards: Vec<CardId>,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub grab_x: f64,
    pub grab_y: f64,
    pub width: f64,
    pub target: Option<Landing>,
    pub highlight: Option<Highlight>,
}

/// Where dragged cards would land: the cell, and their position among its other cards.
#[derive(Clone, Debug, PartialEq)]
pub struct Landing {
    pub cell: Cell,
    pub at: usize,
}

/// How the drop target shows, in viewport pixels: the box of the cell the cards would land
/// in, and the height of the line where they would go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Highlight {
    pub cell: model::position::Bounds,
    pub line: f64,
}

#[derive(Clone, Copy)]
pub struct Drag {
    /// The card lifted with the keyboard.
    pub lifted: RwSignal<Option<CardId>>,
    /// Changes on every pointer move: only the ghost and the drop target should read it.
    pub pointer: RwSignal<Option<PointerDrag>>,
    /// The cards under a pointer drag; changes only when a drag starts or ends. Cards read it,
    /// so a pointer move costs the same however many cards there are. A plain signal, not a
    /// memo of `pointer`: a memo would mark each of its thousand readers for a check on every
    /// move, even when its value stays the same.
    pub dragged: ReadSignal<Vec<CardId>>,
    /// The card whose "Move to…" dialog is open.
    pub moving: RwSignal<Option<CardId>>,
    /// The cell a pointer drag was last over: while the pointer stays inside its box, the
    /// cell and its cards are known without a hit test or measuring them again, which cost
    /// more than the rest of a move.
    pub over: StoredValue<Option<super::card_drag::Over>, LocalStorage>,
}

impl Drag {
    pub fn new() -> Self {
        let pointer = RwSignal::new(None::<PointerDrag>);
        let (dragged, set_dragged) = signal(Vec::new());
        Effect::new(move |_| {
            let cards = pointer.with(|p| p.as_ref().map(|p| p.cards.clone()).unwrap_or_default());
            if dragged.with_untracked(|d| *d != cards) {
                set_dragged.set(cards);
            }
        });
        Drag {
            lifted: RwSignal::new(None),
            pointer,
            dragged,
            moving: RwSignal::new(None),
            over: StoredValue::new_local(None),
        }
    }
}

#[derive(Clone, Copy)]
pub enum Said {
    Lifted,
    Moved,
    Dropped,
    Cancelled,
}

/// The sentence for a card's place, e.g. "Card “Pricing page” moved to Onboarding,
/// Touchpoints, position 2 of 3.", counting the cards `shown` (those the filter leaves drawn).
pub fn sentence(
    i18n: I18nContext<Locale>,
    map: &JourneyMap,
    card: &CardId,
    said: Said,
    shown: impl Fn(&CardId) -> bool,
) -> String {
    let Some(place) = navigate::place_of(map, card, shown) else {
        return String::new();
    };
    let card = card_name(map, card);
    let (stage, lane) = cell_names(i18n, map, &place.cell);
    let (pos, count) = (place.index + 1, place.count);
    match said {
        Said::Lifted => t_string!(i18n, lifted, card, stage, lane, pos, count).to_string(),
        Said::Moved => t_string!(i18n, moved, card, stage, lane, pos, count).to_string(),
        Said::Dropped => t_string!(i18n, dropped, card, stage, lane, pos, count).to_string(),
        Said::Cancelled => t_string!(i18n, cancelled, card, stage, lane, pos, count).to_string(),
    }
}

/// The sentence for a group moving together, led by `anchor`, e.g. "3 cards moved to
/// Onboarding, Touchpoints."; a group of one is said as that card.
pub fn group_sentence(
    i18n: I18nContext<Locale>,
    map: &JourneyMap,
    anchor: &CardId,
    group: &[CardId],
    said: Said,
    shown: impl Fn(&CardId) -> bool,
) -> String {
    if group.len() < 2 {
        return sentence(i18n, map, anchor, said, shown);
    }
    let count = group.len();
    let Some(cell) = map.card(anchor).map(model::Card::cell) else {
        return String::new();
    };
    let (stage, lane) = cell_names(i18n, map, &cell);
    match said {
        Said::Lifted => {
            let card = card_name(map, anchor);
            t_string!(i18n, group_lifted, count, card).to_string()
        }
        Said::Moved => t_string!(i18n, group_moved, count, stage, lane).to_string(),
        Said::Dropped => t_string!(i18n, group_dropped, count, stage, lane).to_string(),
        Said::Cancelled => t_string!(i18n, group_cancelled, count).to_string(),
    }
}

fn card_name(map: &JourneyMap, card: &CardId) -> String {
    map.card(card)
        .map(|c| labels::card_name(&c.text))
        .unwrap_or_default()
}

/// A cell's stage and lane names.
fn cell_names(i18n: I18nContext<Locale>, map: &JourneyMap, cell: &Cell) -> (String, String) {
    let stage = map
        .stage(&cell.stage)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let lane = map
        .lane(&cell.lane)
        .map(|l| labels::lane_name(i18n, l))
        .unwrap_or_default();
    (stage, lane)
}

/// What moving a card needs, gathered once where contexts are at hand, so that window
/// listeners (which run outside any component) can use it too.
#[derive(Clone, Copy)]
pub struct Movers {
    pub(super) i18n: I18nContext<Locale>,
    pub(super) editor: Editor,
    pub(super) drag: Drag,
    pub(super) announcer: Announcer,
    pub(super) selection: Selection,
    pub(super) gestures: gesture::Gestures,
    pub(super) lens: Lens,
}

impl Movers {
    pub fn here() -> Self {
        Movers {
            i18n: use_i18n(),
            editor: expect_context::<Editor>(),
            drag: expect_context::<Drag>(),
            announcer: expect_context::<Announcer>(),
            selection: expect_context::<Selection>(),
            gestures: expect_context::<gesture::Gestures>(),
            lens: expect_context::<Lens>(),
        }
    }

    /// Says where `anchor` and the cards moving with it are.
    pub fn announce(&self, anchor: &CardId, group: &[CardId], said: Said) {
        let text = self.editor.map.with_untracked(|m| {
            let shown = |c: &CardId| self.lens.shows_untracked(c);
            group_sentence(self.i18n, m, anchor, group, said, shown)
        });
        self.announcer.say(text);
    }

    /// The cards that move with `card`, in board order; selected cards a filter hides stay.
    pub fn group_of(&self, card: &CardId) -> Vec<CardId> {
        let mut group = self
            .editor
            .map
            .with_untracked(|m| self.selection.group_for(m, card));
        group.retain(|c| c == card || self.lens.shows_untracked(c));
        group
    }

    /// Moves the cards as one undoable step and says where they went.
    pub fn move_group(&self, anchor: &CardId, group: Vec<CardId>, to: (Cell, usize), said: Said) {
        let (to, at) = to;
        let ids = group.clone();
        if self.editor.apply(Op::MoveCards { ids, to, at }) {
            self.announce(anchor, &group, said);
        }
    }

    /// Lifts a card (and the cards selected with it) for moving with the keyboard.
    pub fn lift(&self, card: &CardId) {
        self.editor.begin_gesture();
        self.drag.lifted.set(Some(card.clone()));
        self.announce(card, &self.group_of(card), Said::Lifted);
    }

    /// Keys while a card is lifted: arrows move it one step, Space or Enter drops it, Escape puts
    /// it back. Heard for the whole window, so a key pressed while the moved card is being
    /// redrawn (and briefly has no focus) is not lost; a key meant for anything else is left to
    /// it. Returns whether the key was used.
    pub fn on_lifted_key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        let Movers {
            i18n,
            editor,
            drag,
            announcer,
            ..
        } = *self;
        let Some(card) = drag.lifted.get_untracked() else {
            return false;
        };
        if !is_on_card_or_nowhere(ev.target(), &card) {
            return false;
        }
        let group = self.group_of(&card);
        let direction = match ev.key().as_str() {
            "ArrowUp" => Direction::Up,
            "ArrowDown" => Direction::Down,
            "ArrowLeft" => Direction::Left,
            "ArrowRight" => Direction::Right,
            " " | "Enter" => {
                self.drop_lifted(&card, &group);
                focus_card(&card);
                return true;
            }
            "Escape" => {
                editor.cancel_gesture();
                drag.lifted.set(None);
                self.announce(&card, &group, Said::Cancelled);
                focus_card(&card);
                return true;
            }
            _ => return false,
        };
        let target = editor.map.with_untracked(|m| {
            let shown = |c: &CardId| self.lens.shows_untracked(c);
            navigate::step_group_among(m, &card, &group, direction, shown)
        });
        match target {
            Some(to) => {
                self.move_group(&card, group, to, Said::Moved);
                focus_card(&card);
            }
            None => announcer.say(t_string!(i18n, cannot_move).to_string()),
        }
        true
    }

    /// Focus went elsewhere (Tab, a click on a field) while a card was lifted: it stays where
    /// it was moved to, as if dropped there, and the keys go back to what has focus.
    pub fn on_focus_elsewhere(&self, ev: &web_sys::FocusEvent) {
        if let Some(card) = self.drag.lifted.get_untracked()
            && !is_on_card_or_nowhere(ev.target(), &card)
        {
            self.drop_lifted(&card, &self.group_of(&card));
        }
    }

    fn drop_lifted(&self, card: &CardId, group: &[CardId]) {
        self.editor.end_gesture();
        self.drag.lifted.set(None);
        self.announce(card, group, Said::Dropped);
    }
}

/// Whether an event came from `card`'s face (not its buttons, whose keys are their own) or
/// from no element in particular: the page itself, while the moved card is redrawn.
fn is_on_card_or_nowhere(target: Option<web_sys::EventTarget>, card: &CardId) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return true;
    };
    if document().body().is_some_and(|body| *body == element) {
        return true;
    }
    element.matches(".card-text").unwrap_or(false)
        && element
            .closest("[data-card-id]")
            .ok()
            .flatten()
            .and_then(|held| held.get_attribute("data-card-id"))
            .is_some_and(|id| id == card.as_str())
}

/// Keeps `dialog` open while `card` holds a card; returns the way to close it, which gives
/// focus back to that card.
pub fn card_dialog(
    dialog: NodeRef<leptos::html::Dialog>,
    card: RwSignal<Option<CardId>>,
) -> impl Fn() + Copy + 'static {
    Effect::new(move |_| {
        // Tracked, so that a card chosen before the dialog is mounted still opens it.
        dialog.track();
        crate::dialog::set_open(dialog, card.with(Option::is_some));
    });
    move || {
        if let Some(id) = card.get_untracked() {
            card.set(None);
            focus_card(&id);
        }
    }
}

/// Puts focus back on a card once it has been drawn in its new cell.
pub fn focus_card(card: &CardId) {
    focus_when_drawn(format!("[data-card-id=\"{card}\"] .card-text"));
}

/// Gives focus to what `selector` finds once the page is drawn again: an element rebuilt or
/// moved by a change is not there, or not focused, until then.
pub fn focus_when_drawn(selector: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Focus left with the deleted cards (or the bar that went away with them) goes to the add
/// button of the cell the first of them was in, not to the start of the page.
pub fn focus_left_cell(cell: &model::Cell) {
    let selector = format!(
        "td[data-lane=\"{}\"][data-stage=\"{}\"] .add-card",
        cell.lane, cell.stage
    );
    request_animation_frame(move || {
        let lost = document()
            .active_element()
            .is_none_or(|e| e.tag_name() == "BODY");
        if let Some(el) = lost
            .then(|| document().query_selector(&selector).ok().flatten())
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
