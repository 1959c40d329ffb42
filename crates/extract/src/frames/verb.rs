//! Verb frames: a reporting verb from the `[cues]` lexicon, its speaker (the subject) and its
//! content. Inverted frames ("…, sagte X.") are in `inverted`; where the content of a
//! subject-first frame starts and ends is in `content`; the subject itself in `subject`.

use super::content::{content_end, content_start};
use super::cue::{VerbCue, quote_stance};
use super::inverted::{comparative_frame, inverted_frame};
use super::np::{np_after, parenthesis_after};
use super::sentence::{Frame, Sentence, count_words};
use super::subject::{
    can_be_subject, clause_opener_only, marked_subject_after, opening_subject, skip_adverbs,
    skip_left, subject_before,
};
use crate::claim::{Mode, Stance};
use crate::lexicon::{CueEntry, Lexicon, ends_with_any};
use crate::text::TokenKind;

/// Finds the reporting verbs of a sentence outside its quotations.
pub fn verb_cues<'l>(sentence: &Sentence, lex: &'l Lexicon) -> Vec<VerbCue<'l>> {
    let n = sentence.tokens.len();
    let mut out = Vec::new();
    for i in 0..n {
        if sentence.in_quote(i) || sentence.tokens[i].kind != TokenKind::Word {
            continue;
        }
        let Some(entries) = lex.cues.get(sentence.lower(i)) else {
            continue;
        };
        // "Der Träger heißt Jan Roth", "Das heißt, …": a hearsay verb reports speech only
        // next to its impersonal subject ("heißt es", "es hieß").
        let impersonal_next = |k: Option<usize>| {
            k.and_then(|k| sentence.tokens.get(k))
                .is_some_and(|t| lex.impersonal.contains(&t.lower))
        };
        if lex.hearsay.contains(sentence.lower(i))
            && !impersonal_next(i.checked_sub(1))
            && !impersonal_next(Some(i + 1))
        {
            continue;
        }
        // A capitalised cue form that is not the first word is a noun in German ("das Sagen")
        // or part of a name in English ("the United States").
        if sentence.tokens[i].capitalised && i > 0 {
            continue;
        }
        // "a charity called Miners' Families First said": naming, not speaking.
        if lex.naming_words.contains(sentence.lower(i))
            && i > 0
            && sentence.tokens.get(i + 1).is_some_and(|t| t.capitalised)
        {
            continue;
        }
        // Right after an article a participle is an adjective ("der erwartete Verlust", "the
        // expected loss"), not a reporting verb.
        // An article that can also be a relative pronoun ("die sagte") needs a noun after the
        // participle to be sure ("die erwartete Summe"); "the remarks" is a noun at once.
        if i > 0
            && lex.determiners.contains(sentence.lower(i - 1))
            && !lex.demonstratives.contains(sentence.lower(i - 1))
            && (!lex.relative.contains(sentence.lower(i - 1))
                || sentence.tokens.get(i + 1).is_some_and(|next| {
                    next.kind == TokenKind::Word
                        && !lex.stop.contains(&next.lower)
                        && !lex.complementizers.contains(&next.lower)
                        && (next.capitalised || !lex.grammar.capitalised_nouns)
                }))
        {
            continue;
        }
        if adjective_participle(sentence, lex, i)
            || plural_noun(sentence, lex, i)
            || other_verb(sentence, lex, i)
        {
            continue;
        }
        for entry in entries {
            if let Some(last) = match_rest(sentence, lex, i, entry) {
                out.push(VerbCue {
                    first: i,
                    last,
                    entry,
                });
                break;
            }
        }
    }
    out
}

/// "the swing states", "Trump's remarks", "raised questions": a cue form that is also a plural
/// noun (`[noun_homographs]`) is a verb only right after the head of its subject: a capitalised
/// word, a pronoun, a role, organisation or source noun, or after punctuation ("— states that")
/// or a coordinator ("… and calls them").
fn plural_noun(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    if i == 0 || !lex.noun_homographs.contains(s.lower(i)) {
        return false;
    }
    let before = &s.tokens[i - 1];
    let w = before.lower.as_str();
    // "Her remarks", "Legal challenges", "Lowe's comments": a capitalised word that opens the
    // sentence may be a possessive or an adjective; a possessive "'s" never heads a subject.
    let modifier = lex.possessives.contains(w)
        || lex.determiners.contains(w)
        || i == 1 && lex.adjective_ending(w)
        || lex.phrase_final.iter().any(|p| w.ends_with(p.as_str()));
    let subject_head = !modifier && (before.kind != TokenKind::Word || before.capitalised)
        || lex.person_pronouns.contains(w)
        || lex.group_pronouns.contains(w)
        || lex.relative.contains(w)
        || lex.coordinators.contains(w)
        || lex.is_role(w)
        || lex.organisation_kind(w).is_some()
        || lex.is_source_noun(w);
    !subject_head
}

/// "pointed at the map", "sagte das Spiel ab": a cue form with a particle or preposition that
/// `[other_verbs]` lists ("pointed+at", "sagte+ab") is another verb; nobody speaks. The word
/// follows the cue, or with `separable_particles` ends its clause.
fn other_verb(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    if lex.other_verbs.is_empty() {
        return false;
    }
    let n = s.tokens.len();
    let at = if lex.grammar.separable_particles {
        let end = (i + 1..n)
            .find(|&k| s.is_clause_punct(k) || s.is_end_punct(k))
            .unwrap_or(n);
        end - 1
    } else {
        i + 1
    };
    at > i
        && at < n
        && lex
            .other_verbs
            .contains(&format!("{}+{}", s.lower(i), s.lower(at)))
}

/// "two men suspected of theft": a participle and the word after it that `[participle_objects]`
/// lists ("suspected+of"), right after a lower-case word, describe the noun before it; nobody
/// speaks.
fn adjective_participle(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    i > 0
        && s.tokens[i - 1].kind == TokenKind::Word
        && !s.tokens[i - 1].capitalised
        && !lex.person_pronouns.contains(s.lower(i - 1))
        && !lex.group_pronouns.contains(s.lower(i - 1))
        && s.tokens.get(i + 1).is_some_and(|t| {
            lex.participle_objects
                .contains(&format!("{}+{}", s.lower(i), t.lower))
        })
}

/// Checks the words after the first one of a multi-word cue: adjacent, or anywhere later in the
/// same clause for separable verbs ("teilte … mit"). Returns the last token.
fn match_rest(sentence: &Sentence, lex: &Lexicon, first: usize, entry: &CueEntry) -> Option<usize> {
    let n = sentence.tokens.len();
    let mut j = first;
    for w in &entry.words[1..] {
        j += 1;
        if !lex.grammar.separable_particles {
            if j >= n || sentence.lower(j) != *w {
                return None;
            }
            continue;
        }
        while j < n && sentence.lower(j) != *w {
            // "teilte am Abend (Ortszeit) mit": a short parenthesis does not end the clause.
            if let Some(close) = parenthesis_after(sentence, j) {
                j = close + 1;
                continue;
            }
            if sentence.is_clause_punct(j) || sentence.tokens[j].kind == TokenKind::Quote {
                // "teilte der Gouverneur, Igor Petrow, mit.": an apposition between verb and
                // particle, when the particle ends the sentence.
                let last = entry.words.last().is_some_and(|l| l == w);
                let closing = (j + 1..(j + 12).min(n)).find(|&k| {
                    sentence.lower(k) == *w
                        && (k + 1 == n || sentence.is_end_punct(k + 1))
                        && (j..k).all(|m| sentence.tokens[m].kind != TokenKind::Quote)
                });
                match closing {
                    Some(k) if last && sentence.is_comma(j) => {
                        j = k;
                        break;
                    }
                    _ => return None,
                }
            }
            j += 1;
        }
        if j >= n {
            return None;
        }
        // A particle must end its clause: "teilte … mit, dass" or "… mit." but not
        // "teilte mit der Polizei".
        let after = j + 1;
        let last = entry.words.last().is_some_and(|l| l == w);
        if last && after < n && !sentence.is_clause_punct(after) && !sentence.is_end_punct(after) {
            return None;
        }
    }
    Some(j)
}

/// Who a subject-first (or verb-second) frame names, and where its content may begin.
struct Slot {
    /// Token range of the speaker phrase.
    speaker: Option<(usize, usize)>,
    /// The first token after the verb and a subject that follows it.
    after_cue: usize,
    /// "Es wurde erwartet, dass …": content but no speaker, and no attribution.
    impersonal: bool,
}

/// The frame of one verb cue. `next_cue` is the first token of the next verb cue in the
/// sentence; `shared` the speaker of the previous one ("… and said …").
pub fn verb_frame(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    next_cue: Option<usize>,
    shared: Option<(usize, usize)>,
) -> Option<Frame> {
    let cue_span = (s.tokens[cue.first].start, s.tokens[cue.last].end);
    // Inverted order: content first, then "…, sagte X." / "'…,' he said." / "…, said X."
    if let Some(frame) =
        inverted_frame(s, lex, cue, cue_span).or_else(|| comparative_frame(s, lex, cue, cue_span))
    {
        return Some(frame);
    }
    // "Ships had been told to stay away": a passive reporting verb has no speaker here.
    // ("is stressing" is no passive: a present participle is active.)
    if cue.first > 0
        && lex.passive_aux.contains(s.lower(cue.first - 1))
        && !ends_with_any(s.lower(cue.first), &lex.participle_endings)
    {
        return None;
    }
    // "Dies geht aus einer Mitteilung der Bahn hervor.": the document after the preposition is
    // the source of the previous sentence.
    if cue.first == 1
        && lex.demonstratives.contains(s.lower(0))
        && s.tokens
            .get(2)
            .is_some_and(|t| lex.prepositions.contains(&t.lower))
        && let Some(document) = np_after(s, lex, 3).filter(|&(a, b)| a == 3 && b < cue.last)
    {
        return Some(previous_sentence_frame(s, document, cue, cue_span));
    }
    let mut slot = match verb_first(s, lex, cue) {
        Some(slot) => slot,
        None => speaker_slot(s, lex, cue, shared)?,
    };
    if cue.last > cue.first {
        slot.after_cue = slot.after_cue.max(cue.last + 1);
    }
    // "Dies bestätigte der Sprecher." — the demonstrative stands for the previous sentence.
    if cue.first == 1 && lex.demonstratives.contains(s.lower(0)) {
        return Some(previous_sentence_frame(s, slot.speaker?, cue, cue_span));
    }
    content_frame(s, lex, cue, cue_span, &slot, next_cue)
}

/// A frame whose content is the sentence before ("Dies bestätigte der Sprecher."), said by the
/// phrase at token range `(a, b)`.
fn previous_sentence_frame(
    s: &Sentence,
    (a, b): (usize, usize),
    cue: &VerbCue,
    cue_span: (usize, usize),
) -> Frame {
    Frame {
        content: (s.start, s.start),
        speaker: Some((s.tokens[a].start, s.tokens[b].end)),
        cue: Some(cue_span),
        mode: Mode::Indirect,
        stance: cue.entry.stance,
        wants_next: false,
        refers_back: true,
        gap: None,
    }
}

/// "Said Ellis: “…”": a verb that opens the sentence, its subject and a colon, where the verb
/// does not otherwise stand first.
fn verb_first(s: &Sentence, lex: &Lexicon, cue: &VerbCue) -> Option<Slot> {
    if cue.first != 0 || lex.grammar.verb_second {
        return None;
    }
    let (a, b) = np_after(s, lex, cue.last + 1).filter(|&(a, _)| a == cue.last + 1)?;
    (s.tokens.get(b + 1)?.lower == ":").then_some(Slot {
        speaker: Some((a, b)),
        after_cue: b + 1,
        impersonal: false,
    })
}

/// The subject of a verb cue whose frame has no content of its own ("begrüßte die Einigung,
/// forderte aber, …"), so that a second verb can share it.
pub fn verb_subject(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    shared: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    speaker_slot(s, lex, cue, shared)?.speaker
}

/// Finds the speaker of a verb cue: the subject before it, or (verb-second) after it, or the
/// speaker shared with a coordinated verb; `None` when the verb has no speaker at all.
fn speaker_slot(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    shared: Option<(usize, usize)>,
) -> Option<Slot> {
    let v2 = lex.grammar.verb_second;
    if let Some(slot) = hearsay_document(s, lex, cue) {
        return Some(slot);
    }
    if let Some(slot) = passive_slot(s, lex, cue) {
        return Some(slot);
    }
    if v2 && let Some(subject) = subordinate_subject(s, lex, cue) {
        return Some(Slot {
            speaker: Some(subject),
            after_cue: cue.last + 1,
            impersonal: false,
        });
    }
    let mut left_end = skip_left(s, lex, cue.first);
    // "joined a drive called the Fund": a phrase right after another verb is its object.
    let mut left = subject_before(s, lex, left_end).filter(|&np| v2 || !after_a_verb(s, lex, np.0));
    if v2 && let Some((end, subject)) = subject_before_objects(s, lex, left) {
        (left_end, left) = (end, Some(subject));
    }
    // A noun phrase that cannot be the subject is kept only when no better one follows the verb.
    let fallback = left.filter(|&np| v2 && !can_be_subject(s, lex, np));
    let mut speaker = left.filter(|&np| !v2 || can_be_subject(s, lex, np));
    // "Protesters marching through the streets chanted": without verb-second a phrase after a
    // preposition is that preposition's object; the subject opens the sentence.
    if !v2
        && let Some((a, _)) = speaker
        && a > 0
        && lex.prepositions.contains(s.lower(a - 1))
        // "A study by the Institute predicts": the phrase completes the opening subject.
        && let Some(opening) = opening_subject(s, lex).filter(|&(_, b)| b + 2 < a)
    {
        speaker = Some(opening);
    }
    let mut after_cue = cue.first + 1;
    // "…, war sagte er:": a pronoun right after the verb is its subject.
    let pronoun_after = s
        .tokens
        .get(cue.first + 1)
        .is_some_and(|t| lex.person_pronouns.contains(&t.lower));
    if let Some((subject, after)) = subject_after_verb(s, lex, cue, speaker) {
        speaker = Some(subject);
        after_cue = after;
    }
    // "… lobte die Helfer und rief die Anwohner auf, …": after a coordinator the verb
    // shares the earlier subject; the phrase after it is its object.
    let coordinated = left_end > 0 && lex.coordinators.contains(s.lower(left_end - 1));
    if speaker.is_none()
        && v2
        && (!coordinated || pronoun_after)
        && (fallback.is_some() || clause_opener_only(s, lex, left_end) || pronoun_after)
        && let Some((a, b)) = subject_after(s, lex, cue.first + 1)
    {
        speaker = Some((a, b));
        after_cue = b + 1;
    }
    // A phrase after a preposition may stand for its source ("In dem Bericht …"); one with a
    // dative or accusative article ("den Vorwurf") never speaks.
    if speaker.is_none() {
        // "gegenüber der Zeitung" names the hearer.
        speaker = fallback.filter(|&(a, _)| {
            let preposition = a.checked_sub(1).map(|p| s.lower(p));
            (!lex.non_subject.contains(s.lower(a))
                || preposition.is_some_and(|p| lex.prepositions.contains(p)))
                && !preposition.is_some_and(|p| lex.recipient_prepositions.contains(p))
        });
    }
    speaker = speaker.or_else(|| relative_pronoun(s, lex, left_end));
    speaker = shared_speaker(s, lex, cue, speaker, left_end, shared);
    slot_of(s, lex, cue, speaker, fallback, after_cue)
}

/// With verb-second, a subject that only the words after the verb can be wins over the phrase
/// `before` the verb: a nominative "der" phrase or a titled name after a fronted object ("Die
/// Anwendung stellte der Vorsitzende in Frage"), or a nominative pronoun, whatever stands before
/// ("Den Anwohnern schlug er vor, …"). Returns the subject and the first token after it.
fn subject_after_verb(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    before: Option<(usize, usize)>,
) -> Option<((usize, usize), usize)> {
    if !lex.grammar.verb_second {
        return None;
    }
    if before.is_some_and(|np| fronted_object(s, lex, np))
        && let Some((a, b)) = marked_subject_after(s, lex, after_cue_words(s, cue))
    {
        return Some(((a, b), b + 1));
    }
    let k = cue.first + 1;
    s.tokens
        .get(k)
        .is_some_and(|t| lex.nominative_pronouns.contains(&t.lower))
        .then_some(((k, k), k + 1))
}

/// A phrase before a verb-second verb that may be its fronted object: one opened by an article
/// that is not nominative-only or by a possessive ("Die Entwicklung …", "Eine seiner Aufgaben
/// …", not "Der Sprecher …"), without a role.
fn fronted_object(s: &Sentence, lex: &Lexicon, (a, b): (usize, usize)) -> bool {
    let opener =
        |k: usize| lex.articles.contains(s.lower(k)) || lex.possessives.contains(s.lower(k));
    // "Kritik an der Reform äußerte …": a speech noun opens the object without an article.
    let speech_object = lex.speech_objects.contains(s.lower(a));
    (opener(a) || a > 0 && opener(a - 1) || speech_object)
        && !(a..=b).any(|k| lex.is_role(s.word(k)))
}

/// The token after the words of a cue that stand together ("ist der Ansicht").
fn after_cue_words(s: &Sentence, cue: &VerbCue) -> usize {
    let words = &cue.entry.words;
    let together = (1..words.len())
        .take_while(|&k| {
            s.tokens
                .get(cue.first + k)
                .is_some_and(|t| t.lower == words[k])
        })
        .count();
    cue.first + 1 + together
}

/// "Obwohl der Minister mit Mehreinnahmen rechnet, …": in a subordinate clause the verb ends
/// the clause and its subject follows the conjunction, whatever objects stand between.
fn subordinate_subject(s: &Sentence, lex: &Lexicon, cue: &VerbCue) -> Option<(usize, usize)> {
    let start = s.clause_start(cue.first);
    let after = cue.last + 1;
    let verb_last = after >= s.tokens.len() || s.is_clause_punct(after) || s.is_end_punct(after);
    if !verb_last || !lex.subordinators.contains(s.lower(start)) {
        return None;
    }
    np_after(s, lex, start + 1)
        .filter(|&(a, b)| a == start + 1 && b < cue.first && can_be_subject(s, lex, (a, b)))
}

/// "a nurse who said …": a relative pronoun right before the verb (ending at
/// `left_end`) is the speaker's mention, unless a word before it opens an indirect question
/// ("unclear who said").
fn relative_pronoun(s: &Sentence, lex: &Lexicon, left_end: usize) -> Option<(usize, usize)> {
    let k = left_end.checked_sub(1)?;
    let question = k > 0 && lex.question_governors.contains(s.lower(k - 1));
    (lex.grammar.relative_pronoun_speaker && lex.relative.contains(s.lower(k)) && !question)
        .then_some((k, k))
}

/// "Erwartet wird ein Anstieg", "erwartet werden Verluste": a participle next to a
/// passive auxiliary has no speaker in its subject; the phrase is what is reported.
fn passive_slot(s: &Sentence, lex: &Lexicon, cue: &VerbCue) -> Option<Slot> {
    let passive = |k: Option<usize>| {
        k.and_then(|k| s.tokens.get(k))
            .is_some_and(|t| lex.passive_werden.contains(&t.lower))
    };
    // "war vorgeschlagen worden, …": with the verb last the perfect auxiliary follows it.
    let after = s.tokens.get(cue.last + 1);
    let next_to_auxiliary = passive(cue.first.checked_sub(1))
        || after.is_some_and(|t| {
            lex.passive_werden.contains(&t.lower) || lex.passive_aux.contains(&t.lower)
        });
    (cue.first == cue.last && next_to_auxiliary).then_some(Slot {
        speaker: None,
        after_cue: cue.last + 2,
        impersonal: false,
    })
}

/// The speaker a verb shares with the clause before it: "… and said …", "begrüßte die
/// Einigung, forderte aber, …", "The judge rejected the request, saying …".
fn shared_speaker(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    mut speaker: Option<(usize, usize)>,
    left_end: usize,
    shared: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    // "… and said …", "begrüßte die Einigung, forderte aber, …": a second verb of the same
    // subject, joined by a coordinator or a comma.
    if speaker.is_none()
        && left_end > 0
        && (lex.coordinators.contains(s.lower(left_end - 1)) || s.is_comma(left_end - 1))
    {
        speaker = shared;
        // "Lee backed the plan in 2015, and said …": without a cue before it, the verb shares
        // the subject that opens the sentence.
        if speaker.is_none() && lex.coordinators.contains(s.lower(left_end - 1)) {
            speaker = opening_subject(s, lex);
        }
    }
    // "The judge rejected the request, saying …": a participle after a comma shares the
    // subject that opens the sentence.
    if ends_with_any(&cue.entry.words[0], &lex.participle_endings)
        && left_end > 0
        && s.is_comma(left_end - 1)
    {
        speaker = shared.or_else(|| np_after(s, lex, 0).filter(|&(a, _)| a == 0));
    }
    speaker
}

/// The slot of a found speaker: "Es wurde erwartet, dass …", "It is said that …" have an
/// impersonal subject and no speaker, unless a document before the verb is the source.
fn slot_of(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    speaker: Option<(usize, usize)>,
    fallback: Option<(usize, usize)>,
    after_cue: usize,
) -> Option<Slot> {
    let v2 = lex.grammar.verb_second;
    // "Es wurde erwartet, dass …", "It is said that …": an impersonal subject with an
    // auxiliary before the verb; "It denied that …" is a pronoun for a body named before.
    let impersonal = speaker.is_some_and(|(a, b)| {
        a == b && lex.impersonal.contains(s.lower(a)) && (cue.first > b + 1 || v2)
    });
    if !impersonal {
        return speaker.map(|_| Slot {
            speaker,
            after_cue,
            impersonal: false,
        });
    }
    // "In dem Bericht heißt es, …": the document named before the verb is the source, or the
    // source stays unnamed.
    let hearsay = lex.hearsay.contains(&cue.entry.words[0]);
    Some(Slot {
        speaker: if hearsay { fallback } else { None },
        after_cue,
        impersonal: !hearsay,
    })
}

/// "X hat in einem Interview mit der Zeitung gefordert": with the verb at the end, objects and
/// prepositional phrases stand between the subject and the verb. Steps left over up to three of
/// them and returns where the subject ends and the subject, when one is found.
fn subject_before_objects(
    s: &Sentence,
    lex: &Lexicon,
    mut left: Option<(usize, usize)>,
) -> Option<(usize, (usize, usize))> {
    for _ in 0..3 {
        // "Anwohner haben dem Bürgermeister einen Brief geschrieben": every phrase between
        // the auxiliary and the participle is an object.
        if let Some(found) = subject_before_auxiliary(s, lex, left?) {
            return Some(found);
        }
        let (a, _) = left?;
        if can_be_subject(s, lex, (a, left?.1)) {
            return None;
        }
        let start = if a > 0 && lex.prepositions.contains(s.lower(a - 1)) {
            a - 1
        } else {
            a
        };
        let end = skip_left(s, lex, start);
        left = subject_before(s, lex, end);
        if let Some(np) = left
            && can_be_subject(s, lex, np)
        {
            return Some((end, np));
        }
    }
    None
}

/// "Die Landrätin hatte den Bürgermeister gestern aufgefordert": a phrase between the auxiliary and the
/// participle is the object when a subject stands before the auxiliary. Not so after a fronted
/// object, adverbial or time ("Das hat der Minister gesagt", "Am Montag hat sie gesagt").
fn subject_before_auxiliary(
    s: &Sentence,
    lex: &Lexicon,
    (a, _): (usize, usize),
) -> Option<(usize, (usize, usize))> {
    let aux = a.checked_sub(1)?;
    if aux == 0 || !lex.auxiliaries.contains(s.lower(aux)) {
        return None;
    }
    let np = subject_before(s, lex, aux)?;
    let single_function_word = np.0 == np.1
        && (lex.stop.contains(s.lower(np.0)) || lex.adverbial_openers.contains(s.lower(np.0)));
    let usable = can_be_subject(s, lex, np) && !single_function_word && !lex.is_time(s.lower(np.1));
    usable.then_some((aux, np))
}

/// True when token `a` follows a verb directly (a past form or another cue), so that the
/// phrase starting there is that verb's object, not a subject.
fn after_a_verb(s: &Sentence, lex: &Lexicon, a: usize) -> bool {
    let Some(prev) = a.checked_sub(1).map(|k| &s.tokens[k]) else {
        return false;
    };
    prev.kind == TokenKind::Word
        && !prev.capitalised
        && !lex.stop.contains(&prev.lower)
        && !lex.coordinators.contains(&prev.lower)
        && !lex.adverbial_openers.contains(&prev.lower)
        && (lex.cues.contains_key(&prev.lower) || ends_with_any(&prev.lower, &lex.verb_endings))
        && !ends_with_any(&prev.lower, &lex.adverb_endings)
}

/// "So heißt es in der Meldung: …": hearsay whose source is the document after "es".
fn hearsay_document(s: &Sentence, lex: &Lexicon, cue: &VerbCue) -> Option<Slot> {
    let after_es = s
        .tokens
        .get(cue.first + 1)
        .is_some_and(|t| lex.impersonal.contains(&t.lower))
        && s.tokens
            .get(cue.first + 2)
            .is_some_and(|t| lex.prepositions.contains(&t.lower));
    if !lex.hearsay.contains(&cue.entry.words[0]) || !after_es {
        return None;
    }
    let document = np_after(s, lex, cue.first + 3)?;
    Some(Slot {
        speaker: Some(document),
        after_cue: document.1 + 1,
        impersonal: false,
    })
}

/// The subject right after a verb-second verb, over adverbs and a dative object ("sagte der
/// Zeitung ein Sprecher").
fn subject_after(s: &Sentence, lex: &Lexicon, from: usize) -> Option<(usize, usize)> {
    let np = np_after(s, lex, skip_adverbs(s, lex, from))?;
    if can_be_subject(s, lex, np) {
        return Some(np);
    }
    np_after(s, lex, np.1 + 1).filter(|&next| can_be_subject(s, lex, next))
}

/// The content of a subject-first frame: after a colon, a complementiser, a comma or an
/// opening quotation within reach. A later cue ends this content only when it opens a clause of
/// its own ("…, sagten, dass …"); one inside the content is reported within it ("said that X
/// announced that …").
fn content_frame(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    cue_span: (usize, usize),
    slot: &Slot,
    next_cue: Option<usize>,
) -> Option<Frame> {
    let n = s.tokens.len();
    let mut stance = cue.entry.stance;
    let limit = next_cue
        .filter(|&c| c > 0 && (s.is_comma(c - 1) || lex.grammar.verb_second))
        .map_or(n, |c| c.min(n));
    let Some((start_tok, starts_with_quote)) = content_start(s, lex, slot.after_cue, limit, cue)
    else {
        return reported_frame(s, slot.speaker, cue_span, stance, cue.first + 1, limit);
    };
    let mut end_tok = content_end(s, lex, start_tok, limit, next_cue.is_some());
    let speaker = slot
        .speaker
        .map(|(a, b)| (s.tokens[a].start, s.tokens[b].end));
    let mode = |m: Mode| if slot.impersonal { Mode::None } else { m };
    if end_tok <= start_tok {
        // "He said:" at the end of a sentence: the quote follows in the next sentence.
        if s.tokens.get(slot.after_cue).is_some_and(|t| t.lower == ":") && speaker.is_some() {
            return Some(Frame {
                content: (s.end, s.end),
                speaker,
                cue: Some(cue_span),
                mode: Mode::Direct,
                stance,
                wants_next: true,
                refers_back: false,
                gap: None,
            });
        }
        return None;
    }
    // "asked whether …", "fragte, ob …": an open question.
    let question = [start_tok, start_tok.saturating_sub(1)]
        .iter()
        .any(|&k| k >= slot.after_cue && lex.question_complementizers.contains(s.lower(k)));
    if question && matches!(stance, Stance::Assert | Stance::Demand) {
        stance = Stance::Question;
    }
    if starts_with_quote && let Some((qs, qe)) = s.quote_starting_at(start_tok) {
        let q_end = s.index_at(qe);
        if q_end >= end_tok.saturating_sub(2) {
            end_tok = end_tok.min(q_end);
        }
        stance = quote_stance(s, lex, start_tok, stance);
        let content = (qs, qe.min(s.tokens[end_tok - 1].end.max(qe)));
        let frame = Frame::new(content, speaker, Some(cue_span), mode(Mode::Direct), stance);
        return Some(frame);
    }
    // "… were reported last week": a time phrase alone is no content.
    let only_time = (start_tok..end_tok).all(|k| {
        s.tokens[k].kind != TokenKind::Word
            || lex.time.contains(s.lower(k))
            || lex.np_function.contains(s.lower(k))
            || lex.never_speaker.contains(s.lower(k))
    });
    if count_words(s, start_tok, end_tok) < 2 || only_time {
        return None;
    }
    let content = (s.tokens[start_tok].start, s.tokens[end_tok - 1].end);
    let frame = Frame::new(
        content,
        speaker,
        Some(cue_span),
        mode(Mode::Indirect),
        stance,
    );
    Some(frame)
}

/// "Müntefering sprach von einem Erfolg.": a speech act without a content clause. The whole
/// sentence is the message, as annotators of reported speech mark it.
fn reported_frame(
    s: &Sentence,
    speaker: Option<(usize, usize)>,
    cue: (usize, usize),
    stance: Stance,
    object_from: usize,
    limit: usize,
) -> Option<Frame> {
    let speaker = speaker?;
    // The object of the speech act, including what stands inside a separable verb
    // ("gab die Festnahme bekannt"), must say something.
    if limit < s.tokens.len() || count_words(s, object_from, limit) < 3 {
        return None;
    }
    let end = s.trim_punct(0, limit);
    Some(Frame::new(
        (s.tokens[0].start, s.tokens[end - 1].end),
        Some((s.tokens[speaker.0].start, s.tokens[speaker.1].end)),
        Some(cue),
        Mode::Reported,
        stance,
    ))
}
