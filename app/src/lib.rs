//! Traseu's front end. Components stay thin: every change to the map is a `model::Op`
//! applied through the one `Editor` in context; `storage` alone touches local storage.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod analysis;
mod announce;
mod board;
mod dialog;
mod editor;
mod emotion;
mod files;
mod filter;
mod history;
mod ids;
mod labels;
mod layout;
mod library;
mod live;
mod menu;
mod notices;
mod per_card;
mod persona;
mod present;
mod share;
mod snapshots;
mod storage;

pub use storage::open_map_len;

use crate::announce::{Announcer, LiveRegion};
use crate::editor::Editor;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell />
        </I18nContextProvider>
    }
}

/// A share link opens the shared map read-only; any other address opens this browser's maps.
#[component]
fn Shell() -> impl IntoView {
    restore_language(use_i18n());
    provide_context(Announcer::new());
    let link = share::link_in_location();
    // An edit link opens the shared map in the editor, live; a view link watches it.
    let editing = (link.as_ref())
        .and_then(live::LiveLink::of)
        .filter(|l| l.edit.is_some());
    if editing.is_some() {
        return view! { <Workspace live=editing /> }.into_any();
    }
    match link {
        Some(link) => view! {
            <header class="topbar">
                <Brand />
                <LanguageSwitch />
            </header>
            <LiveRegion />
            <share::SharedView link />
        }
        .into_any(),
        None => view! { <Workspace live=None /> }.into_any(),
    }
}

#[component]
fn Brand() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="brand">
            <span class="logo" aria-hidden="true"></span>
            <h1 class="name">{t!(i18n, app_name)}</h1>
            <span class="tagline">{t!(i18n, tagline)}</span>
        </div>
    }
}

/// Starts the live session of an edit link once the shared map (the state to start from if
/// the server has none yet) is fetched; without it, what this browser kept of the session.
fn go_live(editor: Editor, link: live::LiveLink, slot: live::LiveSlot) {
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let seed = share::fetch_shared(&link.share, &link.key.reveal()).await;
        let start = move || {
            let shows = live::Shows::Editor(editor);
            let name = storage::live_name().unwrap_or_default();
            let session = live::Session::start(link, seed.ok().map(|(map, _)| map), shows, name);
            editor.go_live(session.clone());
            slot.0.set(Some(session));
        };
        match owner {
            Some(owner) => owner.with(start),
            None => start(),
        }
    });
}

#[component]
fn Workspace(live: Option<live::LiveLink>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = Editor::boot(labels::model_locale(i18n.get_locale_untracked()));
    provide_context(editor);
    provide_context(editor.notices);
    let slot = live::LiveSlot::provide();
    let is_live = live.is_some();
    if let Some(link) = live {
        go_live(editor, link, slot);
    }
    // An edit link's board is the live map: until it is here, the board waits.
    let board_ready = move || {
        !is_live
            || slot
                .0
                .with(|s| s.as_ref().is_some_and(|s| editor.map.with(|m| s.holds(m))))
    };
    // leptos_i18n sets its locale signal once in an effect after mounting, even to the same
    // value, which re-runs every text that reads it. The board (thousands of such texts) is
    // drawn after that effect (effects run in the order they were made), so none re-runs.
    let i18n_settled = RwSignal::new(false);
    Effect::new(move |_| i18n_settled.set(true));
    provide_context(board::drag::Drag::new());
    filter::Lens::provide(editor);
    board::zoom::BoardView::provide(editor);
    snapshots::Snapshots::provide(editor);
    analysis::PanelOpen::provide();
    emotion::CurrentPersona::provide();
    present::Presenting::provide();
    files::Importer::provide(editor);
    editor.save_automatically();
    let snapshots = expect_context::<snapshots::Snapshots>();
    let comparing = move || snapshots.comparing.with(Option::is_some);
    let analysis::PanelOpen(analysis_open) = expect_context::<analysis::PanelOpen>();
    let presenting = expect_context::<present::Presenting>();

    view! {
        <layout::SkipLink />
        <header class="topbar">
            <Brand />
            <library::Library />
            <MapTitle />
            <layout::ActionsMenu>
                <UndoRedo />
                <board::zoom::ZoomControls />
                <share::ShareButton />
                <LanguageSwitch />
            </layout::ActionsMenu>
        </header>
        <LiveRegion />
        <notices::NoticeBar />
        <main
            id="main"
            class:comparing=move || comparing()
            class:analysis-open=move || analysis_open.get()
            class:worksheet-open=move || presenting.worksheet_open()
        >
            {move || slot.0.get().map(|session| view! { <live::LiveBar session /> })}
            <Show when=move || is_live && slot.0.with(Option::is_none)>
                <p class="live-status" role="status">{t!(i18n, live_connecting)}</p>
            </Show>
            <Show when=move || i18n_settled.get() && board_ready()>
                <filter::FilterArea />
                // Drawn afresh in another language: its cards word their labels once, when drawn.
                {move || {
                    i18n.get_locale();
                    view! { <board::Board /> }
                }}
            </Show>
            <snapshots::CompareView />
            <present::WorksheetView />
        </main>
        <files::ImportDialog />
        <files::DropZone />
    }
}

#[component]
fn MapTitle() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let title = move || editor.map.with(|m| m.title.clone());
    view! {
        <label class="map-title">
            <span class="visually-hidden">{t!(i18n, map_title)}</span>
            <input
                type="text"
                prop:value=title
                maxlength="200"
                on:change=move |ev| board::field::commit(
                    editor,
                    &ev,
                    |title| model::Op::RenameMap { title },
                    move || editor.map.with_untracked(|m| m.title.clone()),
                )
            />
        </label>
    }
}

/// Opens the page in the language chosen here before. The app keeps the choice itself rather
/// than in leptos_i18n's cookie, whose cookie and date code would add to every download.
/// leptos_i18n sets the browser's language once after mounting, in an effect made before this
/// one (effects run in the order they were made), so the choice is set again after it.
fn restore_language(i18n: I18nContext<Locale>) {
    let Some(chosen) = storage::language().and_then(|code| code.parse::<Locale>().ok()) else {
        return;
    };
    i18n.set_locale(chosen);
    Effect::new(move |_| i18n.set_locale(chosen));
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    // A shared map is someone else's: only an own map takes the new language's labels.
    let editor = use_context::<Editor>();
    let on_change = move |ev| {
        let chosen = match event_target_value(&ev).as_str() {
            "ro" => Locale::ro,
            _ => Locale::en,
        };
        i18n.set_locale(chosen);
        // Not remembered, the language still holds for this page.
        storage::set_language(chosen.as_str()).ok();
        if let Some(editor) = editor {
            editor.relabel(labels::model_locale(chosen));
        }
    };
    Effect::new(move |_| labels::set_document_lang(i18n.get_locale()));
    view! {
        <label class="language">
            <span>{t!(i18n, language)}</span>
            <select on:change=on_change prop:value=move || i18n.get_locale().as_str()>
                <option value="en">"English"</option>
                <option value="ro">"Română"</option>
            </select>
        </label>
    }
}

/// The card holding focus (its face or one of its buttons), if one does.
fn focused_card() -> Option<model::CardId> {
    let card = document()
        .active_element()?
        .closest("[data-card-id]")
        .ok()??;
    card.get_attribute("data-card-id").map(model::CardId::new)
}

/// Focus after an undo or redo, which draws the cards it touched afresh: back on the card that
/// had it (scrolled into view wherever the step put it), else, if it was lost, on the first of
/// `buttons` that can still be pressed (the one used, or the other once it can go no further).
fn keep_focus_after_step(card: Option<model::CardId>, buttons: [NodeRef<leptos::html::Button>; 2]) {
    if let Some(card) = &card {
        board::drag::focus_card(card);
    }
    request_animation_frame(move || {
        request_animation_frame(move || {
            let lost = document()
                .active_element()
                .is_none_or(|e| e.tag_name() == "BODY");
            let usable = buttons
                .iter()
                .filter_map(|b| b.get_untracked())
                .find(|b| !b.disabled());
            if let (true, Some(button)) = (lost, usable) {
                button.focus().ok();
            }
        });
    });
}

/// Undo and redo buttons, and Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y outside text fields
/// (where the browser's own text undo applies).
#[component]
fn UndoRedo() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let (undo_button, redo_button) = (NodeRef::new(), NodeRef::new());
    let undo = move || {
        let card = focused_card();
        if editor.undo() {
            announcer.say(t_string!(i18n, undone).to_string());
            keep_focus_after_step(card, [undo_button, redo_button]);
        }
    };
    let redo = move || {
        let card = focused_card();
        if editor.redo() {
            announcer.say(t_string!(i18n, redone).to_string());
            keep_focus_after_step(card, [redo_button, undo_button]);
        }
    };
    let shortcuts = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_text = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_text || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => undo(),
            ("z", true) | ("y", false) => redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || shortcuts.remove());
    view! {
        <div class="undo-redo">
            <button
                type="button"
                node_ref=undo_button
                on:click=move |_| undo()
                disabled=move || !editor.can_undo()
            >
                {t!(i18n, undo)}
            </button>
            <button
                type="button"
                node_ref=redo_button
                on:click=move |_| redo()
                disabled=move || !editor.can_redo()
            >
                {t!(i18n, redo)}
            </button>
        </div>
    }
}
