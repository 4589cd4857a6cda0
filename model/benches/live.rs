//! How long live editing (`model::live`) takes on a realistic map (`tests/common/realistic.rs`)
//! of 1,000 and 5,000 cards: making the state of a map, one person's edit turned into a message
//! (by an op, and by committing a map the app changed), and another replica taking that message
//! in. Each includes drawing the map again, which is what the app waits for. It measures and
//! reports, and never fails a build: `cargo bench -p model --bench live`.

use chrono::DateTime;
use model::live::{Message, Replica, ReplicaId};
use model::{CardId, Op};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../tests/common/prose.rs"]
mod prose;
#[path = "../tests/common/realistic.rs"]
mod realistic;
use realistic::realistic_map;

/// The median, 95th percentile and fastest of `times`, in milliseconds.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "median {:>7.3} ms | p95 {:>7.3} ms | min {:>7.3} ms",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[0])
    )
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = black_box(f());
    (out, start.elapsed())
}

fn measure(cards: usize, runs: usize) {
    let map = realistic_map(cards);
    let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let id = |name: &str| ReplicaId::new(name).unwrap();
    let seeded: Vec<Duration> = (0..10)
        .map(|_| timed(|| Replica::from_map(&map, id("owner"))).1)
        .collect();
    let mut editor = Replica::from_map(&map, id("owner"));
    let state = editor.state().to_json();
    let mut other = Replica::from_state(editor.state().clone(), id("other"));

    // Edits of different cards, so that every message changes the other replica's state.
    let mut messages: Vec<Message> = Vec::new();
    let applied: Vec<Duration> = (0..runs)
        .map(|i| {
            let op = Op::EditCardText {
                id: CardId::new(format!("c{}", i * 7 % cards)),
                text: format!("Edited {i}"),
            };
            let (step, took) = timed(|| editor.apply(op, now).unwrap().unwrap());
            messages.push(step.message().clone());
            took
        })
        .collect();
    let committed: Vec<Duration> = (0..runs)
        .map(|i| {
            let mut edited = editor.map().clone();
            edited.cards[i * 11 % cards].text = format!("Committed {i}");
            let (step, took) = timed(|| editor.commit(&edited).unwrap());
            messages.push(step.message().clone());
            took
        })
        .collect();
    let received: Vec<Duration> = messages
        .iter()
        .map(|m| timed(|| assert!(other.receive(m))).1)
        .collect();
    assert_eq!(other.map(), editor.map(), "the two replicas converged");
    println!(
        "{cards:>5} cards | state {:>7} bytes of JSON, one edit's message {} bytes",
        state.len(),
        messages[0].to_json().len()
    );
    println!("      from_map        {}", summary(seeded));
    println!("      apply (an op)   {}", summary(applied));
    println!("      commit (a map)  {}", summary(committed));
    println!("      receive         {}", summary(received));
}

fn main() {
    println!("model::live, release build");
    measure(1_000, 200);
    measure(5_000, 50);
}
