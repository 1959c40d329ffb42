//! The ledger's part of the vector channel: `claim_vector()`, through which the triggers of
//! migration 0009 keep a vector for every claim; `vector_list()` and `vector_code()`, through
//! which those of 0012 file each vector in the index's lists; and the look-up of the nearest
//! claims through those lists for `match`.

use super::Ledger;
use crate::error::StoreError;
use claimledger_matching::vectors;
use rusqlite::Connection;

/// Makes `claim_vector(text)` available on this connection: the stored vector of a claim's
/// text, or NULL when none of its words is in the table.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "claim_vector",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            let text = text.as_deref().unwrap_or("");
            if let Some(ahead) = AHEAD.with_borrow_mut(|ahead| ahead.take(text)) {
                if let (Some(blob), Some(list)) = (&ahead.blob, ahead.list) {
                    LIST_AHEAD.set(Some((blob.clone(), list)));
                }
                return Ok(ahead.blob);
            }
            Ok(blob_of(text))
        },
    )?;
    // NULL for NULL or for a blob that is not a stored vector.
    conn.create_scalar_function(
        "vector_list",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let blob = ctx.get_raw(0).as_blob_or_null()?;
            let ahead = LIST_AHEAD.with_borrow(|ahead| match (ahead, blob) {
                (Some((of, list)), Some(blob)) if of.as_slice() == blob => Some(*list),
                _ => None,
            });
            Ok(ahead
                .or_else(|| blob.and_then(vectors::list_of))
                .map(i64::from))
        },
    )?;
    conn.create_scalar_function(
        "vector_code",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let blob = ctx.get_raw(0).as_blob_or_null()?;
            Ok(blob.and_then(vectors::code_of))
        },
    )
}

/// The stored vector of a text, as `claim_vector()` gives it.
pub(super) fn blob_of(text: &str) -> Option<Vec<u8>> {
    vectors::embed(text).map(|v| vectors::to_blob(&v))
}

/// A claim's vector and the list it is filed in, worked out ahead of the write.
#[derive(Clone)]
pub(super) struct VectorAhead {
    blob: Option<Vec<u8>>,
    list: Option<u32>,
}

impl VectorAhead {
    /// What `claim_vector()` and `vector_list()` give for `text`.
    pub(super) fn of(text: &str) -> VectorAhead {
        let blob = blob_of(text);
        let list = blob.as_deref().and_then(vectors::list_of);
        VectorAhead { blob, list }
    }
}

thread_local! {
    /// Vectors worked out before the claim they are of is written (ingest embeds its claims
    /// beside extraction, on other cores), by their text: `claim_vector()` takes them from
    /// here instead of embedding again on the writer's thread, which is the one that calls it.
    static AHEAD: std::cell::RefCell<super::ahead::Ahead<VectorAhead>> =
        std::cell::RefCell::default();
    /// The list of the vector `claim_vector()` last took from [`AHEAD`]: the index's trigger
    /// asks `vector_list()` for it right after (finding the nearest of the centroids is most of
    /// what filing a vector costs). A function of the vector alone, so it is only given for
    /// the very same vector.
    static LIST_AHEAD: std::cell::RefCell<Option<(Vec<u8>, u32)>> =
        const { std::cell::RefCell::new(None) };
}

/// How many vectors handed ahead are still waiting to be asked for (on this thread).
#[cfg(test)]
pub(super) fn vectors_waiting() -> usize {
    AHEAD.with_borrow(|ahead| ahead.waiting())
}

/// Hands `claim_vector()` the vector of `text` ahead of the write that asks for it (on this
/// thread). A vector is a function of the text alone, so whoever asks for this text next gets
/// what it would have computed.
pub(super) fn vector_ahead(text: &str, vector: VectorAhead) {
    AHEAD.with_borrow_mut(|ahead| ahead.put(text, vector));
}

impl Ledger {
    /// Reads every claim's vector (merged claims too: they stand for the claim they joined):
    /// a scan of the whole ledger, for measuring what the index finds against it.
    pub fn vector_index(&self) -> Result<vectors::Index, StoreError> {
        let read = || -> rusqlite::Result<vectors::Index> {
            let mut index = vectors::Index::default();
            let mut stmt = self.conn.prepare(
                "SELECT claim_id, vector FROM claim_vectors WHERE vector IS NOT NULL
                 ORDER BY claim_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let blob = row.get_ref(1)?.as_blob()?;
                index.push(row.get(0)?, blob);
            }
            Ok(index)
        };
        read().map_err(|e| self.err(e))
    }
}

impl Ledger {
    /// The `k` claims nearest a query vector, nearest first, with their cosines: the lists of
    /// the index nearest the query are read whole until [`vectors::PROBE_BUDGET`] codes are
    /// seen, and the [`vectors::RERANK`] best codes are scored by their vectors.
    pub fn nearest_claims(&self, query: &[f32], k: usize) -> Result<Vec<(i64, f32)>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(i64, f32)>> {
            let scorer = vectors::CodeScorer::new(query);
            let mut stmt = self
                .conn
                .prepare_cached("SELECT claim_id, code FROM claim_vector_lists WHERE list = ?1")?;
            let mut seen: Vec<(i64, f32)> = Vec::new();
            for (probed, list) in vectors::lists_nearest(query).into_iter().enumerate() {
                if probed >= vectors::PROBE_LISTS && seen.len() >= vectors::PROBE_BUDGET {
                    break;
                }
                let mut rows = stmt.query([list])?;
                while let Some(row) = rows.next()? {
                    let code = row.get_ref(1)?.as_blob()?;
                    seen.push((row.get(0)?, scorer.score(code)));
                }
            }
            let best = vectors::best_of(seen, vectors::RERANK);
            let ids: Vec<i64> = best.iter().map(|&(id, _)| id).collect();
            Ok(self.read_vectors(&ids)?.nearest(query, k))
        };
        read().map_err(|e| self.err(e))
    }

    /// The vectors of the claims given (those that have one).
    pub fn claim_vectors(&self, ids: &[i64]) -> Result<vectors::Index, StoreError> {
        self.read_vectors(ids).map_err(|e| self.err(e))
    }

    fn read_vectors(&self, ids: &[i64]) -> rusqlite::Result<vectors::Index> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT vector FROM claim_vectors WHERE claim_id = ?1")?;
        let mut index = vectors::Index::default();
        for &id in ids {
            let mut rows = stmt.query([id])?;
            if let Some(row) = rows.next()?
                && let Some(blob) = row.get_ref(0)?.as_blob_or_null()?
            {
                index.push(id, blob);
            }
        }
        Ok(index)
    }

    /// The language of a claim: its sources' (the most frequent among its appearances, the
    /// first on a tie), `None` when none of them records one.
    pub fn claim_language(&self, id: i64) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached(
                "SELECT lower(s.language) FROM appearances a JOIN sources s ON s.id = a.source_id
                 WHERE a.claim_id = ?1 AND s.language IS NOT NULL AND s.language != ''
                 GROUP BY lower(s.language) ORDER BY COUNT(*) DESC, MIN(a.id) LIMIT 1",
            )
            .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }
}

impl Ledger {
    /// The claims of the vector channel's hits as candidates (BM25 0: no word was looked up),
    /// in the hits' order; a merged claim stands for the claim it joined.
    pub fn vector_candidates(
        &self,
        hits: &[(i64, f32)],
        status: Option<crate::claim::Status>,
        lookups: &mut claimledger_matching::Lookups,
    ) -> Result<Vec<claimledger_matching::Candidate>, StoreError> {
        let best: Vec<(i64, f64)> = hits.iter().map(|&(id, _)| (id, 0.0)).collect();
        super::matching::candidate_rows(&self.conn, &best, status, lookups).map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector_of(ledger: &Ledger, id: i64) -> Option<Option<Vec<u8>>> {
        use rusqlite::OptionalExtension;
        ledger
            .conn
            .query_row(
                "SELECT vector FROM claim_vectors WHERE claim_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
    }

    #[test]
    fn a_claims_vector_follows_its_text_through_insert_edit_and_delete() {
        let ledger = Ledger::open_in_memory().unwrap();
        let insert = "INSERT INTO claims (text, mode, stance, created_at, updated_at)
                      VALUES (?1, 'none', 'assert', 'now', 'now')";
        ledger
            .conn
            .execute(insert, ["Ferries run every hour"])
            .unwrap();
        ledger.conn.execute(insert, ["12 345 !!"]).unwrap();
        let first = vector_of(&ledger, 1).unwrap().unwrap();
        assert_eq!(first.len(), vectors::BLOB_LEN);
        assert_eq!(vector_of(&ledger, 2), Some(None), "no known piece: NULL");
        ledger
            .conn
            .execute(
                "UPDATE claims SET text = 'The harbour closes at night' WHERE id = 1",
                [],
            )
            .unwrap();
        assert_ne!(vector_of(&ledger, 1).unwrap().unwrap(), first);
        let query = vectors::embed("The harbour closes at night").unwrap();
        assert_eq!(ledger.nearest_claims(&query, 5).unwrap()[0].0, 1);
        assert_eq!(
            listed(&ledger),
            vec![(
                1,
                i64::from(vectors::list_of(&vector_of(&ledger, 1).unwrap().unwrap()).unwrap())
            )]
        );
        ledger
            .conn
            .execute("DELETE FROM claims WHERE id = 1", [])
            .unwrap();
        assert_eq!(vector_of(&ledger, 1), None);
        assert_eq!(listed(&ledger), vec![]);
        assert!(ledger.nearest_claims(&query, 5).unwrap().is_empty());
    }

    /// The index's rows: (claim, list).
    fn listed(ledger: &Ledger) -> Vec<(i64, i64)> {
        let mut stmt = ledger
            .conn
            .prepare("SELECT claim_id, list FROM claim_vector_lists ORDER BY claim_id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn the_nearest_claims_are_found_through_the_index_as_by_reading_every_vector() {
        let ledger = Ledger::open_in_memory().unwrap();
        let texts = [
            "Ferries run every hour from the harbour",
            "Der Stadtrat hat den Haushalt beschlossen",
            "Unemployment rose sharply last year",
            "The vaccine was tested on ten thousand volunteers",
            "Le gouvernement a augmenté les impôts",
            "Die Arbeitslosigkeit ist im letzten Jahr gestiegen",
            "The harbour closes at night in winter",
        ];
        for t in texts {
            ledger
                .conn
                .execute(
                    "INSERT INTO claims (text, mode, stance, created_at, updated_at)
                     VALUES (?1, 'none', 'assert', 'now', 'now')",
                    [t],
                )
                .unwrap();
        }
        let all = ledger.vector_index().unwrap();
        for t in [
            "Unemployment went up last year",
            "Ferries leave the harbour hourly",
        ] {
            let q = vectors::embed(t).unwrap();
            let ids = |hits: Vec<(i64, f32)>| hits.into_iter().map(|h| h.0).collect::<Vec<_>>();
            assert_eq!(
                ids(ledger.nearest_claims(&q, 3).unwrap()),
                ids(all.nearest(&q, 3)),
                "{t}"
            );
        }
    }
}
