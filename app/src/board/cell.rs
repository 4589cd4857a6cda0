use super::card_note::CardNote;
use crate::editor::Editor;
use crate::i18n::*;
use crate::{ids, labels};
use leptos::prelude::*;
use model::{CardId, Cell, LaneId, Op, StageId};

/// One (lane, stage) cell: its cards in order, and a button to add one.
#[component]
pub fn CardCell(lane: LaneId, stage: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let cell = Cell { lane, stage };
    let card_ids = {
        let cell = cell.clone();
        Memo::new(move |_| {
            editor
                .map
                .with(|m| m.cards_in(&cell).map(|c| c.id.clone()).collect::<Vec<_>>())
        })
    };
    let add_label = {
        let cell = cell.clone();
        move || {
            editor.map.with(|m| {
                let lane = m.lane(&cell.lane).map(|l| labels::lane_name(i18n, l));
                let stage = m.stage(&cell.stage).map(|s| s.name.clone());
                let (lane, stage) = (lane.unwrap_or_default(), stage.unwrap_or_default());
                t_string!(i18n, add_card_in, lane, stage).to_string()
            })
        }
    };
    let add = move |_| {
        let id = CardId::new(ids::fresh());
        let at = card_ids.with_untracked(Vec::len);
        editor.apply(Op::AddCard {
            id: id.clone(),
            cell: cell.clone(),
            at,
            text: String::new(),
        });
        editor.editing.set(Some(id));
    };
    view! {
        <td class="cell">
            <ul class="cards">
                <For each=move || card_ids.get() key=|id| id.clone() let:id>
                    <li>
                        <CardNote id />
                    </li>
                </For>
            </ul>
            <button type="button" class="add-card" aria-label=add_label on:click=add>
                <span aria-hidden="true">"+ "</span>
                {t!(i18n, add_card)}
            </button>
        </td>
    }
}
