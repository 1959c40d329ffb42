//! The store's part of "already checked?": candidates from the matching index, and the details
//! `match` prints about the claims it found.

use super::Ledger;
use crate::claim::Status;
use crate::error::StoreError;
use crate::matching::{Candidate, Lookups};
use rusqlite::{Connection, OptionalExtension, params};

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
            skip_source: None,
            budget: POSTINGS_BUDGET,
        };
        candidates_with(&self.conn, words, &found, lookups).map_err(|e| self.err(e))
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
            url: r.url,
            speakers: r.speakers,
            appearances: r.appearances,
            verdict_note: r.last_review_note,
        })
    }
}

/// The candidates of [`Ledger::match_candidates`], on any connection (ingest matches inside its
/// write transaction). Claims of `skip_source` are left out: an article does not repeat itself.
/// `budget` bounds the index entries ranked (see [`POSTINGS_BUDGET`]).
pub(super) fn candidates(
    conn: &Connection,
    words: &[&str],
    status: Option<Status>,
    limit: usize,
    skip_source: Option<i64>,
    budget: i64,
) -> rusqlite::Result<Vec<Candidate>> {
    let found = Found {
        status,
        limit,
        skip_source,
        budget,
    };
    candidates_with(conn, words, &found, &mut Lookups::default())
}

/// Which candidates a look-up wants.
struct Found {
    status: Option<Status>,
    limit: usize,
    skip_source: Option<i64>,
    budget: i64,
}

fn candidates_with(
    conn: &Connection,
    words: &[&str],
    found: &Found,
    lookups: &mut Lookups,
) -> rusqlite::Result<Vec<Candidate>> {
    let mut unique: Vec<&str> = Vec::new();
    for w in words.iter().filter(|w| w.chars().count() > 1) {
        if !unique.contains(w) {
            unique.push(w);
        }
    }
    let unique = rarest(conn, unique, found.budget, lookups)?;
    if unique.is_empty() {
        return Ok(Vec::new());
    }
    // Every word quoted: FTS5 reads it as a plain term, never as syntax.
    let query = unique
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ");
    let mut stmt = conn.prepare_cached(
        // bm25 once per row: the sort key is the selected column itself.
        "WITH hits AS (
            SELECT rowid AS id, bm25(match_fts, 10.0, 5.0, 1.0) AS rank FROM match_fts
            WHERE match_fts MATCH ?1 ORDER BY rank LIMIT ?3)
         SELECT COALESCE(c.merged_into, c.id), -hits.rank, c.text,
                CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END, c.stance,
                (SELECT GROUP_CONCAT(cs.speaker_id) FROM claim_speakers cs WHERE cs.claim_id = c.id)
         FROM hits JOIN claims c ON c.id = hits.id
         LEFT JOIN sources s ON s.id = c.source_id
         WHERE (?2 IS NULL OR c.status = ?2) AND (?4 IS NULL OR c.source_id IS NOT ?4)
         ORDER BY hits.rank",
    )?;
    let mut rows = stmt.query(params![
        query,
        found.status.map(|s| s.as_str()),
        found.limit as i64,
        found.skip_source
    ])?;
    let mut out: Vec<Candidate> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        // A merged claim and the one it joined: keep the better-scored wording once.
        if out.iter().any(|o| o.id == id) {
            continue;
        }
        let speakers: Option<String> = r.get(5)?;
        let (speaker, speaker_claims) = best_known_speaker(conn, speakers.as_deref(), lookups)?;
        out.push(Candidate {
            id,
            bm25: r.get(1)?,
            text: r.get(2)?,
            title: r.get(3)?,
            stance: super::parse_col(r, 4)?,
            speaker_claims,
            speaker,
        });
    }
    Ok(out)
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

/// How many index entries one look-up may rank: ranking costs in proportion to the claims that
/// hold the query's words, and a word in a hundred thousand claims hardly changes which of them
/// is meant.
pub(super) const POSTINGS_BUDGET: i64 = 25_000;
/// The budget at ingest, where only a near-identical claim matters and its rarest words find
/// it. A claim made only of words past the count limit is not matched at ingest at all:
/// ranking those words would cost more than the rest of the ingest.
pub(super) const INGEST_BUDGET: i64 = 4_000;
/// A word in more claims than this counts as common: counting further would cost more than the
/// ranking it saves.
const COMMON: i64 = 4_000;
/// The same for `match`, which ranks many more claims than ingest: a word in more than 2,000
/// claims adds little to which of them is meant (on the CheckThat! training splits the scores
/// are unchanged) but a tenth of the time of a look-up.
const MATCH_COMMON: i64 = 2_000;

/// The query's words, rarest first, as many as fit the budget (for `match` always the rarest
/// one, for ingest only if it fits); words
/// the ledger does not hold are left out. A word's claims are counted up to [`COMMON`] ([`MATCH_COMMON`] for `match`, or the
/// budget) only, so counting a common word costs little; a word past that limit is kept only
/// when it is the rarest the query has.
fn rarest<'a>(
    conn: &Connection,
    words: Vec<&'a str>,
    budget: i64,
    lookups: &mut Lookups,
) -> rusqlite::Result<Vec<&'a str>> {
    let cap = if budget > INGEST_BUDGET {
        MATCH_COMMON
    } else {
        COMMON.min(budget)
    };
    let mut counted: Vec<(i64, &str)> = Vec::with_capacity(words.len());
    let mut stmt = conn.prepare_cached(
        "SELECT COUNT(*) FROM (SELECT rowid FROM match_fts WHERE match_fts MATCH ?1 LIMIT ?2)",
    )?;
    for w in words {
        let df: i64 = match lookups.word_claims.get(w) {
            Some(&df) => df,
            None => {
                let df = stmt.query_row(params![format!("\"{w}\""), cap + 1], |r| r.get(0))?;
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
            (*i == 0 && budget > INGEST_BUDGET) || total <= budget
        })
        .map(|(_, (_, w))| w)
        .collect())
}
