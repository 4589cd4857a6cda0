//! Where each part of the board goes, in CSS pixels at 1× (1 rem = 16 px), with the sizes of
//! `style/main.css` at normal density.

use super::card::{self, CardBox};
use super::emotions::{CURVE_HEIGHT, Curve};
use super::text::{Font, Lines, width};
use super::{Labels, SvgOptions};
use crate::avatar;
use crate::ids::{LaneId, StageId};
use crate::map::{BlueprintLine, Card, JourneyMap, Lane, Persona};
use std::collections::HashMap;

pub(super) const REM: f64 = 16.0;
/// The board's lines: every header and cell has one on its right and one below.
pub(super) const RULE: f64 = 1.0;
/// `--lane-head`, the lane names' column, and `--col`, a stage's.
pub(super) const LANE_HEAD: f64 = 12.0 * REM;
pub(super) const COLUMN: f64 = 13.5 * REM;

/// `.header-text`: a name in a header, padded .15rem .3rem inside a 1px border.
const NAME_PAD: (f64, f64) = (0.3 * REM + 1.0, 0.15 * REM + 1.0);
/// Stage headers: padding .55rem .5rem, 1rem semibold at line height 1.3.
const STAGE_PAD: (f64, f64) = (0.5 * REM, 0.55 * REM);
const STAGE_FONT: Font = Font::semibold(REM);
/// Lane headers: padding .6rem .4rem, .9rem semibold at line height 1.3.
const LANE_PAD: (f64, f64) = (0.4 * REM, 0.6 * REM);
const LANE_FONT: Font = Font::semibold(0.9 * REM);
/// Room between a lane's name and the emotion curve's legend.
const LEGEND_GAP: f64 = 0.4 * REM;

/// A blueprint line's row: 1.7rem; its name .78rem semibold at line height 1.4 in a pill
/// (padding 0 .5rem, 1px border) .8rem from the left and .2rem from the top.
pub(super) const LINE_ROW: f64 = 1.7 * REM;
const LINE_FONT: Font = Font::semibold(0.78 * REM);
const LINE_STEP: f64 = 1.4 * 0.78 * REM;
const PILL_PAD: f64 = 0.5 * REM + 1.0;
const PILL_AT: (f64, f64) = (0.8 * REM, 0.2 * REM);

/// The band above the board (`.persona-header`): padding .5rem 1rem; the title; the avatar
/// (2.75rem) beside the persona's name (1.05rem bold), role and quote (.9rem).
const BAND_PAD: (f64, f64) = (REM, 0.5 * REM);
const TITLE_FONT: Font = Font::bold(1.25 * REM);
const AVATAR: f64 = 2.75 * REM;
const NAME_FONT: Font = Font::bold(1.05 * REM);
const ROLE_FONT: Font = Font::regular(0.9 * REM);
const BAND_GAP: f64 = 0.6 * REM;

/// Where everything goes. `width` and `height` are the picture's, in whole pixels.
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub columns: Vec<Column>,
    /// The lanes drawn, in order.
    pub rows: Vec<Row>,
    pub(super) title: String,
    pub(super) band: Option<Band>,
    /// The stage headers' row: its top and height.
    pub(super) head: (f64, f64),
    pub(super) lines: Vec<LineRow>,
}

/// A stage's column, from its left edge to the right of its line.
pub struct Column {
    pub stage: StageId,
    pub left: f64,
    pub width: f64,
    pub(super) name: Lines,
}

/// A lane's row, from its top to the bottom of its line.
pub struct Row {
    pub lane: LaneId,
    pub top: f64,
    pub height: f64,
    pub(super) name: Lines,
    pub(super) body: Body,
}

pub(super) enum Body {
    /// Each stage's cards, in stage order.
    Cells(Vec<Vec<CardBox>>),
    Curve(Box<Curve>),
}

/// A service blueprint's line between two lanes, with its name in a pill.
pub(super) struct LineRow {
    pub top: f64,
    pub name: Lines,
    pub pill: (f64, f64, f64, f64),
}

pub(super) struct Band {
    pub height: f64,
    pub title: Option<Lines>,
    pub persona: Option<PersonaBlock>,
}

/// The persona whose curve it is, as the board's header shows it.
pub(super) struct PersonaBlock {
    pub centre: (f64, f64),
    pub radius: f64,
    pub initials: Lines,
    pub colour: (u8, u8, u8),
    pub texts: Vec<Lines>,
}

/// Lays the board out; see the module `svg`'s documentation for what it shows.
pub fn layout(map: &JourneyMap, labels: &dyn Labels, options: &SvgOptions) -> Layout {
    let width = LANE_HEAD + map.stages.len() as f64 * COLUMN;
    let chosen = options
        .persona
        .as_ref()
        .and_then(|id| map.persona(id))
        .or(map.personas.first());
    let title = labels.title();
    let band = band(&title, chosen, labels, width);
    let mut y = band.as_ref().map_or(0.0, |b| b.height);
    let columns: Vec<Column> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let left = LANE_HEAD + i as f64 * COLUMN;
            let at = (
                left + STAGE_PAD.0 + NAME_PAD.0,
                y + STAGE_PAD.1 + NAME_PAD.1,
            );
            let room = COLUMN - RULE - 2.0 * (STAGE_PAD.0 + NAME_PAD.0);
            Column {
                stage: stage.id.clone(),
                left,
                width: COLUMN,
                name: Lines::wrapped(&stage.name, STAGE_FONT, room, at, 1.3 * STAGE_FONT.size)
                    .in_colour("#ffffff"),
            }
        })
        .collect();
    let tallest = columns.iter().map(|c| c.name.height()).fold(0.0, f64::max);
    let head_height = header_height(tallest, STAGE_FONT, STAGE_PAD.1);
    let head = (y, head_height);
    y += head_height;

    let stage_at: HashMap<&StageId, usize> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (&s.id, i))
        .collect();
    let mut cells: HashMap<&LaneId, Vec<Vec<&Card>>> = HashMap::new();
    for card in &map.cards {
        if let Some(&i) = stage_at.get(&card.stage) {
            cells
                .entry(&card.lane)
                .or_insert_with(|| vec![Vec::new(); map.stages.len()])[i]
                .push(card);
        }
    }
    let shown: Vec<&Lane> = map
        .lanes
        .iter()
        .filter(|l| options.include_hidden_lanes || !l.hidden)
        .collect();
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for (i, lane) in shown.iter().enumerate() {
        let line = i
            .checked_sub(1)
            .and_then(|j| BlueprintLine::between(shown[j].kind, lane.kind));
        if let Some(line) = line {
            lines.push(line_row(&labels.line(line), y));
            y += LINE_ROW + RULE;
        }
        let at = (LANE_PAD.0 + NAME_PAD.0, y + LANE_PAD.1 + NAME_PAD.1);
        let room = LANE_HEAD - RULE - 2.0 * (LANE_PAD.0 + NAME_PAD.0);
        let name = Lines::wrapped(
            &labels.lane(lane),
            LANE_FONT,
            room,
            at,
            1.3 * LANE_FONT.size,
        );
        let head = header_height(name.height(), LANE_FONT, LANE_PAD.1);
        let (body, height) = if lane.kind.holds_cards() {
            let lane_cells = cells.get(&lane.id);
            let mut tallest = head;
            let stacks = columns
                .iter()
                .enumerate()
                .map(|(s, column)| {
                    let cards = lane_cells.map_or(&[][..], |c| &c[s]);
                    let (boxes, height) = card::stack(cards, labels, (column.left, y));
                    tallest = f64::max(tallest, height);
                    boxes
                })
                .collect();
            (Body::Cells(stacks), tallest)
        } else {
            let span = (width - LANE_HEAD - RULE).max(0.0);
            let mut curve = Curve::new(map, chosen, (LANE_HEAD, y), span);
            let legend_top = at.1 + name.height().max(name.step) + LEGEND_GAP;
            let legend = curve.with_legend(map, chosen, (at.0, legend_top), room);
            let head = if legend > 0.0 {
                head + LEGEND_GAP + legend
            } else {
                head
            };
            (Body::Curve(Box::new(curve)), head.max(CURVE_HEIGHT))
        };
        rows.push(Row {
            lane: lane.id.clone(),
            top: y,
            height: height + RULE,
            name,
            body,
        });
        y += height + RULE;
    }
    Layout {
        width,
        height: y.ceil(),
        columns,
        rows,
        title,
        band,
        head,
        lines,
    }
}

/// A header's height with `names` of text in it: never less than one line, padded, and its
/// line below.
fn header_height(names: f64, font: Font, pad: f64) -> f64 {
    names.max(1.3 * font.size) + 2.0 * (pad + NAME_PAD.1) + RULE
}

fn line_row(name: &str, top: f64) -> LineRow {
    let name_width = width(name, LINE_FONT);
    let (x, y) = (PILL_AT.0, top + PILL_AT.1);
    let pill = (x, y, name_width + 2.0 * PILL_PAD, LINE_STEP + 2.0);
    let name = Lines::one(name, LINE_FONT, (x + pill.2 / 2.0, y + 1.0), LINE_STEP)
        .in_colour(super::palette::BRAND)
        .centred();
    LineRow { top, name, pill }
}

/// The band above the board: the title line, then the persona; none without either.
fn band(title: &str, persona: Option<&Persona>, labels: &dyn Labels, width: f64) -> Option<Band> {
    let title = (!title.trim().is_empty()).then_some(title);
    if title.is_none() && persona.is_none() {
        return None;
    }
    let room = width - 2.0 * BAND_PAD.0;
    let mut y = BAND_PAD.1;
    let gap = if title.is_some() { BAND_GAP } else { 0.0 };
    let title = title.map(|t| {
        let lines = Lines::wrapped(t, TITLE_FONT, room, (BAND_PAD.0, y), 1.3 * TITLE_FONT.size);
        y += lines.height();
        lines
    });
    let persona = persona.map(|p| {
        let (block, height) = persona_block(p, labels, (BAND_PAD.0, y + gap), room);
        y += gap + height;
        block
    });
    Some(Band {
        height: y + BAND_PAD.1 + RULE,
        title,
        persona,
    })
}

/// The avatar (initials on the persona's colour) beside the name, the role after the name
/// when it fits on its line, and the quote below; the two centred on each other.
fn persona_block(
    persona: &Persona,
    labels: &dyn Labels,
    (x, top): (f64, f64),
    room: f64,
) -> (PersonaBlock, f64) {
    let text_x = x + AVATAR + REM;
    let text_room = room - AVATAR - REM;
    let name_step = 1.3 * NAME_FONT.size;
    let step = 1.3 * ROLE_FONT.size;
    let name = Lines::wrapped(
        &persona.name,
        NAME_FONT,
        text_room,
        (text_x, top),
        name_step,
    );
    let mut bottom = top + name.height();
    let mut texts = Vec::new();
    let role = &persona.profile.role;
    if !role.trim().is_empty() {
        let after = name
            .lines
            .last()
            .map(|l| width(l.trim_end(), NAME_FONT) + 0.6 * REM);
        let role = match after.filter(|a| a + width(role, ROLE_FONT) <= text_room) {
            // On the name's last line, on its baseline.
            Some(after) => {
                let level = 0.35 * (NAME_FONT.size - ROLE_FONT.size);
                Lines::one(
                    role,
                    ROLE_FONT,
                    (text_x + after, bottom - name_step + level),
                    name_step,
                )
            }
            None => {
                let lines = Lines::wrapped(role, ROLE_FONT, text_room, (text_x, bottom), step);
                bottom += lines.height();
                lines
            }
        };
        texts.push(role.in_colour(super::palette::MUTED));
    }
    if !persona.quote.trim().is_empty() {
        let quote = labels.quote(&persona.quote);
        let lines = Lines::wrapped(&quote, ROLE_FONT, text_room, (text_x, bottom), step)
            .in_colour(super::palette::MUTED)
            .italic();
        bottom += lines.height();
        texts.push(lines);
    }
    texts.insert(0, name);
    let height = (bottom - top).max(AVATAR);
    let shift = (height - (bottom - top)) / 2.0;
    let texts = texts.into_iter().map(|t| t.moved_down(shift)).collect();
    let radius = AVATAR / 2.0;
    let centre = (x + radius, top + height / 2.0);
    let initials = Lines::one(
        &avatar::initials(&persona.name),
        Font::bold(REM),
        (centre.0, centre.1 - 0.65 * REM),
        1.3 * REM,
    )
    .in_colour("#ffffff")
    .centred();
    let block = PersonaBlock {
        centre,
        radius,
        initials,
        colour: avatar::colour(&persona.id.0),
        texts,
    };
    (block, height)
}
