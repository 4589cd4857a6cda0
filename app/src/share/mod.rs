//! Sharing a map by link. The map is sealed (packed and encrypted, `model::sealed`) here in
//! the browser and the server stores bytes it cannot read: the key travels only in the link's
//! `#fragment`, which browsers never send. The edit token stays in this browser's storage.

mod api;
mod owner;
mod view;

pub use api::ApiError;
pub use owner::ShareButton;
pub use view::SharedView;

use crate::i18n::*;
use crate::storage::ShareRecord;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::JourneyMap;
use model::sealed::{self, OpenError, ShareKey};
use model::share::decode_base64url;

/// A share link's parts as read from the address bar, `/s/<id>#<key>`; either may be missing
/// or mangled when a link was copied in part.
#[derive(Clone, Debug)]
pub struct Link {
    pub id: String,
    pub key: String,
}

/// The share link in the address bar, if the page was opened through one.
pub fn link_in_location() -> Option<Link> {
    let location = window().location();
    let path = location.pathname().ok()?;
    let id = path.strip_prefix("/s/")?.trim_end_matches('/').to_owned();
    let key = location.hash().ok().unwrap_or_default();
    Some(Link {
        id,
        key: key.trim_start_matches('#').to_owned(),
    })
}

/// Why a shared map cannot be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Unopened {
    /// No `#key`, or one that cannot be a key: the link was copied in part.
    NoKey,
    Api(ApiError),
    Open(OpenError),
}

/// The shared map `id`, fetched and opened with `key` (as written in a link), and the version
/// the server holds.
pub async fn fetch_shared(id: &str, key: &str) -> Result<(JourneyMap, u64), Unopened> {
    let shared = api::get(id).await.map_err(Unopened::Api)?;
    let key = ShareKey::parse(key).ok_or(Unopened::NoKey)?;
    let bytes = decode_base64url(&shared.ciphertext).ok_or(Unopened::Open(OpenError::NotPacked))?;
    let loaded = sealed::open(&bytes, &key).map_err(Unopened::Open)?;
    Ok((loaded.map, shared.version))
}

/// Stops sharing `record`'s map: its link no longer opens it. Already stopped is what was asked
/// for; any other failure leaves the record to be used again.
pub async fn stop_sharing(record: &ShareRecord) -> Result<(), ApiError> {
    match api::remove(&record.id, &record.token).await {
        Ok(()) | Err(ApiError::Removed | ApiError::Unknown) => Ok(()),
        Err(e) => Err(e),
    }
}

/// What went wrong talking to the server, in words for the person reading.
pub fn api_error_text(i18n: I18nContext<Locale>, error: &ApiError) -> String {
    match error {
        // The browser knows when the device itself has no network; then say so, rather than
        // suggest the server is at fault.
        ApiError::Offline if !device_online() => t_string!(i18n, share_no_network).to_string(),
        ApiError::Offline => t_string!(i18n, share_offline).to_string(),
        ApiError::TooLarge => t_string!(i18n, share_too_large).to_string(),
        ApiError::RateLimited { minutes: 0 } => t_string!(i18n, share_rate_limited).to_string(),
        ApiError::RateLimited { minutes } => {
            let minutes = *minutes;
            t_string!(i18n, share_quota_reached, minutes).to_string()
        }
        ApiError::ServerFull => t_string!(i18n, share_server_full).to_string(),
        ApiError::Unknown => t_string!(i18n, share_unknown).to_string(),
        ApiError::Removed => t_string!(i18n, share_removed).to_string(),
        ApiError::Forbidden => t_string!(i18n, share_forbidden).to_string(),
        ApiError::Stale { .. } => t_string!(i18n, share_conflict).to_string(),
        ApiError::Failed(status) => {
            let status = *status;
            t_string!(i18n, share_failed, status).to_string()
        }
    }
}

fn device_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
