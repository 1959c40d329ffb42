//! The features of a claim, hashed into one weight vector.
//!
//! Two regions: the structure (what the extractor found, and counts of lexicon classes) hashes
//! into the first [`STRUCT_SIZE`] slots, each feature once shared by all languages and once per
//! language (so a language without training data, French, still gets the shared structure);
//! word unigrams and bigrams and character 3- to 5-grams hash into the rest, per language. Each
//! block is scaled to a fixed length, so that a long claim does not win by its length alone. The two regions
//! are regularised separately when training: the n-grams strongly (they memorise topics and
//! debates), the structure lightly (it carries over to new texts).

use crate::claim::{Mode, SpeakerKind, Stance};
use crate::extract::text::{Token, TokenKind, tokenize};
use crate::extract::{Lang, Lexicon};

/// Number of weights: 2^18 (1 MiB of f32).
pub const BITS: u32 = 18;
/// Slots reserved for the structural features.
pub const STRUCT_SIZE: u32 = 1 << 12;

/// What the scorer sees of a claim.
#[derive(Debug, Clone, Copy)]
pub struct ClaimShape<'a> {
    /// The claim's words (the content, without the attribution frame).
    pub text: &'a str,
    pub mode: Mode,
    pub stance: Stance,
    /// The cue's words ("said", "laut", ":"), if any.
    pub cue: Option<&'a str>,
    /// The kinds of the claim's speakers.
    pub speakers: &'a [SpeakerKind],
    /// The claim's tokens when the caller has them already (the extractor does); the text is
    /// tokenised otherwise.
    pub tokens: Option<&'a [Token]>,
}

/// FNV-1a over several byte strings, with a separator between them.
fn hash(parts: &[&[u8]]) -> u64 {
    hash_from(0xcbf2_9ce4_8422_2325, parts)
}

fn hash_from(mut h: u64, parts: &[&[u8]]) -> u64 {
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn struct_slot(h: u64) -> u32 {
    (h % u64::from(STRUCT_SIZE)) as u32
}

/// Maps a hash onto the n-gram slots by multiply-shift (a division per n-gram would cost more
/// than the hash itself).
fn ngram_slot(h: u64) -> u32 {
    let size = (1u64 << BITS) - u64::from(STRUCT_SIZE);
    STRUCT_SIZE + (((h >> 32) * size) >> 32) as u32
}

fn bucket(n: usize, edges: &[usize]) -> &'static [u8] {
    const NAMES: [&[u8]; 6] = [b"0", b"1", b"2", b"3", b"4", b"5"];
    NAMES[edges.iter().filter(|&&e| n >= e).count().min(5)]
}

/// The longest character n-gram.
const MAX_CHARGRAM: usize = 5;

/// Collects the features of a claim as (slot, value) pairs, slots possibly repeated.
pub fn features(shape: &ClaimShape, lex: &Lexicon) -> Vec<(u32, f32)> {
    let mut slots = Vec::with_capacity(64 + shape.text.len() * 3);
    let first_ngram = slots_of(shape, lex, &mut slots);
    let (structure, ngrams) = slots.split_at(first_ngram);
    let mut out = Vec::with_capacity(slots.len());
    for block in [structure, ngrams] {
        let scale = block_scale(block.len());
        out.extend(block.iter().map(|&slot| (slot, scale)));
    }
    out
}

/// The linear score of a claim under `weights`: the same sum, in the same order, as over the
/// pairs of [`features`], without building them. Scoring runs for every sentence of every
/// article; the slots go into a buffer that each thread reuses.
pub fn margin(shape: &ClaimShape, lex: &Lexicon, weights: &[f32]) -> f64 {
    thread_local! {
        static SLOTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SLOTS.with(|cell| {
        let mut slots = cell.borrow_mut();
        slots.clear();
        let first_ngram = slots_of(shape, lex, &mut slots);
        let (structure, ngrams) = slots.split_at(first_ngram);
        let mut z = 0.0;
        for block in [structure, ngrams] {
            let scale = block_scale(block.len());
            for &slot in block {
                z += f64::from(weights[slot as usize] * scale);
            }
        }
        z
    })
}

/// Each block gets length 1/√2, so that the whole vector has length about 1 and one SGD step
/// moves the score by about the same amount for every claim.
fn block_scale(len: usize) -> f32 {
    std::f32::consts::FRAC_1_SQRT_2 / (len.max(1) as f32).sqrt()
}

/// Collects the slots of a claim's features into `out`: the structure first, then the
/// n-grams; returns where the n-grams start.
fn slots_of(shape: &ClaimShape, lex: &Lexicon, out: &mut Vec<u32>) -> usize {
    let lang = lex.code.as_bytes();
    let lang_seed = hash(&[lang]);
    let mut put = |parts: &[&[u8]]| {
        out.push(struct_slot(hash(parts)));
        out.push(struct_slot(hash_from(lang_seed, parts)));
    };
    put(&[b"bias"]);
    put(&[b"mode", shape.mode.as_str().as_bytes()]);
    put(&[b"stance", shape.stance.as_str().as_bytes()]);
    put(&[b"cue", cue_class(shape.cue, lex)]);
    for kind in shape.speakers {
        put(&[b"speaker", kind.as_str().as_bytes()]);
    }
    if shape.speakers.iter().any(|k| *k != SpeakerKind::Anonymous) {
        put(&[b"speaker", b"named"]);
    }
    let owned;
    let tokens = match shape.tokens {
        Some(tokens) => tokens,
        None => {
            owned = tokenize(shape.text, 0, shape.text.len());
            &owned
        }
    };
    structure(shape.text, tokens, lex, &mut put);
    let first_ngram = out.len();
    ngrams(lang, tokens, out);
    first_ngram
}

/// Whether the cue is a colon (a transcript or a quotation after "X:"), a preposition
/// ("laut", "according to") or a verb or noun.
fn cue_class(cue: Option<&str>, lex: &Lexicon) -> &'static [u8] {
    let Some(cue) = cue else { return b"none" };
    let lower = cue.to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let last = lower.split_whitespace().last().unwrap_or("");
    if first == ":" || cue.trim().is_empty() {
        b"colon"
    } else if lex.prep_before.contains_key(first) || lex.prep_after.contains(last) {
        b"prep"
    } else {
        b"verb"
    }
}

/// The lexicon word classes the scorer counts, merged into one map from word to a bit mask so
/// that each token is looked up once: fixed bits for the extractor's own sections, then one bit
/// per `[score_features]` class.
struct Classes {
    of: rustc_hash::FxHashMap<String, u64>,
    names: Vec<String>,
}

const STOP: u64 = 1 << 5;
const FIRST_CLASS: usize = 6;
/// The fixed classes: bit, feature name, count buckets.
const FIXED: &[(u8, &[u8], &[usize])] = &[
    (0, b"time", &[1, 2]),
    (1, b"checkworthy", &[1, 2, 3]),
    (2, b"opinion", &[1, 2]),
    (3, b"first_person", &[1, 2]),
    (4, b"future", &[1]),
];

fn build_classes(lex: &Lexicon) -> Classes {
    let mut of: rustc_hash::FxHashMap<String, u64> = Default::default();
    let sets = [
        &lex.time,
        &lex.checkworthy,
        &lex.opinion,
        &lex.first_person,
        &lex.future,
        &lex.stop,
    ];
    for (bit, set) in sets.iter().enumerate() {
        for w in set.iter() {
            *of.entry(w.clone()).or_default() |= 1 << bit;
        }
    }
    let mut names: Vec<String> = lex.score_classes.values().cloned().collect();
    names.sort();
    names.dedup();
    names.truncate(64 - FIRST_CLASS);
    for (word, class) in &lex.score_classes {
        if let Some(k) = names.iter().position(|n| n == class) {
            *of.entry(word.clone()).or_default() |= 1 << (FIRST_CLASS + k);
        }
    }
    Classes { of, names }
}

/// The classes of a shipped lexicon, built once per language.
fn classes(lex: &Lexicon) -> &'static Classes {
    use std::sync::OnceLock;
    static CELLS: [OnceLock<Classes>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    let k = Lang::ALL
        .iter()
        .position(|l| l.code() == lex.code)
        .unwrap_or(0);
    CELLS[k].get_or_init(|| build_classes(Lexicon::get(Lang::ALL[k])))
}

/// Counts of what makes a statement checkable or not: numbers, years, percentages, money,
/// time words, names, comparisons, opinion words, first person, questions and the word classes
/// of the lexicon's `[score_features]` section (modals, hedges, …).
fn structure(text: &str, tokens: &[Token], lex: &Lexicon, put: &mut impl FnMut(&[&[u8]])) {
    let words = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count();
    put(&[b"length", bucket(words, &[5, 10, 20, 40, 80])]);
    let classes = classes(lex);
    let (mut numbers, mut year, mut names) = (0, false, 0);
    let mut counts = [0usize; 64];
    for (k, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Number {
            numbers += 1;
            let n = t.lower.as_str();
            year |= n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
        }
        let mask = classes.of.get(t.lower.as_str()).copied().unwrap_or(0);
        if k > 0 && t.capitalised && mask & STOP == 0 {
            names += 1;
        }
        let mut rest = mask;
        while rest != 0 {
            counts[rest.trailing_zeros() as usize] += 1;
            rest &= rest - 1;
        }
    }
    put(&[b"numbers", bucket(numbers, &[1, 2, 3, 5])]);
    if year {
        put(&[b"year"]);
    }
    put(&[b"names", bucket(names, &[1, 2, 4])]);
    for (bit, name, edges) in FIXED {
        put(&[name, bucket(counts[*bit as usize], edges)]);
    }
    for (k, name) in classes.names.iter().enumerate() {
        if counts[FIRST_CLASS + k] > 0 {
            put(&[b"class", name.as_bytes()]);
        }
    }
    let superlative = tokens.iter().any(|t| {
        t.kind == TokenKind::Word
            && lex
                .superlative_endings
                .iter()
                .any(|e| t.lower.len() > e.len() + 3 && t.lower.ends_with(e.as_str()))
            && !lex
                .not_superlative_endings
                .iter()
                .any(|e| t.lower.ends_with(e.as_str()))
    });
    if superlative {
        put(&[b"superlative_ending"]);
    }
    // Symbols, not words: the same in every language.
    if text.contains('%') {
        put(&[b"percent_sign"]);
    }
    if text.contains(['$', '€', '£', '¥']) {
        put(&[b"currency_sign"]);
    }
    // A link names a source (a protocol, not a word of any language).
    if text.contains("://") || text.contains("www.") {
        put(&[b"link"]);
    }
    let end = text.trim_end();
    if end.ends_with('?') {
        put(&[b"question"]);
    } else if end.ends_with('!') {
        put(&[b"exclamation"]);
    }
    if tokens.iter().any(|t| t.kind == TokenKind::Quote) {
        put(&[b"quotation_mark"]);
    }
}

/// Word unigrams and bigrams (numbers as one token) and character 3- to 5-grams of each word
/// with its boundaries, all per language.
fn ngrams(lang: &[u8], tokens: &[Token], out: &mut Vec<u32>) {
    const NUMBER: &[u8] = b"#n";
    // FNV is streaming: hashing the prefix once gives the same values as hashing it each time.
    let (unigram, bigram, chargram) = (
        hash(&[b"w", lang]),
        hash(&[b"b", lang]),
        hash(&[b"c", lang]),
    );
    let mut prev: &[u8] = b"^";
    let mut padded: Vec<u8> = Vec::with_capacity(64);
    let mut bounds: Vec<usize> = Vec::with_capacity(64);
    for t in tokens {
        let word: &[u8] = match t.kind {
            TokenKind::Number => NUMBER,
            TokenKind::Word => t.lower.as_bytes(),
            _ => continue,
        };
        out.push(ngram_slot(hash_from(unigram, &[word])));
        out.push(ngram_slot(hash_from(bigram, &[prev, word])));
        prev = word;
        if t.kind != TokenKind::Word {
            continue;
        }
        padded.clear();
        padded.push(b' ');
        padded.extend_from_slice(word);
        padded.push(b' ');
        bounds.clear();
        bounds.extend((0..padded.len()).filter(|&i| (padded[i] & 0xC0) != 0x80));
        bounds.push(padded.len());
        chargrams(chargram, &padded, &bounds, out);
    }
}

/// Pushes the slots of the character 3- to 5-grams of one padded word (`bounds`: where each
/// character starts, and its end): all 3-grams, then all 4-grams, then all 5-grams, as
/// `hash_from(seed, &[gram])` gives them. The n-grams starting at one character share their
/// prefix, so each start is hashed once up to its longest gram.
fn chargrams(seed: u64, padded: &[u8], bounds: &[usize], out: &mut Vec<u32>) {
    const SHORTEST: usize = 3;
    let chars = bounds.len() - 1;
    if chars < SHORTEST {
        return;
    }
    // Where the grams of each length start in `out`.
    let mut at = [0usize; MAX_CHARGRAM + 1];
    let mut next = out.len();
    for (n, first) in at.iter_mut().enumerate().skip(SHORTEST) {
        *first = next;
        next += (chars + 1).saturating_sub(n);
    }
    out.resize(next, 0);
    let step = |h: u64, bytes: &[u8]| {
        bytes
            .iter()
            .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    };
    for i in 0..=chars - SHORTEST {
        let mut h = step(seed, &padded[bounds[i]..bounds[i + SHORTEST - 1]]);
        for n in SHORTEST..=MAX_CHARGRAM {
            if i + n > chars {
                break;
            }
            h = step(h, &padded[bounds[i + n - 1]..bounds[i + n]]);
            // The separator that `hash_from` adds after each part.
            let gram = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
            out[at[n] + i] = ngram_slot(gram);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chargrams_hash_as_each_gram_hashed_alone() {
        for word in [
            "",
            "a",
            "ab",
            "abc",
            "Kriegsverbrechen",
            "grün-weiß",
            "l’état",
        ] {
            let mut padded = vec![b' '];
            padded.extend_from_slice(word.as_bytes());
            padded.push(b' ');
            let mut bounds: Vec<usize> = (0..padded.len())
                .filter(|&i| (padded[i] & 0xC0) != 0x80)
                .collect();
            bounds.push(padded.len());
            let chars = bounds.len() - 1;
            let mut want = Vec::new();
            for n in 3..=MAX_CHARGRAM {
                for i in 0..(chars + 1).saturating_sub(n) {
                    want.push(ngram_slot(hash_from(
                        7,
                        &[&padded[bounds[i]..bounds[i + n]]],
                    )));
                }
            }
            let mut got = vec![1];
            chargrams(7, &padded, &bounds, &mut got);
            assert_eq!(got[1..], want[..], "{word}");
        }
    }
}
