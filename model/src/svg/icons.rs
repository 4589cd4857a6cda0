//! The small drawings the board shows beside words: the channels' pictograms and the faces
//! of the emotion curve, which the app draws from here too, and the marks its style sheet
//! draws as images (confidence, sources), copied from `style/main.css`. All in a 24 × 24 box.

use crate::evidence::Confidence;
use crate::map::Score;
use crate::touchpoint::Channel;

/// A channel's pictogram: shapes for a stroke of the text's colour and no fill.
pub fn channel(channel: Channel) -> &'static str {
    match channel {
        Channel::Website => {
            r#"<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c-3 3-3 15 0 18M12 3c3 3 3 15 0 18"/>"#
        }
        Channel::Blog => r#"<path d="M5 3h10l4 4v14H5z"/><path d="M9 9h6M9 13h6M9 17h4"/>"#,
        Channel::SocialMedia => {
            r#"<circle cx="18" cy="5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="19" r="2.5"/><path d="M8.2 10.8l7.6-4.4M8.2 13.2l7.6 4.4"/>"#
        }
        Channel::Advertising => {
            r#"<path d="M3 10v4h4l8 5V5l-8 5z"/><path d="M18.5 9a4 4 0 0 1 0 6"/>"#
        }
        Channel::Events => {
            r#"<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>"#
        }
        Channel::Email => {
            r#"<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>"#
        }
        Channel::Phone => {
            r#"<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/>"#
        }
        Channel::LiveChat => {
            r#"<path d="M4 4h16v12H9l-5 4z"/><path d="M8 10h.01M12 10h.01M16 10h.01"/>"#
        }
        Channel::PhysicalStore => {
            r#"<path d="M3 9l2-5h14l2 5zM5 9v11h14V9"/><path d="M10 20v-6h4v6"/>"#
        }
        Channel::SalesCall => {
            r#"<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/><path d="M10 7.5l4.5 2.5-4.5 2.5z"/>"#
        }
        Channel::PricingPage => {
            r#"<path d="M3 3h9l9 9-9 9-9-9z"/><circle cx="7.5" cy="7.5" r="1.5"/>"#
        }
        Channel::OnboardingEmail => {
            r#"<rect x="2" y="7" width="15" height="12" rx="2"/><path d="M2 9l7.5 5L17 9M20 2v6M17 5h6"/>"#
        }
        Channel::Tutorial => {
            r#"<path d="M2 9l10-5 10 5-10 5z"/><path d="M6 11v5c2 2 10 2 12 0v-5M22 9v5"/>"#
        }
        Channel::KnowledgeBase => {
            r#"<path d="M12 6c-2-2-6-2-9-1v14c3-1 7-1 9 1 2-2 6-2 9-1V5c-3-1-7-1-9 1zM12 6v14"/>"#
        }
        Channel::SupportTicket => {
            r#"<path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z"/><path d="M14 7v2M14 11v2M14 15v2"/>"#
        }
        Channel::Survey => {
            r#"<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 2h6v4H9zM8 11l1.5 1.5L12 10M14 11h2M8 16l1.5 1.5L12 15M14 16h2"/>"#
        }
        Channel::InApp => {
            r#"<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>"#
        }
    }
}

/// The mouth of a score's face: it curves up with the score and down without it.
pub fn mouth(score: Score) -> String {
    let curve = 15.5 + 1.6 * f64::from(score.value());
    format!("M7 15.5 Q12 {curve:.1} 17 15.5")
}

/// A confidence level's mark, told apart by shape as well as colour.
pub(super) fn confidence(level: Confidence) -> &'static str {
    match level {
        Confidence::Assumed => {
            r##"<g fill="none" stroke="#5a6272" stroke-width="2" stroke-linecap="round"><circle cx="12" cy="12" r="9" stroke-dasharray="3.5 2.5"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01"/></g>"##
        }
        Confidence::SomeEvidence => {
            r##"<circle cx="12" cy="12" r="9" fill="none" stroke="#8a5a00" stroke-width="2"/><path d="M12 3a9 9 0 0 1 0 18z" fill="#8a5a00"/>"##
        }
        Confidence::Validated => {
            r##"<circle cx="12" cy="12" r="10" fill="#1f7a46"/><path d="M7.5 12.5l3 3 6-6.5" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>"##
        }
    }
}

/// The paperclip beside a card's count of sources.
pub(super) const SOURCES: &str = r##"<path d="M20 11l-8 8a5 5 0 0 1-7-7l8-8a3.5 3.5 0 0 1 5 5l-8 8a2 2 0 0 1-3-3l7-7" fill="none" stroke="#2b3140" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mouth_smiles_with_the_score() {
        assert_eq!(mouth(Score::new(0).unwrap()), "M7 15.5 Q12 15.5 17 15.5");
        assert_eq!(mouth(Score::new(3).unwrap()), "M7 15.5 Q12 20.3 17 15.5");
        assert_eq!(mouth(Score::new(-3).unwrap()), "M7 15.5 Q12 10.7 17 15.5");
    }
}
