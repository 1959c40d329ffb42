//! What the review desk (`claimledger serve`) and the HTML report read and write beyond the
//! CLI's queries: a paged queue, claims placed in their articles, chart series, and a review
//! recorded once per posted form.

use super::StoreError;
use super::review::{NewReview, record_review};
use super::{ClaimFilter, Ledger, SortOrder};
use crate::claim::{ClaimRecord, Review, Status};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use std::collections::HashMap;

/// Up to this many claims of a dashboard's filter (and their appearances) are looked up one by one;
/// more are picked out of one read of every row (a million rows take about 0.2 s).
const FEW_CLAIMS: usize = 50_000;

/// A claim `c` whose source has no publication date (read from the source index).
const UNPUBLISHED_SOURCE: &str = "c.source_id IN (SELECT id FROM sources WHERE published IS NULL)";

/// Where one appearance of a claim sits in its article.
#[derive(Debug, Clone)]
pub struct Placed {
    pub appearance_id: i64,
    pub source_id: Option<i64>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub sentence: String,
    pub cue: Option<String>,
    /// The whole article text (empty for a claim typed by hand).
    pub body: String,
}

/// A claim's span in an article, for highlighting the whole article.
#[derive(Debug, Clone)]
pub struct Span {
    pub claim_id: i64,
    pub start: usize,
    pub end: usize,
    pub status: Status,
}

/// One bar segment of a chart: a label (month or name), a category (status) and a count.
pub type Cell = (String, String, i64);

/// A speaker as the desk shows them.
#[derive(Debug, Clone)]
pub struct SpeakerCard {
    pub id: i64,
    pub name: String,
    pub role: Option<String>,
    pub kind: String,
    pub aliases: Vec<String>,
}

impl Ledger {
    /// The ids of one page of the queue: claims the filter selects, in `order`, skipping
    /// `offset`.
    pub fn queue_ids(
        &self,
        filter: &ClaimFilter,
        order: SortOrder,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<i64>, StoreError> {
        let (conditions, mut values) = filter.conditions(3);
        // `+` keeps SQLite from walking the merged_into index (nearly every claim has none)
        // instead of the check-worthiness index, which gives the queue's order without sorting.
        let mut sql = String::from(
            "SELECT c.id FROM claims c LEFT JOIN sources s ON s.id = c.source_id
             WHERE +c.merged_into IS NULL",
        );
        if !conditions.is_empty() {
            sql.push_str(" AND ");
            sql.push_str(&conditions);
        }
        sql.push_str(order.order_by());
        sql.push_str(" LIMIT ?1 OFFSET ?2");
        let clamp = |n: u64| Value::Integer(n.min(i64::MAX as u64) as i64);
        values.splice(0..0, [clamp(limit), clamp(offset)]);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The claims of `ids`, in that order (ids that are gone are left out), in one query.
    pub fn records(&self, ids: &[i64]) -> Result<Vec<ClaimRecord>, StoreError> {
        let sql = format!(
            "{} WHERE c.id IN (SELECT value FROM json_each(?1))",
            super::RECORD_SELECT
        );
        let wanted = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut found: std::collections::HashMap<i64, ClaimRecord> = stmt
            .query_map([wanted], |r| {
                let record = super::record_from_row(r)?;
                Ok((record.id, record))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// How many listed claims (not merged away) have each status, most first. Counted on the
    /// status index alone (80 ms for a million claims, where a scan of the table takes ten
    /// times that), minus the few claims merged into others.
    pub fn status_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let groups = |sql: &str| -> Result<Vec<(String, i64)>, StoreError> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        let mut counts = groups(concat!(
            "SELECT ",
            super::shown_status!(),
            ", COUNT(*) FROM claims c GROUP BY 1"
        ))?;
        let merged = groups(
            "SELECT status, COUNT(*) FROM claims INDEXED BY claims_merged_into
             WHERE merged_into > 0 GROUP BY status",
        )?;
        for (status, n) in merged {
            if let Some(c) = counts.iter_mut().find(|(s, _)| *s == status) {
                c.1 -= n;
            }
        }
        counts.retain(|(_, n)| *n > 0);
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(counts)
    }

    /// Every appearance of a claim with its offsets and its article's text, oldest first.
    pub fn placed(&self, claim_id: i64) -> Result<Vec<Placed>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.source_id, a.start_byte, a.end_byte, a.sentence, a.cue,
                        COALESCE(s.body, '')
                 FROM appearances a LEFT JOIN sources s ON s.id = a.source_id
                 WHERE a.claim_id = ?1 ORDER BY a.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([claim_id], |r| {
                Ok(Placed {
                    appearance_id: r.get(0)?,
                    source_id: r.get(1)?,
                    start: r
                        .get::<_, Option<i64>>(2)?
                        .and_then(|n| usize::try_from(n).ok()),
                    end: r
                        .get::<_, Option<i64>>(3)?
                        .and_then(|n| usize::try_from(n).ok()),
                    sentence: r.get(4)?,
                    cue: r.get(5)?,
                    body: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// An article's text and the spans of every claim that appears in it, by position.
    pub fn source_spans(&self, source_id: i64) -> Result<Option<(String, Vec<Span>)>, StoreError> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM sources WHERE id = ?1", [source_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(body) = body else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.claim_id, a.start_byte, a.end_byte, COALESCE(c.lent_status, c.status) FROM appearances a
                 JOIN claims c ON c.id = a.claim_id
                 WHERE a.source_id = ?1 AND a.start_byte IS NOT NULL AND a.end_byte IS NOT NULL
                 ORDER BY a.start_byte, a.end_byte DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([source_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut spans = Vec::new();
        for row in rows {
            let (claim_id, start, end, status) = row.map_err(|e| self.err(e))?;
            if let (Ok(start), Ok(end), Ok(status)) =
                (usize::try_from(start), usize::try_from(end), status.parse())
            {
                spans.push(Span {
                    claim_id,
                    start,
                    end,
                    status,
                });
            }
        }
        Ok(Some((body, spans)))
    }

    /// A speaker by id, with their aliases.
    pub fn speaker_card(&self, id: i64) -> Result<Option<SpeakerCard>, StoreError> {
        self.conn
            .query_row(
                "SELECT sp.id, sp.name, sp.role, sp.kind,
                        (SELECT json_group_array(alias) FROM
                            (SELECT alias FROM speaker_aliases a WHERE a.speaker_id = sp.id ORDER BY alias))
                 FROM speakers sp WHERE sp.id = ?1",
                [id],
                |r| {
                    Ok(SpeakerCard {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        role: r.get(2)?,
                        kind: r.get(3)?,
                        aliases: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The id of the speaker with this name or alias (case-insensitive).
    pub fn speaker_id(&self, name: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT id FROM speakers WHERE name = ?1
                 UNION ALL SELECT speaker_id FROM speaker_aliases WHERE alias = ?1 LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// A speaker's claims by month (publication date, else recording date) and status.
    pub fn speaker_months(&self, id: i64) -> Result<Vec<Cell>, StoreError> {
        self.cells(
            "SELECT substr(COALESCE(s.published, c.created_at), 1, 7), COALESCE(c.lent_status, c.status), COUNT(DISTINCT c.id)
             FROM appearance_speakers asp JOIN appearances a ON a.id = asp.appearance_id
             JOIN claims c ON c.id = a.claim_id LEFT JOIN sources s ON s.id = c.source_id
             WHERE asp.speaker_id = ?1 AND c.merged_into IS NULL GROUP BY 1, 2 ORDER BY 1, 2",
            vec![Value::Integer(id)],
        )
    }

    /// Verdicts and dismissals recorded per month (of the review) and status, for the claims
    /// the filter selects.
    pub fn verdicts_by_month(&self, filter: &ClaimFilter) -> Result<Vec<Cell>, StoreError> {
        let (conditions, values) = filter.conditions(1);
        self.cells(
            &format!(
                "SELECT substr(r.reviewed_at, 1, 7), r.to_status, COUNT(*) FROM reviews r
                 JOIN claims c ON c.id = r.claim_id LEFT JOIN sources s ON s.id = c.source_id
                 WHERE r.to_status NOT IN ('unverified', 'in-review') AND {}
                 GROUP BY 1, 2 ORDER BY 1, 2",
                and_true(&conditions)
            ),
            values,
        )
    }

    /// The speakers with the most claims rated false, mostly false or misleading (by status),
    /// at most `limit` speakers. Only speakers shared across articles (people and bodies the
    /// ledger knows by name; a name is unique among them): an unnamed "he" of one article is
    /// not somebody to rank.
    pub fn top_false_speakers(
        &self,
        filter: &ClaimFilter,
        limit: usize,
    ) -> Result<Vec<Cell>, StoreError> {
        let (conditions, values) = filter.conditions(1);
        self.top_false_speakers_where(&conditions, values, limit)
    }

    /// [`Ledger::top_false_speakers`] of the claims that meet `conditions`.
    fn top_false_speakers_where(
        &self,
        conditions: &str,
        values: Vec<Value>,
        limit: usize,
    ) -> Result<Vec<Cell>, StoreError> {
        let mut cells = self.cells(
            &format!(
                "WITH f AS (SELECT c.id, COALESCE(c.lent_status, c.status) AS status FROM claims c LEFT JOIN sources s ON s.id = c.source_id
                            WHERE c.merged_into IS NULL
                              AND COALESCE(c.lent_status, c.status) IN ('false', 'mostly-false', 'misleading') AND {}),
                      per AS (SELECT sp.name AS name, f.status AS status, COUNT(DISTINCT f.id) AS n
                              FROM f JOIN appearances a ON a.claim_id = f.id
                              JOIN appearance_speakers asp ON asp.appearance_id = a.id
                              JOIN speakers sp ON sp.id = asp.speaker_id
                              WHERE sp.source_id IS NULL GROUP BY sp.id, f.status)
                 SELECT name, status, n, SUM(n) OVER (PARTITION BY name) AS total FROM per
                 ORDER BY total DESC, name, status",
                and_true(conditions)
            ),
            values,
        )?;
        let mut names: Vec<String> = Vec::new();
        cells.retain(|(name, _, _)| {
            if !names.contains(name) {
                names.push(name.clone());
            }
            names
                .iter()
                .position(|n| n == name)
                .is_some_and(|i| i < limit)
        });
        Ok(cells)
    }

    /// The queue's size at the end of each month: claims dated by then (see
    /// [`Ledger::claims_by_date`]) minus those that had received a verdict or a dismissal by
    /// then. A verdict taken back later is not counted back into the queue.
    pub fn queue_by_month(&self, filter: &ClaimFilter) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(queue_sizes(
            &self.claims_by_date(filter)?,
            &self.first_verdicts_by_month(filter)?,
        ))
    }

    /// Claims per month of their date, oldest first: the publication date of the article the
    /// claim was first seen in, else when it was recorded (an archive ingested in one day is
    /// spread over the months it was published in). Reviews do not change it.
    pub fn claims_by_date(&self, filter: &ClaimFilter) -> Result<Vec<(String, i64)>, StoreError> {
        let (conditions, values) = filter.conditions(1);
        let cells = self.cells(
            &format!(
                "SELECT substr(COALESCE(s.published, c.created_at), 1, 7), '', COUNT(*)
                 FROM claims c LEFT JOIN sources s ON s.id = c.source_id
                 WHERE c.merged_into IS NULL AND {} GROUP BY 1 ORDER BY 1",
                and_true(&conditions)
            ),
            values,
        )?;
        Ok(cells.into_iter().map(|(m, _, n)| (m, n)).collect())
    }

    /// Claims that received their first verdict or dismissal, per month of that review, oldest
    /// first.
    pub fn first_verdicts_by_month(
        &self,
        filter: &ClaimFilter,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let (conditions, values) = filter.conditions(1);
        let cells = self.cells(
            &format!(
                "WITH done AS (SELECT r.claim_id, MIN(r.reviewed_at) AS at FROM reviews r
                               WHERE r.to_status NOT IN ('unverified', 'in-review') GROUP BY r.claim_id)
                 SELECT substr(done.at, 1, 7), '', COUNT(*) FROM done
                 JOIN claims c ON c.id = done.claim_id LEFT JOIN sources s ON s.id = c.source_id
                 WHERE c.merged_into IS NULL AND {} GROUP BY 1 ORDER BY 1",
                and_true(&conditions)
            ),
            values,
        )?;
        Ok(cells.into_iter().map(|(m, _, n)| (m, n)).collect())
    }

    /// [`Ledger::statuses`] of a selection: the claims of each status but `unverified` read
    /// from the status index, the unverified ones the rest (the statuses a review changes,
    /// without asking the filter again).
    pub fn statuses_in(&self, selection: &Selection) -> Result<Vec<(String, i64)>, StoreError> {
        let mut counts: Vec<(String, i64)> = Vec::new();
        let mut others = 0;
        for range in ["< 'unverified'", "> 'unverified'"] {
            let mut stmt = self
                .conn
                .prepare(&format!(
                    "SELECT {0}, c.id FROM claims c INDEXED BY claims_shown_status WHERE {0} {range}",
                    super::shown_status!()
                ))
                .map_err(|e| self.err(e))?;
            let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                if !selection.listed.has(r.get(1).map_err(|e| self.err(e))?) {
                    continue;
                }
                let status = r
                    .get_ref(0)
                    .and_then(|v| Ok(v.as_str()?))
                    .map_err(|e| self.err(e))?;
                others += 1;
                match counts.iter_mut().find(|(s, _)| s == status) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((status.to_string(), 1)),
                }
            }
        }
        counts.push(("unverified".into(), selection.listed.len() as i64 - others));
        counts.retain(|(_, n)| *n > 0);
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(counts)
    }

    /// [`Ledger::verdicts_by_month`] of a selection.
    pub fn verdicts_by_month_in(&self, selection: &Selection) -> Result<Vec<Cell>, StoreError> {
        let mut cells: HashMap<(String, String), i64> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT substr(r.reviewed_at, 1, 7), r.to_status, r.claim_id FROM reviews r
                 WHERE r.to_status NOT IN ('unverified', 'in-review')",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let claim = r.get(2).map_err(|e| self.err(e))?;
            if selection.listed.has(claim) || selection.merged.has(claim) {
                let month = r.get(0).map_err(|e| self.err(e))?;
                let status = r.get(1).map_err(|e| self.err(e))?;
                *cells.entry((month, status)).or_default() += 1;
            }
        }
        let mut cells: Vec<Cell> = cells.into_iter().map(|((m, s), n)| (m, s, n)).collect();
        cells.sort();
        Ok(cells)
    }

    /// [`Ledger::first_verdicts_by_month`] of a selection.
    pub fn first_verdicts_by_month_in(
        &self,
        selection: &Selection,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let mut months: HashMap<String, i64> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.claim_id, substr(MIN(r.reviewed_at), 1, 7) FROM reviews r
                 WHERE r.to_status NOT IN ('unverified', 'in-review') GROUP BY r.claim_id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            if selection.listed.has(r.get(0).map_err(|e| self.err(e))?) {
                *months
                    .entry(r.get(1).map_err(|e| self.err(e))?)
                    .or_default() += 1;
            }
        }
        let mut months: Vec<(String, i64)> = months.into_iter().collect();
        months.sort();
        Ok(months)
    }

    /// [`Ledger::top_false_speakers`] of a selection: its claims rated false, mostly false or
    /// misleading, found by the status index.
    pub fn top_false_speakers_in(
        &self,
        selection: &Selection,
        limit: usize,
    ) -> Result<Vec<Cell>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(concat!(
                "SELECT c.id FROM claims c WHERE ",
                super::shown_status!(),
                " IN ('false', 'mostly-false', 'misleading')"
            ))
            .map_err(|e| self.err(e))?;
        let rated: Vec<i64> = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<i64>, _>>()
            .map_err(|e| self.err(e))?
            .into_iter()
            .filter(|id| selection.listed.has(*id))
            .collect();
        let ids = serde_json::to_string(&rated).unwrap_or_else(|_| "[]".into());
        self.top_false_speakers_where(
            "c.id IN (SELECT value FROM json_each(?1))",
            vec![Value::Text(ids)],
            limit,
        )
    }

    /// Claims per status (shown status, most first) for the claims the filter selects: the
    /// `by_status` of [`Ledger::stats`], from the status index alone when there is no filter.
    pub fn statuses(&self, filter: &ClaimFilter) -> Result<Vec<(String, i64)>, StoreError> {
        let (conditions, values) = filter.conditions(1);
        if conditions.is_empty() {
            return self.status_counts();
        }
        let cells = self.cells(
            &format!(
                "SELECT {}, '', COUNT(*) FROM claims c LEFT JOIN sources s ON s.id = c.source_id
                 WHERE c.merged_into IS NULL AND {conditions} GROUP BY 1 ORDER BY 3 DESC, 1",
                super::shown_status!()
            ),
            values,
        )?;
        Ok(cells.into_iter().map(|(st, _, n)| (st, n)).collect())
    }

    /// The counts of [`Ledger::stats`] but `by_stance` (left empty: the dashboard does not
    /// show it), and the claims per month of [`Ledger::claims_by_date`], for the dashboard.
    /// Read from indexes, small tables and plain reads of the appearances and their speakers,
    /// counted here: never one join per count over every selected claim's row (which took
    /// 7–16 s for a filter that selects most of a million claims). Without a filter every
    /// claim counts; with one, the claims it selects are read once (id, source, status).
    pub fn dashboard_counts(&self, filter: &ClaimFilter) -> Result<DashboardCounts, StoreError> {
        self.dashboard_counts_looking_up(filter, FEW_CLAIMS)
    }

    /// [`Ledger::dashboard_counts`], looking up the appearances and speakers of up to `few`
    /// selected claims one by one.
    fn dashboard_counts_looking_up(
        &self,
        filter: &ClaimFilter,
        few: usize,
    ) -> Result<DashboardCounts, StoreError> {
        let (conditions, values) = filter.conditions(1);
        let read = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction().map_err(|e| self.err(e))?)
        } else {
            None
        };
        let counts = if conditions.is_empty() {
            let (stats, dated) = self.counts_of_all()?;
            (stats, dated, None)
        } else {
            self.counts_of_selected(&conditions, &values, few)?
        };
        drop(read);
        Ok(counts)
    }

    /// [`Ledger::dashboard_counts`] of every claim.
    fn counts_of_all(&self) -> Result<(super::Stats, Vec<(String, i64)>), StoreError> {
        let pairs = |sql: &str| -> Result<Vec<(Option<i64>, i64)>, StoreError> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        let count = |sql: &str| -> Result<i64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        // Claims per source from the source index, less those merged away.
        let mut per_source: HashMap<Option<i64>, i64> =
            pairs("SELECT source_id, COUNT(*) FROM claims GROUP BY source_id")?
                .into_iter()
                .collect();
        for (source, n) in pairs(
            "SELECT source_id, COUNT(*) FROM claims INDEXED BY claims_merged_into
             WHERE merged_into > 0 GROUP BY source_id",
        )? {
            *per_source.entry(source).or_default() -= n;
        }
        // Claims without a dated source are dated by when they were recorded.
        let undated = self.cells(
            &format!(
                "SELECT substr(c.created_at, 1, 7), '', COUNT(*) FROM claims c
                 WHERE c.merged_into IS NULL AND c.source_id IS NULL GROUP BY 1
                 UNION ALL
                 SELECT substr(c.created_at, 1, 7), '', COUNT(*) FROM claims c
                 WHERE c.merged_into IS NULL AND {UNPUBLISHED_SOURCE} GROUP BY 1"
            ),
            Vec::new(),
        )?;
        let (claims, by_publisher, by_month, dated) = self.by_source(
            &per_source,
            undated.into_iter().map(|(month, _, n)| (month, n)),
        )?;
        let stats = super::Stats {
            claims,
            // A merged claim has no appearance left: every appearance counts.
            appearances: count("SELECT COUNT(*) FROM appearances")?,
            sources: count("SELECT COUNT(*) FROM sources")?,
            speakers: count("SELECT COUNT(*) FROM speakers")?,
            by_status: self.status_counts()?,
            by_stance: Vec::new(),
            by_speaker: self.top_speakers(&self.speakers_of(None, false)?, 50)?,
            by_publisher,
            by_month,
        };
        Ok((stats, dated))
    }

    /// [`Ledger::dashboard_counts`] of the claims that meet `conditions` (a filter's).
    fn counts_of_selected(
        &self,
        conditions: &str,
        values: &[Value],
        few: usize,
    ) -> Result<DashboardCounts, StoreError> {
        let mut ids: Vec<i64> = Vec::new();
        let mut merged: Vec<i64> = Vec::new();
        let mut per_source: HashMap<Option<i64>, i64> = HashMap::new();
        let mut by_status: Vec<(String, i64)> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare(&format!(
                    "SELECT c.id, c.source_id, {}, c.merged_into IS NULL
                     FROM claims c LEFT JOIN sources s ON s.id = c.source_id WHERE {conditions}",
                    super::shown_status!()
                ))
                .map_err(|e| self.err(e))?;
            let mut rows = stmt
                .query(params_from_iter(values.iter()))
                .map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                if !r.get::<_, bool>(3).map_err(|e| self.err(e))? {
                    merged.push(r.get(0).map_err(|e| self.err(e))?);
                    continue;
                }
                ids.push(r.get(0).map_err(|e| self.err(e))?);
                *per_source
                    .entry(r.get(1).map_err(|e| self.err(e))?)
                    .or_default() += 1;
                let status = r
                    .get_ref(2)
                    .and_then(|v| Ok(v.as_str()?))
                    .map_err(|e| self.err(e))?;
                match by_status.iter_mut().find(|(s, _)| s == status) {
                    Some(entry) => entry.1 += 1,
                    None => by_status.push((status.to_string(), 1)),
                }
            }
        }
        // A few claims are looked up one by one; many are picked out of a read of every row.
        let few = (ids.len() <= few).then(|| ids.clone());
        let selection = Selection {
            listed: IdSet::of(ids),
            merged: IdSet::of(merged),
        };
        let chosen = |id: i64| selection.listed.has(id);
        by_status.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // The selected claims without a dated source, by the month they were recorded.
        let mut undated: HashMap<String, i64> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(&format!(
                    "SELECT c.id, substr(c.created_at, 1, 7) FROM claims c
                     WHERE c.merged_into IS NULL AND (c.source_id IS NULL OR {UNPUBLISHED_SOURCE})"
                ))
                .map_err(|e| self.err(e))?;
            let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                if chosen(r.get(0).map_err(|e| self.err(e))?) {
                    *undated
                        .entry(r.get(1).map_err(|e| self.err(e))?)
                        .or_default() += 1;
                }
            }
        }
        let (claims, by_publisher, by_month, dated) = self.by_source(&per_source, undated)?;
        // The appearances of the selected claims (as `stats`: every appearance of a claim).
        let mut appearances: Vec<(i64, i64)> = Vec::new();
        let mut sources: Vec<i64> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare(if few.is_some() {
                    "SELECT id, claim_id, source_id FROM appearances WHERE claim_id = ?1"
                } else {
                    "SELECT id, claim_id, source_id FROM appearances"
                })
                .map_err(|e| self.err(e))?;
            let mut each = |rows: &mut rusqlite::Rows| -> Result<(), StoreError> {
                while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                    let claim: i64 = r.get(1).map_err(|e| self.err(e))?;
                    if chosen(claim) {
                        appearances.push((r.get(0).map_err(|e| self.err(e))?, claim));
                        if let Some(source) = r.get::<_, Option<i64>>(2).map_err(|e| self.err(e))? {
                            sources.push(source);
                        }
                    }
                }
                Ok(())
            };
            match &few {
                Some(ids) => {
                    for id in ids {
                        each(&mut stmt.query([id]).map_err(|e| self.err(e))?)?;
                    }
                }
                None => each(&mut stmt.query([]).map_err(|e| self.err(e))?)?,
            }
        }
        sources.sort_unstable();
        sources.dedup();
        let said = self.speakers_of(Some(appearances.as_slice()), few.is_some())?;
        let mut speakers: Vec<i64> = said.iter().map(|(speaker, _)| *speaker).collect();
        speakers.dedup();
        let stats = super::Stats {
            claims,
            appearances: appearances.len() as i64,
            sources: sources.len() as i64,
            speakers: speakers.len() as i64,
            by_status,
            by_stance: Vec::new(),
            by_speaker: self.top_speakers(&said, 50)?,
            by_publisher,
            by_month,
        };
        Ok((stats, dated, Some(selection)))
    }

    /// From claims per source and undated claims per month recorded: the claims, the claims by
    /// publisher (most first), by month of publication (`undated` for none) and per month of
    /// their date (publication, else recording), as [`Ledger::stats`] orders them.
    #[allow(clippy::type_complexity)]
    fn by_source(
        &self,
        per_source: &HashMap<Option<i64>, i64>,
        undated: impl IntoIterator<Item = (String, i64)>,
    ) -> Result<
        (
            i64,
            Vec<(String, i64)>,
            Vec<(String, i64)>,
            Vec<(String, i64)>,
        ),
        StoreError,
    > {
        let mut sources: HashMap<i64, (Option<String>, Option<String>)> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, publisher, substr(published, 1, 7) FROM sources")
                .map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
                .map_err(|e| self.err(e))?;
            for row in rows {
                let (id, facts) = row.map_err(|e| self.err(e))?;
                sources.insert(id, facts);
            }
        }
        let mut by_publisher: HashMap<String, i64> = HashMap::new();
        let mut by_month: HashMap<String, i64> = HashMap::new();
        let mut dated: HashMap<String, i64> = HashMap::new();
        let mut claims = 0;
        for (source, n) in per_source {
            let (publisher, month) = source
                .and_then(|id| sources.get(&id))
                .cloned()
                .unwrap_or_default();
            claims += n;
            *by_publisher
                .entry(publisher.unwrap_or_else(|| "(none)".into()))
                .or_default() += n;
            *by_month
                .entry(month.clone().unwrap_or_else(|| "undated".into()))
                .or_default() += n;
            if let Some(month) = month {
                *dated.entry(month).or_default() += n;
            }
        }
        for (month, n) in undated {
            *dated.entry(month).or_default() += n;
        }
        let most_first = |map: HashMap<String, i64>| {
            let mut v: Vec<(String, i64)> = map.into_iter().filter(|(_, n)| *n > 0).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let in_order = |map: HashMap<String, i64>| {
            let mut v: Vec<(String, i64)> = map.into_iter().filter(|(_, n)| *n > 0).collect();
            v.sort();
            v
        };
        Ok((
            claims,
            most_first(by_publisher),
            in_order(by_month),
            in_order(dated),
        ))
    }

    /// Who said which claim: the distinct pairs of speaker and claim, sorted, of every
    /// appearance or of the appearances given as (appearance, claim). Joined here from two
    /// plain reads rather than by a look-up of each appearance.
    fn speakers_of(
        &self,
        only: Option<&[(i64, i64)]>,
        look_up: bool,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let read_pairs = |sql: &str| -> Result<Vec<(i64, i64)>, StoreError> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        // (appearance, claim) and (appearance, speaker), both by appearance.
        let mut read;
        let claim_of = match only {
            Some(given) => {
                read = given.to_vec();
                read.sort_unstable();
                read
            }
            None => {
                read = read_pairs("SELECT id, claim_id FROM appearances")?;
                read.sort_unstable();
                read
            }
        };
        let mut said = if look_up {
            let mut stmt = self
                .conn
                .prepare("SELECT speaker_id FROM appearance_speakers WHERE appearance_id = ?1")
                .map_err(|e| self.err(e))?;
            let mut said = Vec::new();
            for (appearance, _) in &claim_of {
                let speakers = stmt
                    .query_map([appearance], |r| r.get(0))
                    .map_err(|e| self.err(e))?;
                for speaker in speakers {
                    said.push((*appearance, speaker.map_err(|e| self.err(e))?));
                }
            }
            said
        } else {
            read_pairs("SELECT appearance_id, speaker_id FROM appearance_speakers")?
        };
        said.sort_unstable();
        let mut pairs: Vec<(i64, i64)> = Vec::with_capacity(said.len().min(claim_of.len() * 2));
        let mut at = 0;
        for (appearance, speaker) in said {
            while at < claim_of.len() && claim_of[at].0 < appearance {
                at += 1;
            }
            if let Some((a, claim)) = claim_of.get(at)
                && *a == appearance
            {
                pairs.push((speaker, *claim));
            }
        }
        drop(claim_of);
        pairs.sort_unstable();
        pairs.dedup();
        Ok(pairs)
    }

    /// The `limit` speakers of the most claims among the sorted distinct pairs of speaker and
    /// claim of [`Ledger::speakers_of`], most first, ties by name: the `by_speaker` of
    /// [`Ledger::stats`].
    fn top_speakers(
        &self,
        pairs: &[(i64, i64)],
        limit: usize,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let mut counts: Vec<(i64, i64)> = Vec::new();
        for (speaker, _) in pairs {
            match counts.last_mut() {
                Some((s, n)) if s == speaker => *n += 1,
                _ => counts.push((*speaker, 1)),
            }
        }
        // Names only for those that may make the list: as many as the limit-th count or more.
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let least = counts.get(limit.saturating_sub(1)).map_or(0, |c| c.1);
        counts.retain(|c| c.1 >= least);
        let mut named: Vec<(String, i64)> = Vec::with_capacity(counts.len());
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM speakers WHERE id = ?1")
            .map_err(|e| self.err(e))?;
        for (speaker, n) in counts {
            let name: String = stmt
                .query_row([speaker], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            named.push((name, n));
        }
        named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        named.truncate(limit);
        Ok(named)
    }

    /// How the ledger stood when last read, as `PRAGMA data_version`: it changes when another
    /// connection (another process, or another connection of this one) commits, never for
    /// this connection's own writes.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn cells(&self, sql: &str, values: Vec<Value>) -> Result<Vec<Cell>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    r.get(2)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A handle that stops the statement running on this connection (from another thread),
    /// so that a request given up or over its time budget stops reading.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Records a review posted from the desk's form `token`, once, and returns the status the
    /// claim had: a second post of the same form (a double click, a reload) records nothing
    /// and returns None. The token and the
    /// review are written in one transaction, under the rules of every review ([`Review::check`]).
    #[allow(clippy::too_many_arguments)]
    pub fn review_once(
        &mut self,
        token: &str,
        id: i64,
        to: Status,
        note: Option<&str>,
        evidence: &[String],
        reviewer: &str,
        url: Option<&str>,
    ) -> Result<Option<Status>, StoreError> {
        let form = PostedReview {
            token,
            claim_id: id,
            seen: None,
            to,
            note,
            evidence,
            reviewer,
            url,
        };
        Ok(match self.review_posted(&form)? {
            Posted::Recorded(from) => Some(from),
            _ => None,
        })
    }

    /// Records a review posted from the desk's form, unless the form was posted before
    /// ([`Posted::Again`]; also when it repeats the claim's latest review word for word: a
    /// page reloaded after Back and sent again), belongs to another claim, or was filled in
    /// on a page that did not show the claim's latest review ([`Posted::Stale`]: optimistic
    /// concurrency, nothing is written). One transaction.
    pub fn review_posted(&mut self, form: &PostedReview) -> Result<Posted, StoreError> {
        Review::check_target(form.to, form.note)?;
        let at = now();
        let review = NewReview {
            to: form.to,
            note: form.note,
            evidence: form.evidence,
            reviewer: form.reviewer,
            url: form.url,
            at: &at,
        };
        self.write(|tx| {
            let owner: Option<i64> = tx
                .query_row(
                    "SELECT claim_id FROM desk_forms WHERE token = ?1",
                    [form.token],
                    |r| r.get(0),
                )
                .optional()?;
            match owner {
                Some(claim) if claim != form.claim_id => return Ok(Posted::OtherClaim(claim)),
                Some(_) => return Ok(Posted::Again),
                None => {}
            }
            if let Some(last) = latest_review(tx, form.claim_id)? {
                if last.reviewer == form.reviewer
                    && last.to == form.to
                    && last.note.as_deref() == form.note
                    && last.evidence == form.evidence
                {
                    return Ok(Posted::Again);
                }
                if form.seen.is_some_and(|seen| seen != last.id) {
                    return Ok(Posted::Stale(Box::new(last)));
                }
            }
            tx.execute(
                "INSERT INTO desk_forms (token, claim_id, posted_at) VALUES (?1, ?2, ?3)",
                params![form.token, form.claim_id, at],
            )?;
            let (from, review_id) = record_review(tx, form.claim_id, &review)?;
            tx.execute(
                "UPDATE desk_forms SET review_id = ?1 WHERE token = ?2",
                params![review_id, form.token],
            )?;
            Ok(Posted::Recorded(from.parse().unwrap_or(Status::Unverified)))
        })
    }

    /// The id of a claim's latest review (0: none yet), which the desk's review form carries.
    pub fn latest_review_id(&self, claim_id: i64) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(id), 0) FROM reviews WHERE claim_id = ?1",
                [claim_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }
}

/// A review form as the desk received it.
#[derive(Debug, Clone)]
pub struct PostedReview<'a> {
    /// The form's one-time token.
    pub token: &'a str,
    pub claim_id: i64,
    /// The id of the claim's latest review when the form was shown (0: none); None: not
    /// checked.
    pub seen: Option<i64>,
    pub to: Status,
    pub note: Option<&'a str>,
    pub evidence: &'a [String],
    pub reviewer: &'a str,
    pub url: Option<&'a str>,
}

/// What became of a posted review form.
#[derive(Debug, Clone)]
pub enum Posted {
    /// Recorded; the status the claim had before.
    Recorded(Status),
    /// Already recorded (the same form, or the same review again): nothing written.
    Again,
    /// The form belongs to another claim: nothing written.
    OtherClaim(i64),
    /// Someone reviewed the claim after the form was shown: nothing written; their review.
    Stale(Box<Review>),
}

/// The claim's latest review, read in the transaction that may add one.
fn latest_review(tx: &rusqlite::Transaction, claim_id: i64) -> Result<Option<Review>, StoreError> {
    let row = tx
        .query_row(
            "SELECT id, from_status, to_status, note, evidence, reviewer, reviewed_at
             FROM reviews WHERE claim_id = ?1 ORDER BY id DESC LIMIT 1",
            [claim_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    Ok(
        row.map(|(id, from, to, note, evidence, reviewer, at)| Review {
            id,
            claim_id,
            from: from.parse().unwrap_or(Status::Unverified),
            to: to.parse().unwrap_or(Status::Unverified),
            note,
            evidence: evidence
                .and_then(|e| serde_json::from_str(&e).ok())
                .unwrap_or_default(),
            reviewer,
            reviewed_at: at,
        }),
    )
}

/// A filter's conditions, or a condition that is always true when there are none.
/// The queue's size at the end of each month from the claims dated in each month and the
/// claims first given a verdict in each month (both oldest first): every month of either.
pub fn queue_sizes(dated: &[(String, i64)], done: &[(String, i64)]) -> Vec<(String, i64)> {
    let mut months: Vec<&String> = dated.iter().chain(done).map(|(m, _)| m).collect();
    months.sort();
    months.dedup();
    let (mut d, mut v) = (dated.iter().peekable(), done.iter().peekable());
    let mut size = 0;
    months
        .into_iter()
        .map(|month| {
            while let Some((_, n)) = d.next_if(|(m, _)| m <= month) {
                size += n;
            }
            while let Some((_, n)) = v.next_if(|(m, _)| m <= month) {
                size -= n;
            }
            (month.clone(), size)
        })
        .collect()
}

/// A dashboard's counts ([`Ledger::dashboard_counts`]): those of `stats`, the claims per
/// month of their date, and with a filter the claims it selects.
pub type DashboardCounts = (super::Stats, Vec<(String, i64)>, Option<Selection>);

/// The claims a filter selects, read once: a dashboard counts over them without asking the
/// filter again (the filter's conditions read much of the ledger; reviews never change which
/// claims a filter by publisher, speaker or date selects).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The listed claims (not merged into another one).
    listed: IdSet,
    /// Claims merged into another one that the conditions meet too: their reviews count in
    /// the verdicts per month, as in [`Ledger::verdicts_by_month`].
    merged: IdSet,
}

impl Selection {
    /// How many listed claims it holds.
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.listed.len() == 0
    }
}

/// A set of claim ids: a bit per id up to the largest (ids are the table's dense row ids),
/// else the ids sorted.
#[derive(Debug, Clone)]
enum IdSet {
    Bits { bits: Vec<u64>, len: usize },
    Sorted(Vec<i64>),
}

impl Default for IdSet {
    fn default() -> IdSet {
        IdSet::Sorted(Vec::new())
    }
}

impl IdSet {
    fn of(mut ids: Vec<i64>) -> IdSet {
        let len = ids.len();
        let Some(&max) = ids.iter().max() else {
            return IdSet::default();
        };
        let min = ids.iter().min().copied().unwrap_or(0);
        // A bit per id costs less than 8 bytes per id up to 64 times as many ids as chosen.
        if min >= 0 && (max as u64) < (len as u64).saturating_mul(64).max(1 << 16) {
            let mut bits = vec![0u64; max as usize / 64 + 1];
            for id in ids {
                bits[id as usize / 64] |= 1 << (id % 64);
            }
            IdSet::Bits { bits, len }
        } else {
            ids.sort_unstable();
            ids.dedup();
            IdSet::Sorted(ids)
        }
    }

    fn has(&self, id: i64) -> bool {
        match self {
            IdSet::Bits { bits, .. } => {
                id >= 0
                    && bits
                        .get(id as usize / 64)
                        .is_some_and(|w| w & (1 << (id % 64)) != 0)
            }
            IdSet::Sorted(ids) => ids.binary_search(&id).is_ok(),
        }
    }

    fn len(&self) -> usize {
        match self {
            IdSet::Bits { len, .. } => *len,
            IdSet::Sorted(ids) => ids.len(),
        }
    }
}

fn and_true(conditions: &str) -> &str {
    if conditions.is_empty() {
        "1"
    } else {
        conditions
    }
}

/// The current time as the ledger writes it (`CLAIMLEDGER_NOW` fixes it in tests).
pub fn now() -> String {
    super::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(list: &[(&str, i64)]) -> Vec<(String, i64)> {
        list.iter().map(|(m, n)| (m.to_string(), *n)).collect()
    }

    fn claim(text: &str, speaker: &str, source: Option<(&str, Option<&str>)>) -> crate::NewClaim {
        crate::NewClaim {
            id: None,
            text: text.to_string(),
            sentence: format!("{text}, {speaker} said."),
            speakers: vec![crate::claim::SpeakerMention {
                name: speaker.to_string(),
                role: None,
                kind: crate::claim::SpeakerKind::Person,
                start: 0,
                end: speaker.len(),
            }],
            cue: Some("said".into()),
            mode: crate::claim::Mode::Indirect,
            stance: crate::claim::Stance::Assert,
            checkworthiness: 0.5,
            source: source.map(|(publisher, published)| crate::NewSource {
                url: None,
                title: Some(format!("{publisher} {text}")),
                publisher: Some(publisher.to_string()),
                published: published.map(str::to_string),
                ..Default::default()
            }),
            created_at: None,
            span: None,
        }
    }

    #[test]
    fn the_dashboards_counts_with_and_without_a_filter_are_those_of_stats() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let ids = ledger
            .add_claims(&[
                claim(
                    "the pier costs 10 million",
                    "Ada Brook",
                    Some(("Post", Some("2013-01-15"))),
                ),
                claim(
                    "the pier costs 12 million",
                    "Ada Brook",
                    Some(("Post", Some("2013-02-15"))),
                ),
                claim("the ferry runs twice", "Jane Roe", Some(("Herald", None))),
                claim("the quay is long", "Jane Roe", None),
                claim(
                    "the quay is very long",
                    "Ada Brook",
                    Some(("Herald", Some("2014-05-01"))),
                ),
            ])
            .unwrap();
        ledger
            .merge(ids[1], ids[0], true, "tester")
            .expect("a merge");
        let all = ClaimFilter::default();
        let (fast, dated, selection) = ledger.dashboard_counts(&all).unwrap();
        assert!(selection.is_none());
        let mut slow = ledger.stats(&all).unwrap();
        slow.by_stance.clear();
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        assert_eq!(fast.claims, 4);
        assert_eq!(dated, ledger.claims_by_date(&all).unwrap());
        // With a filter: the same as stats too.
        ledger
            .review(&[ids[2]], Status::False, Some("wrong"), &[], "tester")
            .unwrap();
        let filters = [
            ClaimFilter {
                publisher: Some("Post".into()),
                ..ClaimFilter::default()
            },
            ClaimFilter {
                status: Some(Status::Unverified),
                ..ClaimFilter::default()
            },
            ClaimFilter {
                speaker: Some("jane roe".into()),
                ..ClaimFilter::default()
            },
            ClaimFilter {
                since: Some("2013-02-01".into()),
                undated: true,
                ..ClaimFilter::default()
            },
            ClaimFilter {
                checked: Some(false),
                stance: Some(crate::claim::Stance::Assert),
                ..ClaimFilter::default()
            },
            ClaimFilter {
                publisher: Some("nobody".into()),
                ..ClaimFilter::default()
            },
        ];
        for filter in &filters {
            // Claims looked up one by one, and picked out of every row.
            let (fast, dated, selection) = ledger.dashboard_counts(filter).unwrap();
            let (scanned, _, _) = ledger.dashboard_counts_looking_up(filter, 0).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{scanned:?}"), "{filter:?}");
            let mut slow = ledger.stats(filter).unwrap();
            slow.by_stance.clear();
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{filter:?}");
            assert_eq!(dated, ledger.claims_by_date(filter).unwrap(), "{filter:?}");
            // What a review changes, read again from the claims selected once.
            let selection = selection.unwrap();
            assert_eq!(selection.len() as i64, fast.claims);
            assert_eq!(
                ledger.statuses_in(&selection).unwrap(),
                ledger.statuses(filter).unwrap(),
                "{filter:?}"
            );
            assert_eq!(
                ledger.verdicts_by_month_in(&selection).unwrap(),
                ledger.verdicts_by_month(filter).unwrap(),
                "{filter:?}"
            );
            assert_eq!(
                ledger.first_verdicts_by_month_in(&selection).unwrap(),
                ledger.first_verdicts_by_month(filter).unwrap(),
                "{filter:?}"
            );
            assert_eq!(
                ledger.top_false_speakers_in(&selection, 10).unwrap(),
                ledger.top_false_speakers(filter, 10).unwrap(),
                "{filter:?}"
            );
        }
    }

    #[test]
    fn the_queue_grows_by_claim_date_and_shrinks_by_verdict_month() {
        let dated = months(&[("1998-04", 3), ("2015-01", 10), ("2015-03", 5)]);
        let done = months(&[("2015-03", 2), ("2026-12", 4)]);
        assert_eq!(
            queue_sizes(&dated, &done),
            months(&[
                ("1998-04", 3),
                ("2015-01", 13),
                ("2015-03", 16),
                ("2026-12", 12)
            ])
        );
        assert_eq!(queue_sizes(&[], &[]), Vec::new());
    }
}
