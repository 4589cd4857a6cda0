//! How a stage performs (PRODUCT.md, step 5), and how much fixing a pain or seizing an
//! opportunity is worth. A metric's value is checked against what its kind can hold, so the
//! analysis never reasons over a 140 % conversion rate.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// The longest custom metric name or unit, in characters.
pub const MAX_METRIC_LABEL_CHARS: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    Csat,
    Nps,
    ConversionRate,
    DropOffRate,
    BounceRate,
    AverageOrderValue,
    ChurnRate,
    Custom,
}

/// What values a kind of metric can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// 0..=100, written with "%".
    Percent,
    /// −100..=100, no unit.
    NetPromoter,
    /// ≥ 0, in a currency the person names.
    Amount,
    /// Any finite number, in a unit the person names.
    Free,
}

impl MetricKind {
    pub const ALL: [MetricKind; 8] = [
        MetricKind::Csat,
        MetricKind::Nps,
        MetricKind::ConversionRate,
        MetricKind::DropOffRate,
        MetricKind::BounceRate,
        MetricKind::AverageOrderValue,
        MetricKind::ChurnRate,
        MetricKind::Custom,
    ];

    pub fn scale(self) -> Scale {
        match self {
            MetricKind::Csat
            | MetricKind::ConversionRate
            | MetricKind::DropOffRate
            | MetricKind::BounceRate
            | MetricKind::ChurnRate => Scale::Percent,
            MetricKind::Nps => Scale::NetPromoter,
            MetricKind::AverageOrderValue => Scale::Amount,
            MetricKind::Custom => Scale::Free,
        }
    }

    /// Whether a larger value is better (CSAT, NPS, conversion, order value) or worse
    /// (drop-off, bounce, churn); `None` for a custom metric, whose direction nobody said.
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            MetricKind::Csat
            | MetricKind::Nps
            | MetricKind::ConversionRate
            | MetricKind::AverageOrderValue => Some(true),
            MetricKind::DropOffRate | MetricKind::BounceRate | MetricKind::ChurnRate => Some(false),
            MetricKind::Custom => None,
        }
    }
}

impl Scale {
    /// Whether `value` is one this scale holds.
    pub fn holds(self, value: f64) -> bool {
        value.is_finite()
            && match self {
                Scale::Percent => (0.0..=100.0).contains(&value),
                Scale::NetPromoter => (-100.0..=100.0).contains(&value),
                Scale::Amount => value >= 0.0,
                Scale::Free => true,
            }
    }

    /// Whether the person names the unit (a currency, or anything for a custom metric).
    pub fn has_own_unit(self) -> bool {
        matches!(self, Scale::Amount | Scale::Free)
    }
}

/// A finite number. JSON has no NaN or infinity, and comparing and hashing maps needs `Eq`.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Number(f64);

impl Number {
    pub fn new(value: f64) -> Option<Number> {
        // −0 and +0 are one value, so equal numbers hash alike.
        value.is_finite().then_some(Number(value + 0.0))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl Eq for Number {}

impl Hash for Number {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl TryFrom<f64> for Number {
    type Error = String;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Number::new(value).ok_or_else(|| format!("{value} is not a finite number"))
    }
}

impl From<Number> for f64 {
    fn from(number: Number) -> f64 {
        number.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Metric {
    pub kind: MetricKind,
    /// The name of a custom metric; empty for the named kinds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub value: Number,
    /// A currency or custom unit; empty where the kind fixes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Number>,
}

/// Why a metric was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MetricError {
    #[error("the value is outside what this kind of metric can hold")]
    ValueOutOfRange,
    #[error("the target is outside what this kind of metric can hold")]
    TargetOutOfRange,
    #[error("a custom metric needs a name")]
    MissingName,
    #[error("a metric's name or unit is longer than {MAX_METRIC_LABEL_CHARS} characters")]
    LabelTooLong,
}

impl Metric {
    /// A metric of `kind` with its value and nothing else: no name, unit, date or target.
    pub fn new(kind: MetricKind, value: Number) -> Metric {
        Metric {
            kind,
            name: String::new(),
            value,
            unit: String::new(),
            date: None,
            target: None,
        }
    }

    /// The metric as a map keeps it (name and unit trimmed, dropped where the kind fixes
    /// them), or why it cannot be kept.
    pub fn checked(self) -> Result<Metric, MetricError> {
        let scale = self.kind.scale();
        if !scale.holds(self.value.get()) {
            return Err(MetricError::ValueOutOfRange);
        }
        if self.target.is_some_and(|t| !scale.holds(t.get())) {
            return Err(MetricError::TargetOutOfRange);
        }
        let name = if self.kind == MetricKind::Custom {
            self.name.trim().to_owned()
        } else {
            String::new()
        };
        if self.kind == MetricKind::Custom && name.is_empty() {
            return Err(MetricError::MissingName);
        }
        let unit = if scale.has_own_unit() {
            self.unit.trim().to_owned()
        } else {
            String::new()
        };
        if [&name, &unit]
            .iter()
            .any(|s| s.chars().count() > MAX_METRIC_LABEL_CHARS)
        {
            return Err(MetricError::LabelTooLong);
        }
        Ok(Metric { name, unit, ..self })
    }
}

/// Impact or effort, 1 (least) ..= 5 (most).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Option<Rating> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Rating(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rating::new(value).ok_or_else(|| format!("rating {value} is outside 1..=5"))
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.0
    }
}

/// Which of a card's two ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingKind {
    Impact,
    Effort,
}

impl RatingKind {
    pub const ALL: [RatingKind; 2] = [RatingKind::Impact, RatingKind::Effort];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(kind: MetricKind, value: f64) -> Metric {
        Metric::new(kind, Number::new(value).unwrap())
    }

    #[test]
    fn values_are_checked_against_the_kind() {
        use MetricKind::*;
        for (kind, good, bad) in [
            (ConversionRate, 100.0, 100.5),
            (DropOffRate, 0.0, -0.1),
            (Csat, 87.5, 101.0),
            (Nps, -100.0, -101.0),
            (AverageOrderValue, 0.0, -1.0),
        ] {
            assert!(metric(kind, good).checked().is_ok(), "{kind:?} {good}");
            assert_eq!(
                metric(kind, bad).checked(),
                Err(MetricError::ValueOutOfRange),
                "{kind:?} {bad}"
            );
        }
    }

    #[test]
    fn a_target_is_checked_like_the_value() {
        let mut m = metric(MetricKind::Nps, 10.0);
        m.target = Number::new(120.0);
        assert_eq!(m.checked(), Err(MetricError::TargetOutOfRange));
    }

    #[test]
    fn a_custom_metric_needs_a_name_and_keeps_its_unit() {
        let mut m = metric(MetricKind::Custom, -4.5);
        m.unit = " tickets ".into();
        assert_eq!(m.clone().checked(), Err(MetricError::MissingName));
        m.name = " Time to value ".into();
        let kept = m.checked().unwrap();
        assert_eq!(
            (kept.name.as_str(), kept.unit.as_str()),
            ("Time to value", "tickets")
        );
    }

    #[test]
    fn a_named_kind_drops_the_name_and_a_fixed_unit() {
        let mut m = metric(MetricKind::BounceRate, 40.0);
        m.name = "x".into();
        m.unit = "%".into();
        let kept = m.checked().unwrap();
        assert!(kept.name.is_empty() && kept.unit.is_empty());
    }

    #[test]
    fn numbers_are_finite_and_zero_has_one_sign() {
        assert!(Number::new(f64::NAN).is_none());
        assert!(Number::new(f64::INFINITY).is_none());
        assert_eq!(Number::new(-0.0).unwrap().get().to_bits(), 0f64.to_bits());
        assert!(serde_json::from_str::<Number>("1e999").is_err());
    }

    #[test]
    fn ratings_run_from_one_to_five() {
        assert!(Rating::new(0).is_none() && Rating::new(6).is_none());
        assert_eq!(Rating::new(5).map(Rating::value), Some(5));
        assert!(serde_json::from_str::<Rating>("7").is_err());
    }
}
