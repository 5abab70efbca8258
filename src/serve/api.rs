//! The JSON API's handlers: parameters read into a request (see
//! [`crate::request`]), the work done on a blocking thread, the answer in
//! the CLI's JSON shapes.

use std::io::Write;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};

use super::{ApiError, Shared, MAX_QUERY_STRING, QUEUE_WAIT, WORK_WAIT};
use crate::article_view::{article_view, ViewError};
use crate::export::{export, Format};
use crate::index::QuarryIndex;
use crate::request::{whole_number, OwnParams, RequestFields};
use crate::search::{search as run_search, Request, SearchError};
use crate::tally::{tally, CountBy};
use crate::timeline::{timeline as run_timeline, Interval};

/// Most rows a speakers or outlets list returns.
const MAX_LIMIT: usize = 10_000;
/// Most series a timeline splits into.
const MAX_TOP: usize = 20;

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        match e {
            SearchError::BadQuery { .. } => ApiError::bad(e.to_string()),
            SearchError::Index(_) | SearchError::Write(_) => ApiError::internal(e.to_string()),
        }
    }
}

/// The query string's pairs, decoded.
fn pairs(raw: Option<String>) -> Result<Vec<(String, String)>, ApiError> {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_STRING {
        return Err(ApiError::bad(format!(
            "the query string is {} bytes; at most {MAX_QUERY_STRING}",
            raw.len()
        )));
    }
    Ok(form_urlencoded::parse(raw.as_bytes())
        .map(|(a, b)| (a.into_owned(), b.into_owned()))
        .collect())
}

/// A request from the parameters, with an endpoint's own parameters.
fn request<'a>(
    raw: Option<String>,
    allowed: &[&'a str],
    template: &Request,
) -> Result<(Request, OwnParams<'a>), ApiError> {
    let (fields, own) = RequestFields::from_params(pairs(raw)?, allowed).map_err(ApiError::bad)?;
    let req = fields.into_request(template).map_err(ApiError::bad)?;
    Ok((req, own))
}

/// Waits up to [`QUEUE_WAIT`] for a place among `places`.
async fn place(places: &Arc<Semaphore>, what: &str) -> Result<OwnedSemaphorePermit, ApiError> {
    tokio::time::timeout(QUEUE_WAIT, places.clone().acquire_owned())
        .await
        .map_err(|_| ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!("busy: too many {what} at once; try again in a moment"),
        })?
        .map_err(|_| ApiError::internal("the server is stopping"))
}

/// Runs `work` on a blocking thread once a permit is free; the permit is
/// the work's until it ends, and the answer waits for it at most
/// [`WORK_WAIT`]. A failure of the index itself (an error or a panic in
/// tantivy) is explained as the CLI does: the damage found, and the
/// command that rebuilds.
async fn run<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(&QuarryIndex) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = place(&shared.permits, "requests").await?;
    let shared = shared.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let qi = shared.index()?;
        guarded(&qi, || work(&qi))
    });
    match tokio::time::timeout(WORK_WAIT, task).await {
        Ok(Ok(done)) => done,
        Ok(Err(e)) => Err(ApiError::internal(format!("the request failed: {e}"))),
        Err(_) => Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than {} s; try a narrower one",
                WORK_WAIT.as_secs()
            ),
        }),
    }
}

/// `work`'s answer, with a panic turned into an error, and an internal
/// error (or a panic) explained by the damage `qi` has, if any.
fn guarded<T>(qi: &QuarryIndex, work: impl FnOnce() -> Result<T, ApiError>) -> Result<T, ApiError> {
    let failure = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(Err(e)) if e.status == StatusCode::INTERNAL_SERVER_ERROR => e,
        Ok(done) => return done,
        Err(panic) => ApiError::internal(format!(
            "internal error: {} (please report)",
            crate::panic_message(&*panic)
        )),
    };
    match qi.check() {
        Err(damaged) => Err(ApiError::internal(damaged.to_string())),
        Ok(()) => Err(failure),
    }
}

fn json(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::internal(e.to_string()))
}

fn page_template() -> Request {
    Request {
        max_hits: 10,
        ..Default::default()
    }
}

pub(super) async fn search(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (req, _) = request(raw, &[], &page_template())?;
    let body = run(&shared, move |qi| {
        let results = run_search(qi, &req)?;
        let mut out = Vec::new();
        crate::output::json::results(&mut out, &results)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(out)
    })
    .await?;
    Ok(json(body))
}

async fn counts(
    shared: Arc<Shared>,
    raw: Option<String>,
    by: CountBy,
) -> Result<Response, ApiError> {
    let (req, own) = request(raw, &["limit"], &Request::default())?;
    let mut limit = 100;
    for (_, value) in own {
        limit = whole_number("limit", &value, Some(MAX_LIMIT)).map_err(ApiError::bad)?;
    }
    let body = run(&shared, move |qi| {
        let mut rows = tally(qi, &req, by)?;
        rows.truncate(limit);
        let mut out = Vec::new();
        crate::output::json::tallies(&mut out, &rows)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(out)
    })
    .await?;
    Ok(json(body))
}

pub(super) async fn speakers(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    counts(shared, raw, CountBy::Speaker).await
}

pub(super) async fn outlets(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    counts(shared, raw, CountBy::Outlet).await
}

pub(super) async fn stats(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    if let Some((name, _)) = pairs(raw)?.first() {
        return Err(ApiError::bad(format!("unknown parameter {name:?}")));
    }
    let body = run(&shared, |qi| to_json(&crate::stats::stats(qi, &qi.dir)?)).await?;
    Ok(json(body))
}

pub(super) async fn timeline(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (req, own) = request(raw, &["interval", "by", "top"], &Request::default())?;
    let (mut interval, mut by, mut top) = (Interval::Month, CountBy::Speaker, 5);
    for (name, value) in own {
        match name {
            "interval" => interval = Interval::parse(&value).map_err(ApiError::bad)?,
            "by" => by = CountBy::parse(&value).map_err(ApiError::bad)?,
            _ => top = whole_number("top", &value, Some(MAX_TOP)).map_err(ApiError::bad)?,
        }
    }
    let body = run(&shared, move |qi| {
        to_json(&run_timeline(qi, &req, interval, by, top)?)
    })
    .await?;
    Ok(json(body))
}

pub(super) async fn article(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut id = None;
    for (name, value) in pairs(raw)? {
        match name.as_str() {
            "id" => id = Some(value),
            other => return Err(ApiError::bad(format!("unknown parameter {other:?}"))),
        }
    }
    let id = id.ok_or_else(|| {
        ApiError::bad("parameter id is required: a hit's article.id or article.relative_path")
    })?;
    let body = run(&shared, move |qi| match article_view(qi, &id) {
        Ok(view) => to_json(&view),
        Err(ViewError::NotIndexed(key)) => Err(ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("no indexed article {key:?}"),
        }),
        Err(ViewError::Search(e)) => Err(e.into()),
        Err(e @ ViewError::Gone { .. }) => Err(ApiError {
            status: StatusCode::GONE,
            message: e.to_string(),
        }),
    })
    .await?;
    Ok(json(body))
}

/// Every match as CSV, streamed as it is written. An export that fails on
/// the way ends the transfer with an error (the client never takes a cut
/// file for a whole one); a client that stops reading is dropped by the
/// connection's write timeout, which ends the export.
pub(super) async fn export_csv(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (req, _) = request(raw, &[], &Request::default())?;
    // Checked before the answer starts: a bad query is a 400, not a cut file.
    let checked = req.clone();
    run(&shared, move |qi| {
        let searcher = qi.searcher().map_err(SearchError::from)?;
        crate::tally::counted_query(qi, &searcher, &checked)?;
        Ok(())
    })
    .await?;
    let slot = place(&shared.exports, "exports").await?;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let written = shared.index().and_then(|qi| {
            guarded(&qi, || {
                let mut out = ChannelWriter {
                    buffer: Vec::with_capacity(CHUNK),
                    tx: tx.clone(),
                };
                // A write fails only when the client is gone (or was
                // dropped for stalling): nobody is left to tell, and it
                // says nothing of the index.
                match export(&qi, &req, Format::Csv, &mut out) {
                    Ok(_) => {
                        let _ = out.flush();
                        Ok(())
                    }
                    Err(SearchError::Write(_)) => Ok(()),
                    Err(e) => Err(e.into()),
                }
            })
        });
        if let Err(e) = written {
            let _ = tx.blocking_send(Err(std::io::Error::other(e.message)));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"quarry-export.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// How much of an export is sent at a time.
const CHUNK: usize = 64 * 1024;

/// Writes into the response body, a chunk at a time; a client that went
/// away makes the next write fail, which ends the export.
struct ChannelWriter {
    buffer: Vec<u8>,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}
