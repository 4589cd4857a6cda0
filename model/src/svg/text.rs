//! How wide text is and where it wraps, without a font: the picture is drawn by whoever opens
//! it, with the fonts they have, so widths are estimated from a table.
//!
//! The table holds DejaVu Sans's advance widths (Book and Bold; its Oblique has Book's), as
//! Chromium measures them, in thousandths of an em, for printable ASCII. DejaVu Sans is what
//! the board's `system-ui, …, sans-serif` falls back to on Linux and is wider than Segoe UI,
//! San Francisco, Roboto and Noto Sans, so a line that fits here fits with those too: text
//! wraps where the board wraps it on Linux, and at worst a little earlier elsewhere, never
//! past its card. Other characters are estimated: a Latin letter with marks (Romanian's
//! `ă â î ș ț`, and all of Latin-1 and Latin Extended-A) as its base letter; an ideograph,
//! kana or Hangul syllable as one em; an emoji as 1.25 em (colour emoji fonts draw them wider
//! than an em); Latin-1's signs and the common typographic punctuation (quotation marks,
//! dashes, the ellipsis) from the same font; any other letter as an average Latin capital or
//! small letter; anything else as a mathematical symbol. Kerning and ligatures only ever make
//! text narrower.
//!
//! Characters are taken in clusters, close to what Unicode calls grapheme clusters: a
//! combining mark, a variation selector, an emoji modifier or tag, or anything joined by a
//! zero-width joiner belongs to the character before it, and two regional indicators make one
//! flag. A cluster is as wide as its first character, and a line never breaks inside one.
//!
//! Wrapping follows the board's cards (`white-space: pre-wrap; overflow-wrap: anywhere`): line
//! breaks are kept; a line breaks after spaces, after a hyphen or dash, and around wide
//! characters; spaces at the end of a line hang past its edge; a word wider than a whole line
//! starts a line of its own and is cut where the line is full.

use super::palette::INK;

/// A font the board uses: its size in CSS pixels and its weight (400 regular, 600 semibold,
/// 700 bold).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Font {
    pub size: f64,
    pub weight: u16,
}

impl Font {
    pub const fn regular(size: f64) -> Font {
        Font { size, weight: 400 }
    }

    pub const fn semibold(size: f64) -> Font {
        Font { size, weight: 600 }
    }

    pub const fn bold(size: f64) -> Font {
        Font { size, weight: 700 }
    }

    fn is_bold(self) -> bool {
        self.weight >= 600
    }
}

/// Text set on the picture: lines from a top left corner, one every `step` pixels, in a
/// colour, upright or italic, letter-spaced or not, from the left or centred on `x`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Lines {
    pub font: Font,
    pub x: f64,
    pub top: f64,
    pub step: f64,
    pub lines: Vec<String>,
    pub fill: &'static str,
    pub italic: bool,
    pub spacing: f64,
    pub centred: bool,
}

impl Lines {
    /// `text` wrapped to `max` pixels, in ink.
    pub fn wrapped(text: &str, font: Font, max: f64, (x, top): (f64, f64), step: f64) -> Lines {
        Lines {
            font,
            x,
            top,
            step,
            lines: wrap(text, font, max),
            fill: INK,
            italic: false,
            spacing: 0.0,
            centred: false,
        }
    }

    /// `text` as one line, however long.
    pub fn one(text: &str, font: Font, (x, top): (f64, f64), step: f64) -> Lines {
        Lines {
            lines: vec![text.to_owned()],
            ..Lines::wrapped("", font, 0.0, (x, top), step)
        }
    }

    pub fn in_colour(self, fill: &'static str) -> Lines {
        Lines { fill, ..self }
    }

    pub fn italic(self) -> Lines {
        Lines {
            italic: true,
            ..self
        }
    }

    pub fn spaced(self, spacing: f64) -> Lines {
        Lines { spacing, ..self }
    }

    pub fn centred(self) -> Lines {
        Lines {
            centred: true,
            ..self
        }
    }

    pub fn height(&self) -> f64 {
        self.lines.len() as f64 * self.step
    }

    /// Where the `i`-th line's letters stand: the font's middle at the middle of its line box
    /// (about a third of an em below it, for the common sans-serifs).
    pub fn baseline(&self, i: usize) -> f64 {
        self.top + (i as f64 + 0.5) * self.step + 0.35 * self.font.size
    }

    pub fn moved_down(self, by: f64) -> Lines {
        Lines {
            top: self.top + by,
            ..self
        }
    }
}

/// Advance widths of `' '..='~'` in DejaVu Sans Book, in thousandths of an em.
const BOOK: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// The same in DejaVu Sans Bold, which also stands for the board's semibold (600).
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// The same for `'\u{A0}'..='\u{BF}'` (Latin-1's signs: `«`, `·`, `©`, …), Book then Bold.
const SIGNS: [(u16, u16); 32] = [
    (318, 348),
    (401, 456),
    (636, 696),
    (636, 696),
    (636, 636),
    (636, 696),
    (337, 365),
    (500, 500),
    (500, 500),
    (1000, 1000),
    (471, 564),
    (612, 646),
    (838, 838),
    (0, 0),
    (1000, 1000),
    (500, 500),
    (500, 500),
    (838, 838),
    (401, 438),
    (401, 438),
    (500, 500),
    (636, 736),
    (636, 636),
    (318, 380),
    (500, 500),
    (401, 438),
    (471, 564),
    (612, 646),
    (969, 1035),
    (969, 1035),
    (969, 1035),
    (531, 580),
];

/// The letter each of U+00C0..=U+017F is drawn about as wide as: its base letter, or for the
/// few without one (Æ, ß, Ł, …) a letter of similar width.
const LATIN_BASES: &[u8; 192] = b"AAAAAAWCEEEEIIIIDNOOOOO+OUUUUYPbaaaaaamceeeeiiiionooooo+ouuuuypy\
AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiNnJjKkkLlLlLlL\
nLlNnNnNnnNnOoOoOoWmRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzf";

/// Typographic punctuation, Book then Bold.
fn punctuation(c: char) -> Option<(u16, u16)> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' => (318, 380),
        '\u{201C}' | '\u{201D}' | '\u{201E}' => (518, 657),
        '\u{2010}' | '\u{2011}' => (361, 415),
        '\u{2013}' => (500, 500),
        '\u{2014}' | '\u{2026}' => (1000, 1000),
        '\u{2022}' => (590, 639),
        '\u{20AC}' => (636, 696),
        '\u{2032}' => (227, 264),
        '\u{2033}' => (374, 447),
        _ => return None,
    })
}

/// Ems of estimated characters (see the module's documentation).
const WIDE: f64 = 1.0;
const EMOJI: f64 = 1.25;
const CAPITAL: f64 = 0.75;
const SMALL: f64 = 0.65;
const SYMBOL: f64 = 0.84;

/// How wide `c` is, in ems, when it starts a cluster.
fn ems(c: char, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &BOOK };
    let ascii = |b: u8| f64::from(table[usize::from(b - b' ')]) / 1000.0;
    let pair = |(book, heavy): (u16, u16)| f64::from(if bold { heavy } else { book }) / 1000.0;
    match c {
        ' '..='~' => ascii(c as u8),
        '\t' => ascii(b' '),
        '\u{A0}'..='\u{BF}' => pair(SIGNS[c as usize - 0xA0]),
        '\u{C0}'..='\u{17F}' => ascii(LATIN_BASES[c as usize - 0xC0]),
        'Ș' => ascii(b'S'),
        'ș' => ascii(b's'),
        'Ț' => ascii(b'T'),
        'ț' => ascii(b't'),
        _ if is_zero_width(c) => 0.0,
        _ => match punctuation(c) {
            Some(widths) => pair(widths),
            None if is_wide(c) => WIDE,
            None if is_emoji(c) => EMOJI,
            None if c.is_uppercase() => CAPITAL,
            None if c.is_alphabetic() => SMALL,
            None => SYMBOL,
        },
    }
}

/// Characters that take no room of their own: controls, marks that combine with the
/// character before, and the joiners and selectors that change how it is drawn.
fn is_zero_width(c: char) -> bool {
    c.is_control()
        || joins_previous(c)
        || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Characters drawn as part of the cluster before them.
fn joins_previous(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' // combining diacritical marks
        | '\u{0483}'..='\u{0489}' // Cyrillic
        | '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}'..='\u{05C2}' | '\u{05C4}'..='\u{05C5}' | '\u{05C7}' // Hebrew points
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' // Arabic
        | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' // Devanagari
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' // Thai
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}'..='\u{200D}' // joiners
        | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' // variation selectors
        | '\u{1F3FB}'..='\u{1F3FF}' // skin tones
        | '\u{E0020}'..='\u{E007F}' // emoji tags
    )
}

/// East Asian wide characters: a line may break on either side of one.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{303E}' | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' | '\u{20000}'..='\u{3FFFD}'
    )
}

fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// The clusters of `text` (see the module's documentation), as byte ranges.
fn clusters(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.next()?;
        let mut last = first;
        let mut flag_open = is_regional_indicator(first);
        while let Some(&(_, next)) = chars.peek() {
            let joined = last == '\u{200D}' || joins_previous(next);
            let flag = flag_open && is_regional_indicator(next);
            if !(joined || flag) {
                break;
            }
            flag_open = false;
            last = next;
            chars.next();
        }
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        Some((start, end))
    })
}

fn cluster_width(cluster: &str, font: Font) -> f64 {
    cluster
        .chars()
        .next()
        .map_or(0.0, |c| ems(c, font.is_bold()) * font.size)
}

/// How wide `text` is on one line, in CSS pixels.
pub(super) fn width(text: &str, font: Font) -> f64 {
    spaced_width(text, font, 0.0)
}

/// How wide `text` is with `spacing` pixels after each cluster (CSS `letter-spacing`).
pub(super) fn spaced_width(text: &str, font: Font, spacing: f64) -> f64 {
    clusters(text)
        .map(|(a, b)| cluster_width(&text[a..b], font) + spacing)
        .sum()
}

fn is_space(cluster: &str) -> bool {
    matches!(cluster, " " | "\t")
}

/// Whether a line may break right after this cluster when `next` follows it.
fn breaks_after(cluster: &str, next: &str) -> bool {
    let c = cluster.chars().next().unwrap_or(' ');
    let n = next.chars().next().unwrap_or(' ');
    (is_space(cluster) && !is_space(next))
        || matches!(c, '-' | '\u{2010}' | '\u{2013}' | '\u{2014}' | '\u{200B}')
        || is_wide(c)
        || is_wide(n)
}

/// A piece of a paragraph that stays on one line unless it is too wide for any: text, then
/// the spaces after it, which may hang past the line's end.
struct Piece {
    start: usize,
    end: usize,
    /// Without the trailing spaces.
    inked: f64,
    spaces: f64,
}

fn pieces(paragraph: &str, font: Font) -> Vec<Piece> {
    let all: Vec<(usize, usize)> = clusters(paragraph).collect();
    let mut out = Vec::new();
    let mut start = 0;
    let (mut inked, mut spaces) = (0.0, 0.0);
    for (i, &(a, b)) in all.iter().enumerate() {
        let cluster = &paragraph[a..b];
        let w = cluster_width(cluster, font);
        if is_space(cluster) {
            spaces += w;
        } else {
            inked += spaces + w;
            spaces = 0.0;
        }
        let next = all.get(i + 1).map(|&(a, b)| &paragraph[a..b]);
        if next.is_none_or(|next| breaks_after(cluster, next)) {
            out.push(Piece {
                start,
                end: b,
                inked,
                spaces,
            });
            start = b;
            (inked, spaces) = (0.0, 0.0);
        }
    }
    out
}

/// `text` cut into lines no wider than `max` (see the module's documentation). Each line
/// keeps the spaces it ends with, so a paragraph's lines joined are the paragraph. Empty text
/// has no lines; a line break at the very end adds none, as on the board.
pub(super) fn wrap(text: &str, font: Font, max: f64) -> Vec<String> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph.trim_end_matches('\r'), font, max, &mut lines);
    }
    lines
}

fn wrap_paragraph(paragraph: &str, font: Font, max: f64, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0.0;
    for piece in pieces(paragraph, font) {
        let text = &paragraph[piece.start..piece.end];
        if used + piece.inked <= max {
            line.push_str(text);
            used += piece.inked + piece.spaces;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        if piece.inked <= max {
            line.push_str(text);
            used = piece.inked + piece.spaces;
            continue;
        }
        // Too wide for any line: cut between clusters wherever the line is full.
        for (a, b) in clusters(text) {
            let cluster = &text[a..b];
            let w = cluster_width(cluster, font);
            if used + w > max && !line.is_empty() && !is_space(cluster) {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push_str(cluster);
            used += w;
        }
    }
    lines.push(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: Font = Font::regular(14.4);

    fn spans(text: &str) -> Vec<&str> {
        clusters(text).map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn widths_come_from_the_table_in_ems() {
        assert_eq!(width("a", Font::regular(1000.0)), 613.0);
        assert_eq!(width("a", Font::semibold(1000.0)), 675.0);
        assert_eq!(width("", CARD), 0.0);
    }

    #[test]
    fn romanian_letters_are_as_wide_as_their_base_letters() {
        let font = Font::regular(10.0);
        assert_eq!(width("ăâîșțĂÂÎȘȚşţ", font), width("aaistAAISTst", font));
    }

    #[test]
    fn marks_joiners_and_flags_stay_with_their_character() {
        assert_eq!(spans("e\u{301}x"), ["e\u{301}", "x"]);
        assert_eq!(spans("👍🏽!"), ["👍🏽", "!"]);
        assert_eq!(spans("👨\u{200D}👩\u{200D}👧"), ["👨\u{200D}👩\u{200D}👧"]);
        assert_eq!(spans("🇷🇴🇪🇺"), ["🇷🇴", "🇪🇺"]);
        assert_eq!(spans("\u{301}a"), ["\u{301}", "a"]);
        assert_eq!(width("e\u{301}", CARD), width("e", CARD));
        assert_eq!(width("🇷🇴", CARD), EMOJI * 14.4);
    }

    #[test]
    fn short_text_is_one_line_and_a_final_line_break_adds_none() {
        assert_eq!(wrap("Sign-up", CARD, 200.0), ["Sign-up"]);
        assert_eq!(wrap("one\n", CARD, 200.0), ["one"]);
        assert_eq!(wrap("one\n\ntwo", CARD, 200.0), ["one", "", "two"]);
        assert!(wrap("", CARD, 200.0).is_empty());
    }

    #[test]
    fn lines_break_after_spaces_which_stay_at_the_end_of_the_line() {
        let lines = wrap("aaaa bbbb cccc", Font::regular(10.0), 70.0);
        assert_eq!(lines, ["aaaa bbbb ", "cccc"]);
        assert_eq!(lines.concat(), "aaaa bbbb cccc");
    }

    #[test]
    fn hanging_spaces_do_not_push_a_word_to_the_next_line() {
        let font = Font::regular(10.0);
        let fits = width("aaaa bbbb", font);
        assert_eq!(wrap("aaaa bbbb     ", font, fits), ["aaaa bbbb     "]);
    }

    #[test]
    fn a_word_wider_than_a_line_starts_a_line_and_is_cut_where_it_is_full() {
        let font = Font::regular(10.0);
        let lines = wrap("ab mmmmmmmmmmmmmmmmmmmm", font, 30.0);
        assert_eq!(lines[0], "ab ");
        assert!(
            lines[1..].iter().all(|l| width(l, font) <= 30.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "ab mmmmmmmmmmmmmmmmmmmm");
    }

    #[test]
    fn a_cut_never_splits_a_cluster() {
        let text = "e\u{301}".repeat(40);
        for line in wrap(&text, CARD, 30.0) {
            assert!(!line.starts_with('\u{301}'), "{line:?}");
        }
    }

    #[test]
    fn hyphens_and_ideographs_are_places_to_break() {
        let font = Font::regular(10.0);
        assert_eq!(
            wrap("aaaa-bbbb", font, width("aaaa-b", font)),
            ["aaaa-", "bbbb"]
        );
        assert_eq!(wrap("中文字", font, 20.0), ["中文", "字"]);
    }
}
