//! `claimledger export`: stream claims as CSV, JSON lines, a JSON array or ClaimReview.

use super::filter_from;
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::claimreview::{Organisation, Written, claim_review};
use crate::export::csv::CsvWriter;
use crate::store::Ledger;
use anyhow::Context;
use std::io::Write;
use std::path::Path;

pub fn run(ledger: &Ledger, args: ExportArgs) -> anyhow::Result<()> {
    let filter = filter_from(&args.filter)?;
    if args.excel && args.format != ExportFormat::Csv {
        return Err(super::UsageError(
            "--excel is a CSV dialect: use it with --format csv (the default)".into(),
        )
        .into());
    }
    if args.appearances && args.format != ExportFormat::Csv {
        return Err(
            super::UsageError("--appearances is a CSV layout: add --format csv".into()).into(),
        );
    }
    match &args.output {
        Some(path) => {
            not_the_ledger(path, ledger)?;
            to_file(path, |out| write(ledger, &filter, &args, out))
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

/// Writes an export to `path`. A regular file (or a new one) is written to a unique temporary
/// file beside it and renamed over it at the end, so a failed or concurrent export never leaves
/// a half-written file and never touches another file; a symlink is followed, so the link stays
/// and its target is replaced. Anything else (a device, a pipe) is written to directly.
pub fn to_file(
    path: &Path,
    body: impl FnOnce(std::io::BufWriter<&mut std::fs::File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let cannot = || {
        format!(
            "{}: cannot write the file: check the folder exists and is writable",
            path.display()
        )
    };
    // Follow a symlink (also a chain of them) to the file it names.
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        Err(_) => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| m.is_file()) && is_sqlite(&target) {
        anyhow::bail!(
            "{} is an SQLite database (a ledger?), which an export would destroy: give another file name",
            path.display()
        );
    }
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        if meta.is_dir() {
            anyhow::bail!("{} is a directory: give a file name", path.display());
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .with_context(cannot)?;
        return body(std::io::BufWriter::with_capacity(1 << 16, &mut file));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(dir)
        .with_context(cannot)?;
    body(std::io::BufWriter::with_capacity(
        1 << 16,
        tmp.as_file_mut(),
    ))?;
    // The temporary file is private (0600); the export gets the target's permissions, or the
    // usual ones for a new file.
    let perms = match &existing {
        Some(meta) => Some(meta.permissions()),
        None => new_file_permissions(),
    };
    if let Some(perms) = perms {
        tmp.as_file().set_permissions(perms).with_context(cannot)?;
    }
    tmp.persist(&target)
        .map_err(|e| e.error)
        .with_context(cannot)?;
    Ok(())
}

/// Returns true when the file begins with SQLite's header: a ledger (this one or another),
/// which no export or report may write over.
pub fn is_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// Refuses an output file that is the ledger itself (also an empty new ledger, which has no
/// SQLite header yet), compared as canonical paths.
pub fn not_the_ledger(output: &Path, ledger: &Ledger) -> anyhow::Result<()> {
    if super::same_file(output, Path::new(ledger.path())) {
        anyhow::bail!(
            "{} is the ledger itself: give another file name for the output",
            output.display()
        );
    }
    Ok(())
}

/// The permissions of a newly created file (rw-r--r--); `None` where tempfile's are right.
fn new_file_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
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
            let mut w = CsvWriter::with_appearances(&mut out, args.raw, args.excel)?;
            ledger.for_each_unseen(filter, |r| {
                for a in ledger.appearances(r.id)? {
                    w.write_appearance(&r, &a)?;
                }
                Ok::<_, anyhow::Error>(())
            })?;
            w.finish()?;
        }
        ExportFormat::Csv => {
            let mut w = CsvWriter::with_dialect(&mut out, args.raw, args.excel)?;
            // Straight from the ledger's cells: the CSV has no columns for how often and when
            // a claim was seen, and its lists are stored as the CSV writes them.
            ledger.for_each_cells(filter, |c| w.write_cells(c).map_err(anyhow::Error::from))?;
            w.finish()?;
        }
        ExportFormat::Jsonl => {
            // The whole ledger also carries its settings, models, every source and the
            // corrections no claim carries (deleted claims'), so that nothing is lost on a move.
            let whole = filter.selects_all();
            if whole {
                for line in ledger.ledger_lines_before()? {
                    serde_json::to_writer(&mut out, &line)?;
                    out.write_all(b"\n")?;
                }
            }
            ledger.for_each_full(filter, |r| {
                serde_json::to_writer(&mut out, &r)?;
                out.write_all(b"\n")?;
                Ok::<_, anyhow::Error>(())
            })?;
            if whole {
                for line in ledger.ledger_lines_after()? {
                    serde_json::to_writer(&mut out, &line)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        ExportFormat::Claimreview => claim_reviews(ledger, filter, args, &mut out)?,
        ExportFormat::Json => {
            out.write_all(b"[")?;
            let mut first = true;
            ledger.for_each(filter, |r| {
                out.write_all(if first { b"\n  " } else { b",\n  " })?;
                first = false;
                // Through a Value: its keys come out sorted, as they always have.
                serde_json::to_writer(&mut out, &serde_json::to_value(&r)?)?;
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
