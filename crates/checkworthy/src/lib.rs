//! Check-worthiness as a learned score: a logistic regression over hashed features of a claim
//! (its words and character n-grams, and the structure the extractor found: mode, stance, cue,
//! speakers, numbers, dates, comparisons, first person, modals, hedges, …). The score is the
//! model's probability that a fact-checker would check the claim, from 0 to 1.
//!
//! The model ships inside the binary (`model.bin`, written by `claimledger
//! train-checkworthiness` from CheckThat! 2024 English and GermEval 2021 German; see the model
//! card in docs/checkworthiness-model.md). A ledger can hold a model of its own, trained on its
//! desk's triage; the command layer reads it and passes it to [`score_and_select`], which
//! scores the extractor's candidate claims after extraction, so that this module and the
//! extractor stay pure (no I/O, no ledger) and extraction does not depend on the model.
//!
//! Why a hand-written optimiser rather than linfa: linfa-logistic wants dense `ndarray`
//! matrices (and argmin), while the features here are a few hundred hashed indices out of
//! 2^18 per claim; densifying 25,000 examples would take gigabytes, and the sparse solvers in
//! linfa (linfa-ftrl) are online learners with their own random state. Plain SGD on the
//! logistic loss with L2 regularisation, a fixed seed and a fixed example order is a few dozen
//! lines ([`train`]), sparse, and bit-for-bit reproducible, which the checked-in model needs.

pub mod features;
pub mod model;
pub mod train;

use claimledger_core::claim;
use claimledger_extract as extract;

pub use features::ClaimShape;
pub use model::{Model, ModelInfo};

use crate::claim::{Article, Claim, Mode, SpeakerKind, Stance};
use crate::extract::{ClaimTokens, Lexicon, is_own_statement};
use std::sync::{Arc, LazyLock};

/// The model embedded in the binary.
static EMBEDDED: LazyLock<Model> = LazyLock::new(|| {
    // Invariant: the checked-in file parses; the test `embedded_model_loads` checks it.
    Model::from_bytes(include_bytes!("model.bin"))
        .unwrap_or_else(|e| panic!("embedded check-worthiness model: {e}"))
});

/// The embedded model's weights for lines, as a model of its own.
static EMBEDDED_LINES: LazyLock<Arc<Model>> = LazyLock::new(|| Arc::new(EMBEDDED.for_lines()));

/// Returns the model that ships with the binary.
pub fn embedded() -> &'static Model {
    &EMBEDDED
}

/// Returns the model that scores lines (`extract --each-line`): the embedded model's line
/// weights, trained with comments read whole ([`train::LINES_WEIGHT_DE`]).
pub fn embedded_for_lines() -> Arc<Model> {
    Arc::clone(&EMBEDDED_LINES)
}

/// Scores a claim with `model`, or with the embedded model when none is given.
pub fn score(shape: &ClaimShape, lex: &Lexicon, model: Option<&Model>) -> f64 {
    model.unwrap_or_else(|| embedded()).score(shape, lex)
}

/// Scores the candidate claims of an article and keeps those that are claims: every
/// attributed one, and each statement the article makes itself that scores at least `min`.
/// The score is `model`'s, or the embedded model's when none is given, rounded to three
/// decimals. Claims are scored in parallel; each score depends on its claim only.
pub fn score_and_select(article: &mut Article, model: Option<&Model>, min: f64) {
    use rayon::prelude::*;
    let tokens = ClaimTokens::new(article);
    let lex = tokens.lexicon();
    let scores: Vec<f64> = article
        .claims
        .par_iter()
        // Each thread tokenises into one buffer, whose strings outlive the claims.
        .map_init(Vec::new, |buffer, claim| {
            let kinds: Vec<SpeakerKind> = claim.speakers.iter().map(|s| s.kind).collect();
            let own = tokens.of_into(claim, buffer);
            let shape = ClaimShape {
                text: &claim.text,
                mode: claim.mode,
                stance: claim.stance,
                cue: claim.cue.as_ref().map(|c| c.text.as_str()),
                speakers: &kinds,
                tokens: own.map(|range| &buffer[range]),
            };
            score(&shape, lex, model)
        })
        .collect();
    let mut k = 0;
    article.claims.retain_mut(|claim| {
        let score = scores[k];
        k += 1;
        claim.checkworthiness = (score * 1000.0).round() / 1000.0;
        !is_own_statement(claim) || score >= min
    });
}

/// A line (a post, a comment, a transcript line) read whole, as one statement of its own.
///
/// Why: `extract --each-line` rates a line by its best claim, but the extractor makes claims
/// only of sentences of five words or more that are not questions, and reads each sentence
/// apart from the others. A sixth of the GermEval comments has no such sentence (a fifth of
/// those claim facts, often in a question), and a claim in a comment is often clear only with
/// the sentences around it. Scoring the whole line as well, with the same model, covers both;
/// the model learns from whole texts too ([`train::examples_from_texts`]).
pub fn line_shape(line: &str) -> ClaimShape<'_> {
    ClaimShape {
        text: line.trim(),
        mode: Mode::None,
        stance: Stance::Assert,
        cue: None,
        speakers: &[],
        tokens: None,
    }
}

/// Whether a line is read whole as well: unless it is empty or a claim is the whole line.
pub fn reads_whole(line: &str, claims: &[Claim]) -> bool {
    let line = line.trim();
    !line.is_empty() && claims.iter().all(|c| c.text != line)
}

/// Gives a line the score of the line read whole where that is higher, for `extract
/// --each-line`: a line without claims gets the whole line as a claim of its own (when it
/// scores at least `min`, as the article's own statements must); in a line with claims, the
/// best claim carries the line's score (the claims stay as the extractor found them, with
/// their speakers; the line's score is its best claim's).
pub fn read_line_whole(
    line: &str,
    claims: &mut Vec<Claim>,
    lex: &Lexicon,
    model: Option<&Model>,
    min: f64,
) {
    if !reads_whole(line, claims) {
        return;
    }
    let text = line.trim();
    // Rounded as the extractor rounds its claims' scores.
    let whole = (score(&line_shape(text), lex, model) * 1000.0).round() / 1000.0;
    if let Some(best) = claims
        .iter_mut()
        .max_by(|a, b| a.checkworthiness.total_cmp(&b.checkworthiness))
    {
        best.checkworthiness = best.checkworthiness.max(whole);
        return;
    }
    if whole < min {
        return;
    }
    let start = line.len() - line.trim_start().len();
    claims.push(Claim {
        text: text.to_string(),
        start,
        end: start + text.len(),
        sentence: text.to_string(),
        speakers: Vec::new(),
        cue: None,
        mode: Mode::None,
        stance: Stance::Assert,
        checkworthiness: whole,
    });
}

#[cfg(test)]
mod tests;
