//! Tokens and quotation spans: the two views of a sentence that the attribution rules read.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// A quotation mark; whether it opens or closes is decided by [`quote_spans`].
    Quote,
}

/// A token with its byte range in the article text.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Lower-case form of a word, the punctuation itself otherwise.
    pub lower: String,
    pub capitalised: bool,
}

/// Returns true for the quotation marks the extractor understands.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '„' | '“' | '”' | '«' | '»' | '‚' | '‘' | '’' | '\''
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits `text[range]` into tokens. Words keep inner hyphens, apostrophes and dots between
/// letters ("US-Beamte", "don't", "U.S"), so offsets and names stay whole.
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token> {
    let slice = &text[from..to];
    let mut tokens = Vec::new();
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                // Inner joiners: keep them when a word character follows.
                if joins_word(&slice[i..end], d, &slice[j + d.len_utf8()..]) {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                break;
            }
            let word = &slice[i..end];
            let kind = if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                start: from + i,
                end: from + end,
                kind,
                lower: lowercase(word),
                capitalised: c.is_uppercase(),
            });
        } else {
            let end = i + c.len_utf8();
            let kind = if is_quote_char(c) {
                TokenKind::Quote
            } else {
                TokenKind::Punct
            };
            tokens.push(Token {
                start: from + i,
                end: from + end,
                kind,
                lower: c.to_string(),
                capitalised: false,
            });
        }
    }
    tokens
}

/// The lower-case form of a word; most words are ASCII, which needs no Unicode tables.
fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

/// Finds quotations in a paragraph as byte ranges that include their marks. German „…“,
/// English “…”, straight "…", guillemets in both directions; single marks only when they
/// clearly open (after a space) and close (before a space or punctuation).
pub fn quote_spans(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let slice = &text[from..to];
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_quote_char(c) {
            prev = Some(c);
            continue;
        }
        let mut c = c;
        let mut width = c.len_utf8();
        // Two apostrophes stand for a double quotation mark in some archives ('' … '').
        if c == '\'' && iter.peek().is_some_and(|&(_, n)| n == '\'') {
            iter.next();
            c = '"';
            width = 2;
        }
        let next = iter.peek().map(|&(_, n)| n);
        let after_space = prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p));
        let before_space = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)".contains(n));
        match open {
            None => {
                let opens = match c {
                    '„' | '“' | '«' | '»' => true,
                    '"' => after_space || prev.is_some_and(|p| !p.is_alphanumeric()),
                    '‚' | '‘' => after_space,
                    '\'' => after_space && next.is_some_and(|n| n.is_alphabetic()),
                    // A closing mark typed where the opening one belongs (”We …”): it opens
                    // when it stands before a word and after a space or the line's start.
                    '”' => after_space && next.is_some_and(char::is_alphanumeric),
                    _ => false,
                };
                if opens {
                    open = Some((i, c));
                }
            }
            Some((start, o)) => {
                let closes = match o {
                    '„' => matches!(c, '“' | '”'),
                    '“' | '”' => matches!(c, '”') || (c == '“' && before_space),
                    '«' => c == '»',
                    '»' => c == '«',
                    '"' => c == '"',
                    '‚' => c == '‘' || (c == '’' && before_space),
                    '‘' => c == '’' && before_space,
                    '\'' => c == '\'' && before_space,
                    _ => false,
                };
                if closes {
                    spans.push((from + start, from + i + width));
                    open = None;
                }
            }
        }
        prev = Some(c);
    }
    // A quotation that opens the paragraph and does not close in it goes on into the next
    // paragraph (newspapers re-open it there): it runs to the paragraph's end.
    if let Some((start, _)) = open
        && slice[..start].trim().is_empty()
    {
        spans.push((from + start, to));
    }
    spans
}

/// Does the joiner `d` after `word` join it to the characters `rest` after it? A comma between
/// digits ("3,5 Milliarden", "1,000 people"), a hyphen inside a compound, a dot in a short
/// abbreviation or a web address, an apostrophe in a contraction or an Irish name.
fn joins_word(word: &str, d: char, rest: &str) -> bool {
    let next = rest.chars().next();
    match d {
        ',' => {
            word.starts_with(|c: char| c.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit())
        }
        '.' => next.is_some_and(|n| n.is_alphabetic()) && (word.len() <= 3 || web_suffix(rest)),
        // Contractions ("don't", "we'll") and Irish names ("O’Malley").
        '\'' | '’' if word.len() == 1 && next.is_some_and(|n| n.is_uppercase()) => true,
        '\'' | '’' => {
            next.is_some_and(|n| n.is_alphabetic())
                && rest.chars().nth(1).is_none_or(|n| {
                    !n.is_alphabetic()
                        || rest.starts_with("ll")
                        || rest.starts_with("re")
                        || rest.starts_with("ve")
                })
        }
        '-' | '‑' => next.is_some_and(is_word_char),
        _ => false,
    }
}

/// "hafenblatt.de", "wetterblog.net": after a dot, two to four lower-case letters that end the word are the
/// end of a web address, so the dot joins them to the name.
fn web_suffix(rest: &str) -> bool {
    let letters = rest.chars().take_while(char::is_ascii_lowercase).count();
    (2..=4).contains(&letters)
        && rest[letters..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0, text.len())
            .into_iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_compounds_and_contractions() {
        assert_eq!(
            words("Die US-Beamte sagte: „Ja.“"),
            vec!["Die", "US-Beamte", "sagte", ":", "„", "Ja", ".", "“"]
        );
        assert_eq!(words("don't stop"), vec!["don't", "stop"]);
        assert_eq!(
            words("Gov. O’Malley said"),
            vec!["Gov", ".", "O’Malley", "said"]
        );
        assert_eq!(words("U.S. officials"), vec!["U.S", ".", "officials"]);
    }

    #[test]
    fn quotes_in_both_languages() {
        let de = "„Wir kommen“, sagte sie. Er sagte \"nein\".";
        let spans = quote_spans(de, 0, de.len());
        assert_eq!(spans.len(), 2);
        assert_eq!(&de[spans[0].0..spans[0].1], "„Wir kommen“");
        let en = "“We will win,” she said, ‘maybe’ not.";
        let spans = quote_spans(en, 0, en.len());
        assert_eq!(&en[spans[0].0..spans[0].1], "“We will win,”");
        assert_eq!(&en[spans[1].0..spans[1].1], "‘maybe’");
    }

    #[test]
    fn doubled_apostrophes_quote() {
        let en = "''It is late,'' he said.";
        let spans = quote_spans(en, 0, en.len());
        assert_eq!(spans.len(), 1);
        assert_eq!(&en[spans[0].0..spans[0].1], "''It is late,''");
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let en = "Trump’s claim isn't new.";
        assert!(quote_spans(en, 0, en.len()).is_empty());
    }
}
