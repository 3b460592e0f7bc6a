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

/// The whole SARIF log for the files checked.
pub fn render(files: &[FileReport], lang: Lang) -> String {
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
    let mut results = Vec::new();
    for f in files {
        for d in f.diagnostics {
            let locations: Vec<Value> = d
                .labels
                .iter()
                .filter(|l| l.primary)
                .map(|l| {
                    let (sl, sc) = f.lines.line_col(l.span.start);
                    let (el, ec) = f.lines.line_col(l.span.end);
                    let mut region = json!({"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec.max(if el == sl { sc } else { 1 })});
                    // PDF and Word input: the page and box, or the table cell.
                    if let Some(p) = &l.place {
                        region["properties"] = json!(p);
                    }
                    json!({"physicalLocation": {
                        "artifactLocation": {"uri": f.name.replace('\\', "/")},
                        "region": region
                    }})
                })
                .collect();
            let rule_index = RULES.iter().position(|r| r.meta.code == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(Some(d.severity)),
                "message": {"text": d.message.get(lang)},
                "locations": locations,
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ogilint", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
