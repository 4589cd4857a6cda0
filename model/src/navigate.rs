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

pub fn place_of(map: &JourneyMap, card: &CardId) -> Option<Place> {
    let cell = map.card(card)?.cell();
    let mut index = 0;
    let mut count = 0;
    for c in map.cards_in(&cell) {
        if &c.id == card {
            index = count;
        }
        count += 1;
    }
    Some(Place { cell, index, count })
}

/// The target of one step as `(cell, position)` for `ops::move_card`, or `None` at an edge.
pub fn step(map: &JourneyMap, card: &CardId, direction: Direction) -> Option<(Cell, usize)> {
    let Place { cell, index, count } = place_of(map, card)?;
    let lanes: Vec<_> = map
        .lanes
        .iter()
        .filter(|l| !l.hidden && l.kind.holds_cards())
        .map(|l| l.id.clone())
        .collect();
    let lane_at = lanes.iter().position(|l| l == &cell.lane)?;
    let stage_at = map.stages.iter().position(|s| s.id == cell.stage)?;
    let size = |cell: &Cell| map.cards_in(cell).count();
    match direction {
        Direction::Up if index > 0 => Some((cell, index - 1)),
        Direction::Down if index + 1 < count => Some((cell, index + 1)),
        Direction::Up => {
            let lane = lanes.get(lane_at.checked_sub(1)?)?.clone();
            let to = Cell { lane, ..cell };
            let end = size(&to);
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
            let at = index.min(size(&to));
            Some((to, at))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::{LaneKind, Locale};
    use crate::ops::{add_card, move_card, set_lane_hidden};
    use crate::templates::{Template, new_map};
    use chrono::DateTime;

    /// Classic template: lanes touchpoints, emotions, pain points, opportunities.
    fn board() -> JourneyMap {
        let mut n = 0;
        let mut map = new_map(
            Template::Classic,
            Locale::En,
            "T",
            DateTime::UNIX_EPOCH,
            &mut || {
                n += 1;
                format!("id{n}")
            },
        );
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
        place_of(map, &card)
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
}
