use super::card_note::CardNote;
use crate::editor::Editor;
use crate::filter::Lens;
use crate::i18n::*;
use crate::{ids, labels};
use leptos::prelude::*;
use model::{CardId, Cell, JourneyMap, LaneId, StageId};
use std::collections::HashMap;

/// Every cell's digest of its cards (`JourneyMap::cell_digests`), worked out once per change
/// of the map for all the cells together.
#[derive(Clone, Copy)]
pub struct CellDigests(Memo<HashMap<Cell, u64>>);

impl CellDigests {
    pub fn provide(editor: Editor) {
        provide_context(CellDigests(Memo::new(move |_| {
            editor.map.with(JourneyMap::cell_digests)
        })));
    }
}

/// One (lane, stage) cell: its cards in order, and a button to add one.
#[component]
pub fn CardCell(lane: LaneId, stage: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let lens = expect_context::<Lens>();
    let cell = Cell {
        lane: lane.clone(),
        stage: stage.clone(),
    };
    // The cell copies its cards only when their digest changes, so an edit elsewhere (another
    // cell, a score, a stage's name) costs this cell a lookup; a card is drawn afresh only when
    // its own content changes.
    let digest = {
        let CellDigests(digests) = expect_context::<CellDigests>();
        let cell = cell.clone();
        Memo::new(move |_| digests.with(|d| d.get(&cell).copied()))
    };
    let cards = {
        let cell = cell.clone();
        Memo::new(move |_| {
            // Read, not only tracked: a memo nothing reads is never worked out, so never changes.
            digest.get();
            editor
                .map
                .with_untracked(|m| m.cards_in(&cell).cloned().collect::<Vec<_>>())
        })
    };
    let card_ids =
        Memo::new(move |_| cards.with(|c| c.iter().map(|c| c.id.clone()).collect::<Vec<_>>()));
    // The card here open for editing, if any: drawn as an editor rather than a face.
    let editing = Memo::new(move |_| {
        editor
            .editing
            .with(|e| e.clone().filter(|e| card_ids.with(|ids| ids.contains(e))))
    });
    // A memo, so that a change of the map touches the page only when the names changed.
    let add_label = {
        let cell = cell.clone();
        Memo::new(move |_| {
            editor.map.with(|m| {
                let lane = m.lane(&cell.lane).map(|l| labels::lane_name(i18n, l));
                let stage = m.stage(&cell.stage).map(|s| s.name.clone());
                let (lane, stage) = (lane.unwrap_or_default(), stage.unwrap_or_default());
                t_string!(i18n, add_card_in, lane, stage).to_string()
            })
        })
    };
    let add = move |_| {
        let at = card_ids.with_untracked(Vec::len);
        editor.add_card(CardId::new(ids::fresh()), cell.clone(), at);
    };
    view! {
        <td class="cell" data-lane=lane.to_string() data-stage=stage.to_string()>
            <ul class="cards">
                <For
                    each=move || {
                        let open = editing.get();
                        cards
                            .get()
                            .into_iter()
                            .map(|card| {
                                let editing = open.as_ref() == Some(&card.id);
                                (card, editing)
                            })
                            .collect::<Vec<_>>()
                    }
                    key=|note| note.clone()
                    let((card, editing))
                >
                    {
                        let key = card.id.to_string();
                        let sifted = card.id.clone();
                        view! {
                            <li
                                data-card-id=key
                                data-sift=move || lens.sift_of(&sifted)
                            >
                                <CardNote card editing />
                            </li>
                        }
                    }
                </For>
            </ul>
            <button type="button" class="add-card" aria-label=add_label on:click=add>
                <span aria-hidden="true">"+ "</span>
                {t!(i18n, add_card)}
            </button>
        </td>
    }
}
