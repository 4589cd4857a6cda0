//! Crash safety: the built `server` binary takes saves over HTTP on loopback and is killed
//! with SIGKILL in the middle of them. Restarted on the same database, it must give back every
//! save it acknowledged, whole (a save in flight at the kill may or may not have landed, but
//! never half), and the database must pass its own integrity check.

mod common;

use common::{Backend, Place, backends, ciphertext};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const CYCLES: usize = 3;
/// Enough writers at once that the SQLite writer commits several saves together.
const WRITERS: usize = 16;
/// Acknowledged saves per cycle before the kill.
const SAVES_BEFORE_KILL: usize = 60;

/// What a client knows about one shared map.
#[derive(Clone, Debug)]
struct Entry {
    token: String,
    version: u64,
    ciphertext: String,
    /// Sent, not acknowledged: it may or may not have been stored when the server died.
    in_flight: Option<String>,
}

type Ledger = Arc<Mutex<HashMap<String, Entry>>>;

async fn start(place: &Place) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--rate-limit",
            "0",
            "--create-quota",
            "0",
        ])
        .arg("--dist")
        .arg(place.dist())
        .arg("--database-url")
        .arg(&place.database_url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("the server did not start within a minute")
        .unwrap()
        .expect("the server exited before it listened");
    let url = line
        .rsplit(' ')
        .next()
        .filter(|u| u.starts_with("http://"))
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_owned();
    // Keep reading its output so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, url)
}

/// Creates maps and saves new versions of them until the server stops answering.
async fn write_until_dead(base: String, ledger: Ledger, acked: Arc<AtomicUsize>) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    loop {
        let first = ciphertext();
        let Ok(response) = client
            .post(format!("{base}/api/maps"))
            .json(&json!({ "v": 1, "ciphertext": first }))
            .send()
            .await
        else {
            return;
        };
        let Ok(created) = response.json::<Value>().await else {
            return;
        };
        let id = created["id"].as_str().unwrap().to_owned();
        let mut entry = Entry {
            token: created["edit_token"].as_str().unwrap().to_owned(),
            version: 1,
            ciphertext: first,
            in_flight: None,
        };
        ledger.lock().unwrap().insert(id.clone(), entry.clone());
        acked.fetch_add(1, Ordering::SeqCst);
        for _ in 0..10 {
            let next = ciphertext();
            entry.in_flight = Some(next.clone());
            ledger.lock().unwrap().insert(id.clone(), entry.clone());
            let sent = client
                .put(format!("{base}/api/maps/{id}"))
                .bearer_auth(&entry.token)
                .json(&json!({ "v": 1, "ciphertext": next, "base_version": entry.version }))
                .send()
                .await;
            let Ok(response) = sent else { return };
            if response.status() != StatusCode::OK {
                panic!("save refused: {}", response.status());
            }
            let Ok(body) = response.json::<Value>().await else {
                return;
            };
            entry.version = body["version"].as_u64().unwrap();
            entry.ciphertext = next;
            entry.in_flight = None;
            ledger.lock().unwrap().insert(id.clone(), entry.clone());
            acked.fetch_add(1, Ordering::SeqCst);
        }
    }
}

async fn check_integrity(place: &Place) {
    let store = server::Store::open(&place.database_url).await.unwrap();
    assert_eq!(
        store.integrity_check().await.unwrap(),
        "ok",
        "{}",
        place.backend.name()
    );
    store.close().await;
}

/// Every acknowledged save reads back whole; a save that was in flight may have landed.
async fn check_every_save(base: &str, ledger: &Ledger) -> usize {
    let client = reqwest::Client::new();
    let entries: Vec<(String, Entry)> = ledger
        .lock()
        .unwrap()
        .iter()
        .map(|(id, entry)| (id.clone(), entry.clone()))
        .collect();
    let mut now = HashMap::new();
    for (id, entry) in entries {
        let response = client
            .get(format!("{base}/api/maps/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "map {id}");
        let got: Value = response.json().await.unwrap();
        let version = got["version"].as_u64().unwrap();
        let text = got["ciphertext"].as_str().unwrap().to_owned();
        if version == entry.version {
            assert_eq!(text, entry.ciphertext, "map {id} v{version}");
        } else {
            assert_eq!(version, entry.version + 1, "map {id}: {entry:?}");
            assert_eq!(Some(&text), entry.in_flight.as_ref(), "map {id}");
        }
        // From now on, what the server has is what must stay.
        let entry = Entry {
            version,
            ciphertext: text,
            in_flight: None,
            ..entry
        };
        now.insert(id, entry);
    }
    let mut ledger = ledger.lock().unwrap();
    *ledger = now;
    ledger.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_saves_survive_sigkill() {
    for backend in backends() {
        let place = Place::new(&backend).await;
        let ledger: Ledger = Arc::default();
        let mut total_acked = 0;
        for cycle in 1..=CYCLES {
            let (mut child, base) = start(&place).await;
            if cycle > 1 {
                check_every_save(&base, &ledger).await;
            }
            // Only new maps in this cycle, so earlier ones must stay exactly as they were.
            let acked = Arc::new(AtomicUsize::new(0));
            let writers: Vec<_> = (0..WRITERS)
                .map(|_| {
                    tokio::spawn(write_until_dead(
                        base.clone(),
                        ledger.clone(),
                        acked.clone(),
                    ))
                })
                .collect();
            let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
            while acked.load(Ordering::SeqCst) < SAVES_BEFORE_KILL {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "too slow: {} saves in two minutes",
                    acked.load(Ordering::SeqCst)
                );
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            child.start_kill().unwrap(); // SIGKILL, mid-stream
            let status = child.wait().await.unwrap();
            assert!(!status.success(), "{status:?}");
            for writer in writers {
                writer.await.unwrap();
            }
            total_acked += acked.load(Ordering::SeqCst);
            // The database as the killed server left it, before anything else touches it.
            if matches!(backend, Backend::Sqlite) {
                check_integrity(&place).await;
            }
        }
        // A last start: everything acknowledged in every cycle is there; then a clean stop.
        let (mut child, base) = start(&place).await;
        let maps = check_every_save(&base, &ledger).await;
        assert!(maps >= CYCLES, "{maps} maps");
        let pid = child.id().unwrap().to_string();
        assert!(
            std::process::Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
            .await
            .expect("the server did not stop on SIGTERM")
            .unwrap();
        assert!(status.success(), "{status:?}");
        check_integrity(&place).await;
        eprintln!(
            "{}: {total_acked} acknowledged saves over {CYCLES} kills, {maps} maps, all intact",
            backend.name()
        );
    }
}
