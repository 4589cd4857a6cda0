//! Working on one shared map together, live (issue 13). Whoever opens the edit link
//! (`/s/<id>#<key>.<capability>`) edits with everyone else who has it open; the view link
//! watches. Changes go through `model::live` (the merge is pure and lives there), sealed with
//! the map's key before they leave the browser: the server relays and stores ciphertext.
//! `session` holds the replica and the socket; `presence` who is here and what they point at.

mod presence;
mod session;
mod socket;

pub use session::{LiveLink, Session, Shows, Status};

use crate::board::drag::Drag;
use crate::editor::Editor;
use crate::i18n::*;
use crate::share::Link;
use crate::storage;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::live_wire::Closed;
use model::sealed::ShareKey;
use presence::Pointing;
use wasm_bindgen::JsCast;

impl LiveLink {
    /// The live link a share link stands for; `None` when its key cannot be a key.
    pub fn of(link: &Link) -> Option<LiveLink> {
        let (key, edit) = match link.key.split_once('.') {
            Some((key, edit)) => (key, Some(edit.to_owned())),
            None => (link.key.as_str(), None),
        };
        Some(LiveLink {
            share: link.id.clone(),
            key: ShareKey::parse(key)?,
            edit: edit.filter(|e| !e.is_empty()),
        })
    }
}

/// The live session of the page, once it has started.
#[derive(Clone, Copy)]
pub struct LiveSlot(pub RwSignal<Option<Session>, LocalStorage>);

impl LiveSlot {
    pub fn provide() -> LiveSlot {
        let slot = LiveSlot(RwSignal::new_local(None));
        provide_context(slot);
        slot
    }
}

/// The name this person goes by, or the word for a guest until they choose one.
fn shown_name(i18n: I18nContext<Locale>, chosen: Option<String>) -> String {
    chosen
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| t_string!(i18n, live_guest).to_string())
}

fn status_text(i18n: I18nContext<Locale>, status: Status) -> String {
    match status {
        Status::Connecting => t_string!(i18n, live_connecting).to_string(),
        Status::Live => t_string!(i18n, live_live).to_string(),
        Status::Reconnecting(Some(Closed::MapFull | Closed::ServerFull)) => {
            t_string!(i18n, live_reconnecting_full).to_string()
        }
        Status::Reconnecting(_) => t_string!(i18n, live_reconnecting).to_string(),
        Status::Offline => t_string!(i18n, live_offline).to_string(),
        Status::Unreadable => t_string!(i18n, live_unreadable).to_string(),
        Status::Ended(Closed::EditLinkNotValid) => {
            t_string!(i18n, live_ended_not_valid).to_string()
        }
        Status::Ended(Closed::EditLinkReplaced) => t_string!(i18n, live_ended_replaced).to_string(),
        Status::Ended(Closed::EditLinkRemoved) => t_string!(i18n, live_ended_removed).to_string(),
        Status::Ended(Closed::ViewOnly) => t_string!(i18n, live_ended_view_only).to_string(),
        Status::Ended(Closed::NoLongerShared) => t_string!(i18n, live_ended_unshared).to_string(),
        Status::Ended(Closed::UnknownMap) => t_string!(i18n, live_ended_unknown).to_string(),
        Status::Ended(closed) => {
            let code = closed.code();
            t_string!(i18n, live_ended_other, code).to_string()
        }
    }
}

/// What the focused element belongs to: a card, or a stage's header.
fn pointing_of(element: &web_sys::Element) -> Option<Pointing> {
    if let Ok(Some(card)) = element.closest("[data-card-id]") {
        return card.get_attribute("data-card-id").map(Pointing::Card);
    }
    let header = element.closest("th[data-stage]").ok()??;
    header.get_attribute("data-stage").map(Pointing::Stage)
}

/// Outlines what the others point at with a constructed style sheet: the page's content
/// security policy allows no inline styles, and this leaves the board's components alone.
fn draw_outlines(css: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    if sheet.replace_sync(css).is_err() {
        return;
    }
    let sheets = js_sys::Array::of1(&sheet);
    js_sys::Reflect::set(&document, &"adoptedStyleSheets".into(), &sheets).ok();
}

/// Tells the others what this person edits or drags, and outlines what they do.
fn share_pointing(session: Session, name: RwSignal<Option<String>>) {
    let i18n = use_i18n();
    let focused = RwSignal::new(None::<Pointing>);
    let on_focus = window_event_listener(leptos::ev::focusin, move |ev| {
        let element = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        focused.set(element.as_ref().and_then(pointing_of));
    });
    let on_blur = window_event_listener(leptos::ev::focusout, move |ev| {
        if ev.related_target().is_none() {
            focused.set(None);
        }
    });
    on_cleanup(move || {
        on_focus.remove();
        on_blur.remove();
    });
    let drag = use_context::<Drag>();
    let editor = use_context::<Editor>();
    let pointing = Memo::new(move |_| {
        let dragged = drag.and_then(|d| {
            (d.pointer.with(|p| p.as_ref().map(|p| p.card.clone()))).or_else(|| d.lifted.get())
        });
        let edited = editor.and_then(|e| e.editing.get());
        (dragged
            .or(edited)
            .map(|card| Pointing::Card(card.to_string())))
        .or_else(|| focused.get())
    });
    let watched = session.clone();
    Effect::new(move |_| {
        let name = shown_name(i18n, name.get());
        watched.point(name, pointing.get());
    });
    let peers = session.peers;
    Effect::new(move |_| peers.with(|p| draw_outlines(&presence::outlines(p))));
    on_cleanup(|| draw_outlines(""));
}

/// The live session's bar: how the connection stands, who is here, and this person's name.
#[component]
pub fn LiveBar(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(storage::live_name());
    share_pointing(session.clone(), name);
    let status = session.status;
    let peers = session.peers;
    let me = session.replica_id();
    let my_colour = presence::colour(&me);
    let on_name = move |ev| {
        let chosen = event_target_value(&ev).trim().to_owned();
        // Not remembered, the name still holds for this page.
        storage::set_live_name(&chosen).ok();
        name.set(Some(chosen));
    };
    let you = move || {
        let name = shown_name(i18n, name.get());
        t_string!(i18n, live_you, name).to_string()
    };
    view! {
        <section class="live-bar" aria-label=move || t_string!(i18n, live_people).to_string()>
            <p
                class="live-status"
                class:live=move || status.get() == Status::Live
                role="status"
            >
                {move || status_text(i18n, status.get())}
            </p>
            <ul class="live-people">
                <li class="live-person">
                    <span class="live-swatch" style:background=my_colour aria-hidden="true"></span>
                    {you}
                </li>
                <For
                    each=move || peers.get()
                    key=|peer| (peer.conn.clone(), peer.presence.name.clone())
                    let:peer
                >
                    <li class="live-person">
                        <span
                            class="live-swatch"
                            style:background=presence::colour(&peer.presence.replica)
                            aria-hidden="true"
                        ></span>
                        {peer.presence.name.clone()}
                    </li>
                </For>
            </ul>
            <label class="live-name">
                <span>{t!(i18n, live_name)}</span>
                <input
                    type="text"
                    maxlength="40"
                    autocomplete="nickname"
                    prop:value=move || name.get().unwrap_or_default()
                    on:change=on_name
                />
            </label>
            <Show when=move || name.with(Option::is_none)>
                <p class="live-name-prompt">{t!(i18n, live_name_prompt)}</p>
            </Show>
        </section>
    }
}
