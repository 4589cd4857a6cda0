//! The journey map at the heart of Traseu, with no UI, storage, network, clock or randomness:
//! callers mint ids and pass timestamps, so the same code runs natively in tests, in the
//! browser (WebAssembly) and on the server.

pub mod curve;
pub mod format;
pub mod ids;
pub mod map;
pub mod migrate;
pub mod navigate;
pub mod ops;
pub mod position;
pub mod sealed;
pub mod share;
pub mod templates;

pub use ids::{CardId, LaneId, MapId, PersonaId, StageId};
pub use map::{
    Card, Cell, Colour, EmotionScore, JourneyMap, Lane, LaneKind, Limit, Locale, Persona, Score,
    Stage, Violation,
};
pub use ops::{Op, OpError};
