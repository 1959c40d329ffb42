//! `claimledger import`: take back a CSV written by `export --format csv`, all or nothing.

use crate::cli::ImportArgs;
use crate::export::csv::read_records;
use crate::store::Ledger;
use anyhow::{Context, bail};

pub fn run(mut ledger: Ledger, args: ImportArgs) -> anyhow::Result<()> {
    let bytes = super::input::read_bytes(&args.file)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!(
            "{}: the file is empty: give a CSV written by 'claimledger export --format csv'",
            args.file.display()
        );
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
