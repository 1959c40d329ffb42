//! The `same` judgement: two claims are the same proposition only when every content word of
//! each has a counterpart in the other (equal after folding and stemming, or a form, phrase or
//! compound split the lexicon lists), their numbers with scale and unit are equal, and who does
//! what to whom agrees. Roles are read from word order and the lexicon's prepositions and passive
//! markers: each preposition marks the word after it, the passive's agent preposition names the
//! subject, and the subject is the first unmarked word (a capitalised one where nouns are).
//! Anything else close is `related`, with the difference in words.

use super::lexicon::{self, Flags, Kind, Lexicon, fold};

/// The verdict on a pair of claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub same: bool,
    /// Why not, in words ("differs: climbed ↔ dropped", "roles swapped").
    pub reason: Option<String>,
}

impl Judgement {
    fn same() -> Judgement {
        Judgement {
            same: true,
            reason: None,
        }
    }

    fn differs(reason: String) -> Judgement {
        Judgement {
            same: false,
            reason: Some(reason),
        }
    }
}

/// Judges whether two claim texts state the same proposition.
pub fn judge(a: &str, b: &str) -> Judgement {
    let (a, b) = (&super::text::claim_words(a), &super::text::claim_words(b));
    let lex = lexicon::for_texts(a, b);
    let (ra, rb) = (read(lex, a, true), read(lex, b, true));
    if ra.attributed && rb.attributed {
        // Both say who said it: then who said it is compared too.
        return compare(lex, &read(lex, a, false), &read(lex, b, false));
    }
    compare(lex, &ra, &rb)
}

/// One token of a text.
#[derive(Debug, Clone)]
enum Token {
    Word {
        lower: String,
        orig: String,
        cap: bool,
    },
    Number {
        value: f64,
        orig: String,
    },
    Break,
}

/// One content word or number of a claim as compared.
#[derive(Debug, Clone)]
struct Item {
    key: String,
    /// The word as read, lower case (the lexicon's sections are looked up by it).
    lower: String,
    orig: String,
    /// The prepositions before it ("to", "than in").
    mark: Option<String>,
    /// Capitalised as written.
    cap: bool,
    number: bool,
}

impl Item {
    /// A preposition with nothing to mark after it: a verb particle, compared as a word.
    fn particle(lex: &Lexicon, p: String) -> Item {
        Item {
            key: lex.canonical(&p),
            lower: p.clone(),
            orig: p,
            mark: None,
            cap: false,
            number: false,
        }
    }
}

/// A claim as compared: its items and, when passive with an agent, the agent's index.
#[derive(Debug, Default)]
struct Reading {
    items: Vec<Item>,
    agent: Option<usize>,
    /// Words saying who said it were left out.
    attributed: bool,
}

/// Splits a text into words, numbers and breaks (punctuation between clauses).
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let joins = |j: usize| {
            j + 1 < chars.len()
                && matches!(chars[j], '\'' | '’' | '-' | '.' | ',')
                && chars[j + 1].is_alphanumeric()
                && j > 0
                && chars[j - 1].is_alphanumeric()
        };
        if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || joins(i)) {
                // A dot or comma joins digits only ("1,500", "2.5"), not words.
                if matches!(chars[i], '.' | ',')
                    && !(chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())
                {
                    break;
                }
                i += 1;
            }
            let orig: String = chars[start..i].iter().collect::<String>().replace('’', "'");
            out.push(word_or_number(orig));
            continue;
        }
        if matches!(c, '%' | '€' | '$' | '£') {
            out.push(Token::Word {
                lower: c.to_string(),
                orig: c.to_string(),
                cap: false,
            });
        } else if matches!(
            c,
            ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '"' | '“' | '”' | '„' | '«' | '»'
        ) || c == '—'
            || c == '–'
        {
            out.push(Token::Break);
        }
        i += 1;
    }
    out
}

fn word_or_number(orig: String) -> Token {
    let numeric = orig.chars().next().is_some_and(|c| c.is_ascii_digit())
        && orig
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if numeric && let Some(value) = parse_number(&orig) {
        return Token::Number { value, orig };
    }
    let cap = orig.chars().next().is_some_and(char::is_uppercase);
    Token::Word {
        lower: orig.to_lowercase(),
        orig,
        cap,
    }
}

/// "1,500" and "1.500" are fifteen hundred; "1,5" and "1.5" are one and a half.
fn parse_number(n: &str) -> Option<f64> {
    let groups: Vec<&str> = n.split([',', '.']).collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat().parse().ok()
    } else {
        n.replace(',', ".").parse().ok()
    }
}

/// Expands contractions and elisions ("didn't", "l'an") into their words.
fn expand(lex: &Lexicon, tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let Token::Word { lower, orig, cap } = &t else {
            out.push(t);
            continue;
        };
        let words: Vec<String> = if let Some(w) = lex.contraction(lower) {
            w.to_vec()
        } else if let Some((head, rest)) = lower.split_once('\'') {
            let mut w: Vec<String> = lex
                .contraction(head)
                .map(<[String]>::to_vec)
                .unwrap_or_else(|| vec![head.to_string()]);
            w.extend(rest.split('\'').map(str::to_string));
            w
        } else {
            out.push(t);
            continue;
        };
        for (i, w) in words.into_iter().filter(|w| !w.is_empty()).enumerate() {
            out.push(Token::Word {
                lower: w,
                orig: orig.clone(),
                cap: *cap && i == 0,
            });
        }
    }
    out
}

/// Leaves out who said it: the words up to a reporting word when the claim follows it in the
/// clause ("the mayor said the wall …"), or a short clause holding one beside the claim's own
/// clauses ("…, the mayor said").
fn drop_attribution(lex: &Lexicon, tokens: Vec<Token>) -> Vec<Token> {
    let clauses: Vec<&[Token]> = tokens.split(|t| matches!(t, Token::Break)).collect();
    let reporting = |clause: &[Token]| {
        clause.iter().position(
            |t| matches!(t, Token::Word { lower, .. } if lex.flags(lower).has(Flags::REPORTING)),
        )
    };
    let count = |ts: &[Token]| ts.iter().filter(|t| content(lex, t)).count();
    let unattributed = clauses
        .iter()
        .filter(|c| reporting(c).is_none() && count(c) > 0)
        .count();
    let mut out = Vec::with_capacity(tokens.len());
    for clause in clauses {
        match reporting(clause) {
            Some(r) if count(&clause[r + 1..]) >= 3 => out.extend(clause[r + 1..].iter().cloned()),
            Some(_) if unattributed > 0 && count(clause) <= 4 => {}
            _ => out.extend(clause.iter().cloned()),
        }
        out.push(Token::Break);
    }
    out
}

fn content(lex: &Lexicon, t: &Token) -> bool {
    match t {
        Token::Number { .. } => true,
        Token::Word { lower, .. } => {
            let f = lex.flags(lower);
            !f.function_word() && !f.has(Flags::PREPOSITION)
        }
        Token::Break => false,
    }
}

/// Replaces the lexicon's phrases with their one word ("per day" → "per-day").
fn phrases(lex: &Lexicon, tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    // Folded once: every phrase is tried at every word.
    let folded: Vec<Option<String>> = tokens
        .iter()
        .map(|t| match t {
            Token::Word { lower, .. } => Some(fold(lower)),
            _ => None,
        })
        .collect();
    let mut i = 0;
    'next: while i < tokens.len() {
        for (words, canonical) in &lex.phrases {
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| folded.get(i + k).and_then(Option::as_ref) == Some(w));
            if fits {
                let origs: Vec<&str> = tokens[i..i + words.len()]
                    .iter()
                    .filter_map(|t| match t {
                        Token::Word { orig, .. } => Some(orig.as_str()),
                        _ => None,
                    })
                    .collect();
                let cap = matches!(&tokens[i], Token::Word { cap: true, .. });
                out.push(Token::Word {
                    lower: canonical.clone(),
                    orig: origs.join(" "),
                    cap,
                });
                i += words.len();
                continue 'next;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// Joins a verb and its separable particle later in the clause ("lehnte … ab") into the
/// canonical word the lexicon lists for them.
fn separable(lex: &Lexicon, mut tokens: Vec<Token>) -> Vec<Token> {
    let mut i = 0;
    while i < tokens.len() {
        if let Token::Word { lower, .. } = &tokens[i]
            && lex.takes_particle(lower)
        {
            let end = tokens[i..]
                .iter()
                .position(|t| matches!(t, Token::Break))
                .map_or(tokens.len(), |p| i + p);
            let found = (i + 1..end).rev().find_map(|j| match &tokens[j] {
                Token::Word { lower: p, orig, .. } => lex
                    .separable(lower, p)
                    .map(|c| (j, c.clone(), orig.clone())),
                _ => None,
            });
            if let Some((j, canonical, particle)) = found {
                tokens.remove(j);
                if let Token::Word { lower, orig, .. } = &mut tokens[i] {
                    *lower = canonical;
                    *orig = format!("{orig} … {particle}");
                }
            }
        }
        i += 1;
    }
    tokens
}

/// Reads number words and scale words into numbers ("two", "5 million").
fn numbers(lex: &Lexicon, tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let Token::Word { lower, orig, .. } = &t {
            if let Some(Token::Number { value, orig: o }) = out.last_mut()
                && let Some(factor) = lex.scale(lower)
            {
                *value *= factor;
                *o = format!("{o} {orig}");
                continue;
            }
            if let Some(value) = lex.number(lower) {
                out.push(Token::Number {
                    value,
                    orig: orig.clone(),
                });
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// A claim's items with their marks, and the passive's agent.
fn read(lex: &Lexicon, text: &str, without_attribution: bool) -> Reading {
    let t = expand(lex, tokens(text));
    let words = |t: &[Token]| t.iter().filter(|t| !matches!(t, Token::Break)).count();
    let before = words(&t);
    let t = if without_attribution {
        drop_attribution(lex, t)
    } else {
        t
    };
    let attributed = words(&t) < before;
    let t = phrases(lex, t);
    let t = separable(lex, t);
    let t = numbers(lex, t);
    let passive = t
        .iter()
        .any(|t| matches!(t, Token::Word { lower, .. } if lex.flags(lower).has(Flags::PASSIVE)));
    let mut reading = Reading {
        attributed,
        ..Reading::default()
    };
    let mut pending: Vec<String> = Vec::new();
    let mut agent_pending = false;
    // After "than" the rest of the clause is the compared side: "nurses' wages grew faster than
    // teachers' wages" and the reverse share every word and every preposition.
    let mut compared: Option<String> = None;
    for (i, tok) in t.iter().enumerate() {
        let (key, lower, orig, cap, number) = match tok {
            Token::Break => {
                // A preposition at the end of a clause is a particle ("went up", "nahm … ab").
                reading
                    .items
                    .extend(pending.drain(..).map(|p| Item::particle(lex, p)));
                agent_pending = false;
                compared = None;
                continue;
            }
            Token::Number { value, orig } => {
                (format!("#{value}"), orig.clone(), orig.clone(), false, true)
            }
            Token::Word { lower, orig, cap } => {
                let f = lex.flags(lower);
                if f.has(Flags::COMPARISON) {
                    compared = Some(lower.clone());
                }
                if f.has(Flags::PREPOSITION)
                    && t[i + 1..]
                        .iter()
                        .take_while(|t| !matches!(t, Token::Break))
                        .any(|t| content(lex, t))
                {
                    pending.push(lower.clone());
                    agent_pending = f.has(Flags::AGENT);
                    continue;
                }
                if f.function_word() {
                    continue;
                }
                if f.has(Flags::PREPOSITION) {
                    pending.push(lower.clone());
                    continue;
                }
                (
                    lex.canonical(lower),
                    lower.clone(),
                    orig.clone(),
                    *cap,
                    false,
                )
            }
        };
        let mut mark = (!pending.is_empty()).then(|| pending.join(" "));
        if let Some(c) = &compared
            && !pending.contains(c)
        {
            mark = Some(mark.map_or_else(|| c.clone(), |m| format!("{c} {m}")));
        }
        pending.clear();
        if agent_pending && passive && reading.agent.is_none() {
            reading.agent = Some(reading.items.len());
        }
        agent_pending = false;
        reading.items.push(Item {
            key,
            lower,
            orig,
            mark,
            cap,
            number,
        });
    }
    reading
        .items
        .extend(pending.into_iter().map(|p| Item::particle(lex, p)));
    reading
}

/// Words of `a` whose key `b` lacks, in order, each once.
fn missing<'a>(a: &'a Reading, b: &Reading, skip: &[usize]) -> Vec<&'a Item> {
    let mut out: Vec<&Item> = Vec::new();
    for (i, x) in a.items.iter().enumerate() {
        if skip.contains(&i) || b.items.iter().any(|y| y.key == x.key) {
            continue;
        }
        if !out.iter().any(|o| o.key == x.key) {
            out.push(x);
        }
    }
    out
}

/// A compound of one side written apart on the other ("Dieselsteuer" / "Steuer auf Diesel"):
/// the keys of `whole`'s compound words, the indexes of the parts in `apart` that they account
/// for, and each compound's key with its head's.
fn compounds(whole: &[&Item], apart: &Reading, apart_missing: &[&Item]) -> Compounds {
    let mut joined = Vec::new();
    let mut parts = Vec::new();
    let mut heads = Vec::new();
    for w in whole {
        let word = fold(&w.orig);
        for head in apart_missing {
            let h = fold(&head.orig);
            if h.len() < 3 || !word.ends_with(&h) || word.len() <= h.len() + 2 {
                continue;
            }
            let modifier = &word[..word.len() - h.len()];
            let found = apart.items.iter().position(|m| {
                let m_word = fold(&m.orig);
                m.key != head.key
                    && apart_missing.iter().any(|x| x.key == m.key)
                    && (modifier == m_word
                        || modifier.starts_with(&m_word) && modifier.len() <= m_word.len() + 2
                        || m_word.starts_with(modifier) && m_word.len() <= modifier.len() + 2)
            });
            if let Some(m) = found {
                joined.push(w.key.clone());
                heads.push((w.key.clone(), head.key.clone()));
                let head_i = apart.items.iter().position(|x| x.key == head.key);
                parts.extend(head_i);
                parts.push(m);
                break;
            }
        }
    }
    (joined, parts, heads)
}

type Compounds = (Vec<String>, Vec<usize>, Vec<(String, String)>);

/// The differing words of one side, at most [`DESCRIBED`] of them.
fn describe(items: &[&Item]) -> String {
    if items.is_empty() {
        return "–".to_string();
    }
    let mut words: Vec<&str> = items
        .iter()
        .take(DESCRIBED)
        .map(|i| i.orig.as_str())
        .collect();
    if items.len() > DESCRIBED {
        words.push("…");
    }
    words.join(" ")
}

const DESCRIBED: usize = 6;

/// What kind of difference two sets of differing words are, if the lexicon knows.
fn difference_kind(lex: &Lexicon, a: &[&Item], b: &[&Item]) -> Option<&'static str> {
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let all = || a.iter().chain(b.iter());
    if a.iter()
        .any(|x| b.iter().any(|y| lex.opposite(&x.key, &y.key)))
    {
        return Some("opposite");
    }
    if all().all(|i| lex.flags(&i.lower).has(Flags::NEGATION))
        || a.iter().any(|x| {
            b.iter().any(|y| {
                let (fx, fy) = (fold(&x.lower), fold(&y.lower));
                lex.polarity_prefixes
                    .iter()
                    .any(|p| fx == format!("{p}{fy}") || fy == format!("{p}{fx}"))
            })
        })
    {
        return Some("negation");
    }
    if all().all(|i| i.number) {
        return Some("number");
    }
    let kinds: Vec<Kind> = all().filter_map(|i| lex.kind(&i.key)).collect();
    kinds.first().map(|k| k.name())
}

/// The subject: the agent of a passive, else the first unmarked word that is no number, unit or
/// period (and capitalised where nouns are).
fn subject<'a>(lex: &Lexicon, r: &'a Reading) -> Option<&'a Item> {
    if let Some(a) = r.agent {
        return r.items.get(a);
    }
    r.items.iter().find(|i| {
        i.mark.is_none()
            && !i.number
            && (!lex.capitalised_nouns || i.cap)
            && !matches!(lex.kind(&i.key), Some(Kind::Unit | Kind::Period))
            && !lex.flags(&i.lower).has(Flags::NEGATION)
    })
}

fn compare(lex: &Lexicon, a: &Reading, b: &Reading) -> Judgement {
    if a.items.is_empty() || b.items.is_empty() {
        return Judgement::differs("no content word to compare".into());
    }
    let mut ma = missing(a, b, &[]);
    let mut mb = missing(b, a, &[]);
    let (mut skip_a, mut skip_b) = (Vec::new(), Vec::new());
    let mut heads: Vec<(String, String)> = Vec::new();
    if lex.compounds && (!ma.is_empty() || !mb.is_empty()) {
        let (joined, parts, h) = compounds(&ma, b, &mb);
        ma.retain(|x| !joined.contains(&x.key));
        mb.retain(|x| !parts.iter().any(|&p| b.items[p].key == x.key));
        skip_b.extend(parts);
        heads.extend(h);
        let (joined, parts, h) = compounds(&mb, a, &ma);
        mb.retain(|x| !joined.contains(&x.key));
        ma.retain(|x| !parts.iter().any(|&p| a.items[p].key == x.key));
        skip_a.extend(parts);
        heads.extend(h);
    }
    if !ma.is_empty() || !mb.is_empty() {
        let kind = difference_kind(lex, &ma, &mb);
        let what = format!("differs: {} ↔ {}", describe(&ma), describe(&mb));
        return Judgement::differs(match kind {
            Some(k) => format!("{what} ({k})"),
            None => what,
        });
    }
    // The same words: do they play the same parts?
    let marks = |r: &Reading, skip: &[usize], key: &str| -> Vec<String> {
        let mut m: Vec<String> = r
            .items
            .iter()
            .enumerate()
            .filter(|(i, x)| x.key == key && Some(*i) != r.agent && !skip.contains(i))
            .filter_map(|(_, x)| x.mark.as_deref().map(fold))
            .collect();
        m.sort();
        m.dedup();
        m
    };
    for (i, x) in a.items.iter().enumerate() {
        if skip_a.contains(&i) || Some(i) == a.agent {
            continue;
        }
        let (mx, my) = (marks(a, &skip_a, &x.key), marks(b, &skip_b, &x.key));
        if mx != my {
            return Judgement::differs(
                format!(
                    "roles differ: {} {} ↔ {} {}",
                    mx.join("/"),
                    x.orig,
                    my.join("/"),
                    x.orig
                )
                .replace("  ", " ")
                .trim()
                .to_string(),
            );
        }
    }
    match (subject(lex, a), subject(lex, b)) {
        (Some(x), Some(y))
            if x.key != y.key
                && !heads
                    .iter()
                    .any(|(c, h)| (*c == x.key && *h == y.key) || (*c == y.key && *h == x.key)) =>
        {
            Judgement::differs(format!("roles swapped: {} ↔ {}", x.orig, y.orig))
        }
        _ => Judgement::same(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs written for this table: (a, b, same, what the reason holds).
    const PAIRS: &[(&str, &str, bool, &str)] = &[
        // The compared side of a comparison: the same words and prepositions on either side of
        // "than" / "als" / "que".
        (
            "Rents for students rose faster than rents for pensioners last year.",
            "Rents for pensioners rose faster than rents for students last year.",
            false,
            "roles differ",
        ),
        (
            "Die Preise für Brot stiegen stärker als die Preise für Milch.",
            "Die Preise für Milch stiegen stärker als die Preise für Brot.",
            false,
            "roles differ",
        ),
        (
            "Les loyers des étudiants augmentent plus vite que les loyers des retraités.",
            "Les loyers des retraités augmentent plus vite que les loyers des étudiants.",
            false,
            "roles differ",
        ),
        (
            "Harbour fees rose 4 percent in 2021.",
            "Harbour fees rose 4 percent in 2021",
            true,
            "",
        ),
        (
            "Harbour fees rose 4 percent in 2021.",
            "Harbour fees fell 4 percent in 2021.",
            false,
            "rose ↔ fell",
        ),
        (
            "Harbour fees rose 4 percent.",
            "Harbour fees climbed 4 percent.",
            true,
            "",
        ),
        (
            "The toll costs 3 million euros.",
            "The toll costs 3 billion euros.",
            false,
            "3 million ↔ 3 billion",
        ),
        (
            "The toll costs 3 million euros.",
            "The toll costs three million euros.",
            true,
            "",
        ),
        (
            "The toll rose by 2 percent.",
            "The toll rose by 2 percentage points.",
            false,
            "percentage points",
        ),
        (
            "The ferry carries 90 cars per day.",
            "The ferry carries 90 cars a day.",
            true,
            "",
        ),
        (
            "The ferry carries 90 cars per day.",
            "The ferry carries 90 cars per week.",
            false,
            "(unit)",
        ),
        (
            "Oakton sued Milbury.",
            "Milbury sued Oakton.",
            false,
            "roles swapped",
        ),
        (
            "The mill exports flour to Chad.",
            "The mill exports flour from Chad.",
            false,
            "roles differ",
        ),
        (
            "The board approved the plan.",
            "The plan was approved by the board.",
            true,
            "",
        ),
        (
            "The board approved the plan.",
            "The board was approved by the plan.",
            false,
            "roles swapped",
        ),
        (
            "In May the dock closed.",
            "The dock closed in May.",
            true,
            "",
        ),
        (
            "The dock is legal.",
            "The dock is illegal.",
            false,
            "legal ↔ illegal",
        ),
        ("The dock did not close.", "The dock closed.", false, "not"),
        (
            "The dock didn't close.",
            "The dock did not close.",
            true,
            "",
        ),
        (
            "Oats grew faster than rye.",
            "Rye grew faster than oats.",
            false,
            "roles",
        ),
        (
            "The landlord reported the tenant.",
            "The tenant reported the landlord.",
            false,
            "roles",
        ),
        (
            "Die Ernte in Ulm wuchs stärker als in Bonn.",
            "Die Ernte in Bonn wuchs stärker als in Ulm.",
            false,
            "roles",
        ),
        ("The the.", "A the.", false, "no content word"),
        ("Prices went up.", "Prices went down.", false, "up ↔ down"),
        (
            "The wall costs 5 million euros, the mayor said.",
            "The wall costs 5 million euros.",
            true,
            "",
        ),
        (
            "Ann Lee said the wall costs 5 million euros.",
            "Bo Ng said the wall costs 5 million euros.",
            false,
            "Ann Lee ↔ Bo Ng",
        ),
        ("He won the race.", "She won the race.", false, "He ↔ She"),
        (
            "All workers got a bonus.",
            "Some workers got a bonus.",
            false,
            "All ↔ Some",
        ),
        ("Rents will rise.", "Rents rose.", false, "will"),
        (
            "Die Maut stieg um 3 Prozent.",
            "Die Maut sank um 3 Prozent.",
            false,
            "stieg ↔ sank",
        ),
        (
            "Der Rat stimmte dem Plan zu.",
            "Der Rat lehnte den Plan ab.",
            false,
            "(opposite)",
        ),
        (
            "Der Rat beschloss den Plan.",
            "Der Plan wurde vom Rat beschlossen.",
            true,
            "",
        ),
        (
            "Die Fährsteuer steigt.",
            "Die Steuer auf Fähren steigt.",
            true,
            "",
        ),
        (
            "Im Mai stiegen die Preise.",
            "Die Preise stiegen im Mai.",
            true,
            "",
        ),
        (
            "Norden liefert Holz an Süden.",
            "Süden liefert Holz an Norden.",
            false,
            "roles",
        ),
        (
            "Der Plan kostet 4 Millionen Euro.",
            "Der Plan kostet 4 Milliarden Euro.",
            false,
            "Millionen",
        ),
        (
            "Le port a fermé en mai.",
            "Le port a fermé en juin.",
            false,
            "mai ↔ juin",
        ),
        (
            "Le port n'a pas fermé.",
            "Le port a fermé.",
            false,
            "(negation)",
        ),
        (
            "Le conseil a approuvé le plan.",
            "Le plan a été approuvé par le conseil.",
            true,
            "",
        ),
    ];

    #[test]
    fn the_judgement_table() {
        let mut wrong = Vec::new();
        for (a, b, same, reason) in PAIRS {
            let j = judge(a, b);
            let back = judge(b, a);
            let reason_ok = j.reason.as_deref().unwrap_or("").contains(reason);
            if j.same != *same || back.same != *same || !reason_ok {
                wrong.push(format!("{a} | {b}: {j:?} / {back:?}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
