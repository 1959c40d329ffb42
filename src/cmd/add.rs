//! `claimledger add`: a claim typed by hand.

use crate::claim::{Mode, SpeakerKind, SpeakerMention, Stance};
use crate::cli::AddArgs;
use crate::store::{Ledger, NewClaim, NewSource};
use anyhow::bail;

pub fn run(mut ledger: Ledger, args: AddArgs) -> anyhow::Result<()> {
    let text = args.text.trim();
    if text.is_empty() {
        bail!("--text is empty: give the claim's words");
    }
    let stance: Stance = args.stance.parse()?;
    let mode: Mode = match &args.mode {
        Some(m) => m.parse()?,
        None if args.speaker.is_empty() => Mode::None,
        None => Mode::Indirect,
    };
    let speakers = args
        .speaker
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|name| SpeakerMention {
            name: name.to_string(),
            role: None,
            kind: if name.contains(' ') {
                SpeakerKind::Person
            } else {
                SpeakerKind::Organisation
            },
            start: 0,
            end: 0,
        })
        .collect();
    let source = (args.source_url.is_some() || args.source.is_some()).then(|| NewSource {
        url: args.source_url.clone(),
        title: args.source.clone(),
        ..Default::default()
    });
    let lex = crate::extract::Lexicon::get(crate::extract::detect_language(text));
    let claim = NewClaim {
        id: None,
        text: text.to_string(),
        sentence: text.to_string(),
        speakers,
        cue: args.cue.clone(),
        mode,
        stance,
        checkworthiness: crate::extract::score::checkworthiness(text, 0, text.len(), mode, lex),
        source,
        created_at: None,
        span: None,
    };
    let ids = ledger.add_claims(&[claim])?;
    crate::say!("added claim {}", ids[0])?;
    super::wrote_to(&ledger);
    Ok(())
}
