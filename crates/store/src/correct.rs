//! Corrections: edits of claims, speakers and sources, and deleted claims. Each is one
//! transaction that changes the rows and appends to `corrections` who changed what, when and
//! why; `history` shows them beside the reviews.

use super::StoreError;
use super::full::full_claim_by_id;
use super::now;
use super::speakers::Resolver;
use super::{Ledger, NewSource};
use crate::claim::{Correction, Mode, SpeakerKind, SpeakerMention, Stance, join_list, split_list};
use rusqlite::{OptionalExtension, Transaction, params};

/// What `edit` changes on a claim; `None` keeps the value.
#[derive(Debug, Clone, Default)]
pub struct ClaimEdit {
    pub text: Option<String>,
    pub speakers: Option<Vec<SpeakerMention>>,
    pub cue: Option<String>,
    pub mode: Option<Mode>,
    pub stance: Option<Stance>,
    /// Change speakers, cue, mode and stance on this appearance of the claim only.
    pub appearance: Option<i64>,
}

/// Who corrects and why, written with every row of a correction.
#[derive(Debug, Clone)]
pub struct Corrector<'a> {
    pub who: &'a str,
    pub reason: Option<&'a str>,
}

struct Change<'a> {
    target: &'static str,
    target_id: i64,
    action: &'static str,
    field: Option<&'a str>,
    old: Option<String>,
    new: Option<String>,
}

impl<'a> Change<'a> {
    /// An edit of one field of claim `id`.
    fn edit(id: i64, field: &'a str, old: Option<String>, new: Option<String>) -> Self {
        Change {
            target: "claim",
            target_id: id,
            action: "edit",
            field: Some(field),
            old,
            new,
        }
    }
}

/// A row's speaker names and roles cells, as stored.
type Cells = (String, String);

/// Which rows an edit of speakers, cue, mode or stance changes: the claim row or not, and
/// which appearances.
struct Scope {
    row: bool,
    appearances: Vec<i64>,
    /// The one appearance asked for, if one was.
    only: Option<i64>,
}

impl Scope {
    fn of(tx: &Transaction, claim: i64, only: Option<i64>) -> Result<Scope, StoreError> {
        let all: Vec<i64> = tx
            .prepare("SELECT id FROM appearances WHERE claim_id = ?1 ORDER BY id")?
            .query_map([claim], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match only {
            None => Ok(Scope {
                row: true,
                appearances: all,
                only: None,
            }),
            Some(a) if all.contains(&a) => Ok(Scope {
                row: all.len() == 1,
                appearances: vec![a],
                only: Some(a),
            }),
            Some(a) => Err(StoreError::UnknownAppearance {
                claim,
                appearance: a,
            }),
        }
    }

    /// The field as the corrections name it: "stance", or "appearance 7 stance".
    fn field_name(&self, field: &str) -> String {
        match self.only {
            Some(a) => format!("appearance {a} {field}"),
            None => field.to_string(),
        }
    }

    /// Sets cue, mode or stance (`field`, from a fixed list, never from the user) where the
    /// scope says. Returns the old value when anything changed.
    fn set_field(
        &self,
        tx: &Transaction,
        claim: i64,
        field: &str,
        new: &str,
        row_old: String,
    ) -> Result<Option<String>, StoreError> {
        let mut old = None;
        if self.row && row_old != new {
            tx.execute(
                &format!("UPDATE claims SET {field} = ?2, updated_at = ?3 WHERE id = ?1"),
                params![claim, new, now()],
            )?;
            old = Some(row_old);
        }
        for a in &self.appearances {
            let was: Option<String> = tx.query_row(
                &format!("SELECT {field} FROM appearances WHERE id = ?1"),
                [a],
                |r| r.get(0),
            )?;
            let was = was.unwrap_or_default();
            if was != new {
                tx.execute(
                    &format!("UPDATE appearances SET {field} = ?2 WHERE id = ?1"),
                    params![a, new],
                )?;
                old.get_or_insert(was);
            }
        }
        Ok(old)
    }

    /// Replaces the speakers where the scope says. Returns the old and new speaker cells
    /// (names, roles) of the first row that changed, when any did.
    fn set_speakers(
        &self,
        tx: &Transaction,
        claim: i64,
        speakers: &[SpeakerMention],
        row_names: String,
    ) -> Result<Option<(Cells, Cells)>, StoreError> {
        let new_names: Vec<&str> = speakers.iter().map(|s| s.name.as_str()).collect();
        let mut change = None;
        if self.row && split_list(&row_names) != new_names {
            let old = Links::CLAIM.cells_of(tx, claim)?;
            set_speakers(tx, Links::CLAIM, claim, speakers)?;
            change = Some((old, Links::CLAIM.cells_of(tx, claim)?));
        }
        for a in &self.appearances {
            let was = Links::APPEARANCE.cells_of(tx, *a)?;
            if split_list(&was.0) != new_names {
                set_speakers(tx, Links::APPEARANCE, *a, speakers)?;
                if change.is_none() {
                    change = Some((was, Links::APPEARANCE.cells_of(tx, *a)?));
                }
            }
        }
        Ok(change)
    }
}

/// Puts a claim's row back into the matching index after its text or speakers changed (the
/// index has no update trigger): the same values its insert trigger writes.
pub(super) fn reindex_match(tx: &Transaction, claim: i64) -> Result<(), StoreError> {
    tx.execute("DELETE FROM match_fts WHERE rowid = ?1", [claim])?;
    tx.execute(
        "INSERT INTO match_fts (rowid, text, title, speakers)
         SELECT c.id, c.text,
                CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END,
                c.speaker_names
         FROM claims c LEFT JOIN sources s ON s.id = c.source_id WHERE c.id = ?1",
        [claim],
    )?;
    Ok(())
}

/// [`reindex_match`] of many claims in two statements; `ids` is a JSON array.
fn reindex_match_all(tx: &Transaction, ids: &str) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM match_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
        [ids],
    )?;
    tx.execute(
        "INSERT INTO match_fts (rowid, text, title, speakers)
         SELECT c.id, c.text,
                CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END,
                c.speaker_names
         FROM claims c LEFT JOIN sources s ON s.id = c.source_id
         WHERE c.id IN (SELECT value FROM json_each(?1)) ORDER BY c.id",
        [ids],
    )?;
    Ok(())
}

fn record(tx: &Transaction, by: &Corrector, c: Change) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO corrections (target, target_id, action, field, old_value, new_value, reason, corrector, corrected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![c.target, c.target_id, c.action, c.field, c.old, c.new, by.reason, by.who, now()],
    )?;
    Ok(())
}

impl Ledger {
    /// Edits a claim's text, speakers, cue, mode or stance. Returns the fields that changed.
    ///
    /// The text is the claim's own wording (what gets a verdict): it changes on the claim row
    /// only, each appearance keeps the words it was said in. Speakers, cue, mode and stance say
    /// who said it where: they change on the claim row and on every appearance of the claim,
    /// or with `edit.appearance` on that appearance only (and on the claim row when it is the
    /// claim's only appearance).
    pub fn edit_claim(
        &mut self,
        id: i64,
        edit: &ClaimEdit,
        by: &Corrector,
    ) -> Result<Vec<&'static str>, StoreError> {
        self.write(|tx| {
            let (text, cue, mode, stance, names): (String, Option<String>, String, String, String) =
                tx.query_row(
                    "SELECT text, cue, mode, stance, speaker_names FROM claims WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?
                .ok_or(StoreError::UnknownClaim(id))?;
            let scope = Scope::of(tx, id, edit.appearance)?;
            let mut changed = Vec::new();
            if let Some(new) = edit.text.clone().filter(|n| *n != text) {
                tx.execute(
                    "UPDATE claims SET text = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, new, now()],
                )?;
                record(tx, by, Change::edit(id, "text", Some(text), Some(new)))?;
                changed.push("text");
            }
            let fields: [(&'static str, Option<String>, String); 3] = [
                ("cue", edit.cue.clone(), cue.unwrap_or_default()),
                ("mode", edit.mode.map(|m| m.as_str().to_string()), mode),
                (
                    "stance",
                    edit.stance.map(|s| s.as_str().to_string()),
                    stance,
                ),
            ];
            for (field, new, row_old) in fields {
                let Some(new) = new else { continue };
                if let Some(old) = scope.set_field(tx, id, field, &new, row_old)? {
                    let name = scope.field_name(field);
                    record(tx, by, Change::edit(id, &name, Some(old), Some(new)))?;
                    changed.push(field);
                }
            }
            if let Some(speakers) = &edit.speakers
                && let Some((old, new)) = scope.set_speakers(tx, id, speakers, names)?
            {
                let name = scope.field_name("speakers");
                record(tx, by, Change::edit(id, &name, Some(old.0), Some(new.0)))?;
                if old.1 != new.1 {
                    let name = scope.field_name("speaker roles");
                    record(tx, by, Change::edit(id, &name, Some(old.1), Some(new.1)))?;
                }
                changed.push("speakers");
            }
            if changed.contains(&"text") || changed.contains(&"speakers") {
                reindex_match(tx, id)?;
            }
            if !changed.is_empty() {
                // The claim changed, also when only an appearance of it did.
                tx.execute(
                    "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
                    params![id, now()],
                )?;
            }
            Ok(changed)
        })
    }

    /// Deletes a claim with its reviews; its whole export line is kept in the corrections, so
    /// `history` still tells what it was and why it went.
    pub fn delete_claim(&mut self, id: i64, by: &Corrector) -> Result<(), StoreError> {
        self.write(|tx| {
            let full = full_claim_by_id(tx, id)?.ok_or(StoreError::UnknownClaim(id))?;
            // Their appearances are this claim's now and would go with it.
            let merged: Vec<String> = tx
                .prepare("SELECT id FROM claims WHERE merged_into = ?1 ORDER BY id")?
                .query_map([id], |r| r.get::<_, i64>(0))?
                .map(|r| r.map(|m| m.to_string()))
                .collect::<Result<_, _>>()?;
            if !merged.is_empty() {
                return Err(StoreError::HasMerged {
                    id,
                    merged: merged.join(", "),
                });
            }
            let line = serde_json::to_string(&full).unwrap_or_default();
            tx.execute("DELETE FROM claims WHERE id = ?1", [id])?;
            record(
                tx,
                by,
                Change {
                    target: "claim",
                    target_id: id,
                    action: "delete",
                    field: None,
                    old: Some(line),
                    new: None,
                },
            )
        })
    }

    /// Renames a speaker; the old name stays as an alias.
    pub fn rename_speaker(
        &mut self,
        name: &str,
        new: &str,
        by: &Corrector,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let (id, old) = speaker(tx, name)?;
            if let Some((other, _)) = speaker_named(tx, new)?
                && other != id
            {
                return Err(StoreError::SpeakerExists(new.to_string()));
            }
            tx.execute("UPDATE speakers SET name = ?2 WHERE id = ?1", params![id, new])?;
            tx.execute("INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?1, ?2)", params![old, id])?;
            tx.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?1 AND alias = ?2 COLLATE NOCASE AND alias <> ?3", params![id, new, old])?;
            refresh_claims_of(tx, id, None, None)?;
            record(tx, by, Change { target: "speaker", target_id: id, action: "rename", field: Some("name"), old: Some(old), new: Some(new.to_string()) })
        })
    }

    /// Merges speaker `from` into `into`: their claims and aliases move, `from`'s name becomes
    /// an alias, and `from` is gone.
    pub fn merge_speakers(
        &mut self,
        from: &str,
        into: &str,
        by: &Corrector,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let (gone, gone_name) = speaker(tx, from)?;
            let (kept, kept_name) = speaker(tx, into)?;
            if gone == kept {
                return Err(StoreError::SameSpeaker(gone_name));
            }
            tx.execute(
                "UPDATE claim_speakers SET speaker_id = ?2 WHERE speaker_id = ?1",
                params![gone, kept],
            )?;
            tx.execute(
                "UPDATE appearance_speakers SET speaker_id = ?2 WHERE speaker_id = ?1",
                params![gone, kept],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id)
                 SELECT alias, ?2 FROM speaker_aliases WHERE speaker_id = ?1 UNION SELECT ?3, ?2",
                params![gone, kept, gone_name],
            )?;
            tx.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?1", [gone])?;
            tx.execute("DELETE FROM speakers WHERE id = ?1", [gone])?;
            refresh_claims_of(tx, kept, None, None)?;
            record(
                tx,
                by,
                Change {
                    target: "speaker",
                    target_id: kept,
                    action: "merge",
                    field: Some("name"),
                    old: Some(gone_name),
                    new: Some(kept_name),
                },
            )
        })
    }

    /// Sets a speaker's kind or role, on the speaker and on every claim that names them.
    pub fn set_speaker(
        &mut self,
        name: &str,
        kind: Option<SpeakerKind>,
        role: Option<&str>,
        by: &Corrector,
    ) -> Result<Vec<&'static str>, StoreError> {
        self.write(|tx| {
            let (id, _) = speaker(tx, name)?;
            let (old_kind, old_role): (String, Option<String>) =
                tx.query_row("SELECT kind, role FROM speakers WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let mut changed = Vec::new();
            if let Some(kind) = kind.filter(|k| k.as_str() != old_kind) {
                tx.execute(
                    "UPDATE speakers SET kind = ?2 WHERE id = ?1",
                    params![id, kind.as_str()],
                )?;
                record(
                    tx,
                    by,
                    Change {
                        target: "speaker",
                        target_id: id,
                        action: "set",
                        field: Some("kind"),
                        old: Some(old_kind),
                        new: Some(kind.as_str().into()),
                    },
                )?;
                changed.push("kind");
            }
            let role = role
                .map(str::trim)
                .filter(|r| Some(*r) != old_role.as_deref());
            if let Some(role) = role {
                let value = Some(role).filter(|r| !r.is_empty());
                tx.execute(
                    "UPDATE speakers SET role = ?2 WHERE id = ?1",
                    params![id, value],
                )?;
                record(
                    tx,
                    by,
                    Change {
                        target: "speaker",
                        target_id: id,
                        action: "set",
                        field: Some("role"),
                        old: old_role,
                        new: value.map(Into::into),
                    },
                )?;
                changed.push("role");
            }
            refresh_claims_of(tx, id, kind, role)?;
            Ok(changed)
        })
    }

    /// Edits a source's URL, title, publisher or publication date. Returns what changed.
    pub fn edit_source(
        &mut self,
        id: i64,
        given: &NewSource,
        by: &Corrector,
    ) -> Result<Vec<&'static str>, StoreError> {
        self.write(|tx| {
            let exists = tx
                .query_row("SELECT 1 FROM sources WHERE id = ?1", [id], |_| Ok(()))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::UnknownSource(id));
            }
            let fields = [
                ("url", &given.url),
                ("title", &given.title),
                ("publisher", &given.publisher),
                ("published", &given.published),
            ];
            let mut changed = Vec::new();
            for (field, value) in fields {
                let Some(value) = value else { continue };
                let value = Some(value.trim()).filter(|v| !v.is_empty());
                // The column name comes from the fixed list above, never from the user.
                let old: Option<String> = tx.query_row(
                    &format!("SELECT {field} FROM sources WHERE id = ?1"),
                    [id],
                    |r| r.get(0),
                )?;
                if old.as_deref() == value {
                    continue;
                }
                tx.execute(
                    &format!("UPDATE sources SET {field} = ?2 WHERE id = ?1"),
                    params![id, value],
                )?;
                record(
                    tx,
                    by,
                    Change {
                        target: "source",
                        target_id: id,
                        action: "edit",
                        field: Some(field),
                        old,
                        new: value.map(Into::into),
                    },
                )?;
                changed.push(field);
            }
            Ok(changed)
        })
    }

    /// Returns the corrections that concern a claim — of the claim itself, its speakers and
    /// its source — oldest first. Works for a deleted claim too.
    pub fn corrections(&self, claim: i64) -> Result<Vec<Correction>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, target, target_id, action, field, old_value, new_value, reason, corrector, corrected_at
                 FROM corrections
                 WHERE (target = 'claim' AND target_id = ?1)
                    OR (target = 'speaker' AND target_id IN (
                        SELECT speaker_id FROM claim_speakers WHERE claim_id = ?1
                        UNION SELECT asp.speaker_id FROM appearances a
                        JOIN appearance_speakers asp ON asp.appearance_id = a.id WHERE a.claim_id = ?1))
                    OR (target = 'source' AND target_id IN (
                        SELECT source_id FROM claims WHERE id = ?1
                        UNION SELECT source_id FROM appearances WHERE claim_id = ?1))
                 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([claim], |r| {
                Ok(Correction {
                    id: r.get(0)?,
                    target: r.get(1)?,
                    target_id: r.get(2)?,
                    action: r.get(3)?,
                    field: r.get(4)?,
                    old_value: r.get(5)?,
                    new_value: r.get(6)?,
                    reason: r.get(7)?,
                    corrector: r.get(8)?,
                    corrected_at: r.get(9)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// The speaker with this name (any case) or id.
/// Generic speakers are one per article, so a name may be several speakers: the one shared
/// by every article is meant if there is one, else the name must be unique (or an id given).
fn speaker_named(tx: &Transaction, name: &str) -> Result<Option<(i64, String)>, StoreError> {
    let found: Vec<(i64, String, bool)> = tx
        .prepare(
            "SELECT id, name, source_id IS NULL FROM speakers
             WHERE name = ?1 COLLATE NOCASE OR CAST(id AS TEXT) = ?1 ORDER BY id",
        )?
        .query_map([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if let Some((id, name, _)) = found.iter().find(|(id, _, _)| id.to_string() == name) {
        return Ok(Some((*id, name.clone())));
    }
    let shared: Vec<&(i64, String, bool)> = found.iter().filter(|f| f.2).collect();
    match (shared.as_slice(), found.as_slice()) {
        ([one], _) => Ok(Some((one.0, one.1.clone()))),
        ([], [one]) => Ok(Some((one.0, one.1.clone()))),
        (_, []) => Ok(None),
        _ => Err(StoreError::AmbiguousSpeaker {
            name: name.to_string(),
            count: found.len(),
            ids: found
                .iter()
                .map(|f| f.0.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn speaker(tx: &Transaction, name: &str) -> Result<(i64, String), StoreError> {
    speaker_named(tx, name)?.ok_or_else(|| StoreError::UnknownSpeaker(name.to_string()))
}

/// A table of speaker links and the table whose rows carry the speaker cells: claims (with
/// `claim_speakers`) and appearances (with `appearance_speakers`). Fixed names, never user text.
#[derive(Clone, Copy)]
struct Links {
    links: &'static str,
    owner: &'static str,
    cells: &'static str,
    /// What else an update of the cells sets (the claim row says when it last changed).
    stamp: &'static str,
}

impl Links {
    const CLAIM: Links = Links {
        links: "claim_speakers",
        owner: "claim_id",
        cells: "claims",
        stamp: ", updated_at = ?5",
    };
    const APPEARANCE: Links = Links {
        links: "appearance_speakers",
        owner: "appearance_id",
        cells: "appearances",
        stamp: "",
    };

    /// Writes the speaker cells of row `id`.
    /// The speaker names and roles cells of row `id`.
    fn cells_of(self, tx: &Transaction, id: i64) -> Result<Cells, StoreError> {
        Ok(tx.query_row(
            &format!(
                "SELECT speaker_names, speaker_roles FROM {} WHERE id = ?1",
                self.cells
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Writes the speaker cells of many rows in one statement: `rows` is a JSON array of
    /// `[id, names, roles, kinds]`.
    fn write_all_cells(self, tx: &Transaction, rows: &str) -> Result<(), StoreError> {
        let stamp = self.stamp.replace("?5", "?2");
        let sql = format!(
            "UPDATE {t} SET speaker_names = r.value ->> 1, speaker_roles = r.value ->> 2,
                 speaker_kinds = r.value ->> 3{stamp}
             FROM json_each(?1) AS r WHERE {t}.id = r.value ->> 0",
            t = self.cells,
        );
        if stamp.is_empty() {
            tx.execute(&sql, [rows])?;
        } else {
            tx.execute(&sql, params![rows, now()])?;
        }
        Ok(())
    }

    fn write_cells(
        self,
        tx: &Transaction,
        id: i64,
        names: &str,
        roles: &str,
        kinds: &str,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "UPDATE {} SET speaker_names = ?2, speaker_roles = ?3, speaker_kinds = ?4{} WHERE id = ?1",
            self.cells, self.stamp
        );
        if self.stamp.is_empty() {
            tx.execute(&sql, params![id, names, roles, kinds])?;
        } else {
            tx.execute(&sql, params![id, names, roles, kinds, now()])?;
        }
        Ok(())
    }
}

/// Replaces the speakers of a claim row or an appearance (links and the denormalised cells).
fn set_speakers(
    tx: &Transaction,
    table: Links,
    owner: i64,
    speakers: &[SpeakerMention],
) -> Result<(), StoreError> {
    let speakers = &keep_roles(tx, table, owner, speakers)?;
    tx.execute(
        &format!("DELETE FROM {} WHERE {} = ?1", table.links, table.owner),
        [owner],
    )?;
    // A generic speaker is this article's own; otherwise the name typed is the speaker meant
    // (a bare "Voss" is not taken for Clara Voss: that is how a wrong join is undone).
    let source: Option<i64> = tx.query_row(
        &format!("SELECT source_id FROM {} WHERE id = ?1", table.cells),
        [owner],
        |r| r.get(0),
    )?;
    let mut resolver = Resolver::exact();
    let mut names = Vec::with_capacity(speakers.len());
    for (position, s) in speakers.iter().enumerate() {
        let speaker = resolver.resolve(tx, s, source)?;
        tx.execute(
            &format!(
                "INSERT INTO {} ({}, speaker_id, position, mention) VALUES (?1, ?2, ?3, ?4)",
                table.links, table.owner
            ),
            params![owner, speaker.id, position as i64, s.name],
        )?;
        names.push(speaker.name);
    }
    for &renamed in resolver.renamed() {
        refresh_claims_of(tx, renamed, None, None)?;
    }
    let roles: Vec<&str> = speakers
        .iter()
        .map(|s| s.role.as_deref().unwrap_or(""))
        .collect();
    let kinds: Vec<&str> = speakers.iter().map(|s| s.kind.as_str()).collect();
    table.write_cells(
        tx,
        owner,
        &join_list(&names),
        &join_list(&roles),
        &join_list(&kinds),
    )
}

/// Gives each new speaker without a role (and kind) the one the row had for the same name,
/// else the speaker's own role: a correction of who spoke does not wipe what they are.
fn keep_roles(
    tx: &Transaction,
    table: Links,
    owner: i64,
    speakers: &[SpeakerMention],
) -> Result<Vec<SpeakerMention>, StoreError> {
    let (names, roles, kinds): (String, String, String) = tx.query_row(
        &format!(
            "SELECT speaker_names, speaker_roles, speaker_kinds FROM {} WHERE id = ?1",
            table.cells
        ),
        [owner],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (names, roles, kinds) = (split_list(&names), split_list(&roles), split_list(&kinds));
    let mut out = speakers.to_vec();
    for s in &mut out {
        let before = names
            .iter()
            .position(|n| n.to_lowercase() == s.name.to_lowercase());
        if let Some(i) = before {
            if s.role.is_none() {
                s.role = roles.get(i).filter(|r| !r.is_empty()).cloned();
            }
            if let Some(kind) = kinds.get(i).and_then(|k| k.parse().ok()) {
                s.kind = kind;
            }
        }
        if s.role.is_none() {
            s.role = tx
                .query_row(
                    "SELECT role FROM speakers WHERE name = ?1 COLLATE NOCASE AND source_id IS NULL",
                    [&s.name],
                    |r| r.get::<_, Option<String>>(0),
                )
                .optional()?
                .flatten();
        }
    }
    Ok(out)
}

/// Rewrites the speaker cells of every claim and appearance that names `speaker`.
pub(super) fn refresh_claims_of(
    tx: &Transaction,
    speaker: i64,
    kind: Option<SpeakerKind>,
    role: Option<&str>,
) -> Result<(), StoreError> {
    refresh_rows_of(tx, Links::CLAIM, speaker, kind, role)?;
    refresh_rows_of(tx, Links::APPEARANCE, speaker, kind, role)
}

/// Rewrites the speaker cells of every row of `table` that names `speaker`: names from the
/// speakers table, and at that speaker's places the new kind or role when given.
///
/// The rows are read one by one and written in a few statements for all of them: every
/// statement that writes to a table with a full-text index makes FTS5 write what it holds to
/// disk (a segment, and merges), so a statement per row made a speaker named in many claims
/// slow to rename.
fn refresh_rows_of(
    tx: &Transaction,
    table: Links,
    speaker: i64,
    kind: Option<SpeakerKind>,
    role: Option<&str>,
) -> Result<(), StoreError> {
    let owners: Vec<i64> = tx
        .prepare(&format!(
            "SELECT DISTINCT {} FROM {} WHERE speaker_id = ?1",
            table.owner, table.links
        ))?
        .query_map([speaker], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if owners.is_empty() {
        return Ok(());
    }
    let mut cells_of = tx.prepare(&format!(
        "SELECT speaker_roles, speaker_kinds FROM {} WHERE id = ?1",
        table.cells
    ))?;
    let mut links_of = tx.prepare(&format!(
        "SELECT l.speaker_id, sp.name FROM {} l JOIN speakers sp ON sp.id = l.speaker_id
         WHERE l.{} = ?1 ORDER BY l.position",
        table.links, table.owner
    ))?;
    // Each row's id and new cells: [id, names, roles, kinds].
    let mut rows: Vec<(i64, String, String, String)> = Vec::with_capacity(owners.len());
    for &owner in &owners {
        let (roles, kinds): (String, String) =
            cells_of.query_row([owner], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (old_roles, old_kinds) = (split_list(&roles), split_list(&kinds));
        let links: Vec<(i64, String)> = links_of
            .query_map([owner], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let (mut names, mut roles, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (id, name)) in links.iter().enumerate() {
            let here = *id == speaker;
            names.push(name.clone());
            roles.push(match role {
                Some(r) if here => r.to_string(),
                _ => old_roles.get(i).cloned().unwrap_or_default(),
            });
            kinds.push(match kind {
                Some(k) if here => k.as_str().to_string(),
                _ => old_kinds.get(i).cloned().unwrap_or_else(|| "person".into()),
            });
        }
        // A row whose speakers are all without a role keeps an empty cell.
        let roles = if roles.iter().all(String::is_empty) {
            String::new()
        } else {
            join_list(&roles)
        };
        rows.push((owner, join_list(&names), roles, join_list(&kinds)));
    }
    let rows = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
    table.write_all_cells(tx, &rows)?;
    if table.cells == Links::CLAIM.cells {
        let ids = serde_json::to_string(&owners).unwrap_or_else(|_| "[]".into());
        reindex_match_all(tx, &ids)?;
    }
    Ok(())
}
