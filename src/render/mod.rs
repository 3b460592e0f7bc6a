//! Stage 6: render diagnostics. One module per output format; all of them
//! read the same [`crate::diagnostic::Diagnostic`] data.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Lang};
use crate::source::LineIndex;

/// One file's diagnostics with what is needed to place them.
pub struct FileReport<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
}

/// `path:line:column: severity[CODE] message`, one line per diagnostic.
pub fn concise(file: &FileReport, lang: Lang) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let (line, col) = d.primary_span().map_or((1, 1), |s| file.lines.line_col(s.start));
        out.push_str(&format!(
            "{}:{line}:{col}: {}[{}] {}\n",
            file.name,
            d.severity.as_str(),
            d.code,
            d.message.get(lang).replace('\n', " ")
        ));
    }
    out
}
