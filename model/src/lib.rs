//! The journey map at the heart of Traseu, with no UI, storage, network, clock or randomness:
//! callers mint ids and pass timestamps, so the same code runs natively in tests, in the
//! browser (WebAssembly) and on the server.

pub mod analysis;
pub mod avatar;
pub mod csv;
pub mod curve;
pub mod dense;
pub mod diff;
pub mod evidence;
pub mod example;
pub mod file;
pub mod filter;
pub mod format;
pub mod ids;
mod indent;
pub mod live;
pub mod live_wire;
mod located;
pub mod map;
pub mod mermaid;
pub mod metric;
pub mod migrate;
pub mod navigate;
pub mod numbers;
pub mod ops;
pub mod plan;
pub mod position;
pub mod presence;
pub mod present;
pub mod profile;
pub mod sealed;
pub mod share;
pub mod snapshot;
pub mod svg;
pub mod templates;
pub mod touchpoint;
pub mod undo;
pub mod zoom;

pub use evidence::{Confidence, Evidence, EvidenceKind};
pub use ids::{CardId, LaneId, MapId, PersonaId, SnapshotId, StageId};
pub use map::{
    BlueprintLine, Card, Cell, Colour, EmotionScore, JourneyMap, Lane, LaneKind, Limit, Locale,
    Persona, Score, Stage, Violation,
};
pub use metric::{Metric, MetricKind, Number, Rating, RatingKind};
pub use ops::{Op, OpError};
pub use plan::Status;
pub use profile::{Profile, ProfileField};
pub use touchpoint::{Category, Channel};
