//! `claimledger redact`: erase a private person's name or a phrase on request.

use crate::cli::RedactArgs;
use crate::store::{Corrector, Ledger};
use anyhow::bail;

pub fn run(mut ledger: Ledger, args: RedactArgs) -> anyhow::Result<()> {
    if args.reason.trim().is_empty() {
        bail!("--reason is empty: say why the redaction is made (it is kept in the history)");
    }
    let who = super::person(args.by.as_deref());
    let by = Corrector {
        who: &who,
        reason: Some(args.reason.trim()),
    };
    let done = match (&args.speaker, &args.text) {
        (Some(name), _) if !name.trim().is_empty() => ledger.redact_speaker(name, &by)?,
        (_, Some(text)) if text.trim().chars().count() >= 2 => ledger.redact_text(text, &by)?,
        (Some(_), _) => bail!("--speaker is empty: give the name of the speaker to redact"),
        _ => bail!("--text needs a phrase of at least two characters"),
    };
    crate::say!(
        "redacted: {} claims, {} sources, {} speakers changed (by {who})",
        done.claims,
        done.sources,
        done.speakers
    )?;
    if !done.compacted {
        eprintln!(
            "claimledger: the ledger is in use, so its file could not be compacted: the removed words may remain in its free space until 'claimledger redact' runs again while nothing else has the ledger open"
        );
    }
    super::wrote_to(&ledger);
    Ok(())
}
