//! The curve drawn by hand while one of its points is dragged. Each whole score the pointer
//! passes shows at once on the point, its face, its value and the line, and moves the peak
//! and trough marks, without waking the reactive graph: going through it (a memo of the points,
//! one per point, and their attributes) cost each such frame about twice the script of a
//! hand-written board. The map changes once, at the drop, and then draws the same thing; a
//! cancelled drag draws the map's scores back.

use super::{face_class, point_class, top_of};
use crate::i18n::Locale;
use crate::labels;
use leptos_i18n::I18nContext;
use model::svg::icons;
use model::{Score, curve, position};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The elements a point's drag draws on, found once when the drag starts.
pub(super) struct Sketch {
    /// The dragged point, among `points` (in stage order) at `at`.
    point: HtmlElement,
    at: usize,
    points: Vec<Element>,
    curve: Element,
    line: Element,
    face: Element,
    mouth: Element,
    value: web_sys::Node,
    /// The score drawn on the dragged point, once the pointer has moved it.
    pub shown: Option<Score>,
}

impl Sketch {
    /// The sketch of the curve `point` belongs to; `None` when the curve is not drawn as this
    /// module expects (then the drag changes nothing).
    pub fn of(point: &Element) -> Option<Sketch> {
        let curve = point.closest(".curve").ok()??;
        let list = curve.query_selector_all(".points .point").ok()?;
        let points: Vec<Element> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect();
        let at = points.iter().position(|p| p == point)?;
        let find = |within: &Element, selector: &str| within.query_selector(selector).ok()?;
        Some(Sketch {
            point: point.clone().dyn_into().ok()?,
            at,
            line: find(&curve, "path.mine")?,
            face: find(point, "svg.face")?,
            mouth: find(point, ".mouth")?,
            value: find(point, ".score")?.first_child()?,
            points,
            curve,
            shown: None,
        })
    }

    /// The score at a pointer's height over the curve.
    pub fn score_at(&self, client_y: f64) -> Score {
        let rect = self.curve.get_bounding_client_rect();
        position::score_in_box(client_y, rect.top(), rect.height())
    }

    /// Draws the dragged point at `score`, the rest of the curve at `scores` (the map's);
    /// nothing when it is drawn there already, as it is for most moves of the pointer.
    pub fn show(
        &mut self,
        i18n: I18nContext<Locale>,
        score: Score,
        scores: impl FnOnce() -> Vec<Option<Score>>,
    ) {
        if self.shown == Some(score) {
            return;
        }
        self.shown = Some(score);
        let mut scores = scores();
        if let Some(slot) = scores.get_mut(self.at) {
            *slot = Some(score);
        }
        self.draw(i18n, &scores);
    }

    /// Draws the map's scores back, as if the drag had not been.
    pub fn undo(&mut self, i18n: I18nContext<Locale>, scores: Vec<Option<Score>>) {
        if self.shown.take().is_some() {
            self.draw(i18n, &scores);
        }
    }

    fn draw(&self, i18n: I18nContext<Locale>, scores: &[Option<Score>]) {
        let extremes = curve::extremes(scores);
        for ((point, score), extreme) in self.points.iter().zip(scores).zip(extremes) {
            set(point, "class", point_class(*score, extreme));
        }
        set(&self.line, "d", &curve::smooth_path(scores));
        let score = scores.get(self.at).copied().flatten().unwrap_or_default();
        // The same writes the point's view makes, so that either may draw over the other.
        // Throws only for a read-only declaration, which an element's own style never is.
        self.point.style().set_property("top", &top_of(score)).ok();
        set(&self.point, "aria-valuenow", &score.value().to_string());
        set(
            &self.point,
            "aria-valuetext",
            &labels::score_text(i18n, score),
        );
        set(&self.face, "class", &face_class(score));
        set(&self.mouth, "d", &icons::mouth(score));
        self.value.set_node_value(Some(&score.to_string()));
    }
}

/// Throws only for a name that is not a valid attribute name, and these are fixed.
fn set(element: &Element, name: &str, value: &str) {
    element.set_attribute(name, value).ok();
}
