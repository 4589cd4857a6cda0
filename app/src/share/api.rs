//! The sharing API as the browser calls it (`model::share` has the wire format). Each failure
//! becomes a reason the interface can put in plain words; the server's own English message is
//! not shown, because the person may be reading Romanian.

use model::live_wire::EditLink;
use model::share::{
    Conflict, CreateMap, Created, ENVELOPE_VERSION, SharedMap, UpdateMap, Updated, encode_base64url,
};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: no network, or the server is down.
    Offline,
    TooLarge,
    /// Too many requests: wait `minutes` (none: a few seconds).
    RateLimited {
        minutes: u32,
    },
    /// The server has no room for more shared maps.
    ServerFull,
    /// No map was ever shared under this id.
    Unknown,
    /// The owner stopped sharing.
    Removed,
    /// The edit token was refused.
    Forbidden,
    /// Someone updated the map after the version this change was based on.
    Stale {
        current_version: u64,
    },
    /// Any other answer, by status.
    Failed(u16),
}

pub async fn create(sealed: &[u8]) -> Result<Created, ApiError> {
    let body = CreateMap {
        v: ENVELOPE_VERSION,
        ciphertext: encode_base64url(sealed),
    };
    parse(send("POST", "/api/maps", Some(json(&body)), None).await?).await
}

pub async fn get(id: &str) -> Result<SharedMap, ApiError> {
    parse(send("GET", &path(id), None, None).await?).await
}

pub async fn update(
    id: &str,
    token: &str,
    sealed: &[u8],
    base_version: u64,
) -> Result<Updated, ApiError> {
    let body = UpdateMap {
        v: ENVELOPE_VERSION,
        ciphertext: encode_base64url(sealed),
        base_version,
    };
    let response = send("PUT", &path(id), Some(json(&body)), Some(token)).await?;
    if response.status() == 412 {
        let conflict: Conflict = parse_body(&response).await?;
        return Err(ApiError::Stale {
            current_version: conflict.current_version,
        });
    }
    parse(response).await
}

pub async fn remove(id: &str, token: &str) -> Result<(), ApiError> {
    let response = send("DELETE", &path(id), None, Some(token)).await?;
    checked(response).map(drop)
}

/// A new edit capability for the map; the one before stops working.
pub async fn create_edit_link(id: &str, token: &str) -> Result<String, ApiError> {
    let path = format!("{}/edit-link", path(id));
    let made: EditLink = parse(send("POST", &path, None, Some(token)).await?).await?;
    Ok(made.edit_link)
}

fn path(id: &str) -> String {
    // Ids come from links people paste: only base64url characters reach the path.
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    format!("/api/maps/{id}")
}

fn json(body: &impl serde::Serialize) -> String {
    serde_json::to_string(body).expect("API bodies always serialise")
}

async fn send(
    method: &str,
    path: &str,
    body: Option<String>,
    token: Option<&str>,
) -> Result<Response, ApiError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| ApiError::Offline)?;
    let headers = request.headers();
    // Setting a valid header on a fresh request cannot fail; if the browser says otherwise,
    // the request is not sent.
    let header = |name: &str, value: &str| headers.set(name, value).map_err(|_| ApiError::Offline);
    header("Accept", "application/json")?;
    if body.is_some() {
        header("Content-Type", "application/json")?;
    }
    if let Some(token) = token {
        header("Authorization", &format!("Bearer {token}"))?;
    }
    let window = web_sys::window().ok_or(ApiError::Offline)?;
    JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Offline)?
        .dyn_into::<Response>()
        .map_err(|_| ApiError::Offline)
}

fn checked(response: Response) -> Result<Response, ApiError> {
    match response.status() {
        200..=299 => Ok(response),
        404 => Err(ApiError::Unknown),
        410 => Err(ApiError::Removed),
        403 => Err(ApiError::Forbidden),
        413 => Err(ApiError::TooLarge),
        429 => {
            // A limit per hour (new shares) says so in its Retry-After; a burst's is seconds.
            let seconds = response
                .headers()
                .get("Retry-After")
                .ok()
                .flatten()
                .and_then(|s| s.trim().parse::<u32>().ok())
                .unwrap_or(0);
            Err(ApiError::RateLimited {
                minutes: if seconds >= 60 {
                    seconds.div_ceil(60)
                } else {
                    0
                },
            })
        }
        507 => Err(ApiError::ServerFull),
        status => Err(ApiError::Failed(status)),
    }
}

async fn parse<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    parse_body(&checked(response)?).await
}

async fn parse_body<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = JsFuture::from(response.text().map_err(|_| ApiError::Failed(status))?)
        .await
        .map_err(|_| ApiError::Offline)?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|_| ApiError::Failed(status))
}
