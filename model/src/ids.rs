//! Typed ids, so a stage id can never be passed where a card id is expected.
//! Ids are opaque strings minted by the caller (the browser uses random bytes).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A whole map; also its local storage key suffix.
    MapId
);
id_type!(StageId);
id_type!(LaneId);
id_type!(CardId);
id_type!(PersonaId);
id_type!(
    /// A snapshot of a map, unique among its map's snapshots.
    SnapshotId
);
