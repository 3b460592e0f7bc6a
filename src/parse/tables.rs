//! The three statistical tables, found by their labels and placed by the
//! template, whatever the layout: tab-separated rows with merged cells
//! flattened, one cell per line (with or without `|`), markdown pipe tables,
//! space-separated PDF text, or crawls whose cells are glued together.
//!
//! A row is found by its key (see [`crate::template::RowDef::key`]); its label
//! is then grown to as much of the standard label as the text agrees with; the
//! row's values are the value cells between the end of its label and the start
//! of the next label found. Columns are assigned by the template's order.
//!
//! The stages, one module each: [`super::tokens`] (the value region's
//! cells), [`super::rows`] (each row found and its label grown),
//! [`super::unglue`] (rows whose digits run together), [`super::shape`] (how
//! the text keeps the table: floods, labels apart, cells out of order) and
//! [`super::review`] (table 4). This module puts them together.

use super::glued::Constraint;
use super::labels;
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, Loose, Row, Span, Table};
use crate::normalize::Normalized;
use crate::template::{self, Format, TableDef};

use super::review::*;
use super::rows::*;
use super::shape::*;
use super::tokens::*;
use super::unglue::*;

/// Parses one table in the window `[from, to)` of the normalised text.
pub(crate) fn parse_table(
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

/// Whether any of `words` occurs in `text[from..to]` (spaces ignored); returns
/// the matches found.
pub(crate) fn find_words(text: &str, from: usize, to: usize, words: &[&str]) -> Vec<(String, usize, usize)> {
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
pub(crate) fn active_format(text: &str, from: usize, to: usize) -> (Format, Vec<(String, usize, usize)>) {
    let tells = find_words(text, from, to, template::TELLTALES_2019);
    if tells.is_empty() { (Format::F2021, tells) } else { (Format::F2019, tells) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{RowId, row};

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

    /// A row's key in the note of a label after it that is no standard row
    /// (Hubei's 2019 template, one cell a line: whkfq.gov.cn, 2020): the
    /// values stay with the row, not with the later label that names it.
    #[test]
    fn a_rows_key_in_a_later_labels_note_does_not_take_the_rows_values() {
        let text = "二、行政机关主动公开政府信息情况\n第二十条第(一)项 | |||\n信息内容 |\n本年新制作数量 |\n\
                    本年新 公开数量 |\n对外公开总数量 |\n规章(设区的市、自治州人民政府应提供相关数据) |\n0 |\n0 |\n0 |\n\
                    规范性文件(行政机关制定发布的决定、公告、通告、意见、通知,以及标题采用“规定”“办法”“细则”“规范”\
                    “规程”“规则”等字样的公文,一般情况下属于规范性文件) |\n11 |\n11 |\n11 |\n\
                    其他主动公开文件(含以本单位或本单位办公室名义正式签发的、除规范性文件以外的主动公开文件,\
                    可参考本单位政府信息公开平台“其他主动公开文件”栏目数据) |\n3 |\n3 |\n3 |\n";
        let parsed = crate::parse_str(text);
        let t = parsed.report.active.as_ref().expect("table 2");
        let row = t.row(row::NORMATIVE_DOCUMENTS).expect("规范性文件");
        let values: Vec<_> = row.cells.iter().map(|c| c.as_ref().and_then(|c| c.int())).collect();
        assert_eq!(values, [Some(11), Some(11), Some(11)]);
        assert!(parsed.text[row.label_span.start..].starts_with("规范性文件(行政机关"));
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

    /// Digits run into Latin letters are part of a word (a mirror's spam in
    /// a label, `bat365`, `365bet`): no cell, where they were read as 3|6|5.
    #[test]
    fn digits_in_a_latin_word_are_no_cell() {
        assert_eq!(
            kinds("规章(自治州bat365官网_365bet真人平台应提供相关数据) | 0 | 0 | 0 |\n", false),
            ["T:规章(自治州bat365官网_365bet真人平台应提供相关数据)", "0", "0", "0"]
        );
        assert_eq!(kinds("\t2629第二十条", false), ["2629", "T:第二十条"]);
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
