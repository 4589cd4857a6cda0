//! What backs a card (PRODUCT.md, step 4): its sources and how sure the team is. A map read as
//! a whole must show which parts are research and which are guesses.

use serde::{Deserialize, Serialize};

/// The longest link a source keeps, in bytes.
pub const MAX_LINK_BYTES: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Survey,
    Interview,
    UserTest,
    SocialMedia,
    WebAnalytics,
    SupportTickets,
    SalesData,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 7] = [
        EvidenceKind::Survey,
        EvidenceKind::Interview,
        EvidenceKind::UserTest,
        EvidenceKind::SocialMedia,
        EvidenceKind::WebAnalytics,
        EvidenceKind::SupportTickets,
        EvidenceKind::SalesData,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// How sure the team is of a card. A new card is a guess until someone backs it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    #[default]
    Assumed,
    SomeEvidence,
    Validated,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [
        Confidence::Assumed,
        Confidence::SomeEvidence,
        Confidence::Validated,
    ];

    pub fn is_assumed(&self) -> bool {
        *self == Confidence::Assumed
    }
}

/// Whether `link` may be kept and opened: an absolute http or https address with a host, no
/// spaces or control characters, at most `MAX_LINK_BYTES`. Anything else (`javascript:`,
/// `data:`, relative paths) could run or fetch something the person did not mean to.
pub fn is_safe_link(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &link[8..]
    } else if lower.starts_with("http://") {
        &link[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    link.len() <= MAX_LINK_BYTES
        && !host.is_empty()
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_links_with_a_host_are_safe() {
        for good in [
            "https://example.org/report?q=1#p2",
            "HTTP://intranet/x",
            "https://a",
        ] {
            assert!(is_safe_link(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x",
            "https:///path",
            "https://",
            "//example.org",
            "/relative",
            "https://exa mple.org",
            "https://example.org/\u{0}",
            "",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_LINK_BYTES));
        assert!(!is_safe_link(&long));
    }

    #[test]
    fn a_new_card_is_assumed() {
        assert_eq!(Confidence::default(), Confidence::Assumed);
    }
}
