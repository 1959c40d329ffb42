//! Which speaker row a mention names, across articles.
//!
//! The extractor resolves "Merkel" to "Angela Merkel" within one article; across articles that
//! is done here, against the speakers already in the ledger (and those written earlier in the
//! same transaction, so a run of several articles behaves like the articles ingested one by
//! one). The rules, each refusing to guess:
//!
//! - A named speaker is one row shared by every article. The same name (any case) is the same
//!   speaker.
//! - A surname alone ("Merkel") names the one shared person whose name ends with it, or who was
//!   called so before (an alias). With two such people ("Anna Müller", "Tom Müller") it names
//!   neither and becomes a speaker of its own.
//! - A longer name ("Chancellor Angela Merkel") names the one shared person whose name (at
//!   least two words) it ends with, and a name of at least two words names the one person whose
//!   longer name ends with it. The speaker keeps the name it has; the other form is an alias.
//! - A full name names the speaker known only by its surname ("Merkel", from an earlier
//!   article) when no other person has that surname: the speaker is renamed to the full name
//!   (the surname stays an alias, the rename is in the corrections), rather than split in two.
//! - A generic or anonymous speaker (kind anonymous or group, or a name of role words, source
//!   nouns and closed-class words only: "officials", "Sprecher", "ersten Angaben") names nobody
//!   in particular: it is scoped to its article and never shared with another.
//!
//! Imports and a person's own corrections only join the same name: their names were resolved
//! before, or say whom they mean.
//!
//! A bare surname is typed an organisation by the extractor when nothing in the article says
//! it is a person, so a single-word organisation is taken for a possible surname here.

use super::StoreError;
use crate::claim::{SpeakerKind, SpeakerMention};
use crate::lang::{Lang, Lexicon};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// The speaker a mention was resolved to.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub id: i64,
    /// The speaker's name, for the claim's speaker cells.
    pub name: String,
    /// The speaker's kind when it was found under another name than the mention's (the
    /// mention's kind is then the extractor's guess for a bare name).
    pub kind: Option<SpeakerKind>,
}

/// Speakers resolved in one transaction, by the name and scope they were written with; and
/// the speakers renamed in it, whose claims' cells are rewritten before it commits.
#[derive(Default)]
pub(super) struct Resolver {
    names: HashMap<String, Seen>,
    renamed: Vec<i64>,
    /// Only the same name (in the same scope) is the same speaker: for imports, whose names
    /// were resolved when they were first stored (an export read back must give the same
    /// speakers), and for a person's own correction, which says whom it means.
    exact: bool,
}

/// What is known about one name in a transaction: whether its words name nobody in particular
/// (asked of the lexicons once), and the speaker it resolved to in each scope, with whether
/// that speaker's role is known (so a role is filled in once, not once per claim).
struct Seen {
    generic_words: bool,
    by_scope: HashMap<Option<i64>, (Resolved, bool)>,
}

impl Resolver {
    /// Returns the speaker that mention `s` in source `source` names, created on first sight;
    /// fills in a role that was not known before.
    pub fn resolve(
        &mut self,
        tx: &Transaction,
        s: &SpeakerMention,
        source: Option<i64>,
    ) -> Result<Resolved, StoreError> {
        if !self.names.contains_key(&s.name) {
            let seen = Seen {
                generic_words: generic_words(&s.name),
                by_scope: HashMap::new(),
            };
            self.names.insert(s.name.clone(), seen);
        }
        let seen = &self.names[&s.name];
        let generic = seen.generic_words || generic_kind(s.kind);
        let scope = if generic { source } else { None };
        let (resolved, has_role) = match seen.by_scope.get(&scope) {
            // The common case on a bulk load: seen before, nothing to fill in.
            Some((r, has_role)) if *has_role || s.role.is_none() => return Ok(r.clone()),
            Some(known) => known.clone(),
            None => match self.find(tx, s, scope)? {
                Some(found) => found,
                None => {
                    tx.prepare_cached(
                        "INSERT INTO speakers (name, role, kind, source_id) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![s.name, s.role, s.kind.as_str(), scope])?;
                    let id = tx.last_insert_rowid();
                    let r = Resolved {
                        id,
                        name: s.name.clone(),
                        kind: None,
                    };
                    (r, s.role.is_some())
                }
            },
        };
        if !has_role && s.role.is_some() {
            tx.prepare_cached("UPDATE speakers SET role = ?2 WHERE id = ?1 AND role IS NULL")?
                .execute(params![resolved.id, s.role])?;
        }
        if let Some(seen) = self.names.get_mut(&s.name) {
            seen.by_scope
                .insert(scope, (resolved.clone(), has_role || s.role.is_some()));
        }
        Ok(resolved)
    }

    /// A resolver that joins a mention only to a speaker of the same name (see `exact`).
    pub fn exact() -> Resolver {
        Resolver {
            exact: true,
            ..Resolver::default()
        }
    }

    /// The speakers renamed in this transaction (a surname-only speaker given its full name).
    pub fn renamed(&self) -> &[i64] {
        &self.renamed
    }

    /// Forgets the speakers renamed so far, once their claims' cells are rewritten: the
    /// resolver goes on to the next transaction of the same writer.
    pub fn renames_written(&mut self) {
        self.renamed.clear();
    }

    /// Finds the existing speaker a mention names, by the rules of the module comment.
    fn find(
        &mut self,
        tx: &Transaction,
        s: &SpeakerMention,
        scope: Option<i64>,
    ) -> Result<Option<(Resolved, bool)>, StoreError> {
        let exact: Option<(i64, String, bool)> = tx
            .prepare_cached(
                "SELECT id, name, role IS NOT NULL FROM speakers WHERE name = ?1 AND source_id IS ?2",
            )?
            .query_row(params![s.name, scope], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((id, name, has_role)) = exact {
            return Ok(Some((
                Resolved {
                    id,
                    name,
                    kind: None,
                },
                has_role,
            )));
        }
        let words: Vec<&str> = s.name.split_whitespace().collect();
        let person_like = s.kind == SpeakerKind::Person
            || (s.kind == SpeakerKind::Organisation && words.len() == 1);
        if scope.is_some() || !person_like || self.exact {
            return Ok(None);
        }
        let found = if words.len() == 1 {
            by_surname(tx, words[0])?
        } else {
            self.by_longer_or_shorter_name(tx, s, &words)?
        };
        let Some(id) = found else { return Ok(None) };
        let (name, has_role): (String, bool) = tx.query_row(
            "SELECT name, role IS NOT NULL FROM speakers WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // Remember how this speaker was named ("Merkel", "Chancellor Angela Merkel").
        if !name.eq_ignore_ascii_case(&s.name) {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?1, ?2)",
            )?
            .execute(params![s.name, id])?;
        }
        Ok(Some((
            Resolved {
                id,
                name,
                kind: Some(SpeakerKind::Person),
            },
            has_role,
        )))
    }

    /// A name of two or more words: the one person whose name it ends with or who ends with it
    /// (two words at least in common), else the surname-only speaker it completes.
    fn by_longer_or_shorter_name(
        &mut self,
        tx: &Transaction,
        s: &SpeakerMention,
        words: &[&str],
    ) -> Result<Option<i64>, StoreError> {
        let surname = words[words.len() - 1];
        let name = words.join(" ");
        // Shared people of that surname whose name (two words at least) ends the mention, or
        // who end with it: compared in SQLite, only the matches come back.
        let named: Vec<i64> = tx
            .prepare_cached(
                "SELECT id FROM speakers
                 WHERE surname = ?1 AND source_id IS NULL AND kind = 'person' AND instr(name, ' ') > 0
                   AND (substr(' ' || ?2, -(length(name) + 1)) = ' ' || name COLLATE NOCASE
                        OR substr(name, -(length(?2) + 1)) = ' ' || ?2 COLLATE NOCASE)
                 LIMIT 2",
            )?
            .query_map(params![surname, name], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match named.as_slice() {
            [one] => return Ok(Some(*one)),
            [] => {}
            _ => return Ok(None),
        }
        let surname_only: Option<i64> = tx
            .prepare_cached(
                "SELECT id FROM speakers WHERE name = ?1 AND source_id IS NULL
                 AND kind IN ('person', 'organisation')",
            )?
            .query_row([surname], |r| r.get(0))
            .optional()?;
        let Some(id) = surname_only else {
            return Ok(None);
        };
        let other_people: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM speakers WHERE surname = ?1 AND source_id IS NULL
                                AND kind = 'person' AND instr(name, ' ') > 0)",
            )?
            .query_row([surname], |r| r.get(0))?;
        if other_people {
            return Ok(None);
        }
        self.complete_name(tx, id, s)?;
        Ok(Some(id))
    }

    /// Gives a surname-only speaker the full name now seen; the surname stays an alias and the
    /// rename is kept in the corrections.
    fn complete_name(
        &mut self,
        tx: &Transaction,
        id: i64,
        s: &SpeakerMention,
    ) -> Result<(), StoreError> {
        let old: String = tx.query_row("SELECT name FROM speakers WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
        tx.execute(
            "UPDATE speakers SET name = ?2, kind = 'person' WHERE id = ?1",
            params![id, s.name],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?1, ?2)",
            params![old, id],
        )?;
        tx.execute(
            "INSERT INTO corrections (target, target_id, action, field, old_value, new_value, reason, corrector, corrected_at)
             VALUES ('speaker', ?1, 'rename', 'name', ?2, ?3, ?4, 'claimledger', ?5)",
            params![id, old, s.name, "the full name of a speaker known by the surname", super::now()],
        )?;
        // Mentions already resolved to it now show the new name.
        for seen in self.names.values_mut() {
            for (r, _) in seen.by_scope.values_mut() {
                if r.id == id {
                    r.name = s.name.clone();
                }
            }
        }
        self.renamed.push(id);
        Ok(())
    }
}

/// A surname alone: the one shared person whose name ends with it or who has it as an alias.
fn by_surname(tx: &Transaction, surname: &str) -> Result<Option<i64>, StoreError> {
    let ids: Vec<i64> = tx
        .prepare_cached(
            "SELECT id FROM speakers
             WHERE surname = ?1 AND name <> surname AND source_id IS NULL AND kind = 'person'
             UNION
             SELECT sp.id FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id
             WHERE al.alias = ?1 AND sp.source_id IS NULL AND sp.kind = 'person'",
        )?
        .query_map([surname], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

#[cfg(test)]
fn is_generic(s: &SpeakerMention) -> bool {
    generic_kind(s.kind) || generic_words(&s.name)
}

fn generic_kind(kind: SpeakerKind) -> bool {
    matches!(kind, SpeakerKind::Anonymous | SpeakerKind::Group)
}

/// A speaker names nobody in particular when it is anonymous or a group (`generic_kind`) or
/// its name has no proper name in it: role words, source nouns and closed-class words only, in
/// any of the lexicons' languages (the store does not know which one a typed claim is in).
/// True for such a name. Case says nothing: a typed name may be in lower case ("ada brook").
fn generic_words(name: &str) -> bool {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| generic_word(w))
}

fn generic_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    Lang::ALL.iter().any(|&lang| {
        let lex = Lexicon::get(lang);
        lex.is_role(word)
            || lex.is_source_noun(word)
            || lex.determiners.contains(&lower)
            || lex.indefinite.contains(&lower)
            || lex.is_pronoun(&lower)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(name: &str, kind: SpeakerKind) -> SpeakerMention {
        SpeakerMention {
            name: name.into(),
            role: None,
            kind,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn generic_names_have_no_proper_name_in_them() {
        use SpeakerKind::*;
        for (name, kind) in [
            ("officials", Person),
            ("Officials", Organisation),
            ("Sprecher", Person),
            ("Kritiker", Person),
            ("ersten Angaben", Anonymous),
            ("Beamte", Group),
            ("die Sprecher", Person),
        ] {
            assert!(is_generic(&mention(name, kind)), "{name}");
        }
        for (name, kind) in [
            ("Merkel", Organisation),
            ("Angela Merkel", Person),
            ("Bundesregierung", Government),
            ("Reederei Weststrom", Organisation),
            ("ada brook", Person),
        ] {
            assert!(!is_generic(&mention(name, kind)), "{name}");
        }
    }
}
