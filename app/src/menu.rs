//! How an open menu closes without a choice being made, the same for every menu of the page
//! (the top bar's, a stage's or lane's "⋯"): a press outside it closes it, and Esc closes it and
//! gives focus back to its toggle, as the ARIA Authoring Practices' menu button does.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Hears presses outside a menu while it is open, and nothing while it is closed.
#[derive(Clone, Copy)]
pub struct OutsidePress(StoredValue<Option<WindowListenerHandle>, LocalStorage>);

impl OutsidePress {
    /// Stops hearing when the owner is disposed.
    pub fn new() -> Self {
        let press = OutsidePress(StoredValue::new_local(None));
        on_cleanup(move || press.stop());
        press
    }

    /// From now on a press outside `menu` calls `close`.
    pub fn start(
        self,
        menu: impl Fn() -> Option<web_sys::Element> + 'static,
        close: impl Fn() + 'static,
    ) {
        self.stop();
        let handle = window_event_listener(leptos::ev::pointerdown, move |ev| {
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if menu().is_some_and(|m| !m.contains(target.as_ref())) {
                close();
            }
        });
        self.0.set_value(Some(handle));
    }

    pub fn stop(self) {
        if let Some(handle) = self.0.try_update_value(Option::take).flatten() {
            handle.remove();
        }
    }
}

/// Esc in an open menu: `close`s it and, if focus was inside it, focuses `toggle`, so that
/// focus is not lost with the items that hid.
pub fn close_by_escape(
    menu: &web_sys::Element,
    toggle: Option<web_sys::HtmlElement>,
    close: impl FnOnce(),
) {
    let focus_inside = document()
        .active_element()
        .is_some_and(|a| menu.contains(Some(&a)));
    close();
    if focus_inside && let Some(toggle) = toggle {
        toggle.focus().ok();
    }
}
