//! A204 review-total: in a table-4 group, 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::{REVIEW_COLUMNS, col};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A204,
        summary: ("in a table-4 group, 总计 ≠ the sum of its four results", "表四某组“总计”不等于四项结果之和"),
        explain: (
            "What: in one of the three groups of table 4 (行政复议; 行政诉讼 · 未经复议直接起诉; 行政诉讼 · \
复议后起诉), 总计 differs from 结果维持 + 结果纠正 + 其他结果 + 尚未审结.\n\
Why: 总计 is the total of its group in the official table (国办公开办函〔2021〕30号). There is no sum across \
groups: a case reviewed and then brought to court counts in 行政复议 and again in 复议后起诉. When the \
复议机关 is co-defendant, only the original agency counts the case (国办公开办函〔2016〕201号).\n\
Fails:  行政复议: 1 0 0 1 | 总计 3\n\
Passes: 行政复议: 1 0 0 1 | 总计 2\n\
Fix: recount the group's cases.",
            "检查内容：表四三组（行政复议；行政诉讼·未经复议直接起诉；行政诉讼·复议后起诉）中某组的“总计”不等于“结果维持+结果纠正+其他结果+尚未审结”。\n\
依据：官方表格中“总计”是本组的合计（国办公开办函〔2021〕30号）。各组之间没有合计关系：复议后又起诉的案件既计入行政复议，也计入复议后起诉。复议机关作共同被告的，只由原行政机关统计（国办公开办函〔2016〕201号）。\n\
错误示例：行政复议：1 0 0 1，总计 3\n\
正确示例：行政复议：1 0 0 1，总计 2\n\
修改方法：重新核对该组案件数。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(table) = &ctx.report().review else { return };
    for row in &table.rows {
        let values: Option<Vec<i64>> = REVIEW_COLUMNS.iter().map(|c| row.cell(c.id).and_then(|c| c.int())).collect();
        let Some(values) = values else { continue };
        let Some(sum) = values[..4].iter().try_fold(0i64, |a, v| a.checked_add(*v)) else { continue };
        let total = values[4];
        if sum == total {
            continue;
        }
        let Some(total_cell) = row.cell(col::TOTAL) else { continue };
        let group = match row.def.group {
            Some(g) => format!("{g} · {}", row.def.label),
            None => row.def.label.to_string(),
        };
        let mut d = Diagnostic::new(
            Code::A204,
            Msg::new(
                format!("`{group} · 总计` says {total} but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {sum}"),
                format!("“{group}”的总计为 {total}，但结果维持、结果纠正、其他结果、尚未审结之和为 {sum}"),
            ),
        )
        .primary(
            total_cell.span,
            Msg::new(format!("expected {sum}, found {total}"), format!("应为 {sum}，实为 {total}")),
        );
        for col in &REVIEW_COLUMNS[..4] {
            if let Some(c) = row.cell(col.id) {
                d = d.secondary(c.span, Msg::from(format!("{} {}", col.label, c.raw)));
            }
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_a_wrong_group_total_passes_on_the_seed() {
        let s = seed();
        let last = s.lines().find(|l| l.starts_with("0\t0\t0\t0\t0\t0")).unwrap_or("").to_string();
        let text = s.replacen(&last, &last.replacen("0\t0\t0\t0\t0", "1\t0\t0\t0\t0", 1), 1);
        let d = run("A204", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("says 0 but"), "{}", d[0].message.en);
        assert!(run("A204", &seed()).is_empty());
    }
}
