//! `claimledger ingest`: extract articles on all cores, then store them through one writer.
//!
//! Articles are written while the next ones are extracted, committed in short batches (so that
//! other writers wait little, and an ingest cut short keeps the articles stored so far, each
//! whole). An input that cannot be read or extracted is skipped and reported, the others are
//! stored, and the exit code is 1; `--strict` writes everything in one transaction and stores
//! nothing when any input fails. An article whose text is already in the ledger adds nothing
//! (given details update its source), unless it comes under another URL or publisher: then it
//! is a copy printed elsewhere, and its claims get an appearance there.

use super::{UsageError, input, parse_date};
use crate::checkworthy;
use crate::claim::Status;
use crate::cli::IngestArgs;
use crate::extract::Options;
use crate::store::{
    Access, BulkWriter, IngestOutcome, Ledger, NewSource, PostingsReader, PreparedArticle,
};
use anyhow::bail;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Articles extracted while the previous ones are stored, at most.
const CHUNK: usize = 256;
/// The first chunk: the writer waits for it with nothing to do, so it is small, and each next
/// one twice as large up to [`CHUNK`] (extracting on all cores outpaces the one writer).
const FIRST_CHUNK: usize = 16;
/// From this many new claims on, the search index is merged after an ingest in one transaction.
pub const BULK_CLAIMS: usize = 10_000;

/// An input that was not stored, and why.
type Skipped = (String, String);

pub fn run(mut ledger: Ledger, args: IngestArgs) -> anyhow::Result<()> {
    let opts = Options {
        lang: input::parse_lang(args.lang.as_deref())?,
        // A title given on the command line means the text has no title line.
        has_title: args.title.is_none(),
    };
    let min = super::check_score(args.min_score)?;
    let model = super::train::ledger_model(&ledger)?;
    if let Some(url) = &args.url {
        super::check_url("--url", url)?;
    }
    let overrides = NewSource {
        url: args.url.clone(),
        title: args.title.clone(),
        publisher: args.publisher.clone(),
        published: args
            .date
            .as_deref()
            .map(|d| parse_date("--date", d))
            .transpose()?,
        language: opts.lang.map(|l| l.code().to_string()),
        authors: None,
    };
    let (documents, mut skipped) = read_inputs(&args)?;
    if documents.len() > 1 && (args.url.is_some() || args.title.is_some()) {
        return Err(UsageError(
            "--url and --title describe one article: ingest the others separately".into(),
        )
        .into());
    }
    let progress = progress_bar(documents.len() as u64, args.quiet);
    progress.set_message("extracting");
    // Each article is extracted on its own; one that fails is skipped (or, with --strict,
    // stops the ingest before anything is stored). Extraction of the next chunk overlaps with
    // storing the current one.
    let extract_chunk = |chunk: &[input::Document]| -> Extracted {
        chunk
            .par_iter()
            .map(|doc| {
                let mut article = input::extract_document(doc, &opts)
                    .map_err(|e| (doc.origin.clone(), format!("{:#}", e.root_cause())))?;
                checkworthy::score_and_select(&mut article, model.as_deref(), min);
                progress.inc(1);
                // What the command line gives wins over what a .jsonl line says.
                let given = &doc.meta;
                let mut source = overrides.clone();
                source.url = source.url.or_else(|| given.url.clone());
                source.title = source.title.or_else(|| given.title.clone());
                source.publisher = source.publisher.or_else(|| given.publisher.clone());
                source.published = source.published.or_else(|| given.published.clone());
                source.authors = given.authors.clone();
                // What storing needs of the claims' words alone, worked out here, on all
                // cores, rather than by the one writer.
                Ok((PreparedArticle::new(article), source))
            })
            .collect()
    };
    ledger.prepare_for_matching()?;
    // A second connection reads the ledger's claims of the next chunk's words while the
    // writer stores the current one (nothing to read in an empty or in-memory ledger).
    let up_to = ledger.last_claim_id()?;
    let reader = if up_to > 0 && ledger.path() != ":memory:" {
        let reader = Ledger::open(std::path::Path::new(ledger.path()), Access::Read)?;
        reader.prepare_for_matching()?;
        Some(reader.into_postings_reader(up_to))
    } else {
        None
    };
    let mut writer = if args.strict {
        ledger.bulk_writer()?
    } else {
        ledger.batch_writer()?
    };
    let outcomes = store_all(&mut writer, &documents, &extract_chunk, reader, args.strict)?;
    progress.set_message("indexing");
    writer.commit()?;
    progress.finish_and_clear();
    let origins = documents.iter().map(|d| d.origin.as_str());
    report(
        &mut ledger,
        args.strict,
        origins.zip(outcomes),
        &mut skipped,
    )
}

/// Articles extracted from a chunk of documents, or why one could not be.
type Extracted = Vec<Result<(PreparedArticle, NewSource), Skipped>>;

/// Stores the documents chunk by chunk through one writer while the next chunk is extracted
/// on all cores (and, given a reader, the ledger's claims of its words are read); between
/// chunks the writer commits what it holds (unless it writes one transaction). Returns one
/// outcome per document, in order.
fn store_all(
    writer: &mut BulkWriter,
    documents: &[input::Document],
    extract: &(dyn Fn(&[input::Document]) -> Extracted + Sync),
    mut reader: Option<PostingsReader>,
    strict: bool,
) -> anyhow::Result<Vec<Result<IngestOutcome, Skipped>>> {
    let check = |extracted: &Extracted| -> anyhow::Result<()> {
        match extracted.iter().find_map(|r| r.as_ref().err()) {
            Some((origin, reason)) if strict => {
                bail!("{origin}: {reason}: nothing was stored (--strict)")
            }
            _ => Ok(()),
        }
    };
    let mut chunks: Vec<&[input::Document]> = Vec::new();
    let (mut rest, mut size) = (documents, FIRST_CHUNK);
    while !rest.is_empty() {
        let (chunk, more) = rest.split_at(size.min(rest.len()));
        chunks.push(chunk);
        rest = more;
        size = (size * 2).min(CHUNK);
    }
    let mut outcomes = Vec::with_capacity(documents.len());
    let mut current = chunks.first().map(|c| extract(c)).unwrap_or_default();
    check(&current)?;
    // One writer: a ledger error stops the ingest (with --strict, storing nothing).
    for next in chunks.iter().skip(1).map(Some).chain(std::iter::once(None)) {
        let (extracted, stored) = std::thread::scope(|scope| {
            let reader = &mut reader;
            let job = next.map(|chunk| {
                scope.spawn(move || {
                    let extracted = extract(chunk);
                    let prefetched = reader.as_mut().map(|reader| {
                        reader.read(
                            extracted
                                .iter()
                                .filter_map(|r| r.as_ref().ok())
                                .flat_map(|(article, _)| article.words()),
                        )
                    });
                    (extracted, prefetched)
                })
            });
            let mut stored = Vec::with_capacity(current.len());
            for item in &current {
                match item {
                    Ok((article, source)) => stored.push(Ok(writer.ingest(article, source)?)),
                    Err(skip) => stored.push(Err(skip.clone())),
                }
            }
            // Not holding the write lock while waiting for the next chunk.
            writer.pause()?;
            let extracted = job
                .map(|j| j.join())
                .transpose()
                .map_err(|_| anyhow::anyhow!("extraction failed unexpectedly"))?;
            Ok::<_, anyhow::Error>((extracted, stored))
        })?;
        outcomes.extend(stored);
        match extracted {
            Some((next, prefetched)) => {
                check(&next)?;
                if let Some(prefetched) = prefetched.transpose()? {
                    writer.take_prefetched(prefetched);
                }
                current = next;
            }
            None => break,
        }
    }
    Ok(outcomes)
}

/// Reads the inputs into documents; a path that cannot be read is skipped (or, with
/// --strict, stops the ingest).
fn read_inputs(args: &IngestArgs) -> anyhow::Result<(Vec<input::Document>, Vec<Skipped>)> {
    let mut skipped = Vec::new();
    let mut files = Vec::new();
    for path in &args.files {
        match input::collect(std::slice::from_ref(path)) {
            Ok(found) => files.extend(found),
            Err(e) if !args.strict => skipped.push((path.display().to_string(), reason(&e))),
            Err(e) => return Err(e),
        }
    }
    if files.is_empty() && skipped.is_empty() {
        bail!("no .txt, .html or .jsonl articles found in the given folders");
    }
    let mut documents = Vec::new();
    for f in &files {
        match input::parts(f) {
            Ok(parts) => {
                for part in parts {
                    match part {
                        Ok(doc) => documents.push(doc),
                        Err((at, why)) if !args.strict => skipped.push((at, why)),
                        Err((at, why)) => bail!("{at}: {why}: nothing was stored (--strict)"),
                    }
                }
            }
            Err(e) if !args.strict => skipped.push((f.display().to_string(), reason(&e))),
            Err(e) => return Err(e),
        }
    }
    Ok((documents, skipped))
}

/// The one-line message of an error.
fn reason(e: &anyhow::Error) -> String {
    format!("{e:#}")
}

/// What one ingest did, summed over its articles.
#[derive(Default)]
struct Tally {
    added: usize,
    claims: usize,
    merged: usize,
    suggested: usize,
    duplicates: usize,
    copies: usize,
    /// Claims with a verdict that new claims or copies were linked to, each once.
    checked: Vec<(i64, Status)>,
}

impl Tally {
    fn note_checked(&mut self, checked: Vec<(i64, Status)>) {
        for c in checked {
            if !self.checked.iter().any(|(id, _)| *id == c.0) {
                self.checked.push(c);
            }
        }
    }
}

/// How many already-checked claims the summary names; the rest are counted.
const CHECKED_NAMED: usize = 10;

/// Prints what was stored, present and skipped: one summary line on stdout, a line per
/// duplicate and per skipped input on stderr. Skipped inputs make the exit code 1.
fn report<'a>(
    ledger: &mut Ledger,
    strict: bool,
    outcomes: impl Iterator<Item = (&'a str, Result<IngestOutcome, Skipped>)>,
    skipped: &mut Vec<Skipped>,
) -> anyhow::Result<()> {
    let mut t = Tally::default();
    for (origin, outcome) in outcomes {
        match outcome {
            Ok(IngestOutcome::Added {
                claims,
                merged,
                suggested,
                checked,
                ..
            }) => {
                t.added += 1;
                t.claims += claims;
                t.merged += merged;
                t.suggested += suggested;
                t.note_checked(checked);
            }
            Ok(IngestOutcome::Copy {
                source_id,
                of,
                appearances,
                checked,
            }) => {
                t.copies += 1;
                eprintln!(
                    "{origin}: the text of source {of} under another URL or publisher: stored as source {source_id}, {appearances} claim appearance(s) added"
                );
                t.note_checked(checked);
            }
            Ok(IngestOutcome::Duplicate { source_id, updated }) => {
                t.duplicates += 1;
                if updated.is_empty() {
                    eprintln!(
                        "{origin}: already in the ledger as source {source_id}; nothing added"
                    );
                } else {
                    eprintln!(
                        "{origin}: already in the ledger as source {source_id}; updated its {}",
                        updated.join(", ")
                    );
                }
            }
            Err(skip) => skipped.push(skip),
        }
    }
    // Merging the index rewrites all of it, in one transaction: only for an ingest that holds
    // the lock throughout anyway. Batches keep the index in few segments as they go (FTS5's
    // automerge).
    if strict && t.claims >= BULK_CLAIMS {
        ledger.optimize_search()?;
    }
    for (origin, why) in skipped.iter() {
        // A reading error names the file itself.
        let why = why.strip_prefix(&format!("{origin}: ")).unwrap_or(why);
        eprintln!("{origin}: skipped: {why}");
    }
    crate::say!("{}", summary(&t, skipped.len()))?;
    super::wrote_to(ledger);
    if !skipped.is_empty() {
        bail!(
            "{} input(s) skipped (see above): fix them and ingest them again, the others are stored",
            skipped.len()
        );
    }
    Ok(())
}

/// The one summary line: what was stored, what matching did, which claims were checked before.
fn summary(t: &Tally, skipped: usize) -> String {
    let mut line = format!("ingested {} article(s) with {} claim(s)", t.added, t.claims);
    if t.merged + t.suggested > 0 {
        // Still one line: what matching did with the claims, then what was not stored.
        line.push_str(&format!(
            " ({} already in the ledger became appearances, {} new claim(s) have a suggested match)",
            t.merged, t.suggested
        ));
    }
    if t.copies > 0 {
        line.push_str(&format!(
            "; {} copy(ies) of stored articles added as appearances",
            t.copies
        ));
    }
    if !t.checked.is_empty() {
        let named: Vec<String> = t
            .checked
            .iter()
            .take(CHECKED_NAMED)
            .map(|(id, status)| format!("#{id} {status}"))
            .collect();
        let more = t.checked.len().saturating_sub(CHECKED_NAMED);
        line.push_str(&format!(
            "; {} claim(s) already checked: {}{}",
            t.checked.len(),
            named.join(", "),
            if more > 0 {
                format!(", and {more} more (list --recurring)")
            } else {
                String::new()
            }
        ));
    }
    line.push_str(&format!("; {} already present", t.duplicates));
    if skipped > 0 {
        line.push_str(&format!("; {skipped} skipped"));
    }
    line
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} articles ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
