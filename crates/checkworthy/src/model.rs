//! The model file: a header, a JSON description and the weights.
//!
//! Layout (little-endian): `CLCW`, format version (u32), hash bits (u32), length of the JSON
//! description (u32), the description, then 2^bits f32 weights; format 2 adds a second 2^bits
//! weights, those for lines (posts, comments, transcript lines: `extract --each-line`). The
//! same bytes are embedded in the binary and stored in a ledger (a ledger's model has one set
//! of weights and is written in format 1).

use super::features::{self, BITS, ClaimShape};
use crate::extract::Lexicon;
use serde::{Deserialize, Serialize};
use std::fmt;

const MAGIC: &[u8; 4] = b"CLCW";
/// Format 1: one set of weights. Format 2: weights for claims, then for lines.
const VERSION: u32 = 2;

/// What a model is: where it came from and how well it did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ModelInfo {
    /// "built-in" or "ledger".
    pub name: String,
    /// When it was trained (RFC 3339, UTC).
    pub trained_at: String,
    /// The training data, one line per set.
    pub data: Vec<String>,
    /// Figures measured when it was trained (`en_dev_f1`, `de_dev_macro_f1`, …).
    pub figures: Vec<(String, f64)>,
}

/// A linear model over hashed claim features.
#[derive(Clone)]
pub struct Model {
    pub info: ModelInfo,
    pub weights: Vec<f32>,
    /// Weights for a line scored by itself (`extract --each-line`), when they differ from
    /// `weights`: see [`super::train::LINES_WEIGHT_DE`] for why articles and lines are scored
    /// apart.
    pub lines: Option<Vec<f32>>,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model").field("info", &self.info).finish()
    }
}

impl Model {
    /// A model that scores every claim 0.5 (all weights zero).
    pub fn zero(info: ModelInfo) -> Model {
        Model {
            info,
            weights: vec![0.0; 1 << BITS],
            lines: None,
        }
    }

    /// The model that scores lines: the same description, the line weights as its weights
    /// (or the claim weights where the model has no line weights of its own).
    pub fn for_lines(&self) -> Model {
        Model {
            info: self.info.clone(),
            weights: self.lines.clone().unwrap_or_else(|| self.weights.clone()),
            lines: None,
        }
    }

    /// The probability that the claim is worth checking.
    pub fn score(&self, shape: &ClaimShape, lex: &Lexicon) -> f64 {
        let z = features::margin(shape, lex, &self.weights);
        1.0 / (1.0 + (-z).exp())
    }

    /// The linear score of a feature vector.
    pub fn margin(&self, features: &[(u32, f32)]) -> f64 {
        features
            .iter()
            .map(|&(i, x)| f64::from(self.weights[i as usize] * x))
            .sum()
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Invariant: ModelInfo holds strings and numbers only, which always serialise.
        let json = serde_json::to_vec(&self.info).expect("model info serialises");
        let lines = self.lines.as_deref().unwrap_or(&[]);
        let mut out = Vec::with_capacity(16 + json.len() + (self.weights.len() + lines.len()) * 4);
        let version: u32 = if self.lines.is_some() { VERSION } else { 1 };
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        for w in self.weights.iter().chain(lines) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model file, refusing anything this build cannot use.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let u32_at = |k: usize| -> Result<u32, String> {
            bytes
                .get(k..k + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| "the file is cut short".to_string())
        };
        if bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err("not a check-worthiness model".into());
        }
        let version = u32_at(4)?;
        if !(1..=VERSION).contains(&version) {
            return Err(format!(
                "model format {version}, this build reads 1 to {VERSION}"
            ));
        }
        let bits = u32_at(8)?;
        if bits != BITS {
            return Err(format!(
                "model of 2^{bits} weights, this build uses 2^{BITS}"
            ));
        }
        let len = u32_at(12)? as usize;
        let json = bytes.get(16..16 + len).ok_or("the file is cut short")?;
        let info: ModelInfo =
            serde_json::from_slice(json).map_err(|e| format!("bad model description: {e}"))?;
        let body = &bytes[16 + len..];
        let sets = version as usize;
        let size = (1usize << BITS) * 4;
        if body.len() != sets * size {
            return Err(format!(
                "{} bytes of weights, want {}",
                body.len(),
                sets * size
            ));
        }
        let read = |b: &[u8]| -> Vec<f32> {
            b.chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect()
        };
        Ok(Model {
            info,
            weights: read(&body[..size]),
            lines: (sets == 2).then(|| read(&body[size..])),
        })
    }
}
