//! The analysis over random valid maps: it never panics, points only at what the board shows,
//! and ranks every pain point and opportunity once.

mod common;

use chrono::DateTime;
use common::arb_map;
use model::analysis::{FindingKind, Severity, Target, analyse};
use model::{JourneyMap, LaneKind, Locale, MetricKind};
use proptest::prelude::*;
use std::collections::HashSet;

/// Whether `target` is on the board: a stage, a card of a shown lane, or a scored point.
fn is_shown(map: &JourneyMap, target: &Target) -> bool {
    match target {
        Target::Stage(stage) => map.stage(stage).is_some(),
        Target::Card(card) => map
            .card(card)
            .and_then(|c| map.lane(&c.lane))
            .is_some_and(|lane| !lane.hidden),
        Target::Emotion { persona, stage } => {
            map.stage(stage).is_some()
                && map
                    .persona(persona)
                    .is_some_and(|p| p.score_at(stage).is_some())
        }
    }
}

fn in_shown_lane(map: &JourneyMap, card: &model::Card) -> bool {
    map.lane(&card.lane).is_some_and(|l| !l.hidden)
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn analysis_never_panics_and_points_only_at_what_the_board_shows(map in arb_map()) {
        let analysis = analyse(&map);
        for finding in &analysis.findings {
            prop_assert!(is_shown(&map, &finding.about), "{:?}", finding);
            prop_assert_eq!(finding.severity, finding.kind.severity());
            prop_assert_eq!(&finding.about, &finding.kind.target());
        }
    }

    #[test]
    fn every_shown_pain_point_and_opportunity_is_ranked_or_unrated_once(map in arb_map()) {
        let priorities = analyse(&map).priorities;
        let listed: Vec<_> = priorities
            .ranked
            .iter()
            .map(|r| r.card.clone())
            .chain(priorities.unrated.iter().cloned())
            .collect();
        let expected: HashSet<_> = map
            .cards
            .iter()
            .filter(|c| in_shown_lane(&map, c))
            .filter(|c| map.lane(&c.lane).is_some_and(|l| l.kind.takes_ratings()))
            .map(|c| c.id.clone())
            .collect();
        prop_assert_eq!(listed.len(), expected.len());
        prop_assert_eq!(listed.into_iter().collect::<HashSet<_>>(), expected);
        for pair in priorities.ranked.windows(2) {
            let ratio = |r: &model::analysis::Ranked| (r.impact.value(), r.effort.value());
            let ((ai, ae), (bi, be)) = (ratio(&pair[0]), ratio(&pair[1]));
            prop_assert!(u16::from(ai) * u16::from(be) >= u16::from(bi) * u16::from(ae));
        }
    }

    #[test]
    fn cards_in_hidden_lanes_change_nothing(map in arb_map()) {
        let mut seen = map.clone();
        seen.cards.retain(|c| in_shown_lane(&map, c));
        prop_assert_eq!(analyse(&seen), analyse(&map));
    }

    #[test]
    fn a_card_for_no_one_in_particular_counts_for_every_persona(map in arb_map()) {
        let mut everyone = map.clone();
        let all: Vec<_> = map.personas.iter().map(|p| p.id.clone()).collect();
        for card in &mut everyone.cards {
            if card.personas.is_empty() {
                card.personas = all.clone();
            }
        }
        prop_assert_eq!(analyse(&everyone), analyse(&map));
    }
}

#[test]
fn the_example_map_names_its_onboarding_trough_and_its_sign_up_bottleneck() {
    let mut n = 0;
    let map = model::example::saas_example(Locale::En, DateTime::UNIX_EPOCH, &mut || {
        n += 1;
        format!("id{n}")
    });
    let stage = |name: &str| {
        map.stages
            .iter()
            .find(|s| s.name.starts_with(name))
            .unwrap()
    };
    let analysis = analyse(&map);
    assert!(analysis.findings.iter().all(|f| is_shown(&map, &f.about)));
    let lowest = analysis.findings.iter().find_map(|f| match &f.kind {
        FindingKind::LowestPoint { stages, score, .. } => Some((stages.clone(), score.value())),
        _ => None,
    });
    assert_eq!(lowest, Some((vec![stage("Onboarding").id.clone()], -2)));
    let drop_off = analysis.findings.iter().find_map(|f| match &f.kind {
        FindingKind::Bottleneck { stage, metric, .. } if metric.kind == MetricKind::DropOffRate => {
            Some((stage.clone(), f.severity))
        }
        _ => None,
    });
    assert_eq!(
        drop_off,
        Some((stage("Acquisition").id.clone(), Severity::High))
    );
    let pains = map.cards.iter().filter(|c| {
        map.lane(&c.lane)
            .is_some_and(|l| l.kind == LaneKind::PainPoints)
    });
    let opportunities = map.cards.iter().filter(|c| {
        map.lane(&c.lane)
            .is_some_and(|l| l.kind == LaneKind::Opportunities)
    });
    assert_eq!(
        analysis.priorities.ranked.len(),
        pains.count() + opportunities.count()
    );
    assert!(analysis.priorities.unrated.is_empty());
}
