//! A file dropped anywhere on the page is imported. While one is dragged over the page, an
//! overlay says so and what it takes; keyboard users have "Open a file…" in the library.

use super::import::{Importer, files_in};
use crate::i18n::*;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::DragEvent;

/// Whether `ev` carries files (not text or a link dragged within the page).
fn carries_files(ev: &DragEvent) -> bool {
    ev.data_transfer()
        .is_some_and(|data| data.types().includes(&JsValue::from_str("Files"), 0))
}

#[component]
pub fn DropZone() -> impl IntoView {
    let i18n = use_i18n();
    let importer = expect_context::<Importer>();
    let dragging = RwSignal::new(false);
    // Entering a child fires before leaving its parent: the overlay goes once every element
    // entered has been left.
    let entered = StoredValue::new(0u32);
    let enter = window_event_listener(ev::dragenter, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            entered.update_value(|n| *n += 1);
            dragging.set(true);
        }
    });
    let over = window_event_listener(ev::dragover, move |ev| {
        if carries_files(&ev) {
            // Without this the browser opens the file in place of the app.
            ev.prevent_default();
            if let Some(data) = ev.data_transfer() {
                data.set_drop_effect("copy");
            }
        }
    });
    let leave = window_event_listener(ev::dragleave, move |ev| {
        if carries_files(&ev) {
            entered.update_value(|n| *n = n.saturating_sub(1));
            if entered.get_value() == 0 {
                dragging.set(false);
            }
        }
    });
    let dropped = window_event_listener(ev::drop, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            entered.set_value(0);
            dragging.set(false);
            importer.take(files_in(ev.data_transfer().and_then(|data| data.files())));
        }
    });
    on_cleanup(move || {
        enter.remove();
        over.remove();
        leave.remove();
        dropped.remove();
    });
    view! {
        <div class="drop-zone" hidden=move || !dragging.get()>
            <div class="drop-panel">
                <p class="drop-title">{t!(i18n, import_drop)}</p>
                <p>{t!(i18n, import_drop_accepts)}</p>
            </div>
        </div>
    }
}
