//! What someone who opens a share link sees: the map, read-only, with "Make a copy" to take it
//! into their own library, or a plain message saying why it cannot be shown.

use super::{Link, Unopened, api_error_text, fetch_shared};
use crate::emotion::{Face, top_of};
use crate::i18n::*;
use crate::notices::{self, Notice};
use crate::{board, editor, labels, storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use model::curve;
use model::sealed::OpenError;
use model::{Cell, JourneyMap, LaneKind};

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
    spawn_local(async move {
        shown.set(match fetch_shared(&link.id, &link.key).await {
            Ok((map, _)) => Shown::Map(map),
            Err(problem) => Shown::Failed(problem),
        });
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
                Shown::Map(map) => view! { <ReadOnlyBoard map /> }.into_any(),
            }}
        </main>
    }
}

/// The board as a plain table: the same columns, rows and notes, with nothing to edit.
#[component]
fn ReadOnlyBoard(map: JourneyMap) -> impl IntoView {
    let i18n = use_i18n();
    let title = map.title.clone();
    let stages: Vec<_> = map.stages.iter().map(|s| s.name.clone()).collect();
    let rows = map
        .lanes
        .iter()
        .filter(|l| !l.hidden)
        .map(|lane| {
            let name = labels::lane_name(i18n, lane);
            let body = if lane.kind == LaneKind::Emotions {
                view! { <StaticCurve map=map.clone() /> }.into_any()
            } else {
                map.stages
                    .iter()
                    .map(|stage| {
                        let cell = Cell {
                            lane: lane.id.clone(),
                            stage: stage.id.clone(),
                        };
                        let notes = map
                            .cards_in(&cell)
                            .map(|card| {
                                let class = format!("card {}", board::colour_class(card.colour));
                                view! {
                                    <li class=class>
                                        <p class="card-text">{card.text.clone()}</p>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <td class="cell">
                                <ul class="cards">{notes}</ul>
                            </td>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <tr class=board::lane_class(lane.kind)>
                    <th scope="row" class="lane-name">{name}</th>
                    {body}
                </tr>
            }
        })
        .collect_view();
    let (heading, region) = (title.clone(), title.clone());
    view! {
        // Focusable so that a keyboard can scroll a board wider than the screen.
        <div class="board-scroll" tabindex="0" role="region" aria-label=region>
            <h2 class="shared-title">{heading}</h2>
            <table class="board read-only" aria-label=title>
                <thead>
                    <tr>
                        <td class="corner"></td>
                        {stages
                            .into_iter()
                            .map(|name| view! { <th scope="col">{name}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The first persona's curve, drawn as on the board; each point says its score in words.
#[component]
fn StaticCurve(map: JourneyMap) -> impl IntoView {
    let i18n = use_i18n();
    let persona = map.personas.first();
    let scores = map.scores_of(persona);
    let width = map.stages.len().max(1) as f64 * curve::STAGE_WIDTH;
    let label = persona.map(|p| p.name.clone()).unwrap_or_default();
    let label = t_string!(i18n, emotion_curve_for, persona = label).to_string();
    let points = map
        .stages
        .iter()
        .zip(&scores)
        .map(|(stage, score)| {
            let shown = score.unwrap_or_default();
            let top = top_of(shown);
            let said = score.map(|s| labels::score_text(i18n, s)).unwrap_or_default();
            view! {
                <div class="slot">
                    <div class="point" style:top=top role="img" aria-label=format!("{}: {said}", stage.name)>
                        <Face score=Signal::stored(shown) />
                        <span class="score">{shown.to_string()}</span>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <td class="emotion-cell" colspan=map.stages.len().max(1)>
            <div class="curve" role="group" aria-label=label>
                <svg class="curve-line" viewBox=format!("0 0 {width} {}", curve::HEIGHT) preserveAspectRatio="none" aria-hidden="true">
                    <path d=curve::smooth_path(&scores) />
                </svg>
                <div class="points">{points}</div>
            </div>
        </td>
    }
}
