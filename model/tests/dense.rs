//! Dense text for local storage: any bytes come back, and no text makes decoding panic.

use model::dense::{decode, encode};
use proptest::prelude::*;

proptest! {
    #[test]
    fn any_bytes_come_back(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        prop_assert_eq!(decode(&encode(&bytes)), Some(bytes));
    }

    #[test]
    fn decoding_any_text_never_panics_and_what_it_accepts_encodes_back(text in ".{0,200}") {
        if let Some(bytes) = decode(&text) {
            prop_assert_eq!(encode(&bytes), text);
        }
    }
}
