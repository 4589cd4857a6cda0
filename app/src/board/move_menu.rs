//! "Move to…": a dialog that moves a card (with the cards selected with it) to any stage, lane
//! and position without dragging.

use super::drag::{self, Drag, Movers, Said};
use crate::editor::Editor;
use crate::filter::Lens;
use crate::i18n::*;
use crate::{dialog, labels};
use leptos::html;
use leptos::prelude::*;
use model::{CardId, Cell, LaneId, StageId};

#[component]
pub fn MoveDialog() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let drag = expect_context::<Drag>();
    let movers = Movers::here();
    let lens = expect_context::<Lens>();
    let dialog = NodeRef::<html::Dialog>::new();
    let stage = RwSignal::new(None::<StageId>);
    let lane = RwSignal::new(None::<LaneId>);
    let position = RwSignal::new(0usize);
    // The cards moving along with the one the dialog was opened for.
    let group = Memo::new(move |_| {
        drag.moving
            .get()
            .map(|card| movers.group_of(&card))
            .unwrap_or_default()
    });

    // Opening starts from the card's current place.
    Effect::new(move |_| {
        // Tracked, so that a card chosen before the dialog is mounted still opens it.
        dialog.track();
        let Some(card) = drag.moving.get() else {
            dialog::set_open(dialog, false);
            return;
        };
        let group = group.get_untracked();
        let place = editor
            .map
            .with_untracked(|m| model::navigate::place_among(m, &card, &group));
        if let Some(place) = place {
            // Positions are offered among the cards the filter shows.
            let shown_before = editor.map.with_untracked(|m| {
                m.cards_in(&place.cell)
                    .filter(|c| !group.contains(&c.id))
                    .take(place.index)
                    .filter(|c| lens.shows_untracked(&c.id))
                    .count()
            });
            stage.set(Some(place.cell.stage));
            lane.set(Some(place.cell.lane));
            position.set(shown_before);
        }
        dialog::set_open(dialog, true);
    });

    let title = move || {
        let count = group.with(Vec::len);
        if count > 1 {
            return t_string!(i18n, move_cards_count, count).to_string();
        }
        let card = drag
            .moving
            .get()
            .map(|id| editor.map.with(|m| labels::card_name_in(m, &id)))
            .unwrap_or_default();
        t_string!(i18n, move_card_named, card).to_string()
    };
    let stages = move || {
        editor.map.with(|m| {
            m.stages
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let lanes = move || {
        editor.map.with(|m| {
            m.lanes
                .iter()
                .filter(|l| !l.hidden && l.kind.holds_cards())
                .map(|l| (l.id.clone(), labels::lane_name(i18n, l)))
                .collect::<Vec<_>>()
        })
    };
    // Whether each card of the chosen cell other than the moving ones is drawn.
    let others_shown = move || {
        let (Some(stage), Some(lane)) = (stage.get(), lane.get()) else {
            return Vec::new();
        };
        let cell = Cell { lane, stage };
        let moving = |id: &CardId| group.with(|g| g.contains(id));
        editor.map.with(|m| {
            m.cards_in(&cell)
                .filter(|c| !moving(&c.id))
                .map(|c| !lens.hides(&c.id))
                .collect::<Vec<_>>()
        })
    };
    // Positions in the chosen cell, among the cards shown there.
    let positions = move || others_shown().into_iter().filter(|&s| s).count() + 1;
    let close = move || {
        let card = drag.moving.get_untracked();
        drag.moving.set(None);
        if let Some(card) = card {
            drag::focus_card(&card);
        }
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(card), Some(stage), Some(lane)) = (
            drag.moving.get_untracked(),
            stage.get_untracked(),
            lane.get_untracked(),
        ) else {
            return;
        };
        let nth = position.get_untracked().min(positions().saturating_sub(1));
        let at = model::navigate::index_of_shown(&others_shown(), nth);
        movers.move_group(
            &card,
            group.get_untracked(),
            (Cell { lane, stage }, at),
            Said::Moved,
        );
        close();
    };

    view! {
        <dialog node_ref=dialog class="move-dialog" aria-labelledby="move-title" on:close=move |_| {
            if drag.moving.get_untracked().is_some() {
                close();
            }
        }>
            <form on:submit=confirm>
                <h2 id="move-title">{title}</h2>
                <label>
                    <span>{t!(i18n, stage)}</span>
                    <select
                        prop:value=move || stage.get().map(|s| s.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            stage.set(Some(StageId::new(event_target_value(&ev))));
                            position.set(usize::MAX);
                        }
                    >
                        <For each=stages key=|(id, name)| (id.clone(), name.clone()) let:s>
                            <option value=s.0.to_string()>{s.1}</option>
                        </For>
                    </select>
                </label>
                <label>
                    <span>{t!(i18n, lane)}</span>
                    <select
                        prop:value=move || lane.get().map(|l| l.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            lane.set(Some(LaneId::new(event_target_value(&ev))));
                            position.set(usize::MAX);
                        }
                    >
                        <For each=lanes key=|(id, name)| (id.clone(), name.clone()) let:l>
                            <option value=l.0.to_string()>{l.1}</option>
                        </For>
                    </select>
                </label>
                <label>
                    <span>{t!(i18n, position)}</span>
                    <select
                        prop:value=move || position.get().min(positions().saturating_sub(1)).to_string()
                        on:change=move |ev| {
                            position.set(event_target_value(&ev).parse().unwrap_or(0));
                        }
                    >
                        {move || {
                            let count = positions();
                            (0..count)
                                .map(|i| {
                                    let pos = i + 1;
                                    view! {
                                        <option value=i.to_string()>
                                            {t_string!(i18n, position_of, pos, count).to_string()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| close()>{t!(i18n, cancel)}</button>
                    <button type="submit" class="primary">{t!(i18n, move_confirm)}</button>
                </div>
            </form>
        </dialog>
    }
}
