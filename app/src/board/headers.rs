//! Column and row headers: rename in place, move with Alt+arrows, with the "⋯" menu or by
//! dragging the grip, and add, hide or delete. Every action is a model op (so it undoes) and
//! moves and deletions are announced.

use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::{ids, labels};
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::{JourneyMap, LaneId, LaneKind, Op, StageId};
use wasm_bindgen::JsCast;

/// What a header stands for. Stage and lane headers differ only in these answers, so the
/// moving, deleting and dragging below is written once for both.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Stage(StageId),
    Lane(LaneId),
}

/// Where an item is: its shown name, its index among its kind and how many there are.
#[derive(Clone, Debug, PartialEq)]
struct Place {
    name: String,
    index: usize,
    count: usize,
}

impl Item {
    fn id(&self) -> &str {
        match self {
            Item::Stage(id) => id.as_str(),
            Item::Lane(id) => id.as_str(),
        }
    }

    /// The ids of its kind in map order (hidden lanes too: moves count them).
    fn ids(&self, map: &JourneyMap) -> Vec<String> {
        match self {
            Item::Stage(_) => map.stages.iter().map(|s| s.id.0.clone()).collect(),
            Item::Lane(_) => map.lanes.iter().map(|l| l.id.0.clone()).collect(),
        }
    }

    fn place(&self, i18n: I18nContext<Locale>, map: &JourneyMap) -> Place {
        let name = match self {
            Item::Stage(id) => map.stage(id).map(|s| s.name.clone()),
            Item::Lane(id) => map.lane(id).map(|l| labels::lane_name(i18n, l)),
        };
        let ids = self.ids(map);
        Place {
            name: name.unwrap_or_default(),
            index: ids.iter().position(|i| i == self.id()).unwrap_or(0),
            count: ids.len(),
        }
    }

    fn move_op(&self, to: usize) -> Op {
        match self.clone() {
            Item::Stage(id) => Op::MoveStage { id, to },
            Item::Lane(id) => Op::MoveLane { id, to },
        }
    }

    fn delete_op(&self) -> Op {
        match self.clone() {
            Item::Stage(id) => Op::DeleteStage { id },
            Item::Lane(id) => Op::DeleteLane { id },
        }
    }

    /// A blank lane name goes back to its kind's name; a blank stage name is refused.
    fn rename_op(&self, text: String) -> Op {
        match self.clone() {
            Item::Stage(id) => Op::RenameStage { id, name: text },
            Item::Lane(id) => Op::RenameLane {
                id,
                name: (!text.trim().is_empty()).then_some(text),
            },
        }
    }

    fn moved(&self, i18n: I18nContext<Locale>, place: &Place, to: usize) -> String {
        let (pos, count) = (to + 1, place.count);
        match self {
            Item::Stage(_) => {
                let stage = &place.name;
                t_string!(i18n, moved_stage, stage, pos, count).to_string()
            }
            Item::Lane(_) => {
                let lane = &place.name;
                t_string!(i18n, moved_lane, lane, pos, count).to_string()
            }
        }
    }

    fn deleted(&self, i18n: I18nContext<Locale>, name: &str) -> String {
        match self {
            Item::Stage(_) => t_string!(i18n, deleted_stage, stage = name).to_string(),
            Item::Lane(_) => t_string!(i18n, deleted_lane, lane = name).to_string(),
        }
    }

    /// Columns line up across the board, rows down it.
    fn across(&self) -> bool {
        matches!(self, Item::Stage(_))
    }

    /// The board's header cells of its kind, in display order.
    fn selector(&self) -> &'static str {
        match self {
            Item::Stage(_) => "table.board thead th[data-stage]",
            Item::Lane(_) => "table.board tbody th[data-lane]",
        }
    }
}

/// The contexts header actions need, gathered where they are at hand, so window listeners
/// (which run outside any component) can act too.
#[derive(Clone, Copy)]
struct Actions {
    i18n: I18nContext<Locale>,
    editor: Editor,
    announcer: Announcer,
}

impl Actions {
    fn here() -> Self {
        Actions {
            i18n: use_i18n(),
            editor: expect_context::<Editor>(),
            announcer: expect_context::<Announcer>(),
        }
    }

    fn place(self, item: &Item) -> Place {
        self.editor.map.with_untracked(|m| item.place(self.i18n, m))
    }

    /// Moves the item to index `to` of its kind, as one undo step, and says where it is now.
    fn move_to(self, item: &Item, to: usize) {
        let place = self.place(item);
        if to == place.index || to >= place.count {
            return;
        }
        if self.editor.apply(item.move_op(to)) {
            self.announcer.say(item.moved(self.i18n, &place, to));
        }
    }

    fn move_by(self, item: &Item, delta: isize) {
        if let Some(to) = self.place(item).index.checked_add_signed(delta) {
            self.move_to(item, to);
        }
    }

    fn delete(self, item: &Item) {
        let name = self.place(item).name;
        if self.editor.apply(item.delete_op()) {
            self.announcer.say(item.deleted(self.i18n, &name));
        }
    }

    fn cancelled(self, item: &Item) {
        let name = self.place(item).name;
        self.announcer
            .say(t_string!(self.i18n, reorder_cancelled, name).to_string());
    }
}

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
    dragged: Memo<Option<Item>>,
}

impl Reorder {
    /// Gives the board its header drag state; Esc cancels a drag wherever focus is.
    pub fn provide() {
        let state = RwSignal::new(None::<Reordering>);
        let actions = Actions::here();
        let on_escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() != "Escape" || ev.default_prevented() {
                return;
            }
            if let Some(r) = state.get_untracked() {
                state.set(None);
                actions.cancelled(&r.item);
                ev.prevent_default();
            }
        });
        on_cleanup(move || on_escape.remove());
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
    let at = if item.across() { x } else { y };
    let gap = spans.iter().filter(|(a, b)| (a + b) / 2.0 < at).count();
    let edge = match gap.checked_sub(1) {
        Some(i) => spans.get(i)?.1,
        None => spans.first()?.0,
    };
    let t = table.get_bounding_client_rect();
    let line = if item.across() {
        (edge - 2.0, t.top(), 4.0, t.height())
    } else {
        (t.left(), edge - 2.0, t.width(), 4.0)
    };
    Some((gap, line))
}

/// The index a dragged item takes when dropped in `gap` among the shown headers: just before
/// the first shown item at or after the gap (other than itself), or last.
fn index_for_gap(item: &Item, gap: usize, map: &JourneyMap) -> usize {
    let shown: Vec<String> = match item {
        Item::Stage(_) => map.stages.iter().map(|s| s.id.0.clone()).collect(),
        Item::Lane(_) => map
            .lanes
            .iter()
            .filter(|l| !l.hidden)
            .map(|l| l.id.0.clone())
            .collect(),
    };
    let others: Vec<String> = item
        .ids(map)
        .into_iter()
        .filter(|i| i != item.id())
        .collect();
    shown
        .iter()
        .skip(gap)
        .find(|i| *i != item.id())
        .and_then(|before| others.iter().position(|i| i == before))
        .unwrap_or(others.len())
}

/// Where a grip's pointer is in its gesture.
#[derive(Clone, Copy)]
enum Grip {
    Idle,
    Pressed { x: f64, y: f64 },
    Dragging,
}

/// How far a pressed pointer travels before the press becomes a drag.
const DRAG_SLOP: f64 = 4.0;

/// The handle that drags a header with a mouse, pen or finger. Keyboard and menu do the same
/// moves, so it is hidden from assistive technology.
#[component]
fn DragGrip(item: Item) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Actions::here();
    let reorder = expect_context::<Reorder>();
    let grip = StoredValue::new(Grip::Idle);
    let point =
        |ev: &leptos::ev::PointerEvent| (f64::from(ev.client_x()), f64::from(ev.client_y()));
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let (x, y) = point(&ev);
        grip.set_value(Grip::Pressed { x, y });
    };
    let on_move = {
        let item = item.clone();
        move |ev: leptos::ev::PointerEvent| {
            let (x, y) = point(&ev);
            match grip.get_value() {
                Grip::Idle => return,
                Grip::Pressed { x: x0, y: y0 } if (x - x0).hypot(y - y0) < DRAG_SLOP => return,
                Grip::Pressed { .. } => grip.set_value(Grip::Dragging),
                // Esc ended this drag: the rest of the gesture does nothing.
                Grip::Dragging if reorder.state.with_untracked(Option::is_none) => return,
                Grip::Dragging => {}
            }
            super::drag::auto_scroll(x, y);
            let (gap, line) = gap_at(&item, x, y).unzip();
            let next = Reordering {
                item: item.clone(),
                gap,
                line: line.unwrap_or_default(),
            };
            if reorder.state.with_untracked(|s| s.as_ref() != Some(&next)) {
                reorder.state.set(Some(next));
            }
        }
    };
    let on_up = move |_ev: leptos::ev::PointerEvent| {
        let was = grip.get_value();
        grip.set_value(Grip::Idle);
        let Some(r) = reorder.state.get_untracked() else {
            return;
        };
        reorder.state.set(None);
        if let (Grip::Dragging, Some(gap)) = (was, r.gap) {
            let to = actions
                .editor
                .map
                .with_untracked(|m| index_for_gap(&r.item, gap, m));
            actions.move_to(&r.item, to);
        }
    };
    let on_cancel = move |_ev: leptos::ev::PointerEvent| {
        grip.set_value(Grip::Idle);
        if let Some(r) = reorder.state.get_untracked() {
            reorder.state.set(None);
            actions.cancelled(&r.item);
        }
    };
    view! {
        <span
            class="grip"
            aria-hidden="true"
            title=move || t_string!(i18n, drag_to_move).to_string()
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
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

/// Closes the `<details>` menu a button sits in, so focus and layout settle.
fn close_menu(menu: NodeRef<html::Details>) {
    if let Some(menu) = menu.get_untracked() {
        menu.set_open(false);
    }
}

/// A menu button that moves the item one step and closes the menu.
fn step_button(
    item: Item,
    delta: isize,
    menu: NodeRef<html::Details>,
    label: impl IntoView + 'static,
) -> impl IntoView {
    let actions = Actions::here();
    view! {
        <button
            type="button"
            on:click=move |_| {
                actions.move_by(&item, delta);
                close_menu(menu);
            }
        >
            {label}
        </button>
    }
}

/// A menu button that deletes the item.
fn delete_button(item: Item, label: impl IntoView + 'static) -> impl IntoView {
    let actions = Actions::here();
    view! {
        <button type="button" class="danger" on:click=move |_| actions.delete(&item)>
            {label}
        </button>
    }
}

#[component]
pub fn StageHeader(id: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let reorder = expect_context::<Reorder>();
    let menu = NodeRef::<html::Details>::new();
    let item = Item::Stage(id.clone());
    let place = {
        let item = item.clone();
        Memo::new(move |_| editor.map.with(|m| item.place(i18n, m)))
    };
    let name = move || place.with(|p| p.name.clone());
    let add_after = move |_| {
        let at = place.get_untracked().index + 1;
        let name = t_string!(i18n, new_stage).to_string();
        editor.apply(Op::AddStage {
            id: StageId::new(ids::fresh()),
            name,
            at,
        });
        close_menu(menu);
    };
    let actions_label = move || {
        let stage = name();
        t_string!(i18n, stage_menu, stage).to_string()
    };
    let dragging = {
        let item = item.clone();
        move || reorder.dragged.with(|d| d.as_ref() == Some(&item))
    };
    view! {
        <th scope="col" class="stage" class:dragging=dragging data-stage=id.0 aria-label=name>
            <HeaderControls
                item=item.clone()
                name=Signal::derive(name)
                input_label=Signal::derive(move || t_string!(i18n, stage_name).to_string())
                menu_label=Signal::derive(actions_label)
                keys=("ArrowLeft", "ArrowRight")
                menu
            >
                {step_button(item.clone(), -1, menu, t!(i18n, move_left))}
                {step_button(item.clone(), 1, menu, t!(i18n, move_right))}
                <button type="button" on:click=add_after>{t!(i18n, add_stage_after)}</button>
                {delete_button(item.clone(), t!(i18n, delete_stage))}
            </HeaderControls>
        </th>
    }
}

#[component]
pub fn LaneHeader(id: LaneId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let reorder = expect_context::<Reorder>();
    let menu = NodeRef::<html::Details>::new();
    let item = Item::Lane(id.clone());
    let place = {
        let item = item.clone();
        Memo::new(move |_| editor.map.with(|m| item.place(i18n, m)))
    };
    let name = move || place.with(|p| p.name.clone());
    let hide = {
        let id = id.clone();
        move |_| {
            editor.apply(Op::SetLaneHidden {
                id: id.clone(),
                hidden: true,
            });
        }
    };
    let actions_label = move || {
        let lane = name();
        t_string!(i18n, lane_menu, lane).to_string()
    };
    let dragging = {
        let item = item.clone();
        move || reorder.dragged.with(|d| d.as_ref() == Some(&item))
    };
    view! {
        <th scope="row" class="lane-name" class:dragging=dragging data-lane=id.0.clone() aria-label=name>
            <HeaderControls
                item=item.clone()
                name=Signal::derive(name)
                input_label=Signal::derive(move || t_string!(i18n, lane_name).to_string())
                menu_label=Signal::derive(actions_label)
                keys=("ArrowUp", "ArrowDown")
                menu
            >
                {step_button(item.clone(), -1, menu, t!(i18n, move_up))}
                {step_button(item.clone(), 1, menu, t!(i18n, move_down))}
                <button type="button" on:click=hide>{t!(i18n, hide_lane)}</button>
                {delete_button(item.clone(), t!(i18n, delete_lane))}
            </HeaderControls>
        </th>
    }
}

/// The drag grip, name field and "⋯" menu of a header. Alt with the `keys` (back, forward)
/// moves it.
#[component]
fn HeaderControls(
    item: Item,
    name: Signal<String>,
    input_label: Signal<String>,
    menu_label: Signal<String>,
    keys: (&'static str, &'static str),
    menu: NodeRef<html::Details>,
    children: Children,
) -> impl IntoView {
    let actions = Actions::here();
    let on_key = {
        let item = item.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let key = ev.key();
            let delta = match (ev.alt_key(), key.as_str()) {
                (true, k) if k == keys.0 => -1,
                (true, k) if k == keys.1 => 1,
                _ => return,
            };
            ev.prevent_default();
            actions.move_by(&item, delta);
        }
    };
    let on_rename = {
        let item = item.clone();
        move |ev| {
            actions
                .editor
                .apply(item.rename_op(event_target_value(&ev)));
        }
    };
    let hint = format!(
        "Alt+{} / Alt+{}",
        keys.0.trim_start_matches("Arrow"),
        keys.1.trim_start_matches("Arrow")
    );
    view! {
        <div class="header">
            <DragGrip item />
            <input
                class="header-name"
                type="text"
                maxlength="200"
                aria-label=input_label
                title=hint
                prop:value=name
                on:change=on_rename
                on:keydown=on_key
            />
            <details class="menu" node_ref=menu>
                <summary aria-label=menu_label>
                    <span aria-hidden="true">"⋯"</span>
                </summary>
                <div class="menu-items">{children()}</div>
            </details>
        </div>
    }
}

/// Adds a lane of any kind at the bottom, and lists hidden lanes to show again.
#[component]
pub fn LaneBar() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let kind = RwSignal::new(LaneKind::Goals);
    let hidden = move || {
        editor.map.with(|m| {
            m.lanes
                .iter()
                .filter(|l| l.hidden)
                .map(|l| (l.id.clone(), labels::lane_name(i18n, l)))
                .collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        let at = editor.map.with_untracked(|m| m.lanes.len());
        editor.apply(Op::AddLane {
            id: LaneId::new(ids::fresh()),
            kind: kind.get_untracked(),
            name: None,
            at,
        });
    };
    view! {
        <div class="lane-bar">
            <label>
                <span>{t!(i18n, lane_kind)}</span>
                <select on:change=move |ev| {
                    let chosen = LaneKind::ALL
                        .into_iter()
                        .find(|k| format!("{k:?}") == event_target_value(&ev));
                    if let Some(k) = chosen {
                        kind.set(k);
                    }
                }>
                    {LaneKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=format!("{k:?}")>
                                    {move || labels::lane_kind_name(i18n, k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="button" on:click=add>
                {t!(i18n, add_lane)}
            </button>
            <Show when=move || !hidden().is_empty()>
                <span class="hidden-lanes">{t!(i18n, hidden_lanes)}</span>
                <For each=hidden key=|(id, name)| (id.clone(), name.clone()) let:lane>
                    {
                        let (id, lane) = lane;
                        let label = lane.clone();
                        view! {
                            <button
                                type="button"
                                class="chip"
                                on:click=move |_| {
                                    editor.apply(Op::SetLaneHidden {
                                        id: id.clone(),
                                        hidden: false,
                                    });
                                }
                            >
                                {move || {
                                    let lane = label.clone();
                                    t_string!(i18n, show_lane, lane).to_string()
                                }}
                            </button>
                        }
                    }
                </For>
            </Show>
        </div>
    }
}
