//! A busy browser's local storage, for `bench/quota.mjs`: MAPS maps (50 unless given) of 200
//! cards, every other one in Romanian, each with 5 snapshots a few edits apart, kept exactly as
//! the app keeps them (`app/src/storage.rs`): a map's JSON under `traseu.map.<id>`, its
//! snapshots packed under `traseu.map.<id>.snapshots`, the list of maps under `traseu.maps`
//! and the open map under `traseu.ui`.
//!
//! ```sh
//! cargo run --release -p model --example quota_fixture -- [MAPS] > entries.json
//! ```
//!
//! Prints `{ "entries": { "<key>": "<value>", … } }` on stdout and what it weighs on stderr.
//! The same MAPS gives the same text on every run, and a larger MAPS begins with the maps of a
//! smaller one.

#[path = "../tests/common/prose.rs"]
mod prose;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use model::format;
use model::snapshot::{self, Snapshot};
use model::templates::{Template, new_map};
use model::{
    CardId, Category, Cell, Channel, Colour, Confidence, Evidence, EvidenceKind, JourneyMap,
    LaneId, LaneKind, Locale, Metric, MetricKind, Number, Op, PersonaId, ProfileField, Rating,
    RatingKind, Score, SnapshotId, Status, ops,
};
use prose::{Prose, Seeded};
use serde_json::{Value, json};

const CARDS: usize = 200;
const SNAPSHOTS: usize = 5;
/// Between two snapshots a team adds a few cards and drops fewer, so a map grows as it is
/// worked on; it reaches `CARDS` after the last round.
const ADDED_PER_ROUND: usize = 4;
const DELETED_PER_ROUND: usize = 2;
const FIRST_CARDS: usize = CARDS - SNAPSHOTS * (ADDED_PER_ROUND - DELETED_PER_ROUND);

/// The lanes a team adds to the starter ones (touchpoints, emotions, pain points,
/// opportunities), and where in the board they go.
const ADDED_LANES: [(LaneKind, usize); 4] = [
    (LaneKind::Actions, 0),
    (LaneKind::Thoughts, 2),
    (LaneKind::Metrics, 6),
    (LaneKind::Notes, 7),
];

/// How the cards spread over the lanes, in percent.
const CARD_SHARES: [(LaneKind, usize); 7] = [
    (LaneKind::Actions, 18),
    (LaneKind::Touchpoints, 25),
    (LaneKind::Thoughts, 10),
    (LaneKind::PainPoints, 17),
    (LaneKind::Opportunities, 15),
    (LaneKind::Metrics, 5),
    (LaneKind::Notes, 10),
];

/// A metric a team tracks: its kind, a typical value, the spread around it and a target.
const METRICS: [(MetricKind, f64, f64, f64); 6] = [
    (MetricKind::Csat, 78.0, 15.0, 85.0),
    (MetricKind::ConversionRate, 4.0, 3.0, 6.0),
    (MetricKind::DropOffRate, 35.0, 20.0, 25.0),
    (MetricKind::Nps, 20.0, 30.0, 30.0),
    (MetricKind::ChurnRate, 3.0, 2.0, 2.0),
    (MetricKind::AverageOrderValue, 120.0, 60.0, 150.0),
];

/// What a team writes besides card texts, in one language.
struct Words {
    titles: [&'static str; 10],
    snapshots: [&'static str; SNAPSHOTS],
    /// Name, role, age range, location.
    personas: [[&'static str; 4]; 3],
    tags: [&'static str; 6],
    owners: [&'static str; 4],
    /// Sources of evidence and how a note names one; `#` becomes a number.
    sources: [(EvidenceKind, &'static str); 5],
    currency: &'static str,
    /// A custom metric's name and unit.
    custom: [&'static str; 2],
}

const ENGLISH: Words = Words {
    titles: [
        "Checkout journey",
        "Clinic onboarding",
        "B2B trial to paid",
        "Mobile banking sign-up",
        "Support experience",
        "Renewal and upsell",
        "Event ticketing",
        "Self-serve billing",
        "Partner onboarding",
        "Field service visit",
    ],
    snapshots: [
        "as-is",
        "after interviews",
        "workshop 2",
        "to-be draft",
        "to-be",
    ],
    personas: [
        ["Maria Lopez", "Operations lead", "35-44", "Leeds, UK"],
        [
            "Tom Becker",
            "Founder of a 12-person agency",
            "25-34",
            "Berlin",
        ],
        ["Priya Nair", "IT administrator", "30-39", "Manchester"],
    ],
    tags: ["b2b", "mobile", "pricing", "quick win", "Q3", "research"],
    owners: ["Maria", "Growth team", "Support", "Dan (product)"],
    sources: [
        (EvidenceKind::Interview, "Interview #"),
        (EvidenceKind::Survey, "Survey, # answers"),
        (EvidenceKind::SupportTickets, "Support tickets, week #"),
        (EvidenceKind::UserTest, "Usability test #"),
        (EvidenceKind::WebAnalytics, "Analytics, last # days"),
    ],
    currency: "EUR",
    custom: ["Time to first value", "days"],
};

const ROMANIAN: Words = Words {
    titles: [
        "Parcursul la plată",
        "Integrarea clinicilor",
        "De la probă la abonament B2B",
        "Înregistrare în aplicația bancară",
        "Experiența de suport",
        "Reînnoire și extindere",
        "Bilete la evenimente",
        "Facturare în regim propriu",
        "Integrarea partenerilor",
        "Vizita tehnicianului",
    ],
    snapshots: [
        "situația actuală",
        "după interviuri",
        "atelierul 2",
        "viitor (schiță)",
        "viitor",
    ],
    personas: [
        [
            "Ioana Marinescu",
            "Manager de operațiuni",
            "35-44",
            "Cluj-Napoca",
        ],
        [
            "Andrei Popa",
            "Fondatorul unei agenții de 12 oameni",
            "25-34",
            "București",
        ],
        ["Elena Ștefănescu", "Administrator IT", "30-39", "Iași"],
    ],
    tags: ["b2b", "mobil", "prețuri", "câștig rapid", "T3", "cercetare"],
    owners: ["Ioana", "Echipa de creștere", "Suport", "Dan (produs)"],
    sources: [
        (EvidenceKind::Interview, "Interviul #"),
        (EvidenceKind::Survey, "Sondaj, # răspunsuri"),
        (
            EvidenceKind::SupportTickets,
            "Tichete de suport, săptămâna #",
        ),
        (EvidenceKind::UserTest, "Test de utilizare #"),
        (EvidenceKind::WebAnalytics, "Analiză web, ultimele # zile"),
    ],
    currency: "RON",
    custom: ["Timp până la prima valoare", "zile"],
};

/// One map being worked on: its language's words, a seeded generator and a clock.
struct Team {
    rng: Seeded,
    prose: Prose,
    words: &'static Words,
    now: DateTime<Utc>,
}

impl Team {
    /// An id as the app mints them: 64 bits as 16 hex digits.
    fn id(&mut self) -> String {
        format!("{:016x}", self.rng.next())
    }

    /// One change, a couple of minutes after the last.
    fn apply(&mut self, map: &mut JourneyMap, op: Op) {
        self.now += Duration::minutes(2);
        ops::apply(map, op, self.now).expect("the sample's changes are valid");
    }

    /// A card's text: mostly a sentence or two, now and then a paragraph of research notes.
    fn text(&mut self) -> String {
        let sentences = match self.rng.below(20) {
            0 => 5,
            1..=7 => 2,
            _ => 1,
        };
        self.prose.text(&mut self.rng, sentences)
    }

    fn lane_of(map: &JourneyMap, kind: LaneKind) -> LaneId {
        map.lanes
            .iter()
            .find(|l| l.kind == kind)
            .expect("the sample map has every lane it fills")
            .id
            .clone()
    }

    fn cards_in(map: &JourneyMap, kind: LaneKind) -> Vec<CardId> {
        let lane = Self::lane_of(map, kind);
        map.cards
            .iter()
            .filter(|c| c.lane == lane)
            .map(|c| c.id.clone())
            .collect()
    }

    fn random_card(&mut self, map: &JourneyMap) -> CardId {
        self.rng.pick(&map.cards).id.clone()
    }

    fn random_cell(&mut self, map: &JourneyMap, kind: LaneKind) -> Cell {
        Cell {
            lane: Self::lane_of(map, kind),
            stage: self.rng.pick(&map.stages).id.clone(),
        }
    }

    fn random_kind(&mut self) -> LaneKind {
        let mut roll = self.rng.below(100);
        for (kind, share) in CARD_SHARES {
            if roll < share {
                return kind;
            }
            roll -= share;
        }
        LaneKind::Notes
    }

    /// The map as a team starts it: the SaaS template, the lanes it adds, three personas
    /// with short profiles and a score at every stage.
    fn start(&mut self, locale: Locale, title: &str) -> JourneyMap {
        let mut map = new_map(Template::Saas, locale, title, self.now, &mut || self.id());
        for (kind, at) in ADDED_LANES {
            let id = LaneId::new(self.id());
            self.apply(
                &mut map,
                Op::AddLane {
                    id,
                    kind,
                    name: None,
                    at,
                },
            );
        }
        let starter = map.personas[0].id.clone();
        let words = self.words;
        for (i, &[name, role, age, location]) in words.personas.iter().enumerate() {
            let id = if i == 0 {
                starter.clone()
            } else {
                let id = PersonaId::new(self.id());
                self.apply(
                    &mut map,
                    Op::AddPersona {
                        id: id.clone(),
                        name: (*name).to_owned(),
                    },
                );
                id
            };
            self.profile(&mut map, &id, [name, role, age, location]);
        }
        for _ in 0..FIRST_CARDS {
            let kind = self.random_kind();
            self.add_card(&mut map, kind);
        }
        map
    }

    fn profile(
        &mut self,
        map: &mut JourneyMap,
        id: &PersonaId,
        [name, role, age, location]: [&str; 4],
    ) {
        let id = id.clone();
        self.apply(
            map,
            Op::RenamePersona {
                id: id.clone(),
                name: name.to_owned(),
            },
        );
        let quote = self.prose.sentence(&mut self.rng);
        self.apply(
            map,
            Op::SetPersonaQuote {
                id: id.clone(),
                quote,
            },
        );
        let mut fields = vec![
            (ProfileField::Role, role.to_owned()),
            (ProfileField::AgeRange, age.to_owned()),
            (ProfileField::Location, location.to_owned()),
        ];
        for field in [
            ProfileField::Goals,
            ProfileField::Frustrations,
            ProfileField::Motivations,
        ] {
            fields.push((field, self.text()));
        }
        for (field, value) in fields {
            self.apply(
                map,
                Op::SetPersonaField {
                    id: id.clone(),
                    field,
                    value,
                },
            );
        }
        let channels = (0..3).map(|_| *self.rng.pick(&Channel::ALL)).collect();
        self.apply(
            map,
            Op::SetPersonaChannels {
                id: id.clone(),
                channels,
            },
        );
        let stages: Vec<_> = map.stages.iter().map(|s| s.id.clone()).collect();
        for stage in stages {
            let score = Score::clamped(self.rng.below(7) as i64 - 3);
            self.apply(
                map,
                Op::SetEmotion {
                    persona: id.clone(),
                    stage: stage.clone(),
                    score,
                },
            );
            if self.rng.chance(25) {
                let note = self.prose.sentence(&mut self.rng);
                self.apply(
                    map,
                    Op::SetEmotionNote {
                        persona: id.clone(),
                        stage,
                        note,
                    },
                );
            }
        }
    }

    /// A new card at the end of a cell of a `kind` lane, with the details a team gives such a
    /// card as often as it does.
    fn add_card(&mut self, map: &mut JourneyMap, kind: LaneKind) {
        let cell = self.random_cell(map, kind);
        let at = map.cards.iter().filter(|c| c.is_in(&cell)).count();
        let id = CardId::new(self.id());
        let text = self.text();
        self.apply(
            map,
            Op::AddCard {
                id: id.clone(),
                cell,
                at,
                text,
            },
        );
        let mut ops = Vec::new();
        if self.rng.chance(35) {
            let colour = *self.rng.pick(&Colour::ALL);
            ops.push(Op::SetCardColour {
                id: id.clone(),
                colour,
            });
        }
        if self.rng.chance(20) {
            let tags = (0..1 + self.rng.below(2))
                .map(|_| (*self.rng.pick(&self.words.tags)).to_owned())
                .collect();
            ops.push(Op::SetCardTags {
                id: id.clone(),
                tags,
            });
        }
        if self.rng.chance(15) {
            let persona = self.rng.pick(&map.personas).id.clone();
            ops.push(Op::SetCardPersonas {
                id: id.clone(),
                personas: vec![persona],
            });
        }
        let channel_chance = match kind {
            LaneKind::Touchpoints => 85,
            LaneKind::Actions => 25,
            _ => 0,
        };
        if self.rng.chance(channel_chance) {
            let channel = Some(*self.rng.pick(&Channel::ALL));
            ops.push(Op::SetCardChannel {
                id: id.clone(),
                channel,
            });
        }
        if kind == LaneKind::Touchpoints && self.rng.chance(65) {
            let category = Some(*self.rng.pick(&Category::ALL));
            ops.push(Op::SetCardCategory {
                id: id.clone(),
                category,
            });
        }
        let confidence = if self.rng.chance(30) {
            ops.push(Op::SetCardEvidence {
                id: id.clone(),
                evidence: vec![self.evidence()],
            });
            Confidence::ALL[1 + self.rng.below(2)]
        } else if self.rng.chance(10) {
            Confidence::SomeEvidence
        } else {
            Confidence::Assumed
        };
        ops.push(Op::SetCardConfidence {
            id: id.clone(),
            confidence,
        });
        if kind.takes_ratings() && self.rng.chance(80) {
            for kind in RatingKind::ALL {
                let rating = Rating::new(1 + self.rng.below(5) as u8);
                ops.push(Op::SetCardRating {
                    id: id.clone(),
                    kind,
                    rating,
                });
            }
        }
        if kind == LaneKind::Opportunities {
            ops.extend(self.plan(map, &id));
        }
        if kind == LaneKind::Metrics {
            let metric = Some(self.metric(None));
            ops.push(Op::SetCardMetric {
                id: id.clone(),
                metric,
            });
        }
        for op in ops {
            self.apply(map, op);
        }
    }

    /// A source, named in its note as a team names one, or described in a sentence.
    fn evidence(&mut self) -> Evidence {
        let (kind, name) = *self.rng.pick(&self.words.sources);
        let note = if self.rng.chance(60) {
            name.replace('#', &(2 + self.rng.below(40)).to_string())
        } else {
            self.prose.sentence(&mut self.rng)
        };
        let link = self.rng.chance(30).then(|| {
            format!(
                "https://research.example.org/notes/{:04}",
                self.rng.below(10_000)
            )
        });
        Evidence { kind, note, link }
    }

    /// An opportunity's plan: a status, an owner, a due date and the pains it addresses, each
    /// only on some.
    fn plan(&mut self, map: &JourneyMap, id: &CardId) -> Vec<Op> {
        let mut ops = Vec::new();
        if self.rng.chance(60) {
            let status = Some(*self.rng.pick(&Status::ALL));
            ops.push(Op::SetCardStatus {
                id: id.clone(),
                status,
            });
        }
        if self.rng.chance(40) {
            let owner = (*self.rng.pick(&self.words.owners)).to_owned();
            ops.push(Op::SetCardOwner {
                id: id.clone(),
                owner,
            });
        }
        if self.rng.chance(25) {
            let due = NaiveDate::from_ymd_opt(2026, 1 + self.rng.below(12) as u32, 15);
            ops.push(Op::SetCardDue {
                id: id.clone(),
                due,
            });
        }
        let pains = Self::cards_in(map, LaneKind::PainPoints);
        if !pains.is_empty() && self.rng.chance(50) {
            let addresses = (0..1 + self.rng.below(2))
                .map(|_| self.rng.pick(&pains).clone())
                .collect();
            ops.push(Op::SetCardAddresses {
                id: id.clone(),
                addresses,
            });
        }
        ops
    }

    /// A metric of the kind of `like`, or of any kind, with a date and most with a target.
    fn metric(&mut self, like: Option<&Metric>) -> Metric {
        let custom = like.is_some_and(|m| m.kind == MetricKind::Custom)
            || (like.is_none() && self.rng.chance(15));
        let (kind, base, spread, target) = match like {
            _ if custom => (MetricKind::Custom, 9.0, 6.0, 5.0),
            Some(m) => *METRICS
                .iter()
                .find(|(k, ..)| *k == m.kind)
                .expect("a listed kind"),
            None => *self.rng.pick(&METRICS),
        };
        let value = base + spread * (self.rng.below(201) as f64 / 100.0 - 1.0);
        let mut metric = Metric::new(
            kind,
            Number::new((value * 10.0).round() / 10.0).expect("finite"),
        );
        if custom {
            metric.name = self.words.custom[0].to_owned();
            metric.unit = self.words.custom[1].to_owned();
        } else if kind == MetricKind::AverageOrderValue {
            metric.unit = self.words.currency.to_owned();
        }
        metric.date = NaiveDate::from_ymd_opt(2026, 1 + self.rng.below(12) as u32, 1);
        metric.target = self
            .rng
            .chance(70)
            .then(|| Number::new(target).expect("finite"));
        metric
    }

    /// What a team changes between two snapshots: a few cards moved to another stage,
    /// reworded, added and dropped, a few scores and ratings changed, a plan moved on, a metric
    /// measured again.
    fn round(&mut self, map: &mut JourneyMap) {
        for _ in 0..3 {
            let card = self.rng.pick(&map.cards);
            let (id, lane) = (card.id.clone(), card.lane.clone());
            let stage = self.rng.pick(&map.stages).id.clone();
            let to = Cell { lane, stage };
            self.apply(map, Op::MoveCard { id, to, at: 0 });
        }
        for _ in 0..3 {
            let id = self.random_card(map);
            let text = if self.rng.chance(50) {
                let old = &map.card(&id).expect("a card of the map").text;
                format!("{old} {}", self.prose.sentence(&mut self.rng))
            } else {
                self.text()
            };
            self.apply(map, Op::EditCardText { id, text });
        }
        for _ in 0..ADDED_PER_ROUND {
            let kind = self.random_kind();
            self.add_card(map, kind);
        }
        for _ in 0..DELETED_PER_ROUND {
            let id = self.random_card(map);
            self.apply(map, Op::DeleteCard { id });
        }
        for _ in 0..2 {
            let persona = self.rng.pick(&map.personas).clone();
            let emotion = self.rng.pick(&persona.emotions).clone();
            let step = if self.rng.chance(50) { 1 } else { -1 };
            let score = Score::clamped(i64::from(emotion.score.value()) + step);
            self.apply(
                map,
                Op::SetEmotion {
                    persona: persona.id,
                    stage: emotion.stage,
                    score,
                },
            );
        }
        let rated: Vec<CardId> = [LaneKind::PainPoints, LaneKind::Opportunities]
            .into_iter()
            .flat_map(|kind| Self::cards_in(map, kind))
            .collect();
        if !rated.is_empty() {
            let id = self.rng.pick(&rated).clone();
            let kind = *self.rng.pick(&RatingKind::ALL);
            let rating = Rating::new(1 + self.rng.below(5) as u8);
            self.apply(map, Op::SetCardRating { id, kind, rating });
        }
        let opportunities = Self::cards_in(map, LaneKind::Opportunities);
        if !opportunities.is_empty() {
            let id = self.rng.pick(&opportunities).clone();
            let next = match map.card(&id).and_then(|c| c.status) {
                None | Some(Status::Idea) => Status::Planned,
                Some(Status::Planned) => Status::InProgress,
                Some(Status::InProgress | Status::Done) => Status::Done,
            };
            self.apply(
                map,
                Op::SetCardStatus {
                    id,
                    status: Some(next),
                },
            );
        }
        let metrics = Self::cards_in(map, LaneKind::Metrics);
        if !metrics.is_empty() {
            let id = self.rng.pick(&metrics).clone();
            let old = map.card(&id).and_then(|c| c.metric.clone());
            let metric = Some(self.metric(old.as_ref()));
            self.apply(map, Op::SetCardMetric { id, metric });
        }
        let id = self.random_card(map);
        let evidence = vec![self.evidence()];
        self.apply(
            map,
            Op::SetCardEvidence {
                id: id.clone(),
                evidence,
            },
        );
        self.apply(
            map,
            Op::SetCardConfidence {
                id,
                confidence: Confidence::Validated,
            },
        );
    }
}

/// Map `index` and its snapshots, oldest first: started, snapshotted, worked on for a week,
/// snapshotted again, and so on; the map is as it stands after the last week.
fn journey(index: usize, start: DateTime<Utc>) -> (JourneyMap, Vec<Snapshot>) {
    let (locale, words) = if index.is_multiple_of(2) {
        (Locale::En, &ENGLISH)
    } else {
        (Locale::Ro, &ROMANIAN)
    };
    let mut team = Team {
        // Nonzero, and one stream per map, so a map does not depend on how many come before.
        rng: Seeded(0x5eed_0000_0000_0001 ^ (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        prose: Prose::new(locale),
        words,
        now: start,
    };
    let base = words.titles[(index / 2) % words.titles.len()];
    let title = match index / (2 * words.titles.len()) {
        0 => base.to_owned(),
        round => format!("{base} ({})", round + 1),
    };
    let mut map = team.start(locale, &title);
    let mut snapshots = Vec::new();
    for name in words.snapshots {
        let note = if team.rng.chance(50) {
            team.prose.sentence(&mut team.rng)
        } else {
            String::new()
        };
        let id = SnapshotId::new(team.id());
        let taken = snapshot::take(&map, id, name, &note, team.now).expect("a valid snapshot");
        snapshot::add(&mut snapshots, taken).expect("room for the snapshot");
        team.now += Duration::days(7);
        team.round(&mut map);
    }
    assert_eq!(map.cards.len(), CARDS);
    assert_eq!(map.check_invariants(), []);
    (map, snapshots)
}

fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

/// How many bytes a browser that keeps an all-Latin-1 string at one byte per character, and any
/// other at two, needs for `text`.
fn latin1_or_utf16_bytes(text: &str) -> usize {
    if text.chars().all(|c| u32::from(c) <= 0xff) {
        text.chars().count()
    } else {
        2 * utf16(text)
    }
}

/// The median, minimum and maximum of `values`, with `decimals` decimals.
fn line(label: &str, values: &[f64], decimals: usize) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    eprintln!("  {label:<36} {median:>9.decimals$} {min:>9.decimals$} {max:>9.decimals$}");
}

/// What one map costs in storage.
struct Weight {
    locale: Locale,
    /// The map's JSON, in UTF-16 code units (a JavaScript string's length) and UTF-8 bytes.
    map_chars: usize,
    map_bytes: usize,
    latin1: bool,
    /// The map's JSON deflated as `snapshot::pack` deflates, for comparison with its snapshots.
    map_deflated: usize,
    /// The snapshot file's JSON (UTF-8, what is deflated) and the packed text (ASCII).
    snapshots_json: usize,
    packed: usize,
    deflated: usize,
}

fn main() {
    let maps: usize = match std::env::args().nth(1) {
        Some(text) => text.parse().expect("usage: quota_fixture [MAPS]"),
        None => 50,
    };
    let epoch = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .expect("a valid time")
        .with_timezone(&Utc);
    let mut entries = serde_json::Map::new();
    let mut index = Vec::new();
    let mut weights = Vec::new();
    for i in 0..maps {
        let (map, snapshots) = journey(i, epoch + Duration::hours(6 * i as i64));
        let text = format::to_json(&map);
        let packed = snapshot::pack(&snapshots);
        weights.push(Weight {
            locale: map.locale,
            map_chars: utf16(&text),
            map_bytes: text.len(),
            latin1: latin1_or_utf16_bytes(&text) == utf16(&text),
            map_deflated: miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9).len(),
            snapshots_json: snapshot::to_json(&snapshots).len(),
            packed: utf16(&packed),
            deflated: model::dense::decode(&packed)
                .expect("pack writes dense text")
                .len(),
        });
        index.push(json!({ "id": map.id, "title": map.title, "updated": map.updated }));
        entries.insert(format!("traseu.map.{}", map.id), Value::String(text));
        entries.insert(
            format!("traseu.map.{}.snapshots", map.id),
            Value::String(packed),
        );
    }
    // As the app leaves them: each save puts its map last, and the map saved last is open.
    index.sort_by(|a, b| a["updated"].as_str().cmp(&b["updated"].as_str()));
    let current = index.last().map(|e| e["id"].clone()).unwrap_or(Value::Null);
    entries.insert(
        "traseu.maps".into(),
        Value::String(Value::Array(index).to_string()),
    );
    entries.insert(
        "traseu.ui".into(),
        Value::String(json!({ "current": current }).to_string()),
    );
    println!("{}", json!({ "entries": entries }));
    summary(&weights, &entries);
}

fn summary(weights: &[Weight], entries: &serde_json::Map<String, Value>) {
    let of = |locale: Locale| weights.iter().filter(move |w| w.locale == locale);
    let english = of(Locale::En).count();
    let romanian = of(Locale::Ro).count();
    eprintln!(
        "quota_fixture: {} maps of {CARDS} cards ({english} English, {romanian} Romanian), \
         {SNAPSHOTS} snapshots each",
        weights.len()
    );
    if weights.is_empty() {
        return;
    }
    let all = |f: fn(&Weight) -> usize| weights.iter().map(|w| f(w) as f64).collect::<Vec<_>>();
    eprintln!(
        "  {:<36} {:>9} {:>9} {:>9}",
        "per map", "median", "min", "max"
    );
    line("map JSON, UTF-16 code units", &all(|w| w.map_chars), 0);
    for locale in Locale::ALL {
        let chars: Vec<f64> = of(locale).map(|w| w.map_chars as f64).collect();
        if !chars.is_empty() {
            line(&format!("  {} maps", locale.code()), &chars, 0);
        }
    }
    line("map JSON, UTF-8 bytes", &all(|w| w.map_bytes), 0);
    line("map JSON deflated, bytes", &all(|w| w.map_deflated), 0);
    line(
        "snapshot file JSON, UTF-8 bytes",
        &all(|w| w.snapshots_json),
        0,
    );
    line("deflated snapshots, bytes", &all(|w| w.deflated), 0);
    line("packed snapshots, UTF-16 code units", &all(|w| w.packed), 0);
    let ratios: Vec<f64> = weights
        .iter()
        .map(|w| w.snapshots_json as f64 / w.deflated as f64)
        .collect();
    line("deflate ratio (JSON / deflated)", &ratios, 2);
    // Deflate looks back only 32 KiB, less than one snapshot, so it cannot see that the five
    // are nearly alike: they cost about four maps' worth.
    let per_map: Vec<f64> = weights
        .iter()
        .map(|w| w.deflated as f64 / w.map_deflated as f64)
        .collect();
    line("deflated snapshots / deflated map", &per_map, 2);
    eprintln!(
        "  maps whose JSON is all Latin-1: {} of {english} English, {} of {romanian} Romanian",
        of(Locale::En).filter(|w| w.latin1).count(),
        of(Locale::Ro).filter(|w| w.latin1).count(),
    );
    let total = |count: fn(&str) -> usize| -> usize {
        entries
            .iter()
            .map(|(k, v)| count(k) + v.as_str().map_or(0, count))
            .sum()
    };
    eprintln!(
        "  total, {} keys and values: {} UTF-16 code units ({} bytes as UTF-16); {} bytes at one \
         per character for an all-Latin-1 string and two for any other; {} bytes as UTF-8",
        entries.len(),
        total(utf16),
        2 * total(utf16),
        total(latin1_or_utf16_bytes),
        total(str::len)
    );
    eprintln!(
        "  of which map JSON {} and packed snapshots {} UTF-16 code units",
        weights.iter().map(|w| w.map_chars).sum::<usize>(),
        weights.iter().map(|w| w.packed).sum::<usize>()
    );
}
