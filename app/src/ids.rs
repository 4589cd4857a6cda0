//! Fresh ids for new stages, lanes, cards, personas and maps, and random bytes for sharing.

/// 64 random bits from the browser's cryptographic generator, as 16 hex digits: collisions
/// within one map are out of reach, and the ids stay short in the JSON.
pub fn fresh() -> String {
    random::<8>().iter().map(|b| format!("{b:02x}")).collect()
}

/// `N` bytes from the browser's cryptographic generator (keys, IVs).
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .expect("the browser has window.crypto");
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .expect("getRandomValues works for up to 65,536 bytes");
    bytes
}
