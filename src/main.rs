//! The `quarry` binary: parses the command line, runs the library, maps
//! outcomes to exit codes (0 found, 1 nothing found, 2 error).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use quarry::cli::{Cli, Command};
use quarry::cmd;
use quarry::tally::CountBy;

fn main() -> ExitCode {
    // A panic is a bug: say so on one line instead of a trace. Extraction
    // catches its own and reports the article it happened on.
    std::panic::set_hook(Box::new(|info| {
        let msg = quarry::panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("quarry: internal error: {msg}{at} (please report)");
    }));
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr();
    let result = match &cli.command {
        Command::Index(args) => {
            cmd::index::run(args, cli.verbose, &mut out, &mut err).map(|_| true)
        }
        Command::Search(args) => cmd::search::run(args, cli.verbose, &mut err),
        Command::Speakers(args) => cmd::tally::run(args, CountBy::Speaker, &mut out, &mut err),
        Command::Outlets(args) => cmd::tally::run(args, CountBy::Outlet, &mut out, &mut err),
        Command::Extract(args) => cmd::extract::run(args, &mut out, &mut err).map(|n| n > 0),
        Command::Stats(args) => cmd::stats::run(args, &mut out, &mut err),
        Command::Completions(args) => cmd::shell::completions(args, &mut out),
        Command::Man => cmd::shell::man(&mut out),
    };
    let _ = out.flush();
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A reader that stopped early (`quarry speakers | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of causes, joined.
            let msg = format!("{e:#}").replace('\n', " ");
            let _ = writeln!(err, "quarry: {msg}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = c
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| c.downcast_ref::<serde_json::Error>()?.io_error_kind());
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
