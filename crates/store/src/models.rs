//! The ledger's own check-worthiness model: the claims the desk triaged (its training data),
//! storing a trained model, and rescoring the claims with it in the same transaction.

use super::Ledger;
use super::StoreError;
use crate::claim::{Mode, SpeakerKind, Stance, Status};
use rusqlite::{OptionalExtension, params};

/// What the scorer needs of a stored claim, with its triage status.
#[derive(Debug, Clone)]
pub struct ScoredClaim {
    pub id: i64,
    pub text: String,
    pub mode: Mode,
    pub stance: Stance,
    pub cue: Option<String>,
    pub speakers: Vec<SpeakerKind>,
    /// The language of its source (`None` for a claim typed by hand without one).
    pub language: Option<String>,
    pub status: Status,
}

/// A row of the ledger's models: each model trained or chosen, in order. The newest row
/// scores the ledger; a row without model bytes is a return to the built-in model.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelRow {
    pub id: i64,
    pub trained_at: String,
    pub labelled: i64,
    pub positives: i64,
    /// True for a return to the built-in model.
    pub builtin: bool,
}

/// A model stored in the ledger.
#[derive(Debug, Clone)]
pub struct StoredModel {
    pub trained_at: String,
    pub labelled: i64,
    pub positives: i64,
    pub info: String,
    pub bytes: Vec<u8>,
}

impl Ledger {
    /// Every claim that is not merged into another, in id order, with what the scorer needs.
    pub fn claims_for_scoring(&self) -> Result<Vec<ScoredClaim>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.id, c.text, c.mode, c.stance, c.cue, c.speaker_kinds, s.language,
                        c.status
                 FROM claims c LEFT JOIN sources s ON s.id = c.source_id
                 WHERE c.merged_into IS NULL ORDER BY c.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let parse = |k: usize, s: String| {
                    rusqlite::Error::FromSqlConversionFailure(
                        k,
                        rusqlite::types::Type::Text,
                        format!("unknown value '{s}'").into(),
                    )
                };
                let text = |k: usize| r.get::<_, String>(k);
                let kinds: String = r.get(5)?;
                Ok(ScoredClaim {
                    id: r.get(0)?,
                    text: text(1)?,
                    mode: text(2)?
                        .parse()
                        .map_err(|_| parse(2, text(2).unwrap_or_default()))?,
                    stance: text(3)?
                        .parse()
                        .map_err(|_| parse(3, text(3).unwrap_or_default()))?,
                    cue: r.get(4)?,
                    speakers: kinds.split("; ").filter_map(|k| k.parse().ok()).collect(),
                    language: r.get(6)?,
                    status: text(7)?
                        .parse()
                        .map_err(|_| parse(7, text(7).unwrap_or_default()))?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Stores a model trained on this ledger and the new scores of its claims, in one
    /// transaction: the queue never mixes two models' scores.
    pub fn store_model(
        &mut self,
        model: &StoredModel,
        scores: &[(i64, f64)],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO checkworthiness_models (trained_at, labelled, positives, info, model)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    model.trained_at,
                    model.labelled,
                    model.positives,
                    model.info,
                    model.bytes
                ],
            )?;
            let mut update = tx.prepare("UPDATE claims SET checkworthiness = ?1 WHERE id = ?2")?;
            for (id, score) in scores {
                update.execute(params![super::round_score(*score), id])?;
            }
            Ok(())
        })
    }

    /// Every model row, oldest first.
    pub fn models(&self) -> Result<Vec<ModelRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, trained_at, labelled, positives, length(model) = 0
                 FROM checkworthiness_models ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ModelRow {
                    id: r.get(0)?,
                    trained_at: r.get(1)?,
                    labelled: r.get(2)?,
                    positives: r.get(3)?,
                    builtin: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The model row `id` (its bytes empty for a return to the built-in model), if any.
    pub fn model(&self, id: i64) -> Result<Option<StoredModel>, StoreError> {
        self.model_where("WHERE id = ?1", id)
    }

    /// The model that scores this ledger: its newest row, unless that row returned to the
    /// built-in model (then `None`, as for a ledger that never trained one).
    pub fn latest_model(&self) -> Result<Option<StoredModel>, StoreError> {
        Ok(self
            .model_where("WHERE ?1 = ?1 ORDER BY id DESC LIMIT 1", 0)?
            .filter(|m| !m.bytes.is_empty()))
    }

    fn model_where(&self, condition: &str, id: i64) -> Result<Option<StoredModel>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT trained_at, labelled, positives, info, model FROM checkworthiness_models
                     {condition}"
                ),
                [id],
                |r| {
                    Ok(StoredModel {
                        trained_at: r.get(0)?,
                        labelled: r.get(1)?,
                        positives: r.get(2)?,
                        info: r.get(3)?,
                        bytes: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}
