//! The types every frame rule works on: a tokenised sentence with its quotations, and the
//! frame a rule finds in it (content, speaker, cue, mode, stance as byte ranges).

use crate::claim::{Mode, Stance};
use crate::lexicon::Lexicon;
use crate::text::{Token, TokenKind};

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
    /// Byte range of the frame inside its content ("Die Renten würden nach Angaben von X im
    /// Juli steigen", "If it rains,' she said, 'we lose'"): cut from the claim's text.
    pub gap: Option<(usize, usize)>,
}

impl Frame {
    /// A frame whose content is in its own sentence (the usual case).
    pub fn new(
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
            gap: None,
        }
    }
}

impl Sentence<'_> {
    pub fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }

    pub fn lower(&self, i: usize) -> &str {
        &self.tokens[i].lower
    }

    pub fn in_quote(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        self.quotes.iter().any(|&(s, e)| t.start >= s && t.end <= e)
    }

    pub fn is_comma(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.lower == ",")
    }

    pub fn is_clause_punct(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.lower.as_str(), "," | ";" | ":" | "(" | ")" | "–" | "—"))
    }

    pub fn is_end_punct(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.lower.as_str(), "." | "!" | "?"))
    }

    /// Steps `end` (exclusive) back over final and clause punctuation, not below `floor`: the
    /// end of a content or phrase without its trailing marks.
    pub fn trim_punct(&self, floor: usize, mut end: usize) -> usize {
        while end > floor && (self.is_end_punct(end - 1) || self.is_clause_punct(end - 1)) {
            end -= 1;
        }
        end
    }

    /// Returns the quote span that starts at token `i`, if `i` is an opening mark.
    pub fn quote_starting_at(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tokens.get(i)?;
        self.quotes.iter().copied().find(|&(s, _)| s == t.start)
    }

    /// Is token `i` a quotation mark that closes a quotation?
    pub fn is_closing_quote_at(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Quote && self.quotes.iter().any(|&(_, e)| e == t.end)
        })
    }

    /// Returns the index of the first token at or after byte `pos`.
    pub fn index_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// The first token of the clause that token `end` stands in: after the last clause
    /// punctuation or quotation mark before it.
    pub fn clause_start(&self, end: usize) -> usize {
        (0..end)
            .rev()
            .find(|&k| self.is_clause_punct(k) || self.tokens[k].kind == TokenKind::Quote)
            .map_or(0, |k| k + 1)
    }
}

/// Counts the words and numbers among tokens `a..b`.
pub fn count_words(s: &Sentence, a: usize, b: usize) -> usize {
    (a..b)
        .filter(|&i| matches!(s.tokens[i].kind, TokenKind::Word | TokenKind::Number))
        .count()
}

/// Is token `i` a quotation mark that closes a quotation?
pub fn is_closing_quote(s: &Sentence, i: usize) -> bool {
    let t = &s.tokens[i];
    t.kind == TokenKind::Quote && s.quotes.iter().any(|&(_, e)| e == t.end)
}

/// Is token `i` the period of a middle initial ("Rosa T. Elwood"): right after a single capital
/// letter and followed by a capitalised word?
pub fn is_initial_dot(s: &Sentence, i: usize) -> bool {
    i > 0
        && s.lower(i) == "."
        && s.tokens[i - 1].end == s.tokens[i].start
        && s.word(i - 1).chars().count() == 1
        && s.tokens[i - 1].capitalised
        && s.tokens.get(i + 1).is_some_and(|t| t.capitalised)
}

/// The byte range of a frame standing inside its content: from the end of the content's token
/// `last_before` to the start of its token `next`. The comma after `last_before` stays in the
/// content when `keep_comma` ("Where the road ends, the soil …").
pub fn frame_gap(
    s: &Sentence,
    last_before: usize,
    next: usize,
    keep_comma: bool,
) -> (usize, usize) {
    let a = if keep_comma && s.is_comma(last_before + 1) {
        s.tokens[last_before + 1].end
    } else {
        s.tokens[last_before].end
    };
    (a, s.tokens[next].start)
}

/// The text of a claim `start..end` without the frame `gap` inside it, joined by one space.
pub fn text_without_gap(
    text: &str,
    (start, end): (usize, usize),
    gap: Option<(usize, usize)>,
) -> String {
    match gap {
        Some((a, b)) if start <= a && a < b && b <= end => {
            format!(
                "{} {}",
                text[start..a].trim_end(),
                text[b..end].trim_start()
            )
        }
        _ => text[start..end].to_string(),
    }
}

/// Whether token `k` opens a subordinate clause that may stand before a main clause ("If",
/// "When", "While", "Although"): the comma after that clause stays in the claim's text.
pub fn opens_fronted_clause(s: &Sentence, lex: &Lexicon, k: usize) -> bool {
    let w = s.lower(k);
    lex.complementizers.contains(w)
        || lex.interrogatives.contains(w)
        || lex.joiners.contains(w)
        || lex.content_breaks.contains(w)
        || lex.comparatives.contains(w)
}
