//! The accept loop. `axum::serve` sets no header-read timeout of our choosing, no cap on
//! connections and no end to a graceful shutdown, so the server runs hyper's HTTP/1 builder
//! itself, with tokio's timer (without a timer hyper's header timeout is off): a client that
//! sends half a request line is cut off, connections past the cap wait in the system's queue,
//! and shutdown waits for requests in flight only until its deadline.

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How connections are held.
#[derive(Clone, Copy, Debug)]
pub struct Connections {
    /// From a connection's first byte (or the end of its previous request) to the end of the
    /// request's headers.
    pub header_timeout: Duration,
    /// Served at once.
    pub max: usize,
    /// After the shutdown signal, how long requests in flight may take.
    pub shutdown_deadline: Duration,
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets requests in flight
/// finish until the deadline and cuts the rest. The router sees each peer's address as
/// `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Connections,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, most likely: give connections time to end.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        connections.spawn(async move {
            if let Err(e) = connection.await {
                // A client that stalls or goes away; nothing to tell it.
                tracing::debug!(%peer, error = %e, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    let open = connections.len();
    tracing::info!(open, "shutting down: no new connections");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_deadline) => {
            tracing::warn!(
                still_open = connections.len(),
                "shutdown deadline reached: closing the connections left"
            );
        }
    }
    connections.shutdown().await;
}
