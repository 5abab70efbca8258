//! `quarry completions SHELL` and `quarry man`: shell integration, generated
//! from the same clap definition the binary parses with.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<bool> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "quarry", out);
    Ok(true)
}

/// Prints quarry(1) or a command's page, or writes them all to a folder
/// (the pages name each other: quarry(1) lists quarry-search(1) …).
pub fn man(args: &ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<bool> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        clap_mangen::generate_to(cli.clone(), dir)
            .map_err(|e| anyhow::anyhow!("cannot write man pages to {}: {e}", dir.display()))?;
        let pages = 1 + cli.get_subcommands().count();
        writeln!(err, "quarry: wrote {pages} man pages to {}", dir.display())?;
        return Ok(true);
    }
    let page = match &args.command {
        None => cli,
        Some(name) => cli.find_subcommand(name).cloned().ok_or_else(|| {
            let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
            anyhow::anyhow!("no command {name:?}: the pages are {}", names.join(", "))
        })?,
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(true)
}
