//! C403 blank-cell: cells left blank or dashed where a number is expected.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Value;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C403,
        summary: ("cells are blank or a dash where a number is expected", "单元格空白或填“-”“/”，应填数字"),
        explain: (
            "What: value cells of a row are left blank or hold a dash, `/` or 无 instead of a number. \
One diagnostic per row, labelling each such cell.\n\
Why: a blank cell cannot be told from a cell that was forgotten, and it breaks every sum of the table. \
The format asks for figures in every cell (国办公开办函〔2021〕30号); real reports write /, leave 总计 blank, \
or leave whole rows empty. (No official instruction says \"write 0\"; this is a style rule, a warning.)\n\
Fails:  规章\t/\t/\t/\n\
Passes: 规章\t0\t0\t0\n\
Fix: write 0 where nothing happened.",
            "检查内容：某行的数值单元格空白，或填了“-”“/”“无”而不是数字。每行一条提示，逐一标出这些单元格。\n\
依据：空白单元格无法与漏填区分，也使表内合计无法核对。年报格式要求每格填写数字（国办公开办函〔2021〕30号）；实际报告中有填“/”、总计留空、整行空白的情况。（没有官方文件明确要求“填 0”，故此项为提醒。）\n\
错误示例：规章\t/\t/\t/\n\
正确示例：规章\t0\t0\t0\n\
修改方法：没有发生的填 0。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in ctx.report().tables() {
        // A table printed with its labels and not one value: said once.
        let stops_here = ctx.cut().is_some_and(|c| c.stops_in(table));
        // Values found that could not be placed (S107) or split (S109) are
        // no blank table.
        // Nor is a table of a text that lost its rows (I004).
        let unplaced = ctx.parsed.diagnostics.iter().any(|d| {
            d.code == Code::I004
                || (matches!(d.code, crate::diagnostic::Code::S107 | crate::diagnostic::Code::S109)
                    && d.primary_span().is_some_and(|s| table.span.start <= s.start && s.start <= table.span.end))
        });
        if table.rows.len() >= 3
            && !table.layout_lost
            && !stops_here
            && !unplaced
            && table.rows.iter().all(|r| r.cells.iter().all(Option::is_none))
        {
            let title = table.def.title;
            out.push(
                Diagnostic::new(
                    Code::C403,
                    Msg::new(
                        format!("table `{title}` has its rows but not one value; write 0 where there is nothing"),
                        format!("“{title}”表只有行标签，没有任何数值；没有的应填 0"),
                    ),
                )
                .primary(table.span, Msg::new("no value in this table", "此表没有数值")),
            );
            continue;
        }
        for row in &table.rows {
            let blanks: Vec<_> = row
                .def
                .columns
                .iter()
                .zip(&row.cells)
                .filter_map(|(col, c)| c.as_ref().filter(|c| c.value == Value::Empty).map(|c| (col, c)))
                .collect();
            let Some((_, first)) = blanks.first() else { continue };
            let label = row.def.label;
            let cols: Vec<&str> =
                blanks.iter().map(|(col, _)| if col.label.is_empty() { label } else { col.label }).collect();
            let mut d = Diagnostic::new(
                Code::C403,
                Msg::new(
                    format!(
                        "row `{label}`: {} cell(s) are blank or a dash ({}); write 0 where there is nothing",
                        blanks.len(),
                        cols.join(", ")
                    ),
                    format!(
                        "“{label}”行有 {} 个单元格空白或填“-”“/”（{}），没有的应填 0",
                        blanks.len(),
                        cols.join("、")
                    ),
                ),
            );
            d = d.primary(first.span, what(first));
            for (_, c) in blanks.iter().skip(1) {
                d = d.secondary(c.span, what(c));
            }
            out.push(d);
        }
    }
}

/// The label of a blank cell: `blank` / `空白`, or the dash as written.
fn what(c: &crate::model::Cell) -> Msg {
    if c.raw.is_empty() { Msg::new("blank", "空白") } else { Msg::from(format!("`{}`", c.raw)) }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn a_table_without_any_value_is_said_once() {
        let seed = seed();
        let (s, e) = (seed.find("一、本年新收").expect("t3"), seed.find("四、政府信息公开行政复议").expect("t4"));
        // Keep the enumerators of the labels (`1. 属于…`): drop only the cells.
        let empty = seed[s..e]
            .lines()
            .map(|l| l.split('\t').filter(|c| c.trim() != "0").collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!("{}{}\n{}", &seed[..s], empty, &seed[e..]);
        let d = run("C403", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("not one value"));
    }

    #[test]
    fn fails_once_per_row_passes_on_the_seed() {
        let text = seed().replacen("规章\t0\t0\t0", "规章\t/\t/\t/", 1);
        let d = run("C403", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].labels.len(), 3);
        assert!(run("C403", &seed()).is_empty());
    }
}
