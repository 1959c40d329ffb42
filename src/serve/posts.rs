//! The desk's forms: log in, log out, record a review. Every POST needs the session's CSRF
//! token; a review also needs a logged-in reviewer and is recorded once per form.

use super::pages::reviewer;
use super::session::{self, Visitor};
use super::{Desk, Failure, password};
use crate::claim::{Status, is_web_address};
use crate::error::StoreError;
use axum::Extension;
use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{DOCTYPE, html};
use std::sync::Arc;

type Fields = Vec<(String, String)>;

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

/// Records a review from the claim page's form, then goes back to the claim's trail.
pub async fn review(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    Path(raw_id): Path<String>,
    RawQuery(raw): RawQuery,
    Form(fields): Form<Fields>,
) -> Result<Response, Failure> {
    check_csrf(&v, &fields)?;
    let Some(user) = v.user.clone() else {
        return Err(Failure::Forbidden("log in to record a review".into()));
    };
    let id: i64 = raw_id
        .parse()
        .map_err(|_| Failure::NotFound(format!("there is no claim '{raw_id}'")))?;
    let token = field(&fields, "form")?.to_string();
    if token.is_empty() || token.len() > 64 {
        return Err(Failure::BadRequest(
            "the form has no form token: reload the claim page".into(),
        ));
    }
    let status: Status = field(&fields, "status")?
        .parse()
        .map_err(|e: crate::claim::UnknownName| Failure::BadRequest(e.to_string()))?;
    let note = Some(field(&fields, "note")?.trim().to_string()).filter(|n| !n.is_empty());
    let evidence: Vec<String> = field(&fields, "evidence")?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(bad) = evidence.iter().find(|u| !is_web_address(u)) {
        return Err(Failure::BadRequest(format!(
            "evidence '{bad}' is not a URL: give http:// or https:// addresses, one per line"
        )));
    }
    let url = Some(field(&fields, "url")?.trim().to_string()).filter(|u| !u.is_empty());
    if let Some(u) = url.as_deref().filter(|u| !is_web_address(u)) {
        return Err(Failure::BadRequest(format!(
            "the published fact-check URL '{u}' is not an http:// or https:// address"
        )));
    }
    // A reviewer removed with `users remove` while logged in loses the session here.
    if !v.open {
        let name = user.clone();
        if desk.read(move |l| Ok(l.user_hash(&name)?)).await?.is_none() {
            desk.sessions.forget_user(&user);
            return Err(Failure::Forbidden(format!(
                "'{user}' is no longer a reviewer of this desk"
            )));
        }
    }
    let from = desk
        .write(move |l| {
            l.review_once(
                &token,
                id,
                status,
                note.as_deref(),
                &evidence,
                &user,
                url.as_deref(),
            )
            .map_err(review_failure)
        })
        .await?;
    if let Some(from) = from {
        desk.count_review(from, status);
    }
    let back = match raw.filter(|q| !q.is_empty()) {
        Some(q) => format!("/claims/{id}?{q}#trail"),
        None => format!("/claims/{id}#trail"),
    };
    Ok(Redirect::to(&back).into_response())
}

/// A review the rules refuse, in the desk's words: the reviewer fills in the form's note.
fn review_failure(e: StoreError) -> Failure {
    match e {
        StoreError::Review(rule) => Failure::BadRequest(format!(
            "{rule}: write it in the note field and send the form again"
        )),
        other => other.into(),
    }
}

/// Only paths of this site may be where a login goes next.
fn local_path(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
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
    Form(fields): Form<Fields>,
) -> Result<Response, Failure> {
    check_csrf(&v, &fields)?;
    let name = field(&fields, "name")?.trim().to_string();
    let given = field(&fields, "password")?.to_string();
    let next = local_path(field(&fields, "next")?).to_string();
    if let Some(wait) = desk.sessions.must_wait(&name) {
        return Err(Failure::TooSoon(wait.as_secs_f64().ceil() as u64));
    }
    let lookup = name.clone();
    let stored = desk.read(move |l| Ok(l.user_hash(&lookup)?)).await?;
    // Verify against a hash even for an unknown name, so that timing does not tell names.
    let (user, hash) = stored.unwrap_or_else(|| (String::new(), DUMMY_HASH.to_string()));
    let ok_name = (desk.passwords.check(given, hash).await && !user.is_empty()).then_some(user);
    let Some(user) = ok_name else {
        desk.sessions.failed(&name);
        return Ok((
            axum::http::StatusCode::UNAUTHORIZED,
            login_form(&v, &next, Some("wrong name or password")),
        )
            .into_response());
    };
    desk.sessions.succeeded(&name);
    let fresh = desk.sessions.log_in(&v.token, &user)?;
    let mut res = Redirect::to(&next).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&session::set_cookie(&fresh.token)) {
        res.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(res)
}

/// The argon2 hash of a password nobody has, checked for unknown names.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0XBRz6mB5+9LAtOcXxZ6gJ9K0Sx2fBQ6cCGAqgxa0UE";

pub async fn logout(
    State(desk): State<Arc<Desk>>,
    Extension(v): Extension<Visitor>,
    uri: Uri,
    Form(fields): Form<Fields>,
) -> Result<Response, Failure> {
    check_csrf(&v, &fields)?;
    reviewer(&v, &uri)?;
    desk.sessions.log_out(&v.token);
    Ok(Redirect::to("/login").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::ReviewError;

    #[test]
    fn a_refused_review_tells_the_desk_user_about_the_form_not_a_flag() {
        let rule = StoreError::Review(ReviewError::VerdictNeedsNote(Status::False));
        let Failure::BadRequest(text) = review_failure(rule) else {
            panic!("a refused review is a bad request");
        };
        assert!(
            text.contains("needs a note") && text.contains("note field"),
            "{text}"
        );
        assert!(!text.contains("--"), "{text}");
        let missing = review_failure(StoreError::UnknownClaim(4));
        assert!(matches!(missing, Failure::NotFound(t) if !t.contains("claimledger list")));
    }
}
