//! Opening and closing the app's modal dialogs.

use leptos::html;
use leptos::prelude::*;

/// Shows `dialog` as a modal (unless it is open already: showing an open one throws), or
/// closes it. Does nothing before the dialog is mounted.
pub fn set_open(dialog: NodeRef<html::Dialog>, open: bool) {
    let Some(d) = dialog.get_untracked() else {
        return;
    };
    if !open {
        d.close();
    } else if !d.open() {
        let _ = d.show_modal();
    }
}

/// What `build` makes (a dialog, a menu's items), built the first time `wanted` holds and kept
/// from then on, closed or open: a board's dialogs and menus, built at start, were part of
/// every first render, though most are never opened in a visit.
pub fn built_when_first_wanted<V: IntoView + 'static>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    build: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let built = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    move || built.get().then(&build)
}

/// A modal dialog opened by a button: built the first time it is opened and kept from then on,
/// so the top bar's dialogs (the maps library with its template previews, export, snapshots,
/// sharing) are not part of every first render.
#[derive(Clone, Copy)]
pub struct OnDemand {
    node: NodeRef<html::Dialog>,
    built: RwSignal<bool>,
}

impl OnDemand {
    pub fn new() -> Self {
        let node = NodeRef::new();
        // The element appears once, built by the first `open`, which it answers by showing.
        Effect::new(move |_| {
            if node.get().is_some() {
                set_open(node, true);
            }
        });
        OnDemand {
            node,
            built: RwSignal::new(false),
        }
    }

    pub fn node(self) -> NodeRef<html::Dialog> {
        self.node
    }

    pub fn open(self) {
        if self.node.get_untracked().is_some() {
            set_open(self.node, true);
        } else {
            self.built.set(true);
        }
    }

    pub fn close(self) {
        set_open(self.node, false);
    }

    /// Whether the dialog is showing now (not tracked: the element's state is not a signal).
    pub fn is_open(self) -> bool {
        self.node.get_untracked().is_some_and(|d| d.open())
    }

    /// Where the dialog goes: nothing until it is first opened.
    pub fn view<V: IntoView + 'static>(
        self,
        build: impl Fn() -> V + Send + Sync + 'static,
    ) -> impl IntoView {
        built_when_first_wanted(move || self.built.get(), build)
    }
}
