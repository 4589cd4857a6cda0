mod common;

use chrono::{DateTime, Utc};
use common::{arb_grammar_text, arb_journey_line, arb_journey_map};
use model::format::{MAX_DOCUMENT_BYTES, Oversized};
use model::map::MAX_TEXT_CHARS;
use model::mermaid::{
    self, Imported, MermaidError, Note, NoteKind, Part, Rejection, emotion_from_scores, task_score,
};
use model::{CardId, Cell, JourneyMap, LaneId, LaneKind, Limit, Locale, Score, ops};
use proptest::prelude::*;
use std::time::Instant;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn try_import_in(text: &str, locale: Locale) -> Result<Imported, MermaidError> {
    let mut n = 0;
    let imported = mermaid::from_mermaid(text, locale, now(), &mut || {
        n += 1;
        format!("id{n}")
    });
    if let Ok(imported) = &imported {
        assert_eq!(imported.map.check_invariants(), []);
        assert_eq!(imported.map.created, now());
    }
    imported
}

fn try_import(text: &str) -> Result<Imported, MermaidError> {
    try_import_in(text, Locale::En)
}

fn import(text: &str) -> Imported {
    try_import(text).unwrap()
}

fn stages(map: &JourneyMap) -> Vec<&str> {
    map.stages.iter().map(|s| s.name.as_str()).collect()
}

/// Each stage's cards: text and the names of its personas.
fn cards(map: &JourneyMap) -> Vec<Vec<(&str, Vec<&str>)>> {
    map.stages
        .iter()
        .map(|stage| {
            map.cards
                .iter()
                .filter(|c| c.stage == stage.id)
                .map(|c| {
                    let personas = c
                        .personas
                        .iter()
                        .map(|p| map.persona(p).unwrap().name.as_str())
                        .collect();
                    (c.text.as_str(), personas)
                })
                .collect()
        })
        .collect()
}

/// A card by its text and the positions of its personas.
type CardByPosition<'a> = (&'a str, Vec<Option<usize>>);

/// Each stage's cards of the actions lanes, in journey order.
fn action_cards(map: &JourneyMap) -> Vec<Vec<CardByPosition<'_>>> {
    let position = |p| map.personas.iter().position(|q| &q.id == p);
    let actions: Vec<&LaneId> = map
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Actions)
        .map(|l| &l.id)
        .collect();
    map.stages
        .iter()
        .map(|stage| {
            actions
                .iter()
                .flat_map(|&lane| map.cards.iter().filter(move |c| &c.lane == lane))
                .filter(|c| c.stage == stage.id)
                .map(|c| (c.text.as_str(), c.personas.iter().map(position).collect()))
                .collect()
        })
        .collect()
}

/// Each persona's name and score at each stage.
fn personas(map: &JourneyMap) -> Vec<(&str, Vec<Option<i8>>)> {
    map.personas
        .iter()
        .map(|p| {
            let scores = map
                .scores_of(Some(p))
                .into_iter()
                .map(|s| s.map(Score::value));
            (p.name.as_str(), scores.collect())
        })
        .collect()
}

fn note(line: usize, kind: NoteKind) -> Note {
    Note { line, kind }
}

fn rejected(line: usize, reason: Rejection) -> Note {
    note(line, NoteKind::Rejected(reason))
}

const WORKING_DAY: &str = include_str!("fixtures/mermaid/working-day.mmd");

#[test]
fn mermaids_own_example_imports_with_its_title_stages_cards_personas_and_scores() {
    let imported = import(WORKING_DAY);
    let map = &imported.map;
    assert_eq!(map.title, "My working day");
    assert_eq!(map.locale, Locale::En);
    assert_eq!(stages(map), ["Go to work", "Go home"]);
    assert_eq!(
        cards(map),
        [
            vec![
                ("Make tea", vec!["Me"]),
                ("Go upstairs", vec!["Me"]),
                ("Do work", vec!["Me", "Cat"]),
            ],
            vec![("Go downstairs", vec!["Me"]), ("Sit down", vec!["Me"])],
        ]
    );
    // Me: (5 + 3 + 1) / 3 = 3 → 0, then 5 → +3; Cat: 1 → −3, then no task.
    assert_eq!(
        personas(map),
        [
            ("Me", vec![Some(0), Some(3)]),
            ("Cat", vec![Some(-3), None])
        ]
    );
    let kinds: Vec<LaneKind> = map.lanes.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LaneKind::Actions, LaneKind::Emotions]);
    assert!(map.cards.iter().all(|c| c.lane == map.lanes[0].id));
    assert_eq!(imported.notes, []);
    assert_eq!((imported.acc_title, imported.acc_descr), (None, None));
}

#[test]
fn every_feature_of_the_grammar_imports_as_mermaid_reads_it() {
    let imported = import(include_str!("fixtures/mermaid/every-feature.mmd"));
    let map = &imported.map;
    assert_eq!(map.title, "From the front matter");
    assert_eq!(
        stages(map),
        ["Stage 1", "Journey to the shops", "Do shopping"]
    );
    assert_eq!(
        cards(map),
        [
            vec![("Find the keys", vec!["Dad"])],
            // `#` starts a comment: `Child#1, Child#2` is the actor `Child`.
            vec![
                ("Get in the car", vec!["Dad", "Mum", "Child"]),
                ("Drive: 20 min", vec!["Dad"]),
            ],
            vec![
                ("Go shopping", vec!["Mum"]),
                ("Queue — long\nand slow", vec![]),
            ],
        ]
    );
    // Dad: 2 → −2; (3 + 4) / 2 → +0.75 → +1; 1 → −3. Mum: 3 → 0; (5 + 1) / 2 → 0.
    assert_eq!(
        personas(map),
        [
            ("Dad", vec![Some(-2), Some(1), Some(-3)]),
            ("Mum", vec![None, Some(0), Some(0)]),
            ("Child", vec![None, Some(0), Some(-3)]),
        ]
    );
    assert_eq!(imported.acc_title.as_deref(), Some("Family shopping"));
    assert_eq!(
        imported.acc_descr.as_deref(),
        Some("A family's trip to the shops,\nfrom the car keys to the checkout")
    );
    assert_eq!(
        imported.notes,
        [
            rejected(19, Rejection::TaskWithoutScore),
            rejected(22, Rejection::Semicolon)
        ]
    );
}

#[test]
fn emotion_is_the_mean_score_mapped_onto_minus_three_to_three_rounded_half_away_from_zero() {
    let emotion = |scores: &[f64]| emotion_from_scores(scores).map(Score::value);
    let singles: Vec<Option<i8>> = [1.0, 2.0, 3.0, 4.0, 5.0]
        .iter()
        .map(|&s| emotion(&[s]))
        .collect();
    assert_eq!(singles, [Some(-3), Some(-2), Some(0), Some(2), Some(3)]);
    // Means a third away from 3 map to exactly ±0.5, which rounds away from zero.
    assert_eq!(emotion(&[3.0, 3.0, 4.0]), Some(1));
    assert_eq!(emotion(&[2.0, 3.0, 3.0]), Some(-1));
    assert_eq!(emotion(&[3.0, 4.0]), Some(1));
    assert_eq!(emotion(&[2.5]), Some(-1));
    assert_eq!(emotion(&[3.3]), Some(0));
    assert_eq!(emotion(&[9.0]), Some(3));
    assert_eq!(emotion(&[0.0, -7.0]), Some(-3));
    assert_eq!(emotion(&[f64::MAX, f64::MAX]), Some(3));
    assert_eq!(emotion(&[]), None);
}

#[test]
fn a_task_of_one_persona_is_written_with_the_score_that_gives_its_emotion_back() {
    for value in Score::MIN..=Score::MAX {
        let written = task_score([Score::new(value).unwrap()]);
        let read: f64 = written.parse().unwrap();
        assert_eq!(emotion_from_scores(&[read]).map(Score::value), Some(value));
    }
    let written: Vec<String> = [-3, -1, 0, 1, 2, 3]
        .iter()
        .map(|&v| task_score([Score::new(v).unwrap()]))
        .collect();
    assert_eq!(written, ["1", "2.33", "3", "3.67", "4.33", "5"]);
    let mixed = [Score::new(1).unwrap(), Score::new(2).unwrap()];
    assert_eq!(task_score(mixed), "4");
    assert_eq!(task_score([]), "3");
}

#[test]
fn tasks_before_the_first_section_go_to_a_first_stage_named_like_the_blank_templates() {
    let text = "journey\n  Wake up: 2\n  section Morning\n    Coffee: 4\n";
    let map = import(text).map;
    assert_eq!(stages(&map), ["Stage 1", "Morning"]);
    assert_eq!(
        cards(&map),
        [vec![("Wake up", vec![])], vec![("Coffee", vec![])]]
    );
    let ro = try_import_in(text, Locale::Ro).unwrap().map;
    assert_eq!(stages(&ro), ["Etapa 1", "Morning"]);
    assert_eq!(ro.locale, Locale::Ro);
}

#[test]
fn every_section_is_a_stage_even_empty_repeated_or_unnamed() {
    let map = import("journey\nsection A\nsection A\n  T: 3\nsection   \nsection B\n").map;
    assert_eq!(stages(&map), ["A", "A", "Stage 3", "B"]);
    assert_eq!(cards(&map), [vec![], vec![("T", vec![])], vec![], vec![]]);
    assert_eq!(
        personas(&map),
        [("Main persona", vec![None, Some(0), None, None])]
    );
}

#[test]
fn without_actors_the_map_has_the_starter_persona_in_its_language() {
    let text = "journey\nsection S\n  T: 1\n  U: 2:\n";
    let map = import(text).map;
    // `U: 2:` has one empty actor, as in Mermaid; it names nobody.
    assert_eq!(personas(&map), [("Main persona", vec![Some(-2)])]);
    assert_eq!(cards(&map), [vec![("T", vec![]), ("U", vec![])]]);
    let ro = try_import_in(text, Locale::Ro).unwrap().map;
    assert_eq!(ro.personas[0].name, "Persona principală");
}

#[test]
fn a_task_without_actors_counts_for_every_persona_and_actors_come_in_order_of_appearance() {
    let text = "journey
section S
  Alone: 5: Bo
  Shared: 1
  Both: 2: Al, Bo, Al
section T
  Only Al: 4: Al
";
    let map = import(text).map;
    assert_eq!(
        cards(&map),
        [
            vec![
                ("Alone", vec!["Bo"]),
                ("Shared", vec![]),
                ("Both", vec!["Al", "Bo"]),
            ],
            vec![("Only Al", vec!["Al"])],
        ]
    );
    // Bo: (5 + 1 + 2) / 3 → 1.5·(8/3 − 3) = −0.5 → −1; Al: (1 + 2) / 2 = 1.5 → −2.25 → −2.
    assert_eq!(
        personas(&map),
        [
            ("Bo", vec![Some(-1), None]),
            ("Al", vec![Some(-2), Some(2)])
        ]
    );
}

#[test]
fn scores_are_read_as_javascripts_number_reads_them() {
    let text = "journey
section A
  T:  4.5 : Me
section B
  T: 0x4: Me
section C
  T: +1e0: Me
section D
  T: : Me
section E
  T: Infinity: Me
section F
  T: .5e1: Me
";
    let imported = import(text);
    assert_eq!(
        personas(&imported.map),
        [(
            "Me",
            vec![Some(2), Some(2), Some(-3), Some(-3), None, Some(3)]
        )]
    );
    // Infinity is a number to JavaScript, but not one a mean can use.
    assert_eq!(imported.notes, [note(11, NoteKind::ScoreNotANumber)]);
}

#[test]
fn a_score_that_is_not_a_number_keeps_its_card_and_counts_for_nobody() {
    let imported = import("journey\nsection S\n  T: high: Me\n  U: 4: Me\n  V: 1_0\n");
    assert_eq!(
        cards(&imported.map),
        [vec![("T", vec!["Me"]), ("U", vec!["Me"]), ("V", vec![])]]
    );
    assert_eq!(personas(&imported.map), [("Me", vec![Some(2)])]);
    assert_eq!(
        imported.notes,
        [
            note(3, NoteKind::ScoreNotANumber),
            note(5, NoteKind::ScoreNotANumber)
        ]
    );
}

#[test]
fn lines_mermaid_refuses_are_left_out_with_their_line_and_reason_and_the_rest_imports() {
    let text = "journey
section Fine
  Good: 5
  No score
  : 4: Nobody
  Journey planning: 3
  Half: 2; Other: 3
  Also good: 1
section Also; fine
  Last: 3:
";
    let imported = import(text);
    assert_eq!(
        imported.notes,
        [
            rejected(4, Rejection::TaskWithoutScore),
            rejected(5, Rejection::TaskWithoutName),
            rejected(6, Rejection::RepeatedJourney),
            rejected(7, Rejection::Semicolon),
            rejected(9, Rejection::Semicolon),
        ]
    );
    // The refused section's task joins the stage before it, as Mermaid would have it.
    assert_eq!(stages(&imported.map), ["Fine"]);
    assert_eq!(
        cards(&imported.map),
        [vec![
            ("Good", vec![]),
            ("Also good", vec![]),
            ("Last", vec![])
        ]]
    );
}

#[test]
fn a_value_after_a_refused_accessibility_keyword_is_refused_with_it() {
    let imported = import("journey\nsection A\n; accTitle:\n  hidden\n  T: 3\n");
    assert_eq!(imported.notes, [rejected(3, Rejection::Semicolon)]);
    assert_eq!(imported.acc_title, None);
    assert_eq!(cards(&imported.map), [vec![("T", vec![])]]);
}

#[test]
fn a_task_name_starting_with_a_keyword_is_what_mermaid_makes_of_it() {
    let text = "journey\nsection S\n  Title page: 5\n  sections: 4\n  Journeys: 3\n";
    let imported = import(text);
    assert_eq!(imported.map.title, "page: 5");
    assert_eq!(
        cards(&imported.map),
        [vec![("sections", vec![]), ("Journeys", vec![])]]
    );
}

#[test]
fn an_accessibility_keyword_with_nothing_after_it_is_refused() {
    let imported = import("journey\nsection A\n  T: 3\naccTitle:  \n\n");
    assert_eq!(imported.notes, [rejected(4, Rejection::AccWithoutText)]);
    assert_eq!(imported.acc_title, None);
    assert_eq!(cards(&imported.map), [vec![("T", vec![])]]);
}

#[test]
fn keywords_are_read_in_any_case_and_statements_need_no_line_of_their_own() {
    let map = import("journey title T SECTION A\n  Task: 3\nSection B\n").map;
    assert_eq!(map.title, "T SECTION A");
    let map = import("journey\nTITLE T\nSECTION A\n  Task: 3\nacctitle : x\n").map;
    assert_eq!(map.title, "T");
    assert_eq!(stages(&map), ["A"]);
}

#[test]
fn a_hash_starts_a_comment_and_a_comment_may_follow_a_task() {
    let map = import("journey\nsection S # the first\n  Go to car: 3: Dad, Child#1\n# alone\n").map;
    assert_eq!(stages(&map), ["S"]);
    assert_eq!(cards(&map), [vec![("Go to car", vec!["Dad", "Child"])]]);
}

#[test]
fn a_byte_order_mark_and_crlf_or_cr_line_breaks_are_accepted() {
    let text = "\u{feff}journey\r\n  title Windows\r\n  section A\r\n    Task: 4: Me\r\n    Broken\r    Fine: 2\r\n";
    let imported = import(text);
    assert_eq!(imported.map.title, "Windows");
    assert_eq!(stages(&imported.map), ["A"]);
    assert_eq!(
        cards(&imported.map),
        [vec![("Task", vec!["Me"]), ("Fine", vec![])]]
    );
    assert_eq!(imported.notes, [rejected(5, Rejection::TaskWithoutScore)]);
}

#[test]
fn front_matter_gives_the_title_unless_a_title_statement_does() {
    let front = "---\ntitle: 'It''s a journey' # said the team\nconfig:\n  theme: forest\n---\n";
    let map = import(&format!("{front}journey\nsection A\n")).map;
    assert_eq!(map.title, "It's a journey");
    let map = import(&format!("{front}journey\ntitle Mine\nsection A\n")).map;
    assert_eq!(map.title, "Mine");
    let quoted = import("---\ntitle: \"A \\\"quoted\\\" \\u00e9\"\n---\njourney\n").map;
    assert_eq!(quoted.title, "A \"quoted\" é");
    let plain = import("---\ntitle:    Plain words  \n---\njourney\n").map;
    assert_eq!(plain.title, "Plain words");
    let null = import("---\ntitle: null\n---\njourney\n").map;
    assert_eq!(null.title, "");
}

#[test]
fn directives_and_comments_are_skipped_and_lines_still_count_from_the_top() {
    // An empty comment is no comment to Mermaid's clean-up, and its line break then comes
    // before `journey`, which the grammar refuses.
    let imported = import("%%\njourney\nsection A\n");
    assert_eq!(imported.notes, [rejected(1, Rejection::BeforeJourney)]);
    assert_eq!(stages(&imported.map), ["A"]);
    let text = "%%{init: {\n  \"theme\": \"forest\"\n}}%%\n%% a comment\njourney\n  %%{wrap}%%\n  section A %% not a comment here\n  Broken\n";
    let imported = import(text);
    assert_eq!(stages(&imported.map), ["A %% not a comment here"]);
    assert_eq!(imported.notes, [rejected(8, Rejection::TaskWithoutScore)]);
}

#[test]
fn acc_title_and_acc_descr_stay_out_of_the_map() {
    let text = "journey
  accTitle: Shopping, for screen readers
  accDescr: One line; with a semicolon
  section S
    T: 3
";
    let imported = import(text);
    assert_eq!(
        imported.acc_title.as_deref(),
        Some("Shopping, for screen readers")
    );
    assert_eq!(
        imported.acc_descr.as_deref(),
        Some("One line; with a semicolon")
    );
    assert_eq!(imported.map.title, "");
    assert_eq!(stages(&imported.map), ["S"]);
    let block = "journey
  accDescr {
    A journey for
      family shopping
  }
  section S
";
    let imported = import(block);
    assert_eq!(
        imported.acc_descr.as_deref(),
        Some("A journey for\nfamily shopping")
    );
    assert_eq!(stages(&imported.map), ["S"]);
    assert_eq!(imported.notes, []);
}

#[test]
fn an_acc_descr_block_left_open_is_refused_with_the_rest_of_the_text() {
    let imported = import("journey\nsection A\naccDescr {\nsection B\n  T: 3\n");
    assert_eq!(imported.notes, [rejected(3, Rejection::OpenAccDescr)]);
    assert_eq!(imported.acc_descr, None);
    assert_eq!(stages(&imported.map), ["A"]);
    assert!(imported.map.cards.is_empty());
}

#[test]
fn entity_codes_and_line_breaks_become_characters() {
    let text = "journey
  title Caf#233; #35;1
  section Ask#58; price#59; wait
    Say #quot;hi#quot;<br>then<BR />leave #amp; #unknown;: 3: Ana#44; B
";
    let map = import(text).map;
    assert_eq!(map.title, "Café #1");
    assert_eq!(stages(&map), ["Ask: price; wait"]);
    assert_eq!(
        cards(&map),
        [vec![(
            "Say \"hi\"\nthen\nleave & #unknown;",
            vec!["Ana, B"]
        )]]
    );
}

#[test]
fn text_that_is_not_a_journey_is_an_error_naming_what_it_starts_with() {
    let looks_like = |text: &str| match try_import(text) {
        Err(MermaidError::NotJourney { looks_like }) => looks_like,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        looks_like("graph TD\n  A --> B\n").as_deref(),
        Some("graph")
    );
    assert_eq!(
        looks_like("%% hi\nsequenceDiagram\n  A->>B: hi\n").as_deref(),
        Some("sequenceDiagram")
    );
    assert_eq!(
        looks_like("---\ntitle: x\n---\nflowchart-elk LR\n").as_deref(),
        Some("flowchart-elk")
    );
    // Mermaid finds the type only in lower case, and its grammar only as a whole word.
    assert_eq!(
        looks_like("Journey\nsection A\n").as_deref(),
        Some("Journey")
    );
    assert_eq!(
        looks_like("journeys\nsection A\n").as_deref(),
        Some("journeys")
    );
    assert_eq!(looks_like(""), None);
    assert_eq!(looks_like("  \n%% only a comment\n"), None);
    assert_eq!(looks_like("{\"format\": \"traseu.map\"}"), None);
}

#[test]
fn over_long_texts_are_shortened_and_noted() {
    let long = "x".repeat(MAX_TEXT_CHARS + 10);
    let text = format!("journey\ntitle {long}\nsection {long}\n  {long}: 3: {long}\n");
    let imported = import(&text);
    let map = &imported.map;
    let cut = "x".repeat(MAX_TEXT_CHARS);
    assert_eq!(map.title, cut);
    assert_eq!(stages(map), [cut.as_str()]);
    assert_eq!(cards(map), [vec![(cut.as_str(), vec![cut.as_str()])]]);
    assert_eq!(
        imported.notes,
        [
            note(2, NoteKind::Shortened(Part::Title)),
            note(3, NoteKind::Shortened(Part::Stage)),
            note(4, NoteKind::Shortened(Part::Persona)),
            note(4, NoteKind::Shortened(Part::Card)),
        ]
    );
}

#[test]
fn more_of_a_thing_than_a_map_holds_is_an_error() {
    let too_many = |limit: Limit| MermaidError::TooLarge {
        what: Oversized::Count(limit),
        limit: limit.max(),
    };
    let sections: String = (0..=Limit::Stages.max())
        .map(|i| format!("section S{i}\n"))
        .collect();
    assert_eq!(
        try_import(&format!("journey\n{sections}")),
        Err(too_many(Limit::Stages))
    );
    let actors: Vec<String> = (0..=Limit::Personas.max())
        .map(|i| format!("P{i}"))
        .collect();
    assert_eq!(
        try_import(&format!("journey\nT: 3: {}\n", actors.join(", "))),
        Err(too_many(Limit::Personas))
    );
    let tasks = "T: 3\n".repeat(Limit::Cards.max() + 1);
    assert_eq!(
        try_import(&format!("journey\n{tasks}")),
        Err(too_many(Limit::Cards))
    );
    let huge = format!("journey\n{}", " ".repeat(MAX_DOCUMENT_BYTES));
    assert_eq!(
        try_import(&huge),
        Err(MermaidError::TooLarge {
            what: Oversized::Bytes,
            limit: MAX_DOCUMENT_BYTES
        })
    );
}

#[test]
fn the_most_tasks_a_map_holds_import() {
    let tasks = "T: 3: Me\n".repeat(Limit::Cards.max());
    let imported = import(&format!("journey\nsection S\n{tasks}"));
    assert_eq!(imported.map.cards.len(), Limit::Cards.max());
}

/// Two personas, a stage with scores and no tasks, ±1 scores, a card for one persona and one
/// for both, texts the grammar would misread.
fn sample_map() -> JourneyMap {
    let mut map = import(
        "journey
title Checkout: the #35;1 flow
section Discover
  Sees an ad: 3: Ioana
  Reads reviews: 3
section Pay
",
    )
    .map;
    let ids: Vec<_> = map.personas.iter().map(|p| p.id.clone()).collect();
    let stage = |i: usize| map.stages[i].id.clone();
    let (discover, pay) = (stage(0), stage(1));
    let score = |v| Score::new(v).unwrap();
    ops::add_persona(&mut map, model::PersonaId::new("p2"), "Mihai".into()).unwrap();
    ops::set_emotion(&mut map, &ids[0], &discover, score(1)).unwrap();
    ops::set_emotion(&mut map, &ids[0], &pay, score(-1)).unwrap();
    let mihai = model::PersonaId::new("p2");
    ops::set_emotion(&mut map, &mihai, &pay, score(-3)).unwrap();
    let card = map.cards[1].id.clone();
    let text = "  Title: reads; compares\n%%{init}%%, #tags  ";
    ops::edit_card_text(&mut map, &card, text.into()).unwrap();
    map
}

#[test]
fn a_map_exports_as_journey_text_with_its_exact_scores_in_comments() {
    assert_eq!(
        mermaid::to_mermaid(&sample_map()),
        include_str!("fixtures/mermaid/export.mmd")
    );
}

#[test]
fn an_export_imports_back_to_the_same_stages_cards_personas_and_scores() {
    let map = sample_map();
    let imported = import(&mermaid::to_mermaid(&map));
    assert_eq!(imported.notes, []);
    assert_eq!(imported.map.title, map.title);
    assert_eq!(stages(&imported.map), stages(&map));
    assert_eq!(cards(&imported.map), cards(&map));
    assert_eq!(personas(&imported.map), personas(&map));
    assert_eq!(
        personas(&imported.map),
        [
            ("Ioana", vec![Some(1), Some(-1)]),
            ("Mihai", vec![None, Some(-3)])
        ]
    );
}

#[test]
fn exact_scores_give_way_to_the_tasks_once_a_section_is_edited() {
    let text = mermaid::to_mermaid(&sample_map());
    let edited = text.replace("Sees an ad: 3.67: Ioana", "Sees an ad: 5: Ioana");
    let imported = import(&edited);
    assert_eq!(imported.notes, [note(5, NoteKind::ExactScoresIgnored)]);
    // Discover from its tasks: Ioana (5 + 3.67) / 2 → 2.0025, Mihai 3.67 → 1.005; Pay as
    // written.
    assert_eq!(
        personas(&imported.map),
        [
            ("Ioana", vec![Some(2), Some(-1)]),
            ("Mihai", vec![Some(1), Some(-3)])
        ]
    );
    let unreadable = text.replace("scores: -1, -3", "scores: -1, -9");
    let imported = import(&unreadable);
    assert_eq!(imported.notes, [note(9, NoteKind::ExactScoresIgnored)]);
    assert_eq!(personas(&imported.map)[1].1, [None, None]);
}

#[test]
fn personas_without_a_name_or_with_the_same_name_are_told_apart() {
    let mut map = sample_map();
    map.personas[1].name = "Ioana".into();
    let extra = model::Persona::new(model::PersonaId::new("p3"), String::new());
    map.personas.push(extra);
    let first = map.personas[0].id.clone();
    let second = map.personas[1].id.clone();
    map.cards[0].personas = vec![second, first];
    let imported = import(&mermaid::to_mermaid(&map));
    let names: Vec<&str> = imported
        .map
        .personas
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ioana", "Ioana (2)", "Main persona"]);
    assert_eq!(cards(&imported.map)[0][0].1, ["Ioana (2)", "Ioana"]);
    assert_eq!(personas(&imported.map)[1].1, [None, Some(-3)]);
}

#[test]
fn an_empty_card_and_a_stage_without_a_name_survive_the_round_trip() {
    let mut map = sample_map();
    let id = map.cards[0].id.clone();
    ops::edit_card_text(&mut map, &id, String::new()).unwrap();
    map.stages[1].name = String::new();
    let text = mermaid::to_mermaid(&map);
    assert!(text.contains("        #8203;: 3.67: Ioana\n"), "{text}");
    let imported = import(&text);
    assert_eq!(imported.map.cards[0].text, "");
    assert_eq!(stages(&imported.map), ["Discover", "Stage 2"]);
}

#[test]
fn only_the_actions_lanes_are_exported_in_lane_order() {
    let mut map = sample_map();
    let pay = map.stages[1].id.clone();
    let first_lane = map.lanes[0].id.clone();
    for (id, kind) in [("second", LaneKind::Actions), ("notes", LaneKind::Notes)] {
        ops::add_lane(&mut map, LaneId::new(id), kind, None, 0).unwrap();
    }
    let cards_to_add = [
        (first_lane, "in the first actions lane"),
        (
            LaneId::new("second"),
            "in the second actions lane, now above",
        ),
        (LaneId::new("notes"), "a note"),
    ];
    for (lane, text) in cards_to_add {
        let cell = Cell {
            lane,
            stage: pay.clone(),
        };
        ops::add_card(&mut map, CardId::new(text), cell, 0, text.into()).unwrap();
    }
    let imported = import(&mermaid::to_mermaid(&map));
    let paid: Vec<&str> = cards(&imported.map)[1].iter().map(|c| c.0).collect();
    assert_eq!(
        paid,
        [
            "in the second actions lane, now above",
            "in the first actions lane"
        ]
    );
}

#[test]
fn pathological_texts_import_in_linear_time() {
    let size = 1 << 18;
    let texts = [
        ("colons", ":".repeat(size)),
        ("blank lines", "\n".repeat(size)),
        ("open directives", "%%{ ".repeat(size / 4)),
        ("line breaks never closed", "<br ".repeat(size / 4)),
        ("hashes", "#a".repeat(size / 2)),
        ("style lines", "style:#a;\n".repeat(size / 10)),
        ("semicolons", ";".repeat(size)),
    ];
    for (what, body) in texts {
        let started = Instant::now();
        let imported = import(&format!("journey\n{body}"));
        println!("from_mermaid, 256 KiB of {what}: {:?}", started.elapsed());
        assert!(imported.notes.len() <= size, "{what}");
    }
}

#[test]
fn the_example_map_exports_and_imports_back_in_both_languages() {
    for locale in Locale::ALL {
        let mut n = 0;
        let map = model::example::saas_example(locale, now(), &mut || {
            n += 1;
            format!("e{n}")
        });
        let text = mermaid::to_mermaid(&map);
        let started = Instant::now();
        let imported = try_import_in(&text, locale).unwrap();
        println!(
            "from_mermaid, the example map in {} ({} bytes): {:?}",
            locale.code(),
            text.len(),
            started.elapsed()
        );
        assert_eq!(imported.notes, []);
        assert_eq!(stages(&imported.map), stages(&map));
        assert!(!action_cards(&map).concat().is_empty());
        assert_eq!(action_cards(&imported.map), action_cards(&map));
        assert_eq!(personas(&imported.map), personas(&map));
    }
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn export_then_import_keeps_stages_action_cards_personas_and_scores(map in arb_journey_map()) {
        let text = mermaid::to_mermaid(&map);
        let imported = import(&text);
        prop_assert_eq!(&imported.notes, &[], "{}", text);
        let got = &imported.map;
        prop_assert_eq!(&got.title, &map.title);
        prop_assert_eq!(stages(got), stages(&map));
        prop_assert_eq!(action_cards(got), action_cards(&map));
        if map.personas.is_empty() {
            prop_assert_eq!(got.personas.len(), 1);
        } else {
            prop_assert_eq!(got.personas.len(), map.personas.len());
            for (p, q) in map.personas.iter().zip(&got.personas) {
                prop_assert!(q.name.starts_with(&p.name), "{} {}", p.name, q.name);
                prop_assert_eq!(got.scores_of(Some(q)), map.scores_of(Some(p)));
            }
        }
    }

    #[test]
    fn importing_any_text_never_panics_and_keeps_the_invariants(text in ".*") {
        let _ = try_import(&text);
    }

    #[test]
    fn importing_journey_like_text_never_panics_and_keeps_the_invariants(
        lines in prop::collection::vec(prop_oneof![arb_journey_line(), arb_grammar_text()], 0..12),
    ) {
        let _ = try_import(&format!("journey\n{}", lines.join("\n")));
    }

    #[test]
    fn what_a_journey_imports_exports_and_imports_again_unchanged(
        lines in prop::collection::vec(arb_journey_line(), 0..12),
    ) {
        let text = format!("journey\n{}", lines.join("\n"));
        let first = import(&text).map;
        let written = mermaid::to_mermaid(&first);
        let again = import(&written);
        prop_assert_eq!(&again.notes, &[], "{}", written);
        prop_assert_eq!(&again.map.title, &first.title);
        prop_assert_eq!(stages(&again.map), stages(&first));
        prop_assert_eq!(cards(&again.map), cards(&first));
        prop_assert_eq!(personas(&again.map), personas(&first));
    }

    #[test]
    fn importing_a_cut_export_never_panics(map in arb_journey_map(), cut in 0usize..400) {
        let text = mermaid::to_mermaid(&map);
        let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        let _ = try_import(&text[..cut]);
    }
}
