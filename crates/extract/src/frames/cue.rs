//! A reporting-verb cue as the frames of a sentence see it, and the stance the first words of
//! its quotation give it. Shared by the subject-first frames (`verb`), the frames after their
//! content (`inverted`) and the content bounds (`content`), which therefore do not call each
//! other for it.

use super::sentence::Sentence;
use crate::claim::Stance;
use crate::lexicon::{CueEntry, Lexicon};

/// A verb cue found in a sentence: token range of its finite word (and particles), and entry.
pub struct VerbCue<'l> {
    pub first: usize,
    /// Last token of the cue (the particle for separable verbs).
    pub last: usize,
    pub entry: &'l CueEntry,
}

/// Stance of a direct quote: a first-person future is a promise, a first-person demand verb a
/// demand ("Wir werden …", "We will …", "Wir fordern …").
pub fn quote_stance(s: &Sentence, lex: &Lexicon, open: usize, cue_stance: Stance) -> Stance {
    if cue_stance != Stance::Assert {
        return cue_stance;
    }
    let words: Vec<&str> = (open + 1..s.tokens.len().min(open + 5))
        .map(|i| s.lower(i))
        .collect();
    let first_person = |w: &str| lex.first_person.contains(w);
    if words
        .iter()
        .take(words.len().saturating_sub(1).max(1))
        .any(|w| lex.contracted_future.contains(*w))
    {
        return Stance::Promise;
    }
    for pair in words.windows(2) {
        if first_person(pair[0]) && lex.future.contains(pair[1]) {
            return Stance::Promise;
        }
        if first_person(pair[0]) || first_person(pair[1]) {
            let verb = if first_person(pair[0]) {
                pair[1]
            } else {
                pair[0]
            };
            if let Some(stance) = first_person_stance(lex, verb) {
                return stance;
            }
        }
    }
    cue_stance
}

/// The stance a verb gives a quotation in the first person: a warning or demand verb of the
/// cue lexicon, or a verb stem of `[stance_stems]` ("fordern", "appellieren").
fn first_person_stance(lex: &Lexicon, verb: &str) -> Option<Stance> {
    if let Some(entry) = lex.cues.get(verb).and_then(|e| e.first())
        && matches!(entry.stance, Stance::Demand | Stance::Warn)
    {
        return Some(entry.stance);
    }
    lex.stance_stems
        .iter()
        .find(|(stem, _)| verb.starts_with(stem.as_str()))
        .map(|(_, stance)| *stance)
}
