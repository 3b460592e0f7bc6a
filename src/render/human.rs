//! rustc-style output through codespan-reporting.

use crate::diagnostic::{Diagnostic, Severity};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// Renders diagnostics for one file into a string (no colour).
pub fn render(name: &str, text: &str, diags: &[Diagnostic]) -> String {
    let file = SimpleFile::new(name, text);
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let labels = d
            .labels
            .iter()
            .map(|l| {
                let style = if l.primary { cs::LabelStyle::Primary } else { cs::LabelStyle::Secondary };
                cs::Label::new(style, (), l.span.start..l.span.end).with_message(&l.message)
            })
            .collect();
        let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
        notes.extend(d.help.iter().map(|h| format!("help: {h}")));
        let diag = cs::Diagnostic::new(severity)
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        let mut buf = term::termcolor::Buffer::no_color();
        let _ = term::emit_to_write_style(&mut buf, &config, &file, &diag);
        out.push_str(&String::from_utf8_lossy(buf.as_slice()));
    }
    out
}
