//! Step 6 of the method (PRODUCT.md, "Analysis"): what a map says a team should look at first.
//! [`analyse`] reads a map and returns findings and priorities as data (ids, scores, metrics,
//! channels), which the interface turns into sentences in the person's language.
//!
//! The analysis sees what the board shows. Cards in hidden lanes are left out of every rule, as
//! the channels view leaves them out: a finding must point at something the person can see.
//! Emotion scores always count, hidden emotions lane or not, since the table of scores shows them.
//! A card with no persona ticked belongs to every persona's journey (`Card::is_for`).
//!
//! Each rule has its own module, and [`FindingKind`]'s variants say what each one finds and how
//! severe it is:
//! 1. [`gaps`]: stages without touchpoints, for everyone or for one persona;
//! 2. [`moments`]: each persona's lowest and highest points and steepest drop;
//! 3. [`bottlenecks`]: the worst drop-off and conversion rates, and metrics missing targets;
//! 4. [`channels`]: preferred channels missing, and threads of a channel broken;
//! 5. [`priorities`]: pain points and opportunities ranked by impact ÷ effort;
//! 6. [`weak_evidence`]: stages whose cards are mostly assumed;
//! 7. [`unaddressed`]: pain points no opportunity addresses.
//!
//! It runs in O(n log n) in the cards (sorting them into board order once), plus the stages
//! times the personas; no rule scans all cards for each card.

mod board;
pub mod bottlenecks;
pub mod channels;
pub mod gaps;
pub mod moments;
pub mod priorities;
#[cfg(test)]
mod sketch;
pub mod unaddressed;
pub mod weak_evidence;

use crate::ids::{CardId, PersonaId, StageId};
use crate::map::{JourneyMap, Score};
use crate::metric::{Metric, Rating};
use crate::touchpoint::Channel;
use board::Board;
pub use priorities::{Priorities, Ranked};

/// What the map says, in a stable order (see [`analyse`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub priorities: Priorities,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// Where on the board it points.
    pub about: Target,
}

/// How soon a finding deserves attention. Ordered: `Low < Medium < High`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// A place on the board a finding points at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A stage's column.
    Stage(StageId),
    /// A card, always one in a shown lane.
    Card(CardId),
    /// A persona's point on the emotion curve, at a stage where it has a score.
    Emotion { persona: PersonaId, stage: StageId },
}

/// One fact the analysis found, with every id and number a sentence about it needs. The
/// variants are in the order findings are listed; each says its rule, where it points, and
/// its severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// Rule 1: no touchpoint at the stage (see [`gaps`]). Points at the stage. High when some
    /// persona scores the stage below 0 (`lowest`, the lowest score there), else Medium.
    NoTouchpoints {
        stage: StageId,
        lowest: Option<Score>,
    },
    /// Rule 1: the stage has touchpoints, none of them for this persona. Points at the stage.
    /// Medium when the persona scores the stage below 0, else Low.
    NoTouchpointsFor {
        persona: PersonaId,
        stage: StageId,
        score: Option<Score>,
    },
    /// Rule 2: the persona's lowest score, with every stage where it has it, in stage order and
    /// never none (see [`moments`]). Points at the first of them. High at −2 or below, Medium
    /// at −1, else Low.
    LowestPoint {
        persona: PersonaId,
        score: Score,
        stages: Vec<StageId>,
    },
    /// Rule 2: the persona's highest score, with every stage where it has it, as above. Points
    /// at the first of them. Always Low: it is something to keep, not to fix.
    HighestPoint {
        persona: PersonaId,
        score: Score,
        stages: Vec<StageId>,
    },
    /// Rule 2: the persona's steepest fall between consecutive scored stages. Points at the
    /// stage it falls to. High for a fall of 3 or more, Medium for 2, Low for 1.
    SteepestDrop {
        persona: PersonaId,
        from: StageId,
        from_score: Score,
        to: StageId,
        to_score: Score,
    },
    /// Rule 3: the stage's drop-off rate is the highest, or its conversion rate the lowest, of
    /// the `measured` stages that measure it (see [`bottlenecks`]); `metric.kind` says which.
    /// Points at the metric's card. Always High.
    Bottleneck {
        stage: StageId,
        card: CardId,
        metric: Metric,
        measured: usize,
    },
    /// Rule 3: a metric that misses its target in its better direction. Points at its card.
    /// Always Medium.
    MissedTarget {
        stage: StageId,
        card: CardId,
        metric: Metric,
    },
    /// Rule 4c: no touchpoint at the stage uses a channel one of its personas prefers (see
    /// [`channels`]). `personas` are the stage's personas that state preferences, `used` the
    /// channels its touchpoints use, both in order. Points at the stage. Always Medium.
    NoPreferredChannel {
        stage: StageId,
        personas: Vec<PersonaId>,
        used: Vec<Channel>,
    },
    /// Rule 4a: channels the persona prefers that none of its touchpoints at the stage use, in
    /// the order of `Channel::ALL`. Points at the stage. Always Low.
    PreferredChannelsMissing {
        persona: PersonaId,
        stage: StageId,
        channels: Vec<Channel>,
    },
    /// Rule 4b: the channel serves `from`, is absent from each of `missing` (consecutive
    /// stages), and serves `back` again. Points at the first missing stage. Always Low.
    BrokenThread {
        channel: Channel,
        from: StageId,
        missing: Vec<StageId>,
        back: StageId,
    },
    /// Rule 6: `assumed` of the stage's `cards` are assumed (see [`weak_evidence`]). Points at
    /// the stage. Medium when every card is, else Low.
    WeakEvidence {
        stage: StageId,
        assumed: usize,
        cards: usize,
    },
    /// Rule 7: a pain point no opportunity addresses (see [`unaddressed`]). Points at its card.
    /// High with an impact of 4 or 5, Low with 1 or 2, else (3 or unrated) Medium.
    UnaddressedPain {
        stage: StageId,
        card: CardId,
        impact: Option<Rating>,
    },
}

impl FindingKind {
    /// Its place in the list: the order of the variants.
    fn rank(&self) -> u8 {
        match self {
            FindingKind::NoTouchpoints { .. } => 0,
            FindingKind::NoTouchpointsFor { .. } => 1,
            FindingKind::LowestPoint { .. } => 2,
            FindingKind::HighestPoint { .. } => 3,
            FindingKind::SteepestDrop { .. } => 4,
            FindingKind::Bottleneck { .. } => 5,
            FindingKind::MissedTarget { .. } => 6,
            FindingKind::NoPreferredChannel { .. } => 7,
            FindingKind::PreferredChannelsMissing { .. } => 8,
            FindingKind::BrokenThread { .. } => 9,
            FindingKind::WeakEvidence { .. } => 10,
            FindingKind::UnaddressedPain { .. } => 11,
        }
    }

    /// The severity each variant's documentation gives.
    pub fn severity(&self) -> Severity {
        use Severity::*;
        let below_zero = |score: Option<Score>| score.is_some_and(|s| s.value() < 0);
        match self {
            FindingKind::NoTouchpoints { lowest, .. } if below_zero(*lowest) => High,
            FindingKind::NoTouchpoints { .. } => Medium,
            FindingKind::NoTouchpointsFor { score, .. } if below_zero(*score) => Medium,
            FindingKind::NoTouchpointsFor { .. } => Low,
            FindingKind::LowestPoint { score, .. } => match score.value() {
                ..=-2 => High,
                -1 => Medium,
                _ => Low,
            },
            FindingKind::HighestPoint { .. } => Low,
            FindingKind::SteepestDrop {
                from_score,
                to_score,
                ..
            } => match from_score.value() - to_score.value() {
                3.. => High,
                2 => Medium,
                _ => Low,
            },
            FindingKind::Bottleneck { .. } => High,
            FindingKind::MissedTarget { .. } => Medium,
            FindingKind::NoPreferredChannel { .. } => Medium,
            FindingKind::PreferredChannelsMissing { .. } | FindingKind::BrokenThread { .. } => Low,
            FindingKind::WeakEvidence { assumed, cards, .. } if assumed == cards => Medium,
            FindingKind::WeakEvidence { .. } => Low,
            FindingKind::UnaddressedPain { impact, .. } => match impact.map(Rating::value) {
                Some(4..) => High,
                Some(..=2) => Low,
                _ => Medium,
            },
        }
    }

    /// Where it points, as each variant's documentation says.
    pub fn target(&self) -> Target {
        match self {
            FindingKind::NoTouchpoints { stage, .. }
            | FindingKind::NoTouchpointsFor { stage, .. }
            | FindingKind::NoPreferredChannel { stage, .. }
            | FindingKind::PreferredChannelsMissing { stage, .. }
            | FindingKind::WeakEvidence { stage, .. } => Target::Stage(stage.clone()),
            FindingKind::BrokenThread { missing, from, .. } => {
                Target::Stage(missing.first().unwrap_or(from).clone())
            }
            FindingKind::LowestPoint {
                persona, stages, ..
            }
            | FindingKind::HighestPoint {
                persona, stages, ..
            } => Target::Emotion {
                persona: persona.clone(),
                // Never empty: a point is at some stage.
                stage: stages[0].clone(),
            },
            FindingKind::SteepestDrop { persona, to, .. } => Target::Emotion {
                persona: persona.clone(),
                stage: to.clone(),
            },
            FindingKind::Bottleneck { card, .. }
            | FindingKind::MissedTarget { card, .. }
            | FindingKind::UnaddressedPain { card, .. } => Target::Card(card.clone()),
        }
    }
}

impl From<FindingKind> for Finding {
    fn from(kind: FindingKind) -> Finding {
        Finding {
            severity: kind.severity(),
            about: kind.target(),
            kind,
        }
    }
}

/// Everything the map says. Findings are listed by kind, in the order of [`FindingKind`]'s
/// variants (the rules' order), then by where they point on the board, left to right: the
/// stage, then for a card its lane and its place in its cell, for an emotion point the
/// persona's place among the map's personas. Findings that point at the same place keep the
/// order of the personas, then of `Channel::ALL`. So the list only changes where the map did.
pub fn analyse(map: &JourneyMap) -> Analysis {
    let board = Board::new(map);
    let mut findings: Vec<Finding> = [
        gaps::find(&board),
        moments::find(&board),
        bottlenecks::find(&board),
        channels::find(&board),
        weak_evidence::find(&board),
        unaddressed::find(&board),
    ]
    .into_iter()
    .flatten()
    .map(Finding::from)
    .collect();
    // Stable, so findings at one place keep the persona and channel order the rules made.
    findings.sort_by_cached_key(|f| (f.kind.rank(), board.position(&f.about)));
    Analysis {
        findings,
        priorities: priorities::rank(&board),
    }
}

#[cfg(test)]
mod tests {
    use super::sketch::Sketch;
    use super::*;
    use crate::map::LaneKind::*;
    use crate::metric::{MetricKind, Number};

    #[test]
    fn an_empty_map_has_nothing_to_say() {
        let analysis = analyse(&Sketch::new(3, &[Touchpoints, PainPoints]).map());
        assert_eq!(analysis.findings, []);
        assert_eq!(analysis.priorities, Priorities::default());
        let bare = Sketch::new(0, &[]).map();
        assert_eq!(analyse(&bare).findings, []);
    }

    #[test]
    fn findings_are_listed_by_kind_then_left_to_right() {
        let mut s = Sketch::new(3, &[Touchpoints, PainPoints, Metrics]);
        s.persona(&[Some(1), Some(-2), Some(-2)], &[]);
        s.card(0, 0);
        s.card(1, 2);
        s.card(1, 1);
        for (stage, value) in [(1, 30.0), (0, 10.0)] {
            s.card(2, stage).metric = Some(Metric::new(
                MetricKind::DropOffRate,
                Number::new(value).unwrap(),
            ));
        }
        let kinds: Vec<(u8, Target)> = analyse(&s.map())
            .findings
            .into_iter()
            .map(|f| (f.kind.rank(), f.about))
            .collect();
        let stage = |i: usize| Target::Stage(StageId::new(format!("s{i}")));
        let card = |i: usize| Target::Card(CardId::new(format!("c{i}")));
        let emotion = |i: usize| Target::Emotion {
            persona: PersonaId::new("p0"),
            stage: StageId::new(format!("s{i}")),
        };
        assert_eq!(
            kinds,
            [
                (0, stage(1)),
                (0, stage(2)),
                (2, emotion(1)),
                (3, emotion(0)),
                (4, emotion(1)),
                (5, card(3)),
                (11, card(2)),
                (11, card(1)),
            ]
        );
    }

    #[test]
    fn each_finding_carries_the_severity_and_target_its_kind_gives() {
        let low = FindingKind::LowestPoint {
            persona: PersonaId::new("p"),
            score: Score::new(-3).unwrap(),
            stages: vec![StageId::new("a"), StageId::new("b")],
        };
        let finding = Finding::from(low);
        assert_eq!(finding.severity, Severity::High);
        assert_eq!(
            finding.about,
            Target::Emotion {
                persona: PersonaId::new("p"),
                stage: StageId::new("a")
            }
        );
        assert!(Severity::Low < Severity::Medium && Severity::Medium < Severity::High);
    }

    #[test]
    fn unaddressed_pains_are_as_severe_as_their_impact() {
        let pain = |impact: Option<u8>| FindingKind::UnaddressedPain {
            stage: StageId::new("s"),
            card: CardId::new("c"),
            impact: impact.and_then(Rating::new),
        };
        let severities: Vec<Severity> = [Some(5), Some(4), Some(3), None, Some(2), Some(1)]
            .map(|i| pain(i).severity())
            .to_vec();
        use Severity::*;
        assert_eq!(severities, [High, High, Medium, Medium, Low, Low]);
    }
}
