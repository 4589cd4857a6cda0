//! Rule 6, weak evidence: stages the team mostly guessed.
//!
//! [`FindingKind::WeakEvidence`]: a stage where more than half of the cards of shown lanes
//! (of every kind) are assumed, once it holds at least [`MIN_CARDS`] cards, so that one or two
//! early guesses do not flag a stage.

use super::FindingKind;
use super::board::Board;

/// The fewest cards a stage must hold before its evidence is judged.
pub const MIN_CARDS: usize = 3;

pub(super) fn find(board: &Board) -> Vec<FindingKind> {
    (0..board.stage_count())
        .filter_map(|s| {
            let cards = board.stage_cards(s);
            let assumed = cards
                .iter()
                .filter(|p| p.card.confidence.is_assumed())
                .count();
            (cards.len() >= MIN_CARDS && assumed * 2 > cards.len()).then(|| {
                FindingKind::WeakEvidence {
                    stage: board.stage_id(s).clone(),
                    assumed,
                    cards: cards.len(),
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Severity;
    use super::super::sketch::{Sketch, stage};
    use super::*;
    use crate::evidence::Confidence;
    use crate::map::LaneKind::*;

    fn weak(s: &Sketch) -> Vec<FindingKind> {
        find(&Board::new(&s.map()))
    }

    /// A stage per list, holding cards of those confidences.
    fn stages(confidences: &[&[Confidence]]) -> Sketch {
        let mut s = Sketch::new(confidences.len(), &[Touchpoints, Notes]);
        for (stage, list) in confidences.iter().enumerate() {
            for (i, &confidence) in list.iter().enumerate() {
                s.card(i % 2, stage).confidence = confidence;
            }
        }
        s
    }

    #[test]
    fn a_stage_with_more_than_half_its_cards_assumed_is_weak() {
        use Confidence::*;
        let s = stages(&[
            &[Assumed, Assumed, Validated],
            &[Assumed, Assumed, SomeEvidence, Validated],
            &[Assumed, Assumed, Assumed, Assumed],
        ]);
        let found = weak(&s);
        assert_eq!(
            found,
            [
                FindingKind::WeakEvidence {
                    stage: stage(0),
                    assumed: 2,
                    cards: 3
                },
                FindingKind::WeakEvidence {
                    stage: stage(2),
                    assumed: 4,
                    cards: 4
                },
            ]
        );
        assert_eq!(found[0].severity(), Severity::Low);
        assert_eq!(found[1].severity(), Severity::Medium);
    }

    #[test]
    fn too_few_cards_do_not_make_a_stage_weak() {
        use Confidence::*;
        assert_eq!(weak(&stages(&[&[Assumed, Assumed], &[], &[Assumed]])), []);
    }

    #[test]
    fn cards_in_a_hidden_lane_are_not_counted() {
        use Confidence::*;
        let mut s = stages(&[&[Assumed, Validated, Assumed, Assumed]]);
        s.hide_lane(1);
        assert_eq!(weak(&s), []);
    }
}
