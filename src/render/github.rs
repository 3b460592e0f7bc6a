//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.

use super::FileReport;
use crate::diagnostic::{Lang, Severity};

fn escape_data(s: &str) -> String {
    super::escape(&s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned()
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(file: &FileReport, lang: Lang) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let (line, col) = d.primary_span().map_or((1, 1), |s| file.lines.line_col(s.start));
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{level} file={},line={line},col={col},title={}::{}\n",
            escape_property(file.name),
            escape_property(&format!("{} {}", d.code, d.name)),
            escape_data(d.message.get(lang))
        ));
    }
    out
}
