//! The board's frame: its stages (columns) and lanes (rows).

use super::order::{Alignment, Matched, align};
use super::{Change, ChangeKind};
use crate::ids::{LaneId, StageId};
use crate::map::{Lane, LaneKind, Stage};

#[derive(Clone, Debug, PartialEq)]
pub enum StageChange {
    /// At its position in the after version.
    Added {
        stage: Stage,
        at: usize,
    },
    /// At its position in the before version.
    Removed {
        stage: Stage,
        at: usize,
    },
    Renamed {
        id: StageId,
        name: Change<String>,
    },
    /// Its order among the stages of both versions changed; `from` and `to` are its positions
    /// in each.
    Moved {
        id: StageId,
        from: usize,
        to: usize,
    },
}

impl StageChange {
    pub fn id(&self) -> &StageId {
        match self {
            StageChange::Added { stage, .. } | StageChange::Removed { stage, .. } => &stage.id,
            StageChange::Renamed { id, .. } | StageChange::Moved { id, .. } => id,
        }
    }

    pub fn kind(&self) -> ChangeKind {
        match self {
            StageChange::Added { .. } => ChangeKind::Added,
            StageChange::Removed { .. } => ChangeKind::Removed,
            StageChange::Renamed { .. } => ChangeKind::Changed,
            StageChange::Moved { .. } => ChangeKind::Moved,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LaneChange {
    /// At its position in the after version.
    Added { lane: Lane, at: usize },
    /// At its position in the before version.
    Removed { lane: Lane, at: usize },
    /// `None` is the kind's own name.
    Renamed {
        id: LaneId,
        name: Change<Option<String>>,
    },
    /// No operation changes a lane's kind; a hand-edited file may.
    Retyped { id: LaneId, kind: Change<LaneKind> },
    /// Hidden or shown again.
    Hidden { id: LaneId, hidden: Change<bool> },
    /// Its order among the lanes of both versions changed.
    Moved { id: LaneId, from: usize, to: usize },
}

impl LaneChange {
    pub fn id(&self) -> &LaneId {
        match self {
            LaneChange::Added { lane, .. } | LaneChange::Removed { lane, .. } => &lane.id,
            LaneChange::Renamed { id, .. }
            | LaneChange::Retyped { id, .. }
            | LaneChange::Hidden { id, .. }
            | LaneChange::Moved { id, .. } => id,
        }
    }

    pub fn kind(&self) -> ChangeKind {
        match self {
            LaneChange::Added { .. } => ChangeKind::Added,
            LaneChange::Removed { .. } => ChangeKind::Removed,
            LaneChange::Renamed { .. } | LaneChange::Retyped { .. } | LaneChange::Hidden { .. } => {
                ChangeKind::Changed
            }
            LaneChange::Moved { .. } => ChangeKind::Moved,
        }
    }
}

/// For each thing of the after version in its order: its addition, or its move (if it moved)
/// and its other changes; then what was removed.
fn changes<T, C>(
    alignment: Alignment<T>,
    added: impl Fn(&T, usize) -> C,
    removed: impl Fn(&T, usize) -> C,
    moved: impl Fn(&T, usize, usize) -> C,
    edited: impl Fn(&T, &T, &mut Vec<C>),
) -> Vec<C> {
    let mut out = Vec::new();
    for matched in alignment.after {
        match matched {
            Matched::Added(new) => out.push(added(new.item, new.at)),
            Matched::Kept(k) => {
                if k.moved {
                    out.push(moved(k.after.item, k.before.at, k.after.at));
                }
                edited(k.before.item, k.after.item, &mut out);
            }
        }
    }
    out.extend(alignment.removed.into_iter().map(|r| removed(r.item, r.at)));
    out
}

pub(super) fn compare_stages(before: &[Stage], after: &[Stage]) -> Vec<StageChange> {
    changes(
        align(before, after, |s| &s.id),
        |stage, at| StageChange::Added {
            stage: stage.clone(),
            at,
        },
        |stage, at| StageChange::Removed {
            stage: stage.clone(),
            at,
        },
        |stage, from, to| StageChange::Moved {
            id: stage.id.clone(),
            from,
            to,
        },
        |b, a, out| {
            if b.name != a.name {
                out.push(StageChange::Renamed {
                    id: a.id.clone(),
                    name: Change {
                        before: b.name.clone(),
                        after: a.name.clone(),
                    },
                });
            }
        },
    )
}

pub(super) fn compare_lanes(before: &[Lane], after: &[Lane]) -> Vec<LaneChange> {
    changes(
        align(before, after, |l| &l.id),
        |lane, at| LaneChange::Added {
            lane: lane.clone(),
            at,
        },
        |lane, at| LaneChange::Removed {
            lane: lane.clone(),
            at,
        },
        |lane, from, to| LaneChange::Moved {
            id: lane.id.clone(),
            from,
            to,
        },
        |b, a, out| {
            let id = || a.id.clone();
            if b.name != a.name {
                out.push(LaneChange::Renamed {
                    id: id(),
                    name: Change {
                        before: b.name.clone(),
                        after: a.name.clone(),
                    },
                });
            }
            if b.kind != a.kind {
                out.push(LaneChange::Retyped {
                    id: id(),
                    kind: Change {
                        before: b.kind,
                        after: a.kind,
                    },
                });
            }
            if b.hidden != a.hidden {
                out.push(LaneChange::Hidden {
                    id: id(),
                    hidden: Change {
                        before: b.hidden,
                        after: a.hidden,
                    },
                });
            }
        },
    )
}
