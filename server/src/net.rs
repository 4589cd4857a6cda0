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
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
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

/// A connection's place among the `max` served at once, in every request's extensions: a
/// request that upgrades (a live WebSocket) keeps it for as long as the socket is open.
#[derive(Clone)]
pub struct ConnectionSlot {
    _permit: Arc<OwnedSemaphorePermit>,
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
    // hyper-util's GracefulShutdown cannot watch a connection that may upgrade, so each
    // connection watches this instead.
    let (stop, stopping) = watch::channel(false);
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
        // Without it, a response written in two parts (its headers, then a file's body) waits
        // for the client's delayed acknowledgement of the first: about 40 ms on Linux for each
        // file after the first on a connection (bench/keepalive.mjs).
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(%peer, error = %e, "could not turn off Nagle's algorithm");
        }
        let router = router.clone();
        let slot = ConnectionSlot {
            _permit: Arc::new(slot),
        };
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request.extensions_mut().insert(slot.clone());
            router.clone().oneshot(request)
        });
        let connection = builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        let mut stopping = stopping.clone();
        connections.spawn(async move {
            tokio::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => Some(ended),
                _ = stopping.changed() => None,
            };
            let ended = match ended {
                Some(ended) => ended,
                None => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = ended {
                // A client that stalls or goes away; nothing to tell it.
                tracing::debug!(%peer, error = %e, "connection ended");
            }
        });
    }
    drop(listener);
    let open = connections.len();
    tracing::info!(open, "shutting down: no new connections");
    stop.send_replace(true);
    let finished = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(limits.shutdown_deadline, finished)
        .await
        .is_err()
    {
        tracing::warn!(
            still_open = connections.len(),
            "shutdown deadline reached: closing the connections left"
        );
    }
    connections.shutdown().await;
}
