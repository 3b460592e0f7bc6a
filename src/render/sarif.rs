//! SARIF 2.1.0: one run, the rules described from the catalogue, written
//! from typed records (the subset of the standard's object model ogilint
//! fills; the names are the standard's, in camelCase).

use super::FileReport;
use crate::diagnostic::{Diagnostic, Label, Lang, Severity};
use crate::layout::Place;
use crate::rules::{self, RULES};
use serde::Serialize;

/// A result's or a rule's level, as SARIF names them.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
    None,
}

impl Level {
    fn of(s: Option<Severity>) -> Level {
        match s {
            Some(Severity::Error) => Level::Error,
            Some(Severity::Warning) => Level::Warning,
            Some(Severity::Info) => Level::Note,
            None => Level::None,
        }
    }
}

/// A piece of text (`message`, `description`).
#[derive(Debug, Serialize)]
pub struct Text<'a> {
    pub text: &'a str,
}

/// A `reportingDescriptor`: one rule of the catalogue.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short_description: Text<'a>,
    pub full_description: Text<'a>,
    pub default_configuration: RuleConfiguration,
}

/// A rule's default level and whether it runs by default.
#[derive(Debug, Serialize)]
pub struct RuleConfiguration {
    pub level: Level,
    pub enabled: bool,
}

/// The tool's `driver`: its name, version and rules.
#[derive(Debug, Serialize)]
pub struct Driver<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub rules: Vec<Rule<'a>>,
}

/// A region of a file: 1-based lines and columns (Unicode code points, the
/// run's `columnKind`); for PDF and Word input, the page and box or the
/// table cell as a property bag.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region<'a> {
    pub start_line: usize,
    pub start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<&'a Place>,
}

/// The file of a location, as a URI reference.
#[derive(Debug, Serialize)]
pub struct ArtifactLocation {
    pub uri: String,
}

/// A file and a region in it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation<'a> {
    pub artifact_location: ArtifactLocation,
    pub region: Region<'a>,
}

/// A location of a result: where it is (the primary labels), or a related
/// place (the other cells of a sum), numbered from 1.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location<'a> {
    pub physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
}

/// The fingerprints code scanning follows a finding by.
#[derive(Debug, Serialize)]
pub struct Fingerprints {
    #[serde(rename = "ogilintFinding/v1")]
    pub finding: String,
}

/// A text put in place of a region.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replacement<'a> {
    pub deleted_region: Region<'a>,
    pub inserted_content: Text<'a>,
}

/// The replacements in one file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactChange<'a> {
    pub artifact_location: ArtifactLocation,
    pub replacements: Vec<Replacement<'a>>,
}

/// A safe wording fix.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix<'a> {
    pub description: Text<'a>,
    pub artifact_changes: Vec<ArtifactChange<'a>>,
}

/// One finding.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult<'a> {
    pub rule_id: &'a str,
    pub level: Level,
    pub message: Text<'a>,
    pub locations: Vec<Location<'a>>,
    pub partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix<'a>>,
}

/// A result of the rules across reports (A205, A206, P502): its file, and
/// the line and column of the fact it is about.
pub struct Across<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub diagnostic: &'a Diagnostic,
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
pub(crate) fn fingerprint(code: &str, message: &str, text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in code.bytes().chain([0]).chain(message.bytes()).chain([0]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn region<'a>(f: &FileReport, span: crate::model::Span, place: Option<&'a Place>) -> Region<'a> {
    let (sl, sc) = f.lines.line_col(span.start);
    let (el, ec) = f.lines.line_col(span.end);
    Region {
        start_line: sl,
        start_column: sc,
        end_line: Some(el),
        end_column: Some(ec.max(if el == sl { sc } else { 1 })),
        properties: place,
    }
}

/// The start of a file, for a finding about the whole file (code scanning
/// rejects a result with no location).
fn start_of(file: &str, line: usize, column: usize) -> Location<'static> {
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(file) },
            region: Region {
                start_line: line,
                start_column: column,
                end_line: None,
                end_column: None,
                properties: None,
            },
        },
        message: None,
        id: None,
    }
}

fn location<'a>(f: &FileReport, l: &'a Label, lang: Lang, id: Option<usize>) -> Location<'a> {
    let text = l.message.get(lang);
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(f.name) },
            region: region(f, l.span, l.place.as_ref()),
        },
        message: (!text.is_empty()).then_some(Text { text }),
        id,
    }
}

/// One result: a location on every one (the file's start for a finding
/// about the whole file), the other labels as related locations, the fix
/// as a SARIF fix, and a fingerprint.
pub fn result<'a>(f: &FileReport, d: &'a Diagnostic, lang: Lang) -> SarifResult<'a> {
    let mut locations: Vec<Location> =
        d.labels.iter().filter(|l| l.primary).map(|l| location(f, l, lang, None)).collect();
    if locations.is_empty() {
        locations.push(start_of(f.name, 1, 1));
    }
    let related =
        d.labels.iter().filter(|l| !l.primary).enumerate().map(|(i, l)| location(f, l, lang, Some(i + 1))).collect();
    let pointed = d.primary_span().and_then(|s| f.text.get(s.start..s.end)).unwrap_or("");
    let fixes = d
        .fix
        .iter()
        .map(|fix| Fix {
            description: Text { text: d.help.first().map_or(d.message.get(lang), |h| h.get(lang)) },
            artifact_changes: vec![ArtifactChange {
                artifact_location: ArtifactLocation { uri: uri(f.name) },
                replacements: vec![Replacement {
                    deleted_region: region(f, fix.span, None),
                    inserted_content: Text { text: &fix.replacement },
                }],
            }],
        })
        .collect();
    SarifResult {
        rule_id: d.code.as_str(),
        level: Level::of(Some(d.severity)),
        message: Text { text: d.message.get(lang) },
        locations,
        partial_fingerprints: Fingerprints { finding: fingerprint(d.code.as_str(), &d.message.en, pointed) },
        rule_index: Some(d.code.index()),
        related_locations: related,
        fixes,
    }
}

fn across_result<'a>(a: &Across<'a>, lang: Lang) -> SarifResult<'a> {
    let d = a.diagnostic;
    SarifResult {
        rule_id: d.code.as_str(),
        level: Level::of(Some(d.severity)),
        message: Text { text: d.message.get(lang) },
        locations: vec![start_of(a.file, a.line, a.column)],
        partial_fingerprints: Fingerprints { finding: fingerprint(d.code.as_str(), &d.message.en, a.file) },
        rule_index: Some(d.code.index()),
        related_locations: Vec::new(),
        fixes: Vec::new(),
    }
}

/// The whole SARIF log for the files checked.
pub fn render(files: &[FileReport], lang: Lang) -> String {
    render_with(files, &[], lang)
}

/// The whole SARIF log for the files checked and the results across them.
pub(crate) fn render_with(files: &[FileReport], across: &[Across], lang: Lang) -> String {
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

fn join<'a>(results: impl Iterator<Item = SarifResult<'a>>) -> String {
    let mut out = Vec::new();
    for (i, r) in results.enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        // Records of strings and numbers always serialise.
        let _ = serde_json::to_writer_pretty(&mut out, &r);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The tool's driver, every rule of the catalogue described.
pub fn driver(lang: Lang) -> Driver<'static> {
    let rules = RULES
        .iter()
        .map(|r| Rule {
            id: r.meta.code.as_str(),
            name: r.meta.name(),
            short_description: Text { text: rules::summary(&r.meta, lang) },
            full_description: Text { text: rules::explain(&r.meta, lang) },
            default_configuration: RuleConfiguration {
                level: Level::of(r.meta.default()),
                enabled: r.meta.default().is_some(),
            },
        })
        .collect();
    Driver { name: "ogilint", version: env!("CARGO_PKG_VERSION"), rules }
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
        let driver = serde_json::to_string_pretty(&driver(lang)).unwrap_or_default();
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
