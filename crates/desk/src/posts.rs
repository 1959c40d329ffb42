//! The desk's forms: log in, log out, record a review. Every POST needs the session's CSRF
//! token; a review also needs a logged-in reviewer and is recorded once per form.

use super::params::Typed;
use super::session::{self, Visitor};
use super::{Desk, Failure, Reviewer, pages, password};
use crate::claim::{Review, Status, is_web_address};
use crate::store::StoreError;
use crate::store::desk::{Posted, PostedReview};
use axum::Extension;
use axum::extract::{Form, FromRequest, Path, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{DOCTYPE, html};
use std::sync::Arc;

type Fields = Vec<(String, String)>;

/// A posted form, or a desk page saying why it could not be read (too large, not a form).
pub struct DeskForm(pub Fields);

impl<S: Send + Sync> FromRequest<S> for DeskForm {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        match Form::<Fields>::from_request(req, state).await {
            Ok(Form(fields)) => Ok(DeskForm(fields)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Failure::Refused(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the form is larger than the desk takes ({} KB): shorten the note or the evidence; the Back button brings your text back",
                    super::MAX_BODY / 1024
                ),
            )),
            Err(e) if e.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE => Err(Failure::Refused(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "the desk takes forms as a browser sends them (application/x-www-form-urlencoded)"
                    .into(),
            )),
            Err(_) => Err(Failure::BadRequest(
                "the form could not be read: send it again from the page".into(),
            )),
        }
    }
}

/// The value of a form field ("" when absent); a field given twice is refused.
fn field<'a>(fields: &'a Fields, name: &str) -> Result<&'a str, Failure> {
    let mut found = fields.iter().filter(|(k, _)| k == name);
    let value = found.next().map(|(_, v)| v.as_str()).unwrap_or("");
    if found.next().is_some() {
        return Err(Failure::BadRequest(format!(
            "the field {name} is given twice"
        )));
    }
    Ok(value)
}

/// Refuses a form without the session's CSRF token (403).
fn check_csrf(v: &Visitor, fields: &Fields) -> Result<(), Failure> {
    let given = field(fields, "csrf")?;
    if given.is_empty() || !password::same_secret(given, &v.csrf) {
        return Err(Failure::Forbidden(
            "the form is missing its security token or it has expired: reload the page and send it again".into(),
        ));
    }
    Ok(())
}

/// Records a review from the claim page's form, then goes back to the claim's trail. A form
/// filled in on a page older than the claim's latest review is not recorded: the page that
/// answers shows both and offers to record it anyway.
pub async fn review(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Extension(Reviewer(user)): Extension<Reviewer>,
    Path(raw_id): Path<String>,
    RawQuery(raw): RawQuery,
    DeskForm(fields): DeskForm,
) -> Result<Response, Failure> {
    check_csrf(&v, &fields)?;
    let id: i64 = raw_id
        .parse()
        .map_err(|_| Failure::NotFound(format!("there is no claim '{raw_id}'")))?;
    let action = match raw.as_deref().filter(|q| !q.is_empty()) {
        Some(q) => format!("/claims/{id}/review?{q}"),
        None => format!("/claims/{id}/review"),
    };
    let typed = Typed {
        status: field(&fields, "status")?.parse().ok(),
        note: field(&fields, "note")?.to_string(),
        evidence: field(&fields, "evidence")?.to_string(),
        url: field(&fields, "url")?.to_string(),
    };
    // Every refusal from here on sends the form back filled in.
    let refill = |code: StatusCode, problem: String, seen: i64, theirs: Option<Review>| {
        let page = pages::refilled(&v, id, &action, &typed, seen, &problem, theirs.as_ref());
        page.map(|p| (code, p).into_response())
    };
    let token = field(&fields, "form")?.to_string();
    let seen: Option<i64> = match field(&fields, "seen")? {
        "" => None,
        n => Some(n.parse().map_err(|_| {
            Failure::BadRequest(format!("the form's review number '{n}' is not a number"))
        })?),
    };
    if let Some(other) = pages::form_claim(&token).filter(|c| *c != id) {
        let seen = desk.read(move |l| Ok(l.latest_review_id(id)?)).await?;
        return refill(StatusCode::CONFLICT, other_claim(other, id), seen, None);
    }
    let checked = check_review(&token, &typed);
    let (status, evidence, url) = match checked {
        Ok(c) => c,
        Err(problem) => {
            let seen = desk.read(move |l| Ok(l.latest_review_id(id)?)).await?;
            return refill(StatusCode::UNPROCESSABLE_ENTITY, problem, seen, None);
        }
    };
    let note = Some(typed.note.trim().to_string()).filter(|n| !n.is_empty());
    let reviewer = user.clone();
    let outcome = desk
        .write_leaving_counts(move |l| {
            let form = PostedReview {
                token: &token,
                claim_id: id,
                seen,
                to: status,
                note: note.as_deref(),
                evidence: &evidence,
                reviewer: &reviewer,
                url: url.as_deref(),
            };
            match l.review_posted(&form) {
                Ok(posted) => Ok(Ok(posted)),
                Err(StoreError::Review(rule)) => Ok(Err(format!(
                    "{rule}: write it in the note field and send the form again"
                ))),
                Err(other) => Err(Failure::from(other)),
            }
        })
        .await?;
    let posted = match outcome {
        Ok(posted) => posted,
        Err(problem) => {
            let seen = desk.read(move |l| Ok(l.latest_review_id(id)?)).await?;
            return refill(StatusCode::UNPROCESSABLE_ENTITY, problem, seen, None);
        }
    };
    match posted {
        Posted::Recorded(from) => desk.count_review(from, status),
        Posted::Again => {}
        Posted::OtherClaim(other) => {
            let seen = desk.read(move |l| Ok(l.latest_review_id(id)?)).await?;
            return refill(StatusCode::CONFLICT, other_claim(other, id), seen, None);
        }
        Posted::Stale(theirs) => {
            let problem = format!(
                "{} recorded {} at {} after this page was opened: nothing was recorded; compare the two and send yours again to record it anyway",
                theirs.reviewer,
                theirs.to.as_str(),
                theirs.reviewed_at
            );
            return refill(StatusCode::CONFLICT, problem, theirs.id, Some(*theirs));
        }
    }
    let back = match raw.filter(|q| !q.is_empty()) {
        Some(q) => format!("/claims/{id}?{q}#trail"),
        None => format!("/claims/{id}#trail"),
    };
    Ok(Redirect::to(&back).into_response())
}

/// Merges a suggested match (`other`) into this claim. Two different verdicts are merged only
/// when the form says `force` (the page that answers asks for it, as `--force` does).
pub async fn merge(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Extension(Reviewer(user)): Extension<Reviewer>,
    Path(raw_id): Path<String>,
    DeskForm(fields): DeskForm,
) -> Result<Response, Failure> {
    let (id, other) = curated_pair(&v, &fields, &raw_id)?;
    let force = field(&fields, "force")? == "yes";
    let differ = desk
        .write(move |l| match l.merge(other, id, force, &user) {
            Ok(_) => Ok(None),
            Err(StoreError::VerdictsDiffer {
                from_status,
                into_status,
                ..
            }) => Ok(Some((from_status, into_status))),
            Err(e) => Err(Failure::from(e)),
        })
        .await?;
    let Some((theirs, ours)) = differ else {
        return Ok(Redirect::to(&format!("/claims/{id}#trail")).into_response());
    };
    let page = super::html::page(
        &format!("Merge claim {other} into claim {id}?"),
        &v,
        html! {
            h1 { "Merge claim " (other) " into claim " (id) "?" }
            p.reason { "Claim " (other) " has the verdict " strong { (theirs) } ", claim " (id) " the verdict "
                strong { (ours) } ". Merged, claim " (other) " is listed through claim " (id) " and keeps its own reviews." }
            form.review method="post" action={ "/claims/" (id) "/merge" } {
                input type="hidden" name="csrf" value=(v.csrf);
                input type="hidden" name="other" value=(other);
                input type="hidden" name="force" value="yes";
                div { button type="submit" { "Merge anyway" } " " a href={ "/claims/" (id) } { "Cancel" } }
            }
        },
    );
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// Takes claim `other`, merged into this claim, out again.
pub async fn unmerge(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Extension(Reviewer(user)): Extension<Reviewer>,
    Path(raw_id): Path<String>,
    DeskForm(fields): DeskForm,
) -> Result<Response, Failure> {
    let (id, other) = curated_pair(&v, &fields, &raw_id)?;
    desk.write(move |l| Ok(l.unmerge(other, &user)?)).await?;
    Ok(Redirect::to(&format!("/claims/{id}#trail")).into_response())
}

/// Records that the suggested match `other` is not the same claim as this one.
pub async fn not_same(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Extension(Reviewer(user)): Extension<Reviewer>,
    Path(raw_id): Path<String>,
    DeskForm(fields): DeskForm,
) -> Result<Response, Failure> {
    let (id, other) = curated_pair(&v, &fields, &raw_id)?;
    desk.write(move |l| Ok(l.dismiss_suggestion(id, other, &user)?))
        .await?;
    Ok(Redirect::to(&format!("/claims/{id}#trail")).into_response())
}

/// The claim of the page and the other claim a merge, unmerge or "not the same" form names,
/// once the form's security token is checked.
fn curated_pair(v: &Visitor, fields: &Fields, raw_id: &str) -> Result<(i64, i64), Failure> {
    check_csrf(v, fields)?;
    Ok((claim_id(raw_id)?, claim_id(field(fields, "other")?)?))
}

fn claim_id(raw: &str) -> Result<i64, Failure> {
    raw.parse()
        .ok()
        .filter(|n: &i64| *n > 0)
        .ok_or_else(|| Failure::NotFound(format!("there is no claim '{raw}'")))
}

fn other_claim(other: i64, id: i64) -> String {
    format!(
        "this form was made for claim {other}, not claim {id}: nothing was recorded; check the review below and send it for claim {id}"
    )
}

/// Checks a review form's fields: the status, evidence and published URL as typed; the reason
/// in the desk's words when one is wrong.
fn check_review(
    token: &str,
    typed: &Typed,
) -> Result<(Status, Vec<String>, Option<String>), String> {
    if token.is_empty() || token.len() > 96 {
        return Err("the form has lost its form number: send it again from here".into());
    }
    let status = typed
        .status
        .ok_or_else(|| "choose a status from the list".to_string())?;
    let evidence: Vec<String> = typed
        .evidence
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(bad) = evidence.iter().find(|u| !is_web_address(u)) {
        return Err(format!(
            "evidence '{bad}' is not a web address: give http:// or https:// addresses, one per line"
        ));
    }
    let url = Some(typed.url.trim().to_string()).filter(|u| !u.is_empty());
    if let Some(u) = url.as_deref().filter(|u| !is_web_address(u)) {
        return Err(format!(
            "the published fact-check address '{u}' does not start with http:// or https://"
        ));
    }
    Ok((status, evidence, url))
}

/// Only paths of this site may be where a login goes next: an absolute path of printable
/// ASCII (what the desk's own links are), not `//host` nor `/\host`, nor one a browser would
/// read as such once it drops tabs and line breaks. Anything else goes to the queue.
fn local_path(next: &str) -> &str {
    let bytes = next.as_bytes();
    let printable = bytes.iter().all(|b| b.is_ascii_graphic() && *b != b'\\');
    let lower = next.to_ascii_lowercase();
    let second_slash = ["/%2f", "/%5c"].iter().any(|p| lower.starts_with(p));
    if printable && bytes.first() == Some(&b'/') && bytes.get(1) != Some(&b'/') && !second_slash {
        next
    } else {
        "/"
    }
}

pub async fn login_page(
    Extension(v): Extension<Visitor>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let pairs: Fields = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| Failure::BadRequest(format!("the query string cannot be read: {e}")))?;
    let next = pairs
        .iter()
        .find(|(k, _)| k == "next")
        .map(|(_, n)| local_path(n).to_string())
        .unwrap_or_else(|| "/".into());
    if v.user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(login_form(&v, &next, None).into_response())
}

fn login_form(v: &Visitor, next: &str, problem: Option<&str>) -> maud::Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "Log in · claimledger desk" }
                link rel="stylesheet" href="/assets/desk.css";
            }
            body { main.narrow {
                h1 { "claimledger desk" }
                @if let Some(p) = problem { p.reason { (p) } }
                form.review method="post" action="/login" {
                    input type="hidden" name="csrf" value=(v.csrf);
                    input type="hidden" name="next" value=(next);
                    label { "Name" input type="text" name="name" autofocus autocomplete="username"; }
                    label { "Password" input type="password" name="password" autocomplete="current-password"; }
                    div { button type="submit" { "Log in" } }
                }
            } }
        }
    }
}

/// Checks a name and password; a wrong one makes the next try for that name wait.
pub async fn login(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    DeskForm(fields): DeskForm,
) -> Result<Response, Failure> {
    check_csrf(&v, &fields)?;
    let name = field(&fields, "name")?.trim().to_string();
    let given = field(&fields, "password")?.to_string();
    let next = local_path(field(&fields, "next")?).to_string();
    // Tries of this name from this address are judged one at a time, each after the
    // back-off the one before may have started.
    let gate = desk.sessions.gate(&name, v.client);
    let _turn = gate.lock().await;
    if let Err(wait) = desk.sessions.try_login(&name, v.client) {
        return Err(Failure::TooSoon(wait.as_secs_f64().ceil().max(1.0) as u64));
    }
    let lookup = name.clone();
    let stored = desk.read(move |l| Ok(l.user_hash(&lookup)?)).await?;
    // Verify against a hash even for an unknown name, so that timing does not tell names.
    let (user, hash) = stored.unwrap_or_else(|| (String::new(), DUMMY_HASH.to_string()));
    let ok_name = (desk.passwords.check(given, hash).await && !user.is_empty()).then_some(user);
    let Some(user) = ok_name else {
        desk.sessions.failed(&name, v.client);
        return Ok((
            axum::http::StatusCode::UNAUTHORIZED,
            login_form(&v, &next, Some("wrong name or password")),
        )
            .into_response());
    };
    desk.sessions.succeeded(&name, v.client);
    let fresh = desk.sessions.log_in(&v, &user)?;
    if let Some(kept) = desk.sessions.to_keep(&fresh) {
        let (old, token) = (v.token.clone(), fresh.token.clone());
        let (idle, started) = session::ended_before(kept.started_at);
        desk.write_leaving_counts(move |l| {
            l.end_desk_session(&old)?;
            Ok(l.save_desk_session(&token, &kept, idle, started)?)
        })
        .await?;
    }
    let mut res = Redirect::to(&next).into_response();
    if let Ok(cookie) =
        HeaderValue::from_str(&session::set_cookie(&fresh.token, desk.secure_cookies))
    {
        res.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(res)
}

/// The argon2 hash of a password nobody has, checked for unknown names.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0XBRz6mB5+9LAtOcXxZ6gJ9K0Sx2fBQ6cCGAqgxa0UE";

pub async fn logout(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    DeskForm(fields): DeskForm,
) -> Result<Response, Failure> {
    check_csrf(&v, &fields)?;
    desk.sessions.log_out(&v.token);
    let token = v.token.clone();
    desk.write_leaving_counts(move |l| Ok(l.end_desk_session(&token)?))
        .await?;
    Ok(Redirect::to("/login").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_never_leaves_the_site() {
        for bad in [
            "//other.example/x",
            "/\\other.example",
            "/\t/other.example",
            "/\n/other.example",
            "/%2F/other.example",
            "/%5cother.example",
            "https://other.example/",
            "other.example",
            "/claims/1\u{7}",
            "",
        ] {
            assert_eq!(local_path(bad), "/", "{bad:?}");
        }
        for good in [
            "/",
            "/claims/12?pos=3",
            "/search?q=a%20b",
            "/speaker?name=M%C3%BCller",
        ] {
            assert_eq!(local_path(good), good);
        }
    }

    #[test]
    fn a_review_form_is_checked_in_the_desks_words() {
        let typed = Typed {
            status: Some(Status::False),
            evidence: "ftp://x".into(),
            ..Typed::default()
        };
        let why = check_review("t", &typed).unwrap_err();
        assert!(
            why.contains("not a web address") && !why.contains("--"),
            "{why}"
        );
    }
}
