mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::arb_map;
use model::csv::{
    Column, CsvError, CsvImport, MAX_PROBLEMS, MappingError, Problem, ProblemKind, from_csv,
    from_csv_mapped, to_csv,
};
use model::example::saas_example;
use model::format::Oversized;
use model::map::tidy_tags;
use model::metric::MetricError;
use model::plan::tidy_owner;
use model::templates::{Template, new_map};
use model::{
    Card, CardId, Category, Cell, Channel, Colour, Confidence, EmotionScore, Evidence,
    EvidenceKind, JourneyMap, Lane, LaneId, LaneKind, Limit, Locale, MapId, Metric, MetricKind,
    Number, Persona, PersonaId, Rating, Score, Stage, StageId, Status,
};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::HashMap;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

fn minter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("id{n}")
    }
}

fn import_in(text: &str, locale: Locale) -> Result<CsvImport, CsvError> {
    from_csv(text, locale, now(), &mut minter())
}

fn import(text: &str) -> CsvImport {
    import_in(text, Locale::En).unwrap()
}

fn problem(row: usize, column: Column, kind: ProblemKind) -> Problem {
    Problem {
        row,
        column: Some(column),
        kind,
    }
}

fn bad(row: usize, column: Column, value: &str) -> Problem {
    problem(
        row,
        column,
        ProblemKind::BadValue {
            value: value.into(),
        },
    )
}

/// A map's board with its ids taken out: stages, lanes, personas' names and scores, and the
/// cards in board order, naming personas and addressed cards by their place.
#[derive(Debug, PartialEq)]
struct Board {
    stages: Vec<String>,
    lanes: Vec<(LaneKind, Option<String>, bool)>,
    personas: Vec<(String, Scores)>,
    cards: Vec<PlacedCard>,
}

/// A persona's scores: the stage's place, the score, its note.
type Scores = Vec<(usize, Score, String)>;

/// A card without its ids, its stage and lane, personas and addressed cards by place.
#[derive(Debug, PartialEq)]
struct PlacedCard {
    stage: usize,
    lane: usize,
    card: Card,
    personas: Vec<usize>,
    addresses: Vec<usize>,
}

fn board(map: &JourneyMap) -> Board {
    let stage_at: HashMap<&StageId, usize> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (&s.id, i))
        .collect();
    let lane_at: HashMap<&LaneId, usize> = map
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (&l.id, i))
        .collect();
    let persona_at: HashMap<&PersonaId, usize> = map
        .personas
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.id, i))
        .collect();
    let mut cards: Vec<&Card> = map.cards.iter().collect();
    cards.sort_by_key(|c| (stage_at[&c.stage], lane_at[&c.lane]));
    let card_at: HashMap<&CardId, usize> =
        cards.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
    Board {
        stages: map.stages.iter().map(|s| s.name.clone()).collect(),
        lanes: map
            .lanes
            .iter()
            .map(|l| (l.kind, l.name.clone(), l.hidden))
            .collect(),
        personas: map
            .personas
            .iter()
            .map(|p| {
                let mut scores: Vec<_> = p
                    .emotions
                    .iter()
                    .map(|e| (stage_at[&e.stage], e.score, e.note.clone()))
                    .collect();
                scores.sort_by_key(|s| s.0);
                (p.name.clone(), scores)
            })
            .collect(),
        cards: cards
            .iter()
            .map(|c| {
                let bare = Card {
                    id: CardId::new(""),
                    lane: LaneId::new(""),
                    stage: StageId::new(""),
                    personas: Vec::new(),
                    addresses: Vec::new(),
                    evidence: c
                        .evidence
                        .iter()
                        .map(|e| Evidence {
                            note: e.note.trim().to_owned(),
                            ..e.clone()
                        })
                        .collect(),
                    ..(*c).clone()
                };
                PlacedCard {
                    stage: stage_at[&c.stage],
                    lane: lane_at[&c.lane],
                    card: bare,
                    personas: c.personas.iter().map(|p| persona_at[p]).collect(),
                    addresses: c.addresses.iter().map(|a| card_at[a]).collect(),
                }
            })
            .collect(),
    }
}

/// The board a map's CSV should read back to: what CSV leaves out or settles.
fn expected_board(map: &JourneyMap) -> Board {
    let mut expected = board(map);
    let has_scores = map.personas.iter().any(|p| !p.emotions.is_empty());
    if has_scores && !map.lanes.iter().any(|l| l.kind == LaneKind::Emotions) {
        expected.lanes.push((LaneKind::Emotions, None, false));
    }
    if map.personas.is_empty() {
        let starter = new_map(Template::Blank, map.locale, "", now(), &mut minter());
        expected.personas = vec![(starter.personas[0].name.clone(), Vec::new())];
    }
    expected
}

fn round_trip(map: &JourneyMap) -> CsvImport {
    import_in(&to_csv(map, false), map.locale).unwrap()
}

/// Cells as RFC 4180 has them, read strictly (CRLF between records), apart from the
/// reader under test.
fn rfc4180_cells(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut cells, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.next_if_eq(&'"').is_some() => cell.push('"'),
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.next_if_eq(&'\n').is_some() => {
                cells.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut cells));
            }
            (false, c) => {
                assert!(
                    c != '\r' && c != '\n' && c != '"',
                    "unquoted {c:?} in {text:?}"
                );
                cell.push(c);
            }
        }
    }
    assert!(
        cells.is_empty() && cell.is_empty() && !quoted,
        "no CRLF at the end"
    );
    records
}

fn stage(id: &str, name: &str) -> Stage {
    Stage {
        id: StageId::new(id),
        name: name.into(),
    }
}

fn lane(id: &str, kind: LaneKind, name: Option<&str>) -> Lane {
    Lane {
        id: LaneId::new(id),
        kind,
        name: name.map(str::to_owned),
        hidden: false,
    }
}

fn card(id: &str, lane: &str, stage: &str, text: &str) -> Card {
    Card::new(
        CardId::new(id),
        Cell {
            lane: LaneId::new(lane),
            stage: StageId::new(stage),
        },
        text.into(),
    )
}

fn score(stage: &str, value: i8, note: &str) -> EmotionScore {
    EmotionScore {
        stage: StageId::new(stage),
        score: Score::new(value).unwrap(),
        note: note.into(),
    }
}

/// Two stages (the second empty), a touchpoints lane, the curve and an empty hidden lane;
/// one persona; one card with most of the method's fields and one that addresses it.
fn small_map() -> JourneyMap {
    let mut ad = card("c1", "l1", "s1", "Instagram ad, \"Try free\"");
    ad.colour = Colour::Blue;
    ad.tags = vec!["social".into(), "paid; Q3".into()];
    ad.category = Some(Category::Marketing);
    ad.channel = Some(Channel::SocialMedia);
    ad.personas = vec![PersonaId::new("p1")];
    ad.evidence = vec![Evidence {
        kind: EvidenceKind::WebAnalytics,
        note: "Q3 report".into(),
        link: Some("https://example.org/q3".into()),
    }];
    ad.confidence = Confidence::SomeEvidence;
    ad.impact = Rating::new(4);
    ad.metric = Some(Metric {
        kind: MetricKind::Nps,
        date: NaiveDate::from_ymd_opt(2026, 10, 31),
        target: Number::new(10.0),
        ..Metric::new(MetricKind::Nps, Number::new(-32.5).unwrap())
    });
    let mut plan = card("c2", "l1", "s1", "=1+2");
    plan.status = Some(Status::InProgress);
    plan.owner = "Ana Pop".into();
    plan.due = NaiveDate::from_ymd_opt(2027, 1, 15);
    plan.addresses = vec![CardId::new("c1")];
    let mut hidden = lane("l3", LaneKind::Notes, Some("Later"));
    hidden.hidden = true;
    JourneyMap {
        id: MapId::new("m"),
        title: "Trial".into(),
        locale: Locale::En,
        created: now(),
        updated: now(),
        stages: vec![stage("s1", "Awareness"), stage("s2", "Consideration")],
        lanes: vec![
            lane("l1", LaneKind::Touchpoints, None),
            lane("l2", LaneKind::Emotions, None),
            hidden,
        ],
        cards: vec![ad, plan],
        personas: vec![Persona {
            emotions: vec![score("s1", 1, "curious")],
            ..Persona::new(PersonaId::new("p1"), "Ioana".into())
        }],
    }
}

const HEADER: &str = "id,stage,stage_number,lane,lane_kind,lane_number,lane_hidden,text,colour,\
tags,personas,score,category,channel,confidence,evidence,impact,effort,metric_kind,metric_name,\
metric_value,metric_unit,metric_date,metric_target,status,owner,due,addresses";

#[test]
fn a_map_is_written_as_the_documented_rows() {
    let expected = [
        HEADER,
        ",,,,,,,,,,Ioana,,,,,,,,,,,,,,,,,",
        "c1,Awareness,1,,touchpoints,1,false,\"Instagram ad, \"\"Try free\"\"\",blue,\
social; paid\\; Q3,Ioana,,marketing,social_media,some_evidence,\
web_analytics: Q3 report <https://example.org/q3>,4,,nps,,-32.5,,2026-10-31,10,,,,",
        "c2,Awareness,1,,touchpoints,1,false,'=1+2,yellow,,,,,,assumed,,,,,,,,,,\
in_progress,Ana Pop,2027-01-15,c1",
        ",Awareness,1,,emotions,2,false,curious,,,Ioana,1,,,,,,,,,,,,,,,,",
        ",Consideration,2,,,,,,,,,,,,,,,,,,,,,,,,,",
        ",,,Later,notes,3,true,,,,,,,,,,,,,,,,,,,,,",
    ];
    let mut text = expected.join("\r\n");
    text.push_str("\r\n");
    assert_eq!(to_csv(&small_map(), false), text);
    assert_eq!(Column::ALL.map(Column::name).join(","), HEADER);
}

#[test]
fn a_map_reads_back_to_the_same_board() {
    let map = small_map();
    let read = round_trip(&map);
    assert_eq!(read.problems, []);
    assert_eq!(read.map.check_invariants(), []);
    assert_eq!(board(&read.map), board(&map));
    assert_eq!(read.map.title, "");
    assert_eq!((read.map.created, read.map.locale), (now(), Locale::En));
}

#[test]
fn the_example_map_reads_back_in_both_languages() {
    for locale in Locale::ALL {
        let map = saas_example(locale, now(), &mut minter());
        let read = round_trip(&map);
        assert_eq!(read.problems, [], "{locale:?}");
        assert_eq!(board(&read.map), expected_board(&map), "{locale:?}");
    }
}

#[test]
fn a_bom_is_written_on_request_and_skipped_on_reading() {
    let map = small_map();
    let with = to_csv(&map, true);
    assert_eq!(
        with.strip_prefix('\u{feff}'),
        Some(to_csv(&map, false).as_str())
    );
    assert_eq!(board(&import(&with).map), board(&map));
}

/// Texts a CSV, a spreadsheet or a web page could take for something else.
const TRICKY: [&str; 38] = [
    "=1+2",
    "+40 722 000 000",
    "-",
    "-3",
    "-0.5",
    "@SUM(A1:A9)",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "'",
    "'=HYPERLINK(\"http://x\")",
    "''+",
    ",",
    ";",
    "\"",
    "\"\"",
    "\\",
    "\\;",
    "<script>alert(1)</script>",
    "<",
    ">",
    ":",
    "😀",
    "👩‍👩‍👧",
    "e\u{301}",
    "a\u{308}\u{323}",
    "ș ț ă î â Ș Ț Ă Î Â",
    " ",
    "  padded  ",
    "\u{feff}",
    "\u{2028}",
    "\u{0}",
    "true",
    "emotions",
    "id",
    "sep=,",
    "Ioana",
];

fn arb_tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => select(TRICKY.to_vec()).prop_map(str::to_owned),
        1 => common::arb_text(),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|pieces| pieces.concat())
}

/// A valid map whose every text the CSV carries is [`arb_tricky`]: names trimmed and not
/// empty, persona names each once, tags and owners tidy, as a map keeps them.
fn arb_csv_map() -> impl Strategy<Value = JourneyMap> {
    (arb_map(), prop::collection::vec(arb_tricky(), 64)).prop_map(|(mut map, texts)| {
        let mut texts = texts.into_iter().cycle();
        let mut next = move || texts.next().unwrap_or_default();
        let name = |text: String| match text.trim() {
            "" => "n".to_owned(),
            name => name.to_owned(),
        };
        for stage in &mut map.stages {
            stage.name = name(next());
        }
        for lane in &mut map.lanes {
            lane.name = lane.name.as_ref().map(|_| name(next()));
        }
        for (i, persona) in map.personas.iter_mut().enumerate() {
            persona.name = format!("{} {i}", name(next()));
            for e in &mut persona.emotions {
                e.note = next();
            }
        }
        let ids: Vec<CardId> = (0..map.cards.len())
            .map(|i| CardId::new(format!("{}#{i}", next())))
            .collect();
        for (i, card) in map.cards.iter_mut().enumerate() {
            card.text = next();
            card.tags = tidy_tags(card.tags.iter().map(|_| next()).collect());
            if !card.owner.is_empty() {
                card.owner = tidy_owner(&name(next()).chars().take(90).collect::<String>());
            }
            for e in &mut card.evidence {
                e.note = next();
            }
            let at = |id: &CardId| id.as_str()[1..].parse::<usize>().unwrap();
            card.addresses = card.addresses.iter().map(|a| ids[at(a)].clone()).collect();
            card.id = ids[i].clone();
        }
        map
    })
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn csv_round_trips(map in arb_csv_map()) {
        let read = round_trip(&map);
        prop_assert_eq!(&read.problems, &[]);
        prop_assert_eq!(read.map.check_invariants(), []);
        prop_assert_eq!(board(&read.map), expected_board(&map));
    }

    #[test]
    fn no_written_cell_starts_as_a_formula(map in arb_csv_map(), bom in any::<bool>()) {
        let text = to_csv(&map, bom);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        prop_assert_eq!(bom, body.len() < text.len());
        for cell in rfc4180_cells(body).iter().flatten() {
            let plain_number = cell.parse::<f64>().is_ok() && !cell.starts_with('+');
            prop_assert!(
                plain_number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{:?}", cell
            );
        }
    }
}

#[test]
fn tricky_texts_survive_a_round_trip_exactly() {
    let mut map = small_map();
    map.cards = TRICKY
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut c = card(&format!("c{i}"), "l1", "s1", text);
            c.tags = tidy_tags(vec![(*text).to_owned(), format!("{text}x")]);
            c.evidence = vec![Evidence {
                kind: EvidenceKind::Interview,
                note: text.trim().to_owned(),
                link: None,
            }];
            c
        })
        .collect();
    let read = round_trip(&map);
    assert_eq!(read.problems, []);
    let texts: Vec<&str> = read.map.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, TRICKY);
    assert_eq!(board(&read.map), board(&map));
}

#[test]
fn formula_triggers_are_written_with_an_apostrophe_and_read_without() {
    let cases = [
        (
            "=HYPERLINK(\"http://evil\",\"x\")",
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
        ),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\"'\r=1\""),
        ("'=1", "''=1"),
        ("''@", "'''@"),
        ("'plain", "'plain"),
        ("-7", "-7"),
    ];
    for (text, written) in cases {
        let mut map = small_map();
        map.cards.truncate(1);
        map.cards[0].text = text.into();
        map.cards[0].owner = tidy_owner(text);
        let csv = to_csv(&map, false);
        assert!(csv.contains(&format!(",{written},")), "{text:?} in {csv}");
        let read = import(&csv);
        assert_eq!(read.map.cards[0].text, text);
        assert_eq!(read.map.cards[0].owner, tidy_owner(text));
    }
    let tags = "text,tags\nx,\"=1; @a; -b\"\n";
    assert_eq!(import(tags).map.cards[0].tags, ["=1", "@a", "-b"]);
}

#[test]
fn an_apostrophe_a_spreadsheet_keeps_before_a_formula_is_taken_off() {
    let read = import("text,owner\n'=SUM(A1),'@Ana\n'not a formula,x\n");
    let cards: Vec<_> = read.map.cards.iter().map(|c| (&c.text, &c.owner)).collect();
    assert_eq!(
        cards,
        [
            (&"=SUM(A1)".into(), &"@Ana".into()),
            (&"'not a formula".into(), &"x".into())
        ]
    );
}

#[test]
fn a_text_column_alone_makes_cards_in_one_stage_one_notes_lane_for_the_starter_persona() {
    let read = import("Text\r\nfirst\r\n\r\n\"second, with a comma\"\r\n");
    assert_eq!(read.problems, []);
    let map = &read.map;
    assert_eq!(map.check_invariants(), []);
    assert_eq!(board(map).stages, ["Stage 1"]);
    assert_eq!(board(map).lanes, [(LaneKind::Notes, None, false)]);
    let texts: Vec<&str> = map.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["first", "second, with a comma"]);
    assert_eq!(map.personas.len(), 1);
    assert_eq!(map.personas[0].name, "Main persona");
    assert!(map.personas[0].emotions.is_empty());
    let ro = import_in("text\nprima\n", Locale::Ro).unwrap().map;
    assert_eq!(
        (ro.stages[0].name.as_str(), ro.personas[0].name.as_str()),
        ("Etapa 1", "Persona principală")
    );
}

#[test]
fn a_csv_saved_by_excel_in_romanian_imports() {
    let text = include_str!("fixtures/csv/ro-excel.csv");
    let read = import_in(text, Locale::Ro).unwrap();
    assert_eq!(read.problems, []);
    let map = &read.map;
    assert_eq!(map.check_invariants(), []);
    let b = board(map);
    assert_eq!(b.stages, ["Conștientizare", "Considerare"]);
    assert_eq!(
        b.lanes,
        [
            (LaneKind::Touchpoints, None, false),
            (LaneKind::PainPoints, Some("Unde doare".into()), false),
            (LaneKind::Emotions, None, false),
            (LaneKind::Metrics, None, false),
            (LaneKind::Opportunities, Some("Idei".into()), false),
        ]
    );
    assert_eq!(
        b.personas,
        [
            (
                "Ioana".into(),
                vec![(1, Score::new(-2).unwrap(), "Pierdută în prețuri".into())]
            ),
            ("Mihai".into(), vec![])
        ]
    );
    let by_text = |start: &str| {
        map.cards
            .iter()
            .find(|c| c.text.starts_with(start))
            .unwrap()
    };
    let ad = by_text("Reclamă");
    assert_eq!(ad.text, "Reclamă pe Instagram: „Încearcă gratuit”");
    assert_eq!(ad.channel, Some(Channel::SocialMedia));
    assert_eq!(ad.tags, ["social", "reclame"]);
    assert_eq!(ad.evidence[0].note, "Sondaj NPS, octombrie");
    assert_eq!(
        ad.evidence[0].link.as_deref(),
        Some("https://example.org/nps")
    );
    let pain = by_text("Prețurile");
    assert_eq!(pain.text, "Prețurile nu sunt clare;\nnici pe mobil");
    assert_eq!((pain.impact, pain.effort), (Rating::new(4), Rating::new(2)));
    assert_eq!(pain.personas.len(), 2);
    assert_eq!(
        by_text("Conversie").metric.as_ref().map(|m| m.value.get()),
        Some(3.4)
    );
    assert!(
        map.cards
            .iter()
            .any(|c| c.text == "=HYPERLINK(\"http://x\";\"y\")")
    );
    let idea = by_text("Pagină");
    let aov = idea.metric.as_ref().unwrap();
    assert_eq!((aov.value.get(), aov.unit.as_str()), (1234.5, "lei"));
    assert_eq!(idea.addresses, std::slice::from_ref(&pain.id));
}

#[test]
fn a_row_with_other_than_the_headers_number_of_cells_is_skipped_not_shifted() {
    let read = import(
        "stage,text,impact\nA,kept,3\nB,too,few,cells,4\nC,short\n\"D,\"\"x\"\"\",also kept,\n",
    );
    assert_eq!(
        read.problems,
        [
            Problem {
                row: 3,
                column: None,
                kind: ProblemKind::Width {
                    cells: 5,
                    expected: 3
                }
            },
            Problem {
                row: 4,
                column: None,
                kind: ProblemKind::Width {
                    cells: 2,
                    expected: 3
                }
            },
        ]
    );
    let cards: Vec<_> = read
        .map
        .cards
        .iter()
        .map(|c| (c.text.as_str(), c.impact))
        .collect();
    assert_eq!(cards, [("kept", Rating::new(3)), ("also kept", None)]);
    assert_eq!(board(&read.map).stages, ["A", "D,\"x\""]);
}

#[test]
fn a_quote_left_open_skips_its_row_and_keeps_the_rows_before() {
    let read = import("text,tags\nfine,a\n\"open,b\nswallowed,c\n");
    assert_eq!(
        read.problems,
        [Problem {
            row: 3,
            column: None,
            kind: ProblemKind::UnclosedQuote
        }]
    );
    assert_eq!(read.map.cards.len(), 1);
}

#[test]
fn values_a_column_cannot_hold_are_listed_and_the_card_keeps_the_rest() {
    let text = "text,colour,channel,impact,effort,confidence,due,lane_hidden,evidence,score\n\
        card,teal,Live chat,7,two,Validated,31/10/2026,maybe,\"rumour; survey: s <javascript:alert(1)>\",2\n";
    let read = import(text);
    assert_eq!(
        read.problems,
        [
            bad(2, Column::LaneHidden, "maybe"),
            bad(2, Column::Colour, "teal"),
            problem(2, Column::Score, ProblemKind::NotUsed),
            bad(2, Column::Evidence, "rumour"),
            bad(2, Column::Evidence, "javascript:alert(1)"),
            bad(2, Column::Impact, "7"),
            bad(2, Column::Effort, "two"),
            bad(2, Column::Due, "31/10/2026"),
        ]
    );
    let card = &read.map.cards[0];
    assert_eq!(card.text, "card");
    assert_eq!(card.colour, Colour::Yellow);
    assert_eq!(card.channel, Some(Channel::LiveChat));
    assert_eq!(card.confidence, Confidence::Validated);
    assert_eq!((card.impact, card.effort, card.due), (None, None, None));
    assert_eq!(
        card.evidence,
        [Evidence {
            kind: EvidenceKind::Survey,
            note: "s".into(),
            link: None
        }]
    );
    assert_eq!(read.map.check_invariants(), []);
}

#[test]
fn a_metric_keeps_what_its_kind_can_hold() {
    let text = "text,metric_kind,metric_name,metric_value,metric_unit,metric_target,metric_date\n\
        a,conversion_rate,,140,,,\n\
        b,csat,Named,87.5,%,120,2026-02-30\n\
        c,,,12,,,\n\
        d,custom,,3,,,\n\
        e,,,,,5,\n\
        f,average_order_value,,\"1,234.5\",€,,2026-10-31\n";
    let read = import(text);
    let metric = |error| ProblemKind::InvalidMetric(error);
    assert_eq!(
        read.problems,
        [
            problem(2, Column::MetricValue, metric(MetricError::ValueOutOfRange)),
            problem(3, Column::MetricName, ProblemKind::NotUsed),
            problem(3, Column::MetricUnit, ProblemKind::NotUsed),
            bad(3, Column::MetricDate, "2026-02-30"),
            problem(
                3,
                Column::MetricTarget,
                metric(MetricError::TargetOutOfRange)
            ),
            problem(4, Column::MetricKind, ProblemKind::Missing),
            problem(5, Column::MetricName, metric(MetricError::MissingName)),
            problem(6, Column::MetricTarget, ProblemKind::NotUsed),
        ]
    );
    let metrics: Vec<_> = read.map.cards.iter().map(|c| c.metric.clone()).collect();
    assert_eq!(metrics[0], None);
    assert_eq!(
        metrics[1],
        Some(Metric::new(MetricKind::Csat, Number::new(87.5).unwrap()))
    );
    assert!(metrics[2].is_none() && metrics[3].is_none() && metrics[4].is_none());
    let aov = metrics[5].as_ref().unwrap();
    assert_eq!((aov.value.get(), aov.unit.as_str()), (1234.5, "€"));
    assert_eq!(aov.date, NaiveDate::from_ymd_opt(2026, 10, 31));
}

#[test]
fn texts_past_what_a_map_keeps_are_shortened_and_listed() {
    let long = "ș".repeat(5_001);
    let tags: Vec<String> = (0..=Limit::Tags.max()).map(|i| format!("t{i}")).collect();
    let text = format!(
        "text,owner,tags\n{long},{},\"{}\"\n",
        "o".repeat(101),
        tags.join(";")
    );
    let read = import(&text);
    assert_eq!(
        read.problems,
        [
            problem(2, Column::Text, ProblemKind::Shortened),
            problem(2, Column::Tags, ProblemKind::TooMany { kept: 100 }),
            problem(2, Column::Owner, ProblemKind::Shortened),
        ]
    );
    let card = &read.map.cards[0];
    assert_eq!(card.text.chars().count(), 5_000);
    assert_eq!((card.tags.len(), card.owner.len()), (100, 100));
    assert_eq!(read.map.check_invariants(), []);
}

#[test]
fn stages_and_lanes_follow_their_numbers_and_rows_without_one_join_by_name() {
    let text = "stage,stage_number,lane,lane_kind,lane_number,text\n\
        Retention,2,,touchpoints,1,b\n\
        Awareness,1,,touchpoints,1,a\n\
        Awareness,,,,,note without a lane\n\
        Retention,,Ideas,opportunities,,idea\n\
        Awareness,3,,touchpoints,1,a second stage of that name\n\
        Advocacy,,Ideas,,,another idea\n\
        ,,,touchpoints,,touchpoint without a stage\n";
    let read = import(text);
    assert_eq!(read.problems, []);
    let b = board(&read.map);
    assert_eq!(
        b.stages,
        ["Awareness", "Retention", "Awareness", "Advocacy", "Stage 5"]
    );
    assert_eq!(
        b.lanes,
        [
            (LaneKind::Touchpoints, None, false),
            (LaneKind::Notes, None, false),
            (LaneKind::Opportunities, Some("Ideas".into()), false),
        ]
    );
    let cells: Vec<_> = b
        .cards
        .iter()
        .map(|c| (c.stage, c.lane, c.card.text.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (0, 0, "a"),
            (0, 1, "note without a lane"),
            (1, 0, "b"),
            (1, 2, "idea"),
            (2, 0, "a second stage of that name"),
            (3, 2, "another idea"),
            (4, 0, "touchpoint without a stage"),
        ]
    );
}

#[test]
fn rows_that_name_only_keep_empty_stages_lanes_and_personas() {
    let read = import(
        "personas,stage,lane,lane_kind,lane_hidden,text\nAna,,,,,\n,Empty stage,,,,\n,,Parked,notes,TRUE,\n,,,,,\n",
    );
    assert_eq!(read.problems, []);
    let b = board(&read.map);
    assert_eq!(b.stages, ["Empty stage"]);
    assert_eq!(b.lanes, [(LaneKind::Notes, Some("Parked".into()), true)]);
    assert_eq!(b.personas, [("Ana".to_owned(), vec![])]);
    assert!(read.map.cards.is_empty());
}

#[test]
fn scores_go_to_their_personas_once_a_stage() {
    let text = "stage,lane_kind,personas,score,text,channel\n\
        A,emotions,Ana,2,happy,\n\
        A,emotions,,-1,everyone,\n\
        A,emotions,,0,everyone again,\n\
        B,emotions,Ana; Ion,−3,,\n\
        B,emotions,Ion,4,,\n\
        B,emotions,,,orphan note,email\n";
    let read = import(text);
    assert_eq!(
        read.problems,
        [
            problem(3, Column::Score, ProblemKind::Repeated),
            problem(4, Column::Score, ProblemKind::Repeated),
            bad(6, Column::Score, "4"),
            problem(7, Column::Text, ProblemKind::NotUsed),
            problem(7, Column::Channel, ProblemKind::NotUsed),
        ]
    );
    let s = |v| Score::new(v).unwrap();
    assert_eq!(
        board(&read.map).personas,
        [
            (
                "Ana".into(),
                vec![(0, s(2), "happy".into()), (1, s(-3), String::new())]
            ),
            (
                "Ion".into(),
                vec![(0, s(-1), "everyone".into()), (1, s(-3), String::new())]
            ),
        ]
    );
    assert!(read.map.cards.is_empty());
    assert_eq!(read.map.lanes.len(), 1);
}

#[test]
fn addresses_name_cards_by_id_and_others_are_listed() {
    let text = "id,text,addresses\n\
        p1,pain,\n\
        p1,same id,\n\
        o1,fix,\"p1; o1; nope; p1\"\n";
    let read = import(text);
    assert_eq!(
        read.problems,
        [
            problem(3, Column::Id, ProblemKind::Repeated),
            bad(4, Column::Addresses, "o1"),
            bad(4, Column::Addresses, "nope"),
        ]
    );
    let cards = &read.map.cards;
    assert_eq!(cards[2].addresses, [cards[0].id.clone()]);
    assert_eq!(read.map.check_invariants(), []);
}

#[test]
fn a_header_with_other_columns_is_refused_with_what_it_found() {
    let text = "Text, Stage ,Phase,stage,,Notes\na,b,c,d,,f\n";
    assert_eq!(
        import_in(text, Locale::En),
        Err(CsvError::Columns {
            found: ["Text", " Stage ", "Phase", "stage", "", "Notes"]
                .map(String::from)
                .to_vec(),
            missing: vec![],
            unknown: vec![2, 5],
            repeated: vec![3],
        })
    );
    assert_eq!(
        import_in("Touchpoint;Phase\nx;y\n", Locale::En),
        Err(CsvError::Columns {
            found: vec!["Touchpoint".into(), "Phase".into()],
            missing: vec![Column::Text],
            unknown: vec![0, 1],
            repeated: vec![],
        })
    );
    assert!(matches!(
        import_in("", Locale::En),
        Err(CsvError::Columns { found, missing, .. }) if found.is_empty() && missing == [Column::Text]
    ));
    let unnamed_but_empty = import("text,,stage\na,,S\n");
    assert_eq!(board(&unnamed_but_empty.map).stages, ["S"]);
}

#[test]
fn a_persons_mapping_reads_a_foreign_csv() {
    let text = "Phase\tTouchpoint\tTeam\tIgnored\nDiscover\tBlog post\tmarketing\tx\n";
    let mapping = [(1, Column::Text), (0, Column::Stage), (2, Column::Category)];
    let read = from_csv_mapped(text, &mapping, Locale::En, now(), &mut minter()).unwrap();
    assert_eq!(read.problems, []);
    assert_eq!(board(&read.map).stages, ["Discover"]);
    assert_eq!(read.map.cards[0].text, "Blog post");
    assert_eq!(read.map.cards[0].category, Some(Category::Marketing));
    let refused = |mapping: &[(usize, Column)]| {
        from_csv_mapped(text, mapping, Locale::En, now(), &mut minter()).unwrap_err()
    };
    assert_eq!(
        refused(&[(4, Column::Text)]),
        CsvError::Mapping(MappingError::NoSuchColumn {
            index: 4,
            columns: 4
        })
    );
    assert_eq!(
        refused(&[(0, Column::Text), (1, Column::Text)]),
        CsvError::Mapping(MappingError::Twice(Column::Text))
    );
    assert_eq!(
        refused(&[(0, Column::Stage)]),
        CsvError::Mapping(MappingError::NoText)
    );
}

#[test]
fn problems_past_the_cap_are_counted_not_listed() {
    let rows = "a,b\n".repeat(MAX_PROBLEMS + 500);
    let read = import(&format!("text\n{rows}kept\n"));
    assert_eq!((read.problems.len(), read.unlisted), (MAX_PROBLEMS, 500));
    let skipped = ProblemKind::Width {
        cells: 2,
        expected: 1,
    };
    assert_eq!(
        read.problems[0],
        Problem {
            row: 2,
            column: None,
            kind: skipped
        }
    );
    assert_eq!(read.map.cards.len(), 1);
}

#[test]
fn more_than_a_map_holds_is_refused() {
    let rows = "x\n".repeat(Limit::Cards.max() + 1);
    assert_eq!(
        import_in(&format!("text\n{rows}"), Locale::En),
        Err(CsvError::TooLarge {
            what: Oversized::Count(Limit::Cards),
            limit: Limit::Cards.max()
        })
    );
    let stages: String = (0..=Limit::Stages.max())
        .map(|i| format!("s{i},x\n"))
        .collect();
    assert_eq!(
        import_in(&format!("stage,text\n{stages}"), Locale::En),
        Err(CsvError::TooLarge {
            what: Oversized::Count(Limit::Stages),
            limit: Limit::Stages.max()
        })
    );
    let huge = format!("text\n{}", "x".repeat(model::format::MAX_DOCUMENT_BYTES));
    assert!(matches!(
        import_in(&huge, Locale::En),
        Err(CsvError::TooLarge {
            what: Oversized::Bytes,
            ..
        })
    ));
}

/// Cell values of every sort a column may meet, right and wrong.
const VALUES: [&str; 40] = [
    "",
    "",
    "",
    "1",
    "2",
    "-3",
    "3",
    "7",
    "x",
    "touchpoints",
    "emotions",
    "pain_points",
    "Pain points",
    "notes",
    "true",
    "FALSE",
    "yellow",
    "blue",
    "marketing",
    "social_media",
    "validated",
    "survey: n <https://x.org>",
    "interview <javascript:alert(1)>",
    "csat",
    "nps",
    "custom",
    "42.5",
    "1.234,5",
    "150",
    "2026-10-31",
    "2026-13-01",
    "idea",
    "done",
    "Ana",
    "Ana; Ion",
    "c1",
    "c1; c2",
    "c2; c9",
    "=1+2",
    "'=x",
];

/// A CSV with a header of Traseu's columns (in any order, `text` among them) and rows of
/// [`VALUES`] and tricky texts, now and then a row of the wrong width.
fn arb_csv_table() -> impl Strategy<Value = String> {
    let columns =
        proptest::sample::subsequence(Column::ALL.to_vec(), 0..8).prop_flat_map(|picked| {
            let mut picked: Vec<Column> =
                picked.into_iter().filter(|&c| c != Column::Text).collect();
            picked.push(Column::Text);
            Just(picked).prop_shuffle()
        });
    let value =
        prop_oneof![3 => select(VALUES.to_vec()).prop_map(str::to_owned), 1 => arb_tricky()];
    (
        columns,
        prop::collection::vec(prop::collection::vec(value, 0..10), 0..12),
    )
        .prop_map(|(columns, rows)| {
            let quote = |cell: &str| format!("\"{}\"", cell.replace('"', "\"\""));
            let mut text: Vec<String> = vec![
                columns
                    .iter()
                    .map(|c| c.name())
                    .collect::<Vec<_>>()
                    .join(","),
            ];
            for mut cells in rows {
                if cells.len() % 5 != 0 {
                    cells.resize(columns.len(), String::new());
                }
                text.push(cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            }
            text.join("\n")
        })
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn what_a_csv_makes_writes_and_reads_back_the_same(text in arb_csv_table()) {
        let read = import(&text);
        prop_assert_eq!(read.map.check_invariants(), []);
        let again = round_trip(&read.map);
        prop_assert_eq!(&again.problems, &[]);
        prop_assert_eq!(again.map, read.map);
    }

    #[test]
    fn from_csv_never_panics(text in ".*") {
        if let Ok(read) = import_in(&text, Locale::Ro) {
            prop_assert_eq!(read.map.check_invariants(), []);
        }
    }

    #[test]
    fn from_csv_never_panics_on_mangled_exports(
        map in arb_csv_map(),
        cut in 0usize..3000,
        insert in select(vec!["\"", ",", "\n", "\r", ";", "'", "\\"]),
    ) {
        let text = to_csv(&map, false);
        let at = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        for mangled in [text[..at].to_owned(), format!("{}{insert}{}", &text[..at], &text[at..])] {
            if let Ok(read) = import_in(&mangled, Locale::En) {
                prop_assert_eq!(read.map.check_invariants(), []);
            }
        }
    }
}
