//! Sessions of the desk, kept in the server's memory: a cookie names a session, the session
//! holds who logged in and the CSRF token every form carries. Restarting the server logs
//! everyone out. Wrong passwords make the next login for that name wait (per-name back-off).

use super::password;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie's name.
pub const COOKIE: &str = "claimledger_session";
/// Sessions unused for this long are forgotten.
const IDLE: Duration = Duration::from_secs(12 * 3600);
/// At most this many sessions (and back-off entries) are kept: a client that never sends its
/// cookie back cannot fill the server's memory.
const MAX_ENTRIES: usize = 20_000;
/// The longest a login waits after wrong passwords.
const MAX_WAIT: Duration = Duration::from_secs(300);

/// The visitor of one request, as handlers see it.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub token: String,
    /// The logged-in reviewer (with `--open`, the desk's reviewer for everyone).
    pub user: Option<String>,
    pub csrf: String,
    /// The desk runs without login (`--open`): there is nobody to log out.
    pub open: bool,
}

#[derive(Debug)]
struct Session {
    user: Option<String>,
    csrf: String,
    used: Instant,
}

#[derive(Debug, Default)]
struct Failures {
    count: u32,
    wait_until: Option<Instant>,
}

/// Every session and the back-off of every login name.
#[derive(Debug, Default)]
pub struct Sessions {
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, Failures>>,
}

impl Sessions {
    /// The visitor with this cookie, or a new anonymous session (true when new). With
    /// `open_as`, new sessions are logged in as that reviewer.
    pub fn visit(
        &self,
        cookie: Option<&str>,
        open_as: Option<&str>,
    ) -> anyhow::Result<(Visitor, bool)> {
        let mut map = self.lock_sessions();
        let now = Instant::now();
        if let Some(token) = cookie
            && let Some(session) = map.get_mut(token)
            && now.duration_since(session.used) < IDLE
        {
            session.used = now;
            return Ok((
                Visitor {
                    token: token.to_string(),
                    user: session.user.clone(),
                    csrf: session.csrf.clone(),
                    open: open_as.is_some(),
                },
                false,
            ));
        }
        let visitor = Visitor {
            token: password::token()?,
            user: open_as.map(str::to_string),
            csrf: password::token()?,
            open: open_as.is_some(),
        };
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, s| now.duration_since(s.used) < IDLE && s.user.is_some());
            if map.len() >= MAX_ENTRIES {
                // Drop the least recently used half.
                let mut ages: Vec<Instant> = map.values().map(|s| s.used).collect();
                ages.sort();
                let cut = ages[ages.len() / 2];
                map.retain(|_, s| s.used > cut);
            }
        }
        map.insert(
            visitor.token.clone(),
            Session {
                user: visitor.user.clone(),
                csrf: visitor.csrf.clone(),
                used: now,
            },
        );
        Ok((visitor, true))
    }

    /// Replaces the visitor's session by a new one logged in as `user` (a new id, so that a
    /// session id known before the login is worth nothing after it).
    pub fn log_in(&self, old: &str, user: &str) -> anyhow::Result<Visitor> {
        let visitor = Visitor {
            token: password::token()?,
            user: Some(user.to_string()),
            csrf: password::token()?,
            open: false,
        };
        let mut map = self.lock_sessions();
        map.remove(old);
        map.insert(
            visitor.token.clone(),
            Session {
                user: visitor.user.clone(),
                csrf: visitor.csrf.clone(),
                used: Instant::now(),
            },
        );
        Ok(visitor)
    }

    /// Forgets a session.
    pub fn log_out(&self, token: &str) {
        self.lock_sessions().remove(token);
    }

    /// Forgets every session of a reviewer (after `users remove` the server still had them).
    pub fn forget_user(&self, user: &str) {
        self.lock_sessions().retain(|_, s| {
            s.user
                .as_deref()
                .is_none_or(|u| !u.eq_ignore_ascii_case(user))
        });
    }

    /// How long a login as `name` must still wait after wrong passwords (None: it may try).
    pub fn must_wait(&self, name: &str) -> Option<Duration> {
        let map = self.lock_failures();
        let until = map.get(&name.to_lowercase())?.wait_until?;
        until.checked_duration_since(Instant::now())
    }

    /// Counts a wrong password for `name`: the next try waits 1 s, then 2, 4, … up to 5 min.
    pub fn failed(&self, name: &str) {
        let mut map = self.lock_failures();
        if map.len() >= MAX_ENTRIES {
            let now = Instant::now();
            map.retain(|_, f| f.wait_until.is_some_and(|u| u > now));
        }
        let entry = map.entry(name.to_lowercase()).or_default();
        entry.count = entry.count.saturating_add(1);
        let wait = Duration::from_secs(1u64 << (entry.count - 1).min(9)).min(MAX_WAIT);
        entry.wait_until = Some(Instant::now() + wait);
    }

    /// Clears the back-off of `name` after a right password.
    pub fn succeeded(&self, name: &str) {
        self.lock_failures().remove(&name.to_lowercase());
    }

    // A panic while holding a lock leaves plain data behind (no invariant spans two fields),
    // so a poisoned lock is used as it is.
    fn lock_sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_failures(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The value of cookie `name` in a request's Cookie headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The Set-Cookie value for a session.
pub fn set_cookie(token: &str) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}",
        IDLE.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_passwords_back_off_per_name() {
        let s = Sessions::default();
        assert!(s.must_wait("Kim").is_none());
        s.failed("Kim");
        assert!(
            s.must_wait("kim")
                .is_some_and(|w| w <= Duration::from_secs(1))
        );
        s.failed("kim");
        assert!(
            s.must_wait("KIM")
                .is_some_and(|w| w > Duration::from_secs(1))
        );
        assert!(
            s.must_wait("Lou").is_none(),
            "another name is not slowed down"
        );
        s.succeeded("kim");
        assert!(s.must_wait("kim").is_none());
    }

    #[test]
    fn a_login_gets_a_new_session() {
        let s = Sessions::default();
        let (anon, fresh) = s.visit(None, None).unwrap();
        assert!(fresh && anon.user.is_none());
        let kim = s.log_in(&anon.token, "kim").unwrap();
        assert_ne!(kim.token, anon.token);
        let (back, fresh) = s.visit(Some(&kim.token), None).unwrap();
        assert!(!fresh);
        assert_eq!(back.user.as_deref(), Some("kim"));
        let (old, fresh) = s.visit(Some(&anon.token), None).unwrap();
        assert!(
            fresh && old.user.is_none(),
            "the session before the login is gone"
        );
    }
}
