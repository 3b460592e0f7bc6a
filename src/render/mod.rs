//! Stage 6: render diagnostics. One module per output format; all of them
//! read the same [`crate::diagnostic::Diagnostic`] data.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Lang};
use crate::source::LineIndex;

/// Whether a character must not reach a terminal as it is: C0 controls
/// other than tab and line feed, DEL, C1 controls, and the bidirectional
/// overrides and isolates that reorder what a reader sees.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from the input (messages, labels, names) made safe for a terminal:
/// each unsafe character is shown as its escape (`\u{1b}`).
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars().map(|c| if is_unsafe(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect(),
    )
}

/// Source text shown in an excerpt: unsafe characters replaced by a mark of
/// the same byte length, so that every offset into the excerpt still holds.
pub(crate) fn mask(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match (is_unsafe(c), c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '?',
                (true, 2) => '¿',
                (true, _) => '\u{FFFD}',
            })
            .collect(),
    )
}

/// One file's diagnostics with what is needed to place them.
pub struct FileReport<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
}

/// What a column number counts, for tools that read concise output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnUnit {
    /// Characters (Unicode scalar values), as a reader counts them.
    #[default]
    Char,
    /// Bytes of UTF-8, as Vim's `%c` and many editors' errorformats count.
    Byte,
    /// UTF-16 code units, as the language server protocol counts.
    Utf16,
}

/// `path:line:column: severity[CODE] message`, one line per diagnostic.
pub fn concise(file: &FileReport, lang: Lang) -> String {
    concise_with(file, lang, ColumnUnit::Char)
}

/// `concise`, with columns counted in `unit` (1-based in every unit).
pub fn concise_with(file: &FileReport, lang: Lang, unit: ColumnUnit) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let (line, col) = d.primary_span().map_or((1, 1), |s| {
            let p = file.lines.position(s.start);
            match unit {
                ColumnUnit::Char => (p.line, p.column),
                ColumnUnit::Byte => (p.line, p.byte + 1),
                ColumnUnit::Utf16 => (p.line, p.utf16 + 1),
            }
        });
        out.push_str(&concise_line(file.name, line, col, d, lang));
    }
    out
}

/// One concise line: a diagnostic at `line` and `col` of `file` (a file's
/// own or one of the results across reports). `[*]`: a safe fix exists
/// (`--fix`), as ruff marks it.
pub fn concise_line(file: &str, line: usize, col: usize, d: &crate::diagnostic::Diagnostic, lang: Lang) -> String {
    format!(
        "{}:{line}:{col}: {}[{}] {}{}\n",
        escape(&file.replace('\n', "\\n")),
        d.severity.word(lang),
        d.code,
        if d.fix.is_some() { "[*] " } else { "" },
        escape(&d.message.get(lang).replace('\n', " "))
    )
}
