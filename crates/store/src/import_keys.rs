//! Import keys: what identifies a claim of an imported file besides its id, so that importing
//! the same file twice stores its claims once (the `import_keys` table).

use super::StoreError;
use crate::claim::split_list;
use rusqlite::{OptionalExtension, Transaction, params};

/// What identifies a claim of an imported file besides its id: its text, its speakers and
/// when it was recorded (a hash, for `import_keys`).
pub(super) fn import_key(text: &str, speakers: &[String], created_at: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in [text, &speakers.join("\u{1f}"), created_at] {
        hash.update(part.as_bytes());
        hash.update([0u8]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The ledger's claim that an imported file's claim `file_id` with this key already is: the
/// claim with that id when it has the same key (it was imported with its id, or the file was
/// exported from this ledger), else one imported earlier under a new id.
pub(super) fn imported_already(
    tx: &Transaction,
    file_id: i64,
    key: &str,
) -> Result<Option<i64>, StoreError> {
    let same_id: Option<(String, String, String)> = tx
        .query_row(
            "SELECT text, speaker_names, created_at FROM claims WHERE id = ?1",
            [file_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((text, names, created_at)) = same_id
        && import_key(&text, &split_list(&names), &created_at) == key
    {
        return Ok(Some(file_id));
    }
    Ok(tx
        .query_row(
            "SELECT claim_id FROM import_keys WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Remembers that the file's claim with this key is the ledger's claim `id` (imported under a
/// new id), so that importing the file again finds it.
pub(super) fn remember_import(tx: &Transaction, key: &str, id: i64) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO import_keys (key, claim_id) VALUES (?1, ?2)",
        params![key, id],
    )?;
    Ok(())
}
