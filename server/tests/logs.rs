//! The server's logs, at their most detailed, never hold a ciphertext, an edit token or an
//! edit capability.
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
        .with_env_filter(server::log_filter(tracing_subscriber::EnvFilter::new(
            "trace",
        )))
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
        secrets.extend(live_session(&test, &id, &token).await);
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
    assert!(logs.contains("live connection opened"));
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

/// A live editor and viewer exchanging an op, a snapshot and presence, and a frame refused
/// for its ciphertext; answers the secrets that went by (the capability and every `c`).
async fn live_session(test: &TestApp, id: &str, token: &str) -> Vec<String> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let addr = common::serve_on_loopback(test.router.clone()).await;
    let reply = test
        .send(
            axum::http::Method::POST,
            &format!("/api/maps/{id}/edit-link"),
            Some(token),
            None,
        )
        .await;
    let capability = reply.json["edit_link"].as_str().unwrap().to_owned();
    let url = format!("ws://{addr}/api/maps/{id}/live");
    let (mut editor, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    let (mut viewer, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    let (op, snapshot, presence) = (ciphertext(), ciphertext(), ciphertext());
    let bad = format!("{}=", ciphertext());
    let hello = serde_json::json!({"t":"hello","v":1});
    viewer.send(Message::text(hello.to_string())).await.unwrap();
    viewer.next().await.unwrap().unwrap(); // its welcome
    for frame in [
        serde_json::json!({"t":"hello","v":1,"edit":capability}),
        serde_json::json!({"t":"op","c":op}),
        serde_json::json!({"t":"snapshot","c":snapshot,"upto":1}),
        serde_json::json!({"t":"presence","c":presence}),
        serde_json::json!({"t":"op","c":bad}),
    ] {
        editor.send(Message::text(frame.to_string())).await.unwrap();
    }
    // The viewer sees the op and the presence; the editor is closed for the bad frame.
    let mut seen = 0;
    while seen < 2 {
        if let Message::Text(text) = viewer.next().await.unwrap().unwrap()
            && (text.contains(&op) || text.contains(&presence))
        {
            seen += 1;
        }
    }
    while let Some(Ok(frame)) = editor.next().await {
        if let Message::Close(close) = frame {
            assert_eq!(u16::from(close.unwrap().code), 4400);
            break;
        }
    }
    vec![capability, op, snapshot, presence, bad]
}
