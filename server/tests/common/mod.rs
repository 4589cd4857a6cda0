//! What the server's tests share: a store on each backend, the router, requests, and maps
//! encrypted the way the browser does it (AES-256-GCM, IV in front), with a key the server
//! never sees.
//!
//! Every test runs on SQLite and, when `TRASEU_TEST_POSTGRES_URL` is set, again on a fresh
//! PostgreSQL database made for it. If that variable is set and PostgreSQL does not answer,
//! the test fails: it never passes without having run.
#![allow(dead_code)]

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use model::share::encode_base64url;
use serde_json::Value;
use server::{
    AppState, Connections, LiveSettings, RateLimit, Settings, Store, app, serve_connections,
};
use sqlx::Connection;
use std::net::SocketAddr;
use std::time::Duration;
use tempfile::TempDir;
use tower::ServiceExt;

pub const INDEX: &str = "<!doctype html><html><head>\
    <script type=\"module\">import init from '/app-0123456789abcdef.js'; init();</script>\
    </head><body></body></html>";

pub const POSTGRES_VAR: &str = "TRASEU_TEST_POSTGRES_URL";

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    /// A URL of a PostgreSQL server where databases may be created.
    Postgres(String),
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

/// SQLite always; PostgreSQL too when the variable is set.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    if let Ok(url) = std::env::var(POSTGRES_VAR)
        && !url.trim().is_empty()
    {
        all.push(Backend::Postgres(url));
    }
    all
}

/// A temporary folder holding a built front end (`dist/`) and, for SQLite, the database.
pub struct Place {
    pub dir: TempDir,
    pub database_url: String,
    pub backend: Backend,
}

impl Place {
    pub async fn new(backend: &Backend) -> Place {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(
            dist.join("app-0123456789abcdef.js"),
            "export default 1;".repeat(200),
        )
        .unwrap();
        let database_url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("data/test.db").display()),
            Backend::Postgres(url) => fresh_postgres_database(url).await,
        };
        Place {
            dir,
            database_url,
            backend: backend.clone(),
        }
    }

    pub fn dist(&self) -> std::path::PathBuf {
        self.dir.path().join("dist")
    }

    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        matches!(self.backend, Backend::Sqlite).then(|| self.dir.path().join("data/test.db"))
    }

    pub async fn store(&self) -> Store {
        let store = Store::open(&self.database_url)
            .await
            .unwrap_or_else(|e| panic!("opening {}: {e}", self.database_url));
        store.migrate().await.unwrap();
        store
    }
}

/// Creates an empty database on the PostgreSQL server at `url` and answers its URL.
async fn fresh_postgres_database(url: &str) -> String {
    let mut admin = sqlx::postgres::PgConnection::connect(url)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "{POSTGRES_VAR} is set, but PostgreSQL at it did not answer ({e}). \
                 Unset it to test SQLite only, or start one with scripts/postgres.sh."
            )
        });
    let mut suffix = [0u8; 8];
    getrandom::fill(&mut suffix).unwrap();
    let name = format!(
        "traseu_test_{}",
        suffix
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

/// The router (no socket) with its store, over one backend.
pub struct TestApp {
    pub router: Router,
    pub store: Store,
    pub place: Place,
}

/// The settings tests start from: small bodies, no limits, no cap.
pub fn settings() -> Settings {
    Settings {
        body_limit: 64 * 1024,
        rate_limit: RateLimit::OFF,
        create_quota: RateLimit::OFF,
        storage_cap: None,
        trusted_proxies: Vec::new(),
        hsts: false,
        request_timeout: Duration::from_secs(60),
        live: LiveSettings::default(),
    }
}

impl TestApp {
    pub async fn new(backend: &Backend) -> TestApp {
        TestApp::with(backend, settings()).await
    }

    pub async fn with(backend: &Backend, settings: Settings) -> TestApp {
        let place = Place::new(backend).await;
        let store = place.store().await;
        let state = AppState::new(store.clone(), place.dist(), settings);
        TestApp {
            router: app(state).unwrap(),
            store,
            place,
        }
    }

    pub async fn call(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        Reply::read(response).await
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.call(request.body(body).unwrap()).await
    }

    /// Shares a map; answers (id, edit token).
    pub async fn create(&self, ciphertext: &str) -> (String, String) {
        let reply = self
            .send(
                Method::POST,
                "/api/maps",
                None,
                Some(serde_json::json!({ "v": 1, "ciphertext": ciphertext })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json);
        (
            reply.json["id"].as_str().unwrap().to_owned(),
            reply.json["edit_token"].as_str().unwrap().to_owned(),
        )
    }

    pub async fn get(&self, id: &str) -> Reply {
        self.send(Method::GET, &format!("/api/maps/{id}"), None, None)
            .await
    }

    pub async fn update(
        &self,
        id: &str,
        token: Option<&str>,
        ciphertext: &str,
        base_version: u64,
    ) -> Reply {
        self.send(
            Method::PUT,
            &format!("/api/maps/{id}"),
            token,
            Some(serde_json::json!({ "v": 1, "ciphertext": ciphertext, "base_version": base_version })),
        )
        .await
    }

    pub async fn delete(&self, id: &str, token: Option<&str>) -> Reply {
        self.send(Method::DELETE, &format!("/api/maps/{id}"), token, None)
            .await
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub text: String,
    /// `Null` when the body is not JSON.
    pub json: Value,
}

impl Reply {
    pub async fn read(response: axum::response::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }

    /// An error in our shape: JSON with a non-empty message and nothing else but, for 412,
    /// the current version.
    pub fn assert_error(&self, status: StatusCode) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(
            self.headers[header::CONTENT_TYPE],
            "application/json",
            "{}",
            self.text
        );
        let message = self.json["message"].as_str().unwrap_or_default();
        assert!(
            message.len() > 10 && message.ends_with('.'),
            "{}",
            self.text
        );
    }
}

/// A map as the browser sends it: AES-256-GCM under a key only the browser has, the 12-byte
/// IV in front, base64url without padding. Answers (the text to send, its bytes).
pub fn encrypt(plaintext: &str) -> (String, Vec<u8>) {
    let mut key = [0u8; 32];
    let mut iv = [0u8; 12];
    getrandom::fill(&mut key).unwrap();
    getrandom::fill(&mut iv).unwrap();
    let cipher = Aes256Gcm::new_from_slice(&key).unwrap();
    let sealed = cipher
        .encrypt(Nonce::from_slice(&iv), plaintext.as_bytes())
        .unwrap();
    let mut bytes = iv.to_vec();
    bytes.extend_from_slice(&sealed);
    (encode_base64url(&bytes), bytes)
}

/// Some ciphertext, different each time.
pub fn ciphertext() -> String {
    encrypt(r#"{"format":"traseu.map","version":2,"map":{}}"#).0
}

/// How tests hold connections unless they say otherwise.
pub const CONNECTIONS: Connections = Connections {
    header_timeout: Duration::from_secs(30),
    max: 4096,
    shutdown_deadline: Duration::from_secs(5),
};

/// Serves the router on a loopback port with the server's own accept loop (the peer's address
/// known), until the test ends.
pub async fn serve_on_loopback(router: Router) -> SocketAddr {
    serve_until(router, CONNECTIONS, std::future::pending())
        .await
        .0
}

/// Serves the router on a loopback port until `shutdown` resolves; the handle ends when the
/// server has stopped.
pub async fn serve_until(
    router: Router,
    connections: Connections,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = tokio::spawn(serve_connections(listener, router, connections, shutdown));
    (addr, handle)
}
