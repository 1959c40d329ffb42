//! `claimledger matches`, `merge`, `unmerge` and `split`: curating which mentions are one claim.

use super::output;
use crate::cli::{IdArgs, ListFormat, MatchesArgs, MergeArgs, SettingsArgs, SplitArgs};
use crate::store::{Ledger, PublishSettings};
use std::io::Write;

/// Who curates: `$CLAIMLEDGER_REVIEWER`, else the login name.
/// Who curates: $CLAIMLEDGER_REVIEWER, then the login name.
fn actor() -> String {
    super::person(None)
}

pub fn matches(ledger: &Ledger, args: MatchesArgs) -> anyhow::Result<()> {
    let id = args
        .id
        .ok_or_else(|| super::UsageError("give a claim id, or --audit".into()))?;
    let list = ledger.suggestions(id)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({"id": id, "matches": list}),
            )?;
            writeln!(out)?;
            Ok(())
        }
        ListFormat::Jsonl => output::print_json(&mut out, &list, true),
        ListFormat::Table | ListFormat::Csv => {
            let rows = list
                .iter()
                .map(|s| {
                    [
                        s.id.to_string(),
                        format!("{:.2}", s.score),
                        s.relation.clone(),
                        s.reason.clone().unwrap_or_default(),
                        s.state.clone(),
                        if args.format == ListFormat::Csv {
                            s.text.clone()
                        } else {
                            output::shorten(&s.text, 80)
                        },
                    ]
                })
                .collect();
            output::print_rows(
                &mut out,
                ["id", "score", "relation", "differs in", "state", "claim"],
                rows,
                args.format == ListFormat::Csv,
            )
        }
    }
}

/// `matches --audit`: the automatic merges of older builds the current rule would not make.
pub fn audit(ledger: &Ledger, format: ListFormat) -> anyhow::Result<()> {
    let list: Vec<_> = ledger
        .audit_merges()?
        .into_iter()
        .filter(|m| m.reason.is_some())
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "merges": list }))?;
            writeln!(out)?;
            Ok(())
        }
        ListFormat::Jsonl => output::print_json(&mut out, &list, true),
        ListFormat::Table | ListFormat::Csv => {
            let csv = format == ListFormat::Csv;
            let cut = |t: &str| {
                if csv {
                    t.to_string()
                } else {
                    output::shorten(t, 60)
                }
            };
            let rows = list
                .iter()
                .map(|m| {
                    [
                        m.claim.to_string(),
                        m.appearance.to_string(),
                        m.reason.clone().unwrap_or_default(),
                        cut(&m.claim_text),
                        cut(&m.appearance_text),
                    ]
                })
                .collect();
            output::print_rows(
                &mut out,
                [
                    "claim",
                    "appearance",
                    "differs",
                    "claim text",
                    "appearance text",
                ],
                rows,
                csv,
            )
        }
    }
}

/// `matches --audit --split`: splits back each automatic merge the current rule would not make.
pub fn split_audited(mut ledger: Ledger) -> anyhow::Result<()> {
    let split = ledger.split_audited(&actor())?;
    for (m, new) in &split {
        crate::say!(
            "appearance {} of claim {} is claim {new} again ({})",
            m.appearance,
            m.claim,
            m.reason.as_deref().unwrap_or_default()
        )?;
    }
    crate::say!(
        "split {} automatic merge(s) back; undo one with 'claimledger merge NEW_ID CLAIM_ID'",
        split.len()
    )?;
    super::wrote_to(&ledger);
    Ok(())
}

pub fn merge(mut ledger: Ledger, args: MergeArgs) -> anyhow::Result<()> {
    let moved = ledger.merge(args.id, args.into_id, args.force, &actor())?;
    crate::say!(
        "merged claim {} into claim {} ({moved} appearance(s) moved); undo with 'claimledger unmerge {}'",
        args.id,
        args.into_id,
        args.id
    )?;
    super::wrote_to(&ledger);
    Ok(())
}

/// `matches ID --not-same OTHER`: the suggestion between the two is dismissed.
pub fn not_same(mut ledger: Ledger, args: MatchesArgs) -> anyhow::Result<()> {
    let (Some(id), Some(other)) = (args.id, args.not_same) else {
        return Err(super::UsageError("give a claim id and --not-same OTHER".into()).into());
    };
    ledger.dismiss_suggestion(id, other, &actor())?;
    crate::say!(
        "claims {id} and {other} are not the same claim: the suggestion is dismissed (both trails say so); to join them after all: 'claimledger merge {other} {id}'"
    )?;
    super::wrote_to(&ledger);
    Ok(())
}

pub fn unmerge(mut ledger: Ledger, args: IdArgs) -> anyhow::Result<()> {
    let moved = ledger.unmerge(args.id, &actor())?;
    crate::say!(
        "claim {} is its own claim again ({moved} appearance(s) moved back)",
        args.id
    )?;
    super::wrote_to(&ledger);
    Ok(())
}

pub fn split(mut ledger: Ledger, args: SplitArgs) -> anyhow::Result<()> {
    let new = ledger.split(args.id, args.appearance, &actor())?;
    crate::say!(
        "appearance {} of claim {} is now claim {new}; undo with 'claimledger merge {new} {}'",
        args.appearance,
        args.id,
        args.id
    )?;
    super::wrote_to(&ledger);
    Ok(())
}

pub fn settings(mut ledger: Ledger, args: SettingsArgs) -> anyhow::Result<()> {
    for (flag, v) in [("--org-url", &args.org_url), ("--base-url", &args.base_url)] {
        if let Some(u) = v
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            anyhow::bail!("{flag} '{u}' is not a URL: give an http:// or https:// address");
        }
    }
    if args
        .org_name
        .as_deref()
        .is_some_and(|n| n.trim().is_empty())
    {
        anyhow::bail!("--org-name is empty: give the organisation's name");
    }
    let wanted = PublishSettings {
        org_name: args.org_name,
        org_url: args.org_url,
        base_url: args.base_url,
    };
    let changed = wanted != PublishSettings::default();
    if changed {
        ledger.set_publish_settings(&wanted)?;
    }
    let s = ledger.publish_settings()?;
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(not set)".into());
    crate::say!("org-name: {}", show(&s.org_name))?;
    crate::say!("org-url:  {}", show(&s.org_url))?;
    crate::say!("base-url: {}", show(&s.base_url))?;
    if changed {
        super::wrote_to(&ledger);
    }
    Ok(())
}
