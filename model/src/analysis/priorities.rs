//! Rule 5, priorities: the cards of shown pain-point and opportunity lanes, best value for
//! effort first.
//!
//! A card with both an impact and an effort is ranked by impact ÷ effort, highest first; of
//! equal ratios, the higher impact first (2 ÷ 1 before 4 ÷ 2 would hide the bigger prize), then
//! board order: stage, lane, place in the cell. Ratios are compared exactly, as
//! `a.impact × b.effort` against `b.impact × a.effort`, never as rounded fractions. A card
//! lacking either rating is listed apart, "not yet rated", in board order.

use super::board::Board;
use crate::ids::CardId;
use crate::metric::Rating;
use std::cmp::Ordering;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Priorities {
    pub ranked: Vec<Ranked>,
    /// Cards with no impact, no effort, or neither, in board order.
    pub unrated: Vec<CardId>,
}

/// A rated card, with the ratings its place in the ranking comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub card: CardId,
    pub impact: Rating,
    pub effort: Rating,
}

impl Ranked {
    /// Which of two goes first: the higher impact ÷ effort, then the higher impact.
    fn first(&self, other: &Ranked) -> Ordering {
        let times = |a: Rating, b: Rating| u16::from(a.value()) * u16::from(b.value());
        times(other.impact, self.effort)
            .cmp(&times(self.impact, other.effort))
            .then(other.impact.cmp(&self.impact))
    }
}

pub(super) fn rank(board: &Board) -> Priorities {
    let mut priorities = Priorities::default();
    for placed in board.cards.iter().filter(|p| p.kind.takes_ratings()) {
        let card = placed.card;
        match (card.impact, card.effort) {
            (Some(impact), Some(effort)) => priorities.ranked.push(Ranked {
                card: card.id.clone(),
                impact,
                effort,
            }),
            _ => priorities.unrated.push(card.id.clone()),
        }
    }
    // Stable: the cards come in board order, which breaks the remaining ties.
    priorities.ranked.sort_by(Ranked::first);
    priorities
}

#[cfg(test)]
mod tests {
    use super::super::sketch::{Sketch, card};
    use super::*;
    use crate::map::LaneKind::*;

    fn ranked(s: &Sketch) -> Vec<String> {
        rank(&Board::new(&s.map()))
            .ranked
            .into_iter()
            .map(|r| r.card.0)
            .collect()
    }

    #[test]
    fn cards_rank_by_impact_over_effort() {
        let mut s = Sketch::new(2, &[PainPoints, Opportunities]);
        s.rated(0, 0, 2, 4);
        s.rated(1, 1, 5, 1);
        s.rated(0, 1, 3, 2);
        s.rated(1, 0, 1, 5);
        assert_eq!(ranked(&s), ["c1", "c2", "c0", "c3"]);
    }

    #[test]
    fn equal_ratios_put_the_higher_impact_first_then_follow_the_board() {
        let mut s = Sketch::new(2, &[Opportunities, PainPoints]);
        s.rated(1, 1, 2, 2);
        s.rated(0, 1, 2, 2);
        s.rated(1, 0, 1, 1);
        s.rated(0, 0, 4, 4);
        s.rated(1, 0, 2, 2);
        assert_eq!(ranked(&s), ["c3", "c4", "c1", "c0", "c2"]);
    }

    #[test]
    fn close_ratios_are_told_apart_exactly() {
        let mut s = Sketch::new(1, &[PainPoints]);
        s.rated(0, 0, 4, 5);
        s.rated(0, 0, 5, 4);
        s.rated(0, 0, 3, 4);
        assert_eq!(ranked(&s), ["c1", "c0", "c2"]);
    }

    #[test]
    fn cards_lacking_a_rating_are_listed_apart_in_board_order() {
        let mut s = Sketch::new(2, &[PainPoints, Opportunities]);
        s.rated(0, 1, 3, 0);
        s.rated(1, 0, 0, 2);
        s.rated(0, 0, 0, 0);
        s.rated(0, 0, 3, 3);
        let priorities = rank(&Board::new(&s.map()));
        assert_eq!(priorities.unrated, [card(2), card(1), card(0)]);
        assert_eq!(
            priorities.ranked,
            [Ranked {
                card: card(3),
                impact: Rating::new(3).unwrap(),
                effort: Rating::new(3).unwrap(),
            }]
        );
    }

    #[test]
    fn only_shown_pain_points_and_opportunities_are_ranked() {
        let mut s = Sketch::new(1, &[Touchpoints, PainPoints, Opportunities]);
        s.rated(0, 0, 5, 1);
        s.rated(1, 0, 1, 1);
        s.rated(2, 0, 5, 1);
        s.hide_lane(2);
        assert_eq!(ranked(&s), ["c1"]);
    }
}
