//! "Already checked?" across languages, measured through the CLI (see `tests/it/stsb.rs`, which
//! this example shares with the floor's test): prints how often the right English sentence
//! comes first (P@1) and within the first five.
//!
//! cargo build --release && cargo run --release --example stsb_crosslingual -- \
//!     target/release/claimledger ../shared/eval/claim-matching/stsb-de-en

use std::path::Path;

#[path = "../tests/it/stsb.rs"]
mod stsb;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bin, dir] = args.as_slice() else {
        anyhow::bail!("usage: stsb_crosslingual CLAIMLEDGER STSB_DIR");
    };
    let dir = Path::new(dir);
    if !dir.join("stsb-de-dev.csv").exists() {
        println!("skipped: {} has no stsb-de-dev.csv", dir.display());
        return Ok(());
    }
    let r = stsb::measure(Path::new(bin), dir)?;
    println!(
        "STSb dev DE->EN through the CLI: {} German sentences, {} English claims; P@1 {:.3}, found in the first five {:.3}; match {:.1} s",
        r.queries,
        r.pool,
        r.p_at_1(),
        r.in_five(),
        r.seconds
    );
    Ok(())
}
