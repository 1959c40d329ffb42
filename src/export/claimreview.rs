//! ClaimReview (schema.org) JSON-LD for reviewed claims, the format search engines and
//! fact-check aggregators read.

use crate::claim::ClaimRecord;
use serde_json::{Value, json};

/// Builds the ClaimReview object of one reviewed claim; `None` for claims without a verdict.
pub fn claim_review(r: &ClaimRecord, organisation: &str) -> Option<Value> {
    if !r.status.is_verdict() {
        return None;
    }
    let rating = r.status.rating();
    Some(json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": r.text,
        "datePublished": r.reviewed_at.as_deref().map(|d| d.get(..10).unwrap_or(d)),
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": r.status.as_str(),
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": r.speakers.iter().map(|s| json!({"@type": "Thing", "name": s})).collect::<Vec<_>>(),
            "appearance": r.url.as_ref().map(|u| json!({"@type": "CreativeWork", "url": u, "headline": r.source_title})),
            "datePublished": r.published,
        },
        "reviewBody": r.last_review_note,
    }))
}
