//! Which encoding a file's bytes are text in. Browsers and Traseu write UTF-8; a spreadsheet
//! saved as "CSV" on Windows writes the system's legacy code page instead, Windows-1250 where
//! Romanian is written and Windows-1252 in Western Europe and America.

/// An encoding the browser's `TextDecoder` knows by this label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Central European: Romanian's ș, ț, ă.
    Windows1250,
    /// Western European.
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1250 => "windows-1250",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// The encoding `bytes` are most likely in: UTF-16 when they begin with its byte-order mark,
/// UTF-8 when they are valid UTF-8, else a Windows code page. Bytes that are Romanian letters
/// in Windows-1250 and rare symbols in Windows-1252 (ş ţ and their capitals) pick 1250; without
/// them `central` (the interface is in Romanian) decides.
pub fn guess(bytes: &[u8], central: bool) -> Encoding {
    match bytes {
        [0xFF, 0xFE, ..] => return Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => return Encoding::Utf16Be,
        _ => {}
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Encoding::Utf8;
    }
    // ş Ş ţ Ţ in Windows-1250; º ª þ Þ in Windows-1252.
    let romanian = bytes.iter().any(|b| matches!(b, 0xBA | 0xAA | 0xFE | 0xDE));
    if romanian || central {
        Encoding::Windows1250
    } else {
        Encoding::Windows1252
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_byte_order_marks_are_taken_as_they_are() {
        assert_eq!(guess("Reclamă țintă".as_bytes(), true), Encoding::Utf8);
        assert_eq!(guess(b"plain ascii", false), Encoding::Utf8);
        assert_eq!(guess(&[0xFF, 0xFE, b'a', 0], false), Encoding::Utf16Le);
        assert_eq!(guess(&[0xFE, 0xFF, 0, b'a'], true), Encoding::Utf16Be);
    }

    #[test]
    fn a_legacy_file_is_read_in_the_code_page_its_letters_belong_to() {
        // "Reclamă ţintă" as Excel on a Romanian Windows saves it: ă = E3, ţ = FE.
        let romanian = b"Reclam\xE3 \xFEint\xE3";
        assert_eq!(guess(romanian, false), Encoding::Windows1250);
        // "Café" from a Western Windows: é = E9, not valid UTF-8 alone.
        assert_eq!(guess(b"Caf\xE9", false), Encoding::Windows1252);
        assert_eq!(guess(b"Caf\xE9", true), Encoding::Windows1250);
    }
}
