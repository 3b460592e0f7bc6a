//! How the text keeps a table: floods of values after one label, labels
//! printed apart from their cells, cells out of row order (a PDF's text
//! printed column by column), a 2019 table 2 in the 2021 form; and the
//! diagnostics that say a table's layout was lost (I004).

use super::cells::CellText;
use super::glued::Constraint;
use super::labels;
use super::rows::*;
use super::tables::find_words;
use super::tokens::*;
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::{self, TableDef, TableId};

/// A run of values this many rows long after one label is a flood, whatever
/// follows it.
pub(super) const FLOOD_ROWS_OF_VALUES: usize = 2;
/// Rows a table needs before its labels can be judged apart from its cells.
pub(super) const LABELS_APART_MIN_ROWS: usize = 4;
/// Tenths of those rows that must have no value of their own.
pub(super) const LABELS_APART_BARE_TENTHS: usize = 6;

/// What the rows found say of how the text keeps the table.
pub(super) struct Shape {
    /// A 2019 table 2 with blocks in the 2021 form.
    pub(super) mixed: bool,
    /// Runs of values longer than a row after one label, or labels apart
    /// from their cells.
    pub(super) flooded: bool,
    pub(super) layout_lost: bool,
    /// No value of the table can be trusted (cells printed column by column).
    pub(super) disorder: bool,
    /// The longest run of values after one label.
    pub(super) longest: usize,
    /// Per row found: whether it stands under a header of the 2021 form.
    pub(super) in_2021_form: Vec<bool>,
}

/// How the text keeps a table whose rows are `found` in `[from, to)`.
pub(super) fn shape_of(
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
    let headers_2021 = if def.id == TableId::Active2019 {
        let mut h = find_words(text, from, to, template::HEADERS_2021);
        h.extend(one_column_headers(text, from, to));
        h.sort_by_key(|w| w.1);
        h
    } else {
        Vec::new()
    };
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

/// The 2021 form's one-column headers worded otherwise, in `[from, to)`: a
/// fee amount (`本年度收费金额`), and 处理决定数量 with no header of the 2019
/// form between it and the 信息内容 before it (`信息内容 | 处理决定数量 | ||`,
/// where the 2019 form has `信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量`).
fn one_column_headers(text: &str, from: usize, to: usize) -> Vec<(String, usize, usize)> {
    let all = |word: &str| {
        let pat = labels::pattern(word);
        let mut found = Vec::new();
        let mut at = from;
        while let Some((s, e)) = labels::find(text, at, to, &pat) {
            found.push((s, e));
            at = e;
        }
        found
    };
    let contents = all(template::CONTENT_HEADER);
    let mut out: Vec<(String, usize, usize)> =
        all(template::FEE_AMOUNT_HEADER).into_iter().map(|(s, e)| (template::FEE_AMOUNT_HEADER.into(), s, e)).collect();
    for (s, e) in all(template::DECISIONS_HEADER) {
        let Some(&(_, content_end)) = contents.iter().rev().find(|c| c.1 <= s) else { continue };
        if find_words(text, content_end, s, template::HEADERS_2019).is_empty() {
            out.push((template::DECISIONS_HEADER.into(), s, e));
        }
    }
    out
}

/// Whether a run of cells reads as rows of `width`: each whole row of it
/// adds up to its total where the table has row totals, or (without totals)
/// the run is whole rows. A run of one row and a few cells more is a ragged
/// row, not a table printed column by column.
pub(super) fn whole_rows(run: &[Tok], width: usize, totals: bool) -> bool {
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
pub(super) fn lost_layout(def: &TableDef, span: Span, run: usize, disorder: bool) -> Diagnostic {
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

pub(super) fn mixed_forms(def: &TableDef, span: Span) -> Diagnostic {
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

#[cfg(test)]
mod tests {
    use super::one_column_headers;

    /// `处理决定数量` right after `信息内容` heads a block of the 2021 form; after
    /// `上一年项目数量 本年增/减` it is the 2019 form's third column. A fee
    /// amount is the 2021 form's, however it is worded.
    #[test]
    fn one_column_headers_are_told_from_the_2019_form() {
        let found =
            |text: &str| -> Vec<String> { one_column_headers(text, 0, text.len()).into_iter().map(|h| h.0).collect() };
        assert_eq!(found("信息内容 | 处理决定数量 | ||\n行政许可 | 117 | ||\n"), ["处理决定数量"]);
        assert!(found("信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t8\t5\t93\n").is_empty());
        assert!(found("信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n").is_empty());
        assert_eq!(found("信息内容 | 本年度收费金额(单位:万元) | ||\n"), ["收费金额"]);
        // No 信息内容 before it: not told.
        assert!(found("处理决定数量\n").is_empty());
    }
}
