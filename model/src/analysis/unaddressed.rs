//! Rule 7, pains with no opportunity: what nobody plans to fix yet.
//!
//! [`FindingKind::UnaddressedPain`]: a card of a shown pain-points lane that no card of a
//! shown opportunities lane addresses (names in its `addresses`), whatever that opportunity's
//! status. An opportunity in a hidden lane does not count, as the board does not show it.

use super::FindingKind;
use super::board::Board;
use crate::map::LaneKind;
use std::collections::HashSet;

pub(super) fn find(board: &Board) -> Vec<FindingKind> {
    let addressed: HashSet<_> = board
        .cards
        .iter()
        .filter(|p| p.kind == LaneKind::Opportunities)
        .flat_map(|p| &p.card.addresses)
        .collect();
    board
        .cards
        .iter()
        .filter(|p| p.kind == LaneKind::PainPoints && !addressed.contains(&p.card.id))
        .map(|p| FindingKind::UnaddressedPain {
            stage: board.stage_id(p.stage).clone(),
            card: p.card.id.clone(),
            impact: p.card.impact,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::sketch::{Sketch, card, stage};
    use super::*;
    use crate::map::LaneKind::*;
    use crate::metric::Rating;

    fn unaddressed(s: &Sketch) -> Vec<String> {
        find(&Board::new(&s.map()))
            .into_iter()
            .map(|f| match f {
                FindingKind::UnaddressedPain { card, .. } => card.0,
                other => panic!("not a pain: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_pain_no_opportunity_addresses_is_listed_with_its_impact() {
        let mut s = Sketch::new(2, &[PainPoints, Opportunities]);
        s.rated(0, 1, 4, 0);
        s.card(0, 0);
        s.card(1, 0).addresses = vec![card(1)];
        assert_eq!(
            find(&Board::new(&s.map())),
            [FindingKind::UnaddressedPain {
                stage: stage(1),
                card: card(0),
                impact: Rating::new(4),
            }]
        );
    }

    #[test]
    fn only_an_opportunity_addresses_a_pain() {
        let mut s = Sketch::new(1, &[PainPoints, Notes, PainPoints]);
        s.card(0, 0);
        s.card(1, 0).addresses = vec![card(0)];
        s.card(2, 0).addresses = vec![card(0)];
        assert_eq!(unaddressed(&s), ["c0", "c2"]);
    }

    #[test]
    fn an_opportunity_in_a_hidden_lane_addresses_nothing_and_a_hidden_pain_is_not_listed() {
        let mut s = Sketch::new(1, &[PainPoints, Opportunities, PainPoints]);
        s.card(0, 0);
        s.card(1, 0).addresses = vec![card(0)];
        s.card(2, 0);
        s.hide_lane(1);
        s.hide_lane(2);
        assert_eq!(unaddressed(&s), ["c0"]);
    }

    #[test]
    fn a_done_opportunity_still_addresses_its_pains() {
        let mut s = Sketch::new(2, &[PainPoints, Opportunities]);
        s.card(0, 0);
        s.card(0, 1);
        let fix = s.card(1, 1);
        fix.addresses = vec![card(0), card(1)];
        fix.status = Some(crate::plan::Status::Done);
        assert_eq!(unaddressed(&s), Vec::<String>::new());
    }
}
