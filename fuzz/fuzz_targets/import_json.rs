//! Any text as a Traseu file: importing never panics, whatever it imports keeps the map's
//! invariants (its snapshots' maps too), and exporting that imports back the same, with an
//! empty report.
#![no_main]

use chrono::DateTime;
use libfuzzer_sys::fuzz_target;
use model::file::{Defaults, export_json, import_json};
use model::{Locale, MapId};

fuzz_target!(|text: &str| {
    let defaults = Defaults {
        id: MapId::new("fresh"),
        title: "Imported".into(),
        locale: Locale::Ro,
        now: DateTime::UNIX_EPOCH,
    };
    let Ok(imported) = import_json(text, &defaults) else {
        return;
    };
    let maps = std::iter::once(&imported.map).chain(imported.snapshots.iter().map(|s| &s.map));
    for map in maps {
        let violations = map.check_invariants();
        assert!(violations.is_empty(), "{violations:?}");
    }
    let again = import_json(&export_json(&imported.map, &imported.snapshots), &defaults)
        .expect("an export imports");
    assert!(
        again.report.is_empty() && again.unlisted == 0,
        "{:?}",
        again.report
    );
    assert_eq!(again.map, imported.map);
    assert_eq!(again.snapshots, imported.snapshots);
});
