//! The thin server: it serves the built front end with strict headers and, for sharing,
//! keeps maps the browser has encrypted. It never links the UI; it shares only the document
//! format with it.

mod config;
mod error;
mod headers;
mod limit;
mod routes;
mod store;

pub use config::Config;
pub use error::ApiError;
pub use limit::RateLimit;
pub use store::{Store, StoredMap, is_postgres_url};

use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::net::TcpListener;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub dist: PathBuf,
    pub body_limit: usize,
    pub rate_limit: RateLimit,
}

/// The whole HTTP surface, as a value, so tests can call it without a socket.
pub fn app(state: AppState) -> std::io::Result<Router> {
    let csp = headers::content_security_policy(&state.dist)?;
    Ok(headers::secure(routes::router(state), csp))
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
}

pub async fn serve(config: Config) -> Result<(), ServeError> {
    let store = Store::open(&config.database_url)
        .await
        .map_err(|source| ServeError::Database {
            url: without_password(&config.database_url),
            source,
        })?;
    store.migrate().await?;
    tracing::info!(backend = store.backend(), "database ready");
    let state = AppState {
        store,
        dist: config.dist.clone(),
        body_limit: config.body_limit,
        rate_limit: RateLimit {
            per_second: config.rate_limit,
            burst: config.rate_burst,
        },
    };
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
    // The peer's address is what the rate limit counts against.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("stopped");
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
