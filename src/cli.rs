//! The command line (clap): verbs and flags of `cli.md`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ogilint",
    version,
    about = "Parser and linter for 政府信息公开工作年度报告 (government information disclosure annual reports)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ParseFormat {
    /// The model of `model.md`, one JSON object per file.
    Json,
    /// The model with the place of every value (line, column, bytes, raw text).
    JsonLocations,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// rustc-style diagnostics with the source excerpt.
    Human,
    /// `path:line:column: severity[CODE] message`.
    Concise,
    /// JSON Lines, one object per diagnostic.
    Json,
    /// SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Colour always, also into a file or a pipe.
    Always,
    /// No colour.
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangChoice {
    /// Chinese (简体中文).
    Zh,
    /// English.
    En,
}

/// Flags shared by the verbs that read reports.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// auto, utf-8, gb18030 (gbk), utf-16le, utf-16be.
    #[arg(long, default_value = "auto")]
    pub encoding: String,
    /// The name to report for standard input (`-` as the path).
    #[arg(long)]
    pub stdin_filename: Option<String>,
    /// Files larger than this many bytes are not read (I001).
    #[arg(long, default_value_t = ogilint::walk::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

/// Which rules run, as `check` and `scan` take them.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Only these rules: codes, code prefixes (`A`, `W30`) or names; comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never these rules: codes, prefixes or names; comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this configuration file for every report, instead of the
    /// `ogilint.toml` nearest to each (the command line still wins).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no configuration file at all: the command line and the defaults.
    #[arg(long)]
    pub isolated: bool,
}

impl RuleArgs {
    /// The settings they give, checked like a configuration file's.
    pub fn settings(&self) -> Result<ogilint::rules::Settings, String> {
        let s =
            ogilint::rules::Settings { select: self.select.clone(), ignore: self.ignore.clone(), severity: Vec::new() };
        s.validate().map_err(|e| format!("command line: {e}"))?;
        Ok(s)
    }

    /// Where the configuration of each report comes from.
    pub fn source(&self) -> ogilint::config::Source {
        match (&self.config, self.isolated) {
            (Some(p), _) => ogilint::config::Source::File(p.clone()),
            (None, true) => ogilint::config::Source::Isolated,
            (None, false) => ogilint::config::Source::Discover,
        }
    }

    /// The resolver of every report's settings.
    pub fn resolver(&self) -> Result<ogilint::config::Resolver, String> {
        ogilint::config::Resolver::with_source(self.settings()?, self.source())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint reports (a directory is walked) and print diagnostics.
    Check {
        /// Report files or directories (default: the current directory);
        /// `-` reads standard input.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        #[command(flatten)]
        rules: RuleArgs,
        /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
        /// Colour the output: on a terminal (auto), always or never (NO_COLOR is honoured).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Apply the safe wording fixes in place (atomically, in the file's encoding).
        #[arg(long)]
        fix: bool,
        /// Print the safe wording fixes as a unified diff; change nothing.
        #[arg(long, conflicts_with = "fix")]
        diff: bool,
        /// Exit 0 even when errors are found.
        #[arg(long)]
        exit_zero: bool,
        /// Print the number of diagnostics per rule at the end.
        #[arg(long)]
        statistics: bool,
        /// No closing summary on standard error.
        #[arg(short, long)]
        quiet: bool,
        /// What concise output's columns count: `char` (default), `byte`
        /// (Vim's `%c`), or `utf16`.
        #[arg(long, value_enum, default_value_t = ColumnUnitChoice::Char)]
        column_unit: ColumnUnitChoice,
        /// Do not show the findings this baseline file holds (accepted
        /// earlier with --write-baseline): only new ones are shown.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every finding of this run in FILE, as accepted, and exit 0.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"])]
        write_baseline: Option<PathBuf>,
        /// Print the settings that apply to each file and exit.
        #[arg(long)]
        show_config: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Print the model of reports as JSON (one object per line for several files).
    Parse {
        /// Report files or directories (walked); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        /// Print the text the parser reads instead of the model: the text
        /// extracted from a page, a PDF or a Word file, which line numbers
        /// count in.
        #[arg(long)]
        text: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Lint a whole tree of reports in parallel and stream the diagnostics,
    /// with the rules across reports (A205, A206) and a summary at the end.
    Scan {
        /// Directories (walked; `.gitignore` respected) or files (default:
        /// the current directory).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ScanFormat::Jsonl)]
        format: ScanFormat,
        /// Write the diagnostics to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Worker threads (default: the number of cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Only paths matching these globs (`--glob '*.html'`; `!` excludes).
        #[arg(long)]
        glob: Vec<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
        /// Exit 0 even when errors are found.
        #[arg(long)]
        exit_zero: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// The model of every report as one table: one row per report, one
    /// column per value id (CSV), or the full models (JSON Lines).
    Export {
        /// Directories (walked) or files (default: the current directory).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Worker threads (default: the number of cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Only paths matching these globs (`--glob '*.html'`; `!` excludes).
        #[arg(long)]
        glob: Vec<String>,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Run a Language Server on standard input and output (diagnostics as
    /// you type, quick fixes, hover on table values).
    Lsp {
        /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
    },
    /// Serve a local web page for checking reports in a browser (nothing
    /// leaves the machine; bound to 127.0.0.1 unless --host says otherwise).
    Serve {
        /// Port to listen on (0: any free port, printed on start).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on. Anything but 127.0.0.1/::1 makes the page
        /// reachable from other machines, on purpose.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print the long explanation of a rule.
    Explain {
        /// A code (`A201`) or name (`applicant-total`).
        rule: String,
        /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
    },
    /// Print a shell completion script (`ogilint completions bash >
    /// /etc/bash_completion.d/ogilint`; zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (`ogilint man > ogilint.1; man ./ogilint.1`).
    Man,
    /// Print the table of all rules.
    Rules {
        /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
        /// `table` (one line a rule), `markdown` (the whole reference, both
        /// languages: `docs/rules.md` is this output) or `json` (every rule
        /// with its texts in both languages, for tools).
        #[arg(long, value_enum, default_value = "table")]
        format: RulesFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColumnUnitChoice {
    /// Characters, as a reader counts them.
    Char,
    /// UTF-8 bytes (Vim's `%c`).
    Byte,
    /// UTF-16 code units (the language server protocol's).
    Utf16,
}

impl From<ColumnUnitChoice> for ogilint::render::ColumnUnit {
    fn from(c: ColumnUnitChoice) -> Self {
        match c {
            ColumnUnitChoice::Char => ogilint::render::ColumnUnit::Char,
            ColumnUnitChoice::Byte => ogilint::render::ColumnUnit::Byte,
            ColumnUnitChoice::Utf16 => ogilint::render::ColumnUnit::Utf16,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line a rule: code, name, default severity, fix, summary.
    Table,
    /// The rule reference in Markdown, generated from the registry.
    Markdown,
    /// A JSON array of every rule: code, name, default severity, fixable,
    /// summary and explanation in English and Chinese.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// One JSON object per diagnostic per line (as `check --format json`).
    Jsonl,
    Csv,
    Sarif,
    Github,
    Concise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    /// The full model of each report, one per line.
    Jsonl,
}
