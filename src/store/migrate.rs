//! Applies the schema in `migrations/` on open. Each migration runs in its own transaction and
//! bumps `user_version`; a ledger with a higher version than this binary knows is refused before
//! anything is written.

use crate::error::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

/// The migrations, in order. Never edit one that has shipped: add a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    // One claim, many appearances.
    include_str!("../../migrations/0002_appearances.sql"),
    // Corrections. One earlier build wrote this as its second migration: see
    // `catch_up_corrections_first`.
    include_str!("../../migrations/0003_corrections.sql"),
    // The review desk's reviewers and posted forms.
    include_str!("../../migrations/0004_users.sql"),
    // Speakers scoped to an article when generic: rebuilds `speakers`.
    include_str!("../../migrations/0005_speaker_scopes.sql"),
    // Check-worthiness models trained on the ledger's triage.
    include_str!("../../migrations/0006_models.sql"),
    // Verdicts lent by merged claims, import keys, and search by stems.
    include_str!("../../migrations/0007_verdicts_imports_stems.sql"),
    // Automatic merges of the character-similarity rule, marked for audit.
    include_str!("../../migrations/0008_merge_audit.sql"),
    // Claim vectors for matching across languages, kept by triggers.
    include_str!("../../migrations/0009_vectors.sql"),
];

/// Migrations that rebuild a table others refer to: they run with foreign keys off (a rebuild
/// under foreign keys would cascade or fail on the drop) and check every key before they commit.
const REBUILDS: &[&str] = &[include_str!("../../migrations/0005_speaker_scopes.sql")];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Looks at a database before anything is written to it. Returns true for a fresh (empty)
/// database; refuses one written by a newer claimledger and an SQLite file that is not a ledger.
pub fn inspect(conn: &Connection, path: &str) -> Result<bool, StoreError> {
    // The first read also tells a non-SQLite file apart.
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found,
            known: latest_version(),
        });
    }
    let tables: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let ledger_tables: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('claims', 'reviews', 'ledger_settings')",
        [],
        |r| r.get(0),
    )?;
    if found == 0 && tables > 0 {
        let why = if ledger_tables > 0 {
            "it has claimledger tables but no schema version (user_version is 0)"
        } else {
            "it is an SQLite database with other tables"
        };
        return Err(StoreError::NotALedger {
            path: path.to_string(),
            why: why.into(),
        });
    }
    if found > 0 && ledger_tables < 3 {
        return Err(StoreError::NotALedger {
            path: path.to_string(),
            why: format!("it has schema version {found} but not the claimledger tables"),
        });
    }
    Ok(found == 0)
}

/// Refuses a ledger opened read-only whose schema would need an upgrade first.
pub fn check_current(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found < latest_version() {
        return Err(StoreError::NeedsUpgrade {
            path: path.to_string(),
            found,
        });
    }
    Ok(())
}

/// Brings the ledger up to date, or refuses one that is newer than this binary.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found,
            known: latest_version(),
        });
    }
    if found == latest_version() {
        return Ok(());
    }
    catch_up_corrections_first(conn, found)?;
    let migrations = Migrations::new(
        MIGRATIONS
            .iter()
            .map(|sql| {
                if REBUILDS.contains(sql) {
                    M::up(sql).foreign_key_check()
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    );
    // PRAGMA foreign_keys cannot change inside a transaction, so it is switched around all of
    // them; each rebuild checks the keys itself, and they are on again whatever happened.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = migrations.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sqlite(err),
        other => StoreError::Migration(other.to_string()),
    });
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

/// A ledger written by a build that had the corrections migration (0003) as its second one
/// carries `user_version` 2 and a `corrections` table but no appearances. Applies 0002 to it and
/// marks it as version 3, in one transaction, so that it is not taken for a version 2 ledger
/// with appearances (and 0003 is not run twice).
fn catch_up_corrections_first(conn: &mut Connection, found: i64) -> Result<(), StoreError> {
    if found != 2 {
        return Ok(());
    }
    let has = |name: &str| -> Result<bool, StoreError> {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    };
    if !has("corrections")? || has("appearances")? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(MIGRATIONS[1])?;
    tx.pragma_update(None, "user_version", 3)?;
    tx.commit()?;
    Ok(())
}
