//! `claimledger show`: one claim with its source, speakers and review history.

use crate::cli::{IdArgs, ListFormat};
use crate::store::Ledger;
use std::io::Write;

pub fn run(ledger: &Ledger, args: IdArgs) -> anyhow::Result<()> {
    if args.format == ListFormat::Csv {
        return Err(super::UsageError(
            "show prints one claim with its trail, which is not a table of rows: use --format table, json or jsonl (or 'claimledger export --format csv' for CSV)".into(),
        )
        .into());
    }
    let (record, sentence, source_id) = ledger.get(args.id)?;
    let source = source_id.map(|id| ledger.source(id)).transpose()?.flatten();
    let history = ledger.history(args.id)?;
    let corrections = ledger.corrections(args.id)?;
    let appearances = ledger.appearances(args.id)?;
    let trail = ledger.events(args.id)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.format != ListFormat::Table {
        let value = serde_json::json!({"claim": record, "sentence": sentence, "source": source, "appearances": appearances, "history": history, "trail": trail, "corrections": corrections});
        if args.format == ListFormat::Jsonl {
            serde_json::to_writer(&mut out, &value)?;
        } else {
            serde_json::to_writer_pretty(&mut out, &value)?;
        }
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "claim {}  [{}]", record.id, record.status)?;
    writeln!(out, "  text:     {}", record.text)?;
    if !sentence.is_empty() && sentence != record.text {
        writeln!(out, "  sentence: {sentence}")?;
    }
    for (i, name) in record.speakers.iter().enumerate() {
        let role = record
            .roles
            .get(i)
            .filter(|r| !r.is_empty())
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        let kind = record.kinds.get(i).cloned().unwrap_or_default();
        writeln!(out, "  speaker:  {name}{role} ({kind})")?;
    }
    writeln!(
        out,
        "  cue:      {}   mode: {}   stance: {}   check-worthiness: {:.2}",
        record.cue.as_deref().unwrap_or("-"),
        record.mode,
        record.stance,
        record.checkworthiness
    )?;
    if let Some(s) = source {
        let details: Vec<&str> = [&s.publisher, &s.published, &s.url]
            .into_iter()
            .filter_map(|d| d.as_deref())
            .collect();
        let title = s.title.as_deref().unwrap_or("(untitled)");
        if details.is_empty() {
            writeln!(out, "  source:   #{} {title}", s.id)?;
        } else {
            writeln!(out, "  source:   #{} {title} — {}", s.id, details.join(" "))?;
        }
    }
    writeln!(out, "  recorded: {}", record.created_at)?;
    if let Some(into) = record.merged_into {
        writeln!(
            out,
            "  merged into claim {into} (see 'claimledger show {into}')"
        )?;
    }
    writeln!(out, "  seen:     {}", super::output::seen(&record))?;
    for a in &appearances {
        writeln!(
            out,
            "    appearance {}  {}  {}  {} ({} {}): {}",
            a.id,
            a.seen,
            a.publisher
                .as_deref()
                .or(a.source_title.as_deref())
                .unwrap_or("-"),
            if a.speakers.is_empty() {
                "-".to_string()
            } else {
                a.speakers.join("; ")
            },
            a.cue.as_deref().unwrap_or("-"),
            a.stance,
            super::output::shorten(&a.text, 100)
        )?;
        if let Some(url) = &a.url {
            writeln!(out, "      {url}")?;
        }
    }
    for e in &trail {
        writeln!(
            out,
            "  trail:    {} {} by {}: {}",
            e.at,
            e.kind,
            e.actor,
            e.note.as_deref().unwrap_or("")
        )?;
    }
    if history.is_empty() && record.status.is_verdict() {
        // A verdict lent by a claim merged into this one (the trail names the merges).
        let merged: Vec<String> = trail
            .iter()
            .filter(|e| e.kind == "merged")
            .filter_map(|e| e.other_id.map(|id| id.to_string()))
            .collect();
        writeln!(
            out,
            "  history:  none of its own; {} is the verdict of a claim merged into it ({})",
            record.status,
            merged.join(", ")
        )?;
    } else if history.is_empty() {
        writeln!(out, "  history:  none (unverified)")?;
    } else {
        writeln!(out, "  history:")?;
        for r in history {
            let note = r
                .note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            writeln!(
                out,
                "    {} {} → {} by {}{note}",
                r.reviewed_at, r.from, r.to, r.reviewer
            )?;
            for e in r.evidence {
                writeln!(out, "      evidence: {e}")?;
            }
        }
    }
    for c in corrections {
        let field = c
            .field
            .as_deref()
            .map(|f| format!(" {f}"))
            .unwrap_or_default();
        let reason = c
            .reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        writeln!(
            out,
            "  corrected: {} {} {} {}{field} by {}{reason}",
            c.corrected_at, c.action, c.target, c.target_id, c.corrector
        )?;
    }
    Ok(())
}
