//! Secrets the server hands out once (an owner's edit token, an edit link's capability) and
//! the ids it mints. A secret is kept only as its SHA-256, and a presented one is never
//! trusted: its hash is compared with the stored one in time that does not depend on where
//! they differ.

use crate::error::ApiError;
use model::share::{EDIT_TOKEN_BYTES, SHARE_ID_BYTES};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub fn hash(secret: &[u8]) -> Vec<u8> {
    Sha256::digest(secret).to_vec()
}

/// Whether `secret` is the one whose hash was stored.
pub fn matches(secret: &[u8], stored_hash: &[u8]) -> bool {
    bool::from(hash(secret).ct_eq(stored_hash))
}

/// Bytes from the OS's random number generator, for an id or a secret.
pub fn random<const N: usize>() -> Result<[u8; N], ApiError> {
    const { assert!(N == SHARE_ID_BYTES || N == EDIT_TOKEN_BYTES) };
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| {
        tracing::error!(error = %e, "the OS random number generator failed");
        ApiError::Unavailable
    })?;
    Ok(bytes)
}
