//! `ogilint scan` and `ogilint export`: a whole tree of reports, linted in
//! parallel and streamed. Workers read and lint; one writer thread owns the
//! output, the summary and the progress bar. Per file, only what the summary
//! and the rules across reports need is kept.

use crate::cli::{ExportFormat, ScanFormat};
use indicatif::{ProgressBar, ProgressStyle};
use ogilint::diagnostic::{Code, Diagnostic, Lang, Severity};
use ogilint::engine::{Document, Engine, FileResult, Kind};
use ogilint::render;
use ogilint::rules::across::{self, Facts};
use ogilint::walk::Found;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// What a worker sends for one file.
struct Done {
    name: String,
    /// The file's output in the chosen format (diagnostics or export row).
    text: String,
    codes: Vec<Code>,
    errors: usize,
    bytes: usize,
    kind: Outcome,
    facts: Option<Facts>,
    /// What the file was read as, and the worker's time on it (reading,
    /// linting, formatting): set by `run`.
    source: Source,
    seconds: f64,
}

/// What a file was read as, for the summary's time by kind: a PDF costs
/// far more than a page, a page more than a text.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Source {
    #[default]
    Text,
    Page,
    Pdf,
    Word,
}

impl Source {
    const ALL: [Source; 4] = [Source::Text, Source::Page, Source::Pdf, Source::Word];

    fn of(r: &FileResult) -> Source {
        match r.parsed.layout.as_ref().map(|l| l.kind) {
            Some(ogilint::layout::DocKind::Pdf) => Source::Pdf,
            Some(_) => Source::Word,
            None if r.is_html => Source::Page,
            None => Source::Text,
        }
    }

    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Source::Text, Lang::En) => "text",
            (Source::Text, Lang::Zh) => "文本",
            (Source::Page, Lang::En) => "pages",
            (Source::Page, Lang::Zh) => "网页",
            (Source::Pdf, _) => "PDF",
            (Source::Word, _) => "Word",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Report,
    NotAReport,
    Unreadable,
}

pub struct Job {
    /// Each file's engine, from the `ogilint.toml` nearest to it.
    pub engines: Vec<std::sync::Arc<Engine>>,
    /// The command line's settings, for the rules across reports.
    pub across: std::sync::Arc<Engine>,
    pub files: Vec<Found>,
    /// `--encoding`, as `check` takes it.
    pub encoding: ogilint::decode::EncodingChoice,
    pub jobs: usize,
    pub max_file_size: u64,
    pub lang: Lang,
    pub progress: bool,
}

/// What the summary needs once the run is over.
#[derive(Default)]
pub struct Summary {
    pub files: usize,
    pub reports: usize,
    pub not_reports: usize,
    pub unreadable: usize,
    pub bytes: usize,
    pub per_rule: BTreeMap<Code, usize>,
    pub errors_per_file: Vec<(usize, String)>,
    pub any_error: bool,
    /// Files and worker seconds by what they were read as ([`Source::ALL`]).
    by_source: [(usize, f64); 4],
}

impl Summary {
    fn add(&mut self, d: &Done) {
        self.files += 1;
        self.bytes += d.bytes;
        if let Some(i) = Source::ALL.iter().position(|s| *s == d.source) {
            self.by_source[i].0 += 1;
            self.by_source[i].1 += d.seconds;
        }
        match d.kind {
            Outcome::Report => self.reports += 1,
            Outcome::NotAReport => self.not_reports += 1,
            Outcome::Unreadable => self.unreadable += 1,
        }
        for c in &d.codes {
            *self.per_rule.entry(*c).or_default() += 1;
        }
        if d.errors > 0 {
            self.any_error = true;
            self.errors_per_file.push((d.errors, d.name.clone()));
            // Only the files with the most errors are shown: keep a few.
            if self.errors_per_file.len() > 64 {
                self.errors_per_file.sort_by(|a, b| b.cmp(a));
                self.errors_per_file.truncate(10);
            }
        }
    }

    /// The end summary, for standard error.
    pub fn render(&self, seconds: f64, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(&match lang {
            Lang::En => format!(
                "{} files read, {} annual reports, {} not an annual report (I003), {} unreadable (I001)\n",
                self.files, self.reports, self.not_reports, self.unreadable
            ),
            Lang::Zh => format!(
                "共读取 {} 个文件：年度报告 {} 个，不是年度报告 {} 个（I003），无法读取 {} 个（I001）\n",
                self.files, self.reports, self.not_reports, self.unreadable
            ),
        });
        let mut rules: Vec<_> = self.per_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (code, n) in rules {
            let name = ogilint::rules::meta(*code).name();
            out.push_str(&format!("{n:>8}  {code}  {name}\n"));
        }
        let mut worst = self.errors_per_file.clone();
        worst.sort_by(|a, b| b.cmp(a));
        let errors = if lang == Lang::Zh { "个错误" } else { "errors" };
        for (n, f) in worst.iter().take(10) {
            out.push_str(&format!("  {n:>5} {errors}  {}\n", render::escape(f)));
        }
        let mb = self.bytes as f64 / 1e6;
        let (files_s, s) = if lang == Lang::Zh { ("个文件/秒", "秒") } else { ("files/s", "s") };
        // The workers' time by kind of file, when more than one kind was read.
        let kinds: Vec<String> = Source::ALL
            .iter()
            .zip(self.by_source)
            .filter(|(_, (n, _))| *n > 0)
            .map(|(k, (n, t))| match lang {
                Lang::En => format!("{} {n} in {t:.2} s", k.word(lang)),
                Lang::Zh => format!("{} {n} 个，{t:.2} 秒", k.word(lang)),
            })
            .collect();
        if kinds.len() > 1 {
            out.push_str(&match lang {
                Lang::En => format!("time by kind of file: {}\n", kinds.join(", ")),
                Lang::Zh => format!("按文件类型计时：{}\n", kinds.join("；")),
            });
        }
        out.push_str(&format!(
            "{:.2} {s}, {:.0} {files_s}, {:.1} MB/s\n",
            seconds,
            self.files as f64 / seconds.max(1e-9),
            mb / seconds.max(1e-9)
        ));
        out
    }
}

fn kind_of(path: &Path) -> Kind {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("html" | "htm" | "shtml" | "xhtml")) { Kind::Html } else { Kind::Auto }
}

/// Removes the findings across reports that a file's configuration accepts
/// (by path and rule).
fn hide_suppressed(job: &Job, across: &mut Vec<(String, Diagnostic)>) {
    let by_name: HashMap<String, usize> = job
        .files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f {
            Found::File(p) => Some((ogilint::walk::name_of(p), i)),
            _ => None,
        })
        .collect();
    across.retain(|(file, d)| {
        let Some(&i) = by_name.get(file) else { return true };
        let (Found::File(path), Some(engine)) = (&job.files[i], job.engines.get(i)) else { return true };
        !engine.suppressions().hides_across(path, d.code, job.across.selection())
    });
}

fn lint_one(job: &Job, i: usize, found: &Found) -> FileResult {
    let engine = job.engines.get(i).unwrap_or(&job.across);
    let (path, bytes) = match found {
        Found::File(p) => (p, ogilint::walk::read_limited(p, job.max_file_size)),
        Found::Skipped(p, why) => (p, Err(why.clone())),
        Found::Passed(p) => (p, Err(ogilint::walk::Unreadable::NotReportByName)),
    };
    let name = ogilint::walk::name_of(path);
    match bytes {
        Ok(b) => engine.lint(&Document {
            kind: kind_of(path),
            encoding: job.encoding,
            path: Some(path),
            ..Document::new(&name, &b)
        }),
        Err(why) => engine.unreadable(&name, &why),
    }
}

fn outcome(r: &FileResult) -> Outcome {
    if r.diagnostics.iter().any(|d| d.code == Code::I001) {
        Outcome::Unreadable
    } else if r.diagnostics.iter().any(|d| d.code == Code::I003) {
        Outcome::NotAReport
    } else {
        Outcome::Report
    }
}

/// Lints the job's files on its workers and hands each outcome to `sink` in
/// the order of the files (the walk's, sorted), whichever worker finishes
/// first: the output of two runs is the same, line for line. Outcomes that
/// arrive early wait (as rendered text) for the ones before them.
fn run(job: &Job, each: impl Fn(FileResult) -> Done + Sync, sink: impl FnMut(Done) + Send) {
    let next = AtomicUsize::new(0);
    // The outcomes are written by whichever worker finishes the one due
    // (under a lock held only to write): no thread sleeps waiting for them,
    // to be woken once a file (that hand-off and its context switches took
    // 3-4 % of a scan). A file whose reading panicked leaves a gap that is
    // passed over, so the others are all written; the panic is raised again
    // at the end (exit 101), as before.
    struct Order<S> {
        waiting: std::collections::BTreeMap<usize, Option<Done>>,
        due: usize,
        sink: S,
        panic: Option<Box<dyn std::any::Any + Send>>,
    }
    let order = std::sync::Mutex::new(Order { waiting: std::collections::BTreeMap::new(), due: 0, sink, panic: None });
    std::thread::scope(|scope| {
        for _ in 0..job.jobs.max(1) {
            let (next, each, order) = (&next, &each, &order);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(found) = job.files.get(i) else { break };
                    let started = Instant::now();
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let result = lint_one(job, i, found);
                        let source = Source::of(&result);
                        let mut done = each(result);
                        done.source = source;
                        done.seconds = started.elapsed().as_secs_f64();
                        done
                    }));
                    // The lock is poisoned only by a panic while writing:
                    // then nothing more can be written in order.
                    let Ok(mut order) = order.lock() else { break };
                    let Order { waiting, due, sink, panic } = &mut *order;
                    match outcome {
                        Ok(done) => waiting.insert(i, Some(done)),
                        Err(payload) => {
                            panic.get_or_insert(payload);
                            waiting.insert(i, None)
                        }
                    };
                    while let Some(done) = waiting.remove(due) {
                        if let Some(done) = done {
                            sink(done);
                        }
                        *due += 1;
                    }
                }
            });
        }
    });
    if let Some(payload) = order.into_inner().ok().and_then(|o| o.panic) {
        std::panic::resume_unwind(payload);
    }
}

fn progress_bar(job: &Job) -> Option<ProgressBar> {
    if !job.progress {
        return None;
    }
    let bar = ProgressBar::new(job.files.len() as u64);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files · {msg} · {per_sec} · ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Formats a file's diagnostics for the stream.
fn format_diagnostics(r: &FileResult, format: ScanFormat, lang: Lang) -> String {
    let file = r.file_report();
    match format {
        ScanFormat::Jsonl => render::json::render(&file, lang),
        ScanFormat::Concise => render::concise(&file, lang),
        ScanFormat::Github => render::github::render(&file, lang),
        ScanFormat::Csv => csv_rows(
            r.diagnostics.iter().map(|d| {
                let (line, col) = d.primary_span().map_or((1, 1), |s| r.lines.line_col(s.start));
                (r.name.as_str(), line, col, d)
            }),
            lang,
        ),
        ScanFormat::Sarif => render::sarif::results_of(&file, lang),
    }
}

const CSV_HEADER: &[&str] = &["file", "line", "column", "severity", "code", "name", "message"];

/// A text cell of a CSV a spreadsheet will open: one that starts as a
/// formula would (`=`, `+`, `-`, `@`, a tab or CR) gets a leading `'`, so that
/// an agency name or file name taken from a page is never run as a formula.
fn neutral(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn csv_rows<'a>(rows: impl Iterator<Item = (&'a str, usize, usize, &'a Diagnostic)>, lang: Lang) -> String {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for (file, line, col, d) in rows {
        let _ = w.write_record([
            &*neutral(file),
            &line.to_string(),
            &col.to_string(),
            d.severity.as_str(),
            d.code.as_str(),
            d.name,
            &*neutral(d.message.get(lang)),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `ogilint scan`: the diagnostics of every file, then those across reports,
/// streamed to `out`; the summary is returned.
pub fn scan(job: &Job, format: ScanFormat, out: &mut (dyn Write + Send)) -> Summary {
    let started = Instant::now();
    let bar = progress_bar(job);
    let mut summary = Summary::default();
    let mut facts: Vec<Facts> = Vec::new();
    // SARIF is streamed: its head now, each file's results as it is done.
    let mut sarif = (format == ScanFormat::Sarif).then(|| render::sarif::Stream::start(job.lang));
    if format == ScanFormat::Csv {
        let _ = writeln!(out, "{}", CSV_HEADER.join(","));
    }
    let each = |r: FileResult| Done {
        name: r.name.clone(),
        text: format_diagnostics(&r, format, job.lang),
        codes: r.diagnostics.iter().map(|d| d.code).collect(),
        errors: r.diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
        bytes: r.parsed.text.len(),
        kind: outcome(&r),
        facts: r.facts(),
        source: Source::Text,
        seconds: 0.0,
    };
    run(job, each, |done| {
        match sarif.as_mut() {
            Some(log) => {
                log.push(&done.text);
                let _ = out.write_all(log.take().as_bytes());
            }
            None => {
                let _ = out.write_all(done.text.as_bytes());
            }
        }
        summary.add(&done);
        if let Some(f) = &done.facts {
            facts.push(f.clone());
        }
        if let Some(b) = &bar {
            b.inc(1);
            b.set_message(format!("{} reports, {} with errors", summary.reports, summary.errors_per_file.len()));
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Rules across reports, once every file is read; each finding hidden
    // where the file's configuration accepts it (by path and rule).
    let mut across = across::check(&facts, job.across.selection());
    if job.engines.iter().any(|e| !e.suppressions().is_empty()) {
        hide_suppressed(job, &mut across);
    }
    let positions: HashMap<&str, &Facts> = facts.iter().map(|f| (f.file.as_str(), f)).collect();
    for (file, d) in &across {
        *summary.per_rule.entry(d.code).or_default() += 1;
        summary.any_error |= d.severity == Severity::Error;
        let fact = positions.get(file.as_str()).and_then(|f| f.fact_of(d));
        let (line, col) = fact.map_or((1, 1), |f| (f.line, f.column));
        let text = match format {
            ScanFormat::Jsonl => render::json::line(&render::json::across_record(file, fact, d, job.lang)),
            ScanFormat::Csv => csv_rows(std::iter::once((file.as_str(), line, col, d)), job.lang),
            ScanFormat::Github => render::github::line(file, line, col, d, job.lang),
            ScanFormat::Concise | ScanFormat::Sarif => render::concise_line(file, line, col, d, job.lang),
        };
        if format != ScanFormat::Sarif {
            let _ = out.write_all(text.as_bytes());
        }
    }
    if let Some(mut log) = sarif {
        // The results across reports go in the same log, at their facts.
        let positions: Vec<(usize, usize)> = across
            .iter()
            .map(|(file, d)| {
                positions.get(file.as_str()).and_then(|f| f.fact_of(d)).map_or((1, 1), |f| (f.line, f.column))
            })
            .collect();
        let extra: Vec<render::sarif::Across> = across
            .iter()
            .zip(&positions)
            .map(|((file, d), &(line, column))| render::sarif::Across { file, line, column, diagnostic: d })
            .collect();
        log.push(&render::sarif::across_results(&extra, job.lang));
        let _ = out.write_all(log.finish().as_bytes());
    }
    let _ = out.flush();
    eprint!("{}", summary.render(started.elapsed().as_secs_f64(), job.lang));
    summary
}

/// `ogilint export`: one row per report (CSV), or the full model per line
/// (JSON Lines). Files that are no annual report are left out.
pub fn export(job: &Job, format: ExportFormat, out: &mut (dyn Write + Send)) -> Summary {
    let started = Instant::now();
    let ids = ogilint::template::value_ids();
    if format == ExportFormat::Csv {
        let mut header = vec!["file", "agency", "year", "format", "encoding"];
        header.extend(ids.iter().map(String::as_str));
        header.push("errors");
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&header);
        let _ = out.write_all(&w.into_inner().unwrap_or_default());
    }
    let ids = &ids;
    let each = |r: FileResult| {
        let kind = outcome(&r);
        let errors = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let text = if kind != Outcome::Report {
            String::new()
        } else if format == ExportFormat::Jsonl {
            format!("{}\n", r.report().to_json(Some(&r.name), &r.lines))
        } else {
            let cells: HashMap<String, String> = r
                .report()
                .cells()
                .filter_map(|(id, c)| match c.value {
                    ogilint::model::Value::Int(i) => Some((id, i.to_string())),
                    ogilint::model::Value::Decimal(x) => Some((id, x.to_string())),
                    _ => None,
                })
                .collect();
            let rep = r.report();
            let mut row = vec![
                neutral(&r.name).into_owned(),
                neutral(rep.agency.as_deref().unwrap_or_default()).into_owned(),
                rep.year.map(|y| y.to_string()).unwrap_or_default(),
                rep.format.map(|f| f.as_str().to_string()).unwrap_or_default(),
                rep.encoding.name().to_string(),
            ];
            row.extend(ids.iter().map(|id| cells.get(id).cloned().unwrap_or_default()));
            row.push(errors.to_string());
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            let _ = w.write_record(&row);
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        };
        Done {
            name: r.name.clone(),
            text,
            codes: Vec::new(),
            errors,
            bytes: r.parsed.text.len(),
            kind,
            facts: None,
            source: Source::Text,
            seconds: 0.0,
        }
    };
    let mut summary = Summary::default();
    let bar = progress_bar(job);
    run(job, each, |done| {
        let _ = out.write_all(done.text.as_bytes());
        summary.add(&done);
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let _ = out.flush();
    eprint!("{}", summary.render(started.elapsed().as_secs_f64(), job.lang));
    summary
}

/// Where the output goes: a file (created anew) or standard output.
pub fn output(path: Option<&PathBuf>) -> Result<Box<dyn Write + Send>, String> {
    match path {
        // `-o -`: standard output, as the convention goes.
        Some(p) if p.as_os_str() != "-" => std::fs::File::create(p)
            .map(|f| Box::new(std::io::BufWriter::new(f)) as Box<dyn Write + Send>)
            .map_err(|e| format!("{}: {e}", p.display())),
        _ => Ok(Box::new(std::io::BufWriter::new(std::io::stdout()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose reading panics leaves the others written, in order, and
    /// the panic is raised again once they are (fails if the writer waits
    /// for the lost file forever, or stops at it).
    #[test]
    fn a_panic_on_one_file_leaves_the_others_written_in_order() {
        let name = |i: usize| format!("f{i:02}.bin");
        let job = Job {
            engines: Vec::new(),
            across: std::sync::Arc::new(Engine::default()),
            files: (0..40).map(|i| Found::Passed(PathBuf::from(name(i)))).collect(),
            encoding: ogilint::decode::EncodingChoice::Auto,
            jobs: 3,
            max_file_size: 1 << 20,
            lang: Lang::En,
            progress: false,
        };
        let each = |r: FileResult| {
            assert!(r.name != name(7), "a rule panicked");
            Done {
                name: r.name.clone(),
                text: String::new(),
                codes: Vec::new(),
                errors: 0,
                bytes: 0,
                kind: Outcome::Unreadable,
                facts: None,
                source: Source::Text,
                seconds: 0.0,
            }
        };
        let mut written = Vec::new();
        let raised =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&job, each, |d| written.push(d.name))));
        assert!(raised.is_err(), "the panic is raised again");
        let expected: Vec<String> = (0..40).filter(|&i| i != 7).map(name).collect();
        assert_eq!(written, expected);
    }
}
