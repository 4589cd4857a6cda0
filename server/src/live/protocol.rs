//! Frames in and out of a live connection (the messages are `model::live_wire`'s).

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes};
use model::live_wire::{BadFrame, ClientMessage, Closed, ServerMessage, ciphertext_bytes};

/// A client's text frame as a message.
pub fn read(text: &str) -> Result<ClientMessage, Closed> {
    serde_json::from_str(text).map_err(|_| Closed::BadFrame(BadFrame::NotAMessage))
}

/// The bytes of a `c` field.
pub fn ciphertext(c: &str) -> Result<Vec<u8>, Closed> {
    ciphertext_bytes(c).ok_or(Closed::BadFrame(BadFrame::Ciphertext))
}

/// A message as a text frame, which clones cheaply to every recipient.
pub fn frame(message: &ServerMessage) -> Message {
    let text = serde_json::to_string(message).expect("a server message serialises");
    Message::Text(Utf8Bytes::from(text))
}

pub fn close(closed: Closed) -> Message {
    Message::Close(Some(CloseFrame {
        code: closed.code(),
        reason: Utf8Bytes::from_static(closed.reason()),
    }))
}
