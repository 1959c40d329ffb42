//! Importing full-fidelity claims (the JSONL that `full.rs` reads out of a ledger): every claim
//! with its appearances, speakers, trail and suggestions, and the ledger's other lines, written
//! back unchanged.

use super::StoreError;
use super::full::LedgerLine;
use super::import_keys::{import_key, imported_already, remember_import};
use super::review::{ReviewRow, insert_review};
use super::write::Bulk;
use super::{Ledger, NewClaim, retype};
use crate::claim::{FullAppearance, FullClaim, FullSource, FullSpeaker, SpeakerMention};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

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
        .map_err(|e| retype(e, &path))
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
