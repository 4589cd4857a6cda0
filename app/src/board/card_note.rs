use super::card_details::{self, Details};
use super::card_drag::CardDrag;
use super::card_style::Styling;
use super::drag::{self, Movers};
use super::gesture::Press;
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use model::{Card, Op, position};
use wasm_bindgen::JsCast;

/// A sticky note. A tap (or F2) opens its text for editing in place; leaving the note or
/// Ctrl+Enter keeps the text, Esc restores it; a new card left empty is removed. Space or
/// Enter lifts it for moving with the arrow keys; a pointer drags it; "Move to…" moves it
/// without dragging. Shift+Space, or a click with Shift or Ctrl/Cmd, selects it; a selected
/// card moves with the rest of the selection. Its tags show as chips; a button opens its colour
/// and tags, another (or D) its details, which show in a line under its text. Its cell draws it
/// afresh when its content changes, so it needs no map lookups.
#[component]
pub fn CardNote(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let Styling(styling) = expect_context::<Styling>();
    let details = expect_context::<Details>();
    let movers = Movers::here();
    let Movers {
        editor,
        drag,
        selection,
        ..
    } = movers;
    let id = card.id.clone();
    // The card is drawn afresh when its content or the language changes, so what it says is
    // read and worded once here rather than kept up to date by an effect per attribute.
    let (text, tags, channel) = (card.text.clone(), card.tags.clone(), card.channel);
    let card = StoredValue::new(card);
    let editing = {
        let id = id.clone();
        Memo::new(move |_| editor.editing.with(|e| e.as_ref() == Some(&id)))
    };
    let selected = {
        let id = id.clone();
        Memo::new(move |_| selection.contains(&id))
    };
    // A lifted selected card lifts the whole selection.
    let lifted = {
        let id = id.clone();
        Memo::new(move |_| {
            drag.lifted.with(|l| {
                l.as_ref()
                    .is_some_and(|l| l == &id || (selected.get() && selection.contains(l)))
            })
        })
    };
    let dragged = {
        let id = id.clone();
        Memo::new(move |_| drag.dragged.with(|d| d.contains(&id)))
    };
    let class = move || {
        let colour = card.with_value(|c| c.colour);
        let mut class = format!("card {}", super::colour_class(colour));
        if lifted.get() {
            class.push_str(" lifted");
        }
        if dragged.get() {
            class.push_str(" dragged");
        }
        if selected.get() {
            class.push_str(" selected");
        }
        class
    };
    let textarea = NodeRef::<html::Textarea>::new();
    Effect::new(move |_| {
        if editing.get()
            && let Some(area) = textarea.get()
        {
            let _ = area.focus();
        }
    });

    let finish = {
        let id = id.clone();
        let text = text.clone();
        move |keep: bool| {
            if !editing.get_untracked() {
                return;
            }
            let new_text = textarea
                .get_untracked()
                .map(|a| a.value())
                .unwrap_or_default();
            editor.editing.set(None);
            if keep && position::is_blank(&new_text) && position::is_blank(&text) {
                editor.apply(Op::DeleteCard { id: id.clone() });
                return;
            }
            if keep && new_text != text {
                editor.apply(Op::EditCardText {
                    id: id.clone(),
                    text: new_text,
                });
            }
            drag::focus_card(&id);
        }
    };
    let on_editor_key = {
        let finish = finish.clone();
        move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                finish(false);
            }
            "Enter" if ev.ctrl_key() || ev.meta_key() => {
                ev.prevent_default();
                finish(true);
            }
            _ => {}
        }
    };
    let note = NodeRef::<html::Div>::new();
    // Leaving the note keeps the text; moving between its own controls does not.
    let on_focus_out = {
        let finish = finish.clone();
        move |ev: leptos::ev::FocusEvent| {
            // Only the editor's own controls count: the note's face losing focus as it makes
            // way for the editor is not leaving.
            let from_editor = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| e.matches(".card-editor, .card-delete").unwrap_or(false));
            // A note drawn afresh (its content changed) may be removed with focus inside it: the
            // focusout of that removal finds this note's state gone, and has nothing to keep.
            if !editing.try_get_untracked().unwrap_or(false) || !from_editor {
                return;
            }
            let to = ev
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = note
                .get_untracked()
                .is_some_and(|n| to.is_some_and(|to| n.contains(Some(&to))));
            if !inside {
                finish(true);
            }
        }
    };

    let on_note_key = {
        let id = id.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if drag.lifted.get_untracked().is_some() {
                return;
            }
            if details.on_card_key(&ev, &id) {
                ev.prevent_default();
                return;
            }
            match ev.key().as_str() {
                "F2" => editor.editing.set(Some(id.clone())),
                " " if ev.shift_key() => selection.toggle(&id),
                " " | "Enter" => movers.lift(&id),
                _ => return,
            }
            // Marked as used, so the window's handler for lifted cards leaves it alone.
            ev.prevent_default();
        }
    };

    let press = Press::new(movers.gestures, CardDrag { card, movers });

    let open_move = {
        let id = id.clone();
        move |_| drag.moving.set(Some(id.clone()))
    };
    let open_style = {
        let id = id.clone();
        move |_| styling.set(Some(id.clone()))
    };
    let open_details = {
        let id = id.clone();
        move |_| details.open.set(Some(id.clone()))
    };
    let first_line = if text.trim().is_empty() {
        t_string!(i18n, empty_card).to_string()
    } else {
        text.lines().next().unwrap_or_default().to_owned()
    };
    let label = {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let words = if words.is_empty() {
            first_line.clone()
        } else {
            words
        };
        match channel {
            Some(channel) => {
                let channel = labels::channel_name(i18n, channel);
                t_string!(
                    i18n,
                    details_card_on_channel,
                    text = words.as_str(),
                    channel
                )
                .to_string()
            }
            None => t_string!(i18n, edit_card, text = words.as_str()).to_string(),
        }
    };
    let move_label = t_string!(i18n, move_to_card, card = first_line.as_str()).to_string();
    let style_label = t_string!(i18n, card_style_for, card = first_line.as_str()).to_string();
    let details_label = t_string!(i18n, details_for, card = first_line.as_str()).to_string();
    let titles = [
        t_string!(i18n, details).to_string(),
        t_string!(i18n, card_style).to_string(),
        t_string!(i18n, move_to).to_string(),
    ];
    // The line of facts under the text takes the room the text keeps for the buttons.
    let face_class = if card.with_value(card_details::has_facts) {
        "card-text above-facts"
    } else {
        "card-text"
    };
    let tags_label = t_string!(i18n, tags).to_string();
    let tag_list = move || {
        (!tags.is_empty()).then(|| {
            view! {
                <ul class="card-tags" aria-label=tags_label.clone()>
                    {tags.iter().map(|tag| view! { <li class="tag">{tag.clone()}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let delete_id = id.clone();
    let editor_text = text.clone();
    view! {
        <div class=class node_ref=note on:focusout=on_focus_out data-card=id.to_string()>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <div
                            class=face_class
                            role="button"
                            tabindex="0"
                            aria-label=label.clone()
                            aria-describedby=move || {
                                if selected.get() {
                                    "card-selected card-help card-details-help"
                                } else {
                                    "card-help card-details-help"
                                }
                            }
                            aria-pressed=move || lifted.get().to_string()
                            on:keydown=on_note_key.clone()
                            on:pointerdown=move |ev| press.down(&ev)
                            on:pointermove=move |ev| press.moved(&ev)
                            on:pointerup=move |ev| press.up(&ev)
                            on:pointercancel=move |_| {
                                press.cancel();
                            }
                        >
                            {text.clone()}
                        </div>
                        {card.with_value(card_details::facts)}
                        {tag_list()}
                        <super::metric::CardMetric card />
                        <div class="card-tools">
                            <button
                                type="button"
                                class="card-details"
                                aria-label=details_label.clone()
                                title=titles[0].clone()
                                on:click=open_details.clone()
                            ></button>
                            <button
                                type="button"
                                class="card-style"
                                aria-label=style_label.clone()
                                title=titles[1].clone()
                                on:click=open_style.clone()
                            >
                                <span class="palette-dot" aria-hidden="true"></span>
                            </button>
                            <button
                                type="button"
                                class="card-move"
                                aria-label=move_label.clone()
                                title=titles[2].clone()
                                on:click=open_move.clone()
                            >
                                <span aria-hidden="true">"⋯"</span>
                            </button>
                        </div>
                    }
                }
            >
                <textarea
                    node_ref=textarea
                    class="card-editor"
                    aria-label=move || t_string!(i18n, card_text).to_string()
                    title=move || t_string!(i18n, card_text_hint).to_string()
                    maxlength="5000"
                    rows="3"
                    prop:value=editor_text.clone()
                    on:keydown=on_editor_key.clone()
                ></textarea>
                <button
                    type="button"
                    class="card-delete"
                    aria-label=move || t_string!(i18n, delete_card).to_string()
                    on:click={
                        let delete_id = delete_id.clone();
                        move |_| {
                            editor.editing.set(None);
                            editor.apply(Op::DeleteCard { id: delete_id.clone() });
                        }
                    }
                >
                    "×"
                </button>
            </Show>
        </div>
    }
}
