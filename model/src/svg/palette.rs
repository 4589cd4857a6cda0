//! The board's colours, as `style/main.css` sets them.

use crate::map::{Colour, Score};

pub(super) const INK: &str = "#1d2330";
pub(super) const MUTED: &str = "#5a6272";
pub(super) const LINE: &str = "#d9dde5";
pub(super) const PAPER: &str = "#f6f7f9";
pub(super) const PANEL: &str = "#ffffff";
pub(super) const BRAND: &str = "#1f4e79";
pub(super) const GOOD: &str = "#23794a";
pub(super) const BAD: &str = "#c0392b";
/// Lane names' column.
pub(super) const LANE_HEAD: &str = "#eef1f6";
/// A card's line of facts.
pub(super) const FACTS: &str = "#2b3140";
/// A metric that meets its target.
pub(super) const MET: &str = "#1e6b43";
/// The emotions lane's 0 line.
pub(super) const NEUTRAL: &str = "#b8bfcc";
/// The emotions lane's background, top to bottom: it greens above 0 and reddens below.
pub(super) const EMOTION_WASH: [&str; 3] = ["#f3fbf5", "#ffffff", "#fdf3f2"];

pub(super) fn card(colour: Colour) -> &'static str {
    match colour {
        Colour::Yellow => "#fff3b0",
        Colour::Pink => "#ffd6e0",
        Colour::Blue => "#d4e8ff",
        Colour::Green => "#d6f5d6",
        Colour::Orange => "#ffe0c2",
        Colour::Purple => "#e6dcff",
    }
}

/// A face's colour: red at −2 and below, green at +2 and above, yellow between.
pub(super) fn face(score: Score) -> &'static str {
    match score.value() {
        ..=-2 => "#f6a5a0",
        2.. => "#9fe0b0",
        _ => "#ffe08a",
    }
}

pub(super) const FACE_EDGE: &str = "#6b5200";
pub(super) const FACE_FEATURES: &str = "#3b2f00";

/// The other personas' curves, by line style (`curve::line_style`): colour and dash pattern.
pub(super) const OTHER_LINES: [(&str, &str); crate::curve::LINE_STYLES] = [
    ("#6b4e9b", "8 4"),
    ("#8a5a00", "2 4"),
    ("#1b7a6e", "10 4 2 4"),
    ("#a23b72", "14 6"),
    ("#4a5568", "4 2"),
];
