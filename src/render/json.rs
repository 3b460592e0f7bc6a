//! JSON Lines, after rustc's `--error-format=json` (the shape of `cli.md`).

use super::FileReport;
use crate::diagnostic::Lang;
use serde_json::json;

/// One JSON object per diagnostic, one per line.
pub fn render(file: &FileReport, lang: Lang) -> String {
    let mut out = String::new();
    for d in file.diagnostics {
        let spans: Vec<_> = d
            .labels
            .iter()
            .map(|l| {
                let (ls, cs) = file.lines.line_col(l.span.start);
                let (le, ce) = file.lines.line_col(l.span.end);
                let mut span = json!({
                    "line_start": ls, "column_start": cs, "line_end": le, "column_end": ce,
                    "byte_start": l.span.start, "byte_end": l.span.end,
                    "primary": l.primary, "label": l.message.get(lang),
                });
                // PDF and Word input: the page and box, or the table cell.
                if let Some(p) = &l.place {
                    span["place"] = json!(p);
                }
                span
            })
            .collect();
        let mut obj = json!({
            "file": file.name,
            "code": d.code,
            "name": d.name,
            "severity": d.severity.as_str(),
            "message": d.message.get(lang),
            "spans": spans,
            "notes": d.notes.iter().map(|n| n.get(lang)).collect::<Vec<_>>(),
            "help": d.help.iter().map(|n| n.get(lang)).collect::<Vec<_>>(),
        });
        if let Some(f) = &d.fix {
            obj["fix"] = json!({"byte_start": f.span.start, "byte_end": f.span.end, "replacement": f.replacement});
        }
        out.push_str(&obj.to_string());
        out.push('\n');
    }
    out
}
