//! Domain types shared by every module: articles, claims, speakers, statuses and reviews.
//!
//! Nothing here does I/O. The extractor produces these values, the store persists them and the
//! exporters write them out; keeping them in one place is what lets those modules stay apart.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How a claim reaches the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Quoted word for word ("„…“, sagte X").
    Direct,
    /// Reported speech with a content clause ("X sagte, dass …").
    Indirect,
    /// A speech act summarised without its words ("X warned Moscow").
    Reported,
    /// A statement the article makes itself.
    None,
}

/// What the speaker does with the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Assert,
    Deny,
    Warn,
    Demand,
    Promise,
    Predict,
    Believe,
    Question,
}

/// The kind of a speaker, used to group them in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organisation,
    Government,
    Media,
    Group,
    Anonymous,
}

/// The review status of a claim. `Unverified` and `InReview` are working states; `Dismissed`
/// is triage ("not worth checking", hidden from the default queue); the rest are verdicts.
/// Verdicts and dismissals need a note when recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unverified,
    InReview,
    True,
    MostlyTrue,
    Mixed,
    MostlyFalse,
    False,
    Misleading,
    Unverifiable,
    Dismissed,
}

/// Implements `as_str`, `Display` and `FromStr` for a unit enum from one table of names, so the
/// spelling used in the CLI, the database and the JSON is written exactly once.
macro_rules! named_enum {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// Returns the name used on the command line, in the ledger and in exports.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, UnknownName> {
                let wanted = s.trim().to_ascii_lowercase();
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| UnknownName {
                        what: $what,
                        given: s.to_string(),
                        expected: $ty::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

named_enum!(Mode, "mode", { Direct => "direct", Indirect => "indirect", Reported => "reported", None => "none" });
named_enum!(Stance, "stance", {
    Assert => "assert", Deny => "deny", Warn => "warn", Demand => "demand",
    Promise => "promise", Predict => "predict", Believe => "believe", Question => "question",
});
named_enum!(SpeakerKind, "speaker kind", {
    Person => "person", Organisation => "organisation", Government => "government",
    Media => "media", Group => "group", Anonymous => "anonymous",
});
named_enum!(Status, "status", {
    Unverified => "unverified", InReview => "in-review", True => "true", MostlyTrue => "mostly-true",
    Mixed => "mixed", MostlyFalse => "mostly-false", False => "false", Misleading => "misleading",
    Unverifiable => "unverifiable", Dismissed => "dismissed",
});

/// A name that is not one of an enum's values; its message lists the accepted ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{given}': use one of {expected}")]
pub struct UnknownName {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

impl Status {
    /// Returns true for a verdict: a status that says what the claim is worth and needs a note.
    pub fn is_verdict(self) -> bool {
        !matches!(
            self,
            Status::Unverified | Status::InReview | Status::Dismissed
        )
    }

    /// Returns true for a status that needs a note saying why: a verdict or a dismissal.
    pub fn needs_note(self) -> bool {
        self.is_verdict() || self == Status::Dismissed
    }

    /// Returns the 1–5 rating used in ClaimReview (`reviewRating.ratingValue`, 1 = false,
    /// 5 = true), or `None` for statuses that are not a rating of truth.
    pub fn rating(self) -> Option<u8> {
        match self {
            Status::False => Some(1),
            Status::MostlyFalse | Status::Misleading => Some(2),
            Status::Mixed => Some(3),
            Status::MostlyTrue => Some(4),
            Status::True => Some(5),
            Status::Unverified | Status::InReview | Status::Unverifiable | Status::Dismissed => {
                None
            }
        }
    }
}

/// A byte range into an article's text (after decoding to UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A speaker as one claim names them: the canonical name found in the article, the role, the kind,
/// and the offsets of the mention this claim was attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerMention {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub kind: SpeakerKind,
    pub start: usize,
    pub end: usize,
}

/// The words that frame a claim as speech ("sagte", "according to").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One claim as extracted from an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    pub speakers: Vec<SpeakerMention>,
    pub cue: Option<Cue>,
    pub mode: Mode,
    pub stance: Stance,
    pub checkworthiness: f64,
}

/// What is known about an article besides its claims.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub language: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    /// ISO date (YYYY-MM-DD) when the article states one.
    pub published: Option<String>,
    pub url: Option<String>,
}

/// An article after extraction: its metadata, its text (as decoded) and its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub meta: ArticleMeta,
    pub text: String,
    pub claims: Vec<Claim>,
}

/// Separator of multi-valued cells (speakers, roles, kinds) in the ledger and in CSV.
pub const LIST_SEPARATOR: &str = "; ";

/// Joins names into one cell, `; ` between them. A `;` or `\` inside a name is written `\;`
/// or `\\`, so that a speaker called "A; B" stays one speaker.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let len: usize = items.iter().map(|i| i.as_ref().len() + 2).sum();
    let mut out = String::with_capacity(len);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(LIST_SEPARATOR);
        }
        let item = item.as_ref();
        // The common case, a name without either character, is copied whole (exports call
        // this three times per claim).
        if !item.contains([';', '\\']) {
            out.push_str(item);
            continue;
        }
        for c in item.chars() {
            if c == ';' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Splits a cell written by [`join_list`] back into its names.
pub fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    // Without an escape, only "; " separates (a lone ';' stays in the name).
    if !cell.contains('\\') {
        return cell.split(LIST_SEPARATOR).map(String::from).collect();
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some(';' | '\\')) => {
                item.extend(chars.next());
            }
            ';' if chars.peek() == Some(&' ') => {
                chars.next();
                items.push(std::mem::take(&mut item));
            }
            _ => item.push(c),
        }
    }
    items.push(item);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_rules_treat_a_blank_note_as_none() {
        let check = |from, to, note| Review::check(7, from, to, note);
        assert_eq!(
            check("unverified", Status::False, Some("  ")),
            Err(ReviewError::VerdictNeedsNote(Status::False))
        );
        assert_eq!(
            check("false", Status::InReview, Some("\t")),
            Err(ReviewError::ReopenNeedsNote {
                id: 7,
                from: "false".into()
            })
        );
        assert_eq!(check("unverified", Status::InReview, Some(" ")), Ok(None));
        assert_eq!(
            check("false", Status::False, Some("again")),
            Ok(Some("again"))
        );
        assert_eq!(check("in-review", Status::Unverified, None), Ok(None));
        // The messages say what is wrong, not which flag or field to fill in.
        let msg = check("unverified", Status::True, None)
            .unwrap_err()
            .to_string();
        assert!(!msg.contains("--"), "{msg}");
    }

    #[test]
    fn lists_keep_names_with_separators() {
        for names in [
            vec!["A; B".to_string(), "C".into()],
            vec!["back\\slash".into(), "semi;colon".into(), "".into()],
            vec!["Jane Roe".into()],
        ] {
            assert_eq!(split_list(&join_list(&names)), names);
        }
        assert_eq!(join_list(&["A; B", "C"]), "A\\; B; C");
        assert!(split_list("").is_empty());
        // Cells of older ledgers or typed by hand: only "; " separates.
        assert_eq!(split_list("a;b; c; "), ["a;b", "c", ""]);
        assert_eq!(split_list("a\\; b; c"), ["a; b", "c"]);
    }

    #[test]
    fn status_names_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().unwrap(), *s);
        }
    }

    #[test]
    fn unknown_status_lists_the_choices() {
        let err = "fake".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains("unknown status 'fake'"), "{err}");
        assert!(err.contains("mostly-false"), "{err}");
    }

    #[test]
    fn verdicts_and_ratings() {
        assert!(!Status::InReview.is_verdict());
        assert!(Status::False.is_verdict());
        assert_eq!(Status::True.rating(), Some(5));
        assert_eq!(Status::False.rating(), Some(1));
        assert_eq!(Status::Unverifiable.rating(), None);
    }
}

/// A claim as the ledger holds it, flattened for listing and export: one row per claim with its
/// speakers, source and latest review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: i64,
    pub status: Status,
    pub text: String,
    /// Speaker names, in order.
    pub speakers: Vec<String>,
    /// Roles of the speakers, in the same order ("" when unknown).
    pub roles: Vec<String>,
    pub kinds: Vec<String>,
    pub cue: Option<String>,
    pub mode: Mode,
    pub stance: Stance,
    pub checkworthiness: f64,
    pub source_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub last_review_note: Option<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub created_at: String,
    /// How many times the claim was seen (its appearances; 1 for a claim seen once).
    #[serde(default = "one")]
    pub appearances: i64,
    /// The dates of its first and last appearance (publication date, else the day recorded).
    #[serde(default)]
    pub first_seen: Option<String>,
    #[serde(default)]
    pub last_seen: Option<String>,
    /// Set on a claim that was merged into another one (it is then hidden from lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<i64>,
    /// Where the latest verdict was published (`review --url`), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
}

fn one() -> i64 {
    1
}

/// One row of an imported CSV: a claim, and with `export --appearances` one of its appearances.
pub type ImportRow = (ClaimRecord, Option<AppearanceRecord>);

/// One appearance of a claim: where, when and by whom it was said, in which words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppearanceRecord {
    pub id: i64,
    pub claim_id: i64,
    pub text: String,
    pub sentence: String,
    pub speakers: Vec<String>,
    pub roles: Vec<String>,
    pub kinds: Vec<String>,
    pub cue: Option<String>,
    pub mode: Mode,
    pub stance: Stance,
    pub source_id: Option<i64>,
    pub source_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// The publication date, else the day it was recorded.
    pub seen: String,
    pub created_at: String,
}

/// Source details that the user may give or override.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSource {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// The article's authors, when given (a .jsonl article); else those the extractor found.
    pub authors: Option<Vec<String>>,
}

/// A claim to record without an article (typed by hand, imported or generated).
#[derive(Debug, Clone)]
pub struct NewClaim {
    /// Keep this id (import); `None` lets the ledger choose.
    pub id: Option<i64>,
    pub text: String,
    pub sentence: String,
    pub speakers: Vec<SpeakerMention>,
    pub cue: Option<String>,
    pub mode: Mode,
    pub stance: Stance,
    pub checkworthiness: f64,
    pub source: Option<NewSource>,
    pub created_at: Option<String>,
    /// Byte offsets of the claim in its source's text, when it came from one.
    pub span: Option<(usize, usize)>,
}

/// A fact-check read from ClaimReview, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedReview {
    /// Its place in the file (1-based), for messages.
    pub index: usize,
    /// The review's URL: the key that makes importing it twice a no-op.
    pub url: String,
    pub claim: String,
    pub speakers: Vec<SpeakerMention>,
    /// Where the claim appeared (url, headline, publisher, date).
    pub appearances: Vec<NewSource>,
    /// When the claim was first made (itemReviewed.datePublished), YYYY-MM-DD.
    pub claim_date: Option<String>,
    pub language: Option<String>,
    pub status: Status,
    pub note: Option<String>,
    /// The publishing organisation: the reviewer.
    pub organisation: String,
    pub reviewed_at: String,
}

/// One row of a claim's review trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub claim_id: i64,
    pub from: Status,
    pub to: Status,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    pub reviewer: String,
    pub reviewed_at: String,
}

/// Why a review cannot be recorded: the review rules, in words for any reader (the CLI and
/// the desk each add how to give what is missing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    #[error("the status {0} needs a note saying why")]
    VerdictNeedsNote(Status),
    #[error("claim {id} is {from}; changing that needs a note saying why")]
    ReopenNeedsNote { id: i64, from: String },
}

/// Why an input file is not an article the extractor can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    #[error("the input is empty: give a file with article text")]
    Empty,
    #[error("the input looks binary, not text: give a .txt, .html or .jsonl article file")]
    Binary,
    #[error(
        "the input is not UTF-8 and looks like {0}, which claimledger does not read: convert it to UTF-8 first"
    )]
    UnknownEncoding(String),
    #[error("the HTML page has no article text: save the article as plain text and try again")]
    NoArticleText,
}

impl Review {
    /// Checks a change of claim `id` from the status `from` (as stored) to `to` with `note`,
    /// and returns the note to store (`None` for a blank one). The rules: a verdict or a
    /// dismissal needs a note saying why, and so does taking a verdict back.
    pub fn check<'a>(
        id: i64,
        from: &str,
        to: Status,
        note: Option<&'a str>,
    ) -> Result<Option<&'a str>, ReviewError> {
        let note = Self::note(note);
        if note.is_none() {
            if to.needs_note() {
                return Err(ReviewError::VerdictNeedsNote(to));
            }
            let had_verdict = from.parse::<Status>().is_ok_and(Status::needs_note);
            if had_verdict && from != to.as_str() {
                return Err(ReviewError::ReopenNeedsNote {
                    id,
                    from: from.to_string(),
                });
            }
        }
        Ok(note)
    }

    /// Checks what can be checked before the claim's status is known: whether `to` needs a note.
    pub fn check_target(to: Status, note: Option<&str>) -> Result<(), ReviewError> {
        if to.needs_note() && Self::note(note).is_none() {
            return Err(ReviewError::VerdictNeedsNote(to));
        }
        Ok(())
    }

    /// A review's note as stored: a blank note is no note.
    pub fn note(note: Option<&str>) -> Option<&str> {
        note.filter(|n| !n.trim().is_empty())
    }
}

/// Returns true for an http(s) address with a host and no spaces or control characters: the
/// only kind of URL the ledger stores (a `javascript:` or `file:` address would end up in
/// exported links).
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let name = host.split(':').next().unwrap_or("");
    !name.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A source (article) as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub id: i64,
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub dateline: Option<String>,
    pub language: Option<String>,
    pub ingested_at: String,
    pub claims: i64,
}

/// One claim with everything the ledger knows about it: the line of `export --format jsonl`,
/// the format for moving a ledger (import reads it back without losing anything).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullClaim {
    pub id: i64,
    pub status: Status,
    pub text: String,
    pub sentence: String,
    /// Byte offsets of the claim in its article's text, when it came from one.
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub speakers: Vec<FullSpeaker>,
    pub cue: Option<String>,
    pub mode: Mode,
    pub stance: Stance,
    pub checkworthiness: f64,
    pub source: Option<FullSource>,
    pub created_at: String,
    pub updated_at: String,
    /// Every review, oldest first.
    pub reviews: Vec<FullReview>,
    /// The corrections of this claim (edits of its text, speakers, …), oldest first.
    /// Corrections of a speaker or source as a whole are not carried.
    #[serde(default)]
    pub corrections: Vec<FullCorrection>,
    /// Where and by whom it was said, by appearance id (none for a claim merged into another:
    /// its appearances are that one's now). Absent in files written before appearances
    /// existed: the claim then has one appearance, the claim itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearances: Option<Vec<FullAppearance>>,
    /// The claim it was merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<i64>,
    /// Its trail besides reviews and corrections: merges, splits, undone merges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trail: Vec<FullEvent>,
    /// Matches suggested at ingest, from this claim to another one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<FullSuggestion>,
}

/// One appearance in a [`FullClaim`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullAppearance {
    pub id: i64,
    /// The claim it was first recorded as (where undoing a merge sends it back).
    pub origin: i64,
    pub text: String,
    pub sentence: String,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub speakers: Vec<FullSpeaker>,
    pub cue: Option<String>,
    pub mode: Mode,
    pub stance: Stance,
    pub source: Option<FullSource>,
    pub created_at: String,
}

/// One entry of a claim's trail of merges and splits in a [`FullClaim`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullEvent {
    pub kind: String,
    pub other: Option<i64>,
    pub appearance: Option<i64>,
    pub score: Option<f64>,
    pub note: Option<String>,
    pub actor: String,
    pub at: String,
}

/// A match suggested at ingest, in a [`FullClaim`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullSuggestion {
    pub candidate: i64,
    pub score: f64,
    pub relation: String,
    pub reason: Option<String>,
    pub state: String,
    pub created_at: String,
}

/// One correction in a [`FullClaim`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullCorrection {
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
    pub corrector: String,
    pub corrected_at: String,
}

/// A speaker of a claim, with the role and kind this claim gave and the aliases they have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullSpeaker {
    pub name: String,
    pub role: Option<String>,
    pub kind: SpeakerKind,
    /// How this claim's article named them.
    pub mention: Option<String>,
    pub aliases: Vec<String>,
}

/// A claim's source as stored (without the article's text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullSource {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub dateline: Option<String>,
    pub language: Option<String>,
    /// Identifies the article, so that ingesting it again into the new ledger adds nothing.
    pub content_hash: String,
    pub ingested_at: String,
}

/// One review in a [`FullClaim`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullReview {
    pub from: Status,
    pub to: Status,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    pub reviewer: String,
    pub reviewed_at: String,
    /// Where the verdict was published (`review --url`, or an imported ClaimReview's url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One correction of the ledger: an edit of a claim, speaker or source, or a deleted claim,
/// with who made it, when and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub id: i64,
    /// claim, speaker or source.
    pub target: String,
    pub target_id: i64,
    /// edit, delete, rename, merge or set.
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
    pub corrector: String,
    pub corrected_at: String,
}

/// Reads a calendar date written as `YYYY-MM-DD` (four-digit year, two-digit month and day).
/// The error says what is wrong with it, to follow the name of the field it was given for.
pub fn iso_date(value: &str) -> Result<chrono::NaiveDate, &'static str> {
    // chrono alone reads "24-1-1" as the year 24: the shape is checked first.
    let b = value.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(
            "is not a date in the form YYYY-MM-DD (four-digit year, two-digit month and day), e.g. 2024-03-31",
        );
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| "is not a date of the calendar: check month and day")
}
