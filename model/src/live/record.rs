//! The registers each kind of record keeps, declared once per kind: the change that writes
//! one, the record that holds them, and how a record becomes a stage, lane, card, persona or
//! score of the map and back.
//!
//! A register holds one field, or a few that only change together (a card's cell and place
//! in it). A record's registers never written read as a blank record's values, so a change
//! need not carry what a new card leaves at its default.

use super::message::Change;
use super::stamp::{Register, Stamp};
use super::state::State;
use crate::ids::{CardId, LaneId, PersonaId, StageId};
use crate::map::{
    Card, Cell, JourneyMap, Lane, LaneKind, Locale, Persona, Score, Stage, with_card_fields,
};
use crate::profile::{Profile, with_profile_texts};
use crate::touchpoint::Channel;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What every record does with its registers; `Item` is what it becomes in the map.
pub(crate) trait Record: Default {
    type Item;
    type Register: Clone;

    /// Keeps `register` if it is later than the one held; whether it was.
    fn write(&mut self, stamp: &Stamp, register: Self::Register) -> bool;
    /// The value and stamp held for the register `like` writes.
    fn read(&self, like: &Self::Register) -> Option<(&Stamp, Self::Register)>;
    /// The stamps of every register held.
    fn stamps(&self) -> Vec<&Stamp>;
    /// Gives `item` the value of every field register held.
    fn fill(&self, item: &mut Self::Item);
    /// The field registers in which `after` differs from `before`, with `after`'s values.
    fn changed(before: &Self::Item, after: &Self::Item, out: &mut Vec<Self::Register>);
    /// What a record that never had the register `like` writes reads as, `blank` being a
    /// blank item; `None` for a record's place, which it cannot be without.
    fn blank(like: &Self::Register, blank: &Self::Item) -> Option<Self::Register>;
}

/// Declares a kind's change enum (its registers with values; serialised `{"name": value}`),
/// its record (an optional stamped value per register) and their `Record` implementation.
/// `fields` are the item's fields, reached by their paths; `and` are the registers that are
/// not fields, with their blank value where they have one.
macro_rules! record {
    (
        $(#[$doc:meta])*
        $Record:ident($Item:ty) written by $Register:ident;
        fields {
            $($(#[$fdoc:meta])* $field:ident: $Variant:ident($Type:ty) = $($path:ident).+;)*
        }
        and {
            $($(#[$sdoc:meta])* $special:ident: $SVariant:ident($SType:ty) $(= $sblank:expr)?;)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $Register {
            $($(#[$fdoc])* $Variant($Type),)*
            $($(#[$sdoc])* $SVariant($SType),)*
        }

        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub(crate) struct $Record {
            $(#[serde(default, skip_serializing_if = "Option::is_none")]
            $field: Option<Register<$Type>>,)*
            $(#[serde(default, skip_serializing_if = "Option::is_none")]
            pub(crate) $special: Option<Register<$SType>>,)*
        }

        impl Record for $Record {
            type Item = $Item;
            type Register = $Register;

            fn write(&mut self, stamp: &Stamp, register: $Register) -> bool {
                match register {
                    $($Register::$Variant(value) => Register::write(&mut self.$field, stamp, value),)*
                    $($Register::$SVariant(value) => {
                        Register::write(&mut self.$special, stamp, value)
                    })*
                }
            }

            fn read(&self, like: &$Register) -> Option<(&Stamp, $Register)> {
                match like {
                    $($Register::$Variant(_) => self
                        .$field
                        .as_ref()
                        .map(|Register(s, v)| (s, $Register::$Variant(v.clone()))),)*
                    $($Register::$SVariant(_) => self
                        .$special
                        .as_ref()
                        .map(|Register(s, v)| (s, $Register::$SVariant(v.clone()))),)*
                }
            }

            fn stamps(&self) -> Vec<&Stamp> {
                [$(self.$field.as_ref().map(|r| &r.0),)* $(self.$special.as_ref().map(|r| &r.0),)*]
                    .into_iter()
                    .flatten()
                    .collect()
            }

            fn fill(&self, item: &mut $Item) {
                $(if let Some(Register(_, value)) = &self.$field {
                    item.$($path).+ = value.clone();
                })*
            }

            fn changed(before: &$Item, after: &$Item, out: &mut Vec<$Register>) {
                $(if before.$($path).+ != after.$($path).+ {
                    out.push($Register::$Variant(after.$($path).+.clone()));
                })*
            }

            fn blank(like: &$Register, blank: &$Item) -> Option<$Register> {
                match like {
                    $($Register::$Variant(_) => {
                        Some($Register::$Variant(blank.$($path).+.clone()))
                    })*
                    $($Register::$SVariant(_) => None$(.or(Some($Register::$SVariant($sblank))))?,)*
                }
            }
        }
    };
}

record! {
    /// A register of the map itself. Its id and creation time never change.
    MapRecord(JourneyMap) written by MapRegister;
    fields {
        title: Title(String) = title;
        locale: Locale(Locale) = locale;
        updated: Updated(DateTime<Utc>) = updated;
    }
    and {}
}

record! {
    /// A register of a stage.
    StageRecord(Stage) written by StageRegister;
    fields {
        name: Name(String) = name;
    }
    and {
        /// Its key among the stages (see `key`).
        at: At(String);
        /// Deleted; only undoing the deletion writes `false`.
        gone: Gone(bool) = false;
    }
}

record! {
    /// A register of a lane.
    LaneRecord(Lane) written by LaneRegister;
    fields {
        kind: Kind(LaneKind) = kind;
        name: Name(Option<String>) = name;
        hidden: Hidden(bool) = hidden;
    }
    and {
        /// Its key among the lanes.
        at: At(String);
        /// Deleted; only undoing the deletion writes `false`.
        gone: Gone(bool) = false;
    }
}

/// A card's cell and its key among the cell's cards: one register, so that two people moving
/// one card at once leave it in one place, the later move's.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CardPlace {
    pub lane: LaneId,
    pub stage: StageId,
    pub at: String,
}

macro_rules! card_record {
    ($($(#[$doc:meta])* $field:ident: $Variant:ident($Type:ty),)*) => {
        record! {
            /// A register of a card: each field its own, so that two people editing different
            /// fields of one card at once both keep their edit.
            CardRecord(Card) written by CardRegister;
            fields {
                $($(#[$doc])* $field: $Variant($Type) = $field;)*
            }
            and {
                place: Place(CardPlace);
                /// Deleted; only undoing the deletion writes `false`.
                gone: Gone(bool) = false;
            }
        }
    };
}

with_card_fields!(card_record);

macro_rules! persona_record {
    ($($Text:ident => $text:ident,)*) => {
        record! {
            /// A register of a persona. Each profile field is its own register, as the panel
            /// edits them one at a time: two people filling in different parts of one profile
            /// both keep theirs, for a stamp each.
            PersonaRecord(Persona) written by PersonaRegister;
            fields {
                name: Name(String) = name;
                quote: Quote(String) = quote;
                avatar: Avatar(Option<String>) = avatar;
                $($text: $Text(String) = profile.$text;)*
                channels: Channels(Vec<Channel>) = profile.channels;
            }
            and {
                /// Its key among the personas.
                at: At(String);
                /// Deleted; only undoing the deletion writes `false`.
                gone: Gone(bool) = false;
            }
        }

        /// Compiles only while the registers above cover every field of a persona and its
        /// profile (its scores are records of their own).
        const _: fn(&Persona) = |persona| {
            let Persona { id: _, name: _, quote: _, emotions: _, avatar: _, profile } = persona;
            let Profile { $($text: _,)* channels: _ } = profile;
        };
    };
}

with_profile_texts!(persona_record);

/// A persona's entry for one stage as its record holds it: no score, no entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Entry {
    pub score: Option<Score>,
    pub note: String,
}

record! {
    /// A register of one persona's entry at one stage.
    ScoreRecord(Entry) written by ScoreRegister;
    fields {
        /// `None` takes the entry away (its note is kept, should it come back).
        score: Score(Option<Score>) = score;
        note: Note(String) = note;
    }
    and {}
}

/// The items of the map that have ids of their own, each record kept by id forever once
/// made, as deleting one only marks it.
pub(crate) trait Kept: Record + 'static {
    type Id: Clone + Eq + std::hash::Hash + Ord + 'static;

    fn all(state: &State) -> &BTreeMap<Self::Id, Self>;
    fn change(id: Self::Id, register: Self::Register) -> Change;
    fn id(item: &Self::Item) -> &Self::Id;
    /// An item with nothing but its id; for a card, in no cell.
    fn blank_item(id: &Self::Id) -> Self::Item;
    /// Whether it has its place (an edit can arrive before the change that made it).
    fn placed(&self) -> bool;
    fn gone(&self) -> bool;
    fn removal() -> Self::Register;
}

/// Kept items whose order is their keys' (a card's order lives in its place).
pub(crate) trait Ordered: Kept {
    fn key(&self) -> Option<&str>;
    fn placed_at(key: String) -> Self::Register;
}

macro_rules! kept {
    ($Record:ident, $Register:ident, $Id:ty, $all:ident, $Change:ident, $place:ident, |$id:ident| $blank:expr) => {
        impl Kept for $Record {
            type Id = $Id;

            fn all(state: &State) -> &BTreeMap<$Id, Self> {
                &state.$all
            }

            fn change(id: $Id, register: $Register) -> Change {
                Change::$Change(id, register)
            }

            fn id(item: &Self::Item) -> &$Id {
                &item.id
            }

            fn blank_item($id: &$Id) -> Self::Item {
                $blank
            }

            fn placed(&self) -> bool {
                self.$place.is_some()
            }

            fn gone(&self) -> bool {
                self.gone.as_ref().is_some_and(|r| r.1)
            }

            fn removal() -> $Register {
                $Register::Gone(true)
            }
        }
    };
}

macro_rules! ordered {
    ($($Record:ident, $Register:ident;)*) => {$(
        impl Ordered for $Record {
            fn key(&self) -> Option<&str> {
                self.at.as_ref().map(|r| r.1.as_str())
            }

            fn placed_at(key: String) -> $Register {
                $Register::At(key)
            }
        }
    )*};
}

kept!(
    StageRecord,
    StageRegister,
    StageId,
    stages,
    Stage,
    at,
    |id| Stage {
        id: id.clone(),
        name: String::new()
    }
);
kept!(LaneRecord, LaneRegister, LaneId, lanes, Lane, at, |id| {
    Lane {
        id: id.clone(),
        kind: LaneKind::Notes,
        name: None,
        hidden: false,
    }
});
kept!(
    PersonaRecord,
    PersonaRegister,
    PersonaId,
    personas,
    Persona,
    at,
    |id| Persona::new(id.clone(), String::new())
);
kept!(CardRecord, CardRegister, CardId, cards, Card, place, |id| {
    Card::new(
        id.clone(),
        Cell {
            lane: LaneId::new(""),
            stage: StageId::new(""),
        },
        String::new(),
    )
});
ordered! {
    StageRecord, StageRegister;
    LaneRecord, LaneRegister;
    PersonaRecord, PersonaRegister;
}
