//! The live relay (`GET /api/maps/{id}/live`) through a real server on loopback, with a
//! WebSocket client as the browser would use it: ops and snapshots sealed with AES-256-GCM
//! under a map key the server never sees.

mod common;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use axum::http::{Method, StatusCode};
use common::{Backend, Place, Reply, TestApp, backends, serve_on_loopback, settings};
use futures_util::{SinkExt, StreamExt};
use model::sealed::ShareKey;
use model::share::{decode_base64url, encode_base64url};
use serde_json::{Value, json};
use server::{AppState, RateLimit, Settings, app};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for a frame that should come.
const PATIENCE: Duration = Duration::from_secs(10);

/// A map key, as the browser keeps it in the link's fragment.
struct MapKey([u8; 32]);

impl MapKey {
    fn new() -> MapKey {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).unwrap();
        MapKey(key)
    }

    /// Seals text as the browser seals a change message or a snapshot: deflated, then
    /// AES-256-GCM under a fresh IV, base64url of IV ‖ ciphertext ‖ tag.
    fn seal(&self, text: &str) -> String {
        let mut iv = [0u8; 12];
        getrandom::fill(&mut iv).unwrap();
        encode_base64url(&model::sealed::seal_json(
            text,
            &ShareKey::from_bytes(self.0),
            iv,
        ))
    }

    /// Decrypts and inflates what `seal` made.
    fn open(&self, sealed: &[u8]) -> String {
        let cipher = Aes256Gcm::new_from_slice(&self.0).unwrap();
        let packed = cipher
            .decrypt(Nonce::from_slice(&sealed[..12]), &sealed[12..])
            .unwrap();
        String::from_utf8(miniz_oxide::inflate::decompress_to_vec(&packed).unwrap()).unwrap()
    }
}

/// A change message as the app would write it, naming `what`.
fn change(what: &str) -> String {
    json!({"v":1,"replica":"r1","changes":[{"set":{"record":"card1","field":"title","value":what}}]})
        .to_string()
}

/// A server on loopback with a shared map: its address, the app, the map's id and owner token.
struct Served {
    addr: SocketAddr,
    test: TestApp,
    id: String,
    token: String,
}

impl Served {
    async fn new(backend: &Backend, settings: Settings) -> Served {
        let test = TestApp::with(backend, settings).await;
        let addr = serve_on_loopback(test.router.clone()).await;
        let (id, token) = test.create(&common::ciphertext()).await;
        Served {
            addr,
            test,
            id,
            token,
        }
    }

    async fn edit_link(&self) -> String {
        let reply = edit_link(&self.test, Method::POST, &self.id, Some(&self.token)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        let link = reply.json["edit_link"].as_str().unwrap().to_owned();
        assert_eq!(link.len(), 43);
        link
    }

    async fn editor(&self, capability: &str) -> (Client, Value) {
        Client::join(
            self.addr,
            &self.id,
            json!({"t":"hello","v":1,"edit":capability}),
        )
        .await
    }

    async fn viewer(&self) -> (Client, Value) {
        Client::join(self.addr, &self.id, json!({"t":"hello","v":1})).await
    }
}

async fn edit_link(test: &TestApp, method: Method, id: &str, token: Option<&str>) -> Reply {
    test.send(method, &format!("/api/maps/{id}/edit-link"), token, None)
        .await
}

/// One live connection, as the browser holds it.
struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    async fn open(addr: SocketAddr, id: &str) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/maps/{id}/live"))
            .await
            .unwrap();
        Client { ws }
    }

    /// Opens, says `hello`, and answers the welcome.
    async fn join(addr: SocketAddr, id: &str, hello: Value) -> (Client, Value) {
        let mut client = Client::open(addr, id).await;
        client.send(hello).await;
        let welcome = client.recv().await;
        assert_eq!(welcome["t"], "welcome", "{welcome}");
        (client, welcome)
    }

    async fn send(&mut self, message: Value) {
        self.send_text(&message.to_string()).await;
    }

    async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.unwrap();
    }

    /// The next message; fails on a close or after a while.
    async fn recv(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(PATIENCE, self.ws.next())
                .await
                .expect("a frame within the time")
                .expect("the connection is open")
                .unwrap();
            match frame {
                Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                Message::Ping(_) | Message::Pong(_) => {}
                other => panic!("expected a message, got {other:?}"),
            }
        }
    }

    /// The next message other than presence and arrivals' departures.
    async fn recv_kind(&mut self, kind: &str) -> Value {
        loop {
            let message = self.recv().await;
            if message["t"] == kind {
                return message;
            }
        }
    }

    /// Reads until the server closes: its close code and reason.
    async fn closed(&mut self) -> (u16, String) {
        loop {
            let frame = tokio::time::timeout(PATIENCE, self.ws.next())
                .await
                .expect("a close within the time");
            match frame {
                Some(Ok(Message::Close(Some(frame)))) => {
                    return (u16::from(frame.code), frame.reason.to_string());
                }
                Some(Ok(Message::Close(None))) | None => return (1005, String::new()),
                Some(Ok(_)) => {}
                Some(Err(e)) => panic!("the connection broke without a close frame: {e}"),
            }
        }
    }

    /// Nothing arrives for a moment (pings aside).
    async fn quiet(&mut self) {
        let heard = tokio::time::timeout(Duration::from_millis(300), self.recv()).await;
        assert!(heard.is_err(), "unexpected {:?}", heard.unwrap());
    }
}

/// Op `c` from `editor`, acknowledged to it and relayed to `others`: answers its number.
async fn op_through(editor: &mut Client, c: &str, others: &mut [&mut Client]) -> u64 {
    editor.send(json!({"t":"op","c":c})).await;
    let ack = editor.recv_kind("ack").await;
    let seq = ack["seq"].as_u64().unwrap();
    for other in others.iter_mut() {
        let op = other.recv_kind("op").await;
        assert_eq!(op, json!({"t":"op","seq":seq,"c":c}));
    }
    seq
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn live_settings(change: impl FnOnce(&mut server::LiveSettings)) -> Settings {
    let mut settings = settings();
    change(&mut settings.live);
    settings
}

#[tokio::test]
async fn the_relay_stores_exactly_the_ciphertext_sent_and_never_the_plaintext_or_presence() {
    let marker = "LIVE-PLAINTEXT-MARKER-51c9";
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, welcome) = served.editor(&capability).await;
        assert_eq!(welcome["role"], "edit");
        assert_eq!(welcome["snapshot"], Value::Null);
        assert_eq!(welcome["ops"], json!([]));
        assert_eq!(welcome["peers"], json!([]));
        let editor_id = welcome["you"].as_str().unwrap().to_owned();
        assert_eq!(editor_id.len(), 22);
        let (mut viewer, welcome) = served.viewer().await;
        assert_eq!(welcome["role"], "view");
        assert_eq!(welcome["peers"], json!([editor_id]));

        let op = key.seal(&change(&format!("{marker} op")));
        assert_eq!(op_through(&mut editor, &op, &mut [&mut viewer]).await, 1);
        let snapshot = key.seal(&format!("{{\"state\":\"{marker} snapshot\"}}"));
        editor
            .send(json!({"t":"snapshot","c":snapshot,"upto":1}))
            .await;
        let presence = key.seal(&format!("{{\"name\":\"{marker} presence\"}}"));
        editor.send(json!({"t":"presence","c":presence})).await;
        assert_eq!(
            viewer.recv_kind("presence").await,
            json!({"t":"presence","from":editor_id,"c":presence})
        );
        // A session reads its frames in order: the snapshot was stored before the presence
        // after it was relayed.
        let stored_ops = served
            .test
            .store
            .ops_between(&served.id, 0, 10)
            .await
            .unwrap();
        assert_eq!(stored_ops.len(), 1);
        assert_eq!(stored_ops[0].0, 1);
        assert_eq!(encode_base64url(&stored_ops[0].1), op);
        let (upto, stored_snapshot) = served
            .test
            .store
            .snapshot(&served.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(upto, 1);
        assert_eq!(encode_base64url(&stored_snapshot), snapshot);

        for bytes in [&stored_ops[0].1, &stored_snapshot] {
            assert!(!contains(bytes, marker.as_bytes()));
            // Encrypted, not merely deflated: after the IV the bytes do not unpack.
            let unpacked = miniz_oxide::inflate::decompress_to_vec(&bytes[12..]);
            assert!(
                unpacked.is_err() || !contains(&unpacked.unwrap_or_default(), marker.as_bytes()),
                "the stored bytes inflate to the plaintext"
            );
            // And the key the server never saw opens them to the marker.
            assert!(key.open(bytes).contains(marker));
        }
        if let Some(file) = served.test.place.sqlite_file() {
            let presence_bytes = decode_base64url(&presence).unwrap();
            for name in ["", "-wal", "-shm"] {
                let path = format!("{}{name}", file.display());
                if let Ok(raw) = std::fs::read(&path) {
                    assert!(!contains(&raw, marker.as_bytes()), "{path}");
                    assert!(!contains(&raw, &presence_bytes), "presence in {path}");
                    assert!(!contains(&raw, capability.as_bytes()), "{path}");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_viewer_may_send_presence_but_an_op_or_a_snapshot_closes_it_with_4403() {
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        for attempt in [
            json!({"t":"op","c":key.seal(&change("a"))}),
            json!({"t":"snapshot","c":key.seal("{}"),"upto":0}),
        ] {
            let (mut viewer, welcome) = served.viewer().await;
            let viewer_id = welcome["you"].clone();
            let presence = key.seal("{\"name\":\"Ana\"}");
            viewer.send(json!({"t":"presence","c":presence})).await;
            let relayed = editor.recv_kind("presence").await;
            assert_eq!(
                relayed,
                json!({"t":"presence","from":viewer_id,"c":presence})
            );
            viewer.send(attempt).await;
            assert_eq!(viewer.closed().await, (4403, "view-only link".to_owned()));
            assert_eq!(
                editor.recv_kind("left").await,
                json!({"t":"left","from":viewer_id})
            );
        }
        assert!(
            served
                .test
                .store
                .ops_between(&served.id, 0, 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            served
                .test
                .store
                .snapshot(&served.id)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_bad_frame_closes_only_its_own_connection_with_4400() {
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let (mut viewer, _) = served.viewer().await;
        let short = encode_base64url(&[1u8; 27]);
        let padded = format!("{}=", key.seal("x"));
        let hello = json!({"t":"hello","v":1,"edit":capability}).to_string();
        let op = |c: &str| json!({"t":"op","c":c}).to_string();
        let cases: Vec<(Vec<String>, &str)> = vec![
            (vec!["not json".into()], "bad frame: not a message"),
            (
                vec![hello.clone(), r#"{"t":"shout"}"#.into()],
                "bad frame: not a message",
            ),
            (
                vec![hello.clone(), op("!!not base64!!")],
                "bad frame: c is not ciphertext",
            ),
            (
                vec![hello.clone(), op(&short)],
                "bad frame: c is not ciphertext",
            ),
            (
                vec![hello.clone(), op(&padded)],
                "bad frame: c is not ciphertext",
            ),
            (vec![hello.clone(), hello.clone()], "bad frame: hello twice"),
            (vec![op(&key.seal("x"))], "bad frame: hello must come first"),
            (
                vec![r#"{"t":"hello","v":2}"#.into()],
                "bad frame: unsupported protocol version",
            ),
            (
                vec![
                    hello.clone(),
                    json!({"t":"snapshot","c":key.seal("{}"),"upto":99}).to_string(),
                ],
                "bad frame: snapshot past the log",
            ),
        ];
        for (frames, reason) in cases {
            let mut bad = Client::open(served.addr, &served.id).await;
            for frame in &frames {
                bad.send_text(frame).await;
            }
            assert_eq!(bad.closed().await, (4400, reason.to_owned()), "{frames:?}");
        }
        let mut binary = Client::open(served.addr, &served.id).await;
        binary.send_text(&hello).await;
        binary.recv_kind("welcome").await;
        binary
            .ws
            .send(Message::binary(vec![1, 2, 3]))
            .await
            .unwrap();
        assert_eq!(binary.closed().await.0, 4400);

        // The others never noticed.
        let c = key.seal(&change("after the bad frames"));
        let seq = op_through(&mut editor, &c, &mut [&mut viewer]).await;
        assert_eq!(seq, 1);
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn replacing_the_edit_link_closes_its_editors_with_4403_and_refuses_it_with_4401() {
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let key = MapKey::new();
        let first = served.edit_link().await;
        let (mut old_editor, _) = served.editor(&first).await;
        let (mut viewer, _) = served.viewer().await;
        let second = served.edit_link().await;
        assert_ne!(first, second);
        assert_eq!(
            old_editor.closed().await,
            (4403, "edit link replaced".to_owned())
        );
        // The old link is refused; the new one edits; viewers stay.
        let mut refused = Client::open(served.addr, &served.id).await;
        refused.send(json!({"t":"hello","v":1,"edit":first})).await;
        assert_eq!(
            refused.closed().await,
            (4401, "edit link not valid".to_owned())
        );
        let mut made_up = Client::open(served.addr, &served.id).await;
        made_up
            .send(json!({"t":"hello","v":1,"edit":"short"}))
            .await;
        assert_eq!(made_up.closed().await.0, 4401);
        let (mut editor, welcome) = served.editor(&second).await;
        assert_eq!(welcome["role"], "edit");
        op_through(&mut editor, &key.seal(&change("b")), &mut [&mut viewer]).await;
    }
}

#[tokio::test]
async fn removing_the_edit_link_closes_its_editors_and_only_the_owner_may_change_it() {
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let (test, id, token) = (&served.test, served.id.as_str(), served.token.as_str());
        // Not without the owner's token, nor with another.
        edit_link(test, Method::POST, id, None)
            .await
            .assert_error(StatusCode::FORBIDDEN);
        let (_, other_token) = test.create(&common::ciphertext()).await;
        edit_link(test, Method::POST, id, Some(&other_token))
            .await
            .assert_error(StatusCode::FORBIDDEN);
        edit_link(test, Method::DELETE, id, Some(&other_token))
            .await
            .assert_error(StatusCode::FORBIDDEN);
        let unknown = model::share::ShareId::from_bytes([7; 16]).to_string();
        edit_link(test, Method::POST, &unknown, Some(token))
            .await
            .assert_error(StatusCode::NOT_FOUND);

        let capability = served.edit_link().await;
        let (mut editor, welcome) = served.editor(&capability).await;
        let editor_id = welcome["you"].clone();
        let (mut viewer, _) = served.viewer().await;
        let reply = edit_link(test, Method::DELETE, id, Some(token)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
        assert_eq!(
            editor.closed().await,
            (4403, "edit link removed".to_owned())
        );
        assert_eq!(viewer.recv().await, json!({"t":"left","from":editor_id}));
        let mut refused = Client::open(served.addr, id).await;
        refused
            .send(json!({"t":"hello","v":1,"edit":capability}))
            .await;
        assert_eq!(refused.closed().await.0, 4401);
        viewer
            .send(json!({"t":"presence","c":MapKey::new().seal("{}")}))
            .await;
        viewer.quiet().await;

        // A stopped share has no edit link to make.
        assert_eq!(
            test.delete(id, Some(token)).await.status,
            StatusCode::NO_CONTENT
        );
        edit_link(test, Method::POST, id, Some(token))
            .await
            .assert_error(StatusCode::GONE);
    }
}

#[tokio::test]
async fn stopping_sharing_closes_every_connection_with_4410() {
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let (mut viewer, _) = served.viewer().await;
        op_through(&mut editor, &key.seal(&change("c")), &mut [&mut viewer]).await;
        let reply = served.test.delete(&served.id, Some(&served.token)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
        for client in [&mut editor, &mut viewer] {
            assert_eq!(client.closed().await, (4410, "no longer shared".to_owned()));
        }
        let mut late = Client::open(served.addr, &served.id).await;
        late.send(json!({"t":"hello","v":1})).await;
        assert_eq!(late.closed().await.0, 4410);
        // Its log went with it.
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 0);

        let unknown = model::share::ShareId::from_bytes([9; 16]).to_string();
        for id in [unknown.as_str(), "not-an-id"] {
            let mut lost = Client::open(served.addr, id).await;
            lost.send(json!({"t":"hello","v":1})).await;
            assert_eq!(lost.closed().await, (4404, "unknown map".to_owned()));
        }
        // A plain GET is told to upgrade.
        served
            .test
            .send(
                Method::GET,
                &format!("/api/maps/{}/live", served.id),
                None,
                None,
            )
            .await
            .assert_error(StatusCode::UPGRADE_REQUIRED);
    }
}

#[tokio::test]
async fn a_frame_over_the_limit_closes_with_4413_and_a_snapshot_may_reach_the_body_limit() {
    for backend in backends() {
        let settings = live_settings(|live| live.frame_limit = 2048);
        let body_limit = settings.body_limit;
        let served = Served::new(&backend, settings).await;
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let (mut viewer, _) = served.viewer().await;
        let large = encode_base64url(&vec![5u8; 3000]);
        // A snapshot that large is fine.
        editor
            .send(json!({"t":"snapshot","c":large,"upto":0}))
            .await;
        editor
            .send(json!({"t":"presence","c":MapKey::new().seal("{}")}))
            .await;
        viewer.recv_kind("presence").await;
        // An op that large is not.
        editor.send(json!({"t":"op","c":large})).await;
        assert_eq!(editor.closed().await, (4413, "frame too large".to_owned()));
        // Nor a snapshot past the body limit, which the socket itself refuses.
        let (mut editor, _) = served.editor(&capability).await;
        let huge = encode_base64url(&vec![5u8; body_limit]);
        editor.send(json!({"t":"snapshot","c":huge,"upto":0})).await;
        assert_eq!(editor.closed().await.0, 4413);
        // Presence has the frame limit too.
        let (mut chatty, _) = served.viewer().await;
        chatty
            .send(json!({"t":"presence","c":encode_base64url(&vec![1u8; 1800])}))
            .await;
        assert_eq!(chatty.closed().await.0, 4413);
        viewer
            .send(json!({"t":"presence","c":MapKey::new().seal("{}")}))
            .await;
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn a_connection_sending_faster_than_its_rate_is_closed_with_4429_and_others_go_on() {
    for backend in backends() {
        let settings = live_settings(|live| live.rate = RateLimit::per_second(2, 5));
        let served = Served::new(&backend, settings).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let (mut flood, _) = served.viewer().await;
        // `hello` took one of the five.
        for _ in 0..4 {
            flood.send(json!({"t":"presence","c":key.seal("{}")})).await;
        }
        for _ in 0..4 {
            editor.recv_kind("presence").await;
        }
        flood.send(json!({"t":"presence","c":key.seal("{}")})).await;
        assert_eq!(flood.closed().await, (4429, "too many messages".to_owned()));
        op_through(&mut editor, &key.seal(&change("d")), &mut []).await;
    }
}

#[tokio::test]
async fn a_map_full_of_people_refuses_one_more_with_4503() {
    for backend in backends() {
        let settings = live_settings(|live| live.people_per_map = 2);
        let served = Served::new(&backend, settings).await;
        let (_first, _) = served.viewer().await;
        let (second, _) = served.viewer().await;
        let mut third = Client::open(served.addr, &served.id).await;
        third.send(json!({"t":"hello","v":1})).await;
        assert_eq!(third.closed().await, (4503, "map full".to_owned()));
        // A place freed is a place taken.
        drop(second);
        let mut fourth = None;
        for _ in 0..50 {
            let mut client = Client::open(served.addr, &served.id).await;
            client.send(json!({"t":"hello","v":1})).await;
            let frame = tokio::time::timeout(PATIENCE, client.ws.next())
                .await
                .unwrap();
            if let Some(Ok(Message::Text(_))) = frame {
                fourth = Some(client);
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(fourth.is_some(), "the freed place was never given again");
    }
}

#[tokio::test]
async fn a_server_with_as_many_live_maps_as_allowed_refuses_another_with_4503() {
    for backend in backends() {
        let settings = live_settings(|live| live.maps_per_process = 1);
        let served = Served::new(&backend, settings).await;
        let (other, _) = served.test.create(&common::ciphertext()).await;
        let (first, _) = served.viewer().await;
        let (_same_map, _) = served.viewer().await;
        let mut refused = Client::open(served.addr, &other).await;
        refused.send(json!({"t":"hello","v":1})).await;
        assert_eq!(refused.closed().await, (4503, "server full".to_owned()));
        drop(first);
        drop(_same_map);
        let mut joined = false;
        for _ in 0..50 {
            let mut client = Client::open(served.addr, &other).await;
            client.send(json!({"t":"hello","v":1})).await;
            let frame = tokio::time::timeout(PATIENCE, client.ws.next())
                .await
                .unwrap();
            if let Some(Ok(Message::Text(_))) = frame {
                joined = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(joined, "the map that closed still counted");
    }
}

#[tokio::test]
async fn a_late_joiner_gets_the_newest_snapshot_and_the_ops_after_it() {
    for backend in backends() {
        let served = Served::new(&backend, settings()).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let mut ops = Vec::new();
        for n in 1..=5 {
            let c = key.seal(&change(&format!("op {n}")));
            assert_eq!(op_through(&mut editor, &c, &mut []).await, n);
            ops.push(c);
            if n == 3 {
                let snapshot = key.seal("{\"upto\":3}");
                editor
                    .send(json!({"t":"snapshot","c":snapshot,"upto":3}))
                    .await;
                // An older snapshot than the one kept changes nothing.
                editor
                    .send(json!({"t":"snapshot","c":key.seal("{}"),"upto":2}))
                    .await;
            }
        }
        let (mut late, welcome) = served.viewer().await;
        assert_eq!(welcome["snapshot"]["upto"], 3);
        assert_eq!(
            key.open(&decode_base64url(welcome["snapshot"]["c"].as_str().unwrap()).unwrap()),
            "{\"upto\":3}"
        );
        assert_eq!(
            welcome["ops"],
            json!([{"seq":4,"c":ops[3]},{"seq":5,"c":ops[4]}])
        );
        // And then what follows, in order.
        let c = key.seal(&change("op 6"));
        assert_eq!(op_through(&mut editor, &c, &mut [&mut late]).await, 6);
    }
}

#[tokio::test]
async fn since_resumes_with_the_ops_after_it_or_the_snapshot_when_the_log_dropped_them() {
    for backend in backends() {
        let settings = live_settings(|live| live.log_bound = 2);
        let served = Served::new(&backend, settings).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let ops: Vec<String> = (1..=4)
            .map(|n| key.seal(&change(&format!("op {n}"))))
            .collect();
        for c in &ops {
            op_through(&mut editor, c, &mut []).await;
        }
        let hello = |since: u64| json!({"t":"hello","v":1,"since":since});
        let (_, welcome) = Client::join(served.addr, &served.id, hello(2)).await;
        assert_eq!(welcome["snapshot"], Value::Null);
        assert_eq!(
            welcome["ops"],
            json!([{"seq":3,"c":ops[2]},{"seq":4,"c":ops[3]}])
        );
        let (_, welcome) = Client::join(served.addr, &served.id, hello(4)).await;
        assert_eq!(welcome["ops"], json!([]));
        assert_eq!(welcome["snapshot"], Value::Null);

        // A snapshot up to 3 lets the log drop op 1 (two are always kept: 3 and 4).
        let snapshot = key.seal("{\"upto\":3}");
        editor
            .send(json!({"t":"snapshot","c":snapshot,"upto":3}))
            .await;
        let c = key.seal(&change("op 5"));
        op_through(&mut editor, &c, &mut []).await;
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 2);
        let (_, welcome) = Client::join(served.addr, &served.id, hello(1)).await;
        assert_eq!(welcome["snapshot"], json!({"c":snapshot,"upto":3}));
        assert_eq!(
            welcome["ops"],
            json!([{"seq":4,"c":ops[3]},{"seq":5,"c":c}])
        );
        // A `since` past the log is answered like no `since`.
        let (_, welcome) = Client::join(served.addr, &served.id, hello(99)).await;
        assert_eq!(welcome["snapshot"]["upto"], 3);
    }
}

#[tokio::test]
async fn the_log_stays_bounded_and_editors_are_asked_for_a_snapshot_before_it_is_full() {
    for backend in backends() {
        let settings = live_settings(|live| live.log_bound = 2);
        let served = Served::new(&backend, settings).await;
        let key = MapKey::new();
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        let (mut viewer, _) = served.viewer().await;
        // Asked once 6 ops (3 × 2) wait for a snapshot, again at 7; refused past 8 (4 × 2).
        for n in 1..=8u64 {
            editor
                .send(json!({"t":"op","c":key.seal(&change("e"))}))
                .await;
            assert_eq!(editor.recv_kind("ack").await["seq"], n);
            if n == 6 || n == 7 {
                assert_eq!(editor.recv().await, json!({"t":"need_snapshot"}));
            }
            viewer.recv_kind("op").await;
        }
        viewer.quiet().await;
        editor
            .send(json!({"t":"op","c":key.seal(&change("e"))}))
            .await;
        assert_eq!(
            editor.closed().await,
            (4503, "log full; send a snapshot".to_owned())
        );
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 8);
        // A snapshot frees it; the log keeps only the newest two.
        let (mut editor, _) = served.editor(&capability).await;
        editor
            .send(json!({"t":"snapshot","c":key.seal("{}"),"upto":8}))
            .await;
        op_through(&mut editor, &key.seal(&change("f")), &mut [&mut viewer]).await;
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 2);
    }
}

#[tokio::test]
async fn a_log_holding_its_bytes_refuses_another_op_with_4503_until_a_snapshot_frees_it() {
    for backend in backends() {
        let key = MapKey::new();
        let sealed = key.seal(&change("e"));
        // Ciphertext bytes of one op: base64url without padding, four characters for three.
        let size = (sealed.len() * 3 / 4) as u64;
        let settings = live_settings(|live| {
            live.log_bound = 2;
            live.log_bytes = Some(3 * size);
        });
        let served = Served::new(&backend, settings).await;
        let capability = served.edit_link().await;
        let (mut editor, _) = served.editor(&capability).await;
        for n in 1..=3u64 {
            editor.send(json!({"t":"op","c":sealed})).await;
            assert_eq!(editor.recv_kind("ack").await["seq"], n);
        }
        editor.send(json!({"t":"op","c":sealed})).await;
        assert_eq!(
            editor.closed().await,
            (4503, "log full; send a snapshot".to_owned())
        );
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 3);
        // A snapshot of all three lets the oldest go (the newest two are kept), so one more
        // op fits again; storing it lets the next oldest go.
        let (mut editor, _) = served.editor(&capability).await;
        editor
            .send(json!({"t":"snapshot","c":key.seal("{}"),"upto":3}))
            .await;
        editor.send(json!({"t":"op","c":sealed})).await;
        assert_eq!(editor.recv_kind("ack").await["seq"], 4);
        assert_eq!(served.test.store.op_count(&served.id).await.unwrap(), 2);
    }
}

/// Two server processes share one PostgreSQL database: what an editor sends to one reaches
/// the people connected to the other, with one sequence of numbers. PostgreSQL only: with
/// SQLite there is one process, so without `TRASEU_TEST_POSTGRES_URL` this test says so and
/// checks nothing.
#[tokio::test]
async fn postgres_only_two_server_processes_relay_ops_presence_and_closes_to_each_other() {
    let Some(backend) = backends()
        .into_iter()
        .find(|b| matches!(b, Backend::Postgres(_)))
    else {
        eprintln!("PostgreSQL only: skipped, TRASEU_TEST_POSTGRES_URL is not set");
        return;
    };
    let place = Place::new(&backend).await;
    let mut addrs = Vec::new();
    let mut apps = Vec::new();
    for _ in 0..2 {
        let state = AppState::new(place.store().await, place.dist(), settings());
        state.live.ready().await;
        let router = app(state).unwrap();
        addrs.push(serve_on_loopback(router.clone()).await);
        apps.push(router);
    }
    let test = TestApp {
        router: apps[0].clone(),
        store: place.store().await,
        place,
    };
    let (id, token) = test.create(&common::ciphertext()).await;
    let reply = edit_link(&test, Method::POST, &id, Some(&token)).await;
    let capability = reply.json["edit_link"].as_str().unwrap().to_owned();
    let key = MapKey::new();
    let editor_hello = json!({"t":"hello","v":1,"edit":capability});
    let (mut one, welcome) = Client::join(addrs[0], &id, editor_hello.clone()).await;
    let one_id = welcome["you"].clone();
    let (mut two, welcome) = Client::join(addrs[1], &id, editor_hello).await;
    assert_eq!(
        welcome["peers"],
        json!([one_id]),
        "the other process said who is there"
    );
    let (mut watcher, _) = Client::join(addrs[1], &id, json!({"t":"hello","v":1})).await;

    // Small ops travel inline, large ones (over 7,000 characters) by reference.
    let small = key.seal(&change("small"));
    let mut noise = vec![0u8; 20_000];
    getrandom::fill(&mut noise).unwrap();
    let large = key.seal(&change(&encode_base64url(&noise)));
    assert!(large.len() > 7000);
    let mut seqs = Vec::new();
    for c in [&small, &large] {
        seqs.push(op_through(&mut one, c, &mut [&mut two, &mut watcher]).await);
    }
    let back = key.seal(&change("from two"));
    seqs.push(op_through(&mut two, &back, &mut [&mut one]).await);
    assert_eq!(watcher.recv_kind("op").await["seq"], 3);
    assert_eq!(seqs, [1, 2, 3]);

    // Both at once: still one sequence, each op seen once everywhere, in order.
    for n in 0..10 {
        one.send(json!({"t":"op","c":key.seal(&change(&format!("one {n}")))}))
            .await;
        two.send(json!({"t":"op","c":key.seal(&change(&format!("two {n}")))}))
            .await;
    }
    let mut seen = Vec::new();
    while seen.len() < 20 {
        let message = watcher.recv_kind("op").await;
        seen.push(message["seq"].as_u64().unwrap());
    }
    assert_eq!(seen, (4..=23).collect::<Vec<u64>>());

    let presence = key.seal("{\"name\":\"Ion\"}");
    one.send(json!({"t":"presence","c":presence})).await;
    assert_eq!(
        watcher.recv_kind("presence").await,
        json!({"t":"presence","from":one_id,"c":presence})
    );

    // Replacing the link on process one's API closes the editor on process two.
    let reply = edit_link(&test, Method::POST, &id, Some(&token)).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(two.closed().await.0, 4403);
    assert_eq!(one.closed().await.0, 4403);
    assert_eq!(
        test.delete(&id, Some(&token)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        watcher.closed().await,
        (4410, "no longer shared".to_owned())
    );
}
