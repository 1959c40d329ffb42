//! `claimledger ingest`: extract articles on all cores, then store them through one writer.
//!
//! All articles are written in one transaction while the next ones are extracted, so a bad file
//! stops the ingest with nothing stored. An article whose text is already in the ledger is
//! skipped and reported.

use super::{UsageError, input, parse_date};
use crate::claim::Article;
use crate::cli::IngestArgs;
use crate::extract::Options;
use crate::store::{IngestOutcome, Ledger, NewSource};
use anyhow::bail;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Articles extracted while the previous ones are stored.
const CHUNK: usize = 256;
/// From this many new claims on, the search index is merged after the ingest.
pub const BULK_CLAIMS: usize = 10_000;

pub fn run(mut ledger: Ledger, args: IngestArgs) -> anyhow::Result<()> {
    let opts = Options {
        lang: input::parse_lang(args.lang.as_deref())?,
        min_checkworthiness: args.min_score,
        has_title: true,
    };
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
    };
    let files = input::collect(&args.files)?;
    if files.is_empty() {
        bail!("no .txt, .html or .jsonl articles found in the given folders");
    }
    let mut documents = Vec::new();
    for f in &files {
        documents.extend(input::documents(f)?);
    }
    if documents.len() > 1 && (args.url.is_some() || args.title.is_some()) {
        return Err(UsageError(
            "--url and --title describe one article: ingest the others separately".into(),
        )
        .into());
    }
    let progress = progress_bar(documents.len() as u64, args.quiet);
    progress.set_message("extracting");
    // Extraction of the next chunk (on all cores) overlaps with storing the current one (one
    // writer). Everything goes into one transaction: a bad input anywhere rolls all of it back.
    let extract_chunk = |chunk: &[input::Document]| -> anyhow::Result<Vec<(Article, NewSource)>> {
        chunk
            .par_iter()
            .map(|doc| {
                let article = input::extract_document(doc, &opts)?;
                progress.inc(1);
                let mut source = overrides.clone();
                source.url = source.url.or_else(|| doc.url.clone());
                Ok((article, source))
            })
            .collect()
    };
    let chunks: Vec<&[input::Document]> = documents.chunks(CHUNK).collect();
    let mut writer = ledger.bulk_writer()?;
    let mut outcomes = Vec::with_capacity(documents.len());
    let mut current = extract_chunk(chunks[0])?;
    for next in chunks.iter().skip(1).map(Some).chain(std::iter::once(None)) {
        let (extracted, stored) = std::thread::scope(|scope| {
            let job = next.map(|chunk| scope.spawn(|| extract_chunk(chunk)));
            let stored: Result<Vec<IngestOutcome>, _> = current
                .iter()
                .map(|(article, source)| writer.ingest(article, source))
                .collect();
            let extracted = job.map(|j| {
                j.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("extraction failed unexpectedly")))
            });
            (extracted, stored)
        });
        outcomes.extend(stored?);
        match extracted {
            Some(next) => current = next?,
            None => break,
        }
    }
    progress.set_message("indexing");
    writer.commit()?;
    let (mut added, mut claims, mut duplicates) = (0usize, 0usize, Vec::new());
    let (mut merged, mut suggested) = (0usize, 0usize);
    for (doc, outcome) in documents.iter().zip(outcomes) {
        match outcome {
            IngestOutcome::Added {
                claims: n,
                merged: m,
                suggested: s,
                ..
            } => {
                added += 1;
                claims += n;
                merged += m;
                suggested += s;
            }
            IngestOutcome::Duplicate { source_id } => {
                duplicates.push((doc.origin.clone(), source_id))
            }
        }
    }
    if claims >= BULK_CLAIMS {
        ledger.optimize_search()?;
    }
    progress.finish_and_clear();
    for (origin, id) in &duplicates {
        eprintln!("{origin}: already in the ledger as source {id}; nothing added");
    }
    println!(
        "ingested {added} article(s) with {claims} claim(s); {} already present",
        duplicates.len()
    );
    if merged + suggested > 0 {
        println!(
            "{merged} claim(s) were already in the ledger and became appearances; {suggested} new claim(s) have a suggested match"
        );
    }
    Ok(())
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
