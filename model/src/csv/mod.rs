//! A map as CSV, for a spreadsheet, and a CSV back into a new map.
//!
//! **Rows.** Under a header row, each row is one of:
//! - a card: a row outside the emotions lane with an `id`, a `text` or any other of a card's
//!   columns filled in;
//! - a persona's score at a stage: a row whose `lane_kind` is `emotions`, with the persona in
//!   `personas` (none: every persona), the score in `score` and its note in `text` (without
//!   a score, it only names);
//! - otherwise a row that only names things: its stage, its lane and its personas, so that a
//!   stage, lane or persona without cards or scores is kept too. An empty row names nothing.
//!
//! **Columns**, in the order written (see [`Column`]): `id`, `stage`, `stage_number`, `lane`,
//! `lane_kind`, `lane_number`, `lane_hidden`, `text`, `colour`, `tags`, `personas`, `score`,
//! `category`, `channel`, `confidence`, `evidence`, `impact`, `effort`, `metric_kind`,
//! `metric_name`, `metric_value`, `metric_unit`, `metric_date`, `metric_target`, `status`,
//! `owner`, `due`, `addresses`. A kind, colour, category, channel, confidence, status or
//! source's kind is its name in the file format (`social_media`); reading also takes capitals
//! and spaces or hyphens for underscores (`Social media`). Numbers are written with a point
//! and no grouping (`-32.5`); reading takes that form, and otherwise the form of the import's
//! language (`1.234,5` in Romanian). Dates are `YYYY-MM-DD`; `lane_hidden` is `true` or
//! `false` (empty: false); `score` is a whole number from −3 to 3; `impact` and `effort` from
//! 1 to 5; `stage_number` and `lane_number` count from 1.
//!
//! **Lists.** `tags`, `personas` (names), `addresses` (the `id`s of other rows) and
//! `evidence` hold items separated by `;` (written `; `); in an item a backslash takes the
//! next character as it is, so `\;` is a semicolon and `\\` a backslash. Items are trimmed
//! and empty ones skipped. A source is `kind: note <link>`, the note and the link each
//! optional (`survey`, `interview: P3 said so`, `web_analytics <https://…>`); in its note
//! `<` is written `\<`.
//!
//! **Formulas.** A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return. Writing puts an apostrophe before every cell that starts with one of
//! those after any apostrophes it already starts with (`=1+2` → `'=1+2`, `'=x` → `''=x`),
//! except a plain number (`-3`, `-0.5`), which no spreadsheet runs. Reading takes one
//! apostrophe off every cell that starts with apostrophes followed by one of those
//! characters, so every text reads back exactly as it was, and an apostrophe a person put
//! before a formula to keep it text (as spreadsheets do) is taken off too.
//!
//! **Writing** ([`to_csv`]) gives RFC 4180 text: commas, CRLF line breaks, a cell with a
//! comma, quote, line break or space at either end in double quotes with its quotes
//! doubled, UTF-8 (Romanian letters, emoji and combining marks as they are), and on request
//! a byte order mark first, which Excel needs to read UTF-8. First a row names each persona,
//! in order; then the board, stage by stage and lane by lane: each cell's cards in order, and
//! in the first emotions lane each persona's score at the stage (a map without an emotions
//! lane writes its scores with `lane_kind` `emotions` alone, so the import gets one); a stage
//! with none of these gets a row naming it; last a row names each lane that had none. Every
//! row carries its stage's and lane's name, number, kind and hidden flag. A card's `id` is
//! its id; the map's title, a persona's quote, avatar and profile are not in a CSV.
//!
//! **Reading** ([`from_csv`], [`from_csv_mapped`]) makes a new, untitled map in the given
//! language, with ids from the caller:
//! - A byte order mark is skipped; records end at CRLF, LF or CR; cells are separated by
//!   whichever of comma, semicolon (Excel in Romanian) or tab the header row has most of
//!   outside quotes (a comma on a tie). Text after a closing quote belongs to the cell.
//! - The header must name `text`, and nothing but Traseu's columns (names trimmed, any
//!   case, spaces or hyphens for underscores; an unnamed column is allowed if it is empty);
//!   otherwise reading stops with [`CsvError::Columns`], so the person can map the columns
//!   ([`from_csv_mapped`]). Missing columns are empty.
//! - A row with another number of cells than the header, or whose quoted cell runs to the
//!   end of the text, is skipped and listed: never read shifted. Empty lines are skipped.
//! - A value a column cannot hold is left out and listed with its row (the header is row 1)
//!   and column, and the rest of the row is read: a card keeps its place and every other
//!   field. Stage, lane and persona names and tags are trimmed, an owner put on one line; a
//!   card's text and a score's note are kept exactly. Texts longer than a map keeps are
//!   shortened, lists longer than a card keeps cut, and both listed.
//! - Stages: the rows that give a `stage_number` make the stages in that number's order,
//!   one per number and name (so two stages of one name stay two). A row without a number
//!   joins the first stage of its name, or makes a new one after them, in order of first
//!   appearance. A card or score without a stage goes to a stage without a name; a stage
//!   without a name is named by its place ("Stage 4", "Etapa 4").
//! - Lanes alike, one per number, name and kind. A row without a number joins the first lane
//!   that has its name, if it gives one, and its kind, if it gives one (if not, any kind that
//!   holds cards, and `notes` when it gives no name either), or makes a new one. A lane is
//!   hidden if any of its rows says so. A row of the emotions lane never holds a card: a
//!   card's columns on it are left out and listed.
//! - Personas: every name in a `personas` cell, in order of first appearance; without any,
//!   the starter persona ("Main persona") with no scores. A persona has one score a stage: a
//!   later row giving another is listed and not used.
//! - Cards: in board order (stage, lane, then row order), with new ids minted in that order.
//!   An empty cell is the field's default (`yellow`, `assumed`, none). `id` only says which
//!   card an `addresses` cell means (the first row with that id; a repeated id is listed);
//!   an address to no card or to the card itself is left out and listed. A metric needs
//!   `metric_kind` and `metric_value`; one its kind cannot hold is left out (a target its
//!   kind cannot hold drops only the target). A source whose link is not a whole http(s)
//!   address keeps its kind and note.
//! - More stages, lanes, personas or cards than a map holds, or more than
//!   `format::MAX_DOCUMENT_BYTES` of text, is [`CsvError::TooLarge`], found as soon as the
//!   rows read make too many. The first [`MAX_PROBLEMS`] problems are listed, the rest
//!   counted. Rows are read one at a time and what is kept of them is bounded by the map's
//!   caps, so memory beyond the text stays small whatever the rows.
//!
//! The map read keeps every rule of `JourneyMap::check_invariants`, and writing it gives a CSV
//! that reads back, with nothing listed, to the same map (given the same ids and time). A map's round trip keeps its
//! stages, lanes, personas' names and scores, and cards with every field, except that a
//! source's note is trimmed (as the card's details keep it), personas of one name become one,
//! and a map without personas gets the starter persona.

mod cell;
mod export;
mod gather;
mod import;
mod list;
mod record;
mod row;

pub use export::to_csv;
pub use import::{from_csv, from_csv_mapped};

use crate::format::Oversized;
use crate::map::JourneyMap;
use crate::metric::MetricError;

/// A column a CSV of a map may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// The card's id; other rows name it in `addresses`.
    Id,
    Stage,
    /// The stage's place, from 1.
    StageNumber,
    /// The lane's own name; empty when it shows its kind's name.
    Lane,
    LaneKind,
    /// The lane's place, from 1.
    LaneNumber,
    LaneHidden,
    /// The card's text, or the note of a score.
    Text,
    Colour,
    Tags,
    /// The names of the card's personas (none: every persona's), or of the persona a score is for.
    Personas,
    /// An emotion score, on a row of the emotions lane.
    Score,
    Category,
    Channel,
    Confidence,
    Evidence,
    Impact,
    Effort,
    MetricKind,
    MetricName,
    MetricValue,
    MetricUnit,
    MetricDate,
    MetricTarget,
    Status,
    Owner,
    Due,
    /// The `id`s of the cards this card addresses.
    Addresses,
}

/// How many columns there are.
pub const COLUMNS: usize = Column::ALL.len();

impl Column {
    /// Every column, in the order written (also the order of the variants).
    pub const ALL: [Column; 28] = [
        Column::Id,
        Column::Stage,
        Column::StageNumber,
        Column::Lane,
        Column::LaneKind,
        Column::LaneNumber,
        Column::LaneHidden,
        Column::Text,
        Column::Colour,
        Column::Tags,
        Column::Personas,
        Column::Score,
        Column::Category,
        Column::Channel,
        Column::Confidence,
        Column::Evidence,
        Column::Impact,
        Column::Effort,
        Column::MetricKind,
        Column::MetricName,
        Column::MetricValue,
        Column::MetricUnit,
        Column::MetricDate,
        Column::MetricTarget,
        Column::Status,
        Column::Owner,
        Column::Due,
        Column::Addresses,
    ];

    /// Columns a header must have.
    pub const REQUIRED: [Column; 1] = [Column::Text];

    /// Its name in a header.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Stage => "stage",
            Column::StageNumber => "stage_number",
            Column::Lane => "lane",
            Column::LaneKind => "lane_kind",
            Column::LaneNumber => "lane_number",
            Column::LaneHidden => "lane_hidden",
            Column::Text => "text",
            Column::Colour => "colour",
            Column::Tags => "tags",
            Column::Personas => "personas",
            Column::Score => "score",
            Column::Category => "category",
            Column::Channel => "channel",
            Column::Confidence => "confidence",
            Column::Evidence => "evidence",
            Column::Impact => "impact",
            Column::Effort => "effort",
            Column::MetricKind => "metric_kind",
            Column::MetricName => "metric_name",
            Column::MetricValue => "metric_value",
            Column::MetricUnit => "metric_unit",
            Column::MetricDate => "metric_date",
            Column::MetricTarget => "metric_target",
            Column::Status => "status",
            Column::Owner => "owner",
            Column::Due => "due",
            Column::Addresses => "addresses",
        }
    }

    /// The column a header cell names, read as values are (trimmed, any case, spaces or
    /// hyphens for underscores).
    pub fn from_name(name: &str) -> Option<Column> {
        let name = cell::normalised(cell::unguard(name));
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// At most this many problems are listed; more are only counted, so a file of a million bad
/// rows takes no more memory to read than a good one.
pub const MAX_PROBLEMS: usize = 1_000;

/// A CSV read into a new map.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvImport {
    pub map: JourneyMap,
    /// What was not taken as written (the first `MAX_PROBLEMS` found), by row, and in a row
    /// by column.
    pub problems: Vec<Problem>,
    /// How many more problems there were.
    pub unlisted: usize,
}

/// The problems an import lists, and how many more it only counts.
#[derive(Default)]
struct Problems {
    listed: Vec<Problem>,
    unlisted: usize,
}

impl Problems {
    fn push(&mut self, problem: Problem) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(problem);
        } else {
            self.unlisted += 1;
        }
    }
}

/// Something in a row that was not taken as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The row's number in the file as a spreadsheet counts rows: the header is row 1, and a
    /// cell with line breaks is still one row.
    pub row: usize,
    /// The column the problem is in; `None` for the whole row.
    pub column: Option<Column>,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The row has `cells` cells where the header has `expected`; it was skipped.
    Width { cells: usize, expected: usize },
    /// A quoted cell runs to the end of the text; the row was skipped.
    UnclosedQuote,
    /// A value the column cannot hold (at most its first 40 characters); it was left out.
    BadValue { value: String },
    /// A value this row needs is missing (a metric's kind or value); the metric was left out.
    Missing,
    /// A metric its kind cannot hold; the metric (or only its target) was left out.
    InvalidMetric(MetricError),
    /// A text longer than a map keeps; it was shortened.
    Shortened,
    /// More items than a card keeps; the first `kept` were kept.
    TooMany { kept: usize },
    /// The same as an earlier row's: a card's `id` (the card was kept, and addresses mean the
    /// first), or a persona's score at a stage (this one was not used).
    Repeated,
    /// A value this kind of row does not use (a card's field on a row of the emotions lane,
    /// a score on a card's row, a name or unit a metric's kind fixes); it was left out.
    NotUsed,
}

impl ProblemKind {
    fn bad_value(value: &str) -> ProblemKind {
        ProblemKind::BadValue {
            value: value.trim().chars().take(40).collect(),
        }
    }
}

/// Why a CSV could not be read into a map.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("larger than Traseu opens: more than {limit} {what}")]
    TooLarge { what: Oversized, limit: usize },
    /// The header is not Traseu's: `found` is its cells as written, `missing` the required
    /// columns it lacks, `unknown` and `repeated` the places (from 0) of cells that name no
    /// column or one named before. The person can say what each column holds and read it
    /// with [`from_csv_mapped`].
    #[error("the columns are not Traseu's")]
    Columns {
        found: Vec<String>,
        missing: Vec<Column>,
        unknown: Vec<usize>,
        repeated: Vec<usize>,
    },
    #[error(transparent)]
    Mapping(#[from] MappingError),
}

/// Why a person's mapping of columns cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("there is no column {index}; the header has {columns}")]
    NoSuchColumn { index: usize, columns: usize },
    #[error("two columns are mapped to {0:?}")]
    Twice(Column),
    #[error("no column is mapped to the card's text")]
    NoText,
}
