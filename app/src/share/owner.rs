//! The owner's side: share the open map, copy its link, upload a newer version, stop sharing,
//! and settle a conflict when the shared copy changed since this browser last uploaded.

use super::api::{self, ApiError};
use super::{Unopened, api_error_text, fetch_shared};
use crate::editor::Editor;
use crate::i18n::*;
use crate::notices::{self, Notice};
use crate::storage::{self, ShareRecord};
use crate::{dialog, ids};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use model::sealed::{self, ShareKey};
use model::{JourneyMap, MapId};

/// What the last action came to, said in the dialog's status line.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Shared,
    Copied,
    /// The browser refused the clipboard (a permission, a policy).
    NotCopied,
    Updated,
    Stopped,
    LoadedTheirs,
    EditLinkMade,
    EditLinkReplaced,
    /// The shared copy is at this version, newer than the one this browser uploaded.
    Conflict(u64),
    /// The shared copy could not be opened with this browser's key.
    TheirsUnreadable,
    /// The map could not be saved first, so nothing was sent; the notice says why.
    NotSaved(Notice),
    Failed(ApiError),
}

fn outcome_text(i18n: I18nContext<Locale>, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Shared => t_string!(i18n, share_done).to_string(),
        Outcome::Copied => t_string!(i18n, share_copied).to_string(),
        Outcome::NotCopied => t_string!(i18n, share_not_copied).to_string(),
        Outcome::Updated => t_string!(i18n, share_updated).to_string(),
        Outcome::Stopped => t_string!(i18n, share_stopped).to_string(),
        Outcome::LoadedTheirs => t_string!(i18n, share_loaded_theirs).to_string(),
        Outcome::EditLinkMade => t_string!(i18n, share_edit_made).to_string(),
        Outcome::EditLinkReplaced => t_string!(i18n, share_edit_replaced).to_string(),
        Outcome::Conflict(_) => t_string!(i18n, share_conflict).to_string(),
        Outcome::TheirsUnreadable => t_string!(i18n, share_theirs_unreadable).to_string(),
        Outcome::NotSaved(why) => {
            let not_saved = t_string!(i18n, share_not_saved);
            format!("{not_saved} {}", notices::text(i18n, why))
        }
        Outcome::Failed(e) => api_error_text(i18n, e),
    }
}

fn link_url(record: &ShareRecord) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/s/{}#{}", record.id, record.key)
}

/// The edit link: the view link's key, then the edit capability.
fn edit_link_url(record: &ShareRecord) -> Option<String> {
    let edit = record.edit.as_ref()?;
    Some(format!("{}.{edit}", link_url(record)))
}

/// A fresh IV for every upload: GCM must never see one twice under the same key.
fn seal(map: &JourneyMap, key: &ShareKey) -> Vec<u8> {
    sealed::seal(map, key, ids::random())
}

#[component]
pub fn ShareButton() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let dialog = dialog::OnDemand::new();
    let map_id = Memo::new(move |_| editor.map.with(|m| m.id.clone()));
    let record = RwSignal::new(None::<ShareRecord>);
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let read_record = move |id: &MapId| {
        record.set(editor.notices.storage(storage::share_of(id)).flatten());
    };
    Effect::new(move |_| read_record(&map_id.get()));

    // Said by the dialog's own status line: outside a modal dialog, a live region is inert.
    let finish = move |done: Outcome| {
        outcome.set(Some(done));
        busy.set(false);
    };
    // The record belongs to the map that was shared, whichever is open when the answer comes.
    // It is this browser's only copy of the edit token: a failure to write it is shown.
    let keep = move |map: &MapId, kept: Option<ShareRecord>| {
        editor
            .notices
            .storage(storage::set_share(map, kept.as_ref()));
        if map_id.get_untracked() == *map {
            record.set(kept);
        }
    };
    // The map as it is at the click, written first: a share record is never kept for a map
    // that is not stored (another tab, a browser closed right after sharing).
    let saved_map = move || match editor.save() {
        Ok(()) => Some(editor.map.get_untracked()),
        Err(why) => {
            finish(Outcome::NotSaved(why));
            None
        }
    };
    let open_dialog = move |_| {
        read_record(&map_id.get_untracked());
        outcome.set(None);
        dialog.open();
    };
    let close = move |_| dialog.close();
    let share = move |_| {
        let Some(map) = saved_map() else {
            return;
        };
        busy.set(true);
        let key = ShareKey::from_bytes(ids::random());
        let sealed = seal(&map, &key);
        spawn_local(async move {
            match api::create(&sealed).await {
                Ok(created) => {
                    let shared = ShareRecord {
                        id: created.id,
                        key: key.reveal(),
                        token: created.edit_token,
                        version: created.version,
                        edit: None,
                    };
                    keep(&map.id, Some(shared));
                    finish(Outcome::Shared);
                }
                Err(e) => finish(Outcome::Failed(e)),
            }
        });
    };
    // Uploads the open map over the shared one, if that is still at `base`.
    let upload = move |base: Option<u64>| {
        let Some(current) = record.get_untracked() else {
            return;
        };
        let Some(key) = ShareKey::parse(&current.key) else {
            return finish(Outcome::TheirsUnreadable);
        };
        let Some(map) = saved_map() else {
            return;
        };
        busy.set(true);
        let sealed = seal(&map, &key);
        let base = base.unwrap_or(current.version);
        spawn_local(async move {
            match api::update(&current.id, &current.token, &sealed, base).await {
                Ok(updated) => {
                    let version = updated.version;
                    keep(&map.id, Some(ShareRecord { version, ..current }));
                    finish(Outcome::Updated);
                }
                Err(ApiError::Stale { current_version }) => {
                    finish(Outcome::Conflict(current_version))
                }
                Err(e @ (ApiError::Removed | ApiError::Unknown)) => {
                    keep(&map.id, None);
                    finish(Outcome::Failed(e));
                }
                Err(e) => finish(Outcome::Failed(e)),
            }
        });
    };
    // Puts the shared version in place of this one, as a step Undo takes back; only in the
    // map it was asked for.
    let load_theirs = move |_| {
        let Some(current) = record.get_untracked() else {
            return;
        };
        let (id, title) = editor
            .map
            .with_untracked(|m| (m.id.clone(), m.title.clone()));
        busy.set(true);
        spawn_local(async move {
            let (mut theirs, version) = match fetch_shared(&current.id, &current.key).await {
                Ok(shared) => shared,
                Err(Unopened::Api(e)) => return finish(Outcome::Failed(e)),
                Err(Unopened::NoKey | Unopened::Open(_)) => {
                    return finish(Outcome::TheirsUnreadable);
                }
            };
            // Its version is recorded only with the map it was loaded into: otherwise the
            // next upload would overwrite it unseen. The dialog was closed to open another
            // map, so the page's notices say so.
            if map_id.get_untracked() != id {
                busy.set(false);
                return editor.notices.push(Notice::SharedNotLoaded(title));
            }
            theirs.id = id.clone();
            editor.replace(theirs);
            keep(&id, Some(ShareRecord { version, ..current }));
            finish(Outcome::LoadedTheirs);
        });
    };
    let stop = move |_| {
        let Some(current) = record.get_untracked() else {
            return;
        };
        let id = map_id.get_untracked();
        busy.set(true);
        spawn_local(async move {
            match super::stop_sharing(&current).await {
                Ok(()) => {
                    keep(&id, None);
                    finish(Outcome::Stopped);
                }
                Err(e) => finish(Outcome::Failed(e)),
            }
        });
    };
    // Making the edit link again replaces it: the server closes the old one's sessions.
    let make_edit_link = move |_| {
        let Some(current) = record.get_untracked() else {
            return;
        };
        let id = map_id.get_untracked();
        let replacing = current.edit.is_some();
        busy.set(true);
        spawn_local(async move {
            match api::create_edit_link(&current.id, &current.token).await {
                Ok(edit) => {
                    let edit = Some(edit);
                    keep(&id, Some(ShareRecord { edit, ..current }));
                    finish(if replacing {
                        Outcome::EditLinkReplaced
                    } else {
                        Outcome::EditLinkMade
                    });
                }
                Err(e) => finish(Outcome::Failed(e)),
            }
        });
    };
    let link = move || record.with(|r| r.as_ref().map(link_url).unwrap_or_default());
    let edit_link = move || record.with(|r| r.as_ref().and_then(edit_link_url));
    let copy_text = move |text: String| {
        let clipboard = window().navigator().clipboard();
        spawn_local(async move {
            let written = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            finish(match written {
                Ok(_) => Outcome::Copied,
                Err(_) => Outcome::NotCopied,
            });
        });
    };
    let copy = move |_| copy_text(link());
    let copy_edit = move |_| copy_text(edit_link().unwrap_or_default());
    let conflict = move || matches!(outcome.get(), Some(Outcome::Conflict(_)));
    let overwrite = move |_| {
        if let Some(Outcome::Conflict(version)) = outcome.get_untracked() {
            upload(Some(version));
        }
    };
    let version = move || record.with(|r| r.as_ref().map(|r| r.version).unwrap_or_default());

    view! {
        <button type="button" class="share-button" on:click=open_dialog>
            {t!(i18n, share_button)}
        </button>
        {dialog.view(move || view! {
            <dialog
                node_ref=dialog.node()
                class="share-dialog"
                aria-labelledby="share-title"
                aria-busy=move || busy.get().to_string()
            >
                <h2 id="share-title">{t!(i18n, share_title)}</h2>
                <Show
                    when=move || record.with(Option::is_some)
                    fallback=move || {
                        view! {
                            <p>{t!(i18n, share_explain)}</p>
                            <button
                                type="button"
                                class="primary"
                                on:click=share
                                disabled=move || busy.get()
                            >
                                {t!(i18n, share_create)}
                            </button>
                        }
                    }
                >
                    <label class="share-link">
                        <span>{t!(i18n, share_link)}</span>
                        <input type="text" readonly prop:value=link />
                    </label>
                    <p class="share-version">{move || t_string!(i18n, share_version, version = version()).to_string()}</p>
                    <div class="share-actions">
                        <button type="button" on:click=copy disabled=move || busy.get()>
                            {t!(i18n, share_copy)}
                        </button>
                        <button type="button" on:click=move |_| upload(None) disabled=move || busy.get()>
                            {t!(i18n, share_update)}
                        </button>
                        <button type="button" on:click=stop disabled=move || busy.get()>
                            {t!(i18n, share_stop)}
                        </button>
                    </div>
                    <div class="share-edit">
                        <p>{t!(i18n, share_edit_explain)}</p>
                        <Show when=move || edit_link().is_some()>
                            <label class="share-link">
                                <span>{t!(i18n, share_edit_link)}</span>
                                <input type="text" readonly prop:value=move || edit_link().unwrap_or_default() />
                            </label>
                        </Show>
                        <div class="share-actions">
                            <Show
                                when=move || edit_link().is_some()
                                fallback=move || {
                                    view! {
                                        <button type="button" on:click=make_edit_link disabled=move || busy.get()>
                                            {t!(i18n, share_edit_create)}
                                        </button>
                                    }
                                }
                            >
                                <button type="button" on:click=copy_edit disabled=move || busy.get()>
                                    {t!(i18n, share_edit_copy)}
                                </button>
                                <button type="button" on:click=make_edit_link disabled=move || busy.get()>
                                    {t!(i18n, share_edit_replace)}
                                </button>
                                <a href=move || edit_link().unwrap_or_default()>{t!(i18n, share_edit_open)}</a>
                            </Show>
                        </div>
                    </div>
                </Show>
                <Show when=conflict>
                    <div class="share-conflict">
                        <button type="button" on:click=load_theirs disabled=move || busy.get()>
                            {t!(i18n, share_load_theirs)}
                        </button>
                        <button type="button" on:click=overwrite disabled=move || busy.get()>
                            {t!(i18n, share_overwrite)}
                        </button>
                    </div>
                </Show>
                <p class="share-status" class:busy=move || busy.get() role="status">
                    {move || {
                        if busy.get() {
                            Some(t_string!(i18n, share_busy).to_string())
                        } else {
                            outcome.with(|o| o.as_ref().map(|o| outcome_text(i18n, o)))
                        }
                    }}
                </p>
                <div class="dialog-actions">
                    <button type="button" on:click=close>{t!(i18n, close)}</button>
                </div>
            </dialog>
        })}
    }
}
