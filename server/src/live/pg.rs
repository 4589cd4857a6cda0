//! With PostgreSQL, several server processes may serve one database behind a load balancer;
//! this connects their rooms. Every process LISTENs on one channel and says there what its
//! sessions do ([`Event`]): an op, in the transaction that stores it (see `store::live`), so
//! ops reach the others in the order of their numbers; presence, arrivals and departures,
//! and a revoked edit link or a removed map, with their own NOTIFY. A NOTIFY payload holds at
//! most 8,000 bytes, so an op's ciphertext travels inline only when short
//! ([`INLINE_CHARS`]); otherwise the listener reads it from the log by (map, seq).
//!
//! Notifications sent while a listener is down are lost; after (re)connecting, each room
//! reads the ops stored meanwhile from the log.

use super::Hub;
use super::protocol;
use super::room::Delivery;
use crate::store::Store;
use model::live_wire::{Closed, ServerMessage};
use model::share::encode_base64url;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::watch;

/// The channel every process of a pool listens on: the processes that share a database.
pub const CHANNEL: &str = "traseu_live";
/// Longest ciphertext text sent inside a NOTIFY, leaving room for the rest of the payload.
pub const INLINE_CHARS: usize = 7000;

/// What one process tells the others. `from` is the process; `conn` a connection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Event {
    /// Written by the op's SQL statement; `c` is null when the op is too long to inline.
    Op {
        map: String,
        seq: i64,
        from: String,
        c: Option<String>,
    },
    Joined {
        map: String,
        from: String,
        conn: String,
    },
    Left {
        map: String,
        from: String,
        conn: String,
    },
    Presence {
        map: String,
        from: String,
        conn: String,
        c: String,
    },
    /// A process opened a room: the others say who is connected to the map there.
    Who {
        map: String,
        from: String,
    },
    Here {
        map: String,
        from: String,
        conns: Vec<String>,
    },
    Revoked {
        map: String,
        from: String,
        generation: i64,
        removed: bool,
    },
    Gone {
        map: String,
        from: String,
    },
    Snapshot {
        map: String,
        from: String,
        upto: i64,
    },
}

impl Event {
    fn map_and_process(&self) -> (&str, &str) {
        match self {
            Event::Op { map, from, .. }
            | Event::Joined { map, from, .. }
            | Event::Left { map, from, .. }
            | Event::Presence { map, from, .. }
            | Event::Who { map, from }
            | Event::Here { map, from, .. }
            | Event::Revoked { map, from, .. }
            | Event::Gone { map, from }
            | Event::Snapshot { map, from, .. } => (map, from),
        }
    }
}

/// Where events are said.
pub struct Bus {
    store: Store,
}

impl Bus {
    pub fn new(store: Store) -> Bus {
        Bus { store }
    }

    pub async fn publish(&self, event: &Event) {
        let payload = serde_json::to_string(event).expect("an event serialises");
        if let Err(e) = self.store.notify(CHANNEL, &payload).await {
            tracing::warn!(error = %e, "could not tell the other server processes");
        }
    }
}

/// Listens to the other processes for as long as the hub lives, reconnecting when the
/// connection drops; `told` turns true once it first listens.
pub async fn listen(hub: Weak<Hub>, told: watch::Sender<bool>) {
    loop {
        let Some(store) = hub.upgrade().map(|hub| hub.store.clone()) else {
            return;
        };
        let mut listener = match store.listen(CHANNEL).await {
            Some(Ok(listener)) => listener,
            Some(Err(e)) => {
                tracing::warn!(error = %e, "could not listen to the other server processes; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            None => return,
        };
        drop(store);
        told.send_replace(true);
        if let Some(hub) = hub.upgrade() {
            hub.catch_up();
        }
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    let Some(hub) = hub.upgrade() else { return };
                    hub.on_event(notification.payload()).await;
                }
                Ok(None) => {
                    tracing::warn!(
                        "the connection to the other server processes dropped; reconnecting"
                    );
                    break;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "listening to the other server processes failed; reconnecting");
                    break;
                }
            }
        }
    }
}

impl Hub {
    async fn on_event(self: &Arc<Hub>, payload: &str) {
        let Ok(event) = serde_json::from_str::<Event>(payload) else {
            tracing::warn!("an unreadable event from another server process was ignored");
            return;
        };
        let (map, process) = event.map_and_process();
        if process == self.process {
            return;
        }
        let Some(room) = self.room(map) else { return };
        match event {
            Event::Op { seq, c, .. } => {
                let c = match c {
                    Some(c) => c,
                    None => match self.store.ops_between(&room.map, seq - 1, seq).await {
                        Ok(mut ops) if !ops.is_empty() => encode_base64url(&ops.remove(0).1),
                        Ok(_) => {
                            // Dropped from the log already: nobody here can have what follows.
                            room.skip_to(seq);
                            return;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "could not read an op another process stored");
                            if room.expect(seq) {
                                self.fill(room);
                            }
                            return;
                        }
                    },
                };
                let frame = protocol::frame(&ServerMessage::Op { seq: seq as u64, c });
                if room.deliver(
                    seq,
                    Delivery {
                        frame,
                        origin: None,
                    },
                ) {
                    self.fill(room);
                }
            }
            Event::Joined { conn, from, .. } => room.remote_joined(conn, from),
            Event::Left { conn, .. } => room.remote_left(&conn),
            Event::Presence { conn, from, c, .. } => {
                let frame = protocol::frame(&ServerMessage::Presence {
                    from: conn.clone(),
                    c,
                });
                room.remote_presence(conn, from, frame);
            }
            Event::Who { map, .. } => {
                let conns = room.local_peers();
                if !conns.is_empty() {
                    self.publish(|from| Event::Here { map, from, conns }).await;
                }
            }
            Event::Here { conns, from, .. } => room.remote_here(conns, &from),
            Event::Revoked {
                generation,
                removed,
                ..
            } => {
                let closing = if removed {
                    Closed::EditLinkRemoved
                } else {
                    Closed::EditLinkReplaced
                };
                room.revoke(generation, closing);
            }
            Event::Gone { .. } => room.close_all(Closed::NoLongerShared),
            Event::Snapshot { upto, .. } => room.note_snapshot(upto),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_op_event_reads_the_payload_the_sql_writes() {
        // json_build_object's text, as PostgreSQL writes it.
        let payload = r#"{"t" : "op", "map" : "m", "seq" : 7, "from" : "p", "c" : null}"#;
        assert_eq!(
            serde_json::from_str::<Event>(payload).unwrap(),
            Event::Op {
                map: "m".into(),
                seq: 7,
                from: "p".into(),
                c: None
            }
        );
    }

    #[test]
    fn the_longest_inline_op_fits_a_notify_payload() {
        let event = Event::Op {
            map: "A".repeat(22),
            seq: i64::MAX,
            from: "B".repeat(22),
            c: Some("C".repeat(INLINE_CHARS)),
        };
        assert!(serde_json::to_string(&event).unwrap().len() < 8000);
    }
}
