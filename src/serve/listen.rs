//! Accepting and keeping connections for `quarry serve`, with the limits a
//! server on a laptop needs against slow or hostile clients: a cap on open
//! connections (new ones past it are closed at once, so the process never
//! runs out of file descriptors), a deadline to send a request's headers
//! that also ends an idle keep-alive connection (a client trickling a byte a
//! second is cut), a write timeout (a client that stops reading is
//! dropped, and with it whatever it was being sent), and a shutdown that
//! gives requests in flight a short grace, never a stalled client's time.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

/// How long requests in flight may finish after a stop is asked for.
const GRACE: Duration = Duration::from_secs(3);

/// The limits on connections.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections open at once; more are closed as they come.
    pub max_connections: usize,
    /// Time to send a request's headers, counted from the connection's
    /// start or from the end of the last answer (so also the idle time).
    pub header_timeout: Duration,
    /// Time a write to the client may wait for it to read.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 256,
            header_timeout: Duration::from_secs(15),
            write_timeout: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `stop` completes; then stops accepting,
/// lets answers in flight finish for up to [`GRACE`] (or until `again`, a
/// second stop signal), and returns.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
    again: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut stop = pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors or a connection reset before it was
                // taken: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mut io = TimeoutStream::new(stream);
        io.set_write_timeout(Some(limits.write_timeout));
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(
                TokioIo::new(Box::pin(io)),
                TowerToHyperService::new(app.clone()),
            );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(GRACE) => {}
        () = again => {}
    }
}
