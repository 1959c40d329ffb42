//! Reviews: the one function that inserts a review row, and the reviews a person records. The
//! rules a new review must follow live in [`Review::check`]; imported reviews are history and
//! are stored as they were recorded.

use super::Ledger;
use super::StoreError;
use super::now;
use crate::claim::{Review, Status};
use rusqlite::{OptionalExtension, Transaction, params};

/// One row of `reviews`, as it is stored.
pub(super) struct ReviewRow<'a> {
    pub claim_id: i64,
    pub from: &'a str,
    pub to: Status,
    pub note: Option<&'a str>,
    pub evidence: &'a [String],
    pub reviewer: &'a str,
    pub reviewed_at: &'a str,
    /// Where the verdict was published (ClaimReview's `url`).
    pub url: Option<&'a str>,
}

/// Inserts a review row (the triggers move the claim's status) and returns its id.
pub(super) fn insert_review(tx: &Transaction, r: &ReviewRow) -> Result<i64, StoreError> {
    let evidence = serde_json::to_string(r.evidence).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "INSERT INTO reviews (claim_id, from_status, to_status, note, evidence, reviewer, reviewed_at, url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            r.claim_id,
            r.from,
            r.to.as_str(),
            r.note,
            evidence,
            r.reviewer,
            r.reviewed_at,
            r.url
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A review a person records now: the claim's current status is read, the review rules are
/// checked, and the row is inserted.
pub(super) struct NewReview<'a> {
    pub to: Status,
    pub note: Option<&'a str>,
    pub evidence: &'a [String],
    pub reviewer: &'a str,
    pub url: Option<&'a str>,
    pub at: &'a str,
}

/// Records `review` of claim `id` and returns the status it had and the review's id.
pub(super) fn record_review(
    tx: &Transaction,
    id: i64,
    review: &NewReview,
) -> Result<(String, i64), StoreError> {
    let from: String = tx
        .query_row("SELECT status FROM claims WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(StoreError::UnknownClaim(id))?;
    let note = Review::check(id, &from, review.to, review.note)?;
    let row = ReviewRow {
        claim_id: id,
        from: &from,
        to: review.to,
        note,
        evidence: review.evidence,
        reviewer: review.reviewer,
        reviewed_at: review.at,
        url: review.url,
    };
    let review_id = insert_review(tx, &row)?;
    Ok((from, review_id))
}

impl Ledger {
    /// Records a review of several claims at once: all get the new status, or none does.
    pub fn review(
        &mut self,
        ids: &[i64],
        to: Status,
        note: Option<&str>,
        evidence: &[String],
        reviewer: &str,
    ) -> Result<(), StoreError> {
        self.review_published(ids, to, note, evidence, reviewer, None)
    }

    /// [`Ledger::review`] with the URL where the verdict was published (ClaimReview's `url`).
    pub fn review_published(
        &mut self,
        ids: &[i64],
        to: Status,
        note: Option<&str>,
        evidence: &[String],
        reviewer: &str,
        url: Option<&str>,
    ) -> Result<(), StoreError> {
        Review::check_target(to, note)?;
        let at = now();
        let review = NewReview {
            to,
            note,
            evidence,
            reviewer,
            url,
            at: &at,
        };
        self.write(|tx| {
            for &id in ids {
                record_review(tx, id, &review)?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewClaim;
    use crate::claim::{Mode, Stance};

    fn ledger_with_claim() -> Ledger {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let claim = NewClaim {
            id: None,
            text: "Ferry fares rose by a third.".into(),
            sentence: "Ferry fares rose by a third.".into(),
            speakers: Vec::new(),
            cue: None,
            mode: Mode::None,
            stance: Stance::Assert,
            checkworthiness: 0.5,
            source: None,
            created_at: None,
            span: None,
        };
        ledger.add_claims(&[claim]).unwrap();
        ledger
    }

    #[test]
    fn a_blank_note_is_stored_alike_from_the_cli_and_the_desk() {
        let mut ledger = ledger_with_claim();
        ledger
            .review(&[1], Status::InReview, Some("   "), &[], "ann")
            .unwrap();
        ledger
            .review_once(
                "form-1",
                1,
                Status::Unverified,
                Some("   "),
                &[],
                "bo",
                None,
            )
            .unwrap();
        let notes: Vec<_> = ledger
            .history(1)
            .unwrap()
            .into_iter()
            .map(|r| r.note)
            .collect();
        assert_eq!(notes, [None, None]);
    }

    #[test]
    fn the_desk_and_the_cli_refuse_the_same_reviews_with_the_same_words() {
        let mut ledger = ledger_with_claim();
        let cli = ledger
            .review(&[1], Status::False, Some(" "), &[], "ann")
            .unwrap_err()
            .to_string();
        let desk = ledger
            .review_once("form-1", 1, Status::False, Some(" "), &[], "bo", None)
            .unwrap_err()
            .to_string();
        assert_eq!(cli, desk);
        assert!(!cli.contains("--"), "a store error names no flag: {cli}");
        ledger
            .review(
                &[1],
                Status::False,
                Some("the port's own figures"),
                &[],
                "ann",
            )
            .unwrap();
        let cli = ledger
            .review(&[1], Status::InReview, None, &[], "ann")
            .unwrap_err();
        let desk = ledger
            .review_once("form-2", 1, Status::InReview, None, &[], "bo", None)
            .unwrap_err();
        assert_eq!(cli.to_string(), desk.to_string());
        assert!(matches!(cli, StoreError::Review(_)));
    }
}
