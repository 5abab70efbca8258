//! The command line, defined with clap's derive API. Nothing else lives here.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use quarry::search::{Kind, Sort};

/// Search what people said in the news: quotations, who said them and where.
#[derive(Debug, Parser)]
#[command(name = "quarry", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Exit codes, shown at the end of `--help`.
pub const EXIT_CODES: &str = "Exit status: 0 when something was found (or the command succeeded), \
1 when a search found nothing, 2 on error (a message on stderr says which). \
Data goes to stdout, messages to stderr.";

/// The end of `quarry search --help` and of quarry-search(1).
pub const SEARCH_HELP: &str = "\
Queries:
  Plain words or a question: every word optional, hits holding all of them first,
  question words (what, did, say, about, …) left out, a speaker's name also finds
  what that speaker said. Syntax: \"a phrase\", AND, OR, NOT or -word, prefix*,
  field:word (speaker, outlet, title, quote, passage). Syntax that does not parse
  is searched as words (--strict: an error).

Examples:
  quarry search \"what did Rubio say about sanctions\"
  quarry search sanctions --speaker rubio --kind reported
  quarry search '\"peace deal\" -ceasefire' --outlet cbs --since 2025-08-01
  quarry search talks --publisher reuters --sort date -n 50 --json
  quarry search \"potential areas of agreement\" --group-quotes
  quarry search --queries questions.txt > answers.jsonl";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a folder of articles (incremental: only changed files are redone).
    Index(IndexArgs),
    /// Search passages and quotations; ranked, highlighted hits.
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Count quotations per speaker, for the whole index or a query.
    Speakers(CountArgs),
    /// Count quotations per outlet, for the whole index or a query.
    Outlets(CountArgs),
    /// Print the quotations found in files or folders, without indexing.
    Extract(ExtractArgs),
    /// Write every match (not a top n) as CSV or NDJSON, with article metadata.
    Export(ExportArgs),
    /// Serve the index on a local web page and a JSON API (read-only).
    Serve(ServeArgs),
    /// What the index holds: articles, passages, quotations, speakers, dates, size.
    Stats(StatsArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print a man page (roff): quarry(1), or a command's (`quarry man search`).
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder [default: $QUARRY_INDEX, else index/].
    #[arg(short = 'i', long = "index", env = "QUARRY_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
}

/// The index folder used when neither `-i` nor `QUARRY_INDEX` names one.
pub const DEFAULT_INDEX: &str = "index";

impl IndexLocation {
    /// The index folder.
    pub fn dir(&self) -> &Path {
        self.index.as_deref().unwrap_or(Path::new(DEFAULT_INDEX))
    }

    /// Neither `-i` nor `QUARRY_INDEX` was given: the first search may
    /// build this index from the bundled corpus. A folder the user named
    /// never is: a typo must not answer from another corpus.
    pub fn is_default(&self) -> bool {
        self.index.is_none()
    }
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder (or file) of articles: .txt, .md, .json, .jsonl, .html.
    #[arg(default_value = "corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print nothing but errors (no progress bar, no summary).
    #[arg(short, long)]
    pub quiet: bool,
    /// Print what was done as one JSON object (counts and skipped files with reasons).
    #[arg(long)]
    pub json: bool,
    /// Speaker aliases (TOML or TSV; see README).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Article metadata table (CSV or TSV with a `filename` column; default:
    /// metadata.tsv or metadata.csv in the corpus folder, if there is one).
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// Worker threads (default: one per core; at most four per core are used).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Commit at least every SECS seconds, so that a run killed midway keeps
    /// what it had done (0: only at the end).
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = parse_secs)]
    pub commit_every: std::time::Duration,
    /// Delete the index and build it again from the corpus (for a damaged index).
    #[arg(long)]
    pub rebuild: bool,
    #[command(flatten)]
    pub reading: Reading,
    /// Say more: every skipped file and why, warnings, when the index is locked.
    #[arg(short, long)]
    pub verbose: bool,
}

/// How `index` and `extract` read articles.
#[derive(Debug, Args)]
pub struct Reading {
    /// Follow symbolic links that lead out of the folders read (by default
    /// they are skipped: what is read can be read back from the output).
    #[arg(long)]
    pub follow: bool,
    /// Read hidden files and folders (names starting with `.`) too.
    #[arg(long)]
    pub hidden: bool,
    /// More outlets and shows: TSV lines `phrase<TAB>outlet` ("Standard<TAB>Der
    /// Standard") or TOML `[outlets] "Der Standard" = ["Standard"]`.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct Filters {
    /// Only quotations by this speaker (repeatable; any spelling or part of the name).
    #[arg(long = "speaker", value_name = "NAME")]
    pub speakers: Vec<String>,
    /// Only quotations said on this outlet (repeatable).
    #[arg(long = "outlet", value_name = "NAME")]
    pub outlets: Vec<String>,
    /// Only articles by this publisher (repeatable; where the article
    /// appeared, not where the words were said).
    #[arg(long = "publisher", value_name = "NAME")]
    pub publishers: Vec<String>,
    /// Only articles dated this day or later: 2024-03-03, or a month
    /// (2024-06) or year (2024) from its first day.
    #[arg(long, value_name = "DATE", value_parser = quarry::dates::parse_since)]
    pub since: Option<time::Date>,
    /// Only articles dated this day or earlier: 2024-03-03, or a month
    /// (2024-06) or year (2024) to its last day.
    #[arg(long, value_name = "DATE", value_parser = quarry::dates::parse_until)]
    pub until: Option<time::Date>,
    /// Speaker aliases for --speaker (TOML or TSV; see README).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Read the query as syntax only, for scripts: plain words must all
    /// match, and syntax that does not parse is an error instead of being
    /// searched as words.
    #[arg(long)]
    pub strict: bool,
}

pub fn parse_counting(text: &str) -> Result<quarry::search::Counting, String> {
    quarry::search::Counting::parse(text)
}

fn parse_secs(text: &str) -> Result<std::time::Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.0..1e9).contains(s))
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| format!("{text:?} is not a number of seconds"))
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: plain words or a question ("what did Rubio say
    /// about sanctions"), or query syntax: "phrases", AND/OR/NOT, -word,
    /// prefix*, field:term.
    #[arg(required_unless_present = "queries")]
    pub query: Option<String>,
    /// Run one query per line of FILE (`-` for stdin) and print one JSON
    /// object per query: plain lines (`QUERY<TAB>--speaker X …`) or JSON
    /// objects (`{"query", "speaker", "outlet", "publisher", "since", "until", "max_hits"}`).
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub filters: Filters,
    /// What to search.
    #[arg(long, value_enum, default_value_t = Kind::All)]
    pub kind: Kind,
    /// How many hits to return.
    #[arg(short = 'n', long = "max-hits", default_value_t = 10)]
    pub max_hits: usize,
    /// Skip this many hits first (for paging).
    #[arg(long = "start-offset", default_value_t = 0)]
    pub start_offset: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Score)]
    pub sort: Sort,
    /// One hit per distinct quotation, with how many articles report it.
    #[arg(long)]
    pub group_quotes: bool,
    /// How far to count matches: exactly up to N, then "at least N" (fast:
    /// a ranked search skips what cannot make the page), or `exact`.
    #[arg(long, value_name = "N|exact", default_value = "10000", value_parser = parse_counting)]
    pub count: quarry::search::Counting,
    /// One JSON object with every hit.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// One JSON object per hit, one per line.
    #[arg(long, conflicts_with = "csv")]
    pub jsonl: bool,
    /// CSV: one row per hit, the columns of `quarry export`.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// When to colour the output (NO_COLOR is honoured with auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Say more: per-query timings with --queries.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// Count only quotations matching this query.
    pub query: Option<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub filters: Filters,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    /// Say more: how long the count took.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders of articles.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// One JSON object per quotation, one per line.
    #[arg(long)]
    pub jsonl: bool,
    /// Speaker aliases (TOML or TSV; see README).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    #[command(flatten)]
    pub reading: Reading,
    /// Say more: warnings about each file (unreadable dates, bad front matter).
    #[arg(short, long)]
    pub verbose: bool,
    /// Replace the cue words learned from PolNeAR train with this table
    /// (the format of src/extract/learned_cues.tsv); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub learned_cues: Option<PathBuf>,
    /// Replace the cue model learned from PolNeAR train with this table
    /// (the format of src/extract/cue_model.tsv); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub cue_model: Option<PathBuf>,
    /// Replace the end model learned from PolNeAR train with this table
    /// (the format of src/extract/ends.tsv); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub ends: Option<PathBuf>,
    /// Replace the verifier learned from PolNeAR train with this table
    /// (the format of src/extract/verifier.tsv); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub verifier: Option<PathBuf>,
    /// Replace the antecedent model learned from PolNeAR train with this
    /// table (the format of src/extract/antecedent.tsv); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub antecedents: Option<PathBuf>,
    /// Replace the description model learned from PolNeAR train with this
    /// table (the format of src/extract/descriptions.tsv); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub descriptions: Option<PathBuf>,
    /// Replace the attribution labeller learned from PolNeAR train with
    /// this one (the format of src/extract/spans.bin); for evaluation.
    #[arg(long, value_name = "FILE", hide = true)]
    pub spans: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// One JSON object per line (for Quickwit, Elasticsearch, jq).
    Ndjson,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export only documents holding every word of this query (default: all).
    pub query: Option<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub filters: Filters,
    /// What to export.
    #[arg(long, value_enum, default_value_t = Kind::All)]
    pub kind: Kind,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Address to listen on. The default answers this machine only; another
    /// address lets anyone who can reach it read the index.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
    /// Also answer to this host name (repeatable). By default only IP
    /// addresses and `localhost` are answered, so that a web page elsewhere
    /// cannot reach the index through a name it controls (DNS rebinding).
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Most connections open at once; more are closed as they come.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=65_536))]
    pub max_connections: u32,
    /// Seconds a client has to send a request's headers, and that an idle
    /// connection stays open.
    #[arg(long, value_name = "SECS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout: u64,
    /// Seconds a client may take to read what it is sent before it is dropped.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub write_timeout: u64,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (index, search, …); none: quarry(1).
    pub command: Option<String>,
    /// Write every page (quarry.1, quarry-index.1, …) into DIR instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}
