//! Turns what people type into a search box into an FTS5 query.
//!
//! Plain words are plain words: `CDU-Chef`, `5.1`, `Trump's`, `U.S.` and `#metoo` are split
//! into words the way the index splits them and searched as a phrase, never read as FTS5
//! syntax. `OR`, `AND`, `NOT`, `"phrases"`, `word*` and balanced parentheses keep their
//! meaning. Each plain word also finds its German transliteration (`Gruene` → Grüne,
//! `Aussenminister` → Außenminister; the index already folds ü to u) and its inflections: the
//! word and its Snowball stems (German and English) with common endings, kept only when the
//! index holds them, so `Steuer` finds `Steuern` and `bridges` finds `bridge` at the cost of a
//! few index look-ups (a stem prefix instead made a frequent word twice as slow).

use rust_stemmers::{Algorithm, Stemmer};

/// One piece of a typed query.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// A single word; `prefix` when it was typed with a trailing `*`.
    Word {
        word: String,
        prefix: bool,
    },
    /// Words that must follow each other.
    Phrase(Vec<String>),
    Op(&'static str),
    Open,
    Close,
}

/// Builds the FTS5 query for what a person typed. Returns `None` when it holds no word.
/// `indexed` tells whether the index holds a word (folded as the index folds it); inflected
/// forms are added only when it does, which keeps the query as cheap as the typed words.
pub fn fts_query(typed: &str, indexed: &mut dyn FnMut(&str) -> bool) -> Option<String> {
    let pieces = balance(tidy(lex(typed)));
    if !pieces
        .iter()
        .any(|p| matches!(p, Piece::Word { .. } | Piece::Phrase(_)))
    {
        return None;
    }
    let stemmers = [
        Stemmer::create(Algorithm::German),
        Stemmer::create(Algorithm::English),
    ];
    let mut out = String::new();
    let mut after_operand = false;
    for piece in &pieces {
        let operand = matches!(piece, Piece::Word { .. } | Piece::Phrase(_) | Piece::Open);
        if !out.is_empty() && !out.ends_with('(') && !matches!(piece, Piece::Close) {
            out.push(' ');
        }
        // Two operands side by side are an AND; FTS5 accepts that only between phrases, so say it.
        if operand && after_operand {
            out.push_str("AND ");
        }
        match piece {
            Piece::Word { word, prefix } => {
                out.push_str(&expand(word, *prefix, &stemmers, indexed))
            }
            Piece::Phrase(words) => out.push_str(&quote(&words.join(" "))),
            Piece::Op(op) => out.push_str(op),
            Piece::Open => out.push('('),
            Piece::Close => out.push(')'),
        }
        after_operand = matches!(piece, Piece::Word { .. } | Piece::Phrase(_) | Piece::Close);
    }
    Some(out)
}

/// Splits the way FTS5's unicode61 tokenizer does: letters and digits make words, everything
/// else separates them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn lex(typed: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = typed.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            chars.next();
            pieces.push(if c == '(' { Piece::Open } else { Piece::Close });
        } else if c == '"' {
            chars.next();
            let mut phrase = String::new();
            for (_, c) in chars.by_ref() {
                if c == '"' {
                    break;
                }
                phrase.push(c);
            }
            pieces.extend(operand(words(&phrase), false));
        } else {
            let mut end = typed.len();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                    end = i;
                    break;
                }
                chars.next();
            }
            let chunk = &typed[start..end];
            match chunk {
                "OR" => pieces.push(Piece::Op("OR")),
                "AND" => pieces.push(Piece::Op("AND")),
                "NOT" => pieces.push(Piece::Op("NOT")),
                _ => pieces.extend(operand(words(chunk), chunk.ends_with('*'))),
            }
        }
    }
    pieces
}

fn operand(mut words: Vec<String>, prefix: bool) -> Option<Piece> {
    match words.len() {
        0 => None,
        1 => words.pop().map(|word| Piece::Word { word, prefix }),
        _ => Some(Piece::Phrase(words)),
    }
}

/// Drops operators that have nothing on one side (`OR foo`, `foo AND`, `a OR OR b`) and
/// empty parentheses, which FTS5 would reject.
fn tidy(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Op(_) => {
                if matches!(
                    out.last(),
                    Some(Piece::Word { .. } | Piece::Phrase(_) | Piece::Close)
                ) {
                    out.push(piece);
                }
            }
            Piece::Close => {
                while matches!(out.last(), Some(Piece::Op(_))) {
                    out.pop();
                }
                if matches!(out.last(), Some(Piece::Open)) {
                    out.pop();
                } else {
                    out.push(piece);
                }
            }
            other => out.push(other),
        }
    }
    while matches!(out.last(), Some(Piece::Op(_) | Piece::Open)) {
        out.pop();
    }
    out
}

/// Keeps parentheses only when they pair up; otherwise they are ignored like punctuation.
fn balance(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut depth = 0i32;
    let mut balanced = true;
    for p in &pieces {
        match p {
            Piece::Open => depth += 1,
            Piece::Close => {
                depth -= 1;
                balanced &= depth >= 0;
            }
            _ => {}
        }
    }
    if balanced && depth == 0 {
        return pieces;
    }
    tidy(
        pieces
            .into_iter()
            .filter(|p| !matches!(p, Piece::Open | Piece::Close))
            .collect(),
    )
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Endings that make the inflected forms of a stem or word, German and English.
const ENDINGS: [&str; 11] = ["", "e", "en", "er", "ern", "es", "n", "s", "d", "ed", "ing"];

/// One word with its spellings and inflections, as an OR group (or a single term). Forms are
/// exact words the index holds (stem + ending), not a prefix: a prefix would read the lists of
/// every word it covers and make a frequent word several times slower.
fn expand(
    word: &str,
    prefix: bool,
    stemmers: &[Stemmer; 2],
    indexed: &mut dyn FnMut(&str) -> bool,
) -> String {
    let mut terms: Vec<String> = Vec::new();
    let mut add = |t: String| {
        if !terms.contains(&t) {
            terms.push(t);
        }
    };
    for (i, spelling) in spellings(word).into_iter().enumerate() {
        if prefix {
            add(format!("{}*", quote(&spelling)));
            continue;
        }
        // The word as typed is always searched; its other spellings only when indexed.
        if i == 0 || indexed(&fold(&spelling)) {
            add(quote(&spelling));
        }
        let mut bases = vec![spelling.clone()];
        for stemmer in stemmers {
            let stem = stemmer.stem(&spelling).into_owned();
            if stem.chars().count() >= 3 && !bases.contains(&stem) {
                bases.push(stem);
            }
        }
        for base in &bases {
            for ending in ENDINGS {
                let form = match (base.strip_suffix('e'), ending) {
                    (Some(cut), "ing" | "ed") => format!("{cut}{ending}"),
                    _ => format!("{base}{ending}"),
                };
                let form = fold(&form);
                if form != fold(&spelling) && indexed(&form) {
                    add(quote(&form));
                }
            }
        }
    }
    if terms.len() == 1 {
        terms.remove(0)
    } else {
        format!("({})", terms.join(" OR "))
    }
}

/// Folds a word as the index does (unicode61, remove_diacritics 2): without diacritics.
pub fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// The word and its German transliterations: ae/oe/ue for ä/ö/ü (which the index stores as
/// a/o/u) and ss for ß.
fn spellings(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let umlauts = fold_umlauts(word);
    if umlauts != word {
        out.push(umlauts);
    }
    let sharp: Vec<String> = out
        .iter()
        .filter(|w| w.contains("ss"))
        .map(|w| w.replace("ss", "ß"))
        .collect();
    out.extend(sharp);
    out
}

/// Reads ae, oe and ue as ä, ö and ü (folded to a, o, u like the index) — except after a
/// vowel or q, where they are a diphthong or "qu" ("Mauer", "Steuer", "Quelle").
fn fold_umlauts(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = i.checked_sub(1).map(|j| chars[j]);
        let umlaut = matches!(c, 'a' | 'o' | 'u')
            && chars.get(i + 1) == Some(&'e')
            && !before.is_some_and(|b| "aeiouyq".contains(b));
        out.push(c);
        i += if umlaut { 2 } else { 1 };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a small index, folded.
    fn index(words: &[&str]) -> impl FnMut(&str) -> bool {
        let words: Vec<String> = words.iter().map(|w| fold(&w.to_lowercase())).collect();
        move |w| words.iter().any(|x| x == w)
    }

    #[test]
    fn what_people_type_is_never_fts_syntax() {
        for (typed, fts) in [
            ("CDU-Chef", "\"cdu chef\""),
            ("5.1", "\"5 1\""),
            ("\"3,5 Prozent\"", "\"3 5 prozent\""),
            ("Trump's", "\"trump s\""),
            ("U.S.", "\"u s\""),
            ("#metoo", "\"metoo\""),
            ("Kaimauer OR Schiff", "\"kaimauer\" OR \"schiff\""),
            ("Hafen NOT Schiff", "\"hafen\" NOT \"schiff\""),
            ("Kai*", "\"kai\"*"),
            (
                "(Hafen OR Kai) Mauer",
                "(\"hafen\" OR \"kai\") AND \"mauer\"",
            ),
            ("OR Hafen AND", "\"hafen\""),
            ("((Hafen", "\"hafen\""),
            ("Hafen ()", "\"hafen\""),
        ] {
            assert_eq!(
                fts_query(typed, &mut index(&[])).as_deref(),
                Some(fts),
                "{typed}"
            );
        }
        assert_eq!(fts_query("  # - ", &mut index(&[])), None);
    }

    #[test]
    fn german_spellings_and_inflections_that_are_indexed() {
        let mut words = index(&[
            "Grünen",
            "Außenminister",
            "Steuern",
            "bridge",
            "voting",
            "Haft",
        ]);
        let mut q = |typed: &str| fts_query(typed, &mut words).unwrap();
        assert_eq!(q("Gruene"), "(\"gruene\" OR \"grunen\")");
        assert_eq!(
            q("Aussenminister"),
            "(\"aussenminister\" OR \"außenminister\")"
        );
        assert_eq!(q("Steuer"), "(\"steuer\" OR \"steuern\")");
        assert_eq!(q("bridges"), "(\"bridges\" OR \"bridge\")");
        assert_eq!(q("votes"), "(\"votes\" OR \"voting\")");
        // No prefix: "Hafen" does not find "Haft".
        assert_eq!(q("Hafen"), "\"hafen\"");
    }
}
