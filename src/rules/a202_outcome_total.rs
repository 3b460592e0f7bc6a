//! A202 outcome-total: in a table-3 column, （七）总计 ≠ the sum of the outcome rows.

use super::{Ctx, Rule, RuleMeta, cell_name, int};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::{self, Format, REQUEST_COLUMNS, row};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A202,
        summary: (
            "in a table-3 column, （七）总计 ≠ the sum of the outcome rows",
            "表三某列“（七）总计”不等于各办理结果之和",
        ),
        explain: (
            "What: in a column of table 3, （七）总计 differs from the sum of every leaf outcome row: \
（一）予以公开, （二）部分公开, the 8 rows of （三）不予公开, the 3 of （四）无法提供, the 5 of （五）不予处理 \
and the 3 of （六）其他处理 (one row in the 2019 format).\n\
Why: （七）总计 is the total of 三、本年度办理结果 in the official table (国办公开办函〔2021〕30号); the \
groups （三）–（六） have no subtotal rows of their own, so every leaf counts once.\n\
Fails: 予以公开 5, 部分公开 2, all others 0, and （七）总计 8.\n\
Passes: the same with （七）总计 7.\n\
Fix: recount the outcomes; a request counted under two outcomes (区分处理) belongs to （二）部分公开 only.",
            "检查内容：表三某一列的“（七）总计”不等于各项办理结果之和：（一）予以公开、（二）部分公开、（三）不予公开 8 项、（四）无法提供 3 项、（五）不予处理 5 项、（六）其他处理 3 项（2019 年格式为 1 项）。\n\
依据：“（七）总计”是官方表格“三、本年度办理结果”的合计（国办公开办函〔2021〕30号）；（三）至（六）没有小计行，每个末级项目计一次。\n\
错误示例：予以公开 5、部分公开 2、其余为 0，而“（七）总计”为 8。\n\
正确示例：同上，“（七）总计”为 7。\n\
修改方法：重新核对办理结果；区分处理的申请只计入“（二）部分公开”。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let Some(table) = &report.requests else { return };
    let format = if report.format == Some(Format::F2019) { Format::F2019 } else { Format::F2021 };
    let leaves: Vec<_> = template::outcome_leaves(format).collect();
    for col in REQUEST_COLUMNS {
        let Some(total_cell) = table.cell(row::OUTCOME_TOTAL, col.id) else { continue };
        let Some(total) = total_cell.int() else { continue };
        let values: Option<Vec<i64>> = leaves.iter().map(|l| int(table.cell(l.id, col.id))).collect();
        let Some(values) = values else { continue };
        let Some(sum) = values.iter().try_fold(0i64, |a, v| a.checked_add(*v)) else { continue };
        if sum == total {
            continue;
        }
        let name = cell_name(table, row::OUTCOME_TOTAL, col.id);
        let mut d = Diagnostic::new(
            Code::A202,
            Msg::new(
                format!("`{}` says {total} but the outcome rows above sum to {sum}", name.en),
                format!("“{}”为 {total}，但上方各办理结果之和为 {sum}", name.zh),
            ),
        )
        .primary(
            total_cell.span,
            Msg::new(format!("expected {sum}, found {total}"), format!("应为 {sum}，实为 {total}")),
        );
        let mut terms = Vec::new();
        for (leaf, v) in leaves.iter().zip(&values) {
            if *v != 0 {
                if let Some(c) = table.cell(leaf.id, col.id) {
                    d = d.secondary(c.span, Msg::from(format!("{} {v}", leaf.label)));
                }
                terms.push(format!("{} {v}", leaf.label));
            }
        }
        let note = if terms.is_empty() {
            Msg::new("every outcome row of this column is 0", "该列各办理结果均为 0")
        } else {
            let terms = terms.join(" + ");
            Msg::new(format!("{terms} = {sum}"), format!("{terms} = {sum}"))
        };
        out.push(d.note(note));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed, seed_with};

    #[test]
    fn fails_on_a_wrong_outcome_total_passes_on_the_seed() {
        let text = seed_with("(七) 总计\t0", "(七) 总计\t4", 0);
        let d = run("A202", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("says 4 but the outcome rows above sum to 0"));
        assert!(run("A202", &seed()).is_empty());
    }
}
