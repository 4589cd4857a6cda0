//! Keys for a list in a new order: as many things as can keep theirs do, and only the others
//! are written, so a move writes the moved thing alone.

use super::key::{is_key, spread};
use crate::diff::in_order;

/// For a list in its new order, where `keys[i]` is the key the i-th thing may keep (`None`:
/// it is new here, or was moved, and needs one), the new key of each thing that needs one.
/// Those that keep theirs are the most whose keys already rise in the new order (on a tie, as
/// in `diff`: of two swapped neighbours, the one that came forward moves).
pub(crate) fn rekey(keys: &[Option<&str>], tag: &str) -> Vec<Option<String>> {
    let usable: Vec<(usize, &str)> = (keys.iter().enumerate())
        .filter_map(|(i, key)| key.filter(|k| is_key(k)).map(|k| (i, k)))
        .collect();
    let mut sorted: Vec<&str> = usable.iter().map(|&(_, k)| k).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let ranks: Vec<usize> = usable
        .iter()
        .map(|(_, k)| sorted.partition_point(|s| s < k))
        .collect();
    let mut kept = vec![false; keys.len()];
    for (&(i, _), stays) in usable.iter().zip(in_order(&ranks)) {
        kept[i] = stays;
    }
    let mut out = vec![None; keys.len()];
    let mut lo: Option<&str> = None;
    let mut start = 0;
    for i in 0..=keys.len() {
        if i < keys.len() && !kept[i] {
            continue;
        }
        let hi = if i < keys.len() { keys[i] } else { None };
        for (slot, key) in out[start..i].iter_mut().zip(spread(lo, hi, i - start, tag)) {
            *slot = Some(key);
        }
        lo = hi;
        start = i + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(keys: &[Option<&str>]) -> Vec<bool> {
        rekey(keys, "t1").iter().map(Option::is_some).collect()
    }

    fn settled(keys: &[Option<&str>]) -> Vec<String> {
        let new = rekey(keys, "t1");
        let all: Vec<String> = (keys.iter().zip(new))
            .map(|(old, new)| new.unwrap_or_else(|| old.unwrap().to_owned()))
            .collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "{all:?}");
        all
    }

    #[test]
    fn a_list_in_key_order_writes_nothing() {
        assert_eq!(written(&[Some("F"), Some("V"), Some("k")]), [false; 3]);
    }

    #[test]
    fn a_thing_taken_to_the_front_is_the_only_one_written() {
        let keys = [Some("k"), Some("F"), Some("V")];
        assert_eq!(written(&keys), [true, false, false]);
        assert!(settled(&keys)[0].as_str() < "F");
    }

    #[test]
    fn new_things_go_between_their_neighbours() {
        let keys = [None, Some("F"), None, None, Some("V"), None];
        assert_eq!(written(&keys), [true, false, true, true, false, true]);
        settled(&keys);
    }

    #[test]
    fn equal_and_unusable_keys_are_replaced() {
        let keys = [Some("F"), Some("F"), Some(""), Some("V0"), Some("V")];
        assert_eq!(written(&keys), [true, false, true, true, false]);
        settled(&keys);
    }
}
