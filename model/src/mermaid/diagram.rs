//! What kind of Mermaid diagram a text is, as Mermaid's detectors tell, so that a file can be
//! sent to the journey reader, or named as the diagram it is.

use super::preprocess::diagram_word;

/// The words Mermaid's detectors (`diagrams/*/…Detector.ts`) look for at the start of a
/// diagram. Each matches any word it begins, as theirs do: `stateDiagram` takes
/// `stateDiagram-v2`, `flowchart` takes `flowchart-elk`, `sankey` takes `sankey-beta`.
pub const DIAGRAM_TYPES: [&str; 34] = [
    "graph",
    "flowchart",
    "sequenceDiagram",
    "classDiagram",
    "stateDiagram",
    "erDiagram",
    "journey",
    "gantt",
    "pie",
    "quadrantChart",
    "requirement",
    "gitGraph",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "mindmap",
    "timeline",
    "zenuml",
    "sankey",
    "xychart",
    "block",
    "packet",
    "kanban",
    "architecture",
    "radar-beta",
    "treemap",
    "treeView-beta",
    "venn-beta",
    "wardley-beta",
    "ishikawa",
    "eventmodeling",
    "info",
];

/// The type of Mermaid diagram `text` is, one of [`DIAGRAM_TYPES`] (`journey` for a journey):
/// the word it starts with after Mermaid's front matter, directives and comments must begin
/// with it and be followed by white space or the end of the text, so a table whose header
/// starts `pie,slices` is not a pie chart.
pub fn diagram_type(text: &str) -> Option<&'static str> {
    let word = diagram_word(text)?;
    DIAGRAM_TYPES
        .into_iter()
        .find(|&kind| word.starts_with(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagram_is_named_by_its_first_word_after_what_mermaid_takes_out() {
        let cases = [
            ("graph TD\n  A --> B", Some("graph")),
            (
                "%%{init: {}}%%\n%% a comment\nsequenceDiagram\n",
                Some("sequenceDiagram"),
            ),
            (
                "---\ntitle: States\n---\nstateDiagram-v2\n",
                Some("stateDiagram"),
            ),
            ("\u{feff}journey\n  title Day", Some("journey")),
            ("  pie", Some("pie")),
        ];
        for (text, kind) in cases {
            assert_eq!(diagram_type(text), kind, "{text:?}");
        }
    }

    #[test]
    fn a_table_prose_or_json_is_no_diagram() {
        for text in [
            "pie,slices\n1,2",
            "Pies are round",
            "{\"graph\": 1}",
            "",
            "graph;",
        ] {
            assert_eq!(diagram_type(text), None, "{text:?}");
        }
    }
}
