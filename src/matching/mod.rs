//! "Already checked?": how close a text is to claims in the ledger. Pure functions, no I/O: the
//! store finds candidates with BM25 over its full-text index (`match_fts`), this module
//! re-ranks them and decides whether a candidate is the *same* claim.
//!
//! The method, tuned on the CheckThat! 2020 and 2021 training splits (see the README, "Already
//! checked?"):
//! - normalise: the "— Name (@handle) date" tail of a tweet keeps the name, URLs go, @handles
//!   and #hashtags become words ("realDonaldTrump" → "real Donald Trump"), quotation marks are
//!   unified, case and diacritics are folded;
//! - score = 0.3 × BM25 (relative to the best candidate) + 0.7 × cosine of character 4-grams of
//!   the content words (weighted by their inverse frequency among the candidates) + a small
//!   prior for speakers the ledger holds many claims of (a politician repeats himself);
//! - *same* needs a high character similarity, a clear lead over the runner-up, and no
//!   difference in numbers, dates, negation or stance polarity ([`conflict`]).

mod text;

pub use text::{content_words, normalise};

use crate::claim::Stance;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// Weight of BM25 against character similarity in the ranking score.
const BM25_WEIGHT: f64 = 0.3;
/// Weight of the speaker prior (0–1: log of the speaker's claims over log of all claims).
const SPEAKER_WEIGHT: f64 = 0.15;
/// Character similarity from which a match is the same claim (merged at ingest, `same` in
/// `match`), when nothing conflicts.
pub const SAME_SIMILARITY: f64 = 0.6;
/// How far the best candidate must lead the next one for `same`: with two near-identical
/// claims in the ledger, which one is meant is not clear. Identical wording always counts.
const SAME_LEAD: f64 = 0.1;
const IDENTICAL: f64 = 0.98;
/// Character similarity from which a match is suggested at ingest.
pub const SUGGEST_SIMILARITY: f64 = 0.4;
/// How many BM25 candidates are re-ranked.
pub const CANDIDATES: usize = 100;
/// How many candidates ingest re-ranks for each new claim (only the best one decides).
pub const INGEST_CANDIDATES: usize = 30;

/// A claim the full-text index found for a query.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    /// FTS5 bm25, sign flipped: higher is better.
    pub bm25: f64,
    pub text: String,
    /// The source's headline for typed or imported fact-checks ("" otherwise).
    pub title: String,
    pub stance: Stance,
    /// How many claims the ledger holds of this claim's best-known speaker.
    pub speaker_claims: i64,
}

/// A candidate with its score, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub id: i64,
    /// The ranking score (BM25 share + character similarity + speaker prior).
    pub score: f64,
    /// Cosine of character 4-grams, 0–1: how alike the wordings are.
    pub similarity: f64,
    /// The same claim, as ingest would merge it without asking.
    pub same: bool,
    /// Why the two cannot be the same claim although they read alike (checked for the best
    /// candidate only).
    pub conflict: Option<&'static str>,
}

/// Ranks candidates for a query text (not normalised yet). `total_claims` scales the speaker
/// prior; `query_stance` is known at ingest (None for free text).
pub fn rank(
    query: &str,
    query_stance: Option<Stance>,
    candidates: &[Candidate],
    total_claims: i64,
) -> Vec<Scored> {
    if candidates.is_empty() {
        return Vec::new();
    }
    let q = normalise(query);
    let docs: Vec<(Grams, Grams)> = candidates
        .iter()
        .map(|c| {
            let text = normalise(&c.text);
            let with_title = format!("{text} {}", normalise(&c.title));
            (grams(&text), grams(&with_title))
        })
        .collect();
    let idf = local_idf(docs.iter().map(|d| &d.1), docs.len());
    let qg = grams(&q);
    let best_bm25 = candidates
        .iter()
        .map(|c| c.bm25)
        .fold(f64::MIN, f64::max)
        .max(f64::MIN_POSITIVE);
    let scale = ((1 + total_claims.max(1)) as f64).ln();
    let mut scored: Vec<Scored> = candidates
        .iter()
        .zip(&docs)
        .map(|(c, (text, with_title))| {
            let similarity = cosine(&qg, text, &idf).max(cosine(&qg, with_title, &idf));
            let prior = ((1 + c.speaker_claims.max(0)) as f64).ln() / scale;
            Scored {
                id: c.id,
                score: BM25_WEIGHT * c.bm25 / best_bm25
                    + (1.0 - BM25_WEIGHT) * similarity
                    + SPEAKER_WEIGHT * prior,
                similarity,
                same: false,
                conflict: None,
            }
        })
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    let runner_up = scored
        .iter()
        .skip(1)
        .map(|s| s.similarity)
        .fold(0.0, f64::max);
    if let Some(top) = scored.first_mut() {
        // Only the best candidate can be the same claim, so only it is checked for conflicts.
        if let Some(c) = candidates.iter().find(|c| c.id == top.id) {
            top.conflict = conflict(query, query_stance, &c.text, Some(c.stance));
        }
        top.same = top.conflict.is_none()
            && top.similarity >= SAME_SIMILARITY
            && (top.similarity - runner_up >= SAME_LEAD || top.similarity >= IDENTICAL);
    }
    scored
}

/// Character 4-grams of the content words, with counts.
type Grams = HashMap<[char; 4], f64>;

fn grams(normalised: &str) -> Grams {
    let words = content_words(normalised);
    let chars: Vec<char> = std::iter::once(' ')
        .chain(words.join(" ").chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut out = Grams::default();
    for w in chars.windows(4) {
        *out.entry([w[0], w[1], w[2], w[3]]).or_default() += 1.0;
    }
    out
}

/// Inverse document frequency of each 4-gram among the candidates: a gram that every candidate
/// shares (the query's topic word) says little about which one is meant.
fn local_idf<'a>(docs: impl Iterator<Item = &'a Grams>, n: usize) -> HashMap<[char; 4], f64> {
    let mut df: HashMap<[char; 4], f64> = HashMap::default();
    for d in docs {
        for g in d.keys() {
            *df.entry(*g).or_default() += 1.0;
        }
    }
    let n = n as f64 + 1.0;
    df.into_iter()
        .map(|(g, c)| (g, (n / (1.0 + c)).ln() + 1.0))
        .collect()
}

fn cosine(a: &Grams, b: &Grams, idf: &HashMap<[char; 4], f64>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let w = |g: &[char; 4]| idf.get(g).copied().unwrap_or(1.0);
    let dot: f64 = a
        .iter()
        .filter_map(|(g, x)| b.get(g).map(|y| x * y * w(g) * w(g)))
        .sum();
    let norm = |v: &Grams| {
        v.iter()
            .map(|(g, x)| (x * w(g)).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    dot / (norm(a) * norm(b))
}

/// Why two claims that read alike are not the same claim: they differ in a number, a date
/// (month), a negation, or the stance polarity (a denial against an assertion). `None` when
/// nothing conflicts.
pub fn conflict(
    a: &str,
    a_stance: Option<Stance>,
    b: &str,
    b_stance: Option<Stance>,
) -> Option<&'static str> {
    let (na, nb) = (normalise(a), normalise(b));
    if let (Some(x), Some(y)) = (a_stance, b_stance)
        && (x == Stance::Deny) != (y == Stance::Deny)
    {
        return Some("stance");
    }
    if numbers(&na) != numbers(&nb) {
        return Some("number");
    }
    if months(&na) != months(&nb) {
        return Some("date");
    }
    if negated(&na) != negated(&nb) {
        return Some("negation");
    }
    None
}

/// The numbers in a normalised text, with thousands separators removed ("1,500" = "1500").
fn numbers(normalised: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut current = String::new();
    let chars: Vec<char> = normalised.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inside = c.is_ascii_digit()
            || ((c == ',' || c == '.')
                && !current.is_empty()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()));
        if inside {
            current.push(c);
        } else if !current.is_empty() {
            out.insert(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.insert(current);
    }
    out.into_iter()
        .map(|n| {
            // "1,500" and "1.500" are both fifteen hundred; "1,5" and "1.5" are one and a half.
            let groups: Vec<&str> = n.split([',', '.']).collect();
            if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
                groups.concat()
            } else {
                n.replace(',', ".")
            }
        })
        .collect()
}

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("januar", 1),
    ("jan", 1),
    ("february", 2),
    ("februar", 2),
    ("feb", 2),
    ("march", 3),
    ("marz", 3),
    ("april", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juni", 6),
    ("july", 7),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("dezember", 12),
];

fn months(normalised: &str) -> BTreeSet<u8> {
    text::words(normalised)
        .filter_map(|w| MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n))
        .collect()
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "nicht", "kein",
    "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand",
    "weder",
];

/// True when the text negates an odd number of times ("did not", "kein", "isn't").
fn negated(normalised: &str) -> bool {
    let n = text::words(normalised)
        .filter(|w| NEGATIONS.contains(w))
        .count()
        + normalised.matches("n't").count();
    n % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64, text: &str) -> Candidate {
        Candidate {
            id,
            bm25: 1.0,
            text: text.into(),
            title: String::new(),
            stance: Stance::Assert,
            speaker_claims: 0,
        }
    }

    #[test]
    fn identical_wording_is_the_same_claim() {
        let ranked = rank(
            "The new wall will cost 48 million euros",
            None,
            &[
                candidate(1, "Ferries run every hour"),
                candidate(2, "The new wall will cost 48 million euros."),
            ],
            10,
        );
        assert_eq!(ranked[0].id, 2);
        assert!(ranked[0].same, "{ranked:?}");
        assert!(!ranked[1].same);
    }

    #[test]
    fn conflicts_keep_claims_apart() {
        let base = "The wall will cost 48 million euros";
        assert_eq!(conflict(base, None, base, None), None);
        assert_eq!(
            conflict(base, None, "The wall will cost 52 million euros", None),
            Some("number")
        );
        assert_eq!(
            conflict(
                "The wall opens in March 2025",
                None,
                "The wall opens in May 2025",
                None
            ),
            Some("date")
        );
        assert_eq!(
            conflict(base, None, "The wall will not cost 48 million euros", None),
            Some("negation")
        );
        assert_eq!(
            conflict(base, None, "The wall won't cost 48 million euros", None),
            Some("negation")
        );
        assert_eq!(
            conflict(base, Some(Stance::Assert), base, Some(Stance::Deny)),
            Some("stance")
        );
        assert_eq!(
            conflict(
                "Exports grew 1,500 tonnes",
                None,
                "Exports grew 1500 tonnes",
                None
            ),
            None
        );
    }

    #[test]
    fn numbers_are_read_with_separators() {
        let n = numbers(&normalise("From 1.500 to 2,5 and 3 — 10,000"));
        let want: BTreeSet<String> = ["1500", "2.5", "3", "10000"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(n, want);
    }
}
