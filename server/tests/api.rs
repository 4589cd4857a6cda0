//! The router driven without a socket, against a real SQLite file in a temporary folder.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::{AppState, Store, app};
use tempfile::TempDir;
use tower::ServiceExt;

const INDEX: &str = "<!doctype html><html><head>\
    <script type=\"module\">import init from '/app-0123456789abcdef.js'; init();</script>\
    </head><body></body></html>";

async fn setup() -> (Router, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(
        dist.join("app-0123456789abcdef.js"),
        "export default 1;".repeat(200),
    )
    .unwrap();
    let url = format!("sqlite://{}", dir.path().join("data/test.db").display());
    let store = Store::open(&url).await.unwrap();
    store.migrate().await.unwrap();
    let state = AppState {
        store,
        dist,
        body_limit: 1024,
    };
    (app(state).unwrap(), dir)
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
    let state = AppState {
        store,
        dist: dir.path().join("missing"),
        body_limit: 1024,
    };
    assert!(app(state).is_err());
}
