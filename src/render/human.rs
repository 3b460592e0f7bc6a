//! rustc-style output through codespan-reporting. A Chinese paragraph is
//! often one 2 kB line (and a crawled report one 10 kB line), so each
//! diagnostic is shown on an excerpt: its lines, cut to a window around the
//! labels, with the real line and column numbers.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;
use std::ops::Range;

/// Lines longer than this (in characters) are cut around the labels.
const MAX_LINE: usize = 120;
/// Characters kept on each side of the labels in a cut line.
const CONTEXT: usize = 24;

/// The excerpt of a file shown for one diagnostic.
struct Excerpt<'a> {
    name: std::borrow::Cow<'a, str>,
    text: String,
    /// Per excerpt line: its range in `text`, its real line number, the real
    /// column of its first character, and the source offset it starts at.
    lines: Vec<(Range<usize>, usize, usize, usize, usize)>,
}

impl Excerpt<'_> {
    /// The excerpt offset of a source offset, if it is shown.
    fn map(&self, offset: usize) -> Option<usize> {
        self.lines.iter().find_map(|(range, _, _, src_start, prefix)| {
            let len = range.end - range.start - prefix;
            (offset >= *src_start && offset <= src_start + len).then(|| range.start + prefix + (offset - src_start))
        })
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(self.name.as_ref())
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.lines.iter().position(|l| byte_index <= l.0.end).unwrap_or(self.lines.len().saturating_sub(1)))
    }

    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, FilesError> {
        self.lines
            .get(line_index)
            .map(|l| l.1)
            .ok_or(FilesError::LineTooLarge { given: line_index, max: self.lines.len() })
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let l =
            self.lines.get(line_index).ok_or(FilesError::LineTooLarge { given: line_index, max: self.lines.len() })?;
        // The range includes the line break, as codespan expects.
        Ok(l.0.start..(l.0.end + 1).min(self.text.len()))
    }

    fn column_number(&'a self, _: (), line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let l =
            self.lines.get(line_index).ok_or(FilesError::LineTooLarge { given: line_index, max: self.lines.len() })?;
        let from = (l.0.start + l.4).min(byte_index);
        Ok(l.2 + self.text.get(from..byte_index).map_or(0, |s| s.chars().count()))
    }
}

/// `text[from..to]`, or nothing where that is no slice of it.
fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

/// The smallest character boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn excerpt<'a>(file: &FileReport<'a>, d: &Diagnostic) -> Excerpt<'a> {
    // Label ranges per line; on a long line, labels far apart are shown in
    // separate windows of the same line.
    let mut segments: Vec<(usize, usize, usize)> = Vec::new(); // (line, start, end)
    for l in &d.labels {
        let (line, _) = file.lines.line_col(l.span.start);
        let (ls, le) = file.lines.line_range(line);
        // Snapped to character boundaries: a wrong span shows a wrong
        // window, never a panic.
        let start = crate::floor_boundary(file.text, l.span.start.clamp(ls, le));
        let end = ceil_boundary(file.text, l.span.end.clamp(ls, le)).max(start);
        segments.push((line, start, end));
    }
    segments.sort();
    let mut merged: Vec<(usize, usize, usize)> = Vec::new();
    for (line, s, e) in segments {
        let (ls, le) = file.lines.line_range(line);
        let short = slice(file.text, ls, le).chars().count() <= MAX_LINE;
        match merged.last_mut() {
            Some(m) if m.0 == line && (short || slice(file.text, m.2.min(s), s).chars().count() <= 2 * CONTEXT) => {
                m.1 = m.1.min(s);
                m.2 = m.2.max(e);
            }
            _ => merged.push((line, s, e)),
        }
    }
    let mut text = String::new();
    let mut lines = Vec::new();
    for (line, s, e) in merged {
        let (ls, le) = file.lines.line_range(line);
        let full = slice(file.text, ls, le);
        let (ws, we) = if full.chars().count() <= MAX_LINE {
            (ls, le)
        } else {
            let before = slice(file.text, ls, s).char_indices().rev().nth(CONTEXT).map_or(ls, |(i, _)| ls + i);
            let after = slice(file.text, e, le).char_indices().nth(CONTEXT).map_or(le, |(i, _)| e + i);
            (before, after)
        };
        let prefix = if ws > ls { "…" } else { "" };
        let start = text.len();
        text.push_str(prefix);
        text.push_str(&super::mask(slice(file.text, ws, we)));
        if we < le {
            text.push('…');
        }
        let col = file.lines.line_col(ws).1;
        lines.push((start..text.len(), line, col, ws, prefix.len()));
        text.push('\n');
    }
    Excerpt { name: super::escape(&file.name.replace('\n', "\\n")).into_owned().into(), text, lines }
}

/// The severity word codespan writes in a header.
fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// Renders one file's diagnostics, rustc style.
pub fn render(file: &FileReport, lang: Lang, color: bool) -> String {
    let config = term::Config::default();
    let mut out = Vec::new();
    for d in file.diagnostics {
        let ex = excerpt(file, d);
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let labels = d
            .labels
            .iter()
            .filter_map(|l| {
                let s = ex.map(l.span.start)?;
                let e = ex.map(l.span.end).filter(|e| *e >= s).unwrap_or(s);
                let style = if l.primary { cs::LabelStyle::Primary } else { cs::LabelStyle::Secondary };
                Some(cs::Label::new(style, (), s..e).with_message(super::escape(l.message.get(lang))))
            })
            .collect();
        let (note, help) = match lang {
            Lang::En => ("note", "help"),
            Lang::Zh => ("说明", "建议"),
        };
        let mut notes: Vec<String> =
            d.notes.iter().map(|n| format!("{note}: {}", super::escape(n.get(lang)))).collect();
        notes.extend(d.help.iter().map(|h| format!("{help}: {}", super::escape(h.get(lang)))));
        if let Some(fix) = &d.fix {
            let fix_word = if lang == Lang::Zh { "可自动修正为" } else { "fix: replace with" };
            notes.push(format!("{fix_word} `{}`", fix.replacement));
        }
        // A finding about the whole file (I001–I003) has no place to show:
        // it names its file, as every other diagnostic does through its
        // excerpt.
        if d.labels.is_empty() {
            let file_word = if lang == Lang::Zh { "文件" } else { "file" };
            notes.insert(0, format!("{file_word}: {}", super::escape(&file.name.replace('\n', "\\n"))));
        }
        let diag = cs::Diagnostic::new(severity)
            .with_code(d.code)
            .with_message(super::escape(d.message.get(lang)))
            .with_labels(labels)
            .with_notes(notes);
        let mut buf = if color { term::termcolor::Buffer::ansi() } else { term::termcolor::Buffer::no_color() };
        let _ = term::emit_to_write_style(&mut buf, &config, &ex, &diag);
        let emitted = buf.as_slice();
        // codespan writes the severity in English; a clerk reading Chinese
        // gets it in Chinese (the first occurrence is the header's).
        let word = severity_word(d.severity);
        match (lang, std::str::from_utf8(emitted).ok().and_then(|t| t.find(word).map(|i| (t, i)))) {
            (Lang::Zh, Some((t, i))) => {
                out.extend_from_slice(&t.as_bytes()[..i]);
                out.extend_from_slice(severity_zh(d.severity).as_bytes());
                out.extend_from_slice(&t.as_bytes()[i + word.len()..]);
            }
            _ => out.extend_from_slice(emitted),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
