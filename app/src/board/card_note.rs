use super::card_details;
use super::drag;
use super::marks::{Mark, Marks};
use crate::announce::Announcer;
use crate::editor::{Editor, Left};
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use model::Card;
use wasm_bindgen::JsCast;

/// A sticky note. A tap (or F2) opens its text for editing in place; leaving the note or
/// Ctrl+Enter keeps the text, Esc restores it; a new card left empty is removed. Space or
/// Enter lifts it for moving with the arrow keys; a pointer drags it; "Move to…" moves it
/// without dragging. Shift+Space, or a click with Shift or Ctrl/Cmd, selects it; a selected
/// card moves with the rest of the selection. Its tags show as chips; a button opens its colour
/// and tags, another (or D) its details, which show in a line under its text. Its cell draws it
/// afresh when its content changes, so it needs no map lookups, and as its face or as its text
/// editor (`editing`), so a face carries nothing of the editor.
#[component]
pub fn CardNote(card: Card, editing: bool) -> impl IntoView {
    let id = card.id.clone();
    let card = StoredValue::new(card);
    let marks = expect_context::<Marks>();
    let state = marks.of(&id);
    let buttons_everywhere = marks.buttons_everywhere;
    let class = move || {
        let colour = card.with_value(|c| c.colour);
        let Mark {
            selected,
            lifted,
            dragged,
            ..
        } = state.get();
        let mut class = format!("card {}", super::colour_class(colour));
        if lifted {
            class.push_str(" lifted");
        }
        if dragged {
            class.push_str(" dragged");
        }
        if selected {
            class.push_str(" selected");
        }
        class
    };
    if editing {
        let note = NodeRef::<html::Div>::new();
        view! {
            <div class=class node_ref=note>
                <TextEditor card note />
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class=class>
                <Face card state buttons_everywhere />
            </div>
        }
        .into_any()
    }
}

/// The card's text open for editing, which takes focus as it is drawn. Leaving the note or
/// Ctrl+Enter keeps the text, Esc restores it, and a new card left empty is removed.
#[component]
fn TextEditor(card: StoredValue<Card>, note: NodeRef<html::Div>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let (id, text, cell) = card.with_value(|c| (c.id.clone(), c.text.clone(), c.cell()));
    // Where focus goes, and what is said, once the card is gone from under it.
    let gone = {
        let text = text.clone();
        move |left: Left| {
            let said = match left {
                Left::Kept => return,
                Left::Discarded => t_string!(i18n, new_card_discarded).to_string(),
                Left::Deleted => {
                    let card = labels::card_name(&text);
                    t_string!(i18n, deleted_card, card).to_string()
                }
            };
            announcer.say(said);
            drag::focus_left_cell(&cell);
        }
    };
    let textarea = NodeRef::<html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(area) = textarea.get() {
            let _ = area.focus();
        }
    });
    let finish = {
        let (id, text, gone) = (id.clone(), text.clone(), gone.clone());
        move |keep: bool| {
            // Once: closing the editor removes it, and that reports leaving it too. Nothing
            // is kept from an editor already gone.
            let Some(area) = textarea.try_get_untracked().flatten() else {
                return;
            };
            if editor.editing.with_untracked(|e| e.as_ref() != Some(&id)) {
                return;
            }
            editor.editing.set(None);
            match editor.finish_card_text(&id, &text, keep.then(|| area.value())) {
                Left::Kept => drag::focus_card(&id),
                left => gone(left),
            }
        }
    };
    let on_key = {
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
    // Leaving the note keeps the text; moving between its own controls does not.
    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = note
            .try_get_untracked()
            .flatten()
            .is_some_and(|n| to.is_some_and(|to| n.contains(Some(&to))));
        if !inside {
            finish(true);
        }
    };
    let delete = move |_| {
        editor.editing.set(None);
        gone(editor.remove_card(&id));
    };
    view! {
        <textarea
            node_ref=textarea
            class="card-editor"
            aria-label=t_string!(i18n, card_text).to_string()
            title=t_string!(i18n, card_text_hint).to_string()
            maxlength="5000"
            rows="3"
            prop:value=text
            on:keydown=on_key
            on:focusout=on_focus_out.clone()
        ></textarea>
        <button
            type="button"
            class="card-delete"
            aria-label=t_string!(i18n, delete_card).to_string()
            on:focusout=on_focus_out
            on:click=delete
        >
            "×"
        </button>
    }
}

/// The card's face: its text (the handle a pointer drags, and the focus for its keys), its
/// details, tags and metric, and its three buttons while it is under the pointer or holds focus
/// (always, with `buttons_everywhere`). What its keys, presses and buttons do is heard once for
/// the whole board (`card_events`).
#[component]
fn Face(card: StoredValue<Card>, state: Signal<Mark>, buttons_everywhere: bool) -> impl IntoView {
    let i18n = use_i18n();
    // The card is drawn afresh when its content or the language changes, so what it says is
    // read and worded once here rather than kept up to date by an effect per attribute.
    let (text, tags, channel) = card.with_value(|c| (c.text.clone(), c.tags.clone(), c.channel));
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
    // The line of facts under the text takes the room the text keeps for the buttons.
    let face_class = if card.with_value(card_details::has_facts) {
        "card-text above-facts"
    } else {
        "card-text"
    };
    let tag_list = (!tags.is_empty()).then(|| {
        view! {
            <ul class="card-tags" aria-label=t_string!(i18n, tags).to_string()>
                {tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
            </ul>
        }
    });
    // Drawn on the card under the pointer or holding focus only (`marks::Near`). The buttons'
    // symbols are drawn by the style sheet, their names given by their labels.
    let tools = move || {
        (buttons_everywhere || state.get().tools).then(|| {
            let name = first_line.as_str();
            let buttons = [
                (
                    "card-details",
                    t_string!(i18n, details_for, card = name),
                    t_string!(i18n, details),
                    "",
                ),
                (
                    "card-style",
                    t_string!(i18n, card_style_for, card = name),
                    t_string!(i18n, card_style),
                    "",
                ),
                (
                    "card-move",
                    t_string!(i18n, move_to_card, card = name),
                    t_string!(i18n, move_to),
                    "⋯",
                ),
            ];
            let buttons = buttons.map(|(class, label, title, symbol)| {
                view! {
                    <button type="button" class=class aria-label=label.to_string() title=title.to_string()>
                        {symbol}
                    </button>
                }
            });
            view! { <div class="card-tools">{buttons}</div> }
        })
    };
    view! {
        <div
            class=face_class
            role="button"
            tabindex="0"
            aria-label=label
            aria-describedby=move || {
                if state.get().selected {
                    "card-selected card-help card-details-help"
                } else {
                    "card-help card-details-help"
                }
            }
            aria-pressed=move || state.get().lifted.to_string()
        >
            {text}
        </div>
        {card.with_value(card_details::facts)}
        {tag_list}
        <super::metric::CardMetric card />
        {tools}
    }
}
