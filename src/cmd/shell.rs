//! `quarry completions SHELL` and `quarry man`: shell integration, generated
//! from the same clap definition the binary parses with.

use std::io::{IsTerminal, Write};

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
/// (the pages name each other: quarry(1) lists quarry-search(1) …). On a
/// terminal the page is shown through `man -l -`, as `man` would show it;
/// piped, it is the roff source.
pub fn man(args: &ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<bool> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        let pages: Vec<clap::Command> = std::iter::once(cli.clone())
            .chain(cli.get_subcommands().cloned())
            .collect();
        for cmd in &pages {
            let page = page(cmd.clone());
            let path = dir.join(page.get_filename());
            let mut roff = Vec::new();
            page.render(&mut roff)?;
            std::fs::write(&path, roff)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        }
        writeln!(
            err,
            "quarry: wrote {} man pages to {}",
            pages.len(),
            dir.display()
        )?;
        return Ok(true);
    }
    let cmd = match &args.command {
        None => cli,
        Some(name) => cli.find_subcommand(name).cloned().ok_or_else(|| {
            let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
            anyhow::anyhow!("no command {name:?}: the pages are {}", names.join(", "))
        })?,
    };
    let mut roff = Vec::new();
    page(cmd).render(&mut roff)?;
    if std::io::stdout().is_terminal() && show_with_man(&roff) {
        return Ok(true);
    }
    out.write_all(&roff)?;
    Ok(true)
}

/// A command's page, its `.TH` line carrying quarry's version and the
/// build's date.
fn page(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd)
        .source(format!("quarry {}", env!("CARGO_PKG_VERSION")))
        .date(env!("QUARRY_BUILD_DATE"))
        .manual("quarry manual")
}

/// Shows `roff` with `man -l -` (which pages it); false when there is no
/// `man` to run, and the caller prints the source.
fn show_with_man(roff: &[u8]) -> bool {
    let Ok(mut child) = std::process::Command::new("man")
        .args(["-l", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
    else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A reader that quits early (`q` in the pager) closes the pipe.
        let _ = stdin.write_all(roff);
    }
    child.wait().is_ok_and(|s| s.success())
}
