//! Tokenising a table's value region: the words between separators (tabs,
//! `|`, runs of spaces, line breaks) as value cells, blank cells, invalid
//! cells and text, each with its bytes in the normalised text; and a row's
//! values taken from the tokens after its label.

use super::cells::{CellText, bracketed_change, cell_value, chinese_numeral_cell, number_prefix};
use crate::model::{Cell, Span, Value};
use crate::normalize::Normalized;

/// Words between a label and its values that are still the label's (a
/// wrapped tail, a note): more, and the row has no values of its own.
const MAX_LABEL_TAILS: usize = 3;

/// A token of a value region.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum TokKind {
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
pub(super) struct Tok {
    pub(super) kind: TokKind,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Tok {
    pub(crate) fn is_value(&self) -> bool {
        matches!(self.kind, TokKind::Value(_))
    }
    fn is_cell(&self) -> bool {
        !matches!(self.kind, TokKind::Text)
    }
}

/// How `|` is used in a stretch of text: as the end of every cell (`0 |` on
/// each line, so a lone `|` is a blank cell), or between cells (markdown rows,
/// or lone `|` lines between one-cell lines, which are then no cells).
pub(super) fn pipes_terminate(text: &str) -> bool {
    // (No pipe at all, no line ended by one: most tables.)
    if memchr::memchr(b'|', text.as_bytes()).is_none() {
        return false;
    }
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
pub(super) fn tokenize(text: &str, from: usize, to: usize, terminator_pipes: bool, after_label: bool) -> Vec<Tok> {
    let mut toks = Vec::new();
    let Some(region) = text.get(from..to) else { return toks };
    let mut piece_start = 0;
    // The separator before the next piece (a line's start is a newline).
    let mut before = '\n';
    let mut first = after_label;
    // The separators are ASCII: found among the bytes, never inside a
    // character. Each piece runs up to the next one, the last to the end.
    let ends = memchr::memchr3_iter(b'\t', b'|', b'\n', region.as_bytes()).map(Some).chain([None]);
    for end in ends {
        let (s, e) = (piece_start, end.unwrap_or(region.len()));
        let right = end.map(|i| char::from(region.as_bytes()[i]));
        let left = std::mem::replace(&mut before, right.unwrap_or('\n'));
        piece_start = e + 1;
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
pub(super) fn piece_tokens(piece: &str, at: usize, toks: &mut Vec<Tok>) {
    let mut off = 0;
    let piece_toks = toks.len();
    let mut words = piece
        .split(' ')
        .map(|w| {
            let word_at = at + off;
            off += w.len() + 1;
            (word_at, w)
        })
        .peekable();
    while let Some((ws, word)) = words.next() {
        if word.is_empty() || word.chars().all(|c| c == '#') {
            continue;
        }
        // A 2019 本年增/减 cell written as its increase and decrease in
        // brackets (`+(0) -(0)`, `+(3) -(1)`): one value, their sum.
        if let Some(first) = bracketed_change(word) {
            let (mut sum, mut end) = (first, ws + word.len());
            while let Some(v) = words.peek().and_then(|&(_, next)| bracketed_change(next)) {
                let Some((at, next)) = words.next() else { break };
                sum += v;
                end = at + next.len();
            }
            let v = CellText::Number { value: sum as f64, integer: Some(sum), signed: true, unit: None };
            toks.push(Tok { kind: TokKind::Value(v), start: ws, end });
            continue;
        }
        words_to_tokens(word, ws, toks, piece_toks);
    }
}

/// A page number line of PDF text: `— 4 —`, `- 12 -`.
pub(super) fn is_page_mark(line: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–');
    let inner = line.trim_matches(|c: char| dash(c) || c == ' ');
    line.starts_with(dash) && line.ends_with(dash) && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// Whether a separated cell is text that is neither a number nor words of a
/// label: Latin letters, no Chinese, short.
pub(super) fn is_invalid_cell(cell: &str) -> bool {
    cell.chars().count() <= 16
        && cell.chars().any(|c| c.is_ascii_alphabetic())
        && !cell.chars().any(crate::normalize::is_han)
        && cell_value(cell).is_none()
}

/// Whether a word starts with a label's enumerator (`5.要求…`, `2、重复申请`,
/// `3. 其他`): one digit (the format numbers at most eight rows in a group),
/// a list mark, then no digit. An enumerator is never a cell, whatever
/// follows it.
pub(super) fn is_enumerator(word: &str) -> bool {
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
pub(super) fn words_to_tokens(word: &str, at: usize, out: &mut Vec<Tok>, piece_start: usize) {
    let mut pos = 0;
    while pos < word.len() {
        let rest = &word[pos..];
        // Digits run into Latin letters (`bat365`, `365bet`, `GB18030`: a
        // name, a link, a mirror's spam in a label) are part of that word,
        // never a cell.
        let latin = rest.starts_with(|c: char| c.is_ascii_digit())
            && (word[..pos].ends_with(|c: char| c.is_ascii_alphabetic())
                || rest
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .starts_with(|c: char| c.is_ascii_alphabetic()));
        if latin {
            let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
            push_text(out, piece_start, at + pos, at + pos + end);
            pos += end;
            continue;
        }
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
        push_text(out, piece_start, at + pos, at + pos + end);
        pos += end;
    }
}

/// Adds text `start..end`, merged into the text token before it when that
/// one is of the same cell (from `piece_start` on).
fn push_text(out: &mut Vec<Tok>, piece_start: usize, start: usize, end: usize) {
    let merge = out.len() > piece_start && out.last().is_some_and(|l| l.kind == TokKind::Text);
    match out.last_mut() {
        Some(last) if merge => last.end = end,
        _ => out.push(Tok { kind: TokKind::Text, start, end }),
    }
}

/// What the values after a label came to.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RowValues {
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
pub(super) fn loose_text(toks: &[Tok]) -> Vec<(usize, usize, usize)> {
    let first_value = toks.iter().position(Tok::is_value);
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Text).count();
    let skip = match first_value {
        // Label tails before the values belong to the label.
        Some(_) if lead <= MAX_LABEL_TAILS => lead,
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
pub(super) fn is_digit_run(text: &str, t: &Tok) -> bool {
    let s = &text[t.start..t.end];
    s.len() >= 2 && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Picks a row's `k` cells out of the tokens that follow its label.
pub(super) fn take_values(text: &str, toks: &[Tok], k: usize) -> RowValues {
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Text).count();
    if lead > MAX_LABEL_TAILS {
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
pub(super) fn to_cell(norm: &Normalized, tok: &Tok) -> Cell {
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
