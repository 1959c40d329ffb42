//! `claimledger list`: claims filtered and sorted.

use super::{filter_from, output};
use crate::cli::ListArgs;
use crate::store::Ledger;

pub fn run(ledger: &Ledger, args: ListArgs) -> anyhow::Result<()> {
    let mut filter = filter_from(&args.filter)?;
    filter.hide_dismissed = !args.all;
    let records = ledger.list(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    output::print_records(&mut out, &records, args.format)?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}
