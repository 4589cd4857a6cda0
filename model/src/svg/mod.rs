//! The board as a picture: one self-contained SVG document for a slide deck, from which the
//! app also makes PNGs (at 1× and 2×, through a canvas).
//!
//! What it shows, laid out as the board lays it out at 100 % in normal density (the sizes of
//! `style/main.css`, 1 rem = 16 px):
//!
//! - Above the board, a band with the title line the caller gives and the persona whose curve
//!   it is: initials on the persona's colour, name, role and quote.
//! - The stage headers (white on the brand blue), then a row per lane, hidden lanes left out
//!   unless asked for, each with its name in the grey column at the left; a service
//!   blueprint's lines between the lanes that make them.
//! - Cards as on the board: their colour, their text as written (line breaks kept), the line of
//!   facts (channel, category, impact and effort, sources, confidence) when any is set, the
//!   tags, and a metric's reading.
//! - The emotions lane: the chosen persona's curve (the path of `curve::smooth_path`), a face
//!   and a score at each stage the persona scored, the stages' peaks and troughs marked as on
//!   the board, the other personas' curves dashed behind it with their markers, and beside
//!   the lane's name a legend of whose curve is whose.
//!
//! Not shown, being the board's controls or a person's view rather than the map: buttons
//! ("+ Add card", grips, menus, a card's tools), selection, filter and zoom. A stage the
//! persona did not score has no face (the board shows one at 0 to drag).
//!
//! Geometry is arithmetic: fixed columns (12 rem for the lane names, 13.5 rem per stage), text
//! wrapped by estimated widths (see `text`), cards stacked in their cells, each row as tall as
//! its tallest cell or header, the emotions lane 9.5 rem tall. Sizes are CSS pixels; the
//! document's `width` and `height` (whole pixels) and its `viewBox` agree, so drawing it at
//! twice its size gives a 2× picture.
//!
//! The document fetches nothing: no fonts (text is drawn in the reader's sans-serif, as the
//! board is), no images (an avatar is shown by its initials), no scripts, no links; the only
//! references are to its own definitions (`#…`). All text is the map's, or the caller's, as
//! `<text>`, escaped; characters XML cannot hold are left out.

mod card;
mod draw;
mod emotions;
pub mod icons;
mod layout;
mod palette;
mod text;
mod xml;

pub use layout::{Column, Layout, Row, layout};

use crate::ids::PersonaId;
use crate::map::{BlueprintLine, JourneyMap, Lane};
use crate::metric::{Metric, Rating, RatingKind};
use crate::touchpoint::{Category, Channel};

/// The words a picture of the board needs that the map does not hold; the app gives them in
/// the interface's language, as the board shows them.
pub trait Labels {
    /// The line above the board, such as the map's title; empty for none.
    fn title(&self) -> String;
    /// A lane's name: its own, or its kind's.
    fn lane(&self, lane: &Lane) -> String;
    /// A persona's quote between the language's quotation marks.
    fn quote(&self, quote: &str) -> String;
    fn channel(&self, channel: Channel) -> String;
    fn category(&self, category: Category) -> String;
    /// A card's impact or effort, such as "Impact 4".
    fn rating(&self, kind: RatingKind, rating: Rating) -> String;
    fn metric(&self, metric: &Metric) -> MetricWords;
    fn line(&self, line: BlueprintLine) -> String;
}

/// A metric as its card reads: "Conversion rate **3.2%**", then "target 4% · 6 Nov 2026",
/// then whether it meets its target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetricWords {
    pub name: String,
    pub value: String,
    pub details: Vec<String>,
    /// Met or not, in words (the picture adds ✓ or ✗).
    pub verdict: Option<(bool, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SvgOptions {
    /// Whose curve is drawn with faces (as the board's chooser picks it); the others are
    /// dashed behind it. `None`, or a persona the map lacks, means the first.
    pub persona: Option<PersonaId>,
    pub include_hidden_lanes: bool,
}

/// The board as an SVG document; see the module's documentation.
pub fn to_svg(map: &JourneyMap, labels: &dyn Labels, options: &SvgOptions) -> String {
    layout(map, labels, options).to_svg()
}

impl Layout {
    /// The document for this layout.
    pub fn to_svg(&self) -> String {
        draw::document(self)
    }
}
