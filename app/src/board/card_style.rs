//! A card's colour and tags, in a small dialog opened from the card. Each choice is a model
//! op of its own, so it applies at once and undoes alone.

use super::drag;
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use model::{CardId, Colour, Op, position};

/// The card whose colour and tags dialog is open.
#[derive(Clone, Copy)]
pub struct Styling(pub RwSignal<Option<CardId>>);

/// How long a tag may be: a word or two, so chips stay small.
const TAG_MAX_CHARS: usize = 40;

#[component]
pub fn StyleDialog() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let Styling(styling) = expect_context::<Styling>();
    let dialog = NodeRef::<html::Dialog>::new();
    let new_tag = NodeRef::<html::Input>::new();
    let card = Memo::new(move |_| {
        styling
            .get()
            .and_then(|id| editor.map.with(|m| m.card(&id).cloned()))
    });

    let close = drag::card_dialog(dialog, styling);

    let title = move || {
        let card = card.with(|c| c.as_ref().map(|c| labels::card_name(&c.text)));
        let card = card.unwrap_or_default();
        t_string!(i18n, card_style_for, card).to_string()
    };
    let colour = move || card.with(|c| c.as_ref().map(|c| c.colour).unwrap_or_default());
    let tags = move || card.with(|c| c.as_ref().map(|c| c.tags.clone()).unwrap_or_default());
    let set_tags = move |tags: Vec<String>| {
        let Some(id) = styling.get_untracked() else {
            return false;
        };
        editor.apply(Op::SetCardTags { id, tags })
    };
    let add_tag = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(input) = new_tag.get_untracked() else {
            return;
        };
        let tag = input.value().trim().to_owned();
        let mut list = tags();
        if position::is_blank(&tag) || list.contains(&tag) {
            return;
        }
        list.push(tag.clone());
        if set_tags(list) {
            input.set_value("");
            announcer.say(t_string!(i18n, tag_added, tag).to_string());
        }
    };
    let remove_tag = move |tag: String| {
        let list = tags().into_iter().filter(|t| t != &tag).collect();
        if set_tags(list) {
            announcer.say(t_string!(i18n, tag_removed, tag).to_string());
            // The chip's button is gone; the field to add another is the nearest place.
            if let Some(input) = new_tag.get_untracked() {
                let _ = input.focus();
            }
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class="card-dialog"
            aria-labelledby="style-title"
            on:close=move |_| close()
        >
            <h2 id="style-title">{title}</h2>
            <fieldset class="palette">
                <legend>{t!(i18n, colour)}</legend>
                {Colour::ALL
                    .into_iter()
                    .map(|c| {
                        let class = format!("swatch {}", super::colour_class(c));
                        view! {
                            <label class=class>
                                <input
                                    type="radio"
                                    name="card-colour"
                                    prop:checked=move || colour() == c
                                    on:change=move |_| {
                                        if let Some(id) = styling.get_untracked() {
                                            editor.apply(Op::SetCardColour { id, colour: c });
                                        }
                                    }
                                />
                                <span>{move || labels::colour_name(i18n, c)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="tag-editor">
                <legend>{t!(i18n, tags)}</legend>
                <Show
                    when=move || !tags().is_empty()
                    fallback=move || view! { <p class="no-tags">{t!(i18n, no_tags)}</p> }
                >
                    <ul class="tag-list">
                        <For each=tags key=|t| t.clone() let:tag>
                            <li class="tag">
                                <span>{tag.clone()}</span>
                                <button
                                    type="button"
                                    aria-label={
                                        let tag = tag.clone();
                                        move || {
                                            let tag = tag.clone();
                                            t_string!(i18n, remove_tag, tag).to_string()
                                        }
                                    }
                                    on:click={
                                        let tag = tag.clone();
                                        move |_| remove_tag(tag.clone())
                                    }
                                >
                                    <span aria-hidden="true">"×"</span>
                                </button>
                            </li>
                        </For>
                    </ul>
                </Show>
                <form class="add-tag" on:submit=add_tag>
                    <label>
                        <span>{t!(i18n, new_tag)}</span>
                        <input
                            type="text"
                            node_ref=new_tag
                            maxlength=TAG_MAX_CHARS.to_string()
                            autocomplete="off"
                        />
                    </label>
                    <button type="submit">{t!(i18n, add_tag)}</button>
                </form>
            </fieldset>
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| close()>
                    {t!(i18n, done)}
                </button>
            </div>
        </dialog>
    }
}
