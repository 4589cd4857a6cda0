//! A value that only some of a board's thousands of cards differ in at a time (selected,
//! lifted, dragged, hidden by the filter), kept as one signal per card that reads it and set
//! only for the cards whose value changed.
//!
//! Every card reading the one board-wide signal instead made each change wake every card, and
//! a woken reader subscribes again. reactive_graph keeps a signal's subscribers in order, so
//! taking one out costs in proportion to all of them, and one change cost the square of the
//! number of cards: seconds for a keyboard move at 5,000 cards.

use leptos::prelude::*;
use model::CardId;
use std::collections::HashMap;

type Values<V> = HashMap<CardId, V>;

/// Each card's value: `V::default()` unless the source names the card.
pub struct PerCard<V: Send + Sync + 'static> {
    now: StoredValue<Values<V>>,
    readers: StoredValue<Values<ArcRwSignal<V>>>,
}

impl<V: Send + Sync + 'static> Clone for PerCard<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: Send + Sync + 'static> Copy for PerCard<V> {}

impl<V: Clone + Default + PartialEq + Send + Sync + 'static> PerCard<V> {
    /// Follows `source`: the cards whose value is not the default, with their values.
    pub fn follow(source: impl Fn() -> Values<V> + 'static) -> Self {
        let per_card = PerCard {
            now: StoredValue::new(HashMap::new()),
            readers: StoredValue::new(HashMap::new()),
        };
        Effect::new(move |_| {
            let next = source();
            let Some(before) = per_card
                .now
                .try_update_value(|now| std::mem::replace(now, next.clone()))
            else {
                return;
            };
            let changed = before
                .keys()
                .chain(next.keys())
                .filter(|id| before.get(*id) != next.get(*id));
            for id in changed {
                let reader = per_card
                    .readers
                    .with_value(|readers| readers.get(id).cloned());
                if let Some(reader) = reader {
                    reader.set(next.get(id).cloned().unwrap_or_default());
                }
            }
        });
        per_card
    }

    /// The card's value; tracked, and woken only when it changes.
    pub fn get(&self, id: &CardId) -> V {
        match self.reader(id) {
            Some(reader) => reader.get(),
            None => V::default(),
        }
    }

    /// The card's value as a signal of its own, for a card that reads it in several places:
    /// one lookup, not one per read.
    pub fn signal(&self, id: &CardId) -> Signal<V> {
        match self.reader(id) {
            Some(reader) => reader.into(),
            None => Signal::stored(V::default()),
        }
    }

    /// The card's reader, made on first use; `None` once the board is gone.
    fn reader(&self, id: &CardId) -> Option<ArcRwSignal<V>> {
        self.readers.try_update_value(|readers| {
            readers
                .entry(id.clone())
                .or_insert_with(|| ArcRwSignal::new(self.value_now(id)))
                .clone()
        })
    }

    fn value_now(&self, id: &CardId) -> V {
        self.now
            .try_with_value(|now| now.get(id).cloned())
            .flatten()
            .unwrap_or_default()
    }
}
