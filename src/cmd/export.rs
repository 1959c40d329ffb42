//! `claimledger export`: stream claims as CSV, JSON lines, a JSON array or ClaimReview.

use super::filter_from;
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::claimreview::{Organisation, Written, claim_review};
use crate::export::csv::CsvWriter;
use crate::store::Ledger;
use anyhow::Context;
use std::io::Write;

pub fn run(ledger: &Ledger, args: ExportArgs) -> anyhow::Result<()> {
    let filter = filter_from(&args.filter)?;
    if args.appearances && args.format != ExportFormat::Csv {
        return Err(
            super::UsageError("--appearances is a CSV layout: add --format csv".into()).into(),
        );
    }
    match &args.output {
        Some(path) => {
            // Write next to the target and rename at the end: no half-written export.
            let tmp = path.with_extension("partial");
            let file = std::fs::File::create(&tmp).with_context(|| {
                format!(
                    "{}: cannot create the file: check the folder exists and is writable",
                    path.display()
                )
            })?;
            let result = write(
                ledger,
                &filter,
                &args,
                std::io::BufWriter::with_capacity(1 << 16, file),
            );
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
                return result;
            }
            std::fs::rename(&tmp, path)
                .with_context(|| format!("{}: cannot write the file", path.display()))?;
            Ok(())
        }
        None => {
            let stdout = std::io::stdout();
            write(
                ledger,
                &filter,
                &args,
                std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
            )
        }
    }
}

fn write(
    ledger: &Ledger,
    filter: &crate::store::ClaimFilter,
    args: &ExportArgs,
    mut out: impl Write,
) -> anyhow::Result<()> {
    match args.format {
        ExportFormat::Csv if args.appearances => {
            let mut w = CsvWriter::with_appearances(&mut out, args.raw)?;
            ledger.for_each(filter, |r| {
                for a in ledger.appearances(r.id)? {
                    w.write_appearance(&r, &a)?;
                }
                Ok::<_, anyhow::Error>(())
            })?;
            w.finish()?;
        }
        ExportFormat::Csv => {
            let mut w = CsvWriter::new(&mut out, args.raw)?;
            ledger.for_each(filter, |r| w.write(&r).map_err(anyhow::Error::from))?;
            w.finish()?;
        }
        ExportFormat::Jsonl => {
            ledger.for_each(filter, |r| {
                serde_json::to_writer(&mut out, &r)?;
                out.write_all(b"\n")?;
                Ok::<_, anyhow::Error>(())
            })?;
        }
        ExportFormat::Claimreview => claim_reviews(ledger, filter, args, &mut out)?,
        ExportFormat::Json => {
            out.write_all(b"[")?;
            let mut first = true;
            ledger.for_each(filter, |r| {
                out.write_all(if first { b"\n  " } else { b",\n  " })?;
                first = false;
                serde_json::to_writer(&mut out, &r)?;
                Ok::<_, anyhow::Error>(())
            })?;
            out.write_all(b"\n]\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes a ClaimReview for every published verdict; says on stderr how many were skipped for
/// want of a URL.
fn claim_reviews(
    ledger: &Ledger,
    filter: &crate::store::ClaimFilter,
    args: &ExportArgs,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let saved = ledger.publish_settings()?;
    let Some(name) = args
        .org_name
        .clone()
        .or(saved.org_name)
        .filter(|n| !n.trim().is_empty())
    else {
        return Err(super::UsageError(
            "ClaimReview names the organisation that checked the claims: add --org-name NAME (and --org-url URL), or set them with 'claimledger settings'".into(),
        )
        .into());
    };
    let org = Organisation {
        name,
        url: args.org_url.clone().or(saved.org_url),
        base_url: args.base_url.clone().or(saved.base_url),
    };
    out.write_all(b"[")?;
    let (mut first, mut no_url) = (true, 0usize);
    ledger.for_each(filter, |r| {
        let appearances = ledger.appearances(r.id)?;
        match claim_review(&r, &appearances, &org) {
            Written::Review(value) => {
                out.write_all(if first { b"\n  " } else { b",\n  " })?;
                first = false;
                serde_json::to_writer(&mut *out, &value)?;
            }
            Written::NoUrl => no_url += 1,
            Written::NoRating => {}
        }
        Ok::<_, anyhow::Error>(())
    })?;
    out.write_all(b"\n]\n")?;
    if no_url > 0 {
        eprintln!(
            "{no_url} verdict(s) skipped: they have no published URL (review --url), and no --base-url was given"
        );
    }
    Ok(())
}
