//! Attribution rules: finds who says what in one sentence, from cue lexicons and word order.
//!
//! A sentence is read as tokens plus its quotation spans. Each cue (a reporting verb, a noun
//! such as "Warnungen", or a preposition such as "laut"/"according to") anchors a frame: the
//! speaker is the noun phrase the grammar of the cue points to, and the content is the clause
//! the cue governs. No names or phrases of particular articles are known here; everything
//! language-specific comes from the [`Lexicon`].

use super::lexicon::{CueEntry, Lang, Lexicon};
use super::text::{Token, TokenKind};
use crate::claim::{Mode, Stance};

/// A sentence prepared for the rules.
pub struct Sentence<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
    /// Quotation spans (byte ranges, marks included) that overlap this sentence.
    pub quotes: Vec<(usize, usize)>,
}

/// One attribution found in a sentence, in token indices of that sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Byte range of the content.
    pub content: (usize, usize),
    /// Byte range of the speaker mention, if one is named.
    pub speaker: Option<(usize, usize)>,
    /// Byte ranges of the cue words.
    pub cue: Option<(usize, usize)>,
    pub mode: Mode,
    pub stance: Stance,
    /// Set when the frame ends the sentence with a colon and its content is the next sentence.
    pub wants_next: bool,
    /// Set for "Dies bestätigte X." / "That, X said, …": the content is the previous sentence.
    pub refers_back: bool,
}

impl Frame {
    /// A frame whose content is in its own sentence (the usual case).
    fn new(
        content: (usize, usize),
        speaker: Option<(usize, usize)>,
        cue: Option<(usize, usize)>,
        mode: Mode,
        stance: Stance,
    ) -> Frame {
        Frame {
            content,
            speaker,
            cue,
            mode,
            stance,
            wants_next: false,
            refers_back: false,
        }
    }
}

/// Relative pronouns: a speaker slot filled by one of them points back to the noun before it.
const RELATIVE: &[&str] = &[
    "die", "der", "das", "welche", "welcher", "who", "which", "that",
];

impl Sentence<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }

    fn lower(&self, i: usize) -> &str {
        &self.tokens[i].lower
    }

    fn in_quote(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        self.quotes.iter().any(|&(s, e)| t.start >= s && t.end <= e)
    }

    fn is_comma(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.lower == ",")
    }

    fn is_clause_punct(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.lower.as_str(), "," | ";" | ":" | "(" | ")" | "–" | "—"))
    }

    fn is_end_punct(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.lower.as_str(), "." | "!" | "?"))
    }

    /// Returns the quote span that starts at token `i`, if `i` is an opening mark.
    fn quote_starting_at(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tokens.get(i)?;
        self.quotes.iter().copied().find(|&(s, _)| s == t.start)
    }

    /// Returns the index of the first token at or after byte `pos`.
    fn index_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }
}

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
    let cues = verb_cues(sentence, lex, lang);
    // The speaker of the previous verb, for a second verb joined by "and" ("… and said …").
    let mut shared: Option<(usize, usize)> = None;
    for (k, cue) in cues.iter().enumerate() {
        if used[cue.first] {
            continue;
        }
        let next_cue = cues.get(k + 1).map(|c| c.first);
        if let Some(frame) = verb_frame(sentence, lex, lang, cue, next_cue, shared) {
            mark(sentence, &mut used, &frame);
            shared = frame
                .speaker
                .map(|(a, b)| (sentence.index_at(a), sentence.index_at(b).saturating_sub(1)));
            found.push((cue.first, cue.last, frame));
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

fn mark(sentence: &Sentence, used: &mut [bool], frame: &Frame) {
    for (i, t) in sentence.tokens.iter().enumerate() {
        let inside = |r: Option<(usize, usize)>| r.is_some_and(|(s, e)| t.start >= s && t.end <= e);
        if inside(frame.speaker) || inside(frame.cue) {
            used[i] = true;
        }
    }
}

/// "“We are tired of waiting.” ― Ana Ruiz" — a quotation signed with a dash and a name.
fn byline_quote_frame(s: &Sentence) -> Option<Frame> {
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
/// letter and followed by a capitalised word?
fn is_initial_dot(s: &Sentence, i: usize) -> bool {
    i > 0
        && s.lower(i) == "."
        && s.tokens[i - 1].end == s.tokens[i].start
        && s.word(i - 1).chars().count() == 1
        && s.tokens[i - 1].capitalised
        && s.tokens.get(i + 1).is_some_and(|t| t.capitalised)
}

/// "Demnach steht …": the adverb stands for the last source; the rest is its content.
fn anaphoric_frame(s: &Sentence, lex: &Lexicon) -> Option<Frame> {
    let n = s.tokens.len();
    if !lex.anaphoric.contains(s.lower(0)) || n < 4 {
        return None;
    }
    let mut end = n;
    while end > 1 && s.is_end_punct(end - 1) {
        end -= 1;
    }
    let head = (s.tokens[0].start, s.tokens[0].end);
    Some(Frame::new(
        (s.tokens[1].start, s.tokens[end - 1].end),
        Some(head),
        Some(head),
        Mode::Indirect,
        Stance::Assert,
    ))
}

/// "PENCE: Well, look, …" — a transcript line: a speaker in capitals, a colon, their words.
fn transcript_frame(s: &Sentence) -> Option<Frame> {
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

/// A verb cue found in a sentence: token range of its finite word (and particles), and entry.
struct VerbCue<'l> {
    first: usize,
    /// Last token of the cue (the particle for separable verbs).
    last: usize,
    entry: &'l CueEntry,
}

fn verb_cues<'l>(sentence: &Sentence, lex: &'l Lexicon, lang: Lang) -> Vec<VerbCue<'l>> {
    let n = sentence.tokens.len();
    let mut out = Vec::new();
    for i in 0..n {
        if sentence.in_quote(i) || sentence.tokens[i].kind != TokenKind::Word {
            continue;
        }
        let Some(entries) = lex.cues.get(sentence.lower(i)) else {
            continue;
        };
        // A capitalised cue form that is not the first word is a noun in German ("das Sagen")
        // or part of a name in English ("the United States").
        if sentence.tokens[i].capitalised && i > 0 {
            continue;
        }
        for entry in entries {
            if let Some(last) = match_rest(sentence, lang, i, entry) {
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

/// Checks the words after the first one of a multi-word cue: adjacent in English, anywhere later
/// in the same clause for German separable verbs ("teilte … mit"). Returns the last token.
fn match_rest(sentence: &Sentence, lang: Lang, first: usize, entry: &CueEntry) -> Option<usize> {
    let n = sentence.tokens.len();
    let mut j = first;
    for w in &entry.words[1..] {
        match lang {
            Lang::En => {
                j += 1;
                if j >= n || sentence.lower(j) != *w {
                    return None;
                }
            }
            Lang::De => {
                j += 1;
                while j < n && sentence.lower(j) != *w {
                    if sentence.is_clause_punct(j) || sentence.tokens[j].kind == TokenKind::Quote {
                        return None;
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
                if last
                    && after < n
                    && !sentence.is_clause_punct(after)
                    && !sentence.is_end_punct(after)
                {
                    return None;
                }
            }
        }
    }
    Some(j)
}

fn verb_frame(
    s: &Sentence,
    lex: &Lexicon,
    lang: Lang,
    cue: &VerbCue,
    next_cue: Option<usize>,
    shared: Option<(usize, usize)>,
) -> Option<Frame> {
    let n = s.tokens.len();
    let cue_span = (s.tokens[cue.first].start, s.tokens[cue.last].end);
    let mut stance = cue.entry.stance;

    // Inverted order: content first, then "…, sagte X." / "'…,' he said." / "…, said X."
    if let Some(frame) = inverted_frame(s, lex, lang, cue, cue_span) {
        return Some(frame);
    }

    // "Ships had been told to stay away": a passive reporting verb has no speaker here.
    if cue.first > 0 && matches!(s.lower(cue.first - 1), "been" | "being" | "worden") {
        return None;
    }
    // Speaker before the cue (subject first), or right after it (German verb-second).
    let left_end = skip_left(s, lex, cue.first);
    let left = subject_before(s, lex, lang, left_end);
    // A noun phrase that cannot be the subject is kept only when no better one follows the verb.
    let fallback = left.filter(|&np| lang == Lang::De && !can_be_subject(s, lex, np));
    let mut speaker = left.filter(|&np| lang == Lang::En || can_be_subject(s, lex, np));
    let mut after_cue = cue.first + 1;
    if speaker.is_none()
        && lang == Lang::De
        && (fallback.is_some() || clause_opener_only(s, lex, left_end))
        && let Some((a, b)) =
            np_after(s, lex, lang, skip_adverbs(s, lex, cue.first + 1)).and_then(|np| {
                // "sagte der Zeitung ein Sprecher": the subject may follow a dative object.
                if can_be_subject(s, lex, np) {
                    Some(np)
                } else {
                    np_after(s, lex, lang, np.1 + 1).filter(|&next| can_be_subject(s, lex, next))
                }
            })
    {
        speaker = Some((a, b));
        after_cue = b + 1;
    }
    if speaker.is_none() {
        speaker = fallback;
    }
    if speaker.is_none()
        && left_end > 0
        && matches!(
            s.lower(left_end - 1),
            "and" | "und" | "but" | "aber" | "sowie"
        )
    {
        speaker = shared;
    }
    // "The judge rejected the request, saying …": a participle after a comma shares the
    // subject that opens the sentence.
    if lang == Lang::En
        && cue.entry.words[0].ends_with("ing")
        && left_end > 0
        && s.is_comma(left_end - 1)
    {
        speaker = shared.or_else(|| np_after(s, lex, lang, 0).filter(|&(a, _)| a == 0));
    }
    // "Es wurde erwartet, dass …": an impersonal frame has content but no speaker.
    let mut impersonal = speaker.is_some_and(|(a, b)| a == b && matches!(s.lower(a), "es" | "it"));
    // "…, heißt es": reported speech whose source may stay unnamed.
    let mut hearsay = false;
    if impersonal {
        speaker = None;
        // "In dem Bericht heißt es, …": the document named before the verb is the source.
        if matches!(cue.entry.words[0].as_str(), "heißt" | "hieß") {
            speaker = fallback;
            impersonal = false;
            hearsay = true;
        }
    }
    if speaker.is_none() && !impersonal && !hearsay {
        return None;
    }
    if cue.last > cue.first {
        after_cue = after_cue.max(cue.last + 1);
    }

    // Content: after a colon, a complementiser, a comma or an opening quote within reach.
    // A later cue ends this content only when it opens a clause of its own after a comma
    // ("…, sagten, dass …"); one inside the content is reported within it ("said that X
    // announced that …").
    // "Dies bestätigte der Sprecher." — the demonstrative stands for the previous sentence.
    if cue.first == 1 && matches!(s.lower(0), "dies" | "das" | "this" | "that") {
        let (a, b) = speaker?;
        return Some(Frame {
            content: (s.start, s.start),
            speaker: Some((s.tokens[a].start, s.tokens[b].end)),
            cue: Some(cue_span),
            mode: Mode::Indirect,
            stance,
            wants_next: false,
            refers_back: true,
        });
    }
    let limit = next_cue
        .filter(|&c| c > 0 && (s.is_comma(c - 1) || lang == Lang::De))
        .map_or(n, |c| c.min(n));
    let Some((start_tok, starts_with_quote)) = content_start(s, lex, lang, after_cue, limit, cue)
    else {
        return reported_frame(s, speaker, cue_span, stance, cue.first + 1, limit);
    };
    let mut end_tok = content_end(s, lex, start_tok, limit, next_cue.is_some());
    if end_tok <= start_tok {
        // "He said:" at the end of a sentence: the quote follows in the next sentence.
        if s.tokens.get(after_cue).is_some_and(|t| t.lower == ":") && speaker.is_some() {
            return Some(Frame {
                content: (s.end, s.end),
                speaker: speaker.map(|(a, b)| (s.tokens[a].start, s.tokens[b].end)),
                cue: Some(cue_span),
                mode: Mode::Direct,
                stance,
                wants_next: true,
                refers_back: false,
            });
        }
        return None;
    }
    let mut mode = Mode::Indirect;
    if starts_with_quote && let Some((qs, qe)) = s.quote_starting_at(start_tok) {
        let q_end = s.index_at(qe);
        if q_end >= end_tok.saturating_sub(2) {
            end_tok = end_tok.min(q_end);
        }
        mode = Mode::Direct;
        stance = quote_stance(s, lex, lang, start_tok, stance);
        let content = (qs, qe.min(s.tokens[end_tok - 1].end.max(qe)));
        return Some(finish(
            s, content, speaker, cue_span, mode, stance, impersonal,
        ));
    }
    let content = (s.tokens[start_tok].start, s.tokens[end_tok - 1].end);
    if count_words(s, start_tok, end_tok) < 2 {
        return None;
    }
    Some(finish(
        s, content, speaker, cue_span, mode, stance, impersonal,
    ))
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
    let mut end = limit;
    while end > 0 && (s.is_end_punct(end - 1) || s.is_clause_punct(end - 1)) {
        end -= 1;
    }
    Some(Frame::new(
        (s.tokens[0].start, s.tokens[end - 1].end),
        Some((s.tokens[speaker.0].start, s.tokens[speaker.1].end)),
        Some(cue),
        Mode::Reported,
        stance,
    ))
}

fn finish(
    s: &Sentence,
    content: (usize, usize),
    speaker: Option<(usize, usize)>,
    cue: (usize, usize),
    mode: Mode,
    stance: Stance,
    impersonal: bool,
) -> Frame {
    Frame::new(
        content,
        speaker.map(|(a, b)| (s.tokens[a].start, s.tokens[b].end)),
        Some(cue),
        if impersonal { Mode::None } else { mode },
        stance,
    )
}

fn count_words(s: &Sentence, a: usize, b: usize) -> usize {
    (a..b)
        .filter(|&i| matches!(s.tokens[i].kind, TokenKind::Word | TokenKind::Number))
        .count()
}

/// "„…“, sagte X." / "…, berichteten Medien am Dienstag." / "'…,' he said." / "…, said X."
fn inverted_frame(
    s: &Sentence,
    lex: &Lexicon,
    lang: Lang,
    cue: &VerbCue,
    cue_span: (usize, usize),
) -> Option<Frame> {
    let n = s.tokens.len();
    let i = cue.first;
    // The speaker slot: after the cue ("sagte X", "said X") or, in English, just before it.
    // "…, heißt es.": reported speech whose source stays unnamed.
    let hearsay = matches!(cue.entry.words[0].as_str(), "heißt" | "hieß")
        && s.tokens.get(i + 1).is_some_and(|t| t.lower == "es");
    let (speaker, comma) = if i >= 1 && (s.is_comma(i - 1) || is_closing_quote(s, i - 1)) {
        let np = match np_after(s, lex, lang, i + 1) {
            Some(np) => np,
            None if hearsay => (i + 1, i + 1),
            None => return None,
        };
        (np, i - 1)
    } else if lang == Lang::En && i >= 2 {
        let np = subject_before(s, lex, lang, i)?;
        let before = np.0.checked_sub(1)?;
        if !(s.is_comma(before) || is_closing_quote(s, before)) || np.1 - np.0 > 6 {
            return None;
        }
        // "…, the minister said." ends the sentence (or its clause) soon after the verb; with a
        // clause after the verb ("…, the minister said prices rose") the content follows it.
        let tail = (i + 1..n)
            .take_while(|&k| {
                !s.is_comma(k) && !s.is_end_punct(k) && s.tokens[k].kind != TokenKind::Quote
            })
            .count();
        // Adverbials may follow: "he said on Monday", "she said of her three-minute wait".
        let adverbial = s
            .tokens
            .get(i + 1)
            .is_some_and(|t| lex.prepositions.contains(&t.lower) || lex.time.contains(&t.lower));
        if tail > if adverbial { 8 } else { 4 } {
            return None;
        }
        (np, before)
    } else {
        return None;
    };
    // After the speaker only adverbials may follow: not a new clause with content.
    let rest_start = speaker.1.max(i) + 1;
    // English stops at the next comma ("…, he said, adding that …"); German looks on to the
    // clause after it ("…, sagte X, dass …").
    let rest_end = (rest_start..n)
        .find(|&k| s.is_comma(k) && (lang == Lang::En || k > rest_start))
        .unwrap_or(n);
    let rest = rest_start..rest_end;
    // English "…, said X" ends its clause with the speaker, or an adverbial follows ("on
    // Monday"); "X, the chair, said the tolls would rise" has its subject before the verb.
    if lang == Lang::En && speaker.0 > i {
        let first = rest.clone().find(|&k| !s.is_end_punct(k));
        if let Some(k) = first
            && !lex.prepositions.contains(s.lower(k))
            && !lex.time.contains(s.lower(k))
            && s.tokens[k].kind != TokenKind::Quote
        {
            return None;
        }
    }
    // "'A,' he said, 'B.'": the frame sits inside one quotation that goes on after it.
    let wrapped = s
        .is_comma(rest_start)
        .then(|| s.quote_starting_at(rest_start + 1))
        .flatten()
        .map(|(_, qe)| qe);
    if wrapped.is_none()
        && rest.clone().any(|k| {
            matches!(s.lower(k), ":" | "dass" | "that") || s.quote_starting_at(k).is_some()
        })
    {
        return None;
    }
    // The content is everything before the comma (from the last clause break before it).
    let mut start = 0;
    let mut end = comma;
    while end > 0 && (s.is_comma(end) || is_closing_quote(s, end) && s.is_comma(end - 1)) {
        end -= 1;
        if s.tokens[end].kind == TokenKind::Quote {
            break;
        }
    }
    if is_closing_quote(s, comma) {
        end = comma;
    }
    // Skip a leading quote-less clause joined by ":" ("Er sagte: …" is handled elsewhere).
    for k in (0..end).rev() {
        if matches!(s.lower(k), ";" | ":") && !s.in_quote(k) {
            start = k + 1;
            break;
        }
    }
    if count_words(s, start, end + 1) < 3 {
        return None;
    }
    let mut content = (s.tokens[start].start, s.tokens[end].end);
    // A parenthetical frame ("Acts of protest, he said, are acts of patriotism"): the clause
    // goes on after it, and the message is the whole sentence around the frame.
    let frame_end = speaker.1.max(cue.last) + 1;
    let relative = s
        .tokens
        .get(frame_end + 1)
        .is_some_and(|t| RELATIVE.contains(&t.lower.as_str()));
    if s.is_comma(frame_end) && s.quote_starting_at(frame_end + 1).is_none() && !relative {
        let mut last = n;
        while last > frame_end
            && (s.is_end_punct(last - 1) || s.tokens[last - 1].kind == TokenKind::Quote)
        {
            last -= 1;
        }
        if count_words(s, frame_end + 1, last) >= 3 && !s.in_quote(end) {
            content = (s.tokens[start].start, s.tokens[last - 1].end);
        }
    }
    let mut mode = Mode::Indirect;
    let mut stance = cue.entry.stance;
    if let Some(&(qs, qe)) = s
        .quotes
        .iter()
        .find(|&&(qs, qe)| qe >= s.tokens[end].end && qs <= s.tokens[start].start + 3)
    {
        content = (qs.max(s.start), qe);
        mode = Mode::Direct;
        stance = quote_stance(s, lex, lang, s.index_at(qs), stance);
    } else if s
        .quotes
        .iter()
        .any(|&(qs, qe)| qe >= s.tokens[end].end && qs < s.tokens[end].end)
    {
        // A quotation that began in an earlier sentence and closes here.
        mode = Mode::Direct;
    }
    if let Some(qe) = wrapped
        && mode == Mode::Direct
    {
        content.1 = qe;
    }
    Some(Frame::new(
        content,
        (!hearsay).then(|| (s.tokens[speaker.0].start, s.tokens[speaker.1].end)),
        Some(cue_span),
        mode,
        stance,
    ))
}

fn is_closing_quote(s: &Sentence, i: usize) -> bool {
    let t = &s.tokens[i];
    t.kind == TokenKind::Quote && s.quotes.iter().any(|&(_, e)| e == t.end)
}

/// Stance of a direct quote: a first-person future is a promise, a first-person demand verb a
/// demand ("Wir werden …", "We will …", "Wir fordern …").
fn quote_stance(
    s: &Sentence,
    lex: &Lexicon,
    lang: Lang,
    open: usize,
    cue_stance: Stance,
) -> Stance {
    if cue_stance != Stance::Assert {
        return cue_stance;
    }
    let words: Vec<&str> = (open + 1..s.tokens.len().min(open + 5))
        .map(|i| s.lower(i))
        .collect();
    let first_person = |w: &str| matches!(w, "wir" | "ich" | "we" | "i");
    let future = |w: &str| matches!(w, "werden" | "werde" | "will" | "we'll" | "i'll" | "shall");
    for pair in words.windows(2) {
        if first_person(pair[0]) && future(pair[1]) || pair[0] == "we'll" || pair[0] == "i'll" {
            return Stance::Promise;
        }
        if first_person(pair[0]) || first_person(pair[1]) {
            let verb = if first_person(pair[0]) {
                pair[1]
            } else {
                pair[0]
            };
            if let Some(entry) = lex.cues.get(verb).and_then(|e| e.first())
                && (entry.stance == Stance::Demand || entry.stance == Stance::Warn)
            {
                return entry.stance;
            }
            if lang == Lang::De && (verb.starts_with("forder") || verb.starts_with("appellier")) {
                return Stance::Demand;
            }
        }
    }
    if words.first().is_some_and(|w| *w == "we'll" || *w == "i'll") {
        return Stance::Promise;
    }
    cue_stance
}

/// A subject does not open with a dative or accusative article ("den Vorwurf") and does not
/// follow a preposition ("In einem Interview sagte …").
fn can_be_subject(s: &Sentence, lex: &Lexicon, (a, b): (usize, usize)) -> bool {
    let after_preposition = a > 0 && lex.prepositions.contains(s.lower(a - 1));
    !lex.non_subject.contains(s.lower(a)) && !after_preposition && !dative_der(s, a, b)
}

/// "sagte der Regionalen Rundschau", "der Nachrichtenagentur": "der" before an adjective in
/// "-en" or before a feminine noun is dative or genitive, so the phrase is not the subject
/// (a nominative "der" takes "-e": "der britische Premier").
fn dative_der(s: &Sentence, a: usize, b: usize) -> bool {
    if s.lower(a) != "der" || a + 1 > b {
        return false;
    }
    let next = s.lower(a + 1);
    let adjective_en = a + 1 < b && next.ends_with("en") && s.tokens[a + 2].kind == TokenKind::Word;
    let feminine = a + 1 == b
        && [
            "ung", "heit", "keit", "schaft", "tion", "tät", "agentur", "ei",
        ]
        .iter()
        .any(|e| next.ends_with(e));
    adjective_en || feminine
}

/// Steps left from a cue over auxiliaries, adverbs and time phrases that stand between the
/// subject and the reporting verb ("hat am Montag bestätigt", "also said").
fn skip_left(s: &Sentence, lex: &Lexicon, cue: usize) -> usize {
    let mut i = cue;
    while i > 0 {
        let w = s.lower(i - 1);
        let is_time = lex.time.contains(w);
        let skip = is_time
            || (lex.stop.contains(w)
                && !RELATIVE.contains(&w)
                && !matches!(w, "dass" | "that" | "und" | "and" | "wie" | "as"))
            || (s.tokens[i - 1].kind == TokenKind::Number
                && i >= 2
                && lex.time.contains(s.lower(i - 2)));
        if !skip {
            break;
        }
        // Articles before a time word ("am Montag", "on Tuesday") go with it.
        i -= 1;
    }
    i
}

/// Steps right over adverbs and time words after a verb ("erklärte gestern ein Sprecher").
fn skip_adverbs(s: &Sentence, lex: &Lexicon, mut i: usize) -> usize {
    let n = s.tokens.len();
    while i < n
        && (lex.time.contains(s.lower(i))
            || lex.stop.contains(s.lower(i)) && !lex.person_pronouns.contains(s.lower(i)))
    {
        i += 1;
    }
    i
}

/// True when everything before `end` in the clause is an adverbial opener ("Am Montag",
/// "Dazu", "Nach dem Treffen"), so the subject follows the verb.
fn clause_opener_only(s: &Sentence, lex: &Lexicon, end: usize) -> bool {
    let start = (0..end)
        .rev()
        .find(|&k| s.is_clause_punct(k) || s.tokens[k].kind == TokenKind::Quote)
        .map_or(0, |k| k + 1);
    if start >= end {
        return true;
    }
    let first = s.lower(start);
    lex.adverbial_openers.contains(first) || lex.time.contains(first) || end - start <= 1
}

/// Finds the subject noun phrase that ends right before `end` (exclusive), following
/// relative clauses and appositions back to their head.
fn subject_before(s: &Sentence, lex: &Lexicon, lang: Lang, end: usize) -> Option<(usize, usize)> {
    if end == 0 {
        return None;
    }
    // "US-Beamte, die zunächst sagten, …, sagten": a comma before the verb after a relative
    // clause or apposition; the subject is the noun phrase that opens the sentence.
    if s.is_comma(end - 1) {
        return subject_across_comma(s, lex, lang, end - 1);
    }
    let (a, b) = np_before(s, lex, lang, end)?;
    // A lone relative pronoun points to the noun phrase before its comma.
    if a == b && RELATIVE.contains(&s.lower(a)) && a >= 2 && s.is_comma(a - 1) {
        return np_before(s, lex, lang, a - 1);
    }
    if a == b && lex.stop.contains(s.lower(a)) {
        return None;
    }
    Some((a, b))
}

fn subject_across_comma(
    s: &Sentence,
    lex: &Lexicon,
    lang: Lang,
    comma: usize,
) -> Option<(usize, usize)> {
    let head = np_after(s, lex, lang, 0).filter(|&(a, _)| a == 0)?;
    let after = head.1 + 1;
    if !s.is_comma(after) {
        return None;
    }
    // The phrase already took its apposition and reaches the comma before the verb.
    if after == comma {
        return Some(head);
    }
    let next = s.tokens.get(after + 1)?;
    if RELATIVE.contains(&next.lower.as_str()) {
        return Some(head);
    }
    // Apposition: "Matthew Miller, Sprecher des Ministeriums, sagte" — the whole phrase.
    if let Some((_, b)) = np_after(s, lex, lang, after + 1)
        && b + 1 == comma
    {
        return Some((head.0, b));
    }
    Some(head)
}

/// Does a lower-case German word end like an inflected adjective ("neue", "britischen")?
fn german_adjective_ending(w: &str) -> bool {
    ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e))
}

/// Can this token stand inside a speaker noun phrase?
fn np_word(s: &Sentence, lex: &Lexicon, lang: Lang, i: usize) -> bool {
    let t = &s.tokens[i];
    // A short quotation is a name ("Die „Süddeutsche Zeitung“ berichtete").
    // The quotation must read as a name: short and opening with a capital letter.
    let short_quote = |i: usize| {
        s.quotes.iter().any(|&(qs, qe)| {
            let first = s.index_at(qs) + 1;
            t.start >= qs
                && t.end <= qe
                && count_words(s, s.index_at(qs), s.index_at(qe)) <= 4
                && s.tokens.get(first).is_some_and(|f| f.capitalised)
        }) && i > 0
    };
    if s.in_quote(i) && !short_quote(i) {
        return false;
    }
    match t.kind {
        TokenKind::Quote => short_quote(i),
        TokenKind::Punct => {
            matches!(t.lower.as_str(), "." | "’" | "'")
                && t.end - t.start == 1
                && i > 0
                && s.tokens[i - 1].end == t.start
                && s.tokens[i - 1].lower.len() <= 3
        }
        // "47 percent said", "17-year-old Jared Potts": a number opens a noun phrase.
        TokenKind::Number => {
            lang == Lang::En
                && s.tokens
                    .get(i + 1)
                    .is_some_and(|n| n.kind == TokenKind::Word)
        }
        TokenKind::Word => {
            let w = t.lower.as_str();
            if lex.time.contains(w) || lex.cues.contains_key(w) && !t.capitalised {
                return false;
            }
            if lex.np_function.contains(w) {
                return true;
            }
            if lex.stop.contains(w) {
                return false;
            }
            if t.capitalised || w.contains('-') {
                return true;
            }
            match lang {
                // German nouns are capitalised, so a lower-case word is an adjective only when
                // it has an adjective ending; past-tense verbs in "-te" are kept out.
                Lang::De => {
                    let adj = german_adjective_ending(w);
                    // An adjective stands before its noun (or another adjective).
                    let before_noun = s.tokens.get(i + 1).is_some_and(|n| {
                        n.capitalised
                            || n.kind == TokenKind::Word
                                && !lex.np_function.contains(&n.lower)
                                && !lex.stop.contains(&n.lower)
                                && german_adjective_ending(&n.lower)
                    });
                    // Ordinals and superlatives ("ersten", "jüngsten") are adjectives;
                    // "mussten" is a verb.
                    let superlative = w.ends_with("sten") && !w.ends_with("ssten");
                    adj && before_noun
                        && !w.ends_with("te")
                        && (!w.ends_with("ten") || superlative)
                        && !w.ends_with("ierte")
                }
                // English nouns are not capitalised: any lower-case word may stand in the
                // phrase except verb-like ones (past, progressive, adverbs, negated auxiliaries);
                // `trim_np` then drops what cannot open a noun phrase.
                Lang::En => {
                    !w.contains("n't")
                        && !w.contains("n’t")
                        && (lex.is_role(w)
                            || !(w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")))
                }
            }
        }
    }
}

/// The noun phrase that ends right before `end`: the longest run of noun-phrase words, trimmed
/// so that it starts and ends with a content word.
fn np_before(s: &Sentence, lex: &Lexicon, lang: Lang, end: usize) -> Option<(usize, usize)> {
    let mut a = end;
    // "Staatssekretär Jonas Brell (Grüne) forderte": a short parenthesis after the name.
    if end >= 3
        && s.lower(end - 1) == ")"
        && let Some(open) = (end.saturating_sub(7)..end - 1)
            .rev()
            .find(|&k| s.lower(k) == "(")
        && open > 0
        && s.tokens[open - 1].capitalised
        && parenthesis_after(s, open) == Some(end - 1)
    {
        a = open;
    }
    while a > 0 && end - a < 10 {
        let i = a - 1;
        let w = s.lower(i);
        if lex.person_pronouns.contains(w)
            || lex.group_pronouns.contains(w)
            || w == "es"
            || w == "it"
        {
            if a == end {
                return Some((i, i));
            }
            break;
        }
        if !np_word(s, lex, lang, i) {
            break;
        }
        // English: before a name only titles and modifiers stand ("harbour master Ann Lee",
        // "longtime regional pollster"); another noun ends the phrase ("In a radio
        // interview | Pike said").
        if lang == Lang::En
            && a < end
            && s.tokens[a].capitalised
            && !s.tokens[i].capitalised
            && s.tokens[i].kind == TokenKind::Word
            && !modifies_name(lex, s.lower(i))
        {
            break;
        }
        a -= 1;
    }
    trim_np(s, lex, lang, a, end)
}

/// Can this lower-case English word stand right before a name: a role or title, a
/// function word of a title ("of"), or an adjective by its ending ("longtime", "federal")?
fn modifies_name(lex: &Lexicon, w: &str) -> bool {
    lex.is_role(w)
        || lex.np_function.contains(w)
        || w.contains('-')
        || [
            "al", "ic", "ive", "ous", "ful", "ant", "ent", "ern", "time", "former", "ian", "ish",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// The noun phrase that starts at `from`, with an apposition after a comma when it is one
/// ("Michael Madden, ein Experte am Institut").
fn np_after(s: &Sentence, lex: &Lexicon, lang: Lang, from: usize) -> Option<(usize, usize)> {
    let n = s.tokens.len();
    if from >= n {
        return None;
    }
    let w = s.lower(from);
    if lex.person_pronouns.contains(w) || lex.group_pronouns.contains(w) {
        return Some((from, from));
    }
    let mut b = from;
    while b < n && b - from < 12 && np_word(s, lex, lang, b) {
        if b > from && opens_new_phrase(s, b) {
            break;
        }
        // A preposition inside a noun phrase needs a capitalised word after it ("am Stimson
        // Center", "des Außenministeriums"), not a time ("am Dienstag").
        if lex.np_function.contains(s.lower(b)) && b > from {
            let next = b + 1;
            // "des britischen Umweltministeriums": an adjective may stand before that word.
            let adjective_then_noun = lang == Lang::De
                && next + 1 < n
                && !s.tokens[next].capitalised
                && german_adjective_ending(s.lower(next))
                && s.tokens[next + 1].capitalised
                && !lex.time.contains(s.lower(next + 1));
            let ok = next < n
                && np_word(s, lex, lang, next)
                && !lex.time.contains(s.lower(next))
                && (s.tokens[next].capitalised
                    || lex.np_function.contains(s.lower(next))
                    || adjective_then_noun);
            if !ok {
                break;
            }
        }
        b += 1;
    }
    let (mut a, mut last) = trim_np(s, lex, lang, from, b)?;
    // English modifiers in lower case before a name belong to it ("harbour master Ann Lee");
    // in German a phrase that does not start here is no noun phrase after the verb.
    if a != from {
        if lang == Lang::De || (from..a).any(|k| s.tokens[k].kind != TokenKind::Word) {
            return None;
        }
        a = from;
    }
    // "Rep. Ann Lee (D-Ore.), …": a short parenthesis after a name belongs to it.
    if s.tokens[last].capitalised
        && let Some(close) = parenthesis_after(s, last + 1)
    {
        last = close;
    }
    // Apposition: ", ein Nordkorea-Experte am Center" / ", Sprecher des Ministeriums" /
    // ", a spokesman for the ministry" that ends the clause.
    if s.is_comma(last + 1)
        && let Some((_, mut c)) = np_run(s, lex, lang, last + 2)
    {
        // English: ", a former official who runs a consultancy" — the relative clause
        // describes the speaker too, up to the end of its clause.
        if lang == Lang::En
            && s.tokens
                .get(c + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "who" | "whose"))
            && let Some(end) = (c + 2..n.min(c + 14)).find(|&k| {
                s.is_comma(k) || s.is_end_punct(k) || s.tokens[k].kind == TokenKind::Quote
            })
            && !s.tokens[end].kind.eq(&TokenKind::Quote)
        {
            c = end - 1;
        }
        let ends = c + 1 >= n || s.is_comma(c + 1) || s.is_end_punct(c + 1);
        let head_is_role = (last + 2..=c).any(|k| lex.is_role(s.word(k)));
        // "der Vorsitzende des Verbandes, Elmar Gesse": a role first, the name after it.
        let name_after_role = (a..=last).any(|k| lex.is_role(s.word(k)))
            && c - (last + 2) < 4
            && (last + 2..=c).all(|k| {
                (s.tokens[k].capitalised || s.word(k).contains('-'))
                    && lex.organisation_kind(s.word(k)).is_none()
            });
        if ends && (head_is_role || name_after_role) {
            last = c;
        }
    }
    Some((a, last))
}

/// The closing parenthesis of "(D-Ore.)" or "(AROS)" opening at token `i`: at most five
/// tokens inside, no quotation.
fn parenthesis_after(s: &Sentence, i: usize) -> Option<usize> {
    if s.tokens.get(i)?.lower != "(" {
        return None;
    }
    (i + 2..s.tokens.len().min(i + 7))
        .find(|&k| s.tokens[k].lower == ")")
        .filter(|&k| (i + 1..k).all(|j| s.tokens[j].kind != TokenKind::Quote && !s.in_quote(j)))
}

/// True when token `i` is an article or possessive right after a noun: it opens the next noun
/// phrase ("das Gericht | seine Entscheidung"), unless it is a genitive ("der Leiter des Amts").
fn opens_new_phrase(s: &Sentence, i: usize) -> bool {
    let after_noun = i > 0 && s.tokens[i - 1].capitalised;
    after_noun
        && matches!(
            s.lower(i),
            "die"
                | "das"
                | "den"
                | "dem"
                | "ein"
                | "eine"
                | "einen"
                | "einem"
                | "sein"
                | "seine"
                | "seinen"
                | "seinem"
                | "ihr"
                | "ihre"
                | "ihren"
                | "ihrem"
                | "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
        )
}

/// A plain run of noun-phrase words from `from` (no apposition).
fn np_run(s: &Sentence, lex: &Lexicon, lang: Lang, from: usize) -> Option<(usize, usize)> {
    let n = s.tokens.len();
    let mut b = from;
    while b < n && b - from < 12 && np_word(s, lex, lang, b) {
        if lex.np_function.contains(s.lower(b)) && b + 1 < n && lex.time.contains(s.lower(b + 1)) {
            break;
        }
        if b > from && opens_new_phrase(s, b) {
            break;
        }
        b += 1;
    }
    trim_np(s, lex, lang, from, b)
}

/// Can an English noun phrase start at token `i`: a capitalised word, an article or possessive, a
/// role noun, or an adjective by its ending?
fn opens_english_np(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let t = &s.tokens[i];
    let w = t.lower.as_str();
    t.capitalised
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "some"
                | "many"
                | "several"
                | "two"
                | "three"
        )
        || lex.is_role(w)
        || [
            "al", "an", "ic", "ive", "ary", "ese", "ish", "ent", "ous", "ist", "ial",
        ]
        .iter()
        .any(|e| w.ends_with(e))
        || s.tokens.get(i + 1).is_some_and(|n| lex.is_role(&n.lower))
}

/// Trims function words from both ends of `a..b` and returns an inclusive token range.
fn trim_np(
    s: &Sentence,
    lex: &Lexicon,
    lang: Lang,
    mut a: usize,
    mut b: usize,
) -> Option<(usize, usize)> {
    let dangling = |w: &str| {
        matches!(
            w,
            "und"
                | "and"
                | "von"
                | "vom"
                | "am"
                | "im"
                | "aus"
                | "für"
                | "zur"
                | "zum"
                | "in"
                | "of"
                | "for"
                | "at"
                | "from"
                | "."
                | "'"
                | "’"
        )
    };
    while a < b && dangling(s.lower(a)) && !(lang == Lang::En && s.lower(a) == ".") {
        a += 1;
    }
    while b > a
        && (dangling(s.lower(b - 1))
            || lex.np_function.contains(s.lower(b - 1))
                && s.lower(b - 1) != "'s"
                && s.lower(b - 1) != "’s")
    {
        b -= 1;
    }
    // English: drop leading lower-case words that cannot open a noun phrase ("once", "often"),
    // and sentence adverbs ("Meanwhile Pike said").
    if lang == Lang::En {
        while a + 1 < b
            && (!opens_english_np(s, lex, a) || lex.adverbial_openers.contains(s.lower(a)))
        {
            a += 1;
        }
    }
    if a >= b {
        return None;
    }
    // A speaker needs a content word: a capitalised word, a role, or an English noun.
    let has_head = (a..b).any(|k| {
        let t = &s.tokens[k];
        t.kind == TokenKind::Word
            && !lex.np_function.contains(&t.lower)
            && (t.capitalised || lex.is_role(&t.lower) || lang == Lang::En)
    });
    has_head.then_some((a, b - 1))
}

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
                || matches!(
                    w,
                    "reporters"
                        | "statement"
                        | "interview"
                        | "him"
                        | "her"
                        | "them"
                        | "us"
                        | "me"
                        | "gegenüber"
                        | "dabei"
                        | "dazu"
                        | "also"
                        | "auch"
                        | ","
                        | "."
                        | "zudem"
                        | "weiter"
                        | "später"
                        | "later"
                        | "previously"
                        | "earlier"
                )
        })
}

/// Where the content of a subject-first frame starts, and whether it is a quotation.
fn content_start(
    s: &Sentence,
    lex: &Lexicon,
    lang: Lang,
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
        let quote_is_content = s.quote_starting_at(k).is_some_and(|(_, qe)| {
            let q_end = s.index_at(qe);
            count_words(s, k, q_end) >= 4 || q_end >= n || s.is_end_punct(q_end)
        });
        if quote_is_content && gap_ok {
            return Some((k, true));
        }
        if w == ":" {
            return Some((k + 1, s.quote_starting_at(k + 1).is_some()));
        }
        if lex.complementizers.contains(w) && gap_ok {
            // German keeps "dass" in the message; English drops "that".
            let start = if lang == Lang::En { k + 1 } else { k };
            return Some((start, s.quote_starting_at(start).is_some()));
        }
        if w == "," {
            let next = k + 1;
            if next >= n {
                return None;
            }
            if s.quote_starting_at(next).is_some() {
                return Some((next, true));
            }
            if lang == Lang::De {
                return Some((next, false));
            }
            // English "said, adding" or an adverbial between commas: keep looking.
            continue;
        }
        if s.is_end_punct(k) {
            if lang == Lang::De {
                return None;
            }
            break;
        }
    }
    // English "X said the plan failed": the content follows the verb directly.
    if lang == Lang::En && from < n {
        let mut k = from;
        if matches!(
            cue.entry.words[0].as_str(),
            "told" | "tells" | "tell" | "telling"
        ) {
            // Skip the hearer: "told reporters", "told The Associated Press".
            while k < n
                && k - from < 4
                && (s.tokens[k].capitalised
                    || lex.np_function.contains(s.lower(k))
                    || lex.is_role(s.lower(k))
                    || matches!(
                        s.lower(k),
                        "reporters" | "him" | "her" | "them" | "us" | "me"
                    ))
            {
                k += 1;
            }
        }
        if k < n && !s.is_end_punct(k) {
            return Some((k, s.quote_starting_at(k).is_some()));
        }
    }
    None
}

/// Where the content ends: before the sentence's final punctuation or the next frame.
fn content_end(s: &Sentence, lex: &Lexicon, start: usize, limit: usize, before_cue: bool) -> usize {
    let mut end = limit.min(s.tokens.len());
    // The content stops where the speaker's next act begins: "…, adding that", "…, even
    // suggesting …", "… and said …".
    for k in start + 2..end.saturating_sub(1) {
        if s.in_quote(k) {
            continue;
        }
        let next = s.lower(k + 1);
        let participle = false;
        let second_act =
            matches!(s.lower(k), "and" | "but" | "und" | "aber") && lex.cues.contains_key(next);
        if participle || second_act {
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
    while end > start && (s.is_end_punct(end - 1) || s.is_clause_punct(end - 1)) {
        end -= 1;
    }
    end
}

/// "laut X, …", "according to X, …", "X zufolge …", "…, so der Sprecher."
fn prep_frame(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Frame> {
    let n = s.tokens.len();
    let lang = if lex.prep_after.is_empty() {
        Lang::En
    } else {
        Lang::De
    };
    let w = s.lower(i);
    let mut speaker = None;
    let mut cue_end = i;
    if let Some(entries) = lex.prep_before.get(w) {
        for entry in entries {
            let len = entry.words.len();
            if i + len <= n && (0..len).all(|k| s.lower(i + k) == entry.words[k]) {
                let mut from = i + len;
                // "nach Angaben der Polizei", "nach Angaben von …"
                if len > 1 && from < n && matches!(s.lower(from), "von" | "vom") {
                    from += 1;
                }
                // "nach Angaben der Polizei": the noun of the cue names the source too.
                let noun = (len > 1 && s.tokens[i + len - 1].capitalised).then_some(i + len - 1);
                speaker = np_after(s, lex, lang, from).map(|(a, b)| (noun.unwrap_or(a), b));
                cue_end = i + len - 1;
                break;
            }
        }
        // "nach ersten Angaben", "nach Expertenmeinung": a source noun within reach.
        if speaker.is_none() && (i + 1..(i + 4).min(n)).any(|k| lex.is_source_noun(s.word(k))) {
            speaker = np_after(s, lex, lang, i + 1);
        }
    }
    if speaker.is_none()
        && i > 0
        && (lex.prep_after.contains(w) || w == "nach" && lex.is_source_noun(s.word(i - 1)))
    {
        // "X zufolge", "seiner Meinung nach" ("nach" also opens "nach Angaben von X").
        speaker = np_before(s, lex, lang, i);
    } else if speaker.is_none() && lex.so_cue.contains(w) && i > 0 && s.is_comma(i - 1) {
        let np = np_after(s, lex, lang, i + 1)?;
        if np.1 + 2 < n && !s.is_end_punct(np.1 + 1) {
            return None;
        }
        speaker = Some(np);
    }
    let (a, b) = speaker?;
    let frame_start = a.min(i);
    let frame_end = b.max(cue_end);
    // Content: the larger side of the sentence outside the frame.
    let before = (0, frame_start);
    let mut after_start = frame_end + 1;
    while after_start < n && s.is_clause_punct(after_start) {
        after_start += 1;
    }
    let after = (after_start, n);
    let words = |r: (usize, usize)| {
        if r.0 < r.1 {
            count_words(s, r.0, r.1)
        } else {
            0
        }
    };
    // In the middle of a clause ("Der Abschuss soll laut X erfolgen") the message is the whole
    // sentence around the cue; at either end it is the other side.
    let middle = words(before) >= 1
        && words(after) >= 2
        && !s.is_clause_punct(frame_start.saturating_sub(1))
        && !s.is_comma(frame_end + 1);
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
    if count_words(s, c0, c1) < 3 {
        return None;
    }
    let direct = s.quote_starting_at(c0).is_some();
    Some(Frame::new(
        (s.tokens[c0].start, s.tokens[c1 - 1].end),
        Some((s.tokens[a].start, s.tokens[b].end)),
        Some((s.tokens[i].start, s.tokens[cue_end].end)),
        if direct { Mode::Direct } else { Mode::Indirect },
        Stance::Assert,
    ))
}

/// "erneuerte Washington seine Warnungen an X, keine Waffen zu verkaufen": a speech noun with a
/// possessive that points to the subject, and a zu-infinitive or dass-clause as content.
fn noun_frame(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Frame> {
    let stance = *lex.noun_cues.get(s.word(i))?;
    let n = s.tokens.len();
    if i < 2 || !matches!(s.lower(i - 1), "seine" | "ihre" | "his" | "her" | "their") {
        return None;
    }
    let lang = Lang::De;
    let (a, b) = np_before(s, lex, lang, i - 1)?;
    // The content clause: after the next comma, with "dass" or a "zu" infinitive in it.
    let comma = (i + 1..n).find(|&k| s.is_comma(k))?;
    let start = comma + 1;
    let mut end = n;
    while end > start && (s.is_end_punct(end - 1) || s.is_clause_punct(end - 1)) {
        end -= 1;
    }
    let clause = start..end;
    if !clause.clone().any(|k| matches!(s.lower(k), "zu" | "dass"))
        || count_words(s, start, end) < 3
    {
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
