//! The cards: added, removed, moved (to another cell, or out of the order of the cards their
//! cell kept) and changed, field by field.

use super::metrics::MetricChange;
use super::order::{in_order, pair, unmatched};
use super::{Change, ChangeKind, Diff};
use crate::ids::{CardId, LaneId, StageId};
use crate::map::{Card, Cell, JourneyMap, insertion_index, with_card_fields};
use std::collections::{HashMap, HashSet};

/// A card's cell and its position among the cell's cards.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub cell: Cell,
    pub at: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardChange {
    /// The whole card, and its position in its cell after.
    Added { card: Card, at: usize },
    /// The whole card as it was, so the board can show it as a ghost, and its position in its
    /// cell before.
    Removed { card: Card, at: usize },
    /// To another cell, or out of the order of the other cards its cell kept (`from.cell ==
    /// to.cell`). Inserting or removing a card beside others moves none of them.
    Moved { id: CardId, from: Place, to: Place },
    /// A card both moved and edited has a `Moved` entry and then this one.
    Changed { id: CardId, fields: Vec<CardField> },
}

impl CardChange {
    pub fn id(&self) -> &CardId {
        match self {
            CardChange::Added { card, .. } | CardChange::Removed { card, .. } => &card.id,
            CardChange::Moved { id, .. } | CardChange::Changed { id, .. } => id,
        }
    }

    pub fn kind(&self) -> ChangeKind {
        match self {
            CardChange::Added { .. } => ChangeKind::Added,
            CardChange::Removed { .. } => ChangeKind::Removed,
            CardChange::Moved { .. } => ChangeKind::Moved,
            CardChange::Changed { .. } => ChangeKind::Changed,
        }
    }
}

/// Declares [`CardField`] from the card's fields (`map::with_card_fields`), with what finds
/// the fields that differ and what applies them, so the three cannot disagree.
macro_rules! card_field {
    ($($(#[$doc:meta])* $field:ident: $variant:ident($type:ty),)*) => {
        /// A field of a card in both versions that differs, with its value before and after. A
        /// metric's change is listed again, with its direction, in [`Diff::metrics`].
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum CardField {
            $($(#[$doc])* $variant(Change<$type>),)*
        }

        impl CardField {
            /// The fields that differ from `before` to `after`, in the order `Card` declares
            /// them.
            fn between(before: &Card, after: &Card) -> Vec<CardField> {
                let mut fields = Vec::new();
                $(
                    if before.$field != after.$field {
                        fields.push(CardField::$variant(Change {
                            before: before.$field.clone(),
                            after: after.$field.clone(),
                        }));
                    }
                )*
                fields
            }

            /// Gives `card` this field's value after.
            fn apply_to(&self, card: &mut Card) {
                match self {
                    $(CardField::$variant(change) => card.$field = change.after.clone(),)*
                }
            }
        }
    };
}

with_card_fields!(card_field);

type CellKey<'a> = (&'a LaneId, &'a StageId);

fn same_cell(a: &Card, b: &Card) -> bool {
    a.lane == b.lane && a.stage == b.stage
}

/// Each card's position among the cards of its cell.
fn positions(cards: &[Card]) -> Vec<usize> {
    let mut counts: HashMap<CellKey, usize> = HashMap::new();
    cards
        .iter()
        .map(|c| {
            let count = counts.entry((&c.lane, &c.stage)).or_default();
            *count += 1;
            *count - 1
        })
        .collect()
}

/// Whether each card of `after` left the order of the cards its cell kept: of the cards that
/// are in the same cell in both versions, those off the longest run still in their old order.
fn reordered(
    before: &[Card],
    after: &[Card],
    pairs: &[Option<usize>],
    at_before: &[usize],
) -> Vec<bool> {
    // Per cell, the cards that stayed in it: (index in `after`, position in the cell before).
    let mut stayed: HashMap<CellKey, Vec<(usize, usize)>> = HashMap::new();
    for (j, (card, from)) in after.iter().zip(pairs).enumerate() {
        if let Some(i) = *from
            && same_cell(&before[i], card)
        {
            let cell = stayed.entry((&card.lane, &card.stage)).or_default();
            cell.push((j, at_before[i]));
        }
    }
    let mut out = vec![false; after.len()];
    for cards in stayed.values() {
        let order: Vec<usize> = cards.iter().map(|&(_, at)| at).collect();
        for (&(j, _), kept) in cards.iter().zip(in_order(&order)) {
            out[j] = !kept;
        }
    }
    out
}

/// Journey order (by stage, then lane, then position in the cell, as one version orders its
/// stages and lanes), in which the changes are listed. A card outside the grid, which no
/// well-formed map has, goes last.
struct Journey<'a> {
    stages: HashMap<&'a StageId, usize>,
    lanes: HashMap<&'a LaneId, usize>,
}

impl<'a> Journey<'a> {
    fn of(map: &'a JourneyMap) -> Journey<'a> {
        Journey {
            stages: map.stages.iter().map(|s| &s.id).zip(0..).collect(),
            lanes: map.lanes.iter().map(|l| &l.id).zip(0..).collect(),
        }
    }

    fn key(&self, card: &Card, at: usize) -> (usize, usize, usize) {
        let stage = self.stages.get(&card.stage).copied();
        let lane = self.lanes.get(&card.lane).copied();
        (stage.unwrap_or(usize::MAX), lane.unwrap_or(usize::MAX), at)
    }
}

/// Entries sorted by their journey key; entries with one key keep the order they were found in.
fn in_journey_order<T>(mut entries: Vec<((usize, usize, usize), T)>) -> impl Iterator<Item = T> {
    entries.sort_by_key(|(key, _)| *key);
    entries.into_iter().map(|(_, entry)| entry)
}

/// The cards' changes and their metrics' changes from `before` to `after`, each in the after
/// version's journey order with what was removed after the rest.
pub(super) fn compare(
    before: &JourneyMap,
    after: &JourneyMap,
) -> (Vec<CardChange>, Vec<MetricChange>) {
    let (at_before, at_after) = (positions(&before.cards), positions(&after.cards));
    let pairs = pair(&before.cards, &after.cards, |c| &c.id);
    let reordered = reordered(&before.cards, &after.cards, &pairs, &at_before);
    let journey = Journey::of(after);
    let mut cards = Vec::new();
    let mut metrics = Vec::new();
    for (j, (card, from)) in after.cards.iter().zip(&pairs).enumerate() {
        let key = journey.key(card, at_after[j]);
        let previous = from.map(|i| &before.cards[i]);
        metrics.extend(MetricChange::between(previous, Some(card)).map(|m| (key, m)));
        let Some(i) = *from else {
            let added = CardChange::Added {
                card: card.clone(),
                at: at_after[j],
            };
            cards.push((key, added));
            continue;
        };
        let was = &before.cards[i];
        if reordered[j] || !same_cell(was, card) {
            let from = Place {
                cell: was.cell(),
                at: at_before[i],
            };
            let to = Place {
                cell: card.cell(),
                at: at_after[j],
            };
            let id = card.id.clone();
            cards.push((key, CardChange::Moved { id, from, to }));
        }
        let fields = CardField::between(was, card);
        if !fields.is_empty() {
            let id = card.id.clone();
            cards.push((key, CardChange::Changed { id, fields }));
        }
    }
    let journey = Journey::of(before);
    let mut removed = Vec::new();
    let mut removed_metrics = Vec::new();
    for i in unmatched(before.cards.len(), &pairs) {
        let card = &before.cards[i];
        let key = journey.key(card, at_before[i]);
        removed_metrics.extend(MetricChange::between(Some(card), None).map(|m| (key, m)));
        let gone = CardChange::Removed {
            card: card.clone(),
            at: at_before[i],
        };
        removed.push((key, gone));
    }
    (
        in_journey_order(cards)
            .chain(in_journey_order(removed))
            .collect(),
        in_journey_order(metrics)
            .chain(in_journey_order(removed_metrics))
            .collect(),
    )
}

/// The cards `diff` says the after version has, given the before version's `cards`: the same
/// cards, with the same content, in the same cells, each cell's in the same order. Where the
/// cards of different cells interleave in the vector, which means nothing, is not kept. A card
/// the diff moves or changes and `cards` lacks (a diff of other maps) is left out.
pub fn apply_cards(cards: &[Card], diff: &Diff) -> Vec<Card> {
    let mut leaving: HashSet<&CardId> = HashSet::new();
    let mut edits: HashMap<&CardId, &[CardField]> = HashMap::new();
    for change in &diff.cards {
        match change {
            CardChange::Removed { card, .. } => {
                leaving.insert(&card.id);
            }
            CardChange::Moved { id, .. } => {
                leaving.insert(id);
            }
            CardChange::Changed { id, fields } => {
                edits.insert(id, fields);
            }
            CardChange::Added { .. } => {}
        }
    }
    let edited = |card: &Card| {
        let mut card = card.clone();
        for field in edits.get(&card.id).copied().unwrap_or_default() {
            field.apply_to(&mut card);
        }
        card
    };
    let by_id: HashMap<&CardId, &Card> = cards.iter().rev().map(|c| (&c.id, c)).collect();
    // Each card arriving in a cell, with its position there after.
    let mut arriving: Vec<(usize, Card)> = Vec::new();
    for change in &diff.cards {
        match change {
            CardChange::Added { card, at } => arriving.push((*at, card.clone())),
            CardChange::Moved { id, to, .. } => {
                if let Some(card) = by_id.get(id) {
                    let card = Card {
                        lane: to.cell.lane.clone(),
                        stage: to.cell.stage.clone(),
                        ..edited(card)
                    };
                    arriving.push((to.at, card));
                }
            }
            CardChange::Removed { .. } | CardChange::Changed { .. } => {}
        }
    }
    let mut out: Vec<Card> = cards
        .iter()
        .filter(|c| !leaving.contains(&c.id))
        .map(edited)
        .collect();
    // What stays in a cell is in its order after; each arrival, inserted in the order of the
    // positions they take, finds the cards before it already in place.
    arriving.sort_by_key(|(at, _)| *at);
    for (at, card) in arriving {
        let index = insertion_index(&out, &card.cell(), at);
        out.insert(index, card);
    }
    out
}
