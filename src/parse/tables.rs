//! The three statistical tables, found by their labels and placed by the
//! template, whatever the layout: tab-separated rows with merged cells
//! flattened, one cell per line (with or without `|`), markdown pipe tables,
//! space-separated PDF text, or crawls whose cells are glued together.
//!
//! A row is found by its key (see [`crate::template::RowDef::key`]); its label
//! is then grown to as much of the standard label as the text agrees with; the
//! row's values are the value cells between the end of its label and the start
//! of the next label found. Columns are assigned by the template's order.

use super::cells::{CellText, cell_value, number_prefix};
use super::glued::{self, Choice, Columns, Constraint, Piece, Reading, Readings, Slot};
use super::labels;
use crate::diagnostic::{Diagnostic, Msg};
use crate::model::{Cell, Loose, Row, Span, Table, Value};
use crate::normalize::Normalized;
use crate::template::{self, Format, RowDef, TableDef};

/// A token of a value region.
#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    Value(CellText),
    /// An explicitly empty cell (between two cell separators).
    Blank,
    Text,
}

/// A token with its byte range in the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
}

impl Tok {
    pub fn is_value(&self) -> bool {
        matches!(self.kind, TokKind::Value(_))
    }
    fn is_cell(&self) -> bool {
        !matches!(self.kind, TokKind::Text)
    }
}

/// How `|` is used in a stretch of text: as the end of every cell (`0 |` on
/// each line, so a lone `|` is a blank cell), or between cells (markdown rows,
/// or lone `|` lines between one-cell lines, which are then no cells).
pub fn pipes_terminate(text: &str) -> bool {
    let (mut term, mut other) = (0usize, 0usize);
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.chars().all(|c| c == '|') {
            continue;
        }
        if t.ends_with('|') && !t.starts_with('|') {
            term += 1;
        } else {
            other += 1;
        }
    }
    term > other
}

/// Splits `text[from..to]` into value, blank and text tokens. `after_label`:
/// the stretch starts right after a label cell, whose own terminating
/// separator is no blank cell.
pub fn tokenize(text: &str, from: usize, to: usize, terminator_pipes: bool, after_label: bool) -> Vec<Tok> {
    let mut toks = Vec::new();
    let Some(region) = text.get(from..to) else { return toks };
    let mut piece_start = 0;
    let mut left = '\n';
    let mut first = after_label;
    let mut pieces: Vec<(usize, usize, char, Option<char>)> = Vec::new();
    for (i, c) in region.char_indices() {
        if matches!(c, '\t' | '|' | '\n') {
            pieces.push((piece_start, i, left, Some(c)));
            piece_start = i + 1;
            left = c;
        }
    }
    pieces.push((piece_start, region.len(), left, None));
    for (s, e, left, right) in pieces {
        let piece = &region[s..e];
        let is_first = std::mem::take(&mut first);
        if piece.trim().is_empty() {
            let Some(right) = right.filter(|r| *r == '\t' || *r == '|') else { continue };
            if is_first {
                continue;
            }
            if right == '|' && left == '\n' && !terminator_pipes {
                continue;
            }
            toks.push(Tok { kind: TokKind::Blank, start: from + e, end: from + e + 1 });
            continue;
        }
        let trimmed = piece.trim();
        if trimmed.len() >= 3 && trimmed.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
            continue; // markdown header rule |---|
        }
        if left == '\n' && right.is_none_or(|r| r == '\n') && is_page_mark(trimmed) {
            continue;
        }
        let mut off = 0;
        let piece_toks = toks.len();
        for word in piece.split(' ') {
            let ws = from + s + off;
            off += word.len() + 1;
            if word.is_empty() || word.chars().all(|c| c == '#') {
                continue;
            }
            words_to_tokens(word, ws, &mut toks, piece_toks);
        }
    }
    toks
}

/// A page number line of PDF text: `— 4 —`, `- 12 -`.
fn is_page_mark(line: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–');
    let inner = line.trim_matches(|c: char| dash(c) || c == ' ');
    line.starts_with(dash) && line.ends_with(dash) && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// Adds the tokens of one space-free word: alternating numbers and text
/// (`总计110024001510102`, `2629第二十条`). Text of one cell (tokens from
/// `piece_start` on) merges into one text token.
fn words_to_tokens(word: &str, at: usize, out: &mut Vec<Tok>, piece_start: usize) {
    let mut pos = 0;
    while pos < word.len() {
        let rest = &word[pos..];
        // A number: the run of number characters and a unit after it. Only
        // that bounded slice is parsed, so a long word costs linear time.
        let numeric =
            rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-'))).unwrap_or(rest.len());
        let slice_end = rest[numeric..].char_indices().nth(2).map_or(rest.len(), |(i, _)| numeric + i);
        let slice = &rest[..slice_end];
        if numeric > 0 || rest.chars().count() <= 2 {
            if let Some(v) = cell_value(slice).filter(|_| slice_end == rest.len()) {
                out.push(Tok { kind: TokKind::Value(v), start: at + pos, end: at + word.len() });
                return;
            }
            if let Some((len, v)) = number_prefix(slice).or_else(|| cell_value(&rest[..numeric]).map(|v| (numeric, v)))
            {
                out.push(Tok { kind: TokKind::Value(v), start: at + pos, end: at + pos + len });
                pos += len;
                continue;
            }
        }
        // Text up to the next digit (a digit right after text starts a number).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..].find(|c: char| c.is_ascii_digit()).map_or(rest.len(), |i| first + i);
        let (s, e) = (at + pos, at + pos + end);
        let merge = out.len() > piece_start && out.last().is_some_and(|l| l.kind == TokKind::Text);
        match out.last_mut() {
            Some(last) if merge => last.end = e,
            _ => out.push(Tok { kind: TokKind::Text, start: s, end: e }),
        }
        pos += end;
    }
}

/// What the values after a label came to.
#[derive(Debug, Clone, PartialEq)]
pub enum RowValues {
    /// Exactly the row's width of cells (values or blanks), in column order.
    Cells(Vec<Tok>),
    /// Fewer cells than columns, with digit runs that may hold several cells.
    Glued(Vec<Tok>),
    /// A number of cells that cannot be placed in the columns.
    Malformed(Vec<Tok>),
    /// No value at all.
    Missing,
}

/// The text tokens of a region that come after its first values (or all of
/// them where the region has no values), each with the values that follow.
fn loose_text(toks: &[Tok]) -> Vec<(usize, usize, usize)> {
    let first_value = toks.iter().position(Tok::is_value);
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Text).count();
    let skip = match first_value {
        // Label tails before the values belong to the label.
        Some(_) if lead <= 3 => lead,
        _ => 0,
    };
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate().skip(skip) {
        if t.kind == TokKind::Text {
            let after = toks[i + 1..].iter().take_while(|t| t.is_cell()).filter(|t| t.is_value()).count();
            out.push((t.start, t.end, after));
        }
    }
    out
}

/// Whether a token is a run of bare digits that could hold several cells.
pub fn is_digit_run(text: &str, t: &Tok) -> bool {
    let s = &text[t.start..t.end];
    s.len() >= 2 && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Picks a row's `k` cells out of the tokens that follow its label.
pub fn take_values(text: &str, toks: &[Tok], k: usize) -> RowValues {
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Text).count();
    if lead > 3 {
        return RowValues::Missing;
    }
    // The run of cells; a short text between two cells of a separated row
    // (`0\t若干\t0`) is a cell holding text (C401), not the row's end.
    let mut run: Vec<Tok> = Vec::new();
    for (i, t) in toks[lead..].iter().enumerate() {
        let sandwiched = t.kind == TokKind::Text
            && text[t.start..t.end].chars().count() <= 4
            && run.last().is_some_and(Tok::is_cell)
            && toks.get(lead + i + 1).is_some_and(Tok::is_cell)
            && text[..t.start].ends_with(['\t', '|', ' '])
            && text[t.end..].starts_with(['\t', '|', ' ']);
        if !(t.is_cell() || sandwiched) {
            break;
        }
        run.push(t.clone());
    }
    let run = if run.iter().filter(|t| t.kind == TokKind::Text).count() > 0
        && run.iter().filter(|t| t.kind != TokKind::Blank).count() != k
    {
        // Text only counts as a cell when it makes the row complete.
        run.into_iter().take_while(Tok::is_cell).collect()
    } else {
        run
    };
    let values = run.iter().filter(|t| t.kind != TokKind::Blank).count();
    if values == 0 {
        return if run.len() >= k && k > 0 { RowValues::Cells(run[..k].to_vec()) } else { RowValues::Missing };
    }
    if values == k {
        return RowValues::Cells(run.into_iter().filter(|t| t.kind != TokKind::Blank).collect());
    }
    if values > k {
        return RowValues::Malformed(run);
    }
    let stripped_len = run.len() - run.iter().rev().take_while(|t| t.kind == TokKind::Blank).count();
    if stripped_len >= k {
        return RowValues::Cells(run[stripped_len - k..stripped_len].to_vec());
    }
    if run.len() >= k {
        return RowValues::Cells(run[..k].to_vec());
    }
    // Digits may run together inside one cell (no separator, or spaces); cells
    // that a tab, `|` or a line break keeps apart are cells of their own.
    let values: Vec<&Tok> = run.iter().filter(|t| t.is_value()).collect();
    let separated = values.windows(2).any(|w| text[w[0].end..w[1].start].contains(['\t', '|', '\n']));
    let mut digits = values.iter().filter(|t| is_digit_run(text, t)).peekable();
    if digits.peek().is_some() && !separated {
        RowValues::Glued(run.into_iter().filter(Tok::is_value).collect())
    } else {
        RowValues::Malformed(run)
    }
}

/// Turns a value token into a model cell.
pub fn to_cell(norm: &Normalized, tok: &Tok) -> Cell {
    let (s, e) = norm.to_source(tok.start, tok.end);
    let raw = match tok.kind {
        TokKind::Blank => String::new(),
        _ => norm.text[tok.start..tok.end].to_string(),
    };
    let (value, unit) = match &tok.kind {
        TokKind::Value(CellText::Number { value, integer, unit, .. }) => {
            (integer.map_or(Value::Decimal(*value), Value::Int), unit.clone())
        }
        TokKind::Value(CellText::Dash) | TokKind::Blank => (Value::Empty, None),
        TokKind::Text => (Value::Invalid, None),
    };
    Cell { value, raw, unit, span: Span::new(s, e), recovered: false }
}

/// A row found in the text, before its values are placed.
#[derive(Debug, Clone)]
pub struct FoundRow {
    pub def: &'static RowDef,
    pub label_start: usize,
    pub label_end: usize,
    pub values: RowValues,
    /// The next label starts with an enumerator digit glued to this row's
    /// last digit run (`…3100000312.没有现成…`): that digit may be a value.
    pub enum_digit: Option<usize>,
    /// Text after the row's values, before the next row (normalised ranges,
    /// values after each).
    pub loose: Vec<(usize, usize, usize)>,
}

/// Finds the rows of `def` in `text[from..to]`.
pub fn find_rows(text: &str, def: &'static TableDef, from: usize, to: usize) -> Vec<FoundRow> {
    // 1. Keys in template order, each after the previous one found.
    let mut hits: Vec<(&'static RowDef, usize, usize, Vec<char>)> = Vec::new();
    let mut cursor = from;
    for row in def.rows {
        let key = labels::pattern(row.key);
        if let Some((s, e)) = labels::find(text, cursor, to, &key) {
            hits.push((row, s, e, key));
            cursor = e;
        }
    }
    // 1b. Rows not found in order (PDF extraction displaces cells): anywhere
    //     in the window, outside the labels already found.
    for row in def.rows {
        if hits.iter().any(|h| h.0.id == row.id) {
            continue;
        }
        let key = labels::pattern(row.key);
        let mut at = from;
        while let Some((s, e)) = labels::find(text, at, to, &key) {
            if !hits.iter().any(|h| s < h.2 && h.1 < e) {
                hits.push((row, s, e, key));
                break;
            }
            at = e;
        }
    }
    hits.sort_by_key(|h| h.1);
    // 2. A key written twice before the next row (a heading above a table
    //    row, as in split markdown tables): the later one carries the values.
    for i in 0..hits.len() {
        let bound = hits.get(i + 1).map_or(to, |h| h.1);
        let (_, _, e, ref key) = hits[i];
        if let Some((s2, e2)) = labels::rfind(text, e, bound, key) {
            hits[i].1 = s2;
            hits[i].2 = e2;
        }
    }
    // 3. Labels grown to the standard text; regions between labels.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(hits.len());
    for (i, (row, s, e, key)) in hits.iter().enumerate() {
        let lo = spans.last().map_or(from, |p| p.1);
        let hi = hits.get(i + 1).map_or(to, |h| h.1);
        let label = labels::pattern(row.label);
        spans.push(labels::extend(text, *s, *e, &label, key, lo.min(*s), hi.max(*e)));
    }
    let terminator = pipes_terminate(&text[from..to]);
    let mut rows = Vec::with_capacity(hits.len());
    for (i, (row, _, _, _)) in hits.iter().enumerate() {
        let (ls, le) = spans[i];
        let region_end = spans.get(i + 1).map_or(to, |n| n.0).max(le);
        let toks = tokenize(text, le, region_end, terminator, true);
        let values = take_values(text, &toks, row.width());
        let enum_digit = spans
            .get(i + 1)
            .map(|n| n.0)
            .filter(|&n| n == region_end && text[n..].starts_with(|c: char| c.is_ascii_digit()))
            .filter(|&n| text[..n].ends_with(|c: char| c.is_ascii_digit()));
        rows.push(FoundRow { def: row, label_start: ls, label_end: le, values, enum_digit, loose: loose_text(&toks) });
    }
    rows
}

/// The values of table 4: the value cells that follow header words, in order.
pub fn find_review_values(text: &str, from: usize, to: usize) -> (Vec<Tok>, Option<(usize, usize)>) {
    let terminator = pipes_terminate(&text[from..to]);
    let toks = tokenize(text, from, to, terminator, false);
    let words: Vec<Vec<char>> = template::REVIEW_HEADER_WORDS.iter().map(|w| labels::pattern(w)).collect();
    let is_header = |t: &Tok| {
        let mut s: String = text[t.start..t.end].to_string();
        let mut any = false;
        for (w, pat) in template::REVIEW_HEADER_WORDS.iter().zip(&words) {
            if labels::find(&s, 0, s.len(), pat).is_some() {
                any = true;
                s = s.replace(w, "");
            }
        }
        any && s
            .chars()
            .filter(|c| !c.is_ascii_punctuation() && !c.is_whitespace() && !matches!(c, '（' | '）'))
            .count()
            <= 2
    };
    let mut header_span: Option<(usize, usize)> = None;
    let mut after_header = false;
    let mut run: Vec<Tok> = Vec::new();
    let mut out: Vec<Tok> = Vec::new();
    for t in toks {
        match t.kind {
            TokKind::Text => {
                if run.iter().any(Tok::is_value) {
                    out.append(&mut run);
                }
                run.clear();
                after_header = is_header(&t);
                if after_header {
                    header_span = Some(header_span.map_or((t.start, t.end), |(s, _)| (s, t.end)));
                } else if !out.is_empty() {
                    break;
                }
            }
            _ if after_header => run.push(t),
            _ => {}
        }
    }
    if run.iter().any(Tok::is_value) {
        out.append(&mut run);
    }
    (out, header_span)
}

/// The readings of a glued run, with its variants: the next label's
/// enumerator digit taken as a value, and a year glued to the prose that
/// follows (`…30000032024年，本机关…`) left out.
fn glued_readings(text: &str, toks: &[Tok], k: usize, constraint: Constraint, enum_digit: Option<usize>) -> Readings {
    let pieces: Vec<Piece> = toks
        .iter()
        .map(|t| {
            let s = &text[t.start..t.end];
            Piece { text: s.to_string(), start: t.start, single: !s.bytes().all(|b| b.is_ascii_digit()) }
        })
        .collect();
    let mut all = glued::readings(&pieces, k, constraint);
    let Some(last) = pieces.last().filter(|p| !p.single) else { return all };
    let last_end = last.start + last.text.len();
    if let Some(d) = enum_digit.filter(|&d| d == last_end) {
        let mut longer = pieces.clone();
        if let Some(l) = longer.last_mut() {
            l.text.push_str(&text[d..d + 1]);
        }
        all.merge(glued::readings(&longer, k, constraint));
    }
    let year = last.text.len() >= 5 && text[last_end..].starts_with('年');
    if year && last.text[last.text.len() - 4..].parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y)) {
        let mut shorter = pieces.clone();
        if let Some(l) = shorter.last_mut() {
            l.text.truncate(l.text.len() - 4);
        }
        all.merge(glued::readings(&shorter, k, constraint));
    }
    all
}

/// Model cells from a reading, marked as recovered.
fn cells_of(norm: &Normalized, reading: &Reading) -> Vec<Option<Cell>> {
    reading
        .iter()
        .map(|&(_, s, e)| {
            let raw = &norm.text[s..e];
            let kind = cell_value(raw).map_or(TokKind::Text, TokKind::Value);
            let mut cell = to_cell(norm, &Tok { kind, start: s, end: e });
            cell.recovered = true;
            Some(cell)
        })
        .collect()
}

fn known_values(cells: &[Option<Cell>]) -> Vec<Option<i64>> {
    cells.iter().map(|c| c.as_ref().and_then(Cell::int)).collect()
}

/// Resolves the glued rows of a table: each row by its own sums, then (table
/// 3) the rest jointly by the column sums.
fn resolve_glued(
    norm: &Normalized,
    def: &'static TableDef,
    rows: &mut [Row],
    glued: &[Option<(Readings, Vec<Tok>)>],
    diags: &mut Vec<Diagnostic>,
) {
    let text = norm.text.as_str();
    let mut slots: Vec<Slot> = Vec::with_capacity(rows.len());
    for (row, g) in rows.iter_mut().zip(glued) {
        let slot = match g {
            None => Slot::Known(known_values(&row.cells)),
            Some((r, _)) => {
                let (cands, consistent) = r.candidates();
                if consistent && cands.len() == 1 {
                    row.cells = cells_of(norm, &cands[0]);
                    Slot::Known(known_values(&row.cells))
                } else {
                    Slot::Choice(cands.to_vec())
                }
            }
        };
        slots.push(slot);
    }
    let idx = |id: &str| rows.iter().position(|r| r.def.id == id);
    let choices = if def.id == template::REQUESTS.id {
        let sub_rows = rows.iter().any(|r| r.def.formats == [Format::F2021]);
        let leaves: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                template::outcome_leaves(Format::F2021).any(|l| l.id == r.def.id)
                    || (!sub_rows && r.def.id == "other.undivided")
            })
            .map(|(i, _)| i)
            .collect();
        let cols = Columns {
            leaves,
            total: idx("outcome_total"),
            new: idx("new_received"),
            carried: idx("carried_over"),
            forward: idx("carried_forward"),
        };
        glued::solve_columns(&slots, &cols, template::REQUEST_COLUMNS.len())
    } else {
        vec![None; slots.len()]
    };
    for (i, (row, g)) in rows.iter_mut().zip(glued).enumerate() {
        let (Some((readings, toks)), Slot::Choice(cands)) = (g, &slots[i]) else { continue };
        let consistent = !readings.consistent.is_empty();
        let pick = match choices.get(i).cloned().flatten() {
            Some(Choice::Unique(c)) => Some(c),
            Some(_) => None,
            None => (cands.len() == 1).then_some(0),
        };
        if let Some(reading) = pick.and_then(|c| cands.get(c)) {
            row.cells = cells_of(norm, reading);
            continue;
        }
        if consistent {
            row.readings = cands.iter().map(|r| r.iter().map(|c| c.0).collect()).collect();
        }
        // Balanced readings (no very long cell) first: the likelier ones.
        let mut order: Vec<&Reading> = cands.iter().collect();
        order.sort_by_key(|r| {
            (r.iter().map(|c| c.2 - c.1).max().unwrap_or(0), r.iter().map(|c| c.2 - c.1).collect::<Vec<_>>())
        });
        let shown: Vec<String> = order.iter().take(6).map(|r| glued::show(text, r)).collect();
        let more = cands.len().saturating_sub(shown.len());
        let digits: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        let label = row.label.trim().to_string();
        let (digits, width, n) = (digits.join(" "), row.cells.len(), cands.len());
        let (code, message) = if !readings.any {
            (
                "S107",
                Msg::new(
                    format!("row `{label}`: the digits `{digits}` cannot be read as {width} cells"),
                    format!("“{label}”行：连在一起的数字“{digits}”无法拆成 {width} 个单元格"),
                ),
            )
        } else if consistent {
            (
                "S109",
                Msg::new(
                    format!(
                        "row `{label}`: the digits `{digits}` can be read in {n} ways as {width} cells; the values are left unknown"
                    ),
                    format!(
                        "“{label}”行：连在一起的数字“{digits}”有 {n} 种拆法可以拆成 {width} 个单元格，无法确定，数值暂不采用"
                    ),
                ),
            )
        } else {
            (
                "S107",
                Msg::new(
                    format!("row `{label}`: no way of reading the digits `{digits}` as {width} cells adds up"),
                    format!("“{label}”行：连在一起的数字“{digits}”无论怎样拆成 {width} 个单元格，合计都对不上"),
                ),
            )
        };
        let mut d = Diagnostic::new(code, message).primary(row.label_span, Msg::new("this row", "该行"));
        for t in toks {
            let (s, e) = norm.to_source(t.start, t.end);
            d = d.secondary(Span::new(s, e), Msg::new("digits run together", "数字连在一起"));
        }
        if !shown.is_empty() {
            let list = shown.join(", ");
            let more_en = if more > 0 { format!(" (and {more} more)") } else { String::new() };
            let more_zh = if more > 0 { format!("（另有 {more} 种）") } else { String::new() };
            d = d.note(if consistent {
                Msg::new(format!("readings: {list}{more_en}"), format!("可能的拆法：{list}{more_zh}"))
            } else {
                Msg::new(format!("closest readings: {list}{more_en}"), format!("最接近的拆法：{list}{more_zh}"))
            });
        }
        if readings.truncated {
            d = d.note(Msg::new("the run is too long to try every reading", "数字串过长，无法逐一尝试所有拆法"));
        }
        diags.push(d.help(Msg::new(
            "separate the cells of the row (tabs or a table) so that each number stands alone",
            "请用表格或制表符分隔该行的单元格，使每个数字单独成格",
        )));
    }
}

/// Parses one table in the window `[from, to)` of the normalised text.
pub fn parse_table(
    norm: &Normalized,
    def: &'static TableDef,
    from: usize,
    to: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let text = norm.text.as_str();
    let found = find_rows(text, def, from, to);
    if found.is_empty() {
        return None;
    }
    let constraint = if def.id == template::REQUESTS.id { Constraint::RowTotal } else { Constraint::Free };
    let map = |s: usize, e: usize| {
        let (a, b) = norm.to_source(s, e);
        Span::new(a, b)
    };
    let mut rows = Vec::new();
    let mut glued = Vec::new();
    let mut loose = Vec::new();
    let first_label = found.first().map_or(to, |f| f.label_start);
    let header_toks = tokenize(text, from, first_label, pipes_terminate(&text[from..to]), false);
    for (s, e, after) in loose_text(&header_toks).into_iter().chain(found.iter().flat_map(|f| f.loose.iter().copied()))
    {
        loose.push(Loose { text: text[s..e].to_string(), span: map(s, e), values_after: after });
    }
    for f in found {
        let label_span = map(f.label_start, f.label_end);
        let label = text[f.label_start..f.label_end].to_string();
        let mut cells: Vec<Option<Cell>> = vec![None; f.def.width()];
        let mut g = None;
        match &f.values {
            RowValues::Cells(toks) => {
                for (slot, t) in cells.iter_mut().zip(toks) {
                    *slot = Some(to_cell(norm, t));
                }
            }
            RowValues::Glued(toks) => {
                g = Some((glued_readings(text, toks, f.def.width(), constraint, f.enum_digit), toks.clone()));
            }
            RowValues::Malformed(toks) => diags.push(malformed(norm, f.def, &label, label_span, toks)),
            RowValues::Missing => {}
        }
        glued.push(g);
        rows.push(Row { def: f.def, label, label_span, cells, readings: Vec::new() });
    }
    if glued.iter().any(Option::is_some) {
        resolve_glued(norm, def, &mut rows, &glued, diags);
    }
    let start = rows.first().map_or(0, |r| r.label_span.start);
    let end = rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| c.span.end)).max().unwrap_or(start);
    Some(Table { def, span: Span::new(start, end.max(start)), rows, loose })
}

/// Parses table 4 in the window.
pub fn parse_review(norm: &Normalized, from: usize, to: usize, diags: &mut Vec<Diagnostic>) -> Option<Table> {
    let def = &template::REVIEW;
    let text = norm.text.as_str();
    let (toks, header) = find_review_values(text, from, to);
    let (hs, he) = header?;
    let header_span = {
        let (a, b) = norm.to_source(hs, he);
        Span::new(a, b)
    };
    let width: usize = def.rows.iter().map(RowDef::width).sum();
    let values = take_values(text, &toks, width);
    let mut rows: Vec<Row> = def
        .rows
        .iter()
        .map(|r| Row {
            def: r,
            label: r.label.to_string(),
            label_span: header_span,
            cells: vec![None; r.width()],
            readings: Vec::new(),
        })
        .collect();
    let fill = |rows: &mut [Row], cells: Vec<Option<Cell>>| {
        let mut it = cells.into_iter();
        for row in rows.iter_mut() {
            for slot in &mut row.cells {
                *slot = it.next().flatten();
            }
        }
    };
    match &values {
        RowValues::Cells(cells) => fill(&mut rows, cells.iter().map(|t| Some(to_cell(norm, t))).collect()),
        RowValues::Glued(t) => {
            let r = glued_readings(text, t, width, Constraint::ReviewGroups, None);
            let (cands, consistent) = r.candidates();
            if cands.len() == 1 {
                fill(&mut rows, cells_of(norm, &cands[0]));
            } else {
                let mut whole = Row {
                    def: &def.rows[0],
                    label: "行政复议、行政诉讼".into(),
                    label_span: header_span,
                    cells: vec![None; width],
                    readings: Vec::new(),
                };
                let _ = consistent;
                resolve_glued(
                    norm,
                    &REVIEW_AS_ONE_ROW,
                    std::slice::from_mut(&mut whole),
                    &[Some((r, t.clone()))],
                    diags,
                );
            }
        }
        RowValues::Malformed(t) => {
            diags.push(malformed(norm, &def.rows[0], "行政复议、行政诉讼", header_span, t));
        }
        RowValues::Missing => return None,
    }
    let end = rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| c.span.end)).max().unwrap_or(header_span.end);
    Some(Table { def, span: Span::new(header_span.start, end), rows, loose: Vec::new() })
}

/// Table 4 seen as one row of fifteen cells, for the messages about its run.
static REVIEW_AS_ONE_ROW: TableDef =
    TableDef { id: "review", title: template::REVIEW.title, section: 4, rows: &[], header_labels: &[] };

fn malformed(norm: &Normalized, def: &RowDef, label: &str, label_span: Span, toks: &[Tok]) -> Diagnostic {
    let found: Vec<&str> = toks.iter().map(|t| &norm.text[t.start..t.end]).collect();
    let values = toks.iter().filter(|t| t.is_value()).count();
    let width = if def.id == "reconsideration" { 15 } else { def.width() };
    let label = label.trim();
    let message = Msg::new(
        format!("row `{label}` has {values} values where {width} are expected"),
        format!("“{label}”行有 {values} 个数值，应为 {width} 个"),
    );
    let mut d = Diagnostic::new("S107", message).primary(label_span, Msg::new("this row", "该行"));
    for t in toks {
        let (s, e) = norm.to_source(t.start, t.end);
        d = d.secondary(Span::new(s, e), Msg::new("value found", "读到的数值"));
    }
    let cells = found.join(", ");
    d.note(Msg::new(format!("cells found: [{cells}]"), format!("读到的单元格：[{cells}]")))
}

/// Whether any of `words` occurs in `text[from..to]` (spaces ignored); returns
/// the matches found.
pub fn find_words(text: &str, from: usize, to: usize, words: &[&str]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for w in words {
        let pat = labels::pattern(w);
        if let Some((s, e)) = labels::find(text, from, to, &pat) {
            out.push((w.to_string(), s, e));
        }
    }
    out.sort_by_key(|m| m.1);
    out
}

/// The edition a table follows, from its labels.
pub fn active_format(text: &str, from: usize, to: usize) -> (Format, Vec<(String, usize, usize)>) {
    let tells = find_words(text, from, to, template::TELLTALES_2019);
    if tells.is_empty() { (Format::F2021, tells) } else { (Format::F2019, tells) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, term: bool) -> Vec<String> {
        tokenize(text, 0, text.len(), term, true)
            .iter()
            .map(|t| match &t.kind {
                TokKind::Value(_) => text[t.start..t.end].to_string(),
                TokKind::Blank => "_".into(),
                TokKind::Text => format!("T:{}", &text[t.start..t.end]),
            })
            .collect()
    }

    #[test]
    fn tab_row_with_merged_label_cells() {
        assert_eq!(kinds("\t\t0\t1\t2\t\n\t\t", false), ["_", "0", "1", "2", "_", "_"]);
    }

    #[test]
    fn terminated_pipes_make_blank_cells() {
        assert_eq!(kinds(" |\n|\n|\n0 |\n||\n", true), ["_", "_", "0", "_", "_"]);
    }

    #[test]
    fn separator_pipes_make_no_cells() {
        assert_eq!(kinds("\n|\n0\n|\n30\n|\n", false), ["0", "30"]);
    }

    #[test]
    fn markdown_rows() {
        assert_eq!(kinds(" | 0 | 6 |\n|---|---|\n| ", false), ["0", "6"]);
    }

    #[test]
    fn numbers_glued_to_text() {
        assert_eq!(kinds("2629第二十条", false), ["2629", "T:第二十条"]);
        assert_eq!(kinds(" 3001 53 0", false), ["3001", "53", "0"]);
    }

    #[test]
    fn row_values_right_aligned_after_merged_labels() {
        let text = "\t\t0\t0\t0\t0\t0\t0\t0\t";
        let toks = tokenize(text, 0, text.len(), false, true);
        match take_values(text, &toks, 7) {
            RowValues::Cells(c) => assert_eq!(c.len(), 7),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn trailing_blank_is_a_value() {
        let text = " |\n0 |\n0 |\n|\n|\n";
        let toks = tokenize(text, 0, text.len(), true, true);
        match take_values(text, &toks, 3) {
            RowValues::Cells(c) => assert_eq!(c[2].kind, TokKind::Blank),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn glued_digits() {
        let text = "000行政";
        let toks = tokenize(text, 0, text.len(), false, true);
        assert!(matches!(take_values(text, &toks, 3), RowValues::Glued(_)));
        assert!(matches!(take_values(text, &toks, 1), RowValues::Cells(_)));
    }
}
