//! Attribution frames: who says what in one sentence, found from cue lexicons and word order.
//!
//! A sentence is read as tokens plus its quotation spans. Each cue (a reporting verb, a noun
//! such as "Warnungen", or a preposition such as "laut"/"according to") anchors a frame: the
//! speaker is the noun phrase the grammar of the cue points to, and the content is the clause
//! the cue governs. This module dispatches; the seams are:
//!
//! - [`sentence`]: the `Sentence` and `Frame` types;
//! - [`np`] noun phrases and [`subject`] the subject slot of a verb;
//! - [`verb`] verb frames, [`inverted`] frames after their content, [`content`] where a
//!   verb's content starts and ends, [`cue`] the verb cue and quote stance they share;
//! - [`prep`] prepositional and noun frames, [`special`] signed quotes, transcripts, anaphora
//!   and refusals.
//!
//! Which candidate becomes the speaker, and who a mention names, is decided afterwards in
//! `extract::resolve`. No names or phrases of particular articles are known here; everything
//! language-specific comes from the [`Lexicon`].

pub mod content;
pub mod cue;
pub mod inverted;
pub mod np;
pub mod prep;
pub mod sentence;
pub mod special;
pub mod subject;
pub mod verb;

use super::lexicon::{Lang, Lexicon};
use prep::{noun_frame, prep_frame};
pub use sentence::{Frame, Sentence, text_without_gap};
pub use special::headline_frame;
pub use special::is_refusal;
use special::{anaphoric_frame, byline_quote_frame, transcript_frame};
pub use subject::sentence_subject;
use verb::{verb_cues, verb_frame, verb_subject};

/// Finds the frames of one sentence.
pub fn frames(sentence: &Sentence, lang: Lang) -> Vec<Frame> {
    let lex = Lexicon::get(lang);
    let n = sentence.tokens.len();
    if n < 3 {
        return Vec::new();
    }
    if let Some(frame) = transcript_frame(sentence)
        .or_else(|| byline_quote_frame(sentence))
        .or_else(|| anaphoric_frame(sentence, lex))
    {
        return vec![frame];
    }
    let mut found: Vec<(usize, usize, Frame)> = Vec::new();
    let mut used = vec![false; n];
    // Verb cues first: they are the strongest evidence. Prepositional cues inside a verb's frame
    // ("berichtete unter Berufung auf …") are then part of that frame, not frames of their own.
    let cues = verb_cues(sentence, lex);
    // The speaker of the previous verb, for a second verb joined by "and" ("… and said …").
    let mut shared: Option<(usize, usize)> = None;
    for (k, cue) in cues.iter().enumerate() {
        if used[cue.first] || ends_relative_clause(sentence, lex, cue) {
            continue;
        }
        let next_cue = cues[k + 1..]
            .iter()
            .find(|c| !closes_subordinate_clause(sentence, lex, c))
            .map(|c| c.first);
        if let Some(frame) = verb_frame(sentence, lex, cue, next_cue, shared) {
            mark(sentence, &mut used, &frame);
            shared = frame
                .speaker
                .map(|(a, b)| (sentence.index_at(a), sentence.index_at(b).saturating_sub(1)));
            found.push((cue.first, cue.last, frame));
        } else {
            shared = verb_subject(sentence, lex, cue, shared).or(shared);
        }
    }
    for i in 0..n {
        if used[i] || sentence.in_quote(i) {
            continue;
        }
        if let Some(frame) = prep_frame(sentence, lex, i).or_else(|| noun_frame(sentence, lex, i)) {
            mark(sentence, &mut used, &frame);
            found.push((i, i, frame));
        }
    }
    found.sort_by_key(|(first, _, _)| *first);
    found.into_iter().map(|(_, _, f)| f).collect()
}

/// "…, dass die Opposition das gefordert habe.": with `verb_second` a cue followed by an
/// auxiliary that ends the clause is the verb at the end of a subordinate clause, inside the
/// content of the cue before it; it does not end that content. So is a participle that ends
/// a clause whose auxiliary stands inside it ("…, die Opposition habe das gefordert."),
/// unlike ", hatte Müller gefordert." where the auxiliary opens an inverted frame.
fn closes_subordinate_clause(s: &Sentence, lex: &Lexicon, cue: &cue::VerbCue) -> bool {
    if !lex.grammar.verb_second {
        return false;
    }
    let n = s.tokens.len();
    let is_aux = |k: usize| {
        lex.auxiliaries.contains(s.lower(k))
            || lex.subjunctive.contains(s.lower(k))
            || lex.passive_aux.contains(s.lower(k))
    };
    let ends_clause = |k: usize| k >= n || s.is_clause_punct(k) || s.is_end_punct(k);
    let aux = cue.last + 1;
    if aux < n && is_aux(aux) && ends_clause(aux + 1) {
        return true;
    }
    let clause_start = s.clause_start(cue.first);
    cue.first == cue.last && ends_clause(cue.last + 1) && (clause_start + 1..cue.first).any(is_aux)
}

/// "Der Notfallplan, den der Kreistag beschlossen hatte, sieht … vor": a verb at the end of a
/// relative clause reports nothing; its object is the noun before the comma. A relative pronoun
/// opens the clause when no noun follows it directly (", die Opposition habe …" is an article).
fn ends_relative_clause(s: &Sentence, lex: &Lexicon, cue: &cue::VerbCue) -> bool {
    if !closes_subordinate_clause(s, lex, cue) {
        return false;
    }
    let start = s.clause_start(cue.first);
    let opens = |k: usize| {
        lex.relative.contains(s.lower(k)) && s.tokens.get(k + 1).is_some_and(|t| !t.capitalised)
    };
    start > 0
        && s.is_comma(start - 1)
        && (opens(start) || lex.prepositions.contains(s.lower(start)) && opens(start + 1))
}

/// Marks the tokens of a frame's speaker and cue as used, so no later cue takes them.
fn mark(sentence: &Sentence, used: &mut [bool], frame: &Frame) {
    for (i, t) in sentence.tokens.iter().enumerate() {
        let inside = |r: Option<(usize, usize)>| r.is_some_and(|(s, e)| t.start >= s && t.end <= e);
        if inside(frame.speaker) || inside(frame.cue) {
            used[i] = true;
        }
    }
}
