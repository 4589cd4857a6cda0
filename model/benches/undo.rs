//! What undo keeps per step on a realistic map (`tests/common/realistic.rs`) of 5,000 cards:
//! the bytes still allocated after 200 edits, and how long keeping one step takes, for a copy
//! of the whole map (how undo worked before `model::undo`) and for an undo record. The edits
//! mix a card's text, its colour, moving it to the top of its cell and an emotion score. It
//! measures and reports, and never fails a build: `cargo bench -p model --bench undo`.

use chrono::DateTime;
use model::undo::Record;
use model::{CardId, JourneyMap, Op, Score, ops};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "../tests/common/prose.rs"]
mod prose;
#[path = "../tests/common/realistic.rs"]
mod realistic;
use realistic::realistic_map;

/// The system allocator, counting the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const STEPS: usize = 200;

fn edit(map: &JourneyMap, i: usize) -> Op {
    let card = &map.cards[i * 37 % map.cards.len()];
    let id = CardId::new(card.id.as_str());
    match i % 4 {
        0 => Op::EditCardText {
            id,
            text: format!("Edited {i}"),
        },
        1 => Op::SetCardColour {
            id,
            colour: model::Colour::Pink,
        },
        2 => Op::MoveCard {
            id,
            to: card.cell(),
            at: 0,
        },
        _ => Op::SetEmotion {
            persona: map.personas[0].id.clone(),
            stage: map.stages[i % map.stages.len()].id.clone(),
            score: Score::new((i % 7) as i8 - 3).unwrap(),
        },
    }
}

/// Applies `STEPS` edits to `map`, keeping each step with `keep`; the bytes allocated since the
/// first step and still held at the end (nearly all of them the kept steps), and the time
/// each `keep` took.
fn run<T>(mut map: JourneyMap, keep: impl Fn(&JourneyMap, &Op) -> T) -> (usize, Vec<Duration>) {
    let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let mut times = Vec::with_capacity(STEPS);
    let start = LIVE.load(Ordering::Relaxed);
    let mut kept = Vec::with_capacity(STEPS);
    for i in 0..STEPS {
        let op = edit(&map, i);
        let began = Instant::now();
        kept.push(black_box(keep(&map, &op)));
        times.push(began.elapsed());
        ops::apply(&mut map, op, now).unwrap();
    }
    let bytes = LIVE.load(Ordering::Relaxed) - start;
    drop(black_box(kept));
    (bytes, times)
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let map = realistic_map(5_000);
    println!("model::undo, release build, {STEPS} edits of a 5,000-card map");
    let (whole, whole_times) = run(map.clone(), |m, _| m.clone());
    let (records, record_times) = run(map, |m, op| {
        let mut record = Record::new(m);
        record.widen(m, op);
        record
    });
    for (name, bytes, times) in [
        ("whole map", whole, whole_times),
        ("undo record", records, record_times),
    ] {
        println!(
            "  {name:<12} {:>12} bytes kept, {:>9.0} per step, median {:.4} ms per step",
            bytes,
            bytes as f64 / STEPS as f64,
            median(times)
        );
    }
}
