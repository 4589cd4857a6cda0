//! Numbers and dates as a person reads and writes them in the interface's language, and a
//! metric as typed into its editor.
//!
//! The forms follow CLDR's conventions for each language:
//! - numbers: English `1,234.5`, Romanian `1.234,5`; at most two decimals without trailing
//!   zeros (a tie rounds to even: 0.125 shows 0.12), except money, which shows two when it has
//!   cents (`€42.50`); negatives take the true minus sign `−` (U+2212), and typing either it or
//!   the hyphen `-` is accepted;
//! - a percentage: English `42%`, Romanian `42 %` (a no-break space, U+00A0);
//! - a currency symbol goes before the amount in English (`€42.50`) and after it in Romanian
//!   (`42,50 €`); any other unit (`EUR`, `lei`, `tickets`) follows the number after a no-break
//!   space in both;
//! - dates, CLDR's medium form: English `24 Nov 2026`, Romanian `24 nov. 2026`.
//!
//! Reading is strict: a number written the other language's way (`1,5` in English) is refused
//! with the form that was probably meant, never silently read as something else.

use crate::map::Locale;
use crate::metric::{MAX_METRIC_LABEL_CHARS, Metric, MetricError, MetricKind, Number, Scale};
use chrono::{Datelike, NaiveDate};

/// The true minus sign, as typography and CLDR write negatives.
pub const MINUS: char = '\u{2212}';

/// Keeps a number and its unit on one line.
const NO_BREAK_SPACE: char = '\u{a0}';

/// Currency symbols that English writes before the amount.
const PREFIX_SYMBOLS: &[&str] = &[
    "$", "€", "£", "¥", "₹", "₽", "₩", "₪", "₫", "₴", "₦", "₱", "₺", "₿",
];

/// The most decimals a number shows (it keeps all it was given).
const SHOWN_DECIMALS: usize = 2;

/// How many decimals to write.
#[derive(Clone, Copy)]
enum Decimals {
    /// Up to two, trailing zeros dropped.
    Short,
    /// None for a whole amount, otherwise two (cents).
    Money,
    /// Every digit the value holds, so reading it back gives the same value.
    All,
}

fn marks(locale: Locale) -> (char, char) {
    match locale {
        Locale::En => ('.', ','),
        Locale::Ro => (',', '.'),
    }
}

fn write(value: f64, decimals: Decimals, locale: Locale) -> String {
    let digits = match decimals {
        Decimals::Short => {
            let fixed = format!("{:.*}", SHOWN_DECIMALS, value.abs());
            fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        Decimals::Money => {
            let fixed = format!("{:.*}", SHOWN_DECIMALS, value.abs());
            fixed
                .strip_suffix(".00")
                .map(str::to_owned)
                .unwrap_or(fixed)
        }
        Decimals::All => format!("{}", value.abs()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let (decimal, group) = marks(locale);
    let mut out = String::new();
    // A value that rounds to zero shows no sign.
    if value < 0.0 && digits.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push(MINUS);
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// `value` as the interface shows it: grouped, at most two decimals.
pub fn format_number(value: f64, locale: Locale) -> String {
    write(value, Decimals::Short, locale)
}

/// `value` with every digit it holds, for a field to edit: saving it unchanged keeps the value.
pub fn format_exact(value: f64, locale: Locale) -> String {
    write(value, Decimals::All, locale)
}

/// A value measured on `scale`, with its unit (`"%"` for a percentage, else `unit`).
pub fn format_measure(value: f64, scale: Scale, unit: &str, locale: Locale) -> String {
    match scale {
        Scale::Percent => {
            let number = format_number(value, locale);
            match locale {
                Locale::En => format!("{number}%"),
                Locale::Ro => format!("{number}{NO_BREAK_SPACE}%"),
            }
        }
        Scale::NetPromoter => format_number(value, locale),
        Scale::Amount => with_unit(write(value, Decimals::Money, locale), unit, locale),
        Scale::Free => with_unit(format_number(value, locale), unit, locale),
    }
}

fn with_unit(number: String, unit: &str, locale: Locale) -> String {
    if unit.is_empty() {
        number
    } else if locale == Locale::En && PREFIX_SYMBOLS.contains(&unit) {
        // The sign comes before the symbol: −$5.
        match number.strip_prefix(MINUS) {
            Some(magnitude) => format!("{MINUS}{unit}{magnitude}"),
            None => format!("{unit}{number}"),
        }
    } else {
        format!("{number}{NO_BREAK_SPACE}{unit}")
    }
}

/// A date in CLDR's medium form: `24 Nov 2026`, `24 nov. 2026`.
pub fn format_date(date: NaiveDate, locale: Locale) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // "mai" is whole, so it takes no point.
    const RO: [&str; 12] = [
        "ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.", "nov.",
        "dec.",
    ];
    let months = match locale {
        Locale::En => &EN,
        Locale::Ro => &RO,
    };
    let month = months[date.month0() as usize];
    format!("{} {month} {}", date.day(), date.year())
}

/// Why typed text is not a number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("nothing was typed")]
    Empty,
    #[error("that is not a number")]
    NotANumber,
    /// Thousands separators that are not every three digits (`1,23,4`).
    #[error("thousands separators go every three digits")]
    Grouping,
    /// The number reads as written the other language's way; `suggestion` is the same text
    /// with the marks swapped, as this language writes it.
    #[error("decimal and thousands marks are the other language's; did you mean {suggestion}?")]
    OtherConvention { suggestion: String },
    #[error("that number is too large")]
    TooLarge,
}

/// What a person typed, as a number, in `locale`'s convention: `1,234.5` or `1234.5` in
/// English, `1.234,5` or `1234,5` in Romanian, with an optional sign; spaces around are ignored.
pub fn parse_number(text: &str, locale: Locale) -> Result<f64, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let (negative, body) = match text.strip_prefix(['-', MINUS]) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let magnitude = digits_in(body, locale).map_err(|shape| {
        let other = match locale {
            Locale::En => Locale::Ro,
            Locale::Ro => Locale::En,
        };
        if digits_in(body, other).is_err() {
            return shape;
        }
        let swapped = text.chars().map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        });
        NumberError::OtherConvention {
            suggestion: swapped.collect(),
        }
    })?;
    let value: f64 = magnitude.parse().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberError::TooLarge);
    }
    Ok(if negative { -value } else { value })
}

/// The unsigned number in `body` as Rust reads it (`1234.5`), if `body` is written in
/// `locale`'s convention.
fn digits_in(body: &str, locale: Locale) -> Result<String, NumberError> {
    let (decimal, group) = marks(locale);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == decimal || c == group)
        || !body.chars().any(|c| c.is_ascii_digit())
    {
        return Err(NumberError::NotANumber);
    }
    let mut parts = body.split(decimal);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or_default();
    if parts.next().is_some() || fraction.contains(group) {
        return Err(NumberError::NotANumber);
    }
    if whole.contains(group) {
        let mut groups = whole.split(group);
        let lead = groups.next().unwrap_or_default();
        let lead_ok = (1..=3).contains(&lead.len()) && !lead.starts_with('0');
        if !lead_ok || !groups.all(|g| g.len() == 3) {
            return Err(NumberError::Grouping);
        }
    }
    let whole: String = whole.chars().filter(|&c| c != group).collect();
    Ok(match (whole.is_empty(), fraction.is_empty()) {
        (_, true) => whole,
        (true, false) => format!("0.{fraction}"),
        (false, false) => format!("{whole}.{fraction}"),
    })
}

impl Metric {
    /// Whether the value reaches the target in the direction that is better for its kind (a
    /// value equal to the target reaches it); `None` without a target, or for a custom metric,
    /// whose better direction nobody said.
    pub fn meets_target(&self) -> Option<bool> {
        let target = self.target?.get();
        let value = self.value.get();
        self.kind.higher_is_better().map(|higher| {
            if higher {
                value >= target
            } else {
                value <= target
            }
        })
    }
}

/// A metric as its editor holds it: the numbers still as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricDraft {
    pub kind: MetricKind,
    pub name: String,
    pub value: String,
    pub unit: String,
    pub date: Option<NaiveDate>,
    /// Empty for no target.
    pub target: String,
}

/// Why a typed value or target cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Number(NumberError),
    /// A number the kind cannot hold: outside 0–100 for a percentage, −100..100 for NPS,
    /// below 0 for an amount.
    OutOfRange(Scale),
}

/// What is wrong with a draft, field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftErrors {
    pub value: Option<FieldError>,
    pub target: Option<FieldError>,
    /// The name or unit: missing (a custom metric's name) or too long.
    pub name: Option<MetricError>,
    pub unit: Option<MetricError>,
}

impl MetricDraft {
    /// A new entry: the first kind, today's date (the caller knows the clock), nothing typed.
    pub fn new(today: NaiveDate) -> MetricDraft {
        MetricDraft {
            kind: MetricKind::ALL[0],
            name: String::new(),
            value: String::new(),
            unit: String::new(),
            date: Some(today),
            target: String::new(),
        }
    }

    /// `metric` to edit, its numbers with every digit so saving unchanged keeps them.
    pub fn of(metric: &Metric, locale: Locale) -> MetricDraft {
        MetricDraft {
            kind: metric.kind,
            name: metric.name.clone(),
            value: format_exact(metric.value.get(), locale),
            unit: metric.unit.clone(),
            date: metric.date,
            target: metric
                .target
                .map(|t| format_exact(t.get(), locale))
                .unwrap_or_default(),
        }
    }

    /// The metric to keep, or every field's problem at once, so the editor can mark each.
    pub fn read(&self, locale: Locale) -> Result<Metric, DraftErrors> {
        let scale = self.kind.scale();
        let number = |text: &str| {
            let value = parse_number(text, locale).map_err(FieldError::Number)?;
            Number::new(value)
                .filter(|n| scale.holds(n.get()))
                .ok_or(FieldError::OutOfRange(scale))
        };
        let too_long = |s: &str| s.trim().chars().count() > MAX_METRIC_LABEL_CHARS;
        let custom = self.kind == MetricKind::Custom;
        let value = number(&self.value);
        let target = (!self.target.trim().is_empty())
            .then(|| number(&self.target))
            .transpose();
        let errors = DraftErrors {
            value: value.clone().err(),
            target: target.clone().err(),
            name: if !custom {
                None
            } else if self.name.trim().is_empty() {
                Some(MetricError::MissingName)
            } else {
                too_long(&self.name).then_some(MetricError::LabelTooLong)
            },
            unit: (scale.has_own_unit() && too_long(&self.unit))
                .then_some(MetricError::LabelTooLong),
        };
        match (value, target) {
            (Ok(value), Ok(target)) if errors == DraftErrors::default() => Metric {
                kind: self.kind,
                name: self.name.clone(),
                value,
                unit: self.unit.clone(),
                date: self.date,
                target,
            }
            .checked()
            .map_err(|e| errors_of(e, scale)),
            _ => Err(errors),
        }
    }
}

/// A refusal of `Metric::checked`, on the field it is about.
fn errors_of(error: MetricError, scale: Scale) -> DraftErrors {
    let out = Some(FieldError::OutOfRange(scale));
    match error {
        MetricError::ValueOutOfRange => DraftErrors {
            value: out,
            ..DraftErrors::default()
        },
        MetricError::TargetOutOfRange => DraftErrors {
            target: out,
            ..DraftErrors::default()
        },
        MetricError::MissingName | MetricError::LabelTooLong => DraftErrors {
            name: Some(error),
            ..DraftErrors::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::{En, Ro};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn numbers_are_grouped_with_at_most_two_decimals() {
        for (value, en, ro) in [
            (1234.5, "1,234.5", "1.234,5"),
            (0.0, "0", "0"),
            (12.0, "12", "12"),
            (999.0, "999", "999"),
            (1000.0, "1,000", "1.000"),
            (1234567.891, "1,234,567.89", "1.234.567,89"),
            (0.126, "0.13", "0,13"),
            (0.125, "0.12", "0,12"),
            (0.1, "0.1", "0,1"),
            (-12.5, "−12.5", "−12,5"),
            (-0.001, "0", "0"),
            (99.999, "100", "100"),
        ] {
            assert_eq!(format_number(value, En), en, "{value}");
            assert_eq!(format_number(value, Ro), ro, "{value}");
        }
    }

    #[test]
    fn an_exact_form_keeps_every_digit() {
        assert_eq!(format_exact(1234.5678, Ro), "1.234,5678");
        assert_eq!(format_exact(-0.001, En), "−0.001");
        assert_eq!(format_exact(1e21, En), "1,000,000,000,000,000,000,000");
    }

    #[test]
    fn measures_follow_each_language_for_units() {
        // "~" stands for the no-break space.
        let cases = [
            (12.5, Scale::Percent, "", "12.5%", "12,5~%"),
            (-32.0, Scale::NetPromoter, "", "−32", "−32"),
            (1234.5, Scale::Amount, "€", "€1,234.50", "1.234,50~€"),
            (40.0, Scale::Amount, "lei", "40~lei", "40~lei"),
            (40.0, Scale::Amount, "", "40", "40"),
            (-5.0, Scale::Free, "$", "−$5", "−5~$"),
            (3.25, Scale::Free, "days", "3.25~days", "3,25~days"),
        ];
        for (value, scale, unit, en, ro) in cases {
            for (locale, expected) in [(En, en), (Ro, ro)] {
                assert_eq!(
                    format_measure(value, scale, unit, locale),
                    expected.replace('~', &NO_BREAK_SPACE.to_string()),
                    "{value} {unit} {locale:?}"
                );
            }
        }
    }

    #[test]
    fn dates_take_the_medium_form() {
        assert_eq!(format_date(date(2026, 11, 24), En), "24 Nov 2026");
        assert_eq!(format_date(date(2026, 11, 24), Ro), "24 nov. 2026");
        assert_eq!(format_date(date(2027, 5, 1), Ro), "1 mai 2027");
        assert_eq!(format_date(date(2027, 9, 30), Ro), "30 sept. 2027");
        assert_eq!(format_date(date(2027, 1, 9), En), "9 Jan 2027");
    }

    #[test]
    fn each_language_reads_its_own_forms() {
        for (text, locale, value) in [
            ("1.234,5", Ro, 1234.5),
            ("1234,5", Ro, 1234.5),
            ("1.234", Ro, 1234.0),
            ("0,5", Ro, 0.5),
            ("1,234.5", En, 1234.5),
            ("1234.5", En, 1234.5),
            ("1,234,567", En, 1234567.0),
            (".5", En, 0.5),
            ("12.", En, 12.0),
            ("  42 ", En, 42.0),
            ("-101", En, -101.0),
            ("−12,5", Ro, -12.5),
            ("+7", Ro, 7.0),
        ] {
            assert_eq!(
                parse_number(text, locale),
                Ok(value),
                "{text} in {locale:?}"
            );
        }
    }

    #[test]
    fn the_other_languages_marks_are_refused_with_the_meant_form() {
        let other = |s: &str| {
            Err(NumberError::OtherConvention {
                suggestion: s.into(),
            })
        };
        assert_eq!(parse_number("1,5", En), other("1.5"));
        assert_eq!(parse_number("1.234,5", En), other("1,234.5"));
        assert_eq!(parse_number("12.5", Ro), other("12,5"));
        assert_eq!(parse_number("-1,234.5", Ro), other("-1.234,5"));
        assert_eq!(parse_number("0,123", En), other("0.123"));
    }

    #[test]
    fn junk_and_misplaced_separators_are_refused_with_a_reason() {
        use NumberError::*;
        for (text, locale, error) in [
            ("", En, Empty),
            ("   ", Ro, Empty),
            ("abc", En, NotANumber),
            ("12a", Ro, NotANumber),
            ("1e5", En, NotANumber),
            ("12%", En, NotANumber),
            ("--1", En, NotANumber),
            ("1-2", En, NotANumber),
            (".", En, NotANumber),
            ("1.2.3", En, NotANumber),
            ("1,23,456", En, Grouping),
            ("1.23.456", Ro, Grouping),
            ("1234,567.5", En, Grouping),
        ] {
            assert_eq!(
                parse_number(text, locale),
                Err(error),
                "{text:?} in {locale:?}"
            );
        }
        assert_eq!(parse_number(&"9".repeat(400), En), Err(TooLarge));
    }

    #[test]
    fn what_is_shown_reads_back_as_the_same_value() {
        for value in [
            0.0,
            1234.5,
            -1234.5,
            0.07,
            1_000_000.25,
            99.99,
            -100.0,
            42.0,
        ] {
            for locale in Locale::ALL {
                for text in [format_number(value, locale), format_exact(value, locale)] {
                    assert_eq!(parse_number(&text, locale), Ok(value), "{text}");
                }
            }
        }
        for value in [1.0 / 3.0, 1e-7, 123456.789012] {
            let text = format_exact(value, Ro);
            assert_eq!(parse_number(&text, Ro), Ok(value), "{text}");
        }
    }

    fn metric(kind: MetricKind, value: f64, target: Option<f64>) -> Metric {
        Metric {
            kind,
            name: if kind == MetricKind::Custom {
                "x".into()
            } else {
                String::new()
            },
            value: Number::new(value).unwrap(),
            unit: String::new(),
            date: None,
            target: target.and_then(Number::new),
        }
    }

    #[test]
    fn meeting_a_target_follows_the_better_direction() {
        use MetricKind::*;
        assert_eq!(
            metric(ConversionRate, 12.5, Some(15.0)).meets_target(),
            Some(false)
        );
        assert_eq!(
            metric(ConversionRate, 15.0, Some(15.0)).meets_target(),
            Some(true)
        );
        assert_eq!(metric(ChurnRate, 4.0, Some(5.0)).meets_target(), Some(true));
        assert_eq!(
            metric(BounceRate, 60.0, Some(40.0)).meets_target(),
            Some(false)
        );
        assert_eq!(metric(Nps, -10.0, Some(-20.0)).meets_target(), Some(true));
        assert_eq!(metric(Nps, 30.0, None).meets_target(), None);
        assert_eq!(metric(Custom, 3.0, Some(2.0)).meets_target(), None);
    }

    fn draft(kind: MetricKind, value: &str) -> MetricDraft {
        MetricDraft {
            kind,
            value: value.into(),
            ..MetricDraft::new(date(2026, 11, 24))
        }
    }

    #[test]
    fn a_draft_reads_into_a_checked_metric() {
        let mut d = draft(MetricKind::AverageOrderValue, "1.234,5");
        d.unit = " € ".into();
        d.target = "1.500".into();
        let m = d.read(Ro).unwrap();
        assert_eq!(m.value.get(), 1234.5);
        assert_eq!(m.target.map(Number::get), Some(1500.0));
        assert_eq!(m.unit, "€");
        assert_eq!(m.date, Some(date(2026, 11, 24)));
    }

    #[test]
    fn a_draft_names_each_bad_field() {
        use MetricKind::*;
        let out = |s| Some(FieldError::OutOfRange(s));
        assert_eq!(
            draft(ConversionRate, "140").read(En).unwrap_err().value,
            out(Scale::Percent)
        );
        assert_eq!(
            draft(Nps, "-101").read(En).unwrap_err().value,
            out(Scale::NetPromoter)
        );
        assert_eq!(
            draft(AverageOrderValue, "−1").read(Ro).unwrap_err().value,
            out(Scale::Amount)
        );
        assert_eq!(
            draft(Csat, "lots").read(En).unwrap_err().value,
            Some(FieldError::Number(NumberError::NotANumber))
        );
        assert_eq!(
            draft(Csat, "").read(En).unwrap_err().value,
            Some(FieldError::Number(NumberError::Empty))
        );

        let mut d = draft(Custom, "3");
        d.target = "1,5".into();
        d.unit = "u".repeat(MAX_METRIC_LABEL_CHARS + 1);
        let errors = d.read(En).unwrap_err();
        assert_eq!(errors.value, None);
        assert_eq!(errors.name, Some(MetricError::MissingName));
        assert_eq!(errors.unit, Some(MetricError::LabelTooLong));
        assert!(matches!(
            errors.target,
            Some(FieldError::Number(NumberError::OtherConvention { .. }))
        ));
    }

    #[test]
    fn an_edited_metric_saved_unchanged_is_the_same_metric() {
        let mut m = metric(MetricKind::Custom, 1234.5678, Some(-0.25));
        m.unit = "tickets".into();
        m.date = Some(date(2026, 2, 28));
        for locale in Locale::ALL {
            assert_eq!(MetricDraft::of(&m, locale).read(locale), Ok(m.clone()));
        }
    }
}
