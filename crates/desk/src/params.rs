//! The query string of the desk's pages: the filters of `list`, the order and the page, read
//! strictly so that a malformed filter is a 400 page that says what is wrong.

use crate::claim::Status;
use crate::store::ClaimFilter;
use crate::store::desk::QueueOrder;

/// Claims per page of the queue.
pub const PAGE_SIZE: u64 = 50;
/// The highest page number accepted (deeper paging is a search or a filter's job).
const MAX_PAGE: u64 = 100_000;

/// What a queue, search or download URL asks for.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub filter: ClaimFilter,
    pub order: QueueOrder,
    /// 1-based.
    pub page: u64,
    /// The search words (search page only).
    pub q: Option<String>,
    /// The position in the queue of the claim page (for j/k), 0-based.
    pub pos: Option<u64>,
    /// The pairs as given, without page and pos: to build links that keep the filter.
    pub pairs: Vec<(String, String)>,
    /// `months=all`: the dashboard's month charts draw every month, not the latest ones.
    pub all_months: bool,
}

/// The filter keys, with what the form shows for them.
pub const STATUS_CHOICES: &[(&str, &str)] = &[("", "to review"), ("all", "all claims")];
pub const ORDERS: &[(&str, &str)] = &[
    ("score", "check-worthiness"),
    ("newest", "newest first"),
    ("oldest", "oldest first"),
    ("id", "id"),
];

impl Wanted {
    /// Reads a raw query string; the error is the reason shown on the 400 page.
    pub fn parse(raw: Option<&str>) -> Result<Wanted, String> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| format!("the query string cannot be read: {e}"))?;
        let mut w = Wanted {
            page: 1,
            // The queue: claims without a verdict, dismissed ones left out.
            filter: ClaimFilter {
                checked: Some(false),
                hide_dismissed: true,
                ..ClaimFilter::default()
            },
            ..Wanted::default()
        };
        for (key, value) in &pairs {
            w.take(key, value.trim())?;
            if !matches!(key.as_str(), "page" | "pos") && !value.trim().is_empty() {
                w.pairs.push((key.clone(), value.trim().to_string()));
            }
        }
        if let (Some(since), Some(until)) = (&w.filter.since, &w.filter.until)
            && since > until
        {
            return Err(format!("since {since} is after until {until}: swap them"));
        }
        Ok(w)
    }

    fn take(&mut self, key: &str, value: &str) -> Result<(), String> {
        let text = || (!value.is_empty()).then(|| value.to_string());
        let f = &mut self.filter;
        match key {
            "status" => match value {
                "" => {}
                "all" => {
                    f.checked = None;
                    f.hide_dismissed = false;
                }
                _ => {
                    f.status = Some(value.parse::<Status>().map_err(|e| e.to_string())?);
                    f.checked = None;
                }
            },
            "speaker" => f.speaker = text(),
            "publisher" => f.publisher = text(),
            "language" if !value.is_empty() => {
                let lang = crate::lang::Lang::from_code(value)
                    .ok_or_else(|| format!("unknown language '{value}': use de, en or fr"))?;
                f.language = Some(lang.code().to_string());
            }
            "source" => f.source = text(),
            "stance" if !value.is_empty() => {
                f.stance = Some(
                    value
                        .parse()
                        .map_err(|e: crate::claim::UnknownName| e.to_string())?,
                )
            }
            "mode" if !value.is_empty() => {
                f.mode = Some(
                    value
                        .parse()
                        .map_err(|e: crate::claim::UnknownName| e.to_string())?,
                )
            }
            "stance" | "mode" => {}
            "since" => f.since = date(key, value)?,
            "until" => f.until = date(key, value)?,
            "undated" => f.undated = flag(key, value)?,
            "suggested" => f.suggested = flag(key, value)?,
            "min_score" if !value.is_empty() => {
                let x: f64 = value
                    .parse()
                    .map_err(|_| format!("min_score '{value}' is not a number: use 0 to 1"))?;
                if !(0.0..=1.0).contains(&x) {
                    return Err(format!("min_score {value} is out of range: use 0 to 1"));
                }
                f.min_score = Some(x);
            }
            "min_score" => {}
            "sort" => {
                self.order = match value {
                    "" | "score" => QueueOrder::Score,
                    "newest" => QueueOrder::Newest,
                    "oldest" => QueueOrder::Oldest,
                    "id" => QueueOrder::Id,
                    _ => {
                        return Err(format!(
                            "unknown sort '{value}': use score, newest, oldest or id"
                        ));
                    }
                }
            }
            "page" => self.page = number(key, value, 1)?,
            "pos" => self.pos = Some(number(key, value, 0)?),
            "q" => self.q = text(),
            "months" => {
                self.all_months = match value {
                    "" => false,
                    "all" => true,
                    _ => return Err(format!("months '{value}' is not a choice: use all")),
                }
            }
            _ => return Err(format!("unknown filter '{key}'")),
        }
        Ok(())
    }

    /// The query string that keeps this filter, with extra pairs (page, pos) appended.
    pub fn query(&self, extra: &[(&str, String)]) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// The query string of this filter with `key` set to `value` (replacing what was given).
    pub fn query_with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != key)
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.push((key, value));
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// The value given for a key ("" when none), to fill the filter form.
    pub fn given(&self, key: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The filter alone as a query string (no page, order, search or months): what the
    /// dashboard's counts depend on.
    pub fn filter_key(&self) -> String {
        let pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "months" | "sort" | "q"))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// The offset of the first claim of the page.
    pub fn offset(&self) -> u64 {
        (self.page - 1) * PAGE_SIZE
    }
}

fn date(key: &str, value: &str) -> Result<Option<String>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| Some(d.format("%Y-%m-%d").to_string()))
        .map_err(|_| format!("{key} '{value}' is not a date: use YYYY-MM-DD"))
}

fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "" | "0" | "no" | "false" => Ok(false),
        "1" | "yes" | "true" | "on" => Ok(true),
        _ => Err(format!("{key} '{value}' is not yes or no")),
    }
}

fn number(key: &str, value: &str, least: u64) -> Result<u64, String> {
    match value.parse::<u64>() {
        Ok(n)
            if (least..=MAX_PAGE * PAGE_SIZE).contains(&n) && (key != "page" || n <= MAX_PAGE) =>
        {
            Ok(n)
        }
        _ => Err(format!(
            "{key} '{value}' is not a number from {least} to {}",
            if key == "page" {
                MAX_PAGE
            } else {
                MAX_PAGE * PAGE_SIZE
            }
        )),
    }
}

/// What a reviewer typed into a review form, to send back filled when it is not recorded.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub status: Option<Status>,
    pub note: String,
    pub evidence: String,
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_queue() {
        let w = Wanted::parse(None).unwrap();
        assert_eq!(w.filter.checked, Some(false));
        assert!(w.filter.hide_dismissed);
        assert_eq!((w.page, w.order), (1, QueueOrder::Score));
    }

    #[test]
    fn filters_are_read_and_kept() {
        let w = Wanted::parse(Some(
            "status=false&speaker=Jane+Roe&min_score=0.5&page=3&sort=newest",
        ))
        .unwrap();
        assert_eq!(w.filter.status, Some(Status::False));
        assert_eq!(w.filter.speaker.as_deref(), Some("Jane Roe"));
        assert_eq!(w.offset(), 100);
        assert_eq!(
            w.query(&[("page", "4".into())]),
            "status=false&speaker=Jane+Roe&min_score=0.5&sort=newest&page=4"
        );
    }

    #[test]
    fn malformed_filters_say_why() {
        for (raw, why) in [
            ("status=bogus", "unknown status 'bogus'"),
            ("min_score=abc", "not a number"),
            ("min_score=2", "out of range"),
            ("since=yesterday", "not a date"),
            ("page=0", "page '0'"),
            ("page=-1", "page '-1'"),
            ("sort=up", "unknown sort"),
            ("colour=red", "unknown filter 'colour'"),
            ("since=2024-05-01&until=2024-01-01", "after until"),
        ] {
            let err = Wanted::parse(Some(raw)).unwrap_err();
            assert!(err.contains(why), "{raw}: {err}");
        }
    }
}
