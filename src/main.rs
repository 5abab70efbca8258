//! The `quarry` binary: parses the command line, runs the library, maps
//! errors to exit codes (0 found, 1 nothing found, 2 error).

use std::process::ExitCode;

use clap::Parser;
use quarry::cli::{Cli, Command};
use quarry::cmd;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    let result = match &cli.command {
        Command::Extract(args) => cmd::extract::run(args, &mut out, &mut err).map(|_| true),
        _ => todo!(),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("quarry: {e:#}");
            ExitCode::from(2)
        }
    }
}
