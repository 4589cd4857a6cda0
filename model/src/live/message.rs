//! What a replica sends: one message per step, every change in it stamped with the message's
//! clock and replica. It is JSON, sealed with the map's key before it leaves the tab:
//! `{"v":1,"replica":"Q3vX9a","clock":57,"changes":[{"card":["c1",{"text":"Pricing"}]}]}`.

use super::record::{
    CardRegister, LaneRegister, MapRegister, PersonaRegister, ScoreRegister, StageRegister,
};
use super::stamp::{ReplicaId, Stamp};
use crate::ids::{CardId, LaneId, PersonaId, StageId};
use crate::located;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The version of the live format, written `"v": 1` in messages and states.
pub const VERSION: u32 = 1;

/// `VERSION` in the JSON, and nothing else read back, so a newer message is refused whole
/// rather than half understood.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Version;

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(VERSION)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            v if v == u64::from(VERSION) => Ok(Version),
            v => Err(D::Error::custom(format!("there is no live version {v}"))),
        }
    }
}

/// One register of one record set to a value: `{"card":["c1",{"text":"Pricing"}]}`,
/// `{"score":["p1","s2",{"score":-2}]}`, `{"stage":["s3",{"gone":true}]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Map(MapRegister),
    Stage(StageId, StageRegister),
    Lane(LaneId, LaneRegister),
    Card(CardId, CardRegister),
    Persona(PersonaId, PersonaRegister),
    Score(PersonaId, StageId, ScoreRegister),
}

/// The changes of one step, all written at one stamp: (`clock`, `replica`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    v: Version,
    pub replica: ReplicaId,
    pub clock: u64,
    pub changes: Vec<Change>,
}

impl Message {
    pub(crate) fn new(stamp: &Stamp, changes: Vec<Change>) -> Message {
        Message {
            v: Version,
            replica: stamp.1.clone(),
            clock: stamp.0,
            changes,
        }
    }

    pub(crate) fn stamp(&self) -> Stamp {
        Stamp(self.clock, self.replica.clone())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a message always serialises")
    }

    pub fn from_json(text: &str) -> Result<Message, LiveError> {
        decode(text)
    }
}

/// Why a message or state could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LiveError {
    #[error("not JSON: {0}")]
    NotJson(String),
    /// Written by a newer Traseu: the person should reload the page.
    #[error("live version {version} is newer than this Traseu reads ({VERSION})")]
    TooNew { version: u64 },
    #[error("invalid value at {path}: {message}")]
    Invalid { path: String, message: String },
}

pub(crate) fn decode<T: DeserializeOwned>(text: &str) -> Result<T, LiveError> {
    let value: Value = serde_json::from_str(text).map_err(|e| LiveError::NotJson(e.to_string()))?;
    if let Some(version) = value.get("v").and_then(Value::as_u64)
        && version > u64::from(VERSION)
    {
        return Err(LiveError::TooNew { version });
    }
    located::from_value(&value).map_err(|e| LiveError::Invalid {
        path: e.path_text(),
        message: e.to_string(),
    })
}
