//! Where a card goes when it is moved one step with the keyboard: within its cell, then on to
//! the neighbouring lane or stage. Hidden lanes and the emotions lane are skipped.

use crate::ids::CardId;
use crate::map::{Cell, JourneyMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// Where a card is: its cell, its position there (from 0) and how many cards the cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub cell: Cell,
    pub index: usize,
    pub count: usize,
}

/// Where a card is as the person sees it: among the cards of its cell that `shown` accepts (a
/// filter may hide some), the card itself always counted.
pub fn place_of(map: &JourneyMap, card: &CardId, shown: impl Fn(&CardId) -> bool) -> Option<Place> {
    let cell = map.card(card)?.cell();
    let mut index = 0;
    let mut count = 0;
    for c in map.cards_in(&cell) {
        if &c.id == card {
            index = count;
        } else if !shown(&c.id) {
            continue;
        }
        count += 1;
    }
    Some(Place { cell, index, count })
}

/// Where a group of cards moving together stands, as one block at `anchor`'s place: its
/// position counts only the cards outside the group, and the block counts as one.
pub fn place_among(map: &JourneyMap, anchor: &CardId, group: &[CardId]) -> Option<Place> {
    let cell = map.card(anchor)?.cell();
    let mut index = 0;
    let mut count = 1;
    for c in map.cards_in(&cell) {
        if &c.id == anchor {
            index = count - 1;
        } else if !group.contains(&c.id) {
            count += 1;
        }
    }
    Some(Place { cell, index, count })
}

/// `ids` in the order a journey is read: by stage, then lane, then position in the cell.
/// Ids of missing cards and repeats are left out.
pub fn in_board_order(map: &JourneyMap, ids: &[CardId]) -> Vec<CardId> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (at, card) in map.cards.iter().enumerate() {
        if !ids.contains(&card.id) {
            continue;
        }
        let stage = map.stages.iter().position(|s| s.id == card.stage);
        let lane = map.lanes.iter().position(|l| l.id == card.lane);
        found.push((stage.unwrap_or(usize::MAX), lane.unwrap_or(usize::MAX), at));
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|(_, _, at)| map.cards[at].id.clone())
        .collect()
}

/// The target of one step as `(cell, position)` for `ops::move_card`, or `None` at an edge.
pub fn step(map: &JourneyMap, card: &CardId, direction: Direction) -> Option<(Cell, usize)> {
    step_group(map, card, std::slice::from_ref(card), direction)
}

/// The target of one step of `group` moving as a block led by `anchor`, as `(cell,
/// position)` for `ops::move_cards`, or `None` at an edge. A scattered group gathers at the
/// anchor's new place.
pub fn step_group(
    map: &JourneyMap,
    anchor: &CardId,
    group: &[CardId],
    direction: Direction,
) -> Option<(Cell, usize)> {
    step_group_among(map, anchor, group, direction, |_| true)
}

/// [`step_group`] on a board that draws only the cards `shown` accepts (a filter hides the
/// rest): a step passes the next card the person sees, and a card entering a cell keeps its
/// place among the cards shown there. Positions still count every card, as the ops expect.
pub fn step_group_among(
    map: &JourneyMap,
    anchor: &CardId,
    group: &[CardId],
    direction: Direction,
    shown: impl Fn(&CardId) -> bool,
) -> Option<(Cell, usize)> {
    let Place { cell, index, .. } = place_among(map, anchor, group)?;
    let lanes: Vec<_> = map
        .lanes
        .iter()
        .filter(|l| !l.hidden && l.kind.holds_cards())
        .map(|l| l.id.clone())
        .collect();
    let lane_at = lanes.iter().position(|l| l == &cell.lane)?;
    let stage_at = map.stages.iter().position(|s| s.id == cell.stage)?;
    // A cell's cards other than the moving ones, each with whether it is drawn.
    let others = |cell: &Cell| -> Vec<bool> {
        map.cards_in(cell)
            .filter(|c| !group.contains(&c.id))
            .map(|c| shown(&c.id))
            .collect()
    };
    let here = others(&cell);
    let shown_before = here[..index].iter().rposition(|&s| s);
    let shown_after = here[index..].iter().position(|&s| s).map(|p| index + p);
    match direction {
        Direction::Up if shown_before.is_some() => Some((cell, shown_before?)),
        Direction::Down if shown_after.is_some() => Some((cell, shown_after? + 1)),
        Direction::Up => {
            let lane = lanes.get(lane_at.checked_sub(1)?)?.clone();
            let to = Cell { lane, ..cell };
            let end = others(&to).len();
            Some((to, end))
        }
        Direction::Down => {
            let lane = lanes.get(lane_at + 1)?.clone();
            Some((Cell { lane, ..cell }, 0))
        }
        Direction::Left | Direction::Right => {
            let stage_at = match direction {
                Direction::Left => stage_at.checked_sub(1)?,
                _ => stage_at + 1,
            };
            let stage = map.stages.get(stage_at)?.id.clone();
            let to = Cell { stage, ..cell };
            let seen = here[..index].iter().filter(|&&s| s).count();
            let at = index_of_shown(&others(&to), seen);
            Some((to, at))
        }
    }
}

/// Where a card placed `nth` among the shown cards of a cell goes among all of them, as the
/// move ops count: before the `nth` shown card, or after the last card when fewer are shown.
/// `shown` says, for each of the cell's cards in order, whether it is drawn.
pub fn index_of_shown(shown: &[bool], nth: usize) -> usize {
    shown
        .iter()
        .enumerate()
        .filter(|(_, s)| **s)
        .nth(nth)
        .map_or(shown.len(), |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::LaneKind;
    use crate::ops::{add_card, move_card, move_cards, set_lane_hidden};

    /// Classic template: lanes touchpoints, emotions, pain points, opportunities.
    fn board() -> JourneyMap {
        let mut map = crate::filter::tests::map_with(Vec::new());
        let c = |map: &JourneyMap, lane: usize, stage: usize| Cell {
            lane: map.lanes[lane].id.clone(),
            stage: map.stages[stage].id.clone(),
        };
        for (id, lane, stage, at) in [
            ("a", 0, 1, 0),
            ("b", 0, 1, 1),
            ("x", 2, 1, 0),
            ("y", 2, 2, 0),
        ] {
            let cell = c(&map, lane, stage);
            add_card(&mut map, CardId::new(id), cell, at, id.into()).unwrap();
        }
        map
    }

    fn go(map: &mut JourneyMap, id: &str, direction: Direction) -> Option<Place> {
        let card = CardId::new(id);
        let (to, at) = step(map, &card, direction)?;
        move_card(map, &card, to, at).unwrap();
        place_of(map, &card, |_| true)
    }

    fn lane_kind(map: &JourneyMap, place: &Place) -> LaneKind {
        map.lane(&place.cell.lane).unwrap().kind
    }

    #[test]
    fn up_and_down_move_within_the_cell_first() {
        let mut map = board();
        let p = go(&mut map, "a", Direction::Down).unwrap();
        assert_eq!((p.index, p.count), (1, 2));
        let p = go(&mut map, "a", Direction::Up).unwrap();
        assert_eq!((p.index, p.count), (0, 2));
    }

    #[test]
    fn down_past_the_last_card_enters_the_next_lane_skipping_emotions() {
        let mut map = board();
        let p = go(&mut map, "b", Direction::Down).unwrap();
        assert_eq!(lane_kind(&map, &p), LaneKind::PainPoints);
        assert_eq!((p.index, p.count), (0, 2));
        let p = go(&mut map, "b", Direction::Up).unwrap();
        assert_eq!(lane_kind(&map, &p), LaneKind::Touchpoints);
        assert_eq!((p.index, p.count), (1, 2));
    }

    #[test]
    fn left_and_right_change_stage_and_keep_the_position_when_they_can() {
        let mut map = board();
        let p = go(&mut map, "b", Direction::Right).unwrap();
        assert_eq!(p.cell.stage, map.stages[2].id);
        assert_eq!((p.index, p.count), (0, 1));
        let p = go(&mut map, "x", Direction::Right).unwrap();
        assert_eq!((p.index, p.count), (0, 2));
    }

    #[test]
    fn edges_and_hidden_lanes_stop_the_card() {
        let mut map = board();
        assert_eq!(step(&map, &CardId::new("a"), Direction::Up), None);
        go(&mut map, "a", Direction::Left).unwrap();
        assert_eq!(step(&map, &CardId::new("a"), Direction::Left), None);
        let opportunities = map.lanes[3].id.clone();
        set_lane_hidden(&mut map, &opportunities, true).unwrap();
        assert_eq!(step(&map, &CardId::new("y"), Direction::Down), None);
        assert_eq!(step(&map, &CardId::new("nope"), Direction::Down), None);
    }

    fn ids(names: &[&str]) -> Vec<CardId> {
        names.iter().map(|n| CardId::new(*n)).collect()
    }

    #[test]
    fn board_order_is_stage_then_lane_then_position() {
        let map = board();
        assert_eq!(
            in_board_order(&map, &ids(&["y", "x", "b", "a", "nope"])),
            ids(&["a", "b", "x", "y"])
        );
    }

    #[test]
    fn a_group_steps_as_one_block_among_the_other_cards() {
        let mut map = board();
        let group = ids(&["b", "x"]);
        let anchor = CardId::new("b");
        // Scattered: "b" is second of its cell, "x" is in another lane; the block gathers.
        let (to, at) = step_group(&map, &anchor, &group, Direction::Up).unwrap();
        assert_eq!((to.lane.clone(), at), (map.lanes[0].id.clone(), 0));
        move_cards(&mut map, &group, to, at).unwrap();
        let place = place_among(&map, &anchor, &group).unwrap();
        assert_eq!((place.index, place.count), (0, 2));
        // Down passes the one other card, then leaves for the pain points lane, where the
        // group's own card no longer counts.
        let (to, at) = step_group(&map, &anchor, &group, Direction::Down).unwrap();
        assert_eq!(at, 1);
        move_cards(&mut map, &group, to, at).unwrap();
        let (to, at) = step_group(&map, &anchor, &group, Direction::Down).unwrap();
        assert_eq!(
            (map.lane(&to.lane).unwrap().kind, at),
            (LaneKind::PainPoints, 0)
        );
        move_cards(&mut map, &group, to.clone(), at).unwrap();
        let texts: Vec<_> = map.cards_in(&to).map(|c| c.text.clone()).collect();
        assert_eq!(texts, ["b", "x"]);
    }

    #[test]
    fn steps_pass_the_cards_a_filter_hides() {
        let mut map = board();
        let touch = |map: &JourneyMap, stage: usize| Cell {
            lane: map.lanes[0].id.clone(),
            stage: map.stages[stage].id.clone(),
        };
        // Stage 1 holds a, h, b; stage 2 holds h2, v2; h and h2 are hidden.
        for (id, stage, at) in [("h", 1, 1), ("h2", 2, 0), ("v2", 2, 1)] {
            let cell = touch(&map, stage);
            add_card(&mut map, CardId::new(id), cell, at, id.into()).unwrap();
        }
        let shown = |id: &CardId| !["h", "h2"].contains(&id.as_str());
        let step = |map: &JourneyMap, id: &str, direction| {
            let card = CardId::new(id);
            step_group_among(map, &card, std::slice::from_ref(&card), direction, shown)
        };
        // Up from b goes before a, not merely before the hidden h.
        assert_eq!(step(&map, "b", Direction::Up), Some((touch(&map, 1), 0)));
        // Down from a goes after b.
        assert_eq!(step(&map, "a", Direction::Down), Some((touch(&map, 1), 2)));
        // Right keeps a first among the shown cards: after h2, before v2.
        assert_eq!(step(&map, "a", Direction::Right), Some((touch(&map, 2), 1)));
        // Second shown, b lands after v2 in stage 2.
        assert_eq!(step(&map, "b", Direction::Right), Some((touch(&map, 2), 2)));
        // With nothing shown past it, Down leaves the cell.
        let (to, at) = step(&map, "b", Direction::Down).unwrap();
        assert_eq!(
            (map.lane(&to.lane).unwrap().kind, at),
            (LaneKind::PainPoints, 0)
        );
        // Showing everything steps as before.
        let card = CardId::new("b");
        assert_eq!(
            step_group_among(
                &map,
                &card,
                std::slice::from_ref(&card),
                Direction::Up,
                |_| true
            ),
            step_group(&map, &card, std::slice::from_ref(&card), Direction::Up)
        );
        assert_eq!(
            step_group(&map, &card, std::slice::from_ref(&card), Direction::Up),
            Some((touch(&map, 1), 1))
        );
    }

    #[test]
    fn a_place_among_the_shown_cards_counts_the_hidden_ones_before_it() {
        let shown = [false, true, false, true];
        assert_eq!(index_of_shown(&shown, 0), 1);
        assert_eq!(index_of_shown(&shown, 1), 3);
        assert_eq!(index_of_shown(&shown, 2), 4, "after the last");
        assert_eq!(index_of_shown(&[], 0), 0);
        assert_eq!(index_of_shown(&[true, true], 1), 1);
    }

    #[test]
    fn a_place_counts_only_the_cards_shown() {
        let mut map = board();
        let cell = map.card(&CardId::new("a")).unwrap().cell();
        add_card(&mut map, CardId::new("h"), cell, 1, "h".into()).unwrap();
        let place = place_of(&map, &CardId::new("b"), |id| id.as_str() != "h").unwrap();
        assert_eq!((place.index, place.count), (1, 2));
        let place = place_of(&map, &CardId::new("b"), |_| true).unwrap();
        assert_eq!((place.index, place.count), (2, 3));
    }
}
