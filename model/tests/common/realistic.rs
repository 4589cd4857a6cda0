//! A realistic map of any size for the benchmarks, the same on every run (a fixed seed): the
//! SaaS journey's 8 stages; lanes actions, touchpoints, channels, emotions, pain points,
//! opportunities, metrics, notes and a hidden thoughts lane; 3 personas, each with a score at
//! every stage and preferred channels; cards spread round-robin over the card lanes and
//! stages, touchpoints with channels and some for one or two personas, mixed confidence, most
//! pain points and opportunities rated, opportunities addressing earlier pain points, and dated
//! metrics with targets. Included by path beside `prose.rs`, whose generator it uses.

use crate::prose::Seeded;
use chrono::{DateTime, NaiveDate};
use model::map::{EmotionScore, Stage};
use model::templates::Template;
use model::{
    Card, CardId, Cell, Channel, Confidence, JourneyMap, Lane, LaneId, LaneKind, Locale, MapId,
    Metric, MetricKind, Number, Persona, PersonaId, Rating, Score, StageId,
};

const LANES: [(LaneKind, bool); 9] = [
    (LaneKind::Actions, false),
    (LaneKind::Touchpoints, false),
    (LaneKind::Channels, false),
    (LaneKind::Emotions, false),
    (LaneKind::PainPoints, false),
    (LaneKind::Opportunities, false),
    (LaneKind::Metrics, false),
    (LaneKind::Notes, false),
    (LaneKind::Thoughts, true),
];

const METRICS: [(MetricKind, f64, f64); 5] = [
    (MetricKind::DropOffRate, 35.0, 25.0),
    (MetricKind::ConversionRate, 4.0, 5.0),
    (MetricKind::Csat, 78.0, 80.0),
    (MetricKind::Nps, 30.0, 20.0),
    (MetricKind::ChurnRate, 3.0, 2.5),
];

pub fn realistic_map(count: usize) -> JourneyMap {
    let mut rng = Seeded(0x5eed_1234_abcd_9876);
    let at = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let stages: Vec<Stage> = Template::Saas
        .stage_names(Locale::En)
        .iter()
        .enumerate()
        .map(|(i, name)| Stage {
            id: StageId::new(format!("s{i}")),
            name: (*name).to_owned(),
        })
        .collect();
    let lanes: Vec<Lane> = LANES
        .iter()
        .enumerate()
        .map(|(i, &(kind, hidden))| Lane {
            id: LaneId::new(format!("l{i}")),
            kind,
            name: None,
            hidden,
        })
        .collect();
    let personas: Vec<Persona> = (0..3)
        .map(|p| {
            let mut persona = Persona::new(PersonaId::new(format!("p{p}")), format!("Persona {p}"));
            persona.emotions = stages
                .iter()
                .map(|s| EmotionScore {
                    stage: s.id.clone(),
                    score: Score::clamped(rng.below(7) as i64 - 3),
                    note: String::new(),
                })
                .collect();
            let mut channels: Vec<Channel> = (0..3)
                .map(|_| Channel::ALL[rng.below(Channel::ALL.len())])
                .collect();
            channels.sort();
            channels.dedup();
            persona.profile.channels = channels;
            persona
        })
        .collect();
    let card_lanes: Vec<usize> = (0..lanes.len())
        .filter(|&l| lanes[l].kind.holds_cards())
        .collect();
    let mut pains: Vec<CardId> = Vec::new();
    let cards = (0..count)
        .map(|i| {
            let lane = card_lanes[i % card_lanes.len()];
            let stage = (i / card_lanes.len()) % stages.len();
            let kind = lanes[lane].kind;
            let cell = Cell {
                lane: lanes[lane].id.clone(),
                stage: stages[stage].id.clone(),
            };
            let mut card = Card::new(CardId::new(format!("c{i}")), cell, format!("Card {i}"));
            card.confidence = Confidence::ALL[rng.below(Confidence::ALL.len())];
            if rng.chance(30) {
                card.personas = vec![personas[rng.below(personas.len())].id.clone()];
            }
            match kind {
                LaneKind::Touchpoints | LaneKind::Channels => {
                    card.channel = Some(Channel::ALL[rng.below(Channel::ALL.len())]);
                }
                LaneKind::PainPoints | LaneKind::Opportunities if rng.chance(85) => {
                    card.impact = Rating::new(1 + rng.below(5) as u8);
                    card.effort = Rating::new(1 + rng.below(5) as u8);
                }
                LaneKind::Metrics => {
                    let (kind, base, target) = METRICS[rng.below(METRICS.len())];
                    let mut metric = Metric::new(
                        kind,
                        // At most 1.27 times the base, so a percentage stays within 100.
                        Number::new(base * (0.5 + rng.below(78) as f64 / 100.0)).unwrap(),
                    );
                    metric.target = Number::new(target);
                    metric.date = NaiveDate::from_ymd_opt(2026, 1 + rng.below(12) as u32, 1);
                    card.metric = Some(metric);
                }
                _ => {}
            }
            match kind {
                LaneKind::PainPoints => pains.push(card.id.clone()),
                LaneKind::Opportunities if !pains.is_empty() => {
                    let first = pains[rng.below(pains.len())].clone();
                    let second = pains[rng.below(pains.len())].clone();
                    card.addresses = vec![first.clone()];
                    if second != first {
                        card.addresses.push(second);
                    }
                }
                _ => {}
            }
            card
        })
        .collect();
    let map = JourneyMap {
        id: MapId::new("bench"),
        title: "Analysis benchmark".into(),
        locale: Locale::En,
        created: at,
        updated: at,
        stages,
        lanes,
        cards,
        personas,
    };
    assert_eq!(map.check_invariants(), [], "the benchmark's map is valid");
    map
}
