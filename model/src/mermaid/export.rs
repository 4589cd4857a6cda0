//! A map as a Mermaid journey: the title, a `section` per stage, a task per card of the
//! actions lanes (in journey order: by stage, then lane, then place in the cell) with its
//! personas as actors, and the `%% traseu` lines of `exact`.
//!
//! The journey grammar has no escapes, but Mermaid reads entity codes (`#35;`) in every
//! diagram before parsing it, so a character that would end or change a statement is written
//! as its code: `#`, `%`, `:`, `;`, `<`, `ﬂ` (which starts Mermaid's own placeholders), a
//! carriage return, and in actor names `,`; also white space at either end of a text (the
//! grammar trims it) and the first letter of a text that starts with a keyword (`journey`,
//! `title`, `section`, `accTitle`, `accDescr`). A line break is `<br>`, which Mermaid draws as
//! one. A card without text is `#8203;` (a zero-width space: a task needs a name). A stage
//! without a name is written with the name the import gives one ("Stage 2"); personas
//! without a name get the starter persona's, and personas of the same name a number
//! ("Ioana (2)"), since actors are told apart by name.

use super::exact::{personas_line, scores_line, task_score};
use super::preprocess::is_js_space;
use crate::ids::StageId;
use crate::map::{Card, JourneyMap, LaneKind, MAX_TEXT_CHARS, Score};
use crate::templates::{numbered_stage_name, starter_persona_name};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

pub(super) const EMPTY_TASK: &str = "#8203;";

const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// The map as Mermaid `journey` text; see the module's documentation.
pub fn to_mermaid(map: &JourneyMap) -> String {
    let actors: Vec<String> = persona_names(map)
        .iter()
        .map(|name| escape(name, true))
        .collect();
    let mut out = String::from("journey\n");
    if !actors.is_empty() {
        line(&mut out, 1, &personas_line(&actors));
    }
    let title = map.title.trim();
    if !title.is_empty() {
        line(&mut out, 1, &format!("title {}", escape(title, false)));
    }
    let mut tasks = tasks(map);
    let persona_index: HashMap<_, usize> = map
        .personas
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.id, i))
        .collect();
    for (i, stage) in map.stages.iter().enumerate() {
        let name = match stage.name.trim() {
            "" => numbered_stage_name(map.locale, i + 1),
            name => name.to_owned(),
        };
        line(&mut out, 1, &format!("section {}", escape(&name, false)));
        let scores: Vec<Option<Score>> =
            map.personas.iter().map(|p| p.score_at(&stage.id)).collect();
        if !actors.is_empty() {
            line(&mut out, 2, &scores_line(&scores));
        }
        for card in tasks.remove(&stage.id).unwrap_or_default() {
            let personas: Vec<usize> = card
                .personas
                .iter()
                .filter_map(|p| persona_index.get(p).copied())
                .collect();
            let counted = match personas.as_slice() {
                [] => (0..scores.len()).collect(),
                some => some.to_vec(),
            };
            let score = task_score(counted.iter().filter_map(|&p| scores[p]));
            let text = match card.text.as_str() {
                "" => EMPTY_TASK.to_owned(),
                text => escape(text, false),
            };
            let mut task = format!("{text}: {score}");
            if !personas.is_empty() {
                let named: Vec<&str> = personas.iter().map(|&p| actors[p].as_str()).collect();
                write!(task, ": {}", named.join(", ")).expect("writing to a String");
            }
            line(&mut out, 2, &task);
        }
    }
    out
}

fn line(out: &mut String, depth: usize, text: &str) {
    writeln!(out, "{}{text}", "    ".repeat(depth)).expect("writing to a String");
}

/// The cards of the actions lanes by stage, in lane order, then in their cells' order.
fn tasks(map: &JourneyMap) -> HashMap<&StageId, Vec<&Card>> {
    let lane_order: HashMap<_, usize> = map
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Actions)
        .enumerate()
        .map(|(i, l)| (&l.id, i))
        .collect();
    let mut by_stage: HashMap<&StageId, Vec<(usize, &Card)>> = HashMap::new();
    for card in &map.cards {
        if let Some(&lane) = lane_order.get(&card.lane) {
            by_stage.entry(&card.stage).or_default().push((lane, card));
        }
    }
    by_stage
        .into_iter()
        .map(|(stage, mut cards)| {
            cards.sort_by_key(|&(lane, _)| lane);
            (stage, cards.into_iter().map(|(_, c)| c).collect())
        })
        .collect()
}

/// The personas' names, each once and none empty, in the personas' order.
fn persona_names(map: &JourneyMap) -> Vec<String> {
    let mut taken = HashSet::new();
    map.personas
        .iter()
        .map(|p| {
            let base = match p.name.trim() {
                "" => starter_persona_name(map.locale),
                name => name,
            };
            let mut name = base.to_owned();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                let number = format!(" ({n})");
                let room = MAX_TEXT_CHARS - number.chars().count();
                name = base.chars().take(room).collect::<String>() + &number;
            }
            name
        })
        .collect()
}

/// `text` as the journey grammar reads it back unchanged; see the module's documentation.
fn escape(text: &str, actor: bool) -> String {
    let keyword = KEYWORDS.iter().any(|k| {
        text.get(..k.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(k))
    });
    let last = text.chars().count().saturating_sub(1);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let coded = matches!(c, '#' | '%' | ':' | ';' | '<' | 'ﬂ' | '\r')
            || (actor && c == ',')
            || ((i == 0 || i == last) && is_js_space(c))
            || (i == 0 && keyword);
        match c {
            '\n' => out.push_str("<br>"),
            c if coded => write!(out, "#{};", u32::from(c)).expect("writing to a String"),
            c => out.push(c),
        }
    }
    out
}
