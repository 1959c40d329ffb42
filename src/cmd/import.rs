//! `claimledger import`: take back a CSV (`export --format csv`, also `;`-separated from a
//! spreadsheet) or a JSON-lines file (`export --format jsonl`, every review and detail), all or
//! nothing.

use crate::claim::{FullClaim, Status};
use crate::cli::{ImportArgs, ImportFormat};
use crate::export::csv::read_records;
use crate::store::{Ledger, LedgerLine};
use anyhow::{Context, bail};

pub fn run(mut ledger: Ledger, args: ImportArgs) -> anyhow::Result<()> {
    let bytes = super::input::read_bytes(&args.file)?;
    let name = args.file.display().to_string();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!(
            "{name}: the file is empty: give a file written by 'claimledger export --format csv' or '--format jsonl', or ClaimReview JSON with --format claimreview"
        );
    }
    if args.format == ImportFormat::Claimreview {
        return claim_reviews(ledger, &args, &bytes);
    }
    // Into an empty ledger the ids stay; into one with claims they are numbered after its
    // own, unless --keep-ids asks to keep them (and fail on a clash).
    let keep_ids = args.keep_ids || ledger.is_empty()?;
    let mut appearances = 0;
    let (ids, in_file) = if is_jsonl(&bytes) {
        let (claims, lines) = read_jsonl(&bytes).with_context(|| name.clone())?;
        for c in &claims {
            full_urls(c).with_context(|| format!("{name}: claim {}", c.id))?;
        }
        let ids = ledger
            .import_full(&claims, &lines, keep_ids)
            .with_context(|| name.clone())?;
        (ids, claims.len())
    } else {
        let records = read_records(&bytes).with_context(|| name.clone())?;
        for (record, appearance) in &records {
            let urls = record
                .url
                .iter()
                .chain(appearance.iter().flat_map(|a| a.url.iter()));
            for url in urls.filter(|u| !u.is_empty()) {
                super::check_url("url", url)
                    .with_context(|| format!("{name}: claim {}", record.id))?;
            }
        }
        appearances = records.iter().filter(|(_, a)| a.is_some()).count();
        let claims: std::collections::HashSet<i64> = records.iter().map(|(r, _)| r.id).collect();
        let ids = ledger
            .import(&records, keep_ids)
            .with_context(|| name.clone())?;
        (ids, claims.len())
    };
    let known = in_file - ids.len();
    if ids.len() >= super::ingest::BULK_CLAIMS {
        ledger.optimize_search()?;
    }
    let range = match (ids.iter().min(), ids.iter().max()) {
        (Some(a), Some(b)) if !keep_ids => format!(" as claims {a}–{b}"),
        _ => String::new(),
    };
    let already = if known > 0 {
        format!("; {known} already in the ledger")
    } else {
        String::new()
    };
    if appearances > 0 {
        crate::say!(
            "imported {} claim(s) with {appearances} appearance(s) from {name}{range}{already}",
            ids.len()
        )?;
    } else {
        crate::say!(
            "imported {} claim(s) from {name}{range}{already}",
            ids.len()
        )?;
    }
    super::wrote_to(&ledger);
    Ok(())
}

/// Imports fact-checks of other organisations (ClaimReview JSON-LD); one already in the
/// ledger (same review url) is skipped.
fn claim_reviews(mut ledger: Ledger, args: &ImportArgs, bytes: &[u8]) -> anyhow::Result<()> {
    let name = args.file.display().to_string();
    let unmapped: Option<Status> = args.unmapped.as_deref().map(str::parse).transpose()?;
    let reviews =
        crate::export::claimreview_in::read(bytes, unmapped).with_context(|| name.clone())?;
    for r in &reviews {
        let urls =
            std::iter::once(&r.url).chain(r.appearances.iter().filter_map(|a| a.url.as_ref()));
        for url in urls {
            super::check_url("url", url).with_context(|| format!("{name}: item {}", r.index))?;
        }
    }
    let (added, known) = ledger
        .import_claim_reviews(&reviews)
        .with_context(|| name.clone())?;
    crate::say!("imported {added} fact-check(s) from {name}; {known} already in the ledger")?;
    super::wrote_to(&ledger);
    Ok(())
}

/// A JSON-lines export starts with `{` (after a byte-order mark or blank space).
fn is_jsonl(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Reads and checks every line of a JSON-lines export: its claims and the ledger's other lines
/// (settings, models, sources, corrections). The first problem names its line.
fn read_jsonl(bytes: &[u8]) -> anyhow::Result<(Vec<FullClaim>, Vec<LedgerLine>)> {
    let text = std::str::from_utf8(bytes).context("a .jsonl file must be UTF-8")?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut claims = Vec::new();
    let mut lines = std::collections::HashMap::new();
    // Claims that show a verdict lent by a claim merged into them, with their line.
    let mut lent = Vec::new();
    let mut ledger_lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        // The writer puts the kind of a line that is no claim first.
        if line.trim_start().starts_with("{\"kind\"") {
            let other: LedgerLine = serde_json::from_str(line).map_err(|e| {
                anyhow::anyhow!("line {n}: not a line of 'export --format jsonl': {e}")
            })?;
            if let LedgerLine::Ledger { models, .. } = &other
                && let Some(m) = models.iter().find(|m| m.bytes().is_none())
            {
                bail!(
                    "line {n}: the model trained at {} is not hexadecimal",
                    m.trained_at
                );
            }
            ledger_lines.push(other);
            continue;
        }
        let claim: FullClaim = serde_json::from_str(line).map_err(|e| {
            anyhow::anyhow!("line {n}: not a claim of 'export --format jsonl': {e}")
        })?;
        let own = check_full(&claim).map_err(|e| anyhow::anyhow!("line {n}: {e}"))?;
        if own != claim.status {
            lent.push((n, own, claim.id, claim.status));
        }
        if let Some(first) = lines.insert(claim.id, n) {
            bail!(
                "line {n}: claim {} is already on line {first}: drop one of them",
                claim.id
            );
        }
        claims.push(claim);
    }
    for (n, own, id, status) in lent {
        let merged_verdict = claims
            .iter()
            .any(|m| m.merged_into == Some(id) && m.status == status);
        if own.is_verdict() || !status.is_verdict() || !merged_verdict {
            bail!("line {n}: claim {id}: the status is {status} but its reviews lead to {own}");
        }
    }
    Ok((claims, ledger_lines))
}

/// Refuses what the ledger would refuse or get wrong: bad ids, times and scores, a verdict
/// without a note. Returns the status the claim's own reviews lead to: the file's status is
/// that one, or a verdict lent by a claim merged into it (checked by the caller).
fn check_full(c: &FullClaim) -> anyhow::Result<Status> {
    use crate::export::csv::MAX_ID;
    if !(1..=MAX_ID).contains(&c.id) {
        bail!(
            "'{}' is not a claim id (a whole number from 1 to {MAX_ID})",
            c.id
        );
    }
    if c.text.trim().is_empty() {
        bail!("claim {}: the text is empty", c.id);
    }
    if !(0.0..=1.0).contains(&c.checkworthiness) {
        bail!(
            "claim {}: checkworthiness {} is not from 0 to 1",
            c.id,
            c.checkworthiness
        );
    }
    let mut times = vec![&c.created_at, &c.updated_at];
    times.extend(c.reviews.iter().map(|r| &r.reviewed_at));
    times.extend(c.corrections.iter().map(|k| &k.corrected_at));
    let appearances = c.appearances.as_deref().unwrap_or_default();
    times.extend(appearances.iter().map(|a| &a.created_at));
    times.extend(c.trail.iter().map(|e| &e.at));
    times.extend(c.suggestions.iter().map(|g| &g.created_at));
    for t in times {
        if chrono::DateTime::parse_from_rfc3339(t).is_err() {
            bail!(
                "claim {}: '{t}' is not an ISO 8601 time (2024-05-01T12:00:00Z)",
                c.id
            );
        }
    }
    let sources = std::iter::once(&c.source).chain(appearances.iter().map(|a| &a.source));
    for d in sources.filter_map(|s| s.as_ref().and_then(|s| s.published.as_ref())) {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
            bail!("claim {}: published '{d}' is not a date (YYYY-MM-DD)", c.id);
        }
    }
    for a in appearances {
        if !(1..=MAX_ID).contains(&a.id) {
            bail!(
                "claim {}: '{}' is not an appearance id (a whole number from 1 to {MAX_ID})",
                c.id,
                a.id
            );
        }
        if a.text.trim().is_empty() {
            bail!("claim {}: the text of appearance {} is empty", c.id, a.id);
        }
    }
    let mut status = crate::claim::Status::Unverified;
    for r in &c.reviews {
        if r.from != status {
            bail!(
                "claim {}: a review goes from {} but the claim was {status}",
                c.id,
                r.from
            );
        }
        // A verdict published elsewhere (a ClaimReview imported by an older build) may have
        // its reasons at its URL only.
        if r.to.needs_note()
            && r.note.as_deref().is_none_or(|n| n.trim().is_empty())
            && r.url.is_none()
        {
            bail!(
                "claim {}: the verdict {} has no note: every verdict needs one",
                c.id,
                r.to
            );
        }
        status = r.to;
    }
    Ok(status)
}

/// Checks every URL of an imported claim: its source's, its appearances' and its reviews'.
fn full_urls(c: &FullClaim) -> anyhow::Result<()> {
    let sources = c.source.iter().chain(
        c.appearances
            .iter()
            .flatten()
            .filter_map(|a| a.source.as_ref()),
    );
    for url in sources.filter_map(|s| s.url.as_deref()) {
        super::check_url("url", url)?;
    }
    for r in &c.reviews {
        for url in r.url.iter().chain(r.evidence.iter()) {
            super::check_url("review url", url)?;
        }
    }
    Ok(())
}
