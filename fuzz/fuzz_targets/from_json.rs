//! Any text: loading never panics, and whatever loads keeps the map's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use model::format;

fuzz_target!(|text: &str| {
    if let Ok(loaded) = format::from_json(text) {
        let violations = loaded.map.check_invariants();
        assert!(violations.is_empty(), "{violations:?}");
    }
});
