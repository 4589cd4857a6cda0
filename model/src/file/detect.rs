//! What a file is, by its content rather than its name: which importer reads it, and, for a
//! file that is no journey map, what it looks like instead, so the person is told.

use crate::mermaid::diagram_type;
use crate::snapshot::SNAPSHOTS_FORMAT;
use serde_json::Value;

/// Which importer a file goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// It starts with `{` or `[`: [`import_json`](super::import_json) reads a Traseu file, or
    /// says what other JSON it is.
    Json,
    /// A Mermaid diagram of this type (see [`crate::mermaid::DIAGRAM_TYPES`]):
    /// [`crate::mermaid::from_mermaid`] reads a `journey` and names any other type.
    Mermaid { diagram: &'static str },
    /// Its first line has a comma, semicolon or tab: [`crate::csv::from_csv`] reads Traseu's
    /// columns, or asks the person what each column holds.
    Csv,
    /// Empty, or none of these.
    Unknown,
}

/// What a file that is not a Traseu map looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LooksLike {
    /// Nothing but white space.
    Empty,
    /// An Excalidraw scene, clipboard or library (`"type": "excalidraw…"`).
    Excalidraw,
    /// A tldraw file (`tldrawFileFormatVersion`) or store snapshot (a `com.tldraw.…` schema).
    Tldraw,
    /// A list of Traseu snapshots on its own (`"format": "traseu.snapshots"`).
    TraseuSnapshots,
    /// A Mermaid diagram; a `journey` is a map, read by the Mermaid importer.
    Mermaid { diagram: &'static str },
    /// A table, read by the CSV importer.
    Csv,
    /// Any other JSON.
    OtherJson,
}

/// How much of a file's start `detect` reads: a diagram's type and a table's header are in its
/// first lines, and reading a 10 MB file whole to route it would be waste.
const HEAD_BYTES: usize = 64 * 1024;

/// Which importer reads `text`, by its content (a byte order mark and leading white space are
/// skipped): JSON first, then a Mermaid diagram, then a table.
pub fn detect(text: &str) -> FileKind {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head = &text[..text.floor_char_boundary(HEAD_BYTES)];
    let start = head.trim_start();
    if start.starts_with(['{', '[']) {
        return FileKind::Json;
    }
    if let Some(diagram) = diagram_type(head) {
        return FileKind::Mermaid { diagram };
    }
    let first_line = start.split(['\n', '\r']).next().unwrap_or_default();
    match first_line.contains([',', ';', '\t']) {
        true => FileKind::Csv,
        false => FileKind::Unknown,
    }
}

/// What JSON that is not a Traseu map looks like.
pub(super) fn looks_like(value: &Value) -> LooksLike {
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    let tldraw_schema = value
        .pointer("/schema/sequences")
        .and_then(Value::as_object)
        .is_some_and(|sequences| sequences.keys().any(|k| k.starts_with("com.tldraw.")));
    if text("type").is_some_and(|kind| kind.starts_with("excalidraw")) {
        LooksLike::Excalidraw
    } else if value.get("tldrawFileFormatVersion").is_some() || tldraw_schema {
        LooksLike::Tldraw
    } else if text("format") == Some(SNAPSHOTS_FORMAT) {
        LooksLike::TraseuSnapshots
    } else {
        LooksLike::OtherJson
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_goes_to_its_importer_by_what_it_starts_with() {
        let cases = [
            ("\u{feff}  {\"format\": \"traseu.map\"}", FileKind::Json),
            ("[]", FileKind::Json),
            (
                "journey\n  title Day",
                FileKind::Mermaid { diagram: "journey" },
            ),
            (
                "%% notes\nflowchart LR\n",
                FileKind::Mermaid {
                    diagram: "flowchart",
                },
            ),
            ("\u{feff}id,stage,text\r\n1,A,x", FileKind::Csv),
            ("text;etapa\nx;y", FileKind::Csv),
            ("Just some notes.\nWith, a comma later", FileKind::Unknown),
            ("", FileKind::Unknown),
        ];
        for (text, kind) in cases {
            assert_eq!(detect(text), kind, "{text:?}");
        }
    }

    #[test]
    fn only_the_start_of_a_long_file_is_read_to_route_it() {
        let text = format!("{}, x", "é".repeat(HEAD_BYTES));
        assert_eq!(detect(&text), FileKind::Unknown);
    }
}
