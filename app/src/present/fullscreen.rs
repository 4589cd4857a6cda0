//! The Fullscreen API, where the browser grants it. Refused (in a frame that may not, once the
//! click's activation has run out, by a browser without it), the presentation stays what it is
//! anyway: an overlay over the whole window.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, js_sys, spawn_local};

#[wasm_bindgen]
extern "C" {
    /// An element as the Fullscreen API sees it: web-sys drops the promise that says whether
    /// the browser agreed, and a refusal left unawaited would be reported as a page error.
    type Fullscreenable;

    #[wasm_bindgen(method, catch, js_name = requestFullscreen)]
    fn request_fullscreen(this: &Fullscreenable) -> Result<js_sys::Promise, JsValue>;
}

/// Asks for the whole screen for `el`; a refusal changes nothing.
pub fn enter(el: &web_sys::Element) {
    if let Ok(asked) = el.unchecked_ref::<Fullscreenable>().request_fullscreen() {
        spawn_local(async move {
            let _ = JsFuture::from(asked).await;
        });
    }
}

/// Gives the screen back, if it was taken.
pub fn leave() {
    let document = document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}

/// Calls `left` whenever the page stops being full screen: the browser takes Esc (or its own
/// gesture) for that before the page sees the key.
pub fn on_leave(left: impl Fn() + 'static) -> WindowListenerHandle {
    window_event_listener_untyped("fullscreenchange", move |_| {
        if document().fullscreen_element().is_none() {
            left();
        }
    })
}
