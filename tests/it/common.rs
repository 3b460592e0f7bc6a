//! Helpers shared by the integration tests.
#![allow(dead_code)]

use ogilint::Parsed;
use ogilint::decode::EncodingChoice;
use ogilint::diagnostic::Diagnostic;
pub use ogilint::engine::Kind;
use ogilint::engine::{Document, Engine};
use ogilint::rules::Settings;
use std::path::{Path, PathBuf};

/// The parse of a document through the engine (the library's one door), no
/// rule run.
pub fn parse_bytes(bytes: &[u8], kind: Kind) -> Parsed {
    parse_with(bytes, kind, EncodingChoice::Auto)
}

/// [`parse_bytes`] in a forced encoding.
pub fn parse_with(bytes: &[u8], kind: Kind, encoding: EncodingChoice) -> Parsed {
    Engine::default().read(&Document { kind, encoding, ..Document::new("test", bytes) })
}

/// The parse of a text.
pub fn parse_str(text: &str) -> Parsed {
    parse_bytes(text.as_bytes(), Kind::Text)
}

/// A document linted with `settings`: its parse, and the diagnostics in the
/// parse's coordinates.
pub fn lint_bytes(bytes: &[u8], kind: Kind, settings: &Settings) -> (Parsed, Vec<Diagnostic>) {
    let engine = Engine::new(settings.clone()).expect("valid settings");
    let result = engine.lint(&Document { kind, ..Document::new("test", bytes) });
    let diagnostics = result.in_text().to_vec();
    (result.parsed, diagnostics)
}

/// The rules on a parse, with `settings`.
pub fn check(parsed: &Parsed, settings: &Settings) -> Vec<Diagnostic> {
    Engine::new(settings.clone()).expect("valid settings").check(parsed)
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary under test, with a fixed locale (English messages) and `CI`
/// set (no progress bar).
pub fn ogilint() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_ogilint"));
    c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C").env("CI", "1");
    c
}

/// A fresh temporary folder for one test (`ogilint-GROUP-PID-NAME`),
/// removed when the test ends, passed or failed.
pub fn temp_dir(group: &str, name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("ogilint-{group}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    TempDir(d)
}

/// A test's temporary folder: a path, removed with what it holds on drop.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads a file of the bundled corpus.
pub fn corpus(path: &str) -> Vec<u8> {
    std::fs::read(root().join("corpus").join(path)).unwrap_or_else(|e| panic!("corpus/{path}: {e}"))
}

/// The model of a report as pretty JSON, without the file name.
pub fn model_json(parsed: &ogilint::Parsed) -> serde_json::Value {
    parsed.report.to_json(None, &parsed.lines)
}

/// A readable account of a parse: the model, where every value is, and the
/// diagnostics, for snapshots that are checked by hand against the source.
pub fn describe(name: &str, parsed: &ogilint::Parsed) -> String {
    let mut out = serde_json::to_string_pretty(&model_json(parsed)).unwrap_or_default();
    out.push_str("\n\n# where each value is (line:column `as written`, * = recovered from glued digits)\n");
    for (id, cell) in parsed.report.cells() {
        let (line, col) = parsed.lines.line_col(cell.span.start);
        let mark = if cell.recovered { " *" } else { "" };
        out.push_str(&format!("{id} @ {line}:{col} `{}`{mark}\n", cell.raw));
    }
    out.push_str("\n# diagnostics\n");
    for d in &parsed.diagnostics {
        let (line, col) = d.primary_span().map_or((0, 0), |s| parsed.lines.line_col(s.start));
        out.push_str(&format!("{name}:{line}:{col}: {}[{}] {}\n", d.severity.as_str(), d.code, d.message.en));
        for n in &d.notes {
            out.push_str(&format!("    note: {}\n", n.en));
        }
    }
    out
}

/// Every report file below a corpus folder.
pub fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("corpus").join(dir))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name != "SOURCES.md"
            && name != "README.md"
            && [".txt", ".md", ".html", ".pdf", ".docx", ".doc"].iter().any(|e| name.ends_with(e))
    });
    files.sort();
    // A test over an empty set proves nothing: a missing folder fails.
    assert!(!files.is_empty(), "corpus/{dir} holds no report file");
    files
}

pub fn file_stem(p: &Path) -> String {
    p.file_stem().and_then(|s| s.to_str()).unwrap_or("file").to_string()
}

/// Like [`describe`], with places in what the user sees (the page for HTML).
pub fn describe_display(name: &str, parsed: &ogilint::Parsed) -> String {
    let (_, lines) = parsed.display();
    let report = parsed.display_report();
    let mut out = serde_json::to_string_pretty(&report.to_json(None, lines)).unwrap_or_default();
    out.push_str("\n\n# where each value is in the page (line:column `as written`)\n");
    for (id, cell) in report.cells() {
        let (line, col) = lines.line_col(cell.span.start);
        out.push_str(&format!("{id} @ {line}:{col} `{}`\n", cell.raw));
    }
    out.push_str("\n# diagnostics\n");
    for d in parsed.display_diagnostics(parsed.diagnostics.clone()) {
        let (line, col) = d.primary_span().map_or((0, 0), |s| lines.line_col(s.start));
        out.push_str(&format!("{name}:{line}:{col}: {}[{}] {}\n", d.severity.as_str(), d.code, d.message.en));
    }
    out
}

/// Rewrites every tab-separated line of a report with `row`, keeping the
/// other lines: the seed in another table layout.
#[allow(dead_code)]
pub fn relayout(text: &str, mut row: impl FnMut(&[&str]) -> String) -> String {
    text.lines()
        .map(|l| if l.contains('\t') { row(&l.split('\t').collect::<Vec<_>>()) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A tab-separated report in every table layout real reports come in: one
/// cell per line, `|`-terminated cells with blank lines, lone `|` lines,
/// markdown, PDF text (spaces), glued digits (no separator), and full-width
/// digits with CRLF.
#[allow(dead_code)]
pub fn layouts(text: &str) -> Vec<(&'static str, String)> {
    let trimmed = |cells: &[&str]| cells.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>();
    let filled =
        |cells: &[&str]| cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).map(String::from).collect::<Vec<_>>();
    let mut first = true;
    vec![
        ("one cell per line", relayout(text, |c| trimmed(c).join("\n"))),
        (
            "terminated pipes",
            relayout(text, |c| filled(c).iter().map(|c| format!("{c} |")).collect::<Vec<_>>().join("\n\n")),
        ),
        ("lone pipe lines", relayout(text, |c| filled(c).join("\n|\n"))),
        (
            "markdown",
            relayout(text, |c| {
                let row = format!("| {} |", trimmed(c).join(" | "));
                if std::mem::take(&mut first) { format!("{row}\n|{}", "---|".repeat(c.len())) } else { row }
            }),
        ),
        ("pdf text", relayout(text, |c| filled(c).join(" "))),
        ("glued", text.replace('\t', "")),
        (
            "full-width digits, CRLF",
            text.chars()
                .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
                .collect::<String>()
                .replace('\n', "\r\n"),
        ),
    ]
}
