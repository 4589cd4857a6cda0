//! The emotions lane: the chosen persona's curve with a face and a score at each point, the
//! other personas' curves dashed behind it, and the legend under the lane's name.

use super::layout::REM;
use super::palette::{BAD, GOOD};
use super::text::{self, Font, Lines};
use crate::curve::{self, Extreme};
use crate::map::{JourneyMap, Persona, Score};

/// `.curve`'s height.
pub(super) const CURVE_HEIGHT: f64 = 9.5 * REM;
/// `.face`: the face's side.
pub(super) const FACE: f64 = 1.9 * REM;
/// `.point .score`: .75rem bold, padding 0 .3rem in a 1px border, .2rem right of the face.
const SCORE_FONT: Font = Font::bold(0.75 * REM);
const SCORE_HEIGHT: f64 = REM;
const SCORE_PAD: f64 = 0.3 * REM + 1.0;
const SCORE_GAP: f64 = 0.2 * REM;
/// `.marker`: the other personas' points.
pub(super) const MARKER: f64 = 0.6 * REM;
/// The legend: `.swatch` 2.4rem × .8rem, then the name in .85rem.
pub(super) const SWATCH: (f64, f64) = (2.4 * REM, 0.8 * REM);
const LEGEND_FONT: Font = Font::regular(0.85 * REM);
const LEGEND_STEP: f64 = 1.4 * 0.85 * REM;
const LEGEND_GAP: f64 = 0.3 * REM;

/// The lane's curves in a box `width` wide from `(left, top)`, `CURVE_HEIGHT` tall.
pub(super) struct Curve {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub stages: usize,
    /// `curve::smooth_path` of the chosen persona's scores, in the curve's own box.
    pub path: String,
    pub others: Vec<Other>,
    pub points: Vec<Point>,
    pub legend: Vec<Entry>,
}

/// Another persona's curve: its line style, its path and its points.
pub(super) struct Other {
    pub style: usize,
    pub path: String,
    pub markers: Vec<(f64, f64)>,
}

/// A scored stage of the chosen persona: the face's centre, and the score in its label.
pub(super) struct Point {
    pub centre: (f64, f64),
    pub score: Score,
    pub extreme: Option<Extreme>,
    pub label: (f64, f64, f64),
    pub text: Lines,
}

/// A persona in the legend: its line (`None` for the chosen one's) at `swatch`, and its name.
pub(super) struct Entry {
    pub style: Option<usize>,
    pub swatch: (f64, f64),
    pub name: Lines,
}

impl Curve {
    pub fn new(
        map: &JourneyMap,
        chosen: Option<&Persona>,
        (left, top): (f64, f64),
        width: f64,
    ) -> Curve {
        let stages = map.stages.len();
        let slot = width / stages.max(1) as f64;
        let at = |i: usize, score: Score| {
            (
                left + (i as f64 + 0.5) * slot,
                top + curve::y_of(score) / curve::HEIGHT * CURVE_HEIGHT,
            )
        };
        let others = map
            .personas
            .iter()
            .enumerate()
            .filter(|(_, p)| Some(&p.id) != chosen.map(|c| &c.id))
            .map(|(i, p)| {
                let scores = map.scores_of(Some(p));
                Other {
                    style: curve::line_style(i),
                    path: curve::smooth_path(&scores),
                    markers: scores
                        .iter()
                        .enumerate()
                        .filter_map(|(i, s)| Some(at(i, (*s)?)))
                        .collect(),
                }
            })
            .collect();
        let scores = map.scores_of(chosen);
        let points = scores
            .iter()
            .zip(curve::extremes(&scores))
            .enumerate()
            .filter_map(|(i, (score, extreme))| {
                let score = (*score)?;
                let centre = at(i, score);
                let words = score.to_string();
                let label_width = text::width(&words, SCORE_FONT) + 2.0 * SCORE_PAD;
                let x = centre.0 + FACE / 2.0 + SCORE_GAP;
                let y = centre.1 - SCORE_HEIGHT / 2.0;
                let colour = match extreme {
                    Some(Extreme::Peak) => GOOD,
                    Some(Extreme::Trough) => BAD,
                    None => super::palette::INK,
                };
                let text = Lines::one(&words, SCORE_FONT, (x + label_width / 2.0, y), SCORE_HEIGHT)
                    .in_colour(colour)
                    .centred();
                Some(Point {
                    centre,
                    score,
                    extreme,
                    label: (x, y, label_width),
                    text,
                })
            })
            .collect();
        Curve {
            left,
            top,
            width,
            stages,
            path: curve::smooth_path(&scores),
            others,
            points,
            legend: Vec::new(),
        }
    }

    /// Adds the legend from `(x, top)`, `max` wide: every persona, the chosen one in bold, and
    /// returns its height.
    pub fn with_legend(
        &mut self,
        map: &JourneyMap,
        chosen: Option<&Persona>,
        (x, top): (f64, f64),
        max: f64,
    ) -> f64 {
        let mut y = top;
        let name_x = x + SWATCH.0 + LEGEND_GAP;
        for (i, persona) in map.personas.iter().enumerate() {
            let is_chosen = Some(&persona.id) == chosen.map(|c| &c.id);
            let font = if is_chosen {
                Font::bold(LEGEND_FONT.size)
            } else {
                LEGEND_FONT
            };
            let name = Lines::wrapped(
                &persona.name,
                font,
                max - (name_x - x),
                (name_x, y),
                LEGEND_STEP,
            );
            let height = name.height().max(LEGEND_STEP);
            self.legend.push(Entry {
                style: (!is_chosen).then(|| curve::line_style(i)),
                swatch: (x, y + (LEGEND_STEP - SWATCH.1) / 2.0),
                name,
            });
            y += height;
        }
        y - top
    }
}
