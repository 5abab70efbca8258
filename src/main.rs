//! The `quarry` binary: parses the command line, runs the library, maps
//! outcomes to exit codes (0 found, 1 nothing found, 2 error, 130/143
//! interrupted).

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

mod batch;
mod cli;
mod cmd;
mod exit_codes;

use clap::Parser;
use cli::{Cli, Command};
use cmd::index::Interrupted;
use exit_codes::Exit;
use quarry::index::{IndexError, QuarryIndex};
use quarry::output::visible::visible;
use quarry::search::SearchError;
use quarry::tally::CountBy;

/// Most commands suggested for a mistyped one.
const SUGGESTED_COMMANDS: usize = 3;

/// clap's message for a mistyped command, with the nearest commands first
/// (by edit distance, a swapped pair of letters counting once: `serach`
/// is `search` before `serve`).
fn unknown_command(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    use clap::CommandFactory;
    let typed = match e.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => return e.to_string(),
    };
    let command = Cli::command();
    let mut near: Vec<(usize, &str)> = command
        .get_subcommands()
        .map(|c| c.get_name())
        .map(|name| (strsim::damerau_levenshtein(&typed, name), name))
        .filter(|&(d, name)| d <= (name.len() / 2).max(2))
        .collect();
    near.sort();
    let near: Vec<String> = near
        .iter()
        .take(SUGGESTED_COMMANDS)
        .map(|(_, n)| format!("'{n}'"))
        .collect();
    let tip = match near.len() {
        0 => String::new(),
        1 => format!("\n\n  tip: a similar subcommand exists: {}", near[0]),
        _ => format!(
            "\n\n  tip: some similar subcommands exist: {}",
            near.join(", ")
        ),
    };
    format!(
        "error: unrecognized subcommand '{}'{tip}\n\nUsage: quarry <COMMAND>\n\nFor more information, try '--help'.",
        visible(&typed)
    )
}

/// The last panic's message and place, kept by the hook for the one line
/// that `main` prints once it knows whether a damaged index explains it.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = quarry::panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            last.get_or_insert(format!("{msg}{at}"));
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidSubcommand => {
            let _ = writeln!(std::io::stderr(), "{}", unknown_command(&e));
            return Exit::Error.into();
        }
        Err(e) => e.exit(),
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr();
    let result = catch_unwind(AssertUnwindSafe(|| run(&cli, &mut out, &mut err)));
    let _ = out.flush();
    let index = index_of(&cli.command);
    let failure = match result {
        Ok(Ok(found)) => return Exit::found(found).into(),
        // A reader that stopped early (`quarry speakers | head`) is not an error.
        Ok(Err(e)) if is_broken_pipe(&e) => return Exit::Success.into(),
        Ok(Err(e)) => {
            if let Some(stop) = e.downcast_ref::<Interrupted>() {
                let _ = writeln!(err, "quarry: {}", visible(&stop.to_string()));
                return Exit::Interrupted(stop.signal).into();
            }
            match index.filter(|_| could_be_damage(&e)).and_then(damage) {
                Some(damaged) => damaged.to_string(),
                // One line: the chain of causes, joined.
                None => format!("{e:#}").replace('\n', " "),
            }
        }
        Err(_) => {
            let panic = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_else(|| "unknown error".into());
            match index.and_then(damage) {
                Some(damaged) => damaged.to_string(),
                None => format!("internal error: {panic} (please report)"),
            }
        }
    };
    let _ = writeln!(err, "quarry: {}", visible(&failure));
    Exit::Error.into()
}

fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<bool> {
    match &cli.command {
        Command::Index(args) => cmd::index::run(args, args.verbose, out, err).map(|_| true),
        Command::Search(args) => cmd::search::run(args, args.verbose, err),
        Command::Speakers(args) => cmd::tally::run(args, CountBy::Speaker, out, err),
        Command::Outlets(args) => cmd::tally::run(args, CountBy::Outlet, out, err),
        Command::Extract(args) => cmd::extract::run(args, out, err).map(|n| n > 0),
        Command::Stats(args) => cmd::stats::run(args, out, err),
        Command::Export(args) => cmd::export::run(args, out, err),
        Command::Serve(args) => cmd::serve::run(args, out, err),
        Command::Completions(args) => cmd::shell::completions(args, out),
        Command::Man(args) => cmd::shell::man(args, out, err),
    }
}

/// The index a command reads, if any.
fn index_of(command: &Command) -> Option<&Path> {
    match command {
        Command::Index(a) => Some(a.location.dir()),
        Command::Search(a) => Some(a.location.dir()),
        Command::Speakers(a) | Command::Outlets(a) => Some(a.location.dir()),
        Command::Stats(a) => Some(a.location.dir()),
        Command::Export(a) => Some(a.location.dir()),
        Command::Serve(a) => Some(a.location.dir()),
        Command::Extract(_) | Command::Completions(_) | Command::Man(_) => None,
    }
}

/// Whether a failure may come from a damaged index: not a mistake in the
/// query or the arguments, and not an index already known to be unusable.
fn could_be_damage(e: &anyhow::Error) -> bool {
    !e.chain().any(|c| {
        c.downcast_ref::<SearchError>()
            .is_some_and(|s| matches!(s, SearchError::BadQuery { .. }))
            || c.is::<IndexError>()
    })
}

/// The damage found in the index at `dir`, if it is damaged: what explains
/// a failed search or a panic better than tantivy's own words.
fn damage(dir: &Path) -> Option<IndexError> {
    if !quarry::index::exists(dir) {
        return None;
    }
    match QuarryIndex::open(dir) {
        Err(e @ IndexError::Damaged { .. }) => Some(e),
        Err(_) => None,
        Ok(qi) => qi.check().err(),
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
