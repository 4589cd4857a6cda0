//! Words for the model's values, in the interface's language.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::{Colour, Lane, LaneKind, Score};

pub fn model_locale(locale: Locale) -> model::Locale {
    match locale {
        Locale::en => model::Locale::En,
        Locale::ro => model::Locale::Ro,
    }
}

pub fn set_document_lang(locale: Locale) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", locale.as_str());
    }
}

pub fn lane_kind_name(i18n: I18nContext<Locale>, kind: LaneKind) -> String {
    match kind {
        LaneKind::Goals => t_string!(i18n, lane_goals).to_string(),
        LaneKind::Actions => t_string!(i18n, lane_actions).to_string(),
        LaneKind::Touchpoints => t_string!(i18n, lane_touchpoints).to_string(),
        LaneKind::Channels => t_string!(i18n, lane_channels).to_string(),
        LaneKind::Thoughts => t_string!(i18n, lane_thoughts).to_string(),
        LaneKind::Emotions => t_string!(i18n, lane_emotions).to_string(),
        LaneKind::PainPoints => t_string!(i18n, lane_pain_points).to_string(),
        LaneKind::Opportunities => t_string!(i18n, lane_opportunities).to_string(),
        LaneKind::Metrics => t_string!(i18n, lane_metrics).to_string(),
        LaneKind::Notes => t_string!(i18n, lane_notes).to_string(),
    }
}

/// The lane's own name if the person gave one, else its kind's name.
pub fn lane_name(i18n: I18nContext<Locale>, lane: &Lane) -> String {
    lane.name
        .clone()
        .unwrap_or_else(|| lane_kind_name(i18n, lane.kind))
}

pub fn colour_name(i18n: I18nContext<Locale>, colour: Colour) -> String {
    match colour {
        Colour::Yellow => t_string!(i18n, colour_yellow).to_string(),
        Colour::Pink => t_string!(i18n, colour_pink).to_string(),
        Colour::Blue => t_string!(i18n, colour_blue).to_string(),
        Colour::Green => t_string!(i18n, colour_green).to_string(),
        Colour::Orange => t_string!(i18n, colour_orange).to_string(),
        Colour::Purple => t_string!(i18n, colour_purple).to_string(),
    }
}

/// The first line of a card's text, as announcements and dialog titles name the card.
pub fn card_name(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

pub fn feeling(i18n: I18nContext<Locale>, score: Score) -> String {
    match score.value() {
        ..=-3 => t_string!(i18n, feeling_m3).to_string(),
        -2 => t_string!(i18n, feeling_m2).to_string(),
        -1 => t_string!(i18n, feeling_m1).to_string(),
        0 => t_string!(i18n, feeling_0).to_string(),
        1 => t_string!(i18n, feeling_p1).to_string(),
        2 => t_string!(i18n, feeling_p2).to_string(),
        3.. => t_string!(i18n, feeling_p3).to_string(),
    }
}

/// "+2", "0", "−1": the sign always shown, a true minus sign.
pub fn signed(score: Score) -> String {
    match score.value() {
        v if v > 0 => format!("+{v}"),
        v if v < 0 => format!("−{}", -v),
        _ => "0".to_owned(),
    }
}

/// "+2 (positive)".
pub fn score_text(i18n: I18nContext<Locale>, score: Score) -> String {
    format!("{} ({})", signed(score), feeling(i18n, score))
}
