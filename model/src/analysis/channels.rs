//! Rule 4, channels used inconsistently. Here a touchpoint is a card of a shown lane with a
//! channel, exactly what the channels view counts: a card without one says nothing about
//! channels. A persona's preferred channels are those of its profile.
//!
//! - [`FindingKind::NoPreferredChannel`]: a stage with touchpoints, none of which uses a
//!   channel that one of the personas it is for prefers. Only when at least one persona the
//!   stage's touchpoints are for states preferred channels: otherwise nobody said.
//! - [`FindingKind::PreferredChannelsMissing`]: at a stage where a persona has touchpoints,
//!   the channels it prefers that none of its own touchpoints there use (a channel that only
//!   reaches other personas does not reach it).
//! - [`FindingKind::BrokenThread`]: a channel that serves a stage (any touchpoint there uses
//!   it), is absent from the next stage or stages, and serves a later stage again; one finding
//!   per interruption.

use super::FindingKind;
use super::board::{Board, Placed};
use crate::touchpoint::Channel;

pub(super) fn find(board: &Board) -> Vec<FindingKind> {
    let mut found = no_preferred_channel(board);
    found.extend(preferred_channels_missing(board));
    found.extend(broken_threads(board));
    found
}

fn no_preferred_channel(board: &Board) -> Vec<FindingKind> {
    let preferred = |placed: &Placed| {
        placed.card.channel.is_some_and(|channel| {
            board
                .personas_of(placed.card)
                .any(|p| board.preferred[p].contains(channel))
        })
    };
    (0..board.stage_count())
        .filter_map(|s| {
            let stating: Vec<usize> = (0..board.map.personas.len())
                .filter(|&p| {
                    !board.persona_reach[s][p].channels.is_empty() && !board.preferred[p].is_empty()
                })
                .collect();
            (!stating.is_empty() && !board.stage_cards(s).iter().any(preferred)).then(|| {
                FindingKind::NoPreferredChannel {
                    stage: board.stage_id(s).clone(),
                    personas: stating
                        .into_iter()
                        .map(|p| board.persona_id(p).clone())
                        .collect(),
                    used: board.reach[s].channels.to_vec(),
                }
            })
        })
        .collect()
}

fn preferred_channels_missing(board: &Board) -> Vec<FindingKind> {
    let mut found = Vec::new();
    for s in 0..board.stage_count() {
        for (p, reach) in board.persona_reach[s].iter().enumerate() {
            let missing = board.preferred[p].minus(reach.channels);
            if !reach.channels.is_empty() && !missing.is_empty() {
                found.push(FindingKind::PreferredChannelsMissing {
                    persona: board.persona_id(p).clone(),
                    stage: board.stage_id(s).clone(),
                    channels: missing.to_vec(),
                });
            }
        }
    }
    found
}

fn broken_threads(board: &Board) -> Vec<FindingKind> {
    let mut found = Vec::new();
    for channel in Channel::ALL {
        let served: Vec<usize> = (0..board.stage_count())
            .filter(|&s| board.reach[s].channels.contains(channel))
            .collect();
        for pair in served.windows(2) {
            let (from, back) = (pair[0], pair[1]);
            if back > from + 1 {
                found.push(FindingKind::BrokenThread {
                    channel,
                    from: board.stage_id(from).clone(),
                    missing: (from + 1..back)
                        .map(|s| board.stage_id(s).clone())
                        .collect(),
                    back: board.stage_id(back).clone(),
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::sketch::{Sketch, persona, stage};
    use super::*;
    use crate::map::LaneKind::*;
    use Channel::*;

    fn channels(s: &Sketch) -> Vec<FindingKind> {
        find(&Board::new(&s.map()))
    }

    fn touchpoint(s: &mut Sketch, stage: usize, channel: Channel, personas: &[usize]) {
        let card = s.card(0, stage);
        card.channel = Some(channel);
        card.personas = personas.iter().map(|&p| persona(p)).collect();
    }

    #[test]
    fn a_stage_reaching_nobody_through_a_channel_they_prefer_is_flagged() {
        let mut s = Sketch::new(3, &[Touchpoints]);
        s.persona(&[], &[Email, Phone]);
        s.persona(&[], &[]);
        touchpoint(&mut s, 0, Blog, &[]);
        touchpoint(&mut s, 0, Website, &[]);
        touchpoint(&mut s, 1, Email, &[]);
        touchpoint(&mut s, 2, Email, &[1]);
        touchpoint(&mut s, 2, InApp, &[0]);
        assert_eq!(
            no_preferred_channel(&Board::new(&s.map())),
            [
                FindingKind::NoPreferredChannel {
                    stage: stage(0),
                    personas: vec![persona(0)],
                    used: vec![Website, Blog],
                },
                FindingKind::NoPreferredChannel {
                    stage: stage(2),
                    personas: vec![persona(0)],
                    used: vec![Email, InApp],
                },
            ]
        );
    }

    #[test]
    fn without_stated_preferences_no_channel_is_wrong() {
        let mut s = Sketch::new(2, &[Touchpoints]);
        s.persona(&[], &[]);
        touchpoint(&mut s, 0, Blog, &[]);
        touchpoint(&mut s, 1, Blog, &[]);
        assert_eq!(channels(&s), []);
    }

    #[test]
    fn touchpoints_without_a_channel_say_nothing_about_channels() {
        let mut s = Sketch::new(1, &[Touchpoints]);
        s.persona(&[], &[Email]);
        s.card(0, 0);
        assert_eq!(channels(&s), []);
    }

    #[test]
    fn a_persona_misses_the_preferred_channels_its_own_touchpoints_do_not_use() {
        let mut s = Sketch::new(2, &[Touchpoints]);
        s.persona(&[], &[Email, Phone, LiveChat]);
        s.persona(&[], &[Phone]);
        touchpoint(&mut s, 0, Email, &[0]);
        touchpoint(&mut s, 0, Phone, &[1]);
        touchpoint(&mut s, 1, Phone, &[]);
        assert_eq!(
            preferred_channels_missing(&Board::new(&s.map())),
            [
                FindingKind::PreferredChannelsMissing {
                    persona: persona(0),
                    stage: stage(0),
                    channels: vec![Phone, LiveChat],
                },
                FindingKind::PreferredChannelsMissing {
                    persona: persona(0),
                    stage: stage(1),
                    channels: vec![Email, LiveChat],
                },
            ]
        );
    }

    #[test]
    fn a_channel_that_leaves_and_comes_back_breaks_its_thread_each_time() {
        let mut s = Sketch::new(6, &[Touchpoints, Notes]);
        for stage in [0, 2, 5] {
            touchpoint(&mut s, stage, Email, &[]);
        }
        for stage in [1, 2, 3] {
            touchpoint(&mut s, stage, Phone, &[]);
        }
        s.card(1, 1);
        assert_eq!(
            broken_threads(&Board::new(&s.map())),
            [
                FindingKind::BrokenThread {
                    channel: Email,
                    from: stage(0),
                    missing: vec![stage(1)],
                    back: stage(2),
                },
                FindingKind::BrokenThread {
                    channel: Email,
                    from: stage(2),
                    missing: vec![stage(3), stage(4)],
                    back: stage(5),
                },
            ]
        );
    }

    #[test]
    fn a_channel_in_a_hidden_lane_does_not_mend_a_thread() {
        let mut s = Sketch::new(3, &[Touchpoints, Channels]);
        touchpoint(&mut s, 0, Email, &[]);
        touchpoint(&mut s, 2, Email, &[]);
        s.card(1, 1).channel = Some(Email);
        s.hide_lane(1);
        assert_eq!(broken_threads(&Board::new(&s.map())).len(), 1);
    }
}
