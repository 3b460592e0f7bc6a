//! The `ogilint` binary: parse arguments, run, map the outcome to an exit code
//! (0: no error-level diagnostic; 1: at least one; 2: could not run as asked).

mod cli;

use clap::Parser;
use cli::{CheckFormat, Cli, Command, ParseFormat};
use ogilint::decode::EncodingChoice;
use ogilint::diagnostic::Severity;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// File endings taken when a directory is walked.
const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("ogilint: {msg}");
            ExitCode::from(2)
        }
    }
}

fn encoding(name: &str) -> Result<EncodingChoice, String> {
    EncodingChoice::from_name(name)
        .ok_or_else(|| format!("unknown encoding `{name}` (auto, utf-8, gb18030, utf-16le, utf-16be)"))
}

/// Expands directories into the report files below them, sorted.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            && !p.file_name().is_some_and(|n| n == "README.md" || n == "SOURCES.md")
        {
            out.push(p);
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Parse { paths, format, encoding: enc, pretty } => {
            let options = ogilint::Options { encoding: encoding(&enc)? };
            let mut any_error = false;
            for path in collect(&paths)? {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let parsed = ogilint::parse_bytes(&bytes, options);
                let name = path.display().to_string();
                let mut json = parsed.report.to_json(Some(&name), &parsed.lines);
                if format == ParseFormat::JsonLocations {
                    json["locations"] = parsed.report.locations_json(&parsed.lines);
                }
                let text = if pretty { serde_json::to_string_pretty(&json) } else { serde_json::to_string(&json) }
                    .map_err(|e| e.to_string())?;
                let _ = writeln!(out, "{text}");
                for d in &parsed.diagnostics {
                    any_error |= d.severity == Severity::Error;
                    let (line, col) = d.primary_span().map_or((1, 1), |s| parsed.lines.line_col(s.start));
                    eprintln!("{name}:{line}:{col}: {}[{}] {}", d.severity.as_str(), d.code, d.message);
                }
            }
            Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Check { paths, format, encoding: enc } => {
            let options = ogilint::Options { encoding: encoding(&enc)? };
            let mut any_error = false;
            for path in collect(&paths)? {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let parsed = ogilint::parse_bytes(&bytes, options);
                let name = path.display().to_string();
                any_error |= parsed.diagnostics.iter().any(|d| d.severity == Severity::Error);
                let text = match format {
                    CheckFormat::Human => ogilint::render::human::render(&name, &parsed.text, &parsed.diagnostics),
                    CheckFormat::Concise => parsed
                        .diagnostics
                        .iter()
                        .map(|d| {
                            let (line, col) = d.primary_span().map_or((1, 1), |s| parsed.lines.line_col(s.start));
                            format!("{name}:{line}:{col}: {}[{}] {}\n", d.severity.as_str(), d.code, d.message)
                        })
                        .collect(),
                };
                let _ = out.write_all(text.as_bytes());
            }
            Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}
