//! The matching lexicons (`lexicon/{de,en,fr}.txt`): what the `same` judgement knows about the
//! words of a language, as data. Parsed once; an unknown section or switch is refused, so that a
//! misspelt section name cannot silently empty a word list.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// What a word does in a claim, as the sections of a lexicon say (a word may be in several).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u16);

impl Flags {
    pub const DETERMINER: Flags = Flags(1);
    pub const AUXILIARY: Flags = Flags(1 << 1);
    pub const PASSIVE: Flags = Flags(1 << 2);
    pub const IGNORE: Flags = Flags(1 << 3);
    pub const REPORTING: Flags = Flags(1 << 4);
    pub const PREPOSITION: Flags = Flags(1 << 5);
    pub const AGENT: Flags = Flags(1 << 6);
    pub const BREAK: Flags = Flags(1 << 7);
    pub const NEGATION: Flags = Flags(1 << 8);
    /// A comparison's "than": every word after it in its clause belongs to the compared side.
    pub const COMPARISON: Flags = Flags(1 << 9);

    pub fn has(self, f: Flags) -> bool {
        self.0 & f.0 != 0
    }

    /// Words that carry no claim of their own.
    pub fn function_word(self) -> bool {
        self.has(Flags::DETERMINER)
            || self.has(Flags::AUXILIARY)
            || self.has(Flags::IGNORE)
            || self.has(Flags::BREAK)
    }
}

/// Which group of words a differing word belongs to, named in the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Comparative,
    Scale,
    Unit,
    Period,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Comparative => "comparative",
            Kind::Scale => "scale",
            Kind::Unit => "unit",
            Kind::Period => "period",
        }
    }
}

/// One language's matching lexicon.
pub struct Lexicon {
    pub code: String,
    stemmer: Stemmer,
    detect: HashSet<String>,
    /// Nouns are capitalised (German): only a capitalised word can be the subject compared.
    pub capitalised_nouns: bool,
    /// Compounds may be written apart ("Dieselsteuer" / "Steuer auf Diesel").
    pub compounds: bool,
    flags: HashMap<String, Flags>,
    contractions: HashMap<String, Vec<String>>,
    pub polarity_prefixes: Vec<String>,
    /// Several words read as one (folded words → canonical), longest first.
    pub phrases: Vec<(Vec<String>, String)>,
    forms: HashMap<String, String>,
    /// Verbs with a separable particle later in the clause ("lehnte" … "ab"): (verb, particle) →
    /// canonical.
    separable: HashMap<(String, String), String>,
    separable_verbs: HashSet<String>,
    numbers: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    opposites: HashSet<(String, String)>,
    kinds: HashMap<String, Kind>,
    /// The function words of the full-text query and the character similarity.
    pub stopwords: Vec<String>,
}

/// Lower case with diacritics removed ("Größe" → "große").
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !unicode_normalization::char::is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// Why a lexicon file was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct LexiconError(pub String);

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn yes_no(v: &str, line: usize) -> Result<bool, LexiconError> {
    match v {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(LexiconError(format!(
            "line {line}: want yes or no, not {v:?}"
        ))),
    }
}

fn key_value(l: &str, line: usize) -> Result<(&str, &str), LexiconError> {
    l.split_once(':')
        .map(|(k, v)| (k.trim(), v.trim()))
        .ok_or_else(|| LexiconError(format!("line {line}: want 'key: value', not {l:?}")))
}

impl Lexicon {
    /// Parses a lexicon file. Refuses unknown sections and switches.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut code = String::new();
        let mut stemmer = None;
        let mut lex = Lexicon {
            code: String::new(),
            stemmer: Stemmer::create(Algorithm::English),
            detect: HashSet::default(),
            capitalised_nouns: false,
            compounds: false,
            flags: HashMap::default(),
            contractions: HashMap::default(),
            polarity_prefixes: Vec::new(),
            phrases: Vec::new(),
            forms: HashMap::default(),
            separable: HashMap::default(),
            separable_verbs: HashSet::default(),
            numbers: HashMap::default(),
            scales: HashMap::default(),
            opposites: HashSet::default(),
            kinds: HashMap::default(),
            stopwords: Vec::new(),
        };
        let mut raw_forms: Vec<(String, Vec<String>)> = Vec::new();
        let mut raw_opposites: Vec<(String, String)> = Vec::new();
        let mut raw_kinds: Vec<(String, Kind)> = Vec::new();
        let mut section = String::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let l = line.split('#').next().unwrap_or("").trim();
            if l.is_empty() {
                continue;
            }
            if let Some(name) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            let words = || l.split_whitespace().map(str::to_lowercase);
            let flag = match section.as_str() {
                "determiners" => Some(Flags::DETERMINER),
                "auxiliaries" => Some(Flags::AUXILIARY),
                "passive" => Some(Flags::PASSIVE),
                "ignore" => Some(Flags::IGNORE),
                "reporting" => Some(Flags::REPORTING),
                "prepositions" => Some(Flags::PREPOSITION),
                "agent" => Some(Flags::AGENT),
                "breaks" => Some(Flags::BREAK),
                "negations" => Some(Flags::NEGATION),
                "comparison" => Some(Flags::COMPARISON),
                _ => None,
            };
            if let Some(f) = flag {
                for w in words() {
                    lex.flags.entry(w).or_default().0 |= f.0;
                }
                continue;
            }
            let kind = match section.as_str() {
                "comparatives" => Some(Kind::Comparative),
                "scale_words" => Some(Kind::Scale),
                "units" => Some(Kind::Unit),
                "periods" => Some(Kind::Period),
                _ => None,
            };
            if let Some(k) = kind {
                raw_kinds.extend(words().map(|w| (w, k)));
                continue;
            }
            match section.as_str() {
                "language" => {
                    let (k, v) = key_value(l, n)?;
                    match k {
                        "code" => code = v.to_string(),
                        "stemmer" => {
                            stemmer = Some(match v {
                                "english" => Algorithm::English,
                                "german" => Algorithm::German,
                                "french" => Algorithm::French,
                                _ => {
                                    return Err(LexiconError(format!(
                                        "line {n}: unknown stemmer {v:?}"
                                    )));
                                }
                            })
                        }
                        "detect" => lex
                            .detect
                            .extend(v.split_whitespace().map(str::to_lowercase)),
                        _ => return Err(LexiconError(format!("line {n}: unknown key {k:?}"))),
                    }
                }
                "grammar" => {
                    let (k, v) = key_value(l, n)?;
                    match k {
                        "capitalised_nouns" => lex.capitalised_nouns = yes_no(v, n)?,
                        "compounds" => lex.compounds = yes_no(v, n)?,
                        _ => {
                            return Err(LexiconError(format!("line {n}: unknown switch {k:?}")));
                        }
                    }
                }
                "contractions" => {
                    let (k, v) = key_value(l, n)?;
                    lex.contractions.insert(
                        k.to_lowercase(),
                        v.split_whitespace().map(str::to_lowercase).collect(),
                    );
                }
                "polarity_prefixes" => lex.polarity_prefixes.extend(words().map(|w| fold(&w))),
                "phrases" => {
                    let (k, v) = key_value(l, n)?;
                    for p in v.split('|') {
                        let p: Vec<String> = p.split_whitespace().map(fold).collect();
                        if !p.is_empty() {
                            lex.phrases.push((p, k.to_lowercase()));
                        }
                    }
                }
                "forms" => {
                    let (k, v) = key_value(l, n)?;
                    raw_forms.push((
                        k.to_lowercase(),
                        v.split_whitespace().map(str::to_lowercase).collect(),
                    ));
                }
                "numbers" | "scales" => {
                    let (k, v) = key_value(l, n)?;
                    let value: f64 = k
                        .parse()
                        .map_err(|_| LexiconError(format!("line {n}: {k:?} is not a number")))?;
                    let map = if section == "numbers" {
                        &mut lex.numbers
                    } else {
                        &mut lex.scales
                    };
                    for w in v.split_whitespace() {
                        map.insert(fold(w), value);
                    }
                }
                "opposites" => {
                    let w: Vec<String> = words().collect();
                    if w.len() != 2 {
                        return Err(LexiconError(format!("line {n}: want two words: {l:?}")));
                    }
                    raw_opposites.push((w[0].clone(), w[1].clone()));
                }
                "stopwords" => lex.stopwords.extend(words()),
                _ => {
                    return Err(LexiconError(format!(
                        "line {n}: unknown section [{section}]"
                    )));
                }
            }
        }
        lex.code = code;
        lex.stemmer = Stemmer::create(
            stemmer.ok_or_else(|| LexiconError("no stemmer in [language]".into()))?,
        );
        // Folded spellings are looked up when the written one is not there ("a" and "à" stay
        // two words in French; "uber" still finds "über").
        let folded: Vec<(String, Flags)> = lex
            .flags
            .iter()
            .map(|(w, f)| (fold(w), *f))
            .filter(|(w, _)| !lex.flags.contains_key(w))
            .collect();
        for (w, f) in folded {
            lex.flags.entry(w).or_default().0 |= f.0;
        }
        for (canonical, forms) in raw_forms {
            let canonical_key = fold(&canonical);
            for f in forms.iter().chain(std::iter::once(&canonical)) {
                if let Some((verb, particle)) = f.split_once('+') {
                    lex.separable_verbs.insert(fold(verb));
                    lex.separable
                        .insert((fold(verb), fold(particle)), canonical_key.clone());
                } else {
                    lex.forms.insert(f.clone(), canonical_key.clone());
                    lex.forms.entry(fold(f)).or_insert(canonical_key.clone());
                }
            }
        }
        lex.phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        for (a, b) in raw_opposites {
            let (a, b) = (lex.canonical(&a), lex.canonical(&b));
            if a == b {
                return Err(LexiconError(format!(
                    "the opposites {a:?} and {b:?} are one word after forms and stemming"
                )));
            }
            lex.opposites.insert((a.clone(), b.clone()));
            lex.opposites.insert((b, a));
        }
        for (w, k) in raw_kinds {
            let c = lex.canonical(&w);
            lex.kinds.insert(c, k);
        }
        Ok(lex)
    }

    /// The flags of a word (lower case).
    pub fn flags(&self, lower: &str) -> Flags {
        self.flags
            .get(lower)
            .or_else(|| self.flags.get(&fold(lower)))
            .copied()
            .unwrap_or_default()
    }

    /// The canonical key of a word (lower case): its form's head when the lexicon lists it, else
    /// its stem, folded.
    pub fn canonical(&self, lower: &str) -> String {
        if let Some(c) = self.forms.get(lower) {
            return c.clone();
        }
        let folded = fold(lower);
        if let Some(c) = self.forms.get(&folded) {
            return c.clone();
        }
        let stem = fold(&self.stemmer.stem(lower));
        self.forms.get(&stem).cloned().unwrap_or(stem)
    }

    /// True when a verb (lower case) has a separable particle listed.
    pub fn takes_particle(&self, verb: &str) -> bool {
        !self.separable.is_empty() && self.separable_verbs.contains(&fold(verb))
    }

    /// The canonical key of a verb whose separable particle stands later in the clause.
    pub fn separable(&self, verb: &str, particle: &str) -> Option<&String> {
        self.separable.get(&(fold(verb), fold(particle)))
    }

    /// The words an elided or contracted form stands for ("didn't" → "did not", "l" → "le").
    pub fn contraction(&self, lower: &str) -> Option<&[String]> {
        self.contractions.get(lower).map(Vec::as_slice)
    }

    pub fn number(&self, lower: &str) -> Option<f64> {
        self.numbers.get(&fold(lower)).copied()
    }

    pub fn scale(&self, lower: &str) -> Option<f64> {
        self.scales.get(&fold(lower)).copied()
    }

    pub fn opposite(&self, a: &str, b: &str) -> bool {
        self.opposites.contains(&(a.to_string(), b.to_string()))
    }

    pub fn kind(&self, canonical: &str) -> Option<Kind> {
        self.kinds.get(canonical).copied()
    }

    /// How much a text's words look like this language: two for each telltale word, one for
    /// each other word of the closed classes the lexicon lists.
    fn detect_score<'a>(&self, words: impl Iterator<Item = &'a str>) -> usize {
        words
            .map(|w| {
                if self.detect.contains(w) {
                    2
                } else {
                    usize::from(self.flags.contains_key(w))
                }
            })
            .sum()
    }
}

static LEXICONS: LazyLock<Vec<Lexicon>> = LazyLock::new(|| {
    [
        include_str!("match_lexicon/en.txt"),
        include_str!("match_lexicon/de.txt"),
        include_str!("match_lexicon/fr.txt"),
    ]
    .iter()
    .map(|t| Lexicon::parse(t).expect("invariant: the embedded lexicons parse (a unit test)"))
    .collect()
});

/// The lexicons, English first (the default when a text shows no language).
pub fn all() -> &'static [Lexicon] {
    &LEXICONS
}

/// The lexicon of the language whose telltale words two texts hold most (English on a tie).
pub fn for_texts(a: &str, b: &str) -> &'static Lexicon {
    let words: Vec<String> = format!("{a} {b}")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut best = &LEXICONS[0];
    let mut best_score = 0;
    for lex in LEXICONS.iter() {
        let s = lex.detect_score(words.iter().map(String::as_str));
        if s > best_score {
            best = lex;
            best_score = s;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicons_parse() {
        let codes: Vec<&str> = all().iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "de", "fr"]);
    }

    #[test]
    fn unknown_sections_and_switches_are_refused() {
        let base = "[language]\ncode: xx\nstemmer: english\n";
        assert!(Lexicon::parse(base).is_ok());
        let e = Lexicon::parse(&format!("{base}[antonyms]\nup down\n")).err();
        assert!(e.unwrap().0.contains("unknown section [antonyms]"));
        let e = Lexicon::parse(&format!("{base}[grammar]\nverb_last: yes\n")).err();
        assert!(e.unwrap().0.contains("unknown switch"));
        let e = Lexicon::parse(&format!("{base}[grammar]\ncompounds: maybe\n")).err();
        assert!(e.unwrap().0.contains("yes or no"));
        assert!(Lexicon::parse("[language]\ncode: xx\n").is_err());
    }

    #[test]
    fn opposites_never_share_a_canonical_form() {
        let base = "[language]\ncode: xx\nstemmer: english\n[forms]\nrise: climb fall\n";
        let e = Lexicon::parse(&format!("{base}[opposites]\nclimb fall\n")).err();
        assert!(e.unwrap().0.contains("one word"));
    }

    #[test]
    fn languages_are_told_apart_by_their_telltale_words() {
        assert_eq!(for_texts("Die Mieten sind gestiegen", "").code, "de");
        assert_eq!(for_texts("Les loyers ont augmenté", "").code, "fr");
        assert_eq!(for_texts("Rents rose in the city", "").code, "en");
        assert_eq!(
            for_texts("Rom liefert mehr Öl nach Kairo als nach Tunis", "").code,
            "de"
        );
        assert_eq!(for_texts("", "").code, "en");
    }
}
