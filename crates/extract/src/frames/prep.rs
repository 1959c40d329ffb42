//! Prepositional and noun frames: "laut X, …", "according to X, …", "X zufolge …", "nach
//! ersten Angaben", "seiner Meinung nach", "…, so der Sprecher."; and speech nouns with a
//! possessive ("erneuerte Washington seine Warnungen an X, keine Waffen zu verkaufen").

use super::np::{np_after, np_before};
use super::sentence::{Frame, Sentence, count_words, frame_gap, opens_fronted_clause};
use crate::claim::{Mode, Stance};
use crate::lexicon::Lexicon;
use crate::text::TokenKind;

/// The prepositional frame whose cue is token `i`, if it is one.
pub fn prep_frame(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Frame> {
    let ((a, b), cue_end) = prep_speaker(s, lex, i)?;
    // A subject found away from the cue ("Die Partei sei nach eigener Darstellung …") stays in
    // the content; a source next to it ("X zufolge") is part of the frame.
    let frame_start = if b + 1 >= i { a.min(i) } else { i };
    // A source outside the frame ("The hospital, by its own estimate, spends") is the subject
    // of the content after it, not part of an enclosing content.
    let parenthetical_allowed = a >= frame_start;
    let frame_last = b.max(cue_end);
    let (c0, c1) = content_around(s, lex, (frame_start, frame_last), parenthetical_allowed)?;
    let direct = s.quote_starting_at(c0).is_some();
    let mut frame = Frame::new(
        (s.tokens[c0].start, s.tokens[c1 - 1].end),
        Some((s.tokens[a].start, s.tokens[b].end)),
        Some((s.tokens[i].start, s.tokens[cue_end].end)),
        if direct { Mode::Direct } else { Mode::Indirect },
        Stance::Assert,
    );
    frame.gap = inner_gap(s, lex, (c0, c1), (frame_start, frame_last));
    Some(frame)
}

/// The frame's byte range when it stands inside its content `c0..c1` ("Die Renten würden nach
/// Angaben von X im Juli steigen", "Der Kai, so die Direktorin, werde …"), with the commas
/// around it. A quotation never loses words.
fn inner_gap(
    s: &Sentence,
    lex: &Lexicon,
    (c0, c1): (usize, usize),
    (first, last): (usize, usize),
) -> Option<(usize, usize)> {
    let mut before = first.checked_sub(1)?;
    while before > c0 && s.is_clause_punct(before) {
        before -= 1;
    }
    // "…, so die Direktorin weiter, …": adverbs before the closing comma belong to the frame.
    let mut next = (last + 1..c1)
        .find(|&k| !is_adverb(s, lex, k))
        .filter(|&k| s.is_clause_punct(k))
        .unwrap_or(last + 1);
    while next < c1 && s.is_clause_punct(next) {
        next += 1;
    }
    let inside = before >= c0 && before < first && next < c1;
    (inside && !s.in_quote(first))
        .then(|| frame_gap(s, before, next, opens_fronted_clause(s, lex, c0)))
}

/// The source of a prepositional cue at token `i` (inclusive token range) and the cue's last
/// token.
fn prep_speaker(s: &Sentence, lex: &Lexicon, i: usize) -> Option<((usize, usize), usize)> {
    let n = s.tokens.len();
    let w = s.lower(i);
    if let Some(subject) = reflexive_source(s, lex, i) {
        return Some(subject);
    }
    if let Some(entries) = lex.prep_before.get(w) {
        let mut cue_end = i;
        for entry in entries {
            let len = entry.words.len();
            if i + len <= n && (0..len).all(|k| s.lower(i + k) == entry.words[k]) {
                let mut from = i + len;
                // "nach Angaben von …"
                if len > 1 && from < n && lex.prep_object_markers.contains(s.lower(from)) {
                    from += 1;
                }
                // "nach Angaben der Polizei": the noun of the cue names the source too.
                let noun = (len > 1 && s.tokens[i + len - 1].capitalised).then_some(i + len - 1);
                cue_end = i + len - 1;
                // "according to reports in state media": the body behind the report.
                if let Some(body) =
                    (from..(from + 3).min(n)).find_map(|k| behind_source_noun(s, lex, k))
                {
                    return Some((body, cue_end));
                }
                if let Some((a, b)) = np_after(s, lex, from) {
                    return Some(((noun.unwrap_or(a), b), cue_end));
                }
                break;
            }
        }
        // "nach ersten Angaben", "nach Expertenmeinung": a source noun within reach.
        if (i + 1..(i + 4).min(n)).any(|k| lex.is_source_noun(s.word(k))) {
            return np_after(s, lex, i + 1).map(|np| (np, cue_end));
        }
    }
    if i > 0
        && (lex.prep_after.contains(w)
            || lex.source_postpositions.contains(w) && lex.is_source_noun(s.word(i - 1)))
    {
        // "X zufolge", "seiner Meinung nach" ("nach" also opens "nach Angaben von X").
        return np_before(s, lex, i).map(|np| (np, i));
    }
    if lex.so_cue.contains(w) && i > 0 && s.is_comma(i - 1) {
        let np = np_after(s, lex, i + 1)?;
        // "…, so das Ergebnis einer gestern vorgestellten Studie.": the source phrase runs to
        // the end of the sentence (a few more words, no verb of its own).
        let mut end = s.trim_punct(np.1 + 1, n);
        let rest_is_phrase = end - (np.1 + 1) <= 8
            && (np.1 + 1..end).all(|k| {
                s.tokens[k].kind == TokenKind::Word
                    && !lex.cues.contains_key(s.lower(k))
                    && !lex.complementizers.contains(s.lower(k))
            });
        if !rest_is_phrase {
            return parenthetical_so(s, lex, np);
        }
        // "…, so die Direktorin weiter.": an adverb after the source is not part of it.
        while end > np.1 + 1 && is_adverb(s, lex, end - 1) {
            end -= 1;
        }
        return Some(((np.0, end - 1), i));
    }
    None
}

/// "Der neue Kai, so die Direktorin weiter, werde …": a "so" frame between commas inside the content;
/// only adverbs may follow the source before the closing comma, and the content goes on.
fn parenthetical_so(
    s: &Sentence,
    lex: &Lexicon,
    np: (usize, usize),
) -> Option<((usize, usize), usize)> {
    let mut k = np.1 + 1;
    while k < s.tokens.len() && is_adverb(s, lex, k) {
        k += 1;
    }
    let goes_on = s.is_comma(k) && count_words(s, k + 1, s.tokens.len()) >= 2;
    goes_on.then_some((np, np.0 - 1))
}

/// True when token `k` is an adverb or function word that may follow a source without being
/// part of it ("so die Direktorin weiter").
fn is_adverb(s: &Sentence, lex: &Lexicon, k: usize) -> bool {
    lex.stop.contains(s.lower(k)) || lex.never_speaker.contains(s.lower(k))
}

/// "nach eigener Darstellung", "by its own estimate": a preposition, a reflexive possessive
/// and a source noun; the sentence's subject speaks of itself. Returns the subject and the
/// last token of the cue.
fn reflexive_source(s: &Sentence, lex: &Lexicon, i: usize) -> Option<((usize, usize), usize)> {
    let n = s.tokens.len();
    if !lex.prepositions.contains(s.lower(i)) && !lex.prep_before.contains_key(s.lower(i)) {
        return None;
    }
    let own = (i + 1..(i + 3).min(n)).find(|&k| lex.reflexive.contains(s.lower(k)))?;
    let noun = (own + 1..(own + 3).min(n)).find(|&k| lex.is_source_noun(s.word(k)))?;
    let subject = np_after(s, lex, 0).filter(|&(a, b)| a == 0 && b < i)?;
    Some((subject, noun))
}

/// "reports in state media", "a report by the agency": when a source phrase ends in a source
/// noun followed by a preposition, the noun phrase after it is who speaks.
fn behind_source_noun(s: &Sentence, lex: &Lexicon, last: usize) -> Option<(usize, usize)> {
    let next = last + 1;
    if !lex.is_source_noun(s.word(last))
        || !s
            .tokens
            .get(next)
            .is_some_and(|t| lex.prepositions.contains(&t.lower))
    {
        return None;
    }
    np_after(s, lex, next + 1)
}

/// The content of a frame spanning tokens `frame_start..=frame_end`: the larger side of the
/// sentence outside it, or the whole sentence when the frame stands inside a clause ("Der
/// Abschuss soll laut X erfolgen"). Returns a token range `c0..c1`.
fn content_around(
    s: &Sentence,
    lex: &Lexicon,
    (frame_start, frame_end): (usize, usize),
    parenthetical_allowed: bool,
) -> Option<(usize, usize)> {
    let n = s.tokens.len();
    let before = (0, frame_start);
    let mut after_start = frame_end + 1;
    while after_start < n && s.is_clause_punct(after_start) {
        after_start += 1;
    }
    // "Selon X, qui a confirmé l'affaire, …": a relative clause about the source, closed by a
    // comma, tells who the source is; the content follows it.
    if after_start > frame_end + 1
        && after_start < n
        && lex.person_relative.contains(s.lower(after_start))
        && let Some(k) = (after_start + 1..n).find(|&k| s.is_comma(k))
    {
        after_start = k + 1;
    }
    let after = (after_start, n);
    let words = |r: (usize, usize)| {
        if r.0 < r.1 {
            count_words(s, r.0, r.1)
        } else {
            0
        }
    };
    // ", laut X, " / ", so X weiter, ": a frame between commas inside the content.
    let between_commas = parenthetical_allowed
        && frame_start > 0
        && s.is_comma(frame_start - 1)
        && (frame_end + 1..n)
            .find(|&k| !is_adverb(s, lex, k))
            .is_some_and(|k| s.is_comma(k));
    let middle = words(before) >= 1
        && words(after) >= 2
        && (between_commas
            || !s.is_clause_punct(frame_start.saturating_sub(1)) && !s.is_comma(frame_end + 1));
    let (mut c0, mut c1) = if middle {
        (0, n)
    } else if words(before) >= words(after) {
        before
    } else {
        after
    };
    while c1 > c0 && (s.is_end_punct(c1 - 1) || s.is_clause_punct(c1 - 1)) {
        c1 -= 1;
    }
    while c0 < c1 && s.is_clause_punct(c0) {
        c0 += 1;
    }
    (count_words(s, c0, c1) >= 3).then_some((c0, c1))
}

/// "erneuerte Washington seine Warnungen an X, keine Waffen zu verkaufen": a speech noun with a
/// possessive that points to the subject, and a zu-infinitive or dass-clause as content.
pub fn noun_frame(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Frame> {
    let stance = *lex.noun_cues.get(s.word(i))?;
    let n = s.tokens.len();
    if i < 2 || !lex.possessives.contains(s.lower(i - 1)) {
        return None;
    }
    let (a, b) = np_before(s, lex, i - 1)?;
    // The content clause: after the next comma, with "dass" or a "zu" infinitive in it.
    let comma = (i + 1..n).find(|&k| s.is_comma(k))?;
    let start = comma + 1;
    let end = s.trim_punct(start, n);
    let opens_clause = |k: usize| {
        lex.complementizers.contains(s.lower(k)) || lex.infinitive_markers.contains(s.lower(k))
    };
    if !(start..end).any(opens_clause) || count_words(s, start, end) < 3 {
        return None;
    }
    Some(Frame::new(
        (s.tokens[start].start, s.tokens[end - 1].end),
        Some((s.tokens[a].start, s.tokens[b].end)),
        Some((s.tokens[i].start, s.tokens[i].end)),
        Mode::Indirect,
        stance,
    ))
}
