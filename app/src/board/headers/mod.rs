//! Column and row headers, one component for both: rename in place, move with Alt+arrows,
//! with the "⋯" menu or by dragging the grip, and add, hide or delete. Every action is a model
//! op (so it undoes) and moves and deletions are announced.

mod reorder;

pub use reorder::{Reorder, ReorderLine};

use super::field;
use crate::announce::Announcer;
use crate::dialog::built_when_first_wanted;
use crate::editor::Editor;
use crate::i18n::*;
use crate::menu::{OutsidePress, close_by_escape};
use crate::{ids, labels};
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::{JourneyMap, LaneId, Op, StageId, position};
use reorder::DragGrip;
use wasm_bindgen::JsCast;

/// What a header stands for. Stage and lane headers differ only in these answers, so the
/// header, its moves, deletion and dragging are written once for both.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
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

    /// The header cell of the item of its kind whose id is `id`.
    fn cell(&self, id: &str) -> String {
        match self {
            Item::Stage(_) => format!("table.board thead th[data-stage=\"{id}\"]"),
            Item::Lane(_) => format!("table.board tbody th[data-lane=\"{id}\"]"),
        }
    }

    /// The id of the shown item of its kind beside it: the next, else the one before.
    fn neighbour(&self, map: &JourneyMap) -> Option<String> {
        let ids = self.ids(map);
        let at = ids.iter().position(|(i, _)| i == self.id())?;
        let shown = |(i, s): &(String, bool)| s.then(|| i.clone());
        ids[at + 1..]
            .iter()
            .find_map(shown)
            .or_else(|| ids[..at].iter().rev().find_map(shown))
    }

    /// The ids of its kind in map order (hidden lanes too: moves count them), each with
    /// whether the board shows it.
    fn ids(&self, map: &JourneyMap) -> Vec<(String, bool)> {
        match self {
            Item::Stage(_) => map.stages.iter().map(|s| (s.id.0.clone(), true)).collect(),
            Item::Lane(_) => map
                .lanes
                .iter()
                .map(|l| (l.id.0.clone(), !l.hidden))
                .collect(),
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
            index: ids.iter().position(|(i, _)| i == self.id()).unwrap_or(0),
            count: ids.len(),
        }
    }

    /// The index the item takes when dropped in `gap` among the shown headers.
    fn index_for_gap(&self, map: &JourneyMap, gap: usize) -> usize {
        let ids = self.ids(map);
        let me = ids.iter().find(|(i, _)| i == self.id()).cloned();
        me.map_or(0, |me| {
            position::index_for_gap(&ids, |(_, shown)| *shown, &me, gap)
        })
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

    /// A blank name is refused for both, by the map: the field then shows the name kept.
    fn rename_op(&self, name: String) -> Op {
        match self.clone() {
            Item::Stage(id) => Op::RenameStage { id, name },
            Item::Lane(id) => Op::RenameLane {
                id,
                name: Some(name),
            },
        }
    }

    /// The menu's own action besides moving and deleting: a stage adds one after it, a lane
    /// hides itself. `index` is the item's.
    fn menu_op(&self, i18n: I18nContext<Locale>, index: usize) -> Op {
        match self.clone() {
            Item::Stage(_) => Op::AddStage {
                id: StageId::new(ids::fresh()),
                name: t_string!(i18n, new_stage).to_string(),
                at: index + 1,
            },
            Item::Lane(id) => Op::SetLaneHidden { id, hidden: true },
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

    /// The header's texts: the name field's label, the menu's label for `name`, and the menu's
    /// items (back, forward, its own action, delete).
    fn texts(&self, i18n: I18nContext<Locale>, name: String) -> Texts {
        match self {
            Item::Stage(_) => Texts {
                field: t_string!(i18n, stage_name).to_string(),
                menu: t_string!(i18n, stage_menu, stage = name).to_string(),
                back: t_string!(i18n, move_left).to_string(),
                forward: t_string!(i18n, move_right).to_string(),
                own: t_string!(i18n, add_stage_after).to_string(),
                delete: t_string!(i18n, delete_stage).to_string(),
            },
            Item::Lane(_) => Texts {
                field: t_string!(i18n, lane_name).to_string(),
                menu: t_string!(i18n, lane_menu, lane = name).to_string(),
                back: t_string!(i18n, move_up).to_string(),
                forward: t_string!(i18n, move_down).to_string(),
                own: t_string!(i18n, hide_lane).to_string(),
                delete: t_string!(i18n, delete_lane).to_string(),
            },
        }
    }

    /// Columns line up across the board, rows down it.
    fn across(&self) -> bool {
        matches!(self, Item::Stage(_))
    }

    /// The keys that, with Alt, move it back and forward.
    fn keys(&self) -> (&'static str, &'static str) {
        if self.across() {
            ("ArrowLeft", "ArrowRight")
        } else {
            ("ArrowUp", "ArrowDown")
        }
    }

    /// The board's header cells of its kind, in display order.
    fn selector(&self) -> &'static str {
        match self {
            Item::Stage(_) => "table.board thead th[data-stage]",
            Item::Lane(_) => "table.board tbody th[data-lane]",
        }
    }
}

#[derive(Clone, PartialEq)]
struct Texts {
    field: String,
    menu: String,
    back: String,
    forward: String,
    own: String,
    delete: String,
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
        let beside = self.editor.map.with_untracked(|m| item.neighbour(m));
        if self.editor.apply(item.delete_op()) {
            self.announcer.say(item.deleted(self.i18n, &name));
            focus_beside(item, beside);
        }
    }

    /// The menu's own action: a stage adds one after it, whose name then has focus; a lane
    /// hides itself, and focus goes to the lane beside it.
    fn own(self, item: &Item) {
        let Place { name, index, .. } = self.place(item);
        let beside = self.editor.map.with_untracked(|m| item.neighbour(m));
        let op = item.menu_op(self.i18n, index);
        let added = match &op {
            Op::AddStage { id, .. } => Some(id.to_string()),
            _ => None,
        };
        if !self.editor.apply(op) {
            return;
        }
        match added {
            Some(id) => focus_header(item.cell(&id), NAME_FIELD),
            None => {
                let lane = name;
                self.announcer
                    .say(t_string!(self.i18n, hid_lane, lane).to_string());
                focus_beside(item, beside);
            }
        }
    }

    fn cancelled(self, item: &Item) {
        let name = self.place(item).name;
        self.announcer
            .say(t_string!(self.i18n, reorder_cancelled, name).to_string());
    }
}

/// A header's name field, where its keys are heard.
const NAME_FIELD: &str = "input.header-name";

/// Gives focus to `part` of the header cell `cell` selects, once the board is drawn again:
/// moving a header's cell or taking one away takes focus from the page.
fn focus_header(cell: String, part: &'static str) {
    super::drag::focus_when_drawn(format!("{cell} {part}"));
}

/// After `item` left the board by its menu, focus goes to the menu of the item that was beside
/// it: a button, so that Ctrl+Z there undoes the board, not a field's typing.
fn focus_beside(item: &Item, beside: Option<String>) {
    if let Some(id) = beside {
        focus_header(item.cell(&id), "summary");
    }
}

/// A stage's column header or a lane's row header: the drag grip, the name field and the "⋯"
/// menu. Alt with the arrow keys along its kind moves it.
#[component]
pub fn Header(item: Item) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Actions::here();
    let editor = actions.editor;
    let reorder = expect_context::<Reorder>();
    let menu = NodeRef::<html::Details>::new();
    // The menu's items are built the first time it opens: most headers' menus never are.
    let opened = RwSignal::new(false);
    let (scope, class) = if item.across() {
        ("col", "stage")
    } else {
        ("row", "lane-name")
    };
    let (stage_id, lane_id) = match &item {
        Item::Stage(id) => (Some(id.to_string()), None),
        Item::Lane(id) => (None, Some(id.to_string())),
    };
    let keys = item.keys();
    let item = StoredValue::new(item);
    let place = Memo::new(move |_| editor.map.with(|m| item.with_value(|i| i.place(i18n, m))));
    let name = move || place.with(|p| p.name.clone());
    let texts = Memo::new(move |_| item.with_value(|i| i.texts(i18n, name())));
    let text = move |pick: fn(&Texts) -> &String| move || texts.with(|t| pick(t).clone());
    let dragging = move || {
        reorder
            .dragged
            .with(|d| item.with_value(|i| d.as_ref() == Some(i)))
    };
    // Each menu action closes the menu, so focus and layout settle.
    let close_menu = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let step = move |delta: isize| {
        move |_| {
            let moved = item.get_value();
            actions.move_by(&moved, delta);
            close_menu();
            focus_header(moved.cell(moved.id()), "summary");
        }
    };
    let outside = OutsidePress::new();
    let on_toggle = move |_| {
        opened.set(true);
        match menu.get_untracked() {
            Some(m) if m.open() => {
                outside.start(move || menu.get_untracked().map(Into::into), close_menu)
            }
            _ => outside.stop(),
        }
    };
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(menu) = menu
            .get_untracked()
            .filter(|m| ev.key() == "Escape" && m.open())
        else {
            return;
        };
        ev.prevent_default();
        ev.stop_propagation();
        let summary = menu
            .query_selector("summary")
            .ok()
            .flatten()
            .and_then(|s| s.dyn_into().ok());
        close_by_escape(&menu, summary, close_menu);
    };
    let own = move |_| {
        close_menu();
        actions.own(&item.get_value());
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let delta = match (ev.alt_key(), key.as_str()) {
            (true, k) if k == keys.0 => -1,
            (true, k) if k == keys.1 => 1,
            _ => return,
        };
        ev.prevent_default();
        let moved = item.get_value();
        actions.move_by(&moved, delta);
        focus_header(moved.cell(moved.id()), NAME_FIELD);
    };
    let on_rename = move |ev| {
        field::commit(
            editor,
            &ev,
            |text| item.with_value(|i| i.rename_op(text)),
            || place.with_untracked(|p| p.name.clone()),
        );
    };
    let hint = format!(
        "Alt+{} / Alt+{}",
        keys.0.trim_start_matches("Arrow"),
        keys.1.trim_start_matches("Arrow")
    );
    view! {
        <th
            scope=scope
            class=class
            class:dragging=dragging
            data-stage=stage_id
            data-lane=lane_id
            aria-label=name
        >
            <div class="header">
                <DragGrip item=item.get_value() />
                // A one-line field cannot wrap: the name is shown whole, wrapped, beneath it,
                // and the field shows its text only while it is being edited.
                <span class="header-label">
                    <span class="header-text" aria-hidden="true">{name}</span>
                    <input
                        class="header-name"
                        type="text"
                        maxlength="200"
                        aria-label=text(|t| &t.field)
                        title=hint
                        prop:value=name
                        on:change=on_rename
                        on:keydown=on_key
                    />
                </span>
                <details
                    class="menu"
                    node_ref=menu
                    // One header menu open at a time: opening one closes the others.
                    name="header-menu"
                    on:toggle=on_toggle
                    on:keydown=on_menu_key
                >
                    <summary aria-label=text(|t| &t.menu)>
                        <span aria-hidden="true">"⋯"</span>
                    </summary>
                    {built_when_first_wanted(move || opened.get(), move || view! {
                        <div class="menu-items">
                            <button type="button" on:click=step(-1)>{text(|t| &t.back)}</button>
                            <button type="button" on:click=step(1)>{text(|t| &t.forward)}</button>
                            <button type="button" on:click=own>{text(|t| &t.own)}</button>
                            <button
                                type="button"
                                class="danger"
                                on:click=move |_| actions.delete(&item.get_value())
                            >
                                {text(|t| &t.delete)}
                            </button>
                        </div>
                    })}
                </details>
            </div>
        </th>
    }
}
