//! The command line (clap): verbs and flags of `cli.md`.

use clap::{Parser, Subcommand, ValueEnum};
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
    Human,
    Concise,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the model of reports as JSON (one object per line for several files).
    Parse {
        /// Report files or directories (walked).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
        /// auto, utf-8, gb18030 (gbk), utf-16le, utf-16be.
        #[arg(long, default_value = "auto")]
        encoding: String,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Lint reports and print diagnostics.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        #[arg(long, default_value = "auto")]
        encoding: String,
    },
}
