//! How long `analysis::analyse` takes on a realistic map (`tests/common/realistic.rs`) of
//! 1,000, 5,000 and 20,000 cards. It measures and reports, and never fails a build:
//! `cargo bench -p model --bench analysis`.

use model::analysis::analyse;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../tests/common/prose.rs"]
mod prose;
#[path = "../tests/common/realistic.rs"]
mod realistic;
use realistic::realistic_map;

/// Times `analyse` on a map of `cards` cards: `warm_up` runs unmeasured, then `runs` measured.
fn measure(cards: usize, warm_up: usize, runs: usize) {
    let map = realistic_map(cards);
    for _ in 0..warm_up {
        black_box(analyse(black_box(&map)));
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(analyse(black_box(&map)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let analysis = analyse(&map);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{cards:>6} cards | {runs:>4} runs | median {:>7.3} ms | p95 {:>7.3} ms | min {:>7.3} ms \
         | {} findings, {} ranked, {} unrated",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[0]),
        analysis.findings.len(),
        analysis.priorities.ranked.len(),
        analysis.priorities.unrated.len(),
    );
}

fn main() {
    println!("analysis::analyse, release build");
    measure(1_000, 20, 200);
    measure(5_000, 10, 100);
    // The most cards a map may hold (`Limit::Cards`), to show the growth stays near linear.
    measure(20_000, 5, 50);
}
