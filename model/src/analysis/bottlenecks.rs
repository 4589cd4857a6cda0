//! Rule 3, bottlenecks, read from the metric cards of shown lanes. A metric belongs to the
//! stage of its card.
//!
//! A stage's reading of a metric is its current one: of the metrics of one kind (and, for a
//! custom metric, one name) at the stage, the one with the latest date, a metric without a
//! date counting as older than any with one, and of equally recent ones the last on the board.
//! Older readings are history, and say nothing about the stage today.
//!
//! - [`FindingKind::Bottleneck`]: the stage whose drop-off rate is the highest, and the stage
//!   whose conversion rate is the lowest, of the stages that measure it (with how many do);
//!   every stage tied for it. When only one stage measures it, that stage; when several do and
//!   all read the same, none stands out and there is no bottleneck.
//! - [`FindingKind::MissedTarget`]: a reading that misses its target in the direction that is
//!   better for its kind (`Metric::meets_target`, as the card shows it: a value equal to the
//!   target meets it). A custom metric never misses, since nobody said which way is better.

use super::FindingKind;
use super::board::{Board, Placed};
use crate::metric::{Metric, MetricKind};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub(super) fn find(board: &Board) -> Vec<FindingKind> {
    let readings = current(board);
    let stage = |placed: &Placed| board.stage_id(placed.stage).clone();
    let mut found = Vec::new();
    for kind in [MetricKind::DropOffRate, MetricKind::ConversionRate] {
        let of_kind: Vec<&(Placed, &Metric)> =
            readings.iter().filter(|(_, m)| m.kind == kind).collect();
        let (low, high) = of_kind
            .iter()
            .map(|(_, m)| m.value.get())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), v| {
                (low.min(v), high.max(v))
            });
        if of_kind.len() > 1 && low == high {
            continue;
        }
        let worst = if kind == MetricKind::DropOffRate {
            high
        } else {
            low
        };
        for (placed, metric) in of_kind.iter().filter(|(_, m)| m.value.get() == worst) {
            found.push(FindingKind::Bottleneck {
                stage: stage(placed),
                card: placed.card.id.clone(),
                metric: (*metric).clone(),
                measured: of_kind.len(),
            });
        }
    }
    for (placed, metric) in &readings {
        if metric.meets_target() == Some(false) {
            found.push(FindingKind::MissedTarget {
                stage: stage(placed),
                card: placed.card.id.clone(),
                metric: (*metric).clone(),
            });
        }
    }
    found
}

/// Each stage's current reading of each metric, with its card, in board order of first
/// reading.
fn current<'a>(board: &Board<'a>) -> Vec<(Placed<'a>, &'a Metric)> {
    let mut readings: Vec<(Placed, &Metric)> = Vec::new();
    let mut at: HashMap<(usize, MetricKind, &str), usize> = HashMap::new();
    for placed in &board.cards {
        let Some(metric) = &placed.card.metric else {
            continue;
        };
        match at.entry((placed.stage, metric.kind, metric.name.as_str())) {
            Entry::Vacant(entry) => {
                entry.insert(readings.len());
                readings.push((*placed, metric));
            }
            Entry::Occupied(entry) => {
                let reading = &mut readings[*entry.get()];
                // `None < Some(_)`: an undated reading is older than any dated one.
                if metric.date >= reading.1.date {
                    *reading = (*placed, metric);
                }
            }
        }
    }
    readings
}

#[cfg(test)]
mod tests {
    use super::super::sketch::{Sketch, card, stage};
    use super::*;
    use crate::map::LaneKind::*;
    use crate::metric::Number;
    use chrono::NaiveDate;

    fn bottlenecks(s: &Sketch) -> Vec<(&'static str, String)> {
        find(&Board::new(&s.map()))
            .into_iter()
            .map(|f| match f {
                FindingKind::Bottleneck { card, .. } => ("bottleneck", card.0),
                FindingKind::MissedTarget { card, .. } => ("missed", card.0),
                other => panic!("not a bottleneck: {other:?}"),
            })
            .collect()
    }

    fn date(day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 1, day)
    }

    #[test]
    fn the_highest_drop_off_and_the_lowest_conversion_are_bottlenecks() {
        let mut s = Sketch::new(3, &[Metrics]);
        s.metric(0, 0, MetricKind::DropOffRate, 10.0);
        s.metric(0, 1, MetricKind::DropOffRate, 45.5);
        s.metric(0, 2, MetricKind::DropOffRate, 20.0);
        s.metric(0, 0, MetricKind::ConversionRate, 3.0);
        s.metric(0, 2, MetricKind::ConversionRate, 8.0);
        s.metric(0, 1, MetricKind::BounceRate, 90.0);
        let found = find(&Board::new(&s.map()));
        assert_eq!(
            found[0],
            FindingKind::Bottleneck {
                stage: stage(1),
                card: card(1),
                metric: Metric::new(MetricKind::DropOffRate, Number::new(45.5).unwrap()),
                measured: 3,
            }
        );
        assert_eq!(
            bottlenecks(&s),
            [("bottleneck", "c1".into()), ("bottleneck", "c3".into())]
        );
    }

    #[test]
    fn every_stage_tied_for_the_worst_rate_is_a_bottleneck() {
        let mut s = Sketch::new(3, &[Metrics]);
        s.metric(0, 0, MetricKind::DropOffRate, 30.0);
        s.metric(0, 1, MetricKind::DropOffRate, 10.0);
        s.metric(0, 2, MetricKind::DropOffRate, 30.0);
        assert_eq!(
            bottlenecks(&s),
            [("bottleneck", "c0".into()), ("bottleneck", "c2".into())]
        );
    }

    #[test]
    fn the_only_measured_stage_is_the_bottleneck() {
        let mut s = Sketch::new(3, &[Metrics]);
        s.metric(0, 1, MetricKind::DropOffRate, 60.0);
        let found = find(&Board::new(&s.map()));
        assert!(matches!(
            &found[..],
            [FindingKind::Bottleneck { measured: 1, stage: s, .. }] if *s == stage(1)
        ));
    }

    #[test]
    fn stages_that_all_read_the_same_have_no_bottleneck() {
        let mut s = Sketch::new(3, &[Metrics]);
        s.metric(0, 0, MetricKind::ConversionRate, 5.0);
        s.metric(0, 2, MetricKind::ConversionRate, 5.0);
        assert_eq!(bottlenecks(&s), []);
    }

    #[test]
    fn a_map_without_metrics_has_no_bottleneck() {
        let mut s = Sketch::new(2, &[Touchpoints, Metrics]);
        s.card(0, 0);
        s.card(1, 1);
        assert_eq!(bottlenecks(&s), []);
    }

    #[test]
    fn a_stage_is_read_by_its_latest_metric_undated_ones_being_oldest() {
        let mut s = Sketch::new(2, &[Metrics]);
        s.metric(0, 0, MetricKind::DropOffRate, 90.0)
            .metric
            .as_mut()
            .unwrap()
            .date = date(5);
        s.metric(0, 0, MetricKind::DropOffRate, 80.0);
        s.metric(0, 0, MetricKind::DropOffRate, 5.0)
            .metric
            .as_mut()
            .unwrap()
            .date = date(9);
        s.metric(0, 1, MetricKind::DropOffRate, 20.0)
            .metric
            .as_mut()
            .unwrap()
            .date = date(1);
        s.metric(0, 1, MetricKind::DropOffRate, 30.0)
            .metric
            .as_mut()
            .unwrap()
            .date = date(1);
        assert_eq!(bottlenecks(&s), [("bottleneck", "c4".into())]);
    }

    #[test]
    fn metrics_in_a_hidden_lane_are_not_read() {
        let mut s = Sketch::new(2, &[Metrics, Metrics]);
        s.metric(0, 0, MetricKind::DropOffRate, 10.0);
        s.metric(0, 1, MetricKind::DropOffRate, 20.0);
        s.metric(1, 0, MetricKind::DropOffRate, 99.0);
        s.hide_lane(1);
        assert_eq!(bottlenecks(&s), [("bottleneck", "c1".into())]);
    }

    #[test]
    fn a_metric_misses_its_target_in_its_worse_direction_only() {
        let mut s = Sketch::new(1, &[Metrics]);
        for (kind, value, target) in [
            (MetricKind::Csat, 70.0, 80.0),
            (MetricKind::Nps, 20.0, 20.0),
            (MetricKind::ChurnRate, 6.0, 5.0),
            (MetricKind::BounceRate, 30.0, 40.0),
            (MetricKind::Custom, 1.0, 100.0),
        ] {
            let metric = s.metric(0, 0, kind, value).metric.as_mut().unwrap();
            metric.target = Number::new(target);
            metric.name = if kind == MetricKind::Custom {
                "Tickets".into()
            } else {
                String::new()
            };
        }
        s.metric(0, 0, MetricKind::AverageOrderValue, 10.0);
        assert_eq!(
            bottlenecks(&s),
            [("missed", "c0".into()), ("missed", "c2".into())]
        );
    }

    #[test]
    fn only_the_current_reading_can_miss_its_target() {
        let mut s = Sketch::new(1, &[Metrics]);
        for (day, value) in [(1, 50.0), (2, 90.0)] {
            let metric = s
                .metric(0, 0, MetricKind::Csat, value)
                .metric
                .as_mut()
                .unwrap();
            metric.date = date(day);
            metric.target = Number::new(80.0);
        }
        assert_eq!(bottlenecks(&s), []);
    }
}
