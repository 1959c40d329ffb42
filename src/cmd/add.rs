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
            kind: speaker_kind(name),
            start: 0,
            end: 0,
        })
        .collect::<Vec<SpeakerMention>>();
    if let Some(url) = args.source_url.as_deref() {
        super::check_url("--source-url", url)?;
    }
    let lang = match super::input::parse_lang(args.language.as_deref())? {
        Some(lang) => lang,
        None => crate::extract::detect_language(text),
    };
    // The language is the source's (`list --language` filters by it): a claim typed without
    // one gets a source that names only its language.
    let source = Some(NewSource {
        url: args.source_url.clone(),
        title: args.source.clone(),
        language: Some(lang.code().to_string()),
        ..Default::default()
    });
    let lex = crate::extract::Lexicon::get(lang);
    let kinds: Vec<SpeakerKind> = speakers.iter().map(|s: &SpeakerMention| s.kind).collect();
    let model = super::train::ledger_model(&ledger)?;
    let claim = NewClaim {
        id: None,
        text: text.to_string(),
        sentence: text.to_string(),
        speakers,
        cue: args.cue.clone(),
        mode,
        stance,
        checkworthiness: crate::checkworthy::score(
            &crate::checkworthy::ClaimShape {
                text,
                mode,
                stance,
                cue: args.cue.as_deref(),
                speakers: &kinds,
                tokens: None,
            },
            lex,
            model.as_deref(),
        ),
        source,
        created_at: None,
        span: None,
    };
    let ids = ledger.add_claims(&[claim])?;
    crate::say!("added claim {}", ids[0])?;
    super::wrote_to(&ledger);
    Ok(())
}

/// Guesses the kind of a typed speaker: an organisation word of any lexicon ("Ministerium",
/// "Reuters") or an acronym ("CDU", "NATO") makes an organisation; any other name, also a
/// single word ("Merkel"), is a person. `speakers set` corrects a wrong guess.
pub fn speaker_kind(name: &str) -> SpeakerKind {
    use crate::extract::{Lang, Lexicon};
    for word in name.split_whitespace() {
        for lang in Lang::ALL {
            if let Some(kind) = Lexicon::get(lang).organisation_kind(word) {
                return kind;
            }
        }
    }
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym =
        letters.len() >= 2 && !name.contains(' ') && letters.iter().all(|c| c.is_uppercase());
    if acronym {
        SpeakerKind::Organisation
    } else {
        SpeakerKind::Person
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_speakers_get_a_kind() {
        assert_eq!(speaker_kind("Merkel"), SpeakerKind::Person);
        assert_eq!(speaker_kind("Jane Roe"), SpeakerKind::Person);
        assert_eq!(speaker_kind("CDU"), SpeakerKind::Organisation);
        assert_ne!(speaker_kind("Innenministerium"), SpeakerKind::Person);
    }
}
