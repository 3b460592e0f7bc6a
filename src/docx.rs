//! Word input (.docx): the paragraphs and tables of `word/document.xml`
//! become the text the parser reads, tables as grids.
//!
//! A .docx is a zip archive of XML parts. The archive is read with `zip`
//! (deflate only), the main part streamed with `quick-xml`, so that nesting
//! costs no stack. WordprocessingML tables map to a grid directly: `w:tr`
//! rows of `w:tc` cells, `w:gridSpan` a cell spanning columns (one cell, as
//! in HTML), `w:vMerge` (and the older `w:hMerge`) a cell merged with the one
//! above (an empty cell, as a row span leaves in HTML), `w:gridBefore` cells
//! missing at the start of a row. A table inside a cell gives its text to the
//! cell. Deleted text (tracked changes) and field codes are left out.
//!
//! Bounds: the main part is read up to [`MAX_XML`] bytes whatever its
//! header claims (a zip bomb stops there), and elements nested deeper than
//! [`MAX_DEPTH`] are refused.

use crate::diagnostic::Msg;
use crate::layout::{Builder, DocKind, GridCell, Layout, Place};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// The largest main part read (bytes, uncompressed).
pub(crate) const MAX_XML: u64 = 64 * 1024 * 1024;
/// The widest table row read (columns).
pub(crate) const MAX_COLUMNS: usize = 256;
/// The deepest nesting of elements read.
pub(crate) const MAX_DEPTH: usize = 1024;

/// What the archive is, when it is not a Word document.
pub enum NotWord {
    /// Another Office or OFD document, or a plain zip: named for the message.
    Other(Msg),
    /// A Word document that cannot be read.
    Broken(Msg),
}

/// Whether a zip archive is a Word document, an OFD file or something else,
/// and its text if Word.
pub fn extract(bytes: &[u8]) -> Result<(String, Layout), NotWord> {
    let broken = |why: String| {
        NotWord::Broken(Msg::new(
            format!("the Word document cannot be read ({why}): the file is damaged"),
            format!("该 Word 文档无法读取（{why}）：文件已损坏"),
        ))
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if !has("word/document.xml") {
        let (en, zh) = if has("OFD.xml") {
            (
                "an OFD document: export it to PDF (in the OFD reader: 另存为 PDF) and lint that",
                "OFD 文档：请在 OFD 阅读器中另存为 PDF 后再检查",
            )
        } else if names.iter().any(|n| n.starts_with("xl/")) {
            ("an Excel workbook, not a report", "Excel 工作簿，不是年度报告")
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            ("a PowerPoint file, not a report", "PowerPoint 文件，不是年度报告")
        } else {
            ("a zip archive: unpack it and lint the reports inside", "ZIP 压缩包：请解压后检查其中的报告")
        };
        return Err(NotWord::Other(Msg::new(format!("the file is {en}"), format!("该文件是{zh}"))));
    }
    let name = names.iter().find(|x| x.eq_ignore_ascii_case("word/document.xml")).cloned().unwrap_or_default();
    let part = zip.by_name(&name).map_err(|e| broken(e.to_string()))?;
    let mut xml = Vec::new();
    part.take(MAX_XML + 1).read_to_end(&mut xml).map_err(|e| broken(e.to_string()))?;
    if xml.len() as u64 > MAX_XML {
        return Err(broken(format!("its text part is larger than {MAX_XML} bytes")));
    }
    let xml = String::from_utf8(xml).map_err(|_| broken("its text part is not UTF-8".into()))?;
    read_document(&xml).map_err(broken)
}

/// A table being read: rows of cells.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<GridCell>>,
    /// The column the next cell of the current row starts at.
    col: usize,
    /// The table's number (1-based, document order, outer tables only).
    number: u32,
}

/// A cell being read.
#[derive(Default)]
struct CellState {
    pieces: Vec<(String, Place)>,
    colspan: usize,
    /// `w:vMerge` without `restart`: the cell continues the one above.
    continues: bool,
    paragraphs: usize,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::default()).ok().map(|v| v.into_owned()))
}

/// Reads `word/document.xml`.
fn read_document(xml: &str) -> Result<(String, Layout), String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Builder::new();
    let mut depth = 0usize;
    // Outer table (nested tables give their text to the outer cell).
    let mut table: Option<TableState> = None;
    let mut nested = 0usize;
    let mut cell: Option<CellState> = None;
    let mut tables = 0u32;
    let mut paragraph = 0u32;
    let mut line = String::new();
    // Inside `w:t` (text), `w:delText`/`w:instrText` (left out).
    let mut in_text = false;
    let mut skip_text = false;
    let mut units = 0usize;
    // Inside `mc:Fallback` (the same content again for old readers): skipped.
    let mut fallback = 0usize;
    // Inside a run (`w:r`): a `w:tab` there is a tab of the text; elsewhere
    // (`w:tabs` of a paragraph's properties) it is a tab stop.
    let mut in_run = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            if !empty {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("elements nest deeper than {MAX_DEPTH}"));
                }
                if fallback > 0 || e.local_name().as_ref() == "Fallback" {
                    fallback += 1;
                    continue;
                }
                if e.local_name().as_ref() == "r" {
                    in_run += 1;
                }
            } else if fallback > 0 {
                continue;
            }
            match e.local_name().as_ref() {
                "tbl" if !empty => {
                    if table.is_some() {
                        nested += 1;
                    } else {
                        out.end_line();
                        tables += 1;
                        table = Some(TableState { number: tables, ..TableState::default() });
                    }
                }
                "tr" if nested == 0 && !empty => {
                    if let Some(t) = table.as_mut() {
                        t.rows.push(Vec::new());
                        t.col = 0;
                    }
                }
                "gridBefore" if nested == 0 => {
                    if let Some(t) = table.as_mut() {
                        t.col += attr(e, "val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(64);
                    }
                }
                "tc" if nested == 0 && !empty && table.is_some() => {
                    cell = Some(CellState { colspan: 1, ..CellState::default() })
                }
                "gridSpan" if nested == 0 => {
                    if let Some(c) = cell.as_mut() {
                        c.colspan = attr(e, "val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                    }
                }
                "vMerge" | "hMerge" if nested == 0 => {
                    if let Some(c) = cell.as_mut() {
                        let restart = attr(e, "val").is_some_and(|v| v == "restart");
                        // A horizontally merged continuation adds no cell.
                        if e.local_name().as_ref() == "hMerge" && !restart {
                            c.colspan = 0;
                        } else {
                            c.continues = !restart;
                        }
                    }
                }
                "p" if !empty => {
                    if let Some(c) = cell.as_mut() {
                        c.paragraphs += 1;
                    } else if table.is_none() {
                        paragraph += 1;
                    }
                }
                "t" if !empty => in_text = true,
                "delText" | "instrText" if !empty => skip_text = true,
                "tab" if in_run > 0 => push(&mut cell, &mut line, " ", &table),
                "br" | "cr" if cell.is_none() && table.is_none() => flush_line(&mut out, &mut line, paragraph),
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if fallback > 0 {
                    fallback -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "r" => in_run = in_run.saturating_sub(1),
                    "t" => in_text = false,
                    "delText" | "instrText" => skip_text = false,
                    "p" if cell.is_none() && table.is_none() => {
                        flush_line(&mut out, &mut line, paragraph);
                        units += 1;
                    }
                    "tbl" if nested > 0 => nested -= 1,
                    "tbl" => {
                        if let Some(t) = table.take() {
                            out.table(&t.rows);
                            units += 1;
                        }
                    }
                    "tc" if nested == 0 => {
                        if let (Some(c), Some(t)) = (cell.take(), table.as_mut()) {
                            if c.colspan == 0 {
                                continue;
                            }
                            // No report table is wider than this: a row of
                            // thousands of cells keeps its first ones.
                            if t.col >= MAX_COLUMNS {
                                continue;
                            }
                            let grid = GridCell {
                                pieces: if c.continues { Vec::new() } else { c.pieces },
                                col: t.col,
                                colspan: c.colspan,
                                rowspan: 1,
                            };
                            t.col += c.colspan;
                            if let Some(r) = t.rows.last_mut() {
                                r.push(grid);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && !skip_text && fallback == 0 => {
                let s = t.xml10_content();
                push(&mut cell, &mut line, &s, &table);
            }
            Event::GeneralRef(r) if in_text && !skip_text && fallback == 0 => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                push(&mut cell, &mut line, &s, &table);
            }
            Event::CData(t) if in_text && !skip_text && fallback == 0 => {
                let s = t.xml10_content().into_owned();
                push(&mut cell, &mut line, &s, &table);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    flush_line(&mut out, &mut line, paragraph);
    Ok(out.finish(DocKind::Docx, units))
}

/// Text of a run: into the open cell (placed by table, row and cell), or
/// into the paragraph's line.
fn push(cell: &mut Option<CellState>, line: &mut String, s: &str, table: &Option<TableState>) {
    let s: String = s.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
    match (cell.as_mut(), table) {
        (Some(c), Some(t)) => {
            let row = t.rows.len() as u32;
            let index = t.rows.last().map_or(0, Vec::len) as u32 + 1;
            let place = Place::Cell { table: t.number, row, cell: index };
            // A new paragraph in a cell joins the text before it (a label
            // wrapped by hand is one label).
            match c.pieces.last_mut() {
                Some(last) if last.1 == place => last.0.push_str(&s),
                _ => c.pieces.push((s, place)),
            }
        }
        // Text of a table outside its cells (none in valid files) is dropped.
        _ if table.is_none() => line.push_str(&s),
        _ => {}
    }
}

fn flush_line(out: &mut Builder, line: &mut String, paragraph: u32) {
    if !line.trim().is_empty() {
        out.push(line, Place::Paragraph { paragraph });
        out.end_line();
    }
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_and_merged_cells() {
        let xml = doc(concat!(
            "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>",
            "<w:tbl>",
            r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc>"#,
            "<w:tc><w:p><w:r><w:t>258</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>",
            "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
            "<w:tc><w:p><w:r><w:t>（二）部分</w:t></w:r></w:p><w:p><w:r><w:t>公开</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>",
            "</w:tbl>",
            "<w:p><w:r><w:delText>删</w:delText><w:t>规章&amp;</w:t></w:r></w:p>"
        ));
        let (text, layout) = read_document(&xml).expect("reads");
        assert_eq!(text, "一、总体情况\n三\t（一）予以公开\t258\t\t\n\t（二）部分公开\t1\t2\n规章&\n");
        let at = text.find("258").expect("cell");
        assert_eq!(layout.place(at, at + 3), Some(Place::Cell { table: 1, row: 1, cell: 3 }));
    }

    #[test]
    fn tab_stops_and_fallback_copies_are_no_text() {
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>"#,
            r#"<mc:AlternateContent xmlns:mc="m"><mc:Choice><w:p><w:r><w:t>框内</w:t></w:r></w:p></mc:Choice>"#,
            r#"<mc:Fallback><w:p><w:r><w:t>框内</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"#,
            r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>"#,
        ));
        let (text, _) = read_document(&xml).expect("reads");
        assert_eq!(text, "一、总体情况\n框内\na b\n");
    }

    #[test]
    fn a_row_of_a_million_wide_cells_is_bounded() {
        let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>"#;
        let xml =
            doc(&format!("<w:tbl><w:tr>{}</w:tr>{}</w:tbl>", cell.repeat(20_000), "<w:tr></w:tr>".repeat(20_000)));
        let (text, _) = read_document(&xml).expect("reads");
        assert!(text.len() < 1_000_000);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = doc(&"<w:sdt>".repeat(MAX_DEPTH + 5));
        assert!(read_document(&xml).is_err());
    }
}
