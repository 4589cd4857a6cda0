//! A card dragged with a pointer: a ghost follows it, the cell and place it would land in
//! show, and a drop moves it as one undo step.

use super::drag::{Drag, Highlight, Landing, Movers, PointerDrag, Said};
use super::gesture::DragHandler;
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use model::{CardId, Cell, position};
use wasm_bindgen::JsCast;

/// The cell a pointer drag is over, with its cards measured once, when the pointer entered
/// it: measuring every card of the cell on every move cost more than the rest of the move.
/// Heights count from the cell's top, so they hold while the board scrolls under the pointer,
/// and nothing a drag shows moves a card.
pub struct Over {
    element: web_sys::Element,
    cell: Cell,
    /// Each card and its middle (`None`: hidden by the filter, so not measured).
    middles: Vec<(CardId, Option<f64>)>,
    /// Each card's top, in the same order.
    tops: Vec<Option<f64>>,
    /// Where the cell's list of cards ends.
    list_end: f64,
    /// The board's zoom (1 = 100 %): boxes are measured as drawn, its gaps are set unzoomed.
    zoom: f64,
}

fn bounds_of(element: &web_sys::Element) -> position::Bounds {
    let r = element.get_bounding_client_rect();
    position::Bounds {
        left: r.left(),
        top: r.top(),
        right: r.right(),
        bottom: r.bottom(),
    }
}

impl Over {
    /// The cell under a point, and its box: `last`, while the point is still inside its box,
    /// or else the one a hit test finds, measured.
    fn under(x: f64, y: f64, last: Option<Over>) -> Option<(Over, position::Bounds)> {
        if let Some(last) = last {
            let bounds = bounds_of(&last.element);
            if bounds.contains(x, y) {
                return Some((last, bounds));
            }
        }
        let hit = document().element_from_point(x as f32, y as f32)?;
        Over::measure(hit.closest("td.cell").ok()??)
    }

    fn measure(element: web_sys::Element) -> Option<(Over, position::Bounds)> {
        let cell = Cell {
            lane: model::LaneId::new(element.get_attribute("data-lane")?),
            stage: model::StageId::new(element.get_attribute("data-stage")?),
        };
        let bounds = bounds_of(&element);
        let list = element
            .query_selector("ul.cards")
            .ok()??
            .dyn_into::<web_sys::HtmlElement>()
            .ok()?;
        let drawn = list.get_bounding_client_rect();
        let list_end = drawn.bottom() - bounds.top;
        let zoom = match list.offset_width() {
            0 => 1.0,
            laid_out => drawn.width() / f64::from(laid_out),
        };
        let items = list.query_selector_all("li[data-card-id]").ok()?;
        // A card the filter hides has no box to measure, so it is not asked for one.
        let (middles, tops) = (0..items.length())
            .filter_map(|i| items.item(i)?.dyn_into::<web_sys::Element>().ok())
            .filter_map(|item| {
                let id = CardId::new(item.get_attribute("data-card-id")?);
                let shown =
                    item.get_attribute("data-sift").as_deref() != Some(crate::filter::HIDDEN);
                let rect = shown.then(|| item.get_bounding_client_rect());
                let top = rect.as_ref().map(|r| r.top() - bounds.top);
                let middle = rect.map(|r| r.top() + r.height() / 2.0 - bounds.top);
                Some(((id, middle), top))
            })
            .unzip();
        let over = Over {
            element,
            cell,
            middles,
            tops,
            list_end,
            zoom,
        };
        Some((over, bounds))
    }

    /// Where the `dragged` cards would land at `y` pixels below the top of the cell, whose
    /// box is `bounds`, and how that shows.
    fn landing(
        &self,
        y: f64,
        bounds: position::Bounds,
        dragged: &[CardId],
    ) -> (Landing, Highlight) {
        let at = position::landing_index(&self.middles, dragged, y);
        let before = position::card_before(self.middles.iter().map(|(id, _)| id), dragged, at);
        let before_top = before
            .and_then(|b| self.middles.iter().position(|(id, _)| id == b))
            .and_then(|i| self.tops.get(i).copied().flatten());
        let line = bounds.top + position::insertion_line(before_top, self.list_end, self.zoom);
        let landing = Landing {
            cell: self.cell.clone(),
            at,
        };
        (landing, Highlight { cell: bounds, line })
    }
}

/// The card a press began on, and its face (where the pointer was captured).
pub struct Pressed {
    pub id: CardId,
    pub face: web_sys::Element,
}

/// What dragging a card's face with a pointer means: a ghost follows it, the cell and place
/// it would land in show, and a drop moves it (with the cards selected with it) as one undo
/// step. A tap opens the card for editing, or with Shift or Ctrl/Cmd selects it. One for the
/// whole board (`card_events`): a press tells it which card it is on.
#[derive(Clone, Copy)]
pub struct CardDrag {
    pressed: StoredValue<Option<Pressed>, LocalStorage>,
    movers: Movers,
}

impl CardDrag {
    pub fn new(movers: Movers) -> Self {
        CardDrag {
            pressed: StoredValue::new_local(None),
            movers,
        }
    }

    /// The card the next press is on.
    pub fn pressed(&self, card: Pressed) {
        self.pressed.set_value(Some(card));
    }

    fn id(&self) -> Option<CardId> {
        self.pressed
            .with_value(|p| p.as_ref().map(|p| p.id.clone()))
    }
}

impl DragHandler for CardDrag {
    fn press(&self, _ev: &PointerEvent) -> bool {
        self.movers.drag.lifted.with_untracked(Option::is_none)
    }

    fn start(&self, from: (f64, f64), _ev: &PointerEvent) {
        let Some((card, rect)) = self.pressed.with_value(|p| {
            p.as_ref()
                .map(|p| (p.id.clone(), p.face.get_bounding_client_rect()))
        }) else {
            return;
        };
        // Looked up when a press becomes a drag, not on every press: most are taps.
        let text = self
            .movers
            .editor
            .map
            .with_untracked(|m| m.card(&card).map(|c| c.text.clone()));
        let Some(text) = text else {
            return;
        };
        self.movers.drag.over.set_value(None);
        self.movers.drag.pointer.set(Some(PointerDrag {
            cards: self.movers.group_of(&card),
            card,
            text,
            x: from.0,
            y: from.1,
            grab_x: from.0 - rect.left(),
            grab_y: from.1 - rect.top(),
            width: rect.width(),
            target: None,
            highlight: None,
        }));
    }

    fn drag_to(&self, ev: &PointerEvent) {
        let drag = self.movers.drag;
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let last = drag.over.try_update_value(Option::take).flatten();
        let over = Over::under(x, y, last);
        let landing = over.as_ref().and_then(|(over, bounds)| {
            drag.pointer.with_untracked(|d| {
                d.as_ref()
                    .map(|d| over.landing(y - bounds.top, *bounds, &d.cards))
            })
        });
        drag.over.set_value(over.map(|(over, _)| over));
        let (target, highlight) = landing.unzip();
        drag.pointer.update(|d| {
            if let Some(d) = d {
                d.x = x;
                d.y = y;
                d.target = target;
                d.highlight = highlight;
            }
        });
    }

    fn scrolls_board(&self) -> bool {
        true
    }

    fn drop(&self, _ev: &PointerEvent) {
        let Some(done) = self.movers.drag.pointer.get_untracked() else {
            return;
        };
        self.movers.drag.pointer.set(None);
        if let Some(Landing { cell, at }) = done.target {
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
        let Some(card) = self.id() else {
            return;
        };
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

/// The drop target of a pointer drag: a ring over the cell the cards would land in, and a line
/// where they would go. One overlay, placed by its transform: restyling the cells instead
/// repainted two whole cells, cards and all, at each change of cell. It is built when a target
/// first shows and only its styles follow the target, rather than a new overlay per cell.
#[component]
pub fn DropHighlight() -> impl IntoView {
    let drag = expect_context::<Drag>();
    let shown = Memo::new(move |_| drag.pointer.with(|p| p.as_ref().and_then(|p| p.highlight)));
    let showing = Memo::new(move |_| shown.with(Option::is_some));
    let style = move |of: fn(Highlight) -> String| move || shown.get().map(of).unwrap_or_default();
    move || {
        showing.get().then(|| {
            view! {
                <div
                    class="drop-highlight"
                    aria-hidden="true"
                    style:transform=style(|h| format!("translate({}px, {}px)", h.cell.left, h.cell.top))
                    style:width=style(|h| format!("{}px", h.cell.right - h.cell.left))
                    style:height=style(|h| format!("{}px", h.cell.bottom - h.cell.top))
                >
                    <div
                        class="drop-line"
                        style:transform=style(|h| format!("translateY({}px)", h.line - h.cell.top))
                    ></div>
                </div>
            }
        })
    }
}
