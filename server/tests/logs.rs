//! The server's logs, at their most detailed, never hold a ciphertext or an edit token.
//! (Its own test binary: it installs the process-wide log subscriber.)

mod common;

use common::{Backend, TestApp, ciphertext};
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_never_contain_ciphertext_or_tokens() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();

    let mut secrets = Vec::new();
    for backend in common::backends() {
        let test = TestApp::new(&backend).await;
        let first = ciphertext();
        let (id, token) = test.create(&first).await;
        let second = ciphertext();
        test.update(&id, Some(&token), &second, 1).await;
        test.update(&id, Some(&token), &ciphertext(), 1).await; // stale
        test.update(&id, Some("wrong"), &ciphertext(), 2).await;
        test.get(&id).await;
        test.delete(&id, Some(&token)).await;
        test.get(&id).await;
        secrets.extend([first, second, token]);
        if matches!(backend, Backend::Sqlite) {
            // Refused bodies are not logged either.
            test.send(
                axum::http::Method::POST,
                "/api/maps",
                None,
                Some(serde_json::json!({ "v": 2, "ciphertext": "LEAKED-IF-LOGGED-ciphertext" })),
            )
            .await;
            secrets.push("LEAKED-IF-LOGGED-ciphertext".to_owned());
        }
    }

    // A client over the rate limit is named in the log once a minute, however often refused.
    let limited = TestApp::with(
        &Backend::Sqlite,
        server::Settings {
            rate_limit: server::RateLimit {
                every: std::time::Duration::from_secs(3600),
                burst: 1,
            },
            ..common::settings()
        },
    )
    .await;
    for _ in 0..5 {
        let mut request = axum::http::Request::get("/api/health")
            .body(axum::body::Body::empty())
            .unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [192, 0, 2, 77],
                40000,
            ))));
        limited.call(request).await;
    }

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let refusals: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("request refused"))
        .collect();
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(refusals[0].contains("client=192.0.2.77"), "{}", refusals[0]);
    assert!(logs.contains("map shared"), "the logs were captured");
    assert!(logs.contains("map updated"));
    assert!(logs.contains("UPDATE maps"), "the queries were logged");
    assert!(
        logs.contains("finished processing request"),
        "the requests were traced"
    );
    for secret in &secrets {
        assert!(
            !logs.contains(secret.as_str()),
            "found {secret} in:\n{logs}"
        );
        // Nor a recognisable piece of one.
        assert!(!logs.contains(&secret[..20]), "found part of {secret}");
    }
}
