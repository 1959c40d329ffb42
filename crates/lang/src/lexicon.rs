//! Lexicons: the extractor's knowledge of a language, read from the data files in `lexicon/`.
//!
//! Everything language-specific lives in those files: reporting verbs with their stance, role
//! nouns, organisation words, the closed-class words the grammar rules look at (articles,
//! relative pronouns, auxiliaries, first person, hearsay verbs), suffixes, the words that
//! detect the language, and a `[grammar]` section of named switches for the differences in word
//! order. Adding a language is adding a file (and one row in [`Lang::ALL`]). The files are
//! compiled into the binary and parsed once per process; [`Lexicon::parse`] refuses unknown
//! sections and malformed lines, and a unit test parses every shipped file.

use crate::claim::{SpeakerKind, Stance};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// A language the extractor has a lexicon for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    De,
    En,
    Fr,
}

impl Lang {
    /// Every language with a lexicon file, in the order detection prefers them on a tie.
    pub const ALL: [Lang; 3] = [Lang::De, Lang::En, Lang::Fr];

    /// Returns the ISO 639-1 code, as written in the lexicon's `[language]` section.
    pub fn code(self) -> &'static str {
        Lexicon::get(self).code.as_str()
    }

    /// Parses a language code or name ("de", "deu", "german"), case-insensitively, from the
    /// names each lexicon lists.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_lowercase();
        Lang::ALL
            .into_iter()
            .find(|&l| Lexicon::get(l).names.contains(&code))
    }

    fn source(self) -> &'static str {
        match self {
            Lang::De => include_str!("lexicon/de.txt"),
            Lang::En => include_str!("lexicon/en.txt"),
            Lang::Fr => include_str!("lexicon/fr.txt"),
        }
    }
}

/// A reporting expression: its words (lower case; the first one is the trigger) and its stance.
#[derive(Debug, Clone)]
pub struct CueEntry {
    pub words: Vec<String>,
    pub stance: Stance,
}

/// The grammatical differences between languages, as named switches (`[grammar]` section).
#[derive(Debug, Default, Clone, Copy)]
pub struct Grammar {
    /// The finite verb stands second: after a fronted clause or adverbial the subject follows
    /// the verb ("…, sagte der Sprecher"; "Am Montag sagte X"), and "sagte X, …" opens the
    /// content right after the comma.
    pub verb_second: bool,
    /// Multi-word cues may stand apart within a clause ("teilte … mit").
    pub separable_particles: bool,
    /// Nouns are capitalised, so a lower-case word in a noun phrase is an adjective.
    pub capitalised_nouns: bool,
    /// The complementiser belongs to the message ("dass …" is kept, "that" is dropped).
    pub complementizer_in_message: bool,
    /// A content clause may follow the verb without a complementiser ("said the plan failed").
    pub bare_content_clause: bool,
    /// A number may open a speaker phrase ("47 percent said").
    pub numbers_open_noun_phrases: bool,
    /// A quotation interrupted by its frame goes on in the next sentence ("'A,' he said. 'B.'").
    pub interrupted_quotes: bool,
    /// Articles mark case, so some cannot open a subject ("den", "dem"; see `[non_subject]`).
    pub case_marked_articles: bool,
    /// A comparative clause with the verb at its end names a source ("…, wie die Polizei
    /// mitteilte"); where the comparative word also means "while" or "because" (English
    /// "as") it does not.
    pub source_comparatives: bool,
    /// A relative clause after the speaker's name belongs to the speaker phrase ("Derek Lane,
    /// who served as ambassador, said"); where it does not, the phrase is the name and its
    /// appositions ("Hubert Primus, der … verantwortlich ist, sagte" → "Hubert Primus").
    pub relative_clause_in_speaker: bool,
    /// A speaker phrase with an apposition keeps the comma that closes it ("Ann Lee, a
    /// nurse, said" → "Ann Lee, a nurse,"): the comma brackets the apposition, as in the
    /// English gold, while German marks only the phrase itself.
    pub apposition_comma_in_speaker: bool,
    /// A long description after a speaker's name belongs to the speaker phrase, relative
    /// clauses and all ("said Ann Lee, an economist who ran the budget office."), as the
    /// English gold marks it; where it does not, only a short apposition does.
    pub long_appositions_in_speaker: bool,
    /// The title reports statements: a source before a colon ("Ann Lee: Ferries Stop in
    /// Winter") or a reporting verb ("Ann Lee says …") makes it a claim, as in the English
    /// gold; a title that reports no one stays out.
    pub headline_sources: bool,
    /// A relative pronoun right before a reporting verb is its speaker ("a nurse who said
    /// …"): the mention is the pronoun, the name that of the phrase it refers to.
    pub relative_pronoun_speaker: bool,
}

/// The parsed lexicon of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Word classes the check-worthiness model counts (`[score_features]`: `class: words`);
    /// the class names are feature names, so a new class needs no code.
    pub score_classes: HashMap<String, String>,
    /// ISO 639-1 code.
    pub code: String,
    /// Codes and names that select this language on the command line.
    pub names: HashSet<String>,
    /// The ISO 639-3 code whatlang uses for this language.
    pub whatlang: String,
    /// Frequent function words that identify the language in a sample.
    pub detect: HashSet<String>,
    pub grammar: Grammar,
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
    /// Pronouns that are only ever nominative ("er", "wir"): right after a verb-second verb
    /// they are its subject ("Den Anwohnern schlug er vor").
    pub nominative_pronouns: HashSet<String>,
    /// Forms of the passive auxiliary next to a participle cue ("erwartet wird"): the
    /// sentence's subject is then what is reported, not who reports it.
    pub passive_werden: HashSet<String>,
    pub adverbial_openers: HashSet<String>,
    pub refusals: Vec<Vec<String>>,
    /// Openings of lines that point to other content ("hören+sie", "read+more").
    pub trailers: Vec<Vec<String>>,
    pub opinion: HashSet<String>,
    pub checkworthy: HashSet<String>,
    pub subjunctive: HashSet<String>,
    pub non_subject: HashSet<String>,
    pub source_nouns: Vec<String>,
    pub anaphoric: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub indicative: HashSet<String>,
    /// Relative pronouns: a speaker slot filled by one points back to the noun before it.
    pub relative: HashSet<String>,
    /// Relative pronouns of people ("who"): their clause describes the speaker.
    pub person_relative: HashSet<String>,
    /// Function words that may end a speaker phrase (the possessive "'s").
    pub phrase_final: HashSet<String>,
    /// Articles and possessives that open a new noun phrase right after a noun.
    pub articles: HashSet<String>,
    /// Lower-case words that may open a speaker phrase in a language without capitalised nouns.
    pub np_openers: HashSet<String>,
    pub adjective_endings: Vec<String>,
    /// Endings of lower-case words that may stand right before a name ("longtime", "federal").
    pub name_modifier_endings: Vec<String>,
    /// Endings of verbs, adverbs and participles that never stand in a speaker phrase.
    pub verb_endings: Vec<String>,
    pub superlative_endings: Vec<String>,
    /// Endings that look superlative but are verbs ("mussten").
    pub not_superlative_endings: Vec<String>,
    pub negation_suffixes: Vec<String>,
    /// Function words that never end or open a speaker phrase ("und", "von", "of").
    pub dangling: HashSet<String>,
    /// Words that may stand between a verb and its content: a hearer or a setting.
    pub adverbial_gap: HashSet<String>,
    /// Verbs whose object is the hearer, skipped before the content ("told reporters").
    pub recipient_verbs: HashSet<String>,
    /// Hearers in lower case ("reporters", "him").
    pub recipient_words: HashSet<String>,
    /// Prepositions whose phrase is the hearer, never the source ("gegenüber der Zeitung").
    pub recipient_prepositions: HashSet<String>,
    pub coordinators: HashSet<String>,
    /// Conjunctions that join the article's own clause to a frame ("während", "while").
    pub joiners: HashSet<String>,
    /// Conjunctions that open a subordinate clause whose verb stands last ("obwohl", "weil"):
    /// its subject follows the conjunction.
    pub subordinators: HashSet<String>,
    /// Words that, after a comma, open the reporter's own addition to an indirect content
    /// ("…, although …"): the content ends before them.
    pub content_breaks: HashSet<String>,
    /// "wie"/"as": a comparison that is not skipped left of a cue.
    pub comparatives: HashSet<String>,
    /// Finite auxiliaries of a perfect tense: ", hatte X … gesagt", ", a déclaré X".
    pub auxiliaries: HashSet<String>,
    /// Auxiliaries of the passive ("been", "worden"): a passive reporting verb has no speaker.
    pub passive_aux: HashSet<String>,
    /// Impersonal subjects ("es", "it").
    pub impersonal: HashSet<String>,
    /// Verbs that with an impersonal subject report hearsay ("heißt es").
    pub hearsay: HashSet<String>,
    /// Demonstratives that stand for the previous sentence ("Dies bestätigte …").
    pub demonstratives: HashSet<String>,
    pub first_person: HashSet<String>,
    pub future: HashSet<String>,
    /// Contracted first-person futures ("we'll").
    pub contracted_future: HashSet<String>,
    /// Stems of verbs whose first-person use gives a quotation a stance ("forder" → demand).
    pub stance_stems: Vec<(String, Stance)>,
    /// Words and word sequences of a claim's content that give it a stance when its cue is a
    /// neutral one ("müsse" → demand, "sonst" → warn, "dürfte" → predict, "ich+glaube" →
    /// believe), with the first word of the sequence as key.
    pub content_stance: HashMap<String, Vec<CueEntry>>,
    /// Negations: with a word of `[volition]` after them the content denies an intent ("nicht
    /// … wollen", "not seeking to").
    pub negation: HashSet<String>,
    pub volition: HashSet<String>,
    /// Auxiliaries of a commitment: after a personal pronoun that opens reported content they
    /// make it a promise ("er werde …", "she would …").
    pub commitment: HashSet<String>,
    /// Auxiliaries of a past act: negated after a personal pronoun that opens reported content
    /// they deny it ("er habe nie …", "she had not …", "he did not …").
    pub past_aux: HashSet<String>,
    /// Interrogative words: content that opens with one after a verb of asking is a question
    /// ("asked how much …").
    pub interrogatives: HashSet<String>,
    /// An article that is also dative/genitive feminine ("der").
    pub case_article: HashSet<String>,
    pub feminine_endings: Vec<String>,
    /// Adjective endings after that article that mark dative or genitive ("der neuen").
    pub oblique_adjective_endings: Vec<String>,
    pub possessives: HashSet<String>,
    /// Modal verbs of reported speech ("soll … haben").
    pub reportative: HashSet<String>,
    pub perfect_aux: HashSet<String>,
    pub indefinite: HashSet<String>,
    pub determiners: HashSet<String>,
    pub honorifics: HashSet<String>,
    /// Focus words and conjunctions that may open a sentence before its subject ("Even
    /// China, …, said", "Auch die Polizei …").
    pub focus_words: HashSet<String>,
    pub plural_endings: Vec<String>,
    pub singular_endings: Vec<String>,
    /// Postpositions after a source noun ("seiner Meinung nach").
    pub source_postpositions: HashSet<String>,
    /// Markers of an infinitive content clause ("zu").
    pub infinitive_markers: HashSet<String>,
    /// Words between a prepositional cue and its source ("nach Angaben von …").
    pub prep_object_markers: HashSet<String>,
    /// Endings of participles that continue the subject's act (", saying …").
    pub participle_endings: Vec<String>,
    /// Endings that mark a lower-case word as a Konjunktiv I form ("funktioniere").
    pub subjunctive_endings: Vec<String>,
    /// Nouns of frames that are never speakers themselves ("Interview", "Darstellung").
    pub frame_nouns: Vec<String>,
    /// Nouns of a setting that may follow a speaker's name without being part of it ("sagte
    /// Müller in einer Erklärung", "am Rande des Gipfels"); unlike frame nouns they may head a
    /// source elsewhere ("laut ihrer Presseerklärung", "das staatliche Fernsehen").
    pub setting_nouns: Vec<String>,
    /// Words that are never the head of a speaker phrase (adverbs, quantifiers).
    pub never_speaker: HashSet<String>,
    /// Cue forms that are also plural nouns ("states", "rules"): a verb only right after the
    /// head of a subject (a name, a pronoun, a role, organisation or source noun).
    pub noun_homographs: HashSet<String>,
    /// A cue form and a particle or preposition that make another verb ("pointed+at",
    /// "sagte+ab"): next to the cue, or with `separable_particles` at the end of its clause.
    pub other_verbs: HashSet<String>,
    /// Nouns that are the object of a speech verb ("Kritik äußerte …"): a phrase they open
    /// before a verb-second verb is a fronted object, not the speaker.
    pub speech_objects: HashSet<String>,
    /// A participle and the word after it ("suspected+of") that make it an adjective of the
    /// noun before ("men suspected of theft"): no reporting verb.
    pub participle_objects: HashSet<String>,
    /// Complementisers of an open question ("ob", "whether"): the stance is a question.
    pub question_complementizers: HashSet<String>,
    /// Words after which "who" opens an indirect question, not a relative clause ("unclear who
    /// said", "asked who told"): the pronoun then stands for no one.
    pub question_governors: HashSet<String>,
    /// Labels of editors' notes at the start of a line ("CLARIFICATION:").
    pub editor_notes: HashSet<String>,
    /// Labels of photo captions and credits ("Foto:", "photo").
    pub caption_labels: HashSet<String>,
    /// Markers of a past participle ("ge" in "eingesetzte"): such a word in "-te" before a
    /// noun is an adjective, not a past-tense verb.
    pub participle_markers: Vec<String>,
    /// Pronouns of one gender, and role endings that show a gender ("Sprecherin",
    /// "spokeswoman"): a pronoun names the latest person of its gender.
    pub feminine_pronouns: HashSet<String>,
    pub masculine_pronouns: HashSet<String>,
    pub feminine_role_endings: Vec<String>,
    pub masculine_role_endings: Vec<String>,
    /// Lower-case particles inside names ("Bill de Blasio", "Ursula von der Leyen").
    pub name_particles: HashSet<String>,
    /// Prepositions that, before an article or a possessive, open the setting of speech
    /// after a speaker phrase rather than more of it ("sagte die Ministerin in ihrer Rede").
    pub setting_prepositions: HashSet<String>,
    /// Words that introduce a name after a noun ("a group called X").
    pub naming_words: HashSet<String>,
    /// Elided articles and pronouns joined by an apostrophe ("l'", "d'").
    pub elisions: HashSet<String>,
    /// Reflexive possessives: "nach eigener Darstellung" speaks of the subject.
    pub reflexive: HashSet<String>,
    /// Reflexive pronouns of a reflexive verb ("äußerte sich"): they stand between the verb and
    /// a subject after it.
    pub reflexive_pronouns: HashSet<String>,
    /// Endings of adverbs that may stand between a subject and its verb ("flatly").
    pub adverb_endings: Vec<String>,
    /// The long lists matched by their endings, indexed once after parsing.
    index: Index,
}

/// Sets of the lists that words are matched against by their endings (roles, organisation
/// words, source nouns): a word has as many endings as characters, a list has a hundred
/// entries, and the extractor asks about nearly every capitalised word.
#[derive(Debug, Default)]
struct Index {
    /// Every role noun (a word equal to one is a role).
    roles: HashSet<String>,
    /// Role nouns of 4 bytes or more (a word ending in one is a role).
    role_endings: Endings,
    /// Organisation words with their place in the list (the first match wins) and kind.
    organisations: HashMap<String, (usize, SpeakerKind)>,
    /// The longest organisation word, in bytes.
    organisation_len: usize,
    source_nouns: Endings,
}

/// A list of endings as a set: `matches` looks up each ending of the word instead of testing
/// each entry of the list with `ends_with` (the same answer, as an ending of a word starts at
/// one of its character boundaries).
#[derive(Debug, Default)]
struct Endings {
    set: HashSet<String>,
    /// The longest entry, in bytes: shorter endings of the word are the only ones to look up.
    max_len: usize,
}

impl Endings {
    fn new<'a>(entries: impl IntoIterator<Item = &'a String>) -> Endings {
        let set: HashSet<String> = entries.into_iter().cloned().collect();
        let max_len = set.iter().map(String::len).max().unwrap_or(0);
        Endings { set, max_len }
    }

    /// True when `w` ends in one of the entries.
    fn matches(&self, w: &str) -> bool {
        w.char_indices()
            .any(|(k, _)| w.len() - k <= self.max_len && self.set.contains(&w[k..]))
    }
}

/// The lower case of a word, borrowed when it has no capital (most words; `to_lowercase`
/// always allocates).
fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// What a section holds, so that the parser can check its lines.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Plain words, no label.
    Words,
    /// Words with a label that must parse (a stance, a kind, …).
    Labelled,
    /// `name: value` lines.
    Settings,
}

/// The sections of plain words and endings (see `add_closed_class`).
const WORD_SECTIONS: &[&str] = &[
    "so_cue",
    "complementizers",
    "roles",
    "np_function",
    "stop",
    "time",
    "adverbial_openers",
    "refusals",
    "opinion",
    "checkworthy",
    "subjunctive",
    "non_subject",
    "source_nouns",
    "anaphoric",
    "prepositions",
    "indicative",
    "relative",
    "person_relative",
    "phrase_final",
    "articles",
    "np_openers",
    "adjective_endings",
    "name_modifier_endings",
    "verb_endings",
    "superlative_endings",
    "not_superlative_endings",
    "negation_suffixes",
    "dangling",
    "adverbial_gap",
    "recipient_verbs",
    "recipient_words",
    "recipient_prepositions",
    "coordinators",
    "joiners",
    "subordinators",
    "content_breaks",
    "comparatives",
    "auxiliaries",
    "passive_aux",
    "impersonal",
    "hearsay",
    "demonstratives",
    "first_person",
    "future",
    "contracted_future",
    "case_article",
    "feminine_endings",
    "oblique_adjective_endings",
    "possessives",
    "reportative",
    "perfect_aux",
    "indefinite",
    "determiners",
    "honorifics",
    "focus_words",
    "plural_endings",
    "singular_endings",
    "source_postpositions",
    "prep_object_markers",
    "infinitive_markers",
    "participle_endings",
    "subjunctive_endings",
    "frame_nouns",
    "nominative_pronouns",
    "passive_werden",
    "setting_nouns",
    "never_speaker",
    "noun_homographs",
    "other_verbs",
    "speech_objects",
    "participle_objects",
    "adverb_endings",
    "reflexive",
    "reflexive_pronouns",
    "question_complementizers",
    "question_governors",
    "editor_notes",
    "caption_labels",
    "elisions",
    "naming_words",
    "name_particles",
    "setting_prepositions",
    "participle_markers",
    "negation",
    "volition",
    "commitment",
    "past_aux",
    "interrogatives",
    "trailers",
    "feminine_pronouns",
    "masculine_pronouns",
    "feminine_role_endings",
    "masculine_role_endings",
];

fn shape(section: &str) -> Option<Shape> {
    match section {
        "language" | "grammar" => Some(Shape::Settings),
        "cues" | "prep_before" | "prep_after" | "noun_cues" | "organisations" | "pronouns"
        | "stance_stems" | "score_features" | "content_stance" => Some(Shape::Labelled),
        _ if WORD_SECTIONS.contains(&section) => Some(Shape::Words),
        _ => None,
    }
}

impl Lexicon {
    /// Returns the lexicon of a language, parsed on first use.
    pub fn get(lang: Lang) -> &'static Lexicon {
        static CELLS: [OnceLock<Lexicon>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
        CELLS[i].get_or_init(|| {
            // Invariant: the shipped files parse; `every_lexicon_parses` checks each one.
            Lexicon::parse(lang.source()).unwrap_or_else(|e| panic!("lexicon {lang:?}: {e}"))
        })
    }

    /// Parses the lexicon file format: `[section]` headers, then `label: words…` or plain word
    /// lines; `#` starts a comment. Returns the first problem with its line number.
    pub fn parse(source: &str) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        let mut section: Option<(&str, Shape)> = None;
        for (number, raw) in source.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let at = |msg: String| format!("line {}: {msg}", number + 1);
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let shape = shape(name).ok_or_else(|| at(format!("unknown section [{name}]")))?;
                section = Some((name, shape));
                continue;
            }
            let (name, shape) = section.ok_or_else(|| at("a line before any [section]".into()))?;
            let (label, words) = match line.split_once(':') {
                Some((l, w)) if !l.trim().contains(' ') => (Some(l.trim()), w),
                _ => (None, line),
            };
            match (shape, label) {
                (Shape::Settings, Some(key)) => lex.setting(name, key, words.trim()).map_err(at)?,
                (Shape::Settings, None) => return Err(at(format!("[{name}] wants `key: value`"))),
                (Shape::Words, Some(l)) => {
                    return Err(at(format!("[{name}] takes plain words, not `{l}:`")));
                }
                _ => {
                    for word in words.split_whitespace() {
                        lex.add(name, label, word).map_err(at)?;
                    }
                }
            }
        }
        if lex.code.is_empty() {
            return Err("the [language] section needs `code: xx`".into());
        }
        lex.names.insert(lex.code.clone());
        lex.index = Index::new(&lex);
        Ok(lex)
    }

    fn setting(&mut self, section: &str, key: &str, value: &str) -> Result<(), String> {
        let words = || value.split_whitespace().map(str::to_lowercase);
        if section == "language" {
            match key {
                "code" => self.code = value.to_lowercase(),
                "names" => self.names.extend(words()),
                "whatlang" => self.whatlang = value.to_lowercase(),
                "detect" => self.detect.extend(words()),
                _ => return Err(format!("unknown [language] key `{key}`")),
            }
            return Ok(());
        }
        let on = match value {
            "yes" => true,
            "no" => false,
            _ => return Err(format!("switch `{key}` wants yes or no, not `{value}`")),
        };
        let g = &mut self.grammar;
        let slot = match key {
            "verb_second" => &mut g.verb_second,
            "separable_particles" => &mut g.separable_particles,
            "capitalised_nouns" => &mut g.capitalised_nouns,
            "complementizer_in_message" => &mut g.complementizer_in_message,
            "bare_content_clause" => &mut g.bare_content_clause,
            "numbers_open_noun_phrases" => &mut g.numbers_open_noun_phrases,
            "interrupted_quotes" => &mut g.interrupted_quotes,
            "source_comparatives" => &mut g.source_comparatives,
            "case_marked_articles" => &mut g.case_marked_articles,
            "relative_clause_in_speaker" => &mut g.relative_clause_in_speaker,
            "apposition_comma_in_speaker" => &mut g.apposition_comma_in_speaker,
            "long_appositions_in_speaker" => &mut g.long_appositions_in_speaker,
            "headline_sources" => &mut g.headline_sources,
            "relative_pronoun_speaker" => &mut g.relative_pronoun_speaker,
            _ => return Err(format!("unknown grammar switch `{key}`")),
        };
        *slot = on;
        Ok(())
    }

    fn add(&mut self, section: &str, label: Option<&str>, word: &str) -> Result<(), String> {
        let lower = word.to_lowercase();
        let stance = match label {
            Some(l)
                if matches!(
                    section,
                    "cues" | "prep_before" | "noun_cues" | "stance_stems" | "content_stance"
                ) =>
            {
                Some(
                    l.parse::<Stance>()
                        .map_err(|_| format!("unknown stance `{l}`"))?,
                )
            }
            _ => None,
        };
        let entry = || CueEntry {
            words: lower.split('+').map(str::to_string).collect(),
            stance: stance.unwrap_or(Stance::Assert),
        };
        let set = |s: &mut HashSet<String>| {
            s.insert(lower.clone());
        };
        let list = |v: &mut Vec<String>| v.push(lower.clone());
        match section {
            "cues" => push_entry(&mut self.cues, entry()),
            "prep_before" => push_entry(&mut self.prep_before, entry()),
            "content_stance" => push_entry(&mut self.content_stance, entry()),
            "prep_after" => set(&mut self.prep_after),
            "so_cue" => set(&mut self.so_cue),
            "complementizers" => set(&mut self.complementizers),
            "noun_cues" => {
                self.noun_cues
                    .insert(word.to_string(), stance.unwrap_or(Stance::Assert));
            }
            "stance_stems" => self
                .stance_stems
                .push((lower.clone(), stance.unwrap_or(Stance::Assert))),
            "roles" => list(&mut self.roles),
            "organisations" => {
                let kind = match label {
                    Some(l) => l
                        .parse::<SpeakerKind>()
                        .map_err(|_| format!("unknown speaker kind `{l}`"))?,
                    None => SpeakerKind::Organisation,
                };
                self.organisations.push((lower.clone(), kind));
            }
            "pronouns" => match label {
                Some("person") => set(&mut self.person_pronouns),
                Some("group") => set(&mut self.group_pronouns),
                _ => return Err("[pronouns] lines start with `person:` or `group:`".into()),
            },
            "refusals" => self
                .refusals
                .push(lower.split('+').map(str::to_string).collect()),
            "trailers" => self
                .trailers
                .push(lower.split('+').map(str::to_string).collect()),
            "source_nouns" => list(&mut self.source_nouns),
            "score_features" => {
                let class = label.ok_or("[score_features] lines start with `class:`")?;
                self.score_classes
                    .insert(lower.clone(), class.to_lowercase());
            }
            _ => self.add_closed_class(section, lower)?,
        }
        Ok(())
    }

    /// The closed-class sections: plain sets of words and lists of endings.
    fn add_closed_class(&mut self, section: &str, lower: String) -> Result<(), String> {
        let set: &mut HashSet<String> = match section {
            "np_function" => &mut self.np_function,
            "stop" => &mut self.stop,
            "time" => &mut self.time,
            "nominative_pronouns" => &mut self.nominative_pronouns,
            "passive_werden" => &mut self.passive_werden,
            "adverbial_openers" => &mut self.adverbial_openers,
            "opinion" => &mut self.opinion,
            "checkworthy" => &mut self.checkworthy,
            "subjunctive" => &mut self.subjunctive,
            "non_subject" => &mut self.non_subject,
            "anaphoric" => &mut self.anaphoric,
            "prepositions" => &mut self.prepositions,
            "indicative" => &mut self.indicative,
            "relative" => &mut self.relative,
            "person_relative" => &mut self.person_relative,
            "phrase_final" => &mut self.phrase_final,
            "articles" => &mut self.articles,
            "np_openers" => &mut self.np_openers,
            "dangling" => &mut self.dangling,
            "adverbial_gap" => &mut self.adverbial_gap,
            "recipient_verbs" => &mut self.recipient_verbs,
            "recipient_words" => &mut self.recipient_words,
            "recipient_prepositions" => &mut self.recipient_prepositions,
            "coordinators" => &mut self.coordinators,
            "joiners" => &mut self.joiners,
            "subordinators" => &mut self.subordinators,
            "content_breaks" => &mut self.content_breaks,
            "comparatives" => &mut self.comparatives,
            "passive_aux" => &mut self.passive_aux,
            "auxiliaries" => &mut self.auxiliaries,
            "impersonal" => &mut self.impersonal,
            "hearsay" => &mut self.hearsay,
            "demonstratives" => &mut self.demonstratives,
            "first_person" => &mut self.first_person,
            "future" => &mut self.future,
            "contracted_future" => &mut self.contracted_future,
            "case_article" => &mut self.case_article,
            "possessives" => &mut self.possessives,
            "reportative" => &mut self.reportative,
            "perfect_aux" => &mut self.perfect_aux,
            "indefinite" => &mut self.indefinite,
            "determiners" => &mut self.determiners,
            "honorifics" => &mut self.honorifics,
            "focus_words" => &mut self.focus_words,
            "source_postpositions" => &mut self.source_postpositions,
            "prep_object_markers" => &mut self.prep_object_markers,
            "infinitive_markers" => &mut self.infinitive_markers,
            "never_speaker" => &mut self.never_speaker,
            "noun_homographs" => &mut self.noun_homographs,
            "other_verbs" => &mut self.other_verbs,
            "speech_objects" => &mut self.speech_objects,
            "participle_objects" => &mut self.participle_objects,
            "reflexive" => &mut self.reflexive,
            "reflexive_pronouns" => &mut self.reflexive_pronouns,
            "question_complementizers" => &mut self.question_complementizers,
            "question_governors" => &mut self.question_governors,
            "editor_notes" => &mut self.editor_notes,
            "elisions" => &mut self.elisions,
            "naming_words" => &mut self.naming_words,
            "name_particles" => &mut self.name_particles,
            "setting_prepositions" => &mut self.setting_prepositions,
            "feminine_pronouns" => &mut self.feminine_pronouns,
            "masculine_pronouns" => &mut self.masculine_pronouns,
            "caption_labels" => &mut self.caption_labels,
            "negation" => &mut self.negation,
            "volition" => &mut self.volition,
            "commitment" => &mut self.commitment,
            "past_aux" => &mut self.past_aux,
            "interrogatives" => &mut self.interrogatives,
            _ => return self.add_ending(section, lower),
        };
        set.insert(lower);
        Ok(())
    }

    /// Adds a word to a section of endings or suffixes (a list, matched by `ends_with`).
    fn add_ending(&mut self, section: &str, lower: String) -> Result<(), String> {
        let list = match section {
            "adjective_endings" => &mut self.adjective_endings,
            "name_modifier_endings" => &mut self.name_modifier_endings,
            "verb_endings" => &mut self.verb_endings,
            "superlative_endings" => &mut self.superlative_endings,
            "not_superlative_endings" => &mut self.not_superlative_endings,
            "negation_suffixes" => &mut self.negation_suffixes,
            "feminine_endings" => &mut self.feminine_endings,
            "oblique_adjective_endings" => &mut self.oblique_adjective_endings,
            "plural_endings" => &mut self.plural_endings,
            "singular_endings" => &mut self.singular_endings,
            "participle_endings" => &mut self.participle_endings,
            "subjunctive_endings" => &mut self.subjunctive_endings,
            "adverb_endings" => &mut self.adverb_endings,
            "frame_nouns" => &mut self.frame_nouns,
            "setting_nouns" => &mut self.setting_nouns,
            "participle_markers" => &mut self.participle_markers,
            "feminine_role_endings" => &mut self.feminine_role_endings,
            "masculine_role_endings" => &mut self.masculine_role_endings,
            _ => return Err(format!("section [{section}] is not read by the extractor")),
        };
        list.push(lower);
        Ok(())
    }

    /// Returns true for a lower-case pronoun that can stand for a subject: a person's, a
    /// group's, or the impersonal "es"/"it".
    pub fn is_pronoun(&self, lower: &str) -> bool {
        self.person_pronouns.contains(lower)
            || self.group_pronouns.contains(lower)
            || self.impersonal.contains(lower)
    }

    /// Returns true when a lower-case word is one this lexicon knows as such: a reporting verb,
    /// a role noun or a word of a closed class. Detecting the language of a few words counts
    /// them.
    pub fn knows(&self, lower: &str) -> bool {
        self.detect.contains(lower)
            || self.cues.contains_key(lower)
            || self.prep_before.contains_key(lower)
            || self.index.roles.contains(lower)
            || self.stop.contains(lower)
            || self.articles.contains(lower)
            || self.prepositions.contains(lower)
            || self.complementizers.contains(lower)
            || self.coordinators.contains(lower)
            || self.time.contains(lower)
            || self.future.contains(lower)
            || self.is_pronoun(lower)
    }

    /// Returns true when a word (any case) is or ends in a role noun ("Kremlsprecher").
    pub fn is_role(&self, word: &str) -> bool {
        let lower = lower(word);
        let last = lower.rsplit('-').next().unwrap_or(&lower);
        let known = |w: &str| self.index.roles.contains(w) || self.index.role_endings.matches(w);
        // "attorneys": the plural of a role is a role.
        known(last)
            || self.plural_endings.iter().any(|e| {
                last.len() > e.len() + 3
                    && last.ends_with(e.as_str())
                    && known(&last[..last.len() - e.len()])
            })
    }

    /// Returns true when a word (any case) ends in a source noun ("Zeitungsberichten").
    pub fn is_source_noun(&self, word: &str) -> bool {
        self.index.source_nouns.matches(&lower(word))
    }

    /// Returns true when a lower-case word is a time word or a compound of two ("Sonntagabend"
    /// is "Sonntag" and "Abend"): a time ends a speaker phrase ("sagte die Ministerin am Sonntagabend").
    pub fn is_time(&self, lower: &str) -> bool {
        self.time.contains(lower)
            || lower
                .char_indices()
                .skip(1)
                .any(|(k, _)| self.time.contains(&lower[..k]) && self.time.contains(&lower[k..]))
    }

    /// Returns true when a word (any case) ends in a frame or setting noun: after a name and a
    /// preposition it opens the setting of the speech, not more of the name.
    pub fn is_setting_noun(&self, word: &str) -> bool {
        self.is_frame_noun(word) || ends_with_any(&lower(word), &self.setting_nouns)
    }

    /// Returns true when a word (any case) ends in a frame noun ("Sommerinterview").
    pub fn is_frame_noun(&self, word: &str) -> bool {
        ends_with_any(&lower(word), &self.frame_nouns)
    }

    /// Returns the organisation kind a word (any case) points to, if any.
    /// A genitive or plural "-s" counts ("des Außenministeriums", "ministries" does not).
    pub fn organisation_kind(&self, word: &str) -> Option<SpeakerKind> {
        let lower = lower(word);
        let last = lower.rsplit('-').next().unwrap_or(&lower);
        // The first word of the list that the word equals or (from 5 bytes on) ends in.
        let matches = |w: &str| {
            w.char_indices()
                .filter(|&(k, _)| w.len() - k <= self.index.organisation_len)
                .filter_map(|(k, _)| {
                    let ending = &w[k..];
                    let entry = self.index.organisations.get(ending)?;
                    (k == 0 || ending.len() >= 5).then_some(*entry)
                })
                .min_by_key(|&(place, _)| place)
                .map(|(_, kind)| kind)
        };
        matches(last).or_else(|| last.strip_suffix('s').and_then(matches))
    }

    /// Does a lower-case word end like an adjective of this language?
    pub fn adjective_ending(&self, w: &str) -> bool {
        ends_with_any(w, &self.adjective_endings)
    }

    /// Is this lower-case word a verb or adverb by its ending (and no superlative)?
    pub fn verb_ending(&self, w: &str) -> bool {
        ends_with_any(w, &self.verb_endings) && !self.superlative(w)
    }

    /// Is this lower-case word an ordinal or superlative ("ersten", "jüngsten")?
    pub fn superlative(&self, w: &str) -> bool {
        ends_with_any(w, &self.superlative_endings)
            && !ends_with_any(w, &self.not_superlative_endings)
    }
}

/// True when `w` ends in one of `endings`.
pub fn ends_with_any(w: &str, endings: &[String]) -> bool {
    endings.iter().any(|e| w.ends_with(e.as_str()))
}

impl Index {
    fn new(lex: &Lexicon) -> Index {
        let mut organisations = HashMap::default();
        for (place, (word, kind)) in lex.organisations.iter().enumerate() {
            organisations.entry(word.clone()).or_insert((place, *kind));
        }
        Index {
            roles: lex.roles.iter().cloned().collect(),
            role_endings: Endings::new(lex.roles.iter().filter(|r| r.len() >= 4)),
            organisation_len: lex
                .organisations
                .iter()
                .map(|(o, _)| o.len())
                .max()
                .unwrap_or(0),
            organisations,
            source_nouns: Endings::new(&lex.source_nouns),
        }
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
    fn every_lexicon_parses_with_cues_and_roles() {
        for lang in Lang::ALL {
            let lex = Lexicon::parse(lang.source()).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            assert!(lex.cues.len() > 40, "{lang:?} has {} cues", lex.cues.len());
            assert!(lex.roles.len() > 30, "{lang:?}");
            assert!(!lex.stop.is_empty(), "{lang:?}");
            assert!(!lex.detect.is_empty(), "{lang:?}");
            assert_eq!(Lang::from_code(lex.code.as_str()), Some(lang));
        }
    }

    #[test]
    fn every_word_section_has_a_home() {
        for section in WORD_SECTIONS {
            let mut lex = Lexicon::default();
            let added = match *section {
                "roles" | "refusals" | "trailers" | "source_nouns" | "so_cue"
                | "complementizers" => lex.add(section, None, "w"),
                _ => lex.add_closed_class(section, "w".into()),
            };
            assert!(added.is_ok(), "[{section}]: {added:?}");
        }
    }

    #[test]
    fn parse_refuses_unknown_sections_and_malformed_lines() {
        let head = "[language]\ncode: xx\n";
        let cases = [
            ("[verbs]\nsay\n", "unknown section [verbs]"),
            ("[cues]\nshout: said\n", "unknown stance `shout`"),
            ("[grammar]\nverb_second: maybe\n", "wants yes or no"),
            ("[grammar]\nverb_third: yes\n", "unknown grammar switch"),
            ("[stop]\nlabel: the\n", "takes plain words"),
            ("[organisations]\nclub: fc\n", "unknown speaker kind"),
            ("[pronouns]\nhe\n", "[pronouns] lines start"),
        ];
        for (body, want) in cases {
            let err = Lexicon::parse(&format!("{head}{body}")).unwrap_err();
            assert!(err.contains(want), "{body:?}: {err}");
            assert!(err.starts_with("line "), "{err}");
        }
        assert!(Lexicon::parse("say\n").is_err());
        assert!(
            Lexicon::parse("[stop]\nthe\n")
                .unwrap_err()
                .contains("code")
        );
        assert!(Lexicon::parse(head).is_ok());
    }

    #[test]
    fn stances_and_separable_verbs() {
        let de = Lexicon::get(Lang::De);
        assert_eq!(de.cues["bestritten"][0].stance, Stance::Deny);
        assert_eq!(de.cues["teilte"][0].words, vec!["teilte", "mit"]);
        assert!(de.grammar.verb_second && de.grammar.separable_particles);
        let en = Lexicon::get(Lang::En);
        assert_eq!(en.cues["vowed"][0].stance, Stance::Promise);
        assert_eq!(
            en.prep_before["according"][0].words,
            vec!["according", "to"]
        );
        assert!(!en.grammar.verb_second && en.grammar.bare_content_clause);
    }

    /// The indexed lookups answer as the plain scans of the lists they replace, on words made
    /// of the lists' own entries: compounds, plurals, genitives and hyphenated forms.
    #[test]
    fn indexed_endings_answer_as_the_list_scans() {
        for lang in Lang::ALL {
            let lex = Lexicon::get(lang);
            let role_scan = |w: &str| {
                lex.roles
                    .iter()
                    .any(|r| w == r || (r.len() >= 4 && w.ends_with(r.as_str())))
            };
            let org_scan = |w: &str| {
                lex.organisations
                    .iter()
                    .find(|(o, _)| w == o || (o.len() >= 5 && w.ends_with(o.as_str())))
                    .map(|(_, k)| *k)
            };
            let entries = lex
                .roles
                .iter()
                .chain(lex.organisations.iter().map(|(o, _)| o));
            let entries: Vec<&String> = entries.chain(&lex.source_nouns).collect();
            let mut words: Vec<String> = Vec::new();
            for (k, e) in entries.iter().enumerate() {
                let other = entries[(k * 7 + 3) % entries.len()];
                let short: String = e.chars().skip(1).collect();
                words.extend([
                    e.to_string(),
                    format!("{other}{e}"),
                    format!("{e}s"),
                    format!("x-{e}"),
                    short,
                    e.to_uppercase(),
                ]);
            }
            for w in &words {
                let lower = w.to_lowercase();
                let last = lower.rsplit('-').next().unwrap_or(&lower);
                assert_eq!(
                    lex.index.roles.contains(last) || lex.index.role_endings.matches(last),
                    role_scan(last),
                    "{lang:?} role {w}"
                );
                let org = org_scan(last).or_else(|| last.strip_suffix('s').and_then(org_scan));
                assert_eq!(lex.organisation_kind(w), org, "{lang:?} organisation {w}");
                let source = lex.source_nouns.iter().any(|n| lower.ends_with(n.as_str()));
                assert_eq!(lex.is_source_noun(w), source, "{lang:?} source noun {w}");
            }
        }
    }

    /// When a word ends in two organisation words of different kinds, the one listed first
    /// decides, as in the list scan.
    #[test]
    fn the_first_listed_organisation_word_decides() {
        let lex = Lexicon::parse(
            "[language]\ncode: xx\n[organisations]\nmedia: sender\ngovernment: staatssender\n",
        )
        .unwrap();
        assert_eq!(
            lex.organisation_kind("Landesstaatssender"),
            Some(SpeakerKind::Media)
        );
        assert_eq!(lex.organisation_kind("Sender"), Some(SpeakerKind::Media));
        assert_eq!(lex.organisation_kind("ender"), None);
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
