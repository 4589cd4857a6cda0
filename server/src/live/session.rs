//! One live connection: `hello`, the welcome, then frames both ways until the client leaves,
//! goes quiet, breaks a rule or is closed by the owner's change; each ending that is not the
//! client's own has its close code. A session reads one frame at a time, so its ops are
//! stored, and acknowledged, in the order it sent them.

use super::room::{Delivery, Kick, Peer, Room};
use super::{Hub, pg, protocol, random_id};
use crate::error::ApiError;
use crate::net::ConnectionSlot;
use crate::routes::now_ms;
use crate::store::{Announce, LiveRefusal};
use crate::{AppState, secret};
use axum::body::Bytes;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use futures_util::SinkExt;
use governor::DefaultDirectRateLimiter;
use model::live_wire::{
    BadFrame, ClientMessage, Closed, EditCapability, MAX_PRESENCE_BYTES, PROTOCOL_VERSION, Role,
    SequencedOp, ServerMessage, Snapshot,
};
use model::share::{ShareId, encode_base64url};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

/// Bytes read from the socket at a time. Frames are usually small, and tungstenite fills
/// (touches) the whole buffer, so this is most of an idle connection's memory.
const READ_BUFFER: usize = 8 * 1024;
/// Frames waiting to be written to one client before it counts as too far behind.
const OUTBOX: usize = 1024;
/// Frames written between flushes.
const BATCH: usize = 64;
/// How long the first connection to a map in this process waits for the other processes to
/// say who is connected to it there (PostgreSQL only).
const WHO_WAIT: Duration = Duration::from_millis(150);
/// After the server's close frame, how long the client has to answer with its own.
const CLOSING: Duration = Duration::from_secs(2);

/// `GET /api/maps/{id}/live`: upgrades to the live socket. Everything after the upgrade,
/// an unknown map included, is said with close codes, which a browser can read (it cannot
/// read a refused upgrade's status).
pub async fn connect(
    State(state): State<AppState>,
    Path(map): Path<String>,
    slot: Option<Extension<ConnectionSlot>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    let upgrade = upgrade.map_err(|_| ApiError::NotWebSocket)?;
    let hub = state.live.hub.clone();
    let largest = hub.snapshot_limit.max(hub.settings.frame_limit);
    Ok(upgrade
        .read_buffer_size(READ_BUFFER)
        .max_message_size(largest)
        .max_frame_size(largest)
        .on_failed_upgrade(|e| tracing::debug!(error = %e, "a live upgrade failed"))
        .on_upgrade(move |socket| async move {
            // A live connection holds its place among --max-connections until it ends.
            let _slot = slot;
            run(hub, map, socket).await;
        }))
}

async fn run(hub: Arc<Hub>, map: String, mut socket: WebSocket) {
    let mut limiter = hub
        .settings
        .rate
        .quota()
        .map(DefaultDirectRateLimiter::direct);
    let ending = match hello(&hub, &mut socket, &mut limiter).await {
        Err(ending) => ending,
        Ok(hello) => match Session::join(&hub, &map, hello, limiter).await {
            Err(closed) => Some(closed),
            Ok((mut session, welcome)) => {
                let ending = match socket.send(welcome).await {
                    Ok(()) => session.serve(&mut socket).await,
                    Err(_) => None,
                };
                let (code, reason) =
                    ending.map_or((1000, "by the client"), |c| (c.code(), c.reason()));
                tracing::info!(map, conn = %session.conn, code, reason, "live connection closed");
                ending
            }
        },
    };
    match ending {
        Some(closed) => close(&mut socket, closed).await,
        None => {
            let _ = socket.close().await;
        }
    }
}

/// What `hello` asked for.
struct Hello {
    edit: Option<String>,
    since: Option<u64>,
}

/// The first frame, which must be `hello`, within the idle timeout. `Err(None)`: the client
/// went away.
async fn hello(
    hub: &Hub,
    socket: &mut WebSocket,
    limiter: &mut Option<DefaultDirectRateLimiter>,
) -> Result<Hello, Option<Closed>> {
    let deadline = Instant::now() + hub.settings.idle_timeout;
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.recv())
            .await
            .map_err(|_| Some(Closed::BadFrame(BadFrame::NoHello)))?;
        let text = match frame {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(Message::Binary(_))) => {
                return Err(Some(Closed::BadFrame(BadFrame::NotAMessage)));
            }
            Some(Ok(Message::Close(_))) | None => return Err(None),
            Some(Err(e)) => return Err(read_failure(e)),
        };
        allowed(limiter).map_err(Some)?;
        return match protocol::read(&text).map_err(Some)? {
            ClientMessage::Hello { v, edit, since } if v == PROTOCOL_VERSION => {
                Ok(Hello { edit, since })
            }
            ClientMessage::Hello { .. } => Err(Some(Closed::BadFrame(BadFrame::Version))),
            _ => Err(Some(Closed::BadFrame(BadFrame::NoHello))),
        };
    }
}

fn allowed(limiter: &Option<DefaultDirectRateLimiter>) -> Result<(), Closed> {
    match limiter {
        Some(limiter) if limiter.check().is_err() => Err(Closed::TooManyMessages),
        _ => Ok(()),
    }
}

/// A read error as a close: a frame over the limit, or text that is not UTF-8, is the
/// client's fault; anything else means the connection is gone (`None`).
fn read_failure(error: axum::Error) -> Option<Closed> {
    match error
        .into_inner()
        .downcast::<tungstenite::Error>()
        .map(|e| *e)
    {
        Ok(tungstenite::Error::Capacity(_)) => Some(Closed::FrameTooLarge),
        Ok(tungstenite::Error::Utf8(_) | tungstenite::Error::Protocol(_)) => {
            Some(Closed::BadFrame(BadFrame::NotAMessage))
        }
        _ => None,
    }
}

/// Sends the close frame, then gives the client a moment to answer it, so the close is
/// clean and the client reads the code.
async fn close(socket: &mut WebSocket, closed: Closed) {
    if socket.send(protocol::close(closed)).await.is_err() {
        return;
    }
    let _ = tokio::time::timeout(CLOSING, async {
        while let Some(Ok(_)) = socket.recv().await {}
    })
    .await;
}

struct Session {
    hub: Arc<Hub>,
    room: Arc<Room>,
    conn: String,
    /// The edit link's generation, for an editor.
    editor: Option<i64>,
    inbox: mpsc::Receiver<Message>,
    kick: Arc<Kick>,
    limiter: Option<DefaultDirectRateLimiter>,
}

impl Session {
    /// Checks the map and the edit link, takes a place in the room, and makes the welcome.
    async fn join(
        hub: &Arc<Hub>,
        map: &str,
        hello: Hello,
        limiter: Option<DefaultDirectRateLimiter>,
    ) -> Result<(Session, Message), Closed> {
        ShareId::parse(map).ok_or(Closed::UnknownMap)?;
        let stored = hub.store.live_map(map).await.map_err(failed)?;
        let stored = stored.ok_or(Closed::UnknownMap)?;
        if stored.removed {
            return Err(Closed::NoLongerShared);
        }
        let editor = match hello.edit {
            None => None,
            Some(text) => {
                let capability = EditCapability::parse(&text).ok_or(Closed::EditLinkNotValid)?;
                let valid = stored
                    .edit_cap_hash
                    .as_deref()
                    .is_some_and(|hash| secret::matches(capability.bytes(), hash));
                if !valid {
                    return Err(Closed::EditLinkNotValid);
                }
                Some(stored.edit_gen)
            }
        };
        let conn = random_id().map_err(|_| Closed::ServerError)?;
        let (room, opened) = hub.enter(map)?;
        // From here the session counts in the room; `Drop` counts it out on every path.
        let (outbox, inbox) = mpsc::channel(OUTBOX);
        let session = Session {
            hub: hub.clone(),
            room,
            conn,
            editor,
            inbox,
            kick: Arc::default(),
            limiter,
        };
        if opened && hub.bus.is_some() {
            // The first connection here asks the other processes who is connected there, and
            // waits a moment for an answer so its welcome can name them. Anyone missed is
            // known by their next presence.
            let answered = session.room.answered();
            tokio::pin!(answered);
            answered.as_mut().enable();
            hub.publish(|from| pg::Event::Who {
                map: map.to_owned(),
                from,
            })
            .await;
            let _ = tokio::time::timeout(WHO_WAIT, answered).await;
        }
        // Read after entering: any op stored later reaches the room.
        let now = hub.store.live_map(map).await.map_err(failed)?;
        let now = now.ok_or(Closed::NoLongerShared)?;
        if session.room.load(now.seq, now.snapshot_upto) {
            hub.fill(session.room.clone());
        }
        let role = if editor.is_some() {
            Role::Edit
        } else {
            Role::View
        };
        let peer = Peer {
            outbox,
            kick: session.kick.clone(),
            role,
            generation: editor.unwrap_or(0),
        };
        let (upto, peers) = session.room.join(&session.conn, peer);
        hub.publish(|from| pg::Event::Joined {
            map: map.to_owned(),
            from,
            conn: session.conn.clone(),
        })
        .await;
        // An edit link replaced, or the map removed, while this session joined: the room was
        // told before the session was in it.
        let after = hub.store.live_map(map).await.map_err(failed)?;
        match after {
            Some(after) if after.removed => return Err(Closed::NoLongerShared),
            None => return Err(Closed::NoLongerShared),
            Some(after) if editor.is_some_and(|g| g != after.edit_gen) => {
                return Err(if after.edit_cap_hash.is_some() {
                    Closed::EditLinkReplaced
                } else {
                    Closed::EditLinkRemoved
                });
            }
            Some(_) => {}
        }
        let (snapshot, ops) = session.history(hello.since, upto).await.map_err(failed)?;
        tracing::info!(map, conn = %session.conn, ?role, "live connection opened");
        let welcome = protocol::frame(&ServerMessage::Welcome {
            you: session.conn.clone(),
            role,
            snapshot,
            ops,
            peers,
        });
        Ok((session, welcome))
    }

    /// What a client that has ops up to `since` lacks of the log up to `upto`: the ops after
    /// `since` if the log still has them all, otherwise the snapshot and the ops after it.
    async fn history(
        &self,
        since: Option<u64>,
        upto: i64,
    ) -> Result<(Option<Snapshot>, Vec<SequencedOp>), sqlx::Error> {
        let store = &self.hub.store;
        let map = &self.room.map;
        if let Some(since) = since
            .and_then(|s| i64::try_from(s).ok())
            .filter(|s| *s <= upto)
        {
            let ops = store.ops_between(map, since, upto).await?;
            if ops.len() as i64 == upto - since {
                return Ok((None, wire(ops)));
            }
        }
        let snapshot = store.snapshot(map).await?;
        let after = snapshot.as_ref().map_or(0, |(upto, _)| *upto);
        let ops = store.ops_between(map, after, upto).await?;
        let snapshot = snapshot.map(|(upto, bytes)| Snapshot {
            c: encode_base64url(&bytes),
            upto: upto as u64,
        });
        Ok((snapshot, wire(ops)))
    }

    /// Frames both ways until the session ends; `None` when the client ended it.
    async fn serve(&mut self, socket: &mut WebSocket) -> Option<Closed> {
        let every = self.hub.settings.ping_every;
        let idle = self.hub.settings.idle_timeout;
        let mut ping = tokio::time::interval_at(Instant::now() + every, every);
        ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut heard = Instant::now();
        loop {
            tokio::select! {
                biased;
                closed = self.kick.wait() => return Some(closed),
                frame = self.inbox.recv() => {
                    let frame = frame?;
                    if self.write(socket, frame).await.is_err() {
                        return None;
                    }
                }
                frame = socket.recv() => {
                    heard = Instant::now();
                    match frame {
                        Some(Ok(Message::Text(text))) => {
                            if let Err(closed) = self.handle(text).await {
                                return Some(closed);
                            }
                        }
                        Some(Ok(Message::Binary(_))) => {
                            return Some(Closed::BadFrame(BadFrame::NotAMessage));
                        }
                        Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                        Some(Ok(Message::Close(_))) | None => return None,
                        Some(Err(e)) => return read_failure(e),
                    }
                }
                _ = ping.tick() => {
                    if heard.elapsed() >= idle {
                        return Some(Closed::Idle);
                    }
                    if socket.send(Message::Ping(Bytes::new())).await.is_err() {
                        return None;
                    }
                }
            }
        }
    }

    /// Writes a frame and whatever else waits, then flushes once.
    async fn write(&mut self, socket: &mut WebSocket, first: Message) -> Result<(), axum::Error> {
        socket.feed(first).await?;
        for _ in 1..BATCH {
            let Ok(next) = self.inbox.try_recv() else {
                break;
            };
            socket.feed(next).await?;
        }
        socket.flush().await
    }

    async fn handle(&mut self, text: Utf8Bytes) -> Result<(), Closed> {
        allowed(&self.limiter)?;
        let message = protocol::read(&text)?;
        let limit = match message {
            ClientMessage::Snapshot { .. } => self.hub.snapshot_limit,
            _ => self.hub.settings.frame_limit,
        };
        if text.len() > limit {
            return Err(Closed::FrameTooLarge);
        }
        match message {
            ClientMessage::Hello { .. } => Err(Closed::BadFrame(BadFrame::HelloTwice)),
            ClientMessage::Op { c } => {
                let generation = self.editor.ok_or(Closed::ViewOnly)?;
                let bytes = protocol::ciphertext(&c)?;
                self.append(generation, c, &bytes).await
            }
            ClientMessage::Snapshot { c, upto } => {
                let generation = self.editor.ok_or(Closed::ViewOnly)?;
                let bytes = protocol::ciphertext(&c)?;
                let upto =
                    i64::try_from(upto).map_err(|_| Closed::BadFrame(BadFrame::SnapshotAhead))?;
                self.snapshot(generation, upto, &bytes).await
            }
            ClientMessage::Presence { c } => {
                if protocol::ciphertext(&c)?.len() > MAX_PRESENCE_BYTES {
                    return Err(Closed::FrameTooLarge);
                }
                let frame = protocol::frame(&ServerMessage::Presence {
                    from: self.conn.clone(),
                    c: c.clone(),
                });
                self.room.presence(&self.conn, frame);
                let (map, conn) = (self.room.map.clone(), self.conn.clone());
                self.hub
                    .publish(|from| pg::Event::Presence { map, from, conn, c })
                    .await;
                Ok(())
            }
        }
    }

    /// Stores an op under the next number; the room passes it on and acknowledges it.
    async fn append(&self, generation: i64, c: String, bytes: &[u8]) -> Result<(), Closed> {
        let announce = Announce {
            channel: pg::CHANNEL,
            from: &self.hub.process,
            inline: (c.len() <= pg::INLINE_CHARS).then_some(c.as_str()),
        };
        let log = self.hub.settings.log();
        let stored = self
            .hub
            .store
            .append_op(&self.room.map, generation, bytes, now_ms(), log, announce)
            .await
            .map_err(failed)?;
        let seq = stored.map_err(refused)?;
        let frame = protocol::frame(&ServerMessage::Op { seq: seq as u64, c });
        let delivery = Delivery {
            frame,
            origin: Some(self.conn.clone()),
        };
        if self.room.deliver(seq, delivery) {
            self.hub.fill(self.room.clone());
        }
        Ok(())
    }

    async fn snapshot(&self, generation: i64, upto: i64, bytes: &[u8]) -> Result<(), Closed> {
        let log = self.hub.settings.log();
        let map = &self.room.map;
        let stored = self
            .hub
            .store
            .put_snapshot(map, generation, upto, bytes, now_ms(), log)
            .await
            .map_err(failed)?;
        stored.map_err(refused)?;
        self.room.note_snapshot(upto);
        let map = map.clone();
        self.hub
            .publish(|from| pg::Event::Snapshot { map, from, upto })
            .await;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.room.leave(&self.conn);
        self.hub.exit(&self.room);
        let (map, conn) = (self.room.map.clone(), self.conn.clone());
        self.hub
            .publish_later(move |from| pg::Event::Left { map, from, conn });
    }
}

fn wire(ops: Vec<(i64, Vec<u8>)>) -> Vec<SequencedOp> {
    ops.into_iter()
        .map(|(seq, bytes)| SequencedOp {
            seq: seq as u64,
            c: encode_base64url(&bytes),
        })
        .collect()
}

fn refused(refusal: LiveRefusal) -> Closed {
    match refusal {
        LiveRefusal::Removed => Closed::NoLongerShared,
        LiveRefusal::Revoked => Closed::EditLinkReplaced,
        LiveRefusal::LogFull => Closed::LogFull,
        LiveRefusal::SnapshotAhead => Closed::BadFrame(BadFrame::SnapshotAhead),
    }
}

fn failed(error: sqlx::Error) -> Closed {
    tracing::error!(error = %error, "live: database error");
    Closed::ServerError
}
