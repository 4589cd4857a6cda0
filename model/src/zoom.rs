//! The board's zoom, in whole percent: the stops that zooming in and out go through, and the
//! zoom at which the whole journey fits the width the board has. Whole numbers, so a
//! remembered zoom reads back exactly.

/// The zoom a board opens at, the one Ctrl/Cmd+0 goes back to, and the most "fit" picks: a
/// short journey is not blown up to fill a wide screen.
pub const DEFAULT: u16 = 100;
/// Below this a card's text can no longer be read.
pub const MIN: u16 = 25;
pub const MAX: u16 = 200;

/// The stops of the buttons and of Ctrl/Cmd + and −, the ones browsers use.
const STOPS: [u16; 13] = [25, 33, 50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200];

/// Any zoom brought within [`MIN`]..=[`MAX`], say one read back from storage.
pub fn clamp(zoom: u16) -> u16 {
    zoom.clamp(MIN, MAX)
}

/// The first stop above `zoom` ([`MAX`] stays).
pub fn zoom_in(zoom: u16) -> u16 {
    STOPS.into_iter().find(|&s| s > zoom).unwrap_or(MAX)
}

/// The first stop below `zoom` ([`MIN`] stays).
pub fn zoom_out(zoom: u16) -> u16 {
    STOPS.into_iter().rev().find(|&s| s < zoom).unwrap_or(MIN)
}

/// The zoom at which the board fits `room` pixels across, given that at `zoom` it measures
/// `width` pixels, `rules` of which are the one-pixel lines between its columns: those stay one
/// pixel at any zoom while the rest scales. Rounded down to a whole percent so that it fits,
/// and kept within [`MIN`]..=[`DEFAULT`].
pub fn fit(width: f64, zoom: u16, rules: usize, room: f64) -> u16 {
    let rules = rules as f64;
    let scaled = (width - rules) / f64::from(zoom);
    if scaled <= 0.0 {
        return DEFAULT;
    }
    let fitting = ((room - rules) / scaled).floor();
    if fitting.is_nan() {
        return DEFAULT;
    }
    // Within u16 once clamped, so the cast is exact.
    fitting.clamp(f64::from(MIN), f64::from(DEFAULT)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_in_and_out_goes_through_the_stops() {
        assert_eq!(zoom_in(100), 110);
        assert_eq!(zoom_out(100), 90);
        assert_eq!(zoom_out(zoom_in(100)), 100);
        // A zoom between stops (as "fit" leaves it) goes to the nearest stop that way.
        assert_eq!(zoom_in(73), 75);
        assert_eq!(zoom_out(73), 67);
    }

    #[test]
    fn zoom_stops_at_its_ends() {
        assert_eq!(zoom_in(MAX), MAX);
        assert_eq!(zoom_out(MIN), MIN);
        assert_eq!(zoom_out(30), MIN);
    }

    #[test]
    fn a_stored_zoom_out_of_range_is_brought_back_in() {
        assert_eq!(clamp(0), MIN);
        assert_eq!(clamp(900), MAX);
        assert_eq!(clamp(80), 80);
    }

    #[test]
    fn fit_scales_all_but_the_rules_between_columns() {
        // 9 columns of 200 px plus their 9 rules, measured at 100%, in 1,425 px.
        let width = 9.0 * 200.0 + 9.0;
        let zoom = fit(width, 100, 9, 1425.0);
        assert_eq!(zoom, 78);
        // At that zoom it fits, and one percent more would not.
        let at = |z: u16| 1800.0 * f64::from(z) / 100.0 + 9.0;
        assert!(at(zoom) <= 1425.0);
        assert!(at(zoom + 1) > 1425.0);
    }

    #[test]
    fn fit_gives_the_same_answer_whatever_zoom_the_board_was_measured_at() {
        let at = |z: u16| 1800.0 * f64::from(z) / 100.0 + 9.0;
        for zoom in [25, 50, 78, 133, 200] {
            assert_eq!(fit(at(zoom), zoom, 9, 1425.0), 78, "measured at {zoom}%");
        }
    }

    #[test]
    fn fit_never_enlarges_a_board_that_fits_already() {
        assert_eq!(fit(600.0, 100, 4, 1425.0), DEFAULT);
    }

    #[test]
    fn fit_stops_at_the_smallest_zoom() {
        assert_eq!(fit(20_000.0, 100, 50, 390.0), MIN);
    }

    #[test]
    fn fit_of_a_board_with_nothing_to_measure_is_the_default() {
        assert_eq!(fit(0.0, 100, 0, 1425.0), DEFAULT);
        assert_eq!(fit(3.0, 100, 3, 1425.0), DEFAULT);
        assert_eq!(fit(f64::NAN, 100, 3, 1425.0), DEFAULT);
    }
}
