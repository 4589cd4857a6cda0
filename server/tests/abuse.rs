//! The server under abuse: a storage cap and a quota of new shares that stop the database
//! growing, retention that removes what nobody uses, clients behind a trusted proxy counted
//! apart, and the production profile (HSTS, private files, backups).

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use common::{Backend, Reply, TestApp, backends, settings};
use model::share::encode_base64url;
use serde_json::json;
use server::{RateLimit, Settings};
use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// `bytes` bytes of (random) ciphertext, as sent.
fn sized(bytes: usize) -> String {
    let mut raw = vec![0u8; bytes];
    getrandom::fill(&mut raw).unwrap();
    encode_base64url(&raw)
}

/// `POST /api/maps` with `bytes` bytes of ciphertext, answered as it comes.
async fn share(test: &TestApp, bytes: usize) -> Reply {
    test.send(
        Method::POST,
        "/api/maps",
        None,
        Some(json!({ "v": 1, "ciphertext": sized(bytes) })),
    )
    .await
}

/// `POST /api/maps` from `peer`, with `X-Forwarded-For` values if given.
async fn create_from(test: &TestApp, peer: [u8; 4], forwarded: &[&str]) -> Reply {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/maps")
        .header(header::CONTENT_TYPE, "application/json");
    for hop in forwarded {
        request = request.header("x-forwarded-for", *hop);
    }
    let mut request = request
        .body(Body::from(
            json!({ "v": 1, "ciphertext": sized(100) }).to_string(),
        ))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((peer, 40000))));
    test.call(request).await
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn the_storage_cap_refuses_with_507_and_the_database_stops_growing() {
    for backend in backends() {
        let test = TestApp::with(
            &backend,
            Settings {
                storage_cap: Some(2500),
                ..settings()
            },
        )
        .await;
        let (first, token) = test.create(&sized(1000)).await;
        test.create(&sized(1000)).await;
        let refused = share(&test, 1000).await;
        refused.assert_error(StatusCode::INSUFFICIENT_STORAGE);
        assert!(
            refused.json["message"]
                .as_str()
                .unwrap()
                .contains("no room")
        );

        let bytes = test.store.stored_bytes().await.unwrap();
        let count = test.store.count().await.unwrap();
        let files = sqlite_size(&test);
        assert_eq!((bytes, count), (2000, 2), "{}", backend.name());
        for _ in 0..20 {
            assert_eq!(
                share(&test, 1000).await.status,
                StatusCode::INSUFFICIENT_STORAGE
            );
        }
        // An update may not grow the total past the cap either, but may shrink it.
        test.update(&first, Some(&token), &sized(1600), 1)
            .await
            .assert_error(StatusCode::INSUFFICIENT_STORAGE);
        assert_eq!(test.store.stored_bytes().await.unwrap(), bytes);
        assert_eq!(test.store.count().await.unwrap(), count);
        assert_eq!(sqlite_size(&test), files, "the SQLite files grew");
        assert_eq!(test.get(&first).await.json["version"], 1);

        assert_eq!(
            test.update(&first, Some(&token), &sized(400), 1)
                .await
                .status,
            StatusCode::OK
        );
        // Room made by stopping a share is room for a new one.
        assert_eq!(
            test.delete(&first, Some(&token)).await.status,
            StatusCode::NO_CONTENT
        );
        test.create(&sized(1000)).await;
    }
}

/// The database files' total size (0 on PostgreSQL).
fn sqlite_size(test: &TestApp) -> u64 {
    let Some(file) = test.place.sqlite_file() else {
        return 0;
    };
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", file.display())).ok())
        .map(|meta| meta.len())
        .sum()
}

#[tokio::test]
async fn the_quota_of_new_shares_refuses_one_address_with_429_and_not_another() {
    for backend in backends() {
        let test = TestApp::with(
            &backend,
            Settings {
                create_quota: RateLimit::per_hour(3),
                ..settings()
            },
        )
        .await;
        for _ in 0..3 {
            assert_eq!(
                create_from(&test, [192, 0, 2, 1], &[]).await.status,
                StatusCode::CREATED
            );
        }
        for _ in 0..5 {
            let refused = create_from(&test, [192, 0, 2, 1], &[]).await;
            refused.assert_error(StatusCode::TOO_MANY_REQUESTS);
            assert!(refused.headers.contains_key(header::RETRY_AFTER));
            assert!(
                refused.json["message"]
                    .as_str()
                    .unwrap()
                    .contains("in an hour")
            );
        }
        assert_eq!(test.store.count().await.unwrap(), 3, "{}", backend.name());
        assert_eq!(
            create_from(&test, [192, 0, 2, 2], &[]).await.status,
            StatusCode::CREATED
        );
        assert_eq!(test.store.count().await.unwrap(), 4);
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_clients_are_counted_by_their_forwarded_address() {
    let test = TestApp::with(
        &Backend::Sqlite,
        Settings {
            create_quota: RateLimit::per_hour(1),
            trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()],
            ..settings()
        },
    )
    .await;
    let proxy = [10, 0, 0, 1];
    // The proxy appends the address it saw; whatever the client wrote is further left.
    let a = create_from(&test, proxy, &["1.2.3.4, 203.0.113.5"]).await;
    assert_eq!(a.status, StatusCode::CREATED);
    create_from(&test, proxy, &["9.9.9.9, 203.0.113.5"])
        .await
        .assert_error(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        create_from(&test, proxy, &["203.0.113.6"]).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        create_from(&test, proxy, &["203.0.113.7", "10.0.0.9"])
            .await
            .status,
        StatusCode::CREATED
    );

    // A peer that is not a trusted proxy is counted by its own address, whatever it forwards.
    let stranger = [198, 51, 100, 1];
    assert_eq!(
        create_from(&test, stranger, &["203.0.113.8"]).await.status,
        StatusCode::CREATED
    );
    create_from(&test, stranger, &["203.0.113.9"])
        .await
        .assert_error(StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn purge_removes_old_tombstones_and_idle_shares_and_keeps_live_ones() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let store = &test.store;
        let now = now_ms();
        let old = now - 400 * DAY_MS;
        let hash = [7u8; 32];
        let id = |n: u8| model::share::ShareId::from_bytes([n; 16]).to_string();
        for n in 1..=6 {
            assert!(
                store
                    .create(&id(n), &[n; 40], &hash, old, None)
                    .await
                    .unwrap()
            );
        }
        // 1: never used since. 2: read yesterday, through the API. 3: updated 10 days ago.
        // 4: stopped 400 days ago. 5: stopped 5 days ago. 6: read once a year ago.
        assert_eq!(test.get(&id(2)).await.status, StatusCode::OK);
        assert_eq!(
            store
                .update_if_version(&id(3), 1, &[3; 50], now - 10 * DAY_MS, None)
                .await
                .unwrap(),
            Some(2)
        );
        assert!(store.remove(&id(4), old).await.unwrap());
        assert!(store.remove(&id(5), now - 5 * DAY_MS).await.unwrap());
        store.touch(&id(6), now - 370 * DAY_MS).await.unwrap();

        assert_eq!(
            server::purge(store, 365).await.unwrap(),
            3,
            "{}",
            backend.name()
        );
        assert_eq!(test.get(&id(1)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(test.get(&id(2)).await.status, StatusCode::OK);
        assert_eq!(test.get(&id(3)).await.json["version"], 2);
        assert_eq!(test.get(&id(4)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(test.get(&id(5)).await.status, StatusCode::GONE);
        assert_eq!(test.get(&id(6)).await.status, StatusCode::NOT_FOUND);
        // 0 days keeps everything.
        assert_eq!(server::purge(store, 0).await.unwrap(), 0);
        assert_eq!(store.count().await.unwrap(), 3);
    }
}

#[tokio::test]
async fn strict_transport_security_is_sent_only_with_the_flag() {
    let plain = TestApp::new(&Backend::Sqlite).await;
    let hsts = TestApp::with(
        &Backend::Sqlite,
        Settings {
            hsts: true,
            ..settings()
        },
    )
    .await;
    for uri in ["/", "/api/health", "/api/maps/unknown"] {
        let request = || Request::get(uri).body(Body::empty()).unwrap();
        let without = plain.call(request()).await;
        assert!(
            !without
                .headers
                .contains_key(header::STRICT_TRANSPORT_SECURITY),
            "{uri}"
        );
        let with = hsts.call(request()).await;
        assert_eq!(
            with.headers[header::STRICT_TRANSPORT_SECURITY],
            "max-age=63072000; includeSubDomains",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_sqlite_files_are_readable_by_their_owner_only() {
    let test = TestApp::new(&Backend::Sqlite).await;
    test.create(&sized(100)).await;
    let file = test.place.sqlite_file().unwrap();
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    let wal = std::path::PathBuf::from(format!("{}-wal", file.display()));
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
}

#[tokio::test]
async fn a_backup_is_a_sound_private_copy_and_never_overwrites() {
    let test = TestApp::new(&Backend::Sqlite).await;
    let (id, _) = test.create(&sized(300)).await;
    let copy = test.place.dir.path().join("backup.db");
    server::backup(&test.store, &copy).await.unwrap();
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let restored = server::Store::open(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    assert_eq!(restored.integrity_check().await.unwrap(), "ok");
    assert_eq!(
        restored.get(&id).await.unwrap(),
        test.store.get(&id).await.unwrap()
    );
    restored.close().await;
    assert!(server::backup(&test.store, &copy).await.is_err());
}

#[tokio::test]
async fn a_postgres_backup_is_refused_with_a_pointer_to_pg_dump() {
    for backend in backends() {
        if let Backend::Postgres(_) = backend {
            let test = TestApp::new(&backend).await;
            let copy = test.place.dir.path().join("backup.db");
            let error = server::backup(&test.store, &copy).await.unwrap_err();
            assert!(error.to_string().contains("pg_dump"), "{error}");
            assert!(!copy.exists());
        }
    }
}

#[tokio::test]
async fn a_request_whose_body_does_not_arrive_in_time_is_408_json() {
    let test = TestApp::with(
        &Backend::Sqlite,
        Settings {
            request_timeout: Duration::from_millis(300),
            ..settings()
        },
    )
    .await;
    // A body that never ends.
    let (_sender, body) = endless_body();
    let request = Request::post("/api/maps")
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .unwrap();
    test.call(request)
        .await
        .assert_error(StatusCode::REQUEST_TIMEOUT);
}

/// A request body that yields nothing until its sender is dropped.
fn endless_body() -> (tokio::sync::mpsc::Sender<()>, Body) {
    let (sender, receiver) = tokio::sync::mpsc::channel::<()>(1);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await?;
        Some((Ok::<_, std::io::Error>(axum::body::Bytes::new()), receiver))
    });
    (sender, Body::from_stream(stream))
}

#[tokio::test]
async fn maps_shared_before_retention_get_their_size_and_last_use_from_the_upgrade() {
    for backend in backends() {
        let place = common::Place::new(&backend).await;
        let folder = match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres(_) => "postgres",
        };
        // The schema as it was: the migrations before the one that added retention.
        let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(folder);
        let mut files: Vec<_> = std::fs::read_dir(&all)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let before = place.dir.path().join("before");
        std::fs::create_dir(&before).unwrap();
        let upgrade = files
            .iter()
            .position(|file| file.to_string_lossy().ends_with("_retention_and_size.sql"))
            .unwrap();
        for file in &files[..upgrade] {
            std::fs::copy(file, before.join(file.file_name().unwrap())).unwrap();
        }
        let old = sqlx::migrate::Migrator::new(before.as_path())
            .await
            .unwrap();
        let insert = "INSERT INTO maps (id, ciphertext, edit_token_hash, version, created_at, \
            updated_at, deleted_at) VALUES ($1, $2, $3, 1, $4, $5, $6)";
        let live = model::share::ShareId::from_bytes([1; 16]).to_string();
        let gone = model::share::ShareId::from_bytes([2; 16]).to_string();
        let rows = [
            (live.as_str(), vec![9u8; 700], 1_000, None),
            (gone.as_str(), vec![], 2_000, Some(3_000i64)),
        ];
        // The same seeding on either pool type.
        macro_rules! seed {
            ($pool:expr) => {{
                let pool = $pool;
                old.run(&pool).await.unwrap();
                for (id, bytes, updated, deleted) in &rows {
                    sqlx::query(insert)
                        .bind(*id)
                        .bind(bytes)
                        .bind(&[0u8; 32][..])
                        .bind(0i64)
                        .bind(*updated)
                        .bind(*deleted)
                        .execute(&pool)
                        .await
                        .unwrap();
                }
                pool.close().await;
            }};
        }
        match &backend {
            Backend::Sqlite => {
                let file = place.sqlite_file().unwrap();
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                seed!(
                    sqlx::SqlitePool::connect(&format!("{}?mode=rwc", place.database_url))
                        .await
                        .unwrap()
                )
            }
            Backend::Postgres(_) => {
                seed!(sqlx::PgPool::connect(&place.database_url).await.unwrap())
            }
        }

        let store = place.store().await;
        assert_eq!(
            store.stored_bytes().await.unwrap(),
            700,
            "{}",
            backend.name()
        );
        // Last used when last updated, or when removed.
        assert_eq!(store.purge(2_500).await.unwrap(), 1);
        assert!(store.get(&gone).await.unwrap().is_some());
        assert_eq!(store.purge(3_001).await.unwrap(), 1);
        assert!(store.get(&gone).await.unwrap().is_none());
    }
}
