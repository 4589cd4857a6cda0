//! The live relay's benchmark: the real server (SQLite, in a child process of this one, so its
//! memory is its own) and WebSocket clients on loopback, with the per-connection rate limit
//! off. It measures
//!
//! - the latency from an editor sending an op to each other client in the map receiving it
//!   (p50 and p99), with 2, 10 and 50 clients in one map: one op at a time, the next sent
//!   once every client has the last;
//! - how many messages one process relays a second: 10 editors in one map sending ops as
//!   fast as they can (each stored, numbered, acknowledged and relayed to 9), then presence
//!   (relayed, never stored);
//! - memory per connection: the server's resident memory (`VmRSS`) after `--connections` idle
//!   viewers joined maps of 50 people, less before, divided by their number.
//!
//! `cargo run --release -p server --example live_bench` (`-- --help` for the sizes). The op
//! ciphertext is random bytes of the size of a small encrypted change: the server never opens
//! it, so what it holds does not matter.

use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use model::share::{decode_base64url, encode_base64url};
use serde_json::{Value, json};
use server::{AppState, Connections, LiveSettings, RateLimit, Settings, Store, app};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

#[derive(Parser)]
struct Args {
    /// Run as the server: print the address, serve until killed.
    #[arg(long)]
    serve: bool,
    /// Ops sent for each latency figure.
    #[arg(long, default_value_t = 300)]
    ops: usize,
    /// Ops each of the 10 editors sends for the relay rate.
    #[arg(long, default_value_t = 300)]
    burst: usize,
    /// Presence messages each of the 10 clients sends for the relay rate.
    #[arg(long, default_value_t = 3000)]
    presence: usize,
    /// Idle connections for the memory figure.
    #[arg(long, default_value_t = 2000)]
    connections: usize,
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Bytes of an op's ciphertext: about a small encrypted change message.
const OP_BYTES: usize = 160;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if args.serve {
        serve().await;
    } else {
        drive(args).await;
    }
}

async fn serve() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><html></html>").unwrap();
    let url = format!("sqlite://{}", dir.path().join("data/live.db").display());
    let store = Store::open(&url).await.unwrap();
    store.migrate().await.unwrap();
    let settings = Settings {
        body_limit: 2 * 1024 * 1024,
        rate_limit: RateLimit::OFF,
        create_quota: RateLimit::OFF,
        storage_cap: None,
        trusted_proxies: Vec::new(),
        hsts: false,
        request_timeout: Duration::from_secs(60),
        live: LiveSettings {
            rate: RateLimit::OFF,
            maps_per_process: 100_000,
            log_bound: 100_000,
            log_bytes: None,
            ..LiveSettings::default()
        },
    };
    let router = app(AppState::new(store, dist, settings)).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("{}", listener.local_addr().unwrap());
    let connections = Connections {
        header_timeout: Duration::from_secs(30),
        max: 100_000,
        shutdown_deadline: Duration::from_secs(1),
    };
    server::serve_connections(listener, router, connections, std::future::pending()).await;
}

async fn drive(args: Args) {
    let mut child = tokio::process::Command::new(std::env::current_exe().unwrap())
        .arg("--serve")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = lines
        .next_line()
        .await
        .unwrap()
        .expect("the server's address");
    let server = Server {
        addr,
        pid: child.id().unwrap(),
        http: reqwest::Client::new(),
    };

    println!(
        "edit → appearance latency, one op at a time ({} ops):",
        args.ops
    );
    for people in [2, 10, 50] {
        let (p50, p99) = latency(&server, people, args.ops).await;
        println!("  {people:>2} clients in one map: p50 {p50:.2} ms, p99 {p99:.2} ms");
    }

    let (ops, relayed, seconds) = relay_ops(&server, 10, args.burst).await;
    println!(
        "relay, 10 editors in one map sending {} ops each at once: {:.0} ops stored and \
         acknowledged a second, {:.0} op messages relayed a second ({relayed} in {seconds:.2} s)",
        args.burst,
        ops as f64 / seconds,
        relayed as f64 / seconds,
    );
    let (relayed, seconds) = relay_presence(&server, 10, args.presence).await;
    println!(
        "relay, 10 clients in one map sending {} presence messages each: {:.0} relayed a \
         second ({relayed} in {seconds:.2} s)",
        args.presence,
        relayed as f64 / seconds
    );

    let (before, after) = memory(&server, args.connections).await;
    println!(
        "memory: server RSS {:.1} MiB before, {:.1} MiB with {} idle connections: {:.1} KiB \
         a connection",
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        args.connections,
        (after - before) as f64 / args.connections as f64,
    );
}

struct Server {
    addr: String,
    pid: u32,
    http: reqwest::Client,
}

impl Server {
    /// Shares a map; answers its id and an edit capability.
    async fn map(&self) -> (String, String) {
        let base = format!("http://{}/api/maps", self.addr);
        let created: Value = self
            .http
            .post(&base)
            .json(&json!({"v":1,"ciphertext":encode_base64url(&[7u8; 64])}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        let token = created["edit_token"].as_str().unwrap();
        let link: Value = self
            .http
            .post(format!("{base}/{id}/edit-link"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (id, link["edit_link"].as_str().unwrap().to_owned())
    }

    /// A connection that said hello and read its welcome.
    async fn join(&self, id: &str, edit: Option<&str>) -> Socket {
        let url = format!("ws://{}/api/maps/{id}/live", self.addr);
        let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let hello = match edit {
            Some(capability) => json!({"t":"hello","v":1,"edit":capability}),
            None => json!({"t":"hello","v":1}),
        };
        socket.send(Message::text(hello.to_string())).await.unwrap();
        loop {
            if let Message::Text(text) = socket.next().await.unwrap().unwrap() {
                let welcome: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(welcome["t"], "welcome", "{welcome}");
                return socket;
            }
        }
    }

    /// The server's resident memory, in KiB.
    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

/// An op's ciphertext carrying its number in its first bytes.
fn op(number: u64) -> String {
    let mut bytes = vec![0u8; OP_BYTES];
    getrandom::fill(&mut bytes).unwrap();
    bytes[..8].copy_from_slice(&number.to_le_bytes());
    json!({"t":"op","c":encode_base64url(&bytes)}).to_string()
}

fn number(c: &str) -> u64 {
    let bytes = decode_base64url(c).unwrap();
    u64::from_le_bytes(bytes[..8].try_into().unwrap())
}

/// Reads a socket's messages of type `kind`, calling `each` with each, until `count` came.
async fn read_kind(
    mut socket: impl futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>>
    + Unpin,
    kind: &'static str,
    count: usize,
    mut each: impl FnMut(&Value),
) {
    let mut seen = 0;
    while seen < count {
        let Some(Ok(frame)) = socket.next().await else {
            panic!("a connection broke");
        };
        if let Message::Close(close) = &frame {
            panic!("the server closed a connection: {close:?}");
        }
        if let Message::Text(text) = frame {
            let message: Value = serde_json::from_str(&text).unwrap();
            if message["t"] == kind {
                each(&message);
                seen += 1;
            }
        }
    }
}

async fn latency(server: &Server, people: usize, ops: usize) -> (f64, f64) {
    let (id, capability) = server.map().await;
    let mut editor = server.join(&id, Some(&capability)).await;
    let sent: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let (arrived, mut arrivals) = mpsc::unbounded_channel();
    for _ in 1..people {
        let socket = server.join(&id, None).await;
        let (sent, arrived) = (sent.clone(), arrived.clone());
        tokio::spawn(read_kind(socket, "op", ops, move |message| {
            let n = number(message["c"].as_str().unwrap()) as usize;
            let at = sent.lock().unwrap()[n];
            arrived.send(at.elapsed()).unwrap();
        }));
    }
    let mut samples = Vec::with_capacity(ops * (people - 1));
    for n in 0..ops {
        let frame = op(n as u64);
        sent.lock().unwrap().push(Instant::now());
        editor.send(Message::text(frame)).await.unwrap();
        for _ in 1..people {
            samples.push(arrivals.recv().await.unwrap());
        }
    }
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99))
}

/// Answers ops stored, op messages relayed, and the seconds it took.
async fn relay_ops(server: &Server, people: usize, each: usize) -> (usize, usize, f64) {
    let (id, capability) = server.map().await;
    let mut sockets = Vec::new();
    for _ in 0..people {
        sockets.push(server.join(&id, Some(&capability)).await);
    }
    let (seconds, _) = flood(sockets, each, op, "op").await;
    (people * each, people * each * (people - 1), seconds)
}

/// Answers presence messages relayed and the seconds it took. Presence is not paced by a
/// database write, so it goes in rounds of at most `PRESENCE_ROUND` a sender: a client with
/// more than 4,096 frames unread is closed as too far behind.
async fn relay_presence(server: &Server, people: usize, each: usize) -> (usize, f64) {
    let (id, _) = server.map().await;
    let mut sockets = Vec::new();
    for _ in 0..people {
        sockets.push(server.join(&id, None).await);
    }
    let presence = |_| {
        let mut bytes = vec![0u8; 120];
        getrandom::fill(&mut bytes).unwrap();
        json!({"t":"presence","c":encode_base64url(&bytes)}).to_string()
    };
    let round = each.min(PRESENCE_ROUND);
    let rounds = each.div_ceil(round);
    let start = Instant::now();
    for _ in 0..rounds {
        sockets = flood(sockets, round, presence, "presence").await.1;
    }
    (
        rounds * round * people * (people - 1),
        start.elapsed().as_secs_f64(),
    )
}

const PRESENCE_ROUND: usize = 400;

/// Every socket sends `each` frames made by `frame` as fast as it can and reads the others'
/// messages of type `kind`; answers the seconds until every one arrived everywhere, and the
/// sockets.
async fn flood(
    sockets: Vec<Socket>,
    each: usize,
    frame: fn(u64) -> String,
    kind: &'static str,
) -> (f64, Vec<Socket>) {
    let people = sockets.len();
    let start = Instant::now();
    let mut senders = Vec::new();
    let mut readers = Vec::new();
    for socket in sockets {
        let (mut sink, mut stream) = socket.split();
        senders.push(tokio::spawn(async move {
            for n in 0..each {
                sink.feed(Message::text(frame(n as u64))).await.unwrap();
            }
            sink.flush().await.unwrap();
            sink
        }));
        readers.push(tokio::spawn(async move {
            read_kind(&mut stream, kind, each * (people - 1), |_| {}).await;
            stream
        }));
    }
    let mut sockets = Vec::new();
    for (sender, reader) in senders.into_iter().zip(readers) {
        let sink = sender.await.unwrap();
        let stream = reader.await.unwrap();
        sockets.push(sink.reunite(stream).unwrap());
    }
    (start.elapsed().as_secs_f64(), sockets)
}

/// Answers the server's resident memory (KiB) before and after `count` idle viewers joined
/// maps of 50.
async fn memory(server: &Server, count: usize) -> (u64, u64) {
    let mut maps = Vec::new();
    for _ in 0..count.div_ceil(50) {
        maps.push(server.map().await.0);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = server.rss_kib();
    let mut sockets = Vec::with_capacity(count);
    for n in 0..count {
        sockets.push(server.join(&maps[n / 50], None).await);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = server.rss_kib();
    drop(sockets);
    (before, after)
}
