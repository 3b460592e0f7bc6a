//! A203 request-balance: 一 + 二 ≠ （七）总计 + 四, the note printed on table 3.

use super::{Ctx, Rule, RuleMeta, cell_name};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::{REQUEST_COLUMNS, row};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A203,
        summary: (
            "in a table-3 column, 一 + 二 ≠ （七）总计 + 四",
            "表三某列“第一项加第二项之和”不等于“第三项加第四项之和”",
        ),
        explain: (
            "What: in a column of table 3, 一、本年新收 + 二、上年结转 differs from （七）总计 + 四、结转下年度继续办理.\n\
Why: the table itself prints this rule in its header: （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） \
(国办公开办函〔2021〕30号). Every request received or carried over is either handled this year or carried forward.\n\
Fails: 新收 10, 上年结转 2, （七）总计 9, 结转下年度 2 (12 ≠ 11).\n\
Passes: 新收 10, 上年结转 2, （七）总计 10, 结转下年度 2.\n\
Fix: check the four figures of the column; last year's 结转下年度 is this year's 上年结转.",
            "检查内容：表三某一列“一、本年新收”+“二、上年结转”不等于“（七）总计”+“四、结转下年度继续办理”。\n\
依据：表格表头印有该勾稽关系：（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）（国办公开办函〔2021〕30号）。收到和结转的申请，要么本年办结，要么结转下年。\n\
错误示例：新收 10、上年结转 2、（七）总计 9、结转下年度 2（12≠11）。\n\
正确示例：新收 10、上年结转 2、（七）总计 10、结转下年度 2。\n\
修改方法：核对该列四个数；上年的“结转下年度”即本年的“上年结转”。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(table) = &ctx.report().requests else { return };
    for col in REQUEST_COLUMNS {
        let cells = [row::NEW_RECEIVED, row::CARRIED_OVER, row::OUTCOME_TOTAL, row::CARRIED_FORWARD]
            .map(|r| table.cell(r, col.id));
        let [Some(new), Some(carried), Some(total), Some(forward)] = cells else { continue };
        let (Some(a), Some(b), Some(c), Some(f)) = (new.int(), carried.int(), total.int(), forward.int()) else {
            continue;
        };
        // Sums beyond i64 are no counts: C402/C407 speak of such cells.
        let (Some(left), Some(right)) = (a.checked_add(b), c.checked_add(f)) else { continue };
        if left == right {
            continue;
        }
        let name = cell_name(table, row::CARRIED_FORWARD, col.id);
        out.push(
            Diagnostic::new(
                Code::A203,
                Msg::new(
                    format!(
                        "column {}: 一 + 二 = {a} + {b} = {} but （七）总计 + 四 = {c} + {f} = {}",
                        col.label, left, right
                    ),
                    format!(
                        "“{}”列：第一项加第二项 {a}+{b}={}，第三项加第四项 {c}+{f}={}，两者不等",
                        col.label, left, right
                    ),
                ),
            )
            .primary(
                forward.span,
                Msg::new(
                    format!("{} is {f}; the balance asks for {}", name.en, a + b - c),
                    format!("{}为 {f}，按勾稽关系应为 {}", name.zh, a + b - c),
                ),
            )
            .secondary(new.span, Msg::from(format!("一 {a}")))
            .secondary(carried.span, Msg::from(format!("二 {b}")))
            .secondary(total.span, Msg::from(format!("（七） {c}")))
            .note(Msg::new(
                "the table's own note: 第一项加第二项之和，等于第三项加第四项之和",
                "表头注明：第一项加第二项之和，等于第三项加第四项之和",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed, seed_with};

    #[test]
    fn fails_when_the_balance_breaks_passes_on_the_seed() {
        let text = seed_with("四、结转下年度继续办理\t\t0", "四、结转下年度继续办理\t\t2", 0);
        let d = run("A203", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(run("A203", &seed()).is_empty());
    }
}
