//! The page in a real browser: headless Chromium driven over WebDriver
//! (chromedriver; the few commands needed, spoken as plain HTTP). Types a
//! query, narrows it by a speaker facet, sees the timeline drawn, reloads
//! and goes back, opens an article with its attributions marked, checks
//! that an article holding markup never runs it, and looks at a phone
//! width. Screenshots of the main views go to target/screenshots/.

mod common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::http::{enc, request, Server};
use common::Workspace;
use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session in it.
struct Browser {
    driver: Child,
    addr: String,
    session: String,
}

impl Browser {
    fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr = format!("127.0.0.1:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver never listened"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut b = Browser {
            driver,
            addr,
            session: String::new(),
        };
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,900"]
            }
        }}});
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"].as_str().expect("a session").to_string();
        b
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = if path == "/session" {
            path.to_string()
        } else {
            format!("/session/{}{path}", self.session)
        };
        let text = body.map(|b| b.to_string());
        let a = request(
            &self.addr,
            method,
            &path,
            text.as_deref().or(Some("{}")).filter(|_| method == "POST"),
        );
        let v: Value = serde_json::from_str(&a.body).unwrap_or(Value::Null);
        assert!(a.status == 200, "{method} {path}: {} {}", a.status, a.body);
        v["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Waits until `script` returns true.
    fn wait(&self, what: &str, script: &str) {
        let started = Instant::now();
        while self.run(script) != json!(true) {
            if started.elapsed() > Duration::from_secs(15) {
                self.screenshot("failure.png");
                let seen = self.run(
                    "return location.href + ' | ' + document.getElementById('status').textContent",
                );
                panic!("waited for {what}; the page: {seen} (target/screenshots/failure.png)");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn element(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().expect("an element").to_string()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        self.call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn screenshot(&self, name: &str) {
        let data = self.call("GET", "/screenshot", None);
        let png = base64(data.as_str().unwrap());
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), &png).unwrap();
        // The README shows these: `QUARRY_BLESS=1` puts the new ones there.
        if std::env::var_os("QUARRY_BLESS").is_some() && matches!(name, "table.png" | "article.png")
        {
            let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::write(docs.join(name), &png).unwrap();
        }
    }

    fn hit_texts(&self) -> Value {
        self.run("return [...document.querySelectorAll('#hits li')].map(li => li.textContent)")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(
                &self.addr,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
#[cfg_attr(
    not(quarry_browser),
    ignore = "needs Debian's chromium and chromium-driver (bash .ci/run installs them)"
)]
fn the_page_searches_narrows_draws_and_shows_articles_safely() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    let b = Browser::start();
    b.open(&server.url("/"));
    b.wait(
        "the index summary",
        "return document.getElementById('status').textContent.includes('articles')",
    );
    let title = b.run("return document.title");
    // The example question comes from the index: its top speaker, in full.
    b.wait(
        "the example question",
        "return document.getElementById('q').placeholder.startsWith('what did Marco Rubio say about ')",
    );

    // Type a query: ranked results, the state in the URL.
    b.type_into("#q", "sanctions");
    b.click("#search button[type=submit]");
    b.wait(
        "hits",
        "return document.querySelectorAll('#hits li').length > 0",
    );
    assert!(b
        .run("return location.search")
        .as_str()
        .unwrap()
        .contains("q=sanctions"));
    b.wait("the timeline", "return !document.getElementById('timeline').hidden && document.querySelectorAll('#chart svg rect').length > 0");
    // Its axes are labelled: counts from 0, and dates.
    let labels =
        b.run("return [...document.querySelectorAll('#chart svg text')].map(t => t.textContent)");
    let labels: Vec<&str> = labels
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"0") && labels.iter().any(|l| l.starts_with("2025-")),
        "{labels:?}"
    );
    b.screenshot("results.png");
    let before = b.hit_texts();
    let matches =
        |b: &Browser| b.run("return parseInt(document.getElementById('status').textContent)");
    let all = matches(&b);

    // The facets say what they count.
    assert_eq!(
        b.run("return document.querySelector('#facets h2').textContent"),
        json!("Speakers · statements")
    );
    // A speaker facet narrows the list to that speaker.
    b.wait(
        "speaker facets",
        "return document.querySelectorAll('#facet-speakers button').length > 0",
    );
    let speaker = b.run("return document.querySelector('#facet-speakers button').dataset.name");
    b.click("#facet-speakers button");
    b.wait(
        "the narrowed list",
        "return location.search.includes('speaker=')",
    );
    b.wait("narrowed hits", &format!(
        "return document.querySelectorAll('#hits li').length > 0 && \
         [...document.querySelectorAll('#hits li .who')].every(w => {speaker}.includes(w.textContent.split(' ').pop()))"
    ));
    let narrowed = matches(&b);
    assert!(narrowed.as_i64() < all.as_i64(), "{narrowed} of {all}");
    let after = b.hit_texts();
    assert_ne!(after, before);

    // Reload: the same view. Back: the view before the facet.
    b.call("POST", "/refresh", Some(json!({})));
    b.wait(
        "hits after reload",
        "return document.querySelectorAll('#hits li').length > 0",
    );
    assert_eq!(b.hit_texts(), after);
    b.call("POST", "/back", Some(json!({})));
    b.wait(
        "the list before the facet",
        "return !location.search.includes('speaker=')",
    );
    b.wait("its hits", &format!("return JSON.stringify([...document.querySelectorAll('#hits li')].map(li => li.textContent)) === {}", json!(before.to_string())));

    // The table view: its state in the URL, a row per hit, sortable.
    b.click("#view-switch");
    b.wait(
        "the table",
        "return location.search.includes('view=table') && document.querySelectorAll('#table tbody tr').length > 0",
    );
    let rows = b.run("return document.querySelectorAll('#table tbody tr').length");
    assert_eq!(
        rows,
        b.run("return document.querySelectorAll('#hits li').length")
    );
    b.run("[...document.querySelectorAll('#table th button')].find(b => b.textContent.startsWith('speaker')).click(); return 0");
    b.wait(
        "the sorted table",
        "return location.search.includes('sort_by=speaker')",
    );
    // The table drawn again, not the one before the click: its header
    // marks the column it is sorted by.
    b.wait(
        "its rows, sorted",
        "return [...document.querySelectorAll('#table th button')].some(b => b.textContent === 'speaker ▲') \
         && document.querySelectorAll('#table tbody tr').length > 0",
    );
    let in_order = b.run(
        "const s = [...document.querySelectorAll('#table tbody tr td:first-child')].map(td => td.textContent); \
         return s.length > 1 && s.every((v, i) => i === 0 || s[i - 1].localeCompare(v) <= 0)",
    );
    assert_eq!(in_order, json!(true));
    b.screenshot("table.png");
    b.click("#view-switch");
    b.wait("the list again", "return !location.search.includes('view=table') && document.querySelectorAll('#hits li').length > 0");

    // An article with every attribution marked and given to someone.
    b.click("#hits li .linkish");
    b.wait(
        "the article's marks",
        "return document.querySelectorAll('#article mark').length > 1",
    );
    let marks = b.run("return [...document.querySelectorAll('#article mark')].map(m => m.title)");
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains("Rubio")),
        "{marks}"
    );
    // The count is what is marked; each mark says who, inline; the
    // title is the heading only; the side lists are this article's.
    let count = b.run("return parseInt(document.querySelector('#article .count').textContent)");
    let marked = b.run("return document.querySelectorAll('#article mark').length");
    assert_eq!(count, marked);
    let labels =
        b.run("return [...document.querySelectorAll('#article .who')].map(w => w.textContent)");
    assert_eq!(
        labels.as_array().unwrap().len() as u64,
        marked.as_u64().unwrap()
    );
    assert!(labels.to_string().contains("Marco Rubio"), "{labels}");
    let heading = b.run("return document.querySelector('#article h1').textContent");
    let body = b.run("return document.querySelector('#article .body').textContent");
    assert!(
        !body
            .as_str()
            .unwrap()
            .starts_with(heading.as_str().unwrap()),
        "{heading} repeated"
    );
    b.wait(
        "the article's speakers",
        "return [...document.querySelectorAll('#facet-speakers button')].some(b => b.dataset.name === 'Marco Rubio')",
    );
    b.run("[...document.querySelectorAll('#facet-speakers button')].find(b => b.dataset.name === 'Marco Rubio').click(); return 0");
    let shown = b.run("return [...document.querySelectorAll('#article mark:not(.dim)')].map(m => m.dataset.speaker)");
    assert!(
        shown.as_array().unwrap().iter().all(|s| s == "Marco Rubio")
            && !shown.as_array().unwrap().is_empty(),
        "{shown}"
    );
    b.screenshot("article.png");

    // Markup in an article is shown as text and never runs.
    b.open(&server.url("/?q=plan"));
    b.wait(
        "the markup article's hits",
        "return document.querySelectorAll('#hits li').length > 0",
    );
    // A bad request is said once, in the status line.
    b.open(&server.url("/?q=plan&since=2025-13-40"));
    b.wait(
        "the error",
        "return document.getElementById('status').textContent.includes('2025-13-40')",
    );
    std::thread::sleep(Duration::from_millis(300));
    let said = b.run(
        "const m = document.getElementById('status').textContent; \
         return document.body.innerText.split(m).length - 1",
    );
    assert_eq!(said, json!(1), "the error is said once");
    b.open(&server.url("/?q=plan"));
    b.wait(
        "the markup article's hits again",
        "return document.querySelectorAll('#hits li').length > 0",
    );
    // Its article has no date: no timeline, and the page says why.
    b.wait(
        "the undated note",
        "return document.querySelector('#timeline figcaption').textContent.startsWith('No timeline: ')",
    );
    let id = ws.path().canonicalize().unwrap().join("corpus/markup.txt");
    b.open(&server.url(&format!("/?view=article&id={}", enc(id.to_str().unwrap()))));
    b.wait(
        "the markup article",
        "return document.querySelectorAll('#article mark').length > 0",
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(b.run("return document.title"), title);
    assert_eq!(
        b.run("return document.querySelectorAll('img, #article script, #hits script').length"),
        json!(0)
    );
    let text = b.run("return document.querySelector('#article .body').textContent");
    assert!(
        text.as_str().unwrap().contains("<img src=x onerror="),
        "{text}"
    );

    // A phone's width: one column, nothing wider than the screen.
    b.call(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    b.open(&server.url("/?q=sanctions"));
    b.wait(
        "hits on a phone",
        "return document.querySelectorAll('#hits li').length > 0",
    );
    assert_eq!(
        b.run("return document.documentElement.scrollWidth <= window.innerWidth + 1"),
        json!(true)
    );
    b.screenshot("phone.png");
}
