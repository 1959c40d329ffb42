//! The harness of the desk's tests: a ledger with an article full of markup, `claimledger
//! serve` started on a free loopback port, and a small HTTP client that keeps its cookie.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use tempfile::TempDir;

pub const GERMAN: &str = "tests/fixtures/hafen-de.txt";
pub const ENGLISH: &str = "tests/fixtures/bridge-en.txt";

/// Text that must never reach a page as markup.
pub const EVIL: &[&str] = &["<script>alert", "<img src=x onerror", "href=\"javascript:"];

/// A temporary ledger.
pub struct Ledger {
    pub dir: TempDir,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger {
            dir: TempDir::new().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    pub fn cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimledger"));
        cmd.env_clear()
            .env("CLAIMLEDGER_DB", self.path("ledger.db"))
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_BUSY_TIMEOUT_MS", "2000");
        cmd
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with `code` and one line on stderr containing `needle`.
    pub fn fails(&self, args: &[&str], code: i32, needle: &str) {
        let out = self.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "stderr of {args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }

    /// The two fixture articles, an article with markup in its text, title, publisher and URL,
    /// and a claim typed by hand with markup in its text and speaker. Returns its password for
    /// the reviewer `kim`.
    pub fn with_evil_content(&self) -> String {
        self.run(&["ingest", "--date", "2024-05-01", GERMAN]);
        self.run(&["ingest", ENGLISH]);
        let article = self.path("evil.txt");
        std::fs::write(
            &article,
            "The mayor said that the bridge <script>alert(1)</script> costs \"><img src=x onerror=alert(2)> 40 million euros.\n\n\
             Jane Roe, the city treasurer, said that the budget grew by 12 percent in 2023.\n",
        )
        .unwrap();
        self.run(&[
            "ingest",
            "--url",
            "https://evil.example/3",
            "--title",
            "<script>alert(4)</script>",
            "--publisher",
            "\"><img src=x onerror=alert(5)>",
            &article,
        ]);
        self.run(&[
            "add",
            "--text",
            "Taxes <script>alert(6)</script> rose 5 percent",
            "--speaker",
            "\"><img src=x onerror=alert(7)>",
            "--source-url",
            "https://evil.example/8",
            "--source",
            "<script>alert(9)</script>",
        ]);
        // URLs are checked when they are taken now; a ledger written before may still hold a
        // javascript: address, which the desk must show and never link.
        let conn = rusqlite::Connection::open(self.path("ledger.db")).unwrap();
        for n in [3, 8] {
            conn.execute(
                "UPDATE sources SET url = ?1 WHERE url = ?2",
                [
                    format!("javascript:alert({n})"),
                    format!("https://evil.example/{n}"),
                ],
            )
            .unwrap();
        }
        drop(conn);
        self.add_user("kim")
    }

    /// Adds a reviewer and returns the password printed once.
    pub fn add_user(&self, name: &str) -> String {
        let out = self.run(&["users", "add", name]);
        out.trim()
            .rsplit(' ')
            .next()
            .expect("a password at the end of the line")
            .to_string()
    }
}

/// A running `claimledger serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(ledger: &Ledger, extra: &[&str]) -> Server {
        let mut child = ledger
            .cmd()
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, base }
    }
}

impl Server {
    /// Sends a signal (`INT`, `TERM`) and waits up to `secs` for the server to exit; true
    /// when it did.
    pub fn stop_with(&mut self, signal: &str, secs: u64) -> bool {
        let sent = std::process::Command::new("kill")
            .args(["-s", signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        while std::time::Instant::now() < until {
            if self.child.try_wait().unwrap().is_some() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    }

    /// The host and port it listens on.
    pub fn authority(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Sends one raw HTTP/1.1 request and returns the status code and the whole answer.
    pub fn raw(&self, request: &str) -> (u16, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(self.authority()).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).to_string();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, text)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers that matter, body.
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub retry_after: Option<String>,
    pub content_type: String,
    pub body: String,
}

/// A browser without a browser: follows no redirects, keeps the session cookie.
pub struct Client {
    agent: ureq::Agent,
    pub base: String,
    pub cookie: Option<String>,
    /// Headers sent with every request (e.g. X-Forwarded-For).
    pub headers: Vec<(String, String)>,
}

impl Client {
    pub fn new(server: &Server) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(std::time::Duration::from_secs(30)))
            .build()
            .into();
        Client {
            agent,
            base: server.base.clone(),
            cookie: None,
            headers: Vec::new(),
        }
    }

    fn answer(&mut self, res: ureq::http::Response<ureq::Body>) -> Answer {
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let set_cookie = header("set-cookie");
        if let Some(c) = &set_cookie {
            self.cookie = c.split(';').next().map(str::to_string);
        }
        let (status, location, retry_after) = (
            res.status().as_u16(),
            header("location"),
            header("retry-after"),
        );
        let content_type = header("content-type").unwrap_or_default();
        let body = res
            .into_body()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .unwrap_or_default();
        Answer {
            status,
            location,
            set_cookie,
            retry_after,
            content_type,
            body,
        }
    }

    pub fn get(&mut self, path: &str) -> Answer {
        let mut req = self.agent.get(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", c);
        }
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        let res = req.call().unwrap();
        self.answer(res)
    }

    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let mut req = self.agent.post(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", c);
        }
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        let res = req.send_form(form.iter().copied()).unwrap();
        self.answer(res)
    }

    /// A client of the same session (cookie and headers), for requests from another thread.
    pub fn twin(&self) -> Client {
        Client {
            agent: self.agent.clone(),
            base: self.base.clone(),
            cookie: self.cookie.clone(),
            headers: self.headers.clone(),
        }
    }

    /// Logs in through the login form; panics when it does not work.
    pub fn log_in(&mut self, name: &str, password: &str) {
        let page = self.get("/login");
        let csrf = csrf(&page.body);
        let res = self.post(
            "/login",
            &[
                ("csrf", &csrf),
                ("name", name),
                ("password", password),
                ("next", "/"),
            ],
        );
        assert_eq!(res.status, 303, "{}", res.body);
    }
}

/// The value of a hidden input in a page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {body}"))
        + marker.len();
    body[at..].split('"').next().unwrap().to_string()
}

pub fn csrf(body: &str) -> String {
    hidden(body, "csrf")
}

/// Asserts that no markup from the ledger's content came through unescaped.
pub fn assert_escaped(what: &str, body: &str) {
    for evil in EVIL {
        assert!(!body.contains(evil), "{what} contains {evil}: {body}");
    }
}
