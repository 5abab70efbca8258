//! `quarry serve`: a read-only HTTP server on an index — the JSON API
//! (the CLI's shapes and schemas) and one page that uses it. Searches run
//! on blocking threads, at most [`MAX_CONCURRENT`] at a time; a commit of a
//! concurrent `quarry index` is picked up by the next request. It answers
//! only to its own address, `localhost` and the names it is told
//! ([`host_allowed`]): a page elsewhere that gets a name of its own to
//! resolve here (DNS rebinding) is refused.

mod api;
mod listen;

pub use listen::Limits;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;

use crate::index::QuarryIndex;

/// Searches run at once; more wait up to [`QUEUE_WAIT`], then get 503.
pub const MAX_CONCURRENT: usize = 16;
/// Exports streaming at once, apart from the searches: an export waits on
/// its client, and a client that stalls must not hold a search's place.
pub const MAX_EXPORTS: usize = 4;
const QUEUE_WAIT: Duration = Duration::from_secs(5);
/// Longest a request waits for its work before it is answered 503 (the
/// work keeps its permit until it ends, so stuck work cannot pile up).
const WORK_WAIT: Duration = Duration::from_secs(30);
/// Longest query string accepted, in bytes.
pub const MAX_QUERY_STRING: usize = 8 * 1024;

/// What the page may load: only itself. No inline script, no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The open index, opened again when a commit has changed it.
struct Shared {
    dir: PathBuf,
    open: Mutex<(Option<SystemTime>, Arc<QuarryIndex>)>,
    permits: Arc<Semaphore>,
    exports: Arc<Semaphore>,
}

impl Shared {
    /// The index as last committed.
    fn index(&self) -> Result<Arc<QuarryIndex>, ApiError> {
        let stamp = std::fs::metadata(self.dir.join("meta.json"))
            .and_then(|m| m.modified())
            .ok();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if stamp != open.0 {
            match QuarryIndex::open(&self.dir) {
                Ok(qi) => *open = (stamp, Arc::new(qi)),
                // Mid-commit, or damaged: keep answering from what we have.
                Err(_) if open.0.is_some() => {}
                Err(e) => return Err(ApiError::internal(e.to_string())),
            }
        }
        Ok(open.1.clone())
    }
}

/// An error answer: a status and a one-line JSON message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub index: PathBuf,
    pub addr: SocketAddr,
    /// Host names answered besides IP addresses and `localhost`.
    pub allowed_hosts: Vec<String>,
    pub limits: Limits,
}

/// Serves until interrupted (Ctrl-C or SIGTERM). `ready` is told the
/// address bound (with the port the system chose for port 0).
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let qi = QuarryIndex::open(&options.index)?;
    let stamp = std::fs::metadata(options.index.join("meta.json"))
        .and_then(|m| m.modified())
        .ok();
    let shared = Arc::new(Shared {
        dir: options.index.clone(),
        open: Mutex::new((stamp, Arc::new(qi))),
        permits: Arc::new(Semaphore::new(MAX_CONCURRENT)),
        exports: Arc::new(Semaphore::new(MAX_EXPORTS)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's threads")?;
    let hosts: Arc<[String]> = options.allowed_hosts.clone().into();
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        ready(listener.local_addr()?);
        listen::serve(
            listener,
            router(shared, hosts),
            options.limits,
            shutdown(),
            shutdown(),
        )
        .await;
        Ok(())
    });
    // Work still running (an article read from a slow disk) is not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    served
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let term = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Whether a request's `Host` is one this server answers to: an IP
/// address (a rebinding attack needs a name to rebind), `localhost` (and
/// names under it, which browsers resolve here themselves), or a name in
/// `allowed`. A request without the header (HTTP/1.0) is answered.
pub fn host_allowed(host: Option<&str>, allowed: &[String]) -> bool {
    let Some(host) = host else { return true };
    if host.starts_with('[') {
        // [v6] or [v6]:port
        return host
            .split_once(']')
            .is_some_and(|(ip, _)| ip[1..].parse::<std::net::Ipv6Addr>().is_ok());
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.trim_end_matches('.');
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name.eq_ignore_ascii_case("localhost")
        || name.to_ascii_lowercase().ends_with(".localhost")
        || allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
}

async fn check_host(
    hosts: Arc<[String]>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if host_allowed(host, &hosts) {
        return next.run(request).await;
    }
    let host = host.unwrap_or_default();
    ApiError {
        status: StatusCode::MISDIRECTED_REQUEST,
        message: format!(
            "this server does not answer to the name {host:?}: quarry serve answers to its address and localhost; start it with --allow-host NAME to use another name"
        ),
    }
    .into_response()
}

fn router(shared: Arc<Shared>, hosts: Arc<[String]>) -> Router {
    Router::new()
        .route("/", get(|| page(PAGE_HTML, "text/html; charset=utf-8")))
        .route("/app.js", get(|| page(PAGE_JS, "text/javascript; charset=utf-8")))
        .route("/app.css", get(|| page(PAGE_CSS, "text/css; charset=utf-8")))
        .route("/api/search", get(api::search))
        .route("/api/speakers", get(api::speakers))
        .route("/api/outlets", get(api::outlets))
        .route("/api/stats", get(api::stats))
        .route("/api/timeline", get(api::timeline))
        .route("/api/article", get(api::article))
        .route("/api/export.csv", get(api::export_csv))
        .fallback(|| async { ApiError {
            status: StatusCode::NOT_FOUND,
            message: "no such page; the API is under /api/ (search, speakers, outlets, stats, timeline, article, export.csv)".into(),
        } })
        .layer(axum::middleware::from_fn(move |request, next| {
            check_host(hosts.clone(), request, next)
        }))
        .layer(axum::middleware::map_response(secure_headers))
        .with_state(shared)
}

const PAGE_HTML: &str = include_str!("page/index.html");
const PAGE_JS: &str = include_str!("page/app.js");
const PAGE_CSS: &str = include_str!("page/app.css");

async fn page(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

async fn secure_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Whether `addr` is reachable from this machine only.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}
