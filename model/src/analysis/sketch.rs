//! Small hand-built maps for the analysis' tests: stages `s0`, `s1`…, lanes `l0`… of the given
//! kinds, personas `p0`…, cards `c0`… in the order they are added.

use crate::ids::{CardId, LaneId, MapId, PersonaId, StageId};
use crate::map::{Card, Cell, EmotionScore, JourneyMap, Lane, LaneKind, Locale, Persona, Score};
use crate::metric::{Metric, MetricKind, Number, Rating};
use crate::touchpoint::Channel;
use chrono::DateTime;

pub(super) struct Sketch {
    map: JourneyMap,
}

impl Sketch {
    pub fn new(stages: usize, lanes: &[LaneKind]) -> Sketch {
        Sketch {
            map: JourneyMap {
                id: MapId::new("m"),
                title: "Sketch".into(),
                locale: Locale::En,
                created: DateTime::UNIX_EPOCH,
                updated: DateTime::UNIX_EPOCH,
                stages: (0..stages)
                    .map(|i| crate::map::Stage {
                        id: StageId::new(format!("s{i}")),
                        name: format!("Stage {i}"),
                    })
                    .collect(),
                lanes: lanes
                    .iter()
                    .enumerate()
                    .map(|(i, &kind)| Lane {
                        id: LaneId::new(format!("l{i}")),
                        kind,
                        name: None,
                        hidden: false,
                    })
                    .collect(),
                cards: Vec::new(),
                personas: Vec::new(),
            },
        }
    }

    /// A persona with a score (or none) per stage from the first, and preferred channels.
    pub fn persona(&mut self, scores: &[Option<i8>], channels: &[Channel]) {
        let i = self.map.personas.len();
        let mut persona = Persona::new(PersonaId::new(format!("p{i}")), format!("Persona {i}"));
        persona.emotions = scores
            .iter()
            .enumerate()
            .filter_map(|(s, score)| {
                Some(EmotionScore {
                    stage: StageId::new(format!("s{s}")),
                    score: Score::new((*score)?).expect("a score on the scale"),
                    note: String::new(),
                })
            })
            .collect();
        persona.profile.channels = crate::touchpoint::tidy_channels(channels.to_vec());
        self.map.personas.push(persona);
    }

    /// A new card at the end of the cell of lane `lane` and stage `stage`.
    pub fn card(&mut self, lane: usize, stage: usize) -> &mut Card {
        let cell = Cell {
            lane: self.map.lanes[lane].id.clone(),
            stage: self.map.stages[stage].id.clone(),
        };
        let id = CardId::new(format!("c{}", self.map.cards.len()));
        self.map.cards.push(Card::new(id, cell, String::new()));
        self.map.cards.last_mut().expect("just added")
    }

    /// A new card with a metric of `kind` and `value`.
    pub fn metric(&mut self, lane: usize, stage: usize, kind: MetricKind, value: f64) -> &mut Card {
        let card = self.card(lane, stage);
        card.metric = Some(Metric::new(kind, Number::new(value).expect("finite")));
        card
    }

    /// A new card rated `impact` and `effort` (0 for none).
    pub fn rated(&mut self, lane: usize, stage: usize, impact: u8, effort: u8) -> &mut Card {
        let card = self.card(lane, stage);
        card.impact = Rating::new(impact);
        card.effort = Rating::new(effort);
        card
    }

    pub fn hide_lane(&mut self, lane: usize) {
        self.map.lanes[lane].hidden = true;
    }

    pub fn map(&self) -> JourneyMap {
        self.map.clone()
    }
}

pub(super) fn stage(i: usize) -> StageId {
    StageId::new(format!("s{i}"))
}

pub(super) fn card(i: usize) -> CardId {
    CardId::new(format!("c{i}"))
}

pub(super) fn persona(i: usize) -> PersonaId {
    PersonaId::new(format!("p{i}"))
}

pub(super) fn score(value: i8) -> Score {
    Score::new(value).expect("a score on the scale")
}
