//! How the board is shown: its zoom (the buttons; Ctrl/Cmd with +, − and 0; "fit the whole
//! journey") and its density, per map, remembered in this browser and never part of the map.
//! The zoom is the CSS `zoom` of the board's table, under which `getBoundingClientRect` and
//! pointer events both give screen pixels, so drops, insertion lines and the curve's points
//! land where the pointer is at any zoom; a `transform: scale` would not keep them together.

use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::notices::Notices;
use crate::storage::{self, View};
use leptos::prelude::*;
use model::{MapId, zoom};

/// The open map's view, read by the board and changed by the controls and shortcuts.
#[derive(Clone, Copy)]
pub struct BoardView {
    view: RwSignal<View>,
    map_id: Memo<MapId>,
    notices: Notices,
    announcer: Announcer,
    i18n: leptos_i18n::I18nContext<Locale>,
}

impl BoardView {
    /// Gives the page the open map's view, and switches to each map's own when another opens.
    pub fn provide(editor: Editor) -> Self {
        let map_id = Memo::new(move |_| editor.map.with(|m| m.id.clone()));
        let view = RwSignal::new(storage::view_of(&map_id.get_untracked()));
        Effect::new(move |_| {
            let stored = storage::view_of(&map_id.get());
            if view.get_untracked() != stored {
                view.set(stored);
            }
        });
        let shown = BoardView {
            view,
            map_id,
            notices: editor.notices,
            announcer: expect_context::<Announcer>(),
            i18n: use_i18n(),
        };
        provide_context(shown);
        shown
    }

    /// The board's CSS zoom, e.g. `80%`.
    pub fn css_zoom(&self) -> String {
        format!("{}%", self.view.with(|v| v.zoom))
    }

    pub fn compact(&self) -> bool {
        self.view.with(|v| v.compact)
    }

    fn zoom(&self) -> u16 {
        self.view.with(|v| v.zoom)
    }

    /// Changes the view and remembers it for this map.
    fn change(self, edit: impl FnOnce(&mut View)) {
        self.view.update(edit);
        let id = self.map_id.get_untracked();
        self.notices
            .storage(storage::set_view(&id, self.view.get_untracked()));
    }

    /// Sets the zoom and says it, for those who cannot see the board shrink or grow.
    fn set_zoom(self, to: u16) {
        self.change(|v| v.zoom = to);
        let percent = to;
        self.announcer
            .say(t_string!(self.i18n, zoom_now, percent).to_string());
    }

    fn zoom_in(self) {
        self.set_zoom(zoom::zoom_in(self.zoom()));
    }

    fn zoom_out(self) {
        self.set_zoom(zoom::zoom_out(self.zoom()));
    }

    fn reset(self) {
        self.set_zoom(zoom::DEFAULT);
    }

    /// The zoom at which every stage fits the board's visible width, from the board as it is
    /// laid out now; then the journey's start is brought into view.
    fn fit(self) {
        let find = |selector| document().query_selector(selector).ok().flatten();
        let (Some(table), Some(scroller)) = (find("table.board"), find(".board-scroll")) else {
            return;
        };
        // Each column draws one rule, at its right.
        let columns = table
            .query_selector_all("thead tr > *")
            .map_or(0, |cells| cells.length() as usize);
        let width = table.get_bounding_client_rect().width();
        let room = f64::from(scroller.client_width());
        self.set_zoom(zoom::fit(width, self.zoom(), columns, room));
        scroller.set_scroll_left(0);
    }

    fn toggle_compact(self) {
        self.change(|v| v.compact = !v.compact);
    }

    /// Ctrl/Cmd with + (or =), − and 0, in place of the browser's page zoom: only those keys.
    fn on_key(self, ev: &web_sys::KeyboardEvent) {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "+" | "=" => self.zoom_in(),
            "-" | "_" => self.zoom_out(),
            "0" => self.reset(),
            _ => return,
        }
        ev.prevent_default();
    }
}

/// The zoom buttons, the density switch and the zoom shortcuts.
#[component]
pub fn ZoomControls() -> impl IntoView {
    let i18n = use_i18n();
    let shown = expect_context::<BoardView>();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| shown.on_key(&ev));
    on_cleanup(move || keys.remove());
    view! {
        <div class="zoom" role="group" aria-label=move || t_string!(i18n, zoom_group).to_string()>
            <ZoomStep
                sign="−"
                name=Signal::derive(move || t_string!(i18n, zoom_out).to_string())
                act=BoardView::zoom_out
                end=zoom::MIN
            />
            <button
                type="button"
                class="zoom-level"
                title=move || t_string!(i18n, zoom_reset).to_string()
                on:click=move |_| shown.reset()
            >
                {move || format!("{}%", shown.zoom())}
            </button>
            <ZoomStep
                sign="+"
                name=Signal::derive(move || t_string!(i18n, zoom_in).to_string())
                act=BoardView::zoom_in
                end=zoom::MAX
            />
            <button
                type="button"
                class="zoom-fit"
                aria-label=move || t_string!(i18n, zoom_fit).to_string()
                title=move || t_string!(i18n, zoom_fit).to_string()
                on:click=move |_| shown.fit()
            >
                {t!(i18n, zoom_fit_short)}
            </button>
            <button
                type="button"
                class="zoom-compact"
                aria-pressed=move || shown.compact().to_string()
                on:click=move |_| shown.toggle_compact()
            >
                {t!(i18n, zoom_compact)}
            </button>
        </div>
    }
}

/// A button that zooms one stop in or out: a sign for the eye, its `name` for the ear; it
/// does nothing more once the zoom is at its `end`.
#[component]
fn ZoomStep(
    sign: &'static str,
    name: Signal<String>,
    act: fn(BoardView),
    end: u16,
) -> impl IntoView {
    let shown = expect_context::<BoardView>();
    view! {
        <button
            type="button"
            aria-label=name
            title=name
            disabled=move || shown.zoom() == end
            on:click=move |_| act(shown)
        >
            {sign}
        </button>
    }
}
