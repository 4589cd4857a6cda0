//! The polite live region through which moves and undo are announced to screen readers.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Announcer(RwSignal<String>);

impl Announcer {
    pub fn new() -> Self {
        Announcer(RwSignal::new(String::new()))
    }

    /// Says `text`; the same text twice in a row is said twice.
    pub fn say(&self, text: String) {
        let signal = self.0;
        signal.set(String::new());
        request_animation_frame(move || signal.set(text));
    }
}

#[component]
pub fn LiveRegion() -> impl IntoView {
    let Announcer(text) = expect_context::<Announcer>();
    view! {
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">
            {move || text.get()}
        </div>
    }
}
