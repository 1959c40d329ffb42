//! Subjects: the speaker slot of a verb cue. Before the verb the subject is the noun phrase
//! that ends there (through relative clauses and appositions back to their head); with
//! `verb_second` it may follow the verb, after a fronted adverbial. Case-marked articles
//! (`case_marked_articles`) tell a dative or accusative phrase from a subject.

use super::np::{np_after, np_before, np_word, starts_cue};
use super::sentence::Sentence;
use crate::lexicon::{Lexicon, ends_with_any};
use crate::text::TokenKind;

/// A subject does not open with a dative or accusative article ("den Vorwurf") and does not
/// follow a preposition ("In einem Interview sagte …").
pub fn can_be_subject(s: &Sentence, lex: &Lexicon, (a, b): (usize, usize)) -> bool {
    let after_preposition = a > 0 && lex.prepositions.contains(s.lower(a - 1));
    // "An die Regierung …", "Bezüglich des Ortes …": a fronted prepositional phrase; "Zusammen
    // mit …", "Besorgt zeigte sich …": a fronted adverb or adjective.
    // "Stellvertretend für den Vorstand …": a phrase opened by such an adverb is adverbial too.
    let adverbial = lex.prepositions.contains(s.lower(a)) || lex.never_speaker.contains(s.lower(a));
    !lex.non_subject.contains(s.lower(a))
        && !after_preposition
        && !adverbial
        && !dative_der(s, lex, a, b)
}

/// "sagte der Regionalen Rundschau", "der Nachrichtenagentur": "der" before an adjective in
/// "-en" or before a feminine noun is dative or genitive, so the phrase is not the subject
/// (a nominative "der" takes "-e": "der britische Premier").
fn dative_der(s: &Sentence, lex: &Lexicon, a: usize, b: usize) -> bool {
    if !lex.case_article.contains(s.lower(a)) || a + 1 > b {
        return false;
    }
    let next = s.lower(a + 1);
    let oblique_adjective = a + 1 < b
        && ends_with_any(next, &lex.oblique_adjective_endings)
        && s.tokens[a + 2].kind == TokenKind::Word;
    let feminine = a + 1 == b && ends_with_any(next, &lex.feminine_endings);
    oblique_adjective || feminine
}

/// "Die Anwendung stellte der Vorsitzende in Frage", "Den Helfern sicherte Präsident Alvarez
/// Hilfe zu": a phrase right after a verb-second verb that only a subject can open — a
/// nominative "der" before a role or other masculine noun, or a role before a name — is the
/// subject, so the phrase before the verb is a fronted object. An impersonal "es" may stand
/// between ("sieht es der Minister als Aufgabe an").
pub fn marked_subject_after(s: &Sentence, lex: &Lexicon, from: usize) -> Option<(usize, usize)> {
    let mut i = skip_adverbs(s, lex, from);
    if i < s.tokens.len() && lex.impersonal.contains(s.lower(i)) {
        i += 1;
    }
    let (a, b) = np_after(s, lex, i).filter(|&(a, b)| a == i && a < b)?;
    // "gegenüber der Zeitung": the object of a preposition.
    if a > 0 && lex.prepositions.contains(s.lower(a - 1)) {
        return None;
    }
    // A nominative "der" phrase is the subject unless it ends in a frame noun ("der Ansicht")
    // and names no role.
    let nominative_der = lex.case_article.contains(s.lower(a))
        && !dative_der(s, lex, a, b)
        && (!lex.is_frame_noun(s.word(b)) || (a..=b).any(|k| lex.is_role(s.word(k))));
    // "Präsident Alvarez", "die Vorsitzende Anna Roth": a role before a name, after an article.
    let role_at = if lex.articles.contains(s.lower(a)) && a < b {
        a + 1
    } else {
        a
    };
    let titled =
        lex.is_role(s.word(role_at)) && s.tokens.get(role_at + 1).is_some_and(|t| t.capitalised);
    (nominative_der || titled).then_some((a, b))
}

/// Steps left from a cue over auxiliaries, adverbs and time phrases that stand between the
/// subject and the reporting verb ("hat am Montag bestätigt", "also said").
pub fn skip_left(s: &Sentence, lex: &Lexicon, cue: usize) -> usize {
    let mut i = cue;
    // Inside a time phrase its article and preposition go with it ("in der vergangenen Woche").
    let mut in_time_phrase = false;
    while i > 0 {
        let w = s.lower(i - 1);
        // "Gloria March said": where nouns are not capitalised, a capitalised time word right
        // after a capitalised word is part of a name.
        let in_name = !lex.grammar.capitalised_nouns
            && s.tokens[i - 1].capitalised
            && i >= 2
            && s.tokens[i - 2].capitalised
            && s.tokens[i - 2].kind == TokenKind::Word
            && !lex.is_time(s.lower(i - 2));
        // "in der vergangenen Woche", "last week": an adjective before a time word.
        let is_time = lex.is_time(w)
            || i < s.tokens.len()
                && lex.is_time(s.lower(i))
                && !s.tokens[i - 1].capitalised
                && lex.adjective_ending(w)
            || in_time_phrase && (lex.determiners.contains(w) || lex.prepositions.contains(w));
        in_time_phrase = is_time && !lex.prepositions.contains(w);
        let adverb = s.tokens[i - 1].kind == TokenKind::Word
            && !s.tokens[i - 1].capitalised
            && (lex.never_speaker.contains(w) || ends_with_any(w, &lex.adverb_endings));
        let pronoun = lex.is_pronoun(w);
        let skip = !in_name
            && (is_time
                || adverb
                || (lex.stop.contains(w)
                    && !pronoun
                    && !lex.relative.contains(w)
                    && !lex.complementizers.contains(w)
                    && !lex.coordinators.contains(w)
                    && !lex.comparatives.contains(w))
                || (s.tokens[i - 1].kind == TokenKind::Number
                    && i >= 2
                    && lex.is_time(s.lower(i - 2))));
        if !skip {
            // "hatte Müller im Sommerinterview gesagt": the setting of the speech is skipped
            // with its preposition.
            if let Some(p) = frame_setting_start(s, lex, i - 1) {
                i = p;
                continue;
            }
            break;
        }
        // Articles before a time word ("am Montag", "on Tuesday") go with it.
        i -= 1;
    }
    i
}

/// When token `last` ends a setting of speech after a preposition ("im Sommerinterview", "in
/// a statement"), returns the preposition's index.
fn frame_setting_start(s: &Sentence, lex: &Lexicon, last: usize) -> Option<usize> {
    if !lex.is_frame_noun(s.word(last)) {
        return None;
    }
    (last.saturating_sub(4)..last)
        .rev()
        .find(|&k| lex.prepositions.contains(s.lower(k)))
}

/// True when a phrase names the setting of speech rather than a speaker: its last word is a
/// frame noun ("Sommerinterview", "statement").
pub fn is_frame_phrase(s: &Sentence, lex: &Lexicon, (_, b): (usize, usize)) -> bool {
    lex.is_frame_noun(s.word(b))
}

/// Steps right over adverbs and time words after a verb ("erklärte gestern ein Sprecher").
pub fn skip_adverbs(s: &Sentence, lex: &Lexicon, mut i: usize) -> usize {
    let n = s.tokens.len();
    while i < n
        && (lex.is_time(s.lower(i))
            || lex.stop.contains(s.lower(i)) && !lex.person_pronouns.contains(s.lower(i)))
    {
        i += 1;
    }
    i
}

/// True when everything before `end` in the clause is an adverbial opener ("Am Montag",
/// "Dazu", "Nach dem Treffen"), so the subject follows the verb.
pub fn clause_opener_only(s: &Sentence, lex: &Lexicon, end: usize) -> bool {
    let start = s.clause_start(end);
    if start >= end {
        return true;
    }
    let first = s.lower(start);
    lex.adverbial_openers.contains(first) || lex.is_time(first) || end - start <= 1
}

/// Where the subject that opens a sentence starts: after a leading focus word or conjunction
/// ("Even China, …, said", "But the minister said"), which belongs to no noun phrase.
pub fn opening_subject_start(s: &Sentence, lex: &Lexicon) -> usize {
    let focus = |k: usize| {
        s.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word && lex.focus_words.contains(&t.lower))
    };
    (0..2).find(|&k| !focus(k)).unwrap_or(2)
}

/// The noun phrase that opens the sentence (after a focus word), when it can be a subject.
pub fn opening_subject(s: &Sentence, lex: &Lexicon) -> Option<(usize, usize)> {
    let start = opening_subject_start(s, lex);
    np_after(s, lex, start).filter(|&np| np.0 == start && can_be_subject(s, lex, np))
}

/// Finds the subject noun phrase that ends right before `end` (exclusive), following
/// relative clauses and appositions back to their head.
pub fn subject_before(s: &Sentence, lex: &Lexicon, end: usize) -> Option<(usize, usize)> {
    if end == 0 {
        return None;
    }
    // "US-Beamte, die zunächst sagten, …, sagten": a comma before the verb after a relative
    // clause or apposition; the subject is the noun phrase that opens the sentence.
    if s.is_comma(end - 1) {
        return subject_across_comma(s, lex, end - 1);
    }
    // "… to the test and warned …": the verb after a coordinator shares an earlier subject.
    if lex.coordinators.contains(s.lower(end - 1)) {
        return None;
    }
    let (a, b) = np_before(s, lex, end)?;
    if is_frame_phrase(s, lex, (a, b)) {
        return None;
    }
    // A lone relative pronoun points to the noun phrase before its comma.
    if a == b && lex.relative.contains(s.lower(a)) && a >= 2 && s.is_comma(a - 1) {
        return np_before(s, lex, a - 1);
    }
    let pronoun = lex.is_pronoun(s.lower(a));
    if a == b && lex.stop.contains(s.lower(a)) && !pronoun {
        return None;
    }
    Some((a, b))
}

fn subject_across_comma(s: &Sentence, lex: &Lexicon, comma: usize) -> Option<(usize, usize)> {
    // "In a statement, one of the lawyers, Ann Lee, said": the subject may follow a fronted
    // prepositional phrase and its comma.
    let opener_end = lex
        .prepositions
        .contains(s.lower(0))
        .then(|| (1..comma.min(8)).find(|&k| s.is_comma(k)))
        .flatten();
    let mut subject_start = opener_end.map_or_else(|| opening_subject_start(s, lex), |k| k + 1);
    // "Vor kurzem hatte ein Sprecher, Jan Roth, erklärt": after an adverbial opener and a
    // verb-second auxiliary the subject follows the auxiliary.
    if lex.grammar.verb_second
        && let Some(aux) = (subject_start + 1..comma.min(subject_start + 5))
            .find(|&k| lex.auxiliaries.contains(s.lower(k)))
        && clause_opener_only(s, lex, aux)
    {
        subject_start = aux + 1;
    }
    let mut head = np_after(s, lex, subject_start).filter(|&(a, _)| a == subject_start)?;
    // "A lawyer for the news outlets, David Schulz, said": a prepositional phrase may
    // complete the head before its comma.
    if !s.is_comma(head.1 + 1) {
        head.1 = prepositional_tail(s, lex, head.1 + 1, comma)?;
    }
    let after = head.1 + 1;
    // The phrase already took its apposition and reaches the comma before the verb.
    if after == comma {
        return Some(head);
    }
    let next = s.tokens.get(after + 1)?;
    // "Derek Lane, who served as ambassador until May, said": the relative clause describes
    // the speaker and belongs to the phrase, up to the comma before the verb.
    if lex.relative.contains(&next.lower) {
        let clause_ok = comma.checked_sub(head.0).is_some_and(|d| d <= 25)
            && (after + 1..comma).all(|k| s.tokens[k].kind != TokenKind::Quote && !s.in_quote(k));
        // Where nouns are capitalised, "der Verteidigungsminister Österreichs," is an
        // apposition (it ends in a noun) and "der … verantwortlich ist," a relative clause.
        let apposition = lex.grammar.capitalised_nouns && s.tokens[comma - 1].capitalised;
        let keep = clause_ok && (apposition || lex.grammar.relative_clause_in_speaker);
        return Some(if keep { (head.0, comma - 1) } else { head });
    }
    // Apposition: "Matthew Miller, Sprecher des Ministeriums, sagte" — the whole phrase.
    if let Some((_, b)) = np_after(s, lex, after + 1)
        && b + 1 == comma
    {
        return Some((head.0, b));
    }
    // Several appositions: "The operator, Severny Ugol, a company owned by the region, said".
    // A head that ran past the comma has no apposition after it.
    let descriptive = comma.checked_sub(after).is_some_and(|d| d <= 16)
        && (after + 1..comma).all(|k| {
            s.is_comma(k)
                || lex.prepositions.contains(s.lower(k))
                || np_word(s, lex, k) && !starts_cue(s, lex, k)
        });
    if descriptive {
        return Some((head.0, comma - 1));
    }
    Some(head)
}

/// The last token of a prepositional phrase that starts at `from` and runs up to the next
/// comma (before `limit`): a preposition, then noun-phrase words that open no cue.
fn prepositional_tail(s: &Sentence, lex: &Lexicon, from: usize, limit: usize) -> Option<usize> {
    if !lex.prepositions.contains(s.lower(from)) {
        return None;
    }
    let comma = (from + 1..limit.min(from + 8)).find(|&k| s.is_comma(k))?;
    (from + 1..comma)
        .all(|k| np_word(s, lex, k) && !starts_cue(s, lex, k))
        .then_some(comma - 1)
}

/// The subject of a sentence that opens with it ("Jana Vogt, eine Stadträtin, kritisierte
/// …"): the noun phrase from the sentence start up to its finite verb, the first lower-case
/// word that is no function word. A reporter's sentence about a speaker often comes right
/// before that speaker's quotation or reported speech. With `verb_second` the phrase after the
/// finite verb is a second candidate, for a sentence that opens with an adverb.
pub fn sentence_subject(s: &Sentence, lex: &Lexicon) -> Vec<(usize, usize)> {
    opening_np_subject(s, lex)
        .into_iter()
        .chain(subject_after_fronted(s, lex))
        .collect()
}

/// With `verb_second`, a sentence that opens with an adverbial has its subject right after the
/// finite verb ("Langfristig plant der Verein …", "Am Montag trat die Ministerin …"): the
/// fronted part is one word or a prepositional phrase without a comma, the verb the first
/// lower-case word that is no function word.
fn subject_after_fronted(s: &Sentence, lex: &Lexicon) -> Option<(usize, usize)> {
    if !lex.grammar.verb_second {
        return None;
    }
    let start = opening_subject_start(s, lex);
    let first = s.tokens.get(start)?;
    if first.kind != TokenKind::Word || s.in_quote(start) {
        return None;
    }
    let verb = (start + 1..s.tokens.len().min(start + 6)).find(|&k| {
        let t = &s.tokens[k];
        t.kind == TokenKind::Word
            && !t.capitalised
            && !lex.np_function.contains(&t.lower)
            && !lex.stop.contains(&t.lower)
            && !lex.relative.contains(&t.lower)
    })?;
    let fronted = verb == start + 1 || lex.prepositions.contains(&first.lower);
    if !fronted || (start..verb).any(|k| s.tokens[k].kind != TokenKind::Word) || s.in_quote(verb) {
        return None;
    }
    let np = np_after(s, lex, skip_adverbs(s, lex, verb + 1))?;
    can_be_subject(s, lex, np).then_some(np)
}

/// The subject noun phrase that opens the sentence, up to its finite verb.
fn opening_np_subject(s: &Sentence, lex: &Lexicon) -> Option<(usize, usize)> {
    let start = opening_subject_start(s, lex);
    let first = s.tokens.get(start)?;
    if first.kind != TokenKind::Word
        || lex.adverbial_openers.contains(&first.lower)
        || lex.prepositions.contains(&first.lower)
        || s.in_quote(start)
    {
        return None;
    }
    let verb = (start + 1..s.tokens.len().min(start + 25)).find(|&k| {
        let t = &s.tokens[k];
        let function_word = lex.np_function.contains(&t.lower)
            || lex.stop.contains(&t.lower)
            || lex.relative.contains(&t.lower);
        // "der britische Premier": an adjective after its article.
        let attribute = lex.adjective_ending(&t.lower) && lex.np_function.contains(s.lower(k - 1));
        t.kind == TokenKind::Word && !t.capitalised && !function_word && !attribute
    })?;
    let np = subject_before(s, lex, verb)?;
    (np.0 == start && can_be_subject(s, lex, np)).then_some(np)
}
