mod common;

use common::arb_map;
use model::format::{self, LoadError, Oversized, Repair};
use model::map::MAX_TEXT_CHARS;
use model::metric::MetricError;
use model::migrate::{self, CURRENT_VERSION, STEPS};
use model::sealed;
use model::{
    Card, CardId, Channel, Colour, Confidence, JourneyMap, LaneKind, Limit, Locale, PersonaId,
    StageId,
};
use proptest::prelude::*;
use serde_json::{Value, json};

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn json_round_trips(map in arb_map()) {
        let loaded = format::from_json(&format::to_json(&map)).unwrap();
        prop_assert!(loaded.repairs.is_empty());
        prop_assert_eq!(loaded.from_version, CURRENT_VERSION);
        prop_assert_eq!(loaded.map, map);
    }

    #[test]
    fn pretty_json_round_trips(map in arb_map()) {
        prop_assert_eq!(format::from_json(&format::to_json_pretty(&map)).unwrap().map, map);
    }

    #[test]
    fn sealed_maps_open_with_their_key_only(
        map in arb_map(),
        key in any::<[u8; 32]>(),
        iv in any::<[u8; 12]>(),
        flip in any::<usize>(),
    ) {
        let k = sealed::ShareKey::from_bytes(key);
        let mut bytes = sealed::seal(&map, &k, iv);
        prop_assert_eq!(&sealed::open(&bytes, &k).unwrap().map, &map);
        let at = flip % bytes.len();
        bytes[at] ^= 0x80;
        prop_assert_eq!(sealed::open(&bytes, &k), Err(sealed::OpenError::WrongKey));
    }

    #[test]
    fn opening_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = sealed::open(&bytes, &sealed::ShareKey::from_bytes([3; 32]));
    }

    #[test]
    fn from_json_never_panics(text in ".*") {
        let _ = format::from_json(&text);
    }

    #[test]
    fn from_json_never_panics_on_mangled_maps(map in arb_map(), cut in 0usize..2000) {
        let text = format::to_json(&map);
        let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        let _ = format::from_json(&text[..cut]);
    }
}

/// A valid current document to break in one place per test.
fn valid() -> Value {
    json!({
        "format": "traseu.map",
        "version": CURRENT_VERSION,
        "map": {
            "id": "m", "title": "T", "locale": "ro",
            "created": "2026-11-01T09:00:00Z", "updated": "2026-11-01T09:00:00Z",
            "stages": [{ "id": "s1", "name": "A" }, { "id": "s2", "name": "B" }],
            "lanes": [{ "id": "l1", "kind": "touchpoints" }, { "id": "l2", "kind": "emotions" }],
            "cards": [{ "id": "c1", "lane": "l1", "stage": "s1", "text": "x" }],
            "personas": [{ "id": "p1", "name": "Ana", "emotions": [{ "stage": "s1", "score": 1 }] }]
        }
    })
}

fn load(doc: Value) -> Result<format::Loaded, LoadError> {
    format::from_json(&doc.to_string())
}

#[test]
fn a_valid_document_loads_without_repairs() {
    let loaded = load(valid()).unwrap();
    assert!(loaded.repairs.is_empty());
    assert_eq!(loaded.map.cards.len(), 1);
}

#[test]
fn non_json_is_not_json_with_its_position() {
    let err = format::from_json("{\"format\": ").unwrap_err();
    assert!(matches!(err, LoadError::NotJson { line: 1, .. }), "{err:?}");
}

#[test]
fn json_from_another_tool_is_not_a_traseu_map() {
    let miro = json!({ "type": "board", "widgets": [] });
    assert_eq!(load(miro).unwrap_err(), LoadError::NotTraseu);
    assert_eq!(load(json!([1, 2])).unwrap_err(), LoadError::NotTraseu);
}

#[test]
fn a_map_from_a_newer_version_is_refused() {
    let mut doc = valid();
    doc["version"] = json!(CURRENT_VERSION + 1);
    assert_eq!(
        load(doc).unwrap_err(),
        LoadError::TooNew {
            version: u64::from(CURRENT_VERSION) + 1,
            supported: CURRENT_VERSION
        }
    );
}

#[test]
fn a_missing_or_odd_version_is_invalid_at_version() {
    for version in [json!(null), json!("2"), json!(0), json!(-1), json!(1.5)] {
        let mut doc = valid();
        doc["version"] = version;
        assert!(
            matches!(load(doc).unwrap_err(), LoadError::Invalid { path, .. } if path == "version")
        );
    }
}

#[test]
fn missing_lanes_names_the_path() {
    let mut doc = valid();
    doc["map"].as_object_mut().unwrap().remove("lanes");
    let err = load(doc).unwrap_err();
    assert!(
        matches!(&err, LoadError::Invalid { message, .. } if message.contains("lanes")),
        "{err:?}"
    );
}

#[test]
fn an_unknown_lane_kind_names_the_path() {
    let mut doc = valid();
    doc["map"]["lanes"][1]["kind"] = json!("vibes");
    let err = load(doc).unwrap_err();
    assert!(
        matches!(&err, LoadError::Invalid { path, .. } if path == "map.lanes[1].kind"),
        "{err:?}"
    );
}

#[test]
fn a_card_in_a_deleted_stage_is_dropped_and_listed() {
    let mut doc = valid();
    doc["map"]["cards"][0]["stage"] = json!("gone");
    let loaded = load(doc).unwrap();
    assert!(loaded.map.cards.is_empty());
    assert_eq!(
        loaded.repairs,
        [Repair::DroppedCardOutsideGrid(CardId::new("c1"))]
    );
}

#[test]
fn a_card_in_the_emotions_lane_is_dropped_and_listed() {
    let mut doc = valid();
    doc["map"]["cards"][0]["lane"] = json!("l2");
    let loaded = load(doc).unwrap();
    assert_eq!(
        loaded.repairs,
        [Repair::DroppedCardInEmotionsLane(CardId::new("c1"))]
    );
}

#[test]
fn emotion_nine_is_clamped_to_three_and_listed() {
    let mut doc = valid();
    doc["map"]["personas"][0]["emotions"][0]["score"] = json!(9);
    let loaded = load(doc).unwrap();
    assert_eq!(loaded.map.personas[0].emotions[0].score.value(), 3);
    assert_eq!(
        loaded.repairs,
        [Repair::ClampedEmotion {
            path: "map.personas[0].emotions[0].score".into(),
            from: 9
        }]
    );
}

#[test]
fn a_score_for_a_missing_stage_or_a_second_score_is_dropped() {
    let mut doc = valid();
    doc["map"]["personas"][0]["emotions"] = json!([
        { "stage": "s1", "score": 1 }, { "stage": "s1", "score": 2 }, { "stage": "zz", "score": 0 }
    ]);
    let loaded = load(doc).unwrap();
    assert_eq!(loaded.map.personas[0].emotions.len(), 1);
    assert_eq!(
        loaded.repairs,
        [
            Repair::DroppedEmotion(PersonaId::new("p1"), StageId::new("s1")),
            Repair::DroppedEmotion(PersonaId::new("p1"), StageId::new("zz")),
        ]
    );
}

#[test]
fn duplicate_ids_are_renamed_and_listed() {
    let mut doc = valid();
    doc["map"]["cards"] = json!([
        { "id": "c1", "lane": "l1", "stage": "s1", "text": "a" },
        { "id": "c1", "lane": "l1", "stage": "s2", "text": "b" },
        { "id": "c1-2", "lane": "l1", "stage": "s2", "text": "c" }
    ]);
    let loaded = load(doc).unwrap();
    let ids: Vec<_> = loaded.map.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c1", "c1-3", "c1-2"]);
    assert_eq!(
        loaded.repairs,
        [Repair::RenamedDuplicateId {
            old: "c1".into(),
            new: "c1-3".into()
        }]
    );
    assert!(loaded.map.check_invariants().is_empty());
}

#[test]
fn an_overlong_card_text_is_shortened_and_listed() {
    let mut doc = valid();
    doc["map"]["cards"][0]["text"] = json!("x".repeat(model::map::MAX_TEXT_CHARS + 10));
    let loaded = load(doc).unwrap();
    assert_eq!(loaded.map.cards[0].text.len(), model::map::MAX_TEXT_CHARS);
    assert_eq!(
        loaded.repairs,
        [Repair::ShortenedText {
            path: "map.cards[0].text".into()
        }]
    );
}

#[test]
fn repair_paths_name_places_in_the_document_even_after_earlier_ones_were_dropped() {
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let mut doc = valid();
    doc["map"]["cards"] = json!([
        { "id": "c0", "lane": "l1", "stage": "gone", "text": "x" },
        { "id": "c1", "lane": "l1", "stage": "s1", "text": long },
    ]);
    doc["map"]["personas"][0]["emotions"] = json!([
        { "stage": "gone", "score": 1 },
        { "stage": "s1", "score": 1, "note": long },
    ]);
    assert_eq!(
        load(doc).unwrap().repairs,
        [
            Repair::DroppedCardOutsideGrid(CardId::new("c0")),
            Repair::DroppedEmotion(PersonaId::new("p1"), StageId::new("gone")),
            Repair::ShortenedText {
                path: "map.cards[1].text".into()
            },
            Repair::ShortenedText {
                path: "map.personas[0].emotions[1].note".into()
            },
        ]
    );
}

/// Each frozen fixture, with the version its folder names.
fn fixtures() -> Vec<(u32, std::path::PathBuf)> {
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    (1..CURRENT_VERSION)
        .flat_map(|version| {
            let dir = std::fs::read_dir(format!("{root}/v{version}")).unwrap();
            dir.map(move |entry| (version, entry.unwrap().path()))
        })
        .collect()
}

/// Steps that only raise the version: the new version adds optional fields, and the bump
/// makes an older Traseu refuse a newer map rather than drop what it does not know.
const VERSION_BUMPS: [&str; 2] = ["v2_to_v3_method_fields", "v3_to_v4_plan_fields"];

#[test]
fn every_migration_step_runs_on_its_fixture_and_changes_it_unless_it_only_bumps() {
    let mut ran: Vec<&str> = Vec::new();
    for (version, path) in fixtures() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(doc["version"], json!(version), "{path:?}");
        let mut first: Option<&str> = None;
        migrate::up_observed(doc["map"].clone(), version, |name| {
            first.get_or_insert(name);
            ran.push(name);
        })
        .unwrap();
        // The fixture is what its own version's step was written for, and that step changes it
        // (or, for a bump, leaves it exactly as it was).
        let (name, step) = STEPS[version as usize - 1];
        assert_eq!(first, Some(name), "{path:?}");
        let mut stepped = doc["map"].clone();
        step(&mut stepped).unwrap();
        if VERSION_BUMPS.contains(&name) {
            assert_eq!(stepped, doc["map"], "{name} rewrites {path:?}");
        } else {
            assert_ne!(stepped, doc["map"], "{name} leaves {path:?} as it was");
        }
    }
    for (name, _) in STEPS {
        assert!(
            ran.contains(name),
            "no fixture runs the migration step {name}"
        );
    }
}

#[test]
fn a_version_1_map_migrates_to_the_current_version() {
    let text = include_str!("fixtures/v1/saas-sample.json");
    let loaded = format::from_json(text).unwrap();
    assert_eq!(loaded.from_version, 1);
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    let map = &loaded.map;
    assert_eq!(map.cards[0].tags, ["social", "paid"]);
    assert!(map.cards[1].tags.is_empty());
    assert_eq!(map.lanes[2].name.as_deref(), Some("Where it hurts"));
    assert_eq!(map.personas[0].emotions[1].note, "Lost in the price table");
    // Saved again, it is a current document.
    let again: Value = serde_json::from_str(&format::to_json(map)).unwrap();
    assert_eq!(again["version"], json!(CURRENT_VERSION));
    assert_eq!(again["map"]["cards"][0]["tags"], json!(["social", "paid"]));
}

#[test]
fn a_version_2_map_opens_unchanged_and_saves_as_the_current_version_without_new_fields() {
    let text = include_str!("fixtures/v2/saas-trial.json");
    let loaded = format::from_json(text).unwrap();
    assert_eq!(loaded.from_version, 2);
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    assert!(loaded.map.check_invariants().is_empty());
    let map = &loaded.map;
    assert_eq!(map.title, "Planificatorul: de la probă la abonament");
    assert_eq!(map.locale, Locale::Ro);
    let stages: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        stages,
        [
            "Descoperire",
            "Înregistrare",
            "Primii pași",
            "Perioada de probă",
            "Abonare"
        ]
    );
    let lanes: Vec<(LaneKind, Option<&str>, bool)> = map
        .lanes
        .iter()
        .map(|l| (l.kind, l.name.as_deref(), l.hidden))
        .collect();
    assert_eq!(
        lanes,
        [
            (LaneKind::Actions, None, false),
            (LaneKind::Touchpoints, None, false),
            (LaneKind::Thoughts, None, false),
            (LaneKind::Emotions, None, false),
            (LaneKind::PainPoints, Some("Unde se împiedică"), false),
            (LaneKind::Opportunities, None, false),
            (LaneKind::Notes, Some("Note de interviu"), true),
        ]
    );
    assert_eq!(map.cards.len(), 12);
    let import = map.card(&CardId::new("c07")).unwrap();
    assert_eq!(
        (import.lane.as_str(), import.stage.as_str(), import.colour),
        ("l-pains", "s-onboard", Colour::Orange)
    );
    assert_eq!(import.tags, ["import", "bug"]);
    assert!(map.cards[11].text.contains('\n'));
    // The new fields are at their defaults: assumed, every persona's, nothing else set.
    let blank = Card::new(CardId::new("x"), map.cards[0].cell(), String::new());
    for card in &map.cards {
        let bare = Card {
            id: blank.id.clone(),
            lane: blank.lane.clone(),
            stage: blank.stage.clone(),
            text: String::new(),
            colour: blank.colour,
            tags: Vec::new(),
            ..card.clone()
        };
        assert_eq!(bare, blank, "{}", card.id);
    }
    let people: Vec<(&str, &str, Vec<i8>)> = map
        .personas
        .iter()
        .map(|p| {
            let scores = p.emotions.iter().map(|e| e.score.value()).collect();
            (p.id.as_str(), p.quote.as_str(), scores)
        })
        .collect();
    assert_eq!(
        people,
        [
            (
                "p-ioana",
                "Vreau să văd dintr-o privire cine ce face.",
                vec![1, 0, -2, -1, 2]
            ),
            ("p-mihai", "", vec![2, 3, -3]),
        ]
    );
    assert_eq!(
        map.personas[1].emotions[2].note,
        "Planul minim e pentru 5 utilizatori"
    );
    assert!(
        map.personas
            .iter()
            .all(|p| p.avatar.is_none() && p.profile.is_empty())
    );

    // Saved again it is a version 3 document whose map is the fixture's, key for key: nothing
    // lost, and none of the new fields written at their defaults.
    let saved = format::to_json(map);
    for absent in [
        "confidence",
        "profile",
        "avatar",
        "evidence",
        "personas\":[\"",
        "metric",
        "status",
        "owner",
        "due",
        "addresses",
    ] {
        assert!(!saved.contains(absent), "{absent} in {saved}");
    }
    let again: Value = serde_json::from_str(&saved).unwrap();
    let fixture: Value = serde_json::from_str(text).unwrap();
    assert_eq!(again["version"], json!(CURRENT_VERSION));
    assert_eq!(again["map"], fixture["map"]);
    let reloaded = format::from_json(&saved).unwrap();
    assert_eq!(reloaded.from_version, CURRENT_VERSION);
    assert!(reloaded.repairs.is_empty());
    assert_eq!(&reloaded.map, map);
}

#[test]
fn a_version_3_map_keeps_its_method_fields_and_saves_key_for_key() {
    let text = include_str!("fixtures/v3/planner-method.json");
    let loaded = format::from_json(text).unwrap();
    assert_eq!(loaded.from_version, 3);
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    assert!(loaded.map.check_invariants().is_empty());
    let map = &loaded.map;
    let touchpoint = map.cards.iter().find(|c| c.channel.is_some()).unwrap();
    assert_eq!(touchpoint.channel, Some(Channel::Website));
    assert_eq!(touchpoint.confidence, Confidence::SomeEvidence);
    assert_eq!(
        touchpoint.evidence[0].link.as_deref(),
        Some("https://example.org/t3")
    );
    assert_eq!(map.cards.iter().filter(|c| c.impact.is_some()).count(), 2);
    assert!(
        map.cards
            .iter()
            .all(|c| c.status.is_none() && c.addresses.is_empty())
    );
    let again: Value = serde_json::from_str(&format::to_json(map)).unwrap();
    let fixture: Value = serde_json::from_str(text).unwrap();
    assert_eq!(again["version"], json!(CURRENT_VERSION));
    assert_eq!(again["map"], fixture["map"]);
}

/// Loads a document that needs repairs: the repaired map keeps every rule and loads again
/// as it is.
fn repaired(doc: Value) -> (JourneyMap, Vec<Repair>) {
    let loaded = load(doc).unwrap();
    assert!(loaded.map.check_invariants().is_empty());
    let again = format::from_json(&format::to_json(&loaded.map)).unwrap();
    assert!(again.repairs.is_empty(), "{:?}", again.repairs);
    (loaded.map, loaded.repairs)
}

#[test]
fn a_card_naming_a_missing_or_repeated_persona_drops_the_name() {
    let mut doc = valid();
    doc["map"]["cards"][0]["personas"] = json!(["p1", "gone", "p1"]);
    let (map, repairs) = repaired(doc);
    assert_eq!(map.cards[0].personas, [PersonaId::new("p1")]);
    let path = |p: usize| Repair::DroppedCardPersona {
        path: format!("map.cards[0].personas[{p}]"),
    };
    assert_eq!(repairs, [path(1), path(2)]);
}

#[test]
fn a_card_naming_only_missing_personas_becomes_every_personas() {
    let mut doc = valid();
    doc["map"]["cards"][0]["personas"] = json!(["gone"]);
    let (map, repairs) = repaired(doc);
    assert!(map.cards[0].personas.is_empty());
    assert_eq!(repairs.len(), 1);
}

#[test]
fn an_unsafe_source_link_is_dropped_and_its_note_kept() {
    let mut doc = valid();
    doc["map"]["cards"][0]["evidence"] = json!([
        { "kind": "survey", "link": "https://forms.example.org/r/1" },
        { "kind": "interview", "note": "P3, minute 12", "link": "javascript:alert(1)" },
        { "kind": "web_analytics", "link": " https://a.example" }
    ]);
    let (map, repairs) = repaired(doc);
    let sources = &map.cards[0].evidence;
    assert_eq!(sources.len(), 3);
    assert_eq!(
        sources[0].link.as_deref(),
        Some("https://forms.example.org/r/1")
    );
    assert_eq!(
        (sources[1].note.as_str(), sources[1].link.as_deref()),
        ("P3, minute 12", None)
    );
    assert_eq!(sources[2].link, None);
    let path = |e: usize| Repair::DroppedUnsafeLink {
        path: format!("map.cards[0].evidence[{e}].link"),
    };
    assert_eq!(repairs, [path(1), path(2)]);
}

#[test]
fn a_metric_its_kind_cannot_hold_is_dropped_and_the_card_kept() {
    for (metric, reason) in [
        (
            json!({ "kind": "conversion_rate", "value": 140 }),
            MetricError::ValueOutOfRange,
        ),
        (
            json!({ "kind": "nps", "value": 10, "target": -120 }),
            MetricError::TargetOutOfRange,
        ),
        (
            json!({ "kind": "custom", "name": " ", "value": 1 }),
            MetricError::MissingName,
        ),
    ] {
        let mut doc = valid();
        doc["map"]["cards"][0]["metric"] = metric;
        let (map, repairs) = repaired(doc);
        assert_eq!(map.cards.len(), 1);
        assert_eq!(map.cards[0].text, "x");
        assert_eq!(map.cards[0].metric, None);
        assert_eq!(
            repairs,
            [Repair::DroppedMetric {
                path: "map.cards[0].metric".into(),
                reason
            }]
        );
    }
}

#[test]
fn an_untidy_metric_is_tidied_and_kept() {
    let mut doc = valid();
    doc["map"]["cards"][0]["metric"] =
        json!({ "kind": "custom", "name": " Time to value ", "unit": "days ", "value": 4.5 });
    let (map, repairs) = repaired(doc);
    let metric = map.cards[0].metric.as_ref().unwrap();
    assert_eq!(
        (
            metric.name.as_str(),
            metric.unit.as_str(),
            metric.value.get()
        ),
        ("Time to value", "days", 4.5)
    );
    assert_eq!(
        repairs,
        [Repair::TidiedMetric {
            path: "map.cards[0].metric".into()
        }]
    );
}

#[test]
fn an_avatar_that_is_not_a_small_raster_image_is_dropped() {
    for avatar in [
        "data:image/svg+xml;base64,PHN2Zz4=".to_owned(),
        "https://example.org/me.png".to_owned(),
        format!(
            "data:image/png;base64,{}",
            "A".repeat(model::profile::MAX_AVATAR_BYTES * 2)
        ),
    ] {
        let mut doc = valid();
        doc["map"]["personas"][0]["avatar"] = json!(avatar);
        doc["map"]["personas"][0]["profile"] = json!({ "role": "Buyer" });
        let (map, repairs) = repaired(doc);
        assert_eq!(map.personas[0].avatar, None);
        assert_eq!(map.personas[0].profile.role, "Buyer");
        assert_eq!(
            repairs,
            [Repair::DroppedAvatar {
                path: "map.personas[0].avatar".into()
            }]
        );
    }
}

#[test]
fn a_small_raster_avatar_loads_as_it_is() {
    let mut doc = valid();
    doc["map"]["personas"][0]["avatar"] = json!("data:image/png;base64,iVBORw0KGgo=");
    let (map, repairs) = repaired(doc);
    assert!(repairs.is_empty());
    assert!(map.personas[0].avatar.is_some());
}

#[test]
fn untidy_preferred_channels_are_sorted_and_deduplicated() {
    let mut doc = valid();
    doc["map"]["personas"][0]["profile"] = json!({ "channels": ["in_app", "blog", "in_app"] });
    let (map, repairs) = repaired(doc);
    assert_eq!(
        map.personas[0].profile.channels,
        [Channel::Blog, Channel::InApp]
    );
    assert_eq!(
        repairs,
        [Repair::TidiedChannels {
            path: "map.personas[0].profile.channels".into()
        }]
    );
}

#[test]
fn overlong_source_notes_and_profile_texts_are_shortened_and_listed() {
    let long = "ș".repeat(MAX_TEXT_CHARS + 3);
    let mut doc = valid();
    doc["map"]["cards"][0]["evidence"] = json!([{ "kind": "sales_data", "note": long }]);
    doc["map"]["personas"][0]["profile"] = json!({ "age_range": long, "frustrations": long });
    let (map, repairs) = repaired(doc);
    assert_eq!(
        map.cards[0].evidence[0].note.chars().count(),
        MAX_TEXT_CHARS
    );
    assert_eq!(
        map.personas[0].profile.frustrations.chars().count(),
        MAX_TEXT_CHARS
    );
    let paths: Vec<&str> = repairs
        .iter()
        .map(|r| match r {
            Repair::ShortenedText { path } => path.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        paths,
        [
            "map.cards[0].evidence[0].note",
            "map.personas[0].profile.age_range",
            "map.personas[0].profile.frustrations"
        ]
    );
}

#[test]
fn more_sources_than_a_card_holds_is_too_large() {
    let mut doc = valid();
    let sources = vec![json!({ "kind": "survey" }); Limit::Sources.max() + 1];
    doc["map"]["cards"][0]["evidence"] = json!(sources);
    assert_eq!(
        load(doc).unwrap_err(),
        LoadError::TooLarge {
            what: Oversized::Count(Limit::Sources),
            limit: Limit::Sources.max()
        }
    );
}

#[test]
fn every_new_field_at_a_valid_value_loads_without_repairs() {
    let mut doc = valid();
    doc["map"]["lanes"][0]["kind"] = json!("frontstage");
    doc["map"]["cards"][0] = json!({
        "id": "c1", "lane": "l1", "stage": "s1", "text": "Demo call",
        "category": "sales", "channel": "sales_call", "personas": ["p1"],
        "evidence": [{ "kind": "interview", "note": "P2", "link": "https://notes.example/p2" }],
        "confidence": "validated", "impact": 4, "effort": 2,
        "metric": { "kind": "average_order_value", "value": 120.5, "unit": "EUR",
                    "date": "2026-10-01", "target": 150 }
    });
    doc["map"]["personas"][0]["avatar"] = json!("data:image/webp;base64,UklGRg==");
    doc["map"]["personas"][0]["profile"] =
        json!({ "role": "Ops lead", "industry": "Logistics", "channels": ["email", "in_app"] });
    let loaded = load(doc).unwrap();
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    assert!(loaded.map.check_invariants().is_empty());
    let card = &loaded.map.cards[0];
    assert_eq!(card.channel, Some(Channel::SalesCall));
    assert_eq!(card.impact.map(|r| r.value()), Some(4));
    assert_eq!(
        format::from_json(&format::to_json(&loaded.map))
            .unwrap()
            .map,
        loaded.map
    );
}

#[test]
fn an_impact_or_effort_off_the_scale_is_clamped_and_listed() {
    let mut doc = valid();
    doc["map"]["cards"][0]["impact"] = json!(9);
    doc["map"]["cards"][0]["effort"] = json!(0);
    let (map, repairs) = repaired(doc);
    let card = &map.cards[0];
    assert_eq!(
        (
            card.impact.map(|r| r.value()),
            card.effort.map(|r| r.value())
        ),
        (Some(5), Some(1))
    );
    assert_eq!(
        repairs,
        [
            Repair::ClampedRating {
                path: "map.cards[0].impact".into(),
                from: 9
            },
            Repair::ClampedRating {
                path: "map.cards[0].effort".into(),
                from: 0
            }
        ]
    );
}

/// The generated maps exercise each of the method's fields, so the properties above cover them.
#[test]
fn generated_maps_carry_every_new_field() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::deterministic_rng(RngAlgorithm::XorShift);
    let mut runner = TestRunner::new_with_rng(common::config(1), rng);
    let maps: Vec<JourneyMap> = (0..50)
        .map(|_| arb_map().new_tree(&mut runner).unwrap().current())
        .collect();
    let cards: Vec<&Card> = maps.iter().flat_map(|m| &m.cards).collect();
    let personas: Vec<&model::Persona> = maps.iter().flat_map(|m| &m.personas).collect();
    type Has = fn(&Card) -> bool;
    let on_cards: [(&str, Has); 8] = [
        ("category", |c| c.category.is_some()),
        ("channel", |c| c.channel.is_some()),
        ("personas", |c| !c.personas.is_empty()),
        ("evidence link", |c| {
            c.evidence.iter().any(|e| e.link.is_some())
        }),
        ("confidence", |c| !c.confidence.is_assumed()),
        ("impact", |c| c.impact.is_some()),
        ("effort", |c| c.effort.is_some()),
        ("metric", |c| c.metric.is_some()),
    ];
    for (field, set) in on_cards {
        assert!(cards.iter().any(|c| set(c)), "no card has a {field}");
    }
    assert!(personas.iter().any(|p| p.avatar.is_some()));
    assert!(personas.iter().any(|p| !p.profile.channels.is_empty()));
    assert!(
        personas
            .iter()
            .any(|p| p.profile.texts().any(|t| !t.is_empty()))
    );
}

#[test]
fn a_card_addressing_a_missing_card_itself_or_one_twice_drops_the_link() {
    let mut doc = valid();
    doc["map"]["cards"] = json!([
        { "id": "c1", "lane": "l1", "stage": "s1", "text": "x",
          "addresses": ["c2", "gone", "c1", "c2"], "owner": "  Ana\n Pop ", "status": "planned",
          "due": "2027-01-31" },
        { "id": "c2", "lane": "l1", "stage": "s2", "text": "y" }
    ]);
    let (map, repairs) = repaired(doc);
    let card = &map.cards[0];
    assert_eq!(card.addresses, [CardId::new("c2")]);
    assert_eq!(card.owner, "Ana Pop");
    assert_eq!(card.status, Some(model::Status::Planned));
    assert_eq!(
        card.due.map(|d| d.to_string()).as_deref(),
        Some("2027-01-31")
    );
    let path = |p: &str| p.to_owned();
    assert_eq!(
        repairs,
        [
            Repair::TidiedOwner {
                path: path("map.cards[0].owner")
            },
            Repair::DroppedAddress {
                path: path("map.cards[0].addresses[1]")
            },
            Repair::DroppedAddress {
                path: path("map.cards[0].addresses[2]")
            },
            Repair::DroppedAddress {
                path: path("map.cards[0].addresses[3]")
            },
        ]
    );
}

#[test]
fn an_unknown_status_or_a_malformed_due_date_names_its_path() {
    for (key, value) in [("status", json!("someday")), ("due", json!("31.01.2027"))] {
        let mut doc = valid();
        doc["map"]["cards"][0][key] = value;
        match load(doc) {
            Err(LoadError::Invalid { path, .. }) => assert_eq!(path, format!("map.cards[0].{key}")),
            other => panic!("{key}: {other:?}"),
        }
    }
}
