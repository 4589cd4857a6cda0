//! Limits as a client on the network meets them: the real server on loopback.

mod common;

use common::{Backend, TestApp, serve_on_loopback, settings};
use reqwest::StatusCode;
use serde_json::Value;
use server::{RateLimit, Settings};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn server(options: Settings) -> (SocketAddr, TestApp) {
    let test = TestApp::with(&Backend::Sqlite, options).await;
    (serve_on_loopback(test.router.clone()).await, test)
}

/// Sends raw bytes, answers the status line of the reply.
async fn raw(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    // The server may answer and close before it has read everything; that is fine.
    let _ = stream.write_all(request).await;
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply).await;
    String::from_utf8_lossy(&reply)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_50_megabyte_upload_over_http_is_answered_413_json() {
    let (addr, _test) = server(Settings {
        body_limit: 2 * 1024 * 1024,
        ..settings()
    })
    .await;
    let body = format!(
        r#"{{"v":1,"ciphertext":"{}"}}"#,
        "A".repeat(50 * 1024 * 1024)
    );
    let response = reqwest::Client::new()
        .post(format!("http://{addr}/api/maps"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json: Value = response.json().await.unwrap();
    assert!(json["message"].as_str().unwrap().contains("too large"));
}

#[tokio::test]
async fn huge_or_too_many_headers_are_refused_with_431() {
    let (addr, _test) = server(settings()).await;
    let big = format!(
        "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(512 * 1024)
    );
    assert_eq!(
        raw(addr, big.as_bytes()).await,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    let mut many = String::from("GET /api/health HTTP/1.1\r\nHost: x\r\n");
    for i in 0..200 {
        many.push_str(&format!("X-H{i}: v\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(
        raw(addr, many.as_bytes()).await,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    // And an ordinary request still gets through.
    assert_eq!(
        raw(
            addr,
            b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .await,
        "HTTP/1.1 200 OK"
    );
}

#[tokio::test]
async fn the_rate_limit_counts_per_peer_address_over_http() {
    let (addr, _test) = server(Settings {
        // A refill an hour away: exactly the burst gets through, however slow the machine is.
        rate_limit: RateLimit {
            every: Duration::from_secs(3600),
            burst: 5,
        },
        ..settings()
    })
    .await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let response = client
            .get(format!("http://{addr}/api/health"))
            .send()
            .await
            .unwrap();
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key("retry-after"));
            let json: Value = response.json().await.unwrap();
            assert!(json["message"].as_str().unwrap().contains("Too many"));
        }
    }
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(limited, 3, "{statuses:?}");
    assert!(
        statuses[..5].iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
}
