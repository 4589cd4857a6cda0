//! Where things land on the board when dragged, and the rules the board's fields share: pure
//! arithmetic over positions the interface measures, so it is tested here rather than in a
//! browser.

use crate::curve;
use crate::map::Score;

/// How far a pressed pointer travels, in CSS pixels, before the press becomes a drag rather
/// than a tap. One value for cards, header grips and the curve's points, so every drag starts
/// the same way for a mouse, a pen or a finger.
pub const DRAG_THRESHOLD: f64 = 6.0;

/// Whether a pointer pressed at `from` and now at `to` has travelled far enough to drag.
pub fn is_drag(from: (f64, f64), to: (f64, f64)) -> bool {
    (to.0 - from.0).hypot(to.1 - from.1) >= DRAG_THRESHOLD
}

/// Whether a typed name or text counts as empty: nothing but white space. The map refuses a
/// blank name, and a new card left blank goes away.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The gap among a row of headers nearest to a pointer at `at` (0 is before the first), with
/// the coordinate of the edge where the insertion line goes. `spans` are the headers' (start,
/// end) along the row, in display order; the pointer passes a header once it is past its
/// middle. `None` without headers.
pub fn gap_at(spans: &[(f64, f64)], at: f64) -> Option<(usize, f64)> {
    let gap = spans.iter().filter(|(a, b)| (a + b) / 2.0 < at).count();
    let edge = match gap.checked_sub(1) {
        Some(i) => spans.get(i)?.1,
        None => spans.first()?.0,
    };
    Some((gap, edge))
}

/// The index a dragged item takes when dropped in `gap` among the shown items: just before
/// the first shown item at or after the gap (other than itself), or last. Indexes count every
/// item (hidden ones too) with the dragged one taken out, as the move ops expect.
pub fn index_for_gap<T: PartialEq>(
    all: &[T],
    shown: impl Fn(&T) -> bool,
    item: &T,
    gap: usize,
) -> usize {
    let others = || all.iter().filter(|i| *i != item);
    all.iter()
        .filter(|i| shown(i))
        .skip(gap)
        .find(|i| *i != item)
        .and_then(|before| others().position(|i| i == before))
        .unwrap_or_else(|| others().count())
}

/// Where dragged cards land in a cell when the pointer is at height `y`: their position among
/// the cell's other cards, past each one whose middle is above the pointer. `cards` are the
/// cell's cards in order, each with the middle of its box, or `None` for a card a filter
/// hides: that one counts as lying where the nearest shown card before it does, so a drop
/// lands just before the shown card under the pointer, where [`card_before`] draws the line.
pub fn landing_index<T: PartialEq>(cards: &[(T, Option<f64>)], dragged: &[T], y: f64) -> usize {
    let mut last_shown = f64::NEG_INFINITY;
    cards
        .iter()
        .filter(|(card, _)| !dragged.contains(card))
        .filter(|(_, middle)| {
            last_shown = middle.unwrap_or(last_shown);
            last_shown < y
        })
        .count()
}

/// The card that dragged cards landing at `at` (as counted by [`landing_index`]) go before,
/// where the insertion line is drawn; `None` when they go after the last one.
pub fn card_before<'a, T: PartialEq + 'a>(
    cards: impl IntoIterator<Item = &'a T>,
    dragged: &[T],
    at: usize,
) -> Option<&'a T> {
    cards.into_iter().filter(|c| !dragged.contains(c)).nth(at)
}

/// About half the gap between two cards of a cell (`.4rem`), in CSS pixels at full zoom: how
/// far from a card's edge the insertion line sits.
const HALF_GAP: f64 = 3.0;

/// Where the insertion line of a drag is drawn, in pixels from the cell's top: in the gap above
/// the card the dragged cards go before (`before_top`, that card's top), or else in the gap
/// below the end of the cell's list of cards (`list_end`). Heights are measured on a board
/// drawn at `zoom` (1 = 100 %), and its gaps shrink with it.
pub fn insertion_line(before_top: Option<f64>, list_end: f64, zoom: f64) -> f64 {
    match before_top {
        Some(top) => top - HALF_GAP * zoom,
        None => list_end + HALF_GAP * zoom,
    }
}

/// The score under a pointer at `y` over a curve box that starts at `top` and is `height`
/// high (all in the same units, say CSS pixels), snapped to the scale.
pub fn score_in_box(y: f64, top: f64, height: f64) -> Score {
    curve::score_at((y - top) / height * curve::HEIGHT)
}

/// A box the interface measured, in viewport pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Bounds {
    /// Whether a point is inside: the left and top edges belong to the box, the right and
    /// bottom ones to the next, so boxes side by side never both hold a point.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.left..self.right).contains(&x) && (self.top..self.bottom).contains(&y)
    }
}

/// How far to scroll along one axis, per pointer move, when a dragged pointer at `at` nears the
/// `start` or `end` of the scrolled area: nothing farther than `EDGE` inside, faster the
/// closer it gets; negative towards the start.
pub fn edge_scroll(at: f64, start: f64, end: f64) -> f64 {
    const EDGE: f64 = 48.0;
    const FASTEST: f64 = 18.0;
    let speed = |distance: f64| ((EDGE - distance).max(0.0) / EDGE * FASTEST).round();
    speed(end - at) - speed(at - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_holds_its_left_and_top_edges_and_leaves_the_right_and_bottom_ones_to_the_next() {
        let left = Bounds {
            left: 0.0,
            top: 0.0,
            right: 100.0,
            bottom: 50.0,
        };
        let right = Bounds {
            left: 100.0,
            ..left
        };
        let right = Bounds {
            right: 200.0,
            ..right
        };
        assert!(left.contains(0.0, 0.0));
        assert!(left.contains(99.9, 49.9));
        assert!(!left.contains(100.0, 10.0));
        assert!(right.contains(100.0, 10.0));
        assert!(!left.contains(10.0, 50.0));
        assert!(!left.contains(-0.1, 10.0));
        let empty = Bounds {
            left: 0.0,
            top: 0.0,
            right: 0.0,
            bottom: 0.0,
        };
        assert!(
            !empty.contains(0.0, 0.0),
            "a box gone from the page holds nothing"
        );
    }

    #[test]
    fn a_press_becomes_a_drag_at_the_threshold_in_any_direction() {
        assert!(!is_drag((10.0, 10.0), (10.0, 10.0)));
        assert!(
            !is_drag((10.0, 10.0), (14.0, 14.0)),
            "5.7 px is still a tap"
        );
        assert!(is_drag((10.0, 10.0), (10.0, 16.0)));
        assert!(is_drag((10.0, 10.0), (5.0, 5.0)));
    }

    #[test]
    fn only_white_space_is_blank() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\n\u{a0}"));
        assert!(!is_blank(" a "));
        assert!(!is_blank("·"));
    }

    #[test]
    fn the_gap_follows_header_middles() {
        let spans = [(0.0, 100.0), (100.0, 200.0), (200.0, 300.0)];
        assert_eq!(gap_at(&spans, -20.0), Some((0, 0.0)));
        assert_eq!(gap_at(&spans, 49.0), Some((0, 0.0)));
        assert_eq!(gap_at(&spans, 51.0), Some((1, 100.0)));
        assert_eq!(gap_at(&spans, 260.0), Some((3, 300.0)));
        assert_eq!(gap_at(&[], 10.0), None);
    }

    #[test]
    fn a_gap_means_the_index_without_the_dragged_item() {
        let all = ["a", "b", "c", "d"];
        let every = |_: &&str| true;
        // Dragging "a" into the gap after "c" (gap 3): before "d", which is index 2 of b, c, d.
        assert_eq!(index_for_gap(&all, every, &"a", 3), 2);
        // Its own gaps leave it where it is.
        assert_eq!(index_for_gap(&all, every, &"b", 1), 1);
        assert_eq!(index_for_gap(&all, every, &"b", 2), 1);
        assert_eq!(index_for_gap(&all, every, &"d", 0), 0);
        assert_eq!(index_for_gap(&all, every, &"a", 4), 3);
    }

    #[test]
    fn hidden_items_keep_their_place_in_the_count() {
        let all = ["a", "hidden", "b", "c"];
        let shown = |i: &&str| *i != "hidden";
        // Shown: a, b, c. "c" dropped in gap 1 (between a and b) goes before "b": index 2,
        // after the hidden one.
        assert_eq!(index_for_gap(&all, shown, &"c", 1), 2);
        assert_eq!(index_for_gap(&all, shown, &"a", 3), 3);
    }

    #[test]
    fn dragged_cards_do_not_count_where_they_land() {
        let cards = [
            ("a", Some(10.0)),
            ("b", Some(30.0)),
            ("c", Some(50.0)),
            ("d", Some(70.0)),
        ];
        assert_eq!(landing_index(&cards, &[], 40.0), 2);
        // "a" and "b" are the ones dragged: only "c" is above the pointer.
        assert_eq!(landing_index(&cards, &["a", "b"], 60.0), 1);
        assert_eq!(landing_index(&cards, &["a", "b"], 0.0), 0);
        assert_eq!(landing_index(&cards, &["d"], 99.0), 3);
    }

    #[test]
    fn hidden_cards_land_with_the_shown_card_before_them() {
        // a, hidden h, b, hidden t: a pointer above b lands after h, right before b.
        let cards = [
            ("a", Some(10.0)),
            ("h", None),
            ("b", Some(30.0)),
            ("t", None),
        ];
        let at = landing_index(&cards, &[], 20.0);
        assert_eq!(at, 2);
        let ids = ["a", "h", "b", "t"];
        assert_eq!(card_before(&ids, &[], at), Some(&"b"));
        assert_eq!(landing_index(&cards, &[], 5.0), 0);
        assert_eq!(landing_index(&cards, &[], 40.0), 4);
        // A leading hidden card lies before everything shown.
        let leading = [("h", None), ("a", Some(10.0))];
        assert_eq!(landing_index(&leading, &[], 5.0), 1);
        // The dragged card is not a place to lie at: h follows a, not the dragged d.
        let dragging = [
            ("a", Some(10.0)),
            ("d", Some(30.0)),
            ("h", None),
            ("b", Some(50.0)),
        ];
        assert_eq!(landing_index(&dragging, &["d"], 20.0), 2);
    }

    #[test]
    fn the_insertion_line_sits_in_the_gap_above_its_card_or_below_the_list() {
        assert_eq!(insertion_line(Some(40.0), 200.0, 1.0), 37.0);
        assert_eq!(insertion_line(None, 200.0, 1.0), 203.0);
        // Before the first card, the line sits in the cell's padding above it.
        assert!(insertion_line(Some(7.0), 200.0, 1.0) > 0.0);
        // At a quarter of the size the gap is a quarter as wide, and the line stays in it
        // rather than over the card above (whose bottom is 1.6 px above the next one's top).
        assert_eq!(insertion_line(Some(40.0), 200.0, 0.25), 39.25);
        assert!(insertion_line(Some(40.0), 200.0, 0.25) > 40.0 - 1.6);
    }

    #[test]
    fn the_insertion_line_goes_before_the_card_at_the_landing_index() {
        let cards = ["a", "b", "c"];
        assert_eq!(card_before(&cards, &["a"], 0), Some(&"b"));
        assert_eq!(card_before(&cards, &["a"], 1), Some(&"c"));
        assert_eq!(card_before(&cards, &["a"], 2), None, "after the last");
        assert_eq!(card_before(&cards, &[], 0), Some(&"a"));
    }

    #[test]
    fn a_pointer_over_the_curve_box_gives_the_score_there() {
        // A 200 px box from y = 100: the top band is +3, the middle neutral, below it −3.
        assert_eq!(score_in_box(105.0, 100.0, 200.0).value(), 3);
        assert_eq!(score_in_box(200.0, 100.0, 200.0).value(), 0);
        assert_eq!(score_in_box(290.0, 100.0, 200.0).value(), -3);
        assert_eq!(score_in_box(900.0, 100.0, 200.0).value(), -3);
    }

    #[test]
    fn scrolling_speeds_up_towards_an_edge_and_stops_inside() {
        assert_eq!(edge_scroll(500.0, 0.0, 1000.0), 0.0);
        assert_eq!(edge_scroll(990.0, 0.0, 1000.0), 14.0);
        assert_eq!(edge_scroll(1000.0, 0.0, 1000.0), 18.0);
        assert_eq!(edge_scroll(24.0, 0.0, 1000.0), -9.0);
    }
}
