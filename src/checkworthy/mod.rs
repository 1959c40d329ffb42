//! Check-worthiness as a learned score: a logistic regression over hashed features of a claim
//! (its words and character n-grams, and the structure the extractor found: mode, stance, cue,
//! speakers, numbers, dates, comparisons, first person, modals, hedges, …). The score is the
//! model's probability that a fact-checker would check the claim, from 0 to 1.
//!
//! The model ships inside the binary (`model.bin`, written by `claimledger
//! train-checkworthiness` from CheckThat! 2024 English and GermEval 2021 German; see the model
//! card in the README). A ledger can hold a model of its own, trained on its desk's triage; the
//! command layer reads it and passes it in through [`crate::extract::Options::model`], so that
//! this module and the extractor stay pure (no I/O, no ledger).
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

pub use features::ClaimShape;
pub use model::{Model, ModelInfo};

use crate::extract::Lexicon;
use std::sync::LazyLock;

/// The model embedded in the binary.
static EMBEDDED: LazyLock<Model> = LazyLock::new(|| {
    // Invariant: the checked-in file parses; the test `embedded_model_loads` checks it.
    Model::from_bytes(include_bytes!("model.bin"))
        .unwrap_or_else(|e| panic!("embedded check-worthiness model: {e}"))
});

/// Returns the model that ships with the binary.
pub fn embedded() -> &'static Model {
    &EMBEDDED
}

/// Scores a claim with `model`, or with the embedded model when none is given.
pub fn score(shape: &ClaimShape, lex: &Lexicon, model: Option<&Model>) -> f64 {
    model.unwrap_or_else(|| embedded()).score(shape, lex)
}

#[cfg(test)]
mod tests;
