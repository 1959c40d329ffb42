//! The query string of the desk's pages: the filters of `list`, the order and the page, read
//! strictly so that a malformed filter is a 400 page that says what is wrong.

use crate::claim::Status;
use crate::store::{ClaimFilter, FilterWords, SortOrder};

/// Claims per page of the queue.
pub const PAGE_SIZE: u64 = 50;
/// The highest page number accepted (deeper paging is a search or a filter's job).
const MAX_PAGE: u64 = 100_000;

/// What a queue, search or download URL asks for.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub filter: ClaimFilter,
    pub order: SortOrder,
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
    /// Reads a raw query string; the error is the reason shown on the 400 page. The filter
    /// words are `list`'s ([`FilterWords`], checked where the CLI's are); the desk adds the
    /// status "all", the order, the page, the position and the search words.
    pub fn parse(raw: Option<&str>) -> Result<Wanted, String> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| format!("the query string cannot be read: {e}"))?;
        let mut w = Wanted {
            page: 1,
            order: SortOrder::Score,
            ..Wanted::default()
        };
        let mut words: Vec<(&str, &str)> = Vec::new();
        let mut all = false;
        for (key, value) in &pairs {
            let value = value.trim();
            match key.as_str() {
                "status" if value == "all" => all = true,
                "sort" => w.order = order(value)?,
                "page" => w.page = number(key, value, 1)?,
                "pos" => w.pos = Some(number(key, value, 0)?),
                "q" => w.q = (!value.is_empty()).then(|| value.to_string()),
                "months" => {
                    w.all_months = match value {
                        "" => false,
                        "all" => true,
                        _ => return Err(format!("months '{value}' is not a choice: use all")),
                    }
                }
                k if FilterWords::KEYS.contains(&k) => words.push((k, value)),
                _ => return Err(format!("unknown filter '{key}'")),
            }
            if !matches!(key.as_str(), "page" | "pos") && !value.is_empty() {
                w.pairs.push((key.clone(), value.to_string()));
            }
        }
        let words: FilterWords = serde_urlencoded::to_string(&words)
            .ok()
            .and_then(|again| serde_urlencoded::from_str(&again).ok())
            .ok_or_else(|| "a filter is given twice: give each once".to_string())?;
        w.filter = words.check().map_err(|e| e.to_string())?;
        if all {
            w.filter.checked = None;
        } else {
            // The queue: claims without a verdict (unless a status or `checked` says otherwise),
            // dismissed ones left out.
            w.filter.hide_dismissed = true;
            if words.status.as_deref().is_none_or(str::is_empty)
                && words.checked.as_deref().is_none_or(str::is_empty)
            {
                w.filter.checked = Some(false);
            }
        }
        Ok(w)
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

/// The queue's order: `list --sort`'s words, most check-worthy first when none is given.
fn order(value: &str) -> Result<SortOrder, String> {
    if value.is_empty() {
        return Ok(SortOrder::Score);
    }
    SortOrder::from_word(value)
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
        assert_eq!((w.page, w.order), (1, SortOrder::Score));
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
            (
                "sort=up",
                "unknown sort 'up': use id, oldest, date, newest, score, status",
            ),
            ("colour=red", "unknown filter 'colour'"),
            ("since=2024-05-01&until=2024-01-01", "after until"),
            ("speaker=A&speaker=B", "given twice"),
        ] {
            let err = Wanted::parse(Some(raw)).unwrap_err();
            assert!(err.contains(why), "{raw}: {err}");
        }
    }

    #[test]
    fn a_date_the_cli_refuses_is_refused_here_too() {
        // The desk once read "24-1-1" as the year 24 where `list --since` refused it.
        let err = Wanted::parse(Some("since=24-1-1")).unwrap_err();
        assert!(
            err.contains("is not a date in the form YYYY-MM-DD"),
            "{err}"
        );
        let err = Wanted::parse(Some("until=2024-02-30")).unwrap_err();
        assert!(err.contains("not a date of the calendar"), "{err}");
    }

    #[test]
    fn status_all_checked_and_a_status_set_the_queue_apart() {
        let all = Wanted::parse(Some("status=all")).unwrap();
        assert_eq!(
            (all.filter.checked, all.filter.hide_dismissed),
            (None, false)
        );
        let checked = Wanted::parse(Some("checked=yes")).unwrap();
        assert_eq!(checked.filter.checked, Some(true));
        let false_only = Wanted::parse(Some("status=false")).unwrap();
        assert_eq!(false_only.filter.checked, None);
        assert!(false_only.filter.hide_dismissed);
    }

    #[test]
    fn the_desk_reads_the_sort_words_of_list() {
        // A download of the queue sorted newest first once came out oldest first: the desk
        // mapped its own order words onto list's; now both read SortOrder's.
        for (word, order) in [
            ("newest", SortOrder::Newest),
            ("oldest", SortOrder::Date),
            ("date", SortOrder::Date),
            ("status", SortOrder::Status),
            ("", SortOrder::Score),
        ] {
            let w = Wanted::parse(Some(&format!("sort={word}"))).unwrap();
            assert_eq!(w.order, order, "{word}");
        }
    }
}
