//! The only module that touches local storage. Keys live here. A stored map that cannot be
//! read is never overwritten: it is copied to a backup key and left where it was.

use gloo_storage::{LocalStorage, Storage};
use model::format::{self, LoadError, Loaded};
use model::snapshot::{self, Snapshot, Unpacked};
use model::{JourneyMap, MapId};
use serde::{Deserialize, Serialize};

/// The list of maps: id, title and last change of each.
const INDEX_KEY: &str = "traseu.maps";
/// View state that is never shared: which map is open.
const UI_KEY: &str = "traseu.ui";
/// The maps this browser shared, by map id: only this browser holds their edit tokens.
const SHARES_KEY: &str = "traseu.shares";
/// How each map is viewed in this browser, by map id: never part of the map, never shared.
const VIEWS_KEY: &str = "traseu.views";
/// The language this person chose, for every page of this browser.
const LANGUAGE_KEY: &str = "traseu.language";
/// The name this person goes by in live sessions.
const LIVE_NAME_KEY: &str = "traseu.live.name";
/// `traseu.live.{share id}`: a live session's state and the changes the server has not taken.
const LIVE_PREFIX: &str = "traseu.live.";

/// Each map's text is under this prefix and its id.
const MAP_PREFIX: &str = "traseu.map.";

fn map_key(id: &MapId) -> String {
    format!("{MAP_PREFIX}{id}")
}

/// A map's snapshots, packed (`model::snapshot::pack`), beside the map: the map is written on
/// every change, its snapshots only when one is taken or deleted.
fn snapshots_key(id: &MapId) -> String {
    format!("{MAP_PREFIX}{id}.snapshots")
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
    /// A stored map failed to load. Its text was copied to `backup`, or, when even that write
    /// failed (`None`), left only under its own key, which nothing overwrites.
    Unreadable {
        backup: Option<String>,
        error: LoadError,
    },
    /// The list of maps could not be read nor rebuilt, so it was left as it was.
    IndexUnreadable,
}

/// What was done about a list of maps that could not be read: its text was kept under
/// `backup` and the list was made again from the maps themselves.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebuilt {
    pub backup: String,
    /// How many maps the new list holds.
    pub maps: usize,
    /// How many of them could not be read; they are listed all the same, and kept as they are.
    pub unreadable: usize,
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
    /// The edit capability of the map's edit link, if the owner made one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<String>,
}

/// A live session as this browser last held it: the state (as `model::live::State` JSON) with
/// every op up to `since`, and the change messages (`model::live::Message` JSON) the server
/// has not acknowledged, sent again on reconnection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveRecord {
    pub since: u64,
    pub state: Option<String>,
    pub outbox: Vec<String>,
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

/// A small JSON record (preferences, the open map's id); `None` if it is missing, cannot be
/// read, or the browser refuses this page its storage. gloo panics when storage is refused,
/// so the storage is asked for first.
fn read_record<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    raw().ok()?;
    LocalStorage::get(key).ok()
}

fn read_text(key: &str) -> Result<Option<String>, StorageError> {
    raw()?.get_item(key).map_err(|_| StorageError::Unavailable)
}

/// The list of maps as stored. A missing list is the maps themselves (nothing to lose); one
/// that cannot be parsed is an error, so that no write replaces what could not be read.
fn read_index() -> Result<Vec<IndexEntry>, StorageError> {
    match read_text(INDEX_KEY)? {
        None => scan().map(|(entries, _)| entries),
        Some(text) => parse_index(&text),
    }
}

fn parse_index(text: &str) -> Result<Vec<IndexEntry>, StorageError> {
    serde_json::from_str(text).map_err(|_| StorageError::IndexUnreadable)
}

fn write_index(index: &[IndexEntry]) -> Result<(), StorageError> {
    write(INDEX_KEY, &serde_json::to_string(index).unwrap_or_default())
}

/// Whether `index` names exactly the maps stored, by their keys alone (no map is read).
fn lists_the_stored_maps(index: &[IndexEntry]) -> Result<bool, StorageError> {
    let stored = stored_map_keys(&raw()?)?;
    let listed: std::collections::HashSet<&str> = index.iter().map(|e| e.id.as_str()).collect();
    Ok(listed.len() == stored.len() && stored.iter().all(|(_, id)| listed.contains(id.as_str())))
}

/// The keys maps are stored under, each with its map's id. Backups
/// (`traseu.map.<id>.unreadable`) are not maps.
fn stored_map_keys(store: &web_sys::Storage) -> Result<Vec<(String, String)>, StorageError> {
    let failed = |_| StorageError::Unavailable;
    let mut keys = Vec::new();
    for i in 0..store.length().map_err(failed)? {
        if let Some(key) = store.key(i).map_err(failed)?
            && let Some(id) = key.strip_prefix(MAP_PREFIX).filter(|id| !id.contains('.'))
        {
            let id = id.to_owned();
            keys.push((key, id));
        }
    }
    Ok(keys)
}

/// The list made from the stored maps themselves, and how many of them could not be read.
/// An unreadable map is listed all the same (under whatever title and time can still be
/// picked out of it), so it stays in sight and is never mistaken for a missing one.
fn scan() -> Result<(Vec<IndexEntry>, usize), StorageError> {
    let store = raw()?;
    let failed = |_| StorageError::Unavailable;
    let mut entries = Vec::new();
    let mut unreadable = 0;
    for (key, id) in stored_map_keys(&store)? {
        let Some(text) = store.get_item(&key).map_err(failed)? else {
            continue;
        };
        let id = MapId::new(id);
        entries.push(match format::from_json(&text) {
            Ok(loaded) => IndexEntry {
                id,
                title: loaded.map.title,
                updated: loaded.map.updated,
            },
            Err(_) => {
                unreadable += 1;
                entry_of_unreadable(id, &text)
            }
        });
    }
    Ok((entries, unreadable))
}

/// The title and time of a map that does not load, where its text still has them.
fn entry_of_unreadable(id: MapId, text: &str) -> IndexEntry {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let field = |name: &str| {
        value
            .pointer(&format!("/map/{name}"))
            .and_then(|v| v.as_str())
    };
    IndexEntry {
        id,
        title: field("title").unwrap_or_default().to_owned(),
        updated: field("updated")
            .and_then(|t| t.parse().ok())
            .unwrap_or_default(),
    }
}

/// Checks the list of maps before anything writes it: one that cannot be read, or that does
/// not name the maps stored (a map left out, or one named that is not there), is copied to its
/// backup key and made again from the stored maps. Says what was done, if anything.
pub fn repair_index() -> Result<Option<Rebuilt>, StorageError> {
    let Some(text) = read_text(INDEX_KEY)? else {
        return Ok(None);
    };
    if parse_index(&text).is_ok_and(|index| lists_the_stored_maps(&index).unwrap_or(true)) {
        return Ok(None);
    }
    let backup = backup_key(INDEX_KEY);
    // Without its backup the old text would be lost by the rewrite: leave it as it is.
    write(&backup, &text)?;
    let (entries, unreadable) = scan()?;
    write_index(&entries)?;
    Ok(Some(Rebuilt {
        backup,
        maps: entries.len(),
        unreadable,
    }))
}

/// The list as it is best known: the stored one, or the maps themselves while it is
/// unreadable; nothing when storage cannot be read at all (saving says so).
fn known_index() -> Vec<IndexEntry> {
    read_index()
        .or_else(|_| scan().map(|(entries, _)| entries))
        .unwrap_or_default()
}

/// The maps in this browser, most recently changed first.
pub fn list() -> Vec<IndexEntry> {
    let mut index = known_index();
    index.sort_by_key(|e| std::cmp::Reverse(e.updated));
    index
}

/// The map that was open last, if there is one.
pub fn load_current() -> Result<Option<Loaded>, StorageError> {
    let ui: Ui = read_record(UI_KEY).unwrap_or_default();
    match ui.current {
        Some(id) => load(&id),
        None => Ok(None),
    }
}

/// The length of the open map's stored text (UTF-16 code units), read without copying the text
/// out of the browser: what its board will need in memory is about proportional to it.
pub fn open_map_len() -> Option<u32> {
    let ui: Ui = read_record(UI_KEY)?;
    let store: wasm_bindgen::JsValue = raw().ok()?.into();
    let text = js_sys::Reflect::get(&store, &map_key(&ui.current?).into()).ok()?;
    wasm_bindgen::JsCast::dyn_ref::<js_sys::JsString>(&text).map(js_sys::JsString::length)
}

/// A stored map; one that fails to load is copied to a backup key and left where it was.
pub fn load(id: &MapId) -> Result<Option<Loaded>, StorageError> {
    match read_text(&map_key(id))? {
        Some(text) => parse(id, &text).map(Some),
        None => Ok(None),
    }
}

/// Reads a map's text as another tab wrote it (from a `storage` event).
pub fn parse(id: &MapId, text: &str) -> Result<Loaded, StorageError> {
    format::from_json(text).map_err(|error| {
        let backup = backup_key(&map_key(id));
        StorageError::Unreadable {
            // The original stays under its own key whatever happens to the backup.
            backup: write(&backup, text).is_ok().then_some(backup),
            error,
        }
    })
}

/// Whether a `storage` event is about the list of maps.
pub fn is_index_key(key: &str) -> bool {
    key == INDEX_KEY
}

/// Whether a `storage` event is about the stored text of map `id`.
pub fn is_map_key(key: &str, id: &MapId) -> bool {
    key == map_key(id)
}

/// Writes the map, its index entry, and marks it as the open one. The list is read before
/// anything is written: when it cannot be read, nothing is.
pub fn save(map: &JourneyMap) -> Result<(), StorageError> {
    write_map(read_index()?, map)
}

/// Whether [`save_unless_newer`] wrote the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Saved {
    Written,
    /// Another tab stored a copy newer than the one this tab last read or wrote: nothing was
    /// written.
    Newer,
}

/// Like [`save`], unless the stored copy changed after `base` (the time of the copy this tab
/// last read or wrote). The list of maps says when each was stored, so it is read once for the
/// check and the write.
pub fn save_unless_newer(
    map: &JourneyMap,
    base: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Saved, StorageError> {
    let index = read_index()?;
    let stored = index.iter().find(|e| e.id == map.id).map(|e| e.updated);
    if let (Some(stored), Some(base)) = (stored, base)
        && stored > base
    {
        return Ok(Saved::Newer);
    }
    write_map(index, map).map(|()| Saved::Written)
}

fn write_map(mut index: Vec<IndexEntry>, map: &JourneyMap) -> Result<(), StorageError> {
    write(&map_key(&map.id), &format::to_json(map))?;
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

/// Removes a map, its snapshots and its index entry (backups, if any, stay).
pub fn delete(id: &MapId) -> Result<(), StorageError> {
    let mut index = read_index()?;
    let store = raw()?;
    for key in [map_key(id), snapshots_key(id)] {
        store
            .remove_item(&key)
            .map_err(|_| StorageError::Unavailable)?;
    }
    index.retain(|e| &e.id != id);
    write_index(&index)
}

/// A map's snapshots, oldest first; none when it has none. Text that cannot be read is copied
/// to a backup key and left where it was, like a map.
pub fn load_snapshots(id: &MapId) -> Result<Unpacked, StorageError> {
    let key = snapshots_key(id);
    let Some(text) = read_text(&key)? else {
        return Ok(Unpacked {
            snapshots: Vec::new(),
            repairs: Vec::new(),
        });
    };
    snapshot::unpack(&text).map_err(|error| {
        let backup = backup_key(&key);
        StorageError::Unreadable {
            backup: write(&backup, &text).is_ok().then_some(backup),
            error,
        }
    })
}

/// Replaces a map's snapshots; an empty list removes them. When the browser's quota is full the
/// old list stays as it was.
pub fn save_snapshots(id: &MapId, list: &[Snapshot]) -> Result<(), StorageError> {
    let key = snapshots_key(id);
    if list.is_empty() {
        return raw()?
            .remove_item(&key)
            .map_err(|_| StorageError::Unavailable);
    }
    write(&key, &snapshot::pack(list))
}

/// How map `map` is shared from this browser, if it is.
pub fn share_of(map: &MapId) -> Result<Option<ShareRecord>, StorageError> {
    Ok(read_shares()?.remove(&map.to_string()))
}

/// The maps this browser shares.
pub fn shared_maps() -> Result<Vec<MapId>, StorageError> {
    Ok(read_shares()?.into_keys().map(MapId::new).collect())
}

/// The shares list; one that fails to parse is kept under a backup key before it is replaced,
/// so the edit tokens in it can still be recovered by hand. Without that backup it is an
/// error, so that nothing writes over the tokens.
fn read_shares() -> Result<Shares, StorageError> {
    let Some(text) = read_text(SHARES_KEY)? else {
        return Ok(Shares::new());
    };
    match serde_json::from_str(&text) {
        Ok(shares) => Ok(shares),
        Err(_) => write(&backup_key(SHARES_KEY), &text).map(|()| Shares::new()),
    }
}

/// Records how map `map` is shared, or forgets it (`None`) once sharing stopped.
pub fn set_share(map: &MapId, record: Option<&ShareRecord>) -> Result<(), StorageError> {
    let mut shares = read_shares()?;
    match record {
        Some(record) => shares.insert(map.to_string(), record.clone()),
        None => shares.remove(&map.to_string()),
    };
    write(
        SHARES_KEY,
        &serde_json::to_string(&shares).unwrap_or_default(),
    )
}

/// How one map's board is shown in this browser: its zoom in percent, and whether it is
/// compact.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    pub zoom: u16,
    pub compact: bool,
}

impl Default for View {
    fn default() -> Self {
        View {
            zoom: model::zoom::DEFAULT,
            compact: false,
        }
    }
}

/// The views by map id. Only preferences: a record that cannot be read counts as none, and
/// the next change of view replaces it.
fn read_views() -> std::collections::BTreeMap<String, View> {
    read_record(VIEWS_KEY).unwrap_or_default()
}

/// How map `map` was last shown here: the default view if it never was changed.
pub fn view_of(map: &MapId) -> View {
    let view = read_views().remove(map.as_str()).unwrap_or_default();
    View {
        zoom: model::zoom::clamp(view.zoom),
        ..view
    }
}

/// Remembers how map `map` is shown, for this map only.
pub fn set_view(map: &MapId, view: View) -> Result<(), StorageError> {
    let mut views = read_views();
    views.insert(map.to_string(), view);
    write(
        VIEWS_KEY,
        &serde_json::to_string(&views).unwrap_or_default(),
    )
}

/// The language this person chose in this browser (its code, `ro`), if they have.
pub fn language() -> Option<String> {
    read_text(LANGUAGE_KEY).ok().flatten()
}

pub fn set_language(code: &str) -> Result<(), StorageError> {
    write(LANGUAGE_KEY, code)
}

/// The name this person chose for live sessions, if they have.
pub fn live_name() -> Option<String> {
    read_text(LIVE_NAME_KEY).ok().flatten()
}

pub fn set_live_name(name: &str) -> Result<(), StorageError> {
    write(LIVE_NAME_KEY, name)
}

/// What this browser kept of the live session of shared map `share`; one that cannot be read
/// is none (the server has everything acknowledged).
pub fn live_record(share: &str) -> LiveRecord {
    let text = read_text(&format!("{LIVE_PREFIX}{share}")).ok().flatten();
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn set_live_record(share: &str, record: &LiveRecord) -> Result<(), StorageError> {
    write(
        &format!("{LIVE_PREFIX}{share}"),
        &serde_json::to_string(record).unwrap_or_default(),
    )
}
