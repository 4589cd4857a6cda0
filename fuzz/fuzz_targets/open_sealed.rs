//! A shared map as the reader's browser receives it. The key is fixed: with a random one,
//! AES-GCM refuses nearly every input before unpacking. So the input is sealed first, and
//! its first byte picks what is fuzzed: the sealed bytes themselves (decryption), the deflated
//! stream (unpacking, including its cap), or the document inside (loading).
#![no_main]

use libfuzzer_sys::fuzz_target;
use model::sealed::{self, ShareKey};

const KEY: [u8; 32] = [7; 32];
const IV: [u8; 12] = [9; 12];

fuzz_target!(|data: &[u8]| {
    let key = ShareKey::from_bytes(KEY);
    let Some((&how, rest)) = data.split_first() else {
        return;
    };
    let bytes = match how % 3 {
        0 => rest.to_vec(),
        1 => sealed::seal_packed(rest, &key, IV),
        _ => sealed::seal_json(&String::from_utf8_lossy(rest), &key, IV),
    };
    if let Ok(loaded) = sealed::open(&bytes, &key) {
        let violations = loaded.map.check_invariants();
        assert!(violations.is_empty(), "{violations:?}");
    }
});
