//! Word 97 input (.doc): read with `office_oxide` (pure Rust: the compound
//! file, the piece table, and table rows with their merged cells), whose
//! document tree is written through the same grid as a .docx or an HTML
//! table (`layout.rs`).

use crate::diagnostic::Msg;
use crate::layout::{self, Builder, DocKind, Layout, Place};
use office_oxide::ir::{Element, InlineContent};
use office_oxide::{Document, DocumentFormat};

/// Reads a Word 97 document. An error is a message for I001.
pub fn extract(bytes: &[u8]) -> Result<(String, Layout), Msg> {
    let cannot = |why: String| {
        Msg::new(
            format!(
                "the old binary Office document cannot be read ({why}): if it is a Word file, save it as .docx or PDF (Word or WPS: 另存为) and lint that"
            ),
            format!(
                "该旧版 Office 文档无法读取（{why}）：如是 Word 文件，请在 Word 或 WPS 中“另存为” .docx 或 PDF 后再检查"
            ),
        )
    };
    let doc = Document::from_reader(std::io::Cursor::new(bytes.to_vec()), DocumentFormat::Doc)
        .map_err(|e| cannot(e.to_string()))?;
    let ir = doc.to_ir();
    let mut w = Writer { out: Builder::new(), paragraph: 0, tables: 0, units: 0 };
    for section in &ir.sections {
        w.elements(&section.elements);
    }
    Ok(w.out.finish(DocKind::Doc, w.units))
}

struct Writer {
    out: Builder,
    paragraph: u32,
    tables: u32,
    units: usize,
}

fn inline_text(content: &[InlineContent]) -> String {
    let mut s = String::new();
    for c in content {
        match c {
            InlineContent::Text(t) => s.push_str(&t.text),
            InlineContent::LineBreak => s.push(' '),
            _ => {}
        }
    }
    s.chars().map(|c| if matches!(c, '\n' | '\r' | '\t' | '\u{7}') { ' ' } else { c }).collect()
}

/// The text of a cell's blocks, joined (a label wrapped by hand is one label).
fn cell_text(elements: &[Element], out: &mut String) {
    for e in elements {
        match e {
            Element::Paragraph(p) => out.push_str(&inline_text(&p.content)),
            Element::Heading(h) => out.push_str(&inline_text(&h.content)),
            Element::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        cell_text(&c.content, out);
                    }
                }
            }
            Element::List(l) => {
                for i in &l.items {
                    cell_text(&i.content, out);
                }
            }
            _ => {}
        }
    }
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.paragraph += 1;
        self.units += 1;
        if !text.trim().is_empty() {
            self.out.push(text, Place::Paragraph { paragraph: self.paragraph });
            self.out.end_line();
        }
    }

    fn elements(&mut self, elements: &[Element]) {
        for e in elements {
            match e {
                Element::Paragraph(p) => self.line(&inline_text(&p.content)),
                Element::Heading(h) => self.line(&inline_text(&h.content)),
                Element::List(l) => {
                    for i in &l.items {
                        self.elements(&i.content);
                    }
                }
                Element::Table(t) => {
                    self.tables += 1;
                    self.units += 1;
                    let table = self.tables;
                    let rows: Vec<Vec<layout::SpanCell>> = t
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(r, row)| {
                            row.cells
                                .iter()
                                .enumerate()
                                .map(|(c, cell)| {
                                    let mut text = String::new();
                                    cell_text(&cell.content, &mut text);
                                    let place = Place::Cell { table, row: r as u32 + 1, cell: c as u32 + 1 };
                                    layout::SpanCell {
                                        text,
                                        place,
                                        colspan: cell.col_span.max(1) as usize,
                                        rowspan: cell.row_span.max(1) as usize,
                                    }
                                })
                                .collect()
                        })
                        .collect();
                    self.out.table(&layout::place_cells(rows));
                }
                Element::TextBox(tb) => self.elements(&tb.content),
                _ => {}
            }
        }
    }
}
