//! The dashboard's content, shared by the desk's `/dashboard` and `claimledger report --format
//! html`: charts as inline SVG and the tables of `stats`. The report is one self-contained page
//! (inline CSS, no script, nothing loaded from elsewhere) for e-mailing to editors.

use super::charts;
use super::html::{CSS, status_badge};
use crate::store::StoreError;
use crate::store::{ClaimFilter, Ledger};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Months listed in the table by month.
const MONTHS_SHOWN: usize = 24;

/// The charts and tables for the claims the filter selects.
pub fn body(ledger: &Ledger, filter: &ClaimFilter) -> Result<Markup, StoreError> {
    let stats = ledger.stats(filter)?;
    let verdicts = ledger.verdicts_by_month(filter)?;
    let top = ledger.top_false_speakers(filter, 10)?;
    let queue = ledger.queue_by_month(filter)?;
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
            strong { (stats.claims) } " claims, " strong { (stats.appearances) } " appearances, from "
            strong { (stats.sources) } " sources by " strong { (stats.speakers) } " speakers"
        }
        div.charts {
            (charts::stacked_bars("Verdicts per month", &verdicts))
            (charts::name_bars("Top speakers by false or misleading claims", &top))
            (charts::line("Queue size at the end of each month", &queue))
        }
        div.charts {
            (table("By status", &stats.by_status, true))
            (table("By speaker", &stats.by_speaker, false))
            (table("By publisher", &stats.by_publisher, false))
            div {
                (table("By month (publication date), newest first", &months[..months.len().min(MONTHS_SHOWN)], false))
                @if earlier > 0 { p.muted { "and " (earlier) " earlier months with " (earlier_claims) " claims" } }
            }
        }
    })
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
