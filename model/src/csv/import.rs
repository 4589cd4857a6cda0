//! Reading a CSV into a new map: the table, what its header says, and the map its rows make
//! (see the module's documentation for the rules).

use super::record::{self, Record};
use super::row::{self, CardRow, Cells, Content, Fields, LaneQuery, Place, Row};
use super::{COLUMNS, Column, CsvError, CsvImport, MappingError, Problem, ProblemKind};
use crate::format::{MAX_DOCUMENT_BYTES, Oversized};
use crate::ids::{CardId, LaneId, MapId, PersonaId, StageId};
use crate::map::{Card, Cell, EmotionScore, JourneyMap, Lane, Limit, Locale, Persona, Stage};
use crate::plan::MAX_ADDRESSED;
use crate::templates::{numbered_stage_name, starter_persona_name};
use chrono::{DateTime, Utc};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Reads a CSV whose header names Traseu's columns into a new map in `locale`, made `now`,
/// with ids from `mint`.
pub fn from_csv(
    text: &str,
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> Result<CsvImport, CsvError> {
    let table = Table::read(text)?;
    let fields = table.fields_named()?;
    table.import(&fields, locale, now, mint)
}

/// Reads a CSV with the columns a person mapped: each pair is a column's place in the header
/// (from 0) and what it holds. Columns not mapped are not read.
pub fn from_csv_mapped(
    text: &str,
    mapping: &[(usize, Column)],
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> Result<CsvImport, CsvError> {
    let table = Table::read(text)?;
    let fields = table.fields_mapped(mapping)?;
    table.import(&fields, locale, now, mint)
}

const BOM: char = '\u{feff}';

struct Table {
    header: Vec<String>,
    /// The records after the header; the first is row 2.
    records: Vec<Record>,
}

fn too_many(limit: Limit) -> CsvError {
    CsvError::TooLarge {
        what: Oversized::Count(limit),
        limit: limit.max(),
    }
}

impl Table {
    fn read(text: &str) -> Result<Table, CsvError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(CsvError::TooLarge {
                what: Oversized::Bytes,
                limit: MAX_DOCUMENT_BYTES,
            });
        }
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let mut records = record::read(text, record::delimiter(text)).into_iter();
        let header = records.next().map(|r| r.cells).unwrap_or_default();
        Ok(Table {
            header,
            records: records.collect(),
        })
    }

    /// For each column of the header, whether some row has something in it.
    fn filled_columns(&self) -> Vec<bool> {
        let mut filled = vec![false; self.header.len()];
        for record in &self.records {
            for (at, cell) in record.cells.iter().enumerate().take(filled.len()) {
                filled[at] |= !cell.trim().is_empty();
            }
        }
        filled
    }

    fn fields_named(&self) -> Result<Fields, CsvError> {
        let mut fields: Fields = [None; COLUMNS];
        let (mut unknown, mut repeated) = (Vec::new(), Vec::new());
        let filled = self.filled_columns();
        for (at, name) in self.header.iter().enumerate() {
            match Column::from_name(name) {
                Some(column) if fields[column as usize].is_some() => repeated.push(at),
                Some(column) => fields[column as usize] = Some(at),
                None if name.trim().is_empty() && !filled[at] => {}
                None => unknown.push(at),
            }
        }
        let missing: Vec<Column> = Column::REQUIRED
            .into_iter()
            .filter(|c| fields[*c as usize].is_none())
            .collect();
        if missing.is_empty() && unknown.is_empty() && repeated.is_empty() {
            Ok(fields)
        } else {
            Err(CsvError::Columns {
                found: self.header.clone(),
                missing,
                unknown,
                repeated,
            })
        }
    }

    fn fields_mapped(&self, mapping: &[(usize, Column)]) -> Result<Fields, MappingError> {
        let mut fields: Fields = [None; COLUMNS];
        for &(at, column) in mapping {
            if at >= self.header.len() {
                return Err(MappingError::NoSuchColumn {
                    index: at,
                    columns: self.header.len(),
                });
            }
            if fields[column as usize].replace(at).is_some() {
                return Err(MappingError::Twice(column));
            }
        }
        if fields[Column::Text as usize].is_none() {
            return Err(MappingError::NoText);
        }
        Ok(fields)
    }

    fn import(
        &self,
        fields: &Fields,
        locale: Locale,
        now: DateTime<Utc>,
        mint: &mut dyn FnMut() -> String,
    ) -> Result<CsvImport, CsvError> {
        let mut problems = Vec::new();
        let mut rows = Vec::new();
        for (i, record) in self.records.iter().enumerate() {
            let number = i + 2;
            let skipped = if record.is_blank() {
                continue;
            } else if !record.closed {
                ProblemKind::UnclosedQuote
            } else if record.cells.len() != self.header.len() {
                ProblemKind::Width {
                    cells: record.cells.len(),
                    expected: self.header.len(),
                }
            } else {
                let cells = Cells::new(fields, &record.cells, number, locale, &mut problems);
                rows.push(row::read(cells));
                continue;
            };
            problems.push(Problem {
                row: number,
                column: None,
                kind: skipped,
            });
        }
        let map = build(&rows, locale, now, mint, &mut problems)?;
        problems.sort_by_key(|p| (p.row, p.column.map(|c| c as usize)));
        Ok(CsvImport { map, problems })
    }
}

/// The stages or lanes the rows' places make, in order: those given a number by number (one
/// for each number and `T`; a tie in the order they first appear), then the ones rows
/// without a number make when no earlier one `matches` them. With each row's place in that
/// list, if it has one.
fn arrange<T, Q>(
    places: &[Option<&Place<T, Q>>],
    matches: impl Fn(&Q, &T) -> bool,
    make: impl Fn(&Q) -> T,
    limit: Limit,
) -> Result<(Vec<T>, Vec<Option<usize>>), CsvError>
where
    T: Clone + Eq + Hash,
    Q: Eq + Hash,
{
    let mut numbered: Vec<(u32, &T)> = Vec::new();
    let mut seen = HashSet::new();
    for place in places.iter().flatten() {
        if let Place::Numbered(number, item) = place
            && seen.insert((*number, item))
        {
            numbered.push((*number, item));
        }
    }
    if limit.exceeded_by(numbered.len()) {
        return Err(too_many(limit));
    }
    numbered.sort_by_key(|&(number, _)| number);
    let index: HashMap<(u32, &T), usize> = numbered
        .iter()
        .enumerate()
        .map(|(i, &key)| (key, i))
        .collect();
    let mut items: Vec<T> = numbered.iter().map(|&(_, item)| item.clone()).collect();
    // A query's first match never changes once found, since later items go after it, so
    // each query scans the list once.
    let mut found: HashMap<&Q, usize> = HashMap::new();
    let mut at = Vec::with_capacity(places.len());
    for place in places {
        at.push(match place {
            None => None,
            Some(Place::Numbered(number, item)) => index.get(&(*number, item)).copied(),
            Some(Place::Unnumbered(query)) => Some(match found.get(query) {
                Some(&i) => i,
                None => {
                    let i = match items.iter().position(|item| matches(query, item)) {
                        Some(i) => i,
                        None => {
                            items.push(make(query));
                            if limit.exceeded_by(items.len()) {
                                return Err(too_many(limit));
                            }
                            items.len() - 1
                        }
                    };
                    found.insert(query, i);
                    i
                }
            }),
        });
    }
    Ok((items, at))
}

fn build(
    rows: &[Row],
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
    problems: &mut Vec<Problem>,
) -> Result<JourneyMap, CsvError> {
    let stage_places: Vec<_> = rows.iter().map(|r| r.stage.as_ref()).collect();
    let (stage_names, stage_at) = arrange(
        &stage_places,
        |q, name| q == name,
        String::clone,
        Limit::Stages,
    )?;
    let lane_places: Vec<_> = rows.iter().map(|r| r.lane.as_ref()).collect();
    let (lane_keys, lane_at) = arrange(
        &lane_places,
        LaneQuery::matches,
        LaneQuery::lane,
        Limit::Lanes,
    )?;
    let mut persona_at: HashMap<&str, usize> = HashMap::new();
    let mut persona_names: Vec<&str> = Vec::new();
    for name in rows.iter().flat_map(|r| &r.personas) {
        if let Entry::Vacant(entry) = persona_at.entry(name) {
            entry.insert(persona_names.len());
            persona_names.push(name);
        }
    }
    if Limit::Personas.exceeded_by(persona_names.len()) {
        return Err(too_many(Limit::Personas));
    }
    let card_rows = rows
        .iter()
        .filter(|r| matches!(r.content, Content::Card(_)))
        .count();
    if Limit::Cards.exceeded_by(card_rows) {
        return Err(too_many(Limit::Cards));
    }

    let stages: Vec<Stage> = stage_names
        .into_iter()
        .enumerate()
        .map(|(i, name)| Stage {
            id: StageId::new(mint()),
            name: if name.is_empty() {
                numbered_stage_name(locale, i + 1)
            } else {
                name
            },
        })
        .collect();
    let mut lanes: Vec<Lane> = lane_keys
        .into_iter()
        .map(|(name, kind)| Lane {
            id: LaneId::new(mint()),
            kind,
            name,
            hidden: false,
        })
        .collect();
    for (row, at) in rows.iter().zip(&lane_at) {
        if let Some(at) = at {
            lanes[*at].hidden |= row.hidden;
        }
    }
    if persona_names.is_empty() {
        persona_names.push(starter_persona_name(locale));
    }
    let mut personas: Vec<Persona> = persona_names
        .iter()
        .map(|name| Persona::new(PersonaId::new(mint()), (*name).to_owned()))
        .collect();

    let mut placed = Vec::with_capacity(card_rows);
    let mut scores: Vec<Vec<(usize, EmotionScore)>> = vec![Vec::new(); personas.len()];
    let mut scored = HashSet::new();
    for (r, row) in rows.iter().enumerate() {
        let (Some(stage), Some(lane)) = (stage_at[r], lane_at[r]) else {
            continue;
        };
        let mut seen = HashSet::new();
        let named: Vec<usize> = row
            .personas
            .iter()
            .map(|name| persona_at[name.as_str()])
            .filter(|&p| seen.insert(p))
            .collect();
        match &row.content {
            Content::Card(read) => placed.push(Placed {
                at: (stage, lane),
                cell: Cell {
                    lane: lanes[lane].id.clone(),
                    stage: stages[stage].id.clone(),
                },
                row: row.number,
                personas: named.iter().map(|&p| personas[p].id.clone()).collect(),
                read,
            }),
            Content::Score(score, note) => {
                let whom = if named.is_empty() {
                    (0..personas.len()).collect()
                } else {
                    named
                };
                for p in whom {
                    if scored.insert((p, stage)) {
                        let score = EmotionScore {
                            stage: stages[stage].id.clone(),
                            score: *score,
                            note: note.clone(),
                        };
                        scores[p].push((stage, score));
                    } else {
                        problems.push(Problem {
                            row: row.number,
                            column: Some(Column::Score),
                            kind: ProblemKind::Repeated,
                        });
                    }
                }
            }
            Content::Names => {}
        }
    }
    for (persona, mut scores) in personas.iter_mut().zip(scores) {
        scores.sort_by_key(|&(stage, _)| stage);
        persona.emotions = scores.into_iter().map(|(_, score)| score).collect();
    }
    let cards = cards(&placed, mint, problems);
    Ok(JourneyMap {
        id: MapId::new(mint()),
        title: String::new(),
        locale,
        created: now,
        updated: now,
        stages,
        lanes,
        cards,
        personas,
    })
}

/// A card's row with its place on the board.
struct Placed<'r> {
    /// The places of its stage and lane.
    at: (usize, usize),
    cell: Cell,
    row: usize,
    personas: Vec<PersonaId>,
    read: &'r CardRow,
}

/// The cards of `placed` (in row order) in board order, with ids minted in that order, so
/// that a map read, written and read again is the same map; and with their addresses.
fn cards(
    placed: &[Placed],
    mint: &mut dyn FnMut() -> String,
    problems: &mut Vec<Problem>,
) -> Vec<Card> {
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&k| placed[k].at);
    let mut ids = vec![CardId::new(""); placed.len()];
    for &k in &order {
        ids[k] = CardId::new(mint());
    }
    let mut labelled: HashMap<&str, &CardId> = HashMap::new();
    for (card, id) in placed.iter().zip(&ids) {
        if card.read.label.is_empty() {
            continue;
        }
        match labelled.entry(card.read.label.as_str()) {
            Entry::Occupied(_) => problems.push(Problem {
                row: card.row,
                column: Some(Column::Id),
                kind: ProblemKind::Repeated,
            }),
            Entry::Vacant(entry) => {
                entry.insert(id);
            }
        }
    }
    order
        .iter()
        .map(|&k| {
            let card = &placed[k];
            Card {
                id: ids[k].clone(),
                lane: card.cell.lane.clone(),
                stage: card.cell.stage.clone(),
                personas: card.personas.clone(),
                addresses: addresses(card, &ids[k], &labelled, problems),
                ..card.read.card.clone()
            }
        })
        .collect()
}

/// The cards `card` addresses, each once; a label that names no card, or the card itself,
/// is listed.
fn addresses(
    card: &Placed,
    own: &CardId,
    labelled: &HashMap<&str, &CardId>,
    problems: &mut Vec<Problem>,
) -> Vec<CardId> {
    let mut kept = Vec::new();
    let mut seen = HashSet::new();
    for label in &card.read.addresses {
        match labelled.get(label.as_str()) {
            Some(&id) if id != own => {
                if seen.insert(id) {
                    kept.push(id.clone());
                }
            }
            _ => problems.push(Problem {
                row: card.row,
                column: Some(Column::Addresses),
                kind: ProblemKind::bad_value(label),
            }),
        }
    }
    if kept.len() > MAX_ADDRESSED {
        kept.truncate(MAX_ADDRESSED);
        problems.push(Problem {
            row: card.row,
            column: Some(Column::Addresses),
            kind: ProblemKind::TooMany {
                kept: MAX_ADDRESSED,
            },
        });
    }
    kept
}
