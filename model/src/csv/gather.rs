//! A table's rows gathered into what the map needs, then the map. Whatever the number of
//! rows, what is kept is bounded by the map's caps: each distinct stage and lane a row names
//! once, each persona once, the cards (reading stops past `Limit::Cards`), and only the
//! scores that may still count.

use super::row::{CardRow, Content, LanePlace, LaneQuery, Place, Row, StagePlace};
use super::{Column, CsvError, Problem, ProblemKind, Problems};
use crate::format::Oversized;
use crate::ids::{CardId, LaneId, MapId, PersonaId, StageId};
use crate::map::{
    Card, EmotionScore, JourneyMap, Lane, LaneKind, Limit, Locale, Persona, Score, Stage,
};
use crate::plan::MAX_ADDRESSED;
use crate::templates::{numbered_stage_name, starter_persona_name};
use chrono::{DateTime, Utc};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

fn too_many(limit: Limit) -> CsvError {
    CsvError::TooLarge {
        what: Oversized::Count(limit),
        limit: limit.max(),
    }
}

/// Each value once, in order of first appearance.
struct Distinct<T> {
    values: Vec<T>,
    at: HashMap<T, usize>,
}

impl<T> Default for Distinct<T> {
    fn default() -> Self {
        Distinct {
            values: Vec::new(),
            at: HashMap::new(),
        }
    }
}

impl<T: Clone + Eq + Hash> Distinct<T> {
    /// The value's place, and whether it is new.
    fn index(&mut self, value: T) -> (usize, bool) {
        match self.at.entry(value) {
            Entry::Occupied(entry) => (*entry.get(), false),
            Entry::Vacant(entry) => {
                self.values.push(entry.key().clone());
                (*entry.insert(self.values.len() - 1), true)
            }
        }
    }
}

/// Places of stages or lanes, and how many of each sort, to stop as soon as they must make
/// more than a map holds.
struct Places<T, Q> {
    places: Distinct<Place<T, Q>>,
    numbered: usize,
    unnumbered: usize,
}

impl<T, Q> Default for Places<T, Q> {
    fn default() -> Self {
        Places {
            places: Distinct::default(),
            numbered: 0,
            unnumbered: 0,
        }
    }
}

impl<T: Clone + Eq + Hash, Q: Clone + Eq + Hash> Places<T, Q> {
    /// The place's index; an error once the numbered places make more than `limit` allows,
    /// or there are more than `unnumbered` distinct places without a number, which must then
    /// make more too.
    fn index(
        &mut self,
        place: Place<T, Q>,
        limit: Limit,
        unnumbered: usize,
    ) -> Result<usize, CsvError> {
        let numbered = matches!(place, Place::Numbered(..));
        let (at, new) = self.places.index(place);
        if new {
            let over = if numbered {
                self.numbered += 1;
                limit.exceeded_by(self.numbered)
            } else {
                self.unnumbered += 1;
                self.unnumbered > unnumbered
            };
            if over {
                return Err(too_many(limit));
            }
        }
        Ok(at)
    }

    /// The things the places make, in order (numbered ones by number, ties in order of first
    /// appearance; then the ones made by places without a number that `matches` no earlier
    /// one), with each place's thing.
    fn arrange(
        &self,
        matches: impl Fn(&Q, &T) -> bool,
        make: impl Fn(&Q) -> T,
        limit: Limit,
    ) -> Result<(Vec<T>, Vec<usize>), CsvError> {
        let places = &self.places.values;
        let mut numbered: Vec<(u32, usize, &T)> = places
            .iter()
            .enumerate()
            .filter_map(|(at, place)| match place {
                Place::Numbered(number, thing) => Some((*number, at, thing)),
                Place::Unnumbered(_) => None,
            })
            .collect();
        numbered.sort_by_key(|&(number, ..)| number);
        let mut thing_of = vec![0; places.len()];
        let mut things = Vec::with_capacity(numbered.len());
        for (i, &(_, at, thing)) in numbered.iter().enumerate() {
            things.push(thing.clone());
            thing_of[at] = i;
        }
        for (at, place) in places.iter().enumerate() {
            if let Place::Unnumbered(query) = place {
                thing_of[at] = match things.iter().position(|thing| matches(query, thing)) {
                    Some(i) => i,
                    None => {
                        things.push(make(query));
                        if limit.exceeded_by(things.len()) {
                            return Err(too_many(limit));
                        }
                        things.len() - 1
                    }
                };
            }
        }
        Ok((things, thing_of))
    }
}

/// A card's row with its places.
struct GatheredCard {
    stage: usize,
    lane: usize,
    row: usize,
    personas: Vec<usize>,
    read: CardRow,
}

/// A score's row with its stage's place; no personas: every persona.
struct GatheredScore {
    stage: usize,
    row: usize,
    personas: Vec<usize>,
    score: Score,
    note: String,
}

#[derive(Default)]
pub(super) struct Gathered {
    stages: Places<String, String>,
    lanes: Places<(Option<String>, LaneKind), LaneQuery>,
    /// For each lane place, whether a row of it says the lane is hidden.
    hidden: Vec<bool>,
    personas: Distinct<String>,
    cards: Vec<GatheredCard>,
    scores: Vec<GatheredScore>,
    /// The stage places and personas (none: every persona) some kept score is for.
    scored: HashSet<(usize, Option<usize>)>,
}

impl Gathered {
    fn stage(&mut self, place: StagePlace) -> Result<usize, CsvError> {
        // A place without a number finds a stage by name: distinct ones are at most the stages.
        self.stages.index(place, Limit::Stages, Limit::Stages.max())
    }

    fn lane(&mut self, place: LanePlace, hidden: bool) -> Result<usize, CsvError> {
        // A place without a number finds a lane by name and kind, or by name, or by kind:
        // distinct ones are at most twice the lanes, and one more for each kind.
        let unnumbered = 2 * Limit::Lanes.max() + LaneKind::ALL.len();
        let at = self.lanes.index(place, Limit::Lanes, unnumbered)?;
        if at == self.hidden.len() {
            self.hidden.push(false);
        }
        self.hidden[at] |= hidden;
        Ok(at)
    }

    fn persona(&mut self, name: String) -> Result<usize, CsvError> {
        let (at, _) = self.personas.index(name);
        if Limit::Personas.exceeded_by(self.personas.values.len()) {
            return Err(too_many(Limit::Personas));
        }
        Ok(at)
    }

    /// Keeps what `row` adds; an error as soon as the rows make more than a map holds.
    pub fn add(&mut self, row: Row, problems: &mut Problems) -> Result<(), CsvError> {
        let stage = row.stage.map(|p| self.stage(p)).transpose()?;
        let lane = row.lane.map(|p| self.lane(p, row.hidden)).transpose()?;
        let mut personas = Vec::with_capacity(row.personas.len());
        for name in row.personas {
            let at = self.persona(name)?;
            if !personas.contains(&at) {
                personas.push(at);
            }
        }
        let (Some(stage), Some(lane)) = (stage, lane) else {
            return Ok(());
        };
        match row.content {
            Content::Card(read) => {
                if Limit::Cards.exceeded_by(self.cards.len() + 1) {
                    return Err(too_many(Limit::Cards));
                }
                self.cards.push(GatheredCard {
                    stage,
                    lane,
                    row: row.number,
                    personas,
                    read: *read,
                });
            }
            Content::Score(score, note) => {
                let whom: Vec<Option<usize>> = if personas.is_empty() {
                    vec![None]
                } else {
                    personas.iter().copied().map(Some).collect()
                };
                let mut counts = false;
                for persona in whom {
                    counts |= self.scored.insert((stage, persona));
                }
                if counts {
                    self.scores.push(GatheredScore {
                        stage,
                        row: row.number,
                        personas,
                        score,
                        note,
                    });
                } else {
                    problems.push(repeated_score(row.number));
                }
            }
            Content::Names => {}
        }
        Ok(())
    }

    /// The map, with ids from `mint`: stages, lanes, personas, cards in board order, then the map's.
    pub fn build(
        self,
        locale: Locale,
        now: DateTime<Utc>,
        mint: &mut dyn FnMut() -> String,
        problems: &mut Problems,
    ) -> Result<JourneyMap, CsvError> {
        let (names, stage_of) =
            self.stages
                .arrange(|q, name| q == name, String::clone, Limit::Stages)?;
        let (kinds, lane_of) =
            self.lanes
                .arrange(LaneQuery::matches, LaneQuery::lane, Limit::Lanes)?;
        let stages: Vec<Stage> = names
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
        let mut lanes: Vec<Lane> = kinds
            .into_iter()
            .map(|(name, kind)| Lane {
                id: LaneId::new(mint()),
                kind,
                name,
                hidden: false,
            })
            .collect();
        for (place, hidden) in self.hidden.iter().enumerate() {
            lanes[lane_of[place]].hidden |= hidden;
        }
        let mut names = self.personas.values;
        if names.is_empty() {
            names.push(starter_persona_name(locale).to_owned());
        }
        let mut personas: Vec<Persona> = names
            .into_iter()
            .map(|name| Persona::new(PersonaId::new(mint()), name))
            .collect();
        let mut scores: Vec<Vec<(usize, EmotionScore)>> = vec![Vec::new(); personas.len()];
        let mut scored = HashSet::new();
        for gathered in self.scores {
            let stage = stage_of[gathered.stage];
            let whom = if gathered.personas.is_empty() {
                (0..personas.len()).collect()
            } else {
                gathered.personas
            };
            let mut repeated = false;
            for p in whom {
                if scored.insert((p, stage)) {
                    let score = EmotionScore {
                        stage: stages[stage].id.clone(),
                        score: gathered.score,
                        note: gathered.note.clone(),
                    };
                    scores[p].push((stage, score));
                } else {
                    repeated = true;
                }
            }
            if repeated {
                problems.push(repeated_score(gathered.row));
            }
        }
        for (persona, mut scores) in personas.iter_mut().zip(scores) {
            scores.sort_by_key(|&(stage, _)| stage);
            persona.emotions = scores.into_iter().map(|(_, score)| score).collect();
        }
        let placed: Vec<Placed> = self
            .cards
            .into_iter()
            .map(|card| Placed {
                at: (stage_of[card.stage], lane_of[card.lane]),
                stage: stages[stage_of[card.stage]].id.clone(),
                lane: lanes[lane_of[card.lane]].id.clone(),
                personas: card
                    .personas
                    .iter()
                    .map(|&p| personas[p].id.clone())
                    .collect(),
                row: card.row,
                read: card.read,
            })
            .collect();
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
}

fn repeated_score(row: usize) -> Problem {
    Problem {
        row,
        column: Some(Column::Score),
        kind: ProblemKind::Repeated,
    }
}

/// A card's row with its place on the board.
struct Placed {
    /// The places of its stage and lane.
    at: (usize, usize),
    stage: StageId,
    lane: LaneId,
    personas: Vec<PersonaId>,
    row: usize,
    read: CardRow,
}

/// The cards of `placed` (in row order) in board order, with ids minted in that order, so
/// that a map read, written and read again is the same map; and with their addresses.
fn cards(
    placed: &[Placed],
    mint: &mut dyn FnMut() -> String,
    problems: &mut Problems,
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
                lane: card.lane.clone(),
                stage: card.stage.clone(),
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
    problems: &mut Problems,
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
