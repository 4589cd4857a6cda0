//! Plain-language messages about what went wrong, or what was fixed, in the reader's language.

use crate::i18n::*;
use crate::storage::{Rebuilt, StorageError};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::format::{LoadError, Oversized};
use model::metric::MetricError;
use model::{Limit, OpError};

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Storage(StorageError),
    Repaired(usize),
    /// Another tab changed the map at the same time; this tab's version was saved under this title.
    KeptBoth(String),
    /// The map with this title stayed open: its latest changes are not stored, and opening
    /// another would have lost them.
    KeptOpen(String),
    /// A change the map refused; nothing changed.
    Refused(OpError),
    /// The list of maps could not be read and was made again from the maps themselves.
    IndexRebuilt(Rebuilt),
    /// The shared version of the map with this title arrived after another map was opened,
    /// so it was not loaded.
    SharedNotLoaded(String),
}

/// The messages on show, one list for the whole page: whoever has something to say pushes
/// it here, and the notice bar alone reads it.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Vec<Notice>>);

impl Notices {
    pub fn new(initial: Vec<Notice>) -> Notices {
        Notices(RwSignal::new(initial))
    }

    /// Shows `notice`, unless the very same one is showing: one cause found twice (the list of
    /// maps and the map itself, both unreadable for a refused storage) is told once.
    pub fn push(&self, notice: Notice) {
        if !self.0.with_untracked(|l| l.contains(&notice)) {
            self.0.update(|l| l.push(notice));
        }
    }

    /// Tells of a storage failure, if there was one.
    pub fn storage<T>(&self, result: Result<T, StorageError>) -> Option<T> {
        result.map_err(|e| self.push(Notice::Storage(e))).ok()
    }

    /// Puts `notice` (if any) in place of those `kind` matches, which stand for the latest
    /// attempt only. Writes nothing when there is nothing to take away or add, so that a
    /// stream of applied changes (every step of a drag) leaves the bar alone.
    pub fn replace(&self, kind: fn(&Notice) -> bool, notice: Option<Notice>) {
        if notice.is_none() && !self.0.with_untracked(|l| l.iter().any(kind)) {
            return;
        }
        self.0.update(|list| {
            list.retain(|n| !kind(n));
            list.extend(notice);
        });
    }

    fn dismiss(&self, index: usize) {
        self.0.update(|l| {
            if index < l.len() {
                l.remove(index);
            }
        });
    }
}

fn refusal(i18n: I18nContext<Locale>, error: &OpError) -> String {
    let reason = match error {
        OpError::UnknownStage(_) => t_string!(i18n, refused_unknown_stage),
        OpError::UnknownLane(_) => t_string!(i18n, refused_unknown_lane),
        OpError::UnknownCard(_) => t_string!(i18n, refused_unknown_card),
        OpError::UnknownPersona(_) => t_string!(i18n, refused_unknown_persona),
        OpError::DuplicateId(_) => t_string!(i18n, refused_duplicate_id),
        OpError::PositionOutOfRange { .. } => t_string!(i18n, refused_position),
        OpError::EmptyName => t_string!(i18n, refused_empty_name),
        OpError::TooLong => t_string!(i18n, refused_too_long),
        OpError::LaneHoldsNoCards => t_string!(i18n, refused_lane_holds_no_cards),
        OpError::NoCards => t_string!(i18n, refused_no_cards),
        OpError::RepeatedCard(_) => t_string!(i18n, refused_repeated_card),
        OpError::LastPersona => t_string!(i18n, refused_last_persona),
        OpError::UnsafeLink => t_string!(i18n, refused_unsafe_link),
        OpError::AddressesItself => t_string!(i18n, refused_addresses_itself),
        OpError::TooManyAddressed => t_string!(i18n, refused_too_many_addressed),
        OpError::InvalidAvatar => t_string!(i18n, refused_invalid_avatar),
        OpError::InvalidMetric(e) => match e {
            MetricError::ValueOutOfRange => t_string!(i18n, refused_metric_range),
            MetricError::TargetOutOfRange => t_string!(i18n, refused_metric_target_range),
            MetricError::MissingName => t_string!(i18n, refused_metric_name),
            MetricError::LabelTooLong => t_string!(i18n, refused_metric_label_long),
        },
        OpError::TooMany(limit) => {
            let (what, limit) = (limit_words(i18n, *limit), limit.max());
            let reason = t_string!(i18n, refused_too_many, what, limit).to_string();
            return t_string!(i18n, refused, reason).to_string();
        }
    };
    t_string!(i18n, refused, reason).to_string()
}

/// What a limit counts, as the plural noun a message puts after "more".
fn limit_words(i18n: I18nContext<Locale>, limit: Limit) -> &'static str {
    match limit {
        Limit::Stages => t_string!(i18n, limit_stages),
        Limit::Lanes => t_string!(i18n, limit_lanes),
        Limit::Cards => t_string!(i18n, limit_cards),
        Limit::Personas => t_string!(i18n, limit_personas),
        Limit::Tags => t_string!(i18n, limit_tags),
        Limit::Scores => t_string!(i18n, limit_scores),
        Limit::Sources => t_string!(i18n, limit_sources),
    }
}

pub(crate) fn reason(i18n: I18nContext<Locale>, error: &LoadError) -> String {
    match error {
        LoadError::NotJson { .. } => t_string!(i18n, reason_not_json).to_string(),
        LoadError::NotTraseu => t_string!(i18n, reason_not_traseu).to_string(),
        LoadError::TooNew { .. } => t_string!(i18n, reason_too_new).to_string(),
        LoadError::Invalid { path, .. } => {
            let path = path.clone();
            t_string!(i18n, reason_invalid, path).to_string()
        }
        LoadError::TooLarge {
            what: Oversized::Bytes,
            limit,
        } => {
            let megabytes = limit / (1024 * 1024);
            t_string!(i18n, reason_too_large_bytes, megabytes).to_string()
        }
        LoadError::TooLarge {
            what: Oversized::Snapshots,
            limit,
        } => {
            let (what, limit) = (t_string!(i18n, limit_snapshots), *limit);
            t_string!(i18n, reason_too_many, what, limit).to_string()
        }
        LoadError::TooLarge {
            what: Oversized::Count(counted),
            limit,
        } => {
            let (what, limit) = (limit_words(i18n, *counted), *limit);
            t_string!(i18n, reason_too_many, what, limit).to_string()
        }
    }
}

pub(crate) fn text(i18n: I18nContext<Locale>, notice: &Notice) -> String {
    match notice {
        Notice::Storage(StorageError::Unavailable) => {
            t_string!(i18n, storage_unavailable).to_string()
        }
        Notice::Storage(StorageError::QuotaExceeded) => t_string!(i18n, storage_full).to_string(),
        Notice::Storage(StorageError::Unreadable {
            error: LoadError::TooNew { .. },
            ..
        }) => t_string!(i18n, storage_too_new).to_string(),
        Notice::Storage(StorageError::Unreadable {
            backup: Some(key),
            error,
        }) => {
            let reason = reason(i18n, error);
            let key = key.clone();
            t_string!(i18n, storage_unreadable, reason, key).to_string()
        }
        Notice::Storage(StorageError::Unreadable {
            backup: None,
            error,
        }) => {
            let reason = reason(i18n, error);
            t_string!(i18n, storage_unreadable_in_place, reason).to_string()
        }
        Notice::Storage(StorageError::IndexUnreadable) => {
            t_string!(i18n, storage_index_unreadable).to_string()
        }
        Notice::IndexRebuilt(Rebuilt {
            backup,
            maps,
            unreadable,
        }) => {
            let (key, count) = (backup.clone(), *maps);
            let rebuilt = t_string!(i18n, index_rebuilt, key, count).to_string();
            match *unreadable {
                0 => rebuilt,
                count => {
                    let those = t_string!(i18n, index_rebuilt_unreadable, count);
                    format!("{rebuilt} {those}")
                }
            }
        }
        Notice::KeptBoth(title) => {
            let title = title.clone();
            t_string!(i18n, kept_both, title).to_string()
        }
        Notice::KeptOpen(title) => {
            let title = title.clone();
            t_string!(i18n, kept_open, title).to_string()
        }
        Notice::Refused(error) => refusal(i18n, error),
        Notice::SharedNotLoaded(title) => {
            let title = title.clone();
            t_string!(i18n, share_map_switched, title).to_string()
        }
        Notice::Repaired(count) => {
            let count = *count;
            t_string!(i18n, repaired, count).to_string()
        }
    }
}

#[component]
pub fn NoticeBar() -> impl IntoView {
    let i18n = use_i18n();
    let notices = expect_context::<Notices>();
    view! {
        <div class="notices" role="alert">
            <For
                each=move || notices.0.get().into_iter().enumerate()
                key=|(i, n)| (*i, format!("{n:?}"))
                let:item
            >
                {
                    let (index, notice) = item;
                    view! {
                        <p class="notice">
                            <span>{move || text(i18n, &notice)}</span>
                            <button
                                type="button"
                                class="dismiss"
                                on:click=move |_| notices.dismiss(index)
                            >
                                {t!(i18n, dismiss)}
                            </button>
                        </p>
                    }
                }
            </For>
        </div>
    }
}
