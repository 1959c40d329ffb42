//! Curating matches: suggestions, the claim trail (merges, splits), merging and splitting.

use super::Ledger;
use super::StoreError;
use super::now;
use crate::claim::{Stance, Status};
use claimledger_matching as matching;
use rusqlite::{OptionalExtension, Transaction, params};

/// A suggested match of a claim, seen from that claim.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Suggestion {
    /// The other claim.
    pub id: i64,
    pub text: String,
    pub score: f64,
    /// "similar", or "related" when they are not the same proposition (`reason` says how).
    pub relation: String,
    pub reason: Option<String>,
    /// "open", "merged" or "dismissed".
    pub state: String,
}

/// One entry of a claim's trail besides its reviews.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrailEvent {
    pub id: i64,
    pub claim_id: i64,
    pub kind: String,
    pub other_id: Option<i64>,
    pub appearance_id: Option<i64>,
    pub score: Option<f64>,
    pub note: Option<String>,
    pub actor: String,
    pub at: String,
}

impl Ledger {
    /// The suggested matches of a claim (either side of the pair), best first.
    pub fn suggestions(&self, id: i64) -> Result<Vec<Suggestion>, StoreError> {
        self.get(id)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT CASE WHEN g.claim_id = ?1 THEN g.candidate_id ELSE g.claim_id END AS other,
                        c.text, g.score, g.relation, g.reason, g.state
                 FROM suggestions g
                 JOIN claims c ON c.id = CASE WHEN g.claim_id = ?1 THEN g.candidate_id ELSE g.claim_id END
                 WHERE g.claim_id = ?1 OR g.candidate_id = ?1
                 ORDER BY g.score DESC, other",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Suggestion {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    score: r.get(2)?,
                    relation: r.get(3)?,
                    reason: r.get(4)?,
                    state: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A claim's trail besides its reviews (merges, splits), oldest first.
    pub fn events(&self, id: i64) -> Result<Vec<TrailEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, claim_id, kind, other_id, appearance_id, score, note, actor, at
                 FROM claim_events WHERE claim_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(TrailEvent {
                    id: r.get(0)?,
                    claim_id: r.get(1)?,
                    kind: r.get(2)?,
                    other_id: r.get(3)?,
                    appearance_id: r.get(4)?,
                    score: r.get(5)?,
                    note: r.get(6)?,
                    actor: r.get(7)?,
                    at: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// The status a claim shows (with a verdict lent by a claim merged into it), whether it is
/// merged, and into which claim.
fn state(tx: &Transaction, id: i64) -> Result<(Status, Option<i64>), StoreError> {
    tx.query_row(
        concat!(
            "SELECT ",
            super::shown_status!(),
            ", merged_into FROM claims c WHERE id = ?1"
        ),
        [id],
        |r| Ok((super::parse_col(r, 0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(StoreError::UnknownClaim(id))
}

/// Who did something to the trail, and when.
struct Stamp<'a> {
    actor: &'a str,
    at: &'a str,
}

/// Adds an entry to claim `claim`'s trail; `link` is the other claim and the appearance.
fn event(
    tx: &Transaction,
    claim: i64,
    kind: &str,
    link: (Option<i64>, Option<i64>),
    note: &str,
    stamp: &Stamp,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO claim_events (claim_id, kind, other_id, appearance_id, note, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![claim, kind, link.0, link.1, note, stamp.actor, stamp.at],
    )?;
    Ok(())
}

impl Ledger {
    /// Merges claim `from` into `into`: its appearances (and claims merged into it) move over,
    /// it is hidden from lists, both trails say so. Refuses a claim into itself, a claim that
    /// was merged already, and two different verdicts unless `force`.
    pub fn merge(
        &mut self,
        from: i64,
        into: i64,
        force: bool,
        actor: &str,
    ) -> Result<usize, StoreError> {
        if from == into {
            return Err(StoreError::Curate(format!(
                "cannot merge claim {from} into itself: give two different ids"
            )));
        }
        let at = now();
        let stamp = Stamp { actor, at: &at };
        self.write(|tx| {
            let (from_status, from_merged) = state(tx, from)?;
            let (into_status, into_merged) = state(tx, into)?;
            for (id, merged) in [(from, from_merged), (into, into_merged)] {
                if let Some(m) = merged {
                    return Err(StoreError::Curate(format!(
                        "claim {id} was merged into claim {m} already: use claim {m}"
                    )));
                }
            }
            if from_status.is_verdict() && into_status.is_verdict() && from_status != into_status && !force {
                return Err(StoreError::VerdictsDiffer {
                    from,
                    from_status: from_status.to_string(),
                    into,
                    into_status: into_status.to_string(),
                });
            }
            let moved = tx.execute("UPDATE appearances SET claim_id = ?2 WHERE claim_id = ?1", params![from, into])?;
            tx.execute("UPDATE claims SET merged_into = ?2 WHERE merged_into = ?1", params![from, into])?;
            tx.execute("UPDATE claims SET merged_into = ?2 WHERE id = ?1", params![from, into])?;
            tx.execute(
                "UPDATE suggestions SET state = 'merged' WHERE (claim_id = ?1 AND candidate_id = ?2) OR (claim_id = ?2 AND candidate_id = ?1)",
                params![from, into],
            )?;
            let note = format!("merged claim {from} ({moved} appearance(s)) by hand");
            event(tx, into, "merged", (Some(from), None), &note, &stamp)?;
            event(tx, from, "merged-away", (Some(into), None), &format!("merged into claim {into}"), &stamp)?;
            Ok(moved)
        })
    }

    /// Records that the open suggestion between claims `id` and `other` (either way round) is
    /// not the same claim: it is marked dismissed, no later step offers it again, and both
    /// trails say who decided it. Refuses when the two have no open suggestion.
    pub fn dismiss_suggestion(
        &mut self,
        id: i64,
        other: i64,
        actor: &str,
    ) -> Result<(), StoreError> {
        let at = now();
        let stamp = Stamp { actor, at: &at };
        self.write(|tx| {
            state(tx, id)?;
            state(tx, other)?;
            let changed = tx.execute(
                "UPDATE suggestions SET state = 'dismissed' WHERE state = 'open' AND ((claim_id = ?1 AND candidate_id = ?2) OR (claim_id = ?2 AND candidate_id = ?1))",
                params![id, other],
            )?;
            if changed == 0 {
                return Err(StoreError::Curate(format!(
                    "claims {id} and {other} have no open suggested match between them"
                )));
            }
            let note = |o: i64| format!("not the same claim as claim {o}: suggestion dismissed");
            event(tx, id, "dismissed", (Some(other), None), &note(other), &stamp)?;
            event(tx, other, "dismissed", (Some(id), None), &note(id), &stamp)?;
            Ok(())
        })
    }

    /// Undoes a merge: claim `id` comes back with the appearances it was first recorded with.
    pub fn unmerge(&mut self, id: i64, actor: &str) -> Result<usize, StoreError> {
        let at = now();
        let stamp = Stamp { actor, at: &at };
        self.write(|tx| {
            let (_, merged) = state(tx, id)?;
            let Some(into) = merged else {
                return Err(StoreError::Curate(format!(
                    "claim {id} is not merged into another claim: nothing to undo"
                )));
            };
            let moved = tx.execute(
                "UPDATE appearances SET claim_id = ?1 WHERE origin_claim_id = ?1 AND claim_id = ?2",
                params![id, into],
            )?;
            tx.execute("UPDATE claims SET merged_into = NULL WHERE id = ?1", [id])?;
            tx.execute(
                "UPDATE suggestions SET state = 'open' WHERE state = 'merged' AND ((claim_id = ?1 AND candidate_id = ?2) OR (claim_id = ?2 AND candidate_id = ?1))",
                params![id, into],
            )?;
            let note = format!("claim {id} taken out again ({moved} appearance(s))");
            event(tx, into, "unmerged", (Some(id), None), &note, &stamp)?;
            event(tx, id, "unmerged", (Some(into), None), &format!("no longer merged into claim {into}"), &stamp)?;
            Ok(moved)
        })
    }

    /// Takes one appearance out of claim `id` into a claim of its own; returns the new id.
    /// Merging the new claim back undoes it.
    pub fn split(&mut self, id: i64, appearance: i64, actor: &str) -> Result<i64, StoreError> {
        let at = now();
        let stamp = Stamp { actor, at: &at };
        self.write(|tx| split_in(tx, id, appearance, &stamp))
    }

    /// The automatic merges marked for audit (migration 0007) that are still pending, each
    /// judged by the current `same` rule: `reason` says why it would not merge them.
    pub fn audit_merges(&self) -> Result<Vec<AuditedMerge>, StoreError> {
        pending_audits(&self.conn).map_err(|e| self.err(e))
    }

    /// Splits back every pending automatic merge the current rule would not make (each split in
    /// the trail, the new claim suggested as `related` to the old one with the reason) and marks
    /// the others kept, in one transaction. Returns the merges split, with each new claim's id.
    pub fn split_audited(&mut self, actor: &str) -> Result<Vec<(AuditedMerge, i64)>, StoreError> {
        let at = now();
        let stamp = Stamp { actor, at: &at };
        self.write(|tx| {
            let mut split = Vec::new();
            for m in pending_audits(tx)? {
                let Some(reason) = &m.reason else {
                    tx.execute(
                        "UPDATE merge_audit SET state = 'kept', checked_at = ?2 WHERE event_id = ?1",
                        params![m.event, at],
                    )?;
                    continue;
                };
                let new = split_in(tx, m.claim, m.appearance, &stamp)?;
                tx.execute(
                    "INSERT OR IGNORE INTO suggestions (claim_id, candidate_id, score, relation, reason, created_at)
                     VALUES (?1, ?2, ?3, 'related', ?4, ?5)",
                    params![new, m.claim, m.score.unwrap_or(0.0), reason, at],
                )?;
                tx.execute(
                    "UPDATE merge_audit SET state = 'split', reason = ?2, new_claim = ?3, checked_at = ?4
                     WHERE event_id = ?1",
                    params![m.event, reason, new, at],
                )?;
                split.push((m, new));
            }
            Ok(split)
        })
    }
}

/// An automatic merge of an older rule, judged by the current one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditedMerge {
    /// The trail entry of the merge.
    pub event: i64,
    /// The claim the appearance belongs to now.
    pub claim: i64,
    pub appearance: i64,
    pub claim_text: String,
    pub appearance_text: String,
    /// The merge's similarity score.
    pub score: Option<f64>,
    /// Why the current rule would not merge them (`None`: it would).
    pub reason: Option<String>,
}

/// The pending audits whose appearance is still one of several of its claim (an appearance
/// split off by hand since is left alone), judged.
fn pending_audits(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<AuditedMerge>> {
    let mut stmt = conn.prepare(
        "SELECT m.event_id, a.claim_id, a.id, c.text, a.text, e.score, a.stance, c.stance
         FROM merge_audit m
         JOIN claim_events e ON e.id = m.event_id
         JOIN appearances a ON a.id = e.appearance_id
         JOIN claims c ON c.id = a.claim_id
         WHERE m.state = 'pending'
           AND (SELECT COUNT(*) FROM appearances o WHERE o.claim_id = a.claim_id) > 1
         ORDER BY m.event_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let (appearance_stance, claim_stance): (Stance, Stance) =
            (super::parse_col(r, 6)?, super::parse_col(r, 7)?);
        let claim_text: String = r.get(3)?;
        let appearance_text: String = r.get(4)?;
        let reason = matching::conflict(
            &appearance_text,
            Some(appearance_stance),
            &claim_text,
            Some(claim_stance),
        );
        Ok(AuditedMerge {
            event: r.get(0)?,
            claim: r.get(1)?,
            appearance: r.get(2)?,
            claim_text,
            appearance_text,
            score: r.get(5)?,
            reason,
        })
    })?;
    rows.collect()
}

/// Takes one appearance out of claim `id` into a claim of its own, in the trail of both.
fn split_in(tx: &Transaction, id: i64, appearance: i64, stamp: &Stamp) -> Result<i64, StoreError> {
    let (_, merged) = state(tx, id)?;
    if let Some(m) = merged {
        return Err(StoreError::Curate(format!(
            "claim {id} was merged into claim {m}: split claim {m}"
        )));
    }
    let owner: Option<i64> = tx
        .query_row(
            "SELECT claim_id FROM appearances WHERE id = ?1",
            [appearance],
            |r| r.get(0),
        )
        .optional()?;
    if owner != Some(id) {
        return Err(StoreError::UnknownAppearance {
            claim: id,
            appearance,
        });
    }
    let count: i64 = tx.query_row(
        "SELECT COUNT(*) FROM appearances WHERE claim_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if count < 2 {
        return Err(StoreError::Curate(format!(
            "appearance {appearance} is the only one of claim {id}: nothing to split off"
        )));
    }
    let new = super::write::claim_from_appearance(tx, appearance, id, stamp.at)?;
    event(
        tx,
        id,
        "split",
        (Some(new), Some(appearance)),
        &format!("appearance {appearance} split off as claim {new}"),
        stamp,
    )?;
    event(
        tx,
        new,
        "split",
        (Some(id), Some(appearance)),
        &format!("split off claim {id}"),
        stamp,
    )?;
    Ok(new)
}
