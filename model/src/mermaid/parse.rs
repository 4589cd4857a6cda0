//! Mermaid's journey grammar (`parser/journey.jison`): its lexer's rules in their order, each
//! tried where the last token ended and the first that matches wins, as Jison's lexer does;
//! then its few statements. Where Mermaid's parser would throw, the line is set aside with
//! the reason and parsing goes on at the next line.

use super::Rejection;
use super::preprocess::{Source, is_js_space, is_word, js_trim};

/// A statement of the grammar, its texts still as written (see [`decode`]).
pub(super) enum Statement {
    Title(String),
    AccTitle(String),
    AccDescr(String),
    Section(String),
    /// `name: data`, `data` being everything after the first `:`.
    Task {
        name: String,
        data: String,
    },
}

pub(super) struct Located {
    pub statement: Statement,
    pub first_line: usize,
    pub last_line: usize,
}

pub(super) struct Parsed {
    /// In text order, without those on a line Mermaid refuses.
    pub statements: Vec<Located>,
    /// Each refused line once, in text order.
    pub rejected: Vec<(usize, Rejection)>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Newline,
    Journey,
    Title(String),
    AccTitle,
    AccDescr,
    /// What follows `accTitle:` or `accDescr:` on its line.
    AccValue(String),
    /// The text of `accDescr { … }`.
    AccBlock(String),
    /// `accDescr {` with no `}` after it.
    OpenBlock,
    Section(String),
    TaskName(String),
    TaskData(String),
    Colon,
    /// A character no other rule takes: a `;`.
    Invalid,
    Eof,
}

struct Token {
    tok: Tok,
    first_line: usize,
    last_line: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Initial,
    /// After `accTitle:` or `accDescr:`.
    AccLine,
}

struct Lexer<'a> {
    source: &'a Source,
    at: usize,
    state: State,
}

impl Lexer<'_> {
    fn line(&self, at: usize) -> usize {
        self.source
            .lines
            .get(at)
            .copied()
            .unwrap_or(self.source.last_line)
    }

    /// Whether the text at `at` is `word`, in any case (the grammar is case-insensitive).
    fn keyword(&self, at: usize, word: &str) -> bool {
        let chars = &self.source.chars;
        word.chars().enumerate().all(|(i, w)| {
            chars
                .get(at + i)
                .is_some_and(|c| c.eq_ignore_ascii_case(&w))
        })
    }

    fn next(&mut self) -> Token {
        loop {
            let start = self.at;
            let tok = match self.state {
                State::Initial => self.initial(),
                State::AccLine => {
                    self.at = self.source.skip(start, |c| c != '\n');
                    self.state = State::Initial;
                    Some(Tok::AccValue(self.source.text(start, self.at)))
                }
            };
            if let Some(tok) = tok {
                return self.token(tok, start);
            }
        }
    }

    fn token(&self, tok: Tok, start: usize) -> Token {
        Token {
            tok,
            first_line: self.line(start),
            last_line: self.line(self.at.max(start + 1) - 1),
        }
    }

    /// The rules of the initial state, in the grammar's order; `None` for what it skips.
    fn initial(&mut self) -> Option<Tok> {
        let p = self.at;
        let len = self.source.chars.len();
        if p == len {
            return Some(Tok::Eof);
        }
        let not_in = |stops: &'static str| move |c: char| !stops.contains(c);
        let to_line_end = |from: usize| self.source.skip(from, |c| c != '\n');
        let c = self.source.chars[p];
        let (end, tok) = if self.source.starts_with(p, "%%") && !self.source.is(p + 2, '{') {
            (to_line_end(p), None)
        } else if c != '}' && self.source.starts_with(p + 1, "%%") {
            // Takes the character before the `%%` along, even a line break.
            (to_line_end(p + 1), None)
        } else if c == '\n' {
            (self.source.skip(p, |c| c == '\n'), Some(Tok::Newline))
        } else if is_js_space(c) {
            (self.source.skip(p, is_js_space), None)
        } else if c == '#' {
            (to_line_end(p), None)
        } else if self.keyword(p, "journey") && !self.source.is_word_at(p + 7) {
            // Jison ends a keyword rule with `\b`.
            (p + 7, Some(Tok::Journey))
        } else if let Some(end) = self.word_then_text(p, "title", "#\n;") {
            (end, Some(Tok::Title(self.source.text(p + 6, end))))
        } else if let Some(end) = self.acc(p, "accTitle", ':') {
            self.state = State::AccLine;
            (end, Some(Tok::AccTitle))
        } else if let Some(end) = self.acc(p, "accDescr", ':') {
            self.state = State::AccLine;
            (end, Some(Tok::AccDescr))
        } else if let Some(text) = self.acc(p, "accDescr", '{') {
            // Its own state in the grammar, read here at once. Jison's lexer fails at the end
            // of a block left open; a block closed at once has no text, and no statement.
            match self.source.skip(text, |c| c != '}') {
                end if end == len => (end, Some(Tok::OpenBlock)),
                end if end == text => (end + 1, None),
                end => (end + 1, Some(Tok::AccBlock(self.source.text(text, end)))),
            }
        } else if let Some(end) = self.word_then_text(p, "section", "#:\n;") {
            (end, Some(Tok::Section(self.source.text(p + 8, end))))
        } else if !"#:\n;".contains(c) {
            let end = self.source.skip(p, not_in("#:\n;"));
            (end, Some(Tok::TaskName(self.source.text(p, end))))
        } else if c == ':' {
            match self.source.skip(p + 1, not_in("#\n;")) {
                end if end > p + 1 => (end, Some(Tok::TaskData(self.source.text(p + 1, end)))),
                _ => (p + 1, Some(Tok::Colon)),
            }
        } else {
            (p + 1, Some(Tok::Invalid))
        };
        self.at = end;
        tok
    }

    /// `word\s[^stops]+`: where it ends, if it matches at `p`.
    fn word_then_text(&self, p: usize, word: &str, stops: &str) -> Option<usize> {
        let text = p + word.len() + 1;
        let space = self
            .source
            .chars
            .get(text - 1)
            .is_some_and(|&c| is_js_space(c));
        if !(self.keyword(p, word) && space) {
            return None;
        }
        let end = self.source.skip(text, |c| !stops.contains(c));
        (end > text).then_some(end)
    }

    /// `word\s*"mark"\s*`: where it ends, if it matches at `p`.
    fn acc(&self, p: usize, word: &str, mark: char) -> Option<usize> {
        if !self.keyword(p, word) {
            return None;
        }
        let at = self.source.skip(p + word.len(), is_js_space);
        self.source
            .is(at, mark)
            .then(|| self.source.skip(at + 1, is_js_space))
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    current: Token,
    /// The last line of the last token taken.
    taken_line: usize,
}

impl Parser<'_> {
    fn advance(&mut self) -> Tok {
        let next = self.lexer.next();
        let taken = std::mem::replace(&mut self.current, next);
        self.taken_line = taken.last_line;
        taken.tok
    }

    /// The statement that starts with the current token, or why the grammar refuses it; a
    /// refused statement leaves the token it stopped at as the current one.
    fn statement(&mut self) -> Result<Statement, Rejection> {
        Ok(match self.current.tok {
            Tok::Journey => return Err(Rejection::RepeatedJourney),
            Tok::TaskData(_) | Tok::Colon => return Err(Rejection::TaskWithoutName),
            Tok::Invalid => return Err(Rejection::Semicolon),
            Tok::OpenBlock => return Err(Rejection::OpenAccDescr),
            _ => match self.advance() {
                Tok::Title(text) => Statement::Title(text),
                Tok::AccTitle => Statement::AccTitle(self.acc_value()?),
                Tok::AccDescr => Statement::AccDescr(self.acc_value()?),
                Tok::AccBlock(text) => Statement::AccDescr(text),
                Tok::Section(name) => Statement::Section(name),
                Tok::TaskName(name) => match &self.current.tok {
                    Tok::TaskData(data) => {
                        let data = data.clone();
                        self.advance();
                        Statement::Task { name, data }
                    }
                    Tok::Invalid => return Err(Rejection::Semicolon),
                    _ => return Err(Rejection::TaskWithoutScore),
                },
                other => unreachable!("the parse loop takes {other:?}"),
            },
        })
    }

    /// The lexer always follows `accTitle:` and `accDescr:` with their value, which is empty
    /// only at the end of the text, where Jison's lexer fails.
    fn acc_value(&mut self) -> Result<String, Rejection> {
        match self.advance() {
            Tok::AccValue(value) if value.is_empty() => Err(Rejection::AccWithoutText),
            Tok::AccValue(value) => Ok(value),
            other => unreachable!("a value follows accTitle and accDescr, not {other:?}"),
        }
    }
}

/// Parses a text `preprocess::prepare` made ready.
pub(super) fn parse(source: &Source) -> Parsed {
    let mut lexer = Lexer {
        source,
        at: 0,
        state: State::Initial,
    };
    let current = lexer.next();
    let mut parser = Parser {
        lexer,
        current,
        taken_line: 1,
    };
    let mut statements = Vec::new();
    let mut rejected = Vec::new();
    let mut refused_lines = vec![false; source.last_line + 1];
    let mut journey = false;
    loop {
        let first_line = parser.current.first_line;
        let parsed = match parser.current.tok {
            Tok::Eof => break,
            Tok::Journey if !journey => {
                journey = true;
                parser.advance();
                continue;
            }
            _ if !journey => Err(Rejection::BeforeJourney),
            Tok::Newline => {
                parser.advance();
                continue;
            }
            _ => parser.statement(),
        };
        match parsed {
            Ok(statement) => statements.push(Located {
                statement,
                first_line,
                last_line: parser.taken_line,
            }),
            Err(reason) => {
                // The rest of the line goes with it: Mermaid would refuse the whole text.
                let error_line = parser.current.first_line;
                let mut last = parser.current.last_line;
                // A value belongs to the `accTitle:` before it, even on the next line.
                while parser.current.tok != Tok::Eof
                    && (parser.current.first_line <= error_line
                        || matches!(parser.current.tok, Tok::AccValue(_)))
                {
                    parser.advance();
                    last = last.max(parser.taken_line);
                }
                refused_lines[first_line..=last].fill(true);
                if rejected.last().is_none_or(|&(line, _)| line != first_line) {
                    rejected.push((first_line, reason));
                }
            }
        }
    }
    statements.retain(|s: &Located| !refused_lines[s.first_line..=s.last_line].contains(&true));
    Parsed {
        statements,
        rejected,
    }
}

/// A text as Mermaid shows it: its `<br>` (any of Mermaid's forms) as line breaks, then its
/// entity codes (`#35;`, `#quot;`, as `encodeEntities` left them) as characters. Named codes
/// other than a few common ones stay as written.
pub(super) fn decode(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = line_break_at(&chars, i) {
            out.push('\n');
            i = end;
        } else if let Some(end) = placeholder_at(&chars, i, "ﬂ°°", |c| c.is_ascii_digit()) {
            let code: String = chars[i + 3..end - 2].iter().collect();
            let c = code.parse().ok().and_then(char::from_u32);
            out.push(c.filter(|&c| c != '\0').unwrap_or('\u{fffd}'));
            i = end;
        } else if let Some(end) = placeholder_at(&chars, i, "ﬂ°", is_word) {
            let name: String = chars[i + 2..end - 2].iter().collect();
            match named_entity(&name) {
                Some(c) => out.push(c),
                None => out.push_str(&format!("#{name};")),
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `<br\s*\/?>` in any case: where it ends, if it starts at `i`.
fn line_break_at(chars: &[char], i: usize) -> Option<usize> {
    let is = |at: usize, c: char| chars.get(at).is_some_and(|x| x.eq_ignore_ascii_case(&c));
    if !(is(i, '<') && is(i + 1, 'b') && is(i + 2, 'r')) {
        return None;
    }
    let mut at = i + 3;
    while chars.get(at).is_some_and(|&c| is_js_space(c)) {
        at += 1;
    }
    if is(at, '/') {
        at += 1;
    }
    is(at, '>').then_some(at + 1)
}

/// `open`, one or more characters of `inner`, then `¶ß`: where it ends, if it starts at `i`.
fn placeholder_at(chars: &[char], i: usize, open: &str, inner: fn(char) -> bool) -> Option<usize> {
    let mut at = i;
    for c in open.chars() {
        (chars.get(at) == Some(&c)).then_some(())?;
        at += 1;
    }
    let start = at;
    while chars.get(at).is_some_and(|&c| inner(c)) {
        at += 1;
    }
    (at > start && chars.get(at) == Some(&'¶') && chars.get(at + 1) == Some(&'ß')).then_some(at + 2)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "euro" => '€',
        "times" => '×',
        "hearts" => '♥',
        _ => return None,
    })
}

/// A task's score as JavaScript's `Number` reads it, which is how Mermaid's `addTask` does:
/// white space around it ignored, nothing at all 0, `Infinity`, hexadecimal, octal and
/// binary integers, decimals with an exponent; anything else is not a number (NaN).
pub(super) fn js_number(text: &str) -> f64 {
    let text = js_trim(text);
    if text.is_empty() {
        return 0.0;
    }
    let radix = match text.get(..2) {
        Some("0x" | "0X") => 16,
        Some("0o" | "0O") => 8,
        Some("0b" | "0B") => 2,
        _ => 10,
    };
    if radix != 10 {
        let digits = &text[2..];
        let value = digits.chars().try_fold(0.0, |value: f64, c| {
            c.to_digit(radix)
                .map(|d| value * f64::from(radix) + f64::from(d))
        });
        return value.filter(|_| !digits.is_empty()).unwrap_or(f64::NAN);
    }
    match text.strip_prefix(['+', '-']).unwrap_or(text) {
        "Infinity" if text.starts_with('-') => f64::NEG_INFINITY,
        "Infinity" => f64::INFINITY,
        // Rust also reads `inf` and `nan`, which JavaScript does not: only these characters.
        _ if text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')) =>
        {
            text.parse().unwrap_or(f64::NAN)
        }
        _ => f64::NAN,
    }
}
