//! Full-fidelity claims for moving a ledger: read every claim with its sentence, offsets,
//! speakers (with aliases), source, whole review trail, corrections, appearances, merges and
//! suggested matches (`full_import.rs` writes them back).

use super::StoreError;
use super::{ClaimFilter, Ledger, PublishSettings, json_list, parse_col, round_match_score};
use crate::claim::{
    FullAppearance, FullClaim, FullCorrection, FullEvent, FullReview, FullSource, FullSpeaker,
    FullSuggestion, split_list,
};
use rusqlite::{Connection, OptionalExtension};

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
        checkworthiness: super::round_score(r.get(9)?),
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
