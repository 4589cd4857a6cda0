//! A map drawn as a plain table with nothing to edit: what a share link shows, and each side of
//! a comparison. On a comparison, every difference is marked twice: a class the style sheet
//! draws (a colour and a sign, never colour alone) and a word for screen readers.

use crate::emotion::{Face, top_of};
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::diff::{Direction, Mark, Marks};
use model::{Cell, JourneyMap, LaneKind, PersonaId};

/// The class and the word for a thing's mark; nothing for what did not change.
fn mark_of(i18n: I18nContext<Locale>, mark: Option<&Mark>) -> (&'static str, Option<&'static str>) {
    match mark {
        None => ("", None),
        Some(Mark::Added) => (" mark-added", Some(t_string!(i18n, mark_added))),
        Some(Mark::Removed) => (" mark-removed", Some(t_string!(i18n, mark_removed))),
        Some(Mark::Kept {
            moved: true,
            changed: true,
        }) => (
            " mark-moved mark-changed",
            Some(t_string!(i18n, mark_moved_changed)),
        ),
        Some(Mark::Kept { moved: true, .. }) => (" mark-moved", Some(t_string!(i18n, mark_moved))),
        Some(Mark::Kept { .. }) => (" mark-changed", Some(t_string!(i18n, mark_changed))),
    }
}

/// The class and the word for the direction of a score or a metric that changed.
pub(crate) fn direction_of(
    i18n: I18nContext<Locale>,
    direction: Option<&Direction>,
) -> (&'static str, Option<&'static str>) {
    match direction {
        Some(Direction::Better) => (" better", Some(t_string!(i18n, direction_better))),
        Some(Direction::Worse) => (" worse", Some(t_string!(i18n, direction_worse))),
        Some(Direction::Same | Direction::NotComparable) => {
            (" changed", Some(t_string!(i18n, direction_changed)))
        }
        None => ("", None),
    }
}

/// A mark's word for screen readers, after what it marks.
fn said(word: Option<&'static str>) -> Option<impl IntoView + use<>> {
    word.map(|word| view! { <span class="mark-word">{format!(" ({word})")}</span> })
}

/// The board as a plain table: the same columns, rows and notes, with nothing to edit. With
/// `marks`, what changed is marked; `persona` picks whose curve is drawn (the first one's
/// otherwise).
#[component]
pub fn ReadOnlyBoard(
    map: JourneyMap,
    #[prop(optional)] marks: Option<Marks>,
    #[prop(default = None)] persona: Option<PersonaId>,
    /// A heading above the board; the map's title when none is given.
    #[prop(optional, into)]
    heading: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let marks = marks.unwrap_or_default();
    let title = map.title.clone();
    let stages = map
        .stages
        .iter()
        .map(|s| {
            let (class, word) = mark_of(i18n, marks.stages.get(&s.id));
            view! { <th scope="col" class=format!("stage-name{class}")>{s.name.clone()}{said(word)}</th> }
        })
        .collect_view();
    let persona = persona
        .and_then(|p| map.persona(&p).map(|p| p.id.clone()))
        .or_else(|| map.personas.first().map(|p| p.id.clone()));
    let rows = map
        .lanes
        .iter()
        .filter(|l| !l.hidden)
        .map(|lane| {
            let name = labels::lane_name(i18n, lane);
            let (lane_class, lane_word) = mark_of(i18n, marks.lanes.get(&lane.id));
            let body = if lane.kind == LaneKind::Emotions {
                view! {
                    <td class="emotion-cell" colspan=map.stages.len().max(1)>
                        <StaticCurve map=map.clone() persona=persona.clone() marks=marks.clone() />
                    </td>
                }
                .into_any()
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
                                let (mark, word) = mark_of(i18n, marks.cards.get(&card.id));
                                let class =
                                    format!("card {}{mark}", super::colour_class(card.colour));
                                let metric = card.metric.as_ref().map(|m| {
                                    let line = super::metric::metric_line(i18n, m);
                                    let (how, word) =
                                        direction_of(i18n, marks.metrics.get(&card.id));
                                    view! {
                                        <p class=format!("card-metric{how}")>{line}{said(word)}</p>
                                    }
                                });
                                view! {
                                    <li class=class data-card-id=card.id.to_string()>
                                        <p class="card-text">{card.text.clone()}{said(word)}</p>
                                        {metric}
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
                <tr class=board_lane_class(lane.kind, lane_class)>
                    <th scope="row" class="lane-name">{name}{said(lane_word)}</th>
                    {body}
                </tr>
            }
        })
        .collect_view();
    let heading = heading.unwrap_or_else(|| title.clone());
    let region = heading.clone();
    view! {
        // Focusable so that a keyboard can scroll a board wider than the screen.
        <div class="board-scroll" tabindex="0" role="region" aria-label=region>
            <h2 class="shared-title">{heading}</h2>
            <table class="board read-only" aria-label=title>
                <thead>
                    <tr>
                        <td class="corner"></td>
                        {stages}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn board_lane_class(kind: LaneKind, mark: &str) -> String {
    format!("{}{mark}", super::lane_class(kind))
}

/// One persona's curve, drawn as on the board; each point says its score in words, and on a
/// comparison whether it rose or fell.
#[component]
pub(crate) fn StaticCurve(
    map: JourneyMap,
    persona: Option<PersonaId>,
    #[prop(optional)] marks: Marks,
) -> impl IntoView {
    let i18n = use_i18n();
    let persona = persona.and_then(|p| map.persona(&p).cloned());
    let scores = map.scores_of(persona.as_ref());
    let width = map.stages.len().max(1) as f64 * model::curve::STAGE_WIDTH;
    let name = persona.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let label = t_string!(i18n, emotion_curve_for, persona = name).to_string();
    let points = map
        .stages
        .iter()
        .zip(&scores)
        .map(|(stage, score)| {
            let shown = score.unwrap_or_default();
            let top = top_of(shown);
            let said = score
                .map(|s| labels::score_text(i18n, s))
                .unwrap_or_default();
            let direction = persona
                .as_ref()
                .and_then(|p| marks.emotions.get(&(p.id.clone(), stage.id.clone())));
            let (how, word) = direction_of(i18n, direction);
            let word = word.map(|w| format!(" ({w})")).unwrap_or_default();
            view! {
                <div class="slot">
                    <div
                        class=format!("point{how}")
                        style:top=top
                        role="img"
                        aria-label=format!("{}: {said}{word}", stage.name)
                    >
                        <Face score=Signal::stored(shown) />
                        <span class="score">{shown.to_string()}</span>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="curve" role="group" aria-label=label>
            <svg
                class="curve-line"
                viewBox=format!("0 0 {width} {}", model::curve::HEIGHT)
                preserveAspectRatio="none"
                aria-hidden="true"
            >
                <path d=model::curve::smooth_path(&scores) />
            </svg>
            <div class="points">{points}</div>
        </div>
    }
}
