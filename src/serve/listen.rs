//! Accepting and keeping connections for `quarry serve`, with the limits a
//! server on a laptop needs against slow or hostile clients: a cap on open
//! connections (new ones past it are closed at once, so the process never
//! runs out of file descriptors), a deadline to send a request's headers
//! that also ends an idle keep-alive connection (a client trickling a byte a
//! second is cut), a write timeout (a client that stops reading is reset,
//! and with it goes whatever it was being sent), and a shutdown that
//! gives requests in flight a short grace, never a stalled client's time.

use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

/// How long requests in flight may finish after a stop is asked for.
const GRACE: Duration = Duration::from_secs(3);

/// The limits on connections (`quarry serve`'s flags give their defaults).
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
                TokioIo::new(AbortOnTimeout(Box::pin(io))),
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

/// A connection that, when a write times out, is reset rather than closed:
/// a plain close of a socket whose client reads nothing leaves the unsent
/// answer (megabytes of an export) in the kernel until the client reads or
/// the kernel gives up, and the client none the wiser.
struct AbortOnTimeout(Pin<Box<TimeoutStream<TcpStream>>>);

impl AbortOnTimeout {
    fn check<T>(&self, done: Poll<std::io::Result<T>>) -> Poll<std::io::Result<T>> {
        if let Poll::Ready(Err(e)) = &done {
            if e.kind() == std::io::ErrorKind::TimedOut {
                abort_on_close(self.0.get_ref());
            }
        }
        done
    }
}

/// Makes the socket's close a reset (SO_LINGER of zero).
fn abort_on_close(stream: &TcpStream) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let linger = libc::linger {
            l_onoff: 1,
            l_linger: 0,
        };
        // SAFETY: setsockopt on a descriptor the stream owns, with a value
        // of the size it is told.
        unsafe {
            libc::setsockopt(
                stream.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                (&linger as *const libc::linger).cast(),
                std::mem::size_of::<libc::linger>() as libc::socklen_t,
            );
        }
    }
    #[cfg(not(unix))]
    let _ = stream;
}

impl AsyncRead for AbortOnTimeout {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        self.0.as_mut().poll_read(cx, buf)
    }
}

impl AsyncWrite for AbortOnTimeout {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let done = self.0.as_mut().poll_write(cx, data);
        self.check(done)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let done = self.0.as_mut().poll_write_vectored(cx, data);
        self.check(done)
    }

    fn is_write_vectored(&self) -> bool {
        self.0.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let done = self.0.as_mut().poll_flush(cx);
        self.check(done)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let done = self.0.as_mut().poll_shutdown(cx);
        self.check(done)
    }
}
