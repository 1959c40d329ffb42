//! `claimledger serve`: the review desk, a web front end on the ledger for a fact-checking
//! team. Server-rendered HTML (maud), a little progressive JavaScript, assets embedded in the
//! binary, nothing loaded from the internet.
//!
//! Reads run on a small pool of read connections, writes on one writer connection, both on
//! tokio's blocking threads; every write is one transaction of the store.

pub mod charts;
mod download;
mod html;
mod pages;
pub mod params;
pub mod password;
mod posts;
pub mod report;
pub mod session;

use claimledger_core::claim;
use claimledger_formats as export;
use claimledger_store as store;

use crate::store::{Access, Ledger};
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing::{get, post};
use session::{Sessions, Visitor};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Request bodies above this size are refused with 413.
pub const MAX_BODY: usize = 64 * 1024;
/// Read connections for pages, and for searches and other long reads.
const PAGE_READERS: usize = 4;
/// Two: searches are CPU work, and a third connection on two cores only made each slower
/// (and kept another page cache).
const HEAVY_READERS: usize = 2;
/// The page cache of each (MB). A search reads the index of its words and the length of each
/// match (up to 20,000 rows scattered over 12 MB of a 1M-claim ledger): with SQLite's 2 MB
/// most of those reads went to the file again, a fifth of the desk's CPU under load. 8 MB
/// saved a little more CPU, but with four 8 KB searches at once the server went over 200 MB.
const HEAVY_CACHE_MB: i64 = 4;
/// What SQLite may hold in all (MB), page caches and the work of searches together: over
/// it, cached pages are reused rather than more memory taken (searches of words in most
/// claims took the server over 200 MB).
const SQLITE_SOFT_LIMIT_MB: i64 = 64;
/// Queue and claim pages read a few rows each, anywhere in the ledger: the default will do.
const PAGE_CACHE_MB: i64 = 2;

/// Read connections handed out one per blocking task.
struct Pool {
    free: Arc<Mutex<Vec<Ledger>>>,
    permits: Arc<tokio::sync::Semaphore>,
}

/// The SQLite work of one request, so that it can be stopped from outside: when the request's
/// future is dropped (the client went away) or its time budget is spent, the statement
/// running on its connection is interrupted.
#[derive(Default)]
struct Cancel {
    /// Set while the work runs on a connection (and only then: an interrupt after the
    /// connection went back to the pool would hit the next request).
    handle: Option<rusqlite::InterruptHandle>,
    cancelled: bool,
}

type CancelSlot = Arc<Mutex<Cancel>>;

/// Marks the work cancelled and interrupts the statement running on its connection; returns
/// whether the work still holds its connection.
fn cancel(slot: &CancelSlot) -> bool {
    let mut c = lock(slot);
    c.cancelled = true;
    if let Some(h) = &c.handle {
        h.interrupt();
    }
    c.handle.is_some()
}

/// How often cancelled work is interrupted again while it holds its connection.
const INTERRUPT_AGAIN: Duration = Duration::from_millis(5);

/// Interrupts the work until it gives its connection back. SQLite forgets an interrupt that
/// comes while no statement runs (the work was between two statements, in Rust): each
/// statement it starts afterwards must be stopped too.
async fn stop_work(slot: CancelSlot) {
    while cancel(&slot) {
        tokio::time::sleep(INTERRUPT_AGAIN).await;
    }
}

/// Cancels the work when dropped before it finished (`done`).
struct CancelOnDrop {
    slot: CancelSlot,
    done: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if !self.done
            && cancel(&self.slot)
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(stop_work(Arc::clone(&self.slot)));
        }
    }
}

impl Pool {
    /// `cache_mb`: the page cache of each connection (see [`Ledger::set_page_cache_mb`]).
    fn open(path: &std::path::Path, n: usize, cache_mb: i64) -> anyhow::Result<Pool> {
        let ledgers = (0..n)
            .map(|_| {
                let ledger = Ledger::open(path, Access::Read)?;
                ledger.set_page_cache_mb(cache_mb)?;
                Ok(ledger)
            })
            .collect::<Result<Vec<_>, crate::store::StoreError>>()?;
        Ok(Pool {
            free: Arc::new(Mutex::new(ledgers)),
            permits: Arc::new(tokio::sync::Semaphore::new(n)),
        })
    }

    /// Runs `f` on a connection of this pool, on a blocking thread. The work is interrupted
    /// when the caller stops waiting (the client went away) or after `budget`.
    async fn run<T: Send + 'static>(
        &self,
        budget: Duration,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let slot = CancelSlot::default();
        let mut guard = CancelOnDrop {
            slot: Arc::clone(&slot),
            done: false,
        };
        let started = Instant::now();
        let permit = tokio::time::timeout(budget, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| Failure::Busy(budget))?
            .map_err(|e| Failure::Internal(e.to_string()))?;
        let free = Arc::clone(&self.free);
        let work = Arc::clone(&slot);
        let mut task = tokio::task::spawn_blocking(move || {
            // The permit guarantees a free connection: it moves into this closure and is
            // released only after the connection is back (also when the request was given up
            // meanwhile). The pool is only ever touched under this lock.
            let _permit = permit;
            let ledger = lock(&free).pop();
            let Some(ledger) = ledger else {
                return Err(Failure::Internal("no free read connection".into()));
            };
            {
                let mut c = lock(&work);
                if c.cancelled {
                    lock(&free).push(ledger);
                    return Err(Failure::Busy(budget));
                }
                c.handle = Some(ledger.interrupt_handle());
            }
            let out = f(&ledger);
            lock(&work).handle = None;
            lock(&free).push(ledger);
            out
        });
        let left = budget.saturating_sub(started.elapsed());
        let out = match tokio::time::timeout(left, &mut task).await {
            Ok(joined) => joined.map_err(|e| Failure::Internal(e.to_string()))?,
            Err(_) => {
                // The interrupted statement ends at once; its error is not the reader's.
                // (It ends by itself once the work gave its connection back.)
                tokio::spawn(stop_work(Arc::clone(&slot)));
                let _ = task.await;
                Err(Failure::Busy(budget))
            }
        };
        guard.done = true;
        out
    }
}

/// How the desk runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub bind: SocketAddr,
    /// Without login: every visitor reviews as this name (loopback only).
    pub open_as: Option<String>,
    /// The host name people reach the desk by (from `--public-url`), besides loopback names
    /// and IP addresses.
    pub public_host: Option<String>,
    /// Cookies only over HTTPS (the public URL is https: TLS ends at a reverse proxy).
    pub secure_cookies: bool,
    /// Requests from this address (a reverse proxy) name their client in `X-Forwarded-For`.
    pub trusted_proxy: Option<IpAddr>,
}

/// Claims per status, when they were counted, and whether a request is counting again.
struct Counts {
    at: Instant,
    counts: Vec<(String, i64)>,
    refreshing: bool,
}

/// A dashboard's slow counts, kept while the claims stay as they were (see
/// [`Desk::counted`]).
struct KeptCounts {
    /// The filter's query string.
    filter: String,
    /// [`Desk::claims_changed`] and the writer's `data_version` when they were counted.
    generation: u64,
    version: i64,
    counted: Arc<report::Counted>,
}

/// Dashboards whose counts are kept (the latest filters asked for).
const KEPT_DASHBOARDS: usize = 8;

/// What every request shares.
pub struct Desk {
    /// Read connections for pages that answer from an index: queue, claim, speaker, source.
    pages: Pool,
    /// Read connections for what may read much of the ledger: search, dashboard,
    /// downloads. Kept apart so that they cannot hold up the queue and the claim pages.
    heavy: Pool,
    writer: Mutex<Ledger>,
    pub sessions: Sessions,
    /// Checks passwords one at a time on a thread of its own.
    pub passwords: password::Verifier,
    open_as: Option<String>,
    public_host: Option<String>,
    pub secure_cookies: bool,
    trusted_proxy: Option<IpAddr>,
    /// The queue header's counts and when they were read (see `Desk::status_counts`).
    counts: Mutex<Counts>,
    /// Bumped by every write of the desk but reviews and sessions (merges and their undoing,
    /// dismissed suggestions), which may change a dashboard's counts.
    claims_changed: AtomicU64,
    dashboards: Mutex<Vec<KeptCounts>>,
    /// Held while a dashboard's counts are made: one count at a time, so that a second view
    /// of the same filter (or the first view while the counts made at start are still
    /// running) waits for them instead of counting again, and searches keep a connection.
    counting: tokio::sync::Mutex<()>,
}

/// Why a request failed: each becomes an HTML page with its status code.
#[derive(Debug)]
pub enum Failure {
    NotFound(String),
    BadRequest(String),
    Forbidden(String),
    /// Not logged in: go to the login page, then back to this path.
    Login(String),
    TooSoon(u64),
    /// The request's work did not finish within its time budget and was stopped.
    Busy(Duration),
    /// Refused with this status, for this reason.
    Refused(axum::http::StatusCode, String),
    /// Refused with this status and a page of its own (one that keeps what was typed).
    Shown(axum::http::StatusCode, maud::Markup),
    /// The request names a host this desk does not serve (the `Host` header).
    Misdirected(String),
    Internal(String),
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Failure {
        use crate::store::StoreError as E;
        match e {
            E::UnknownClaim(_) | E::UnknownSource(_) | E::UnknownSpeaker(_) => {
                Failure::NotFound(e.to_string())
            }
            E::Review(_) | E::BadQuery { .. } | E::Curate(_) | E::VerdictsDiffer { .. } => {
                Failure::BadRequest(e.to_string())
            }
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Internal(format!("{e:#}"))
    }
}

/// How long a page's reads may take before they are stopped.
const PAGE_BUDGET: Duration = Duration::from_secs(10);
/// How long a search may take: a search is typed by anybody who can reach the page.
pub const SEARCH_BUDGET: Duration = Duration::from_secs(3);
/// A dashboard's reads, all together (its counts of a million claims take about a second).
pub const DASHBOARD_BUDGET: Duration = Duration::from_secs(10);
/// The counts of the dashboard without a filter, made at start while the desk already answers
/// (nobody waits for them).
const WARM_BUDGET: Duration = Duration::from_secs(120);
/// A download goes at the client's pace (a client that leaves ends it at once).
const EXPORT_BUDGET: Duration = Duration::from_secs(3600);

impl Desk {
    /// Opens the ledger for the desk: one writer and the read connections.
    pub fn open(config: &Config) -> anyhow::Result<Desk> {
        let writer = Ledger::open(&config.db, Access::Write)?;
        writer.set_soft_heap_limit_mb(SQLITE_SOFT_LIMIT_MB)?;
        // Counted once before the first page, so that no page shows empty counts.
        let counts = Counts {
            at: Instant::now(),
            counts: writer.status_counts()?,
            refreshing: false,
        };
        Ok(Desk {
            pages: Pool::open(&config.db, PAGE_READERS, PAGE_CACHE_MB)?,
            heavy: Pool::open(&config.db, HEAVY_READERS, HEAVY_CACHE_MB)?,
            writer: Mutex::new(writer),
            sessions: Sessions::default(),
            passwords: password::Verifier::start()?,
            open_as: config.open_as.clone(),
            public_host: config.public_host.as_deref().map(str::to_ascii_lowercase),
            secure_cookies: config.secure_cookies,
            trusted_proxy: config.trusted_proxy,
            counts: Mutex::new(counts),
            claims_changed: AtomicU64::new(0),
            dashboards: Mutex::new(Vec::new()),
            counting: tokio::sync::Mutex::new(()),
        })
    }

    /// Runs `f` on a read connection for pages, on a blocking thread.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        self.pages.run(PAGE_BUDGET, f).await
    }

    /// Runs `f` on a read connection for long reads (the dashboard), stopped after `budget`.
    pub async fn read_long<T: Send + 'static>(
        self: &Arc<Self>,
        budget: Duration,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        self.heavy.run(budget, f).await
    }

    /// Runs an export on a read connection for long reads.
    pub async fn read_export<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        self.heavy.run(EXPORT_BUDGET, f).await
    }

    /// Runs a search on a read connection for long reads, stopped after [`SEARCH_BUDGET`].
    pub async fn read_search<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        self.heavy.run(SEARCH_BUDGET, f).await
    }

    /// Runs `f` on the writer connection, on a blocking thread, one write at a time. The
    /// dashboards' kept counts are counted again after it.
    pub async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let desk = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let out = f(&mut lock(&desk.writer));
            // After the commit, whether or not the request is still waiting for it.
            desk.claims_changed.fetch_add(1, Ordering::SeqCst);
            out
        })
        .await
        .map_err(|e| Failure::Internal(e.to_string()))?
    }

    /// [`Desk::write`] for a write that changes no count a dashboard keeps: a review (it
    /// changes statuses, which a dashboard reads each time) or a session.
    pub async fn write_leaving_counts<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let desk = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(&mut lock(&desk.writer)))
            .await
            .map_err(|e| Failure::Internal(e.to_string()))?
    }

    /// The slow counts of a dashboard (see [`report::Counted`]), kept between requests while
    /// nothing but reviews changed the ledger: no write of another process (the writer's
    /// `PRAGMA data_version`, which its own commits leave alone) and no write of the desk
    /// but reviews and sessions. Counts of a filter that reviews change (a status, a verdict)
    /// are never kept.
    pub async fn counted(
        self: &Arc<Self>,
        key: String,
        filter: crate::store::ClaimFilter,
        budget: Duration,
    ) -> Result<Arc<report::Counted>, Failure> {
        let keep = report::Counted::outlast_reviews(&filter);
        let started = Instant::now();
        let _counting = tokio::time::timeout(budget, self.counting.lock())
            .await
            .map_err(|_| Failure::Busy(budget))?;
        let budget = budget.saturating_sub(started.elapsed());
        // Both read before counting: a write after this counts again next time.
        let generation = self.claims_changed.load(Ordering::SeqCst);
        let version = self.write_leaving_counts(|l| Ok(l.data_version()?)).await?;
        if keep
            && let Some(kept) = lock(&self.dashboards)
                .iter()
                .find(|k| k.filter == key && k.generation == generation && k.version == version)
        {
            return Ok(Arc::clone(&kept.counted));
        }
        let counted = Arc::new(
            self.read_long(budget, move |l| Ok(report::Counted::of(l, &filter)?))
                .await?,
        );
        if keep {
            let mut kept = lock(&self.dashboards);
            kept.retain(|k| k.filter != key);
            if kept.len() >= KEPT_DASHBOARDS {
                kept.remove(0);
            }
            kept.push(KeptCounts {
                filter: key,
                generation,
                version,
                counted: Arc::clone(&counted),
            });
        }
        Ok(counted)
    }

    /// Whether a request's `Host` names this desk: an IP address (which no DNS answer can
    /// rebind), `localhost`, or the host of the public URL. A page of another site whose name
    /// was made to resolve to this machine sends its own name and is refused.
    fn serves_host(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        name == "localhost"
            || name.parse::<IpAddr>().is_ok()
            || self.public_host.as_deref() == Some(name.as_str())
    }

    /// The client's address: the peer's, or behind the trusted proxy the last address the
    /// proxy added to `X-Forwarded-For`.
    fn client(&self, req: &Request) -> IpAddr {
        let peer = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        // The proxy appends the address it saw: the last entry. Earlier ones are the
        // client's own word.
        if self.trusted_proxy == Some(peer)
            && let Some(forwarded) = req
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|a| a.trim().parse::<IpAddr>().ok())
        {
            return forwarded;
        }
        peer
    }
}

/// The host part of a `Host` header value or of an origin's authority (no port, no brackets).
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    authority.rsplit_once(':').map_or(authority, |(h, _)| h)
}

/// Locks a mutex; a panic while it was held leaves a usable connection behind (SQLite rolls
/// back an unfinished transaction), so a poisoned lock is used as it is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The logged-in reviewer of a request, put there by [`require_login`].
#[derive(Debug, Clone)]
pub struct Reviewer(pub String);

/// The desk's routes. Every route but the login page and the assets needs a logged-in
/// reviewer: the router, not each handler, enforces it.
pub fn router(desk: Arc<Desk>) -> Router {
    Router::new()
        .route("/", get(pages::queue))
        .route("/claims/{id}", get(pages::claim))
        .route("/claims/{id}/review", post(posts::review))
        .route("/claims/{id}/merge", post(posts::merge))
        .route("/claims/{id}/unmerge", post(posts::unmerge))
        .route("/claims/{id}/not-same", post(posts::not_same))
        .route("/search", get(pages::search))
        .route("/speakers/{id}", get(pages::speaker))
        .route("/speaker", get(pages::speaker_by_name))
        .route("/sources/{id}", get(pages::source))
        .route("/dashboard", get(pages::dashboard))
        .route("/download/claims.csv", get(download::csv))
        .route("/download/claimreview.json", get(download::claimreview))
        .route("/logout", post(posts::logout))
        .route_layer(middleware::from_fn(require_login))
        .route("/login", get(posts::login_page).post(posts::login))
        .route("/assets/desk.css", get(html::css))
        .route("/assets/desk.js", get(html::js))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(desk.clone(), with_session))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(desk)
}

/// Lets a request through only with a logged-in reviewer (handed on as [`Reviewer`]): a page
/// sends to the login page and back, a form is refused.
async fn require_login(mut req: Request, next: Next) -> Response {
    let visitor = req.extensions().get::<Visitor>();
    let user = visitor.and_then(|v| v.user.clone());
    let ended = visitor.and_then(|v| v.ended.clone());
    match user {
        Some(user) => {
            req.extensions_mut().insert(Reviewer(user));
            next.run(req).await
        }
        None if req.method() == Method::GET || req.method() == Method::HEAD => {
            let back = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into());
            Failure::Login(back).into_response()
        }
        None => Failure::Forbidden(match ended {
            Some(name) => format!("'{name}' is no longer a reviewer of this desk"),
            None => "log in first, then send the form again".into(),
        })
        .into_response(),
    }
}

/// Checks the `Host` (and a form's `Origin`), finds or starts the visitor's session (ending
/// it when its reviewer was removed), hands it to the handler, and sets the cookie and the
/// security headers on the response.
async fn with_session(State(desk): State<Arc<Desk>>, mut req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if !desk.serves_host(host) {
        return html::failure_page(Failure::Misdirected(host.to_string()));
    }
    if req.method() == Method::POST
        && let Some(origin) = req.headers().get(header::ORIGIN)
    {
        // The desk's pages send no referrer, so their own forms say `Origin: null`; the
        // session's CSRF token and the Host check cover those.
        let origin = origin.to_str().unwrap_or("");
        let authority = origin.split_once("://").map_or("", |(_, a)| a);
        if origin != "null" && (authority.is_empty() || !desk.serves_host(authority)) {
            return html::failure_page(Failure::Forbidden(
                "this form was sent from a page of another site".into(),
            ));
        }
    }
    let client = desk.client(&req);
    let cookie = session::cookie(req.headers(), session::COOKIE);
    // A logged-in session the server does not hold may be one the ledger kept across a restart.
    if desk.open_as.is_none()
        && let Some(token) = cookie.clone().filter(|t| !desk.sessions.knows(t))
    {
        let lookup = token.clone();
        match desk.read(move |l| Ok(l.desk_session(&lookup)?)).await {
            Ok(Some(kept)) => {
                desk.sessions.restore(&token, &kept);
            }
            Ok(None) => {}
            Err(f) => return html::failure_page(f),
        }
    }
    let (mut visitor, mut fresh) = match desk
        .sessions
        .visit(cookie.as_deref(), desk.open_as.as_deref())
    {
        Ok(v) => v,
        Err(e) => return html::failure_page(Failure::Internal(e.to_string())),
    };
    // A reviewer removed with `users remove` loses every session at once.
    if let Some(user) = visitor.user.clone().filter(|_| !visitor.open) {
        let name = user.clone();
        match desk.read(move |l| Ok(l.user_hash(&name)?)).await {
            Ok(Some(_)) => {}
            Ok(None) => {
                desk.sessions.forget_user(&user);
                match desk.sessions.visit(None, None) {
                    Ok((v, _)) => {
                        (visitor, fresh) = (v, true);
                        visitor.ended = Some(user);
                    }
                    Err(e) => return html::failure_page(Failure::Internal(e.to_string())),
                }
            }
            Err(f) => return html::failure_page(f),
        }
    }
    if !fresh && !visitor.open && desk.sessions.touch_due(&visitor.token) {
        let (token, at) = (visitor.token.clone(), session::unix_now());
        if let Err(f) = desk
            .write_leaving_counts(move |l| Ok(l.touch_desk_session(&token, at)?))
            .await
        {
            return html::failure_page(f);
        }
    }
    visitor.client = client;
    let token = visitor.token.clone();
    req.extensions_mut().insert(visitor);
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if fresh
        && !headers.contains_key(header::SET_COOKIE)
        && let Ok(v) = HeaderValue::from_str(&session::set_cookie(&token, desk.secure_cookies))
    {
        headers.insert(header::SET_COOKIE, v);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// True for an address only this machine can reach.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// How long a stopped server waits for the requests it is answering.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves the desk until the process is stopped (Ctrl-C or SIGTERM). Prints the address it
/// listens on (with the port chosen when `--bind` asked for port 0).
pub fn run(config: Config) -> anyhow::Result<()> {
    let desk = Arc::new(Desk::open(&config)?);
    let warm = Arc::clone(&desk);
    // Blocking threads do the SQLite work; the pools bound how many read at once, and a
    // bound on the threads keeps the writers' waits (and each thread's allocator arena) few.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(PAGE_READERS + HEAVY_READERS + 2)
        .build()?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| {
                anyhow::anyhow!("cannot listen on {}: {e}: give another --bind", config.bind)
            })?;
        let addr = listener.local_addr()?;
        // The dashboard's first view shows these counts at once (a second on a million claims
        // otherwise); the desk answers meanwhile, and a failure here is the page's to report.
        tokio::spawn(async move {
            let _ = pages::warm_dashboard(&warm, WARM_BUDGET).await;
        });
        std::io::Write::write_fmt(
            &mut std::io::stdout().lock(),
            format_args!(
                "claimledger desk: http://{addr}/ (ledger {})\n",
                config.db.display()
            ),
        )?;
        let stopping = Arc::new(tokio::sync::Notify::new());
        let told = Arc::clone(&stopping);
        let server = axum::serve(
            listener,
            router(desk).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            stop_signal().await;
            told.notify_one();
        });
        // Requests still running a little after the signal (a long download, a client that
        // keeps its connection) do not keep the server up.
        tokio::select! {
            done = server => done?,
            _ = async {
                stopping.notified().await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } => {}
        }
        Ok::<_, anyhow::Error>(())
    });
    // Blocking SQLite work still running is not waited for.
    runtime.shutdown_timeout(Duration::from_millis(200));
    served
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Mode, Stance, Status};
    use crate::store::{ClaimFilter, NewClaim};

    fn claim(text: &str) -> NewClaim {
        NewClaim {
            id: None,
            text: text.to_string(),
            sentence: format!("{text}, officials said."),
            speakers: Vec::new(),
            cue: Some("said".into()),
            mode: Mode::Indirect,
            stance: Stance::Assert,
            checkworthiness: 0.5,
            source: None,
            created_at: None,
            span: None,
        }
    }

    #[test]
    fn a_read_over_its_budget_is_interrupted_and_its_connection_serves_again() {
        let dir = tempfile::TempDir::new().unwrap();
        let db = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&db, Access::Create).unwrap();
        ledger.add_claims(&[claim("the ferry runs twice")]).unwrap();
        let pool = Pool::open(&db, 1, PAGE_CACHE_MB).unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            // Millions of ids to look up: a statement of seconds, far over the budget.
            let many: Vec<i64> = (1..=2_000_000).collect();
            let seen: Arc<Mutex<Option<String>>> = Arc::default();
            let told = Arc::clone(&seen);
            let out = pool
                .run(Duration::from_millis(100), move |l| {
                    // The budget runs out between two statements, where an interrupt finds
                    // nothing to stop: the statement after it is stopped all the same.
                    std::thread::sleep(Duration::from_millis(300));
                    let read = l.records(&many);
                    *lock(&told) = Some(match read {
                        Ok(found) => format!("read {} claims", found.len()),
                        Err(e) => e.to_string(),
                    });
                    Ok(())
                })
                .await;
            assert!(matches!(out, Err(Failure::Busy(_))), "{out:?}");
            let seen = lock(&seen).clone().unwrap_or_default();
            assert!(seen.contains("interrupt"), "{seen}");
            // The connection went back to the pool and answers the next request.
            let found = pool
                .run(Duration::from_secs(5), |l| Ok(l.records(&[1])?.len()))
                .await
                .unwrap();
            assert_eq!(found, 1);
        });
    }

    #[test]
    fn a_dashboards_counts_are_kept_until_the_claims_change() {
        let dir = tempfile::TempDir::new().unwrap();
        let db = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&db, Access::Create).unwrap();
        ledger
            .add_claims(&[claim("the ferry runs twice"), claim("the quay is long")])
            .unwrap();
        let desk = Arc::new(
            Desk::open(&Config {
                db: db.clone(),
                bind: "127.0.0.1:0".parse().unwrap(),
                open_as: Some("tester".into()),
                public_host: None,
                secure_cookies: false,
                trusted_proxy: None,
            })
            .unwrap(),
        );
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let all = ClaimFilter::default();
            let counted = |filter: &ClaimFilter| {
                let (desk, filter) = (Arc::clone(&desk), filter.clone());
                async move {
                    desk.counted(String::new(), filter, DASHBOARD_BUDGET)
                        .await
                        .unwrap()
                }
            };
            let first = counted(&all).await;
            assert_eq!(first.stats.claims, 2);
            assert!(Arc::ptr_eq(&first, &counted(&all).await), "kept");
            // A review of the desk changes statuses only, which are read each time.
            desk.write_leaving_counts(|_| Ok(())).await.unwrap();
            assert!(Arc::ptr_eq(&first, &counted(&all).await), "kept");
            // Another process adds a claim: counted again.
            ledger.add_claims(&[claim("the bridge is old")]).unwrap();
            let after = counted(&all).await;
            assert_eq!(after.stats.claims, 3);
            assert!(Arc::ptr_eq(&after, &counted(&all).await), "kept");
            // The desk merges (any write of the desk but a review or a session): again.
            desk.write(|_| Ok(())).await.unwrap();
            assert!(!Arc::ptr_eq(&after, &counted(&all).await), "counted again");
            // Counts by status change with every review: never kept.
            let by_status = ClaimFilter {
                status: Some(Status::Unverified),
                ..ClaimFilter::default()
            };
            let once = desk
                .counted(
                    "status=unverified".into(),
                    by_status.clone(),
                    DASHBOARD_BUDGET,
                )
                .await
                .unwrap();
            let twice = desk
                .counted("status=unverified".into(), by_status, DASHBOARD_BUDGET)
                .await
                .unwrap();
            assert!(!Arc::ptr_eq(&once, &twice));
        });
    }
}
