//! Turns a map written by an older version of Traseu into the current shape, on raw JSON
//! before it is typed. Steps are append-only: never edit a shipped step, add a new one. A
//! newer document is refused, never guessed at.

use serde_json::Value;

pub const CURRENT_VERSION: u32 = 4;

pub type Step = fn(&mut Value) -> Result<(), MigrateError>;

/// `STEPS[i]` turns version `i + 1` into `i + 2`, named for what it does.
pub const STEPS: &[(&str, Step)] = &[
    ("v1_to_v2_tags_as_list", v1_to_v2_tags_as_list),
    ("v2_to_v3_method_fields", v2_to_v3_method_fields),
    ("v3_to_v4_plan_fields", v3_to_v4_plan_fields),
];

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    #[error("version {0} is not one this version of Traseu can read")]
    Unsupported(u32),
    #[error("{path}: {message}")]
    Malformed { path: String, message: String },
}

/// Migrates the `map` object of a document written at version `from`.
pub fn up(map: Value, from: u32) -> Result<Value, MigrateError> {
    up_observed(map, from, |_| {})
}

/// `up`, telling `ran` the name of each step it runs, so a test can check that its fixtures
/// exercise every step (after tldraw's "all migrators called").
pub fn up_observed(
    mut map: Value,
    from: u32,
    mut ran: impl FnMut(&'static str),
) -> Result<Value, MigrateError> {
    if from == 0 || from > CURRENT_VERSION {
        return Err(MigrateError::Unsupported(from));
    }
    for (name, step) in &STEPS[(from - 1) as usize..] {
        step(&mut map)?;
        ran(name);
    }
    Ok(map)
}

/// Version 1 (the first slice's draft format) kept a card's tags as one comma-separated
/// string; version 2 keeps a list, so a tag may contain a comma.
fn v1_to_v2_tags_as_list(map: &mut Value) -> Result<(), MigrateError> {
    let Some(cards) = map.get_mut("cards") else {
        return Ok(());
    };
    let cards = cards
        .as_array_mut()
        .ok_or_else(|| MigrateError::Malformed {
            path: "map.cards".into(),
            message: "expected a list of cards".into(),
        })?;
    for card in cards {
        if let Some(tags) = card.get_mut("tags")
            && let Some(joined) = tags.as_str()
        {
            let list: Vec<Value> = joined
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Value::String(t.to_owned()))
                .collect();
            *tags = Value::Array(list);
        }
    }
    Ok(())
}

/// Version 3 adds the method's fields (a persona's avatar and profile; a card's category,
/// channel, personas, evidence, confidence, impact, effort and metric) and the service
/// blueprint's lane kinds. Each is optional with a default that means "as before", so a version
/// 2 map needs no rewriting. The version still goes up because an older Traseu would read a
/// version 3 map, silently drop the fields it does not know and save it without them; with the
/// bump it refuses the map as made by a newer Traseu instead.
fn v2_to_v3_method_fields(_map: &mut Value) -> Result<(), MigrateError> {
    Ok(())
}

/// Version 4 adds what a team plans for an opportunity: a card's `status`, `owner`, `due` and
/// the pain points it `addresses`. Optional, defaulting to "none", so nothing is rewritten; the
/// version goes up for the reason given at version 3.
fn v3_to_v4_plan_fields(_map: &mut Value) -> Result<(), MigrateError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn there_is_one_step_per_version_after_the_first() {
        assert_eq!(STEPS.len(), (CURRENT_VERSION - 1) as usize);
    }

    #[test]
    fn version_zero_and_future_versions_are_refused() {
        assert_eq!(up(json!({}), 0), Err(MigrateError::Unsupported(0)));
        assert_eq!(
            up(json!({}), CURRENT_VERSION + 1),
            Err(MigrateError::Unsupported(CURRENT_VERSION + 1))
        );
    }

    #[test]
    fn current_version_is_left_as_it_is() {
        let doc = json!({"cards": [{"tags": "a, b"}]});
        assert_eq!(up(doc.clone(), CURRENT_VERSION).unwrap(), doc);
    }

    #[test]
    fn v1_tags_become_a_list() {
        let doc = json!({"cards": [{"tags": "web, b2b,, "}, {"text": "no tags"}]});
        let migrated = up(doc, 1).unwrap();
        assert_eq!(migrated["cards"][0]["tags"], json!(["web", "b2b"]));
        assert!(migrated["cards"][1].get("tags").is_none());
    }

    #[test]
    fn v2_maps_need_no_rewriting_for_v3() {
        let doc = json!({"cards": [{"tags": ["a"], "colour": "pink"}], "personas": []});
        assert_eq!(up(doc.clone(), 2).unwrap(), doc);
    }

    #[test]
    fn v1_cards_that_are_not_a_list_are_reported() {
        assert!(matches!(
            up(json!({"cards": 3}), 1),
            Err(MigrateError::Malformed { .. })
        ));
    }
}
