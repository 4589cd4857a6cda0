//! What a slide shows, large enough to read across a meeting room: a stage's name and place,
//! how the persona feels there, and its cards lane by lane; then the whole journey's curve.

use crate::board::metric::metric_line;
use crate::board::read_only::StaticCurve;
use crate::emotion::Face;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::present::stage_cards;
use model::{Card, JourneyMap, PersonaId};

/// A card as the slide shows it: its text, then its channel and status in words, then its
/// metric's reading.
fn card_view(i18n: I18nContext<Locale>, card: &Card) -> impl IntoView + use<> {
    let facts = card
        .channel
        .map(|c| labels::channel_name(i18n, c))
        .into_iter()
        .chain(card.status.map(|s| labels::status_name(i18n, s)))
        .collect::<Vec<_>>()
        .join(" · ");
    let metric = card
        .metric
        .as_ref()
        .map(|m| view! { <p class="slide-metric">{metric_line(i18n, m)}</p> });
    view! {
        <li class=format!("slide-card {}", crate::board::colour_class(card.colour))>
            <p class="slide-card-text">{card.text.clone()}</p>
            {(!facts.is_empty()).then(|| view! { <p class="slide-facts">{facts}</p> })}
            {metric}
        </li>
    }
}

/// How the persona feels at the stage: the face, the score in words, and why.
fn feeling_view(
    i18n: I18nContext<Locale>,
    map: &JourneyMap,
    index: usize,
    persona: Option<&PersonaId>,
) -> impl IntoView + use<> {
    let persona = persona
        .and_then(|id| map.persona(id))
        .or_else(|| map.personas.first());
    let name = persona.map(|p| p.name.clone()).unwrap_or_default();
    let emotion = persona
        .zip(map.stages.get(index))
        .and_then(|(p, stage)| p.emotions.iter().find(|e| e.stage == stage.id));
    let Some(emotion) = emotion else {
        return view! {
            <p class="slide-feeling unscored">{t_string!(i18n, present_unscored, persona = name).to_string()}</p>
        }
        .into_any();
    };
    let score = labels::score_text(i18n, emotion.score);
    let note = (!emotion.note.trim().is_empty()).then(|| emotion.note.clone());
    view! {
        <div class="slide-feeling">
            <Face score=Signal::stored(emotion.score) />
            <div>
                <p class="slide-feels">{t_string!(i18n, present_feels, persona = name, score).to_string()}</p>
                {note.map(|note| view! { <p class="slide-note">{note}</p> })}
            </div>
        </div>
    }
    .into_any()
}

/// The slide of the stage at `index`: its place ("3 / 8") and name, the persona's feeling
/// there, and the cards `shown` accepts, under their lanes' names.
pub fn stage_slide(
    i18n: I18nContext<Locale>,
    map: &JourneyMap,
    index: usize,
    persona: Option<&PersonaId>,
    shown: &dyn Fn(&Card) -> bool,
) -> impl IntoView + use<> {
    let Some(stage) = map.stages.get(index) else {
        return ().into_any();
    };
    let (n, total) = (index + 1, map.stages.len());
    let place = t_string!(i18n, present_stage_of, n, total).to_string();
    let groups = stage_cards(map, stage, shown);
    let lanes = if groups.is_empty() {
        view! { <p class="slide-empty">{t_string!(i18n, present_no_cards)}</p> }.into_any()
    } else {
        groups
            .into_iter()
            .map(|(lane, cards)| {
                let cards = cards.into_iter().map(|c| card_view(i18n, c)).collect_view();
                view! {
                    <div class=format!("slide-lane {}", crate::board::lane_class(lane.kind))>
                        <h3>{labels::lane_name(i18n, lane)}</h3>
                        <ul class="slide-cards">{cards}</ul>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="slide" aria-labelledby="slide-title">
            <header class="slide-head">
                <p class="slide-number">
                    <span aria-hidden="true">{format!("{n} / {total}")}</span>
                    <span class="visually-hidden">{place}</span>
                </p>
                <h2 id="slide-title">{stage.name.clone()}</h2>
            </header>
            {feeling_view(i18n, map, index, persona)}
            <div class="slide-lanes">{lanes}</div>
        </section>
    }
    .into_any()
}

/// The last slide: the persona's curve across every stage, each stage named under its point.
#[component]
pub fn Overview(map: JourneyMap, persona: Option<PersonaId>) -> impl IntoView {
    let i18n = use_i18n();
    let names = map
        .stages
        .iter()
        .map(|s| view! { <li>{s.name.clone()}</li> })
        .collect_view();
    view! {
        <section class="slide overview" aria-labelledby="slide-title">
            <header class="slide-head">
                <p class="slide-number">{map.title.clone()}</p>
                <h2 id="slide-title">{t!(i18n, present_overview)}</h2>
            </header>
            <div class="overview-curve">
                <StaticCurve map=map.clone() persona />
                <ol class="overview-stages">{names}</ol>
            </div>
        </section>
    }
}
