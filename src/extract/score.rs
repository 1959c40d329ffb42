//! Check-worthiness: how much a claim is worth checking, from 0 to 1.
//!
//! A transparent additive score rather than a model: numbers, dates, named entities,
//! comparisons, legal and causal words raise it; opinions, questions, first-person talk and
//! very short texts lower it. Every feature is visible in the code and in the lexicons.

use super::lexicon::Lexicon;
use super::text::{TokenKind, tokenize};
use crate::claim::Mode;

/// Scores the claim text `text[start..end]`.
pub fn checkworthiness(text: &str, start: usize, end: usize, mode: Mode, lex: &Lexicon) -> f64 {
    let tokens = tokenize(text, start, end);
    let words = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count();
    if words == 0 {
        return 0.0;
    }
    let mut score: f64 = 0.3;
    let numbers = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Number)
        .count();
    score += (numbers as f64 * 0.15).min(0.3);
    let times = tokens
        .iter()
        .filter(|t| lex.time.contains(&t.lower))
        .count();
    score += (times as f64 * 0.05).min(0.1);
    // Capitalised words after the first are mostly names (in English) or nouns (in German);
    // count them lightly.
    let names = tokens
        .iter()
        .skip(1)
        .filter(|t| t.capitalised && !lex.stop.contains(&t.lower))
        .count();
    score += (names as f64 * 0.03).min(0.15);
    let strong = tokens
        .iter()
        .filter(|t| lex.checkworthy.contains(&t.lower))
        .count();
    score += (strong as f64 * 0.08).min(0.2);
    let opinion = tokens
        .iter()
        .filter(|t| lex.opinion.contains(&t.lower))
        .count();
    score -= (opinion as f64 * 0.12).min(0.3);
    if mode != Mode::None {
        score += 0.1;
    }
    if words < 5 {
        score -= 0.25;
    }
    if text[start..end].trim_end().ends_with('?') {
        score = score.min(0.1);
    }
    score.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{Lang, Lexicon};
    use super::*;

    fn score(text: &str) -> f64 {
        checkworthiness(text, 0, text.len(), Mode::None, Lexicon::get(Lang::En))
    }

    #[test]
    fn numbers_and_names_beat_opinions_and_questions() {
        let fact = score("Unemployment in Ohio rose by 4 percent in 2023, more than in 2022.");
        let opinion = score("I think that is great, thanks so much.");
        let question = score("Did the council approve 12 new schools in 2021?");
        assert!(fact > 0.6, "{fact}");
        assert!(opinion < 0.3, "{opinion}");
        assert!(question <= 0.1, "{question}");
    }
}
