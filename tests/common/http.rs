//! A `quarry serve` started for a test, and plain HTTP/1.1 GETs to it
//! (no client library: a request line, headers, and the answer read to the end).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A server on an ephemeral loopback port, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Server {
    /// Starts `quarry serve -i INDEX` in `dir` (the index must exist).
    pub fn start(dir: &Path, index: &str) -> Server {
        Server::start_with(dir, index, &[])
    }

    /// [`Server::start`] with more options for `quarry serve`.
    pub fn start_with(dir: &Path, index: &str, options: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(["serve", "-i", index, "--addr", "127.0.0.1:0"])
            .args(options)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("quarry serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| {
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("no address in {line:?}; stderr: {err}")
            })
            .to_string();
        Server { child, addr }
    }

    /// GET `path` (with its query string, already encoded).
    pub fn get(&self, path: &str) -> Answer {
        get(&self.addr, path)
    }

    /// GET `path`, expecting 200 and JSON.
    pub fn json(&self, path: &str) -> serde_json::Value {
        let a = self.get(path);
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        assert!(a
            .header("content-type")
            .unwrap_or_default()
            .starts_with("application/json"));
        serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", a.body))
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` for the server to exit; its status if it did.
    pub fn wait_exit(&mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let until = std::time::Instant::now() + limit;
        while std::time::Instant::now() < until {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET `path`, expecting a one-line JSON error: its status and message.
pub fn error_of(server: &Server, path: &str) -> (u16, String) {
    let a = server.get(path);
    let v: serde_json::Value =
        serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", a.body));
    let message = v["error"].as_str().unwrap_or_default().to_string();
    assert!(
        !message.is_empty() && !message.contains('\n'),
        "{path}: {}",
        a.body
    );
    assert!(!message.contains("panicked"), "{path}: {message}");
    (a.status, message)
}

/// An HTTP answer.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }
}

/// GET `path` from `addr` over HTTP/1.1 (chunked bodies decoded).
pub fn get(addr: &str, path: &str) -> Answer {
    request(addr, "GET", path, None)
}

/// A request with an optional JSON body.
pub fn request(addr: &str, method: &str, path: &str, json: Option<&str>) -> Answer {
    request_to(addr, addr, method, path, json)
}

/// A GET to `addr` that names `host` in its `Host` header.
pub fn get_as(addr: &str, host: &str, path: &str) -> Answer {
    request_to(addr, host, "GET", path, None)
}

fn request_to(addr: &str, host: &str, method: &str, path: &str, json: Option<&str>) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("server reachable");
    let body = json.unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    read_answer(stream)
}

/// Reads an HTTP answer from `stream`: to the end of its body by its
/// length (a server may keep the connection open, as chromedriver does,
/// whatever the request asks), chunked bodies decoded.
pub fn read_answer(stream: TcpStream) -> Answer {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let value = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let mut body = Vec::new();
    if value("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = value("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(n, 0);
        reader.read_exact(&mut body).unwrap();
    } else {
        reader.read_to_end(&mut body).unwrap();
    }
    Answer {
        status,
        headers,
        body: String::from_utf8(body).expect("UTF-8 body"),
    }
}

/// `text` percent-encoded for a query string.
pub fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
