//! Claim filters shared by `list`, `export` and `stats`: built into a WHERE clause with `?`
//! parameters only.

use crate::claim::{Mode, Stance, Status, UnknownName};
use rusqlite::types::Value;

/// How to order listed claims: `list --sort` and the desk's `sort=` read the same words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Id,
    /// By the source's publication date (else when the claim was recorded), oldest first.
    Date,
    /// By that date, newest first.
    Newest,
    /// Highest check-worthiness first.
    Score,
    Status,
}

impl SortOrder {
    /// The words, each with its order ("date" is another word for "oldest").
    pub const WORDS: [(&'static str, SortOrder); 6] = [
        ("id", SortOrder::Id),
        ("oldest", SortOrder::Date),
        ("date", SortOrder::Date),
        ("newest", SortOrder::Newest),
        ("score", SortOrder::Score),
        ("status", SortOrder::Status),
    ];

    /// Reads a sort word; the error is the message.
    pub fn from_word(word: &str) -> Result<SortOrder, String> {
        Self::WORDS
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word.trim()))
            .map(|(_, order)| *order)
            .ok_or_else(|| {
                let words: Vec<&str> = Self::WORDS.iter().map(|(w, _)| *w).collect();
                format!("unknown sort '{word}': use {}", words.join(", "))
            })
    }

    /// The first word for this order.
    pub fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(_, order)| *order == self)
            .map_or("id", |(w, _)| w)
    }

    /// The ORDER BY clause, over claims `c` joined with their first source `s`.
    pub(crate) fn order_by(self) -> &'static str {
        match self {
            SortOrder::Id => " ORDER BY c.id",
            SortOrder::Date => " ORDER BY COALESCE(s.published, c.created_at), c.id",
            SortOrder::Newest => " ORDER BY COALESCE(s.published, c.created_at) DESC, c.id DESC",
            SortOrder::Score => " ORDER BY c.checkworthiness DESC, c.id",
            SortOrder::Status => concat!(" ORDER BY ", shown_status!(), ", c.id"),
        }
    }
}

/// Which claims to return. Every field narrows the result; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub status: Option<Status>,
    /// A speaker's name or one of their aliases (case-insensitive).
    pub speaker: Option<String>,
    /// The publisher of any of the claim's appearances.
    pub publisher: Option<String>,
    /// The article's language code ("de", "en", "fr").
    pub language: Option<String>,
    /// A source id, URL or title (title matched as a substring) of any of the claim's
    /// appearances.
    pub source: Option<String>,
    pub stance: Option<Stance>,
    pub mode: Option<Mode>,
    /// ISO dates (inclusive) on the publication date of any of the claim's appearances.
    pub since: Option<String>,
    pub until: Option<String>,
    /// With `since` or `until`, also claims whose source has no publication date.
    pub undated: bool,
    pub min_score: Option<f64>,
    /// Leave out dismissed claims (the default queue of `list`).
    pub hide_dismissed: bool,
    /// `Some(true)`: claims with a verdict, their own or one of a claim merged into them;
    /// `Some(false)`: claims without.
    pub checked: Option<bool>,
    /// Only claims with an open suggested match.
    pub suggested: bool,
    /// Only claims with a verdict that were seen again after it: ingest made a later article's
    /// claim an appearance of them or suggested them as its match, or stored a copy of an
    /// article they appear in.
    pub recurring: bool,
    /// Also claims merged into another one (hidden otherwise: they are listed through that
    /// one). The full-fidelity export carries them.
    pub include_merged: bool,
    pub sort: SortOrder,
    pub limit: Option<u64>,
}

/// A claim filter as people write it: the words of `list`'s flags and of the desk's query
/// string. The CLI fills it from its flags and the desk reads it from the query string with
/// serde; [`FilterWords::check`] is the one place their values are checked and turned into a
/// [`ClaimFilter`]. An empty value means the word was not given.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilterWords {
    pub status: Option<String>,
    pub speaker: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    pub stance: Option<String>,
    pub mode: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// yes/no: with `since` or `until`, also claims without a publication date.
    pub undated: Option<String>,
    pub min_score: Option<String>,
    /// yes: only claims with a verdict; no: only claims without.
    pub checked: Option<String>,
    /// yes/no: only claims with an open suggested match.
    pub suggested: Option<String>,
}

/// A filter word with a value it cannot take.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    /// Not one of the word's names (a status, stance, mode or language).
    #[error(transparent)]
    Unknown(#[from] UnknownName),
    /// `key` is the word ("since", "min_score"); the message reads "{key} '{value}' {why}".
    #[error("{key} '{value}' {why}")]
    Value {
        key: &'static str,
        value: String,
        why: String,
    },
}

impl FilterWords {
    /// The words, as serde reads them.
    pub const KEYS: [&'static str; 13] = [
        "status",
        "speaker",
        "publisher",
        "language",
        "source",
        "stance",
        "mode",
        "since",
        "until",
        "undated",
        "min_score",
        "checked",
        "suggested",
    ];

    /// Checks every value and returns the filter they describe (no order, no limit).
    pub fn check(&self) -> Result<ClaimFilter, FilterError> {
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        let bad = |key: &'static str, value: &str, why: String| FilterError::Value {
            key,
            value: value.to_string(),
            why,
        };
        fn named<T: std::str::FromStr<Err = UnknownName>>(
            v: &Option<String>,
        ) -> Result<Option<T>, FilterError> {
            Ok(given(v).map(str::parse).transpose()?)
        }
        let date = |key: &'static str, v: &Option<String>| -> Result<_, FilterError> {
            given(v)
                .map(|x| {
                    crate::claim::iso_date(x)
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .map_err(|why| bad(key, x, why.to_string()))
                })
                .transpose()
        };
        let yes_no = |key: &'static str, v: &Option<String>| -> Result<_, FilterError> {
            given(v)
                .map(|x| match x.to_ascii_lowercase().as_str() {
                    "0" | "no" | "false" | "off" => Ok(false),
                    "1" | "yes" | "true" | "on" => Ok(true),
                    _ => Err(bad(key, x, "is not yes or no".into())),
                })
                .transpose()
        };
        let language = given(&self.language)
            .map(|x| {
                crate::lang::Lang::from_code(x)
                    .map(|l| l.code().to_string())
                    .ok_or_else(|| UnknownName {
                        what: "language",
                        given: x.to_string(),
                        expected: crate::lang::Lang::ALL.map(|l| l.code()).join(", "),
                    })
            })
            .transpose()?;
        let min_score = given(&self.min_score)
            .map(|x| match x.parse::<f64>() {
                Ok(n) if (0.0..=1.0).contains(&n) => Ok(n),
                Ok(_) => Err(bad(
                    "min_score",
                    x,
                    "is out of range: use a number from 0 to 1".into(),
                )),
                Err(_) => Err(bad(
                    "min_score",
                    x,
                    "is not a number: use a number from 0 to 1".into(),
                )),
            })
            .transpose()?;
        let filter = ClaimFilter {
            status: named(&self.status)?,
            speaker: given(&self.speaker).map(str::to_string),
            publisher: given(&self.publisher).map(str::to_string),
            language,
            source: given(&self.source).map(str::to_string),
            stance: named(&self.stance)?,
            mode: named(&self.mode)?,
            since: date("since", &self.since)?,
            until: date("until", &self.until)?,
            undated: yes_no("undated", &self.undated)?.unwrap_or(false),
            min_score,
            checked: yes_no("checked", &self.checked)?,
            suggested: yes_no("suggested", &self.suggested)?.unwrap_or(false),
            ..ClaimFilter::default()
        };
        if let (Some(since), Some(until)) = (&filter.since, &filter.until)
            && since > until
        {
            return Err(bad(
                "since",
                since,
                format!("is after until {until}: swap them"),
            ));
        }
        Ok(filter)
    }
}

impl ClaimFilter {
    /// Returns true when the filter selects every claim (it may still order them).
    pub fn selects_all(&self) -> bool {
        self.limit.is_none() && self.conditions(1).0.is_empty()
    }

    /// Appends WHERE, ORDER BY and LIMIT to `select` and returns the SQL with its parameters.
    pub fn to_sql(&self, select: &str) -> (String, Vec<Value>) {
        let (conditions, values) = self.conditions(1);
        let mut sql = String::from(select);
        // A claim merged into another one is listed through that one.
        let mut all = Vec::new();
        if !self.include_merged {
            all.push("c.merged_into IS NULL");
        }
        if !conditions.is_empty() {
            all.push(&conditions);
        }
        if !all.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&all.join(" AND "));
        }
        sql.push_str(self.sort.order_by());
        if let Some(limit) = self.limit {
            // SQLite's LIMIT is a signed 64-bit number; anything above it means no limit.
            sql.push_str(&format!(" LIMIT {}", limit.min(i64::MAX as u64)));
        }
        (sql, values)
    }

    /// Returns the filter's conditions joined by AND (empty for no filter), with parameters
    /// numbered from `first` on. They name the claim `c` and its source `s`.
    pub fn conditions(&self, first: usize) -> (String, Vec<Value>) {
        // Each clause with its values: "?1x", "?2x", … mark them in a clause that names one
        // more than once or several; else each "?" takes the next.
        let mut clauses: Vec<(&str, Vec<Value>)> = Vec::new();
        let mut add = |clause: &'static str, value: Value| {
            clauses.push((clause, vec![value]));
        };
        if let Some(s) = self.status {
            add(
                concat!(shown_status!(), " = ?"),
                Value::Text(s.as_str().into()),
            );
        }
        if let Some(name) = &self.speaker {
            // Through the appearances: a claim counts for everyone who said it.
            add(
                "c.id IN (SELECT a.claim_id FROM appearances a
                    JOIN appearance_speakers asp ON asp.appearance_id = a.id WHERE asp.speaker_id IN (
                    SELECT id FROM speakers WHERE name = ?1x COLLATE NOCASE
                    UNION SELECT speaker_id FROM speaker_aliases WHERE alias = ?1x COLLATE NOCASE))",
                Value::Text(name.clone()),
            );
        }
        if let Some(p) = &self.publisher {
            // Any appearance: a syndicated story counts for every paper that printed it.
            add(
                "c.id IN (SELECT a.claim_id FROM appearances a JOIN sources sa ON sa.id = a.source_id
                    WHERE sa.publisher = ? COLLATE NOCASE)",
                Value::Text(p.clone()),
            );
        }
        if let Some(l) = &self.language {
            add("s.language = ? COLLATE NOCASE", Value::Text(l.clone()));
        }
        if let Some(src) = &self.source {
            match src.parse::<i64>() {
                Ok(id) => add(
                    "c.id IN (SELECT claim_id FROM appearances WHERE source_id = ?)",
                    Value::Integer(id),
                ),
                Err(_) => add(
                    "c.id IN (SELECT a.claim_id FROM appearances a JOIN sources sa ON sa.id = a.source_id
                        WHERE sa.url = ?1x OR sa.title LIKE '%' || ?1x || '%')",
                    Value::Text(src.clone()),
                ),
            }
        }
        if let Some(s) = self.stance {
            add("c.stance = ?", Value::Text(s.as_str().into()));
        }
        if let Some(m) = self.mode {
            add("c.mode = ?", Value::Text(m.as_str().into()));
        }
        // Dates are publication dates of the articles the claim appeared in, one of them in the
        // range; an appearance without one is left out unless `undated` asks for it.
        if self.since.is_some() || self.until.is_some() {
            let since = Value::Text(self.since.clone().unwrap_or_default());
            // After any ISO date.
            let until = Value::Text(self.until.clone().unwrap_or_else(|| "~".into()));
            clauses.push((
                if self.undated {
                    "c.id IN (SELECT a.claim_id FROM appearances a LEFT JOIN sources sa ON sa.id = a.source_id
                        WHERE sa.published IS NULL OR sa.published BETWEEN ?1x AND ?2x)"
                } else {
                    "c.id IN (SELECT a.claim_id FROM appearances a JOIN sources sa ON sa.id = a.source_id
                        WHERE sa.published BETWEEN ?1x AND ?2x)"
                },
                vec![since, until],
            ));
        }
        if let Some(x) = self.min_score {
            clauses.push(("c.checkworthiness >= ?", vec![Value::Real(x)]));
        }
        let mut sql = String::new();
        let mut values: Vec<Value> = Vec::new();
        for (i, (clause, given)) in clauses.into_iter().enumerate() {
            if i > 0 {
                sql.push_str(" AND ");
            }
            let mut numbered = clause.to_string();
            for k in 0..given.len() {
                let n = first + values.len() + k;
                let marked = format!("?{}x", k + 1);
                numbered = if numbered.contains(&marked) {
                    numbered.replace(&marked, &format!("?{n}"))
                } else {
                    numbered.replacen('?', &format!("?{n}"), 1)
                };
            }
            sql.push_str(&numbered);
            values.extend(given);
        }
        // Clauses without a parameter go last, so the numbering above stays in step.
        let mut fixed: Vec<String> = Vec::new();
        if self.hide_dismissed && self.status.is_none() {
            fixed.push(concat!(shown_status!(), " <> 'dismissed'").into());
        }
        match self.checked {
            Some(true) => fixed.push(CHECKED.into()),
            Some(false) => fixed.push(format!("NOT {CHECKED}")),
            None => {}
        }
        if self.recurring {
            fixed.push(format!("{CHECKED} AND {RECURRING}"));
        }
        if self.suggested {
            fixed.push(
                "EXISTS (SELECT 1 FROM suggestions g WHERE g.state = 'open' AND g.claim_id = c.id)"
                    .into(),
            );
        }
        for clause in fixed {
            if !sql.is_empty() {
                sql.push_str(" AND ");
            }
            sql.push_str(&clause);
        }
        (sql, values)
    }
}

/// True for a claim with a verdict of its own or of a claim merged into it (the status it
/// shows). A dismissal ("not worth checking") is no verdict.
const CHECKED: &str = concat!(
    shown_status!(),
    " NOT IN ('unverified', 'in-review', 'dismissed')"
);

/// True for a claim seen again after its first verdict (its own or that of a claim merged
/// into it): an appearance from an ingested article recorded since, other than its first one,
/// or a claim ingested since with it as the suggested match.
const RECURRING: &str = "EXISTS (
    SELECT 1 FROM (
        SELECT MIN(r.reviewed_at) AS at FROM reviews r JOIN claims m ON m.id = r.claim_id
        WHERE (m.id = c.id OR m.merged_into = c.id)
          AND r.to_status NOT IN ('unverified', 'in-review', 'dismissed')) v
    WHERE v.at IS NOT NULL AND (
        EXISTS (SELECT 1 FROM appearances a JOIN sources sa ON sa.id = a.source_id
                WHERE a.claim_id = c.id AND a.created_at >= v.at AND sa.body <> ''
                  AND a.id > (SELECT MIN(f.id) FROM appearances f WHERE f.claim_id = c.id))
        OR EXISTS (SELECT 1 FROM suggestions g WHERE g.candidate_id = c.id AND g.state <> 'dismissed'
                   AND g.created_at >= v.at)))";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_in_order() {
        let filter = ClaimFilter {
            status: Some(Status::False),
            speaker: Some("Anna".into()),
            min_score: Some(0.5),
            limit: Some(5),
            ..Default::default()
        };
        let (sql, values) = filter.to_sql("SELECT 1 FROM claims c");
        assert!(sql.contains("c.status) = ?1"), "{sql}");
        assert!(sql.contains("name = ?2 COLLATE"), "{sql}");
        assert!(sql.contains("alias = ?2 COLLATE"), "{sql}");
        assert!(sql.contains("c.checkworthiness >= ?3"), "{sql}");
        assert!(sql.ends_with("LIMIT 5"), "{sql}");
        assert_eq!(values.len(), 3);
    }
}
