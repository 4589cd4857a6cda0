//! Dragging a header by its grip: a line shows the gap it would land in, and a drop moves it
//! there as one undo step. The keyboard and the menu make the same moves.

use super::{Actions, Item};
use crate::board::gesture::{DragHandler, Gestures, Press};
use crate::i18n::*;
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use model::position;
use wasm_bindgen::JsCast;

/// A header being dragged: the gap among the headers it would land in (0 is before the first)
/// and the insertion line drawn there, in viewport pixels: left, top, width, height.
#[derive(Clone, Debug, PartialEq)]
struct Reordering {
    item: Item,
    gap: Option<usize>,
    line: (f64, f64, f64, f64),
}

/// The header drag under way, if any: headers and the insertion line read it.
#[derive(Clone, Copy)]
pub struct Reorder {
    state: RwSignal<Option<Reordering>>,
    pub(super) dragged: Memo<Option<Item>>,
}

impl Reorder {
    pub fn provide() {
        let state = RwSignal::new(None::<Reordering>);
        provide_context(Reorder {
            state,
            dragged: Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.item.clone()))),
        });
    }
}

/// The gap among the headers of `item`'s kind nearest to the pointer, with the line to draw
/// there; the pointer's coordinate along the headers decides, the other one is ignored.
fn gap_at(item: &Item, x: f64, y: f64) -> Option<(usize, (f64, f64, f64, f64))> {
    let table = document().query_selector("table.board").ok()??;
    let headers = document().query_selector_all(item.selector()).ok()?;
    let spans: Vec<(f64, f64)> = (0..headers.length())
        .filter_map(|i| headers.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let r = el.get_bounding_client_rect();
            if item.across() {
                (r.left(), r.right())
            } else {
                (r.top(), r.bottom())
            }
        })
        .collect();
    let (gap, edge) = position::gap_at(&spans, if item.across() { x } else { y })?;
    let t = table.get_bounding_client_rect();
    let line = if item.across() {
        (edge - 2.0, t.top(), 4.0, t.height())
    } else {
        (t.left(), edge - 2.0, t.width(), 4.0)
    };
    Some((gap, line))
}

/// What dragging a header's grip means.
#[derive(Clone, Copy)]
struct HeaderDrag {
    item: StoredValue<Item>,
    actions: Actions,
    reorder: Reorder,
}

impl DragHandler for HeaderDrag {
    fn press(&self, ev: &PointerEvent) -> bool {
        // The grip's text is not to be selected by the drag.
        ev.prevent_default();
        true
    }

    fn start(&self, _from: (f64, f64), _ev: &PointerEvent) {}

    fn drag_to(&self, ev: &PointerEvent) {
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let item = self.item.get_value();
        let (gap, line) = gap_at(&item, x, y).unzip();
        let next = Reordering {
            item,
            gap,
            line: line.unwrap_or_default(),
        };
        let state = self.reorder.state;
        if state.with_untracked(|s| s.as_ref() != Some(&next)) {
            state.set(Some(next));
        }
    }

    fn scrolls_board(&self) -> bool {
        true
    }

    fn drop(&self, _ev: &PointerEvent) {
        let Some(r) = self.reorder.state.get_untracked() else {
            return;
        };
        self.reorder.state.set(None);
        if let Some(gap) = r.gap {
            let to = self
                .actions
                .editor
                .map
                .with_untracked(|m| r.item.index_for_gap(m, gap));
            self.actions.move_to(&r.item, to);
        }
    }

    fn cancel(&self) {
        if let Some(r) = self.reorder.state.get_untracked() {
            self.reorder.state.set(None);
            self.actions.cancelled(&r.item);
        }
    }
}

/// The handle that drags a header with a mouse, pen or finger. Keyboard and menu do the same
/// moves, so it is hidden from assistive technology.
#[component]
pub(super) fn DragGrip(item: Item) -> impl IntoView {
    let i18n = use_i18n();
    let press = Press::new(
        expect_context::<Gestures>(),
        HeaderDrag {
            item: StoredValue::new(item),
            actions: Actions::here(),
            reorder: expect_context::<Reorder>(),
        },
    );
    view! {
        <span
            class="grip"
            aria-hidden="true"
            title=move || t_string!(i18n, drag_to_move).to_string()
            on:pointerdown=move |ev| press.down(&ev)
        >
            "⠿"
        </span>
    }
}

/// The line that shows where a dragged header would land.
#[component]
pub fn ReorderLine() -> impl IntoView {
    let reorder = expect_context::<Reorder>();
    let line = move || {
        reorder
            .state
            .with(|s| s.as_ref().and_then(|s| s.gap.map(|_| s.line)))
    };
    move || {
        line().map(|(left, top, width, height)| {
            view! {
                <div
                    class="reorder-line"
                    aria-hidden="true"
                    style:left=format!("{left}px")
                    style:top=format!("{top}px")
                    style:width=format!("{width}px")
                    style:height=format!("{height}px")
                ></div>
            }
        })
    }
}
