//! Fresh ids for new stages, lanes, cards, personas and maps.

/// 64 random bits from the browser's cryptographic generator, as 16 hex digits: collisions
/// within one map are out of reach, and the ids stay short in the JSON.
pub fn fresh() -> String {
    let mut bytes = [0u8; 8];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .expect("the browser has window.crypto");
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .expect("getRandomValues works for 8 bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
