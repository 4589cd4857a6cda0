//! Rule 1, gaps: where the journey has nobody from the brand.
//!
//! A touchpoint is a card of a shown lane that has a channel (what the channels view counts) or
//! sits in a touchpoints, channels, frontstage or physical-evidence lane (so one whose channel
//! is not picked yet still counts).
//!
//! - [`FindingKind::NoTouchpoints`]: a stage with no touchpoint. Only once the map has a
//!   touchpoint somewhere: a map with none has not been mapped yet, and saying so at every
//!   stage would only repeat it.
//! - [`FindingKind::NoTouchpointsFor`]: a stage that has touchpoints, none of them for this
//!   persona (a card with no persona ticked is for every persona). So it can only happen on a
//!   map with two or more personas.

use super::FindingKind;
use super::board::Board;

pub(super) fn find(board: &Board) -> Vec<FindingKind> {
    if board.reach.iter().all(|r| r.touchpoints == 0) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (s, reach) in board.reach.iter().enumerate() {
        let stage = board.stage_id(s).clone();
        if reach.touchpoints == 0 {
            let lowest = board.scores.iter().filter_map(|row| row[s]).min();
            found.push(FindingKind::NoTouchpoints { stage, lowest });
            continue;
        }
        for (p, persona_reach) in board.persona_reach[s].iter().enumerate() {
            if persona_reach.touchpoints == 0 {
                found.push(FindingKind::NoTouchpointsFor {
                    persona: board.persona_id(p).clone(),
                    stage: stage.clone(),
                    score: board.scores[p][s],
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::sketch::{Sketch, persona, score, stage};
    use super::*;
    use crate::map::LaneKind::*;
    use crate::touchpoint::Channel;

    fn gaps(s: &Sketch) -> Vec<FindingKind> {
        find(&Board::new(&s.map()))
    }

    #[test]
    fn a_stage_without_touchpoints_is_a_gap_with_its_lowest_score() {
        let mut s = Sketch::new(3, &[Touchpoints, PainPoints]);
        s.persona(&[Some(1), Some(-1), None], &[]);
        s.persona(&[Some(0), Some(-3), None], &[]);
        s.card(0, 0);
        s.card(1, 1);
        assert_eq!(
            gaps(&s),
            [
                FindingKind::NoTouchpoints {
                    stage: stage(1),
                    lowest: Some(score(-3))
                },
                FindingKind::NoTouchpoints {
                    stage: stage(2),
                    lowest: None
                },
            ]
        );
    }

    #[test]
    fn a_map_without_any_touchpoint_has_no_gaps() {
        let mut s = Sketch::new(2, &[Touchpoints, PainPoints]);
        s.card(1, 0);
        assert_eq!(gaps(&s), []);
    }

    #[test]
    fn a_single_stage_with_a_touchpoint_has_no_gap() {
        let mut s = Sketch::new(1, &[Touchpoints]);
        s.persona(&[Some(-3)], &[]);
        s.card(0, 0);
        assert_eq!(gaps(&s), []);
    }

    #[test]
    fn a_card_with_a_channel_is_a_touchpoint_in_any_lane_and_one_without_is_not() {
        let mut s = Sketch::new(3, &[Touchpoints, Notes, Frontstage]);
        s.card(1, 0).channel = Some(Channel::Phone);
        s.card(1, 1);
        s.card(2, 2);
        assert_eq!(
            gaps(&s),
            [FindingKind::NoTouchpoints {
                stage: stage(1),
                lowest: None
            }]
        );
    }

    #[test]
    fn touchpoints_in_a_hidden_lane_do_not_fill_a_gap() {
        let mut s = Sketch::new(2, &[Touchpoints, Channels]);
        s.card(0, 0);
        s.card(1, 1);
        s.hide_lane(1);
        assert_eq!(
            gaps(&s),
            [FindingKind::NoTouchpoints {
                stage: stage(1),
                lowest: None
            }]
        );
    }

    #[test]
    fn a_stage_whose_touchpoints_are_all_for_others_is_a_gap_for_a_persona() {
        let mut s = Sketch::new(3, &[Touchpoints]);
        s.persona(&[None, Some(-1), Some(2)], &[]);
        s.persona(&[], &[]);
        s.persona(&[], &[]);
        s.card(0, 0);
        s.card(0, 1).personas = vec![persona(1)];
        s.card(0, 2).personas = vec![persona(0), persona(2)];
        assert_eq!(
            gaps(&s),
            [
                FindingKind::NoTouchpointsFor {
                    persona: persona(0),
                    stage: stage(1),
                    score: Some(score(-1))
                },
                FindingKind::NoTouchpointsFor {
                    persona: persona(2),
                    stage: stage(1),
                    score: None
                },
                FindingKind::NoTouchpointsFor {
                    persona: persona(1),
                    stage: stage(2),
                    score: None
                },
            ]
        );
    }

    #[test]
    fn a_gap_in_an_unhappy_stage_is_more_severe() {
        use super::super::Severity;
        let gap = |lowest: Option<i8>| FindingKind::NoTouchpoints {
            stage: stage(0),
            lowest: lowest.map(score),
        };
        assert_eq!(gap(Some(-1)).severity(), Severity::High);
        assert_eq!(gap(Some(0)).severity(), Severity::Medium);
        assert_eq!(gap(None).severity(), Severity::Medium);
        let persona_gap = |s: Option<i8>| FindingKind::NoTouchpointsFor {
            persona: persona(0),
            stage: stage(0),
            score: s.map(score),
        };
        assert_eq!(persona_gap(Some(-2)).severity(), Severity::Medium);
        assert_eq!(persona_gap(Some(3)).severity(), Severity::Low);
    }
}
