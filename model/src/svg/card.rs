//! A cell's cards, stacked as `.cell` and `.card` stack them: each card's text, then its line
//! of facts, its tags and its metric. Without the card's buttons, a card keeps only its
//! usual padding below its last part.

use super::layout::{COLUMN, REM, RULE};
use super::palette::{BAD, FACTS, MET, MUTED};
use super::text::{Font, Lines, spaced_width, width};
use super::{Labels, MetricWords};
use crate::evidence::Confidence;
use crate::map::{Card, Colour};
use crate::metric::RatingKind;
use crate::touchpoint::Channel;

/// `.cell`'s padding and the gap between its cards.
const CELL_PAD: f64 = 0.45 * REM;
const CARD_GAP: f64 = 0.4 * REM;
pub(super) const CARD_WIDTH: f64 = COLUMN - RULE - 2.0 * CELL_PAD;

/// `.card-text`: padding .5rem .6rem, .9rem at line height 1.35, at least 3rem tall alone.
const TEXT_PAD_Y: f64 = 0.5 * REM;
const PAD_X: f64 = 0.6 * REM;
const INNER: f64 = CARD_WIDTH - 2.0 * PAD_X;
const TEXT_FONT: Font = Font::regular(0.9 * REM);
const TEXT_STEP: f64 = 1.35 * 0.9 * REM;
const MIN_HEIGHT: f64 = 3.0 * REM;
/// Below the text when facts follow (`.above-facts`).
const ABOVE_FACTS: f64 = 0.3 * REM;

/// `.card-facts`: .72rem at line height 1.3, gaps .2rem .35rem, .35rem below (.45rem when no
/// tags follow); channel names and ratings semibold; marks of 1em, .9rem and 1.05rem.
const FACT_SIZE: f64 = 0.72 * REM;
const FACT_STEP: f64 = 1.3 * FACT_SIZE;
const FACT_GAPS: (f64, f64) = (0.35 * REM, 0.2 * REM);
const FACTS_BELOW: f64 = 0.35 * REM;
const LAST_BELOW: f64 = 0.45 * REM;
const ICON_GAP: f64 = 0.2 * REM;
const SOURCES_MARK: f64 = 0.9 * REM;
const CONFIDENCE_MARK: f64 = 1.05 * REM;
/// `.fact-category`: .65rem capitals spaced .03em, padding 0 .3rem after a 3px rule.
const CATEGORY_FONT: Font = Font::regular(0.65 * REM);
const CATEGORY_PAD: f64 = 0.3 * REM;
pub(super) const CATEGORY_RULE: f64 = 3.0;

/// `.tag`: .75rem at line height 1.3, padding .05rem .45rem in a 1px border, .25rem apart.
const TAG_FONT: Font = Font::regular(0.75 * REM);
const TAG_STEP: f64 = 1.3 * 0.75 * REM;
const TAG_PAD: (f64, f64) = (0.45 * REM + 1.0, 0.05 * REM + 1.0);
const TAG_GAP: f64 = 0.25 * REM;

/// `.card-metric`: .8rem at line height 1.35 (its value 1rem bold), padding .2rem .3rem,
/// .45rem in from the card's sides and .35rem above its bottom.
const METRIC_FONT: Font = Font::regular(0.8 * REM);
const METRIC_STEP: f64 = 1.35 * 0.8 * REM;
const VALUE_FONT: Font = Font::bold(REM);
const VALUE_STEP: f64 = 1.35 * REM;
const METRIC_PAD: (f64, f64) = (0.3 * REM, 0.2 * REM);
const METRIC_MARGIN: f64 = 0.45 * REM;

/// A card placed on the picture.
pub(super) struct CardBox {
    pub left: f64,
    pub top: f64,
    pub height: f64,
    pub colour: Colour,
    pub text: Lines,
    pub facts: Vec<Fact>,
    pub tags: Vec<Chip>,
    pub metric: Option<Reading>,
}

/// One item of the line of facts.
pub(super) enum Fact {
    Text(Lines),
    Icon {
        icon: Icon,
        x: f64,
        y: f64,
        size: f64,
    },
    /// The category's pale background with its rule at the left.
    Band {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
}

#[derive(Clone, Copy)]
pub(super) enum Icon {
    Channel(Channel),
    Sources,
    Confidence(Confidence),
}

pub(super) struct Chip {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub text: Lines,
}

pub(super) struct Reading {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub texts: Vec<Lines>,
}

/// The cards of a cell whose top left corner is `(left, top)`, and the cell's height.
pub(super) fn stack(
    cards: &[&Card],
    labels: &dyn Labels,
    (left, top): (f64, f64),
) -> (Vec<CardBox>, f64) {
    let mut y = top + CELL_PAD;
    let boxes: Vec<CardBox> = cards
        .iter()
        .enumerate()
        .map(|(i, card)| {
            if i > 0 {
                y += CARD_GAP;
            }
            let placed = place(card, labels, (left + CELL_PAD, y));
            y += placed.height;
            placed
        })
        .collect();
    (boxes, y + CELL_PAD - top)
}

fn place(card: &Card, labels: &dyn Labels, (left, top): (f64, f64)) -> CardBox {
    let x = left + PAD_X;
    let text = Lines::wrapped(
        &card.text,
        TEXT_FONT,
        INNER,
        (x, top + TEXT_PAD_Y),
        TEXT_STEP,
    );
    let facts = facts(card, labels);
    let alone = facts.is_empty() && card.tags.is_empty();
    let below = if facts.is_empty() {
        TEXT_PAD_Y
    } else {
        ABOVE_FACTS
    };
    let mut y = top + TEXT_PAD_Y + text.height() + below;
    if alone {
        y = y.max(top + MIN_HEIGHT);
    }
    let facts = if facts.is_empty() {
        Vec::new()
    } else {
        let (placed, height) = flow_facts(facts, (x, y));
        y += height
            + if card.tags.is_empty() {
                LAST_BELOW
            } else {
                FACTS_BELOW
            };
        placed
    };
    let tags = if card.tags.is_empty() {
        Vec::new()
    } else {
        let (chips, height) = chips(&card.tags, (x, y));
        y += height + FACTS_BELOW;
        chips
    };
    let metric = card.metric.as_ref().map(|m| {
        let reading = reading(&labels.metric(m), (left + METRIC_MARGIN, y));
        y += reading.height + FACTS_BELOW;
        reading
    });
    CardBox {
        left,
        top,
        height: y - top,
        colour: card.colour,
        text,
        facts,
        tags,
        metric,
    }
}

/// A fact of a known size, its parts placed from its own top left corner.
struct Item {
    width: f64,
    height: f64,
    parts: Vec<Fact>,
}

impl Item {
    fn text(text: &str, font: Font) -> Item {
        let lines = Lines::one(text, font, (0.0, 0.0), FACT_STEP).in_colour(FACTS);
        Item {
            width: width(text, font),
            height: FACT_STEP,
            parts: vec![Fact::Text(lines)],
        }
    }

    fn icon(icon: Icon, size: f64) -> Item {
        Item {
            width: size,
            height: size,
            parts: vec![Fact::Icon {
                icon,
                x: 0.0,
                y: 0.0,
                size,
            }],
        }
    }

    /// This, then `other` `gap` to its right, their middles level.
    fn then(self, gap: f64, other: Item) -> Item {
        let height = self.height.max(other.height);
        let mut parts = self.parts;
        for part in &mut parts {
            part.shift(0.0, (height - self.height) / 2.0);
        }
        for mut part in other.parts {
            part.shift(self.width + gap, (height - other.height) / 2.0);
            parts.push(part);
        }
        Item {
            width: self.width + gap + other.width,
            height,
            parts,
        }
    }
}

impl Fact {
    fn shift(&mut self, dx: f64, dy: f64) {
        match self {
            Fact::Text(lines) => {
                lines.x += dx;
                lines.top += dy;
            }
            Fact::Icon { x, y, .. } | Fact::Band { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// The line of facts as the board shows it when any is set: the channel's pictogram and
/// name, the category in capitals, impact and effort, the sources' count and the confidence.
fn facts(card: &Card, labels: &dyn Labels) -> Vec<Item> {
    let has_facts = card.channel.is_some()
        || card.category.is_some()
        || card.impact.is_some()
        || card.effort.is_some()
        || !card.evidence.is_empty()
        || !card.confidence.is_assumed();
    if !has_facts {
        return Vec::new();
    }
    let regular = Font::regular(FACT_SIZE);
    let semibold = Font::semibold(FACT_SIZE);
    let mut items = Vec::new();
    if let Some(channel) = card.channel {
        let name = Item::text(&labels.channel(channel), semibold);
        items.push(Item::icon(Icon::Channel(channel), FACT_SIZE).then(ICON_GAP, name));
    }
    if let Some(category) = card.category {
        items.push(category_item(&labels.category(category).to_uppercase()));
    }
    let mut rated = false;
    for (kind, rating) in [
        (RatingKind::Impact, card.impact),
        (RatingKind::Effort, card.effort),
    ] {
        let Some(rating) = rating else { continue };
        let words = Item::text(&labels.rating(kind, rating), semibold);
        // "Impact 4 · Effort 2": the dot goes before a rating that follows another.
        items.push(if rated {
            Item::text("·", regular).then(0.15 * REM, words)
        } else {
            words
        });
        rated = true;
    }
    if !card.evidence.is_empty() {
        let count = Item::text(&card.evidence.len().to_string(), regular);
        items.push(Item::icon(Icon::Sources, SOURCES_MARK).then(ICON_GAP, count));
    }
    items.push(Item::icon(
        Icon::Confidence(card.confidence),
        CONFIDENCE_MARK,
    ));
    items
}

fn category_item(name: &str) -> Item {
    let spacing = 0.03 * CATEGORY_FONT.size;
    let width = CATEGORY_RULE + 2.0 * CATEGORY_PAD + spaced_width(name, CATEGORY_FONT, spacing);
    let text = Lines::one(
        name,
        CATEGORY_FONT,
        (CATEGORY_RULE + CATEGORY_PAD, 0.0),
        FACT_STEP,
    )
    .in_colour(FACTS)
    .spaced(spacing);
    Item {
        width,
        height: FACT_STEP,
        parts: vec![
            Fact::Band {
                x: 0.0,
                y: 0.0,
                width,
                height: FACT_STEP,
            },
            Fact::Text(text),
        ],
    }
}

/// Where boxes of these sizes go from `(x, y)`, left to right and `gaps` apart, a new row
/// starting when the next does not fit in `max`, each box centred in its row's height (as
/// `flex-wrap: wrap; align-items: center`); and the rows' height.
fn flow(
    sizes: &[(f64, f64)],
    (x, y): (f64, f64),
    max: f64,
    (gap_x, gap_y): (f64, f64),
) -> (Vec<(f64, f64)>, f64) {
    let mut rows: Vec<std::ops::Range<usize>> = Vec::new();
    let mut used = 0.0;
    for (i, &(w, _)) in sizes.iter().enumerate() {
        match rows.last_mut() {
            Some(row) if used + gap_x + w <= max => {
                used += gap_x + w;
                row.end = i + 1;
            }
            _ => {
                used = w;
                rows.push(i..i + 1);
            }
        }
    }
    let mut places = Vec::with_capacity(sizes.len());
    let mut top = y;
    for (r, row) in rows.into_iter().enumerate() {
        if r > 0 {
            top += gap_y;
        }
        let row = &sizes[row];
        let height = row.iter().map(|&(_, h)| h).fold(0.0, f64::max);
        let mut left = x;
        for &(w, h) in row {
            places.push((left, top + (height - h) / 2.0));
            left += w + gap_x;
        }
        top += height;
    }
    (places, top - y)
}

fn flow_facts(items: Vec<Item>, at: (f64, f64)) -> (Vec<Fact>, f64) {
    let sizes: Vec<(f64, f64)> = items.iter().map(|i| (i.width, i.height)).collect();
    let (places, height) = flow(&sizes, at, INNER, FACT_GAPS);
    let mut facts = Vec::new();
    for (item, (x, y)) in items.into_iter().zip(places) {
        for mut part in item.parts {
            part.shift(x, y);
            facts.push(part);
        }
    }
    (facts, height)
}

/// Tags as chips, wrapped as the board wraps them; a tag wider than the card wraps inside
/// its chip.
fn chips(tags: &[String], at: (f64, f64)) -> (Vec<Chip>, f64) {
    let most = INNER - 2.0 * TAG_PAD.0;
    let texts: Vec<Lines> = tags
        .iter()
        .map(|tag| Lines::wrapped(tag, TAG_FONT, most, (0.0, 0.0), TAG_STEP).centred())
        .collect();
    let sizes: Vec<(f64, f64)> = texts
        .iter()
        .map(|text| {
            let inked = text
                .lines
                .iter()
                .map(|l| width(l.trim_end(), TAG_FONT))
                .fold(0.0, f64::max);
            (inked + 2.0 * TAG_PAD.0, text.height() + 2.0 * TAG_PAD.1)
        })
        .collect();
    let (places, height) = flow(&sizes, at, INNER, (TAG_GAP, TAG_GAP));
    let chips = texts
        .into_iter()
        .zip(sizes)
        .zip(places)
        .map(|((text, (width, height)), (x, y))| Chip {
            x,
            y,
            width,
            height,
            text: Lines {
                x: x + width / 2.0,
                top: y + TAG_PAD.1,
                ..text
            },
        })
        .collect();
    (chips, height)
}

/// A metric's reading in its pale box from `(x, y)`: its name and value, then its details and
/// whether it meets its target, each wrapped to the box.
fn reading(words: &MetricWords, (x, y): (f64, f64)) -> Reading {
    let box_width = CARD_WIDTH - 2.0 * METRIC_MARGIN;
    let inner = box_width - 2.0 * METRIC_PAD.0;
    let left = x + METRIC_PAD.0;
    let top = y + METRIC_PAD.1;
    let mut name = Lines::wrapped(&words.name, METRIC_FONT, inner, (left, top), METRIC_STEP);
    let value_width = width(&words.value, VALUE_FONT);
    let indent = name
        .lines
        .last()
        .map(|l| width(l, METRIC_FONT) + width(" ", METRIC_FONT))
        .filter(|indent| indent + value_width <= inner);
    let mut texts = Vec::new();
    let mut bottom = top + name.height();
    match (indent, name.lines.pop()) {
        (Some(indent), Some(last)) => {
            // The value shares the name's last line, which is as tall as the value's, and
            // stands on the same baseline.
            let line_top = top + name.height();
            let level = 0.35 * (VALUE_FONT.size - METRIC_FONT.size);
            texts.push(name);
            texts.push(Lines::one(
                &last,
                METRIC_FONT,
                (left, line_top + level),
                VALUE_STEP,
            ));
            texts.push(Lines::one(
                &words.value,
                VALUE_FONT,
                (left + indent, line_top),
                VALUE_STEP,
            ));
            bottom = line_top + VALUE_STEP;
        }
        (_, last) => {
            name.lines.extend(last);
            let value = Lines::wrapped(&words.value, VALUE_FONT, inner, (left, bottom), VALUE_STEP);
            bottom += value.height();
            texts.push(name);
            texts.push(value);
        }
    }
    if !words.details.is_empty() {
        let details = words.details.join(" · ");
        let details = Lines::wrapped(&details, METRIC_FONT, inner, (left, bottom), METRIC_STEP)
            .in_colour(MUTED);
        bottom += details.height();
        texts.push(details);
    }
    if let Some((met, verdict)) = &words.verdict {
        let (mark, colour) = if *met { ("✓", MET) } else { ("✗", BAD) };
        let font = Font::semibold(METRIC_FONT.size);
        let verdict = Lines::wrapped(
            &format!("{mark} {verdict}"),
            font,
            inner,
            (left, bottom),
            METRIC_STEP,
        )
        .in_colour(colour);
        bottom += verdict.height();
        texts.push(verdict);
    }
    Reading {
        x,
        y,
        width: box_width,
        height: bottom + METRIC_PAD.1 - y,
        texts,
    }
}
