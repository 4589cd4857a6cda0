//! Traseu's front end. Components stay thin: every change to the map is a `model::Op`
//! applied through the one `Editor` in context; `storage` alone touches local storage.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod board;
mod editor;
mod emotion;
mod ids;
mod labels;
mod notices;
mod storage;

use crate::editor::Editor;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell />
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let editor = Editor::boot(labels::model_locale(i18n.get_locale_untracked()));
    provide_context(editor);
    editor.save_automatically();

    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <h1 class="name">{t!(i18n, app_name)}</h1>
                <span class="tagline">{t!(i18n, tagline)}</span>
            </div>
            <MapTitle />
            <LanguageSwitch />
        </header>
        <notices::NoticeBar />
        <main id="main">
            <board::Board />
        </main>
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
                on:change=move |ev| editor.set_title(event_target_value(&ev))
            />
        </label>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let on_change = move |ev| {
        let chosen = match event_target_value(&ev).as_str() {
            "ro" => Locale::ro,
            _ => Locale::en,
        };
        i18n.set_locale(chosen);
        editor.relabel(labels::model_locale(chosen));
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
