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
//!   verb's content starts and ends;
//! - [`prep`] prepositional and noun frames, [`special`] signed quotes, transcripts, anaphora
//!   and refusals.
//!
//! Which candidate becomes the speaker, and who a mention names, is decided afterwards in
//! `extract::resolve`. No names or phrases of particular articles are known here; everything
//! language-specific comes from the [`Lexicon`].

pub mod content;
pub mod inverted;
pub mod np;
pub mod prep;
pub mod sentence;
pub mod special;
pub mod subject;
pub mod verb;

use super::lexicon::{Lang, Lexicon};
use crate::claim::SpeakerKind;
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
    let mut frames: Vec<Frame> = found.into_iter().map(|(_, _, f)| f).collect();
    drop_relays(sentence, lex, &mut frames);
    frames
}

/// "…, hieß es aus Kreisen der Partei, wie die Nachrichtenagentur berichtete", "…, the Kremlin
/// said, according to the news agency", "…, meldete die Agentur unter Berufung auf
/// Parteikreise": a news medium passes on what another source said. The two frames report
/// one content; the source speaks, and the medium's frame is cut from that content. A medium
/// citing an unnamed source stays the speaker.
fn drop_relays(s: &Sentence, lex: &Lexicon, frames: &mut Vec<Frame>) {
    let span = |f: &Frame| {
        let (a, b) = f.cue.unwrap_or(f.content);
        f.speaker.map_or((a, b), |(c, d)| (a.min(c), b.max(d)))
    };
    let kind = |f: &Frame| {
        f.speaker
            .map(|(a, b)| crate::speakers::describe(s.text, a, b, lex).kind)
    };
    let is_media = |f: &Frame| kind(f) == Some(SpeakerKind::Media);
    let within = |(a, b): (usize, usize), f: &Frame| f.content.0 <= a && b <= f.content.1;
    let related =
        |f: &Frame, g: &Frame| within(span(f), g) || within(span(g), f) || f.content == g.content;
    let mut k = 0;
    while k < frames.len() {
        if !is_media(&frames[k]) {
            k += 1;
            continue;
        }
        let relay = &frames[k];
        let source = (0..frames.len())
            .filter(|&j| j != k && related(&frames[j], relay))
            .find_map(|j| kind(&frames[j]).map(|kind| (j, kind)));
        match source {
            // "unter Berufung auf eine ungenannte Quelle": the medium vouches for an unnamed
            // source and stays the speaker; a content holding the medium's own frame is none.
            Some((j, SpeakerKind::Anonymous)) if within(span(relay), &frames[j]) => {
                frames.remove(j);
                k = 0;
            }
            Some((j, kind)) if !matches!(kind, SpeakerKind::Media | SpeakerKind::Anonymous) => {
                let cut = span(relay);
                cut_from_content(s, &mut frames[j], cut);
                frames.remove(k);
            }
            _ => k += 1,
        }
    }
}

/// Cuts the byte range `cut` of a relaying frame from a frame's content: at its end with the
/// clause that holds it ("…, wie die Agentur berichtete"), at its start, or as a gap inside.
fn cut_from_content(s: &Sentence, frame: &mut Frame, (a, b): (usize, usize)) {
    let (c0, c1) = frame.content;
    if !(c0 <= a && b <= c1) {
        return;
    }
    let first = s.index_at(a);
    let last = s.index_at(b).saturating_sub(1);
    // The content before the relay ends before its clause, and before the frame's own gap
    // when that stands just before ("…, the Kremlin said, according to the agency").
    let mut limit = s.clause_start(first);
    if let Some((ga, gb)) = frame.gap
        && gb <= a
    {
        limit = limit.min(s.index_at(ga));
    }
    let before = (s.index_at(c0)..limit)
        .rev()
        .find(|&k| !s.is_clause_punct(k));
    let rest = (last + 1..s.tokens.len())
        .find(|&k| !s.is_clause_punct(k) && !s.is_end_punct(k))
        .filter(|&k| s.tokens[k].start < c1);
    match (before, rest) {
        (Some(k), None) => frame.content.1 = s.tokens[k].end,
        (None, Some(k)) => frame.content.0 = s.tokens[k].start,
        (Some(k), Some(r)) if frame.gap.is_none() => {
            frame.gap = Some(sentence::frame_gap(s, k, r, false));
        }
        _ => {}
    }
}

/// "…, dass die Opposition das gefordert habe.": with `verb_second` a cue followed by an
/// auxiliary that ends the clause is the verb at the end of a subordinate clause, inside the
/// content of the cue before it; it does not end that content. So is a participle that ends
/// a clause whose auxiliary stands inside it ("…, die Opposition habe das gefordert."),
/// unlike ", hatte Müller gefordert." where the auxiliary opens an inverted frame.
fn closes_subordinate_clause(s: &Sentence, lex: &Lexicon, cue: &verb::VerbCue) -> bool {
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
fn ends_relative_clause(s: &Sentence, lex: &Lexicon, cue: &verb::VerbCue) -> bool {
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
