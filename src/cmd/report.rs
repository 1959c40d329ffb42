//! `claimledger report`: the dashboard as one self-contained HTML page for e-mailing to
//! editors, or the counts of `stats` as CSV.

use crate::cli::{ReportArgs, ReportFormat};
use crate::store::Ledger;
use std::io::Write;

pub fn run(ledger: &Ledger, args: ReportArgs) -> anyhow::Result<()> {
    let filter = super::where_from(&args.only)?;
    let write = |mut out: Box<dyn Write + '_>| -> anyhow::Result<()> {
        match args.format {
            ReportFormat::Csv => {
                super::stats::write_csv(&mut out, ledger, &ledger.stats(&filter)?)?
            }
            ReportFormat::Html => {
                let made = crate::store::desk::now();
                let page = crate::serve::report::render(ledger, &filter, &about(&args), &made)?;
                out.write_all(page.as_bytes())?;
            }
        }
        out.flush()?;
        Ok(())
    };
    match &args.output {
        Some(path) => {
            super::export::not_the_ledger(path, ledger)?;
            super::export::to_file(path, |out| write(Box::new(out)))
        }
        None => write(Box::new(std::io::stdout().lock())),
    }
}

/// Says which claims a report covers, from the filters given.
fn about(args: &ReportArgs) -> String {
    let o = &args.only;
    let mut parts = Vec::new();
    let mut add = |label: &str, v: &Option<String>| {
        if let Some(v) = v {
            parts.push(format!("{label} {v}"));
        }
    };
    add("status", &o.status);
    add("speaker", &o.speaker);
    add("publisher", &o.publisher);
    add("source", &o.source);
    add("stance", &o.stance);
    add("mode", &o.mode);
    add("published since", &o.since);
    add("published until", &o.until);
    if parts.is_empty() {
        "All claims".into()
    } else {
        format!("Claims with {}", parts.join(", "))
    }
}
