//! Text and numbers as they may stand in an XML 1.0 document.

use std::fmt;

/// Whether XML 1.0 allows `c` in a document at all: not the C0 controls other than tab, line
/// feed and carriage return, nor U+FFFE and U+FFFF (Rust's `char` already excludes
/// surrogates).
fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` escaped for element content and attribute values alike; characters XML cannot
/// hold are dropped.
pub(super) struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) =
            rest.find(|c: char| !is_allowed(c) || matches!(c, '&' | '<' | '>' | '"' | '\''))
        {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            f.write_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => "",
            })?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// A length in CSS pixels, to a hundredth, without trailing zeros: `12`, `7.2`, `0.05`.
#[derive(Clone, Copy)]
pub(super) struct Px(pub f64);

impl fmt::Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundredths = (self.0 * 100.0).round() as i64;
        let sign = if hundredths < 0 { "-" } else { "" };
        let (whole, part) = (hundredths.abs() / 100, hundredths.abs() % 100);
        match part {
            0 => write!(f, "{sign}{whole}"),
            p if p % 10 == 0 => write!(f, "{sign}{whole}.{}", p / 10),
            p => write!(f, "{sign}{whole}.{p:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_forbidden_ones_dropped() {
        let text = "<script>alert('x & \"y\"')</script>\u{0}\u{7}\u{1b}\u{FFFE}\u{FFFF}ok\tț";
        assert_eq!(
            Escaped(text).to_string(),
            "&lt;script&gt;alert(&apos;x &amp; &quot;y&quot;&apos;)&lt;/script&gt;ok\tț"
        );
    }

    #[test]
    fn lengths_are_written_short() {
        let shown: Vec<String> = [12.0, 7.2, 0.05, 200.6, -3.0, -0.001, 19.444, 1.005]
            .map(|v| Px(v).to_string())
            .into();
        assert_eq!(
            shown,
            ["12", "7.2", "0.05", "200.6", "-3", "0", "19.44", "1"]
        );
    }
}
