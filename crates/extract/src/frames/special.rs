//! Frames that need no reporting verb: a signed quotation ("“…” ― Ana Ruiz"), a transcript
//! turn ("PENCE: …"), an anaphoric adverb that continues the last source ("Demnach …"), and
//! refusals ("declined to comment"), which hold no claim at all.

use super::sentence::{Frame, Sentence, count_words, is_initial_dot};
use crate::claim::{Mode, Stance};
use crate::lexicon::Lexicon;
use crate::text::TokenKind;

/// "“We are tired of waiting.” ― Ana Ruiz" — a quotation signed with a dash and a name.
pub fn byline_quote_frame(s: &Sentence) -> Option<Frame> {
    let n = s.tokens.len();
    let &(qs, qe) = s.quotes.iter().find(|&&(qs, _)| qs >= s.start)?;
    let mut k = s.index_at(qe);
    while k < n && s.lower(k) == "." {
        k += 1;
    }
    if k >= n || !matches!(s.lower(k), "―" | "—" | "–") {
        return None;
    }
    let name_start = k + 1;
    let mut end = name_start;
    while end < n && end - name_start < 6 && (s.tokens[end].capitalised || is_initial_dot(s, end)) {
        end += 1;
    }
    if end == name_start || end < n && !s.is_end_punct(end) && !s.is_comma(end) {
        return None;
    }
    Some(Frame::new(
        (qs, qe),
        Some((s.tokens[name_start].start, s.tokens[end - 1].end)),
        Some((s.tokens[k].start, s.tokens[k].end)),
        Mode::Direct,
        Stance::Assert,
    ))
}

/// Is token `i` the period of a middle initial ("Rosa T. Elwood"): right after a single capital
/// "Demnach steht …": the adverb stands for the last source; the rest is its content.
pub fn anaphoric_frame(s: &Sentence, lex: &Lexicon) -> Option<Frame> {
    let n = s.tokens.len();
    // "Demnach steht …" opens the sentence; "X erreichte demnach …" stands inside it.
    let at = (0..n).find(|&k| {
        lex.anaphoric.contains(s.lower(k))
            && !s.in_quote(k)
            && (k == 0 || !s.tokens[k].capitalised && !s.is_comma(k - 1))
    })?;
    if n < 4 {
        return None;
    }
    let mut end = n;
    while end > 1 && s.is_end_punct(end - 1) {
        end -= 1;
    }
    let from = if at == 0 { 1 } else { 0 };
    let head = (s.tokens[at].start, s.tokens[at].end);
    Some(Frame::new(
        (s.tokens[from].start, s.tokens[end - 1].end),
        Some(head),
        Some(head),
        Mode::Indirect,
        Stance::Assert,
    ))
}

/// "PENCE: Well, look, …" — a transcript line: a speaker in capitals, a colon, their words.
pub fn transcript_frame(s: &Sentence) -> Option<Frame> {
    let n = s.tokens.len();
    let mut i = 0;
    if s.tokens[0].kind == TokenKind::Quote {
        i = 1;
    }
    let name_start = i;
    while i < n && i - name_start < 3 {
        let t = &s.tokens[i];
        let word = s.word(i);
        if t.kind == TokenKind::Word
            && word.chars().count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
        {
            i += 1;
        } else {
            break;
        }
    }
    if i == name_start || i + 2 >= n || s.lower(i) != ":" {
        return None;
    }
    let mut end = n;
    while end > i + 1 && (s.is_end_punct(end - 1) || s.tokens[end - 1].kind == TokenKind::Quote) {
        end -= 1;
    }
    if count_words(s, i + 1, end) < 2 {
        return None;
    }
    Some(Frame::new(
        (s.tokens[i + 1].start, s.tokens[end - 1].end),
        Some((s.tokens[name_start].start, s.tokens[i - 1].end)),
        Some((s.tokens[i].start, s.tokens[i].end)),
        Mode::Direct,
        Stance::Assert,
    ))
}

/// Returns true for a sentence that declines to say something ("lehnte es ab, sich zu
/// äußern", "declined to comment"): it holds no claim at all.
pub fn is_refusal(sentence: &Sentence, lex: &Lexicon) -> bool {
    let n = sentence.tokens.len();
    lex.refusals.iter().any(|words| {
        (0..n).any(|i| {
            sentence.lower(i) == words[0] && {
                let mut j = i + 1;
                words[1..].iter().all(|w| {
                    while j < n && sentence.lower(j) != *w {
                        j += 1;
                    }
                    j < n
                })
            }
        })
    })
}

/// "Ann Lee: Ferries Will Stop in Winter." — a title that names its source before a colon
/// (`[grammar] headline_sources`). The name is at most six capitalised words (and the dots of
/// their abbreviations); a closed-class word among them ("The Week Ahead:", "Storm Over Town:")
/// means the words before the colon are a topic, not a source.
pub fn headline_frame(s: &Sentence, lex: &Lexicon) -> Option<Frame> {
    let n = s.tokens.len();
    let colon = (1..n.min(8)).find(|&k| s.lower(k) == ":")?;
    let closed = |w: &str| {
        lex.articles.contains(w)
            || lex.prepositions.contains(w)
            || lex.auxiliaries.contains(w)
            || lex.coordinators.contains(w)
            || lex.person_pronouns.contains(w)
            || lex.first_person.contains(w)
    };
    let name_word = |k: usize| {
        let t = &s.tokens[k];
        t.kind == TokenKind::Word && t.capitalised && !closed(s.lower(k))
            || k > 0 && s.lower(k) == "." && s.tokens[k - 1].kind == TokenKind::Word
    };
    if !s.tokens[0].capitalised || !(0..colon).all(name_word) {
        return None;
    }
    let mut end = n;
    while end > colon + 1 && s.is_end_punct(end - 1) {
        end -= 1;
    }
    if count_words(s, colon + 1, end) < 3 {
        return None;
    }
    Some(Frame::new(
        (s.tokens[colon + 1].start, s.tokens[end - 1].end),
        Some((s.tokens[0].start, s.tokens[colon - 1].end)),
        Some((s.tokens[colon].start, s.tokens[colon].end)),
        Mode::Indirect,
        Stance::Assert,
    ))
}
