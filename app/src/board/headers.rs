//! Column and row headers: rename in place, and a menu to move, add, hide or delete. Every
//! action is a model op (so it undoes) and is announced.

use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::{ids, labels};
use leptos::html;
use leptos::prelude::*;
use model::{LaneId, LaneKind, Op, StageId};

/// Closes the `<details>` menu a button sits in, so focus and layout settle.
fn close_menu(menu: NodeRef<html::Details>) {
    if let Some(menu) = menu.get_untracked() {
        menu.set_open(false);
    }
}

#[component]
pub fn StageHeader(id: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let menu = NodeRef::<html::Details>::new();
    let place = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.map.with(|m| {
                let index = m.stages.iter().position(|s| s.id == id);
                let name = index.map(|i| m.stages[i].name.clone()).unwrap_or_default();
                (name, index.unwrap_or(0), m.stages.len())
            })
        })
    };
    let name = move || place.with(|p| p.0.clone());
    let rename = {
        let id = id.clone();
        move |name: String| {
            let _ = editor.apply(Op::RenameStage {
                id: id.clone(),
                name,
            });
        }
    };
    let move_by = {
        let id = id.clone();
        move |delta: isize| {
            let (stage, index, count) = place.get_untracked();
            let Some(to) = index.checked_add_signed(delta).filter(|&t| t < count) else {
                return;
            };
            if editor.apply(Op::MoveStage { id: id.clone(), to }).is_ok() {
                let pos = to + 1;
                announcer.say(t_string!(i18n, moved_stage, stage, pos, count).to_string());
            }
            close_menu(menu);
        }
    };
    let add_after = move |_| {
        let at = place.get_untracked().1 + 1;
        let name = t_string!(i18n, new_stage).to_string();
        let _ = editor.apply(Op::AddStage {
            id: StageId::new(ids::fresh()),
            name,
            at,
        });
        close_menu(menu);
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let stage = name();
            if editor.apply(Op::DeleteStage { id: id.clone() }).is_ok() {
                announcer.say(t_string!(i18n, deleted_stage, stage).to_string());
            }
        }
    };
    let actions_label = move || {
        let stage = name();
        t_string!(i18n, stage_menu, stage).to_string()
    };
    let (left, right) = (move_by.clone(), move_by.clone());
    view! {
        <th scope="col" class="stage" aria-label=name>
            <HeaderControls
                name=Signal::derive(name)
                input_label=Signal::derive(move || t_string!(i18n, stage_name).to_string())
                menu_label=Signal::derive(actions_label)
                keys=("ArrowLeft", "ArrowRight")
                on_rename=Callback::new(rename)
                on_move=Callback::new(move_by)
                menu
            >
                <button type="button" on:click=move |_| left(-1)>{t!(i18n, move_left)}</button>
                <button type="button" on:click=move |_| right(1)>{t!(i18n, move_right)}</button>
                <button type="button" on:click=add_after>{t!(i18n, add_stage_after)}</button>
                <button type="button" class="danger" on:click=delete>{t!(i18n, delete_stage)}</button>
            </HeaderControls>
        </th>
    }
}

#[component]
pub fn LaneHeader(id: LaneId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let menu = NodeRef::<html::Details>::new();
    let place = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.map.with(|m| {
                let index = m.lanes.iter().position(|l| l.id == id);
                let name = index
                    .map(|i| labels::lane_name(i18n, &m.lanes[i]))
                    .unwrap_or_default();
                (name, index.unwrap_or(0), m.lanes.len())
            })
        })
    };
    let name = move || place.with(|p| p.0.clone());
    let rename = {
        let id = id.clone();
        move |text: String| {
            let name = (!text.trim().is_empty()).then_some(text);
            let _ = editor.apply(Op::RenameLane {
                id: id.clone(),
                name,
            });
        }
    };
    let move_by = {
        let id = id.clone();
        move |delta: isize| {
            let (lane, index, count) = place.get_untracked();
            let Some(to) = index.checked_add_signed(delta).filter(|&t| t < count) else {
                return;
            };
            if editor.apply(Op::MoveLane { id: id.clone(), to }).is_ok() {
                let pos = to + 1;
                announcer.say(t_string!(i18n, moved_lane, lane, pos, count).to_string());
            }
            close_menu(menu);
        }
    };
    let hide = {
        let id = id.clone();
        move |_| {
            let _ = editor.apply(Op::SetLaneHidden {
                id: id.clone(),
                hidden: true,
            });
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let lane = name();
            if editor.apply(Op::DeleteLane { id: id.clone() }).is_ok() {
                announcer.say(t_string!(i18n, deleted_lane, lane).to_string());
            }
        }
    };
    let actions_label = move || {
        let lane = name();
        t_string!(i18n, lane_menu, lane).to_string()
    };
    let (up, down) = (move_by.clone(), move_by.clone());
    view! {
        <th scope="row" class="lane-name" aria-label=name>
            <HeaderControls
                name=Signal::derive(name)
                input_label=Signal::derive(move || t_string!(i18n, lane_name).to_string())
                menu_label=Signal::derive(actions_label)
                keys=("ArrowUp", "ArrowDown")
                on_rename=Callback::new(rename)
                on_move=Callback::new(move_by)
                menu
            >
                <button type="button" on:click=move |_| up(-1)>{t!(i18n, move_up)}</button>
                <button type="button" on:click=move |_| down(1)>{t!(i18n, move_down)}</button>
                <button type="button" on:click=hide>{t!(i18n, hide_lane)}</button>
                <button type="button" class="danger" on:click=delete>{t!(i18n, delete_lane)}</button>
            </HeaderControls>
        </th>
    }
}

/// The name field and "⋯" menu of a header. Alt with the `keys` (back, forward) moves it.
#[component]
fn HeaderControls(
    name: Signal<String>,
    input_label: Signal<String>,
    menu_label: Signal<String>,
    keys: (&'static str, &'static str),
    on_rename: Callback<String>,
    on_move: Callback<isize>,
    menu: NodeRef<html::Details>,
    children: Children,
) -> impl IntoView {
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let delta = match (ev.alt_key(), key.as_str()) {
            (true, k) if k == keys.0 => -1,
            (true, k) if k == keys.1 => 1,
            _ => return,
        };
        ev.prevent_default();
        on_move.run(delta);
    };
    let hint = format!(
        "Alt+{} / Alt+{}",
        keys.0.trim_start_matches("Arrow"),
        keys.1.trim_start_matches("Arrow")
    );
    view! {
        <div class="header">
            <input
                class="header-name"
                type="text"
                maxlength="200"
                aria-label=input_label
                title=hint
                prop:value=name
                on:change=move |ev| on_rename.run(event_target_value(&ev))
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
        let _ = editor.apply(Op::AddLane {
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
                                    let _ = editor.apply(Op::SetLaneHidden {
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
