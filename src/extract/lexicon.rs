//! Lexicons: the extractor's knowledge of a language, read from the data files in `lexicon/`.
//!
//! Everything language-specific lives in those files (reporting verbs with their stance, role
//! nouns, organisation words, function words), so adding a language is adding a file. The files
//! are compiled into the binary and parsed once per process.

use crate::claim::{SpeakerKind, Stance};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// A language the extractor has lexicons for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// Returns the ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses an ISO 639-1 code ("de", "en"), case-insensitively.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Some(Lang::De),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A reporting expression: its words (lower case; the first one is the trigger) and its stance.
#[derive(Debug, Clone)]
pub struct CueEntry {
    pub words: Vec<String>,
    pub stance: Stance,
}

/// The parsed lexicon of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Cue verbs by their first (finite) word.
    pub cues: HashMap<String, Vec<CueEntry>>,
    /// Prepositional cues before the speaker ("laut", "according to"), by first word.
    pub prep_before: HashMap<String, Vec<CueEntry>>,
    /// Postpositional cues after the speaker ("zufolge").
    pub prep_after: HashSet<String>,
    /// "so" in "…, so der Sprecher".
    pub so_cue: HashSet<String>,
    pub complementizers: HashSet<String>,
    /// Noun cues by their exact (cased) form.
    pub noun_cues: HashMap<String, Stance>,
    /// Role nouns; a word ending in one of them is a role.
    pub roles: Vec<String>,
    pub organisations: Vec<(String, SpeakerKind)>,
    pub np_function: HashSet<String>,
    pub stop: HashSet<String>,
    pub time: HashSet<String>,
    pub person_pronouns: HashSet<String>,
    pub group_pronouns: HashSet<String>,
    pub adverbial_openers: HashSet<String>,
    pub refusals: Vec<Vec<String>>,
    pub opinion: HashSet<String>,
    pub checkworthy: HashSet<String>,
    pub subjunctive: HashSet<String>,
    pub non_subject: HashSet<String>,
    pub source_nouns: Vec<String>,
    pub anaphoric: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub indicative: HashSet<String>,
}

impl Lexicon {
    /// Returns the lexicon of a language, parsed on first use.
    pub fn get(lang: Lang) -> &'static Lexicon {
        static DE: OnceLock<Lexicon> = OnceLock::new();
        static EN: OnceLock<Lexicon> = OnceLock::new();
        match lang {
            Lang::De => DE.get_or_init(|| Lexicon::parse(include_str!("lexicon/de.txt"))),
            Lang::En => EN.get_or_init(|| Lexicon::parse(include_str!("lexicon/en.txt"))),
        }
    }

    /// Parses the lexicon file format: `[section]` headers, `label: words…` or plain word lines.
    ///
    /// The files are part of the binary, so a malformed line is a programming error that the
    /// unit tests catch; it is skipped rather than panicking at run time.
    pub fn parse(source: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut section = String::new();
        for raw in source.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            let (label, words) = match line.split_once(':') {
                Some((l, w)) => (Some(l.trim()), w),
                None => (None, line),
            };
            for word in words.split_whitespace() {
                lex.add(&section, label, word);
            }
        }
        lex
    }

    fn add(&mut self, section: &str, label: Option<&str>, word: &str) {
        let lower = word.to_lowercase();
        let stance = label.and_then(|l| l.parse::<Stance>().ok());
        let entry = || CueEntry {
            words: lower.split('+').map(str::to_string).collect(),
            stance: stance.unwrap_or(Stance::Assert),
        };
        match section {
            "cues" => push_entry(&mut self.cues, entry()),
            "prep_before" => push_entry(&mut self.prep_before, entry()),
            "prep_after" => {
                self.prep_after.insert(lower);
            }
            "so_cue" => {
                self.so_cue.insert(lower);
            }
            "complementizers" => {
                self.complementizers.insert(lower);
            }
            "noun_cues" => {
                self.noun_cues
                    .insert(word.to_string(), stance.unwrap_or(Stance::Assert));
            }
            "roles" => self.roles.push(lower),
            "organisations" => {
                let kind = label
                    .and_then(|l| l.parse::<SpeakerKind>().ok())
                    .unwrap_or(SpeakerKind::Organisation);
                self.organisations.push((lower, kind));
            }
            "np_function" => {
                self.np_function.insert(lower);
            }
            "stop" => {
                self.stop.insert(lower);
            }
            "time" => {
                self.time.insert(lower);
            }
            "pronouns" => {
                if label == Some("person") {
                    self.person_pronouns.insert(lower);
                } else {
                    self.group_pronouns.insert(lower);
                }
            }
            "adverbial_openers" => {
                self.adverbial_openers.insert(lower);
            }
            "refusals" => self
                .refusals
                .push(lower.split('+').map(str::to_string).collect()),
            "opinion" => {
                self.opinion.insert(lower);
            }
            "checkworthy" => {
                self.checkworthy.insert(lower);
            }
            "subjunctive" => {
                self.subjunctive.insert(lower);
            }
            "source_nouns" => self.source_nouns.push(lower),
            "anaphoric" => {
                self.anaphoric.insert(lower);
            }
            "non_subject" => {
                self.non_subject.insert(lower);
            }
            "prepositions" => {
                self.prepositions.insert(lower);
            }
            "indicative" => {
                self.indicative.insert(lower);
            }
            _ => {}
        }
    }

    /// Returns true when a word (any case) is or ends in a role noun ("Kremlsprecher").
    pub fn is_role(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let last = lower.rsplit('-').next().unwrap_or(&lower);
        self.roles
            .iter()
            .any(|r| last == r || (r.len() >= 5 && last.ends_with(r.as_str())))
    }

    /// Returns true when a word (any case) ends in a source noun ("Zeitungsberichten").
    pub fn is_source_noun(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.source_nouns
            .iter()
            .any(|n| lower.ends_with(n.as_str()))
    }

    /// Returns the organisation kind a word (any case) points to, if any.
    pub fn organisation_kind(&self, word: &str) -> Option<SpeakerKind> {
        let lower = word.to_lowercase();
        let last = lower.rsplit('-').next().unwrap_or(&lower);
        self.organisations
            .iter()
            .find(|(o, _)| last == o || (o.len() >= 5 && last.ends_with(o.as_str())))
            .map(|(_, k)| *k)
    }
}

fn push_entry(map: &mut HashMap<String, Vec<CueEntry>>, entry: CueEntry) {
    let key = entry.words[0].clone();
    let list = map.entry(key).or_default();
    list.push(entry);
    // Longest expressions first, so "teilte+mit" is tried before a bare "teilte".
    list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lexicons_parse_with_cues_and_roles() {
        for lang in [Lang::De, Lang::En] {
            let lex = Lexicon::get(lang);
            assert!(lex.cues.len() > 40, "{lang:?} has {} cues", lex.cues.len());
            assert!(lex.roles.len() > 30);
            assert!(!lex.stop.is_empty());
        }
    }

    #[test]
    fn stances_and_separable_verbs() {
        let de = Lexicon::get(Lang::De);
        assert_eq!(de.cues["bestritten"][0].stance, Stance::Deny);
        assert_eq!(de.cues["teilte"][0].words, vec!["teilte", "mit"]);
        let en = Lexicon::get(Lang::En);
        assert_eq!(en.cues["vowed"][0].stance, Stance::Promise);
        assert_eq!(
            en.prep_before["according"][0].words,
            vec!["according", "to"]
        );
    }

    #[test]
    fn roles_match_compounds() {
        let de = Lexicon::get(Lang::De);
        assert!(de.is_role("Kremlsprecher"));
        assert!(de.is_role("US-Beamte"));
        assert!(!de.is_role("Moskau"));
        assert_eq!(
            de.organisation_kind("Außenministerium"),
            Some(SpeakerKind::Government)
        );
        assert_eq!(
            de.organisation_kind("Nachrichtenagentur"),
            Some(SpeakerKind::Media)
        );
    }
}
