use super::*;
use crate::evidence::{Confidence, Evidence, EvidenceKind};
use crate::ids::{CardId, LaneId, MapId, PersonaId, StageId};
use crate::map::{Card, Cell, Colour, EmotionScore, Lane, LaneKind, Locale, Persona, Score, Stage};
use crate::metric::{Metric, MetricKind, Number, Rating, RatingKind};
use crate::ops::{self, Op};
use crate::plan::Status;
use crate::touchpoint::{Category, Channel};
use chrono::{DateTime, NaiveDate};
use std::collections::HashMap;

fn cell(lane: &str, stage: &str) -> Cell {
    Cell {
        lane: LaneId::new(lane),
        stage: StageId::new(stage),
    }
}

fn card(id: &str, lane: &str, stage: &str) -> Card {
    Card::new(CardId::new(id), cell(lane, stage), id.to_uppercase())
}

fn metric(kind: MetricKind, value: f64) -> Metric {
    Metric::new(kind, Number::new(value).unwrap())
}

fn scores(values: &[(&str, i8)]) -> Vec<EmotionScore> {
    let score = |&(stage, value): &(&str, i8)| EmotionScore {
        stage: StageId::new(stage),
        score: Score::new(value).unwrap(),
        note: String::new(),
    };
    values.iter().map(score).collect()
}

fn empty() -> JourneyMap {
    JourneyMap {
        id: MapId::new("m"),
        title: "Trial".into(),
        locale: Locale::En,
        created: DateTime::UNIX_EPOCH,
        updated: DateTime::UNIX_EPOCH,
        stages: Vec::new(),
        lanes: Vec::new(),
        cards: Vec::new(),
        personas: Vec::new(),
    }
}

/// Stages s1 "Aware", s2 "Buy", s3 "Use"; lanes t (touchpoints), p (pain points), m (metrics);
/// cards a, b, c in (t, s1), d in (p, s2) and x (conversion 10 %) in (m, s2), kept in the
/// vector as a, d, b, x, c; Ana (p1) scores −1, 0, +2 and Bo (p2) +1 at s1 only.
fn sample() -> JourneyMap {
    let stage = |id: &str, name: &str| Stage {
        id: StageId::new(id),
        name: name.into(),
    };
    let lane = |id: &str, kind| Lane {
        id: LaneId::new(id),
        kind,
        name: None,
        hidden: false,
    };
    let persona = |id: &str, name: &str, values: &[(&str, i8)]| Persona {
        emotions: scores(values),
        ..Persona::new(PersonaId::new(id), name.into())
    };
    JourneyMap {
        stages: vec![stage("s1", "Aware"), stage("s2", "Buy"), stage("s3", "Use")],
        lanes: vec![
            lane("t", LaneKind::Touchpoints),
            lane("p", LaneKind::PainPoints),
            lane("m", LaneKind::Metrics),
        ],
        cards: vec![
            card("a", "t", "s1"),
            card("d", "p", "s2"),
            card("b", "t", "s1"),
            Card {
                metric: Some(metric(MetricKind::ConversionRate, 10.0)),
                ..card("x", "m", "s2")
            },
            card("c", "t", "s1"),
        ],
        personas: vec![
            persona("p1", "Ana", &[("s1", -1), ("s2", 0), ("s3", 2)]),
            persona("p2", "Bo", &[("s1", 1)]),
        ],
        ..empty()
    }
}

/// `map` after `ops`, each of which must apply.
fn edited(map: &JourneyMap, ops: impl IntoIterator<Item = Op>) -> JourneyMap {
    let mut map = map.clone();
    for op in ops {
        ops::apply(&mut map, op.clone(), DateTime::UNIX_EPOCH).unwrap_or_else(|e| {
            panic!("{op:?}: {e}");
        });
    }
    map
}

fn stage_id(id: &str) -> StageId {
    StageId::new(id)
}

fn card_id(id: &str) -> CardId {
    CardId::new(id)
}

fn place(lane: &str, stage: &str, at: usize) -> Place {
    Place {
        cell: cell(lane, stage),
        at,
    }
}

fn ids(cards: &[Card]) -> Vec<&str> {
    cards.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn a_map_and_its_copy_have_no_differences_even_when_empty() {
    assert!(sample().check_invariants().is_empty());
    for map in [empty(), sample()] {
        let diff = compare(&map, &map.clone());
        assert!(diff.is_empty(), "{diff:?}");
        assert_eq!(diff.marks(), Marks::default());
        assert_eq!(diff.counts(), Counts::default());
    }
}

#[test]
fn against_an_empty_map_everything_is_added_and_the_other_way_removed() {
    let map = sample();
    let diff = compare(&empty(), &map);
    let added = |n| Tally {
        added: n,
        ..Tally::default()
    };
    let counts = diff.counts();
    assert_eq!(
        (counts.stages, counts.lanes, counts.cards, counts.personas),
        (added(3), added(3), added(5), added(2))
    );
    assert_eq!(
        diff.stages[2],
        StageChange::Added {
            stage: map.stages[2].clone(),
            at: 2
        }
    );
    // In journey order: stage s1 (lane t: a, b, c), then s2 (lane p: d, lane m: x).
    let cards: Vec<(&str, usize)> = (diff.cards.iter())
        .map(|c| match c {
            CardChange::Added { card, at } => (card.id.as_str(), *at),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(cards, [("a", 0), ("b", 1), ("c", 2), ("d", 0), ("x", 0)]);
    // A new persona's scores come with it, not as emotion changes.
    assert!(diff.emotions.is_empty());
    assert_eq!(diff.metrics.len(), 1);
    assert_eq!(diff.metrics[0].direction, Direction::NotComparable);

    let back = compare(&map, &empty());
    let counts = back.counts();
    assert_eq!((counts.cards.removed, counts.stages.removed), (5, 3));
    assert!(back.cards.iter().all(|c| c.kind() == ChangeKind::Removed));
    assert_eq!(back.metrics[0].after, None);
}

#[test]
fn a_stage_added_to_a_map_of_one_stage_is_added_at_its_place() {
    let one = Stage {
        id: stage_id("s1"),
        name: "Only".into(),
    };
    let before = JourneyMap {
        stages: vec![one],
        ..empty()
    };
    let after = edited(
        &before,
        [Op::AddStage {
            id: stage_id("s0"),
            name: "First".into(),
            at: 0,
        }],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        diff.stages,
        [StageChange::Added {
            stage: after.stages[0].clone(),
            at: 0
        }]
    );
    assert_eq!(diff.counts().stages.moved, 0);
}

#[test]
fn inserting_a_stage_moves_none_of_the_others() {
    let before = sample();
    let after = edited(
        &before,
        [Op::AddStage {
            id: stage_id("new"),
            name: "Try".into(),
            at: 1,
        }],
    );
    let diff = compare(&before, &after);
    assert_eq!(diff.stages.len(), 1);
    assert_eq!(diff.stages[0].kind(), ChangeKind::Added);
    assert!(diff.cards.is_empty() && diff.emotions.is_empty());
}

#[test]
fn a_stage_renamed_and_moved_is_listed_as_moved_then_renamed() {
    let before = sample();
    let s3 = stage_id("s3");
    let after = edited(
        &before,
        [
            Op::RenameStage {
                id: s3.clone(),
                name: "Onboard".into(),
            },
            Op::MoveStage {
                id: s3.clone(),
                to: 0,
            },
        ],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        diff.stages,
        [
            StageChange::Moved {
                id: s3.clone(),
                from: 2,
                to: 0
            },
            StageChange::Renamed {
                id: s3.clone(),
                name: Change {
                    before: "Use".into(),
                    after: "Onboard".into()
                }
            },
        ]
    );
    assert_eq!(
        diff.marks().stages[&s3],
        Mark::Kept {
            moved: true,
            changed: true
        }
    );
    let counts = diff.counts().stages;
    assert_eq!((counts.moved, counts.changed), (1, 1));
    // A column moving moves no card from its cell.
    assert!(diff.cards.is_empty());
}

#[test]
fn a_removed_stage_takes_its_cards_and_scores_along() {
    let before = sample();
    let after = edited(&before, [Op::DeleteStage { id: stage_id("s2") }]);
    let diff = compare(&before, &after);
    assert_eq!(
        diff.stages,
        [StageChange::Removed {
            stage: before.stages[1].clone(),
            at: 1
        }]
    );
    assert_eq!(
        diff.cards,
        [
            CardChange::Removed {
                card: before.cards[1].clone(),
                at: 0
            },
            CardChange::Removed {
                card: before.cards[3].clone(),
                at: 0
            },
        ]
    );
    // Ana's score at the stage goes with it and is not listed again.
    assert!(diff.emotions.is_empty());
    assert_eq!(diff.metrics[0].card, card_id("x"));
    assert_eq!(diff.metrics[0].stage, stage_id("s2"));
}

#[test]
fn lanes_added_renamed_hidden_moved_and_removed_are_listed() {
    let before = sample();
    let (t, p, m) = (LaneId::new("t"), LaneId::new("p"), LaneId::new("m"));
    let after = edited(
        &before,
        [
            Op::AddLane {
                id: LaneId::new("g"),
                kind: LaneKind::Goals,
                name: None,
                at: 0,
            },
            Op::RenameLane {
                id: t.clone(),
                name: Some("Where".into()),
            },
            Op::SetLaneHidden {
                id: t.clone(),
                hidden: true,
            },
            Op::MoveLane {
                id: m.clone(),
                to: 1,
            },
            Op::DeleteLane { id: p.clone() },
        ],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        diff.lanes,
        [
            LaneChange::Added {
                lane: after.lanes[0].clone(),
                at: 0
            },
            LaneChange::Moved {
                id: m.clone(),
                from: 2,
                to: 1
            },
            LaneChange::Renamed {
                id: t.clone(),
                name: Change {
                    before: None,
                    after: Some("Where".into())
                }
            },
            LaneChange::Hidden {
                id: t.clone(),
                hidden: Change {
                    before: false,
                    after: true
                }
            },
            LaneChange::Removed {
                lane: before.lanes[1].clone(),
                at: 1
            },
        ]
    );
    // Renamed and hidden is one lane changed.
    assert_eq!(
        diff.counts().lanes,
        Tally {
            added: 1,
            removed: 1,
            moved: 1,
            changed: 1
        }
    );
}

#[test]
fn a_card_moved_and_edited_is_listed_as_moved_then_changed() {
    let before = sample();
    let a = card_id("a");
    let after = edited(
        &before,
        [
            Op::MoveCard {
                id: a.clone(),
                to: cell("p", "s2"),
                at: 1,
            },
            Op::SetCardColour {
                id: a.clone(),
                colour: Colour::Pink,
            },
        ],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        diff.cards,
        [
            CardChange::Moved {
                id: a.clone(),
                from: place("t", "s1", 0),
                to: place("p", "s2", 1)
            },
            CardChange::Changed {
                id: a.clone(),
                fields: vec![CardField::Colour(Change {
                    before: Colour::Yellow,
                    after: Colour::Pink
                })]
            },
        ]
    );
    assert_eq!(
        diff.marks().cards,
        HashMap::from([(
            a,
            Mark::Kept {
                moved: true,
                changed: true
            }
        )])
    );
    // b and c moved up in their cell, but only because a left it.
    assert_eq!(diff.counts().cards.moved, 1);
}

#[test]
fn reordering_a_cell_moves_only_the_card_that_was_taken() {
    let before = sample();
    let after = edited(
        &before,
        [Op::MoveCard {
            id: card_id("c"),
            to: cell("t", "s1"),
            at: 0,
        }],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        diff.cards,
        [CardChange::Moved {
            id: card_id("c"),
            from: place("t", "s1", 2),
            to: place("t", "s1", 0)
        }]
    );
}

#[test]
fn a_card_added_at_the_top_of_a_cell_moves_none_of_its_cards() {
    let before = sample();
    let after = edited(
        &before,
        [Op::AddCard {
            id: card_id("e"),
            cell: cell("t", "s1"),
            at: 0,
            text: "E".into(),
        }],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        diff.cards,
        [CardChange::Added {
            card: card("e", "t", "s1"),
            at: 0
        }]
    );
}

#[test]
fn every_field_of_a_card_is_named_with_its_values_before_and_after() {
    let before = sample();
    let d = card_id("d");
    let note = Evidence {
        kind: EvidenceKind::Interview,
        note: "P3".into(),
        link: None,
    };
    let due = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let (four, two) = (Rating::new(4), Rating::new(2));
    let nps = metric(MetricKind::Nps, 12.0);
    let id = || d.clone();
    let after = edited(
        &before,
        [
            Op::EditCardText {
                id: id(),
                text: "Slow".into(),
            },
            Op::SetCardColour {
                id: id(),
                colour: Colour::Blue,
            },
            Op::SetCardTags {
                id: id(),
                tags: vec!["web".into()],
            },
            Op::SetCardCategory {
                id: id(),
                category: Some(Category::Sales),
            },
            Op::SetCardChannel {
                id: id(),
                channel: Some(Channel::Email),
            },
            Op::SetCardPersonas {
                id: id(),
                personas: vec![PersonaId::new("p1")],
            },
            Op::SetCardEvidence {
                id: id(),
                evidence: vec![note.clone()],
            },
            Op::SetCardConfidence {
                id: id(),
                confidence: Confidence::Validated,
            },
            Op::SetCardRating {
                id: id(),
                kind: RatingKind::Impact,
                rating: four,
            },
            Op::SetCardRating {
                id: id(),
                kind: RatingKind::Effort,
                rating: two,
            },
            Op::SetCardMetric {
                id: id(),
                metric: Some(nps.clone()),
            },
            Op::SetCardStatus {
                id: id(),
                status: Some(Status::Planned),
            },
            Op::SetCardOwner {
                id: id(),
                owner: "Ana Pop".into(),
            },
            Op::SetCardDue {
                id: id(),
                due: Some(due),
            },
            Op::SetCardAddresses {
                id: id(),
                addresses: vec![card_id("a")],
            },
        ],
    );
    fn change<T>(before: T, after: T) -> Change<T> {
        Change { before, after }
    }
    let diff = compare(&before, &after);
    assert_eq!(
        diff.cards,
        [CardChange::Changed {
            id: id(),
            fields: vec![
                CardField::Text(change("D".into(), "Slow".into())),
                CardField::Colour(change(Colour::Yellow, Colour::Blue)),
                CardField::Tags(change(vec![], vec!["web".into()])),
                CardField::Category(change(None, Some(Category::Sales))),
                CardField::Channel(change(None, Some(Channel::Email))),
                CardField::Personas(change(vec![], vec![PersonaId::new("p1")])),
                CardField::Evidence(change(vec![], vec![note])),
                CardField::Confidence(change(Confidence::Assumed, Confidence::Validated)),
                CardField::Impact(change(None, four)),
                CardField::Effort(change(None, two)),
                CardField::Metric(change(None, Some(nps.clone()))),
                CardField::Status(change(None, Some(Status::Planned))),
                CardField::Owner(change(String::new(), "Ana Pop".into())),
                CardField::Due(change(None, Some(due))),
                CardField::Addresses(change(vec![], vec![card_id("a")])),
            ]
        }]
    );
    assert_eq!(
        diff.metrics,
        [MetricChange {
            card: id(),
            stage: stage_id("s2"),
            before: None,
            after: Some(nps),
            direction: Direction::NotComparable
        }]
    );
    assert_eq!(apply_cards(&before.cards, &diff), after.cards);
}

#[test]
fn a_removed_card_keeps_everything_its_ghost_shows_and_leaves_no_address_behind() {
    let a = card_id("a");
    let before = edited(
        &sample(),
        [
            Op::SetCardAddresses {
                id: card_id("d"),
                addresses: vec![a.clone()],
            },
            Op::SetCardTags {
                id: a.clone(),
                tags: vec!["web".into()],
            },
        ],
    );
    let after = edited(&before, [Op::DeleteCard { id: a.clone() }]);
    let diff = compare(&before, &after);
    assert_eq!(
        diff.cards,
        [
            CardChange::Changed {
                id: card_id("d"),
                fields: vec![CardField::Addresses(Change {
                    before: vec![a.clone()],
                    after: vec![]
                })]
            },
            CardChange::Removed {
                card: before.cards[0].clone(),
                at: 0
            },
        ]
    );
    assert_eq!(
        diff.marks().cards.get(&a),
        Some(&Mark::Removed),
        "the board draws it as a ghost"
    );
}

#[test]
fn a_falling_drop_off_is_better_and_a_falling_conversion_worse() {
    let mut before = sample();
    before.cards.push(Card {
        metric: Some(metric(MetricKind::DropOffRate, 40.0)),
        ..card("y", "m", "s3")
    });
    before.cards.push(Card {
        metric: Some(metric(MetricKind::Nps, 20.0)),
        ..card("z", "m", "s3")
    });
    let dated = Metric {
        date: NaiveDate::from_ymd_opt(2026, 5, 1),
        ..metric(MetricKind::Nps, 20.0)
    };
    let after = edited(
        &before,
        [
            Op::SetCardMetric {
                id: card_id("x"),
                metric: Some(metric(MetricKind::ConversionRate, 8.0)),
            },
            Op::SetCardMetric {
                id: card_id("y"),
                metric: Some(metric(MetricKind::DropOffRate, 30.0)),
            },
            Op::SetCardMetric {
                id: card_id("z"),
                metric: Some(dated),
            },
        ],
    );
    let diff = compare(&before, &after);
    let directions: Vec<(&str, Direction)> = (diff.metrics.iter())
        .map(|m| (m.card.as_str(), m.direction))
        .collect();
    assert_eq!(
        directions,
        [
            ("x", Direction::Worse),
            ("y", Direction::Better),
            ("z", Direction::Same)
        ]
    );
    assert_eq!(diff.marks().metrics[&card_id("y")], Direction::Better);
    assert_eq!(
        diff.counts().metrics,
        Directions {
            better: 1,
            worse: 1,
            same: 1,
            not_comparable: 0
        }
    );
    let back = compare(&after, &before);
    assert_eq!(back.metrics[0].direction, Direction::Better);
    assert_eq!(back.metrics[1].direction, Direction::Worse);
}

#[test]
fn only_metrics_that_measure_the_same_thing_are_compared() {
    let custom = |name: &str, unit: &str, value| Metric {
        name: name.into(),
        unit: unit.into(),
        ..metric(MetricKind::Custom, value)
    };
    let order = |unit: &str, value| Metric {
        unit: unit.into(),
        ..metric(MetricKind::AverageOrderValue, value)
    };
    let csat = metric(MetricKind::Csat, 80.0);
    for (before, after, expected) in [
        (
            Some(order("EUR", 40.0)),
            Some(order("EUR", 45.0)),
            Direction::Better,
        ),
        (
            Some(order("EUR", 40.0)),
            Some(order("USD", 45.0)),
            Direction::NotComparable,
        ),
        (
            Some(custom("Tickets", "", 3.0)),
            Some(custom("Tickets", "", 5.0)),
            Direction::NotComparable,
        ),
        (
            Some(custom("Tickets", "", 3.0)),
            Some(custom("Tickets", "", 3.0)),
            Direction::Same,
        ),
        (
            Some(custom("Tickets", "", 3.0)),
            Some(custom("Calls", "", 3.0)),
            Direction::NotComparable,
        ),
        (
            Some(csat.clone()),
            Some(metric(MetricKind::Nps, 90.0)),
            Direction::NotComparable,
        ),
        (None, Some(csat.clone()), Direction::NotComparable),
        (Some(csat), None, Direction::NotComparable),
    ] {
        assert_eq!(
            metric_direction(before.as_ref(), after.as_ref()),
            expected,
            "{before:?} → {after:?}"
        );
    }
}

#[test]
fn emotion_changes_are_listed_per_persona_and_stage_with_their_direction() {
    let before = sample();
    let (ana, bo, cy) = (
        PersonaId::new("p1"),
        PersonaId::new("p2"),
        PersonaId::new("p3"),
    );
    let set = |persona: &PersonaId, stage: &str, value| Op::SetEmotion {
        persona: persona.clone(),
        stage: stage_id(stage),
        score: Score::new(value).unwrap(),
    };
    let after = edited(
        &before,
        [
            set(&ana, "s1", 1),
            set(&ana, "s3", -2),
            set(&bo, "s2", 1),
            Op::RenamePersona {
                id: bo.clone(),
                name: "Bob".into(),
            },
            Op::AddPersona {
                id: cy.clone(),
                name: "Cy".into(),
            },
            set(&cy, "s1", 3),
        ],
    );
    let diff = compare(&before, &after);
    let emotions: Vec<_> = (diff.emotions.iter())
        .map(|e| {
            (
                e.persona.as_str(),
                e.stage.as_str(),
                e.score.before.map(Score::value),
                e.score.after.map(Score::value),
                e.direction(),
            )
        })
        .collect();
    assert_eq!(
        emotions,
        [
            ("p1", "s1", Some(-1), Some(1), Direction::Better),
            ("p1", "s3", Some(2), Some(-2), Direction::Worse),
            ("p2", "s2", None, Some(1), Direction::NotComparable),
        ]
    );
    assert_eq!(
        diff.personas,
        [
            PersonaChange::Renamed {
                id: bo.clone(),
                name: Change {
                    before: "Bo".into(),
                    after: "Bob".into()
                }
            },
            PersonaChange::Added(after.personas[2].clone()),
        ]
    );
    let marks = diff.marks();
    assert_eq!(marks.personas[&cy], Mark::Added);
    assert_eq!(marks.emotions[&(ana, stage_id("s3"))], Direction::Worse);
    assert_eq!(diff.counts().emotions.better, 1);
}

#[test]
fn a_deleted_persona_is_listed_with_its_scores_and_leaves_its_cards() {
    let before = edited(
        &sample(),
        [Op::SetCardPersonas {
            id: card_id("b"),
            personas: vec![PersonaId::new("p2")],
        }],
    );
    let bo = PersonaId::new("p2");
    let after = edited(&before, [Op::DeletePersona { id: bo.clone() }]);
    let diff = compare(&before, &after);
    assert_eq!(
        diff.personas,
        [PersonaChange::Removed(before.personas[1].clone())]
    );
    assert!(diff.emotions.is_empty());
    assert_eq!(
        diff.cards,
        [CardChange::Changed {
            id: card_id("b"),
            fields: vec![CardField::Personas(Change {
                before: vec![bo],
                after: vec![]
            })]
        }]
    );
}

#[test]
fn applying_a_diff_to_the_cards_before_gives_the_cards_after() {
    let before = sample();
    let after = edited(
        &before,
        [
            Op::MoveCard {
                id: card_id("a"),
                to: cell("p", "s2"),
                at: 1,
            },
            Op::EditCardText {
                id: card_id("b"),
                text: "B2".into(),
            },
            Op::DeleteCard { id: card_id("c") },
            Op::AddCard {
                id: card_id("e"),
                cell: cell("t", "s1"),
                at: 0,
                text: "E".into(),
            },
        ],
    );
    let diff = compare(&before, &after);
    let kinds: Vec<(&str, ChangeKind)> = (diff.cards.iter())
        .map(|c| (c.id().as_str(), c.kind()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("e", ChangeKind::Added),
            ("b", ChangeKind::Changed),
            ("a", ChangeKind::Moved),
            ("c", ChangeKind::Removed),
        ]
    );
    let applied = apply_cards(&before.cards, &diff);
    assert_eq!(ids(&applied), ["d", "a", "e", "b", "x"]);
    assert_eq!(applied, after.cards);
}

#[test]
fn a_diff_applied_to_cards_that_lack_what_it_moves_leaves_those_out() {
    let before = sample();
    let after = edited(
        &before,
        [Op::MoveCard {
            id: card_id("a"),
            to: cell("p", "s2"),
            at: 0,
        }],
    );
    let diff = compare(&before, &after);
    assert_eq!(
        ids(&apply_cards(&before.cards[1..], &diff)),
        ["d", "b", "x", "c"]
    );
}
