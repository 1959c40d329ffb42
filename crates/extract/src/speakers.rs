//! Speakers: splits a speaker mention into people or bodies, separates name from role, guesses
//! the kind, and resolves later mentions ("Peskow", "er") to the full speaker seen earlier.

use super::lexicon::{Lexicon, ends_with_any};
use super::text::{Token, TokenKind, tokenize};
use crate::claim::{SpeakerKind, SpeakerMention};

/// Splits a mention at coordination ("Pjöngjang und Moskau") into parts, as byte ranges.
pub fn split_coordinated(
    text: &str,
    start: usize,
    end: usize,
    lex: &Lexicon,
) -> Vec<(usize, usize)> {
    let tokens = tokenize(text, start, end);
    let joins: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| lex.coordinators.contains(&t.lower))
        .map(|(i, _)| i)
        .collect();
    if joins.is_empty() {
        return vec![(start, end)];
    }
    // Only split short conjuncts that each start with a capitalised word (two names or bodies);
    // "Russland und China" yes, "Ministerium für Handel und Industrie" no.
    let mut parts = Vec::new();
    let mut from = 0;
    for &j in joins.iter().chain(std::iter::once(&tokens.len())) {
        if j <= from {
            return vec![(start, end)];
        }
        let first = &tokens[from];
        let plain = tokens[from..j].iter().all(|t| {
            t.capitalised
                || lex.determiners.contains(&t.lower)
                || lex.is_role(&t.lower)
                || is_adjective_like(&t.lower, lex)
        });
        if !(first.capitalised || lex.determiners.contains(&first.lower)) || j - from > 4 || !plain
        {
            return vec![(start, end)];
        }
        parts.push((tokens[from].start, tokens[j - 1].end));
        from = j + 1;
    }
    parts
}

/// Parses a mention into name, role and kind, without looking at the rest of the article.
pub fn describe(text: &str, start: usize, end: usize, lex: &Lexicon) -> SpeakerMention {
    let tokens = tokenize(text, start, end);
    // Apposition: "Matthew Miller, Sprecher des Ministeriums" → name before, role after.
    let comma = tokens.iter().position(|t| t.lower == ",");
    let (head, apposition) = match comma {
        Some(c) => {
            // Only the part up to the next comma is the apposition; a relative clause after
            // it ("…, Eva Brandt, die auch …") describes the speaker but names nothing.
            let rest = &tokens[c + 1..];
            let end = rest
                .iter()
                .position(|t| t.lower == ",")
                .unwrap_or(rest.len());
            (&tokens[..c], Some(&rest[..end]))
        }
        None => (&tokens[..], None),
    };
    if let Some(named) = named_after_naming_word(text, head, (start, end), lex) {
        return named;
    }
    let parts = HeadParts::read(head, lex);
    // "Die Vizepräsidentin des Landtags, Eva Brandt", "the chair of the panel, Jane Doe": a
    // role first and the person's name in apposition.
    // "The mine's operator, Severny Ugol": a description without a name, then the name.
    let description = head
        .iter()
        .skip(1)
        .all(|t| !t.capitalised || lex.determiners.contains(&t.lower));
    // "der ältere Bruder des Bürgermeisters, Lukas Brandt": a description with an article
    // before a person's name, where nouns are capitalised.
    let article_head = head
        .first()
        .is_some_and(|t| lex.determiners.contains(&t.lower))
        && !description;
    if let Some(app) = apposition
        && (parts.has_role || description || article_head)
        && let Some(person) = person_name(text, app, lex)
    {
        let kind = if parts.has_role || article_head && parts.org_kind.is_none() {
            SpeakerKind::Person
        } else {
            parts.org_kind.unwrap_or(SpeakerKind::Organisation)
        };
        return SpeakerMention {
            name: person,
            role: strip_determiners(lex, text, head),
            kind,
            start,
            end,
        };
    }
    let (mut name, mut role) = parts.name_and_role(text, head, lex);
    if let Some(app) = apposition.and_then(|app| role_words(app, lex))
        && let Some(r) = strip_determiners(lex, text, app)
    {
        role = Some(match role {
            Some(existing) => format!("{existing}, {r}"),
            None => r,
        });
    }
    if name.is_empty() {
        name = text[start..end].to_string();
    }
    SpeakerMention {
        name: clean_name(&name),
        role: role.filter(|r| !r.is_empty()),
        kind: parts.kind(&tokens, head, lex),
        start,
        end,
    }
}

/// The words of an apposition that give a role: a relative clause after the name ("who
/// served as …") describes, but is no role, and in "an economist who ran the office" the role
/// is the words before it; an age is no role.
fn role_words<'t>(app: &'t [Token], lex: &Lexicon) -> Option<&'t [Token]> {
    let cut = app
        .iter()
        .position(|t| lex.relative.contains(&t.lower))
        .unwrap_or(app.len());
    let words = &app[..cut];
    words
        .iter()
        .any(|t| t.kind == TokenKind::Word)
        .then_some(words)
}

/// "a parents' group called Keep Births Local": the name after the naming word.
fn named_after_naming_word(
    text: &str,
    head: &[Token],
    (start, end): (usize, usize),
    lex: &Lexicon,
) -> Option<SpeakerMention> {
    let k = head
        .iter()
        .position(|t| lex.naming_words.contains(&t.lower))?;
    if k + 1 >= head.len() || !head[k + 1..].iter().all(|t| t.capitalised) {
        return None;
    }
    Some(SpeakerMention {
        name: clean_name(&text[head[k + 1].start..head[head.len() - 1].end]),
        role: strip_determiners(lex, text, &head[..k]),
        kind: SpeakerKind::Organisation,
        start,
        end,
    })
}

/// What the words before an apposition say: where a proper name starts (after role words and
/// their modifiers), whether a role noun is there, and the kind of an organisation word.
struct HeadParts {
    name_from: Option<usize>,
    has_role: bool,
    org_kind: Option<SpeakerKind>,
}

impl HeadParts {
    fn read(head: &[Token], lex: &Lexicon) -> HeadParts {
        let mut parts = HeadParts {
            name_from: None,
            has_role: false,
            org_kind: None,
        };
        for (k, t) in head.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            if lex.is_role(&t.lower) {
                parts.has_role = true;
                parts.name_from = None;
                continue;
            }
            // The first organisation word is the head ("Mieterverein Marlstadt").
            if parts.org_kind.is_none() {
                parts.org_kind = lex.organisation_kind(&t.lower);
            }
            // An organisation word is no part of a person's name ("Sprecher der Feuerwehr").
            let org = parts.org_kind.is_some() && lex.organisation_kind(&t.lower).is_some();
            if t.capitalised
                && !org
                && !lex.determiners.contains(&t.lower)
                && parts.name_from.is_none()
            {
                parts.name_from = Some(k);
            }
            if !t.capitalised
                && !lex.honorifics.contains(&t.lower)
                && !lex.name_particles.contains(&t.lower)
            {
                parts.name_from = None;
            }
        }
        parts
    }

    /// The name and the role within the head: "Kremlsprecher Dmitri Peskow", "die
    /// Nachrichtenagentur KCNA" (the proper name after an organisation noun is the name).
    fn name_and_role(&self, text: &str, head: &[Token], lex: &Lexicon) -> (String, Option<String>) {
        let slice = |a: usize, b: usize| text[head[a].start..head[b].end].to_string();
        let org_at = head
            .iter()
            .rposition(|t| lex.organisation_kind(&t.lower).is_some() || lex.is_role(&t.lower));
        let trailing_name = org_at.filter(|&k| {
            k + 1 < head.len()
                && head[k + 1..]
                    .iter()
                    .all(|t| t.capitalised && lex.organisation_kind(&t.lower).is_none())
        });
        match (trailing_name, self.name_from) {
            (Some(k), _) if !self.has_role => (
                slice(k + 1, head.len() - 1),
                strip_determiners(lex, text, &head[..=k]),
            ),
            // "Sprecher der Feuerwehr Nord": a single capitalised word after a function word
            // completes the role; a name stands right after the role or has two words.
            (_, Some(k)) if self.named_person(head, lex) => {
                let role = strip_determiners(lex, text, &head[..k]);
                (slice(k, head.len() - 1), role)
            }
            _ => {
                // "Mme Lucie Hamon": a leading honorific is no part of the name.
                let from = head
                    .iter()
                    .position(|t| {
                        !lex.honorifics.contains(t.lower.trim_end_matches('.')) && t.lower != "."
                    })
                    .unwrap_or(0);
                let name = match person_name(text, &head[from..], lex) {
                    Some(person) if from > 0 => person,
                    _ => strip_determiners(lex, text, head).unwrap_or_default(),
                };
                (name, None)
            }
        }
    }

    /// True when a role is followed by a person's name: right after the role word, or two
    /// capitalised words ("Sprecher der Feuerwehr Nord" is no name).
    fn named_person(&self, head: &[Token], lex: &Lexicon) -> bool {
        self.name_from.is_some_and(|k| {
            self.has_role && k > 0 && (lex.is_role(&head[k - 1].lower) || head.len() - k >= 2)
        })
    }

    /// The kind of speaker: a pronoun's, anonymous for an indefinite or unnamed source,
    /// an organisation's kind, a person or a group.
    fn kind(&self, tokens: &[Token], head: &[Token], lex: &Lexicon) -> SpeakerKind {
        let first = tokens.first().map(|t| t.lower.as_str()).unwrap_or("");
        if tokens.len() == 1 && lex.person_pronouns.contains(first) {
            return SpeakerKind::Person;
        }
        if tokens.len() == 1 && lex.group_pronouns.contains(first) {
            return SpeakerKind::Group;
        }
        let capitalised: Vec<usize> = (0..head.len())
            .filter(|&k| {
                let t = &head[k];
                t.capitalised && t.kind == TokenKind::Word && !lex.is_role(&t.lower)
            })
            .collect();
        // A name is one run of capitalised words ("Angela Merkel"); "Ergebnis einer Studie"
        // or "Zentralbank in Rom" have other words between them.
        let one_run = capitalised.windows(2).all(|w| {
            (w[0] + 1..w[1])
                .all(|k| head[k].kind != TokenKind::Word || lex.honorifics.contains(&head[k].lower))
        });
        let capitalised_words = if one_run { capitalised.len() } else { 0 };
        // "nach ersten Angaben", "dem Vernehmen nach": a source noun with nobody named is an
        // unnamed source.
        let nouns: Vec<&Token> = head
            .iter()
            .filter(|t| t.capitalised && t.kind == TokenKind::Word)
            .filter(|t| !lex.determiners.contains(&t.lower))
            .collect();
        let unnamed_source = self.org_kind.is_none()
            && !self.has_role
            && !nouns.is_empty()
            && nouns.iter().all(|t| lex.is_source_noun(&t.lower));
        if lex.indefinite.contains(first) || unnamed_source {
            SpeakerKind::Anonymous
        } else if self.named_person(head, lex) {
            SpeakerKind::Person
        } else if let Some(k) = self.org_kind {
            k
        } else if self.name_from.is_some() && self.has_role || capitalised_words >= 2 {
            SpeakerKind::Person
        } else if self.has_role {
            if head.last().is_some_and(|t| is_plural_role(&t.lower, lex)) {
                SpeakerKind::Group
            } else {
                SpeakerKind::Person
            }
        } else {
            SpeakerKind::Organisation
        }
    }
}

/// A name without quotation marks around it ("„Süddeutsche Zeitung“") and at most eight words.
fn clean_name(name: &str) -> String {
    // "Dana Wolff (Bürgerforum)", "Ann Lee (D-Ore.)": the parenthesis is about the person.
    let name = match name.split_once(" (") {
        Some((head, _)) if name.ends_with(')') && !head.is_empty() => head,
        _ => name,
    };
    let unquoted: String = if name.chars().any(super::text::is_quote_char) {
        name.chars()
            .filter(|c| !matches!(c, '„' | '“' | '”' | '"' | '«' | '»'))
            .collect::<String>()
            .trim()
            .to_string()
    } else {
        name.to_string()
    };
    if unquoted.split_whitespace().count() > 8 {
        return unquoted
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
    }
    unquoted
}

/// People introduced by a role in a sentence ("Bürgermeisterin Anna Roth eröffnete …", "Mayor
/// Jane Roe opened …"), as byte ranges of role and name, outside quotations.
pub fn introduced_people(
    text: &str,
    tokens: &[Token],
    quotes: &[(usize, usize)],
    lex: &Lexicon,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        // Cheap tests first: a capitalised word must follow, and the role lookup is last.
        let name_follows = tokens.get(k + 1).is_some_and(|n| n.capitalised);
        if !name_follows || !t.capitalised && lex.grammar.capitalised_nouns {
            continue;
        }
        let quoted = quotes.iter().any(|&(qs, qe)| t.start >= qs && t.end <= qe);
        if quoted || !lex.is_role(&t.lower) {
            continue;
        }
        let name: Vec<&Token> = tokens[k + 1..]
            .iter()
            .take(3)
            .take_while(|n| {
                n.kind == TokenKind::Word
                    && n.capitalised
                    && !lex.is_role(&n.lower)
                    && lex.organisation_kind(&n.lower).is_none()
                    && !lex.stop.contains(&n.lower)
            })
            .collect();
        // A person's name has two words at least: one word after a role may be a place.
        if name.len() >= 2 && !text[t.start..name[name.len() - 1].end].contains('\n') {
            found.push((t.start, name[name.len() - 1].end));
        }
    }
    found
}

/// The tokens as a person's name, without a leading honorific ("Mme Lucie Hamon" → "Lucie
/// Hamon"): one to four capitalised words, none a role or an organisation word.
fn person_name(text: &str, tokens: &[Token], lex: &Lexicon) -> Option<String> {
    let from = tokens
        .iter()
        .position(|t| !lex.honorifics.contains(t.lower.trim_end_matches('.')))?;
    let words = &tokens[from..];
    // "Tom Reed, R-Ky.": a one-letter party and a state after a hyphen label the person.
    let party_label = words.len() == 1
        && words[0]
            .lower
            .split_once('-')
            .is_some_and(|(party, _)| party.chars().count() == 1);
    let is_name = !words.is_empty()
        && !party_label
        && words.len() <= 4
        && words.iter().all(|t| {
            t.kind == TokenKind::Word
                && t.capitalised
                && !lex.is_role(&t.lower)
                && lex.organisation_kind(&t.lower).is_none()
                && !lex.determiners.contains(&t.lower)
        });
    is_name.then(|| text[words[0].start..words[words.len() - 1].end].to_string())
}

/// Lower-case words that can modify a name in a conjunct ("seine Verbündeten", "lokale Medien").
fn is_adjective_like(word: &str, lex: &Lexicon) -> bool {
    lex.adjective_ending(word) && !lex.determiners.contains(word) && !lex.dangling.contains(word)
}

/// Is a role noun plural ("Beamten", "officials")?
fn is_plural_role(word: &str, lex: &Lexicon) -> bool {
    ends_with_any(word, &lex.plural_endings) && !ends_with_any(word, &lex.singular_endings)
}

fn strip_determiners(lex: &Lexicon, text: &str, tokens: &[Token]) -> Option<String> {
    let from = tokens
        .iter()
        .position(|t| !lex.determiners.contains(&t.lower) && t.lower != ",")?;
    let to = tokens
        .iter()
        .rposition(|t| t.lower != "," && t.lower != ".")?;
    (from <= to).then(|| text[tokens[from].start..tokens[to].end].to_string())
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lang;
    use super::*;

    fn de(text: &str) -> SpeakerMention {
        describe(text, 0, text.len(), Lexicon::get(Lang::De))
    }

    #[test]
    fn role_before_name() {
        let m = de("Regierungssprecherin Anna Beispiel");
        assert_eq!(m.name, "Anna Beispiel");
        assert_eq!(m.role.as_deref(), Some("Regierungssprecherin"));
        assert_eq!(m.kind, SpeakerKind::Person);
    }

    #[test]
    fn apposition_gives_the_role() {
        let m = de("Karl Muster, Sprecher des Verkehrsministeriums");
        assert_eq!(m.name, "Karl Muster");
        assert_eq!(m.role.as_deref(), Some("Sprecher des Verkehrsministeriums"));
    }

    #[test]
    fn kinds() {
        assert_eq!(de("ein Analyst").kind, SpeakerKind::Anonymous);
        assert_eq!(de("EU-Beamte").kind, SpeakerKind::Group);
        assert_eq!(de("das Finanzministerium").kind, SpeakerKind::Government);
        assert_eq!(
            de("die staatliche Nachrichtenagentur").kind,
            SpeakerKind::Media
        );
        assert_eq!(de("das Finanzministerium").name, "Finanzministerium");
    }

    #[test]
    fn coordination_splits_names_only() {
        let t = "Berlin und Paris";
        assert_eq!(
            split_coordinated(t, 0, t.len(), Lexicon::get(Lang::De)).len(),
            2
        );
        let t = "Ministerium für Handel und Industrie";
        assert_eq!(
            split_coordinated(t, 0, t.len(), Lexicon::get(Lang::De)).len(),
            1
        );
    }
}
