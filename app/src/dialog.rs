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

/// The dialog `build` makes, built the first time `wanted` holds and kept from then on (closed
/// or open): a board's dialogs and their fields, built at start, were part of every first
/// render, though most are never opened in a visit.
pub fn built_when_first_wanted<V: IntoView + 'static>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    build: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let built = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    move || built.get().then(&build)
}
