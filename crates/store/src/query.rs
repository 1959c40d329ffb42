//! Turns what people type into a search box into an FTS5 query, and claims into the stems the
//! search index holds.
//!
//! Plain words are plain words: `CDU-Chef`, `5.1`, `Trump's`, `U.S.` and `#metoo` are split
//! into words the way the index splits them and searched as a phrase, never read as FTS5
//! syntax. `OR`, `AND`, `NOT`, `"phrases"`, `word*` and balanced parentheses keep their
//! meaning. Each plain word also finds its German transliteration (`Gruene` → Grüne,
//! `Aussenminister` → Außenminister; the index already folds ü to u) and every word with the
//! same stem: the index's `stems` column holds each claim's words stemmed in the claim's own
//! language (Snowball, after the inflection tables of `inflections/*.txt` have brought strong
//! forms to their base form), and a typed word is looked up there by its stem in each
//! language. So `Steuer` finds `Steuern`, `liefert` finds `liefern` and `bridges` finds
//! `bridge`, while `car` does not find "caring" nor `plan` an English "plane": a stem, not a
//! prefix or a guessed ending.

use crate::lang::{Lang, Lexicon, detect_language};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One language's inflection table (`inflections/<code>.txt`) and its Snowball stemmer.
struct Inflections {
    code: &'static str,
    stemmer: Stemmer,
    /// Every listed form (lower case) to its base form.
    base: HashMap<String, String>,
}

/// The tables, one per language with a lexicon.
const TABLES: [(&str, &str); 3] = [
    ("de", include_str!("inflections/de.txt")),
    ("en", include_str!("inflections/en.txt")),
    ("fr", include_str!("inflections/fr.txt")),
];

static INFLECTIONS: LazyLock<Vec<Inflections>> = LazyLock::new(|| {
    TABLES
        .iter()
        .map(|(code, text)| parse_inflections(code, text))
        .collect()
});

/// Reads an inflection table: `stemmer: NAME`, then lines `base: form form …`. The files are
/// part of the binary: a malformed one is a bug the tests catch, so it panics.
fn parse_inflections(code: &'static str, text: &str) -> Inflections {
    let mut stemmer = None;
    let mut base = HashMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (head, rest) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("inflections/{code}.txt: no colon in {line:?}"));
        if head.trim() == "stemmer" {
            stemmer = Some(match rest.trim() {
                "german" => Algorithm::German,
                "english" => Algorithm::English,
                "french" => Algorithm::French,
                other => panic!("inflections/{code}.txt: unknown stemmer {other:?}"),
            });
            continue;
        }
        let head = head.trim().to_lowercase();
        for form in rest.split_whitespace() {
            base.insert(form.to_lowercase(), head.clone());
        }
    }
    let algorithm = stemmer.unwrap_or_else(|| panic!("inflections/{code}.txt: no 'stemmer:' line"));
    Inflections {
        code,
        stemmer: Stemmer::create(algorithm),
        base,
    }
}

impl Inflections {
    /// The stem of a lower-case word, folded as the index folds it.
    fn stem(&self, word: &str) -> String {
        let base = self.base.get(word).map_or(word, String::as_str);
        fold(&self.stemmer.stem(base))
    }

    /// [`Inflections::stem`], remembered per thread: an ingest stems every claim it stores,
    /// and most of their words were met before.
    fn stem_cached(&self, word: &str) -> String {
        const KEPT: usize = 100_000;
        thread_local! {
            static STEMS: std::cell::RefCell<HashMap<(&'static str, String), String>> =
                std::cell::RefCell::new(HashMap::new());
        }
        STEMS.with_borrow_mut(|stems| {
            if let Some(stem) = stems.get(&(self.code, word.to_string())) {
                return stem.clone();
            }
            if stems.len() >= KEPT {
                stems.clear();
            }
            let stem = self.stem(word);
            stems.insert((self.code, word.to_string()), stem.clone());
            stem
        })
    }
}

/// The stems of a claim's words for the index's `stems` column: each word stemmed in the
/// language the text is written in, once each, in order. Numbers are left to the text columns.
pub fn stems_of_text(text: &str) -> String {
    let words = words(text);
    let lang = language_of(text, &words);
    let Some(table) = INFLECTIONS.iter().find(|t| t.code == lang.code()) else {
        return String::new();
    };
    let mut out: Vec<String> = Vec::new();
    for word in words {
        if !word.chars().any(char::is_alphabetic) {
            continue;
        }
        let stem = table.stem_cached(&word);
        if !out.contains(&stem) {
            out.push(stem);
        }
    }
    out.join(" ")
}

/// The language of a claim: the one most of its function words (the lexicons' `[language]`
/// words) belong to, else the extractor's detection (which costs ten times more, and a search
/// index stems every claim it stores).
fn language_of(text: &str, words: &[String]) -> Lang {
    let mut counts = [0usize; Lang::ALL.len()];
    for word in words {
        for (k, lang) in Lang::ALL.iter().enumerate() {
            if Lexicon::get(*lang).detect.contains(word.as_str()) {
                counts[k] += 1;
            }
        }
    }
    let best = (0..counts.len()).max_by_key(|&k| (counts[k], usize::MAX - k));
    match best {
        Some(k)
            if counts
                .iter()
                .enumerate()
                .all(|(j, &n)| j == k || n < counts[k]) =>
        {
            Lang::ALL[k]
        }
        _ => detect_language(text),
    }
}

/// The stems a typed word may have: one per language (its language is not known), once each.
fn stems_of_word(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for table in INFLECTIONS.iter() {
        let stem = table.stem(word);
        if !stem.is_empty() && !out.contains(&stem) {
            out.push(stem);
        }
    }
    out
}

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
            Piece::Word { word, prefix } => out.push_str(&expand(word, *prefix, indexed)),
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

/// One word with its spellings and stems, as an OR group: the word (and a transliteration
/// the index holds) in any column, its stems in the `stems` column. A stem is one exact term,
/// never a prefix, so a frequent word costs one more look-up, not the lists of every word it
/// begins.
fn expand(word: &str, prefix: bool, indexed: &mut dyn FnMut(&str) -> bool) -> String {
    let mut terms: Vec<String> = Vec::new();
    let mut stems: Vec<String> = Vec::new();
    for (i, spelling) in spellings(word).into_iter().enumerate() {
        if prefix {
            push_new(&mut terms, format!("{}*", quote(&spelling)));
            continue;
        }
        // The word as typed is always searched; its other spellings only when indexed. The
        // stems of every spelling are (`Gruene` is stemmed as `grüne`).
        if i == 0 || indexed(&fold(&spelling)) {
            push_new(&mut terms, quote(&spelling));
        }
        for stem in stems_of_word(&spelling) {
            push_new(&mut stems, quote(&stem));
        }
    }
    // A term without a column finds the stems column too: a stem spelled like the word adds
    // nothing.
    stems.retain(|stem| !terms.iter().any(|t| fold(t) == *stem));
    if !stems.is_empty() {
        let group = if stems.len() == 1 {
            stems.remove(0)
        } else {
            format!("({})", stems.join(" OR "))
        };
        terms.push(format!("stems : {group}"));
    }
    if terms.len() == 1 {
        terms.remove(0)
    } else {
        format!("({})", terms.join(" OR "))
    }
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
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

    const HAFEN: &str = "(\"hafen\" OR stems : \"haf\")";

    #[test]
    fn what_people_type_is_never_fts_syntax() {
        for (typed, fts) in [
            ("CDU-Chef", "\"cdu chef\""),
            ("5.1", "\"5 1\""),
            ("\"3,5 Prozent\"", "\"3 5 prozent\""),
            ("Trump's", "\"trump s\""),
            ("U.S.", "\"u s\""),
            ("#metoo", "\"metoo\""),
            (
                "Kaimauer OR Schiff",
                "(\"kaimauer\" OR stems : \"kaimau\") OR \"schiff\"",
            ),
            (
                "Hafen NOT Schiff",
                "(\"hafen\" OR stems : \"haf\") NOT \"schiff\"",
            ),
            ("Kai*", "\"kai\"*"),
            (
                "(Hafen OR Kai) Mauer",
                "((\"hafen\" OR stems : \"haf\") OR \"kai\") AND (\"mauer\" OR stems : \"mau\")",
            ),
            ("OR Hafen AND", HAFEN),
            ("((Hafen", HAFEN),
            ("Hafen ()", HAFEN),
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
    fn words_come_with_their_stems_in_each_language() {
        let mut words = index(&["Grünen", "Außenminister"]);
        let mut q = |typed: &str| fts_query(typed, &mut words).unwrap();
        assert_eq!(
            q("Gruene"),
            "(\"gruene\" OR stems : (\"gruen\" OR \"grun\" OR \"grune\"))"
        );
        assert_eq!(
            q("Aussenminister"),
            "(\"aussenminister\" OR \"außenminister\" OR stems : (\"aussenminist\" OR \"außenminist\"))"
        );
        assert_eq!(q("plan"), "\"plan\"");
        // A strong form finds its base form through the inflection table.
        assert!(q("liefert").contains("\"lief\""), "{}", q("liefert"));
    }

    #[test]
    fn a_claim_is_stemmed_in_its_own_language() {
        assert_eq!(
            stems_of_text("The plane was caring for the ward and the cars"),
            "the plane was care for ward and car"
        );
        assert_eq!(
            stems_of_text("Der Konzern liefert die Pläne, sagte der Minister"),
            "der konz lief die plan sag minist"
        );
    }

    #[test]
    fn the_inflection_tables_parse() {
        for table in INFLECTIONS.iter() {
            assert!(!table.base.is_empty(), "{}", table.code);
        }
    }
}
