//! Whom the map is for and how they feel: personas added, removed or renamed, and the emotion
//! scores that changed.

use super::order::{Matched, align};
use super::{Change, ChangeKind, Direction};
use crate::ids::{PersonaId, StageId};
use crate::map::{JourneyMap, Persona, Score};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, PartialEq)]
pub enum PersonaChange {
    /// With its scores, which are not listed again as emotion changes.
    Added(Persona),
    Removed(Persona),
    Renamed {
        id: PersonaId,
        name: Change<String>,
    },
}

impl PersonaChange {
    pub fn id(&self) -> &PersonaId {
        match self {
            PersonaChange::Added(p) | PersonaChange::Removed(p) => &p.id,
            PersonaChange::Renamed { id, .. } => id,
        }
    }

    pub fn kind(&self) -> ChangeKind {
        match self {
            PersonaChange::Added(_) => ChangeKind::Added,
            PersonaChange::Removed(_) => ChangeKind::Removed,
            PersonaChange::Renamed { .. } => ChangeKind::Changed,
        }
    }
}

/// A persona's score at a stage that both versions have, where it differs; `None` where the
/// persona had or has no score there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmotionChange {
    pub persona: PersonaId,
    pub stage: StageId,
    pub score: Change<Option<Score>>,
}

impl EmotionChange {
    /// A higher score is better; a score that appeared or went is not comparable.
    pub fn direction(&self) -> Direction {
        match (self.score.before, self.score.after) {
            (Some(before), Some(after)) => Direction::of(before, after, Some(true)),
            _ => Direction::NotComparable,
        }
    }
}

/// Personas added and renamed in the after version's order, then those removed.
pub(super) fn compare_personas(before: &[Persona], after: &[Persona]) -> Vec<PersonaChange> {
    let alignment = align(before, after, |p| &p.id);
    let mut out = Vec::new();
    for matched in alignment.after {
        match matched {
            Matched::Added(new) => out.push(PersonaChange::Added(new.item.clone())),
            Matched::Kept(k) if k.before.item.name != k.after.item.name => {
                out.push(PersonaChange::Renamed {
                    id: k.after.item.id.clone(),
                    name: Change {
                        before: k.before.item.name.clone(),
                        after: k.after.item.name.clone(),
                    },
                })
            }
            Matched::Kept(_) => {}
        }
    }
    let removed = alignment.removed.into_iter();
    out.extend(removed.map(|r| PersonaChange::Removed(r.item.clone())));
    out
}

/// For each persona in both versions (in the after version's order), the scores that changed
/// at the stages in both (in the after version's stage order). A stage added or removed brings
/// or takes its scores along, and says so itself.
pub(super) fn compare_emotions(before: &JourneyMap, after: &JourneyMap) -> Vec<EmotionChange> {
    let stages_before: HashSet<&StageId> = before.stages.iter().map(|s| &s.id).collect();
    let personas_before: HashMap<&PersonaId, &Persona> =
        before.personas.iter().map(|p| (&p.id, p)).collect();
    // Reversed, so that where a stage is scored twice the first score wins, as it does on the
    // board (`Persona::score_at`).
    fn scores(p: &Persona) -> HashMap<&StageId, Score> {
        p.emotions
            .iter()
            .rev()
            .map(|e| (&e.stage, e.score))
            .collect()
    }
    let mut out = Vec::new();
    for persona in &after.personas {
        let Some(old) = personas_before.get(&persona.id) else {
            continue;
        };
        let (then, now) = (scores(old), scores(persona));
        for stage in after
            .stages
            .iter()
            .filter(|s| stages_before.contains(&s.id))
        {
            let score = Change {
                before: then.get(&stage.id).copied(),
                after: now.get(&stage.id).copied(),
            };
            if score.before != score.after {
                out.push(EmotionChange {
                    persona: persona.id.clone(),
                    stage: stage.id.clone(),
                    score,
                });
            }
        }
    }
    out
}
