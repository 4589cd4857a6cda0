//! How the measures moved: each card's metric before and after, and whether that is better or
//! worse for its kind (a falling drop-off rate is good news, a falling conversion rate is not).

use super::Direction;
use crate::ids::{CardId, StageId};
use crate::map::Card;
use crate::metric::Metric;

/// A card whose metric differs between the versions in any way (value, date, target, or the
/// card itself added or removed with one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricChange {
    pub card: CardId,
    /// The card's stage in the after version, or in the before version for a removed card.
    pub stage: StageId,
    pub before: Option<Metric>,
    pub after: Option<Metric>,
    pub direction: Direction,
}

impl MetricChange {
    /// The change between the metrics of one card's two versions, if there is one. Either card
    /// may be missing (added or removed), not both.
    pub(super) fn between(before: Option<&Card>, after: Option<&Card>) -> Option<MetricChange> {
        let card = after.or(before)?;
        let metric = |c: Option<&Card>| c.and_then(|c| c.metric.clone());
        let (before, after) = (metric(before), metric(after));
        (before != after).then(|| MetricChange {
            card: card.id.clone(),
            stage: card.stage.clone(),
            direction: metric_direction(before.as_ref(), after.as_ref()),
            before,
            after,
        })
    }
}

/// Whether `after` is better than `before`. Only values of one kind, and for a custom metric or
/// an order value the same name and unit (currency), are comparable; an equal value is the
/// same; otherwise the kind says which way is better, and a custom metric says nothing.
pub fn metric_direction(before: Option<&Metric>, after: Option<&Metric>) -> Direction {
    match (before, after) {
        (Some(b), Some(a)) if b.kind == a.kind && b.name == a.name && b.unit == a.unit => {
            Direction::of(b.value, a.value, a.kind.higher_is_better())
        }
        _ => Direction::NotComparable,
    }
}
