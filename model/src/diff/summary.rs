//! A diff read two other ways: as a mark per thing, which the board looks up as it draws each
//! stage, lane and card, and as counts, which head the list of changes.

use super::{ChangeKind, Diff, Direction};
use crate::ids::{CardId, LaneId, PersonaId, StageId};
use std::collections::HashMap;
use std::hash::Hash;

/// How the board marks one thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Added,
    Removed,
    /// In both versions, and at least one of the two is true.
    Kept {
        moved: bool,
        changed: bool,
    },
}

impl Mark {
    /// This mark with another change of the same thing.
    fn with(self, kind: ChangeKind) -> Mark {
        match (self, kind) {
            (Mark::Kept { changed, .. }, ChangeKind::Moved) => Mark::Kept {
                moved: true,
                changed,
            },
            (Mark::Kept { moved, .. }, ChangeKind::Changed) => Mark::Kept {
                moved,
                changed: true,
            },
            (_, kind) => Mark::from(kind),
        }
    }
}

impl From<ChangeKind> for Mark {
    fn from(kind: ChangeKind) -> Mark {
        match kind {
            ChangeKind::Added => Mark::Added,
            ChangeKind::Removed => Mark::Removed,
            ChangeKind::Moved => Mark::Kept {
                moved: true,
                changed: false,
            },
            ChangeKind::Changed => Mark::Kept {
                moved: false,
                changed: true,
            },
        }
    }
}

/// Every mark of a diff, by id; what is not here did not change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub stages: HashMap<StageId, Mark>,
    pub lanes: HashMap<LaneId, Mark>,
    pub cards: HashMap<CardId, Mark>,
    pub personas: HashMap<PersonaId, Mark>,
    /// The direction of each card's metric change.
    pub metrics: HashMap<CardId, Direction>,
    /// The direction of each score that changed, by persona and stage.
    pub emotions: HashMap<(PersonaId, StageId), Direction>,
}

/// How many things were added, removed, moved and changed. A thing moved and changed counts
/// in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tally {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub changed: usize,
}

/// How many changes went each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Directions {
    pub better: usize,
    pub worse: usize,
    pub same: usize,
    pub not_comparable: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counts {
    pub stages: Tally,
    pub lanes: Tally,
    pub cards: Tally,
    pub personas: Tally,
    pub emotions: Directions,
    pub metrics: Directions,
}

fn marks<'a, I: Clone + Eq + Hash + 'a>(
    entries: impl Iterator<Item = (&'a I, ChangeKind)>,
) -> HashMap<I, Mark> {
    let mut out: HashMap<I, Mark> = HashMap::new();
    for (id, kind) in entries {
        out.entry(id.clone())
            .and_modify(|mark| *mark = mark.with(kind))
            .or_insert_with(|| Mark::from(kind));
    }
    out
}

fn tally<I>(marks: &HashMap<I, Mark>) -> Tally {
    let mut tally = Tally::default();
    for mark in marks.values() {
        match *mark {
            Mark::Added => tally.added += 1,
            Mark::Removed => tally.removed += 1,
            Mark::Kept { moved, changed } => {
                tally.moved += usize::from(moved);
                tally.changed += usize::from(changed);
            }
        }
    }
    tally
}

fn directions<'a>(all: impl Iterator<Item = &'a Direction>) -> Directions {
    let mut out = Directions::default();
    for direction in all {
        *match direction {
            Direction::Better => &mut out.better,
            Direction::Worse => &mut out.worse,
            Direction::Same => &mut out.same,
            Direction::NotComparable => &mut out.not_comparable,
        } += 1;
    }
    out
}

impl Diff {
    /// The marks the board draws, found in time linear in the diff.
    pub fn marks(&self) -> Marks {
        Marks {
            stages: marks(self.stages.iter().map(|c| (c.id(), c.kind()))),
            lanes: marks(self.lanes.iter().map(|c| (c.id(), c.kind()))),
            cards: marks(self.cards.iter().map(|c| (c.id(), c.kind()))),
            personas: marks(self.personas.iter().map(|c| (c.id(), c.kind()))),
            metrics: (self.metrics.iter())
                .map(|m| (m.card.clone(), m.direction))
                .collect(),
            emotions: (self.emotions.iter())
                .map(|e| ((e.persona.clone(), e.stage.clone()), e.direction()))
                .collect(),
        }
    }

    /// How many things changed in each way: stages, lanes, cards and personas counted once
    /// each however many of their fields changed.
    pub fn counts(&self) -> Counts {
        let marks = self.marks();
        Counts {
            stages: tally(&marks.stages),
            lanes: tally(&marks.lanes),
            cards: tally(&marks.cards),
            personas: tally(&marks.personas),
            emotions: directions(marks.emotions.values()),
            metrics: directions(marks.metrics.values()),
        }
    }
}
