//! Full-fidelity claims for moving a ledger: read every claim with its sentence, offsets,
//! speakers (with aliases), source, whole review trail, corrections, appearances, merges and
//! suggested matches, and write them back unchanged.

use super::review::{ReviewRow, insert_review};
use super::write::{Bulk, retyped, round_match_score};
use super::{ClaimFilter, Ledger, NewClaim, PublishSettings, json_list, parse_col};
use crate::claim::{
    FullAppearance, FullClaim, FullCorrection, FullEvent, FullReview, FullSource, FullSpeaker,
    FullSuggestion, SpeakerMention, split_list,
};
use crate::error::StoreError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// The status is the one the claim shows (a verdict lent by a claim merged into it counts):
/// a reader of the file sees it on the claim that remains; import derives it again.
const FULL_SELECT: &str = concat!(
    "SELECT c.id, ",
    super::shown_status!(),
    ", c.text, c.sentence, c.start_byte, c.end_byte, c.cue,
    c.mode, c.stance, c.checkworthiness, c.created_at, c.updated_at, c.source_id,
    c.speaker_roles, c.speaker_kinds, c.merged_into FROM claims c LEFT JOIN sources s ON s.id = c.source_id"
);

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
        // Claims merged into another one come along: their reviews and trail are kept.
        let filter = ClaimFilter {
            include_merged: true,
            ..filter.clone()
        };
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

/// Reads a row of [`FULL_SELECT`] with the claim's speakers, source, reviews, corrections,
/// appearances, trail and suggestions.
fn full_claim(conn: &Connection, r: &rusqlite::Row) -> rusqlite::Result<FullClaim> {
    let id: i64 = r.get(0)?;
    let source_id: Option<i64> = r.get(12)?;
    let speakers = speakers_of(
        conn,
        SpeakerLinks::Claim,
        id,
        &r.get::<_, String>(13)?,
        &r.get::<_, String>(14)?,
    )?;
    let source = source_id
        .map(|sid| full_source(conn, sid))
        .transpose()?
        .flatten();
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
            "SELECT from_status, to_status, note, evidence, reviewer, reviewed_at, url
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
                url: v.get(6)?,
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
        appearances: Some(appearances_of(conn, id)?),
        merged_into: r.get(15)?,
        trail: trail_of(conn, id)?,
        suggestions: suggestions_of(conn, id)?,
    })
}

/// Where a claim row's or an appearance's speaker links are.
#[derive(Clone, Copy)]
enum SpeakerLinks {
    Claim,
    Appearance,
}

/// The speakers of a claim row or an appearance, with the roles and kinds it gave them.
fn speakers_of(
    conn: &Connection,
    links: SpeakerLinks,
    id: i64,
    roles: &str,
    kinds: &str,
) -> rusqlite::Result<Vec<FullSpeaker>> {
    let (roles, kinds) = (split_list(roles), split_list(kinds));
    let sql = match links {
        SpeakerLinks::Claim => {
            "SELECT sp.name, l.mention,
                    (SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases a
                     WHERE a.speaker_id = sp.id ORDER BY alias))
             FROM claim_speakers l JOIN speakers sp ON sp.id = l.speaker_id
             WHERE l.claim_id = ?1 ORDER BY l.position"
        }
        SpeakerLinks::Appearance => {
            "SELECT sp.name, l.mention,
                    (SELECT json_group_array(alias) FROM (SELECT alias FROM speaker_aliases a
                     WHERE a.speaker_id = sp.id ORDER BY alias))
             FROM appearance_speakers l JOIN speakers sp ON sp.id = l.speaker_id
             WHERE l.appearance_id = ?1 ORDER BY l.position"
        }
    };
    let mut speakers = Vec::new();
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([id])?;
    while let Some(s) = rows.next()? {
        let i = speakers.len();
        speakers.push(FullSpeaker {
            name: s.get(0)?,
            role: roles.get(i).filter(|r| !r.is_empty()).cloned(),
            kind: kinds
                .get(i)
                .and_then(|k| k.parse().ok())
                .unwrap_or(crate::claim::SpeakerKind::Person),
            mention: s.get(1)?,
            aliases: json_list(&s.get::<_, String>(2)?),
        });
    }
    Ok(speakers)
}

/// A source as stored, without the article's text.
fn full_source(conn: &Connection, id: i64) -> rusqlite::Result<Option<FullSource>> {
    conn.prepare_cached(
        "SELECT url, title, publisher, authors, published, dateline, language,
                content_hash, ingested_at FROM sources WHERE id = ?1",
    )?
    .query_row([id], |s| {
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
    .optional()
}

/// The appearances of a claim, by id.
fn appearances_of(conn: &Connection, claim: i64) -> rusqlite::Result<Vec<FullAppearance>> {
    let rows: Vec<(FullAppearance, Option<i64>, String, String)> = conn
        .prepare_cached(
            "SELECT id, origin_claim_id, text, sentence, start_byte, end_byte, cue, mode, stance,
                    created_at, source_id, speaker_roles, speaker_kinds
             FROM appearances WHERE claim_id = ?1 ORDER BY id",
        )?
        .query_map([claim], |a| {
            Ok((
                FullAppearance {
                    id: a.get(0)?,
                    origin: a.get(1)?,
                    text: a.get(2)?,
                    sentence: a.get(3)?,
                    start: a.get(4)?,
                    end: a.get(5)?,
                    speakers: Vec::new(),
                    cue: a.get(6)?,
                    mode: parse_col(a, 7)?,
                    stance: parse_col(a, 8)?,
                    source: None,
                    created_at: a.get(9)?,
                },
                a.get(10)?,
                a.get(11)?,
                a.get(12)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (mut a, source_id, roles, kinds) in rows {
        a.speakers = speakers_of(conn, SpeakerLinks::Appearance, a.id, &roles, &kinds)?;
        a.source = source_id
            .map(|sid| full_source(conn, sid))
            .transpose()?
            .flatten();
        out.push(a);
    }
    Ok(out)
}

/// A claim's merges, splits and undone merges, oldest first.
fn trail_of(conn: &Connection, claim: i64) -> rusqlite::Result<Vec<FullEvent>> {
    conn.prepare_cached(
        "SELECT kind, other_id, appearance_id, score, note, actor, at
         FROM claim_events WHERE claim_id = ?1 ORDER BY id",
    )?
    .query_map([claim], |e| {
        Ok(FullEvent {
            kind: e.get(0)?,
            other: e.get(1)?,
            appearance: e.get(2)?,
            score: e.get::<_, Option<f64>>(3)?.map(round_match_score),
            note: e.get(4)?,
            actor: e.get(5)?,
            at: e.get(6)?,
        })
    })?
    .collect()
}

/// The matches suggested from a claim, by the other claim's id.
fn suggestions_of(conn: &Connection, claim: i64) -> rusqlite::Result<Vec<FullSuggestion>> {
    conn.prepare_cached(
        "SELECT candidate_id, score, relation, reason, state, created_at
         FROM suggestions WHERE claim_id = ?1 ORDER BY candidate_id",
    )?
    .query_map([claim], |g| {
        Ok(FullSuggestion {
            candidate: g.get(0)?,
            score: round_match_score(g.get(1)?),
            relation: g.get(2)?,
            reason: g.get(3)?,
            state: g.get(4)?,
            created_at: g.get(5)?,
        })
    })?
    .collect()
}

impl Ledger {
    /// Imports full claims and the ledger's other lines, all or nothing; ids kept with
    /// `keep_ids` (a clash fails), else numbered after the ledger's own, and the references
    /// between claims and appearances (merges, trail, suggestions) numbered along. A claim the
    /// ledger has already (the same id and key, or imported before under a new id) is not
    /// stored again. Returns the ids of the claims stored.
    pub fn import_full(
        &mut self,
        claims: &[FullClaim],
        lines: &[LedgerLine],
        keep_ids: bool,
    ) -> Result<Vec<i64>, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            import_ledger_lines(tx, lines, keep_ids, false)?;
            let mut bulk = Bulk::begin(tx)?;
            // The file's speakers were resolved when they were stored.
            bulk.speakers = super::speakers::Resolver::exact();
            // First every claim row, so that references to later claims can be numbered.
            let mut stored = Vec::with_capacity(claims.len());
            let mut claim_ids = HashMap::new();
            for c in claims {
                let names: Vec<String> = c.speakers.iter().map(|s| s.name.clone()).collect();
                let key = import_key(&c.text, &names, &c.created_at);
                if let Some(known) = imported_already(tx, c.id, &key)? {
                    claim_ids.insert(c.id, known);
                    continue;
                }
                let id = import_full_one(tx, &mut bulk, c, keep_ids)?;
                if id != c.id {
                    remember_import(tx, &key, id)?;
                }
                claim_ids.insert(c.id, id);
                stored.push((c, id));
            }
            let mut numbers = Numbers {
                claims: claim_ids,
                appearances: HashMap::new(),
                keep_ids,
            };
            for &(c, id) in &stored {
                if let Some(appearances) = &c.appearances {
                    for a in appearances {
                        import_appearance(tx, &mut bulk, id, a, &mut numbers)?;
                    }
                }
            }
            for &(c, id) in &stored {
                import_links(tx, c, id, &numbers)?;
            }
            let ids: Vec<i64> = stored.iter().map(|&(_, id)| id).collect();
            bulk.finish(tx, Some(&ids))?;
            import_ledger_lines(tx, lines, keep_ids, true)?;
            Ok(ids)
        })
        .map_err(|e| retyped(e, &path))
    }
}

/// How the ids of an imported file map to the ledger's.
struct Numbers {
    claims: HashMap<i64, i64>,
    appearances: HashMap<i64, i64>,
    keep_ids: bool,
}

impl Numbers {
    /// The ledger's id of a claim the file names; with kept ids also one outside the file.
    fn claim(&self, id: i64) -> Option<i64> {
        match self.claims.get(&id) {
            Some(&new) => Some(new),
            None if self.keep_ids => Some(id),
            None => None,
        }
    }

    fn appearance(&self, id: i64) -> Option<i64> {
        match self.appearances.get(&id) {
            Some(&new) => Some(new),
            None if self.keep_ids => Some(id),
            None => None,
        }
    }
}

/// Speaker mentions from full speakers (their positions are kept by order).
fn mentions(speakers: &[FullSpeaker]) -> Vec<SpeakerMention> {
    speakers
        .iter()
        .map(|s| SpeakerMention {
            name: s.name.clone(),
            role: s.role.clone(),
            kind: s.kind,
            start: 0,
            end: 0,
        })
        .collect()
}

/// Byte offsets as the ledger stores them, when both are there and in order.
fn span(start: Option<i64>, end: Option<i64>) -> Option<(usize, usize)> {
    match (start, end) {
        (Some(a), Some(b)) if 0 <= a && a <= b => Some((a as usize, b as usize)),
        _ => None,
    }
}

/// Stores the claim row with its speakers, reviews and corrections; a claim from a file
/// without appearances gets its one appearance, itself.
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
    let new = NewClaim {
        id: keep_id.then_some(c.id),
        text: c.text.clone(),
        sentence: c.sentence.clone(),
        speakers: mentions(&c.speakers),
        cue: c.cue.clone(),
        mode: c.mode,
        stance: c.stance,
        checkworthiness: c.checkworthiness,
        source: None,
        created_at: Some(c.created_at.clone()),
        span: span(c.start, c.end),
    };
    let id = if c.appearances.is_some() {
        bulk.insert_claim_row(tx, &new, source_id, &c.created_at)?
    } else {
        let id = bulk.insert_claim(tx, &new, source_id, &c.created_at)?;
        for (position, s) in c.speakers.iter().enumerate() {
            tx.execute(
                "UPDATE appearance_speakers SET mention = ?3
                 WHERE appearance_id = (SELECT id FROM appearances WHERE claim_id = ?1) AND position = ?2",
                params![id, position as i64, s.mention],
            )?;
        }
        id
    };
    for (position, s) in c.speakers.iter().enumerate() {
        tx.execute(
            "UPDATE claim_speakers SET mention = ?3 WHERE claim_id = ?1 AND position = ?2",
            params![id, position as i64, s.mention],
        )?;
    }
    aliases(tx, "claim", id, &c.speakers)?;
    for r in &c.reviews {
        let row = ReviewRow {
            claim_id: id,
            from: r.from.as_str(),
            to: r.to,
            note: r.note.as_deref(),
            evidence: &r.evidence,
            reviewer: &r.reviewer,
            reviewed_at: &r.reviewed_at,
            url: r.url.as_deref(),
        };
        insert_review(tx, &row)?;
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

/// Gives speakers the aliases the file lists for them: the speakers linked at those places of
/// the claim (`links` "claim") or appearance ("appearance") just stored, as a name may be
/// several speakers' (generic ones are one per article).
fn aliases(
    tx: &Transaction,
    links: &str,
    owner: i64,
    speakers: &[FullSpeaker],
) -> Result<(), StoreError> {
    // Fixed table names, never user text.
    let sql = match links {
        "claim" => {
            "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id)
             SELECT ?1, speaker_id FROM claim_speakers WHERE claim_id = ?2 AND position = ?3"
        }
        _ => {
            "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id)
             SELECT ?1, speaker_id FROM appearance_speakers WHERE appearance_id = ?2 AND position = ?3"
        }
    };
    for (position, s) in speakers.iter().enumerate() {
        for alias in &s.aliases {
            tx.execute(sql, params![alias, owner, position as i64])?;
        }
    }
    Ok(())
}

/// Stores one appearance of claim `claim` (the ledger's id) with its speakers and source.
fn import_appearance(
    tx: &Transaction,
    bulk: &mut Bulk,
    claim: i64,
    a: &FullAppearance,
    numbers: &mut Numbers,
) -> Result<(), StoreError> {
    if numbers.keep_ids
        && tx
            .query_row(
                "SELECT 1 FROM appearances WHERE id = ?1",
                [a.id],
                |_| Ok(()),
            )
            .optional()?
            .is_some()
    {
        return Err(StoreError::DuplicateAppearance(a.id));
    }
    let source_id = match &a.source {
        None => None,
        Some(s) => Some(source_id(tx, s)?),
    };
    let new = NewClaim {
        id: numbers.keep_ids.then_some(a.id),
        text: a.text.clone(),
        sentence: a.sentence.clone(),
        speakers: mentions(&a.speakers),
        cue: a.cue.clone(),
        mode: a.mode,
        stance: a.stance,
        checkworthiness: 0.0,
        source: None,
        created_at: Some(a.created_at.clone()),
        span: span(a.start, a.end),
    };
    let id = bulk.insert_appearance(tx, claim, &new, source_id, &a.created_at)?;
    numbers.appearances.insert(a.id, id);
    let origin = numbers.claim(a.origin).unwrap_or(claim);
    tx.execute(
        "UPDATE appearances SET origin_claim_id = ?2 WHERE id = ?1",
        params![id, origin],
    )?;
    for (position, s) in a.speakers.iter().enumerate() {
        tx.execute(
            "UPDATE appearance_speakers SET mention = ?3 WHERE appearance_id = ?1 AND position = ?2",
            params![id, position as i64, s.mention],
        )?;
    }
    aliases(tx, "appearance", id, &a.speakers)
}

/// Stores what links claim `id` to others: the claim it was merged into, its trail and its
/// suggested matches. A suggestion of a claim the ledger does not have is left out.
fn import_links(
    tx: &Transaction,
    c: &FullClaim,
    id: i64,
    numbers: &Numbers,
) -> Result<(), StoreError> {
    if let Some(into) = c.merged_into.and_then(|m| numbers.claim(m)) {
        tx.execute(
            "UPDATE claims SET merged_into = ?2 WHERE id = ?1",
            params![id, into],
        )?;
    }
    for e in &c.trail {
        tx.execute(
            "INSERT INTO claim_events (claim_id, kind, other_id, appearance_id, score, note, actor, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                e.kind,
                e.other.and_then(|o| numbers.claim(o)),
                e.appearance.and_then(|a| numbers.appearance(a)),
                e.score,
                e.note,
                e.actor,
                e.at
            ],
        )?;
    }
    for g in &c.suggestions {
        let Some(candidate) = numbers.claim(g.candidate) else {
            continue;
        };
        tx.execute(
            "INSERT OR IGNORE INTO suggestions (claim_id, candidate_id, score, relation, reason, state, created_at)
             SELECT ?1, id, ?3, ?4, ?5, ?6, ?7 FROM claims WHERE id = ?2",
            params![id, candidate, g.score, g.relation, g.reason, g.state, g.created_at],
        )?;
    }
    Ok(())
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

/// A line of the full export that is not a claim: what the ledger holds besides its claims,
/// so that a ledger moved through the file keeps all of it. Written only for an export of the
/// whole ledger, before the claims (settings, models, sources) or after them (corrections).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum LedgerLine {
    /// The publishing settings and every check-worthiness model trained on the ledger, oldest
    /// first (the newest scores its claims).
    Ledger {
        settings: PublishSettings,
        models: Vec<FullModel>,
    },
    /// A source by id: every one, also those no claim appears in, so that ids stay.
    Source {
        id: i64,
        #[serde(flatten)]
        source: FullSource,
    },
    /// A correction no claim line carries: of a deleted claim, a speaker or a source.
    Correction(FullLedgerCorrection),
}

/// A stored check-worthiness model; `model` is the file in hexadecimal.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FullModel {
    pub trained_at: String,
    pub labelled: i64,
    pub positives: i64,
    pub info: String,
    pub model: String,
}

/// A correction with what it corrected.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FullLedgerCorrection {
    pub target: String,
    pub target_id: i64,
    #[serde(flatten)]
    pub correction: FullCorrection,
}

impl FullModel {
    /// The model file, or `None` when `model` is not hexadecimal.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        unhex(&self.model)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl Ledger {
    /// The lines of a whole-ledger export that come before the claims: settings and models,
    /// then every source by id.
    pub fn ledger_lines_before(&self) -> Result<Vec<LedgerLine>, StoreError> {
        let settings = self.publish_settings()?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT trained_at, labelled, positives, info, model FROM checkworthiness_models
                 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let models = stmt
            .query_map([], |r| {
                Ok(FullModel {
                    trained_at: r.get(0)?,
                    labelled: r.get(1)?,
                    positives: r.get(2)?,
                    info: r.get(3)?,
                    model: hex(&r.get::<_, Vec<u8>>(4)?),
                })
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let mut lines = vec![LedgerLine::Ledger { settings, models }];
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM sources ORDER BY id")
            .map_err(|e| self.err(e))?;
        let ids = stmt
            .query_map([], |r| r.get::<_, i64>(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        for id in ids {
            if let Some(source) = full_source(&self.conn, id).map_err(|e| self.err(e))? {
                lines.push(LedgerLine::Source { id, source });
            }
        }
        Ok(lines)
    }

    /// The lines of a whole-ledger export that come after the claims: the corrections no claim
    /// line carries (those of deleted claims, speakers and sources), oldest first.
    pub fn ledger_lines_after(&self) -> Result<Vec<LedgerLine>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT target, target_id, action, field, old_value, new_value, reason, corrector,
                        corrected_at
                 FROM corrections k
                 WHERE k.target <> 'claim' OR NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = k.target_id)
                 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |v| {
                Ok(LedgerLine::Correction(FullLedgerCorrection {
                    target: v.get(0)?,
                    target_id: v.get(1)?,
                    correction: FullCorrection {
                        action: v.get(2)?,
                        field: v.get(3)?,
                        old_value: v.get(4)?,
                        new_value: v.get(5)?,
                        reason: v.get(6)?,
                        corrector: v.get(7)?,
                        corrected_at: v.get(8)?,
                    },
                }))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// Stores the lines of a whole-ledger export besides its claims: settings the ledger has not
/// set, models it does not have, sources (with their ids when `keep_ids`), and corrections
/// (only with `keep_ids`: a correction names rows by the ids of the ledger it came from). A
/// line already there is skipped, so the same file imported twice adds nothing.
fn import_ledger_lines(
    tx: &Transaction,
    lines: &[LedgerLine],
    keep_ids: bool,
    after_claims: bool,
) -> Result<(), StoreError> {
    for line in lines {
        match line {
            LedgerLine::Ledger { settings, models } if !after_claims => {
                tx.execute(
                    "UPDATE ledger_settings SET org_name = COALESCE(org_name, ?1),
                            org_url = COALESCE(org_url, ?2), base_url = COALESCE(base_url, ?3)
                     WHERE id = 1",
                    params![settings.org_name, settings.org_url, settings.base_url],
                )?;
                for m in models {
                    // Checked when the file was read.
                    let Some(bytes) = m.bytes() else { continue };
                    tx.execute(
                        "INSERT INTO checkworthiness_models (trained_at, labelled, positives, info, model)
                         SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (
                             SELECT 1 FROM checkworthiness_models WHERE trained_at = ?1 AND info = ?4)",
                        params![m.trained_at, m.labelled, m.positives, m.info, bytes],
                    )?;
                }
            }
            LedgerLine::Source { id, source } if !after_claims => {
                let known: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM sources WHERE content_hash = ?1",
                        [&source.content_hash],
                        |r| r.get(0),
                    )
                    .optional()?;
                if known.is_none() {
                    let new_id = source_id(tx, source)?;
                    if keep_ids && new_id != *id {
                        tx.execute(
                            "UPDATE sources SET id = ?2 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM sources WHERE id = ?2)",
                            params![new_id, id],
                        )?;
                    }
                }
            }
            LedgerLine::Correction(k) if after_claims && keep_ids => {
                let c = &k.correction;
                tx.execute(
                    "INSERT INTO corrections (target, target_id, action, field, old_value, new_value, reason, corrector, corrected_at)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE NOT EXISTS (
                         SELECT 1 FROM corrections WHERE target = ?1 AND target_id = ?2 AND action = ?3
                         AND field IS ?4 AND corrected_at = ?9 AND new_value IS ?6)",
                    params![k.target, k.target_id, c.action, c.field, c.old_value, c.new_value, c.reason, c.corrector, c.corrected_at],
                )?;
            }
            _ => {}
        }
    }
    Ok(())
}
