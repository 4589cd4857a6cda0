//! The `%% traseu` comment lines an export carries for what a journey's tasks cannot say:
//! every persona, even one no task names, and each persona's exact score at each stage. A
//! task has one score for all its actors, on Mermaid's scale, so ±1 has no whole task score
//! and a stage may have scores but no tasks. Mermaid skips comments; the import reads them:
//!
//! ```text
//!     %% traseu personas: Ioana, Mihai        (names escaped as actors are)
//!     section Pay
//!         %% traseu scores: -1, _             (one per persona named; `_` for none)
//! ```
//!
//! A section's scores line gives the declared personas' scores at its stage only while it
//! still says what the export meant: the personas lines name each persona once, the line has
//! a whole number from −3 to 3 or `_` for each of them, it is the only one under its section,
//! and every task of the section names only declared personas and has the score the export
//! would write for it ([`task_score`]). Otherwise, after an edit in Mermaid say, it is noted
//! as ignored and the tasks' own scores count, as they always do for other personas.

use super::preprocess::{entity_codes, js_trim};
use crate::map::Score;

const PERSONAS: &str = "traseu personas:";
const SCORES: &str = "traseu scores:";
const NO_SCORE: &str = "_";

pub(super) enum Marker {
    /// Persona names, as written (escaped as actors are).
    Personas(Vec<String>),
    /// A score or none per persona of the personas line, in its order; `None` if the line
    /// cannot be read.
    Scores(Option<Vec<Option<Score>>>),
}

/// What a `%%` comment carries, if it is one of these lines.
pub(super) fn marker(comment: &str) -> Option<Marker> {
    let comment = js_trim(comment);
    if let Some(names) = comment.strip_prefix(PERSONAS) {
        let names = entity_codes(names);
        return Some(Marker::Personas(
            names.split(',').map(str::to_owned).collect(),
        ));
    }
    let scores = comment.strip_prefix(SCORES)?;
    Some(Marker::Scores(
        scores
            .split(',')
            .map(|s| match js_trim(s) {
                NO_SCORE => Some(None),
                s => s.parse().ok().and_then(Score::new).map(Some),
            })
            .collect(),
    ))
}

pub(super) fn personas_line(escaped_names: &[String]) -> String {
    format!("%% {PERSONAS} {}", escaped_names.join(", "))
}

pub(super) fn scores_line(scores: &[Option<Score>]) -> String {
    let scores: Vec<String> = scores
        .iter()
        .map(|s| s.map_or(NO_SCORE.to_owned(), |s| s.value().to_string()))
        .collect();
    format!("%% {SCORES} {}", scores.join(", "))
}

/// The score an export gives a task: the mean emotion of its personas at its stage (of those
/// with one there), mapped back onto Mermaid's 1..=5 (an emotion e becomes 3 + e / 1.5) and
/// written with at most two decimals, which Mermaid reads as any number; "3" when none of
/// them has a score. For a task of one persona, [`super::emotion_from_scores`] gives that
/// persona's emotion back.
pub fn task_score(emotions: impl IntoIterator<Item = Score>) -> String {
    let (sum, count) = emotions.into_iter().fold((0i32, 0i32), |(sum, count), e| {
        (sum + i32::from(e.value()), count + 1)
    });
    let mean = if count == 0 {
        0.0
    } else {
        f64::from(sum) / f64::from(count)
    };
    let written = format!("{:.2}", 3.0 + mean / 1.5);
    written
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}
