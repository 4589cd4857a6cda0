//! Any text: reading it as a Mermaid journey never panics; whatever it reads keeps the map's
//! invariants, and writing that map out reads back, without a note, to the same stages,
//! cards and scores.
#![no_main]

use chrono::DateTime;
use libfuzzer_sys::fuzz_target;
use model::mermaid::{self, Imported};
use model::{JourneyMap, Locale};

fn read(text: &str) -> Option<Imported> {
    let mut n = 0;
    let mut mint = || {
        n += 1;
        format!("id{n}")
    };
    mermaid::from_mermaid(text, Locale::En, DateTime::UNIX_EPOCH, &mut mint).ok()
}

/// Stage names, then each card's stage, text and personas, then each persona's name and
/// scores, by position rather than id.
fn shape(map: &JourneyMap) -> Vec<String> {
    let stage = |id| map.stages.iter().position(|s| &s.id == id);
    let persona = |id| map.personas.iter().position(|p| &p.id == id);
    let stages = map.stages.iter().map(|s| s.name.clone());
    let cards = map.cards.iter().map(|c| {
        let personas: Vec<_> = c.personas.iter().map(persona).collect();
        format!("{:?} {:?} {personas:?}", stage(&c.stage), c.text)
    });
    let personas = map
        .personas
        .iter()
        .map(|p| format!("{} {:?}", p.name, map.scores_of(Some(p))));
    stages.chain(cards).chain(personas).collect()
}

fuzz_target!(|text: &str| {
    let Some(imported) = read(text) else {
        return;
    };
    let violations = imported.map.check_invariants();
    assert!(violations.is_empty(), "{violations:?}");
    let written = mermaid::to_mermaid(&imported.map);
    let again = read(&written).expect("an export is a journey");
    assert_eq!(again.notes, [], "{written}");
    assert_eq!(shape(&again.map), shape(&imported.map), "{written}");
});
