//! Content: where the message of a subject-first verb frame starts and ends. It opens after a
//! colon, a complementiser, a comma (`verb_second`) or a quotation within reach of the verb, or
//! right after the verb and its hearer (`bare_content_clause`); it ends before the speaker's
//! next act or the next frame.

use super::cue::VerbCue;
use super::np::np_word;
use super::sentence::{Sentence, count_words};
use crate::lexicon::Lexicon;
use crate::text::TokenKind;

/// True when tokens `from..to` are only adverbials or a hearer: prepositions, articles, time
/// words, numbers, names, roles and object pronouns.
fn adverbial_gap(s: &Sentence, lex: &Lexicon, from: usize, to: usize) -> bool {
    to - from <= 8
        && (from..to).all(|k| {
            let t = &s.tokens[k];
            let w = t.lower.as_str();
            t.capitalised
                || t.kind == TokenKind::Number
                || lex.np_function.contains(w)
                || lex.prepositions.contains(w)
                || lex.time.contains(w)
                || lex.is_role(w)
                || lex.organisation_kind(w).is_some()
                || lex.adverbial_gap.contains(w)
                || lex.recipient_words.contains(w)
                || lex.is_source_noun(w)
        })
}

/// Where the content of a subject-first frame starts, and whether it is a quotation.
pub fn content_start(
    s: &Sentence,
    lex: &Lexicon,
    from: usize,
    limit: usize,
    cue: &VerbCue,
) -> Option<(usize, bool)> {
    let n = limit.min(s.tokens.len());
    let reach = (from + 16).min(n);
    for k in from..reach {
        if k == cue.last {
            continue;
        }
        let w = s.lower(k);
        // Only adverbials ("am Montag", "in a statement", "told reporters") may stand between
        // the verb and a quotation or "that" that opens its content; a quotation further on is
        // part of a content that began right after the verb.
        let gap_ok = k == from || s.is_comma(k - 1) || adverbial_gap(s, lex, from, k);
        // A short quotation inside the clause is a name ("sagte der „Zeitung“, dass …").
        // So is a short one right after a noun and closed by a comma or parenthesis ("im
        // Fachmagazin „Public Library of Science“ (…), es sei …").
        let after_noun = k > from
            && s.tokens[k - 1].kind == TokenKind::Word
            && s.tokens[k - 1].capitalised
            && np_word(s, lex, k - 1);
        let quote_is_content = s.quote_starting_at(k).is_some_and(|(_, qe)| {
            let q_end = s.index_at(qe);
            let words = count_words(s, k, q_end);
            let named = after_noun && words <= 6 && s.is_clause_punct(q_end);
            !named && (words >= 4 || q_end >= n || s.is_end_punct(q_end))
        });
        if quote_is_content && gap_ok {
            return Some((k, true));
        }
        if w == ":" {
            return Some((k + 1, s.quote_starting_at(k + 1).is_some()));
        }
        if lex.complementizers.contains(w) && gap_ok {
            // "dass" belongs to the message; "that" does not.
            let start = if lex.grammar.complementizer_in_message {
                k
            } else {
                k + 1
            };
            return Some((start, s.quote_starting_at(start).is_some()));
        }
        if w == "," {
            let next = k + 1;
            // "said the appeal grew, citing …": the comma before the next frame ends a
            // content that began right after the verb.
            if next >= n {
                if lex.grammar.verb_second || !lex.grammar.bare_content_clause {
                    return None;
                }
                break;
            }
            if s.quote_starting_at(next).is_some() {
                return Some((next, true));
            }
            if lex.grammar.verb_second {
                return Some((next, false));
            }
            // "said, adding" or an adverbial between commas: keep looking.
            continue;
        }
        if s.is_end_punct(k) {
            if !lex.grammar.bare_content_clause {
                return None;
            }
            break;
        }
    }
    bare_content_start(s, lex, from, n, cue)
}

/// "X said the plan failed": the content follows the verb directly (after the hearer of a
/// verb of telling), where a content clause needs no complementiser.
fn bare_content_start(
    s: &Sentence,
    lex: &Lexicon,
    from: usize,
    n: usize,
    cue: &VerbCue,
) -> Option<(usize, bool)> {
    if !lex.grammar.bare_content_clause || from >= n {
        return None;
    }
    let mut k = from;
    if lex.recipient_verbs.contains(&cue.entry.words[0]) {
        k = after_hearer(s, lex, from, n);
    }
    (k < n && !s.is_end_punct(k)).then(|| (k, s.quote_starting_at(k).is_some()))
}

/// Skips the hearer after a verb of telling or urging: "told reporters", "told The Associated
/// Press", "urged the state government to …", "assured farmers that …". Returns where the
/// content starts: at the infinitive marker, after a complementiser the message drops, or
/// right after the hearer.
fn after_hearer(s: &Sentence, lex: &Lexicon, from: usize, n: usize) -> usize {
    let mut k = from;
    while k < n
        && k - from < 5
        && !lex.infinitive_markers.contains(s.lower(k))
        && !lex.complementizers.contains(s.lower(k))
        && (s.tokens[k].capitalised
            || lex.np_function.contains(s.lower(k))
            || lex.is_role(s.lower(k))
            || lex.recipient_words.contains(s.lower(k))
            || np_word(s, lex, k) && !lex.stop.contains(s.lower(k)))
    {
        k += 1;
    }
    if k >= n {
        return from;
    }
    let w = s.lower(k);
    if lex.infinitive_markers.contains(w) {
        return k;
    }
    if lex.complementizers.contains(w) && !lex.grammar.complementizer_in_message {
        return k + 1;
    }
    if lex.complementizers.contains(w) {
        return k;
    }
    // No content clause after the phrase: it was the content itself ("told a story …").
    if k - from > 2 { from } else { k }
}

/// Where the content ends: before the sentence's final punctuation or the next frame.
pub fn content_end(
    s: &Sentence,
    lex: &Lexicon,
    start: usize,
    limit: usize,
    before_cue: bool,
) -> usize {
    let mut end = limit.min(s.tokens.len());
    // The content stops where the speaker's next act begins: "…, adding that", "…, even
    // suggesting …", "… and said …".
    for k in start + 2..end.saturating_sub(1) {
        if s.in_quote(k) {
            continue;
        }
        let next = s.lower(k + 1);
        let second_act = lex.coordinators.contains(s.lower(k)) && lex.cues.contains_key(next);
        // "…, although …": the reporter's addition, not the speaker's content.
        let addition = s.is_comma(k) && lex.content_breaks.contains(next);
        if second_act || addition {
            end = k;
            break;
        }
    }
    if before_cue {
        // Leave out the comma (and the speaker) that belong to the next frame.
        let mut k = end;
        while k > start && !s.is_comma(k - 1) {
            k -= 1;
        }
        if k > start + 1 {
            end = k - 1;
        }
    }
    s.trim_punct(start, end)
}
