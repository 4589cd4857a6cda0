//! One persona as a profile card: picture, name, role and quote, then the profile's groups
//! and preferred channels, each edited in place and applied as its own op.

use super::avatar::{Avatar, Look};
use super::upload::{self, Refusal};
use crate::announce::Announcer;
use crate::board::field;
use crate::editor::Editor;
use crate::emotion::CurrentPersona;
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::profile::ProfileGroup;
use model::{Channel, Op, Persona, PersonaId, ProfileField};

#[component]
pub fn ProfileCard(
    id: PersonaId,
    /// Focus the name, selected, once it is drawn: the persona was just added.
    fresh: bool,
    /// After this persona is deleted, where focus goes (its card is gone).
    on_deleted: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let current = expect_context::<CurrentPersona>();
    let announcer = expect_context::<Announcer>();
    let persona = {
        let id = id.clone();
        Memo::new(move |_| editor.map.with(|m| m.persona(&id).cloned()))
    };
    let read = move |f: fn(&Persona) -> String| {
        Signal::derive(move || persona.with(|p| p.as_ref().map(f).unwrap_or_default()))
    };
    let name = read(|p| p.name.clone());
    let look = Memo::new(move |_| persona.with(|p| p.as_ref().map(Look::of)));
    let has_picture = move || persona.with(|p| p.as_ref().is_some_and(|p| p.avatar.is_some()));
    let is_current = {
        let id = id.clone();
        move || current.id.with(|c| c.as_ref() == Some(&id))
    };
    let name_input = NodeRef::<html::Input>::new();
    if fresh {
        request_animation_frame(move || {
            if let Some(input) = name_input.get_untracked() {
                let _ = input.focus();
                input.select();
            }
        });
    }

    let choose = {
        let id = id.clone();
        move |_| current.choose(id.clone())
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let persona = name.get_untracked();
            if editor.apply(Op::DeletePersona { id: id.clone() }) {
                announcer.say(t_string!(i18n, deleted_persona, persona).to_string());
                on_deleted.run(());
            }
        }
    };

    let rename = {
        let id = id.clone();
        move |name| Op::RenamePersona {
            id: id.clone(),
            name,
        }
    };
    let set_quote = {
        let id = id.clone();
        move |quote| Op::SetPersonaQuote {
            id: id.clone(),
            quote,
        }
    };
    // The role is the card's subtitle, under the name; the other groups follow the picture.
    let groups = ProfileField::ALL
        .chunk_by(|a, b| a.group() == b.group())
        .filter(|fields| fields[0].group() != ProfileGroup::About)
        .map(|fields| {
            let group = fields[0].group();
            let inputs = fields
                .iter()
                .map(|&f| view! { <ProfileText id=id.clone() field=f persona /> })
                .collect_view();
            view! {
                <fieldset class="profile-group">
                    <legend>{move || labels::profile_group_name(i18n, group)}</legend>
                    {inputs}
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <article class="profile-card" aria-label=move || name.get()>
            <div class="profile-top">
                <Avatar look />
                <div class="profile-who">
                    <TextField
                        label=Signal::derive(move || t_string!(i18n, persona_name).to_string())
                        value=name
                        op=rename
                        class="profile-name"
                        node_ref=name_input
                    />
                    <ProfileText id=id.clone() field=ProfileField::Role persona />
                    <TextField
                        label=Signal::derive(move || t_string!(i18n, persona_quote).to_string())
                        value=read(|p| p.quote.clone())
                        op=set_quote
                        class="profile-quote"
                    />
                </div>
            </div>
            <div class="profile-actions">
                <Show
                    when=is_current.clone()
                    fallback=move || {
                        view! {
                            <button type="button" on:click=choose.clone()>
                                {t!(i18n, persona_show_on_board)}
                            </button>
                        }
                    }
                >
                    <p class="on-board">{t!(i18n, persona_on_board)}</p>
                </Show>
                <Picture id=id.clone() name has_picture=Signal::derive(has_picture) />
                <button type="button" class="danger" on:click=delete>
                    {t!(i18n, delete_persona)}
                </button>
            </div>
            <div class="profile-groups">
                {groups}
                <Channels id persona />
            </div>
        </article>
    }
}

/// One text of the persona in a labelled field (a text area when `long`); the map keeps what
/// `op` makes of the text.
#[component]
fn TextField(
    label: Signal<String>,
    value: Signal<String>,
    op: impl Fn(String) -> Op + Clone + 'static,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] node_ref: NodeRef<html::Input>,
    #[prop(optional)] long: bool,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let on_change = move |ev| field::commit(editor, &ev, op.clone(), move || value.get_untracked());
    let control = if long {
        view! { <textarea rows="2" prop:value=value on:change=on_change></textarea> }.into_any()
    } else {
        view! { <input type="text" node_ref=node_ref prop:value=value on:change=on_change /> }
            .into_any()
    };
    view! {
        <label class=format!("profile-field {class}")>
            <span class="field-label">{label}</span>
            {control}
        </label>
    }
}

#[component]
fn ProfileText(
    id: PersonaId,
    field: ProfileField,
    persona: Memo<Option<Persona>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = Signal::derive(move || {
        persona.with(|p| {
            p.as_ref()
                .map(|p| p.profile.get(field).to_owned())
                .unwrap_or_default()
        })
    });
    let op = move |value| Op::SetPersonaField {
        id: id.clone(),
        field,
        value,
    };
    view! {
        <TextField
            label=Signal::derive(move || labels::profile_field_name(i18n, field).to_owned())
            value
            op
            long=field.group() == ProfileGroup::Needs
        />
    }
}

/// The preferred channels, one checkbox each, in the order of `Channel::ALL`.
#[component]
fn Channels(id: PersonaId, persona: Memo<Option<Persona>>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let chosen = Memo::new(move |_| {
        persona.with(|p| {
            p.as_ref()
                .map(|p| p.profile.channels.clone())
                .unwrap_or_default()
        })
    });
    let boxes = Channel::ALL
        .into_iter()
        .map(|channel| {
            let id = id.clone();
            let toggle = move |ev| {
                let mut channels = chosen.get_untracked();
                channels.retain(|c| *c != channel);
                if event_target_checked(&ev) {
                    channels.push(channel);
                }
                let id = id.clone();
                editor.apply(Op::SetPersonaChannels { id, channels });
            };
            view! {
                <label class="channel-choice">
                    <input
                        type="checkbox"
                        prop:checked=move || chosen.with(|c| c.contains(&channel))
                        on:change=toggle
                    />
                    <span>{move || labels::channel_name(i18n, channel)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="profile-group profile-channels">
            <legend>{t!(i18n, persona_channels)}</legend>
            {boxes}
        </fieldset>
    }
}

/// Uploading a picture, or taking it away so the initials show again. A refused file is
/// said here, beside the button that chose it, and changes nothing.
#[component]
fn Picture(id: PersonaId, name: Signal<String>, has_picture: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let refusal = RwSignal::new(None::<Refusal>);
    let set_picture = {
        let id = id.clone();
        move |image: Option<String>| {
            let persona = name.get_untracked();
            let said = match image {
                Some(_) => t_string!(i18n, persona_picture_set, persona).to_string(),
                None => t_string!(i18n, persona_picture_removed, persona).to_string(),
            };
            let id = id.clone();
            if editor.apply(Op::SetPersonaAvatar { id, image }) {
                announcer.say(said);
            }
        }
    };
    let chosen = {
        let set_picture = set_picture.clone();
        move |ev: leptos::ev::Event| {
            let input = event_target::<web_sys::HtmlInputElement>(&ev);
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // So that choosing the same file again is a change too.
            input.set_value("");
            if let Err(why) = upload::check(&file) {
                refusal.set(Some(why));
                return;
            }
            refusal.set(None);
            let set_picture = set_picture.clone();
            leptos::task::spawn_local(async move {
                match upload::encode(&file).await {
                    Ok(image) => set_picture(Some(image)),
                    Err(why) => {
                        refusal.try_set(Some(why));
                    }
                }
            });
        }
    };
    let remove = move |_| {
        refusal.set(None);
        set_picture(None);
    };
    view! {
        <div class="profile-picture">
            <label class="upload">
                {t!(i18n, persona_upload)}
                <input type="file" accept="image/*" class="visually-hidden" on:change=chosen />
            </label>
            <Show when=move || has_picture.get()>
                <button type="button" on:click=remove.clone()>
                    {t!(i18n, persona_remove_picture)}
                </button>
            </Show>
            <p class="picture-refused" role="alert">
                {move || refusal.get().map(|why| refusal_text(i18n, why))}
            </p>
        </div>
    }
}

fn refusal_text(i18n: I18nContext<Locale>, why: Refusal) -> &'static str {
    match why {
        Refusal::NotImage => t_string!(i18n, persona_refused_not_image),
        Refusal::TooLarge => t_string!(i18n, persona_refused_too_large),
        Refusal::Undecodable => t_string!(i18n, persona_refused_undecodable),
        Refusal::TooDetailed => t_string!(i18n, persona_refused_too_detailed),
    }
}
