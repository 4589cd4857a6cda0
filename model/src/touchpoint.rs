//! Where a customer meets the brand (PRODUCT.md, step 3): the team that owns a touchpoint and
//! the channel it happens through. Both lists are closed so filters, the channels view and the
//! analysis can count them; the interface gives each an icon and a name in both languages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Marketing,
    Sales,
    CustomerSuccess,
    Product,
    Support,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Marketing,
        Category::Sales,
        Category::CustomerSuccess,
        Category::Product,
        Category::Support,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Website,
    Blog,
    SocialMedia,
    Advertising,
    Events,
    Email,
    Phone,
    LiveChat,
    PhysicalStore,
    SalesCall,
    PricingPage,
    OnboardingEmail,
    Tutorial,
    KnowledgeBase,
    SupportTicket,
    Survey,
    InApp,
}

impl Channel {
    pub const ALL: [Channel; 17] = [
        Channel::Website,
        Channel::Blog,
        Channel::SocialMedia,
        Channel::Advertising,
        Channel::Events,
        Channel::Email,
        Channel::Phone,
        Channel::LiveChat,
        Channel::PhysicalStore,
        Channel::SalesCall,
        Channel::PricingPage,
        Channel::OnboardingEmail,
        Channel::Tutorial,
        Channel::KnowledgeBase,
        Channel::SupportTicket,
        Channel::Survey,
        Channel::InApp,
    ];
}

/// Whether `tidy_channels` would leave them as they are.
pub fn channels_are_tidy(channels: &[Channel]) -> bool {
    channels.windows(2).all(|pair| pair[0] < pair[1])
}

/// Channels as a persona keeps them: each once, in the order of `Channel::ALL`.
pub fn tidy_channels(mut channels: Vec<Channel>) -> Vec<Channel> {
    channels.sort();
    channels.dedup();
    channels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_channel_in_declaration_order() {
        let mut sorted = Channel::ALL;
        sorted.sort();
        assert_eq!(sorted, Channel::ALL);
        let mut categories = Category::ALL;
        categories.sort();
        assert_eq!(categories, Category::ALL);
    }

    #[test]
    fn tidy_channels_sorts_and_drops_repeats() {
        assert_eq!(
            tidy_channels(vec![Channel::InApp, Channel::Blog, Channel::InApp]),
            [Channel::Blog, Channel::InApp]
        );
    }

    proptest::proptest! {
        #[test]
        fn channels_are_tidy_exactly_when_tidying_leaves_them(
            picks in proptest::collection::vec(0..Channel::ALL.len(), 0..6)
        ) {
            let channels: Vec<Channel> = picks.into_iter().map(|i| Channel::ALL[i]).collect();
            proptest::prop_assert_eq!(
                channels_are_tidy(&channels),
                tidy_channels(channels.clone()) == channels
            );
        }
    }

    #[test]
    fn channels_are_written_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&Channel::SalesCall).unwrap(),
            "\"sales_call\""
        );
        assert_eq!(
            serde_json::to_string(&Category::CustomerSuccess).unwrap(),
            "\"customer_success\""
        );
    }
}
