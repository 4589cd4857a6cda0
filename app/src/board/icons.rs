//! The channels' pictograms: each drawn once as a `<symbol>` of one hidden sprite and used by
//! reference, so a thousand cards showing a channel add two small nodes each, not a drawing.
//! Strokes take the text colour; an icon never stands alone, the channel's name goes with it.
//! (Single-colour marks, such as confidence and sources, are drawn by the style sheet.)

use leptos::prelude::*;
use model::Channel;
use model::svg::icons as drawings;

/// The sprite the icons point into, every channel's symbol (the pictograms the SVG export
/// draws too), 24 × 24 with the stroke and fill the `.icon` style gives; mounted once, before
/// any icon.
#[component]
pub fn Sprite() -> impl IntoView {
    let symbols: String = Channel::ALL
        .into_iter()
        .map(|c| {
            let id = channel(c).trim_start_matches('#');
            format!(
                r#"<symbol id="{id}" viewBox="0 0 24 24">{}</symbol>"#,
                drawings::channel(c)
            )
        })
        .collect();
    let sprite = format!(r#"<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>"#);
    view! { <div class="icon-sprite" aria-hidden="true" inner_html=sprite></div> }
}

/// A pictogram from the sprite, hidden from assistive technology: the words beside it speak.
#[component]
pub fn Icon(symbol: &'static str) -> impl IntoView {
    view! {
        <svg class="icon" aria-hidden="true" focusable="false">
            <use href=symbol></use>
        </svg>
    }
}

pub fn channel(channel: Channel) -> &'static str {
    match channel {
        Channel::Website => "#icon-website",
        Channel::Blog => "#icon-blog",
        Channel::SocialMedia => "#icon-social",
        Channel::Advertising => "#icon-advertising",
        Channel::Events => "#icon-events",
        Channel::Email => "#icon-email",
        Channel::Phone => "#icon-phone",
        Channel::LiveChat => "#icon-chat",
        Channel::PhysicalStore => "#icon-store",
        Channel::SalesCall => "#icon-demo",
        Channel::PricingPage => "#icon-pricing",
        Channel::OnboardingEmail => "#icon-onboarding",
        Channel::Tutorial => "#icon-tutorial",
        Channel::KnowledgeBase => "#icon-knowledge",
        Channel::SupportTicket => "#icon-ticket",
        Channel::Survey => "#icon-survey",
        Channel::InApp => "#icon-in-app",
    }
}
