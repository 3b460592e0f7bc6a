//! Baselines: the findings a disclosure office has accepted, recorded once
//! (`check --write-baseline FILE`) and not shown again (`check --baseline
//! FILE`), so that a run shows only what is new. A finding is known by its
//! file, its rule and a fingerprint of its message and the text it points
//! at, the one SARIF gives code scanning: it survives lines moving, and a
//! changed value is a new finding.

use crate::diagnostic::Diagnostic;
use crate::engine::FileResult;
use std::collections::BTreeSet;
use std::path::Path;

/// The format written, for readers of the file.
const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Known {
    pub file: String,
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

fn known(name: &str, source: &str, d: &Diagnostic) -> Known {
    let pointed = d.primary_span().and_then(|s| source.get(s.start..s.end)).unwrap_or("");
    Known {
        file: name.to_string(),
        code: d.code.to_string(),
        fingerprint: crate::render::sarif::fingerprint(d.code, &d.message.en, pointed),
    }
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
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
        for d in &result.diagnostics {
            self.known.insert(known(&result.name, &result.source, d));
        }
    }

    /// Removes the findings of `result` the baseline holds; how many.
    pub fn filter(&self, result: &mut FileResult) -> usize {
        let before = result.diagnostics.len();
        let (name, source) = (&result.name, &result.source);
        result.diagnostics.retain(|d| !self.known.contains(&known(name, source, d)));
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
