//! Turns the bytes of an input file into text: UTF-8 (with or without BOM), or a legacy
//! single-byte encoding when the bytes clearly are one; anything binary is refused.
//!
//! Line ends are normalised to `\n` so that offsets agree with what other tools (and the
//! evaluation scripts, which read text files in universal-newline mode) see.

use crate::claim::InputError;

/// Decodes article bytes to text, or says why they are not an article.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(_) => decode_legacy(body)?,
    };
    if looks_binary(&text) {
        return Err(InputError::Binary);
    }
    Ok(normalise_newlines(text))
}

/// Guesses a legacy encoding with chardetng and accepts only Western single-byte ones, where a
/// wrong guess is unlikely; anything else is more likely binary than text.
fn decode_legacy(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let accepted = [
        encoding_rs::WINDOWS_1252,
        encoding_rs::ISO_8859_15,
        encoding_rs::ISO_8859_2,
    ];
    if !accepted.contains(&encoding) {
        return Err(InputError::UnknownEncoding(encoding.name().to_string()));
    }
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(InputError::UnknownEncoding(encoding.name().to_string()));
    }
    Ok(text.into_owned())
}

/// Returns true when control characters other than tab and line ends make up more than 1 % of
/// the first 64 KiB: text does not look like that.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            control += 1;
        }
    }
    control * 100 > total
}

fn normalise_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let text = decode(b"\xEF\xBB\xBFTitel\r\nText\r\n").unwrap();
        assert_eq!(text, "Titel\nText\n");
    }

    #[test]
    fn windows_1252_is_decoded() {
        // "Der Außenminister sagte, dass …" with ß (0xDF) and an ellipsis (0x85) in cp1252.
        let bytes =
            b"Der Au\xDFenminister sagte, die Gespr\xE4che gingen weiter \x85 wie erwartet.";
        let text = decode(bytes).unwrap();
        assert!(text.contains("Außenminister"), "{text}");
        assert!(text.contains("Gespräche"), "{text}");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"  \n"), Err(InputError::Empty));
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(std::iter::repeat_n(0u8, 100));
        assert_eq!(decode(&png), Err(InputError::Binary));
    }
}
