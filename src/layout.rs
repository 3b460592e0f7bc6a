//! Documents that carry a layout (PDF, Word): the text the parser reads, and
//! where each piece of it stands in the document.
//!
//! A PDF or Word file has no text a user could open and point into, so the
//! text extracted from it *is* the text that line numbers count in
//! (`ogilint parse --text FILE` prints it), and every span also names its
//! place in the document: the page and the box on it (PDF), or the table,
//! row and cell (Word).
//!
//! Both readers write through one [`Builder`]: lines of text, and tables as
//! grids. A grid is written exactly as an HTML table is (`html.rs`): one line
//! per row, cells separated by tabs, a cell spanning rows leaving an empty
//! cell below it, a cell spanning columns being one cell. The same report
//! therefore reads the same from a page, a PDF and a Word file.

use serde::Serialize;

/// Where a piece of extracted text stands in its document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Place {
    /// A box on a PDF page, in points from the page's top-left corner
    /// (written to JSON to a hundredth of a point).
    Page {
        page: u32,
        #[serde(serialize_with = "hundredths")]
        x: f32,
        #[serde(serialize_with = "hundredths")]
        y: f32,
        #[serde(serialize_with = "hundredths")]
        width: f32,
        #[serde(serialize_with = "hundredths")]
        height: f32,
    },
    /// A Word paragraph outside tables (1-based, in document order).
    Paragraph { paragraph: u32 },
    /// A cell of a Word table (all 1-based; `cell` counts the row's cells).
    Cell { table: u32, row: u32, cell: u32 },
}

/// A coordinate in points to a hundredth (`552.72`, not the `552.7219848632812`
/// an `f32` becomes in a JSON value).
/// A coordinate no page can have (a PDF's extreme transform gives infinity,
/// and a box merged with it NaN) is written as 0, not as JSON's `null`.
fn hundredths<S: serde::Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
    let v = if v.is_finite() { f64::from(*v) } else { 0.0 };
    s.serialize_f64((v * 100.0).round() / 100.0)
}

impl Place {
    /// The place in words, as human output shows it (`p. 3`, `第 3 页`).
    pub fn describe(&self, zh: bool) -> String {
        match (self, zh) {
            (Place::Page { page, .. }, false) => format!("p. {page}"),
            (Place::Page { page, .. }, true) => format!("第 {page} 页"),
            (Place::Paragraph { paragraph }, false) => format!("paragraph {paragraph}"),
            (Place::Paragraph { paragraph }, true) => format!("第 {paragraph} 段"),
            (Place::Cell { table, row, cell }, false) => format!("table {table}, row {row}, cell {cell}"),
            (Place::Cell { table, row, cell }, true) => format!("第 {table} 个表格第 {row} 行第 {cell} 格"),
        }
    }

    /// The smallest box holding both (same page), else `self`.
    fn union(self, other: Place) -> Place {
        match (self, other) {
            (
                Place::Page { page, x, y, width, height },
                Place::Page { page: p2, x: x2, y: y2, width: w2, height: h2 },
            ) if page == p2 => {
                let (x0, y0) = (x.min(x2), y.min(y2));
                let (x1, y1) = ((x + width).max(x2 + w2), (y + height).max(y2 + h2));
                Place::Page { page, x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
            }
            _ => self,
        }
    }
}

/// What kind of document the text was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Pdf,
    Docx,
    Doc,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Pdf => "PDF",
            DocKind::Docx => "DOCX",
            DocKind::Doc => "DOC",
        }
    }
}

/// The places of an extracted text: sorted marks, each saying where the
/// text from its offset up to the next mark stands.
#[derive(Debug, Clone)]
pub struct Layout {
    pub kind: DocKind,
    marks: Vec<(usize, Place)>,
    /// Pages (PDF) or paragraphs and tables (Word) read.
    pub units: usize,
}

impl Layout {
    /// The place of a span of the extracted text: for a PDF, the box around
    /// all its characters on the page of the first one.
    pub fn place(&self, start: usize, end: usize) -> Option<Place> {
        let first = self.marks.partition_point(|m| m.0 <= start).checked_sub(1)?;
        let mut place = self.marks[first].1;
        if self.kind == DocKind::Pdf {
            for (_, p) in self.marks[first + 1..].iter().take_while(|m| m.0 < end) {
                place = place.union(*p);
            }
        }
        Some(place)
    }
}

/// A cell of a grid: its text pieces with their places, and its spans.
#[derive(Debug, Clone, Default)]
pub struct GridCell {
    pub pieces: Vec<(String, Place)>,
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
}

impl GridCell {
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.0.as_str()).collect()
    }
}

/// A cell as HTML and Word 97 give it: a row lists only the cells that start
/// in it, each with its spans.
#[derive(Debug, Clone)]
pub struct SpanCell {
    pub text: String,
    pub place: Place,
    pub colspan: usize,
    pub rowspan: usize,
}

/// Gives each cell its column: the first column of its row not covered by a
/// cell spanning down from a row above.
pub(crate) fn place_cells(rows: Vec<Vec<SpanCell>>) -> Vec<Vec<GridCell>> {
    let mut covered: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut col = 0;
        let mut cells = Vec::with_capacity(row.len());
        for c in row {
            while covered.get(col).is_some_and(|&n| n > 0) {
                col += 1;
            }
            let span = c.colspan.clamp(1, 64);
            if covered.len() < col + span {
                covered.resize(col + span, 0);
            }
            for k in 0..span {
                covered[col + k] = c.rowspan.clamp(1, 1000);
            }
            let pieces = if c.text.is_empty() { Vec::new() } else { vec![(c.text, c.place)] };
            cells.push(GridCell { pieces, col, colspan: span, rowspan: c.rowspan.max(1) });
            col += span;
        }
        for n in covered.iter_mut() {
            *n = n.saturating_sub(1);
        }
        out.push(cells);
    }
    out
}

/// The widest grid written (columns): report tables have at most 18.
const MAX_COLUMNS: usize = 512;

/// Writes extracted text and its places.
#[derive(Debug)]
pub struct Builder {
    pub text: String,
    marks: Vec<(usize, Place)>,
}

impl Builder {
    pub fn new() -> Self {
        Builder { text: String::new(), marks: Vec::new() }
    }

    /// Appends text from one place.
    pub fn push(&mut self, s: &str, place: Place) {
        if s.is_empty() {
            return;
        }
        if self.marks.last().is_none_or(|m| m.1 != place) {
            self.marks.push((self.text.len(), place));
        }
        self.text.push_str(s);
    }

    /// Appends a separator that is in no place of its own (a tab, a line end).
    pub(crate) fn sep(&mut self, c: char) {
        self.text.push(c);
    }

    pub(crate) fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Appends a table: rows of cells in column order. A cell covered from
    /// above by a cell spanning rows shows as an empty cell in that cell's
    /// first column; a cell spanning columns is one cell.
    pub fn table(&mut self, rows: &[Vec<GridCell>]) {
        self.end_line();
        // Per column: rows still covered from above, and whether it is the
        // first column of the covering cell.
        let mut carried: Vec<(usize, bool)> = Vec::new();
        for cells in rows {
            let mut placed: Vec<(usize, Option<&GridCell>)> = Vec::new();
            for (col, &(left, first)) in carried.iter().enumerate() {
                if left > 0 && first {
                    placed.push((col, None));
                }
            }
            for c in cells {
                // Columns beyond any report table's width are not tracked.
                if c.col >= MAX_COLUMNS {
                    continue;
                }
                let span = c.colspan.clamp(1, MAX_COLUMNS - c.col);
                if carried.len() < c.col + span {
                    carried.resize(c.col + span, (0, false));
                }
                for k in 0..span {
                    carried[c.col + k] = (c.rowspan.max(1), k == 0);
                }
                placed.push((c.col, Some(c)));
            }
            placed.sort_by_key(|p| p.0);
            for (i, (_, cell)) in placed.iter().enumerate() {
                if i > 0 {
                    self.sep('\t');
                }
                if let Some(c) = cell {
                    for (s, p) in &c.pieces {
                        self.push(s, *p);
                    }
                }
            }
            // A blank last cell ends with its own tab, as in an HTML table.
            if placed.len() > 1 && self.text.ends_with('\t') {
                self.sep('\t');
            }
            self.sep('\n');
            for c in carried.iter_mut() {
                c.0 = c.0.saturating_sub(1);
            }
        }
    }

    pub fn finish(self, kind: DocKind, units: usize) -> (String, Layout) {
        (self.text, Layout { kind, marks: self.marks, units })
    }
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, col: usize, colspan: usize, rowspan: usize) -> GridCell {
        GridCell { pieces: vec![(text.into(), Place::Paragraph { paragraph: 1 })], col, colspan, rowspan }
    }

    #[test]
    fn grids_are_written_as_html_tables_are() {
        let mut b = Builder::new();
        b.table(&[vec![cell("A", 0, 1, 2), cell("B", 1, 2, 1)], vec![cell("1", 1, 1, 1), cell("2", 2, 1, 1)]]);
        assert_eq!(b.text, "A\tB\n\t1\t2\n");
        // A blank last cell keeps its column.
        let mut b = Builder::new();
        b.table(&[vec![cell("x", 0, 1, 1), cell("3", 1, 1, 1), cell("", 2, 1, 1)]]);
        assert_eq!(b.text, "x\t3\t\t\n");
    }

    #[test]
    fn a_span_is_placed_by_the_box_around_its_characters() {
        let mut b = Builder::new();
        let at = |x: f32| Place::Page { page: 2, x, y: 10.0, width: 5.0, height: 8.0 };
        b.push("1", at(100.0));
        b.push("2", at(105.0));
        let (_, layout) = b.finish(DocKind::Pdf, 2);
        assert_eq!(layout.place(0, 2), Some(Place::Page { page: 2, x: 100.0, y: 10.0, width: 10.0, height: 8.0 }));
        assert_eq!(layout.place(1, 2), Some(at(105.0)));
    }
}
