//! Snapshots of the open map (PRODUCT.md, step 7): take one ("as-is", "to-be", any name, with
//! a note), restore one as a new map, delete one (with undo), and choose two versions to
//! compare. The list lives in local storage beside the map (`storage::save_snapshots`); what
//! the dialog could not do is said inside it, in the person's language, and nothing the
//! person had is lost: a list that cannot be written stays as it was.

mod compare;

pub use compare::CompareView;

use crate::announce::Announcer;
use crate::editor::{self, Editor};
use crate::i18n::*;
use crate::storage::{self, StorageError};
use crate::{dialog, ids, labels, notices};
use chrono::Utc;
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::snapshot::{self, MAX_NAME_CHARS, Snapshot, SnapshotError};
use model::{MapId, SnapshotId};

/// One side of a comparison: the map as it is now, or one of its snapshots.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Now,
    Snapshot(SnapshotId),
}

impl Side {
    /// As an option's value: "" for now, else the snapshot's id.
    fn value(&self) -> String {
        match self {
            Side::Now => String::new(),
            Side::Snapshot(id) => id.to_string(),
        }
    }

    fn from_value(value: &str) -> Side {
        match value {
            "" => Side::Now,
            id => Side::Snapshot(SnapshotId::new(id)),
        }
    }
}

/// The open map's snapshots, and the comparison on show (if any).
#[derive(Clone, Copy)]
pub struct Snapshots {
    pub list: RwSignal<Vec<Snapshot>>,
    pub comparing: RwSignal<Option<(Side, Side)>>,
    /// What went wrong last, said in the dialog.
    problem: RwSignal<Option<Problem>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Storage(StorageError),
    Take(SnapshotError),
}

impl Snapshots {
    /// Reads the open map's snapshots now and whenever another map opens.
    pub fn provide(editor: Editor) {
        let snapshots = Snapshots {
            list: RwSignal::new(Vec::new()),
            comparing: RwSignal::new(None),
            problem: RwSignal::new(None),
        };
        let map_id = Memo::new(move |_| editor.map.with(|m| m.id.clone()));
        Effect::new(move |_| snapshots.reload(&map_id.get()));
        provide_context(snapshots);
    }

    fn reload(&self, id: &MapId) {
        self.comparing.set(None);
        match storage::load_snapshots(id) {
            Ok(unpacked) => {
                self.list.set(unpacked.snapshots);
                self.problem.set(None);
            }
            Err(e) => {
                self.list.set(Vec::new());
                self.problem.set(Some(Problem::Storage(e)));
            }
        }
    }

    /// Writes `list` as the open map's snapshots and shows it; when it cannot be written, the
    /// stored list and the one on show stay as they were, and the dialog says why.
    fn store(&self, editor: Editor, list: Vec<Snapshot>) -> bool {
        let id = editor.map.with_untracked(|m| m.id.clone());
        // A new map is not stored before its first change: its snapshots need it stored.
        if let Err(notice) = editor.save() {
            if let notices::Notice::Storage(e) = notice {
                self.problem.set(Some(Problem::Storage(e)));
            }
            return false;
        }
        match storage::save_snapshots(&id, &list) {
            Ok(()) => {
                self.list.set(list);
                self.problem.set(None);
                true
            }
            Err(e) => {
                self.problem.set(Some(Problem::Storage(e)));
                false
            }
        }
    }

    /// The map on `side`, if it still exists.
    pub fn map_of(&self, editor: Editor, side: &Side) -> Option<model::JourneyMap> {
        match side {
            Side::Now => Some(editor.map.get()),
            Side::Snapshot(id) => self
                .list
                .with(|l| l.iter().find(|s| &s.id == id).map(|s| s.map.clone())),
        }
    }

    /// The name a side goes by in the interface.
    pub fn name_of(&self, i18n: I18nContext<Locale>, side: &Side) -> String {
        match side {
            Side::Now => t_string!(i18n, compare_now).to_string(),
            Side::Snapshot(id) => self
                .list
                .with(|l| l.iter().find(|s| &s.id == id).map(|s| s.name.clone()))
                .unwrap_or_default(),
        }
    }
}

fn problem_text(i18n: I18nContext<Locale>, problem: &Problem) -> String {
    match problem {
        Problem::Take(SnapshotError::EmptyName) => {
            t_string!(i18n, snapshot_name_needed).to_string()
        }
        Problem::Take(SnapshotError::TooLong) => t_string!(i18n, snapshot_too_long).to_string(),
        Problem::Take(SnapshotError::TooMany) => t_string!(i18n, snapshot_too_many).to_string(),
        Problem::Storage(StorageError::QuotaExceeded) => t_string!(i18n, snapshot_full).to_string(),
        Problem::Storage(StorageError::Unreadable {
            backup: Some(key),
            error,
        }) => {
            let (reason, key) = (notices::reason(i18n, error), key.clone());
            t_string!(i18n, snapshots_unreadable, reason, key).to_string()
        }
        Problem::Storage(e) => notices::text(i18n, &notices::Notice::Storage(e.clone())),
    }
}

/// A date and time in the interface's language, in the browser's time zone.
fn when(i18n: I18nContext<Locale>, at: chrono::DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono::Local);
    let locale = labels::model_locale(i18n.get_locale());
    let date = model::numbers::format_date(local.date_naive(), locale);
    format!("{date}, {}", local.format("%H:%M"))
}

#[component]
pub fn SnapshotsButton() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let snapshots = expect_context::<Snapshots>();
    let announcer = expect_context::<Announcer>();
    let dialog = dialog::OnDemand::new();
    let name = NodeRef::<html::Input>::new();
    let note = NodeRef::<html::Textarea>::new();
    let deleted = RwSignal::new(None::<(usize, Snapshot)>);
    let before = RwSignal::new(Side::Now);
    let after = RwSignal::new(Side::Now);
    let open_dialog = move |_| {
        deleted.set(None);
        let id = editor.map.with_untracked(|m| m.id.clone());
        snapshots.reload(&id);
        // The usual question: how did the map change since the latest snapshot?
        let latest = snapshots
            .list
            .with_untracked(|l| l.last().map(|s| s.id.clone()));
        before.set(latest.map_or(Side::Now, Side::Snapshot));
        after.set(Side::Now);
        dialog.open();
    };
    let close = move || dialog.close();
    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(name), Some(note)) = (name.get_untracked(), note.get_untracked()) else {
            return;
        };
        let taken = editor.map.with_untracked(|m| {
            snapshot::take(
                m,
                SnapshotId::new(ids::fresh()),
                &name.value(),
                &note.value(),
                Utc::now(),
            )
        });
        let mut list = snapshots.list.get_untracked();
        let added = taken.and_then(|s| snapshot::add(&mut list, s).map(|()| list));
        match added {
            Ok(list) => {
                let Some(taken) = list.last().map(|s| (s.id.clone(), s.name.clone())) else {
                    return;
                };
                if snapshots.store(editor, list) {
                    name.set_value("");
                    note.set_value("");
                    before.set(Side::Snapshot(taken.0));
                    let said = taken.1;
                    announcer.say(t_string!(i18n, snapshot_taken, name = said).to_string());
                }
            }
            Err(e) => {
                snapshots.problem.set(Some(Problem::Take(e)));
                let _ = name.focus();
            }
        }
    };
    let restore = move |snapshot: Snapshot| {
        let (locale, title) = (snapshot.map.locale, snapshot.map.title.clone());
        let mut map = editor::copy_of(snapshot.map);
        map.title = editor::restored_title(locale, &title, &snapshot.name);
        editor.open(map, false);
        close();
    };
    let remove = move |id: SnapshotId| {
        let mut list = snapshots.list.get_untracked();
        let Some(at) = list.iter().position(|s| s.id == id) else {
            return;
        };
        let gone = list.remove(at);
        if snapshots.store(editor, list) {
            deleted.set(Some((at, gone)));
        }
    };
    let undo_delete = move |_| {
        let Some((at, gone)) = deleted.get_untracked() else {
            return;
        };
        let mut list = snapshots.list.get_untracked();
        list.insert(at.min(list.len()), gone);
        if snapshots.store(editor, list) {
            deleted.set(None);
        }
    };
    let compare = move |pair: (Side, Side)| {
        snapshots.comparing.set(Some(pair));
        close();
    };
    let sides = move || {
        std::iter::once((Side::Now, t_string!(i18n, compare_now).to_string()))
            .chain(snapshots.list.with(|l| {
                l.iter()
                    .rev()
                    .map(|s| (Side::Snapshot(s.id.clone()), s.name.clone()))
                    .collect::<Vec<_>>()
            }))
            .collect::<Vec<_>>()
    };
    let side_select = move |label: fn(I18nContext<Locale>) -> &'static str,
                            chosen: RwSignal<Side>| {
        view! {
            <label>
                <span>{move || label(i18n)}</span>
                <select
                    prop:value=move || chosen.with(Side::value)
                    on:change=move |ev| chosen.set(Side::from_value(&event_target_value(&ev)))
                >
                    <For each=sides key=|(side, name)| (side.clone(), name.clone()) let:((side, name))>
                        <option value=side.value()>{name}</option>
                    </For>
                </select>
            </label>
        }
    };
    let title = move || {
        let title = editor.map.with(|m| m.title.clone());
        t_string!(i18n, snapshots_title, title).to_string()
    };

    view! {
        <button type="button" class="snapshots-button" on:click=open_dialog>
            {t!(i18n, snapshots)}
        </button>
        {dialog.view(move || view! {
            <dialog node_ref=dialog.node() class="snapshots" aria-labelledby="snapshots-title">
                <h2 id="snapshots-title">{title}</h2>
                <p class="details-hint">{t!(i18n, snapshots_intro)}</p>
                <form class="snapshot-take" novalidate on:submit=take>
                    <label>
                        <span>{t!(i18n, snapshot_name)}</span>
                        <input
                            type="text"
                            node_ref=name
                            list="snapshot-names"
                            maxlength=MAX_NAME_CHARS.to_string()
                            autocomplete="off"
                            aria-describedby="snapshot-problem"
                        />
                        <datalist id="snapshot-names">
                            <option value=move || t_string!(i18n, snapshot_as_is).to_string()></option>
                            <option value=move || t_string!(i18n, snapshot_to_be).to_string()></option>
                        </datalist>
                    </label>
                    <label>
                        <span>{t!(i18n, snapshot_note)}</span>
                        <textarea node_ref=note rows="2" maxlength="5000"></textarea>
                    </label>
                    <button type="submit" class="primary">{t!(i18n, snapshot_take)}</button>
                </form>
                <p id="snapshot-problem" class="field-error" role="alert">
                    {move || snapshots.problem.with(|p| p.as_ref().map(|p| problem_text(i18n, p)))}
                </p>
                <Show when=move || deleted.with(Option::is_some)>
                    <p class="deleted" role="status">
                        {move || {
                            let name = deleted.with(|d| d.as_ref().map(|(_, s)| s.name.clone())).unwrap_or_default();
                            t_string!(i18n, snapshot_deleted, name).to_string()
                        }}
                        " "
                        <button type="button" on:click=undo_delete>{t!(i18n, undo_delete)}</button>
                    </p>
                </Show>
                <Show
                    when=move || snapshots.list.with(|l| !l.is_empty())
                    fallback=move || view! { <p class="snapshot-none">{t!(i18n, snapshot_none)}</p> }
                >
                    <form
                        class="snapshot-compare"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            compare((before.get_untracked(), after.get_untracked()));
                        }
                    >
                        {side_select(|i18n| t_string!(i18n, compare_before), before)}
                        {side_select(|i18n| t_string!(i18n, compare_after), after)}
                        <button type="submit">{t!(i18n, compare_go)}</button>
                    </form>
                    <ol class="snapshot-list" reversed>
                        <For
                            each=move || snapshots.list.get().into_iter().rev()
                            key=|s| (s.id.clone(), s.name.clone())
                            let:snapshot
                        >
                            <SnapshotItem snapshot restore remove compare />
                        </For>
                    </ol>
                </Show>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| close()>{t!(i18n, close)}</button>
                </div>
            </dialog>
        })}
    }
}

/// One snapshot in the list: its name, when it was taken, how many cards it holds, its note,
/// and what can be done with it.
#[component]
fn SnapshotItem(
    snapshot: Snapshot,
    restore: impl Fn(Snapshot) + Copy + 'static,
    remove: impl Fn(SnapshotId) + Copy + 'static,
    compare: impl Fn((Side, Side)) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = snapshot.name.clone();
    let taken = snapshot.taken;
    let count = snapshot.map.cards.len();
    let id = snapshot.id.clone();
    let named = move |label: fn(I18nContext<Locale>, String) -> String| {
        let name = name.clone();
        move || label(i18n, name.clone())
    };
    let (compare_id, remove_id) = (id.clone(), id);
    let note = snapshot.note.clone();
    let restored = snapshot.clone();
    view! {
        <li class="snapshot">
            <div class="snapshot-head">
                <strong class="snapshot-name">{snapshot.name.clone()}</strong>
                <span class="snapshot-when">
                    {move || when(i18n, taken)}
                    " · "
                    {move || t_string!(i18n, snapshot_cards, count).to_string()}
                </span>
            </div>
            {(!note.is_empty()).then(|| view! { <p class="snapshot-note">{note}</p> })}
            <div class="snapshot-actions">
                <button
                    type="button"
                    aria-label=named(|i18n, name| t_string!(i18n, snapshot_compare_named, name).to_string())
                    on:click=move |_| compare((Side::Snapshot(compare_id.clone()), Side::Now))
                >
                    {t!(i18n, snapshot_compare_now)}
                </button>
                <button
                    type="button"
                    aria-label=named(|i18n, name| t_string!(i18n, snapshot_restore_named, name).to_string())
                    on:click=move |_| restore(restored.clone())
                >
                    {t!(i18n, snapshot_restore)}
                </button>
                <button
                    type="button"
                    class="danger"
                    aria-label=named(|i18n, name| t_string!(i18n, snapshot_delete_named, name).to_string())
                    on:click=move |_| remove(remove_id.clone())
                >
                    {t!(i18n, delete_map)}
                </button>
            </div>
        </li>
    }
}
