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

use crate::store::{Access, Ledger};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use session::Sessions;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Request bodies above this size are refused with 413.
pub const MAX_BODY: usize = 64 * 1024;
/// Read connections for pages, and for searches and other long reads.
const PAGE_READERS: usize = 4;
/// Two: searches are CPU work, and a third connection on two cores only made each slower
/// (and kept another page cache).
const HEAVY_READERS: usize = 2;
/// The page cache of each (MB). A search reads the index of its words and the length of each
/// match (up to 20,000 rows scattered over 12 MB of a 1M-claim ledger): with SQLite's 2 MB
/// most of those reads went to the file again, a fifth of the desk's CPU under load. 16 MB
/// saved a little more CPU (6.4 instead of 7.8 ms a search) but took the server over 150 MB.
const HEAVY_CACHE_MB: i64 = 8;
/// Queue and claim pages read a few rows each, anywhere in the ledger: the default will do.
const PAGE_CACHE_MB: i64 = 2;

/// Read connections handed out one per blocking task.
struct Pool {
    free: Arc<Mutex<Vec<Ledger>>>,
    permits: Arc<tokio::sync::Semaphore>,
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
            .collect::<Result<Vec<_>, crate::error::StoreError>>()?;
        Ok(Pool {
            free: Arc::new(Mutex::new(ledgers)),
            permits: Arc::new(tokio::sync::Semaphore::new(n)),
        })
    }

    /// Runs `f` on a connection of this pool, on a blocking thread.
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| Failure::Internal(e.to_string()))?;
        let free = Arc::clone(&self.free);
        tokio::task::spawn_blocking(move || {
            // The permit guarantees a free connection: it moves into this closure and is
            // released only after the connection is back (also when the request was given up
            // meanwhile). The pool is only ever touched under this lock.
            let _permit = permit;
            let ledger = lock(&free).pop();
            let Some(ledger) = ledger else {
                return Err(Failure::Internal("no free read connection".into()));
            };
            let out = f(&ledger);
            lock(&free).push(ledger);
            out
        })
        .await
        .map_err(|e| Failure::Internal(e.to_string()))?
    }
}

/// How the desk runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub bind: SocketAddr,
    /// Without login: every visitor reviews as this name (loopback only).
    pub open_as: Option<String>,
}

/// Claims per status, when they were counted, and whether a request is counting again.
struct Counts {
    at: std::time::Instant,
    counts: Vec<(String, i64)>,
    refreshing: bool,
}

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
    /// The queue header's counts and when they were read (see `Desk::status_counts`).
    counts: Mutex<Counts>,
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
    Internal(String),
}

impl From<crate::error::StoreError> for Failure {
    fn from(e: crate::error::StoreError) -> Failure {
        use crate::error::StoreError as E;
        match e {
            E::UnknownClaim(_) | E::UnknownSource(_) | E::UnknownSpeaker(_) => {
                Failure::NotFound(e.to_string())
            }
            E::Review(_) | E::BadQuery { .. } => Failure::BadRequest(e.to_string()),
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Internal(format!("{e:#}"))
    }
}

impl Desk {
    /// Opens the ledger for the desk: one writer and the read connections.
    pub fn open(config: &Config) -> anyhow::Result<Desk> {
        let writer = Ledger::open(&config.db, Access::Write)?;
        // Counted once before the first page, so that no page shows empty counts.
        let counts = Counts {
            at: std::time::Instant::now(),
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
            counts: Mutex::new(counts),
        })
    }

    /// Runs `f` on a read connection for pages, on a blocking thread.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        self.pages.run(f).await
    }

    /// Runs `f` on a read connection for long reads (search, dashboard, downloads).
    pub async fn read_long<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        self.heavy.run(f).await
    }

    /// Runs `f` on the writer connection, on a blocking thread, one write at a time.
    pub async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Ledger) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let desk = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(&mut lock(&desk.writer)))
            .await
            .map_err(|e| Failure::Internal(e.to_string()))?
    }
}

/// Locks a mutex; a panic while it was held leaves a usable connection behind (SQLite rolls
/// back an unfinished transaction), so a poisoned lock is used as it is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The desk's routes.
pub fn router(desk: Arc<Desk>) -> Router {
    Router::new()
        .route("/", get(pages::queue))
        .route("/claims/{id}", get(pages::claim))
        .route("/claims/{id}/review", post(posts::review))
        .route("/search", get(pages::search))
        .route("/speakers/{id}", get(pages::speaker))
        .route("/speaker", get(pages::speaker_by_name))
        .route("/sources/{id}", get(pages::source))
        .route("/dashboard", get(pages::dashboard))
        .route("/download/claims.csv", get(download::csv))
        .route("/download/claimreview.json", get(download::claimreview))
        .route("/login", get(posts::login_page).post(posts::login))
        .route("/logout", post(posts::logout))
        .route("/assets/desk.css", get(html::css))
        .route("/assets/desk.js", get(html::js))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(desk.clone(), with_session))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(desk)
}

/// Finds or starts the visitor's session, hands it to the handler, and sets the cookie and the
/// security headers on the response.
async fn with_session(State(desk): State<Arc<Desk>>, mut req: Request, next: Next) -> Response {
    let cookie = session::cookie(req.headers(), session::COOKIE).map(str::to_string);
    let (visitor, fresh) = match desk
        .sessions
        .visit(cookie.as_deref(), desk.open_as.as_deref())
    {
        Ok(v) => v,
        Err(e) => return html::failure_page(Failure::Internal(e.to_string())),
    };
    let token = visitor.token.clone();
    req.extensions_mut().insert(visitor);
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if fresh
        && !headers.contains_key(header::SET_COOKIE)
        && let Ok(v) = HeaderValue::from_str(&session::set_cookie(&token))
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

/// Serves the desk until the process is stopped (Ctrl-C). Prints the address it listens on
/// (with the port chosen when `--bind` asked for port 0).
pub fn run(config: Config) -> anyhow::Result<()> {
    let desk = Arc::new(Desk::open(&config)?);
    // Blocking threads do the SQLite work; the pools bound how many read at once, and a
    // bound on the threads keeps the writers' waits (and each thread's allocator arena) few.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(PAGE_READERS + HEAVY_READERS + 2)
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| {
                anyhow::anyhow!("cannot listen on {}: {e}: give another --bind", config.bind)
            })?;
        let addr = listener.local_addr()?;
        crate::say!(
            "claimledger desk: http://{addr}/ (ledger {})",
            config.db.display()
        )?;
        axum::serve(listener, router(desk))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
