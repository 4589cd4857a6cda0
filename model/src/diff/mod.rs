//! What changed between two versions of a map (PRODUCT.md, step 7 "Iterate"): two snapshots,
//! or a snapshot and the map as it is now. The board marks each difference and a list says the
//! same in words; both read one [`Diff`].
//!
//! Things are matched by id, which snapshots keep: a stage renamed is the same stage, and a
//! card deleted and written again is another card. Compared are the stages, lanes and cards
//! with everything they hold, the personas' names, their emotion scores at the stages both
//! versions have, and the cards' metrics. Not compared: the map's title, language and times,
//! what a persona's profile, quote and picture say, and the notes beside the scores.
//!
//! Order counts only where the board shows it: stages, lanes, and the cards of one cell. Where
//! a card sits in `map.cards` among other cells' cards means nothing (see `map`).

mod cards;
mod grid;
mod metrics;
mod order;
mod people;
mod summary;

pub use cards::{CardChange, CardField, Place, apply_cards};
pub use grid::{LaneChange, StageChange};
pub use metrics::{MetricChange, metric_direction};
pub(crate) use order::in_order;
pub use people::{EmotionChange, PersonaChange};
pub use summary::{Counts, Directions, Mark, Marks, Tally};

use crate::map::JourneyMap;

/// A value as it was and as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// Whether a change is for the better, for a kind of value that says which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Better,
    Worse,
    /// The value did not change (something beside it did, such as a metric's date).
    Same,
    /// There is no value on one side, the two measure different things, or nobody said which
    /// way is better (a custom metric).
    NotComparable,
}

impl Direction {
    /// The direction from `before` to `after` of a value for which more is better when
    /// `higher_is_better` says so.
    fn of<T: PartialOrd>(before: T, after: T, higher_is_better: Option<bool>) -> Direction {
        if before == after {
            return Direction::Same;
        }
        match (higher_is_better, after > before) {
            (None, _) => Direction::NotComparable,
            (Some(higher), rose) if higher == rose => Direction::Better,
            (Some(_), _) => Direction::Worse,
        }
    }
}

/// What kind of difference one entry of a [`Diff`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Added,
    Removed,
    /// Its place changed: another cell, or another position among the things kept in both.
    Moved,
    /// Something it holds changed: a name, a field, a lane's visibility.
    Changed,
}

/// Everything that differs between two versions of a map. Each list is in the after version's
/// journey order, with what was removed after the rest in the before version's order; see
/// each change type for what it holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    pub stages: Vec<StageChange>,
    pub lanes: Vec<LaneChange>,
    pub cards: Vec<CardChange>,
    pub personas: Vec<PersonaChange>,
    pub emotions: Vec<EmotionChange>,
    pub metrics: Vec<MetricChange>,
}

/// The differences from `before` to `after`, in time O(n log n) in the number of cards.
pub fn compare(before: &JourneyMap, after: &JourneyMap) -> Diff {
    let (cards, metrics) = cards::compare(before, after);
    Diff {
        stages: grid::compare_stages(&before.stages, &after.stages),
        lanes: grid::compare_lanes(&before.lanes, &after.lanes),
        cards,
        personas: people::compare_personas(&before.personas, &after.personas),
        emotions: people::compare_emotions(before, after),
        metrics,
    }
}

impl Diff {
    /// Whether the two versions are the same in everything compared.
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
            && self.lanes.is_empty()
            && self.cards.is_empty()
            && self.personas.is_empty()
            && self.emotions.is_empty()
            && self.metrics.is_empty()
    }
}

#[cfg(test)]
mod tests;
