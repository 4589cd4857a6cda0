//! The connections to one map in this process, and what they are sent.
//!
//! Ops reach a room from its own sessions once stored and, with PostgreSQL, from other
//! processes, in whatever order their tasks run. The room passes them on strictly by sequence
//! number, each once: one that comes before the op it follows is held back until that op
//! comes, or is read from the log (`Hub::fill`). So a client that has op N has every op
//! before it, and `since` can resume it. Its sender gets `ack` in the same order, in place of
//! the op.
//!
//! Sending never waits: each session has an outbox, and a session whose outbox is full is
//! closed ("too far behind") rather than slowing the room.

use super::protocol;
use axum::extract::ws::Message;
use model::live_wire::{Closed, Role, ServerMessage};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tokio::sync::{Notify, mpsc};

pub struct Room {
    pub map: String,
    ask: Ask,
    state: Mutex<State>,
    /// Told when another process says who is connected there.
    answered: Notify,
}

#[derive(Default)]
struct State {
    peers: HashMap<String, Peer>,
    /// Connections to this map in other processes, with their process.
    remote: HashMap<String, String>,
    /// The last op passed on; `None` until the room has read where the log stands.
    delivered: Option<i64>,
    /// Ops that came before an op they follow.
    held: BTreeMap<i64, Delivery>,
    /// An op known to be stored that has not come yet.
    expected: i64,
    snapshot_upto: i64,
    /// Whether a task is reading missing ops from the log.
    filling: bool,
}

/// When editors are asked for a snapshot: once `at` ops follow the newest one, and again
/// every `every` ops after that, so an editor who joins later is asked too.
#[derive(Clone, Copy, Debug)]
pub struct Ask {
    pub at: i64,
    pub every: i64,
}

impl Ask {
    fn now(self, uncovered: i64) -> bool {
        uncovered >= self.at && (uncovered - self.at) % self.every == 0
    }
}

/// A session, as its room sees it.
pub struct Peer {
    pub outbox: mpsc::Sender<Message>,
    pub kick: Arc<Kick>,
    pub role: Role,
    /// The edit link's generation an editor opened with.
    pub generation: i64,
}

/// An op to pass on: its frame, and the session here that sent it, if any (which gets an
/// `ack` instead).
pub struct Delivery {
    pub frame: Message,
    pub origin: Option<String>,
}

/// How a session is told to close: past its outbox, which may be full.
#[derive(Default)]
pub struct Kick {
    closed: OnceLock<Closed>,
    notify: Notify,
}

impl Kick {
    /// The first reason given wins.
    pub fn kick(&self, closed: Closed) {
        if self.closed.set(closed).is_ok() {
            self.notify.notify_one();
        }
    }

    pub async fn wait(&self) -> Closed {
        loop {
            if let Some(closed) = self.closed.get() {
                return *closed;
            }
            self.notify.notified().await;
        }
    }
}

impl Room {
    pub fn new(map: &str, ask: Ask) -> Room {
        Room {
            map: map.to_owned(),
            ask,
            state: Mutex::default(),
            answered: Notify::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Where the log stood after the room opened: ops up to `seq` are stored, and any later
    /// one will reach the room. The first call counts. Answers whether ops must be read
    /// from the log.
    pub fn load(&self, seq: i64, snapshot_upto: i64) -> bool {
        let mut state = self.state();
        if state.delivered.is_none() {
            state.delivered = Some(seq);
            state.held = state.held.split_off(&(seq + 1));
            state.snapshot_upto = state.snapshot_upto.max(snapshot_upto);
            state.flush(self.ask);
        }
        state.start_filling()
    }

    /// Adds a session. Answers the last op it will not be sent (its welcome carries those)
    /// and the other connections to the map.
    pub fn join(&self, conn: &str, peer: Peer) -> (i64, Vec<String>) {
        let mut state = self.state();
        let others = state
            .peers
            .keys()
            .chain(state.remote.keys())
            .cloned()
            .collect();
        state.peers.insert(conn.to_owned(), peer);
        (state.delivered.unwrap_or(0), others)
    }

    /// Removes a session and tells the others.
    pub fn leave(&self, conn: &str) {
        let mut state = self.state();
        if state.peers.remove(conn).is_some() {
            state.send_all(&left(conn), None);
        }
    }

    /// Passes an op on in order; ops already passed on are dropped. Answers whether ops
    /// must be read from the log.
    pub fn deliver(&self, seq: i64, delivery: Delivery) -> bool {
        let mut state = self.state();
        if state.delivered.is_some_and(|delivered| seq <= delivered) {
            return false;
        }
        state.held.insert(seq, delivery);
        state.flush(self.ask);
        state.start_filling()
    }

    /// Op `seq` is stored: if it does not come on its own, it is read from the log. Answers
    /// whether ops must be read now.
    pub fn expect(&self, seq: i64) -> bool {
        let mut state = self.state();
        state.expected = state.expected.max(seq);
        state.start_filling()
    }

    /// The ops missing before the held or expected ones, as `(after, upto)`; `None` when
    /// nothing is missing, which ends the filling.
    pub fn missing(&self) -> Option<(i64, i64)> {
        let mut state = self.state();
        let missing = state.missing();
        if missing.is_none() {
            state.filling = false;
        }
        missing
    }

    /// The ops up to `upto` are gone from the log before they reached this room: every
    /// session here lacks them, so each is closed to resume from the snapshot.
    pub fn skip_to(&self, upto: i64) {
        let mut state = self.state();
        if state.delivered.is_some_and(|delivered| delivered < upto) {
            state.delivered = Some(upto);
            state.held = state.held.split_off(&(upto + 1));
            for peer in state.peers.values() {
                peer.kick.kick(Closed::Behind);
            }
            state.flush(self.ask);
        }
    }

    /// Presence from a session here.
    pub fn presence(&self, from: &str, frame: Message) {
        self.state().send_all(&frame, Some(from));
    }

    /// Presence from a connection in another process, which is then known to be here.
    pub fn remote_presence(&self, conn: String, process: String, frame: Message) {
        let mut state = self.state();
        state.remote.insert(conn, process);
        state.send_all(&frame, None);
    }

    pub fn remote_joined(&self, conn: String, process: String) {
        self.state().remote.insert(conn, process);
    }

    /// Another process said who is connected to the map there.
    pub fn remote_here(&self, conns: Vec<String>, process: &str) {
        let mut state = self.state();
        for conn in conns {
            state.remote.insert(conn, process.to_owned());
        }
        drop(state);
        self.answered.notify_waiters();
    }

    /// Resolves when another process next says who is connected there.
    pub fn answered(&self) -> tokio::sync::futures::Notified<'_> {
        self.answered.notified()
    }

    pub fn remote_left(&self, conn: &str) {
        let mut state = self.state();
        if state.remote.remove(conn).is_some() {
            state.send_all(&left(conn), None);
        }
    }

    /// Connections to this map in other processes.
    pub fn remote_people(&self) -> usize {
        self.state().remote.len()
    }

    /// The sessions here.
    pub fn local_peers(&self) -> Vec<String> {
        self.state().peers.keys().cloned().collect()
    }

    /// A snapshot including ops up to `upto` is stored.
    pub fn note_snapshot(&self, upto: i64) {
        let mut state = self.state();
        state.snapshot_upto = state.snapshot_upto.max(upto);
    }

    /// Closes the editors who opened with an edit link older than `generation`.
    pub fn revoke(&self, generation: i64, closing: Closed) {
        for peer in self.state().peers.values() {
            if peer.role == Role::Edit && peer.generation < generation {
                peer.kick.kick(closing);
            }
        }
    }

    pub fn close_all(&self, closing: Closed) {
        for peer in self.state().peers.values() {
            peer.kick.kick(closing);
        }
    }
}

impl State {
    /// Passes on every held op that now follows the last one passed on.
    fn flush(&mut self, ask: Ask) {
        let Some(mut delivered) = self.delivered else {
            return;
        };
        while let Some(entry) = self.held.first_entry() {
            if *entry.key() != delivered + 1 {
                break;
            }
            let (seq, delivery) = entry.remove_entry();
            delivered = seq;
            let origin = delivery.origin.as_deref();
            if let Some(peer) = origin.and_then(|conn| self.peers.get(conn)) {
                offer(
                    peer,
                    protocol::frame(&ServerMessage::Ack { seq: seq as u64 }),
                );
            }
            self.send_all(&delivery.frame, origin);
            if ask.now(seq - self.snapshot_upto) {
                let ask = protocol::frame(&ServerMessage::NeedSnapshot);
                for peer in self.peers.values().filter(|p| p.role == Role::Edit) {
                    offer(peer, ask.clone());
                }
            }
        }
        self.delivered = Some(delivered);
    }

    fn send_all(&self, frame: &Message, except: Option<&str>) {
        for (conn, peer) in &self.peers {
            if Some(conn.as_str()) != except {
                offer(peer, frame.clone());
            }
        }
    }

    fn missing(&self) -> Option<(i64, i64)> {
        let delivered = self.delivered?;
        let before = self
            .held
            .first_key_value()
            .map_or(self.expected + 1, |(seq, _)| *seq);
        (before > delivered + 1).then_some((delivered, before - 1))
    }

    /// Whether a task should start reading missing ops (one at a time per room).
    fn start_filling(&mut self) -> bool {
        let start = !self.filling && self.missing().is_some();
        self.filling |= start;
        start
    }
}

fn offer(peer: &Peer, frame: Message) {
    if let Err(mpsc::error::TrySendError::Full(_)) = peer.outbox.try_send(frame) {
        peer.kick.kick(Closed::Behind);
    }
}

fn left(conn: &str) -> Message {
    protocol::frame(&ServerMessage::Left {
        from: conn.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASK: Ask = Ask { at: 100, every: 10 };

    fn peer(role: Role, generation: i64) -> (Peer, mpsc::Receiver<Message>, Arc<Kick>) {
        let (outbox, inbox) = mpsc::channel(8);
        let kick = Arc::new(Kick::default());
        let peer = Peer {
            outbox,
            kick: kick.clone(),
            role,
            generation,
        };
        (peer, inbox, kick)
    }

    fn op(seq: i64, origin: Option<&str>) -> Delivery {
        Delivery {
            frame: protocol::frame(&ServerMessage::Op {
                seq: seq as u64,
                c: format!("op{seq}"),
            }),
            origin: origin.map(str::to_owned),
        }
    }

    fn received(inbox: &mut mpsc::Receiver<Message>) -> Vec<String> {
        std::iter::from_fn(|| inbox.try_recv().ok())
            .map(|m| m.into_text().unwrap().to_string())
            .collect()
    }

    #[test]
    fn ops_that_come_early_wait_for_the_ones_they_follow() {
        let room = Room::new("m", ASK);
        assert!(!room.load(4, 0));
        let (a, mut a_in, _) = peer(Role::Edit, 1);
        let (b, mut b_in, _) = peer(Role::View, 0);
        room.join("a", a);
        room.join("b", b);
        assert!(room.deliver(7, op(7, None)), "6 and 5 are missing");
        assert!(!room.deliver(6, op(6, Some("a"))), "one filler at a time");
        assert!(received(&mut b_in).is_empty());
        assert_eq!(room.missing(), Some((4, 5)));
        assert!(!room.deliver(5, op(5, None)));
        assert!(!room.deliver(5, op(5, None)), "a repeat is dropped");
        assert_eq!(room.missing(), None);
        assert_eq!(
            received(&mut b_in),
            [
                r#"{"t":"op","seq":5,"c":"op5"}"#,
                r#"{"t":"op","seq":6,"c":"op6"}"#,
                r#"{"t":"op","seq":7,"c":"op7"}"#
            ]
        );
        assert_eq!(
            received(&mut a_in),
            [
                r#"{"t":"op","seq":5,"c":"op5"}"#,
                r#"{"t":"ack","seq":6}"#,
                r#"{"t":"op","seq":7,"c":"op7"}"#
            ]
        );
    }

    #[test]
    fn ops_before_the_room_knows_the_log_wait_for_it_and_older_ones_are_dropped() {
        let room = Room::new("m", ASK);
        assert!(!room.deliver(3, op(3, None)));
        assert!(!room.deliver(4, op(4, None)));
        let (a, mut a_in, _) = peer(Role::View, 0);
        room.join("a", a);
        assert!(!room.load(3, 0));
        assert_eq!(received(&mut a_in), [r#"{"t":"op","seq":4,"c":"op4"}"#]);
    }

    #[test]
    fn a_session_that_does_not_read_is_closed_and_the_others_go_on() {
        let room = Room::new("m", ASK);
        room.load(0, 0);
        let (slow, _slow_in, slow_kick) = peer(Role::View, 0);
        let (fast, mut fast_in, fast_kick) = peer(Role::View, 0);
        room.join("slow", slow);
        room.join("fast", fast);
        for seq in 1..=9 {
            room.deliver(seq, op(seq, None));
            assert_eq!(received(&mut fast_in).len(), 1);
        }
        assert_eq!(slow_kick.closed.get(), Some(&Closed::Behind));
        assert_eq!(fast_kick.closed.get(), None);
    }

    #[test]
    fn editors_are_asked_for_a_snapshot_when_the_log_fills() {
        let room = Room::new("m", Ask { at: 3, every: 2 });
        room.load(0, 0);
        let (editor, mut editor_in, _) = peer(Role::Edit, 1);
        let (viewer, mut viewer_in, _) = peer(Role::View, 0);
        room.join("e", editor);
        room.join("v", viewer);
        for seq in 1..=3 {
            room.deliver(seq, op(seq, None));
        }
        assert_eq!(received(&mut editor_in)[3], r#"{"t":"need_snapshot"}"#);
        assert_eq!(received(&mut viewer_in).len(), 3);
        room.deliver(4, op(4, None));
        assert_eq!(received(&mut editor_in).len(), 1, "not asked at 4");
        room.deliver(5, op(5, None));
        assert_eq!(received(&mut editor_in).len(), 2, "asked again at 5");
        room.note_snapshot(5);
        for seq in 6..=7 {
            room.deliver(seq, op(seq, None));
        }
        assert_eq!(received(&mut editor_in).len(), 2, "covered by the snapshot");
    }

    #[test]
    fn revoking_closes_only_editors_of_older_links() {
        let room = Room::new("m", ASK);
        let (old, _i1, old_kick) = peer(Role::Edit, 1);
        let (new, _i2, new_kick) = peer(Role::Edit, 2);
        let (viewer, _i3, viewer_kick) = peer(Role::View, 0);
        room.join("old", old);
        room.join("new", new);
        room.join("viewer", viewer);
        room.revoke(2, Closed::EditLinkReplaced);
        assert_eq!(old_kick.closed.get(), Some(&Closed::EditLinkReplaced));
        assert_eq!(new_kick.closed.get(), None);
        assert_eq!(viewer_kick.closed.get(), None);
    }

    #[test]
    fn ops_lost_from_the_log_close_every_session_here() {
        let room = Room::new("m", ASK);
        room.load(2, 0);
        let (a, _a_in, a_kick) = peer(Role::View, 0);
        room.join("a", a);
        assert!(room.expect(5));
        assert_eq!(room.missing(), Some((2, 5)));
        room.skip_to(5);
        assert_eq!(a_kick.closed.get(), Some(&Closed::Behind));
        assert_eq!(room.missing(), None);
    }
}
