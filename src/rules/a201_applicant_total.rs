//! A201 applicant-total: in a table-3 row, 总计 ≠ the sum of the six applicant columns.

use super::{Ctx, Rule, RuleMeta, cell_name, int};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::{REQUEST_COLUMNS, col};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A201,
        summary: (
            "in a table-3 row, 总计 ≠ the sum of the six applicant columns",
            "表三某行的“总计”不等于六类申请人之和",
        ),
        explain: (
            "What: in a row of table 3 (收到和处理政府信息公开申请情况), the 总计 column differs from \
自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.\n\
Why: 总计 heads the 申请人情况 columns of the official table (国办公开办函〔2021〕30号, annex): it is their \
sum. Inspectors name wrong figures (\"数据失准\", \"发布内容不准确\") among the faults of annual reports.\n\
Fails:  一、本年新收政府信息公开申请数量\t80\t1\t0\t0\t0\t0\t80\n\
Passes: 一、本年新收政府信息公开申请数量\t80\t1\t0\t0\t0\t0\t81\n\
Fix: recount the row; correct either the 总计 or the column that is wrong.",
            "检查内容：表三（收到和处理政府信息公开申请情况）某一行的“总计”不等于“自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他”。\n\
依据：官方表格中“总计”是“申请人情况”各列之和（国办公开办函〔2021〕30号附件）。“数据失准”“发布内容不准确”是通报的年报问题。\n\
错误示例：一、本年新收政府信息公开申请数量\t80\t1\t0\t0\t0\t0\t80\n\
正确示例：一、本年新收政府信息公开申请数量\t80\t1\t0\t0\t0\t0\t81\n\
修改方法：重新核对该行，改正“总计”或出错的那一列。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(table) = &ctx.report().requests else { return };
    for row in &table.rows {
        let values: Option<Vec<i64>> = REQUEST_COLUMNS.iter().map(|c| int(row.cell(c.id))).collect();
        let Some(values) = values else { continue };
        let (parts, total) = values.split_at(6);
        let Some(sum) = parts.iter().try_fold(0i64, |a, v| a.checked_add(*v)) else { continue };
        if sum == total[0] {
            continue;
        }
        let Some(total_cell) = row.cell(col::TOTAL) else { continue };
        let name = cell_name(table, row.def.id, col::TOTAL);
        let addends = parts.iter().map(i64::to_string).collect::<Vec<_>>().join(" + ");
        let mut d = Diagnostic::new(
            Code::A201,
            Msg::new(
                format!("`{}` says {} but the six applicant columns sum to {sum}", name.en, total[0]),
                format!("“{}”为 {}，但六类申请人之和为 {sum}", name.zh, total[0]),
            ),
        )
        .primary(
            total_cell.span,
            Msg::new(format!("expected {sum}, found {}", total[0]), format!("应为 {sum}，实为 {}", total[0])),
        );
        for col in &REQUEST_COLUMNS[..6] {
            if let Some(c) = row.cell(col.id) {
                d = d.secondary(c.span, Msg::from(format!("{} {}", col.label, c.raw)));
            }
        }
        out.push(d.note(Msg::new(format!("{addends} = {sum}"), format!("{addends} = {sum}"))));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed, seed_with};

    #[test]
    fn fails_on_a_wrong_row_total_passes_on_the_seed() {
        let text = seed_with("一、本年新收政府信息公开申请数量\t\t0\t0", "一、本年新收政府信息公开申请数量\t\t3\t0", 0);
        let d = run("A201", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("says 0 but the six applicant columns sum to 3"), "{}", d[0].message.en);
        assert!(run("A201", &seed()).is_empty());
    }
}
