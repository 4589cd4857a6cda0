//! "Export": the open map as a file of each kind Traseu writes, downloaded from the page.
//! Ctrl/Cmd+S, anywhere, downloads the Traseu file (in place of the browser saving the page).

use super::download::{download, download_blob, safe_name};
use super::picture::{self, PictureError};
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::emotion::CurrentPersona;
use crate::i18n::*;
use crate::{dialog, storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use model::{JourneyMap, PersonaId};

/// A kind of file the map is exported as.
#[derive(Clone, Copy)]
enum Kind {
    Traseu,
    Csv,
    Mermaid,
    Svg,
    /// A PNG at this many pixels to a point of the board.
    Png(u8),
}

impl Kind {
    /// The file's name for a map titled `title`.
    fn name(self, title: &str) -> String {
        let ending = match self {
            Kind::Traseu => ".traseu.json",
            Kind::Csv => ".csv",
            Kind::Mermaid => ".mmd",
            Kind::Svg => ".svg",
            Kind::Png(1) => ".png",
            Kind::Png(scale) => return format!("{}@{scale}x.png", safe_name(title)),
        };
        format!("{}{ending}", safe_name(title))
    }
}

/// A file made from the map: its name, type and text.
struct Made {
    name: String,
    mime: &'static str,
    text: String,
}

/// The map and its snapshots as a Traseu file, and whether the snapshots are in it: snapshots
/// that cannot be read are left out rather than keep the map from being saved.
fn traseu_file(map: &JourneyMap) -> (Made, bool) {
    let stored = storage::load_snapshots(&map.id);
    let snapshots = stored.as_ref().map(|u| u.snapshots.as_slice());
    let made = Made {
        name: Kind::Traseu.name(&map.title),
        mime: "application/json",
        text: model::file::export_json(map, snapshots.unwrap_or_default()),
    };
    (made, stored.is_ok())
}

fn csv_file(map: &JourneyMap, bom: bool) -> Made {
    Made {
        name: Kind::Csv.name(&map.title),
        mime: "text/csv;charset=utf-8",
        text: model::csv::to_csv(map, bom),
    }
}

fn svg_file(i18n: I18nContext<Locale>, map: &JourneyMap, persona: Option<PersonaId>) -> Made {
    Made {
        name: Kind::Svg.name(&map.title),
        mime: "image/svg+xml",
        text: picture::svg_of(i18n, map, persona).0,
    }
}

fn mermaid_file(map: &JourneyMap) -> Made {
    Made {
        name: Kind::Mermaid.name(&map.title),
        mime: "text/plain;charset=utf-8",
        text: model::mermaid::to_mermaid(map),
    }
}

/// Downloads `made` and says how that went, in a sentence.
fn save(i18n: I18nContext<Locale>, made: &Made) -> String {
    let file = made.name.as_str();
    match download(file, made.mime, &made.text) {
        Ok(()) => t_string!(i18n, export_downloaded, file).to_string(),
        Err(_) => t_string!(i18n, export_failed, file).to_string(),
    }
}

#[component]
pub fn ExportButton() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let current = expect_context::<CurrentPersona>();
    let dialog = dialog::OnDemand::new();
    let bom = RwSignal::new(false);
    // What the latest action in the dialog came to.
    let said = RwSignal::new(String::new());
    // How many snapshots the Traseu file takes; `None` when they cannot be read.
    let snapshots = RwSignal::new(Some(0usize));
    let open_dialog = move |_| {
        said.set(String::new());
        let id = editor.map.with_untracked(|m| m.id.clone());
        snapshots.set(storage::load_snapshots(&id).ok().map(|u| u.snapshots.len()));
        dialog.open();
    };
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        let save_key = (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key();
        if save_key && ev.key().eq_ignore_ascii_case("s") {
            ev.prevent_default();
            crate::editor::keep_typed_text();
            let (made, complete) = editor.map.with_untracked(traseu_file);
            let mut told = save(i18n, &made);
            if !complete {
                told = format!("{told} {}", t_string!(i18n, export_json_unreadable));
            }
            announcer.say(told);
        }
    });
    on_cleanup(move || shortcut.remove());
    let save_json = move |_| {
        let (made, _) = editor.map.with_untracked(traseu_file);
        said.set(save(i18n, &made));
    };
    let save_csv = move |_| {
        let made = editor
            .map
            .with_untracked(|m| csv_file(m, bom.get_untracked()));
        said.set(save(i18n, &made));
    };
    let save_mermaid = move |_| {
        let made = editor.map.with_untracked(mermaid_file);
        said.set(save(i18n, &made));
    };
    let save_svg = move |_| {
        let persona = current.id.get_untracked();
        let made = editor.map.with_untracked(|m| svg_file(i18n, m, persona));
        said.set(save(i18n, &made));
    };
    let save_png = move |scale: u8| {
        let persona = current.id.get_untracked();
        let (name, (svg, layout)) = editor.map.with_untracked(|m| {
            let name = Kind::Png(scale).name(&m.title);
            (name, picture::svg_of(i18n, m, persona))
        });
        spawn_local(async move {
            let file = name.as_str();
            let drawn = picture::png_of(&svg, &layout, f64::from(scale)).await;
            said.set(match drawn.map(|png| download_blob(file, &png)) {
                Ok(Ok(())) => t_string!(i18n, export_downloaded, file).to_string(),
                Err(PictureError::TooLarge) => t_string!(i18n, export_png_too_large).to_string(),
                Ok(Err(_)) | Err(PictureError::Failed) => {
                    t_string!(i18n, export_failed, file).to_string()
                }
            });
        });
    };
    let copy_mermaid = move |_| {
        let text = editor.map.with_untracked(model::mermaid::to_mermaid);
        let clipboard = window().navigator().clipboard();
        spawn_local(async move {
            let written = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            said.set(match written {
                Ok(_) => t_string!(i18n, export_copied).to_string(),
                Err(_) => t_string!(i18n, export_not_copied).to_string(),
            });
        });
    };
    let map_title = Memo::new(move |_| editor.map.with(|m| m.title.clone()));
    let named = move |kind: Kind| {
        move || {
            let file = map_title.with(|title| kind.name(title));
            t_string!(i18n, export_download, file).to_string()
        }
    };
    let json_hint = move || match snapshots.get() {
        Some(0) => t_string!(i18n, export_json_hint_alone).to_string(),
        Some(count) => t_string!(i18n, export_json_hint, count).to_string(),
        None => t_string!(i18n, export_json_unreadable).to_string(),
    };
    let title = move || {
        let title = map_title.get();
        t_string!(i18n, export_title, title).to_string()
    };

    view! {
        <button type="button" class="export-button" on:click=open_dialog>
            {t!(i18n, export)}
        </button>
        {dialog.view(move || view! {
            <dialog node_ref=dialog.node() class="export-dialog" aria-labelledby="export-title">
                <h2 id="export-title">{title}</h2>
                <p class="details-hint">{t!(i18n, export_intro)}</p>
                <section class="export-kind" aria-labelledby="export-json">
                    <h3 id="export-json">{t!(i18n, export_json)}</h3>
                    <p id="export-json-hint">{json_hint}</p>
                    <button type="button" class="primary" aria-describedby="export-json-hint" on:click=save_json>
                        {named(Kind::Traseu)}
                    </button>
                </section>
                <section class="export-kind" aria-labelledby="export-csv">
                    <h3 id="export-csv">{t!(i18n, export_csv)}</h3>
                    <p id="export-csv-hint">{t!(i18n, export_csv_hint)}</p>
                    <label class="export-option">
                        <input
                            type="checkbox"
                            prop:checked=move || bom.get()
                            on:change=move |ev| bom.set(event_target_checked(&ev))
                        />
                        {t!(i18n, export_csv_bom)}
                    </label>
                    <button type="button" aria-describedby="export-csv-hint" on:click=save_csv>
                        {named(Kind::Csv)}
                    </button>
                </section>
                <section class="export-kind" aria-labelledby="export-mermaid">
                    <h3 id="export-mermaid">{t!(i18n, export_mermaid)}</h3>
                    <p id="export-mermaid-hint">{t!(i18n, export_mermaid_hint)}</p>
                    <div class="export-buttons">
                        <button type="button" aria-describedby="export-mermaid-hint" on:click=save_mermaid>
                            {named(Kind::Mermaid)}
                        </button>
                        <button type="button" on:click=copy_mermaid>{t!(i18n, export_copy)}</button>
                    </div>
                </section>
                <section class="export-kind" aria-labelledby="export-picture">
                    <h3 id="export-picture">{t!(i18n, export_picture)}</h3>
                    <p id="export-picture-hint">{t!(i18n, export_picture_hint)}</p>
                    <div class="export-buttons">
                        <button type="button" aria-describedby="export-picture-hint" on:click=save_svg>
                            {named(Kind::Svg)}
                        </button>
                        <button type="button" on:click=move |_| save_png(1)>{named(Kind::Png(1))}</button>
                        <button type="button" on:click=move |_| save_png(2)>{named(Kind::Png(2))}</button>
                    </div>
                </section>
                <p class="export-said" role="status">{move || said.get()}</p>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| dialog.close()>
                        {t!(i18n, close)}
                    </button>
                </div>
            </dialog>
        })}
    }
}
