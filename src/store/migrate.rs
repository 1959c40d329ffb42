//! Applies the schema in `migrations/` on open. Each migration runs in its own transaction and
//! bumps `user_version`; a ledger with a higher version than this binary knows is refused before
//! anything is written.

use crate::error::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

/// The migrations, in order. Never edit one that has shipped: add a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_appearances.sql"),
];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
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
    let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
    migrations.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sqlite(err),
        other => StoreError::Migration(other.to_string()),
    })
}
