//! The ledger's part of the vector channel: `claim_vector()`, through which the triggers of
//! migration 0009 keep a vector for every claim, and the read of all of them into a
//! [`vectors::Index`] for `match`.

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
            Ok(vectors::embed(text.as_deref().unwrap_or("")).map(|v| vectors::to_blob(&v)))
        },
    )
}

impl Ledger {
    /// Reads every claim's vector (merged claims too: they stand for the claim they joined).
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
        let index = ledger.vector_index().unwrap();
        assert_eq!(index.len(), 1);
        let query = vectors::embed("The harbour closes at night").unwrap();
        assert_eq!(index.nearest(&query, 5)[0].0, 1);
        ledger
            .conn
            .execute("DELETE FROM claims WHERE id = 1", [])
            .unwrap();
        assert_eq!(vector_of(&ledger, 1), None);
    }
}
