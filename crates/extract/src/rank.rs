//! The speaker ranker: which of several earlier mentions a pronoun speaker names, and which
//! phrases are no speaker at all.
//!
//! The rules propose candidates (the names in the pronoun's sentence and the sentences before
//! it, the people the article named earlier, the previous claim's speaker); each candidate gets
//! a handful of named features (how many sentences back, subject slot, hearer of a verb of
//! telling, inside a quotation, gender agreement, spoke before) and the weights of
//! `rank/weights.txt` add them up. The weights are data, set by hand on the project's own
//! speaker table. The words a speaker phrase never consists of, and the stray words that open
//! a phrase without being part of the name, are data too (`rank/{de,en,fr}.txt`).

use super::lexicon::Lexicon;
use super::text::{Token, TokenKind, quote_spans, tokenize, tokenize_into};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// How far back (in bytes) the window of candidate names reaches at most.
const WINDOW: usize = 1500;
/// How many sentences back a name in the window may stand.
const SENTENCES_BACK: usize = 2;

/// The word lists of one language about speaker phrases.
#[derive(Debug, Default)]
pub struct SpeakerWords {
    /// Words that open a phrase but belong to no name ("and", "Neither").
    pub stray_leading: HashSet<String>,
    /// Words that, all together, never make a speaker ("any", "more", "two").
    pub not_speaker: HashSet<String>,
    /// Clitics after a pronoun ("he's"): the mention is the pronoun alone.
    pub pronoun_clitics: Vec<String>,
    /// Demonstratives that stand for a person named before ("Dieser behauptete"): resolved
    /// like a pronoun.
    pub demonstrative_pronouns: HashSet<String>,
}

impl SpeakerWords {
    /// Parses `[section]` headers and word lines; `#` starts a comment.
    pub fn parse(source: &str) -> Result<SpeakerWords, String> {
        let mut words = SpeakerWords::default();
        let mut section = "";
        for (number, raw) in source.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            for word in line.split_whitespace().map(str::to_lowercase) {
                match section {
                    "stray_leading" => words.stray_leading.insert(word),
                    "not_speaker" => words.not_speaker.insert(word),
                    "demonstrative_pronouns" => words.demonstrative_pronouns.insert(word),
                    "pronoun_clitics" => {
                        words.pronoun_clitics.push(word);
                        true
                    }
                    _ => return Err(format!("line {}: unknown section `{section}`", number + 1)),
                };
            }
        }
        Ok(words)
    }

    /// Returns the word lists of the lexicon's language.
    pub fn of(lex: &Lexicon) -> &'static SpeakerWords {
        static CELLS: [OnceLock<SpeakerWords>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let (i, source) = match lex.code.as_str() {
            "de" => (0, include_str!("rank/de.txt")),
            "fr" => (2, include_str!("rank/fr.txt")),
            _ => (1, include_str!("rank/en.txt")),
        };
        CELLS[i].get_or_init(|| {
            // Invariant: the shipped files parse; `every_speaker_word_list_parses` checks them.
            SpeakerWords::parse(source).unwrap_or_else(|e| panic!("rank/{}: {e}", lex.code))
        })
    }
}

/// The names of the ranker's features, as `rank/weights.txt` spells them.
pub const FEATURES: [&str; 14] = [
    "same_sentence",
    "previous_sentence",
    "per_sentence_back",
    "subject",
    "recipient",
    "quoted",
    "previous_speaker",
    "was_speaker",
    "other_paragraph",
    "gender_agrees",
    "gender_disagrees",
    "memory_only",
    "full_name",
    "latest_person",
];

/// The weight of each feature.
#[derive(Debug, Default)]
pub struct Weights(HashMap<String, f64>);

impl Weights {
    /// Parses `feature weight` lines; refuses a feature the ranker does not know.
    pub fn parse(source: &str) -> Result<Weights, String> {
        let mut map = HashMap::default();
        for (number, raw) in source.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let at = |msg: &str| format!("line {}: {msg}", number + 1);
            let (name, value) = line
                .split_once(' ')
                .ok_or_else(|| at("want `name weight`"))?;
            if !FEATURES.contains(&name) {
                return Err(at(&format!("unknown feature `{name}`")));
            }
            let value: f64 = value.trim().parse().map_err(|_| at("bad weight"))?;
            map.insert(name.to_string(), value);
        }
        Ok(Weights(map))
    }

    /// Returns the shipped weights.
    pub fn get() -> &'static Weights {
        static CELL: OnceLock<Weights> = OnceLock::new();
        CELL.get_or_init(|| {
            // Invariant: the shipped file parses; `the_weights_file_parses` checks it.
            Weights::parse(include_str!("rank/weights.txt"))
                .unwrap_or_else(|e| panic!("rank/weights.txt: {e}"))
        })
    }

    fn of(&self, feature: &str) -> f64 {
        self.0.get(feature).copied().unwrap_or(0.0)
    }
}

/// What the ranker knows of one candidate.
#[derive(Debug, Default, Clone)]
pub struct Features {
    /// Sentences between the candidate's and the pronoun's (0: the same sentence).
    pub sentences_back: usize,
    pub subject: bool,
    pub recipient: bool,
    pub quoted: bool,
    pub previous_speaker: bool,
    pub was_speaker: bool,
    pub other_paragraph: bool,
    /// Some(true) when the candidate's gender agrees with the pronoun's, Some(false) when not.
    pub gender: Option<bool>,
    /// Known from earlier in the article, but not named in the window read back.
    pub memory_only: bool,
    pub full_name: bool,
    /// The person the article named last (as a speaker or introduced with a role).
    pub latest_person: bool,
}

impl Features {
    /// The candidate's score under `w`.
    pub fn score(&self, w: &Weights) -> f64 {
        let flag = |on: bool, name: &str| if on { w.of(name) } else { 0.0 };
        let distance = match self.sentences_back {
            _ if self.memory_only => 0.0,
            0 => w.of("same_sentence"),
            1 => w.of("previous_sentence"),
            n => w.of("per_sentence_back") * (n - 1) as f64,
        };
        distance
            + flag(self.subject, "subject")
            + flag(self.recipient, "recipient")
            + flag(self.quoted, "quoted")
            + flag(self.previous_speaker, "previous_speaker")
            + flag(self.was_speaker, "was_speaker")
            + flag(self.other_paragraph, "other_paragraph")
            + flag(self.gender == Some(true), "gender_agrees")
            + flag(self.gender == Some(false), "gender_disagrees")
            + flag(self.memory_only, "memory_only")
            + flag(self.full_name, "full_name")
            + flag(self.latest_person, "latest_person")
    }
}

/// A person a pronoun may name.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub name: String,
    pub role: Option<String>,
    pub features: Features,
}

/// The index of the best candidate; on a tie the one listed first (the nearest).
pub fn best(candidates: &[Candidate]) -> Option<usize> {
    let w = Weights::get();
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let s = c.features.score(w);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// The names of people in the sentence of the pronoun at `at` (before it) and in the
/// sentences before, nearest first: runs of two to four capitalised words, with a role word
/// right before them as their role, and single words that `known` completes to a person the
/// article named before ("Harms" → "Sven Harms"). Where every noun is capitalised (`[grammar]
/// capitalised_nouns`) a longer run is a name only after a role word or when `known` knows it.
pub fn window_candidates(
    text: &str,
    at: usize,
    lex: &Lexicon,
    known: &dyn Fn(&str) -> Option<String>,
    cache: &mut WindowTokens,
) -> Vec<Candidate> {
    let from = window_start(text, at);
    let tokens = cache.tokens(text, from, at);
    let quotes = quote_spans(text, from, at);
    let places = places(text, &tokens, at, lex);
    let (current, here) = places.last().copied().unwrap_or((0, 0));
    let mut found = Vec::new();
    // Names further back than SENTENCES_BACK are never candidates: start at the first token
    // near enough. (A name run that began before it gives no run from inside it, as below.)
    let tokens = &tokens[..];
    let mut k = places[..tokens.len()].partition_point(|p| current - p.0 > SENTENCES_BACK);
    while k < tokens.len() {
        let run = name_run(tokens, k, lex);
        if run == 0 {
            k += 1;
            continue;
        }
        let (sentence, paragraph) = places[k];
        let back = current - sentence;
        let last = &tokens[k + run - 1];
        let written = &text[tokens[k].start..last.end];
        let role = (k > 0 && lex.is_role(&tokens[k - 1].lower))
            .then(|| text[tokens[k - 1].start..tokens[k - 1].end].to_string());
        let full = known(written);
        // A noun phrase opens with an article; a bare run of capitalised words is a name.
        let bare = k == 0 || !lex.determiners.contains(&tokens[k - 1].lower);
        // "Reed said …": where only names are capitalised, a single capitalised word right
        // before a reporting verb is a speaker's surname (not an acronym such as an agency's).
        let speaking_surname = run == 1
            && !lex.grammar.capitalised_nouns
            && tokens
                .get(k + 1)
                .is_some_and(|t| lex.cues.contains_key(&t.lower))
            && written.chars().skip(1).any(char::is_lowercase);
        let named = match run {
            1 => full.is_some() || speaking_surname,
            2 | 3 if bare => true,
            _ => !lex.grammar.capitalised_nouns || role.is_some() || full.is_some(),
        };
        let name = full.unwrap_or_else(|| written.to_string());
        if back <= SENTENCES_BACK && named && !name.contains('\n') {
            let features = Features {
                sentences_back: back,
                subject: opens_sentence(tokens, &places, k, lex),
                recipient: is_recipient(tokens, k, lex),
                quoted: quotes
                    .iter()
                    .any(|&(a, b)| a <= tokens[k].start && last.end <= b),
                other_paragraph: paragraph != here,
                full_name: run > 1 || name.contains(' '),
                ..Features::default()
            };
            found.push(Candidate {
                name,
                role,
                features,
            });
        }
        k += run;
    }
    found.reverse();
    found
}

/// The tokens of the article around the windows read back, tokenised once for many
/// pronouns: a window is a slice of them.
///
/// The tokenizer keeps no state between tokens and looks ahead no further than the next
/// whitespace, and no token holds whitespace; so where a range starts and ends after
/// whitespace, its tokens are those of any larger range that lie inside it.
#[derive(Debug, Default)]
pub struct WindowTokens {
    start: usize,
    end: usize,
    tokens: Vec<Token>,
}

impl WindowTokens {
    /// How far past a window the cache tokenises ahead.
    const AHEAD: usize = 64 * 1024;

    /// The tokens of `text[from..at]`, as `tokenize(text, from, at)` gives them.
    fn tokens(&mut self, text: &str, from: usize, at: usize) -> std::borrow::Cow<'_, [Token]> {
        let after_space = |i: usize| i == 0 || text[..i].ends_with(char::is_whitespace);
        if !(after_space(from) && after_space(at)) {
            return tokenize(text, from, at).into();
        }
        if from < self.start || at > self.end {
            let mut end = (at + Self::AHEAD).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            // End before whitespace, so that the last token is whole.
            end = text[end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| end + i);
            self.start = from;
            self.end = end;
            tokenize_into(text, from, end, &mut self.tokens);
        }
        let lo = self.tokens.partition_point(|t| t.start < from);
        let hi = self.tokens.partition_point(|t| t.start < at);
        self.tokens[lo..hi].into()
    }
}

/// Where the window read back starts: at most [`WINDOW`] bytes back, at a sentence start,
/// and after the first line when a blank line follows it (a title, whose words are no
/// antecedents).
fn window_start(text: &str, at: usize) -> usize {
    let body = text
        .find("\n\n")
        .filter(|&i| i < at && !text[..i].contains('\n'))
        .map_or(0, |i| i + 2);
    if at <= WINDOW + body {
        return body;
    }
    let mut from = at - WINDOW;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at]
        .find(". ")
        .map_or(from, |i| from + i + 2)
        .min(at)
}

/// The sentence and paragraph number of each token, counted from the window's start, and
/// last those of the place `at` right after the tokens (where the pronoun stands).
fn places(text: &str, tokens: &[Token], at: usize, lex: &Lexicon) -> Vec<(usize, usize)> {
    let (mut sentence, mut paragraph) = (0, 0);
    let mut out = Vec::with_capacity(tokens.len() + 1);
    for k in 0..=tokens.len() {
        let (start, capitalised, word) = match tokens.get(k) {
            Some(t) => (t.start, t.capitalised, t.kind == TokenKind::Word),
            None => (at, true, true),
        };
        if k > 0 && text[tokens[k - 1].end..start].contains('\n') {
            paragraph += 1;
            sentence += 1;
        } else if k > 1 && matches!(tokens[k - 1].lower.as_str(), "." | "!" | "?") {
            let before = &tokens[k - 2];
            let abbreviation = lex.honorifics.contains(&before.lower) || before.lower.len() == 1;
            if !abbreviation && (capitalised || !word) {
                sentence += 1;
            }
        }
        out.push((sentence, paragraph));
    }
    out
}

/// How many tokens from `k` on make a person's name (0 or 1: none).
fn name_run(tokens: &[Token], k: usize, lex: &Lexicon) -> usize {
    let name_word = |t: &Token| {
        t.kind == TokenKind::Word
            && t.capitalised
            && !lex.is_role(&t.lower)
            && lex.organisation_kind(&t.lower).is_none()
            && !lex.determiners.contains(&t.lower)
            && !lex.stop.contains(&t.lower)
            && !lex.time.contains(&t.lower)
            && !lex.prepositions.contains(&t.lower)
            && !lex.prep_before.contains_key(&t.lower)
            && !lex.focus_words.contains(&t.lower)
            && !lex.adverbial_openers.contains(&t.lower)
            && !lex.person_pronouns.contains(&t.lower)
            && !lex.group_pronouns.contains(&t.lower)
    };
    if k > 0 && name_word(&tokens[k - 1]) {
        return 0;
    }
    let run = tokens[k..]
        .iter()
        .take(5)
        .take_while(|t| name_word(t))
        .count();
    // "Ann Lee's campaign": a possessive name is no subject of speech; five words are a title.
    let possessive = run > 0 && {
        let last = &tokens[k + run - 1].lower;
        last.ends_with("'s") || last.ends_with("’s")
    };
    if run > 4 || possessive { 0 } else { run }
}

/// True when nothing but roles, determiners and focus words stand before token `k` in its
/// sentence, outside a quotation: the candidate is the sentence's subject.
fn opens_sentence(tokens: &[Token], places: &[(usize, usize)], k: usize, lex: &Lexicon) -> bool {
    let sentence = places[k].0;
    tokens[..k]
        .iter()
        .zip(places)
        .rev()
        .take_while(|(_, p)| p.0 == sentence)
        .all(|(t, _)| {
            t.kind != TokenKind::Word
                || lex.is_role(&t.lower)
                || lex.determiners.contains(&t.lower)
                || lex.focus_words.contains(&t.lower)
                || lex.adverbial_openers.contains(&t.lower)
        })
}

/// True when the name at `k` is the hearer: right after a verb of telling ("told Ann Lee") or
/// a preposition of the hearer, a determiner or role word in between.
fn is_recipient(tokens: &[Token], k: usize, lex: &Lexicon) -> bool {
    tokens[..k]
        .iter()
        .rev()
        .find(|t| !lex.determiners.contains(&t.lower) && !lex.is_role(&t.lower))
        .is_some_and(|t| {
            lex.recipient_verbs.contains(&t.lower) || lex.recipient_prepositions.contains(&t.lower)
        })
}

/// The range of the phrase `text[a..b]` without stray leading words ("and Ann Lee" → "Ann
/// Lee") and without a clitic after a lone pronoun ("he's" → "he").
pub fn trim_phrase(text: &str, (a, b): (usize, usize), lex: &Lexicon) -> (usize, usize) {
    let words = SpeakerWords::of(lex);
    let tokens = tokenize(text, a, b);
    let first = tokens
        .iter()
        .position(|t| {
            !(t.kind == TokenKind::Word && words.stray_leading.contains(&t.lower) || t.lower == ",")
        })
        .unwrap_or(0);
    let (mut a, mut b) = (tokens.get(first).map_or(a, |t| t.start), b);
    if tokens.len() == first + 1 {
        let word = &tokens[first].lower;
        if let Some(clitic) = words.pronoun_clitics.iter().find(|c| {
            word.strip_suffix(c.as_str()).is_some_and(|p| {
                lex.person_pronouns.contains(p)
                    || lex.group_pronouns.contains(p)
                    || words.not_speaker.contains(p)
            })
        }) {
            b = tokens[first].end - clitic.len();
        }
    }
    if a >= b {
        a = b;
    }
    (a, b)
}

/// True when the phrase names nobody: all its words are function words, pronoun forms,
/// quantifiers or number words, or it opens with a possessive and holds no role, organisation
/// or source word ("his series of early-morning"; "her campaign" names a body).
pub fn names_nobody(text: &str, (a, b): (usize, usize), lex: &Lexicon) -> bool {
    let words = SpeakerWords::of(lex);
    let tokens: Vec<Token> = tokenize(text, a, b)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let Some(first) = tokens.first() else {
        return true;
    };
    let numeric = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    if tokens
        .iter()
        .all(|t| words.not_speaker.contains(&t.lower) || numeric(&t.lower))
    {
        return true;
    }
    let body = tokens.iter().skip(1).any(|t| {
        t.capitalised
            || lex.is_role(&t.lower)
            || lex.organisation_kind(&t.lower).is_some()
            || lex.is_source_noun(&t.lower)
    });
    lex.possessives.contains(&first.lower) && !first.capitalised && !body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lang;

    #[test]
    fn window_tokens_are_those_of_the_window_alone() {
        let text = "Ann Lee (SPD) sagte: „Wir gehen.“ Dr. O’Malley, 3,5 Mio. U.S.-Beamte\n\nsagten, \
                    er komme.Sie sagte es www.hafenblatt.de. Tom Reed's plan - don't.";
        let mut cache = WindowTokens::default();
        let starts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &from in starts.iter().step_by(3) {
            for &at in starts.iter().filter(|&&at| at >= from).step_by(5) {
                let want: Vec<(usize, usize, String)> = tokenize(text, from, at)
                    .into_iter()
                    .map(|t| (t.start, t.end, t.lower))
                    .collect();
                let got: Vec<(usize, usize, String)> = cache
                    .tokens(text, from, at)
                    .iter()
                    .map(|t| (t.start, t.end, t.lower.clone()))
                    .collect();
                assert_eq!(got, want, "{from}..{at}");
            }
        }
    }

    #[test]
    fn the_weights_file_parses() {
        let w = Weights::parse(include_str!("rank/weights.txt")).unwrap();
        assert!(w.of("recipient") < 0.0);
        assert!(Weights::parse("subject 1\nloudness 2").is_err());
    }

    #[test]
    fn every_speaker_word_list_parses() {
        for lang in Lang::ALL {
            let words = SpeakerWords::of(Lexicon::get(lang));
            assert!(!words.not_speaker.is_empty(), "{lang:?}");
            assert!(!words.stray_leading.is_empty(), "{lang:?}");
        }
        assert!(SpeakerWords::parse("[loud]\nx").is_err());
    }

    #[test]
    fn stray_words_and_clitics_are_trimmed() {
        let lex = Lexicon::get(Lang::En);
        let t = "and Ann Lee";
        assert_eq!(&t[trim_phrase(t, (0, t.len()), lex).0..], "Ann Lee");
        let t = "he's";
        let (a, b) = trim_phrase(t, (0, t.len()), lex);
        assert_eq!(&t[a..b], "he");
        let t = "where the former mayor";
        assert_eq!(
            &t[trim_phrase(t, (0, t.len()), lex).0..],
            "the former mayor"
        );
        // "we've", "I'm": the pronoun alone, and a lone "I" names nobody.
        for (t, want) in [("we've", "we"), ("they’re", "they"), ("I'm", "I")] {
            let (a, b) = trim_phrase(t, (0, t.len()), lex);
            assert_eq!(&t[a..b], want);
        }
        assert!(names_nobody("I", (0, 1), lex));
    }

    #[test]
    fn adjectives_adverbs_and_verb_forms_alone_name_nobody() {
        let lex = Lexicon::get(Lang::En);
        for t in ["premature", "perhaps", "appears", "keen", "up"] {
            assert!(names_nobody(t, (0, t.len()), lex), "{t}");
        }
        for t in ["officials", "critics", "the mayor", "up to ten experts"] {
            assert!(!names_nobody(t, (0, t.len()), lex), "{t}");
        }
    }

    #[test]
    fn quantifiers_and_possessive_phrases_name_nobody() {
        let lex = Lexicon::get(Lang::En);
        for phrase in ["any", "many of them", "two", "his series of early-morning"] {
            assert!(names_nobody(phrase, (0, phrase.len()), lex), "{phrase}");
        }
        for phrase in ["officials", "her campaign", "Ann Lee", "critics"] {
            assert!(!names_nobody(phrase, (0, phrase.len()), lex), "{phrase}");
        }
    }

    #[test]
    fn the_hearer_and_a_quoted_name_lose_to_the_subject() {
        let lex = Lexicon::get(Lang::En);
        let text = "Ann Lee met Tom Reed on Monday. She told Eva Marsh \"Otto Kern is wrong\". ";
        let at = text.len();
        let candidates = window_candidates(text, at, lex, &|_| None, &mut WindowTokens::default());
        let i = best(&candidates).unwrap();
        assert_eq!(candidates[i].name, "Ann Lee", "{candidates:?}");
    }
}
