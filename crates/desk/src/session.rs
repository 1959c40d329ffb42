//! Sessions of the desk: a cookie names a session, the session holds who logged in and the CSRF
//! token every form carries. They live in the server's memory; a logged-in one is also kept in
//! the ledger (under a hash of its token, its last use written at most once a minute), so that a
//! restarted server finds it again. A session ends after an idle time and, however busy, after
//! a fixed lifetime; a reviewer's sessions end when the reviewer is removed.
//!
//! Login back-off: tries of one name from one address pass a gate one at a time, from the
//! back-off check to the password's verdict, so a burst of simultaneous guesses cannot all
//! be checked before the back-off applies (and simultaneous right logins all succeed). The back-off is kept per name *and* client
//! address, so that a stranger guessing from elsewhere cannot lock a reviewer out; each
//! address may also try only so many times in a window, whatever the names.

use super::password;
use crate::store::users::DeskSession;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie's name.
pub const COOKIE: &str = "claimledger_session";
/// Sessions unused for this long end.
const IDLE: Duration = Duration::from_secs(2 * 3600);
/// Sessions end this long after the login, used or not.
const LIFETIME: Duration = Duration::from_secs(12 * 3600);
/// At most this many sessions (and back-off entries) are kept: a client that never sends its
/// cookie back cannot fill the server's memory.
const MAX_ENTRIES: usize = 20_000;
/// The longest a login waits after wrong passwords.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// A kept session's last use is written to the ledger at most this often.
const TOUCH_EVERY: Duration = Duration::from_secs(60);
/// Wrong passwords one address may send within [`ADDRESS_WINDOW`], whatever the names.
const ADDRESS_TRIES: u32 = 20;
const ADDRESS_WINDOW: Duration = Duration::from_secs(600);

/// The visitor of one request, as handlers see it.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub token: String,
    /// The logged-in reviewer (with `--open`, the desk's reviewer for everyone).
    pub user: Option<String>,
    pub csrf: String,
    /// The desk runs without login (`--open`): there is nobody to log out.
    pub open: bool,
    /// The client's address (behind a trusted proxy, the one it forwarded).
    pub client: IpAddr,
    /// The reviewer whose session ended with this request (removed from the desk).
    pub ended: Option<String>,
}

#[derive(Debug)]
struct Session {
    user: Option<String>,
    csrf: String,
    used: Instant,
    started: Instant,
    /// For a session the ledger keeps: when its last use was written there.
    saved: Option<Instant>,
}

impl Session {
    fn alive(&self, now: Instant) -> bool {
        now.duration_since(self.used) < IDLE && now.duration_since(self.started) < LIFETIME
    }
}

#[derive(Debug, Default)]
struct Failures {
    count: u32,
    wait_until: Option<Instant>,
}

#[derive(Debug)]
struct AddressTries {
    since: Instant,
    count: u32,
}

#[derive(Debug, Default)]
struct Backoff {
    /// Per lower-cased name and client address.
    by_name: HashMap<(String, IpAddr), Failures>,
    by_address: HashMap<IpAddr, AddressTries>,
}

/// What the logins of one name from one address take turns on.
pub type Gate = std::sync::Arc<tokio::sync::Mutex<()>>;

/// Every session and the login back-off.
#[derive(Debug, Default)]
pub struct Sessions {
    sessions: Mutex<HashMap<String, Session>>,
    backoff: Mutex<Backoff>,
    gates: Mutex<HashMap<(String, IpAddr), Gate>>,
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
            && session.alive(now)
        {
            session.used = now;
            return Ok((
                Visitor {
                    token: token.to_string(),
                    user: session.user.clone(),
                    csrf: session.csrf.clone(),
                    open: open_as.is_some(),
                    client: IpAddr::from([0, 0, 0, 0]),
                    ended: None,
                },
                false,
            ));
        }
        if let Some(token) = cookie {
            map.remove(token);
        }
        let visitor = Visitor {
            token: password::token()?,
            user: open_as.map(str::to_string),
            csrf: password::token()?,
            open: open_as.is_some(),
            client: IpAddr::from([0, 0, 0, 0]),
            ended: None,
        };
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, s| s.alive(now) && s.user.is_some());
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
                started: now,
                saved: None,
            },
        );
        Ok((visitor, true))
    }

    /// Replaces the visitor's session by a new one logged in as `user` (a new id, so that a
    /// session id known before the login is worth nothing after it).
    pub fn log_in(&self, old: &Visitor, user: &str) -> anyhow::Result<Visitor> {
        let visitor = Visitor {
            token: password::token()?,
            user: Some(user.to_string()),
            csrf: password::token()?,
            open: false,
            client: old.client,
            ended: None,
        };
        let mut map = self.lock_sessions();
        map.remove(&old.token);
        let now = Instant::now();
        map.insert(
            visitor.token.clone(),
            Session {
                user: visitor.user.clone(),
                csrf: visitor.csrf.clone(),
                used: now,
                started: now,
                saved: Some(now),
            },
        );
        Ok(visitor)
    }

    /// True when the server holds a live session for this token.
    pub fn knows(&self, token: &str) -> bool {
        self.lock_sessions()
            .get(token)
            .is_some_and(|s| s.alive(Instant::now()))
    }

    /// Takes back a session the ledger kept (after a restart); false when it has ended.
    pub fn restore(&self, token: &str, kept: &DeskSession) -> bool {
        let unix = unix_now();
        let ago = |t: i64| Duration::from_secs(u64::try_from(unix - t).unwrap_or(0));
        let now = Instant::now();
        let (Some(used), Some(started)) = (
            now.checked_sub(ago(kept.used_at)),
            now.checked_sub(ago(kept.started_at)),
        ) else {
            return false;
        };
        let session = Session {
            user: Some(kept.user.clone()),
            csrf: kept.csrf.clone(),
            used,
            started,
            saved: Some(used),
        };
        if !session.alive(now) {
            return false;
        }
        self.lock_sessions().insert(token.to_string(), session);
        true
    }

    /// The session the ledger is to keep for a reviewer who just logged in.
    pub fn to_keep(&self, visitor: &Visitor) -> Option<DeskSession> {
        let user = visitor.user.clone()?;
        let unix = unix_now();
        Some(DeskSession {
            user,
            csrf: visitor.csrf.clone(),
            started_at: unix,
            used_at: unix,
        })
    }

    /// True (once a minute at most) when a kept session's last use should be written to the
    /// ledger again; the caller writes it.
    pub fn touch_due(&self, token: &str) -> bool {
        let mut map = self.lock_sessions();
        let Some(session) = map.get_mut(token) else {
            return false;
        };
        match session.saved {
            Some(saved) if session.used.duration_since(saved) >= TOUCH_EVERY => {
                session.saved = Some(session.used);
                true
            }
            _ => false,
        }
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

    /// The gate of logins of `name` from `client`: a login holds it from before its back-off
    /// check until its password has been judged, so that tries of one name from one address
    /// are judged one after the other and each sees the back-off of the one before.
    pub fn gate(&self, name: &str, client: IpAddr) -> Gate {
        let mut gates = self.gates.lock().unwrap_or_else(|e| e.into_inner());
        if gates.len() >= MAX_ENTRIES {
            gates.retain(|_, g| std::sync::Arc::strong_count(g) > 1);
        }
        std::sync::Arc::clone(gates.entry((name.to_lowercase(), client)).or_default())
    }

    /// Takes a login try of `name` from `client` (holding its [`Sessions::gate`]), or says how
    /// long it must wait. The try counts against the address at once, under the same lock as
    /// the check, so that simultaneous tries of many names see each other.
    pub fn try_login(&self, name: &str, client: IpAddr) -> Result<(), Duration> {
        let mut b = self.lock_backoff();
        let now = Instant::now();
        if b.by_name.len() >= MAX_ENTRIES {
            b.by_name
                .retain(|_, f| f.wait_until.is_some_and(|u| u > now));
        }
        if b.by_address.len() >= MAX_ENTRIES {
            b.by_address
                .retain(|_, a| now.duration_since(a.since) < ADDRESS_WINDOW);
        }
        if let Some(wait) = b
            .by_name
            .get(&(name.to_lowercase(), client))
            .and_then(|f| f.wait_until)
            .and_then(|u| u.checked_duration_since(now))
        {
            return Err(wait);
        }
        let address = b.by_address.entry(client).or_insert(AddressTries {
            since: now,
            count: 0,
        });
        if now.duration_since(address.since) >= ADDRESS_WINDOW {
            *address = AddressTries {
                since: now,
                count: 0,
            };
        }
        if address.count >= ADDRESS_TRIES {
            return Err((address.since + ADDRESS_WINDOW).saturating_duration_since(now));
        }
        address.count += 1;
        Ok(())
    }

    /// Counts a wrong password for `name` from `client`: its next try waits 1 s, then 2, 4, …
    /// up to 5 min.
    pub fn failed(&self, name: &str, client: IpAddr) {
        let mut b = self.lock_backoff();
        let entry = b.by_name.entry((name.to_lowercase(), client)).or_default();
        entry.count = entry.count.saturating_add(1);
        let wait = Duration::from_secs(1u64 << (entry.count - 1).min(9)).min(MAX_WAIT);
        entry.wait_until = Some(Instant::now() + wait);
    }

    /// After a right password: the back-off of `name` from `client` ends and the try does
    /// not count against the address.
    pub fn succeeded(&self, name: &str, client: IpAddr) {
        let mut b = self.lock_backoff();
        b.by_name.remove(&(name.to_lowercase(), client));
        if let Some(a) = b.by_address.get_mut(&client) {
            a.count = a.count.saturating_sub(1);
        }
    }

    // A panic while holding a lock leaves plain data behind (no invariant spans two fields),
    // so a poisoned lock is used as it is.
    fn lock_sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_backoff(&self) -> std::sync::MutexGuard<'_, Backoff> {
        self.backoff.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Now, in Unix seconds (the ledger's clock for sessions).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The sessions that have ended by now, as the ledger drops them: (last used before, started
/// before), in Unix seconds.
pub fn ended_before(unix: i64) -> (i64, i64) {
    let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    (unix - secs(IDLE), unix - secs(LIFETIME))
}

/// The value of cookie `name` in a request's Cookie headers.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_string())
}

/// The Set-Cookie value for a session (`Secure` when the desk is reached over HTTPS).
pub fn set_cookie(token: &str, secure: bool) -> String {
    let max_age = i64::try_from(LIFETIME.as_secs()).unwrap_or(i64::MAX);
    Cookie::build((COOKIE, token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(cookie::time::Duration::seconds(max_age))
        .secure(secure)
        .build()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const THERE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    fn kept(used_ago: i64, started_ago: i64) -> DeskSession {
        let now = unix_now();
        DeskSession {
            user: "kim".into(),
            csrf: "c".into(),
            started_at: now - started_ago,
            used_at: now - used_ago,
        }
    }

    #[test]
    fn a_kept_session_is_restored_only_while_alive_and_touched_once_a_minute() {
        let sessions = Sessions::default();
        assert!(!sessions.restore("idle", &kept(3 * 3600, 4 * 3600)));
        assert!(!sessions.restore("old", &kept(60, 13 * 3600)));
        assert!(sessions.restore("t", &kept(120, 3600)));
        assert!(sessions.knows("t"));
        let (visitor, fresh) = sessions.visit(Some("t"), None).unwrap();
        assert!(!fresh);
        assert_eq!(visitor.user.as_deref(), Some("kim"));
        // Used two minutes after its last write: written once, then not again at once.
        assert!(sessions.touch_due("t"));
        sessions.visit(Some("t"), None).unwrap();
        assert!(!sessions.touch_due("t"));
        // A session only in memory (anonymous) is never written.
        let (anon, _) = sessions.visit(None, None).unwrap();
        assert!(!sessions.touch_due(&anon.token));
    }

    #[test]
    fn wrong_passwords_back_off_per_name_and_address() {
        let s = Sessions::default();
        assert!(s.try_login("Kim", HERE).is_ok());
        s.failed("Kim", HERE);
        assert!(
            s.try_login("kim", HERE)
                .is_err_and(|w| w <= Duration::from_secs(1))
        );
        assert!(s.try_login("Lou", HERE).is_ok(), "another name may try");
        assert!(
            s.try_login("kim", THERE).is_ok(),
            "a stranger's guesses do not lock kim out elsewhere"
        );
        s.succeeded("kim", HERE);
        assert!(s.try_login("kim", HERE).is_ok());
    }

    #[test]
    fn one_gate_per_name_and_address() {
        let s = Sessions::default();
        let a = s.gate("Kim", HERE);
        assert!(std::sync::Arc::ptr_eq(&a, &s.gate("kim", HERE)));
        assert!(!std::sync::Arc::ptr_eq(&a, &s.gate("kim", THERE)));
    }

    #[test]
    fn one_address_may_not_spray_many_names() {
        let s = Sessions::default();
        let taken = (0..30)
            .filter(|i| s.try_login(&format!("name{i}"), HERE).is_ok())
            .count();
        assert_eq!(taken, ADDRESS_TRIES as usize);
        assert!(s.try_login("kim", THERE).is_ok(), "other addresses go on");
    }

    #[test]
    fn sessions_end_when_idle_or_too_old() {
        let now = Instant::now();
        let Some(past) = now.checked_sub(LIFETIME + Duration::from_secs(1)) else {
            return;
        };
        let old = Session {
            user: Some("kim".into()),
            csrf: String::new(),
            used: now,
            started: past,
            saved: None,
        };
        assert!(
            !old.alive(now),
            "used a moment ago, but logged in too long ago"
        );
        let idle = Session {
            used: now - IDLE - Duration::from_secs(1),
            started: now - IDLE - Duration::from_secs(1),
            ..old
        };
        assert!(!idle.alive(now));
    }

    #[test]
    fn a_login_gets_a_new_session() {
        let s = Sessions::default();
        let (anon, fresh) = s.visit(None, None).unwrap();
        assert!(fresh && anon.user.is_none());
        let kim = s.log_in(&anon, "kim").unwrap();
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
