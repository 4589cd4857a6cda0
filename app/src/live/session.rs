//! One live session on a shared map: the replica, the changes the server has not taken yet,
//! and the socket, reopened with backoff whenever it drops. What the session shows goes to
//! the editor (an edit link) or to a read-only board (a view link).

use super::presence::{Peer, Pointing, Presence};
use super::socket::{Event, Socket};
use crate::editor::Editor;
use crate::ids;
use crate::storage::{self, LiveRecord};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use model::live::{Message, Replica, ReplicaId, State, Step};
use model::live_wire::{ClientMessage, Closed, PROTOCOL_VERSION, Role, ServerMessage};
use model::sealed::{self, ShareKey};
use model::share::{decode_base64url, encode_base64url};
use model::{JourneyMap, Op, OpError};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// A snapshot goes to the server after this many of one's own changes, so that a late joiner
/// reads a state and a short log rather than every change since the start.
const SNAPSHOT_EVERY: u32 = 100;
/// The longest wait between two attempts to reconnect.
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Seeding writes every record as this replica: two people seeding at once write the same
/// state, so whichever snapshot the server keeps, everyone agrees on it.
const SEED_REPLICA: &str = "seed";

/// A shared map's live link: `/s/<id>#<key>` to watch, `/s/<id>#<key>.<capability>` to edit.
#[derive(Clone, Debug)]
pub struct LiveLink {
    pub share: String,
    pub key: ShareKey,
    pub edit: Option<String>,
}

/// How the connection stands, as the status line says it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    Connecting,
    Live,
    /// Trying again after a drop; the server's reason, if it gave one.
    Reconnecting(Option<Closed>),
    /// The browser has no network: changes are kept and sent when it is back.
    Offline,
    /// The server ended the session for good (the link was replaced, sharing stopped …).
    Ended(Closed),
    /// The server's data could not be opened with this link's key.
    Unreadable,
}

/// Where the session shows the map it holds.
#[derive(Clone, Copy)]
pub enum Shows {
    Editor(Editor),
    Board(RwSignal<Option<JourneyMap>>),
}

struct Inner {
    link: LiveLink,
    me: ReplicaId,
    /// The shared map as uploaded: the state a session starts from when the server has none.
    seed: Option<JourneyMap>,
    replica: Option<Replica>,
    /// Every op up to this sequence number is in the replica.
    since: u64,
    /// Own changes the server has not acknowledged, oldest first.
    outbox: VecDeque<Message>,
    socket: Option<Socket>,
    /// Whether the server welcomed this socket: nothing but `hello` goes before.
    welcomed: bool,
    role: Option<Role>,
    attempt: u32,
    since_snapshot: u32,
    snapshot_first: bool,
    undo: Vec<Step>,
    redo: Vec<Step>,
    name: String,
    at: Option<Pointing>,
    retry: Option<TimeoutHandle>,
    /// The person is typing in a field not yet committed: showing a newer map now would put
    /// the field's old text back under their cursor, so it waits until they commit or leave.
    typing: bool,
    deferred: bool,
}

#[derive(Clone)]
pub struct Session {
    inner: Rc<RefCell<Inner>>,
    shows: Shows,
    pub status: RwSignal<Status>,
    pub peers: RwSignal<Vec<Peer>>,
    /// Whether this person has a change of theirs to undo, and one to redo.
    undoable: RwSignal<(bool, bool)>,
}

fn seal(text: &str, key: &ShareKey) -> String {
    encode_base64url(&sealed::seal_json(text, key, ids::random()))
}

fn open(c: &str, key: &ShareKey) -> Option<String> {
    sealed::open_text(&decode_base64url(c)?, key).ok()
}

fn fresh_replica() -> ReplicaId {
    ReplicaId::new(ids::fresh()).expect("16 hex digits are a replica id")
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Whether the server's closing says trying again would not help.
fn is_final(closed: Closed) -> bool {
    matches!(
        closed,
        Closed::EditLinkNotValid
            | Closed::EditLinkReplaced
            | Closed::EditLinkRemoved
            | Closed::ViewOnly
            | Closed::UnknownMap
            | Closed::NoLongerShared
            | Closed::BadFrame(_)
            | Closed::FrameTooLarge
    )
}

impl Session {
    /// Starts the session: what this browser kept of it is shown at once (so it works
    /// offline), then the socket opens. `seed` is the shared map, if it could be fetched.
    pub fn start(link: LiveLink, seed: Option<JourneyMap>, shows: Shows, name: String) -> Session {
        // A viewer has nothing of their own to lose: they start from what the server has.
        let kept = match link.edit {
            Some(_) => storage::live_record(&link.share),
            None => LiveRecord::default(),
        };
        let me = fresh_replica();
        let replica = (kept.state.as_deref())
            .and_then(|s| State::from_json(s).ok())
            .map(|state| Replica::from_state(state, me.clone()));
        let outbox = (kept.outbox.iter())
            .filter_map(|m| Message::from_json(m).ok())
            .collect();
        let session = Session {
            inner: Rc::new(RefCell::new(Inner {
                since: if replica.is_some() { kept.since } else { 0 },
                link,
                me,
                seed,
                replica,
                outbox,
                socket: None,
                welcomed: false,
                role: None,
                attempt: 0,
                since_snapshot: 0,
                snapshot_first: false,
                undo: Vec::new(),
                redo: Vec::new(),
                name,
                at: None,
                retry: None,
                typing: false,
                deferred: false,
            })),
            shows,
            status: RwSignal::new(Status::Connecting),
            peers: RwSignal::new(Vec::new()),
            undoable: RwSignal::new((false, false)),
        };
        if let Some(map) = session.current() {
            session.show(map, true);
        }
        if let Shows::Editor(editor) = shows {
            session.watch_typing();
            let watched = session.clone();
            Effect::new(move |_| {
                editor.map.track();
                watched.take_in_local();
            });
        }
        session.watch_network();
        session.connect();
        session
    }

    pub fn replica_id(&self) -> String {
        self.inner.borrow().me.as_str().to_owned()
    }

    /// The map the replica holds, if it holds one yet.
    fn current(&self) -> Option<JourneyMap> {
        let inner = self.inner.borrow();
        Some(inner.replica.as_ref()?.map().clone())
    }

    fn show(&self, map: JourneyMap, first: bool) {
        match self.shows {
            // At the page's start, before this tab saved anything: never refused.
            Shows::Editor(editor) if first => {
                editor.open(map, false);
            }
            Shows::Editor(editor) => {
                {
                    let mut inner = self.inner.borrow_mut();
                    if inner.typing {
                        inner.deferred = true;
                        return;
                    }
                }
                if editor.map.with_untracked(|m| *m != map) {
                    editor.map.set(map);
                }
            }
            Shows::Board(board) => board.set(Some(map)),
        }
    }

    /// Notes typing in the editor's text fields (not the live bar's own name field), and
    /// shows what waited once the text is committed or left.
    fn watch_typing(&self) {
        let is_field = |target: Option<web_sys::EventTarget>| {
            let element = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            element.is_some_and(|e| {
                matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA")
                    && e.closest(".live-bar").ok().flatten().is_none()
            })
        };
        let session = self.clone();
        let on_input = window_event_listener(leptos::ev::input, move |ev| {
            if is_field(ev.target()) {
                session.inner.borrow_mut().typing = true;
            }
        });
        let session = self.clone();
        let done = move || {
            let waited = {
                let mut inner = session.inner.borrow_mut();
                inner.typing = false;
                std::mem::take(&mut inner.deferred)
            };
            if waited {
                // After the field's own handler has committed the text.
                let session = session.clone();
                set_timeout(
                    move || {
                        if let Some(map) = session.current() {
                            session.show(map, false);
                        }
                    },
                    Duration::ZERO,
                );
            }
        };
        let finished = done.clone();
        let on_change = window_event_listener(leptos::ev::change, move |_| finished());
        let on_leave = window_event_listener(leptos::ev::focusout, move |_| done());
        on_cleanup(move || {
            on_input.remove();
            on_change.remove();
            on_leave.remove();
        });
    }

    fn watch_network(&self) {
        let session = self.clone();
        let on_offline = window_event_listener(leptos::ev::offline, move |_| {
            // Some browsers keep a socket open through a lost network; close it so changes
            // wait in the outbox and the status says so.
            session.dropped(None);
        });
        let session = self.clone();
        let on_online = window_event_listener(leptos::ev::online, move |_| {
            let waiting = session.inner.borrow_mut().retry.take();
            if let Some(handle) = waiting {
                handle.clear();
                session.connect();
            }
        });
        on_cleanup(move || {
            on_offline.remove();
            on_online.remove();
        });
    }

    fn connect(&self) {
        if !online() {
            self.status.set(Status::Offline);
            self.retry_later();
            return;
        }
        let session = self.clone();
        let share = self.inner.borrow().link.share.clone();
        let socket = Socket::open(&share, move |event| session.on_event(event));
        let opened = socket.is_some();
        self.inner.borrow_mut().socket = socket;
        if !opened {
            self.retry_later();
        }
    }

    fn on_event(&self, event: Event) {
        match event {
            Event::Open => {
                let hello = {
                    let inner = self.inner.borrow();
                    ClientMessage::Hello {
                        v: PROTOCOL_VERSION,
                        edit: inner.link.edit.clone(),
                        since: inner.replica.as_ref().map(|_| inner.since),
                    }
                };
                self.send(&hello);
            }
            Event::Text(text) => match serde_json::from_str::<ServerMessage>(&text) {
                Ok(message) => self.receive(message),
                Err(_) => self.dropped(None),
            },
            Event::Closed { code, reason } => self.dropped(Closed::from_frame(code, &reason)),
        }
    }

    fn send(&self, message: &ClientMessage) -> bool {
        let text = serde_json::to_string(message).expect("client frames serialise");
        let inner = self.inner.borrow();
        inner.socket.as_ref().is_some_and(|s| s.send(&text))
    }

    /// The socket ended (or must end): try again with backoff, unless the server said not to.
    fn dropped(&self, closed: Option<Closed>) {
        let socket = {
            let mut inner = self.inner.borrow_mut();
            inner.welcomed = false;
            if closed == Some(Closed::LogFull) {
                inner.snapshot_first = true;
            }
            inner.socket.take()
        };
        // The socket's own handler may be running: it is let go once that returns.
        spawn_local(async move { drop(socket) });
        self.peers.set(Vec::new());
        if let Some(closed) = closed.filter(|c| is_final(*c)) {
            self.status.set(Status::Ended(closed));
            return;
        }
        self.status.set(if online() {
            Status::Reconnecting(closed)
        } else {
            Status::Offline
        });
        self.retry_later();
    }

    fn retry_later(&self) {
        let delay = {
            let mut inner = self.inner.borrow_mut();
            if inner.retry.is_some() {
                return;
            }
            let wait = Duration::from_millis(500 << inner.attempt.min(5)).min(MAX_BACKOFF);
            inner.attempt += 1;
            wait
        };
        let session = self.clone();
        let handle = set_timeout_with_handle(
            move || {
                session.inner.borrow_mut().retry = None;
                session.connect();
            },
            delay,
        );
        self.inner.borrow_mut().retry = handle.ok();
    }

    fn receive(&self, message: ServerMessage) {
        match message {
            ServerMessage::Welcome {
                role,
                snapshot,
                ops,
                ..
            } => self.welcome(role, snapshot, ops),
            ServerMessage::Op { seq, c } => {
                self.take_in_local();
                let changed = {
                    let mut inner = self.inner.borrow_mut();
                    let key = inner.link.key.clone();
                    let message = open(&c, &key).and_then(|t| Message::from_json(&t).ok());
                    inner.since = inner.since.max(seq);
                    match (message, inner.replica.as_mut()) {
                        (Some(message), Some(replica)) => replica.receive(&message),
                        _ => false,
                    }
                };
                if changed && let Some(map) = self.current() {
                    self.show(map, false);
                }
                self.keep();
            }
            ServerMessage::Ack { seq } => {
                let snapshot_due = {
                    let mut inner = self.inner.borrow_mut();
                    inner.outbox.pop_front();
                    inner.since = inner.since.max(seq);
                    inner.since_snapshot += 1;
                    inner.since_snapshot >= SNAPSHOT_EVERY
                };
                if snapshot_due {
                    self.send_snapshot();
                }
                self.keep();
            }
            ServerMessage::Presence { from, c } => {
                let key = self.inner.borrow().link.key.clone();
                let Some(presence) = open(&c, &key).and_then(|t| serde_json::from_str(&t).ok())
                else {
                    return;
                };
                let mut new = false;
                self.peers
                    .update(|peers| match peers.iter_mut().find(|p| p.conn == from) {
                        Some(peer) => peer.presence = presence,
                        None => {
                            new = true;
                            peers.push(Peer {
                                conn: from,
                                presence,
                            });
                        }
                    });
                // The server says nothing when someone joins: their first presence is how
                // this tab learns of them, and they learn of this one by its answer.
                if new {
                    self.send_presence();
                }
            }
            ServerMessage::Left { from } => self.peers.update(|p| p.retain(|p| p.conn != from)),
            ServerMessage::NeedSnapshot => self.send_snapshot(),
        }
    }

    fn welcome(
        &self,
        role: Role,
        snapshot: Option<model::live_wire::Snapshot>,
        ops: Vec<model::live_wire::SequencedOp>,
    ) {
        self.take_in_local();
        let first = self.inner.borrow().replica.is_none();
        let seeded = {
            let mut inner = self.inner.borrow_mut();
            let key = inner.link.key.clone();
            let me = inner.me.clone();
            let mut seeded = false;
            if let Some(snapshot) = snapshot {
                let state = open(&snapshot.c, &key).and_then(|t| State::from_json(&t).ok());
                let Some(state) = state else {
                    drop(inner);
                    self.status.set(Status::Unreadable);
                    return;
                };
                inner.replica = Some(Replica::from_state(state, me));
                inner.since = snapshot.upto;
            } else if inner.replica.is_none() {
                let Some(seed) = &inner.seed else {
                    drop(inner);
                    self.status.set(Status::Unreadable);
                    return;
                };
                let seed_id = ReplicaId::new(SEED_REPLICA).expect("a valid replica id");
                let state = Replica::from_map(seed, seed_id).state().clone();
                inner.replica = Some(Replica::from_state(state, me));
                seeded = true;
            }
            let since = inner.since;
            let messages: Vec<(u64, Message)> = (ops.iter())
                .filter(|op| op.seq > since)
                .filter_map(|op| Some((op.seq, Message::from_json(&open(&op.c, &key)?).ok()?)))
                .collect();
            let Inner {
                replica, outbox, ..
            } = &mut *inner;
            if let Some(replica) = replica.as_mut() {
                replica.receive_all(messages.iter().map(|(_, m)| m));
                // After a fresh snapshot, this tab's own unacknowledged changes go back in.
                replica.receive_all(outbox.iter());
            }
            inner.since = ops.iter().map(|op| op.seq).fold(since, u64::max);
            inner.welcomed = true;
            inner.role = Some(role);
            inner.attempt = 0;
            seeded
        };
        if let Some(map) = self.current() {
            self.show(map, first);
        }
        self.status.set(Status::Live);
        let editor = role == Role::Edit;
        let snapshot_first = std::mem::take(&mut self.inner.borrow_mut().snapshot_first);
        if editor && (seeded || snapshot_first) {
            self.send_snapshot();
        }
        if editor {
            let waiting: Vec<Message> = self.inner.borrow().outbox.iter().cloned().collect();
            for message in &waiting {
                self.send_op(message);
            }
        }
        self.send_presence();
        self.keep();
    }

    fn send_op(&self, message: &Message) {
        let c = seal(&message.to_json(), &self.inner.borrow().link.key);
        self.send(&ClientMessage::Op { c });
    }

    fn send_snapshot(&self) {
        let frame = {
            let mut inner = self.inner.borrow_mut();
            if !inner.welcomed || inner.role != Some(Role::Edit) {
                return;
            }
            let Some(replica) = &inner.replica else {
                return;
            };
            let c = seal(&replica.state().to_json(), &inner.link.key);
            inner.since_snapshot = 0;
            ClientMessage::Snapshot {
                c,
                upto: inner.since,
            }
        };
        self.send(&frame);
    }

    fn send_presence(&self) {
        let frame = {
            let inner = self.inner.borrow();
            if !inner.welcomed {
                return;
            }
            let presence = Presence {
                name: inner.name.clone(),
                replica: inner.me.as_str().to_owned(),
                at: inner.at.clone(),
            };
            let text = serde_json::to_string(&presence).expect("presence serialises");
            ClientMessage::Presence {
                c: seal(&text, &inner.link.key),
            }
        };
        self.send(&frame);
    }

    /// Says to the others what this person now points at, under which name.
    pub fn point(&self, name: String, at: Option<Pointing>) {
        {
            let mut inner = self.inner.borrow_mut();
            if inner.name == name && inner.at == at {
                return;
            }
            inner.name = name;
            inner.at = at;
        }
        self.send_presence();
    }

    /// Writes what the session holds to local storage, so a reload or a closed tab loses
    /// nothing the server has not taken.
    fn keep(&self) {
        let inner = self.inner.borrow();
        let (Some(replica), Some(_)) = (&inner.replica, &inner.link.edit) else {
            return;
        };
        let record = LiveRecord {
            since: inner.since,
            state: Some(replica.state().to_json()),
            outbox: inner.outbox.iter().map(Message::to_json).collect(),
        };
        // A full local storage is already told by the map's own save.
        storage::set_live_record(&inner.link.share, &record).ok();
    }

    /// One of this person's changes: kept until the server acknowledges it, sent if it can be.
    fn made(&self, step: Step) {
        let message = step.message().clone();
        {
            let mut inner = self.inner.borrow_mut();
            inner.outbox.push_back(message);
            inner.undo.push(step);
            inner.redo.clear();
        }
        self.sent_last();
    }

    /// Sends the newest change of the outbox, if the server is there to take it, and keeps
    /// the session.
    fn sent_last(&self) {
        let (last, welcomed, undoable) = {
            let inner = self.inner.borrow();
            let undoable = (!inner.undo.is_empty(), !inner.redo.is_empty());
            (inner.outbox.back().cloned(), inner.welcomed, undoable)
        };
        self.undoable.set(undoable);
        if let (Some(message), true) = (last, welcomed) {
            self.send_op(&message);
        }
        self.keep();
    }

    /// Whether the session edits `map` (the editor may have another of its maps open).
    pub fn holds(&self, map: &JourneyMap) -> bool {
        let inner = self.inner.borrow();
        inner.link.edit.is_some() && inner.replica.as_ref().is_some_and(|r| r.map().id == map.id)
    }

    /// Applies `op` through the replica (which [`Session::holds`] the map); the map to show
    /// when it changed something.
    pub fn apply(&self, op: Op) -> Result<Option<JourneyMap>, OpError> {
        let step = {
            let mut inner = self.inner.borrow_mut();
            match inner.replica.as_mut() {
                Some(replica) => replica.apply(op, Utc::now())?,
                None => None,
            }
        };
        Ok(step.and_then(|step| {
            self.made(step);
            self.current()
        }))
    }

    /// Writes a change made to the editor's map other than by an op (a cancelled drag, a
    /// relabelling): whatever differs from the replica's map.
    pub fn take_in_local(&self) {
        let Shows::Editor(editor) = self.shows else {
            return;
        };
        // While a newer map waits for the person to finish typing, the editor's map is
        // behind on purpose: writing it would undo what others changed meanwhile.
        if self.inner.borrow().deferred {
            return;
        }
        let map = editor.map.get_untracked();
        if !self.holds(&map) || self.current().as_ref() == Some(&map) {
            return;
        }
        let step = {
            let mut inner = self.inner.borrow_mut();
            inner.replica.as_mut().and_then(|r| r.commit(&map))
        };
        if let Some(step) = step {
            self.made(step);
        }
        if let Some(shown) = self.current()
            && shown != map
        {
            self.show(shown, false);
        }
    }

    /// Undoes this person's latest change that is still theirs; the map to show, if any.
    pub fn undo(&self) -> Option<JourneyMap> {
        self.step_back(false)
    }

    pub fn redo(&self) -> Option<JourneyMap> {
        self.step_back(true)
    }

    fn step_back(&self, redo: bool) -> Option<JourneyMap> {
        loop {
            let undone = {
                let mut inner = self.inner.borrow_mut();
                let step = if redo {
                    inner.redo.pop()
                } else {
                    inner.undo.pop()
                }?;
                inner.replica.as_mut()?.undo_of(&step)
            };
            // A step of which nothing is this person's any more is skipped.
            let Some(undone) = undone else {
                continue;
            };
            {
                let mut inner = self.inner.borrow_mut();
                inner.outbox.push_back(undone.message().clone());
                if redo {
                    inner.undo.push(undone);
                } else {
                    inner.redo.push(undone);
                }
            }
            self.sent_last();
            return self.current();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.undoable.get().0
    }

    pub fn can_redo(&self) -> bool {
        self.undoable.get().1
    }
}
