//! Inverted frames: the content comes first and the frame closes it. "„…“, sagte X." /
//! "…, berichteten Medien am Dienstag." / "'…,' he said." / "…, said X." / "Acts of protest,
//! he said, are acts of patriotism." Without `verb_second` the speaker may also stand before
//! the verb ("…, he said").

use super::cue::{VerbCue, quote_stance};
use super::np::{np_after, np_before, np_word};
use super::sentence::{
    Frame, Sentence, count_words, frame_gap, is_closing_quote, opens_fronted_clause,
};
use super::subject::subject_before;
use crate::claim::{Mode, Stance};
use crate::lexicon::{Lexicon, ends_with_any};
use crate::text::TokenKind;

/// The frame of a cue that follows its content, if the cue stands so.
pub fn inverted_frame(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    cue_span: (usize, usize),
) -> Option<Frame> {
    let i = cue.first;
    // "…, heißt es.": reported speech whose source stays unnamed.
    let hearsay = lex.hearsay.contains(&cue.entry.words[0])
        && s.tokens
            .get(i + 1)
            .is_some_and(|t| lex.impersonal.contains(&t.lower));
    let (speaker, comma) = inverted_speaker(s, lex, i, hearsay)?;
    if !only_adverbials_follow(s, lex, i, speaker) {
        return None;
    }
    let speaker = relative_clause_after(s, lex, i, speaker);
    let rest_start = speaker.1.max(i) + 1;
    // "'A,' he said, 'B.'": the frame sits inside one quotation that goes on after it.
    let wrapped = s
        .is_comma(rest_start)
        .then(|| s.quote_starting_at(rest_start + 1))
        .flatten()
        .map(|(_, qe)| qe);
    let (start, end) = content_before(s, comma)?;
    let mut content = (s.tokens[start].start, s.tokens[end].end);
    // A hearer after "told" ends before the comma; so do adverbials after a fronted clause
    // ("Where …, the farmer said on Monday, …"), not a participle phrase after a main clause
    // ("…, berichteten Medien am Dienstag, begleitet von …").
    let frame_end = speaker.1.max(cue.last) + 1;
    let frame_end = if lex.recipient_verbs.contains(s.lower(cue.first))
        || opens_fronted_clause(s, lex, start)
    {
        hearer_end(s, frame_end)
    } else {
        frame_end
    };
    let mut gap = None;
    if let Some(last) = parenthetical_end(s, lex, frame_end, end) {
        content.1 = s.tokens[last].end;
        let keep_comma = opens_fronted_clause(s, lex, start);
        gap = Some(frame_gap(s, end, frame_end + 1, keep_comma));
    }
    let (mode, stance) = quoted_content(s, lex, (start, end), &mut content, cue);
    // "Der Vorsitzende des Rats, Jean Mignon, bezeichnete …": a noun phrase with its
    // apposition before the verb is the verb's subject, not its content.
    // So is one before an auxiliary ("Die Landrätin, Eva Roth, hatte den Bürgermeister aufgefordert").
    let aux = comma + 1;
    let is_subject =
        |verb: usize| subject_before(s, lex, verb).is_some_and(|(a, b)| a <= start && b >= end);
    if mode != Mode::Direct
        && (is_subject(i) || aux < i && lex.auxiliaries.contains(s.lower(aux)) && is_subject(aux))
    {
        return None;
    }
    if let Some(qe) = wrapped
        && mode == Mode::Direct
    {
        content.1 = qe;
        gap = Some(frame_gap(s, end, rest_start + 1, false));
    }
    if wrapped.is_none() && opens_content(s, lex, rest_start) {
        return None;
    }
    // "…, heißt es im Koalitionsvertrag.": the document after the preposition is the source.
    let document = hearsay
        .then(|| {
            let prep = speaker.1 + 1;
            let is_prep = s
                .tokens
                .get(prep)
                .is_some_and(|t| lex.prepositions.contains(&t.lower));
            is_prep.then(|| np_after(s, lex, prep + 1)).flatten()
        })
        .flatten();
    let speaker = if hearsay { document } else { Some(speaker) };
    let mut frame = Frame::new(
        content,
        speaker.map(|(a, b)| (s.tokens[a].start, s.tokens[b].end)),
        Some(cue_span),
        mode,
        stance,
    );
    frame.gap = gap;
    Some(frame)
}

/// Whether the content before an inverted frame (tokens `start..=end`) is a quotation: the
/// whole quotation becomes the content, with the stance of its words; one that began in an
/// earlier sentence and closes here is direct too.
fn quoted_content(
    s: &Sentence,
    lex: &Lexicon,
    (start, end): (usize, usize),
    content: &mut (usize, usize),
    cue: &VerbCue,
) -> (Mode, Stance) {
    let stance = cue.entry.stance;
    if let Some(&(qs, qe)) = s
        .quotes
        .iter()
        .find(|&&(qs, qe)| qe >= s.tokens[end].end && qs <= s.tokens[start].start + 3)
    {
        *content = (qs.max(s.start), qe);
        return (Mode::Direct, quote_stance(s, lex, s.index_at(qs), stance));
    }
    let continued = s
        .quotes
        .iter()
        .any(|&(qs, qe)| qe >= s.tokens[end].end && qs < s.tokens[end].end);
    let mode = if continued {
        Mode::Direct
    } else {
        Mode::Indirect
    };
    (mode, stance)
}

/// "…, wie die Polizei mitteilte." / "Wie die Agentur berichtete, …" / "…, as the agency
/// reported.": a comparative clause names the source of the main clause, which is the content.
pub fn comparative_frame(
    s: &Sentence,
    lex: &Lexicon,
    cue: &VerbCue,
    cue_span: (usize, usize),
) -> Option<Frame> {
    if !lex.grammar.source_comparatives {
        return None;
    }
    let n = s.tokens.len();
    // "Wie die Ministerin, Anna Bligh, erklärte": the clause may hold an apposition with its
    // commas; the subject check below makes sure they belong to it.
    let w = (cue.first.saturating_sub(14)..cue.first)
        .rev()
        .take_while(|&k| !s.is_end_punct(k) && s.tokens[k].kind != TokenKind::Quote)
        .find(|&k| lex.comparatives.contains(s.lower(k)))?;
    if w > 0 && !s.is_comma(w - 1) {
        return None;
    }
    let subject = np_after(s, lex, w + 1).filter(|&(a, _)| a == w + 1)?;
    if subject.1 >= cue.first
        || lex.is_pronoun(s.lower(subject.0)) && subject.0 == subject.1 && w == 0
    {
        return None;
    }
    // Only adverbials between the subject and the verb, and the comma that closes an
    // apposition of the subject.
    let apposition = (subject.0..subject.1).any(|k| s.is_comma(k));
    let between = if apposition && s.is_comma(subject.1 + 1) {
        subject.1 + 2
    } else {
        subject.1 + 1
    };
    if (between..cue.first)
        .any(|k| s.is_clause_punct(k) || lex.complementizers.contains(s.lower(k)))
    {
        return None;
    }
    let (start, end) = if w > 0 {
        content_before(s, w - 1)?
    } else {
        // The clause closes after the verb: the content follows its comma.
        let comma = cue.last + 1;
        if !s.is_comma(comma) {
            return None;
        }
        let end = s.trim_punct(comma + 1, n);
        (count_words(s, comma + 1, end) >= 3).then_some((comma + 1, end - 1))?
    };
    let content = (s.tokens[start].start, s.tokens[end].end);
    let direct = s
        .quotes
        .iter()
        .any(|&(qs, qe)| qs <= content.0 && qe >= content.1);
    Some(Frame::new(
        content,
        Some((s.tokens[subject.0].start, s.tokens[subject.1].end)),
        Some(cue_span),
        if direct { Mode::Direct } else { Mode::Indirect },
        cue.entry.stance,
    ))
}

/// The speaker slot of an inverted cue at token `i`, and the comma (or closing quotation mark)
/// that ends the content: after the cue ("sagte X", "said X") or, without `verb_second`, just
/// before it ("…, he said").
fn inverted_speaker(
    s: &Sentence,
    lex: &Lexicon,
    i: usize,
    hearsay: bool,
) -> Option<((usize, usize), usize)> {
    // "…, Anna Pike, a nurse, told the Herald.": after a verb of telling the phrase that follows
    // is the hearer; the speaker stands before the verb.
    // "…, Mara Lenz, 31, told the Herald.": an age apposition may stand before the verb.
    if i >= 1 && s.is_comma(i - 1) && lex.recipient_verbs.contains(s.lower(i)) {
        return apposition_before(s, lex, i - 1);
    }
    // "…, citing the location": a participle after a comma shares the subject before it; the
    // phrase after it is its object.
    let participle = ends_with_any(s.lower(i), &lex.participle_endings);
    if i >= 1 && (s.is_comma(i - 1) || is_closing_quote(s, i - 1)) && !participle {
        // "…, Ann Rowe, a writer, said on Twitter.": a phrase after a preposition is the
        // setting, not the speaker.
        // "…“, äußerte sich die Ministerin.": a reflexive pronoun stands before the subject.
        let next = i
            + 1
            + usize::from(
                s.tokens
                    .get(i + 1)
                    .is_some_and(|t| lex.reflexive_pronouns.contains(&t.lower)),
            );
        let after_preposition = s
            .tokens
            .get(next)
            .is_some_and(|t| lex.prepositions.contains(&t.lower));
        // "…, wies den Vorwurf zurück": an accusative or dative phrase is the object.
        let np = match np_after(s, lex, next)
            .filter(|&(a, _)| !after_preposition && !lex.non_subject.contains(s.lower(a)))
        {
            Some(np) => np,
            None if hearsay => (i + 1, i + 1),
            // "'…,' Ann Lee, 25, said as she left": the speaker and an apposition stand before
            // the verb.
            None if s.is_comma(i - 1) && !lex.grammar.verb_second => {
                return apposition_before(s, lex, i - 1)
                    .filter(|&(_, before)| after_quotation(s, before));
            }
            None => return None,
        };
        return Some((np, i - 1));
    }
    if let Some(comma) = auxiliary_after_comma(s, lex, i) {
        // ", hatte Müller im Sommerinterview gesagt" / ", a affirmé le ministre": the subject
        // stands between the auxiliary and the participle, or after the participle.
        let from = if comma + 2 == i { i + 1 } else { comma + 2 };
        let np = np_after(s, lex, from)?;
        return Some((np, comma));
    }
    if lex.grammar.verb_second || i < 2 {
        return None;
    }
    speaker_before_verb(s, lex, i)
}

/// "…, he said.", "'…,' panel Chairman Ann Lee said": without verb-second the speaker of an
/// inverted frame may stand before the verb at `i`. Returns it and the comma or closing
/// quotation mark before it.
fn speaker_before_verb(s: &Sentence, lex: &Lexicon, i: usize) -> Option<((usize, usize), usize)> {
    let n = s.tokens.len();
    // "…, the Ledger has learned.": an auxiliary stands between the subject and the verb.
    let aux = i >= 3 && lex.perfect_aux.contains(s.lower(i - 1));
    let mut np = subject_before(s, lex, if aux { i - 1 } else { i })?;
    // "…," panel Chairman Ann Lee said: a lower-case noun before a title belongs to it.
    while np.0 >= 2
        && np.1 - np.0 < 8
        && s.tokens[np.0 - 1].kind == TokenKind::Word
        && !s.tokens[np.0 - 1].capitalised
        // "…," retired general Lloyd Nash said: right after the quotation a participle
        // before the title belongs to it too.
        && (np_word(s, lex, np.0 - 1)
            || is_closing_quote(s, np.0 - 2) && !lex.stop.contains(s.lower(np.0 - 1)))
        && (s.is_comma(np.0 - 2) || is_closing_quote(s, np.0 - 2))
    {
        np.0 -= 1;
    }
    let before = np.0.checked_sub(1)?;
    // "Rep. Ann Lee (D-Wis.)": a party-and-state parenthesis does not count.
    let name_end = (np.0..=np.1)
        .find(|&k| s.lower(k) == "(")
        .unwrap_or(np.1 + 1);
    if !(s.is_comma(before) || is_closing_quote(s, before)) || name_end - np.0 > 7 {
        return None;
    }
    // "In a statement, the ministry said the report was false": a fronted prepositional
    // phrase is the setting; the content follows the verb.
    let clause = s.clause_start(before);
    let opens_sentence = clause == 0 || s.is_clause_punct(clause - 1);
    if opens_sentence
        && lex.prepositions.contains(s.lower(clause))
        && count_words(s, clause, before) <= 4
        && !s.in_quote(clause)
    {
        return None;
    }
    // "…, Lisa Hahn told the Courier in an interview.": the hearer of a verb of telling is
    // part of the frame, and adverbials may follow it.
    let i = if lex.recipient_verbs.contains(s.lower(i)) {
        np_after(s, lex, i + 1)
            .filter(|&(a, _)| a == i + 1)
            .map_or(i, |(_, b)| b)
    } else {
        i
    };
    // "…, the minister said." ends the sentence (or its clause) soon after the verb; with a
    // clause after the verb ("…, the minister said prices rose") the content follows it.
    let tail = (i + 1..n)
        .take_while(|&k| !s.is_comma(k) && !s.is_end_punct(k) && !s.is_closing_quote_at(k))
        .count();
    // "As a phone rang, the announcer said, “It's 3 a.m.”" / "…, he said: …": the content
    // follows the verb, so the clause before it is no content of this frame.
    // "'If it rains,' the farmer said, 'we lose the crop.'": after a closing quotation the
    // second quotation goes on with the first one; both are the content.
    let split_quote = is_closing_quote(s, before);
    let opens = |k: usize| {
        s.tokens.get(k).is_some_and(|t| t.lower == ":")
            || s.is_comma(k) && !split_quote && s.quote_starting_at(k + 1).is_some()
            || s.quote_starting_at(k).is_some()
            || s.tokens
                .get(k)
                .is_some_and(|t| lex.complementizers.contains(&t.lower))
    };
    if opens(i + 1) {
        return None;
    }
    // Adverbials may follow: "he said on Monday", "she said of her three-minute wait".
    let adverbial = s
        .tokens
        .get(i + 1)
        .is_some_and(|t| lex.prepositions.contains(&t.lower) || lex.time.contains(&t.lower));
    // "…," he said as he entered the talks: a clause opened by a subordinator is a setting.
    let subordinate = s
        .tokens
        .get(i + 1)
        .is_some_and(|t| lex.comparatives.contains(&t.lower) || lex.joiners.contains(&t.lower));
    // After a closing quotation the quotation is the content, and what follows the verb is
    // its setting ("she said several months after her release"), however long an adverbial
    // or subordinate clause it is.
    let limit = if is_closing_quote(s, before) && (adverbial || subordinate) {
        n
    } else if is_closing_quote(s, before) {
        14
    } else if adverbial {
        8
    } else {
        4
    };
    if tail > limit {
        return None;
    }
    Some((np, before))
}

/// The comma before ", hatte X … gesagt" or ", a déclaré X": a finite auxiliary right after a
/// comma (or a closing quotation mark), at most eight tokens before the participle `i`.
fn auxiliary_after_comma(s: &Sentence, lex: &Lexicon, i: usize) -> Option<usize> {
    let c = (i.saturating_sub(8)..i)
        .rev()
        .find(|&k| s.is_clause_punct(k) || is_closing_quote(s, k) || s.is_end_punct(k))?;
    let aux = c + 1 < i && lex.auxiliaries.contains(s.lower(c + 1));
    (aux && (s.is_comma(c) || is_closing_quote(s, c))).then_some(c)
}

/// The speaker phrase that ends at the comma `comma` before a verb ("Anna Pike, a nurse,"),
/// with an apposition before it, and the comma or closing quotation mark that ends the content.
fn speaker_before_comma(
    s: &Sentence,
    lex: &Lexicon,
    comma: usize,
) -> Option<((usize, usize), usize)> {
    let last = np_before(s, lex, comma)?;
    let last = participle_apposition(s, lex, last).unwrap_or(last);
    let mut start = last.0;
    if start >= 2
        && s.is_comma(start - 1)
        && let Some(head) = np_before(s, lex, start - 1)
        && head.0 >= 1
        && (s.is_comma(head.0 - 1) || is_closing_quote(s, head.0 - 1))
        && head.1 - head.0 < 5
    {
        start = head.0;
    }
    let before = start.checked_sub(1)?;
    if s.is_comma(before) && !after_quotation(s, before) {
        // "'…,' Scott Pike, the attorney general, one of the towns suing, said": after a
        // quotation the speaker may carry several appositions back to it.
        if let Some(first) = earlier_appositions(s, lex, start) {
            return Some(((first, last.1), first - 1));
        }
    }
    (s.is_comma(before) || is_closing_quote(s, before)).then_some(((start, last.1), before))
}

/// "…, one of the towns suing the state, said": the phrase `(a, b)` before the comma is the
/// object of a participle inside an apposition; the apposition starts with the noun phrase
/// before the participle, right after a comma or closing quotation mark.
fn participle_apposition(
    s: &Sentence,
    lex: &Lexicon,
    (a, b): (usize, usize),
) -> Option<(usize, usize)> {
    let p = a.checked_sub(1)?;
    let t = &s.tokens[p];
    if t.kind != TokenKind::Word
        || t.capitalised
        || !ends_with_any(&t.lower, &lex.participle_endings)
    {
        return None;
    }
    let head = np_before(s, lex, p)?;
    let opens = head.0 > 0 && (s.is_comma(head.0 - 1) || is_closing_quote(s, head.0 - 1));
    opens.then_some((head.0, b))
}

/// Steps back from a phrase at `start` over up to two more comma-separated noun phrases and
/// returns where the first one starts, when a quotation closes right before it.
fn earlier_appositions(s: &Sentence, lex: &Lexicon, mut start: usize) -> Option<usize> {
    for _ in 0..2 {
        let (a, b) = np_before(s, lex, start.checked_sub(1)?)?;
        if a == 0 || b - a > 8 {
            return None;
        }
        start = a;
        if after_quotation(s, a - 1) {
            return Some(a);
        }
        if !s.is_comma(a - 1) {
            return None;
        }
    }
    None
}

/// Is token `k` a closing quotation mark, or a comma right after one?
fn after_quotation(s: &Sentence, k: usize) -> bool {
    is_closing_quote(s, k) || k > 0 && s.is_comma(k) && is_closing_quote(s, k - 1)
}

/// The speaker with an apposition before the comma `comma` ("Ann Lee, 25," / "Ann Lee, a
/// nurse,"), right after the content's comma or closing quotation mark.
fn apposition_before(s: &Sentence, lex: &Lexicon, comma: usize) -> Option<((usize, usize), usize)> {
    let age = comma >= 3 && s.tokens[comma - 1].kind == TokenKind::Number && s.is_comma(comma - 2);
    if !age {
        return speaker_before_comma(s, lex, comma);
    }
    let np = np_before(s, lex, comma - 2)?;
    let before = np.0.checked_sub(1)?;
    // The age belongs to the mention ("Ann Lee, 25,"), as the gold marks it; it is no role,
    // and the name stays the person's.
    (s.is_comma(before) || is_closing_quote(s, before)).then_some(((np.0, comma - 1), before))
}

/// "'…,' said Lou Reyes, who heads the port authority.": a relative clause that closes the
/// sentence after a speaker following its verb belongs to the speaker phrase, where the
/// grammar keeps relative clauses in speaker phrases.
fn relative_clause_after(
    s: &Sentence,
    lex: &Lexicon,
    i: usize,
    speaker: (usize, usize),
) -> (usize, usize) {
    let comma = speaker.1 + 1;
    let relative = s
        .tokens
        .get(comma + 1)
        .is_some_and(|t| lex.person_relative.contains(&t.lower));
    if !lex.grammar.relative_clause_in_speaker || speaker.0 <= i || !s.is_comma(comma) || !relative
    {
        return speaker;
    }
    let mut last = s.tokens.len();
    while last > comma + 2 && s.is_end_punct(last - 1) {
        last -= 1;
    }
    let quoted = (comma..last).any(|k| s.in_quote(k) || s.tokens[k].kind == TokenKind::Quote);
    if quoted || last <= comma + 2 {
        return speaker;
    }
    (speaker.0, last - 1)
}

/// "…, said X" ends its clause with the speaker, or an adverbial follows ("on Monday"); "X, the
/// chair, said the tolls would rise" has its subject before the verb.
fn only_adverbials_follow(s: &Sentence, lex: &Lexicon, i: usize, speaker: (usize, usize)) -> bool {
    if lex.grammar.verb_second || speaker.0 <= i {
        return true;
    }
    let first = (speaker.1 + 1..clause_end(s, lex, speaker.1 + 1)).find(|&k| !s.is_end_punct(k));
    first.is_none_or(|k| {
        lex.prepositions.contains(s.lower(k))
            || lex.time.contains(s.lower(k))
            || s.tokens[k].kind == TokenKind::Quote
    })
}

/// Where the clause after the frame ends: at the next comma, or (`verb_second`) at the comma
/// after the next one's clause ("…, sagte X, dass …" looks on).
fn clause_end(s: &Sentence, lex: &Lexicon, from: usize) -> usize {
    (from..s.tokens.len())
        .find(|&k| s.is_comma(k) && (!lex.grammar.verb_second || k > from))
        .unwrap_or(s.tokens.len())
}

/// After the speaker only adverbials may follow, not a new clause with content (a colon, a
/// complementiser or a quotation).
fn opens_content(s: &Sentence, lex: &Lexicon, rest_start: usize) -> bool {
    (rest_start..clause_end(s, lex, rest_start)).any(|k| {
        s.lower(k) == ":"
            || lex.complementizers.contains(s.lower(k)) && !lex.comparatives.contains(s.lower(k))
            || s.quote_starting_at(k).is_some_and(|(_, qe)| {
                // A quotation after other words of the clause is a title ("on CNN's
                // “State of the Union”"), not content.
                let opens_clause = k == rest_start || s.is_clause_punct(k - 1);
                opens_clause && count_words(s, k, s.index_at(qe)) >= 3
            })
    })
}

/// The content: everything before the comma that precedes the cue, from the last clause break
/// before it. Returns inclusive token indices.
fn content_before(s: &Sentence, comma: usize) -> Option<(usize, usize)> {
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
    (count_words(s, start, end + 1) >= 3).then_some((start, end))
}

/// "Where the road ends, the farmer told reporters on Monday, the soil is poor": a hearer or an
/// adverbial may follow the verb of a parenthetical frame; the frame ends at the comma after
/// them. Returns that comma, or `from` when none follows within a few words.
fn hearer_end(s: &Sentence, from: usize) -> usize {
    let n = s.tokens.len();
    let words = (from..n.min(from + 6))
        .take_while(|&k| matches!(s.tokens[k].kind, TokenKind::Word | TokenKind::Number))
        .take_while(|&k| !s.in_quote(k))
        .count();
    if words > 0 && s.is_comma(from + words) {
        from + words
    } else {
        from
    }
}

/// A parenthetical frame ("Acts of protest, he said, are acts of patriotism"): the clause goes
/// on after it, and the message is the whole sentence around the frame. Returns the last token
/// of that message.
fn parenthetical_end(s: &Sentence, lex: &Lexicon, frame_end: usize, end: usize) -> Option<usize> {
    let n = s.tokens.len();
    let relative = s
        .tokens
        .get(frame_end + 1)
        .is_some_and(|t| lex.relative.contains(&t.lower));
    // "…, media reported, citing court records": a participle opens the speaker's next act.
    let participle = s.tokens.get(frame_end + 1).is_some_and(|t| {
        ends_with_any(&t.lower, &lex.participle_endings) && lex.cues.contains_key(&t.lower)
    });
    if !s.is_comma(frame_end)
        || s.quote_starting_at(frame_end + 1).is_some()
        || relative
        || participle
    {
        return None;
    }
    let mut last = n;
    while last > frame_end
        && (s.is_end_punct(last - 1) || s.tokens[last - 1].kind == TokenKind::Quote)
    {
        last -= 1;
    }
    (count_words(s, frame_end + 1, last) >= 3 && !s.in_quote(end)).then(|| last - 1)
}
