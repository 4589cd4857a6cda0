//! "Never panics" beyond the JSON parser: valid maps broken structurally (duplicate and dangling
//! ids, other versions, huge and empty collections, wrong types, missing keys, overlong texts),
//! so that migration, the caps, typing, repair and de-duplication all see bad input.

mod common;

use common::arb_map;
use model::format;
use model::map::MAX_TEXT_CHARS;
use model::sealed::{self, ShareKey};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

#[derive(Clone, Debug)]
enum Mutation {
    /// Any node becomes a value of another shape.
    Replace(Index, Value),
    Remove(Index),
    /// An array element repeated, at times past its cap.
    Repeat(Index, usize),
    Empty(Index),
    Lengthen(Index, usize),
    /// A reference or id (a card's stage, lane or persona) becomes another one: a duplicate, or
    /// one pointing elsewhere.
    CopyId(Index, Index),
    /// A score, impact or effort anywhere on or off its scale.
    Score(Index, i64),
    Version(Value),
}

fn arb_value() -> impl Strategy<Value = Value> {
    proptest::sample::select(vec![
        Value::Null,
        json!(true),
        json!(7),
        json!(-1),
        json!(1e300),
        json!("gone"),
        json!(""),
        json!([]),
        json!({}),
        json!([1, "a"]),
        json!({"id": "x", "name": 3}),
    ])
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), arb_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        1 => any::<Index>().prop_map(Mutation::Remove),
        2 => (any::<Index>(), prop_oneof![2usize..4, Just(101), Just(201)])
            .prop_map(|(i, n)| Mutation::Repeat(i, n)),
        1 => any::<Index>().prop_map(Mutation::Empty),
        2 => (any::<Index>(), 1usize..3).prop_map(|(i, n)| Mutation::Lengthen(i, n)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::CopyId(a, b)),
        2 => (any::<Index>(), -9i64..10).prop_map(|(i, n)| Mutation::Score(i, n)),
        1 => prop_oneof![
            (0u64..5).prop_map(Value::from),
            arb_value(),
        ]
        .prop_map(Mutation::Version),
    ]
}

/// JSON pointers of every node under `value`, with the key or index that leads to each.
fn nodes(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        let path = format!("{at}/{key}");
        out.push((path.clone(), key));
        nodes(child, &path, out);
    }
}

fn mutate(doc: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    nodes(&doc["map"], "/map", &mut all);
    let keyed = |keys: &[&str]| -> Vec<String> {
        all.iter()
            .filter(|(_, key)| keys.contains(&key.as_str()))
            .map(|(path, _)| path.clone())
            .collect()
    };
    let (mut refs, scaled) = (
        keyed(&["id", "stage", "lane"]),
        keyed(&["score", "impact", "effort"]),
    );
    // The personas a card names are references too, kept in a list.
    refs.extend(
        all.iter()
            .filter(|(path, _)| {
                path.starts_with("/map/cards/")
                    && path
                        .rsplit_once('/')
                        .is_some_and(|(list, _)| list.ends_with("/personas"))
            })
            .map(|(path, _)| path.clone()),
    );
    let pick = |i: &Index| all[i.index(all.len())].0.clone();
    match mutation {
        Mutation::Replace(i, v) => *doc.pointer_mut(&pick(i)).unwrap() = v.clone(),
        Mutation::Remove(i) => {
            let path = pick(i);
            let (parent, key) = path.rsplit_once('/').unwrap();
            match doc.pointer_mut(parent).unwrap() {
                Value::Object(o) => drop(o.remove(key)),
                Value::Array(a) => drop(a.remove(key.parse().unwrap())),
                _ => {}
            }
        }
        Mutation::Repeat(i, n) => {
            let path = pick(i);
            let (parent, key) = path.rsplit_once('/').unwrap();
            if let Some(Value::Array(a)) = doc.pointer_mut(parent) {
                let item = a[key.parse::<usize>().unwrap()].clone();
                a.extend(std::iter::repeat_n(item, *n));
            }
        }
        Mutation::Empty(i) => match doc.pointer_mut(&pick(i)).unwrap() {
            Value::Array(a) => a.clear(),
            Value::Object(o) => o.clear(),
            Value::String(s) => s.clear(),
            _ => {}
        },
        Mutation::Lengthen(i, n) => {
            if let Some(Value::String(s)) = doc.pointer_mut(&pick(i)) {
                s.push_str(&"ș".repeat(MAX_TEXT_CHARS * n));
            }
        }
        Mutation::CopyId(a, b) if !refs.is_empty() => {
            let from = doc.pointer(&refs[b.index(refs.len())]).unwrap().clone();
            *doc.pointer_mut(&refs[a.index(refs.len())]).unwrap() = from;
        }
        Mutation::Score(i, n) if !scaled.is_empty() => {
            *doc.pointer_mut(&scaled[i.index(scaled.len())]).unwrap() = json!(n);
        }
        Mutation::CopyId(..) | Mutation::Score(..) => {}
        Mutation::Version(v) => doc["version"] = v.clone(),
    }
}

proptest! {
    #![proptest_config(common::config(200))]

    #[test]
    fn structurally_broken_maps_load_valid_or_are_refused(
        map in arb_map(),
        mutations in prop::collection::vec(arb_mutation(), 1..4),
    ) {
        let mut doc: Value = serde_json::from_str(&format::to_json(&map)).unwrap();
        for mutation in &mutations {
            mutate(&mut doc, mutation);
        }
        let text = doc.to_string();
        let loaded = format::from_json(&text);
        if let Ok(loaded) = &loaded {
            let violations = loaded.map.check_invariants();
            prop_assert!(violations.is_empty(), "{:?}", violations);
            // What loading repaired loads again as it is.
            let again = format::from_json(&format::to_json(&loaded.map)).unwrap();
            prop_assert!(again.repairs.is_empty(), "{:?}", again.repairs);
            prop_assert_eq!(&again.map, &loaded.map);
        }
        // Opening it from a link reaches the same outcome.
        let key = ShareKey::from_bytes([1; 32]);
        let opened = sealed::open(&sealed::seal_json(&text, &key, [2; 12]), &key);
        prop_assert_eq!(opened.map_err(|e| e.to_string()), loaded.map_err(|e| e.to_string()));
    }
}
