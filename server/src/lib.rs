//! The thin server: it serves the built front end with strict headers and, for sharing,
//! keeps maps the browser has encrypted. It never links the UI; it shares only the document
//! format with it.

mod config;
mod error;
mod headers;
mod limit;
mod live;
mod net;
mod routes;
mod secret;
mod store;

pub use config::{Command, Config};
pub use error::ApiError;
pub use limit::RateLimit;
pub use live::{Live, LiveSettings};
pub use net::{Connections, serve as serve_connections};
pub use store::{BackupError, LiveMap, Store, StoredMap, is_postgres_url};

use axum::Router;
use ipnet::IpNet;
use limit::{Limit, Limiter, RefusalLog};
use model::live_wire::Closed;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// The server's log filter: `base` (`RUST_LOG`, or `info`), never with the WebSocket
/// library's traces, which print whole frames and so ciphertext and edit capabilities.
pub fn log_filter(base: tracing_subscriber::EnvFilter) -> tracing_subscriber::EnvFilter {
    base.add_directive("tungstenite=off".parse().expect("a valid directive"))
}

/// How much the server lets each client, and everyone together, do.
#[derive(Clone, Debug)]
pub struct Settings {
    pub body_limit: usize,
    pub rate_limit: RateLimit,
    /// New shares per client.
    pub create_quota: RateLimit,
    /// Most bytes of ciphertext kept in all.
    pub storage_cap: Option<u64>,
    pub trusted_proxies: Vec<IpNet>,
    pub hsts: bool,
    pub request_timeout: Duration,
    pub live: LiveSettings,
}

impl Settings {
    pub fn from_config(config: &Config) -> Settings {
        Settings {
            body_limit: config.body_limit,
            rate_limit: RateLimit::per_second(config.rate_limit, config.rate_burst),
            create_quota: RateLimit::per_hour(config.create_quota),
            storage_cap: (config.storage_cap > 0).then_some(config.storage_cap),
            trusted_proxies: config.trusted_proxies.clone(),
            hsts: config.hsts,
            request_timeout: Duration::from_secs(config.request_timeout),
            live: LiveSettings {
                frame_limit: config.live_frame_limit,
                rate: RateLimit::per_second(config.live_rate, config.live_burst),
                people_per_map: config.live_people,
                maps_per_process: config.live_maps,
                log_bound: config.live_log,
                log_bytes: (config.live_log_bytes > 0).then_some(config.live_log_bytes),
                ping_every: Duration::from_secs(config.live_ping),
                idle_timeout: Duration::from_secs(config.live_idle_timeout),
            },
        }
    }
}

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub dist: PathBuf,
    pub settings: Settings,
    pub live: Live,
    quota: Limiter,
    refusals: Arc<Mutex<RefusalLog>>,
}

impl AppState {
    pub fn new(store: Store, dist: PathBuf, settings: Settings) -> AppState {
        AppState {
            live: Live::new(store.clone(), settings.live.clone(), settings.body_limit),
            store,
            dist,
            quota: Limiter::new(Limit::NewShares, settings.create_quota),
            settings,
            refusals: Arc::default(),
        }
    }
}

/// The whole HTTP surface, as a value, so tests can call it without a socket.
pub fn app(state: AppState) -> std::io::Result<Router> {
    let csp = headers::content_security_policy(&state.dist)?;
    let hsts = state.settings.hsts;
    Ok(headers::secure(routes::router(state), csp, hsts))
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("the database at {url} could not be opened: {source}")]
    Database { url: String, source: sqlx::Error },
    #[error("the database schema could not be brought up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(
        "the front end in {dir} could not be read ({source}); build it with `trunk build --release`"
    )]
    Dist { dir: String, source: std::io::Error },
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
    #[error("the database failed: {0}")]
    Query(#[from] sqlx::Error),
    #[error("the backup failed: {0}")]
    Backup(#[from] BackupError),
    #[error("the backup in {file} is damaged: {verdict}")]
    BackupDamaged { file: String, verdict: String },
    #[error(
        "there is no database at {file}: check --database-url (a maintenance command never makes one)"
    )]
    NoDatabase { file: String },
}

/// Runs what the command line asks: the server, or one of its maintenance commands.
pub async fn run(config: Config) -> Result<(), ServeError> {
    // Opening a SQLite database creates it: a mistyped path would be backed up or purged as an
    // empty database, and said to have worked.
    if config.command.is_some()
        && let Some(file) = store::missing_sqlite_file(&config.database_url)
    {
        return Err(ServeError::NoDatabase {
            file: file.display().to_string(),
        });
    }
    let store = open_store(&config.database_url).await?;
    let outcome = match &config.command {
        None => serve(config.clone(), store.clone(), shutdown_signal()).await,
        Some(Command::Purge) => purge(&store, config.retain_days).await.map(|removed| {
            println!(
                "Removed {removed} shared maps and tombstones unused for {} days.",
                config.retain_days
            );
        }),
        Some(Command::Backup { file }) => backup(&store, file).await,
    };
    store.close().await;
    outcome
}

async fn open_store(url: &str) -> Result<Store, ServeError> {
    let store = Store::open(url)
        .await
        .map_err(|source| ServeError::Database {
            url: without_password(url),
            source,
        })?;
    store.migrate().await?;
    tracing::info!(backend = store.backend(), "database ready");
    Ok(store)
}

/// Serves the app until `shutdown` resolves, purging old maps once a day.
async fn serve(
    config: Config,
    store: Store,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServeError> {
    let state = AppState::new(
        store.clone(),
        config.dist.clone(),
        Settings::from_config(&config),
    );
    let live = state.live.clone();
    // With PostgreSQL, listen to the other processes before taking connections.
    live.ready().await;
    let router = app(state).map_err(|source| ServeError::Dist {
        dir: config.dist.display().to_string(),
        source,
    })?;
    let addr = format!("{}:{}", config.bind, config.port);
    let listener = TcpListener::bind(&addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: addr.clone(),
            source,
        })?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!(%url, "Traseu is listening");
    println!("Traseu is running at {url}");
    let purging = tokio::spawn(purge_daily(store, config.retain_days));
    let deadline = Duration::from_secs(config.shutdown_timeout);
    let closing = live.clone();
    // Live sockets are not requests in flight: they are told to reconnect (to this server
    // when it is back, or to another process) as soon as the shutdown begins.
    let shutdown = async move {
        shutdown.await;
        closing.close_all(Closed::Restarting);
    };
    net::serve(
        listener,
        router,
        Connections {
            header_timeout: Duration::from_secs(config.header_timeout),
            max: config.max_connections,
            shutdown_deadline: deadline,
        },
        shutdown,
    )
    .await;
    live.close_all(Closed::Restarting);
    live.drained(deadline).await;
    purging.abort();
    tracing::info!("stopped");
    Ok(())
}

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Deletes maps and tombstones neither read nor written for `retain_days` (0 keeps all).
pub async fn purge(store: &Store, retain_days: u32) -> Result<u64, ServeError> {
    if retain_days == 0 {
        return Ok(0);
    }
    let cutoff = routes::now_ms() - i64::from(retain_days) * DAY_MS;
    let removed = store.purge(cutoff).await?;
    tracing::info!(removed, retain_days, "purged unused shared maps");
    Ok(removed)
}

async fn purge_daily(store: Store, retain_days: u32) {
    if retain_days == 0 {
        return;
    }
    let mut daily = tokio::time::interval(Duration::from_secs(24 * 3600));
    loop {
        daily.tick().await;
        if let Err(e) = purge(&store, retain_days).await {
            tracing::error!(error = %e, "purging unused shared maps failed; will try again tomorrow");
        }
    }
}

/// Copies the SQLite database to `file` and checks the copy.
pub async fn backup(store: &Store, file: &std::path::Path) -> Result<(), ServeError> {
    let verdict = store.backup(file).await?;
    if verdict != "ok" {
        return Err(ServeError::BackupDamaged {
            file: file.display().to_string(),
            verdict,
        });
    }
    println!("Backed up to {} (integrity check: ok).", file.display());
    Ok(())
}

/// A database URL fit for a log or an error message: `postgres://user:secret@host/db`
/// becomes `postgres://user:***@host/db`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            let hidden = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_owned(),
    }
}

/// Ctrl+C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[cfg(test)]
mod tests {
    use super::without_password;

    #[test]
    fn database_passwords_are_not_shown() {
        assert_eq!(
            without_password("postgres://app:s3cret@db:5432/traseu"),
            "postgres://app:***@db:5432/traseu"
        );
        assert_eq!(
            without_password("postgresql://app@db/traseu"),
            "postgresql://app@db/traseu"
        );
        assert_eq!(
            without_password("sqlite://data/traseu.db"),
            "sqlite://data/traseu.db"
        );
    }
}
