//! Loading stays linear and bounded: a document past a cap is refused by name before it is
//! typed or repaired, and what loads is repaired in linear time.

use model::format::{self, DEFLATE_ALLOWANCE, LoadError, MAX_DOCUMENT_BYTES, Oversized, Repair};
use model::sealed::{self, OpenError, ShareKey};
use model::templates::{Template, new_map};
use model::{CardId, Cell, Limit, Locale, ops};
use serde_json::{Value, json};
use std::time::Instant;

#[path = "common/prose.rs"]
mod prose;

/// A current document whose cards are `count` copies of one card, all with the id `c`.
fn cards_with_one_id(count: usize) -> String {
    let card = r#"{"id":"c","lane":"l1","stage":"s1","text":""}"#;
    let mut text = String::with_capacity(400 + count * (card.len() + 1));
    text.push_str(
        r#"{"format":"traseu.map","version":2,"map":{"id":"m","title":"T","locale":"en","#,
    );
    text.push_str(r#""created":"2026-11-01T09:00:00Z","updated":"2026-11-01T09:00:00Z","#);
    text.push_str(r#""stages":[{"id":"s1","name":"A"}],"lanes":[{"id":"l1","kind":"goals"}],"#);
    text.push_str(r#""cards":["#);
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        text.push_str(card);
    }
    text.push_str("]}}");
    text
}

fn too_many(limit: Limit) -> LoadError {
    LoadError::TooLarge {
        what: Oversized::Count(limit),
        limit: limit.max(),
    }
}

#[test]
fn a_million_cards_with_one_id_are_refused_by_size_before_parsing() {
    let text = cards_with_one_id(1_000_000);
    let started = Instant::now();
    let loaded = format::from_json(&text);
    println!(
        "from_json, 1,000,000 cards with one id ({} bytes): {:?}",
        text.len(),
        started.elapsed()
    );
    assert_eq!(
        loaded.unwrap_err(),
        LoadError::TooLarge {
            what: Oversized::Bytes,
            limit: MAX_DOCUMENT_BYTES
        }
    );
}

#[test]
fn a_sealed_million_card_map_stops_unpacking_at_the_cap() {
    let text = cards_with_one_id(1_000_000);
    let key = ShareKey::from_bytes([5; 32]);
    let sealed = sealed::seal_json(&text, &key, [9; 12]);
    let started = Instant::now();
    let opened = sealed::open(&sealed, &key);
    println!(
        "sealed::open, 1,000,000 cards with one id ({} sealed bytes): {:?}",
        sealed.len(),
        started.elapsed()
    );
    // It would fit the upload limit: only the unpack cap stops it.
    assert!(sealed.len() < model::share::MAX_UPLOAD_BYTES);
    assert_eq!(opened.unwrap_err(), OpenError::TooLarge);
}

#[test]
fn more_cards_than_the_cap_are_refused_by_name() {
    let text = cards_with_one_id(Limit::Cards.max() + 1);
    assert_eq!(
        format::from_json(&text).unwrap_err(),
        too_many(Limit::Cards)
    );
    let key = ShareKey::from_bytes([5; 32]);
    let sealed = sealed::seal_json(&text, &key, [9; 12]);
    assert_eq!(
        sealed::open(&sealed, &key).unwrap_err(),
        OpenError::Map(too_many(Limit::Cards))
    );
}

#[test]
fn the_most_cards_with_one_id_load_each_renamed_in_linear_time() {
    let count = Limit::Cards.max();
    let started = Instant::now();
    let loaded = format::from_json(&cards_with_one_id(count)).unwrap();
    println!(
        "from_json, {count} cards with one id: {:?}",
        started.elapsed()
    );
    assert_eq!(loaded.map.cards.len(), count);
    assert_eq!(loaded.repairs.len(), count - 1);
    assert_eq!(
        loaded.map.cards[count - 1].id,
        CardId::new(format!("c-{count}"))
    );
    assert!(loaded.map.check_invariants().is_empty());
}

#[test]
fn each_cap_is_refused_by_name() {
    let many = |n: usize, item: Value| Value::Array(vec![item; n]);
    for limit in Limit::ALL {
        let mut doc: Value = serde_json::from_str(&cards_with_one_id(1)).unwrap();
        let over = limit.max() + 1;
        let map = &mut doc["map"];
        match limit {
            Limit::Stages => map["stages"] = many(over, json!({"id": "s", "name": "A"})),
            Limit::Lanes => map["lanes"] = many(over, json!({"id": "l", "kind": "goals"})),
            Limit::Cards => map["cards"] = many(over, map["cards"][0].clone()),
            Limit::Personas => map["personas"] = many(over, json!({"id": "p", "name": "A"})),
            Limit::Tags => map["cards"][0]["tags"] = many(over, json!("t")),
            Limit::Sources => map["cards"][0]["evidence"] = many(over, json!({"kind": "survey"})),
            Limit::Scores => {
                let score = json!({"stage": "s1", "score": 0});
                map["personas"] = json!([{"id": "p", "name": "A", "emotions": many(over, score)}]);
            }
        }
        assert_eq!(
            format::from_json(&doc.to_string()).unwrap_err(),
            too_many(limit)
        );
    }
}

#[test]
fn operations_refuse_to_pass_a_cap() {
    let mut n = 0;
    let mut map = new_map(
        Template::Blank,
        Locale::En,
        "T",
        chrono::DateTime::UNIX_EPOCH,
        &mut || {
            n += 1;
            format!("id{n}")
        },
    );
    let cell = Cell {
        lane: map
            .lanes
            .iter()
            .find(|l| l.kind.holds_cards())
            .unwrap()
            .id
            .clone(),
        stage: map.stages[0].id.clone(),
    };
    // Filled directly: adding 20,000 cards one by one through the operation is quadratic.
    map.cards = (0..Limit::Cards.max())
        .map(|i| model::Card::new(CardId::new(format!("x{i}")), cell.clone(), String::new()))
        .collect();
    assert_eq!(
        ops::add_card(&mut map, CardId::new("one more"), cell, 0, String::new()),
        Err(model::OpError::TooMany(Limit::Cards))
    );
    let card = map.cards[0].id.clone();
    let tags: Vec<String> = (0..=Limit::Tags.max()).map(|i| format!("t{i}")).collect();
    assert_eq!(
        ops::set_card_tags(&mut map, &card, tags),
        Err(model::OpError::TooMany(Limit::Tags))
    );
    assert!(map.check_invariants().is_empty());
    assert!(format::from_json(&format::to_json(&map)).is_ok());
}

#[test]
fn realistic_maps_deflate_well_within_the_allowance() {
    // Prose a person might write on cards, in both languages of the interface.
    let corpus = [
        include_str!("../../README.md"),
        include_str!("../../app/locales/ro.json"),
    ];
    let sentences: Vec<&str> = corpus
        .iter()
        .flat_map(|t| t.split(['.', '\n', '"']))
        .map(str::trim)
        .filter(|s| s.len() > 15)
        .collect();
    let mut rng = prose::Seeded(0x2545_f491_4f6c_dd1d);
    for cards in [100, 1_000, 5_000] {
        let mut mint_state = rng.next();
        let mut mint = || {
            mint_state = mint_state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            format!("{mint_state:016x}")
        };
        let mut map = new_map(
            Template::Saas,
            Locale::Ro,
            "Călătoria",
            chrono::DateTime::UNIX_EPOCH,
            &mut mint,
        );
        let lanes: Vec<_> = map
            .lanes
            .iter()
            .filter(|l| l.kind.holds_cards())
            .map(|l| l.id.clone())
            .collect();
        let stages: Vec<_> = map.stages.iter().map(|s| s.id.clone()).collect();
        for i in 0..cards {
            let cell = Cell {
                lane: rng.pick(&lanes).clone(),
                stage: rng.pick(&stages).clone(),
            };
            let text = (*rng.pick(&sentences)).to_owned();
            let id = CardId::new(format!("{:016x}", rng.next()));
            ops::add_card(&mut map, id.clone(), cell, 0, text).unwrap();
            if i % 3 == 0 {
                ops::set_card_tags(&mut map, &id, vec!["social".into(), "b2b".into()]).unwrap();
            }
        }
        let json = format::to_json(&map);
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
        let ratio = json.len() as f64 / packed.len() as f64;
        println!(
            "{cards} cards: {} bytes of JSON deflate {ratio:.2}×",
            json.len()
        );
        assert!(
            ratio < DEFLATE_ALLOWANCE as f64 * 0.8,
            "{cards} cards deflate {ratio:.2}×"
        );
    }
}

#[test]
fn overlong_tags_and_notes_are_shortened_and_untidy_tags_tidied() {
    let long = "x".repeat(model::map::MAX_TEXT_CHARS + 1);
    let mut doc: Value = serde_json::from_str(&cards_with_one_id(1)).unwrap();
    doc["map"]["cards"][0]["tags"] = json!([" web ", "", "web", long]);
    doc["map"]["personas"] = json!([{ "id": "p", "name": "A", "emotions": [{ "stage": "s1", "score": 0, "note": long }] }]);
    let loaded = format::from_json(&doc.to_string()).unwrap();
    assert_eq!(
        loaded.repairs,
        [
            Repair::ShortenedText {
                path: "map.cards[0].tags[3]".into()
            },
            Repair::TidiedTags(CardId::new("c")),
            Repair::ShortenedText {
                path: "map.personas[0].emotions[0].note".into()
            },
        ]
    );
    let tags = &loaded.map.cards[0].tags;
    assert_eq!(tags[0], "web");
    assert_eq!(tags.len(), 2);
    assert_eq!(tags[1].chars().count(), model::map::MAX_TEXT_CHARS);
    assert!(loaded.map.check_invariants().is_empty());
}
