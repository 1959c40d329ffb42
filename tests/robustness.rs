//! Any input must be safe: no panic on arbitrary bytes, offsets that always point into the
//! text, and long inputs without line breaks handled in one pass.

use claimledger::extract::{Format, Options, extract_document};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = extract_document(&bytes, Format::Text, &Options::default());
        let _ = extract_document(&bytes, Format::Html, &Options::default());
    }

    #[test]
    fn offsets_point_into_the_text(words in proptest::collection::vec(
        prop_oneof![
            Just("sagte"), Just("said"), Just(","), Just("„"), Just("“"), Just("\""), Just("'"),
            Just("Der"), Just("Minister"), Just("Anna"), Just("Berg"), Just("dass"), Just("that"),
            Just("laut"), Just("according"), Just("to"), Just("."), Just("\n\n"), Just("ist"),
            Just("Ä"), Just("über"), Just("sei"), Just("er"), Just(":"), Just("–"),
        ], 0..200)) {
        let text = format!("Titel\n\n{}", words.join(" "));
        if let Ok(article) = extract_document(text.as_bytes(), Format::Text, &Options::default()) {
            for c in &article.claims {
                prop_assert!(c.start <= c.end && article.text.get(c.start..c.end).is_some());
                for s in &c.speakers {
                    prop_assert!(article.text.get(s.start..s.end).is_some());
                }
            }
        }
    }
}

#[test]
fn a_long_line_without_breaks_is_handled() {
    let sentence = "Der Sprecher sagte, dass die Kosten um 12 Prozent gestiegen seien. ";
    let text = format!("Titel\n\n{}", sentence.repeat(40_000)); // about 2.7 MB on one line
    let article = extract_document(text.as_bytes(), Format::Text, &Options::default()).unwrap();
    assert!(article.claims.len() > 30_000, "{}", article.claims.len());
}
