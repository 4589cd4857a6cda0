//! A file's text to a map, by what the text is rather than what the file is called: Traseu's
//! JSON, a Mermaid journey (alone, or in a Markdown page's ```` ```mermaid ```` block) or a
//! CSV table; anything else is named and refused.

use crate::ids;
use chrono::{DateTime, Utc};
use model::csv::{self, CsvError, Problem};
use model::file::{self, Defaults, Entry, FileError, FileKind, LooksLike};
use model::mermaid::{self, MermaidError, Note};
use model::snapshot::Snapshot;
use model::{JourneyMap, Locale, MapId};

/// A file read into a map, and what the reading has to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub map: JourneyMap,
    /// Those of a Traseu file; other kinds have none.
    pub snapshots: Vec<Snapshot>,
    pub said: Said,
}

/// What an importer did not take as written, as it said it.
#[derive(Clone, Debug, PartialEq)]
pub enum Said {
    Json {
        entries: Vec<Entry>,
        unlisted: usize,
    },
    Csv {
        problems: Vec<Problem>,
        unlisted: usize,
    },
    Mermaid {
        notes: Vec<Note>,
    },
}

impl Said {
    pub fn is_empty(&self) -> bool {
        match self {
            Said::Json { entries, unlisted } => entries.is_empty() && *unlisted == 0,
            Said::Csv { problems, unlisted } => problems.is_empty() && *unlisted == 0,
            Said::Mermaid { notes } => notes.is_empty(),
        }
    }
}

/// What a file's text turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    Map(Imported),
    /// A table whose header is not Traseu's: the person says what each of these columns holds.
    Columns {
        found: Vec<String>,
    },
}

/// Why a file was not imported.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Larger than `model::file::MAX_IMPORT_BYTES`; it was not read.
    TooBig,
    /// Not text: a picture, a spreadsheet, an archive.
    Binary,
    /// More than one file dropped at once.
    Several,
    /// The browser could not read it.
    Unreadable,
    File(FileError),
    Csv(CsvError),
    Mermaid(MermaidError),
    /// Text, but none of the kinds Traseu reads.
    Unknown,
}

/// Where the import runs: what a map the file does not name gets (a title, the language) and
/// the time that stamps it.
pub struct Context<'a> {
    /// The file's name without its extension.
    pub title: &'a str,
    pub locale: Locale,
    pub now: DateTime<Utc>,
}

/// Reads `text` with the importer its content calls for.
pub fn read(text: &str, context: &Context) -> Result<Read, Refusal> {
    // A NUL character is in every binary format's first bytes and in no text file, and a
    // binary file must not reach the table reader, which would ask about its "columns".
    if text.contains('\0') {
        return Err(Refusal::Binary);
    }
    let kind = file::detect(text);
    if !matches!(kind, FileKind::Json | FileKind::Mermaid { .. })
        && let Some((block, before)) = mermaid_block(text)
    {
        return journey(block, context).map(|mut imported| {
            if let Said::Mermaid { notes } = &mut imported.said {
                notes.iter_mut().for_each(|note| note.line += before);
            }
            Read::Map(imported)
        });
    }
    match kind {
        FileKind::Json => {
            let defaults = Defaults {
                id: MapId::new(ids::fresh()),
                title: context.title.to_owned(),
                locale: context.locale,
                now: context.now,
            };
            let read = file::import_json(text, &defaults).map_err(Refusal::File)?;
            Ok(Read::Map(Imported {
                map: read.map,
                snapshots: read.snapshots,
                said: Said::Json {
                    entries: read.report,
                    unlisted: read.unlisted,
                },
            }))
        }
        FileKind::Mermaid { .. } => journey(text, context).map(Read::Map),
        FileKind::Csv => match csv::from_csv(text, context.locale, context.now, &mut ids::fresh) {
            Ok(read) => Ok(Read::Map(table(read))),
            Err(CsvError::Columns { found, .. }) => Ok(Read::Columns { found }),
            Err(e) => Err(Refusal::Csv(e)),
        },
        FileKind::Unknown if text.trim_start_matches('\u{feff}').trim().is_empty() => {
            Err(Refusal::File(FileError::NotAJourneyMap {
                looks_like: LooksLike::Empty,
            }))
        }
        FileKind::Unknown => Err(Refusal::Unknown),
    }
}

/// Reads a table with the columns the person chose: each pair is a column's place and what
/// it holds.
pub fn read_mapped(
    text: &str,
    mapping: &[(usize, csv::Column)],
    context: &Context,
) -> Result<Imported, Refusal> {
    csv::from_csv_mapped(text, mapping, context.locale, context.now, &mut ids::fresh)
        .map(table)
        .map_err(Refusal::Csv)
}

fn table(read: csv::CsvImport) -> Imported {
    Imported {
        map: read.map,
        snapshots: Vec::new(),
        said: Said::Csv {
            problems: read.problems,
            unlisted: read.unlisted,
        },
    }
}

/// A Mermaid text read as a journey; a diagram of another type is named as what it is.
fn journey(text: &str, context: &Context) -> Result<Imported, Refusal> {
    if let FileKind::Mermaid { diagram } = file::detect(text)
        && diagram != "journey"
    {
        return Err(Refusal::File(FileError::NotAJourneyMap {
            looks_like: LooksLike::Mermaid { diagram },
        }));
    }
    let read = mermaid::from_mermaid(text, context.locale, context.now, &mut ids::fresh)
        .map_err(Refusal::Mermaid)?;
    Ok(Imported {
        map: read.map,
        snapshots: Vec::new(),
        said: Said::Mermaid { notes: read.notes },
    })
}

/// The first ```` ```mermaid ```` block of a Markdown text that holds a journey (or else the
/// first such block, so that its diagram is named), and how many lines of the text come
/// before it, so that notes name the file's lines.
fn mermaid_block(text: &str) -> Option<(&str, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (open, fence) {
            (None, Some(info)) if info.split_whitespace().next() == Some("mermaid") => {
                open = Some((at + line.len(), number + 1));
            }
            (Some((start, before)), Some(_)) => {
                blocks.push((&text[start..at], before));
                open = None;
            }
            _ => {}
        }
        at += line.len();
    }
    // A block left open runs to the end, as Markdown renders it.
    blocks.extend(open.map(|(start, before)| (&text[start..], before)));
    let journey = |(block, _): &&(&str, usize)| {
        file::detect(block) == FileKind::Mermaid { diagram: "journey" }
    };
    blocks.iter().find(journey).or(blocks.first()).copied()
}
