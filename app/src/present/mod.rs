//! The map away from the board: presented stage by stage in a meeting room, full screen and
//! read-only, and a blank worksheet printed for a paper workshop. Which slide follows which,
//! what a swipe means and what a slide holds are `model::present`'s rules; printing the map
//! itself is the style sheet's (`@media print`).

mod fullscreen;
mod slide;
mod worksheet;

pub use worksheet::WorksheetView;

use crate::announce::Announcer;
use crate::editor::Editor;
use crate::emotion::CurrentPersona;
use crate::filter::Lens;
use crate::i18n::*;
use leptos::html;
use leptos::portal::Portal;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::JourneyMap;
use model::present::{Slide, Step, swipe};
use wasm_bindgen::JsCast;

/// What shows in place of the board, and the buttons that open it, which take focus back when
/// it closes.
#[derive(Clone, Copy)]
pub struct Presenting {
    /// The slide on show; none while the board is.
    slide: RwSignal<Option<Slide>>,
    /// Whether the blank worksheet shows in place of the board.
    worksheet: RwSignal<bool>,
    present_button: NodeRef<html::Button>,
    worksheet_button: NodeRef<html::Button>,
}

impl Presenting {
    pub fn provide() {
        provide_context(Presenting {
            slide: RwSignal::new(None),
            worksheet: RwSignal::new(false),
            present_button: NodeRef::new(),
            worksheet_button: NodeRef::new(),
        });
    }

    /// Whether the worksheet shows in place of the board; tracked.
    pub fn worksheet_open(&self) -> bool {
        self.worksheet.get()
    }

    /// Back to the board where the presentation left off: the stage on show is brought into
    /// view, and focus goes back to the button that opened it.
    fn close(&self) {
        let Some(slide) = self.slide.get_untracked() else {
            return;
        };
        self.slide.set(None);
        fullscreen::leave();
        let present_button = self.present_button;
        // Once the page behind is no longer inert, so it can take focus.
        request_animation_frame(move || {
            let header = document()
                .query_selector_all("table.board thead th[data-stage]")
                .ok()
                .zip(slide_index(slide))
                .and_then(|(headers, index)| headers.get(index as u32))
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok());
            if let Some(header) = header {
                crate::board::show_stage(&header);
            }
            if let Some(button) = present_button.get_untracked() {
                let _ = button.focus();
            }
        });
    }
}

fn slide_index(slide: Slide) -> Option<usize> {
    match slide {
        Slide::Stage(index) => Some(index),
        Slide::Overview => None,
    }
}

/// "Present" and "Print a blank worksheet", at the end of the bar above the board.
#[component]
pub fn PresentActions() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let presenting = expect_context::<Presenting>();
    let present = move |_| {
        let stages = editor.map.with_untracked(|m| m.stages.len());
        presenting.slide.set(Some(Slide::first(stages)));
    };
    view! {
        <button
            type="button"
            class="present-button"
            node_ref=presenting.present_button
            on:click=present
        >
            {t!(i18n, present_open)}
        </button>
        <button
            type="button"
            class="worksheet-button"
            node_ref=presenting.worksheet_button
            on:click=move |_| presenting.worksheet.set(true)
        >
            {t!(i18n, worksheet_open)}
        </button>
    }
}

/// The presentation, drawn over the whole page (or the whole screen, where the browser allows)
/// while a slide is on show. Drawn at the end of the page's body, so that everything before it
/// can be made inert without silencing the live region that says each slide.
#[component]
pub fn Presentation() -> impl IntoView {
    let presenting = expect_context::<Presenting>();
    view! {
        <Show when=move || presenting.slide.with(Option::is_some)>
            <Portal>
                <Screen />
            </Portal>
        </Show>
    }
}

/// What the live region says of a slide: "Stage 3 of 8: Onboarding", or the overview's name.
fn said(i18n: I18nContext<Locale>, map: &JourneyMap, slide: Slide) -> String {
    match slide {
        Slide::Stage(index) => {
            let (n, total) = (index + 1, map.stages.len());
            let stage = map
                .stages
                .get(index)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            t_string!(i18n, present_said, n, total, stage).to_string()
        }
        Slide::Overview => t_string!(i18n, present_overview).to_string(),
    }
}

/// What a key asks of the presentation, outside the keys a focused button takes for itself.
fn step_for(key: &str) -> Option<Step> {
    match key {
        "ArrowRight" | "PageDown" | " " => Some(Step::Next),
        "ArrowLeft" | "PageUp" => Some(Step::Previous),
        "Home" => Some(Step::First),
        "End" => Some(Step::Last),
        _ => None,
    }
}

/// Makes everything on the page but the presentation and the live region inert, as a modal
/// dialog would, or lets it be again (`None`). A modal `<dialog>` would silence the live region
/// too, and the slide's announcement with it.
fn hold_page_behind(screen: Option<&web_sys::Element>) {
    let Ok(children) = document().query_selector_all("body > *") else {
        return;
    };
    for node in (0..children.length()).filter_map(|i| children.get(i)) {
        let Ok(el) = node.dyn_into::<web_sys::Element>() else {
            continue;
        };
        match screen {
            Some(screen) if !el.contains(Some(&**screen)) && !el.has_attribute("aria-live") => {
                let _ = el.set_attribute("inert", "");
            }
            _ => {
                let _ = el.remove_attribute("inert");
            }
        }
    }
}

#[component]
fn Screen() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let presenting = expect_context::<Presenting>();
    let announcer = expect_context::<Announcer>();
    let current = expect_context::<CurrentPersona>();
    let lens = expect_context::<Lens>();
    let screen = NodeRef::<html::Div>::new();
    let stages = Memo::new(move |_| editor.map.with(|m| m.stages.len()));
    // Kept within the map's stages, which another tab may delete while this one presents.
    let slide = Memo::new(move |_| {
        presenting
            .slide
            .get()
            .unwrap_or(Slide::Overview)
            .within(stages.get())
    });
    let go = move |step: Step| {
        let to = slide.get_untracked().step(step, stages.get_untracked());
        presenting.slide.set(Some(to));
    };
    Effect::new(move |_| {
        let slide = slide.get();
        announcer.say(editor.map.with_untracked(|m| said(i18n, m, slide)));
    });
    Effect::new(move |_| {
        if let Some(el) = screen.get() {
            hold_page_behind(Some(&el.clone().into()));
            fullscreen::enter(&el);
            let _ = el.focus();
        }
    });
    let fullscreen_left = fullscreen::on_leave(move || presenting.close());
    on_cleanup(move || {
        fullscreen_left.remove();
        hold_page_behind(None);
    });
    // Keys stay in the presentation: the board's own shortcuts (undo, deleting the selected
    // cards) must not change a map shown read-only.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        ev.stop_propagation();
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let key = ev.key();
        let on_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .is_some();
        if key == "Escape" {
            presenting.close();
        } else if on_button && (key == " " || key == "Enter") {
            return;
        } else if let Some(step) = step_for(&key) {
            go(step);
        } else {
            return;
        }
        ev.prevent_default();
    };
    // A finger (or pen) swiping sideways turns the slide; a mouse dragging selects text.
    let pressed = StoredValue::new(None::<(i32, (f64, f64))>);
    let on_down = move |ev: leptos::ev::PointerEvent| {
        let at = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        pressed.set_value((ev.pointer_type() != "mouse").then_some((ev.pointer_id(), at)));
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        let Some((id, from)) = pressed.get_value() else {
            return;
        };
        pressed.set_value(None);
        let to = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if id == ev.pointer_id()
            && let Some(step) = swipe(from, to)
        {
            go(step);
        }
    };
    let title = move || {
        let title = editor.map.with(|m| m.title.clone());
        t_string!(i18n, present_title, title).to_string()
    };
    let at_start = move || slide.get() == Slide::first(stages.get());
    let at_end = move || slide.get() == Slide::Overview;
    let body = move || {
        let persona = current.id.get();
        editor.map.with(|map| match slide.get() {
            Slide::Stage(index) => {
                let shown = |c: &model::Card| !lens.hides(&c.id);
                slide::stage_slide(i18n, map, index, persona.as_ref(), &shown).into_any()
            }
            Slide::Overview => view! { <slide::Overview map=map.clone() persona /> }.into_any(),
        })
    };
    view! {
        <div
            class="presentation"
            role="dialog"
            aria-label=title
            aria-describedby="present-help"
            tabindex="-1"
            node_ref=screen
            on:keydown=on_key
            on:pointerdown=on_down
            on:pointerup=on_up
            on:pointercancel=move |_| pressed.set_value(None)
        >
            <p id="present-help" class="visually-hidden">{t!(i18n, present_help)}</p>
            <button
                type="button"
                class="present-close"
                on:click=move |_| presenting.close()
            >
                <span aria-hidden="true">"× "</span>
                {t!(i18n, present_close)}
            </button>
            {body}
            <nav class="present-nav" aria-label=move || t_string!(i18n, present_nav).to_string()>
                <button
                    type="button"
                    aria-disabled=move || at_start().to_string()
                    on:click=move |_| go(Step::Previous)
                >
                    <span aria-hidden="true">"← "</span>
                    {t!(i18n, present_previous)}
                </button>
                <button
                    type="button"
                    aria-disabled=move || at_end().to_string()
                    on:click=move |_| go(Step::Next)
                >
                    {t!(i18n, present_next)}
                    <span aria-hidden="true">" →"</span>
                </button>
            </nav>
        </div>
    }
}
