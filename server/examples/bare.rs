//! The load benchmark's baseline (`bench/load.sh`): the sharing API's two hot routes as bare
//! Axum handlers on the server's own axum and tokio, with no database, rate limit, headers,
//! compression or logging. What the real server costs beyond this is its own work.
//!
//! - `POST /api/maps` parses the body as the real route does (a [`CreateMap`]) and answers
//!   `201` with a fixed [`Created`] of the real size.
//! - `GET /api/maps/{id}` answers, for any id, one [`SharedMap`] serialised at start, whose
//!   ciphertext has `--ciphertext-chars` base64url characters, like a stored map of that size.
//!
//! `cargo run --release -p server --example bare -- --port 0` prints the URL it listens on.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use clap::Parser;
use model::share::{
    CreateMap, Created, EDIT_TOKEN_CHARS, ENVELOPE_VERSION, SHARE_ID_CHARS, SharedMap,
};
use std::sync::Arc;
use tokio::net::TcpListener;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// 0 picks a free port.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Length of the ciphertext `GET` answers (base64url characters).
    #[arg(long, default_value_t = 20_000)]
    ciphertext_chars: usize,
}

#[derive(Clone)]
struct Answers {
    created: Arc<Created>,
    map: Bytes,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let map = SharedMap {
        v: ENVELOPE_VERSION,
        ciphertext: "A".repeat(args.ciphertext_chars),
        version: 1,
    };
    let answers = Answers {
        created: Arc::new(Created {
            id: "i".repeat(SHARE_ID_CHARS),
            edit_token: "t".repeat(EDIT_TOKEN_CHARS),
            version: 1,
        }),
        map: Bytes::from(serde_json::to_vec(&map)?),
    };
    let app = Router::new()
        .route("/api/maps", post(create))
        .route("/api/maps/{id}", get(load))
        .with_state(answers);
    let listener = TcpListener::bind((args.bind.as_str(), args.port)).await?;
    println!(
        "bare baseline is running at http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, app).await
}

/// The extractor reads and parses the whole body; that is the cost measured, so it is unused.
async fn create(State(answers): State<Answers>, _: Json<CreateMap>) -> impl IntoResponse {
    (StatusCode::CREATED, Json(answers.created.as_ref().clone()))
}

async fn load(State(answers): State<Answers>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        answers.map.clone(),
    )
}
