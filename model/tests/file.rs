mod common;

use ReasonKind::{Invalid, Missing, NotFinite, UnknownWord, WrongType};
use chrono::DateTime;
use common::{arb_map, arb_snapshots};
use model::csv::to_csv;
use model::file::{
    Defaults, Entry, EntryKind, FileError, FileKind, ImportedFile, LooksLike, MAX_ENTRIES,
    MAX_IMPORT_BYTES, ReasonKind, Thing, detect, export_json, import_json,
};
use model::format::{self, Oversized, Repair};
use model::map::MAX_TEXT_CHARS;
use model::mermaid::to_mermaid;
use model::migrate::CURRENT_VERSION;
use model::snapshot::{self, Snapshot};
use model::{CardId, JourneyMap, Limit, Locale, MapId, PersonaId, StageId};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value, json};

fn defaults() -> Defaults {
    Defaults {
        id: MapId::new("fresh"),
        title: "Imported map".into(),
        locale: Locale::Ro,
        now: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
    }
}

fn import(doc: &Value) -> Result<ImportedFile, FileError> {
    import_json(&doc.to_string(), &defaults())
}

/// Every map and snapshot map keeps the rules of a map.
fn assert_well_formed(imported: &ImportedFile) {
    let maps = std::iter::once(&imported.map).chain(imported.snapshots.iter().map(|s| &s.map));
    for map in maps {
        assert_eq!(map.check_invariants(), [], "{map:?}");
    }
}

/// Values a damaged file may hold where another belongs.
fn arb_damage() -> impl Strategy<Value = Option<Value>> {
    let values = vec![
        json!(null),
        json!("NaN"),
        json!("Infinity"),
        json!(1e300),
        json!(99_999_999_999_999_999_999.0),
        json!(-40),
        json!(2.5),
        json!(true),
        json!([]),
        json!({}),
        json!([1, "x"]),
        json!("chartreuse"),
        json!("s0"),
        json!("x".repeat(MAX_TEXT_CHARS + 1)),
    ];
    prop_oneof![1 => Just(None), 4 => select(values).prop_map(Some)]
}

/// The JSON pointer of every value in `value`, the root first.
fn pointers(value: &Value, at: String, all: &mut Vec<String>) {
    all.push(at.clone());
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                pointers(field, format!("{at}/{key}"), all);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), all);
            }
        }
        _ => {}
    }
}

/// `doc` with the value at `pointer` replaced by `damage`, or taken out when it is `None`.
fn damaged(mut doc: Value, pointer: &str, damage: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", ""));
    match (damage, doc.pointer_mut(parent)) {
        (Some(value), _) if pointer.is_empty() => return value,
        (Some(value), _) => *doc.pointer_mut(pointer).unwrap() = value,
        (None, Some(Value::Object(fields))) => {
            fields.remove(key);
        }
        (None, Some(Value::Array(items))) => {
            items.remove(key.parse::<usize>().unwrap());
        }
        (None, _) => {}
    }
    doc
}

proptest! {
    #![proptest_config(common::config(64))]

    #[test]
    fn a_map_and_its_snapshots_round_trip_with_an_empty_report(
        map in arb_map(),
        snapshots in arb_snapshots(),
    ) {
        let imported = import_json(&export_json(&map, &snapshots), &defaults()).unwrap();
        prop_assert_eq!(imported.report, []);
        prop_assert_eq!(imported.unlisted, 0);
        prop_assert_eq!(imported.from_version, CURRENT_VERSION);
        prop_assert_eq!(imported.map, map);
        prop_assert_eq!(imported.snapshots, snapshots);
    }

    #[test]
    fn a_damaged_file_imports_well_formed_and_then_round_trips(
        map in arb_map(),
        snapshots in arb_snapshots(),
        at in any::<Index>(),
        damage in arb_damage(),
    ) {
        let doc: Value = serde_json::from_str(&export_json(&map, &snapshots)).unwrap();
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let pointer = at.get(&all).clone();
        match import(&damaged(doc, &pointer, damage)) {
            Ok(imported) => {
                assert_well_formed(&imported);
                let again = export_json(&imported.map, &imported.snapshots);
                let again = import_json(&again, &defaults()).unwrap();
                prop_assert_eq!(again.report, []);
                prop_assert_eq!(again.map, imported.map);
                prop_assert_eq!(again.snapshots, imported.snapshots);
            }
            // The envelope itself, or the map as a whole, was damaged.
            Err(FileError::NotAJourneyMap { .. } | FileError::TooNew { .. } | FileError::Broken(_)) => {
                prop_assert!(
                    pointer.is_empty() || pointer == "/format" || pointer == "/version" || pointer == "/map",
                    "{}", pointer
                );
            }
            Err(other) => prop_assert!(false, "{:?} at {}", other, pointer),
        }
    }

    #[test]
    fn importing_never_panics_on_any_text(text in ".*") {
        if let Ok(imported) = import_json(&text, &defaults()) {
            assert_well_formed(&imported);
        }
    }

    #[test]
    fn importing_never_panics_on_a_cut_export(
        map in arb_map(),
        snapshots in arb_snapshots(),
        cut in 0usize..4000,
    ) {
        let text = export_json(&map, &snapshots);
        let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        if let Ok(imported) = import_json(&text[..cut], &defaults()) {
            assert_well_formed(&imported);
        }
    }
}

/// A valid current document to break in a few places per test.
fn valid() -> Value {
    json!({
        "format": "traseu.map",
        "version": CURRENT_VERSION,
        "map": {
            "id": "m", "title": "T", "locale": "en",
            "created": "2026-11-01T09:00:00Z", "updated": "2026-11-01T09:00:00Z",
            "stages": [{ "id": "s1", "name": "A" }, { "id": "s2", "name": "B" }],
            "lanes": [{ "id": "l1", "kind": "touchpoints" }, { "id": "l2", "kind": "emotions" }],
            "cards": [{ "id": "c1", "lane": "l1", "stage": "s1", "text": "x" }],
            "personas": [{ "id": "p1", "name": "Ana", "emotions": [{ "stage": "s1", "score": 1 }] }]
        }
    })
}

fn card(id: &str, lane: &str, stage: &str) -> Value {
    json!({ "id": id, "lane": lane, "stage": stage, "text": id })
}

/// A report entry without the JSON reader's words, which these tests do not pin.
#[derive(Debug, PartialEq)]
enum Said {
    Dropped(Thing, ReasonKind, &'static str),
    Defaulted(ReasonKind, &'static str),
    Repaired(Repair),
}

fn said(report: &[Entry]) -> Vec<(String, String)> {
    report
        .iter()
        .map(|entry| {
            let what = match &entry.what {
                EntryKind::Dropped { thing, reason } => {
                    format!("dropped {thing:?}: {:?} at {}", reason.kind, reason.at)
                }
                EntryKind::Defaulted { reason } => {
                    format!("defaulted: {:?} at {}", reason.kind, reason.at)
                }
                EntryKind::Repaired(repair) => format!("repaired: {repair:?}"),
            };
            (entry.path.clone(), what)
        })
        .collect()
}

fn expected(entries: &[(&str, Said)]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|(path, said)| {
            let what = match said {
                Said::Dropped(thing, kind, at) => format!("dropped {thing:?}: {kind:?} at {at}"),
                Said::Defaulted(kind, at) => format!("defaulted: {kind:?} at {at}"),
                Said::Repaired(repair) => format!("repaired: {repair:?}"),
            };
            (path.to_string(), what)
        })
        .collect()
}

#[test]
fn values_of_the_wrong_type_cost_only_their_field_or_the_element_that_needs_them() {
    let mut doc = valid();
    let map = &mut doc["map"];
    map["title"] = json!(42);
    map["created"] = json!("yesterday");
    map["stages"][1]["name"] = json!(3);
    map["lanes"][0]["hidden"] = json!("yes");
    map["cards"][0] = json!({
        "id": "c1", "lane": "l1", "stage": "s1", "text": "x",
        "colour": "chartreuse", "impact": "high", "tags": ["web", 3],
        "metric": { "kind": "nps", "value": "high" },
        "evidence": [{ "kind": "survey" }, { "kind": "rumour" }, "a note"]
    });
    map["personas"][0]["profile"] = json!({ "goals": 3, "role": "Ops" });
    map["personas"][0]["quote"] = json!(["x"]);
    let imported = import(&doc).unwrap();
    assert_eq!(
        said(&imported.report),
        expected(&[
            ("map.created", Said::Defaulted(Invalid, "map.created")),
            ("map.title", Said::Defaulted(WrongType, "map.title")),
            (
                "map.stages[1]",
                Said::Dropped(Thing::Stage, WrongType, "map.stages[1].name")
            ),
            (
                "map.lanes[0].hidden",
                Said::Dropped(Thing::Field, WrongType, "map.lanes[0].hidden")
            ),
            (
                "map.cards[0].colour",
                Said::Dropped(Thing::Field, UnknownWord, "map.cards[0].colour")
            ),
            (
                "map.cards[0].impact",
                Said::Dropped(Thing::Field, WrongType, "map.cards[0].impact")
            ),
            (
                "map.cards[0].metric",
                Said::Dropped(Thing::Field, WrongType, "map.cards[0].metric.value")
            ),
            (
                "map.cards[0].tags",
                Said::Dropped(Thing::Field, WrongType, "map.cards[0].tags[1]")
            ),
            (
                "map.cards[0].evidence[1]",
                Said::Dropped(Thing::Source, UnknownWord, "map.cards[0].evidence[1].kind")
            ),
            (
                "map.cards[0].evidence[2]",
                Said::Dropped(Thing::Source, WrongType, "map.cards[0].evidence[2]")
            ),
            (
                "map.personas[0].profile.goals",
                Said::Dropped(Thing::Field, WrongType, "map.personas[0].profile.goals")
            ),
            (
                "map.personas[0].quote",
                Said::Dropped(Thing::Field, WrongType, "map.personas[0].quote")
            ),
        ])
    );
    let map = &imported.map;
    assert_eq!(
        (map.title.as_str(), map.created),
        ("Imported map", defaults().now)
    );
    assert_eq!(map.stages.len(), 1);
    assert_eq!(map.cards[0].text, "x");
    assert_eq!(map.cards[0].evidence.len(), 1);
    assert_eq!(map.personas[0].profile.role, "Ops");
    assert_eq!(map.personas[0].emotions.len(), 1);
    assert_well_formed(&imported);
}

#[test]
fn the_readers_words_come_with_each_reason() {
    let mut doc = valid();
    doc["map"]["cards"][0]["colour"] = json!("chartreuse");
    let imported = import(&doc).unwrap();
    let EntryKind::Dropped { reason, .. } = &imported.report[0].what else {
        panic!("{:?}", imported.report);
    };
    assert!(
        reason
            .detail
            .starts_with("unknown variant `chartreuse`, expected one of"),
        "{}",
        reason.detail
    );
}

#[test]
fn missing_ids_drop_their_element_and_repeated_ones_are_renamed_at_their_place_in_the_file() {
    let mut doc = valid();
    let map = doc["map"].as_object_mut().unwrap();
    map.remove("id");
    map["stages"] =
        json!([{ "name": "no id" }, { "id": "s1", "name": "A" }, { "id": "s1", "name": "C" }]);
    map["cards"] = json!([
        { "lane": "l1", "stage": "s1", "text": "no id" },
        card("c1", "l1", "s1"),
        { "id": "c9", "lane": "l1", "stage": "s1" },
        card("c1", "l1", "s1"),
    ]);
    map["personas"] = json!([{ "id": "p1", "name": "Ana" }, { "id": "p1", "name": "Bo" }]);
    let imported = import(&doc).unwrap();
    let renamed = |old: &str, new: &str| {
        Said::Repaired(Repair::RenamedDuplicateId {
            old: old.into(),
            new: new.into(),
        })
    };
    assert_eq!(
        said(&imported.report),
        expected(&[
            ("map.id", Said::Defaulted(Missing, "map.id")),
            (
                "map.stages[0]",
                Said::Dropped(Thing::Stage, Missing, "map.stages[0].id")
            ),
            (
                "map.cards[0]",
                Said::Dropped(Thing::Card, Missing, "map.cards[0].id")
            ),
            (
                "map.cards[2]",
                Said::Dropped(Thing::Card, Missing, "map.cards[2].text")
            ),
            ("map.stages[2].id", renamed("s1", "s1-2")),
            ("map.cards[3].id", renamed("c1", "c1-2")),
            ("map.personas[1].id", renamed("p1", "p1-2")),
        ])
    );
    assert_eq!(imported.map.id, MapId::new("fresh"));
    assert_well_formed(&imported);
}

#[test]
fn cards_in_unknown_stages_or_lanes_of_unknown_kinds_are_dropped_at_their_place_in_the_file() {
    let mut doc = valid();
    let map = &mut doc["map"];
    map["lanes"] = json!([
        { "id": "l1", "kind": "touchpoints" },
        { "id": "l2", "kind": "vibes" },
        { "id": "l3", "kind": "emotions" },
    ]);
    map["cards"] = json!([
        { "id": "c0", "lane": 7, "stage": "s1", "text": "x" },
        card("c1", "l1", "s9"),
        card("c2", "l2", "s1"),
        card("c3", "l3", "s1"),
        card("c4", "l1", "s2"),
    ]);
    map["personas"][0]["emotions"] =
        json!([{ "stage": "s1", "score": 1 }, { "stage": "s9", "score": 2 }]);
    let imported = import(&doc).unwrap();
    let card = |id: &str| CardId::new(id);
    assert_eq!(
        said(&imported.report),
        expected(&[
            (
                "map.lanes[1]",
                Said::Dropped(Thing::Lane, UnknownWord, "map.lanes[1].kind")
            ),
            (
                "map.cards[0]",
                Said::Dropped(Thing::Card, WrongType, "map.cards[0].lane")
            ),
            (
                "map.cards[1]",
                Said::Repaired(Repair::DroppedCardOutsideGrid(card("c1")))
            ),
            (
                "map.cards[2]",
                Said::Repaired(Repair::DroppedCardOutsideGrid(card("c2")))
            ),
            (
                "map.cards[3]",
                Said::Repaired(Repair::DroppedCardInEmotionsLane(card("c3")))
            ),
            (
                "map.personas[0].emotions[1]",
                Said::Repaired(Repair::DroppedEmotion(
                    PersonaId::new("p1"),
                    StageId::new("s9")
                )),
            ),
        ])
    );
    assert_eq!(
        imported
            .map
            .cards
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["c4"]
    );
    assert_well_formed(&imported);
}

#[test]
fn huge_strings_are_shortened_at_their_place_in_the_file() {
    let huge = "ș".repeat(MAX_TEXT_CHARS + 1);
    let mut doc = valid();
    let map = &mut doc["map"];
    map["title"] = json!(huge);
    map["cards"] = json!([
        { "id": "c0", "text": "no lane or stage" },
        {
            "id": "c1", "lane": "l1", "stage": "s1", "text": huge, "tags": [huge],
            "evidence": [
                { "kind": "rumour" },
                { "kind": "survey", "note": huge, "link": "javascript:alert(1)" },
            ],
        },
    ]);
    map["personas"][0]["emotions"] = json!([
        { "stage": "s1", "score": "high" },
        { "stage": "s1", "score": 1, "note": huge },
    ]);
    map["personas"][0]["profile"] = json!({ "values": huge });
    let imported = import(&doc).unwrap();
    let shortened = |path: &str| Said::Repaired(Repair::ShortenedText { path: path.into() });
    assert_eq!(
        said(&imported.report),
        expected(&[
            (
                "map.cards[0]",
                Said::Dropped(Thing::Card, Missing, "map.cards[0].lane")
            ),
            (
                "map.cards[1].evidence[0]",
                Said::Dropped(Thing::Source, UnknownWord, "map.cards[1].evidence[0].kind")
            ),
            (
                "map.personas[0].emotions[0]",
                Said::Dropped(Thing::Score, WrongType, "map.personas[0].emotions[0].score")
            ),
            ("map.title", shortened("map.title")),
            ("map.cards[1].text", shortened("map.cards[1].text")),
            ("map.cards[1].tags[0]", shortened("map.cards[1].tags[0]")),
            (
                "map.cards[1].evidence[1].note",
                shortened("map.cards[1].evidence[1].note")
            ),
            (
                "map.cards[1].evidence[1].link",
                Said::Repaired(Repair::DroppedUnsafeLink {
                    path: "map.cards[1].evidence[1].link".into()
                }),
            ),
            (
                "map.personas[0].emotions[1].note",
                shortened("map.personas[0].emotions[1].note")
            ),
            (
                "map.personas[0].profile.values",
                shortened("map.personas[0].profile.values")
            ),
        ])
    );
    assert_eq!(imported.map.title.chars().count(), MAX_TEXT_CHARS);
    assert_well_formed(&imported);
}

#[test]
fn nan_like_values_cost_their_field_or_score_and_out_of_scale_ones_are_clamped() {
    let mut doc = valid();
    let map = &mut doc["map"];
    map["cards"] = json!([
        {
            "id": "c1", "lane": "l1", "stage": "s1", "text": "x",
            "metric": { "kind": "nps", "value": "NaN" }, "impact": 1e300, "effort": -7,
        },
        {
            "id": "c2", "lane": "l1", "stage": "s2", "text": "y",
            "metric": { "kind": "csat", "value": 80, "target": "-Infinity" }, "due": "NaN",
        },
    ]);
    map["personas"][0]["emotions"] = json!([
        { "stage": "s1", "score": "Infinity" },
        { "stage": "s1", "score": 99_999_999_999_999_999_999.0 },
        { "stage": "s2", "score": -40 },
    ]);
    let imported = import(&doc).unwrap();
    assert_eq!(
        said(&imported.report),
        expected(&[
            (
                "map.cards[0].impact",
                Said::Dropped(Thing::Field, WrongType, "map.cards[0].impact")
            ),
            (
                "map.cards[0].metric",
                Said::Dropped(Thing::Field, NotFinite, "map.cards[0].metric.value")
            ),
            (
                "map.cards[0].effort",
                Said::Repaired(Repair::ClampedRating {
                    path: "map.cards[0].effort".into(),
                    from: -7
                }),
            ),
            (
                "map.cards[1].due",
                Said::Dropped(Thing::Field, Invalid, "map.cards[1].due")
            ),
            (
                "map.cards[1].metric.target",
                Said::Dropped(Thing::Field, NotFinite, "map.cards[1].metric.target")
            ),
            (
                "map.personas[0].emotions[0]",
                Said::Dropped(Thing::Score, NotFinite, "map.personas[0].emotions[0].score")
            ),
            (
                "map.personas[0].emotions[1]",
                Said::Dropped(Thing::Score, WrongType, "map.personas[0].emotions[1].score")
            ),
            (
                "map.personas[0].emotions[2].score",
                Said::Repaired(Repair::ClampedEmotion {
                    path: "map.personas[0].emotions[2].score".into(),
                    from: -40
                }),
            ),
        ])
    );
    let cards = &imported.map.cards;
    assert_eq!(
        cards[1].metric.as_ref().map(|m| (m.value.get(), m.target)),
        Some((80.0, None))
    );
    assert_eq!(imported.map.personas[0].emotions[0].score.value(), -3);
    assert_well_formed(&imported);
}

#[test]
fn nan_and_numbers_past_what_json_holds_are_not_json_at_their_place() {
    for token in ["NaN", "1e999", "-Infinity"] {
        let text = format!("{{\"format\": \"traseu.map\",\n \"version\": {token}}}");
        let Err(FileError::NotJson { line, column }) = import_json(&text, &defaults()) else {
            panic!("{text}");
        };
        let value = " \"version\": ".len() + 1;
        assert_eq!(line, 2);
        assert!(
            (value..value + token.len()).contains(&column),
            "{token}: column {column}"
        );
    }
}

#[test]
fn a_bad_snapshot_is_dropped_alone_and_its_maps_faults_are_named_inside_it() {
    let map = valid()["map"].clone();
    let mut broken = map.clone();
    broken["cards"][0]["colour"] = json!("chartreuse");
    let taken = "2026-11-02T10:00:00Z";
    let mut doc = valid();
    doc["snapshots"] = json!([
        { "id": "a", "name": "as-is", "taken": taken, "map": broken },
        { "id": "b", "name": "no time", "map": map },
        { "id": "c", "name": "no map", "taken": taken, "map": "x" },
        { "id": "a", "name": "n".repeat(150), "taken": taken, "note": "to-be", "map": map },
        7,
    ]);
    let imported = import(&doc).unwrap();
    assert_eq!(
        said(&imported.report),
        expected(&[
            (
                "snapshots[0].map.cards[0].colour",
                Said::Dropped(
                    Thing::Field,
                    UnknownWord,
                    "snapshots[0].map.cards[0].colour"
                ),
            ),
            (
                "snapshots[1]",
                Said::Dropped(Thing::Snapshot, Missing, "snapshots[1].taken")
            ),
            (
                "snapshots[2]",
                Said::Dropped(Thing::Snapshot, WrongType, "snapshots[2].map")
            ),
            (
                "snapshots[3].name",
                Said::Repaired(Repair::ShortenedText {
                    path: "snapshots[3].name".into()
                })
            ),
            (
                "snapshots[4]",
                Said::Dropped(Thing::Snapshot, WrongType, "snapshots[4]")
            ),
            (
                "snapshots[3].id",
                Said::Repaired(Repair::RenamedDuplicateId {
                    old: "a".into(),
                    new: "a-2".into()
                })
            ),
        ])
    );
    let names: Vec<_> = imported
        .snapshots
        .iter()
        .map(|s| s.name.chars().count())
        .collect();
    assert_eq!(names, [5, snapshot::MAX_NAME_CHARS]);
    assert_eq!(imported.snapshots[1].note, "to-be");
    assert_well_formed(&imported);
}

#[test]
fn snapshots_that_are_not_a_list_are_dropped_and_more_than_a_map_keeps_are_refused() {
    let mut doc = valid();
    doc["snapshots"] = json!({ "a": 1 });
    let imported = import(&doc).unwrap();
    assert_eq!(
        said(&imported.report),
        expected(&[(
            "snapshots",
            Said::Dropped(Thing::Field, WrongType, "snapshots")
        )])
    );
    doc["snapshots"] = Value::Array(vec![json!(1); snapshot::MAX_SNAPSHOTS + 1]);
    assert_eq!(
        import(&doc).unwrap_err(),
        FileError::TooLarge {
            what: Oversized::Snapshots,
            limit: snapshot::MAX_SNAPSHOTS
        }
    );
}

#[test]
fn past_a_thousand_entries_the_rest_are_only_counted() {
    let mut doc = valid();
    let cards = (0..MAX_ENTRIES + 200).map(|i| {
        json!({ "id": format!("c{i}"), "lane": "l1", "stage": "s1", "text": "x", "colour": "mauve" })
    });
    doc["map"]["cards"] = Value::Array(cards.collect());
    let imported = import(&doc).unwrap();
    assert_eq!(
        (imported.report.len(), imported.unlisted),
        (MAX_ENTRIES, 200)
    );
    assert_eq!(imported.report[0].path, "map.cards[0].colour");
    assert_eq!(imported.map.cards.len(), MAX_ENTRIES + 200);
}

#[test]
fn a_map_past_a_cap_is_refused_as_loading_refuses_it() {
    let mut doc = valid();
    doc["map"]["stages"] = Value::Array(vec![json!({}); Limit::Stages.max() + 1]);
    assert_eq!(
        import(&doc).unwrap_err(),
        FileError::TooLarge {
            what: Oversized::Count(Limit::Stages),
            limit: Limit::Stages.max()
        }
    );
}

#[test]
fn a_traseu_file_without_a_map_object_is_broken_at_map() {
    let mut doc = valid();
    doc["map"] = json!([]);
    match import(&doc).unwrap_err() {
        FileError::Broken(reason) => {
            assert_eq!((reason.kind, reason.at.as_str()), (WrongType, "map"))
        }
        other => panic!("{other:?}"),
    }
    doc.as_object_mut().unwrap().remove("map");
    match import(&doc).unwrap_err() {
        FileError::Broken(reason) => {
            assert_eq!((reason.kind, reason.at.as_str()), (Missing, "map"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_map_object_takes_every_default_and_lists_each() {
    let imported = import(&json!({ "format": "traseu.map", "version": 1, "map": {} })).unwrap();
    let fields = [
        "id", "title", "locale", "created", "updated", "stages", "lanes",
    ];
    let report: Vec<String> = imported.report.iter().map(|e| e.path.clone()).collect();
    let expected: Vec<String> = fields.iter().map(|f| format!("map.{f}")).collect();
    assert_eq!(report, expected);
    assert_eq!(imported.map.locale, Locale::Ro);
    assert_eq!(imported.from_version, 1);
}

#[test]
fn a_file_from_a_newer_traseu_is_refused_as_newer() {
    let supported = CURRENT_VERSION;
    for (version, named) in [
        (json!(supported + 1), u64::from(supported) + 1),
        (json!(f64::from(supported) + 0.5), u64::from(supported) + 1),
        (json!(1e300), u64::MAX),
    ] {
        let mut doc = valid();
        doc["version"] = version;
        assert_eq!(
            import(&doc).unwrap_err(),
            FileError::TooNew {
                version: named,
                supported
            }
        );
    }
}

#[test]
fn a_missing_or_unreadable_version_is_read_as_this_traseus_and_listed() {
    for (version, kind) in [
        (None, Missing),
        (Some(json!("4")), WrongType),
        (Some(json!(0)), Invalid),
        (Some(json!(-1)), Invalid),
    ] {
        let mut doc = valid();
        match version {
            Some(v) => doc["version"] = v,
            None => drop(doc.as_object_mut().unwrap().remove("version")),
        }
        let imported = import(&doc).unwrap();
        assert_eq!(
            said(&imported.report),
            expected(&[("version", Said::Defaulted(kind, "version"))])
        );
        assert_eq!(imported.from_version, CURRENT_VERSION);
    }
}

#[test]
fn other_tools_files_are_not_journey_maps_and_say_what_they_look_like() {
    let excalidraw = json!({
        "type": "excalidraw", "version": 2, "source": "https://excalidraw.com",
        "elements": [{ "type": "rectangle", "id": "a" }], "appState": {}, "files": {}
    });
    let tldraw = json!({
        "tldrawFileFormatVersion": 1,
        "schema": { "schemaVersion": 2, "sequences": { "com.tldraw.store": 4, "com.tldraw.shape": 4 } },
        "records": []
    });
    let tldraw_store = json!({ "store": {}, "schema": { "schemaVersion": 2, "sequences": { "com.tldraw.page": 1 } } });
    let map = format::from_value(valid()).unwrap().map;
    let snapshots = snapshot::to_json(&[]);
    let cases = [
        (excalidraw.to_string(), LooksLike::Excalidraw),
        (tldraw.to_string(), LooksLike::Tldraw),
        (tldraw_store.to_string(), LooksLike::Tldraw),
        (snapshots, LooksLike::TraseuSnapshots),
        (
            "graph TD\n  A --> B".into(),
            LooksLike::Mermaid { diagram: "graph" },
        ),
        (to_mermaid(&map), LooksLike::Mermaid { diagram: "journey" }),
        (to_csv(&map, true), LooksLike::Csv),
        (r#"{"hello": 1}"#.into(), LooksLike::OtherJson),
        ("[]".into(), LooksLike::OtherJson),
        ("42".into(), LooksLike::OtherJson),
        (
            r#"{"format": "traseu.map.v9"}"#.into(),
            LooksLike::OtherJson,
        ),
        (String::new(), LooksLike::Empty),
        ("\u{feff} \n\t".into(), LooksLike::Empty),
    ];
    for (text, looks_like) in cases {
        assert_eq!(
            import_json(&text, &defaults()).unwrap_err(),
            FileError::NotAJourneyMap { looks_like },
            "{text}"
        );
    }
    assert_eq!(
        import_json("Dear team,\nthe map", &defaults()).unwrap_err(),
        FileError::NotAJourneyMap {
            looks_like: LooksLike::Csv
        }
    );
    assert_eq!(
        import_json("Notes for the workshop", &defaults()).unwrap_err(),
        FileError::NotJson { line: 1, column: 1 }
    );
}

#[test]
fn a_file_over_ten_megabytes_is_refused_before_it_is_read() {
    let text = "x".repeat(11 * 1024 * 1024);
    assert_eq!(
        import_json(&text, &defaults()).unwrap_err(),
        FileError::TooLarge {
            what: Oversized::Bytes,
            limit: MAX_IMPORT_BYTES
        }
    );
    let mut text = valid().to_string();
    text.push_str(&" ".repeat(MAX_IMPORT_BYTES - text.len()));
    assert_eq!(text.len(), MAX_IMPORT_BYTES);
    assert!(import_json(&text, &defaults()).is_ok());
}

#[test]
fn an_export_writes_snapshots_after_the_map_only_when_there_are_any() {
    let map = format::from_value(valid()).unwrap().map;
    let bare: Value = serde_json::from_str(&export_json(&map, &[])).unwrap();
    assert_eq!(
        bare,
        serde_json::from_str::<Value>(&format::to_json(&map)).unwrap()
    );
    let snapshot = snapshot::take(
        &map,
        model::SnapshotId::new("a"),
        "as-is",
        "",
        DateTime::UNIX_EPOCH,
    )
    .unwrap();
    let text = export_json(&map, std::slice::from_ref(&snapshot));
    assert!(text.find("\"map\"").unwrap() < text.find("\"snapshots\"").unwrap());
    let doc: Value = serde_json::from_str(&text).unwrap();
    let file: Value = serde_json::from_str(&snapshot::to_json(&[snapshot])).unwrap();
    assert_eq!(doc["snapshots"], file["snapshots"]);
}

#[test]
fn loading_an_export_as_a_stored_map_keeps_the_map_and_ignores_its_snapshots() {
    let map: JourneyMap = format::from_value(valid()).unwrap().map;
    let snapshot: Snapshot = snapshot::take(
        &map,
        model::SnapshotId::new("a"),
        "as-is",
        "",
        DateTime::UNIX_EPOCH,
    )
    .unwrap();
    let loaded = format::from_json(&export_json(&map, &[snapshot])).unwrap();
    assert_eq!(loaded.map, map);
    assert_eq!(loaded.repairs, []);
}

#[test]
fn every_frozen_fixture_imports_as_it_loads() {
    for version in 1..CURRENT_VERSION {
        let dir = format!("{}/tests/fixtures/v{version}", env!("CARGO_MANIFEST_DIR"));
        for file in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            let loaded = format::from_json(&text).unwrap();
            let imported = import_json(&text, &defaults()).unwrap();
            assert_eq!(imported.map, loaded.map);
            assert_eq!(imported.from_version, version);
            assert_eq!(imported.report.len(), loaded.repairs.len());
        }
    }
}

#[test]
fn a_file_is_routed_by_its_content() {
    let map = format::from_value(valid()).unwrap().map;
    assert_eq!(detect(&export_json(&map, &[])), FileKind::Json);
    assert_eq!(
        detect(&to_mermaid(&map)),
        FileKind::Mermaid { diagram: "journey" }
    );
    assert_eq!(detect(&to_csv(&map, true)), FileKind::Csv);
    assert_eq!(
        detect("sequenceDiagram\n  A->>B: hi"),
        FileKind::Mermaid {
            diagram: "sequenceDiagram"
        }
    );
    assert_eq!(detect("Notes for the workshop"), FileKind::Unknown);
}
