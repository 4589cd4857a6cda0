//! The map as the rules read it: the cards of shown lanes in board order, grouped by stage,
//! every persona's score at every stage, and who each stage's touchpoints reach through which
//! channels. Built once, in O(n log n) in the cards, so no rule scans the map per card.

use super::Target;
use crate::ids::{CardId, PersonaId, StageId};
use crate::map::{Card, JourneyMap, LaneKind, Score};
use crate::touchpoint::Channel;
use std::collections::HashMap;

/// A card of a shown lane, with the indexes of its stage and lane.
#[derive(Clone, Copy, Debug)]
pub(super) struct Placed<'a> {
    pub card: &'a Card,
    pub stage: usize,
    pub lane: usize,
    pub kind: LaneKind,
}

impl Placed<'_> {
    /// Whether the customer meets the brand here: any card with a channel (what the channels
    /// view counts), and any card of a lane that stands for meeting the customer, so a
    /// touchpoint whose channel nobody has picked yet still counts.
    pub fn is_touchpoint(&self) -> bool {
        self.card.channel.is_some()
            || matches!(
                self.kind,
                LaneKind::Touchpoints
                    | LaneKind::Channels
                    | LaneKind::Frontstage
                    | LaneKind::PhysicalEvidence
            )
    }
}

/// A set of channels, iterated in the order of `Channel::ALL`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct ChannelSet(u32);

impl ChannelSet {
    fn bit(channel: Channel) -> u32 {
        // `Channel::ALL` is in declaration order, so the discriminant is the position in it.
        1 << channel as u32
    }

    pub fn of(channels: &[Channel]) -> ChannelSet {
        let mut set = ChannelSet::default();
        channels.iter().for_each(|&c| set.insert(c));
        set
    }

    pub fn insert(&mut self, channel: Channel) {
        self.0 |= Self::bit(channel);
    }

    pub fn contains(self, channel: Channel) -> bool {
        self.0 & Self::bit(channel) != 0
    }

    pub fn minus(self, other: ChannelSet) -> ChannelSet {
        ChannelSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn to_vec(self) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|&c| self.contains(c))
            .collect()
    }
}

/// The touchpoints at a stage, for everyone or for one persona.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Reach {
    pub touchpoints: usize,
    /// The channels of those that have one.
    pub channels: ChannelSet,
}

impl Reach {
    fn add(&mut self, placed: &Placed) {
        self.touchpoints += 1;
        if let Some(channel) = placed.card.channel {
            self.channels.insert(channel);
        }
    }
}

pub(super) struct Board<'a> {
    pub map: &'a JourneyMap,
    /// Cards of shown lanes whose lane and stage exist, by stage, then lane, then place in
    /// their cell.
    pub cards: Vec<Placed<'a>>,
    /// Stage `s`'s cards are `cards[starts[s]..starts[s + 1]]`.
    starts: Vec<usize>,
    /// `scores[p][s]`: persona `p`'s score at stage `s`.
    pub scores: Vec<Vec<Option<Score>>>,
    /// `reach[s]`: every touchpoint at stage `s`.
    pub reach: Vec<Reach>,
    /// `persona_reach[s][p]`: the touchpoints at stage `s` that are for persona `p`.
    pub persona_reach: Vec<Vec<Reach>>,
    /// Each persona's preferred channels.
    pub preferred: Vec<ChannelSet>,
    stage_at: HashMap<&'a StageId, usize>,
    persona_at: HashMap<&'a PersonaId, usize>,
    card_at: HashMap<&'a CardId, usize>,
}

impl<'a> Board<'a> {
    pub fn new(map: &'a JourneyMap) -> Board<'a> {
        let stage_at: HashMap<&StageId, usize> = map
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let persona_at: HashMap<&PersonaId, usize> = map
            .personas
            .iter()
            .enumerate()
            .map(|(i, p)| (&p.id, i))
            .collect();
        let lanes: HashMap<_, _> = map
            .lanes
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.hidden)
            .map(|(i, l)| (&l.id, (i, l.kind)))
            .collect();
        let mut cards: Vec<Placed> = map
            .cards
            .iter()
            .filter_map(|card| {
                let &(lane, kind) = lanes.get(&card.lane)?;
                let &stage = stage_at.get(&card.stage)?;
                Some(Placed {
                    card,
                    stage,
                    lane,
                    kind,
                })
            })
            .collect();
        // Stable, so each cell keeps its cards' order.
        cards.sort_by_key(|p| (p.stage, p.lane));
        let mut starts = vec![0; map.stages.len() + 1];
        for placed in &cards {
            starts[placed.stage + 1] += 1;
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        let scores = map
            .personas
            .iter()
            .map(|persona| {
                let mut row = vec![None; map.stages.len()];
                // The first score for a stage wins, as `Persona::score_at` has it.
                for e in persona.emotions.iter().rev() {
                    if let Some(&s) = stage_at.get(&e.stage) {
                        row[s] = Some(e.score);
                    }
                }
                row
            })
            .collect();
        let card_at = cards
            .iter()
            .enumerate()
            .map(|(i, p)| (&p.card.id, i))
            .collect();
        let mut reach = vec![Reach::default(); map.stages.len()];
        let mut persona_reach = vec![vec![Reach::default(); map.personas.len()]; reach.len()];
        for placed in cards.iter().filter(|p| p.is_touchpoint()) {
            reach[placed.stage].add(placed);
            for p in personas_of(placed.card, &persona_at, map.personas.len()) {
                persona_reach[placed.stage][p].add(placed);
            }
        }
        Board {
            map,
            cards,
            starts,
            scores,
            reach,
            persona_reach,
            preferred: map
                .personas
                .iter()
                .map(|p| ChannelSet::of(&p.profile.channels))
                .collect(),
            stage_at,
            persona_at,
            card_at,
        }
    }

    pub fn stage_count(&self) -> usize {
        self.map.stages.len()
    }

    pub fn stage_id(&self, stage: usize) -> &'a StageId {
        &self.map.stages[stage].id
    }

    pub fn persona_id(&self, persona: usize) -> &'a PersonaId {
        &self.map.personas[persona].id
    }

    /// The cards of stage `stage`, in board order.
    pub fn stage_cards(&self, stage: usize) -> &[Placed<'a>] {
        &self.cards[self.starts[stage]..self.starts[stage + 1]]
    }

    /// The personas whose journey `card` is part of, by index: every persona when it names
    /// none.
    pub fn personas_of<'b>(&'b self, card: &'b Card) -> impl Iterator<Item = usize> + 'b {
        personas_of(card, &self.persona_at, self.map.personas.len())
    }

    /// Where `target` is on the board, for sorting left to right: the stage, then a card's
    /// lane and board order, or an emotion point's persona. Targets come from this board, so
    /// each is found; anything else would sort last.
    pub fn position(&self, target: &Target) -> (usize, usize, usize) {
        let stage = |id: &StageId| self.stage_at.get(id).copied().unwrap_or(usize::MAX);
        match target {
            Target::Stage(id) => (stage(id), 0, 0),
            Target::Emotion { persona, stage: s } => (
                stage(s),
                self.persona_at.get(persona).copied().unwrap_or(usize::MAX),
                0,
            ),
            Target::Card(id) => self.card_at.get(id).map_or((usize::MAX, 0, 0), |&i| {
                (self.cards[i].stage, self.cards[i].lane, i)
            }),
        }
    }
}

fn personas_of<'b>(
    card: &'b Card,
    persona_at: &'b HashMap<&PersonaId, usize>,
    personas: usize,
) -> impl Iterator<Item = usize> + 'b {
    let everyone = card.personas.is_empty().then_some(0..personas);
    let named = card
        .personas
        .iter()
        .filter_map(|p| persona_at.get(p).copied());
    everyone.into_iter().flatten().chain(named)
}

#[cfg(test)]
mod tests {
    use super::super::sketch::Sketch;
    use super::*;
    use crate::map::LaneKind::*;

    #[test]
    fn cards_of_hidden_lanes_are_left_out_and_the_rest_follow_the_board() {
        let mut s = Sketch::new(2, &[Touchpoints, PainPoints, Notes]);
        s.card(1, 1);
        s.card(0, 1);
        s.card(2, 0);
        s.card(1, 0);
        s.card(0, 1);
        s.hide_lane(2);
        let map = s.map();
        let board = Board::new(&map);
        let ids: Vec<&str> = board.cards.iter().map(|p| p.card.id.as_str()).collect();
        assert_eq!(ids, ["c3", "c1", "c4", "c0"]);
        assert_eq!(board.stage_cards(0).len(), 1);
        assert_eq!(board.stage_cards(1).len(), 3);
    }

    #[test]
    fn a_card_without_personas_reaches_every_persona() {
        let mut s = Sketch::new(1, &[Touchpoints]);
        s.persona(&[], &[]);
        s.persona(&[], &[]);
        s.card(0, 0).channel = Some(Channel::Email);
        s.card(0, 0).personas = vec![PersonaId::new("p1")];
        let map = s.map();
        let board = Board::new(&map);
        assert_eq!(board.persona_reach[0][0].touchpoints, 1);
        assert_eq!(board.persona_reach[0][1].touchpoints, 2);
        assert_eq!(board.reach[0].channels.to_vec(), [Channel::Email]);
    }

    #[test]
    fn a_channel_set_lists_its_channels_in_the_canonical_order() {
        let set = ChannelSet::of(&[Channel::InApp, Channel::Website, Channel::Email]);
        assert_eq!(
            set.minus(ChannelSet::of(&[Channel::Email])).to_vec(),
            [Channel::Website, Channel::InApp]
        );
        assert!(set.contains(Channel::InApp) && !set.contains(Channel::Blog));
        assert!(ChannelSet::default().is_empty());
    }
}
