//! The three statistical tables, found by their labels and placed by the
//! template, whatever the layout: tab-separated rows with merged cells
//! flattened, one cell per line (with or without `|`), markdown pipe tables,
//! space-separated PDF text, or crawls whose cells are glued together.
//!
//! A row is found by its key (see [`crate::template::RowDef::key`]); its label
//! is then grown to as much of the standard label as the text agrees with; the
//! row's values are the value cells between the end of its label and the start
//! of the next label found. Columns are assigned by the template's order.

use super::cells::{CellText, bracketed_change, cell_value, chinese_numeral_cell, number_prefix};
use super::glued::{self, Choice, Columns, Constraint, Piece, Reading, Readings, Slot};
use super::labels;
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::{Cell, Loose, Row, Span, Table, Value};
use crate::normalize::Normalized;
use crate::template::{self, Format, RowDef, RowId, TableDef, TableId, row};

/// A token of a value region.
#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    Value(CellText),
    /// An explicitly empty cell (between two cell separators).
    Blank,
    /// A cell set apart by a tab or `|` that holds no number and no Chinese
    /// (`1abc`, `abc`): a cell, read as invalid (C401).
    Invalid,
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
        let hard = |c: Option<char>| matches!(c, Some('\t' | '|'));
        if (hard(Some(left)) || hard(right)) && is_invalid_cell(trimmed) {
            let lead = piece.len() - piece.trim_start().len();
            let start = from + s + lead;
            toks.push(Tok { kind: TokKind::Invalid, start, end: start + trimmed.len() });
            continue;
        }
        // A cell set apart by a separator that holds a Chinese numeral
        // (`三`): a value, as if written with digits.
        if hard(Some(left))
            && let Some(v) = chinese_numeral_cell(trimmed)
        {
            let lead = piece.len() - piece.trim_start().len();
            let start = from + s + lead;
            toks.push(Tok { kind: TokKind::Value(v), start, end: start + trimmed.len() });
            continue;
        }
        piece_tokens(piece, from + s, &mut toks);
    }
    toks
}

/// The tokens of one piece between separators, at byte `at`: its words, a
/// 2019 本年增/减 cell written in brackets taken as one value.
fn piece_tokens(piece: &str, at: usize, toks: &mut Vec<Tok>) {
    let mut off = 0;
    let piece_toks = toks.len();
    let words: Vec<(usize, &str)> = piece
        .split(' ')
        .map(|w| {
            let word_at = at + off;
            off += w.len() + 1;
            (word_at, w)
        })
        .collect();
    let mut i = 0;
    while i < words.len() {
        let (ws, word) = words[i];
        i += 1;
        if word.is_empty() || word.chars().all(|c| c == '#') {
            continue;
        }
        // A 2019 本年增/减 cell written as its increase and decrease in
        // brackets (`+(0) -(0)`, `+(3) -(1)`): one value, their sum.
        if let Some(first) = bracketed_change(word) {
            let (mut sum, mut end) = (first, ws + word.len());
            while let Some(&(at, next)) = words.get(i) {
                let Some(v) = bracketed_change(next) else { break };
                sum += v;
                end = at + next.len();
                i += 1;
            }
            let v = CellText::Number { value: sum as f64, integer: Some(sum), signed: true, unit: None };
            toks.push(Tok { kind: TokKind::Value(v), start: ws, end });
            continue;
        }
        words_to_tokens(word, ws, toks, piece_toks);
    }
}

/// A page number line of PDF text: `— 4 —`, `- 12 -`.
fn is_page_mark(line: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–');
    let inner = line.trim_matches(|c: char| dash(c) || c == ' ');
    line.starts_with(dash) && line.ends_with(dash) && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// Whether a separated cell is text that is neither a number nor words of a
/// label: Latin letters, no Chinese, short.
fn is_invalid_cell(cell: &str) -> bool {
    cell.chars().count() <= 16
        && cell.chars().any(|c| c.is_ascii_alphabetic())
        && !cell.chars().any(crate::normalize::is_han)
        && cell_value(cell).is_none()
}

/// Whether a word starts with a label's enumerator (`5.要求…`, `2、重复申请`,
/// `3. 其他`): one digit (the format numbers at most eight rows in a group),
/// a list mark, then no digit. An enumerator is never a cell, whatever
/// follows it.
pub fn is_enumerator(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 1 {
        return false;
    }
    let mut rest = word[digits..].chars();
    matches!(rest.next(), Some('.' | '、' | '．')) && rest.next().is_none_or(|c| !c.is_ascii_digit())
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
        // (A change written with its word, `减44`, is a signed number.)
        let word_sign = ['增', '减']
            .iter()
            .find(|w| rest.strip_prefix(**w).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())))
            .map_or(0, |w| w.len_utf8());
        let numeric = word_sign
            + rest[word_sign..]
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-')))
                .unwrap_or(rest.len() - word_sign);
        let slice_end = rest[numeric..].char_indices().nth(2).map_or(rest.len(), |(i, _)| numeric + i);
        let slice = &rest[..slice_end];
        // A year that starts a sentence (`2020年本行政区域…`) is prose, not a
        // cell of the row before it.
        let year = numeric == 4
            && rest[numeric..].starts_with('年')
            && rest[..4].parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y));
        if (numeric > 0 || rest.chars().count() <= 2) && !(pos == 0 && is_enumerator(rest)) && !year {
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
    // A digit run with a leading zero is no number as written (`02025年` is
    // the cell 0 glued to a year): the splitter reads it.
    let leading_zero = run.iter().any(|t| {
        let s = &text[t.start..t.end];
        t.is_value()
            && s.len() >= 2
            && s.starts_with('0')
            && s.bytes().all(|b| b.is_ascii_digit())
            && (k > 1 || text[t.end..].starts_with('年'))
    });
    if leading_zero && values <= k {
        let vals: Vec<&Tok> = run.iter().filter(|t| t.is_value()).collect();
        let separated = vals.windows(2).any(|w| text[w[0].end..w[1].start].contains(['\t', '|', '\n']));
        if !separated {
            return RowValues::Glued(run.into_iter().filter(Tok::is_value).collect());
        }
    }
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
        TokKind::Text | TokKind::Invalid => (Value::Invalid, None),
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
    /// The rest of a label wrapped around its values (`pdftotext -layout`
    /// prints `…只计这一情` / the numbers / `形，不计其他情形）`).
    pub tail: Option<(usize, usize)>,
    /// The last text between the label and the values, when values follow.
    pub lead: Option<(usize, usize)>,
    /// The start of a label wrapped onto a line above it, possibly with a
    /// piece of a merged group cell between (`2、申请人逾期未按收费通知要` /
    /// `他处理` / `求缴纳费用…`).
    pub head: Option<(usize, usize)>,
}

/// Finds the rows of `def` in `text[from..to]`.
pub fn find_rows(text: &str, def: &'static TableDef, from: usize, to: usize) -> Vec<FoundRow> {
    // 1. Keys in template order, each after the previous one found.
    let mut hits: Vec<Hit> = Vec::new();
    let mut cursor = from;
    for row in def.rows {
        let key = labels::pattern(row.key);
        if let Some((s, e)) = find_outside_notes(text, cursor, to, &key) {
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
            if !hits.iter().any(|h| s < h.2 && h.1 < e) && !in_a_note(text, s) {
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
    let rows = place(text, from, to, &hits);
    // 4. Rows whose key is not in the text (a wrong or missing character:
    //    `其他法律行政止公开`): a label that matched no row, with values after
    //    it, between the row's neighbours in the template, and worded like it.
    let extra = near_misses(text, def, from, &hits, &rows);
    if extra.is_empty() {
        return rows;
    }
    hits.extend(extra);
    hits.sort_by_key(|h| h.1);
    place(text, from, to, &hits)
}

type Hit = (&'static RowDef, usize, usize, Vec<char>);

/// Whether `at` lies inside a bracketed note of the label it stands in
/// (`其他对外管理服务事项(…含行政确认、行政处罚、行政强制…)`): an open
/// bracket before it in the same cell, not closed. Another row's words in
/// such a note are not that row.
fn in_a_note(text: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for (n, c) in text[..at].chars().rev().enumerate() {
        match c {
            // A value between: past the label (a glued crawl whose bracket
            // lost its `)` does not hide the rows after it).
            '\n' | '\t' | '|' | '0'..='9' => break,
            ')' => depth -= 1,
            '(' => depth += 1,
            _ => {}
        }
        if depth > 0 {
            return true;
        }
        if n >= 160 {
            break;
        }
    }
    false
}

/// The first match of a row's key outside the notes of other labels.
fn find_outside_notes(text: &str, from: usize, to: usize, key: &[char]) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some((s, e)) = labels::find(text, at, to, key) {
        if !in_a_note(text, s) {
            return Some((s, e));
        }
        at = e;
    }
    None
}

/// Grows the labels found to the standard text and reads the values between
/// one label and the next.
fn place(text: &str, from: usize, to: usize, hits: &[Hit]) -> Vec<FoundRow> {
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(hits.len());
    for (i, (row, s, e, key)) in hits.iter().enumerate() {
        let lo = spans.last().map_or(from, |p| p.1).min(*s);
        let hi = hits.get(i + 1).map_or(to, |h| h.1).max(*e);
        let label = labels::pattern(row.label);
        let (mut ls, mut le) = labels::extend(text, *s, *e, &label, key, lo, hi);
        // Where the words differ from the standard, the label is the whole
        // cell it stands in: a fix then replaces all of it, and W302 quotes it.
        let found = labels::pattern(&text[ls..le]);
        if !label.ends_with(&found) {
            le = cell_end(text, le, hi);
        }
        if !label.starts_with(&found) {
            ls = cell_start(text, ls, lo);
        } else {
            // Words written before a whole label in its own cell (`某行政许可`).
            let before = &text[lo..ls];
            let extra: usize =
                before.chars().rev().take_while(|c| crate::normalize::is_han(*c)).map(char::len_utf8).sum();
            let cell = &before[..before.len() - extra];
            if extra > 0 && (cell.is_empty() && lo == 0 || cell.ends_with(['\t', '|', '\n'])) {
                ls -= extra;
            }
        }
        // `…00000007.属于…`: the enumerator digit glued to the row before
        // belongs to this label (the row before may still take it, see
        // `enum_digit`).
        if text[ls..].starts_with(['.', '、'])
            && text[..ls].ends_with(|c: char| c.is_ascii_digit())
            && row.label.starts_with(|c: char| c.is_ascii_digit())
            && ls > lo
        {
            ls -= 1;
        }
        spans.push((ls, le));
    }
    let terminator = pipes_terminate(&text[from..to]);
    let mut rows = Vec::with_capacity(hits.len());
    for (i, (row, _, _, _)) in hits.iter().enumerate() {
        let (ls, le) = spans[i];
        let region_end = spans.get(i + 1).map_or(to, |n| n.0).max(le);
        let toks = tokenize(text, le, region_end, terminator, true);
        let mut values = take_values(text, &toks, row.width());
        // A text cut short right after this row leaves a digit or two of the
        // next row (`2` of `2.其他法律…`): the row is its first cells.
        if let RowValues::Malformed(run) = &values {
            let cells: Vec<Tok> = run.iter().filter(|t| t.kind != TokKind::Blank).cloned().collect();
            let at_end = run.last().is_some_and(|t| t.end >= text.trim_end().len());
            if at_end && cells.len() > row.width() && cells.len() <= row.width() + 2 {
                values = RowValues::Cells(cells[..row.width()].to_vec());
            }
        }
        let enum_digit = spans
            .get(i + 1)
            .map(|n| n.0)
            .filter(|&n| n == region_end && text[n..].starts_with(|c: char| c.is_ascii_digit()))
            .filter(|&n| text[..n].ends_with(|c: char| c.is_ascii_digit()));
        let mut loose = loose_text(&toks);
        let tail = wrapped_tail(text, row.label, &text[ls..le], &toks, &values);
        loose.retain(|l| tail.is_none_or(|t| t.0 != l.0));
        let lo = if i == 0 { from } else { spans[i - 1].1 };
        let head = wrapped_head(text, row.label, lo, ls, le);
        let lead_n = toks.iter().take_while(|t| t.kind == TokKind::Text).count();
        let lead = (lead_n > 0 && matches!(values, RowValues::Cells(_) | RowValues::Glued(_)))
            .then(|| (toks[lead_n - 1].start, toks[lead_n - 1].end));
        rows.push(FoundRow { def: row, label_start: ls, label_end: le, values, enum_digit, loose, tail, head, lead });
    }
    rows
}

/// Whether a character ends a label cell: a cell separator or a digit.
fn ends_cell(c: char) -> bool {
    matches!(c, '\t' | '|' | '\n') || c.is_ascii_digit()
}

/// The end of the label cell that `at` is in (before `hi`): up to a cell
/// separator, a number, or a gap of two spaces; trailing spaces left out.
fn cell_end(text: &str, at: usize, hi: usize) -> usize {
    let Some(rest) = text.get(at..hi) else { return at };
    let stop =
        rest.char_indices().find(|&(i, c)| ends_cell(c) || rest[i..].starts_with("  ")).map_or(rest.len(), |(i, _)| i);
    at + rest[..stop].trim_end_matches(' ').len()
}

/// The start of the label cell that `at` is in (after `lo`), with its
/// enumerator (`2.` of `2.其他…`).
fn cell_start(text: &str, at: usize, lo: usize) -> usize {
    let Some(before) = text.get(lo..at) else { return at };
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        if ends_cell(c) || before[..i + c.len_utf8()].ends_with("  ") {
            break;
        }
        start = i;
    }
    let mut start = lo + start + (before[start..].len() - before[start..].trim_start_matches(' ').len());
    // A one-digit enumerator right before, standing at the start of its cell.
    let head = &text[lo..start];
    if text[start..].starts_with(['.', '、'])
        && let Some(d) = head.chars().next_back().filter(char::is_ascii_digit)
    {
        let before_digit = &head[..head.len() - d.len_utf8()];
        if before_digit.is_empty() || before_digit.ends_with(['\t', '|', '\n', ' ']) {
            start -= 1;
        }
    }
    start
}

/// The text right after a row's values when it is the rest of the row's
/// label: words of the standard label that the label as found lacks.
fn wrapped_tail(text: &str, standard: &str, head: &str, toks: &[Tok], values: &RowValues) -> Option<(usize, usize)> {
    if !matches!(values, RowValues::Cells(_) | RowValues::Glued(_)) {
        return None;
    }
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Text).count();
    let first_text = toks.iter().skip(lead).position(|t| t.kind == TokKind::Text)? + lead;
    let t = &toks[first_text];
    let (std, head, tail) = (labels::pattern(standard), labels::pattern(head), labels::pattern(&text[t.start..t.end]));
    let within = |hay: &[char], needle: &[char]| hay.windows(needle.len()).any(|w| w == needle);
    let continues = tail.len() >= 2
        && within(&std, &tail)
        && !std.starts_with(&tail)
        && !within(&head, &tail)
        && text[..t.start].trim_end_matches(' ').ends_with('\n');
    continues.then_some((t.start, t.end))
}

/// A line above a label (at most three lines up, past short lines without
/// digits) that holds the words of the standard label right before it.
fn wrapped_head(text: &str, standard: &str, lo: usize, ls: usize, le: usize) -> Option<(usize, usize)> {
    let std = labels::pattern(standard);
    let label = labels::pattern(&text[ls..le]);
    if std.starts_with(&label) || label.is_empty() {
        return None;
    }
    let line_start = text[..ls].rfind('\n')? + 1;
    if !text[line_start..ls].trim().is_empty() {
        return None;
    }
    let mut end = line_start - 1; // the line break before the label's line
    for _ in 0..3 {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1).max(lo);
        let line = &text[start..end];
        let trimmed = line.trim();
        if trimmed.is_empty() || start <= lo && lo > 0 {
            return None;
        }
        let mut joined = labels::pattern(trimmed);
        joined.extend_from_slice(&label);
        if std.windows(joined.len()).any(|w| w == joined.as_slice()) {
            let s = start + (line.len() - line.trim_start().len());
            return Some((s, s + trimmed.len()));
        }
        // Only a short piece of another cell may stand between.
        if trimmed.chars().count() > 8 || trimmed.contains(|c: char| c.is_ascii_digit() || c == '\t' || c == '|') {
            return None;
        }
        end = start.checked_sub(1)?;
    }
    None
}

/// The share of a standard label that a written one keeps, enumerators and
/// punctuation aside (0–1).
pub fn label_likeness(written: &str, standard: &str) -> f64 {
    let words = |s: &str| -> Vec<char> {
        let p = labels::pattern(s);
        let skip = p.iter().take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '(' | ')')).count();
        p[skip..].iter().copied().filter(|c| !matches!(c, ',' | '"' | '(' | ')' | ':')).collect()
    };
    let score = |w: &str| {
        let (a, b) = (words(w), words(standard));
        labels::lcs(&a, &b) as f64 / a.len().max(b.len()).max(1) as f64
    };
    // A note in brackets after the label's words (`规范性文件(行政机关制定
    // 发布的决定、公告…)`), where the standard has none, is no part of them.
    let note = written.trim_end().ends_with([')', '）']) && !standard.trim_end().ends_with([')', '）']);
    let bare = written.find(['(', '（']).filter(|&at| note && at > 0).map(|at| &written[..at]);
    bare.map_or(score(written), |b| score(b).max(score(written)))
}

/// The enumerator a label starts with (`2` of `2.其他…`, `三` of `（三）…`).
fn enumerator(label: &str) -> Option<String> {
    let t = label.trim_start();
    let d: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !d.is_empty() {
        return Some(d);
    }
    let inner = t.strip_prefix(['（', '('])?;
    let n: String = inner.chars().take_while(|c| !matches!(c, '）' | ')')).collect();
    (n.chars().count() <= 2).then_some(n)
}

/// The least likeness for a label found by its words rather than its key.
pub const NEAR_MISS: f64 = 0.6;
/// The least likeness for the only label between a missing row's neighbours.
pub const NEAR_MISS_ALONE: f64 = 0.5;

/// Labels for the rows not found by their keys: loose text with values after
/// it, between the rows found before and after the row in the template,
/// worded like the row (at least [`NEAR_MISS`]) and with the same enumerator
/// where both have one. Each piece of text is given to one row at most.
fn near_misses(text: &str, def: &'static TableDef, from: usize, hits: &[Hit], rows: &[FoundRow]) -> Vec<Hit> {
    let order = |id: RowId| def.rows.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    // Candidates: text with values after it before the first label, between
    // rows, and right before a row's values (the row's own label is then
    // another, such as a group label of the 2019 format).
    let first = rows.first().map_or(from, |r| r.label_start);
    let header = loose_text(&tokenize(text, from, first, pipes_terminate(&text[from..first]), false));
    let loose: Vec<(usize, usize)> = header
        .iter()
        .chain(rows.iter().flat_map(|r| r.loose.iter()))
        .filter(|l| l.2 > 0)
        .map(|l| (l.0, l.1))
        .chain(rows.iter().filter_map(|r| r.lead))
        .collect();
    let mut taken: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (t, row) in def.rows.iter().enumerate() {
        if hits.iter().any(|h| h.0.id == row.id) {
            continue;
        }
        let before = hits.iter().filter(|h| order(h.0.id) < t).map(|h| h.2).max().unwrap_or(0);
        let after = hits.iter().filter(|h| order(h.0.id) > t).map(|h| h.1).min().unwrap_or(usize::MAX);
        let want = enumerator(row.label);
        let candidates = loose
            .iter()
            .enumerate()
            .filter(|(i, (s, e))| *s >= before && *e <= after && !taken.contains(i))
            .filter_map(|(i, &(s, e))| {
                let written = text[s..e].trim();
                let agrees = match (enumerator(written), &want) {
                    (Some(a), Some(b)) => a == *b,
                    _ => true,
                };
                let score = label_likeness(written, row.label);
                (agrees && score >= NEAR_MISS_ALONE).then_some((i, s, e, score))
            })
            .collect::<Vec<_>>();
        // The only text between the row's neighbours, for the only row missing
        // there, may keep less of a short label (`规` for `规章`).
        let alone = candidates.len() == 1
            && def.rows[..t].iter().rev().take_while(|r| !hits.iter().any(|h| h.0.id == r.id)).count() == 0
            && def.rows[t + 1..].iter().take_while(|r| !hits.iter().any(|h| h.0.id == r.id)).count() == 0;
        let best = candidates.into_iter().filter(|c| alone || c.3 >= NEAR_MISS).max_by(|a, b| a.3.total_cmp(&b.3));
        if let Some((i, s, e, _)) = best {
            taken.push(i);
            out.push((row, s, e, labels::pattern(&text[s..e])));
        }
    }
    out
}

/// The values of table 4: the value cells that follow header words, in order.
pub fn find_review_values(text: &str, from: usize, to: usize) -> (Vec<Tok>, Option<(usize, usize)>) {
    let terminator = pipes_terminate(&text[from..to]);
    let toks = tokenize(text, from, to, terminator, false);
    let words: Vec<Vec<char>> = template::REVIEW_HEADER_WORDS.iter().map(|w| labels::pattern(w)).collect();
    // Headers printed one character per line (`结` / `果` / `维` / `持`, or a
    // line of such characters: `结 结 其 尚`) leave pieces made only of
    // characters of the header words. They count before the first value
    // only: between values they are cells printed out of order (PDF text).
    let is_piece = |t: &Tok| {
        let piece: Vec<char> = text[t.start..t.end].chars().filter(|c| !c.is_whitespace()).collect();
        (1..=40).contains(&piece.len())
            && piece.iter().all(|c| template::REVIEW_HEADER_WORDS.iter().any(|w| w.contains(*c)))
    };
    // A header, or a sentence run into a header (`…未发生行政复议、行政诉讼。
    // 行政复议行政诉讼结果维持…`, glued crawls): the part after the sentence.
    let is_header = |t: &Tok| {
        let whole = &text[t.start..t.end];
        // (Normalised text: `；！？` are ASCII by now, `。` is not.)
        let cut = whole.char_indices().rfind(|(_, c)| matches!(c, '。' | ';' | '!' | '?'));
        let cut = cut.map_or(0, |(i, c)| i + c.len_utf8());
        let mut s: String = whole[cut..].to_string();
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
    // A sentence that counts the outcomes (`其中结果维持0件;结果纠正0件;…`)
    // is prose, not the table: its figures carry the unit and a sentence
    // mark after it, which no cell of the table does.
    let in_a_sentence = |t: &Tok| {
        let after = text[t.end..].trim_start_matches(' ');
        let after = if text[t.start..t.end].ends_with('件') { after } else { after.strip_prefix('件').unwrap_or("") };
        after.starts_with([';', ',', '。', '，', '、', '.'])
    };
    let prose = |run: &[Tok]| run.iter().any(Tok::is_value) && run.iter().filter(|t| t.is_value()).all(in_a_sentence);
    let mut header_span: Option<(usize, usize)> = None;
    let mut after_header = false;
    let mut run: Vec<Tok> = Vec::new();
    let mut out: Vec<Tok> = Vec::new();
    for t in toks {
        match t.kind {
            TokKind::Text => {
                if out.is_empty() && prose(&run) {
                    header_span = None;
                } else if run.iter().any(Tok::is_value) {
                    out.append(&mut run);
                }
                run.clear();
                after_header = is_header(&t) || (out.is_empty() && is_piece(&t));
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
    if out.is_empty() && prose(&run) {
        header_span = None;
    } else if run.iter().any(Tok::is_value) {
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

/// What the sums of table 3's columns decide among the readings of its
/// glued rows (none for the other tables).
fn choices_of(def: &TableDef, rows: &[Row], slots: &[Slot]) -> Vec<Option<Choice>> {
    let idx = |id: RowId| rows.iter().position(|r| r.def.id == id);
    if def.id == template::REQUESTS.id {
        let sub_rows = rows.iter().any(|r| r.def.formats == [Format::F2021]);
        let leaves: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                template::outcome_leaves(Format::F2021).any(|l| l.id == r.def.id)
                    || (!sub_rows && r.def.id == row::OTHER_UNDIVIDED)
            })
            .map(|(i, _)| i)
            .collect();
        let cols = Columns {
            leaves,
            total: idx(row::OUTCOME_TOTAL),
            new: idx(row::NEW_RECEIVED),
            carried: idx(row::CARRIED_OVER),
            forward: idx(row::CARRIED_FORWARD),
        };
        glued::solve_columns(slots, &cols, template::REQUEST_COLUMNS.len())
    } else {
        vec![None; slots.len()]
    }
}

/// The diagnostic of a glued row no reading could be chosen for: S107 when
/// none adds up or none exists, S109 when several do, with the likeliest
/// readings named.
fn unresolved(norm: &Normalized, row: &Row, readings: &Readings, toks: &[Tok], cands: &[Reading]) -> Diagnostic {
    let text = norm.text.as_str();
    let consistent = !readings.consistent.is_empty();
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
            Code::S107,
            Msg::new(
                format!("row `{label}`: the digits `{digits}` cannot be read as {width} cells"),
                format!("“{label}”行：连在一起的数字“{digits}”无法拆成 {width} 个单元格"),
            ),
        )
    } else if consistent {
        (
            Code::S109,
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
            Code::S107,
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
    d.help(Msg::new(
        "separate the cells of the row (tabs or a table) so that each number stands alone",
        "请用表格或制表符分隔该行的单元格，使每个数字单独成格",
    ))
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
    let choices = choices_of(def, rows, &slots);
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
        diags.push(unresolved(norm, row, readings, toks, cands));
    }
}

/// A run of values this many rows long after one label is a flood, whatever
/// follows it.
const FLOOD_ROWS_OF_VALUES: usize = 2;
/// Rows a table needs before its labels can be judged apart from its cells.
const LABELS_APART_MIN_ROWS: usize = 4;
/// Tenths of those rows that must have no value of their own.
const LABELS_APART_BARE_TENTHS: usize = 6;

/// What the rows found say of how the text keeps the table.
struct Shape {
    /// A 2019 table 2 with blocks in the 2021 form.
    mixed: bool,
    /// Runs of values longer than a row after one label, or labels apart
    /// from their cells.
    flooded: bool,
    layout_lost: bool,
    /// No value of the table can be trusted (cells printed column by column).
    disorder: bool,
    /// The longest run of values after one label.
    longest: usize,
    /// Per row found: whether it stands under a header of the 2021 form.
    in_2021_form: Vec<bool>,
}

/// How the text keeps a table whose rows are `found` in `[from, to)`.
fn shape_of(
    text: &str,
    def: &TableDef,
    found: &[FoundRow],
    header_toks: &[Tok],
    (from, to): (usize, usize),
    constraint: Constraint,
) -> Shape {
    // A table whose text does not keep its rows: runs of values longer than
    // a row after one label (PDF text prints labels apart from their cells).
    // When every such run is whole rows that add up, the rows read whole are
    // kept; when one is not (cells printed column by column), no value of the
    // table is trusted. Either way the table is reported once.
    // A row with a few cells more than its table has, followed by a row
    // with values of its own, is one malformed row (a page's extra cells),
    // not a flood: a flood holds two rows' worth of values, or those of the
    // bare row after it.
    let width = def.rows.first().map_or(1, |r| r.width());
    let floods: Vec<&[Tok]> = found
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match &f.values {
            RowValues::Malformed(t) => {
                let values = t.iter().filter(|t| t.is_value()).count();
                let spilled = values >= FLOOD_ROWS_OF_VALUES * width
                    || found.get(i + 1).is_none_or(|next| matches!(next.values, RowValues::Missing));
                (values > width && spilled).then_some(t.as_slice())
            }
            _ => None,
        })
        .collect();
    // A 2019 table 2 with blocks in the 2021 form (`本年处理决定数量` under
    // (五), while (一) keeps `本年新制作数量`): the rows of the other form
    // are not read, and the table is reported once.
    let headers_2021 =
        if def.id == TableId::Active2019 { find_words(text, from, to, template::HEADERS_2021) } else { Vec::new() };
    let mixed = !headers_2021.is_empty();
    // A row is in the 2021 form when the nearest header above it is one of
    // the 2021 form's.
    let headers_2019 = if mixed { find_words(text, from, to, template::HEADERS_2019) } else { Vec::new() };
    let last = |hs: &[(String, usize, usize)], at: usize| hs.iter().filter(|h| h.2 <= at).map(|h| h.2).max();
    let in_2021_form = found
        .iter()
        .map(|f| {
            let at = f.label_start;
            last(&headers_2021, at).is_some_and(|h21| last(&headers_2019, at).is_none_or(|h19| h21 > h19))
        })
        .collect();
    // Labels apart from their cells: most rows without a value of their own,
    // and more values than a row holds after the last label or before the
    // first (text extracted from a PDF that prints every label, then the
    // cells column by column, with the column headers between them; or the
    // cells first).
    let bare = found.iter().filter(|f| matches!(f.values, RowValues::Missing)).count();
    let labels_apart = found.len() >= LABELS_APART_MIN_ROWS
        && bare * 10 >= found.len() * LABELS_APART_BARE_TENTHS
        && found.last().is_some_and(|last| {
            let after = tokenize(text, last.label_end, to, false, true);
            let before = header_toks.iter().filter(|t| t.is_value()).count();
            after.iter().filter(|t| t.is_value()).count().max(before) > last.def.width()
        });
    let flooded = !floods.is_empty() || labels_apart;
    Shape {
        mixed,
        flooded,
        layout_lost: flooded || mixed,
        disorder: labels_apart || floods.iter().any(|run| !whole_rows(run, width, constraint == Constraint::RowTotal)),
        longest: floods.iter().map(|r| r.iter().filter(|t| t.is_value()).count()).max().unwrap_or(0),
        in_2021_form,
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
    let shape = shape_of(text, def, &found, &header_toks, (from, to), constraint);
    let Shape { mixed, flooded, layout_lost, disorder, longest, ref in_2021_form } = shape;
    for (i, f) in found.into_iter().enumerate() {
        let label_span = map(f.label_start, f.label_end);
        let mut label = f.head.map_or(String::new(), |(s, e)| text[s..e].to_string());
        label.push_str(&text[f.label_start..f.label_end]);
        if let Some((s, e)) = f.tail {
            label.push_str(&text[s..e]);
        }
        let mut cells: Vec<Option<Cell>> = vec![None; f.def.width()];
        let mut g = None;
        match &f.values {
            _ if disorder => {}
            // A row in the 2021 form is not read against the 2019 columns
            // (`行政许可 | 2` is no 上一年项目数量 of 2).
            _ if mixed && in_2021_form[i] => {}
            RowValues::Malformed(_) if layout_lost => {}
            // (A 2021-form value read against the 2019 columns: `282.1`.)
            RowValues::Glued(_) if mixed => {}
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
    let span = Span::new(start, end.max(start));
    if mixed && !flooded {
        diags.push(mixed_forms(def, span));
    } else if layout_lost {
        diags.push(lost_layout(def, span, longest, disorder));
    }
    Some(Table { def, span, rows, loose, layout_lost })
}

/// Whether a run of cells reads as rows of `width`: each whole row of it
/// adds up to its total where the table has row totals, or (without totals)
/// the run is whole rows. A run of one row and a few cells more is a ragged
/// row, not a table printed column by column.
fn whole_rows(run: &[Tok], width: usize, totals: bool) -> bool {
    let values: Vec<Option<i64>> = run
        .iter()
        .filter(|t| t.kind != TokKind::Blank)
        .map(|t| match &t.kind {
            TokKind::Value(CellText::Number { integer, .. }) => *integer,
            TokKind::Value(CellText::Dash) => Some(0),
            _ => None,
        })
        .collect();
    if width < 2 || values.len() < 2 * width {
        return true;
    }
    if !totals {
        return values.len().is_multiple_of(width);
    }
    values.chunks_exact(width).all(|row| {
        let (parts, total) = row.split_at(width - 1);
        let sum = parts.iter().try_fold(0i64, |acc, v| acc.checked_add((*v)?));
        sum.is_some() && sum == total[0]
    })
}

/// One diagnostic for a table whose rows cannot all be rebuilt from the
/// text: the extraction's loss (I004, info), not the report's fault.
fn lost_layout(def: &TableDef, span: Span, run: usize, disorder: bool) -> Diagnostic {
    let title = def.title;
    let (kept_en, kept_zh) = if disorder {
        (
            "its cells are printed out of row order (as text extracted from a PDF prints a table column by column), so none of its values is used",
            "单元格未按行排列（PDF 提取的文字常按列输出表格），该表数值均不采用",
        )
    } else {
        (
            "the labels of some rows are apart from their cells (as in text extracted from a PDF); those rows are left unknown, the rows read whole are kept",
            "部分行的标签与数值分离（PDF 提取的文字常见），这些行的数值不采用，其余完整读出的行照常使用",
        )
    };
    Diagnostic::new(
        Code::I004,
        Msg::new(
            format!("the text lost the rows of table `{title}`: {run} values follow one label; {kept_en}"),
            format!("文本丢失了“{title}”表的行结构：一个标签后连续出现 {run} 个数值；{kept_zh}"),
        ),
    )
    .primary(span, Msg::new("this table", "该表"))
    .help(Msg::new(
        "check the PDF or Word file itself: its tables are read from the page",
        "请直接检查 PDF 或 Word 文件本身，其表格按页面读取",
    ))
}

fn mixed_forms(def: &TableDef, span: Span) -> Diagnostic {
    let title = def.title;
    Diagnostic::new(
        Code::S107,
        Msg::new(
            format!("table `{title}` mixes the 2019 trial format and the 2021 format: its rows in the 2021 form are not read"),
            format!("“{title}”表混用 2019 年试行格式和 2021 年格式：按 2021 年格式填写的行不予读取"),
        ),
    )
    .primary(span, Msg::new("this table", "该表"))
    .help(Msg::new("use the 2021 format for the whole table", "整张表请统一使用 2021 年格式"))
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
                    label: template::REVIEW_ROW_LABEL.into(),
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
        // Values of another table run into table 4 (a PDF's text that
        // printed table 3's labels, then table 4's heading, then table 3's
        // cells): the extraction's loss, said once, not a row of the report.
        RowValues::Malformed(t) if t.iter().filter(|t| t.is_value()).count() >= FLOOD_ROWS * width => {
            let n = t.iter().filter(|t| t.is_value()).count();
            diags.push(lost_layout(def, header_span, n, true));
            return Some(Table { def, span: header_span, rows, loose: Vec::new(), layout_lost: true });
        }
        RowValues::Malformed(t) => {
            diags.push(malformed(norm, &def.rows[0], template::REVIEW_ROW_LABEL, header_span, t));
        }
        RowValues::Missing => return None,
    }
    let end = rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| c.span.end)).max().unwrap_or(header_span.end);
    Some(Table { def, span: Span::new(header_span.start, end), rows, loose: Vec::new(), layout_lost: false })
}

/// A run of values this many times table 4's width is no row of it.
const FLOOD_ROWS: usize = 2;

/// Table 4 seen as one row of fifteen cells, for the messages about its run.
static REVIEW_AS_ONE_ROW: TableDef =
    TableDef { id: TableId::Review, title: template::REVIEW.title, section: 4, rows: &[], header_labels: &[] };

fn malformed(norm: &Normalized, def: &RowDef, label: &str, label_span: Span, toks: &[Tok]) -> Diagnostic {
    let found: Vec<&str> = toks.iter().map(|t| &norm.text[t.start..t.end]).collect();
    let values = toks.iter().filter(|t| t.is_value()).count();
    let width = if def.id == row::RECONSIDERATION { 15 } else { def.width() };
    let label = label.trim();
    let message = Msg::new(
        format!("row `{label}` has {values} values where {width} are expected"),
        format!("“{label}”行有 {values} 个数值，应为 {width} 个"),
    );
    let mut d = Diagnostic::new(Code::S107, message).primary(label_span, Msg::new("this row", "该行"));
    // Bounded: a row of thousands of cells names a few, not every one.
    const SHOWN: usize = 20;
    for t in toks.iter().take(SHOWN) {
        let (s, e) = norm.to_source(t.start, t.end);
        d = d.secondary(Span::new(s, e), Msg::new("value found", "读到的数值"));
    }
    let more = found.len().saturating_sub(SHOWN);
    let cells = found[..found.len().min(SHOWN)].join(", ");
    let (more_en, more_zh) = if more > 0 {
        (format!(", … ({more} more)"), format!("，……（另有 {more} 个）"))
    } else {
        Default::default()
    };
    d.note(Msg::new(format!("cells found: [{cells}{more_en}]"), format!("读到的单元格：[{cells}{more_zh}]")))
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

    /// A glued crawl whose bracket lost its `)` (`行政规范性文件(含汇编000第二十条…`):
    /// the values end the note, so the rows after it are still found.
    #[test]
    fn a_note_that_lost_its_bracket_ends_at_the_values() {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default()
            .replace('\t', "");
        // Table 2 on one line, as a crawl glues it.
        let (from, to) = (seed.find("第二十条").unwrap_or(0), seed.find("三、收到").unwrap_or(0));
        let one_line = seed.get(from..to).unwrap_or("").replace('\n', "");
        let glued = format!(
            "二、主动公开政府信息情况\n{}",
            one_line.replacen("行政规范性文件000", "行政规范性文件(含汇编000", 1)
        );
        assert!(glued.contains("(含汇编000第二十条"), "{glued}");
        let parsed = crate::parse_str(&glued);
        let t = parsed.report.active.as_ref().expect("table 2");
        for id in [row::LICENSING, row::PUNISHMENT] {
            assert!(t.row(id).is_some_and(|r| r.cells.iter().all(Option::is_some)), "{id}");
        }
    }

    /// Another row's words in a label's bracketed note are not that row: the
    /// values of `其他对外管理服务事项(…含行政处罚、行政强制…)` stay with it, and
    /// 行政处罚 is the row of its own further down (a wrong value before).
    /// A label with a note after its words is that label (`规范性档案(…)`).
    #[test]
    fn words_in_a_labels_note_are_not_another_row() {
        let text = "第二十条第(一)项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
                    规章\t0\t0\t0\n规范性档案(行政机关制定发布的决定、公告、通告)\t2\t2\t19\n\
                    第二十条第(五)项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
                    行政许可\t8\t5\t93\n\
                    其他对外管理服务事项(含行政确认、行政处罚、行政强制和其他类)\t117\t0\t165\n\
                    第二十条第(六)项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
                    行政处罚\t90\t0\t22\n行政强制\t4\t4\t7\n";
        let parsed = crate::parse_str(&format!("二、主动公开政府信息情况\n{text}"));
        let t = parsed.report.active.as_ref().expect("table 2");
        let first = |id: RowId| t.row(id).and_then(|r| r.cells.first().cloned().flatten()).and_then(|c| c.int());
        assert_eq!(first(row::OTHER_SERVICES), Some(117));
        assert_eq!(first(row::PUNISHMENT), Some(90));
        assert_eq!(first(row::COERCION), Some(4));
        assert_eq!(first(row::NORMATIVE_DOCUMENTS), Some(2));
    }

    fn kinds(text: &str, term: bool) -> Vec<String> {
        tokenize(text, 0, text.len(), term, true)
            .iter()
            .map(|t| match &t.kind {
                TokKind::Value(_) => text[t.start..t.end].to_string(),
                TokKind::Blank => "_".into(),
                TokKind::Text => format!("T:{}", &text[t.start..t.end]),
                TokKind::Invalid => format!("X:{}", &text[t.start..t.end]),
            })
            .collect()
    }

    #[test]
    fn a_separated_cell_of_latin_letters_is_one_invalid_cell() {
        assert_eq!(kinds("\t1abc\t0\tN/A\n", false), ["X:1abc", "0", "X:N/A"]);
        // Glued crawls keep splitting numbers from the Chinese that follows.
        assert_eq!(kinds("\t2629第二十条", false), ["2629", "T:第二十条"]);
    }

    #[test]
    fn table_4_under_headers_printed_one_character_per_line() {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default();
        let start = seed.find("行政复议\t").expect("table 4 header");
        let end = seed[start..].find("0\t0\t0").map(|i| start + i).expect("values");
        let header = "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结 结 其 尚\n结 结 其 尚 结 结 其 尚\n果 果 他 未\n\
                      总计 果 果 他 未 总 果 果 他 未 总\n维 纠 结 审\n维 纠 结 审 计 维 纠 结 审 计\n持 正 果 结\n\
                      持 正 果 结 持 正 果 结\n";
        let text = format!("{}{header}1 0 0 0 1 0 0 0 0 0 0 0 0 0 0{}", &seed[..start], &seed[end + 29..]);
        let parsed = crate::parse_str(&text);
        let review = parsed.report.review.as_ref().expect("table 4 found");
        assert_eq!(review.cell(row::RECONSIDERATION, template::col::UPHELD).and_then(Cell::int), Some(1));
        assert_eq!(review.cell(row::RECONSIDERATION, template::col::TOTAL).and_then(Cell::int), Some(1));
    }

    #[test]
    fn an_enumerator_is_never_a_cell() {
        assert!(is_enumerator("5.要求行政机关") && is_enumerator("2、重复申请") && is_enumerator("3."));
        assert!(!is_enumerator("7730.28") && !is_enumerator("12.没有") && !is_enumerator("0"));
        // The number of the next, unrecognised label stays out of the row.
        assert_eq!(kinds("\t0\t0\n5.要求行政机关确认或重新出", false), ["0", "0", "T:5.要求行政机关确认或重新出"]);
    }

    #[test]
    fn a_label_with_a_wrong_character_is_placed_by_its_words() {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default()
            .replace("4. 保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0", "4. 保护第三方合法权利\t1\t0\t0\t0\t0\t0\t1");
        let parsed = crate::parse_str(&seed);
        let t = parsed.report.requests.as_ref().expect("table 3");
        let row = t.row(row::DENIED_THIRD_PARTY_RIGHTS).expect("placed");
        assert_eq!(row.label.trim(), "4. 保护第三方合法权利");
        assert_eq!(row.cells[0].as_ref().and_then(Cell::int), Some(1));
        // The row before keeps its seven values.
        assert!(t.row(row::DENIED_SECURITY_STABILITY).is_some_and(|r| r.cells.iter().all(Option::is_some)));
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
