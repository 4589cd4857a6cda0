use crate::error::ApiError;
use crate::{AppState, headers};
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use tower_http::services::{ServeDir, ServeFile};

pub fn router(state: AppState) -> Router {
    let index = ServeFile::new(state.dist.join("index.html"));
    // Every path that is not a file is a route of the app (a share link, say): it gets the app.
    let files = ServeDir::new(&state.dist).fallback(index);
    let api = Router::new()
        .route("/health", get(health_get))
        .fallback(api_not_found);
    Router::new()
        .nest("/api", api)
        .fallback_service(files)
        .layer(axum::middleware::from_fn(headers::cache_control))
        .layer(DefaultBodyLimit::max(state.body_limit))
        .with_state(state)
}

async fn health_get(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.store.ping().await?;
    Ok(Json(json!({ "status": "ok" })))
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound
}
