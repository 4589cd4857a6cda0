//! The layout written out as SVG elements, in reading order: the band, the stage headers,
//! then each lane's name and its cells' cards (or its curve), stage by stage.

use super::card::{CARD_WIDTH, CATEGORY_RULE, CardBox, Chip, Fact, Icon, Reading};
use super::emotions::{CURVE_HEIGHT, Curve, FACE, MARKER, SWATCH};
use super::icons;
use super::layout::{Band, Body, COLUMN, LANE_HEAD, LINE_ROW, Layout, LineRow, RULE};
use super::palette::{self, BRAND, INK, LINE, PANEL, PAPER};
use super::text::Lines;
use super::xml::{Escaped, Px};
use crate::curve::{self, Extreme};
use crate::evidence::Confidence;
use crate::map::Score;
use crate::touchpoint::Channel;
use std::collections::BTreeSet;
use std::fmt::{self, Write};

/// The board's fonts; the reader's own sans-serif draws the text.
const FONTS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
/// `.card`'s corners.
const CARD_RADIUS: f64 = 4.8;

pub(super) fn document(layout: &Layout) -> String {
    let mut out = String::with_capacity(4096 + 1024 * layout.rows.len() * layout.columns.len());
    // Writing to a String cannot fail.
    let _ = write_document(&mut out, layout);
    out
}

fn write_document(out: &mut String, layout: &Layout) -> fmt::Result {
    let (width, height) = (Px(layout.width), Px(layout.height));
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONTS}\" fill=\"{INK}\" xml:space=\"preserve\">"
    )?;
    if !layout.title.trim().is_empty() {
        writeln!(out, "<title>{}</title>", Escaped(&layout.title))?;
    }
    definitions(out, layout)?;
    rect(out, (0.0, 0.0, layout.width, layout.height), PAPER)?;
    out.push('\n');
    if let Some(band) = &layout.band {
        draw_band(out, band, layout.width)?;
    }
    let (head_top, head_height) = layout.head;
    // The board's lines show between the cells drawn over this.
    let table_height = layout.height - head_top;
    rect(out, (0.0, head_top, layout.width, table_height), LINE)?;
    rect(
        out,
        (0.0, head_top, LANE_HEAD - RULE, head_height - RULE),
        BRAND,
    )?;
    for column in &layout.columns {
        rect(
            out,
            (column.left, head_top, COLUMN - RULE, head_height - RULE),
            BRAND,
        )?;
        text(out, &column.name)?;
    }
    out.push('\n');
    let mut lines = layout.lines.iter().peekable();
    for row in &layout.rows {
        while let Some(line) = lines.next_if(|l| l.top < row.top) {
            draw_line(out, line, layout.width)?;
        }
        let height = row.height - RULE;
        rect(
            out,
            (0.0, row.top, LANE_HEAD - RULE, height),
            palette::LANE_HEAD,
        )?;
        text(out, &row.name)?;
        match &row.body {
            Body::Cells(cells) => {
                for (column, cards) in layout.columns.iter().zip(cells) {
                    rect(out, (column.left, row.top, COLUMN - RULE, height), PANEL)?;
                    for card in cards {
                        draw_card(out, card)?;
                    }
                }
            }
            Body::Curve(curve) => {
                let area = (LANE_HEAD, row.top, curve.width, height);
                write!(out, "<rect{} fill=\"url(#wash)\"/>", Area(area))?;
                draw_curve(out, curve)?;
            }
        }
        out.push('\n');
    }
    out.push_str("</svg>\n");
    Ok(())
}

/// `x`, `y`, `width` and `height` attributes.
struct Area((f64, f64, f64, f64));

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (x, y, w, h) = self.0;
        write!(
            f,
            " x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            Px(x),
            Px(y),
            Px(w),
            Px(h)
        )
    }
}

fn rect(out: &mut String, area: (f64, f64, f64, f64), fill: &str) -> fmt::Result {
    write!(out, "<rect{} fill=\"{fill}\"/>", Area(area))
}

/// Text as `<text>` with a `<tspan>` per line; nothing for text without lines.
fn text(out: &mut String, lines: &Lines) -> fmt::Result {
    if lines.lines.iter().all(String::is_empty) {
        return Ok(());
    }
    write!(out, "<text font-size=\"{}\"", Px(lines.font.size))?;
    if lines.font.weight != 400 {
        write!(out, " font-weight=\"{}\"", lines.font.weight)?;
    }
    if lines.fill != INK {
        write!(out, " fill=\"{}\"", lines.fill)?;
    }
    if lines.italic {
        out.push_str(" font-style=\"italic\"");
    }
    if lines.spacing != 0.0 {
        write!(out, " letter-spacing=\"{}\"", Px(lines.spacing))?;
    }
    if lines.centred {
        out.push_str(" text-anchor=\"middle\"");
    }
    out.push('>');
    for (i, line) in lines.lines.iter().enumerate() {
        if !line.is_empty() {
            write!(
                out,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                Px(lines.x),
                Px(lines.baseline(i)),
                Escaped(line)
            )?;
        }
    }
    out.push_str("</text>");
    Ok(())
}

/// The emotions lane's wash, and the pictograms and marks in use.
fn definitions(out: &mut String, layout: &Layout) -> fmt::Result {
    out.push_str("<defs>");
    let [top, middle, bottom] = palette::EMOTION_WASH;
    write!(
        out,
        "<linearGradient id=\"wash\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"{top}\"/>\
         <stop offset=\"0.5\" stop-color=\"{middle}\"/><stop offset=\"1\" stop-color=\"{bottom}\"/></linearGradient>"
    )?;
    for icon in icons_in_use(layout) {
        let (id, shapes, style) = match icon {
            Used::Channel(channel) => (
                icon_id(Icon::Channel(channel)),
                icons::channel(channel),
                " fill=\"none\" stroke=\"#2b3140\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
            ),
            Used::Sources => (icon_id(Icon::Sources), icons::SOURCES, ""),
            Used::Confidence(level) => (
                icon_id(Icon::Confidence(level)),
                icons::confidence(level),
                "",
            ),
        };
        write!(
            out,
            "<symbol id=\"{id}\" viewBox=\"0 0 24 24\"{style}>{shapes}</symbol>"
        )?;
    }
    out.push_str("</defs>\n");
    Ok(())
}

/// An icon as the definitions hold it, in an order of its own.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Used {
    Channel(Channel),
    Sources,
    Confidence(Confidence),
}

fn icons_in_use(layout: &Layout) -> BTreeSet<Used> {
    let mut used = BTreeSet::new();
    for row in &layout.rows {
        let Body::Cells(cells) = &row.body else {
            continue;
        };
        for fact in cells.iter().flatten().flat_map(|card| &card.facts) {
            if let Fact::Icon { icon, .. } = fact {
                used.insert(match *icon {
                    Icon::Channel(c) => Used::Channel(c),
                    Icon::Sources => Used::Sources,
                    Icon::Confidence(c) => Used::Confidence(c),
                });
            }
        }
    }
    used
}

fn icon_id(icon: Icon) -> String {
    match icon {
        Icon::Channel(channel) => format!("channel-{channel:?}"),
        Icon::Sources => "sources".to_owned(),
        Icon::Confidence(level) => format!("confidence-{level:?}"),
    }
}

fn draw_band(out: &mut String, band: &Band, width: f64) -> fmt::Result {
    rect(out, (0.0, 0.0, width, band.height - RULE), PANEL)?;
    rect(out, (0.0, band.height - RULE, width, RULE), LINE)?;
    if let Some(title) = &band.title {
        text(out, title)?;
    }
    if let Some(persona) = &band.persona {
        let (r, g, b) = persona.colour;
        let (x, y) = persona.centre;
        write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#{r:02x}{g:02x}{b:02x}\"/>",
            Px(x),
            Px(y),
            Px(persona.radius)
        )?;
        text(out, &persona.initials)?;
        for lines in &persona.texts {
            text(out, lines)?;
        }
    }
    out.push('\n');
    Ok(())
}

fn draw_line(out: &mut String, line: &LineRow, width: f64) -> fmt::Result {
    rect(out, (0.0, line.top, width, LINE_ROW), PAPER)?;
    let middle = line.top + LINE_ROW / 2.0;
    write!(
        out,
        "<line x1=\"0\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{BRAND}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        Px(width),
        y = Px(middle)
    )?;
    let (x, y, w, h) = line.pill;
    write!(
        out,
        "<rect{} rx=\"{}\" fill=\"{PANEL}\" stroke=\"{BRAND}\"/>",
        Area((x + 0.5, y + 0.5, w - 1.0, h - 1.0)),
        Px(h / 2.0)
    )?;
    text(out, &line.name)?;
    out.push('\n');
    Ok(())
}

fn draw_card(out: &mut String, card: &CardBox) -> fmt::Result {
    let (x, y, w, h) = (card.left, card.top, CARD_WIDTH, card.height);
    // `.card`'s two shadows as translucent copies below it, which any renderer draws at once
    // (a blur filter made a thousand cards' PNG four times slower to draw).
    write!(
        out,
        "<g><rect{} rx=\"{}\" fill=\"#000000\" fill-opacity=\"0.04\"/>\
         <rect{} rx=\"{r}\" fill=\"#000000\" fill-opacity=\"0.12\"/><rect{} rx=\"{r}\" fill=\"{}\"/>",
        Area((x - 1.0, y + 1.0, w + 2.0, h + 2.0)),
        Px(CARD_RADIUS + 1.0),
        Area((x, y + 1.0, w, h)),
        Area((x, y, w, h)),
        palette::card(card.colour),
        r = Px(CARD_RADIUS),
    )?;
    text(out, &card.text)?;
    for fact in &card.facts {
        match fact {
            Fact::Text(lines) => text(out, lines)?,
            Fact::Icon { icon, x, y, size } => use_icon(out, *icon, (*x, *y), *size)?,
            Fact::Band {
                x,
                y,
                width,
                height,
            } => {
                let area = Area((*x, *y, *width, *height));
                write!(out, "<rect{area} fill=\"#ffffff\" fill-opacity=\"0.6\"/>")?;
                rect(out, (*x, *y, CATEGORY_RULE, *height), palette::FACTS)?;
            }
        }
    }
    for chip in &card.tags {
        draw_chip(out, chip)?;
    }
    if let Some(reading) = &card.metric {
        draw_reading(out, reading)?;
    }
    out.push_str("</g>");
    Ok(())
}

fn use_icon(out: &mut String, icon: Icon, (x, y): (f64, f64), size: f64) -> fmt::Result {
    write!(
        out,
        "<use href=\"#{}\"{}/>",
        icon_id(icon),
        Area((x, y, size, size))
    )
}

fn draw_chip(out: &mut String, chip: &Chip) -> fmt::Result {
    write!(
        out,
        "<rect{} rx=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.7\" stroke=\"#000000\" stroke-opacity=\"0.18\"/>",
        Area((
            chip.x + 0.5,
            chip.y + 0.5,
            chip.width - 1.0,
            chip.height - 1.0
        )),
        Px((chip.height / 2.0).min(16.0))
    )?;
    text(out, &chip.text)
}

fn draw_reading(out: &mut String, reading: &Reading) -> fmt::Result {
    write!(
        out,
        "<rect{} rx=\"4.8\" fill=\"#ffffff\" fill-opacity=\"0.55\"/>",
        Area((reading.x, reading.y, reading.width, reading.height))
    )?;
    for lines in &reading.texts {
        text(out, lines)?;
    }
    Ok(())
}

/// The curves, then the markers, faces and scores over them, and the legend.
fn draw_curve(out: &mut String, curve: &Curve) -> fmt::Result {
    if curve.stages > 0 {
        draw_lines(out, curve)?;
    }
    for other in &curve.others {
        for &at in &other.markers {
            marker(out, Some(other.style), at)?;
        }
    }
    for point in &curve.points {
        face(out, point.centre, point.score)?;
        let (x, y, w) = point.label;
        let edge = match point.extreme {
            Some(Extreme::Peak) => palette::GOOD,
            Some(Extreme::Trough) => palette::BAD,
            None => LINE,
        };
        write!(
            out,
            "<rect{} rx=\"7.5\" fill=\"{PANEL}\" stroke=\"{edge}\"/>",
            Area((x + 0.5, y + 0.5, w - 1.0, 15.0))
        )?;
        text(out, &point.text)?;
    }
    for entry in &curve.legend {
        let (x, y) = entry.swatch;
        let middle = y + SWATCH.1 / 2.0;
        let (colour, dashes, stroke) = match entry.style {
            Some(style) => (
                palette::OTHER_LINES[style].0,
                palette::OTHER_LINES[style].1,
                2,
            ),
            None => (BRAND, "none", 3),
        };
        write!(
            out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{m}\" y2=\"{m}\" stroke=\"{colour}\" stroke-width=\"{stroke}\" stroke-dasharray=\"{dashes}\"/>",
            Px(x + 1.0),
            Px(x + SWATCH.0 - 1.0),
            m = Px(middle)
        )?;
        marker(out, entry.style, (x + SWATCH.0 / 2.0, middle))?;
        text(out, &entry.name)?;
    }
    Ok(())
}

/// The lines in the curve's own box (`curve::STAGE_WIDTH` a stage, `curve::HEIGHT` tall),
/// stretched over the lane as on the board; the strokes keep their width.
fn draw_lines(out: &mut String, curve: &Curve) -> fmt::Result {
    let box_width = curve.stages as f64 * curve::STAGE_WIDTH;
    let frame = (curve.left, curve.top, curve.width, CURVE_HEIGHT);
    write!(
        out,
        "<svg{} viewBox=\"0 0 {} {}\" preserveAspectRatio=\"none\" overflow=\"visible\">",
        Area(frame),
        Px(box_width),
        Px(curve::HEIGHT)
    )?;
    let zero = Px(curve::y_of(Score::default()));
    write!(
        out,
        "<line x1=\"0\" x2=\"{}\" y1=\"{zero}\" y2=\"{zero}\" stroke=\"{}\" stroke-dasharray=\"4 4\" vector-effect=\"non-scaling-stroke\"/>",
        Px(box_width),
        palette::NEUTRAL
    )?;
    for other in curve.others.iter().filter(|o| !o.path.is_empty()) {
        let (colour, dashes) = palette::OTHER_LINES[other.style];
        write!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dashes}\" vector-effect=\"non-scaling-stroke\"/>",
            other.path
        )?;
    }
    if !curve.path.is_empty() {
        write!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{BRAND}\" stroke-width=\"3\" vector-effect=\"non-scaling-stroke\"/>",
            curve.path
        )?;
    }
    out.push_str("</svg>");
    Ok(())
}

/// A point's marker, centred on `(x, y)`: the chosen persona's is a small face-coloured dot;
/// the others' are told apart by shape (`.marker.lineN`).
fn marker(out: &mut String, style: Option<usize>, (x, y): (f64, f64)) -> fmt::Result {
    let half = MARKER / 2.0;
    let Some(style) = style else {
        return write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"4.6\" fill=\"#ffe08a\" stroke=\"{}\" stroke-width=\"2\"/>",
            Px(x),
            Px(y),
            palette::FACE_EDGE
        );
    };
    let colour = palette::OTHER_LINES[style].0;
    let (cx, cy) = (Px(x), Px(y));
    match style {
        0 => write!(
            out,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{}\" fill=\"{colour}\"/>",
            Px(half)
        ),
        1 => write!(
            out,
            "<rect{} fill=\"{PANEL}\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            Area((x - half + 1.0, y - half + 1.0, MARKER - 2.0, MARKER - 2.0))
        ),
        2 => write!(
            out,
            "<path d=\"M{cx} {} L{} {} L{} {}Z\" fill=\"{colour}\"/>",
            Px(y - half),
            Px(x + half),
            Px(y + half),
            Px(x - half),
            Px(y + half)
        ),
        3 => {
            let reach = half * std::f64::consts::SQRT_2;
            write!(
                out,
                "<path d=\"M{cx} {} L{} {cy} L{cx} {} L{} {cy}Z\" fill=\"{colour}\"/>",
                Px(y - reach),
                Px(x + reach),
                Px(y + reach),
                Px(x - reach)
            )
        }
        _ => write!(
            out,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{}\" fill=\"{PANEL}\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            Px(half - 1.0)
        ),
    }
}

/// A score's face (the app's `Face`), `FACE` wide, centred on `(x, y)`.
fn face(out: &mut String, (x, y): (f64, f64), score: Score) -> fmt::Result {
    write!(
        out,
        "<g transform=\"translate({} {}) scale({:.4})\"><circle cx=\"12\" cy=\"12\" r=\"10.5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>\
         <circle cx=\"8.5\" cy=\"9.5\" r=\"1.4\" fill=\"{f}\"/><circle cx=\"15.5\" cy=\"9.5\" r=\"1.4\" fill=\"{f}\"/>\
         <path d=\"{}\" fill=\"none\" stroke=\"{f}\" stroke-width=\"1.6\" stroke-linecap=\"round\"/></g>",
        Px(x - FACE / 2.0),
        Px(y - FACE / 2.0),
        FACE / 24.0,
        palette::face(score),
        palette::FACE_EDGE,
        icons::mouth(score),
        f = palette::FACE_FEATURES
    )
}
