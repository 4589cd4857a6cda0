//! Reading a CSV into a new map: the table, what its header says, and its rows, one at a
//! time (see the module's documentation for the rules).

use super::gather::Gathered;
use super::record::{self, Records};
use super::row::{self, Cells, Fields};
use super::{COLUMNS, Column, CsvError, CsvImport, MappingError, Problem, ProblemKind, Problems};
use crate::format::{MAX_DOCUMENT_BYTES, Oversized};
use crate::map::Locale;
use chrono::{DateTime, Utc};

/// Reads a CSV whose header names Traseu's columns into a new map in `locale`, made `now`,
/// with ids from `mint`.
pub fn from_csv(
    text: &str,
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> Result<CsvImport, CsvError> {
    let table = Table::read(text)?;
    let fields = table.fields_named()?;
    table.import(&fields, locale, now, mint)
}

/// Reads a CSV with the columns a person mapped: each pair is a column's place in the header
/// (from 0) and what it holds. Columns not mapped are not read.
pub fn from_csv_mapped(
    text: &str,
    mapping: &[(usize, Column)],
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> Result<CsvImport, CsvError> {
    let table = Table::read(text)?;
    let fields = table.fields_mapped(mapping)?;
    table.import(&fields, locale, now, mint)
}

const BOM: char = '\u{feff}';

struct Table<'t> {
    header: Vec<String>,
    /// The records after the header, still to read; the first is row 2.
    rows: Records<'t>,
}

impl Table<'_> {
    fn read(text: &str) -> Result<Table<'_>, CsvError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(CsvError::TooLarge {
                what: Oversized::Bytes,
                limit: MAX_DOCUMENT_BYTES,
            });
        }
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let mut rows = record::records(text, record::delimiter(text));
        let header = rows.next().map(|r| r.cells).unwrap_or_default();
        Ok(Table { header, rows })
    }

    /// For each column of the header, whether some row has something in it.
    fn filled_columns(&self) -> Vec<bool> {
        let mut filled = vec![false; self.header.len()];
        for record in self.rows.clone() {
            for (at, cell) in record.cells.iter().enumerate().take(filled.len()) {
                filled[at] |= !cell.trim().is_empty();
            }
        }
        filled
    }

    fn fields_named(&self) -> Result<Fields, CsvError> {
        let mut fields: Fields = [None; COLUMNS];
        let (mut unknown, mut repeated) = (Vec::new(), Vec::new());
        for (at, name) in self.header.iter().enumerate() {
            match Column::from_name(name) {
                Some(column) if fields[column as usize].is_some() => repeated.push(at),
                Some(column) => fields[column as usize] = Some(at),
                None => unknown.push(at),
            }
        }
        if unknown.iter().any(|&at| self.header[at].trim().is_empty()) {
            let filled = self.filled_columns();
            unknown.retain(|&at| !self.header[at].trim().is_empty() || filled[at]);
        }
        let missing: Vec<Column> = Column::REQUIRED
            .into_iter()
            .filter(|c| fields[*c as usize].is_none())
            .collect();
        if missing.is_empty() && unknown.is_empty() && repeated.is_empty() {
            Ok(fields)
        } else {
            Err(CsvError::Columns {
                found: self.header.clone(),
                missing,
                unknown,
                repeated,
            })
        }
    }

    fn fields_mapped(&self, mapping: &[(usize, Column)]) -> Result<Fields, MappingError> {
        let mut fields: Fields = [None; COLUMNS];
        for &(at, column) in mapping {
            if at >= self.header.len() {
                return Err(MappingError::NoSuchColumn {
                    index: at,
                    columns: self.header.len(),
                });
            }
            if fields[column as usize].replace(at).is_some() {
                return Err(MappingError::Twice(column));
            }
        }
        if fields[Column::Text as usize].is_none() {
            return Err(MappingError::NoText);
        }
        Ok(fields)
    }

    fn import(
        self,
        fields: &Fields,
        locale: Locale,
        now: DateTime<Utc>,
        mint: &mut dyn FnMut() -> String,
    ) -> Result<CsvImport, CsvError> {
        let mut problems = Problems::default();
        let mut gathered = Gathered::default();
        for (i, record) in self.rows.enumerate() {
            let number = i + 2;
            let skipped = if record.is_blank() {
                continue;
            } else if !record.closed {
                ProblemKind::UnclosedQuote
            } else if record.cells.len() != self.header.len() {
                ProblemKind::Width {
                    cells: record.cells.len(),
                    expected: self.header.len(),
                }
            } else {
                let cells = Cells::new(fields, &record.cells, number, locale, &mut problems);
                gathered.add(row::read(cells), &mut problems)?;
                continue;
            };
            problems.push(Problem {
                row: number,
                column: None,
                kind: skipped,
            });
        }
        let map = gathered.build(locale, now, mint, &mut problems)?;
        let Problems {
            mut listed,
            unlisted,
        } = problems;
        listed.sort_by_key(|p| (p.row, p.column.map(|c| c as usize)));
        Ok(CsvImport {
            map,
            problems: listed,
            unlisted,
        })
    }
}
