//! Mermaid `journey` diagrams in and out, for wikis and documents that render Mermaid.
//!
//! Reading follows Mermaid itself (its `preprocess.ts`, `Diagram.fromText` and
//! `parser/journey.jison`; see `preprocess` and `parse`), so what Mermaid draws imports:
//!
//! - A byte order mark and CRLF or CR line breaks are accepted; a front matter block
//!   (`---` … `---`) and `%%{init: …}%%` directives are taken out and `%%` comments skipped,
//!   as Mermaid does. The text is a journey when what remains starts with the word `journey`
//!   (in lower case, as Mermaid's detector wants it).
//! - The front matter's `title:` is the map's title unless a `title` statement gives one (the
//!   last one wins, as in Mermaid).
//! - The map has an actions lane and the emotions lane. Each `section` is a stage, in order,
//!   even one without tasks or with the name of another. Tasks before the first `section`
//!   (Mermaid draws them under no heading) go to a first stage of their own; it, and a
//!   section whose name is only white space, is named as the blank template names its stages
//!   ("Stage 1", "Etapa 1").
//! - Each task is a card of the actions lane, in order, in its section's stage; its text is
//!   the task's name. Its actors (`Task: 5: Me, Cat`) are the card's personas; a task without
//!   actors (or only empty ones, as in `Task: 5:`) is every persona's.
//! - The personas are those a `%% traseu personas` line names (see `exact`), then each other
//!   distinct actor, in order of first appearance; without any, the map has the starter
//!   persona ("Main persona").
//! - A persona's emotion at a stage comes from its section's tasks, by
//!   [`emotion_from_scores`], unless a `%% traseu scores` line still valid gives it. Scores
//!   are read as Mermaid reads them (JavaScript's `Number`); one that is not a finite number
//!   keeps its card but counts for nobody.
//! - `<br>` in any of Mermaid's forms is a line break, and entity codes (`#35;`, `#quot;`)
//!   are characters, in titles, section names, task names and actors.
//! - `accTitle` and `accDescr` (one line or `accDescr { … }`) are not part of the map; they
//!   are returned beside it.
//! - Where Mermaid's grammar refuses a line (and with it the whole diagram), the line is left
//!   out and listed with its number and reason ([`Rejection`]); texts longer than a map holds
//!   are shortened and listed; the rest imports. A text that is not a journey at all is an
//!   error naming what it starts with, never an empty map; so is one past a cap of the map
//!   (`Limit`) or longer than `format::MAX_DOCUMENT_BYTES`.
//!
//! Otherwise it differs from Mermaid only where Mermaid leaves the browser to finish: named
//! entity codes other than a common few stay as written, quotes inside HTML tags are not
//! turned into single quotes, and the front matter's title is read in its one-line forms.
//!
//! [`diagram_type`] tells which of Mermaid's diagram types a text is, as its detectors do, so
//! that a file can be sent to the right importer, or named as the diagram it is.
//!
//! Writing ([`to_mermaid`]) gives text Mermaid's grammar accepts and that imports back to the
//! same stages, cards of the actions lanes (text, stage, order, personas) and scores; see
//! `export` for how texts are escaped and `exact` for how exact scores travel.

mod diagram;
mod exact;
mod export;
mod parse;
mod preprocess;

pub use diagram::{DIAGRAM_TYPES, diagram_type};
pub use exact::task_score;
pub use export::to_mermaid;

use crate::format::{MAX_DOCUMENT_BYTES, Oversized};
use crate::ids::{CardId, PersonaId, StageId};
use crate::map::{Card, Cell, JourneyMap, LaneKind, Limit, Locale, MAX_TEXT_CHARS, Score};
use crate::ops;
use crate::templates::{map_of, numbered_stage_name};
use chrono::{DateTime, Utc};
use exact::Marker;
use parse::Statement;
use preprocess::{entity_codes, is_js_space, js_trim};
use std::collections::HashMap;

/// A journey read into a new map.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub map: JourneyMap,
    /// What was not taken as written, by line.
    pub notes: Vec<Note>,
    /// The diagram's `accTitle`, for screen readers; not part of the map.
    pub acc_title: Option<String>,
    /// The diagram's `accDescr`.
    pub acc_descr: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based, in the text as given.
    pub line: usize,
    pub kind: NoteKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Mermaid refuses the line; nothing of it was imported.
    Rejected(Rejection),
    /// A text longer than `MAX_TEXT_CHARS`, cut to that length.
    Shortened(Part),
    /// A task's score is not a finite number; its card was kept, its score counts for nobody.
    ScoreNotANumber,
    /// A `%% traseu scores` line that could not be used (unreadable, not under a section or
    /// one of several under it, or its section's tasks changed since the export), so the
    /// section's scores come from its tasks.
    ExactScoresIgnored,
}

/// Why Mermaid's journey grammar refuses a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Something before the `journey` keyword.
    BeforeJourney,
    /// The keyword `journey` again, as in a task named "Journey…".
    RepeatedJourney,
    /// A task name without `: score` after it.
    TaskWithoutScore,
    /// A `:` with no task name before it.
    TaskWithoutName,
    /// A `;`, which the grammar takes only in comments and accessibility texts.
    Semicolon,
    /// `accDescr {` without its `}`: the rest of the text would be the description.
    OpenAccDescr,
    /// `accTitle:` or `accDescr:` with nothing after it but the end of the text.
    AccWithoutText,
}

/// What a shortened text was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    Stage,
    Card,
    Persona,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MermaidError {
    /// Not a Mermaid journey: the word it starts with (for a Mermaid diagram its type, such
    /// as `graph` or `sequenceDiagram`), or `None` for an empty text or one that does not
    /// start with a word (JSON).
    #[error("not a Mermaid journey")]
    NotJourney { looks_like: Option<String> },
    #[error("larger than Traseu opens: more than {limit} {what}")]
    TooLarge { what: Oversized, limit: usize },
}

/// How a section's task scores become a persona's emotion at its stage: the mean of the
/// scores of the section's tasks that have the persona among their actors or have no actors,
/// mapped linearly from Mermaid's scale onto Traseu's (1 → −3, 3 → 0, 5 → +3: a score s
/// becomes 1.5·(s − 3)), rounded half away from zero (so 2 → −2 and 4 → +2), then clamped
/// to −3..=+3. `None` without scores. The mapped mean is computed as (3·Σs − 9n) / 2n, so a
/// mean of whole scores exactly halfway between two emotions rounds as the rule says.
pub fn emotion_from_scores(scores: &[f64]) -> Option<Score> {
    if scores.is_empty() {
        return None;
    }
    let n = scores.len() as f64;
    let sum: f64 = scores.iter().sum();
    let mapped = (3.0 * sum - 9.0 * n) / (2.0 * n);
    // `as` saturates, so a sum past f64's range still lands at an end of the scale.
    Some(Score::clamped(mapped.round() as i64))
}

struct Task {
    line: usize,
    text: String,
    /// `None` when not a finite number.
    score: Option<f64>,
    actors: Vec<String>,
    /// The map's personas its actors are, each once, in order; empty for every persona's.
    personas: Vec<usize>,
}

struct Section {
    line: usize,
    name: String,
    tasks: Vec<Task>,
    /// The `%% traseu scores` lines under it: line, and what they say if readable.
    exact: Vec<(usize, Option<Vec<Option<Score>>>)>,
}

/// What the statements and `%% traseu` lines say, before it becomes a map.
#[derive(Default)]
struct Journey {
    title: Option<(String, usize)>,
    acc_title: Option<String>,
    acc_descr: Option<String>,
    sections: Vec<Section>,
    /// The names of the personas line(s), as written, and the line of each.
    declared: Vec<(String, usize)>,
    notes: Vec<Note>,
}

impl Journey {
    fn note(&mut self, line: usize, kind: NoteKind) {
        self.notes.push(Note { line, kind });
    }

    fn read(&mut self, statement: Statement, line: usize) {
        match statement {
            Statement::Title(text) => self.title = Some((decode_name(&text), line)),
            Statement::AccTitle(text) => self.acc_title = Some(parse::decode(js_trim(&text))),
            Statement::AccDescr(text) => self.acc_descr = Some(acc_description(&text)),
            Statement::Section(name) => self.sections.push(Section {
                line,
                name: decode_name(&name),
                tasks: Vec::new(),
                exact: Vec::new(),
            }),
            Statement::Task { name, data } => self.read_task(&name, &data, line),
        }
    }

    fn read_task(&mut self, name: &str, data: &str, line: usize) {
        // Mermaid's `addTask`: the score before the next `:`, the actors after it, and
        // anything after a third `:` ignored.
        let mut pieces = data.split(':');
        let score =
            Some(parse::js_number(pieces.next().unwrap_or_default())).filter(|s| s.is_finite());
        if score.is_none() {
            self.note(line, NoteKind::ScoreNotANumber);
        }
        let actors = pieces
            .next()
            .map(|actors| {
                actors
                    .split(',')
                    .map(decode_name)
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let name = js_trim(name);
        let text = if name == entity_codes(export::EMPTY_TASK) {
            String::new()
        } else {
            parse::decode(name)
        };
        if self.sections.is_empty() {
            self.sections.push(Section {
                line,
                name: String::new(),
                tasks: Vec::new(),
                exact: Vec::new(),
            });
        }
        let tasks = &mut self.sections.last_mut().expect("made above").tasks;
        tasks.push(Task {
            line,
            text,
            score,
            actors,
            personas: Vec::new(),
        });
    }

    fn read_marker(&mut self, marker: Marker, line: usize) {
        match (marker, self.sections.last_mut()) {
            (Marker::Personas(names), _) => self
                .declared
                .extend(names.iter().map(|n| (decode_name(n), line))),
            (Marker::Scores(scores), Some(section)) => section.exact.push((line, scores)),
            (Marker::Scores(_), None) => self.note(line, NoteKind::ExactScoresIgnored),
        }
    }
}

/// A name as Mermaid shows it, trimmed as the operations trim names.
fn decode_name(raw: &str) -> String {
    parse::decode(js_trim(raw)).trim().to_owned()
}

/// As Mermaid's `setAccDescription` keeps it: trimmed, and white space after a line break
/// (blank lines, indentation) dropped.
fn acc_description(raw: &str) -> String {
    let mut text = String::new();
    let mut after_break = false;
    for c in js_trim(raw).chars() {
        if !(after_break && is_js_space(c)) {
            text.push(c);
            after_break = c == '\n';
        }
    }
    parse::decode(&text)
}

/// `text` cut to what a map holds, noting it when cut.
fn shortened(text: String, line: usize, part: Part, notes: &mut Vec<Note>) -> String {
    if text.chars().count() <= MAX_TEXT_CHARS {
        return text;
    }
    notes.push(Note {
        line,
        kind: NoteKind::Shortened(part),
    });
    text.chars().take(MAX_TEXT_CHARS).collect()
}

fn too_many(limit: Limit) -> MermaidError {
    MermaidError::TooLarge {
        what: Oversized::Count(limit),
        limit: limit.max(),
    }
}

/// Reads a Mermaid journey into a new map in `locale` (which names the stages and persona
/// Mermaid leaves unnamed), created at `now`, with ids from `mint`. See the module's
/// documentation for what becomes what.
pub fn from_mermaid(
    text: &str,
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> Result<Imported, MermaidError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(MermaidError::TooLarge {
            what: Oversized::Bytes,
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let prepared =
        preprocess::prepare(text).map_err(|looks_like| MermaidError::NotJourney { looks_like })?;
    let parsed = parse::parse(&prepared.source);
    let mut journey = Journey::default();
    for &(line, reason) in &parsed.rejected {
        journey.note(line, NoteKind::Rejected(reason));
    }
    let mut markers = prepared
        .comments
        .iter()
        .filter_map(|(line, text)| Some((*line, exact::marker(text)?)))
        .peekable();
    for located in parsed.statements {
        while let Some((line, marker)) = markers.next_if(|(line, _)| *line < located.first_line) {
            journey.read_marker(marker, line);
        }
        journey.read(located.statement, located.first_line);
    }
    for (line, marker) in markers {
        journey.read_marker(marker, line);
    }
    if journey.title.is_none() {
        journey.title = prepared.title;
    }
    build(journey, locale, now, mint)
}

/// What every import is sure of before it changes a map through the operations.
const CHECKED: &str = "names are checked, shortened and counted, and ids fresh";

/// The personas, in order: those the personas lines declare, then each other actor. Each
/// task learns which of them it is for. Also whether the declaration is as an export writes
/// it, naming each of its personas once, which exact scores need.
fn personas(journey: &mut Journey) -> Result<(Vec<String>, Option<usize>), MermaidError> {
    let mut names: Vec<String> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut by_actor: HashMap<String, usize> = HashMap::new();
    let mut persona = |actor: &str, line: usize, notes: &mut Vec<Note>| {
        if let Some(&at) = by_actor.get(actor) {
            return Ok(at);
        }
        let name = shortened(actor.to_owned(), line, Part::Persona, notes);
        let at = *by_name.entry(name.clone()).or_insert_with(|| {
            names.push(name);
            names.len() - 1
        });
        by_actor.insert(actor.to_owned(), at);
        match Limit::Personas.exceeded_by(names.len()) {
            true => Err(too_many(Limit::Personas)),
            false => Ok(at),
        }
    };
    let mut tidy = true;
    for (i, (name, line)) in journey.declared.iter().enumerate() {
        tidy &= !name.is_empty() && persona(name, *line, &mut journey.notes)? == i;
    }
    for task in journey.sections.iter_mut().flat_map(|s| &mut s.tasks) {
        for actor in &task.actors {
            let at = persona(actor, task.line, &mut journey.notes)?;
            if !task.personas.contains(&at) {
                task.personas.push(at);
            }
        }
    }
    Ok((names, tidy.then_some(journey.declared.len())))
}

fn build(
    mut journey: Journey,
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> Result<Imported, MermaidError> {
    if Limit::Stages.exceeded_by(journey.sections.len()) {
        return Err(too_many(Limit::Stages));
    }
    if Limit::Cards.exceeded_by(journey.sections.iter().map(|s| s.tasks.len()).sum()) {
        return Err(too_many(Limit::Cards));
    }
    let (names, declared) = personas(&mut journey)?;
    let notes = &mut journey.notes;
    let mut map = map_of(
        &[],
        &[LaneKind::Actions, LaneKind::Emotions],
        locale,
        "",
        now,
        mint,
    );
    if let Some((title, line)) = journey.title.take() {
        let title = shortened(title, line, Part::Title, notes);
        ops::rename_map(&mut map, title).expect(CHECKED);
    }
    if let Some(first) = names.first() {
        let starter = map.personas[0].id.clone();
        ops::rename_persona(&mut map, &starter, first.clone()).expect(CHECKED);
        for name in &names[1..] {
            ops::add_persona(&mut map, PersonaId::new(mint()), name.clone()).expect(CHECKED);
        }
    }
    let persona_ids: Vec<PersonaId> = map.personas.iter().map(|p| p.id.clone()).collect();
    let lane = map.lanes[0].id.clone();
    for (i, section) in journey.sections.iter().enumerate() {
        let stage = StageId::new(mint());
        let name = match section.name.as_str() {
            "" => numbered_stage_name(locale, i + 1),
            name => shortened(name.to_owned(), section.line, Part::Stage, notes),
        };
        ops::add_stage(&mut map, stage.clone(), name, i).expect(CHECKED);
        // Pushed in order rather than through `ops::add_card`, whose look for the card's
        // place in its cell would make a large import quadratic.
        for task in &section.tasks {
            let cell = Cell {
                lane: lane.clone(),
                stage: stage.clone(),
            };
            let text = shortened(task.text.clone(), task.line, Part::Card, notes);
            map.cards.push(Card {
                personas: task
                    .personas
                    .iter()
                    .map(|&p| persona_ids[p].clone())
                    .collect(),
                ..Card::new(CardId::new(mint()), cell, text)
            });
        }
        let exact = exact_scores(section, declared, notes);
        let computed = computed_scores(section, persona_ids.len());
        for (p, persona) in persona_ids.iter().enumerate() {
            let score = match &exact {
                Some(scores) if p < scores.len() => scores[p],
                _ => emotion_from_scores(&computed[p]),
            };
            if let Some(score) = score {
                ops::set_emotion(&mut map, persona, &stage, score).expect(CHECKED);
            }
        }
    }
    journey.notes.sort_by_key(|n| n.line);
    Ok(Imported {
        map,
        notes: journey.notes,
        acc_title: journey.acc_title,
        acc_descr: journey.acc_descr,
    })
}

/// For each of `count` personas, the finite scores of the section's tasks that count for it.
fn computed_scores(section: &Section, count: usize) -> Vec<Vec<f64>> {
    let mut everyone = Vec::new();
    let mut own = vec![Vec::new(); count];
    for task in &section.tasks {
        let Some(score) = task.score else { continue };
        match task.personas.as_slice() {
            [] => everyone.push(score),
            personas => personas.iter().for_each(|&p| own[p].push(score)),
        }
    }
    own.into_iter()
        .map(|own| everyone.iter().copied().chain(own).collect())
        .collect()
}

/// The section's `%% traseu scores`, one per declared persona, if the personas lines name
/// each of the `declared` personas once, the section has exactly one such line and every task
/// still has the score an export would write for its personas, all declared ones.
fn exact_scores(
    section: &Section,
    declared: Option<usize>,
    notes: &mut Vec<Note>,
) -> Option<Vec<Option<Score>>> {
    let usable = match (section.exact.as_slice(), declared) {
        ([(_, Some(scores))], Some(declared)) if scores.len() == declared => {
            let every: Vec<usize> = (0..declared).collect();
            let as_written = |task: &Task| {
                let personas = match task.personas.as_slice() {
                    [] => &every,
                    personas => personas,
                };
                let written = task_score(personas.iter().filter_map(|&p| *scores.get(p)?));
                personas.iter().all(|&p| p < declared)
                    && task.score == Some(parse::js_number(&written))
            };
            section.tasks.iter().all(as_written).then(|| scores.clone())
        }
        _ => None,
    };
    if usable.is_none() {
        notes.extend(section.exact.iter().map(|&(line, _)| Note {
            line,
            kind: NoteKind::ExactScoresIgnored,
        }));
    }
    usable
}
