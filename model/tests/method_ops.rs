//! The method's ops (persona profile and avatar; a card's category, channel, personas,
//! evidence, confidence, ratings and metric): each applies what it may keep, tidied, and
//! refuses the rest with a reason, leaving the map exactly as it was.

use chrono::DateTime;
use model::evidence::MAX_LINK_BYTES;
use model::map::MAX_TEXT_CHARS;
use model::metric::MetricError;
use model::profile::MAX_AVATAR_BYTES;
use model::{
    Card, CardId, Category, Cell, Channel, Confidence, Evidence, EvidenceKind, JourneyMap, Lane,
    LaneId, LaneKind, Limit, Locale, MapId, Metric, MetricKind, Number, Op, OpError, Persona,
    PersonaId, ProfileField, Rating, RatingKind, Stage, StageId, Status, format, ops,
};

/// Two stages, a touchpoints lane and a metrics lane, a card in each, two personas.
fn sample() -> JourneyMap {
    let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let cell = |lane: &str| Cell {
        lane: LaneId::new(lane),
        stage: StageId::new("s1"),
    };
    JourneyMap {
        id: MapId::new("m"),
        title: "Trial".into(),
        locale: Locale::En,
        created: at,
        updated: at,
        stages: ["s1", "s2"]
            .map(|id| Stage {
                id: StageId::new(id),
                name: id.to_uppercase(),
            })
            .to_vec(),
        lanes: [("touch", LaneKind::Touchpoints), ("kpi", LaneKind::Metrics)]
            .map(|(id, kind)| Lane {
                id: LaneId::new(id),
                kind,
                name: None,
                hidden: false,
            })
            .to_vec(),
        cards: vec![
            Card::new(CardId::new("c"), cell("touch"), "Pricing page".into()),
            Card::new(CardId::new("k"), cell("kpi"), "Trial to paid".into()),
        ],
        personas: vec![
            Persona::new(PersonaId::new("ana"), "Ana".into()),
            Persona::new(PersonaId::new("ion"), "Ion".into()),
        ],
    }
}

fn later() -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

/// Applies `op`, which must succeed and keep every rule.
fn apply(map: &mut JourneyMap, op: Op) {
    ops::apply(map, op.clone(), later()).unwrap_or_else(|e| panic!("{op:?}: {e}"));
    assert!(map.check_invariants().is_empty(), "after {op:?}");
    assert_eq!(map.updated, later());
}

/// Applies `op`, which must be refused and leave the map exactly as it was; the reason.
fn refuse(map: &mut JourneyMap, op: Op) -> OpError {
    let before = map.clone();
    let error = ops::apply(map, op.clone(), later()).expect_err(&format!("{op:?} applied"));
    assert_eq!(*map, before, "{op:?} changed the map");
    error
}

fn ana() -> PersonaId {
    PersonaId::new("ana")
}

fn card() -> CardId {
    CardId::new("c")
}

fn too_long() -> String {
    "ț".repeat(MAX_TEXT_CHARS + 1)
}

#[test]
fn a_persona_quote_is_trimmed_and_a_too_long_one_refused() {
    let mut map = sample();
    apply(
        &mut map,
        Op::SetPersonaQuote {
            id: ana(),
            quote: "  I just want it to work.\n".into(),
        },
    );
    assert_eq!(map.personas[0].quote, "I just want it to work.");
    let quote = too_long();
    assert_eq!(
        refuse(&mut map, Op::SetPersonaQuote { id: ana(), quote }),
        OpError::TooLong
    );
}

#[test]
fn each_profile_field_is_trimmed_into_its_own_slot_and_a_too_long_one_refused() {
    let mut map = sample();
    let set = |field, value: String| Op::SetPersonaField {
        id: ana(),
        field,
        value,
    };
    for (i, field) in ProfileField::ALL.into_iter().enumerate() {
        apply(&mut map, set(field, format!(" value {i} ")));
    }
    for (i, field) in ProfileField::ALL.into_iter().enumerate() {
        assert_eq!(map.personas[0].profile.get(field), format!("value {i}"));
    }
    assert!(map.personas[1].profile.is_empty());
    assert_eq!(
        refuse(&mut map, set(ProfileField::Frustrations, too_long())),
        OpError::TooLong
    );
    // A blank value clears the field, and an empty profile is not written.
    for field in ProfileField::ALL {
        apply(&mut map, set(field, "  ".into()));
    }
    assert!(map.personas[0].profile.is_empty());
    assert!(!format::to_json(&map).contains("profile"));
}

#[test]
fn preferred_channels_are_kept_once_each_in_list_order() {
    let mut map = sample();
    let channels = vec![
        Channel::InApp,
        Channel::Email,
        Channel::InApp,
        Channel::Blog,
    ];
    apply(
        &mut map,
        Op::SetPersonaChannels {
            id: ana(),
            channels,
        },
    );
    assert_eq!(
        map.personas[0].profile.channels,
        [Channel::Blog, Channel::Email, Channel::InApp]
    );
    apply(
        &mut map,
        Op::SetPersonaChannels {
            id: ana(),
            channels: Vec::new(),
        },
    );
    assert!(map.personas[0].profile.channels.is_empty());
}

#[test]
fn an_avatar_is_a_small_raster_image_and_none_goes_back_to_the_initials() {
    let mut map = sample();
    let png = "data:image/png;base64,iVBORw0KGgo=".to_owned();
    let set = |image: Option<String>| Op::SetPersonaAvatar { id: ana(), image };
    apply(&mut map, set(Some(png.clone())));
    assert_eq!(map.personas[0].avatar.as_deref(), Some(png.as_str()));
    let oversize = format!(
        "data:image/jpeg;base64,{}",
        "A".repeat((MAX_AVATAR_BYTES / 3 + 1) * 4)
    );
    for bad in [
        "data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Lz48L3N2Zz4=".to_owned(),
        "data:text/html;base64,PGI+aGk8L2I+".to_owned(),
        "data:application/pdf;base64,JVBERi0=".to_owned(),
        "https://example.org/me.png".to_owned(),
        "not an image".to_owned(),
        String::new(),
        oversize,
    ] {
        assert_eq!(
            refuse(&mut map, set(Some(bad))),
            OpError::InvalidAvatar,
            "kept"
        );
    }
    assert_eq!(map.personas[0].avatar.as_deref(), Some(png.as_str()));
    apply(&mut map, set(None));
    assert_eq!(map.personas[0].avatar, None);
}

#[test]
fn a_card_category_and_channel_are_set_and_cleared() {
    let mut map = sample();
    apply(
        &mut map,
        Op::SetCardCategory {
            id: card(),
            category: Some(Category::CustomerSuccess),
        },
    );
    apply(
        &mut map,
        Op::SetCardChannel {
            id: card(),
            channel: Some(Channel::PricingPage),
        },
    );
    let c = map.card(&card()).unwrap();
    assert_eq!(
        (c.category, c.channel),
        (Some(Category::CustomerSuccess), Some(Channel::PricingPage))
    );
    apply(
        &mut map,
        Op::SetCardCategory {
            id: card(),
            category: None,
        },
    );
    apply(
        &mut map,
        Op::SetCardChannel {
            id: card(),
            channel: None,
        },
    );
    let c = map.card(&card()).unwrap();
    assert_eq!((c.category, c.channel), (None, None));
}

#[test]
fn card_personas_must_exist_repeats_are_dropped_and_none_means_all() {
    let mut map = sample();
    let (ana, ion) = (ana(), PersonaId::new("ion"));
    let set = |personas: Vec<PersonaId>| Op::SetCardPersonas {
        id: card(),
        personas,
    };
    assert_eq!(
        refuse(&mut map, set(vec![ana.clone(), PersonaId::new("gone")])),
        OpError::UnknownPersona(PersonaId::new("gone"))
    );
    apply(&mut map, set(vec![ion.clone(), ana.clone(), ion.clone()]));
    let c = map.card(&card()).unwrap();
    assert_eq!(c.personas, [ion.clone(), ana.clone()]);
    apply(&mut map, set(vec![ion.clone()]));
    let c = map.card(&card()).unwrap();
    assert!(c.is_for(&ion) && !c.is_for(&ana));
    apply(&mut map, set(Vec::new()));
    let c = map.card(&card()).unwrap();
    assert!(c.is_for(&ion) && c.is_for(&ana));
}

#[test]
fn deleting_a_persona_takes_it_off_every_card() {
    let mut map = sample();
    let ion = PersonaId::new("ion");
    apply(
        &mut map,
        Op::SetCardPersonas {
            id: card(),
            personas: vec![ana(), ion.clone()],
        },
    );
    apply(
        &mut map,
        Op::SetCardPersonas {
            id: CardId::new("k"),
            personas: vec![ion.clone()],
        },
    );
    apply(&mut map, Op::DeletePersona { id: ion });
    assert_eq!(map.card(&card()).unwrap().personas, [ana()]);
    // The card was only that persona's: it becomes every remaining persona's.
    assert!(map.card(&CardId::new("k")).unwrap().personas.is_empty());
}

/// Sets the sources of the touchpoint card.
fn set_sources(evidence: Vec<Evidence>) -> Op {
    Op::SetCardEvidence {
        id: card(),
        evidence,
    }
}

fn source(kind: EvidenceKind, note: &str, link: Option<&str>) -> Evidence {
    Evidence {
        kind,
        note: note.into(),
        link: link.map(str::to_owned),
    }
}

#[test]
fn evidence_notes_are_trimmed_and_a_blank_link_is_none() {
    let mut map = sample();
    let evidence = vec![
        source(EvidenceKind::Interview, "  P3 at 12:40 ", Some("  ")),
        source(
            EvidenceKind::WebAnalytics,
            "",
            Some(" https://analytics.example/funnel?id=7 "),
        ),
    ];
    apply(&mut map, set_sources(evidence));
    assert_eq!(
        map.card(&card()).unwrap().evidence,
        [
            source(EvidenceKind::Interview, "P3 at 12:40", None),
            source(
                EvidenceKind::WebAnalytics,
                "",
                Some("https://analytics.example/funnel?id=7")
            ),
        ]
    );
}

#[test]
fn an_unsafe_link_refuses_every_source_of_the_change() {
    let mut map = sample();
    let good = source(
        EvidenceKind::Survey,
        "NPS survey",
        Some("https://s.example/1"),
    );
    apply(&mut map, set_sources(vec![good.clone()]));
    let long = format!("https://example.org/{}", "a".repeat(MAX_LINK_BYTES));
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "ftp://files.example/report.pdf",
        "//example.org/x",
        "example.org",
        "https://exa mple.org",
        long.as_str(),
    ] {
        let evidence = vec![
            good.clone(),
            source(EvidenceKind::Interview, "n", Some(bad)),
        ];
        assert_eq!(
            refuse(&mut map, set_sources(evidence)),
            OpError::UnsafeLink,
            "{bad}"
        );
    }
    assert_eq!(map.card(&card()).unwrap().evidence, [good]);
}

#[test]
fn too_many_sources_or_a_too_long_note_are_refused() {
    let mut map = sample();
    let one = source(EvidenceKind::SalesData, "Q3 deals", None);
    let evidence = vec![one.clone(); Limit::Sources.max() + 1];
    assert_eq!(
        refuse(&mut map, set_sources(evidence)),
        OpError::TooMany(Limit::Sources)
    );
    let evidence = vec![source(EvidenceKind::SupportTickets, &too_long(), None)];
    assert_eq!(refuse(&mut map, set_sources(evidence)), OpError::TooLong);
    let evidence = vec![one; Limit::Sources.max()];
    apply(&mut map, set_sources(evidence));
    assert_eq!(
        map.card(&card()).unwrap().evidence.len(),
        Limit::Sources.max()
    );
}

#[test]
fn confidence_is_set_and_assumed_is_not_written() {
    let mut map = sample();
    assert_eq!(map.cards[0].confidence, Confidence::Assumed);
    let set = |confidence| Op::SetCardConfidence {
        id: card(),
        confidence,
    };
    apply(&mut map, set(Confidence::Validated));
    assert_eq!(map.cards[0].confidence, Confidence::Validated);
    assert!(format::to_json(&map).contains(r#""confidence":"validated""#));
    apply(&mut map, set(Confidence::Assumed));
    assert!(!format::to_json(&map).contains("confidence"));
}

#[test]
fn impact_and_effort_are_set_apart_and_cleared() {
    let mut map = sample();
    let set = |kind, rating: Option<u8>| Op::SetCardRating {
        id: card(),
        kind,
        rating: rating.map(|r| Rating::new(r).unwrap()),
    };
    apply(&mut map, set(RatingKind::Impact, Some(5)));
    apply(&mut map, set(RatingKind::Effort, Some(1)));
    let c = &map.cards[0];
    assert_eq!(
        (c.impact.map(Rating::value), c.effort.map(Rating::value)),
        (Some(5), Some(1))
    );
    apply(&mut map, set(RatingKind::Impact, None));
    let c = &map.cards[0];
    assert_eq!((c.impact, c.effort.map(Rating::value)), (None, Some(1)));
}

fn metric(kind: MetricKind, value: f64) -> Metric {
    Metric::new(kind, Number::new(value).unwrap())
}

#[test]
fn a_metric_its_kind_cannot_hold_is_refused_with_the_reason() {
    let mut map = sample();
    let kpi = CardId::new("k");
    let kept = Metric {
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 1),
        target: Number::new(30.0),
        ..metric(MetricKind::ConversionRate, 22.5)
    };
    apply(
        &mut map,
        Op::SetCardMetric {
            id: kpi.clone(),
            metric: Some(kept.clone()),
        },
    );
    let targeted = |kind, value, target| Metric {
        target: Number::new(target),
        ..metric(kind, value)
    };
    let named = |name: &str, unit: &str| Metric {
        name: name.into(),
        unit: unit.into(),
        ..metric(MetricKind::Custom, 3.0)
    };
    let cases = [
        (
            metric(MetricKind::ConversionRate, 100.1),
            MetricError::ValueOutOfRange,
        ),
        (metric(MetricKind::Csat, -1.0), MetricError::ValueOutOfRange),
        (metric(MetricKind::Nps, 101.0), MetricError::ValueOutOfRange),
        (
            metric(MetricKind::Nps, -100.5),
            MetricError::ValueOutOfRange,
        ),
        (
            metric(MetricKind::AverageOrderValue, -0.01),
            MetricError::ValueOutOfRange,
        ),
        (
            targeted(MetricKind::ChurnRate, 5.0, 120.0),
            MetricError::TargetOutOfRange,
        ),
        (
            targeted(MetricKind::Nps, 5.0, -101.0),
            MetricError::TargetOutOfRange,
        ),
        (named("  ", ""), MetricError::MissingName),
        (named(&"n".repeat(41), ""), MetricError::LabelTooLong),
        (named("Tickets", &"u".repeat(41)), MetricError::LabelTooLong),
    ];
    for (bad, reason) in cases {
        let op = Op::SetCardMetric {
            id: kpi.clone(),
            metric: Some(bad.clone()),
        };
        assert_eq!(
            refuse(&mut map, op),
            OpError::InvalidMetric(reason),
            "{bad:?}"
        );
    }
    assert_eq!(map.card(&kpi).unwrap().metric.as_ref(), Some(&kept));
}

#[test]
fn a_metric_is_kept_tidied_at_the_edges_of_its_scale_and_none_clears_it() {
    let mut map = sample();
    let kpi = CardId::new("k");
    let set = |metric: Option<Metric>| Op::SetCardMetric {
        id: kpi.clone(),
        metric,
    };
    // Sets the metric and gives back what the card keeps.
    let mut keep = |m: Metric| {
        apply(&mut map, set(Some(m)));
        map.card(&kpi).unwrap().metric.clone().unwrap()
    };
    for (kind, edge) in [
        (MetricKind::Nps, -100.0),
        (MetricKind::Nps, 100.0),
        (MetricKind::BounceRate, 0.0),
        (MetricKind::DropOffRate, 100.0),
        (MetricKind::AverageOrderValue, 1e9),
        (MetricKind::Custom, -5.0),
    ] {
        let kept = keep(Metric {
            name: "Time to value".into(),
            ..metric(kind, edge)
        });
        assert_eq!((kept.kind, kept.value.get()), (kind, edge));
    }
    // A custom metric keeps its name and unit, trimmed; a named kind drops those it fixes.
    let untidy = Metric {
        name: " Tickets per user ".into(),
        unit: " /month".into(),
        ..metric(MetricKind::Custom, 1.5)
    };
    let kept = keep(untidy);
    assert_eq!(
        (kept.name.as_str(), kept.unit.as_str()),
        ("Tickets per user", "/month")
    );
    let kept = keep(Metric {
        name: "ignored".into(),
        unit: "%".into(),
        ..metric(MetricKind::Csat, 81.0)
    });
    assert!(kept.name.is_empty() && kept.unit.is_empty());
    apply(&mut map, set(None));
    assert_eq!(map.card(&kpi).unwrap().metric, None);
}

#[test]
fn every_method_op_on_a_missing_persona_or_card_is_refused() {
    let mut map = sample();
    let (nobody, nothing) = (PersonaId::new("nobody"), CardId::new("nothing"));
    let persona_ops = [
        Op::SetPersonaQuote {
            id: nobody.clone(),
            quote: "q".into(),
        },
        Op::SetPersonaField {
            id: nobody.clone(),
            field: ProfileField::Role,
            value: "x".into(),
        },
        Op::SetPersonaChannels {
            id: nobody.clone(),
            channels: vec![Channel::Blog],
        },
        Op::SetPersonaAvatar {
            id: nobody.clone(),
            image: None,
        },
    ];
    for op in persona_ops {
        assert_eq!(
            refuse(&mut map, op),
            OpError::UnknownPersona(nobody.clone())
        );
    }
    let id = nothing.clone();
    let card_ops = [
        Op::SetCardCategory {
            id: id.clone(),
            category: Some(Category::Sales),
        },
        Op::SetCardChannel {
            id: id.clone(),
            channel: Some(Channel::Email),
        },
        Op::SetCardPersonas {
            id: id.clone(),
            personas: vec![ana()],
        },
        Op::SetCardEvidence {
            id: id.clone(),
            evidence: Vec::new(),
        },
        Op::SetCardConfidence {
            id: id.clone(),
            confidence: Confidence::SomeEvidence,
        },
        Op::SetCardRating {
            id: id.clone(),
            kind: RatingKind::Effort,
            rating: None,
        },
        Op::SetCardMetric { id, metric: None },
    ];
    for op in card_ops {
        assert_eq!(refuse(&mut map, op), OpError::UnknownCard(nothing.clone()));
    }
}

#[test]
fn an_opportunity_takes_a_status_an_owner_a_due_date_and_the_pains_it_addresses() {
    let mut map = sample();
    let due = chrono::NaiveDate::from_ymd_opt(2027, 3, 1);
    apply(
        &mut map,
        Op::SetCardStatus {
            id: card(),
            status: Some(Status::InProgress),
        },
    );
    apply(
        &mut map,
        Op::SetCardOwner {
            id: card(),
            owner: "  Ana \n Pop ".into(),
        },
    );
    apply(&mut map, Op::SetCardDue { id: card(), due });
    let k = CardId::new("k");
    apply(
        &mut map,
        Op::SetCardAddresses {
            id: card(),
            addresses: vec![k.clone(), k.clone()],
        },
    );
    let c = map.card(&card()).unwrap();
    assert_eq!(c.status, Some(Status::InProgress));
    assert_eq!(c.owner, "Ana Pop");
    assert_eq!(c.due, due);
    assert_eq!(c.addresses, [k]);
}

#[test]
fn addressing_a_missing_card_itself_or_too_long_an_owner_is_refused() {
    let mut map = sample();
    let addresses = |ids: &[&str]| Op::SetCardAddresses {
        id: card(),
        addresses: ids.iter().map(|&i| CardId::new(i)).collect(),
    };
    assert_eq!(
        refuse(&mut map, addresses(&["k", "gone"])),
        OpError::UnknownCard(CardId::new("gone"))
    );
    assert_eq!(
        refuse(&mut map, addresses(&["c"])),
        OpError::AddressesItself
    );
    let owner = "a".repeat(model::plan::MAX_OWNER_CHARS + 1);
    assert_eq!(
        refuse(&mut map, Op::SetCardOwner { id: card(), owner }),
        OpError::TooLong
    );
    assert_eq!(
        refuse(
            &mut map,
            Op::SetCardStatus {
                id: CardId::new("gone"),
                status: None
            }
        ),
        OpError::UnknownCard(CardId::new("gone"))
    );
}

#[test]
fn deleting_an_addressed_pain_point_leaves_no_dangling_link() {
    for delete in [
        Op::DeleteCard {
            id: CardId::new("k"),
        },
        Op::DeleteCards {
            ids: vec![CardId::new("k")],
        },
        Op::DeleteLane {
            id: LaneId::new("kpi"),
        },
    ] {
        let mut map = sample();
        apply(
            &mut map,
            Op::SetCardAddresses {
                id: card(),
                addresses: vec![CardId::new("k")],
            },
        );
        apply(&mut map, delete);
        assert!(map.card(&card()).unwrap().addresses.is_empty());
    }
    let mut map = sample();
    apply(
        &mut map,
        Op::SetCardAddresses {
            id: CardId::new("k"),
            addresses: vec![card()],
        },
    );
    apply(
        &mut map,
        Op::DeleteStage {
            id: StageId::new("s1"),
        },
    );
    assert!(map.cards.is_empty());
}
