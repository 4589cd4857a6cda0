//! The map library: every map kept in this browser, most recently changed first, with the
//! shared ones marked; create one from a template (each previewed), open the example map or
//! open a file as a new map; open, duplicate or delete (undoable). A shared map is deleted
//! only after its sharing is stopped, so no link outlives its map.

use crate::board::blueprint::line_name;
use crate::editor::{self, Editor};
use crate::files::OpenFileButton;
use crate::i18n::*;
use crate::share::{self, ApiError};
use crate::{dialog, ids, labels, storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use model::templates::Template;
use model::{BlueprintLine, JourneyMap, MapId};

/// A shared map the person asked to delete, and where that has got to.
#[derive(Clone, Debug, PartialEq)]
enum SharedDelete {
    /// Asking whether to stop sharing and delete.
    Asking,
    Stopping,
    /// Sharing could not be stopped, so the map was kept.
    NotStopped(ApiError),
}

#[component]
pub fn Library() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let dialog = dialog::OnDemand::new();
    // Bumped after each change to storage, so the list is read again.
    let version = RwSignal::new(0u32);
    let deleted = RwSignal::new(None::<JourneyMap>);
    // The shared map being deleted: its id and title, and where that has got to.
    let shared_delete = RwSignal::new(None::<(MapId, String, SharedDelete)>);
    let shared = RwSignal::new(Vec::<MapId>::new());
    let template = RwSignal::new(Template::Saas);
    // The list is read when it opens and after each change made from it; while it is shown,
    // another tab's change to it (a map renamed, made or deleted) is read too. An edit of the
    // open map reads nothing: the list is closed while one is made.
    let entries = move || {
        version.track();
        storage::list()
    };
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().is_some_and(|k| storage::is_index_key(&k)) && dialog.is_open() {
            version.update(|v| *v += 1);
        }
    });
    on_cleanup(move || on_storage.remove());
    let current = move || editor.map.with(|m| m.id.clone());
    // Reads the list again, and which maps are shared.
    let refresh = move || {
        let now_shared = editor.notices.storage(storage::shared_maps());
        shared.set(now_shared.unwrap_or_default());
        version.update(|v| *v += 1);
    };
    let report = move |result: Result<(), storage::StorageError>| {
        editor.notices.storage(result);
        refresh();
    };
    let open_dialog = move |_| {
        editor.flush();
        editor.check_index();
        shared_delete.set(None);
        refresh();
        dialog.open();
    };
    let close = move || dialog.close();
    let open = move |id: MapId| {
        if let Some(Some(loaded)) = editor.notices.storage(storage::load(&id)) {
            editor.open(loaded.map, true);
        }
        close();
    };
    let create = move |_| {
        let locale = editor.map.with_untracked(|m| m.locale);
        editor.open(editor::new_map(template.get_untracked(), locale), false);
        close();
    };
    let open_example = move |_| {
        let locale = labels::model_locale(i18n.get_locale_untracked());
        let example = model::example::saas_example(locale, chrono::Utc::now(), &mut ids::fresh);
        editor.open(example, false);
        close();
    };
    let duplicate = move |id: MapId| {
        editor.flush();
        if let Some(Some(loaded)) = editor.notices.storage(storage::load(&id)) {
            let copy = editor::copy_of(loaded.map);
            let current = editor.map.with_untracked(|m| m.id.clone());
            let saved = storage::save(&copy).and_then(|()| storage::set_current(&current));
            report(saved);
        }
    };
    let remove = move |id: MapId| {
        editor.flush();
        // An unreadable map cannot come back by Undo, but its text stays under its backup key.
        let map = editor
            .notices
            .storage(storage::load(&id))
            .flatten()
            .map(|l| l.map);
        report(storage::delete(&id));
        deleted.set(map);
        if editor.map.with_untracked(|m| m.id == id) {
            let next = storage::list()
                .into_iter()
                .find_map(|e| storage::load(&e.id).ok().flatten());
            match next {
                Some(loaded) => {
                    editor.open(loaded.map, true);
                }
                None => {
                    let locale = editor.map.with_untracked(|m| m.locale);
                    editor.open(editor::new_map(Template::Saas, locale), false);
                }
            }
        }
    };
    let delete = move |id: MapId, title: String| {
        match editor.notices.storage(storage::share_of(&id)) {
            Some(Some(_)) => shared_delete.set(Some((id, title, SharedDelete::Asking))),
            Some(None) => remove(id),
            // The shares list cannot be read: the map is kept rather than risk a live link.
            None => {}
        }
    };
    let stop_and_delete = move || {
        let Some((id, title, _)) = shared_delete.get_untracked() else {
            return;
        };
        let Some(Some(record)) = editor.notices.storage(storage::share_of(&id)) else {
            return remove(id);
        };
        shared_delete.set(Some((id.clone(), title.clone(), SharedDelete::Stopping)));
        spawn_local(async move {
            match share::stop_sharing(&record).await {
                Ok(()) => {
                    shared_delete.set(None);
                    // Kept if this write fails: stopping again later answers "already stopped".
                    editor.notices.storage(storage::set_share(&id, None));
                    remove(id);
                }
                Err(e) => shared_delete.set(Some((id, title, SharedDelete::NotStopped(e)))),
            }
        });
    };
    let undo_delete = move |_| {
        if let Some(map) = deleted.get_untracked() {
            let current = editor.map.with_untracked(|m| m.id.clone());
            report(storage::save(&map).and_then(|()| storage::set_current(&current)));
            deleted.set(None);
        }
    };
    view! {
        <button type="button" class="library-button" on:click=open_dialog>
            {t!(i18n, maps)}
        </button>
        {dialog.view(move || view! {
            <dialog node_ref=dialog.node() class="library" aria-labelledby="library-title">
                <h2 id="library-title">{t!(i18n, library_title)}</h2>
                <div class="new-map">
                    <TemplatePicker chosen=template />
                    <div class="new-map-actions">
                        <button type="button" class="primary" on:click=create>
                            {t!(i18n, new_map)}
                        </button>
                        <button type="button" class="example" on:click=open_example>
                            {t!(i18n, templates_example)}
                        </button>
                        <OpenFileButton before=close />
                    </div>
                </div>
                {move || {
                    shared_delete
                        .get()
                        .map(|(_, title, state)| {
                            view! { <SharedDeletePanel title state on_confirm=stop_and_delete on_cancel=move || shared_delete.set(None) /> }
                        })
                }}
                <Show when=move || deleted.with(Option::is_some)>
                    <p class="deleted" role="status">
                        {move || {
                            let title = deleted.with(|d| d.as_ref().map(|m| m.title.clone())).unwrap_or_default();
                            t_string!(i18n, map_deleted, title).to_string()
                        }}
                        " "
                        <button type="button" on:click=undo_delete>{t!(i18n, undo_delete)}</button>
                    </p>
                </Show>
                <ul class="maps">
                    <For
                        each=entries
                        key=|e| (e.id.clone(), e.title.clone(), e.updated)
                        let:entry
                    >
                        {
                            let title = if entry.title.trim().is_empty() {
                                t_string!(i18n, untitled).to_string()
                            } else {
                                entry.title.clone()
                            };
                            let when = entry
                                .updated
                                .with_timezone(&chrono::Local)
                                .format("%Y-%m-%d %H:%M")
                                .to_string();
                            let is_open = {
                                let id = entry.id.clone();
                                move || current() == id
                            };
                            let is_shared = {
                                let id = entry.id.clone();
                                move || shared.with(|s| s.contains(&id))
                            };
                            let (open_id, dup_id, del_id) = (entry.id.clone(), entry.id.clone(), entry.id.clone());
                            let (t2, t3, t4) = (title.clone(), title.clone(), title.clone());
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="map-open"
                                        on:click=move |_| open(open_id.clone())
                                    >
                                        <span class="map-name">{title}</span>
                                        <Show when=is_shared.clone()>
                                            // The commas make a pause between name, marker and time.
                                            <span class="visually-hidden">", "</span>
                                            <span class="map-shared">{t!(i18n, map_shared)}</span>
                                            <span class="visually-hidden">","</span>
                                        </Show>
                                        <span class="map-when">
                                            {move || {
                                                let when = when.clone();
                                                t_string!(i18n, changed_at, when).to_string()
                                            }}
                                        </span>
                                    </button>
                                    <Show when=is_open.clone()>
                                        <span class="map-current">{t!(i18n, open_now)}</span>
                                    </Show>
                                    <button
                                        type="button"
                                        aria-label=move || {
                                            let title = t2.clone();
                                            t_string!(i18n, duplicate_named, title).to_string()
                                        }
                                        on:click=move |_| duplicate(dup_id.clone())
                                    >
                                        {t!(i18n, duplicate)}
                                    </button>
                                    <button
                                        type="button"
                                        class="danger"
                                        aria-label=move || {
                                            let title = t3.clone();
                                            t_string!(i18n, delete_named, title).to_string()
                                        }
                                        on:click=move |_| delete(del_id.clone(), t4.clone())
                                    >
                                        {t!(i18n, delete_map)}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| close()>{t!(i18n, close)}</button>
                </div>
            </dialog>
        })}
    }
}

/// A comma only screen readers hear, so a preview read as one description pauses between items.
fn pause() -> impl IntoView {
    view! { <span class="visually-hidden">","</span> }
}

/// The templates a new map can start from, as a radio group; each shows its stages and lanes
/// (and a blueprint's lines) in miniature, as text that describes its radio button.
#[component]
fn TemplatePicker(chosen: RwSignal<Template>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="templates">
            <legend>{t!(i18n, template)}</legend>
            {Template::ALL
                .into_iter()
                .map(|template| view! { <TemplateOption template chosen /> })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn TemplateOption(template: Template, chosen: RwSignal<Template>) -> impl IntoView {
    let i18n = use_i18n();
    let preview_id = format!("template-{template:?}-preview").to_lowercase();
    let name = move || match template {
        Template::Saas => t_string!(i18n, template_saas),
        Template::Classic => t_string!(i18n, template_classic),
        Template::Blank => t_string!(i18n, template_blank),
        Template::ServiceBlueprint => t_string!(i18n, templates_blueprint),
    };
    let stages = move || {
        template
            .stage_names(labels::model_locale(i18n.get_locale()))
            .iter()
            .map(|stage| view! { <li>{*stage}{pause()}</li> })
            .collect_view()
    };
    let kinds = template.lanes();
    let lanes = kinds
        .iter()
        .enumerate()
        .map(|(i, &kind)| {
            let line = i
                .checked_sub(1)
                .and_then(|above| BlueprintLine::between(kinds[above], kind));
            view! {
                {line.map(|line| view! { <li class="preview-line">{move || line_name(i18n, line)}{pause()}</li> })}
                <li>{move || labels::lane_kind_name(i18n, kind)}{pause()}</li>
            }
        })
        .collect_view();
    let choose = move || chosen.set(template);
    view! {
        <div
            class="template-option"
            class:chosen=move || chosen.get() == template
            on:click=move |_| choose()
        >
            <label class="template-name">
                <input
                    type="radio"
                    name="template"
                    aria-describedby=preview_id.clone()
                    prop:checked=move || chosen.get() == template
                    on:change=move |_| choose()
                />
                <span>{name}</span>
            </label>
            // The lanes' cells in miniature, one per stage.
            <div
                class="template-preview"
                id=preview_id
                style:--stages=template.stage_names(model::Locale::En).len().to_string()
            >
                <span class="preview-head">{t!(i18n, templates_stages)}</span>
                <ol class="preview-stages">{stages}</ol>
                <span class="preview-head">{t!(i18n, templates_lanes)}</span>
                <ul class="preview-lanes">{lanes}</ul>
            </div>
        </div>
    }
}

/// The question asked before deleting a shared map, and what came of it.
#[component]
fn SharedDeletePanel(
    title: String,
    state: SharedDelete,
    on_confirm: impl Fn() + 'static,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let said = match &state {
        SharedDelete::Asking => t_string!(i18n, delete_shared_ask, title).to_string(),
        SharedDelete::Stopping => t_string!(i18n, delete_stopping, title).to_string(),
        SharedDelete::NotStopped(e) => {
            let reason = share::api_error_text(i18n, e);
            t_string!(i18n, delete_not_stopped, title, reason).to_string()
        }
    };
    let stopping = state == SharedDelete::Stopping;
    view! {
        <div class="delete-shared" role="group" aria-labelledby="delete-shared-text" aria-busy=stopping.to_string()>
            <p id="delete-shared-text" role="status">{said}</p>
            <div class="dialog-actions">
                <button type="button" class="danger" disabled=stopping on:click=move |_| on_confirm()>
                    {t!(i18n, delete_and_stop)}
                </button>
                <button type="button" disabled=stopping on:click=move |_| on_cancel()>
                    {t!(i18n, cancel)}
                </button>
            </div>
        </div>
    }
}
