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

pub fn arb_name() -> impl Strategy<Value = String> {
    "[a-zA-Zșț][a-zA-Z0-9 șț]{0,12}"
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
                                id: CardId::new(format!("c{i}")),
                                lane: lane.get(&holding).id.clone(),
                                stage: stage.get(&stages).id.clone(),
                                text,
                                colour,
                                tags,
                            }
                        })
                        .collect()
                };
                let personas = personas
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, quote, scores))| Persona {
                        id: PersonaId::new(format!("p{i}")),
                        name,
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

/// Ids drawn from a small pool, so operations hit existing and missing things alike.
fn arb_id() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..6usize).prop_map(|i| format!("s{i}")),
        (0..6usize).prop_map(|i| format!("l{i}")),
        (0..20usize).prop_map(|i| format!("c{i}")),
        (0..3usize).prop_map(|i| format!("p{i}")),
        (0..8usize).prop_map(|i| format!("new{i}")),
    ]
}

/// Card ids, at times empty, repeated or missing, as a selection might (wrongly) send them.
fn arb_ids() -> impl Strategy<Value = Vec<CardId>> {
    let id = prop_oneof![
        4 => (0..20usize).prop_map(|i| format!("c{i}")),
        1 => arb_id(),
    ];
    prop::collection::vec(id.prop_map(CardId::new), 0..4)
}

fn arb_cell() -> impl Strategy<Value = Cell> {
    (arb_id(), arb_id()).prop_map(|(l, s)| Cell {
        lane: LaneId::new(l),
        stage: StageId::new(s),
    })
}

pub fn arb_op() -> impl Strategy<Value = Op> {
    let at = 0usize..8;
    prop_oneof![
        arb_text().prop_map(|title| Op::RenameMap { title }),
        (arb_id(), arb_name(), at.clone()).prop_map(|(id, name, at)| Op::AddStage {
            id: StageId::new(id),
            name,
            at
        }),
        (arb_id(), arb_text()).prop_map(|(id, name)| Op::RenameStage {
            id: StageId::new(id),
            name
        }),
        (arb_id(), at.clone()).prop_map(|(id, to)| Op::MoveStage {
            id: StageId::new(id),
            to
        }),
        arb_id().prop_map(|id| Op::DeleteStage {
            id: StageId::new(id)
        }),
        (
            arb_id(),
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
        (arb_id(), prop::option::of(arb_text())).prop_map(|(id, name)| Op::RenameLane {
            id: LaneId::new(id),
            name
        }),
        (arb_id(), at.clone()).prop_map(|(id, to)| Op::MoveLane {
            id: LaneId::new(id),
            to
        }),
        (arb_id(), any::<bool>()).prop_map(|(id, hidden)| Op::SetLaneHidden {
            id: LaneId::new(id),
            hidden
        }),
        arb_id().prop_map(|id| Op::DeleteLane {
            id: LaneId::new(id)
        }),
        (arb_id(), arb_cell(), at.clone(), arb_text()).prop_map(|(id, cell, at, text)| {
            Op::AddCard {
                id: CardId::new(id),
                cell,
                at,
                text,
            }
        }),
        (arb_id(), arb_text()).prop_map(|(id, text)| Op::EditCardText {
            id: CardId::new(id),
            text
        }),
        (arb_id(), arb_colour()).prop_map(|(id, colour)| Op::SetCardColour {
            id: CardId::new(id),
            colour
        }),
        (arb_id(), prop::collection::vec(arb_text(), 0..4)).prop_map(|(id, tags)| {
            Op::SetCardTags {
                id: CardId::new(id),
                tags,
            }
        }),
        (arb_id(), arb_cell(), at.clone()).prop_map(|(id, to, at)| Op::MoveCard {
            id: CardId::new(id),
            to,
            at
        }),
        arb_id().prop_map(|id| Op::DeleteCard {
            id: CardId::new(id)
        }),
        (arb_ids(), arb_cell(), at.clone()).prop_map(|(ids, to, at)| Op::MoveCards { ids, to, at }),
        arb_ids().prop_map(|ids| Op::DeleteCards { ids }),
        (arb_id(), arb_text()).prop_map(|(id, name)| Op::AddPersona {
            id: PersonaId::new(id),
            name
        }),
        (arb_id(), arb_text()).prop_map(|(id, name)| Op::RenamePersona {
            id: PersonaId::new(id),
            name
        }),
        arb_id().prop_map(|id| Op::DeletePersona {
            id: PersonaId::new(id)
        }),
        (arb_id(), arb_id(), arb_score()).prop_map(|(p, s, score)| Op::SetEmotion {
            persona: PersonaId::new(p),
            stage: StageId::new(s),
            score
        }),
        (arb_id(), arb_id(), arb_text()).prop_map(|(p, s, note)| Op::SetEmotionNote {
            persona: PersonaId::new(p),
            stage: StageId::new(s),
            note
        }),
    ]
}
