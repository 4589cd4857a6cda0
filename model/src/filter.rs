//! Narrowing the board to what a team is looking at: a filter over the cards' category,
//! channel, personas, tags and confidence, and one persona's path through the journey. Both are
//! a way of looking, not part of the map: the interface keeps them per tab and never saves them.

use crate::evidence::Confidence;
use crate::ids::{CardId, PersonaId};
use crate::map::{Card, JourneyMap};
use crate::touchpoint::{Category, Channel};
use std::collections::{BTreeSet, HashSet};

/// Which cards to show. Each facet is a set of accepted values; an empty set accepts every
/// card. A card is shown when every facet accepts it: one of its values is in the set (a
/// card without a category or channel is not accepted by a facet that names some).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub categories: BTreeSet<Category>,
    pub channels: BTreeSet<Channel>,
    /// A card for every persona belongs to each one's journey, so it is always accepted.
    pub personas: BTreeSet<PersonaId>,
    pub tags: BTreeSet<String>,
    pub confidences: BTreeSet<Confidence>,
}

impl Filter {
    /// The filter that shows only the touchpoints through `channel`: what following a cell of
    /// the channels view asks for.
    pub fn only_channel(channel: Channel) -> Filter {
        Filter {
            channels: BTreeSet::from([channel]),
            ..Filter::default()
        }
    }

    /// Whether it accepts every card.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            && self.channels.is_empty()
            && self.personas.is_empty()
            && self.tags.is_empty()
            && self.confidences.is_empty()
    }

    /// How many values are chosen over all facets.
    pub fn chosen(&self) -> usize {
        self.categories.len()
            + self.channels.len()
            + self.personas.len()
            + self.tags.len()
            + self.confidences.len()
    }

    pub fn matches(&self, card: &Card) -> bool {
        fn accepts<T: Ord>(set: &BTreeSet<T>, value: Option<&T>) -> bool {
            set.is_empty() || value.is_some_and(|v| set.contains(v))
        }
        accepts(&self.categories, card.category.as_ref())
            && accepts(&self.channels, card.channel.as_ref())
            && accepts(&self.confidences, Some(&card.confidence))
            && (self.personas.is_empty() || self.personas.iter().any(|p| card.is_for(p)))
            && (self.tags.is_empty() || card.tags.iter().any(|t| self.tags.contains(t)))
    }

    /// How many of the map's cards it hides.
    pub fn hidden_count(&self, map: &JourneyMap) -> usize {
        if self.is_empty() {
            return 0;
        }
        map.cards.iter().filter(|c| !self.matches(c)).count()
    }

    /// Leaves out the values the map no longer has (a deleted persona, a tag no card carries),
    /// so a filter never hides everything for a reason the bar cannot show.
    pub fn keep_known(&mut self, map: &JourneyMap) {
        self.personas.retain(|p| map.persona(p).is_some());
        let tags = tags_in(map);
        self.tags.retain(|t| tags.contains(t));
    }
}

/// One value a facet of the filter can accept: what a checkbox of the filter bar stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    Category(Category),
    Channel(Channel),
    Persona(PersonaId),
    Tag(String),
    Confidence(Confidence),
}

impl Filter {
    pub fn has(&self, choice: &Choice) -> bool {
        match choice {
            Choice::Category(c) => self.categories.contains(c),
            Choice::Channel(c) => self.channels.contains(c),
            Choice::Persona(p) => self.personas.contains(p),
            Choice::Tag(t) => self.tags.contains(t),
            Choice::Confidence(c) => self.confidences.contains(c),
        }
    }

    /// Accepts `choice` too, or no longer when it did.
    pub fn toggle(&mut self, choice: Choice) {
        fn flip<T: Ord>(set: &mut BTreeSet<T>, value: T) {
            if !set.remove(&value) {
                set.insert(value);
            }
        }
        match choice {
            Choice::Category(c) => flip(&mut self.categories, c),
            Choice::Channel(c) => flip(&mut self.channels, c),
            Choice::Persona(p) => flip(&mut self.personas, p),
            Choice::Tag(t) => flip(&mut self.tags, t),
            Choice::Confidence(c) => flip(&mut self.confidences, c),
        }
    }

    /// Every chosen value, facet by facet in the bar's order.
    pub fn choices(&self) -> Vec<Choice> {
        let categories = self.categories.iter().map(|&c| Choice::Category(c));
        let channels = self.channels.iter().map(|&c| Choice::Channel(c));
        let personas = self.personas.iter().cloned().map(Choice::Persona);
        let tags = self.tags.iter().cloned().map(Choice::Tag);
        let confidences = self.confidences.iter().map(|&c| Choice::Confidence(c));
        categories
            .chain(channels)
            .chain(personas)
            .chain(tags)
            .chain(confidences)
            .collect()
    }
}

/// Every tag on the map's cards, each once, sorted: the tag facet's choices.
pub fn tags_in(map: &JourneyMap) -> BTreeSet<String> {
    map.cards
        .iter()
        .flat_map(|c| c.tags.iter().cloned())
        .collect()
}

/// What becomes of the cards that are not part of the chosen persona's journey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathMode {
    /// Drawn faintly, still in place and reachable.
    #[default]
    Dim,
    Hide,
}

/// One persona's path through the journey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonaPath {
    pub persona: PersonaId,
    pub mode: PathMode,
}

/// What a filter and a persona's path make of a map's cards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sifted {
    /// Not drawn, not focusable, and stepped over by keyboard moves.
    pub hidden: HashSet<CardId>,
    /// Drawn faintly: off the persona's path in `PathMode::Dim`, and not hidden.
    pub dimmed: HashSet<CardId>,
    /// Cards the filter does not accept.
    pub by_filter: usize,
    /// Cards that are not part of the persona's journey, whether dimmed or hidden.
    pub off_path: usize,
}

impl Sifted {
    pub fn is_shown(&self, card: &CardId) -> bool {
        !self.hidden.contains(card)
    }
}

/// Sorts the map's cards under `filter` and `path` in one pass.
pub fn sift(map: &JourneyMap, filter: &Filter, path: Option<&PersonaPath>) -> Sifted {
    let mut sifted = Sifted::default();
    if filter.is_empty() && path.is_none() {
        return sifted;
    }
    for card in &map.cards {
        let accepted = filter.matches(card);
        let on_path = path.is_none_or(|p| card.is_for(&p.persona));
        sifted.by_filter += usize::from(!accepted);
        sifted.off_path += usize::from(!on_path);
        let hide_off_path = path.is_some_and(|p| p.mode == PathMode::Hide);
        if !accepted || (!on_path && hide_off_path) {
            sifted.hidden.insert(card.id.clone());
        } else if !on_path {
            sifted.dimmed.insert(card.id.clone());
        }
    }
    sifted
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::map::{Cell, Locale};
    use crate::templates::{Template, new_map};
    use chrono::DateTime;

    fn card(id: &str) -> Card {
        let cell = Cell {
            lane: crate::LaneId::new("l"),
            stage: crate::StageId::new("s"),
        };
        Card::new(CardId::new(id), cell, id.into())
    }

    fn email_from_marketing() -> Card {
        Card {
            category: Some(Category::Marketing),
            channel: Some(Channel::Email),
            tags: vec!["launch".into()],
            confidence: Confidence::Validated,
            personas: vec![PersonaId::new("ana")],
            ..card("e")
        }
    }

    #[test]
    fn an_empty_filter_accepts_every_card() {
        let filter = Filter::default();
        assert!(filter.is_empty());
        assert!(filter.matches(&card("plain")));
        assert!(filter.matches(&email_from_marketing()));
    }

    #[test]
    fn a_facet_accepts_any_of_its_values_and_refuses_a_card_without_one() {
        let mut filter = Filter::only_channel(Channel::Phone);
        assert!(!filter.matches(&email_from_marketing()));
        filter.channels.insert(Channel::Email);
        assert!(filter.matches(&email_from_marketing()));
        assert!(!filter.matches(&card("no channel")));
    }

    #[test]
    fn every_facet_must_accept_the_card() {
        let email = email_from_marketing();
        let mut filter = Filter::only_channel(Channel::Email);
        filter.categories.insert(Category::Marketing);
        filter.tags.insert("launch".into());
        filter.confidences.insert(Confidence::Validated);
        filter.personas.insert(PersonaId::new("ana"));
        assert!(filter.matches(&email));
        for narrower in [
            Filter {
                categories: BTreeSet::from([Category::Sales]),
                ..filter.clone()
            },
            Filter {
                tags: BTreeSet::from(["other".to_owned()]),
                ..filter.clone()
            },
            Filter {
                confidences: BTreeSet::from([Confidence::Assumed]),
                ..filter.clone()
            },
            Filter {
                personas: BTreeSet::from([PersonaId::new("bob")]),
                ..filter.clone()
            },
        ] {
            assert!(!narrower.matches(&email), "{narrower:?}");
        }
    }

    #[test]
    fn a_card_for_every_persona_is_on_each_personas_filter() {
        let filter = Filter {
            personas: BTreeSet::from([PersonaId::new("bob")]),
            ..Filter::default()
        };
        assert!(filter.matches(&card("everyone's")));
        assert!(!filter.matches(&email_from_marketing()));
    }

    #[test]
    fn a_new_card_is_accepted_by_the_assumed_confidence() {
        let filter = Filter {
            confidences: BTreeSet::from([Confidence::Assumed]),
            ..Filter::default()
        };
        assert!(filter.matches(&card("new")));
    }

    /// A classic-template map (lanes: touchpoints, emotions, pain points, opportunities)
    /// holding `cards`.
    pub(crate) fn map_with(cards: Vec<Card>) -> JourneyMap {
        let mut n = 0;
        let mut map = new_map(
            Template::Classic,
            Locale::En,
            "T",
            DateTime::UNIX_EPOCH,
            &mut || {
                n += 1;
                format!("id{n}")
            },
        );
        map.cards = cards;
        map
    }

    #[test]
    fn hidden_count_counts_the_cards_the_filter_refuses() {
        let map = map_with(vec![card("a"), email_from_marketing(), card("b")]);
        assert_eq!(Filter::default().hidden_count(&map), 0);
        assert_eq!(Filter::only_channel(Channel::Email).hidden_count(&map), 2);
        assert_eq!(Filter::only_channel(Channel::Blog).hidden_count(&map), 3);
    }

    #[test]
    fn toggle_adds_a_choice_then_takes_it_out() {
        let mut filter = Filter::default();
        let choices = [
            Choice::Category(Category::Sales),
            Choice::Channel(Channel::Blog),
            Choice::Persona(PersonaId::new("ana")),
            Choice::Tag("launch".into()),
            Choice::Confidence(Confidence::Validated),
        ];
        for choice in choices.clone() {
            assert!(!filter.has(&choice));
            filter.toggle(choice.clone());
            assert!(filter.has(&choice));
        }
        assert_eq!(filter.choices(), choices);
        assert_eq!(filter.chosen(), 5);
        for choice in choices {
            filter.toggle(choice);
        }
        assert!(filter.is_empty());
    }

    #[test]
    fn tags_in_lists_each_tag_once_in_order() {
        let tagged = |id, tags: &[&str]| Card {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..card(id)
        };
        let map = map_with(vec![tagged("a", &["z", "b"]), tagged("b", &["b", "a"])]);
        assert_eq!(
            tags_in(&map).into_iter().collect::<Vec<_>>(),
            ["a", "b", "z"]
        );
    }

    #[test]
    fn keep_known_drops_deleted_personas_and_vanished_tags() {
        let mut map = map_with(vec![email_from_marketing()]);
        let known = map.personas[0].id.clone();
        let mut filter = Filter {
            personas: BTreeSet::from([known.clone(), PersonaId::new("gone")]),
            tags: BTreeSet::from(["launch".to_owned(), "old".to_owned()]),
            ..Filter::default()
        };
        filter.keep_known(&map);
        assert_eq!(filter.personas, BTreeSet::from([known]));
        assert_eq!(filter.tags, BTreeSet::from(["launch".to_owned()]));
        map.cards.clear();
        filter.keep_known(&map);
        assert!(filter.tags.is_empty());
        assert_eq!(filter.chosen(), 1);
    }

    #[test]
    fn a_persona_path_dims_or_hides_the_other_personas_cards() {
        let bob = Card {
            personas: vec![PersonaId::new("bob")],
            ..card("bob's")
        };
        let map = map_with(vec![card("all"), email_from_marketing(), bob]);
        let mut path = PersonaPath {
            persona: PersonaId::new("ana"),
            mode: PathMode::Dim,
        };
        let dimmed = sift(&map, &Filter::default(), Some(&path));
        assert_eq!(dimmed.dimmed, HashSet::from([CardId::new("bob's")]));
        assert!(dimmed.hidden.is_empty());
        assert_eq!((dimmed.off_path, dimmed.by_filter), (1, 0));
        path.mode = PathMode::Hide;
        let hidden = sift(&map, &Filter::default(), Some(&path));
        assert_eq!(hidden.hidden, HashSet::from([CardId::new("bob's")]));
        assert!(hidden.dimmed.is_empty());
        assert!(!hidden.is_shown(&CardId::new("bob's")));
        assert!(hidden.is_shown(&CardId::new("all")));
    }

    #[test]
    fn sift_hides_what_the_filter_refuses_and_counts_each_reason() {
        let bob = Card {
            personas: vec![PersonaId::new("bob")],
            channel: Some(Channel::Email),
            ..card("bob's")
        };
        let map = map_with(vec![card("all"), email_from_marketing(), bob]);
        let path = PersonaPath {
            persona: PersonaId::new("ana"),
            mode: PathMode::Dim,
        };
        let sifted = sift(&map, &Filter::only_channel(Channel::Email), Some(&path));
        assert_eq!(sifted.hidden, HashSet::from([CardId::new("all")]));
        assert_eq!(sifted.dimmed, HashSet::from([CardId::new("bob's")]));
        assert_eq!((sifted.by_filter, sifted.off_path), (1, 1));
        assert_eq!(sift(&map, &Filter::default(), None), Sifted::default());
    }
}
