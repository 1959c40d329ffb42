//! `claimledger ingest`: extract articles on all cores, then store them through one writer.
//!
//! Every input is read and extracted before anything is written, so a bad file stops the ingest
//! with nothing stored. Articles are then written in batched transactions; an article whose text
//! is already in the ledger is skipped and reported.

use super::{UsageError, input, parse_date};
use crate::claim::Article;
use crate::cli::IngestArgs;
use crate::extract::Options;
use crate::store::{IngestOutcome, Ledger, NewSource};
use anyhow::bail;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Articles per write transaction.
const BATCH: usize = 500;
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
    let articles: Vec<(Article, NewSource)> = documents
        .par_iter()
        .map(|doc| {
            let article = input::extract_document(doc, &opts)?;
            progress.inc(1);
            let mut source = overrides.clone();
            source.url = source.url.or_else(|| doc.url.clone());
            Ok((article, source))
        })
        .collect::<anyhow::Result<_>>()?;
    progress.set_message("storing");
    let (mut added, mut claims, mut duplicates) = (0usize, 0usize, Vec::new());
    for (batch_no, batch) in articles.chunks(BATCH).enumerate() {
        for (i, outcome) in ledger.ingest_many(batch)?.into_iter().enumerate() {
            match outcome {
                IngestOutcome::Added { claims: n, .. } => {
                    added += 1;
                    claims += n;
                }
                IngestOutcome::Duplicate { source_id } => {
                    duplicates.push((documents[batch_no * BATCH + i].origin.clone(), source_id))
                }
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
