//! JSON Lines, after rustc's `--error-format=json` (the shape of `cli.md`),
//! from typed records serialised straight into the output buffer.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Lang};
use crate::layout::Place;
use serde::Serialize;

/// The version of the records' shape ([`crate::JSON_VERSION`]).
pub(crate) const VERSION: u32 = crate::JSON_VERSION;

/// One diagnostic, one line of the output.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// `VERSION`.
    pub version: u32,
    pub file: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub spans: Vec<SpanRecord<'a>>,
    pub notes: Vec<&'a str>,
    pub help: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixRecord<'a>>,
}

/// Where a diagnostic points: lines and columns (1-based, characters) and
/// bytes in the text shown, and for PDF and Word input the page and box or
/// the table cell.
#[derive(Debug, Serialize)]
pub struct SpanRecord<'a> {
    pub line_start: usize,
    pub column_start: usize,
    pub line_end: usize,
    pub column_end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub primary: bool,
    pub label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<&'a Place>,
}

/// The text that replaces a span, for the safe wording fixes.
#[derive(Debug, Serialize)]
pub struct FixRecord<'a> {
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: &'a str,
}

/// The record of one diagnostic of a file.
pub fn record<'a>(file: &'a FileReport, d: &'a Diagnostic, lang: Lang) -> Record<'a> {
    let spans = d
        .labels
        .iter()
        .map(|l| {
            let (line_start, column_start) = file.lines.line_col(l.span.start);
            let (line_end, column_end) = file.lines.line_col(l.span.end);
            SpanRecord {
                line_start,
                column_start,
                line_end,
                column_end,
                byte_start: l.span.start,
                byte_end: l.span.end,
                primary: l.primary,
                label: l.message.get(lang),
                place: l.place.as_ref(),
            }
        })
        .collect();
    of(file.name, d, spans, lang)
}

/// A diagnostic's record with its spans as placed.
fn of<'a>(file: &'a str, d: &'a Diagnostic, spans: Vec<SpanRecord<'a>>, lang: Lang) -> Record<'a> {
    Record {
        version: VERSION,
        file,
        code: d.code.as_str(),
        name: d.name,
        severity: d.severity.as_str(),
        message: d.message.get(lang),
        spans,
        notes: d.notes.iter().map(|n| n.get(lang)).collect(),
        help: d.help.iter().map(|n| n.get(lang)).collect(),
        fix: d.fix.as_ref().map(|f| FixRecord {
            byte_start: f.span.start,
            byte_end: f.span.end,
            replacement: &f.replacement,
        }),
    }
}

/// The record of a result across reports (A205, A206, P502, P503): its file,
/// and the fact it is about (its line and columns; the file's start when it
/// points at no cell).
pub fn across_record<'a>(
    file: &'a str,
    fact: Option<&crate::rules::across::Fact>,
    d: &'a Diagnostic,
    lang: Lang,
) -> Record<'a> {
    let span = d.primary_span().unwrap_or(crate::model::Span::new(0, 0));
    let (line, column, column_end) = fact.map_or((1, 1, 1), |f| (f.line, f.column, f.column_end));
    let spans = vec![SpanRecord {
        line_start: line,
        column_start: column,
        line_end: line,
        column_end,
        byte_start: span.start,
        byte_end: span.end,
        primary: true,
        label: d.labels.first().map_or("", |l| l.message.get(lang)),
        place: None,
    }];
    of(file, d, spans, lang)
}

/// A record as one line of JSON.
pub fn line(record: &Record) -> String {
    // Serialising borrowed strings and numbers cannot fail.
    let mut out = serde_json::to_string(record).unwrap_or_default();
    out.push('\n');
    out
}

/// One JSON object per diagnostic, one per line.
pub fn render(file: &FileReport, lang: Lang) -> String {
    let mut out = Vec::with_capacity(file.diagnostics.len() * 512);
    for d in file.diagnostics {
        // Serialising borrowed strings and numbers cannot fail.
        if serde_json::to_writer(&mut out, &record(file, d, lang)).is_ok() {
            out.push(b'\n');
        }
    }
    String::from_utf8(out).unwrap_or_default()
}
