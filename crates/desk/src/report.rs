//! The dashboard's content, shared by the desk's `/dashboard` and `claimledger report --format
//! html`: charts as inline SVG and the tables of `stats`. The report is one self-contained page
//! (inline CSS, no script, nothing loaded from elsewhere) for e-mailing to editors.

use super::charts;
use super::html::{CSS, status_badge};
use crate::store::StoreError;
use crate::store::desk::{Selection, queue_sizes};
use crate::store::{ClaimFilter, Ledger, Stats};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Months listed in the table by month, and drawn in the month charts of the desk's
/// dashboard unless every month is asked for.
pub const MONTHS_SHOWN: usize = 24;

/// The counts of the dashboard that a review leaves as they are (so the desk can keep them
/// until the claims change): those of `stats` but the statuses, and the claims per month of
/// their date (`by_stance` is not counted: the dashboard does not show it). With a filter,
/// also the claims it selected, so that what reviews change is counted over them without
/// asking the filter again.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    pub stats: Stats,
    pub dated: Vec<(String, i64)>,
    pub selection: Option<Selection>,
}

impl Counted {
    /// Counts them: the slow part of a dashboard, a few passes over every claim.
    pub fn of(ledger: &Ledger, filter: &ClaimFilter) -> Result<Counted, StoreError> {
        let (stats, dated, selection) = ledger.dashboard_counts(filter)?;
        Ok(Counted {
            stats,
            dated,
            selection,
        })
    }

    /// Whether reviews leave these counts as they are for this filter: not when it selects
    /// by status, verdict or suggestion.
    pub fn outlast_reviews(filter: &ClaimFilter) -> bool {
        filter.status.is_none()
            && filter.checked.is_none()
            && !filter.hide_dismissed
            && !filter.recurring
            && !filter.suggested
    }
}

/// How many months the month charts draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Months {
    /// Every month with claims or verdicts (the report).
    All,
    /// The latest [`MONTHS_SHOWN`], and a link to every month: the page's query string with
    /// `months=all`.
    Latest,
}

/// The charts and tables for the claims the filter selects.
pub fn body(ledger: &Ledger, filter: &ClaimFilter) -> Result<Markup, StoreError> {
    body_of(
        ledger,
        filter,
        &Counted::of(ledger, filter)?,
        Months::All,
        "",
    )
}

/// [`body`] from counts made before: what reviews change (statuses, verdicts, the top
/// speakers, the queue's verdicts) is read now. `all_months` is the query string of the page
/// with every month, linked to when `months` is [`Months::Latest`] and some are left out.
pub fn body_of(
    ledger: &Ledger,
    filter: &ClaimFilter,
    counted: &Counted,
    months: Months,
    all_months: &str,
) -> Result<Markup, StoreError> {
    let stats = &counted.stats;
    let (by_status, mut verdicts, top, first_verdicts) = match &counted.selection {
        Some(selected) => (
            ledger.statuses_in(selected)?,
            ledger.verdicts_by_month_in(selected)?,
            ledger.top_false_speakers_in(selected, 10)?,
            ledger.first_verdicts_by_month_in(selected)?,
        ),
        None => (
            ledger.statuses(filter)?,
            ledger.verdicts_by_month(filter)?,
            ledger.top_false_speakers(filter, 10)?,
            ledger.first_verdicts_by_month(filter)?,
        ),
    };
    let mut queue = queue_sizes(&counted.dated, &first_verdicts);
    let mut left_out = 0;
    if months == Months::Latest {
        left_out = latest_months(&mut queue) + latest_cells(&mut verdicts);
    }
    let claims: i64 = by_status.iter().map(|(_, n)| n).sum();
    let table = |caption: &str, rows: &[(String, i64)], badge: bool| {
        html! {
            table.stats {
                caption { (caption) }
                tbody { @for (value, n) in rows.iter().take(MONTHS_SHOWN) { tr {
                    td { @if badge { (status_badge(value)) } @else { (value) } }
                    td.n { (n) }
                } } }
            }
        }
    };
    // Months newest first: the latest are what an editor asks about.
    let mut months = stats.by_month.clone();
    months.sort_by(|a, b| b.0.cmp(&a.0));
    let earlier = months.len().saturating_sub(MONTHS_SHOWN);
    let earlier_claims: i64 = months.iter().skip(MONTHS_SHOWN).map(|m| m.1).sum();
    Ok(html! {
        p.totals {
            strong { (claims) } " claims, " strong { (stats.appearances) } " appearances, from "
            strong { (stats.sources) } " sources by " strong { (stats.speakers) } " speakers"
        }
        @if left_out > 0 {
            p.muted { "The month charts show the latest " (MONTHS_SHOWN) " months. "
                a href={ "?" (all_months) } { "Show every month" } }
        }
        div.charts {
            (charts::stacked_bars("Verdicts per month (of the review)", &verdicts))
            (charts::name_bars("Top speakers by false or misleading claims", &top))
            (charts::line("Queue size at the end of each month (claims by publication date)", &queue))
        }
        div.charts {
            (table("By status", &by_status, true))
            (table("By speaker", &stats.by_speaker, false))
            (table("By publisher", &stats.by_publisher, false))
            div {
                (table("By month (publication date), newest first", &months[..months.len().min(MONTHS_SHOWN)], false))
                @if earlier > 0 { p.muted { "and " (earlier) " earlier months with " (earlier_claims) " claims" } }
            }
        }
    })
}

/// Keeps the latest [`MONTHS_SHOWN`] points of a series (oldest first); returns how many were
/// left out.
fn latest_months(points: &mut Vec<(String, i64)>) -> usize {
    let cut = points.len().saturating_sub(MONTHS_SHOWN);
    points.drain(..cut);
    cut
}

/// Keeps the cells of the latest [`MONTHS_SHOWN`] months (cells ordered by month); returns how
/// many months were left out.
fn latest_cells(cells: &mut Vec<crate::store::desk::Cell>) -> usize {
    let mut months: Vec<&String> = cells.iter().map(|c| &c.0).collect();
    months.dedup();
    let cut = months.len().saturating_sub(MONTHS_SHOWN);
    if let Some(first) = months.get(cut).map(|m| (*m).clone()) {
        cells.retain(|c| c.0 >= first);
    }
    cut
}

/// The whole report as one HTML document. `about` says which claims it covers.
pub fn render(
    ledger: &Ledger,
    filter: &ClaimFilter,
    about: &str,
    made: &str,
) -> Result<String, StoreError> {
    let content = body(ledger, filter)?;
    Ok(html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "claimledger report" }
                style { (PreEscaped(CSS)) }
            }
            body { main {
                h1 { "claimledger report" }
                p.muted { (about) " · made " (made) }
                (content)
            } }
        }
    }
    .into_string())
}
