//! Full-fidelity claims for moving a ledger: read every claim with its sentence, offsets,
//! speakers (with aliases), source and whole review trail, and write them back unchanged.

use super::write::{Bulk, retyped};
use super::{ClaimFilter, Ledger, NewClaim, json_list, parse_col};
use crate::claim::{
    FullClaim, FullCorrection, FullReview, FullSource, FullSpeaker, SpeakerMention, split_list,
};
use crate::error::StoreError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

const FULL_SELECT: &str =
    "SELECT c.id, c.status, c.text, c.sentence, c.start_byte, c.end_byte, c.cue,
    c.mode, c.stance, c.checkworthiness, c.created_at, c.updated_at, c.source_id,
    c.speaker_roles, c.speaker_kinds FROM claims c LEFT JOIN sources s ON s.id = c.source_id";

impl Ledger {
    /// Calls `each` for every claim the filter selects, with everything known about it.
    pub fn for_each_full<E>(
        &self,
        filter: &ClaimFilter,
        mut each: impl FnMut(FullClaim) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let (sql, values) = filter.to_sql(FULL_SELECT);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let claim = full_claim(&self.conn, row).map_err(|e| self.err(e))?;
            each(claim)?;
        }
        Ok(())
    }
}

/// Returns one claim with everything known about it, if it exists.
pub(super) fn full_claim_by_id(conn: &Connection, id: i64) -> rusqlite::Result<Option<FullClaim>> {
    conn.query_row(&format!("{FULL_SELECT} WHERE c.id = ?1"), [id], |r| {
        full_claim(conn, r)
    })
    .optional()
}

/// Reads a row of [`FULL_SELECT`] with the claim's speakers, source and reviews.
fn full_claim(conn: &Connection, r: &rusqlite::Row) -> rusqlite::Result<FullClaim> {
    let id: i64 = r.get(0)?;
    let source_id: Option<i64> = r.get(12)?;
    let roles = split_list(&r.get::<_, String>(13)?);
    let kinds = split_list(&r.get::<_, String>(14)?);
    let mut speakers = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT sp.id, sp.name, cs.mention,
                    (SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases a
                     WHERE a.speaker_id = sp.id ORDER BY alias))
             FROM claim_speakers cs JOIN speakers sp ON sp.id = cs.speaker_id
             WHERE cs.claim_id = ?1 ORDER BY cs.position",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(s) = rows.next()? {
        let i = speakers.len();
        speakers.push(FullSpeaker {
            name: s.get(1)?,
            role: roles.get(i).filter(|r| !r.is_empty()).cloned(),
            kind: kinds
                .get(i)
                .and_then(|k| k.parse().ok())
                .unwrap_or(crate::claim::SpeakerKind::Person),
            mention: s.get(2)?,
            aliases: json_list(&s.get::<_, String>(3)?),
        });
    }
    let source = match source_id {
        None => None,
        Some(sid) => conn
            .prepare_cached(
                "SELECT url, title, publisher, authors, published, dateline, language,
                            content_hash, ingested_at FROM sources WHERE id = ?1",
            )?
            .query_row([sid], |s| {
                Ok(FullSource {
                    url: s.get(0)?,
                    title: s.get(1)?,
                    publisher: s.get(2)?,
                    authors: json_list(&s.get::<_, String>(3)?),
                    published: s.get(4)?,
                    dateline: s.get(5)?,
                    language: s.get(6)?,
                    content_hash: s.get(7)?,
                    ingested_at: s.get(8)?,
                })
            })
            .optional()?,
    };
    let corrections = conn
        .prepare_cached(
            "SELECT action, field, old_value, new_value, reason, corrector, corrected_at
             FROM corrections WHERE target = 'claim' AND target_id = ?1 ORDER BY id",
        )?
        .query_map([id], |v| {
            Ok(FullCorrection {
                action: v.get(0)?,
                field: v.get(1)?,
                old_value: v.get(2)?,
                new_value: v.get(3)?,
                reason: v.get(4)?,
                corrector: v.get(5)?,
                corrected_at: v.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let reviews = conn
        .prepare_cached(
            "SELECT from_status, to_status, note, evidence, reviewer, reviewed_at
                 FROM reviews WHERE claim_id = ?1 ORDER BY id",
        )?
        .query_map([id], |v| {
            Ok(FullReview {
                from: parse_col(v, 0)?,
                to: parse_col(v, 1)?,
                note: v.get(2)?,
                evidence: json_list(&v.get::<_, String>(3)?),
                reviewer: v.get(4)?,
                reviewed_at: v.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(FullClaim {
        id,
        status: parse_col(r, 1)?,
        text: r.get(2)?,
        sentence: r.get(3)?,
        start: r.get(4)?,
        end: r.get(5)?,
        speakers,
        cue: r.get(6)?,
        mode: parse_col(r, 7)?,
        stance: parse_col(r, 8)?,
        checkworthiness: super::write::round_score(r.get(9)?),
        source,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        reviews,
        corrections,
    })
}

impl Ledger {
    /// Imports full claims, all or nothing; ids kept with `keep_ids` (a clash fails), else
    /// numbered after the ledger's own. Returns the ids given.
    pub fn import_full(
        &mut self,
        claims: &[FullClaim],
        keep_ids: bool,
    ) -> Result<Vec<i64>, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let mut bulk = Bulk::begin(tx)?;
            let mut ids = Vec::with_capacity(claims.len());
            for c in claims {
                ids.push(import_full_one(tx, &mut bulk, c, keep_ids)?);
            }
            bulk.finish(tx, Some(&ids))?;
            Ok(ids)
        })
        .map_err(|e| retyped(e, &path))
    }
}

fn import_full_one(
    tx: &Transaction,
    bulk: &mut Bulk,
    c: &FullClaim,
    keep_id: bool,
) -> Result<i64, StoreError> {
    if keep_id
        && tx
            .query_row("SELECT 1 FROM claims WHERE id = ?1", [c.id], |_| Ok(()))
            .optional()?
            .is_some()
    {
        return Err(StoreError::DuplicateId(c.id));
    }
    let source_id = match &c.source {
        None => None,
        Some(s) => Some(source_id(tx, s)?),
    };
    let speakers: Vec<SpeakerMention> = c
        .speakers
        .iter()
        .map(|s| SpeakerMention {
            name: s.name.clone(),
            role: s.role.clone(),
            kind: s.kind,
            start: 0,
            end: 0,
        })
        .collect();
    let span = match (c.start, c.end) {
        (Some(a), Some(b)) if 0 <= a && a <= b => Some((a as usize, b as usize)),
        _ => None,
    };
    let new = NewClaim {
        id: keep_id.then_some(c.id),
        text: c.text.clone(),
        sentence: c.sentence.clone(),
        speakers,
        cue: c.cue.clone(),
        mode: c.mode,
        stance: c.stance,
        checkworthiness: c.checkworthiness,
        source: None,
        created_at: Some(c.created_at.clone()),
        span,
    };
    let id = bulk.insert_claim(tx, &new, source_id, &c.created_at)?;
    for (position, s) in c.speakers.iter().enumerate() {
        tx.execute(
            "UPDATE claim_speakers SET mention = ?3 WHERE claim_id = ?1 AND position = ?2",
            params![id, position as i64, s.mention],
        )?;
    }
    for s in &c.speakers {
        for alias in &s.aliases {
            tx.execute(
                "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id)
                 SELECT ?1, id FROM speakers WHERE name = ?2",
                params![alias, s.name],
            )?;
        }
    }
    for r in &c.reviews {
        tx.execute(
            "INSERT INTO reviews (claim_id, from_status, to_status, note, evidence, reviewer, reviewed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                r.from.as_str(),
                r.to.as_str(),
                r.note,
                serde_json::to_string(&r.evidence).unwrap_or_else(|_| "[]".into()),
                r.reviewer,
                r.reviewed_at
            ],
        )?;
    }
    for k in &c.corrections {
        tx.execute(
            "INSERT INTO corrections (target, target_id, action, field, old_value, new_value, reason, corrector, corrected_at)
             VALUES ('claim', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, k.action, k.field, k.old_value, k.new_value, k.reason, k.corrector, k.corrected_at],
        )?;
    }
    // The review trigger moved updated_at to the last review; the claim says when it last
    // changed (also by a correction), so put that back.
    tx.execute(
        "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
        params![id, c.updated_at],
    )?;
    Ok(id)
}

/// The source with this content hash, or a new one with the exported details.
fn source_id(tx: &Transaction, s: &FullSource) -> Result<i64, StoreError> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM sources WHERE content_hash = ?1",
            [&s.content_hash],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO sources (url, title, publisher, authors, published, dateline, language,
                              content_hash, body, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9)",
        params![
            s.url,
            s.title,
            s.publisher,
            serde_json::to_string(&s.authors).unwrap_or_else(|_| "[]".into()),
            s.published,
            s.dateline,
            s.language,
            s.content_hash,
            s.ingested_at
        ],
    )?;
    Ok(tx.last_insert_rowid())
}
