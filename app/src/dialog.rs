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
