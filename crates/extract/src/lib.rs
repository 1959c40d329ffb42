//! The extractor: pure functions from article text to metadata and claims.
//!
//! Pipeline: [`decode`] bytes (or take text out of [`html`]), read metadata and drop boilerplate
//! ([`meta`]), split paragraphs into sentences (sentencex, merged so that no quotation is cut),
//! find attribution frames per sentence ([`frames`]), turn frames into claims with
//! speakers resolved across the article ([`speakers`]).
//!
//! The claims are candidates: every statement the article makes itself is among them, whatever
//! its check-worthiness. Scoring them and dropping the article's own statements that score
//! too low is a later step (`checkworthy::score_and_select`), so extraction is the same
//! whatever the model says.
//!
//! Architecture invariant: nothing in this crate does I/O or touches the ledger, and nothing
//! here uses the check-worthiness model.

pub mod decode;
pub mod frames;
pub mod html;
pub mod meta;
pub mod rank;
pub mod relay;
pub mod resolve;
pub mod speakers;
pub mod stance;

use claimledger_core::claim;
pub use claimledger_lang::{detect_language, lexicon, text};

use crate::claim::InputError;
use crate::claim::{Article, Claim, Cue, Mode, SpeakerMention, Stance};
use frames::{Frame, Sentence};
pub use lexicon::{Lang, Lexicon};
use resolve::SpeakerMemory;

/// How to extract.
#[derive(Debug, Clone)]
pub struct Options {
    /// The article's language; detected when `None`.
    pub lang: Option<Lang>,
    /// Whether the first line is the title (false for single sentences or comments).
    pub has_title: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            has_title: true,
        }
    }
}

/// The format of an input document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

impl Format {
    /// Guesses the format from a file name and the first bytes.
    pub fn sniff(name: &str, bytes: &[u8]) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            return Format::Html;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
        let head = head.trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Decodes a document (text or HTML) and extracts its article.
pub fn extract_document(
    bytes: &[u8],
    format: Format,
    opts: &Options,
) -> Result<Article, InputError> {
    let text = decode::decode(bytes)?;
    match format {
        Format::Text => Ok(extract(text, opts)),
        Format::Html => {
            let page = html::article_text(&text)?;
            let mut article = extract(page.text, opts);
            if article.meta.title.is_none() || !page.title.is_empty() {
                article.meta.title = Some(page.title)
                    .filter(|t| !t.is_empty())
                    .or(article.meta.title);
            }
            if let Some(byline) = page.byline {
                article.meta.authors = vec![byline];
            }
            if page.published.is_some() {
                article.meta.published = page.published;
            }
            if page.site_name.is_some() {
                article.meta.publisher = page.site_name;
            }
            Ok(article)
        }
    }
}

/// Extracts metadata and claims from article text.
pub fn extract(text: String, opts: &Options) -> Article {
    let (mut meta, paragraphs) = meta::read(&text, opts.has_title);
    let lang = opts.lang.unwrap_or_else(|| detect_language(&text));
    meta.language = lang.code().to_string();
    let lex = Lexicon::get(lang);
    let mut state = State {
        text: &text,
        lang,
        lex,
        memory: SpeakerMemory::default(),
        claims: Vec::new(),
        last_speakers: None,
        pending: None,
        previous_sentence: None,
        last_subject: None,
        in_turn: false,
        first_in_paragraph: true,
    };
    if lex.grammar.headline_sources
        && opts.has_title
        && let Some((a, b)) = meta
            .title
            .as_deref()
            .and_then(|t| meta::title_span(&text, t))
    {
        state.headline(a, b);
    }
    let ahead = text.len() >= READ_AHEAD_FROM;
    read_paragraphs(&text, &paragraphs, lang, ahead, |read, done| {
        for (k, read) in read.into_iter().enumerate() {
            let (start, end) = (read.sentence.start, read.sentence.end);
            state.first_in_paragraph = k == 0;
            state.sentence(&read);
            state.previous_sentence = Some((start, end));
            done(read.sentence.tokens);
        }
        state.paragraph_ended();
    });
    let claims = state.claims;
    Article { meta, text, claims }
}

/// Texts from this length on are read ahead on a second thread (see [`read_paragraphs`]).
const READ_AHEAD_FROM: usize = 64 * 1024;

/// A sentence as read without what the article said before it: its tokens and quotations,
/// and its frames (`None` for a refusal to comment, which gives no claim).
struct Read<'a> {
    sentence: Sentence<'a>,
    frames: Option<Vec<Frame>>,
}

/// Token buffers of sentences already taken, for the next sentences to reuse (with the
/// strings in them: see [`text::tokenize_into`]).
type Spare = Vec<Vec<text::Token>>;

/// Splits a paragraph into sentences and reads each (see [`Read`]).
fn read_paragraph<'a>(
    text: &'a str,
    p: &meta::Paragraph,
    lang: Lang,
    spare: &mut Spare,
) -> Vec<Read<'a>> {
    let lex = Lexicon::get(lang);
    let quotes = text::quote_spans(text, p.start, p.end);
    sentences(text, p.start, p.end, lang, &quotes)
        .into_iter()
        .map(|(start, end)| {
            let mut tokens = spare.pop().unwrap_or_default();
            text::tokenize_into(text, start, end, &mut tokens);
            let sentence = Sentence {
                text,
                start,
                end,
                tokens,
                quotes: quotes
                    .iter()
                    .copied()
                    .filter(|&(qs, qe)| qs < end && qe > start)
                    .collect(),
            };
            let frames = (!frames::is_refusal(&sentence, lex)).then(|| {
                let mut frames = frames::frames(&sentence, lang);
                relay::drop_relays(&sentence, lex, &mut frames);
                drop_relative_reports(&mut frames, &sentence, lex);
                frames
            });
            Read { sentence, frames }
        })
        .collect()
}

/// Reads the paragraphs in order and hands each one's sentences to `take`, which gives each
/// sentence's tokens back when done with them.
///
/// Why a second thread: reading a sentence (splitting, tokens, frames) does not depend on the
/// sentences before it, while resolving speakers does; so in a long text one thread reads
/// ahead while the caller's thread goes on with the sentences already read. The sentences
/// and what `take` sees are the same either way. A short text (most articles) is read on the
/// caller's thread (`ahead` false): a thread would cost more than it saves there.
fn read_paragraphs<'a>(
    text: &'a str,
    paragraphs: &[meta::Paragraph],
    lang: Lang,
    ahead: bool,
    mut take: impl FnMut(Vec<Read<'a>>, &mut dyn FnMut(Vec<text::Token>)),
) {
    /// Paragraphs sent at once, and batches read ahead at most.
    const BATCH: usize = 16;
    const AHEAD: usize = 8;
    if !ahead {
        thread_local! {
            static SPARE: std::cell::RefCell<Spare> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let mut spare = SPARE.take();
        for p in paragraphs {
            let read = read_paragraph(text, p, lang, &mut spare);
            take(read, &mut |tokens| spare.push(tokens));
        }
        SPARE.set(spare);
        return;
    }
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Vec<Read<'a>>>>(AHEAD);
        // The tokens go back to the reading thread, which allocated them.
        let (give_back, returned) = std::sync::mpsc::channel::<Vec<text::Token>>();
        scope.spawn(move || {
            let mut spare = Spare::new();
            for batch in paragraphs.chunks(BATCH) {
                spare.extend(returned.try_iter());
                let read = batch
                    .iter()
                    .map(|p| read_paragraph(text, p, lang, &mut spare))
                    .collect();
                if send.send(read).is_err() {
                    return;
                }
            }
        });
        for batch in receive {
            for read in batch {
                take(read, &mut |tokens| {
                    // The reader may have finished; the tokens are then dropped here.
                    let _ = give_back.send(tokens);
                });
            }
        }
    });
}

/// Splits a paragraph into sentence byte ranges with sentencex, merging sentences that a
/// quotation spans. Very long paragraphs are cut into pieces first so that time and memory stay
/// linear in the input.
pub fn sentences(
    text: &str,
    start: usize,
    end: usize,
    lang: Lang,
    quotes: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    const PIECE: usize = 8 * 1024;
    let mut raw = Vec::new();
    let mut from = start;
    while from < end {
        let mut to = end;
        if to - from > PIECE {
            to = from + PIECE;
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            // Prefer to cut after a sentence end or at least at a space.
            let window = &text[from..to];
            if let Some(k) = window.rfind(". ").or_else(|| window.rfind(' '))
                && k > 0
            {
                to = from + k + 1;
            }
        }
        let piece = &text[from..to];
        for s in sentencex::segment(lang.code(), piece) {
            let offset = s.as_ptr() as usize - piece.as_ptr() as usize;
            let a = from + offset;
            let trimmed = s.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = s.len() - s.trim_start().len();
            raw.push((a + lead, a + lead + trimmed.len()));
        }
        from = to;
    }
    // Merge sentences inside one quotation, and a lone closing mark with its sentence.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    for (a, b) in raw {
        if let Some(last) = merged.last_mut() {
            let cut_quote = quotes.iter().any(|&(qs, qe)| qs < last.1 && qe > a);
            let piece = &text[a..b];
            // A closing mark, or a signature ("― Ana Ruiz") left on its own by the splitter.
            let dangling = piece
                .chars()
                .all(|c| text::is_quote_char(c) || c.is_ascii_punctuation())
                || piece.starts_with(['―', '—']) && piece.split_whitespace().count() <= 5;
            // "Rep. Ann Lee (D-Wis.) said": the splitter cut after an abbreviation inside a
            // parenthesis that is still open.
            let before = &text[last.0..last.1];
            // "… », a soutenu M. Martin.": the splitter cut after an honorific.
            let honorific = before.strip_suffix('.').is_some_and(|b| {
                let word = b.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                !word.is_empty()
                    && Lexicon::get(lang).honorifics.contains(&word.to_lowercase())
                    && piece.starts_with(char::is_uppercase)
            });
            let open_parenthesis = before.matches('(').count() > before.matches(')').count()
                && piece.starts_with(')')
                || before.ends_with(".)") && piece.starts_with(char::is_lowercase);
            if cut_quote || dangling || open_parenthesis || honorific {
                last.1 = b;
                continue;
            }
        }
        merged.push((a, b));
    }
    merged
}

/// "Mayor Says Bridge Will Reopen": in a title that capitalises most of its words, a
/// capital says nothing, so a reporting verb is read as one (as in running text).
pub fn title_case_cues(tokens: &mut [text::Token], lex: &Lexicon) {
    let words = || {
        tokens
            .iter()
            .skip(1)
            .filter(|t| t.kind == text::TokenKind::Word && t.lower.chars().count() > 3)
    };
    let capitalised = words().filter(|t| t.capitalised).count();
    if capitalised * 3 < words().count() * 2 {
        return;
    }
    for t in tokens.iter_mut().skip(1) {
        if t.capitalised && lex.cues.contains_key(&t.lower) {
            t.capitalised = false;
        }
    }
}

/// True when the sentence holds a form of "sollen", which in news reports plans or hearsay.
fn has_reportative(sentence: &Sentence, lex: &Lexicon) -> bool {
    sentence
        .tokens
        .iter()
        .any(|t| lex.reportative.contains(&t.lower))
}

/// "Außerdem soll er zwei Autos gestohlen haben": "sollen" with a perfect infinitive reports
/// what others say, so the sentence goes on with the last source.
fn reportative_sollen(sentence: &Sentence, lex: &Lexicon) -> bool {
    let words: Vec<&str> = sentence
        .tokens
        .iter()
        .filter(|t| t.kind == text::TokenKind::Word)
        .map(|t| t.lower.as_str())
        .collect();
    words.iter().any(|w| lex.reportative.contains(*w))
        && words.last().is_some_and(|w| lex.perfect_aux.contains(*w))
}

struct State<'a> {
    text: &'a str,
    lang: Lang,
    lex: &'static Lexicon,
    memory: SpeakerMemory,
    claims: Vec<Claim>,
    /// Speakers of the last attributed claim, for quotes that continue without a new cue.
    last_speakers: Option<(Vec<SpeakerMention>, usize)>,
    /// A frame that ended in a colon and waits for its quotation.
    pending: Option<(Vec<SpeakerMention>, Cue, Stance)>,
    /// The byte range of the sentence before the current one.
    previous_sentence: Option<(usize, usize)>,
    /// The subject of the last sentence without a frame, with that sentence's start: a
    /// quotation or Konjunktiv sentence right after it is that subject's ("X kritisierte den
    /// Haushaltsplan. „…“").
    last_subject: Option<(Vec<SpeakerMention>, usize)>,
    /// Inside a transcript turn or block quote: later sentences of the paragraph extend its
    /// claim.
    in_turn: bool,
    /// Whether the current sentence opens its paragraph.
    first_in_paragraph: bool,
}

impl State<'_> {
    fn sentence(&mut self, read: &Read<'_>) {
        let text = self.text;
        let sentence = &read.sentence;
        let (start, end) = (sentence.start, sentence.end);
        let Some(frames) = &read.frames else { return };
        // "He said:" — the quotation, or the whole next paragraph (a block quote), follows.
        if let Some((speakers, cue, stance)) = self.pending.take()
            && frames.is_empty()
            && (starts_with_quote(sentence) || self.first_in_paragraph)
        {
            let end = trim_end(text, start, end);
            self.push(
                sentence,
                start,
                end,
                speakers,
                Some(cue),
                Mode::Direct,
                stance,
            );
            self.in_turn = !starts_with_quote(sentence);
            return;
        }
        if frames.is_empty() {
            self.note_people(sentence);
            self.unattributed(sentence);
            return;
        }
        self.own_clauses(sentence, frames);
        for frame in frames {
            self.frame(sentence, frame);
        }
        // A transcript turn ("NAME: …") runs to the end of its paragraph.
        self.in_turn = frames.len() == 1
            && frames[0].mode == Mode::Direct
            && frames[0].cue.is_some_and(|(a, b)| &self.text[a..b] == ":");
    }

    /// The title (`[grammar] headline_sources`): only what it reports of a source becomes a
    /// claim, since a title restates the article; a transcript turn is no frame here ("FIX IS
    /// IN: …" names no speaker), and the title's speaker carries over to nothing.
    fn headline(&mut self, start: usize, end: usize) {
        let text = self.text;
        let mut tokens = text::tokenize(text, start, end);
        title_case_cues(&mut tokens, self.lex);
        let sentence = Sentence {
            text,
            start,
            end,
            tokens,
            quotes: text::quote_spans(text, start, end),
        };
        let frames = match frames::headline_frame(&sentence, self.lex) {
            Some(frame) => vec![frame],
            None => {
                let mut frames = frames::frames(&sentence, self.lang);
                relay::drop_relays(&sentence, self.lex, &mut frames);
                frames
            }
            .into_iter()
            .filter(|f| f.cue.is_some_and(|(a, b)| &text[a..b] != ":"))
            .collect(),
        };
        for frame in frames
            .iter()
            .filter(|f| f.speaker.is_some() && !f.wants_next && !f.refers_back)
        {
            self.frame(&sentence, frame);
        }
        self.pending = None;
        self.last_speakers = None;
        self.in_turn = false;
    }

    /// Remembers the people a sentence without a frame introduces, so that a later "er", "she"
    /// or surname names them; the first one becomes the antecedent of a pronoun.
    fn note_people(&mut self, sentence: &Sentence) {
        let people =
            speakers::introduced_people(self.text, &sentence.tokens, &sentence.quotes, self.lex);
        for (a, b) in people.into_iter().rev() {
            let mention = speakers::describe(self.text, a, b, self.lex);
            if mention.kind == crate::claim::SpeakerKind::Person {
                self.memory.note_person(mention, self.lex);
            }
        }
    }

    fn paragraph_ended(&mut self) {
        self.in_turn = false;
        if let Some((_, age)) = &mut self.last_speakers {
            *age += 1;
            if *age > 1 {
                self.last_speakers = None;
            }
        }
    }

    fn frame(&mut self, sentence: &Sentence, frame: &Frame) {
        let speakers = frame
            .speaker
            .map(|(a, b)| self.speakers_of(a, b))
            .unwrap_or_default();
        let cue = frame.cue.map(|(a, b)| Cue {
            text: self.text[a..b].to_string(),
            start: a,
            end: b,
        });
        if frame.refers_back {
            if let Some((a, b)) = self.previous_sentence {
                let end = trim_end(self.text, a, b);
                // The sentence was taken as the article's own statement; now it has a speaker.
                if self
                    .claims
                    .last()
                    .is_some_and(|c| c.mode == Mode::None && c.start == a)
                {
                    self.claims.pop();
                }
                self.push(sentence, a, end, speakers, cue, frame.mode, frame.stance);
            }
            return;
        }
        if frame.wants_next {
            if let Some(cue) = cue {
                self.pending = Some((speakers, cue, frame.stance));
            }
            return;
        }
        let content = frame.content;
        // The speaker's content keeps its relative clause; the reporter's own statement in it
        // is recorded as well (after the speaker's claims, in reading order below).
        let reporter = if frame.mode == Mode::Indirect {
            self.reporter_clause(sentence, content)
        } else {
            None
        };
        let first_claim = self.claims.len();
        for (a, b) in self.split_content(sentence, content) {
            self.push(
                sentence,
                a,
                b,
                speakers.clone(),
                cue.clone(),
                frame.mode,
                frame.stance,
            );
        }
        for claim in &mut self.claims[first_claim..] {
            claim.text = frames::text_without_gap(self.text, (claim.start, claim.end), frame.gap);
        }
        if let Some(clause) = reporter {
            self.own_statement(sentence, clause, content.1);
        }
    }

    fn speakers_of(&mut self, a: usize, b: usize) -> Vec<SpeakerMention> {
        let last = self.last_speakers.as_ref().map(|(k, _)| k.as_slice());
        resolve::speakers(self.text, (a, b), self.lex, &mut self.memory, last)
    }

    /// Splits content at a second content clause of the same cue: "dass A und dass B",
    /// "that A, and that B".
    fn split_content(&self, sentence: &Sentence, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
        let tokens: Vec<&text::Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.start >= a && t.end <= b)
            .collect();
        let mut parts = Vec::new();
        let mut from = a;
        for w in tokens.windows(2) {
            let joins = self.lex.coordinators.contains(&w[0].lower)
                && self.lex.complementizers.contains(&w[1].lower);
            if joins && w[0].start > from {
                let mut end = w[0].start;
                while end > from && self.text[..end].ends_with([' ', ',']) {
                    end -= 1;
                }
                parts.push((from, end));
                from = if self.lex.grammar.complementizer_in_message {
                    w[1].start
                } else {
                    w[1].end + 1
                };
            }
        }
        parts.push((from.min(b), b));
        parts.retain(|(s, e)| e > s);
        parts
    }

    /// Clauses of an attributed sentence that the article states itself: "A ist so, und X
    /// sagte …" gives the claim "A ist so" with mode none.
    fn own_clauses(&mut self, sentence: &Sentence, frames: &[Frame]) {
        let Some(first) = frames.first() else { return };
        let Some((sp, _)) = first.speaker else { return };
        let frame_start = sp
            .min(first.content.0)
            .min(first.cue.map_or(usize::MAX, |c| c.0));
        let before: Vec<&text::Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.end <= frame_start)
            .collect();
        let n = before.len();
        if n < 8
            || !(self.lex.coordinators.contains(&before[n - 1].lower)
                || self.lex.joiners.contains(&before[n - 1].lower))
        {
            return;
        }
        let end = before[..n - 1]
            .iter()
            .rposition(|t| t.lower != ",")
            .map(|k| before[k].end);
        if let Some(end) = end {
            self.own_statement(sentence, sentence.start, end);
        }
    }

    fn unattributed(&mut self, sentence: &Sentence) {
        let (start, end) = (sentence.start, sentence.end);
        if self.in_turn
            && let Some(turn) = self.claims.last_mut()
        {
            turn.end = trim_end(self.text, start, end);
            turn.text = self.text[turn.start..turn.end].to_string();
            return;
        }
        // English quotations interrupted by their frame ("'A,' he said. 'B.'") are one
        // statement: the continuation extends the quoted claim of the sentence before.
        // A frame of a speaker and its setting ("he said.", "said Ann Lee, the chief, on
        // Monday.") stands inside the joined claim, as in the English gold; after one that goes
        // on about the speaker in a relative clause ("…, who has worked there for 22 years.")
        // the quotation is a claim of its own.
        let short_frame = |prev: &Claim| {
            let between = text::tokenize(self.text, prev.end.min(start), start);
            !between
                .windows(2)
                .any(|w| w[0].lower == "," && self.lex.person_relative.contains(&w[1].lower))
        };
        if self.lex.grammar.interrupted_quotes
            && starts_with_quote(sentence)
            && let Some(prev) = self.claims.last_mut()
            && prev.mode == Mode::Direct
            && !self.first_in_paragraph
            && self.previous_sentence.is_some_and(|(a, _)| prev.start >= a)
            && short_frame(prev)
        {
            prev.end = trim_end(self.text, start, end);
            prev.text = self.text[prev.start..prev.end].to_string();
            return;
        }
        // A quotation on its own right after an attributed one continues it; German reported
        // speech goes on in Konjunktiv I without a new cue.
        let subjunctive = sentence.tokens.iter().enumerate().any(|(i, t)| {
            (i == 0 || !t.capitalised)
                && (self.lex.subjunctive.contains(&t.lower)
                    || i > 0 && lexicon::ends_with_any(&t.lower, &self.lex.subjunctive_endings))
        }) && !sentence
            .quotes
            .iter()
            .any(|&(qs, qe)| qs <= start && qe >= end);
        let continued = if starts_with_quote(sentence) {
            Some(Mode::Direct)
        } else {
            (subjunctive
                || reportative_sollen(sentence, self.lex)
                || self.follows_attribution() && has_reportative(sentence, self.lex))
            .then_some(Mode::Indirect)
        };
        let previous_start = self.previous_sentence.map(|(a, _)| a);
        let subject = self
            .last_subject
            .as_ref()
            .filter(|(_, at)| Some(*at) == previous_start)
            .map(|(speakers, _)| speakers);
        if let Some(mode) = continued
            && let Some(speakers) = subject.or(self.last_speakers.as_ref().map(|(k, _)| k))
        {
            let speakers = speakers.clone();
            let end = trim_end(self.text, start, end);
            self.push(sentence, start, end, speakers, None, mode, Stance::Assert);
            return;
        }
        self.own_statement(sentence, start, trim_end(self.text, start, end));
        self.last_subject = frames::sentence_subject(sentence, self.lex)
            .into_iter()
            .find_map(|(a, b)| {
                let speakers = self.speakers_of(sentence.tokens[a].start, sentence.tokens[b].end);
                let named = !speakers.is_empty() && speakers.iter().all(|m| self.names_a_source(m));
                named.then_some((speakers, start))
            });
    }

    /// True when a subject mention can be a source of speech: a person with a role or a full
    /// name, a personal pronoun, or a phrase with an organisation word ("Die Polizei"). Other
    /// subjects ("Die Proteste", "Es") are things the reporter tells about.
    fn names_a_source(&self, mention: &SpeakerMention) -> bool {
        let words: Vec<String> = mention
            .name
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let pronoun = words.len() == 1 && self.lex.person_pronouns.contains(&words[0]);
        // "Besondere Probleme", "Alle Opfer": an adjective or quantifier first is no first name.
        let first_is_name = words.first().is_some_and(|w| {
            let adjective = w.chars().count() > 6 && self.lex.adjective_ending(w);
            let function_word = self.lex.stop.contains(w)
                || self.lex.determiners.contains(w)
                || self.lex.indefinite.contains(w);
            !adjective && !function_word
        });
        let person = mention.kind == crate::claim::SpeakerKind::Person
            && (mention.role.is_some() || words.len() >= 2 && first_is_name);
        let organisation = words
            .iter()
            .any(|w| self.lex.organisation_kind(w).is_some() || self.lex.is_role(w));
        pronoun || person || organisation
    }

    /// True when the sentence before produced an attributed claim: a sentence with "soll"
    /// right after it goes on with that source's plans or hearsay ("Die Stadt will bauen, sagte
    /// X. Die Arbeiten sollen im Mai beginnen.").
    fn follows_attribution(&self) -> bool {
        self.claims.last().is_some_and(|prev| {
            !prev.speakers.is_empty()
                && self.previous_sentence.is_some_and(|(a, _)| prev.start >= a)
        })
    }

    /// Splits off a relative clause in the indicative at the end of reported content: the
    /// reporter's own background, not the speaker's words.
    fn reporter_clause(&self, sentence: &Sentence, (a, b): (usize, usize)) -> Option<usize> {
        let tokens: Vec<&text::Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.start >= a && t.end <= b)
            .collect();
        let last = tokens.last()?;
        if !self.lex.indicative.contains(&last.lower) {
            return None;
        }
        let k = tokens
            .windows(2)
            .rposition(|w| w[0].lower == "," && self.lex.relative.contains(&w[1].lower))?;
        (k >= 3).then(|| tokens[k + 1].start)
    }

    fn own_statement(&mut self, sentence: &Sentence, start: usize, end: usize) {
        let words = sentence
            .tokens
            .iter()
            .filter(|t| t.start >= start && t.end <= end && t.kind == text::TokenKind::Word)
            .count();
        if words < 5
            || self.text[sentence.start..sentence.end]
                .trim_end()
                .ends_with('?')
        {
            return;
        }
        self.push(
            sentence,
            start,
            end,
            Vec::new(),
            None,
            Mode::None,
            Stance::Assert,
        );
    }

    /// The stance of an attributed claim, from its cue or, when the cue is neutral, from its
    /// own words (see [`stance::of_content`]).
    fn content_stance(
        &self,
        sentence: &Sentence,
        (start, end): (usize, usize),
        mode: Mode,
        stance: Stance,
    ) -> Stance {
        if !matches!(mode, Mode::Direct | Mode::Indirect)
            || !matches!(stance, Stance::Assert | Stance::Demand)
        {
            return stance;
        }
        let text = &self.text[start..end];
        if sentence.start <= start && end <= sentence.end {
            let from = sentence.tokens.partition_point(|t| t.start < start);
            let to = from + sentence.tokens[from..].partition_point(|t| t.end <= end);
            stance::of_content(self.lex, stance, &sentence.tokens[from..to], text)
        } else {
            let tokens = text::tokenize(self.text, start, end);
            stance::of_content(self.lex, stance, &tokens, text)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        sentence: &Sentence,
        start: usize,
        end: usize,
        speakers: Vec<SpeakerMention>,
        cue: Option<Cue>,
        mode: Mode,
        stance: Stance,
    ) {
        if end <= start {
            return;
        }
        let stance = self.content_stance(sentence, (start, end), mode, stance);
        if !speakers.is_empty() {
            self.last_speakers = Some((speakers.clone(), 0));
        }
        self.claims.push(Claim {
            text: self.text[start..end].to_string(),
            start,
            end,
            sentence: self.text[sentence.start..sentence.end].to_string(),
            speakers,
            cue,
            mode,
            stance,
            // Scored later (`checkworthy::score_and_select`).
            checkworthiness: 0.0,
        });
    }
}

/// "Selon lui, la décision est illégale, ce que la Cour a estimé …": a speech act in a
/// relative clause inside another frame's content is part of that content; read as a frame of
/// its own it would give the whole sentence a second time, with the wrong speaker.
fn drop_relative_reports(frames: &mut Vec<Frame>, sentence: &Sentence, lex: &Lexicon) {
    let inside = |f: &Frame, g: &Frame| {
        f.cue
            .is_some_and(|(a, b)| g.content.0 <= a && b <= g.content.1)
    };
    let after_relative = |f: &Frame| {
        f.speaker.is_some_and(|(a, _)| {
            let k = sentence.tokens.partition_point(|t| t.start < a);
            k > 0 && lex.relative.contains(sentence.lower(k - 1))
        })
    };
    let nested: Vec<bool> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            f.mode == Mode::Reported
                && after_relative(f)
                && frames
                    .iter()
                    .enumerate()
                    .any(|(j, g)| j != i && g.mode != Mode::Reported && inside(f, g))
        })
        .collect();
    let mut k = 0;
    frames.retain(|_| {
        k += 1;
        !nested[k - 1]
    });
}

/// Whether a claim is a statement the article makes itself (no speaker, no cue): the claims
/// that a check-worthiness threshold may drop.
pub fn is_own_statement(claim: &Claim) -> bool {
    claim.mode == Mode::None && claim.cue.is_none() && claim.speakers.is_empty()
}

/// The tokens the extractor read each claim of an article with, for scoring: the tokens of
/// its sentence inside the claim (in the title, with capitals read as in running text), or
/// the claim's own where it reaches outside its sentence (the sentence before, named by
/// "Demnach"; a quotation continued in the next sentence).
pub struct ClaimTokens<'a> {
    text: &'a str,
    lex: &'static Lexicon,
    title: Option<(usize, usize)>,
}

impl<'a> ClaimTokens<'a> {
    pub fn new(article: &'a Article) -> ClaimTokens<'a> {
        let lang = Lang::from_code(&article.meta.language).unwrap_or(Lang::En);
        let lex = Lexicon::get(lang);
        let text = article.text.as_str();
        let title = article
            .meta
            .title
            .as_deref()
            .filter(|_| lex.grammar.headline_sources)
            .and_then(|t| meta::title_span(text, t));
        ClaimTokens { text, lex, title }
    }

    /// The lexicon of the article's language.
    pub fn lexicon(&self) -> &'static Lexicon {
        self.lex
    }

    /// The tokens of `claim`, tokenised into a buffer that is reused from claim to claim: the
    /// claim's tokens are `buffer[range]`; None where the claim is to be tokenised on its own.
    pub fn of_into(
        &self,
        claim: &Claim,
        buffer: &mut Vec<text::Token>,
    ) -> Option<std::ops::Range<usize>> {
        let (start, end) = (claim.start, claim.end);
        let from = sentence_before(self.text, &claim.sentence, start)?;
        let to = from + claim.sentence.len();
        if end > to {
            return None;
        }
        text::tokenize_into(self.text, from, to, buffer);
        if self.title == Some((from, to)) {
            title_case_cues(buffer, self.lex);
        }
        let a = buffer.partition_point(|t| t.start < start);
        let b = a + buffer[a..].partition_point(|t| t.end <= end);
        Some(a..b)
    }
}

/// Where the last copy of `sentence` in `text` that starts at or before `start` begins (as
/// `text[..start + sentence.len()].rfind(sentence)`). A claim mostly starts its sentence or
/// lies a few words into it: stepping back over the bytes that could start it is quicker
/// than setting up a substring search for every claim.
fn sentence_before(text: &str, sentence: &str, start: usize) -> Option<usize> {
    let first = *sentence.as_bytes().first()?;
    let bytes = text.as_bytes();
    if !text.is_char_boundary((start + sentence.len()).min(text.len())) {
        return None;
    }
    let mut at = start.min(text.len().checked_sub(sentence.len())?);
    loop {
        if bytes[at] == first && bytes[at..].starts_with(sentence.as_bytes()) {
            return Some(at);
        }
        at = bytes[..at].iter().rposition(|&b| b == first)?;
    }
}

fn starts_with_quote(sentence: &Sentence) -> bool {
    sentence.tokens.first().is_some_and(|t| {
        sentence
            .quotes
            .iter()
            .any(|&(qs, qe)| qs == t.start && (qe - qs) * 10 >= (sentence.end - sentence.start) * 7)
    })
}

/// Drops the final full stop of a sentence from a claim.
fn trim_end(text: &str, start: usize, mut end: usize) -> usize {
    while end > start && text[..end].ends_with(['.', ' ', ';']) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fr;

#[cfg(test)]
mod read_ahead_tests {
    use super::*;

    type Seen = Vec<(
        usize,
        usize,
        Vec<(usize, usize, String)>,
        Option<Vec<Frame>>,
    )>;

    fn seen(text: &str, ahead: bool) -> Seen {
        let (_, paragraphs) = meta::read(text, true);
        let mut seen = Vec::new();
        read_paragraphs(text, &paragraphs, Lang::De, ahead, |read, done| {
            for r in read {
                let tokens = r.sentence.tokens.iter();
                let tokens = tokens.map(|t| (t.start, t.end, t.lower.clone())).collect();
                seen.push((r.sentence.start, r.sentence.end, tokens, r.frames.clone()));
                done(r.sentence.tokens);
            }
        });
        seen
    }

    #[test]
    fn reading_ahead_reads_what_one_thread_reads() {
        let mut text = String::from("Ein Titel für einen langen Text\n\n");
        for k in 0..1200 {
            text.push_str(&format!(
                "Die Kämmerin sagte am Montag, der Haushalt wachse um {k} Prozent. \
                 „Wir sparen nicht an den Schulen“, erklärte sie. Der Rat tagt im Mai.\n\n"
            ));
        }
        assert!(text.len() > READ_AHEAD_FROM);
        let one = seen(&text, false);
        assert!(
            one.len() > 3000
                && one
                    .iter()
                    .any(|s| s.3.as_ref().is_some_and(|f| !f.is_empty()))
        );
        assert_eq!(seen(&text, true), one);
    }
}
