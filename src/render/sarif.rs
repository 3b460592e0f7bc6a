//! SARIF 2.1.0: one run, the rules described from the catalogue.

use super::FileReport;
use crate::diagnostic::{Lang, Severity};
use crate::rules::{self, RULES};
use serde_json::{Value, json};

fn level(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "note",
        None => "none",
    }
}

/// A result of the rules across reports (A205, A206, P502): its file, and
/// the line and column of the fact it is about.
pub struct Across<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub diagnostic: &'a crate::diagnostic::Diagnostic,
}

/// A file name as a SARIF URI reference: `/` separators, and every byte
/// outside RFC 3986's unreserved characters and `/` percent-encoded (Chinese
/// names, spaces, `#` and `?` would otherwise be misread or rejected).
pub fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A stable fingerprint of a finding: its rule, its message and the text it
/// points at (FNV-1a, 64 bits), so that code scanning follows a finding
/// across runs whatever its line.
pub fn fingerprint(code: &str, message: &str, text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in code.bytes().chain([0]).chain(message.bytes()).chain([0]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn region(f: &FileReport, span: crate::model::Span) -> Value {
    let (sl, sc) = f.lines.line_col(span.start);
    let (el, ec) = f.lines.line_col(span.end);
    json!({"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec.max(if el == sl { sc } else { 1 })})
}

fn location(f: &FileReport, l: &crate::diagnostic::Label, lang: Lang) -> Value {
    let mut region = region(f, l.span);
    // PDF and Word input: the page and box, or the table cell.
    if let Some(p) = &l.place {
        region["properties"] = json!(p);
    }
    let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": uri(f.name)}, "region": region}});
    let text = l.message.get(lang);
    if !text.is_empty() {
        loc["message"] = json!({"text": text});
    }
    loc
}

/// One result: a location on every one (the file's start for a finding
/// about the whole file, which code scanning requires), the other labels as
/// related locations, the fix as a SARIF fix, and a fingerprint.
fn result(f: &FileReport, d: &crate::diagnostic::Diagnostic, lang: Lang) -> Value {
    let mut locations: Vec<Value> = d.labels.iter().filter(|l| l.primary).map(|l| location(f, l, lang)).collect();
    if locations.is_empty() {
        locations.push(json!({"physicalLocation": {
            "artifactLocation": {"uri": uri(f.name)},
            "region": {"startLine": 1, "startColumn": 1}
        }}));
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(f, l, lang);
            loc["id"] = json!(i + 1);
            loc
        })
        .collect();
    let pointed = d.primary_span().and_then(|s| f.text.get(s.start..s.end)).unwrap_or("");
    let mut result = json!({
        "ruleId": d.code,
        "level": level(Some(d.severity)),
        "message": {"text": d.message.get(lang)},
        "locations": locations,
        "partialFingerprints": {"ogilintFinding/v1": fingerprint(d.code, &d.message.en, pointed)},
    });
    if let Some(i) = RULES.iter().position(|r| r.meta.code == d.code) {
        result["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &d.fix {
        result["fixes"] = json!([{
            "description": {"text": d.help.first().map_or(d.message.get(lang), |h| h.get(lang))},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(f.name)},
                "replacements": [{"deletedRegion": region(f, fix.span), "insertedContent": {"text": fix.replacement}}],
            }],
        }]);
    }
    result
}

fn across_result(a: &Across, lang: Lang) -> Value {
    let d = a.diagnostic;
    let mut result = json!({
        "ruleId": d.code,
        "level": level(Some(d.severity)),
        "message": {"text": d.message.get(lang)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(a.file)},
            "region": {"startLine": a.line, "startColumn": a.column}
        }}],
        "partialFingerprints": {"ogilintFinding/v1": fingerprint(d.code, &d.message.en, a.file)},
    });
    if let Some(i) = RULES.iter().position(|r| r.meta.code == d.code) {
        result["ruleIndex"] = json!(i);
    }
    result
}

/// The whole SARIF log for the files checked.
pub fn render(files: &[FileReport], lang: Lang) -> String {
    render_with(files, &[], lang)
}

/// The whole SARIF log for the files checked and the results across them.
pub fn render_with(files: &[FileReport], across: &[Across], lang: Lang) -> String {
    let mut log = Stream::start(lang);
    for f in files {
        log.push(&results_of(f, lang));
    }
    log.push(&across_results(across, lang));
    log.finish()
}

/// The results of one file, each as pretty JSON, joined by `,\n` (a piece
/// of the log's `results` array): made where the file is linted, so that
/// a scan keeps no file's results after writing them.
pub fn results_of(f: &FileReport, lang: Lang) -> String {
    join(f.diagnostics.iter().map(|d| result(f, d, lang)))
}

/// The results across reports, as `results_of` gives a file's.
pub fn across_results(across: &[Across], lang: Lang) -> String {
    join(across.iter().map(|a| across_result(a, lang)))
}

fn join(results: impl Iterator<Item = Value>) -> String {
    let pieces: Vec<String> = results.map(|r| serde_json::to_string_pretty(&r).unwrap_or_default()).collect();
    pieces.join(",\n")
}

/// A SARIF log written as its results come: the head (the tool and every
/// rule), the results piece by piece, then the tail. Its memory is one
/// piece at a time, whatever the number of files (a scan of 50,000 files
/// held every result in memory before).
pub struct Stream {
    text: String,
    results: usize,
}

impl Stream {
    /// The head of the log, up to the opening of its `results`.
    pub fn start(lang: Lang) -> Stream {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.meta.code,
                    "name": r.meta.name,
                    "shortDescription": {"text": rules::summary(&r.meta, lang)},
                    "fullDescription": {"text": rules::explain(&r.meta, lang)},
                    "defaultConfiguration": {"level": level(r.meta.default), "enabled": r.meta.default.is_some()},
                })
            })
            .collect();
        let driver = json!({"name": "ogilint", "version": env!("CARGO_PKG_VERSION"), "rules": rules});
        let driver = serde_json::to_string_pretty(&driver).unwrap_or_default();
        let text = format!(
            "{{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\"version\": \"2.1.0\",\n\"runs\": [{{\n\"tool\": {{\"driver\": {driver}}},\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": [\n"
        );
        Stream { text, results: 0 }
    }

    /// Adds a piece of results (`results_of`); an empty piece adds nothing.
    pub fn push(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if self.results > 0 {
            self.text.push_str(",\n");
        }
        self.text.push_str(piece);
        self.results += 1;
    }

    /// Takes what is written so far (to send it on, keeping memory flat).
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// The rest of the log, to its end.
    pub fn finish(mut self) -> String {
        self.text.push_str("\n]\n}]\n}\n");
        self.text
    }
}
