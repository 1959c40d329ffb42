//! `claimledger list`: claims filtered and sorted.

use super::{filter_from, output};
use crate::cli::{ListArgs, ListFormat};
use crate::store::Ledger;

pub fn run(ledger: &Ledger, args: ListArgs) -> anyhow::Result<()> {
    let mut filter = filter_from(&args.filter)?;
    filter.hide_dismissed = !args.all;
    filter.recurring = args.recurring;
    // The CSV has no columns for how often and when a claim was seen: not counted for it.
    let records = if args.format == ListFormat::Csv {
        ledger.list_unseen(&filter)?
    } else {
        ledger.list(&filter)?
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    output::print_records(&mut out, &records, args.format)?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}
