//! Sample data for the tests, benchmarks and examples that need realistic maps: a seeded
//! generator, so every run builds the same map, and prose a person might write on cards in
//! each language of the interface. Files that need it include it by path (`#[path]`), so the
//! model crate itself carries no sample data.
#![allow(dead_code)]

use model::Locale;
use std::collections::{BTreeMap, HashMap};

/// A xorshift generator: enough to spread sample data, and the same stream on every run.
pub struct Seeded(pub u64);

impl Seeded {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sentences of prose in `locale`, from the interface's own catalogue in that language: both
/// languages then say the same things and differ only as languages do (longer words, the
/// letters ă, â, î, ș, ț, other quotation marks). Texts with placeholders are left out; what
/// remains reads like notes on a card.
pub fn sentences(locale: Locale) -> Vec<String> {
    let catalogue = match locale {
        Locale::En => include_str!("../../../app/locales/en.json"),
        Locale::Ro => include_str!("../../../app/locales/ro.json"),
    };
    let texts: BTreeMap<String, String> =
        serde_json::from_str(catalogue).expect("a catalogue maps keys to texts");
    texts
        .values()
        .filter(|text| !text.contains("{{"))
        .flat_map(|text| text.split(". "))
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| s.chars().count() >= 20 && s.contains(' '))
        .map(str::to_owned)
        .collect()
}

/// New sentences in the words of `sentences(locale)`: each word is one that follows the one
/// before it somewhere in the catalogue. The catalogue's own sentences, drawn again and again,
/// deflate far better than a team's notes would, and sizes are what this is for: the texts of
/// 200 cards deflate 4.1–4.7× drawn whole, 3.7–3.9× chained like this, 2.8× as English prose
/// that never repeats.
pub struct Prose {
    /// For each word, the words seen after it; the empty word is a sentence's start as a key
    /// and its end as a follower.
    followers: HashMap<String, Vec<String>>,
}

impl Prose {
    const MIN_WORDS: usize = 4;
    const MAX_WORDS: usize = 24;

    pub fn new(locale: Locale) -> Prose {
        let mut followers: HashMap<String, Vec<String>> = HashMap::new();
        for sentence in sentences(locale) {
            let mut previous = "";
            for word in sentence.split_whitespace().chain([""]) {
                followers
                    .entry(previous.to_owned())
                    .or_default()
                    .push(word.to_owned());
                previous = word;
            }
        }
        Prose { followers }
    }

    /// One sentence, capitalised and ended.
    pub fn sentence(&self, rng: &mut Seeded) -> String {
        let mut words: Vec<&str> = Vec::new();
        let mut last = "";
        while words.len() < Self::MAX_WORDS {
            let options = &self.followers[last];
            let word = rng.pick(options).as_str();
            if !word.is_empty() {
                words.push(word);
                last = word;
            } else if words.len() >= Self::MIN_WORDS || options.iter().all(String::is_empty) {
                break;
            }
        }
        let text = words.join(" ");
        let mut chars = text.chars();
        let mut sentence: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        sentence.push_str(chars.as_str());
        if sentence.ends_with(char::is_alphanumeric) {
            sentence.push('.');
        }
        sentence
    }

    /// `count` sentences, as one text.
    pub fn text(&self, rng: &mut Seeded, count: usize) -> String {
        (0..count)
            .map(|_| self.sentence(rng))
            .collect::<Vec<_>>()
            .join(" ")
    }
}
