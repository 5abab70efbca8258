//! `quarry serve`: the index on a local web page and a JSON API.

use std::io::Write;
use std::time::Duration;

use anyhow::Result;

use crate::cli::ServeArgs;
use crate::cmd::search::open_or_build;
use quarry::serve::{is_loopback, serve, Limits, ServeOptions};

/// Serves until interrupted.
pub fn run(args: &ServeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<bool> {
    // Builds the bundled corpus's index on a first run, as `search` does.
    drop(open_or_build(&args.location, err)?);
    if !is_loopback(&args.addr) {
        writeln!(
            err,
            "quarry: warning: listening on {}: anyone who can reach this address can read the index",
            args.addr
        )?;
    }
    let options = ServeOptions {
        index: args.location.dir().to_path_buf(),
        addr: args.addr,
        allowed_hosts: args.allow_hosts.clone(),
        limits: Limits {
            max_connections: args.max_connections as usize,
            header_timeout: Duration::from_secs(args.idle_timeout),
            write_timeout: Duration::from_secs(args.write_timeout),
        },
    };
    let mut told = Ok(());
    serve(&options, |addr| {
        told = writeln!(
            out,
            "quarry: serving {} on http://{addr}/ (Ctrl-C stops)",
            options.index.display()
        )
        .and_then(|_| out.flush());
    })?;
    told?;
    Ok(true)
}
