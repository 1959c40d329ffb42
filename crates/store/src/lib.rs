//! The ledger: a SQLite database and the only place with SQL.
//!
//! Invariants: every write runs in one transaction (nothing half-written); a claim's status
//! changes only through a row in `reviews` (enforced by triggers); user text reaches SQL only as
//! `?` parameters.

/// The status a claim `c` shows: its own, or when that is no verdict the newest verdict of a
/// claim merged into it (`lent_status`, kept by the triggers of migration 0007). Every reader
/// of a status uses this, so a merge never hides a verdict.
macro_rules! shown_status {
    () => {
        "COALESCE(c.lent_status, c.status)"
    };
}
pub(crate) use shown_status;

mod ahead;
mod backup;
mod correct;
mod curate;
pub mod desk;
mod error;
mod filter;
mod full;
mod full_import;
mod import_keys;
mod matching;
pub mod migrate;
mod models;
mod query;
mod rank;
mod redact;
mod review;
mod search;
mod settings;
mod speakers;
pub mod users;
mod vectors;
mod write;

use claimledger_core::claim;
use claimledger_lang as lang;

pub use crate::claim::{NewClaim, NewSource};
pub use correct::{ClaimEdit, Corrector};
pub use curate::{AuditedMerge, Suggestion, TrailEvent};
pub use error::StoreError;
pub use filter::{ClaimFilter, FilterError, FilterWords, SortOrder};
pub use full::{FullLedgerCorrection, FullModel, LedgerLine};
pub use matching::{MatchDetails, PostingsReader, Prefetched};
pub use models::{ModelRow, ScoredClaim, StoredModel};
pub use query::stems_of_text;
pub use rank::register_stems;
pub use redact::{REDACTED, Redacted};
pub use search::{Found, RANK_AT_MOST};
pub use settings::PublishSettings;
pub use vectors::register as register_vectors;
pub use write::{BulkWriter, IngestOutcome, PreparedArticle};

use crate::claim::{AppearanceRecord, ClaimRecord, Review, SourceRecord};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use std::path::Path;

/// An open ledger.
pub struct Ledger {
    conn: Connection,
    path: String,
}

/// Counts for `stats`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub claims: i64,
    pub appearances: i64,
    pub sources: i64,
    pub speakers: i64,
    pub by_status: Vec<(String, i64)>,
    pub by_stance: Vec<(String, i64)>,
    pub by_speaker: Vec<(String, i64)>,
    pub by_publisher: Vec<(String, i64)>,
    pub by_month: Vec<(String, i64)>,
}

/// A speaker with how many claims they made (each counted once, however often repeated).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SpeakerSummary {
    pub id: i64,
    pub name: String,
    pub role: Option<String>,
    pub kind: String,
    pub aliases: Vec<String>,
    pub claims: i64,
    /// The article a generic or anonymous speaker belongs to ("officials" there); `None` for a
    /// named speaker shared by every article.
    pub source: Option<i64>,
}

/// A search hit: the claim and its text with the matching words marked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    pub record: ClaimRecord,
    pub highlighted: String,
    /// 1 for the best match (bm25), then 2, 3, …
    pub rank: usize,
}

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT_MS: u64 = 5_000;

/// The wait of this process (`CLAIMLEDGER_BUSY_TIMEOUT_MS`, else [`BUSY_TIMEOUT_MS`]).
static BUSY_WAIT_MS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// SQLite's busy handler: waits a millisecond at a time until the lock is free or the wait is
/// over. SQLite's own (`busy_timeout`) looks again only every 100 ms after the first few
/// tries, and so misses the short gaps between the batches of an ingest: a reviewer could wait
/// through a whole long ingest.
fn wait_for_lock(tries: i32) -> bool {
    let limit = BUSY_WAIT_MS.get().copied().unwrap_or(BUSY_TIMEOUT_MS);
    if u64::try_from(tries).unwrap_or(u64::MAX) >= limit {
        return false;
    }
    std::thread::sleep(std::time::Duration::from_millis(1));
    true
}

/// What a command needs from the ledger file, which decides whether it may be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create the ledger (and its folder) when it does not exist: init, ingest, add, import.
    Create,
    /// Write to a ledger that must exist: review and corrections.
    Write,
    /// Only read: works on a read-only file, never creates or changes anything.
    Read,
}

impl Ledger {
    /// Opens (creating it when `access` allows) the ledger at `path` and brings its schema up
    /// to date. A file that is not a ledger, or one written by a newer claimledger, is refused
    /// before anything is written to it.
    pub fn open(path: &Path, access: Access) -> Result<Ledger, StoreError> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::Directory { path: shown });
        }
        let exists = path.exists();
        if !exists && access != Access::Create {
            return Err(StoreError::Missing { path: shown });
        }
        if !exists && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|_| StoreError::ReadOnly {
                path: shown.clone(),
            })?;
        }
        let read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        if read_only && access != Access::Read {
            return Err(StoreError::ReadOnly { path: shown });
        }
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else if access == Access::Create {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| classify(e, &shown))?;
        match Self::prepare(conn, shown.clone(), access, read_only) {
            // SQLite cannot create the shared-memory file of a WAL ledger in a read-only
            // folder. A file nobody may write does not change, so read it as immutable; so is
            // one in a folder nobody may write to, since no writer can keep its log there.
            Err(StoreError::ReadOnly { .. }) if read_only || access == Access::Read => {
                let conn = Connection::open_with_flags(
                    immutable_uri(path),
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| classify(e, &shown))?;
                Self::prepare(conn, shown, access, true)
            }
            other => other,
        }
    }

    /// Opens an in-memory ledger (for tests and benchmarks of the store itself).
    pub fn open_in_memory() -> Result<Ledger, StoreError> {
        Self::prepare(
            Connection::open_in_memory()?,
            ":memory:".into(),
            Access::Create,
            false,
        )
    }

    fn prepare(
        mut conn: Connection,
        path: String,
        access: Access,
        read_only: bool,
    ) -> Result<Ledger, StoreError> {
        let timeout = std::env::var("CLAIMLEDGER_BUSY_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(BUSY_TIMEOUT_MS);
        BUSY_WAIT_MS.get_or_init(|| timeout);
        conn.busy_handler(Some(wait_for_lock))
            .map_err(|e| classify(e, &path))?;
        // Look before writing anything: a foreign or newer file must stay byte-identical.
        let fresh = migrate::inspect(&conn, &path).map_err(|e| retype(e, &path))?;
        if fresh && access == Access::Read {
            return Err(StoreError::Missing { path });
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| classify(e, &path))?;
        if path != ":memory:" && !read_only {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .map_err(|e| classify(e, &path))?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| classify(e, &path))?;
        }
        rank::register(&conn).map_err(|e| classify(e, &path))?;
        vectors::register(&conn).map_err(|e| classify(e, &path))?;
        if read_only {
            migrate::check_current(&conn, &path).map_err(|e| retype(e, &path))?;
        } else {
            migrate::migrate(&mut conn, &path).map_err(|e| retype(e, &path))?;
        }
        Ok(Ledger { conn, path })
    }

    /// Returns true when the ledger holds no claim, source, reviewer or model: a file that
    /// only has the schema.
    pub fn holds_nothing(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM claims) AND NOT EXISTS (SELECT 1 FROM sources)
                    AND NOT EXISTS (SELECT 1 FROM desk_users)
                    AND NOT EXISTS (SELECT 1 FROM checkworthiness_models)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The path the ledger was opened from.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Gives the connection 32 MB of page cache instead of 2, for commands that match claims
    /// (`match`, `ingest`): matching reads the index pages of many terms per text. Other
    /// commands keep the small cache (an export of 1M claims stays under 10 MB).
    pub fn prepare_for_matching(&self) -> Result<(), StoreError> {
        self.set_page_cache_mb(32)
    }

    /// Lets the connection keep up to `mb` MB of the ledger's pages (SQLite's default is 2):
    /// pages read again come from memory instead of a read from the file.
    pub fn set_page_cache_mb(&self, mb: i64) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "cache_size", -1000 * mb)
            .map_err(|e| self.err(e))
    }

    /// Asks SQLite to keep the memory of every connection of this process under `mb` MB
    /// (`PRAGMA soft_heap_limit`): over it, pages cached are reused rather than more
    /// allocated. Nothing fails at the limit.
    pub fn set_soft_heap_limit_mb(&self, mb: i64) -> Result<(), StoreError> {
        self.conn
            .query_row(
                &format!("PRAGMA soft_heap_limit = {}", mb.max(0) * 1_000_000),
                [],
                |_| Ok(()),
            )
            .map_err(|e| self.err(e))
    }

    /// The schema version of the open ledger.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Maps an SQLite error to a typed one that names this ledger.
    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(e, &self.path)
    }

    /// Returns the claims matching a filter.
    pub fn list(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each(filter, |r| {
            out.push(r);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// [`Ledger::list`] without how often and when each claim was seen (`appearances` 0), for
    /// outputs that do not show it (the CSV).
    pub fn list_unseen(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each_unseen(filter, |r| {
            out.push(r);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Calls `each` for every claim matching the filter, one row at a time, so that exports do
    /// not hold the ledger in memory.
    pub fn for_each<E>(
        &self,
        filter: &ClaimFilter,
        each: impl FnMut(ClaimRecord) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        self.for_each_of(RECORD_SELECT, filter, each)
    }

    /// [`Ledger::for_each`] without how often and when each claim was seen (`appearances` 0,
    /// `first_seen` and `last_seen` None): for outputs that do not show it, such as the CSV,
    /// where counting it would cost as much as the rest of the export.
    pub fn for_each_unseen<E>(
        &self,
        filter: &ClaimFilter,
        each: impl FnMut(ClaimRecord) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        self.for_each_of(RECORD_SELECT_UNSEEN, filter, each)
    }

    fn for_each_of<E>(
        &self,
        select: &str,
        filter: &ClaimFilter,
        mut each: impl FnMut(ClaimRecord) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let (sql, values) = filter.to_sql(select);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            each(record_from_row(row).map_err(|e| self.err(e))?)?;
        }
        Ok(())
    }

    /// Returns one claim, its sentence, and its source id.
    pub fn get(&self, id: i64) -> Result<(ClaimRecord, String, Option<i64>), StoreError> {
        let sql = format!("{RECORD_SELECT} WHERE c.id = ?1");
        let record = self
            .conn
            .query_row(&sql, [id], record_from_row)
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::UnknownClaim(id))?;
        let (sentence, source): (String, Option<i64>) = self
            .conn
            .query_row(
                "SELECT sentence, source_id FROM claims WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        Ok((record, sentence, source))
    }

    /// Returns the appearances of a claim, oldest first.
    pub fn appearances(&self, claim_id: i64) -> Result<Vec<AppearanceRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.claim_id, a.text, a.sentence, a.speaker_names, a.speaker_roles,
                        a.speaker_kinds, a.cue, a.mode, a.stance, a.source_id, s.title, s.publisher,
                        s.url, s.published, s.language,
                        COALESCE(s.published, substr(a.created_at, 1, 10)), a.created_at
                 FROM appearances a LEFT JOIN sources s ON s.id = a.source_id
                 WHERE a.claim_id = ?1 ORDER BY 17, a.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([claim_id], appearance_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Returns a source by id.
    pub fn source(&self, id: i64) -> Result<Option<SourceRecord>, StoreError> {
        let sql = format!("{SOURCE_SELECT} WHERE s.id = ?1");
        self.conn
            .query_row(&sql, [id], source_from_row)
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Returns every source with its claim count, newest first.
    pub fn sources(&self) -> Result<Vec<SourceRecord>, StoreError> {
        let sql = format!("{SOURCE_SELECT} ORDER BY s.id DESC");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], source_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Returns the review trail of a claim, oldest first.
    pub fn history(&self, id: i64) -> Result<Vec<Review>, StoreError> {
        self.get(id)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, claim_id, from_status, to_status, note, evidence, reviewer, reviewed_at
                 FROM reviews WHERE claim_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Review {
                    id: r.get(0)?,
                    claim_id: r.get(1)?,
                    from: parse_col(r, 2)?,
                    to: parse_col(r, 3)?,
                    note: r.get(4)?,
                    evidence: json_list(&r.get::<_, String>(5)?),
                    reviewer: r.get(6)?,
                    reviewed_at: r.get(7)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Counts the claims a filter selects by status, stance, speaker, publisher and month.
    /// Without a filter, `sources` and `speakers` count every one in the ledger; with one,
    /// those where the selected claims appeared and who said them.
    pub fn stats(&self, filter: &ClaimFilter) -> Result<Stats, StoreError> {
        let (conditions, values) = filter.conditions(1);
        let narrowed = !conditions.is_empty();
        // A claim merged into another one is counted through that one.
        let conditions = if narrowed {
            format!("c.merged_into IS NULL AND {conditions}")
        } else {
            "c.merged_into IS NULL".into()
        };
        // The selected claims, as a CTE every count reads from.
        let with = format!(
            "WITH f AS (SELECT c.id, {} AS status, c.stance, c.source_id, c.created_at,
                               s.publisher, s.published
                        FROM claims c LEFT JOIN sources s ON s.id = c.source_id WHERE {conditions}) ",
            shown_status!()
        );
        let params = rusqlite::params_from_iter(values.iter());
        let count = |sql: &str| -> Result<i64, StoreError> {
            self.conn
                .query_row(&format!("{with}{sql}"), params.clone(), |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        let groups = |sql: &str| -> Result<Vec<(String, i64)>, StoreError> {
            let mut stmt = self
                .conn
                .prepare(&format!("{with}{sql}"))
                .map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map(params.clone(), |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                        r.get(1)?,
                    ))
                })
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        let (sources, speakers) = if narrowed {
            (
                count(
                    "SELECT COUNT(DISTINCT a.source_id) FROM f JOIN appearances a ON a.claim_id = f.id",
                )?,
                count(
                    "SELECT COUNT(DISTINCT asp.speaker_id) FROM f JOIN appearances a ON a.claim_id = f.id
                     JOIN appearance_speakers asp ON asp.appearance_id = a.id",
                )?,
            )
        } else {
            (
                count("SELECT COUNT(*) FROM sources")?,
                count("SELECT COUNT(*) FROM speakers")?,
            )
        };
        Ok(Stats {
            claims: count("SELECT COUNT(*) FROM f")?,
            appearances: count("SELECT COUNT(*) FROM f JOIN appearances a ON a.claim_id = f.id")?,
            sources,
            speakers,
            by_status: groups("SELECT status, COUNT(*) FROM f GROUP BY status ORDER BY 2 DESC, 1")?,
            by_stance: groups("SELECT stance, COUNT(*) FROM f GROUP BY stance ORDER BY 2 DESC, 1")?,
            // Through the appearances: a speaker counts each claim once, however often they
            // said it.
            by_speaker: groups(
                "SELECT sp.name, COUNT(DISTINCT a.claim_id) FROM f JOIN appearances a ON a.claim_id = f.id
                 JOIN appearance_speakers asp ON asp.appearance_id = a.id
                 JOIN speakers sp ON sp.id = asp.speaker_id GROUP BY sp.id ORDER BY 2 DESC, 1 LIMIT 50",
            )?,
            by_publisher: groups(
                "SELECT COALESCE(publisher, '(none)'), COUNT(*) FROM f GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            by_month: groups(
                "SELECT COALESCE(substr(published, 1, 7), 'undated'), COUNT(*) FROM f GROUP BY 1 ORDER BY 1",
            )?,
        })
    }

    /// Lists speakers with their aliases and claim counts, most claims first.
    pub fn speakers(&self) -> Result<Vec<SpeakerSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT sp.id, sp.name, sp.role, sp.kind,
                        (SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases a WHERE a.speaker_id = sp.id ORDER BY alias)),
                        (SELECT COUNT(DISTINCT a.claim_id) FROM appearance_speakers asp
                         JOIN appearances a ON a.id = asp.appearance_id WHERE asp.speaker_id = sp.id),
                        sp.source_id
                 FROM speakers sp ORDER BY 6 DESC, sp.name, sp.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SpeakerSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    kind: r.get(3)?,
                    aliases: json_list(&r.get::<_, String>(4)?),
                    claims: r.get(5)?,
                    source: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

pub use crate::claim::LIST_SEPARATOR;
use crate::claim::split_list;

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// The columns of a [`ClaimRecord`], in the order `record_from_row` reads them (a macro so the
/// list can be spliced into several statements with `concat!`).
macro_rules! record_columns {
    () => {
        concat!("c.id, ", shown_status!(), ", c.text, c.speaker_names, c.speaker_roles, c.speaker_kinds,
        c.cue, c.mode, c.stance, c.checkworthiness, s.title, s.publisher, s.url, s.published, s.language,
        r.note, r.reviewer, r.reviewed_at, c.created_at, c.merged_into, r.url, ")
    };
}
/// How often and when a claim was seen, in one pass over its appearances (three separate
/// subqueries cost more than the rest of an export of 1M claims).
macro_rules! seen_column {
    () => {
        "(SELECT json_array(COUNT(*), MIN(COALESCE(sa.published, substr(a.created_at, 1, 10))),
                            MAX(COALESCE(sa.published, substr(a.created_at, 1, 10))))
          FROM appearances a LEFT JOIN sources sa ON sa.id = a.source_id WHERE a.claim_id = c.id)"
    };
}
macro_rules! record_joins {
    () => {
        " LEFT JOIN sources s ON s.id = c.source_id
        LEFT JOIN reviews r ON r.id = COALESCE(c.lent_review,
            (SELECT MAX(id) FROM reviews WHERE claim_id = c.id))"
    };
}
const RECORD_COLUMNS: usize = 22;
const RECORD_SELECT: &str = concat!(
    "SELECT ",
    record_columns!(),
    seen_column!(),
    " FROM claims c",
    record_joins!()
);
/// [`RECORD_SELECT`] without how often and when the claim was seen (NULL in its place).
const RECORD_SELECT_UNSEEN: &str = concat!(
    "SELECT ",
    record_columns!(),
    "NULL FROM claims c",
    record_joins!()
);
const RECORD_SELECT_FROM_HITS: &str = concat!(
    "SELECT ",
    record_columns!(),
    seen_column!(),
    ", hits.marked FROM hits JOIN claims c ON c.id = hits.id",
    record_joins!()
);
const RECORD_SELECT_FROM_HITS_UNSEEN: &str = concat!(
    "SELECT ",
    record_columns!(),
    "NULL, hits.marked FROM hits JOIN claims c ON c.id = hits.id",
    record_joins!()
);

// Declared after the macros above, which it uses.
mod cells;
pub use cells::ClaimCells;

const SOURCE_SELECT: &str = "SELECT s.id, s.url, s.title, s.publisher, s.authors, s.published, s.dateline,
    s.language, s.ingested_at, (SELECT COUNT(*) FROM appearances a WHERE a.source_id = s.id) FROM sources s";

fn parse_col<T: std::str::FromStr>(r: &Row, i: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = r.get(i)?;
    s.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn record_from_row(r: &Row) -> rusqlite::Result<ClaimRecord> {
    let (appearances, first_seen, last_seen) = seen_from(r.get(21)?);
    Ok(ClaimRecord {
        id: r.get(0)?,
        status: parse_col(r, 1)?,
        text: r.get(2)?,
        speakers: split_list(&r.get::<_, String>(3)?),
        roles: split_list(&r.get::<_, Option<String>>(4)?.unwrap_or_default()),
        kinds: split_list(&r.get::<_, Option<String>>(5)?.unwrap_or_default()),
        cue: r.get(6)?,
        mode: parse_col(r, 7)?,
        stance: parse_col(r, 8)?,
        checkworthiness: round_score(r.get(9)?),
        source_title: r.get(10)?,
        publisher: r.get(11)?,
        url: r.get(12)?,
        published: r.get(13)?,
        language: r.get(14)?,
        last_review_note: r.get(15)?,
        reviewer: r.get(16)?,
        reviewed_at: r.get(17)?,
        created_at: r.get(18)?,
        merged_into: r.get(19)?,
        review_url: r.get(20)?,
        appearances,
        first_seen,
        last_seen,
    })
}

/// The `[count, first, last]` of [`seen_column!`]; `(0, None, None)` where it was not read.
fn seen_from(cell: Option<String>) -> (i64, Option<String>, Option<String>) {
    let parsed: Option<(i64, Option<String>, Option<String>)> =
        cell.and_then(|c| serde_json::from_str(&c).ok());
    parsed.unwrap_or((0, None, None))
}

fn appearance_from_row(r: &Row) -> rusqlite::Result<AppearanceRecord> {
    Ok(AppearanceRecord {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        text: r.get(2)?,
        sentence: r.get(3)?,
        speakers: split_list(&r.get::<_, String>(4)?),
        roles: split_list(&r.get::<_, String>(5)?),
        kinds: split_list(&r.get::<_, String>(6)?),
        cue: r.get(7)?,
        mode: parse_col(r, 8)?,
        stance: parse_col(r, 9)?,
        source_id: r.get(10)?,
        source_title: r.get(11)?,
        publisher: r.get(12)?,
        url: r.get(13)?,
        published: r.get(14)?,
        language: r.get(15)?,
        seen: r.get(16)?,
        created_at: r.get(17)?,
    })
}

fn source_from_row(r: &Row) -> rusqlite::Result<SourceRecord> {
    Ok(SourceRecord {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        publisher: r.get(3)?,
        authors: json_list(&r.get::<_, String>(4)?),
        published: r.get(5)?,
        dateline: r.get(6)?,
        language: r.get(7)?,
        ingested_at: r.get(8)?,
        claims: r.get(9)?,
    })
}

/// A `file:` URI that opens `path` as immutable (read-only, no locks, no WAL files).
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Returns the current time as an RFC 3339 string in UTC. `CLAIMLEDGER_NOW` fixes it (tests).
pub fn now() -> String {
    std::env::var("CLAIMLEDGER_NOW")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Rounds a check-worthiness to three decimals, so that sums like 0.6299999999999999 are
/// stored (and printed) as 0.63.
pub fn round_score(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Rounds a match score to six decimals, as it is stored and exported: a score read back from
/// an export is then stored as it was.
pub fn round_match_score(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Names the ledger in an SQLite error that came through a typed one.
fn retype(e: StoreError, path: &str) -> StoreError {
    match e {
        StoreError::Sqlite(err) => classify(err, path),
        other => other,
    }
}

/// Turns SQLite's error codes for a foreign, locked or read-only file into typed errors.
fn classify(e: rusqlite::Error, path: &str) -> StoreError {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        let path = path.to_string();
        match f.code {
            ErrorCode::NotADatabase => return StoreError::NotADatabase { path },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Locked { path };
            }
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                return StoreError::ReadOnly { path };
            }
            _ => {}
        }
    }
    StoreError::Sqlite(e)
}
