//! The review desk in a real browser: headless Chromium driven through chromedriver
//! (WebDriver, the `fantoccini` crate). Log in, open the queue and its top claim, record a
//! verdict with a note, see it in the trail and in the queue's counts, and check that a
//! screenshot of the claim page is not blank. The HTML report opens in headless Chromium and
//! shows its charts. Skipped (saying why) only when Chromium is missing and `CI` is not set.

use crate::webdesk::{Ledger, Server};
use fantoccini::{ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The flags that make Chromium run headless here without touching the network.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or None (after saying why) when the test may be skipped.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = which("chromium").or_else(|| which("chromium-browser"));
    let driver = which("chromedriver");
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI is set but chromium or chromedriver is missing: .ci/run installs them")
        }
        _ => {
            eprintln!(
                "skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
            );
            None
        }
    }
}

/// A running chromedriver, stopped when dropped.
struct Driver(Child, u16);

impl Driver {
    fn start(path: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver(child, port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Decodes a PNG and returns (width, height, RGB pixels).
fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let rgb = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, rgb)
}

/// True when the picture is not one colour: at least 2 % of its pixels differ from the most
/// common one.
fn not_blank(rgb: &[[u8; 3]]) -> bool {
    let mut counts = std::collections::HashMap::new();
    for p in rgb {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    counts.len() > 10 && (rgb.len() - most) * 50 > rgb.len()
}

#[test]
fn a_reviewer_records_a_verdict_in_chromium() {
    let Some((chromium, driver_path)) = browser() else {
        return;
    };
    let ledger = Ledger::new();
    let password = ledger.with_evil_content();
    let server = Server::start(&ledger, &[]);
    let driver = Driver::start(&driver_path);
    let profile = tempfile::TempDir::new().unwrap();
    let shot = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut args: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push("--window-size=1280,1000".into());
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": args }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.1))
            .await
            .expect("chromedriver starts a session");
        let base = &server.base;
        // Log in: the queue sends to the login page first.
        c.goto(&format!("{base}/")).await.unwrap();
        assert!(c.current_url().await.unwrap().path().starts_with("/login"));
        c.find(Locator::Css("input[name=name]"))
            .await
            .unwrap()
            .send_keys("kim")
            .await
            .unwrap();
        c.find(Locator::Css("input[name=password]"))
            .await
            .unwrap()
            .send_keys(&password)
            .await
            .unwrap();
        c.find(Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let count = |key: &'static str| {
            let c = c.clone();
            async move {
                match c
                    .find(Locator::Css(&format!("[data-count=\"{key}\"]")))
                    .await
                {
                    Ok(e) => e.text().await.unwrap().parse::<i64>().unwrap(),
                    Err(_) => 0,
                }
            }
        };
        c.wait()
            .for_element(Locator::Css("table.claims"))
            .await
            .unwrap();
        let to_review = count("to-review").await;
        assert!(to_review > 0);
        // The top claim of the queue.
        let top = c
            .find(Locator::Css("table.claims tbody tr td a"))
            .await
            .unwrap();
        let text = top.text().await.unwrap();
        top.click().await.unwrap();
        c.wait()
            .for_element(Locator::Css("form.review"))
            .await
            .unwrap();
        assert_eq!(
            c.find(Locator::Css("p.quote"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
            text
        );
        // `r` focuses the review form.
        c.find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys("r")
            .await
            .unwrap();
        let focused = c.active_element().await.unwrap();
        assert_eq!(
            focused.attr("id").await.unwrap().as_deref(),
            Some("review-status")
        );
        focused.select_by_value("false").await.unwrap();
        c.find(Locator::Css("textarea[name=note]"))
            .await
            .unwrap()
            .send_keys("Census 2023 says otherwise")
            .await
            .unwrap();
        c.find(Locator::Css("form.review button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let trail = c
            .wait()
            .for_element(Locator::Css("table.trail"))
            .await
            .unwrap();
        let trail_text = trail.text().await.unwrap();
        assert!(trail_text.contains("kim"), "{trail_text}");
        assert!(
            trail_text.contains("Census 2023 says otherwise"),
            "{trail_text}"
        );
        assert!(trail_text.contains("false"), "{trail_text}");
        let shot = c.screenshot().await.unwrap();
        // `j` opens the next claim of the queue: the reviewed one left it, so the claim now at
        // its place.
        let reviewed = c.current_url().await.unwrap();
        c.find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys("j")
            .await
            .unwrap();
        let start = Instant::now();
        while c.current_url().await.unwrap().path() == reviewed.path() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "j did not move on"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let next = c
            .find(Locator::Css("p.quote"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_ne!(next, text);
        // The queue's counts moved.
        c.goto(&format!("{base}/")).await.unwrap();
        c.wait()
            .for_element(Locator::Css("table.claims"))
            .await
            .unwrap();
        assert_eq!(count("to-review").await, to_review - 1);
        assert_eq!(count("false").await, 1);
        c.close().await.unwrap();
        shot
    });
    let (w, h, rgb) = pixels(&shot);
    assert!(w >= 800 && h >= 600, "{w}x{h}");
    assert!(not_blank(&rgb), "the claim page's screenshot is blank");
    // The server recorded what the browser did.
    let history = ledger.run(&["history", "--format", "json", &first_false(&ledger)]);
    assert!(history.contains("Census 2023 says otherwise"), "{history}");
}

/// The id of the claim rated false.
fn first_false(ledger: &Ledger) -> String {
    let listed = ledger.run(&["list", "--status", "false", "--format", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    first["id"].to_string()
}

#[test]
fn the_html_report_shows_its_charts_in_chromium() {
    let Some((chromium, _)) = browser() else {
        return;
    };
    let ledger = Ledger::new();
    ledger.with_evil_content();
    ledger.run(&["review", "1", "--status", "false", "--note", "wrong"]);
    ledger.run(&["review", "2", "--status", "false", "--note", "wrong too"]);
    let report = ledger.path("report.html");
    ledger.run(&["report", "--format", "html", "-o", &report]);
    let shot = ledger.path("report.png");
    let profile = tempfile::TempDir::new().unwrap();
    let out = Command::new(chromium)
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={shot}"))
        .arg("--window-size=1280,1400")
        .arg(format!("file://{report}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, _, rgb) = pixels(&std::fs::read(&shot).unwrap());
    assert!(not_blank(&rgb), "the report's screenshot is blank");
    // The bars of the "false" verdicts are drawn in their colour (#c0392b).
    let red = rgb.iter().filter(|p| **p == [0xc0, 0x39, 0x2b]).count();
    assert!(red > 200, "{red} pixels of the false bars");
}

#[test]
fn a_review_over_a_colleagues_shows_both_in_chromium() {
    let Some((chromium, driver_path)) = browser() else {
        return;
    };
    let ledger = Ledger::new();
    let password = ledger.with_evil_content();
    let server = Server::start(&ledger, &[]);
    let driver = Driver::start(&driver_path);
    let profile = tempfile::TempDir::new().unwrap();
    let shot = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut args: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push("--window-size=1280,1000".into());
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": args }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.1))
            .await
            .unwrap();
        let base = &server.base;
        c.goto(&format!("{base}/login?next=%2Fclaims%2F1"))
            .await
            .unwrap();
        for (field, value) in [("name", "kim"), ("password", password.as_str())] {
            c.find(Locator::Css(&format!("input[name={field}]")))
                .await
                .unwrap()
                .send_keys(value)
                .await
                .unwrap();
        }
        c.find(Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("form.review"))
            .await
            .unwrap();
        // A colleague records a verdict while the page is open.
        ledger.run(&[
            "review",
            "1",
            "--status",
            "true",
            "--note",
            "Colleague found the law",
        ]);
        c.find(Locator::Css("#review-status"))
            .await
            .unwrap()
            .select_by_value("false")
            .await
            .unwrap();
        c.find(Locator::Css("textarea[name=note]"))
            .await
            .unwrap()
            .send_keys("My reading of the budget")
            .await
            .unwrap();
        c.find(Locator::Css("form.review button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let compare = c
            .wait()
            .for_element(Locator::Css("table.compare"))
            .await
            .unwrap();
        let text = compare.text().await.unwrap();
        assert!(text.contains("tester") && text.contains("true"), "{text}");
        assert!(text.contains("My reading of the budget"), "{text}");
        let shot = c.screenshot().await.unwrap();
        let note = c
            .find(Locator::Css("textarea[name=note]"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(note.as_deref(), Some("My reading of the budget"));
        // Recorded anyway, from the page that showed the colleague's verdict.
        c.find(Locator::Css("form.review button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let trail = c
            .wait()
            .for_element(Locator::Css("table.trail"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            trail.contains("Colleague found the law") && trail.contains("My reading of the budget"),
            "{trail}"
        );
        c.close().await.unwrap();
        shot
    });
    if let Ok(dir) = std::env::var("DESK_SCREENSHOTS") {
        std::fs::write(Path::new(&dir).join("conflict.png"), &shot).unwrap();
    }
    let (_, _, rgb) = pixels(&shot);
    assert!(not_blank(&rgb), "the conflict page's screenshot is blank");
}
