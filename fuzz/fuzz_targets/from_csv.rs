//! Any text as a CSV: reading never panics, whatever it makes keeps the map's invariants, and
//! writing that map gives a CSV that reads back to the same map with nothing listed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use model::Locale;
use model::csv::{from_csv, to_csv};

fn minter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("id{n}")
    }
}

fuzz_target!(|text: &str| {
    let now = chrono::DateTime::UNIX_EPOCH;
    let Ok(read) = from_csv(text, Locale::Ro, now, &mut minter()) else {
        return;
    };
    let violations = read.map.check_invariants();
    assert!(violations.is_empty(), "{violations:?}");
    let again = from_csv(&to_csv(&read.map, true), Locale::Ro, now, &mut minter())
        .expect("a written map reads back");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.map, read.map);
});
