//! Reading ClaimReview JSON-LD: one object, an array, a `@graph`, or a schema.org DataFeed.
//! Every review is checked before anything is stored, so a bad one imports nothing.

pub use crate::claim::ImportedReview;
use crate::claim::{NewSource, SpeakerKind, SpeakerMention, Status};
use serde_json::Value;

/// Why a file is not ClaimReview we can import; names the item.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ClaimReviewProblem {
    pub message: String,
    pub kind: ProblemKind,
}

/// What kind of problem a [`ClaimReviewProblem`] is, for a caller that says what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is not JSON at all.
    NotJson,
    /// A rating label that the label table does not know, and no status was given for such.
    UnknownRating,
    /// Anything else: the message says what.
    Other,
}

impl ClaimReviewProblem {
    fn new(kind: ProblemKind, message: impl Into<String>) -> Self {
        ClaimReviewProblem {
            message: message.into(),
            kind,
        }
    }
}

fn problem(index: usize, what: impl std::fmt::Display) -> ClaimReviewProblem {
    ClaimReviewProblem::new(ProblemKind::Other, format!("item {index}: {what}"))
}

/// Reads every ClaimReview in `bytes`. An unknown rating label is an error unless `unmapped`
/// says which status to give it.
pub fn read(
    bytes: &[u8],
    unmapped: Option<Status>,
) -> Result<Vec<ImportedReview>, ClaimReviewProblem> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| ClaimReviewProblem::new(ProblemKind::NotJson, format!("not JSON ({e})")))?;
    let items = items(&doc)?;
    if items.is_empty() {
        return Err(ClaimReviewProblem::new(
            ProblemKind::Other,
            "the JSON holds no ClaimReview: give objects with \"@type\": \"ClaimReview\"",
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| one(i + 1, item, unmapped))
        .collect()
}

fn has_type(v: &Value, wanted: &str) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(ts)) => ts.iter().any(|t| t == wanted),
        _ => false,
    }
}

fn type_name(v: &Value) -> String {
    match v.get("@type") {
        Some(Value::String(t)) => t.clone(),
        Some(other) => other.to_string(),
        None => "object without @type".into(),
    }
}

/// The ClaimReview objects of a list (an array, a feed's elements): anything else is an error.
fn strict(list: &[Value]) -> Result<Vec<&Value>, ClaimReviewProblem> {
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        // A DataFeedItem wraps the review in "item".
        let v = if has_type(v, "DataFeedItem") {
            v.get("item").unwrap_or(v)
        } else {
            v
        };
        let inner: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for v in inner {
            if !has_type(v, "ClaimReview") {
                return Err(problem(
                    i + 1,
                    format!("is a {}, not a ClaimReview", type_name(v)),
                ));
            }
            out.push(v);
        }
    }
    Ok(out)
}

/// The ClaimReview objects of a document, in order.
fn items(doc: &Value) -> Result<Vec<&Value>, ClaimReviewProblem> {
    match doc {
        Value::Array(list) => strict(list),
        Value::Object(_) if has_type(doc, "ClaimReview") => Ok(vec![doc]),
        Value::Object(_) if has_type(doc, "DataFeed") => match doc.get("dataFeedElement") {
            Some(Value::Array(list)) => strict(list),
            _ => Err(ClaimReviewProblem::new(
                ProblemKind::Other,
                "the DataFeed has no dataFeedElement list",
            )),
        },
        // A graph mixes types (the organisation, the page): take its ClaimReviews.
        Value::Object(_) if doc.get("@graph").is_some_and(Value::is_array) => Ok(doc["@graph"]
            .as_array()
            .map(|g| g.iter().filter(|v| has_type(v, "ClaimReview")).collect())
            .unwrap_or_default()),
        other => Err(ClaimReviewProblem::new(
            ProblemKind::Other,
            format!(
                "the JSON is a {}, not ClaimReview: give a ClaimReview object, an array, a @graph or a DataFeed",
                type_name(other)
            ),
        )),
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// "2024-05-01" or an ISO time → the date; anything else is refused.
fn date(
    index: usize,
    field: &str,
    value: Option<String>,
) -> Result<Option<String>, ClaimReviewProblem> {
    let Some(v) = value else { return Ok(None) };
    let day = v.get(..10).unwrap_or(&v);
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| Some(d.format("%Y-%m-%d").to_string()))
        .map_err(|_| problem(index, format!("{field} '{v}' is not a date (YYYY-MM-DD)")))
}

fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(o @ Value::Object(_)) => vec![o],
        _ => Vec::new(),
    }
}

fn one(
    index: usize,
    v: &Value,
    unmapped: Option<Status>,
) -> Result<ImportedReview, ClaimReviewProblem> {
    let claim = text(v, "claimReviewed").ok_or_else(|| {
        problem(
            index,
            "has no claimReviewed: every ClaimReview names the claim",
        )
    })?;
    let url = text(v, "url").ok_or_else(|| {
        problem(
            index,
            "has no url: every ClaimReview needs the address of the fact-check",
        )
    })?;
    let organisation = v
        .get("author")
        .and_then(|a| list(Some(a)).first().and_then(|o| text(o, "name")))
        .ok_or_else(|| {
            problem(
                index,
                "has no author name: say which organisation checked the claim",
            )
        })?;
    let status = rating(index, v.get("reviewRating"), unmapped)?;
    let reviewed = date(index, "datePublished", text(v, "datePublished"))?.ok_or_else(|| {
        problem(
            index,
            "has no datePublished: say when the fact-check was published",
        )
    })?;
    let item = v.get("itemReviewed").cloned().unwrap_or(Value::Null);
    let speakers = list(item.get("author"))
        .into_iter()
        .filter_map(|a| {
            Some(SpeakerMention {
                name: text(a, "name")?,
                role: None,
                kind: match type_name(a).as_str() {
                    "GovernmentOrganization" => SpeakerKind::Government,
                    "Organization" | "NewsMediaOrganization" => SpeakerKind::Organisation,
                    _ => SpeakerKind::Person,
                },
                start: 0,
                end: 0,
            })
        })
        .collect();
    let language = text(v, "inLanguage");
    let mut appearances: Vec<NewSource> = Vec::new();
    for work in list(item.get("appearance"))
        .into_iter()
        .chain(list(item.get("firstAppearance")))
    {
        let Some(u) = text(work, "url") else { continue };
        if appearances.iter().any(|a| a.url.as_deref() == Some(&u)) {
            continue;
        }
        appearances.push(NewSource {
            url: Some(u),
            title: text(work, "headline").or_else(|| text(work, "name")),
            publisher: work.get("publisher").and_then(|p| text(p, "name")),
            published: date(
                index,
                "appearance datePublished",
                text(work, "datePublished"),
            )?,
            language: language.clone(),
            authors: None,
        });
    }
    // Every verdict in the ledger has a note, so that each of its exports imports again:
    // without a body, the rating's label (the verdict in the publisher's words), else the
    // review's URL (where its reasons are).
    let note = text(v, "reviewBody")
        .or_else(|| v.get("reviewRating").and_then(|r| text(r, "alternateName")))
        .unwrap_or_else(|| url.clone());
    Ok(ImportedReview {
        index,
        url,
        claim,
        speakers,
        appearances,
        claim_date: date(
            index,
            "itemReviewed datePublished",
            text(&item, "datePublished"),
        )?,
        language,
        status,
        note: Some(note),
        organisation,
        reviewed_at: format!("{reviewed}T00:00:00Z"),
    })
}

/// The status of a reviewRating: by ratingValue within worstRating..bestRating (the label
/// chooses between statuses of the same band: misleading and mostly false), else by the label.
fn rating(
    index: usize,
    r: Option<&Value>,
    unmapped: Option<Status>,
) -> Result<Status, ClaimReviewProblem> {
    let r = r.ok_or_else(|| problem(index, "has no reviewRating"))?;
    let label = text(r, "alternateName");
    let by_label = label
        .as_deref()
        .and_then(super::claimreview::status_of_label);
    let worst = number(r.get("worstRating")).unwrap_or(1.0);
    let best = number(r.get("bestRating")).unwrap_or(5.0);
    if let Some(value) = number(r.get("ratingValue")).filter(|v| *v >= 0.0) {
        if best <= worst || value < worst || value > best {
            return Err(problem(
                index,
                format!(
                    "ratingValue {value} is outside its own worstRating {worst} .. bestRating {best}"
                ),
            ));
        }
        let band = (((value - worst) / (best - worst)) * 4.0).round() as u8 + 1;
        if let Some(s) = by_label.filter(|s| s.rating() == Some(band)) {
            return Ok(s);
        }
        return Ok(match band {
            1 => Status::False,
            2 => Status::MostlyFalse,
            3 => Status::Mixed,
            4 => Status::MostlyTrue,
            _ => Status::True,
        });
    }
    match (by_label, label, unmapped) {
        (Some(s), _, _) => Ok(s),
        (None, Some(_), Some(s)) => Ok(s),
        (None, Some(l), None) => Err(ClaimReviewProblem::new(
            ProblemKind::UnknownRating,
            format!("item {index}: the rating '{l}' is not in the label table"),
        )),
        (None, None, _) => Err(problem(
            index,
            "the reviewRating has neither ratingValue nor alternateName",
        )),
    }
}
