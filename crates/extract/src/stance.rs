//! The stance a claim's own words give it when its cue says nothing more than "said": a
//! modal of obligation makes a demand ("Die Regierung müsse …"), a threat or an "otherwise" a
//! warning, a pronoun that commits itself ("er werde …", "she would …") a promise, a negated
//! intent a denial ("nicht … wollen", "was not seeking to"), a probable future a prediction
//! ("dürfte"), a first-person opinion ("I think") a belief, and a quotation that ends in a
//! question mark a question. The words are lexicon data (`[content_stance]`, `[negation]`,
//! `[volition]`, `[commitment]`); a cue with a stance of its own ("warnte", "denied") keeps it.

use super::lexicon::{Lexicon, ends_with_any};
use super::text::{Token, TokenKind};
use crate::claim::Stance;

/// How far after a negation its verb of intent may stand ("nicht provozieren wollen").
const INTENT_REACH: usize = 3;

/// The stance of a claim with the cue stance `cue_stance` and the content `tokens` (the
/// claim's tokens, `text` its words as written).
pub fn of_content(lex: &Lexicon, cue_stance: Stance, tokens: &[Token], text: &str) -> Stance {
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.lower.as_str())
        .collect();
    // "asked how much …", "„Warum …?“, fragte sie": a request for an answer is a question.
    let asks = cue_stance == Stance::Demand
        && words
            .first()
            .is_some_and(|w| lex.interrogatives.contains(*w));
    if matches!(cue_stance, Stance::Assert | Stance::Demand) && (asks || ends_in_question(text)) {
        return Stance::Question;
    }
    if cue_stance != Stance::Assert {
        cue_stance
    } else if denies_intent(lex, &words) || denies_own_act(lex, &words) {
        Stance::Deny
    } else if commits(lex, &words) {
        Stance::Promise
    } else {
        marked(lex, &words).unwrap_or(cue_stance)
    }
}

/// "„Wer soll das bezahlen?“": the quoted words ask.
fn ends_in_question(text: &str) -> bool {
    text.trim_end_matches(|c: char| super::text::is_quote_char(c) || c.is_whitespace())
        .ends_with('?')
}

fn is_negation(lex: &Lexicon, w: &str) -> bool {
    lex.negation.contains(w) || ends_with_any(w, &lex.negation_suffixes)
}

/// A negation with a verb of intent right after it ("nicht … wollen", "not seeking to",
/// "didn't intend"), or a verb of intent negated right away ("wollte nicht").
fn denies_intent(lex: &Lexicon, words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let negated_intent = is_negation(lex, w)
            && words[i + 1..]
                .iter()
                .take(INTENT_REACH)
                .any(|v| lex.volition.contains(*v));
        let intent_negated =
            lex.volition.contains(*w) && words.get(i + 1).is_some_and(|n| is_negation(lex, n));
        negated_intent || intent_negated
    })
}

/// Where the clause of the content starts: after its complementisers.
fn clause_start(lex: &Lexicon, words: &[&str]) -> usize {
    words
        .iter()
        .take_while(|w| lex.complementizers.contains(**w))
        .count()
}

/// True when the content's clause opens with a personal pronoun: the speaker speaks of
/// themselves ("er habe …", "she would …", "wir werden …").
fn opens_with_person(lex: &Lexicon, words: &[&str]) -> bool {
    words
        .get(clause_start(lex, words))
        .is_some_and(|w| lex.person_pronouns.contains(*w) || lex.first_person.contains(*w))
}

/// Content in which the speaker denies an act of their own: a personal pronoun opens it, an
/// auxiliary of a past act follows right after it and a negation right after that ("er habe
/// nie Geld angenommen", "she had not known", "he did not …"). "dass er nicht mehr genug
/// Kraft habe" has the verb "haben" itself, not an auxiliary: it states, it denies nothing.
fn denies_own_act(lex: &Lexicon, words: &[&str]) -> bool {
    let start = clause_start(lex, words);
    opens_with_person(lex, words)
        && words
            .get(start + 1)
            .is_some_and(|w| lex.past_aux.contains(*w))
        && words[start + 2..]
            .iter()
            .take(2)
            .any(|w| is_negation(lex, w))
}

/// Content that opens (after its complementiser) with a personal pronoun and an auxiliary of
/// commitment, right after it or at the end of a verb-final clause ("er werde …", "dass sie
/// … einsetzen werde", "she would …", "we will …").
fn commits(lex: &Lexicon, words: &[&str]) -> bool {
    if !opens_with_person(lex, words) {
        return false;
    }
    let start = clause_start(lex, words);
    let next = words.get(start + 1);
    let last = words
        .last()
        .filter(|_| start > 0 && words.len() > start + 2);
    next.into_iter()
        .chain(last)
        .any(|w| lex.commitment.contains(*w))
}

/// How far before a modal of obligation a negation takes the obligation away ("Kein Schiff
/// muss …", "doesn't have to").
const NEGATED_OBLIGATION_REACH: usize = 3;

/// The stance of the first word sequence of `[content_stance]` in the content. A demand with
/// a negation just before it says what is not needed, and demands nothing.
fn marked(lex: &Lexicon, words: &[&str]) -> Option<Stance> {
    words.iter().enumerate().find_map(|(i, w)| {
        let stance = lex.content_stance.get(*w)?.iter().find_map(|entry| {
            let rest = words.get(i..i + entry.words.len())?;
            rest.iter()
                .zip(&entry.words)
                .all(|(a, b)| a == b)
                .then_some(entry.stance)
        })?;
        let negated = words[i.saturating_sub(NEGATED_OBLIGATION_REACH)..i]
            .iter()
            .any(|n| is_negation(lex, n));
        (stance != Stance::Demand || !negated).then_some(stance)
    })
}
