//! What an import says, in the person's language: one sentence shape for each kind of thing
//! an importer reports (and each reason it gives), filled in with where it was in the file —
//! a JSON path, a Mermaid line, a CSV row and column.

use super::read::{Refusal, Said};
use crate::i18n::*;
use crate::notices;
use leptos_i18n::I18nContext;
use model::csv::{Column, CsvError, MappingError, Problem, ProblemKind};
use model::file::{Entry, EntryKind, FileError, LooksLike, Reason, ReasonKind, Thing};
use model::format::{LoadError, Repair};
use model::mermaid::{MermaidError, Note, NoteKind, Part, Rejection};
use model::metric::MetricError;

type I18n = I18nContext<Locale>;

/// The report's sentences, in the order the importer found them.
pub fn report(i18n: I18n, said: &Said) -> Vec<String> {
    match said {
        Said::Json { entries, .. } => entries.iter().map(|e| entry(i18n, e)).collect(),
        Said::Csv { problems, .. } => problems.iter().map(|p| problem(i18n, p)).collect(),
        Said::Mermaid { notes } => notes.iter().map(|n| note(i18n, n)).collect(),
    }
}

/// How many more things the importer found than it listed.
pub fn unlisted(said: &Said) -> usize {
    match said {
        Said::Json { unlisted, .. } | Said::Csv { unlisted, .. } => *unlisted,
        Said::Mermaid { .. } => 0,
    }
}

fn entry(i18n: I18n, entry: &Entry) -> String {
    let path = entry.path.as_str();
    match &entry.what {
        EntryKind::Dropped { thing, reason } => {
            let reason = why(i18n, reason, path);
            match thing {
                Thing::Stage => t_string!(i18n, import_dropped_stage, path, reason).to_string(),
                Thing::Lane => t_string!(i18n, import_dropped_lane, path, reason).to_string(),
                Thing::Card => t_string!(i18n, import_dropped_card, path, reason).to_string(),
                Thing::Persona => t_string!(i18n, import_dropped_persona, path, reason).to_string(),
                Thing::Score => t_string!(i18n, import_dropped_score, path, reason).to_string(),
                Thing::Source => t_string!(i18n, import_dropped_source, path, reason).to_string(),
                Thing::Snapshot => {
                    t_string!(i18n, import_dropped_snapshot, path, reason).to_string()
                }
                Thing::Field => t_string!(i18n, import_dropped_field, path, reason).to_string(),
            }
        }
        EntryKind::Defaulted { reason } => {
            let reason = why(i18n, reason, path);
            t_string!(i18n, import_defaulted, path, reason).to_string()
        }
        EntryKind::Repaired(repair) => repaired(i18n, repair, path),
    }
}

/// Why something was left out: the value at fault named by its path, or "it" when that is the
/// thing itself.
fn why(i18n: I18n, reason: &Reason, path: &str) -> String {
    let at = reason.at.as_str();
    let itself = at == path;
    match (reason.kind, itself) {
        (ReasonKind::Missing, true) => t_string!(i18n, import_reason_missing_it).to_string(),
        (ReasonKind::Missing, false) => t_string!(i18n, import_reason_missing, at).to_string(),
        (ReasonKind::WrongType, true) => t_string!(i18n, import_reason_type_it).to_string(),
        (ReasonKind::WrongType, false) => t_string!(i18n, import_reason_type, at).to_string(),
        (ReasonKind::UnknownWord, true) => t_string!(i18n, import_reason_word_it).to_string(),
        (ReasonKind::UnknownWord, false) => t_string!(i18n, import_reason_word, at).to_string(),
        (ReasonKind::NotFinite, true) => t_string!(i18n, import_reason_finite_it).to_string(),
        (ReasonKind::NotFinite, false) => t_string!(i18n, import_reason_finite, at).to_string(),
        (ReasonKind::Invalid, true) => t_string!(i18n, import_reason_invalid_it).to_string(),
        (ReasonKind::Invalid, false) => t_string!(i18n, import_reason_invalid, at).to_string(),
    }
}

fn repaired(i18n: I18n, repair: &Repair, path: &str) -> String {
    match repair {
        Repair::RenamedDuplicateId { old, new } => {
            t_string!(i18n, import_repair_id, path, old, new).to_string()
        }
        Repair::DroppedCardOutsideGrid(_) => {
            t_string!(i18n, import_repair_outside, path).to_string()
        }
        Repair::DroppedCardInEmotionsLane(_) => {
            t_string!(i18n, import_repair_emotions_lane, path).to_string()
        }
        Repair::ClampedEmotion { from, .. } => {
            t_string!(i18n, import_repair_score, path, from).to_string()
        }
        Repair::DroppedEmotion(..) => {
            t_string!(i18n, import_repair_score_dropped, path).to_string()
        }
        Repair::ClampedRating { from, .. } => {
            t_string!(i18n, import_repair_rating, path, from).to_string()
        }
        Repair::ShortenedText { .. } => t_string!(i18n, import_repair_shortened, path).to_string(),
        Repair::TidiedTags(_) => t_string!(i18n, import_repair_tags, path).to_string(),
        Repair::DroppedCardPersona { .. } => {
            t_string!(i18n, import_repair_card_persona, path).to_string()
        }
        Repair::DroppedUnsafeLink { .. } => t_string!(i18n, import_repair_link, path).to_string(),
        Repair::DroppedMetric { reason, .. } => {
            let reason = metric_reason(i18n, *reason);
            t_string!(i18n, import_repair_metric, path, reason).to_string()
        }
        Repair::TidiedMetric { .. } => {
            t_string!(i18n, import_repair_metric_tidied, path).to_string()
        }
        Repair::DroppedAvatar { .. } => t_string!(i18n, import_repair_avatar, path).to_string(),
        Repair::TidiedChannels { .. } => t_string!(i18n, import_repair_channels, path).to_string(),
        Repair::TidiedOwner { .. } => t_string!(i18n, import_repair_owner, path).to_string(),
        Repair::DroppedAddress { .. } => t_string!(i18n, import_repair_address, path).to_string(),
    }
}

fn metric_reason(i18n: I18n, reason: MetricError) -> &'static str {
    match reason {
        MetricError::ValueOutOfRange => t_string!(i18n, refused_metric_range),
        MetricError::TargetOutOfRange => t_string!(i18n, refused_metric_target_range),
        MetricError::MissingName => t_string!(i18n, refused_metric_name),
        MetricError::LabelTooLong => t_string!(i18n, refused_metric_label_long),
    }
}

fn problem(i18n: I18n, problem: &Problem) -> String {
    let row = problem.row;
    let at = match problem.column {
        Some(column) => {
            let column = column.name();
            t_string!(i18n, import_csv_cell, row, column).to_string()
        }
        None => t_string!(i18n, import_csv_row, row).to_string(),
    };
    match &problem.kind {
        ProblemKind::Width { cells, expected } => {
            let (cells, expected) = (*cells, *expected);
            t_string!(i18n, import_csv_width, at, cells, expected).to_string()
        }
        ProblemKind::UnclosedQuote => t_string!(i18n, import_csv_quote, at).to_string(),
        ProblemKind::BadValue { value } => {
            t_string!(i18n, import_csv_bad_value, at, value).to_string()
        }
        ProblemKind::Missing => t_string!(i18n, import_csv_missing, at).to_string(),
        ProblemKind::InvalidMetric(MetricError::TargetOutOfRange) => {
            t_string!(i18n, import_csv_target, at).to_string()
        }
        ProblemKind::InvalidMetric(reason) => {
            let reason = metric_reason(i18n, *reason);
            t_string!(i18n, import_csv_metric, at, reason).to_string()
        }
        ProblemKind::Shortened => t_string!(i18n, import_csv_shortened, at).to_string(),
        ProblemKind::TooMany { kept } => {
            let kept = *kept;
            t_string!(i18n, import_csv_too_many, at, kept).to_string()
        }
        // An id is repeated by another card's row; anything else, by a score for a persona
        // and stage that has one.
        ProblemKind::Repeated if problem.column == Some(Column::Id) => {
            t_string!(i18n, import_csv_repeated_id, at).to_string()
        }
        ProblemKind::Repeated => t_string!(i18n, import_csv_repeated_score, at).to_string(),
        ProblemKind::NotUsed => t_string!(i18n, import_csv_not_used, at).to_string(),
    }
}

fn note(i18n: I18n, note: &Note) -> String {
    let line = note.line;
    match note.kind {
        NoteKind::Rejected(rejection) => {
            let why = match rejection {
                Rejection::BeforeJourney => t_string!(i18n, import_mermaid_before),
                Rejection::RepeatedJourney => t_string!(i18n, import_mermaid_again),
                Rejection::TaskWithoutScore => t_string!(i18n, import_mermaid_no_score),
                Rejection::TaskWithoutName => t_string!(i18n, import_mermaid_no_name),
                Rejection::Semicolon => t_string!(i18n, import_mermaid_semicolon),
                Rejection::OpenAccDescr => t_string!(i18n, import_mermaid_open_descr),
                Rejection::AccWithoutText => t_string!(i18n, import_mermaid_acc_empty),
            };
            t_string!(i18n, import_mermaid_rejected, line, why).to_string()
        }
        NoteKind::Shortened(part) => {
            let part = match part {
                Part::Title => t_string!(i18n, import_part_title),
                Part::Stage => t_string!(i18n, import_part_stage),
                Part::Card => t_string!(i18n, import_part_card),
                Part::Persona => t_string!(i18n, import_part_persona),
            };
            t_string!(i18n, import_mermaid_shortened, line, part).to_string()
        }
        NoteKind::ScoreNotANumber => t_string!(i18n, import_mermaid_score, line).to_string(),
        NoteKind::ExactScoresIgnored => {
            t_string!(i18n, import_mermaid_exact_ignored, line).to_string()
        }
    }
}

/// Why a file was not imported, as one or two sentences.
pub fn refusal(i18n: I18n, refusal: &Refusal) -> String {
    match refusal {
        Refusal::TooBig => {
            let megabytes = model::file::MAX_IMPORT_BYTES / (1024 * 1024);
            t_string!(i18n, import_too_big, megabytes).to_string()
        }
        Refusal::Binary => not_a_map(i18n, t_string!(i18n, import_looks_binary)),
        Refusal::Several => t_string!(i18n, import_several).to_string(),
        Refusal::Unreadable => t_string!(i18n, import_unreadable).to_string(),
        Refusal::Unknown => not_a_map(i18n, t_string!(i18n, import_looks_unknown)),
        Refusal::File(FileError::NotAJourneyMap { looks_like }) => {
            not_a_map(i18n, &looks(i18n, looks_like))
        }
        Refusal::File(FileError::TooNew { version, supported }) => {
            let (version, supported) = (*version, *supported);
            t_string!(i18n, import_too_new, version, supported).to_string()
        }
        Refusal::File(FileError::NotJson { line, column }) => {
            let (line, column) = (*line, *column);
            t_string!(i18n, import_not_json, line, column).to_string()
        }
        Refusal::File(FileError::Broken(reason)) => {
            let reason = why(i18n, reason, "");
            t_string!(i18n, import_broken, reason).to_string()
        }
        Refusal::File(FileError::TooLarge { what, limit })
        | Refusal::Csv(CsvError::TooLarge { what, limit })
        | Refusal::Mermaid(MermaidError::TooLarge { what, limit }) => {
            let error = LoadError::TooLarge {
                what: *what,
                limit: *limit,
            };
            let reason = notices::reason(i18n, &error);
            t_string!(i18n, import_too_large, reason).to_string()
        }
        Refusal::Mermaid(MermaidError::NotJourney {
            looks_like: Some(word),
        }) => {
            let looks = t_string!(i18n, import_looks_word, word).to_string();
            not_a_map(i18n, &looks)
        }
        Refusal::Mermaid(MermaidError::NotJourney { looks_like: None }) => {
            not_a_map(i18n, t_string!(i18n, import_looks_unknown))
        }
        // Reading asks about the columns rather than refuse; only a mapping is refused.
        Refusal::Csv(CsvError::Columns { .. }) => mapping(i18n, MappingError::NoText),
        Refusal::Csv(CsvError::Mapping(e)) => mapping(i18n, *e),
    }
}

fn not_a_map(i18n: I18n, looks: &str) -> String {
    t_string!(i18n, import_not_a_map, looks).to_string()
}

/// What a file that is no journey map looks like.
fn looks(i18n: I18n, looks_like: &LooksLike) -> String {
    match looks_like {
        LooksLike::Empty => t_string!(i18n, import_looks_empty).to_string(),
        LooksLike::Excalidraw => t_string!(i18n, import_looks_excalidraw).to_string(),
        LooksLike::Tldraw => t_string!(i18n, import_looks_tldraw).to_string(),
        LooksLike::TraseuSnapshots => t_string!(i18n, import_looks_snapshots).to_string(),
        LooksLike::Csv => t_string!(i18n, import_looks_csv).to_string(),
        LooksLike::OtherJson => t_string!(i18n, import_looks_json).to_string(),
        LooksLike::Mermaid { diagram } => match *diagram {
            "graph" | "flowchart" => t_string!(i18n, import_looks_flowchart).to_string(),
            "sequenceDiagram" => t_string!(i18n, import_looks_sequence).to_string(),
            "classDiagram" => t_string!(i18n, import_looks_class).to_string(),
            "stateDiagram" => t_string!(i18n, import_looks_state).to_string(),
            "erDiagram" => t_string!(i18n, import_looks_er).to_string(),
            "gantt" => t_string!(i18n, import_looks_gantt).to_string(),
            "pie" => t_string!(i18n, import_looks_pie).to_string(),
            "mindmap" => t_string!(i18n, import_looks_mindmap).to_string(),
            "timeline" => t_string!(i18n, import_looks_timeline).to_string(),
            diagram => t_string!(i18n, import_looks_mermaid, diagram).to_string(),
        },
    }
}

/// Why the columns the person chose cannot be read.
pub fn mapping(i18n: I18n, error: MappingError) -> String {
    match error {
        MappingError::NoText => t_string!(i18n, import_columns_no_text).to_string(),
        MappingError::Twice(column) => {
            let column = column_name(i18n, column);
            t_string!(i18n, import_columns_twice, column).to_string()
        }
        MappingError::NoSuchColumn { .. } => t_string!(i18n, import_columns_unfit).to_string(),
    }
}

/// What a column of Traseu's holds, in plain words.
pub fn column_name(i18n: I18n, column: Column) -> &'static str {
    match column {
        Column::Id => t_string!(i18n, column_id),
        Column::Stage => t_string!(i18n, column_stage),
        Column::StageNumber => t_string!(i18n, column_stage_number),
        Column::Lane => t_string!(i18n, column_lane),
        Column::LaneKind => t_string!(i18n, column_lane_kind),
        Column::LaneNumber => t_string!(i18n, column_lane_number),
        Column::LaneHidden => t_string!(i18n, column_lane_hidden),
        Column::Text => t_string!(i18n, column_text),
        Column::Colour => t_string!(i18n, column_colour),
        Column::Tags => t_string!(i18n, column_tags),
        Column::Personas => t_string!(i18n, column_personas),
        Column::Score => t_string!(i18n, column_score),
        Column::Category => t_string!(i18n, column_category),
        Column::Channel => t_string!(i18n, column_channel),
        Column::Confidence => t_string!(i18n, column_confidence),
        Column::Evidence => t_string!(i18n, column_evidence),
        Column::Impact => t_string!(i18n, column_impact),
        Column::Effort => t_string!(i18n, column_effort),
        Column::MetricKind => t_string!(i18n, column_metric_kind),
        Column::MetricName => t_string!(i18n, column_metric_name),
        Column::MetricValue => t_string!(i18n, column_metric_value),
        Column::MetricUnit => t_string!(i18n, column_metric_unit),
        Column::MetricDate => t_string!(i18n, column_metric_date),
        Column::MetricTarget => t_string!(i18n, column_metric_target),
        Column::Status => t_string!(i18n, column_status),
        Column::Owner => t_string!(i18n, column_owner),
        Column::Due => t_string!(i18n, column_due),
        Column::Addresses => t_string!(i18n, column_addresses),
    }
}
