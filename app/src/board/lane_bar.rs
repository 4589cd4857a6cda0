//! The bar under the board: "Add lane" of any kind, and the hidden lanes to show again.

use crate::editor::Editor;
use crate::i18n::*;
use crate::{ids, labels};
use leptos::prelude::*;
use model::{LaneId, LaneKind, Op};

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
