//! Writes: articles with their claims, hand-typed claims, reviews and imports. Each public
//! function is one transaction.

use super::StoreError;
use super::matching::IngestLookups;
use super::review::{ReviewRow, insert_review};
use super::speakers::{Resolved, Resolver};
use super::{Ledger, now, round_match_score, round_score};
use crate::claim::join_list;
use crate::claim::{
    AppearanceRecord, Article, ClaimRecord, ImportRow, ImportedReview, Mode, NewClaim, NewSource,
    SpeakerKind, SpeakerMention, Stance, Status,
};
use claimledger_matching as matching;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What ingesting an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    Added {
        source_id: i64,
        /// Claims extracted from the article.
        claims: usize,
        /// Of those, how many were the same as a claim already in the ledger and became an
        /// appearance of it.
        merged: usize,
        /// How many were stored as new claims with a suggested match.
        suggested: usize,
        /// The claims with a verdict that claims of the article were merged into or suggested
        /// as matches of, each once, with the verdict.
        checked: Vec<(i64, Status)>,
    },
    /// The same text as source `of`, printed under another URL or publisher: stored as a
    /// source of its own with an appearance of each of the first one's claims.
    Copy {
        source_id: i64,
        of: i64,
        appearances: usize,
        /// The claims with a verdict it is an appearance of, with the verdict.
        checked: Vec<(i64, Status)>,
    },
    /// The same text was ingested before; no claim was added. `updated` names the source
    /// details given now that replaced what the ledger had (url, title, …).
    Duplicate {
        source_id: i64,
        updated: Vec<&'static str>,
    },
}

fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Ledger {
    /// Runs `write` in one transaction and commits it; an error anywhere rolls all of it back.
    pub(super) fn write<T>(
        &mut self,
        write: impl FnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let run = || -> Result<T, StoreError> {
            // IMMEDIATE takes the write lock up front, where the busy timeout waits for it; a
            // deferred transaction that reads first cannot wait when it upgrades (SQLite
            // answers SQLITE_BUSY at once to avoid a deadlock).
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = write(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run().map_err(|e| super::retype(e, &path))
    }

    /// Stores an article and its claims, or reports that the same text is already there.
    pub fn ingest(
        &mut self,
        article: Article,
        overrides: &NewSource,
    ) -> Result<IngestOutcome, StoreError> {
        let article = PreparedArticle::new(article);
        self.write(|tx| {
            let mut bulk = Bulk::begin_articles(tx)?;
            let outcome = ingest_in(tx, &mut bulk, &article, overrides)?;
            bulk.finish(tx, None)?;
            Ok(outcome)
        })
    }

    /// Records claims that come without an article, all or none. Returns their ids.
    pub fn add_claims(&mut self, claims: &[NewClaim]) -> Result<Vec<i64>, StoreError> {
        self.write(|tx| {
            std::thread::scope(|scope| {
                // The search stems, which `finish` asks for, worked out on another core while
                // the rows are written.
                let stems = scope.spawn(|| {
                    claims
                        .iter()
                        .map(|c| {
                            let joined = format!("{} {}", c.text, c.sentence);
                            let stems = super::query::stems_of_text(&joined);
                            (joined, stems)
                        })
                        .collect::<Vec<_>>()
                });
                let mut bulk = Bulk::begin_unmatched(tx)?;
                let at = now();
                let mut ids = Vec::with_capacity(claims.len());
                for claim in claims {
                    let source_id = match &claim.source {
                        Some(src) => Some(bulk.sources.id(tx, src)?),
                        None => None,
                    };
                    ids.push(bulk.insert_claim(tx, claim, source_id, &at)?);
                }
                // A thread that failed leaves the stems to `search_stems()` itself.
                for (joined, stems) in stems.join().unwrap_or_default() {
                    super::rank::stems_ahead(&joined, &stems);
                }
                bulk.finish(tx, None)?;
                Ok(ids)
            })
        })
    }

    /// Imports exported records with their statuses and last reviews, all or nothing. Rows of
    /// `export --appearances` come with an appearance each: the rows of one claim are one claim
    /// with those appearances. With `keep_ids` every claim and appearance keeps its id (a clash
    /// with one already there fails the import); otherwise the ledger numbers them after its
    /// own. A claim the ledger has already (the same id and key, or imported before under a
    /// new id) is skipped. Returns the ids of the claims stored.
    pub fn import(&mut self, rows: &[ImportRow], keep_ids: bool) -> Result<Vec<i64>, StoreError> {
        // Group the rows by claim, in the order the claims first appear.
        let mut order: Vec<i64> = Vec::new();
        let mut groups: HashMap<i64, (&ClaimRecord, Vec<&AppearanceRecord>)> = HashMap::new();
        for (record, appearance) in rows {
            let group = groups.entry(record.id).or_insert_with(|| {
                order.push(record.id);
                (record, Vec::new())
            });
            group.1.extend(appearance.iter());
        }
        self.write(|tx| {
            let mut bulk = Bulk::begin_unmatched(tx)?;
            // The rows' speakers were resolved when they were stored.
            bulk.speakers = Resolver::exact();
            let at = now();
            let mut ids = Vec::with_capacity(order.len());
            for id in &order {
                let (record, appearances) = &groups[id];
                // A claim of this file imported before is not stored again.
                let key = super::import_keys::import_key(
                    &record.text,
                    &record.speakers,
                    &record.created_at,
                );
                if super::import_keys::imported_already(tx, record.id, &key)?.is_some() {
                    continue;
                }
                let new = import_one(tx, &mut bulk, record, appearances, keep_ids, &at)?;
                if new != record.id {
                    super::import_keys::remember_import(tx, &key, new)?;
                }
                ids.push(new);
            }
            bulk.finish(tx, Some(&ids))?;
            Ok(ids)
        })
    }

    /// Stores fact-checks read from ClaimReview, all or none: each a claim with its appearances
    /// and a review by the publishing organisation with the review's url as evidence. A review
    /// whose url is in the ledger already is skipped. Returns (added, skipped).
    pub fn import_claim_reviews(
        &mut self,
        reviews: &[ImportedReview],
    ) -> Result<(usize, usize), StoreError> {
        self.write(|tx| {
            let mut bulk = Bulk::begin_unmatched(tx)?;
            let mut added = 0;
            for r in reviews {
                let known: Option<i64> = tx
                    .query_row("SELECT id FROM reviews WHERE url = ?1", [&r.url], |row| {
                        row.get(0)
                    })
                    .optional()?;
                if known.is_some() {
                    continue;
                }
                import_review(tx, &mut bulk, r)?;
                added += 1;
            }
            bulk.finish(tx, None)?;
            Ok((added, reviews.len() - added))
        })
    }

    /// Returns true when the ledger holds no claim.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM claims)", [], |r| r.get(0))
            .map_err(|e| super::classify(e, &self.path))
    }

    /// Merges the full-text index into one segment: worth it after a bulk load (it makes
    /// ranked search faster), wasted after a few claims.
    pub fn optimize_search(&mut self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("INSERT INTO claims_fts(claims_fts) VALUES ('optimize')", [])?;
            Ok(())
        })?;
        // Fold the large write-ahead log the merge left into the database file, so readers
        // do not search through it.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| super::classify(e, &self.path))
    }
}

/// Sources without text (typed or imported claims), found or created once per transaction.
#[derive(Default)]
struct SourceCache {
    ids: HashMap<String, i64>,
    /// The source asked for last: claims usually come in runs from the same one, and comparing
    /// four fields is cheaper than building the key.
    last: Option<(NewSource, i64)>,
}

impl SourceCache {
    fn id(&mut self, tx: &Transaction, src: &NewSource) -> Result<i64, StoreError> {
        if let Some((last, id)) = &self.last
            && last == src
        {
            return Ok(*id);
        }
        let key = source_key(src);
        let id = match self.ids.get(&key) {
            Some(id) => *id,
            None => {
                let id = source_for(tx, src)?;
                self.ids.insert(key, id);
                id
            }
        };
        self.last = Some((src.clone(), id));
        Ok(id)
    }

    /// The id of an imported record's source, or none when the record names no source (no
    /// URL, title, publisher or language: a typed claim's source has only its language).
    fn id_if_named(
        &mut self,
        tx: &Transaction,
        src: &NewSource,
    ) -> Result<Option<i64>, StoreError> {
        let named = src.url.is_some()
            || src.title.is_some()
            || src.publisher.is_some()
            || src.language.is_some();
        named.then(|| self.id(tx, src)).transpose()
    }
}

/// Imports one exported record with its source, speakers and latest review; returns its id.
fn import_one(
    tx: &Transaction,
    bulk: &mut Bulk,
    r: &ClaimRecord,
    appearances: &[&AppearanceRecord],
    keep_id: bool,
    at: &str,
) -> Result<i64, StoreError> {
    if keep_id {
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM claims WHERE id = ?1", [r.id], |row| {
                row.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::DuplicateId(r.id));
        }
    }
    let src = NewSource {
        url: r.url.clone(),
        title: r.source_title.clone(),
        publisher: r.publisher.clone(),
        published: r.published.clone(),
        language: r.language.clone(),
        authors: None,
    };
    let source_id = bulk.sources.id_if_named(tx, &src)?;
    let speakers = mentions(&r.speakers, &r.roles, &r.kinds);
    let claim = NewClaim {
        id: keep_id.then_some(r.id),
        text: r.text.clone(),
        sentence: String::new(),
        speakers,
        cue: r.cue.clone(),
        mode: r.mode,
        stance: r.stance,
        checkworthiness: r.checkworthiness,
        source: None,
        created_at: Some(r.created_at.clone()),
        span: None,
    };
    let id = if appearances.is_empty() {
        bulk.insert_claim(tx, &claim, source_id, at)?
    } else {
        let id = bulk.insert_claim_row(tx, &claim, source_id, at)?;
        for a in appearances {
            import_appearance(tx, bulk, id, a, keep_id)?;
        }
        id
    };
    if r.status != Status::Unverified || r.reviewer.is_some() {
        let reviewed_at = r.reviewed_at.clone().unwrap_or_else(now);
        let row = ReviewRow {
            claim_id: id,
            from: Status::Unverified.as_str(),
            to: r.status,
            note: r.last_review_note.as_deref(),
            evidence: &[],
            reviewer: r.reviewer.as_deref().unwrap_or("import"),
            reviewed_at: &reviewed_at,
            url: None,
        };
        insert_review(tx, &row)?;
    }
    Ok(id)
}

/// Stores one imported fact-check: the claim, its appearances and the review.
fn import_review(tx: &Transaction, bulk: &mut Bulk, r: &ImportedReview) -> Result<(), StoreError> {
    let first = r.appearances.first().cloned().or_else(|| {
        r.language.as_ref().map(|l| NewSource {
            language: Some(l.clone()),
            ..NewSource::default()
        })
    });
    let source_id = match &first {
        Some(src) => Some(bulk.sources.id(tx, src)?),
        None => None,
    };
    let claim = NewClaim {
        id: None,
        text: r.claim.clone(),
        sentence: String::new(),
        speakers: r.speakers.clone(),
        cue: None,
        mode: if r.speakers.is_empty() {
            Mode::None
        } else {
            Mode::Reported
        },
        stance: Stance::Assert,
        checkworthiness: 0.0,
        source: None,
        created_at: r.claim_date.as_ref().map(|d| format!("{d}T00:00:00Z")),
        span: None,
    };
    let at = now();
    let id = bulk.insert_claim(tx, &claim, source_id, &at)?;
    for src in r.appearances.iter().skip(1) {
        let sid = bulk.sources.id(tx, src)?;
        let created = claim.created_at.clone().unwrap_or_else(|| at.clone());
        bulk.insert_appearance(tx, id, &claim, Some(sid), &created)?;
    }
    let row = ReviewRow {
        claim_id: id,
        from: Status::Unverified.as_str(),
        to: r.status,
        note: r.note.as_deref(),
        evidence: std::slice::from_ref(&r.url),
        reviewer: &r.organisation,
        reviewed_at: &r.reviewed_at,
        url: Some(&r.url),
    };
    insert_review(tx, &row)?;
    Ok(())
}

/// Speaker mentions from exported name, role and kind lists.
fn mentions(names: &[String], roles: &[String], kinds: &[String]) -> Vec<SpeakerMention> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| SpeakerMention {
            name: name.clone(),
            role: roles.get(i).filter(|s| !s.is_empty()).cloned(),
            kind: kinds
                .get(i)
                .and_then(|k| k.parse().ok())
                .unwrap_or(SpeakerKind::Person),
            start: 0,
            end: 0,
        })
        .collect()
}

/// Imports one appearance of claim `claim_id` with its id and source.
fn import_appearance(
    tx: &Transaction,
    bulk: &mut Bulk,
    claim_id: i64,
    a: &AppearanceRecord,
    keep_id: bool,
) -> Result<(), StoreError> {
    if keep_id {
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM appearances WHERE id = ?1", [a.id], |row| {
                row.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::DuplicateAppearance(a.id));
        }
    }
    let src = NewSource {
        url: a.url.clone(),
        title: a.source_title.clone(),
        publisher: a.publisher.clone(),
        published: a.published.clone(),
        language: a.language.clone(),
        authors: None,
    };
    let source_id = bulk.sources.id_if_named(tx, &src)?;
    let claim = NewClaim {
        id: keep_id.then_some(a.id),
        text: a.text.clone(),
        sentence: a.sentence.clone(),
        speakers: mentions(&a.speakers, &a.roles, &a.kinds),
        cue: a.cue.clone(),
        mode: a.mode,
        stance: a.stance,
        checkworthiness: 0.0,
        source: None,
        created_at: Some(a.created_at.clone()),
        span: None,
    };
    bulk.insert_appearance(tx, claim_id, &claim, source_id, &a.created_at)?;
    Ok(())
}

/// The writer of many articles (the single writer of a parallel ingest). In batches (the
/// default), it commits whenever a transaction has held the write lock for [`BATCH`], and on
/// [`BulkWriter::pause`]: other writers wait for one batch at most, and an ingest cut short
/// leaves the articles of the batches committed before, each whole. As one transaction
/// (`--strict`), everything is committed together by [`BulkWriter::commit`], or nothing is if
/// it is dropped. The search index is written before every commit.
pub struct BulkWriter<'a> {
    conn: &'a rusqlite::Connection,
    tx: Option<Transaction<'a>>,
    bulk: Bulk,
    /// `PRAGMA data_version` when the last batch began: while no other connection commits, the
    /// speakers resolved in one batch stay true for the next.
    data_version: Option<i64>,
    path: String,
    /// Whether to commit batch by batch.
    batches: bool,
    started: Instant,
}

/// How long a batch of articles holds the write lock before it is committed: well under the
/// busy timeout of the writers waiting for it, and long enough that a commit (and the index
/// segment it writes) is not paid for every small article.
const BATCH: Duration = Duration::from_millis(50);
/// How long the writer leaves the lock free after a batch: longer than the wait between two
/// tries of another writer's busy handler (see `store::wait_for_lock`).
const GAP: Duration = Duration::from_millis(3);

impl BulkWriter<'_> {
    /// Stores an article and its claims, or reports that its text is already in the ledger.
    pub fn ingest(
        &mut self,
        article: &PreparedArticle,
        overrides: &NewSource,
    ) -> Result<IngestOutcome, StoreError> {
        let path = self.path.clone();
        let run = |w: &mut Self| -> Result<IngestOutcome, StoreError> {
            if w.tx.is_none() {
                w.begin()?;
            }
            let Some(tx) = &w.tx else {
                unreachable!("a transaction was just begun");
            };
            let outcome = ingest_in(tx, &mut w.bulk, article, overrides)?;
            if w.batches && w.started.elapsed() >= BATCH {
                w.commit_batch()?;
            }
            Ok(outcome)
        };
        run(self).map_err(|e| super::retype(e, &path))
    }

    /// Takes the claims of words another connection read ahead (see
    /// [`Ledger::prefetch_postings`]); the look-ups of the articles stored next find them there.
    pub fn take_prefetched(&mut self, prefetched: super::matching::Prefetched) {
        self.bulk.lookups.take_prefetched(prefetched);
    }

    /// Commits the articles written so far when writing in batches (before waiting for more),
    /// so that the write lock is not held while nothing is written.
    pub fn pause(&mut self) -> Result<(), StoreError> {
        if self.batches {
            let path = self.path.clone();
            self.commit_batch().map_err(|e| super::retype(e, &path))?;
        }
        Ok(())
    }

    /// Indexes what was written for search and commits it.
    pub fn commit(mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.commit_batch().map_err(|e| super::retype(e, &path))
    }

    fn begin(&mut self) -> Result<(), StoreError> {
        // IMMEDIATE: the busy timeout applies to taking the write lock (see `Ledger::write`).
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let mut bulk = Bulk::begin_articles(&tx)?;
        bulk.lookups = std::mem::take(&mut self.bulk.lookups);
        // The speakers resolved so far carry over, so that which speaker a name is does not
        // depend on where a batch began (a surname is resolved once per run, as in one
        // transaction); unless another connection has written since.
        let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version == Some(version) {
            bulk.speakers = std::mem::take(&mut self.bulk.speakers);
        }
        self.data_version = Some(version);
        self.bulk = bulk;
        self.tx = Some(tx);
        self.started = Instant::now();
        Ok(())
    }

    fn commit_batch(&mut self) -> Result<(), StoreError> {
        let Some(tx) = self.tx.take() else {
            return Ok(());
        };
        let bulk = std::mem::replace(&mut self.bulk, Bulk::idle());
        (self.bulk.lookups, self.bulk.speakers) = bulk.finish_keeping_lookups(&tx)?;
        tx.commit()?;
        if self.batches {
            // A moment without the lock, in which a writer waiting for it takes it.
            std::thread::sleep(GAP);
        }
        Ok(())
    }
}

impl Ledger {
    /// Starts a bulk write of many articles in one transaction (all or nothing).
    pub fn bulk_writer(&mut self) -> Result<BulkWriter<'_>, StoreError> {
        self.writer(false)
    }

    /// Starts a write of many articles committed in short batches.
    pub fn batch_writer(&mut self) -> Result<BulkWriter<'_>, StoreError> {
        self.writer(true)
    }

    fn writer(&mut self, batches: bool) -> Result<BulkWriter<'_>, StoreError> {
        let mut writer = BulkWriter {
            conn: &self.conn,
            tx: None,
            bulk: Bulk::idle(),
            data_version: None,
            path: self.path.clone(),
            batches,
            started: Instant::now(),
        };
        if !batches {
            // One transaction from the start: the lock is taken (or refused) before any work.
            let path = writer.path.clone();
            writer.begin().map_err(|e| super::retype(e, &path))?;
        }
        Ok(writer)
    }
}

/// A bulk write: the search-index trigger is off, and `finish` indexes the new claims in one
/// statement before the transaction commits, so the index is never out of step outside it.
pub(super) struct Bulk {
    max_before: i64,
    /// What matching remembers from one claim to the next.
    lookups: IngestLookups,
    /// The matching index is written by `finish` too (claims stored without matching).
    defer_matching: bool,
    sources: SourceCache,
    pub(super) speakers: Resolver,
}

impl Bulk {
    pub(super) fn begin(tx: &Transaction) -> Result<Bulk, StoreError> {
        Bulk::begin_with(tx, false)
    }

    /// A bulk write that matches nothing while it runs (`add`, `import`): the matching index
    /// is also written by `finish`, in one statement (a row trigger per claim made adding
    /// claims three times slower).
    pub(super) fn begin_unmatched(tx: &Transaction) -> Result<Bulk, StoreError> {
        Bulk::begin_with(tx, true)
    }

    /// A bulk write of articles: the matching index is written by `finish`, once a batch (FTS5
    /// writes its pending rows to disk at every statement of a transaction that has written to
    /// it); each article is matched against all stored before it through the run's own index of
    /// the claims it stored (see `IngestLookups`).
    pub(super) fn begin_articles(tx: &Transaction) -> Result<Bulk, StoreError> {
        Bulk::begin_with(tx, true)
    }

    fn begin_with(tx: &Transaction, defer_matching: bool) -> Result<Bulk, StoreError> {
        tx.execute(
            "UPDATE ledger_settings SET bulk_fts = ?1 WHERE id = 1",
            [if defer_matching { 2 } else { 1 }],
        )?;
        let max_before =
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM claims", [], |r| r.get(0))?;
        Ok(Bulk {
            defer_matching,
            max_before,
            lookups: IngestLookups::default(),
            sources: SourceCache::default(),
            speakers: Resolver::default(),
        })
    }

    /// A bulk write not begun (a writer between two batches).
    fn idle() -> Bulk {
        Bulk {
            max_before: 0,
            lookups: IngestLookups::default(),
            defer_matching: false,
            sources: SourceCache::default(),
            speakers: Resolver::default(),
        }
    }

    /// [`Bulk::finish`] of a batch of articles; returns what matching remembers and the
    /// speakers resolved, for the next batch.
    fn finish_keeping_lookups(
        mut self,
        tx: &Transaction,
    ) -> Result<(IngestLookups, Resolver), StoreError> {
        self.finish_in(tx, None)?;
        self.speakers.renames_written();
        Ok((std::mem::take(&mut self.lookups), self.speakers))
    }

    /// Indexes the claims written since `begin`: those with higher ids, or the given ids.
    pub(super) fn finish(
        mut self,
        tx: &Transaction,
        ids: Option<&[i64]>,
    ) -> Result<(), StoreError> {
        self.finish_in(tx, ids)
    }

    fn finish_in(&mut self, tx: &Transaction, ids: Option<&[i64]>) -> Result<(), StoreError> {
        match ids {
            None => tx.execute(
                "INSERT INTO claims_fts (rowid, text, sentence, speaker_names, stems)
                 SELECT id, text, sentence, speaker_names, stems FROM claims_search
                 WHERE id > ?1 ORDER BY id",
                [self.max_before],
            )?,
            Some(ids) => tx.execute(
                "INSERT INTO claims_fts (rowid, text, sentence, speaker_names, stems)
                 SELECT id, text, sentence, speaker_names, stems FROM claims_search
                 WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
                [serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())],
            )?,
        };
        if self.defer_matching {
            self.index_for_matching(tx, ids)?;
        }
        tx.execute("UPDATE ledger_settings SET bulk_fts = 0 WHERE id = 1", [])?;
        // A speaker renamed in this transaction: its claims' cells now that every claim of it
        // is in the search index, where the update triggers keep the index in step.
        for &id in self.speakers.renamed() {
            super::correct::refresh_claims_of(tx, id, None, None)?;
        }
        Ok(())
    }
}

impl Bulk {
    /// Writes the matching-index rows of the claims written since `begin` and not indexed yet
    /// (or the given ids),
    /// as the `match_fts_insert` trigger would have: the claim's words, its source's headline
    /// when it has no article sentence, and its speakers.
    fn index_for_matching(&self, tx: &Transaction, ids: Option<&[i64]>) -> Result<(), StoreError> {
        const ROWS: &str = "INSERT INTO match_fts (rowid, text, title, speakers)
             SELECT c.id, c.text,
                    CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END,
                    c.speaker_names
             FROM claims c LEFT JOIN sources s ON s.id = c.source_id";
        match ids {
            None => tx
                .prepare_cached(&format!("{ROWS} WHERE c.id > ?1 ORDER BY c.id"))?
                .execute([self.max_before])?,
            Some(ids) => tx.execute(
                &format!("{ROWS} WHERE c.id IN (SELECT value FROM json_each(?1)) ORDER BY c.id"),
                [serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())],
            )?,
        };
        Ok(())
    }
}

fn source_key(s: &NewSource) -> String {
    let key = format!(
        "{}\u{1}{}\u{1}{}\u{1}{}",
        s.url.as_deref().unwrap_or(""),
        s.title.as_deref().unwrap_or(""),
        s.publisher.as_deref().unwrap_or(""),
        s.published.as_deref().unwrap_or("")
    );
    // A source that names nothing but a language (a typed claim's) is one per language.
    match &s.language {
        Some(lang) if s.url.is_none() && s.title.is_none() && s.publisher.is_none() => {
            format!("{key}\u{1}{lang}")
        }
        _ => key,
    }
}

/// Returns the source whose content hash is `hash`, if any.
fn source_with_hash(tx: &Transaction, hash: &str) -> Result<Option<i64>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT id FROM sources WHERE content_hash = ?1",
            [hash],
            |r| r.get(0),
        )
        .optional()?)
}

/// Finds or creates a source without text (hand-typed or imported claims): keyed by its URL,
/// title, publisher and date.
fn source_for(tx: &Transaction, s: &NewSource) -> Result<i64, StoreError> {
    let hash = sha256(&format!("no-text\u{1}{}", source_key(s)));
    if let Some(id) = source_with_hash(tx, &hash)? {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO sources (url, title, publisher, published, language, content_hash, body, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)",
        params![s.url, s.title, s.publisher, s.published, s.language, hash, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Sets the source details given at a repeated ingest (`--url`, `--date`, …) on the stored
/// source, and returns the names of those that changed.
fn update_source(
    tx: &Transaction,
    id: i64,
    given: &NewSource,
) -> Result<Vec<&'static str>, StoreError> {
    let fields = [
        ("url", &given.url),
        ("title", &given.title),
        ("publisher", &given.publisher),
        ("published", &given.published),
        ("language", &given.language),
    ];
    let mut updated = Vec::new();
    for (column, value) in fields {
        let Some(value) = value else { continue };
        // The column name comes from the fixed list above, never from the user.
        let changed = tx.execute(
            &format!("UPDATE sources SET {column} = ?2 WHERE id = ?1 AND {column} IS NOT ?2"),
            params![id, value],
        )?;
        if changed > 0 {
            updated.push(column);
        }
    }
    if let Some(authors) = &given.authors {
        let json = serde_json::to_string(authors).unwrap_or_else(|_| "[]".into());
        let changed = tx.execute(
            "UPDATE sources SET authors = ?2 WHERE id = ?1 AND authors IS NOT ?2",
            params![id, json],
        )?;
        if changed > 0 {
            updated.push("authors");
        }
    }
    Ok(updated)
}

/// An article ready to be stored: what storing its claims needs of their words alone (their
/// wording as ranking reads it, their search stems, their vector), worked out when it is made. Ingest makes
/// these beside extraction, on the other cores, so that its one writer only looks up, ranks and
/// writes.
pub struct PreparedArticle {
    article: Article,
    /// One per claim of the article, in order.
    claims: Vec<PreparedClaim>,
}

struct PreparedClaim {
    wording: matching::Prepared,
    /// The claim's text and sentence as the search index's view joins them, and their stems.
    stems: (String, String),
    /// The claim's vector as stored (`claim_vector()` of its text) and its list in the index.
    vector: super::vectors::VectorAhead,
}

impl PreparedArticle {
    pub fn new(article: Article) -> PreparedArticle {
        let claims = article
            .claims
            .iter()
            .map(|c| {
                let joined = format!("{} {}", c.text, c.sentence);
                let stems = super::query::stems_of_text(&joined);
                PreparedClaim {
                    wording: matching::Prepared::new(&c.text),
                    stems: (joined, stems),
                    vector: super::vectors::VectorAhead::of(&c.text),
                }
            })
            .collect();
        PreparedArticle { article, claims }
    }

    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The words each claim is looked up by when it is stored.
    pub fn words(&self) -> impl Iterator<Item = Vec<&str>> {
        self.claims
            .iter()
            .map(|c| c.wording.words.iter().map(String::as_str).collect())
    }
}

fn ingest_in(
    tx: &Transaction,
    bulk: &mut Bulk,
    prepared: &PreparedArticle,
    overrides: &NewSource,
) -> Result<IngestOutcome, StoreError> {
    let article = &prepared.article;
    let hash = sha256(&article.text);
    if let Some(id) = source_with_hash(tx, &hash)? {
        return repeated(tx, id, &hash, article, overrides);
    }
    let source_id = insert_source(tx, article, overrides, &hash)?;
    bulk.lookups.sync(tx)?;
    let at = now();
    let (mut merged, mut suggested) = (0, 0);
    let mut checked: Vec<(i64, Status)> = Vec::new();
    for (claim, ready) in article.claims.iter().zip(&prepared.claims) {
        let new = NewClaim {
            id: None,
            text: claim.text.clone(),
            sentence: claim.sentence.clone(),
            speakers: claim.speakers.clone(),
            cue: claim.cue.as_ref().map(|c| c.text.clone()),
            mode: claim.mode,
            stance: claim.stance,
            checkworthiness: claim.checkworthiness,
            source: None,
            created_at: None,
            span: Some((claim.start, claim.end)),
        };
        let linked = match place_claim(tx, bulk, &new, ready, source_id, &at)? {
            Placed::Merged(into) => {
                merged += 1;
                Some(into)
            }
            Placed::Suggested(of) => {
                suggested += 1;
                Some(of)
            }
            Placed::New => None,
        };
        if let Some(id) = linked.filter(|id| !checked.iter().any(|(c, _)| c == id))
            && let Some(verdict) = verdict_of(tx, id)?
        {
            checked.push((id, verdict));
        }
        // Remember how the article named each speaker ("Peskow" for "Dmitri Peskow").
        for s in &claim.speakers {
            let mention = article.text.get(s.start..s.end).unwrap_or("").trim();
            // Only a shorter form of the name is an alias ("Peskow"); a pronoun or a phrase with
            // a role is not.
            let name_words: Vec<&str> = s.name.split_whitespace().collect();
            let shorter =
                mention != s.name && mention.split_whitespace().all(|w| name_words.contains(&w));
            if shorter {
                let speaker = bulk.speakers.resolve(tx, s, Some(source_id))?;
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?1, ?2)",
                )?
                .execute(params![mention, speaker.id])?;
            }
        }
    }
    Ok(IngestOutcome::Added {
        source_id,
        claims: article.claims.len(),
        merged,
        suggested,
        checked,
    })
}

/// Stores an article's source; returns its id.
fn insert_source(
    tx: &Transaction,
    article: &Article,
    overrides: &NewSource,
    hash: &str,
) -> Result<i64, StoreError> {
    let meta = &article.meta;
    let pick = |o: &Option<String>, m: &Option<String>| o.clone().or_else(|| m.clone());
    tx.execute(
        "INSERT INTO sources (url, title, publisher, authors, published, dateline, language, content_hash, body, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            pick(&overrides.url, &meta.url),
            pick(&overrides.title, &meta.title),
            pick(&overrides.publisher, &meta.publisher),
            serde_json::to_string(overrides.authors.as_ref().unwrap_or(&meta.authors))
                .unwrap_or_else(|_| "[]".into()),
            pick(&overrides.published, &meta.published),
            meta.dateline,
            overrides.language.clone().unwrap_or_else(|| meta.language.clone()),
            hash,
            article.text,
            now(),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// An article whose text is in the ledger already (as source `first`). Under the URL and
/// publisher it was stored with (or where it had none), it adds nothing: the details given
/// now update its source. Under another URL or publisher it is a copy printed elsewhere (an
/// agency story in several papers): a source of its own, with an appearance of each claim of
/// the first one, so the first URL stays and the claims are seen where they were printed.
/// The same copy again adds nothing either.
fn repeated(
    tx: &Transaction,
    first: i64,
    hash: &str,
    article: &Article,
    overrides: &NewSource,
) -> Result<IngestOutcome, StoreError> {
    let url = overrides.url.clone().or_else(|| article.meta.url.clone());
    let publisher = overrides
        .publisher
        .clone()
        .or_else(|| article.meta.publisher.clone());
    let (stored_url, stored_publisher): (Option<String>, Option<String>) = tx.query_row(
        "SELECT url, publisher FROM sources WHERE id = ?1",
        [first],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let differs = |given: &Option<String>, stored: &Option<String>| matches!((given, stored), (Some(g), Some(s)) if g != s);
    if !differs(&url, &stored_url) && !differs(&publisher, &stored_publisher) {
        let updated = update_source(tx, first, overrides)?;
        return Ok(IngestOutcome::Duplicate {
            source_id: first,
            updated,
        });
    }
    // A copy is keyed by the text with its URL and publisher.
    let copy_hash = sha256(&format!(
        "copy\u{1}{hash}\u{1}{}\u{1}{}",
        url.as_deref().unwrap_or(""),
        publisher.as_deref().unwrap_or("")
    ));
    if let Some(id) = source_with_hash(tx, &copy_hash)? {
        let updated = update_source(tx, id, overrides)?;
        return Ok(IngestOutcome::Duplicate {
            source_id: id,
            updated,
        });
    }
    let source_id = insert_source(tx, article, overrides, &copy_hash)?;
    let at = now();
    let originals: Vec<(i64, i64)> = tx
        .prepare("SELECT id, claim_id FROM appearances WHERE source_id = ?1 ORDER BY id")?
        .query_map([first], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut checked: Vec<(i64, Status)> = Vec::new();
    for (appearance, claim) in &originals {
        tx.prepare_cached(
            "INSERT INTO appearances (claim_id, origin_claim_id, source_id, text, sentence, start_byte, end_byte,
                                      cue, mode, stance, speaker_names, speaker_roles, speaker_kinds, created_at)
             SELECT claim_id, origin_claim_id, ?2, text, sentence, start_byte, end_byte, cue, mode, stance,
                    speaker_names, speaker_roles, speaker_kinds, ?3
             FROM appearances WHERE id = ?1",
        )?
        .execute(params![appearance, source_id, at])?;
        let copy = tx.last_insert_rowid();
        tx.prepare_cached(
            "INSERT INTO appearance_speakers (appearance_id, speaker_id, position, mention)
             SELECT ?2, speaker_id, position, mention FROM appearance_speakers WHERE appearance_id = ?1",
        )?
        .execute(params![appearance, copy])?;
        if !checked.iter().any(|(c, _)| c == claim)
            && let Some(verdict) = verdict_of(tx, *claim)?
        {
            checked.push((*claim, verdict));
        }
    }
    Ok(IngestOutcome::Copy {
        source_id,
        of: first,
        appearances: originals.len(),
        checked,
    })
}

/// The verdict claim `id` carries: its own, else that of a claim merged into it (the latest
/// reviewed). A dismissal is no verdict.
fn verdict_of(tx: &Transaction, id: i64) -> Result<Option<Status>, StoreError> {
    let status: Option<String> = tx
        .prepare_cached(
            "SELECT status FROM claims
             WHERE (id = ?1 OR merged_into = ?1) AND status NOT IN ('unverified', 'in-review', 'dismissed')
             ORDER BY id = ?1 DESC, updated_at DESC LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(status.and_then(|s| s.parse().ok()))
}

/// Among candidates as similar to the new claim as the best one (the same words said by
/// several speakers in one article are several claims), the one with the new claim's speakers
/// and stance, if there is one: that is the claim this one repeats.
fn same_speakers_among_ties(
    tx: &Transaction,
    ranked: &[matching::Scored],
    new: &NewClaim,
) -> Result<Option<i64>, StoreError> {
    let Some(top) = ranked.first() else {
        return Ok(None);
    };
    let ties: Vec<i64> = ranked
        .iter()
        .filter(|s| (s.similarity - top.similarity).abs() < 1e-9)
        .map(|s| s.id)
        .collect();
    if ties.len() < 2 {
        return Ok(None);
    }
    let names: Vec<&str> = new.speakers.iter().map(|s| s.name.as_str()).collect();
    let names = join_list(&names);
    let mut stmt = tx.prepare_cached("SELECT speaker_names, stance FROM claims WHERE id = ?1")?;
    for id in ties {
        let (speakers, stance): (String, String) =
            stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if speakers == names && stance == new.stance.as_str() {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Where an extracted claim went.
enum Placed {
    New,
    /// An appearance of this claim.
    Merged(i64),
    /// A new claim with this one as its suggested match.
    Suggested(i64),
}

/// Stores an extracted claim: as an appearance of the claim it is the same as (recorded in that
/// claim's trail with the score), else as a new claim, with a suggested match when one comes
/// close. Claims of the same article are not compared with each other.
fn place_claim(
    tx: &Transaction,
    bulk: &mut Bulk,
    new: &NewClaim,
    ready: &PreparedClaim,
    source_id: i64,
    at: &str,
) -> Result<Placed, StoreError> {
    let words: Vec<&str> = ready.wording.words.iter().map(String::as_str).collect();
    // Fewer candidates than `match` ranks: at ingest only the best one counts.
    let candidates = super::matching::ingest_candidates(
        tx,
        &words,
        matching::INGEST_CANDIDATES,
        &mut bulk.lookups,
    )?;
    // The speaker prior is scaled by the claims stored before this one (the ledger's and the
    // run's): a function of what came before in the input, never of where a batch began.
    let stored = bulk.lookups.last_id();
    let ranked = matching::rank(
        &ready.wording,
        Some(new.stance),
        &candidates,
        stored,
        bulk.lookups.ranking(),
    );
    // A claim of its own: found from the run's index by the next ones (the claims of an
    // article are stored without a headline, so their words are their text's).
    let store = |bulk: &mut Bulk, tx: &Transaction| -> Result<i64, StoreError> {
        let (joined, stems) = &ready.stems;
        super::rank::stems_ahead(joined, stems);
        super::vectors::vector_ahead(&new.text, ready.vector.clone());
        let id = bulk.insert_claim(tx, new, Some(source_id), at)?;
        bulk.lookups.stored(id, &words);
        // Its profile, for when it is a candidate (without a sentence it would be read with
        // its source's headline).
        if !new.sentence.is_empty() {
            bulk.lookups.ranking().remember(&ready.wording);
        }
        Ok(id)
    };
    match ranked.first() {
        Some(top) if top.same => {
            let into = same_speakers_among_ties(tx, &ranked, new)?.unwrap_or(top.id);
            let appearance = bulk.insert_appearance(tx, into, new, Some(source_id), at)?;
            tx.execute(
                "INSERT INTO claim_events (claim_id, kind, appearance_id, score, note, actor, at)
                 VALUES (?1, 'merged', ?2, ?3, ?4, 'ingest', ?5)",
                params![
                    into,
                    appearance,
                    round_match_score(top.similarity),
                    format!("merged, score {:.2}", top.similarity),
                    at
                ],
            )?;
            Ok(Placed::Merged(into))
        }
        Some(top) if top.similarity >= matching::SUGGEST_SIMILARITY => {
            let id = store(bulk, tx)?;
            tx.execute(
                "INSERT OR IGNORE INTO suggestions (claim_id, candidate_id, score, relation, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    top.id,
                    round_match_score(top.similarity),
                    if top.conflict.is_some() { "related" } else { "similar" },
                    top.conflict,
                    at
                ],
            )?;
            Ok(Placed::Suggested(top.id))
        }
        _ => {
            store(bulk, tx)?;
            Ok(Placed::New)
        }
    }
}

impl Bulk {
    /// Inserts one claim with its first appearance and links its speakers (created on first
    /// sight, one row per name).
    pub(super) fn insert_claim(
        &mut self,
        tx: &Transaction,
        c: &NewClaim,
        source_id: Option<i64>,
        now: &str,
    ) -> Result<i64, StoreError> {
        let claim_id = self.insert_claim_row(tx, c, source_id, now)?;
        let at = c.created_at.as_deref().unwrap_or(now);
        let appearance = NewClaim {
            id: None,
            ..c.clone()
        };
        self.insert_appearance(tx, claim_id, &appearance, source_id, at)?;
        Ok(claim_id)
    }

    /// Inserts the claim row and its speaker links, without an appearance.
    pub(super) fn insert_claim_row(
        &mut self,
        tx: &Transaction,
        c: &NewClaim,
        source_id: Option<i64>,
        now: &str,
    ) -> Result<i64, StoreError> {
        let resolved = self.resolve_all(tx, c, source_id)?;
        let (names, roles, kinds) = cells(c, &resolved);
        let at = c.created_at.as_deref().unwrap_or(now);
        let mut stmt = tx.prepare_cached(
            "INSERT INTO claims (id, source_id, text, sentence, cue, mode, stance, checkworthiness, speaker_names,
                                 speaker_roles, speaker_kinds, created_at, updated_at, start_byte, end_byte)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)",
        )?;
        stmt.execute(params![
            c.id,
            source_id,
            c.text,
            c.sentence,
            c.cue,
            c.mode.as_str(),
            c.stance.as_str(),
            round_score(c.checkworthiness),
            names,
            roles,
            kinds,
            at,
            c.span.map(|(a, _)| a as i64),
            c.span.map(|(_, b)| b as i64),
        ])?;
        let claim_id = tx.last_insert_rowid();
        let mut link = tx.prepare_cached(
            "INSERT INTO claim_speakers (claim_id, speaker_id, position, mention) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, (s, r)) in c.speakers.iter().zip(&resolved).enumerate() {
            link.execute(params![claim_id, r.id, position as i64, s.name])?;
        }
        Ok(claim_id)
    }

    /// Records where and by whom claim `claim_id` was said (its first appearance when the claim
    /// is new, another one when a match was merged into it). `c.id` is the appearance's id to
    /// keep (import), else the ledger picks one. Returns the appearance's id.
    pub(super) fn insert_appearance(
        &mut self,
        tx: &Transaction,
        claim_id: i64,
        c: &NewClaim,
        source_id: Option<i64>,
        at: &str,
    ) -> Result<i64, StoreError> {
        let resolved = self.resolve_all(tx, c, source_id)?;
        let (names, roles, kinds) = cells(c, &resolved);
        tx.prepare_cached(
            "INSERT INTO appearances (id, claim_id, origin_claim_id, source_id, text, sentence, start_byte, end_byte,
                                      cue, mode, stance, speaker_names, speaker_roles, speaker_kinds, created_at)
             VALUES (?14, ?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            claim_id,
            source_id,
            c.text,
            c.sentence,
            c.span.map(|(a, _)| a as i64),
            c.span.map(|(_, b)| b as i64),
            c.cue,
            c.mode.as_str(),
            c.stance.as_str(),
            names,
            roles,
            kinds,
            at,
            c.id,
        ])?;
        let appearance = tx.last_insert_rowid();
        for (position, (s, r)) in c.speakers.iter().zip(&resolved).enumerate() {
            tx.prepare_cached(
                "INSERT INTO appearance_speakers (appearance_id, speaker_id, position, mention) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![appearance, r.id, position as i64, s.name])?;
        }
        Ok(appearance)
    }

    /// The speakers a claim's mentions name (see `store::speakers`), in order.
    fn resolve_all(
        &mut self,
        tx: &Transaction,
        c: &NewClaim,
        source_id: Option<i64>,
    ) -> Result<Vec<Resolved>, StoreError> {
        c.speakers
            .iter()
            .map(|s| self.speakers.resolve(tx, s, source_id))
            .collect()
    }
}

/// The speaker cells of a claim or appearance (names, roles, kinds, '; '-joined): the names of
/// the speakers the mentions were resolved to, the roles the article gave, and the kinds.
fn cells(c: &NewClaim, resolved: &[Resolved]) -> (String, String, String) {
    let names: Vec<&str> = resolved.iter().map(|r| r.name.as_str()).collect();
    let roles: Vec<&str> = c
        .speakers
        .iter()
        .map(|s| s.role.as_deref().unwrap_or(""))
        .collect();
    let kinds: Vec<&str> = c
        .speakers
        .iter()
        .zip(resolved)
        .map(|(s, r)| r.kind.unwrap_or(s.kind).as_str())
        .collect();
    (join_list(&names), join_list(&roles), join_list(&kinds))
}

/// Makes appearance `appearance` (of claim `from`) a claim of its own, in its words and with
/// its speakers; the claim's check-worthiness is copied. Returns the new claim's id.
pub(super) fn claim_from_appearance(
    tx: &Transaction,
    appearance: i64,
    from: i64,
    at: &str,
) -> Result<i64, StoreError> {
    let mut bulk = Bulk::begin(tx)?;
    let (claim, source_id): (NewClaim, Option<i64>) = tx.query_row(
        "SELECT a.text, a.sentence, a.cue, a.mode, a.stance, a.speaker_names, a.speaker_roles,
                a.speaker_kinds, a.source_id, a.start_byte, a.end_byte, c.checkworthiness, a.created_at
         FROM appearances a JOIN claims c ON c.id = ?2 WHERE a.id = ?1",
        params![appearance, from],
        |r| {
            let list = |i: usize| -> rusqlite::Result<Vec<String>> {
                Ok(super::split_list(&r.get::<_, String>(i)?))
            };
            let span: (Option<i64>, Option<i64>) = (r.get(9)?, r.get(10)?);
            Ok((
                NewClaim {
                    id: None,
                    text: r.get(0)?,
                    sentence: r.get(1)?,
                    speakers: mentions(&list(5)?, &list(6)?, &list(7)?),
                    cue: r.get(2)?,
                    mode: super::parse_col(r, 3)?,
                    stance: super::parse_col(r, 4)?,
                    checkworthiness: r.get(11)?,
                    source: None,
                    created_at: Some(r.get(12)?),
                    span: match span {
                        (Some(a), Some(b)) => Some((a as usize, b as usize)),
                        _ => None,
                    },
                },
                r.get(8)?,
            ))
        },
    )?;
    let id = bulk.insert_claim_row(tx, &claim, source_id, at)?;
    tx.execute(
        "UPDATE appearances SET claim_id = ?2, origin_claim_id = ?2 WHERE id = ?1",
        params![appearance, id],
    )?;
    bulk.finish(tx, None)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ingest works out each claim's search stems and vector beside extraction and hands them
    /// to the search index's view and `claim_vector()` ahead of the write: the index holds what
    /// the view gives (FTS5's check reads every row of the view again), the vector is what
    /// embedding gives, and everything handed ahead was taken.
    #[test]
    fn stems_and_vectors_worked_out_ahead_are_those_the_ledger_gives() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let texts = [
            "Die Fährpreise stiegen im Frühjahr um neun Prozent",
            "Harbour fees were raised twice by the council",
            "Les tarifs des ferries ont augmenté de neuf pour cent",
        ];
        let claims: Vec<crate::claim::Claim> = texts
            .iter()
            .map(|t| crate::claim::Claim {
                text: t.to_string(),
                start: 0,
                end: 0,
                sentence: format!("{t}, a spokeswoman said."),
                speakers: Vec::new(),
                cue: None,
                mode: Mode::None,
                stance: Stance::Assert,
                checkworthiness: 0.9,
            })
            .collect();
        let article = Article {
            meta: crate::claim::ArticleMeta {
                language: "en".into(),
                ..Default::default()
            },
            text: texts.join(". "),
            claims,
        };
        ledger.ingest(article, &NewSource::default()).unwrap();
        assert_eq!(super::super::rank::stems_waiting(), 0);
        // The vectors embedded ahead were taken too, and are what embedding on the spot gives.
        assert_eq!(super::super::vectors::vectors_waiting(), 0);
        let stored: Vec<u8> = ledger
            .conn
            .query_row(
                "SELECT vector FROM claim_vectors WHERE claim_id = 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            Some(&stored),
            super::super::vectors::blob_of(texts[1]).as_ref()
        );
        // Each filed in the list its vector gives (the lists were worked out ahead too).
        for (id, text) in (1..).zip(texts) {
            let list: i64 = ledger
                .conn
                .query_row(
                    "SELECT list FROM claim_vector_lists WHERE claim_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            let blob = super::super::vectors::blob_of(text).unwrap();
            let nearest = claimledger_matching::vectors::list_of(&blob).unwrap();
            assert_eq!(list, i64::from(nearest), "{text}");
        }
        ledger
            .conn
            .execute(
                "INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
        let stems: String = ledger
            .conn
            .query_row("SELECT stems FROM claims_search WHERE id = 2", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(stems.contains("harbour"), "{stems}");
    }

    fn claim(text: &str, speaker: &str, role: Option<&str>) -> NewClaim {
        NewClaim {
            id: None,
            text: text.into(),
            sentence: text.into(),
            speakers: vec![SpeakerMention {
                name: speaker.into(),
                role: role.map(Into::into),
                kind: SpeakerKind::Person,
                start: 0,
                end: 0,
            }],
            cue: Some("said".into()),
            mode: Mode::Indirect,
            stance: Stance::Assert,
            checkworthiness: 0.5,
            source: Some(NewSource {
                publisher: Some("Gazette".into()),
                ..NewSource::default()
            }),
            created_at: None,
            span: None,
        }
    }

    #[test]
    fn a_speaker_is_one_row_and_gets_the_first_role_given() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        ledger
            .add_claims(&[
                claim("Fares rose.", "Ada Brook", None),
                claim("Fares fell.", "ada brook", Some("mayor")),
                claim("Fares stayed.", "Ada Brook", Some("senator")),
            ])
            .unwrap();
        ledger
            .add_claims(&[claim("Tolls rose.", "ADA BROOK", Some("governor"))])
            .unwrap();
        let speakers = ledger.speakers().unwrap();
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].name, "Ada Brook");
        assert_eq!(speakers[0].role.as_deref(), Some("mayor"));
        assert_eq!(speakers[0].claims, 4);
        assert_eq!(ledger.sources().unwrap().len(), 1);
    }

    /// A name two people end with, or a surname they share, names neither of them.
    #[test]
    fn a_name_that_fits_two_people_is_a_speaker_of_its_own() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        ledger
            .add_claims(&[
                claim("Fares rose.", "Minister Ruth Haldane", None),
                claim("Fares fell.", "Senator Ruth Haldane", None),
            ])
            .unwrap();
        ledger
            .add_claims(&[
                claim("Tolls rose.", "Ruth Haldane", None),
                claim("Tolls fell.", "Haldane", None),
                claim("Tolls stayed.", "Minister Ruth Haldane", None),
            ])
            .unwrap();
        let mut names: Vec<(String, i64)> = ledger
            .speakers()
            .unwrap()
            .into_iter()
            .map(|s| (s.name, s.claims))
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                ("Haldane".to_string(), 1),
                ("Minister Ruth Haldane".to_string(), 2),
                ("Ruth Haldane".to_string(), 1),
                ("Senator Ruth Haldane".to_string(), 1),
            ]
        );
    }

    /// Claims added in bulk get their matching-index rows when the transaction ends, once
    /// each, and later single adds through the trigger again.
    #[test]
    fn added_claims_are_in_the_matching_index_once() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        ledger
            .add_claims(&[
                claim("Harbour fares rose.", "Ada Brook", None),
                claim("Harbour tolls fell.", "Ada Brook", None),
            ])
            .unwrap();
        ledger
            .add_claims(&[claim("Harbour wall cracked.", "Ada Brook", None)])
            .unwrap();
        let ids: Vec<i64> = ledger
            .conn
            .prepare("SELECT rowid FROM match_fts WHERE match_fts MATCH 'harbour' ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(ids, [1, 2, 3]);
        let bulk: i64 = ledger
            .conn
            .query_row("SELECT bulk_fts FROM ledger_settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(bulk, 0);
    }
}
