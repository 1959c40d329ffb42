//! `claimledger import`: take back a CSV written by `export --format csv`, all or nothing.

use crate::claim::Status;
use crate::cli::{ImportArgs, ImportFormat};
use crate::export::csv::read_records;
use crate::store::Ledger;
use anyhow::{Context, bail};

pub fn run(mut ledger: Ledger, args: ImportArgs) -> anyhow::Result<()> {
    let bytes = super::input::read_bytes(&args.file)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!(
            "{}: the file is empty: give a CSV written by 'claimledger export --format csv', or ClaimReview JSON with --format claimreview",
            args.file.display()
        );
    }
    if args.format == ImportFormat::Claimreview {
        let unmapped: Option<Status> = args.unmapped.as_deref().map(str::parse).transpose()?;
        let reviews = crate::export::claimreview_in::read(&bytes, unmapped)
            .with_context(|| args.file.display().to_string())?;
        let (added, known) = ledger
            .import_claim_reviews(&reviews)
            .with_context(|| args.file.display().to_string())?;
        println!(
            "imported {added} fact-check(s) from {}; {known} already in the ledger",
            args.file.display()
        );
        return Ok(());
    }
    let records =
        read_records(bytes.as_slice()).with_context(|| args.file.display().to_string())?;
    let n = ledger
        .import(&records)
        .with_context(|| args.file.display().to_string())?;
    if n >= super::ingest::BULK_CLAIMS {
        ledger.optimize_search()?;
    }
    let appearances = records.iter().filter(|(_, a)| a.is_some()).count();
    if appearances > 0 {
        println!(
            "imported {n} claim(s) with {appearances} appearance(s) from {}",
            args.file.display()
        );
    } else {
        println!("imported {n} claim(s) from {}", args.file.display());
    }
    Ok(())
}
