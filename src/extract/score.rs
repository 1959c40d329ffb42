//! Check-worthiness: how much a claim is worth checking, from 0 to 1.
//!
//! The score is the learned model's ([`crate::checkworthy`]): the model given in the options
//! (a ledger's own), else the one embedded in the binary.

use super::lexicon::Lexicon;
use crate::checkworthy::{self, ClaimShape, Model};

/// Scores a claim: its words with its mode, stance, cue and speakers.
pub fn checkworthiness(shape: &ClaimShape, lex: &Lexicon, model: Option<&Model>) -> f64 {
    checkworthy::score(shape, lex, model)
}
