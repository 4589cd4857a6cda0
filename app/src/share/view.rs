//! What someone who opens a share link sees: the map, read-only, with "Make a copy" to take it
//! into their own library, or a plain message saying why it cannot be shown.

use super::{Link, Unopened, api_error_text, fetch_shared};
use crate::i18n::*;
use crate::notices::{self, Notice};
use crate::{board, editor, live, storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use model::JourneyMap;
use model::sealed::OpenError;

#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Loading,
    Map(JourneyMap),
    Failed(Unopened),
}

fn problem_text(i18n: I18nContext<Locale>, problem: &Unopened) -> String {
    match problem {
        Unopened::NoKey => t_string!(i18n, shared_no_key).to_string(),
        Unopened::Open(OpenError::WrongKey) => t_string!(i18n, shared_wrong_key).to_string(),
        Unopened::Open(OpenError::TooLarge) => t_string!(i18n, shared_too_large).to_string(),
        Unopened::Open(OpenError::Map(error)) => {
            let reason = notices::reason(i18n, error);
            t_string!(i18n, shared_unreadable, reason).to_string()
        }
        Unopened::Open(OpenError::NotPacked) => {
            let reason = t_string!(i18n, reason_not_traseu).to_string();
            t_string!(i18n, shared_unreadable, reason).to_string()
        }
        Unopened::Api(e) => api_error_text(i18n, e),
    }
}

#[component]
pub fn SharedView(link: Link) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(Shown::Loading);
    let copy_failed = RwSignal::new(None::<Notice>);
    // The map is watched live once it is shown: every change comes in as it is made.
    let watched = RwSignal::new(None::<JourneyMap>);
    let session = RwSignal::new_local(None::<live::Session>);
    let live_link = live::LiveLink::of(&link);
    let owner = Owner::current();
    spawn_local(async move {
        let fetched = fetch_shared(&link.id, &link.key).await;
        if let (Ok((map, _)), Some(live_link)) = (&fetched, live_link) {
            let start = || {
                let shows = live::Shows::Board(watched);
                let name = storage::live_name().unwrap_or_default();
                session.set(Some(live::Session::start(
                    live_link,
                    Some(map.clone()),
                    shows,
                    name,
                )));
            };
            match &owner {
                Some(owner) => owner.with(start),
                None => start(),
            }
        }
        shown.set(match fetched {
            Ok((map, _)) => Shown::Map(map),
            Err(problem) => Shown::Failed(problem),
        });
    });
    Effect::new(move |_| {
        if let Some(map) = watched.get() {
            shown.set(Shown::Map(map));
        }
    });
    // A key typed or pasted into the address bar changes only the fragment: open it afresh.
    let on_new_key = window_event_listener(leptos::ev::hashchange, |_| {
        let _ = window().location().reload();
    });
    on_cleanup(move || on_new_key.remove());
    // The copy becomes the open map of this browser's own library.
    let make_copy = move |_| {
        let Shown::Map(map) = shown.get_untracked() else {
            return;
        };
        match storage::save(&editor::copy_of(map)) {
            Ok(()) => {
                let _ = window().location().assign("/");
            }
            Err(e) => copy_failed.set(Some(Notice::Storage(e))),
        }
    };
    view! {
        <main id="main" class="shared">
        <div class="shared-bar">
            <span class="read-only-badge">{t!(i18n, shared_read_only)}</span>
            <Show when=move || matches!(shown.get(), Shown::Map(_))>
                <button type="button" class="primary" on:click=make_copy>
                    {t!(i18n, shared_make_copy)}
                </button>
            </Show>
            <a href="/">{t!(i18n, shared_my_maps)}</a>
        </div>
        {move || session.get().map(|session| view! { <live::LiveBar session /> })}
        <div class="notices" role="alert">
            {move || {
                copy_failed
                    .get()
                    .map(|n| view! { <p class="notice">{notices::text(i18n, &n)}</p> })
            }}
        </div>
            {move || match shown.get() {
                Shown::Loading => view! { <p class="shared-message">{t!(i18n, shared_loading)}</p> }.into_any(),
                Shown::Failed(problem) => {
                    view! {
                        <div class="shared-message" role="alert">
                            <h2>{t!(i18n, shared_cannot_show)}</h2>
                            <p>{problem_text(i18n, &problem)}</p>
                        </div>
                    }
                        .into_any()
                }
                Shown::Map(map) => view! { <board::read_only::ReadOnlyBoard map /> }.into_any(),
            }}
        </main>
    }
}
