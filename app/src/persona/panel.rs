//! The persona panel: every persona's profile card, and adding one. A side panel rather than
//! a modal, so the board (and its header, which shows the current persona) stays in view
//! while a profile is filled in, and so do the page's messages about refused changes.

use super::card::ProfileCard;
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::emotion::CurrentPersona;
use crate::i18n::*;
use crate::ids;
use leptos::html;
use leptos::prelude::*;
use model::{JourneyMap, Op, PersonaId};

/// How many personas the method recommends per map (a hint, never a limit).
const RECOMMENDED: std::ops::RangeInclusive<usize> = 3..=5;

/// "Persona 3": the first such name not taken, counting on from the personas there are.
fn fresh_name(i18n: leptos_i18n::I18nContext<Locale>, map: &JourneyMap) -> String {
    (map.personas.len() + 1..)
        .map(|n| t_string!(i18n, new_persona, n).to_string())
        .find(|name| map.personas.iter().all(|p| &p.name != name))
        .unwrap_or_default()
}

#[component]
pub fn PersonaPanel(open: RwSignal<bool>, opener: NodeRef<html::Button>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let current = expect_context::<CurrentPersona>();
    let panel = NodeRef::<html::Dialog>::new();
    let add_button = NodeRef::<html::Button>::new();
    // The persona just added, whose card takes focus when it is drawn.
    let fresh = StoredValue::new(None::<PersonaId>);
    let ids = Memo::new(move |_| {
        editor
            .map
            .with(|m| m.personas.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    });
    let count = move || ids.with(Vec::len);

    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let Some(d) = panel.get() else {
            return is_open;
        };
        if is_open && !d.open() {
            d.show();
        } else if !is_open && d.open() {
            d.close();
            // Only on closing, not when the panel is first drawn closed.
            if was_open == Some(true)
                && let Some(button) = opener.get_untracked()
            {
                let _ = button.focus();
            }
        }
        is_open
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            // Taken here, so the board's own Esc (clearing the selection) leaves it alone.
            ev.prevent_default();
            open.set(false);
        }
    };
    let add = move |_| {
        let id = PersonaId::new(ids::fresh());
        let persona = editor.map.with_untracked(|m| fresh_name(i18n, m));
        fresh.set_value(Some(id.clone()));
        if editor.apply(Op::AddPersona {
            id: id.clone(),
            name: persona.clone(),
        }) {
            current.choose(id);
            announcer.say(t_string!(i18n, added_persona, persona).to_string());
        }
    };
    let on_deleted = Callback::new(move |()| {
        if let Some(button) = add_button.get_untracked() {
            let _ = button.focus();
        }
    });
    let hint = move || {
        let count = count();
        (!RECOMMENDED.contains(&count))
            .then(|| view! { <p class="persona-hint">{t!(i18n, persona_hint, count)}</p> })
    };

    view! {
        <dialog
            node_ref=panel
            class="persona-panel"
            aria-labelledby="persona-panel-title"
            on:keydown=on_key
        >
            <div class="persona-panel-head">
                <h2 id="persona-panel-title">{t!(i18n, persona_panel)}</h2>
                <button type="button" node_ref=add_button on:click=add>
                    {t!(i18n, add_persona)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {t!(i18n, close)}
                </button>
            </div>
            {hint}
            <Show when=move || open.get()>
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    {
                        let is_fresh = fresh.with_value(|f| f.as_ref() == Some(&id));
                        if is_fresh {
                            fresh.set_value(None);
                        }
                        view! { <ProfileCard id fresh=is_fresh on_deleted /> }
                    }
                </For>
            </Show>
        </dialog>
    }
}
