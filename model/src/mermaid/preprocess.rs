//! What Mermaid does to a diagram's text before its journey parser sees it, step by step in
//! its order (`preprocess.ts`, then `Diagram.fromText`), so that a text means here what it
//! means there. Every step keeps, for each character, the line of the original text it came
//! from, so what the parser refuses is reported at the line the person wrote it on.

/// Text on its way to the parser: its characters and the (1-based) original line of each.
pub(super) struct Source {
    pub chars: Vec<char>,
    pub lines: Vec<usize>,
    /// The line the text ends on, for what is found at its end.
    pub last_line: usize,
}

/// A text ready for the journey parser, with what the steps before it took out.
pub(super) struct Prepared {
    pub source: Source,
    /// The front matter's `title:` and its line.
    pub title: Option<(String, usize)>,
    /// Each `%%` comment line taken out: its line and its text after the `%%`.
    pub comments: Vec<(usize, String)>,
}

/// JavaScript's `\s` (and what `trim` removes), which differs from Rust's `char::is_whitespace`
/// in U+FEFF and U+0085.
pub(super) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

pub(super) fn js_trim(text: &str) -> &str {
    text.trim_matches(is_js_space)
}

/// Where JavaScript's `.` stops and its multiline `^` starts again.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// JavaScript's `\w`.
pub(super) fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Source {
    /// The text without a byte order mark, its line breaks (CRLF, CR, LF) made `\n`, as
    /// Mermaid's `cleanupText` makes them.
    fn new(text: &str) -> Source {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut source = Source {
            chars: Vec::with_capacity(text.len()),
            lines: Vec::with_capacity(text.len()),
            last_line: 1,
        };
        let mut line = 1;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue;
            }
            let c = if c == '\r' { '\n' } else { c };
            source.push(c, line);
            if c == '\n' {
                line += 1;
            }
        }
        source.last_line = line;
        source
    }

    fn push(&mut self, c: char, line: usize) {
        self.chars.push(c);
        self.lines.push(line);
    }

    pub(super) fn is(&self, at: usize, c: char) -> bool {
        self.chars.get(at) == Some(&c)
    }

    /// Whether the character at `at` is one of JavaScript's word characters.
    pub(super) fn is_word_at(&self, at: usize) -> bool {
        self.chars.get(at).is_some_and(|&c| is_word(c))
    }

    pub(super) fn starts_with(&self, at: usize, text: &str) -> bool {
        let mut i = at;
        text.chars().all(|c| {
            i += 1;
            self.chars.get(i - 1) == Some(&c)
        })
    }

    /// The first index from `at` whose character is not JavaScript whitespace.
    fn skip_space(&self, at: usize) -> usize {
        self.skip(at, is_js_space)
    }

    /// The first index from `at` whose character is not one to skip `over`.
    pub(super) fn skip(&self, at: usize, mut over: impl FnMut(char) -> bool) -> usize {
        let mut i = at;
        while i < self.chars.len() && over(self.chars[i]) {
            i += 1;
        }
        i
    }

    pub(super) fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    /// This text without the character ranges in `cut`, which are in order and apart.
    fn without(self, cut: &[(usize, usize)]) -> Source {
        if cut.is_empty() {
            return self;
        }
        let mut out = Source {
            chars: Vec::with_capacity(self.chars.len()),
            lines: Vec::with_capacity(self.chars.len()),
            last_line: self.last_line,
        };
        let len = self.chars.len();
        let mut from = 0;
        for (start, end) in cut.iter().copied().chain([(len, len)]) {
            out.chars.extend_from_slice(&self.chars[from..start]);
            out.lines.extend_from_slice(&self.lines[from..start]);
            from = end;
        }
        out
    }
}

/// Mermaid's steps in its order. `Err` when the text is not a journey, with the word it
/// starts with instead (for a Mermaid diagram, its type), if any.
pub(super) fn prepare(text: &str) -> Result<Prepared, Option<String>> {
    let Prepared {
        source,
        title,
        comments,
    } = stripped(text);
    let start = detected_start(&source);
    // Mermaid's detector takes `journeys` too, but its grammar's keyword is a whole word.
    let keyword = source.starts_with(start, "journey") && !source.is_word_at(start + 7);
    if !keyword {
        return Err(leading_word(&source, start));
    }
    Ok(Prepared {
        source: encoded(source),
        title,
        comments,
    })
}

/// The word where Mermaid's detector looks for the diagram's type, when white space or the end
/// of the text follows it.
pub(super) fn diagram_word(text: &str) -> Option<String> {
    let source = stripped(text).source;
    let start = detected_start(&source);
    let end = word_end(&source, start);
    let whole = source.chars.get(end).is_none_or(|&c| is_js_space(c));
    leading_word(&source, start).filter(|_| whole)
}

/// The text without front matter, directives and comments, not yet encoded for the parser.
fn stripped(text: &str) -> Prepared {
    let source = Source::new(text);
    let (source, title) = front_matter(source);
    let source = without_directives(source);
    let (source, comments) = without_comments(source);
    Prepared {
        source,
        title,
        comments,
    }
}

/// Takes out a front matter block (Mermaid's `frontMatterRegex`,
/// `^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+`) and reads its title.
fn front_matter(source: Source) -> (Source, Option<(String, usize)>) {
    if !source.starts_with(0, "---") {
        return (source, None);
    }
    let last_newline = |from: usize, to: usize| (from..to).rev().find(|&i| source.chars[i] == '\n');
    let Some(opening) = last_newline(3, source.skip_space(3)) else {
        return (source, None);
    };
    let body = opening + 1;
    let closing = (body..source.chars.len()).find_map(|i| {
        if source.chars[i] != '\n' || !source.starts_with(i + 1, "---") {
            return None;
        }
        let end = last_newline(i + 4, source.skip_space(i + 4))?;
        Some((i, end + 1))
    });
    let Some((body_end, end)) = closing else {
        return (source, None);
    };
    let title = yaml_title(&source, body, body_end);
    (source.without(&[(0, end)]), title)
}

/// The top-level `title:` of a front matter, as js-yaml reads a one-line plain, single- or
/// double-quoted scalar; other YAML forms of it are not read.
fn yaml_title(source: &Source, from: usize, to: usize) -> Option<(String, usize)> {
    let mut start = from;
    while start < to {
        let end = (start..to).find(|&i| source.chars[i] == '\n').unwrap_or(to);
        if source.starts_with(start, "title") {
            let colon = source.skip(start + 5, |c| c == ' ' || c == '\t');
            if colon < end && source.chars[colon] == ':' {
                let value = source.text(colon + 1, end);
                if value.is_empty() || value.starts_with([' ', '\t']) {
                    return yaml_scalar(value.trim()).map(|t| (t, source.lines[start]));
                }
            }
        }
        start = end + 1;
    }
    None
}

fn yaml_scalar(value: &str) -> Option<String> {
    if let Some(quoted) = value.strip_prefix('\'') {
        let mut text = String::new();
        let mut chars = quoted.chars().peekable();
        loop {
            match chars.next()? {
                '\'' if chars.next_if_eq(&'\'').is_none() => {
                    return Some(text).filter(|t| !t.is_empty());
                }
                c => text.push(c),
            }
        }
    }
    if let Some(quoted) = value.strip_prefix('"') {
        let mut text = String::new();
        let mut chars = quoted.chars();
        loop {
            match chars.next()? {
                '"' => return Some(text).filter(|t| !t.is_empty()),
                '\\' => match chars.next()? {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        text.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    other => text.push(other),
                },
                c => text.push(c),
            }
        }
    }
    let plain = value.split(" #").next().unwrap_or_default().trim_end();
    // What js-yaml's JSON schema reads as null or false, which Mermaid treats as no title.
    let none = ["", "~", "null", "Null", "NULL", "false", "False", "FALSE"];
    let block = plain.starts_with(['|', '>', '[', '{', '&', '*', '!']);
    (!none.contains(&plain) && !block).then(|| plain.to_owned())
}

/// Takes out `%%{…}%%` directives as Mermaid's `removeDirectives` does (its `directiveRegex`),
/// including one left open, which runs to the end of the text.
fn without_directives(source: Source) -> Source {
    let mut cut = Vec::new();
    let mut i = 0;
    while i < source.chars.len() {
        match source
            .starts_with(i, "%%{")
            .then(|| directive_end(&source, i + 3))
            .flatten()
        {
            Some(end) => {
                cut.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    source.without(&cut)
}

/// Where `directiveRegex` ends a directive whose `%%{` ends before `at`:
/// `\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?`.
fn directive_end(source: &Source, at: usize) -> Option<usize> {
    let name = source.skip_space(at);
    let mut i = source.skip(name, is_word);
    if i == name {
        return None;
    }
    let colon = source.skip_space(i);
    if source.is(colon, ':') {
        i = colon + 1;
    }
    i = source.skip_space(i);
    let word = source.skip(i, is_word);
    i = if word > i {
        word
    } else {
        let mut j = i;
        while j < source.chars.len()
            && !source.starts_with(j, "}%%")
            && !matches!(source.chars[j], '\u{2028}' | '\u{2029}')
        {
            j += 1;
        }
        j
    };
    i = source.skip_space(i);
    if source.starts_with(i, "}%%") {
        i += 3;
    }
    Some(i)
}

/// Takes out comment lines as Mermaid's `cleanupComments` does
/// (`/^\s*%%(?!{)[^\n]+\n?/gm`, then `trimStart`), keeping each comment's text and line.
fn without_comments(source: Source) -> (Source, Vec<(usize, String)>) {
    let mut cut = Vec::new();
    let mut comments = Vec::new();
    let len = source.chars.len();
    let mut start = 0;
    while start < len {
        let marks = source.skip_space(start);
        let text = marks + 2;
        let is_comment = source.starts_with(marks, "%%")
            && text < len
            && !matches!(source.chars[text], '{' | '\n');
        let next_line = |from: usize| {
            (from..len)
                .find(|&i| is_line_terminator(source.chars[i]))
                .map_or(len, |i| i + 1)
        };
        if is_comment {
            let end = (text..len)
                .find(|&i| source.chars[i] == '\n')
                .unwrap_or(len);
            comments.push((source.lines[marks], source.text(text, end)));
            let end = (end + 1).min(len);
            cut.push((start, end));
            start = end;
        } else {
            // Every line start up to `marks` skips to the same place and fails the same way.
            start = next_line(marks);
        }
    }
    let source = source.without(&cut);
    let first = source.skip_space(0);
    (source.without(&[(0, first)]), comments)
}

/// Where Mermaid's `detectType` looks for the diagram's type: after white space and `%%`
/// comments (its `anyCommentRegex`, `\s*%%.*\n`).
fn detected_start(source: &Source) -> usize {
    let mut i = source.skip_space(0);
    while source.starts_with(i, "%%") {
        let end = source.skip(i, |c| !is_line_terminator(c));
        if !source.is(end, '\n') {
            break;
        }
        i = source.skip_space(end);
    }
    i
}

/// The word a text starts with, which for a Mermaid diagram names its type.
fn leading_word(source: &Source, at: usize) -> Option<String> {
    let starts_with_letter = source.chars.get(at).is_some_and(|c| c.is_alphabetic());
    let end = word_end(source, at);
    starts_with_letter.then(|| source.chars[at..end].iter().take(40).collect())
}

/// Where a word from `at` ends: letters, digits, `-` and `_`, as diagram types are spelt
/// (`stateDiagram-v2`).
fn word_end(source: &Source, at: usize) -> usize {
    source.skip(at, |c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Mermaid's `encodeEntities`, then the line break `Diagram.fromText` adds.
fn encoded(source: Source) -> Source {
    let source = without_style_semicolons(source, "style");
    let source = without_style_semicolons(source, "classDef");
    let mut out = with_entity_placeholders(source);
    out.push('\n', out.last_line);
    out
}

/// A text's entity codes (`#35;`, `#quot;`) as `encodeEntities` leaves them for the parser.
pub(super) fn entity_codes(text: &str) -> String {
    with_entity_placeholders(Source::new(text))
        .chars
        .into_iter()
        .collect()
}

/// Entity codes become Mermaid's placeholders, which no rule of the journey grammar treats
/// specially (a `#35;` is no comment, a `#58;` no colon); `parse::decode` turns them into
/// characters after parsing.
fn with_entity_placeholders(source: Source) -> Source {
    let mut out = Source {
        chars: Vec::with_capacity(source.chars.len()),
        lines: Vec::with_capacity(source.lines.len()),
        last_line: source.last_line,
    };
    let mut i = 0;
    while i < source.chars.len() {
        let name_end = match source.chars[i] {
            '#' => source.skip(i + 1, is_word),
            _ => i,
        };
        if name_end > i + 1 && source.is(name_end, ';') {
            let name: String = source.chars[i + 1..name_end].iter().collect();
            let open = if name.chars().all(|c| c.is_ascii_digit()) {
                "ﬂ°°"
            } else {
                "ﬂ°"
            };
            for c in format!("{open}{name}¶ß").chars() {
                out.push(c, source.lines[i]);
            }
            i = name_end + 1;
        } else {
            out.push(source.chars[i], source.lines[i]);
            i += 1;
        }
    }
    out
}

/// `encodeEntities` first drops the last `;` of a line matching `/style.*:\S*#.*;/` (and the
/// same with `classDef`), meant for flowchart styles but applied to every diagram.
fn without_style_semicolons(source: Source, word: &str) -> Source {
    let mut cut = Vec::new();
    let mut start = 0;
    while start < source.chars.len() {
        let end = source.skip(start, |c| !is_line_terminator(c));
        let found = (start..end).find(|&i| source.starts_with(i, word));
        let mut colon_in_run = false;
        let hash = found.and_then(|at| {
            (at + word.len()..end).find(|&i| {
                let c = source.chars[i];
                colon_in_run = (colon_in_run || c == ':') && !is_js_space(c);
                c == '#' && colon_in_run
            })
        });
        let semicolon = hash.and_then(|h| (h + 1..end).rev().find(|&i| source.chars[i] == ';'));
        if let Some(i) = semicolon {
            cut.push((i, i + 1));
        }
        start = end + 1;
    }
    source.without(&cut)
}
