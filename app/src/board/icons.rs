//! The channels' pictograms: each drawn once as a `<symbol>` of one hidden sprite and used by
//! reference, so a thousand cards showing a channel add two small nodes each, not a drawing.
//! Strokes take the text colour; an icon never stands alone, the channel's name goes with it.
//! (Single-colour marks, such as confidence and sources, are drawn by the style sheet.)

use leptos::prelude::*;
use model::Channel;

/// Every channel's symbol, 24 × 24, drawn with the stroke and fill the `.icon` style gives.
const SPRITE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg">
<symbol id="icon-website" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c-3 3-3 15 0 18M12 3c3 3 3 15 0 18"/></symbol>
<symbol id="icon-blog" viewBox="0 0 24 24"><path d="M5 3h10l4 4v14H5z"/><path d="M9 9h6M9 13h6M9 17h4"/></symbol>
<symbol id="icon-social" viewBox="0 0 24 24"><circle cx="18" cy="5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="19" r="2.5"/><path d="M8.2 10.8l7.6-4.4M8.2 13.2l7.6 4.4"/></symbol>
<symbol id="icon-advertising" viewBox="0 0 24 24"><path d="M3 10v4h4l8 5V5l-8 5z"/><path d="M18.5 9a4 4 0 0 1 0 6"/></symbol>
<symbol id="icon-events" viewBox="0 0 24 24"><rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/></symbol>
<symbol id="icon-email" viewBox="0 0 24 24"><rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/></symbol>
<symbol id="icon-phone" viewBox="0 0 24 24"><path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/></symbol>
<symbol id="icon-chat" viewBox="0 0 24 24"><path d="M4 4h16v12H9l-5 4z"/><path d="M8 10h.01M12 10h.01M16 10h.01"/></symbol>
<symbol id="icon-store" viewBox="0 0 24 24"><path d="M3 9l2-5h14l2 5zM5 9v11h14V9"/><path d="M10 20v-6h4v6"/></symbol>
<symbol id="icon-demo" viewBox="0 0 24 24"><rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/><path d="M10 7.5l4.5 2.5-4.5 2.5z"/></symbol>
<symbol id="icon-pricing" viewBox="0 0 24 24"><path d="M3 3h9l9 9-9 9-9-9z"/><circle cx="7.5" cy="7.5" r="1.5"/></symbol>
<symbol id="icon-onboarding" viewBox="0 0 24 24"><rect x="2" y="7" width="15" height="12" rx="2"/><path d="M2 9l7.5 5L17 9M20 2v6M17 5h6"/></symbol>
<symbol id="icon-tutorial" viewBox="0 0 24 24"><path d="M2 9l10-5 10 5-10 5z"/><path d="M6 11v5c2 2 10 2 12 0v-5M22 9v5"/></symbol>
<symbol id="icon-knowledge" viewBox="0 0 24 24"><path d="M12 6c-2-2-6-2-9-1v14c3-1 7-1 9 1 2-2 6-2 9-1V5c-3-1-7-1-9 1zM12 6v14"/></symbol>
<symbol id="icon-ticket" viewBox="0 0 24 24"><path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z"/><path d="M14 7v2M14 11v2M14 15v2"/></symbol>
<symbol id="icon-survey" viewBox="0 0 24 24"><rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 2h6v4H9zM8 11l1.5 1.5L12 10M14 11h2M8 16l1.5 1.5L12 15M14 16h2"/></symbol>
<symbol id="icon-in-app" viewBox="0 0 24 24"><rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/></symbol>
</svg>"##;

/// The sprite the icons point into; mounted once, before any icon.
#[component]
pub fn Sprite() -> impl IntoView {
    view! { <div class="icon-sprite" aria-hidden="true" inner_html=SPRITE></div> }
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
