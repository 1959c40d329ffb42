//! `claimledger matches`, `merge`, `unmerge` and `split`: curating which mentions are one claim.

use super::output;
use crate::cli::{IdArgs, ListFormat, MergeArgs, SplitArgs};
use crate::store::Ledger;
use std::io::Write;

/// Who curates: `$CLAIMLEDGER_REVIEWER`, else the login name.
/// Who curates: $CLAIMLEDGER_REVIEWER, then the login name.
fn actor() -> String {
    super::person(None)
}

pub fn matches(ledger: &Ledger, args: IdArgs) -> anyhow::Result<()> {
    let list = ledger.suggestions(args.id)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({"id": args.id, "matches": list}),
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
