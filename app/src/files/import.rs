//! Importing a file as a new map: checked before it is read, read by its content, opened
//! beside the person's other maps (never over one), then what the importer left out or
//! repaired is listed in a dialog; a table of other columns first asks what each one holds.

use super::read::{self, Context, Imported, Read, Refusal, Said};
use super::words;
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::{dialog, ids, labels, storage};
use chrono::Utc;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use model::MapId;
use model::csv::{Column, CsvError, MappingError};
use model::file::{MAX_IMPORT_BYTES, encoding};
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

/// What the file picker offers: the endings of the files Traseu writes (and Markdown pages
/// with a Mermaid block), and the types browsers give such files. Any other file, dropped or
/// chosen anyway, is read by its content too, so that a drawing saved as `.excalidraw` is
/// named as what it is.
const ACCEPT: &str = ".json,.csv,.mmd,.md,.txt,application/json,text/csv,text/plain,text/markdown";

/// Imports files, and the dialog that tells how it went.
#[derive(Clone, Copy)]
pub struct Importer {
    editor: Editor,
    i18n: I18nContext<Locale>,
    announcer: Announcer,
    shown: RwSignal<Option<Shown>>,
    dialog: NodeRef<html::Dialog>,
}

/// What the import dialog shows about the latest file.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Refused {
        file: String,
        why: Refusal,
    },
    /// A table whose columns the person is asked about; its text waits for the answer.
    Columns {
        file: String,
        text: Arc<str>,
        found: Vec<String>,
    },
    /// An imported map, with what the importer said; `lost` counts the file's snapshots when
    /// they could not be stored beside it.
    Report {
        file: String,
        title: String,
        said: Said,
        lost: Option<usize>,
    },
}

impl Importer {
    pub fn provide(editor: Editor) {
        provide_context(Importer {
            editor,
            i18n: use_i18n(),
            announcer: expect_context::<Announcer>(),
            shown: RwSignal::new(None),
            dialog: NodeRef::new(),
        });
    }

    /// Imports the one file in `files`; several at once are refused, none is nothing.
    pub fn take(&self, files: Vec<File>) {
        match files.as_slice() {
            [] => {}
            [file] => self.start(file.clone()),
            [file, ..] => self.refuse(file.name(), Refusal::Several),
        }
    }

    /// Reads `file` unless its size rules it out, which is known before reading it.
    fn start(&self, file: File) {
        let name = file.name();
        if let Err(why) = check(&file) {
            return self.refuse(name, why);
        }
        let this = *self;
        // Without a mark of its own, a file is read as Romanian's code page when the
        // interface is Romanian (`model::file::encoding`).
        let central = self.i18n.get_locale_untracked() == Locale::ro;
        spawn_local(async move {
            let bytes = JsFuture::from(file.array_buffer())
                .await
                .ok()
                .map(|b| js_sys::Uint8Array::new(&b));
            match bytes.and_then(|b| decode(&b, central)) {
                Some(text) => this.read(name, text),
                None => this.refuse(name, Refusal::Unreadable),
            }
        });
    }

    fn context<'a>(&self, title: &'a str) -> Context<'a> {
        Context {
            title,
            locale: labels::model_locale(self.i18n.get_locale_untracked()),
            now: Utc::now(),
        }
    }

    fn read(&self, file: String, text: String) {
        let title = self.title_of(&file);
        match read::read(&text, &self.context(&title)) {
            Ok(Read::Map(imported)) => self.open(file, imported),
            Ok(Read::Columns { found }) => self.show(Shown::Columns {
                file,
                text: text.into(),
                found,
            }),
            Err(why) => self.refuse(file, why),
        }
    }

    /// Reads the table waiting in the dialog with the columns the person chose; a mapping
    /// that cannot be used is returned, to be said beside the choices.
    fn read_columns(&self, mapping: &[(usize, Column)]) -> Result<(), MappingError> {
        let Some(Shown::Columns { file, text, .. }) = self.shown.get_untracked() else {
            return Ok(());
        };
        let title = self.title_of(&file);
        match read::read_mapped(&text, mapping, &self.context(&title)) {
            Ok(imported) => self.open(file, imported),
            Err(Refusal::Csv(CsvError::Mapping(e))) => return Err(e),
            Err(why) => self.refuse(file, why),
        }
        Ok(())
    }

    /// Opens an imported map as a new one, with its snapshots, then says what was not
    /// taken as written, or only that it was imported.
    fn open(&self, file: String, imported: Imported) {
        let Imported {
            mut map,
            snapshots,
            said,
        } = imported;
        map.id = MapId::new(ids::fresh());
        map.updated = Utc::now();
        if map.title.trim().is_empty() {
            map.title = self.title_of(&file);
        }
        let (id, title) = (map.id.clone(), map.title.clone());
        if !self.editor.open(map, false) {
            // The notice bar says why the open map stayed.
            dialog::set_open(self.dialog, false);
            return;
        }
        // Snapshots are kept only beside a stored map.
        let kept = snapshots.is_empty()
            || (self.editor.save().is_ok() && storage::save_snapshots(&id, &snapshots).is_ok());
        let lost = (!kept).then_some(snapshots.len());
        if said.is_empty() && lost.is_none() {
            dialog::set_open(self.dialog, false);
            let i18n = self.i18n;
            self.announcer
                .say(t_string!(i18n, import_done, title).to_string());
        } else {
            self.show(Shown::Report {
                file,
                title,
                said,
                lost,
            });
        }
    }

    fn refuse(&self, file: String, why: Refusal) {
        self.show(Shown::Refused { file, why });
    }

    fn show(&self, shown: Shown) {
        self.shown.set(Some(shown));
        let dialog = self.dialog;
        // Once its content is drawn, so that opening focuses the first of its controls.
        request_animation_frame(move || dialog::set_open(dialog, true));
    }

    fn close(&self) {
        dialog::set_open(self.dialog, false);
    }

    /// The title a map gets from the name of its file: the name without its ending, or a new
    /// map's title when nothing is left.
    fn title_of(&self, file: &str) -> String {
        let lower = file.to_lowercase();
        let base = match lower.strip_suffix(".traseu.json") {
            Some(base) => &file[..base.len()],
            None => file.rsplit_once('.').map_or(file, |(base, _)| base),
        };
        match base.trim() {
            "" => {
                let i18n = self.i18n;
                t_string!(i18n, default_map_title).to_owned()
            }
            base => base.to_owned(),
        }
    }
}

/// The files of a file list, which the browser may empty later.
pub fn files_in(list: Option<FileList>) -> Vec<File> {
    list.map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

/// Whether `file` may be read: a larger one is refused before it is.
fn check(file: &File) -> Result<(), Refusal> {
    // `size` is a whole number of bytes, exact in an f64 far beyond this.
    if file.size() > MAX_IMPORT_BYTES as f64 {
        Err(Refusal::TooBig)
    } else {
        Ok(())
    }
}

/// "Open a file…", for the library: a button in front of the browser's file picker, which
/// keyboard users reach like any button. `before` runs once a file is chosen.
#[component]
pub fn OpenFileButton(before: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let importer = expect_context::<Importer>();
    let input = NodeRef::<html::Input>::new();
    let choose = move |_| {
        if let Some(input) = input.get_untracked() {
            input.click();
        }
    };
    let chosen = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        let files = files_in(element.files());
        // Cleared (after the files are taken out: the list empties with it), so that choosing
        // the same file again imports it again.
        element.set_value("");
        before();
        importer.take(files);
    };
    view! {
        <button type="button" class="open-file" aria-describedby="open-file-hint" on:click=choose>
            {t!(i18n, import_open_file)}
        </button>
        <input type="file" node_ref=input hidden accept=ACCEPT on:change=chosen />
        <p id="open-file-hint" class="details-hint">{t!(i18n, import_open_file_hint)}</p>
    }
}

/// The import's dialog: why a file was refused, the columns of a table, or what was not
/// taken as written.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let importer = expect_context::<Importer>();
    let content = move || {
        importer.shown.get().map(|shown| match shown {
            Shown::Refused { file, why } => view! { <Refused file why /> }.into_any(),
            Shown::Columns { file, found, .. } => view! { <ColumnsStep file found /> }.into_any(),
            Shown::Report {
                file,
                title,
                said,
                lost,
            } => view! { <Report file title said lost /> }.into_any(),
        })
    };
    view! {
        <dialog
            node_ref=importer.dialog
            class="import-dialog"
            aria-labelledby="import-title"
            aria-describedby="import-said"
        >
            {content}
        </dialog>
    }
}

#[component]
fn Refused(file: String, why: Refusal) -> impl IntoView {
    let i18n = use_i18n();
    let importer = expect_context::<Importer>();
    view! {
        <h2 id="import-title">
            {move || t_string!(i18n, import_refused_title, file = file.as_str()).to_string()}
        </h2>
        <p id="import-said">{move || words::refusal(i18n, &why)}</p>
        <p class="details-hint">{t!(i18n, import_nothing_changed)}</p>
        <div class="dialog-actions">
            <button type="button" class="primary" on:click=move |_| importer.close()>
                {t!(i18n, close)}
            </button>
        </div>
    }
}

#[component]
fn Report(file: String, title: String, said: Said, lost: Option<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let importer = expect_context::<Importer>();
    let more = words::unlisted(&said);
    let listed = !said.is_empty();
    let lines = move || {
        words::report(i18n, &said)
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
    };
    view! {
        <h2 id="import-title">
            {move || t_string!(i18n, import_report_title, title = title.as_str()).to_string()}
        </h2>
        <p id="import-said">
            {t!(i18n, import_report_opened)}
            {listed
                .then_some(move || {
                    let intro = t_string!(i18n, import_report_intro, file = file.as_str());
                    format!(" {intro}")
                })}
        </p>
        {listed.then(|| view! { <ul class="import-report">{lines}</ul> })}
        {(more > 0)
            .then(|| {
                view! { <p>{move || t_string!(i18n, import_more, count = more).to_string()}</p> }
            })}
        {lost
            .map(|count| {
                view! {
                    <p class="field-error">
                        {move || t_string!(i18n, import_snapshots_lost, count).to_string()}
                    </p>
                }
            })}
        <div class="dialog-actions">
            <button type="button" class="primary" on:click=move |_| importer.close()>
                {t!(i18n, close)}
            </button>
        </div>
    }
}

/// Each column's choice at first: the column of Traseu's its header names, once; the rest
/// left out.
fn prefill(found: &[String]) -> Vec<Option<Column>> {
    let mut taken = Vec::new();
    found
        .iter()
        .map(|name| {
            let column = Column::from_name(name).filter(|c| !taken.contains(c));
            taken.extend(column);
            column
        })
        .collect()
}

/// Asks what each column of a table holds, then reads it so; never a column read as
/// another without the person saying so.
#[component]
fn ColumnsStep(file: String, found: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let importer = expect_context::<Importer>();
    let chosen: Vec<RwSignal<Option<Column>>> =
        prefill(&found).into_iter().map(RwSignal::new).collect();
    let problem = RwSignal::new(None::<MappingError>);
    let rows = found
        .into_iter()
        .zip(chosen.iter().copied())
        .enumerate()
        .map(|(i, (name, choice))| view! { <ColumnChoice number=i + 1 name choice /> })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mapping: Vec<(usize, Column)> = chosen
            .iter()
            .enumerate()
            .filter_map(|(i, choice)| choice.get_untracked().map(|c| (i, c)))
            .collect();
        problem.set(importer.read_columns(&mapping).err());
    };
    view! {
        <h2 id="import-title">
            {move || t_string!(i18n, import_columns_title, file = file.as_str()).to_string()}
        </h2>
        <p id="import-said">{t!(i18n, import_columns_intro)}</p>
        <form class="import-columns" novalidate on:submit=submit>
            <div class="column-choices">{rows}</div>
            <p id="import-columns-problem" class="field-error" role="alert">
                {move || problem.get().map(|e| words::mapping(i18n, e))}
            </p>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| importer.close()>
                    {t!(i18n, cancel)}
                </button>
                <button type="submit" class="primary">{t!(i18n, import_columns_go)}</button>
            </div>
        </form>
    }
}

#[component]
fn ColumnChoice(number: usize, name: String, choice: RwSignal<Option<Column>>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || match name.trim() {
        "" => t_string!(i18n, import_column_unnamed, number).to_string(),
        name => t_string!(i18n, import_column, number, name).to_string(),
    };
    let options = Column::ALL
        .into_iter()
        .map(|column| {
            view! { <option value=column.name()>{move || words::column_name(i18n, column)}</option> }
        })
        .collect_view();
    view! {
        <label class="column-choice">
            <span>{label}</span>
            <select
                aria-describedby="import-columns-problem"
                prop:value=move || choice.get().map_or("", Column::name)
                on:change=move |ev| choice.set(Column::from_name(&event_target_value(&ev)))
            >
                <option value="">{t!(i18n, import_column_leave_out)}</option>
                {options}
            </select>
        </label>
    }
}

/// A file's bytes as text, in the encoding they are most likely in: a spreadsheet's "CSV" from
/// Windows is in its code page, not UTF-8.
fn decode(bytes: &js_sys::Uint8Array, central: bool) -> Option<String> {
    let encoding = encoding::guess(&bytes.to_vec(), central);
    web_sys::TextDecoder::new_with_label(encoding.label())
        .ok()?
        .decode_with_js_u8_array(bytes)
        .ok()
}
