//! Rule 2, moments of pain and delight, read from each persona's scores (the curve).
//!
//! - [`FindingKind::LowestPoint`] and [`FindingKind::HighestPoint`]: the persona's lowest and
//!   highest scores, each with every stage where the persona has it. Only when its scores are
//!   not all equal: a flat curve, or a single point, has no low or high to point at. A
//!   persona without scores has none.
//! - [`FindingKind::SteepestDrop`]: the largest fall from one scored stage to the next scored
//!   one, skipping stages without a score as the curve does. Only a fall counts (a later score
//!   lower than the earlier); when several are equally steep, the earliest, since what follows
//!   it inherits the mood.

use super::FindingKind;
use super::board::Board;
use crate::map::Score;

pub(super) fn find(board: &Board) -> Vec<FindingKind> {
    let mut found = Vec::new();
    for (p, row) in board.scores.iter().enumerate() {
        let persona = board.persona_id(p);
        let scored: Vec<(usize, Score)> = row
            .iter()
            .enumerate()
            .filter_map(|(s, score)| Some((s, (*score)?)))
            .collect();
        let (Some(low), Some(high)) = (
            scored.iter().map(|&(_, v)| v).min(),
            scored.iter().map(|&(_, v)| v).max(),
        ) else {
            continue;
        };
        if low == high {
            continue;
        }
        let at = |score: Score| {
            scored
                .iter()
                .filter(|&&(_, v)| v == score)
                .map(|&(s, _)| board.stage_id(s).clone())
                .collect()
        };
        found.push(FindingKind::LowestPoint {
            persona: persona.clone(),
            score: low,
            stages: at(low),
        });
        found.push(FindingKind::HighestPoint {
            persona: persona.clone(),
            score: high,
            stages: at(high),
        });
        let steepest = scored
            .windows(2)
            .map(|pair| (pair[0], pair[1], pair[0].1.value() - pair[1].1.value()))
            .filter(|&(_, _, fall)| fall > 0)
            .reduce(|best, next| if next.2 > best.2 { next } else { best });
        if let Some(((from, from_score), (to, to_score), _)) = steepest {
            found.push(FindingKind::SteepestDrop {
                persona: persona.clone(),
                from: board.stage_id(from).clone(),
                from_score,
                to: board.stage_id(to).clone(),
                to_score,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::Severity;
    use super::super::sketch::{Sketch, persona, score, stage};
    use super::*;
    use crate::map::LaneKind::*;

    fn moments(s: &Sketch) -> Vec<FindingKind> {
        find(&Board::new(&s.map()))
    }

    fn drop(from: usize, from_score: i8, to: usize, to_score: i8) -> FindingKind {
        FindingKind::SteepestDrop {
            persona: persona(0),
            from: stage(from),
            from_score: score(from_score),
            to: stage(to),
            to_score: score(to_score),
        }
    }

    #[test]
    fn the_lowest_and_highest_points_name_every_stage_at_that_score() {
        let mut s = Sketch::new(5, &[Emotions]);
        s.persona(&[Some(2), Some(-1), Some(2), Some(-1), Some(0)], &[]);
        let found = moments(&s);
        assert_eq!(
            found[..2],
            [
                FindingKind::LowestPoint {
                    persona: persona(0),
                    score: score(-1),
                    stages: vec![stage(1), stage(3)]
                },
                FindingKind::HighestPoint {
                    persona: persona(0),
                    score: score(2),
                    stages: vec![stage(0), stage(2)]
                },
            ]
        );
    }

    #[test]
    fn the_steepest_drop_skips_unscored_stages_and_ties_go_to_the_earliest() {
        let mut s = Sketch::new(6, &[Emotions]);
        s.persona(&[Some(3), None, Some(1), Some(2), None, Some(0)], &[]);
        assert_eq!(moments(&s)[2], drop(0, 3, 2, 1));
    }

    #[test]
    fn a_curve_that_only_rises_has_no_drop() {
        let mut s = Sketch::new(3, &[Emotions]);
        s.persona(&[Some(-2), Some(0), Some(1)], &[]);
        let found = moments(&s);
        assert_eq!(found.len(), 2);
        assert!(
            !found
                .iter()
                .any(|f| matches!(f, FindingKind::SteepestDrop { .. }))
        );
    }

    #[test]
    fn a_flat_curve_a_single_point_or_no_scores_have_no_moments() {
        let mut s = Sketch::new(3, &[Emotions]);
        s.persona(&[Some(-3), Some(-3), Some(-3)], &[]);
        s.persona(&[None, Some(-2), None], &[]);
        s.persona(&[], &[]);
        assert_eq!(moments(&s), []);
    }

    #[test]
    fn each_persona_has_its_own_moments_in_persona_order() {
        let mut s = Sketch::new(2, &[Emotions]);
        s.persona(&[Some(1), Some(0)], &[]);
        s.persona(&[Some(-3), Some(3)], &[]);
        let found = moments(&s);
        let who: Vec<(&str, u8)> = found
            .iter()
            .map(|f| match f {
                FindingKind::LowestPoint { persona, .. } => (persona.as_str(), 0),
                FindingKind::HighestPoint { persona, .. } => (persona.as_str(), 1),
                FindingKind::SteepestDrop { persona, .. } => (persona.as_str(), 2),
                other => panic!("not a moment: {other:?}"),
            })
            .collect();
        // Persona 1 only rises, so it has no drop.
        assert_eq!(who, [("p0", 0), ("p0", 1), ("p0", 2), ("p1", 0), ("p1", 1)]);
    }

    #[test]
    fn scores_count_when_the_emotions_lane_is_hidden() {
        let mut s = Sketch::new(2, &[Emotions]);
        s.persona(&[Some(1), Some(-1)], &[]);
        s.hide_lane(0);
        assert_eq!(moments(&s).len(), 3);
    }

    #[test]
    fn moments_are_as_severe_as_the_score_or_the_fall() {
        let low = |v: i8| FindingKind::LowestPoint {
            persona: persona(0),
            score: score(v),
            stages: vec![stage(0)],
        };
        let severities = [-3, -2, -1, 0, 2].map(|v| low(v).severity());
        use Severity::*;
        assert_eq!(severities, [High, High, Medium, Low, Low]);
        assert_eq!(drop(0, 3, 1, -3).severity(), High);
        assert_eq!(drop(0, 1, 1, -2).severity(), High);
        assert_eq!(drop(0, 1, 1, -1).severity(), Medium);
        assert_eq!(drop(0, 1, 1, 0).severity(), Low);
    }
}
