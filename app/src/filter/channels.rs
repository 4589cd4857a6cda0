//! The channels view: a table of channels × stages counting the touchpoints in each, so a
//! team sees where it is present and where it is not. A count opens the board filtered to its
//! channel, with focus on its stage's header.

use super::Lens;
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use model::presence::Presence;
use model::{Channel, StageId};
use wasm_bindgen::JsCast;

/// How dark a count's cell is drawn, from 0 (none) to 3; the number is always written too.
fn heat(count: usize, most: usize) -> usize {
    match count {
        0 => 0,
        n if n * 3 <= most => 1,
        n if n * 3 <= most * 2 => 2,
        _ => 3,
    }
}

/// Brings a stage's column into view and moves focus to its header, once the board is drawn
/// again.
fn focus_stage(stage: StageId) {
    let selector = format!("table.board thead th[data-stage=\"{stage}\"]");
    request_animation_frame(move || {
        let Some(header) = document().query_selector(&selector).ok().flatten() else {
            return;
        };
        crate::board::show_stage(&header);
        if let Some(name) = header
            .query_selector(".header-name")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = name.focus();
        }
    });
}

#[component]
pub fn ChannelsView() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let lens = expect_context::<Lens>();
    let presence = Memo::new(move |_| editor.map.with(Presence::of));
    let every_channel = RwSignal::new(false);
    let stages = Memo::new(move |_| {
        editor.map.with(|m| {
            m.stages
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        presence.with(|p| {
            if every_channel.get() {
                p.rows.clone()
            } else {
                p.present().cloned().collect()
            }
        })
    });
    let most = Memo::new(move |_| {
        presence.with(|p| {
            p.rows
                .iter()
                .flat_map(|(_, counts)| counts.iter().copied())
                .max()
                .unwrap_or(0)
        })
    });
    let follow = move |channel: Channel, stage: StageId| {
        lens.show_channel(channel);
        focus_stage(stage);
    };
    let row = move |(channel, counts): (Channel, Vec<usize>)| {
        let name = move || labels::channel_name(i18n, channel);
        let cells = stages
            .get_untracked()
            .into_iter()
            .zip(counts)
            .map(|((stage, stage_name), count)| {
                let label = move || {
                    let channel = name();
                    let stage = stage_name.clone();
                    if count == 1 {
                        t_string!(i18n, channels_cell_one, channel, stage).to_string()
                    } else {
                        t_string!(i18n, channels_cell, channel, stage, count).to_string()
                    }
                };
                let class = format!("count heat-{}", heat(count, most.get_untracked()));
                view! {
                    <td>
                        <button
                            type="button"
                            class=class
                            aria-label=label
                            on:click=move |_| follow(channel, stage.clone())
                        >
                            {count}
                        </button>
                    </td>
                }
            })
            .collect_view();
        view! {
            <tr>
                <th scope="row">{name}</th>
                {cells}
            </tr>
        }
    };
    view! {
        <section class="channels-view">
            <h2 id="channels-title">{t!(i18n, channels_title)}</h2>
            <p class="channels-help">{t!(i18n, channels_help)}</p>
            <label class="channels-all">
                <input
                    type="checkbox"
                    prop:checked=move || every_channel.get()
                    on:change=move |ev| every_channel.set(event_target_checked(&ev))
                />
                {t!(i18n, channels_show_every)}
            </label>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="channels-empty">{t!(i18n, channels_none)}</p> }
            >
                <div class="channels-scroll" tabindex="0" role="region" aria-labelledby="channels-title">
                    <table class="channels">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, filter_channel)}</th>
                                <For each=move || stages.get() key=|s| s.clone() let:stage>
                                    <th scope="col">{stage.1}</th>
                                </For>
                            </tr>
                        </thead>
                        <tbody>
                            // Redrawn whole when the map changes: a row per channel is small.
                            {move || {
                                stages.track();
                                rows.get().into_iter().map(row).collect_view()
                            }}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{t!(i18n, channels_total)}</th>
                                {move || {
                                    presence
                                        .with(Presence::stage_totals)
                                        .into_iter()
                                        .map(|n| view! { <td class="total">{n}</td> })
                                        .collect_view()
                                }}
                            </tr>
                        </tfoot>
                    </table>
                </div>
            </Show>
        </section>
    }
}
