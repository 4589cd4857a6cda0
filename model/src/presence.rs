//! Where a team is present: how many touchpoints each channel has at each stage, so gaps and
//! crowds show at a glance (PRODUCT.md, step 3).
//!
//! A touchpoint here is any card with a channel, in whatever lane it sits: a service
//! blueprint's frontstage or physical-evidence cards and a channels lane are where a customer
//! meets the brand as much as the touchpoints lane is. Cards in hidden lanes are left out,
//! since following a count shows the board, where they are not drawn.

use crate::ids::StageId;
use crate::map::JourneyMap;
use crate::touchpoint::Channel;

/// The channels × stages matrix of touchpoint counts, with every channel of `Channel::ALL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presence {
    /// The map's stages, in order: the matrix's columns.
    pub stages: Vec<StageId>,
    /// One row per channel, in the order of `Channel::ALL`, with a count per stage.
    pub rows: Vec<(Channel, Vec<usize>)>,
}

impl Presence {
    pub fn of(map: &JourneyMap) -> Presence {
        let stages: Vec<StageId> = map.stages.iter().map(|s| s.id.clone()).collect();
        let mut rows: Vec<(Channel, Vec<usize>)> = Channel::ALL
            .into_iter()
            .map(|c| (c, vec![0; stages.len()]))
            .collect();
        let shown_lane = |card: &crate::Card| map.lane(&card.lane).is_some_and(|l| !l.hidden);
        for card in map.cards.iter().filter(|c| shown_lane(c)) {
            let (Some(channel), Some(stage)) =
                (card.channel, stages.iter().position(|s| s == &card.stage))
            else {
                continue;
            };
            if let Some((_, counts)) = rows.iter_mut().find(|(c, _)| *c == channel) {
                counts[stage] += 1;
            }
        }
        Presence { stages, rows }
    }

    /// The rows of channels with at least one touchpoint.
    pub fn present(&self) -> impl Iterator<Item = &(Channel, Vec<usize>)> {
        self.rows
            .iter()
            .filter(|(_, counts)| counts.iter().any(|&n| n > 0))
    }

    /// The number of touchpoints at each stage, over every channel.
    pub fn stage_totals(&self) -> Vec<usize> {
        (0..self.stages.len())
            .map(|i| self.rows.iter().map(|(_, counts)| counts[i]).sum())
            .collect()
    }

    pub fn count(&self, channel: Channel, stage: &StageId) -> usize {
        let at = self.stages.iter().position(|s| s == stage);
        self.rows
            .iter()
            .find(|(c, _)| *c == channel)
            .zip(at)
            .map_or(0, |((_, counts), at)| counts[at])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::{Card, Cell, LaneKind};
    use crate::{CardId, JourneyMap};

    /// The classic template's map with cards given as (lane, stage, channel).
    fn map_with(cards: &[(usize, usize, Option<Channel>)]) -> JourneyMap {
        let mut map = crate::filter::tests::map_with(Vec::new());
        map.cards = cards
            .iter()
            .enumerate()
            .map(|(i, &(lane, stage, channel))| {
                let cell = Cell {
                    lane: map.lanes[lane].id.clone(),
                    stage: map.stages[stage].id.clone(),
                };
                Card {
                    channel,
                    ..Card::new(CardId::new(format!("c{i}")), cell, String::new())
                }
            })
            .collect();
        map
    }

    #[test]
    fn counts_cards_with_a_channel_per_stage_in_any_shown_lane() {
        let email = Some(Channel::Email);
        let map = map_with(&[
            (0, 0, email),
            (0, 0, email),
            (2, 0, email),
            (0, 1, Some(Channel::Phone)),
            (0, 1, None),
        ]);
        assert_eq!(map.lanes[2].kind, LaneKind::PainPoints);
        let presence = Presence::of(&map);
        assert_eq!(presence.count(Channel::Email, &map.stages[0].id), 3);
        assert_eq!(presence.count(Channel::Email, &map.stages[1].id), 0);
        assert_eq!(presence.count(Channel::Phone, &map.stages[1].id), 1);
        assert_eq!(presence.rows.len(), Channel::ALL.len());
        let present: Vec<Channel> = presence.present().map(|(c, _)| *c).collect();
        assert_eq!(present, [Channel::Email, Channel::Phone]);
        let mut totals = vec![0; map.stages.len()];
        totals[0] = 3;
        totals[1] = 1;
        assert_eq!(presence.stage_totals(), totals);
    }

    #[test]
    fn hidden_lanes_do_not_count() {
        let mut map = map_with(&[(0, 0, Some(Channel::Blog)), (2, 0, Some(Channel::Blog))]);
        map.lanes[2].hidden = true;
        let presence = Presence::of(&map);
        assert_eq!(presence.count(Channel::Blog, &map.stages[0].id), 1);
    }

    #[test]
    fn a_map_without_channels_has_no_present_rows_and_zero_totals() {
        let map = map_with(&[(0, 0, None)]);
        let presence = Presence::of(&map);
        assert_eq!(presence.present().count(), 0);
        assert!(presence.stage_totals().iter().all(|&n| n == 0));
        assert_eq!(
            presence.count(Channel::Blog, &crate::StageId::new("gone")),
            0
        );
    }
}
