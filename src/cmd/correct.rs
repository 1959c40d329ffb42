//! `claimledger edit`, `delete`, `speakers rename|merge|set` and `sources edit`: corrections,
//! each kept in the history of the claims it touches.

use super::{parse_date, person, wrote_to};
use crate::claim::{SpeakerKind, SpeakerMention};
use crate::cli::{CorrectionArgs, DeleteArgs, EditArgs, SourcesAction, SpeakersAction};
use crate::store::{ClaimEdit, Corrector, Ledger, NewSource};
use anyhow::bail;

/// Says what changed, or that nothing did.
fn report(what: &str, changed: &[&str]) -> anyhow::Result<()> {
    if changed.is_empty() {
        crate::say!("{what}: nothing to change")?;
    } else {
        crate::say!("{what}: changed {}", changed.join(", "))?;
    }
    Ok(())
}

pub fn edit(mut ledger: Ledger, args: EditArgs) -> anyhow::Result<()> {
    let text = args.text.as_deref().map(str::trim);
    if text.is_some_and(str::is_empty) {
        bail!("--text is empty: give the claim's corrected words");
    }
    if text.is_some() && args.appearance.is_some() {
        return Err(super::UsageError(
            "--text corrects the claim's own words, which no appearance has: drop --appearance"
                .into(),
        )
        .into());
    }
    let speakers = (!args.speaker.is_empty()).then(|| {
        args.speaker
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|name| SpeakerMention {
                name: name.to_string(),
                role: None,
                kind: super::add::speaker_kind(name),
                start: 0,
                end: 0,
            })
            .collect()
    });
    let edit = ClaimEdit {
        text: text.map(str::to_string),
        speakers,
        cue: args.cue.clone(),
        mode: args.mode.as_deref().map(str::parse).transpose()?,
        stance: args.stance.as_deref().map(str::parse).transpose()?,
        appearance: args.appearance,
    };
    let who = person(args.why.by.as_deref());
    let by = corrector(&who, &args.why);
    let changed = ledger.edit_claim(args.id, &edit, &by)?;
    report(&format!("claim {}", args.id), &changed)?;
    wrote_to(&ledger);
    Ok(())
}

pub fn delete(mut ledger: Ledger, args: DeleteArgs) -> anyhow::Result<()> {
    if args.reason.trim().is_empty() {
        bail!("--reason is empty: say why the claim goes");
    }
    let who = person(args.by.as_deref());
    let by = Corrector {
        who: &who,
        reason: Some(args.reason.trim()),
    };
    ledger.delete_claim(args.id, &by)?;
    crate::say!(
        "deleted claim {} (by {who}; 'claimledger history {}' keeps it)",
        args.id,
        args.id
    )?;
    wrote_to(&ledger);
    Ok(())
}

pub fn speakers(mut ledger: Ledger, action: SpeakersAction) -> anyhow::Result<()> {
    match action {
        SpeakersAction::Rename {
            speaker,
            new_name,
            why,
        } => {
            let new_name = new_name.trim();
            if new_name.is_empty() {
                bail!("the new name is empty: give the speaker's name");
            }
            let who = person(why.by.as_deref());
            ledger.rename_speaker(&speaker, new_name, &corrector(&who, &why))?;
            crate::say!("speaker '{speaker}' is now '{new_name}'")?;
        }
        SpeakersAction::Merge { from, into, why } => {
            let who = person(why.by.as_deref());
            ledger.merge_speakers(&from, &into, &corrector(&who, &why))?;
            crate::say!("speaker '{from}' merged into '{into}'")?;
        }
        SpeakersAction::Set {
            speaker,
            kind,
            role,
            why,
        } => {
            if kind.is_none() && role.is_none() {
                return Err(super::UsageError(
                    "speakers set needs --kind or --role: say what to set".into(),
                )
                .into());
            }
            let kind: Option<SpeakerKind> = kind.as_deref().map(str::parse).transpose()?;
            let who = person(why.by.as_deref());
            let changed =
                ledger.set_speaker(&speaker, kind, role.as_deref(), &corrector(&who, &why))?;
            report(&format!("speaker '{speaker}'"), &changed)?;
        }
    }
    wrote_to(&ledger);
    Ok(())
}

pub fn sources(mut ledger: Ledger, action: SourcesAction) -> anyhow::Result<()> {
    let SourcesAction::Edit {
        id,
        url,
        title,
        publisher,
        date,
        why,
    } = action;
    let published = match date.as_deref().map(str::trim) {
        Some("") => Some(String::new()),
        Some(d) => Some(parse_date("--date", d)?),
        None => None,
    };
    if let Some(u) = url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        super::check_url("--url", u)?;
    }
    let given = NewSource {
        url,
        title,
        publisher,
        published,
        language: None,
        authors: None,
    };
    let who = person(why.by.as_deref());
    let changed = ledger.edit_source(id, &given, &corrector(&who, &why))?;
    report(&format!("source {id}"), &changed)?;
    wrote_to(&ledger);
    Ok(())
}

fn corrector<'a>(who: &'a str, why: &'a CorrectionArgs) -> Corrector<'a> {
    Corrector {
        who,
        reason: why
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty()),
    }
}
