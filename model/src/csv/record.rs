//! Records as RFC 4180 has them: cells separated by a delimiter, records by line breaks, and
//! a cell holding a delimiter, a quote or a line break in double quotes, its quotes doubled.
//! Reading also takes what spreadsheets write that the RFC does not: LF or CR alone for a
//! line break, a semicolon or tab for the delimiter, and text after a closing quote.

use std::iter::Peekable;
use std::str::Chars;

/// A record as read.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Record {
    pub cells: Vec<String>,
    /// False when a quoted cell ran to the end of the text, so the record may have swallowed
    /// the ones after it.
    pub closed: bool,
}

impl Record {
    /// An empty line.
    pub fn is_blank(&self) -> bool {
        self.closed && self.cells.len() == 1 && self.cells[0].is_empty()
    }
}

/// The delimiters a header may use, preferred in this order on a tie.
const DELIMITERS: [char; 3] = [',', ';', '\t'];

/// The delimiter the first record uses most outside quotes; a comma if it uses none.
pub(super) fn delimiter(text: &str) -> char {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            c if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

/// The records of a text, one at a time: none for an empty text, and no empty one after a
/// final line break.
#[derive(Clone)]
pub(super) struct Records<'t> {
    chars: Peekable<Chars<'t>>,
    delimiter: char,
}

pub(super) fn records(text: &str, delimiter: char) -> Records<'_> {
    Records {
        chars: text.chars().peekable(),
        delimiter,
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let chars = &mut self.chars;
        chars.peek()?;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut cell_start = true;
        while let Some(c) = chars.next() {
            if c == '"' && cell_start {
                cell_start = false;
                loop {
                    match chars.next() {
                        Some('"') if chars.next_if_eq(&'"').is_some() => cell.push('"'),
                        Some('"') => break,
                        Some(c) => cell.push(c),
                        None => {
                            cells.push(cell);
                            return Some(Record {
                                cells,
                                closed: false,
                            });
                        }
                    }
                }
            } else if c == self.delimiter {
                cells.push(std::mem::take(&mut cell));
                cell_start = true;
            } else if c == '\r' || c == '\n' {
                if c == '\r' {
                    chars.next_if_eq(&'\n');
                }
                break;
            } else {
                cell.push(c);
                cell_start = false;
            }
        }
        cells.push(cell);
        Some(Record {
            cells,
            closed: true,
        })
    }
}

/// Writes one record, with a comma between cells and CRLF after it. A cell is quoted when
/// it must be, and also when it starts or ends with a space, which some readers trim.
pub(super) fn write<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        if cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ') {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        records(text, ',').map(|r| r.cells).collect()
    }

    #[test]
    fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
        let mut out = String::new();
        let row = [
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r\nlf",
            " pad",
            "",
            "plain",
        ];
        write(&mut out, row);
        assert_eq!(
            out,
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\",\" pad\",,plain\r\n"
        );
        assert_eq!(cells(&out), [row]);
    }

    #[test]
    fn crlf_lf_and_cr_each_end_a_record() {
        assert_eq!(cells("a\r\nb\nc\rd"), [["a"], ["b"], ["c"], ["d"]]);
        assert_eq!(cells("a,\n\nb"), [vec!["a", ""], vec![""], vec!["b"]]);
        assert_eq!(records("", ',').count(), 0);
        assert_eq!(cells("x,"), [["x", ""]]);
    }

    #[test]
    fn an_unclosed_quote_marks_its_record() {
        let records: Vec<Record> = records("a\n\"b,\nc", ',').collect();
        assert_eq!(records[0].cells, ["a"]);
        assert_eq!(
            records[1],
            Record {
                cells: vec!["b,\nc".into()],
                closed: false
            }
        );
    }

    #[test]
    fn text_after_a_closing_quote_and_stray_quotes_are_kept() {
        assert_eq!(cells("\"ab\"cd,e\"f"), [["abcd", "e\"f"]]);
    }

    #[test]
    fn the_header_says_which_delimiter() {
        assert_eq!(delimiter("id;text;\"a,b,c\"\n1,2,3,4"), ';');
        assert_eq!(delimiter("id\ttext"), '\t');
        assert_eq!(delimiter("id,text;x"), ',');
        assert_eq!(delimiter("text"), ',');
        assert_eq!(records("a;b", ';').next().unwrap().cells, ["a", "b"]);
    }
}
