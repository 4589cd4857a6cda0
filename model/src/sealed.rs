//! A map sealed for sharing: its file-format JSON, deflated, then encrypted with AES-256-GCM.
//!
//! The browser seals with a key that lives only in the link's `#fragment`, which browsers never
//! send, so the server stores bytes it cannot read. Callers draw the key and the IV from a
//! cryptographic generator and pass them in: the model has no randomness of its own.

use crate::format::{self, LoadError, Loaded};
use crate::map::JourneyMap;
use crate::share::{IV_BYTES, MIN_CIPHERTEXT_BYTES, decode_base64url, encode_base64url};
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use miniz_oxide::inflate::TINFLStatus;
use std::fmt;

/// An AES-256 key…
pub const KEY_BYTES: usize = 32;
/// …written in the link as 43 base64url characters.
pub const KEY_CHARS: usize = 43;
/// The most a shared map may unpack to: the longest document loading reads, which is the upload
/// limit times a deflate ratio no real map reaches. Deflate can expand a thousandfold, so
/// without a cap a short link could exhaust the reader's memory.
pub const MAX_UNPACKED_BYTES: usize = format::MAX_DOCUMENT_BYTES;

/// The key in a share link. Its `Debug` never shows it, so it cannot end up in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct ShareKey([u8; KEY_BYTES]);

impl ShareKey {
    /// The key for 32 bytes the caller drew from a CSPRNG.
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> ShareKey {
        ShareKey(bytes)
    }

    /// The key as written after `#` in a link; anything else is no key. What cannot be part of
    /// a key at its end (the full stop or bracket of the sentence a pasted link ended) is not.
    pub fn parse(text: &str) -> Option<ShareKey> {
        let text =
            text.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        if text.len() != KEY_CHARS {
            return None;
        }
        decode_base64url(text)?.try_into().ok().map(ShareKey)
    }

    /// The text for the link's fragment.
    pub fn reveal(&self) -> String {
        encode_base64url(&self.0)
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.0))
    }
}

impl fmt::Debug for ShareKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ShareKey(…)")
    }
}

/// Why a sealed map could not be opened. The messages are for people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// AES-GCM authenticates: a wrong key and altered bytes fail alike, and cannot be told apart.
    #[error("this key does not open the shared map (the link's key is wrong or incomplete)")]
    WrongKey,
    #[error("the shared map is larger than {MAX_UNPACKED_BYTES} bytes once unpacked")]
    TooLarge,
    #[error("the shared data is not a packed Traseu map")]
    NotPacked,
    #[error(transparent)]
    Map(#[from] LoadError),
}

/// IV ‖ AES-GCM(deflate(JSON)) ‖ tag. Each seal needs a fresh IV: reusing one with the same key
/// breaks GCM's secrecy.
pub fn seal(map: &JourneyMap, key: &ShareKey, iv: [u8; IV_BYTES]) -> Vec<u8> {
    seal_json(&format::to_json(map), key, iv)
}

/// Seals a document's text as given, valid or not: what `seal` does with a map's JSON, and how
/// tests and fuzzing make sealed documents no map would serialise to.
pub fn seal_json(json: &str, key: &ShareKey, iv: [u8; IV_BYTES]) -> Vec<u8> {
    seal_packed(
        &miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6),
        key,
        iv,
    )
}

/// Encrypts bytes taken to be deflated already, valid or not: the last step of sealing, for
/// tests and fuzzing of what unpacking does with any stream.
pub fn seal_packed(packed: &[u8], key: &ShareKey, iv: [u8; IV_BYTES]) -> Vec<u8> {
    let ciphertext = key
        .cipher()
        .encrypt(Nonce::from_slice(&iv), packed)
        .expect("AES-GCM encrypts any input under 64 GiB");
    let mut sealed = Vec::with_capacity(IV_BYTES + ciphertext.len());
    sealed.extend_from_slice(&iv);
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// Decrypts, unpacks and loads a sealed map, with the format's migrations and repairs.
pub fn open(sealed: &[u8], key: &ShareKey) -> Result<Loaded, OpenError> {
    open_within(sealed, key, MAX_UNPACKED_BYTES)
}

/// Decrypts and unpacks what `seal_json` sealed, giving back its text unread: a live change
/// message or presence (`model::live`) travels sealed as a map does.
pub fn open_text(sealed: &[u8], key: &ShareKey) -> Result<String, OpenError> {
    unpack_within(sealed, key, MAX_UNPACKED_BYTES)
}

fn open_within(sealed: &[u8], key: &ShareKey, limit: usize) -> Result<Loaded, OpenError> {
    Ok(format::from_json(&unpack_within(sealed, key, limit)?)?)
}

fn unpack_within(sealed: &[u8], key: &ShareKey, limit: usize) -> Result<String, OpenError> {
    if sealed.len() < MIN_CIPHERTEXT_BYTES {
        return Err(OpenError::WrongKey);
    }
    let (iv, ciphertext) = sealed.split_at(IV_BYTES);
    let packed = key
        .cipher()
        .decrypt(Nonce::from_slice(iv), ciphertext)
        .map_err(|_| OpenError::WrongKey)?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, limit).map_err(|e| match e
            .status
        {
            TINFLStatus::HasMoreOutput => OpenError::TooLarge,
            _ => OpenError::NotPacked,
        })?;
    String::from_utf8(json).map_err(|_| OpenError::NotPacked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{Template, new_map};
    use chrono::{TimeZone, Utc};

    const IV: [u8; IV_BYTES] = [7; IV_BYTES];

    fn key(byte: u8) -> ShareKey {
        ShareKey::from_bytes([byte; KEY_BYTES])
    }

    fn map() -> JourneyMap {
        let mut next = 0;
        let mut mint = || {
            next += 1;
            format!("id{next}")
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        new_map(
            Template::Saas,
            crate::Locale::En,
            "Secret launch plan",
            now,
            &mut mint,
        )
    }

    #[test]
    fn a_sealed_map_opens_with_its_key() {
        let map = map();
        let sealed = seal(&map, &key(1), IV);
        assert_eq!(open(&sealed, &key(1)).unwrap().map, map);
    }

    #[test]
    fn sealed_bytes_do_not_show_the_text() {
        let sealed = seal(&map(), &key(1), IV);
        let needle = b"Secret launch plan";
        assert!(!sealed.windows(needle.len()).any(|w| w == needle));
    }

    #[test]
    fn another_key_or_an_altered_byte_is_refused() {
        let mut sealed = seal(&map(), &key(1), IV);
        assert_eq!(open(&sealed, &key(2)), Err(OpenError::WrongKey));
        let middle = sealed.len() / 2;
        sealed[middle] ^= 1;
        assert_eq!(open(&sealed, &key(1)), Err(OpenError::WrongKey));
        assert_eq!(open(&sealed[..20], &key(1)), Err(OpenError::WrongKey));
    }

    #[test]
    fn sealed_text_opens_as_the_same_text_and_only_with_its_key() {
        let text = r#"{"v":1,"replica":"a","changes":[]}"#;
        let sealed = seal_json(text, &key(1), IV);
        assert_eq!(open_text(&sealed, &key(1)).as_deref(), Ok(text));
        assert_eq!(open_text(&sealed, &key(2)), Err(OpenError::WrongKey));
    }

    #[test]
    fn unpacking_stops_at_the_limit() {
        let sealed = seal(&map(), &key(1), IV);
        assert_eq!(open_within(&sealed, &key(1), 100), Err(OpenError::TooLarge));
    }

    #[test]
    fn encrypted_bytes_that_are_not_a_packed_map_are_named() {
        let seal_raw = |plain: &[u8]| seal_packed(plain, &key(1), IV);
        assert_eq!(
            open(&seal_raw(b"not deflate at all"), &key(1)),
            Err(OpenError::NotPacked)
        );
        let foreign = miniz_oxide::deflate::compress_to_vec(br#"{"nodes":[]}"#, 6);
        assert_eq!(
            open(&seal_raw(&foreign), &key(1)),
            Err(OpenError::Map(LoadError::NotTraseu))
        );
    }

    #[test]
    fn a_key_reads_back_from_its_text_and_hides_in_debug() {
        let k = ShareKey::from_bytes(std::array::from_fn(|i| i as u8));
        assert_eq!(k.reveal().len(), KEY_CHARS);
        assert_eq!(ShareKey::parse(&k.reveal()), Some(k.clone()));
        assert_eq!(ShareKey::parse("short"), None);
        for ending in [".", ")", ",", "”.", "!)"] {
            let pasted = format!("{}{ending}", k.reveal());
            assert_eq!(ShareKey::parse(&pasted), Some(k.clone()), "{pasted}");
        }
        assert_eq!(ShareKey::parse(&format!("{}x", k.reveal())), None);
        assert_eq!(ShareKey::parse(&format!("{}=", &k.reveal()[..42])), None);
        assert!(!format!("{k:?}").contains(&k.reveal()));
    }
}
