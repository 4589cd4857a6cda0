//! Bytes as text that costs as little of a browser's local storage as text can. Chromium counts
//! its quota in UTF-16 code units (5,242,880 per origin, whatever the characters: see
//! `bench/quota.mjs`), so base64, at 6 bits a code unit, spends 2.7 code units of quota per
//! byte. Here each code unit carries 15 bits, as lz-string's `compressToUTF16` does: the
//! characters U+0020 to U+801F, none of them a surrogate, so every text is valid UTF-16 and valid
//! UTF-8 and survives any storage that keeps strings.
//!
//! The first character says how many bits of the last one are padding (0..=14); the rest carry
//! the bytes, most significant bit first. Every byte string has exactly one text.

/// The first character's code; data characters are this plus a 15-bit value.
const BASE: u32 = 0x20;
const BITS: u32 = 15;

pub fn encode(bytes: &[u8]) -> String {
    let chars = (bytes.len() * 8).div_ceil(BITS as usize);
    let padding = chars * BITS as usize - bytes.len() * 8;
    let mut out = String::with_capacity(1 + chars * 3);
    out.push(code(padding as u32));
    let (mut acc, mut held) = (0u32, 0u32);
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        held += 8;
        if held >= BITS {
            held -= BITS;
            out.push(code(acc >> held));
            acc &= (1 << held) - 1;
        }
    }
    if held > 0 {
        out.push(code(acc << (BITS - held)));
    }
    out
}

fn code(value: u32) -> char {
    char::from_u32(BASE + value).expect("a 15-bit value plus the base is a character")
}

/// What `encode` wrote, or `None` for any other text.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut values = text.chars().map(|c| {
        let value = u32::from(c).checked_sub(BASE)?;
        (value < 1 << BITS).then_some(value)
    });
    let padding = values.next()?? as usize;
    let chars = text.chars().count() - 1;
    let bits = (chars * BITS as usize).checked_sub(padding)?;
    // Exactly what `encode` writes: whole bytes, and less than one character of padding.
    if padding >= BITS as usize || bits % 8 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bits / 8);
    let (mut acc, mut held) = (0u32, 0u32);
    for value in values {
        acc = (acc << BITS) | value?;
        held += BITS;
        while held >= 8 && out.len() < bits / 8 {
            held -= 8;
            out.push((acc >> held) as u8);
            acc &= (1 << held) - 1;
        }
    }
    // The padding bits are zero.
    (acc == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_at_every_length_around_a_character() {
        for len in 0..64usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(decode(&text), Some(bytes), "length {len}");
            assert_eq!(text.chars().count(), 1 + (len * 8).div_ceil(15));
        }
    }

    #[test]
    fn every_character_is_in_range_and_none_is_a_surrogate() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for c in encode(&bytes).chars() {
            assert!((0x20..=0x801F).contains(&u32::from(c)), "{c:?}");
        }
        assert_eq!(decode(&encode(&[0xFF; 30])), Some(vec![0xFF; 30]));
    }

    #[test]
    fn other_texts_are_refused() {
        let good = encode(b"journey");
        for bad in [
            String::new(),
            "\u{1F}".to_owned(),
            format!("{good}\u{8020}"),
            format!("\u{2F}{}", &good[1..]),
            "not packed at all!".to_owned(),
        ] {
            assert_eq!(decode(&bad), None, "{bad:?}");
        }
        // A padding bit set, or a whole character of padding, is not what `encode` writes.
        let mut chars: Vec<char> = encode(b"a").chars().collect();
        chars[1] = char::from_u32(u32::from(chars[1]) | 1).unwrap();
        assert_eq!(decode(&chars.iter().collect::<String>()), None);
        assert_eq!(decode(&format!("{good}\u{20}")), None);
    }

    #[test]
    fn fifteen_bits_a_character_is_two_and_a_half_times_denser_than_base64() {
        let bytes = vec![7u8; 3000];
        let dense = encode(&bytes).encode_utf16().count();
        let base64 = crate::share::encode_base64url(&bytes).len();
        assert!(dense * 5 <= base64 * 2 + 5, "{dense} against {base64}");
    }
}
