use crate::limit::Limit;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::share::{Conflict, EnvelopeError, ErrorBody};

/// Every error the API answers with, as `{ "message": … }` in plain language (a stale update
/// adds `current_version`). Internal failures are logged and answered generically, so nothing
/// about the database leaks. No message ever repeats a ciphertext or a token.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("no such shared map")]
    MapNotFound,
    #[error("the shared map was removed")]
    MapRemoved,
    #[error("missing or wrong edit token")]
    Forbidden,
    #[error("stale base version (current {current_version})")]
    Conflict { current_version: u64 },
    #[error("bad envelope: {0}")]
    BadEnvelope(#[from] EnvelopeError),
    /// A body axum could not take: too large, not JSON, wrong content type, wrong shape.
    #[error("bad request body ({status})")]
    BadBody { status: StatusCode },
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The live address asked for without a WebSocket upgrade.
    #[error("not a WebSocket request")]
    NotWebSocket,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64, limit: Limit },
    /// The storage cap (`--storage-cap`) would be passed.
    #[error("storage full")]
    StorageFull,
    /// The request (its body included) was not in within `--request-timeout`.
    #[error("request timed out")]
    TimedOut,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Something the server needs failed (already logged where it happened).
    #[error("internal failure")]
    Unavailable,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound | ApiError::MapNotFound => StatusCode::NOT_FOUND,
            ApiError::MapRemoved => StatusCode::GONE,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::Conflict { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::BadEnvelope(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadBody { status } => *status,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::NotWebSocket => StatusCode::UPGRADE_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::TimedOut => StatusCode::REQUEST_TIMEOUT,
            ApiError::Db(_) | ApiError::Unavailable => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::NotFound => "Not found.".to_owned(),
            ApiError::MapNotFound => {
                "There is no shared map at this link. Check that the whole link was copied."
                    .to_owned()
            }
            ApiError::MapRemoved => "The owner of this map has stopped sharing it.".to_owned(),
            ApiError::Forbidden => {
                "This link does not allow changing the map. Only the person who shared it can."
                    .to_owned()
            }
            ApiError::Conflict { .. } => {
                "Someone saved a newer version of this map. Load it, then make your change again."
                    .to_owned()
            }
            ApiError::BadEnvelope(e) => {
                let mut text = e.to_string();
                if let Some(first) = text.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                format!("{text}.")
            }
            ApiError::BadBody { status } => match *status {
                StatusCode::PAYLOAD_TOO_LARGE => {
                    "The map is too large to share from this server.".to_owned()
                }
                StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                    "Send the map as JSON, with the header Content-Type: application/json."
                        .to_owned()
                }
                StatusCode::BAD_REQUEST => "The request body is not valid JSON.".to_owned(),
                _ => "The request is JSON but not a shared map: a field is missing or has the \
                      wrong type."
                    .to_owned(),
            },
            ApiError::MethodNotAllowed => "This address does not accept that method.".to_owned(),
            ApiError::NotWebSocket => "Open this address as a WebSocket.".to_owned(),
            ApiError::TooManyRequests {
                limit: Limit::NewShares,
                ..
            } => "Your address has shared as many new maps as this server allows in an hour. \
                  Try again later, or update a map you already shared."
                .to_owned(),
            ApiError::TooManyRequests { .. } => {
                "Too many requests from your address. Wait a moment and try again.".to_owned()
            }
            ApiError::StorageFull => "This server has no room for more shared maps. \
                Try again later, or ask its administrator."
                .to_owned(),
            ApiError::TimedOut => {
                "The request took too long to arrive. Check the connection and try again."
                    .to_owned()
            }
            ApiError::Db(_) | ApiError::Unavailable => {
                "Something went wrong on the server.".to_owned()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = self.message();
        match &self {
            ApiError::Db(e) => tracing::error!(error = %e, "database error"),
            ApiError::BadBody { .. } | ApiError::BadEnvelope(_) => {
                // Only the kind of refusal: the body itself is never logged.
                tracing::debug!(%status, "request body refused");
            }
            _ => {}
        }
        let mut response = match self {
            ApiError::Conflict { current_version } => (
                status,
                Json(Conflict {
                    message,
                    current_version,
                }),
            )
                .into_response(),
            _ => (status, Json(ErrorBody { message })).into_response(),
        };
        if let ApiError::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        // axum says 400 for bad syntax, 413 for too large, 415 for the wrong content type and
        // 422 for JSON of the wrong shape; its own texts may quote the body, so they are dropped.
        ApiError::BadBody {
            status: rejection.status(),
        }
    }
}

/// `axum::Json`, but a refused body gets our error shape.
pub struct AppJson<T>(pub T);

impl<T, S> FromRequest<S> for AppJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(value) = Json::<T>::from_request(request, state).await?;
        Ok(AppJson(value))
    }
}
