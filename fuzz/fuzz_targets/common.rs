//! Shared by the fuzz targets: lint a document and render it every way.

use ogilint::diagnostic::Lang;
use ogilint::engine::{Document, Engine, Kind};
use ogilint::render;

pub fn lint_and_render(bytes: &[u8], kind: Kind) {
    let engine = Engine::default();
    let result = engine.lint(&Document { kind, ..Document::new("fuzz", bytes) });
    let file = result.file_report();
    for d in &result.diagnostics {
        for l in &d.labels {
            assert!(result.source.get(l.span.start..l.span.end).is_some(), "span off boundaries: {:?}", l.span);
        }
    }
    let _ = render::human::render(&file, Lang::Zh, true);
    let _ = render::concise(&file, Lang::En);
    let _ = render::json::render(&file, Lang::En);
    let _ = render::github::render(&file, Lang::En);
    let _ = render::sarif::render(std::slice::from_ref(&file), Lang::En);
    let _ = result.report().to_json(Some("fuzz"), &result.lines);
    let _ = result.report().locations_json(&result.lines);
    let (fixed, _) = ogilint::fix::apply(&result.parsed.text, &result.diagnostics);
    let _ = engine.lint(&Document::new("fixed", fixed.as_bytes()));
}
