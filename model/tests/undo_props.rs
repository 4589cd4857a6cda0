//! Undo records (`model::undo`) bring back exactly the map an op or a gesture started from, and
//! the record they hand back brings back exactly the map it left, for any map and any ops,
//! refused ones included.

mod common;

use chrono::DateTime;
use common::{arb_map, arb_op, resolve};
use model::undo::Record;
use model::{JourneyMap, Op, ops};
use proptest::prelude::*;

fn at(step: usize) -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp(4_000_000_000 + step as i64, 0).unwrap()
}

/// Applies `ops` (resolved against the map as it is at each step) to `map` as one gesture and
/// returns its record.
fn gesture(map: &mut JourneyMap, ops: &[Op], first: usize) -> Record {
    let mut record = Record::new(map);
    for (i, op) in ops.iter().enumerate() {
        let op = resolve(op, map);
        record.widen(map, &op);
        ops::apply(map, op, at(first + i)).ok();
    }
    record
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn restoring_an_ops_record_gives_back_the_map_before_and_its_inverse_the_map_after(
        mut map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..30),
    ) {
        for (i, op) in ops.iter().enumerate() {
            let op = resolve(op, &map);
            let before = map.clone();
            let mut record = Record::new(&map);
            record.widen(&map, &op);
            let applied = ops::apply(&mut map, op.clone(), at(i)).is_ok();
            let after = map.clone();
            prop_assert_eq!(record.differs_from(&map), applied);
            let redo = record.restore(&mut map);
            prop_assert_eq!(&map, &before, "undo of {:?}", op);
            let undo = redo.restore(&mut map);
            prop_assert_eq!(&map, &after, "redo of {:?}", op);
            let redo = undo.restore(&mut map);
            prop_assert_eq!(&map, &before, "undo again of {:?}", op);
            redo.restore(&mut map);
            prop_assert_eq!(&map, &after);
        }
    }

    #[test]
    fn a_gestures_record_gives_back_the_map_it_began_on_and_its_inverse_the_map_it_left(
        mut map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..12),
    ) {
        let before = map.clone();
        let record = gesture(&mut map, &ops, 0);
        let after = map.clone();
        prop_assert_eq!(record.differs_from(&map), before != after);
        let redo = record.restore(&mut map);
        prop_assert_eq!(&map, &before, "undo of {:?}", ops);
        let undo = redo.restore(&mut map);
        prop_assert_eq!(&map, &after, "redo of {:?}", ops);
        undo.restore(&mut map);
        prop_assert_eq!(&map, &before);
    }

    #[test]
    fn undoing_every_step_then_redoing_every_step_walks_back_and_forth_through_the_same_maps(
        mut map in arb_map(),
        steps in prop::collection::vec(prop::collection::vec(arb_op(), 1..4), 0..12),
    ) {
        let mut states = vec![map.clone()];
        let mut past = Vec::new();
        for (i, ops) in steps.iter().enumerate() {
            past.push(gesture(&mut map, ops, 10 * i));
            states.push(map.clone());
        }
        let mut future = Vec::new();
        while let Some(record) = past.pop() {
            future.push(record.restore(&mut map));
            prop_assert_eq!(&map, &states[past.len()]);
        }
        while let Some(record) = future.pop() {
            past.push(record.restore(&mut map));
            prop_assert_eq!(&map, &states[past.len()]);
        }
    }
}
