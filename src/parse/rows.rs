//! Row placement: each row of a table found by its key words (outside the
//! bracketed notes of other labels), its label grown to as much of the
//! standard label as the text agrees with (wrapped over lines, cut short),
//! and labels written with a wrong character found by their likeness.

use super::labels;
use super::tokens::*;
use crate::template::{RowDef, RowId, TableDef};

/// Bytes looked back for an open bracket of a label's note (`(含…`): about
/// fifty Chinese characters, longer than the notes the template and the
/// reports seen write.
const NOTE_LOOKBACK: usize = 160;
/// The longest piece of another cell that may stand between the parts of a
/// label wrapped over lines (a header word, `组织`).
const WRAP_PIECE_CHARS: usize = 8;

/// A row found in the text, before its values are placed.
#[derive(Debug, Clone)]
pub(super) struct FoundRow {
    pub(super) def: &'static RowDef,
    pub(super) label_start: usize,
    pub(super) label_end: usize,
    pub(super) values: RowValues,
    /// The next label starts with an enumerator digit glued to this row's
    /// last digit run (`…3100000312.没有现成…`): that digit may be a value.
    pub(super) enum_digit: Option<usize>,
    /// Text after the row's values, before the next row (normalised ranges,
    /// values after each).
    pub(super) loose: Vec<(usize, usize, usize)>,
    /// The rest of a label wrapped around its values (`pdftotext -layout`
    /// prints `…只计这一情` / the numbers / `形，不计其他情形）`).
    pub(super) tail: Option<(usize, usize)>,
    /// The last text between the label and the values, when values follow.
    pub(super) lead: Option<(usize, usize)>,
    /// The start of a label wrapped onto a line above it, possibly with a
    /// piece of a merged group cell between (`2、申请人逾期未按收费通知要` /
    /// `他处理` / `求缴纳费用…`).
    pub(super) head: Option<(usize, usize)>,
}

/// Finds the rows of `def` in `text[from..to]`.
pub(super) fn find_rows(text: &str, def: &'static TableDef, from: usize, to: usize) -> Vec<FoundRow> {
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
    //    Not the key in the note of a label that is no standard row
    //    (`其他主动公开文件(…除规范性文件以外的…)` after `规范性文件`).
    for i in 0..hits.len() {
        let bound = hits.get(i + 1).map_or(to, |h| h.1);
        let (_, _, e, ref key) = hits[i];
        if let Some((s2, e2)) = rfind_outside_notes(text, e, bound, key) {
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

pub(super) type Hit = (&'static RowDef, usize, usize, Vec<char>);

/// Whether `at` lies inside a bracketed note of the label it stands in
/// (`其他对外管理服务事项(…含行政确认、行政处罚、行政强制…)`): an open
/// bracket before it in the same cell, not closed. Another row's words in
/// such a note are not that row.
pub(super) fn in_a_note(text: &str, at: usize) -> bool {
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
        if n >= NOTE_LOOKBACK {
            break;
        }
    }
    false
}

/// The first match of a row's key outside the notes of other labels.
pub(super) fn find_outside_notes(text: &str, from: usize, to: usize, key: &[char]) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some((s, e)) = labels::find(text, at, to, key) {
        if !in_a_note(text, s) {
            return Some((s, e));
        }
        at = e;
    }
    None
}

/// The last match of a row's key outside the notes of other labels.
fn rfind_outside_notes(text: &str, from: usize, to: usize, key: &[char]) -> Option<(usize, usize)> {
    let mut last = None;
    let mut at = from;
    while let Some((s, e)) = labels::find(text, at, to, key) {
        if !in_a_note(text, s) {
            last = Some((s, e));
        }
        at = e;
    }
    last
}

/// Grows the labels found to the standard text and reads the values between
/// one label and the next.
pub(super) fn place(text: &str, from: usize, to: usize, hits: &[Hit]) -> Vec<FoundRow> {
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(hits.len());
    for (i, (row, s, e, key)) in hits.iter().enumerate() {
        let lo = spans.last().map_or(from, |p| p.1).min(*s);
        let hi = hits.get(i + 1).map_or(to, |h| h.1).max(*e);
        let label = labels::pattern(row.label);
        let (mut ls, mut le) = labels::extend(text, *s, *e, &label, key, lo, hi);
        // Where the words differ from the standard, the label is the whole
        // cell it stands in: a fix then replaces all of it, and W302 quotes it.
        let found = &text[ls..le];
        if !labels::pattern_is_affix(&label, found, true) {
            le = cell_end(text, le, hi);
        }
        if !labels::pattern_is_affix(&label, found, false) {
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
pub(super) fn ends_cell(c: char) -> bool {
    matches!(c, '\t' | '|' | '\n') || c.is_ascii_digit()
}

/// The end of the label cell that `at` is in (before `hi`): up to a cell
/// separator, a number, or a gap of two spaces; trailing spaces left out.
pub(super) fn cell_end(text: &str, at: usize, hi: usize) -> usize {
    let Some(rest) = text.get(at..hi) else { return at };
    let stop =
        rest.char_indices().find(|&(i, c)| ends_cell(c) || rest[i..].starts_with("  ")).map_or(rest.len(), |(i, _)| i);
    at + rest[..stop].trim_end_matches(' ').len()
}

/// The start of the label cell that `at` is in (after `lo`), with its
/// enumerator (`2.` of `2.其他…`).
pub(super) fn cell_start(text: &str, at: usize, lo: usize) -> usize {
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
pub(super) fn wrapped_tail(
    text: &str,
    standard: &str,
    head: &str,
    toks: &[Tok],
    values: &RowValues,
) -> Option<(usize, usize)> {
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
pub(super) fn wrapped_head(text: &str, standard: &str, lo: usize, ls: usize, le: usize) -> Option<(usize, usize)> {
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
        if trimmed.chars().count() > WRAP_PIECE_CHARS
            || trimmed.contains(|c: char| c.is_ascii_digit() || c == '\t' || c == '|')
        {
            return None;
        }
        end = start.checked_sub(1)?;
    }
    None
}

/// A label's words as likeness compares them: its pattern without the
/// leading enumerator and without punctuation.
fn label_words(s: &str) -> Vec<char> {
    let p = labels::pattern(s);
    let skip = p.iter().take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '(' | ')')).count();
    p[skip..].iter().copied().filter(|c| !matches!(c, ',' | '"' | '(' | ')' | ':')).collect()
}

/// A written label, its words taken once for comparing with every row.
struct Written {
    words: Vec<char>,
    /// The words before a note in brackets at its end (`规范性文件(行政机关…)`).
    bare: Option<Vec<char>>,
    enumerator: Option<String>,
}

impl Written {
    fn new(text: &str) -> Self {
        let noted = text.trim_end().ends_with([')', '）']);
        let bare = text.find(['(', '（']).filter(|&at| noted && at > 0).map(|at| label_words(&text[..at]));
        Written { words: label_words(text), bare, enumerator: enumerator(text) }
    }

    /// The share of a standard label (its words given) that this one keeps,
    /// enumerators and punctuation aside (0–1); 0 for any below
    /// `floor` that a bound on the common words already rules out.
    fn likeness(&self, standard_words: &[char], standard: &str, floor: f64) -> f64 {
        let score = |a: &[char]| {
            let longest = a.len().max(standard_words.len()).max(1);
            if (a.len().min(standard_words.len()) as f64) < floor * longest as f64 {
                return 0.0;
            }
            labels::lcs(a, standard_words) as f64 / longest as f64
        };
        // A note in brackets after the label's words, where the standard has
        // none, is no part of them.
        let whole = score(&self.words);
        match &self.bare {
            Some(b) if !standard.trim_end().ends_with([')', '）']) => score(b).max(whole),
            _ => whole,
        }
    }
}

/// The enumerator a label starts with (`2` of `2.其他…`, `三` of `（三）…`).
pub(super) fn enumerator(label: &str) -> Option<String> {
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
pub(super) const NEAR_MISS: f64 = 0.6;
/// The least likeness for the only label between a missing row's neighbours.
pub(super) const NEAR_MISS_ALONE: f64 = 0.5;

/// Labels for the rows not found by their keys: loose text with values after
/// it, between the rows found before and after the row in the template,
/// worded like the row (at least [`NEAR_MISS`]) and with the same enumerator
/// where both have one. Each piece of text is given to one row at most.
pub(super) fn near_misses(
    text: &str,
    def: &'static TableDef,
    from: usize,
    hits: &[Hit],
    rows: &[FoundRow],
) -> Vec<Hit> {
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
    let written: Vec<Written> = loose.iter().map(|&(s, e)| Written::new(text[s..e].trim())).collect();
    let mut taken: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (t, row) in def.rows.iter().enumerate() {
        if hits.iter().any(|h| h.0.id == row.id) {
            continue;
        }
        let before = hits.iter().filter(|h| order(h.0.id) < t).map(|h| h.2).max().unwrap_or(0);
        let after = hits.iter().filter(|h| order(h.0.id) > t).map(|h| h.1).min().unwrap_or(usize::MAX);
        let want = enumerator(row.label);
        let mut standard: Option<Vec<char>> = None;
        let candidates = loose
            .iter()
            .enumerate()
            .filter(|(i, (s, e))| *s >= before && *e <= after && !taken.contains(i))
            .filter_map(|(i, &(s, e))| {
                let w = &written[i];
                let agrees = match (&w.enumerator, &want) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                if !agrees {
                    return None;
                }
                let standard = standard.get_or_insert_with(|| label_words(row.label));
                let score = w.likeness(standard, row.label, NEAR_MISS_ALONE);
                (score >= NEAR_MISS_ALONE).then_some((i, s, e, score))
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
