use crate::editor::Editor;
use crate::i18n::*;
use leptos::html;
use leptos::prelude::*;
use model::{CardId, Op};

/// A sticky note. Activating it opens its text for editing in place; leaving the note or
/// Ctrl+Enter keeps the text, Esc restores it. A new card left empty is removed.
#[component]
pub fn CardNote(id: CardId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let card = {
        let id = id.clone();
        Memo::new(move |_| editor.map.with(|m| m.card(&id).cloned()))
    };
    let text = move || card.with(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default());
    let colour = move || {
        let colour = card.with(|c| c.as_ref().map(|c| c.colour).unwrap_or_default());
        format!("card colour-{colour:?}").to_lowercase()
    };
    let editing = {
        let id = id.clone();
        Memo::new(move |_| editor.editing.with(|e| e.as_ref() == Some(&id)))
    };
    let textarea = NodeRef::<html::Textarea>::new();
    let opener = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if editing.get()
            && let Some(area) = textarea.get()
        {
            let _ = area.focus();
        }
    });

    let finish = {
        let id = id.clone();
        move |keep: bool| {
            if !editing.get_untracked() {
                return;
            }
            let new_text = textarea
                .get_untracked()
                .map(|a| a.value())
                .unwrap_or_default();
            editor.editing.set(None);
            if keep && new_text.trim().is_empty() && text().trim().is_empty() {
                editor.apply(Op::DeleteCard { id: id.clone() });
                return;
            }
            if keep && new_text != text() {
                editor.apply(Op::EditCardText {
                    id: id.clone(),
                    text: new_text,
                });
            }
            // Focus goes back to the note, not to the top of the page.
            request_animation_frame(move || {
                if let Some(button) = opener.get_untracked() {
                    let _ = button.focus();
                }
            });
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
    let note = NodeRef::<html::Div>::new();
    // Leaving the note keeps the text; moving between its own controls does not.
    let on_focus_out = {
        let finish = finish.clone();
        move |ev: leptos::ev::FocusEvent| {
            // The note's own button losing focus as it makes way for the editor is not leaving.
            if !editing.get_untracked()
                || opener.get_untracked().is_some_and(|b| {
                    ev.target().is_some_and(|t| {
                        wasm_bindgen::JsValue::from(t) == wasm_bindgen::JsValue::from(b)
                    })
                })
            {
                return;
            }
            let to = ev
                .related_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
            let inside = note
                .get_untracked()
                .is_some_and(|n| to.is_some_and(|to| n.contains(Some(&to))));
            if !inside {
                finish(true);
            }
        }
    };
    let open_id = id.clone();
    let delete_id = id.clone();
    let label = move || {
        let text = text();
        let text = if text.trim().is_empty() {
            t_string!(i18n, empty_card).to_string()
        } else {
            text
        };
        t_string!(i18n, edit_card, text).to_string()
    };

    view! {
        <div class=colour node_ref=note on:focusout=on_focus_out>
            <Show
                when=move || editing.get()
                fallback=move || {
                    let open_id = open_id.clone();
                    view! {
                        <button
                            type="button"
                            class="card-text"
                            node_ref=opener
                            aria-label=label
                            on:click=move |_| editor.editing.set(Some(open_id.clone()))
                        >
                            {text}
                        </button>
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
                    prop:value=text
                    on:keydown=on_key.clone()
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
