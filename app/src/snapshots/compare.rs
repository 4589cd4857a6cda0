//! Two versions of the map side by side: each drawn read-only with its differences marked,
//! and below them the same differences in words, grouped by what changed. The difference
//! itself is `model::diff`; this module only says it.

use super::Snapshots;
use crate::board::metric::metric_line;
use crate::board::read_only::{ReadOnlyBoard, direction_of};
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::diff::{
    CardChange, CardField, Diff, LaneChange, PersonaChange, Place, StageChange, compare,
};
use model::{JourneyMap, PersonaId, Score};

/// The two maps being compared, before and after.
type Pair = (JourneyMap, JourneyMap);

#[component]
pub fn CompareView() -> impl IntoView {
    let i18n = use_i18n();
    let snapshots = expect_context::<Snapshots>();
    let editor = expect_context::<Editor>();
    let pair = Memo::new(move |_| {
        let (before, after) = snapshots.comparing.get()?;
        Some((
            snapshots.map_of(editor, &before)?,
            snapshots.map_of(editor, &after)?,
        ))
    });
    let diff = Memo::new(move |_| pair.with(|p| p.as_ref().map(|(b, a)| compare(b, a))));
    let persona = RwSignal::new(None::<PersonaId>);
    let names = move || {
        snapshots.comparing.with(|c| {
            c.as_ref()
                .map(|(b, a)| (snapshots.name_of(i18n, b), snapshots.name_of(i18n, a)))
        })
    };
    let title = move || {
        let (before, after) = names().unwrap_or_default();
        t_string!(i18n, compare_title, before, after).to_string()
    };
    let back = move |_| snapshots.comparing.set(None);
    let personas = move || {
        pair.with(|p| {
            p.as_ref()
                .map(|(_, after)| {
                    after
                        .personas
                        .iter()
                        .map(|p| (p.id.clone(), p.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || pair.with(Option::is_some)>
            <section class="compare-view" aria-labelledby="compare-title">
                <div class="compare-top">
                    <h2 id="compare-title">{title}</h2>
                    <Show when=move || { personas().len() > 1 }>
                        <label class="compare-persona">
                            <span>{t!(i18n, compare_curve_of)}</span>
                            <select on:change=move |ev| {
                                persona.set(Some(PersonaId::new(event_target_value(&ev))))
                            }>
                                <For each=personas key=|p| p.clone() let:p>
                                    <option value=p.0.to_string()>{p.1}</option>
                                </For>
                            </select>
                        </label>
                    </Show>
                    <button type="button" class="primary" on:click=back>
                        {t!(i18n, compare_back)}
                    </button>
                </div>
                <p class="compare-legend">
                    <span class="legend mark-added">{t!(i18n, mark_added)}</span>
                    <span class="legend mark-removed">{t!(i18n, mark_removed)}</span>
                    <span class="legend mark-moved">{t!(i18n, mark_moved)}</span>
                    <span class="legend mark-changed">{t!(i18n, mark_changed)}</span>
                </p>
                {move || {
                    let (Some((before, after)), Some(diff)) = (pair.get(), diff.get()) else {
                        return None;
                    };
                    let (before_name, after_name) = names().unwrap_or_default();
                    let marks = diff.marks();
                    let chosen = persona.get();
                    let list = differences(i18n, &diff, &(before.clone(), after.clone()));
                    Some(view! {
                        <div class="compare-boards">
                            <div class="compare-side">
                                <ReadOnlyBoard
                                    map=before
                                    marks=marks.clone()
                                    persona=chosen.clone()
                                    heading=t_string!(i18n, compare_side_before, name = before_name).to_string()
                                />
                            </div>
                            <div class="compare-side">
                                <ReadOnlyBoard
                                    map=after
                                    marks
                                    persona=chosen
                                    heading=t_string!(i18n, compare_side_after, name = after_name).to_string()
                                />
                            </div>
                        </div>
                        {list}
                    })
                }}
            </section>
        </Show>
    }
}

/// The differences in words: a heading per kind of thing with how many changed, then one line
/// per change, each marked like the board marks it.
fn differences(i18n: I18nContext<Locale>, diff: &Diff, pair: &Pair) -> impl IntoView + use<> {
    if diff.is_empty() {
        return view! {
            <section class="compare-list">
                <h3>{t!(i18n, compare_differences)}</h3>
                <p>{t!(i18n, compare_none)}</p>
            </section>
        }
        .into_any();
    }
    let groups = [
        (
            t_string!(i18n, compare_stages),
            diff.stages
                .iter()
                .map(|c| stage_line(i18n, c, pair))
                .collect::<Vec<_>>(),
        ),
        (
            t_string!(i18n, compare_lanes),
            diff.lanes
                .iter()
                .map(|c| lane_line(i18n, c, pair))
                .collect(),
        ),
        (
            t_string!(i18n, compare_cards),
            diff.cards
                .iter()
                .map(|c| card_line(i18n, c, pair))
                .collect(),
        ),
        (
            t_string!(i18n, compare_personas),
            diff.personas
                .iter()
                .map(|c| persona_line(i18n, c))
                .collect(),
        ),
        (
            t_string!(i18n, compare_emotions),
            emotion_lines(i18n, diff, pair),
        ),
        (
            t_string!(i18n, compare_metrics),
            metric_lines(i18n, diff, pair),
        ),
    ];
    let groups = groups
        .into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(heading, lines)| {
            let count = lines.len();
            let items = lines
                .into_iter()
                .map(|(class, text)| view! { <li class=class>{text}</li> })
                .collect_view();
            view! {
                <h4>{format!("{heading} ({count})")}</h4>
                <ul>{items}</ul>
            }
        })
        .collect_view();
    view! {
        <section class="compare-list" aria-labelledby="compare-list-title">
            <h3 id="compare-list-title">{t!(i18n, compare_differences)}</h3>
            {groups}
        </section>
    }
    .into_any()
}

/// A line of the list: the class that marks it and its sentence.
type Line = (&'static str, String);

fn stage_name(pair: &Pair, id: &model::StageId) -> String {
    let (before, after) = pair;
    after
        .stage(id)
        .or_else(|| before.stage(id))
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

fn lane_name(i18n: I18nContext<Locale>, pair: &Pair, id: &model::LaneId) -> String {
    let (before, after) = pair;
    after
        .lane(id)
        .or_else(|| before.lane(id))
        .map(|l| labels::lane_name(i18n, l))
        .unwrap_or_default()
}

fn card_name(pair: &Pair, id: &model::CardId) -> String {
    let (before, after) = pair;
    after
        .card(id)
        .or_else(|| before.card(id))
        .map(|c| labels::card_name(&c.text))
        .unwrap_or_default()
}

/// "Touchpoints · Awareness"
fn place_name(i18n: I18nContext<Locale>, pair: &Pair, place: &Place) -> String {
    let lane = lane_name(i18n, pair, &place.cell.lane);
    let stage = stage_name(pair, &place.cell.stage);
    format!("{lane} · {stage}")
}

fn stage_line(i18n: I18nContext<Locale>, change: &StageChange, pair: &Pair) -> Line {
    match change {
        StageChange::Added { stage, .. } => {
            let name = stage.name.clone();
            (
                "mark-added",
                t_string!(i18n, diff_stage_added, name).to_string(),
            )
        }
        StageChange::Removed { stage, .. } => {
            let name = stage.name.clone();
            (
                "mark-removed",
                t_string!(i18n, diff_stage_removed, name).to_string(),
            )
        }
        StageChange::Renamed { name, .. } => {
            let (from, to) = (name.before.clone(), name.after.clone());
            (
                "mark-changed",
                t_string!(i18n, diff_stage_renamed, from, to).to_string(),
            )
        }
        StageChange::Moved { id, from, to } => {
            let (name, from, to) = (stage_name(pair, id), from + 1, to + 1);
            (
                "mark-moved",
                t_string!(i18n, diff_stage_moved, name, from, to).to_string(),
            )
        }
    }
}

fn lane_line(i18n: I18nContext<Locale>, change: &LaneChange, pair: &Pair) -> Line {
    let name = lane_name(i18n, pair, change.id());
    match change {
        LaneChange::Added { .. } => (
            "mark-added",
            t_string!(i18n, diff_lane_added, name).to_string(),
        ),
        LaneChange::Removed { .. } => (
            "mark-removed",
            t_string!(i18n, diff_lane_removed, name).to_string(),
        ),
        LaneChange::Renamed { name: renamed, .. } => {
            let kind = pair.1.lane(change.id()).map(|l| l.kind);
            let named = |n: &Option<String>| {
                n.clone()
                    .or_else(|| kind.map(|k| labels::lane_kind_name(i18n, k)))
                    .unwrap_or_default()
            };
            let (from, to) = (named(&renamed.before), named(&renamed.after));
            (
                "mark-changed",
                t_string!(i18n, diff_lane_renamed, from, to).to_string(),
            )
        }
        LaneChange::Retyped { kind: retyped, .. } => {
            let kind = labels::lane_kind_name(i18n, retyped.after);
            (
                "mark-changed",
                t_string!(i18n, diff_lane_retyped, name, kind).to_string(),
            )
        }
        LaneChange::Hidden { hidden, .. } if hidden.after => (
            "mark-changed",
            t_string!(i18n, diff_lane_hidden, name).to_string(),
        ),
        LaneChange::Hidden { .. } => (
            "mark-changed",
            t_string!(i18n, diff_lane_shown, name).to_string(),
        ),
        LaneChange::Moved { from, to, .. } => {
            let (from, to) = (from + 1, to + 1);
            (
                "mark-moved",
                t_string!(i18n, diff_lane_moved, name, from, to).to_string(),
            )
        }
    }
}

fn card_line(i18n: I18nContext<Locale>, change: &CardChange, pair: &Pair) -> Line {
    let card = card_name(pair, change.id());
    match change {
        CardChange::Added { card: added, at } => {
            let place = place_name(
                i18n,
                pair,
                &Place {
                    cell: added.cell(),
                    at: *at,
                },
            );
            (
                "mark-added",
                t_string!(i18n, diff_card_added, card, place).to_string(),
            )
        }
        CardChange::Removed { card: removed, at } => {
            let place = place_name(
                i18n,
                pair,
                &Place {
                    cell: removed.cell(),
                    at: *at,
                },
            );
            (
                "mark-removed",
                t_string!(i18n, diff_card_removed, card, place).to_string(),
            )
        }
        CardChange::Moved { from, to, .. } if from.cell == to.cell => {
            let place = place_name(i18n, pair, to);
            (
                "mark-moved",
                t_string!(i18n, diff_card_reordered, card, place).to_string(),
            )
        }
        CardChange::Moved { from, to, .. } => {
            let (from, to) = (place_name(i18n, pair, from), place_name(i18n, pair, to));
            (
                "mark-moved",
                t_string!(i18n, diff_card_moved, card, from, to).to_string(),
            )
        }
        CardChange::Changed { fields, .. } => {
            let what = fields
                .iter()
                .map(|f| field_words(i18n, f, pair))
                .collect::<Vec<_>>()
                .join("; ");
            (
                "mark-changed",
                t_string!(i18n, diff_card_changed, card, what).to_string(),
            )
        }
    }
}

/// "channel: Email → Phone", or "text changed" where the values are too long to repeat.
fn field_words(i18n: I18nContext<Locale>, field: &CardField, pair: &Pair) -> String {
    let none = || t_string!(i18n, details_value_none).to_string();
    let from_to = |name: &str, before: String, after: String| format!("{name}: {before} → {after}");
    let changed =
        |name: &str| t_string!(i18n, diff_field_changed, name = name.to_owned()).to_string();
    let rating = |r: Option<model::Rating>| r.map_or_else(none, |r| r.value().to_string());
    match field {
        CardField::Text(_) => changed(t_string!(i18n, diff_field_text)),
        CardField::Colour(c) => from_to(
            t_string!(i18n, diff_field_colour),
            labels::colour_name(i18n, c.before),
            labels::colour_name(i18n, c.after),
        ),
        CardField::Tags(c) => from_to(
            t_string!(i18n, diff_field_tags),
            if c.before.is_empty() {
                none()
            } else {
                c.before.join(", ")
            },
            if c.after.is_empty() {
                none()
            } else {
                c.after.join(", ")
            },
        ),
        CardField::Category(c) => from_to(
            t_string!(i18n, details_category),
            c.before
                .map_or_else(none, |v| labels::category_name(i18n, v).to_owned()),
            c.after
                .map_or_else(none, |v| labels::category_name(i18n, v).to_owned()),
        ),
        CardField::Channel(c) => from_to(
            t_string!(i18n, details_channel),
            c.before
                .map_or_else(none, |v| labels::channel_name(i18n, v).to_owned()),
            c.after
                .map_or_else(none, |v| labels::channel_name(i18n, v).to_owned()),
        ),
        CardField::Personas(_) => changed(t_string!(i18n, details_personas)),
        CardField::Evidence(c) => from_to(
            t_string!(i18n, details_sources),
            c.before.len().to_string(),
            c.after.len().to_string(),
        ),
        CardField::Confidence(c) => from_to(
            t_string!(i18n, details_confidence),
            labels::confidence_name(i18n, c.before).to_owned(),
            labels::confidence_name(i18n, c.after).to_owned(),
        ),
        CardField::Impact(c) => from_to(
            labels::rating_kind_name(i18n, model::RatingKind::Impact),
            rating(c.before),
            rating(c.after),
        ),
        CardField::Effort(c) => from_to(
            labels::rating_kind_name(i18n, model::RatingKind::Effort),
            rating(c.before),
            rating(c.after),
        ),
        CardField::Metric(_) => changed(t_string!(i18n, diff_field_metric)),
        CardField::Status(c) => from_to(
            t_string!(i18n, plan_status),
            c.before
                .map_or_else(none, |v| labels::status_name(i18n, v).to_owned()),
            c.after
                .map_or_else(none, |v| labels::status_name(i18n, v).to_owned()),
        ),
        CardField::Owner(c) => from_to(
            t_string!(i18n, plan_owner),
            if c.before.is_empty() {
                none()
            } else {
                c.before.clone()
            },
            if c.after.is_empty() {
                none()
            } else {
                c.after.clone()
            },
        ),
        CardField::Due(c) => {
            let locale = labels::model_locale(i18n.get_locale_untracked());
            let date = |d: Option<chrono::NaiveDate>| {
                d.map_or_else(none, |d| model::numbers::format_date(d, locale))
            };
            from_to(t_string!(i18n, plan_due), date(c.before), date(c.after))
        }
        CardField::Addresses(c) => {
            let names = |ids: &[model::CardId]| {
                if ids.is_empty() {
                    none()
                } else {
                    ids.iter()
                        .map(|id| card_name(pair, id))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            from_to(
                t_string!(i18n, plan_addresses),
                names(&c.before),
                names(&c.after),
            )
        }
    }
}

fn persona_line(i18n: I18nContext<Locale>, change: &PersonaChange) -> Line {
    match change {
        PersonaChange::Added(p) => {
            let name = p.name.clone();
            (
                "mark-added",
                t_string!(i18n, diff_persona_added, name).to_string(),
            )
        }
        PersonaChange::Removed(p) => {
            let name = p.name.clone();
            (
                "mark-removed",
                t_string!(i18n, diff_persona_removed, name).to_string(),
            )
        }
        PersonaChange::Renamed { name, .. } => {
            let (from, to) = (name.before.clone(), name.after.clone());
            (
                "mark-changed",
                t_string!(i18n, diff_persona_renamed, from, to).to_string(),
            )
        }
    }
}

fn emotion_lines(i18n: I18nContext<Locale>, diff: &Diff, pair: &Pair) -> Vec<Line> {
    let score = |s: Option<Score>| {
        s.map_or_else(
            || t_string!(i18n, diff_no_score).to_string(),
            |s| s.to_string(),
        )
    };
    diff.emotions
        .iter()
        .map(|change| {
            let persona = pair
                .1
                .persona(&change.persona)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let stage = stage_name(pair, &change.stage);
            let (from, to) = (score(change.score.before), score(change.score.after));
            let direction = change.direction();
            let (class, word) = direction_of(i18n, Some(&direction));
            let word = word.unwrap_or_default();
            let line = t_string!(
                i18n,
                diff_emotion,
                persona,
                stage,
                from,
                to,
                direction = word
            )
            .to_string();
            (class.trim(), line)
        })
        .collect()
}

fn metric_lines(i18n: I18nContext<Locale>, diff: &Diff, pair: &Pair) -> Vec<Line> {
    let reading = |m: &Option<model::Metric>| {
        m.as_ref().map_or_else(
            || t_string!(i18n, details_value_none).to_string(),
            |m| metric_line(i18n, m),
        )
    };
    diff.metrics
        .iter()
        .map(|change| {
            let card = card_name(pair, &change.card);
            let stage = stage_name(pair, &change.stage);
            let (from, to) = (reading(&change.before), reading(&change.after));
            let (class, word) = direction_of(i18n, Some(&change.direction));
            let direction = word.unwrap_or_default();
            let line = t_string!(i18n, diff_metric, card, stage, from, to, direction).to_string();
            (class.trim(), line)
        })
        .collect()
}
