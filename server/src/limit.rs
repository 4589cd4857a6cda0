//! A per-client rate limit on the API, keyed by the peer's address (an IPv6 client by its
//! /64, which is what one machine usually gets). Requests over the limit are answered `429`
//! with `Retry-After`, before their body is read.

use crate::error::ApiError;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Requests per second each client may make, and how many it may make at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// 0 turns the limit off.
    pub per_second: u32,
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> RateLimit {
        RateLimit {
            per_second: 20,
            burst: 50,
        }
    }
}

#[derive(Clone)]
pub struct Limiter {
    inner: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    seen: Arc<AtomicU64>,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Limiter {
        let inner = NonZeroU32::new(limit.per_second).map(|per_second| {
            let burst = NonZeroU32::new(limit.burst).unwrap_or(per_second);
            Arc::new(RateLimiter::keyed(
                Quota::per_second(per_second).allow_burst(burst),
            ))
        });
        Limiter {
            inner,
            seen: Arc::new(AtomicU64::new(0)),
        }
    }
}

/// The client a request counts against. Without a peer address (a router driven in tests
/// without a socket) every request counts against one unspecified client.
fn client_key(request: &Request) -> IpAddr {
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

pub async fn limit(State(limiter): State<Limiter>, request: Request, next: Next) -> Response {
    let Some(inner) = &limiter.inner else {
        return next.run(request).await;
    };
    // Forget clients that have been quiet long enough to be back at full burst.
    if limiter.seen.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
        inner.retain_recent();
        inner.shrink_to_fit();
    }
    match inner.check_key(&client_key(&request)) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            tracing::warn!("rate limit reached");
            ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
            }
            .into_response()
        }
    }
}
