//! A finished map to learn from: an agency's journey with a SaaS planning tool, told in both
//! languages with the same structure, so a newcomer sees every part of the method filled in
//! (a persona's profile, touchpoints by category and channel, rated pains and opportunities,
//! metrics with targets, evidence, emotions with notes) before drawing their own.

use crate::evidence::{Confidence, Evidence, EvidenceKind};
use crate::ids::CardId;
use crate::map::{Card, Cell, Colour, JourneyMap, LaneKind, Locale, Score};
use crate::metric::{Metric, MetricKind, Number, Rating};
use crate::profile::ProfileField;
use crate::templates::{Template, map_of};
use crate::touchpoint::{Category, Channel};
use chrono::{DateTime, Days, Utc};

/// One text in English and in Romanian.
type Words = (&'static str, &'static str);

const TITLE: Words = (
    "Example: an agency adopts Planwise",
    "Exemplu: o agenție adoptă Planwise",
);

/// The example's lanes, in order; a note names its lane by index.
const LANES: [LaneKind; 6] = [
    LaneKind::Actions,
    LaneKind::Touchpoints,
    LaneKind::Emotions,
    LaneKind::PainPoints,
    LaneKind::Opportunities,
    LaneKind::Metrics,
];
const ACTIONS: usize = 0;
const TOUCHPOINTS: usize = 1;
const PAINS: usize = 3;
const OPPORTUNITIES: usize = 4;
const METRICS: usize = 5;

const PERSONA: &str = "Ana Popescu";

const QUOTE: Words = (
    "I don't need more features, I need my team to stop asking me where things are.",
    "Nu am nevoie de mai multe funcții, am nevoie ca echipa să nu mă mai întrebe unde sunt lucrurile.",
);

const PROFILE: [(ProfileField, Words); 20] = [
    (
        ProfileField::Role,
        (
            "Operations lead at a 25-person design agency",
            "Responsabilă de operațiuni într-o agenție de design cu 25 de oameni",
        ),
    ),
    (ProfileField::AgeRange, ("30–40", "30–40 de ani")),
    (ProfileField::Gender, ("Woman", "Femeie")),
    (
        ProfileField::Location,
        ("Cluj-Napoca, Romania", "Cluj-Napoca, România"),
    ),
    (
        ProfileField::Income,
        ("€2,500–3,500 a month", "2.500–3.500 € pe lună"),
    ),
    (
        ProfileField::Education,
        ("Master's degree in management", "Master în management"),
    ),
    (
        ProfileField::CompanySize,
        ("20–50 employees", "20–50 de angajați"),
    ),
    (
        ProfileField::Industry,
        (
            "Creative services (brand and web design)",
            "Servicii creative (design de brand și web)",
        ),
    ),
    (
        ProfileField::Revenue,
        ("€1–2 million a year", "1–2 milioane € pe an"),
    ),
    (
        ProfileField::CompanyLocation,
        (
            "Cluj-Napoca, with clients across the EU",
            "Cluj-Napoca, cu clienți în toată Uniunea Europeană",
        ),
    ),
    (
        ProfileField::SiteActivity,
        (
            "Reads the blog weekly; opened the pricing page four times before signing up",
            "Citește blogul săptămânal; a deschis pagina de prețuri de patru ori înainte de înscriere",
        ),
    ),
    (
        ProfileField::PurchaseHistory,
        (
            "Paid for two project tools before and left both within a year",
            "A plătit înainte pentru două aplicații de proiecte și a renunțat la ambele în mai puțin de un an",
        ),
    ),
    (
        ProfileField::ProductUse,
        (
            "Daily, on a laptop; plans the team's week every Monday morning",
            "Zilnic, pe laptop; planifică săptămâna echipei în fiecare luni dimineață",
        ),
    ),
    (
        ProfileField::SupportContacts,
        (
            "Two chats in the first month, both about importing projects",
            "Două conversații în prima lună, amândouă despre importul proiectelor",
        ),
    ),
    (
        ProfileField::Lifestyle,
        (
            "Organised and busy; cycles to work and reads on her phone in the evening",
            "Organizată și ocupată; merge cu bicicleta la birou și citește seara pe telefon",
        ),
    ),
    (
        ProfileField::Interests,
        (
            "Process design, team well-being, productivity podcasts",
            "Proiectarea proceselor, starea de bine a echipei, podcasturi despre productivitate",
        ),
    ),
    (
        ProfileField::Values,
        (
            "Transparency, fair workloads, tools that respect her time",
            "Transparență, încărcare echitabilă, unelte care îi respectă timpul",
        ),
    ),
    (
        ProfileField::Motivations,
        (
            "Fewer missed deadlines and fewer status meetings",
            "Mai puține termene ratate și mai puține ședințe de status",
        ),
    ),
    (
        ProfileField::Goals,
        (
            "See every project's status in one place; plan capacity a month ahead",
            "Să vadă stadiul fiecărui proiect într-un singur loc; să planifice capacitatea cu o lună înainte",
        ),
    ),
    (
        ProfileField::Frustrations,
        (
            "Tools that take weeks to set up; data scattered across spreadsheets; surprise price rises",
            "Unelte care se configurează în săptămâni; date împrăștiate prin foi de calcul; scumpiri neanunțate",
        ),
    ),
];

const CHANNELS: [Channel; 5] = [
    Channel::Blog,
    Channel::Email,
    Channel::LiveChat,
    Channel::KnowledgeBase,
    Channel::InApp,
];

/// How Ana feels at each of the eight stages, and why.
const EMOTIONS: [(i64, Words); 8] = [
    (
        1,
        (
            "Curious: a peer shows a calmer way to plan",
            "Curioasă: un coleg îi arată un mod mai liniștit de a planifica",
        ),
    ),
    (
        -1,
        (
            "Unsure which plan fits her team",
            "Nesigură ce plan i se potrivește echipei",
        ),
    ),
    (
        0,
        (
            "A quick form, but wary of giving her card",
            "Un formular rapid, dar reticentă să își dea cardul",
        ),
    ),
    (
        -2,
        (
            "Frustrated: the import fails twice",
            "Frustrată: importul eșuează de două ori",
        ),
    ),
    (
        2,
        (
            "Relieved: the team's week fits on one screen",
            "Ușurată: săptămâna echipei încape pe un singur ecran",
        ),
    ),
    (
        1,
        (
            "Confident: the report shows less overtime",
            "Încrezătoare: raportul arată mai puține ore suplimentare",
        ),
    ),
    (
        0,
        (
            "Hesitant about the Agency plan's price",
            "Ezitantă în privința prețului planului Agenție",
        ),
    ),
    (
        3,
        (
            "Proud to recommend it to her peers",
            "Mândră să o recomande colegilor",
        ),
    ),
];

/// A source behind a card.
struct Source {
    kind: EvidenceKind,
    note: Words,
    link: Option<&'static str>,
}

/// A metric as the example states it; checked when the map is made.
struct Measure {
    kind: MetricKind,
    /// A custom metric's name.
    name: Words,
    value: f64,
    unit: Words,
    days_ago: u64,
    target: Option<f64>,
}

/// A card of the example, in the lane and stage given by index.
struct Note {
    lane: usize,
    stage: usize,
    text: Words,
    colour: Colour,
    tags: &'static [Words],
    category: Option<Category>,
    channel: Option<Channel>,
    /// Impact, then effort.
    rating: Option<(u8, u8)>,
    sources: &'static [Source],
    confidence: Confidence,
    measure: Option<Measure>,
}

const NOTE: Note = Note {
    lane: ACTIONS,
    stage: 0,
    text: ("", ""),
    colour: Colour::Yellow,
    tags: &[],
    category: None,
    channel: None,
    rating: None,
    sources: &[],
    confidence: Confidence::Assumed,
    measure: None,
};

const fn action(stage: usize, text: Words) -> Note {
    Note {
        stage,
        text,
        colour: Colour::Purple,
        ..NOTE
    }
}

const fn touchpoint(stage: usize, text: Words, category: Category, channel: Channel) -> Note {
    Note {
        lane: TOUCHPOINTS,
        stage,
        text,
        category: Some(category),
        channel: Some(channel),
        ..NOTE
    }
}

const fn rated(lane: usize, stage: usize, text: Words, impact: u8, effort: u8) -> Note {
    let colour = if lane == PAINS {
        Colour::Pink
    } else {
        Colour::Green
    };
    Note {
        lane,
        stage,
        text,
        colour,
        rating: Some((impact, effort)),
        ..NOTE
    }
}

const fn measured(stage: usize, text: Words, measure: Measure) -> Note {
    Note {
        lane: METRICS,
        stage,
        text,
        colour: Colour::Blue,
        measure: Some(measure),
        ..NOTE
    }
}

const fn measure(kind: MetricKind, value: f64, days_ago: u64, target: Option<f64>) -> Measure {
    Measure {
        kind,
        name: ("", ""),
        value,
        unit: ("", ""),
        days_ago,
        target,
    }
}

const PRICING: Words = ("pricing", "prețuri");
const ONBOARDING: Words = ("onboarding", "integrare");
const TRIAL: Words = ("trial", "perioadă de probă");
const QUICK_WIN: Words = ("quick win", "câștig rapid");

const NOTES: &[Note] = &[
    action(
        0,
        (
            "Reads a peer's post about planning without spreadsheets",
            "Citește postarea unui coleg despre planificarea fără foi de calcul",
        ),
    ),
    action(
        1,
        (
            "Compares plans and watches a demo webinar",
            "Compară planurile și urmărește un webinar demonstrativ",
        ),
    ),
    action(
        2,
        (
            "Starts a 14-day trial for her team",
            "Începe o perioadă de probă de 14 zile pentru echipă",
        ),
    ),
    action(
        3,
        (
            "Imports projects from spreadsheets and invites the team",
            "Importă proiectele din foi de calcul și invită echipa",
        ),
    ),
    action(
        4,
        (
            "Plans the team's week on the board every Monday",
            "Planifică săptămâna echipei pe tablă în fiecare luni",
        ),
    ),
    action(
        5,
        (
            "Reads the weekly report and evens out workloads",
            "Citește raportul săptămânal și echilibrează încărcarea",
        ),
    ),
    action(
        6,
        (
            "Asks how clients could follow their own projects",
            "Întreabă cum ar putea clienții să își urmărească proiectele",
        ),
    ),
    action(
        7,
        (
            "Recommends Planwise to other agency owners",
            "Recomandă Planwise altor proprietari de agenții",
        ),
    ),
    Note {
        sources: &[Source {
            kind: EvidenceKind::SocialMedia,
            note: (
                "12 comments from agency owners asking for the tool's name",
                "12 comentarii ale unor proprietari de agenții care întreabă numele aplicației",
            ),
            link: None,
        }],
        confidence: Confidence::SomeEvidence,
        ..touchpoint(
            0,
            (
                "LinkedIn post from a peer agency",
                "Postare pe LinkedIn a unei agenții prietene",
            ),
            Category::Marketing,
            Channel::SocialMedia,
        )
    },
    touchpoint(
        0,
        (
            "Blog article: planning capacity without spreadsheets",
            "Articol pe blog: planificarea capacității fără foi de calcul",
        ),
        Category::Marketing,
        Channel::Blog,
    ),
    touchpoint(
        0,
        (
            "Search ad for “agency project planning”",
            "Anunț în căutări pentru „planificare proiecte agenție”",
        ),
        Category::Marketing,
        Channel::Advertising,
    ),
    Note {
        tags: &[PRICING],
        ..touchpoint(
            1,
            (
                "Pricing page with the plan comparison",
                "Pagina de prețuri cu comparația planurilor",
            ),
            Category::Sales,
            Channel::PricingPage,
        )
    },
    touchpoint(
        1,
        ("Live demo webinar", "Webinar demonstrativ live"),
        Category::Sales,
        Channel::Events,
    ),
    touchpoint(
        2,
        (
            "Sign-up form on the website",
            "Formularul de înscriere de pe site",
        ),
        Category::Product,
        Channel::Website,
    ),
    Note {
        tags: &[ONBOARDING],
        ..touchpoint(
            3,
            ("Welcome email series", "Seria de e-mailuri de bun venit"),
            Category::CustomerSuccess,
            Channel::OnboardingEmail,
        )
    },
    Note {
        tags: &[ONBOARDING],
        ..touchpoint(
            3,
            (
                "Video tutorial: importing a spreadsheet",
                "Tutorial video: importul unei foi de calcul",
            ),
            Category::CustomerSuccess,
            Channel::Tutorial,
        )
    },
    Note {
        sources: &[Source {
            kind: EvidenceKind::SupportTickets,
            note: (
                "Chat transcripts tagged “import”, September",
                "Conversații etichetate „import”, septembrie",
            ),
            link: None,
        }],
        confidence: Confidence::Validated,
        ..touchpoint(
            3,
            (
                "Live chat about a failed import",
                "Chat live despre un import eșuat",
            ),
            Category::Support,
            Channel::LiveChat,
        )
    },
    touchpoint(
        4,
        (
            "In-app checklist and tips",
            "Listă de pași și sfaturi în aplicație",
        ),
        Category::Product,
        Channel::InApp,
    ),
    touchpoint(
        5,
        (
            "Help centre article on capacity reports",
            "Articol în centrul de ajutor despre rapoartele de capacitate",
        ),
        Category::Support,
        Channel::KnowledgeBase,
    ),
    touchpoint(
        5,
        (
            "Quarterly satisfaction survey",
            "Sondaj trimestrial de satisfacție",
        ),
        Category::CustomerSuccess,
        Channel::Survey,
    ),
    touchpoint(
        6,
        (
            "Account manager's call about the Agency plan",
            "Apelul managerului de cont despre planul Agenție",
        ),
        Category::Sales,
        Channel::Phone,
    ),
    touchpoint(
        7,
        (
            "Referral programme email",
            "E-mail despre programul de recomandări",
        ),
        Category::Marketing,
        Channel::Email,
    ),
    Note {
        tags: &[PRICING],
        sources: &[Source {
            kind: EvidenceKind::UserTest,
            note: (
                "4 of 6 testers could not say which plan fits a 25-person team",
                "4 din 6 participanți nu au putut spune ce plan se potrivește unei echipe de 25 de oameni",
            ),
            link: None,
        }],
        confidence: Confidence::Validated,
        ..rated(
            PAINS,
            1,
            (
                "Plans are hard to compare: 40 rows of features",
                "Planurile sunt greu de comparat: 40 de rânduri de funcții",
            ),
            3,
            2,
        )
    },
    Note {
        tags: &[TRIAL],
        sources: &[Source {
            kind: EvidenceKind::WebAnalytics,
            note: (
                "41 % leave the form at the card step",
                "41 % părăsesc formularul la pasul cardului",
            ),
            link: Some("https://example.org/analytics/sign-up-funnel"),
        }],
        confidence: Confidence::Validated,
        ..rated(
            PAINS,
            2,
            (
                "A card is required to start the trial",
                "Cardul este cerut ca să înceapă perioada de probă",
            ),
            4,
            1,
        )
    },
    Note {
        tags: &[ONBOARDING],
        sources: &[
            Source {
                kind: EvidenceKind::SupportTickets,
                note: ("38 tickets in September", "38 de tichete în septembrie"),
                link: None,
            },
            Source {
                kind: EvidenceKind::Interview,
                note: (
                    "3 of 5 interviewed leads gave up the trial here",
                    "3 din 5 clienți intervievați au renunțat aici la perioada de probă",
                ),
                link: None,
            },
        ],
        confidence: Confidence::Validated,
        ..rated(
            PAINS,
            3,
            (
                "Spreadsheet import fails on merged cells",
                "Importul foilor de calcul eșuează la celulele îmbinate",
            ),
            5,
            3,
        )
    },
    Note {
        tags: &[PRICING],
        sources: &[Source {
            kind: EvidenceKind::SalesData,
            note: (
                "Upgrades stall at the quote: 1 in 5 accepts",
                "Trecerile la planul superior se opresc la ofertă: 1 din 5 acceptă",
            ),
            link: None,
        }],
        confidence: Confidence::SomeEvidence,
        ..rated(
            PAINS,
            6,
            (
                "Price jump from the Team plan to the Agency plan",
                "Saltul de preț de la planul Echipă la planul Agenție",
            ),
            3,
            4,
        )
    },
    Note {
        tags: &[QUICK_WIN, TRIAL],
        ..rated(
            OPPORTUNITIES,
            2,
            ("Trial without a card", "Perioadă de probă fără card"),
            4,
            1,
        )
    },
    Note {
        tags: &[ONBOARDING],
        sources: &[Source {
            kind: EvidenceKind::Interview,
            note: (
                "Every interviewee asked what a good setup looks like",
                "Fiecare intervievat a întrebat cum arată o configurare bună",
            ),
            link: None,
        }],
        confidence: Confidence::SomeEvidence,
        ..rated(
            OPPORTUNITIES,
            3,
            (
                "Start from an agency template with sample projects",
                "Pornire dintr-un șablon de agenție cu proiecte model",
            ),
            5,
            2,
        )
    },
    rated(
        OPPORTUNITIES,
        5,
        (
            "Monthly capacity report by email",
            "Raport lunar de capacitate pe e-mail",
        ),
        3,
        2,
    ),
    Note {
        tags: &[PRICING],
        ..rated(
            OPPORTUNITIES,
            6,
            (
                "Client access as an add-on, not a plan upgrade",
                "Acces pentru clienți ca supliment, nu ca trecere la alt plan",
            ),
            4,
            3,
        )
    },
    measured(
        0,
        (
            "Visitors from ads who leave the landing page at once",
            "Vizitatori din anunțuri care părăsesc imediat pagina",
        ),
        measure(MetricKind::BounceRate, 58.0, 30, None),
    ),
    measured(
        1,
        (
            "Pricing page visits that start a trial",
            "Vizite pe pagina de prețuri care încep o perioadă de probă",
        ),
        measure(MetricKind::ConversionRate, 3.2, 30, Some(4.0)),
    ),
    Note {
        confidence: Confidence::Validated,
        sources: &[Source {
            kind: EvidenceKind::WebAnalytics,
            note: (
                "Sign-up funnel, last 30 days",
                "Pâlnia de înscriere, ultimele 30 de zile",
            ),
            link: Some("https://example.org/analytics/sign-up-funnel"),
        }],
        ..measured(
            2,
            (
                "Sign-ups abandoned at the card step",
                "Înscrieri abandonate la pasul cardului",
            ),
            measure(MetricKind::DropOffRate, 41.0, 30, Some(25.0)),
        )
    },
    measured(
        3,
        ("After the first week", "După prima săptămână"),
        measure(MetricKind::Csat, 71.0, 14, Some(80.0)),
    ),
    measured(
        4,
        (
            "From sign-up to the first week planned",
            "De la înscriere până la prima săptămână planificată",
        ),
        Measure {
            name: ("Time to first plan", "Timp până la primul plan"),
            unit: ("days", "zile"),
            ..measure(MetricKind::Custom, 2.5, 14, Some(1.0))
        },
    ),
    measured(
        5,
        (
            "Teams on the Team plan, each month",
            "Echipele pe planul Echipă, lunar",
        ),
        measure(MetricKind::ChurnRate, 3.1, 30, Some(2.0)),
    ),
    measured(
        6,
        (
            "Monthly spend per agency after an upgrade",
            "Cheltuiala lunară per agenție după trecerea la alt plan",
        ),
        Measure {
            unit: ("EUR", "EUR"),
            ..measure(MetricKind::AverageOrderValue, 149.0, 30, Some(180.0))
        },
    ),
    Note {
        confidence: Confidence::Validated,
        sources: &[Source {
            kind: EvidenceKind::Survey,
            note: (
                "Quarterly survey, 212 answers",
                "Sondaj trimestrial, 212 răspunsuri",
            ),
            link: None,
        }],
        ..measured(
            7,
            (
                "Customers who would recommend us",
                "Clienți care ne-ar recomanda",
            ),
            measure(MetricKind::Nps, 42.0, 7, None),
        )
    },
];

/// The example map in `locale`, made `now`; `mint` gives a fresh unique id on each call.
pub fn saas_example(
    locale: Locale,
    now: DateTime<Utc>,
    mint: &mut dyn FnMut() -> String,
) -> JourneyMap {
    let say = |(en, ro): Words| match locale {
        Locale::En => en.to_owned(),
        Locale::Ro => ro.to_owned(),
    };
    let stages = Template::Saas.stage_names(locale);
    let mut map = map_of(stages, &LANES, locale, &say(TITLE), now, mint);
    let persona = &mut map.personas[0];
    persona.name = PERSONA.to_owned();
    persona.quote = say(QUOTE);
    for (field, words) in PROFILE {
        *persona.profile.get_mut(field) = say(words);
    }
    persona.profile.channels = CHANNELS.to_vec();
    for (score, (value, note)) in persona.emotions.iter_mut().zip(EMOTIONS) {
        score.score = Score::clamped(value);
        score.note = say(note);
    }
    let today = now.date_naive();
    let cards = NOTES
        .iter()
        .map(|note| {
            let cell = Cell {
                lane: map.lanes[note.lane].id.clone(),
                stage: map.stages[note.stage].id.clone(),
            };
            let (impact, effort) = note.rating.unzip();
            Card {
                colour: note.colour,
                tags: note.tags.iter().map(|&t| say(t)).collect(),
                category: note.category,
                channel: note.channel,
                evidence: note
                    .sources
                    .iter()
                    .map(|s| Evidence {
                        kind: s.kind,
                        note: say(s.note),
                        link: s.link.map(str::to_owned),
                    })
                    .collect(),
                confidence: note.confidence,
                impact: impact.and_then(Rating::new),
                effort: effort.and_then(Rating::new),
                metric: note.measure.as_ref().and_then(|m| {
                    Some(Metric {
                        kind: m.kind,
                        name: say(m.name),
                        value: Number::new(m.value)?,
                        unit: say(m.unit),
                        date: today.checked_sub_days(Days::new(m.days_ago)),
                        target: m.target.and_then(Number::new),
                    })
                }),
                ..Card::new(CardId::new(mint()), cell, say(note.text))
            }
        })
        .collect();
    map.cards = cards;
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;
    use crate::profile::Profile;
    use std::collections::HashSet;

    fn example(locale: Locale) -> JourneyMap {
        let mut n = 0;
        let now = DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
            .unwrap()
            .to_utc();
        saas_example(locale, now, &mut || {
            n += 1;
            format!("id{n}")
        })
    }

    /// `map` with every text taken from `from`, which must list its texts in the same places.
    fn with_texts_of(mut map: JourneyMap, from: &JourneyMap) -> JourneyMap {
        map.title = from.title.clone();
        map.locale = from.locale;
        for (s, f) in map.stages.iter_mut().zip(&from.stages) {
            s.name = f.name.clone();
        }
        for (p, f) in map.personas.iter_mut().zip(&from.personas) {
            p.quote = f.quote.clone();
            p.profile = Profile {
                channels: p.profile.channels.clone(),
                ..f.profile.clone()
            };
            for (e, g) in p.emotions.iter_mut().zip(&f.emotions) {
                e.note = g.note.clone();
            }
        }
        for (c, f) in map.cards.iter_mut().zip(&from.cards) {
            c.text = f.text.clone();
            c.tags = f.tags.clone();
            for (e, g) in c.evidence.iter_mut().zip(&f.evidence) {
                e.note = g.note.clone();
            }
            if let (Some(m), Some(g)) = (c.metric.as_mut(), f.metric.as_ref()) {
                m.name = g.name.clone();
                m.unit = g.unit.clone();
            }
        }
        map
    }

    #[test]
    fn both_languages_are_valid_maps_that_load_without_repairs() {
        for locale in Locale::ALL {
            let map = example(locale);
            assert_eq!(map.check_invariants(), [], "{locale:?}");
            let loaded = format::from_json(&format::to_json(&map)).unwrap();
            assert!(loaded.repairs.is_empty(), "{locale:?}");
            assert_eq!(loaded.map, map);
        }
    }

    #[test]
    fn both_languages_have_the_same_structure_and_translated_texts() {
        let (en, ro) = (example(Locale::En), example(Locale::Ro));
        assert_eq!(with_texts_of(en.clone(), &ro), ro);
        assert_eq!(ro.stages[0].name, "Conștientizare");
        let untranslated: Vec<_> = en
            .cards
            .iter()
            .zip(&ro.cards)
            .filter(|(e, r)| e.text == r.text)
            .map(|(e, _)| e.text.as_str())
            .collect();
        assert_eq!(untranslated, Vec::<&str>::new());
        assert_ne!(en.personas[0].quote, ro.personas[0].quote);
    }

    #[test]
    fn every_kind_of_field_is_filled_in() {
        for locale in Locale::ALL {
            let map = example(locale);
            let kinds: Vec<_> = map.lanes.iter().map(|l| l.kind).collect();
            assert_eq!(kinds, LANES);
            assert_eq!(map.stages.len(), 8);
            let persona = &map.personas[0];
            assert!(!persona.quote.is_empty());
            for field in ProfileField::ALL {
                assert!(!persona.profile.get(field).is_empty(), "{field:?}");
            }
            assert!(!persona.profile.channels.is_empty());
            assert_eq!(persona.emotions.len(), 8);
            assert!(persona.emotions.iter().all(|e| !e.note.is_empty()));
            let scores: HashSet<_> = persona.emotions.iter().map(|e| e.score).collect();
            assert!(scores.len() >= 5, "the curve rises and falls");

            let in_lane = |kind: LaneKind| {
                let lane = map.lanes.iter().find(|l| l.kind == kind).unwrap();
                map.cards.iter().filter(move |c| c.lane == lane.id)
            };
            let touchpoints: Vec<_> = in_lane(LaneKind::Touchpoints).collect();
            assert!(touchpoints.len() >= 12);
            let categories: HashSet<_> = touchpoints.iter().filter_map(|c| c.category).collect();
            assert_eq!(categories.len(), Category::ALL.len());
            let channels: HashSet<_> = touchpoints.iter().filter_map(|c| c.channel).collect();
            assert!(channels.len() >= 12);
            for kind in [LaneKind::PainPoints, LaneKind::Opportunities] {
                let rated: Vec<_> = in_lane(kind).collect();
                assert!(rated.len() >= 3, "{kind:?}");
                assert!(
                    rated
                        .iter()
                        .all(|c| c.impact.is_some() && c.effort.is_some()),
                    "{kind:?}"
                );
            }
            let metrics: Vec<_> = in_lane(LaneKind::Metrics)
                .map(|c| c.metric.as_ref().expect("a metrics card has a metric"))
                .collect();
            let metric_kinds: HashSet<_> = metrics.iter().map(|m| m.kind).collect();
            for kind in [
                MetricKind::ConversionRate,
                MetricKind::DropOffRate,
                MetricKind::Nps,
                MetricKind::Csat,
                MetricKind::AverageOrderValue,
                MetricKind::Custom,
            ] {
                assert!(metric_kinds.contains(&kind), "{kind:?}");
            }
            assert!(metrics.iter().all(|m| m.date.is_some()));
            assert!(metrics.iter().any(|m| m.target.is_some()));
            assert!(metrics.iter().any(|m| m.target.is_none()));

            let backed: Vec<_> = map
                .cards
                .iter()
                .filter(|c| !c.evidence.is_empty())
                .collect();
            assert!(backed.len() >= 4);
            assert!(backed.iter().all(|c| !c.confidence.is_assumed()));
            let confidences: HashSet<_> = map.cards.iter().map(|c| c.confidence).collect();
            assert_eq!(confidences.len(), Confidence::ALL.len());
            assert!(
                map.cards
                    .iter()
                    .flat_map(|c| &c.evidence)
                    .any(|e| e.link.is_some())
            );
            assert!(map.cards.iter().filter(|c| !c.tags.is_empty()).count() >= 5);
        }
    }

    #[test]
    fn every_card_is_in_a_lane_that_suits_it() {
        let map = example(Locale::En);
        for card in &map.cards {
            let kind = map.lane(&card.lane).unwrap().kind;
            assert_eq!(card.channel.is_some(), kind == LaneKind::Touchpoints);
            assert_eq!(card.metric.is_some(), kind == LaneKind::Metrics);
            assert_eq!(
                card.impact.is_some(),
                matches!(kind, LaneKind::PainPoints | LaneKind::Opportunities)
            );
        }
    }
}
