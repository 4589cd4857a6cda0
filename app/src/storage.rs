//! The only module that touches local storage. Keys live here. A stored map that cannot be
//! read is never overwritten: it is copied to a backup key and left where it was.

use gloo_storage::{LocalStorage, Storage};
use model::format::{self, LoadError, Loaded};
use model::{JourneyMap, MapId};
use serde::{Deserialize, Serialize};

/// The list of maps: id, title and last change of each.
const INDEX_KEY: &str = "traseu.maps";
/// View state that is never shared: which map is open.
const UI_KEY: &str = "traseu.ui";
/// The maps this browser shared, by map id: only this browser holds their edit tokens.
const SHARES_KEY: &str = "traseu.shares";

fn map_key(id: &MapId) -> String {
    format!("traseu.map.{id}")
}

/// Where the text of `key` is kept when it cannot be read, before anything replaces it.
fn backup_key(key: &str) -> String {
    format!("{key}.unreadable")
}

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// The browser refuses storage (a privacy mode, a policy).
    Unavailable,
    /// The browser's quota is used up.
    QuotaExceeded,
    /// A stored map failed to load; its text was copied to `backup`.
    Unreadable { backup: String, error: LoadError },
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Ui {
    current: Option<MapId>,
}

/// One line of the map library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: MapId,
    pub title: String,
    pub updated: chrono::DateTime<chrono::Utc>,
}

/// What this browser knows of a map it shared: the link's id and key, the edit token (which
/// the server keeps only as a hash), and the version its last upload made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareRecord {
    pub id: String,
    pub key: String,
    pub token: String,
    pub version: u64,
}

type Shares = std::collections::BTreeMap<String, ShareRecord>;

fn raw() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

fn write(key: &str, value: &str) -> Result<(), StorageError> {
    raw()?.set_item(key, value).map_err(|e| {
        let name = wasm_bindgen::JsCast::dyn_ref::<web_sys::DomException>(&e).map(|d| d.name());
        match name.as_deref() {
            Some("QuotaExceededError") => StorageError::QuotaExceeded,
            _ => StorageError::Unavailable,
        }
    })
}

fn read_index() -> Vec<IndexEntry> {
    LocalStorage::get(INDEX_KEY).unwrap_or_default()
}

fn write_index(index: &[IndexEntry]) -> Result<(), StorageError> {
    write(INDEX_KEY, &serde_json::to_string(index).unwrap_or_default())
}

/// The maps in this browser, most recently changed first.
pub fn list() -> Vec<IndexEntry> {
    let mut index = read_index();
    index.sort_by_key(|e| std::cmp::Reverse(e.updated));
    index
}

/// When the stored copy of a map was last changed, by any tab.
pub fn stored_updated(id: &MapId) -> Option<chrono::DateTime<chrono::Utc>> {
    read_index()
        .into_iter()
        .find(|e| &e.id == id)
        .map(|e| e.updated)
}

/// The map that was open last, if there is one.
pub fn load_current() -> Result<Option<Loaded>, StorageError> {
    let ui: Ui = LocalStorage::get(UI_KEY).unwrap_or_default();
    match ui.current {
        Some(id) => load(&id),
        None => Ok(None),
    }
}

/// A stored map; one that fails to load is copied to a backup key and left where it was.
pub fn load(id: &MapId) -> Result<Option<Loaded>, StorageError> {
    let Some(text) = raw()?.get_item(&map_key(id)).ok().flatten() else {
        return Ok(None);
    };
    parse(id, &text).map(Some)
}

/// Reads a map's text as another tab wrote it (from a `storage` event).
pub fn parse(id: &MapId, text: &str) -> Result<Loaded, StorageError> {
    format::from_json(text).map_err(|error| {
        let backup = backup_key(&map_key(id));
        // Best effort: the original stays under its own key whatever happens here.
        let _ = write(&backup, text);
        StorageError::Unreadable { backup, error }
    })
}

/// Whether a `storage` event is about the stored text of map `id`.
pub fn is_map_key(key: &str, id: &MapId) -> bool {
    key == map_key(id)
}

/// Writes the map, its index entry, and marks it as the open one.
pub fn save(map: &JourneyMap) -> Result<(), StorageError> {
    write(&map_key(&map.id), &format::to_json(map))?;
    let mut index = read_index();
    index.retain(|e| e.id != map.id);
    index.push(IndexEntry {
        id: map.id.clone(),
        title: map.title.clone(),
        updated: map.updated,
    });
    write_index(&index)?;
    set_current(&map.id)
}

pub fn set_current(id: &MapId) -> Result<(), StorageError> {
    let ui = Ui {
        current: Some(id.clone()),
    };
    write(UI_KEY, &serde_json::to_string(&ui).unwrap_or_default())
}

/// Removes a map and its index entry (its backup, if any, stays).
pub fn delete(id: &MapId) -> Result<(), StorageError> {
    let _ = raw()?.remove_item(&map_key(id));
    let mut index = read_index();
    index.retain(|e| &e.id != id);
    write_index(&index)
}

/// How map `map` is shared from this browser, if it is.
pub fn share_of(map: &MapId) -> Option<ShareRecord> {
    read_shares().get(&map.to_string()).cloned()
}

/// The shares list; one that fails to parse is kept under a backup key before it is replaced,
/// so the edit tokens in it can still be recovered by hand.
fn read_shares() -> Shares {
    match LocalStorage::get(SHARES_KEY) {
        Ok(shares) => shares,
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Shares::new(),
        Err(_) => {
            if let Some(text) = raw()
                .ok()
                .and_then(|s| s.get_item(SHARES_KEY).ok().flatten())
            {
                let _ = write(&backup_key(SHARES_KEY), &text);
            }
            Shares::new()
        }
    }
}

/// Records how map `map` is shared, or forgets it (`None`) once sharing stopped.
pub fn set_share(map: &MapId, record: Option<&ShareRecord>) -> Result<(), StorageError> {
    let mut shares = read_shares();
    match record {
        Some(record) => shares.insert(map.to_string(), record.clone()),
        None => shares.remove(&map.to_string()),
    };
    write(
        SHARES_KEY,
        &serde_json::to_string(&shares).unwrap_or_default(),
    )
}
