//! The store's part of "already checked?": candidates from the matching index, and the details
//! `match` prints about the claims it found.

use super::Ledger;
use super::StoreError;
use crate::claim::Status;
use claimledger_matching::{Candidate, Lookups};
use rusqlite::{Connection, OptionalExtension, params};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// What `match` prints about a claim besides its score.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MatchDetails {
    pub id: i64,
    pub text: String,
    pub status: Status,
    pub url: Option<String>,
    pub speakers: Vec<String>,
    pub appearances: i64,
    /// The note of the latest review (a verdict's reasons).
    pub verdict_note: Option<String>,
}

impl Ledger {
    /// Finds up to `limit` claims sharing words with the query (BM25 over the matching index),
    /// with what re-ranking needs. A claim merged into another stands for that one. `lookups`
    /// keeps word and speaker counts for the next look-up of the same run.
    pub fn match_candidates(
        &self,
        words: &[&str],
        status: Option<Status>,
        limit: usize,
        lookups: &mut Lookups,
    ) -> Result<Vec<Candidate>, StoreError> {
        let found = Found {
            status,
            limit,
            budget: POSTINGS_BUDGET,
        };
        by_words(&self.conn, words, &found, lookups).map_err(|e| self.err(e))
    }

    /// Maps up to 1 GiB of the ledger file into memory for reading: the threads of `match
    /// --each-line` each have a connection, and mapped pages are shared between them instead
    /// of being read into each one's cache.
    pub fn map_for_matching(&self) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "mmap_size", 1_i64 << 30)
            .map_err(|e| self.err(e))
    }

    /// How many claims the ledger holds (the largest id: cheap, and close enough to scale the
    /// speaker prior).
    pub fn claim_count_estimate(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM claims", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// The details `match` prints about one claim.
    pub fn match_details(&self, id: i64) -> Result<MatchDetails, StoreError> {
        // A cached statement: `match --each-line` asks this five times a line.
        let sql = format!("{} WHERE c.id = ?1", super::RECORD_SELECT);
        let r = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.query_row([id], super::record_from_row).optional())
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::UnknownClaim(id))?;
        Ok(MatchDetails {
            id: r.id,
            text: r.text,
            status: r.status,
            // Where the verdict was published, else where the claim was read.
            url: r.review_url.or(r.url),
            speakers: r.speakers,
            appearances: r.appearances,
            verdict_note: r.last_review_note,
        })
    }
}

/// What one ingest remembers between the claims it matches, so that a claim costs about the
/// same however many came before it in the run:
/// - for each word, the claims the matching index held of it when the run began, read once
///   (at most [`INGEST_COMMON`] + 1 of them: a word only gets more common as claims are added,
///   and its first claims stay its first);
/// - the words of each claim the run stored, in an index of its own, so that the matching
///   index (FTS5) is written once a batch instead of once an article;
/// - what a candidate is (text, headline, stance, speakers), its character profile, and the
///   claim counts of candidates' speakers (a prior: close enough when a little stale).
///
/// All of it holds only while no other connection writes: [`IngestLookups::sync`] starts over
/// when the ledger's `data_version` says another one committed.
#[derive(Default)]
pub(super) struct IngestLookups {
    /// `PRAGMA data_version` when the lookups were last known to be true.
    data_version: Option<i64>,
    /// Claims up to this id are read from the matching index; those above from `run_words`.
    indexed_up_to: i64,
    /// Each word's claims in the matching index (up to `indexed_up_to`), first ones first.
    indexed: HashMap<String, Rc<Vec<i64>>>,
    /// The claims of this run by the key of each of their words ([`IngestLookups::key`]), in
    /// id order.
    run_words: HashMap<Rc<str>, Rc<Vec<i64>>>,
    /// The candidates met, by id.
    claims: HashMap<i64, Option<CachedClaim>>,
    /// Claims of the article being stored start at this id: an article does not repeat itself.
    article_from: i64,
    /// The largest claim id in the ledger.
    last_id: i64,
    lookups: Lookups,
    stemmer: Option<rust_stemmers::Stemmer>,
    /// Each word's key, once stemmed: a claim's words are keyed when it is looked up and again
    /// when it is stored, and most words come up in many claims.
    keys: HashMap<String, Rc<str>>,
}

/// The claims holding a word, first ones first: those of the matching index, then the run's,
/// `len` of them in all.
struct Postings {
    indexed: Rc<Vec<i64>>,
    run: Option<Rc<Vec<i64>>>,
    len: usize,
}

impl Postings {
    fn iter(&self) -> impl Iterator<Item = &i64> {
        self.indexed
            .iter()
            .chain(self.run.iter().flat_map(|r| r.iter()))
            .take(self.len)
    }
}

/// What ranking needs of a candidate claim; the same for the whole run (ingest merges into a
/// claim, never changes it).
#[derive(Clone)]
struct CachedClaim {
    id: i64,
    text: std::sync::Arc<str>,
    title: std::sync::Arc<str>,
    stance: crate::claim::Stance,
    speakers: Option<std::sync::Arc<str>>,
}

impl IngestLookups {
    /// Starts over when another connection has committed since the lookups were made; call at
    /// the start of each article, inside its write transaction.
    pub(super) fn sync(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let last: i64 = conn
            .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM claims")?
            .query_row([], |r| r.get(0))?;
        if self.data_version != Some(version) {
            let stemmer = self.stemmer.take();
            // A word's key depends on the word only.
            let keys = std::mem::take(&mut self.keys);
            *self = IngestLookups {
                data_version: Some(version),
                indexed_up_to: last,
                stemmer,
                keys,
                ..IngestLookups::default()
            };
        }
        self.last_id = last;
        self.article_from = last + 1;
        Ok(())
    }

    /// Records a claim the run stored, with the words it is found by (its text's, and its
    /// headline's when it has no sentence).
    pub(super) fn stored(&mut self, id: i64, words: &[&str]) {
        self.last_id = self.last_id.max(id);
        let mut keys: Vec<Rc<str>> = distinct(words).iter().map(|w| self.key(w)).collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            let rows = self.run_words.entry(k).or_default();
            // Past the look-up's limit more claims change nothing (only the first are read).
            if rows.len() <= INGEST_COMMON {
                // Not shared any more: the look-ups that read it are done.
                Rc::make_mut(rows).push(id);
            }
        }
    }

    /// The key a word is indexed by in the run: its English stem, as the matching index folds
    /// words with the Porter stemmer.
    fn key(&mut self, word: &str) -> Rc<str> {
        /// Past this many words the keys start over (a long run meets ever rarer words).
        const KEYS_KEPT: usize = 200_000;
        if let Some(k) = self.keys.get(word) {
            return k.clone();
        }
        let key = self
            .stemmer
            .get_or_insert_with(|| {
                rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
            })
            .stem(word)
            .into();
        if self.keys.len() >= KEYS_KEPT {
            self.keys.clear();
        }
        self.keys.insert(word.to_string(), Rc::clone(&key));
        key
    }

    /// The claims holding `word`, first ones first, at most [`INGEST_COMMON`] + 1: those of the
    /// matching index and then the run's.
    fn claims_of(
        &mut self,
        stmt: &mut rusqlite::CachedStatement,
        word: &str,
    ) -> rusqlite::Result<Postings> {
        let indexed = match self.indexed.get(word) {
            Some(rows) => Rc::clone(rows),
            // A ledger empty when the run began: nothing to read.
            None if self.indexed_up_to == 0 => Rc::default(),
            None => {
                let rows = Rc::new(indexed_claims_of(stmt, word, self.indexed_up_to)?);
                self.indexed.insert(word.to_string(), Rc::clone(&rows));
                rows
            }
        };
        let run = if indexed.len() > INGEST_COMMON {
            None
        } else {
            let key = self.key(word);
            self.run_words.get(&key).map(Rc::clone)
        };
        let len = (indexed.len() + run.as_ref().map_or(0, |r| r.len())).min(INGEST_COMMON + 1);
        Ok(Postings { indexed, run, len })
    }

    /// Takes the words' claims another connection read ahead, when they are of the ledger as
    /// these look-ups know it (the same last claim before the run).
    pub(super) fn take_prefetched(&mut self, prefetched: Prefetched) {
        if self.data_version.is_none() || prefetched.up_to != self.indexed_up_to {
            return;
        }
        for (word, rows) in prefetched.by_word {
            self.indexed.entry(word).or_insert_with(|| Rc::new(rows));
        }
    }

    /// The largest claim id: the ledger's claims before the run and those the run stored.
    pub(super) fn last_id(&self) -> i64 {
        self.last_id
    }

    /// What ranking remembers between claims (character profiles).
    pub(super) fn ranking(&mut self) -> &mut Lookups {
        &mut self.lookups
    }
}

/// The claims of the matching index holding `word`, up to claim `up_to`, first ones first, at
/// most [`INGEST_COMMON`] + 1 (`stmt` is [`POSTINGS`]).
fn indexed_claims_of(
    stmt: &mut rusqlite::CachedStatement,
    word: &str,
    up_to: i64,
) -> rusqlite::Result<Vec<i64>> {
    // Every word quoted: FTS5 reads it as a plain term, never as syntax. The speakers' column
    // is left out: a speaker's name is no part of what is claimed.
    stmt.query_map([format!("{{text title}} : \"{word}\"")], |r| r.get(0))?
        .filter(|r| r.as_ref().map_or(true, |&id| id <= up_to))
        .collect()
}

/// The look-up of a word's first claims in the matching index. The limit is written into the
/// statement: FTS5 is told a bound LIMIT, and SQLite then prepares the statement again each
/// time it is bound.
fn postings_sql() -> String {
    format!(
        "SELECT rowid FROM match_fts WHERE match_fts MATCH ?1 ORDER BY rowid LIMIT {}",
        INGEST_COMMON + 1
    )
}

/// Words' claims in the matching index as the ledger held them when an ingest began (claims up
/// to `up_to`), read on a connection of their own while the ingest's writer stores the
/// articles before: a word's first claims are a function of the word and `up_to` alone, so
/// the writer takes them as if it had read them itself.
pub struct Prefetched {
    up_to: i64,
    by_word: HashMap<String, Vec<i64>>,
}

impl Ledger {
    /// The largest claim id: where an ingest's look-ups of the ledger's claims stop.
    pub fn last_claim_id(&self) -> Result<i64, StoreError> {
        self.claim_count_estimate()
    }

    /// This connection as the reader ahead of an ingest that began with the ledger holding
    /// claims up to `up_to`.
    pub fn into_postings_reader(self, up_to: i64) -> PostingsReader {
        PostingsReader {
            ledger: self,
            up_to,
            seen: rustc_hash::FxHashSet::default(),
        }
    }
}

/// Reads words' claims for an ingest ahead of its writer, each word once.
pub struct PostingsReader {
    ledger: Ledger,
    up_to: i64,
    seen: rustc_hash::FxHashSet<String>,
}

impl PostingsReader {
    /// The first claims of each word not read before, of claims given by the words they are
    /// looked up by (`PreparedArticle::words`): what the ingest's writer would read of them.
    pub fn read<'a>(
        &mut self,
        claims: impl IntoIterator<Item = Vec<&'a str>>,
    ) -> Result<Prefetched, StoreError> {
        let (up_to, seen) = (self.up_to, &mut self.seen);
        let mut by_word = HashMap::default();
        if up_to > 0 {
            let conn = &self.ledger.conn;
            let read = || -> rusqlite::Result<()> {
                let mut stmt = conn.prepare_cached(&postings_sql())?;
                for words in claims {
                    for w in distinct(&words) {
                        if seen.insert(w.to_string()) {
                            by_word.insert(w.to_string(), indexed_claims_of(&mut stmt, w, up_to)?);
                        }
                    }
                }
                Ok(())
            };
            read().map_err(|e| self.ledger.err(e))?;
        }
        Ok(Prefetched { up_to, by_word })
    }
}

/// How many index entries of one word ingest reads at most: a word in more claims than this
/// is common, and what was read of it is kept for the rest of the run.
const INGEST_COMMON: usize = 256;
/// How many index entries ingest scores for one claim at most: its rarest words first, then
/// what was read of its common words.
pub(super) const INGEST_BUDGET: usize = 1_024;

/// The candidates of a claim being ingested, on the connection of its write transaction: a
/// bounded look-up, so that each claim costs about the same however large the ledger is. Each
/// of the claim's words is read up to [`INGEST_COMMON`] entries (see [`IngestLookups`]); within
/// [`INGEST_BUDGET`] entries, its rarest words and then the first claims of its common ones
/// score the claims holding them by the sum of their idf, and the best `limit` are returned.
/// The common words' claims matter although they are rarely the claim meant: they are the
/// neighbours against which `matching::rank` weighs how telling a shared word is. Claims of the
/// article being stored are left out: an article does not repeat itself.
pub(super) fn ingest_candidates(
    conn: &Connection,
    words: &[&str],
    limit: usize,
    run: &mut IngestLookups,
) -> rusqlite::Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(&postings_sql())?;
    let mut found: Vec<Postings> = Vec::new();
    for w in distinct(words) {
        let rows = run.claims_of(&mut stmt, w)?;
        if rows.len > 0 {
            found.push(rows);
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    // Rarest first; a common word's claims after all the rare ones.
    found.sort_by_key(|rows| rows.len);
    let claims = run.last_id.max(1) as f64;
    let mut sums: HashMap<i64, f64> = HashMap::default();
    sums.reserve(
        found
            .iter()
            .map(|rows| rows.len)
            .sum::<usize>()
            .min(INGEST_BUDGET),
    );
    let mut read = 0;
    for rows in &found {
        read += rows.len;
        if read > INGEST_BUDGET {
            break;
        }
        // A common word's count is at least what was read of it.
        let n = rows.len as f64;
        let idf = ((claims - n + 0.5) / (n + 0.5)).ln().max(1e-6);
        for row in rows.iter() {
            *sums.entry(*row).or_default() += idf;
        }
    }
    let own = run.article_from;
    let mut best: Vec<(i64, f64)> = sums.into_iter().filter(|(row, _)| *row < own).collect();
    // Most idf first; of equals, the claim stored first.
    let by_score = |a: &(i64, f64), b: &(i64, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if best.len() > limit {
        best.select_nth_unstable_by(limit, by_score);
        best.truncate(limit);
    }
    best.sort_unstable_by(by_score);
    let IngestLookups {
        claims, lookups, ..
    } = run;
    candidates_of(conn, &best, lookups, |row| {
        if let Some(c) = claims.get(&row) {
            return Ok(c.clone());
        }
        let found = candidate_row(conn, row, None)?;
        claims.insert(row, found.clone());
        Ok(found)
    })
}

/// Which candidates a look-up wants.
struct Found {
    status: Option<Status>,
    limit: usize,
    budget: i64,
}

/// How many claims `match` weighs by length for each candidate it returns: the claims sharing
/// the most (and rarest) words with the query, of which the shortest rank first.
const WEIGHED_PER_CANDIDATE: usize = 4;

/// The candidates of [`Ledger::match_candidates`]: BM25 computed here rather than by FTS5's
/// `bm25()`, which looks up the length of every claim holding any word of the query (most of
/// what a look-up cost). Each word's claims are read from the index (text and headline); every
/// claim is scored by its words as if it had the average length, and only the best few times
/// `limit` are weighed by their own length.
fn by_words(
    conn: &Connection,
    words: &[&str],
    found: &Found,
    lookups: &mut Lookups,
) -> rusqlite::Result<Vec<Candidate>> {
    let unique = rarest(conn, distinct(words), found.budget, lookups)?;
    if unique.is_empty() {
        return Ok(Vec::new());
    }
    let (claims, average_length) = index_totals(conn, lookups)?;
    let sums = word_places(conn, &unique, claims)?;
    // First as if every claim had the average length (k = k1), then by their own length.
    let mut best: Vec<(i64, f64, [f64; 3])> = sums
        .into_iter()
        .map(|(row, s)| (row, bm25(s, 1.2), s))
        .collect();
    let weighed = found.limit * WEIGHED_PER_CANDIDATE;
    let by_score = |a: &(i64, f64, [f64; 3]), b: &(i64, f64, [f64; 3])| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
    };
    if best.len() > weighed {
        best.select_nth_unstable_by(weighed, by_score);
        best.truncate(weighed);
    }
    let mut size = conn.prepare_cached("SELECT sz FROM match_fts_docsize WHERE id = ?1")?;
    for (row, score, sums) in &mut best {
        let sizes: Vec<u8> = size.query_row([*row], |r| r.get(0))?;
        let length = varints(&sizes).sum::<u64>() as f64;
        *score = bm25(*sums, 1.2 * (0.25 + 0.75 * length / average_length));
    }
    best.sort_unstable_by(by_score);
    best.truncate(found.limit);
    let best: Vec<(i64, f64)> = best
        .into_iter()
        .map(|(row, score, _)| (row, score))
        .collect();
    candidate_rows(conn, &best, found.status, lookups)
}

/// Per claim holding any of the words: the idf of the words only in its text, only in its
/// headline, and in both (weighted 10, 5 and 15 by [`bm25`], as `bm25(match_fts, 10, 5, 1)`
/// weighs them; a word counts once per column, and the speakers' column, weighted 1, is left
/// out).
fn word_places(
    conn: &Connection,
    words: &[&str],
    claims: f64,
) -> rusqlite::Result<HashMap<i64, [f64; 3]>> {
    let mut sums: HashMap<i64, [f64; 3]> = HashMap::default();
    let mut stmt = conn.prepare_cached("SELECT rowid FROM match_fts WHERE match_fts MATCH ?1")?;
    let mut rows = |column: &str, w: &str| -> rusqlite::Result<Vec<i64>> {
        stmt.query_map([format!("{column} : \"{w}\"")], |r| r.get::<_, i64>(0))?
            .collect()
    };
    for w in words {
        // Both lists come in rowid order.
        let (text, title) = (rows("text", w)?, rows("title", w)?);
        let mut hits: Vec<(i64, usize)> = Vec::with_capacity(text.len() + title.len());
        let (mut i, mut j) = (0, 0);
        while i < text.len() || j < title.len() {
            match (text.get(i), title.get(j)) {
                (Some(a), Some(b)) if a == b => {
                    hits.push((*a, 2));
                    i += 1;
                    j += 1;
                }
                (Some(a), b) if b.is_none_or(|b| a < b) => {
                    hits.push((*a, 0));
                    i += 1;
                }
                (_, Some(b)) => {
                    hits.push((*b, 1));
                    j += 1;
                }
                _ => break,
            }
        }
        let n = hits.len() as f64;
        let idf = ((claims - n + 0.5) / (n + 0.5)).ln().max(1e-6);
        for (row, place) in hits {
            sums.entry(row).or_default()[place] += idf;
        }
    }
    Ok(sums)
}

/// BM25 (k1 1.2) of a claim from [`word_places`] sums, with `k` = k1 × (1 − b + b × length /
/// average length).
fn bm25(sums: [f64; 3], k: f64) -> f64 {
    [10.0, 5.0, 15.0]
        .iter()
        .zip(sums)
        .map(|(f, idf)| idf * f * 2.2 / (f + k))
        .sum()
}

/// What ranking needs of the claim of an index row (the claim it was merged into stands for
/// it), unless it has another status than `status`.
fn candidate_row(
    conn: &Connection,
    row: i64,
    status: Option<Status>,
) -> rusqlite::Result<Option<CachedClaim>> {
    conn.prepare_cached(
        "SELECT COALESCE(c.merged_into, c.id), c.text,
                CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END, c.stance,
                (SELECT GROUP_CONCAT(cs.speaker_id) FROM claim_speakers cs WHERE cs.claim_id = c.id)
         FROM claims c LEFT JOIN sources s ON s.id = c.source_id
         WHERE c.id = ?1 AND (?2 IS NULL OR c.status = ?2)",
    )?
    .query_row(params![row, status.map(|s| s.as_str())], |r| {
        Ok(CachedClaim {
            id: r.get(0)?,
            text: r.get::<_, String>(1)?.into(),
            title: r.get::<_, String>(2)?.into(),
            stance: super::parse_col(r, 3)?,
            speakers: r.get::<_, Option<String>>(4)?.map(Into::into),
        })
    })
    .optional()
}

/// The claims of ranked index rows as candidates, best first, leaving out those of another
/// status; a claim merged into another stands for that one, once.
pub(super) fn candidate_rows(
    conn: &Connection,
    best: &[(i64, f64)],
    status: Option<Status>,
    lookups: &mut Lookups,
) -> rusqlite::Result<Vec<Candidate>> {
    candidates_of(conn, best, lookups, |row| candidate_row(conn, row, status))
}

/// Candidates of ranked index rows, best first, their claims read by `claim`; a claim merged
/// into another stands for that one, once.
fn candidates_of(
    conn: &Connection,
    best: &[(i64, f64)],
    lookups: &mut Lookups,
    mut claim: impl FnMut(i64) -> rusqlite::Result<Option<CachedClaim>>,
) -> rusqlite::Result<Vec<Candidate>> {
    let mut out: Vec<Candidate> = Vec::with_capacity(best.len());
    for &(row, score) in best {
        let Some(CachedClaim {
            id,
            text,
            title,
            stance,
            speakers,
        }) = claim(row)?
        else {
            continue;
        };
        // A merged claim and the one it joined: keep the better-scored wording once.
        if out.iter().any(|o| o.id == id) {
            continue;
        }
        let (speaker, speaker_claims) = best_known_speaker(conn, speakers.as_deref(), lookups)?;
        out.push(Candidate {
            id,
            bm25: score,
            text,
            title,
            stance,
            speaker_claims,
            speaker,
        });
    }
    Ok(out)
}

/// The number of claims in the matching index and their average length in tokens, from the
/// index's own totals (FTS5 keeps them as varints in row 1 of its data table: the row count,
/// then the tokens of each column).
fn index_totals(conn: &Connection, lookups: &mut Lookups) -> rusqlite::Result<(f64, f64)> {
    if let Some(t) = lookups.index_totals {
        return Ok(t);
    }
    let block: Option<Vec<u8>> = conn
        .query_row("SELECT block FROM match_fts_data WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let mut numbers = varints(block.as_deref().unwrap_or_default());
    let claims = numbers.next().unwrap_or(0).max(1) as f64;
    let tokens = numbers.sum::<u64>().max(1) as f64;
    let totals = (claims, tokens / claims);
    lookups.index_totals = Some(totals);
    Ok(totals)
}

/// SQLite's variable-length integers, one after another (as FTS5 stores sizes and totals).
fn varints(mut bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    std::iter::from_fn(move || {
        if bytes.is_empty() {
            return None;
        }
        let mut v: u64 = 0;
        for i in 0..9 {
            let b = *bytes.get(i)?;
            if i == 8 {
                v = (v << 8) | u64::from(b);
                bytes = &bytes[9..];
                return Some(v);
            }
            v = (v << 7) | u64::from(b & 0x7f);
            if b < 0x80 {
                bytes = &bytes[i + 1..];
                return Some(v);
            }
        }
        None
    })
}

/// Of a claim's speakers (ids joined by commas), the one the ledger holds most claims of, with
/// that number (ties: the lower id).
fn best_known_speaker(
    conn: &Connection,
    speakers: Option<&str>,
    lookups: &mut Lookups,
) -> rusqlite::Result<(Option<i64>, i64)> {
    let mut best: (Option<i64>, i64) = (None, 0);
    for id in speakers
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.parse::<i64>().ok())
    {
        let n = match lookups.speaker_claims.get(&id) {
            Some(&n) => n,
            None => {
                let n: i64 = conn
                    .prepare_cached("SELECT COUNT(*) FROM claim_speakers WHERE speaker_id = ?1")?
                    .query_row([id], |r| r.get(0))?;
                lookups.speaker_claims.insert(id, n);
                n
            }
        };
        if best.0.is_none() || n > best.1 || (n == best.1 && best.0.is_some_and(|b| id < b)) {
            best = (Some(id), n);
        }
    }
    Ok(best)
}

/// The query's words of two letters or more, each once.
fn distinct<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut unique: Vec<&str> = Vec::new();
    for w in words.iter().filter(|w| w.chars().count() > 1) {
        if !unique.contains(w) {
            unique.push(w);
        }
    }
    unique
}

/// How many index entries one look-up may rank: ranking costs in proportion to the claims that
/// hold the query's words, and a word in a hundred thousand claims hardly changes which of them
/// is meant.
pub(super) const POSTINGS_BUDGET: i64 = 25_000;
/// A word in more claims than this counts as common for `match`: counting further would cost
/// more than the ranking it saves, and a word in more than 2,000 claims adds little to which of them is meant (on the CheckThat! training splits the scores
/// are unchanged) but a tenth of the time of a look-up.
const MATCH_COMMON: i64 = 2_000;

/// The query's words, rarest first, as many as fit the budget (always the rarest one); words
/// the ledger does not hold are left out. A word's claims are counted up to [`MATCH_COMMON`]
/// only, so counting a common word costs little; a word past that limit is kept only when it
/// is the rarest the query has.
fn rarest<'a>(
    conn: &Connection,
    words: Vec<&'a str>,
    budget: i64,
    lookups: &mut Lookups,
) -> rusqlite::Result<Vec<&'a str>> {
    let cap = MATCH_COMMON;
    let mut counted: Vec<(i64, &str)> = Vec::with_capacity(words.len());
    // The limit written into the statement: FTS5 is told a bound LIMIT, and SQLite then
    // prepares the statement again each time it is bound.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT COUNT(*) FROM (SELECT rowid FROM match_fts WHERE match_fts MATCH ?1 LIMIT {})",
        cap + 1
    ))?;
    for w in words {
        let df: i64 = match lookups.word_claims.get(w) {
            Some(&df) => df,
            None => {
                let df = stmt.query_row([format!("\"{w}\"")], |r| r.get(0))?;
                lookups.word_claims.insert(w.to_string(), df);
                df
            }
        };
        if df > cap {
            // Past the count: as good as over the budget on its own.
            counted.push((budget + 1, w));
        } else if df > 0 {
            counted.push((df, w));
        }
    }
    counted.sort();
    let mut total = 0;
    Ok(counted
        .into_iter()
        .enumerate()
        .take_while(|(i, (df, _))| {
            total += df;
            *i == 0 || total <= budget
        })
        .map(|(_, (_, w))| w)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{INGEST_COMMON, IngestLookups, ingest_candidates, varints};
    use crate::claim::{Mode, Stance};
    use crate::{Ledger, NewClaim};

    fn claim(text: String) -> NewClaim {
        NewClaim {
            id: None,
            sentence: text.clone(),
            text,
            speakers: Vec::new(),
            cue: None,
            mode: Mode::None,
            stance: Stance::Assert,
            checkworthiness: 0.5,
            source: None,
            created_at: None,
            span: None,
        }
    }

    /// What the reader ahead of an ingest reads of a word is what the writer would have read
    /// itself: the same first claims, up to the last claim before the run, each word once.
    #[test]
    fn words_read_ahead_are_what_the_writer_reads() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let mut claims: Vec<NewClaim> = (0..INGEST_COMMON + 10)
            .map(|i| claim(format!("Harbour fees rose by {i} percent")))
            .collect();
        claims.push(claim("Harbour fees rose in Quillmore".into()));
        ledger.add_claims(&claims).unwrap();
        let words = vec!["the", "harbour", "fees", "of", "quillmore", "rose", "again"];
        let mut run = IngestLookups::default();
        run.sync(&ledger.conn).unwrap();
        ingest_candidates(&ledger.conn, &words, 10, &mut run).unwrap();
        let up_to = ledger.last_claim_id().unwrap();
        let mut reader = ledger.into_postings_reader(up_to);
        let read = reader.read([words.clone()]).unwrap();
        assert_eq!(read.up_to, up_to);
        assert!(read.by_word.len() >= 3, "{:?}", read.by_word.keys());
        for (word, rows) in &read.by_word {
            assert_eq!(Some(rows), run.indexed.get(word).map(|r| &**r), "{word}");
        }
        assert_eq!(read.by_word["harbour"].len(), INGEST_COMMON + 1);
        // Each word once per run.
        assert!(reader.read([words]).unwrap().by_word.is_empty());
    }

    /// Ingest reads at most a bounded number of index entries per word: of a word in more
    /// claims only the first are read, once per run, so a claim made of such words costs the
    /// same however large the ledger is, while a rarer word still finds its claim among them.
    #[test]
    fn a_common_word_is_read_in_part_and_once_per_ingest() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let mut claims: Vec<NewClaim> = (0..INGEST_COMMON + 10)
            .map(|i| claim(format!("Harbour fees rose by {i} percent")))
            .collect();
        claims.push(claim("Harbour fees rose in Quillmore".into()));
        let ids = ledger.add_claims(&claims).unwrap();
        let mut run = IngestLookups::default();
        run.sync(&ledger.conn).unwrap();
        let found =
            ingest_candidates(&ledger.conn, &["harbour", "fees", "rose"], 10, &mut run).unwrap();
        // Only the first claims of the common words, as neighbours: never more than were read.
        assert!(found.len() <= 10, "{found:?}");
        assert!(
            found.iter().all(|c| c.id <= INGEST_COMMON as i64 + 1),
            "{found:?}"
        );
        assert_eq!(run.indexed["harbour"].len(), INGEST_COMMON + 1);
        let found = ingest_candidates(
            &ledger.conn,
            &["harbour", "fees", "quillmore"],
            10,
            &mut run,
        )
        .unwrap();
        assert_eq!(Some(&found[0].id), ids.last(), "{found:?}");
    }

    /// Claims the run stored are found from the run's own index, by the stem of their words,
    /// and the article being stored never finds itself.
    #[test]
    fn claims_stored_in_the_run_are_found_without_the_index() {
        let ledger = Ledger::open_in_memory().unwrap();
        let mut run = IngestLookups::default();
        run.sync(&ledger.conn).unwrap();
        run.stored(1, &["ferries", "quillmore", "cancelled"]);
        run.stored(2, &["harbour", "quillmore"]);
        let found = ingest_candidates(&ledger.conn, &["ferry", "quillmore"], 10, &mut run);
        // Not in the claims table: nothing to rank, but the look-up itself works.
        assert!(found.unwrap().is_empty());
        let ferry = run.key("ferry");
        assert_eq!(*run.run_words[&ferry], [1]);
        let quillmore = run.key("quillmore");
        assert_eq!(*run.run_words[&quillmore], [1, 2]);
        // A new article: its claims start after the last stored.
        run.sync(&ledger.conn).unwrap();
        assert_eq!(run.article_from, 1);
    }

    #[test]
    fn varints_read_as_sqlite_writes_them() {
        // FTS5's totals of a 19,250-claim index: rows, then the tokens of each column.
        let totals = [
            0x81, 0x96, 0x32, 0x95, 0xe9, 0x59, 0x8e, 0xe9, 0x6d, 0x82, 0xc3, 0x46,
        ];
        assert_eq!(
            varints(&totals).collect::<Vec<_>>(),
            [19_250, 357_593, 242_925, 41_414]
        );
        assert_eq!(varints(&[0x10, 0x0c, 0x02]).sum::<u64>(), 30);
        let nine = [0xff; 9];
        assert_eq!(varints(&nine).collect::<Vec<_>>(), [u64::MAX]);
        // A cut-off number is not read.
        assert_eq!(varints(&[0x81]).count(), 0);
    }
}
