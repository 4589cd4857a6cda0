//! Positions as fractional keys, after Figma's and Excalidraw's: a thing's place in a list is
//! a string, and the list is its things sorted by key (then id). Putting a thing between two
//! others writes only its own key, one strictly between theirs, so concurrent moves of
//! different things never touch each other's registers.
//!
//! A key is base-62 digits (`0-9A-Za-z`, in ASCII order, so keys compare as strings) read as a
//! fraction, never ending in `0`: between any two such keys there is another. Every key a
//! replica makes ends with its own id and a `1`, so two replicas putting a thing at the same
//! spot at once make two different keys, and a third can later go between them.

use super::stamp::ReplicaId;

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: usize = DIGITS.len();

/// What a replica ends its keys with.
pub(crate) fn tag(replica: &ReplicaId) -> String {
    format!("{replica}1")
}

/// Whether `key` is one a list can put things beside. Keys made elsewhere may not be (a
/// message is data from another replica); a thing with such a key is given a new one when
/// its list is next reordered.
pub(crate) fn is_key(key: &str) -> bool {
    !key.is_empty() && !key.ends_with('0') && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn digit(byte: u8) -> usize {
    match byte {
        b'0'..=b'9' => usize::from(byte - b'0'),
        b'A'..=b'Z' => usize::from(byte - b'A') + 10,
        _ => usize::from(byte - b'a') + 36,
    }
}

/// Digits strictly between `lo` and `hi` (the list's ends when empty or `None`) that are not
/// a prefix of `hi`, so anything appended keeps them between. Both are keys, `lo < hi`.
fn midpoint(lo: &[u8], hi: Option<&[u8]>) -> Vec<u8> {
    if let Some(hi) = hi {
        // Their common prefix, reading missing digits of `lo` as zeros.
        let shared = hi
            .iter()
            .enumerate()
            .take_while(|&(i, &d)| lo.get(i).copied().unwrap_or(b'0') == d)
            .count();
        if shared > 0 {
            let mut out = hi[..shared].to_vec();
            out.extend(midpoint(
                lo.get(shared..).unwrap_or_default(),
                Some(&hi[shared..]),
            ));
            return out;
        }
    }
    let low = lo.first().map_or(0, |&d| digit(d));
    let high = hi.and_then(|h| h.first()).map_or(BASE, |&d| digit(d));
    if high > low + 1 {
        vec![DIGITS[(low + high) / 2]]
    } else {
        let mut out = vec![DIGITS[low]];
        out.extend(midpoint(lo.get(1..).unwrap_or_default(), None));
        out
    }
}

/// A key strictly between `lo` and `hi` (`None`: the list's start or end), ending with `tag`.
/// Both bounds are keys (see [`is_key`]) and `lo < hi`.
pub(crate) fn between(lo: Option<&str>, hi: Option<&str>, tag: &str) -> String {
    let digits = midpoint(lo.unwrap_or_default().as_bytes(), hi.map(str::as_bytes));
    // Only base-62 digits were pushed, so the bytes are ASCII.
    String::from_utf8_lossy(&digits).into_owned() + tag
}

/// `count` increasing keys strictly between `lo` and `hi`, halving the gap each time so that
/// a thousand keys in a row stay a few digits long.
pub(crate) fn spread(lo: Option<&str>, hi: Option<&str>, count: usize, tag: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(count);
    fill(lo, hi, count, tag, &mut keys);
    keys
}

fn fill(lo: Option<&str>, hi: Option<&str>, count: usize, tag: &str, keys: &mut Vec<String>) {
    if count == 0 {
        return;
    }
    let middle = between(lo, hi, tag);
    let before = count / 2;
    fill(lo, Some(&middle), before, tag, keys);
    keys.push(middle.clone());
    fill(Some(&middle), hi, count - before - 1, tag, keys);
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "a1";
    const B: &str = "b1";

    fn check(lo: Option<&str>, hi: Option<&str>) -> String {
        let key = between(lo, hi, A);
        assert!(is_key(&key), "{key}");
        assert!(lo.is_none_or(|lo| lo < key.as_str()), "{lo:?} < {key}");
        assert!(hi.is_none_or(|hi| key.as_str() < hi), "{key} < {hi:?}");
        key
    }

    #[test]
    fn a_key_falls_strictly_between_its_bounds_and_ends_with_the_tag() {
        let cases = [
            (None, None),
            (None, Some("1")),
            (None, Some("01")),
            (Some("z"), None),
            (Some("zzz"), None),
            (Some("4"), Some("5")),
            (Some("49"), Some("5")),
            (Some("4"), Some("52")),
            (Some("4z"), Some("5")),
            (Some("V"), Some("Va1")),
            (Some("Va1"), Some("Va11")),
            (Some("Vb1"), Some("Vb11")),
        ];
        for (lo, hi) in cases {
            assert!(check(lo, hi).ends_with(A));
        }
    }

    #[test]
    fn two_replicas_putting_a_thing_at_one_spot_make_different_keys_with_room_between() {
        let (lo, hi) = (Some("V"), Some("W"));
        let one = between(lo, hi, A);
        let other = between(lo, hi, B);
        assert_ne!(one, other);
        let (first, second) = if one < other {
            (one, other)
        } else {
            (other, one)
        };
        check(Some(&first), Some(&second));
    }

    #[test]
    fn inserting_again_and_again_at_one_spot_keeps_every_key_in_order() {
        let mut keys = vec![between(None, None, A)];
        for i in 0..300 {
            // Always just after the first key, then always at the very front.
            let key = if i % 2 == 0 {
                check(Some(&keys[0]), keys.get(1).map(String::as_str))
            } else {
                check(None, Some(&keys[0]))
            };
            keys.push(key);
            keys.sort();
        }
        let mut sorted = keys.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), 301);
    }

    #[test]
    fn a_thousand_keys_spread_in_order_and_stay_short() {
        let keys = spread(None, None, 1000, A);
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().all(|k| is_key(k) && k.len() <= 12), "{keys:?}");
        let inside = spread(Some(&keys[3]), Some(&keys[4]), 50, B);
        assert!(inside.first().unwrap() > &keys[3] && inside.last().unwrap() < &keys[4]);
        assert!(inside.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keys_that_could_not_take_a_neighbour_are_not_keys() {
        for bad in ["", "V0", "V-1", "Vă"] {
            assert!(!is_key(bad), "{bad}");
        }
        assert!(is_key("Va1"));
    }
}
