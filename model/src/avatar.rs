//! How a persona's avatar looks without a picture (initials on a colour of its own), and how
//! an uploaded picture is scaled and re-encoded until a map may keep it.

use crate::profile::AVATAR_PIXELS;

/// Up to two letters for a name: the first letter of its first and of its last word.
pub fn initials(name: &str) -> String {
    let mut words = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()));
    let first = words.next();
    let last = words.next_back();
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// A colour of the persona's own, the same for its id in every browser, dark enough that
/// white initials on it read at a contrast of at least 4.5:1 (WCAG AA for text).
pub fn colour(id: &str) -> (u8, u8, u8) {
    // FNV-1a: a stable hash, unlike std's, which is seeded per process.
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let hue = f64::from(hash % 360);
    let mut lightness = 0.42;
    loop {
        let rgb = hsl(hue, 0.55, lightness);
        if contrast_with_white(rgb) >= 4.6 {
            return rgb;
        }
        lightness -= 0.02;
    }
}

fn hsl(hue: f64, saturation: f64, lightness: f64) -> (u8, u8, u8) {
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let h = hue / 60.0;
    let x = chroma * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = lightness - chroma / 2.0;
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (byte(r), byte(g), byte(b))
}

/// WCAG 2 contrast ratio between a colour and white.
pub fn contrast_with_white((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    1.05 / (luminance + 0.05)
}

/// `width` × `height` scaled down (never up) so that the longer side is at most `longest`,
/// keeping the proportions; each side at least one pixel.
pub fn fit(width: u32, height: u32, longest: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= longest || long == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(longest) + u64::from(long) / 2) / u64::from(long)).max(1)
            as u32
    };
    (scale(width), scale(height))
}

/// One try at encoding an avatar: the canvas size and the encoder's quality (0–1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attempt {
    pub width: u32,
    pub height: u32,
    pub quality: f64,
}

/// Qualities tried at each size, best first.
const QUALITIES: [f64; 4] = [0.9, 0.75, 0.6, 0.45];

/// Sizes tried, as a share of the largest allowed, after every quality failed at the one before.
const SHRINK: [f64; 4] = [1.0, 0.75, 0.5, 0.25];

/// The encodings to try for a picture of `width` × `height`, in order, until one is small
/// enough: first lower quality at the largest size, then smaller sizes.
pub fn attempts(width: u32, height: u32) -> impl Iterator<Item = Attempt> {
    SHRINK.into_iter().flat_map(move |share| {
        let longest = ((f64::from(AVATAR_PIXELS) * share).round() as u32).max(1);
        let (width, height) = fit(width, height, longest);
        QUALITIES.into_iter().map(move |quality| Attempt {
            width,
            height,
            quality,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Main persona"), "MP");
        assert_eq!(initials("ana"), "A");
        assert_eq!(initials("  Ana  Maria Pop "), "AP");
        assert_eq!(initials("Ștefan (IT) țăran"), "ȘȚ");
        assert_eq!(initials("“Quoted” name"), "QN");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn every_colour_reads_with_white_initials_and_is_stable() {
        for i in 0..2000 {
            let id = format!("persona-{i}");
            let c = colour(&id);
            assert!(contrast_with_white(c) >= 4.5, "{id}: {c:?}");
            assert_eq!(colour(&id), c);
        }
        let distinct: std::collections::HashSet<_> =
            (0..50).map(|i| colour(&format!("p{i}"))).collect();
        assert!(distinct.len() > 30, "ids spread over many colours");
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white((255, 255, 255)) - 1.0).abs() < 1e-9);
        assert!((contrast_with_white((0x76, 0x76, 0x76)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn fit_scales_the_longer_side_down_only() {
        assert_eq!(fit(1024, 512, 256), (256, 128));
        assert_eq!(fit(300, 1200, 256), (64, 256));
        assert_eq!(fit(100, 50, 256), (100, 50));
        assert_eq!(fit(10_000, 1, 256), (256, 1));
        assert_eq!(fit(0, 0, 256), (1, 1));
        assert_eq!(fit(u32::MAX, u32::MAX / 2, 256), (256, 128));
    }

    #[test]
    fn attempts_lower_quality_then_size() {
        let all: Vec<_> = attempts(4000, 3000).collect();
        assert_eq!(all.len(), QUALITIES.len() * SHRINK.len());
        assert_eq!(
            all[0],
            Attempt {
                width: 256,
                height: 192,
                quality: 0.9
            }
        );
        assert_eq!((all[1].width, all[1].quality), (256, 0.75));
        assert_eq!((all[4].width, all[4].height), (192, 144));
        assert_eq!((all[15].width, all[15].height), (64, 48));
        assert!(all.windows(2).all(|w| w[1].width <= w[0].width));
        let small: Vec<_> = attempts(40, 20).collect();
        assert!(small.iter().all(|a| a.width <= 40 && a.height <= 20));
        assert_eq!((small[0].width, small[0].height), (40, 20));
    }
}
