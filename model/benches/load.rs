//! What opening a stored map costs before its board is drawn: `format::from_json` (parse,
//! migrate, type and repair) on realistic maps (`tests/common/realistic.rs`) of 1,000 and 5,000
//! cards, beside `to_json` of the same map. Medians of 30 runs; it reports and never fails a
//! build: `cargo bench -p model --bench load`.

use model::format;
use std::hint::black_box;
use std::time::Instant;

#[path = "../tests/common/prose.rs"]
mod prose;
#[path = "../tests/common/realistic.rs"]
mod realistic;
use realistic::realistic_map;

const RUNS: usize = 30;

/// The median time of `RUNS` calls of `f`, in ms.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let began = Instant::now();
            f();
            began.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    for cards in [1_000, 5_000] {
        let text = format::to_json(&realistic_map(cards));
        let load = median_ms(|| {
            black_box(format::from_json(black_box(&text)).expect("a realistic map loads"));
        });
        let map = format::from_json(&text).expect("a realistic map loads").map;
        let save = median_ms(|| {
            black_box(format::to_json(black_box(&map)));
        });
        println!(
            "{cards:>5} cards, {:>7} bytes: from_json {load:.3} ms, to_json {save:.3} ms",
            text.len()
        );
    }
}
