//! Which persona the board shows and whose curve is edited, and the compact chooser of it.
//! Its choices double as the legend of the overlaid curves: each names a persona and shows
//! the line and marker its curve is drawn with.

use crate::editor::Editor;
use crate::i18n::*;
use leptos::prelude::*;
use model::curve::line_style;
use model::{JourneyMap, PersonaId};

/// The persona whose curve the emotions lane and the table show and edit. View state, not
/// part of the map: while the chosen persona is gone (deleted, or another map opened) the
/// first one stands in, and an undo that brings it back makes it current again.
#[derive(Clone, Copy)]
pub struct CurrentPersona {
    chosen: RwSignal<Option<PersonaId>>,
    pub id: Memo<Option<PersonaId>>,
}

impl CurrentPersona {
    pub fn provide() {
        let editor = expect_context::<Editor>();
        let chosen = RwSignal::new(None::<PersonaId>);
        let id = Memo::new(move |_| {
            editor.map.with(|m| {
                chosen
                    .get()
                    .filter(|id| m.persona(id).is_some())
                    .or_else(|| m.personas.first().map(|p| p.id.clone()))
            })
        });
        provide_context(CurrentPersona { chosen, id });
    }

    pub fn choose(&self, id: PersonaId) {
        self.chosen.set(Some(id));
    }

    /// The current persona's name, tracked.
    pub fn name(&self, map: &JourneyMap) -> String {
        self.id
            .get()
            .and_then(|id| map.persona(&id).map(|p| p.name.clone()))
            .unwrap_or_default()
    }
}

/// The compact chooser of the persona shown on the board. Its choices double as the legend
/// of the overlaid curves. Adding, renaming and deleting personas is the persona panel's.
#[component]
pub fn PersonaChooser() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let personas = Memo::new(move |_| {
        editor.map.with(|m| {
            m.personas
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), p.name.clone(), line_style(i)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="persona-chooser">
            <fieldset class="personas">
                <legend>{t!(i18n, personas_legend)}</legend>
                <For each=move || personas.get() key=|p| p.clone() let:persona>
                    <PersonaChoice id=persona.0 name=persona.1 style=persona.2 />
                </For>
            </fieldset>
            <Show when=move || personas.with(|p| p.len() > 1)>
                <p class="overlay-hint">{t!(i18n, overlay_hint)}</p>
            </Show>
        </div>
    }
}

/// One persona to choose, with the line its curve is drawn with: solid with faces when it is
/// the one edited, else its dash pattern and marker.
#[component]
fn PersonaChoice(id: PersonaId, name: String, style: usize) -> impl IntoView {
    let current = expect_context::<CurrentPersona>();
    let is_current = {
        let id = id.clone();
        move || current.id.with(|c| c.as_ref() == Some(&id))
    };
    let look = {
        let is_current = is_current.clone();
        move || {
            if is_current() {
                "current".to_owned()
            } else {
                format!("line{style}")
            }
        }
    };
    let line_class = {
        let look = look.clone();
        move || format!("legend-line {}", look())
    };
    let marker_class = move || format!("marker {}", look());
    view! {
        <label class="persona-choice">
            <input
                type="radio"
                name="current-persona"
                value=id.0.clone()
                prop:checked=is_current
                on:change=move |_| current.choose(id.clone())
            />
            <span class="swatch" aria-hidden="true">
                <svg viewBox="0 0 36 12">
                    <line class=line_class x1="1" y1="6" x2="35" y2="6" />
                </svg>
                <span class=marker_class></span>
            </span>
            <span class="persona-label">{name}</span>
        </label>
    }
}
