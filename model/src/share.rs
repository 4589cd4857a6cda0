//! The envelope of a shared map, as the browser and the server both see it.
//!
//! The browser encrypts a map (AES-GCM, with a key that stays in the link's `#fragment`) and
//! sends the result as base64url text. The server cannot read it: it checks only what it can
//! see here (envelope version, encoding, a plausible length) and stores the bytes. Ids and edit
//! tokens are minted by the server from random bytes it passes in; this module has no RNG.
//!
//! Wire format (JSON):
//! - `POST /api/maps` [`CreateMap`] → `201` [`Created`]
//! - `GET /api/maps/{id}` → `200` [`SharedMap`]
//! - `PUT /api/maps/{id}` (`Authorization: Bearer <edit_token>`) [`UpdateMap`] → `200`
//!   [`Updated`], or `412` [`Conflict`] when `base_version` is not the stored one
//! - `DELETE /api/maps/{id}` (same header) → `204`
//! - any error: [`ErrorBody`]

use serde::{Deserialize, Serialize};
use std::fmt;

/// The only envelope version there is.
pub const ENVELOPE_VERSION: u32 = 1;
/// The largest request body the server takes by default: the upload limit a shared map is made for.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
/// AES-GCM's initialisation vector, sent in front of the ciphertext.
pub const IV_BYTES: usize = 12;
/// AES-GCM's authentication tag, at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// Anything shorter cannot be an AES-GCM message.
pub const MIN_CIPHERTEXT_BYTES: usize = IV_BYTES + TAG_BYTES;
/// A share id is 16 random bytes…
pub const SHARE_ID_BYTES: usize = 16;
/// …written as 22 base64url characters.
pub const SHARE_ID_CHARS: usize = 22;
/// An edit token is 32 random bytes…
pub const EDIT_TOKEN_BYTES: usize = 32;
/// …written as 43 base64url characters.
pub const EDIT_TOKEN_CHARS: usize = 43;

/// `POST /api/maps`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateMap {
    pub v: u32,
    /// base64url (no padding) of IV ‖ AES-GCM ciphertext ‖ tag.
    pub ciphertext: String,
}

/// `201` answer to [`CreateMap`]. The edit token is shown once; the server keeps only its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
    pub edit_token: String,
    pub version: u64,
}

/// `200` answer to `GET /api/maps/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedMap {
    pub v: u32,
    pub ciphertext: String,
    pub version: u64,
}

/// `PUT /api/maps/{id}`: replace the map, if it is still at `base_version`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateMap {
    pub v: u32,
    pub ciphertext: String,
    pub base_version: u64,
}

/// `200` answer to [`UpdateMap`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Updated {
    pub version: u64,
}

/// `412` answer to [`UpdateMap`]: someone saved first; `current_version` is theirs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub message: String,
    pub current_version: u64,
}

/// Every other error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub message: String,
}

/// Why an envelope was refused. The messages are for people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error(
        "this shared map uses envelope version {0}; this server understands version {ENVELOPE_VERSION}"
    )]
    UnsupportedVersion(u32),
    #[error("the encrypted map is not valid base64url text")]
    NotBase64url,
    #[error(
        "the encrypted map is too short to be one ({bytes} bytes; at least {MIN_CIPHERTEXT_BYTES})"
    )]
    TooShort { bytes: usize },
    #[error("the base version must be 1 or more")]
    NoBaseVersion,
}

/// Checks the envelope and returns the bytes to store.
pub fn check_envelope(v: u32, ciphertext: &str) -> Result<Vec<u8>, EnvelopeError> {
    if v != ENVELOPE_VERSION {
        return Err(EnvelopeError::UnsupportedVersion(v));
    }
    let bytes = decode_base64url(ciphertext).ok_or(EnvelopeError::NotBase64url)?;
    if bytes.len() < MIN_CIPHERTEXT_BYTES {
        return Err(EnvelopeError::TooShort { bytes: bytes.len() });
    }
    Ok(bytes)
}

impl CreateMap {
    /// The bytes to store, or why not.
    pub fn check(&self) -> Result<Vec<u8>, EnvelopeError> {
        check_envelope(self.v, &self.ciphertext)
    }
}

impl UpdateMap {
    /// The bytes to store, or why not.
    pub fn check(&self) -> Result<Vec<u8>, EnvelopeError> {
        let bytes = check_envelope(self.v, &self.ciphertext)?;
        if self.base_version == 0 {
            return Err(EnvelopeError::NoBaseVersion);
        }
        Ok(bytes)
    }
}

impl SharedMap {
    pub fn new(ciphertext: &[u8], version: u64) -> SharedMap {
        SharedMap {
            v: ENVELOPE_VERSION,
            ciphertext: encode_base64url(ciphertext),
            version,
        }
    }
}

/// The id in a share link: 22 base64url characters (16 bytes). Anything else is no id, so a
/// malformed link is answered without asking the database.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ShareId(String);

impl ShareId {
    /// The id for 16 bytes the caller drew from a CSPRNG.
    pub fn from_bytes(bytes: [u8; SHARE_ID_BYTES]) -> ShareId {
        ShareId(encode_base64url(&bytes))
    }

    pub fn parse(text: &str) -> Option<ShareId> {
        (text.len() == SHARE_ID_CHARS && decode_base64url(text).is_some())
            .then(|| ShareId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShareId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ShareId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShareId({})", self.0)
    }
}

/// The secret that allows changing a shared map: 43 base64url characters (32 bytes). Its
/// `Debug` never shows it, so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct EditToken([u8; EDIT_TOKEN_BYTES]);

impl EditToken {
    /// The token for 32 bytes the caller drew from a CSPRNG.
    pub fn from_bytes(bytes: [u8; EDIT_TOKEN_BYTES]) -> EditToken {
        EditToken(bytes)
    }

    pub fn parse(text: &str) -> Option<EditToken> {
        if text.len() != EDIT_TOKEN_CHARS {
            return None;
        }
        decode_base64url(text)?.try_into().ok().map(EditToken)
    }

    /// The `Authorization` header's value, `Bearer <token>`.
    pub fn from_authorization(header: &str) -> Option<EditToken> {
        let (scheme, token) = header.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        EditToken::parse(token.trim())
    }

    pub fn bytes(&self) -> &[u8; EDIT_TOKEN_BYTES] {
        &self.0
    }

    /// The text form, to hand to the owner once.
    pub fn reveal(&self) -> String {
        encode_base64url(&self.0)
    }
}

impl fmt::Debug for EditToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EditToken(…)")
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5), as the browser writes it.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Strict base64url without padding: only the 64 characters, no `=`, no whitespace, and the
/// unused low bits of the last character zero, so every byte string has exactly one text.
pub fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    }
    let text = text.as_bytes();
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        // The bits below the last whole byte must be zero (canonical form).
        if bytes < 3 && n & ((1 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=bytes]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ciphertext(len: usize) -> String {
        encode_base64url(&vec![0xA5; len])
    }

    #[test]
    fn base64url_matches_the_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode_base64url(plain.as_bytes()), encoded);
            assert_eq!(decode_base64url(encoded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn base64url_uses_the_url_alphabet() {
        assert_eq!(encode_base64url(&[0xFB, 0xFF]), "-_8");
        assert_eq!(decode_base64url("-_8").unwrap(), [0xFB, 0xFF]);
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(decode_base64url(&encode_base64url(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn base64url_refuses_padding_the_standard_alphabet_and_whitespace() {
        for bad in [
            "Zg==", "Zm9v+A", "Zm9v/A", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "é",
        ] {
            assert_eq!(decode_base64url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn base64url_refuses_non_canonical_trailing_bits() {
        assert_eq!(decode_base64url("Zh"), None);
        assert_eq!(decode_base64url("Zm9"), None);
    }

    #[test]
    fn a_well_formed_envelope_gives_its_bytes() {
        let map = CreateMap {
            v: 1,
            ciphertext: ciphertext(MIN_CIPHERTEXT_BYTES),
        };
        assert_eq!(map.check().unwrap(), vec![0xA5; MIN_CIPHERTEXT_BYTES]);
    }

    #[test]
    fn envelope_version_2_is_refused() {
        let map = CreateMap {
            v: 2,
            ciphertext: ciphertext(64),
        };
        assert_eq!(map.check(), Err(EnvelopeError::UnsupportedVersion(2)));
    }

    #[test]
    fn a_ciphertext_that_is_not_base64url_is_refused() {
        for bad in ["not base64!", "AAAA====", "AAAA+/AA"] {
            assert_eq!(
                check_envelope(1, bad),
                Err(EnvelopeError::NotBase64url),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_ciphertext_shorter_than_iv_and_tag_is_refused() {
        assert_eq!(
            check_envelope(1, &ciphertext(MIN_CIPHERTEXT_BYTES - 1)),
            Err(EnvelopeError::TooShort { bytes: 27 })
        );
        assert_eq!(
            check_envelope(1, ""),
            Err(EnvelopeError::TooShort { bytes: 0 })
        );
    }

    #[test]
    fn an_update_needs_a_base_version() {
        let mut update = UpdateMap {
            v: 1,
            ciphertext: ciphertext(40),
            base_version: 3,
        };
        assert!(update.check().is_ok());
        update.base_version = 0;
        assert_eq!(update.check(), Err(EnvelopeError::NoBaseVersion));
        update.base_version = 1;
        update.v = 7;
        assert_eq!(update.check(), Err(EnvelopeError::UnsupportedVersion(7)));
    }

    #[test]
    fn envelopes_read_the_documented_json() {
        let create: CreateMap = serde_json::from_str(r#"{"v":1,"ciphertext":"AAAA"}"#).unwrap();
        assert_eq!(create.ciphertext, "AAAA");
        let update: UpdateMap =
            serde_json::from_str(r#"{"v":1,"ciphertext":"AAAA","base_version":4}"#).unwrap();
        assert_eq!(update.base_version, 4);
        assert!(serde_json::from_str::<UpdateMap>(r#"{"v":1,"ciphertext":"AAAA"}"#).is_err());
        assert!(serde_json::from_str::<CreateMap>(r#"{"v":"1","ciphertext":"AAAA"}"#).is_err());
        let created = Created {
            id: "i".into(),
            edit_token: "t".into(),
            version: 1,
        };
        assert_eq!(
            serde_json::to_string(&created).unwrap(),
            r#"{"id":"i","edit_token":"t","version":1}"#
        );
        let conflict = Conflict {
            message: "m".into(),
            current_version: 5,
        };
        assert_eq!(
            serde_json::to_string(&conflict).unwrap(),
            r#"{"message":"m","current_version":5}"#
        );
    }

    #[test]
    fn a_share_id_is_22_characters_of_16_bytes() {
        let id = ShareId::from_bytes([0xFF; 16]);
        assert_eq!(id.as_str().len(), SHARE_ID_CHARS);
        assert_eq!(ShareId::parse(id.as_str()), Some(id.clone()));
        assert_eq!(id.as_str(), "_____________________w");
    }

    #[test]
    fn malformed_share_ids_are_refused() {
        let good = ShareId::from_bytes([7; 16]).to_string();
        for bad in [
            "",
            "abc",
            &good[..21],
            &format!("{good}A"),
            "AAAAAAAAAAAAAAAAAAAA+A",
            "AAAAAAAAAAAAAAAAAAAA.A",
            "../../../../etc/passwd",
            "AAAAAAAAAAAAAAAAAAAAAB", // trailing bits set: not what 16 bytes encode to
        ] {
            assert_eq!(ShareId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_edit_token_is_43_characters_of_32_bytes() {
        let token = EditToken::from_bytes([9; 32]);
        let text = token.reveal();
        assert_eq!(text.len(), EDIT_TOKEN_CHARS);
        assert_eq!(EditToken::parse(&text), Some(token.clone()));
        assert_eq!(
            EditToken::from_authorization(&format!("Bearer {text}")),
            Some(token.clone())
        );
        assert_eq!(
            EditToken::from_authorization(&format!("bearer  {text} ")),
            Some(token)
        );
    }

    #[test]
    fn malformed_edit_tokens_are_refused() {
        let text = EditToken::from_bytes([9; 32]).reveal();
        assert_eq!(EditToken::parse(&text[..42]), None);
        assert_eq!(EditToken::parse(&format!("{text}A")), None);
        assert_eq!(EditToken::parse(&text.replace('J', "+")), None);
        assert_eq!(EditToken::from_authorization(&text), None);
        assert_eq!(
            EditToken::from_authorization(&format!("Basic {text}")),
            None
        );
        assert_eq!(EditToken::from_authorization("Bearer "), None);
    }

    #[test]
    fn an_edit_token_never_shows_in_debug_output() {
        let token = EditToken::from_bytes([9; 32]);
        assert!(!format!("{token:?}").contains(&token.reveal()));
    }
}
