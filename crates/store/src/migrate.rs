//! Applies the schema in `migrations/` on open. Each migration runs in its own transaction,
//! which also records its file name in `schema_migrations` (and keeps `user_version` at the
//! number applied, so a build that counts by it still refuses a newer ledger). A ledger with a
//! migration this binary does not know, by name or by number, is refused before anything is
//! written.

use super::StoreError;
use rusqlite::{Connection, OptionalExtension, Transaction};

/// A migration: its file name (what a ledger records) and its SQL.
struct Migration {
    name: &'static str,
    sql: &'static str,
    /// Rebuilds a table others refer to: runs with foreign keys off (a rebuild under foreign
    /// keys would cascade or fail on the drop) and checks every key before it commits.
    rebuilds: bool,
}

macro_rules! migration {
    ($name:literal) => {
        migration!($name, false)
    };
    ($name:literal, rebuilds) => {
        migration!($name, true)
    };
    ($name:literal, $rebuilds:expr) => {
        Migration {
            name: $name,
            sql: include_str!(concat!("../../../migrations/", $name)),
            rebuilds: $rebuilds,
        }
    };
}

/// The migrations, in order. Never edit one that has shipped: add a new file.
const MIGRATIONS: &[Migration] = &[
    migration!("0001_init.sql"),
    // One claim, many appearances.
    migration!("0002_appearances.sql"),
    // Corrections. One earlier build wrote this as its second migration: see
    // `catch_up_corrections_first`.
    migration!("0003_corrections.sql"),
    // The review desk's reviewers and posted forms.
    migration!("0004_users.sql"),
    // Speakers scoped to an article when generic: rebuilds `speakers`.
    migration!("0005_speaker_scopes.sql", rebuilds),
    // Check-worthiness models trained on the ledger's triage.
    migration!("0006_models.sql"),
    // Verdicts lent by merged claims, import keys, and search by stems.
    migration!("0007_verdicts_imports_stems.sql"),
    // Automatic merges of the character-similarity rule, marked for audit.
    migration!("0008_merge_audit.sql"),
    // Claim vectors for matching across languages, kept by triggers.
    migration!("0009_vectors.sql"),
    // Suggested matches a reviewer says are not the same claim: rebuilds `claim_events`.
    migration!("0010_not_the_same.sql", rebuilds),
    // The desk's logged-in sessions, kept across restarts.
    migration!("0011_desk_sessions.sql"),
    // The claim vectors filed in the lists of an inverted-file index, kept by triggers.
    migration!("0012_vector_index.sql"),
    // The search index rebuilt with prefix indexes (4, 5 and 6 letters).
    migration!("0013_search_prefix.sql"),
    // Every claim vector again, with the word table that holds whole words.
    migration!("0014_word_table_words.sql"),
];

/// The table of applied migrations. It is the migrator's own bookkeeping, not a migration:
/// it has to exist before the first migration is recorded in it.
const HISTORY_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The schema version this binary writes: the number of migrations it knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The file names of the migrations this binary knows, in order.
pub fn known_migrations() -> impl Iterator<Item = &'static str> {
    MIGRATIONS.iter().map(|m| m.name)
}

/// The names recorded in the ledger's `schema_migrations`, oldest first; `None` for a ledger
/// without that table (new, or written by a build that counted migrations by `user_version`).
pub fn applied_migrations(conn: &Connection) -> Result<Option<Vec<String>>, StoreError> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(None);
    }
    let mut stmt = conn.prepare("SELECT name FROM schema_migrations ORDER BY name")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(Some(names))
}

/// Refuses a ledger written by a build with more migrations than this one, or with one this
/// build does not know by name (another branch's, or a newer one's).
fn refuse_unknown(conn: &Connection, path: &str, found: i64) -> Result<(), StoreError> {
    if found > latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found,
            known: latest_version(),
        });
    }
    let Some(applied) = applied_migrations(conn)? else {
        return Ok(());
    };
    if let Some(name) = applied
        .iter()
        .find(|name| !MIGRATIONS.iter().any(|m| m.name == name.as_str()))
    {
        return Err(StoreError::UnknownMigration {
            path: path.to_string(),
            name: name.clone(),
        });
    }
    // Applied migrations are the first ones of this build: one missing before an applied one
    // means the two builds ordered their migrations differently.
    let applied_count = applied.len();
    if let Some(gap) = MIGRATIONS[..applied_count]
        .iter()
        .find(|m| !applied.iter().any(|a| a == m.name))
    {
        return Err(StoreError::MigrationsDiffer {
            path: path.to_string(),
            name: gap.name.to_string(),
        });
    }
    Ok(())
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
    refuse_unknown(conn, path, found)?;
    Ok(found == 0)
}

/// Refuses a ledger opened read-only whose schema would need an upgrade first.
pub fn check_current(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    refuse_unknown(conn, path, found)?;
    // A ledger of a build that counted by user_version is current when the count is; its
    // names are recorded the first time it is opened for writing.
    let current = match applied_migrations(conn)? {
        Some(applied) => applied.len() == MIGRATIONS.len(),
        None => found == latest_version(),
    };
    if !current {
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
    refuse_unknown(conn, path, found)?;
    if applied_migrations(conn)?.is_none() {
        catch_up_corrections_first(conn, found)?;
        record_counted(conn)?;
    }
    let applied = applied_migrations(conn)?.unwrap_or_default();
    let missing: Vec<&Migration> = MIGRATIONS
        .iter()
        .filter(|m| !applied.iter().any(|a| a == m.name))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    // PRAGMA foreign_keys cannot change inside a transaction, so it is switched around all of
    // them; each rebuild checks the keys itself, and they are on again whatever happened.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = missing.iter().try_for_each(|m| apply(conn, m));
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

/// Applies one migration and records it, in one transaction.
fn apply(conn: &mut Connection, m: &Migration) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have applied it while this one waited for the lock.
    let done: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = ?1)",
        [m.name],
        |r| r.get(0),
    )?;
    if done {
        return Ok(());
    }
    tx.execute_batch(m.sql)?;
    if m.rebuilds {
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()?;
        if let Some(table) = broken {
            return Err(StoreError::Migration(format!(
                "{}: a row of {table} refers to a row that is not there",
                m.name
            )));
        }
    }
    record(&tx, m.name)?;
    let count: i64 = tx.query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))?;
    tx.pragma_update(None, "user_version", count)?;
    tx.commit()?;
    Ok(())
}

fn record(tx: &Transaction, name: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO schema_migrations (name, applied_at) VALUES (?1, ?2)",
        rusqlite::params![name, super::now()],
    )?;
    Ok(())
}

/// A ledger of a build that counted migrations by `user_version` N has the first N of them:
/// records their names (once, in one transaction). A new database gets the empty table.
fn record_counted(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Read under the lock: another process may have recorded them while this one waited.
    if applied_migrations(&tx)?.is_some() {
        return Ok(());
    }
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    tx.execute(HISTORY_TABLE, [])?;
    let counted = usize::try_from(found).unwrap_or(0).min(MIGRATIONS.len());
    for m in &MIGRATIONS[..counted] {
        record(&tx, m.name)?;
    }
    tx.commit()?;
    Ok(())
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
    tx.execute_batch(MIGRATIONS[1].sql)?;
    tx.pragma_update(None, "user_version", 3)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migrated() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        // The search index's triggers call the stemming function, the vectors' theirs.
        super::super::rank::register(&conn).unwrap();
        super::super::vectors::register(&conn).unwrap();
        assert!(inspect(&conn, "x").unwrap());
        migrate(&mut conn, "x").unwrap();
        conn
    }

    #[test]
    fn a_new_ledger_records_every_migration_by_name_in_file_order() {
        let conn = migrated();
        let applied = applied_migrations(&conn).unwrap().unwrap();
        assert_eq!(applied, known_migrations().collect::<Vec<_>>());
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, latest_version());
        check_current(&conn, "x").unwrap();
    }

    #[test]
    fn a_ledger_missing_a_migration_before_one_it_has_is_refused() {
        let mut conn = migrated();
        conn.execute(
            "DELETE FROM schema_migrations WHERE name = '0004_users.sql'",
            [],
        )
        .unwrap();
        let err = migrate(&mut conn, "x").unwrap_err();
        assert!(
            matches!(&err, StoreError::MigrationsDiffer { name, .. } if name == "0004_users.sql"),
            "{err}"
        );
    }

    #[test]
    fn vectors_stored_with_the_earlier_word_table_are_embedded_and_filed_again() {
        let mut conn = migrated();
        let text = "The harbour fees rose by a tenth this spring";
        conn.execute_batch(&format!(
            "INSERT INTO sources (content_hash, body, ingested_at) VALUES ('h', '', 'now');
             INSERT INTO claims (text, source_id, mode, stance, created_at, updated_at)
             VALUES ('{text}', 1, 'none', 'assert', 'now', 'now');"
        ))
        .unwrap();
        // As the earlier table would have left it: another vector, filed in another list.
        conn.execute_batch(
            "DELETE FROM schema_migrations WHERE name = '0014_word_table_words.sql';
             UPDATE claim_vectors SET vector = NULL;
             INSERT OR REPLACE INTO claim_vector_lists (list, claim_id, code)
             VALUES (9999, 1, x'00');",
        )
        .unwrap();
        migrate(&mut conn, "x").unwrap();
        let (vector, lists): (Vec<u8>, Vec<i64>) = conn
            .query_row(
                "SELECT vector, (SELECT json_group_array(list) FROM claim_vector_lists
                                 WHERE claim_id = 1)
                 FROM claim_vectors WHERE claim_id = 1",
                [],
                |r| {
                    let lists: String = r.get(1)?;
                    Ok((r.get(0)?, serde_json::from_str(&lists).unwrap()))
                },
            )
            .unwrap();
        let expected = super::super::vectors::blob_of(text).unwrap();
        assert_eq!(vector, expected);
        let list = claimledger_matching::vectors::list_of(&expected).unwrap();
        assert_eq!(lists, vec![i64::from(list)]);
    }

    #[test]
    fn a_ledger_missing_the_last_migrations_gets_them() {
        let mut conn = migrated();
        // As a build that knew the first seven would have left it (0008 only adds a table,
        // 0009 a table and its triggers, 0010 rebuilds a table, 0011 adds one, 0012 a table
        // and triggers, 0013 rebuilds the search index, which it drops first, 0014 embeds the
        // claims again).
        conn.execute_batch(
            "DELETE FROM schema_migrations WHERE name IN ('0008_merge_audit.sql', '0009_vectors.sql',
                 '0010_not_the_same.sql', '0011_desk_sessions.sql', '0012_vector_index.sql',
                 '0013_search_prefix.sql', '0014_word_table_words.sql');
             DROP TABLE merge_audit; DROP TABLE claim_vectors; DROP TABLE desk_sessions;
             DROP TABLE claim_vector_lists;
             DROP TRIGGER claim_vectors_insert; DROP TRIGGER claim_vectors_update;
             DROP TRIGGER claim_vectors_delete; PRAGMA user_version = 7;",
        )
        .unwrap();
        assert!(matches!(
            check_current(&conn, "x"),
            Err(StoreError::NeedsUpgrade { .. })
        ));
        migrate(&mut conn, "x").unwrap();
        let applied = applied_migrations(&conn).unwrap().unwrap();
        assert_eq!(applied.len(), MIGRATIONS.len());
    }
}
