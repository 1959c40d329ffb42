//! Speaker resolution: from the speaker phrase a frame found to the speakers of a claim.
//!
//! The frame rules (`frames`) propose a phrase; here it becomes people or bodies. This is the
//! one place where a phrase is refused as a speaker (a setting of speech such as "im
//! Sommerinterview", a lone adverb), where
//! "Demnach" and "seiner Meinung nach" carry the last source over, where coordinated speakers
//! are split, and where a pronoun or surname is resolved to the person named earlier
//! ([`SpeakerMemory`]). The hearer of a verb of telling never reaches this point: the frame
//! rules do not propose it (`frames::inverted`, `frames::content`).

use super::frames::Sentence;
use super::frames::np::np_before;
use super::lexicon::Lexicon;
use super::rank::{self, Candidate, Features};
use super::speakers;
use super::text::{TokenKind, tokenize};
use crate::claim::{SpeakerKind, SpeakerMention};
use std::collections::HashMap;

/// How many of the people an article named before a pronoun compete for it besides the names
/// read back around it (the most recently seen ones).
const MEMORY_CANDIDATES: usize = 12;

/// The speakers of the phrase `text[a..b]`; `last` are the speakers of the claim before.
pub fn speakers(
    text: &str,
    (a, b): (usize, usize),
    lex: &Lexicon,
    memory: &mut SpeakerMemory,
    last: Option<&[SpeakerMention]>,
) -> Vec<SpeakerMention> {
    let (a, b) = rank::trim_phrase(text, (a, b), lex);
    if a >= b {
        return Vec::new();
    }
    // "Demnach", "seiner Meinung nach": the last source again, with this mention's offsets.
    let possessive = possessive_source(&text[a..b], lex);
    if possessive || lex.anaphoric.contains(&text[a..b].to_lowercase()) {
        let mut found: Vec<SpeakerMention> = last
            .unwrap_or(&[])
            .iter()
            // "seiner" points to a person, not to an agency or an unnamed source.
            .filter(|k| !possessive || k.kind == SpeakerKind::Person)
            .map(|k| SpeakerMention {
                start: a,
                end: b,
                ..k.clone()
            })
            .collect();
        // With no person speaking before, "seiner Ansicht nach" names the latest person the
        // article introduced.
        if possessive && found.is_empty() {
            found.extend(memory.latest_person().map(|k| SpeakerMention {
                start: a,
                end: b,
                ..k
            }));
        }
        return found;
    }
    if lex.grammar.relative_pronoun_speaker && lex.relative.contains(&text[a..b].to_lowercase()) {
        return relative_speaker(text, (a, b), lex, memory);
    }
    if !is_speaker(text, (a, b), lex) {
        return Vec::new();
    }
    speakers::split_coordinated(text, a, b, lex)
        .into_iter()
        .filter_map(|(s, e)| {
            let mut mention = speakers::describe(text, s, e, lex);
            mention.end = closing_comma(text, (s, e), lex);
            memory.resolve_in(text, mention, lex, last)
        })
        .collect()
}

/// "a nurse who said": the mention is the relative pronoun at `text[a..b]`, the speaker
/// the noun phrase right before it (over a comma); none when no phrase stands there.
fn relative_speaker(
    text: &str,
    (a, b): (usize, usize),
    lex: &Lexicon,
    memory: &mut SpeakerMemory,
) -> Vec<SpeakerMention> {
    let mut from = a.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = Sentence {
        text,
        start: from,
        end: a,
        tokens: tokenize(text, from, a),
        quotes: Vec::new(),
    };
    let mut end = before.tokens.len();
    if end > 0 && before.is_comma(end - 1) {
        end -= 1;
    }
    let Some((x, y)) = np_before(&before, lex, end) else {
        return Vec::new();
    };
    let (x, y) = (before.tokens[x].start, before.tokens[y].end);
    if !is_speaker(text, (x, y), lex) {
        return Vec::new();
    }
    let mut mention = speakers::describe(text, x, y, lex);
    (mention.start, mention.end) = (a, b);
    vec![memory.resolve(mention, lex)]
}

/// Where the mention `text[a..b]` ends: after the comma that closes its apposition ("Ann
/// Lee, a nurse, said"), in a language whose speaker phrases keep that comma.
fn closing_comma(text: &str, (a, b): (usize, usize), lex: &Lexicon) -> usize {
    let apposition = text[a..b].contains(',');
    if lex.grammar.apposition_comma_in_speaker && apposition && text[b..].starts_with(',') {
        b + 1
    } else {
        b
    }
}

/// False for phrases that name no speaker: a setting of speech ("Sommerinterview") or words
/// that are never speakers ("yet"). An unnamed source ("nach ersten Schätzungen") stays a
/// speaker of kind anonymous, which the ledger never merges across articles.
pub fn is_speaker(text: &str, (a, b): (usize, usize), lex: &Lexicon) -> bool {
    let tokens = tokenize(text, a, b);
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.lower.as_str())
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    // "For instance", "despite": a phrase of adverbs or one that ends in a preposition names
    // nobody.
    if lex.is_frame_noun(last)
        || lex.prepositions.contains(*last)
        || words.iter().all(|w| lex.never_speaker.contains(*w))
    {
        return false;
    }
    let pronoun = words.len() == 1
        && (lex.person_pronouns.contains(*last)
            || lex.group_pronouns.contains(*last)
            || rank::SpeakerWords::of(lex)
                .demonstrative_pronouns
                .contains(*last));
    pronoun || !rank::names_nobody(text, (a, b), lex)
}

/// "seiner Meinung", "ihrer Ansicht": a possessive and a source noun stand for the person
/// the possessive points to.
fn possessive_source(mention: &str, lex: &Lexicon) -> bool {
    let mut words = mention.split_whitespace().peekable();
    // "Die seiner Ansicht nach fragwürdige Rolle": an article before the possessive.
    if words
        .peek()
        .is_some_and(|w| lex.articles.contains(&w.to_lowercase()))
    {
        words.next();
    }
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(p), Some(noun), None)
            if lex.possessives.contains(&p.to_lowercase())
                && lex.is_source_noun(noun)
    )
}

/// Remembers the speakers of an article so that later mentions resolve to them.
///
/// People are kept once per name with an index by surname, so resolving stays constant-time
/// however long the article is.
#[derive(Default)]
pub struct SpeakerMemory {
    people: Vec<SpeakerMention>,
    by_name: HashMap<String, usize>,
    /// The latest full name (two words or more) ending in a surname.
    by_surname: HashMap<String, usize>,
    last_person: Option<usize>,
    /// The person named most recently with each grammatical gender their role shows.
    last_by_gender: [Option<usize>; 2],
    last_group: Option<SpeakerMention>,
    /// For each person: where they were named last, whether they spoke, and the gender an
    /// earlier pronoun showed.
    seen_at: Vec<usize>,
    spoke: Vec<bool>,
    learned_gender: Vec<Option<usize>>,
    /// The article's tokens around the windows that pronouns read back.
    window: rank::WindowTokens,
}

/// The grammatical gender a role or pronoun shows, from the lexicon's endings and pronoun
/// lists: 0 feminine, 1 masculine.
fn gender_of_pronoun(lex: &Lexicon, word: &str) -> Option<usize> {
    if lex.feminine_pronouns.contains(word) {
        Some(0)
    } else if lex.masculine_pronouns.contains(word) {
        Some(1)
    } else {
        None
    }
}

fn gender_of_role(lex: &Lexicon, role: &str) -> Option<usize> {
    // The role word nearest the name is the last word of the role ("Sprecherin des Amtes"
    // names "Sprecherin" first, so look at every word that is a role).
    let role_word = role
        .split_whitespace()
        .map(str::to_lowercase)
        .find(|w| lex.is_role(w))?;
    if super::lexicon::ends_with_any(&role_word, &lex.feminine_role_endings) {
        Some(0)
    } else if super::lexicon::ends_with_any(&role_word, &lex.masculine_role_endings) {
        Some(1)
    } else {
        None
    }
}

impl SpeakerMemory {
    /// Resolves a mention in `text` (its offsets point there); `last` are the speakers of the
    /// claim before. A person pronoun goes to the best-ranked candidate ([`rank`]); a pronoun
    /// that names nobody known gives no speaker, so that no pronoun becomes a speaker's name.
    pub fn resolve_in(
        &mut self,
        text: &str,
        mention: SpeakerMention,
        lex: &Lexicon,
        last: Option<&[SpeakerMention]>,
    ) -> Option<SpeakerMention> {
        let lower = mention.name.to_lowercase();
        let demonstrative = rank::SpeakerWords::of(lex)
            .demonstrative_pronouns
            .contains(lower.as_str());
        let person = lex.person_pronouns.contains(lower.as_str()) || demonstrative;
        if (demonstrative || person && mention.kind == SpeakerKind::Person)
            && let Some(found) = self.rank_pronoun(text, &mention, lex, last)
        {
            return Some(found);
        }
        if lex.group_pronouns.contains(lower.as_str()) {
            let group = SpeakerMention {
                kind: SpeakerKind::Group,
                ..mention
            };
            let resolved = self.resolve(group, lex);
            return (resolved.name.to_lowercase() != lower).then_some(resolved);
        }
        if person {
            return None;
        }
        let resolved = self.resolve(mention, lex);
        if let Some(&i) = self.by_name.get(&resolved.name) {
            self.seen_at[i] = resolved.start;
            self.spoke[i] = true;
        }
        Some(resolved)
    }

    /// The person a pronoun names: the best of the names read back in the text and the people
    /// the article named before; None when there is nobody.
    fn rank_pronoun(
        &mut self,
        text: &str,
        mention: &SpeakerMention,
        lex: &Lexicon,
        last: Option<&[SpeakerMention]>,
    ) -> Option<SpeakerMention> {
        let gender = gender_of_pronoun(lex, &mention.name.to_lowercase());
        let mut window = std::mem::take(&mut self.window);
        let known = |written: &str| self.full_name(written);
        let mut candidates = rank::window_candidates(text, mention.start, lex, &known, &mut window);
        self.window = window;
        let mut index: Vec<Option<usize>> = Vec::with_capacity(candidates.len());
        for c in &mut candidates {
            let known = self.by_name.get(&c.name).copied();
            if let Some(i) = known {
                self.describe_known(i, &mut c.features, lex);
                c.features.latest_person = self.last_person == Some(i);
            }
            index.push(known);
        }
        let mut known: Vec<usize> = (0..self.people.len())
            .filter(|i| !index.contains(&Some(*i)))
            .collect();
        // The people seen most recently only: one seen long before hardly wins, and weighing
        // every person of a long text for every pronoun made extraction quadratic.
        if known.len() > MEMORY_CANDIDATES {
            known.select_nth_unstable_by_key(MEMORY_CANDIDATES, |&i| {
                std::cmp::Reverse(self.seen_at[i])
            });
            known.truncate(MEMORY_CANDIDATES);
        }
        known.sort_by_key(|&i| std::cmp::Reverse(self.seen_at[i]));
        for i in known {
            let mut features = Features {
                memory_only: true,
                latest_person: self.last_person == Some(i),
                full_name: self.people[i].name.contains(' '),
                ..Features::default()
            };
            self.describe_known(i, &mut features, lex);
            candidates.push(Candidate {
                name: self.people[i].name.clone(),
                role: self.people[i].role.clone(),
                features,
            });
            index.push(Some(i));
        }
        for (c, &i) in candidates.iter_mut().zip(&index) {
            let theirs = i.and_then(|i| self.gender(i, lex).or(self.learned_gender[i]));
            let theirs = theirs.or_else(|| c.role.as_deref().and_then(|r| gender_of_role(lex, r)));
            c.features.gender = gender.zip(theirs).map(|(g, t)| g == t);
            c.features.previous_speaker = last.is_some_and(|l| l.iter().any(|m| m.name == c.name));
        }
        let pick = rank::best(&candidates)?;
        let chosen = &candidates[pick];
        // A surname alone that memory does not know ("Reed said …") names the person for this
        // pronoun only: remembered as a person, it would shadow the full name the article
        // gives later, to which the surname resolves.
        if index[pick].is_none() && !chosen.name.contains(' ') {
            return Some(SpeakerMention {
                name: chosen.name.clone(),
                role: chosen.role.clone(),
                kind: SpeakerKind::Person,
                ..mention.clone()
            });
        }
        let i = match index[pick] {
            Some(i) => i,
            None => self.remember(&SpeakerMention {
                name: chosen.name.clone(),
                role: chosen.role.clone(),
                kind: SpeakerKind::Person,
                start: mention.start,
                end: mention.end,
            }),
        };
        self.mark_person(i, lex);
        self.seen_at[i] = mention.start;
        self.spoke[i] = true;
        if gender.is_some() && self.gender(i, lex).is_none() {
            self.learned_gender[i] = gender;
        }
        Some(SpeakerMention {
            name: self.people[i].name.clone(),
            role: self.people[i].role.clone(),
            kind: SpeakerKind::Person,
            ..mention.clone()
        })
    }

    /// The full name of a person known by `written`: the same name, or a surname of one.
    fn full_name(&self, written: &str) -> Option<String> {
        if self.by_name.contains_key(written) {
            return Some(written.to_string());
        }
        let i = *self
            .by_surname
            .get(written)
            .filter(|_| !written.contains(' '))?;
        Some(self.people[i].name.clone())
    }

    /// The features memory knows of person `i`: whether they spoke.
    fn describe_known(&self, i: usize, features: &mut Features, _lex: &Lexicon) {
        features.was_speaker = self.spoke[i];
    }

    /// Resolves a mention against what was seen before, then remembers it.
    pub fn resolve(&mut self, mut mention: SpeakerMention, lex: &Lexicon) -> SpeakerMention {
        let lower = mention.name.to_lowercase();
        if lex.person_pronouns.contains(lower.as_str()) && mention.kind == SpeakerKind::Person {
            // "sie" after a Sprecherin and then a Minister names the Sprecherin: when the latest
            // person's role shows the other gender, the latest person of this gender.
            let pick = match gender_of_pronoun(lex, &lower) {
                Some(g)
                    if self
                        .last_person
                        .is_some_and(|i| self.gender(i, lex) == Some(1 - g)) =>
                {
                    self.last_by_gender[g].or(self.last_person)
                }
                _ => self.last_person,
            };
            if let Some(i) = pick {
                let known = &self.people[i];
                mention.name = known.name.clone();
                mention.role = known.role.clone();
            }
            return mention;
        }
        if lex.group_pronouns.contains(lower.as_str()) {
            if let Some(known) = &self.last_group {
                mention.name = known.name.clone();
                mention.role = known.role.clone();
                mention.kind = known.kind;
            }
            return mention;
        }
        // A single word that ends a known full name: "Peskow" → "Dmitri Peskow".
        if !mention.name.contains(' ')
            && let Some(&i) = self.by_surname.get(&mention.name)
        {
            let known = &self.people[i];
            mention.name = known.name.clone();
            if mention.role.is_none() {
                mention.role = known.role.clone();
            }
            mention.kind = SpeakerKind::Person;
            self.mark_person(i, lex);
            return mention;
        }
        match mention.kind {
            SpeakerKind::Person => {
                let i = self.remember(&mention);
                self.mark_person(i, lex);
            }
            SpeakerKind::Anonymous => {}
            _ => self.last_group = Some(mention.clone()),
        }
        mention
    }

    /// The person named most recently, as a speaker or in the article's own text.
    pub fn latest_person(&self) -> Option<SpeakerMention> {
        self.last_person.map(|i| self.people[i].clone())
    }

    /// Remembers a person named in the article's own text (not as a speaker), so that a later
    /// surname or pronoun can still resolve to them.
    pub fn note_person(&mut self, mention: SpeakerMention, lex: &Lexicon) {
        let i = self.remember(&mention);
        self.mark_person(i, lex);
    }

    fn gender(&self, i: usize, lex: &Lexicon) -> Option<usize> {
        self.people[i]
            .role
            .as_deref()
            .and_then(|r| gender_of_role(lex, r))
    }

    /// Makes person `i` the latest one named, also for their gender when the role shows it.
    fn mark_person(&mut self, i: usize, lex: &Lexicon) {
        self.last_person = Some(i);
        if let Some(g) = self.gender(i, lex) {
            self.last_by_gender[g] = Some(i);
        }
    }

    fn remember(&mut self, mention: &SpeakerMention) -> usize {
        if let Some(&i) = self.by_name.get(&mention.name) {
            return i;
        }
        let i = self.people.len();
        self.people.push(mention.clone());
        self.seen_at.push(mention.start);
        self.spoke.push(false);
        self.learned_gender.push(None);
        self.by_name.insert(mention.name.clone(), i);
        if let Some((_, surname)) = mention.name.rsplit_once(' ') {
            self.by_surname.insert(surname.to_string(), i);
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lang;

    fn de(text: &str) -> SpeakerMention {
        speakers::describe(text, 0, text.len(), Lexicon::get(Lang::De))
    }

    #[test]
    fn surname_and_pronoun_resolve() {
        let lex = Lexicon::get(Lang::De);
        let mut memory = SpeakerMemory::default();
        memory.resolve(de("Ministerin Eva Probe"), lex);
        let later = memory.resolve(de("Probe"), lex);
        assert_eq!(later.name, "Eva Probe");
        assert_eq!(later.role.as_deref(), Some("Ministerin"));
        let pronoun = memory.resolve(de("sie"), lex);
        assert_eq!(pronoun.name, "Eva Probe");
    }
}
