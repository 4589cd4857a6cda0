mod common;

use chrono::DateTime;
use common::{arb_map, arb_op};
use model::{format, ops};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_sequence_of_ops_keeps_the_invariants_and_round_trips(
        mut map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..40),
    ) {
        prop_assert!(map.check_invariants().is_empty());
        for (i, op) in ops.into_iter().enumerate() {
            let before = map.clone();
            let now = DateTime::from_timestamp(4_000_000_000 + i as i64, 0).unwrap();
            match ops::apply(&mut map, op.clone(), now) {
                Ok(()) => prop_assert_eq!(map.updated, now),
                // A refused op leaves the map exactly as it was.
                Err(_) => prop_assert_eq!(&map, &before),
            }
            let violations = map.check_invariants();
            prop_assert!(violations.is_empty(), "{:?} after {:?}", violations, op);
        }
        let loaded = format::from_json(&format::to_json(&map)).unwrap();
        prop_assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
        prop_assert_eq!(loaded.map, map);
    }

    #[test]
    fn card_and_persona_counts_change_only_by_their_add_and_delete(
        mut map in arb_map(),
        ops in prop::collection::vec(arb_op(), 0..40),
    ) {
        for op in ops {
            let before = (map.cards.len(), map.personas.len());
            let ok = ops::apply(&mut map, op.clone(), DateTime::UNIX_EPOCH).is_ok();
            let after = (map.cards.len(), map.personas.len());
            match op {
                ops::Op::AddCard { .. } if ok => prop_assert_eq!(after.0, before.0 + 1),
                ops::Op::DeleteCard { .. } if ok => prop_assert_eq!(after.0 + 1, before.0),
                ops::Op::DeleteCards { ids } if ok => prop_assert_eq!(after.0 + ids.len(), before.0),
                // Deleting a stage or lane takes its cards along.
                ops::Op::DeleteStage { .. } | ops::Op::DeleteLane { .. } => {
                    prop_assert!(after.0 <= before.0 && after.1 == before.1)
                }
                ops::Op::AddPersona { .. } if ok => prop_assert_eq!(after.1, before.1 + 1),
                // A delete never takes the last persona.
                ops::Op::DeletePersona { .. } if ok => {
                    prop_assert_eq!(after.1 + 1, before.1);
                    prop_assert!(after.1 >= 1);
                }
                _ => prop_assert_eq!(after, before),
            }
        }
    }
}
