//! The live co-editing socket, as the browser and the server both see it.
//!
//! `GET /api/maps/{id}/live` upgrades to a WebSocket of JSON text frames, one object each,
//! field `t` the type. Every `c` is base64url (no padding) of `IV ‖ AES-GCM ciphertext ‖ tag`
//! under the map's key, which the server never has: it gives ops sequence numbers, keeps a
//! bounded log and the newest snapshot, and relays, without reading any of it.
//!
//! - Client → server: [`ClientMessage`] (`hello` first and once; `op` and `snapshot` from
//!   editors only; `presence` from anyone).
//! - Server → client: [`ServerMessage`] (`welcome` right after `hello`, then `op`, `ack`,
//!   `presence`, `left`, `need_snapshot`).
//! - The server ends a connection with a close code and a plain reason: [`Closed`].
//!
//! An editor holds the map's **edit capability**, a second secret the server mints
//! (`POST /api/maps/{id}/edit-link` with the owner's edit token → [`EditLink`]) and keeps only
//! as a hash. The edit link is `/s/<id>#<key>.<capability>`.

use crate::share::{EDIT_TOKEN_BYTES, EditToken, MIN_CIPHERTEXT_BYTES, decode_base64url};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The only protocol version there is (`hello`'s `v`).
pub const PROTOCOL_VERSION: u32 = 1;
/// A presence message's ciphertext (decoded) is at most this long: a name, a colour and what
/// someone points at, small enough to travel between server processes inline.
pub const MAX_PRESENCE_BYTES: usize = 4096;

/// A frame a client sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ClientMessage {
    /// First and once. `edit` is the edit capability (absent: a viewer); `since` the last
    /// sequence number this client has, so the welcome carries only what came after.
    Hello {
        v: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        edit: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since: Option<u64>,
    },
    /// One encrypted change message (editors only).
    Op { c: String },
    /// A full encrypted state including every op up to `upto` (editors only).
    Snapshot { c: String, upto: u64 },
    /// Who this is and what they point at; relayed, never stored.
    Presence { c: String },
}

/// A frame the server sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The answer to `hello`: this connection's id, what it may do, and the map so far (the
    /// newest snapshot, or none when `since` sufficed, and the ops after it), and who else is
    /// here. Ops a client already has (by `seq`) may follow again; it skips them.
    Welcome {
        you: String,
        role: Role,
        snapshot: Option<Snapshot>,
        ops: Vec<SequencedOp>,
        peers: Vec<String>,
    },
    /// Someone's op, with its sequence number.
    Op {
        seq: u64,
        c: String,
    },
    /// This client's op got sequence number `seq` and is stored.
    Ack {
        seq: u64,
    },
    Presence {
        from: String,
        c: String,
    },
    /// Connection `from` ended.
    Left {
        from: String,
    },
    /// The log is full of changes no snapshot covers: an editor should send one.
    NeedSnapshot,
}

/// What a connection may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Edit,
    View,
}

/// The map's state up to and including op `upto`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub c: String,
    pub upto: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequencedOp {
    pub seq: u64,
    pub c: String,
}

/// `201` answer to `POST /api/maps/{id}/edit-link`: the capability, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditLink {
    pub edit_link: String,
}

/// The secret in an edit link: 43 base64url characters (32 bytes), shaped like the owner's
/// edit token but a different secret. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct EditCapability(EditToken);

impl EditCapability {
    /// The capability for 32 bytes the caller drew from a CSPRNG.
    pub fn from_bytes(bytes: [u8; EDIT_TOKEN_BYTES]) -> EditCapability {
        EditCapability(EditToken::from_bytes(bytes))
    }

    pub fn parse(text: &str) -> Option<EditCapability> {
        EditToken::parse(text).map(EditCapability)
    }

    pub fn bytes(&self) -> &[u8; EDIT_TOKEN_BYTES] {
        self.0.bytes()
    }

    /// The text for the link, after the key and a `.`.
    pub fn reveal(&self) -> String {
        self.0.reveal()
    }
}

impl fmt::Debug for EditCapability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EditCapability(…)")
    }
}

/// The bytes of a `c` field: strict base64url of at least an IV and a tag, or `None`.
pub fn ciphertext_bytes(c: &str) -> Option<Vec<u8>> {
    decode_base64url(c).filter(|bytes| bytes.len() >= MIN_CIPHERTEXT_BYTES)
}

/// Why a frame was refused (close code 4400).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadFrame {
    /// Binary, or not JSON of a known message type and shape.
    NotAMessage,
    /// The first frame was not `hello`.
    NoHello,
    HelloTwice,
    /// `hello` with a protocol version other than [`PROTOCOL_VERSION`].
    Version,
    /// A `c` that is not strict base64url or is shorter than an IV and a tag.
    Ciphertext,
    /// A snapshot claiming ops the log does not have yet.
    SnapshotAhead,
}

/// Why the server closed a live connection: each is a WebSocket close code and a plain
/// reason (the reason is for logs and people reading traces; clients go by the variant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    BadFrame(BadFrame),
    /// `hello` carried an edit capability that is not this map's current one.
    EditLinkNotValid,
    /// The owner made a new edit link; this editor's link no longer works.
    EditLinkReplaced,
    /// The owner turned the edit link off.
    EditLinkRemoved,
    /// A viewer sent an op or a snapshot.
    ViewOnly,
    UnknownMap,
    /// No pong (nor anything else) within the idle timeout.
    Idle,
    /// The client did not read what it was sent fast enough; reconnect with `since`.
    Behind,
    NoLongerShared,
    FrameTooLarge,
    TooManyMessages,
    /// People per map.
    MapFull,
    /// Live maps per server process.
    ServerFull,
    /// Too many ops since the newest snapshot: send a snapshot, then the op again.
    LogFull,
    /// The server is restarting: reconnect with `since`.
    Restarting,
    ServerError,
}

impl Closed {
    const ALL: [Closed; 21] = [
        Closed::BadFrame(BadFrame::NotAMessage),
        Closed::BadFrame(BadFrame::NoHello),
        Closed::BadFrame(BadFrame::HelloTwice),
        Closed::BadFrame(BadFrame::Version),
        Closed::BadFrame(BadFrame::Ciphertext),
        Closed::BadFrame(BadFrame::SnapshotAhead),
        Closed::EditLinkNotValid,
        Closed::EditLinkReplaced,
        Closed::EditLinkRemoved,
        Closed::ViewOnly,
        Closed::UnknownMap,
        Closed::Idle,
        Closed::Behind,
        Closed::NoLongerShared,
        Closed::FrameTooLarge,
        Closed::TooManyMessages,
        Closed::MapFull,
        Closed::ServerFull,
        Closed::LogFull,
        Closed::Restarting,
        Closed::ServerError,
    ];

    pub fn code(self) -> u16 {
        match self {
            Closed::BadFrame(_) => 4400,
            Closed::EditLinkNotValid => 4401,
            Closed::EditLinkReplaced | Closed::EditLinkRemoved | Closed::ViewOnly => 4403,
            Closed::UnknownMap => 4404,
            Closed::Idle | Closed::Behind => 4408,
            Closed::NoLongerShared => 4410,
            Closed::FrameTooLarge => 4413,
            Closed::TooManyMessages => 4429,
            Closed::MapFull | Closed::ServerFull | Closed::LogFull => 4503,
            Closed::ServerError => 1011,
            Closed::Restarting => 1012,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Closed::BadFrame(BadFrame::NotAMessage) => "bad frame: not a message",
            Closed::BadFrame(BadFrame::NoHello) => "bad frame: hello must come first",
            Closed::BadFrame(BadFrame::HelloTwice) => "bad frame: hello twice",
            Closed::BadFrame(BadFrame::Version) => "bad frame: unsupported protocol version",
            Closed::BadFrame(BadFrame::Ciphertext) => "bad frame: c is not ciphertext",
            Closed::BadFrame(BadFrame::SnapshotAhead) => "bad frame: snapshot past the log",
            Closed::EditLinkNotValid => "edit link not valid",
            Closed::EditLinkReplaced => "edit link replaced",
            Closed::EditLinkRemoved => "edit link removed",
            Closed::ViewOnly => "view-only link",
            Closed::UnknownMap => "unknown map",
            Closed::Idle => "no answer to ping",
            Closed::Behind => "too far behind",
            Closed::NoLongerShared => "no longer shared",
            Closed::FrameTooLarge => "frame too large",
            Closed::TooManyMessages => "too many messages",
            Closed::MapFull => "map full",
            Closed::ServerFull => "server full",
            Closed::LogFull => "log full; send a snapshot",
            Closed::Restarting => "server restarting",
            Closed::ServerError => "server error",
        }
    }

    /// The variant a received close frame stands for, if the server sent it.
    pub fn from_frame(code: u16, reason: &str) -> Option<Closed> {
        Closed::ALL
            .into_iter()
            .find(|closed| closed.code() == code && closed.reason() == reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn client_messages_read_the_documented_json() {
        let hello: ClientMessage =
            serde_json::from_str(r#"{"t":"hello","v":1,"edit":"abc","since":7}"#).unwrap();
        assert_eq!(
            hello,
            ClientMessage::Hello {
                v: 1,
                edit: Some("abc".into()),
                since: Some(7)
            }
        );
        let viewer: ClientMessage = serde_json::from_str(r#"{"t":"hello","v":1}"#).unwrap();
        assert_eq!(
            serde_json::to_value(&viewer).unwrap(),
            json!({"t":"hello","v":1})
        );
        let snapshot: ClientMessage =
            serde_json::from_str(r#"{"t":"snapshot","c":"x","upto":3}"#).unwrap();
        assert_eq!(
            snapshot,
            ClientMessage::Snapshot {
                c: "x".into(),
                upto: 3
            }
        );
        for bad in [
            r#"{"t":"shout","c":"x"}"#,
            r#"{"t":"op"}"#,
            r#"{"c":"x"}"#,
            r#"{"t":"snapshot","c":"x","upto":-1}"#,
            "[]",
        ] {
            assert!(serde_json::from_str::<ClientMessage>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn server_messages_write_the_documented_json() {
        let welcome = ServerMessage::Welcome {
            you: "me".into(),
            role: Role::Edit,
            snapshot: None,
            ops: vec![SequencedOp {
                seq: 4,
                c: "x".into(),
            }],
            peers: vec!["p".into()],
        };
        assert_eq!(
            serde_json::to_value(&welcome).unwrap(),
            json!({"t":"welcome","you":"me","role":"edit","snapshot":null,
                   "ops":[{"seq":4,"c":"x"}],"peers":["p"]})
        );
        assert_eq!(
            serde_json::to_value(ServerMessage::NeedSnapshot).unwrap(),
            json!({"t":"need_snapshot"})
        );
        assert_eq!(
            serde_json::to_value(ServerMessage::Left { from: "p".into() }).unwrap(),
            json!({"t":"left","from":"p"})
        );
    }

    #[test]
    fn every_close_reads_back_from_its_code_and_reason() {
        for closed in Closed::ALL {
            assert_eq!(
                Closed::from_frame(closed.code(), closed.reason()),
                Some(closed)
            );
            // A WebSocket close reason is at most 123 bytes.
            assert!(closed.reason().len() <= 123);
            assert!((1000..5000).contains(&closed.code()));
        }
        assert_eq!(Closed::from_frame(4403, "whatever"), None);
        assert_eq!(Closed::ViewOnly.code(), Closed::EditLinkReplaced.code());
    }

    #[test]
    fn ciphertext_is_strict_base64url_of_at_least_an_iv_and_a_tag() {
        let bytes = vec![7u8; MIN_CIPHERTEXT_BYTES];
        let text = crate::share::encode_base64url(&bytes);
        assert_eq!(ciphertext_bytes(&text), Some(bytes));
        assert_eq!(ciphertext_bytes(&text[..36]), None);
        assert_eq!(ciphertext_bytes(&format!("{text}=")), None);
        assert_eq!(ciphertext_bytes(""), None);
    }

    #[test]
    fn an_edit_capability_is_43_characters_and_hides_in_debug() {
        let capability = EditCapability::from_bytes([3; 32]);
        let text = capability.reveal();
        assert_eq!(text.len(), 43);
        assert_eq!(EditCapability::parse(&text), Some(capability.clone()));
        assert_eq!(EditCapability::parse(&text[..42]), None);
        assert!(!format!("{capability:?}").contains(&text));
    }
}
