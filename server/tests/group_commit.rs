//! Group commit on SQLite: writes sent together are committed together, each still answers
//! its own outcome, and one that fails takes no other down with it.
//!
//! To be sure writes meet in one batch, some tests hold SQLite's write lock from a connection
//! of their own while they send them: the writer's first commit waits for the lock, and every
//! write sent meanwhile queues for the next one. The write-ahead log then tells how many
//! commits there were.

mod common;

use axum::http::StatusCode;
use common::{Backend, Place, TestApp, backends, ciphertext};
use server::Store;
use sqlx::{Connection, SqliteConnection};
use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

/// How long the tests hold the write lock while their writes queue up.
const HOLD: Duration = Duration::from_millis(300);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_concurrent_saves_all_land_and_each_gets_its_own_answer() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let saves: Vec<_> = (0..40)
            .map(|_| {
                let router = test.router.clone();
                let text = ciphertext();
                tokio::spawn(async move {
                    let request = axum::http::Request::post("/api/maps")
                        .header("content-type", "application/json")
                        .body(axum::body::Body::from(
                            serde_json::json!({ "v": 1, "ciphertext": text }).to_string(),
                        ))
                        .unwrap();
                    let response = tower::ServiceExt::oneshot(router, request).await.unwrap();
                    (common::Reply::read(response).await, text)
                })
            })
            .collect();
        let mut ids = HashSet::new();
        for save in saves {
            let (reply, text) = save.await.unwrap();
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
            let id = reply.json["id"].as_str().unwrap().to_owned();
            let stored = test.get(&id).await;
            assert_eq!(
                stored.json["ciphertext"],
                text.as_str(),
                "{}",
                backend.name()
            );
            assert_eq!(stored.json["version"], 1);
            ids.insert(id);
        }
        assert_eq!(ids.len(), 40, "{}", backend.name());
        assert_eq!(test.store.count().await.unwrap(), 40);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_saves_sent_while_the_writer_waits_take_at_most_two_commits() {
    let place = Place::new(&Backend::Sqlite).await;
    let store = place.store().await;
    let file = place.sqlite_file().unwrap();
    let mut holder = hold_write_lock(&file).await;
    let saves: Vec<_> = (0..20)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move { create(&store, &format!("map-{n}"), 100).await })
        })
        .collect();
    tokio::time::sleep(HOLD).await;
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut holder)
        .await
        .unwrap();
    for save in saves {
        assert!(save.await.unwrap().unwrap());
    }
    assert_eq!(store.count().await.unwrap(), 20);
    let commits = wal_commits(&file);
    assert!((1..=2).contains(&commits), "{commits} commits for 20 saves");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn saves_reach_the_database_file_through_checkpoints_the_writer_does_not_run() {
    let place = Place::new(&Backend::Sqlite).await;
    let store = place.store().await;
    let file = place.sqlite_file().unwrap();
    let size = || std::fs::metadata(&file).unwrap().len();
    let before = size();
    // 2 MB: half of what would make the writer checkpoint by itself were it allowed to.
    for n in 0..64 {
        assert!(
            create(&store, &format!("map-{n}"), 32 * 1024)
                .await
                .unwrap()
        );
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while size() < before + 2 * 1024 * 1024 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        size() >= before + 2 * 1024 * 1024,
        "the database file grew from {before} to {} bytes only",
        size()
    );
}

#[tokio::test]
async fn the_total_saves_check_the_cap_against_follows_every_create_update_removal_and_purge() {
    let place = Place::new(&Backend::Sqlite).await;
    let store = place.store().await;
    let file = place.sqlite_file().unwrap();
    let mut totals = Vec::new();
    assert!(create(&store, "a", 100).await.unwrap());
    assert!(create(&store, "b", 200).await.unwrap());
    totals.push((kept_total(&file).await, store.stored_bytes().await.unwrap()));
    let version = store
        .update_if_version("a", 1, &[5; 50], 2_000, None)
        .await
        .unwrap();
    assert_eq!(version, Some(2));
    totals.push((kept_total(&file).await, store.stored_bytes().await.unwrap()));
    assert!(store.remove("b", 3_000).await.unwrap());
    totals.push((kept_total(&file).await, store.stored_bytes().await.unwrap()));
    assert_eq!(store.purge(10_000).await.unwrap(), 2);
    totals.push((kept_total(&file).await, store.stored_bytes().await.unwrap()));
    assert_eq!(totals, [(300, 300), (250, 250), (50, 50), (0, 0)]);
    // The cap is checked against the kept total: 50 more bytes than it allows are refused.
    assert!(create(&store, "c", 100).await.unwrap());
    assert!(
        !store
            .create("d", &[3; 51], &[1; 32], 1_000, Some(150))
            .await
            .unwrap()
    );
    assert!(
        store
            .create("d", &[3; 50], &[1; 32], 1_000, Some(150))
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failing_write_in_a_batch_fails_alone() {
    let place = Place::new(&Backend::Sqlite).await;
    let store = place.store().await;
    assert!(create(&store, "taken", 100).await.unwrap());
    let file = place.sqlite_file().unwrap();
    let mut holder = hold_write_lock(&file).await;
    let now = 1_000;
    let spawn = |store: &Store, write: u8| {
        let store = store.clone();
        tokio::spawn(async move {
            match write {
                // Good saves.
                0 => create(&store, &format!("new-{}", rand_suffix()), 100)
                    .await
                    .map(|stored| format!("create {stored}")),
                // The id exists: the database refuses the statement.
                1 => create(&store, "taken", 100)
                    .await
                    .map(|stored| format!("create {stored}")),
                // Over the storage cap: refused by the statement's own check.
                2 => store
                    .create(
                        &format!("big-{}", rand_suffix()),
                        &[7; 500],
                        &[1; 32],
                        now,
                        Some(300),
                    )
                    .await
                    .map(|stored| format!("create {stored}")),
                // A stale write: version 5 is not the current one.
                3 => store
                    .update_if_version("taken", 5, &[9; 100], now, None)
                    .await
                    .map(|version| format!("update {version:?}")),
                // The one update from the current version wins.
                _ => store
                    .update_if_version("taken", 1, &[8; 100], now, None)
                    .await
                    .map(|version| format!("update {version:?}")),
            }
        })
    };
    let kinds = [0, 1, 0, 2, 0, 3, 0, 1, 4, 0, 2, 0];
    let writes: Vec<_> = kinds.iter().map(|&kind| spawn(&store, kind)).collect();
    tokio::time::sleep(HOLD).await;
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut holder)
        .await
        .unwrap();
    for (kind, write) in kinds.into_iter().zip(writes) {
        let outcome = write.await.unwrap();
        match kind {
            0 => assert_eq!(outcome.unwrap(), "create true"),
            1 => assert!(
                outcome
                    .as_ref()
                    .is_err_and(|e| e.to_string().contains("UNIQUE")),
                "{outcome:?}"
            ),
            2 => assert_eq!(outcome.unwrap(), "create false"),
            3 => assert_eq!(outcome.unwrap(), "update None"),
            _ => assert_eq!(outcome.unwrap(), "update Some(2)"),
        }
    }
    // The six good saves and the first map, nothing of the refused ones.
    assert_eq!(store.count().await.unwrap(), 7);
    let taken = store.get("taken").await.unwrap().unwrap();
    assert_eq!((taken.version, taken.ciphertext), (2, vec![8; 100]));
    // Refused writes leave nothing to commit; the others took at most two commits.
    let commits = wal_commits(&file);
    assert!((1..=2).contains(&commits), "{commits} commits");
}

#[tokio::test]
async fn a_closed_store_has_written_everything_sent_before_it_closed() {
    let place = Place::new(&Backend::Sqlite).await;
    let store = place.store().await;
    let writes: Vec<_> = (0..10)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move { create(&store, &format!("map-{n}"), 100).await })
        })
        .collect();
    for write in writes {
        assert!(write.await.unwrap().unwrap());
    }
    store.close().await;
    assert!(create(&store, "late", 100).await.is_err());
    let reopened = place.store().await;
    assert_eq!(reopened.count().await.unwrap(), 10);
    reopened.close().await;
}

async fn create(store: &Store, id: &str, bytes: usize) -> Result<bool, sqlx::Error> {
    store
        .create(id, &vec![3; bytes], &[1; 32], 1_000, None)
        .await
}

fn rand_suffix() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The total SQLite's triggers keep, read from a connection of the test's own.
async fn kept_total(file: &Path) -> i64 {
    let mut connection = SqliteConnection::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    let (total,): (i64,) = sqlx::query_as("SELECT total FROM stored_bytes")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    total
}

/// A connection of the test's own holding SQLite's write lock, on a write-ahead log emptied
/// first, so the log holds only what the store commits after.
async fn hold_write_lock(file: &Path) -> SqliteConnection {
    let mut holder = SqliteConnection::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut holder)
        .await
        .unwrap();
    assert_eq!(wal_commits(file), 0);
    sqlx::raw_sql("BEGIN IMMEDIATE")
        .execute(&mut holder)
        .await
        .unwrap();
    holder
}

/// The commits in the write-ahead log: frames whose header gives the database's size after
/// the commit, with the log header's salts (older frames, left from before the log was
/// reused, have other salts).
fn wal_commits(file: &Path) -> usize {
    let mut wal = file.as_os_str().to_owned();
    wal.push("-wal");
    let log = std::fs::read(&wal).unwrap_or_default();
    if log.len() < 32 {
        return 0;
    }
    let word = |at: usize| u32::from_be_bytes(log[at..at + 4].try_into().unwrap());
    let page = word(8) as usize;
    let salts = (word(16), word(20));
    (32..log.len())
        .step_by(24 + page)
        .take_while(|&frame| frame + 24 + page <= log.len())
        .filter(|&frame| (word(frame + 8), word(frame + 12)) == salts && word(frame + 4) != 0)
        .count()
}
