//! A map away from the board: presented stage by stage in a meeting room, and printed as a
//! blank worksheet for a paper workshop. Which slide follows which, what a swipe asks for, what
//! a stage's slide holds and which columns a worksheet has are rules, so they are tested here.

use crate::map::{Card, JourneyMap, Lane, Stage};

/// One slide of a presentation: a stage's, by its place among the stages, or the overview of
/// the whole journey, which comes after the last stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    Stage(usize),
    Overview,
}

/// A move between slides, as a key, a button or a swipe asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
    First,
    Last,
}

impl Slide {
    /// Where a presentation of a map with `stages` stages starts: the first stage, or the
    /// overview when there is none.
    pub fn first(stages: usize) -> Slide {
        if stages == 0 {
            Slide::Overview
        } else {
            Slide::Stage(0)
        }
    }

    /// The slide `step` leads to. Past either end it stays put: the overview is the last
    /// slide, the first stage's the first.
    pub fn step(self, step: Step, stages: usize) -> Slide {
        let at = self.within(stages);
        match (step, at) {
            (Step::First, _) => Slide::first(stages),
            (Step::Last, _) => Slide::Overview,
            (Step::Next, Slide::Stage(i)) if i + 1 < stages => Slide::Stage(i + 1),
            (Step::Next, _) => Slide::Overview,
            (Step::Previous, Slide::Stage(i)) => Slide::Stage(i.saturating_sub(1)),
            (Step::Previous, Slide::Overview) => match stages {
                0 => Slide::Overview,
                n => Slide::Stage(n - 1),
            },
        }
    }

    /// The same slide once the map has `stages` stages: a stage past the end (deleted while
    /// presenting, in another tab) becomes the last one still there.
    pub fn within(self, stages: usize) -> Slide {
        match self {
            Slide::Stage(_) if stages == 0 => Slide::Overview,
            Slide::Stage(i) => Slide::Stage(i.min(stages - 1)),
            Slide::Overview => Slide::Overview,
        }
    }
}

/// How far, in CSS pixels, a finger must travel sideways for a swipe to turn the slide: well
/// past a tap's wobble (`position::DRAG_THRESHOLD`), well short of a slide's width on a phone.
pub const SWIPE_DISTANCE: f64 = 48.0;

/// What a pointer pressed at `from` and lifted at `to` asks for: swiping left brings the next
/// slide, swiping right the previous one, as when turning a page. Travel that is short, or
/// more up and down than sideways (scrolling a long slide), asks for nothing.
pub fn swipe(from: (f64, f64), to: (f64, f64)) -> Option<Step> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    if dx.abs() < SWIPE_DISTANCE || dx.abs() <= dy.abs() {
        None
    } else if dx < 0.0 {
        Some(Step::Next)
    } else {
        Some(Step::Previous)
    }
}

/// What a stage's slide shows: each shown lane that has cards `shown` accepts at `stage`,
/// with those cards, in board order. Hidden lanes and the emotions lane (drawn apart) are left
/// out, and so is a lane with no card to show.
pub fn stage_cards<'a>(
    map: &'a JourneyMap,
    stage: &Stage,
    shown: impl Fn(&Card) -> bool,
) -> Vec<(&'a Lane, Vec<&'a Card>)> {
    map.lanes
        .iter()
        .filter(|lane| !lane.hidden && lane.kind.holds_cards())
        .map(|lane| {
            let cards = map
                .cards
                .iter()
                .filter(|c| c.lane == lane.id && c.stage == stage.id && shown(c))
                .collect::<Vec<_>>();
            (lane, cards)
        })
        .filter(|(_, cards)| !cards.is_empty())
        .collect()
}

/// How many columns a blank worksheet has for a map without stages: a journey's usual length,
/// between the classic template's five and the SaaS template's eight.
pub const BLANK_WORKSHEET_STAGES: usize = 6;

/// The column heads of a blank worksheet: the map's stage names, or empty heads to write in.
pub fn worksheet_columns(map: &JourneyMap) -> Vec<&str> {
    if map.stages.is_empty() {
        vec![""; BLANK_WORKSHEET_STAGES]
    } else {
        map.stages.iter().map(|s| s.name.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CardId, LaneId, StageId};
    use crate::map::{Cell, LaneKind, Locale};
    use crate::templates::{Template, new_map};
    use chrono::DateTime;

    fn classic() -> JourneyMap {
        let mut n = 0;
        let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        new_map(Template::Classic, Locale::En, "Map", now, &mut || {
            n += 1;
            format!("id{n}")
        })
    }

    fn add_card(map: &mut JourneyMap, lane: &LaneId, stage: &StageId, text: &str) {
        let cell = Cell {
            lane: lane.clone(),
            stage: stage.clone(),
        };
        map.cards.push(Card::new(
            CardId::new(format!("card-{text}")),
            cell,
            text.to_owned(),
        ));
    }

    fn lane_of(map: &JourneyMap, kind: LaneKind) -> LaneId {
        map.lanes
            .iter()
            .find(|l| l.kind == kind)
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn next_walks_the_stages_then_the_overview_and_stops_there() {
        let walked: Vec<Slide> = std::iter::successors(Some(Slide::first(3)), |s| {
            let next = s.step(Step::Next, 3);
            (next != *s).then_some(next)
        })
        .collect();
        assert_eq!(
            walked,
            [
                Slide::Stage(0),
                Slide::Stage(1),
                Slide::Stage(2),
                Slide::Overview
            ]
        );
    }

    #[test]
    fn previous_from_the_overview_is_the_last_stage_and_stops_at_the_first() {
        assert_eq!(Slide::Overview.step(Step::Previous, 5), Slide::Stage(4));
        assert_eq!(Slide::Stage(1).step(Step::Previous, 5), Slide::Stage(0));
        assert_eq!(Slide::Stage(0).step(Step::Previous, 5), Slide::Stage(0));
    }

    #[test]
    fn first_and_last_jump_to_the_first_stage_and_the_overview() {
        assert_eq!(Slide::Stage(3).step(Step::First, 5), Slide::Stage(0));
        assert_eq!(Slide::Stage(1).step(Step::Last, 5), Slide::Overview);
    }

    #[test]
    fn a_map_without_stages_presents_only_its_overview() {
        assert_eq!(Slide::first(0), Slide::Overview);
        for step in [Step::Next, Step::Previous, Step::First, Step::Last] {
            assert_eq!(Slide::Overview.step(step, 0), Slide::Overview);
        }
    }

    #[test]
    fn a_stage_deleted_while_presenting_gives_way_to_the_last_one_left() {
        assert_eq!(Slide::Stage(7).within(5), Slide::Stage(4));
        assert_eq!(Slide::Stage(7).step(Step::Previous, 5), Slide::Stage(3));
        assert_eq!(Slide::Stage(2).within(0), Slide::Overview);
    }

    #[test]
    fn swiping_left_turns_to_the_next_slide_and_right_to_the_previous() {
        assert_eq!(swipe((300.0, 200.0), (100.0, 220.0)), Some(Step::Next));
        assert_eq!(swipe((100.0, 200.0), (300.0, 180.0)), Some(Step::Previous));
    }

    #[test]
    fn a_short_or_mostly_vertical_swipe_turns_nothing() {
        assert_eq!(
            swipe((100.0, 100.0), (100.0 - SWIPE_DISTANCE + 1.0, 100.0)),
            None
        );
        assert_eq!(swipe((100.0, 100.0), (20.0, 300.0)), None);
        assert_eq!(swipe((100.0, 100.0), (100.0, 100.0)), None);
    }

    #[test]
    fn a_stage_slide_groups_the_shown_cards_by_shown_lane_in_board_order() {
        let mut map = classic();
        let (touch, pains) = (
            lane_of(&map, LaneKind::Touchpoints),
            lane_of(&map, LaneKind::PainPoints),
        );
        let (first, second) = (map.stages[0].id.clone(), map.stages[1].id.clone());
        add_card(&mut map, &pains, &first, "Slow site");
        add_card(&mut map, &touch, &first, "Ad");
        add_card(&mut map, &touch, &first, "Blog post");
        add_card(&mut map, &touch, &second, "Pricing page");
        add_card(&mut map, &touch, &first, "Hidden by the filter");
        let slide = stage_cards(&map, &map.stages[0], |c| c.text != "Hidden by the filter");
        let said: Vec<(LaneKind, Vec<&str>)> = slide
            .iter()
            .map(|(lane, cards)| (lane.kind, cards.iter().map(|c| c.text.as_str()).collect()))
            .collect();
        assert_eq!(
            said,
            [
                (LaneKind::Touchpoints, vec!["Ad", "Blog post"]),
                (LaneKind::PainPoints, vec!["Slow site"]),
            ]
        );
    }

    #[test]
    fn a_hidden_lane_and_lanes_without_cards_stay_off_the_slide() {
        let mut map = classic();
        let pains = lane_of(&map, LaneKind::PainPoints);
        let first = map.stages[0].id.clone();
        add_card(&mut map, &pains, &first, "Slow site");
        map.lanes.iter_mut().find(|l| l.id == pains).unwrap().hidden = true;
        assert!(stage_cards(&map, &map.stages[0], |_| true).is_empty());
    }

    #[test]
    fn a_worksheet_has_the_maps_stage_names_or_six_blank_columns() {
        let mut map = classic();
        assert_eq!(
            worksheet_columns(&map),
            [
                "Awareness",
                "Consideration",
                "Purchase",
                "Retention",
                "Advocacy"
            ]
        );
        map.stages.clear();
        assert_eq!(worksheet_columns(&map), vec![""; BLANK_WORKSHEET_STAGES]);
    }
}
