//! PDF input: the glyphs of each page, with their boxes, and the page's
//! ruling lines become the text the parser reads, tables as grids.
//!
//! Glyphs, boxes and path segments come from `pdfplumber` (the Rust port of
//! the Python library: pure Rust on `lopdf`, CID fonts and ToUnicode maps
//! decoded, resource limits per page and per document). Tables are found
//! from ruling lines and rectangle edges (its lattice finder), which gives
//! each cell's box, merged cells included; the grid is then rebuilt from the
//! boxes (a cell's first and last column and row are the boundaries its box
//! meets), so a merged cell becomes a cell spanning rows or columns, written
//! as an HTML table's (`layout.rs`). Text outside tables is grouped into lines
//! by baseline, in reading order, with a tab where a gap is wider than two
//! characters (tables drawn without lines keep their cells apart).
//!
//! What is dropped: WPS's overprinted "fake bold" duplicates (glyphs drawn
//! twice a fraction of a point apart), page numbers (`— 3 —`, `3/8`, `第3页`)
//! at the top or bottom of a page, and a table's header repeated after a page
//! break.

use crate::diagnostic::Msg;
use crate::layout::{Builder, DocKind, GridCell, Layout, Place};
use crate::template;
use pdfplumber::{DedupeOptions, ExtractOptions, Pdf, PdfErrorKind, TableFinder, TableSettings};

/// Glyphs read at most on one page (a dense page has 3 000).
pub(crate) const MAX_GLYPHS: usize = 50_000;
/// Glyphs outside every closed cell of a table that are grouped into cells
/// at most (the grouping compares every pair); beyond, they are lines.
const MAX_OPEN_GLYPHS: usize = 2_000;

/// Pages read at most: annual reports have 5 to 30.
pub(crate) const MAX_PAGES: usize = 200;

/// A glyph: its text and box (points, from the page's top-left corner).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    page: u32,
    x0: f64,
    top: f64,
    x1: f64,
    bottom: f64,
    size: f64,
}

impl Glyph {
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
    fn height(&self) -> f64 {
        (self.bottom - self.top).max(0.1)
    }
}

/// What was read from a PDF: the text, its places, and what the reading lost
/// (said as input diagnostics, never as faults of the report).
pub struct Extracted {
    pub text: String,
    pub layout: Layout,
    /// Glyphs with no Unicode meaning (U+FFFD, private use): fonts with no
    /// ToUnicode map.
    pub unmapped: usize,
    /// Pages that could not be read, and why.
    pub bad_pages: Vec<(usize, String)>,
    /// Pages in the file, when more than [`MAX_PAGES`] (the rest not read).
    pub pages_beyond: Option<usize>,
}

/// Reads a PDF. An error is a message for I001: encrypted, broken, or no
/// text layer at all (a scan).
pub fn extract(bytes: &[u8]) -> Result<Extracted, Msg> {
    let options = ExtractOptions {
        dedupe: Some(DedupeOptions::default()),
        max_stream_bytes: 64 * 1024 * 1024,
        max_total_objects: Some(2_000_000),
        collect_warnings: false,
        ..ExtractOptions::default()
    };
    let pdf = Pdf::open_bytes(bytes, Some(options)).map_err(|e| match e.kind() {
        PdfErrorKind::PasswordRequired | PdfErrorKind::InvalidPassword => Msg::new(
            "the PDF is encrypted with a password: not read (save an unprotected copy)",
            "该 PDF 文件设有密码保护，无法读取（请另存一份不加密的文件）",
        ),
        _ => Msg::new(
            format!("the PDF cannot be read ({e}): the file is damaged or not a PDF"),
            format!("该 PDF 文件无法读取（{e}）：文件已损坏或不是 PDF"),
        ),
    })?;
    let count = pdf.page_count();
    // Pages are read on as many threads as there are cores: the crate
    // interprets each page on its own (fonts included), so pages are
    // independent, and a PDF costs its longest share rather than the sum.
    let pages = count.min(MAX_PAGES);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(pages.max(1));
    let mut read: Vec<(usize, Result<PageRead, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let pdf = &pdf;
                scope.spawn(move || {
                    (t..pages)
                        .step_by(threads)
                        .map(|i| {
                            // A page the crate cannot read, even by
                            // panicking, is one page lost, said as such.
                            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                pdf.page(i).map(|p| read_page(&p, i)).map_err(|e| e.to_string())
                            }));
                            (i, read.unwrap_or_else(|_| Err("the PDF reader failed on it".into())))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    read.sort_by_key(|r| r.0);
    let mut unmapped = 0;
    let mut glyphs_seen = 0;
    let mut bad_pages = Vec::new();
    let mut blocks: Vec<Placed> = Vec::new();
    for (index, page) in read {
        match page {
            Ok(p) => {
                unmapped += p.unmapped;
                glyphs_seen += p.glyphs;
                blocks.extend(p.blocks);
            }
            Err(e) => bad_pages.push((index + 1, e)),
        }
    }
    join_pages(&mut blocks);
    let mut out = Builder::new();
    for placed in &blocks {
        match &placed.block {
            Block::Line(line) => {
                write_line(&mut out, line);
                out.end_line();
            }
            Block::Table(rows) if rows.is_empty() => {}
            Block::Table(rows) => out.table(&to_grid(rows)),
        }
    }
    if glyphs_seen == 0 {
        return Err(Msg::new(
            "the PDF has no text layer (a scanned image): run OCR on it first, or lint the document it was printed from",
            "该 PDF 没有文字层（是扫描图片）：请先进行文字识别（OCR），或检查生成它的原始文档",
        ));
    }
    let (text, layout) = out.finish(DocKind::Pdf, count.min(MAX_PAGES));
    Ok(Extracted { text, layout, unmapped, bad_pages, pages_beyond: (count > MAX_PAGES).then_some(count) })
}

/// What one page gives: its blocks in reading order, and counts for the
/// input diagnostics.
struct PageRead {
    blocks: Vec<Placed>,
    glyphs: usize,
    unmapped: usize,
}

fn read_page(page: &pdfplumber::Page, index: usize) -> PageRead {
    let number = (index + 1) as u32;
    let glyphs: Vec<Glyph> = page
        .chars()
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .take(MAX_GLYPHS)
        .map(|c| Glyph {
            // A ToUnicode map may give control characters: never a line
            // break or a tab of the text.
            text: c.text.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect(),
            page: number,
            x0: c.bbox.x0,
            top: c.bbox.top,
            x1: c.bbox.x1,
            bottom: c.bbox.bottom,
            size: c.size.max(1.0),
        })
        .collect();
    let count = glyphs.len();
    let unmapped = glyphs.iter().filter(|g| g.text.chars().any(unmapped_char)).count();
    // The lattice finder on the page's ruling lines alone: the crate's own
    // page method also extracts words and the text of every cell, row and
    // column, which we do not use and which costs the most.
    let edges = page.edges();
    // Vertical rules: a table whose merged cell or last row runs on over a
    // page break has no closing line, but its side rules go on.
    let verticals: Vec<Cellbox> = edges
        .iter()
        .filter(|e| (e.x1 - e.x0).abs() < SNAP && e.bottom - e.top > SNAP)
        .map(|e| [e.x0, e.top, e.x1, e.bottom])
        .collect();
    let tables: Vec<Vec<[f64; 4]>> = TableFinder::new(edges, TableSettings::default())
        .with_page_bbox(page.bbox())
        .find_tables()
        .into_iter()
        .map(|t| without_frame(t.cells.iter().map(|c| [c.bbox.x0, c.bbox.top, c.bbox.x1, c.bbox.bottom]).collect()))
        .filter(|cells: &Vec<[f64; 4]>| cells.len() >= 2)
        .collect();
    let blocks = page_blocks(glyphs, &tables, &verticals, page.height());
    let n = blocks.len();
    let blocks = blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| Placed { page: number, first: i == 0, last: i + 1 == n, block })
        .collect();
    PageRead { blocks, glyphs: count, unmapped }
}

fn unmapped_char(c: char) -> bool {
    c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// A block and where it stands: its page, and whether it is the page's
/// first or last block (a table that goes on over a page break is the last
/// block of one page and the first of the next).
struct Placed {
    page: u32,
    first: bool,
    last: bool,
    block: Block,
}

/// Joins the parts of tables that go on over a page break: a header repeated
/// at the top of the next page is dropped, and a row split by the break (the
/// rest of a wrapped label at the top of the next page, in the same columns,
/// with no value on both sides of the break) is made one row again.
fn join_pages(blocks: &mut [Placed]) {
    for i in 1..blocks.len() {
        let (before, after) = blocks.split_at_mut(i);
        let (prev, next) = (&mut before[i - 1], &mut after[0]);
        if !(prev.last && next.first && next.page == prev.page + 1) {
            continue;
        }
        let (Block::Table(upper), Block::Table(lower)) = (&mut prev.block, &mut next.block) else { continue };
        let repeated = lower
            .iter()
            .zip(upper.iter())
            .take_while(|(l, u)| !row_key(u).is_empty() && row_key(l) == row_key(u))
            .count();
        lower.drain(..repeated);
        merged_back(upper, lower);
        if let (Some(last), Some(first)) = (upper.last_mut(), lower.first())
            && let Some(pairs) = continuation(last, first)
        {
            let mut first = lower.remove(0);
            for (from, to) in pairs.into_iter().rev() {
                let (_, glyphs) = first.remove(from);
                last[to].1.extend(glyphs);
            }
            // Cells spanning down from the split row (merged group
            // labels) now start at the next row.
            if let Some(next_top) = lower.first().and_then(|r| r.first()).map(|c| c.0[1]) {
                for mut cell in first {
                    cell.0[1] = next_top;
                    lower[0].insert(0, cell);
                }
                lower[0].sort_by(|a, b| a.0[0].total_cmp(&b.0[0]));
            }
        }
    }
}

/// The text of a merged cell cut by a page break (a group label spanning
/// rows on both pages) goes back to that cell: a cell of the next page's
/// first row in the columns of a cell of the table above that reaches its
/// bottom, where the table's last row has no cell of its own.
fn merged_back(upper: &mut [Vec<(Cellbox, Vec<Glyph>)>], lower: &mut [Vec<(Cellbox, Vec<Glyph>)>]) {
    let Some(first) = lower.first_mut() else { return };
    let Some((last, above)) = upper.split_last_mut() else { return };
    let bottom = last.iter().map(|c| c.0[3]).fold(f64::MIN, f64::max);
    let same_columns = |a: &Cellbox, b: &Cellbox| (a[0] - b[0]).abs() < SNAP && (a[2] - b[2]).abs() < SNAP;
    for (b, glyphs) in first.iter_mut() {
        if glyphs.is_empty() || last.iter().any(|(lb, _)| same_columns(lb, b)) {
            continue;
        }
        // A figure, or text that starts a row (`一、本年新收…` under a header
        // that ends a page), is the next page's own.
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        if text.chars().any(|c| c.is_ascii_digit())
            || crate::parse::grammar::starts_with_enumerator(&crate::normalize::normalize(&text).text)
        {
            continue;
        }
        let target = above.iter_mut().flatten().find(|(ub, _)| same_columns(ub, b) && (ub[3] - bottom).abs() < SNAP);
        if let Some((_, into)) = target {
            into.append(glyphs);
        }
    }
}

/// Whether the first row of a page continues the last row of the page
/// before: each of its cells with text stands in the columns of a cell of
/// that row, no column has a value on both sides, and its text does not
/// start a row of its own (an enumerator: `3.`, `（四）`, `四、`). The pairs
/// (cell of `first`, cell of `last`) to join, in order.
fn continuation(last: &[(Cellbox, Vec<Glyph>)], first: &[(Cellbox, Vec<Glyph>)]) -> Option<Vec<(usize, usize)>> {
    let text = |g: &[Glyph]| g.iter().map(|g| g.text.as_str()).collect::<String>();
    let is_number = |g: &[Glyph]| {
        let t = text(g);
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
    };
    let mut pairs = Vec::new();
    let mut any_text = false;
    for (i, (b, glyphs)) in first.iter().enumerate() {
        let Some(j) = last.iter().position(|(lb, _)| (lb[0] - b[0]).abs() < SNAP && (lb[2] - b[2]).abs() < SNAP) else {
            if glyphs.is_empty() {
                continue;
            }
            return None;
        };
        if glyphs.is_empty() {
            pairs.push((i, j));
            continue;
        }
        if is_number(glyphs) && !last[j].1.is_empty() {
            return None;
        }
        if !is_number(glyphs) {
            if crate::parse::grammar::starts_with_enumerator(&crate::normalize::normalize(&text(glyphs)).text) {
                return None;
            }
            any_text = true;
        }
        pairs.push((i, j));
    }
    (any_text && !pairs.is_empty()).then_some(pairs)
}

/// A piece of a page in reading order.
enum Block {
    /// A line of text: glyphs left to right.
    Line(Vec<Glyph>),
    /// A table: rows of cells, each cell its box and glyphs.
    Table(Vec<Vec<(Cellbox, Vec<Glyph>)>>),
}

type Cellbox = [f64; 4];

/// The text of a row, to recognise a repeated header.
fn row_key(row: &[(Cellbox, Vec<Glyph>)]) -> String {
    row.iter().flat_map(|(_, g)| g.iter().map(|g| g.text.as_str())).collect()
}

/// Splits a page's glyphs between its tables and its lines, in reading order
/// (top to bottom), page numbers dropped.
fn page_blocks(glyphs: Vec<Glyph>, tables: &[Vec<Cellbox>], verticals: &[Cellbox], page_height: f64) -> Vec<Block> {
    let bounds: Vec<Cellbox> = tables.iter().map(|cells| extend_by_rules(bounding(cells), cells, verticals)).collect();
    let mut in_cells: Vec<Vec<Vec<Glyph>>> = tables.iter().map(|t| vec![Vec::new(); t.len()]).collect();
    let mut orphans: Vec<Vec<Glyph>> = vec![Vec::new(); tables.len()];
    let mut free = Vec::new();
    for g in glyphs {
        let (x, y) = (g.cx(), g.cy());
        let Some(t) = bounds.iter().position(|b| x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]) else {
            free.push(g);
            continue;
        };
        // The smallest cell holding the glyph's centre.
        let cell = tables[t]
            .iter()
            .enumerate()
            .filter(|(_, c)| x >= c[0] && x <= c[2] && y >= c[1] && y <= c[3])
            .min_by(|a, b| area(a.1).total_cmp(&area(b.1)))
            .map(|(i, _)| i);
        match cell {
            Some(i) => in_cells[t][i].push(g),
            None => orphans[t].push(g),
        }
    }
    let mut blocks: Vec<(f64, Block)> = Vec::new();
    for (t, cells) in tables.iter().enumerate() {
        let glyphs = std::mem::take(&mut in_cells[t]);
        let mut items: Vec<(Cellbox, Vec<Glyph>)> = cells.iter().copied().zip(glyphs).collect();
        let open = std::mem::take(&mut orphans[t]);
        if open.len() > MAX_OPEN_GLYPHS {
            free.extend(open);
        } else {
            items.extend(open_cells(open, cells, bounds[t]));
        }
        items.sort_by(|a, b| a.0[1].total_cmp(&b.0[1]).then(a.0[0].total_cmp(&b.0[0])));
        // Rows: cells whose tops meet the same boundary.
        let mut rows: Vec<Vec<(Cellbox, Vec<Glyph>)>> = Vec::new();
        for item in items {
            match rows.last_mut() {
                Some(r) if (r[0].0[1] - item.0[1]).abs() < SNAP => r.push(item),
                _ => rows.push(vec![item]),
            }
        }
        blocks.push((bounds[t][1], Block::Table(rows)));
    }
    for line in lines(free) {
        if is_page_number(&line, page_height) {
            continue;
        }
        let top = line.iter().map(|g| g.top).fold(f64::MAX, f64::min);
        blocks.push((top, Block::Line(line)));
    }
    blocks.sort_by(|a, b| a.0.total_cmp(&b.0));
    blocks.into_iter().map(|b| b.1).collect()
}

/// A table's cells without the "cell" that a frame drawn around the page
/// makes of the space above or below it: as wide as the table, at its top or
/// bottom, and taller than three rows and than a few lines of text.
fn without_frame(mut cells: Vec<Cellbox>) -> Vec<Cellbox> {
    let b = bounding(&cells);
    let mut heights: Vec<f64> = cells.iter().map(|c| c[3] - c[1]).collect();
    heights.sort_by(f64::total_cmp);
    let median = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    cells.retain(|c| {
        let full_width = (c[0] - b[0]).abs() < SNAP && (c[2] - b[2]).abs() < SNAP;
        let at_edge = (c[1] - b[1]).abs() < SNAP || (c[3] - b[3]).abs() < SNAP;
        let h = c[3] - c[1];
        !(full_width && at_edge && h > 3.0 * median && h > FRAME_MIN_HEIGHT)
    });
    cells
}

/// The least height (points) of a page frame's space taken for a cell: five
/// lines of 12-point text.
const FRAME_MIN_HEIGHT: f64 = 72.0;

fn bounding(cells: &[Cellbox]) -> Cellbox {
    cells.iter().fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, c| {
        [b[0].min(c[0]), b[1].min(c[1]), b[2].max(c[2]), b[3].max(c[3])]
    })
}

/// A table's box grown up and down along its own vertical rules: the part of
/// a table cut by a page break (a merged cell, a last row) has side rules
/// but no closing line, so the lattice finder leaves it out. Only rules
/// between columns count: a frame drawn around the page meets the table's
/// outer sides.
fn extend_by_rules(mut b: Cellbox, cells: &[Cellbox], verticals: &[Cellbox]) -> Cellbox {
    let xs = boundaries(cells.iter().flat_map(|c| [c[0], c[2]]).collect());
    let inner = xs.get(1..xs.len().saturating_sub(1)).unwrap_or(&[]);
    for _ in 0..2 {
        for v in verticals {
            let on_column = inner.iter().any(|x| (x - v[0]).abs() < SNAP);
            let touches = v[3] >= b[1] - SNAP && v[1] <= b[3] + SNAP;
            if on_column && touches {
                b[1] = b[1].min(v[1]);
                b[3] = b[3].max(v[3]);
            }
        }
    }
    b
}

/// Cells for the text of a table that stands in no closed cell (a merged
/// cell or a row cut by a page break): glyphs that touch (on a line, or on
/// lines one under the other) are one cell, whose box reaches out to the
/// column and row boundaries around it.
fn open_cells(orphans: Vec<Glyph>, cells: &[Cellbox], bounds: Cellbox) -> Vec<(Cellbox, Vec<Glyph>)> {
    if orphans.is_empty() {
        return Vec::new();
    }
    let xs = boundaries(cells.iter().flat_map(|c| [c[0], c[2]]).chain([bounds[0], bounds[2]]).collect());
    let ys = boundaries(cells.iter().flat_map(|c| [c[1], c[3]]).chain([bounds[1], bounds[3]]).collect());
    // Connected groups: union-find over glyph pairs that touch.
    let n = orphans.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&orphans[i], &orphans[j]);
            let size = a.size.max(b.size);
            let same_line = b.bottom.min(a.bottom) - b.top.max(a.top) > 0.5 * a.height().min(b.height());
            let h_gap = (b.x0 - a.x1).max(a.x0 - b.x1);
            let v_gap = (b.top - a.bottom).max(a.top - b.bottom);
            let h_overlap = b.x1.min(a.x1) - b.x0.max(a.x0) > -0.5 * size;
            if (same_line && h_gap < size) || (v_gap < 0.8 * size && h_overlap) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Glyph>> = Default::default();
    for (i, g) in orphans.into_iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(g);
    }
    groups
        .into_values()
        .map(|glyphs| {
            let b = bounding(&glyphs.iter().map(|g| [g.x0, g.top, g.x1, g.bottom]).collect::<Vec<_>>());
            let below = |v: f64, bs: &[f64]| bs.iter().rev().find(|x| **x <= v + SNAP).copied().unwrap_or(v);
            let above = |v: f64, bs: &[f64]| bs.iter().find(|x| **x >= v - SNAP).copied().unwrap_or(v);
            ([below(b[0], &xs), below(b[1], &ys), above(b[2], &xs), above(b[3], &ys)], glyphs)
        })
        .collect()
}

/// Boundaries closer than this (points) are one boundary.
const SNAP: f64 = 2.0;

fn area(c: &Cellbox) -> f64 {
    (c[2] - c[0]) * (c[3] - c[1])
}

/// Groups glyphs into lines: a glyph joins the line whose vertical extent
/// overlaps half its height; each line left to right.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    // Page first: a cell joined over a page break reads on in order.
    glyphs.sort_by(|a, b| a.page.cmp(&b.page).then(a.cy().total_cmp(&b.cy())));
    // Each line keeps the band of its first glyph: a band grown by every
    // glyph would swallow the next line where glyph boxes are taller than
    // the line pitch.
    let mut lines: Vec<(f64, f64, Vec<Glyph>)> = Vec::new();
    for g in glyphs {
        let fits = lines.last().is_some_and(|(top, bottom, line)| {
            if line.last().is_some_and(|l| l.page != g.page) {
                return false;
            }
            let overlap = bottom.min(g.bottom) - top.max(g.top);
            overlap >= 0.5 * g.height().min(bottom - top)
        });
        match lines.last_mut() {
            Some((_, _, line)) if fits => line.push(g),
            _ => lines.push((g.top, g.bottom, vec![g])),
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

/// A page number alone on a line near the top or bottom of the page.
fn is_page_number(line: &[Glyph], page_height: f64) -> bool {
    let top = line.iter().map(|g| g.top).fold(f64::MAX, f64::min);
    if page_height > 0.0 && top > 0.1 * page_height && top < 0.88 * page_height {
        return false;
    }
    let text: String = line.iter().map(|g| g.text.as_str()).collect();
    template::is_page_number(&text)
}

/// Writes a line: glyphs left to right, a space for a gap wider than half a
/// character, a tab for one wider than two (cells of a table without lines).
fn write_line(out: &mut Builder, line: &[Glyph]) {
    let mut prev: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let size = p.size.max(g.size);
            if gap > 2.0 * size {
                out.sep('\t');
            } else if gap > 0.5 * size {
                out.sep(' ');
            }
        }
        out.push(&g.text, place(g));
        prev = Some(g);
    }
}

fn place(g: &Glyph) -> Place {
    Place::Page {
        page: g.page,
        x: g.x0 as f32,
        y: g.top as f32,
        width: (g.x1 - g.x0) as f32,
        height: (g.bottom - g.top) as f32,
    }
}

/// The grid of a table from its cells' boxes: a cell's column is the column
/// boundary its left edge meets, its span the boundaries up to its right edge
/// (rows likewise). The text of a cell is its lines joined: a label wrapped in
/// its cell, or written one character a line, is one label.
fn to_grid(rows: &[Vec<(Cellbox, Vec<Glyph>)>]) -> Vec<Vec<GridCell>> {
    let mut xs: Vec<f64> = Vec::new();
    let mut ys: Vec<f64> = Vec::new();
    for (b, _) in rows.iter().flatten() {
        xs.extend([b[0], b[2]]);
        ys.extend([b[1], b[3]]);
    }
    let xs = boundaries(xs);
    let ys = boundaries(ys);
    let index = |v: f64, bounds: &[f64]| bounds.iter().position(|b| (b - v).abs() < SNAP).unwrap_or(0);
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|(b, glyphs)| {
                    let (c0, c1) = (index(b[0], &xs), index(b[2], &xs));
                    let (r0, r1) = (index(b[1], &ys), index(b[3], &ys));
                    GridCell {
                        pieces: cell_pieces(glyphs),
                        col: c0,
                        colspan: c1.saturating_sub(c0).max(1),
                        rowspan: r1.saturating_sub(r0).max(1),
                    }
                })
                .collect()
        })
        .collect()
}

/// Sorted boundaries, those closer than [`SNAP`] merged.
fn boundaries(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        if out.last().is_none_or(|l| x - l >= SNAP) {
            out.push(x);
        }
    }
    out
}

/// The text of a cell, glyph by glyph with its place: lines top to bottom,
/// joined with nothing (with a space between two ASCII letters or digits).
fn cell_pieces(glyphs: &[Glyph]) -> Vec<(String, Place)> {
    let mut out: Vec<(String, Place)> = Vec::new();
    for line in lines(glyphs.to_vec()) {
        let mut prev: Option<&Glyph> = None;
        for g in &line {
            let space = match prev {
                Some(p) => g.x0 - p.x1 > 0.5 * p.size.max(g.size),
                None => out.last().is_some_and(|(s, _)| {
                    s.ends_with(|c: char| c.is_ascii_alphanumeric())
                        && g.text.starts_with(|c: char| c.is_ascii_alphanumeric())
                }),
            };
            if space && let Some(last) = out.last_mut() {
                last.0.push(' ');
            }
            out.push((g.text.clone(), place(g)));
            prev = Some(g);
        }
    }
    out
}
