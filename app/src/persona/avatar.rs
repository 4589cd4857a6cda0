//! A persona's face: its uploaded picture, or its initials on a colour of its own.

use leptos::prelude::*;
use model::{Persona, avatar};

/// What an avatar shows, taken from the persona in one pass so that an avatar redraws only
/// when one of these changes.
#[derive(Clone, PartialEq)]
pub struct Look {
    initials: String,
    colour: String,
    image: Option<String>,
}

impl Look {
    pub fn of(persona: &Persona) -> Look {
        let (r, g, b) = avatar::colour(&persona.id.0);
        Look {
            initials: avatar::initials(&persona.name),
            colour: format!("#{r:02x}{g:02x}{b:02x}"),
            image: persona.avatar.clone(),
        }
    }
}

/// Decorative: the persona's name is always written beside it.
#[component]
pub fn Avatar(#[prop(into)] look: Signal<Option<Look>>) -> impl IntoView {
    move || {
        look.get().map(|look| match look.image {
            Some(src) => view! { <img class="avatar" src=src alt="" /> }.into_any(),
            None => view! {
                <span class="avatar initials" style:background-color=look.colour aria-hidden="true">
                    {look.initials}
                </span>
            }
            .into_any(),
        })
    }
}
