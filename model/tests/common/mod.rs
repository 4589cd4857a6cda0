//! Strategies shared by the property tests.
#![allow(dead_code)]

use chrono::DateTime;
use model::map::{
    Card, Colour, EmotionScore, JourneyMap, Lane, LaneKind, Locale, Persona, Score, Stage,
};
use model::{CardId, Cell, LaneId, MapId, Op, PersonaId, StageId};
use proptest::prelude::*;

pub fn arb_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ăâîșțĂÂÎȘȚ,.!?\n\"\\\\]{0,20}"
}

/// Trimmed, as the operations keep names and tags.
pub fn arb_name() -> impl Strategy<Value = String> {
    "[a-zA-Zșț]([a-zA-Z0-9 șț]{0,11}[a-zA-Z0-9șț])?"
}

pub fn arb_kind() -> impl Strategy<Value = LaneKind> {
    proptest::sample::select(LaneKind::ALL.to_vec())
}

pub fn arb_colour() -> impl Strategy<Value = Colour> {
    proptest::sample::select(Colour::ALL.to_vec())
}

pub fn arb_score() -> impl Strategy<Value = Score> {
    (Score::MIN..=Score::MAX).prop_map(|v| Score::new(v).unwrap())
}

/// A valid map: ids unique, every card in a cell that holds cards, at most one score per
/// persona and stage.
pub fn arb_map() -> impl Strategy<Value = JourneyMap> {
    (
        prop::collection::vec(arb_name(), 1..6),
        prop::collection::vec(
            (arb_kind(), prop::option::of(arb_name()), any::<bool>()),
            1..6,
        ),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                arb_text(),
                arb_colour(),
                prop::collection::vec(arb_name(), 0..3),
            ),
            0..20,
        ),
        prop::collection::vec(
            (
                arb_name(),
                arb_text(),
                prop::collection::vec(arb_score(), 0..6),
            ),
            0..3,
        ),
        arb_text(),
        prop::sample::select(Locale::ALL.to_vec()),
        0i64..4_000_000_000,
    )
        .prop_map(
            |(stage_names, lanes, cards, personas, title, locale, time)| {
                let stages: Vec<Stage> = stage_names
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| Stage {
                        id: StageId::new(format!("s{i}")),
                        name,
                    })
                    .collect();
                let lanes: Vec<Lane> = lanes
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, name, hidden))| Lane {
                        id: LaneId::new(format!("l{i}")),
                        kind,
                        name,
                        hidden,
                    })
                    .collect();
                let holding: Vec<&Lane> = lanes.iter().filter(|l| l.kind.holds_cards()).collect();
                let cards = if holding.is_empty() {
                    Vec::new()
                } else {
                    cards
                        .into_iter()
                        .enumerate()
                        .map(|(i, (lane, stage, text, colour, mut tags))| {
                            tags.sort();
                            tags.dedup();
                            Card {
                                colour,
                                tags,
                                ..Card::new(
                                    CardId::new(format!("c{i}")),
                                    Cell {
                                        lane: lane.get(&holding).id.clone(),
                                        stage: stage.get(&stages).id.clone(),
                                    },
                                    text,
                                )
                            }
                        })
                        .collect()
                };
                let personas = personas
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, quote, scores))| Persona {
                        quote,
                        emotions: stages
                            .iter()
                            .zip(scores)
                            .map(|(s, score)| EmotionScore {
                                stage: s.id.clone(),
                                score,
                                note: String::new(),
                            })
                            .collect(),
                        ..Persona::new(PersonaId::new(format!("p{i}")), name)
                    })
                    .collect();
                let at = DateTime::from_timestamp(time, 0).unwrap();
                JourneyMap {
                    id: MapId::new("m"),
                    title,
                    locale,
                    created: at,
                    updated: at,
                    stages,
                    lanes,
                    cards,
                    personas,
                }
            },
        )
}

/// An id of a thing the map holds when the op is applied: `@kind:n` stands for the n-th one,
/// which [`resolve`] puts in; now and then one it never holds, so refusals are tested too.
fn held(kind: &'static str) -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        19 => (0..64usize).prop_map(move |n| format!("@{kind}:{n}")),
        1 => Just("unknown".to_owned()),
    ]
}

/// The id of a new thing: mostly unused, now and then one the map holds.
fn fresh(kind: &'static str) -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => (0..1000usize).prop_map(move |n| format!("new-{kind}{n}")),
        1 => held(kind),
    ]
}

/// `op` with each `@kind:n` replaced by the id of the n-th such thing in `map` (counted round),
/// or by an unknown id when the map has none.
pub fn resolve(op: &Op, map: &JourneyMap) -> Op {
    fn fill(value: &mut serde_json::Value, map: &JourneyMap) {
        match value {
            serde_json::Value::String(text) => {
                let Some((kind, n)) = text.strip_prefix('@').and_then(|t| t.split_once(':')) else {
                    return;
                };
                let ids: Vec<&str> = match kind {
                    "stage" => map.stages.iter().map(|s| s.id.as_str()).collect(),
                    "lane" => map.lanes.iter().map(|l| l.id.as_str()).collect(),
                    "card_lane" => map
                        .lanes
                        .iter()
                        .filter(|l| l.kind.holds_cards())
                        .map(|l| l.id.as_str())
                        .collect(),
                    "card" => map.cards.iter().map(|c| c.id.as_str()).collect(),
                    "persona" => map.personas.iter().map(|p| p.id.as_str()).collect(),
                    _ => unreachable!("no kind {kind}"),
                };
                let n: usize = n.parse().unwrap();
                *text = ids
                    .get(n % ids.len().max(1))
                    .unwrap_or(&"unknown")
                    .to_string();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| fill(v, map)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| fill(v, map)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(op).unwrap();
    fill(&mut value, map);
    serde_json::from_value(value).unwrap()
}

/// An op whose ids [`resolve`] draws from the map it is applied to.
pub fn arb_op() -> impl Strategy<Value = Op> {
    let (stage, lane, card, persona) = (held("stage"), held("lane"), held("card"), held("persona"));
    let cell = (held("card_lane"), stage.clone()).prop_map(|(lane, stage)| Cell {
        lane: LaneId::new(lane),
        stage: StageId::new(stage),
    });
    let card_ids = prop::collection::vec(card.clone().prop_map(CardId::new), 0..4);
    // Cells hold few cards: small positions mostly, out-of-range ones at times.
    let at = prop_oneof![4 => 0usize..2, 1 => 0usize..8];
    prop_oneof![
        1 => arb_text().prop_map(|title| Op::RenameMap { title }),
        1 => (fresh("stage"), arb_name(), at.clone()).prop_map(
            |(id, name, at)| Op::AddStage {
                id: StageId::new(id),
                name,
                at
            }
        ),
        1 => (stage.clone(), arb_text()).prop_map(|(id, name)| Op::RenameStage {
            id: StageId::new(id),
            name
        }),
        1 => (stage.clone(), at.clone()).prop_map(|(id, to)| Op::MoveStage {
            id: StageId::new(id),
            to
        }),
        1 => stage.clone().prop_map(|id| Op::DeleteStage {
            id: StageId::new(id)
        }),
        1 => (
            fresh("lane"),
            arb_kind(),
            prop::option::of(arb_name()),
            at.clone()
        )
            .prop_map(|(id, kind, name, at)| Op::AddLane {
                id: LaneId::new(id),
                kind,
                name,
                at
            }),
        1 => (lane.clone(), prop::option::of(arb_text())).prop_map(|(id, name)| Op::RenameLane {
            id: LaneId::new(id),
            name
        }),
        1 => (lane.clone(), at.clone()).prop_map(|(id, to)| Op::MoveLane {
            id: LaneId::new(id),
            to
        }),
        1 => (lane.clone(), any::<bool>()).prop_map(|(id, hidden)| Op::SetLaneHidden {
            id: LaneId::new(id),
            hidden
        }),
        1 => lane.prop_map(|id| Op::DeleteLane {
            id: LaneId::new(id)
        }),
        4 => (fresh("card"), cell.clone(), at.clone(), arb_text()).prop_map(
            |(id, cell, at, text)| Op::AddCard {
                id: CardId::new(id),
                cell,
                at,
                text,
            }
        ),
        2 => (card.clone(), arb_text()).prop_map(|(id, text)| Op::EditCardText {
            id: CardId::new(id),
            text
        }),
        1 => (card.clone(), arb_colour()).prop_map(|(id, colour)| Op::SetCardColour {
            id: CardId::new(id),
            colour
        }),
        1 => (card.clone(), prop::collection::vec(arb_text(), 0..4)).prop_map(|(id, tags)| {
            Op::SetCardTags {
                id: CardId::new(id),
                tags,
            }
        }),
        2 => (card.clone(), cell.clone(), at.clone()).prop_map(|(id, to, at)| Op::MoveCard {
            id: CardId::new(id),
            to,
            at
        }),
        1 => card.prop_map(|id| Op::DeleteCard {
            id: CardId::new(id)
        }),
        1 => (card_ids.clone(), cell, at).prop_map(|(ids, to, at)| Op::MoveCards { ids, to, at }),
        1 => card_ids.prop_map(|ids| Op::DeleteCards { ids }),
        1 => (fresh("persona"), arb_name()).prop_map(|(id, name)| {
            Op::AddPersona {
                id: PersonaId::new(id),
                name,
            }
        }),
        1 => (persona.clone(), arb_text()).prop_map(|(id, name)| Op::RenamePersona {
            id: PersonaId::new(id),
            name
        }),
        1 => persona.clone().prop_map(|id| Op::DeletePersona {
            id: PersonaId::new(id)
        }),
        2 => (persona.clone(), stage.clone(), arb_score()).prop_map(|(p, s, score)| Op::SetEmotion {
            persona: PersonaId::new(p),
            stage: StageId::new(s),
            score
        }),
        1 => (persona, stage, arb_text()).prop_map(|(p, s, note)| Op::SetEmotionNote {
            persona: PersonaId::new(p),
            stage: StageId::new(s),
            note
        }),
    ]
}
