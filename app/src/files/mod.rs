//! Maps in and out as files (issue 12): "Export" downloads the open map as a Traseu JSON file
//! (with its snapshots), a CSV table or a Mermaid journey, made in the page; "Open a file…"
//! in the library, or a file dropped on the page, imports one of those as a new map and says
//! in the person's language what was left out or repaired. The model reads and writes the
//! files (`model::file`, `model::csv`, `model::mermaid`); this module moves them in and out
//! of the browser and puts what the model reports into words.

mod download;
mod drop;
mod export;
mod import;
mod picture;
mod read;
mod words;

pub use drop::DropZone;
pub use export::ExportButton;
pub use import::{ImportDialog, Importer, OpenFileButton};
