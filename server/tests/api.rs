//! The router driven without a socket (`oneshot`), against a real SQLite file in a temporary
//! folder and, when `TRASEU_TEST_POSTGRES_URL` is set, a fresh PostgreSQL database too.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Backend, TestApp, backends, ciphertext};
use http_body_util::BodyExt;
use model::sealed::{OpenError, ShareKey};
use model::share::{ShareId, encode_base64url};
use serde_json::json;
use server::{AppState, RateLimit, Store, app};
use tempfile::TempDir;
use tower::ServiceExt;

async fn setup() -> (Router, TempDir) {
    let test = TestApp::new(&Backend::Sqlite).await;
    (test.router, test.place.dir)
}

async fn get(app: &Router, uri: &str) -> axum::response::Response {
    app.clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body_text(response: axum::response::Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test]
async fn health_answers_ok_and_the_database_file_exists() {
    let (app, dir) = setup().await;
    let response = get(&app, "/api/health").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_text(response).await, r#"{"status":"ok"}"#);
    assert!(dir.path().join("data/test.db").exists());
}

#[tokio::test]
async fn the_app_is_served_with_a_strict_policy_that_allows_its_loader() {
    let (app, _dir) = setup().await;
    let response = get(&app, "/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(
        response.headers()[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff"
    );
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(body_text(response).await.contains("import init"));
}

#[tokio::test]
async fn the_policy_hash_is_the_hash_of_the_inline_loader() {
    use base64::Engine;
    use sha2::Digest;
    let (app, _dir) = setup().await;
    let response = get(&app, "/").await;
    let script = "import init from '/app-0123456789abcdef.js'; init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_compressed() {
    let (app, _dir) = setup().await;
    let response = app
        .oneshot(
            Request::get("/app-0123456789abcdef.js")
                .header(header::ACCEPT_ENCODING, "br")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
}

#[tokio::test]
async fn a_precompressed_copy_is_sent_as_the_build_wrote_it_and_only_to_a_browser_that_takes_it() {
    let (app, dir) = setup().await;
    let dist = dir.path().join("dist");
    let wasm = b"\0asm not compressed by the server".to_vec();
    let brotli = b"the build's own brotli bytes".to_vec();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), &wasm).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.br"), &brotli).unwrap();
    let fetch = |encoding: &'static str| {
        app.clone().oneshot(
            Request::get("/app-0123456789abcdef_bg.wasm")
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .unwrap(),
        )
    };
    let response = fetch("gzip, br").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/wasm");
    // A cache between keeps the brotli copy for browsers that asked for brotli only.
    assert_eq!(response.headers()[header::VARY], "accept-encoding");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body.to_vec(), brotli);
    let response = fetch("identity").await.unwrap();
    assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body.to_vec(), wasm);
}

#[tokio::test]
async fn the_service_worker_and_manifest_come_with_their_types_and_are_always_revalidated() {
    let (app, dir) = setup().await;
    let dist = dir.path().join("dist");
    std::fs::write(dist.join("sw.js"), "const BUILD = \"0123456789abcdef\";").unwrap();
    std::fs::create_dir(dist.join("public")).unwrap();
    std::fs::write(dist.join("public/manifest.webmanifest"), "{}").unwrap();
    for (uri, kind) in [
        ("/sw.js", "text/javascript"),
        ("/public/manifest.webmanifest", "application/manifest+json"),
    ] {
        let response = get(&app, uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(response.headers()[header::CONTENT_TYPE], kind, "{uri}");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-cache",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_policy_lets_the_sites_own_worker_and_manifest_load_and_nothing_else() {
    let (app, _dir) = setup().await;
    let response = get(&app, "/").await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    // Workers fall back to child-src, then script-src, then default-src; manifests to default-src.
    let directive = |name: &str| {
        csp.split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name)?.strip_prefix(' '))
            .map(|sources| sources.split(' ').collect::<Vec<_>>())
    };
    assert_eq!(directive("default-src"), Some(vec!["'self'"]), "{csp}");
    for fallback in ["worker-src", "child-src", "manifest-src"] {
        assert_eq!(directive(fallback), None, "{csp}");
    }
    assert!(
        directive("script-src").unwrap().contains(&"'self'"),
        "{csp}"
    );
}

#[tokio::test]
async fn an_app_route_gets_the_app() {
    let (app, _dir) = setup().await;
    let response = get(&app, "/s/abc").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body_text(response).await.contains("import init"));
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let (app, _dir) = setup().await;
    let response = get(&app, "/api/nope").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    );
    assert_eq!(body_text(response).await, r#"{"message":"Not found."}"#);
}

#[tokio::test]
async fn a_missing_front_end_is_an_error_not_a_blank_page() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.path().join("t.db").display()))
        .await
        .unwrap();
    let state = AppState::new(store, dir.path().join("missing"), common::settings());
    assert!(app(state).is_err());
}

// ---- Sharing: every endpoint and every error, on every backend ----

#[tokio::test]
async fn a_shared_map_reads_back_as_sent() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let text = ciphertext();
        let reply = test
            .send(
                Method::POST,
                "/api/maps",
                None,
                Some(json!({ "v": 1, "ciphertext": text })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", backend.name());
        let id = reply.json["id"].as_str().unwrap();
        let token = reply.json["edit_token"].as_str().unwrap();
        assert_eq!(id.len(), 22);
        assert!(ShareId::parse(id).is_some());
        assert_eq!(token.len(), 43);
        assert_eq!(reply.json["version"], 1);
        assert_eq!(reply.headers[header::LOCATION], format!("/api/maps/{id}"));
        assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");

        let got = test.get(id).await;
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(
            got.json,
            json!({ "v": 1, "ciphertext": text, "version": 1 })
        );
        assert_eq!(got.headers[header::CACHE_CONTROL], "no-store");
    }
}

#[tokio::test]
async fn ids_and_tokens_are_fresh_for_every_map() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let text = ciphertext();
        let (id1, token1) = test.create(&text).await;
        let (id2, token2) = test.create(&text).await;
        assert_ne!(id1, id2);
        assert_ne!(token1, token2);
        assert_ne!(id1, token1[..22]);
    }
}

#[tokio::test]
async fn the_client_cannot_choose_the_id() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let chosen = ShareId::from_bytes([1; 16]).to_string();
        let reply = test
            .send(
                Method::POST,
                "/api/maps",
                None,
                Some(json!({ "v": 1, "ciphertext": ciphertext(), "id": chosen })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED);
        assert_ne!(reply.json["id"], chosen);
        test.get(&chosen).await.assert_error(StatusCode::NOT_FOUND);
        // Nor create at an id of its choosing with PUT.
        test.update(&chosen, Some(&encode_base64url(&[1; 32])), &ciphertext(), 1)
            .await
            .assert_error(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_owner_updates_with_the_token_and_the_version_goes_up() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let (id, token) = test.create(&ciphertext()).await;
        let second = ciphertext();
        let reply = test.update(&id, Some(&token), &second, 1).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(reply.json, json!({ "version": 2 }));
        let third = ciphertext();
        let reply = test.update(&id, Some(&token), &third, 2).await;
        assert_eq!(reply.json, json!({ "version": 3 }));
        let got = test.get(&id).await;
        assert_eq!(
            got.json,
            json!({ "v": 1, "ciphertext": third, "version": 3 })
        );
    }
}

#[tokio::test]
async fn an_update_without_the_token_is_forbidden() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let text = ciphertext();
        let (id, _token) = test.create(&text).await;
        test.update(&id, None, &ciphertext(), 1)
            .await
            .assert_error(StatusCode::FORBIDDEN);
        assert_eq!(test.get(&id).await.json["ciphertext"], text);
    }
}

#[tokio::test]
async fn an_update_with_a_wrong_or_malformed_token_is_forbidden() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let text = ciphertext();
        let (id, token) = test.create(&text).await;
        let (_other_id, other_token) = test.create(&text).await;
        let mut flipped = token.clone().into_bytes();
        flipped[0] = if flipped[0] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        for wrong in [
            other_token.as_str(),
            flipped.as_str(),
            &token[..42],
            "",
            "not a token",
        ] {
            test.update(&id, Some(wrong), &ciphertext(), 1)
                .await
                .assert_error(StatusCode::FORBIDDEN);
        }
        // The token only in another scheme is no token.
        let request = Request::put(format!("/api/maps/{id}"))
            .header(header::AUTHORIZATION, format!("Basic {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({ "v": 1, "ciphertext": ciphertext(), "base_version": 1 }).to_string(),
            ))
            .unwrap();
        test.call(request).await.assert_error(StatusCode::FORBIDDEN);
        let got = test.get(&id).await;
        assert_eq!(got.json["ciphertext"], text);
        assert_eq!(got.json["version"], 1);
    }
}

#[tokio::test]
async fn a_stale_update_is_refused_with_the_current_version() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let (id, token) = test.create(&ciphertext()).await;
        let newer = ciphertext();
        assert_eq!(
            test.update(&id, Some(&token), &newer, 1).await.status,
            StatusCode::OK
        );
        let stale = test.update(&id, Some(&token), &ciphertext(), 1).await;
        stale.assert_error(StatusCode::PRECONDITION_FAILED);
        assert_eq!(stale.json["current_version"], 2);
        // From the future, too.
        let future = test.update(&id, Some(&token), &ciphertext(), 9).await;
        future.assert_error(StatusCode::PRECONDITION_FAILED);
        assert_eq!(future.json["current_version"], 2);
        let huge = test
            .update(&id, Some(&token), &ciphertext(), u64::MAX)
            .await;
        huge.assert_error(StatusCode::PRECONDITION_FAILED);
        assert_eq!(test.get(&id).await.json["ciphertext"], newer);
    }
}

#[tokio::test]
async fn a_stale_update_with_a_wrong_token_says_forbidden_not_the_version() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let (id, _token) = test.create(&ciphertext()).await;
        let wrong = encode_base64url(&[3; 32]);
        let reply = test.update(&id, Some(&wrong), &ciphertext(), 7).await;
        reply.assert_error(StatusCode::FORBIDDEN);
        assert!(reply.json.get("current_version").is_none());
    }
}

#[tokio::test]
async fn a_deleted_map_is_gone_not_unknown() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let (id, token) = test.create(&ciphertext()).await;
        let reply = test.delete(&id, Some(&token)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
        assert_eq!(reply.text, "");
        test.get(&id).await.assert_error(StatusCode::GONE);
        test.update(&id, Some(&token), &ciphertext(), 1)
            .await
            .assert_error(StatusCode::GONE);
        test.delete(&id, Some(&token))
            .await
            .assert_error(StatusCode::GONE);
        // The ciphertext is dropped; the id stays, as a tombstone.
        let stored = test.store.get(&id).await.unwrap().unwrap();
        assert!(stored.removed);
        assert!(stored.ciphertext.is_empty());
    }
}

#[tokio::test]
async fn a_delete_without_the_right_token_is_forbidden() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let text = ciphertext();
        let (id, _token) = test.create(&text).await;
        test.delete(&id, None)
            .await
            .assert_error(StatusCode::FORBIDDEN);
        test.delete(&id, Some(&encode_base64url(&[5; 32])))
            .await
            .assert_error(StatusCode::FORBIDDEN);
        assert_eq!(test.get(&id).await.json["ciphertext"], text);
    }
}

#[tokio::test]
async fn an_unknown_id_is_not_found_for_every_method() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let unknown = ShareId::from_bytes([42; 16]).to_string();
        let token = encode_base64url(&[1; 32]);
        test.get(&unknown).await.assert_error(StatusCode::NOT_FOUND);
        test.update(&unknown, Some(&token), &ciphertext(), 1)
            .await
            .assert_error(StatusCode::NOT_FOUND);
        test.delete(&unknown, Some(&token))
            .await
            .assert_error(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_malformed_id_is_not_found_without_asking_the_database() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        // With the database closed, any query would fail with a 500.
        test.store.close().await;
        let token = encode_base64url(&[1; 32]);
        for bad in [
            "abc",
            "AAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAA%2BA",
            "AAAAAAAAAAAAAAAAAAAA.A",
            "%27%20OR%201%3D1%20--%20AAAAAAAAA",
        ] {
            let reply = test.get(bad).await;
            reply.assert_error(StatusCode::NOT_FOUND);
            test.update(bad, Some(&token), &ciphertext(), 1)
                .await
                .assert_error(StatusCode::NOT_FOUND);
            test.delete(bad, Some(&token))
                .await
                .assert_error(StatusCode::NOT_FOUND);
        }
        // Whereas a well-formed id does ask, and the closed database says so generically.
        let reply = test.get(&ShareId::from_bytes([9; 16]).to_string()).await;
        reply.assert_error(StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(reply.json["message"], "Something went wrong on the server.");
    }
}

#[tokio::test]
async fn malformed_envelopes_are_refused_with_422() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let short = encode_base64url(&[0; 27]);
        let cases = [
            json!({ "v": 1, "ciphertext": "not base64!" }),
            json!({ "v": 1, "ciphertext": "AAAA====" }),
            json!({ "v": 1, "ciphertext": "AAAA+/AA".repeat(8) }),
            json!({ "v": 1, "ciphertext": short }),
            json!({ "v": 1, "ciphertext": "" }),
            json!({ "v": 2, "ciphertext": ciphertext() }),
            json!({ "v": 0, "ciphertext": ciphertext() }),
            // Wrong shapes (axum's rejection, in our error shape).
            json!({ "v": 1 }),
            json!({ "ciphertext": ciphertext() }),
            json!({ "v": "1", "ciphertext": ciphertext() }),
            json!({ "v": 1, "ciphertext": 12 }),
            json!([1, 2]),
        ];
        for body in &cases {
            let reply = test
                .send(Method::POST, "/api/maps", None, Some(body.clone()))
                .await;
            reply.assert_error(StatusCode::UNPROCESSABLE_ENTITY);
        }
        let reply = test
            .send(
                Method::POST,
                "/api/maps",
                None,
                Some(json!({ "v": 2, "ciphertext": ciphertext() })),
            )
            .await;
        assert!(
            reply.json["message"]
                .as_str()
                .unwrap()
                .contains("envelope version 2"),
            "{}",
            reply.text
        );
        let reply = test
            .send(
                Method::POST,
                "/api/maps",
                None,
                Some(json!({ "v": 1, "ciphertext": short })),
            )
            .await;
        assert!(
            reply.json["message"]
                .as_str()
                .unwrap()
                .contains("too short")
        );

        // Updates are checked the same way, and need a base version.
        let (id, token) = test.create(&ciphertext()).await;
        for body in [
            json!({ "v": 2, "ciphertext": ciphertext(), "base_version": 1 }),
            json!({ "v": 1, "ciphertext": "!!", "base_version": 1 }),
            json!({ "v": 1, "ciphertext": short, "base_version": 1 }),
            json!({ "v": 1, "ciphertext": ciphertext(), "base_version": 0 }),
            json!({ "v": 1, "ciphertext": ciphertext() }),
            json!({ "v": 1, "ciphertext": ciphertext(), "base_version": -1 }),
        ] {
            test.send(
                Method::PUT,
                &format!("/api/maps/{id}"),
                Some(&token),
                Some(body),
            )
            .await
            .assert_error(StatusCode::UNPROCESSABLE_ENTITY);
        }
        assert_eq!(test.get(&id).await.json["version"], 1);
    }
}

#[tokio::test]
async fn bodies_that_are_not_json_get_json_errors() {
    let test = TestApp::new(&Backend::Sqlite).await;
    let post = |content_type: Option<&str>, body: &str| {
        let mut request = Request::post("/api/maps");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        request.body(Body::from(body.to_owned())).unwrap()
    };
    test.call(post(Some("application/json"), "{\"v\": 1, "))
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    test.call(post(Some("application/json"), "not json"))
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    test.call(post(Some("text/plain"), r#"{"v":1,"ciphertext":"AAAA"}"#))
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    test.call(post(None, r#"{"v":1,"ciphertext":"AAAA"}"#))
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A refusal never repeats the body.
    let secret = "SECRET-CIPHERTEXT-MARKER";
    let reply = test
        .call(post(
            Some("application/json"),
            &format!(r#"{{"v":1,"ciphertext":{{"x":"{secret}"}}}}"#),
        ))
        .await;
    reply.assert_error(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!reply.text.contains(secret));
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_json() {
    let test = TestApp::with(
        &Backend::Sqlite,
        server::Settings {
            body_limit: 4096,
            ..common::settings()
        },
    )
    .await;
    let big = encode_base64url(&vec![7; 4096]);
    let reply = test
        .send(
            Method::POST,
            "/api/maps",
            None,
            Some(json!({ "v": 1, "ciphertext": big })),
        )
        .await;
    reply.assert_error(StatusCode::PAYLOAD_TOO_LARGE);
    let (id, token) = test.create(&ciphertext()).await;
    test.update(&id, Some(&token), &big, 1)
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE);
    // Just under the limit is fine.
    let fits = encode_base64url(&vec![7; 2900]);
    assert_eq!(
        test.update(&id, Some(&token), &fits, 1).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_50_megabyte_body_is_413_json_with_the_default_limit() {
    let test = TestApp::with(
        &Backend::Sqlite,
        server::Settings {
            body_limit: 2 * 1024 * 1024,
            ..common::settings()
        },
    )
    .await;
    let body = format!(
        r#"{{"v":1,"ciphertext":"{}"}}"#,
        "A".repeat(50 * 1024 * 1024)
    );
    // With the length declared, and streamed without one.
    let declared = Request::post("/api/maps")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body.clone()))
        .unwrap();
    test.call(declared)
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body
        .into_bytes()
        .chunks(1024 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let streamed = Request::post("/api/maps")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    test.call(streamed)
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn too_many_requests_from_one_client_get_429_with_retry_after() {
    let test = TestApp::with(
        &Backend::Sqlite,
        server::Settings {
            // A refill an hour away: the counts below hold however slow the machine is.
            rate_limit: RateLimit {
                every: std::time::Duration::from_secs(3600),
                burst: 3,
            },
            ..common::settings()
        },
    )
    .await;
    for _ in 0..3 {
        assert_eq!(test.get("abc").await.status, StatusCode::NOT_FOUND);
    }
    let reply = test.get("abc").await;
    reply.assert_error(StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.headers.contains_key(header::RETRY_AFTER));
    // Another client (by peer address) has its own allowance; static files are not limited.
    let from =
        |ip: [u8; 4]| {
            let mut request = Request::get("/api/health").body(Body::empty()).unwrap();
            request.extensions_mut().insert(axum::extract::ConnectInfo(
                std::net::SocketAddr::from((ip, 40000)),
            ));
            request
        };
    for _ in 0..3 {
        assert_eq!(test.call(from([10, 0, 0, 2])).await.status, StatusCode::OK);
    }
    test.call(from([10, 0, 0, 2]))
        .await
        .assert_error(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(test.call(from([10, 0, 0, 3])).await.status, StatusCode::OK);
    assert_eq!(
        test.call(Request::get("/").body(Body::empty()).unwrap())
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_api_answers_no_cors_and_json_for_a_wrong_method() {
    let test = TestApp::new(&Backend::Sqlite).await;
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/maps")
        .header(header::ORIGIN, "https://elsewhere.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .body(Body::empty())
        .unwrap();
    let reply = test.call(preflight).await;
    assert!(
        !reply
            .headers
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    );
    reply.assert_error(StatusCode::METHOD_NOT_ALLOWED);
    test.send(
        Method::PATCH,
        &format!("/api/maps/{}", ShareId::from_bytes([1; 16])),
        None,
        None,
    )
    .await
    .assert_error(StatusCode::METHOD_NOT_ALLOWED);
}

/// A real map sealed as the browser seals it (deflated, then AES-256-GCM): answers the map's
/// file-format JSON, the key and the text to send.
fn sealed_map(title: &str) -> (String, ShareKey, String) {
    let mut next = 0;
    let map = model::templates::new_map(
        model::templates::Template::Saas,
        model::map::Locale::En,
        title,
        chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
        &mut || {
            next += 1;
            format!("id{next}")
        },
    );
    let mut key = [0u8; 32];
    let mut iv = [0u8; 12];
    getrandom::fill(&mut key).unwrap();
    getrandom::fill(&mut iv).unwrap();
    let key = ShareKey::from_bytes(key);
    let sealed = model::sealed::seal(&map, &key, iv);
    (model::format::to_json(&map), key, encode_base64url(&sealed))
}

#[tokio::test]
async fn the_server_stores_only_ciphertext_never_the_map() {
    let marker = "PLAINTEXT-MARKER-7b1e";
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let (json, key, text) = sealed_map(&format!("Checkout journey of {marker}"));
        let (id, token) = test.create(&text).await;
        let (_, key2, text2) = sealed_map(&format!("Second version of {marker}"));
        assert_eq!(
            test.update(&id, Some(&token), &text2, 1).await.status,
            StatusCode::OK
        );
        let (id3, _) = test.create(&text).await;

        // The row holds exactly the bytes the browser sent.
        let stored = test.store.get(&id).await.unwrap().unwrap();
        assert_eq!(encode_base64url(&stored.ciphertext), text2);
        let first = test.store.get(&id3).await.unwrap().unwrap().ciphertext;
        assert_eq!(encode_base64url(&first), text);
        for bytes in [&stored.ciphertext, &first] {
            assert!(!contains(bytes, marker.as_bytes()));
            // Encrypted, not merely deflated: what follows the IV does not unpack to the map.
            let unpacked = miniz_oxide::inflate::decompress_to_vec(&bytes[12..]);
            assert!(
                unpacked.is_err() || !contains(&unpacked.unwrap_or_default(), marker.as_bytes()),
                "the stored bytes inflate to the map"
            );
        }
        // Only the key opens it: another key is refused, the right one gives the map back.
        assert!(matches!(
            model::sealed::open(&first, &key2),
            Err(OpenError::WrongKey)
        ));
        let opened = model::sealed::open(&first, &key).unwrap();
        assert_eq!(model::format::to_json(&opened.map), json);
        assert!(json.contains(marker));

        // Nor the token: only its SHA-256.
        let token_bytes = model::share::decode_base64url(&token).unwrap();
        assert_eq!(stored.edit_token_hash.len(), 32);
        assert!(!contains(&stored.edit_token_hash, &token_bytes));
        assert_ne!(stored.edit_token_hash, token.as_bytes());

        // Nothing in the database files on disk holds the plaintext or the token either.
        if let Some(file) = test.place.sqlite_file() {
            for name in ["", "-wal", "-shm"] {
                let path = format!("{}{name}", file.display());
                if let Ok(raw) = std::fs::read(&path) {
                    assert!(!contains(&raw, marker.as_bytes()), "{path}");
                    assert!(!contains(&raw, token.as_bytes()), "{path}");
                    assert!(!contains(&raw, &token_bytes), "{path}");
                }
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
