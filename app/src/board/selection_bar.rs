//! The bar shown while cards are selected: "Move to…", "Delete" and "Clear selection".

use super::drag::{self, Drag};
use super::select::Selection;
use crate::i18n::*;
use leptos::prelude::*;

/// What can be done with the selection, shown while there is one.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let i18n = use_i18n();
    let drag = expect_context::<Drag>();
    let selection = expect_context::<Selection>();
    let selected = Memo::new(move |_| selection.tracked_cards());
    let move_to = move |_| {
        if let Some(first) = selected.get_untracked().first() {
            drag.moving.set(Some(first.clone()));
        }
    };
    let clear = move |_| {
        let first = selected.get_untracked().first().cloned();
        selection.clear();
        if let Some(card) = first {
            drag::focus_card(&card);
        }
    };
    view! {
        <Show when=move || selected.with(|s| !s.is_empty())>
            <div
                class="selection-bar"
                role="group"
                aria-label=move || t_string!(i18n, selection_label).to_string()
            >
                <span class="selection-count">
                    {move || {
                        let count = selected.with(Vec::len);
                        t_string!(i18n, selected_count, count).to_string()
                    }}
                </span>
                <button type="button" on:click=move_to>{t!(i18n, move_to)}</button>
                <button type="button" class="danger" on:click=move |_| selection.delete()>
                    {t!(i18n, delete_selected)}
                </button>
                <button type="button" on:click=clear>{t!(i18n, clear_selection)}</button>
            </div>
        </Show>
    }
}
