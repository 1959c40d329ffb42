//! ClaimReview (schema.org) JSON-LD, the format search engines and fact-check aggregators read:
//! written for published verdicts, and read back (ours, or other organisations' fact-checks).

use crate::claim::{AppearanceRecord, ClaimRecord, Status};
use serde_json::{Value, json};
use std::sync::LazyLock;

/// The fact-checking organisation that publishes the reviews.
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    pub name: String,
    pub url: Option<String>,
    /// For verdicts without a published URL: `{base_url}/claims/{id}`.
    pub base_url: Option<String>,
}

/// What became of one claim.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    Review(Value),
    /// No verdict, or one that is not a rating of truth (unverifiable).
    NoRating,
    /// A verdict without a published URL and no `--base-url` to form one.
    NoUrl,
}

/// One row of `ratings.tsv`: a status, a language and a label.
struct Label {
    status: Status,
    lang: &'static str,
    label: &'static str,
    key: String,
}

static LABELS: LazyLock<Vec<Label>> = LazyLock::new(|| {
    include_str!("ratings.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cells = l.split('\t');
            let status = cells.next()?.parse().ok()?;
            let lang = cells.next()?;
            let label = cells.next()?;
            Some(Label {
                status,
                lang,
                label,
                key: label_key(label),
            })
        })
        .collect()
});

/// A label as compared: lower case, diacritics folded, letters and digits only.
fn label_key(label: &str) -> String {
    crate::matching::normalise(label)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The status a rating label stands for ("Pants on Fire" → false), if the table knows it.
pub fn status_of_label(label: &str) -> Option<Status> {
    let key = label_key(label);
    LABELS.iter().find(|l| l.key == key).map(|l| l.status)
}

/// The human label of a status in a language (German for "de", else English).
pub fn label_of(status: Status, lang: Option<&str>) -> Option<&'static str> {
    let lang = if lang == Some("de") { "de" } else { "en" };
    LABELS
        .iter()
        .find(|l| l.status == status && l.lang == lang)
        .map(|l| l.label)
}

/// The schema.org type of a speaker kind.
fn speaker_type(kind: &str) -> &'static str {
    match kind {
        "government" => "GovernmentOrganization",
        "organisation" | "media" | "group" => "Organization",
        _ => "Person",
    }
}

/// Builds the ClaimReview of one claim with every appearance that has a URL.
pub fn claim_review(
    r: &ClaimRecord,
    appearances: &[AppearanceRecord],
    org: &Organisation,
) -> Written {
    let Some(rating) = r.status.rating().filter(|_| r.status.is_verdict()) else {
        return Written::NoRating;
    };
    let url = match (&r.review_url, &org.base_url) {
        (Some(u), _) => u.clone(),
        (None, Some(base)) => format!("{}/claims/{}", base.trim_end_matches('/'), r.id),
        (None, None) => return Written::NoUrl,
    };
    let mut seen = Vec::new();
    let works: Vec<Value> = appearances
        .iter()
        .filter(|a| {
            a.url.as_ref().is_some_and(|u| {
                !seen.contains(u) && {
                    seen.push(u.clone());
                    true
                }
            })
        })
        .map(|a| {
            // The article's own date only: when it was recorded is no publication date.
            let mut work = json!({"@type": "CreativeWork", "url": a.url});
            if let Some(d) = &a.published {
                work["datePublished"] = json!(d);
            }
            if let Some(h) = &a.source_title {
                work["headline"] = json!(h);
            }
            if let Some(p) = &a.publisher {
                work["publisher"] = json!({"@type": "Organization", "name": p});
            }
            work
        })
        .collect();
    let mut item = json!({"@type": "Claim"});
    // When the claim was first made: its earliest dated article (never when it was recorded).
    if let Some(first) = appearances
        .iter()
        .filter_map(|a| a.published.as_ref())
        .min()
    {
        item["datePublished"] = json!(first);
    }
    if !r.speakers.is_empty() {
        item["author"] = r
            .speakers
            .iter()
            .enumerate()
            .map(|(i, name)| {
                json!({
                    "@type": speaker_type(r.kinds.get(i).map_or("person", String::as_str)),
                    "name": name,
                })
            })
            .collect();
    }
    if let Some(first) = works.first() {
        item["firstAppearance"] = first.clone();
        item["appearance"] = Value::Array(works.clone());
    }
    let mut author = json!({"@type": "Organization", "name": org.name});
    if let Some(u) = &org.url {
        author["url"] = json!(u);
    }
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": r.text,
        "datePublished": r.reviewed_at.as_deref().map(|d| d.get(..10).unwrap_or(d)),
        "author": author,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label_of(r.status, r.language.as_deref()),
        },
        "itemReviewed": item,
        "reviewBody": r.last_review_note,
    });
    if let Some(lang) = &r.language {
        review["inLanguage"] = json!(lang);
    }
    Written::Review(review)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_both_ways() {
        assert_eq!(status_of_label("Pants on Fire!"), Some(Status::False));
        assert_eq!(
            status_of_label("größtenteils FALSCH"),
            Some(Status::MostlyFalse)
        );
        assert_eq!(
            status_of_label("Fehlender Kontext"),
            Some(Status::Misleading)
        );
        assert_eq!(status_of_label("Half-True"), Some(Status::Mixed));
        assert_eq!(status_of_label("Satire"), None);
        assert_eq!(
            label_of(Status::MostlyFalse, Some("de")),
            Some("Größtenteils falsch")
        );
        assert_eq!(
            label_of(Status::MostlyFalse, Some("en")),
            Some("Mostly false")
        );
        assert_eq!(label_of(Status::False, None), Some("False"));
        for s in Status::ALL.iter().filter(|s| s.is_verdict()) {
            for lang in ["en", "de"] {
                let label = label_of(*s, Some(lang)).unwrap();
                assert_eq!(status_of_label(label), Some(*s), "{label}");
            }
        }
    }
}
