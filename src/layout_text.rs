//! Text that `pdftotext -layout` made of a PDF: its tables re-read by column
//! position, so that a wrapped label is one label and a blank cell is a blank
//! cell, whatever the cell's vertical alignment.
//!
//! Such text keeps a table's geometry in its spacing: each line is the glyphs
//! of one baseline, each glyph one column, placed at a column proportional
//! to its position. A Chinese character takes one column like a digit:
//! measured on generated and real PDFs, columns of numbers line up by
//! characters (spread 0.2–2 columns) and not by display width (3–4), so
//! columns are counted in characters. A row whose label wraps takes
//! several lines, with its numbers on the first (cells aligned to the top),
//! the middle (centred) or the last (bottom). The reader here:
//!
//! 1. finds the tables: the lines of sections 二 to 四 from the first line
//!    with columns to the last line with numbers;
//! 2. finds the value columns from the numbers of all lines (their centres
//!    cluster), and the label lanes from where label pieces start;
//! 3. gives each label piece to a row: a piece that starts with an enumerator
//!    (`3.`, `（四）`, `四、`) starts a row whose numbers are still to come; a
//!    piece without one continues that row, or, when no row is waiting, the
//!    row above; a line with numbers closes the waiting row;
//! 4. joins the pieces of a group label (`三、本` / `年度办` / `理结果`) into
//!    the first row they stand in, as a cell spanning rows is written;
//! 5. writes each row as the HTML reader writes a table row: cells separated
//!    by tabs, a blank cell kept in its column.
//!
//! The result maps every character back to the text, so diagnostics point
//! into the file as the user sees it.

use crate::html::Extracted;
use crate::source::OffsetMap;
use crate::template::SECTIONS;

/// A piece of a line between spaces: its text, columns (characters) and byte
/// offset in the whole text.
#[derive(Debug, Clone)]
struct Piece<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    byte: usize,
    /// Where words were joined to an enumerator one space before them
    /// (`(七) 总计`): their column and byte offset.
    joined: Option<(usize, usize)>,
}

/// The pieces of a line: runs of non-space characters; runs separated by a
/// single space where both sides are text (not numbers) are one piece.
fn pieces(line: &str, line_byte: usize) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece> = Vec::new();
    let mut col = 0;
    let mut run: Option<(usize, usize)> = None; // (byte in line, start col)
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        // A form feed (a page break) parts pieces and takes no column.
        if c == ' ' || c == '\u{3000}' || c == '\u{c}' {
            if let Some((b, s)) = run.take() {
                let text = &line[b..i];
                // `(七) 总计`: an enumerator and its words one space apart
                // are one piece (two labels side by side in narrow columns
                // are also one space apart: only an enumerator joins, and
                // never a group's enumerator to a row's, `（六） 1.申请人`).
                match out.last_mut() {
                    Some(prev)
                        if s == prev.end + 1
                            && !is_number(text)
                            && !starts_row(text)
                            && prev.text.chars().count() <= 4
                            && starts_row(&format!("{}x", prev.text)) =>
                    {
                        prev.text = &line[prev.byte - line_byte..i];
                        prev.end = col;
                        prev.joined = Some((s, line_byte + b));
                    }
                    _ => out.push(Piece { text, start: s, end: col, byte: line_byte + b, joined: None }),
                }
            }
        } else if run.is_none() {
            run = Some((i, col));
        }
        if i < line.len() {
            col += if c == '\u{c}' { 0 } else { 1 };
        }
    }
    out
}

/// Words joined to a group's enumerator (`（五） 机关确认或`) that start in
/// the column where rows' own labels start (`    5.要求行政`) are the
/// wrapped label of a row beside the group, not the group's words: the
/// piece is split in two. The column is one where at least two pieces that
/// start a row start, other than the enumerator's own.
fn split_at_label_column(lines: &mut [Vec<Piece<'_>>]) {
    let mut starts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for p in lines.iter().flatten() {
        if starts_row(p.text) {
            *starts.entry(p.start).or_default() += 1;
        }
    }
    for line in lines.iter_mut() {
        let mut out = Vec::with_capacity(line.len());
        for p in line.drain(..) {
            match p.joined {
                Some((col, byte))
                    if col != p.start
                        && starts.get(&col).is_some_and(|&n| n >= 2)
                        && heads_a_group(&p.text[..byte - p.byte]) =>
                {
                    let cut = byte - p.byte;
                    let head = p.text[..cut].trim_end();
                    out.push(Piece {
                        text: head,
                        start: p.start,
                        end: p.start + head.chars().count(),
                        byte: p.byte,
                        joined: None,
                    });
                    out.push(Piece { text: &p.text[cut..], start: col, end: p.end, byte, joined: None });
                }
                _ => out.push(p),
            }
        }
        *line = out;
    }
}

/// Whether `text` is the enumerator of a group of table 3 (`（五）` of
/// `（五）不予处理`), whose rows stand beside it; `（七）` of `（七）总计` is a
/// row's own.
fn heads_a_group(text: &str) -> bool {
    // The groups' labels, normalised once.
    static GROUPS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        let mut g: Vec<String> = crate::template::REQUESTS
            .rows
            .iter()
            .filter_map(|r| r.group)
            .map(|g| crate::normalize::normalize(g).text)
            .collect();
        g.dedup();
        g
    });
    let head = crate::normalize::normalize(text.trim()).text;
    head.chars().count() >= 3 && groups.iter().any(|g| g.starts_with(&head))
}

/// A cell's number (or a no-value mark): what the value columns hold.
fn is_number(s: &str) -> bool {
    let s = s.trim_start_matches(['-', '+']);
    (!s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && s.starts_with(|c: char| c.is_ascii_digit()))
        || matches!(s, "/" | "—" | "－" | "_")
}

fn starts_row(text: &str) -> bool {
    crate::parse::grammar::starts_with_enumerator(&crate::normalize::normalize(text).text)
}

/// Whether a line is a section heading (`三、收到和处理政府信息公开申请情况`).
fn section_of(line: &str) -> Option<u8> {
    // The words first (a substring test), the enumerator after (a parse):
    // most lines of a report have no section's words.
    let t = line.trim();
    if t.len() > 160 {
        return None;
    }
    let number = SECTIONS.iter().find(|s| s.keys.iter().any(|k| t.contains(k))).map(|s| s.number)?;
    (t.chars().count() <= 40 && starts_row(t)).then_some(number)
}

/// A row as written: its cells, each the pieces of text it joins with
/// their byte offsets in the source.
type OutRow = Vec<Vec<(String, usize)>>;

/// One row being built.
#[derive(Debug, Default)]
struct Row<'a> {
    /// Group label cells (`三、本年度办理结果`, `（三）不予公开`), left to right.
    groups: Vec<Vec<Piece<'a>>>,
    /// The row's own label, in line order.
    label: Vec<Piece<'a>>,
    /// Numbers by value column.
    values: Option<Vec<Option<Piece<'a>>>>,
}

impl<'a> Row<'a> {
    /// Adds a piece to the row's own label, or to a group cell: the one that
    /// starts where it starts, else a new one.
    fn add_piece(&mut self, p: Piece<'a>, own: bool) {
        if own {
            self.label.push(p);
            return;
        }
        match self.groups.iter_mut().find(|g| g[0].start.abs_diff(p.start) <= 3) {
            Some(g) => g.push(p),
            None => {
                self.groups.push(vec![p]);
                self.groups.sort_by_key(|g| g[0].start);
            }
        }
    }
}

/// The most value columns placed by position (table 4 has fifteen).
const MAX_COLUMNS: usize = 32;
/// The full lines nearest a line with blank cells that it is tried against.
const GUIDE_LINES: usize = 3;
/// The most lines a table is re-read from (a whole report has about 150).
const MAX_TABLE_LINES: usize = 2_000;

/// Calls `f` with every increasing choice of `n` columns of `0..k`.
fn choose(k: usize, n: usize, from: usize, pick: &mut Vec<usize>, f: &mut impl FnMut(&[usize])) {
    if pick.len() == n {
        f(pick);
        return;
    }
    for c in from..k {
        if k - c < n - pick.len() {
            break;
        }
        pick.push(c);
        choose(k, n, c + 1, pick, f);
        pick.pop();
    }
}

/// The start of the group label nearest to column `at`.
fn nearest_group(rows: &[Row], at: usize) -> Option<usize> {
    rows.iter().rev().flat_map(|r| r.groups.iter().map(|g| g[0].start)).min_by_key(|g| g.abs_diff(at))
}

/// The most common value.
fn mode(v: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for x in v {
        *counts.entry(x).or_insert(0) += 1;
    }
    counts.into_iter().max_by_key(|(x, n)| (*n, *x)).map(|(x, _)| x)
}

/// Numbers into value columns: in order, each as near its column's centre
/// as the order allows (fewest columns skipped by distance).
fn place_values<'a>(nums: &[Piece<'a>], centres: &[f64]) -> (f64, Vec<Option<Piece<'a>>>) {
    let (n, k) = (nums.len(), centres.len());
    // No table has more than fifteen value columns: a line of thousands of
    // numbers is kept in order, not placed (the placing grows with n × k).
    if n >= k || k == 0 || k > MAX_COLUMNS {
        // As many as the columns (or more: kept in order, none dropped).
        return (0.0, nums.iter().cloned().map(Some).collect());
    }
    // A few blank cells: every choice of the columns left blank is tried,
    // each judged after the line's own shift (pdftotext moves a line's
    // columns together: a shifted line is still in its columns).
    if k - n <= 3 {
        let xs: Vec<f64> = nums.iter().map(|p| (p.start + p.end) as f64 / 2.0).collect();
        let mut best: Option<(f64, Vec<usize>)> = None;
        let mut pick: Vec<usize> = Vec::with_capacity(n);
        choose(k, n, 0, &mut pick, &mut |cols| {
            let d: Vec<f64> = cols.iter().zip(&xs).map(|(&c, x)| x - centres[c]).collect();
            let mean = d.iter().sum::<f64>() / n as f64;
            let cost = d.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>();
            if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                best = Some((cost, cols.to_vec()));
            }
        });
        let mut out = vec![None; k];
        let mut least = 0.0;
        if let Some((cost, cols)) = best {
            least = cost;
            for (c, p) in cols.into_iter().zip(nums) {
                out[c] = Some(p.clone());
            }
        }
        return (least, out);
    }
    // cost[i][j]: best cost placing the first i numbers in the first j columns.
    let inf = f64::MAX / 4.0;
    let mut cost = vec![vec![inf; k + 1]; n + 1];
    for c in cost[0].iter_mut() {
        *c = 0.0;
    }
    for i in 1..=n {
        let x = (nums[i - 1].start + nums[i - 1].end) as f64 / 2.0;
        for j in i..=k {
            let take = cost[i - 1][j - 1] + (centres[j - 1] - x).abs();
            cost[i][j] = take.min(cost[i][j - 1]);
        }
    }
    let mut out = vec![None; k];
    let least = cost[n][k];
    let (mut i, mut j) = (n, k);
    while i > 0 && j > 0 {
        if cost[i][j] == cost[i][j - 1] && j > i {
            j -= 1;
        } else {
            out[j - 1] = Some(nums[i - 1].clone());
            i -= 1;
            j -= 1;
        }
    }
    (least, out)
}

/// Lines a text needs with a number set apart by a column's gap (two
/// spaces or more after other text) before it is read as `-layout` text:
/// the tables of a report give dozens; text with one cell per line, none.
const MIN_ALIGNED_LINES: usize = 5;

/// How many lines have a number after a gap of two spaces or more that
/// follows other text (`行政许可      2418`), counted cheaply, once.
fn aligned_lines(text: &str) -> usize {
    text.split('\n')
        .filter(|line| {
            let b = line.as_bytes();
            memchr::memmem::find_iter(b, b"  ").any(|at| {
                let before = b[..at].iter().any(|c| !c.is_ascii_whitespace());
                let after = b[at..].iter().find(|c| **c != b' ');
                before && after.is_some_and(u8::is_ascii_digit)
            })
        })
        .take(MIN_ALIGNED_LINES)
        .count()
}

/// Re-reads the tables of `pdftotext -layout` text; `None` when the text is
/// not such text (tabs, or no table of aligned numbers).
pub(crate) fn regrid<'t>(text: &'t str) -> Option<Extracted> {
    if text.contains('\t') || text.contains('|') || aligned_lines(text) < MIN_ALIGNED_LINES {
        return None;
    }
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for l in text.split('\n') {
        lines.push((at, l.strip_suffix('\r').unwrap_or(l)));
        at += l.len() + 1;
    }
    // Tables: the lines of sections 二 to 四.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(u8, usize)> = None;
    for (i, (_, l)) in lines.iter().enumerate() {
        if let Some(n) = section_of(l) {
            if let Some((s, from)) = current.take()
                && (2..=4).contains(&s)
            {
                blocks.push((from, i));
            }
            current = Some((n, i + 1));
        }
    }
    if let Some((s, from)) = current
        && (2..=4).contains(&s)
    {
        blocks.push((from, lines.len()));
    }
    let mut rows_out: Vec<(usize, usize, Vec<OutRow>)> = Vec::new();
    let mut value_lines = 0;
    for (from, to) in blocks {
        let mut parsed: Vec<Vec<Piece>> = lines[from..to].iter().map(|(b, l)| pieces(l, *b)).collect();
        split_at_label_column(&mut parsed);
        // A value line: numbers after its last label piece, at least one of
        // them after a gap (a column, not a figure in a sentence).
        let numbers_of = |ps: &[Piece]| -> usize { ps.iter().rev().take_while(|p| is_number(p.text)).count() };
        let is_values = |ps: &[Piece]| {
            let n = numbers_of(ps);
            n >= 1 && ps.len() >= 2 && {
                let first = ps.len() - n;
                first == 0 || ps[first].start >= ps[first - 1].end + 2
            }
        };
        let Some(first) =
            parsed.iter().position(|ps| ps.len() >= 2 && ps.windows(2).any(|w| w[1].start >= w[0].end + 2))
        else {
            continue;
        };
        let Some(last) = parsed.iter().rposition(|ps| is_values(ps)) else { continue };
        if last < first {
            continue;
        }
        // Label pieces after the last value line until a blank line.
        let mut end = last + 1;
        while end < parsed.len()
            && !parsed[end].is_empty()
            && parsed[end].iter().all(|p| p.start > 0 || p.text.chars().count() <= 12)
        {
            end += 1;
        }
        let table = &parsed[first..end];
        if table.len() > MAX_TABLE_LINES {
            continue;
        }
        // Value columns: the numbers of the lines that have the most common
        // count of them; a line with fewer keeps them in order, each in the
        // nearest column (a blank cell stays a blank cell).
        let counts: Vec<usize> = table.iter().filter(|ps| is_values(ps)).map(|ps| numbers_of(ps)).collect();
        let k = mode(counts.iter().copied().filter(|&n| n >= 2)).unwrap_or(1);
        // A line with as many numbers as the table has columns is a value
        // line even where one space parts its label from its first number
        // (a narrow label column: `内部事务信 40   0  0 …`).
        let is_values = |ps: &[Piece]| is_values(ps) || (k >= 3 && ps.len() > k && numbers_of(ps) == k);
        // Each line with all its numbers gives the columns' centres; a line
        // with fewer is placed against the nearest such lines (pdftotext's
        // columns drift down a page, so the nearest lines are the best
        // guide), whichever of them it fits best (a line whose long label
        // pushed its numbers right spaces them otherwise).
        let full: Vec<(usize, Vec<f64>)> = table
            .iter()
            .enumerate()
            .filter(|(_, ps)| is_values(ps) && numbers_of(ps) == k)
            .map(|(i, ps)| (i, ps[ps.len() - k..].iter().map(|p| (p.start + p.end) as f64 / 2.0).collect()))
            .collect();
        let place_near = |line: usize, nums: &[Piece<'t>]| -> Vec<Option<Piece<'t>>> {
            let mut near: Vec<&(usize, Vec<f64>)> = full.iter().collect();
            near.sort_by_key(|(i, _)| i.abs_diff(line));
            let mut best: Option<(f64, Vec<Option<Piece>>)> = None;
            for (_, centres) in near.into_iter().take(GUIDE_LINES) {
                let (cost, placed) = place_values(nums, centres);
                if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                    best = Some((cost, placed));
                }
            }
            best.map_or_else(|| place_values(nums, &[]).1, |(_, placed)| placed)
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut waiting: Option<usize> = None;
        for (line, ps) in table.iter().enumerate() {
            let n = if is_values(ps) { numbers_of(ps) } else { 0 };
            let (labels, nums) = ps.split_at(ps.len() - n);
            if n > 0 {
                value_lines += 1;
                let own = labels.last();
                // A group's enumerator left of the waiting row's label
                // (`（三）   0 0 …` under `4.保护第三`, the group cell centred
                // on the row's numbers) heads that row; it starts no row.
                let waiting_start = waiting.and_then(|w| rows[w].label.first().map(|q| q.start));
                let heads_waiting =
                    |p: &Piece| heads_a_group(p.text) && waiting_start.is_some_and(|start| start > p.start);
                let target = match waiting {
                    Some(w) if own.is_none_or(|p| !starts_row(p.text) || heads_waiting(p)) => w,
                    _ => {
                        rows.push(Row::default());
                        rows.len() - 1
                    }
                };
                // The row's own label is the last piece, unless the row
                // has its label already and the piece starts nearer a group
                // label (`本年` of a vertical `本年度办理结果` on the line of
                // a wrapped row's numbers).
                let row_start = rows[target].label.first().map(|q| q.start);
                for (i, p) in labels.iter().enumerate() {
                    let group_start = nearest_group(&rows, p.start);
                    let in_group = heads_waiting(p)
                        || match (row_start, group_start) {
                            (Some(r), Some(g)) => p.start < r && g.abs_diff(p.start) < r.abs_diff(p.start),
                            _ => false,
                        };
                    rows[target].add_piece(p.clone(), i + 1 == labels.len() && !in_group);
                }
                rows[target].values = Some(place_near(line, nums));
                waiting = None;
            } else {
                // The row a group label opened on this line, if any.
                let mut opened_here = None;
                for (i, p) in labels.iter().enumerate() {
                    // Its part: pieces left of another on the line are group
                    // labels; the last is the row's own, unless it starts
                    // nearer a group label of the row it would join (or of
                    // a row above) than that row's own label.
                    let joins = waiting.or(rows.len().checked_sub(1));
                    let row_start = joins.and_then(|r| rows[r].label.first().map(|q| q.start));
                    let group_start = nearest_group(&rows, p.start);
                    let is_group = i + 1 < labels.len()
                        || match (row_start, group_start) {
                            (Some(r), Some(g)) => g.abs_diff(p.start) < r.abs_diff(p.start),
                            (Some(r), None) => p.start + 2 < r,
                            _ => false,
                        };
                    if starts_row(p.text) && !is_group {
                        // A row whose numbers are still to come (unless the
                        // waiting row has no label of its own yet).
                        match waiting {
                            Some(w) if rows[w].label.is_empty() => rows[w].add_piece(p.clone(), true),
                            _ => {
                                let mut r = Row::default();
                                r.add_piece(p.clone(), true);
                                rows.push(r);
                                waiting = Some(rows.len() - 1);
                            }
                        }
                    } else if starts_row(p.text) {
                        // A new group: it heads the row still to come.
                        let w = match waiting {
                            Some(w) => w,
                            None => {
                                rows.push(Row::default());
                                waiting = Some(rows.len() - 1);
                                opened_here = waiting;
                                rows.len() - 1
                            }
                        };
                        rows[w].add_piece(p.clone(), false);
                    } else if let Some(r) = joins {
                        // A wrapped label's tail on the line of a new group
                        // (`（三）不  益`) ends the row above when it starts
                        // nearer that row's label than any group label, not
                        // the row still to come.
                        let r = match waiting {
                            Some(w) if !is_group && opened_here == Some(w) && rows[w].label.is_empty() => (0..w)
                                .rev()
                                .find(|&o| !rows[o].label.is_empty())
                                .filter(|&o| {
                                    let own = rows[o].label[0].start.abs_diff(p.start);
                                    group_start.is_none_or(|g| own < g.abs_diff(p.start))
                                })
                                .unwrap_or(r),
                            _ => r,
                        };
                        rows[r].add_piece(p.clone(), !is_group);
                    } else {
                        let mut r = Row::default();
                        r.add_piece(p.clone(), true);
                        rows.push(r);
                    }
                }
            }
        }
        // Group labels: a piece that starts no group of its own joins the
        // group cell above it that starts where it starts.
        for r in 0..rows.len() {
            let mut kept = Vec::new();
            for cell in std::mem::take(&mut rows[r].groups) {
                let head = &cell[0];
                let owner = (!starts_row(head.text)).then(|| {
                    (0..r).rev().find_map(|o| {
                        rows[o].groups.iter().position(|g| g[0].start.abs_diff(head.start) <= 3).map(|i| (o, i))
                    })
                });
                match owner.flatten() {
                    Some((o, i)) => rows[o].groups[i].extend(cell),
                    None => kept.push(cell),
                }
            }
            rows[r].groups = kept;
        }
        let out_rows = rows
            .into_iter()
            .map(|r| {
                let text = |ps: &[Piece]| ps.iter().map(|p| (p.text.to_string(), p.byte)).collect::<Vec<_>>();
                let mut cells: Vec<Vec<(String, usize)>> = r.groups.iter().map(|g| text(g)).collect();
                cells.push(text(&r.label));
                if let Some(values) = r.values {
                    let filled = values.iter().filter(|v| v.is_some()).count();
                    let all = filled * 2 >= values.len() && values.len() > 1;
                    for v in values {
                        match v {
                            Some(p) => cells.push(vec![(p.text.to_string(), p.byte)]),
                            None if all => cells.push(Vec::new()),
                            None => {}
                        }
                    }
                }
                cells
            })
            .collect();
        rows_out.push((from + first, from + end, out_rows));
    }
    if value_lines < 5 {
        return None;
    }
    // Write: lines outside the tables as they are, each table as its rows.
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut i = 0;
    let mut tables = rows_out.into_iter().peekable();
    while i < lines.len() {
        if tables.peek().is_some_and(|t| t.0 == i)
            && let Some((_, to, rows)) = tables.next()
        {
            for cells in rows {
                let n = cells.len();
                for (k, cell) in cells.into_iter().enumerate() {
                    if k > 0 {
                        out.push('\t');
                    }
                    let mut prev_ascii = false;
                    for (j, (t, byte)) in cell.into_iter().enumerate() {
                        if j > 0 && prev_ascii && t.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                            out.push(' ');
                        }
                        map.mark(out.len(), byte);
                        out.push_str(&t);
                        map.mark(out.len(), byte + t.len());
                        prev_ascii = t.ends_with(|c: char| c.is_ascii_alphanumeric());
                    }
                }
                if n > 1 && out.ends_with('\t') {
                    out.push('\t');
                }
                out.push('\n');
            }
            i = to;
            continue;
        }
        let (byte, l) = lines[i];
        map.mark(out.len(), byte);
        out.push_str(l);
        if i + 1 < lines.len() {
            out.push('\n');
        }
        i += 1;
    }
    Some(Extracted::from_parts(out, map, text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line as `pdftotext -layout` writes one: the label from `indent`,
    /// each value at its column (a blank value leaves its column empty).
    fn line(indent: usize, label: &str, values: &[&str]) -> String {
        const COLUMNS: [usize; 7] = [40, 47, 52, 58, 63, 68, 73];
        let mut s = " ".repeat(indent) + label;
        let mut col = indent + label.chars().count();
        for (v, c) in values.iter().zip(COLUMNS) {
            if v.is_empty() {
                continue;
            }
            s.push_str(&" ".repeat(c.saturating_sub(col).max(1)));
            s.push_str(v);
            col = col.max(c) + v.len();
        }
        s + "\n"
    }

    #[test]
    fn top_aligned_wrapped_labels_keep_their_rows_and_blank_cells() {
        let zeros = ["0"; 7];
        let text = [
            "三、收到和处理政府信息公开申请情况\n".to_string(),
            line(36, "申请人情况", &[]),
            line(0, "一、本年新收政府信息公开申请数量", &["93", "9", "9", "20", "18", "11", "160"]),
            line(5, "（四）无法  1.本机关不掌握相", &["0", "0", "0", "0", "4", "0", "4"]),
            line(5, "提供     关政府信息", &[]),
            line(12, "2.没有现成信息需", &zeros),
            line(12, "要另行制作", &[]),
            line(12, "3.补正后申请内容", &["32", "0", "0", "", "0", "0", "32"]),
            line(12, "仍不明确", &[]),
            line(12, "4.其他", &["1", "1", "1", "1", "1", "1", "6"]),
            "四、政府信息公开行政复议、行政诉讼情况\n".to_string(),
        ]
        .concat();
        let e = regrid(&text).expect("regrid");
        assert!(e.text.contains("\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t4\t0\t4\n"), "{}", e.text);
        assert!(e.text.contains("2.没有现成信息需要另行制作\t0\t"), "{}", e.text);
        assert!(e.text.contains("3.补正后申请内容仍不明确\t32\t0\t0\t\t0\t0\t32"), "{}", e.text);
        assert!(e.text.contains("（四）无法提供\t1.本机关"), "{}", e.text);
    }

    #[test]
    fn a_line_of_forty_thousand_numbers_is_bounded() {
        let many = |n: usize| vec!["1"; n].join(" ");
        let text = format!(
            "二、主动公开政府信息情况\n规章  {}\n行政许可  {}\n{}",
            many(40_000),
            many(39_999),
            "行政处罚  1  2  3\n".repeat(5)
        );
        // Placing 40 000 numbers in 40 000 columns by position would ask for
        // 12.8 GB: such a line is kept in order instead.
        let e = regrid(&text).expect("a table");
        assert!(e.text.len() < 2 * text.len());
    }

    #[test]
    fn centred_labels_take_the_lines_around_their_numbers() {
        let text = "三、收到和处理政府信息公开申请情况\n\
                          申请人情况\n\
一、本年新收政府信息公开申请数量       93   9    9     20    18    11   160\n\
            1.本机关不掌握相\n\
            关政府信息          0      0    0     0    4    0    4\n\
            2.没有现成信息需\n\
            要另行制作          1      0    0     0    0    0    1\n\
            3.补正后申请内容    32     0    0     0    0    0    32\n\
            仍不明确\n\
            4.其他              1      1    1     1    1    1    6\n\
            5.其他              1      1    1     1    1    1    6\n\
四、政府信息公开行政复议、行政诉讼情况\n";
        let e = regrid(text).expect("regrid");
        assert!(e.text.contains("1.本机关不掌握相关政府信息\t0\t0"), "{}", e.text);
        assert!(e.text.contains("2.没有现成信息需要另行制作\t1\t0"), "{}", e.text);
        assert!(e.text.contains("3.补正后申请内容仍不明确\t32"), "{}", e.text);
        // Every character maps back to the text.
        let at = e.text.find("仍不明确").expect("piece");
        assert!(text[e.source_offset(at)..].starts_with("仍不明确"));
    }
}
