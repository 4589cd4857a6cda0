//! The swimlane board: stages are columns, lanes are rows, cards sit in the cells. A table,
//! so stage and lane headers name every cell for assistive technology.

pub(crate) mod blueprint;
mod card_details;
mod card_drag;
mod card_events;
mod card_note;
mod card_plan;
mod card_style;
mod cell;
pub mod drag;
pub(crate) mod field;
pub(crate) mod gesture;
mod headers;
mod icons;
mod lane_bar;
mod marks;
pub(crate) mod metric;
mod move_menu;
pub(crate) mod read_only;
mod select;
mod selection_bar;
pub(crate) mod zoom;

use crate::dialog::built_when_first_wanted;
use crate::editor::Editor;
use crate::emotion::{EmotionRow, EmotionTable};
use crate::i18n::*;
use leptos::prelude::*;
use model::{Colour, LaneId, LaneKind, StageId};

/// The stylesheet's class for a colour, e.g. `colour-yellow`.
pub(crate) fn colour_class(colour: Colour) -> String {
    format!("colour-{colour:?}").to_lowercase()
}

/// The classes of a lane's row, e.g. `lane lane-painpoints`.
pub(crate) fn lane_class(kind: LaneKind) -> String {
    format!("lane lane-{kind:?}").to_lowercase()
}

/// Scrolls the board so that the stage headed by `header` shows just right of the lane names,
/// which stay in place over the scrolled board and would cover it.
pub(crate) fn show_stage(header: &web_sys::Element) {
    let scroller = header.closest(".board-scroll").ok().flatten();
    let corner = header
        .closest("table")
        .ok()
        .flatten()
        .and_then(|t| t.query_selector("td.corner").ok().flatten());
    if let (Some(scroller), Some(corner)) = (scroller, corner) {
        let offset = header.get_bounding_client_rect().left()
            - scroller.get_bounding_client_rect().left()
            - corner.get_bounding_client_rect().width();
        scroller.set_scroll_left(scroller.scroll_left() + offset as i32);
    }
}

#[component]
pub fn Board() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let stage_ids = Memo::new(move |_| {
        editor
            .map
            .with(|m| m.stages.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
    });
    let lane_ids = Memo::new(move |_| {
        editor.map.with(|m| {
            m.lanes
                .iter()
                .filter(|l| !l.hidden)
                .map(|l| l.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let selection = select::Selection::new();
    provide_context(selection);
    let styling = RwSignal::new(None);
    provide_context(card_style::Styling(styling));
    let measuring = metric::Measuring::provide();
    cell::CellDigests::provide(editor);
    let details = card_details::Details::provide();
    headers::Reorder::provide();
    let gestures = gesture::Gestures::provide();
    let movers = drag::Movers::here();
    let near = marks::Near::new();
    marks::Marks::provide(movers.drag, selection, near);
    let cards = card_events::CardEvents::new(movers, near);
    let shown = expect_context::<zoom::BoardView>();
    // Keys for the whole window, so they work wherever focus is: Esc ends a pointer drag (what
    // was dragged stays where it was), then keys for a lifted card, then for the selection.
    let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() {
            return;
        }
        if gestures.on_key(&ev) || movers.on_lifted_key(&ev) || selection.on_key(&ev) {
            ev.prevent_default();
        }
    });
    let on_focus = window_event_listener(leptos::ev::focusin, move |ev| {
        movers.on_focus_elsewhere(&ev);
    });
    on_cleanup(move || {
        on_key.remove();
        on_focus.remove();
    });
    view! {
        <p id="card-help" class="visually-hidden">{t!(i18n, drag_help)}</p>
        <p id="card-selected" class="visually-hidden">{t!(i18n, selected_note)}</p>
        <p id="card-details-help" class="visually-hidden">{t!(i18n, details_help)}</p>
        <icons::Sprite />
        {built_when_first_wanted(move || details.with(Option::is_some), || view! { <card_details::DetailsDialog /> })}
        <card_drag::Ghost />
        <card_drag::DropHighlight />
        <headers::ReorderLine />
        {built_when_first_wanted(move || movers.drag.moving.with(Option::is_some), || view! { <move_menu::MoveDialog /> })}
        {built_when_first_wanted(move || styling.with(Option::is_some), || view! { <card_style::StyleDialog /> })}
        {built_when_first_wanted(move || measuring.with(Option::is_some), || view! { <metric::MetricDialog /> })}
        <selection_bar::SelectionBar />
        <crate::analysis::AnalysisPanel />
        <crate::present::Presentation />
        <crate::persona::PersonaHeader />
        <div class="board-scroll">
            <table
                class="board"
                class:compact=move || shown.compact()
                style:zoom=move || shown.css_zoom()
                aria-label=move || t_string!(i18n, board_label).to_string()
                on:keydown=move |ev| cards.key(&ev)
                on:pointerdown=move |ev| cards.pointer_down(&ev)
                on:click=move |ev| cards.click(&ev)
                on:pointerover=move |ev| cards.pointer_over(&ev)
                on:pointerleave=move |_| cards.pointer_left()
                on:focusin=move |ev| cards.focus_in(&ev)
                on:focusout=move |ev| cards.focus_out(&ev)
            >
                <thead>
                    <tr>
                        <td class="corner"></td>
                        <For each=move || stage_ids.get() key=|id| id.clone() let:id>
                            <headers::Header item=headers::Item::Stage(id) />
                        </For>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || lane_ids.get() key=|id| id.clone() let:id>
                        <blueprint::LineAbove lane=id.clone() stage_ids />
                        <LaneRow id stage_ids />
                    </For>
                </tbody>
            </table>
            <lane_bar::LaneBar />
            <EmotionTable />
        </div>
    }
}

#[component]
fn LaneRow(id: LaneId, stage_ids: Memo<Vec<StageId>>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let kind = editor
        .map
        .with_untracked(|m| m.lane(&id).map(|l| l.kind))
        .unwrap_or(LaneKind::Notes);
    let class = lane_class(kind);
    let body = if kind.holds_cards() {
        let lane = id.clone();
        view! {
            <For each=move || stage_ids.get() key=|s| s.clone() let:stage>
                <cell::CardCell lane=lane.clone() stage />
            </For>
        }
        .into_any()
    } else {
        view! { <EmotionRow /> }.into_any()
    };
    view! {
        <tr class=class>
            <headers::Header item=headers::Item::Lane(id) />
            {body}
        </tr>
    }
}
