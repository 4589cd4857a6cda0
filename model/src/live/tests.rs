//! One test per rule of `live`, on a small hand-built map, each with two or three replicas
//! exchanging their messages in the orders that matter.

use super::*;
use crate::ids::{CardId, PersonaId, StageId};
use crate::map::{Card, Cell, Colour, Locale, Score};
use crate::templates::{Template, new_map};
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap()
}

/// The classic template (five stages, its lanes, one persona) and two cards, `c1` and `c2`,
/// in the first card lane's first stage.
fn sample() -> JourneyMap {
    let mut n = 0;
    let mut map = new_map(Template::Classic, Locale::En, "Test", now(), &mut || {
        n += 1;
        format!("id{n}")
    });
    for id in ["c1", "c2"] {
        let cell = cell(&map, 0, 0);
        map.cards
            .push(Card::new(CardId::new(id), cell, id.to_owned()));
    }
    map
}

/// The cell of the `lane`-th lane that holds cards and the `stage`-th stage.
fn cell(map: &JourneyMap, lane: usize, stage: usize) -> Cell {
    let lanes = map.lanes.iter().filter(|l| l.kind.holds_cards());
    Cell {
        lane: lanes.clone().nth(lane).unwrap().id.clone(),
        stage: map.stages[stage].id.clone(),
    }
}

fn id(name: &str) -> ReplicaId {
    ReplicaId::new(name).unwrap()
}

/// Replicas named `names`, the first made of `map` and the others joining with its state.
fn replicas<const N: usize>(map: &JourneyMap, names: [&str; N]) -> [Replica; N] {
    let first = Replica::from_map(map, id(names[0]));
    names.map(|name| Replica::from_state(first.state().clone(), id(name)))
}

/// Applies `op` at `replica` and gives the message it sends.
fn send(replica: &mut Replica, op: Op) -> Message {
    let step = replica
        .apply(op, now())
        .unwrap()
        .expect("the op changes the map");
    step.message().clone()
}

/// The texts of a cell's cards, in order.
fn texts(map: &JourneyMap, cell: &Cell) -> Vec<String> {
    map.cards_in(cell).map(|c| c.text.clone()).collect()
}

fn card<'a>(map: &'a JourneyMap, id: &str) -> Option<&'a Card> {
    map.card(&CardId::new(id))
}

/// Asserts that the replicas show one map, hold one state, and the map keeps every invariant.
fn assert_converged(replicas: &[&Replica]) {
    let first = replicas[0];
    assert!(
        first.map().check_invariants().is_empty(),
        "{:?}",
        first.map().check_invariants()
    );
    for other in &replicas[1..] {
        assert_eq!(other.map(), first.map());
        assert_eq!(other.state().to_json(), first.state().to_json());
    }
}

#[test]
fn a_replica_made_of_a_map_shows_that_map() {
    let map = sample();
    let [a, b] = replicas(&map, ["a", "b"]);
    assert_eq!(a.map(), &map);
    assert_eq!(b.map(), &map);
}

#[test]
fn the_same_card_moved_by_two_replicas_ends_in_one_place() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let (to_a, to_b) = (cell(&map, 1, 2), cell(&map, 2, 3));
    let ma = send(
        &mut a,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: to_a.clone(),
            at: 0,
        },
    );
    let mb = send(
        &mut b,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: to_b.clone(),
            at: 0,
        },
    );
    assert!(a.receive(&mb));
    // Concurrent moves at one clock: the higher replica id wins, so `a`'s changes nothing.
    assert!(!b.receive(&ma));
    assert_converged(&[&a, &b]);
    assert_eq!(
        a.map()
            .cards
            .iter()
            .filter(|c| c.id.as_str() == "c1")
            .count(),
        1
    );
    assert_eq!(card(a.map(), "c1").unwrap().cell(), to_b);
    assert!(texts(a.map(), &to_a).is_empty());
}

#[test]
fn a_move_made_after_seeing_another_wins_whatever_the_replica_ids() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let mb = send(
        &mut b,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: cell(&map, 1, 1),
            at: 0,
        },
    );
    a.receive(&mb);
    let ma = send(
        &mut a,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: cell(&map, 1, 4),
            at: 0,
        },
    );
    b.receive(&ma);
    assert_converged(&[&a, &b]);
    assert_eq!(card(b.map(), "c1").unwrap().cell(), cell(&map, 1, 4));
}

#[test]
fn a_card_deleted_while_someone_edits_it_stays_deleted_in_either_order() {
    let map = sample();
    let [mut a, mut b, mut c] = replicas(&map, ["a", "b", "c"]);
    let delete = send(
        &mut a,
        Op::DeleteCard {
            id: CardId::new("c1"),
        },
    );
    let edit = send(
        &mut b,
        Op::EditCardText {
            id: CardId::new("c1"),
            text: "Edited".into(),
        },
    );
    let moved = send(
        &mut c,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: cell(&map, 1, 1),
            at: 0,
        },
    );
    a.receive_all([&edit, &moved]);
    b.receive_all([&moved, &delete]);
    c.receive_all([&delete, &edit]);
    assert_converged(&[&a, &b, &c]);
    assert_eq!(card(a.map(), "c1"), None);
    // An edit made later, by someone whose map still had the card, does not bring it back.
    let mut stale = map.clone();
    stale.cards[0].text = "Written on an old map".into();
    stale.cards[0].colour = Colour::Pink;
    let later = Replica::from_state(a.state().clone(), id("d")).commit(&stale);
    if let Some(later) = later {
        a.receive(later.message());
    }
    assert_eq!(card(a.map(), "c1"), None);
}

#[test]
fn an_edit_that_arrives_after_the_delete_does_not_resurrect_the_card() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let delete = send(
        &mut a,
        Op::DeleteCard {
            id: CardId::new("c2"),
        },
    );
    b.receive(&delete);
    // `b`'s person still had the card open: its change, on the map it had, is left out.
    let mut old = map.clone();
    old.cards[1].text = "Too late".into();
    assert!(b.commit(&old).is_none());
    assert_eq!(card(b.map(), "c2"), None);
    let refused = b.apply(
        Op::AddCard {
            id: CardId::new("c2"),
            cell: cell(&map, 0, 0),
            at: 0,
            text: "Again".into(),
        },
        now(),
    );
    assert_eq!(refused.unwrap_err(), OpError::DuplicateId("c2".into()));
}

#[test]
fn edits_of_different_fields_of_one_card_both_survive() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let text = send(
        &mut a,
        Op::EditCardText {
            id: CardId::new("c1"),
            text: "New text".into(),
        },
    );
    let colour = send(
        &mut b,
        Op::SetCardColour {
            id: CardId::new("c1"),
            colour: Colour::Green,
        },
    );
    let moved = send(
        &mut b,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: cell(&map, 2, 1),
            at: 0,
        },
    );
    a.receive_all([&colour, &moved]);
    b.receive(&text);
    assert_converged(&[&a, &b]);
    let c1 = card(a.map(), "c1").unwrap();
    assert_eq!((c1.text.as_str(), c1.colour), ("New text", Colour::Green));
    assert_eq!(c1.cell(), cell(&map, 2, 1));
}

#[test]
fn concurrent_reorders_of_stages_converge_with_every_stage_once() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let ids: Vec<StageId> = map.stages.iter().map(|s| s.id.clone()).collect();
    let ma = send(
        &mut a,
        Op::MoveStage {
            id: ids[0].clone(),
            to: 4,
        },
    );
    let mb = send(
        &mut b,
        Op::MoveStage {
            id: ids[4].clone(),
            to: 0,
        },
    );
    // Each move writes the moved stage's key alone.
    assert_eq!(
        ma.changes
            .iter()
            .filter(|c| matches!(c, Change::Stage(..)))
            .count(),
        1
    );
    a.receive(&mb);
    b.receive(&ma);
    assert_converged(&[&a, &b]);
    let order: Vec<&StageId> = a.map().stages.iter().map(|s| &s.id).collect();
    assert_eq!(order, [&ids[4], &ids[1], &ids[2], &ids[3], &ids[0]]);
}

#[test]
fn concurrent_insertions_at_one_place_get_one_order_whatever_the_delivery() {
    let map = sample();
    let [mut a, mut b, mut c] = replicas(&map, ["a", "b", "c"]);
    let at = cell(&map, 0, 0);
    let add = |id: &str| Op::AddCard {
        id: CardId::new(id),
        cell: at.clone(),
        at: 1,
        text: id.into(),
    };
    let ma = send(&mut a, add("x"));
    let mb = send(&mut b, add("y"));
    let stage = |id: &str| Op::AddStage {
        id: StageId::new(id),
        name: id.into(),
        at: 2,
    };
    let sa = send(&mut a, stage("sx"));
    let sb = send(&mut b, stage("sy"));
    a.receive_all([&mb, &sb]);
    b.receive_all([&sa, &ma]);
    c.receive_all([&sb, &sa, &mb, &ma]);
    assert_converged(&[&a, &b, &c]);
    let cards = texts(a.map(), &at);
    assert_eq!(cards.len(), 4);
    assert_eq!((&cards[0], &cards[3]), (&"c1".to_owned(), &"c2".to_owned()));
    let stages: Vec<&str> = a.map().stages.iter().map(|s| s.name.as_str()).collect();
    assert!(
        stages[2..4] == ["sx", "sy"] || stages[2..4] == ["sy", "sx"],
        "{stages:?}"
    );
    // A third person can put a card between the two that came in at once.
    let between = Op::AddCard {
        id: CardId::new("z"),
        cell: at.clone(),
        at: 2,
        text: "z".into(),
    };
    send(&mut c, between);
    assert_eq!(texts(c.map(), &at)[2], "z");
}

#[test]
fn concurrent_renames_keep_the_later_and_break_ties_by_replica_id() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let stage = map.stages[1].id.clone();
    let rename = |name: &str| Op::RenameStage {
        id: stage.clone(),
        name: name.into(),
    };
    let ma = send(&mut a, rename("From a"));
    let mb = send(&mut b, rename("From b"));
    a.receive(&mb);
    b.receive(&ma);
    assert_converged(&[&a, &b]);
    assert_eq!(
        a.map().stages[1].name,
        "From b",
        "one clock: the higher replica id wins"
    );
    let again = send(&mut a, rename("a, having seen b's"));
    b.receive(&again);
    assert_converged(&[&a, &b]);
    assert_eq!(b.map().stages[1].name, "a, having seen b's");
}

#[test]
fn emotion_scores_are_kept_per_persona_and_stage() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let persona = map.personas[0].id.clone();
    let score = |stage: usize, score: i8| Op::SetEmotion {
        persona: persona.clone(),
        stage: map.stages[stage].id.clone(),
        score: Score::new(score).unwrap(),
    };
    let second = PersonaId::new("p2");
    let added = send(
        &mut a,
        Op::AddPersona {
            id: second.clone(),
            name: "Dan".into(),
        },
    );
    b.receive(&added);
    let mut messages = vec![
        send(&mut a, score(0, 3)),
        send(&mut a, score(1, -2)),
        send(
            &mut a,
            Op::SetEmotion {
                persona: second.clone(),
                stage: map.stages[1].id.clone(),
                score: Score::new(2).unwrap(),
            },
        ),
    ];
    messages.push(send(&mut b, score(1, 1)));
    messages.push(send(&mut b, score(2, -3)));
    messages.push(send(
        &mut b,
        Op::SetEmotionNote {
            persona: persona.clone(),
            stage: map.stages[0].id.clone(),
            note: "Happy".into(),
        },
    ));
    for m in &messages {
        a.receive(m);
        b.receive(m);
    }
    assert_converged(&[&a, &b]);
    let shown = a.map();
    let of = |p: &PersonaId, stage: usize| {
        let persona = shown.persona(p).unwrap();
        persona.score_at(&shown.stages[stage].id).map(Score::value)
    };
    // At stage 1, `a` wrote at clock 4 (its second score) and `b` at clock 3: `a`'s stays.
    assert_eq!(
        [0, 1, 2].map(|s| of(&persona, s)),
        [Some(3), Some(-2), Some(-3)]
    );
    assert_eq!(of(&second, 1), Some(2));
    let entry = &shown.persona(&persona).unwrap().emotions[0];
    assert_eq!((entry.score.value(), entry.note.as_str()), (3, "Happy"));
}

#[test]
fn repeated_and_reordered_delivery_gives_the_same_map() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let to = cell(&map, 1, 1);
    let messages = [
        send(
            &mut a,
            Op::AddCard {
                id: CardId::new("n"),
                cell: to.clone(),
                at: 0,
                text: "n".into(),
            },
        ),
        send(
            &mut a,
            Op::EditCardText {
                id: CardId::new("n"),
                text: "Later".into(),
            },
        ),
        send(
            &mut a,
            Op::MoveCard {
                id: CardId::new("n"),
                to: cell(&map, 2, 2),
                at: 0,
            },
        ),
        send(
            &mut a,
            Op::DeleteCard {
                id: CardId::new("c1"),
            },
        ),
    ];
    for i in [3, 1, 3, 0, 2, 1, 0] {
        b.receive(&messages[i]);
    }
    assert_converged(&[&a, &b]);
    assert!(!b.receive(&messages[2]), "a repeat changes nothing");
    assert_eq!(card(b.map(), "n").unwrap().text, "Later");
}

#[test]
fn an_edit_that_arrives_before_its_card_shows_once_the_card_does() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let add = send(
        &mut a,
        Op::AddCard {
            id: CardId::new("n"),
            cell: cell(&map, 0, 1),
            at: 0,
            text: "n".into(),
        },
    );
    let edit = send(
        &mut a,
        Op::SetCardColour {
            id: CardId::new("n"),
            colour: Colour::Blue,
        },
    );
    b.receive(&edit);
    assert_eq!(card(b.map(), "n"), None);
    b.receive(&add);
    assert_converged(&[&a, &b]);
    assert_eq!(card(b.map(), "n").unwrap().colour, Colour::Blue);
}

#[test]
fn a_card_moved_into_a_stage_being_deleted_goes_with_it_and_comes_back_with_it() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let stage = map.stages[3].id.clone();
    let delete = a
        .apply(Op::DeleteStage { id: stage.clone() }, now())
        .unwrap()
        .unwrap();
    let moved = send(
        &mut b,
        Op::MoveCard {
            id: CardId::new("c1"),
            to: cell(&map, 0, 3),
            at: 0,
        },
    );
    a.receive(&moved);
    b.receive(delete.message());
    assert_converged(&[&a, &b]);
    assert_eq!(card(a.map(), "c1"), None);
    assert!(a.map().personas[0].score_at(&stage).is_none());
    let undo = a.undo_of(&delete).unwrap();
    b.receive(undo.message());
    assert_converged(&[&a, &b]);
    assert_eq!(card(a.map(), "c1").unwrap().stage, stage);
    assert!(
        a.map().personas[0].score_at(&stage).is_some(),
        "the persona's score is back"
    );
}

#[test]
fn undo_restores_only_the_registers_nobody_else_wrote_since() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let mut edited = a.map().clone();
    edited.cards[0].text = "Mine".into();
    edited.cards[0].colour = Colour::Purple;
    let step = a.commit(&edited).unwrap();
    b.receive(step.message());
    let theirs = send(
        &mut b,
        Op::EditCardText {
            id: CardId::new("c1"),
            text: "Theirs".into(),
        },
    );
    a.receive(&theirs);
    let undo = a.undo_of(&step).unwrap();
    assert_eq!(
        undo.message().changes.len(),
        1,
        "only the colour is still a's"
    );
    b.receive(undo.message());
    assert_converged(&[&a, &b]);
    let c1 = card(a.map(), "c1").unwrap();
    assert_eq!((c1.text.as_str(), c1.colour), ("Theirs", Colour::Yellow));
    // Undoing the undo is a redo of what is still a's.
    a.undo_of(&undo).unwrap();
    assert_eq!(card(a.map(), "c1").unwrap().colour, Colour::Purple);
}

#[test]
fn undoing_an_addition_deletes_it_unless_someone_else_wrote_to_it() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let add = |id: &str| Op::AddCard {
        id: CardId::new(id),
        cell: cell(&map, 0, 2),
        at: 0,
        text: id.into(),
    };
    let alone = a.apply(add("alone"), now()).unwrap().unwrap();
    let shared = a.apply(add("shared"), now()).unwrap().unwrap();
    b.receive_all([alone.message(), shared.message()]);
    a.receive(&send(
        &mut b,
        Op::SetCardColour {
            id: CardId::new("shared"),
            colour: Colour::Blue,
        },
    ));
    assert!(a.undo_of(&shared).is_none(), "someone else wrote to it");
    let undo = a.undo_of(&alone).unwrap();
    b.receive(undo.message());
    assert_converged(&[&a, &b]);
    assert_eq!(card(a.map(), "alone"), None);
    assert!(card(a.map(), "shared").is_some());
}

#[test]
fn undoing_a_deletion_someone_else_also_made_later_leaves_it_deleted() {
    let map = sample();
    let [mut a, mut b] = replicas(&map, ["a", "b"]);
    let mine = a
        .apply(
            Op::DeleteCard {
                id: CardId::new("c1"),
            },
            now(),
        )
        .unwrap()
        .unwrap();
    b.receive(mine.message());
    // Someone else deletes it too, at a later clock (as a replica that had not seen it would).
    let theirs = Message::from_json(&format!(
        r#"{{"v":1,"replica":"b","clock":{},"changes":[{{"card":["c1",{{"gone":true}}]}}]}}"#,
        mine.message().clock + 1
    ))
    .unwrap();
    a.receive(&theirs);
    assert!(a.undo_of(&mine).is_none());
    assert_eq!(card(a.map(), "c1"), None);
}

#[test]
fn a_message_round_trips_as_versioned_json_and_a_newer_version_is_refused() {
    let map = sample();
    let [mut a] = replicas(&map, ["a"]);
    let message = send(
        &mut a,
        Op::EditCardText {
            id: CardId::new("c1"),
            text: "Pricing".into(),
        },
    );
    let json = message.to_json();
    assert!(
        json.starts_with(
            r#"{"v":1,"replica":"a","clock":2,"changes":[{"card":["c1",{"text":"Pricing"}]}"#
        ),
        "{json}"
    );
    assert_eq!(Message::from_json(&json).unwrap(), message);
    let newer = json.replacen(r#""v":1"#, r#""v":2"#, 1);
    assert_eq!(
        Message::from_json(&newer),
        Err(LiveError::TooNew { version: 2 })
    );
    assert!(matches!(
        Message::from_json("{"),
        Err(LiveError::NotJson(_))
    ));
    let bad = json.replacen(r#""replica":"a""#, r#""replica":"a-b""#, 1);
    assert!(
        matches!(Message::from_json(&bad), Err(LiveError::Invalid { path, .. }) if path == "replica")
    );
}

#[test]
fn a_replica_joining_with_a_snapshot_shows_the_same_map_and_writes_later() {
    let map = sample();
    let [mut a] = replicas(&map, ["a"]);
    send(
        &mut a,
        Op::RenameStage {
            id: map.stages[0].id.clone(),
            name: "First".into(),
        },
    );
    let snapshot = State::from_json(&a.state().to_json()).unwrap();
    assert_eq!(&snapshot, a.state());
    let mut late = Replica::from_state(snapshot, id("late"));
    assert_eq!(late.map(), a.map());
    let rename = send(
        &mut late,
        Op::RenameStage {
            id: map.stages[0].id.clone(),
            name: "Late".into(),
        },
    );
    assert!(rename.clock > a.state().latest_clock());
    a.receive(&rename);
    assert_eq!(a.map().stages[0].name, "Late");
}

#[test]
fn what_a_message_holds_that_a_map_may_not_is_repaired() {
    let map = sample();
    let [mut a] = replicas(&map, ["a"]);
    let long = "x".repeat(6000);
    let message = Message::from_json(&format!(
        r#"{{"v":1,"replica":"zz","clock":9,"changes":[
            {{"card":["c1",{{"text":"{long}"}}]}},
            {{"card":["c2",{{"tags":[" a ","a",""]}}]}},
            {{"card":["c2",{{"personas":["nobody"]}}]}},
            {{"card":["c3",{{"place":{{"lane":"nowhere","stage":"{}","at":"V"}}}}]}}
        ]}}"#,
        map.stages[0].id
    ))
    .unwrap();
    a.receive(&message);
    let shown = a.map();
    assert!(
        shown.check_invariants().is_empty(),
        "{:?}",
        shown.check_invariants()
    );
    assert_eq!(card(shown, "c1").unwrap().text.chars().count(), 5000);
    assert_eq!(card(shown, "c2").unwrap().tags, ["a"]);
    assert!(card(shown, "c2").unwrap().personas.is_empty());
    assert_eq!(card(shown, "c3"), None);
}
