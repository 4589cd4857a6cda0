//! One row read into what it says: where it goes, whom it names, and a card, a score or
//! nothing more. A value a column cannot hold is listed and left out here; what needs the
//! whole table (places, personas, addresses, repeated scores) is `gather`'s.

use super::cell::{read_date, read_flag, read_name, read_number, read_whole, unguard};
use super::{COLUMNS, Column, Problem, ProblemKind, Problems, list};
use crate::evidence::{Evidence, is_safe_link};
use crate::ids::{CardId, LaneId, StageId};
use crate::map::{Card, Cell, LaneKind, Limit, Locale, MAX_TEXT_CHARS, Score, tidy_tags};
use crate::metric::{MAX_METRIC_LABEL_CHARS, Metric, MetricError, MetricKind, Number, Rating};
use crate::plan::{MAX_OWNER_CHARS, tidy_owner};

/// For each column, the cell that holds it, if the table has it.
pub(super) type Fields = [Option<usize>; COLUMNS];

/// A card's columns other than its text, which a score's row uses for its note.
const CARD_COLUMNS: [Column; 19] = [
    Column::Id,
    Column::Colour,
    Column::Tags,
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

/// Where a row puts a stage or lane: at a number, as `T`, or where `Q` finds one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Place<T, Q> {
    Numbered(u32, T),
    Unnumbered(Q),
}

/// A stage by its name.
pub(super) type StagePlace = Place<String, String>;
/// A lane by its name and kind.
pub(super) type LanePlace = Place<(Option<String>, LaneKind), LaneQuery>;

/// The lane a row without a lane number joins: one of its name, if it gives one, and of its
/// kind, if it gives one, else of any kind that holds cards.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct LaneQuery {
    name: Option<String>,
    kind: Option<LaneKind>,
}

impl LaneQuery {
    /// A row that gives neither a name nor a kind asks for a notes lane.
    fn new(name: Option<String>, kind: Option<LaneKind>) -> LaneQuery {
        let kind = kind.or(name.is_none().then_some(LaneKind::Notes));
        LaneQuery { name, kind }
    }

    pub fn matches(&self, (name, kind): &(Option<String>, LaneKind)) -> bool {
        self.name
            .as_ref()
            .is_none_or(|wanted| name.as_ref() == Some(wanted))
            && self
                .kind
                .map_or(kind.holds_cards(), |wanted| *kind == wanted)
    }

    /// The lane to make when none matches.
    pub fn lane(&self) -> (Option<String>, LaneKind) {
        (self.name.clone(), self.kind.unwrap_or(LaneKind::Notes))
    }
}

pub(super) struct Row {
    /// As a spreadsheet numbers it.
    pub number: usize,
    pub stage: Option<StagePlace>,
    pub lane: Option<LanePlace>,
    pub hidden: bool,
    pub personas: Vec<String>,
    pub content: Content,
}

pub(super) enum Content {
    /// A card, its ids, stage, lane, personas and addresses still to be filled in.
    Card(Box<CardRow>),
    /// A score and its note, for the row's personas (none: every persona).
    Score(Score, String),
    /// Only the stage, lane and personas.
    Names,
}

pub(super) struct CardRow {
    /// The row's `id`, which other rows' addresses name.
    pub label: String,
    pub card: Card,
    pub addresses: Vec<String>,
}

/// A row's cells, and where to list what is wrong with them.
pub(super) struct Cells<'a> {
    fields: &'a Fields,
    cells: &'a [String],
    row: usize,
    locale: Locale,
    problems: &'a mut Problems,
}

impl<'a> Cells<'a> {
    pub fn new(
        fields: &'a Fields,
        cells: &'a [String],
        row: usize,
        locale: Locale,
        problems: &'a mut Problems,
    ) -> Cells<'a> {
        Cells {
            fields,
            cells,
            row,
            locale,
            problems,
        }
    }

    fn raw(&self, column: Column) -> &'a str {
        match self.fields[column as usize] {
            Some(at) => unguard(&self.cells[at]),
            None => "",
        }
    }

    fn given(&self, column: Column) -> bool {
        !self.raw(column).trim().is_empty()
    }

    fn note(&mut self, column: Column, kind: ProblemKind) {
        self.problems.push(Problem {
            row: self.row,
            column: Some(column),
            kind,
        });
    }

    fn bad(&mut self, column: Column, value: &str) {
        self.note(column, ProblemKind::bad_value(value));
    }

    /// The column's value as `read` reads it; `None` when the cell is empty, and when `read`
    /// refuses it (listed).
    fn value<T>(&mut self, column: Column, read: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let raw = self.raw(column);
        if raw.trim().is_empty() {
            return None;
        }
        let value = read(raw);
        if value.is_none() {
            self.bad(column, raw);
        }
        value
    }

    fn shortened(&mut self, column: Column, shortened: bool) {
        if shortened {
            self.note(column, ProblemKind::Shortened);
        }
    }

    /// The column's text, at most `max` characters, trimmed if `trim`.
    fn text(&mut self, column: Column, max: usize, trim: bool) -> String {
        let (text, shortened) = fit(self.raw(column), max, trim);
        self.shortened(column, shortened);
        text
    }

    /// A list's items, trimmed, each at most as long as a map keeps a text.
    fn items(&mut self, column: Column) -> Vec<String> {
        let mut shortened = false;
        let items = list::split(self.raw(column))
            .iter()
            .map(|item| {
                let (item, cut) = fit(item, MAX_TEXT_CHARS, true);
                shortened |= cut;
                item
            })
            .collect();
        self.shortened(column, shortened);
        items
    }

    /// The first `max` of `items`, the column listed if there were more.
    fn at_most<T>(&mut self, column: Column, mut items: Vec<T>, max: usize) -> Vec<T> {
        if items.len() > max {
            items.truncate(max);
            self.note(column, ProblemKind::TooMany { kept: max });
        }
        items
    }
}

/// `text` at most `max` characters, trimmed if `trim`; and whether it was shortened.
fn fit(text: &str, max: usize, trim: bool) -> (String, bool) {
    let text = if trim { text.trim() } else { text };
    if text.chars().count() <= max {
        return (text.to_owned(), false);
    }
    let cut: String = text.chars().take(max).collect();
    (if trim { cut.trim_end().to_owned() } else { cut }, true)
}

/// What a row says.
pub(super) fn read(mut cells: Cells) -> Row {
    let stage_number = cells.value(Column::StageNumber, read_whole::<u32>);
    let stage_name = cells.text(Column::Stage, MAX_TEXT_CHARS, true);
    let lane_number = cells.value(Column::LaneNumber, read_whole::<u32>);
    let lane_name = Some(cells.text(Column::Lane, MAX_TEXT_CHARS, true)).filter(|n| !n.is_empty());
    let kind = cells.value(Column::LaneKind, read_name::<LaneKind>);
    let hidden = cells.value(Column::LaneHidden, read_flag).unwrap_or(false);
    let personas = cells.items(Column::Personas);
    let content = if kind == Some(LaneKind::Emotions) {
        score(&mut cells)
    } else if !cells.raw(Column::Text).is_empty() || CARD_COLUMNS.iter().any(|&c| cells.given(c)) {
        Content::Card(Box::new(card(&mut cells)))
    } else {
        Content::Names
    };
    // A card or a score needs a stage and a lane, if only the ones without a name.
    let placed = !matches!(content, Content::Names);
    let stage = match stage_number {
        Some(number) => Some(Place::Numbered(number, stage_name)),
        None if placed || !stage_name.is_empty() => Some(Place::Unnumbered(stage_name)),
        None => None,
    };
    let lane = match lane_number {
        Some(number) => Some(Place::Numbered(
            number,
            (lane_name, kind.unwrap_or(LaneKind::Notes)),
        )),
        None if placed || lane_name.is_some() || kind.is_some() => {
            Some(Place::Unnumbered(LaneQuery::new(lane_name, kind)))
        }
        None => None,
    };
    Row {
        number: cells.row,
        stage,
        lane,
        hidden,
        personas,
        content,
    }
}

/// A row of the emotions lane: a score, or only names when it has none.
fn score(cells: &mut Cells) -> Content {
    for column in CARD_COLUMNS {
        if cells.given(column) {
            cells.note(column, ProblemKind::NotUsed);
        }
    }
    let score = cells.value(Column::Score, |t| read_whole(t).and_then(Score::new));
    let note = cells.text(Column::Text, MAX_TEXT_CHARS, false);
    match score {
        Some(score) => Content::Score(score, note),
        None => {
            if !note.is_empty() {
                cells.note(Column::Text, ProblemKind::NotUsed);
            }
            Content::Names
        }
    }
}

fn rating(text: &str) -> Option<Rating> {
    read_whole(text).and_then(Rating::new)
}

fn card(cells: &mut Cells) -> CardRow {
    if cells.given(Column::Score) {
        cells.note(Column::Score, ProblemKind::NotUsed);
    }
    let nowhere = Cell {
        lane: LaneId::new(""),
        stage: StageId::new(""),
    };
    let text = cells.text(Column::Text, MAX_TEXT_CHARS, false);
    let tags = tidy_tags(cells.items(Column::Tags));
    let card = Card {
        colour: cells.value(Column::Colour, read_name).unwrap_or_default(),
        tags: cells.at_most(Column::Tags, tags, Limit::Tags.max()),
        category: cells.value(Column::Category, read_name),
        channel: cells.value(Column::Channel, read_name),
        confidence: cells
            .value(Column::Confidence, read_name)
            .unwrap_or_default(),
        evidence: sources(cells),
        impact: cells.value(Column::Impact, rating),
        effort: cells.value(Column::Effort, rating),
        metric: metric(cells),
        status: cells.value(Column::Status, read_name),
        owner: owner(cells),
        due: cells.value(Column::Due, read_date),
        ..Card::new(CardId::new(""), nowhere, text)
    };
    CardRow {
        label: cells.raw(Column::Id).trim().to_owned(),
        card,
        addresses: list::split(cells.raw(Column::Addresses)),
    }
}

fn sources(cells: &mut Cells) -> Vec<Evidence> {
    let mut kept = Vec::new();
    let mut shortened = false;
    for source in list::read_sources(cells.raw(Column::Evidence)) {
        match source {
            Ok(mut source) => {
                if let Some(link) = source.link.take_if(|l| !is_safe_link(l)) {
                    cells.bad(Column::Evidence, &link);
                }
                let (note, cut) = fit(&source.note, MAX_TEXT_CHARS, true);
                shortened |= cut;
                kept.push(Evidence { note, ..source });
            }
            Err(written) => cells.bad(Column::Evidence, &written),
        }
    }
    cells.shortened(Column::Evidence, shortened);
    cells.at_most(Column::Evidence, kept, Limit::Sources.max())
}

fn owner(cells: &mut Cells) -> String {
    let (owner, shortened) = fit(&tidy_owner(cells.raw(Column::Owner)), MAX_OWNER_CHARS, true);
    cells.shortened(Column::Owner, shortened);
    tidy_owner(&owner)
}

/// The metric a row gives, if it gives both a kind and a value its kind can hold.
fn metric(cells: &mut Cells) -> Option<Metric> {
    const PARTS: [Column; 4] = [
        Column::MetricName,
        Column::MetricUnit,
        Column::MetricDate,
        Column::MetricTarget,
    ];
    let (has_kind, has_value) = (
        cells.given(Column::MetricKind),
        cells.given(Column::MetricValue),
    );
    if !has_kind && !has_value {
        for column in PARTS {
            if cells.given(column) {
                cells.note(column, ProblemKind::NotUsed);
            }
        }
        return None;
    }
    let locale = cells.locale;
    let number = move |text: &str| read_number(text, locale).and_then(Number::new);
    let kind: Option<MetricKind> = cells.value(Column::MetricKind, read_name);
    let value = cells.value(Column::MetricValue, number);
    let date = cells.value(Column::MetricDate, read_date);
    let mut target = cells.value(Column::MetricTarget, number);
    let name = cells.text(Column::MetricName, MAX_METRIC_LABEL_CHARS, true);
    let unit = cells.text(Column::MetricUnit, MAX_METRIC_LABEL_CHARS, true);
    for (column, missing) in [
        (Column::MetricKind, !has_kind),
        (Column::MetricValue, !has_value),
    ] {
        if missing {
            cells.note(column, ProblemKind::Missing);
        }
    }
    let (kind, value) = (kind?, value?);
    let scale = kind.scale();
    for (column, given, used) in [
        (Column::MetricName, &name, kind == MetricKind::Custom),
        (Column::MetricUnit, &unit, scale.has_own_unit()),
    ] {
        if !given.is_empty() && !used {
            cells.note(column, ProblemKind::NotUsed);
        }
    }
    if target.is_some_and(|t| !scale.holds(t.get())) {
        target = None;
        let refused = ProblemKind::InvalidMetric(MetricError::TargetOutOfRange);
        cells.note(Column::MetricTarget, refused);
    }
    let metric = Metric {
        kind,
        name,
        value,
        unit,
        date,
        target,
    };
    metric
        .checked()
        .map_err(|e| {
            let column = match e {
                MetricError::ValueOutOfRange => Column::MetricValue,
                _ => Column::MetricName,
            };
            cells.note(column, ProblemKind::InvalidMetric(e));
        })
        .ok()
}
