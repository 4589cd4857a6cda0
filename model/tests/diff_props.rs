mod common;

use chrono::DateTime;
use common::{arb_map, arb_op, resolve};
use model::diff::{Counts, apply_cards, compare};
use model::templates::{Template, new_map};
use model::{Card, CardId, Cell, JourneyMap, Locale, Op, ops};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::time::Instant;

/// Each cell's cards in their order: all that a map's cards mean, since where the cards of
/// different cells interleave in the vector does not.
fn by_cell(cards: &[Card]) -> BTreeMap<(String, String), Vec<Card>> {
    let mut cells: BTreeMap<(String, String), Vec<Card>> = BTreeMap::new();
    for card in cards {
        let key = (card.lane.0.clone(), card.stage.0.clone());
        cells.entry(key).or_default().push(card.clone());
    }
    cells
}

/// `map` after those of `ops` that apply.
fn after_ops(map: &JourneyMap, ops: &[Op]) -> JourneyMap {
    let mut map = map.clone();
    for op in ops {
        let op = resolve(op, &map);
        let _ = ops::apply(&mut map, op, DateTime::UNIX_EPOCH);
    }
    map
}

/// The counts of the diff the other way: added and removed swapped, better and worse swapped.
fn reversed(counts: Counts) -> Counts {
    let mut out = counts;
    for tally in [
        &mut out.stages,
        &mut out.lanes,
        &mut out.cards,
        &mut out.personas,
    ] {
        std::mem::swap(&mut tally.added, &mut tally.removed);
    }
    for directions in [&mut out.emotions, &mut out.metrics] {
        std::mem::swap(&mut directions.better, &mut directions.worse);
    }
    out
}

/// Whether `op` only adds or deletes something.
fn adds_or_deletes(op: &Op) -> bool {
    matches!(
        op,
        Op::AddStage { .. }
            | Op::DeleteStage { .. }
            | Op::AddLane { .. }
            | Op::DeleteLane { .. }
            | Op::AddCard { .. }
            | Op::DeleteCard { .. }
            | Op::DeleteCards { .. }
    )
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn a_map_compared_with_itself_has_no_differences(map in arb_map()) {
        let diff = compare(&map, &map.clone());
        prop_assert!(diff.is_empty(), "{:?}", diff);
        prop_assert_eq!(diff.counts(), Counts::default());
    }

    #[test]
    fn the_diff_applied_to_the_cards_before_gives_the_cards_after(
        map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..40),
    ) {
        let after = after_ops(&map, &ops);
        let diff = compare(&map, &after);
        let applied = apply_cards(&map.cards, &diff);
        prop_assert_eq!(applied.len(), after.cards.len());
        prop_assert_eq!(by_cell(&applied), by_cell(&after.cards));
        prop_assert_eq!(diff.is_empty(), compare(&after, &map).is_empty());
    }

    /// Two unrelated maps share ids (`s0`, `c0`, …) with anything else different: the hardest
    /// case for matching by id.
    #[test]
    fn any_two_maps_compare_and_their_diff_applies(a in arb_map(), b in arb_map()) {
        let diff = compare(&a, &b);
        prop_assert_eq!(by_cell(&apply_cards(&a.cards, &diff)), by_cell(&b.cards));
    }

    #[test]
    fn comparing_the_other_way_swaps_added_and_removed_and_better_and_worse(
        map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..40),
    ) {
        let after = after_ops(&map, &ops);
        prop_assert_eq!(
            compare(&after, &map).counts(),
            reversed(compare(&map, &after).counts())
        );
    }

    #[test]
    fn adding_and_deleting_alone_move_nothing(
        map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..40),
    ) {
        let ops: Vec<Op> = ops.into_iter().filter(adds_or_deletes).collect();
        let counts = compare(&map, &after_ops(&map, &ops)).counts();
        prop_assert_eq!(
            (counts.stages.moved, counts.lanes.moved, counts.cards.moved),
            (0, 0, 0)
        );
    }

    /// No operation makes such a map, but a hand-edited file could before it is repaired.
    #[test]
    fn compare_never_panics_on_repeated_ids_or_cards_outside_the_grid(
        a in arb_map(),
        b in arb_map(),
    ) {
        let mut broken = a.clone();
        broken.cards.extend(a.cards.iter().take(3).cloned());
        broken.stages.extend(a.stages.first().cloned());
        broken.lanes.extend(a.lanes.first().cloned());
        broken.personas.extend(a.personas.first().cloned());
        if let Some(card) = broken.cards.first_mut() {
            card.stage = model::StageId::new("nowhere");
        }
        for (x, y) in [(&broken, &b), (&b, &broken), (&broken, &broken)] {
            let diff = compare(x, y);
            let _ = (diff.marks(), diff.counts(), apply_cards(&x.cards, &diff));
        }
    }
}

/// A SaaS map with `count` cards spread over its cells, drawn from a fixed seed.
fn big_map(count: usize) -> JourneyMap {
    let mut n = 0;
    let mut map = new_map(
        Template::Saas,
        Locale::En,
        "Big",
        DateTime::UNIX_EPOCH,
        &mut || {
            n += 1;
            format!("id{n}")
        },
    );
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let lanes: Vec<_> = (map.lanes.iter())
        .filter(|l| l.kind.holds_cards())
        .map(|l| l.id.clone())
        .collect();
    let stages: Vec<_> = map.stages.iter().map(|s| s.id.clone()).collect();
    for i in 0..count {
        let cell = Cell {
            lane: lanes[next(lanes.len())].clone(),
            stage: stages[next(stages.len())].clone(),
        };
        let at = next(map.cards_in(&cell).count() + 1);
        ops::add_card(
            &mut map,
            CardId::new(format!("c{i}")),
            cell,
            at,
            format!("Card {i}"),
        )
        .unwrap();
    }
    map
}

/// Moves every tenth card to the next stage, edits the text of another tenth, deletes a
/// twentieth and adds fifty: only those may be marked. Prints how long `compare` takes (`cargo
/// test -p model --release --test diff_props -- --nocapture thousand`).
#[test]
fn on_a_thousand_cards_only_what_changed_is_marked() {
    let before = big_map(1_000);
    let mut after = before.clone();
    let stages = &before.stages;
    for (i, card) in before.cards.iter().enumerate() {
        let id = card.id.clone();
        match i % 20 {
            1 | 11 => {
                let k = stages.iter().position(|s| s.id == card.stage).unwrap();
                let to = Cell {
                    lane: card.lane.clone(),
                    stage: stages[(k + 1) % stages.len()].id.clone(),
                };
                ops::move_card(&mut after, &id, to, 0).unwrap();
            }
            2 | 12 => ops::edit_card_text(&mut after, &id, "Edited".into()).unwrap(),
            3 => ops::delete_card(&mut after, &id).unwrap(),
            _ => {}
        }
    }
    for i in 0..50 {
        let cell = before.cards[i * 7].cell();
        ops::add_card(
            &mut after,
            CardId::new(format!("new{i}")),
            cell,
            0,
            String::new(),
        )
        .unwrap();
    }

    let diff = compare(&before, &after);
    let counts = diff.counts().cards;
    assert_eq!(
        (counts.added, counts.removed, counts.moved, counts.changed),
        (50, 50, 100, 100)
    );
    assert_eq!(
        by_cell(&apply_cards(&before.cards, &diff)),
        by_cell(&after.cards)
    );

    let runs = 20;
    let started = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(compare(&before, &after).marks());
    }
    let each = started.elapsed() / runs;
    println!("compare and marks on 1,000 cards: {each:?} each (mean of {runs})");
}
