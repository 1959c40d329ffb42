//! Full-text search: what people type becomes an FTS5 query (`query.rs`), matches are ranked
//! with bm25 (`rank.rs`), and the best are read with their matching words marked.
//!
//! The work of one search is bounded: at most [`RANK_AT_MOST`] matches are ranked, the newest
//! ones (highest claim ids), and the result says when there were more. A word found in nearly
//! every claim ("percent", "said") would otherwise rank a million claims for every search
//! (0.45 s of CPU on the 1M-claim benchmark ledger), which is what held up the review desk.
//! Below the bound the ranking is exact and the order is the one bm25 gives, ties by id.

use super::StoreError;
use super::{Ledger, RECORD_COLUMNS, SearchHit, record_from_row};
use crate::ClaimFilter;
use crate::claim::ClaimRecord;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// The most matches one search ranks. Above it, only the newest this many are ranked. Chosen so
/// that a search stays under about 30 ms of CPU on the benchmark ledger, and that every word in
/// at most 2 % of a million claims is still ranked over all of its claims.
pub const RANK_AT_MOST: usize = 20_000;

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The best matches, best first.
    pub hits: Vec<SearchHit>,
    /// `Some(n)` when more than `n` claims matched and only the newest `n` were ranked.
    pub ranked_newest: Option<usize>,
}

impl Found {
    /// The one-line note that tells a reader the ranking was bounded (`None` when it was not).
    pub fn bound_note(&self) -> Option<String> {
        self.ranked_newest.map(|n| {
            format!(
                "more than {} claims match: the best of the newest {} are shown; add a word to narrow the search",
                thousands(n),
                thousands(n)
            )
        })
    }
}

/// `20000` as `20,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A ranked match: its score (`claim_rank`, lower is better) and its claim id.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: f64,
    id: i64,
}

/// Better first: lower score, then the lower id (the order SQLite's sort gave before).
impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// The best `limit` of a stream of ranked matches, kept in a heap whose top is the worst kept.
struct Best {
    limit: usize,
    heap: BinaryHeap<Ranked>,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(RANK_AT_MOST) + 1),
        }
    }

    fn offer(&mut self, r: Ranked) {
        if self.heap.len() < self.limit {
            self.heap.push(r);
        } else if let Some(mut worst) = self.heap.peek_mut()
            && r < *worst
        {
            *worst = r;
        }
    }

    /// The ids kept, best first.
    fn ids(self) -> Vec<i64> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| r.id)
            .collect()
    }
}

impl Ledger {
    /// Turns what a person typed into the FTS5 query `search` takes (see `query.rs`), adding
    /// the inflected forms the index holds. `None` when there is no word in it.
    pub fn search_query(&self, typed: &str) -> Result<Option<String>, StoreError> {
        // Whether the index holds a word: the first claim that has it, from the index alone
        // (`SELECT 1` reads no content). An fts5vocab table would need a temp table per
        // process and prepares a statement of its own on every look-up, which made a typed
        // search 20 % slower than the raw one.
        // One read transaction for all look-ups, not one each (unless the caller has one open).
        let read = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction().map_err(|e| self.err(e))?)
        } else {
            None
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM claims_fts WHERE claims_fts MATCH ?1 LIMIT 1")
            .map_err(|e| self.err(e))?;
        let mut failed = None;
        let query = super::query::fts_query(typed, &mut |word| match stmt
            .exists([format!("\"{}\"", word.replace('"', "\"\""))])
        {
            Ok(found) => found,
            Err(e) => {
                failed.get_or_insert(e);
                false
            }
        });
        drop(stmt);
        // Nothing was written: ending it either way is the same.
        drop(read);
        match failed {
            Some(e) => Err(self.err(e)),
            None => Ok(query),
        }
    }

    /// Full-text search over claim text, sentence and speaker names, best first. `query` is
    /// FTS5 syntax (see [`Ledger::search_query`] for what people type); `filter` narrows the
    /// claims (its sort and limit are not used: hits come by rank, at most `limit` of them).
    pub fn search(
        &self,
        query: &str,
        filter: &ClaimFilter,
        limit: usize,
    ) -> Result<Found, StoreError> {
        self.search_of(super::RECORD_SELECT_FROM_HITS, query, filter, limit)
    }

    /// [`Ledger::search`] without how often and when each hit was seen (`appearances` 0), for
    /// outputs that do not show it (the table and the CSV).
    pub fn search_unseen(
        &self,
        query: &str,
        filter: &ClaimFilter,
        limit: usize,
    ) -> Result<Found, StoreError> {
        self.search_of(super::RECORD_SELECT_FROM_HITS_UNSEEN, query, filter, limit)
    }

    fn search_of(
        &self,
        select: &str,
        query: &str,
        filter: &ClaimFilter,
        limit: usize,
    ) -> Result<Found, StoreError> {
        // One read transaction for the ranking and the reading of the hits.
        let read = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction().map_err(|e| self.err(e))?)
        } else {
            None
        };
        let (ids, ranked_newest) = self.rank(query, filter, limit)?;
        let hits = if ids.is_empty() {
            Vec::new()
        } else {
            self.marked_hits(select, query, &ids)?
        };
        drop(read);
        Ok(Found {
            hits,
            ranked_newest,
        })
    }

    /// The ids of the best `limit` matches, best first, and whether the ranking was bounded.
    /// Only ids and scores are read (highlight() on every match would cost more than the
    /// search itself). Matches come oldest first, as the index holds them; a query with more
    /// than [`RANK_AT_MOST`] of them is ranked again over the newest ones only, which the index
    /// reads backwards (more slowly, so only when needed).
    fn rank(
        &self,
        query: &str,
        filter: &ClaimFilter,
        limit: usize,
    ) -> Result<(Vec<i64>, Option<usize>), StoreError> {
        let (conditions, mut values) = filter.conditions(2);
        // A claim merged into another one is found through that one. Most ledgers have no
        // merged claim, and then checking every match against them is wasted work.
        // The `+` keeps SQLite from looking up each claim of the filter in the index, one FTS5
        // query each (`search asylum --publisher Daily`: 333,000 of them, 1.3 s on the 1M bench
        // ledger); each match is checked against the filter's claims instead (0.11 s).
        let narrowed = if !conditions.is_empty() {
            format!(
                " AND +claims_fts.rowid IN (SELECT c.id FROM claims c LEFT JOIN sources s ON s.id = c.source_id
                 WHERE c.merged_into IS NULL AND {conditions})"
            )
        } else if self.any_merged()? {
            " AND claims_fts.rowid NOT IN (SELECT id FROM claims WHERE merged_into IS NOT NULL)"
                .to_string()
        } else {
            String::new()
        };
        values.insert(0, Value::Text(query.to_string()));
        // The claim's length comes with the row (see `rank.rs`).
        let select = "SELECT claims_fts.rowid, claim_rank(claims_fts, d.sz) FROM claims_fts
            LEFT JOIN claims_fts_docsize d ON d.id = claims_fts.rowid WHERE claims_fts MATCH ?1";
        let newest = format!(
            "{select}{narrowed} ORDER BY claims_fts.rowid DESC LIMIT {}",
            RANK_AT_MOST + 1
        );
        // A prefix FTS5 has no prefix index for is merged from the lists of every word it
        // begins, in memory, before the first row, as often as a statement reads it: read
        // newest first at once (as cheap as oldest first there) rather than twice.
        if has_prefix(query) {
            let (ids, more) = self.best_of(&newest, query, &values, limit)?;
            return Ok((ids, more.then_some(RANK_AT_MOST)));
        }
        let oldest_first = format!("{select}{narrowed}");
        if let (ids, false) = self.best_of(&oldest_first, query, &values, limit)? {
            return Ok((ids, None));
        }
        let (ids, _) = self.best_of(&newest, query, &values, limit)?;
        Ok((ids, Some(RANK_AT_MOST)))
    }

    /// Runs a ranking statement (rows of id and score) and keeps the best `limit` of its first
    /// [`RANK_AT_MOST`] rows, best first, and whether there were more (they are not read).
    fn best_of(
        &self,
        sql: &str,
        query: &str,
        values: &[Value],
        limit: usize,
    ) -> Result<(Vec<i64>, bool), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| bad_query(self, query, e))?;
        let mut rows = stmt
            .query(params_from_iter(values.iter()))
            .map_err(|e| bad_query(self, query, e))?;
        let mut best = Best::new(limit);
        let mut seen = 0usize;
        while let Some(row) = rows.next().map_err(|e| bad_query(self, query, e))? {
            seen += 1;
            if seen > RANK_AT_MOST {
                return Ok((best.ids(), true));
            }
            let id: i64 = row.get(0).map_err(|e| self.err(e))?;
            let score: f64 = row.get(1).map_err(|e| self.err(e))?;
            best.offer(Ranked { score, id });
        }
        Ok((best.ids(), false))
    }

    /// True when some claim was merged into another (read from the partial index at once).
    fn any_merged(&self) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM claims WHERE merged_into IS NOT NULL LIMIT 1")
            .and_then(|mut stmt| stmt.query_row([], |_| Ok(())).optional())
            .map(|found| found.is_some())
            .map_err(|e| self.err(e))
    }

    /// The claims of `ids` (best first) with the matching words of their text marked.
    ///
    /// Each hit is looked up in the index by its id, which costs a seek per hit, except for a
    /// query with a prefix (`word*`): FTS5 answers a prefix it has no prefix index for by
    /// merging the lists of every word it begins, again for every look-up (a million entries
    /// for a common prefix, 0.15 s each). Such a query is run once over the range of the hits'
    /// ids instead, and only the hits are marked.
    fn marked_hits(
        &self,
        select: &str,
        query: &str,
        ids: &[i64],
    ) -> Result<Vec<SearchHit>, StoreError> {
        let matched = if has_prefix(query) {
            // `+` keeps the id list from becoming look-ups; the range is FTS5's to use.
            "SELECT claims_fts.rowid AS id, highlight(claims_fts, 0, '[', ']') AS marked
             FROM claims_fts
             WHERE claims_fts MATCH ?1 AND claims_fts.rowid BETWEEN ?3 AND ?4
               AND +claims_fts.rowid IN (SELECT value FROM json_each(?2))"
        } else {
            // (`?3 <= ?4`: both statements take the same four values.)
            "SELECT claims_fts.rowid AS id, highlight(claims_fts, 0, '[', ']') AS marked
             FROM json_each(?2) AS wanted
             CROSS JOIN claims_fts ON claims_fts.rowid = wanted.value
             WHERE claims_fts MATCH ?1 AND ?3 <= ?4"
        };
        let sql = format!("WITH hits AS ({matched}) {select}");
        let wanted = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let low = ids.iter().min().copied().unwrap_or(0);
        let high = ids.iter().max().copied().unwrap_or(0);
        let mut marked: HashMap<i64, (ClaimRecord, String)> = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut stmt| {
                stmt.query_map(params![query, wanted, low, high], |r| {
                    let record = record_from_row(r)?;
                    Ok((record.id, (record, r.get(RECORD_COLUMNS)?)))
                })?
                .collect()
            })
            .map_err(|e| bad_query(self, query, e))?;
        Ok(ids
            .iter()
            .filter_map(|id| marked.remove(id))
            .enumerate()
            .map(|(i, (record, highlighted))| SearchHit {
                record,
                highlighted,
                rank: i + 1,
            })
            .collect())
    }
}

/// Whether an FTS5 query holds a prefix term (`"perc"*` or `perc*`) outside quotes.
fn has_prefix(query: &str) -> bool {
    let mut quoted = false;
    query.chars().any(|c| {
        if c == '"' {
            quoted = !quoted;
        }
        c == '*' && !quoted
    })
}

/// SQLITE_ERROR from MATCH is FTS5 rejecting the query's syntax; anything else is the ledger's.
fn bad_query(ledger: &Ledger, query: &str, e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) if f.code == rusqlite::ErrorCode::Unknown => {
            StoreError::BadQuery {
                query: query.to_string(),
                reason: msg.clone(),
            }
        }
        _ => ledger.err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_are_kept_in_order_ties_by_id() {
        let mut best = Best::new(3);
        for (score, id) in [
            (-1.0, 9),
            (-3.0, 5),
            (-2.0, 7),
            (-3.0, 2),
            (-0.5, 1),
            (-2.0, 3),
        ] {
            best.offer(Ranked { score, id });
        }
        assert_eq!(best.ids(), vec![2, 5, 3]);
    }

    fn claim(text: &str) -> crate::NewClaim {
        crate::NewClaim {
            id: None,
            text: text.to_string(),
            sentence: format!("{text}, officials said."),
            speakers: Vec::new(),
            cue: Some("said".into()),
            mode: crate::claim::Mode::Indirect,
            stance: crate::claim::Stance::Assert,
            checkworthiness: 0.5,
            source: None,
            created_at: None,
            span: None,
        }
    }

    #[test]
    fn a_word_in_more_claims_than_the_bound_ranks_the_newest_and_says_so() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let total = RANK_AT_MOST + 10;
        let claims: Vec<_> = (1..=total)
            .map(|i| match i {
                // The best matches of all, but among the oldest ten.
                1..=3 => claim("percent percent percent"),
                // The best among the newest.
                15_000 => claim("percent percent rose"),
                // A rarer word, in three claims.
                100 | 200 | 300 => claim(&format!("the harbour wall is {i} percent higher")),
                _ => claim(&format!(
                    "prices rose {i} percent in the town of number {i}"
                )),
            })
            .collect();
        let ids = ledger.add_claims(&claims).unwrap();
        assert_eq!(ids.len(), total);
        let all = ClaimFilter::default();
        let found = ledger.search("\"percent\"", &all, 5).unwrap();
        assert_eq!(found.ranked_newest, Some(RANK_AT_MOST));
        let hits: Vec<i64> = found.hits.iter().map(|h| h.record.id).collect();
        assert_eq!(hits.len(), 5);
        assert_eq!(hits[0], ids[15_000 - 1], "{hits:?}");
        assert!(hits.iter().all(|id| *id > ids[9]), "{hits:?}");
        assert!(found.bound_note().unwrap().contains("newest 20,000"));
        // Under the bound: every match ranked, nothing said.
        let found = ledger.search("\"harbour\"", &all, 5).unwrap();
        assert_eq!(found.ranked_newest, None);
        assert_eq!(found.hits.len(), 3);
        assert_eq!(found.bound_note(), None);
        // The ranks count from 1 in order.
        let ranks: Vec<usize> = found.hits.iter().map(|h| h.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3]);
    }

    /// A prefix of 4 to 6 letters is one list of the index (`prefix = '4 5 6'`), not a merge
    /// of the lists of every word it begins, made again for every hit.
    #[test]
    fn prefix_searches_read_a_prefix_index() {
        let ledger = Ledger::open_in_memory().unwrap();
        let sql: String = ledger
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'claims_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(sql.contains("prefix = '4 5 6'"), "{sql}");
    }

    #[test]
    fn a_prefix_search_marks_hits_spread_over_the_ledger() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let claims: Vec<_> = (1..=300)
            .map(|i| match i {
                1 | 150 | 300 => claim(&format!("the harbour wall rose {i} metres")),
                7 => claim("harbourmasters [sic] counted the boats"),
                _ => claim(&format!("the ferry ran {i} times")),
            })
            .collect();
        let ids = ledger.add_claims(&claims).unwrap();
        let all = ClaimFilter::default();
        // An indexed prefix (4 letters) and a longer one, merged from the words it begins.
        for query in ["\"harb\"*", "\"harbour\"*", "\"harbour\"* AND \"wall\""] {
            let found = ledger.search(query, &all, 10).unwrap();
            let mut hits: Vec<i64> = found.hits.iter().map(|h| h.record.id).collect();
            hits.sort_unstable();
            let mut expected = vec![ids[0], ids[149], ids[299]];
            if !query.contains("wall") {
                expected.push(ids[6]);
            }
            expected.sort_unstable();
            assert_eq!(hits, expected, "{query}");
            for hit in &found.hits {
                assert!(
                    hit.highlighted.starts_with("the [harbour]")
                        || hit.highlighted.starts_with("[harbourmasters] [sic]"),
                    "{query}: {}",
                    hit.highlighted
                );
            }
        }
    }

    #[test]
    fn a_prefix_of_more_claims_than_the_bound_ranks_the_newest_and_says_so() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let total = RANK_AT_MOST + 10;
        let claims: Vec<_> = (1..=total)
            .map(|i| match i {
                1..=3 => claim("percent percent percent"),
                15_000 => claim("percent percentage rose"),
                _ => claim(&format!("prices rose {i} percent in town {i}")),
            })
            .collect();
        let ids = ledger.add_claims(&claims).unwrap();
        for query in ["\"perc\"*", "\"percent\"*"] {
            let found = ledger.search(query, &ClaimFilter::default(), 5).unwrap();
            assert_eq!(found.ranked_newest, Some(RANK_AT_MOST), "{query}");
            let hits: Vec<i64> = found.hits.iter().map(|h| h.record.id).collect();
            assert_eq!(hits.len(), 5);
            assert_eq!(hits[0], ids[15_000 - 1], "{query}: {hits:?}");
            assert!(hits.iter().all(|id| *id > ids[9]), "{query}: {hits:?}");
        }
    }

    #[test]
    fn large_counts_are_written_with_commas() {
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
