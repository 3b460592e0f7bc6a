//! S105 missing-row: a standard row of a table is absent.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::Format;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S105,
        summary: ("a standard row of a table is absent", "统计表缺少规定的行"),
        explain: (
            "What: a table is there but one of its standard rows is not (for example table 3 without \
（六）其他处理 · 2.申请人逾期未按收费通知要求缴纳费用…). The message names the row's id and label.\n\
Why: the format fixes every row (国办公开办函〔2021〕30号, annex); deleting rows is named among the \
faults (\"严禁擅自删减报告事项\"), and a missing row breaks the sums of the table.\n\
Fails: table 3 going from 1.信访举报投诉类申请 straight to 3.要求提供公开出版物.\n\
Passes: all 25 rows of table 3, all 6 rows of table 2.\n\
Fix: add the row with its standard label; write 0 in its cells if nothing happened.",
            "检查内容：统计表存在，但缺少其中某个规定的行（如表三缺少“（六）其他处理 · 2.申请人逾期未按收费通知要求缴纳费用……”）。提示给出该行的标识和标签。\n\
依据：年报格式规定了每一行（国办公开办函〔2021〕30号附件）；“严禁擅自删减报告事项”，缺行也会使表内合计无法核对。\n\
错误示例：表三从“1.信访举报投诉类申请”直接跳到“3.要求提供公开出版物”。\n\
正确示例：表三 25 行、表二 6 行齐全。\n\
修改方法：按规定标签补上该行，没有发生的填 0。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let format = report.format.unwrap_or(Format::F2021);
    // A table whose rows the text does not keep is reported once (S107).
    let cut = ctx.cut();
    for table in [&report.active, &report.requests].into_iter().flatten().filter(|t| !t.layout_lost) {
        for (i, def) in table.def.rows.iter().enumerate().filter(|(_, r)| r.formats.contains(&format)) {
            if table.row(def.id).is_some() {
                continue;
            }
            // Rows after the point where a cut-short text stops: said by S101.
            if cut.is_some_and(|c| c.stops_in(table) && c.in_table.is_some_and(|t| i > t.row)) {
                continue;
            }
            let label = match def.group {
                Some(g) if g != def.label => format!("{g} · {}", def.label),
                _ => def.label.to_string(),
            };
            let id = format!("{}.{}", table.def.id.as_str(), def.id.as_str());
            let title = table.def.title;
            out.push(
                Diagnostic::new(
                    Code::S105,
                    Msg::new(
                        format!("row `{label}` is missing from the table `{title}`"),
                        format!("“{title}”表缺少“{label}”行"),
                    ),
                )
                .primary(table.span, Msg::new("in this table", "在此表中"))
                // The value id is for data users; the message speaks the form's words.
                // (in Chinese, the columns in words: an id is English to a clerk).
                .note(Msg::new(format!("value id: {id}"), "导出的数据表中，这一行对应的各列为空")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_without_a_row_passes_on_the_seed() {
        let text = seed().replace("\t\t2. 重复申请\t0\t0\t0\t0\t0\t0\t0\n", "");
        let d = run("S105", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("2.重复申请"));
        assert!(d[0].notes[0].en.contains("not_processed.repeated"));
        assert!(run("S105", &seed()).is_empty());
    }
}
