//! The page's frame from phone to wall screen: the link that skips to the board, and the top
//! bar's actions, which fold into a menu when they do not fit beside the title.

use crate::i18n::*;
use crate::menu::{OutsidePress, close_by_escape};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The first thing a keyboard reaches: it moves focus to the board's first card (or its first
/// cell's add button), or the first stage's name when no lane holds cards.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let first = [
            "table.board td.cell :is([tabindex='0'], button)",
            "table.board thead input",
        ]
        .into_iter()
        .find_map(|selector| document().query_selector(selector).ok().flatten());
        if let Some(el) = first.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            // Focus scrolls it into view, wherever the board was scrolled to.
            el.focus().ok();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>
            {t!(i18n, layout_skip)}
        </a>
    }
}

/// Whether the actions are folded into the menu. The bar folds them when it overflows, and
/// unfolds them once it is as wide as it was then: whatever the actions are (other parts add
/// theirs) and however long their words are in the language shown.
#[derive(Clone, Copy)]
struct Fold {
    folded: RwSignal<bool>,
    open: RwSignal<bool>,
    /// The bar's width with every action in it, measured when that overflowed.
    needed: StoredValue<i32>,
    menu: NodeRef<html::Div>,
}

impl Fold {
    fn bar(self) -> Option<web_sys::Element> {
        self.menu.get_untracked()?.parent_element()
    }

    fn fold_if_overflowing(self) {
        let Some(bar) = self.bar() else {
            return;
        };
        if !self.folded.get_untracked() && bar.scroll_width() > bar.client_width() {
            self.needed.set_value(bar.scroll_width());
            self.folded.set(true);
        }
    }

    /// After the bar's width or its words changed: unfolds if there may be room now, and
    /// folds again, before the next paint, if there is not.
    fn refit(self, words_changed: bool) {
        let Some(bar) = self.bar() else {
            return;
        };
        if self.folded.get_untracked()
            && (words_changed || bar.client_width() >= self.needed.get_value())
        {
            self.folded.set(false);
            self.open.set(false);
            request_animation_frame(move || self.fold_if_overflowing());
        } else {
            self.fold_if_overflowing();
        }
    }
}

/// The top bar's actions: in a row when they fit, else behind a menu button. The menu closes
/// with its button, Esc or a press outside it, but stays open while a dialog opened from it is
/// showing, since a closed menu would hide that dialog too.
#[component]
pub fn ActionsMenu(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let menu = NodeRef::<html::Div>::new();
    let toggle = NodeRef::<html::Button>::new();
    let fold = Fold {
        folded: RwSignal::new(false),
        open,
        needed: StoredValue::new(0),
        menu,
    };
    Effect::new(move |first: Option<()>| {
        i18n.get_locale();
        if first.is_none() {
            // Measured in the first frame, once everything is in the page, so the one layout
            // of that frame serves it rather than a layout forced before the board is drawn.
            request_animation_frame(move || fold.refit(false));
        } else {
            fold.refit(true);
        }
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| fold.refit(false));
    let dialog_open = move || {
        menu.get_untracked()
            .and_then(|m| m.query_selector("dialog[open]").ok().flatten())
            .is_some()
    };
    let outside = OutsidePress::new();
    Effect::new(move || {
        if open.get() {
            let close = move || {
                if !dialog_open() {
                    open.set(false);
                }
            };
            outside.start(move || menu.get_untracked().map(Into::into), close);
        } else {
            outside.stop();
        }
    });
    let on_key = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "Escape" || !open.get_untracked() || dialog_open() {
            return;
        }
        if let Some(m) = menu.get_untracked() {
            close_by_escape(&m, toggle.get_untracked().map(Into::into), || {
                open.set(false)
            });
        }
    });
    on_cleanup(move || {
        on_resize.remove();
        on_key.remove();
    });
    view! {
        <div class="topbar-menu" class:folded=move || fold.folded.get() node_ref=menu>
            <button
                type="button"
                class="menu-toggle"
                node_ref=toggle
                aria-expanded=move || open.get().to_string()
                aria-controls="topbar-actions"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰ "</span>
                {t!(i18n, layout_menu)}
            </button>
            <div id="topbar-actions" class="topbar-actions" class:open=move || open.get()>
                {children()}
            </div>
        </div>
    }
}
