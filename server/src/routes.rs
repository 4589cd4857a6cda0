use crate::error::{ApiError, AppJson};
use crate::limit::{self, ClientKey, Gate, Limit, Limiter};
use crate::store::StoredMap;
use crate::{AppState, headers, live, secret};
use axum::extract::{DefaultBodyLimit, Extension, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use model::live_wire::{Closed, EditCapability, EditLink};
use model::share::{CreateMap, Created, EditToken, ShareId, SharedMap, UpdateMap, Updated};
use serde_json::{Value, json};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub fn router(state: AppState) -> Router {
    // The build writes brotli and gzip copies of its files (scripts/precompress.mjs); they are
    // sent as they are, and the compression layer leaves an encoded answer alone.
    let index = ServeFile::new(state.dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    // Every path that is not a file is a route of the app (a share link, say): it gets the app.
    let files = ServeDir::new(&state.dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    // Which copy is sent depends on the request's Accept-Encoding, and a cache in between must
    // know it (the compression layer says so only of what it compresses itself).
    let files = tower::Layer::layer(
        &SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ),
        files,
    );
    let gate = Gate {
        limiter: Limiter::new(Limit::Requests, state.settings.rate_limit),
        trusted: state.settings.trusted_proxies.clone().into(),
    };
    let api = Router::new()
        .route("/health", get(health_get))
        .route("/maps", post(maps_create))
        .route(
            "/maps/{id}",
            get(maps_get).put(maps_update).delete(maps_delete),
        )
        .route(
            "/maps/{id}/edit-link",
            post(edit_link_create).delete(edit_link_delete),
        )
        .route("/maps/{id}/live", get(live::connect))
        .fallback(api_not_found)
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(gate, limit::limit))
        // Answers about shared maps are never kept by a browser or a proxy.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    Router::new()
        .nest("/api", api)
        .fallback_service(files)
        .layer(axum::middleware::from_fn(headers::cache_control))
        .layer(DefaultBodyLimit::max(state.settings.body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.settings.request_timeout,
            request_timeout,
        ))
        // Method, path and status only: never headers (the edit token) or bodies (ciphertext).
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A request not read and answered within the time is cut short with `408`, so a client that
/// sends its body a byte a minute does not hold a handler.
async fn request_timeout(
    State(limit): State<std::time::Duration>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::TimedOut.into_response(),
    }
}

async fn health_get(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.store.ping().await?;
    Ok(Json(json!({ "status": "ok" })))
}

/// `POST /api/maps`: stores a new encrypted map and answers its id and edit token. Both are
/// minted here from the OS's random number generator; the server keeps only the token's hash.
async fn maps_create(
    State(state): State<AppState>,
    Extension(client): Extension<ClientKey>,
    AppJson(body): AppJson<CreateMap>,
) -> Result<Response, ApiError> {
    let ciphertext = body.check()?;
    state.quota.check(client)?;
    let id = ShareId::from_bytes(secret::random()?);
    let token = EditToken::from_bytes(secret::random()?);
    let stored = state
        .store
        .create(
            id.as_str(),
            &ciphertext,
            &secret::hash(token.bytes()),
            now_ms(),
            state.settings.storage_cap,
        )
        .await?;
    if !stored {
        return Err(storage_full(&state, client));
    }
    tracing::info!(%id, bytes = ciphertext.len(), "map shared");
    let location = HeaderValue::from_str(&format!("/api/maps/{id}"))
        .expect("an id is base64url, so a valid header value");
    let created = Created {
        id: id.to_string(),
        edit_token: token.reveal(),
        version: 1,
    };
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(created),
    )
        .into_response())
}

/// `GET /api/maps/{id}`: the encrypted map, as stored.
async fn maps_get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<SharedMap>, ApiError> {
    let id = parse_id(&id)?;
    let map = live_map(&state, &id).await?;
    state.store.touch(id.as_str(), now_ms()).await?;
    Ok(Json(SharedMap::new(&map.ciphertext, version(map.version))))
}

/// `PUT /api/maps/{id}`: replaces the map if the caller holds its edit token and saw the
/// latest version; otherwise `412` with the version to load first.
async fn maps_update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Extension(client): Extension<ClientKey>,
    headers: HeaderMap,
    AppJson(body): AppJson<UpdateMap>,
) -> Result<Json<Updated>, ApiError> {
    let id = parse_id(&id)?;
    let ciphertext = body.check()?;
    let map = live_map(&state, &id).await?;
    authorise(&headers, &map)?;
    // A version too large for the database cannot be the current one.
    let base = i64::try_from(body.base_version).unwrap_or(-1);
    match state
        .store
        .update_if_version(
            id.as_str(),
            base,
            &ciphertext,
            now_ms(),
            state.settings.storage_cap,
        )
        .await?
    {
        Some(new) => {
            tracing::info!(%id, version = new, bytes = ciphertext.len(), "map updated");
            Ok(Json(Updated {
                version: version(new),
            }))
        }
        None => {
            let map = live_map(&state, &id).await?;
            if map.version == base {
                return Err(storage_full(&state, client));
            }
            Err(ApiError::Conflict {
                current_version: version(map.version),
            })
        }
    }
}

/// `DELETE /api/maps/{id}`: stops sharing. The ciphertext is dropped; the id stays as a
/// tombstone so the link answers `410 Gone` from then on.
async fn maps_delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let id = parse_id(&id)?;
    let map = live_map(&state, &id).await?;
    authorise(&headers, &map)?;
    if !state.store.remove(id.as_str(), now_ms()).await? {
        return Err(ApiError::MapRemoved);
    }
    state
        .live
        .close_map(id.as_str(), Closed::NoLongerShared)
        .await;
    tracing::info!(%id, "map no longer shared");
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/maps/{id}/edit-link` (owner's token): mints a new edit capability, keeps its
/// hash, and closes the live sessions opened with the one it replaces.
async fn edit_link_create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    authorise(&headers, &live_map(&state, &id).await?)?;
    let capability = EditCapability::from_bytes(secret::random()?);
    let hash = secret::hash(capability.bytes());
    set_edit_capability(&state, &id, Some(&hash), Closed::EditLinkReplaced).await?;
    tracing::info!(%id, "edit link made");
    let link = EditLink {
        edit_link: capability.reveal(),
    };
    Ok((StatusCode::CREATED, Json(link)).into_response())
}

/// `DELETE /api/maps/{id}/edit-link` (owner's token): no edit link any more; its live
/// sessions are closed.
async fn edit_link_delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let id = parse_id(&id)?;
    authorise(&headers, &live_map(&state, &id).await?)?;
    set_edit_capability(&state, &id, None, Closed::EditLinkRemoved).await?;
    tracing::info!(%id, "edit link removed");
    Ok(StatusCode::NO_CONTENT)
}

async fn set_edit_capability(
    state: &AppState,
    id: &ShareId,
    hash: Option<&[u8]>,
    closing: Closed,
) -> Result<(), ApiError> {
    let generation = state
        .store
        .set_edit_capability(id.as_str(), hash, now_ms())
        .await?
        .ok_or(ApiError::MapRemoved)?;
    state.live.revoke(id.as_str(), generation, closing).await;
    Ok(())
}

fn storage_full(state: &AppState, client: ClientKey) -> ApiError {
    limit::log_refusal(&state.refusals, client, Limit::StorageCap);
    ApiError::StorageFull
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// A malformed id names no map; the database is not asked.
fn parse_id(text: &str) -> Result<ShareId, ApiError> {
    ShareId::parse(text).ok_or(ApiError::MapNotFound)
}

/// The stored map, if it exists and is still shared.
async fn live_map(state: &AppState, id: &ShareId) -> Result<StoredMap, ApiError> {
    match state.store.get(id.as_str()).await? {
        None => Err(ApiError::MapNotFound),
        Some(map) if map.removed => Err(ApiError::MapRemoved),
        Some(map) => Ok(map),
    }
}

/// The owner's edit token (`Authorization: Bearer …`), checked against the stored hash.
fn authorise(headers: &HeaderMap, map: &StoredMap) -> Result<(), ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(EditToken::from_authorization)
        .ok_or(ApiError::Forbidden)?;
    if secret::matches(token.bytes(), &map.edit_token_hash) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn version(stored: i64) -> u64 {
    u64::try_from(stored).unwrap_or(0)
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
