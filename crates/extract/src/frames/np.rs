//! Noun phrases: the speaker candidates before and after a cue. A phrase is a run of words
//! that can stand in a name or a description (capitalised words, roles, function words of
//! titles, adjectives), trimmed so that it opens and ends with a content word. Which lower-case
//! words may stand in it is grammar (`capitalised_nouns`) and lexicon (endings, openers).

use super::sentence::{Sentence, count_words, is_initial_dot};
use crate::claim::SpeakerKind;
use crate::lexicon::{Lexicon, ends_with_any};
use crate::text::TokenKind;

/// Can this token stand inside a speaker noun phrase?
pub fn np_word(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let t = &s.tokens[i];
    // A short quotation is a name ("Die „Süddeutsche Zeitung“ berichtete").
    // The quotation must read as a name: short and opening with a capital letter.
    let short_quote = |i: usize| {
        s.quotes.iter().any(|&(qs, qe)| {
            let first = s.index_at(qs) + 1;
            // A quotation that ends in a comma or full stop is speech, not a name
            // ("\"Europe must defend itself,\" Paul Martin said").
            let speech = s
                .index_at(qe)
                .checked_sub(2)
                .is_some_and(|last| matches!(s.lower(last), "," | "." | "!" | "?"));
            t.start >= qs
                && t.end <= qe
                && !speech
                && count_words(s, s.index_at(qs), s.index_at(qe)) <= 4
                && (s.tokens.get(first).is_some_and(|f| f.capitalised)
                    || s.index_at(qs)
                        .checked_sub(1)
                        .is_some_and(|p| lex.prep_before.contains_key(s.lower(p))))
        }) && i > 0
    };
    if s.in_quote(i) {
        // Every token of a short quoted name belongs to it ("„wetter.example“").
        return short_quote(i);
    }
    match t.kind {
        TokenKind::Quote => short_quote(i) || plural_possessive(s, lex, i) || elision(s, lex, i),
        TokenKind::Punct => {
            let attached = i > 0 && s.tokens[i - 1].end == t.start;
            // "der Lehr- und Forschungsanstalt": a hyphen that leaves a compound open before "und".
            let open_compound = t.lower == "-"
                && attached
                && s.tokens
                    .get(i + 1)
                    .is_some_and(|n| lex.coordinators.contains(&n.lower));
            open_compound
                || plural_possessive(s, lex, i)
                || elision(s, lex, i)
                || matches!(t.lower.as_str(), "." | "’" | "'")
                    && t.end - t.start == 1
                    && attached
                    // "Jr.", "Ky." in "R-Ky.": an abbreviation's full stop.
                    && s.tokens[i - 1].lower.rsplit('-').next().is_some_and(|w| w.len() <= 3)
        }
        // "47 percent said", "17-year-old Jared Potts": a number opens a noun phrase.
        TokenKind::Number => {
            // "der 53-jährige Kandidat": a number joined to a word by a hyphen is an adjective.
            let joined_word = t
                .lower
                .split_once('-')
                .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_alphabetic));
            joined_word
                || lex.grammar.numbers_open_noun_phrases
                    && s.tokens
                        .get(i + 1)
                        .is_some_and(|n| n.kind == TokenKind::Word)
        }
        TokenKind::Word => word_in_np(s, lex, i),
    }
}

/// Can the word at `i` stand inside a speaker noun phrase?
fn word_in_np(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let t = &s.tokens[i];
    let w = t.lower.as_str();
    // "a parents' group called Keep Births Local": a naming word before a name.
    if lex.naming_words.contains(w) {
        return i > 0 && s.tokens.get(i + 1).is_some_and(|n| n.capitalised);
    }
    // "Prime Minister Gloria March": where nouns are not capitalised, a capitalised time
    // word after a name is part of the name.
    let in_name = t.capitalised
        && !lex.grammar.capitalised_nouns
        && i > 0
        && s.tokens[i - 1].capitalised
        && s.tokens[i - 1].kind == TokenKind::Word;
    if in_name {
        return true;
    }
    // Right after an article a cue form is a noun ("one of the towns suing"), as
    // `verb_cues` reads it.
    let after_determiner = i > 0
        && lex.determiners.contains(s.lower(i - 1))
        && !lex.relative.contains(s.lower(i - 1))
        && !lex.demonstratives.contains(s.lower(i - 1));
    if lex.time.contains(w) || !t.capitalised && !after_determiner && starts_cue(s, lex, i) {
        return false;
    }
    if lex.np_function.contains(w) {
        return true;
    }
    if lex.stop.contains(w) {
        return false;
    }
    // "hafenblatt.de": a web address is a name.
    if t.capitalised || w.contains('-') || is_web_address(w) {
        return true;
    }
    lower_case_np_word(s, lex, i)
}

/// Does a reporting expression start at token `i`? A multi-word cue counts only when its
/// other words follow ("cast doubt on", not "cast members"), unless particles may stand
/// apart from their verb.
pub fn starts_cue(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let Some(entries) = lex.cues.get(s.lower(i)) else {
        return false;
    };
    lex.grammar.separable_particles
        || entries.iter().any(|e| {
            e.words
                .iter()
                .skip(1)
                .enumerate()
                .all(|(k, w)| s.tokens.get(i + 1 + k).is_some_and(|t| &t.lower == w))
        })
}

/// Can a lower-case word stand in a speaker phrase? With capitalised nouns only an adjective
/// before its noun; otherwise any word that is not verb-like.
fn lower_case_np_word(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let w = s.tokens[i].lower.as_str();
    if lex.grammar.capitalised_nouns {
        // Nouns are capitalised, so a lower-case word is an adjective only when it has
        // an adjective ending and stands before its noun (or another adjective);
        // past-tense verbs ("forderte", "mussten") are kept out, ordinals and
        // superlatives ("ersten", "jüngsten") are not.
        let before_noun = s.tokens.get(i + 1).is_some_and(|n| {
            n.capitalised
                || n.kind == TokenKind::Word
                    && !lex.np_function.contains(&n.lower)
                    && !lex.stop.contains(&n.lower)
                    && lex.adjective_ending(&n.lower)
        });
        // A participle used as an adjective ("der von der Regierung eingesetzte
        // Gouverneur") carries a participle marker.
        let participle = lex
            .participle_markers
            .iter()
            .any(|m| w.contains(m.as_str()));
        // Right after a noun an article-less adjective is a genitive ("Angaben britischer
        // Medien"); a word in an oblique ending there is the verb of the clause ("Laut
        // Robert Koch-Institut gehören Infektionen …").
        let after_noun =
            i > 1 && s.tokens[i - 1].capitalised && s.tokens[i - 1].kind == TokenKind::Word;
        let verb_after_noun = after_noun && ends_with_any(w, &lex.oblique_adjective_endings);
        lex.adjective_ending(w)
            && before_noun
            && (!lex.verb_ending(w) || participle)
            && !verb_after_noun
    } else {
        // Nouns are not capitalised: any lower-case word may stand in the phrase except
        // verb-like ones (past, progressive, adverbs, negated auxiliaries); `trim_np`
        // then drops what cannot open a noun phrase.
        // After an article a word is a noun whatever its ending ("the family").
        let after_article = i > 0 && lex.articles.contains(s.lower(i - 1));
        !lex.negation_suffixes.iter().any(|n| w.contains(n.as_str()))
            && (lex.is_role(w) || !lex.verb_ending(w) || after_article)
    }
}

/// "l'institut", "d'Agrostat": the apostrophe of an elided article joins it to its noun.
fn elision(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    attached_apostrophe(s, i).is_some_and(|word| {
        lex.elisions.contains(&word.lower)
            && s.tokens
                .get(i + 1)
                .is_some_and(|n| n.start == s.tokens[i].end)
    })
}

/// When token `i` is an apostrophe written right after a word, returns that word.
fn attached_apostrophe<'s>(s: &'s Sentence, i: usize) -> Option<&'s crate::text::Token> {
    let t = &s.tokens[i];
    let before = s.tokens.get(i.checked_sub(1)?)?;
    (matches!(t.lower.as_str(), "’" | "'") && before.end == t.start).then_some(before)
}

/// "the tenants' association": an apostrophe after a plural, before the next noun.
fn plural_possessive(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    attached_apostrophe(s, i).is_some_and(|word| {
        ends_with_any(&word.lower, &lex.plural_endings)
            && s.tokens
                .get(i + 1)
                .is_some_and(|n| n.kind == TokenKind::Word && n.start > s.tokens[i].end)
    })
}

/// The noun phrase that ends right before `end`: the longest run of noun-phrase words, trimmed
/// so that it starts and ends with a content word.
pub fn np_before(s: &Sentence, lex: &Lexicon, end: usize) -> Option<(usize, usize)> {
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
    let name_end = a;
    while a > 0 && name_end - a < 10 {
        let i = a - 1;
        let w = s.lower(i);
        if lex.is_pronoun(w) {
            if a == end {
                return Some((i, i));
            }
            break;
        }
        if !np_word(s, lex, i) {
            break;
        }
        // English: before a name only titles and modifiers stand ("harbour master Ann Lee",
        // "longtime regional pollster"); another noun ends the phrase ("In a radio
        // interview | Pike said").
        if !lex.grammar.capitalised_nouns
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
    trim_np(s, lex, a, end)
}

/// "einer am Dienstag veröffentlichten Mitteilung": where nouns are capitalised, an article,
/// then a preposition at `prep` whose phrase ends in a lower-case adjective right before a
/// capitalised noun. Returns the adjective's index.
fn extended_attribute(s: &Sentence, lex: &Lexicon, prep: usize) -> Option<usize> {
    let n = s.tokens.len();
    if !lex.grammar.capitalised_nouns || prep == 0 || !lex.determiners.contains(s.lower(prep - 1)) {
        return None;
    }
    (prep + 2..(prep + 5).min(n.saturating_sub(1))).find(|&k| {
        let t = &s.tokens[k];
        t.kind == TokenKind::Word
            && !t.capitalised
            && lex.adjective_ending(&t.lower)
            && s.tokens[k + 1].capitalised
            && (prep + 1..k).all(|j| s.tokens[j].kind != TokenKind::Punct)
    })
}

/// Can this lower-case English word stand right before a name: a role or title, a
/// function word of a title ("of"), or an adjective by its ending ("longtime", "federal")?
fn modifies_name(lex: &Lexicon, w: &str) -> bool {
    lex.is_role(w)
        || lex.np_function.contains(w)
        || lex.naming_words.contains(w)
        || lex.np_openers.contains(w)
        || lex.name_particles.contains(w)
        || w.contains('-')
        || ends_with_any(w, &lex.name_modifier_endings)
}

/// The noun phrase that starts at `from`, with an apposition after a comma when it is one
/// ("Michael Madden, ein Experte am Institut").
pub fn np_after(s: &Sentence, lex: &Lexicon, from: usize) -> Option<(usize, usize)> {
    let n = s.tokens.len();
    if from >= n {
        return None;
    }
    let w = s.lower(from);
    if lex.person_pronouns.contains(w) || lex.group_pronouns.contains(w) {
        return Some((from, from));
    }
    let mut b = from;
    while b < n && b - from < 12 && np_word(s, lex, b) {
        if b > from && opens_new_phrase(s, lex, b) {
            break;
        }
        // "ein Bericht der „Nordsee Zeitung“", "Lea Kühn vom „Bündnis Hafen“": a short quoted
        // name after an article or preposition is part of the phrase.
        if b > from
            && lex.np_function.contains(s.lower(b))
            && let Some(close) = quoted_name_after(s, b + 1)
        {
            b = close + 1;
            break;
        }
        // A preposition inside a noun phrase needs a capitalised word after it ("am Stimson
        // Center", "des Außenministeriums"), not a time ("am Dienstag").
        if lex.np_function.contains(s.lower(b)) && b > from {
            let next = b + 1;
            // "des britischen Umweltministeriums": an adjective may stand before that word.
            let adjective_then_noun = lex.grammar.capitalised_nouns
                && next + 1 < n
                && !s.tokens[next].capitalised
                && lex.adjective_ending(s.lower(next))
                && s.tokens[next + 1].capitalised
                && !lex.time.contains(s.lower(next + 1));
            // "Müller im Sommerinterview": the setting of the speech is not part of the name.
            let setting = opens_setting(s, lex, b);
            let ok = next < n
                && np_word(s, lex, next)
                && !setting
                && !lex.is_time(s.lower(next))
                && (s.tokens[next].capitalised
                    || lex.np_function.contains(s.lower(next))
                    || adjective_then_noun);
            if !ok {
                // "einer am Dienstag veröffentlichten Mitteilung": a phrase inside an
                // attribute between the article and its noun.
                match extended_attribute(s, lex, b) {
                    Some(adjective) => {
                        b = adjective + 1;
                        continue;
                    }
                    None => break,
                }
            }
        }
        b += 1;
    }
    let (mut a, mut last) = trim_np(s, lex, from, b)?;
    // Lower-case modifiers before a name belong to it ("harbour master Ann Lee"); where nouns
    // are capitalised, a phrase that does not start here is no noun phrase after the verb.
    if a != from {
        if lex.grammar.capitalised_nouns
            || (from..a).any(|k| s.tokens[k].kind != TokenKind::Word && !elision(s, lex, k))
        {
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
    Some((a, apposition_end(s, lex, a, last).unwrap_or(last)))
}

/// Does the preposition at token `b` open the setting of the speech rather than more of the
/// phrase? A setting noun follows within three words ("im Sommerinterview"), or a setting
/// preposition stands before an article or possessive ("die Ministerin in ihrer Rede").
fn opens_setting(s: &Sentence, lex: &Lexicon, b: usize) -> bool {
    let n = s.tokens.len();
    let next = b + 1;
    (next..(next + 3).min(n)).any(|k| lex.is_setting_noun(s.word(k)))
        || lex.setting_prepositions.contains(s.lower(b))
            && next < n
            && (lex.determiners.contains(s.lower(next))
                || lex.possessives.contains(s.lower(next))
                || lex.np_function.contains(s.lower(next))
                    && !s.tokens[next].capitalised
                    && !lex.prepositions.contains(s.lower(next)))
}

/// When a short quotation of a name (up to five words, the first capitalised) opens at token
/// `i`, returns the index of its closing mark.
fn quoted_name_after(s: &Sentence, i: usize) -> Option<usize> {
    let (_, end) = s.quote_starting_at(i)?;
    let close = s.index_at(end).checked_sub(1)?;
    let inside = i + 1..close;
    let short = count_words(s, inside.start, inside.end) <= 5 && inside.len() <= 7;
    let name = s.tokens.get(i + 1).is_some_and(|t| t.capitalised);
    let plain = inside
        .clone()
        .all(|k| s.tokens[k].kind == TokenKind::Word || s.tokens[k].kind == TokenKind::Number);
    (short && name && plain && close > i + 1).then_some(close)
}

/// The last token of an apposition after the phrase `a..=last` that ends its clause: ", ein
/// Nordkorea-Experte am Center", ", Sprecher des Ministeriums", ", a spokesman for the
/// ministry", a name after a role ("der Vorsitzende des Verbandes, Elmar Gesse"), an age
/// (", 31,"), or a long description where the grammar keeps one in the speaker phrase.
fn apposition_end(s: &Sentence, lex: &Lexicon, a: usize, last: usize) -> Option<usize> {
    if !s.is_comma(last + 1) {
        return None;
    }
    age_apposition(s, last)
        .or_else(|| short_apposition(s, lex, a, last))
        .or_else(|| long_description(s, lex, a, last))
}

/// ", 31,": a person's age between commas after a name.
fn age_apposition(s: &Sentence, last: usize) -> Option<usize> {
    let age = s.tokens.get(last + 2)?;
    let plausible = age.kind == TokenKind::Number && age.lower.len() <= 3;
    (s.tokens[last].capitalised && plausible && s.is_comma(last + 3)).then_some(last + 2)
}

/// An apposition of a few words that ends its clause (a comma, a colon or the sentence's
/// end follows).
fn short_apposition(s: &Sentence, lex: &Lexicon, a: usize, last: usize) -> Option<usize> {
    let n = s.tokens.len();
    let (_, mut c) = np_run(s, lex, last + 2)?;
    // ", the director of the Institute for Climate Research in Potsdam": prepositional
    // phrases with a name go on describing.
    for _ in 0..3 {
        let prep = c + 1;
        let Some((_, d)) = s
            .tokens
            .get(prep)
            .filter(|t| lex.prepositions.contains(&t.lower))
            .and_then(|_| np_run(s, lex, prep + 1))
            .filter(|&(a, _)| a == prep + 1 && s.tokens[a..].iter().take(3).any(|t| t.capitalised))
        else {
            break;
        };
        c = d;
    }
    // ", a former official who runs a consultancy" — a relative clause after a described
    // speaker describes them too, up to the end of its clause.
    if !lex.grammar.capitalised_nouns
        && s.tokens
            .get(c + 1)
            .is_some_and(|t| lex.person_relative.contains(&t.lower))
        && let Some(end) = (c + 2..n.min(c + 14))
            .find(|&k| s.is_comma(k) || s.is_end_punct(k) || s.tokens[k].kind == TokenKind::Quote)
        && !s.tokens[end].kind.eq(&TokenKind::Quote)
    {
        c = end - 1;
    }
    // "…, sagte Ann Lee, Gründerin des Vereins: „…“": a colon before the quotation ends it too.
    let ends =
        c + 1 >= n || s.is_comma(c + 1) || s.is_end_punct(c + 1) || s.tokens[c + 1].lower == ":";
    let head_is_role = (last + 2..=c).any(|k| lex.is_role(s.word(k)));
    // "der ältere Bruder des Papstes, Lukas Brandt": a name after a role or after a
    // description that opens with an article; particles may stand inside ("Eva van Dijk").
    let described_head = (a..=last).any(|k| lex.is_role(s.word(k)))
        || lex.determiners.contains(s.lower(a))
        || lex.indefinite.contains(s.lower(a));
    let name_word = |k: usize| {
        (s.tokens[k].capitalised || s.word(k).contains('-'))
            && lex.organisation_kind(s.word(k)).is_none()
    };
    let name_after_role = described_head
        && c - (last + 2) < 4
        && name_word(last + 2)
        && name_word(c)
        && (last + 2..=c).all(|k| name_word(k) || lex.name_particles.contains(s.lower(k)));
    // ", a prominent Democrat": a description with an article after a name.
    let described = s.tokens[last].capitalised
        && (lex.indefinite.contains(s.lower(last + 2))
            || lex.determiners.contains(s.lower(last + 2)));
    (ends && (head_is_role || name_after_role || described)).then_some(c)
}

/// "said Ann Lee, an economist who ran the budget office and now teaches at a college." and
/// "Ann Lee, senior adviser at the Harbour Trust for school reform, said": where the grammar
/// keeps long appositions in the speaker phrase (`[grammar] long_appositions_in_speaker`), a
/// description that opens with an article or a role runs to the sentence's end after a
/// reporting verb, or to the comma before one.
fn long_description(s: &Sentence, lex: &Lexicon, a: usize, last: usize) -> Option<usize> {
    if !lex.grammar.long_appositions_in_speaker {
        return None;
    }
    let n = s.tokens.len();
    let first = last + 2;
    let head = |k: usize| {
        lex.indefinite.contains(s.lower(k))
            || lex.determiners.contains(s.lower(k))
            || lex.is_role(s.word(k))
    };
    // "senior associate at the institute", "the city's only hospital": a lower-case word or a
    // possessive may open it too; a relative clause, participle or preposition never does.
    let clause_opener = |k: usize| {
        let t = &s.tokens[k];
        lex.relative.contains(&t.lower)
            || lex.prepositions.contains(&t.lower)
            || ends_with_any(&t.lower, &lex.participle_endings)
            || starts_cue(s, lex, k)
    };
    let plain_word = |k: usize| s.tokens[k].kind == TokenKind::Word && !s.tokens[k].capitalised;
    let possessive = |k: usize| {
        s.tokens
            .get(k + 1)
            .is_some_and(|t| t.lower == "'s" || t.lower == "’s")
            || s.lower(k).ends_with("'s")
            || s.lower(k).ends_with("’s")
    };
    let opens = first < n
        && !clause_opener(first)
        && ((first..(first + 3).min(n)).any(head) || plain_word(first) || possessive(first));
    let named = s.tokens[last].capitalised || s.tokens[last].lower == ")";
    if !opens || !named || s.in_quote(first) {
        return None;
    }
    let after_cue = a > 0 && starts_cue(s, lex, a - 1);
    for k in first..n.min(first + 45) {
        let t = &s.tokens[k];
        if t.kind == TokenKind::Quote || s.in_quote(k) || matches!(t.lower.as_str(), ";" | ":") {
            return None;
        }
        if s.is_comma(k) && k + 1 < n && starts_cue(s, lex, k + 1) {
            return Some(k - 1);
        }
        // A period with words after it in the sentence is an abbreviation's ("U.S.", "Mr.").
        let words_after = s.tokens[k + 1..].iter().any(|t| t.kind == TokenKind::Word);
        if s.is_end_punct(k) && !is_initial_dot(s, k) && !words_after {
            return after_cue.then_some(k - 1);
        }
        if k > first && starts_cue(s, lex, k) {
            return None;
        }
    }
    (after_cue && n <= first + 45).then_some(n - 1)
}

/// The closing parenthesis of "(D-Ore.)" or "(AROS)" opening at token `i`: at most five
/// tokens inside, no quotation.
pub fn parenthesis_after(s: &Sentence, i: usize) -> Option<usize> {
    if s.tokens.get(i)?.lower != "(" {
        return None;
    }
    (i + 2..s.tokens.len().min(i + 7))
        .find(|&k| s.tokens[k].lower == ")")
        .filter(|&k| (i + 1..k).all(|j| s.tokens[j].kind != TokenKind::Quote && !s.in_quote(j)))
}

/// True when token `i` is an article or possessive right after a noun: it opens the next noun
/// phrase ("das Gericht | seine Entscheidung"), unless it is a genitive ("der Leiter des Amts").
fn opens_new_phrase(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let after_noun = i > 0 && s.tokens[i - 1].capitalised;
    after_noun && (lex.articles.contains(s.lower(i)) || medium_after_name(s, lex, i))
}

/// "sagte Mia Kühn der Zeitung": a case article before a medium right after a person's name
/// opens the hearer (a name takes no genitive; "Sprecher der Zeitung" keeps it).
fn medium_after_name(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    // A first name and a surname: two capitalised words that are no role, organisation or
    // determiner, with no article before them ("einem Artikel der Agentur" is a genitive).
    let name_word = |k: usize| {
        let t = &s.tokens[k];
        t.capitalised
            && t.kind == TokenKind::Word
            && !lex.is_role(&t.lower)
            && lex.organisation_kind(&t.lower).is_none()
            && !lex.determiners.contains(&t.lower)
    };
    let article_before = i >= 3 && lex.determiners.contains(s.lower(i - 3));
    lex.case_article.contains(s.lower(i))
        && i >= 2
        && name_word(i - 1)
        && name_word(i - 2)
        && !article_before
        && s.tokens
            .get(i + 1)
            .is_some_and(|t| lex.organisation_kind(&t.lower) == Some(SpeakerKind::Media))
}

/// A plain run of noun-phrase words from `from` (no apposition).
pub fn np_run(s: &Sentence, lex: &Lexicon, from: usize) -> Option<(usize, usize)> {
    let n = s.tokens.len();
    let mut b = from;
    while b < n && b - from < 12 && np_word(s, lex, b) {
        if lex.np_function.contains(s.lower(b)) && b + 1 < n && lex.time.contains(s.lower(b + 1)) {
            break;
        }
        if b > from && opens_new_phrase(s, lex, b) {
            break;
        }
        b += 1;
    }
    trim_np(s, lex, from, b)
}

/// Can a noun phrase start at token `i` where nouns are not capitalised: a capitalised word,
/// an article or quantifier, a role noun, or an adjective by its ending?
fn opens_lower_case_np(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let t = &s.tokens[i];
    let w = t.lower.as_str();
    t.capitalised
        || w.contains('-')
        || lex.np_openers.contains(w)
        || lex.is_role(w)
        || lex.adjective_ending(w)
        || s.tokens.get(i + 1).is_some_and(|n| lex.is_role(&n.lower))
        // "73 percent said": a number opens the phrase where numbers may.
        || t.kind == TokenKind::Number && lex.grammar.numbers_open_noun_phrases
}

/// Trims function words from both ends of `a..b` and returns an inclusive token range.
pub fn trim_np(s: &Sentence, lex: &Lexicon, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let dangling = |w: &str| lex.dangling.contains(w);
    while a < b && dangling(s.lower(a)) {
        a += 1;
    }
    while b > a
        && (dangling(s.lower(b - 1))
            || lex.np_function.contains(s.lower(b - 1))
                && !lex.phrase_final.contains(s.lower(b - 1)))
    {
        b -= 1;
    }
    // Without capitalised nouns: drop leading lower-case words that cannot open a noun phrase
    // ("once", "often"), and sentence adverbs ("Meanwhile Pike said").
    if !lex.grammar.capitalised_nouns {
        // Nouns before a role word modify it ("rescue team leader Oleg Varenko").
        let modifies_role = |a: usize| {
            (a + 1..b)
                .take_while(|&k| s.tokens[k].kind == TokenKind::Word && !s.tokens[k].capitalised)
                .any(|k| lex.is_role(s.lower(k)))
        };
        while a + 1 < b
            && (!opens_lower_case_np(s, lex, a) && !modifies_role(a)
                || lex.adverbial_openers.contains(s.lower(a)))
        {
            a += 1;
        }
    }
    if a >= b {
        return None;
    }
    // A speaker needs a content word: a capitalised word, a role, or (where nouns are not
    // capitalised) any noun.
    // "ai-Bericht": a compound whose last part is a capitalised noun.
    let capitalised_part = |k: usize| {
        s.word(k)
            .rsplit('-')
            .next()
            .and_then(|p| p.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let has_head = (a..b).any(|k| {
        let t = &s.tokens[k];
        t.kind == TokenKind::Word
            && !lex.np_function.contains(&t.lower)
            && (t.capitalised
                || capitalised_part(k)
                || s.in_quote(k)
                || lex.is_role(&t.lower)
                || is_web_address(&t.lower)
                || !lex.grammar.capitalised_nouns)
    });
    // "der 64-jährige": an age after an article stands for the person.
    let last = b - 1;
    let nominalised_age = last > a
        && s.tokens[last].kind == TokenKind::Number
        && s.tokens[last].lower.contains('-')
        && lex.determiners.contains(s.lower(last - 1));
    (has_head || nominalised_age).then_some((a, last))
}

/// "hafenblatt.de", "wetterblog.net": a word with an inner dot (the tokenizer joins only short
/// abbreviations and web addresses) is a web address, a name even in lower case.
fn is_web_address(w: &str) -> bool {
    w.len() > 5 && w.contains('.')
}
