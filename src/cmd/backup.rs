//! `claimledger backup`: a consistent copy of a live ledger, written beside FILE and renamed
//! onto it only when complete and checked.

use crate::cli::BackupArgs;
use crate::store::Ledger;
use anyhow::{Context, bail};
use std::path::Path;

pub fn run(ledger: &Ledger, args: BackupArgs) -> anyhow::Result<()> {
    let dest = &args.file;
    if super::same_file(dest, Path::new(ledger.path())) {
        bail!(
            "{} is the ledger itself: give another file name for the backup",
            dest.display()
        );
    }
    if dest.is_dir() {
        bail!("{} is a directory: give a file name", dest.display());
    }
    if dest.exists() && !args.force {
        bail!(
            "{} exists: give a new file name, or add --force to replace it",
            dest.display()
        );
    }
    let cannot = || {
        format!(
            "{}: cannot write the backup: check the folder exists and is writable",
            dest.display()
        )
    };
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".claimledger-backup.")
        .suffix(".partial")
        .tempfile_in(dir)
        .with_context(cannot)?;
    ledger.backup_into(tmp.path())?;
    if args.force {
        tmp.persist(dest)
            .map_err(|e| e.error)
            .with_context(cannot)?;
    } else {
        // Another process may have made FILE meanwhile: never replace it unasked.
        tmp.persist_noclobber(dest)
            .map_err(|e| e.error)
            .with_context(|| format!("{} exists: add --force to replace it", dest.display()))?;
    }
    crate::say!("backup of {} written to {}", ledger.path(), dest.display())?;
    Ok(())
}
