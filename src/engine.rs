//! The engine every front end stands on (`check`, `parse`, the tests, and
//! the bulk scan and language server to come): a document's bytes in, its
//! model and diagnostics out, every span in the document's own coordinates.
//!
//! No file system, no environment, no printing and no exit here: reading
//! files, finding `ogilint.toml` and writing output belong to the front ends.

use crate::decode::EncodingChoice;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use crate::render::FileReport;
use crate::rules::{self, Settings};
use crate::source::{LineIndex, Position};
use crate::{Options, Parsed};
use std::sync::Arc;

/// What a document is, when the front end knows (by a file's ending).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Sniffed from the content.
    #[default]
    Auto,
    Text,
    Html,
}

/// One document to lint.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The name shown in diagnostics (a path, `<stdin>`, a URI).
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub kind: Kind,
    pub encoding: EncodingChoice,
    /// Where the document is on disk, when it is: the `[[suppress]]`
    /// entries of the configuration select files by path.
    pub path: Option<&'a std::path::Path>,
}

impl<'a> Document<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        Document { name, bytes, kind: Kind::Auto, encoding: EncodingChoice::Auto, path: None }
    }
}

/// Lints documents with one set of settings; holds no state between them,
/// so one engine serves many threads.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    settings: Settings,
    /// The settings resolved: which rules run, at which severity.
    selection: rules::Selection,
    /// The findings the configuration accepts (shared: each entry counts
    /// what it hid across the threads of a run).
    suppressions: Arc<crate::suppress::Suppressions>,
}

impl Engine {
    /// An engine with validated settings (an unknown rule is an error).
    pub fn new(settings: Settings) -> Result<Self, String> {
        settings.validate()?;
        let selection = rules::Selection::from(&settings);
        Ok(Engine { settings, selection, suppressions: Arc::default() })
    }

    /// This engine, hiding the findings `suppressions` accept.
    pub(crate) fn with_suppressions(self, suppressions: crate::suppress::Suppressions) -> Self {
        Engine { suppressions: Arc::new(suppressions), ..self }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Which rules run, at which severity.
    pub fn selection(&self) -> &rules::Selection {
        &self.selection
    }

    pub fn suppressions(&self) -> &crate::suppress::Suppressions {
        &self.suppressions
    }

    /// Parses one document: the model and the parser's own diagnostics
    /// (unreadable input, malformed and ambiguous rows), no rule run.
    pub fn parse(&self, doc: &Document) -> FileResult {
        let parsed = parse_document(doc);
        // The rules that report the parser's findings, with their filters.
        let findings = Settings { select: ["I", "S107", "S109"].map(String::from).to_vec(), ..Settings::default() };
        let diagnostics = rules::check(&parsed, &findings);
        FileResult::new(doc.name, parsed, diagnostics)
    }

    /// The result for a document that could not be read (a FIFO, a file
    /// over the size limit, a loop, a permission error): one I001 naming why.
    pub fn unreadable(&self, name: &str, why: &crate::walk::Unreadable) -> FileResult {
        let msg = crate::diagnostic::Msg::new(format!("this path {why}"), format!("无法读取该路径：{}", why.zh()));
        let parsed = crate::unreadable(msg);
        let diagnostics = rules::check(&parsed, self.selection);
        FileResult::new(name, parsed, diagnostics)
    }

    /// Reads one document into its model and the parser's own findings, no
    /// rule run: the stages up to the model, in the parse's coordinates
    /// (what [`Engine::parse`] shows in the document's).
    pub fn read(&self, doc: &Document) -> Parsed {
        parse_document(doc)
    }

    /// The rules on a parse already made ([`Engine::read`]), in its own
    /// coordinates. Suppressions, which are by file, are not applied.
    pub fn check(&self, parsed: &Parsed) -> Vec<Diagnostic> {
        rules::check(parsed, self.selection)
    }

    /// Parses and lints one document.
    pub fn lint(&self, doc: &Document) -> FileResult {
        let parsed = parse_document(doc);
        let mut diagnostics = rules::check(&parsed, self.selection);
        self.suppressions.apply(doc.path, &parsed.report, &self.selection, &mut diagnostics);
        FileResult::new(doc.name, parsed, diagnostics)
    }
}

fn parse_document(doc: &Document) -> Parsed {
    let html = match doc.kind {
        Kind::Auto => None,
        Kind::Text => Some(false),
        Kind::Html => Some(true),
    };
    crate::parse_bytes(doc.bytes, Options { encoding: doc.encoding, html })
}

/// The outcome of linting one document, in the document's coordinates: the
/// decoded text for a text file, the page itself for HTML.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub name: String,
    /// The document's text, which every span below points into.
    pub source: Arc<str>,
    pub lines: LineIndex,
    /// The model, its spans and line numbers in `source`: made when first
    /// asked ([`FileResult::report`]; a scan to JSON Lines never asks).
    shown_report: std::sync::OnceLock<Report>,
    /// The diagnostics, their spans in `source`; fixes only where they can
    /// be applied to it (never for HTML pages).
    pub diagnostics: Vec<Diagnostic>,
    /// The encoding the bytes were read in, and what decoding cost.
    pub encoding: crate::model::Encoding,
    pub lossy: usize,
    pub bom: bool,
    pub is_html: bool,
    /// The parse in its own coordinates (normalised and extracted text), for
    /// the front ends that need them (the fixer writes `parsed.text`).
    pub parsed: Parsed,
    /// For a page, the diagnostics in the coordinates of the text extracted
    /// from it (`parsed.text`); for other input they are `diagnostics`.
    extracted: Option<Vec<Diagnostic>>,
}

impl FileResult {
    fn new(name: &str, parsed: Parsed, diagnostics: Vec<Diagnostic>) -> Self {
        // The shown text shared, not copied (a page is often 100 KB).
        let (source, lines) = parsed.display();
        let (source, lines) = (source.clone(), lines.clone());
        // A page's diagnostics are kept in the extracted text's coordinates
        // too; a text's are shown as they are (no copy).
        let extracted = parsed.html.is_some().then(|| diagnostics.clone());
        let diagnostics = parsed.display_diagnostics(diagnostics);
        FileResult {
            name: name.to_string(),
            source,
            lines,
            shown_report: std::sync::OnceLock::new(),
            diagnostics,
            encoding: parsed.report.encoding,
            lossy: parsed.lossy,
            bom: parsed.bom,
            is_html: parsed.html.is_some(),
            extracted,
            parsed,
        }
    }

    /// The model, its spans and line numbers in `source`.
    pub fn report(&self) -> &Report {
        self.shown_report.get_or_init(|| self.parsed.display_report())
    }

    /// The diagnostics in the coordinates of the text the parser read
    /// (`parsed.text`): the same findings, suppressions applied, as
    /// `diagnostics`, which are in what the user sees.
    pub fn in_text(&self) -> &[Diagnostic] {
        self.extracted.as_deref().unwrap_or(&self.diagnostics)
    }

    /// Where each value stands (`parse --format json-locations`): line,
    /// column and bytes in `source`, and for PDF and Word input the page and
    /// box or the table cell.
    pub fn locations_json(&self) -> serde_json::Value {
        let mut json = self.report().locations_json(&self.lines);
        if let (Some(layout), Some(map)) = (&self.parsed.layout, json.as_object_mut()) {
            for loc in map.values_mut() {
                let at = |k: &str| loc[k].as_u64().unwrap_or(0) as usize;
                if let Some(place) = layout.place(at("byte_start"), at("byte_end")) {
                    loc["place"] = serde_json::json!(place);
                }
            }
        }
        json
    }

    /// What the report leaves for the rules across reports (its agency,
    /// year and the cells they compare), when it names its agency and year.
    pub fn facts(&self) -> Option<crate::rules::across::Facts> {
        crate::rules::across::facts(&self.name, &self.parsed, &self.lines)
    }

    /// Where an offset of `source` is, in every unit.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(offset)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// What the renderers take.
    pub fn file_report(&self) -> FileReport<'_> {
        FileReport { name: &self.name, text: &self.source, lines: &self.lines, diagnostics: &self.diagnostics }
    }
}
