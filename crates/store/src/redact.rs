//! Redaction: removing a private person's name and personal details from the whole ledger on
//! request. The words go from claims, appearances, sources (headline, authors, text), speakers
//! and the trails; the search and matching indexes follow. What stays is the fact of the
//! redaction: one correction per changed claim, source and speaker with who, when and why —
//! never what was removed.

use super::Ledger;
use super::StoreError;
use super::correct::{Corrector, reindex_match};
use super::now;
use crate::claim::{join_list, split_list};
use regex::{Regex, RegexBuilder};
use rusqlite::{Transaction, params};
use std::collections::BTreeSet;

/// What replaces a redacted phrase in text.
pub const REDACTED: &str = "[redacted]";

/// The trails that are append-only for everything but a redaction: their guards are lifted
/// inside the redaction's transaction and put back, word for word, before it commits.
const GUARDS: &[&str] = &[
    "reviews_no_update",
    "corrections_no_update",
    "claim_events_no_update",
];

/// What a redaction changed, counted (the trail records no more than that either).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redacted {
    pub claims: usize,
    pub sources: usize,
    pub speakers: usize,
    /// False when the file could not be compacted afterwards (another process held it): the
    /// removed words are gone from every table but may linger in free pages of the file.
    pub compacted: bool,
}

/// One text edit: the byte range `start..end` became `len` bytes.
type Edit = (usize, usize, usize);

impl Ledger {
    /// Redacts the speaker called `name` (every row with that name or alias, in every
    /// article's scope): the speaker is renamed "[redacted N]" and loses role and aliases, and
    /// the name, its aliases and the mentions that name the person are replaced by "[redacted]"
    /// wherever they are written.
    pub fn redact_speaker(&mut self, name: &str, by: &Corrector) -> Result<Redacted, StoreError> {
        let name = name.trim().to_string();
        self.write(|tx| {
            let ids = speakers_named(tx, &name)?;
            if ids.is_empty() {
                return Err(StoreError::UnknownSpeaker(name.clone()));
            }
            let mut phrases = BTreeSet::from([name.clone()]);
            let mut changed = Changed::default();
            for &id in &ids {
                phrases.extend(words_for(tx, id)?);
                blank_speaker(tx, id, &mut changed)?;
            }
            let done = redact_phrases(tx, &phrases, changed, by)?;
            Ok(done)
        })
        .map(|done| self.compacted(done))
    }

    /// Redacts a phrase (a name, an address, a telephone number) wherever it is written:
    /// claims, appearances, sources, speakers and the trails. Returns what changed; nothing
    /// changed is not an error (the phrase may have gone before).
    pub fn redact_text(&mut self, phrase: &str, by: &Corrector) -> Result<Redacted, StoreError> {
        let phrases = BTreeSet::from([phrase.trim().to_string()]);
        self.write(|tx| redact_phrases(tx, &phrases, Changed::default(), by))
            .map(|done| self.compacted(done))
    }

    /// Erases the leftovers after a committed redaction; a failure there does not undo it.
    fn compacted(&mut self, done: Redacted) -> Redacted {
        Redacted {
            compacted: self.erase_leftovers().is_ok(),
            ..done
        }
    }

    /// Removes what the redacted words left in the file: index segments that still hold
    /// deleted terms, freed pages, and the write-ahead log's old page images.
    fn erase_leftovers(&mut self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("INSERT INTO claims_fts(claims_fts) VALUES ('optimize')", [])?;
            tx.execute("INSERT INTO match_fts(match_fts) VALUES ('optimize')", [])?;
            Ok(())
        })?;
        let path = self.path.clone();
        let err = |e| super::classify(e, &path);
        self.conn.execute_batch("VACUUM").map_err(err)?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(err)
    }
}

/// Ids of changed rows, for the trail and the matching index.
#[derive(Default)]
struct Changed {
    claims: BTreeSet<i64>,
    sources: BTreeSet<i64>,
    speakers: BTreeSet<i64>,
}

/// Speakers whose name or an alias is `name` (case folded as the ledger folds names).
fn speakers_named(tx: &Transaction, name: &str) -> Result<Vec<i64>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT id FROM speakers WHERE name = ?1 COLLATE NOCASE
         UNION SELECT speaker_id FROM speaker_aliases WHERE alias = ?1 COLLATE NOCASE",
    )?;
    let ids = stmt
        .query_map([name], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The words that name speaker `id`: name, aliases, and the mentions as written that share a
/// word with the name ("Ms Roe" for "Jane Roe"; never "she" or "the mayor", which name
/// other people elsewhere).
fn words_for(tx: &Transaction, id: i64) -> Result<BTreeSet<String>, StoreError> {
    let name: String = tx.query_row("SELECT name FROM speakers WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    let mut out = BTreeSet::from([name.clone()]);
    let mut stmt = tx.prepare(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ?1
         UNION SELECT mention FROM claim_speakers WHERE speaker_id = ?1 AND mention IS NOT NULL
         UNION SELECT mention FROM appearance_speakers WHERE speaker_id = ?1 AND mention IS NOT NULL",
    )?;
    let name_words: Vec<String> = name
        .split_whitespace()
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect();
    for words in stmt.query_map([id], |r| r.get::<_, String>(0))? {
        let words = words?;
        let shares = words
            .split_whitespace()
            .any(|w| name_words.contains(&w.to_lowercase()));
        if shares {
            out.insert(words);
        }
    }
    Ok(out)
}

/// Renames speaker `id` to "[redacted N]", drops its role and aliases, and blanks its name and
/// role in the speaker cells of its claims and appearances.
fn blank_speaker(tx: &Transaction, id: i64, changed: &mut Changed) -> Result<(), StoreError> {
    let placeholder = format!("[redacted {id}]");
    tx.execute(
        "UPDATE speakers SET name = ?2, role = NULL WHERE id = ?1",
        params![id, placeholder],
    )?;
    tx.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?1", [id])?;
    changed.speakers.insert(id);
    for (table, links, key) in [
        ("claims", "claim_speakers", "claim_id"),
        ("appearances", "appearance_speakers", "appearance_id"),
    ] {
        let rows: Vec<(i64, i64)> = tx
            .prepare(&format!(
                "SELECT {key}, position FROM {links} WHERE speaker_id = ?1"
            ))?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        tx.execute(
            &format!("UPDATE {links} SET mention = NULL WHERE speaker_id = ?1"),
            [id],
        )?;
        for (row, position) in rows {
            let (names, roles): (String, String) = tx.query_row(
                &format!("SELECT speaker_names, speaker_roles FROM {table} WHERE id = ?1"),
                [row],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let (mut names, mut roles) = (split_list(&names), split_list(&roles));
            let at = position as usize;
            if let Some(n) = names.get_mut(at) {
                *n = placeholder.clone();
            }
            if let Some(r) = roles.get_mut(at) {
                r.clear();
            }
            tx.execute(
                &format!("UPDATE {table} SET speaker_names = ?2, speaker_roles = ?3 WHERE id = ?1"),
                params![row, join_list(&names), join_list(&roles)],
            )?;
            if table == "claims" {
                changed.claims.insert(row);
            } else {
                let claim: i64 = tx.query_row(
                    "SELECT claim_id FROM appearances WHERE id = ?1",
                    [row],
                    |r| r.get(0),
                )?;
                changed.claims.insert(claim);
            }
        }
    }
    Ok(())
}

/// A case-insensitive pattern for the phrases, whole words where a phrase begins or ends with
/// a letter or digit (so that "Roe" does not redact "Monroe"). Longer phrases first.
fn pattern(phrases: &BTreeSet<String>) -> Result<Option<Regex>, StoreError> {
    let mut phrases: Vec<&str> = phrases
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if phrases.is_empty() {
        return Ok(None);
    }
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternatives: Vec<String> = phrases
        .iter()
        .map(|p| {
            let edge = |c: Option<char>| {
                if c.is_some_and(char::is_alphanumeric) {
                    r"\b"
                } else {
                    ""
                }
            };
            let escaped = regex::escape(p).replace(' ', r"\s+");
            format!(
                "{}{escaped}{}",
                edge(p.chars().next()),
                edge(p.chars().last())
            )
        })
        .collect();
    RegexBuilder::new(&alternatives.join("|"))
        .case_insensitive(true)
        .build()
        .map(Some)
        .map_err(|e| StoreError::Curate(format!("the phrase cannot be searched for: {e}")))
}

/// Replaces every phrase in every written text, keeps the indexes and spans in step, and
/// records the redaction on each changed claim, source and speaker.
fn redact_phrases(
    tx: &Transaction,
    phrases: &BTreeSet<String>,
    mut changed: Changed,
    by: &Corrector,
) -> Result<Redacted, StoreError> {
    let Some(re) = pattern(phrases)? else {
        return Err(StoreError::Curate(
            "there is nothing to redact: give a phrase".into(),
        ));
    };
    let guards = lift_guards(tx)?;
    changed.claims.extend(scrub(
        tx,
        &re,
        "claims",
        "id",
        &["text", "sentence", "speaker_names", "speaker_roles"],
    )?);
    for appearance in scrub(
        tx,
        &re,
        "appearances",
        "id",
        &["text", "sentence", "speaker_names", "speaker_roles"],
    )? {
        changed.claims.insert(tx.query_row(
            "SELECT claim_id FROM appearances WHERE id = ?1",
            [appearance],
            |r| r.get(0),
        )?);
    }
    changed
        .sources
        .extend(scrub(tx, &re, "sources", "id", &["title", "authors"])?);
    changed.sources.extend(scrub_bodies(tx, &re)?);
    changed.speakers.extend(scrub_speakers(tx, &re)?);
    delete_aliases(tx, &re)?;
    for (table, cols) in [
        ("claim_speakers", &["mention"][..]),
        ("appearance_speakers", &["mention"][..]),
        ("reviews", &["note"][..]),
        ("claim_events", &["note"][..]),
        ("suggestions", &["reason"][..]),
        ("corrections", &["old_value", "new_value", "reason"][..]),
    ] {
        scrub(tx, &re, table, "rowid", cols)?;
    }
    put_back(tx, &guards)?;
    // Claims recorded without a sentence are matched by their source's headline too.
    let mut reindex = changed.claims.clone();
    for source in &changed.sources {
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM claims WHERE source_id = ?1 AND sentence = ''")?
            .query_map([source], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        reindex.extend(ids);
    }
    for &claim in &reindex {
        // A merged claim is not in the matching index: its appearances match as the other's.
        let merged: bool = tx.query_row(
            "SELECT merged_into IS NOT NULL FROM claims WHERE id = ?1",
            [claim],
            |r| r.get(0),
        )?;
        if !merged {
            reindex_match(tx, claim)?;
        }
    }
    let at = now();
    for (target, ids) in [
        ("claim", &changed.claims),
        ("source", &changed.sources),
        ("speaker", &changed.speakers),
    ] {
        for id in ids {
            tx.execute(
                "INSERT INTO corrections (target, target_id, action, field, old_value, new_value, reason, corrector, corrected_at)
                 VALUES (?1, ?2, 'redact', NULL, NULL, NULL, ?3, ?4, ?5)",
                params![target, id, by.reason, by.who, at],
            )?;
        }
    }
    Ok(Redacted {
        claims: changed.claims.len(),
        sources: changed.sources.len(),
        speakers: changed.speakers.len(),
        compacted: false,
    })
}

/// Replaces the pattern in the text columns `cols` of `table`; returns the keys of the rows
/// that changed. Table and column names are constants of this module, never user text.
fn scrub(
    tx: &Transaction,
    re: &Regex,
    table: &str,
    key: &str,
    cols: &[&str],
) -> Result<Vec<i64>, StoreError> {
    let select = format!("SELECT {key}, {} FROM {table}", cols.join(", "));
    let mut stmt = tx.prepare(&select)?;
    let mut rows = stmt.query([])?;
    let mut updates: Vec<(i64, Vec<Option<String>>)> = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let mut values = Vec::with_capacity(cols.len());
        let mut hit = false;
        for i in 0..cols.len() {
            let v: Option<String> = row.get(i + 1)?;
            let new = v.map(|v| match re.replace_all(&v, REDACTED) {
                std::borrow::Cow::Owned(o) => {
                    hit = true;
                    o
                }
                std::borrow::Cow::Borrowed(_) => v,
            });
            values.push(new);
        }
        if hit {
            updates.push((id, values));
        }
    }
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let update = format!("UPDATE {table} SET {} WHERE {key} = ?1", sets.join(", "));
    let mut ids = Vec::with_capacity(updates.len());
    for (id, values) in updates {
        let mut args: Vec<rusqlite::types::Value> = vec![id.into()];
        args.extend(values.into_iter().map(rusqlite::types::Value::from));
        tx.execute(&update, rusqlite::params_from_iter(args))?;
        ids.push(id);
    }
    Ok(ids)
}

/// Redacts sources' article texts and moves the byte spans of their claims and appearances
/// with the text, so that each still points at its sentence.
fn scrub_bodies(tx: &Transaction, re: &Regex) -> Result<Vec<i64>, StoreError> {
    let bodies: Vec<(i64, String)> = tx
        .prepare("SELECT id, body FROM sources")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut ids = Vec::new();
    for (id, body) in bodies {
        let edits: Vec<Edit> = re
            .find_iter(&body)
            .map(|m| (m.start(), m.end(), REDACTED.len()))
            .collect();
        if edits.is_empty() {
            continue;
        }
        let new = re.replace_all(&body, REDACTED).into_owned();
        tx.execute(
            "UPDATE sources SET body = ?2 WHERE id = ?1",
            params![id, new],
        )?;
        for table in ["claims", "appearances"] {
            let spans: Vec<(i64, i64, i64)> = tx
                .prepare(&format!(
                    "SELECT id, start_byte, end_byte FROM {table}
                     WHERE source_id = ?1 AND start_byte IS NOT NULL AND end_byte IS NOT NULL"
                ))?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (row, start, end) in spans {
                let start = shift(start as usize, &edits, false) as i64;
                let end = shift(end as usize, &edits, true) as i64;
                tx.execute(
                    &format!("UPDATE {table} SET start_byte = ?2, end_byte = ?3 WHERE id = ?1"),
                    params![row, start, end],
                )?;
            }
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Where byte `offset` of a text is after `edits`; an offset inside a replaced range goes to
/// the replacement's start (a span's start) or end (a span's end).
fn shift(offset: usize, edits: &[Edit], is_end: bool) -> usize {
    let mut delta: isize = 0;
    for &(start, end, len) in edits {
        if end <= offset {
            delta += len as isize - (end - start) as isize;
        } else if start < offset {
            let base = (start as isize + delta) as usize;
            return if is_end { base + len } else { base };
        } else {
            break;
        }
    }
    (offset as isize + delta) as usize
}

/// A speaker whose name holds a phrase is renamed "[redacted N]" whole (names are unique in
/// their scope); a role holding it is redacted like any text.
fn scrub_speakers(tx: &Transaction, re: &Regex) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64, String, Option<String>)> = tx
        .prepare("SELECT id, name, role FROM speakers")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut ids = Vec::new();
    for (id, name, role) in rows {
        let hit_name = re.is_match(&name);
        let hit_role = role.as_deref().is_some_and(|r| re.is_match(r));
        if !hit_name && !hit_role {
            continue;
        }
        let name = if hit_name {
            format!("[redacted {id}]")
        } else {
            name
        };
        let role = role.map(|r| re.replace_all(&r, REDACTED).into_owned());
        tx.execute(
            "UPDATE speakers SET name = ?2, role = ?3 WHERE id = ?1",
            params![id, name, role],
        )?;
        ids.push(id);
    }
    Ok(ids)
}

/// Drops the aliases that hold a phrase.
fn delete_aliases(tx: &Transaction, re: &Regex) -> Result<(), StoreError> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT rowid, alias FROM speaker_aliases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (rowid, alias) in rows {
        if re.is_match(&alias) {
            tx.execute("DELETE FROM speaker_aliases WHERE rowid = ?1", [rowid])?;
        }
    }
    Ok(())
}

/// Drops the append-only guards of the trails for this transaction; returns their SQL.
fn lift_guards(tx: &Transaction) -> Result<Vec<String>, StoreError> {
    let mut sqls = Vec::new();
    for name in GUARDS {
        let sql: String = tx.query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
        sqls.push(sql);
    }
    Ok(sqls)
}

/// Puts the guards back exactly as they were.
fn put_back(tx: &Transaction, sqls: &[String]) -> Result<(), StoreError> {
    for sql in sqls {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_move_with_the_text() {
        // "Ann Lee said it. Then Bo spoke." with "Ann Lee" (0..7) redacted.
        let edits = [(0, 7, REDACTED.len())];
        let d = REDACTED.len() as isize - 7;
        assert_eq!(shift(17, &edits, false) as isize, 17 + d);
        assert_eq!(shift(0, &edits, false), 0);
        assert_eq!(shift(3, &edits, true), REDACTED.len());
    }

    #[test]
    fn a_phrase_is_matched_as_whole_words_in_any_case() {
        let re = pattern(&BTreeSet::from(["Roe".to_string()]))
            .unwrap()
            .unwrap();
        assert_eq!(
            re.replace_all("Monroe met ROE.", REDACTED),
            "Monroe met [redacted]."
        );
    }
}
