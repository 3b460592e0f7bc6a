//! ogilint: a parser and linter for China's government information
//! disclosure annual reports (政府信息公开工作年度报告).
//!
//! The pipeline, one module per stage:
//! [`decode`] → [`normalize`] → `parse` (pest + nom) → [`model`] → rules → render.
//!
//! Front ends call [`engine::Engine::lint`]: a document's bytes in, its model
//! and diagnostics out, in the document's own coordinates.
//!
//! The library works on bytes or text in memory, holds no global state and
//! shares nothing mutable between files, so callers may lint files in parallel.

pub mod baseline;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub(crate) mod doc;
pub(crate) mod docx;
pub mod engine;
pub mod fix;
pub(crate) mod html;
pub mod layout;
pub(crate) mod layout_text;
pub mod lsp;
pub mod model;
pub mod normalize;
pub(crate) mod parse;
pub(crate) mod pdf;
pub mod render;
pub mod rules;
pub mod source;
pub(crate) mod suppress;
pub mod template;
pub mod walk;

use crate::diagnostic::Code;
use decode::EncodingChoice;
use diagnostic::{Diagnostic, Msg};
use model::{Report, Span};
use source::LineIndex;
use std::sync::Arc;

/// Options for reading one input.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    pub encoding: EncodingChoice,
    /// `Some(true)`: the input is HTML; `Some(false)`: text; `None`: sniff.
    pub html: Option<bool>,
}

/// The HTML source of a page and where the parsed text came from in it.
#[derive(Debug, Clone)]
pub struct HtmlSource {
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub extracted: html::Extracted,
    /// The text's tables were re-read by the position of their columns
    /// (`pdftotext -layout` text), not from a page's cells.
    pub by_position: bool,
}

/// The version of the shape of ogilint's JSON output (the `version` field of
/// every diagnostic record and every report object; `docs/json.md` and the
/// schemas in `docs/schema/`): raised when a field is removed or changes
/// meaning, not when one is added.
pub const JSON_VERSION: u32 = 1;

/// Inputs larger than this are refused (I001): offsets are 32-bit.
pub(crate) const MAX_INPUT: usize = 256 * 1024 * 1024;

/// The outcome of reading one report: its text, model and the diagnostics of
/// the input and parsing stages.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The decoded text, which every span points into.
    pub text: Arc<str>,
    pub lines: LineIndex,
    /// The normalised text, with its map back to `text`.
    pub norm: normalize::Normalized,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    /// Malformed byte sequences replaced while decoding.
    pub lossy: usize,
    /// The input began with a byte-order mark (kept when a fix writes it back).
    pub bom: bool,
    /// For HTML input: the page itself. `text` is then the text extracted
    /// from it, and spans are shown in the page through [`Parsed::display`].
    pub html: Option<HtmlSource>,
    /// For PDF and Word input: where each piece of `text` (the extracted
    /// text, which spans point into) stands in the document.
    pub layout: Option<layout::Layout>,
}

impl Parsed {
    /// Whether the tables were pieced together from where words stand on a
    /// printed page (a PDF, `pdftotext -layout` text) rather than read from
    /// cells: a header wrapped over lines then runs into its neighbours
    /// (`结果结果`, `其他审结`), and only values and row labels are sure.
    pub(crate) fn placed_by_position(&self) -> bool {
        self.layout.as_ref().is_some_and(|l| l.kind == layout::DocKind::Pdf)
            || self.html.as_ref().is_some_and(|h| h.by_position)
    }

    /// The text diagnostics are shown against, and its line index: the page
    /// for HTML input, else the decoded text.
    pub fn display(&self) -> (&Arc<str>, &LineIndex) {
        match &self.html {
            Some(h) => (&h.text, &h.lines),
            None => (&self.text, &self.lines),
        }
    }

    /// A span of `text` as a span of what [`Parsed::display`] shows: both
    /// ends on character boundaries of the shown text.
    pub(crate) fn display_span(&self, span: Span) -> Span {
        match &self.html {
            Some(h) => {
                let s = h.extracted.source_offset(floor_boundary(&self.text, span.start));
                let s = floor_boundary(&h.text, s);
                if span.end <= span.start {
                    return Span::new(s, s);
                }
                // The end: one past the last character of the span, mapped
                // from that character's first byte.
                let last = floor_boundary(&self.text, span.end.saturating_sub(1).max(span.start));
                let e = floor_boundary(&h.text, h.extracted.source_offset(last));
                let len = h.text.get(e..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
                Span::new(s, (e + len).max(s))
            }
            None => span,
        }
    }

    /// Diagnostics with their spans in what [`Parsed::display`] shows. Fixes
    /// are dropped for HTML input: a page is not rewritten.
    pub fn display_diagnostics(&self, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if let Some(layout) = &self.layout {
            // A PDF or Word file is not rewritten; each diagnostic says where
            // its text stands in the document.
            for d in &mut diags {
                d.fix = None;
                for l in &mut d.labels {
                    l.place = layout.place(l.span.start, l.span.end);
                }
                if let Some(place) = d.primary_span().and_then(|s| layout.place(s.start, s.end)) {
                    d.notes.insert(
                        0,
                        Msg::new(
                            format!("in the {}: {}", layout.kind.name(), place.describe(false)),
                            format!("位于 {} 文件{}", layout.kind.name(), place.describe(true)),
                        ),
                    );
                }
            }
        } else if self.html.is_some() {
            for d in &mut diags {
                for l in &mut d.labels {
                    l.span = self.display_span(l.span);
                }
                d.fix = None;
            }
        }
        diags
    }

    /// The model with its spans and line numbers in what [`Parsed::display`] shows.
    pub fn display_report(&self) -> Report {
        let mut r = self.report.clone();
        if self.html.is_some() {
            let (_, lines) = self.display();
            r.map_spans(&|s| self.display_span(s));
            for s in r.sections.iter_mut().chain(r.section_duplicates.iter_mut()) {
                s.line = lines.line_col(s.span.start).0;
            }
        }
        r
    }
}

/// Reads a report from bytes: text, or an HTML page (by `options.html`, or
/// sniffed from the content).
pub(crate) fn parse_bytes(bytes: &[u8], options: Options) -> Parsed {
    if bytes.len() <= MAX_INPUT
        && let Some(parsed) = parse_document_file(bytes)
    {
        return parsed;
    }
    let is_html = options.html.unwrap_or_else(|| html::looks_like_html(bytes));
    if is_html && bytes.len() <= MAX_INPUT && binary_signature(bytes).is_none() {
        return parse_html(bytes, options);
    }
    parse_text_bytes(bytes, options)
}

/// Reads a PDF or Word file (known by its first bytes); `None` for other input.
fn parse_document_file(bytes: &[u8]) -> Option<Parsed> {
    let head = &bytes[..bytes.len().min(1024)];
    let (text, layout, mut diags) = if memchr::memmem::find(head, b"%PDF-").is_some() {
        let read = match guarded(|| pdf::extract(bytes)) {
            Ok(r) => r,
            Err(why) => return Some(unreadable(why)),
        };
        let mut diags = Vec::new();
        if read.unmapped > 0 {
            let n = read.unmapped;
            diags.push(Diagnostic::new(
                Code::I002,
                Msg::new(
                    format!("{n} character(s) of the PDF have no Unicode meaning (a font without a ToUnicode map): they read as replacement or private-use characters"),
                    format!("PDF 中有 {n} 个字符没有对应的 Unicode（字体缺少 ToUnicode 映射），读出为替换字符"),
                ),
            ));
        }
        for (page, why) in &read.bad_pages {
            diags.push(Diagnostic::new(
                Code::I002,
                Msg::new(
                    format!("page {page} of the PDF cannot be read ({why}): its text is missing"),
                    format!("PDF 第 {page} 页无法读取（{why}），缺少该页文字"),
                ),
            ));
        }
        if let Some(n) = read.pages_beyond {
            let max = pdf::MAX_PAGES;
            diags.push(Diagnostic::new(
                Code::I002,
                Msg::new(
                    format!("the PDF has {n} pages: only the first {max} were read"),
                    format!("该 PDF 有 {n} 页，只读取了前 {max} 页"),
                ),
            ));
        }
        (read.text, read.layout, diags)
    } else if bytes.starts_with(b"PK\x03\x04") {
        match docx::extract(bytes) {
            Ok((text, layout)) => (text, layout, Vec::new()),
            Err(docx::NotWord::Other(why) | docx::NotWord::Broken(why)) => return Some(unreadable(why)),
        }
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        match guarded(|| doc::extract(bytes)) {
            Ok((text, layout)) => (text, layout, Vec::new()),
            Err(why) => return Some(unreadable(why)),
        }
    } else {
        return None;
    };
    let kind = layout.kind;
    let mut parsed = parse_str_inner(text, std::mem::take(&mut diags));
    parsed.report.encoding = model::Encoding::Document(kind);
    parsed.layout = Some(layout);
    Some(parsed)
}

/// Runs a reader of a third-party crate: a panic inside it is an unreadable
/// file (I001), never the end of a run of many files or of a server.
fn guarded<T>(read: impl FnOnce() -> Result<T, Msg>) -> Result<T, Msg> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Msg::new(
            "the file could not be read: the reader failed on it (the file is probably damaged)",
            "无法读取该文件：读取程序在处理它时出错（文件可能已损坏）",
        ))
    })
}

/// Reads an HTML page: decoded by its BOM, UTF-8 validity or declared
/// charset; the report's text extracted; spans kept for the page.
fn parse_html(bytes: &[u8], options: Options) -> Parsed {
    let mut options = options;
    let valid_utf8 = simdutf8::basic::from_utf8(bytes).ok();
    if options.encoding == EncodingChoice::Auto && valid_utf8.is_none() {
        let declared = html::declared_charset(bytes).unwrap_or_default();
        options.encoding = match declared.as_str() {
            "utf-8" | "utf8" => EncodingChoice::Utf8,
            _ => EncodingChoice::Gb18030,
        };
    }
    let decoded = decode::decode_checked(bytes, options.encoding, valid_utf8);
    let mut diags = Vec::new();
    if decoded.lossy_sequences > 0 {
        let (n, enc) = (decoded.lossy_sequences, decoded.encoding_name());
        diags.push(Diagnostic::new(
            Code::I002,
            Msg::new(
                format!("{n} byte sequence(s) are not valid {enc} and were replaced"),
                format!("有 {n} 处字节不是有效的 {enc} 编码，已替换"),
            ),
        ));
    }
    let source: Arc<str> = decoded.text.into();
    // A tree builder checks scopes by walking the open elements, so time
    // grows with the square of the nesting: a page nested deeper than any
    // real one is refused, not parsed for minutes.
    let extracted = match html::extract(&source) {
        Ok(e) => e,
        Err(html::TooDeep(depth)) => {
            return unreadable(Msg::new(
                format!("the page nests elements {depth} deep, above the limit of {}: not read", html::MAX_DEPTH),
                format!("网页元素嵌套 {depth} 层，超过上限 {}，未读取", html::MAX_DEPTH),
            ));
        }
    };
    let mut parsed = parse_str_inner(extracted.text.clone(), diags);
    parsed.report.encoding = model::Encoding::Text(decoded.encoding);
    parsed.lossy = decoded.lossy_sequences;
    parsed.bom = decoded.bom;
    let lines = LineIndex::new(source.clone());
    parsed.html = Some(HtmlSource { text: source, lines, extracted, by_position: false });
    parsed
}

fn parse_text_bytes(bytes: &[u8], options: Options) -> Parsed {
    let mut diags = Vec::new();
    if bytes.len() > MAX_INPUT {
        let n = bytes.len();
        return unreadable(Msg::new(
            format!("the input is {n} bytes, above the limit of {MAX_INPUT}"),
            format!("文件有 {n} 字节，超过上限 {MAX_INPUT}"),
        ));
    }
    if let Some(why) = binary_signature(bytes) {
        return unreadable(why);
    }
    let decoded = decode::decode(bytes, options.encoding);
    if decoded.lossy_sequences > 0 {
        let first = decoded.first_lossy_byte.unwrap_or(0);
        let (n, enc) = (decoded.lossy_sequences, decoded.encoding_name());
        diags.push(Diagnostic::new(
            Code::I002,
            Msg::new(
                format!("{n} byte sequence(s) are not valid {enc} and were replaced; the first is at byte {first}"),
                format!("有 {n} 处字节不是有效的 {enc} 编码，已替换；第一处在第 {first} 字节"),
            ),
        ));
    }
    let (encoding, text_encoding) = (decoded.encoding_name(), decoded.encoding);
    let (lossy, bom) = (decoded.lossy_sequences, decoded.bom);
    // `pdftotext -layout` text: its tables re-read by column position, the
    // spans shown in the text as it is. Both readings are made, and the
    // column reading is kept where it reads the report better (more values,
    // fewer rows out of place and sums that fail): layouts differ, and the
    // row reader knows some the column reader does not.
    let regridded = layout_text::regrid(&decoded.text);
    let by_columns = regridded.map(|extracted| (parse_str_inner(extracted.text.clone(), diags.clone()), extracted));
    let mut parsed = parse_str_inner(decoded.text, diags);
    if let Some((mut by_columns, extracted)) = by_columns
        && reading_score(&by_columns) > reading_score(&parsed)
    {
        // The text as it is, which the spans are shown in.
        let (source, lines) = (parsed.text.clone(), parsed.lines.clone());
        by_columns.html = Some(HtmlSource { text: source, lines, extracted, by_position: true });
        parsed = by_columns;
    }
    parsed.report.encoding = model::Encoding::Text(text_encoding);
    parsed.lossy = lossy;
    parsed.bom = bom;
    if lossy > 0 && lossy * 20 > parsed.text.chars().count().max(1) {
        parsed.diagnostics.insert(
            0,
            Diagnostic::new(
                Code::I001,
                Msg::new(
                    format!("the input does not decode as {encoding}: it is probably not text"),
                    format!("文件无法按 {encoding} 解码，很可能不是文本文件"),
                ),
            ),
        );
    }
    parsed
}

/// How well a parse reads its report's tables: the values read, less ten
/// for each row out of place or unread and each sum that fails.
fn reading_score(parsed: &Parsed) -> i64 {
    const FAULTS: &[&str] = &["S105", "S106", "S107", "W302", "A201", "A202", "A203", "A204", "C403"];
    static FAULTS_ONLY: std::sync::LazyLock<rules::Selection> = std::sync::LazyLock::new(|| {
        rules::Selection::from(&rules::Settings {
            select: FAULTS.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        })
    });
    let values = parsed.report.cells_by_place().filter(|(.., c)| !c.raw.is_empty()).count() as i64;
    let faults = rules::check(parsed, *FAULTS_ONLY).len() as i64;
    values - 10 * faults
}

/// Reads a report from text already decoded (the unit tests' door; the
/// front ends go through the engine).
#[cfg(test)]
pub(crate) fn parse_str(text: &str) -> Parsed {
    let mut parsed = parse_str_inner(text.to_string(), Vec::new());
    parsed.report.encoding = model::Encoding::Text(encoding_rs::UTF_8);
    parsed
}

fn parse_str_inner(text: String, mut diags: Vec<Diagnostic>) -> Parsed {
    let text: Arc<str> = text.into();
    let lines = LineIndex::new(text.clone());
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(Code::I001, Msg::new("the file is empty", "文件为空")));
        let norm = normalize::normalize("");
        return Parsed {
            text,
            lines,
            norm,
            report: Report::default(),
            diagnostics: diags,
            lossy: 0,
            bom: false,
            html: None,
            layout: None,
        };
    }
    let mut norm = normalize::normalize(&text);
    parse::flat::break_flattened_lines(&mut norm);
    let mut report = parse::parse(&norm, &lines, &mut diags);
    parse::cut::record(&text, &norm, &mut report);
    let no_body = report.sections.is_empty() && report.tables().next().is_none();
    if no_body && report.title.is_none() {
        diags.push(Diagnostic::new(
            Code::I003,
            Msg::new(
                "nothing here looks like a government information disclosure annual report: no title, no standard section, no table",
                "未发现政府信息公开工作年度报告的内容：没有标题、没有规定的章节、没有统计表",
            ),
        ));
    } else if no_body {
        // A report's title with none of the report after it: a page that
        // links the report as an attachment, or a news item about one. It
        // is said once, not as every section and table missing.
        let attachment = template::ATTACHMENT_WORDS.iter().any(|w| norm.text.contains(w));
        diags.push(Diagnostic::new(
            Code::I003,
            if attachment {
                Msg::new(
                    "this page names an annual report but holds none of it: the report is in an attachment (附件); check the attached file",
                    "本页只有年度报告的标题，报告正文在附件中：请检查附件文件",
                )
            } else {
                Msg::new(
                    "this text names an annual report but holds none of it: no standard section, no table",
                    "本文提到年度报告，但没有报告的内容：没有规定的章节，也没有统计表",
                )
            },
        ));
    }
    Parsed { text, lines, norm, report, diagnostics: diags, lossy: 0, bom: false, html: None, layout: None }
}

/// The outcome for an input that could not be read at all: one I001.
pub(crate) fn unreadable(why: Msg) -> Parsed {
    let text: Arc<str> = "".into();
    let lines = LineIndex::new(text.clone());
    let d = Diagnostic::new(Code::I001, why);
    let norm = normalize::normalize("");
    Parsed {
        text,
        lines,
        norm,
        report: Report::default(),
        diagnostics: vec![d],
        lossy: 0,
        bom: false,
        html: None,
        layout: None,
    }
}

/// The largest character boundary of `text` at or below `at`.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Recognises binary files by their magic numbers or NUL bytes (outside UTF-16).
fn binary_signature(bytes: &[u8]) -> Option<Msg> {
    const MAGIC: &[(&[u8], &str, &str)] = &[
        (b"\xFF\xD8\xFF", "a JPEG image", "JPEG 图片"),
        (b"\x89PNG", "a PNG image", "PNG 图片"),
        (b"GIF8", "a GIF image", "GIF 图片"),
        (b"\x7FELF", "an executable", "可执行程序"),
    ];
    for (magic, en, zh) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(Msg::new(format!("the file is {en}, not text"), format!("该文件是{zh}，不是文本")));
        }
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let sample = &bytes[..bytes.len().min(8192)];
    if !utf16 && sample.contains(&0) {
        let nuls = sample.iter().filter(|b| **b == 0).count();
        // UTF-16 without BOM has NULs at one parity only; let the decoder try it.
        let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
        if !(even == nuls || even == 0) || nuls * 8 < sample.len() {
            return Some(Msg::new(
                "the file is binary (it contains NUL bytes), not text",
                "该文件是二进制文件（含 NUL 字节），不是文本",
            ));
        }
    }
    None
}
