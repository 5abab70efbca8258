//! The README's sample outputs are what the binary prints. Each ```text
//! block of README.md that opens with `$ quarry …` is run, in order, in a
//! fresh copy of the bundled corpus, 88 columns wide, and must print what
//! the block shows below the command (timings aside). When the output
//! changes on purpose, `QUARRY_BLESS=1 cargo test --test readme` writes
//! the new samples into README.md.

mod common;

use std::path::PathBuf;

use common::Workspace;

/// A sample of the README: where its block's lines are, its command and
/// what it shows.
struct Sample {
    /// Line index of the `$ quarry …` line.
    command_line: usize,
    /// Line index of the block's closing fence.
    end: usize,
    args: Vec<String>,
    shown: String,
}

fn readme() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

fn samples(lines: &[&str]) -> Vec<Sample> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let opens = lines[i] == "```text";
        let command = lines.get(i + 1).and_then(|l| l.strip_prefix("$ quarry "));
        if let (true, Some(command)) = (opens, command) {
            let end = (i + 2..lines.len())
                .find(|&j| lines[j] == "```")
                .expect("a closed text block");
            found.push(Sample {
                command_line: i + 1,
                end,
                args: shell_words(command),
                shown: lines[i + 2..end].join("\n"),
            });
            i = end;
        }
        i += 1;
    }
    found
}

/// The words of a command line: spaces split, double quotes group.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Output with its timings ("(1.4 ms)") made one: they differ run to run.
fn timeless(text: &str) -> String {
    text.lines()
        .map(|l| match (l.rfind(" ("), l.ends_with(" ms)")) {
            (Some(at), true) => format!("{} (… ms)", &l[..at]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readmes_samples_are_what_quarry_prints() {
    let text = std::fs::read_to_string(readme()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let found = samples(&lines);
    assert!(found.len() >= 2, "the README shows quarry's output");
    let ws = Workspace::new();
    let mut printed = Vec::new();
    for sample in &found {
        let args: Vec<&str> = sample.args.iter().map(String::as_str).collect();
        let out = common::quarry_env(ws.path(), &args, &[("COLUMNS", "88")]);
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        printed.push(shown.trim_end().to_string());
    }
    if std::env::var_os("QUARRY_BLESS").is_some() {
        let mut out: Vec<String> = Vec::new();
        let mut next = 0;
        for (sample, shown) in found.iter().zip(&printed) {
            out.extend(
                lines[next..=sample.command_line]
                    .iter()
                    .map(|l| l.to_string()),
            );
            out.push(shown.clone());
            next = sample.end;
        }
        out.extend(lines[next..].iter().map(|l| l.to_string()));
        std::fs::write(readme(), out.join("\n") + "\n").unwrap();
        return;
    }
    for (sample, shown) in found.iter().zip(&printed) {
        assert_eq!(
            timeless(shown),
            timeless(&sample.shown),
            "README.md line {}: `quarry {}` prints otherwise; if that is meant, \
             `QUARRY_BLESS=1 cargo test --test readme` writes it in",
            sample.command_line + 1,
            sample.args.join(" ")
        );
    }
}

#[test]
fn command_lines_split_like_a_shell() {
    assert_eq!(
        shell_words(r#"search "what did Rubio say" -n 4"#),
        ["search", "what did Rubio say", "-n", "4"]
    );
}
