//! The desk's page frame, error pages and embedded assets. Templates are maud: HTML written
//! as Rust, checked when the crate compiles, every value escaped unless marked otherwise.

use super::Failure;
use super::session::Visitor;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, html};

/// The desk's style sheet, also inlined into the HTML report.
pub const CSS: &str = include_str!("assets/desk.css");
const JS: &str = include_str!("assets/desk.js");

pub async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}

pub async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        JS,
    )
        .into_response()
}

/// A page of the desk: title, navigation, who is logged in, and the content.
pub fn page(title: &str, visitor: &Visitor, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · claimledger desk" }
                link rel="stylesheet" href="/assets/desk.css";
                script src="/assets/desk.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "claimledger desk" }
                    nav {
                        a href="/" { "Queue" }
                        a href="/search" { "Search" }
                        a href="/dashboard" { "Dashboard" }
                    }
                    div.who {
                        @if let Some(user) = &visitor.user {
                            span { (user) }
                        }
                        @if visitor.user.is_some() && !visitor.open {
                            form.inline method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(visitor.csrf);
                                button type="submit" { "Log out" }
                            }
                        }
                    }
                }
                main { (content) }
            }
        }
    }
}

/// A status as a coloured label.
pub fn status_badge(status: &str) -> Markup {
    html! { span class={ "status s-" (status) } { (status) } }
}

/// A link to an outside address, only for http(s) ones; anything else (a `javascript:` URL)
/// is shown as text.
pub fn outside_link(url: &str, text: &str) -> Markup {
    if crate::claim::is_web_address(url) {
        html! { a href=(url) rel="noopener noreferrer nofollow" { (text) } }
    } else {
        html! { span.url { (text) } }
    }
}

/// Renders a failure as a page with its status code (a redirect for "log in first").
pub fn failure_page(f: Failure) -> Response {
    let (code, title, reason) = match f {
        Failure::NotFound(r) => (StatusCode::NOT_FOUND, "Not found", r),
        Failure::BadRequest(r) => (StatusCode::BAD_REQUEST, "Bad request", r),
        Failure::Forbidden(r) => (StatusCode::FORBIDDEN, "Forbidden", r),
        Failure::Refused(code, r) => (code, "Not accepted", r),
        Failure::Shown(code, page) => return (code, page).into_response(),
        Failure::Busy(budget) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Taking too long",
            format!(
                "this page needed more than {} s and was stopped: narrow the search or the filter",
                budget.as_secs()
            ),
        ),
        Failure::Misdirected(host) => (
            StatusCode::MISDIRECTED_REQUEST,
            "Wrong address",
            format!("this desk does not answer to the name '{host}': open it by its own address"),
        ),
        Failure::TooSoon(secs) => {
            let body = bare(
                "Too many attempts",
                &format!("too many wrong passwords: wait {secs} s before the next try"),
            );
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, secs.to_string())],
                body,
            )
                .into_response();
        }
        Failure::Login(next) => {
            let to = format!(
                "/login?{}",
                serde_urlencoded::to_string([("next", next)]).unwrap_or_default()
            );
            return Redirect::to(&to).into_response();
        }
        Failure::Internal(r) => {
            eprintln!("claimledger desk: {r}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Server error",
                "the ledger could not answer: see the server's output".to_string(),
            )
        }
    };
    (code, bare(title, &reason)).into_response()
}

/// A page without navigation: errors and the login form.
pub fn bare(title: &str, reason: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { (title) " · claimledger desk" }
                link rel="stylesheet" href="/assets/desk.css";
            }
            body {
                main.narrow {
                    h1 { (title) }
                    p.reason { (reason) }
                    p { a href="/" { "Back to the queue" } }
                }
            }
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        failure_page(self)
    }
}
