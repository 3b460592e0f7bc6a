//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Lang, Severity};

fn escape_data(s: &str) -> String {
    super::escape(&s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned()
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command: a diagnostic at `line` and `col` of `file` (a
/// file's own or one of the results across reports).
pub fn line(file: &str, line: usize, col: usize, d: &Diagnostic, lang: Lang) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    format!(
        "::{level} file={},line={line},col={col},title={}::{}\n",
        escape_property(file),
        escape_property(&format!("{} {}", d.code, d.name)),
        escape_data(d.message.get(lang))
    )
}

/// The workflow commands of a file's diagnostics.
pub fn render(file: &FileReport, lang: Lang) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let (l, col) = d.primary_span().map_or((1, 1), |s| file.lines.line_col(s.start));
        out.push_str(&line(file.name, l, col, d, lang));
    }
    out
}
