//! A cell that holds a list (tags, personas, addresses, sources): items separated by `;`,
//! a backslash taking the next character as it is.

use super::cell::{name_of, read_name};
use crate::evidence::{Evidence, EvidenceKind};

const SEPARATOR: char = ';';
const ESCAPE: char = '\\';
/// Where a source's link starts; its note escapes it.
const LINK_OPEN: char = '<';
const LINK_CLOSE: char = '>';
/// Between a source's kind and its note.
const NOTE_MARK: char = ':';

/// A character of an item, and whether a backslash took it as it is.
type Piece = (char, bool);

fn escape_into(out: &mut String, text: &str, special: &[char]) {
    for c in text.chars() {
        if c == ESCAPE || c == SEPARATOR || special.contains(&c) {
            out.push(ESCAPE);
        }
        out.push(c);
    }
}

/// Items written as a list cell.
pub(super) fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        escape_into(&mut out, item.as_ref(), &[]);
    }
    out
}

/// A list cell's items, each as pieces, still untrimmed.
fn pieces(cell: &str) -> Vec<Vec<Piece>> {
    let mut items = Vec::new();
    let mut item = Vec::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            ESCAPE => item.push((chars.next().unwrap_or(ESCAPE), true)),
            SEPARATOR => items.push(std::mem::take(&mut item)),
            c => item.push((c, false)),
        }
    }
    items.push(item);
    items
}

fn text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|&(c, _)| c)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A list cell's items as texts, trimmed, empty ones skipped.
pub(super) fn split(cell: &str) -> Vec<String> {
    pieces(cell)
        .iter()
        .map(|item| text(item))
        .filter(|item| !item.is_empty())
        .collect()
}

/// Sources as a list cell: `kind`, `kind: note`, `kind <link>` or `kind: note <link>`.
pub(super) fn write_sources(evidence: &[Evidence]) -> String {
    let mut out = String::new();
    for (i, source) in evidence.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&name_of(source.kind));
        if !source.note.is_empty() {
            out.push(NOTE_MARK);
            out.push(' ');
            escape_into(&mut out, &source.note, &[LINK_OPEN]);
        }
        if let Some(link) = &source.link {
            out.push(' ');
            out.push(LINK_OPEN);
            escape_into(&mut out, link, &[]);
            out.push(LINK_CLOSE);
        }
    }
    out
}

/// A sources cell's items: each a source (its note and link trimmed, a blank link none), or
/// the item as written when its kind is not one.
pub(super) fn read_sources(cell: &str) -> Vec<Result<Evidence, String>> {
    pieces(cell)
        .iter()
        .filter(|item| !text(item).is_empty())
        .map(|item| read_source(item).ok_or_else(|| text(item)))
        .collect()
}

fn read_source(item: &[Piece]) -> Option<Evidence> {
    let unescaped = |wanted: char| move |&(c, escaped): &Piece| c == wanted && !escaped;
    let link_at = item.iter().position(unescaped(LINK_OPEN));
    let (head, link) = match link_at {
        Some(at) => (&item[..at], Some(&item[at + 1..])),
        None => (item, None),
    };
    let (kind, note) = match head.iter().position(unescaped(NOTE_MARK)) {
        Some(at) => (&head[..at], &head[at + 1..]),
        None => (head, &[][..]),
    };
    let link = link.map(|link| {
        let link = text(link);
        link.strip_suffix(LINK_CLOSE)
            .map(str::trim)
            .unwrap_or(&link)
            .to_owned()
    });
    Some(Evidence {
        kind: read_name::<EvidenceKind>(&text(kind))?,
        note: text(note),
        link: link.filter(|l| !l.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_with_separators_and_backslashes_read_back() {
        let items = ["a;b", "c\\d", "plain", "ends with \\"];
        let cell = join(items);
        assert_eq!(cell, "a\\;b; c\\\\d; plain; ends with \\\\");
        assert_eq!(split(&cell), items);
        assert_eq!(split(" x ;; y;"), ["x", "y"]);
        assert_eq!(split("trailing\\"), ["trailing\\"]);
    }

    #[test]
    fn sources_take_each_form() {
        let read = |cell| {
            read_sources(cell)
                .into_iter()
                .collect::<Result<Vec<_>, _>>()
        };
        let source = |kind, note: &str, link: Option<&str>| Evidence {
            kind,
            note: note.into(),
            link: link.map(str::to_owned),
        };
        assert_eq!(
            read("survey; Interview : P3: gave up ; web_analytics <https://x.org/a?b=1>"),
            Ok(vec![
                source(EvidenceKind::Survey, "", None),
                source(EvidenceKind::Interview, "P3: gave up", None),
                source(EvidenceKind::WebAnalytics, "", Some("https://x.org/a?b=1")),
            ])
        );
        assert_eq!(
            read("user_test: a \\< b \\; c <http://x>"),
            Ok(vec![source(
                EvidenceKind::UserTest,
                "a < b ; c",
                Some("http://x")
            )])
        );
        assert_eq!(
            read_sources("rumour: heard it; survey"),
            [
                Err("rumour: heard it".to_owned()),
                Ok(source(EvidenceKind::Survey, "", None))
            ]
        );
    }

    #[test]
    fn written_sources_read_back() {
        let evidence = vec![
            Evidence {
                kind: EvidenceKind::SalesData,
                note: "Q3 <draft>; a: b \\ c".into(),
                link: Some("https://x.org/a;b>c".into()),
            },
            Evidence {
                kind: EvidenceKind::Survey,
                note: String::new(),
                link: Some("http://y".into()),
            },
        ];
        let cell = write_sources(&evidence);
        let read: Vec<_> = read_sources(&cell)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(read, evidence);
    }
}
