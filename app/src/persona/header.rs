//! Above the stages: whom the map is for (the current persona's picture, name, role and
//! quote), a compact chooser of the persona shown, and the button that opens the panel.

use super::avatar::{Avatar, Look};
use super::panel::PersonaPanel;
use crate::editor::Editor;
use crate::emotion::{CurrentPersona, PersonaChooser};
use crate::i18n::*;
use leptos::html;
use leptos::prelude::*;

/// What the header shows of the current persona.
#[derive(Clone, PartialEq)]
struct Shown {
    look: Look,
    name: String,
    role: String,
    quote: String,
}

#[component]
pub fn PersonaHeader() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let current = expect_context::<CurrentPersona>();
    let open = RwSignal::new(false);
    let opener = NodeRef::<html::Button>::new();
    let shown = Memo::new(move |_| {
        let id = current.id.get();
        editor.map.with(|m| {
            id.and_then(|id| m.persona(&id)).map(|p| Shown {
                look: Look::of(p),
                name: p.name.clone(),
                role: p.profile.role.clone(),
                quote: p.quote.clone(),
            })
        })
    });
    let look = Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.look.clone())));
    let text = move |f: fn(&Shown) -> &String| {
        move || shown.with(|s| s.as_ref().map(|s| f(s).clone()).unwrap_or_default())
    };
    let role = text(|s| &s.role);
    let quote = text(|s| &s.quote);
    view! {
        <section class="persona-header" aria-label=move || t_string!(i18n, persona_header_label)>
            <Avatar look />
            <div class="persona-who">
                <p class="persona-title">
                    <strong>{text(|s| &s.name)}</strong>
                    <Show when=move || !role().is_empty()>
                        <span class="persona-role">{role}</span>
                    </Show>
                </p>
                <Show when=move || !quote().is_empty()>
                    <q class="persona-quote">{quote}</q>
                </Show>
            </div>
            <PersonaChooser />
            <button
                type="button"
                class="persona-panel-button"
                node_ref=opener
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, persona_panel)}
            </button>
        </section>
        <PersonaPanel open opener />
    }
}
