//! Relayed reports: a news medium passing on what another source said gives two frames for
//! one content. Runs after the frames of a sentence are found, since it needs to know which
//! speaker is a medium.

use crate::claim::SpeakerKind;
use crate::frames::{Frame, Sentence};
use crate::lexicon::Lexicon;

/// "…, hieß es aus Kreisen der Partei, wie die Nachrichtenagentur berichtete", "…, the Kremlin
/// said, according to the news agency", "…, meldete die Agentur unter Berufung auf
/// Parteikreise": a news medium passes on what another source said. The two frames report
/// one content; the source speaks, and the medium's frame is cut from that content. A medium
/// citing an unnamed source stays the speaker.
pub fn drop_relays(s: &Sentence, lex: &Lexicon, frames: &mut Vec<Frame>) {
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
            frame.gap = Some(crate::frames::sentence::frame_gap(s, k, r, false));
        }
        _ => {}
    }
}
