//! Baselines: the findings a disclosure office has accepted, recorded once
//! (`check --write-baseline FILE`) and not shown again (`check --baseline
//! FILE`), so that a run shows only what is new. A finding is known by its
//! report (the agency and year the report names, or its file name when it
//! names neither), its rule, and a fingerprint of its message and the value
//! id it points at: no line number, no byte offset, no markup. It survives
//! lines moving (a reflow), a re-crawl to another file name, and the same
//! report read from its web page instead of its text; a changed value is a
//! new finding.

use crate::diagnostic::Diagnostic;
use crate::engine::FileResult;
use crate::model::Span;
use std::collections::BTreeSet;
use std::path::Path;

/// The format written, for readers of the file.
const VERSION: u32 = 2;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Known {
    /// `agency year`, or the file's name.
    pub report: String,
    pub code: String,
    pub fingerprint: String,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct File {
    version: u32,
    findings: BTreeSet<Known>,
}

/// The accepted findings of a run.
#[derive(Debug, Default)]
pub struct Baseline {
    known: BTreeSet<Known>,
}

fn known(result: &FileResult, cells: &[(String, Span)], d: &Diagnostic) -> Known {
    let report = match (&result.report().agency, result.report().year) {
        (Some(agency), Some(year)) => format!("{agency} {year}"),
        _ => result.name.clone(),
    };
    // The value the finding points at, by its id: the same in every layout.
    let value = d
        .primary_span()
        .and_then(|p| cells.iter().find(|(_, c)| c.start < p.end.max(p.start + 1) && p.start < c.end.max(c.start + 1)))
        .map_or("", |(id, _)| id.as_str());
    Known {
        report,
        code: d.code.to_string(),
        fingerprint: crate::render::sarif::fingerprint(d.code.as_str(), &without_line_numbers(&d.message.en), value),
    }
}

/// A message with the line numbers it names taken out (`the text stops at
/// line 119`), which move with every reflow.
fn without_line_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (before, after) = rest.split_at(at + "line ".len());
        out.push_str(before);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

fn cells_of(result: &FileResult) -> Vec<(String, Span)> {
    result.report().cells().map(|(id, c)| (id, c.span)).collect()
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        // The version first, so that an older baseline is said to be one.
        #[derive(serde::Deserialize)]
        struct Versioned {
            version: u32,
        }
        if let Ok(Versioned { version }) = serde_json::from_slice::<Versioned>(&bytes)
            && version != VERSION
        {
            return Err(format!(
                "{}: baseline version {version} (this ogilint reads {VERSION}): write it again with --write-baseline",
                path.display()
            ));
        }
        let file: File =
            serde_json::from_slice(&bytes).map_err(|e| format!("{}: not an ogilint baseline: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} (this ogilint reads {VERSION})",
                path.display(),
                file.version
            ));
        }
        Ok(Baseline { known: file.findings })
    }

    /// Records every finding of `result`.
    pub fn record(&mut self, result: &FileResult) {
        let cells = cells_of(result);
        for d in &result.diagnostics {
            self.known.insert(known(result, &cells, d));
        }
    }

    /// Removes the findings of `result` the baseline holds; how many.
    pub fn filter(&self, result: &mut FileResult) -> usize {
        let before = result.diagnostics.len();
        let cells = cells_of(result);
        let mut diagnostics = std::mem::take(&mut result.diagnostics);
        diagnostics.retain(|d| !self.known.contains(&known(result, &cells, d)));
        result.diagnostics = diagnostics;
        before - result.diagnostics.len()
    }

    /// The baseline as its file holds it (pretty JSON, sorted: a diff of
    /// two baselines reads well).
    pub fn to_json(&self) -> String {
        let file = File { version: VERSION, findings: self.known.clone() };
        serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_numbers_leave_the_fingerprinted_message() {
        assert_eq!(super::without_line_numbers("stops at line 119, in 3"), "stops at line , in 3");
    }
}
