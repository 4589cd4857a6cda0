//! Writing a map as CSV (see the module's documentation for the rows and their order).

use super::cell::{guard, name_of, write_flag, write_number};
use super::{COLUMNS, Column, list, record};
use crate::ids::{LaneId, PersonaId, StageId};
use crate::map::{Card, JourneyMap, Lane, LaneKind, Persona, Stage};
use std::collections::HashMap;

/// What lets Excel read the file as UTF-8.
const BOM: char = '\u{feff}';

/// One row's cells, by column.
struct Line([String; COLUMNS]);

impl Line {
    fn new() -> Line {
        Line(Default::default())
    }

    fn set(&mut self, column: Column, value: impl Into<String>) -> &mut Line {
        self.0[column as usize] = value.into();
        self
    }

    fn stage(&mut self, stage: &Stage, index: usize) -> &mut Line {
        self.set(Column::Stage, stage.name.as_str())
            .set(Column::StageNumber, (index + 1).to_string())
    }

    fn lane(&mut self, lane: &Lane, index: usize) -> &mut Line {
        self.set(Column::Lane, lane.name.clone().unwrap_or_default())
            .set(Column::LaneKind, name_of(lane.kind))
            .set(Column::LaneNumber, (index + 1).to_string())
            .set(Column::LaneHidden, write_flag(lane.hidden))
    }

    fn write(&self, out: &mut String) {
        record::write(out, self.0.iter().map(|cell| guard(cell)));
    }
}

/// The map as CSV text, with a byte order mark first if `bom` (for Excel).
pub fn to_csv(map: &JourneyMap, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push(BOM);
    }
    record::write(&mut out, Column::ALL.map(Column::name));
    let names: HashMap<&PersonaId, &str> = map
        .personas
        .iter()
        .map(|p| (&p.id, p.name.as_str()))
        .collect();
    for persona in &map.personas {
        Line::new()
            .set(Column::Personas, list::join([&persona.name]))
            .write(&mut out);
    }
    let mut cells: HashMap<(&StageId, &LaneId), Vec<&Card>> = HashMap::new();
    for card in &map.cards {
        cells
            .entry((&card.stage, &card.lane))
            .or_default()
            .push(card);
    }
    let curve = map.lanes.iter().position(|l| l.kind == LaneKind::Emotions);
    let mut lane_written = vec![false; map.lanes.len()];
    for (s, stage) in map.stages.iter().enumerate() {
        let mut stage_written = false;
        for (l, lane) in map.lanes.iter().enumerate() {
            let mut lines: Vec<Line> = if Some(l) == curve {
                score_lines(map, stage)
            } else {
                let cards = cells.get(&(&stage.id, &lane.id));
                cards
                    .into_iter()
                    .flatten()
                    .map(|card| card_line(card, &names))
                    .collect()
            };
            for line in &mut lines {
                line.stage(stage, s).lane(lane, l).write(&mut out);
                stage_written = true;
                lane_written[l] = true;
            }
        }
        if curve.is_none() {
            for line in &mut score_lines(map, stage) {
                line.stage(stage, s)
                    .set(Column::LaneKind, name_of(LaneKind::Emotions))
                    .write(&mut out);
                stage_written = true;
            }
        }
        if !stage_written {
            Line::new().stage(stage, s).write(&mut out);
        }
    }
    for (l, lane) in map.lanes.iter().enumerate() {
        if !lane_written[l] {
            Line::new().lane(lane, l).write(&mut out);
        }
    }
    out
}

/// Each persona's score at `stage`, in persona order, without the stage and lane.
fn score_lines(map: &JourneyMap, stage: &Stage) -> Vec<Line> {
    let score = |p: &Persona| {
        let e = p.emotions.iter().find(|e| e.stage == stage.id)?;
        let mut line = Line::new();
        line.set(Column::Personas, list::join([&p.name]))
            .set(Column::Score, e.score.value().to_string())
            .set(Column::Text, e.note.as_str());
        Some(line)
    };
    map.personas.iter().filter_map(score).collect()
}

/// A card's row without its stage and lane.
fn card_line(card: &Card, names: &HashMap<&PersonaId, &str>) -> Line {
    let mut line = Line::new();
    line.set(Column::Id, card.id.as_str())
        .set(Column::Text, card.text.as_str())
        .set(Column::Colour, name_of(card.colour))
        .set(Column::Tags, list::join(&card.tags))
        .set(
            Column::Personas,
            list::join(card.personas.iter().filter_map(|p| names.get(p))),
        )
        .set(Column::Confidence, name_of(card.confidence))
        .set(Column::Evidence, list::write_sources(&card.evidence))
        .set(Column::Owner, card.owner.as_str())
        .set(
            Column::Addresses,
            list::join(card.addresses.iter().map(|a| a.as_str())),
        );
    let optional: [(Column, Option<String>); 7] = [
        (Column::Category, card.category.map(name_of)),
        (Column::Channel, card.channel.map(name_of)),
        (Column::Impact, card.impact.map(|r| r.value().to_string())),
        (Column::Effort, card.effort.map(|r| r.value().to_string())),
        (Column::Status, card.status.map(name_of)),
        (Column::Due, card.due.map(|d| d.to_string())),
        (
            Column::MetricKind,
            card.metric.as_ref().map(|m| name_of(m.kind)),
        ),
    ];
    for (column, value) in optional {
        line.set(column, value.unwrap_or_default());
    }
    if let Some(metric) = &card.metric {
        line.set(Column::MetricName, metric.name.as_str())
            .set(Column::MetricValue, write_number(metric.value.get()))
            .set(Column::MetricUnit, metric.unit.as_str())
            .set(
                Column::MetricDate,
                metric.date.map(|d| d.to_string()).unwrap_or_default(),
            )
            .set(
                Column::MetricTarget,
                metric
                    .target
                    .map(|t| write_number(t.get()))
                    .unwrap_or_default(),
            );
    }
    line
}
