//! `quarry serve` against hostile requests and bad luck: queries that
//! would cost without bound, files swapped after indexing, stalled and
//! trickling clients, other names for the host, a damaged index, cells a
//! spreadsheet would run. Each test drives the real server on loopback.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::http::{enc, error_of, get_as, Server};
use common::{generate_corpus, hits, stderr, Workspace};

fn indexed() -> Workspace {
    let ws = Workspace::new();
    ws.index();
    ws
}

/// The first hit's article id for `query`.
fn article_id(server: &Server, query: &str) -> String {
    let v = server.json(&format!("/api/search?q={}", enc(query)));
    hits(&v)[0]["article"]["id"].as_str().unwrap().to_string()
}

fn repeated_phrase(word: &str, n: usize, slop: usize) -> String {
    format!("\"{}\"~{slop}", vec![word; n].join(" "))
}

#[test]
fn phrases_that_would_cost_without_bound_are_refused() {
    let ws = indexed();
    let server = Server::start(ws.path(), "index");
    // 100 words with slop 50: a 600-byte GET that any page can send.
    let query = format!("/api/search?q={}", enc(&repeated_phrase("the", 100, 50)));
    assert!(query.len() < 700, "{}", query.len());
    let (status, message) = error_of(&server, &query);
    assert_eq!(status, 400, "{message}");
    assert!(
        message.contains("slop ~50") && message.contains("at most"),
        "{message}"
    );
    // A phrase within the bound is searched; the server is still there.
    let v = server.json(&format!("/api/search?q={}", enc("\"peace agreement\"~3")));
    assert!(!hits(&v).is_empty());
    // The command line refuses it in one line, in strict mode or not.
    for strict in [false, true] {
        let mut args = vec!["search", "--json"];
        let phrase = repeated_phrase("the", 40, 40);
        args.push(&phrase);
        if strict {
            args.push("--strict");
        }
        let out = ws.run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("slop ~40"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn the_article_view_reads_only_the_file_that_was_indexed() {
    let ws = indexed();
    let secret = ws.path().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET: the password is swordfish\n").unwrap();
    let mut server = Server::start(ws.path(), "index");
    let id = article_id(&server, "sanctions");
    let view = format!("/api/article?id={}", enc(&id));
    let original = std::fs::read(&id).unwrap();
    assert_eq!(server.get(&view).status, 200);

    let swap = |to: &std::path::Path| {
        std::fs::remove_file(&id).unwrap();
        std::os::unix::fs::symlink(to, &id).unwrap();
    };
    // A link out of the corpus, to a secret and to a device.
    for target in [secret.as_path(), std::path::Path::new("/dev/zero")] {
        swap(target);
        let a = server.get(&view);
        assert_eq!(a.status, 410, "{}: {}", target.display(), a.body);
        assert!(!a.body.contains("swordfish"), "{}", a.body);
        assert!(
            a.body.contains("re-index") || a.body.contains("outside"),
            "{}",
            a.body
        );
    }
    // A FIFO in its place: refused at once, every time, holding no place.
    std::fs::remove_file(&id).unwrap();
    let fifo = std::ffi::CString::new(id.as_str()).unwrap();
    // SAFETY: mkfifo on a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    for _ in 0..24 {
        let a = server.get(&view);
        assert_eq!(a.status, 410, "{}", a.body);
        assert!(a.body.contains("regular file"), "{}", a.body);
    }
    assert_eq!(server.get("/api/search?q=talks").status, 200);
    // The same size, other bytes: it says the file changed.
    std::fs::remove_file(&id).unwrap();
    let mut edited = original.clone();
    edited[0] = if edited[0] == b'X' { b'Y' } else { b'X' };
    std::fs::write(&id, &edited).unwrap();
    let a = server.get(&view);
    assert_eq!(a.status, 410, "{}", a.body);
    assert!(a.body.contains("changed"), "{}", a.body);
    std::fs::write(&id, &original).unwrap();
    assert_eq!(server.get(&view).status, 200);
    // A stop signal still stops it.
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(server.pid() as i32, libc::SIGTERM) };
    assert!(server.wait_exit(Duration::from_secs(10)).is_some());
}

/// A connection whose receive window is tiny, so that a large answer
/// stalls as it would for a client that stops reading.
#[cfg(target_os = "linux")]
fn stalling_client(addr: &str) -> TcpStream {
    use std::os::fd::FromRawFd;
    let addr: std::net::SocketAddrV4 = addr.parse().unwrap();
    // SAFETY: a socket made, sized and connected here, then owned by the
    // TcpStream; every pointer is to a local that outlives its call.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        assert!(fd >= 0);
        let size: libc::c_int = 4096;
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_RCVBUF,
            (&size as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
        let sin = libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: addr.port().to_be(),
            sin_addr: libc::in_addr {
                s_addr: u32::from(*addr.ip()).to_be(),
            },
            sin_zero: [0; 8],
        };
        let done = libc::connect(
            fd,
            (&sin as *const libc::sockaddr_in).cast(),
            std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
        );
        assert_eq!(done, 0, "connect: {}", std::io::Error::last_os_error());
        TcpStream::from_raw_fd(fd)
    }
}

/// Reads what `stream` has until it ends or stays silent for `quiet`;
/// gives the bytes and whether the server closed it.
fn drain(stream: &mut TcpStream, quiet: Duration) -> (Vec<u8>, bool) {
    stream.set_read_timeout(Some(quiet)).unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0; 1 << 16];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return (got, true),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return (got, false)
            }
            Err(_) => return (got, true),
        }
    }
}

/// Waits up to `limit` until the server has closed every one of
/// `streams`, without reading them (reading would un-stall them).
#[cfg(target_os = "linux")]
fn closed_by_peer(streams: &[TcpStream], limit: Duration) -> bool {
    use std::os::fd::AsRawFd;
    let until = std::time::Instant::now() + limit;
    let mut polls: Vec<libc::pollfd> = streams
        .iter()
        .map(|s| libc::pollfd {
            fd: s.as_raw_fd(),
            events: libc::POLLRDHUP,
            revents: 0,
        })
        .collect();
    let mut closed = vec![false; streams.len()];
    while std::time::Instant::now() < until {
        // SAFETY: poll on descriptors owned by `streams`, which outlive it.
        unsafe { libc::poll(polls.as_mut_ptr(), polls.len() as libc::nfds_t, 200) };
        for (c, p) in closed.iter_mut().zip(&polls) {
            *c |= p.revents & (libc::POLLRDHUP | libc::POLLHUP | libc::POLLERR) != 0;
        }
        if closed.iter().all(|&c| c) {
            return true;
        }
        // Only the open ones are watched on.
        for (p, &c) in polls.iter_mut().zip(&closed) {
            p.events = if c { 0 } else { libc::POLLRDHUP };
            p.revents = 0;
        }
    }
    false
}

#[cfg(target_os = "linux")]
#[test]
fn stalled_exports_hold_no_search_place_and_are_dropped() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    // Big enough that an export fills every buffer between the two ends.
    generate_corpus(&corpus.join("generated"), 2500, 7);
    ws.index();
    let server = Server::start_with(
        ws.path(),
        "index",
        &["--write-timeout", "2", "--idle-timeout", "3"],
    );
    // More stalled exports than there are places for searches (16).
    let mut stalled: Vec<TcpStream> = (0..17)
        .map(|_| {
            let mut s = stalling_client(&server.addr);
            write!(s, "GET /api/export.csv HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let a = server.get("/api/search?q=talks");
    assert_eq!(a.status, 200, "a search behind stalled exports: {}", a.body);
    // The write timeout (2 s) drops each export that got to stream; the
    // rest were told the server was busy, and their idle connections end
    // (3 s). None is left hanging: wait, without reading, until the server
    // has closed every one (bounded, so a regression fails).
    assert!(
        closed_by_peer(&stalled, Duration::from_secs(60)),
        "a stalled export is still open after its write timeout"
    );
    let mut cut = 0;
    for s in &mut stalled {
        let (bytes, closed) = drain(s, Duration::from_secs(5));
        let text = String::from_utf8_lossy(&bytes);
        if text.starts_with("HTTP/1.1 200") {
            assert!(
                closed,
                "a stalled export is still open after its write timeout"
            );
            assert!(
                !text.ends_with("0\r\n\r\n"),
                "a cut export must not end like a whole one"
            );
            cut += 1;
        } else {
            assert!(
                text.starts_with("HTTP/1.1 503"),
                "{}",
                &text[..text.len().min(200)]
            );
        }
    }
    assert!(cut >= 1, "no export streamed");
}

#[test]
fn trickling_and_idle_clients_are_cut_and_connections_capped() {
    let ws = indexed();
    let server = Server::start_with(
        ws.path(),
        "index",
        &["--idle-timeout", "1", "--max-connections", "8"],
    );
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            s.write_all(b"GET /api/search?q=talks HTTP/1.1\r\n")
                .unwrap();
            s.set_read_timeout(Some(Duration::from_millis(10))).unwrap();
            s
        })
        .collect();
    let idle = TcpStream::connect(&server.addr).unwrap();
    // A byte every 200 ms for up to 12 s: a server without a deadline for
    // the headers keeps every one of them.
    let mut closed = vec![false; slow.len()];
    for _ in 0..60 {
        for (i, s) in slow.iter_mut().enumerate() {
            if closed[i] {
                continue;
            }
            let mut buf = [0u8; 256];
            closed[i] = s.write_all(b"X").is_err()
                || matches!(s.read(&mut buf), Ok(0))
                || matches!(s.read(&mut buf), Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset);
        }
        if closed.iter().all(|&c| c) {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let open = closed.iter().filter(|&&c| !c).count();
    assert_eq!(open, 0, "{open} of 20 trickling clients still open");
    let (_, idle_closed) = drain(&mut { idle }, Duration::from_secs(3));
    assert!(idle_closed, "an idle connection stays open");
    assert_eq!(server.get("/api/search?q=talks").status, 200);
}

#[cfg(unix)]
#[test]
fn a_stop_does_not_wait_for_a_half_sent_request() {
    let ws = indexed();
    let mut server = Server::start(ws.path(), "index");
    let mut half = TcpStream::connect(&server.addr).unwrap();
    half.write_all(b"GET /api/search?q=talks HTTP/1.1\r\nHost: loc")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(server.pid() as i32, libc::SIGTERM) };
    let status = server.wait_exit(Duration::from_secs(10));
    assert!(status.is_some(), "SIGTERM did not stop the server in 10 s");
}

#[test]
fn only_its_own_address_and_localhost_are_answered() {
    let ws = indexed();
    let server = Server::start_with(ws.path(), "index", &["--allow-host", "news.lan"]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        "attacker.example",
        "attacker.example:80",
        "127.0.0.1.nip.io",
        "localhost.attacker.example",
    ] {
        let a = get_as(
            &server.addr,
            &format!("{host}:{port}"),
            "/api/search?q=talks",
        );
        assert_eq!(a.status, 421, "{host}: {}", a.body);
        assert!(a.body.contains("--allow-host"), "{}", a.body);
        assert!(!a.body.contains("Rubio"), "{}", a.body);
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        format!("news.lan:{port}"),
        "localhost".to_string(),
    ] {
        let a = get_as(&server.addr, &host, "/api/search?q=talks");
        assert_eq!(a.status, 200, "{host}: {}", a.body);
    }
    // The page itself too: a rebinding page would read it.
    assert_eq!(get_as(&server.addr, "attacker.example", "/").status, 421);
}

/// Flips the middle half of every segment file of the index in `dir`
/// (in place: the server's maps of them see it).
fn damage(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.len() > 33 && name.as_bytes()[32] == b'.' {
            let mut bytes = std::fs::read(&path).unwrap();
            let (from, to) = (bytes.len() / 4, bytes.len() * 3 / 4);
            for b in &mut bytes[from..to] {
                *b ^= 0x55;
            }
            std::fs::write(&path, bytes).unwrap();
        }
    }
}

#[test]
fn a_damaged_index_while_serving_is_named_and_cuts_exports() {
    let ws = indexed();
    let server = Server::start(ws.path(), "index");
    assert_eq!(server.get("/api/search?q=talks").status, 200);
    damage(&ws.path().join("index"));
    for q in ["talks", "sanctions", "peace", "Putin"] {
        let (status, message) = error_of(&server, &format!("/api/search?q={q}"));
        assert_eq!(status, 500, "{message}");
        assert!(
            message.contains("is damaged") && message.contains("--rebuild"),
            "{message}"
        );
    }
    // An export that fails ends the transfer with an error, never a clean
    // end after the header row.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET /api/export.csv?q=talks HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let (bytes, _) = drain(&mut s, Duration::from_secs(5));
    let text = String::from_utf8_lossy(&bytes);
    let whole = text.starts_with("HTTP/1.1 200") && text.ends_with("0\r\n\r\n");
    assert!(!whole, "a failed export looks whole:\n{text}");
}

#[test]
fn field_wildcards_and_the_bare_export_link_answer_clearly() {
    let ws = indexed();
    let server = Server::start(ws.path(), "index");
    for field in ["title", "speaker", "outlet", "publisher", "quote", "kind"] {
        let (status, message) = error_of(&server, &format!("/api/search?q={field}:*"));
        assert_eq!(status, 400, "{field}: {message}");
        assert!(message.contains(&format!("{field}:*")), "{message}");
    }
    // The page's "Export every match" link with nothing searched yet.
    let a = server.get("/api/export.csv?");
    assert_eq!(a.status, 200, "{}", a.body);
    let cli = ws.run(&["export", "--format", "csv"]);
    assert!(cli.status.success());
    assert_eq!(a.body.as_bytes(), cli.stdout.as_slice());
    assert!(a.body.lines().count() > 100);
}

#[test]
fn csv_cells_never_run_as_formulas() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    std::fs::write(
        corpus.join("formula.txt"),
        "Spreadsheets and the news\n\n\
         “=HYPERLINK(\"http://evil.example\",\"click\") is what we found,” Senator Jane Roe said on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("metadata.tsv"),
        "filename\tpublisher\tauthor\nformula.txt\t+cmd|' /C calc'!A0\t@SUM(1+1)\n",
    )
    .unwrap();
    ws.index();
    let server = Server::start(ws.path(), "index");
    let api = server.get("/api/export.csv?q=Roe");
    assert_eq!(api.status, 200);
    let export = ws.run(&["export", "Roe", "--format", "csv"]);
    let search = ws.run(&["search", "Roe", "--csv"]);
    for (what, text) in [
        ("/api/export.csv", api.body.clone()),
        ("export", common::stdout(&export)),
        ("search --csv", common::stdout(&search)),
    ] {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut quoted = 0;
        for row in reader.records() {
            for cell in row.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{what}: a cell a spreadsheet runs: {cell:?}"
                );
                quoted += usize::from(cell.starts_with("'=HYPERLINK") || cell.starts_with("'+cmd"));
            }
        }
        assert!(
            quoted >= 2,
            "{what}: the formula cells are kept, neutralised:\n{text}"
        );
    }
    // NDJSON keeps the text as it is.
    let ndjson = common::stdout(&ws.run(&["export", "Roe", "--format", "ndjson"]));
    assert!(ndjson.contains("\"quote\":\"=HYPERLINK("), "{ndjson}");
    assert!(ndjson.contains("\"publisher\":\"+cmd"), "{ndjson}");
}
