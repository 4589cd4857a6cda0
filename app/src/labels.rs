//! Words for the model's values, in the interface's language.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::profile::ProfileGroup;
use model::{
    CardId, Category, Channel, Colour, Confidence, EvidenceKind, JourneyMap, Lane, LaneKind,
    MetricKind, ProfileField, RatingKind, Score, Status,
};

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
        LaneKind::PhysicalEvidence => t_string!(i18n, lane_physical_evidence).to_string(),
        LaneKind::Frontstage => t_string!(i18n, lane_frontstage).to_string(),
        LaneKind::Backstage => t_string!(i18n, lane_backstage).to_string(),
        LaneKind::SupportProcesses => t_string!(i18n, lane_support_processes).to_string(),
    }
}

pub fn category_name(i18n: I18nContext<Locale>, category: Category) -> &'static str {
    match category {
        Category::Marketing => t_string!(i18n, category_marketing),
        Category::Sales => t_string!(i18n, category_sales),
        Category::CustomerSuccess => t_string!(i18n, category_customer_success),
        Category::Product => t_string!(i18n, category_product),
        Category::Support => t_string!(i18n, category_support),
    }
}

pub fn channel_name(i18n: I18nContext<Locale>, channel: Channel) -> &'static str {
    match channel {
        Channel::Website => t_string!(i18n, channel_website),
        Channel::Blog => t_string!(i18n, channel_blog),
        Channel::SocialMedia => t_string!(i18n, channel_social_media),
        Channel::Advertising => t_string!(i18n, channel_advertising),
        Channel::Events => t_string!(i18n, channel_events),
        Channel::Email => t_string!(i18n, channel_email),
        Channel::Phone => t_string!(i18n, channel_phone),
        Channel::LiveChat => t_string!(i18n, channel_live_chat),
        Channel::PhysicalStore => t_string!(i18n, channel_physical_store),
        Channel::SalesCall => t_string!(i18n, channel_sales_call),
        Channel::PricingPage => t_string!(i18n, channel_pricing_page),
        Channel::OnboardingEmail => t_string!(i18n, channel_onboarding_email),
        Channel::Tutorial => t_string!(i18n, channel_tutorial),
        Channel::KnowledgeBase => t_string!(i18n, channel_knowledge_base),
        Channel::SupportTicket => t_string!(i18n, channel_support_ticket),
        Channel::Survey => t_string!(i18n, channel_survey),
        Channel::InApp => t_string!(i18n, channel_in_app),
    }
}

pub fn evidence_kind_name(i18n: I18nContext<Locale>, kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Survey => t_string!(i18n, evidence_survey),
        EvidenceKind::Interview => t_string!(i18n, evidence_interview),
        EvidenceKind::UserTest => t_string!(i18n, evidence_user_test),
        EvidenceKind::SocialMedia => t_string!(i18n, evidence_social_media),
        EvidenceKind::WebAnalytics => t_string!(i18n, evidence_web_analytics),
        EvidenceKind::SupportTickets => t_string!(i18n, evidence_support_tickets),
        EvidenceKind::SalesData => t_string!(i18n, evidence_sales_data),
    }
}

pub fn confidence_name(i18n: I18nContext<Locale>, confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Assumed => t_string!(i18n, confidence_assumed),
        Confidence::SomeEvidence => t_string!(i18n, confidence_some_evidence),
        Confidence::Validated => t_string!(i18n, confidence_validated),
    }
}

pub fn metric_kind_name(i18n: I18nContext<Locale>, kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Csat => t_string!(i18n, metric_csat),
        MetricKind::Nps => t_string!(i18n, metric_nps),
        MetricKind::ConversionRate => t_string!(i18n, metric_conversion_rate),
        MetricKind::DropOffRate => t_string!(i18n, metric_drop_off_rate),
        MetricKind::BounceRate => t_string!(i18n, metric_bounce_rate),
        MetricKind::AverageOrderValue => t_string!(i18n, metric_average_order_value),
        MetricKind::ChurnRate => t_string!(i18n, metric_churn_rate),
        MetricKind::Custom => t_string!(i18n, metric_custom),
    }
}

pub fn status_name(i18n: I18nContext<Locale>, status: Status) -> &'static str {
    match status {
        Status::Idea => t_string!(i18n, status_idea),
        Status::Planned => t_string!(i18n, status_planned),
        Status::InProgress => t_string!(i18n, status_in_progress),
        Status::Done => t_string!(i18n, status_done),
    }
}

pub fn rating_kind_name(i18n: I18nContext<Locale>, kind: RatingKind) -> &'static str {
    match kind {
        RatingKind::Impact => t_string!(i18n, rating_impact),
        RatingKind::Effort => t_string!(i18n, rating_effort),
    }
}

pub fn profile_field_name(i18n: I18nContext<Locale>, field: ProfileField) -> &'static str {
    use ProfileField::*;
    match field {
        Role => t_string!(i18n, profile_role),
        AgeRange => t_string!(i18n, profile_age_range),
        Gender => t_string!(i18n, profile_gender),
        Location => t_string!(i18n, profile_location),
        Income => t_string!(i18n, profile_income),
        Education => t_string!(i18n, profile_education),
        CompanySize => t_string!(i18n, profile_company_size),
        Industry => t_string!(i18n, profile_industry),
        Revenue => t_string!(i18n, profile_revenue),
        CompanyLocation => t_string!(i18n, profile_company_location),
        SiteActivity => t_string!(i18n, profile_site_activity),
        PurchaseHistory => t_string!(i18n, profile_purchase_history),
        ProductUse => t_string!(i18n, profile_product_use),
        SupportContacts => t_string!(i18n, profile_support_contacts),
        Lifestyle => t_string!(i18n, profile_lifestyle),
        Interests => t_string!(i18n, profile_interests),
        Values => t_string!(i18n, profile_values),
        Motivations => t_string!(i18n, profile_motivations),
        Goals => t_string!(i18n, profile_goals),
        Frustrations => t_string!(i18n, profile_frustrations),
    }
}

pub fn profile_group_name(i18n: I18nContext<Locale>, group: ProfileGroup) -> &'static str {
    match group {
        ProfileGroup::About => t_string!(i18n, profile_group_about),
        ProfileGroup::Demographics => t_string!(i18n, profile_group_demographics),
        ProfileGroup::Firmographics => t_string!(i18n, profile_group_firmographics),
        ProfileGroup::Behaviour => t_string!(i18n, profile_group_behaviour),
        ProfileGroup::Psychographics => t_string!(i18n, profile_group_psychographics),
        ProfileGroup::Needs => t_string!(i18n, profile_group_needs),
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

/// The name of the card `id` in `map`; empty once the card is gone.
pub fn card_name_in(map: &JourneyMap, id: &CardId) -> String {
    map.card(id).map(|c| card_name(&c.text)).unwrap_or_default()
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

/// "+2 (positive)".
pub fn score_text(i18n: I18nContext<Locale>, score: Score) -> String {
    format!("{score} ({})", feeling(i18n, score))
}
