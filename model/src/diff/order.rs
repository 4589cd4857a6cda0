//! How one ordered list of things with ids became another: which were added, which removed,
//! and which of those in both changed their order. Only a change of *relative* order counts as
//! a move: inserting one stage shifts the index of every later one, and none of those moved.

use std::collections::HashMap;
use std::hash::Hash;

/// A thing and its position in its list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Placed<'a, T> {
    pub at: usize,
    pub item: &'a T,
}

/// A thing in both lists.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Kept<'a, T> {
    pub before: Placed<'a, T>,
    pub after: Placed<'a, T>,
    /// Whether it left the relative order of the other kept things.
    pub moved: bool,
}

/// What became of a thing of the list after.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Matched<'a, T> {
    Added(Placed<'a, T>),
    Kept(Kept<'a, T>),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Alignment<'a, T> {
    /// Every thing of the list after, in its order.
    pub after: Vec<Matched<'a, T>>,
    /// In the order of the list before.
    pub removed: Vec<Placed<'a, T>>,
}

/// For each thing of `after`, the position in `before` of the thing with its key. An id that a
/// list repeats (no well-formed map does) is matched once; its other occurrences are left
/// unmatched, so they count as removed or added.
pub(super) fn pair<'a, T, K>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&'a T) -> &'a K,
) -> Vec<Option<usize>>
where
    K: Eq + Hash + ?Sized + 'a,
{
    let mut index: HashMap<&K, usize> = HashMap::with_capacity(before.len());
    for (at, item) in before.iter().enumerate() {
        index.entry(key(item)).or_insert(at);
    }
    let mut matched = vec![false; before.len()];
    after
        .iter()
        .map(|item| match index.get(key(item)) {
            Some(&from) if !matched[from] => {
                matched[from] = true;
                Some(from)
            }
            _ => None,
        })
        .collect()
}

/// The positions in a list of `len` things that `pairs` (from [`pair`]) left unmatched.
pub(super) fn unmatched(len: usize, pairs: &[Option<usize>]) -> Vec<usize> {
    let mut matched = vec![false; len];
    for &from in pairs.iter().flatten() {
        matched[from] = true;
    }
    (0..len).filter(|&at| !matched[at]).collect()
}

/// Matches `before` and `after` by `key` (see [`pair`]) and finds which of the things in both
/// left the relative order of the others.
pub(super) fn align<'a, T, K>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&'a T) -> &'a K,
) -> Alignment<'a, T>
where
    K: Eq + Hash + ?Sized + 'a,
{
    let pairs = pair(before, after, key);
    let order: Vec<usize> = pairs.iter().flatten().copied().collect();
    let mut stayed = in_order(&order).into_iter();
    let found = after
        .iter()
        .zip(&pairs)
        .enumerate()
        .map(|(at, (item, from))| {
            let after = Placed { at, item };
            match *from {
                Some(from) => Matched::Kept(Kept {
                    before: Placed {
                        at: from,
                        item: &before[from],
                    },
                    after,
                    moved: stayed.next() == Some(false),
                }),
                None => Matched::Added(after),
            }
        })
        .collect();
    let removed = unmatched(before.len(), &pairs)
        .into_iter()
        .map(|at| Placed {
            at,
            item: &before[at],
        })
        .collect();
    Alignment {
        after: found,
        removed,
    }
}

/// Which values of `sequence` lie on one longest strictly increasing subsequence of it. Given
/// the old positions of things in their new order, those are the most things that can be said
/// to have kept their order; the rest moved. Patience sorting, in O(n log n).
///
/// When several subsequences are longest (two neighbours swapped), the one kept is the one
/// whose values end each length smallest: of `[1, 0]`, the `0`, so the thing that came forward
/// is the one that moved.
pub(crate) fn in_order(sequence: &[usize]) -> Vec<bool> {
    // tails[n]: the index of the smallest value ending an increasing run of length n + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; sequence.len()];
    for (i, &value) in sequence.iter().enumerate() {
        let length = tails.partition_point(|&t| sequence[t] < value);
        previous[i] = length.checked_sub(1).map(|n| tails[n]);
        if length == tails.len() {
            tails.push(i);
        } else {
            tails[length] = i;
        }
    }
    let mut kept = vec![false; sequence.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = previous[i];
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept<'a>(alignment: &Alignment<'a, &'a str>) -> Vec<Kept<'a, &'a str>> {
        alignment
            .after
            .iter()
            .filter_map(|m| match m {
                Matched::Kept(k) => Some(*k),
                Matched::Added(_) => None,
            })
            .collect()
    }

    fn moved(before: &[&str], after: &[&str]) -> Vec<String> {
        kept(&align(before, after, |s| *s))
            .iter()
            .filter(|k| k.moved)
            .map(|k| k.after.item.to_string())
            .collect()
    }

    #[test]
    fn an_insertion_moves_nothing() {
        assert!(moved(&["a", "b", "c"], &["x", "a", "b", "c"]).is_empty());
        assert!(moved(&["a", "b", "c"], &["a", "c"]).is_empty());
    }

    #[test]
    fn taking_the_last_to_the_front_moves_only_it() {
        assert_eq!(moved(&["a", "b", "c", "d"], &["d", "a", "b", "c"]), ["d"]);
        assert_eq!(moved(&["a", "b", "c", "d"], &["b", "c", "d", "a"]), ["a"]);
    }

    #[test]
    fn of_two_swapped_neighbours_the_one_that_came_forward_moved() {
        assert_eq!(moved(&["a", "b", "c"], &["b", "a", "c"]), ["b"]);
    }

    #[test]
    fn a_reversal_keeps_one_in_place() {
        assert_eq!(moved(&["a", "b", "c"], &["c", "b", "a"]), ["c", "b"]);
    }

    #[test]
    fn the_longest_run_in_order_is_kept() {
        assert_eq!(in_order(&[3, 0, 4, 1, 2]), [false, true, false, true, true]);
        assert!(in_order(&[]).is_empty());
    }

    #[test]
    fn additions_and_removals_keep_their_positions() {
        let alignment = align(&["a", "b", "c"], &["c", "x", "a"], |s| *s);
        fn at<'a>(placed: &[Placed<'a, &'a str>]) -> Vec<(usize, &'a str)> {
            placed.iter().map(|p| (p.at, *p.item)).collect()
        }
        assert_eq!(at(&alignment.removed), [(1, "b")]);
        assert_eq!(
            alignment.after[1],
            Matched::Added(Placed { at: 1, item: &"x" })
        );
        let kept: Vec<_> = kept(&alignment)
            .iter()
            .map(|k| (*k.after.item, k.before.at, k.after.at, k.moved))
            .collect();
        assert_eq!(kept, [("c", 2, 0, true), ("a", 0, 2, false)]);
    }

    #[test]
    fn a_repeated_id_is_matched_once() {
        let alignment = align(&["a", "a"], &["a", "a", "a"], |s| *s);
        assert_eq!(kept(&alignment).len(), 1);
        assert_eq!(alignment.removed.len(), 1);
        assert_eq!(alignment.after.len(), 3);
    }
}
