//! Live co-editing: the relay behind `GET /api/maps/{id}/live` (see `model::live_wire` for
//! the messages). It never reads what it relays: ops, snapshots and presence are ciphertext
//! under a key only the browsers have. It numbers ops, stores them in a bounded log with the
//! newest snapshot, and passes them on in order.
//!
//! - `session.rs`: one connection, from `hello` to its close, with its limits.
//! - `room.rs`: the connections to one map in this process, and ordered delivery.
//! - `pg.rs`: with PostgreSQL, what connects the rooms of several processes (LISTEN/NOTIFY).
//! - `protocol.rs`: frames in and out.

mod pg;
mod protocol;
mod room;
mod session;

pub use session::connect;

use crate::limit::RateLimit;
use crate::store::{LogBound, Store};
use model::live_wire::{Closed, ServerMessage};
use pg::{Bus, Event};
use room::{Delivery, Room};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::watch;

/// How much live co-editing each connection, map and process may use.
#[derive(Clone, Debug)]
pub struct LiveSettings {
    /// Largest frame, in bytes of its text, other than a snapshot (which may be as large as
    /// the body limit).
    pub frame_limit: usize,
    /// Frames per connection: a token bucket.
    pub rate: RateLimit,
    /// Connections to one map, across processes.
    pub people_per_map: usize,
    /// Maps with live connections in this process.
    pub maps_per_process: usize,
    /// Ops a map's log keeps whatever the snapshot includes. Four times as many may wait for
    /// a snapshot: from three times as many, editors are asked for one (again every quarter
    /// of the bound), and past four times ops are refused until one comes.
    pub log_bound: u32,
    /// Bytes of ciphertext a map's log may hold (`None`: no such bound); past them ops are
    /// refused as past the count (4503 "log full") until a snapshot lets older ones go.
    pub log_bytes: Option<u64>,
    /// How often the server pings a connection.
    pub ping_every: Duration,
    /// A connection that sends nothing (pongs included) for this long is closed; `hello` must
    /// come within it too.
    pub idle_timeout: Duration,
}

impl Default for LiveSettings {
    fn default() -> LiveSettings {
        LiveSettings {
            frame_limit: 256 * 1024,
            rate: RateLimit::per_second(30, 60),
            people_per_map: 50,
            maps_per_process: 1000,
            log_bound: 1000,
            log_bytes: Some(16 * 1024 * 1024),
            ping_every: Duration::from_secs(20),
            idle_timeout: Duration::from_secs(60),
        }
    }
}

impl LiveSettings {
    fn log(&self) -> LogBound {
        let keep = i64::from(self.log_bound.max(1));
        LogBound {
            keep,
            uncovered: 4 * keep,
            bytes: self
                .log_bytes
                .map(|bytes| i64::try_from(bytes).unwrap_or(i64::MAX)),
        }
    }
}

/// The live maps of this process. Cloning shares it.
#[derive(Clone)]
pub struct Live {
    hub: Arc<Hub>,
}

struct Hub {
    store: Store,
    settings: LiveSettings,
    snapshot_limit: usize,
    /// This process, as other processes on the same database know it.
    process: String,
    rooms: Mutex<HashMap<String, Entry>>,
    bus: Option<Bus>,
    /// Whether the bus listens (always, without one).
    listening: watch::Receiver<bool>,
    /// Signalled each time a map has no connection left here.
    emptied: tokio::sync::Notify,
}

struct Entry {
    room: Arc<Room>,
    /// Connections that have entered, including those still being welcomed.
    members: usize,
}

impl Live {
    /// The relay for `store`; with PostgreSQL it starts listening to the other processes.
    /// Snapshots may be as large as `snapshot_limit` bytes of frame text.
    pub fn new(store: Store, settings: LiveSettings, snapshot_limit: usize) -> Live {
        let process = random_id().expect("the OS random number generator works at start");
        let (told, listening) = watch::channel(store.backend() != "postgres");
        let bus = (store.backend() == "postgres").then(|| Bus::new(store.clone()));
        let hub = Arc::new(Hub {
            store,
            settings,
            snapshot_limit,
            process,
            rooms: Mutex::default(),
            bus,
            listening,
            emptied: tokio::sync::Notify::new(),
        });
        if hub.bus.is_some() {
            tokio::spawn(pg::listen(Arc::downgrade(&hub), told));
        }
        Live { hub }
    }

    /// Resolves once ops and presence from other processes reach this one.
    pub async fn ready(&self) {
        let mut listening = self.hub.listening.clone();
        let _ = listening.wait_for(|up| *up).await;
    }

    /// Closes the sessions of `map` opened with an edit link older than `generation`, here
    /// and in the other processes.
    pub async fn revoke(&self, map: &str, generation: i64, closing: Closed) {
        if let Some(room) = self.hub.room(map) {
            room.revoke(generation, closing);
        }
        self.hub
            .publish(|from| Event::Revoked {
                map: map.to_owned(),
                from,
                generation,
                removed: closing == Closed::EditLinkRemoved,
            })
            .await;
    }

    /// Closes every session of `map`, here and in the other processes.
    pub async fn close_map(&self, map: &str, closing: Closed) {
        if let Some(room) = self.hub.room(map) {
            room.close_all(closing);
        }
        self.hub
            .publish(|from| Event::Gone {
                map: map.to_owned(),
                from,
            })
            .await;
    }

    /// Closes every session in this process: the server is stopping.
    pub fn close_all(&self, closing: Closed) {
        let rooms: Vec<Arc<Room>> = self.hub.rooms().values().map(|e| e.room.clone()).collect();
        for room in rooms {
            room.close_all(closing);
        }
    }

    /// Resolves when no session is left in this process, or after `deadline`.
    pub async fn drained(&self, deadline: Duration) {
        let _ = tokio::time::timeout(deadline, async {
            loop {
                let emptied = self.hub.emptied.notified();
                if self.hub.rooms().is_empty() {
                    return;
                }
                emptied.await;
            }
        })
        .await;
    }

    /// How many maps have live connections in this process.
    pub fn live_maps(&self) -> usize {
        self.hub.rooms().len()
    }
}

impl Hub {
    fn rooms(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.rooms
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn room(&self, map: &str) -> Option<Arc<Room>> {
        self.rooms().get(map).map(|entry| entry.room.clone())
    }

    /// Counts a connection into the map's room, opening the room if it is the first here;
    /// refused when the map or this process is full. Answers whether the room is new.
    fn enter(&self, map: &str) -> Result<(Arc<Room>, bool), Closed> {
        let mut rooms = self.rooms();
        if let Some(entry) = rooms.get_mut(map) {
            if entry.members + entry.room.remote_people() >= self.settings.people_per_map {
                return Err(Closed::MapFull);
            }
            entry.members += 1;
            return Ok((entry.room.clone(), false));
        }
        if rooms.len() >= self.settings.maps_per_process {
            return Err(Closed::ServerFull);
        }
        let keep = self.settings.log().keep;
        let ask = room::Ask {
            at: 3 * keep,
            every: (keep / 4).max(1),
        };
        let room = Arc::new(Room::new(map, ask));
        rooms.insert(
            map.to_owned(),
            Entry {
                room: room.clone(),
                members: 1,
            },
        );
        Ok((room, true))
    }

    /// Counts a connection out; the room closes with its last one.
    fn exit(&self, room: &Arc<Room>) {
        let mut rooms = self.rooms();
        let Some(entry) = rooms.get_mut(&room.map) else {
            return;
        };
        entry.members -= 1;
        if entry.members == 0 {
            rooms.remove(&room.map);
            drop(rooms);
            self.emptied.notify_waiters();
        }
    }

    /// Tells the other processes, if there are any. A failure is only logged: what is lost
    /// is ephemeral, or read from the log when the next op shows the gap.
    async fn publish(&self, event: impl FnOnce(String) -> Event) {
        if let Some(bus) = &self.bus {
            bus.publish(&event(self.process.clone())).await;
        }
    }

    /// `publish` from where nothing can wait.
    fn publish_later(self: &Arc<Hub>, event: impl FnOnce(String) -> Event + Send + 'static) {
        if self.bus.is_some() {
            let hub = self.clone();
            tokio::spawn(async move { hub.publish(event).await });
        }
    }

    /// Reads from the log the ops a room lacks, once they have had a moment to come on their
    /// own; ops gone from the log close the room's sessions, to resume from the snapshot.
    fn fill(self: &Arc<Hub>, room: Arc<Room>) {
        let hub = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(FILL_AFTER).await;
                let Some((after, upto)) = room.missing() else {
                    return;
                };
                match hub.store.ops_between(&room.map, after, upto).await {
                    Ok(ops) if ops.len() as i64 == upto - after => {
                        for (seq, bytes) in ops {
                            let c = model::share::encode_base64url(&bytes);
                            let frame = protocol::frame(&ServerMessage::Op { seq: seq as u64, c });
                            room.deliver(
                                seq,
                                Delivery {
                                    frame,
                                    origin: None,
                                },
                            );
                        }
                    }
                    Ok(_) => room.skip_to(upto),
                    Err(e) => tracing::warn!(error = %e, "could not read missing ops from the log"),
                }
            }
        });
    }

    /// After the bus was down: every room reads the ops stored meanwhile.
    fn catch_up(self: &Arc<Hub>) {
        let rooms: Vec<Arc<Room>> = self.rooms().values().map(|e| e.room.clone()).collect();
        for room in rooms {
            let hub = self.clone();
            tokio::spawn(async move {
                if let Ok(Some(map)) = hub.store.live_map(&room.map).await
                    && room.expect(map.seq)
                {
                    hub.fill(room);
                }
            });
        }
    }
}

/// How long a room waits for an op that others follow before reading it from the log.
const FILL_AFTER: Duration = Duration::from_millis(100);

/// A connection's or a process's id: 22 base64url characters, random, so ids from several
/// processes never meet.
fn random_id() -> Result<String, crate::ApiError> {
    crate::secret::random::<16>().map(|bytes| model::share::encode_base64url(&bytes))
}
