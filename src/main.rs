//! The `ogilint` binary: parse arguments, run, map the outcome to an exit code
//! (0: no error-level diagnostic; 1: at least one; 2: could not run as asked).

// mimalloc (v2): the scan allocates and frees many small vectors per
// report, and glibc's malloc took a fifth of its CPU (docs/speed.md). Without
// transparent huge pages (`no_thp`): zeroing them took a tenth of a page's
// time. Peak RSS 45 MB on the crawl bench (29 MB with glibc; v3 and its
// eagerly committed arenas held 103 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod scan;
mod serve;

use clap::Parser;
use cli::{CheckFormat, Cli, ColorChoice, Command, InputArgs, LangChoice, ParseFormat};
use ogilint::decode::EncodingChoice;
use ogilint::diagnostic::{Lang, Severity};
use ogilint::engine::{Document, Engine, Kind};
use ogilint::render;
use ogilint::rules::{self, Settings};
use ogilint::walk::{Found, Unreadable};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Endings that mark a page as HTML (others are sniffed from the content).
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "xhtml"];

/// What a file is: HTML by its ending, else sniffed.
fn kind_for(path: &Path) -> Kind {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if ext.as_deref().is_some_and(|e| HTML_EXTENSIONS.contains(&e)) { Kind::Html } else { Kind::Auto }
}

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

fn lang(choice: Option<LangChoice>) -> Lang {
    let explicit = choice.map(|c| if c == LangChoice::Zh { "zh" } else { "en" });
    Lang::from_env(explicit, |k| std::env::var(k).ok())
}

fn encoding(input: &InputArgs) -> Result<EncodingChoice, String> {
    EncodingChoice::from_name(&input.encoding)
        .ok_or_else(|| format!("unknown encoding `{}` (auto, utf-8, gb18030, utf-16le, utf-16be)", input.encoding))
}

/// Expands directories into the report files below them (see
/// [`ogilint::walk`]). A path that does not exist is an error (exit 2); any
/// other problem is reported for its path and the run goes on.
fn collect(paths: &[PathBuf], lang: Lang) -> Result<Vec<Found>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Found::File(p.clone()));
            continue;
        }
        match ogilint::walk::check_given(p) {
            Ok(()) if p.is_dir() => {
                let before = out.len();
                ogilint::walk::walk(p, |f| out.push(f));
                warn_if_empty(p, &out[before..], lang);
            }
            Ok(()) => out.push(Found::File(p.clone())),
            Err(why @ Unreadable::Missing) => return Err(path_error(p, &why, lang)),
            Err(why) => out.push(Found::Skipped(p.clone(), why)),
        }
    }
    if let Some(note) = ogilint::walk::passed_note(&out, lang) {
        eprintln!("{note}");
    }
    out.retain(|f| !matches!(f, Found::Passed(_)));
    Ok(out)
}

/// The `[[suppress]]` entries that selected files of this run and hid
/// nothing, on standard error.
fn warn_unused_suppressions(resolver: &ogilint::config::Resolver, lang: Lang, across_ran: bool) {
    for line in resolver.unused_suppressions(lang, across_ran) {
        match lang {
            Lang::Zh => eprintln!("ogilint：警告：{line}"),
            Lang::En => eprintln!("ogilint: warning: {line}"),
        }
    }
}

/// A path given on the command line that stops the run (exit 2), in the
/// user's language.
fn path_error(p: &Path, why: &Unreadable, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}：{}", ogilint::walk::name_of(p), why.zh()),
        Lang::En => format!("{}: {why}", p.display()),
    }
}

/// A folder given on the command line that holds no report file is said,
/// never passed in silence.
fn warn_if_empty(dir: &Path, found: &[Found], lang: Lang) {
    if !found.iter().any(|f| matches!(f, Found::File(_))) {
        let dir = ogilint::walk::name_of(dir);
        match lang {
            Lang::Zh => eprintln!("ogilint：警告：{dir} 中没有报告文件（.txt、.md、.html、.pdf、.docx、.doc 等）"),
            Lang::En => {
                eprintln!("ogilint: warning: {dir} holds no report file (.txt, .md, .html, .pdf, .docx, .doc…)")
            }
        }
    }
}

/// The files of a bulk run: every path walked (globs applied), sorted.
/// Keeps a run's output out of its inputs: an output file named as an input
/// is refused before it is created (it would be emptied before it is read);
/// one inside a folder being read is passed over (the last run's output is
/// not linted by the next).
fn keep_output_apart(files: &mut Vec<Found>, paths: &[PathBuf], output: Option<&PathBuf>) -> Result<(), String> {
    let Some(out) = output.filter(|o| o.as_os_str() != "-") else { return Ok(()) };
    if paths.iter().any(|p| ogilint::walk::same_file(p, out)) {
        return Err(format!(
            "{}: the output file is also an input; the run would empty it before reading it (choose another -o)",
            out.display()
        ));
    }
    // Only a file of the output's name can be it: the others are not
    // looked at again (a scan of 50,000 files stats none of them here).
    let name = out.file_name();
    files.retain(|f| match f {
        Found::File(p) | Found::Skipped(p, _) | Found::Passed(p) => {
            p.file_name() != name || !ogilint::walk::same_file(p, out)
        }
    });
    Ok(())
}

fn bulk_job(
    resolver: &mut ogilint::config::Resolver,
    paths: &[PathBuf],
    globs: &[String],
    jobs: Option<usize>,
    input: &InputArgs,
    lang: Lang,
    output: Option<&PathBuf>,
) -> Result<scan::Job, String> {
    let mut files = Vec::new();
    for p in paths {
        match ogilint::walk::check_given(p) {
            Ok(()) if p.is_dir() => {
                let before = files.len();
                ogilint::walk::walk_filtered(p, globs, |f| files.push(f));
                warn_if_empty(p, &files[before..], lang);
            }
            Ok(()) => files.push(Found::File(p.clone())),
            Err(why @ Unreadable::Missing) => return Err(path_error(p, &why, lang)),
            Err(why) => files.push(Found::Skipped(p.clone(), why)),
        }
    }
    keep_output_apart(&mut files, paths, output)?;
    if let Some(note) = ogilint::walk::passed_note(&files, lang) {
        eprintln!("{note}");
    }
    files.retain(|f| !matches!(f, Found::Passed(_)));
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let progress = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let encoding = encoding(input)?;
    // Each file with the settings of the `ogilint.toml` nearest to it.
    let engines = files
        .iter()
        .map(|f| match f {
            Found::File(p) | Found::Skipped(p, _) | Found::Passed(p) => resolver.engine_for(p),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(scan::Job {
        engines,
        across: resolver.cli_engine()?,
        files,
        encoding,
        jobs: jobs.unwrap_or(cores),
        max_file_size: input.max_file_size,
        lang,
        progress,
    })
}

/// Reads a file (or standard input for `-`) once, within the size limit.
fn read(path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().take(max + 1).read_to_end(&mut buf).map_err(|e| Unreadable::io(&e))?;
        if buf.len() as u64 > max {
            return Err(Unreadable::TooLarge { size: None, limit: max });
        }
        return Ok(buf);
    }
    ogilint::walk::read_limited(path, max)
}

/// The bytes of a path found, or why it cannot be linted.
fn load(found: &Found, max: u64) -> (PathBuf, Result<Vec<u8>, Unreadable>) {
    match found {
        Found::File(p) => (p.clone(), read(p, max)),
        Found::Skipped(p, why) => (p.clone(), Err(why.clone())),
        Found::Passed(p) => (p.clone(), Err(Unreadable::NotReportByName)),
    }
}

/// The most times a fixed text is linted and fixed again.
const FIX_PASSES: usize = 4;

fn display_name(path: &Path, input: &InputArgs) -> String {
    if path.as_os_str() == "-" {
        input.stdin_filename.clone().unwrap_or_else(|| "<stdin>".into())
    } else {
        ogilint::walk::name_of(path)
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    // The language server and the bulk commands write standard output from
    // their own threads: no lock is held for them.
    let command = match cli.command {
        Command::Lsp { lang: l } => {
            // The protocol's exit codes: 0 after `shutdown`, 1 otherwise.
            return Ok(match ogilint::lsp::run(lang(l))? {
                ogilint::lsp::Ended::Clean => ExitCode::SUCCESS,
                ogilint::lsp::Ended::Abrupt => ExitCode::from(1),
            });
        }
        other => other,
    };
    // Standard output is not held locked: `scan` and `export` write from
    // their workers.
    let mut out = Checked::new(std::io::stdout());
    let result = match command {
        Command::Parse { paths, format, pretty, text, input } => {
            let encoding = encoding(&input)?;
            let engine = Engine::default();
            let lang = lang(None);
            let mut any_error = false;
            for found in collect(&paths, lang)? {
                let (path, bytes) = load(&found, input.max_file_size);
                let name = display_name(&path, &input);
                let result = match bytes {
                    Ok(bytes) => engine.parse(&Document {
                        name: &name,
                        bytes: &bytes,
                        kind: kind_for(&path),
                        encoding,
                        path: None,
                    }),
                    Err(why) => engine.unreadable(&name, &why),
                };
                if text {
                    // The text that line numbers count in (extracted, for a
                    // page, a PDF or a Word file).
                    let _ = out.write_all(result.parsed.text.as_bytes());
                    if !result.parsed.text.ends_with('\n') {
                        let _ = writeln!(out);
                    }
                    continue;
                }
                let mut json = result.report().to_json(Some(&name), &result.lines);
                if format == ParseFormat::JsonLocations {
                    json["locations"] = result.locations_json();
                }
                let text = if pretty { serde_json::to_string_pretty(&json) } else { serde_json::to_string(&json) }
                    .map_err(|e| e.to_string())?;
                let _ = writeln!(out, "{text}");
                any_error |= result.has_errors();
                eprint!("{}", render::concise(&result.file_report(), lang));
            }
            Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Scan { paths, format, output, jobs, glob, rules: rule_args, lang: l, exit_zero, input } => {
            let mut resolver = rule_args.resolver()?;
            let job = bulk_job(&mut resolver, &paths, &glob, jobs, &input, lang(l), output.as_ref())?;
            let mut sink = Checked::new(scan::output(output.as_ref())?);
            let summary = scan::scan(&job, format, &mut sink);
            sink.finish()?;
            warn_unused_suppressions(&resolver, job.lang, true);
            Ok(if summary.any_error && !exit_zero { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Export { paths, output, format, jobs, glob, input } => {
            let mut resolver = ogilint::config::Resolver::new(Settings::default());
            let job = bulk_job(&mut resolver, &paths, &glob, jobs, &input, lang(None), output.as_ref())?;
            let mut sink = Checked::new(scan::output(output.as_ref())?);
            scan::export(&job, format, &mut sink);
            sink.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lsp { .. } => Ok(ExitCode::SUCCESS),
        Command::Explain { rule, lang: l } => {
            let r = rules::by_code_or_name(&rule).ok_or_else(|| format!("no rule `{rule}` (see `ogilint rules`)"))?;
            let lang = lang(l);
            let m = &r.meta;
            let off = if lang == Lang::Zh { "默认关闭" } else { "off" };
            let default = m.default().map_or(off, |s| s.word(lang));
            let (open, close, fix) = match (m.fixable, lang) {
                (false, Lang::Zh) => ("（", "）", ""),
                (false, Lang::En) => ("(", ")", ""),
                (true, Lang::Zh) => ("（", "）", "，可用 --fix 自动修复"),
                (true, Lang::En) => ("(", ")", ", fixable with --fix"),
            };
            let _ = writeln!(
                out,
                "{} {} {open}{default}{fix}{close}\n{}\n\n{}",
                m.code,
                m.name(),
                rules::summary(m, lang),
                rules::explain(m, lang)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { port, host, rules: rule_args } => {
            // The page has no files to discover from: --config's file, if
            // given, under the command line's rules.
            let engine = match rule_args.source() {
                ogilint::config::Source::File(p) => {
                    Engine::new(ogilint::config::merge(ogilint::config::load(&p)?, &rule_args.settings()?))?
                }
                _ => Engine::new(rule_args.settings()?)?,
            };
            serve::run(serve::Options { host, port, engine })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            // Made in memory, then written (a closed pipe is no panic).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "ogilint", &mut script);
            let _ = out.write_all(&script);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page).map_err(|e| e.to_string())?;
            let _ = out.write_all(&page);
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { lang: _, format: cli::RulesFormat::Json } => {
            let _ = writeln!(out, "{}", rules::reference_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { lang: _, format: cli::RulesFormat::Markdown } => {
            let _ = write!(out, "{}", rules::reference_markdown());
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { lang: l, format: cli::RulesFormat::Table } => {
            let lang = lang(l);
            // Chinese words are two columns wide: their columns are padded
            // by display width, not by characters.
            let (head, off, yes) = match lang {
                Lang::Zh => (["代码", "名称", "默认", "修复", "说明"], "关闭", "可"),
                Lang::En => (["code", "name", "default", "fix", "summary"], "off", "yes"),
            };
            let pad = |s: &str, width: usize| {
                let w: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
                format!("{s}{}", " ".repeat(width.saturating_sub(w)))
            };
            let _ = writeln!(
                out,
                "{} {} {} {} {}",
                pad(head[0], 6),
                pad(head[1], 28),
                pad(head[2], 8),
                pad(head[3], 4),
                head[4]
            );
            for r in rules::RULES {
                let m = &r.meta;
                let _ = writeln!(
                    out,
                    "{} {} {} {} {}",
                    pad(m.code.as_str(), 6),
                    pad(m.name(), 28),
                    pad(m.default().map_or(off, |s| s.word(lang)), 8),
                    pad(if m.fixable { yes } else { "" }, 4),
                    rules::summary(m, lang)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            paths,
            format,
            rules: rule_args,
            lang: l,
            color,
            fix,
            diff,
            exit_zero,
            statistics,
            quiet,
            column_unit,
            baseline,
            write_baseline,
            show_config,
            input,
        } => {
            let accepted = baseline.as_deref().map(ogilint::baseline::Baseline::read).transpose()?;
            let mut recording = write_baseline.as_ref().map(|_| ogilint::baseline::Baseline::default());
            let mut hidden = 0usize;
            if fix && paths.iter().any(|p| p.as_os_str() == "-") {
                return Err("--fix cannot write back to standard input; use --diff to see the fixes".into());
            }
            let mut resolver = rule_args.resolver()?;
            let encoding = encoding(&input)?;
            let lang = lang(l);
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let files = collect(&paths, lang)?;
            // Each file with the `ogilint.toml` nearest to it (standard input
            // with the one nearest to --stdin-filename), read once; or the
            // one --config names, or none with --isolated.
            let mut any_error = false;
            let mut counts: std::collections::BTreeMap<ogilint::diagnostic::Code, usize> = Default::default();
            // SARIF is streamed: its head first, each file's results as it is done.
            let mut sarif =
                (format == CheckFormat::Sarif && !show_config && !diff).then(|| render::sarif::Stream::start(lang));
            let mut tally = Tally::default();
            let mut would_change = false;
            // A fix that could not be written is a failure (exit 2).
            let mut fix_failed = false;
            for found in files {
                let path = match &found {
                    Found::File(p) | Found::Skipped(p, _) | Found::Passed(p) => p.clone(),
                };
                let discovered = match (&input.stdin_filename, path.as_os_str() == "-") {
                    (Some(name), true) => PathBuf::from(name),
                    _ => path.clone(),
                };
                let config_path = resolver.config_for(&discovered);
                let engine = resolver.engine_for(&discovered)?;
                let name = display_name(&path, &input);
                if show_config {
                    let from = config_path.as_ref().map_or("(none)".to_string(), |p| p.display().to_string());
                    let _ = writeln!(out, "{name}: configuration {from}");
                    for r in rules::RULES {
                        let sev = engine.selection().severity(r.meta.code).map_or("off", Severity::as_str);
                        let _ = writeln!(out, "  {} {:<28} {sev}", r.meta.code, r.meta.name());
                    }
                    continue;
                }
                // A file to fix is held (locked) from before it is read
                // until its fixed content replaces it.
                let held = match (&found, fix) {
                    (Found::File(p), true) if p.as_os_str() != "-" => Some(ogilint::fix::Held::take(p)),
                    _ => None,
                };
                let (_, bytes) = load(&found, input.max_file_size);
                let mut result = match &bytes {
                    Ok(bytes) => engine.lint(&Document {
                        name: &name,
                        bytes,
                        kind: kind_for(&path),
                        encoding,
                        path: Some(&discovered),
                    }),
                    Err(why) => engine.unreadable(&name, why),
                };
                let bytes = bytes.unwrap_or_default();
                // The bytes written by --fix, when it wrote.
                let mut rewritten: Option<Vec<u8>> = None;
                if fix || diff {
                    let text = &result.parsed.text;
                    let (mut fixed, mut n) = ogilint::fix::apply(text, &result.diagnostics);
                    // A fix can make room for another (`现行有效 (`): the
                    // fixed text is linted and fixed again, to its fixed
                    // point, so that one run leaves nothing to fix.
                    for _ in 0..FIX_PASSES {
                        if n == 0 || kind_for(&path) == Kind::Html {
                            break;
                        }
                        let again = engine.lint(&Document {
                            name: &name,
                            bytes: fixed.as_bytes(),
                            kind: Kind::Text,
                            encoding: EncodingChoice::Utf8,
                            path: Some(&discovered),
                        });
                        let (more, m) = ogilint::fix::apply(&again.parsed.text, &again.diagnostics);
                        if m == 0 || more == fixed {
                            break;
                        }
                        fixed = more;
                        n += m;
                    }
                    if n > 0 && diff {
                        would_change = true;
                        let patch = ogilint::fix::diff(&name, text, &fixed);
                        // On a terminal, the report's control characters are
                        // shown escaped; into a file or a pipe, the patch is exact.
                        let patch =
                            if std::io::stdout().is_terminal() { render::escape(&patch).into_owned() } else { patch };
                        let _ = out.write_all(patch.as_bytes());
                    }
                    if n > 0 && fix {
                        if result.lossy > 0 {
                            eprintln!("ogilint: {name}: {}", ogilint::fix::WriteError::Lossy(result.lossy));
                            fix_failed = true;
                        } else {
                            let written = match held {
                                Some(Ok(held)) => ogilint::fix::encode(&fixed, result.encoding, result.bom)
                                    .and_then(|new| ogilint::fix::write_atomic(&held, &bytes, &new).map(|()| new)),
                                Some(Err(e)) => Err(e),
                                None => Err(ogilint::fix::WriteError::Refused("it is no file".into())),
                            };
                            match written {
                                Ok(new) => {
                                    eprintln!("ogilint: {name}: {n} fix(es) applied");
                                    tally.fixed += n;
                                    rewritten = Some(new);
                                }
                                Err(e) => {
                                    eprintln!("ogilint: {name}: {e}");
                                    fix_failed = true;
                                }
                            }
                        }
                    }
                }
                // After --fix, what is left to deal with is said, as the
                // file now reads (not the findings just fixed).
                if let Some(new) = &rewritten {
                    result = engine.lint(&Document {
                        name: &name,
                        bytes: new,
                        kind: kind_for(&path),
                        encoding,
                        path: Some(&discovered),
                    });
                }
                // Findings accepted in a baseline are not shown, nor counted.
                if let Some(b) = &accepted {
                    hidden += b.filter(&mut result);
                }
                if let Some(b) = recording.as_mut() {
                    b.record(&result);
                    tally.files += 1;
                    continue;
                }
                any_error |= result.has_errors();
                for d in &result.diagnostics {
                    *counts.entry(d.code).or_default() += 1;
                    match d.severity {
                        Severity::Error => tally.errors += 1,
                        Severity::Warning => tally.warnings += 1,
                        Severity::Info => tally.infos += 1,
                    }
                    tally.fixable += usize::from(d.fix.is_some());
                }
                tally.files += 1;
                tally.with_findings += usize::from(!result.diagnostics.is_empty());
                if diff {
                    continue;
                }
                let report = result.file_report();
                let text = match format {
                    CheckFormat::Human => render::human::render(&report, lang, color),
                    CheckFormat::Concise => render::concise_with(&report, lang, column_unit.into()),
                    CheckFormat::Json => render::json::render(&report, lang),
                    CheckFormat::Github => render::github::render(&report, lang),
                    CheckFormat::Sarif => match sarif.as_mut() {
                        Some(log) => {
                            log.push(&render::sarif::results_of(&report, lang));
                            log.take()
                        }
                        None => String::new(),
                    },
                };
                let _ = out.write_all(text.as_bytes());
            }
            if let Some(log) = sarif {
                let _ = out.write_all(log.finish().as_bytes());
            }
            if let (Some(b), Some(path)) = (&recording, &write_baseline) {
                std::fs::write(path, b.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
                if !quiet {
                    eprintln!(
                        "ogilint: {} finding(s) of {} file(s) recorded in {} as accepted",
                        b.len(),
                        tally.files,
                        path.display()
                    );
                }
                return Ok(ExitCode::SUCCESS);
            }
            if hidden > 0 && !quiet {
                match lang {
                    Lang::Zh => eprintln!("ogilint：基线中已接受的 {hidden} 个问题未显示"),
                    Lang::En => eprintln!("ogilint: {hidden} finding(s) accepted in the baseline not shown"),
                }
            }
            if statistics {
                for (code, n) in &counts {
                    let name = rules::meta(*code).name();
                    eprintln!("{n:>6}  {code}  {name}");
                }
            }
            if !quiet && !show_config && matches!(format, CheckFormat::Human | CheckFormat::Concise) {
                eprintln!("{}", tally.render(lang, fix));
            }
            // Suppressions that hid nothing in the files they selected are
            // said, as ruff says an unused `noqa`: a warning, whatever -q.
            warn_unused_suppressions(&resolver, lang, false);
            // `--diff` with fixes pending is a failure, as ruff's is.
            Ok(if fix_failed {
                ExitCode::from(2)
            } else if (any_error || would_change) && !exit_zero {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    };
    // Output that could not be written (a full disk, a closed pipe) is a
    // failure, never a silent exit 0.
    out.finish()?;
    result
}

/// A writer that remembers its first error, so that a run whose output
/// could not be written ends with exit 2 and a message.
struct Checked<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Checked<W> {
    fn new(inner: W) -> Self {
        Checked { inner, error: None }
    }

    /// Flushes; the first error of the whole run, if any.
    fn finish(&mut self) -> Result<(), String> {
        if let Err(e) = self.inner.flush()
            && self.error.is_none()
        {
            self.error = Some(e);
        }
        match self.error.take() {
            // A reader that closed the pipe (`| head`) has what it wanted.
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Some(e) => Err(format!("cannot write the output: {e}")),
            None => Ok(()),
        }
    }
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_some() {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => Ok(n),
            Err(e) => {
                self.error = Some(e);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a `check` found in all, for its closing line.
#[derive(Default)]
struct Tally {
    files: usize,
    with_findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
    /// Fixes --fix applied.
    fixed: usize,
}

impl Tally {
    fn render(&self, lang: Lang, fixed: bool) -> String {
        let Tally { files, with_findings, errors, warnings, infos, fixable, fixed: applied } = *self;
        let mut said = match lang {
            Lang::Zh if errors + warnings + infos == 0 => format!("没有发现问题（共检查 {files} 个文件）"),
            Lang::Zh => {
                let mut s = format!(
                    "发现 {errors} 个错误、{warnings} 个警告、{infos} 个提示，涉及 {with_findings} 个文件（共 {files} 个）"
                );
                if fixable > 0 && !fixed {
                    s.push_str(&format!("；其中 {fixable} 个可用 --fix 自动修复"));
                }
                s
            }
            Lang::En if errors + warnings + infos == 0 => format!("No problems found in {files} file(s)"),
            Lang::En => {
                let mut s = format!(
                    "Found {errors} error(s), {warnings} warning(s) and {infos} info(s) in {with_findings} of {files} file(s)"
                );
                if fixable > 0 && !fixed {
                    s.push_str(&format!("; {fixable} fixable with `--fix`"));
                }
                s
            }
        };
        if applied > 0 {
            said.push_str(&match lang {
                Lang::Zh => format!("；已修复 {applied} 处"),
                Lang::En => format!("; {applied} fixed"),
            });
        }
        said
    }
}
