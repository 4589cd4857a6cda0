//! Who a request counts against, and how much each one may do: a per-client rate limit on the
//! API and a per-client quota of new shares. A client is the peer's address (an IPv6 client
//! by its /64, which is what one machine usually gets) or, when the peer is a trusted reverse
//! proxy, the right-most address in `X-Forwarded-For` that is not a trusted proxy. Requests
//! over the limit are answered `429` with `Retry-After`, before their body is read.

use crate::error::ApiError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request per `every`, and `burst` at once. A zero `every` turns the limit off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub every: Duration,
    pub burst: u32,
}

impl RateLimit {
    pub const OFF: RateLimit = RateLimit {
        every: Duration::ZERO,
        burst: 0,
    };

    pub fn per_second(per_second: u32, burst: u32) -> RateLimit {
        if per_second == 0 {
            return RateLimit::OFF;
        }
        RateLimit {
            every: Duration::from_secs(1) / per_second,
            burst: burst.max(1),
        }
    }

    /// The limit as governor's quota; `None` when it is off.
    pub fn quota(self) -> Option<Quota> {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.every).map(|quota| quota.allow_burst(burst))
    }

    pub fn per_hour(per_hour: u32) -> RateLimit {
        if per_hour == 0 {
            return RateLimit::OFF;
        }
        RateLimit {
            every: Duration::from_secs(3600) / per_hour,
            burst: per_hour,
        }
    }
}

impl Default for RateLimit {
    fn default() -> RateLimit {
        RateLimit::per_second(20, 50)
    }
}

/// The client a request counts against, as the limit middleware found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientKey(pub IpAddr);

/// Which limit refused a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Requests to /api, per second.
    Requests,
    /// New shares, per hour.
    NewShares,
    /// The total of stored maps.
    StorageCap,
}

/// A keyed limiter that says, at most once a minute per client, whom it refused.
#[derive(Clone)]
pub struct Limiter {
    what: Limit,
    inner: Option<Arc<DefaultKeyedRateLimiter<ClientKey>>>,
    seen: Arc<AtomicU64>,
    told: Arc<Mutex<RefusalLog>>,
}

impl Limiter {
    pub fn new(what: Limit, limit: RateLimit) -> Limiter {
        let inner = limit
            .quota()
            .map(|quota| Arc::new(RateLimiter::keyed(quota)));
        Limiter {
            what,
            inner,
            seen: Arc::new(AtomicU64::new(0)),
            told: Arc::default(),
        }
    }

    /// Counts one request against `key`; `429` when it is over.
    pub fn check(&self, key: ClientKey) -> Result<(), ApiError> {
        let Some(inner) = &self.inner else {
            return Ok(());
        };
        // Forget clients that have been quiet long enough to be back at full burst.
        if self.seen.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            inner.retain_recent();
            inner.shrink_to_fit();
        }
        inner.check_key(&key).map_err(|not_until| {
            log_refusal(&self.told, key, self.what);
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
                limit: self.what,
            }
        })
    }
}

/// Logs that `key` was refused by `what`, unless it was already said in the last minute.
pub fn log_refusal(log: &Mutex<RefusalLog>, key: ClientKey, what: impl std::fmt::Debug) {
    let first = log
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .should_log(key, Instant::now());
    if first {
        tracing::warn!(client = %key.0, refused_by = ?what, "request refused (said once a minute per client)");
    }
}

/// When each client's refusal was last logged, so a flood of refusals is one line a minute.
#[derive(Default)]
pub struct RefusalLog {
    last: HashMap<ClientKey, Instant>,
}

impl RefusalLog {
    const EVERY: Duration = Duration::from_secs(60);

    /// Whether a refusal of `key` at `now` should be logged; if so, it counts as logged.
    pub fn should_log(&mut self, key: ClientKey, now: Instant) -> bool {
        if self.last.len() > 10_000 {
            self.last
                .retain(|_, at| now.saturating_duration_since(*at) < Self::EVERY);
        }
        match self.last.get(&key) {
            Some(at) if now.saturating_duration_since(*at) < Self::EVERY => false,
            _ => {
                self.last.insert(key, now);
                true
            }
        }
    }
}

/// Who a request comes from. `peer` is the connection's address; its `X-Forwarded-For` is
/// believed only when the peer is one of the `trusted` proxies, and then read from the right
/// (the hop the nearest proxy saw) past every trusted proxy: the first address left is the
/// client. Addresses further left could be made up by the client, so they are never used.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let peer = canonical(peer);
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop that is not an address ends the chain: nothing left of it can be trusted.
        let Some(ip) = parse_hop(hop) else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// An address in `X-Forwarded-For`, which some proxies write with a port (`1.2.3.4:5678`,
/// `[::1]:5678`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    hop.parse::<SocketAddr>()
        .ok()
        .map(|addr| canonical(addr.ip()))
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The bucket an address counts in: itself, or its /64 for IPv6.
pub fn bucket(ip: IpAddr) -> ClientKey {
    ClientKey(match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    })
}

/// What the middleware needs: the API's rate limit and the trusted proxies.
#[derive(Clone)]
pub struct Gate {
    pub limiter: Limiter,
    pub trusted: Arc<[IpNet]>,
}

/// Finds the client, records it for the handlers (the quota of new shares counts against
/// it), and applies the rate limit. Without a peer address (a router driven in tests without
/// a socket) every request counts against one unspecified client.
pub async fn limit(State(gate): State<Gate>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let key = bucket(client_ip(peer, request.headers(), &gate.trusted));
    if let Err(refused) = gate.limiter.check(key) {
        return refused.into_response();
    }
    request.extensions_mut().insert(key);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(
            client_ip(ip("198.51.100.7"), &headers, &nets(&["10.0.0.0/8"])),
            ip("198.51.100.7")
        );
        assert_eq!(client_ip(ip("10.0.0.1"), &headers, &[]), ip("10.0.0.1"));
    }

    #[test]
    fn a_trusted_peer_is_read_past_to_the_rightmost_untrusted_hop() {
        let trusted = nets(&["10.0.0.0/8", "fd00::/8"]);
        // The left-most entry is whatever the client claimed; the proxies appended the rest.
        let headers = forwarded(&["1.1.1.1, 203.0.113.9", "10.0.0.5"]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.9")
        );
        let headers = forwarded(&["[2001:db8::1]:443, fd00::2"]);
        assert_eq!(
            client_ip(ip("fd00::1"), &headers, &trusted),
            ip("2001:db8::1")
        );
        let headers = forwarded(&["198.51.100.4:5000"]);
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.1"), &headers, &trusted),
            ip("198.51.100.4")
        );
    }

    #[test]
    fn a_trusted_peer_without_a_usable_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        // Garbage stops the walk at the last hop that was read.
        let headers = forwarded(&["203.0.113.9, unknown, 10.0.0.7"]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &headers, &trusted),
            ip("10.0.0.7")
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        assert_eq!(
            bucket(ip("2001:db8:1:2:3:4:5:6")),
            bucket(ip("2001:db8:1:2::9"))
        );
        assert_ne!(bucket(ip("2001:db8:1:2::1")), bucket(ip("2001:db8:1:3::1")));
        assert_eq!(bucket(ip("::ffff:192.0.2.1")), ClientKey(ip("192.0.2.1")));
    }

    #[test]
    fn a_refusal_is_logged_once_a_minute_per_client() {
        let mut log = RefusalLog::default();
        let start = Instant::now();
        let a = ClientKey(ip("192.0.2.1"));
        let b = ClientKey(ip("192.0.2.2"));
        assert!(log.should_log(a, start));
        assert!(!log.should_log(a, start + Duration::from_secs(59)));
        assert!(log.should_log(b, start + Duration::from_secs(1)));
        assert!(log.should_log(a, start + Duration::from_secs(60)));
        assert!(!log.should_log(a, start + Duration::from_secs(61)));
    }

    #[test]
    fn a_burst_past_the_limit_is_refused_by_count() {
        let limiter = Limiter::new(
            Limit::NewShares,
            RateLimit {
                every: Duration::from_secs(3600),
                burst: 3,
            },
        );
        let a = ClientKey(ip("192.0.2.1"));
        let results: Vec<bool> = (0..5).map(|_| limiter.check(a).is_ok()).collect();
        assert_eq!(results, [true, true, true, false, false]);
        assert!(limiter.check(ClientKey(ip("192.0.2.2"))).is_ok());
        assert!(
            Limiter::new(Limit::Requests, RateLimit::OFF)
                .check(a)
                .is_ok()
        );
    }
}
