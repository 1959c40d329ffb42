//! The desk's pages: queue, claim, search, speaker, source, dashboard, and the 404 page.

use super::html::{outside_link, page, status_badge};
use super::params::{ORDERS, PAGE_SIZE, STATUS_CHOICES, Typed, Wanted};
use super::session::Visitor;
use super::{Desk, Failure, charts, password, report};
use crate::claim::{AppearanceRecord, ClaimRecord, Correction, Review, Status};
use crate::store::SortOrder;
use crate::store::desk::{Placed, Span, SpeakerCard};
use crate::store::{Found, Suggestion, TrailEvent};
use axum::Extension;
use axum::extract::{Path, RawQuery, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use std::sync::Arc;

type Page = Result<Markup, Failure>;

/// Reads the filter of a page's query string; a malformed one is a 400 page.
fn wanted(raw: Option<String>) -> Result<Wanted, Failure> {
    Wanted::parse(raw.as_deref()).map_err(Failure::BadRequest)
}

/// A numeric id from the path; anything else is a 404.
fn id_of(raw: &str, what: &str) -> Result<i64, Failure> {
    raw.parse()
        .ok()
        .filter(|n: &i64| *n > 0)
        .ok_or_else(|| Failure::NotFound(format!("there is no {what} '{raw}'")))
}

pub async fn not_found(Extension(_v): Extension<Visitor>, uri: Uri) -> Response {
    Failure::NotFound(format!("there is no page at {}", uri.path())).into_response()
}

/// The queue: claims to review, most check-worthy first, with the filters of `list`.
pub async fn queue(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    RawQuery(raw): RawQuery,
) -> Page {
    let w = wanted(raw)?;
    let counts = desk.status_counts().await?;
    let (w, records, more) = desk
        .read(move |l| {
            let mut ids = l.queue_ids(&w.filter, w.order, w.offset(), PAGE_SIZE + 1)?;
            let more = ids.len() as u64 > PAGE_SIZE;
            ids.truncate(PAGE_SIZE as usize);
            Ok((w, l.records(&ids)?, more))
        })
        .await?;
    let to_review: i64 = counts
        .iter()
        .filter(|(s, _)| s == "unverified" || s == "in-review")
        .map(|(_, n)| n)
        .sum();
    Ok(page(
        "Queue",
        &v,
        html! {
            h1 { "Queue" }
            div.counts id="counts" {
                span { "to review: " strong data-count="to-review" { (to_review) } }
                @for (status, n) in &counts {
                    span { (status_badge(status)) " " strong data-count=(status) { (n) } }
                }
            }
            (filter_form("/", &w))
            p.keys { "Keys: j/k move, Enter opens. "
                a href={ "/download/claims.csv?" (w.query(&[])) } { "CSV of this filter" } " · "
                // ClaimReview holds published verdicts, which the queue's claims have not.
                a href={ "/download/claimreview.json?" (w.query_with("status", "all")) } { "ClaimReview of this filter's verdicts" } }
            (claim_table(&records, &w, w.offset()))
            div.pager {
                @if w.page > 1 {
                    a rel="prev" href={ "/?" (w.query(&[("page", (w.page - 1).to_string())])) } { "← previous" }
                }
                span { "page " (w.page) }
                @if more {
                    a rel="next" href={ "/?" (w.query(&[("page", (w.page + 1).to_string())])) } { "next →" }
                }
            }
        },
    ))
}

/// The filter form of the queue and search pages (GET: it works without JavaScript).
fn filter_form(action: &str, w: &Wanted) -> Markup {
    let status = w.given("status");
    let text = |key: &str, label: &str| {
        html! { label { (label) input type="text" name=(key) value=(w.given(key)) size="14"; } }
    };
    html! {
        form.filters method="get" action=(action) {
            @if action == "/search" {
                label { "Words" input type="search" name="q" value=(w.given("q")) size="28" autofocus; }
            }
            label { "Status" select name="status" {
                @for (value, label) in STATUS_CHOICES {
                    // The search's default is every claim, the queue's the claims to review.
                    @let label = if action == "/search" && value.is_empty() { "any status" } else { *label };
                    @if !(action == "/search" && *value == "all") {
                        option value=(value) selected[status == *value] { (label) }
                    }
                }
                @for s in Status::ALL {
                    option value=(s.as_str()) selected[status == s.as_str()] { (s.as_str()) }
                }
            } }
            (text("speaker", "Speaker")) (text("publisher", "Publisher")) (text("language", "Language"))
            label { "Stance" select name="stance" {
                option value="" { "any" }
                @for s in crate::claim::Stance::ALL {
                    option value=(s.as_str()) selected[w.given("stance") == s.as_str()] { (s.as_str()) }
                }
            } }
            label { "Mode" select name="mode" {
                option value="" { "any" }
                @for m in crate::claim::Mode::ALL {
                    option value=(m.as_str()) selected[w.given("mode") == m.as_str()] { (m.as_str()) }
                }
            } }
            label { "Since" input type="date" name="since" value=(w.given("since")); }
            label { "Until" input type="date" name="until" value=(w.given("until")); }
            label { "Min. score" input type="text" name="min_score" value=(w.given("min_score")) size="4"; }
            (text("source", "Source (id, URL or title)"))
            label { "Only with a suggested match" input type="checkbox" name="suggested" value="yes" checked[w.given("suggested") == "yes"]; }
            label { "Also undated" input type="checkbox" name="undated" value="yes" checked[w.given("undated") == "yes"]; }
            label { "Sort" select name="sort" {
                @if action == "/search" { option value="" { "relevance" } }
                @for (value, label) in ORDERS {
                    option value=(value) selected[w.given("sort") == *value] { (label) }
                }
            } }
            button type="submit" { "Filter" }
        }
    }
}

/// A table of claims; each row links to the claim page with its place in the queue (for j/k).
fn claim_table(records: &[ClaimRecord], w: &Wanted, first: u64) -> Markup {
    if records.is_empty() {
        return html! { p.muted { "No claims match." } };
    }
    html! {
        table.claims {
            thead { tr { th { "#" } th { "Score" } th { "Claim" } th { "Speakers" } th { "Publisher" } th { "Date" } th { "Status" } th { "Seen" } } }
            tbody {
                @for (i, r) in records.iter().enumerate() {
                    @let href = format!("/claims/{}?{}", r.id, w.query(&[("pos", (first + i as u64).to_string())]));
                    tr data-href=(href) {
                        td.n { (first + i as u64 + 1) }
                        td { (format!("{:.3}", r.checkworthiness)) }
                        td { a href=(href) { (r.text) } }
                        td { (speaker_links(&r.speakers)) }
                        td { (r.publisher.as_deref().unwrap_or("")) }
                        td.date { (r.published.as_deref().unwrap_or(&r.created_at[..r.created_at.len().min(10)])) }
                        td { (status_badge(r.status.as_str())) }
                        td { (r.appearances) "×" }
                    }
                }
            }
        }
    }
}

fn speaker_links(names: &[String]) -> Markup {
    html! {
        @for (i, name) in names.iter().enumerate() {
            @if i > 0 { ", " }
            a href={ "/speaker?" (serde_urlencoded::to_string([("name", name)]).unwrap_or_default()) } { (name) }
        }
    }
}

/// A claim in the queue: its id and position.
type Place = (i64, u64);

/// Everything the claim page shows.
struct ClaimView {
    record: ClaimRecord,
    source_id: Option<i64>,
    appearances: Vec<AppearanceRecord>,
    placed: Vec<Placed>,
    suggestions: Vec<Suggested>,
    trail: Vec<Entry>,
    /// The id of the latest review (0: none), carried by the review form.
    seen: i64,
    prev: Option<Place>,
    next: Option<Place>,
}

/// One entry of a claim's trail, in the order they happened.
enum Entry {
    Review(Review),
    Correction(Correction),
    Event(TrailEvent),
}

impl Entry {
    fn when(&self) -> &str {
        match self {
            Entry::Review(r) => &r.reviewed_at,
            Entry::Correction(c) => &c.corrected_at,
            Entry::Event(e) => &e.at,
        }
    }
}

/// The claim page: the claim, its article around it, appearances, matches, review form, trail.
pub async fn claim(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Path(raw_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Page {
    let id = id_of(&raw_id, "claim")?;
    let w = wanted(raw)?;
    let pos = w.pos;
    let filter = w.filter.clone();
    let order = w.order;
    let view = desk
        .read(move |l| {
            let (record, _, source_id) = l.get(id)?;
            let reviews = l.history(id)?;
            let seen = reviews.iter().map(|r| r.id).max().unwrap_or(0);
            let mut trail: Vec<Entry> = reviews.into_iter().map(Entry::Review).collect();
            trail.extend(l.corrections(id)?.into_iter().map(Entry::Correction));
            trail.extend(l.events(id)?.into_iter().map(Entry::Event));
            trail.sort_by(|a, b| a.when().cmp(b.when()));
            let (prev, next) = match pos {
                Some(pos) => {
                    let start = pos.saturating_sub(1);
                    let window = l.queue_ids(&filter, order, start, 3)?;
                    neighbours(&window, start, pos, id)
                }
                None => (None, None),
            };
            Ok(ClaimView {
                record,
                source_id,
                appearances: l.appearances(id)?,
                placed: l.placed(id)?,
                suggestions: suggested(l, id)?,
                trail,
                seen,
                prev,
                next,
            })
        })
        .await?;
    let form_token = form_token(id)?;
    Ok(claim_page(&v, &w, view, &form_token))
}

/// The suggested matches of claim `id`, each with the other claim's status and latest note.
fn suggested(l: &crate::store::Ledger, id: i64) -> Result<Vec<Suggested>, Failure> {
    let list = l.suggestions(id)?;
    let ids: Vec<i64> = list.iter().map(|s| s.id).collect();
    let records = l.records(&ids)?;
    list.into_iter()
        .map(|suggestion| {
            let status = records
                .iter()
                .find(|r| r.id == suggestion.id)
                .map(|r| r.status);
            let note = l
                .history(suggestion.id)
                .ok()
                .and_then(|h| h.into_iter().rev().find_map(|r| r.note));
            let language = l.claim_language(suggestion.id)?;
            Ok(Suggested {
                suggestion,
                status,
                note,
                language,
            })
        })
        .collect()
}

/// A new one-time token for a review form of claim `id`: the claim's id, a dot, a random
/// part. A form sent for another claim than it was made for is told apart by it.
pub fn form_token(id: i64) -> anyhow::Result<String> {
    Ok(format!("{id}.{}", password::token()?))
}

/// The claim a review form's token was made for.
pub fn form_claim(token: &str) -> Option<i64> {
    token.split_once('.').and_then(|(id, _)| id.parse().ok())
}

/// The previous and next claim in the queue around position `pos`, from the ids at
/// `start..`. When the claim is no longer at `pos` (a review took it out of the queue), the
/// claim now there is the next one.
fn neighbours(window: &[i64], start: u64, pos: u64, id: i64) -> (Option<Place>, Option<Place>) {
    let at = |p: u64| window.get((p - start) as usize).copied();
    let prev = (pos > 0)
        .then(|| at(pos - 1))
        .flatten()
        .map(|i| (i, pos - 1));
    let next = if at(pos) == Some(id) {
        at(pos + 1).map(|i| (i, pos + 1))
    } else {
        at(pos).map(|i| (i, pos))
    };
    (prev, next)
}

fn claim_page(v: &Visitor, w: &Wanted, view: ClaimView, form_token: &str) -> Markup {
    let r = &view.record;
    let link =
        |(id, pos): (i64, u64)| format!("/claims/{id}?{}", w.query(&[("pos", pos.to_string())]));
    let review_action = format!(
        "/claims/{}/review?{}",
        r.id,
        w.query(
            &w.pos
                .map(|p| vec![("pos", p.to_string())])
                .unwrap_or_default()
        )
    );
    page(
        &format!("Claim {}", r.id),
        v,
        html! {
            div.pager {
                @if let Some(p) = view.prev { a id="prev-claim" rel="prev" href=(link(p)) { "← previous (k)" } }
                a href={ "/?" (w.query(&[])) } { "queue" }
                @if let Some(n) = view.next { a id="next-claim" rel="next" href=(link(n)) { "next (j) →" } }
            }
            h1 { "Claim " (r.id) " " (status_badge(r.status.as_str())) }
            p.quote { (r.text) }
            dl.facts {
                dt { "Speakers" }
                dd { @for (i, name) in r.speakers.iter().enumerate() {
                    @if i > 0 { "; " }
                    (speaker_links(std::slice::from_ref(name)))
                    @if let Some(role) = r.roles.get(i).filter(|x| !x.is_empty()) { ", " (role) }
                    @if let Some(kind) = r.kinds.get(i) { " (" (kind) ")" }
                } }
                dt { "Cue" } dd { (r.cue.as_deref().unwrap_or("—")) }
                dt { "Mode" } dd { (r.mode.as_str()) }
                dt { "Stance" } dd { (r.stance.as_str()) }
                dt { "Check-worthiness" } dd { (format!("{:.2}", r.checkworthiness)) }
                dt { "Source" } dd {
                    @if let Some(sid) = view.source_id {
                        a href={ "/sources/" (sid) } { (r.source_title.as_deref().unwrap_or("(untitled article)")) }
                    } @else { "—" }
                    @if let Some(p) = &r.publisher { " · " (p) }
                    @if let Some(d) = &r.published { " · " (d) }
                    @if let Some(u) = &r.url { " · " (outside_link(u, u)) }
                }
                dt { "Seen" } dd { (r.appearances) " time(s)"
                    @if let (Some(a), Some(b)) = (&r.first_seen, &r.last_seen) { ", " (a) " – " (b) } }
                @if let Some(u) = &r.review_url { dt { "Published check" } dd { (outside_link(u, u)) } }
            }
            @if let Some(p) = view.placed.iter().find(|p| p.start.is_some() && !p.body.is_empty()) {
                h2 { "In the article" }
                (in_context(p))
            }
            (appearances(&view.appearances))
            (suggestions(r.id, v, &view.suggestions))
            h2 id="review" { "Review" }
            (review_form(&review_action, v, form_token, view.seen, r.status, &Typed::default()))
            h2 id="trail" { "Trail" }
            (trail(&view.trail, Some(v)))
        },
    )
}

/// The review form. `seen`: the id of the claim's latest review shown on the page (0: none),
/// so that a review posted after someone else's is not recorded unseen.
fn review_form(
    action: &str,
    v: &Visitor,
    form_token: &str,
    seen: i64,
    current: Status,
    typed: &Typed,
) -> Markup {
    let chosen = typed.status.unwrap_or(current);
    html! {
        form.review method="post" action=(action) {
            input type="hidden" name="csrf" value=(v.csrf);
            input type="hidden" name="form" value=(form_token);
            input type="hidden" name="seen" value=(seen);
            label { "Status (r)"
                select id="review-status" name="status" {
                    @for s in Status::ALL {
                        option value=(s.as_str()) selected[*s == chosen] { (s.as_str()) }
                    }
                }
            }
            label { "Note (needed for a verdict or a dismissal)" textarea name="note" rows="3" { (typed.note) } }
            label { "Evidence URLs (one per line)" textarea name="evidence" rows="2" { (typed.evidence) } }
            label { "Published fact-check URL" input type="url" name="url" value=(typed.url); }
            div { button type="submit" { "Record review" } " as " (v.user.as_deref().unwrap_or("")) }
        }
    }
}

/// The page of a review form that was not recorded: why, the review recorded meanwhile (if
/// that is why) beside the reviewer's own, and the form filled in as it was sent.
pub fn refilled(
    v: &Visitor,
    id: i64,
    action: &str,
    typed: &Typed,
    seen: i64,
    problem: &str,
    theirs: Option<&Review>,
) -> Result<Markup, Failure> {
    let form_token = form_token(id)?;
    Ok(page(
        &format!("Claim {id}: not recorded"),
        v,
        html! {
            h1 { "Claim " (id) ": your review was not recorded" }
            p.reason { (problem) }
            @if let Some(r) = theirs {
                table.compare {
                    thead { tr { th { "Recorded by " (r.reviewer) " at " (r.reviewed_at) } th { "Yours" } } }
                    tbody {
                        tr {
                            td { (status_badge(r.to.as_str())) }
                            td { (status_badge(typed.status.map_or("", |s| s.as_str()))) }
                        }
                        tr {
                            td { (r.note.as_deref().unwrap_or("")) }
                            td { (typed.note) }
                        }
                    }
                }
            }
            p { a href={ "/claims/" (id) } { "Open claim " (id) } " (in a new tab, to keep this form)" }
            (review_form(action, v, &form_token, seen, Status::Unverified, typed))
        },
    ))
}

/// The paragraph around an appearance, with the sentence (frame), the cue and the claim
/// marked from the stored offsets.
fn in_context(p: &Placed) -> Markup {
    let body = p.body.as_str();
    let (Some(s), Some(e)) = (p.start, p.end) else {
        return html! {};
    };
    if !(s < e && e <= body.len() && body.is_char_boundary(s) && body.is_char_boundary(e)) {
        return html! { p.muted { "(The stored offsets do not fit the article.)" } };
    }
    let para_start = body[..s].rfind('\n').map_or(0, |i| i + 1);
    let para_end = body[e..].find('\n').map_or(body.len(), |i| e + i);
    let para = &body[para_start..para_end];
    let sentence = p.sentence.trim();
    // The frame: the sentence the claim was read from, where it holds the claim.
    let (fs, fe) = para
        .match_indices(sentence)
        .map(|(i, m)| (para_start + i, para_start + i + m.len()))
        .find(|(a, b)| *a <= s && e <= *b && !sentence.is_empty())
        .unwrap_or((s, e));
    let cue = p.cue.as_deref().filter(|c| !c.is_empty()).and_then(|c| {
        body[fs..fe]
            .match_indices(c)
            .map(|(i, m)| (fs + i, fs + i + m.len()))
            .find(|(a, b)| *b <= s || *a >= e)
    });
    let mut cuts = vec![para_start, fs, s, e, fe, para_end];
    if let Some((a, b)) = cue {
        cuts.extend([a, b]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    html! {
        div.article {
            @for pair in cuts.windows(2) {
                @let (a, b) = (pair[0], pair[1]);
                @let piece = &body[a..b];
                @if a >= s && b <= e { mark.claim { (piece) } }
                @else if cue.is_some_and(|(x, y)| a >= x && b <= y) { mark.cue { (piece) } }
                @else if a >= fs && b <= fe { mark.frame { (piece) } }
                @else { (piece) }
            }
        }
    }
}

fn appearances(list: &[AppearanceRecord]) -> Markup {
    html! {
        h2 { "Appearances (" (list.len()) ")" }
        table {
            thead { tr { th { "Seen" } th { "Words" } th { "Speakers" } th { "Source" } } }
            tbody { @for a in list { tr {
                td { (a.seen) }
                td { (a.text) }
                td { (speaker_links(&a.speakers)) }
                td {
                    @if let Some(sid) = a.source_id {
                        a href={ "/sources/" (sid) } { (a.source_title.as_deref().unwrap_or("(untitled)")) }
                    }
                    @if let Some(p) = &a.publisher { " · " (p) }
                }
            } } }
        }
    }
}

/// A suggested match with what the other claim's reviewers said.
pub struct Suggested {
    pub suggestion: Suggestion,
    pub status: Option<Status>,
    pub note: Option<String>,
    /// The language of the articles the suggested claim appeared in, when they give one.
    pub language: Option<String>,
}

fn suggestions(id: i64, v: &Visitor, list: &[Suggested]) -> Markup {
    if list.is_empty() {
        return html! { h2 { "Suggested matches" } p.muted { "None." } };
    }
    html! {
        h2 { "Suggested matches" }
        table.matches {
            thead { tr { th { "Claim" } th { "Language" } th { "Score" } th { "Relation" } th { "Its status" } th { "Its latest note" } th { "State" } th {} } }
            tbody { @for s in list { @let g = &s.suggestion; tr {
                td { a href={ "/claims/" (g.id) } { (g.text) } }
                td.lang { (s.language.as_deref().unwrap_or("—")) }
                td { (format!("{:.2}", g.score)) }
                td { (g.relation) @if let Some(r) = &g.reason { " (" (r) ")" } }
                td { @if let Some(st) = s.status { (status_badge(st.as_str())) } }
                td { (s.note.as_deref().unwrap_or("")) }
                td { (g.state) }
                td { @if g.state == "open" {
                    form.inline method="post" action={ "/claims/" (id) "/merge" } {
                        input type="hidden" name="csrf" value=(v.csrf);
                        input type="hidden" name="other" value=(g.id);
                        button.merge type="submit" title="It is hidden and found through this claim; the trail can undo it" {
                            "Merge into this claim"
                        }
                    }
                    " "
                    // Recorded for good (no channel suggests the pair again, and nothing undoes
                    // it): drawn unlike the merge, in shape and words as well as colour.
                    form.inline method="post" action={ "/claims/" (id) "/not-same" } {
                        input type="hidden" name="csrf" value=(v.csrf);
                        input type="hidden" name="other" value=(g.id);
                        button.final type="submit" title="Never suggested again; this cannot be undone" {
                            span aria-hidden="true" { "✕ " } "Not the same"
                            small { " (cannot be undone)" }
                        }
                    }
                } }
            } } }
        }
    }
}

/// The trail; with `undo`, a merge by hand in it has a button to take it back.
fn trail(entries: &[Entry], undo: Option<&Visitor>) -> Markup {
    if entries.is_empty() {
        return html! { p.muted { "No reviews yet." } };
    }
    html! {
        table.trail {
            thead { tr { th { "When" } th { "What" } th { "By" } th { "Note" } } }
            tbody { @for e in entries { tr { @match e {
                Entry::Review(r) => {
                    td { (r.reviewed_at) }
                    td { (status_badge(r.from.as_str())) " → " (status_badge(r.to.as_str())) }
                    td { (r.reviewer) }
                    td { (r.note.as_deref().unwrap_or(""))
                        @for u in &r.evidence { br; (outside_link(u, u)) } }
                }
                Entry::Correction(c) => {
                    td { (c.corrected_at) }
                    td { (c.action) " " (c.field.as_deref().unwrap_or("")) }
                    td { (c.corrector) }
                    td { (c.old_value.as_deref().unwrap_or("")) " → " (c.new_value.as_deref().unwrap_or(""))
                        @if let Some(r) = &c.reason { " (" (r) ")" } }
                }
                Entry::Event(ev) => {
                    td { (ev.at) }
                    td { (ev.kind) @if let Some(o) = ev.other_id { " " a href={ "/claims/" (o) } { "claim " (o) } } }
                    td { (ev.actor) }
                    td { (ev.note.as_deref().unwrap_or(""))
                        @if let (Some(o), Some(v)) = (ev.other_id.filter(|_| ev.kind == "merged"), undo) {
                            " "
                            form.inline method="post" action={ "/claims/" (ev.claim_id) "/unmerge" } {
                                input type="hidden" name="csrf" value=(v.csrf);
                                input type="hidden" name="other" value=(o);
                                button type="submit" { "Unmerge" }
                            }
                        }
                    }
                }
            } } } }
        }
    }
}

/// The longest search accepted (characters), and the most different words it may hold.
/// Each word becomes a set of alternatives (stems in each language) that every match must
/// satisfy: the cost grows faster than the number of words, so a pasted page is refused with
/// a message rather than left to run.
const MAX_QUERY_CHARS: usize = 10_000;
const MAX_QUERY_WORDS: usize = 32;
/// The most words a quoted phrase may hold: a phrase is matched position by position, and a
/// long one of common words reads most of the index.
const MAX_PHRASE_WORDS: usize = 10;
/// The fewest letters before a prefix search's `*`, and the most prefixes in one search: a short
/// prefix matches most words of the index.
const MIN_PREFIX_CHARS: usize = 4;
const MAX_PREFIXES: usize = 2;
/// Matches a search pages and sorts through (the best by relevance).
const MAX_SEARCH_HITS: usize = 1_000;

/// Makes a typed search cheap to run: a search of plain words (no quotes, parentheses or
/// operators) keeps each word once, which finds the same claims; past the caps, the reason.
pub fn bounded_query(q: &str) -> Result<String, String> {
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(format!(
            "a search may be at most {MAX_QUERY_CHARS} characters long, this one has {chars}: search for a few of its rarest words"
        ));
    }
    let tokens: Vec<&str> = q.split_whitespace().collect();
    let plain =
        !q.contains(['"', '(', ')']) && !tokens.iter().any(|t| matches!(*t, "OR" | "AND" | "NOT"));
    let query = if plain {
        let mut kept: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for t in tokens {
            if seen.insert(t.to_lowercase()) {
                kept.push(t);
            }
        }
        kept.join(" ")
    } else {
        q.to_string()
    };
    let mut words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "OR" | "AND" | "NOT"))
        .map(str::to_lowercase)
        .collect();
    for phrase in query.split('"').skip(1).step_by(2) {
        let n = phrase.split_whitespace().count();
        if n > MAX_PHRASE_WORDS {
            return Err(format!(
                "a quoted phrase may hold at most {MAX_PHRASE_WORDS} words, this one has {n}: quote its most telling part"
            ));
        }
    }
    let prefixes: Vec<&str> = query
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '(' | ')'))
        .filter(|t| t.ends_with('*'))
        .collect();
    if prefixes.len() > MAX_PREFIXES {
        return Err(format!(
            "a search may hold at most {MAX_PREFIXES} prefixes (words ending in *), this one has {}",
            prefixes.len()
        ));
    }
    if let Some(short) = prefixes
        .iter()
        .find(|t| t.trim_end_matches('*').chars().count() < MIN_PREFIX_CHARS)
    {
        return Err(format!(
            "a prefix needs at least {MIN_PREFIX_CHARS} letters before the *: '{short}' matches too many words"
        ));
    }
    words.sort_unstable();
    words.dedup();
    if words.len() > MAX_QUERY_WORDS {
        return Err(format!(
            "a search may hold at most {MAX_QUERY_WORDS} different words, this one has {}: keep the rarest ones",
            words.len()
        ));
    }
    Ok(query)
}

/// Search: the CLI's search (plain words, phrases, OR/NOT, inflections) with the filters, by
/// relevance or the order asked for, a page at a time.
pub async fn search(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    RawQuery(raw): RawQuery,
) -> Page {
    let mut w = wanted(raw)?;
    if w.given("status").is_empty() {
        // Search finds every claim unless a status is asked for, like the CLI's.
        w.filter.checked = None;
        w.filter.hide_dismissed = false;
    }
    let query = match w.q.as_deref().map(bounded_query).transpose() {
        Ok(query) => query,
        // Refused, the search page comes back with what was typed and why.
        Err(reason) => {
            let content = html! {
                h1 { "Search" }
                (filter_form("/search", &w))
                p.reason { (capitalised(&reason)) "." }
            };
            return Err(Failure::Shown(
                axum::http::StatusCode::BAD_REQUEST,
                page("Search", &v, content),
            ));
        }
    };
    let by_relevance = w.given("sort").is_empty();
    let wanted_hits = if by_relevance {
        (w.offset() + PAGE_SIZE + 1) as usize
    } else {
        MAX_SEARCH_HITS
    };
    if wanted_hits > MAX_SEARCH_HITS + 1 {
        return Err(Failure::BadRequest(format!(
            "search shows the best {MAX_SEARCH_HITS} matches: add words or a filter to see others"
        )));
    }
    let filter = w.filter.clone();
    let mut found = desk
        .read_search(move |l| {
            Ok(match query {
                None => None,
                Some(q) => match l.search_query(&q)? {
                    None => Some(Found::default()),
                    Some(fts) => Some(l.search(&fts, &filter, wanted_hits.min(MAX_SEARCH_HITS))?),
                },
            })
        })
        .await?;
    let mut hits = found
        .as_mut()
        .map(|f| std::mem::take(&mut f.hits))
        .unwrap_or_default();
    if !by_relevance {
        let date = |r: &ClaimRecord| r.published.clone().unwrap_or_else(|| r.created_at.clone());
        match w.order {
            SortOrder::Score => hits.sort_by(|a, b| {
                b.record
                    .checkworthiness
                    .total_cmp(&a.record.checkworthiness)
                    .then(a.record.id.cmp(&b.record.id))
            }),
            SortOrder::Newest => hits.sort_by(|a, b| {
                date(&b.record)
                    .cmp(&date(&a.record))
                    .then(b.record.id.cmp(&a.record.id))
            }),
            SortOrder::Date => hits.sort_by(|a, b| {
                date(&a.record)
                    .cmp(&date(&b.record))
                    .then(a.record.id.cmp(&b.record.id))
            }),
            SortOrder::Id => hits.sort_by_key(|h| h.record.id),
            SortOrder::Status => hits.sort_by(|a, b| {
                (a.record.status.as_str(), a.record.id)
                    .cmp(&(b.record.status.as_str(), b.record.id))
            }),
        }
    }
    let total = hits.len();
    let first = w.offset() as usize;
    let shown: Vec<_> = hits
        .into_iter()
        .skip(first)
        .take(PAGE_SIZE as usize)
        .collect();
    let more = total > first + shown.len();
    Ok(page(
        "Search",
        &v,
        html! {
            h1 { "Search" }
            (filter_form("/search", &w))
            @if let Some(found) = &found {
                p {
                    @if shown.is_empty() { "No claims found." }
                    @else { "Claims " (first + 1) "–" (first + shown.len()) }
                    @if !by_relevance && total == MAX_SEARCH_HITS { " of the best " (MAX_SEARCH_HITS) " matches, sorted" }
                }
                @if let Some(note) = found.bound_note() { p.muted { (note) } }
                @if !shown.is_empty() {
                    table.claims {
                        caption { @if by_relevance { "Best match first" } @else { "Sorted by " (sort_name(w.order)) } }
                        thead { tr {
                            th { @if by_relevance { "Rank" } @else { "#" } }
                            th title="How worth checking the claim is (0 to 1), not how well it matches" { "Check-worthiness" }
                            th { "Claim" } th { "Speakers" } th { "Publisher" } th { "Date" } th { "Status" }
                        } }
                        tbody { @for (i, h) in shown.iter().enumerate() {
                            @let r = &h.record;
                            tr data-href={ "/claims/" (r.id) } {
                                td.n { (first + i + 1) }
                                td { (format!("{:.3}", r.checkworthiness)) }
                                td { a href={ "/claims/" (r.id) } { (marked(&h.highlighted, &r.text)) } }
                                td { (speaker_links(&r.speakers)) }
                                td { (r.publisher.as_deref().unwrap_or("")) }
                                td.date { (r.published.as_deref().unwrap_or(&r.created_at[..r.created_at.len().min(10)])) }
                                td { (status_badge(r.status.as_str())) }
                            }
                        } }
                    }
                }
                div.pager {
                    @if w.page > 1 {
                        a rel="prev" href={ "/search?" (w.query(&[("page", (w.page - 1).to_string())])) } { "← previous" }
                    }
                    span { "page " (w.page) }
                    @if more {
                        a rel="next" href={ "/search?" (w.query(&[("page", (w.page + 1).to_string())])) } { "next →" }
                    }
                }
            }
        },
    ))
}

/// An order of the filter form in words.
fn sort_name(order: SortOrder) -> &'static str {
    let key = order.word();
    ORDERS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, name)| name)
}

/// A search hit's text with the store's marks as `<mark>`. The store marks matched words
/// with `[` and `]`, which a claim may also contain (`[sic]`): the marks are told apart by
/// walking the claim's own text beside the marked one, so brackets that were typed stay.
/// When the two do not line up, the text is shown unmarked.
fn marked(highlighted: &str, text: &str) -> Markup {
    let mut parts: Vec<(bool, String)> = vec![(false, String::new())];
    let mut plain = text.chars().peekable();
    let mut in_mark = false;
    for c in highlighted.chars() {
        if in_mark && c == ']' {
            in_mark = false;
            parts.push((false, String::new()));
        } else if plain.peek() == Some(&c) {
            plain.next();
            if let Some(last) = parts.last_mut() {
                last.1.push(c);
            }
        } else if !in_mark && c == '[' {
            in_mark = true;
            parts.push((true, String::new()));
        } else {
            return html! { (text) };
        }
    }
    if plain.next().is_some() || in_mark {
        return html! { (text) };
    }
    html! { @for (hit, part) in parts.iter().filter(|p| !p.1.is_empty()) { @if *hit { mark { (part) } } @else { (part) } } }
}

/// `/speaker?name=…`: the speaker page of a name or alias.
pub async fn speaker_by_name(
    State(desk): State<Arc<Desk>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| Failure::BadRequest(format!("the query string cannot be read: {e}")))?;
    let Some((_, name)) = pairs.into_iter().find(|(k, _)| k == "name") else {
        return Err(Failure::BadRequest(
            "give a speaker: /speaker?name=NAME".into(),
        ));
    };
    let shown = name.clone();
    match desk.read(move |l| Ok(l.speaker_id(&name)?)).await? {
        Some(id) => Ok(Redirect::to(&format!("/speakers/{id}")).into_response()),
        None => Err(Failure::NotFound(format!(
            "there is no speaker called '{shown}'"
        ))),
    }
}

/// A speaker: their claims over time with the verdict mix, and the claims.
pub async fn speaker(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Path(raw_id): Path<String>,
) -> Page {
    let id = id_of(&raw_id, "speaker")?;
    let (card, months, records): (SpeakerCard, _, _) = desk
        .read(move |l| {
            let card = l
                .speaker_card(id)?
                .ok_or_else(|| Failure::NotFound(format!("there is no speaker {id}")))?;
            let filter = crate::store::ClaimFilter {
                speaker: Some(card.name.clone()),
                ..Default::default()
            };
            let ids = l.queue_ids(&filter, SortOrder::Newest, 0, 200)?;
            Ok((card, l.speaker_months(id)?, l.records(&ids)?))
        })
        .await?;
    let mut mix: Vec<(String, i64)> = Vec::new();
    for (_, status, n) in &months {
        match mix.iter_mut().find(|(s, _)| s == status) {
            Some(entry) => entry.1 += n,
            None => mix.push((status.clone(), *n)),
        }
    }
    let w = Wanted::parse(Some(
        &serde_urlencoded::to_string([("speaker", &card.name), ("status", &"all".to_string())])
            .unwrap_or_default(),
    ))
    .map_err(Failure::BadRequest)?;
    Ok(page(
        &card.name,
        &v,
        html! {
            h1 { (card.name) }
            p { (card.kind) @if let Some(r) = &card.role { " · " (r) }
                @if !card.aliases.is_empty() { " · also: " (card.aliases.join(", ")) } }
            div.counts { @for (s, n) in &mix { span { (status_badge(s)) " " (n) } } }
            @let verdicts: Vec<_> = months.iter().filter(|c| !matches!(c.1.as_str(), "unverified" | "in-review")).cloned().collect();
            div.charts {
                (charts::stacked_bars("Verdicts per month", &verdicts))
                (charts::stacked_bars("Claims per month by status", &months))
            }
            h2 { "Claims (latest " (records.len()) ")" }
            (claim_table(&records, &w, 0))
        },
    ))
}

/// A source: the whole article with every claim highlighted and linked.
pub async fn source(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Path(raw_id): Path<String>,
) -> Page {
    let id = id_of(&raw_id, "source")?;
    let (record, body, spans) = desk
        .read(move |l| {
            let record = l
                .source(id)?
                .ok_or_else(|| Failure::NotFound(format!("there is no source {id}")))?;
            let (body, spans) = l.source_spans(id)?.unwrap_or_default();
            Ok((record, body, spans))
        })
        .await?;
    let title = record
        .title
        .clone()
        .unwrap_or_else(|| format!("Source {id}"));
    Ok(page(
        &title,
        &v,
        html! {
            h1 { (title) }
            dl.facts {
                dt { "Publisher" } dd { (record.publisher.as_deref().unwrap_or("—")) }
                dt { "Published" } dd { (record.published.as_deref().unwrap_or("—")) }
                dt { "Authors" } dd { (record.authors.join(", ")) }
                dt { "URL" } dd { @if let Some(u) = &record.url { (outside_link(u, u)) } @else { "—" } }
                dt { "Claims" } dd { (spans.len()) " marked below; click one to review it" }
            }
            h2 { "Article" }
            (article(&body, &spans))
        },
    ))
}

/// The article's text with each claim's span as a link to the claim (overlapping spans: the
/// first one wins).
fn article(body: &str, spans: &[Span]) -> Markup {
    let mut pieces: Vec<(Option<&Span>, &str)> = Vec::new();
    let mut at = 0;
    for span in spans {
        if span.start < at
            || span.end > body.len()
            || span.start >= span.end
            || !body.is_char_boundary(span.start)
            || !body.is_char_boundary(span.end)
        {
            continue;
        }
        pieces.push((None, &body[at..span.start]));
        pieces.push((Some(span), &body[span.start..span.end]));
        at = span.end;
    }
    pieces.push((None, &body[at..]));
    html! {
        div.article {
            @for (span, text) in pieces {
                @if let Some(s) = span {
                    a class={ "claim-span s-" (s.status.as_str()) } href={ "/claims/" (s.claim_id) }
                        title={ "claim " (s.claim_id) " · " (s.status.as_str()) } { (text) }
                } @else { (text) }
            }
        }
    }
}

/// The dashboard: verdicts per month, top speakers by false or misleading claims, the queue's
/// size over time, and the counts of `stats`, for the whole ledger or a filter. Its reads
/// together stop after [`super::DASHBOARD_BUDGET`].
pub async fn dashboard(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    RawQuery(raw): RawQuery,
) -> Page {
    let started = std::time::Instant::now();
    let budget = super::DASHBOARD_BUDGET;
    let w = dashboard_wanted(raw)?;
    let filter = w.filter.clone();
    let counted = desk.counted(w.filter_key(), filter.clone(), budget).await?;
    let months = if w.all_months {
        report::Months::All
    } else {
        report::Months::Latest
    };
    let all_months = w.query_with("months", "all");
    let left = budget.saturating_sub(started.elapsed());
    let body = desk
        .read_long(left, move |l| {
            Ok(report::body_of(l, &filter, &counted, months, &all_months)?)
        })
        .await?;
    // The filter in words, so that a dashboard of some claims is never read as the ledger's.
    let given: Vec<&(String, String)> = w
        .pairs
        .iter()
        .filter(|(k, v)| !v.trim().is_empty() && !matches!(k.as_str(), "months" | "sort" | "q"))
        .collect();
    Ok(page(
        "Dashboard",
        &v,
        html! {
            h1 { "Dashboard" }
            @if !given.is_empty() {
                p.filtered {
                    "Only claims with "
                    @for (i, (key, value)) in given.iter().enumerate() {
                        @if i > 0 { ", " }
                        (key.replace('_', " ")) " " strong { (value) }
                    }
                    " · " a href={ "/?" (w.filter_key()) } { "the queue of this filter" }
                    " · " a href="/dashboard" { "every claim" }
                }
            }
            (body)
        },
    ))
}

/// The filter of a dashboard's query string: without a status, every claim (not the queue's
/// claims to review).
fn dashboard_wanted(raw: Option<String>) -> Result<Wanted, Failure> {
    let mut w = wanted(raw)?;
    if w.given("status").is_empty() {
        w.filter.checked = None;
        w.filter.hide_dismissed = false;
    }
    Ok(w)
}

/// Counts the dashboard without a filter, to be kept for its first view.
pub async fn warm_dashboard(desk: &Arc<Desk>, budget: std::time::Duration) -> Result<(), Failure> {
    let w = dashboard_wanted(None)?;
    desk.counted(w.filter_key(), w.filter, budget).await?;
    Ok(())
}

impl Desk {
    /// The claims per status for the queue's header. A review posted here moves its claim
    /// between the counts at once; everything else (reviews from the command line, ingests)
    /// shows within five seconds, when one request counts again while the others show the
    /// last counts.
    pub async fn status_counts(self: &Arc<Self>) -> Result<Vec<(String, i64)>, Failure> {
        const FRESH: std::time::Duration = std::time::Duration::from_secs(5);
        {
            let mut cache = super::lock(&self.counts);
            if cache.at.elapsed() < FRESH || cache.refreshing {
                return Ok(cache.counts.clone());
            }
            cache.refreshing = true;
        }
        let counted = self.read(|l| Ok(l.status_counts()?)).await;
        let mut cache = super::lock(&self.counts);
        cache.refreshing = false;
        let counts = counted?;
        cache.at = std::time::Instant::now();
        cache.counts = counts.clone();
        Ok(counts)
    }

    /// Moves a claim reviewed here from one count to the other.
    pub fn count_review(&self, from: Status, to: Status) {
        let mut cache = super::lock(&self.counts);
        let counts = &mut cache.counts;
        if let Some(c) = counts.iter_mut().find(|(s, _)| s == from.as_str()) {
            c.1 -= 1;
        }
        match counts.iter_mut().find(|(s, _)| s == to.as_str()) {
            Some(c) => c.1 += 1,
            None => counts.push((to.as_str().to_string(), 1)),
        }
        counts.retain(|(_, n)| *n > 0);
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
}

/// A message as a sentence: its first letter upper-case.
fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_in_the_queue() {
        // Claim 7 at position 1 of [5, 7, 9].
        assert_eq!(
            neighbours(&[5, 7, 9], 0, 1, 7),
            (Some((5, 0)), Some((9, 2)))
        );
        // At the top.
        assert_eq!(neighbours(&[7, 9], 0, 0, 7), (None, Some((9, 1))));
        // Reviewed out of the queue: the claim now at its place is next.
        assert_eq!(
            neighbours(&[5, 9, 11], 0, 1, 7),
            (Some((5, 0)), Some((9, 1)))
        );
    }

    #[test]
    fn the_paragraph_marks_claim_frame_and_cue() {
        let body = "First line.\nThe mayor said that taxes will rise. Then more.\nLast.";
        let s = body.find("taxes").unwrap();
        let e = s + "taxes will rise".len();
        let p = Placed {
            appearance_id: 1,
            source_id: Some(1),
            start: Some(s),
            end: Some(e),
            sentence: "The mayor said that taxes will rise.".into(),
            cue: Some("said".into()),
            body: body.into(),
        };
        let out = in_context(&p).into_string();
        assert_eq!(
            out,
            "<div class=\"article\"><mark class=\"frame\">The mayor </mark><mark class=\"cue\">said</mark><mark class=\"frame\"> that </mark><mark class=\"claim\">taxes will rise</mark><mark class=\"frame\">.</mark> Then more.</div>"
        );
    }

    #[test]
    fn search_marks_become_mark_elements_and_text_is_escaped() {
        let out = marked("a [tax] <b>", "a tax <b>").into_string();
        assert_eq!(out, "a <mark>tax</mark> &lt;b&gt;");
    }

    #[test]
    fn search_highlighting_keeps_typed_brackets() {
        let out = marked("[[sic]] he [said] [2] (x)", "[sic] he said [2] (x)").into_string();
        assert_eq!(out, "[<mark>sic</mark>] he <mark>said</mark> [2] (x)");
        // Text the marks do not fit is shown as it is.
        assert_eq!(marked("[a] b", "c").into_string(), "c");
    }

    #[test]
    fn a_long_search_keeps_each_word_once_and_a_huge_one_is_refused() {
        let long = "a ".repeat(4000);
        assert_eq!(bounded_query(&long).unwrap(), "a");
        assert_eq!(bounded_query("Tax tax rise").unwrap(), "Tax rise");
        assert_eq!(bounded_query("tax OR tax").unwrap(), "tax OR tax");
        let many: String = (0..40).map(|i| format!("w{i} ")).collect();
        assert!(
            bounded_query(&many)
                .unwrap_err()
                .contains("at most 32 different words")
        );
        assert!(
            bounded_query(&"ab ".repeat(5000))
                .unwrap_err()
                .contains("characters")
        );
    }
}
