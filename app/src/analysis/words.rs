//! Each finding of `model::analysis` as a sentence in the interface's language. The model
//! gives the data (ids, scores, metrics, channels); this module alone turns it into words.

use crate::board::metric::metric_line;
use crate::i18n::*;
use crate::labels;
use leptos_i18n::I18nContext;
use model::analysis::{FindingKind, Severity};
use model::{CardId, Channel, JourneyMap, PersonaId, StageId};

/// What a sentence needs to name things: the map it is about.
pub struct Namer<'a> {
    pub i18n: I18nContext<Locale>,
    pub map: &'a JourneyMap,
}

impl Namer<'_> {
    fn stage(&self, id: &StageId) -> String {
        self.map
            .stage(id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    fn stages(&self, ids: &[StageId]) -> String {
        let i18n = self.i18n;
        self.list(ids.iter().map(|id| {
            let text = self.stage(id);
            t_string!(i18n, quoted, text).to_string()
        }))
    }

    fn persona(&self, id: &PersonaId) -> String {
        self.map
            .persona(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    pub fn card(&self, id: &CardId) -> String {
        labels::card_name_in(self.map, id)
    }

    fn channels(&self, channels: &[Channel]) -> String {
        self.list(
            channels
                .iter()
                .map(|c| labels::channel_name(self.i18n, *c).to_owned()),
        )
    }

    /// "a, b and c" in the interface's language.
    fn list(&self, items: impl Iterator<Item = String>) -> String {
        let items: Vec<String> = items.collect();
        match items.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => {
                let (rest, last) = (rest.join(", "), last.clone());
                t_string!(self.i18n, list_and, rest, last).to_string()
            }
        }
    }
}

pub fn severity_name(i18n: I18nContext<Locale>, severity: Severity) -> &'static str {
    match severity {
        Severity::High => t_string!(i18n, severity_high),
        Severity::Medium => t_string!(i18n, severity_medium),
        Severity::Low => t_string!(i18n, severity_low),
    }
}

/// The sentence for one finding.
pub fn sentence(n: &Namer, kind: &FindingKind) -> String {
    let i18n = n.i18n;
    match kind {
        FindingKind::NoTouchpoints { stage, lowest } => {
            let stage = n.stage(stage);
            match lowest.filter(|s| s.value() < 0) {
                Some(score) => {
                    let score = score.to_string();
                    t_string!(i18n, finding_gap_unhappy, stage, score).to_string()
                }
                None => t_string!(i18n, finding_gap, stage).to_string(),
            }
        }
        FindingKind::NoTouchpointsFor { persona, stage, .. } => {
            let (persona, stage) = (n.persona(persona), n.stage(stage));
            t_string!(i18n, finding_gap_for, persona, stage).to_string()
        }
        FindingKind::LowestPoint {
            persona,
            score,
            stages,
        } => {
            let (persona, score, stages) =
                (n.persona(persona), score.to_string(), n.stages(stages));
            t_string!(i18n, finding_lowest, persona, score, stages).to_string()
        }
        FindingKind::HighestPoint {
            persona,
            score,
            stages,
        } => {
            let (persona, score, stages) =
                (n.persona(persona), score.to_string(), n.stages(stages));
            t_string!(i18n, finding_highest, persona, score, stages).to_string()
        }
        FindingKind::SteepestDrop {
            persona,
            from,
            from_score,
            to,
            to_score,
        } => {
            let (persona, from, to) = (n.persona(persona), n.stage(from), n.stage(to));
            let (a, b) = (from_score.to_string(), to_score.to_string());
            t_string!(i18n, finding_drop, persona, from, a, to, b).to_string()
        }
        FindingKind::Bottleneck {
            stage,
            metric,
            measured,
            ..
        } => {
            let (stage, metric) = (n.stage(stage), metric_line(i18n, metric));
            match measured {
                1 => t_string!(i18n, finding_bottleneck_only, stage, metric).to_string(),
                &count => t_string!(i18n, finding_bottleneck, stage, metric, count).to_string(),
            }
        }
        FindingKind::MissedTarget { stage, metric, .. } => {
            let (stage, metric) = (n.stage(stage), metric_line(i18n, metric));
            t_string!(i18n, finding_missed_target, stage, metric).to_string()
        }
        FindingKind::NoPreferredChannel {
            stage,
            personas,
            used,
        } => {
            let stage = n.stage(stage);
            let personas = n.list(personas.iter().map(|p| n.persona(p)));
            let used = n.channels(used);
            t_string!(i18n, finding_no_preferred, stage, personas, used).to_string()
        }
        FindingKind::PreferredChannelsMissing {
            persona,
            stage,
            channels,
        } => {
            let (persona, stage, channels) =
                (n.persona(persona), n.stage(stage), n.channels(channels));
            t_string!(i18n, finding_preferred_missing, persona, stage, channels).to_string()
        }
        FindingKind::BrokenThread {
            channel,
            from,
            missing,
            back,
        } => {
            let channel = labels::channel_name(i18n, *channel).to_owned();
            let (from, missing, back) = (n.stage(from), n.stages(missing), n.stage(back));
            t_string!(i18n, finding_broken_thread, channel, from, missing, back).to_string()
        }
        FindingKind::WeakEvidence {
            stage,
            assumed,
            cards,
        } => {
            let (stage, assumed, cards) = (n.stage(stage), *assumed, *cards);
            t_string!(i18n, finding_weak_evidence, stage, assumed, cards).to_string()
        }
        FindingKind::UnaddressedPain { stage, card, .. } => {
            let (card, stage) = (n.card(card), n.stage(stage));
            t_string!(i18n, finding_unaddressed, card, stage).to_string()
        }
    }
}
