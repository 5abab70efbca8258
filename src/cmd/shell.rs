//! `quarry completions SHELL` and `quarry man`: shell integration, generated
//! from the same clap definition the binary parses with.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<bool> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "quarry", out);
    Ok(true)
}

/// Prints the man page (roff).
pub fn man(out: &mut dyn Write) -> Result<bool> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(true)
}
