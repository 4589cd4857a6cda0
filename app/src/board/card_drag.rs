//! A card dragged with a pointer: a ghost follows it, the cell and place it would land in
//! show, and a drop moves it as one undo step.

use super::drag::{Drag, Landing, Movers, PointerDrag, Said};
use super::gesture::{self, DragHandler};
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use model::{Card, CardId, Cell, position};
use wasm_bindgen::JsCast;

/// The cell element under a point: `last`, while the point is still inside its box, or else
/// the one a hit test finds.
fn cell_under(x: f64, y: f64, last: Option<web_sys::Element>) -> Option<web_sys::Element> {
    if let Some(cell) = last {
        let r = cell.get_bounding_client_rect();
        let bounds = position::Bounds {
            left: r.left(),
            top: r.top(),
            right: r.right(),
            bottom: r.bottom(),
        };
        if bounds.contains(x, y) {
            return Some(cell);
        }
    }
    let hit = document().element_from_point(x as f32, y as f32)?;
    hit.closest("td.cell").ok()?
}

/// Where in `cell` the `dragged` cards would land at height `y`.
fn target_at(cell: &web_sys::Element, y: f64, dragged: &[CardId]) -> Option<Landing> {
    let lane = cell.get_attribute("data-lane")?;
    let stage = cell.get_attribute("data-stage")?;
    let items = cell.query_selector_all("li[data-card-id]").ok()?;
    // A card the filter hides has no box to measure, so it is not asked for one (this runs on
    // every pointer move of a drag).
    let cards: Vec<(CardId, Option<f64>)> = (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|item| {
            let id = CardId::new(item.get_attribute("data-card-id")?);
            let shown = item.get_attribute("data-sift").as_deref() != Some(crate::filter::HIDDEN);
            let middle = shown.then(|| {
                let rect = item.get_bounding_client_rect();
                rect.top() + rect.height() / 2.0
            });
            Some((id, middle))
        })
        .collect();
    let cell = Cell {
        lane: model::LaneId::new(lane),
        stage: model::StageId::new(stage),
    };
    let at = position::landing_index(&cards, dragged, y);
    let ids: Vec<CardId> = cards.into_iter().map(|(id, _)| id).collect();
    let before = position::card_before(&ids, dragged, at).cloned();
    Some(Landing { cell, at, before })
}

/// What dragging a card's face with a pointer means: a ghost follows it, the cell and place
/// it would land in show, and a drop moves it (with the cards selected with it) as one undo
/// step. A tap opens the card for editing, or with Shift or Ctrl/Cmd selects it.
#[derive(Clone, Copy)]
pub struct CardDrag {
    pub card: StoredValue<Card>,
    pub movers: Movers,
}

impl CardDrag {
    fn id(&self) -> CardId {
        self.card.with_value(|c| c.id.clone())
    }
}

impl DragHandler for CardDrag {
    fn press(&self, _ev: &PointerEvent) -> bool {
        self.movers.drag.lifted.with_untracked(Option::is_none)
    }

    fn start(&self, from: (f64, f64), ev: &PointerEvent) {
        let Some(face) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = face.get_bounding_client_rect();
        let card = self.id();
        self.movers.drag.over.set_value(None);
        self.movers.drag.pointer.set(Some(PointerDrag {
            cards: self.movers.group_of(&card),
            card,
            text: self.card.with_value(|c| c.text.clone()),
            x: from.0,
            y: from.1,
            grab_x: from.0 - rect.left(),
            grab_y: from.1 - rect.top(),
            width: rect.width(),
            target: None,
        }));
    }

    fn drag_to(&self, ev: &PointerEvent) {
        let drag = self.movers.drag;
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let cell = cell_under(x, y, drag.over.get_value());
        drag.over.set_value(cell.clone());
        let target = cell.and_then(|cell| {
            drag.pointer
                .with_untracked(|d| d.as_ref().and_then(|d| target_at(&cell, y, &d.cards)))
        });
        drag.pointer.update(|d| {
            if let Some(d) = d {
                d.x = x;
                d.y = y;
                d.target = target;
            }
        });
        gesture::scroll_near_edges(x, y);
    }

    fn drop(&self, _ev: &PointerEvent) {
        let Some(done) = self.movers.drag.pointer.get_untracked() else {
            return;
        };
        self.movers.drag.pointer.set(None);
        if let Some(Landing { cell, at, .. }) = done.target {
            self.movers
                .move_group(&done.card, done.cards, (cell, at), Said::Dropped);
        }
    }

    fn cancel(&self) {
        if let Some(p) = self.movers.drag.pointer.get_untracked() {
            self.movers.drag.pointer.set(None);
            self.movers.announce(&p.card, &p.cards, Said::Cancelled);
        }
    }

    fn tap(&self, ev: &PointerEvent) {
        let card = self.id();
        if ev.shift_key() || ev.ctrl_key() || ev.meta_key() {
            self.movers.selection.toggle(&card);
        } else {
            self.movers.editor.editing.set(Some(card));
        }
    }
}

/// The note that follows the pointer during a drag. It is built when the drag starts and only
/// its transform follows the pointer: rebuilding it on every move cost a new element, its
/// attributes and a style recalculation per frame.
#[component]
pub fn Ghost() -> impl IntoView {
    let drag = expect_context::<Drag>();
    let face = Memo::new(move |_| {
        drag.pointer
            .with(|p| p.as_ref().map(|p| (p.text.clone(), p.width, p.cards.len())))
    });
    let transform = move || {
        drag.pointer.with(|p| {
            p.as_ref()
                .map(|p| format!("translate({}px, {}px)", p.x - p.grab_x, p.y - p.grab_y))
                .unwrap_or_default()
        })
    };
    move || {
        face.get().map(|(text, width, count)| {
            view! {
                <div
                    class="ghost card colour-yellow"
                    aria-hidden="true"
                    style:width=format!("{width}px")
                    style:transform=transform
                >
                    {text}
                    {(count > 1).then(|| view! { <span class="ghost-count">{count}</span> })}
                </div>
            }
        })
    }
}
