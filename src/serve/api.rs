//! The JSON API's handlers: parameters read into a request (see
//! [`crate::request`]), the work done on a blocking thread, the answer in
//! the CLI's JSON shapes.

use std::io::Write;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

use super::{ApiError, Shared, MAX_QUERY_STRING, QUEUE_WAIT};
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
            SearchError::Index(_) => ApiError::internal(e.to_string()),
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

/// Runs `work` on a blocking thread once a permit is free.
async fn run<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(&QuarryIndex) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = tokio::time::timeout(QUEUE_WAIT, shared.permits.acquire())
        .await
        .map_err(|_| ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "busy: too many requests at once; try again in a moment".into(),
        })?
        .map_err(|_| ApiError::internal("the server is stopping"))?;
    let shared = shared.clone();
    let done = tokio::task::spawn_blocking(move || {
        let qi = shared.index()?;
        work(&qi)
    })
    .await
    .map_err(|e| ApiError::internal(format!("the request failed: {e}")))?;
    drop(permit);
    done
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
    let id = id.ok_or_else(|| ApiError::bad("parameter id is required: a hit's article.path"))?;
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

/// Every match as CSV, streamed as it is written.
pub(super) async fn export_csv(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (req, _) = request(raw, &[], &Request::default())?;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    // Checked before the answer starts: a bad query is a 400, not a cut file.
    let checked = req.clone();
    run(&shared, move |qi| {
        let searcher = qi.searcher().map_err(SearchError::from)?;
        crate::search::parse_query(qi, &searcher, &checked)?;
        Ok(())
    })
    .await?;
    let worker = shared.clone();
    tokio::spawn(async move {
        let _ = run(&worker, move |qi| {
            let mut out = ChannelWriter {
                buffer: Vec::with_capacity(CHUNK),
                tx,
            };
            let written = export(qi, &req, Format::Csv, &mut out);
            let flushed = out.flush();
            if let Err(e) = written {
                let _ = out
                    .tx
                    .blocking_send(Err(std::io::Error::other(e.to_string())));
            } else if let Err(e) = flushed {
                let _ = out.tx.blocking_send(Err(e));
            }
            Ok(())
        })
        .await;
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
