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

/// The claims of `extract --format json` on a file with the given name and content.
fn extract_file(name: &str, content: &str) -> serde_json::Value {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimledger"))
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(first.lines().next().unwrap()).unwrap()
}

#[test]
fn a_one_line_text_is_a_claim_not_a_title() {
    let doc = extract_file(
        "brief.txt",
        "Die Regierung müsse nun dafür sorgen, dass die Mieten bezahlbar bleiben, sagte die Ministerin.\n",
    );
    assert_eq!(doc["language"], "de");
    assert!(doc["title"].is_null(), "{doc}");
    assert_eq!(doc["claims"].as_array().unwrap().len(), 1, "{doc}");
}

#[test]
fn a_jsonl_title_means_the_text_has_no_title_line() {
    let line = serde_json::json!({
        "title": "Mieten steigen weiter",
        "text": "Die Mieten seien im vergangenen Jahr um zwölf Prozent gestiegen, sagte die Ministerin Eva Roth.\n\nDer Mieterbund warnte, dass viele Familien ihre Wohnungen verlieren könnten.\n",
    });
    let doc = extract_file("articles.jsonl", &format!("{line}\n"));
    let texts: Vec<&str> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("zwölf Prozent")),
        "the first paragraph was read as a title: {texts:?}"
    );
}

#[test]
fn short_english_briefs_are_english() {
    // Function words are few in a brief and the names look French to a letter-statistics
    // detector; the lexicon that knows the cues and roles decides.
    for brief in [
        "Mayor Dubois promises lower rents, new parks by December.",
        "Union leader Marie Laurent says strike will continue.",
        "Minister Jean Perrin announces plans, critics doubt figures.",
        "Governor vows veto on pension reform bill.",
    ] {
        let article =
            extract_document(brief.as_bytes(), Format::Text, &Options::default()).unwrap();
        assert_eq!(article.meta.language, "en", "{brief}");
        assert!(!article.claims.is_empty(), "no claim from {brief:?}");
    }
}
