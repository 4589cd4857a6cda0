//! Geometry of the emotion curve: where each stage's point sits and the smooth path through
//! them, in a box `stages × STAGE_WIDTH` wide and `HEIGHT` high. Pure, so it is tested here
//! and drawn as SVG by the app.

use crate::map::Score;

pub const STAGE_WIDTH: f64 = 100.0;
pub const HEIGHT: f64 = 100.0;
/// Room above +3 and below −3 for the point's marker.
pub const PAD: f64 = 12.0;

/// Vertical position of a score: +3 at the top, −3 at the bottom.
pub fn y_of(score: Score) -> f64 {
    let span = f64::from(Score::MAX - Score::MIN);
    PAD + (f64::from(Score::MAX) - f64::from(score.value())) / span * (HEIGHT - 2.0 * PAD)
}

/// The score nearest to a vertical position, for a dragged point.
pub fn score_at(y: f64) -> Score {
    let span = f64::from(Score::MAX - Score::MIN);
    let value = f64::from(Score::MAX) - (y - PAD) / (HEIGHT - 2.0 * PAD) * span;
    // Rounded, then clamped onto the scale.
    Score::clamped(value.round() as i64)
}

/// How many line styles (dash pattern with marker shape) tell the other personas' curves
/// apart; the method expects three to five personas, so a sixth shares the first one's.
pub const LINE_STYLES: usize = 5;

/// The line style of the persona at `index` in the map, kept while other personas are chosen.
pub fn line_style(index: usize) -> usize {
    index % LINE_STYLES
}

pub fn x_of(stage_index: usize) -> f64 {
    (stage_index as f64 + 0.5) * STAGE_WIDTH
}

/// An SVG path through the scored stages (unscored ones are skipped), smoothed as a
/// Catmull-Rom spline turned into cubic Béziers, so it passes through every point.
pub fn smooth_path(scores: &[Option<Score>]) -> String {
    let points: Vec<(f64, f64)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (x_of(i), y_of(s))))
        .collect();
    let Some(&(x0, y0)) = points.first() else {
        return String::new();
    };
    let mut d = format!("M{x0:.1},{y0:.1}");
    for i in 1..points.len() {
        // The ends reuse themselves as their missing neighbour.
        let p0 = points[i.saturating_sub(2)];
        let p1 = points[i - 1];
        let p2 = points[i];
        let p3 = *points.get(i + 1).unwrap_or(&p2);
        let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, p1.1 + (p2.1 - p0.1) / 6.0);
        let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, p2.1 - (p3.1 - p1.1) / 6.0);
        d.push_str(&format!(
            " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            c1.0, c1.1, c2.0, c2.1, p2.0, p2.1
        ));
    }
    d
}

/// What a point is on the curve: a local high (delight), a local low (pain), or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Extreme {
    Peak,
    Trough,
}

/// Moments of delight and of pain: a positive score strictly above its scored neighbours
/// (one neighbour at an end) is a peak; a negative one strictly below them is a trough.
pub fn extremes(scores: &[Option<Score>]) -> Vec<Option<Extreme>> {
    let scored: Vec<(usize, i8)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s.value())))
        .collect();
    let mut out = vec![None; scores.len()];
    if scored.len() < 2 {
        return out;
    }
    for (k, &(i, v)) in scored.iter().enumerate() {
        let neighbours: Vec<i8> = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| scored.get(j).map(|&(_, v)| v))
            .collect();
        if v > 0 && neighbours.iter().all(|&n| v > n) {
            out[i] = Some(Extreme::Peak);
        } else if v < 0 && neighbours.iter().all(|&n| v < n) {
            out[i] = Some(Extreme::Trough);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: i8) -> Option<Score> {
        Score::new(v)
    }

    #[test]
    fn the_scale_maps_to_the_box_and_back() {
        assert_eq!(y_of(Score::new(3).unwrap()), PAD);
        assert_eq!(y_of(Score::new(-3).unwrap()), HEIGHT - PAD);
        for v in -3..=3 {
            let score = Score::new(v).unwrap();
            assert_eq!(score_at(y_of(score)), score);
            assert_eq!(score_at(y_of(score) + 3.0), score);
        }
        assert_eq!(score_at(-50.0).value(), 3);
        assert_eq!(score_at(500.0).value(), -3);
    }

    #[test]
    fn the_path_passes_through_every_scored_point() {
        let d = smooth_path(&[s(0), None, s(3), s(-3)]);
        assert!(d.starts_with("M50.0,50.0"), "{d}");
        assert!(d.contains(" 250.0,12.0 C"), "{d}");
        assert!(d.ends_with(" 350.0,88.0"), "{d}");
        assert_eq!(d.matches('C').count(), 2);
    }

    #[test]
    fn a_sixth_persona_shares_the_first_ones_line() {
        let styles: Vec<usize> = (0..7).map(line_style).collect();
        assert_eq!(styles, [0, 1, 2, 3, 4, 0, 1]);
    }

    #[test]
    fn no_scores_draw_nothing() {
        assert_eq!(smooth_path(&[None, None]), "");
        assert_eq!(smooth_path(&[s(1)]), "M50.0,37.3");
    }

    #[test]
    fn peaks_and_troughs_stand_out() {
        let found = extremes(&[s(0), s(2), None, s(-1), s(-1), s(-3), s(1)]);
        use Extreme::*;
        assert_eq!(
            found,
            [None, Some(Peak), None, None, None, Some(Trough), Some(Peak)]
        );
        assert_eq!(extremes(&[s(1)]), [None]);
    }
}
