//! Claims read in place for the CSV export: the cells as SQLite holds them, borrowed for the
//! time of one row, instead of a [`crate::claim::ClaimRecord`] built for every claim. Building
//! the record (19 strings, three speaker lists split into vectors that the CSV joins again)
//! was most of what an export of a million claims cost beyond SQLite.

use super::StoreError;
use super::{ClaimFilter, Ledger};
use crate::claim::{Mode, Stance, Status};
use rusqlite::Row;

/// One claim's cells, as the CSV export writes them. Text cells that are NULL in the ledger
/// are empty here; speaker lists are as stored (names joined as `claim::join_list` joins them).
#[derive(Debug, Clone, Copy)]
pub struct ClaimCells<'r> {
    pub id: i64,
    pub status: Status,
    pub text: &'r str,
    pub speakers: &'r str,
    pub roles: &'r str,
    pub kinds: &'r str,
    pub cue: &'r str,
    pub mode: Mode,
    pub stance: Stance,
    /// Rounded as in a `ClaimRecord`.
    pub checkworthiness: f64,
    pub source_title: &'r str,
    pub publisher: &'r str,
    pub url: &'r str,
    pub published: &'r str,
    pub language: &'r str,
    pub last_review_note: &'r str,
    pub reviewer: &'r str,
    pub reviewed_at: &'r str,
    pub created_at: &'r str,
}

/// The columns [`ClaimCells`] reads, in its order: those of `record_columns!` that the CSV has.
const CELLS_SELECT: &str = concat!(
    "SELECT c.id, ",
    super::shown_status!(),
    ", c.text, c.speaker_names, c.speaker_roles, c.speaker_kinds,
        c.cue, c.mode, c.stance, c.checkworthiness, s.title, s.publisher, s.url, s.published,
        s.language, COALESCE(r.note, r.url), r.reviewer, r.reviewed_at, c.created_at FROM claims c",
    record_joins!()
);

impl Ledger {
    /// Calls `each` with the cells of every claim the filter selects, in its order, one row at
    /// a time (see [`ClaimCells`]). The claims and their order are those of
    /// [`Ledger::for_each_unseen`].
    pub fn for_each_cells<E>(
        &self,
        filter: &ClaimFilter,
        mut each: impl FnMut(&ClaimCells<'_>) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let (sql, values) = filter.to_sql(CELLS_SELECT);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            each(&cells(row).map_err(|e| self.err(e))?)?;
        }
        Ok(())
    }
}

fn cells<'r>(r: &'r Row<'_>) -> rusqlite::Result<ClaimCells<'r>> {
    let text = |i: usize| -> rusqlite::Result<&'r str> {
        Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or(""))
    };
    Ok(ClaimCells {
        id: r.get(0)?,
        status: parsed(r, 1)?,
        text: text(2)?,
        speakers: text(3)?,
        roles: text(4)?,
        kinds: text(5)?,
        cue: text(6)?,
        mode: parsed(r, 7)?,
        stance: parsed(r, 8)?,
        checkworthiness: super::round_score(r.get(9)?),
        source_title: text(10)?,
        publisher: text(11)?,
        url: text(12)?,
        published: text(13)?,
        language: text(14)?,
        last_review_note: text(15)?,
        reviewer: text(16)?,
        reviewed_at: text(17)?,
        created_at: r.get_ref(18)?.as_str()?,
    })
}

/// A named value (status, mode, stance) read without copying its cell first.
fn parsed<T: std::str::FromStr>(r: &Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    r.get_ref(i)?.as_str()?.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}
