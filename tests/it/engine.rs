//! The engine's promise to every front end: spans in the document's own
//! coordinates (the decoded text, or the HTML page), on character
//! boundaries, with positions that agree in every unit.

use crate::common;

use ogilint::engine::{Document, Engine, FileResult, Kind};

fn lint(path: &std::path::Path) -> FileResult {
    let bytes = std::fs::read(path).expect("corpus file");
    let name = path.display().to_string();
    let kind = if name.ends_with(".html") { Kind::Html } else { Kind::Auto };
    Engine::default().lint(&Document { kind, ..Document::new(&name, &bytes) })
}

fn check_positions(r: &FileResult, at: usize, what: &str) {
    let p = r.position(at);
    let (ls, _) = r.lines.line_range(p.line);
    let before = &r.source[ls..at];
    assert_eq!(p.byte, before.len(), "{what}: bytes");
    assert_eq!(p.column, before.chars().count() + 1, "{what}: columns");
    assert_eq!(p.utf16, before.encode_utf16().count(), "{what}: UTF-16");
    assert_eq!((p.line, p.column), r.lines.line_col(at), "{what}: line_col");
}

#[test]
fn every_span_of_every_corpus_file_is_in_the_document() {
    let mut values = 0;
    let mut spans = 0;
    for dir in ["seed", "real", "excerpts", "html", "pdf"] {
        for path in common::files_in(dir) {
            let r = lint(&path);
            let name = path.display().to_string();
            for (id, cell) in r.report().cells() {
                let (s, e) = (cell.span.start, cell.span.end);
                let text = r.source.get(s..e).unwrap_or_else(|| panic!("{name}: {id}: {s}..{e} off boundaries"));
                // The page shows the cell as written (entities and tags aside);
                // the text file shows exactly the raw text.
                if !r.is_html && !cell.raw.is_empty() {
                    let shown: String = ogilint::normalize::normalize(text).text;
                    assert_eq!(shown.trim(), cell.raw, "{name}: {id}");
                }
                if r.is_html && !cell.raw.is_empty() {
                    assert!(
                        text.contains(cell.raw.chars().next().unwrap_or(' ')) || text.contains('&'),
                        "{name}: {id}: `{text}`"
                    );
                }
                check_positions(&r, s, &format!("{name}: {id}"));
                values += 1;
            }
            for d in &r.diagnostics {
                for l in &d.labels {
                    assert!(r.source.get(l.span.start..l.span.end).is_some(), "{name}: {}: {:?}", d.code, l.span);
                    check_positions(&r, l.span.start, &format!("{name}: {}", d.code));
                    spans += 1;
                }
            }
        }
    }
    assert!(values > 3000 && spans > 100, "{values} values, {spans} spans");
}

/// `parse` and `check` place a diagnostic of an HTML page at the same
/// line:column of the page.
#[test]
fn parse_and_check_agree_on_a_page() {
    let path = common::root().join("corpus/html/shuyang-fagaiju_2023.html");
    let page = String::from_utf8(std::fs::read(&path).expect("page")).expect("UTF-8 page");
    // 一、本年新收 without its last three cells: a parser diagnostic (S107).
    let row = page.find("本年新收").expect("row");
    let end = row + page[row..].find("</tr>").expect("end of row");
    let cells: Vec<usize> = page[row..end].match_indices("<td").map(|(i, _)| row + i).collect();
    let cut = cells[cells.len().saturating_sub(3)];
    let bytes = format!("{}{}", &page[..cut], &page[end..]).into_bytes();
    let doc = Document { kind: Kind::Html, ..Document::new("page", &bytes) };
    let engine = Engine::default();
    let (parsed, checked) = (engine.parse(&doc), engine.lint(&doc));
    let place = |r: &FileResult, code: &str| {
        r.diagnostics.iter().find(|d| d.code == code).and_then(|d| d.primary_span()).map(|s| r.lines.line_col(s.start))
    };
    let code = parsed.diagnostics.first().map(|d| d.code.as_str()).expect("a parser diagnostic");
    assert!(place(&parsed, code).is_some());
    assert_eq!(place(&parsed, code), place(&checked, code));
    // And the values of both are the same, at the same places.
    let cells = |r: &FileResult| r.report().cells().map(|(id, c)| (id.to_string(), c.span)).collect::<Vec<_>>();
    assert_eq!(cells(&parsed), cells(&checked));
}

#[test]
fn an_unknown_rule_in_the_settings_is_refused() {
    let settings = ogilint::rules::Settings { select: vec!["Q999".into()], ..Default::default() };
    let e = Engine::new(settings).expect_err("unknown code");
    assert!(e.contains("Q999") && e.contains("select"), "{e}");
}
