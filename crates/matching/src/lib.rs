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
//! - *same* needs a high character similarity, a clear lead over the runner-up, the same stance
//!   polarity, and the same proposition ([`judge`]: every content word of each claim has a
//!   counterpart in the other, numbers with scale and unit are equal, roles agree); anything
//!   else close is *related*, with the difference in words.

mod same;
pub mod vectors;

use claimledger_core::claim;
pub use claimledger_lang::match_lexicon as lexicon;
use claimledger_lang::normalise as text;

pub use same::{Judgement, judge};
pub use text::{content_words, normalise};

use crate::claim::Stance;
use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc as Rc;

/// Weight of BM25 against character similarity in the ranking score.
const BM25_WEIGHT: f64 = 0.3;
/// Weight of the ledger's speaker prior (0–1: log of the speaker's claims over log of all
/// claims).
const SPEAKER_WEIGHT: f64 = 0.15;
/// Weight of the file's speaker prior (0–1: log of the lines whose best match is the speaker's
/// over log of the most any speaker has).
const FILE_SPEAKER_WEIGHT: f64 = 0.2;
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
    /// Shared: ingest keeps each candidate it met for the rest of the run.
    pub text: Rc<str>,
    /// The source's headline for typed or imported fact-checks ("" otherwise).
    pub title: Rc<str>,
    pub stance: Stance,
    /// How many claims the ledger holds of this claim's best-known speaker.
    pub speaker_claims: i64,
    /// That speaker's id.
    pub speaker: Option<i64>,
}

/// A candidate with its score, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub id: i64,
    /// The ranking score (BM25 share + character similarity + speaker prior).
    pub score: f64,
    /// The score without the speaker prior.
    pub base: f64,
    /// Cosine of character 4-grams, 0–1: how alike the wordings are.
    pub similarity: f64,
    /// The same claim, as ingest would merge it without asking.
    pub same: bool,
    /// Why the two are not the same claim although they read alike ("differs: rose ↔ fell",
    /// "roles swapped: …"; judged for the best candidate only).
    pub conflict: Option<String>,
    /// The candidate's best-known speaker and that speaker's claims in the ledger.
    pub speaker: Option<i64>,
    pub speaker_claims: i64,
    /// Found by the vector channel alone (no word in common was looked up): a suggestion,
    /// never `same`.
    pub meaning_only: bool,
}

/// What one run of look-ups remembers between them (`match --each-line`): how many claims hold
/// a word, how many claims a speaker has, and the character profile of each claim met. None of
/// it changes while `match` runs, which never writes; the same words and claims come up for
/// many lines of a file.
#[derive(Default)]
pub struct Lookups {
    /// Claims holding a word, counted up to the limit of the look-up that counted it.
    pub word_claims: HashMap<String, i64>,
    /// Claims a speaker has (by speaker id).
    pub speaker_claims: HashMap<i64, i64>,
    /// Claims in the matching index and their average length in tokens.
    pub index_totals: Option<(f64, f64)>,
    profiles: HashMap<u64, Rc<Profile>>,
    /// Each gram met, numbered: profiles hold numbers, so that counting the grams of many
    /// candidates is indexing an array rather than hashing.
    gram_ids: HashMap<u64, u32>,
    /// What the current ranking knows of each gram, by number (valid where `ranking` is the
    /// current ranking's number): how many candidates hold it, and where the query's weight of
    /// it is. Small, as a ranking reads it at random.
    grams: Vec<GramSlot>,
    ranking: u16,
    /// The query's weight of each of its grams, in their order.
    query_weights: Vec<f64>,
}

/// A gram in one ranking (see [`Lookups::grams`]).
#[derive(Clone, Copy, Default)]
struct GramSlot {
    ranking: u16,
    /// Candidates holding the gram, or [`NOT_COUNTED`] for a gram of the query alone.
    df: u16,
    /// 1 + the gram's place in `Lookups::query_weights`; 0 when the query does not hold it.
    query: u32,
}

/// The `df` of a gram no candidate holds: its idf is 1.
const NOT_COUNTED: u16 = u16::MAX;

/// Past this many profiles the cache starts over: a long file over a large ledger would
/// otherwise hold a profile of every claim it met.
const PROFILES_KEPT: usize = 200_000;

impl Lookups {
    /// The character profile of a candidate, computed once per wording.
    fn profile(&mut self, c: &Candidate) -> Rc<Profile> {
        let key = profile_key(&c.text, &c.title);
        if let Some(p) = self.profiles.get(&key) {
            return Rc::clone(p);
        }
        let text = normalise(&c.text);
        let title = normalise(&c.title);
        let with_title = (!title.trim().is_empty()).then(|| grams(&format!("{text} {title}")));
        let p = Rc::new(Profile {
            with_title: with_title.map(|g| self.numbered(g)),
            text: self.numbered(grams(&text)),
        });
        self.profiles.insert(key, Rc::clone(&p));
        p
    }

    /// Keeps the profile of a claim without a headline that is about to be stored (ingest), so
    /// that when it comes up as a candidate its grams are not worked out again.
    pub fn remember(&mut self, claim: &Prepared) {
        let key = profile_key(&claim.text, "");
        if !self.profiles.contains_key(&key) {
            let p = Rc::new(Profile {
                text: self.numbered(claim.grams.clone()),
                with_title: None,
            });
            self.profiles.insert(key, p);
        }
    }

    /// Grams with their numbers (a new number for a gram not met before), still sorted by
    /// gram, so that sums run in the same order whatever was numbered before.
    fn numbered(&mut self, grams: Grams) -> Numbered {
        grams
            .into_iter()
            .map(|(g, n)| {
                let next = self.gram_ids.len() as u32;
                (*self.gram_ids.entry(g).or_insert(next), n)
            })
            .collect()
    }

    /// Starts the profiles over when `more` would take them past [`PROFILES_KEPT`]: a long file
    /// over a large ledger would otherwise hold a profile of every claim it met. Called before
    /// a ranking, never during one, as the gram numbers go with the profiles that hold them.
    fn make_room(&mut self, more: usize) {
        if self.profiles.len() + more > PROFILES_KEPT {
            self.profiles.clear();
            self.gram_ids.clear();
            self.grams.clear();
        }
    }

    /// Starts a ranking: counts the grams of the candidates' profiles for [`LocalIdf`].
    fn count(&mut self, profiles: &[Rc<Profile>]) {
        self.ranking = self.ranking.wrapping_add(1);
        if self.ranking == 0 {
            self.grams.iter_mut().for_each(|g| g.ranking = 0);
            self.ranking = 1;
        }
        self.grams.resize(self.gram_ids.len(), GramSlot::default());
        let ranking = self.ranking;
        for p in profiles {
            for &(id, _) in counted(p) {
                let slot = &mut self.grams[id as usize];
                if slot.ranking != ranking {
                    *slot = GramSlot {
                        ranking,
                        df: 0,
                        query: 0,
                    };
                }
                slot.df += 1;
            }
        }
    }
}

/// The key of a wording's profile.
fn profile_key(text: &str, title: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    (text, title).hash(&mut h);
    h.finish()
}

/// A claim's wording as ranking reads it: its content words (normalised, as the index is
/// looked up by) and its character grams. A function of the text alone, so that ingest works
/// it out beside extraction, on another core, and its one writer only looks up and ranks.
pub struct Prepared {
    /// The text as written.
    pub text: String,
    pub words: Vec<String>,
    grams: Grams,
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let normalised = normalise(text);
        Prepared {
            text: text.to_string(),
            words: content_words(&normalised)
                .into_iter()
                .map(String::from)
                .collect(),
            grams: grams(&normalised),
        }
    }
}

/// A claim's character 4-grams: of its text, and of its text with its headline when it has
/// one (an imported fact-check's headline restates the claim).
struct Profile {
    text: Numbered,
    with_title: Option<Numbered>,
}

/// Which speakers a ranking favours besides the wording.
pub enum Prior<'a> {
    /// None: the wording alone.
    None,
    /// Speakers the ledger holds many claims of (a politician repeats himself); the number is
    /// how many claims the ledger holds.
    Ledger(i64),
    /// Speakers whose claims matched the other lines of the same file best: the lines of one
    /// file are mostly one transcript, and its speakers are the likely ones for every line.
    File(&'a SpeakerVotes),
}

/// How many lines of a file had each speaker's claim as their best match (first pass of
/// `match --each-line`).
#[derive(Debug, Default)]
pub struct SpeakerVotes {
    votes: HashMap<i64, u32>,
    most: u32,
}

impl SpeakerVotes {
    /// Counts the speaker of a line's best match.
    pub fn vote(&mut self, best: &Scored) {
        if let Some(s) = best.speaker {
            let n = self.votes.entry(s).or_default();
            *n += 1;
            self.most = self.most.max(*n);
        }
    }

    /// 0–1: log of the speaker's votes over log of the most any speaker has.
    fn weight(&self, speaker: Option<i64>) -> f64 {
        match speaker.and_then(|s| self.votes.get(&s)) {
            Some(&n) => (1.0 + f64::from(n)).ln() / (1.0 + f64::from(self.most)).ln(),
            None => 0.0,
        }
    }
}

impl Prior<'_> {
    /// The prior's share of the ranking score for a candidate.
    fn boost(&self, speaker: Option<i64>, speaker_claims: i64) -> f64 {
        match self {
            Prior::None => 0.0,
            Prior::Ledger(total) => {
                let scale = ((1 + (*total).max(1)) as f64).ln();
                SPEAKER_WEIGHT * ((1 + speaker_claims.max(0)) as f64).ln() / scale
            }
            Prior::File(votes) => FILE_SPEAKER_WEIGHT * votes.weight(speaker),
        }
    }
}

/// Ranks candidates for a query with the ledger's speaker prior, as ingest does: only a best
/// candidate alike enough to be suggested is judged (see [`decide_same`]). `total_claims`
/// scales the prior; `query_stance` is known at ingest (None for free text); `lookups` keeps
/// the candidates' profiles for the next claim of the run.
pub fn rank(
    prepared: &Prepared,
    query_stance: Option<Stance>,
    candidates: &[Candidate],
    total_claims: i64,
    lookups: &mut Lookups,
) -> Vec<Scored> {
    let query = prepared.text.as_str();
    let mut scored = score_grams(prepared.grams.clone(), candidates, lookups);
    order(&mut scored, &Prior::Ledger(total_claims));
    if let Some(top) = scored.first()
        && top.similarity >= SUGGEST_SIMILARITY
        && let Some(c) = candidates.iter().find(|c| c.id == top.id)
    {
        decide_same(query, query_stance, &mut scored, &c.text, Some(c.stance));
    }
    scored
}

/// Scores candidates by wording alone (BM25 share + character similarity), unordered;
/// [`order`] adds a prior and sorts, [`decide_same`] judges the best one.
pub fn score(query: &str, candidates: &[Candidate], lookups: &mut Lookups) -> Vec<Scored> {
    if candidates.is_empty() {
        return Vec::new();
    }
    score_grams(grams(&normalise(query)), candidates, lookups)
}

/// [`score`] of a query's grams.
fn score_grams(query: Grams, candidates: &[Candidate], lookups: &mut Lookups) -> Vec<Scored> {
    if candidates.is_empty() {
        return Vec::new();
    }
    lookups.make_room(candidates.len() + 1);
    let profiles: Vec<Rc<Profile>> = candidates.iter().map(|c| lookups.profile(c)).collect();
    let qg = lookups.numbered(query);
    lookups.count(&profiles);
    let idf = LocalIdf::new(profiles.len());
    let query_norm = weigh(&qg, &idf, lookups);
    let best_bm25 = candidates
        .iter()
        .map(|c| c.bm25)
        .fold(f64::MIN, f64::max)
        .max(f64::MIN_POSITIVE);
    candidates
        .iter()
        .zip(&profiles)
        .map(|(c, p)| {
            let mut similarity = cosine(qg.len(), query_norm, &p.text, &idf, lookups);
            if let Some(t) = &p.with_title {
                similarity = similarity.max(cosine(qg.len(), query_norm, t, &idf, lookups));
            }
            let base = BM25_WEIGHT * c.bm25 / best_bm25 + (1.0 - BM25_WEIGHT) * similarity;
            Scored {
                id: c.id,
                score: base,
                base,
                similarity,
                same: false,
                conflict: None,
                speaker: c.speaker,
                speaker_claims: c.speaker_claims,
                meaning_only: false,
            }
        })
        .collect()
}

/// Adds the prior to each wording score and sorts best first (ties by id). Clears `same`:
/// call [`decide_same`] for the new best.
pub fn order(scored: &mut [Scored], prior: &Prior) {
    for s in scored.iter_mut() {
        s.score = s.base + prior.boost(s.speaker, s.speaker_claims);
        s.same = false;
        s.conflict = None;
    }
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
}

/// Judges whether the best of an ordered ranking is the same claim as the query: a high
/// character similarity, a clear lead over the runner-up, and the same proposition as its text
/// (`top_text`, see [`judge`]). Only the best candidate can be the same claim.
pub fn decide_same(
    query: &str,
    query_stance: Option<Stance>,
    scored: &mut [Scored],
    top_text: &str,
    top_stance: Option<Stance>,
) {
    let runner_up = scored
        .iter()
        .skip(1)
        .map(|s| s.similarity)
        .fold(0.0, f64::max);
    if let Some(top) = scored.first_mut() {
        top.conflict = conflict(query, query_stance, top_text, top_stance);
        top.same = !top.meaning_only
            && top.conflict.is_none()
            && top.similarity >= SAME_SIMILARITY
            && (top.similarity - runner_up >= SAME_LEAD || top.similarity >= IDENTICAL);
    }
}

/// Character 4-grams of the content words, with counts, sorted by gram (four chars packed in
/// a u64).
type Grams = Vec<(u64, u32)>;

/// The numbers [`Lookups`] gave grams, with the grams' counts, in the order of the grams.
type Numbered = Vec<(u32, u32)>;

/// 16 bits of a char: itself for the Basic Multilingual Plane, folded above it (emoji and rare
/// scripts may then share a gram, which hardly moves a similarity).
fn char_bits(c: char) -> u64 {
    let c = u32::from(c);
    u64::from(if c > 0xFFFF { 0xF000 | (c & 0x0FFF) } else { c })
}

fn grams(normalised: &str) -> Grams {
    let mut out: Vec<u64> = Vec::with_capacity(normalised.len() + 2);
    let mut window = 0u64;
    let mut filled = 0;
    let mut push = |c: char, out: &mut Vec<u64>| {
        window = (window << 16) | char_bits(c);
        filled += 1;
        if filled >= 4 {
            out.push(window);
        }
    };
    push(' ', &mut out);
    for (i, w) in text::words(normalised)
        .filter(|w| !text::is_stopword(w))
        .enumerate()
    {
        if i > 0 {
            push(' ', &mut out);
        }
        for c in w.chars() {
            push(c, &mut out);
        }
    }
    push(' ', &mut out);
    out.sort_unstable();
    let mut counted: Grams = Vec::with_capacity(out.len());
    for g in out {
        match counted.last_mut() {
            Some((last, n)) if *last == g => *n += 1,
            _ => counted.push((g, 1)),
        }
    }
    counted
}

/// Inverse document frequency of each 4-gram among the candidates (with their headlines): a
/// gram that every candidate shares (the query's topic word) says little about which one is
/// meant.
struct LocalIdf {
    /// The idf of a gram held by `k` candidates, at `k`.
    by_df: Vec<f64>,
}

impl LocalIdf {
    /// The idf of the grams [`Lookups::count`] counted among `candidates` profiles.
    fn new(candidates: usize) -> LocalIdf {
        let n = candidates as f64 + 1.0;
        let by_df = (0..=candidates)
            .map(|k| (n / (1.0 + k as f64)).ln() + 1.0)
            .collect();
        LocalIdf { by_df }
    }

    /// The idf of a gram in the current ranking; 1 for one no candidate holds.
    fn of(&self, slot: &GramSlot, ranking: u16) -> f64 {
        if slot.ranking == ranking && slot.df != NOT_COUNTED {
            self.by_df[slot.df as usize]
        } else {
            1.0
        }
    }
}

fn counted(p: &Profile) -> &Numbered {
    p.with_title.as_ref().unwrap_or(&p.text)
}

/// Weighs the query's grams (count × idf) into the current ranking's slots and returns their
/// norm, summed in the order of the grams.
fn weigh(q: &Numbered, idf: &LocalIdf, lookups: &mut Lookups) -> f64 {
    let ranking = lookups.ranking;
    let mut sum = 0.0;
    lookups.query_weights.clear();
    for &(id, x) in q {
        let slot = &mut lookups.grams[id as usize];
        if slot.ranking != ranking {
            *slot = GramSlot {
                ranking,
                df: NOT_COUNTED,
                query: 0,
            };
        }
        let w = f64::from(x) * idf.of(slot, ranking);
        lookups.query_weights.push(w);
        slot.query = lookups.query_weights.len() as u32;
        sum += w * w;
    }
    sum.sqrt()
}

/// Cosine of the weighed query (of norm `query_norm`, empty when 0 grams) and a profile, its
/// grams weighed by their idf. A gram the query lacks adds 0 to the dot product, which leaves
/// the sum as it was: the result is the same as of a merge of the two gram lists.
fn cosine(
    query_grams: usize,
    query_norm: f64,
    b: &Numbered,
    idf: &LocalIdf,
    lookups: &Lookups,
) -> f64 {
    if query_grams == 0 || b.is_empty() {
        return 0.0;
    }
    let ranking = lookups.ranking;
    let (mut dot, mut b_norm) = (0.0, 0.0);
    for &(id, y) in b {
        let slot = &lookups.grams[id as usize];
        let wy = f64::from(y) * idf.of(slot, ranking);
        b_norm += wy * wy;
        if slot.ranking == ranking && slot.query > 0 {
            dot += lookups.query_weights[slot.query as usize - 1] * wy;
        }
    }
    dot / (query_norm * b_norm.sqrt())
}

/// Why two claims that read alike are not the same claim: a denial against an assertion, or a
/// difference [`judge`] names. `None` when they state the same proposition.
pub fn conflict(
    a: &str,
    a_stance: Option<Stance>,
    b: &str,
    b_stance: Option<Stance>,
) -> Option<String> {
    if let (Some(x), Some(y)) = (a_stance, b_stance)
        && (x == Stance::Deny) != (y == Stance::Deny)
    {
        return Some("stance: a denial against an assertion".into());
    }
    judge(a, b).reason
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64, text: &str) -> Candidate {
        Candidate {
            id,
            bm25: 1.0,
            text: text.into(),
            title: "".into(),
            stance: Stance::Assert,
            speaker_claims: 0,
            speaker: None,
        }
    }

    /// The gram counts of one ranking never leak into the next: scores with lookups reused
    /// across rankings equal those with fresh ones.
    #[test]
    fn a_ranking_scores_alike_with_fresh_and_reused_lookups() {
        let first = [
            candidate(1, "Ferries run every hour from the harbour"),
            candidate(2, "The harbour fees rose by 12 percent"),
        ];
        let second = [
            candidate(3, "The new wall will cost 48 million euros"),
            candidate(4, "The harbour wall will cost more than planned"),
            candidate(2, "The harbour fees rose by 12 percent"),
        ];
        let query = "The harbour wall will cost 48 million euros";
        let mut reused = Lookups::default();
        score("Ferries run every hour", &first, &mut reused);
        let again = score(query, &second, &mut reused);
        let fresh = score(query, &second, &mut Lookups::default());
        assert_eq!(again, fresh);
        assert!(fresh.iter().all(|s| s.similarity > 0.0), "{fresh:?}");
    }

    #[test]
    fn identical_wording_is_the_same_claim() {
        let ranked = rank(
            &Prepared::new("The new wall will cost 48 million euros"),
            None,
            &[
                candidate(1, "Ferries run every hour"),
                candidate(2, "The new wall will cost 48 million euros."),
            ],
            10,
            &mut Lookups::default(),
        );
        assert_eq!(ranked[0].id, 2);
        assert!(ranked[0].same, "{ranked:?}");
        assert!(!ranked[1].same);
    }

    #[test]
    fn the_speakers_a_file_matches_best_lift_their_claims() {
        let mut a = candidate(1, "Wages went up by ten percent last year");
        a.speaker = Some(7);
        let mut b = candidate(2, "Wages went up by ten percent last year");
        b.speaker = Some(9);
        let mut scored = score("wages went up", &[a, b], &mut Lookups::default());
        order(&mut scored, &Prior::None);
        assert_eq!(scored[0].id, 1, "equal wording: the lower id first");
        let mut votes = SpeakerVotes::default();
        for s in [Some(9), Some(9), Some(7), None] {
            votes.vote(&Scored {
                speaker: s,
                ..scored[0].clone()
            });
        }
        order(&mut scored, &Prior::File(&votes));
        assert_eq!(scored[0].id, 2, "{scored:?}");
        assert!((scored[0].score - scored[0].base - FILE_SPEAKER_WEIGHT).abs() < 1e-9);
        let lift = (2.0f64).ln() / (3.0f64).ln() * FILE_SPEAKER_WEIGHT;
        assert!((scored[1].score - scored[1].base - lift).abs() < 1e-9);
    }

    #[test]
    fn conflicts_keep_claims_apart() {
        let base = "The wall will cost 48 million euros";
        assert_eq!(conflict(base, None, base, None), None);
        let number = conflict(base, None, "The wall will cost 52 million euros", None);
        assert!(number.unwrap().contains("48 million ↔ 52 million"));
        let month = conflict(
            "The wall opens in March 2025",
            None,
            "The wall opens in May 2025",
            None,
        );
        assert!(month.unwrap().contains("March ↔ May"));
        for negated in [
            "The wall will not cost 48 million euros",
            "The wall won't cost 48 million euros",
        ] {
            assert!(conflict(base, None, negated, None).is_some(), "{negated}");
        }
        assert!(
            conflict(base, Some(Stance::Assert), base, Some(Stance::Deny))
                .unwrap()
                .starts_with("stance")
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
}
