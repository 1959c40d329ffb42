//! Which lexicon an unlabelled text is written in.

use crate::lexicon::{Lang, Lexicon};

/// Detects the language from the first kilobytes: the frequent function words of each
/// lexicon's `[language]` section decide when they clearly point one way (cheap, and sure for
/// news prose); whatlang, limited to the languages with a lexicon, settles the rest.
pub fn detect_language(text: &str) -> Lang {
    let mut cut = text.len().min(2048);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let mut counts = [0usize; Lang::ALL.len()];
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        for (k, lang) in Lang::ALL.iter().enumerate() {
            if Lexicon::get(*lang).detect.contains(word) {
                counts[k] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(counts[k]));
    let (best, second) = (order[0], order[1]);
    if counts[best] >= 3 * counts[second].max(1) {
        return Lang::ALL[best];
    }
    // A brief or a one-line text has too few function words, and whatlang guesses wildly on a
    // few words of names: the lexicon that knows the most of its words (cues, roles,
    // closed-class words) decides when one clearly does.
    if sample.split_whitespace().nth(40).is_none()
        && let Some(lang) = lexicon_evidence(sample)
    {
        return lang;
    }
    let allowed: Vec<(whatlang::Lang, Lang)> = Lang::ALL
        .iter()
        .filter_map(|&l| whatlang::Lang::from_code(&Lexicon::get(l).whatlang).map(|w| (w, l)))
        .collect();
    let detector = whatlang::Detector::with_allowlist(allowed.iter().map(|(w, _)| *w).collect());
    detector
        .detect_lang(sample)
        .and_then(|w| allowed.iter().find(|(a, _)| *a == w).map(|(_, l)| *l))
        .unwrap_or(Lang::ALL[best])
}

/// The language whose lexicon knows clearly more of the words of a short sample than any
/// other (as a reporting verb, a role, or a word of its closed classes); `None` on a tie.
fn lexicon_evidence(sample: &str) -> Option<Lang> {
    let mut counts = [0usize; Lang::ALL.len()];
    for word in sample.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’') {
        let lower = word.to_lowercase();
        if lower.is_empty() {
            continue;
        }
        for (k, lang) in Lang::ALL.iter().enumerate() {
            if Lexicon::get(*lang).knows(&lower) {
                counts[k] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(counts[k]));
    (counts[order[0]] > counts[order[1]]).then(|| Lang::ALL[order[0]])
}
