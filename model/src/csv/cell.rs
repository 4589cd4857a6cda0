//! One cell's value: kept from running as a formula, and the forms of names, numbers, dates
//! and flags.

use crate::map::Locale;
use crate::numbers::{MINUS, parse_number};
use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::borrow::Cow;

/// What a spreadsheet takes a cell for a formula by when the cell starts with it (OWASP's
/// list for CSV injection).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// What makes a spreadsheet show a cell as text.
const GUARD: char = '\'';

/// Whether `text` starts with a trigger once the apostrophes it starts with are skipped.
fn triggers(text: &str) -> bool {
    text.trim_start_matches(GUARD).starts_with(TRIGGERS)
}

/// A number as `write_number` writes it: a spreadsheet reads it as a number, not a formula,
/// so it needs no guard (and `-3` stays `-3` for anyone reading the file).
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, fraction]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// `text` as written in a cell: an apostrophe before it if a spreadsheet could run it.
pub(super) fn guard(text: &str) -> Cow<'_, str> {
    if triggers(text) && !is_plain_number(text) {
        Cow::Owned(format!("{GUARD}{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as `guard` had it: one apostrophe less before a trigger.
pub(super) fn unguard(text: &str) -> &str {
    match text.strip_prefix(GUARD) {
        Some(rest) if triggers(rest) => rest,
        _ => text,
    }
}

/// A name as typed: trimmed, lower case, spaces and hyphens as underscores.
pub(super) fn normalised(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The name the file format gives `value` (`social_media`).
pub(super) fn name_of<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        other => unreachable!("a kind serialises to its name, not {other:?}"),
    }
}

/// The value `text` names, as `name_of` writes it or as a person types it.
pub(super) fn read_name<T: DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(&Value::String(normalised(text))).ok()
}

/// Every digit the value holds, with a point and no grouping; Rust writes no exponent, so
/// any spreadsheet reads it back.
pub(super) fn write_number(value: f64) -> String {
    format!("{value}")
}

/// A number as `write_number` writes it, or else as `locale` writes it.
pub(super) fn read_number(text: &str, locale: Locale) -> Option<f64> {
    let text = text.trim();
    let plain = text.replace(MINUS, "-");
    if is_plain_number(&plain) {
        plain.parse().ok()
    } else {
        parse_number(text, locale).ok()
    }
}

/// A whole number, with `-` or `−` for a negative one.
pub(super) fn read_whole<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.trim().replace(MINUS, "-").parse().ok()
}

pub(super) fn write_flag(flag: bool) -> &'static str {
    if flag { "true" } else { "false" }
}

pub(super) fn read_flag(text: &str) -> Option<bool> {
    match normalised(text).as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

pub(super) fn read_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::touchpoint::Channel;

    #[test]
    fn every_formula_trigger_is_guarded_and_unguarded() {
        for (text, written) in [
            ("=1+2", "'=1+2"),
            ("+40 722", "'+40 722"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''@", "'''@"),
            ("'plain", "'plain"),
            ("plain = fine", "plain = fine"),
            ("-3", "-3"),
            ("-0.25", "-0.25"),
            ("-3.", "'-3."),
            ("--3", "'--3"),
            ("", ""),
        ] {
            assert_eq!(guard(text), written, "{text:?}");
            assert_eq!(unguard(written), text, "{written:?}");
        }
    }

    #[test]
    fn names_are_read_as_people_type_them() {
        assert_eq!(name_of(Channel::SocialMedia), "social_media");
        for typed in ["social_media", " Social media ", "SOCIAL-MEDIA"] {
            assert_eq!(read_name(typed), Some(Channel::SocialMedia), "{typed}");
        }
        assert_eq!(read_name::<Channel>("socialmedia"), None);
    }

    #[test]
    fn numbers_read_the_written_form_first_then_the_language() {
        assert_eq!(read_number("1.234", Locale::Ro), Some(1.234));
        assert_eq!(read_number("1.234,5", Locale::Ro), Some(1234.5));
        assert_eq!(read_number("−32.5", Locale::En), Some(-32.5));
        assert_eq!(read_number("1,5", Locale::En), None);
        for value in [0.1, -32.5, 1e21, 1e-7, 1.0 / 3.0] {
            let written = write_number(value);
            assert!(is_plain_number(&written), "{written}");
            assert_eq!(read_number(&written, Locale::Ro), Some(value));
        }
    }
}
