//! Table 4 (行政复议、行政诉讼): its fifteen values found after the anchor
//! words however the headers are printed (one character per line, stacked,
//! as one row), placed by the template's three groups.

use super::glued::Constraint;
use super::labels;
use super::shape::*;
use super::tokens::*;
use super::unglue::*;
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::{Cell, Row, Span, Table};
use crate::normalize::Normalized;
use crate::template::{self, RowDef, TableDef, TableId, row};

/// The values of table 4: the value cells that follow header words, in order.
pub(super) fn find_review_values(text: &str, from: usize, to: usize) -> (Vec<Tok>, Option<(usize, usize)>) {
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

/// Parses table 4 in the window.
pub(super) fn parse_review(norm: &Normalized, from: usize, to: usize, diags: &mut Vec<Diagnostic>) -> Option<Table> {
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
        // The header printed whole and not one value after it (a table
        // left blank): the table, with every cell unknown (C403 says so),
        // not a missing table. A word or two of it is prose, or a heading.
        RowValues::Missing => {
            let header: String = text[hs..he].chars().filter(|c| !c.is_whitespace()).collect();
            if def.header_labels.iter().filter(|w| header.contains(**w)).count() < BLANK_TABLE_HEADER_WORDS {
                return None;
            }
        }
    }
    let end = rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| c.span.end)).max().unwrap_or(header_span.end);
    Some(Table { def, span: Span::new(header_span.start, end), rows, loose: Vec::new(), layout_lost: false })
}

/// Header labels of table 4 (of its nine) that make a header with no value
/// after it a blank table rather than none.
const BLANK_TABLE_HEADER_WORDS: usize = 6;

/// A run of values this many times table 4's width is no row of it.
pub(super) const FLOOD_ROWS: usize = 2;

/// Table 4 seen as one row of fifteen cells, for the messages about its run.
pub(super) static REVIEW_AS_ONE_ROW: TableDef =
    TableDef { id: TableId::Review, title: template::REVIEW.title, section: 4, rows: &[], header_labels: &[] };

pub(super) fn malformed(norm: &Normalized, def: &RowDef, label: &str, label_span: Span, toks: &[Tok]) -> Diagnostic {
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

#[cfg(test)]
mod tests {
    /// Table 4's header printed whole, one label a line, and not one value
    /// (a township's report of 2019, xiongxian.gov.cn): a blank table, not
    /// a missing one. A heading word alone before prose is no table.
    #[test]
    fn a_header_without_values_is_a_blank_table() {
        let blank = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n\
                     未经复议直接起诉\n复议后起诉\n五、存在的主要问题及改进情况\n";
        let parsed = crate::parse_str(blank);
        let table = parsed.report.review.as_ref().expect("table 4");
        assert!(table.rows.iter().all(|r| r.cells.iter().all(Option::is_none)));
        let prose = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n本年度未发生行政复议和行政诉讼。\n\
                     五、存在的主要问题及改进情况\n";
        assert!(crate::parse_str(prose).report.review.is_none());
    }
}
