//! Strategies shared by the property tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate};
use model::map::{
    Card, Colour, EmotionScore, JourneyMap, Lane, LaneKind, Locale, Persona, Score, Stage,
};
use model::metric::Scale;
use model::profile::MAX_AVATAR_BYTES;
use model::snapshot::Snapshot;
use model::{
    CardId, Category, Cell, Channel, Confidence, Evidence, EvidenceKind, LaneId, MapId, Metric,
    MetricKind, Number, Op, PersonaId, Profile, ProfileField, Rating, RatingKind, SnapshotId,
    StageId, Status,
};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, RngAlgorithm};

/// The property tests' settings: `cases` each (or `PROPTEST_CASES`), drawn with XorShift,
/// which unoptimised test builds run several times faster than the default ChaCha (it took
/// most of the tests' time once maps carried the method's fields).
pub fn config(cases: u32) -> Config {
    Config {
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::with_cases(cases)
    }
}

pub fn arb_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ăâîșțĂÂÎȘȚ,.!?\n\"\\\\]{0,20}"
}

/// Trimmed, as the operations keep names and tags.
pub fn arb_name() -> impl Strategy<Value = String> {
    "[a-zA-Zșț]([a-zA-Z0-9 șț]{0,11}[a-zA-Z0-9șț])?"
}

pub fn arb_kind() -> impl Strategy<Value = LaneKind> {
    proptest::sample::select(LaneKind::ALL.to_vec())
}

pub fn arb_colour() -> impl Strategy<Value = Colour> {
    proptest::sample::select(Colour::ALL.to_vec())
}

pub fn arb_score() -> impl Strategy<Value = Score> {
    (Score::MIN..=Score::MAX).prop_map(|v| Score::new(v).unwrap())
}

pub fn arb_category() -> impl Strategy<Value = Category> {
    select(Category::ALL.to_vec())
}

pub fn arb_channel() -> impl Strategy<Value = Channel> {
    select(Channel::ALL.to_vec())
}

pub fn arb_confidence() -> impl Strategy<Value = Confidence> {
    select(Confidence::ALL.to_vec())
}

pub fn arb_rating() -> impl Strategy<Value = Rating> {
    (Rating::MIN..=Rating::MAX).prop_map(|v| Rating::new(v).unwrap())
}

/// Notes of sources and profile texts: fixed, since the map's other texts already exercise
/// escaping with generated ones, and generating these too would double the tests' time.
const NOTES: [&str; 6] = [
    "",
    "P3, minute 12: \"I gave up\"",
    "Sondaj NPS, octombrie: 212 răspunsuri",
    "two\nlines",
    "  padded  ",
    "back\\slash ✓",
];

pub fn arb_note() -> impl Strategy<Value = String> {
    select(NOTES.to_vec()).prop_map(str::to_owned)
}

/// Links a source may keep.
const SAFE_LINKS: [&str; 3] = [
    "https://analytics.example.org/funnel?step=2#trial",
    "http://intranet/interviews/p3",
    "HTTPS://forms.example.com/r/ș",
];

/// A source as a map keeps it: any note, a safe link or none.
pub fn arb_evidence() -> impl Strategy<Value = Evidence> {
    (
        select(EvidenceKind::ALL.to_vec()),
        arb_note(),
        prop::option::of(select(SAFE_LINKS.to_vec())),
    )
        .prop_map(|(kind, note, link)| Evidence {
            kind,
            note,
            link: link.map(str::to_owned),
        })
}

/// A source as a person may type it: padded or blank links, and now and then one that
/// must be refused.
pub fn arb_evidence_input() -> impl Strategy<Value = Evidence> {
    let link = prop_oneof![
        6 => select(SAFE_LINKS.to_vec()).prop_map(str::to_owned),
        1 => select(SAFE_LINKS.to_vec()).prop_map(|l| format!("  {l} ")),
        1 => Just("   ".to_owned()),
        1 => select(vec!["javascript:alert(1)", "data:text/html,x", "ftp://x", "//x"])
            .prop_map(str::to_owned),
    ];
    (arb_evidence(), prop::option::of(link)).prop_map(|(e, link)| Evidence { link, ..e })
}

/// A value of a metric of any kind: tenths (which JSON writes and reads back exactly) from
/// −200 to 200 on one scale, so some fall outside what the kind holds.
fn arb_tenths(spread: i32) -> impl Strategy<Value = Number> {
    (-spread..=spread).prop_map(|t| Number::new(f64::from(t) / 10.0).unwrap())
}

/// A metric as a person may enter it: names and units padded, values in or out of range.
pub fn arb_metric_input() -> impl Strategy<Value = Metric> {
    let label = prop_oneof![2 => Just(String::new()), 3 => arb_name(), 1 => arb_name().prop_map(|n| format!(" {n} "))];
    (
        select(MetricKind::ALL.to_vec()),
        label.clone(),
        arb_tenths(2_000),
        label,
        prop::option::of(
            (0i64..20_000)
                .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(730_000 + d as i32).unwrap()),
        ),
        prop::option::of(arb_tenths(2_000)),
    )
        .prop_map(|(kind, name, value, unit, date, target)| Metric {
            kind,
            name,
            value,
            unit,
            date,
            target,
        })
}

/// A metric as a map keeps it: its value and target moved onto its kind's scale, a custom
/// one named.
pub fn arb_metric() -> impl Strategy<Value = Metric> {
    (arb_metric_input(), arb_name()).prop_map(|(m, name)| {
        let onto = |n: Number| {
            let v = n.get().abs();
            let v = match m.kind.scale() {
                Scale::Percent => v.min(100.0),
                Scale::NetPromoter => n.get().clamp(-100.0, 100.0),
                Scale::Amount => v,
                Scale::Free => n.get(),
            };
            Number::new(v).unwrap()
        };
        Metric {
            value: onto(m.value),
            target: m.target.map(onto),
            name: if m.name.trim().is_empty() {
                name
            } else {
                m.name.clone()
            },
            ..m.clone()
        }
        .checked()
        .unwrap()
    })
}

/// Tiny images of each kind an avatar may be.
const AVATARS: [&str; 3] = [
    "data:image/png;base64,iVBORw0KGgo=",
    "data:image/jpeg;base64,/9j/4AAQSkZJRg==",
    "data:image/webp;base64,UklGRg==",
];

pub fn arb_avatar() -> impl Strategy<Value = String> {
    select(AVATARS.to_vec()).prop_map(str::to_owned)
}

/// An avatar as a browser may send it, now and then one that must be refused.
pub fn arb_avatar_input() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => arb_avatar(),
        1 => Just("data:image/svg+xml;base64,PHN2Zz4=".to_owned()),
        1 => Just("https://example.org/me.png".to_owned()),
        1 => Just(format!("data:image/png;base64,{}", "A".repeat(MAX_AVATAR_BYTES / 3 * 4 + 4))),
    ]
}

/// A profile with a few texts filled in and its channels tidy.
pub fn arb_profile() -> impl Strategy<Value = Profile> {
    (
        prop::collection::vec((select(ProfileField::ALL.to_vec()), arb_note()), 0..4),
        prop::collection::vec(arb_channel(), 0..4),
    )
        .prop_map(|(texts, mut channels)| {
            let mut profile = Profile::default();
            for (field, text) in texts {
                *profile.get_mut(field) = text;
            }
            channels.sort();
            channels.dedup();
            profile.channels = channels;
            profile
        })
}

/// What the method adds to a card; the personas are indexes into the map's.
#[derive(Clone, Debug)]
pub struct CardMethod {
    category: Option<Category>,
    channel: Option<Channel>,
    personas: Vec<Index>,
    evidence: Vec<Evidence>,
    confidence: Confidence,
    impact: Option<Rating>,
    effort: Option<Rating>,
    metric: Option<Metric>,
    plan: Plan,
}

/// What a team plans for a card; `addresses` are indexes into the map's cards.
#[derive(Clone, Debug)]
struct Plan {
    status: Option<Status>,
    owner: String,
    due: Option<NaiveDate>,
    addresses: Vec<Index>,
}

fn arb_plan() -> impl Strategy<Value = Plan> {
    (
        prop::option::of(select(Status::ALL.to_vec())),
        prop_oneof![2 => Just(String::new()), 1 => arb_owner()],
        prop::option::of((0i64..20_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(d as u64)
        })),
        prop::collection::vec(any::<Index>(), 0..3),
    )
        .prop_map(|(status, owner, due, addresses)| Plan {
            status,
            owner,
            due,
            addresses,
        })
}

/// An owner as a card keeps it: one line, trimmed, short.
pub fn arb_owner() -> impl Strategy<Value = String> {
    "[A-Za-zĂăÂâÎîȘșȚț]{1,12}( [A-Za-zșț]{1,12}){0,2}"
}

fn arb_card_method() -> impl Strategy<Value = CardMethod> {
    (
        prop::option::of(arb_category()),
        prop::option::of(arb_channel()),
        prop::collection::vec(any::<Index>(), 0..3),
        prop::collection::vec(arb_evidence(), 0..2),
        arb_confidence(),
        prop::option::of(arb_rating()),
        prop::option::of(arb_rating()),
        prop::option::weighted(0.3, arb_metric()),
        arb_plan(),
    )
        .prop_map(
            |(category, channel, personas, evidence, confidence, impact, effort, metric, plan)| {
                CardMethod {
                    plan,
                    category,
                    channel,
                    personas,
                    evidence,
                    confidence,
                    impact,
                    effort,
                    metric,
                }
            },
        )
}

impl CardMethod {
    /// `card` with these fields, naming personas among `personas`, each once.
    fn on(self, card: Card, personas: &[PersonaId]) -> Card {
        let mut named: Vec<PersonaId> = Vec::new();
        if !personas.is_empty() {
            for i in self.personas {
                let id = i.get(personas).clone();
                if !named.contains(&id) {
                    named.push(id);
                }
            }
        }
        Card {
            category: self.category,
            channel: self.channel,
            personas: named,
            evidence: self.evidence,
            confidence: self.confidence,
            impact: self.impact,
            effort: self.effort,
            metric: self.metric,
            status: self.plan.status,
            owner: self.plan.owner,
            due: self.plan.due,
            ..card
        }
    }
}

/// Points each card's planned `addresses` at other cards of `cards`, each once.
fn link_addresses(cards: &mut [Card], plans: Vec<Vec<Index>>) {
    let ids: Vec<CardId> = cards.iter().map(|c| c.id.clone()).collect();
    for (card, plan) in cards.iter_mut().zip(plans) {
        for i in plan {
            let id = i.get(&ids);
            if id != &card.id && !card.addresses.contains(id) {
                card.addresses.push(id.clone());
            }
        }
    }
}

/// A valid map: ids unique, every card in a cell that holds cards, at most one score per
/// persona and stage.
pub fn arb_map() -> impl Strategy<Value = JourneyMap> {
    (
        prop::collection::vec(arb_name(), 1..6),
        prop::collection::vec(
            (arb_kind(), prop::option::of(arb_name()), any::<bool>()),
            1..6,
        ),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                arb_text(),
                arb_colour(),
                prop::collection::vec(arb_name(), 0..3),
                prop::option::weighted(0.5, arb_card_method()),
            ),
            0..20,
        ),
        prop::collection::vec(
            (
                arb_name(),
                arb_text(),
                prop::collection::vec(arb_score(), 0..6),
                prop::option::of(arb_avatar()),
                arb_profile(),
            ),
            0..3,
        ),
        arb_text(),
        prop::sample::select(Locale::ALL.to_vec()),
        0i64..4_000_000_000,
    )
        .prop_map(
            |(stage_names, lanes, cards, personas, title, locale, time)| {
                let stages: Vec<Stage> = stage_names
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| Stage {
                        id: StageId::new(format!("s{i}")),
                        name,
                    })
                    .collect();
                let lanes: Vec<Lane> = lanes
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, name, hidden))| Lane {
                        id: LaneId::new(format!("l{i}")),
                        kind,
                        name,
                        hidden,
                    })
                    .collect();
                let persona_ids: Vec<PersonaId> = (0..personas.len())
                    .map(|i| PersonaId::new(format!("p{i}")))
                    .collect();
                let holding: Vec<&Lane> = lanes.iter().filter(|l| l.kind.holds_cards()).collect();
                let mut plans = Vec::new();
                let mut cards = if holding.is_empty() {
                    Vec::new()
                } else {
                    cards
                        .into_iter()
                        .enumerate()
                        .map(|(i, (lane, stage, text, colour, mut tags, method))| {
                            tags.sort();
                            tags.dedup();
                            let card = Card {
                                colour,
                                tags,
                                ..Card::new(
                                    CardId::new(format!("c{i}")),
                                    Cell {
                                        lane: lane.get(&holding).id.clone(),
                                        stage: stage.get(&stages).id.clone(),
                                    },
                                    text,
                                )
                            };
                            match method {
                                Some(method) => {
                                    plans.push(method.plan.addresses.clone());
                                    method.on(card, &persona_ids)
                                }
                                None => {
                                    plans.push(Vec::new());
                                    card
                                }
                            }
                        })
                        .collect()
                };
                link_addresses(&mut cards, plans);
                let personas = personas
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, quote, scores, avatar, profile))| Persona {
                        quote,
                        avatar,
                        profile,
                        emotions: stages
                            .iter()
                            .zip(scores)
                            .map(|(s, score)| EmotionScore {
                                stage: s.id.clone(),
                                score,
                                note: String::new(),
                            })
                            .collect(),
                        ..Persona::new(PersonaId::new(format!("p{i}")), name)
                    })
                    .collect();
                let at = DateTime::from_timestamp(time, 0).unwrap();
                JourneyMap {
                    id: MapId::new("m"),
                    title,
                    locale,
                    created: at,
                    updated: at,
                    stages,
                    lanes,
                    cards,
                    personas,
                }
            },
        )
}

/// Pieces Mermaid's journey grammar would misread if written as they are: its keywords,
/// comment, directive and front matter marks, separators, entity codes and Mermaid's own
/// placeholders for them, line breaks of every kind, and white space it trims.
const GRAMMAR_PIECES: [&str; 34] = [
    "journey",
    "Journey ",
    "title ",
    "SECTION ",
    "accTitle: ",
    "accDescr {",
    "}",
    "%%",
    "%%{init: {}}%%",
    "#",
    "#35;",
    "#quot;",
    ":",
    ";",
    ",",
    "<br>",
    "<BR />",
    "ﬂ°°35¶ß",
    "¶ß",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\t",
    " ",
    "\u{feff}",
    "\u{a0}",
    "---",
    "style:#a;",
    "classDef x:#a;",
    "Infinity",
    "&amp;",
    "_",
    "Ioana",
];

/// Text made of [`GRAMMAR_PIECES`] and ordinary text.
pub fn arb_grammar_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(GRAMMAR_PIECES.to_vec()).prop_map(str::to_owned),
        arb_text(),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat())
}

/// A line of a Mermaid journey: a section, a task with a score (on Mermaid's scale or off it)
/// and actors, or anything [`arb_grammar_text`] makes.
pub fn arb_journey_line() -> impl Strategy<Value = String> {
    let actors = prop::collection::vec(select(vec!["Ana", " Bo ", "", "C#35;", "Ana"]), 0..3);
    prop_oneof![
        arb_grammar_text().prop_map(|name| format!("section {name}")),
        (arb_grammar_text(), "[0-6](\\.[0-9]{1,2})?", actors).prop_map(|(name, score, actors)| {
            format!("  {name}: {score}: {}", actors.join(","))
        }),
        arb_grammar_text(),
    ]
}

/// A valid map with an actions lane (what a Mermaid journey's tasks become), whose title,
/// names and card texts are [`arb_grammar_text`]; names trimmed, as the operations keep them.
pub fn arb_journey_map() -> impl Strategy<Value = JourneyMap> {
    (
        arb_map(),
        prop::collection::vec(arb_grammar_text(), 1..40),
        any::<Index>(),
    )
        .prop_map(|(mut map, texts, lane)| {
            let mut texts = texts.into_iter().cycle();
            let mut name = || match texts.next().unwrap_or_default().trim() {
                "" => "x".to_owned(),
                name => name.to_owned(),
            };
            map.title = name();
            for stage in &mut map.stages {
                stage.name = name();
            }
            for persona in &mut map.personas {
                persona.name = name();
            }
            for card in &mut map.cards {
                card.text = texts.next().unwrap_or_default();
            }
            let lane = lane.index(map.lanes.len());
            map.lanes[lane].kind = LaneKind::Actions;
            map
        })
}

/// An id of a thing the map holds when the op is applied: `@kind:n` stands for the n-th one,
/// which [`resolve`] puts in; now and then one it never holds, so refusals are tested too.
fn held(kind: &'static str) -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        19 => (0..64usize).prop_map(move |n| format!("@{kind}:{n}")),
        1 => Just("unknown".to_owned()),
    ]
}

/// The id of a new thing: mostly unused, now and then one the map holds.
fn fresh(kind: &'static str) -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => (0..1000usize).prop_map(move |n| format!("new-{kind}{n}")),
        1 => held(kind),
    ]
}

/// `op` with each `@kind:n` replaced by the id of the n-th such thing in `map` (counted round),
/// or by an unknown id when the map has none.
pub fn resolve(op: &Op, map: &JourneyMap) -> Op {
    fn fill(value: &mut serde_json::Value, map: &JourneyMap) {
        match value {
            serde_json::Value::String(text) => {
                let Some((kind, n)) = text.strip_prefix('@').and_then(|t| t.split_once(':')) else {
                    return;
                };
                let ids: Vec<&str> = match kind {
                    "stage" => map.stages.iter().map(|s| s.id.as_str()).collect(),
                    "lane" => map.lanes.iter().map(|l| l.id.as_str()).collect(),
                    "card_lane" => map
                        .lanes
                        .iter()
                        .filter(|l| l.kind.holds_cards())
                        .map(|l| l.id.as_str())
                        .collect(),
                    "card" => map.cards.iter().map(|c| c.id.as_str()).collect(),
                    "persona" => map.personas.iter().map(|p| p.id.as_str()).collect(),
                    _ => unreachable!("no kind {kind}"),
                };
                let n: usize = n.parse().unwrap();
                *text = ids
                    .get(n % ids.len().max(1))
                    .unwrap_or(&"unknown")
                    .to_string();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| fill(v, map)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| fill(v, map)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(op).unwrap();
    fill(&mut value, map);
    serde_json::from_value(value).unwrap()
}

/// Cards an op names, drawn from the map it is applied to.
fn card_ids_again() -> impl Strategy<Value = Vec<CardId>> + Clone {
    prop::collection::vec(held("card").prop_map(CardId::new), 0..4)
}

/// An op whose ids [`resolve`] draws from the map it is applied to.
pub fn arb_op() -> impl Strategy<Value = Op> {
    let (stage, lane, card, persona) = (held("stage"), held("lane"), held("card"), held("persona"));
    let cell = (held("card_lane"), stage.clone()).prop_map(|(lane, stage)| Cell {
        lane: LaneId::new(lane),
        stage: StageId::new(stage),
    });
    let card_ids = card_ids_again();
    // Cells hold few cards: small positions mostly, out-of-range ones at times.
    let at = prop_oneof![4 => 0usize..2, 1 => 0usize..8];
    prop_oneof![
        1 => arb_text().prop_map(|title| Op::RenameMap { title }),
        1 => (fresh("stage"), arb_name(), at.clone()).prop_map(
            |(id, name, at)| Op::AddStage {
                id: StageId::new(id),
                name,
                at
            }
        ),
        1 => (stage.clone(), arb_text()).prop_map(|(id, name)| Op::RenameStage {
            id: StageId::new(id),
            name
        }),
        1 => (stage.clone(), at.clone()).prop_map(|(id, to)| Op::MoveStage {
            id: StageId::new(id),
            to
        }),
        1 => stage.clone().prop_map(|id| Op::DeleteStage {
            id: StageId::new(id)
        }),
        1 => (
            fresh("lane"),
            arb_kind(),
            prop::option::of(arb_name()),
            at.clone()
        )
            .prop_map(|(id, kind, name, at)| Op::AddLane {
                id: LaneId::new(id),
                kind,
                name,
                at
            }),
        1 => (lane.clone(), prop::option::of(arb_text())).prop_map(|(id, name)| Op::RenameLane {
            id: LaneId::new(id),
            name
        }),
        1 => (lane.clone(), at.clone()).prop_map(|(id, to)| Op::MoveLane {
            id: LaneId::new(id),
            to
        }),
        1 => (lane.clone(), any::<bool>()).prop_map(|(id, hidden)| Op::SetLaneHidden {
            id: LaneId::new(id),
            hidden
        }),
        1 => lane.prop_map(|id| Op::DeleteLane {
            id: LaneId::new(id)
        }),
        4 => (fresh("card"), cell.clone(), at.clone(), arb_text()).prop_map(
            |(id, cell, at, text)| Op::AddCard {
                id: CardId::new(id),
                cell,
                at,
                text,
            }
        ),
        2 => (card.clone(), arb_text()).prop_map(|(id, text)| Op::EditCardText {
            id: CardId::new(id),
            text
        }),
        1 => (card.clone(), arb_colour()).prop_map(|(id, colour)| Op::SetCardColour {
            id: CardId::new(id),
            colour
        }),
        1 => (card.clone(), prop::collection::vec(arb_text(), 0..4)).prop_map(|(id, tags)| {
            Op::SetCardTags {
                id: CardId::new(id),
                tags,
            }
        }),
        2 => (card.clone(), cell.clone(), at.clone()).prop_map(|(id, to, at)| Op::MoveCard {
            id: CardId::new(id),
            to,
            at
        }),
        1 => card.clone().prop_map(|id| Op::DeleteCard {
            id: CardId::new(id)
        }),
        1 => (card_ids.clone(), cell, at).prop_map(|(ids, to, at)| Op::MoveCards { ids, to, at }),
        1 => card_ids.prop_map(|ids| Op::DeleteCards { ids }),
        1 => (fresh("persona"), arb_name()).prop_map(|(id, name)| {
            Op::AddPersona {
                id: PersonaId::new(id),
                name,
            }
        }),
        1 => (persona.clone(), arb_text()).prop_map(|(id, name)| Op::RenamePersona {
            id: PersonaId::new(id),
            name
        }),
        1 => persona.clone().prop_map(|id| Op::DeletePersona {
            id: PersonaId::new(id)
        }),
        2 => (persona.clone(), stage.clone(), arb_score()).prop_map(|(p, s, score)| Op::SetEmotion {
            persona: PersonaId::new(p),
            stage: StageId::new(s),
            score
        }),
        1 => (persona.clone(), stage, arb_text()).prop_map(|(p, s, note)| Op::SetEmotionNote {
            persona: PersonaId::new(p),
            stage: StageId::new(s),
            note
        }),
        1 => (persona.clone(), arb_text()).prop_map(|(id, quote)| Op::SetPersonaQuote {
            id: PersonaId::new(id),
            quote
        }),
        1 => (persona.clone(), select(ProfileField::ALL.to_vec()), arb_text()).prop_map(
            |(id, field, value)| Op::SetPersonaField {
                id: PersonaId::new(id),
                field,
                value
            }
        ),
        1 => (persona.clone(), prop::collection::vec(arb_channel(), 0..5)).prop_map(
            |(id, channels)| Op::SetPersonaChannels {
                id: PersonaId::new(id),
                channels
            }
        ),
        1 => (persona.clone(), prop::option::of(arb_avatar_input())).prop_map(|(id, image)| {
            Op::SetPersonaAvatar {
                id: PersonaId::new(id),
                image,
            }
        }),
        1 => (card.clone(), prop::option::of(arb_category())).prop_map(|(id, category)| {
            Op::SetCardCategory {
                id: CardId::new(id),
                category,
            }
        }),
        1 => (card.clone(), prop::option::of(arb_channel())).prop_map(|(id, channel)| {
            Op::SetCardChannel {
                id: CardId::new(id),
                channel,
            }
        }),
        1 => (card.clone(), prop::collection::vec(persona.prop_map(PersonaId::new), 0..3))
            .prop_map(|(id, personas)| Op::SetCardPersonas {
                id: CardId::new(id),
                personas
            }),
        1 => (card.clone(), prop::collection::vec(arb_evidence_input(), 0..3)).prop_map(
            |(id, evidence)| Op::SetCardEvidence {
                id: CardId::new(id),
                evidence
            }
        ),
        1 => (card.clone(), arb_confidence()).prop_map(|(id, confidence)| {
            Op::SetCardConfidence {
                id: CardId::new(id),
                confidence,
            }
        }),
        1 => (
            card.clone(),
            select(vec![RatingKind::Impact, RatingKind::Effort]),
            prop::option::of(arb_rating())
        )
            .prop_map(|(id, kind, rating)| Op::SetCardRating {
                id: CardId::new(id),
                kind,
                rating
            }),
        1 => (card.clone(), prop::option::of(arb_metric_input())).prop_map(|(id, metric)| {
            Op::SetCardMetric {
                id: CardId::new(id),
                metric,
            }
        }),
        1 => (card.clone(), prop::option::of(select(Status::ALL.to_vec()))).prop_map(
            |(id, status)| Op::SetCardStatus {
                id: CardId::new(id),
                status
            }
        ),
        1 => (card.clone(), prop_oneof![arb_owner(), arb_text()]).prop_map(|(id, owner)| {
            Op::SetCardOwner {
                id: CardId::new(id),
                owner,
            }
        }),
        1 => (card.clone(), prop::option::of((0u64..20_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(d)
        })))
            .prop_map(|(id, due)| Op::SetCardDue {
                id: CardId::new(id),
                due
            }),
        1 => (card, card_ids_again()).prop_map(|(id, addresses)| Op::SetCardAddresses {
            id: CardId::new(id),
            addresses
        }),
    ]
}

/// A map's snapshots: a few, with distinct ids, each of any map.
pub fn arb_snapshots() -> impl Strategy<Value = Vec<Snapshot>> {
    prop::collection::vec(
        (arb_name(), arb_text(), 0i64..4_000_000_000, arb_map()),
        0..3,
    )
    .prop_map(|snapshots| {
        snapshots
            .into_iter()
            .enumerate()
            .map(|(i, (name, note, taken, map))| Snapshot {
                id: SnapshotId::new(format!("snapshot{i}")),
                name,
                taken: DateTime::from_timestamp(taken, 0).unwrap(),
                note,
                map,
            })
            .collect()
    })
}

/// One thing that happens in a live session (`tests/live.rs`), to one of its replicas.
#[derive(Clone, Debug)]
pub enum LiveEvent {
    /// The replica's person makes a change: `op`, its ids resolved on the replica's map, through
    /// `Replica::apply`, or (`via_commit`) applied to a copy of the map and then committed.
    Edit {
        replica: usize,
        op: Op,
        via_commit: bool,
    },
    /// The replica's person undoes their last step not yet undone.
    Undo { replica: usize },
    /// One of the messages on their way to the replica arrives, chosen by `which`; `again`
    /// leaves it on its way, so that it arrives a second time later.
    Deliver {
        replica: usize,
        which: Index,
        again: bool,
    },
}

/// A live session's events among `replicas` replicas: mostly edits and deliveries, now and
/// then an undo, so that messages cross, arrive late, out of order and twice.
pub fn arb_live_events(
    replicas: usize,
    count: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<LiveEvent>> {
    let replica = 0..replicas;
    let event = prop_oneof![
        5 => (replica.clone(), arb_op(), prop::bool::weighted(0.2)).prop_map(
            |(replica, op, via_commit)| LiveEvent::Edit { replica, op, via_commit }
        ),
        1 => replica.clone().prop_map(|replica| LiveEvent::Undo { replica }),
        4 => (replica, any::<Index>(), prop::bool::weighted(0.2)).prop_map(
            |(replica, which, again)| LiveEvent::Deliver { replica, which, again }
        ),
    ];
    prop::collection::vec(event, count)
}
